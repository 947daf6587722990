/* diff_int.h - what diff.c (the search) and diff_script.c (the finished
 * script) share.  Private to the two files (diff.h is the interface). */
#ifndef WD_DIFF_INT_H
#define WD_DIFF_INT_H

#include <stddef.h>
#include <stdint.h>

/* diffutils' shift_boundaries for one side: v[0..n) with flags chg, the
 * other side's flags ochg[0..on).  Each run of changes is slid up while
 * the element before it equals its last element, merging with earlier
 * runs, then down while its first element equals the element after it,
 * merging with later runs; it ends at the last place where it touches a
 * run on the other side (so a replacement stays one hunk), or failing
 * that as far down as it can go.  Sliding swaps which of equal elements
 * is matched, so the script stays valid and its cost never changes.
 *
 * j tracks the other side: ochg[0..j) is what lies before position i of
 * this side, and j sits on the unchanged element matched with v[i] (or
 * at on).  The script being valid guarantees those elements exist. */
void diff_shift_side(const uint32_t *v, uint8_t *chg, size_t n, const uint8_t *ochg, size_t on);

#endif
