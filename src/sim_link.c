/* sim_link.c - candidate pairs between the sentences of many documents
 * (sim_matches_all above ALL_ROOM_DOCS documents), in two steps, so that
 * the documents that share nothing (most of a large corpus) cost little
 * more than reading their words once.
 *
 * 1. Linked documents.  Each sentence gets a sketch: the SKETCH_K pairs
 *    of neighbouring words with the smallest hashes (bottom-k MinHash,
 *    Broder 1997), leaving out pairs too common to tell anything, and the
 *    hash of its whole sequence of words.  Two sentences that share much
 *    share most of their sketches, whatever the frequency of their words;
 *    a sentence carried unchanged shares the whole.  The sketches, sorted
 *    by hash, are an index that each sentence looks its own up in (a
 *    batch at a time, so that the cache misses overlap), with bounded
 *    work: entries held by more than LINK_RUN_CAP sentences lead nowhere.
 *    The later sentences that share two entries, or the whole, are
 *    candidates, counted per pair of documents.  Two candidates link a
 *    pair; a single one, most often chance, links it if it scores as an
 *    anchor (its two sentences' bags built alone, in a view).
 * 2. The sentences of linked documents, their bags now loaded.  Every
 *    sentence of the later document of a link is compared with the
 *    sentences of the earlier one that share one of its words rarer than
 *    the common ones (an index of the earlier document's words), the
 *    heaviest LOCAL_TOP_K scored exactly: the matches a caller keeps
 *    (corpus.c keeps weak ones only between documents with anchors) come
 *    from the two documents' own sentences, not from a cap over the
 *    whole corpus, and figures come out as the exhaustive search's.
 *
 * The bags of documents without links are never built.  The result is
 * the same on any number of threads: each step's parts are independent
 * and gathered in order. */
#include "config.h"

#include "sim_link.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_int.h"
#include "sim_sketch.h"
#include "sim_touch.h"
#include "util.h"

/* Of the later sentences that share at least LINK_HITS_MIN entries with a
 * sentence (one alone is chance; the whole counts as two), the
 * LINK_TOP_K that share the most are candidates. */
#define LINK_HITS_MIN 2
#define LINK_TOP_K    8
/* Candidates in one document that link it to the earlier without being
 * scored. */
#define LINK_EVIDENCE 2
/* A pair whose rarer word occurs in more than this share of the
 * sentences (1/SKETCH_COMMON) stays out of sketches ("of the"), and so
 * does such a word out of step 2's index. */
#define SKETCH_COMMON 64
/* Step 2: the words of a document that at most LOCAL_CHAIN_CAP of its
 * sentences hold are indexed; the LOCAL_TOP_K targets sharing the most
 * weight of them with a sentence are scored exactly, if it is at least
 * 1/LOCAL_SHARE of the weight a match of Dice >= floor has in common. */
#define LOCAL_CHAIN_CAP 16
#define LOCAL_TOP_K     2
#define LOCAL_SHARE     3
/* Sentences looked up at once (their cache misses overlap). */
#define LINK_BATCH 8
/* Documents per slice of the parallel passes. */
#define DOC_SLICE  64
#define SLICES_MAX 64

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* ---- step 1: linked documents ------------------------------------------------ */

/* The candidates of document a in a later document b: how many, and the
 * first (global sentence numbers x of a, y of b). */
struct doc_link {
    uint32_t a, b, count, x, y;
};

struct link_job {
    struct sim *s;
    double floor, anchor;
    size_t total;                 /* sentences of all documents */
    const size_t *base;           /* doc k's sentence i is base[k] + i */
    const uint32_t *docof;        /* per global sentence: its document */
    float common;                 /* weight of a word held by 1/SKETCH_COMMON of the sentences */
    const struct sim_sketches *x; /* step 1's index */
    size_t nslices;
    struct link_slice *slice;
    const struct doc_link *dl; /* the candidates, by document pair */
    /* the links: a << 32 | b, sorted, and per document its first as a */
    const uint64_t *links;
    const size_t *link_of;
    uint8_t *loaded; /* per document: its bags are loaded */
};

struct link_slice {
    size_t first, end;
    struct doc_link *dl;
    size_t ndl, capdl;
    uint64_t *links;
    size_t nlinks, caplinks;
    struct sim_match *out;
    size_t n, cap;
};

/* The later documents that the current one has candidates in: their
 * records in the slice's dl (an open-addressing table of indices), and
 * which slots are taken. */
struct doc_map {
    uint32_t *key; /* document + 1, 0: empty */
    uint32_t *at;  /* its record in sl->dl */
    size_t mask;
    uint32_t *used; /* taken slots */
    size_t nused;
    uint32_t a; /* the current document + 1 */
};

static void doc_map_alloc(struct doc_map *dm, size_t cap)
{
    dm->key = xcalloc(cap, sizeof *dm->key);
    dm->at = xmalloc(cap * sizeof *dm->at);
    dm->used = xmalloc(cap * sizeof *dm->used);
    dm->mask = cap - 1;
    dm->nused = 0;
}

static void doc_map_free(struct doc_map *dm)
{
    free(dm->key);
    free(dm->at);
    free(dm->used);
}

/* Count candidate y (of document b) of sentence x of document a. */
static void doc_cand(struct doc_map *dm, struct link_slice *sl, uint32_t a, uint32_t x, uint32_t y,
                     uint32_t b)
{
    if (dm->a != a + 1) { /* the next document: empty the table */
        for (size_t q = 0; q < dm->nused; q++)
            dm->key[dm->used[q]] = 0;
        dm->nused = 0;
        dm->a = a + 1;
    }
    size_t i = touch_mix(b) & dm->mask;
    while (dm->key[i] && dm->key[i] != b + 1)
        i = (i + 1) & dm->mask;
    if (dm->key[i]) {
        sl->dl[dm->at[i]].count++;
        return;
    }
    if (2 * (dm->nused + 1) > dm->mask + 1) { /* keep it half empty */
        struct doc_map old = *dm;
        doc_map_alloc(dm, 2 * (old.mask + 1));
        dm->a = old.a;
        for (size_t q = 0; q < old.nused; q++) {
            uint32_t k = old.key[old.used[q]];
            size_t j = touch_mix(k - 1) & dm->mask;
            while (dm->key[j])
                j = (j + 1) & dm->mask;
            dm->key[j] = k;
            dm->at[j] = old.at[old.used[q]];
            dm->used[dm->nused++] = (uint32_t)j;
        }
        doc_map_free(&old);
        i = touch_mix(b) & dm->mask;
        while (dm->key[i])
            i = (i + 1) & dm->mask;
    }
    dm->key[i] = b + 1;
    dm->at[i] = (uint32_t)sl->ndl;
    dm->used[dm->nused++] = (uint32_t)i;
    xgrow(&sl->dl, &sl->capdl, sl->ndl + 1, sizeof *sl->dl);
    sl->dl[sl->ndl++] = (struct doc_link){a, b, 1, x, y};
}

/* The candidates of sentence g, whose sketch is own[0..n) (the whole
 * last), its entries looked up in [lo[q], hi[q]) of their buckets. */
static void candidates_of(const struct link_job *job, struct link_slice *sl, struct touched *sc,
                          struct doc_map *dm, size_t g, const uint64_t *own, size_t n,
                          const uint32_t *lo, const uint32_t *hi)
{
    uint32_t d = job->docof[g];
    size_t end = job->base[d + 1]; /* the first sentence of the next document */
    for (size_t q = 0; q < n; q++) {
        uint32_t h = (uint32_t)(own[q] >> 32);
        uint32_t hits = q + 1 == n ? LINK_HITS_MIN : 1; /* the whole alone will do */
        size_t e = lo[q];
        const uint64_t *ix = job->x->ix;
        while (e < hi[q] && (uint32_t)(ix[e] >> 32) != h)
            e++;
        for (; e < hi[q] && (uint32_t)(ix[e] >> 32) == h; e++) {
            uint32_t y = (uint32_t)ix[e];
            if (y >= end) touch(sc, y, (float)hits, hits); /* each pair once, from the earlier */
        }
    }
    size_t nb = touched_take(sc, LINK_HITS_MIN, 0);
    for (size_t q = 0; q < nb && q < LINK_TOP_K; q++)
        doc_cand(dm, sl, d, (uint32_t)g, sc->best[q].y, job->docof[sc->best[q].y]);
}

/* The candidates of the sentences of the index's part k, LINK_BATCH at a
 * time: the buckets of their sketches asked for, then the entries, then
 * looked at. */
static void cand_slice(void *arg, size_t k)
{
    const struct link_job *job = arg;
    const struct sim_sketches *x = job->x;
    struct link_slice *sl = &job->slice[k];
    struct touched sc = {0};
    touched_alloc(&sc, 1024);
    struct doc_map dm;
    doc_map_alloc(&dm, 64);
    dm.a = 0;
    uint32_t lo[LINK_BATCH * SKETCH_N], hi[LINK_BATCH * SKETCH_N];
    const uint64_t *own = x->own[k], *own_end = x->own[k] + x->nown[k]; /* the part's sketches */
    for (size_t g0 = x->first[k]; g0 < x->first[k + 1]; g0 += LINK_BATCH) {
        size_t nb = WD_MIN((size_t)LINK_BATCH, x->first[k + 1] - g0), n = 0;
        while (own + n < own_end && (uint32_t)own[n] < g0 + nb)
            n++;
        for (size_t q = 0; q < n; q++)
            PREFETCH(&x->dir[(uint32_t)(own[q] >> 32) >> x->shift]);
        for (size_t q = 0; q < n; q++) {
            size_t bucket = (uint32_t)(own[q] >> 32) >> x->shift;
            lo[q] = x->dir[bucket];
            hi[q] = x->dir[bucket + 1];
            PREFETCH(&x->ix[lo[q]]);
        }
        for (size_t b = 0, q = 0; b < nb; b++) {
            size_t e = q;
            while (e < n && (uint32_t)own[e] == g0 + b)
                e++;
            candidates_of(job, sl, &sc, &dm, g0 + b, own + q, e - q, lo + q, hi + q);
            q = e;
        }
        own += n;
    }
    touched_free(&sc);
    doc_map_free(&dm);
}

static int cmp_doc_link(const void *p, const void *q)
{
    const struct doc_link *a = p, *b = q;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    if (a->b != b->b) return a->b < b->b ? -1 : 1;
    return a->x < b->x ? -1 : a->x > b->x;
}

/* The links among the document pairs of slice k.  Two candidates in one
 * later document link it (step 2 then scores every sentence); one alone,
 * most often chance, does if it scores as an anchor, through a view of
 * the similarity that loads the bags of the two sentences only: the bags
 * of whole documents are built for linked ones alone. */
static void verify_slice(void *arg, size_t k)
{
    const struct link_job *job = arg;
    struct link_slice *sl = &job->slice[k];
    struct sim *view = NULL;
    for (size_t q = sl->first; q < sl->end; q++) {
        const struct doc_link *l = &job->dl[q];
        if (l->count < LINK_EVIDENCE) {
            uint32_t x = (uint32_t)(l->x - job->base[l->a]), y = (uint32_t)(l->y - job->base[l->b]);
            if (!view) view = sim_view(job->s);
            sim_load(view, l->a, x, x + 1, NULL);
            sim_load(view, l->b, y, y + 1, NULL);
            double dice = pair_dice(view, l->a, x, l->b, y, job->anchor);
            sim_unload(view, l->a);
            sim_unload(view, l->b);
            if (dice < job->anchor) continue;
        }
        xgrow(&sl->links, &sl->caplinks, sl->nlinks + 1, sizeof *sl->links);
        sl->links[sl->nlinks++] = (uint64_t)l->a << 32 | l->b;
    }
    sim_free(view);
}

/* ---- step 2: the sentences of linked documents ------------------------------- */

/* An index of the rare words of one document's sentences: the sentences
 * holding each word, chained. */
struct local {
    uint32_t *key;   /* per slot: word + 1, 0: empty */
    uint32_t *first; /* per slot: its first entry + 1 */
    uint32_t *count; /* per slot: its sentences */
    size_t mask, cap;
    uint32_t *next, *sent; /* per entry: the next entry + 1 of its word, its sentence */
    size_t n, capnext, capsent;
    float *acc; /* per target sentence: the weight it shares */
    uint32_t *touched;
    size_t capacc, captouched;
    struct acc *best;
    size_t capbest;
};

static size_t local_slot(const struct local *lx, uint32_t t)
{
    size_t i = touch_mix(t) & lx->mask;
    while (lx->key[i] && lx->key[i] != t + 1)
        i = (i + 1) & lx->mask;
    return i;
}

/* Index the words of the sentences of bg. */
static void local_build(struct local *lx, const struct bags *bg)
{
    size_t words = 0;
    for (size_t y = 0; y < bg->nsent; y++) {
        size_t nf;
        (void)bag_of(bg, y, &nf);
        words += nf / 2 + 1; /* n words, n - 1 pairs */
    }
    size_t cap = 64;
    while (cap < 2 * words)
        cap *= 2;
    if (cap > lx->cap) {
        free(lx->key);
        free(lx->first);
        free(lx->count);
        lx->key = xcalloc(cap, sizeof *lx->key);
        lx->first = xmalloc(cap * sizeof *lx->first);
        lx->count = xmalloc(cap * sizeof *lx->count);
        lx->cap = cap;
    }
    lx->mask = cap - 1;
    lx->n = 0;
    for (size_t y = 0; y < bg->nsent; y++) {
        struct word_walk w = words_of(bg, y);
        for (uint32_t t; next_word(&w, &t);) {
            size_t i = local_slot(lx, t);
            if (!lx->key[i]) {
                lx->key[i] = t + 1;
                lx->first[i] = 0;
                lx->count[i] = 0;
            }
            lx->count[i]++;
            xgrow(&lx->next, &lx->capnext, lx->n + 1, sizeof *lx->next);
            xgrow(&lx->sent, &lx->capsent, lx->n + 1, sizeof *lx->sent);
            lx->next[lx->n] = lx->first[i];
            lx->sent[lx->n] = (uint32_t)y;
            lx->first[i] = (uint32_t)++lx->n;
        }
    }
    xgrow(&lx->acc, &lx->capacc, bg->nsent + 1, sizeof *lx->acc);
    xgrow(&lx->touched, &lx->captouched, bg->nsent + 1, sizeof *lx->touched);
    xgrow(&lx->best, &lx->capbest, bg->nsent + 1, sizeof *lx->best);
    memset(lx->acc, 0, bg->nsent * sizeof *lx->acc);
}

static void local_free(struct local *lx)
{
    free(lx->key);
    free(lx->first);
    free(lx->count);
    free(lx->next);
    free(lx->sent);
    free(lx->acc);
    free(lx->touched);
    free(lx->best);
}

/* The matches of document b's sentences in document a (a < b), a
 * indexed in lx. */
static void local_pairs(const struct link_job *job, struct local *lx, uint32_t a, uint32_t b,
                        struct link_slice *sl)
{
    const struct sim *s = job->s;
    const struct bags *bb = &s->bag[b];
    for (uint32_t y = 0; y < bb->nsent; y++) {
        size_t nt = 0;
        struct word_walk w = words_of(bb, y);
        for (uint32_t t; next_word(&w, &t);) {
            float wt = w.f[w.j - 1].w;
            size_t i = local_slot(lx, t);
            if (!lx->key[i] || lx->count[i] > LOCAL_CHAIN_CAP) continue;
            for (uint32_t e = lx->first[i]; e; e = lx->next[e - 1]) {
                uint32_t x = lx->sent[e - 1];
                if (lx->acc[x] == 0) lx->touched[nt++] = x;
                lx->acc[x] += wt;
            }
        }
        size_t keep = sim_top_targets(lx->acc, lx->touched, nt, lx->best, LOCAL_TOP_K);
        double wy = bag_weight(bb, y);
        for (size_t q = 0; q < keep; q++) {
            double need = job->floor * (bag_weight(&s->bag[a], lx->best[q].y) + wy) / 2;
            if (lx->best[q].w < need / LOCAL_SHARE) continue; /* not worth the exact score */
            double dice = pair_dice(s, a, lx->best[q].y, b, y, job->floor);
            if (dice < job->floor || dice <= 0) continue;
            xgrow(&sl->out, &sl->cap, sl->n + 1, sizeof *sl->out);
            sl->out[sl->n++] = (struct sim_match){a, lx->best[q].y, b, y, (float)dice};
        }
    }
}

static void local_slice(void *arg, size_t k)
{
    const struct link_job *job = arg;
    struct link_slice *sl = &job->slice[k];
    struct local lx = {0};
    for (size_t a = sl->first; a < sl->end; a++) {
        if (job->link_of[a] == job->link_of[a + 1]) continue;
        local_build(&lx, &job->s->bag[a]);
        for (size_t l = job->link_of[a]; l < job->link_of[a + 1]; l++)
            local_pairs(job, &lx, (uint32_t)a, (uint32_t)job->links[l], sl);
        memset(lx.key, 0, (lx.mask + 1) * sizeof *lx.key);
    }
    local_free(&lx);
}

/* The bags of the documents of slice k that job->loaded marks. */
static void load_slice(void *arg, size_t k)
{
    const struct link_job *job = arg;
    const struct link_slice *sl = &job->slice[k];
    for (size_t d = sl->first; d < sl->end; d++)
        if (job->loaded[d]) sim_load(job->s, d, 0, job->s->bag[d].nsent, NULL);
}

/* ---- the whole ------------------------------------------------------------------ */

/* The slices' arrays (field, count cnt) gathered into one, freed. */
#define GATHER(job, field, cnt, n, out)                                                            \
    do {                                                                                           \
        size_t total_ = 0;                                                                         \
        for (size_t k_ = 0; k_ < (job).nslices; k_++)                                              \
            total_ += (job).slice[k_].cnt;                                                         \
        (out) = xmalloc((total_ + 1) * sizeof *(out));                                             \
        total_ = 0;                                                                                \
        for (size_t k_ = 0; k_ < (job).nslices; k_++) {                                            \
            if ((job).slice[k_].cnt)                                                               \
                memcpy((out) + total_, (job).slice[k_].field,                                      \
                       (job).slice[k_].cnt * sizeof *(out));                                       \
            total_ += (job).slice[k_].cnt;                                                         \
            free((job).slice[k_].field);                                                           \
        }                                                                                          \
        (n) = total_;                                                                              \
    } while (0)

/* Cut [0, n) into job->slice[0 .. job->nslices) of at least min items. */
static void slice_up(struct link_job *job, size_t n, size_t min)
{
    free(job->slice);
    job->nslices = WD_MAX((size_t)1, WD_MIN((size_t)SLICES_MAX, n / min));
    job->slice = xcalloc(job->nslices, sizeof *job->slice);
    for (size_t k = 0; k < job->nslices; k++) {
        job->slice[k].first = n * k / job->nslices;
        job->slice[k].end = n * (k + 1) / job->nslices;
    }
}

size_t sim_link_matches(struct sim *s, double floor, double anchor, struct sim_match **out)
{
    struct link_job job = {.s = s, .floor = floor, .anchor = WD_MAX(anchor, floor)};
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
    job.total = total;
    job.base = base;
    job.docof = docof;
    job.common = (float)log(1.0 + (double)SKETCH_COMMON);

    /* 1. the candidates, through the index of the sketches */
    struct sim_sketches x;
    sim_sketch_build(s, base, docof, total, job.common, &x);
    job.x = &x;
    job.nslices = x.nparts;
    job.slice = xcalloc(job.nslices, sizeof *job.slice);
    util_parallel(job.nslices, cand_slice, &job);
    struct doc_link *dl;
    size_t ndl;
    GATHER(job, dl, ndl, ndl, dl);
    sim_sketch_free(&x);
    /* the pairs of documents with candidates, each once (a document cut
     * between two slices has records in both) */
    if (ndl > 1) qsort(dl, ndl, sizeof *dl, cmp_doc_link);
    size_t u = 0;
    for (size_t q = 0; q < ndl; q++)
        if (u && dl[u - 1].a == dl[q].a && dl[u - 1].b == dl[q].b)
            dl[u - 1].count += dl[q].count;
        else
            dl[u++] = dl[q];
    ndl = u;
    /* the links */
    job.dl = dl;
    slice_up(&job, ndl, WD_MAX((size_t)DOC_SLICE, ndl / UTIL_THREADS_MAX)); /* a view each */
    util_parallel(job.nslices, verify_slice, &job);
    uint64_t *links;
    size_t nlinks;
    GATHER(job, links, nlinks, nlinks, links);
    free(dl);
    slice_up(&job, s->ndocs, DOC_SLICE);

    /* 2. the sentences of linked documents, their bags loaded */
    size_t *link_of =
        xcalloc(s->ndocs + 1, sizeof *link_of); /* a's: [link_of[a], link_of[a + 1]) */
    for (size_t l = 0; l < nlinks; l++)
        link_of[(links[l] >> 32) + 1]++;
    for (size_t d = 0; d < s->ndocs; d++)
        link_of[d + 1] += link_of[d];
    job.links = links;
    job.link_of = link_of;
    job.loaded = xcalloc(s->ndocs + 1, 1);
    for (size_t l = 0; l < nlinks; l++)
        job.loaded[links[l] >> 32] = job.loaded[(uint32_t)links[l]] = 1;
    util_parallel(job.nslices, load_slice, &job);
    util_parallel(job.nslices, local_slice, &job);
    size_t n;
    GATHER(job, out, n, n, *out);
    free(job.slice);
    free(job.loaded);
    free(link_of);
    free(links);
    free(docof);
    free(base);
    return n;
}
