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
    nc = align_same_class(c, nc, B->sents[SIDE_A], src, B->sents[SIDE_B], dst);
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
            B->only[SIDE_A][align_list_at(src, c[k].x)] = 1;
            B->only[SIDE_B][align_list_at(dst, c[k].y)] = 1;
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
                size_t pi = align_add_pair(&B, &B.pairs, (uint32_t)i, (uint32_t)j, 1.0f, false);
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
    align_make_pair_of(&B);
    struct diff_hunk *h = NULL;
    size_t nh = diff_hunks(&dr, &h);
    align_pair_hunks(&B, h, nh);
    free(h);
    if (!B.o.no_moves) align_find_moves(&B);
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
