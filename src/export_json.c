#include "config.h"

#include "export.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "role.h"
#include "text.h"

/* Format version 1, documented in doc/wirediff-json.md and wirediff(1).
 * Offsets are bytes into the original files, end exclusive; sentence
 * indices are 0-based. */
#define JSON_VERSION 1

/* The writer formats into its own buffer and hands it to stdio in large
 * blocks: a large export is mostly short numbers, and a putc or fprintf
 * for each cost more than everything else of the export (240 MB for a
 * million sentences a side).  JBUF_SIZE is the block (bytes); JBUF_ITEM
 * the most one jb_room call may ask for. */
#define JBUF_SIZE (64 * 1024)
#define JBUF_ITEM 64

/* Bytes waiting for f.  After a failed write the rest is dropped: the
 * error stays in ferror(f), and errno as that write left it. */
struct jbuf {
    FILE *f;
    char *b;
    size_t n, cap; /* bytes in b, size of b (at least JBUF_ITEM) */
    bool failed;
};

static void jb_flush(struct jbuf *j)
{
    if (j->n && !j->failed && fwrite(j->b, 1, j->n, j->f) != j->n) j->failed = true;
    j->n = 0;
}

/* Where to write up to need (<= JBUF_ITEM) bytes; jb_add then counts
 * those written. */
static inline char *jb_room(struct jbuf *j, size_t need)
{
    if (j->cap - j->n < need) jb_flush(j);
    return j->b + j->n;
}

static inline void jb_add(struct jbuf *j, size_t n)
{
    j->n += n;
}

/* s[0..len); what does not fit in the buffer goes to f directly. */
static void jb_put(struct jbuf *j, const char *s, size_t len)
{
    if (j->cap - j->n < len) {
        jb_flush(j);
        if (len > j->cap) {
            if (!j->failed && fwrite(s, 1, len, j->f) != len) j->failed = true;
            return;
        }
    }
    memcpy(j->b + j->n, s, len);
    j->n += len;
}

static void jb_char(struct jbuf *j, char c)
{
    *jb_room(j, 1) = c;
    j->n++;
}

static void jb_puts(struct jbuf *j, const char *s)
{
    jb_put(j, s, strlen(s));
}

/* A string literal (at most JBUF_ITEM bytes): its length is a constant,
 * so the copy is a few moves rather than a call. */
#define JB_LIT(j, lit)                                                                             \
    do {                                                                                           \
        _Static_assert(sizeof(lit) - 1 <= JBUF_ITEM, "literal longer than JBUF_ITEM");             \
        memcpy(jb_room((j), sizeof(lit) - 1), "" lit, sizeof(lit) - 1);                            \
        jb_add((j), sizeof(lit) - 1);                                                              \
    } while (0)

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* How many decimal digits v has: by comparisons up to 32 bits (most
 * numbers of an export are 32-bit offsets). */
static size_t ndigits(uint64_t v)
{
    if (v <= UINT32_MAX) {
        uint32_t w = (uint32_t)v;
        if (w < 100000) return w < 100 ? 1u + (w >= 10) : 3u + (w >= 1000) + (w >= 10000);
        return 6u + (w >= 1000000) + (w >= 10000000) + (w >= 100000000) + (w >= 1000000000);
    }
    size_t n = 1;
    for (; v >= 10000; v /= 10000)
        n += 4;
    return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

/* Decimal digits of v (as printf's %zu, %u) into p; returns their count
 * (at most 20).  Counted first, then written from the last, two digits
 * per division (most numbers of an export are 32-bit offsets). */
static size_t fmt_u64(char *p, uint64_t v)
{
    size_t n = ndigits(v), k = n;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        p[--k] = digit_pairs[d + 1];
        p[--k] = digit_pairs[d];
    }
    if (v >= 10)
        memcpy(p, digit_pairs + v * 2, 2);
    else
        p[0] = (char)('0' + v);
    return n;
}

static void put_u64(struct jbuf *j, uint64_t v)
{
    jb_add(j, fmt_u64(jb_room(j, 20), v));
}

static void put_i64(struct jbuf *j, int64_t v)
{
    if (v < 0) {
        jb_char(j, '-');
        put_u64(j, 0 - (uint64_t)v);
    } else {
        put_u64(j, (uint64_t)v);
    }
}

size_t export_json_fixed3(char *buf, float v)
{
    /* v * 1000 is exact in a double (24 significant bits times 1000's
     * 7), so its integer part and the fraction left decide the rounding
     * as printf does from the exact binary value in the default rounding
     * mode: to nearest, ties (0.0625, any odd sixteenth) to even.
     * Anything else (negative, -0, NaN, infinite, large) goes to printf
     * itself.  tests/test_export_json.c compares the two. */
    if (!(v >= 0.0f && v < 1e9f) || signbit(v))
        return (size_t)snprintf(buf, EXPORT_JSON_FIXED3_MAX, "%.3f", (double)v);
    double d = (double)v * 1000.0, fl = floor(d), frac = d - fl;
    uint64_t t = (uint64_t)fl;
    if (frac > 0.5 || (frac == 0.5 && (t & 1))) t++;
    size_t n = fmt_u64(buf, t / 1000);
    unsigned m = (unsigned)(t % 1000);
    buf[n] = '.';
    buf[n + 1] = (char)('0' + m / 100);
    memcpy(buf + n + 2, digit_pairs + (m % 100) * 2, 2);
    return n + 4;
}

static void json_string(struct jbuf *j, const char *s, size_t len)
{
    jb_char(j, '"');
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        /* a run of printable ASCII that needs no escape, at once */
        size_t r = i;
        while (r < len && (unsigned char)s[r] >= 0x20 && (unsigned char)s[r] < 0x7F && s[r] != '"' &&
               s[r] != '\\')
            r++;
        if (r > i) {
            jb_put(j, s + i, r - i);
            i = r;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
            case '"':
                JB_LIT(j, "\\\"");
                break;
            case '\\':
                JB_LIT(j, "\\\\");
                break;
            case '\n':
                JB_LIT(j, "\\n");
                break;
            case '\r':
                JB_LIT(j, "\\r");
                break;
            case '\t':
                JB_LIT(j, "\\t");
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    jb_add(j, (size_t)snprintf(jb_room(j, 7), 7, "\\u%04x", c));
                else
                    jb_char(j, (char)c);
            }
            i++;
            continue;
        }
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp);
        if (cp == TEXT_REPLACEMENT && !text_valid_at(s, len, i))
            JB_LIT(j, "\\ufffd");
        else if (escape_is_bidi(cp)) /* the same string, and visible in any viewer */
            jb_add(j, (size_t)snprintf(jb_room(j, 7), 7, "\\u%04x", (unsigned)cp));
        else
            jb_put(j, s + i, l);
        i += l;
    }
    jb_char(j, '"');
}

void export_json_string(FILE *f, const char *s, size_t len)
{
    char b[256];
    struct jbuf j = {f, b, 0, sizeof b, false};
    json_string(&j, s, len);
    jb_flush(&j);
}

static void span(struct jbuf *j, uint32_t s, uint32_t e)
{
    char *p = jb_room(j, 23), *q = p;
    *q++ = '[';
    q += fmt_u64(q, s);
    *q++ = ',';
    q += fmt_u64(q, e);
    *q++ = ']';
    jb_add(j, (size_t)(q - p));
}

static const char *json_bool(bool b)
{
    return b ? "true" : "false";
}

/* ,"key":"value" when value is set */
static void json_field(struct jbuf *j, const char *key, const char *value)
{
    if (!value) return;
    JB_LIT(j, ",\"");
    jb_puts(j, key);
    JB_LIT(j, "\":");
    json_string(j, value, strlen(value));
}

/* "source":{...}: where a document came from (source.h); only the fields
 * that are known. */
static void json_source(struct jbuf *j, const struct source_meta *m)
{
    JB_LIT(j, "\"source\":{\"page\":");
    jb_puts(j, json_bool(m->page));
    json_field(j, "headline", m->headline);
    json_field(j, "byline", m->byline);
    json_field(j, "site", m->site);
    json_field(j, "published", m->published);
    json_field(j, "modified", m->modified);
    json_field(j, "canonical", m->canonical);
    json_field(j, "language", m->language);
    json_field(j, "charset", m->charset);
    json_field(j, "url", m->url);
    json_field(j, "final_url", m->final_url);
    if (m->status) {
        JB_LIT(j, ",\"status\":");
        put_u64(j, (uint64_t)m->status);
    }
    json_field(j, "fetched", m->fetched);
    json_field(j, "saved", m->saved);
    jb_char(j, '}');
}

/* ,"roles":{"headline":[0],...}: the sentences of each role but the
 * story's (every other sentence is story text), and ,"datelines":[[i,
 * start, end],...]: the datelines that open sentences of story text. */
static void json_roles(struct jbuf *j, const struct sentence *s, size_t n)
{
    JB_LIT(j, ",\"roles\":{");
    for (int r = ROLE_STORY + 1; r < ROLE_COUNT; r++) {
        if (r > ROLE_STORY + 1) jb_char(j, ',');
        jb_char(j, '"');
        jb_puts(j, role_name((enum sent_role)r));
        JB_LIT(j, "\":[");
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (sent_role(&s[i]) != (enum sent_role)r) continue;
            if (!first) jb_char(j, ',');
            put_u64(j, i);
            first = false;
        }
        jb_char(j, ']');
    }
    JB_LIT(j, "},\"datelines\":[");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        uint32_t dl = sent_dateline(&s[i]);
        if (!dl) continue;
        if (!first) jb_char(j, ',');
        jb_char(j, '[');
        put_u64(j, i);
        jb_char(j, ',');
        put_u64(j, s[i].start);
        jb_char(j, ',');
        put_u64(j, s[i].start + dl);
        jb_char(j, ']');
        first = false;
    }
    jb_char(j, ']');
}

static void json_doc(struct jbuf *j, const struct doc *d)
{
    size_t len, n;
    (void)doc_bytes(d, &len);
    const struct sentence *s = doc_sentences(d, &n);
    JB_LIT(j, "{\"path\":");
    const char *p = doc_path(d);
    json_string(j, p, strlen(p));
    JB_LIT(j, ",\"title\":");
    const char *t = doc_title(d);
    json_string(j, t, strlen(t));
    JB_LIT(j, ",\"bytes\":");
    put_u64(j, len);
    JB_LIT(j, ",\"invalid_bytes\":");
    put_u64(j, doc_invalid_bytes(d));
    JB_LIT(j, ",\"sentences\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) jb_char(j, ',');
        span(j, s[i].start, s[i].end);
    }
    jb_char(j, ']');
    json_roles(j, s, n);
    const struct source_meta *m = doc_meta(d);
    if (m) {
        /* not a local text file: the offsets are into this text */
        jb_char(j, ',');
        json_source(j, m);
        JB_LIT(j, ",\"text\":");
        const char *b = doc_bytes(d, &len);
        json_string(j, b, len);
    }
    jb_char(j, '}');
}

/* ,"key":first,"key_count":n (first is null when n is 0). */
static void json_index(struct jbuf *j, const char *key, uint32_t first, uint32_t n)
{
    JB_LIT(j, ",\"");
    jb_puts(j, key);
    JB_LIT(j, "\":");
    if (n)
        put_u64(j, first);
    else
        JB_LIT(j, "null");
    JB_LIT(j, ",\"");
    jb_puts(j, key);
    JB_LIT(j, "_count\":");
    put_u64(j, n);
}

/* ,"key":n */
static void json_count(struct jbuf *j, const char *key, size_t n)
{
    JB_LIT(j, ",\"");
    jb_puts(j, key);
    JB_LIT(j, "\":");
    put_u64(j, n);
}

static void json_op(struct jbuf *j, const struct wop *o)
{
    if (o->kind == WOP_EQUAL) {
        JB_LIT(j, "{\"op\":\"equal\",\"a\":");
        span(j, o->a_start, o->a_end);
        JB_LIT(j, ",\"b\":");
        span(j, o->b_start, o->b_end);
    } else if (o->kind == WOP_FOLD) {
        JB_LIT(j, "{\"op\":\"fold\",\"a\":");
        span(j, o->a_start, o->a_end);
        JB_LIT(j, ",\"b\":");
        span(j, o->b_start, o->b_end);
    } else if (o->kind == WOP_DEL) {
        JB_LIT(j, "{\"op\":\"delete\",\"a\":");
        span(j, o->a_start, o->a_end);
    } else {
        JB_LIT(j, "{\"op\":\"insert\",\"b\":");
        span(j, o->b_start, o->b_end);
    }
    jb_char(j, '}');
}

/* The rows written: all, or with a range (the reader's E) rows
 * first_row..last_row; row indices (partner) always count all rows. */
/* ,"digest":{"counts":{...},"items":[...]} (doc/wirediff-json.md) */
static void json_digest(struct jbuf *j, const struct digest *dg)
{
    JB_LIT(j, ",\"digest\":{\"counts\":{");
    for (int k = 0; k < DG_KIND_COUNT; k++) {
        if (k) jb_char(j, ',');
        jb_char(j, '"');
        jb_puts(j, digest_kind_name((enum digest_kind)k));
        JB_LIT(j, "\":");
        put_u64(j, digest_count(dg, (enum digest_kind)k));
    }
    JB_LIT(j, "},\"items\":[");
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    for (size_t i = 0; i < n; i++) {
        if (i) jb_char(j, ',');
        JB_LIT(j, "\n{\"kind\":\"");
        jb_puts(j, digest_kind_name(it[i].kind));
        JB_LIT(j, "\",\"how\":\"");
        jb_puts(j, digest_how_name(it[i].how));
        JB_LIT(j, "\",\"row\":");
        put_u64(j, it[i].row);
        json_count(j, "rows", it[i].nrows);
        if (it[i].kind == DG_CUT || it[i].kind == DG_ADDED) json_count(j, "sentences", it[i].nsentences);
        if (it[i].before) {
            JB_LIT(j, ",\"before\":");
            json_string(j, it[i].before, strlen(it[i].before));
        }
        if (it[i].after) {
            JB_LIT(j, ",\"after\":");
            json_string(j, it[i].after, strlen(it[i].after));
        }
        jb_char(j, '}');
    }
    JB_LIT(j, "]}");
}

static void json_cmp(struct jbuf *j, const struct export_cmp *c, const struct export_view *v)
{
    const struct align_stats *st = align_get_stats(c->al);
    JB_LIT(j, "{\"a\":");
    put_u64(j, c->a);
    json_count(j, "b", c->b);
    JB_LIT(j, ",\"stats\":{\"sentences_a\":");
    put_u64(j, st->sentences[0]);
    json_count(j, "sentences_b", st->sentences[1]);
    json_count(j, "matched_a", st->matched[0]);
    json_count(j, "matched_b", st->matched[1]);
    json_count(j, "same", st->rows[ROW_SAME]);
    json_count(j, "changed", st->rows[ROW_CHANGED]);
    json_count(j, "moved", st->rows[ROW_MOVED]);
    json_count(j, "deleted", st->rows[ROW_DELETED]);
    json_count(j, "inserted", st->rows[ROW_INSERTED]);
    JB_LIT(j, ",\"limited\":");
    jb_puts(j, json_bool(st->limited));
    JB_LIT(j, ",\"pairs_limited\":");
    jb_puts(j, json_bool(st->pairs_limited));
    json_count(j, "same_folded", st->same_folded);
    jb_char(j, '}');
    if (c->dg) json_digest(j, c->dg);
    size_t nr, nops;
    const struct align_row *rows = align_rows(c->al, &nr);
    const struct wop *ops = align_ops(c->al, &nops);
    size_t from = 0, to = nr;
    if (v->range) {
        from = WD_MIN(v->first_row, nr);
        to = v->last_row < nr ? v->last_row + 1 : nr;
    }
    JB_LIT(j, ",\"rows\":[");
    for (size_t i = from; i < to; i++) {
        const struct align_row *r = &rows[i];
        if (i > from) jb_char(j, ',');
        JB_LIT(j, "\n{\"kind\":\"");
        jb_puts(j, align_kind_name(r->kind));
        jb_char(j, '"');
        json_index(j, "a", r->a, r->an);
        json_index(j, "b", r->b, r->bn);
        JB_LIT(j, ",\"similarity\":");
        jb_add(j, export_json_fixed3(jb_room(j, EXPORT_JSON_FIXED3_MAX), r->sim));
        if (r->kind == ROW_CHANGED || r->kind == ROW_MOVED) {
            JB_LIT(j, ",\"weak\":");
            jb_puts(j, json_bool(align_row_weak(r)));
        }
        if (r->kind == ROW_MOVED) {
            JB_LIT(j, ",\"side\":\"");
            jb_char(j, (r->show & SHOW_A) ? 'a' : 'b');
            JB_LIT(j, "\",\"partner\":");
            put_i64(j, r->partner);
        }
        if (r->nop) {
            JB_LIT(j, ",\"ops\":[");
            for (uint32_t k = 0; k < r->nop; k++) {
                if (k) jb_char(j, ',');
                json_op(j, &ops[r->op + k]);
            }
            jb_char(j, ']');
        }
        jb_char(j, '}');
    }
    JB_LIT(j, "]}");
}

enum wd_status export_json(FILE *f, const struct export_input *in)
{
    struct jbuf j = {f, xmalloc(JBUF_SIZE), 0, JBUF_SIZE, false};
    JB_LIT(&j, "{\"format\":\"wirediff\",\"version\":");
    put_u64(&j, JSON_VERSION);
    JB_LIT(&j, ",\"view\":{\"words\":");
    jb_puts(&j, json_bool(in->view.words));
    JB_LIT(&j, ",\"fold\":");
    jb_puts(&j, json_bool(in->view.fold));
    JB_LIT(&j, ",\"swapped\":");
    jb_puts(&j, json_bool(in->view.swapped));
    JB_LIT(&j, ",\"rows\":");
    if (in->view.range) {
        jb_char(&j, '[');
        put_u64(&j, in->view.first_row);
        jb_char(&j, ',');
        put_u64(&j, in->view.last_row);
        jb_char(&j, ']');
    } else {
        JB_LIT(&j, "null");
    }
    if (in->ncmps && export_hidden_rows(in->cmps[0].al, &in->view)) {
        /* the rows the reader hid (B), all rows counted; written anyway */
        size_t nr;
        align_rows(in->cmps[0].al, &nr);
        JB_LIT(&j, ",\"hidden\":{\"what\":\"boilerplate\",\"rows\":[");
        bool first = true;
        for (size_t r = 0; r < nr; r++) {
            if (!in->view.skip[r]) continue;
            if (!first) jb_char(&j, ',');
            first = false;
            put_u64(&j, r);
        }
        JB_LIT(&j, "]}");
    }
    JB_LIT(&j, "},\n\"documents\":[");
    for (size_t i = 0; i < in->ndocs; i++) {
        if (i) JB_LIT(&j, ",\n");
        json_doc(&j, in->docs[i]);
    }
    JB_LIT(&j, "],\n\"comparisons\":[");
    for (size_t i = 0; i < in->ncmps; i++) {
        if (i) JB_LIT(&j, ",\n");
        json_cmp(&j, &in->cmps[i], &in->view);
    }
    jb_char(&j, ']');
    if (in->nonly) { /* files of two folders that only one holds */
        JB_LIT(&j, ",\n\"only\":[");
        for (size_t i = 0; i < in->nonly; i++) {
            if (i) jb_char(&j, ',');
            JB_LIT(&j, "{\"side\":\"");
            jb_char(&j, in->only[i].side == SIDE_A ? 'a' : 'b');
            JB_LIT(&j, "\",\"path\":");
            json_string(&j, in->only[i].path, strlen(in->only[i].path));
            jb_char(&j, '}');
        }
        jb_char(&j, ']');
    }
    if (in->chain) {
        jb_flush(&j);
        in->chain->intro(f, EXPORT_JSON, in->chain->arg);
    }
    JB_LIT(&j, "}\n");
    jb_flush(&j);
    free(j.b);
    return ferror(f) ? WD_EIO : WD_OK;
}

void export_json_source(FILE *f, const struct source_meta *m)
{
    char b[256];
    struct jbuf j = {f, b, 0, sizeof b, false};
    json_source(&j, m);
    jb_flush(&j);
}

enum wd_status export_extract_json(FILE *f, const struct export_article *a, size_t n)
{
    struct jbuf j = {f, xmalloc(JBUF_SIZE), 0, JBUF_SIZE, false};
    JB_LIT(&j, "{\"format\":\"wirediff-extract\",\"version\":1,\"documents\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) jb_char(&j, ',');
        JB_LIT(&j, "\n{\"path\":");
        json_string(&j, a[i].path, strlen(a[i].path));
        if (a[i].meta) {
            jb_char(&j, ',');
            json_source(&j, a[i].meta);
        }
        JB_LIT(&j, ",\"text\":");
        json_string(&j, a[i].text + a[i].body, a[i].len - a[i].body);
        jb_char(&j, '}');
    }
    JB_LIT(&j, "]}\n");
    jb_flush(&j);
    free(j.b);
    return ferror(f) ? WD_EIO : WD_OK;
}
