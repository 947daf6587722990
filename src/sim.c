/* sim.c - bags of features, their weights, and the similarity of sentences
 * and groups of sentences (sim.h); the search for candidate pairs is in
 * sim_search.c. */
#include "config.h"

#include "sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "sim_int.h"
#include "tokens.h"
#include "util.h"

/* Most parts of a compound counted separately; longer ones stay whole. */
#define FEATURE_PARTS_MAX 8

static bool is_possessive(const char *k, size_t n)
{
    return n > 2 && k[n - 2] == '\'' && k[n - 1] == 's';
}

static void features_of(struct features *f, uint32_t id, const uint32_t **out, size_t *n)
{
    if (id >= f->cap) {
        size_t old = f->cap, cap = f->cap;
        xgrow(&f->first, &cap, (size_t)id + 1, sizeof *f->first);
        cap = old;
        xgrow(&f->n, &cap, (size_t)id + 1, sizeof *f->n);
        memset(f->first + old, 0, (cap - old) * sizeof *f->first);
        memset(f->n + old, 0, (cap - old) * sizeof *f->n);
        f->cap = cap;
    }
    if (!f->first[id]) {
        /* never in a view: sim_new memoized every token's features */
        size_t len;
        const char *key = intern_key(f->words, id, &len);
        uint32_t parts[FEATURE_PARTS_MAX];
        size_t np = 0;
        if (memchr(key, '-', len) != NULL || is_possessive(key, len)) {
            /* a copy: interning the parts may move the table's keys */
            char *k = xstrndup(key, len);
            size_t i = 0;
            while (i < len && np < FEATURE_PARTS_MAX) {
                size_t e = i;
                while (e < len && k[e] != '-')
                    e++;
                size_t pl = e - i;
                if (is_possessive(k + i, pl)) pl -= 2;
                if (pl) parts[np++] = intern_add(f->words, k + i, pl);
                i = e + 1;
            }
            if (i < len) /* too many parts: keep the word whole */
                np = 0;
            free(k);
        }
        if (!np) parts[np++] = id;
        xgrow(&f->ids, &f->capids, f->nids + np, sizeof *f->ids);
        memcpy(f->ids + f->nids, parts, np * sizeof *parts);
        f->first[id] = (uint32_t)f->nids + 1;
        if (np == 1 && parts[0] == id) f->first[id] |= FEAT_SELF;
        f->n[id] = (uint8_t)np;
        f->nids += np;
    }
    *out = f->ids + (f->first[id] & ~FEAT_SELF) - 1;
    *n = f->n[id];
}

/* Sort features by key: insertion sort for short runs, quicksort (median
 * of three, recursing into the smaller part) above, no callbacks. */
static void sort_feats(struct feat *a, size_t n)
{
    while (n > 24) {
        uint32_t x = a[0].key, y = a[n / 2].key, z = a[n - 1].key;
        uint32_t piv = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i].key < piv)
                i++;
            while (a[j].key > piv)
                j--;
            if (i >= j) break;
            struct feat t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        size_t left = j + 1; /* keys of a[0..left) <= piv <= keys of a[left..n) */
        if (left < n - left) {
            sort_feats(a, left);
            a += left;
            n -= left;
        } else {
            sort_feats(a + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        struct feat v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1].key > v.key) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static uint32_t pair_key(uint32_t x, uint32_t y)
{
    uint64_t h = ((uint64_t)x << 32 | y) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    return PAIR_BIT | (uint32_t)(h >> 33);
}

/* A buffer of word features, grown as needed. */
struct idbuf {
    uint32_t *v;
    size_t cap;
};

/* The word features of sentence i of document k, in reading order, into
 * b; returns their count.  Writes s->feat only for a word seen first (in
 * sim_new): afterwards sentences of different documents may be read on
 * parallel threads, each with a buffer of its own. */
static size_t sentence_features(struct sim *s, size_t k, size_t i, struct idbuf *b)
{
    size_t nt, n = 0;
    const uint32_t *t = tokens_of(s->tk[k], i, &nt);
    xgrow(&b->v, &b->cap, nt * FEATURE_PARTS_MAX + 1, sizeof *b->v); /* room for all */
    const struct features *f = &s->feat;
    for (size_t j = tokens_lead(s->tk[k], i); j < nt; j++) { /* the dateline left out */
        if (t[j] & TOKEN_PUNCT) continue;
        if (t[j] < f->cap && (f->first[t[j]] & FEAT_SELF)) {
            b->v[n++] = t[j];
            continue;
        }
        const uint32_t *fi;
        size_t fn;
        features_of(&s->feat, t[j], &fi, &fn);
        memcpy(b->v + n, fi, fn * sizeof *fi);
        n += fn;
    }
    return n;
}

/* Memoize the features of every token that sentence_features reads, in
 * the order it reads them: splitting a compound interns its parts, and
 * their ids are those of one pass in document order.  Afterwards
 * sentence_features writes nothing. */
static void memo_features(struct sim *s)
{
    struct features *f = &s->feat;
    for (size_t k = 0; k < s->ndocs; k++)
        for (size_t i = 0; i < s->bag[k].nsent; i++) {
            size_t nt;
            const uint32_t *t = tokens_of(s->tk[k], i, &nt);
            for (size_t j = tokens_lead(s->tk[k], i); j < nt; j++) {
                if ((t[j] & TOKEN_PUNCT) || (t[j] < f->cap && f->first[t[j]])) continue;
                const uint32_t *fi;
                size_t fn;
                features_of(f, t[j], &fi, &fn);
            }
        }
}

/* Sentences per slice of the document frequency pass, at least. */
#define DF_SLICE_MIN 16384

struct df_job {
    struct sim *s;
    const size_t *base; /* document k's sentence i is number base[k] + i */
    size_t total, nslices;
    uint32_t **df;    /* per slice, per word id: the slice's sentences it is in */
    size_t *nonempty; /* per slice: sentences with a feature */
};

/* The document frequencies of slice k's sentences into job->df[k]. */
static void df_slice(void *arg, size_t k)
{
    struct df_job *job = arg;
    struct sim *s = job->s;
    size_t first = job->total * k / job->nslices, end = job->total * (k + 1) / job->nslices;
    uint32_t *seen = xcalloc(s->nw + 1, sizeof *seen); /* the last sentence (+ 1) counting a word */
    uint32_t *df = xcalloc(s->nw + 1, sizeof *df);
    struct idbuf ids = {NULL, 0};
    size_t d = 0, nonempty = 0;
    for (size_t g = first; g < end; g++) {
        while (g >= job->base[d + 1])
            d++;
        size_t n = sentence_features(s, d, g - job->base[d], &ids);
        nonempty += n > 0;
        for (size_t j = 0; j < n; j++) {
            uint32_t t = ids.v[j];
            if (seen[t] == g + 1) continue;
            seen[t] = (uint32_t)g + 1;
            df[t]++;
        }
    }
    job->df[k] = df;
    job->nonempty[k] = nonempty;
    free(seen);
    free(ids.v);
}

struct sim *sim_new(const struct doc *const *docs, const struct tokens *const *tk, size_t ndocs,
                    struct doc_ctx *ctx)
{
    struct sim *s = xcalloc(1, sizeof *s);
    s->feat.words = ctx->words;
    s->ndocs = ndocs;
    s->tk = tk;
    s->bag = xcalloc(ndocs ? ndocs : 1, sizeof *s->bag);
    size_t *base = xmalloc((ndocs + 1) * sizeof *base);
    base[0] = 0;
    for (size_t k = 0; k < ndocs; k++) {
        (void)doc_sentences(docs[k], &s->bag[k].nsent);
        base[k + 1] = base[k] + s->bag[k].nsent;
    }

    /* Document frequency of each feature over the compared sentences of
     * all documents, each sentence counting a word once: the features
     * memoized in order (the word table grows with the parts of
     * compounds), then counted on all CPUs. */
    memo_features(s);
    size_t nw = intern_count(ctx->words);
    s->nw = nw;
    /* A slice a CPU (the counts are the same for any slicing): each slice
     * clears two tables of every word and counts into its own, summed
     * after (adds to one shared table contended: 5% of the 100k pair). */
    size_t nslices = WD_MAX(WD_MIN(util_cpus(), base[ndocs] / DF_SLICE_MIN), (size_t)1);
    struct df_job job = {s, base, base[ndocs], nslices, NULL, NULL};
    job.df = xcalloc(job.nslices, sizeof *job.df);
    job.nonempty = xcalloc(job.nslices, sizeof *job.nonempty);
    util_parallel(job.nslices, df_slice, &job);
    size_t serial = 0; /* sentences with a feature */
    for (size_t k = 0; k < job.nslices; k++)
        serial += job.nonempty[k];
    uint32_t *df = job.df[0]; /* the slices' counts summed into the first's */
    for (size_t k = 1; k < job.nslices; k++) {
        for (size_t t = 0; t < nw; t++)
            df[t] += job.df[k][t];
        free(job.df[k]);
    }
    s->w = xmalloc((nw + 1) * sizeof *s->w);
    for (size_t t = 0; t < nw; t++)
        s->w[t] = df[t] ? (float)log(1.0 + (double)(uint32_t)serial / df[t]) : 0.0f;
    free(df);
    free(job.df);
    free(job.nonempty);
    free(base);
    return s;
}

struct sim *sim_view(const struct sim *s)
{
    struct sim *v = xcalloc(1, sizeof *v);
    v->view = true;
    v->w = s->w;
    v->nw = s->nw;
    v->ndocs = s->ndocs;
    v->tk = s->tk;
    v->feat = s->feat;
    v->bag = xcalloc(s->ndocs ? s->ndocs : 1, sizeof *v->bag);
    for (size_t k = 0; k < s->ndocs; k++)
        v->bag[k].nsent = s->bag[k].nsent;
    return v;
}

/* The features of a sentence whose word features are ids[0..n), into
 * out (room for 2n): the words in reading order, then the pairs of
 * neighbouring words (n - 1 of them).  *weight receives their total
 * weight, summed in that order. */
static void fill_feats(const struct sim *s, const uint32_t *ids, size_t n, struct feat *out,
                       float *weight)
{
    struct feat *words = out, *pairs = words + n;
    double sum = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t t = ids[j];
        words[j] = (struct feat){t, s->w[t]};
        sum += s->w[t];
        if (j + 1 < n) {
            float pw = WD_MAX(s->w[t], s->w[ids[j + 1]]);
            pairs[j] = (struct feat){pair_key(t, ids[j + 1]), pw};
            sum += pw;
        }
    }
    *weight = (float)sum;
}

/* The words and then the pairs of a bag of n words sorted, each part
 * apart: pair keys sort after all words (PAIR_BIT), and two short sorts
 * cost less than one of twice the length.  Returns the bag's size. */
static size_t sort_bag(struct feat *f, size_t n)
{
    size_t np = n ? n - 1 : 0;
    sort_feats(f, n);
    sort_feats(f + n, np);
    return n + np;
}

size_t sim_build_feats(struct sim *s, size_t doc, size_t i, struct bagbuf *b, float *weight)
{
    struct idbuf ids = {b->ids, b->capids};
    size_t n = sentence_features(s, doc, i, &ids);
    b->ids = ids.v;
    b->capids = ids.cap;
    xgrow(&b->f, &b->cap, 2 * n + 1, sizeof *b->f);
    fill_feats(s, b->ids, n, b->f, weight);
    return n;
}

void sim_sort_feats(struct feat *f, size_t n)
{
    sort_feats(f, n);
}

const struct feat *sim_build_bag(struct sim *s, size_t doc, size_t i, struct bagbuf *b, size_t *n,
                                 float *weight)
{
    size_t nw = sim_build_feats(s, doc, i, b, weight); /* b->f may move */
    *n = sort_bag(b->f, nw);
    return b->f;
}

void sim_bagbuf_free(struct bagbuf *b)
{
    free(b->f);
    free(b->ids);
    b->f = NULL;
    b->ids = NULL;
    b->cap = b->capids = 0;
}

void sim_load(struct sim *s, size_t doc, size_t lo, size_t hi, const uint8_t *mask)
{
    struct bags *bg = &s->bag[doc];
    hi = WD_MIN(hi, bg->nsent);
    lo = WD_MIN(lo, hi);
    bg->lo = (uint32_t)lo;
    bg->hi = (uint32_t)hi;
    xgrow(&bg->off, &bg->capoff, hi - lo + 1, sizeof *bg->off);
    xgrow(&bg->weight, &bg->capweight, hi - lo + 1, sizeof *bg->weight);
    /* Room for the features at once: a word and a pair a token is enough
     * unless compounds split (then it grows), and the array does not
     * double past what it needs. */
    size_t room = 1;
    for (size_t i = lo; i < hi; i++)
        if (!mask || mask[i]) {
            size_t nt;
            (void)tokens_of(s->tk[doc], i, &nt);
            room += 2 * nt;
        }
    if (room > bg->capf) {
        bg->f = xreallocarray(bg->f, room, sizeof *bg->f);
        bg->capf = room;
    }
    size_t k = 0, ready = 0;
    struct idbuf ids = {NULL, 0};
    for (size_t i = lo; i < hi; i++) {
        bg->off[i - lo] = (uint32_t)k;
        size_t n = mask && !mask[i] ? 0 : sentence_features(s, doc, i, &ids);
        xgrow(&bg->f, &bg->capf, k + 2 * n + 1, sizeof *bg->f);
        util_fill_ahead(bg->f, (k + 2 * n) * sizeof *bg->f, bg->capf * sizeof *bg->f, &ready);
        fill_feats(s, ids.v, n, bg->f + k, &bg->weight[i - lo]);
        k += sort_bag(bg->f + k, n);
    }
    bg->off[hi - lo] = (uint32_t)k;
    free(ids.v);
}

void sim_unload(struct sim *s, size_t doc)
{
    struct bags *bg = &s->bag[doc];
    free(bg->off);
    free(bg->f);
    free(bg->weight);
    bg->off = NULL;
    bg->f = NULL;
    bg->weight = NULL;
    bg->lo = bg->hi = 0;
    bg->capoff = bg->capf = bg->capweight = 0;
}

void sim_free(struct sim *s)
{
    if (!s) return;
    for (size_t k = 0; k < s->ndocs; k++) {
        free(s->bag[k].off);
        free(s->bag[k].f);
        free(s->bag[k].weight);
    }
    free(s->bag);
    if (!s->view) {
        free(s->feat.first);
        free(s->feat.n);
        free(s->feat.ids);
        free(s->w);
    }
    for (int slot = 0; slot < 3; slot++)
        free(s->tmp[slot]);
    free(s->post_count);
    free(s->post_start);
    free(s->post);
    free(s);
}

/* The sorted bag of a group; single sentences need no copy.  slot picks
 * one of three scratch buffers so three groups can be live at once. */
static const struct feat *group_bag(struct sim *s, struct sim_group g, int slot, size_t *n)
{
    const struct bags *bg = &s->bag[g.doc];
    if (g.n <= 1) return bag_of(bg, g.first, n);
    *n = 0;
    for (uint32_t i = g.first; i < g.first + g.n; i++) {
        size_t m;
        const struct feat *f = bag_of(bg, i, &m);
        if (!m) continue; /* an empty bag: nothing to copy (and maybe no buffer yet) */
        xgrow(&s->tmp[slot], &s->tmpcap[slot], *n + m, sizeof(struct feat));
        memcpy(s->tmp[slot] + *n, f, m * sizeof *f);
        *n += m;
    }
    sort_feats(s->tmp[slot], *n);
    return s->tmp[slot];
}

double sim_weight(struct sim *s, struct sim_group g)
{
    double sum = 0;
    for (uint32_t i = g.first; i < g.first + g.n; i++)
        sum += bag_weight(&s->bag[g.doc], i);
    return sum;
}

double sim_dice(struct sim *s, struct sim_group x, struct sim_group y)
{
    double wx = sim_weight(s, x), wy = sim_weight(s, y);
    if (wx + wy <= 0) return 0;
    size_t nx, ny;
    const struct feat *bx = group_bag(s, x, 0, &nx);
    const struct feat *by = group_bag(s, y, 1, &ny);
    return 2 * common_weight(bx, nx, by, ny) / (wx + wy);
}

double sim_contain(struct sim *s, struct sim_group x, struct sim_group y)
{
    double wx = sim_weight(s, x);
    if (wx <= 0) return 0;
    size_t nx, ny;
    const struct feat *bx = group_bag(s, x, 0, &nx);
    const struct feat *by = group_bag(s, y, 1, &ny);
    return common_weight(bx, nx, by, ny) / wx;
}

double sim_contain_rest(struct sim *s, struct sim_group x, struct sim_group y, struct sim_group z,
                        size_t *matched)
{
    *matched = 0;
    double wx = sim_weight(s, x);
    if (wx <= 0) return 0;
    size_t nx, ny, nz;
    const struct feat *bx = group_bag(s, x, 0, &nx);
    const struct feat *by = group_bag(s, y, 1, &ny);
    const struct feat *bz = group_bag(s, z, 2, &nz);
    /* walk x against y, skipping the copies of each key that z uses up */
    double c = 0;
    size_t i = 0, j = 0, k = 0;
    while (i < nx && j < ny) {
        if (bx[i].key < by[j].key) {
            i++;
            continue;
        }
        if (by[j].key < bx[i].key) {
            j++;
            continue;
        }
        while (k < nz && bz[k].key < by[j].key)
            k++;
        if (k < nz && bz[k].key == by[j].key) {
            k++; /* this copy of y's feature is z's */
            j++;
            continue;
        }
        c += WD_MIN(bx[i].w, by[j].w);
        (*matched)++;
        i++;
        j++;
    }
    return c / wx;
}

size_t sim_words(struct sim *s, size_t doc, size_t i, uint32_t **buf, size_t *cap)
{
    struct idbuf b = {*buf, *cap};
    size_t n = sentence_features(s, doc, i, &b);
    *buf = b.v;
    *cap = b.cap;
    return n;
}

const struct sim_feat *sim_bag(const struct sim *s, size_t doc, size_t i, size_t *n)
{
    return bag_of(&s->bag[doc], i, n);
}
