/* tui_fold.c - folding in the pair reader: f folds every run of at least
 * LAYOUT_FOLD_MIN identical sentences (layout.h) and says how many rows
 * that folded; Enter on a fold opens it (the fold at the top of the view,
 * else the first one on screen), and the rows opened stay open until f
 * folds afresh.  Snapshots (e, E) fold as the screen does, opened folds
 * included (export_view.unfold).
 */
#include "config.h"

#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

void tui_fold_free(struct tui *t)
{
    free(t->unfold);
    t->unfold = NULL;
}

/* f turned folding on: every run folds again. */
void tui_fold_reset(struct tui *t)
{
    if (t->unfold) memset(t->unfold, 0, t->nrows ? t->nrows : 1);
    t->unfold_gen++;
}

void tui_fold_report(struct tui *t)
{
    if (!t->fold) {
        tui_message(t, false, "folding of identical runs off");
        return;
    }
    const struct layout *l = tui_layout(t);
    if (!l) return;
    size_t nv, folds = 0, rows = 0;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    for (size_t i = 0; i < nv; i++)
        if (v[i].kind == VROW_FOLD) {
            folds++;
            rows += v[i].nrows;
        }
    if (folds == 0)
        tui_message(t, false, "folding on: no run of %d or more identical sentences",
                    layout_get_opts(l)->fold_min);
    else
        tui_message(t, false, "folded %zu identical row%s in %zu run%s (Enter opens one)", rows,
                    rows == 1 ? "" : "s", folds, folds == 1 ? "" : "s");
}

/* The fold to open: the display row at the top if it is a fold, else the
 * first fold on screen; nv when there is none. */
static size_t fold_on_screen(struct tui *t, const struct layout *l)
{
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    uint64_t bottom = t->top + (uint64_t)tui_view_height();
    for (size_t i = layout_vrow_at(l, t->top); i < nv && v[i].y < bottom; i++)
        if (v[i].kind == VROW_FOLD) return i;
    return nv;
}

bool tui_fold_open(struct tui *t)
{
    if (!t->fold) return false;
    const struct layout *l = tui_layout(t);
    if (!l) return false;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t i = fold_on_screen(t, l);
    if (i >= nv) return false;
    size_t row = v[i].row, n = v[i].nrows;
    bool at_top = i == layout_vrow_at(l, t->top);
    if (!t->unfold) t->unfold = xcalloc(t->nrows ? t->nrows : 1, 1);
    memset(t->unfold + row, 1, n);
    t->unfold_gen++;
    if (at_top) tui_goto_row(t, row); /* the opened rows from the top */
    tui_message(t, false, "opened %zu identical row%s (rows %zu-%zu)", n, n == 1 ? "" : "s",
                row + 1, row + n);
    return true;
}
