/* sim_lean.c - candidate pairs without loaded bags (sim_candidates_lean,
 * sim.h): the search of sim_search.c, with each bag built from the tokens
 * when it is read instead of held.
 *
 * Two unrelated texts have every sentence changed, and the bags of them
 * all (8 bytes a feature, two features a word) took more memory than the
 * texts and their tokens together.  Here a source's bag is built once, by
 * the slice that probes it, and dropped; a target keeps only its weight,
 * a 128-bit map of its features and the postings of its rare words in
 * the inverted index.  A pair that passes the weights' bound and the
 * maps' bound (the source's weight on the bits both maps set, as in
 * sim_search.c) has the target's bag built for the exact score.  The
 * maps are what this search holds at the peak of two unrelated texts, so
 * their size is a choice of memory against time: with 256 bits (1.6 MB
 * more at 100k sentences a text) 1,556 of the 773,678 pairs that pass
 * the weights' bound on two unrelated texts of 100k sentences reach an
 * exact score, with 128 bits so many more that the whole run takes 10%
 * more instructions (4.07 G -> 4.47 G; git's word diff 4.23 G) but peaks
 * at 32.9 MB instead of 34.2 (git 34.2).  The bags, weights and scores
 * are those of sim_load, so the candidates are the same. */
#include "config.h"

#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "util.h"

#define LEAN_SHIFT 25 /* 32 - log2 of the bits of a target's map */
#define LEAN_BITS  (1u << (32 - LEAN_SHIFT))
#define LEAN_WORDS (LEAN_BITS / 64)
/* Sources per slice, at least (as sim_search.c's PROBE_SLICE_MIN). */
#define LEAN_SLICE_MIN 2048
/* Targets touched by one source at most: its probes' postings. */
#define LEAN_TOUCH_MAX (SIM_PROBE_WORDS * SIM_POSTING_CAP)
/* The weight each touched target shares with a source is summed in a
 * table of twice that many slots (a few KiB that stay in cache) rather
 * than in an array over all targets (4 bytes a target, per thread). */
#define LEAN_SLOT_BITS 10
#define LEAN_SLOTS     (1u << LEAN_SLOT_BITS)

struct lean_acc {
    uint32_t key[LEAN_SLOTS];           /* target + 1; 0: free */
    uint16_t at[LEAN_SLOTS];            /* its place in touched */
    uint16_t slot[LEAN_TOUCH_MAX];      /* the slot of each touched target */
    struct acc touched[LEAN_TOUCH_MAX]; /* in the order first touched */
};

/* Add weight w to target y's sum; nt counts the targets touched. */
static inline void lean_touch(struct lean_acc *a, uint32_t y, float w, size_t *nt)
{
    uint32_t h = (y * 0x9E3779B1u) >> (32 - LEAN_SLOT_BITS);
    while (a->key[h] && a->key[h] != y + 1)
        h = (h + 1) & (LEAN_SLOTS - 1);
    if (!a->key[h]) {
        a->key[h] = y + 1;
        a->at[h] = (uint16_t)*nt;
        a->slot[*nt] = (uint16_t)h;
        a->touched[(*nt)++] = (struct acc){y, 0};
    }
    a->touched[a->at[h]].w += w;
}

/* Item i of a list of sentences (NULL: sentence i). */
static inline uint32_t list_at(const uint32_t *list, size_t i)
{
    return list ? list[i] : (uint32_t)i;
}

struct lean_slice {
    size_t first, end; /* sources, or targets in the targets' pass */
    struct sim_cand *out;
    size_t n, cap;
    uint32_t *cut; /* sources that had no word rare enough to probe */
    size_t ncut, capcut;
};

struct lean_job {
    struct sim *s;
    size_t dsrc, ddst;
    const uint32_t *src, *dst;
    size_t nsrc, ndst;
    double floor;
    bool index; /* the targets' words are counted into s->post_count */
    float *w;   /* per target: its bag's weight */
    uint64_t *map;
    struct lean_slice *slice;
};

/* A source: its bag (words sorted for the probes, pairs sorted only when
 * an exact score needs them), its weight, its map and weight per bit. */
struct lean_src {
    uint64_t m[LEAN_WORDS];
    double w[LEAN_BITS];
    struct bagbuf b;
    size_t nw, n; /* words, all features */
    bool sorted;  /* the pairs too */
    double weight;
    uint32_t x; /* index into src */
};

/* Source x's bag into sx, its words sorted; false when it weighs nothing. */
static bool lean_source(const struct lean_job *job, uint32_t x, struct lean_src *sx)
{
    float w;
    sx->nw = sim_build_feats(job->s, job->dsrc, list_at(job->src, x), &sx->b, &w);
    sx->n = sx->nw ? 2 * sx->nw - 1 : 0;
    sim_sort_feats(sx->b.f, sx->nw);
    sx->sorted = sx->nw <= 2; /* one pair or none */
    sx->weight = w;
    sx->x = x;
    return w > 0;
}

/* Slice k of the targets: their weights and maps from their unsorted
 * bags, and (job->index) the number of targets each word is in (atomic
 * adds: the sums are the same in any order). */
static void lean_targets(void *arg, size_t k)
{
    struct lean_job *job = arg;
    const struct lean_slice *sl = &job->slice[k];
    struct bagbuf b = {0};
    /* per word: the last target (+ 1) of the slice that counted it */
    uint32_t *seen = job->index ? xcalloc(job->s->nw + 1, sizeof *seen) : NULL;
    for (size_t y = sl->first; y < sl->end; y++) {
        size_t n = sim_build_feats(job->s, job->ddst, list_at(job->dst, y), &b, &job->w[y]);
        uint64_t *m = job->map + y * LEAN_WORDS;
        memset(m, 0, LEAN_WORDS * sizeof *m);
        for (size_t i = 0; i < (n ? 2 * n - 1 : 0); i++)
            sig_set(m, sig_bit(b.f[i].key, LEAN_SHIFT));
        for (size_t i = 0; seen && i < n; i++) {
            uint32_t t = b.f[i].key;
            if (seen[t] == y + 1) continue;
            seen[t] = (uint32_t)y + 1;
            __atomic_fetch_add(&job->s->post_count[t], 1, __ATOMIC_RELAXED);
        }
    }
    free(seen);
    sim_bagbuf_free(&b);
}

/* Score source sx against target y when the weights' and the maps'
 * bounds let it reach the floor (the target's bag built into by); a
 * candidate into sl. */
static void lean_score(const struct lean_job *job, struct lean_src *sx, uint32_t y,
                       struct bagbuf *by, struct lean_slice *sl)
{
    double wx = sx->weight, wy = job->w[y];
    if (wx + wy <= 0 || 2 * WD_MIN(wx, wy) / (wx + wy) < job->floor) return;
    if (!sig_reaches(sig_shared(sx->m, sx->w, job->map + (size_t)y * LEAN_WORDS, LEAN_WORDS), wx,
                     wy, job->floor))
        return;
    if (!sx->sorted) {
        sim_sort_feats(sx->b.f + sx->nw, sx->nw - 1);
        sx->sorted = true;
    }
    size_t ny;
    float wyb;
    const struct feat *fy = sim_build_bag(job->s, job->ddst, list_at(job->dst, y), by, &ny, &wyb);
    double d = 2 * common_weight(sx->b.f, sx->n, fy, ny) / (wx + wy);
    if (d >= job->floor && d > 0) {
        xgrow(&sl->out, &sl->cap, sl->n + 1, sizeof *sl->out);
        sl->out[sl->n++] = (struct sim_cand){sx->x, y, (float)d};
    }
}

/* Sources xs[0..nx) of slice k (indices into src) against every target. */
static void lean_dense(const struct lean_job *job, struct lean_slice *sl, const uint32_t *xs,
                       size_t nx)
{
    struct bagbuf by = {0};
    struct lean_src *sx = xcalloc(1, sizeof *sx);
    for (size_t q = 0; q < nx; q++) {
        if (!lean_source(job, xs[q], sx)) continue;
        sig_weigh(sx->b.f, sx->n, LEAN_SHIFT, sx->m, LEAN_WORDS, sx->w);
        for (size_t y = 0; y < job->ndst; y++)
            lean_score(job, sx, (uint32_t)y, &by, sl);
    }
    sim_bagbuf_free(&sx->b);
    free(sx);
    sim_bagbuf_free(&by);
}

/* Every source of slice k against every target (small searches). */
static void lean_all(void *arg, size_t k)
{
    struct lean_job *job = arg;
    struct lean_slice *sl = &job->slice[k];
    uint32_t *xs = xmalloc((sl->end - sl->first + 1) * sizeof *xs);
    for (size_t x = sl->first; x < sl->end; x++)
        xs[x - sl->first] = (uint32_t)x;
    lean_dense(job, sl, xs, sl->end - sl->first);
    free(xs);
}

/* The cut sources of slice k against every target. */
static void lean_cut(void *arg, size_t k)
{
    struct lean_job *job = arg;
    lean_dense(job, &job->slice[k], job->slice[k].cut, job->slice[k].ncut);
}

/* The sources of slice k through the index, as sim_search.c's probe_slice. */
static void lean_probe(void *arg, size_t k)
{
    struct lean_job *job = arg;
    struct sim *s = job->s;
    struct lean_slice *sl = &job->slice[k];
    struct bagbuf by = {0};
    struct lean_src *sx = xcalloc(1, sizeof *sx);
    struct lean_acc *acc = xcalloc(1, sizeof *acc);
    uint32_t probe[SIM_PROBE_WORDS];
    for (size_t x = sl->first; x < sl->end; x++) {
        bool heavy = lean_source(job, (uint32_t)x, sx);
        bool passed = false;
        size_t np =
            sim_pick_probes(s, words_in(sx->b.f, sx->nw), 1, SIM_POSTING_CAP, probe, &passed);
        if (np == 0 && passed) {
            xgrow(&sl->cut, &sl->capcut, sl->ncut + 1, sizeof *sl->cut);
            sl->cut[sl->ncut++] = (uint32_t)x;
            continue;
        }
        size_t nt = 0;
        for (size_t p = 0; p < np; p++) {
            uint32_t t = probe[p];
            const uint32_t *pl = s->post + s->post_start[t] - 1;
            for (uint32_t q = 0; q < s->post_count[t]; q++)
                lean_touch(acc, pl[q], s->w[t], &nt);
        }
        for (size_t q = 0; q < nt; q++)
            acc->key[acc->slot[q]] = 0;
        const struct acc *best = acc->touched;
        size_t keep = sim_top_accs(acc->touched, nt, SIM_TOP_K);
        if (!keep || !heavy) continue;
        for (size_t q = 0; q < keep; q++)
            __builtin_prefetch(job->map + (size_t)best[q].y * LEAN_WORDS);
        sig_weigh(sx->b.f, sx->n, LEAN_SHIFT, sx->m, LEAN_WORDS, sx->w);
        for (size_t q = 0; q < keep; q++)
            lean_score(job, sx, best[q].y, &by, sl);
    }
    free(acc);
    sim_bagbuf_free(&sx->b);
    free(sx);
    sim_bagbuf_free(&by);
}

/* The inverted index over the targets' distinct words (their counts made
 * by lean_targets): each word's postings in target order, in s->post from
 * s->post_start[t] - 1.  Only the words that a probe may pick have their
 * postings listed (in at most SIM_POSTING_CAP targets: about a quarter of
 * the postings of news text); every word keeps its count, which the
 * probes' choice reads. */
static void lean_index(struct sim *s, const struct lean_job *job)
{
    size_t total = 0;
    for (size_t t = 0; t < s->nw; t++)
        if (s->post_count[t] && s->post_count[t] <= SIM_POSTING_CAP) {
            s->post_start[t] = (uint32_t)total + 1;
            total += s->post_count[t];
            s->post_count[t] = 0; /* reused as fill pointer */
        }
    if (total + 1 > s->postcap) {
        free(s->post);
        s->post = xmalloc((total + 1) * sizeof *s->post);
        s->postcap = total + 1;
    }
    /* a target once in a word's postings: when the word is repeated, the
     * last one listed is the target already (no sort needed) */
    uint32_t *ids = NULL;
    size_t capids = 0;
    for (size_t y = 0; y < job->ndst; y++) {
        size_t n = sim_words(s, job->ddst, list_at(job->dst, y), &ids, &capids);
        for (size_t j = 0; j < n; j++) {
            uint32_t t = ids[j];
            if (!s->post_start[t]) continue; /* not listed */
            uint32_t *pl = s->post + s->post_start[t] - 1;
            if (s->post_count[t] && pl[s->post_count[t] - 1] == y) continue;
            pl[s->post_count[t]++] = (uint32_t)y;
        }
    }
    free(ids);
}

static struct lean_slice *lean_slices(size_t n, size_t nslices)
{
    struct lean_slice *slice = xcalloc(nslices, sizeof *slice);
    for (size_t k = 0; k < nslices; k++) {
        slice[k].first = n * k / nslices;
        slice[k].end = n * (k + 1) / nslices;
    }
    return slice;
}

size_t sim_candidates_lean(struct sim *s, size_t dsrc, const uint32_t *src, size_t nsrc,
                           size_t ddst, const uint32_t *dst, size_t ndst, double floor,
                           struct sim_cand **out, bool *limited)
{
    *out = NULL;
    if (!nsrc || !ndst) return 0;
    struct lean_job job = {s, dsrc, ddst, src, dst, nsrc, ndst, floor, false, NULL, NULL, NULL};
    job.index = (uint64_t)nsrc * ndst > SIM_DENSE_CELLS;
    job.w = xmalloc(ndst * sizeof *job.w);
    job.map = xmalloc(ndst * LEAN_WORDS * sizeof *job.map);
    if (job.index) need_postings(s);
    size_t nslices = util_slices(ndst, LEAN_SLICE_MIN);
    job.slice = lean_slices(ndst, nslices);
    util_parallel(nslices, lean_targets, &job);
    free(job.slice);

    nslices = util_slices(nsrc, LEAN_SLICE_MIN);
    job.slice = lean_slices(nsrc, nslices);
    if (!job.index) {
        util_parallel(nslices, lean_all, &job);
    } else {
        lean_index(s, &job);
        util_parallel(nslices, lean_probe, &job);
        size_t ncut = 0;
        for (size_t k = 0; k < nslices; k++)
            ncut += job.slice[k].ncut;
        if (ncut && (uint64_t)ncut * ndst <= SIM_CUT_CELLS)
            util_parallel(nslices, lean_cut, &job);
        else if (ncut)
            *limited = true;
        memset(s->post_count, 0, s->nw * sizeof *s->post_count);
        memset(s->post_start, 0, s->nw * sizeof *s->post_start);
        free(s->post);
        s->post = NULL;
        s->postcap = 0;
    }
    free(job.w);
    free(job.map);
    size_t n = 0;
    for (size_t k = 0; k < nslices; k++)
        n += job.slice[k].n;
    *out = xmalloc((n + 1) * sizeof **out);
    n = 0;
    for (size_t k = 0; k < nslices; k++) {
        if (job.slice[k].n) memcpy(*out + n, job.slice[k].out, job.slice[k].n * sizeof **out);
        n += job.slice[k].n;
        free(job.slice[k].out);
        free(job.slice[k].cut);
    }
    free(job.slice);
    if (n > 1 && job.index) qsort(*out, n, sizeof **out, sim_cmp_cand);
    return n;
}
