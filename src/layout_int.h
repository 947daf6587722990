/* layout_int.h - what the files of the layout share: layout.c (the
 * layout of an alignment: its display rows, the eager layout in slices,
 * the lazy layout's heights, the queries) and layout_row.c (one display
 * row's lines and pieces, the builder). */
#ifndef WD_LAYOUT_INT_H
#define WD_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "linebreak.h"

/* wdiff marks, kept at the start of the layout-owned text: "[-" at 0,
 * "-]" at 3, "{+" at 6, "+}" at 9, "{~" at 12, "~}" at 15 (each
 * NUL-terminated). */
#define LAY_MARK_TEXT  "[-\0-]\0{+\0+}\0{~\0~}"
#define LAY_MARK_BYTES (sizeof LAY_MARK_TEXT)

struct layout {
    struct layout_opts o;
    const struct alignment *al;
    const char *bytes[2];
    struct lay_vrow *vrows;
    size_t nvrows, capvrows;
    struct lay_line *lines;
    size_t nlines, caplines;
    struct lay_piece *pieces;
    size_t npieces, cappieces;
    char *fold; /* fold marker texts, each NUL-terminated */
    size_t nfold, capfold;
    uint64_t height;
    /* A lazy layout (layout_opts.lazy) keeps lines and pieces (and fold
     * texts, after the marks) only for the display rows listed in
     * realized; the others have line[] = LAY_UNREALIZED. */
    struct lay_builder *b;
    uint32_t *realized;
    size_t nrealized, caprealized;
};

#define LAY_UNREALIZED UINT32_MAX
/* A lazy layout forgets the rows it laid out once it holds this many
 * lines, when a row not among them is asked for (a few screens). */
#define LAY_LAZY_LINES 4096

/* A stretch of bytes with one attribute; the runs of a sentence cover it
 * without holes, in order. */
struct lay_run {
    uint32_t start, end;
    uint16_t attr;
};

/* What lays rows out into layout l, and what it keeps between rows. */
struct lay_builder {
    struct layout *l;
    int cols, tab; /* the side's width and the tab stop */
    const char *s; /* the text laid out: a document or the fold buffer */
    const struct lay_run *runs;
    size_t nruns, ri; /* runs of the current sentence and the one at the cursor */
    int col;          /* column of the next cluster on the current line */
    struct lay_run *runbuf;
    size_t caprunbuf;
    struct lay_run *spans; /* word spans of the current row side, in order */
    size_t nspans, capspans;
    struct lb_cl last;     /* the cluster lay_text looked at last ... */
    size_t last_at;        /* ... and where it starts (SIZE_MAX: none) */
    bool counting;         /* only the lines count (a lazy layout's heights) */
    struct doc_pass *pass; /* a lazy layout's heights: each side's pass over
                            * its text, so a mapped file's pages go back */
};

/* ---- layout_row.c ---- */
/* Lay out the sides of v, a display row of alignment row v->row. */
void lay_row(struct lay_builder *b, struct lay_vrow *v);
/* Lay out v, a fold marker standing for rows [v->row, v->row + v->nrows). */
void lay_fold(struct lay_builder *b, struct lay_vrow *v);
/* Lay out display row v with b, and set its height. */
void lay_vrow(struct lay_builder *b, struct lay_vrow *v);

#endif
