/* source_jsonl.c - JSON Lines versions (jsonl.h) through json-c, in the
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

bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX])
{
    (void)bytes;
    (void)len;
    *out = NULL;
    *n = 0;
    snprintf(err, SOURCE_ERR_MAX,
             "JSON Lines need json-c, and wirediff was built without it "
             "(Debian: apt-get install libjson-c-dev, then configure again)");
    return false;
}

#else

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

/* Line line[0..len), number no, into *v; false with err set. */
static bool parse_line(struct json_tokener *tok, const char *s, size_t len, size_t no,
                       struct jsonl_version *v, char err[SOURCE_ERR_MAX])
{
    memset(v, 0, sizeof *v);
    v->line = no;
    if (len > INT_MAX) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: longer than %d bytes", no, INT_MAX);
        return false;
    }
    /* json-c's own check (JSON_TOKENER_VALIDATE_UTF8) lets UTF-8 encoded
     * surrogates through: the line is checked first, as text.h decodes */
    if (text_count_invalid(s, len) != 0) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: not valid UTF-8", no);
        return false;
    }
    json_tokener_reset(tok);
    struct json_object *o = json_tokener_parse_ex(tok, s, (int)len);
    enum json_tokener_error je = json_tokener_get_error(tok);
    if (!o) {
        if (je == json_tokener_continue)
            snprintf(err, SOURCE_ERR_MAX, "line %zu: the JSON value is cut short", no);
        else
            snprintf(err, SOURCE_ERR_MAX, "line %zu: %s", no, json_tokener_error_desc(je));
        return false;
    }
    bool ok = false;
    size_t end = json_tokener_get_parse_end(tok);
    while (end < len && (s[end] == ' ' || s[end] == '\t'))
        end++;
    struct json_object *text;
    if (end < len) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: more after the JSON value (one object a line)",
                 no);
    } else if (!json_object_is_type(o, json_type_object)) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: not a JSON object", no);
    } else if (!json_object_object_get_ex(o, "text", &text) ||
               !json_object_is_type(text, json_type_string)) {
        snprintf(err, SOURCE_ERR_MAX, "line %zu: no \"text\" string", no);
    } else {
        v->len = (size_t)json_object_get_string_len(text);
        const char *t = json_object_get_string(text);
        if (memchr(t, '\0', v->len)) {
            snprintf(err, SOURCE_ERR_MAX, "line %zu: \"text\" holds a NUL character", no);
        } else if (valid(t, v->len, "text", no, err)) {
            ok = true;
            v->meta.headline = member_string(o, "title", no, &ok, err);
            if (ok) v->meta.url = member_string(o, "url", no, &ok, err);
            if (ok) v->meta.modified = member_time(o, no, &ok, err);
            if (ok) v->text = xstrndup(t, v->len);
        }
    }
    json_object_put(o);
    if (!ok) source_meta_free(&v->meta);
    return ok;
}

bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX])
{
    *out = NULL;
    *n = 0;
    struct json_tokener *tok = json_tokener_new_ex(JSONL_DEPTH);
    if (!tok) util_oom();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    struct jsonl_version *v = NULL;
    size_t nv = 0, cap = 0, no = 0;
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
        if (b < e) {
            xgrow(&v, &cap, nv + 1, sizeof *v);
            if (parse_line(tok, bytes + b, e - b, no, &v[nv], err))
                nv++;
            else
                ok = false;
        }
        at = next;
    }
    json_tokener_free(tok);
    if (!ok) {
        jsonl_free(v, nv);
        return false;
    }
    *out = v;
    *n = nv;
    return true;
}

#endif
