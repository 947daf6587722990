#include "config.h"

#include "sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "util.h"

/* Exhaustive comparison up to this many sentence pairs per call. */
#define SIM_DENSE_CELLS (1u << 18)
/* Index path: probe at most this many of a sentence's rarest words ... */
#define SIM_PROBE_WORDS 8
/* ... skipping words found in more target sentences than this ... */
#define SIM_POSTING_CAP 64
/* ... and score exactly only the best few targets by shared probe weight. */
#define SIM_TOP_K 8

/* Content words of every sentence of one side, sorted by id (repeats
 * kept), so that bags intersect by a merge walk. */
struct bags {
    uint32_t *off; /* nsent + 1 offsets into ids */
    uint32_t *ids;
    float *weight; /* per sentence: sum of its words' weights */
    size_t nsent;
};

struct sim {
    float *w; /* per word id */
    size_t vocab;
    struct bags bag[2];
    uint32_t *tmp[3]; /* merged group bags */
    size_t tmpcap[3];
    /* inverted index scratch, indexed by word id, all zero between calls */
    uint32_t *post_count, *post_start;
    uint32_t *post;
    size_t postcap;
};

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Features of each word id: the id itself, or for a compound its parts
 * with a possessive 's dropped.  Computed once per word id on first use. */
struct features {
    struct intern *words;
    size_t vocab;      /* ids below this have memo entries */
    uint32_t *first;   /* per word id: offset into ids + 1 (0 = not yet) */
    uint8_t *n;        /* per word id: number of features */
    uint32_t *ids;
    size_t nids, cap;
};

/* Longest key part we consider; longer parts are kept whole. */
#define FEATURE_PARTS_MAX 8

static bool is_possessive(const char *k, size_t n)
{
    return n > 2 && k[n - 2] == '\'' && k[n - 1] == 's';
}

static void features_of(struct features *f, uint32_t id, const uint32_t **out, size_t *n)
{
    if (id >= f->vocab) {
        *out = NULL;
        *n = 0;
        return;
    }
    if (!f->first[id]) {
        size_t len;
        const char *k = intern_key(f->words, id, &len);
        uint32_t parts[FEATURE_PARTS_MAX];
        size_t np = 0;
        bool split = memchr(k, '-', len) != NULL || is_possessive(k, len);
        if (split) {
            size_t i = 0;
            while (i < len && np < FEATURE_PARTS_MAX) {
                size_t e = i;
                while (e < len && k[e] != '-')
                    e++;
                size_t pl = e - i;
                if (is_possessive(k + i, pl))
                    pl -= 2;
                if (pl)
                    parts[np++] = intern_add(f->words, k + i, pl);
                i = e + 1;
            }
            if (i < len) /* too many parts: keep the word whole */
                np = 0;
        }
        if (!np)
            parts[np++] = id;
        xgrow(&f->ids, &f->cap, f->nids + np, sizeof *f->ids);
        memcpy(f->ids + f->nids, parts, np * sizeof *parts);
        f->first[id] = (uint32_t)f->nids + 1;
        f->n[id] = (uint8_t)np;
        f->nids += np;
    }
    *out = f->ids + f->first[id] - 1;
    *n = f->n[id];
}

/* Unigram features of every sentence in reading order (pass 1). */
static void bags_collect(struct bags *bg, const struct doc *d, struct features *f)
{
    size_t ns, nw;
    const struct sentence *s = doc_sentences(d, &ns);
    const struct word *w = doc_words(d, &nw);
    bg->nsent = ns;
    bg->off = xmalloc((ns + 1) * sizeof *bg->off);
    size_t cap = nw + 16;
    bg->ids = xmalloc(cap * sizeof *bg->ids);
    bg->weight = xcalloc(ns ? ns : 1, sizeof *bg->weight);
    uint32_t k = 0;
    for (size_t i = 0; i < ns; i++) {
        bg->off[i] = k;
        for (uint32_t j = s[i].word; j < s[i].word + s[i].nword; j++) {
            if (w[j].flags & WORD_PUNCT)
                continue;
            const uint32_t *fi;
            size_t fn;
            features_of(f, w[j].id, &fi, &fn);
            xgrow(&bg->ids, &cap, (size_t)k + fn, sizeof *bg->ids);
            for (size_t q = 0; q < fn; q++)
                bg->ids[k++] = fi[q];
        }
    }
    bg->off[ns] = k;
}

/* Pass 2: add a feature for each pair of neighbouring words (ids from
 * base up, interned in pairs), then sort each bag.  A shared phrase
 * ("artillery shells") then counts more than the same words scattered,
 * which is what tells a restated statement from a shared topic. */
static void bags_add_pairs(struct bags *bg, struct intern *pairs, uint32_t base)
{
    size_t n = bg->off[bg->nsent];
    size_t cap = 2 * n + 16;
    uint32_t *ids = xmalloc(cap * sizeof *ids);
    uint32_t *off = xmalloc((bg->nsent + 1) * sizeof *off);
    uint32_t k = 0;
    for (size_t i = 0; i < bg->nsent; i++) {
        off[i] = k;
        uint32_t lo = bg->off[i], hi = bg->off[i + 1];
        for (uint32_t j = lo; j < hi; j++) {
            ids[k++] = bg->ids[j];
            if (j + 1 < hi) {
                uint32_t key[2] = {bg->ids[j], bg->ids[j + 1]};
                ids[k++] = base + intern_add(pairs, key, sizeof key);
            }
        }
        if (k - off[i] > 1)
            qsort(ids + off[i], k - off[i], sizeof *ids, cmp_u32);
    }
    off[bg->nsent] = k;
    free(bg->ids);
    free(bg->off);
    bg->ids = ids;
    bg->off = off;
}

struct sim *sim_new(const struct doc *a, const struct doc *b, struct intern *words)
{
    struct sim *s = xcalloc(1, sizeof *s);
    struct features f = {.words = words, .vocab = intern_count(words)};
    f.first = xcalloc(f.vocab + 1, sizeof *f.first);
    f.n = xcalloc(f.vocab + 1, sizeof *f.n);
    bags_collect(&s->bag[0], a, &f);
    bags_collect(&s->bag[1], b, &f);
    free(f.first);
    free(f.n);
    free(f.ids);
    uint32_t base = (uint32_t)intern_count(words);
    struct intern *pairs = intern_new();
    bags_add_pairs(&s->bag[0], pairs, base);
    bags_add_pairs(&s->bag[1], pairs, base);
    size_t vocab = base + intern_count(pairs);
    intern_free(pairs);
    s->vocab = vocab;

    /* Document frequency over the sentences of both sides: each sentence
     * counts a word once (its bag is sorted, so repeats are adjacent). */
    uint32_t *df = xcalloc(vocab ? vocab : 1, sizeof *df);
    size_t nsent = 0;
    for (int side = 0; side < 2; side++) {
        struct bags *bg = &s->bag[side];
        nsent += bg->nsent;
        for (size_t i = 0; i < bg->nsent; i++)
            for (uint32_t j = bg->off[i]; j < bg->off[i + 1]; j++)
                if (j == bg->off[i] || bg->ids[j] != bg->ids[j - 1])
                    df[bg->ids[j]]++;
    }
    s->w = xmalloc((vocab ? vocab : 1) * sizeof *s->w);
    for (size_t t = 0; t < vocab; t++)
        s->w[t] = df[t] ? (float)log(1.0 + (double)nsent / df[t]) : 0.0f;
    free(df);
    for (int side = 0; side < 2; side++) {
        struct bags *bg = &s->bag[side];
        for (size_t i = 0; i < bg->nsent; i++) {
            double sum = 0;
            for (uint32_t j = bg->off[i]; j < bg->off[i + 1]; j++)
                sum += s->w[bg->ids[j]];
            bg->weight[i] = (float)sum;
        }
    }
    s->post_count = xcalloc(vocab ? vocab : 1, sizeof *s->post_count);
    s->post_start = xcalloc(vocab ? vocab : 1, sizeof *s->post_start);
    return s;
}

void sim_free(struct sim *s)
{
    if (!s)
        return;
    for (int side = 0; side < 2; side++) {
        free(s->bag[side].off);
        free(s->bag[side].ids);
        free(s->bag[side].weight);
    }
    for (int slot = 0; slot < 3; slot++)
        free(s->tmp[slot]);
    free(s->w);
    free(s->post_count);
    free(s->post_start);
    free(s->post);
    free(s);
}

/* The sorted bag of a group; single sentences need no copy.  slot picks
 * one of three scratch buffers so three groups can be live at once. */
static const uint32_t *group_bag(struct sim *s, struct sim_group g, int slot, size_t *n)
{
    const struct bags *bg = &s->bag[g.side];
    uint32_t lo = bg->off[g.first], hi = bg->off[g.first + g.n];
    *n = hi - lo;
    if (g.n <= 1)
        return bg->ids + lo;
    xgrow(&s->tmp[slot], &s->tmpcap[slot], *n, sizeof(uint32_t));
    memcpy(s->tmp[slot], bg->ids + lo, *n * sizeof(uint32_t));
    qsort(s->tmp[slot], *n, sizeof(uint32_t), cmp_u32);
    return s->tmp[slot];
}

double sim_weight(struct sim *s, struct sim_group g)
{
    double sum = 0;
    for (uint32_t i = g.first; i < g.first + g.n; i++)
        sum += s->bag[g.side].weight[i];
    return sum;
}

static double common_weight(struct sim *s, const uint32_t *x, size_t nx, const uint32_t *y,
                            size_t ny)
{
    double c = 0;
    size_t i = 0, j = 0;
    while (i < nx && j < ny) {
        if (x[i] == y[j]) {
            c += s->w[x[i]];
            i++;
            j++;
        } else if (x[i] < y[j]) {
            i++;
        } else {
            j++;
        }
    }
    return c;
}

double sim_dice(struct sim *s, struct sim_group x, struct sim_group y)
{
    double wx = sim_weight(s, x), wy = sim_weight(s, y);
    if (wx + wy <= 0)
        return 0;
    size_t nx, ny;
    const uint32_t *bx = group_bag(s, x, 0, &nx);
    const uint32_t *by = group_bag(s, y, 1, &ny);
    return 2 * common_weight(s, bx, nx, by, ny) / (wx + wy);
}

double sim_contain(struct sim *s, struct sim_group x, struct sim_group y)
{
    double wx = sim_weight(s, x);
    if (wx <= 0)
        return 0;
    size_t nx, ny;
    const uint32_t *bx = group_bag(s, x, 0, &nx);
    const uint32_t *by = group_bag(s, y, 1, &ny);
    return common_weight(s, bx, nx, by, ny) / wx;
}

double sim_contain_rest(struct sim *s, struct sim_group x, struct sim_group y,
                        struct sim_group z, size_t *matched)
{
    *matched = 0;
    double wx = sim_weight(s, x);
    if (wx <= 0)
        return 0;
    size_t nx, ny, nz;
    const uint32_t *bx = group_bag(s, x, 0, &nx);
    const uint32_t *by = group_bag(s, y, 1, &ny);
    const uint32_t *bz = group_bag(s, z, 2, &nz);
    /* walk x against y, skipping the copies of each id that z uses up */
    double c = 0;
    size_t i = 0, j = 0, k = 0;
    while (i < nx && j < ny) {
        if (bx[i] < by[j]) {
            i++;
            continue;
        }
        if (by[j] < bx[i]) {
            j++;
            continue;
        }
        while (k < nz && bz[k] < by[j])
            k++;
        if (k < nz && bz[k] == by[j]) {
            k++; /* this copy of y's feature is z's */
            j++;
            continue;
        }
        c += s->w[bx[i]];
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
static double pair_dice(struct sim *s, int side, uint32_t x, uint32_t y, double floor)
{
    const struct bags *bx = &s->bag[side], *by = &s->bag[!side];
    double wx = bx->weight[x], wy = by->weight[y];
    if (wx + wy <= 0 || 2 * WD_MIN(wx, wy) / (wx + wy) < floor)
        return 0;
    double c = common_weight(s, bx->ids + bx->off[x], bx->off[x + 1] - bx->off[x],
                             by->ids + by->off[y], by->off[y + 1] - by->off[y]);
    return 2 * c / (wx + wy);
}

struct acc {
    uint32_t y;
    float w;
};

static int cmp_acc_desc(const void *p, const void *q)
{
    const struct acc *a = p, *b = q;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

static int cmp_cand(const void *p, const void *q)
{
    const struct sim_cand *a = p, *b = q;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

size_t sim_candidates(struct sim *s, int side, const uint32_t *src, size_t nsrc,
                      const uint32_t *dst, size_t ndst, double floor, struct sim_cand **out,
                      bool *limited)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    if (!nsrc || !ndst)
        return 0;
    if ((uint64_t)nsrc * ndst <= SIM_DENSE_CELLS) {
        for (size_t x = 0; x < nsrc; x++)
            for (size_t y = 0; y < ndst; y++) {
                double d = pair_dice(s, side, src[x], dst[y], floor);
                if (d >= floor && d > 0)
                    push_cand(out, &n, &cap, (uint32_t)x, (uint32_t)y, d);
            }
        return n;
    }

    /* Inverted index over the distinct words of the targets, laid out in
     * one array (counting sort by word id); post_count/post_start are
     * indexed by word id and restored to zero at the end. */
    const struct bags *bs = &s->bag[side], *bd = &s->bag[!side];
    size_t total = 0;
    for (size_t y = 0; y < ndst; y++)
        for (uint32_t j = bd->off[dst[y]]; j < bd->off[dst[y] + 1]; j++)
            if (j == bd->off[dst[y]] || bd->ids[j] != bd->ids[j - 1]) {
                s->post_count[bd->ids[j]]++;
                total++;
            }
    xgrow(&s->post, &s->postcap, total, sizeof *s->post);
    size_t run = 0;
    for (size_t y = 0; y < ndst; y++)
        for (uint32_t j = bd->off[dst[y]]; j < bd->off[dst[y] + 1]; j++) {
            uint32_t t = bd->ids[j];
            if ((j == bd->off[dst[y]] || t != bd->ids[j - 1]) && s->post_start[t] == 0 &&
                s->post_count[t] != 0) {
                /* first sight of t: reserve its slice (start stored +1) */
                s->post_start[t] = (uint32_t)run + 1;
                run += s->post_count[t];
                s->post_count[t] = 0; /* reused as fill pointer */
            }
        }
    for (size_t y = 0; y < ndst; y++)
        for (uint32_t j = bd->off[dst[y]]; j < bd->off[dst[y] + 1]; j++) {
            uint32_t t = bd->ids[j];
            if (j == bd->off[dst[y]] || t != bd->ids[j - 1])
                s->post[s->post_start[t] - 1 + s->post_count[t]++] = (uint32_t)y;
        }

    float *accw = xcalloc(ndst, sizeof *accw);
    uint32_t *touched = xmalloc(ndst * sizeof *touched);
    struct acc *best = xmalloc(ndst * sizeof *best);
    uint32_t probe[SIM_PROBE_WORDS];
    for (size_t x = 0; x < nsrc; x++) {
        /* The rarest distinct words of x that the targets contain. */
        size_t np = 0;
        for (uint32_t j = bs->off[src[x]]; j < bs->off[src[x] + 1]; j++) {
            uint32_t t = bs->ids[j];
            if (j > bs->off[src[x]] && t == bs->ids[j - 1])
                continue;
            uint32_t c = s->post_count[t];
            if (c == 0)
                continue;
            if (c > SIM_POSTING_CAP) {
                *limited = true;
                continue;
            }
            if (np < SIM_PROBE_WORDS) {
                probe[np++] = t;
            } else {
                size_t worst = 0; /* replace the most common probe */
                for (size_t p = 1; p < np; p++)
                    if (s->w[probe[p]] < s->w[probe[worst]])
                        worst = p;
                if (s->w[t] > s->w[probe[worst]]) {
                    probe[worst] = t;
                    *limited = true;
                }
            }
        }
        size_t nt = 0;
        for (size_t p = 0; p < np; p++) {
            uint32_t t = probe[p];
            const uint32_t *pl = s->post + s->post_start[t] - 1;
            for (uint32_t k = 0; k < s->post_count[t]; k++) {
                uint32_t y = pl[k];
                if (accw[y] == 0)
                    touched[nt++] = y;
                accw[y] += s->w[t];
            }
        }
        for (size_t k = 0; k < nt; k++) {
            best[k].y = touched[k];
            best[k].w = accw[touched[k]];
            accw[touched[k]] = 0;
        }
        size_t keep = nt;
        if (nt > SIM_TOP_K) {
            qsort(best, nt, sizeof *best, cmp_acc_desc);
            keep = SIM_TOP_K;
        }
        for (size_t k = 0; k < keep; k++) {
            double d = pair_dice(s, side, src[x], dst[best[k].y], floor);
            if (d >= floor && d > 0)
                push_cand(out, &n, &cap, (uint32_t)x, best[k].y, d);
        }
    }
    free(accw);
    free(touched);
    free(best);
    for (size_t y = 0; y < ndst; y++)
        for (uint32_t j = bd->off[dst[y]]; j < bd->off[dst[y] + 1]; j++) {
            s->post_count[bd->ids[j]] = 0;
            s->post_start[bd->ids[j]] = 0;
        }
    if (n > 1)
        qsort(*out, n, sizeof **out, cmp_cand);
    return n;
}
