/* sim_all.c - candidate pairs between the sentences of all documents at
 * once (sim_matches_all, sim.h), on parallel slices of the sentences.
 *
 * Each sentence looks for later sentences of other documents through two
 * indexes, with bounded work per sentence so that the whole grows with
 * the number of sentences, not with its square:
 *  - the postings of the words (sim_search.c's probes): its rarest words,
 *    each followed when no more than a cap of sentences hold it;
 *  - a sketch (bottom-k MinHash, Broder 1997): the SKETCH_K features
 *    (words and pairs of neighbouring words, leaving out those too common
 *    to tell anything) with the smallest hashes.  Two sentences that share
 *    much share most of their sketches, whatever the frequency of their
 *    words: a vocabulary of common words, which the word postings cannot
 *    follow past their cap, is still told apart by its pairs.
 * The targets sharing the most probe weight are then scored exactly.
 *
 * Up to ALL_ROOM_DOCS documents the word postings alone are followed,
 * with room for a match in every other document (as the overlap table has
 * always been computed).  The exhaustive search, the measure of the
 * bounded one's recall, finds every pair of sentences of Dice >= anchor
 * (a prefix filter, Chaudhuri et al. 2006, which the high floor makes
 * affordable), then compares every sentence of each pair of documents
 * that has one with every sentence of the other. */
#include "config.h"

#include "sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "util.h"

/* Up to this many documents, the search of the overlap table as before:
 * posting cap and top-k widened by two per document. */
#define ALL_ROOM_DOCS 100
/* Beyond: word postings longer than the two-file search's cap are not
 * followed ... */
#define ALL_POSTING_CAP SIM_POSTING_CAP
/* ... nor sketch features held by more sentences than this ... */
#define ALL_RUN_CAP 256
/* ... and of the targets that share at least ALL_HITS_MIN probes with a
 * sentence (one alone is chance), the ALL_TOP_K heaviest are scored. */
#define ALL_TOP_K    32
#define ALL_HITS_MIN 2
/* Features in a sentence's sketch. */
#define SKETCH_K 8
/* A feature whose rarer word occurs in more than this share of the
 * sentences (1/SKETCH_COMMON) stays out of sketches ("of the"). */
#define SKETCH_COMMON 64
/* Sentences per slice of the parallel passes. */
#define ALL_SLICE      4096
#define ALL_SLICES_MAX 64

struct plan {
    size_t cap, top_k;
    bool sketch;     /* probe the sketches too */
    bool exhaustive; /* every word past the prefix filter, no cap, no top-k */
};

struct all_job {
    const struct sim *s;
    double floor;
    struct plan plan;
    size_t total;                  /* sentences of all documents */
    const size_t *base;            /* doc k's sentence i is base[k] + i */
    const uint32_t *docof;         /* per global sentence: its document */
    const uint32_t *start;         /* per word id: its postings in post[] */
    const uint32_t *post;          /* global sentence numbers */
    float sketch_min;              /* lightest feature a sketch takes */
    const uint32_t *pre_off, *pre; /* exhaustive: per sentence, its prefix's words */
    const uint64_t *sk;            /* sketch entries, hash << 32 | sentence, by hash */
    size_t nsk;
    const struct run *runs; /* sketch_dir */
    const uint32_t *dir;
    unsigned dir_shift;
    size_t nslices;
    struct all_slice *slice;
};

struct all_slice {
    size_t first, end; /* global sentences */
    struct sim_match *out;
    size_t n, cap;
    uint64_t *sk; /* sketch entries of the slice's sentences */
    size_t nsk, capsk;
};

/* ---- sketches ------------------------------------------------------------- */

static uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

struct sketch {
    uint32_t h[SKETCH_K];
    float w[SKETCH_K];
    size_t n;
};

/* The SKETCH_K smallest distinct hashes of the features of sentence i of
 * bg that are not too common: words the word postings cannot follow
 * (held by more than cap sentences: rarer ones are probed there) with a
 * weight of at least min, and pairs of at least min (a pair weighs as its
 * rarer word). */
static void sketch_of(const struct sim *s, const struct bags *bg, size_t i, float min, size_t cap,
                      struct sketch *sk)
{
    size_t nf;
    const struct feat *f = bag_of(bg, i, &nf);
    sk->n = 0;
    for (size_t j = 0; j < nf; j++) {
        if (f[j].w < min || (j && f[j].key == f[j - 1].key)) continue;
        if (f[j].key < PAIR_BIT && s->post_count[f[j].key] <= cap) continue;
        uint32_t h = mix32(f[j].key);
        size_t at = sk->n;
        while (at > 0 && sk->h[at - 1] > h)
            at--;
        if (at == SKETCH_K || (at > 0 && sk->h[at - 1] == h)) continue;
        size_t last = sk->n < SKETCH_K ? sk->n++ : SKETCH_K - 1;
        for (size_t q = last; q > at; q--) {
            sk->h[q] = sk->h[q - 1];
            sk->w[q] = sk->w[q - 1];
        }
        sk->h[at] = h;
        sk->w[at] = f[j].w;
    }
}

static void sketch_slice(void *arg, size_t k)
{
    const struct all_job *job = arg;
    struct all_slice *sl = &job->slice[k];
    struct sketch sk;
    for (size_t g = sl->first; g < sl->end; g++) {
        uint32_t d = job->docof[g];
        sketch_of(job->s, &job->s->bag[d], g - job->base[d], job->sketch_min, job->plan.cap, &sk);
        xgrow(&sl->sk, &sl->capsk, sl->nsk + sk.n, sizeof *sl->sk);
        for (size_t q = 0; q < sk.n; q++)
            sl->sk[sl->nsk++] = (uint64_t)sk.h[q] << 32 | g;
    }
}

/* Sort a[0..n) by the upper 32 bits, stably (least significant digit
 * first, three passes of 11 bits): entries of one hash stay in sentence
 * order. */
static void sort_by_hash(uint64_t *a, size_t n)
{
    uint64_t *tmp = xmalloc((n + 1) * sizeof *tmp);
    size_t count[1 << 11];
    for (int shift = 32; shift < 64; shift += 11) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(a[i] >> shift) & 0x7FF]++;
        size_t run = 0;
        for (size_t b = 0; b < (1 << 11); b++) {
            size_t c = count[b];
            count[b] = run;
            run += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(a[i] >> shift) & 0x7FF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
    free(tmp);
}

/* A hash's entries in the sorted sketch entries: from start to the next
 * run's start. */
struct run {
    uint32_t h, start;
};

/* The run of sketch entries with hash h: [*lo, return), or an empty one,
 * found through the directory of the runs' top bits (a binary search
 * over the entries took two dozen cache misses a probe, and a walk past
 * the long runs of common features more). */
static size_t sketch_run(const struct all_job *job, uint32_t h, size_t *lo)
{
    size_t b = h >> job->dir_shift;
    for (size_t j = job->dir[b]; j < job->dir[b + 1]; j++)
        if (job->runs[j].h == h) {
            *lo = job->runs[j].start;
            return job->runs[j + 1].start;
        }
    *lo = 0;
    return 0;
}

/* The runs of sk[0..n) (sorted by hash) into *runs (one more, the end),
 * and the directory of their top bits: dir[b] is the first run whose
 * hash's top bits are b or more, about two runs a bucket. */
static uint32_t *sketch_dir(const uint64_t *sk, size_t n, struct run **runs, unsigned *shift)
{
    size_t nr = 0;
    *runs = xmalloc((n + 1) * sizeof **runs);
    for (size_t e = 0; e < n; e++)
        if (e == 0 || sk[e] >> 32 != sk[e - 1] >> 32)
            (*runs)[nr++] = (struct run){(uint32_t)(sk[e] >> 32), (uint32_t)e};
    (*runs)[nr] = (struct run){0, (uint32_t)n};
    unsigned bits = 1;
    while (bits < 26 && ((size_t)1 << bits) < nr / 2)
        bits++;
    *shift = 32 - bits;
    size_t nb = (size_t)1 << bits;
    uint32_t *dir = xmalloc((nb + 1) * sizeof *dir);
    size_t j = 0;
    for (size_t q = 0; q <= nb; q++) {
        while (j < nr && ((*runs)[j].h >> *shift) < q)
            j++;
        dir[q] = (uint32_t)j;
    }
    return dir;
}

/* ---- probing -------------------------------------------------------------- */

/* The prefix of sentence i of bg: every distinct word heavier than the
 * lightest features whose weight, all together, is under floor * W / 2.
 * Two sentences of Dice >= floor share at least floor * (W + W') / 2 of
 * weight; the heaviest word they share (a pair weighs as its rarer word)
 * is then in both prefixes, since the features from it down weigh at
 * least that much in each (the prefix filter of AllPairs, Bayardo et al.
 * 2007).  Indexing and probing prefixes finds every such pair.  Into
 * *probe (grown) after np words; returns the new count. */
static size_t prefix_probes(const struct bags *bg, size_t i, double floor, uint32_t **probe,
                            size_t *cap, size_t np)
{
    size_t nf;
    const struct feat *f = bag_of(bg, i, &nf);
    float *w = xmalloc((nf + 1) * sizeof *w);
    for (size_t j = 0; j < nf; j++)
        w[j] = f[j].w;
    for (size_t j = 1; j < nf; j++) { /* a few dozen: insertion sort */
        float v = w[j];
        size_t q = j;
        for (; q > 0 && w[q - 1] > v; q--)
            w[q] = w[q - 1];
        w[q] = v;
    }
    double bound = floor * bag_weight(bg, i) / 2, sum = 0;
    float theta = -1; /* features of weight <= theta total under bound */
    for (size_t j = 0; j < nf;) {
        size_t e = j;
        double add = 0;
        while (e < nf && w[e] == w[j])
            add += w[e++];
        if (sum + add >= bound) break;
        sum += add;
        theta = w[j];
        j = e;
    }
    free(w);
    for (size_t j = 0; j < nf && f[j].key < PAIR_BIT; j++)
        if (f[j].w > theta && (j == 0 || f[j].key != f[j - 1].key)) {
            xgrow(probe, cap, np + 1, sizeof **probe);
            (*probe)[np++] = f[j].key;
        }
    return np;
}

/* The targets a source touches and the probe weight they share with it,
 * in a small open-addressing table rather than arrays over every
 * sentence: the work of a source then stays in the cache. */
struct slot {
    uint32_t key; /* target + 1; 0: empty */
    uint32_t hits;
    float w;
};

struct scratch {
    struct slot *tab;
    size_t mask;       /* capacity - 1, a power of two */
    uint32_t *touched; /* targets in the order first touched */
    size_t nt, captouched;
    struct acc *best;
    size_t capbest;
};

static size_t slot_of(const struct scratch *sc, uint32_t h)
{
    size_t i = mix32(h) & sc->mask;
    while (sc->tab[i].key && sc->tab[i].key != h + 1)
        i = (i + 1) & sc->mask;
    return i;
}

/* Room for cap slots (a power of two), all empty. */
static void scratch_alloc(struct scratch *sc, size_t cap)
{
    sc->tab = xcalloc(cap, sizeof *sc->tab);
    sc->mask = cap - 1;
}

static void touch(struct scratch *sc, uint32_t h, float w)
{
    size_t i = slot_of(sc, h);
    if (!sc->tab[i].key) {
        if (2 * (sc->nt + 1) > sc->mask + 1) { /* keep it half empty */
            struct slot *old = sc->tab;
            size_t oldmask = sc->mask;
            scratch_alloc(sc, 2 * (oldmask + 1));
            for (size_t q = 0; q <= oldmask; q++)
                if (old[q].key) sc->tab[slot_of(sc, old[q].key - 1)] = old[q];
            free(old);
            i = slot_of(sc, h);
        }
        sc->tab[i].key = h + 1;
        xgrow(&sc->touched, &sc->captouched, sc->nt + 1, sizeof *sc->touched);
        sc->touched[sc->nt++] = h;
    }
    sc->tab[i].w += w;
    sc->tab[i].hits++;
}

static int cmp_acc(const void *p, const void *q)
{
    const struct acc *a = p, *b = q;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

/* The touched targets with at least min_hits shared probes into sc->best,
 * in the order touched, or the k heaviest (ties: the lower target),
 * heaviest first, when there are more; the table emptied.  Returns how
 * many. */
static size_t take_targets(struct scratch *sc, uint32_t min_hits, size_t k)
{
    xgrow(&sc->best, &sc->capbest, sc->nt + 1, sizeof *sc->best);
    size_t n = 0;
    for (size_t q = 0; q < sc->nt; q++) {
        size_t i = slot_of(sc, sc->touched[q]);
        if (sc->tab[i].hits >= min_hits) sc->best[n++] = (struct acc){sc->touched[q], sc->tab[i].w};
        sc->touched[q] = (uint32_t)i; /* emptied below: a chain must stay whole until then */
    }
    if (8 * sc->nt > sc->mask)
        memset(sc->tab, 0, (sc->mask + 1) * sizeof *sc->tab);
    else
        for (size_t q = 0; q < sc->nt; q++)
            sc->tab[sc->touched[q]] = (struct slot){0, 0, 0};
    sc->nt = 0;
    if (n <= k) return n;
    qsort(sc->best, n, sizeof *sc->best, cmp_acc);
    return k;
}

static void probe_slice(void *arg, size_t k)
{
    const struct all_job *job = arg;
    const struct sim *s = job->s;
    struct all_slice *sl = &job->slice[k];
    struct scratch sc = {0};
    scratch_alloc(&sc, 4096);
    uint32_t probe[SIM_PROBE_WORDS];
    for (size_t g = sl->first; g < sl->end; g++) {
        uint32_t d = job->docof[g];
        size_t i = g - job->base[d];
        const struct bags *bg = &s->bag[d];
        size_t end = job->base[d + 1]; /* the first sentence of the next document */
        size_t np;
        const uint32_t *pr = probe;
        if (job->plan.exhaustive) {
            np = job->pre_off[g + 1] - job->pre_off[g];
            pr = job->pre + job->pre_off[g];
        } else {
            bool passed = false;
            np = sim_pick_probes(s, bg, (uint32_t)i, 2, job->plan.cap, probe, &passed);
        }
        for (size_t q = 0; q < np; q++) {
            uint32_t t = pr[q];
            if (s->post_count[t] < 2 || s->post_count[t] > job->plan.cap) continue; /* unlisted */
            const uint32_t *pl = job->post + job->start[t];
            for (uint32_t m = 0; m < s->post_count[t]; m++)
                if (pl[m] >= end) /* each pair once, other documents (later ones) */
                    touch(&sc, pl[m], s->w[t]);
        }
        if (job->plan.sketch) {
            struct sketch sk;
            sketch_of(s, bg, i, job->sketch_min, job->plan.cap, &sk);
            for (size_t q = 0; q < sk.n; q++) {
                size_t lo, hi = sketch_run(job, sk.h[q], &lo);
                if (hi - lo > ALL_RUN_CAP) continue; /* shared by too many to tell */
                for (size_t e = lo; e < hi; e++) {
                    uint32_t h = (uint32_t)job->sk[e];
                    if (h >= end) touch(&sc, h, sk.w[q]);
                }
            }
        }
        /* bounded: a single shared probe is chance */
        size_t keep = take_targets(&sc, job->plan.sketch ? ALL_HITS_MIN : 1,
                                   job->plan.exhaustive ? SIZE_MAX : job->plan.top_k);
        for (size_t q = 0; q < keep; q++) {
            uint32_t h = sc.best[q].y, dk = job->docof[h];
            uint32_t y = (uint32_t)(h - job->base[dk]);
            double dice = pair_dice(s, d, (uint32_t)i, dk, y, job->floor);
            if (dice < job->floor || dice <= 0) continue;
            xgrow(&sl->out, &sl->cap, sl->n + 1, sizeof *sl->out);
            sl->out[sl->n++] = (struct sim_match){d, (uint32_t)i, dk, y, (float)dice};
        }
    }
    free(sc.tab);
    free(sc.touched);
    free(sc.best);
}

/* ---- the exhaustive search's second step ------------------------------ */

struct doc_pair {
    uint32_t a, b;
};

static int cmp_doc_pair(const void *p, const void *q)
{
    const struct doc_pair *x = p, *y = q;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

struct dense_job {
    const struct sim *s;
    double floor;
    const struct doc_pair *pairs;
    size_t npairs, nslices;
    struct all_slice *slice; /* first, end: indices into pairs */
};

static void dense_slice(void *arg, size_t k)
{
    const struct dense_job *job = arg;
    struct all_slice *sl = &job->slice[k];
    for (size_t p = sl->first; p < sl->end; p++) {
        uint32_t a = job->pairs[p].a, b = job->pairs[p].b;
        for (uint32_t x = 0; x < job->s->bag[a].nsent; x++)
            for (uint32_t y = 0; y < job->s->bag[b].nsent; y++) {
                double d = pair_dice(job->s, a, x, b, y, job->floor);
                if (d < job->floor || d <= 0) continue;
                xgrow(&sl->out, &sl->cap, sl->n + 1, sizeof *sl->out);
                sl->out[sl->n++] = (struct sim_match){a, x, b, y, (float)d};
            }
    }
}

/* Every pair of sentences of Dice >= floor between the documents of the
 * matches m[0..n) (freed), into *out. */
static size_t dense_pairs(const struct sim *s, double floor, struct sim_match *m, size_t n,
                          struct sim_match **out)
{
    struct doc_pair *dp = xmalloc((n + 1) * sizeof *dp);
    for (size_t i = 0; i < n; i++)
        dp[i] = (struct doc_pair){m[i].dx, m[i].dy};
    free(m);
    if (n > 1) qsort(dp, n, sizeof *dp, cmp_doc_pair);
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        if (!np || cmp_doc_pair(&dp[np - 1], &dp[i]) != 0) dp[np++] = dp[i];
    struct dense_job job = {
        s, floor, dp, np, WD_MAX((size_t)1, WD_MIN((size_t)ALL_SLICES_MAX, np)), NULL};
    job.slice = xcalloc(job.nslices, sizeof *job.slice);
    for (size_t k = 0; k < job.nslices; k++) {
        job.slice[k].first = np * k / job.nslices;
        job.slice[k].end = np * (k + 1) / job.nslices;
    }
    util_parallel(job.nslices, dense_slice, &job);
    size_t total = 0;
    for (size_t k = 0; k < job.nslices; k++)
        total += job.slice[k].n;
    *out = xmalloc((total + 1) * sizeof **out);
    total = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        if (job.slice[k].n) memcpy(*out + total, job.slice[k].out, job.slice[k].n * sizeof **out);
        total += job.slice[k].n;
        free(job.slice[k].out);
    }
    free(job.slice);
    free(dp);
    return total;
}

size_t sim_matches_all(struct sim *s, double floor, double exhaustive, struct sim_match **out)
{
    struct all_job job = {.s = s, .floor = exhaustive > 0 ? exhaustive : floor};
    if (exhaustive > 0) {
        job.plan = (struct plan){SIZE_MAX, SIZE_MAX, false, true};
    } else if (s->ndocs <= ALL_ROOM_DOCS) {
        job.plan =
            (struct plan){SIM_POSTING_CAP + 2 * s->ndocs, SIM_TOP_K + 2 * s->ndocs, false, false};
    } else {
        job.plan = (struct plan){ALL_POSTING_CAP, ALL_TOP_K, true, false};
    }
    /* Global sentence numbers: doc k's sentence i is base[k] + i. */
    size_t *base = xmalloc((s->ndocs + 1) * sizeof *base);
    size_t total = 0;
    for (size_t k = 0; k < s->ndocs; k++) {
        base[k] = total;
        total += s->bag[k].nsent;
    }
    base[s->ndocs] = total;
    uint32_t *docof = xmalloc((total + 1) * sizeof *docof);
    for (size_t k = 0; k < s->ndocs; k++)
        for (size_t i = base[k]; i < base[k + 1]; i++)
            docof[i] = (uint32_t)k;
    /* The sentences holding each word (post_count), and the postings of
     * the words the search follows, laid out by a counting sort. */
    need_postings(s);
    uint32_t *pre_off = NULL, *pre = NULL;
    if (exhaustive > 0) { /* only the prefixes are indexed and probed */
        size_t cappre = 0, npre = 0;
        pre_off = xmalloc((total + 1) * sizeof *pre_off);
        for (size_t k = 0; k < s->ndocs; k++)
            for (size_t i = 0; i < s->bag[k].nsent; i++) {
                pre_off[base[k] + i] = (uint32_t)npre;
                npre = prefix_probes(&s->bag[k], i, exhaustive, &pre, &cappre, npre);
            }
        pre_off[total] = (uint32_t)npre;
        for (size_t q = 0; q < npre; q++)
            s->post_count[pre[q]]++;
        job.pre_off = pre_off;
        job.pre = pre;
    }
    for (size_t k = 0; k < s->ndocs && exhaustive <= 0; k++) {
        const struct bags *bg = &s->bag[k];
        for (size_t i = 0; i < bg->nsent; i++) {
            struct word_walk w = words_of(bg, i);
            for (uint32_t t; next_word(&w, &t);)
                s->post_count[t]++;
        }
    }
    uint32_t *start = xmalloc((s->nw + 1) * sizeof *start);
    size_t run = 0;
    for (size_t t = 0; t < s->nw; t++) {
        start[t] = (uint32_t)run;
        if (s->post_count[t] >= 2 && s->post_count[t] <= job.plan.cap) run += s->post_count[t];
    }
    uint32_t *post = xmalloc((run + 1) * sizeof *post);
    uint32_t *fill = xcalloc(s->nw + 1, sizeof *fill);
    for (size_t g = 0; g < total && pre; g++)
        for (uint32_t q = pre_off[g]; q < pre_off[g + 1]; q++)
            if (s->post_count[pre[q]] >= 2) post[start[pre[q]] + fill[pre[q]]++] = (uint32_t)g;
    for (size_t k = 0; k < s->ndocs && exhaustive <= 0; k++) {
        const struct bags *bg = &s->bag[k];
        for (size_t i = 0; i < bg->nsent; i++) {
            struct word_walk w = words_of(bg, i);
            for (uint32_t t; next_word(&w, &t);)
                if (s->post_count[t] >= 2 && s->post_count[t] <= job.plan.cap)
                    post[start[t] + fill[t]++] = (uint32_t)(base[k] + i);
        }
    }
    free(fill);
    job.total = total;
    job.base = base;
    job.docof = docof;
    job.start = start;
    job.post = post;
    job.nslices = WD_MAX((size_t)1, WD_MIN((size_t)ALL_SLICES_MAX, total / ALL_SLICE));
    job.slice = xcalloc(job.nslices, sizeof *job.slice);
    for (size_t k = 0; k < job.nslices; k++) {
        job.slice[k].first = total * k / job.nslices;
        job.slice[k].end = total * (k + 1) / job.nslices;
    }
    uint64_t *sk = NULL;
    uint32_t *dir = NULL;
    struct run *runs = NULL;
    if (job.plan.sketch) {
        job.sketch_min = (float)log(1.0 + (double)SKETCH_COMMON);
        util_parallel(job.nslices, sketch_slice, &job);
        size_t nsk = 0;
        for (size_t k = 0; k < job.nslices; k++)
            nsk += job.slice[k].nsk;
        sk = xmalloc((nsk + 1) * sizeof *sk);
        nsk = 0;
        for (size_t k = 0; k < job.nslices; k++) {
            if (job.slice[k].nsk) memcpy(sk + nsk, job.slice[k].sk, job.slice[k].nsk * sizeof *sk);
            nsk += job.slice[k].nsk;
            free(job.slice[k].sk);
        }
        sort_by_hash(sk, nsk);
        job.sk = sk;
        job.nsk = nsk;
        job.dir = dir = sketch_dir(sk, nsk, &runs, &job.dir_shift);
        job.runs = runs;
    }
    util_parallel(job.nslices, probe_slice, &job);
    size_t n = 0;
    for (size_t k = 0; k < job.nslices; k++)
        n += job.slice[k].n;
    *out = xmalloc((n + 1) * sizeof **out);
    n = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        if (job.slice[k].n) memcpy(*out + n, job.slice[k].out, job.slice[k].n * sizeof **out);
        n += job.slice[k].n;
        free(job.slice[k].out);
    }
    for (size_t t = 0; t < s->nw; t++)
        s->post_count[t] = 0;
    free(job.slice);
    free(sk);
    free(dir);
    free(runs);
    free(post);
    free(start);
    free(docof);
    free(base);
    free(pre_off);
    free(pre);
    if (exhaustive > 0) n = dense_pairs(s, floor, *out, n, out);
    return n;
}
