/* tui_overview_draw.c - the overview's screen (tui_overview.c): the
 * documents with their counts, best overlap, the overlap matrix and the
 * titles; the pairs ranked by overlap; the documents overlapping nothing;
 * the header and the status line.  Only the lines on screen are drawn. */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "util.h"

/* Widest file name column (display columns), and the narrowest. */
#define NAME_MAX_COLS 24
#define NAME_MIN_COLS 12
/* Least room for titles before the matrix is left out. */
#define TITLE_MIN_COLS 16

/* ---- drawing -------------------------------------------------------------- */

/* Column positions of the document lines. */
struct cols {
    int idx, name, nw, nums, shares, best, matrix, title, tw;
    int cw; /* a matrix cell: 3 columns, 4 when one shows 100 ("100100" ran together) */
    bool matrix_on;
};

static void columns(const struct tui *t, struct cols *c)
{
    size_t n = tui_ov_ndocs(t);
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
    if (c->best > c->shares)
        tui_put_str(t, y, c->shares, "  from  own", COLS - c->shares, TF_LABEL);
    tui_put_str(t, y, c->best, "  best", COLS - c->best, TF_LABEL);
    if (c->matrix_on)
        for (size_t j = 0; j < tui_ov_ndocs(t); j++) {
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
        tui_put_str(t, y, c->shares, s, COLS - c->shares,
                    k == pv && face != TF_SELECT ? TF_LABEL : face);
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
        size_t n = tui_ov_ndocs(t);
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
    size_t np, n = tui_ov_ndocs(t);
    const struct corpus_pair *p = &tui_ov_pairs(t, &np)[i];
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
    tui_ov_pairs(t, &np);
    char s[200];
    snprintf(s, sizeof s, " wirediff \xC2\xB7 %zu document%s \xC2\xB7 %zu overlapping pair%s",
             tui_ov_ndocs(t), tui_ov_ndocs(t) == 1 ? "" : "s", np, np == 1 ? "" : "s");
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
    size_t n = tui_ov_ndocs(t), items = tui_ov_nitems(t);
    tui_fill(t, y, 0, COLS, TF_STATUS);
    char right[96], left[256];
    int nd = tui_digits(items);
    snprintf(right, sizeof right, " %*zu/%zu  ?:help q:quit ", nd, items ? t->ov.sel + 1 : 0,
             items);
    if (tui_str_width(right) > COLS / 2)
        snprintf(right, sizeof right, " %*zu/%zu ", nd, items ? t->ov.sel + 1 : 0, items);
    int rw = tui_status_right(t, y, right);
    if (rw < 0) return; /* the export's prompt or a message */
    if (t->ov.sel < n) {
        snprintf(left, sizeof left, " Enter: %zu against every other document (columns)",
                 t->ov.sel);
    } else if (items) {
        size_t np;
        const struct corpus_pair *p = &tui_ov_pairs(t, &np)[t->ov.sel - n];
        snprintf(left, sizeof left, " Enter: %u and %u side by side  p: %u as pivot", p->a, p->b,
                 p->a);
    } else {
        left[0] = '\0';
    }
    tui_put_trunc(t, y, 0, left, COLS - rw - 1, TF_STATUS);
}

void tui_overview_draw(struct tui *t)
{
    struct tui_ov_geom g;
    tui_ov_geometry(t, &g);
    tui_ov_follow(t, &g);
    struct cols c;
    columns(t, &c);
    size_t n = tui_ov_ndocs(t), np;
    tui_ov_pairs(t, &np);
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
