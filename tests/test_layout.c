/* test_layout.c - unit tests for the layout layer (src/layout.c): display
 * rows from alignment rows, word attributes, wrapping by display width,
 * folds, look-ups, and the text drawn for each piece. */
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
#include "layout.h"
#include "text.h"
#include "util.h"

/* ---- fixture ----------------------------------------------------------- */

struct fx {
    struct doc_ctx *ctx;
    struct doc *d[2];
    struct alignment *al;
    struct layout *l;
    char *buf;
    size_t cap;
};

static struct doc *load(struct doc_ctx *ctx, const char *name, const char *s, size_t len, bool text)
{
    struct doc_opts o = {.text = text};
    struct doc *d = NULL;
    assert_int_equal(doc_from_memory(ctx, name, s, len, &o, &d), WD_OK);
    return d;
}

/* Align a with b (lengths given, so NUL bytes may appear) and lay out with o. */
static void fx_open_len(struct fx *f, const char *a, size_t alen, const char *b, size_t blen,
                        const struct layout_opts *o)
{
    memset(f, 0, sizeof *f);
    f->ctx = doc_ctx_new();
    f->d[0] = load(f->ctx, "a", a, alen, true);
    f->d[1] = load(f->ctx, "b", b, blen, true);
    f->al = align_docs(f->d[0], f->d[1], f->ctx, NULL);
    f->l = layout_build(f->al, o);
}

static void fx_open(struct fx *f, const char *a, const char *b, const struct layout_opts *o)
{
    fx_open_len(f, a, strlen(a), b, strlen(b), o);
}

static void fx_relayout(struct fx *f, const struct layout_opts *o)
{
    layout_free(f->l);
    f->l = layout_build(f->al, o);
}

static void fx_close(struct fx *f)
{
    layout_free(f->l);
    align_free(f->al);
    doc_free(f->d[0]);
    doc_free(f->d[1]);
    doc_ctx_free(f->ctx);
    free(f->buf);
}

static const struct lay_vrow *vrow(const struct fx *f, size_t i)
{
    size_t n;
    const struct lay_vrow *v = layout_vrows(f->l, &n);
    assert_true(i < n);
    return &v[i];
}

static size_t nvrows(const struct fx *f)
{
    size_t n;
    (void)layout_vrows(f->l, &n);
    return n;
}

static const struct lay_line *line_of(const struct fx *f, const struct lay_vrow *v, int side,
                                      uint32_t k)
{
    size_t n;
    const struct lay_line *ln = layout_lines(f->l, &n);
    assert_true(k < v->nline[side]);
    assert_true(v->line[side] + k < n);
    return &ln[v->line[side] + k];
}

static const struct lay_piece *piece(const struct fx *f, size_t i)
{
    size_t n;
    const struct lay_piece *p = layout_pieces(f->l, &n);
    assert_true(i < n);
    return &p[i];
}

/* The drawn text of a line: its pieces' texts, concatenated (static buffer). */
static const char *line_text(struct fx *f, int side, const struct lay_line *ln)
{
    static char out[4096];
    size_t n = 0;
    for (uint32_t k = 0; k < ln->npiece; k++) {
        size_t m = layout_piece_text(f->l, side, piece(f, ln->piece + k), &f->buf, &f->cap);
        assert_true(n + m < sizeof out);
        memcpy(out + n, f->buf, m);
        n += m;
    }
    out[n] = '\0';
    return out;
}

/* Attribute of the piece of side covering the first occurrence of word in
 * that side's document; -1 when no piece covers it. */
static int attr_of(const struct fx *f, int side, const char *word)
{
    size_t len, np;
    const char *bytes = doc_bytes(f->d[side], &len);
    const char *hit = strstr(bytes, word);
    assert_non_null(hit);
    uint32_t off = (uint32_t)(hit - bytes);
    const struct lay_piece *p = layout_pieces(f->l, &np);
    for (size_t v = 0; v < nvrows(f); v++) {
        const struct lay_vrow *vr = vrow(f, v);
        for (uint32_t k = 0; k < vr->nline[side]; k++) {
            const struct lay_line *ln = line_of(f, vr, side, k);
            for (uint32_t q = ln->piece; q < ln->piece + ln->npiece; q++)
                if (p[q].attr != LA_FOLD && p[q].start <= off && off < p[q].end) return p[q].attr;
        }
    }
    return -1;
}

/* Piece p starts and ends on grapheme cluster boundaries of its sentence. */
static void check_cluster_bounds(const struct fx *f, int side, const struct lay_piece *p)
{
    size_t len, ns;
    const char *bytes = doc_bytes(f->d[side], &len);
    const struct sentence *s = doc_sentences(f->d[side], &ns);
    size_t k = 0;
    while (k < ns && s[k].end < p->end)
        k++;
    assert_true(k < ns);
    assert_true(s[k].start <= p->start);
    bool start_ok = false, end_ok = false;
    size_t i = s[k].start;
    while (i < p->end) {
        if (i == p->start) start_ok = true;
        int w;
        i = text_next_cluster(bytes, s[k].end, i, &w);
        if (i == p->end) end_ok = true;
    }
    assert_true(start_ok);
    assert_true(end_ok);
}

/* Every byte of every sentence shown is in exactly one piece, except white
 * space and invisible (width 0) clusters between words; pieces of a row
 * side go forward through the document. */
static void check_coverage(const struct fx *f)
{
    size_t nv, nl, np, nrows;
    const struct lay_vrow *v = layout_vrows(f->l, &nv);
    const struct lay_line *ln = layout_lines(f->l, &nl);
    const struct lay_piece *p = layout_pieces(f->l, &np);
    const struct align_row *rows = align_rows(f->al, &nrows);
    for (int side = 0; side < 2; side++) {
        size_t len, ns;
        const char *bytes = doc_bytes(f->d[side], &len);
        const struct sentence *s = doc_sentences(f->d[side], &ns);
        unsigned char *cover = xcalloc(len + 1, 1);
        for (size_t i = 0; i < nv; i++) {
            if (v[i].kind != VROW_ROW) continue;
            uint32_t last = 0;
            for (uint32_t k = 0; k < v[i].nline[side]; k++) {
                const struct lay_line *L = &ln[v[i].line[side] + k];
                for (uint32_t q = L->piece; q < L->piece + L->npiece; q++) {
                    assert_true(p[q].start >= last);
                    last = p[q].end;
                    for (uint32_t b = p[q].start; b < p[q].end; b++) {
                        assert_int_equal(cover[b], 0);
                        cover[b] = 1;
                    }
                }
            }
            const struct align_row *r = &rows[v[i].row];
            uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
            if (!(r->show & (1u << side))) n = 0;
            for (uint32_t q = first; q < first + n; q++) {
                for (size_t b = s[q].start; b < s[q].end;) {
                    int w;
                    size_t e = text_next_cluster(bytes, s[q].end, b, &w);
                    if (!cover[b]) {
                        int32_t cp;
                        size_t m = text_decode(bytes, len, b, &cp);
                        assert_true(w == 0 || (m == e - b && text_is_space(cp)) ||
                                    bytes[b] == '\t');
                    }
                    b = e;
                }
            }
        }
        free(cover);
    }
}

/* Every property the layout promises, checked on the whole layout:
 * y and height of each display row, lines no wider than the column,
 * pieces contiguous in columns and in bytes, drawn width == counted width,
 * pieces starting and ending on cluster boundaries, no white space at either
 * end of a line, and the look-ups agreeing with a linear scan. */
static void check_invariants(struct fx *f)
{
    size_t nv, nl, np, nrows;
    const struct lay_vrow *v = layout_vrows(f->l, &nv);
    const struct lay_line *ln = layout_lines(f->l, &nl);
    const struct lay_piece *p = layout_pieces(f->l, &np);
    const struct layout_opts *o = layout_get_opts(f->l);
    (void)align_rows(f->al, &nrows);
    uint64_t y = 0;
    size_t row = 0;
    for (size_t i = 0; i < nv; i++) {
        assert_int_equal(v[i].y, y);
        assert_int_equal(v[i].row, row);
        assert_true(v[i].nrows >= 1);
        assert_int_equal(v[i].height, WD_MAX(WD_MAX(v[i].nline[0], v[i].nline[1]), 1u));
        for (uint64_t k = 0; k < v[i].height; k++)
            assert_int_equal(layout_vrow_at(f->l, y + k), i);
        for (uint32_t r = 0; r < v[i].nrows; r++)
            assert_int_equal(layout_vrow_of_row(f->l, row + r), i);
        y += v[i].height;
        row += v[i].nrows;
        for (int side = 0; side < 2; side++) {
            for (uint32_t k = 0; k < v[i].nline[side]; k++) {
                const struct lay_line *L = &ln[v[i].line[side] + k];
                assert_true(L->width <= o->width[side]);
                assert_true(L->piece + L->npiece <= np);
                int col = 0;
                for (uint32_t q = L->piece; q < L->piece + L->npiece; q++) {
                    assert_int_equal(p[q].col, col);
                    assert_true(p[q].start < p[q].end);
                    if (q > L->piece) assert_true(p[q].start == p[q - 1].end);
                    assert_true((p[q].attr == LA_FOLD) == (v[i].kind == VROW_FOLD));
                    size_t m = layout_piece_text(f->l, side, &p[q], &f->buf, &f->cap);
                    assert_int_equal(strlen(f->buf), m); /* nothing drawn is NUL */
                    col += (int)text_width(f->buf, m);
                    if (v[i].kind == VROW_ROW) check_cluster_bounds(f, side, &p[q]);
                }
                assert_int_equal(L->width, col);
                if (L->npiece) {
                    const char *t = line_text(f, side, L);
                    size_t tl = strlen(t);
                    if (tl) {
                        assert_true(t[0] != ' ');
                        assert_true(t[tl - 1] != ' ');
                    }
                }
            }
        }
    }
    assert_int_equal(layout_height(f->l), y);
    assert_int_equal(row, nrows);
    check_coverage(f);
    assert_int_equal(layout_vrow_at(f->l, y), nv);
    assert_int_equal(layout_vrow_of_row(f->l, nrows), nv);
}

/* Lines of one side of display row i as drawn text, one per element. */
static void expect_lines(struct fx *f, size_t i, int side, const char *const *want, size_t n)
{
    const struct lay_vrow *v = vrow(f, i);
    if (v->nline[side] != n) {
        for (uint32_t k = 0; k < v->nline[side]; k++)
            print_error("line %u: \"%s\"\n", k, line_text(f, side, line_of(f, v, side, k)));
    }
    assert_int_equal(v->nline[side], n);
    for (size_t k = 0; k < n; k++)
        assert_string_equal(line_text(f, side, line_of(f, v, side, (uint32_t)k)), want[k]);
}

static struct layout_opts opts(int width)
{
    struct layout_opts o;
    layout_default_opts(&o, width, width);
    return o;
}

static const char PAIR_A[] =
    "The two sides agreed to resolutely respond through airtight cooperation.";
static const char PAIR_B[] = "The two sides agreed to respond firmly through close cooperation.";

/* ---- tests ------------------------------------------------------------- */

static void test_default_opts(void **state)
{
    (void)state;
    struct layout_opts o;
    layout_default_opts(&o, 40, 50);
    assert_int_equal(o.width[0], 40);
    assert_int_equal(o.width[1], 50);
    assert_true(o.words);
    assert_false(o.fold);
    assert_int_equal(o.fold_min, 3);
    assert_int_equal(o.fold_context, 2);
    assert_int_equal(o.tab, 8);
}

static void test_same_rows_plain(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(80);
    const char *t = "First sentence here. Second one there.\nThird line";
    fx_open(&f, t, t, &o);
    check_invariants(&f);
    assert_int_equal(nvrows(&f), 3);
    const char *want[3] = {"First sentence here.", "Second one there.", "Third line"};
    for (size_t i = 0; i < 3; i++) {
        const struct lay_vrow *v = vrow(&f, i);
        assert_int_equal(v->kind, VROW_ROW);
        assert_int_equal(v->height, 1);
        for (int side = 0; side < 2; side++) {
            expect_lines(&f, i, side, &want[i], 1);
            const struct lay_line *ln = line_of(&f, v, side, 0);
            assert_int_equal(ln->npiece, 1);
            assert_int_equal(piece(&f, ln->piece)->attr, LA_PLAIN);
            assert_int_equal(ln->width, strlen(want[i]));
        }
    }
    fx_close(&f);
}

static void test_changed_pair_words(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(100);
    fx_open(&f, PAIR_A, PAIR_B, &o);
    check_invariants(&f);
    assert_int_equal(nvrows(&f), 1);
    size_t nrows;
    const struct align_row *rows = align_rows(f.al, &nrows);
    assert_int_equal(rows[0].kind, ROW_CHANGED);
    assert_int_equal(attr_of(&f, 0, "airtight"), LA_DEL);
    assert_int_equal(attr_of(&f, 0, "resolutely"), LA_DEL);
    assert_int_equal(attr_of(&f, 1, "close"), LA_INS);
    assert_int_equal(attr_of(&f, 1, "firmly"), LA_INS);
    assert_int_equal(attr_of(&f, 0, "respond"), LA_COMMON);
    assert_int_equal(attr_of(&f, 1, "respond"), LA_COMMON);
    assert_int_equal(attr_of(&f, 0, "cooperation"), LA_COMMON);
    /* The space between a marked word and a common one is not marked. */
    assert_int_equal(attr_of(&f, 0, " cooperation"), LA_COMMON);
    assert_int_equal(attr_of(&f, 1, " firmly"), LA_COMMON);
    const char *wa[1] = {PAIR_A}, *wb[1] = {PAIR_B};
    expect_lines(&f, 0, 0, wa, 1);
    expect_lines(&f, 0, 1, wb, 1);
    fx_close(&f);
}

/* A marked phrase is one continuous highlight, its inner space included. */
static void test_phrase_highlight(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(100);
    fx_open(&f,
            "The minister said the plan would bring airtight regional cooperation to the region.",
            "The minister said the plan would bring close cooperation to the region.", &o);
    check_invariants(&f);
    assert_int_equal(attr_of(&f, 0, "airtight"), LA_DEL);
    assert_int_equal(attr_of(&f, 0, "regional"), LA_DEL);
    assert_int_equal(attr_of(&f, 0, " regional"), LA_DEL);
    assert_int_equal(attr_of(&f, 0, " airtight"), LA_COMMON);
    fx_close(&f);
}

static void test_words_off(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(100);
    o.words = false;
    fx_open(&f, PAIR_A, PAIR_B, &o);
    check_invariants(&f);
    size_t np;
    const struct lay_piece *p = layout_pieces(f.l, &np);
    for (size_t i = 0; i < np; i++) {
        assert_int_not_equal(p[i].attr, LA_DEL);
        assert_int_not_equal(p[i].attr, LA_INS);
        assert_int_equal(p[i].attr, LA_COMMON);
    }
    for (int side = 0; side < 2; side++)
        assert_int_equal(line_of(&f, vrow(&f, 0), side, 0)->npiece, 1);
    fx_close(&f);
}

static void test_deleted_inserted(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(60);
    fx_open(&f, "Alpha is here. Volcanoes erupted near the coast yesterday. Omega is last.",
            "Alpha is here. Omega is last. Stock markets rallied on Friday afternoon.", &o);
    check_invariants(&f);
    assert_int_equal(attr_of(&f, 0, "Volcanoes"), LA_DELETED);
    assert_int_equal(attr_of(&f, 1, "Stock"), LA_INSERTED);
    assert_int_equal(attr_of(&f, 0, "Alpha"), LA_PLAIN);
    /* One-sided rows pad the other side. */
    size_t nrows;
    const struct align_row *rows = align_rows(f.al, &nrows);
    for (size_t r = 0; r < nrows; r++) {
        const struct lay_vrow *v = vrow(&f, layout_vrow_of_row(f.l, r));
        if (rows[r].kind == ROW_DELETED) assert_int_equal(v->nline[1], 0);
        if (rows[r].kind == ROW_INSERTED) assert_int_equal(v->nline[0], 0);
        assert_int_equal(v->height, 1);
    }
    fx_close(&f);
}

static void test_moved_one_side(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(80);
    fx_open(&f,
            "The central bank raised interest rates by half a point on Tuesday. "
            "Shares fell sharply in early trading. Analysts had expected a smaller move. "
            "The currency gained against the dollar.",
            "Shares fell sharply in early trading. Analysts had expected a smaller move. "
            "The currency gained against the dollar. "
            "The central bank raised its interest rates by half a point on Tuesday.",
            &o);
    check_invariants(&f);
    size_t nrows;
    const struct align_row *rows = align_rows(f.al, &nrows);
    size_t moved = 0;
    for (size_t r = 0; r < nrows; r++) {
        if (rows[r].kind != ROW_MOVED) continue;
        moved++;
        const struct lay_vrow *v = vrow(&f, layout_vrow_of_row(f.l, r));
        int shown = rows[r].show == SHOW_A ? 0 : 1;
        assert_true(v->nline[shown] >= 1);
        assert_int_equal(v->nline[!shown], 0);
    }
    assert_int_equal(moved, 2);
    assert_int_equal(attr_of(&f, 1, "its"), LA_INS);
    fx_close(&f);
}

static void test_wrap_20(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(20);
    fx_open(&f, PAIR_A, PAIR_B, &o);
    check_invariants(&f);
    const struct lay_vrow *v = vrow(&f, 0);
    const char *wa[] = {"The two sides agreed", "to resolutely", "respond through", "airtight",
                        "cooperation."};
    const char *wb[] = {"The two sides agreed", "to respond firmly", "through close",
                        "cooperation."};
    expect_lines(&f, 0, 0, wa, 5);
    expect_lines(&f, 0, 1, wb, 4);
    assert_int_equal(v->height, 5);
    assert_int_equal(layout_height(f.l), 5);
    /* The break drops the space: "to " is not drawn with a trailing blank. */
    assert_int_equal(line_of(&f, v, 0, 1)->width, 13);
    /* Different widths per side. */
    o.width[0] = 40;
    o.width[1] = 10;
    fx_relayout(&f, &o);
    check_invariants(&f);
    v = vrow(&f, 0);
    assert_int_equal(v->nline[0], 2);
    assert_int_equal(v->height, v->nline[1]);
    assert_true(v->nline[1] > 2);
    fx_close(&f);
}

static void test_cjk_wrap(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(9);
    const char *t = "日本語のテキストです。日本語のテキストです。日本語のテキストです。";
    fx_open(&f, t, t, &o);
    check_invariants(&f);
    assert_int_equal(nvrows(&f), 3);
    const char *want[] = {"日本語の", "テキスト", "です。"};
    for (size_t i = 0; i < 3; i++) {
        expect_lines(&f, i, 0, want, 3);
        expect_lines(&f, i, 1, want, 3);
    }
    /* Width 1: a wide character never fits; it is drawn as U+FFFD. */
    o = opts(1);
    fx_relayout(&f, &o);
    check_invariants(&f);
    const char *one[] = {"\xEF\xBF\xBD"};
    const struct lay_vrow *v = vrow(&f, 0);
    assert_int_equal(v->nline[0], 11);
    assert_string_equal(line_text(&f, 0, line_of(&f, v, 0, 0)), one[0]);
    fx_close(&f);
}

/* Kinsoku: no line starts with closing punctuation or a small kana; a Latin
 * word between CJK characters is not cut. */
static void test_cjk_kinsoku(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(9);
    fx_open(&f, "東京（とうきょう）でEVを発表した。", "x", &o);
    check_invariants(&f);
    const char *want[] = {"東京（と", "うきょ", "う）でEV", "を発表し", "た。"};
    expect_lines(&f, 0, 0, want, 5);
    const char *want7[] = {"東京", "（とう", "きょ", "う）で", "EVを発", "表し", "た。"};
    o = opts(7);
    fx_relayout(&f, &o);
    check_invariants(&f);
    expect_lines(&f, 0, 0, want7, 7);
    fx_close(&f);
}

static void test_clusters_whole(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(5);
    /* "Cafe" + U+0301 is 4 columns; the family emoji (ZWJ sequence) 2. */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
    const char *t = "Cafe\xCC\x81 ab " FAMILY " ok. Cafe\xCC\x81\xCC\x81\xCC\x81xyz";
    fx_open(&f, t, "x", &o);
    check_invariants(&f);
    const char *want[] = {"Cafe\xCC\x81", ("ab " FAMILY), "ok."};
#undef FAMILY
    expect_lines(&f, 0, 0, want, 3);
    assert_int_equal(line_of(&f, vrow(&f, 0), 0, 1)->width, 5);
    const char *want1[] = {"Cafe\xCC\x81\xCC\x81\xCC\x81x", "yz"};
    expect_lines(&f, 1, 0, want1, 2);
    assert_int_equal(line_of(&f, vrow(&f, 1), 0, 0)->width, 5);
    /* Width 1: each cluster on its own line, the marks with their base. */
    o = opts(1);
    fx_relayout(&f, &o);
    check_invariants(&f);
    const struct lay_vrow *v = vrow(&f, 0);
    assert_string_equal(line_text(&f, 0, line_of(&f, v, 0, 3)), "e\xCC\x81");
    /* The emoji (width 2) is drawn as U+FFFD in a 1-column view. */
    assert_string_equal(line_text(&f, 0, line_of(&f, v, 0, 6)), "\xEF\xBF\xBD");
    fx_close(&f);
}

static void test_long_word(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(10);
    fx_open(&f, "a supercalifragilisticexpialidocious word is long.", "x", &o);
    check_invariants(&f);
    const char *want[] = {"a", "supercalif", "ragilistic", "expialidoc", "ious word", "is long."};
    expect_lines(&f, 0, 0, want, 6);
    fx_close(&f);
}

/* A wide character does not fit in the last column: it moves on. */
static void test_wide_last_column(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(5);
    fx_open(&f, "abc日本語", "x", &o);
    check_invariants(&f);
    const char *want[] = {"abc日", "本語"};
    expect_lines(&f, 0, 0, want, 2);
    o = opts(4);
    fx_relayout(&f, &o);
    check_invariants(&f);
    const char *want4[] = {"abc", "日本", "語"};
    expect_lines(&f, 0, 0, want4, 3);
    fx_close(&f);
}

/* A document made of n sentences "Sentence number K is the same." between
 * a head and a tail that may be empty. */
static char *same_doc(const char *head, size_t n, const char *tail)
{
    size_t cap = strlen(head) + strlen(tail) + n * 64 + 1, len = 0;
    char *s = xmalloc(cap);
    len += (size_t)snprintf(s + len, cap - len, "%s", head);
    for (size_t k = 0; k < n; k++)
        len += (size_t)snprintf(s + len, cap - len, "Sentence number %zu is the same. ", k + 1);
    snprintf(s + len, cap - len, "%s", tail);
    return s;
}

static void test_fold(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(60);
    o.fold = true;
    char *a = same_doc("Volcanoes erupted near the coast overnight. ", 20,
                       "Stock markets rallied on Friday afternoon.");
    char *b = same_doc("Farmers protested against the new tariffs. ", 20,
                       "The election results were announced at midnight.");
    fx_open(&f, a, b, &o);
    check_invariants(&f);
    size_t nrows;
    const struct align_row *rows = align_rows(f.al, &nrows);
    /* Find the fold and check what surrounds it. */
    size_t folds = 0, fi = 0;
    for (size_t i = 0; i < nvrows(&f); i++)
        if (vrow(&f, i)->kind == VROW_FOLD) {
            folds++;
            fi = i;
        }
    assert_int_equal(folds, 1);
    const struct lay_vrow *v = vrow(&f, fi);
    assert_int_equal(v->nrows, 16);
    assert_int_equal(v->height, 1);
    for (int side = 0; side < 2; side++) {
        const struct lay_line *ln = line_of(&f, v, side, 0);
        assert_int_equal(v->nline[side], 1);
        assert_int_equal(ln->npiece, 1);
        assert_int_equal(piece(&f, ln->piece)->attr, LA_FOLD);
        assert_string_equal(line_text(&f, side, ln), "\xE2\x80\xA6 16 identical sentences");
        assert_int_equal(ln->width, 24);
    }
    for (int k = 1; k <= 2; k++) {
        assert_int_equal(rows[v->row - (size_t)k].kind, ROW_SAME);
        assert_int_equal(vrow(&f, fi - (size_t)k)->kind, VROW_ROW);
        assert_int_equal(rows[v->row + 16 + (size_t)k - 1].kind, ROW_SAME);
        assert_int_equal(vrow(&f, fi + (size_t)k)->kind, VROW_ROW);
    }
    /* The fold text sits in the layout's buffer. */
    const struct lay_piece *p = piece(&f, line_of(&f, v, 0, 0)->piece);
    assert_memory_equal(layout_fold_text(f.l) + p->start, "\xE2\x80\xA6 16", 6);
    /* A narrow column wraps the marker rather than overflowing. */
    o.width[0] = 10;
    fx_relayout(&f, &o);
    check_invariants(&f);
    fx_close(&f);
    free(a);
    free(b);
}

static void test_fold_at_ends(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(60);
    o.fold = true;
    /* Same run at the start: context only below it. */
    char *a = same_doc("", 20, "Stock markets rallied on Friday afternoon.");
    char *b = same_doc("", 20, "The election results were announced at midnight.");
    fx_open(&f, a, b, &o);
    check_invariants(&f);
    const struct lay_vrow *v = vrow(&f, 0);
    assert_int_equal(v->kind, VROW_FOLD);
    assert_int_equal(v->row, 0);
    assert_int_equal(v->nrows, 18);
    assert_string_equal(line_text(&f, 1, line_of(&f, v, 1, 0)),
                        "\xE2\x80\xA6 18 identical sentences");
    assert_int_equal(vrow(&f, 1)->kind, VROW_ROW);
    assert_int_equal(vrow(&f, 2)->kind, VROW_ROW);
    assert_int_equal(layout_vrow_of_row(f.l, 17), 0);
    assert_int_equal(layout_vrow_of_row(f.l, 18), 1);
    fx_close(&f);
    free(a);
    free(b);

    /* Same run at the end: context only above it; shorter runs stay. */
    a = same_doc("Volcanoes erupted near the coast overnight. ", 9, "");
    b = same_doc("Farmers protested against the new tariffs. ", 9, "");
    fx_open(&f, a, b, &o);
    check_invariants(&f);
    size_t n = nvrows(&f);
    v = vrow(&f, n - 1);
    assert_int_equal(v->kind, VROW_FOLD);
    assert_int_equal(v->nrows, 7);
    assert_int_equal(vrow(&f, n - 2)->kind, VROW_ROW);
    assert_int_equal(vrow(&f, n - 3)->kind, VROW_ROW);
    o.fold_min = 10;
    fx_relayout(&f, &o);
    check_invariants(&f);
    for (size_t i = 0; i < nvrows(&f); i++)
        assert_int_equal(vrow(&f, i)->kind, VROW_ROW);
    fx_close(&f);
    free(a);
    free(b);
}

static void test_vrow_lookup(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(20);
    char *a = same_doc("The two sides agreed to resolutely respond through airtight cooperation. ",
                       12, "Stock markets rallied on Friday afternoon.");
    char *b =
        same_doc("The two sides agreed to respond firmly through close cooperation. ", 12, "");
    o.fold = true;
    o.fold_min = 4;
    o.fold_context = 1;
    fx_open(&f, a, b, &o);
    check_invariants(&f); /* walks every line and row through both look-ups */
    const struct lay_vrow *v0 = vrow(&f, 0);
    assert_int_equal(v0->height, 5);
    assert_int_equal(layout_vrow_at(f.l, 0), 0);
    assert_int_equal(layout_vrow_at(f.l, 4), 0);
    assert_int_equal(layout_vrow_at(f.l, 5), 1);
    assert_int_equal(layout_vrow_at(f.l, layout_height(f.l)), nvrows(&f));
    assert_int_equal(layout_vrow_at(f.l, UINT64_MAX), nvrows(&f));
    size_t nrows;
    (void)align_rows(f.al, &nrows);
    assert_int_equal(layout_vrow_of_row(f.l, nrows + 5), nvrows(&f));
    /* Rows 2..11 are folded (row 1 and 12 are context). */
    size_t fold = layout_vrow_of_row(f.l, 2);
    assert_int_equal(vrow(&f, fold)->kind, VROW_FOLD);
    assert_int_equal(layout_vrow_of_row(f.l, 11), fold);
    assert_int_equal(layout_vrow_of_row(f.l, 12), fold + 1);
    assert_int_equal(layout_vrow_of_row(f.l, 1), fold - 1);
    fx_close(&f);
    free(a);
    free(b);
}

static void test_tabs(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(40);
    const char *t = "Name:\tvalue and\tmore.\nab\tc\td";
    fx_open(&f, t, t, &o);
    check_invariants(&f);
    const char *w0[] = {"Name:   value and       more."};
    const char *w1[] = {"ab      c       d"};
    expect_lines(&f, 0, 0, w0, 1);
    expect_lines(&f, 1, 1, w1, 1);
    assert_int_equal(line_of(&f, vrow(&f, 0), 0, 0)->width, 29);
    /* Tab stop 4, and a tab cut by a break is dropped. */
    o.tab = 4;
    o.width[0] = o.width[1] = 12;
    fx_relayout(&f, &o);
    check_invariants(&f);
    const char *w3[] = {"Name:", "value and", "more."};
    expect_lines(&f, 0, 0, w3, 3);
    const char *w4[] = {"ab  c   d"};
    expect_lines(&f, 1, 0, w4, 1);
    /* A tab inside a changed pair keeps its stops after a marked word. */
    o = opts(60);
    fx_close(&f);
    fx_open(&f, "The price rose\tsharply on Monday morning.",
            "The price fell\tsharply on Monday morning.", &o);
    check_invariants(&f);
    const char *w5[] = {"The price rose  sharply on Monday morning."};
    expect_lines(&f, 0, 0, w5, 1);
    fx_close(&f);
}

static void test_invalid_and_controls(void **state)
{
    (void)state;
    struct fx f;
    struct layout_opts o = opts(40);
    static const char a[] = "Bad \xFF\xFE bytes here. Null\0byte and\x01 bell\x7F here.";
    fx_open_len(&f, a, sizeof a - 1, "x", 1, &o);
    check_invariants(&f);
    const char *w0[] = {"Bad \xEF\xBF\xBD\xEF\xBF\xBD bytes here."};
    const char *w1[] = {"Nullbyte and bell here."};
    expect_lines(&f, 0, 0, w0, 1);
    expect_lines(&f, 1, 0, w1, 1);
    assert_int_equal(line_of(&f, vrow(&f, 0), 0, 0)->width, 18);
    assert_int_equal(line_of(&f, vrow(&f, 1), 0, 0)->width, 23);
    fx_close(&f);
}

static size_t put_utf8(char *o, int32_t cp)
{
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* The layout's CJK fast path agrees with text.h on every character it
 * takes (width 2, a cluster of its own) and leaves combining marks after
 * them to the general path (U+3099 voicing mark, U+0301, VS1). */
static void test_cjk_fast_path(void **state)
{
    (void)state;
    static const int32_t ranges[][2] = {
        {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3041, 0x3096}, {0x30A1, 0x30FA},
        {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFF01, 0xFF5E},
    };
    static const int32_t marks[] = {0x3099, 0x0301, 0xFE00, 'a'};
    size_t cap = 400000, n = 0;
    char *t = xmalloc(cap);
    size_t k = 0;
    for (size_t r = 0; r < WD_ARRAY_LEN(ranges); r++) {
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++, k++) {
            n += put_utf8(t + n, cp);
            if (k % 5 == 0) n += put_utf8(t + n, marks[(k / 5) % WD_ARRAY_LEN(marks)]);
            if (k % 40 == 39) t[n++] = '\n';
            assert_true(n + 16 < cap);
        }
        t[n++] = '\n';
    }
    struct fx f;
    struct layout_opts o = opts(15);
    fx_open_len(&f, t, n, "x", 1, &o);
    check_invariants(&f);
    fx_close(&f);
    free(t);
}

/* Random texts from a small alphabet of awkward pieces, at many widths:
 * every invariant holds and every byte of each sentence is in exactly one
 * piece or a dropped white space run. */
static void test_random(void **state)
{
    (void)state;
    static const char *const bits[] = {
        "word",
        "a",
        "longerwordwithoutbreaks",
        " ",
        " ",
        "  ",
        "\t",
        ". ",
        "e\xCC\x81",
        "\xE6\x97\xA5",
        "\xE3\x80\x82",
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
        "\xFF",
        "\x01",
        "\xC2\xA0",
        "\xE3\x80\x80",
        "(",
        ")",
        "\xE2\x80\x8B",
        "\xC2\x85",
        "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",
        "x\xEF\xB8\x8F",
        "\xE2\x9D\xA4\xEF\xB8\x8F",
        "\x7F",
        " \x7F",
        "\r",
        "\xE3\x81\xA3",
        "\xEF\xBC\x88",
        "EV",
    };
    unsigned seed = 12345;
    for (int iter = 0; iter < 400; iter++) {
        char a[600], b[600];
        size_t la = 0, lb = 0;
        for (int k = 0; k < 40; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *s = bits[(seed >> 16) % WD_ARRAY_LEN(bits)];
            memcpy(a + la, s, strlen(s));
            la += strlen(s);
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 4) {
                memcpy(b + lb, s, strlen(s));
                lb += strlen(s);
            }
        }
        struct fx f;
        struct layout_opts o = opts(1 + iter % 17);
        o.width[1] = 1 + (iter * 7) % 23;
        o.tab = 1 + iter % 9;
        o.words = iter % 3 != 0;
        o.fold = true;
        o.fold_min = 1;
        o.fold_context = iter % 2;
        fx_open_len(&f, a, la, b, lb, &o);
        check_invariants(&f);
        fx_close(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_opts),
        cmocka_unit_test(test_same_rows_plain),
        cmocka_unit_test(test_changed_pair_words),
        cmocka_unit_test(test_phrase_highlight),
        cmocka_unit_test(test_words_off),
        cmocka_unit_test(test_deleted_inserted),
        cmocka_unit_test(test_moved_one_side),
        cmocka_unit_test(test_wrap_20),
        cmocka_unit_test(test_cjk_wrap),
        cmocka_unit_test(test_cjk_kinsoku),
        cmocka_unit_test(test_cjk_fast_path),
        cmocka_unit_test(test_clusters_whole),
        cmocka_unit_test(test_long_word),
        cmocka_unit_test(test_wide_last_column),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_at_ends),
        cmocka_unit_test(test_vrow_lookup),
        cmocka_unit_test(test_tabs),
        cmocka_unit_test(test_invalid_and_controls),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
