/* diff_script.c - what is done with a script once the search has found
 * it (diff.h, diff_int.h): its runs of changes slid to canonical places
 * (diffutils shift_boundaries), matches moved to where their neighbours
 * match too (diff_prefer_neighbours), the hunks, and freeing it. */
#include "config.h"

#include "diff.h"
#include "diff_int.h"

#include <stdint.h>
#include <stdlib.h>

#include "util.h"

/* --- boundary sliding ----------------------------------------------------- */

void diff_shift_side(const uint32_t *v, uint8_t *chg, size_t n, const uint8_t *ochg, size_t on)
{
    size_t i = 0, j = 0;

    for (;;) {
        /* Find the next run of changes, keeping j in step. */
        while (i < n && !chg[i]) {
            while (ochg[j])
                j++;
            j++;
            i++;
        }
        if (i == n) break;
        size_t start = i;
        while (i < n && chg[i])
            i++;
        while (j < on && ochg[j])
            j++;

        size_t runlength, corresponding;
        do {
            runlength = i - start;

            /* Slide up while the element before equals the last changed
             * one; merge with any run reached. */
            while (start > 0 && v[start - 1] == v[i - 1]) {
                chg[--start] = 1;
                chg[--i] = 0;
                while (start > 0 && chg[start - 1])
                    start--;
                while (ochg[--j])
                    continue;
            }

            /* The end of the run where it last met a run of the other
             * side; n when it never did. */
            corresponding = j > 0 && ochg[j - 1] ? i : n;

            /* Slide down while the first changed element equals the one
             * after the run; done second so that without merges the run
             * ends as far down as it can. */
            while (i < n && v[start] == v[i]) {
                chg[start++] = 0;
                chg[i++] = 1;
                while (i < n && chg[i])
                    i++;
                for (j++; j < on && ochg[j]; j++)
                    corresponding = i;
            }
        } while (runlength != i - start);

        /* Move back to where it meets a run of the other side. */
        while (corresponding < i) {
            chg[--start] = 1;
            chg[--i] = 0;
            while (ochg[--j])
                continue;
        }
    }
}

/* --- the finished script -------------------------------------------------- */

/* How many of the neighbours of a[i] and b[j] (the elements just before
 * and just after) are equal: 0, 1 or 2. */
static int neighbours(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t i,
                      size_t j)
{
    return (i > 0 && j > 0 && a[i - 1] == b[j - 1]) +
           (i + 1 < na && j + 1 < nb && a[i + 1] == b[j + 1]);
}

void diff_prefer_neighbours(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                            struct diff_result *r)
{
    size_t m = 0, cap = WD_MIN(na, nb) + 1;
    size_t *mi = xmalloc(cap * sizeof *mi), *mj = xmalloc(cap * sizeof *mj);
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (r->ca[i]) {
            i++;
        } else if (r->cb[j]) {
            j++;
        } else {
            mi[m] = i++;
            mj[m++] = j++;
        }
    }
    /* Each unmatched element lies between two matches and is looked at
     * for those two only: linear. */
    for (size_t k = 0; k < m; k++) {
        size_t i = mi[k], j = mj[k], bi = i, bj = j;
        int best = neighbours(a, na, b, nb, i, j);
        if (best == 2) continue;
        size_t lo = k ? mj[k - 1] + 1 : 0, hi = k + 1 < m ? mj[k + 1] : nb;
        for (size_t y = lo; y < hi; y++) {
            int s = y != j && r->cb[y] && b[y] == a[i] ? neighbours(a, na, b, nb, i, y) : -1;
            if (s > best) best = s, bi = i, bj = y;
        }
        lo = k ? mi[k - 1] + 1 : 0, hi = k + 1 < m ? mi[k + 1] : na;
        for (size_t x = lo; x < hi; x++) {
            int s = x != i && r->ca[x] && a[x] == b[j] ? neighbours(a, na, b, nb, x, j) : -1;
            if (s > best) best = s, bi = x, bj = j;
        }
        if (bi == i && bj == j) continue;
        r->ca[i] = r->cb[j] = 1;
        r->ca[bi] = r->cb[bj] = 0;
        mi[k] = bi;
        mj[k] = bj;
    }
    free(mi);
    free(mj);
}

void diff_result_free(struct diff_result *r)
{
    if (!r) return;
    free(r->ca);
    free(r->cb);
    r->ca = r->cb = NULL;
    r->na = r->nb = 0;
    r->cost = 0;
    r->limited = false;
}

size_t diff_hunks(const struct diff_result *r, struct diff_hunk **out)
{
    struct diff_hunk *h = NULL;
    size_t count = 0;

    /* Pass 0 counts, pass 1 fills. */
    for (int pass = 0; pass < 2; pass++) {
        size_t i = 0, j = 0, k = 0;
        while (i < r->na || j < r->nb) {
            if (i < r->na && j < r->nb && !r->ca[i] && !r->cb[j]) {
                i++;
                j++;
                continue;
            }
            size_t i0 = i, j0 = j;
            while (i < r->na && r->ca[i])
                i++;
            while (j < r->nb && r->cb[j])
                j++;
            if (i == i0 && j == j0) break; /* not a valid script: unmatched leftovers */
            if (pass) h[k] = (struct diff_hunk){.a = i0, .na = i - i0, .b = j0, .nb = j - j0};
            k++;
        }
        if (pass == 0) {
            count = k;
            if (count == 0) break;
            h = xreallocarray(NULL, count, sizeof *h);
        }
    }
    *out = h;
    return count;
}
