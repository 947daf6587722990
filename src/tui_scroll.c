/* tui_scroll.c - where the pair reader's view is (tui_int.h), and the
 * moves that change it: scrolling, jumps to the rows that differ and to a
 * moved sentence's counterpart, a click on a row; tui_view.c maps the keys
 * to them.
 *
 * The view scrolls by screen lines like less: t->top is the first layout
 * line shown and the "current row" is the display row holding it.  Every
 * navigation key is O(log n) in the size of the document (binary searches
 * over the layout and over the rows that differ); only a change of column
 * width, word marks, folding or sides builds a new layout (keeping the
 * current row in view: anchors), and the last TUI_LAY_CACHE layouts are
 * kept so that toggling back is free (tui_model.c).
 */
#include "config.h"

#include "tui_int.h"

#include <stdint.h>

#include "align.h"
#include "layout.h"
#include "util.h"

/* ---- where the view is --------------------------------------------------- */

/* Where the view is, in terms that survive a new layout: an alignment row
 * and how far into its display row the top line is (a fraction). */
struct anchor {
    size_t row;
    double frac;
    bool valid;
};

static struct anchor get_anchor(const struct tui *t)
{
    struct anchor a = {0, 0, false};
    const struct layout *l = t->cache[0].l;
    if (!l) return a;
    size_t n;
    const struct lay_vrow *v = layout_vrows(l, &n);
    if (n == 0) return a;
    size_t i = layout_vrow_at(l, t->top);
    if (i >= n) i = n - 1;
    a.row = v[i].row;
    a.frac = t->top > v[i].y ? (double)(t->top - v[i].y) / v[i].height : 0;
    a.valid = true;
    return a;
}

uint64_t tui_pair_max_top(struct tui *t)
{
    const struct layout *l = t->cache[0].l;
    uint64_t h = l ? layout_height(l) : 0, vh = (uint64_t)tui_view_height();
    return h > vh ? h - vh : 0;
}

static void set_anchor(struct tui *t, struct anchor a)
{
    const struct layout *l = tui_layout(t);
    if (!l || !a.valid) return;
    size_t n;
    const struct lay_vrow *v = layout_vrows(l, &n);
    size_t i = layout_vrow_of_row(l, a.row);
    if (i >= n) { /* the row and all after it are hidden: the end */
        t->top = tui_pair_max_top(t);
        return;
    }
    t->top = v[i].y + (uint64_t)(a.frac * v[i].height);
}

void tui_pair_scroll_by(struct tui *t, int64_t d)
{
    if (!tui_layout(t)) return;
    if (d < 0) {
        uint64_t up = (uint64_t)(-d);
        t->top = t->top > up ? t->top - up : 0;
    } else {
        uint64_t lim = WD_MAX(tui_pair_max_top(t), t->top);
        t->top = t->top + (uint64_t)d < lim ? t->top + (uint64_t)d : lim;
    }
}

void tui_goto_row(struct tui *t, size_t row)
{
    const struct layout *l = tui_layout(t);
    if (!l) return;
    size_t n;
    const struct lay_vrow *v = layout_vrows(l, &n);
    size_t i = layout_vrow_of_row(l, row);
    if (i < n) t->top = v[i].y;
}

const struct lay_vrow *tui_pair_top_vrow(struct tui *t)
{
    const struct layout *l = tui_layout(t);
    if (!l) return NULL;
    size_t n;
    const struct lay_vrow *v = layout_vrows(l, &n);
    size_t i = layout_vrow_at(l, t->top);
    return i < n ? &v[i] : NULL;
}

/* First index in the ascending list a[0..n) with a[i] > x (or >= x). */
static size_t upper(const uint32_t *a, size_t n, size_t x, bool inclusive)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] > x || (inclusive && a[mid] == x))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

void tui_pair_next_diff(struct tui *t)
{
    const struct lay_vrow *v = tui_pair_top_vrow(t);
    if (!v) return;
    size_t i = upper(t->diffs, t->ndiffs, v->row + v->nrows - 1, false);
    while (i < t->ndiffs && tui_row_hidden(t, t->diffs[i]))
        i++;
    if (i >= t->ndiffs) {
        tui_message(t, false, "no more differences below");
        return;
    }
    tui_goto_row(t, t->diffs[i]);
}

void tui_pair_prev_diff(struct tui *t)
{
    const struct lay_vrow *v = tui_pair_top_vrow(t);
    if (!v) return;
    size_t nr;
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    if (t->top > v->y && v->kind == VROW_ROW && rows[v->row].kind != ROW_SAME) {
        t->top = v->y; /* back to the start of the difference we are in */
        return;
    }
    size_t i = upper(t->diffs, t->ndiffs, v->row, true);
    while (i > 0 && tui_row_hidden(t, t->diffs[i - 1]))
        i--;
    if (i == 0) {
        tui_message(t, false, "no more differences above");
        return;
    }
    tui_goto_row(t, t->diffs[i - 1]);
}

void tui_pair_jump_moved(struct tui *t)
{
    const struct lay_vrow *v = tui_pair_top_vrow(t);
    if (!v) return;
    size_t nr;
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    size_t i = upper(t->moves, t->nmoves, v->row, true);
    while (i < t->nmoves &&
           (tui_row_hidden(t, t->moves[i]) || tui_row_hidden(t, (size_t)rows[t->moves[i]].partner)))
        i++;
    if (i >= t->nmoves) {
        tui_message(t, false, t->nmoves ? "no moved sentence below" : "no moved sentences");
        return;
    }
    size_t from = t->moves[i], to = (size_t)rows[from].partner;
    tui_goto_row(t, to);
    tui_message(t, false, "row %zu: moved %s row %zu", to + 1,
                rows[to].show & SHOW_A ? "to" : "from", from + 1);
}

void tui_pair_click_row(struct tui *t, const struct tui_key *k)
{
    const struct layout *l = tui_layout(t);
    if (!l || k->y < 1 || k->y > tui_view_height()) return;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t i = layout_vrow_at(l, t->top + (uint64_t)(k->y - 1));
    if (i >= nv) return;
    t->top = v[i].y;
    if (v[i].kind == VROW_FOLD) {
        if (k->code == TUI_KEY_DCLICK)
            tui_fold_open(t);
        else
            tui_message(t, false, "a fold of %u rows: double click or Enter opens it",
                        (unsigned)v[i].nrows);
        return;
    }
    tui_message(t, false, "row %zu (y copies it)", (size_t)v[i].row + 1);
}

void tui_pair_relayout(struct tui *t, void (*change)(struct tui *))
{
    struct anchor a = get_anchor(t);
    change(t);
    set_anchor(t, a);
}

void tui_pair_resized(struct tui *t)
{
    /* The anchor comes from the layout of the old size (still cached),
     * or is the one the last resize kept if the view has not moved
     * since. */
    struct anchor a;
    const struct tui_lay *c = &t->cache[0];
    if (t->kept.valid && c->l && c->gen == t->kept.gen && t->top == t->kept.top)
        a = (struct anchor){t->kept.row, t->kept.frac, true};
    else
        a = get_anchor(t);
    set_anchor(t, a);
    /* Too small: nothing was laid out, the top and cache[0] are as they
     * were, so the anchor still describes them. */
    t->kept.valid = a.valid && c->l;
    t->kept.row = a.row;
    t->kept.frac = a.frac;
    t->kept.top = t->top;
    t->kept.gen = c->gen;
}
