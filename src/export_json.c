#include "config.h"

#include "export.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* Format version 1, documented in doc/wirediff-json.md and wirediff(1).
 * Offsets are bytes into the original files, end exclusive; sentence
 * indices are 0-based. */
#define JSON_VERSION 1

void export_json_string(FILE *f, const char *s, size_t len)
{
    putc('"', f);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"':
                fputs("\\\"", f);
                break;
            case '\\':
                fputs("\\\\", f);
                break;
            case '\n':
                fputs("\\n", f);
                break;
            case '\r':
                fputs("\\r", f);
                break;
            case '\t':
                fputs("\\t", f);
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    fprintf(f, "\\u%04x", c);
                else
                    putc(c, f);
            }
            i++;
            continue;
        }
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp);
        if (cp == TEXT_REPLACEMENT && !text_valid_at(s, len, i))
            fputs("\\ufffd", f);
        else
            fwrite(s + i, 1, l, f);
        i += l;
    }
    putc('"', f);
}

/* Decimal digits of v without printf's format parsing (the sentence and
 * op arrays are most of a large export). */
static void put_u32(FILE *f, uint32_t v)
{
    char buf[10];
    size_t n = 0;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    fwrite(buf + sizeof buf - n, 1, n, f);
}

static void span(FILE *f, uint32_t s, uint32_t e)
{
    putc('[', f);
    put_u32(f, s);
    putc(',', f);
    put_u32(f, e);
    putc(']', f);
}

static void json_doc(FILE *f, const struct doc *d)
{
    size_t len, n;
    (void)doc_bytes(d, &len);
    const struct sentence *s = doc_sentences(d, &n);
    fputs("{\"path\":", f);
    const char *p = doc_path(d);
    export_json_string(f, p, strlen(p));
    fputs(",\"title\":", f);
    const char *t = doc_title(d);
    export_json_string(f, t, strlen(t));
    fprintf(f, ",\"bytes\":%zu,\"invalid_bytes\":%zu,\"sentences\":[", len, doc_invalid_bytes(d));
    for (size_t i = 0; i < n; i++) {
        if (i) putc(',', f);
        span(f, s[i].start, s[i].end);
    }
    fputs("]}", f);
}

static void json_index(FILE *f, const char *key, uint32_t first, uint32_t n)
{
    fprintf(f, ",\"%s\":", key);
    if (n)
        put_u32(f, first);
    else
        fputs("null", f);
    fprintf(f, ",\"%s_count\":", key);
    put_u32(f, n);
}

/* The rows written: all, or with a range (the reader's E) rows
 * first_row..last_row; row indices (partner) always count all rows. */
static void json_cmp(FILE *f, const struct export_cmp *c, const struct export_view *v)
{
    const struct align_stats *st = align_get_stats(c->al);
    fprintf(f, "{\"a\":%zu,\"b\":%zu,\"stats\":{", c->a, c->b);
    fprintf(f,
            "\"sentences_a\":%zu,\"sentences_b\":%zu,\"matched_a\":%zu,\"matched_b\":%zu,"
            "\"same\":%zu,\"changed\":%zu,\"moved\":%zu,\"deleted\":%zu,\"inserted\":%zu,"
            "\"limited\":%s}",
            st->sentences[0], st->sentences[1], st->matched[0], st->matched[1], st->rows[ROW_SAME],
            st->rows[ROW_CHANGED], st->rows[ROW_MOVED], st->rows[ROW_DELETED],
            st->rows[ROW_INSERTED], st->limited ? "true" : "false");
    size_t nr, nops;
    const struct align_row *rows = align_rows(c->al, &nr);
    const struct wop *ops = align_ops(c->al, &nops);
    size_t from = 0, to = nr;
    if (v->range) {
        from = WD_MIN(v->first_row, nr);
        to = v->last_row < nr ? v->last_row + 1 : nr;
    }
    fputs(",\"rows\":[", f);
    for (size_t i = from; i < to; i++) {
        const struct align_row *r = &rows[i];
        if (i > from) putc(',', f);
        fprintf(f, "\n{\"kind\":\"%s\"", align_kind_name(r->kind));
        json_index(f, "a", r->a, r->an);
        json_index(f, "b", r->b, r->bn);
        fprintf(f, ",\"similarity\":%.3f", (double)r->sim);
        if (r->kind == ROW_MOVED)
            fprintf(f, ",\"side\":\"%s\",\"partner\":%d", (r->show & SHOW_A) ? "a" : "b",
                    (int)r->partner);
        if (r->nop) {
            fputs(",\"ops\":[", f);
            for (uint32_t k = 0; k < r->nop; k++) {
                const struct wop *o = &ops[r->op + k];
                if (k) putc(',', f);
                if (o->kind == WOP_EQUAL) {
                    fputs("{\"op\":\"equal\",\"a\":", f);
                    span(f, o->a_start, o->a_end);
                    fputs(",\"b\":", f);
                    span(f, o->b_start, o->b_end);
                } else if (o->kind == WOP_DEL) {
                    fputs("{\"op\":\"delete\",\"a\":", f);
                    span(f, o->a_start, o->a_end);
                } else {
                    fputs("{\"op\":\"insert\",\"b\":", f);
                    span(f, o->b_start, o->b_end);
                }
                putc('}', f);
            }
            putc(']', f);
        }
        putc('}', f);
    }
    fputs("]}", f);
}

enum wd_status export_json(FILE *f, const struct export_input *in)
{
    fprintf(f,
            "{\"format\":\"wirediff\",\"version\":%d,\"view\":{\"words\":%s,\"fold\":%s,"
            "\"swapped\":%s,\"rows\":",
            JSON_VERSION, in->view.words ? "true" : "false", in->view.fold ? "true" : "false",
            in->view.swapped ? "true" : "false");
    if (in->view.range)
        fprintf(f, "[%zu,%zu]", in->view.first_row, in->view.last_row);
    else
        fputs("null", f);
    fputs("},\n\"documents\":[", f);
    for (size_t i = 0; i < in->ndocs; i++) {
        if (i) fputs(",\n", f);
        json_doc(f, in->docs[i]);
    }
    fputs("],\n\"comparisons\":[", f);
    for (size_t i = 0; i < in->ncmps; i++) {
        if (i) fputs(",\n", f);
        json_cmp(f, &in->cmps[i], &in->view);
    }
    fputs("]}\n", f);
    return ferror(f) ? WD_EIO : WD_OK;
}
