/* Unit tests of sim_candidates_lean (sim_lean.c): the same candidates,
 * scores to the bit and the same cut-short flag as loading the bags
 * (sim_load) and calling sim_candidates, on generated documents that
 * reach every path of the search: the exhaustive comparison of short
 * lists, the inverted index, and the sources made only of words too
 * common to probe (compared with every target, or left out past
 * SIM_CUT_CELLS). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "sim.h"
#include "tokens.h"
#include "util.h"

static uint64_t rng = 88172645463325252ull;

static uint32_t next_rand(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* Words from rare ("w123") to common ("the"); compounds and possessives
 * split into features of their own (sim.c). */
static const char *const common[] = {"the", "of", "and", "a", "to", "in", "said", "was"};

static void add_word(struct strbuf *b, uint32_t rare_words)
{
    uint32_t r = next_rand(100);
    char w[32];
    if (r < 45)
        snprintf(w, sizeof w, "%s", common[next_rand(8)]);
    else if (r < 50)
        snprintf(w, sizeof w, "w%u-x%u", next_rand(rare_words), next_rand(40));
    else if (r < 53)
        snprintf(w, sizeof w, "W%u's", next_rand(rare_words));
    else
        snprintf(w, sizeof w, "w%u", next_rand(rare_words));
    sb_adds(b, w);
}

/* A document of n sentences: each made of new words, or a reworded copy
 * of a sentence of `from` (the other document's sentences, 0 if none),
 * or (one in `plain`, if plain) only common words; a few open with a
 * dateline. */
static char *make_doc(size_t n, uint32_t rare_words, char **from, size_t nfrom, uint32_t plain,
                      char ***sents)
{
    struct strbuf b = {0};
    *sents = xcalloc(n, sizeof **sents);
    for (size_t i = 0; i < n; i++) {
        struct strbuf s = {0};
        if (next_rand(20) == 0) sb_adds(&s, "PARIS (Reuters) - ");
        if (plain && next_rand(plain) == 0) {
            size_t len = 4 + next_rand(8);
            for (size_t k = 0; k < len; k++) {
                sb_adds(&s, k ? " " : "");
                sb_adds(&s, common[next_rand(8)]);
            }
        } else if (nfrom && next_rand(3) == 0) {
            /* the words of a sentence of the other document, a few changed */
            const char *src = from[next_rand((uint32_t)nfrom)];
            const char *p = strstr(src, " - ");
            p = p ? p + 3 : src;
            size_t len = strlen(p);
            size_t k = 0;
            while (k < len && p[k] != '.') {
                size_t e = k;
                while (e < len && p[e] != ' ' && p[e] != '.')
                    e++;
                if (next_rand(4) == 0)
                    add_word(&s, rare_words);
                else
                    sb_add(&s, p + k, e - k);
                if (e < len && p[e] == ' ') sb_adds(&s, " ");
                k = e < len && p[e] == ' ' ? e + 1 : e;
            }
        } else {
            size_t len = 3 + next_rand(20);
            for (size_t k = 0; k < len; k++) {
                sb_adds(&s, k ? " " : "");
                add_word(&s, rare_words);
            }
        }
        sb_adds(&s, ".");
        (*sents)[i] = xstrdup(s.s);
        sb_add(&b, s.s, s.len);
        sb_adds(&b, "\n\n");
        sb_free(&s);
    }
    return sb_take(&b, NULL);
}

struct pair {
    struct doc_ctx *ctx;
    struct doc *d[2];
    struct tokens *tk[2];
    struct sim *sim;
    size_t n[2];
};

static void pair_new(struct pair *p, size_t na, size_t nb, uint32_t rare_words, uint32_t plain)
{
    char **sa, **sb;
    char *ta = make_doc(na, rare_words, NULL, 0, plain, &sa);
    char *tb = make_doc(nb, rare_words, sa, na, plain, &sb);
    p->ctx = doc_ctx_new();
    assert_int_equal(doc_from_memory(p->ctx, "a", ta, strlen(ta), NULL, &p->d[0]), WD_OK);
    assert_int_equal(doc_from_memory(p->ctx, "b", tb, strlen(tb), NULL, &p->d[1]), WD_OK);
    for (size_t i = 0; i < na; i++)
        free(sa[i]);
    for (size_t i = 0; i < nb; i++)
        free(sb[i]);
    free(sa);
    free(sb);
    free(ta);
    free(tb);
    const struct doc *dd[2] = {p->d[0], p->d[1]};
    const uint8_t *sel[2] = {NULL, NULL};
    tokens_new_many(dd, 2, p->ctx, sel, p->tk);
    p->sim = sim_new(dd, (const struct tokens *const *)p->tk, 2, p->ctx);
    (void)doc_sentences(p->d[0], &p->n[0]);
    (void)doc_sentences(p->d[1], &p->n[1]);
}

static void pair_free(struct pair *p)
{
    sim_free(p->sim);
    tokens_free(p->tk[0]);
    tokens_free(p->tk[1]);
    doc_free(p->d[0]);
    doc_free(p->d[1]);
    doc_ctx_free(p->ctx);
}

/* Both searches over every `step`-th sentence of A against every one of
 * B from `off` on, at `floor`: the same candidates, bit for bit.  Returns
 * their count; *limited whether the search was cut short. */
static size_t check_same(struct pair *p, size_t step, size_t off, double floor, bool *limited)
{
    uint32_t *src = xmalloc((p->n[0] + 1) * sizeof *src), *dst = xmalloc((p->n[1] + 1) * 4);
    uint8_t *mask[2] = {xcalloc(p->n[0] + 1, 1), xcalloc(p->n[1] + 1, 1)};
    size_t ns = 0, nd = 0;
    for (size_t i = 0; i < p->n[0]; i += step) {
        src[ns++] = (uint32_t)i;
        mask[0][i] = 1;
    }
    for (size_t j = off; j < p->n[1]; j++) {
        dst[nd++] = (uint32_t)j;
        mask[1][j] = 1;
    }
    struct sim_cand *lean = NULL, *full = NULL;
    bool lim_lean = false, lim_full = false;
    size_t nl = sim_candidates_lean(p->sim, 0, src, ns, 1, dst, nd, floor, &lean, &lim_lean);
    sim_load(p->sim, 0, 0, p->n[0], mask[0]);
    sim_load(p->sim, 1, 0, p->n[1], mask[1]);
    size_t nf = sim_candidates(p->sim, 0, src, ns, 1, dst, nd, floor, &full, &lim_full);
    sim_unload(p->sim, 0);
    sim_unload(p->sim, 1);
    assert_int_equal(nl, nf);
    assert_int_equal(lim_lean, lim_full);
    for (size_t k = 0; k < nl; k++) {
        assert_int_equal(lean[k].x, full[k].x);
        assert_int_equal(lean[k].y, full[k].y);
        assert_memory_equal(&lean[k].score, &full[k].score, sizeof lean[k].score);
    }
    /* the lean search again with the bags loaded: it reads none of them */
    sim_load(p->sim, 0, 0, p->n[0] / 2, NULL);
    struct sim_cand *again = NULL;
    bool lim_again = false;
    size_t na = sim_candidates_lean(p->sim, 0, src, ns, 1, dst, nd, floor, &again, &lim_again);
    sim_unload(p->sim, 0);
    assert_int_equal(na, nl);
    if (nl) assert_memory_equal(again, lean, nl * sizeof *lean);
    free(again);
    if (step == 1 && off == 0) { /* every sentence: the lists may be NULL */
        again = NULL;
        na = sim_candidates_lean(p->sim, 0, NULL, ns, 1, NULL, nd, floor, &again, &lim_again);
        assert_int_equal(na, nl);
        assert_int_equal(lim_again, lim_lean);
        if (nl) assert_memory_equal(again, lean, nl * sizeof *lean);
        free(again);
    }
    free(lean);
    free(full);
    free(src);
    free(dst);
    free(mask[0]);
    free(mask[1]);
    *limited = lim_lean;
    return nl;
}

/* Short lists: every pair compared. */
static void test_dense(void **state)
{
    (void)state;
    struct pair p;
    pair_new(&p, 120, 150, 300, 0);
    bool limited;
    assert_true(check_same(&p, 1, 0, 0.05, &limited) > 100);
    assert_true(check_same(&p, 1, 0, 0.17, &limited) > 10);
    assert_true(check_same(&p, 3, 7, 0.40, &limited) > 0);
    pair_free(&p);
}

/* Long lists: the inverted index, with a few sources of common words only
 * compared with every target. */
static void test_index(void **state)
{
    (void)state;
    struct pair p;
    pair_new(&p, 900, 1100, 3000, 40);
    bool limited;
    assert_true(check_same(&p, 1, 0, 0.17, &limited) > 100);
    assert_false(limited);
    assert_true(check_same(&p, 1, 0, 0.40, &limited) > 10);
    assert_true(check_same(&p, 2, 5, 0.05, &limited) > 100);
    pair_free(&p);
}

/* So many sources of common words that comparing them with every target
 * would pass SIM_CUT_CELLS: the search is cut short, the same way. */
static void test_cut(void **state)
{
    (void)state;
    struct pair p;
    pair_new(&p, 9000, 9000, 20000, 4);
    bool limited;
    assert_true(check_same(&p, 1, 0, 0.17, &limited) > 100);
    assert_true(limited);
    pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dense),
        cmocka_unit_test(test_index),
        cmocka_unit_test(test_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
