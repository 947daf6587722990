/* layout.h - a pure function from (alignment, options, column widths) to
 * screen lines with attribute spans.  No curses here: the reader, the text
 * export and the ANSI export all draw from it, and it is unit tested
 * without a terminal.
 *
 * The alignment's rows become display rows (a fold of identical sentences is
 * one display row).  Each display row is as tall as its taller side; both
 * sides start on the same line.  Sentences wrap at word boundaries by
 * display width (text.h clusters: never cut inside a grapheme cluster);
 * a word wider than the column is broken between clusters.  Each sentence of
 * a grouped row starts on a new line.  All widths are display columns, all
 * offsets bytes into the original documents.
 */
#ifndef WD_LAYOUT_H
#define WD_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"

/* What a piece of text is, for colouring. */
enum lay_attr {
    LA_PLAIN,    /* text of a same row */
    LA_COMMON,   /* words a pair has in common (changed or moved row); all of a
                    pair's text when word marks are off */
    LA_DEL,      /* words only in A inside a pair */
    LA_INS,      /* words only in B inside a pair */
    LA_DELETED,  /* a sentence only in A (deleted row) */
    LA_INSERTED, /* a sentence only in B (inserted row) */
    LA_FOLD,     /* the text of a fold marker (layout-owned string) */
    LA_MARK,     /* a wdiff mark "[-" "-]" "{+" "+}" "{~" "~}" (layout-owned string) */
    LA_FOLDED,   /* characters of a same row that differ only in case, quote style
                    or dashes (WOP_FOLD), marked quietly */
    LA_COUNT
};

struct lay_piece {
    uint32_t start, end; /* bytes into the side's document, or into
                            layout_fold_text() for LA_FOLD */
    uint16_t attr;       /* enum lay_attr */
    uint16_t col;        /* display column where the piece starts */
};

struct lay_line {
    uint32_t piece, npiece; /* layout_pieces()[piece .. piece+npiece) */
    uint16_t width;         /* display width used */
};

enum vrow_kind { VROW_ROW, VROW_FOLD };

struct lay_vrow {
    uint64_t y;        /* first screen line of this display row */
    enum vrow_kind kind;
    uint32_t row;      /* VROW_ROW: alignment row; VROW_FOLD: first folded row */
    uint32_t nrows;    /* rows covered (1 for VROW_ROW) */
    uint32_t height;   /* lines (>= 1) */
    uint32_t line[2];  /* first line of each side in layout_lines(); in a lazy
                          layout, use layout_row_lines() */
    uint32_t nline[2]; /* lines of each side (<= height; the rest is padding) */
};

/* The reader's folding (f), which the snapshots repeat: a run of at least
 * LAYOUT_FOLD_MIN identical rows folds into one line, keeping
 * LAYOUT_FOLD_CONTEXT rows at each end facing a change when the run is
 * long enough to fold LAYOUT_FOLD_MIN rows besides (else all of it folds). */
#define LAYOUT_FOLD_MIN     3
#define LAYOUT_FOLD_CONTEXT 2

struct layout_opts {
    int width[2];        /* column widths (display columns), >= 1 */
    bool words;          /* mark word differences inside pairs, and the folded
                            characters of same rows */
    bool fold;           /* fold runs of same rows */
    int fold_min;        /* fold a run of at least this many same rows (>= 1) */
    int fold_context;    /* same rows kept visible at each end of a fold */
    int tab;             /* tab stop width */
    bool marks;          /* with words: put each run of LA_DEL words in [- -], of
                            LA_INS words in {+ +} and of LA_FOLDED characters in
                            {~ ~}, for plain text; the marks are LA_MARK pieces
                            counted in the wrapping */
    const uint8_t *unfold; /* NULL, or one byte per alignment row: rows with a
                              non-zero byte are never folded (a fold the
                              reader opened).  Read by layout_build only. */
    const uint8_t *skip; /* NULL, or one byte per alignment row: rows with a
                            non-zero byte get no display row (the reader hides
                            boilerplate with it); a fold never spans a skipped
                            row.  Read by layout_build only (layout_get_opts
                            reports NULL). */
    bool lazy;           /* keep only the display rows and their heights; lay
                            out the lines and pieces of a row when
                            layout_row_lines asks for it (the reader: a few
                            screens held instead of every line) */
};

void layout_default_opts(struct layout_opts *o, int width_a, int width_b);

struct layout;

/* Lay out every row of al.  Never fails (allocation aborts).  A lazy
 * layout (opts.lazy) keeps al, which must outlive it. */
struct layout *layout_build(const struct alignment *al, const struct layout_opts *o);
void layout_free(struct layout *l);

const struct lay_vrow *layout_vrows(const struct layout *l, size_t *n);
const struct lay_line *layout_lines(const struct layout *l, size_t *n);
const struct lay_piece *layout_pieces(const struct layout *l, size_t *n);
/* The lines of side (0 = A, 1 = B) of display row vi (< the number of
 * display rows); *n = its nline[side].  The lines and their pieces are the
 * same whether the layout is lazy or not; a lazy layout lays the row out
 * now if it has not (or has forgotten it: it holds a few screens), so the
 * pointer, and layout_lines() and layout_pieces(), are good only until the
 * next call. */
const struct lay_line *layout_row_lines(const struct layout *l, size_t vi, int side, size_t *n);
/* Total screen lines. */
uint64_t layout_height(const struct layout *l);
/* The display row holding screen line y (binary search); n if y is past the end. */
size_t layout_vrow_at(const struct layout *l, uint64_t y);
/* The display row showing alignment row r (a fold covering it, if folded;
 * for a skipped row, the display row before it, or 0). */
size_t layout_vrow_of_row(const struct layout *l, size_t r);
/* Bytes of the fold marker texts ("… 12 identical sentences"); owned by
 * the layout, never NULL. */
const char *layout_fold_text(const struct layout *l);

/* The options the layout was built with, after clamping (widths 1..65535,
 * tab 1..256, fold_min >= 1, fold_context >= 0).  Owned by the layout. */
const struct layout_opts *layout_get_opts(const struct layout *l);

/* The UTF-8 to draw for piece p of side (0 = A, 1 = B): the piece's bytes
 * with each invalid byte as U+FFFD, each TAB as spaces up to the next
 * multiple of opts.tab counted from the column's left edge (p->col is the
 * starting column), and every cluster the layout counted as width 0
 * (C0/C1 controls, DEL, NUL, line separators, zero-width characters)
 * dropped.  A cluster wider than the whole column (a wide character in a
 * 1-column view) is drawn as U+FFFD.  Its display width (text_width) is
 * exactly the width the layout counted for the piece, so the reader and
 * the exports agree with the layout; draw nothing else.  Writes into *buf
 * (grown with xgrow; *cap tracks its size; the caller frees it), NUL-
 * terminates it, and returns the length in bytes without the NUL.  The
 * documents of the alignment must still be alive. */
size_t layout_piece_text(const struct layout *l, int side, const struct lay_piece *p, char **buf,
                         size_t *cap);

#endif
