/* sim_all.c - candidate pairs between the sentences of all documents at
 * once (sim_matches_all, sim.h), on parallel slices of the sentences.
 *
 * Up to ALL_ROOM_DOCS documents, each sentence looks for later sentences
 * of other documents through the postings of its rarest words
 * (sim_search.c's probes), with a posting cap and a top-k widened by two
 * per document so that there is room for a match in every other document
 * (as the overlap table has always been computed); the targets sharing
 * the most probe weight are scored exactly.  Beyond, sim_link.c links
 * the documents first.
 *
 * The exhaustive search, the measure of the bounded ones' recall, finds
 * every pair of sentences of Dice >= anchor (a prefix filter, Chaudhuri
 * et al. 2006, which the high floor makes affordable), then compares
 * every sentence of each pair of documents that has one with every
 * sentence of the other. */
#include "config.h"

#include "sim.h"

#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "sim_link.h"
#include "sim_touch.h"
#include "util.h"

/* Up to this many documents, the search of the overlap table as before:
 * posting cap and top-k widened by two per document. */
#define ALL_ROOM_DOCS 100
/* Sentences per slice of the parallel passes. */
#define ALL_SLICE      4096
#define ALL_SLICES_MAX 64

struct plan {
    size_t cap, top_k;
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
    const uint32_t *pre_off, *pre; /* exhaustive: per sentence, its prefix's words */
    size_t nslices;
    struct all_slice *slice;
};

struct all_slice {
    size_t first, end; /* global sentences */
    struct sim_match *out;
    size_t n, cap;
};

/* Slices of n items: n / nslices each, the last ones a unit longer. */
static struct all_slice *cut_slices(size_t n, size_t nslices)
{
    struct all_slice *slice = xcalloc(nslices, sizeof *slice);
    for (size_t k = 0; k < nslices; k++) {
        slice[k].first = n * k / nslices;
        slice[k].end = n * (k + 1) / nslices;
    }
    return slice;
}

/* The slices' matches in order into one new array *out (their own freed):
 * their count. */
static size_t join_slices(struct all_slice *slice, size_t nslices, struct sim_match **out)
{
    size_t total = 0;
    for (size_t k = 0; k < nslices; k++)
        total += slice[k].n;
    *out = xmalloc((total + 1) * sizeof **out);
    total = 0;
    for (size_t k = 0; k < nslices; k++) {
        if (slice[k].n) memcpy(*out + total, slice[k].out, slice[k].n * sizeof **out);
        total += slice[k].n;
        free(slice[k].out);
    }
    return total;
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

static void probe_slice(void *arg, size_t k)
{
    const struct all_job *job = arg;
    const struct sim *s = job->s;
    struct all_slice *sl = &job->slice[k];
    struct touched sc = {0};
    touched_alloc(&sc, 4096);
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
            np = sim_pick_probes(s, words_of(bg, i), 2, job->plan.cap, probe, &passed);
        }
        for (size_t q = 0; q < np; q++) {
            uint32_t t = pr[q];
            if (s->post_count[t] < 2 || s->post_count[t] > job->plan.cap) continue; /* unlisted */
            const uint32_t *pl = job->post + job->start[t];
            for (uint32_t m = 0; m < s->post_count[t]; m++)
                if (pl[m] >= end) /* each pair once, other documents (later ones) */
                    touch(&sc, pl[m], s->w[t], 1);
        }
        size_t keep = touched_take(&sc, 1, job->plan.exhaustive ? SIZE_MAX : job->plan.top_k);
        for (size_t q = 0; q < keep; q++) {
            uint32_t h = sc.best[q].y, dk = job->docof[h];
            uint32_t y = (uint32_t)(h - job->base[dk]);
            double dice = pair_dice(s, d, (uint32_t)i, dk, y, job->floor);
            if (dice < job->floor || dice <= 0) continue;
            xgrow(&sl->out, &sl->cap, sl->n + 1, sizeof *sl->out);
            sl->out[sl->n++] = (struct sim_match){d, (uint32_t)i, dk, y, (float)dice};
        }
    }
    touched_free(&sc);
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
    job.slice = cut_slices(np, job.nslices);
    util_parallel(job.nslices, dense_slice, &job);
    size_t total = join_slices(job.slice, job.nslices, out);
    free(job.slice);
    free(dp);
    return total;
}

/* Documents per slice of the bags' load, at least. */
#define LOAD_SLICE 64

static void load_slice(void *arg, size_t k)
{
    struct sim *s = arg;
    size_t nslices = util_slices(s->ndocs, LOAD_SLICE);
    for (size_t d = s->ndocs * k / nslices; d < s->ndocs * (k + 1) / nslices; d++)
        sim_load(s, d, 0, s->bag[d].nsent, NULL);
}

size_t sim_matches_all(struct sim *s, double floor, double anchor, bool exhaustive_,
                       struct sim_match **out)
{
    double exhaustive = exhaustive_ ? anchor : 0;
    if (!exhaustive_ && s->ndocs > ALL_ROOM_DOCS) return sim_link_matches(s, floor, anchor, out);
    /* articles are short: every sentence at once, documents in parallel */
    util_parallel(util_slices(s->ndocs, LOAD_SLICE), load_slice, s);
    struct all_job job = {.s = s, .floor = exhaustive > 0 ? exhaustive : floor};
    if (exhaustive > 0)
        job.plan = (struct plan){SIZE_MAX, SIZE_MAX, true};
    else
        job.plan = (struct plan){SIM_POSTING_CAP + 2 * s->ndocs, SIM_TOP_K + 2 * s->ndocs, false};
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
    job.slice = cut_slices(total, job.nslices);
    util_parallel(job.nslices, probe_slice, &job);
    size_t n = join_slices(job.slice, job.nslices, out);
    for (size_t t = 0; t < s->nw; t++)
        s->post_count[t] = 0;
    free(job.slice);
    free(post);
    free(start);
    free(docof);
    free(base);
    free(pre_off);
    free(pre);
    if (exhaustive > 0) n = dense_pairs(s, floor, *out, n, out);
    return n;
}
