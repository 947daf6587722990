/* tui_overview.c - the overview of a session of many reports: which ones
 * overlap, and how much.
 *
 * Two lists, one selection walking through both:
 *  - the documents: index, file name, sentences, story sentences (not
 *    boilerplate), words, the best overlap with another document (its
 *    share as a heat cell and with which one; "none" when it overlaps
 *    nothing), a matrix of the overlaps of every pair when the documents
 *    are few enough for it to fit, and the title or first line;
 *  - the pairs that share a sentence, ranked by overlap (the share of the
 *    pair's story sentences matched one to one), with the counts of
 *    sentences same / changed / moved.
 * Documents overlapping nothing are listed under the pairs as well.
 * Overlap figures come from the corpus (corpus.h), computed once; keys only
 * move the selection.  Drawing visits the lines on screen only, so the
 * overview of hundreds of reports costs what a screenful does.
 *
 * This file holds what the overview knows, where its lists go on screen,
 * its keys, help and legend; tui_overview_draw.c draws it.
 */
#include "config.h"

#include "tui_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "util.h"

/* The overlap matrix is shown for at most this many documents. */
#define TUI_MATRIX_MAX 16

size_t tui_ov_ndocs(const struct tui *t)
{
    return t->cx->ndocs;
}

const struct corpus_pair *tui_ov_pairs(const struct tui *t, size_t *np)
{
    return corpus_pairs(t->cx->c, np);
}

size_t tui_ov_nitems(const struct tui *t)
{
    size_t np;
    tui_ov_pairs(t, &np);
    return tui_ov_ndocs(t) + np;
}

static int max_name_width(const struct tui *t)
{
    int w = 8;
    for (size_t k = 0; k < tui_ov_ndocs(t); k++)
        w = WD_MAX(w, tui_str_width(doc_label(t->cx->docs[k])));
    return w;
}

void tui_overview_init(struct tui *t)
{
    struct tui_overview *ov = &t->ov;
    size_t n = tui_ov_ndocs(t), np;
    const struct corpus_pair *p = tui_ov_pairs(t, &np);
    memset(ov, 0, sizeof *ov);
    ov->best = xcalloc(n ? n : 1, sizeof *ov->best);
    ov->bestof = xcalloc(n ? n : 1, sizeof *ov->bestof);
    if (n <= TUI_MATRIX_MAX) ov->matrix = xcalloc(n * n + 1, sizeof *ov->matrix);
    /* Pairs come best first: the first one naming a document is its best. */
    for (size_t i = np; i-- > 0;) {
        ov->best[p[i].a] = p[i].overlap;
        ov->bestof[p[i].a] = p[i].b;
        ov->best[p[i].b] = p[i].overlap;
        ov->bestof[p[i].b] = p[i].a;
        if (ov->matrix) {
            ov->matrix[p[i].a * n + p[i].b] = p[i].overlap;
            ov->matrix[p[i].b * n + p[i].a] = p[i].overlap;
        }
    }
    ov->nothing = xcalloc(n ? n : 1, sizeof *ov->nothing);
    for (size_t k = 0; k < n; k++)
        if (!corpus_doc_overlaps(t->cx->c, k)) ov->nothing[ov->nnothing++] = (uint32_t)k;
    ov->namew = max_name_width(t);
    t->mode = TUI_MODE_OVERVIEW;
}

void tui_overview_free(struct tui *t)
{
    free(t->ov.best);
    free(t->ov.bestof);
    free(t->ov.matrix);
    free(t->ov.nothing);
    memset(&t->ov, 0, sizeof t->ov);
}

/* ---- geometry ------------------------------------------------------------- */

void tui_ov_geometry(const struct tui *t, struct tui_ov_geom *g)
{
    size_t np;
    tui_ov_pairs(t, &np);
    int h = LINES - 2, n = (int)WD_MIN(tui_ov_ndocs(t), (size_t)INT_MAX / 2);
    int pneed = (int)WD_MAX(WD_MIN(np, (size_t)INT_MAX / 2), 1);
    int nothing = t->ov.nnothing ? 1 : 0;
    int gap = h >= 12 ? 1 : 0;
    int room = WD_MAX(h - 2 - nothing - gap, 2);
    if (n + pneed <= room) {
        g->dh = n;
        g->ph = pneed;
    } else if (n <= room / 2) {
        g->dh = n;
        g->ph = room - n;
    } else if (pneed <= room / 2) {
        g->ph = pneed;
        g->dh = room - pneed;
    } else {
        g->dh = room / 2;
        g->ph = room - g->dh;
    }
    g->dhead = 1;
    g->dy = 2;
    g->phead = g->dy + g->dh + gap;
    g->py = g->phead + 1;
    g->ny = nothing ? g->py + g->ph : -1;
}

void tui_ov_follow(struct tui *t, const struct tui_ov_geom *g)
{
    struct tui_overview *ov = &t->ov;
    size_t n = tui_ov_ndocs(t), np;
    tui_ov_pairs(t, &np);
    size_t items = tui_ov_nitems(t);
    if (items == 0) return;
    if (ov->sel >= items) ov->sel = items - 1;
    size_t dh = (size_t)WD_MAX(g->dh, 1), ph = (size_t)WD_MAX(g->ph, 1);
    if (ov->sel < n) {
        if (ov->sel < ov->dtop) ov->dtop = ov->sel;
        if (ov->sel >= ov->dtop + dh) ov->dtop = ov->sel - dh + 1;
    } else {
        size_t p = ov->sel - n;
        if (p < ov->ptop) ov->ptop = p;
        if (p >= ov->ptop + ph) ov->ptop = p - ph + 1;
    }
    if (ov->dtop + dh > n) ov->dtop = n > dh ? n - dh : 0;
    if (ov->ptop + ph > np) ov->ptop = np > ph ? np - ph : 0;
}

/* ---- keys ----------------------------------------------------------------- */

static void move_sel(struct tui *t, int64_t d)
{
    size_t items = tui_ov_nitems(t);
    if (items == 0) return;
    int64_t s = (int64_t)t->ov.sel + d;
    t->ov.sel = s < 0 ? 0 : (size_t)s >= items ? items - 1 : (size_t)s;
}

static void open_selected(struct tui *t, bool pivot)
{
    size_t n = tui_ov_ndocs(t), np;
    const struct corpus_pair *p = tui_ov_pairs(t, &np);
    if (t->ov.sel < n) {
        tui_multi_open(t, t->ov.sel, SIZE_MAX);
    } else if (t->ov.sel - n < np) {
        const struct corpus_pair *q = &p[t->ov.sel - n];
        if (pivot)
            tui_multi_open(t, q->a, q->b);
        else
            tui_pair_open(t, q->a, q->b, TUI_MODE_OVERVIEW);
    }
}

/* A click on screen line y: select the document or pair drawn there;
 * false when none is. */
static bool click_item(struct tui *t, const struct tui_ov_geom *g, int y)
{
    size_t n = tui_ov_ndocs(t), np;
    tui_ov_pairs(t, &np);
    if (y >= g->dy && y < g->dy + g->dh && t->ov.dtop + (size_t)(y - g->dy) < n) {
        t->ov.sel = t->ov.dtop + (size_t)(y - g->dy);
        return true;
    }
    if (y >= g->py && y < g->py + g->ph && t->ov.ptop + (size_t)(y - g->py) < np) {
        t->ov.sel = n + t->ov.ptop + (size_t)(y - g->py);
        return true;
    }
    return false;
}

void tui_overview_key(struct tui *t, const struct tui_key *k)
{
    if (tui_too_small()) { /* only quitting makes sense on the notice */
        if (tui_is_char(k, 'q')) t->quit = true;
        return;
    }
    struct tui_ov_geom g;
    tui_ov_geometry(t, &g);
    size_t n = tui_ov_ndocs(t);
    bool in_docs = t->ov.sel < n;
    int64_t page = WD_MAX(in_docs ? g.dh : g.ph, 1);
    int c = k->code;
    if (k->fn) {
        switch (c) {
        case KEY_DOWN:
            move_sel(t, 1);
            break;
        case KEY_UP:
            move_sel(t, -1);
            break;
        case KEY_NPAGE:
            move_sel(t, page);
            break;
        case KEY_PPAGE:
            move_sel(t, -page);
            break;
        case KEY_HOME:
            t->ov.sel = 0;
            break;
        case KEY_END:
            move_sel(t, (int64_t)tui_ov_nitems(t));
            break;
        case KEY_ENTER:
        case KEY_RIGHT:
            open_selected(t, false);
            break;
        case TUI_KEY_WHEEL_UP:
            move_sel(t, -TUI_WHEEL_LINES);
            break;
        case TUI_KEY_WHEEL_DOWN:
            move_sel(t, TUI_WHEEL_LINES);
            break;
        case TUI_KEY_CLICK:
        case TUI_KEY_DCLICK:
            if (click_item(t, &g, k->y) && c == TUI_KEY_DCLICK) {
                open_selected(t, false);
                return;
            }
            break;
        default:
            break;
        }
        tui_ov_follow(t, &g);
        return;
    }
    switch (c) {
    case 'q':
        t->quit = true;
        return;
    case 'j':
        move_sel(t, 1);
        break;
    case 'k':
        move_sel(t, -1);
        break;
    case ' ':
    case 6 /* ^F */:
        move_sel(t, page);
        break;
    case 'b':
    case 2 /* ^B */:
        move_sel(t, -page);
        break;
    case 'g':
        t->ov.sel = 0;
        break;
    case 'G':
        move_sel(t, (int64_t)tui_ov_nitems(t));
        break;
    case '\t':
        /* Between the two lists: the first pair, or back to the document
         * of the pair (its first one). */
        if (in_docs) {
            if (tui_ov_nitems(t) > n) t->ov.sel = n + t->ov.ptop;
        } else {
            size_t np;
            t->ov.sel = tui_ov_pairs(t, &np)[t->ov.sel - n].a;
        }
        break;
    case '\r':
    case '\n':
    case 'l':
        open_selected(t, false);
        break;
    case 'p':
        open_selected(t, true);
        break;
    case 'c':
        if (n > 1) tui_multi_open(t, corpus_pivot(t->cx->c), SIZE_MAX);
        break;
    case 'e':
        if (tui_ov_ndocs(t) > 1) tui_export_open(t, false);
        break;
    case 'B':
        t->hide_boiler = !t->hide_boiler;
        tui_message(t, false, "boilerplate %s in the reader and the columns",
                    t->hide_boiler ? "hidden" : "shown (dimmed)");
        break;
    default:
        tui_unknown_key(t);
        break;
    }
    tui_ov_follow(t, &g);
}

static const char *const help_overview[][2] = {
    {"j  k  Down  Up", "select the next / previous line"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last line"},
    {"Tab", "from the documents to the pairs and back"},
    {"Enter  l  Right", "a pair: read it side by side"},
    {"", "a document: the columns, it as pivot"},
    {"p", "the columns, with the selected document (or the"},
    {"", "pair's first) as pivot"},
    {"c", "the columns, with the pivot (the document the"},
    {"", "others derive from) as pivot"},
    {"e", "export the overview and the pivot's columns"},
    {"B", "hide / show boilerplate in the reader and columns"},
    {"click  2 clicks", "select a line / open it (Shift+drag: text)"},
    {"r  ^L   ?  F1", "redraw the screen; this help"},
    {"q  Q  ^C", "quit"},
};

static int legend_overview(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"overlap, story sentences matched: ", LA_PLAIN},
            {" 1-19%", TF_HEAT1},
            {" ", LA_PLAIN},
            {"20-39%", TF_HEAT2},
            {" ", LA_PLAIN},
            {"40-59%", TF_HEAT3},
            {" ", LA_PLAIN},
            {"60-79%", TF_HEAT4},
            {" ", LA_PLAIN},
            {"80-100%", TF_HEAT5},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "best: a document's highest overlap, and with which; none: shares "
                      "no sentence",
                      COLS - 3, LA_PLAIN);
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "pivot: the document the others derive from; from: share of a story "
                      "found in it; own: found in no other",
                      COLS - 3, LA_PLAIN);
    if (++y < last)
        tui_put_trunc(t, y, 2, "pairs: story sentences (no boilerplate) matched by the index;",
                      COLS - 3, LA_PLAIN);
    if (++y < last)
        tui_put_trunc(t, y, 2, "the pair reader aligns every sentence: its figures differ",
                      COLS - 3, LA_PLAIN);
    return y;
}


const struct tui_view_ops tui_overview_ops = {
    .name = "overview",
    .draw = tui_overview_draw,
    .key = tui_overview_key,
    .resized = NULL,
    .help_title = " wirediff keys: the overview",
    .help = help_overview,
    .nhelp = WD_ARRAY_LEN(help_overview),
    .legend = legend_overview,
};
