/* test_layout_lazy.c - the lazy layout (layout_opts.lazy, which the reader
 * uses) against the eager one: the same display rows, heights and look-ups,
 * and, row by row through layout_row_lines, the same lines and pieces, in
 * whatever order the rows are asked for (scrolling down and up, a jump to
 * the end, search hits far apart, the two halves of a moved pair in turn),
 * on the seeds and on a generated pair long enough that the lazy layout
 * forgets rows, with folds, hidden and opened rows, at many widths (a
 * window resized). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "align.h"
#include "doc.h"
#include "gold.h"
#include "layout.h"
#include "util.h"

struct cmp {
    const struct alignment *al;
    struct layout *e, *z; /* eager, lazy */
    char *buf[2];
    size_t cap[2];
    size_t max_height; /* the tallest display row */
};

/* The drawn text of a piece (a fold's text lies at different offsets of
 * the two layouts' own texts). */
static const char *text_of(struct cmp *c, int which, int side, const struct lay_piece *p)
{
    struct layout *l = which ? c->z : c->e;
    layout_piece_text(l, side, p, &c->buf[which], &c->cap[which]);
    return c->buf[which];
}

/* Display row i of the lazy layout, asked for now, equals the eager one's. */
static void check_row(struct cmp *c, size_t i)
{
    size_t nv, nle, npe;
    const struct lay_vrow *ve = &layout_vrows(c->e, &nv)[i];
    const struct lay_vrow *vz = &layout_vrows(c->z, &nv)[i];
    assert_int_equal(vz->y, ve->y);
    assert_int_equal(vz->kind, ve->kind);
    assert_int_equal(vz->row, ve->row);
    assert_int_equal(vz->nrows, ve->nrows);
    assert_int_equal(vz->height, ve->height);
    const struct lay_line *le = layout_lines(c->e, &nle);
    const struct lay_piece *pe = layout_pieces(c->e, &npe);
    for (int side = 0; side < 2; side++) {
        assert_int_equal(vz->nline[side], ve->nline[side]);
        size_t nz, ne, npz;
        const struct lay_line *lz = layout_row_lines(c->z, i, side, &nz);
        const struct lay_piece *pz = layout_pieces(c->z, &npz);
        /* an eager layout answers from its arrays */
        assert_ptr_equal(layout_row_lines(c->e, i, side, &ne), &le[ve->line[side]]);
        assert_int_equal(nz, ne);
        assert_int_equal(nz, ve->nline[side]);
        for (size_t k = 0; k < nz; k++) {
            const struct lay_line *a = &le[ve->line[side] + k], *b = &lz[k];
            assert_int_equal(b->width, a->width);
            assert_int_equal(b->npiece, a->npiece);
            assert_true(b->piece + b->npiece <= npz);
            for (uint32_t q = 0; q < a->npiece; q++) {
                const struct lay_piece *x = &pe[a->piece + q], *y = &pz[b->piece + q];
                assert_int_equal(y->attr, x->attr);
                assert_int_equal(y->col, x->col);
                if (x->attr == LA_FOLD) {
                    assert_string_equal(text_of(c, 1, side, y), text_of(c, 0, side, x));
                } else {
                    assert_int_equal(y->start, x->start);
                    assert_int_equal(y->end, x->end);
                }
            }
        }
    }
    c->max_height = WD_MAX(c->max_height, (size_t)ve->height);
}

/* What a lazy layout holds: a few screens, not every line. */
static void check_bounded(struct cmp *c)
{
    size_t nl;
    (void)layout_lines(c->z, &nl);
    assert_true(nl <= 4096 + 2 * c->max_height);
}

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

/* Compare the two layouts of al with o, asking the lazy one for rows in
 * the orders a reader does. */
static void compare(const struct alignment *al, const struct layout_opts *o)
{
    struct cmp c;
    memset(&c, 0, sizeof c);
    c.al = al;
    struct layout_opts lo = *o;
    lo.lazy = false;
    c.e = layout_build(al, &lo);
    lo.lazy = true;
    c.z = layout_build(al, &lo);
    size_t nve, nvz;
    (void)layout_vrows(c.e, &nve);
    (void)layout_vrows(c.z, &nvz);
    assert_int_equal(nvz, nve);
    assert_int_equal(layout_height(c.z), layout_height(c.e));
    size_t nrows;
    (void)align_rows(al, &nrows);
    for (uint64_t y = 0; y <= layout_height(c.e); y += 1 + y / 8)
        assert_int_equal(layout_vrow_at(c.z, y), layout_vrow_at(c.e, y));
    for (size_t r = 0; r <= nrows; r++)
        assert_int_equal(layout_vrow_of_row(c.z, r), layout_vrow_of_row(c.e, r));
    size_t nv = nve;
    /* scrolling down through all of it, then up from the end (G, then k) */
    for (size_t i = 0; i < nv; i++)
        check_row(&c, i);
    check_bounded(&c);
    for (size_t i = nv; i-- > 0;)
        check_row(&c, i);
    check_bounded(&c);
    /* jumps far apart (search hits, goto), a screen of rows each, and the
     * two halves of a moved pair asked for in turn */
    unsigned seed = (unsigned)nv * 7u + 1u;
    for (int j = 0; j < 40 && nv > 0; j++) {
        size_t at = next(&seed) % nv, other = next(&seed) % nv;
        for (size_t i = at; i < nv && i < at + 12; i++)
            check_row(&c, i);
        for (int k = 0; k < 3; k++) {
            check_row(&c, at);
            check_row(&c, other);
        }
    }
    check_bounded(&c);
    layout_free(c.e);
    layout_free(c.z);
    free(c.buf[0]);
    free(c.buf[1]);
}

/* Every combination of options a reader may hold, at widths from a
 * column of 1 to a wide window (a resize is a layout at another width). */
static void compare_all(const struct alignment *al, int quick)
{
    static const int widths[][2] = {{57, 57}, {1, 3}, {9, 14}, {30, 29}, {200, 120}};
    size_t nrows;
    (void)align_rows(al, &nrows);
    uint8_t *skip = xcalloc(nrows + 1, 1), *unfold = xcalloc(nrows + 1, 1);
    for (size_t r = 0; r < nrows; r++) {
        skip[r] = r % 7 == 3;
        unfold[r] = r % 11 == 5;
    }
    size_t nw = quick ? 2 : WD_ARRAY_LEN(widths);
    for (size_t w = 0; w < nw; w++)
        for (int variant = 0; variant < 6; variant++) {
            struct layout_opts o;
            layout_default_opts(&o, widths[w][0], widths[w][1]);
            o.words = variant != 1;
            o.marks = variant == 2;
            o.fold = variant >= 3;
            o.fold_min = variant == 4 ? 1 : 3;
            o.fold_context = variant == 4 ? 0 : 2;
            o.skip = variant == 5 ? skip : NULL;
            o.unfold = variant == 5 ? unfold : NULL;
            o.tab = variant == 2 ? 3 : 8;
            compare(al, &o);
        }
    free(skip);
    free(unfold);
}

/* Each ordered pair of seeds. */
static void test_seeds(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[5];
    for (int k = 0; k < 5; k++) {
        char rel[64];
        snprintf(rel, sizeof rel, "seeds/%s.txt", gold_seeds[k]);
        assert_int_equal(doc_load(ctx, gold_path(rel), NULL, &d[k]), WD_OK);
    }
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < 5; b++) {
            if (a == b) continue;
            struct alignment *al = align_docs(d[a], d[b], ctx, NULL);
            compare_all(al, a + b > 1);
            align_free(al);
        }
    for (int k = 0; k < 5; k++)
        doc_free(d[k]);
    doc_ctx_free(ctx);
}

/* A generated pair of some 2,500 sentences: B is A with sentences edited,
 * dropped, added and moved, with long words, tabs, CJK and combining marks,
 * and long runs of the same sentences to fold.  At narrow widths it is tens
 * of thousands of lines: the lazy layout forgets rows many times over. */
static void test_generated(void **state)
{
    (void)state;
    static const char *const words[] = {
        "the",
        "minister",
        "said",
        "on",
        "Tuesday",
        "that",
        "talks",
        "would",
        "resume",
        "in",
        "Geneva",
        "after",
        "a",
        "pause",
        "of",
        "two",
        "weeks",
        "caf\xC3\xA9",
        "na\xC3\xAFve",
        "\xE6\x97\xA5\xE6\x9C\xAC",
        "tab\there",
        "extraordinarilylongwordwithoutanybreakatall",
        "e\xCC\x81t\xC3\xA9",
        "\xE2\x80\x9Cquoted\xE2\x80\x9D",
        "rose",
        "3.5%",
        "percent",
        "two  spaces",
        "wide   gap",
        "ctrl\x01char",
        "x",
        "\xE2\x80\x94",
        "x\xE2\x80\x94y",
        "\xC5\x93uvre",
        "\xE2\x82\xAC"
        "3",
        "\xC3\xA9\xCC\x81",
        "no\xC2\xA0"
        "break",
        "soft\xC2\xADhyphen",
        "\xE2\x80\xA8",
        "\xC2\xBFqu\xC3\xA9?",
    };
    size_t cap = 1 << 20, la = 0, lb = 0;
    char *a = xmalloc(cap), *b = xmalloc(cap);
    unsigned seed = 4242;
    char sent[512];
    char moved[8][512];
    int nmoved = 0;
    for (int s = 0; s < 2500; s++) {
        size_t n = 0;
        int nw = 3 + (int)(next(&seed) % 25);
        for (int w = 0; w < nw; w++) {
            const char *x = words[next(&seed) % WD_ARRAY_LEN(words)];
            if (n + strlen(x) + 3 >= sizeof sent) break;
            if (w) sent[n++] = ' ';
            memcpy(sent + n, x, strlen(x));
            n += strlen(x);
        }
        if (n > 0 && sent[0] >= 'a' && sent[0] <= 'z') sent[0] = (char)(sent[0] - 32);
        sent[n++] = '.';
        sent[n++] = ' ';
        sent[n] = '\0';
        bool same_stretch = (s / 50) % 3 == 0; /* long runs of same rows */
        unsigned what = same_stretch ? 0 : next(&seed) % 10;
        memcpy(a + la, sent, n);
        la += n;
        if (what == 1) continue;       /* dropped from B */
        if (what == 2 && nmoved < 8) { /* moved later in B */
            memcpy(moved[nmoved++], sent, n + 1);
            continue;
        }
        if (what == 3) { /* edited */
            const char *x = words[next(&seed) % WD_ARRAY_LEN(words)];
            memcpy(b + lb, x, strlen(x));
            lb += strlen(x);
            b[lb++] = ' ';
        }
        memcpy(b + lb, sent, n);
        lb += n;
        if (what == 4) { /* added in B */
            static const char added[] = "An added sentence stands here only in B. ";
            memcpy(b + lb, added, sizeof added - 1);
            lb += sizeof added - 1;
        }
        if (s % 400 == 399)
            for (int m = 0; m < nmoved; m++) {
                memcpy(b + lb, moved[m], strlen(moved[m]));
                lb += strlen(moved[m]);
            }
        if (s % 400 == 399) nmoved = 0;
    }
    assert_true(la < cap && lb < cap);
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc_opts dop = {.text = true};
    struct doc *da, *db;
    assert_int_equal(doc_from_memory(ctx, "a", a, la, &dop, &da), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", b, lb, &dop, &db), WD_OK);
    struct alignment *al = align_docs(da, db, ctx, NULL);
    size_t nrows;
    const struct align_row *rows = align_rows(al, &nrows);
    bool kinds[ROW_KIND_COUNT] = {false};
    for (size_t r = 0; r < nrows; r++)
        kinds[rows[r].kind] = true;
    assert_true(kinds[ROW_SAME] && kinds[ROW_CHANGED] && kinds[ROW_DELETED] && kinds[ROW_INSERTED]);
    compare_all(al, 0);
    align_free(al);
    doc_free(da);
    doc_free(db);
    doc_ctx_free(ctx);
    free(a);
    free(b);
}

/* Each character the lazy layout counts without laying it out (U+00A1 -
 * U+017F, U+2010 - U+2027, U+20AC), and its neighbours outside that set,
 * alone and in words, at widths that break words between characters. */
static void test_simple_chars(void **state)
{
    (void)state;
    static const int32_t ranges[][2] = {
        {0x9F, 0x180}, {0x200B, 0x2030}, {0x20AC, 0x20AC}, {0x0300, 0x0301}, {0x3001, 0x3001}};
    size_t cap = 1 << 16, n = 0;
    char *a = xmalloc(cap), *b = xmalloc(cap);
    for (size_t r = 0; r < WD_ARRAY_LEN(ranges); r++)
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            char u[4];
            size_t m = 0;
            if (cp < 0x800) {
                u[m++] = (char)(0xC0 | (cp >> 6));
            } else {
                u[m++] = (char)(0xE0 | (cp >> 12));
                u[m++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            }
            u[m++] = (char)(0x80 | (cp & 0x3F));
            /* "Ab<c>cd <c> x<c><c>. " */
            static const char *const parts[] = {"Ab", "", "cd ", "", " x", "", "", ". "};
            for (size_t k = 0; k < WD_ARRAY_LEN(parts); k++) {
                const char *p = parts[k];
                if (*p) {
                    memcpy(a + n, p, strlen(p));
                    n += strlen(p);
                } else {
                    memcpy(a + n, u, m);
                    n += m;
                }
            }
            assert_true(n + 64 < cap);
        }
    memcpy(b, a, n);
    memcpy(b + n, "End. ", 5);
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc_opts dop = {.text = true};
    struct doc *da, *db;
    assert_int_equal(doc_from_memory(ctx, "a", a, n, &dop, &da), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", b, n + 5, &dop, &db), WD_OK);
    struct alignment *al = align_docs(da, db, ctx, NULL);
    for (int w = 1; w <= 12; w++) {
        struct layout_opts o;
        layout_default_opts(&o, w, 13 - w);
        compare(al, &o);
    }
    align_free(al);
    doc_free(da);
    doc_free(db);
    doc_ctx_free(ctx);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_simple_chars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
