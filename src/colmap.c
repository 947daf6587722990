#include "config.h"

#include "colmap.h"

#include <stdlib.h>

#include "util.h"

void colmap_build(struct colmap *m, const struct alignment *al, size_t np)
{
    size_t nr;
    const struct align_row *rows = align_rows(al, &nr);
    m->np = np;
    m->rowof = xmalloc((np ? np : 1) * sizeof *m->rowof);
    m->gap = xcalloc(np + 2, sizeof *m->gap);
    m->nown = 0;
    for (size_t i = 0; i < np; i++)
        m->rowof[i] = UINT32_MAX;
    for (size_t r = 0; r < nr; r++)
        m->nown += rows[r].kind == ROW_INSERTED;
    m->own = xmalloc((m->nown ? m->nown : 1) * sizeof *m->own);
    /* rows are in display order, A's sentences ascending among the rows
     * that show A: an own row belongs to the gap before the next pivot
     * sentence shown */
    size_t next = 0, k = 0;
    for (size_t r = 0; r < nr; r++) {
        const struct align_row *w = &rows[r];
        if (w->show & SHOW_A) {
            for (uint32_t q = w->a; q < w->a + w->an && q < np; q++)
                m->rowof[q] = (uint32_t)r;
            if (w->an && w->a + w->an > next) next = WD_MIN((size_t)(w->a + w->an), np);
        } else if (w->kind == ROW_INSERTED) {
            m->gap[next + 1]++; /* counted into gap next, summed below */
            m->own[k++] = (uint32_t)r;
        }
    }
    for (size_t g = 1; g <= np + 1; g++)
        m->gap[g] += m->gap[g - 1];
}

void colmap_free(struct colmap *m)
{
    free(m->rowof);
    free(m->gap);
    free(m->own);
    m->rowof = m->gap = m->own = NULL;
    m->np = m->nown = 0;
}

ptrdiff_t colmap_cell(const struct colmap *m, const struct alignment *al, size_t i, int side,
                      enum col_mark *mark)
{
    uint32_t r = m->rowof[i];
    *mark = CM_MISSING;
    if (r == UINT32_MAX) return -1;
    size_t nr;
    const struct align_row *w = &align_rows(al, &nr)[r];
    if (i != w->a) {
        *mark = CM_DITTO;
        return -1;
    }
    switch (w->kind) {
    case ROW_SAME:
        *mark = CM_SAME;
        break;
    case ROW_CHANGED:
        *mark = CM_CHANGED;
        break;
    case ROW_MOVED:
        *mark = CM_MOVED;
        if (side == SIDE_B) return w->partner; /* the other place shows B */
        break;
    default:
        return -1;
    }
    return (ptrdiff_t)r;
}
