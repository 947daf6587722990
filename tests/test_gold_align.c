/* Pair precision, recall and F1 of our sentence alignment against the
 * hand-made gold alignments (tests/gold/align).  A predicted pair counts
 * when each of its two sentences lies mostly (at least half of its bytes)
 * inside the matching sentence of a gold pair, so a split or merge is not
 * punished twice but an over-long sentence is.  A gold pair is found when
 * some predicted pair counts for it.
 *
 * Fails below the figures reached so far (F1 0.885 on 000-001, 1.000 on
 * 000-002, 0.923 on 001-002: they may rise, not fall), or with any pair
 * predicted between the unrelated reports (000-003, 000-004, 003-004). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "align.h"
#include "doc.h"
#include "gold.h"

#define MAX_FALSE_UNRELATED 0

struct gold_case {
    int a, b; /* seed numbers */
    bool related;
    double min_f1; /* the least F1 passed (as printed, to 3 decimals) */
};

static size_t overlap(size_t s1, size_t e1, size_t s2, size_t e2)
{
    size_t s = s1 > s2 ? s1 : s2, e = e1 < e2 ? e1 : e2;
    return e > s ? e - s : 0;
}

/* Does predicted sentence span (s, e) lie mostly inside gold span g? */
static bool mostly_inside(size_t s, size_t e, const struct gold_sent *g)
{
    return 2 * overlap(s, e, g->start, g->end) >= e - s;
}

static void run_case(void **state)
{
    const struct gold_case *gc = *state;
    char rel[256];
    struct gold_sent *gs[2];
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d[2];
    int seeds[2] = {gc->a, gc->b};
    for (int k = 0; k < 2; k++) {
        snprintf(rel, sizeof rel, "tests/gold/sentences/%s.tsv", gold_seeds[seeds[k]]);
        assert_true(gold_read_sentences(gold_path(rel), &gs[k]) > 0);
        snprintf(rel, sizeof rel, "seeds/%s.txt", gold_seeds[seeds[k]]);
        assert_int_equal(doc_load(ctx, gold_path(rel), NULL, &d[k]), WD_OK);
    }
    snprintf(rel, sizeof rel, "tests/gold/align/%03d__%03d.tsv", gc->a, gc->b);
    struct gold_pair *gp = NULL;
    long ng = gold_read_align(gold_path(rel), &gp);
    assert_true(ng >= 0);

    struct alignment *al = align_docs(d[0], d[1], ctx, NULL);
    size_t nr, ns[2];
    const struct align_row *rows = align_rows(al, &nr);
    const struct sentence *s[2] = {doc_sentences(d[0], &ns[0]), doc_sentences(d[1], &ns[1])};

    /* predicted pairs: every A x B sentence of each pairing row, once */
    size_t np = 0, cap = 64;
    uint32_t(*pp)[2] = malloc(cap * sizeof *pp);
    for (size_t i = 0; i < nr; i++) {
        const struct align_row *r = &rows[i];
        if (!r->an || !r->bn || (r->kind == ROW_MOVED && !(r->show & SHOW_A))) continue;
        for (uint32_t x = r->a; x < r->a + r->an; x++)
            for (uint32_t y = r->b; y < r->b + r->bn; y++) {
                if (np == cap) pp = realloc(pp, (cap *= 2) * sizeof *pp);
                pp[np][0] = x;
                pp[np][1] = y;
                np++;
            }
    }
    bool *found = calloc((size_t)ng + 1, sizeof *found);
    size_t tp = 0;
    for (size_t i = 0; i < np; i++) {
        const struct sentence *sa = &s[0][pp[i][0]], *sb = &s[1][pp[i][1]];
        bool ok = false;
        for (long g = 0; g < ng; g++) {
            if (mostly_inside(sa->start, sa->end, &gs[0][gp[g].a]) &&
                mostly_inside(sb->start, sb->end, &gs[1][gp[g].b])) {
                ok = true;
                found[g] = true;
            }
        }
        tp += ok;
        if (!ok && getenv("WD_GOLD_VERBOSE")) printf("#   false pair %u-%u\n", pp[i][0], pp[i][1]);
    }
    size_t nfound = 0;
    for (long g = 0; g < ng; g++) {
        nfound += found[g];
        if (!found[g] && getenv("WD_GOLD_VERBOSE"))
            printf("#   missed pair %d-%d (%s)\n", gp[g].a, gp[g].b, gp[g].kind);
    }
    double p = np ? (double)tp / (double)np : 1.0;
    double r = ng ? (double)nfound / (double)ng : 1.0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (gc->related)
        printf("# %03d-%03d: predicted %zu, gold %ld, P %.3f R %.3f F1 %.3f\n", gc->a, gc->b, np,
               ng, p, r, f1);
    else
        printf("# %03d-%03d (unrelated): predicted %zu pairs, %zu false\n", gc->a, gc->b, np,
               np - tp);
    size_t false_pairs = np - tp;
    free(found);
    free(pp);
    free(gp);
    align_free(al);
    for (int k = 0; k < 2; k++) {
        doc_free(d[k]);
        free(gs[k]);
    }
    doc_ctx_free(ctx);
    if (gc->related)
        assert_true(f1 >= gc->min_f1 - 0.0005);
    else
        assert_true(false_pairs <= MAX_FALSE_UNRELATED);
}

static const struct gold_case cases[] = {
    {0, 1, true, 0.885},  {0, 2, true, 1.000},  {1, 2, true, 0.923},
    {0, 3, false, 0.000}, {0, 4, false, 0.000}, {3, 4, false, 0.000},
};

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(run_case, (void *)&cases[0]),
        cmocka_unit_test_prestate(run_case, (void *)&cases[1]),
        cmocka_unit_test_prestate(run_case, (void *)&cases[2]),
        cmocka_unit_test_prestate(run_case, (void *)&cases[3]),
        cmocka_unit_test_prestate(run_case, (void *)&cases[4]),
        cmocka_unit_test_prestate(run_case, (void *)&cases[5]),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
