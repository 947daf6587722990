/* source_jsonl.c - JSON Lines versions and documents (jsonl.h) through json-c, in the
 * web module beside the JSON-LD reader, so that the program links no JSON
 * library.  Each line is parsed on its own by a strict tokener that
 * validates UTF-8; the first line that is not one JSON object with a
 * "text" string stops the parse with its number. */
#include "config.h"

#include "jsonl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HAVE_JSON_C

bool jsonl_supported(void)
{
    return false;
}

#define NO_JSON_C                                                                                  \
    "JSON Lines need json-c, and wirediff was built without it "                                   \
    "(Debian: apt-get install libjson-c-dev, then configure again)"

bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX])
{
    (void)bytes;
    (void)len;
    *out = NULL;
    *n = 0;
    snprintf(err, SOURCE_ERR_MAX, NO_JSON_C);
    return false;
}

bool jsonl_docs_parse(const char *bytes, size_t len, struct jsonl_doc **out, size_t *n,
                      char err[SOURCE_ERR_MAX])
{
    (void)bytes;
    (void)len;
    *out = NULL;
    *n = 0;
    snprintf(err, SOURCE_ERR_MAX, NO_JSON_C);
    return false;
}

#else

#include <inttypes.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <time.h>

#include "source_int.h"
#include "text.h"
#include "util.h"
#include "versions.h"

bool jsonl_supported(void)
{
    return true;
}

/* A string decoded from its escapes must be UTF-8 too (json-c 0.16 turns
 * a lone surrogate escape, "\ud800", into U+FFFD; a check that costs a
 * pass over the bytes keeps that a fact here whatever its version). */
static bool valid(const char *s, size_t n, const char *key, size_t line, char err[SOURCE_ERR_MAX])
{
    if (text_count_invalid(s, n) == 0) return true;
    snprintf(err, SOURCE_ERR_MAX, "line %zu: \"%s\" is not valid UTF-8 (a lone surrogate?)", line,
             key);
    return false;
}

/* A member that must be a string or absent or null: *ok false (and err
 * set) when it is something else.  The cleaned string, or NULL. */
static char *member_string(struct json_object *o, const char *key, size_t line, bool *ok,
                           char err[SOURCE_ERR_MAX])
{
    struct json_object *m;
    if (!json_object_object_get_ex(o, key, &m) || json_object_is_type(m, json_type_null))
        return NULL;
    if (!json_object_is_type(m, json_type_string)) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: \"%s\" is not a string", line, key);
        *ok = false;
        return NULL;
    }
    const char *v = json_object_get_string(m);
    size_t n = (size_t)json_object_get_string_len(m);
    if (!valid(v, n, key, line, err)) {
        *ok = false;
        return NULL;
    }
    return page_clean_string(v, n);
}

/* "time": an ISO 8601 string (kept as written, once it parses) or seconds
 * since the epoch (as ISO 8601 UTC). */
static char *member_time(struct json_object *o, size_t line, bool *ok, char err[SOURCE_ERR_MAX])
{
    struct json_object *m;
    if (!json_object_object_get_ex(o, "time", &m) || json_object_is_type(m, json_type_null))
        return NULL;
    if (json_object_is_type(m, json_type_int) || json_object_is_type(m, json_type_double)) {
        double secs = json_object_get_double(m);
        /* from 0000-01-01 to 9999-12-31, as versions_format_time shows them */
        if (!isfinite(secs) || secs < -62167219200.0 || secs > 253402300799.0) {
            snprintf(err, SOURCE_ERR_MAX, "line %zu: \"time\" is out of range", line);
            *ok = false;
            return NULL;
        }
        char buf[32];
        versions_format_time((int64_t)floor(secs), buf, sizeof buf);
        /* "2026-11-23 17:10[:05]" to ISO 8601 */
        char iso[40];
        buf[10] = 'T';
        snprintf(iso, sizeof iso, "%s%sZ", buf, strlen(buf) == 16 ? ":00" : "");
        return xstrdup(iso);
    }
    char *s = member_string(o, "time", line, ok, err);
    int64_t t;
    if (s && !versions_parse_iso8601(s, &t)) {
        snprintf(err, SOURCE_ERR_MAX,
                 "line %zu: \"time\" is not an ISO 8601 date and time (2026-11-23T17:10:00Z)",
                 line);
        *ok = false;
        free(s);
        return NULL;
    }
    return s;
}

/* Line s[0..len), number no, as one JSON object (the caller puts it), or
 * NULL with err set: valid UTF-8, one value, nothing after it. */
static struct json_object *line_object(struct json_tokener *tok, const char *s, size_t len,
                                       size_t no, char err[SOURCE_ERR_MAX])
{
    if (len > INT_MAX) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: longer than %d bytes", no, INT_MAX);
        return NULL;
    }
    /* json-c's own check (JSON_TOKENER_VALIDATE_UTF8) lets UTF-8 encoded
     * surrogates through: the line is checked first, as text.h decodes */
    if (text_count_invalid(s, len) != 0) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: not valid UTF-8", no);
        return NULL;
    }
    json_tokener_reset(tok);
    struct json_object *o = json_tokener_parse_ex(tok, s, (int)len);
    enum json_tokener_error je = json_tokener_get_error(tok);
    if (!o) {
        if (je == json_tokener_continue)
            snprintf(err, SOURCE_ERR_MAX, "line %zu: the JSON value is cut short", no);
        else
            snprintf(err, SOURCE_ERR_MAX, "line %zu: %s", no, json_tokener_error_desc(je));
        return NULL;
    }
    size_t end = json_tokener_get_parse_end(tok);
    while (end < len && (s[end] == ' ' || s[end] == '\t'))
        end++;
    if (end < len)
        snprintf(err, SOURCE_ERR_MAX, "line %zu: more after the JSON value (one object a line)",
                 no);
    else if (!json_object_is_type(o, json_type_object))
        snprintf(err, SOURCE_ERR_MAX, "line %zu: not a JSON object", no);
    else
        return o;
    json_object_put(o);
    return NULL;
}

/* The string member key of o, required (*t, *n), checked: false with
 * err set when it is not a string, holds a NUL or is not UTF-8. */
static bool text_member(struct json_object *o, const char *key, size_t no, const char **t,
                        size_t *n, char err[SOURCE_ERR_MAX])
{
    struct json_object *m;
    if (!json_object_object_get_ex(o, key, &m) || !json_object_is_type(m, json_type_string)) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: no \"%s\" string", no, key);
        return false;
    }
    *n = (size_t)json_object_get_string_len(m);
    *t = json_object_get_string(m);
    if (memchr(*t, '\0', *n)) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: \"%s\" holds a NUL character", no, key);
        return false;
    }
    return valid(*t, *n, key, no, err);
}

/* Line s[0..len), number no, into *v; false with err set. */
static bool parse_line(struct json_tokener *tok, const char *s, size_t len, size_t no,
                       struct jsonl_version *v, char err[SOURCE_ERR_MAX])
{
    memset(v, 0, sizeof *v);
    v->line = no;
    struct json_object *o = line_object(tok, s, len, no, err);
    if (!o) return false;
    const char *t;
    bool ok = text_member(o, "text", no, &t, &v->len, err);
    if (ok) {
        v->meta.headline = member_string(o, "title", no, &ok, err);
        if (ok) v->meta.url = member_string(o, "url", no, &ok, err);
        if (ok) v->meta.modified = member_time(o, no, &ok, err);
        if (ok) v->text = xstrndup(t, v->len);
    }
    json_object_put(o);
    if (!ok) source_meta_free(&v->meta);
    return ok;
}

/* Call line(tok, s, len, no, arg, err) for each line of bytes[0..len)
 * that holds more than white space (a CR before the LF and the white
 * space around it left out), with its number from 1, until one returns
 * false: then false. */
static bool each_line(const char *bytes, size_t len,
                      bool (*line)(struct json_tokener *tok, const char *s, size_t n, size_t no,
                                   void *arg, char err[SOURCE_ERR_MAX]),
                      void *arg, char err[SOURCE_ERR_MAX])
{
    struct json_tokener *tok = json_tokener_new_ex(JSONL_DEPTH);
    if (!tok) util_oom();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    size_t no = 0;
    bool ok = true;
    for (size_t at = 0; at < len && ok;) {
        const char *nl = memchr(bytes + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - bytes) : len, next = nl ? end + 1 : len;
        no++;
        size_t e = end;
        if (e > at && bytes[e - 1] == '\r') e--;
        size_t b = at;
        while (b < e && (bytes[b] == ' ' || bytes[b] == '\t'))
            b++;
        if (b < e) ok = line(tok, bytes + b, e - b, no, arg, err);
        at = next;
    }
    json_tokener_free(tok);
    return ok;
}

struct versions_out {
    struct jsonl_version *v;
    size_t n, cap;
};

static bool version_line(struct json_tokener *tok, const char *s, size_t len, size_t no, void *arg,
                         char err[SOURCE_ERR_MAX])
{
    struct versions_out *o = arg;
    xgrow(&o->v, &o->cap, o->n + 1, sizeof *o->v);
    if (!parse_line(tok, s, len, no, &o->v[o->n], err)) return false;
    o->n++;
    return true;
}

bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX])
{
    struct versions_out o = {NULL, 0, 0};
    *out = NULL;
    *n = 0;
    if (!each_line(bytes, len, version_line, &o, err)) {
        jsonl_free(o.v, o.n);
        return false;
    }
    *out = o.v;
    *n = o.n;
    return true;
}

/* ---- documents (--overlap --jsonl) ---------------------------------------- */

struct docs_out {
    struct jsonl_doc *d;
    size_t n, cap;
};

static bool doc_line(struct json_tokener *tok, const char *s, size_t len, size_t no, void *arg,
                     char err[SOURCE_ERR_MAX])
{
    struct docs_out *out = arg;
    struct json_object *o = line_object(tok, s, len, no, err), *id, *m;
    if (!o) return false;
    struct jsonl_doc d = {.line = no};
    bool ok = false;
    const char *t = NULL;
    if (!json_object_object_get_ex(o, "id", &id) ||
        !(json_object_is_type(id, json_type_string) || json_object_is_type(id, json_type_int))) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: no \"id\" (a string or an integer)", no);
    } else if (json_object_is_type(id, json_type_int)) {
        char num[32];
        snprintf(num, sizeof num, "%" PRId64, json_object_get_int64(id));
        d.id = xstrdup(num);
        d.id_number = true;
        ok = true;
    } else {
        size_t n = (size_t)json_object_get_string_len(id);
        const char *v = json_object_get_string(id);
        if (n == 0 || memchr(v, '\0', n))
            snprintf(err, SOURCE_ERR_MAX, "line %zu: \"id\" is empty or holds a NUL character", no);
        else if (valid(v, n, "id", no, err)) {
            d.id = xstrndup(v, n);
            ok = true;
        }
    }
    if (ok) { /* the text, else the page to extract it from */
        d.html =
            !json_object_object_get_ex(o, "text", &m) || json_object_is_type(m, json_type_null);
        if (d.html &&
            (!json_object_object_get_ex(o, "html", &m) || json_object_is_type(m, json_type_null))) {
            snprintf(err, SOURCE_ERR_MAX, "line %zu: no \"text\" or \"html\" string", no);
            ok = false;
        } else {
            ok = text_member(o, d.html ? "html" : "text", no, &t, &d.len, err);
        }
    }
    if (ok) {
        d.text = xstrndup(t, d.len);
        xgrow(&out->d, &out->cap, out->n + 1, sizeof *out->d);
        out->d[out->n++] = d;
    } else {
        free(d.id);
    }
    json_object_put(o);
    return ok;
}

bool jsonl_docs_parse(const char *bytes, size_t len, struct jsonl_doc **out, size_t *n,
                      char err[SOURCE_ERR_MAX])
{
    struct docs_out o = {NULL, 0, 0};
    *out = NULL;
    *n = 0;
    if (!each_line(bytes, len, doc_line, &o, err)) {
        jsonl_docs_free(o.d, o.n);
        return false;
    }
    *out = o.d;
    *n = o.n;
    return true;
}

#endif
