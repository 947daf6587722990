#include "config.h"

#include "wdiff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "segment.h"
#include "util.h"

/* The clean-up follows the idea of diff-match-patch's semantic clean-up
 * (N. Fraser), measured in words rather than characters: an equality
 * sitting between two changes is folded into them when it carries no
 * content (punctuation only) and is no longer than the smaller change, or
 * when it is a short scrap (CONFETTI_MAX tokens or fewer) that both
 * neighbouring changes outweigh.  Equalities as long as a neighbouring
 * change stay, so "resolutely respond through airtight cooperation" against
 * "respond firmly through close cooperation" keeps respond/through/
 * cooperation as common words. */
#define CONFETTI_MAX 2

/* One run of the edit script: eq tokens in common, or del/ins tokens
 * changed.  Positions are token indices into the two word arrays. */
struct run {
    size_t a, b;   /* first token on each side */
    size_t na, nb; /* tokens on each side */
    bool eq;
};

/* The tokens of a group of sentences, and for each the ordinal of its
 * sentence in the group, so that emitted spans can stop at sentence ends. */
struct gtokens {
    struct word *w;
    uint8_t *sent;
    size_t n;
};

/* The tokens of sentences s0 .. s0+sn-1: ids from the cache, byte spans
 * from a new pass of the tokenizer (the same tokenizer, so the same
 * tokens, without keys or interning).  The cache's counts size the arrays
 * once. */
static void group_tokens(const struct doc *d, const struct tokens *cache, uint32_t s0, uint32_t sn,
                         struct gtokens *t)
{
    size_t ns, total = 0;
    const struct sentence *sent = doc_sentences(d, &ns);
    const char *bytes = doc_bytes(d, NULL);
    for (uint32_t k = 0; k < sn; k++) {
        size_t nid;
        (void)tokens_of(cache, s0 + k, &nid);
        total += nid;
    }
    t->w = xreallocarray(NULL, total + 1, sizeof *t->w);
    t->sent = xmalloc(total + 1);
    t->n = 0;
    for (uint32_t k = 0; k < sn; k++) {
        size_t nid, at = sent[s0 + k].start;
        const uint32_t *ids = tokens_of(cache, s0 + k, &nid);
        struct seg_span sp;
        /* As many tokens as the cache holds: the same tokenizer, so all. */
        for (size_t j = 0; j < nid && seg_word_next(bytes, &at, sent[s0 + k].end, &sp); j++) {
            struct word *w = &t->w[t->n];
            w->start = sp.start;
            w->end = sp.end;
            w->id = ids[j] & ~TOKEN_PUNCT;
            w->flags = (ids[j] & TOKEN_PUNCT) ? WORD_PUNCT : 0;
            t->sent[t->n++] = (uint8_t)k;
        }
    }
}

static size_t content_tokens(const struct word *w, size_t from, size_t n)
{
    size_t c = 0;
    for (size_t i = from; i < from + n; i++)
        if (!(w[i].flags & WORD_PUNCT)) c++;
    return c;
}

static struct wop *push_op(struct wop **ops, size_t *cnt, size_t *cap, uint32_t kind)
{
    xgrow(ops, cap, *cnt + 1, sizeof **ops);
    struct wop *o = &(*ops)[(*cnt)++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

/* Emit tokens [from, from+n) of one side as spans that stop at sentence
 * ends: WOP_DEL fills the a span, WOP_INS the b span. */
static void emit_side(const struct gtokens *t, size_t from, size_t n, uint32_t kind,
                      struct wop **ops, size_t *cnt, size_t *cap)
{
    size_t i = from, end = from + n;
    while (i < end) {
        size_t stop = i + 1;
        while (stop < end && t->sent[stop] == t->sent[i])
            stop++;
        struct wop *o = push_op(ops, cnt, cap, kind);
        if (kind == WOP_DEL) {
            o->a_start = t->w[i].start;
            o->a_end = t->w[stop - 1].end;
        } else {
            o->b_start = t->w[i].start;
            o->b_end = t->w[stop - 1].end;
        }
        i = stop;
    }
}

/* Equal runs: span pairs, split where either side crosses a sentence end. */
static void emit_equal(const struct gtokens *ta, size_t fa, const struct gtokens *tb, size_t fb,
                       size_t n, struct wop **ops, size_t *cnt, size_t *cap)
{
    size_t k = 0;
    while (k < n) {
        size_t lim = 1;
        while (k + lim < n && ta->sent[fa + k + lim] == ta->sent[fa + k] &&
               tb->sent[fb + k + lim] == tb->sent[fb + k])
            lim++;
        struct wop *o = push_op(ops, cnt, cap, WOP_EQUAL);
        o->a_start = ta->w[fa + k].start;
        o->a_end = ta->w[fa + k + lim - 1].end;
        o->b_start = tb->w[fb + k].start;
        o->b_end = tb->w[fb + k + lim - 1].end;
        k += lim;
    }
}

size_t wdiff_pair(const struct doc *a, const struct tokens *ka, uint32_t a0, uint32_t an,
                  const struct doc *b, const struct tokens *kb, uint32_t b0, uint32_t bn,
                  struct wop **ops, size_t *n, size_t *cap)
{
    size_t before = *n;
    struct gtokens ta, tb;
    group_tokens(a, ka, a0, an, &ta);
    group_tokens(b, kb, b0, bn, &tb);
    size_t la = ta.n, lb = tb.n;
    const struct word *wa = ta.w;

    uint32_t *ia = xmalloc((la + lb + 1) * sizeof *ia);
    uint32_t *ib = ia + la;
    for (size_t i = 0; i < la; i++)
        ia[i] = ta.w[i].id;
    for (size_t i = 0; i < lb; i++)
        ib[i] = tb.w[i].id;
    struct diff_result r;
    diff_run(ia, la, ib, lb, NULL, &r);
    free(ia);

    /* Runs from the flags: equal stretches and change stretches. */
    struct run *runs = xmalloc((la + lb + 1) * sizeof *runs);
    size_t nr = 0, i = 0, j = 0;
    while (i < la || j < lb) {
        struct run rn = {i, j, 0, 0, false};
        if (i < la && j < lb && !r.ca[i] && !r.cb[j]) {
            rn.eq = true;
            while (i < la && j < lb && !r.ca[i] && !r.cb[j]) {
                i++;
                j++;
            }
        } else {
            while (i < la && r.ca[i])
                i++;
            while (j < lb && r.cb[j])
                j++;
        }
        rn.na = i - rn.a;
        rn.nb = j - rn.b;
        runs[nr++] = rn;
    }
    diff_result_free(&r);

    /* Clean-up: fold weak equalities into the changes around them, then
     * merge neighbouring changes; repeat until nothing moves. */
    bool again = true;
    while (again) {
        again = false;
        for (size_t k = 1; k + 1 < nr; k++) {
            if (!runs[k].eq || runs[k - 1].eq || runs[k + 1].eq) continue;
            size_t len = runs[k].na;
            size_t left = WD_MAX(runs[k - 1].na, runs[k - 1].nb);
            size_t right = WD_MAX(runs[k + 1].na, runs[k + 1].nb);
            bool punct_only = content_tokens(wa, runs[k].a, len) == 0;
            if ((punct_only && len <= WD_MIN(left, right)) ||
                (len <= CONFETTI_MAX && len < left && len < right)) {
                runs[k].eq = false;
                again = true;
            }
        }
        /* merge adjacent change runs */
        size_t m = 0;
        for (size_t k = 0; k < nr; k++) {
            if (m > 0 && !runs[k].eq && !runs[m - 1].eq) {
                runs[m - 1].na += runs[k].na;
                runs[m - 1].nb += runs[k].nb;
            } else {
                runs[m++] = runs[k];
            }
        }
        nr = m;
    }

    for (size_t k = 0; k < nr; k++) {
        if (runs[k].eq) {
            emit_equal(&ta, runs[k].a, &tb, runs[k].b, runs[k].na, ops, n, cap);
        } else {
            if (runs[k].na) emit_side(&ta, runs[k].a, runs[k].na, WOP_DEL, ops, n, cap);
            if (runs[k].nb) emit_side(&tb, runs[k].b, runs[k].nb, WOP_INS, ops, n, cap);
        }
    }
    free(runs);
    free(ta.w);
    free(ta.sent);
    free(tb.w);
    free(tb.sent);
    return *n - before;
}
