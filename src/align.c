#include "config.h"

#include "align.h"
#include "align_int.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "segment.h"
#include "sim.h"
#include "tokens.h"
#include "util.h"
#include "wdiff.h"

/* Similarity floors, on the weighted Dice of words and neighbouring-word
 * pairs (sim.h).  Measured on the sample corpus, sentences that restate one
 * statement score from about 0.18 (a single shared clause) to 0.9, while
 * sentences that merely share the story's topic ("North Korea", "Putin",
 * "military") stay under 0.17: their shared words are scattered, not
 * phrases, and occur in many sentences.  An in-order pair inside a changed
 * hunk needs PAIR_FLOOR; a move has no position to support it and needs
 * MOVE_FLOOR. */
#define PAIR_FLOOR 0.17
#define MOVE_FLOOR 0.20
/* Documents are taken for versions of one story when they share at least
 * ANCHORS_MIN sentences that are identical or reworded with similarity
 * ANCHOR_SIM or more (fewer when a document is that short).  Only then are
 * weaker pairs believed; otherwise every pair needs ANCHOR_SIM: two reports
 * on one topic share names and places in many sentences, but no statement. */
#define ANCHOR_SIM  ALIGN_WEAK_SIM
#define ANCHORS_MIN 2
/* A neighbouring sentence (or two) joins a pair as a piece of a split or
 * merge when at least PIECE_FLOOR of its weight, and PIECE_FEATURES_MIN
 * features, are found in the part of the other side that the pair does
 * not explain yet. */
#define PIECE_FLOOR        0.20
#define PIECE_FEATURES_MIN 2

/* struct pair, struct alignment, struct builder: align_int.h */

void align_default_opts(struct align_opts *o)
{
    o->floor = PAIR_FLOOR;
    o->move_floor = MOVE_FLOOR;
    o->no_moves = false;
    o->minimal = false;
}

const char *align_kind_name(enum row_kind k)
{
    static const char *const names[ROW_KIND_COUNT] = {"same", "changed", "moved", "deleted",
                                                      "inserted"};
    return (unsigned)k < ROW_KIND_COUNT ? names[k] : "?";
}

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

/* Item i of a list of sentences (NULL: sentence i, as sim_candidates_lean
 * takes it). */
static uint32_t list_at(const uint32_t *list, uint32_t i)
{
    return list ? list[i] : i;
}

/* Keep the candidates whose sentences are of one class (pair_class), or
 * identical (a caption or a byline that moved); returns how many, moved
 * to the front. */
static size_t same_class(struct sim_cand *c, size_t nc, const struct sentence *sa,
                         const uint32_t *src, const struct sentence *sb, const uint32_t *dst)
{
    size_t m = 0;
    for (size_t k = 0; k < nc; k++) {
        const struct sentence *x = &sa[list_at(src, c[k].x)], *y = &sb[list_at(dst, c[k].y)];
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

static size_t add_pair(struct builder *B, struct pairlist *pl, uint32_t a, uint32_t b, float sim,
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
    if (B->pair_of[0]) { /* else noted when it is made (make_pair_of) */
        B->pair_of[0][a] = (int32_t)pl->n;
        B->pair_of[1][b] = (int32_t)pl->n;
    }
    return pl->n++;
}

/* B->pair_of, made once the search for anchors is done (it needs none,
 * and two unrelated texts are at their peak of memory there), with the
 * pairs found before it (anchored pairs of one sentence a side). */
static void make_pair_of(struct builder *B)
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
    nc = same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
    pl->limited |= approx;
    bool *take = xcalloc(nc ? nc : 1, sizeof *take);
    heaviest_chain(c, nc, nd, take);
    size_t first = pl->n;
    for (size_t k = 0; k < nc; k++)
        if (take[k]) add_pair(B, pl, src[c[k].x], dst[c[k].y], c[k].score, false);
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

static void pair_hunks(struct builder *B, const struct diff_hunk *h, size_t nh)
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
        add_pair(B, &B->pairs, (uint32_t)i, j, 1.0f, true);
    }
    free(key);
    free(head);
    free(next);
}

/* Match sentences left over on both sides, across hunks: copies first
 * (pair_copies), then the best pairs by similarity. */
static void find_moves(struct builder *B)
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
    nc = same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
    B->pairs_limited |= approx;
    if (nc > 1) qsort(c, nc, sizeof *c, cmp_cand_score);
    size_t lo[2] = {0, 0}, hi[2] = {B->n[0], B->n[1]};
    for (size_t k = 0; k < nc; k++) {
        uint32_t a = src[c[k].x], b = dst[c[k].y];
        if (B->pair_of[0][a] >= 0 || B->pair_of[1][b] >= 0) continue;
        size_t pi = add_pair(B, &B->pairs, a, b, c[k].score, true);
        extend_pair(B, B->sim, &B->pairs, pi, lo, hi);
    }
    free(c);
    free(src);
    free(dst);
}

/* ---- rows ------------------------------------------------------------------ */

struct rowbuf {
    struct align_row *rows;
    size_t n, cap;
};

static size_t push_row(struct rowbuf *rb, enum row_kind kind, uint32_t a, uint32_t an, uint32_t b,
                       uint32_t bn, uint32_t show, float sim)
{
    xgrow(&rb->rows, &rb->cap, rb->n + 1, sizeof *rb->rows);
    struct align_row *r = &rb->rows[rb->n];
    r->kind = kind;
    r->a = a;
    r->an = an;
    r->b = b;
    r->bn = bn;
    r->show = show;
    r->sim = sim;
    r->op = r->nop = 0;
    r->partner = -1;
    return rb->n++;
}

/* Rows for the one-sided material of side `side` in [from, to): deleted or
 * inserted sentences, and the visible half of moved pairs. */
static void one_sided(struct builder *B, struct rowbuf *rb, int side, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        int32_t pi = B->pair_of[side][k];
        if (pi < 0) {
            if (side == SIDE_A)
                push_row(rb, ROW_DELETED, (uint32_t)k, 1, 0, 0, SHOW_A, 0);
            else
                push_row(rb, ROW_INSERTED, 0, 0, (uint32_t)k, 1, SHOW_B, 0);
            continue;
        }
        struct pair *p = &B->pairs.v[pi];
        if (!p->moved || k != (side ? p->b : p->a))
            continue; /* in-order pairs are placed by the caller; groups once */
        p->row[side] = (int32_t)push_row(rb, ROW_MOVED, p->a, p->an, p->b, p->bn,
                                         side ? SHOW_B : SHOW_A, p->sim);
    }
}

static void build_rows(struct builder *B, struct rowbuf *rb)
{
    size_t i = 0, j = 0;
    /* in-order pairs in A order (they are also in B order) */
    int32_t *order = xmalloc((B->pairs.n + 1) * sizeof *order);
    size_t no = 0;
    for (size_t k = 0; k < B->n[0]; k++) {
        int32_t pi = B->pair_of[0][k];
        const struct pair *p = pi >= 0 ? &B->pairs.v[pi] : NULL;
        if (p && !p->moved && !p->anchored && p->a == k) order[no++] = pi;
    }
    size_t next = 0;
    while (i < B->n[0] || j < B->n[1]) {
        if (i < B->n[0] && j < B->n[1] && !B->changed[0][i] && !B->changed[1][j]) {
            int32_t pi = B->pair_of[0][i];
            if (pi >= 0) { /* the same text but for a dateline */
                struct pair *p = &B->pairs.v[pi];
                p->row[0] = p->row[1] =
                    (int32_t)push_row(rb, ROW_CHANGED, p->a, 1, p->b, 1, SHOW_A | SHOW_B, p->sim);
            } else {
                push_row(rb, ROW_SAME, (uint32_t)i, 1, (uint32_t)j, 1, SHOW_A | SHOW_B, 1.0f);
            }
            i++;
            j++;
            continue;
        }
        size_t ie = i, je = j; /* the hunk */
        while (ie < B->n[0] && B->changed[0][ie])
            ie++;
        while (je < B->n[1] && B->changed[1][je])
            je++;
        while (next < no && B->pairs.v[order[next]].a < ie) {
            struct pair *p = &B->pairs.v[order[next++]];
            one_sided(B, rb, SIDE_A, i, p->a);
            one_sided(B, rb, SIDE_B, j, p->b);
            size_t r = push_row(rb, ROW_CHANGED, p->a, p->an, p->b, p->bn, SHOW_A | SHOW_B, p->sim);
            p->row[0] = p->row[1] = (int32_t)r;
            i = p->a + p->an;
            j = p->b + p->bn;
        }
        one_sided(B, rb, SIDE_A, i, ie);
        one_sided(B, rb, SIDE_B, j, je);
        i = ie;
        j = je;
    }
    free(order);
}

/* Count anchors (see ANCHOR_SIM) up to ANCHORS_MIN. */
static size_t count_anchors(struct builder *B)
{
    size_t anchors = 0;
    for (size_t i = 0; i < B->n[0]; i++)
        anchors += !B->changed[0][i];
    if (anchors >= ANCHORS_MIN) return anchors;
    /* the changed sentences of each side; NULL when they are all of them
     * (two unrelated texts, where every byte counts) */
    uint32_t *list[2] = {NULL, NULL};
    size_t nl[2];
    for (int side = 0; side < 2; side++) {
        nl[side] = 0;
        for (size_t i = 0; i < B->n[side]; i++)
            nl[side] += B->changed[side][i];
        if (nl[side] == B->n[side]) continue;
        list[side] = xmalloc((nl[side] + 1) * sizeof *list[side]);
        nl[side] = 0;
        for (size_t i = 0; i < B->n[side]; i++)
            if (B->changed[side][i]) list[side][nl[side]++] = (uint32_t)i;
    }
    const uint32_t *src = list[SIDE_A], *dst = list[SIDE_B];
    size_t ns = nl[SIDE_A], nd = nl[SIDE_B];
    struct sim_cand *c = NULL;
    bool approx = false;
    size_t nc =
        sim_candidates_lean(B->sim, SIDE_A, src, ns, SIDE_B, dst, nd, ANCHOR_SIM, &c, &approx);
    nc = same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
    B->pairs_limited |= approx;
    for (size_t k = 0; k < nc; k++)
        if (k == 0 || c[k].x != c[k - 1].x)
            anchors++; /* candidates come sorted by x: count sentences */
    if (anchors < ANCHORS_MIN) {
        /* Not versions of one story: every pair will need ANCHOR_SIM, and
         * this search over all the changed sentences found the only ones
         * that reach it.  The pairing and the moves look at nothing else
         * (the same search twice more cost two thirds of the time, and
         * the bags of every sentence twice over the memory). */
        for (int side = 0; side < 2; side++)
            B->only[side] = xcalloc(B->n[side] + 1, 1);
        for (size_t k = 0; k < nc; k++) {
            B->only[SIDE_A][list_at(src, c[k].x)] = 1;
            B->only[SIDE_B][list_at(dst, c[k].y)] = 1;
        }
    }
    free(c);
    free(list[0]);
    free(list[1]);
    return anchors;
}

struct alignment *align_docs(const struct doc *a, const struct doc *b, struct doc_ctx *ctx,
                             const struct align_opts *opts)
{
    struct builder B;
    memset(&B, 0, sizeof B);
    if (opts)
        B.o = *opts;
    else
        align_default_opts(&B.o);
    B.d[0] = a;
    B.d[1] = b;
    const struct sentence **s = B.sents;
    s[0] = doc_sentences(a, &B.n[0]);
    s[1] = doc_sentences(b, &B.n[1]);

    /* The sentence diff compares texts without their datelines: a lede
     * with one and the same lede without it are matched (and shown as
     * changed, the dateline marked); among copies of a sentence, the one
     * among its neighbours is matched (diff_prefer_neighbours). */
    uint32_t *ids[2];
    for (int side = 0; side < 2; side++) {
        ids[side] = xmalloc_dense((B.n[side] + 1) * sizeof *ids[side]);
        for (size_t k = 0; k < B.n[side]; k++)
            ids[side][k] = doc_body_id(side ? b : a, k);
    }
    struct diff_opts dopts = {.minimal = B.o.minimal, .shift = true};
    struct diff_result dr;
    diff_run(ids[0], B.n[0], ids[1], B.n[1], &dopts, &dr);
    diff_prefer_neighbours(ids[0], B.n[0], ids[1], B.n[1], &dr);
    free(ids[0]);
    free(ids[1]);
    B.changed[0] = dr.ca;
    B.changed[1] = dr.cb;
    uint8_t *anchored[2] = {NULL, NULL}; /* tokens for these too */
    for (size_t i = 0, j = 0; i < B.n[0] && j < B.n[1];) {
        if (dr.ca[i]) {
            i++;
        } else if (dr.cb[j]) {
            j++;
        } else {
            if (s[0][i].id != s[1][j].id) {
                if (!anchored[0]) { /* the first: the changed flags, and these */
                    anchored[0] = xmalloc(B.n[0] + 1);
                    anchored[1] = xmalloc(B.n[1] + 1);
                    memcpy(anchored[0], dr.ca, B.n[0]);
                    memcpy(anchored[1], dr.cb, B.n[1]);
                }
                anchored[0][i] = anchored[1][j] = 1;
                size_t pi = add_pair(&B, &B.pairs, (uint32_t)i, (uint32_t)j, 1.0f, false);
                B.pairs.v[pi].anchored = true;
            }
            i++;
            j++;
        }
    }

    const struct doc *dd[2] = {a, b};
    const uint8_t *sel[2] = {anchored[0] ? anchored[0] : B.changed[0],
                             anchored[1] ? anchored[1] : B.changed[1]};
    struct tokens *tk[2];
    tokens_new_many(dd, 2, ctx, sel, tk);
    free(anchored[0]);
    free(anchored[1]);
    B.tk = tk;
    B.sim = sim_new(dd, (const struct tokens *const *)tk, 2, ctx);
    size_t need = WD_MIN((size_t)ANCHORS_MIN, WD_MIN(B.n[0], B.n[1]));
    if (count_anchors(&B) < need || need == 0) {
        B.o.floor = WD_MAX(B.o.floor, ANCHOR_SIM);
        B.o.move_floor = WD_MAX(B.o.move_floor, ANCHOR_SIM);
    }
    make_pair_of(&B);
    struct diff_hunk *h = NULL;
    size_t nh = diff_hunks(&dr, &h);
    pair_hunks(&B, h, nh);
    free(h);
    if (!B.o.no_moves) find_moves(&B);
    free(B.only[0]);
    free(B.only[1]);
    sim_free(B.sim); /* its bags are no use to the word diffs: room for their operations */
    B.sim = NULL;

    /* The word diffs before the rows, so that the tokens (of every
     * sentence of two unrelated texts) are gone when the rows are made. */
    struct alignment *al = xcalloc(1, sizeof *al);
    al->d[0] = a;
    al->d[1] = b;
    align_word_diffs(&B, tk, al);
    tokens_free(tk[0]);
    tokens_free(tk[1]);
    B.tk = NULL;

    /* Every sentence is in at most one row (a row of a pair holds two or
     * more): room for them all at once, rather than doublings that copy
     * the rows and fault in each new array (pages of the room that no row
     * takes are never touched). */
    struct rowbuf rb = {NULL, 0, B.n[0] + B.n[1] + 1};
    rb.rows = xmalloc(rb.cap * sizeof *rb.rows);
    build_rows(&B, &rb);
    for (size_t pi = 0; pi < B.pairs.n; pi++) {
        const struct pair *p = &B.pairs.v[pi];
        for (int side = 0; side < 2; side++) {
            rb.rows[p->row[side]].op = p->op;
            rb.rows[p->row[side]].nop = p->nop;
        }
        if (p->moved) {
            rb.rows[p->row[0]].partner = p->row[1];
            rb.rows[p->row[1]].partner = p->row[0];
        }
    }
    align_fold_same_rows(al, rb.rows, rb.n, ctx->strict);
    al->rows = rb.rows;
    al->nrows = rb.n;

    struct align_stats *st = &al->stats;
    st->sentences[0] = B.n[0];
    st->sentences[1] = B.n[1];
    st->limited = dr.limited;
    st->pairs_limited = B.pairs_limited;
    for (size_t k = 0; k < rb.n; k++) {
        const struct align_row *r = &rb.rows[k];
        if (r->kind == ROW_MOVED && !(r->show & SHOW_A)) continue; /* count a moved pair once */
        st->rows[r->kind]++;
        if (r->kind == ROW_SAME || r->kind == ROW_CHANGED || r->kind == ROW_MOVED) {
            st->pairs++;
            st->matched[0] += r->an;
            st->matched[1] += r->bn;
            if (r->kind == ROW_SAME) {
                st->same_sentences[0]++;
                st->same_sentences[1]++;
                st->same_folded += r->nop > 0;
            }
        }
    }

    diff_result_free(&dr);
    free(B.pair_of[0]);
    free(B.pair_of[1]);
    free(B.pairs.v);
    return al;
}

static void swap_u32(uint32_t *x, uint32_t *y)
{
    uint32_t t = *x;
    *x = *y;
    *y = t;
}

struct alignment *align_swapped(const struct alignment *al)
{
    struct alignment *s = xcalloc(1, sizeof *s);
    s->d[0] = al->d[1];
    s->d[1] = al->d[0];
    s->nrows = al->nrows;
    s->rows = xmalloc((al->nrows + 1) * sizeof *s->rows);
    for (size_t k = 0; k < al->nrows; k++) {
        struct align_row r = al->rows[k];
        swap_u32(&r.a, &r.b);
        swap_u32(&r.an, &r.bn);
        r.show = ((r.show & SHOW_A) ? SHOW_B : 0) | ((r.show & SHOW_B) ? SHOW_A : 0);
        if (r.kind == ROW_DELETED)
            r.kind = ROW_INSERTED;
        else if (r.kind == ROW_INSERTED)
            r.kind = ROW_DELETED;
        s->rows[k] = r;
    }
    s->nops = al->nops;
    s->ops = xmalloc((al->nops + 1) * sizeof *s->ops);
    for (size_t k = 0; k < al->nops; k++) {
        struct wop o = al->ops[k];
        swap_u32(&o.a_start, &o.b_start);
        swap_u32(&o.a_end, &o.b_end);
        if (o.kind == WOP_DEL)
            o.kind = WOP_INS;
        else if (o.kind == WOP_INS)
            o.kind = WOP_DEL;
        s->ops[k] = o;
    }
    s->stats = al->stats;
    for (int side = 0; side < 2; side++) {
        s->stats.sentences[side] = al->stats.sentences[!side];
        s->stats.matched[side] = al->stats.matched[!side];
        s->stats.same_sentences[side] = al->stats.same_sentences[!side];
    }
    size_t t = s->stats.rows[ROW_DELETED];
    s->stats.rows[ROW_DELETED] = s->stats.rows[ROW_INSERTED];
    s->stats.rows[ROW_INSERTED] = t;
    return s;
}

void align_free(struct alignment *al)
{
    if (!al) return;
    free(al->rows);
    free(al->ops);
    free(al);
}

const struct doc *align_doc(const struct alignment *al, int side)
{
    return al->d[side ? 1 : 0];
}

const struct align_row *align_rows(const struct alignment *al, size_t *n)
{
    *n = al->nrows;
    return al->rows;
}

const struct wop *align_ops(const struct alignment *al, size_t *n)
{
    *n = al->nops;
    return al->ops;
}

const struct align_stats *align_get_stats(const struct alignment *al)
{
    return &al->stats;
}

bool align_differs(const struct alignment *al)
{
    const size_t *r = al->stats.rows;
    return r[ROW_CHANGED] + r[ROW_MOVED] + r[ROW_DELETED] + r[ROW_INSERTED] > 0;
}

char align_role_mark(const struct alignment *al, const struct align_row *r, int side)
{
    uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
    if (!(r->show & (1u << side)) || n == 0) return ' ';
    size_t ns;
    return role_mark(&doc_sentences(al->d[side ? 1 : 0], &ns)[first]);
}
