/* diff.h - a generic difference of two sequences of integer ids.
 *
 * Myers' O(ND) algorithm in linear space (E. W. Myers, "An O(ND)
 * Difference Algorithm and Its Variations", Algorithmica 1(2), 1986),
 * structured like GNU diffutils' analyze.c / gnulib diffseq.h and git's
 * xdiff: common prefix/suffix stripping, setting aside ids that occur on
 * one side only, a bounded-cost heuristic for huge inputs, and a final
 * pass that slides hunks to readable boundaries.  It knows nothing about
 * text: sentences and words both go through it.
 */
#ifndef WD_DIFF_H
#define WD_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diff_opts {
    /* Find a minimal script: no cost limit, no heuristics that may lose
     * optimality.  Used by the oracle tests. */
    bool minimal;
    /* Slide change boundaries (diffutils shift_boundaries) so hunks start
     * and end at readable places; never changes the script's length. */
    bool shift;
};

struct diff_result {
    size_t na, nb;
    /* ca[i] != 0: a[i] is deleted; cb[j] != 0: b[j] is inserted.
     * Elements with a zero flag are matched in order (a common
     * subsequence).  Owned by the result. */
    uint8_t *ca, *cb;
    /* Number of deleted + inserted elements. */
    size_t cost;
    /* True when the cost limit cut the search short somewhere, so the
     * script may be longer than minimal. */
    bool limited;
};

/* A maximal run of changes: a[a .. a+na) replaced by b[b .. b+nb). */
struct diff_hunk {
    size_t a, na, b, nb;
};

/* Compare a[0..na) and b[0..nb).  opts may be NULL (defaults: heuristics
 * on, shift on).  Fills *out; free with diff_result_free().  Never fails
 * (allocation failure aborts, see util.h).  Memory is O(na + nb); ids may
 * be any uint32_t values (no table indexed by id is allocated). */
void diff_run(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
              const struct diff_opts *opts, struct diff_result *out);

void diff_result_free(struct diff_result *r);

/* Among equal elements, the one whose neighbours are equal too: where a
 * matched pair a[i] = b[j] could as well be a[i] = b[y] for an unmatched
 * b[y] between the matches before and after it (or likewise an unmatched
 * a[x]), and more of that one's neighbours (the elements just before and
 * after) are equal, it takes its place.  A copy of a sentence elsewhere
 * (a teaser of the lede at the top of a page) thus leaves the match to
 * the copy that stands among its neighbours.  The script's length is
 * unchanged; linear time. */
void diff_prefer_neighbours(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                            struct diff_result *r);

/* The hunks of r in order.  Returns their number; *out is a new array owned
 * by the caller (free()), NULL when there are none. */
size_t diff_hunks(const struct diff_result *r, struct diff_hunk **out);

#endif
