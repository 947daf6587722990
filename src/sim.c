#include "config.h"

#include "sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "tokens.h"
#include "util.h"

/* Exhaustive comparison up to this many sentence pairs per call. */
#define SIM_DENSE_CELLS (1u << 18)
/* Index path: probe at most this many of a sentence's rarest words ... */
#define SIM_PROBE_WORDS 8
/* ... skipping words found in more target sentences than this ... */
#define SIM_POSTING_CAP 64
/* ... and score exactly only the best few targets by shared probe weight. */
#define SIM_TOP_K 8

/* A feature of a bag with its weight.  Word features have the word's id as
 * key; a pair of neighbouring words has PAIR_BIT and 31 bits of a hash of
 * the two ids (a false match between two given bags is as unlikely as one
 * in millions, and would add one pair's weight).  A pair weighs as much as
 * the rarer of its words: a pair occurs in no more sentences than either
 * word, so its inverse document frequency is at least the larger of theirs,
 * and that bound is the best the word counts give without a table of all
 * pairs ("of the" stays as light as "of"). */
#define feat     sim_feat
#define PAIR_BIT SIM_PAIR_BIT

/* The bags of the loaded sentences [lo, hi) of one document (sim_load),
 * each sorted by key (repeats kept), so that bags intersect by a merge
 * walk; the other sentences have empty bags.  Callers load what they
 * compare, a hunk at a time: the bags of every changed sentence of two
 * large documents at once took more memory than the documents. */
struct bags {
    uint32_t lo, hi;
    uint32_t *off; /* hi - lo + 1 offsets into f */
    struct feat *f;
    float *weight; /* per loaded sentence: sum of its features' weights */
    size_t nsent;  /* sentences of the document */
    size_t capoff, capf, capweight;
};

/* Features of each word id: the id itself, or for a compound its parts
 * with a possessive 's dropped.  Computed once per word id on first use;
 * the memo grows with the word table, which tokenizing keeps extending. */
struct features {
    struct intern *words;
    uint32_t *first; /* per word id: offset into ids + 1 (0 = not yet) */
    uint8_t *n;      /* per word id: number of features */
    size_t cap;      /* entries of first and n */
    uint32_t *ids;
    size_t nids, capids;
};

/* Set in features.first[id] when the word is its own one feature (most
 * words): sentence_features then reads nothing else. */
#define FEAT_SELF 0x80000000u

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

struct sim {
    bool view; /* shares w and feat with the sim it was made from (sim_view) */
    float *w;  /* per word id (unigram features) */
    size_t nw;
    struct bags *bag; /* one per document */
    size_t ndocs;
    const struct tokens *const *tk; /* the caller's, one per document */
    struct features feat;
    struct feat *tmp[3]; /* merged group bags */
    size_t tmpcap[3];
    /* inverted index scratch over word ids, all zero between calls */
    uint32_t *post_count, *post_start;
    uint32_t *post;
    size_t postcap;
};

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
    for (size_t j = 0; j < nt; j++) {
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

struct sim *sim_new(const struct doc *const *docs, const struct tokens *const *tk, size_t ndocs,
                    struct doc_ctx *ctx)
{
    struct sim *s = xcalloc(1, sizeof *s);
    s->feat.words = ctx->words;
    s->ndocs = ndocs;
    s->tk = tk;
    s->bag = xcalloc(ndocs ? ndocs : 1, sizeof *s->bag);
    for (size_t k = 0; k < ndocs; k++)
        (void)doc_sentences(docs[k], &s->bag[k].nsent);

    /* Document frequency of each feature over the compared sentences of
     * all documents, each sentence counting a word once (seen[] holds the
     * last sentence that counted it, + 1).  Splitting compounds interns
     * their parts, so the word table grows during this pass. */
    uint32_t *df = NULL, *seen = NULL;
    size_t capdf = 0, capseen = 0;
    uint32_t serial = 0;
    struct idbuf ids = {NULL, 0};
    for (size_t k = 0; k < ndocs; k++)
        for (size_t i = 0; i < s->bag[k].nsent; i++) {
            size_t n = sentence_features(s, k, i, &ids);
            if (!n) continue;
            serial++;
            for (size_t j = 0; j < n; j++) {
                uint32_t t = ids.v[j];
                if (t >= capdf) {
                    size_t old = capdf, olds = capseen;
                    xgrow(&df, &capdf, (size_t)t + 1, sizeof *df);
                    xgrow(&seen, &capseen, (size_t)t + 1, sizeof *seen);
                    memset(df + old, 0, (capdf - old) * sizeof *df);
                    memset(seen + olds, 0, (capseen - olds) * sizeof *seen);
                }
                if (seen[t] != serial) {
                    seen[t] = serial;
                    df[t]++;
                }
            }
        }
    free(seen);
    free(ids.v);
    size_t nw = intern_count(ctx->words);
    s->nw = nw;
    s->w = xmalloc((nw + 1) * sizeof *s->w);
    for (size_t t = 0; t < nw; t++)
        s->w[t] = t < capdf && df[t] ? (float)log(1.0 + (double)serial / df[t]) : 0.0f;
    free(df);
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

/* The inverted index's per-word arrays, allocated on first use (zero). */
static void need_postings(struct sim *s)
{
    if (s->post_count) return;
    s->post_count = xcalloc(s->nw + 1, sizeof *s->post_count);
    s->post_start = xcalloc(s->nw + 1, sizeof *s->post_start);
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
    size_t k = 0;
    struct idbuf ids = {NULL, 0};
    for (size_t i = lo; i < hi; i++) {
        bg->off[i - lo] = (uint32_t)k;
        size_t n = mask && !mask[i] ? 0 : sentence_features(s, doc, i, &ids);
        /* the words, then the pairs of neighbouring words, each part
         * sorted: pair keys sort after all words (PAIR_BIT), and two short
         * sorts cost less than one of twice the length */
        xgrow(&bg->f, &bg->capf, k + 2 * n + 1, sizeof *bg->f);
        struct feat *words = bg->f + k, *pairs = words + n;
        double sum = 0;
        for (size_t j = 0; j < n; j++) {
            uint32_t t = ids.v[j];
            words[j] = (struct feat){t, s->w[t]};
            sum += s->w[t];
            if (j + 1 < n) {
                float pw = WD_MAX(s->w[t], s->w[ids.v[j + 1]]);
                pairs[j] = (struct feat){pair_key(t, ids.v[j + 1]), pw};
                sum += pw;
            }
        }
        size_t np = n ? n - 1 : 0;
        sort_feats(words, n);
        sort_feats(pairs, np);
        k += n + np;
        bg->weight[i - lo] = (float)sum;
    }
    bg->off[hi - lo] = (uint32_t)k;
    free(ids.v);
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

/* The bag of sentence i of bg (empty unless loaded). */
static const struct feat *bag_of(const struct bags *bg, size_t i, size_t *n)
{
    if (i < bg->lo || i >= bg->hi) {
        *n = 0;
        return bg->f;
    }
    uint32_t a = bg->off[i - bg->lo];
    *n = bg->off[i - bg->lo + 1] - a;
    return bg->f + a;
}

static double bag_weight(const struct bags *bg, size_t i)
{
    return i >= bg->lo && i < bg->hi ? bg->weight[i - bg->lo] : 0;
}

/* The distinct words of a sentence's bag, in key order: words sort before
 * pairs, and a repeated word follows its first copy.  Walked by
 * next_word(). */
struct word_walk {
    const struct feat *f;
    size_t n, j;
};

static struct word_walk words_of(const struct bags *bg, size_t i)
{
    struct word_walk w = {NULL, 0, 0};
    w.f = bag_of(bg, i, &w.n);
    return w;
}

static bool next_word(struct word_walk *w, uint32_t *t)
{
    while (w->j < w->n && w->f[w->j].key < PAIR_BIT) {
        uint32_t k = w->f[w->j++].key;
        if (w->j == 1 || k != w->f[w->j - 2].key) {
            *t = k;
            return true;
        }
    }
    return false;
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

static double common_weight(const struct feat *x, size_t nx, const struct feat *y, size_t ny)
{
    /* Without branches on the keys, which a merge cannot predict: each
     * step adds the smaller weight times 0 or 1 (adding +0 changes no sum),
     * and moves past the smaller key, or both when they are equal. */
    double c = 0;
    size_t i = 0, j = 0;
    while (i < nx && j < ny) {
        uint32_t a = x[i].key, b = y[j].key;
        double m = WD_MIN(x[i].w, y[j].w);
        c += m * (double)(a == b);
        i += a <= b;
        j += b <= a;
    }
    return c;
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

static void push_cand(struct sim_cand **out, size_t *n, size_t *cap, uint32_t x, uint32_t y,
                      double score)
{
    xgrow(out, cap, *n + 1, sizeof **out);
    (*out)[*n].x = x;
    (*out)[*n].y = y;
    (*out)[*n].score = (float)score;
    (*n)++;
}

/* Dice of two single sentences with the bound 2 min(W) / (Wx + Wy) first. */
static double pair_dice(const struct sim *s, size_t dx, uint32_t x, size_t dy, uint32_t y,
                        double floor)
{
    const struct bags *bx = &s->bag[dx], *by = &s->bag[dy];
    double wx = bag_weight(bx, x), wy = bag_weight(by, y);
    if (wx + wy <= 0 || 2 * WD_MIN(wx, wy) / (wx + wy) < floor) return 0;
    size_t nx, ny;
    const struct feat *fx = bag_of(bx, x, &nx), *fy = bag_of(by, y, &ny);
    return 2 * common_weight(fx, nx, fy, ny) / (wx + wy);
}

struct acc {
    uint32_t y;
    float w;
};

/* Up to SIM_PROBE_WORDS of the rarest distinct words of sentence i of bg
 * whose posting lists (s->post_count) hold from lo to hi sentences, into
 * probe[].  *limited is set when a word was passed over for being too
 * common.  Returns the number chosen. */
static size_t pick_probes(const struct sim *s, const struct bags *bg, uint32_t i, uint32_t lo,
                          size_t hi, uint32_t *probe, bool *limited)
{
    size_t np = 0;
    struct word_walk w = words_of(bg, i);
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
        if (s->w[t] > s->w[probe[worst]]) {
            probe[worst] = t;
            *limited = true;
        }
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

/* The targets touched[0..nt) with their accumulated probe weight (accw,
 * reset to zero here) into best[] (room for nt), in touched order when
 * there are at most k, else the k heaviest, heaviest first: by insertion
 * into a short sorted array when k is small (most targets do not make
 * it), by sorting them all when it is not.  Returns how many to score
 * exactly. */
static size_t top_targets(float *accw, const uint32_t *touched, size_t nt, struct acc *best,
                          size_t k)
{
    if (nt <= k || k > TOP_INSERT_MAX) {
        for (size_t q = 0; q < nt; q++) {
            best[q].y = touched[q];
            best[q].w = accw[touched[q]];
            accw[touched[q]] = 0;
        }
        if (nt <= k) return nt;
        qsort(best, nt, sizeof *best, cmp_acc_desc);
        return k;
    }
    size_t n = 0;
    for (size_t q = 0; q < nt; q++) {
        struct acc a = {touched[q], accw[touched[q]]};
        accw[touched[q]] = 0;
        if (n == k && !acc_before(a, best[n - 1])) continue;
        size_t j = n < k ? n++ : n - 1; /* the last one drops out when full */
        for (; j > 0 && acc_before(a, best[j - 1]); j--)
            best[j] = best[j - 1];
        best[j] = a;
    }
    return k;
}

static int cmp_cand(const void *p, const void *q)
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
    bool limited;
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
    const struct bags *bs = &s->bag[job->dsrc];
    float *accw = xcalloc(job->ndst, sizeof *accw);
    uint32_t *touched = xmalloc(job->ndst * sizeof *touched);
    struct acc *best = xmalloc(job->ndst * sizeof *best);
    uint32_t probe[SIM_PROBE_WORDS];
    for (size_t x = sl->first; x < sl->end; x++) {
        size_t np = pick_probes(s, bs, job->src[x], 1, SIM_POSTING_CAP, probe, &sl->limited);
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
        size_t keep = top_targets(accw, touched, nt, best, SIM_TOP_K);
        for (size_t q = 0; q < keep; q++) {
            double d =
                pair_dice(s, job->dsrc, job->src[x], job->ddst, job->dst[best[q].y], job->floor);
            if (d >= job->floor && d > 0)
                push_cand(&sl->out, &sl->n, &sl->cap, (uint32_t)x, best[q].y, d);
        }
    }
    free(accw);
    free(touched);
    free(best);
}

size_t sim_candidates(struct sim *s, size_t dsrc, const uint32_t *src, size_t nsrc, size_t ddst,
                      const uint32_t *dst, size_t ndst, double floor, struct sim_cand **out,
                      bool *limited)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    if (!nsrc || !ndst) return 0;
    if ((uint64_t)nsrc * ndst <= SIM_DENSE_CELLS) {
        for (size_t x = 0; x < nsrc; x++)
            for (size_t y = 0; y < ndst; y++) {
                double d = pair_dice(s, dsrc, src[x], ddst, dst[y], floor);
                if (d >= floor && d > 0) push_cand(out, &n, &cap, (uint32_t)x, (uint32_t)y, d);
            }
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
    size_t nslices = WD_MAX((size_t)1, WD_MIN((size_t)UTIL_THREADS_MAX, nsrc / PROBE_SLICE_MIN));
    struct probe_slice *slice = xcalloc(nslices, sizeof *slice);
    for (size_t k = 0; k < nslices; k++) {
        slice[k].first = nsrc * k / nslices;
        slice[k].end = nsrc * (k + 1) / nslices;
    }
    struct probe_job job = {s, dsrc, src, ddst, dst, ndst, floor, slice};
    util_parallel(nslices, probe_slice, &job);
    for (size_t k = 0; k < nslices; k++) {
        xgrow(out, &cap, n + slice[k].n + 1, sizeof **out);
        if (slice[k].n) memcpy(*out + n, slice[k].out, slice[k].n * sizeof **out);
        n += slice[k].n;
        *limited |= slice[k].limited;
        free(slice[k].out);
    }
    free(slice);
    for (size_t y = 0; y < ndst; y++) {
        struct word_walk w = words_of(bd, dst[y]);
        for (uint32_t t; next_word(&w, &t);)
            s->post_count[t] = s->post_start[t] = 0;
    }
    if (n > 1) qsort(*out, n, sizeof **out, cmp_cand);
    return n;
}

size_t sim_matches_all(struct sim *s, double floor, struct sim_match **out)
{
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
    /* Postings of every word over global sentence numbers, laid out by a
     * counting sort (post_count/post_start zero before and after). */
    size_t cap_post = SIM_POSTING_CAP + 2 * s->ndocs;
    need_postings(s);
    size_t npost = 0;
    for (size_t k = 0; k < s->ndocs; k++) {
        const struct bags *bg = &s->bag[k];
        for (size_t i = 0; i < bg->nsent; i++) {
            struct word_walk w = words_of(bg, i);
            for (uint32_t t; next_word(&w, &t); npost++)
                s->post_count[t]++;
        }
    }
    uint32_t *start = xmalloc((s->nw + 1) * sizeof *start);
    size_t run = 0;
    for (size_t t = 0; t < s->nw; t++) {
        start[t] = (uint32_t)run;
        run += s->post_count[t];
        s->post_count[t] = 0;
    }
    uint32_t *post = xmalloc((npost + 1) * sizeof *post);
    for (size_t k = 0; k < s->ndocs; k++) {
        const struct bags *bg = &s->bag[k];
        for (size_t i = 0; i < bg->nsent; i++) {
            struct word_walk w = words_of(bg, i);
            for (uint32_t t; next_word(&w, &t);)
                post[start[t] + s->post_count[t]++] = (uint32_t)(base[k] + i);
        }
    }

    size_t n = 0, cap = 0;
    *out = NULL;
    float *accw = xcalloc(total + 1, sizeof *accw);
    uint32_t *touched = xmalloc((total + 1) * sizeof *touched);
    struct acc *best = xmalloc((total + 1) * sizeof *best);
    size_t top_k = SIM_TOP_K + 2 * s->ndocs;
    for (size_t g = 0; g < total; g++) {
        size_t k = docof[g], i = g - base[k];
        const struct bags *bg = &s->bag[k];
        /* the rarest words of the sentence that other sentences share */
        uint32_t probe[SIM_PROBE_WORDS];
        bool passed = false;
        size_t np = pick_probes(s, bg, (uint32_t)i, 2, cap_post, probe, &passed);
        size_t nt = 0;
        for (size_t q = 0; q < np; q++) {
            uint32_t t = probe[q];
            for (uint32_t m = 0; m < s->post_count[t]; m++) {
                uint32_t h = post[start[t] + m];
                if (h <= g || docof[h] == k) continue; /* each pair once, other documents only */
                if (accw[h] == 0) touched[nt++] = h;
                accw[h] += s->w[t];
            }
        }
        size_t keep = top_targets(accw, touched, nt, best, top_k);
        for (size_t q = 0; q < keep; q++) {
            uint32_t h = best[q].y, dk = docof[h];
            uint32_t y = (uint32_t)(h - base[dk]);
            double d = pair_dice(s, k, (uint32_t)i, dk, y, floor);
            if (d < floor || d <= 0) continue;
            xgrow(out, &cap, n + 1, sizeof **out);
            (*out)[n++] = (struct sim_match){(uint32_t)k, (uint32_t)i, dk, y, (float)d};
        }
    }
    for (size_t t = 0; t < s->nw; t++)
        s->post_count[t] = 0;
    free(accw);
    free(touched);
    free(best);
    free(post);
    free(start);
    free(docof);
    free(base);
    return n;
}

const struct sim_feat *sim_bag(const struct sim *s, size_t doc, size_t i, size_t *n)
{
    return bag_of(&s->bag[doc], i, n);
}
