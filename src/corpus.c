#include "config.h"

#include "corpus.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "source.h"
#include "tokens.h"
#include "util.h"

/* The similarity floors and the anchor rule of align.c, for the same
 * reasons: a weak match is believed only between documents that share
 * at least ANCHORS_MIN strong ones. */
#define MATCH_FLOOR 0.17
#define ANCHOR_SIM  0.40
#define ANCHORS_MIN 2
/* A line is "tied to the story" when at least this share of its word
 * weight occurs in the document's story sentences. */
#define COHESION_MIN 0.25
/* Furniture is a short line, the same in both documents (bytes). */
#define FURNITURE_MAX 400
/* An unrelated tail must, on average, be tied to the story less than a
 * single line may be. */
#define TAIL_MEAN 0.20
/* ... and be two sentences or more: one new last sentence is an update's
 * addition as often as a stray teaser. */
#define TAIL_MIN 2

struct corpus {
    size_t n;
    uint8_t **boiler;
    size_t *story;
    size_t *own; /* story sentences matched in no other document */
    size_t pivot;
    struct corpus_pair *pairs;
    size_t npairs;
    struct corpus_pair *by_docs; /* the pairs ordered by (a, b): corpus_shared */
    uint8_t *overlaps;
};

/* WIREDIFF_OVERLAP_EXHAUSTIVE=1 (bench/overlap.sh): no match missed, the
 * reference the bounded search's recall is measured against.  A pair of
 * documents keeps no match without an anchor (keep_matches), so the
 * search need only be exhaustive between documents that share one. */
static bool exhaustive(void)
{
    const char *e = getenv("WIREDIFF_OVERLAP_EXHAUSTIVE");
    return e && strcmp(e, "1") == 0;
}

static int cmp_match_pair(const void *p, const void *q)
{
    const struct sim_match *a = p, *b = q;
    if (a->dx != b->dx) return a->dx < b->dx ? -1 : 1;
    if (a->dy != b->dy) return a->dy < b->dy ? -1 : 1;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

static int cmp_by_docs(const void *p, const void *q)
{
    const struct corpus_pair *x = p, *y = q;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static int cmp_pair_rank(const void *p, const void *q)
{
    const struct corpus_pair *a = p, *b = q;
    if (a->overlap != b->overlap) return a->overlap > b->overlap ? -1 : 1;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* The matches of one document pair kept one to one: strong ones always,
 * weak ones only when the pair has enough anchors.  m[0..n) is sorted by
 * score, highest first.  Returns the number kept, moved to the front. */
static size_t keep_matches(struct sim_match *m, size_t n, size_t na, size_t nb, uint8_t *used_a,
                           uint8_t *used_b)
{
    size_t anchors = 0;
    for (size_t k = 0; k < n; k++)
        anchors += m[k].score >= ANCHOR_SIM;
    size_t need = WD_MIN((size_t)ANCHORS_MIN, WD_MIN(na, nb));
    double floor = anchors >= need && need > 0 ? MATCH_FLOOR : ANCHOR_SIM;
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (m[k].score < floor || used_a[m[k].x] || used_b[m[k].y]) continue;
        used_a[m[k].x] = used_b[m[k].y] = 1;
        m[kept++] = m[k];
    }
    for (size_t k = 0; k < kept; k++)
        used_a[m[k].x] = used_b[m[k].y] = 0;
    return kept;
}

static int cmp_match_x(const void *p, const void *q)
{
    const struct sim_match *a = p, *b = q;
    return a->x < b->x ? -1 : a->x > b->x;
}

/* Mark in inorder[] the longest chain of matches increasing in both x and
 * y (patience sorting, O(n log n)); m sorted by x. */
static void longest_chain(const struct sim_match *m, size_t n, uint8_t *inorder)
{
    uint32_t *tail = xmalloc((n + 1) * sizeof *tail); /* index of the chain end per length */
    int32_t *prev = xmalloc((n + 1) * sizeof *prev);
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = len; /* first length whose end has y >= m[k].y */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (m[tail[mid]].y < m[k].y)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo ? (int32_t)tail[lo - 1] : -1;
        tail[lo] = (uint32_t)k;
        if (lo == len) len++;
    }
    memset(inorder, 0, n);
    for (int32_t k = len ? (int32_t)tail[len - 1] : -1; k >= 0; k = prev[k])
        inorder[k] = 1;
    free(tail);
    free(prev);
}

/* The words of a document's story: in_story[word id] == mark (a stamp per
 * document, so that the array is cleared once, not for every document). */
struct story_words {
    uint32_t *in_story;
    uint32_t mark;
};

/* Share of sentence i's word weight (of document k) found among the story
 * words.  Weights are squared IDF, so that the
 * measure is about content words: function words, which every text shares,
 * would otherwise tie any sentence to any story. */
static double cohesion(const struct sim *s, size_t k, size_t i, const struct story_words *sw)
{
    size_t nf;
    const struct sim_feat *f = sim_bag(s, k, i, &nf);
    double all = 0, in = 0;
    for (size_t j = 0; j < nf && f[j].key < SIM_PAIR_BIT; j++) {
        double w = (double)f[j].w * f[j].w;
        all += w;
        if (sw->in_story[f[j].key] == sw->mark) in += w;
    }
    return all > 0 ? in / all : 1.0;
}

static bool not_story(const struct sentence *s)
{
    return role_not_story(sent_role(s));
}

/* Boilerplate of document k (see corpus.h) beyond what its roles say:
 * out[i] set for sentences the story's vocabulary and the other
 * documents show to be furniture.  matched[i] != 0 when sentence i
 * matches a sentence of another document. */
static void find_boilerplate(const struct sim *s, size_t k, const struct doc *d,
                             const uint8_t *matched, const struct story_words *in_story,
                             uint8_t *out)
{
    size_t ns;
    const struct sentence *se = doc_sentences(d, &ns);
    /* a document without a story (matching nothing) has no known topic */
    bool has_story = false;
    for (size_t i = 0; i < ns && !has_story; i++)
        has_story = matched[i] && !(se[i].flags & SENT_LINE);
    if (!has_story) return;
    /* The title block, the lines before the first sentence, holds the
     * headline (and its scraped repeats): never furniture by its words. */
    size_t title = 0;
    while (title < ns && (se[title].flags & SENT_LINE))
        title++;
    if (title == ns) title = 0;
    /* lines with no structure and no tie to the story */
    for (size_t i = title; i < ns; i++)
        if ((se[i].flags & SENT_LINE) && !matched[i] && sent_role(&se[i]) != ROLE_DATELINE &&
            cohesion(s, k, i, in_story) < COHESION_MIN)
            out[i] = 1;
    /* The unrelated tail: the longest run at the end with no sentence that
     * matches another document (lines do not count: "Comments" is no
     * anchor) whose first sentence is loosely tied to the story and whose
     * average is under TAIL_MEAN. */
    size_t start = ns;
    double sum = 0;
    size_t tail = ns;
    for (size_t i = ns; i-- > title;) {
        if (matched[i] && !(se[i].flags & SENT_LINE)) break;
        double c = cohesion(s, k, i, in_story);
        sum += c;
        start = i;
        if (c < COHESION_MIN && sum / (double)(ns - start) < TAIL_MEAN && ns - start >= TAIL_MIN)
            tail = start;
    }
    for (size_t i = tail; i < ns; i++)
        out[i] = 1;
}

/* The documents each document shares a kept match with, as adjacency
 * lists: to[off[k] .. off[k + 1]). */
struct links {
    size_t *off;
    uint32_t *to;
};

static void links_of(struct links *lk, size_t n, const struct sim_match *m, const size_t *grp_start,
                     const size_t *grp_len, size_t ngrp)
{
    lk->off = xcalloc(n + 2, sizeof *lk->off);
    for (size_t q = 0; q < ngrp; q++)
        if (grp_len[q]) {
            lk->off[m[grp_start[q]].dx + 2]++;
            lk->off[m[grp_start[q]].dy + 2]++;
        }
    for (size_t k = 2; k < n + 2; k++)
        lk->off[k] += lk->off[k - 1];
    lk->to = xmalloc((lk->off[n + 1] + 1) * sizeof *lk->to);
    for (size_t q = 0; q < ngrp; q++)
        if (grp_len[q]) {
            uint32_t a = m[grp_start[q]].dx, b = m[grp_start[q]].dy;
            lk->to[lk->off[a + 1]++] = b;
            lk->to[lk->off[b + 1]++] = a;
        }
}

/* Documents per slice of the boilerplate pass, at least. */
#define BOILER_SLICE 256

struct boiler_job {
    const struct sim *s;
    struct doc *const *docs;
    size_t n, nw;
    const uint8_t *const *matched;
    const struct links *lk;
    uint8_t **boiler;
    size_t nslices;
};

/* Mark the words of the matched sentences (not lines) of document o. */
static void mark_story(const struct boiler_job *j, size_t o, struct story_words *sw)
{
    size_t ns;
    const struct sentence *se = doc_sentences(j->docs[o], &ns);
    for (size_t i = 0; i < ns; i++) {
        if (!j->matched[o][i] || (se[i].flags & SENT_LINE)) continue;
        size_t nf;
        const struct sim_feat *f = sim_bag(j->s, o, i, &nf);
        for (size_t q = 0; q < nf && f[q].key < SIM_PAIR_BIT; q++)
            sw->in_story[f[q].key] = sw->mark;
    }
}

/* The boilerplate of the documents of slice k (find_boilerplate). */
static void boiler_slice(void *arg, size_t k)
{
    const struct boiler_job *j = arg;
    struct story_words sw = {xcalloc(j->nw + 1, sizeof *sw.in_story), 0};
    for (size_t d = j->n * k / j->nslices; d < j->n * (k + 1) / j->nslices; d++) {
        sw.mark = (uint32_t)d + 1;
        mark_story(j, d, &sw);
        for (size_t e = j->lk->off[d]; e < j->lk->off[d + 1]; e++)
            mark_story(j, j->lk->to[e], &sw);
        find_boilerplate(j->s, d, j->docs[d], j->matched[d], &sw, j->boiler[d]);
    }
    free(sw.in_story);
}

/* ---- the pivot ------------------------------------------------------------- */

static size_t matched_of(const struct corpus_pair *p)
{
    return (size_t)p->same + p->changed + p->moved;
}

/* A document's publication date as an ISO 8601 prefix, or NULL. */
static const char *date_of(const struct doc *d)
{
    const struct source_meta *m = doc_meta(d);
    return m && m->published && strlen(m->published) >= 10 ? m->published : NULL;
}

/* Is document k a better pivot than document best (scores sk, sb)?  Ties
 * go to the earlier date (a dated document before an undated one), then
 * to the longer story, then to the earlier index. */
static bool better_pivot(const struct corpus *c, struct doc *const *docs, size_t k, double sk,
                         size_t best, double sb)
{
    if (sk > sb + 1e-9) return true;
    if (sk < sb - 1e-9) return false;
    const char *dk = date_of(docs[k]), *db = date_of(docs[best]);
    if (dk && db && strcmp(dk, db) != 0) return strcmp(dk, db) < 0;
    if (!dk != !db) return dk != NULL;
    return c->story[k] > c->story[best];
}

/* The document the others derive from.  The share of its story the others
 * hold (the rule: a wire original's sentences recur in every
 * outlet) alone would crown a three-sentence brief cut from it, whose
 * every sentence recurs too; so it is multiplied by the share of the
 * others' stories it holds, which a brief lacks and an outlet's own
 * additions do not change.  Both are means over the other documents. */
static size_t choose_pivot(const struct corpus *c, struct doc *const *docs)
{
    size_t n = c->n;
    if (n < 2) return 0;
    double *held = xcalloc(n, sizeof *held), *holds = xcalloc(n, sizeof *holds);
    for (size_t i = 0; i < c->npairs; i++) {
        const struct corpus_pair *p = &c->pairs[i];
        double m = (double)matched_of(p);
        if (c->story[p->a]) held[p->a] += m / (double)c->story[p->a];
        if (c->story[p->b]) held[p->b] += m / (double)c->story[p->b];
        if (c->story[p->b]) holds[p->a] += m / (double)c->story[p->b];
        if (c->story[p->a]) holds[p->b] += m / (double)c->story[p->a];
    }
    size_t best = 0;
    double sb = -1;
    for (size_t k = 0; k < n; k++) {
        double sk = held[k] / (double)(n - 1) * (holds[k] / (double)(n - 1));
        if (k == 0 || better_pivot(c, docs, k, sk, best, sb)) {
            best = k;
            sb = sk;
        }
    }
    free(held);
    free(holds);
    return best;
}

struct corpus *corpus_new(struct doc_ctx *ctx, struct doc *const *docs, size_t n)
{
    struct corpus *c = xcalloc(1, sizeof *c);
    c->n = n;
    c->boiler = xcalloc(n ? n : 1, sizeof *c->boiler);
    c->story = xcalloc(n ? n : 1, sizeof *c->story);
    c->overlaps = xcalloc(n ? n : 1, 1);
    c->own = xcalloc(n ? n : 1, sizeof *c->own);
    struct tokens **tk = xcalloc(n ? n : 1, sizeof *tk);
    tokens_new_many((const struct doc *const *)docs, n, ctx, NULL, tk);
    struct sim *s =
        sim_new((const struct doc *const *)docs, (const struct tokens *const *)tk, n, ctx);
    struct sim_match *m = NULL;
    size_t nm = sim_matches_all(s, MATCH_FLOOR, ANCHOR_SIM, exhaustive(), &m);
    if (nm > 1) qsort(m, nm, sizeof *m, cmp_match_pair);

    /* 1. one-to-one matches per document pair, kept in place */
    uint8_t **matched = xcalloc(n ? n : 1, sizeof *matched);
    uint8_t **used = xcalloc(n ? n : 1, sizeof *used);
    size_t maxs = 1;
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        matched[k] = xcalloc(ns + 1, 1);
        used[k] = xcalloc(ns + 1, 1);
        c->boiler[k] = xcalloc(ns + 1, 1);
        maxs = WD_MAX(maxs, ns);
    }
    size_t *grp_start = xmalloc((nm + 1) * sizeof *grp_start), ngrp = 0;
    size_t *grp_len = xmalloc((nm + 1) * sizeof *grp_len);
    for (size_t g = 0; g < nm;) {
        size_t e = g;
        while (e < nm && m[e].dx == m[g].dx && m[e].dy == m[g].dy)
            e++;
        size_t na, nb;
        (void)doc_sentences(docs[m[g].dx], &na);
        (void)doc_sentences(docs[m[g].dy], &nb);
        size_t kept = keep_matches(m + g, e - g, na, nb, used[m[g].dx], used[m[g].dy]);
        for (size_t q = g; q < g + kept; q++)
            matched[m[q].dx][m[q].x] = matched[m[q].dy][m[q].y] = 1;
        grp_start[ngrp] = g;
        grp_len[ngrp++] = kept;
        g = e;
    }

    /* 2. boilerplate, from the matches */
    size_t nw = 0;
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        for (size_t i = 0; i < ns; i++) {
            size_t nf;
            const struct sim_feat *f = sim_bag(s, k, i, &nf);
            for (size_t j = 0; j < nf && f[j].key < SIM_PAIR_BIT; j++)
                nw = WD_MAX(nw, (size_t)f[j].key + 1);
        }
    }
    /* The story's vocabulary, per document: the words of the matched
     * sentences (not lines) of the document and of every document it
     * shares a match with (its links, from the groups that kept one). */
    struct links lk;
    links_of(&lk, n, m, grp_start, grp_len, ngrp);
    struct boiler_job bj = {s,
                            docs,
                            n,
                            nw,
                            (const uint8_t *const *)matched,
                            &lk,
                            c->boiler,
                            util_slices(n, BOILER_SLICE)};
    util_parallel(bj.nslices, boiler_slice, &bj);
    free(lk.off);
    free(lk.to);
    /* lines shared by documents that share no statement: site furniture
     * (a headline too: two reports that share nothing else share no
     * headline, but a section's name) */
    for (size_t q = 0; q < ngrp; q++) {
        struct sim_match *g = m + grp_start[q];
        size_t strong = 0;
        for (size_t r = 0; r < grp_len[q]; r++) {
            const struct sentence *sa = doc_sentences(docs[g[r].dx], &(size_t){0});
            strong += g[r].score >= ANCHOR_SIM && !(sa[g[r].x].flags & SENT_LINE);
        }
        if (strong) continue;
        for (size_t r = 0; r < grp_len[q]; r++) {
            const struct sentence *sa = &doc_sentences(docs[g[r].dx], &(size_t){0})[g[r].x];
            const struct sentence *sb = &doc_sentences(docs[g[r].dy], &(size_t){0})[g[r].y];
            if ((sa->flags & SENT_LINE) && sa->id == sb->id && sa->end - sa->start <= FURNITURE_MAX)
                c->boiler[g[r].dx][g[r].x] = c->boiler[g[r].dy][g[r].y] = 1;
        }
    }
    /* What the documents show settles the roles: furniture becomes
     * boilerplate (a caption or a byline stays what it is); every view
     * then reads one role per sentence. */
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        const struct sentence *se = doc_sentences(docs[k], &ns);
        for (size_t i = 0; i < ns; i++) {
            if (c->boiler[k][i] && !not_story(&se[i])) doc_set_role(docs[k], i, ROLE_BOILER);
            c->boiler[k][i] = not_story(&se[i]);
            c->story[k] += !c->boiler[k][i];
            c->own[k] += !c->boiler[k][i] && !matched[k][i];
        }
    }

    /* 3. the figures per pair, boilerplate left out */
    uint8_t *inorder = xmalloc(maxs + 1);
    size_t cappairs = 0;
    for (size_t q = 0; q < ngrp; q++) {
        struct sim_match *g = m + grp_start[q];
        size_t len = 0;
        for (size_t r = 0; r < grp_len[q]; r++)
            if (!c->boiler[g[r].dx][g[r].x] && !c->boiler[g[r].dy][g[r].y]) g[len++] = g[r];
        if (!len) continue;
        qsort(g, len, sizeof *g, cmp_match_x);
        longest_chain(g, len, inorder);
        struct corpus_pair p;
        memset(&p, 0, sizeof p);
        p.a = g[0].dx;
        p.b = g[0].dy;
        const struct sentence *sa = doc_sentences(docs[p.a], &(size_t){0});
        const struct sentence *sb = doc_sentences(docs[p.b], &(size_t){0});
        for (size_t r = 0; r < len; r++) {
            if (!inorder[r])
                p.moved++;
            else if (sa[g[r].x].id == sb[g[r].y].id)
                p.same++;
            else
                p.changed++;
        }
        size_t story = c->story[p.a] + c->story[p.b];
        p.overlap = story ? (float)(2.0 * (double)len / (double)story) : 0.0f;
        xgrow(&c->pairs, &cappairs, c->npairs + 1, sizeof *c->pairs);
        c->pairs[c->npairs++] = p;
        c->overlaps[p.a] = c->overlaps[p.b] = 1;
    }
    if (c->npairs > 1) qsort(c->pairs, c->npairs, sizeof *c->pairs, cmp_pair_rank);
    c->pivot = choose_pivot(c, docs);
    c->by_docs = xmalloc((c->npairs + 1) * sizeof *c->by_docs);
    if (c->npairs) memcpy(c->by_docs, c->pairs, c->npairs * sizeof *c->pairs);
    if (c->npairs > 1) qsort(c->by_docs, c->npairs, sizeof *c->by_docs, cmp_by_docs);
    free(inorder);
    free(grp_start);
    free(grp_len);
    sim_free(s); /* before the tokens it reads */
    for (size_t k = 0; k < n; k++) {
        free(matched[k]);
        free(used[k]);
        tokens_free(tk[k]);
    }
    free(matched);
    free(used);
    free(tk);
    free(m);
    return c;
}

void corpus_free(struct corpus *c)
{
    if (!c) return;
    for (size_t k = 0; k < c->n; k++)
        free(c->boiler[k]);
    free(c->boiler);
    free(c->story);
    free(c->own);
    free(c->pairs);
    free(c->by_docs);
    free(c->overlaps);
    free(c);
}

size_t corpus_ndocs(const struct corpus *c)
{
    return c->n;
}

const uint8_t *corpus_boilerplate(const struct corpus *c, size_t k)
{
    return c->boiler[k];
}

size_t corpus_story_sentences(const struct corpus *c, size_t k)
{
    return c->story[k];
}

const struct corpus_pair *corpus_pairs(const struct corpus *c, size_t *n)
{
    *n = c->npairs;
    return c->pairs;
}

int corpus_doc_overlaps(const struct corpus *c, size_t k)
{
    return c->overlaps[k];
}

void corpus_settle_roles(struct doc_ctx *ctx, struct doc *const *docs, size_t n)
{
    if (n < 2) return;
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        if (ns > CORPUS_SETTLE_MAX) return;
    }
    corpus_free(corpus_new(ctx, docs, n));
}

size_t corpus_pivot(const struct corpus *c)
{
    return c->pivot;
}

size_t corpus_own_sentences(const struct corpus *c, size_t k)
{
    return c->own[k];
}

size_t corpus_shared(const struct corpus *c, size_t a, size_t b)
{
    if (a == b) return c->story[a];
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    size_t lo = 0, hi = c->npairs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct corpus_pair *p = &c->by_docs[mid];
        if (p->a < a || (p->a == a && p->b < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == c->npairs) return 0;
    const struct corpus_pair *p = &c->by_docs[lo];
    return p->a == a && p->b == b ? matched_of(p) : 0;
}
