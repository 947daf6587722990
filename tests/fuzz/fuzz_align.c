/* fuzz_align.c - the alignment model and the corpus analysis.
 *
 * Input: byte 0 holds options (bit 0 minimal, bit 1 no moves, bit 2
 * doc_opts.text, bit 3 seal the context before aligning, as the command
 * line does, bit 4 strict keys); the rest is cut at the first NUL into
 * documents A and B (no NUL: B is empty).
 *
 * Checked (align.h), for align_docs and for align_swapped of it:
 *  - the rows showing a side hold each of its sentences exactly once, in
 *    order; every row's sentence ranges lie inside the documents;
 *  - row kinds have their shapes (same: one sentence each side with equal
 *    ids; deleted / inserted: one sentence, one side; changed: both sides,
 *    at most ALIGN_MAX_GROUP sentences each); sim in 0..1;
 *  - moved rows come in pairs naming each other, one per side, with the
 *    same sentences and ops; other rows have no partner;
 *  - same rows have only WOP_FOLD ops, in order inside their sentences,
 *    each marking bytes that differ, counted in same_folded;
 *  - other rows but pairs (changed, moved) have no ops; each op's spans are
 *    non-empty where its kind has them, (0,0) where not, and inside one
 *    sentence of its row; walking a pair's tokens (doc_sentence_words),
 *    the ops consume them in order, each exactly once, and an equal op
 *    pairs tokens with equal ids;
 *  - the statistics count the rows;
 *  - swapping twice gives the alignment back; a document aligned with
 *    itself is all same rows.
 * corpus_new on the two documents: one flag per sentence, story sentence
 * counts, pairs inside 0..1 overlap, sorted, overlapping documents marked.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "corpus.h"
#include "doc.h"
#include "util.h"

#include "fuzz.h"

/* The tokens of a group of sentences. */
struct toks {
    struct word *w;
    size_t n, cap;
};

static void group_words(const struct doc *d, struct doc_ctx *ctx, uint32_t first, uint32_t n,
                        struct toks *t)
{
    t->n = 0;
    for (uint32_t k = first; k < first + n; k++)
        doc_sentence_words(d, ctx, k, &t->w, &t->n, &t->cap);
}

/* The tokens [*at, ...) of t that make up span [s, e): returns how many,
 * after checking that the span starts at a token and ends at one. */
static size_t take_tokens(const struct toks *t, size_t *at, uint32_t s, uint32_t e)
{
    size_t i = *at;
    FUZZ_CHECK(i < t->n && t->w[i].start == s);
    while (i < t->n && t->w[i].end <= e)
        i++;
    FUZZ_CHECK(i > *at && t->w[i - 1].end == e);
    size_t n = i - *at;
    *at = i;
    return n;
}

/* Is [s, e) inside one of the sentences first .. first+n-1? */
static bool in_one_sentence(const struct sentence *se, uint32_t first, uint32_t n, uint32_t s,
                            uint32_t e)
{
    for (uint32_t k = first; k < first + n; k++)
        if (se[k].start <= s && e <= se[k].end) return true;
    return false;
}

/* The ops of pair row r (sides da, db as the alignment has them). */
static void check_ops(const struct alignment *al, const struct align_row *r, struct doc_ctx *ctx,
                      struct toks *ta, struct toks *tb)
{
    size_t nops;
    const struct wop *ops = align_ops(al, &nops);
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    size_t na, nb;
    const struct sentence *sa = doc_sentences(da, &na), *sb = doc_sentences(db, &nb);
    FUZZ_CHECK((size_t)r->op + r->nop <= nops);
    group_words(da, ctx, r->a, r->an, ta);
    group_words(db, ctx, r->b, r->bn, tb);
    size_t ia = 0, ib = 0;
    for (uint32_t k = r->op; k < r->op + r->nop; k++) {
        const struct wop *o = &ops[k];
        FUZZ_CHECK(o->kind == WOP_EQUAL || o->kind == WOP_DEL || o->kind == WOP_INS);
        bool has_a = o->kind != WOP_INS, has_b = o->kind != WOP_DEL;
        if (has_a) {
            FUZZ_CHECK(o->a_start < o->a_end);
            FUZZ_CHECK(in_one_sentence(sa, r->a, r->an, o->a_start, o->a_end));
        } else {
            FUZZ_CHECK(o->a_start == 0 && o->a_end == 0);
        }
        if (has_b) {
            FUZZ_CHECK(o->b_start < o->b_end);
            FUZZ_CHECK(in_one_sentence(sb, r->b, r->bn, o->b_start, o->b_end));
        } else {
            FUZZ_CHECK(o->b_start == 0 && o->b_end == 0);
        }
        size_t a0 = ia, b0 = ib, ka = 0, kb = 0;
        if (has_a) ka = take_tokens(ta, &ia, o->a_start, o->a_end);
        if (has_b) kb = take_tokens(tb, &ib, o->b_start, o->b_end);
        if (o->kind == WOP_EQUAL) {
            FUZZ_CHECK(ka == kb);
            for (size_t q = 0; q < ka; q++)
                FUZZ_CHECK(ta->w[a0 + q].id == tb->w[b0 + q].id);
        }
    }
    FUZZ_CHECK(ia == ta->n && ib == tb->n); /* every token in one op */
}

/* The WOP_FOLD ops of same row r: each inside the row's sentences, in
 * order, not overlapping, marking bytes that differ. */
static void check_fold(const struct alignment *al, const struct align_row *r)
{
    size_t nops, na, nb;
    const struct wop *ops = align_ops(al, &nops);
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    const struct sentence *sa = &doc_sentences(da, &na)[r->a], *sb = &doc_sentences(db, &nb)[r->b];
    const char *ba = doc_bytes(da, NULL), *bb = doc_bytes(db, NULL);
    FUZZ_CHECK((size_t)r->op + r->nop <= nops);
    uint32_t pa = sa->start, pb = sb->start;
    for (uint32_t k = r->op; k < r->op + r->nop; k++) {
        const struct wop *o = &ops[k];
        FUZZ_CHECK(o->kind == WOP_FOLD);
        FUZZ_CHECK(o->a_start >= pa && o->a_start <= o->a_end && o->a_end <= sa->end);
        FUZZ_CHECK(o->b_start >= pb && o->b_start <= o->b_end && o->b_end <= sb->end);
        FUZZ_CHECK(o->a_end > o->a_start || o->b_end > o->b_start);
        FUZZ_CHECK(o->a_end - o->a_start != o->b_end - o->b_start ||
                   memcmp(ba + o->a_start, bb + o->b_start, o->a_end - o->a_start) != 0);
        pa = o->a_end;
        pb = o->b_end;
    }
}

static void check_alignment(const struct alignment *al, const struct doc *da, const struct doc *db,
                            struct doc_ctx *ctx)
{
    FUZZ_CHECK(align_doc(al, SIDE_A) == da && align_doc(al, SIDE_B) == db);
    size_t nr, nops, n[2];
    const struct align_row *rows = align_rows(al, &nr);
    (void)align_ops(al, &nops);
    const struct sentence *se[2] = {doc_sentences(da, &n[0]), doc_sentences(db, &n[1])};
    const struct align_stats *st = align_get_stats(al);
    struct align_stats count;
    memset(&count, 0, sizeof count);
    size_t next[2] = {0, 0};
    struct toks ta = {NULL, 0, 0}, tb = {NULL, 0, 0};

    for (size_t k = 0; k < nr; k++) {
        const struct align_row *r = &rows[k];
        FUZZ_CHECK((unsigned)r->kind < ROW_KIND_COUNT);
        FUZZ_CHECK(r->show != 0 && (r->show & ~(SHOW_A | SHOW_B)) == 0);
        FUZZ_CHECK((size_t)r->a + r->an <= n[0] && (size_t)r->b + r->bn <= n[1]);
        FUZZ_CHECK(r->sim >= 0.0f && r->sim <= 1.0001f); /* also false for NaN */
        for (int side = 0; side < 2; side++) {
            if (!(r->show & (1u << side))) continue;
            uint32_t first = side ? r->b : r->a, cnt = side ? r->bn : r->an;
            FUZZ_CHECK(cnt >= 1 && first == next[side]);
            next[side] += cnt;
        }
        switch (r->kind) {
        case ROW_SAME:
            FUZZ_CHECK(r->an == 1 && r->bn == 1 && r->show == (SHOW_A | SHOW_B));
            FUZZ_CHECK(se[0][r->a].id == se[1][r->b].id);
            FUZZ_CHECK(r->sim == 1.0f);
            break;
        case ROW_DELETED:
            FUZZ_CHECK(r->an == 1 && r->bn == 0 && r->show == SHOW_A && r->sim == 0.0f);
            break;
        case ROW_INSERTED:
            FUZZ_CHECK(r->an == 0 && r->bn == 1 && r->show == SHOW_B && r->sim == 0.0f);
            break;
        case ROW_CHANGED:
        case ROW_MOVED:
            FUZZ_CHECK(r->an >= 1 && r->bn >= 1);
            FUZZ_CHECK(r->an <= ALIGN_MAX_GROUP && r->bn <= ALIGN_MAX_GROUP);
            FUZZ_CHECK(r->an == 1 || r->bn == 1); /* a split or a merge, not both */
            break;
        default:
            break;
        }
        if (r->kind == ROW_CHANGED) FUZZ_CHECK(r->show == (SHOW_A | SHOW_B));
        if (r->kind == ROW_MOVED) {
            FUZZ_CHECK(r->show == SHOW_A || r->show == SHOW_B);
            FUZZ_CHECK(r->partner >= 0 && (size_t)r->partner < nr && (size_t)r->partner != k);
            const struct align_row *p = &rows[r->partner];
            FUZZ_CHECK(p->kind == ROW_MOVED && p->partner == (int32_t)k);
            FUZZ_CHECK(p->show == (r->show ^ (SHOW_A | SHOW_B)));
            FUZZ_CHECK(p->a == r->a && p->an == r->an && p->b == r->b && p->bn == r->bn);
            FUZZ_CHECK(p->op == r->op && p->nop == r->nop && p->sim == r->sim);
        } else {
            FUZZ_CHECK(r->partner == -1);
        }
        if (r->kind == ROW_CHANGED || r->kind == ROW_MOVED) {
            if (r->kind == ROW_CHANGED || (r->show & SHOW_A)) check_ops(al, r, ctx, &ta, &tb);
        } else if (r->kind == ROW_SAME) {
            check_fold(al, r);
            count.same_folded += r->nop > 0;
        } else {
            FUZZ_CHECK(r->nop == 0);
        }

        if (r->kind == ROW_MOVED && !(r->show & SHOW_A)) continue; /* a pair counts once */
        count.rows[r->kind]++;
        if (r->kind != ROW_DELETED && r->kind != ROW_INSERTED) {
            count.pairs++;
            count.matched[0] += r->an;
            count.matched[1] += r->bn;
        }
    }
    FUZZ_CHECK(next[0] == n[0] && next[1] == n[1]); /* every sentence shown once */
    for (int kind = 0; kind < ROW_KIND_COUNT; kind++)
        FUZZ_CHECK(st->rows[kind] == count.rows[kind]);
    for (int side = 0; side < 2; side++) {
        FUZZ_CHECK(st->sentences[side] == n[side]);
        FUZZ_CHECK(st->matched[side] == count.matched[side]);
        FUZZ_CHECK(st->same_sentences[side] == count.rows[ROW_SAME]);
    }
    FUZZ_CHECK(st->pairs == count.pairs);
    FUZZ_CHECK(st->same_folded == count.same_folded);
    free(ta.w);
    free(tb.w);
}

static void check_swap(const struct alignment *al)
{
    struct alignment *s1 = align_swapped(al);
    struct alignment *s2 = align_swapped(s1);
    size_t n0, n2, o0, o2;
    const struct align_row *r0 = align_rows(al, &n0), *r2 = align_rows(s2, &n2);
    const struct wop *p0 = align_ops(al, &o0), *p2 = align_ops(s2, &o2);
    FUZZ_CHECK(n0 == n2 && o0 == o2);
    for (size_t k = 0; k < n0; k++) {
        FUZZ_CHECK(r0[k].kind == r2[k].kind && r0[k].show == r2[k].show);
        FUZZ_CHECK(r0[k].a == r2[k].a && r0[k].an == r2[k].an);
        FUZZ_CHECK(r0[k].b == r2[k].b && r0[k].bn == r2[k].bn);
        FUZZ_CHECK(r0[k].op == r2[k].op && r0[k].nop == r2[k].nop);
        FUZZ_CHECK(r0[k].partner == r2[k].partner && r0[k].sim == r2[k].sim);
    }
    for (size_t k = 0; k < o0; k++)
        FUZZ_CHECK(memcmp(&p0[k], &p2[k], sizeof p0[k]) == 0);
    FUZZ_CHECK(memcmp(align_get_stats(al), align_get_stats(s2), sizeof(struct align_stats)) == 0);
    align_free(s1);
    align_free(s2);
}

static void check_corpus(struct doc_ctx *ctx, struct doc *const *docs, size_t nd)
{
    struct corpus *c = corpus_new(ctx, docs, nd);
    FUZZ_CHECK(corpus_ndocs(c) == nd);
    size_t story[2];
    for (size_t k = 0; k < nd; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        const uint8_t *bp = corpus_boilerplate(c, k);
        FUZZ_CHECK(bp != NULL);
        size_t s = 0;
        for (size_t i = 0; i < ns; i++)
            s += !bp[i];
        FUZZ_CHECK(corpus_story_sentences(c, k) == s);
        story[k] = s;
    }
    size_t np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    bool overlaps[2] = {false, false};
    for (size_t q = 0; q < np; q++) {
        FUZZ_CHECK(p[q].a < p[q].b && p[q].b < nd);
        size_t matched = (size_t)p[q].same + p[q].changed + p[q].moved;
        FUZZ_CHECK(matched >= 1);
        FUZZ_CHECK(matched <= story[p[q].a] && matched <= story[p[q].b]);
        FUZZ_CHECK(p[q].overlap > 0.0f && p[q].overlap <= 1.0001f);
        FUZZ_CHECK(q == 0 || p[q - 1].overlap >= p[q].overlap);
        overlaps[p[q].a] = overlaps[p[q].b] = true;
    }
    for (size_t k = 0; k < nd; k++)
        FUZZ_CHECK(!corpus_doc_overlaps(c, k) == !overlaps[k]);
    corpus_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t flags = data[0];
    const char *part[2];
    size_t len[2];
    size_t np = fuzz_split(data + 1, size - 1, part, len, 2);
    if (np < 2) {
        part[1] = "";
        len[1] = 0;
    }
    struct doc_opts dopts = {.text = flags & 4};
    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, flags & 16);
    struct doc *d[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++)
        if (doc_from_memory(ctx, k ? "b.txt" : "a.txt", part[k], len[k], &dopts, &d[k]) != WD_OK)
            goto out; /* binary: refused, nothing to align */
    if (flags & 8) doc_ctx_seal(ctx);

    struct align_opts ao;
    align_default_opts(&ao);
    ao.minimal = flags & 1;
    ao.no_moves = flags & 2;
    struct alignment *al = align_docs(d[0], d[1], ctx, &ao);
    check_alignment(al, d[0], d[1], ctx);
    struct alignment *sw = align_swapped(al);
    check_alignment(sw, d[1], d[0], ctx);
    align_free(sw);
    check_swap(al);
    align_free(al);

    /* A document against itself: nothing but same rows. */
    struct alignment *self = align_docs(d[0], d[0], ctx, &ao);
    size_t nr, ns;
    const struct align_row *rows = align_rows(self, &nr);
    (void)doc_sentences(d[0], &ns);
    FUZZ_CHECK(nr == ns);
    for (size_t k = 0; k < nr; k++)
        FUZZ_CHECK(rows[k].kind == ROW_SAME && rows[k].a == k && rows[k].b == k &&
                   rows[k].nop == 0);
    align_free(self);

    check_corpus(ctx, d, 2);
out:
    doc_free(d[0]);
    doc_free(d[1]);
    doc_ctx_free(ctx);
    return 0;
}
