/* linebreak.h - display clusters and line-break opportunities for wrapping.
 *
 * The measuring half of the layout (layout.c): what a grapheme cluster
 * occupies on screen at a given column, and where text may break between
 * clusters that are not white space (next to CJK characters, with the basic
 * kinsoku rules).  Widths are display columns, offsets bytes.
 */
#ifndef WD_LINEBREAK_H
#define WD_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cluster flags. */
enum {
    LB_SPACE = 1u << 0, /* a break opportunity, dropped at a break */
    LB_CJK = 1u << 1,   /* a CJK character: break opportunity before and after */
    LB_DROP = 1u << 2,  /* width 0: not drawn */
    LB_TAB = 1u << 3,   /* drawn as w spaces */
    LB_REPL = 1u << 4,  /* drawn as U+FFFD (invalid byte, or too wide for the column) */
    LB_MARK = 1u << 5,  /* a bidi control, drawn as its visible mark "\u202e" (escape.h) */
};
/* Clusters between units: white space, and clusters of width 0 (controls,
 * NUL, a lone mark), which are invisible and so may neither start nor end
 * a line's visible text.  Every unit is therefore at least 1 column wide. */
#define LB_GAP (LB_SPACE | LB_DROP)

struct lb_cl {
    size_t end; /* byte just past the cluster */
    int w;      /* display columns */
    unsigned flags;
    int32_t cp; /* first code point (U+FFFD for an invalid byte) */
};

/* The cluster of s[0..len) at i (i < len), starting at display column col
 * of a column cols wide with tab stops every tab columns. */
void lb_cluster(const char *s, size_t len, size_t i, int col, int tab, int cols, struct lb_cl *c);

/* A break opportunity between two adjacent clusters that are not white
 * space (UAX #14 class ID with JIS X 4051 kinsoku). */
bool lb_cjk_break(const struct lb_cl *prev, const struct lb_cl *cur);

#endif
