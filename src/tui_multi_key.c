/* tui_multi_key.c - the keys of the multi-column view (tui_multi.c):
 * scrolling by lines and columns, jumps to rows that differ, a new pivot,
 * the pair, hiding, word marks. */
#include "config.h"

#include "tui_int.h"

#include <stdint.h>

#include "corpus.h"
#include "util.h"

/* ---- keys ------------------------------------------------------------------ */

/* Does any shown column differ from the pivot in slot v (a row of own
 * sentences always does)? */
static bool row_differs(struct tui *t, uint32_t v, int shown)
{
    if (v % 2 == 0) return true;
    size_t i = v / 2;
    for (int c = 0; c < shown; c++) {
        enum col_mark m;
        tui_mv_cell(&t->mv.cols[tui_mv_other_doc(t, t->mv.first + (size_t)c)], i, SIDE_B, &m);
        if (m == CM_CHANGED || m == CM_MOVED || m == CM_MISSING) return true;
    }
    return false;
}

/* ] and [: the next / previous row where a shown column differs ([ inside
 * such a row goes back to its start first). */
static void jump_diff(struct tui *t, bool forward)
{
    int w;
    int shown = tui_mv_prepare(t, &w);
    struct tui_multi *mv = &t->mv;
    if (mv->nrows == 0) return;
    size_t cur = tui_mv_row_at(mv, mv->top);
    if (forward) {
        for (size_t j = cur + 1; j < mv->nrows; j++)
            if (row_differs(t, mv->rows[j], shown)) {
                mv->top = mv->ry[j];
                return;
            }
    } else {
        size_t j = mv->top > mv->ry[cur] ? cur + 1 : cur;
        while (j-- > 0)
            if (row_differs(t, mv->rows[j], shown)) {
                mv->top = mv->ry[j];
                return;
            }
    }
    tui_message(t, false, "no more differences %s in these columns", forward ? "below" : "above");
}

/* The pivot sentence at the top of the view (of the own sentences of a
 * gap, the pivot sentence after it; np at the end). */
static size_t top_sentence(const struct tui *t)
{
    const struct tui_multi *mv = &t->mv;
    if (!mv->valid || !mv->nrows) return 0;
    uint32_t slot = mv->rows[tui_mv_row_at(mv, mv->top)];
    return slot / 2; /* 2i + 1 -> i; 2g -> g */
}

/* The sentence of document b that old's sentence s (or, unmatched, the
 * first matched one after it) stands beside in their alignment; SIZE_MAX
 * when none does. */
static size_t counterpart(struct tui *t, size_t old, size_t b, size_t s)
{
    const struct alignment *al = tui_corpus_align(t->cx, old, b);
    size_t nr, best = SIZE_MAX, best_a = SIZE_MAX;
    const struct align_row *rows = align_rows(al, &nr);
    for (size_t i = 0; i < nr; i++) {
        const struct align_row *r = &rows[i];
        if (!(r->show & SHOW_A) || !r->an || !r->bn || r->a + r->an <= s) continue;
        if (r->a < best_a) { /* the first matched sentence at or after s */
            best_a = r->a;
            best = r->b;
        }
    }
    return best;
}

static void set_pivot(struct tui *t, size_t p)
{
    size_t old = t->mv.pivot;
    if (p == old) return;
    size_t s = top_sentence(t);
    size_t to = s > 0 ? counterpart(t, old, p, s) : SIZE_MAX;
    /* The old pivot becomes the first column shown beside the new one. */
    tui_multi_open(t, p, old);
    if (to != SIZE_MAX) {
        t->mv.goto_sent = to;
        t->mv.goto_valid = true;
        tui_message(t, false, "pivot: %zu %s, at its sentence %zu (beside %zu's %zu)", p,
                    doc_label(t->cx->docs[p]), to + 1, old, s + 1);
    } else {
        tui_message(t, false, "pivot: %zu %s", p, doc_label(t->cx->docs[p]));
    }
}

void tui_multi_key(struct tui *t, const struct tui_key *k)
{
    struct tui_multi *mv = &t->mv;
    if (tui_too_small()) { /* only leaving makes sense on the notice */
        if (tui_is_char(k, 'q')) t->mode = TUI_MODE_OVERVIEW;
        return;
    }
    int w;
    int shown = tui_mv_prepare(t, &w);
    bool home, end;
    int64_t d = tui_scroll_amount(k, tui_view_height(), &home, &end);
    if (d || home || end) {
        if (home) {
            mv->top = 0;
        } else if (end) {
            mv->top = tui_mv_max_top(mv);
        } else if (d < 0) {
            mv->top = mv->top > (uint64_t)-d ? mv->top - (uint64_t)-d : 0;
        } else {
            uint64_t lim = WD_MAX(tui_mv_max_top(mv), mv->top);
            mv->top = mv->top + (uint64_t)d < lim ? mv->top + (uint64_t)d : lim;
        }
        return;
    }
    int c = k->code;
    if (k->fn) {
        switch (c) {
        case KEY_LEFT:
            c = 'h';
            break;
        case KEY_RIGHT:
            c = 'l';
            break;
        case KEY_ENTER:
            c = '\r';
            break;
        case KEY_BACKSPACE:
            c = 127;
            break;
        default:
            return;
        }
    }
    switch (c) {
    case 'q':
    case 27 /* Esc */:
    case 8:
    case 127:
        t->mode = TUI_MODE_OVERVIEW;
        break;
    case 'h':
        if (mv->first > 0) mv->first--;
        mv->want_first = mv->first;
        break;
    case 'l':
        if (mv->first + (size_t)shown < tui_mv_nothers(t)) mv->first++;
        mv->want_first = mv->first;
        break;
    case 'p':
        if (shown > 0) set_pivot(t, tui_mv_other_doc(t, mv->first));
        break;
    case 'P':
        if (tui_mv_ndocs(t) > 1) set_pivot(t, (mv->pivot + 1) % tui_mv_ndocs(t));
        break;
    case '\r':
    case '\n':
        if (shown > 0) tui_pair_open(t, mv->pivot, tui_mv_other_doc(t, mv->first), TUI_MODE_MULTI);
        break;
    case ']':
        jump_diff(t, true);
        break;
    case '[':
        jump_diff(t, false);
        break;
    case 'w':
        t->words = !t->words;
        tui_message(t, false, "word marks %s", t->words ? "on" : "off");
        break;
    case 'o': {
        size_t keep = shown > 0 ? tui_mv_other_doc(t, mv->first) : SIZE_MAX;
        mv->hide_none = !mv->hide_none;
        tui_mv_set_visible(t);
        mv->first = mv->want_first = keep == SIZE_MAX ? 0 : tui_mv_vis_index(t, keep);
        size_t hidden =
            tui_mv_nothers(t) + 1 < tui_mv_ndocs(t) ? tui_mv_ndocs(t) - 1 - tui_mv_nothers(t) : 0;
        if (mv->hide_none)
            tui_message(t, false, "%zu document%s sharing nothing with the pivot hidden", hidden,
                        hidden == 1 ? "" : "s");
        else
            tui_message(t, false, "every document shown");
        break;
    }
    case 'e':
        if (tui_mv_ndocs(t) > 1) tui_export_open(t, false);
        break;
    case 'B':
        t->hide_boiler = !t->hide_boiler;
        tui_message(t, false, "boilerplate %s", t->hide_boiler ? "hidden" : "shown (dimmed)");
        break;
    default:
        tui_unknown_key(t);
        break;
    }
}
