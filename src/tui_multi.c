/* tui_multi.c - the multi-column view: one document, the pivot, against
 * every other one at once.
 *
 * The pivot is the leftmost column; the others follow, as many as fit at
 * MULTI_MIN_W columns each, and h / l scroll through the rest.  Each screen
 * row is one pivot sentence, in order, and each other column shows beside
 * it the sentence(s) of its document paired with it in align(pivot, other):
 * the same sentence plain, a reworded one with its own inserted words
 * marked (LA_INS), a moved one with a mark; nothing (a '<' mark) when the
 * document lacks it.  Sentences of another document that pair with no pivot
 * sentence (its own: what it added) stand where they stand in it, in rows
 * of their own between the pivot rows, tinted as inserted text and marked
 * '+' (colmap.h); its header counts them ("+12").  When a pair joins
 * several pivot sentences with one of the other document, that one stands
 * beside the first and the others get a ditto mark.  Documents that share
 * nothing with the pivot can be hidden (o), and are when more than four
 * documents are open.
 *
 * Cost: the alignments come from the cache (tui_corpus.c) and each column
 * is laid out once per width (layout.h, the other document's side; the
 * pivot's side is not wrapped); the row index (which pivot sentences are
 * shown and how tall each is) depends on the columns shown and is rebuilt
 * only when they, the width, the word marks or hiding change.  Scrolling
 * by lines is a binary search in that index; drawing visits the lines on
 * screen.
 *
 * This file holds the view's model: the documents shown, each column's
 * alignment and layout, the row index; tui_multi_key.c its keys,
 * tui_multi_draw.c the screen and the table of operations.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "util.h"

/* Narrowest column (display columns, rule excluded) when several fit. */
#define MULTI_MIN_W 30
/* Width given to the side of a layout that is not shown: no wrapping. */
#define UNWRAPPED 65535

size_t tui_mv_ndocs(const struct tui *t)
{
    return t->cx->ndocs;
}

size_t tui_mv_nothers(const struct tui *t)
{
    return t->mv.nvis;
}

size_t tui_mv_other_doc(const struct tui *t, size_t i)
{
    return t->mv.vis[i];
}

void tui_mv_set_visible(struct tui *t)
{
    struct tui_multi *mv = &t->mv;
    free(mv->vis);
    mv->vis = xmalloc((tui_mv_ndocs(t) ? tui_mv_ndocs(t) : 1) * sizeof *mv->vis);
    mv->nvis = 0;
    for (size_t o = 0; o < tui_mv_ndocs(t); o++)
        if (o != mv->pivot && !(mv->hide_none && mv->cols[o].overlap <= 0))
            mv->vis[mv->nvis++] = (uint32_t)o;
    mv->valid = false;
}

size_t tui_mv_vis_index(const struct tui *t, size_t o)
{
    for (size_t i = 0; i < t->mv.nvis; i++)
        if (t->mv.vis[i] == o) return i;
    return 0;
}

static void free_cols(struct tui *t)
{
    struct tui_multi *mv = &t->mv;
    if (mv->cols)
        for (size_t k = 0; k < tui_mv_ndocs(t); k++) {
            colmap_free(&mv->cols[k].map);
            layout_free(mv->cols[k].l);
        }
    free(mv->cols);
    mv->cols = NULL;
    layout_free(mv->selfl);
    mv->selfl = NULL;
    if (mv->self) align_free(mv->self);
    mv->self = NULL;
}

void tui_multi_free(struct tui *t)
{
    if (!t->cx) return;
    free_cols(t);
    free(t->mv.rows);
    free(t->mv.ry);
    free(t->mv.vis);
    memset(&t->mv, 0, sizeof t->mv);
}

void tui_multi_open(struct tui *t, size_t p, size_t first_doc)
{
    struct tui_multi *mv = &t->mv;
    if (!mv->opened) {
        mv->hide_none = tui_mv_ndocs(t) > 4;
        mv->opened = true;
    }
    if (!mv->cols || mv->pivot != p) {
        free_cols(t);
        mv->pivot = p;
        mv->cols = xcalloc(tui_mv_ndocs(t), sizeof *mv->cols);
        mv->valid = false;
        mv->kept_valid = false;
        mv->top = 0;
        size_t np;
        const struct corpus_pair *pairs = corpus_pairs(t->cx->c, &np);
        for (size_t i = 0; i < np; i++)
            if (pairs[i].a == p || pairs[i].b == p)
                mv->cols[pairs[i].a == p ? pairs[i].b : pairs[i].a].overlap = pairs[i].overlap;
        tui_mv_set_visible(t);
    }
    mv->first = mv->want_first = first_doc == SIZE_MAX ? 0 : tui_mv_vis_index(t, first_doc);
    t->mode = TUI_MODE_MULTI;
}

/* ---- geometry and the per-column model ------------------------------------ */

/* Columns on screen, the pivot included, and their width. */
static int ncolumns(const struct tui *t, int *width)
{
    int k = WD_MAX((COLS + 1) / (MULTI_MIN_W + 1), 2);
    k = (int)WD_MIN((size_t)k, tui_mv_nothers(t) + 1);
    *width = (COLS - (k - 1)) / k;
    return k;
}

/* The first other column asked for, or less so that the last screen of
 * columns is full. */
static void clamp_first(struct tui *t, int k)
{
    size_t shown = (size_t)(k - 1), no = tui_mv_nothers(t);
    size_t lim = no > shown ? no - shown : 0;
    t->mv.first = WD_MIN(t->mv.want_first, lim);
}

size_t tui_mv_pivot_sentences(const struct tui *t)
{
    size_t n;
    doc_sentences(t->cx->docs[t->mv.pivot], &n);
    return n;
}

static struct layout *lay_side(const struct alignment *al, int side, int width, bool words)
{
    struct layout_opts o;
    layout_default_opts(&o, side ? UNWRAPPED : width, side ? width : UNWRAPPED);
    o.words = words;
    o.fold = false;
    return layout_build(al, &o);
}

/* The pivot's own column: the pivot aligned with itself (one same row per
 * sentence), laid out at width w. */
static void ensure_self(struct tui *t, int w)
{
    struct tui_multi *mv = &t->mv;
    if (!mv->self) {
        const struct doc *d = t->cx->docs[mv->pivot];
        mv->self = align_docs(d, d, t->cx->ctx, &t->cx->ao);
        struct tui_mcol *c = &mv->cols[mv->pivot];
        if (c->mapped) colmap_free(&c->map);
        colmap_build(&c->map, mv->self, tui_mv_pivot_sentences(t));
        c->mapped = true;
        c->al = mv->self;
    }
    if (!mv->selfl || mv->selfw != w) {
        layout_free(mv->selfl);
        mv->selfl = lay_side(mv->self, SIDE_A, w, false);
        mv->selfw = w;
    }
}

/* Column of document o, aligned and laid out at text width w. */
static struct tui_mcol *ensure_col(struct tui *t, size_t o, int w)
{
    struct tui_mcol *c = &t->mv.cols[o];
    if (!c->al) {
        c->al = tui_corpus_align(t->cx, t->mv.pivot, o);
        colmap_build(&c->map, c->al, tui_mv_pivot_sentences(t));
        c->mapped = true;
        const struct align_stats *st = align_get_stats(c->al);
        c->unpaired = st->sentences[SIDE_B] - st->matched[SIDE_B];
    }
    if (!c->l || c->width != w || c->words != t->words) {
        layout_free(c->l);
        c->l = lay_side(c->al, SIDE_B, w, t->words);
        c->width = w;
        c->words = t->words;
    }
    return c;
}

ptrdiff_t tui_mv_cell(const struct tui_mcol *c, size_t i, int side, enum col_mark *mark)
{
    return colmap_cell(&c->map, c->al, i, side, mark);
}

/* Lines of column c (side) beside pivot sentence i. */
static uint32_t cell_lines(const struct tui_mcol *c, const struct layout *l, size_t i, int side)
{
    enum col_mark m;
    ptrdiff_t r = tui_mv_cell(c, i, side, &m);
    if (r < 0) return 0;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    return (size_t)r < nv ? v[r].nline[side] : 0;
}

bool tui_mv_own_shown(const struct tui *t, const struct tui_mcol *c, size_t o, uint32_t r)
{
    if (!t->hide_boiler) return true;
    size_t nr;
    const struct align_row *w = &align_rows(c->al, &nr)[r];
    const uint8_t *bp = corpus_boilerplate(t->cx->c, o);
    for (uint32_t q = w->b; q < w->b + w->bn; q++)
        if (!bp[q]) return true;
    return false;
}

/* Lines of the own sentences of gap g in column c (document o). */
static uint64_t gap_lines(const struct tui *t, const struct tui_mcol *c, size_t o, size_t g)
{
    size_t lo, hi, nv;
    colmap_gap(&c->map, g, &lo, &hi);
    const struct lay_vrow *v = layout_vrows(c->l, &nv);
    uint64_t h = 0;
    for (size_t k = lo; k < hi; k++) {
        uint32_t r = c->map.own[k];
        if (r < nv && tui_mv_own_shown(t, c, o, r)) h += v[r].nline[SIDE_B];
    }
    return h;
}

/* ---- the row index --------------------------------------------------------- */

size_t tui_mv_row_at(const struct tui_multi *mv, uint64_t y)
{
    size_t lo = 0, hi = mv->nrows;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (mv->ry[mid] <= y)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

uint64_t tui_mv_max_top(const struct tui_multi *mv)
{
    uint64_t h = mv->nrows ? mv->ry[mv->nrows] : 0, vh = (uint64_t)tui_view_height();
    return h > vh ? h - vh : 0;
}

int tui_mv_prepare(struct tui *t, int *w)
{
    struct tui_multi *mv = &t->mv;
    int k = ncolumns(t, w);
    clamp_first(t, k);
    int tw = WD_MAX(*w - TUI_MULTI_GUTTER, 1), shown = k - 1;
    ensure_self(t, tw);
    for (int c = 0; c < shown; c++)
        ensure_col(t, tui_mv_other_doc(t, mv->first + (size_t)c), tw);
    if (mv->valid && mv->kfirst == mv->first && mv->kncols == shown && mv->kwidth == *w &&
        mv->kwords == t->words && mv->khide == t->hide_boiler)
        return shown;
    /* Where the view is, in sentences, to find it again. */
    size_t anchor = 0;
    uint64_t off = 0;
    if (mv->valid && mv->kept_valid && mv->top == mv->kept_top) {
        anchor = mv->kept_sent;
        off = mv->kept_off;
    } else if (mv->valid && mv->nrows) {
        size_t i = tui_mv_row_at(mv, mv->top);
        anchor = mv->rows[i];
        off = mv->top - mv->ry[i];
    }
    bool placed = mv->valid; /* an anchor to find again */
    if (!mv->valid && mv->goto_valid) { /* P: the counterpart at the top */
        anchor = 2 * mv->goto_sent + 1;
        off = 0;
        placed = true;
    }
    mv->goto_valid = false;
    size_t np = tui_mv_pivot_sentences(t);
    const uint8_t *bp = corpus_boilerplate(t->cx->c, mv->pivot);
    xgrow(&mv->rows, &mv->caprows, 2 * np + 2, sizeof *mv->rows);
    free(mv->ry);
    mv->ry = xmalloc((2 * np + 2) * sizeof *mv->ry);
    mv->nrows = 0;
    uint64_t y = 0;
    const struct tui_mcol *self = &mv->cols[mv->pivot];
    for (size_t i = 0; i <= np; i++) {
        /* the own sentences of the columns before pivot sentence i */
        uint64_t gh = 0;
        for (int c = 0; c < shown; c++) {
            size_t o = tui_mv_other_doc(t, mv->first + (size_t)c);
            gh = WD_MAX(gh, gap_lines(t, &mv->cols[o], o, i));
        }
        if (gh) {
            mv->rows[mv->nrows] = (uint32_t)(2 * i);
            mv->ry[mv->nrows++] = y;
            y += gh + 1;
        }
        if (i == np || (t->hide_boiler && bp[i])) continue;
        uint32_t h = cell_lines(self, mv->selfl, i, SIDE_A);
        for (int c = 0; c < shown; c++) {
            const struct tui_mcol *col = &mv->cols[tui_mv_other_doc(t, mv->first + (size_t)c)];
            h = WD_MAX(h, cell_lines(col, col->l, i, SIDE_B));
        }
        mv->rows[mv->nrows] = (uint32_t)(2 * i + 1);
        mv->ry[mv->nrows++] = y;
        y += WD_MAX(h, 1u) + 1; /* a blank line between rows */
    }
    mv->ry[mv->nrows] = y;
    mv->top = 0;
    if (placed && mv->nrows) {
        size_t j = 0;
        while (j < mv->nrows && mv->rows[j] < anchor)
            j++;
        if (j == mv->nrows) j = mv->nrows - 1;
        uint64_t h = mv->ry[j + 1] - mv->ry[j];
        mv->top = mv->ry[j] + (mv->rows[j] == anchor && off < h ? off : 0);
    }
    if (mv->top > tui_mv_max_top(mv)) mv->top = tui_mv_max_top(mv); /* rows went: no empty screen */
    mv->kept_valid = placed && mv->nrows;
    mv->kept_sent = anchor;
    mv->kept_off = off;
    mv->kept_top = mv->top;
    mv->valid = true;
    mv->kfirst = mv->first;
    mv->kncols = shown;
    mv->kwidth = *w;
    mv->kwords = t->words;
    mv->khide = t->hide_boiler;
    return shown;
}
