/* align_pair.c - pairing the changed sentences of two documents: reworded
 * ones inside the sentence diff's hunks (with the splits and merges around
 * them), then the moves across hunks (align_int.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "align_int.h"
#include "segment.h"
#include "sim.h"
#include "util.h"

/* A neighbouring sentence (or two) joins a pair as a piece of a split or
 * merge when at least PIECE_FLOOR of its weight, and PIECE_FEATURES_MIN
 * features, are found in the part of the other side that the pair does
 * not explain yet. */
#define PIECE_FLOOR        0.20
#define PIECE_FEATURES_MIN 2

/* Which sentences may pair when their texts differ: story text with
 * story text (class 0), a headline or subheading with another (1).
 * Other roles (role.h: datelines, captions, bylines, boilerplate) pair
 * only as identical lines, in the sentence diff's same rows: -1. */
static int pair_class(const struct sentence *s)
{
    switch (sent_role(s)) {
    case ROLE_STORY:
        return 0;
    case ROLE_HEADLINE:
        return 1;
    default:
        return -1;
    }
}

uint32_t align_list_at(const uint32_t *list, uint32_t i)
{
    return list ? list[i] : i;
}

size_t align_same_class(struct sim_cand *c, size_t nc, const struct sentence *sa,
                        const uint32_t *src, const struct sentence *sb, const uint32_t *dst)
{
    size_t m = 0;
    for (size_t k = 0; k < nc; k++) {
        const struct sentence *x = &sa[align_list_at(src, c[k].x)],
                              *y = &sb[align_list_at(dst, c[k].y)];
        int ca = pair_class(x);
        if ((ca >= 0 && ca == pair_class(y)) || x->id == y->id) c[m++] = c[k];
    }
    return m;
}

static struct sim_group grp(int side, uint32_t first, uint32_t n)
{
    struct sim_group g = {(size_t)side, first, n};
    return g;
}

size_t align_add_pair(struct builder *B, struct pairlist *pl, uint32_t a, uint32_t b, float sim,
                      bool moved)
{
    xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof *pl->v);
    struct pair *p = &pl->v[pl->n];
    p->a = a;
    p->an = 1;
    p->b = b;
    p->bn = 1;
    p->sim = sim;
    p->moved = moved;
    p->anchored = false;
    p->row[0] = p->row[1] = -1;
    p->op = p->nop = 0;
    if (B->pair_of[0]) { /* else noted when it is made (align_make_pair_of) */
        B->pair_of[0][a] = (int32_t)pl->n;
        B->pair_of[1][b] = (int32_t)pl->n;
    }
    return pl->n++;
}

void align_make_pair_of(struct builder *B)
{
    for (int side = 0; side < 2; side++) {
        B->pair_of[side] = xmalloc_dense((B->n[side] + 1) * sizeof *B->pair_of[side]);
        for (size_t k = 0; k < B->n[side]; k++)
            B->pair_of[side][k] = -1;
    }
    for (size_t pi = 0; pi < B->pairs.n; pi++) {
        B->pair_of[SIDE_A][B->pairs.v[pi].a] = (int32_t)pi;
        B->pair_of[SIDE_B][B->pairs.v[pi].b] = (int32_t)pi;
    }
}

/* Is sentence k of side free to join a pair: changed, unpaired, and inside
 * [lo, hi)? */
static bool free_sentence(const struct builder *B, int side, int64_t k, size_t lo, size_t hi)
{
    return k >= (int64_t)lo && k < (int64_t)hi && B->changed[side][k] && B->pair_of[side][k] < 0;
}

/* Grow pair p into a split or merge: repeatedly add the neighbouring free
 * sentence (or two; on one side only) that best explains what the other
 * side says beyond the pair so far. */
static void extend_pair(struct builder *B, struct sim *s, struct pairlist *pl, size_t pi,
                        const size_t lo[2], const size_t hi[2])
{
    for (;;) {
        struct pair *p = &pl->v[pi];
        double best = 0;
        int best_side = -1;
        bool best_left = false;
        uint32_t best_len = 0;
        for (int side = 0; side < 2; side++) {
            uint32_t first = side ? p->b : p->a, n = side ? p->bn : p->an;
            uint32_t ofirst = side ? p->a : p->b, on = side ? p->an : p->bn;
            if (on > 1) continue; /* one side groups, the other stays a single sentence */
            struct sim_group other = grp(!side, ofirst, on);
            for (int left = 0; left < 2; left++) {
                /* a piece of one sentence, or of two when the nearer one
                 * alone is too loose a paraphrase to pass */
                for (uint32_t len = 1; len <= 2 && n + len <= ALIGN_MAX_GROUP; len++) {
                    int64_t k = left ? (int64_t)first - len : (int64_t)first + n;
                    bool ok = true;
                    for (uint32_t q = 0; q < len; q++) {
                        int64_t kq = k + q;
                        /* Only story text groups: a headline or a caption
                         * sums up or labels, it is no piece. */
                        if (!free_sentence(B, side, kq, lo[side], hi[side]) ||
                            pair_class(&B->sents[side][kq]) != 0 ||
                            pair_class(&B->sents[side][first]) != 0)
                            ok = false;
                    }
                    if (!ok) break;
                    size_t matched;
                    double c = sim_contain_rest(s, grp(side, (uint32_t)k, len), other,
                                                grp(side, first, n), &matched);
                    if (c < PIECE_FLOOR || matched < PIECE_FEATURES_MIN || c <= best) continue;
                    best = c;
                    best_side = side;
                    best_left = left;
                    best_len = len;
                }
            }
        }
        if (best_side < 0) return;
        uint32_t *first = best_side ? &p->b : &p->a, *n = best_side ? &p->bn : &p->an;
        uint32_t k = best_left ? *first - best_len : *first + *n;
        if (best_left) *first -= best_len;
        *n += best_len;
        for (uint32_t q = 0; q < best_len; q++)
            B->pair_of[best_side][k + q] = (int32_t)pi;
        p->sim = (float)sim_dice(s, grp(SIDE_A, p->a, p->an), grp(SIDE_B, p->b, p->bn));
    }
}

/* Heaviest chain of candidates strictly increasing in x and y (weighted
 * longest increasing subsequence with a Fenwick tree of prefix maxima over
 * y): O(C log ndst).  Marks chosen candidates in take[]. */
struct fen {
    double v;
    int32_t c;
};

static void heaviest_chain(const struct sim_cand *c, size_t nc, size_t ndst, bool *take)
{
    struct fen *tree = xcalloc(ndst + 1, sizeof *tree);
    for (size_t i = 0; i <= ndst; i++)
        tree[i].c = -1;
    double *dp = xmalloc((nc ? nc : 1) * sizeof *dp);
    int32_t *prev = xmalloc((nc ? nc : 1) * sizeof *prev);
    size_t g = 0;
    while (g < nc) {
        size_t e = g;
        while (e < nc && c[e].x == c[g].x)
            e++;
        for (size_t k = g; k < e; k++) { /* query prefix max over y' < y */
            struct fen best = {0, -1};
            for (size_t i = c[k].y; i > 0; i -= i & (~i + 1))
                if (tree[i].v > best.v) best = tree[i];
            dp[k] = best.v + c[k].score;
            prev[k] = best.c;
        }
        for (size_t k = g; k < e; k++) /* then insert at y+1 */
            for (size_t i = c[k].y + 1; i <= ndst; i += i & (~i + 1))
                if (dp[k] > tree[i].v) {
                    tree[i].v = dp[k];
                    tree[i].c = (int32_t)k;
                }
        g = e;
    }
    int32_t best = -1;
    for (size_t k = 0; k < nc; k++)
        if (best < 0 || dp[k] > dp[best]) best = (int32_t)k;
    for (int32_t k = best; k >= 0; k = prev[k])
        take[k] = true;
    free(tree);
    free(dp);
    free(prev);
}

/* Pair reworded sentences inside one changed hunk, in order, into pl
 * (bags loaded into s). */
static void pair_hunk(struct builder *B, struct sim *s, struct pairlist *pl,
                      const struct diff_hunk *h)
{
    if (!h->na || !h->nb) return;
    uint8_t *const *only = B->only;
    sim_load(s, SIDE_A, h->a, h->a + h->na, only[SIDE_A]);
    sim_load(s, SIDE_B, h->b, h->b + h->nb, only[SIDE_B]);
    uint32_t *src = xmalloc(h->na * sizeof *src), *dst = xmalloc(h->nb * sizeof *dst);
    size_t ns = 0, nd = 0;
    for (size_t i = h->a; i < h->a + h->na; i++)
        if ((!only[SIDE_A] || only[SIDE_A][i]) && pair_class(&B->sents[SIDE_A][i]) >= 0)
            src[ns++] = (uint32_t)i;
    for (size_t j = h->b; j < h->b + h->nb; j++)
        if ((!only[SIDE_B] || only[SIDE_B][j]) && pair_class(&B->sents[SIDE_B][j]) >= 0)
            dst[nd++] = (uint32_t)j;
    struct sim_cand *c = NULL;
    bool approx = false;
    size_t nc = sim_candidates(s, SIDE_A, src, ns, SIDE_B, dst, nd, B->o.floor, &c, &approx);
    nc = align_same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
    pl->limited |= approx;
    bool *take = xcalloc(nc ? nc : 1, sizeof *take);
    heaviest_chain(c, nc, nd, take);
    size_t first = pl->n;
    for (size_t k = 0; k < nc; k++)
        if (take[k]) align_add_pair(B, pl, src[c[k].x], dst[c[k].y], c[k].score, false);
    /* Splits and merges, bounded by the neighbouring pairs of the chain. */
    for (size_t pi = first; pi < pl->n; pi++) {
        size_t lo[2] = {h->a, h->b}, hi[2] = {h->a + h->na, h->b + h->nb};
        if (pi > first) {
            lo[0] = pl->v[pi - 1].a + pl->v[pi - 1].an;
            lo[1] = pl->v[pi - 1].b + pl->v[pi - 1].bn;
        }
        if (pi + 1 < pl->n) {
            hi[0] = pl->v[pi + 1].a;
            hi[1] = pl->v[pi + 1].b;
        }
        extend_pair(B, s, pl, pi, lo, hi);
    }
    free(take);
    free(c);
    free(src);
    free(dst);
}

/* Hunks are paired in slices of consecutive hunks on parallel threads,
 * each slice with a view of the similarity (bags of its own) and a pair
 * list of its own; hunks touch disjoint sentences, so the slices share
 * pair_of.  The lists then join in hunk order, which gives the pairs one
 * thread would find, in the same order. */
struct hunk_slice {
    size_t first, end; /* hunks */
    struct pairlist pl;
};

struct hunk_job {
    struct builder *B;
    const struct diff_hunk *h;
    struct hunk_slice *slice;
};

static void pair_slice(void *arg, size_t k)
{
    struct hunk_job *job = arg;
    struct hunk_slice *sl = &job->slice[k];
    struct sim *view = sim_view(job->B->sim);
    for (size_t i = sl->first; i < sl->end; i++)
        pair_hunk(job->B, view, &sl->pl, &job->h[i]);
    sim_free(view);
}

/* Sentences per slice, at least. */
#define HUNK_SLICE_MIN 8192

void align_pair_hunks(struct builder *B, const struct diff_hunk *h, size_t nh)
{
    size_t total = 0;
    for (size_t i = 0; i < nh; i++)
        total += h[i].na + h[i].nb;
    size_t nslices = util_slices(total, HUNK_SLICE_MIN);
    struct hunk_slice *slice = xcalloc(nslices, sizeof *slice);
    /* cut where the running sentence count passes each slice's share */
    size_t run = 0, k = 0;
    for (size_t i = 0; i < nh; i++) {
        run += h[i].na + h[i].nb;
        for (; k + 1 < nslices && run >= total / nslices * (k + 1); k++) /* maybe empty ones */
            slice[k].end = slice[k + 1].first = i + 1;
    }
    slice[k].end = nh; /* k is nslices - 1: run reached total */
    struct hunk_job job = {B, h, slice};
    util_parallel(nslices, pair_slice, &job);
    for (k = 0; k < nslices; k++) {
        const struct pairlist *pl = &slice[k].pl;
        size_t base = B->pairs.n;
        xgrow(&B->pairs.v, &B->pairs.cap, base + pl->n + 1, sizeof *pl->v);
        if (pl->n) memcpy(B->pairs.v + base, pl->v, pl->n * sizeof *pl->v);
        B->pairs.n += pl->n;
        B->pairs_limited |= pl->limited;
        for (size_t pi = 0; pi < pl->n; pi++) { /* local index to global */
            const struct pair *p = &pl->v[pi];
            for (uint32_t q = 0; q < p->an; q++)
                B->pair_of[SIDE_A][p->a + q] = (int32_t)(base + pi);
            for (uint32_t q = 0; q < p->bn; q++)
                B->pair_of[SIDE_B][p->b + q] = (int32_t)(base + pi);
        }
        free(pl->v);
    }
    free(slice);
}

static int cmp_cand_score(const void *p, const void *q)
{
    const struct sim_cand *a = p, *b = q;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

/* Is sentence k of side left over for the moves: changed, unpaired (and
 * one of the few that count_anchors found, for unrelated documents)? */
static bool leftover(const struct builder *B, int side, size_t k)
{
    return B->changed[side][k] && B->pair_of[side][k] < 0 && (!B->only[side] || B->only[side][k]);
}

static void load_leftovers(void *arg, size_t side)
{
    struct builder *B = arg;
    uint8_t *left = xmalloc(B->n[side] + 1);
    for (size_t k = 0; k < B->n[side]; k++)
        left[k] = leftover(B, (int)side, k);
    sim_load(B->sim, side, 0, B->n[side], left);
    free(left);
}

/* Do sentence i of A and j of B have the same tokens, with a word among
 * them past a dateline (a bag of weight > 0)?  Their bags are then one,
 * and their Dice 1. */
static bool same_tokens(const struct builder *B, size_t i, size_t j)
{
    size_t na, nb;
    const uint32_t *ta = tokens_of(B->tk[SIDE_A], i, &na), *tb = tokens_of(B->tk[SIDE_B], j, &nb);
    size_t lead = tokens_lead(B->tk[SIDE_A], i);
    if (na != nb || lead != tokens_lead(B->tk[SIDE_B], j) || memcmp(ta, tb, na * sizeof *ta) != 0)
        return false;
    for (size_t k = lead; k < na; k++)
        if (!(ta[k] & TOKEN_PUNCT)) return true;
    return false;
}

/* Pair the copies among the sentences left over: each sentence of A (in
 * order) with the first sentence of B left over that has its text and
 * its tokens (same_tokens), as moves of similarity 1.  The search by
 * similarity pairs them first too (they score highest, ties in order),
 * but only those it finds: its index skips words too common to probe,
 * and a sentence made only of such words was compared with every target
 * or, past SIM_CUT_CELLS, with none (5,680 copies of the shuffled 100k
 * pair stayed deleted and inserted), while a table of the texts finds
 * every copy at once.  A copy needs no piece beside it (extend_pair): its
 * partner says nothing more. */
static void pair_copies(struct builder *B)
{
    size_t nd = 0;
    for (size_t j = 0; j < B->n[1]; j++)
        nd += leftover(B, SIDE_B, j);
    if (!nd) return;
    /* B's sentences left over by text id: chains in B order through next[] */
    size_t cap = 2;
    while (cap < 2 * nd)
        cap *= 2;
    uint32_t *key = xmalloc(cap * sizeof *key), *head = xmalloc(cap * sizeof *head);
    uint32_t *next = xmalloc((B->n[1] + 1) * sizeof *next);
    for (size_t h = 0; h < cap; h++)
        head[h] = UINT32_MAX;
    const struct sentence *sa = B->sents[SIDE_A], *sb = B->sents[SIDE_B];
    for (size_t j = B->n[1]; j-- > 0;) {
        if (!leftover(B, SIDE_B, j)) continue;
        size_t h = sb[j].id * 0x9E3779B1u & (cap - 1);
        while (head[h] != UINT32_MAX && key[h] != sb[j].id)
            h = (h + 1) & (cap - 1);
        key[h] = sb[j].id;
        next[j] = head[h];
        head[h] = (uint32_t)j;
    }
    for (size_t i = 0; i < B->n[0]; i++) {
        if (!leftover(B, SIDE_A, i)) continue;
        size_t h = sa[i].id * 0x9E3779B1u & (cap - 1);
        while (head[h] != UINT32_MAX && key[h] != sa[i].id)
            h = (h + 1) & (cap - 1);
        uint32_t *link = &head[h]; /* the first of the chain with the same tokens */
        while (*link != UINT32_MAX && !same_tokens(B, i, *link))
            link = &next[*link];
        if (*link == UINT32_MAX) continue;
        uint32_t j = *link;
        *link = next[j];
        align_add_pair(B, &B->pairs, (uint32_t)i, j, 1.0f, true);
    }
    free(key);
    free(head);
    free(next);
}

void align_find_moves(struct builder *B)
{
    pair_copies(B);
    uint32_t *src = xmalloc((B->n[0] + 1) * sizeof *src),
             *dst = xmalloc((B->n[1] + 1) * sizeof *dst);
    size_t ns = 0, nd = 0;
    for (size_t i = 0; i < B->n[0]; i++)
        if (leftover(B, SIDE_A, i)) src[ns++] = (uint32_t)i;
    for (size_t j = 0; j < B->n[1]; j++)
        if (leftover(B, SIDE_B, j)) dst[nd++] = (uint32_t)j;
    if (!ns || !nd) {
        free(src);
        free(dst);
        return;
    }
    /* The bags of the sentences left over (pieces of a split that grows
     * from a move are left over too), both sides at once. */
    util_parallel(2, load_leftovers, B);
    struct sim_cand *c = NULL;
    bool approx = false;
    size_t nc =
        sim_candidates(B->sim, SIDE_A, src, ns, SIDE_B, dst, nd, B->o.move_floor, &c, &approx);
    nc = align_same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
    B->pairs_limited |= approx;
    if (nc > 1) qsort(c, nc, sizeof *c, cmp_cand_score);
    size_t lo[2] = {0, 0}, hi[2] = {B->n[0], B->n[1]};
    for (size_t k = 0; k < nc; k++) {
        uint32_t a = src[c[k].x], b = dst[c[k].y];
        if (B->pair_of[0][a] >= 0 || B->pair_of[1][b] >= 0) continue;
        size_t pi = align_add_pair(B, &B->pairs, a, b, c[k].score, true);
        extend_pair(B, B->sim, &B->pairs, pi, lo, hi);
    }
    free(c);
    free(src);
    free(dst);
}
