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
/* Widest file name column (display columns), and the narrowest. */
#define NAME_MAX_COLS 24
#define NAME_MIN_COLS 12
/* Least room for titles before the matrix is left out. */
#define TITLE_MIN_COLS 16

static size_t ndocs(const struct tui *t)
{
    return t->cx->ndocs;
}

static const struct corpus_pair *pairs(const struct tui *t, size_t *np)
{
    return corpus_pairs(t->cx->c, np);
}

static size_t nitems(const struct tui *t)
{
    size_t np;
    pairs(t, &np);
    return ndocs(t) + np;
}

static int max_name_width(const struct tui *t)
{
    int w = 8;
    for (size_t k = 0; k < ndocs(t); k++)
        w = WD_MAX(w, tui_str_width(doc_label(t->cx->docs[k])));
    return w;
}

void tui_overview_init(struct tui *t)
{
    struct tui_overview *ov = &t->ov;
    size_t n = ndocs(t), np;
    const struct corpus_pair *p = pairs(t, &np);
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

/* Where things go on screen: the document lines from y dy (dh of them),
 * the pair lines from py (ph), the line of documents overlapping nothing at
 * ny (-1: none). */
struct geom {
    int dhead, dy, dh;
    int phead, py, ph;
    int ny;
};

static void geometry(const struct tui *t, struct geom *g)
{
    size_t np;
    pairs(t, &np);
    int h = LINES - 2, n = (int)WD_MIN(ndocs(t), (size_t)INT_MAX / 2);
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

/* Keep the selection inside the lines shown. */
static void follow(struct tui *t, const struct geom *g)
{
    struct tui_overview *ov = &t->ov;
    size_t n = ndocs(t), np;
    pairs(t, &np);
    size_t items = nitems(t);
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
    size_t items = nitems(t);
    if (items == 0) return;
    int64_t s = (int64_t)t->ov.sel + d;
    t->ov.sel = s < 0 ? 0 : (size_t)s >= items ? items - 1 : (size_t)s;
}

static void open_selected(struct tui *t, bool pivot)
{
    size_t n = ndocs(t), np;
    const struct corpus_pair *p = pairs(t, &np);
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
static bool click_item(struct tui *t, const struct geom *g, int y)
{
    size_t n = ndocs(t), np;
    pairs(t, &np);
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
    struct geom g;
    geometry(t, &g);
    size_t n = ndocs(t);
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
            move_sel(t, (int64_t)nitems(t));
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
        follow(t, &g);
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
        move_sel(t, (int64_t)nitems(t));
        break;
    case '\t':
        /* Between the two lists: the first pair, or back to the document
         * of the pair (its first one). */
        if (in_docs) {
            if (nitems(t) > n) t->ov.sel = n + t->ov.ptop;
        } else {
            size_t np;
            t->ov.sel = pairs(t, &np)[t->ov.sel - n].a;
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
        if (ndocs(t) > 1) tui_export_open(t, false);
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
    follow(t, &g);
}

/* ---- drawing -------------------------------------------------------------- */

/* Column positions of the document lines. */
struct cols {
    int idx, name, nw, nums, shares, best, matrix, title, tw;
    int cw; /* a matrix cell: 3 columns, 4 when one shows 100 ("100100" ran together) */
    bool matrix_on;
};

static void columns(const struct tui *t, struct cols *c)
{
    size_t n = ndocs(t);
    int id = tui_digits(n ? n - 1 : 0);
    c->idx = 1;
    c->name = c->idx + id + 2;
    c->nw = WD_MIN(t->ov.namew, NAME_MAX_COLS);
    int nums_w = 5 + 1 + 5 + 1 + 6; /* sent story words */
    nums_w += n > 1 ? 11 : 0;       /* "  from  own" */
    int best_w = 2 + 4 + 1 + id;    /* "  62% 12" */
    c->matrix_on = t->ov.matrix && n > 1;
    c->cw = 3;
    for (size_t i = 0; c->matrix_on && i < n * n; i++)
        if ((int)(100.0f * t->ov.matrix[i] + 0.5f) >= 100) c->cw = 4;
    int mat_w = c->cw * (int)n;
    for (int pass = 0; pass < 3; pass++) {
        int used = c->name + c->nw + 1 + nums_w + best_w + (c->matrix_on ? 1 + mat_w : 0) + 2;
        c->tw = COLS - used;
        if (c->tw >= TITLE_MIN_COLS) break;
        if (pass == 0 && c->matrix_on)
            c->matrix_on = false;
        else
            c->nw = WD_MAX(NAME_MIN_COLS, c->nw - (TITLE_MIN_COLS - c->tw));
    }
    c->nums = c->name + c->nw + 1;
    c->shares = c->nums + 18;
    c->best = c->nums + nums_w;
    c->matrix = c->best + best_w + 1;
    c->title = c->best + best_w + (c->matrix_on ? 1 + mat_w : 0) + 2;
    c->tw = COLS - c->title;
}

/* What a reader knows a document by: its headline, else its first
 * sentence, on one line (into t->buf). */
static const char *first_line(struct tui *t, const struct doc *d)
{
    size_t ns, len;
    const struct sentence *s = doc_sentences(d, &ns);
    const char *src;
    if (ns == 0 || (s[0].flags & SENT_LINE)) {
        src = doc_title(d);
        len = strlen(src);
    } else {
        src = doc_bytes(d, NULL) + s[0].start;
        len = s[0].end - s[0].start;
    }
    xgrow(&t->buf, &t->capbuf, len + 1, 1);
    for (size_t i = 0; i < len; i++)
        t->buf[i] = src[i] == '\n' || src[i] == '\r' || src[i] == '\t' ? ' ' : src[i];
    t->buf[len] = '\0';
    return t->buf;
}

static void draw_doc_heading(struct tui *t, const struct cols *c, int y)
{
    char s[64];
    tui_put_str(t, y, c->idx, "#", COLS, TF_LABEL);
    tui_put_str(t, y, c->name, "document", c->nw, TF_LABEL);
    tui_put_str(t, y, c->nums, " sent story  words", COLS - c->nums, TF_LABEL);
    if (c->best > c->shares) tui_put_str(t, y, c->shares, "  from  own", COLS - c->shares, TF_LABEL);
    tui_put_str(t, y, c->best, "  best", COLS - c->best, TF_LABEL);
    if (c->matrix_on)
        for (size_t j = 0; j < ndocs(t); j++) {
            snprintf(s, sizeof s, "%*zu", c->cw, j);
            tui_put_str(t, y, c->matrix + c->cw * (int)j, s, c->cw, TF_LABEL);
        }
    if (c->tw > 0) tui_put_str(t, y, c->title, "title", c->tw, TF_LABEL);
}

static void draw_doc(struct tui *t, const struct cols *c, int y, size_t k)
{
    struct tui_overview *ov = &t->ov;
    const struct doc *d = t->cx->docs[k];
    bool sel = ov->sel == k;
    int face = sel ? TF_SELECT : LA_PLAIN;
    char s[96];
    if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
    snprintf(s, sizeof s, "%zu", k); /* right-aligned in the index column */
    tui_put_str(t, y, c->name - 2 - (int)strlen(s), s, COLS, face);
    tui_put_name(t, y, c->name, doc_label(d), c->nw, face);
    size_t ns;
    doc_sentences(d, &ns);
    snprintf(s, sizeof s, "%5zu %5zu %6zu", ns, corpus_story_sentences(t->cx->c, k),
             doc_word_count(d));
    tui_put_str(t, y, c->nums, s, COLS - c->nums, face);
    if (c->best > c->shares) {
        /* how much of its story comes from the pivot, how much is its own */
        const struct corpus *co = t->cx->c;
        size_t story = corpus_story_sentences(co, k), pv = corpus_pivot(co);
        int own = story ? (int)(100 * corpus_own_sentences(co, k) / story) : 0;
        if (k == pv)
            snprintf(s, sizeof s, " pivot %3d%%", own);
        else
            snprintf(s, sizeof s, "  %3d%% %3d%%",
                     story ? (int)(100 * corpus_shared(co, k, pv) / story) : 0, own);
        tui_put_str(t, y, c->shares, s, COLS - c->shares, k == pv && face != TF_SELECT ? TF_LABEL : face);
    }
    if (corpus_doc_overlaps(t->cx->c, k)) {
        snprintf(s, sizeof s, "%3d%%", (int)(100.0f * ov->best[k] + 0.5f));
        tui_put_str(t, y, c->best + 2, s, 4, tui_heat_face(ov->best[k]));
        snprintf(s, sizeof s, " %zu", (size_t)ov->bestof[k]);
        tui_put_str(t, y, c->best + 6, s, COLS - c->best - 6, face);
    } else {
        tui_put_str(t, y, c->best + 2, "none", 4, face == TF_SELECT ? face : LA_FOLD);
    }
    if (c->matrix_on) {
        size_t n = ndocs(t);
        for (size_t j = 0; j < n; j++) {
            float o = ov->matrix[k * n + j];
            /* the value in the last 3 columns of the cell */
            int x = c->matrix + c->cw * (int)j + c->cw - 3;
            if (j == k)
                snprintf(s, sizeof s, "   ");
            else if (o > 0)
                snprintf(s, sizeof s, "%3d", (int)(100.0f * o + 0.5f));
            else
                snprintf(s, sizeof s, "  %s", t->utf8 ? "\xC2\xB7" : ".");
            tui_put_str(t, y, x, s, 3, o > 0 && j != k ? tui_heat_face(o) : face);
        }
    }
    if (c->tw > 0) tui_put_trunc(t, y, c->title, first_line(t, d), c->tw, face);
}

/* The pair lines: share, indices, counts (long or short form), names. */
static void draw_pair_heading(struct tui *t, int y, bool long_form, size_t np)
{
    char s[160];
    snprintf(s, sizeof s, "pairs by overlap (%zu): story sentences matched by the index, %s", np,
             long_form ? "then sentences same / changed / moved" : "same/changed/moved");
    tui_put_trunc(t, y, 1, s, COLS - 1, TF_LABEL);
}

static void draw_pair(struct tui *t, int y, size_t i, bool long_form)
{
    size_t np, n = ndocs(t);
    const struct corpus_pair *p = &pairs(t, &np)[i];
    bool sel = t->ov.sel == n + i;
    int face = sel ? TF_SELECT : LA_PLAIN;
    int id = tui_digits(n ? n - 1 : 0);
    char s[160];
    if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
    snprintf(s, sizeof s, "%5.1f%%", 100.0 * p->overlap);
    tui_put_str(t, y, 1, s, 6, tui_heat_face(p->overlap));
    int x = 7;
    if (long_form)
        snprintf(s, sizeof s, "  %*u ~ %-*u  same%4u  changed%4u  moved%4u  ", id, p->a, id, p->b,
                 p->same, p->changed, p->moved);
    else
        snprintf(s, sizeof s, "  %*u ~ %-*u %3u/%3u/%3u  ", id, p->a, id, p->b, p->same, p->changed,
                 p->moved);
    x += tui_put_str(t, y, x, s, COLS - x, face);
    int room = COLS - x - 3;
    if (room < 8) return;
    const char *na = doc_label(t->cx->docs[p->a]);
    const char *nb = doc_label(t->cx->docs[p->b]);
    int wa = WD_MIN(tui_str_width(na), room / 2);
    int wb = room - wa;
    x += tui_put_name(t, y, x, na, wa, face);
    x += tui_put_str(t, y, x, " ~ ", 3, face);
    tui_put_name(t, y, x, nb, wb, face);
}

static void draw_nothing(struct tui *t, int y)
{
    struct tui_overview *ov = &t->ov;
    char s[64];
    snprintf(s, sizeof s, "overlapping nothing (%zu):", ov->nnothing);
    int x = 1 + tui_put_str(t, y, 1, s, COLS - 1, TF_LABEL);
    for (size_t i = 0; i < ov->nnothing && x < COLS; i++) {
        const struct doc *d = t->cx->docs[ov->nothing[i]];
        snprintf(s, sizeof s, "%s%u ", i ? ", " : " ", ov->nothing[i]);
        int w = tui_str_width(s), nw = tui_str_width(doc_label(d));
        if (x + w + nw > COLS - (i + 1 < ov->nnothing ? 3 : 0)) {
            tui_put_str(t, y, x, t->utf8 ? " \xE2\x80\xA6" : " ...", COLS - x, LA_PLAIN);
            break;
        }
        x += tui_put_str(t, y, x, s, COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, doc_label(d), COLS - x, LA_PLAIN);
    }
}

static void draw_header(struct tui *t)
{
    size_t np;
    pairs(t, &np);
    char s[200];
    snprintf(s, sizeof s, " wirediff \xC2\xB7 %zu document%s \xC2\xB7 %zu overlapping pair%s",
             ndocs(t), ndocs(t) == 1 ? "" : "s", np, np == 1 ? "" : "s");
    if (t->ov.nnothing) {
        size_t l = strlen(s);
        snprintf(s + l, sizeof s - l, " \xC2\xB7 %zu overlapping nothing", t->ov.nnothing);
    }
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, s, COLS, TF_HEADER);
}

static void draw_status(struct tui *t)
{
    int y = LINES - 1;
    size_t n = ndocs(t), items = nitems(t);
    tui_fill(t, y, 0, COLS, TF_STATUS);
    char right[96], left[256];
    int nd = tui_digits(items);
    snprintf(right, sizeof right, " %*zu/%zu  ?:help q:quit ", nd, items ? t->ov.sel + 1 : 0,
             items);
    if (tui_str_width(right) > COLS / 2)
        snprintf(right, sizeof right, " %*zu/%zu ", nd, items ? t->ov.sel + 1 : 0, items);
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    if (t->exp.stage != TUI_EXP_CLOSED) {
        tui_export_draw(t, y);
        return;
    }
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, COLS - rw - 2, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    if (t->ov.sel < n) {
        snprintf(left, sizeof left, " Enter: %zu against every other document (columns)",
                 t->ov.sel);
    } else if (items) {
        size_t np;
        const struct corpus_pair *p = &pairs(t, &np)[t->ov.sel - n];
        snprintf(left, sizeof left, " Enter: %u and %u side by side  p: %u as pivot", p->a, p->b,
                 p->a);
    } else {
        left[0] = '\0';
    }
    tui_put_trunc(t, y, 0, left, COLS - rw - 1, TF_STATUS);
}

void tui_overview_draw(struct tui *t)
{
    struct geom g;
    geometry(t, &g);
    follow(t, &g);
    struct cols c;
    columns(t, &c);
    size_t n = ndocs(t), np;
    pairs(t, &np);
    draw_header(t);
    draw_doc_heading(t, &c, g.dhead);
    for (int i = 0; i < g.dh && t->ov.dtop + (size_t)i < n; i++)
        draw_doc(t, &c, g.dy + i, t->ov.dtop + (size_t)i);
    bool long_form = COLS >= 90;
    draw_pair_heading(t, g.phead, long_form, np);
    if (np == 0) tui_put_str(t, g.py, 1, "(no two documents share a sentence)", COLS - 1, LA_FOLD);
    for (int i = 0; i < g.ph && t->ov.ptop + (size_t)i < np; i++)
        draw_pair(t, g.py + i, t->ov.ptop + (size_t)i, long_form);
    if (g.ny >= 0 && g.ny < LINES - 1) draw_nothing(t, g.ny);
    draw_status(t);
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
