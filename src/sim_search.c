/* sim_search.c - candidate pairs of similar sentences (sim.h): every
 * pair of two short lists compared, or, for long ones, the targets that
 * share a source's rarest words found through an inverted index, on
 * parallel slices of the sources. */
#include "config.h"

#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "util.h"

static void push_cand(struct sim_cand **out, size_t *n, size_t *cap, uint32_t x, uint32_t y,
                      double score)
{
    xgrow(out, cap, *n + 1, sizeof **out);
    (*out)[*n].x = x;
    (*out)[*n].y = y;
    (*out)[*n].score = (float)score;
    (*n)++;
}

/* Every pair of a source and a target compared (the short lists, and the
 * sources too common to probe) is first tested against an upper bound of
 * its Dice from signatures: a target's features set bits of a 1024-bit
 * map (one hash each, a Bloom filter's), and a source sums its features'
 * weights per bit.  The source's weight on the bits both maps set is at
 * least what the two bags share (a shared feature sets its bit in both),
 * so a pair whose bound stays under the floor cannot reach it and needs
 * no merge of the bags.  About 99% of the pairs that the cheap bound of
 * pair_dice lets through fail this one on the shuffled and unrelated
 * pairs (77% on the bench pair's hunks); a test costs a tenth of a merge.
 * The sums are in double and the test keeps a margin of 1e-9 of the
 * floor, far above their rounding, so no pair that scores the floor is
 * lost: the candidates are those of comparing every pair. */
#define SIG_SHIFT 22 /* 32 - log2 of the bits */
#define SIG_BITS  (1u << (32 - SIG_SHIFT))
#define SIG_WORDS (SIG_BITS / 64)
/* (sig_bit and the other helpers of these maps: sim_int.h) */
/* Targets whose maps are made at once (64 KiB of maps per block). */
#define SIG_BLOCK 512
/* Fewer pairs than this are merged without maps (a few sentences of a
 * hunk: the maps would cost more than they save). */
#define SIG_CELLS_MIN 16

/* The map of a bag into m[SIG_WORDS]. */
static void sig_map(const struct feat *f, size_t n, uint64_t *m)
{
    memset(m, 0, SIG_WORDS * sizeof *m);
    for (size_t i = 0; i < n; i++)
        sig_set(m, sig_bit(f[i].key, SIG_SHIFT));
}

/* A source's map and weight per bit (w[b] is set where m has bit b). */
struct sig_src {
    uint64_t m[SIG_WORDS];
    double w[SIG_BITS];
};

static void sig_source(const struct feat *f, size_t n, struct sig_src *x)
{
    sig_weigh(f, n, SIG_SHIFT, x->m, SIG_WORDS, x->w);
}

/* Can the source x (of weight wx) and a target of map my and weight wy
 * reach Dice `floor`? */
static bool sig_may_reach(const struct sig_src *x, const uint64_t *my, double wx, double wy,
                          double floor)
{
    return sig_reaches(sig_shared(x->m, x->w, my, SIG_WORDS), wx, wy, floor);
}

/* sig_may_reach from the target's side, for a target without a map: the
 * weight of the target's features whose bits the source's map sets is at
 * least what the two share as well. */
static bool sig_may_reach_bag(const struct sig_src *x, const struct feat *fy, size_t ny, double wx,
                              double wy, double floor)
{
    double u = 0;
    for (size_t j = 0; j < ny; j++) {
        uint32_t b = sig_bit(fy[j].key, SIG_SHIFT);
        if (x->m[b / 64] >> (b % 64) & 1) u += fy[j].w;
    }
    return sig_reaches(u, wx, wy, floor);
}

/* Sources xs[0..nx) (indices into src; xs NULL: all nx) against every
 * target, block by block of SIG_BLOCK targets, with the signatures' bound
 * before each score; candidates pushed in (x, y) order within a block (the caller
 * sorts). */
static void compare_all(const struct sim *s, size_t dsrc, const uint32_t *src, const uint32_t *xs,
                        size_t nx, size_t ddst, const uint32_t *dst, size_t ndst, double floor,
                        struct sim_cand **out, size_t *n, size_t *cap)
{
    const struct bags *bs = &s->bag[dsrc], *bd = &s->bag[ddst];
    bool sig = (uint64_t)nx * ndst >= SIG_CELLS_MIN;
    uint64_t *maps =
        sig ? xmalloc(WD_MIN(ndst, (size_t)SIG_BLOCK) * SIG_WORDS * sizeof *maps) : NULL;
    struct sig_src *sx = sig ? xmalloc(sizeof *sx) : NULL;
    for (size_t y0 = 0; y0 < ndst; y0 += SIG_BLOCK) {
        size_t y1 = WD_MIN(ndst, y0 + SIG_BLOCK);
        for (size_t y = y0; sig && y < y1; y++) {
            size_t nf;
            const struct feat *f = bag_of(bd, dst[y], &nf);
            sig_map(f, nf, maps + (y - y0) * SIG_WORDS);
        }
        for (size_t q = 0; q < nx; q++) {
            uint32_t x = xs ? xs[q] : (uint32_t)q;
            double wx = bag_weight(bs, src[x]);
            if (wx <= 0) continue;
            size_t nf;
            const struct feat *f = bag_of(bs, src[x], &nf);
            if (sig) sig_source(f, nf, sx);
            for (size_t y = y0; y < y1; y++) {
                double wy = bag_weight(bd, dst[y]);
                if (2 * WD_MIN(wx, wy) / (wx + wy) < floor || /* pair_dice's first bound */
                    (sig && !sig_may_reach(sx, maps + (y - y0) * SIG_WORDS, wx, wy, floor)))
                    continue;
                double d = pair_dice(s, dsrc, src[x], ddst, dst[y], floor);
                if (d >= floor && d > 0) push_cand(out, n, cap, x, (uint32_t)y, d);
            }
        }
    }
    free(maps);
    free(sx);
}

/* Up to SIM_PROBE_WORDS of the rarest distinct words of a bag (walked by w)
 * whose posting lists (s->post_count) hold from lo to hi sentences, into
 * probe[].  *limited is set when a word was passed over for being too
 * common (not when a rarer one took its place).  Returns the number
 * chosen. */
size_t sim_pick_probes(const struct sim *s, struct word_walk w, uint32_t lo, size_t hi,
                       uint32_t *probe, bool *limited)
{
    size_t np = 0;
    for (uint32_t t; next_word(&w, &t);) {
        uint32_t c = s->post_count[t];
        if (c < lo) continue;
        if (c > hi) {
            *limited = true;
            continue;
        }
        if (np < SIM_PROBE_WORDS) {
            probe[np++] = t;
            continue;
        }
        size_t worst = 0; /* replace the most common probe */
        for (size_t q = 1; q < np; q++)
            if (s->w[probe[q]] < s->w[probe[worst]]) worst = q;
        if (s->w[t] > s->w[probe[worst]]) probe[worst] = t;
    }
    return np;
}

/* Does a rank before b: heavier first, then the lower target. */
static bool acc_before(struct acc a, struct acc b)
{
    return a.w != b.w ? a.w > b.w : a.y < b.y;
}

static int cmp_acc_desc(const void *p, const void *q)
{
    const struct acc *a = p, *b = q;
    return acc_before(*a, *b) ? -1 : acc_before(*b, *a);
}

/* Up to this many targets are picked by insertion, more by sorting. */
#define TOP_INSERT_MAX 32

/* sim_top_targets and sim_top_accs: the targets touched[0..nt) with their
 * accumulated probe weight (accw,
 * reset to zero here) into best[] (room for nt), in touched order when
 * there are at most k, else the k heaviest, heaviest first: by insertion
 * into a short sorted array when k is small (most targets do not make
 * it), by sorting them all when it is not.  Returns how many to score
 * exactly. */
size_t sim_top_accs(struct acc *a, size_t nt, size_t k)
{
    if (nt <= k) return nt;
    if (k > TOP_INSERT_MAX) {
        qsort(a, nt, sizeof *a, cmp_acc_desc);
        return k;
    }
    /* in place: the best n lie in a[0..n), n <= q, and a[q..nt) is unread */
    size_t n = 0;
    for (size_t q = 0; q < nt; q++) {
        struct acc x = a[q];
        if (n == k && !acc_before(x, a[n - 1])) continue;
        size_t j = n < k ? n++ : n - 1; /* the last one drops out when full */
        for (; j > 0 && acc_before(x, a[j - 1]); j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
    return k;
}

size_t sim_top_targets(float *accw, const uint32_t *touched, size_t nt, struct acc *best, size_t k)
{
    for (size_t q = 0; q < nt; q++) {
        best[q].y = touched[q];
        best[q].w = accw[touched[q]];
        accw[touched[q]] = 0;
    }
    return sim_top_accs(best, nt, k);
}

int sim_cmp_cand(const void *p, const void *q)
{
    const struct sim_cand *a = p, *b = q;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

/* Sources per slice of the index search, at least: below that a thread
 * costs more than it saves. */
#define PROBE_SLICE_MIN 2048

struct probe_slice {
    size_t first, end; /* sources */
    struct sim_cand *out;
    size_t n, cap;
    uint32_t *cut; /* sources that had no word rare enough to probe */
    size_t ncut, capcut;
};

struct probe_job {
    const struct sim *s;
    size_t dsrc;
    const uint32_t *src;
    size_t ddst;
    const uint32_t *dst;
    size_t ndst;
    double floor;
    struct probe_slice *slice;
};

/* Candidates of the sources of slice k through the inverted index (built
 * by sim_candidates, read only here): for each source, the targets that
 * share its rarest words, the heaviest SIM_TOP_K of them scored exactly. */
static void probe_slice(void *arg, size_t k)
{
    const struct probe_job *job = arg;
    const struct sim *s = job->s;
    struct probe_slice *sl = &job->slice[k];
    const struct bags *bs = &s->bag[job->dsrc], *bd = &s->bag[job->ddst];
    struct sig_src *sx = xmalloc(sizeof *sx);
    float *accw = xcalloc(job->ndst, sizeof *accw);
    uint32_t *touched = xmalloc(job->ndst * sizeof *touched);
    struct acc *best = xmalloc(job->ndst * sizeof *best);
    uint32_t probe[SIM_PROBE_WORDS];
    for (size_t x = sl->first; x < sl->end; x++) {
        bool passed = false;
        size_t np =
            sim_pick_probes(s, words_of(bs, job->src[x]), 1, SIM_POSTING_CAP, probe, &passed);
        if (np == 0 && passed) { /* only common words: see sim_candidates */
            xgrow(&sl->cut, &sl->capcut, sl->ncut + 1, sizeof *sl->cut);
            sl->cut[sl->ncut++] = (uint32_t)x;
            continue;
        }
        size_t nt = 0;
        for (size_t p = 0; p < np; p++) {
            uint32_t t = probe[p];
            const uint32_t *pl = s->post + s->post_start[t] - 1;
            for (uint32_t q = 0; q < s->post_count[t]; q++) {
                uint32_t y = pl[q];
                if (accw[y] == 0) touched[nt++] = y;
                accw[y] += s->w[t];
            }
        }
        size_t keep = sim_top_targets(accw, touched, nt, best, SIM_TOP_K);
        double wx = bag_weight(bs, job->src[x]);
        if (!keep || wx <= 0) continue;
        size_t nf;
        /* The targets' bags lie anywhere in memory: ask for them all
         * while the source's map is made. */
        for (size_t q = 0; q < keep; q++) {
            const struct feat *fy = bag_of(bd, job->dst[best[q].y], &nf);
            for (size_t o = 0; o < nf; o += 64 / sizeof *fy)
                __builtin_prefetch(fy + o);
        }
        const struct feat *fx = bag_of(bs, job->src[x], &nf);
        sig_source(fx, nf, sx);
        for (size_t q = 0; q < keep; q++) {
            uint32_t y = job->dst[best[q].y];
            double wy = bag_weight(bd, y);
            if (2 * WD_MIN(wx, wy) / (wx + wy) < job->floor) continue; /* pair_dice's first bound */
            const struct feat *fy = bag_of(bd, y, &nf);
            if (!sig_may_reach_bag(sx, fy, nf, wx, wy, job->floor)) continue;
            double d = pair_dice(s, job->dsrc, job->src[x], job->ddst, y, job->floor);
            if (d >= job->floor && d > 0)
                push_cand(&sl->out, &sl->n, &sl->cap, (uint32_t)x, best[q].y, d);
        }
    }
    free(accw);
    free(touched);
    free(best);
    free(sx);
}

/* Every target against the sources of slice k (listed in job->slice[k].cut,
 * indices into src): the exhaustive comparison of the sources that the
 * index could not probe. */
static void dense_slice(void *arg, size_t k)
{
    const struct probe_job *job = arg;
    struct probe_slice *sl = &job->slice[k];
    if (sl->ncut)
        compare_all(job->s, job->dsrc, job->src, sl->cut, sl->ncut, job->ddst, job->dst, job->ndst,
                    job->floor, &sl->out, &sl->n, &sl->cap);
}

size_t sim_candidates(struct sim *s, size_t dsrc, const uint32_t *src, size_t nsrc, size_t ddst,
                      const uint32_t *dst, size_t ndst, double floor, struct sim_cand **out,
                      bool *limited)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    if (!nsrc || !ndst) return 0;
    if ((uint64_t)nsrc * ndst <= SIM_DENSE_CELLS) {
        compare_all(s, dsrc, src, NULL, nsrc, ddst, dst, ndst, floor, out, &n, &cap);
        if (n > 1 && ndst > SIG_BLOCK) qsort(*out, n, sizeof **out, sim_cmp_cand);
        return n;
    }

    /* Inverted index over the distinct words (not pairs: they sort last)
     * of the targets, laid out in
     * one array (counting sort by word id); post_count/post_start are
     * indexed by word id and restored to zero at the end. */
    need_postings(s);
    const struct bags *bd = &s->bag[ddst];
    size_t total = 0;
    for (size_t y = 0; y < ndst; y++) {
        struct word_walk w = words_of(bd, dst[y]);
        for (uint32_t t; next_word(&w, &t); total++)
            s->post_count[t]++;
    }
    xgrow(&s->post, &s->postcap, total, sizeof *s->post);
    size_t run = 0;
    for (size_t y = 0; y < ndst; y++) {
        struct word_walk w = words_of(bd, dst[y]);
        for (uint32_t t; next_word(&w, &t);) {
            if (s->post_start[t] == 0 && s->post_count[t] != 0) {
                /* first sight of t: reserve its slice (start stored +1) */
                s->post_start[t] = (uint32_t)run + 1;
                run += s->post_count[t];
                s->post_count[t] = 0; /* reused as fill pointer */
            }
        }
    }
    for (size_t y = 0; y < ndst; y++) {
        struct word_walk w = words_of(bd, dst[y]);
        for (uint32_t t; next_word(&w, &t);)
            s->post[s->post_start[t] - 1 + s->post_count[t]++] = (uint32_t)y;
    }

    /* The sources in slices on parallel threads, each with its own
     * accumulators; the slices' candidates join in order. */
    size_t nslices = util_slices(nsrc, PROBE_SLICE_MIN);
    struct probe_slice *slice = xcalloc(nslices, sizeof *slice);
    for (size_t k = 0; k < nslices; k++) {
        slice[k].first = nsrc * k / nslices;
        slice[k].end = nsrc * (k + 1) / nslices;
    }
    struct probe_job job = {s, dsrc, src, ddst, dst, ndst, floor, slice};
    util_parallel(nslices, probe_slice, &job);
    /* The sources the index could not probe, against every target, when
     * that is affordable; else the search was cut short. */
    size_t ncut = 0;
    for (size_t k = 0; k < nslices; k++)
        ncut += slice[k].ncut;
    if (ncut && (uint64_t)ncut * ndst <= SIM_CUT_CELLS)
        util_parallel(nslices, dense_slice, &job);
    else if (ncut)
        *limited = true;
    for (size_t k = 0; k < nslices; k++) {
        xgrow(out, &cap, n + slice[k].n + 1, sizeof **out);
        if (slice[k].n) memcpy(*out + n, slice[k].out, slice[k].n * sizeof **out);
        n += slice[k].n;
        free(slice[k].out);
        free(slice[k].cut);
    }
    free(slice);
    for (size_t y = 0; y < ndst; y++) {
        struct word_walk w = words_of(bd, dst[y]);
        for (uint32_t t; next_word(&w, &t);)
            s->post_count[t] = s->post_start[t] = 0;
    }
    if (n > 1) qsort(*out, n, sizeof **out, sim_cmp_cand);
    return n;
}
