#include "config.h"

#include "layout.h"
#include "layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc.h"
#include "escape.h"
#include "linebreak.h"
#include "text.h"
#include "util.h"

/* How a row is laid out (lines, pieces, widths): layout_row.c.  Here: the
 * display rows of an alignment (folding, skipped rows), an eager layout in
 * slices on all CPUs, a lazy one's heights, and the queries. */

/* Limits of the clamped options: columns fit lay_piece.col (uint16_t). */
#define LAY_WIDTH_MAX 65535
#define LAY_TAB_MAX   256

/* UTF-8 of U+FFFD REPLACEMENT CHARACTER. */
#define REPLACEMENT_UTF8 "\xEF\xBF\xBD"

static struct lay_vrow *push_vrow(struct layout *l, enum vrow_kind kind, size_t row, size_t nrows)
{
    xgrow(&l->vrows, &l->capvrows, l->nvrows + 1, sizeof *l->vrows);
    struct lay_vrow *v = &l->vrows[l->nvrows++];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->row = (uint32_t)row;
    v->nrows = (uint32_t)nrows;
    v->y = l->height;
    return v;
}

void layout_default_opts(struct layout_opts *o, int width_a, int width_b)
{
    o->width[0] = width_a;
    o->width[1] = width_b;
    o->words = true;
    o->fold = false;
    o->fold_min = LAYOUT_FOLD_MIN;
    o->fold_context = LAYOUT_FOLD_CONTEXT;
    o->tab = 8;
    o->marks = false;
    o->skip = NULL;
    o->unfold = NULL;
    o->lazy = false;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The display rows of l->al under l->o (folding, skip and unfold), in
 * order, not laid out. */
static void plan_vrows(struct layout *l, const uint8_t *skip, const uint8_t *unfold)
{
    size_t nrows;
    const struct align_row *rows = align_rows(l->al, &nrows);
    size_t r = 0;
    while (r < nrows) {
        if (skip && skip[r]) {
            r++;
            continue;
        }
        size_t run = 0;
        if (l->o.fold)
            while (r + run < nrows && rows[r + run].kind == ROW_SAME && !(skip && skip[r + run]) &&
                   !(unfold && unfold[r + run]))
                run++;
        if (run == 0 || run < (size_t)l->o.fold_min) {
            /* Not folded: at least one row, all rows of a short same run. */
            size_t m = WD_MAX(run, 1);
            for (size_t k = 0; k < m; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
            r += m;
            continue;
        }
        /* A run at the start or end of the document keeps context only on the
         * side facing the changes; a document that is one run keeps its top. */
        size_t ctx = (size_t)l->o.fold_context;
        bool at_start = r == 0, at_end = r + run == nrows;
        size_t head = at_start && !at_end ? 0 : ctx, tail = at_end ? 0 : ctx;
        if (head + tail + (size_t)l->o.fold_min > run) /* too short for context */
            head = tail = 0;
        if (head + tail >= run) {
            for (size_t k = 0; k < run; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
        } else {
            for (size_t k = 0; k < head; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
            push_vrow(l, VROW_FOLD, r + head, run - head - tail);
            for (size_t k = run - tail; k < run; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
        }
        r += run;
    }
}

/* An empty layout of al under o (clamped), its text holding the marks. */
static struct layout *layout_new(const struct alignment *al, const struct layout_opts *o)
{
    struct layout *l = xcalloc(1, sizeof *l);
    l->o = *o;
    l->al = al;
    for (int side = 0; side < 2; side++) {
        l->o.width[side] = clamp(o->width[side], 1, LAY_WIDTH_MAX);
        size_t len;
        l->bytes[side] = doc_bytes(align_doc(al, side), &len);
    }
    l->o.tab = clamp(o->tab, 1, LAY_TAB_MAX);
    l->o.fold_min = WD_MAX(o->fold_min, 1);
    l->o.fold_context = WD_MAX(o->fold_context, 0);
    l->o.skip = l->o.unfold = NULL; /* borrowed for the build only */
    /* the marks come first in the layout-owned text, at MARK_OPEN[] etc. */
    l->capfold = LAY_MARK_BYTES;
    l->fold = xmalloc(l->capfold);
    memcpy(l->fold, LAY_MARK_TEXT, LAY_MARK_BYTES);
    l->nfold = LAY_MARK_BYTES;
    return l;
}

/* ---- an eager layout, in slices ---------------------------------------------
 * The rows of a layout are laid out independently of each other: an eager
 * layout cuts its display rows into slices of LAY_SLICE_ROWS, lays each
 * slice out into a layout of its own on the worker threads, and appends
 * the slices in order (their line, piece and fold text offsets moved
 * along).  The slices are fixed by the number of rows, never by the
 * threads, and the result is the layout of one pass, byte for byte. */
#define LAY_SLICE_ROWS 512

struct lay_slices {
    struct layout *l;
    struct layout **part; /* each slice's lines, pieces and fold texts */
};

static void slice_lay(void *arg, size_t k)
{
    struct lay_slices *ls = arg;
    struct layout *l = ls->l;
    struct layout *part = layout_new(l->al, &l->o);
    struct lay_builder b = {.l = part, .tab = l->o.tab};
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++)
        lay_vrow(&b, &l->vrows[i]);
    free(b.runbuf);
    free(b.spans);
    ls->part[k] = part;
}

/* Append slice k to the layout, in order. */
static void slice_join(void *arg, size_t k)
{
    struct lay_slices *ls = arg;
    struct layout *l = ls->l, *p = ls->part[k];
    uint32_t l0 = (uint32_t)l->nlines, p0 = (uint32_t)l->npieces;
    uint32_t f0 = (uint32_t)(l->nfold - LAY_MARK_BYTES);
    xgrow(&l->lines, &l->caplines, l->nlines + p->nlines, sizeof *l->lines);
    for (size_t i = 0; i < p->nlines; i++) {
        l->lines[l->nlines] = p->lines[i];
        l->lines[l->nlines++].piece += p0;
    }
    xgrow(&l->pieces, &l->cappieces, l->npieces + p->npieces, sizeof *l->pieces);
    for (size_t i = 0; i < p->npieces; i++) {
        struct lay_piece *q = &l->pieces[l->npieces++];
        *q = p->pieces[i];
        if (q->attr == LA_FOLD) { /* (a mark is at the same place in every slice) */
            q->start += f0;
            q->end += f0;
        }
    }
    size_t nf = p->nfold - LAY_MARK_BYTES;
    xgrow(&l->fold, &l->capfold, l->nfold + nf, 1);
    memcpy(l->fold + l->nfold, p->fold + LAY_MARK_BYTES, nf);
    l->nfold += nf;
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++) {
        struct lay_vrow *v = &l->vrows[i];
        v->line[0] += l0;
        v->line[1] += l0;
        v->y = l->height;
        l->height += v->height;
    }
    layout_free(p);
    ls->part[k] = NULL;
}

static void lay_all(struct layout *l)
{
    size_t n = (l->nvrows + LAY_SLICE_ROWS - 1) / LAY_SLICE_ROWS;
    struct lay_slices ls = {l, xcalloc(n + 1, sizeof *ls.part)};
    util_parallel_ordered(n, slice_lay, slice_join, &ls);
    free(ls.part);
}

/* A lazy layout: the heights of its rows, each row laid out (or, for text
 * simple enough, only counted) and dropped, in slices of LAY_SLICE_ROWS
 * on the worker threads (each into a layout of its own, as lay_all's).
 * The heights read every sentence once and keep none of it: a mapped
 * file's pages go back as they go, as in the word diffs, so the reader's
 * peak does not hold both files. */
static void slice_heights(void *arg, size_t k)
{
    struct layout *l = arg;
    struct layout *part = layout_new(l->al, &l->o);
    /* Without marks, attributes never move a break: a lazy layout counts
     * lines without cutting the text into word runs. */
    struct lay_builder b = {.l = part, .tab = l->o.tab, .counting = !l->o.marks};
    struct doc_pass pass[2];
    doc_pass_begin(&pass[0], align_doc(l->al, SIDE_A));
    doc_pass_begin(&pass[1], align_doc(l->al, SIDE_B));
    b.pass = pass;
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++) {
        struct lay_vrow *v = &l->vrows[i];
        lay_vrow(&b, v);
        v->line[0] = v->line[1] = LAY_UNREALIZED;
        part->nlines = part->npieces = 0;
        part->nfold = LAY_MARK_BYTES;
    }
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
    free(b.runbuf);
    free(b.spans);
    layout_free(part);
}

/* The heights of a lazy layout (slice_heights), then where each row
 * starts; the builder is kept for the rows shown. */
static void lay_heights(struct layout *l)
{
    util_parallel((l->nvrows + LAY_SLICE_ROWS - 1) / LAY_SLICE_ROWS, slice_heights, l);
    for (size_t i = 0; i < l->nvrows; i++) {
        l->vrows[i].y = l->height;
        l->height += l->vrows[i].height;
    }
    struct lay_builder *b = xcalloc(1, sizeof *b);
    b->l = l;
    b->tab = l->o.tab;
    /* Held for the layout's life: the rows it lays out when asked. */
    l->b = b;
    if (l->nvrows < l->capvrows && l->nvrows > 0) {
        l->vrows = xreallocarray(l->vrows, l->nvrows, sizeof *l->vrows);
        l->capvrows = l->nvrows;
    }
}

struct layout *layout_build(const struct alignment *al, const struct layout_opts *o)
{
    struct layout *l = layout_new(al, o);
    plan_vrows(l, o->skip, o->unfold);
    if (l->o.lazy)
        lay_heights(l);
    else
        lay_all(l);
    return l;
}

/* Forget the lines and pieces of every display row of lazy layout l. */
static void forget_rows(struct layout *l)
{
    for (size_t i = 0; i < l->nrealized; i++)
        l->vrows[l->realized[i]].line[0] = l->vrows[l->realized[i]].line[1] = LAY_UNREALIZED;
    l->nrealized = 0;
    l->nlines = l->npieces = 0;
    l->nfold = LAY_MARK_BYTES;
}

const struct lay_line *layout_row_lines(const struct layout *cl, size_t vi, int side, size_t *n)
{
    /* A lazy layout lays rows out as they are asked for: its lines, pieces
     * and fold texts are a cache, whatever the const of the caller. */
    struct layout *l = (struct layout *)cl;
    struct lay_vrow *v = &l->vrows[vi];
    if (v->line[0] == LAY_UNREALIZED) {
        if (l->nlines >= LAY_LAZY_LINES) forget_rows(l);
        xgrow(&l->realized, &l->caprealized, l->nrealized + 1, sizeof *l->realized);
        l->realized[l->nrealized++] = (uint32_t)vi;
        if (v->kind == VROW_ROW)
            lay_row(l->b, v);
        else
            lay_fold(l->b, v);
        /* (the lines counted, as test_layout_lazy checks; never more than
         * the row's height, whatever happens) */
        for (int k = 0; k < 2; k++)
            v->nline[k] = WD_MIN(v->nline[k], v->height);
    }
    *n = v->nline[side];
    return &l->lines[v->line[side]];
}

void layout_free(struct layout *l)
{
    if (!l) return;
    free(l->vrows);
    free(l->lines);
    free(l->pieces);
    free(l->fold);
    free(l->realized);
    if (l->b) {
        free(l->b->runbuf);
        free(l->b->spans);
        free(l->b);
    }
    free(l);
}

const struct lay_vrow *layout_vrows(const struct layout *l, size_t *n)
{
    *n = l->nvrows;
    return l->vrows;
}

const struct lay_line *layout_lines(const struct layout *l, size_t *n)
{
    *n = l->nlines;
    return l->lines;
}

const struct lay_piece *layout_pieces(const struct layout *l, size_t *n)
{
    *n = l->npieces;
    return l->pieces;
}

uint64_t layout_height(const struct layout *l)
{
    return l->height;
}

size_t layout_vrow_at(const struct layout *l, uint64_t y)
{
    if (y >= l->height || l->nvrows == 0) return l->nvrows;
    size_t lo = 0, hi = l->nvrows; /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->vrows[mid].y <= y)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t layout_vrow_of_row(const struct layout *l, size_t r)
{
    if (l->nvrows == 0) return 0;
    const struct lay_vrow *last = &l->vrows[l->nvrows - 1];
    if (r >= (size_t)last->row + last->nrows) return l->nvrows;
    size_t lo = 0, hi = l->nvrows;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->vrows[mid].row <= r)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

const char *layout_fold_text(const struct layout *l)
{
    return l->fold;
}

const struct layout_opts *layout_get_opts(const struct layout *l)
{
    return &l->o;
}

/* Does the cluster s[i..end) end with a Prepend character (UAX #29 GB9b),
 * which joins whatever follows it? */
static bool ends_with_prepend(const char *s, size_t i, size_t end)
{
    size_t k = end - 1;
    while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    if ((unsigned char)s[k] < 0x80) return false;
    int32_t cp;
    text_decode(s, end, k, &cp);
    return utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_PREPEND;
}

size_t layout_piece_text(const struct layout *l, int side, const struct lay_piece *p, char **buf,
                         size_t *cap)
{
    const char *s = p->attr == LA_FOLD || p->attr == LA_MARK ? l->fold : l->bytes[side];
    int cols = l->o.width[side], tab = l->o.tab, col = p->col;
    size_t n = 0;
    size_t last = SIZE_MAX; /* where the last cluster drawn starts in *buf */
    xgrow(buf, cap, (size_t)(p->end - p->start) + 1, 1);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = p->start; i < p->end;) {
        /* A run of printable ASCII is drawn as it is, a column a byte (as
         * lb_cluster's fast path measures it), in one copy; its last byte
         * goes the general way when a non-ASCII byte (a combining mark)
         * may join it. */
        size_t j = i;
        while (j < p->end && u[j] >= 0x20 && u[j] < 0x7F)
            j++;
        if (j < p->end && u[j] >= 0x80 && j > i) j--;
        if (j > i) {
            xgrow(buf, cap, n + (j - i) + 1, 1); /* tabs and marks may have grown it */
            memcpy(*buf + n, s + i, j - i);
            last = n + (j - i - 1);
            n += j - i;
            col += (int)(j - i);
            i = j;
            continue;
        }
        struct lb_cl c;
        lb_cluster(s, p->end, i, col, tab, cols, &c);
        char mark[ESCAPE_CP_MAX];
        size_t need = (c.flags & LB_TAB)    ? (size_t)c.w
                      : (c.flags & LB_REPL) ? 3
                      : (c.flags & LB_MARK) ? escape_cp(c.cp, mark)
                                            : c.end - i;
        xgrow(buf, cap, n + need + 1, 1);
        char *out = *buf + n;
        if (c.flags & LB_DROP) {
            need = 0;
        } else if (c.flags & LB_TAB) {
            memset(out, ' ', need);
        } else if (c.flags & LB_REPL) {
            memcpy(out, REPLACEMENT_UTF8, 3);
        } else if (c.flags & LB_MARK) {
            memcpy(out, mark, need);
        } else {
            memcpy(out, s + i, need);
        }
        /* Dropping a control, or drawing an invalid byte as U+FFFD and a
         * TAB as spaces, removes what separated two clusters of the text,
         * and the drawn ones may join: "a", NUL, U+1F3FD EMOJI MODIFIER
         * would draw as one cluster one column wide where the layout
         * counted three (likewise a combining mark or ZWJ after an invalid
         * byte, Hangul jamo around a control, a lone Prepend character).
         * Such a cluster is drawn as U+FFFD, once per column counted, which
         * joins nothing: the drawn width stays the counted width. */
        if (need && c.w > 0 && !(c.flags & (LB_TAB | LB_MARK)) && (unsigned char)s[i] >= 0x80 &&
            ((!(c.flags & LB_REPL) && ends_with_prepend(s, i, c.end)) ||
             (last != SIZE_MAX && text_next_cluster(*buf, n + need, last, &(int){0}) != n))) {
            need = 3 * (size_t)c.w;
            xgrow(buf, cap, n + need + 1, 1);
            for (int k = 0; k < c.w; k++)
                memcpy(*buf + n + 3 * (size_t)k, REPLACEMENT_UTF8, 3);
        }
        if (need) last = n;
        n += need;
        col += c.w;
        i = c.end;
    }
    (*buf)[n] = '\0';
    return n;
}
