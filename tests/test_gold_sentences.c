/* Boundary F1 of our sentence segmentation against the hand-made gold
 * standard (tests/gold/sentences).  A boundary is the end offset of every
 * sentence but the last: the place where one sentence stops and the next
 * begins.  Fails below F1 1.000 on any seed (where it stands: it may not
 * fall); prints the figure per file. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "doc.h"
#include "gold.h"

#define MIN_F1 1.0

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static double boundary_f1(const size_t *pred, size_t np, const size_t *gold, size_t ng, double *p,
                          double *r)
{
    size_t tp = 0, i = 0, j = 0;
    while (i < np && j < ng) {
        if (pred[i] == gold[j]) {
            tp++;
            i++;
            j++;
        } else if (pred[i] < gold[j]) {
            i++;
        } else {
            j++;
        }
    }
    *p = np ? (double)tp / (double)np : 1.0;
    *r = ng ? (double)tp / (double)ng : 1.0;
    return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

static void test_seed(void **state)
{
    int k = *(int *)*state;
    char rel[256];
    snprintf(rel, sizeof rel, "tests/gold/sentences/%s.tsv", gold_seeds[k]);
    struct gold_sent *gs = NULL;
    long ng = gold_read_sentences(gold_path(rel), &gs);
    assert_true(ng > 0);

    snprintf(rel, sizeof rel, "seeds/%s.txt", gold_seeds[k]);
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = NULL;
    assert_int_equal(doc_load(ctx, gold_path(rel), NULL, &d), WD_OK);
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);

    size_t *pb = malloc((n + 1) * sizeof *pb), *gb = malloc((size_t)ng * sizeof *gb);
    size_t np = 0, ngb = 0;
    for (size_t i = 0; i + 1 < n; i++)
        pb[np++] = s[i].end;
    for (long i = 0; i + 1 < ng; i++)
        gb[ngb++] = gs[i].end;
    qsort(pb, np, sizeof *pb, cmp_size);
    qsort(gb, ngb, sizeof *gb, cmp_size);
    double p, r, f1 = boundary_f1(pb, np, gb, ngb, &p, &r);
    printf("# %s: sentences %zu (gold %ld), boundary P %.3f R %.3f F1 %.3f\n", gold_seeds[k], n, ng,
           p, r, f1);
    if (f1 < MIN_F1 || getenv("WD_GOLD_VERBOSE")) {
        /* Show the disagreements to make a failure actionable. */
        for (size_t i = 0; i < np; i++)
            if (!bsearch(&pb[i], gb, ngb, sizeof *gb, cmp_size))
                printf("#   extra boundary at byte %zu\n", pb[i]);
        for (size_t i = 0; i < ngb; i++)
            if (!bsearch(&gb[i], pb, np, sizeof *pb, cmp_size))
                printf("#   missed boundary at byte %zu\n", gb[i]);
    }
    assert_true(f1 >= MIN_F1);
    free(pb);
    free(gb);
    free(gs);
    doc_free(d);
    doc_ctx_free(ctx);
}

static int idx[5] = {0, 1, 2, 3, 4};

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_seed, &idx[0]),
        cmocka_unit_test_prestate(test_seed, &idx[1]),
        cmocka_unit_test_prestate(test_seed, &idx[2]),
        cmocka_unit_test_prestate(test_seed, &idx[3]),
        cmocka_unit_test_prestate(test_seed, &idx[4]),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
