/* diff.c - Myers' O(ND) difference of two id sequences in linear space.
 *
 * E. W. Myers, "An O(ND) Difference Algorithm and Its Variations",
 * Algorithmica 1(2):251-266, 1986: section 4b, the linear-space
 * refinement that finds the middle snake of an optimal path by searching
 * forward from the start and backward from the end at once, then divides
 * and conquers.  The layout follows GNU diffutils' analyze.c and gnulib's
 * diffseq.h (diag / compareseq) and git's xdiff (xdl_split):
 *
 *   1. strip the common prefix and suffix (cheap, and news variants share
 *      most of their text);
 *   2. set aside elements whose id never occurs on the other side (they are
 *      certainly changed; diffutils discard_confusing_lines, xdiff
 *      xdl_cleanup_records), search the rest, and map the flags back;
 *   3. the middle-snake search, with the cost limit "too_expensive" unless
 *      a minimal script was asked for;
 *   4. slide runs of changes to canonical places (diffutils
 *      shift_boundaries; diff_script.c, with what else is done with a
 *      finished script).
 *
 * Diagonal k holds the points (x, y) with x - y == k.  The vectors fd and
 * bd hold, per diagonal, the furthest x reached by the forward and the
 * backward search; they are indexed by diagonal and offset so that every
 * diagonal of the problem, plus one sentinel on each side, is valid.
 */
#include "config.h"

#include "diff.h"
#include "diff_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Offsets and diagonals.  Signed, because diagonals go negative. */
typedef ptrdiff_t lin;

/* Step 2 (discarding one-side-only ids) costs a hash table of about
 * 2 * (na + nb) slots and a pass over both sides.  Below this many
 * elements on either side (after prefix/suffix stripping) the search is
 * cheaper than the bookkeeping; word sequences inside sentence pairs
 * (5-60 words) never pay for it. */
enum { DISCARD_MIN = 64 };

/* Cost limit "too_expensive": a middle-snake search that is not required
 * to be minimal runs at most this many rounds (edit steps in each
 * direction), then gives up and splits at the furthest-reaching point
 * found so far (and the result says it is limited).  A search of c rounds
 * costs O(c^2) diagonal steps and moves the split at least c along x + y,
 * so a whole comparison costs O(N * c) at worst.
 *
 * The rule is GNU diffutils' (analyze.c, diff_2_files): with N the
 * elements searched after the one-side-only ones are set aside, plus 3,
 * c = 2^ceil(log4(N + 1)), about sqrt(N), but at least 4096
 * (TOO_EXPENSIVE_MIN).  git's xdiff scales the same way (xdl_prepare_env:
 * mxcost = sqrt(N), at least XDL_MAX_COST_MIN = 256); the higher floor
 * is diffutils', because below it ordinary news pairs hit the limit: the
 * bench pair of 10,000 sentences (4% moved) needs about 400 rounds, of
 * 100,000 about 4,000, and a limit that fires there puts the
 * "approximate alignment" notice on everyday files.  Any box whose edit
 * distance is at most 2 * 128 is diffed minimally, and up to 2 * c while
 * the budget below lasts. */
enum { TOO_EXPENSIVE_MIN = 4096 };
/* ... within a budget: the rounds beyond the first 128 of all the
 * searches of one comparison may walk at most 128 diagonals per element
 * in all, after which every search stops at 128 rounds.  So the worst
 * case stays linear: a shuffled text of 100,000 sentences costs 1.3 G
 * instructions in the sentence diff (2.7 G with 256 and 256, for one
 * result as good: 99,985 sentences matched, against 99,980), while the
 * bench pairs of 10,000 and 100,000 sentences
 * are still diffed minimally, their output the same (the 1M pair, over
 * the limit either way, has 4 of its 1M rows otherwise). */
enum { TOO_EXPENSIVE_FREE = 128, TOO_EXPENSIVE_BUDGET = 128 };

static lin cost_limit(size_t diags)
{
    lin c = 1;
    for (; diags; diags >>= 2)
        c <<= 1;
    return WD_MAX(c, (lin)TOO_EXPENSIVE_MIN);
}

/* V vectors for inputs up to this many diagonals live on the stack. */
enum { SMALL_DIAGS = 256 };

struct ctx {
    /* The two sequences being searched (after stripping, maybe compacted)
     * and their change flags, all in local coordinates 0..n. */
    const uint32_t *xv, *yv;
    uint8_t *xchg, *ychg;
    /* Forward and backward vectors, indexed by diagonal. */
    lin *fdiag, *bdiag;
    /* Rounds allowed per search when not minimal; LIN_MAX = no limit. */
    lin too_expensive;
    /* Diagonal steps left for rounds beyond TOO_EXPENSIVE_FREE in all the
     * searches of one comparison (cost_limit); below zero, every search
     * stops at TOO_EXPENSIVE_FREE rounds. */
    lin budget;
    bool limited;
};

#define LIN_MAX PTRDIFF_MAX

/* Where a search splits its box, and whether each half must be minimal
 * (diffseq.h's struct partition). */
struct partition {
    lin xmid, ymid;
    bool lo_minimal, hi_minimal;
};

/* Find the midpoint of the shortest edit script for xv[xoff..xlim) versus
 * yv[yoff..ylim).  Both ranges are nonempty and their first elements differ
 * as do their last ones (compareseq strips them), so the script has cost at
 * least 2 and the split is never at a corner.  Unless find_minimal, give up
 * after ctx->too_expensive rounds and split at the furthest point either
 * search reached (by x + y progress), marking that half minimal: it was
 * reached within the bound. */
static void diag(struct ctx *ctx, lin xoff, lin xlim, lin yoff, lin ylim, bool find_minimal,
                 struct partition *part)
{
    lin *const fd = ctx->fdiag;
    lin *const bd = ctx->bdiag;
    const uint32_t *const xv = ctx->xv;
    const uint32_t *const yv = ctx->yv;
    const lin dmin = xoff - ylim; /* lowest diagonal of the box */
    const lin dmax = xlim - yoff; /* highest */
    const lin fmid = xoff - yoff; /* forward search starts here */
    const lin bmid = xlim - ylim; /* backward search starts here */
    lin fmin = fmid, fmax = fmid; /* diagonals the forward search covers */
    lin bmin = bmid, bmax = bmid;
    /* With an odd delta the paths meet after a forward step, otherwise
     * after a backward one (Myers, lemma 3). */
    const bool odd = (fmid - bmid) & 1;

    fd[fmid] = xoff;
    bd[bmid] = xlim;

    for (lin c = 1;; c++) {
        lin d;

        /* Widen the forward range by one diagonal each side, or shrink it
         * by one where it hit the box; sentinels keep the reads at d-1 and
         * d+1 in range and below any real x. */
        if (fmin > dmin)
            fd[--fmin - 1] = -1;
        else
            fmin++;
        if (fmax < dmax)
            fd[++fmax + 1] = -1;
        else
            fmax--;
        for (d = fmax; d >= fmin; d -= 2) {
            lin lo = fd[d - 1], hi = fd[d + 1];
            lin x = lo >= hi ? lo + 1 : hi;
            lin y = x - d;
            while (x < xlim && y < ylim && xv[x] == yv[y]) {
                x++;
                y++;
            }
            fd[d] = x;
            if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
                part->xmid = x;
                part->ymid = y;
                part->lo_minimal = part->hi_minimal = true;
                return;
            }
        }

        /* The same backward, from the end; sentinels above any real x. */
        if (bmin > dmin)
            bd[--bmin - 1] = LIN_MAX;
        else
            bmin++;
        if (bmax < dmax)
            bd[++bmax + 1] = LIN_MAX;
        else
            bmax--;
        for (d = bmax; d >= bmin; d -= 2) {
            lin lo = bd[d - 1], hi = bd[d + 1];
            lin x = lo < hi ? lo : hi - 1;
            lin y = x - d;
            while (xoff < x && yoff < y && xv[x - 1] == yv[y - 1]) {
                x--;
                y--;
            }
            bd[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
                part->xmid = x;
                part->ymid = y;
                part->lo_minimal = part->hi_minimal = true;
                return;
            }
        }

        if (find_minimal) continue;
        if (c > TOO_EXPENSIVE_FREE) /* the diagonals this round walked */
            ctx->budget -= (fmax - fmin + bmax - bmin) / 2 + 2;
        if (c < ctx->too_expensive && (c <= TOO_EXPENSIVE_FREE || ctx->budget >= 0)) continue;

        /* too_expensive: take the forward or backward point that made the
         * most progress along x + y, as diffutils does. */
        ctx->limited = true;
        lin fxybest = -1, fxbest = xoff;
        for (d = fmax; d >= fmin; d -= 2) {
            lin x = WD_MIN(fd[d], xlim);
            lin y = x - d;
            if (ylim < y) {
                x = ylim + d;
                y = ylim;
            }
            if (fxybest < x + y) {
                fxybest = x + y;
                fxbest = x;
            }
        }
        lin bxybest = LIN_MAX, bxbest = xlim;
        for (d = bmax; d >= bmin; d -= 2) {
            lin x = WD_MAX(xoff, bd[d]);
            lin y = x - d;
            if (y < yoff) {
                x = yoff + d;
                y = yoff;
            }
            if (x + y < bxybest) {
                bxybest = x + y;
                bxbest = x;
            }
        }
        if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff)) {
            part->xmid = fxbest;
            part->ymid = fxybest - fxbest;
            part->lo_minimal = true;
            part->hi_minimal = false;
        } else {
            part->xmid = bxbest;
            part->ymid = bxybest - bxbest;
            part->lo_minimal = false;
            part->hi_minimal = true;
        }
        return;
    }
}

/* Flag the changes between xv[xoff..xlim) and yv[yoff..ylim).  Divide and
 * conquer on the middle snake; the smaller half recurses and the larger
 * one loops, so the stack depth is O(log n) even when the cost limit
 * splits very unevenly. */
static void compareseq(struct ctx *ctx, lin xoff, lin xlim, lin yoff, lin ylim, bool find_minimal)
{
    const uint32_t *const xv = ctx->xv;
    const uint32_t *const yv = ctx->yv;

    for (;;) {
        while (xoff < xlim && yoff < ylim && xv[xoff] == yv[yoff]) {
            xoff++;
            yoff++;
        }
        while (xoff < xlim && yoff < ylim && xv[xlim - 1] == yv[ylim - 1]) {
            xlim--;
            ylim--;
        }
        if (xoff == xlim) {
            memset(ctx->ychg + yoff, 1, (size_t)(ylim - yoff));
            return;
        }
        if (yoff == ylim) {
            memset(ctx->xchg + xoff, 1, (size_t)(xlim - xoff));
            return;
        }

        struct partition part;
        diag(ctx, xoff, xlim, yoff, ylim, find_minimal, &part);
        lin lo_size = (part.xmid - xoff) + (part.ymid - yoff);
        lin hi_size = (xlim - part.xmid) + (ylim - part.ymid);
        if (lo_size <= hi_size) {
            compareseq(ctx, xoff, part.xmid, yoff, part.ymid, part.lo_minimal);
            xoff = part.xmid;
            yoff = part.ymid;
            find_minimal = part.hi_minimal;
        } else {
            compareseq(ctx, part.xmid, xlim, part.ymid, ylim, part.hi_minimal);
            xlim = part.xmid;
            ylim = part.ymid;
            find_minimal = part.lo_minimal;
        }
    }
}

/* Run the search over x[0..nx) and y[0..ny), flags into xchg / ychg. */
static bool search(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny, uint8_t *xchg,
                   uint8_t *ychg, bool minimal)
{
    /* Diagonals -ny .. nx plus a sentinel each side. */
    size_t diags = nx + ny + 3;
    lin small[2 * SMALL_DIAGS];
    lin *buf = diags <= SMALL_DIAGS ? small : xreallocarray(NULL, diags, 2 * sizeof *buf);
    struct ctx ctx = {
        .xv = x,
        .yv = y,
        .xchg = xchg,
        .ychg = ychg,
        .fdiag = buf + ny + 1,
        .bdiag = buf + diags + ny + 1,
        .too_expensive = minimal ? LIN_MAX : cost_limit(diags),
        .budget = (lin)diags * TOO_EXPENSIVE_BUDGET,
        .limited = false,
    };
    compareseq(&ctx, 0, (lin)nx, 0, (lin)ny, minimal);
    if (buf != small) free(buf);
    return ctx.limited;
}

/* --- setting aside one-side-only ids ------------------------------------ */

/* An open-addressing set of ids (linear probing, load <= 1/2, sized to the
 * input, never to the id range) recording on which sides each id occurs:
 * bit 1 = x, bit 2 = y, 0 = empty slot. */
struct idslot {
    uint32_t id;
    uint32_t sides;
};

struct idset {
    struct idslot *slots;
    unsigned shift; /* 64 - log2(number of slots) */
    size_t mask;
};

static size_t idset_find(const struct idset *s, uint32_t id)
{
    /* Fibonacci hashing: interned ids are dense small integers, and the
     * top bits of the product spread them evenly. */
    size_t i = (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ull) >> s->shift);
    while (s->slots[i].sides && s->slots[i].id != id)
        i = (i + 1) & s->mask;
    return i;
}

static void idset_add(struct idset *s, const uint32_t *v, size_t n, uint32_t side)
{
    for (size_t k = 0; k < n; k++) {
        struct idslot *slot = &s->slots[idset_find(s, v[k])];
        slot->id = v[k];
        slot->sides |= side;
    }
}

/* Copy into out[] the elements of v[0..n) whose id occurs on both sides,
 * with their indices into map[]; flag the others in chg.  Returns the
 * number kept. */
static size_t idset_keep(const struct idset *s, const uint32_t *v, size_t n, uint8_t *chg,
                         uint32_t *out, size_t *map)
{
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (s->slots[idset_find(s, v[k])].sides == 3) {
            out[kept] = v[k];
            map[kept++] = k;
        } else {
            chg[k] = 1;
        }
    }
    return kept;
}

/* Compare x[0..nx) and y[0..ny) (both longer than DISCARD_MIN) after
 * setting aside the elements whose id the other side lacks.  Those can
 * never be matched, so removing them never costs optimality. */
static bool search_discarding(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny,
                              uint8_t *xchg, uint8_t *ychg, bool minimal)
{
    struct idset s;
    unsigned bits = 1;
    while (((size_t)1 << bits) < 2 * (nx + ny))
        bits++;
    s.slots = xcalloc_dense((size_t)1 << bits, sizeof *s.slots);
    s.shift = 64 - bits;
    s.mask = ((size_t)1 << bits) - 1;
    idset_add(&s, x, nx, 1);
    idset_add(&s, y, ny, 2);

    uint32_t *cx = xreallocarray(NULL, nx + ny, sizeof *cx);
    uint32_t *cy = cx + nx;
    size_t *mx = xreallocarray(NULL, nx + ny, sizeof *mx);
    size_t *my = mx + nx;
    size_t kx = idset_keep(&s, x, nx, xchg, cx, mx);
    size_t ky = idset_keep(&s, y, ny, ychg, cy, my);
    free(s.slots);

    bool limited = false;
    if (kx == nx && ky == ny) {
        /* Nothing set aside: search in place. */
        limited = search(x, nx, y, ny, xchg, ychg, minimal);
    } else if (kx && ky) {
        uint8_t *flags = xcalloc(kx + ky, 1);
        limited = search(cx, kx, cy, ky, flags, flags + kx, minimal);
        for (size_t k = 0; k < kx; k++)
            if (flags[k]) xchg[mx[k]] = 1;
        for (size_t k = 0; k < ky; k++)
            if (flags[kx + k]) ychg[my[k]] = 1;
        free(flags);
    } else {
        /* An id kept on one side occurs on the other, so both are empty. */
    }
    free(cx);
    free(mx);
    return limited;
}

/* --- entry points --------------------------------------------------------- */

void diff_run(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
              const struct diff_opts *opts, struct diff_result *out)
{
    static const struct diff_opts defaults = {.minimal = false, .shift = true};
    if (!opts) opts = &defaults;

    out->na = na;
    out->nb = nb;
    out->ca = xcalloc(na, 1);
    out->cb = xcalloc(nb, 1);
    out->cost = 0;
    out->limited = false;

    /* Common prefix and suffix. */
    size_t pre = 0;
    while (pre < na && pre < nb && a[pre] == b[pre])
        pre++;
    size_t ea = na, eb = nb;
    while (ea > pre && eb > pre && a[ea - 1] == b[eb - 1]) {
        ea--;
        eb--;
    }
    size_t nx = ea - pre, ny = eb - pre;
    uint8_t *xchg = out->ca + pre, *ychg = out->cb + pre;

    if (nx == 0 || ny == 0) {
        /* a or b may be NULL here (with length 0): no arithmetic on them. */
        memset(xchg, 1, nx);
        memset(ychg, 1, ny);
    } else if (nx > DISCARD_MIN && ny > DISCARD_MIN) {
        out->limited = search_discarding(a + pre, nx, b + pre, ny, xchg, ychg, opts->minimal);
    } else {
        out->limited = search(a + pre, nx, b + pre, ny, xchg, ychg, opts->minimal);
    }

    /* Count before sliding, which may move changes into the stripped
     * prefix or suffix but never changes their number. */
    size_t cost = 0;
    for (size_t k = 0; k < nx; k++)
        cost += xchg[k];
    for (size_t k = 0; k < ny; k++)
        cost += ychg[k];
    out->cost = cost;

    if (opts->shift && cost) {
        diff_shift_side(a, out->ca, na, out->cb, nb);
        diff_shift_side(b, out->cb, nb, out->ca, na);
    }
}
