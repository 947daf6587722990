/* colmap.h - one column of the many-outlets view: another document laid
 * beside the pivot, from their alignment (pivot as A, the document as B).
 *
 * The columns show one pivot sentence per row and, beside it, what each
 * document has for it: the same sentence, a reworded or moved one, or
 * nothing.  A document's own sentences (rows only it has, ROW_INSERTED)
 * stand where they stand in it: in the gap between the pivot sentences
 * their neighbours pair with.  Gap g comes before pivot sentence g (gap np
 * after the last).  The reader (tui_multi.c) and the columns export
 * (export_columns.c) both read a column through this map.
 */
#ifndef WD_COLMAP_H
#define WD_COLMAP_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"

/* What a column shows beside a pivot sentence. */
enum col_mark {
    CM_SAME,    /* the same sentence */
    CM_CHANGED, /* a reworded one */
    CM_MOVED,   /* one that stands elsewhere in the document */
    CM_MISSING, /* none: the document lacks it */
    CM_DITTO    /* paired with the pivot sentence above (one with several) */
};

struct colmap {
    size_t np;         /* pivot sentences */
    uint32_t *rowof;   /* per pivot sentence: the row of al showing it, or UINT32_MAX */
    uint32_t *gap;     /* gap g's own rows are own[gap[g] .. gap[g + 1]) */
    uint32_t *own;     /* the ROW_INSERTED rows, in order */
    size_t nown;
};

/* The map of al (pivot as A with np sentences).  Never fails. */
void colmap_build(struct colmap *m, const struct alignment *al, size_t np);
void colmap_free(struct colmap *m);

/* Beside pivot sentence i: the mark, and the row whose side to show (for a
 * moved pair on side B, the row at B's place), or -1 when none. */
ptrdiff_t colmap_cell(const struct colmap *m, const struct alignment *al, size_t i, int side,
                      enum col_mark *mark);

/* The own rows of gap g (0 .. np), as indices into m->own: [*lo, *hi). */
static inline void colmap_gap(const struct colmap *m, size_t g, size_t *lo, size_t *hi)
{
    *lo = m->gap[g];
    *hi = m->gap[g + 1];
}

#endif
