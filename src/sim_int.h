/* sim_int.h - what sim.c (bags, weights, similarity) and sim_search.c
 * (candidate pairs through an inverted index) share: the similarity's
 * state and the small readers of its bags.  Private to those two files. */
#ifndef WD_SIM_INT_H
#define WD_SIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "intern.h"
#include "sim.h"
#include "util.h"

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

/* One sentence's bag built outside the loaded ones, as sim_load would
 * build it (the buffers grow; free with sim_bagbuf_free). */
struct bagbuf {
    struct feat *f;
    size_t cap;
    uint32_t *ids; /* the word features in reading order */
    size_t capids;
};

/* Features of each word id: the id itself, or for a compound its parts
 * with a possessive 's dropped.  Computed once per word id on first use;
 * the memo grows with the word table, which tokenizing keeps extending. */
/* Set in features.first[id] when the word is its own one feature (most
 * words): sentence_features then reads nothing else. */
#define FEAT_SELF 0x80000000u

struct features {
    struct intern *words;
    uint32_t *first; /* per word id: offset into ids + 1 (0 = not yet), FEAT_SELF */
    uint8_t *n;      /* per word id: number of features */
    size_t cap;      /* entries of first and n */
    uint32_t *ids;
    size_t nids, capids;
};

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

/* The inverted index's per-word arrays, allocated on first use (zero). */
static inline void need_postings(struct sim *s)
{
    if (s->post_count) return;
    s->post_count = xcalloc(s->nw + 1, sizeof *s->post_count);
    s->post_start = xcalloc(s->nw + 1, sizeof *s->post_start);
}

/* The bag of sentence i of bg (empty unless loaded). */
static inline const struct feat *bag_of(const struct bags *bg, size_t i, size_t *n)
{
    if (i < bg->lo || i >= bg->hi) {
        *n = 0;
        return bg->f;
    }
    uint32_t a = bg->off[i - bg->lo];
    *n = bg->off[i - bg->lo + 1] - a;
    return bg->f + a;
}

static inline double bag_weight(const struct bags *bg, size_t i)
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

static inline struct word_walk words_of(const struct bags *bg, size_t i)
{
    struct word_walk w = {NULL, 0, 0};
    w.f = bag_of(bg, i, &w.n);
    return w;
}

/* The same walk over a bag f[0..n) held anywhere (sim_build_bag). */
static inline struct word_walk words_in(const struct feat *f, size_t n)
{
    struct word_walk w = {f, n, 0};
    return w;
}

static inline bool next_word(struct word_walk *w, uint32_t *t)
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

static inline double common_weight(const struct feat *x, size_t nx, const struct feat *y, size_t ny)
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

/* The bag of sentence i of document doc into b (loaded or not): its
 * features (b->f, returned), their count *n and total weight *weight, the
 * same as sim_load gives.  Reads s only (views and threads as sim_load). */
const struct feat *sim_build_bag(struct sim *s, size_t doc, size_t i, struct bagbuf *b, size_t *n,
                                 float *weight);
/* That bag unsorted: its n word features in reading order in b->f[0..n),
 * then its n - 1 pairs (none when n is 0); returns n.  Sorting the two
 * parts apart (sim_sort_feats) gives sim_build_bag's bag. */
size_t sim_build_feats(struct sim *s, size_t doc, size_t i, struct bagbuf *b, float *weight);
void sim_sort_feats(struct feat *f, size_t n);
void sim_bagbuf_free(struct bagbuf *b);

/* The inverted index's probes (sim_search.c, also read by sim_all.c). */
#define SIM_PROBE_WORDS 8
/* ... skipping words found in more target sentences than this ... */
#define SIM_POSTING_CAP 64
/* ... and score exactly only the best few targets by shared probe weight. */
#define SIM_TOP_K 8

/* Exhaustive comparison up to this many sentence pairs per search. */
#define SIM_DENSE_CELLS (1u << 18)
/* Sources that share only common words with the targets (too common to
 * probe: a posting longer than SIM_POSTING_CAP) are compared with every
 * target instead, up to this many pairs in all: two documents of a
 * thousand such sentences each lost every pair.  Beyond it they are left
 * out, and the search reports it cut short (*limited). */
#define SIM_CUT_CELLS (1u << 23)

/* Maps of features for an upper bound of Dice (sim_search.c says how it
 * works): a feature sets bit sig_bit(key, shift) of a map of
 * 2^(32 - shift) bits, and a source sums its features' weights per bit. */
static inline uint32_t sig_bit(uint32_t key, unsigned shift)
{
    return (key * 0x9E3779B1u) >> shift;
}

static inline void sig_set(uint64_t *m, uint32_t b)
{
    m[b / 64] |= (uint64_t)1 << (b % 64);
}

/* A source bag's map m[words] and its weight per bit w[] (set where m has
 * the bit). */
static inline void sig_weigh(const struct feat *f, size_t n, unsigned shift, uint64_t *m,
                             size_t words, double *w)
{
    memset(m, 0, words * sizeof *m);
    for (size_t i = 0; i < n; i++) {
        uint32_t b = sig_bit(f[i].key, shift);
        uint64_t bit = (uint64_t)1 << (b % 64);
        if (!(m[b / 64] & bit)) {
            m[b / 64] |= bit;
            w[b] = 0;
        }
        w[b] += f[i].w;
    }
}

/* The source's weight (map m, weights w) on the bits a target's map my
 * sets too: at least what the two bags share, since a shared feature sets
 * its bit in both. */
static inline double sig_shared(const uint64_t *m, const double *w, const uint64_t *my,
                                size_t words)
{
    double u = 0;
    for (size_t k = 0; k < words; k++)
        for (uint64_t b = m[k] & my[k]; b; b &= b - 1)
            u += w[k * 64 + (size_t)__builtin_ctzll(b)];
    return u;
}

/* Can two bags of weights wx and wy that share at most u reach Dice
 * floor?  The margin of 1e-9 of the floor is far above the sums'
 * rounding, so no pair that scores the floor is lost. */
static inline bool sig_reaches(double u, double wx, double wy, double floor)
{
    return 2 * u >= floor * (wx + wy) * (1 - 1e-9);
}

/* A target and the weight of the probes it shares with a source. */
struct acc {
    uint32_t y;
    float w;
};

/* Up to SIM_PROBE_WORDS of the rarest distinct words of a bag (walked by w)
 * whose posting lists (s->post_count) hold from lo to hi sentences, into
 * probe[]; *limited set when a word was passed over for being too
 * common.  Returns the number chosen. */
size_t sim_pick_probes(const struct sim *s, struct word_walk w, uint32_t lo, size_t hi,
                       uint32_t *probe, bool *limited);
/* The targets touched[0..nt) with their weights accw[] (reset to zero)
 * into best[] (room for nt): all of them in touched order when there are
 * at most k, else the k heaviest, heaviest first (ties: lower target).
 * Returns how many. */
size_t sim_top_targets(float *accw, const uint32_t *touched, size_t nt, struct acc *best, size_t k);
/* The same choice among a[0..nt), the targets with their weights in
 * touched order, made in place: the chosen ones in a[0..returned). */
size_t sim_top_accs(struct acc *a, size_t nt, size_t k);

/* qsort order of candidates: by x, then y. */
int sim_cmp_cand(const void *p, const void *q);

/* Dice of two single sentences with the bound 2 min(W) / (Wx + Wy) first. */
static inline double pair_dice(const struct sim *s, size_t dx, uint32_t x, size_t dy, uint32_t y,
                               double floor)
{
    const struct bags *bx = &s->bag[dx], *by = &s->bag[dy];
    double wx = bag_weight(bx, x), wy = bag_weight(by, y);
    if (wx + wy <= 0 || 2 * WD_MIN(wx, wy) / (wx + wy) < floor) return 0;
    size_t nx, ny;
    const struct feat *fx = bag_of(bx, x, &nx), *fy = bag_of(by, y, &ny);
    return 2 * common_weight(fx, nx, fy, ny) / (wx + wy);
}

#endif
