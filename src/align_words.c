/* align_words.c - the word diffs of an alignment's pairs, in slices on
 * all CPUs, and the folded differences of its same rows (align_int.h). */
#include "config.h"

#include "align_int.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "segment.h"
#include "util.h"

/* The word diffs of the pairs, in slices on parallel threads, then joined:
 * the same operations as one thread gives (pairs find theirs by offset, so
 * the order of the array is free).  A pair's word diff reads both halves'
 * bytes, noted in a pass per side (doc_pass) that gives mapped pages back
 * as it goes.  In-order pairs come in the order of both documents.  The
 * halves of moved pairs lie anywhere: read in the order found, every few
 * reads gave back the whole span and faulted it in again (the shuffled
 * 100k pair spent 11 of its 20 s there).  They are taken in chunks of
 * nearby A halves (in A order, at most MOVED_CHUNK bytes of A), each
 * chunk in B order: B is read onward, and A holds one chunk. */
#define MOVED_CHUNK (8 * DOC_RELEASE_EVERY)

struct wd_slice {
    size_t first, end; /* positions in the order of work */
    bool moved;        /* the slice holds chunks of moved pairs */
    struct wop *ops;
    size_t nops, cap;
    uint32_t *op, *nop; /* per position of the slice */
};

struct wd_job {
    const struct builder *B;
    struct tokens *const *tk;
    const uint32_t *order; /* pair indices in the order of work */
    const uint8_t *cut;    /* per position: 1 where a chunk of moved pairs starts */
    struct wd_slice *slice;
};

/* The word diff of a pair of two sentences of the same bytes (the copies
 * that pair_copies finds, a shuffled text's every pair), as wdiff_pair
 * gives it: its tokens all equal, one WOP_EQUAL from the first token's
 * start to the last one's end, the same offsets into each sentence.
 * Tokenizes A's sentence only, and diffs nothing.  Returns false, having
 * done nothing, for any other pair. */
static bool copy_diff(const struct builder *B, struct tokens *const *tk, const struct pair *p,
                      struct wd_slice *sl)
{
    if (p->an != 1 || p->bn != 1) return false;
    const struct sentence *x = &B->sents[SIDE_A][p->a], *y = &B->sents[SIDE_B][p->b];
    const char *ba = doc_bytes(B->d[SIDE_A], NULL), *bb = doc_bytes(B->d[SIDE_B], NULL);
    if (x->end - x->start != y->end - y->start ||
        memcmp(ba + x->start, bb + y->start, x->end - x->start) != 0)
        return false;
    size_t nid, at = x->start, n = 0;
    (void)tokens_of(tk[SIDE_A], p->a, &nid);
    struct seg_span sp = {0, 0, 0}, first = sp;
    for (; n < nid && seg_word_next(ba, &at, x->end, &sp); n++) /* as many as group_tokens */
        if (n == 0) first = sp;
    if (n == 0) return true; /* no tokens: no operations */
    xgrow(&sl->ops, &sl->cap, sl->nops + 1, sizeof *sl->ops);
    struct wop *o = &sl->ops[sl->nops++];
    o->kind = WOP_EQUAL;
    o->a_start = first.start;
    o->a_end = sp.end;
    o->b_start = first.start - x->start + y->start;
    o->b_end = sp.end - x->start + y->start;
    return true;
}

static void word_diff_one(const struct wd_job *job, struct wd_slice *sl, size_t q)
{
    const struct builder *B = job->B;
    const struct pair *p = &B->pairs.v[job->order[sl->first + q]];
    sl->op[q] = (uint32_t)sl->nops;
    if (copy_diff(B, job->tk, p, sl))
        sl->nop[q] = (uint32_t)(sl->nops - sl->op[q]);
    else
        sl->nop[q] = (uint32_t)wdiff_pair(B->d[0], job->tk[0], p->a, p->an, B->d[1], job->tk[1],
                                          p->b, p->bn, &sl->ops, &sl->nops, &sl->cap);
}

/* The bytes of side `side` that pair p spans. */
static void pair_span(const struct builder *B, const struct pair *p, int side, uint32_t *lo,
                      uint32_t *hi)
{
    const struct sentence *s = B->sents[side];
    uint32_t first = side ? p->b : p->a, n = side ? p->bn : p->an;
    *lo = s[first].start;
    *hi = s[first + n - 1].end;
}

static void word_diff_slice(void *arg, size_t k)
{
    struct wd_job *job = arg;
    const struct builder *B = job->B;
    struct wd_slice *sl = &job->slice[k];
    size_t n = sl->end - sl->first;
    sl->op = xmalloc((n + 1) * sizeof *sl->op);
    sl->nop = xmalloc((n + 1) * sizeof *sl->nop);
    struct doc_pass pass[2];
    uint32_t lo, hi, alo = UINT32_MAX, ahi = 0;
    doc_pass_begin(&pass[0], B->d[0]);
    doc_pass_begin(&pass[1], B->d[1]);
    for (size_t q = 0; q < n; q++) {
        const struct pair *p = &B->pairs.v[job->order[sl->first + q]];
        if (sl->moved && q > 0 && job->cut[sl->first + q]) { /* the next chunk */
            doc_pass_read(&pass[0], alo, ahi);
            doc_pass_end(&pass[0]);
            doc_pass_end(&pass[1]);
            doc_pass_begin(&pass[0], B->d[0]);
            doc_pass_begin(&pass[1], B->d[1]);
            alo = UINT32_MAX;
            ahi = 0;
        }
        word_diff_one(job, sl, q);
        pair_span(B, p, SIDE_A, &lo, &hi);
        if (sl->moved) { /* the chunk's A is noted as one read when it is done */
            alo = WD_MIN(alo, lo);
            ahi = WD_MAX(ahi, hi);
        } else {
            doc_pass_read(&pass[0], lo, hi);
        }
        pair_span(B, p, SIDE_B, &lo, &hi);
        doc_pass_read(&pass[1], lo, hi);
    }
    if (alo < ahi) doc_pass_read(&pass[0], alo, ahi);
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
}

/* Moved pairs by their A halves, and within a chunk by their B halves. */
struct moved_key {
    uint32_t chunk, b, pair;
};

static int cmp_moved_a(const void *p, const void *q)
{
    const struct moved_key *x = p, *y = q;
    return x->chunk != y->chunk ? (x->chunk < y->chunk ? -1 : 1) : (x->b > y->b) - (x->b < y->b);
}

/* The order of work: in-order pairs as listed, then the moved pairs in
 * chunks (see align_word_diffs); cut[] marks where each chunk starts.  Returns
 * the number of in-order pairs. */
static size_t work_order(const struct builder *B, uint32_t *order, uint8_t *cut)
{
    size_t n = B->pairs.n, nin = 0, nm = 0;
    struct moved_key *m = xmalloc((n + 1) * sizeof *m);
    for (size_t pi = 0; pi < n; pi++) {
        const struct pair *p = &B->pairs.v[pi];
        if (!p->moved) {
            order[nin] = (uint32_t)pi;
            cut[nin++] = 0;
        } else {
            m[nm].chunk = p->a; /* sorted by A first */
            m[nm].b = p->b;
            m[nm++].pair = (uint32_t)pi;
        }
    }
    qsort(m, nm, sizeof *m, cmp_moved_a);
    /* chunks of at most MOVED_CHUNK bytes of A, then each by B */
    uint32_t chunk = 0, start = 0;
    for (size_t k = 0; k < nm; k++) {
        uint32_t lo, hi;
        pair_span(B, &B->pairs.v[m[k].pair], SIDE_A, &lo, &hi);
        if (k == 0 || hi - start > MOVED_CHUNK) {
            chunk += k > 0;
            start = lo;
        }
        m[k].chunk = chunk;
    }
    qsort(m, nm, sizeof *m, cmp_moved_a);
    for (size_t k = 0; k < nm; k++) {
        order[nin + k] = m[k].pair;
        cut[nin + k] = k == 0 || m[k].chunk != m[k - 1].chunk;
    }
    free(m);
    return nin;
}
/* Pairs per slice, at least: below that a thread costs more than it saves. */
#define WD_SLICE_MIN 4096

/* Cut positions [from, to) of the order of work into slices of at least
 * WD_SLICE_MIN, each starting where cut[] is set (NULL: anywhere), into
 * slice[*ns...]. */
static void cut_slices(size_t from, size_t to, const uint8_t *cut, bool moved,
                       struct wd_slice *slice, size_t *ns)
{
    size_t nslices = util_slices(to - from, WD_SLICE_MIN), first = from;
    for (size_t k = 1; k <= nslices && first < to; k++) {
        size_t end = k == nslices ? to : from + (to - from) * k / nslices;
        while (cut && end < to && !cut[end])
            end++;
        if (end <= first) continue;
        slice[*ns].first = first;
        slice[*ns].end = end;
        slice[(*ns)++].moved = moved;
        first = end;
    }
}

void align_word_diffs(const struct builder *B, struct tokens *const *tk, struct alignment *al)
{
    size_t n = B->pairs.n;
    uint32_t *order = xmalloc((n + 1) * sizeof *order);
    uint8_t *cut = xmalloc(n + 1);
    size_t nin = work_order(B, order, cut);
    struct wd_slice *slice = xcalloc(2 * util_slices(n, WD_SLICE_MIN) + 2, sizeof *slice);
    size_t nslices = 0;
    cut_slices(0, nin, NULL, false, slice, &nslices);
    cut_slices(nin, n, cut, true, slice, &nslices);
    if (!nslices) nslices = 1; /* no pairs: an empty slice, for its array of operations */
    struct wd_job job = {B, tk, order, cut, slice};
    util_parallel(nslices, word_diff_slice, &job);
    size_t total = 0;
    for (size_t k = 0; k < nslices; k++)
        total += slice[k].nops;
    al->ops = slice[0].ops; /* already in place */
    al->nops = 0;
    xgrow(&al->ops, &slice[0].cap, total + 1, sizeof *al->ops);
    for (size_t k = 0; k < nslices; k++) {
        const struct wd_slice *sl = &slice[k];
        size_t base = al->nops;
        if (k) {
            memcpy(al->ops + base, sl->ops, sl->nops * sizeof *sl->ops);
            free(sl->ops);
        }
        al->nops += sl->nops;
        for (size_t q = sl->first; q < sl->end; q++) {
            struct pair *p = &B->pairs.v[order[q]];
            p->op = (uint32_t)(base + sl->op[q - sl->first]);
            p->nop = sl->nop[q - sl->first];
        }
        free(sl->op);
        free(sl->nop);
    }
    free(slice);
    free(order);
    free(cut);
}

/* The same rows whose bytes differ beyond white space: their WOP_FOLD
 * operations (wdiff_folded), after the pairs' operations.  The bytes of
 * most same rows are equal: one comparison each. */
void align_fold_same_rows(struct alignment *al, struct align_row *rows, size_t nrows, bool strict)
{
    size_t ns, cap = al->nops + 1; /* at least what align_word_diffs allocated */
    const struct sentence *sa = doc_sentences(al->d[0], &ns), *sb = doc_sentences(al->d[1], &ns);
    const char *ba = doc_bytes(al->d[0], NULL), *bb = doc_bytes(al->d[1], NULL);
    struct doc_pass pass[2];
    doc_pass_begin(&pass[0], al->d[0]);
    doc_pass_begin(&pass[1], al->d[1]);
    for (size_t k = 0; k < nrows; k++) {
        struct align_row *r = &rows[k];
        if (r->kind != ROW_SAME) continue;
        const struct sentence *x = &sa[r->a], *y = &sb[r->b];
        doc_pass_read(&pass[0], x->start, x->end);
        doc_pass_read(&pass[1], y->start, y->end);
        if (x->end - x->start == y->end - y->start &&
            memcmp(ba + x->start, bb + y->start, x->end - x->start) == 0)
            continue;
        r->op = (uint32_t)al->nops;
        r->nop = (uint32_t)wdiff_folded(al->d[0], r->a, al->d[1], r->b, strict, &al->ops, &al->nops,
                                        &cap);
    }
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
}
