/* sim_sketch.c - the sketches of the sentences of many documents and
 * their index (sim_sketch.h): the sketches are made on parallel slices of
 * the sentences, then sorted by hash on parallel threads (a pass into
 * buckets of the top bits, each bucket then sorted in the cache), and the
 * hashes that lead somewhere kept, with a directory of their top bits. */
#include "config.h"

#include "sim_sketch.h"

#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "util.h"

/* Sentences per part, at least, and parts at most. */
#define PART_MIN  4096
#define PARTS_MAX 64

/* The sketch of the words t[0..n) of a sentence into h[] (room for
 * SKETCH_N): the SKETCH_K smallest distinct hashes of its pairs of
 * neighbouring words weighing at least min (a pair weighs as its rarer
 * word, as in its bag), in order, then the hash of the whole.  Returns
 * how many. */
static size_t sketch_of(const struct sim *s, const uint32_t *t, size_t n, float min, uint32_t *h)
{
    if (!n) return 0;
    size_t k = 0;
    uint64_t whole = 0xcbf29ce484222325u; /* FNV-1a over the ids */
    for (size_t j = 0; j < n; j++) {
        whole = (whole ^ t[j]) * 0x100000001b3u;
        if (j + 1 == n || WD_MAX(s->w[t[j]], s->w[t[j + 1]]) < min) continue;
        uint64_t x = ((uint64_t)t[j] * 0x9e3779b97f4a7c15u ^ t[j + 1]) * 0xbf58476d1ce4e5b9u;
        uint32_t v = (uint32_t)(x >> 32);
        if (k == SKETCH_K && v >= h[SKETCH_K - 1]) continue; /* most pairs */
        bool seen = false;                                   /* a pair said twice */
        for (size_t q = 0; q < k; q++)
            seen |= h[q] == v;
        if (seen) continue;
        size_t at = k < SKETCH_K ? k++ : SKETCH_K - 1; /* the largest goes */
        for (; at > 0 && h[at - 1] > v; at--)
            h[at] = h[at - 1];
        h[at] = v;
    }
    h[k++] = (uint32_t)((whole ^ whole >> 32) * 0x9e3779b97f4a7c15u >> 32);
    return k;
}

struct sketch_job {
    struct sim *s;
    const size_t *base;
    const uint32_t *docof;
    float min;
    struct sim_sketches *x;
    size_t *pos;    /* sorting: per part, per bucket, where its next entry goes */
    size_t *bstart; /* per bucket: its first entry (and the end) */
};

/* The sketches of part k's sentences, in sentence order. */
static void sketch_part(void *arg, size_t k)
{
    const struct sketch_job *job = arg;
    struct sim_sketches *x = job->x;
    uint32_t *t = NULL;
    size_t capt = 0;
    uint32_t h[SKETCH_N];
    /* room for every sketch at its largest: the pages not written are
     * never touched */
    uint64_t *own = xmalloc(((x->first[k + 1] - x->first[k]) * SKETCH_N + 1) * sizeof *own);
    size_t n = 0;
    for (size_t g = x->first[k]; g < x->first[k + 1]; g++) {
        uint32_t d = job->docof[g];
        size_t nw = sim_words(job->s, d, g - job->base[d], &t, &capt);
        size_t nh = sketch_of(job->s, t, nw, job->min, h);
        for (size_t q = 0; q < nh; q++)
            own[n++] = (uint64_t)h[q] << 32 | g;
    }
    x->own[k] = own;
    x->nown[k] = n;
    free(t);
}

/* Keep the runs of 2 to SKETCH_RUN_CAP entries of ix[0..n) (sorted by
 * hash): the others lead nowhere.  Returns the new count. */
static size_t keep_runs(uint64_t *ix, size_t n)
{
    size_t kept = 0;
    for (size_t e = 0; e < n;) {
        size_t end = e + 1;
        while (end < n && ix[end] >> 32 == ix[e] >> 32)
            end++;
        if (end - e >= 2 && end - e <= SKETCH_RUN_CAP) {
            memmove(ix + kept, ix + e, (end - e) * sizeof *ix);
            kept += end - e;
        }
        e = end;
    }
    return kept;
}

/* The directory of ix[0..n) (sorted by hash): dir[b] is the first entry
 * whose hash's top bits are b or more, about four entries a bucket. */
static uint32_t *index_dir(const uint64_t *ix, size_t n, unsigned *shift)
{
    unsigned bits = 1;
    while (bits < 28 && ((size_t)1 << bits) < n / 4)
        bits++;
    *shift = 32 - bits;
    size_t nb = (size_t)1 << bits;
    uint32_t *dir = xmalloc((nb + 1) * sizeof *dir);
    size_t j = 0;
    for (size_t b = 0; b <= nb; b++) {
        while (j < n && (ix[j] >> 32 >> *shift) < b)
            j++;
        dir[b] = (uint32_t)j;
    }
    return dir;
}

/* The sketches of all slices sorted by hash into one array: a pass that
 * puts each entry in the bucket of its hash's top SORT_TOP bits (each
 * slice into its own part of every bucket), then each bucket sorted by
 * the hash's other bits in the cache (least significant digit first, two
 * passes), all on parallel threads.  Entries of one hash stay in
 * sentence order (no caller needs it, but the order is then fixed). */
#define SORT_TOP    11
#define SORT_LOW    11 /* and then the 21 - SORT_LOW bits left */
#define SORT_GROUPS 64 /* parallel tasks of buckets */

static size_t top_digit(uint64_t e)
{
    return (size_t)(e >> (64 - SORT_TOP));
}

static void count_part(void *arg, size_t k)
{
    const struct sketch_job *job = arg;
    const uint64_t *own = job->x->own[k];
    size_t *c = job->pos + (k << SORT_TOP);
    for (size_t i = 0; i < job->x->nown[k]; i++)
        c[top_digit(own[i])]++;
}

static void scatter_part(void *arg, size_t k)
{
    const struct sketch_job *job = arg;
    const uint64_t *own = job->x->own[k];
    size_t *p = job->pos + (k << SORT_TOP);
    for (size_t i = 0; i < job->x->nown[k]; i++)
        job->x->ix[p[top_digit(own[i])]++] = own[i];
}

/* Stable counting sort of a[0..n) by bits [shift, shift + bits) into b. */
static void digit_pass(const uint64_t *a, uint64_t *b, size_t n, int shift, int bits)
{
    size_t count[1 << SORT_LOW] = {0}, mask = ((size_t)1 << bits) - 1;
    for (size_t i = 0; i < n; i++)
        count[(a[i] >> shift) & mask]++;
    for (size_t d = 0, run = 0; d <= mask; d++) {
        size_t c = count[d];
        count[d] = run;
        run += c;
    }
    for (size_t i = 0; i < n; i++)
        b[count[(a[i] >> shift) & mask]++] = a[i];
}

static void sort_group(void *arg, size_t t)
{
    const struct sketch_job *job = arg;
    size_t nb = (size_t)1 << SORT_TOP;
    uint64_t *tmp = NULL;
    size_t cap = 0;
    for (size_t d = nb * t / SORT_GROUPS; d < nb * (t + 1) / SORT_GROUPS; d++) {
        uint64_t *a = job->x->ix + job->bstart[d];
        size_t n = job->bstart[d + 1] - job->bstart[d];
        xgrow(&tmp, &cap, n + 1, sizeof *tmp);
        digit_pass(a, tmp, n, 32, SORT_LOW);
        digit_pass(tmp, a, n, 32 + SORT_LOW, 32 - SORT_TOP - SORT_LOW);
    }
    free(tmp);
}

/* Every sketch into x->ix, sorted by hash. */
static void sort_sketches(struct sketch_job *job)
{
    struct sim_sketches *x = job->x;
    size_t nb = (size_t)1 << SORT_TOP;
    job->pos = xcalloc(x->nparts * nb, sizeof *job->pos);
    job->bstart = xmalloc((nb + 1) * sizeof *job->bstart);
    util_parallel(x->nparts, count_part, job);
    size_t run = 0; /* bucket by bucket, the parts' entries in order */
    for (size_t d = 0; d < nb; d++) {
        job->bstart[d] = run;
        for (size_t k = 0; k < x->nparts; k++) {
            size_t c = job->pos[(k << SORT_TOP) + d];
            job->pos[(k << SORT_TOP) + d] = run;
            run += c;
        }
    }
    job->bstart[nb] = run;
    x->nix = run;
    x->ix = xmalloc((run + 1) * sizeof *x->ix);
    util_parallel(x->nparts, scatter_part, job);
    util_parallel(SORT_GROUPS, sort_group, job);
    free(job->pos);
    free(job->bstart);
}

void sim_sketch_build(struct sim *s, const size_t *base, const uint32_t *docof, size_t total,
                      float min, struct sim_sketches *x)
{
    struct sketch_job job = {.s = s, .base = base, .docof = docof, .min = min, .x = x};
    x->nparts = WD_MAX((size_t)1, WD_MIN((size_t)PARTS_MAX, total / PART_MIN));
    x->first = xmalloc((x->nparts + 1) * sizeof *x->first);
    for (size_t k = 0; k <= x->nparts; k++)
        x->first[k] = total * k / x->nparts;
    x->own = xcalloc(x->nparts, sizeof *x->own);
    x->nown = xcalloc(x->nparts, sizeof *x->nown);
    util_parallel(x->nparts, sketch_part, &job);
    sort_sketches(&job);
    x->nix = keep_runs(x->ix, x->nix);
    x->ix = xreallocarray(x->ix, x->nix + 1, sizeof *x->ix);
    x->dir = index_dir(x->ix, x->nix, &x->shift);
}

void sim_sketch_free(struct sim_sketches *x)
{
    for (size_t k = 0; k < x->nparts; k++)
        free(x->own[k]);
    free(x->own);
    free(x->nown);
    free(x->first);
    free(x->ix);
    free(x->dir);
}
