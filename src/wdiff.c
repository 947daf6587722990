#include "config.h"

#include "wdiff.h"

#include <stdbool.h>
#include <stdlib.h>

#include "diff.h"
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
    size_t a, b;     /* first token on each side */
    size_t na, nb;   /* tokens on each side */
    bool eq;
};

static size_t group_words(const struct doc *d, uint32_t s0, uint32_t sn, size_t *first)
{
    size_t ns, nw;
    const struct sentence *s = doc_sentences(d, &ns);
    (void)doc_words(d, &nw);
    if (sn == 0) {
        *first = 0;
        return 0;
    }
    *first = s[s0].word;
    return s[s0 + sn - 1].word + s[s0 + sn - 1].nword - s[s0].word;
}

static size_t content_tokens(const struct word *w, size_t from, size_t n)
{
    size_t c = 0;
    for (size_t i = from; i < from + n; i++)
        if (!(w[i].flags & WORD_PUNCT))
            c++;
    return c;
}

/* Index of the sentence holding token w (sentences cover tokens in order). */
static size_t sentence_of(const struct sentence *s, size_t ns, size_t w)
{
    size_t lo = 0, hi = ns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].word <= w)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Emit a run of tokens [from, from+n) of one side as spans that stop at
 * sentence ends.  side 0 fills a_*, side 1 fills b_*. */
static void emit_side(const struct doc *d, const struct word *w, size_t from, size_t n,
                      uint32_t kind, struct wop **ops, size_t *cnt, size_t *cap)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    size_t i = from, end = from + n;
    size_t si = sentence_of(s, ns, from);
    while (i < end) {
        while (si + 1 < ns && s[si].word + s[si].nword <= i)
            si++;
        size_t stop = WD_MIN(end, (size_t)s[si].word + s[si].nword);
        if (stop <= i)
            stop = i + 1;
        xgrow(ops, cap, *cnt + 1, sizeof **ops);
        struct wop *o = &(*ops)[(*cnt)++];
        o->kind = kind;
        o->a_start = o->a_end = o->b_start = o->b_end = 0;
        if (kind == WOP_DEL) {
            o->a_start = w[i].start;
            o->a_end = w[stop - 1].end;
        } else {
            o->b_start = w[i].start;
            o->b_end = w[stop - 1].end;
        }
        i = stop;
    }
}

/* Equal runs: emit span pairs, split where either side crosses a sentence
 * boundary. */
static void emit_equal(const struct doc *a, const struct word *wa, size_t fa, const struct doc *b,
                       const struct word *wb, size_t fb, size_t n, struct wop **ops, size_t *cnt,
                       size_t *cap)
{
    size_t nsa, nsb;
    const struct sentence *sa = doc_sentences(a, &nsa);
    const struct sentence *sb = doc_sentences(b, &nsb);
    size_t k = 0;
    size_t ia = sentence_of(sa, nsa, fa), ib = sentence_of(sb, nsb, fb);
    while (k < n) {
        size_t pa = fa + k, pb = fb + k;
        while (ia + 1 < nsa && sa[ia].word + sa[ia].nword <= pa)
            ia++;
        while (ib + 1 < nsb && sb[ib].word + sb[ib].nword <= pb)
            ib++;
        size_t lim = n - k;
        lim = WD_MIN(lim, (size_t)sa[ia].word + sa[ia].nword - pa);
        lim = WD_MIN(lim, (size_t)sb[ib].word + sb[ib].nword - pb);
        if (lim == 0)
            lim = 1;
        xgrow(ops, cap, *cnt + 1, sizeof **ops);
        struct wop *o = &(*ops)[(*cnt)++];
        o->kind = WOP_EQUAL;
        o->a_start = wa[pa].start;
        o->a_end = wa[pa + lim - 1].end;
        o->b_start = wb[pb].start;
        o->b_end = wb[pb + lim - 1].end;
        k += lim;
    }
}

size_t wdiff_pair(const struct doc *a, uint32_t a0, uint32_t an, const struct doc *b, uint32_t b0,
                  uint32_t bn, struct wop **ops, size_t *n, size_t *cap)
{
    size_t before = *n;
    size_t fa, fb, nwa, nwb;
    const struct word *wa = doc_words(a, &nwa);
    const struct word *wb = doc_words(b, &nwb);
    size_t la = group_words(a, a0, an, &fa);
    size_t lb = group_words(b, b0, bn, &fb);

    uint32_t *ia = xmalloc((la + lb + 1) * sizeof *ia);
    uint32_t *ib = ia + la;
    for (size_t i = 0; i < la; i++)
        ia[i] = wa[fa + i].id;
    for (size_t i = 0; i < lb; i++)
        ib[i] = wb[fb + i].id;
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
            if (!runs[k].eq || runs[k - 1].eq || runs[k + 1].eq)
                continue;
            size_t len = runs[k].na;
            size_t left = WD_MAX(runs[k - 1].na, runs[k - 1].nb);
            size_t right = WD_MAX(runs[k + 1].na, runs[k + 1].nb);
            bool punct_only = content_tokens(wa, fa + runs[k].a, len) == 0;
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
            emit_equal(a, wa, fa + runs[k].a, b, wb, fb + runs[k].b, runs[k].na, ops, n, cap);
        } else {
            if (runs[k].na)
                emit_side(a, wa, fa + runs[k].a, runs[k].na, WOP_DEL, ops, n, cap);
            if (runs[k].nb)
                emit_side(b, wb, fb + runs[k].b, runs[k].nb, WOP_INS, ops, n, cap);
        }
    }
    free(runs);
    return *n - before;
}
