/* export_json.c - the JSON formats (doc/wirediff-json.md): the snapshot
 * of documents and comparisons (export_json), a document's source
 * (export_json_source) and the extracted articles (export_extract_json);
 * export_json_buf.c writes their numbers and strings. */
#include "config.h"

#include "export.h"
#include "export_json_int.h"

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

static const char *json_bool(bool b)
{
    return b ? "true" : "false";
}

/* ,"key":"value" when value is set */
static void json_field(struct jbuf *j, const char *key, const char *value)
{
    if (!value) return;
    JB_LIT(j, ",\"");
    export_jb_puts(j, key);
    JB_LIT(j, "\":");
    export_jb_string(j, value, strlen(value));
}

/* "source":{...}: where a document came from (source.h); only the fields
 * that are known. */
static void json_source(struct jbuf *j, const struct source_meta *m)
{
    JB_LIT(j, "\"source\":{\"page\":");
    export_jb_puts(j, json_bool(m->page));
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
        export_jb_u64(j, (uint64_t)m->status);
    }
    json_field(j, "fetched", m->fetched);
    json_field(j, "saved", m->saved);
    export_jb_char(j, '}');
}

/* ,"roles":{"headline":[0],...}: the sentences of each role but the
 * story's (every other sentence is story text), and ,"datelines":[[i,
 * start, end],...]: the datelines that open sentences of story text. */
static void json_roles(struct jbuf *j, const struct sentence *s, size_t n)
{
    JB_LIT(j, ",\"roles\":{");
    for (int r = ROLE_STORY + 1; r < ROLE_COUNT; r++) {
        if (r > ROLE_STORY + 1) export_jb_char(j, ',');
        export_jb_char(j, '"');
        export_jb_puts(j, role_name((enum sent_role)r));
        JB_LIT(j, "\":[");
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (sent_role(&s[i]) != (enum sent_role)r) continue;
            if (!first) export_jb_char(j, ',');
            export_jb_u64(j, i);
            first = false;
        }
        export_jb_char(j, ']');
    }
    JB_LIT(j, "},\"datelines\":[");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        uint32_t dl = sent_dateline(&s[i]);
        if (!dl) continue;
        if (!first) export_jb_char(j, ',');
        export_jb_char(j, '[');
        export_jb_u64(j, i);
        export_jb_char(j, ',');
        export_jb_u64(j, s[i].start);
        export_jb_char(j, ',');
        export_jb_u64(j, s[i].start + dl);
        export_jb_char(j, ']');
        first = false;
    }
    export_jb_char(j, ']');
}

static void json_doc(struct jbuf *j, const struct doc *d)
{
    size_t len, n;
    (void)doc_bytes(d, &len);
    const struct sentence *s = doc_sentences(d, &n);
    JB_LIT(j, "{\"path\":");
    const char *p = doc_path(d);
    export_jb_string(j, p, strlen(p));
    JB_LIT(j, ",\"title\":");
    const char *t = doc_title(d);
    export_jb_string(j, t, strlen(t));
    JB_LIT(j, ",\"bytes\":");
    export_jb_u64(j, len);
    JB_LIT(j, ",\"invalid_bytes\":");
    export_jb_u64(j, doc_invalid_bytes(d));
    JB_LIT(j, ",\"sentences\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) export_jb_char(j, ',');
        export_jb_span(j, s[i].start, s[i].end);
    }
    export_jb_char(j, ']');
    json_roles(j, s, n);
    const struct source_meta *m = doc_meta(d);
    if (m) {
        /* not a local text file: the offsets are into this text */
        export_jb_char(j, ',');
        json_source(j, m);
        JB_LIT(j, ",\"text\":");
        const char *b = doc_bytes(d, &len);
        export_jb_string(j, b, len);
    }
    export_jb_char(j, '}');
}

/* ,"key":first,"key_count":n (first is null when n is 0). */
static void json_index(struct jbuf *j, const char *key, uint32_t first, uint32_t n)
{
    JB_LIT(j, ",\"");
    export_jb_puts(j, key);
    JB_LIT(j, "\":");
    if (n)
        export_jb_u64(j, first);
    else
        JB_LIT(j, "null");
    JB_LIT(j, ",\"");
    export_jb_puts(j, key);
    JB_LIT(j, "_count\":");
    export_jb_u64(j, n);
}

/* ,"key":n */
static void json_count(struct jbuf *j, const char *key, size_t n)
{
    JB_LIT(j, ",\"");
    export_jb_puts(j, key);
    JB_LIT(j, "\":");
    export_jb_u64(j, n);
}

static void json_op(struct jbuf *j, const struct wop *o)
{
    if (o->kind == WOP_EQUAL) {
        JB_LIT(j, "{\"op\":\"equal\",\"a\":");
        export_jb_span(j, o->a_start, o->a_end);
        JB_LIT(j, ",\"b\":");
        export_jb_span(j, o->b_start, o->b_end);
    } else if (o->kind == WOP_FOLD) {
        JB_LIT(j, "{\"op\":\"fold\",\"a\":");
        export_jb_span(j, o->a_start, o->a_end);
        JB_LIT(j, ",\"b\":");
        export_jb_span(j, o->b_start, o->b_end);
    } else if (o->kind == WOP_DEL) {
        JB_LIT(j, "{\"op\":\"delete\",\"a\":");
        export_jb_span(j, o->a_start, o->a_end);
    } else {
        JB_LIT(j, "{\"op\":\"insert\",\"b\":");
        export_jb_span(j, o->b_start, o->b_end);
    }
    export_jb_char(j, '}');
}

/* The rows written: all, or with a range (the reader's E) rows
 * first_row..last_row; row indices (partner) always count all rows. */
/* ,"digest":{"counts":{...},"items":[...]} (doc/wirediff-json.md) */
static void json_digest(struct jbuf *j, const struct digest *dg)
{
    JB_LIT(j, ",\"digest\":{\"counts\":{");
    for (int k = 0; k < DG_KIND_COUNT; k++) {
        if (k) export_jb_char(j, ',');
        export_jb_char(j, '"');
        export_jb_puts(j, digest_kind_name((enum digest_kind)k));
        JB_LIT(j, "\":");
        export_jb_u64(j, digest_count(dg, (enum digest_kind)k));
    }
    JB_LIT(j, "},\"items\":[");
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    for (size_t i = 0; i < n; i++) {
        if (i) export_jb_char(j, ',');
        JB_LIT(j, "\n{\"kind\":\"");
        export_jb_puts(j, digest_kind_name(it[i].kind));
        JB_LIT(j, "\",\"how\":\"");
        export_jb_puts(j, digest_how_name(it[i].how));
        JB_LIT(j, "\",\"row\":");
        export_jb_u64(j, it[i].row);
        json_count(j, "rows", it[i].nrows);
        if (it[i].kind == DG_CUT || it[i].kind == DG_ADDED) json_count(j, "sentences", it[i].nsentences);
        if (it[i].before) {
            JB_LIT(j, ",\"before\":");
            export_jb_string(j, it[i].before, strlen(it[i].before));
        }
        if (it[i].after) {
            JB_LIT(j, ",\"after\":");
            export_jb_string(j, it[i].after, strlen(it[i].after));
        }
        export_jb_char(j, '}');
    }
    JB_LIT(j, "]}");
}

static void json_cmp(struct jbuf *j, const struct export_cmp *c, const struct export_view *v)
{
    const struct align_stats *st = align_get_stats(c->al);
    JB_LIT(j, "{\"a\":");
    export_jb_u64(j, c->a);
    json_count(j, "b", c->b);
    JB_LIT(j, ",\"stats\":{\"sentences_a\":");
    export_jb_u64(j, st->sentences[0]);
    json_count(j, "sentences_b", st->sentences[1]);
    json_count(j, "matched_a", st->matched[0]);
    json_count(j, "matched_b", st->matched[1]);
    json_count(j, "same", st->rows[ROW_SAME]);
    json_count(j, "changed", st->rows[ROW_CHANGED]);
    json_count(j, "moved", st->rows[ROW_MOVED]);
    json_count(j, "deleted", st->rows[ROW_DELETED]);
    json_count(j, "inserted", st->rows[ROW_INSERTED]);
    JB_LIT(j, ",\"limited\":");
    export_jb_puts(j, json_bool(st->limited));
    JB_LIT(j, ",\"pairs_limited\":");
    export_jb_puts(j, json_bool(st->pairs_limited));
    json_count(j, "same_folded", st->same_folded);
    export_jb_char(j, '}');
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
        if (i > from) export_jb_char(j, ',');
        JB_LIT(j, "\n{\"kind\":\"");
        export_jb_puts(j, align_kind_name(r->kind));
        export_jb_char(j, '"');
        json_index(j, "a", r->a, r->an);
        json_index(j, "b", r->b, r->bn);
        JB_LIT(j, ",\"similarity\":");
        jb_add(j, export_json_fixed3(jb_room(j, EXPORT_JSON_FIXED3_MAX), r->sim));
        if (r->kind == ROW_CHANGED || r->kind == ROW_MOVED) {
            JB_LIT(j, ",\"weak\":");
            export_jb_puts(j, json_bool(align_row_weak(r)));
        }
        if (r->kind == ROW_MOVED) {
            JB_LIT(j, ",\"side\":\"");
            export_jb_char(j, (r->show & SHOW_A) ? 'a' : 'b');
            JB_LIT(j, "\",\"partner\":");
            export_jb_i64(j, r->partner);
        }
        if (r->nop) {
            JB_LIT(j, ",\"ops\":[");
            for (uint32_t k = 0; k < r->nop; k++) {
                if (k) export_jb_char(j, ',');
                json_op(j, &ops[r->op + k]);
            }
            export_jb_char(j, ']');
        }
        export_jb_char(j, '}');
    }
    JB_LIT(j, "]}");
}

enum wd_status export_json(FILE *f, const struct export_input *in)
{
    struct jbuf j = {f, xmalloc(JBUF_SIZE), 0, JBUF_SIZE, false};
    JB_LIT(&j, "{\"format\":\"wirediff\",\"version\":");
    export_jb_u64(&j, JSON_VERSION);
    JB_LIT(&j, ",\"view\":{\"words\":");
    export_jb_puts(&j, json_bool(in->view.words));
    JB_LIT(&j, ",\"fold\":");
    export_jb_puts(&j, json_bool(in->view.fold));
    JB_LIT(&j, ",\"swapped\":");
    export_jb_puts(&j, json_bool(in->view.swapped));
    JB_LIT(&j, ",\"rows\":");
    if (in->view.range) {
        export_jb_char(&j, '[');
        export_jb_u64(&j, in->view.first_row);
        export_jb_char(&j, ',');
        export_jb_u64(&j, in->view.last_row);
        export_jb_char(&j, ']');
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
            if (!first) export_jb_char(&j, ',');
            first = false;
            export_jb_u64(&j, r);
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
    export_jb_char(&j, ']');
    if (in->nonly) { /* files of two folders that only one holds */
        JB_LIT(&j, ",\n\"only\":[");
        for (size_t i = 0; i < in->nonly; i++) {
            if (i) export_jb_char(&j, ',');
            JB_LIT(&j, "{\"side\":\"");
            export_jb_char(&j, in->only[i].side == SIDE_A ? 'a' : 'b');
            JB_LIT(&j, "\",\"path\":");
            export_jb_string(&j, in->only[i].path, strlen(in->only[i].path));
            export_jb_char(&j, '}');
        }
        export_jb_char(&j, ']');
    }
    if (in->chain) {
        export_jb_flush(&j);
        in->chain->intro(f, EXPORT_JSON, in->chain->arg);
    }
    JB_LIT(&j, "}\n");
    export_jb_flush(&j);
    free(j.b);
    return ferror(f) ? WD_EIO : WD_OK;
}

void export_json_source(FILE *f, const struct source_meta *m)
{
    char b[256];
    struct jbuf j = {f, b, 0, sizeof b, false};
    json_source(&j, m);
    export_jb_flush(&j);
}

enum wd_status export_extract_json(FILE *f, const struct export_article *a, size_t n)
{
    struct jbuf j = {f, xmalloc(JBUF_SIZE), 0, JBUF_SIZE, false};
    JB_LIT(&j, "{\"format\":\"wirediff-extract\",\"version\":1,\"documents\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) export_jb_char(&j, ',');
        JB_LIT(&j, "\n{\"path\":");
        export_jb_string(&j, a[i].path, strlen(a[i].path));
        if (a[i].meta) {
            export_jb_char(&j, ',');
            json_source(&j, a[i].meta);
        }
        JB_LIT(&j, ",\"text\":");
        export_jb_string(&j, a[i].text + a[i].body, a[i].len - a[i].body);
        export_jb_char(&j, '}');
    }
    JB_LIT(&j, "]}\n");
    export_jb_flush(&j);
    free(j.b);
    return ferror(f) ? WD_EIO : WD_OK;
}
