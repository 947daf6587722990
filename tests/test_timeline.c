/* The timeline (timeline.h) on a chain of seven versions of one short
 * story, written to hold one kind of change each: a lede rewrite, a
 * softened quotation with a paragraph cut, a move, a version that changes
 * only quotes, case and white space, an identical duplicate, and a new
 * headline with the cut paragraph's first sentence back.  Checked: each
 * step's summary, minor and no change, sentence lives (first appearance,
 * versions edited), the cut list, and that the parallel build gives the
 * lazy one's alignments. */
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
#include "timeline.h"

#define NV 7

static const char *const chain[NV] = {
    /* v0 */
    "Storm closes city schools\n"
    "Heavy snow closed every school in the city on Monday. The mayor said the closure was \"a "
    "reckless overreaction by the state.\" Buses will not run until Wednesday.\n"
    "Officials expect ten inches of snow by evening. The airport cancelled forty flights on "
    "Sunday night.\n"
    "Parents were told to check the district website for updates.\n",
    /* v1: the lede rewritten */
    "Storm closes city schools\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight. "
    "The mayor said the closure was \"a reckless overreaction by the state.\" Buses will not "
    "run until Wednesday.\n"
    "Officials expect ten inches of snow by evening. The airport cancelled forty flights on "
    "Sunday night.\n"
    "Parents were told to check the district website for updates.\n",
    /* v2: the quotation softened, the second paragraph cut */
    "Storm closes city schools\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight. "
    "The mayor said the closure was \"perhaps an overreaction by the state.\" Buses will not "
    "run until Wednesday.\n"
    "Parents were told to check the district website for updates.\n",
    /* v3: the last paragraph moved up */
    "Storm closes city schools\n"
    "Parents were told to check the district website for updates.\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight. "
    "The mayor said the closure was \"perhaps an overreaction by the state.\" Buses will not "
    "run until Wednesday.\n",
    /* v4: curly quotes, a lower case day, doubled spaces: minor */
    "Storm closes city schools\n"
    "Parents were told to check the district website for updates.\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight.  "
    "The mayor said the closure was \xe2\x80\x9cperhaps an overreaction by the "
    "state.\xe2\x80\x9d Buses will not run until wednesday.\n",
    /* v5: the same bytes again */
    "Storm closes city schools\n"
    "Parents were told to check the district website for updates.\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight.  "
    "The mayor said the closure was \xe2\x80\x9cperhaps an overreaction by the "
    "state.\xe2\x80\x9d Buses will not run until wednesday.\n",
    /* v6: a new headline; the cut paragraph's first sentence back */
    "Storm closes city schools for a second day\n"
    "Parents were told to check the district website for updates.\n"
    "Every public school in the city stayed closed on Monday after heavy snow fell overnight.  "
    "The mayor said the closure was \xe2\x80\x9cperhaps an overreaction by the "
    "state.\xe2\x80\x9d Buses will not run until wednesday.\n"
    "Officials expect ten inches of snow by evening.\n",
};

struct fixture {
    struct doc_ctx *ctx;
    struct doc *d[NV];
};

static struct fixture *load_chain(void)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->ctx = doc_ctx_new();
    for (int k = 0; k < NV; k++) {
        char name[16];
        snprintf(name, sizeof name, "v%d", k);
        assert_int_equal(doc_from_memory(f->ctx, name, chain[k], strlen(chain[k]), NULL, &f->d[k]),
                         WD_OK);
    }
    return f;
}

static void free_chain(struct fixture *f)
{
    for (int k = 0; k < NV; k++)
        doc_free(f->d[k]);
    doc_ctx_free(f->ctx);
    free(f);
}

static struct timeline *new_timeline(struct fixture *f)
{
    struct timeline *tl;
    assert_int_equal(timeline_new((const struct doc *const *)f->d, NV, NULL, &tl), WD_OK);
    return tl;
}

/* The index of the sentence of d that starts with prefix. */
static size_t find(const struct doc *d, const char *prefix)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    const char *t = doc_bytes(d, NULL);
    for (size_t i = 0; i < ns; i++)
        if (strncmp(t + s[i].start, prefix, strlen(prefix)) == 0) return i;
    fail_msg("no sentence \"%s\"", prefix);
    return 0;
}

static void test_summaries(void **state)
{
    (void)state;
    struct fixture *f = load_chain();
    struct timeline *tl = new_timeline(f);
    assert_int_equal(timeline_count(tl), NV);
    assert_ptr_equal(timeline_doc(tl, 3), f->d[3]);
    assert_false(timeline_step_ready(tl, 1));

    const struct timeline_summary *s = timeline_summary(tl, 1);
    assert_true(timeline_step_ready(tl, 1));
    assert_false(timeline_step_ready(tl, 2));
    assert_int_equal(s->a, 0);
    assert_int_equal(s->b, 1);
    assert_int_equal(s->change, TIMELINE_EDITED);
    assert_int_equal(s->reworded, 1);
    assert_int_equal(s->added + s->cut + s->moved, 0);
    assert_false(s->headline_changed);
    assert_false(s->unrelated);
    assert_true(s->bytes_cut > 0 && s->bytes_added > 0);
    assert_true(s->share > 0 && s->share < 0.5f);

    s = timeline_summary(tl, 2);
    assert_int_equal(s->change, TIMELINE_EDITED);
    assert_int_equal(s->reworded, 1);
    assert_int_equal(s->cut, 2);
    assert_int_equal(s->added + s->moved, 0);

    s = timeline_summary(tl, 3);
    assert_int_equal(s->change, TIMELINE_EDITED);
    assert_int_equal(s->moved, 1);
    assert_int_equal(s->added + s->cut + s->reworded, 0);
    assert_int_equal(s->bytes_cut + s->bytes_added, 0); /* moved as it was */

    s = timeline_summary(tl, 4);
    assert_int_equal(s->change, TIMELINE_MINOR);
    assert_int_equal(s->added + s->cut + s->reworded + s->moved, 0);
    assert_int_equal(s->restyled, 2); /* the quotation, the day (the spaces are between) */
    assert_int_equal(s->same, 5);
    assert_true(s->share == 0);

    s = timeline_summary(tl, 5);
    assert_int_equal(s->change, TIMELINE_NO_CHANGE);
    assert_int_equal(s->restyled, 0);
    assert_int_equal(s->same, 5);

    s = timeline_summary(tl, 6);
    assert_int_equal(s->change, TIMELINE_EDITED);
    assert_true(s->headline_changed);
    assert_int_equal(s->reworded, 1);
    assert_int_equal(s->added, 1);
    assert_int_equal(s->cut + s->moved, 0);

    s = timeline_summary(tl, TIMELINE_OVERALL);
    assert_int_equal(s->a, 0);
    assert_int_equal(s->b, NV - 1);
    assert_int_equal(s->change, TIMELINE_EDITED);
    assert_true(s->headline_changed);
    assert_int_equal(s->cut, 1); /* the airport */
    assert_true(s->reworded >= 3);

    assert_null(timeline_summary(tl, NV));
    assert_null(timeline_step(tl, NV));
    assert_string_equal(timeline_change_name(TIMELINE_MINOR), "minor");
    assert_string_equal(timeline_change_name(TIMELINE_NO_CHANGE), "no change");
    timeline_free(tl);
    free_chain(f);
}

static void check_edits(struct timeline *tl, size_t k, size_t s, const uint32_t *want, size_t n)
{
    uint32_t got[8];
    assert_int_equal(timeline_edits(tl, k, s, got, 8), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

static void test_lives(void **state)
{
    (void)state;
    struct fixture *f = load_chain();
    struct timeline *tl = new_timeline(f);
    struct timeline_life life;
    const struct doc *v6 = f->d[6];

    /* lives are asked for first, before any step: they align what they need */
    size_t hl = find(v6, "Storm");
    assert_int_equal(timeline_life(tl, 6, hl, &life), WD_OK);
    assert_int_equal(life.born, 0);
    assert_int_equal(life.ancestor, (int32_t)find(f->d[5], "Storm"));
    assert_int_equal(life.restores, -1);
    check_edits(tl, 6, hl, (const uint32_t[]){6}, 1);

    size_t lede = find(v6, "Every public");
    assert_int_equal(timeline_life(tl, 6, lede, &life), WD_OK);
    assert_int_equal(life.born, 0);
    check_edits(tl, 6, lede, (const uint32_t[]){1}, 1); /* the spaces of v4 are no edit */

    size_t quote = find(v6, "The mayor");
    assert_int_equal(timeline_life(tl, 6, quote, &life), WD_OK);
    assert_int_equal(life.born, 0);
    check_edits(tl, 6, quote, (const uint32_t[]){2}, 1);

    size_t parents = find(v6, "Parents");
    assert_int_equal(timeline_life(tl, 6, parents, &life), WD_OK);
    assert_int_equal(life.born, 0);
    assert_int_equal(life.nedits, 0); /* moved as it was */
    assert_int_equal(timeline_life(tl, 3, find(f->d[3], "Parents"), &life), WD_OK);
    assert_int_equal(life.ancestor, (int32_t)find(f->d[2], "Parents"));

    size_t buses = find(v6, "Buses");
    check_edits(tl, 6, buses, NULL, 0);
    assert_false(timeline_is_new(tl, 6, buses));

    /* the returned sentence is born again, and says what it restores */
    size_t back = find(v6, "Officials");
    assert_int_equal(timeline_life(tl, 6, back, &life), WD_OK);
    assert_int_equal(life.born, 6);
    assert_int_equal(life.ancestor, -1);
    assert_int_equal(life.nedits, 0);
    assert_true(timeline_is_new(tl, 6, back));
    assert_true(life.restores >= 0);

    size_t nc;
    const struct timeline_cut *c = timeline_cuts(tl, &nc);
    assert_int_equal(nc, 2);
    assert_int_equal(life.restores, 0);
    assert_int_equal(c[0].version, 1);
    assert_int_equal(c[0].sentence, find(f->d[1], "Officials"));
    assert_int_equal(c[0].cut_in, 2);
    assert_int_equal(c[0].born, 0);
    assert_int_equal(c[0].back_in, 6);
    assert_int_equal(c[1].sentence, find(f->d[1], "The airport"));
    assert_int_equal(c[1].cut_in, 2);
    assert_int_equal(c[1].back_in, 0);

    /* a short buffer gets the oldest edits; the count is all of them */
    uint32_t one;
    assert_int_equal(timeline_edits(tl, 6, hl, &one, 0), 1);
    /* out of range */
    assert_int_equal(timeline_life(tl, NV, 0, &life), WD_EUSAGE);
    assert_int_equal(timeline_life(tl, 6, 99, &life), WD_EUSAGE);
    assert_int_equal(timeline_edits(tl, 6, 99, &one, 1), 0);
    /* version 0: everything born there, nothing new */
    assert_int_equal(timeline_life(tl, 0, 1, &life), WD_OK);
    assert_int_equal(life.born, 0);
    assert_false(timeline_is_new(tl, 0, 1));
    timeline_free(tl);
    free_chain(f);
}

/* The parallel build gives the alignments the lazy one does, row for row. */
static void test_build_all(void **state)
{
    (void)state;
    struct fixture *f = load_chain();
    struct timeline *lazy = new_timeline(f), *all = new_timeline(f);
    /* the lazy one in another order, with the shared context's word table
     * grown by something else first: no difference */
    struct alignment *noise = align_docs(f->d[6], f->d[0], f->ctx, NULL);
    align_free(noise);
    for (size_t k = NV; k-- > 0;)
        timeline_step(lazy, k);
    timeline_build_all(all);
    for (size_t k = 0; k < NV; k++) {
        assert_true(timeline_step_ready(all, k));
        size_t n1, n2, o1, o2;
        const struct align_row *r1 = align_rows(timeline_step(lazy, k), &n1);
        const struct align_row *r2 = align_rows(timeline_step(all, k), &n2);
        assert_int_equal(n1, n2);
        for (size_t i = 0; i < n1; i++) {
            assert_int_equal(r1[i].kind, r2[i].kind);
            assert_int_equal(r1[i].a, r2[i].a);
            assert_int_equal(r1[i].an, r2[i].an);
            assert_int_equal(r1[i].b, r2[i].b);
            assert_int_equal(r1[i].bn, r2[i].bn);
            assert_true(r1[i].sim == r2[i].sim);
            assert_int_equal(r1[i].nop, r2[i].nop);
        }
        align_ops(timeline_step(lazy, k), &o1);
        align_ops(timeline_step(all, k), &o2);
        assert_int_equal(o1, o2);
        assert_memory_equal(timeline_summary(lazy, k), timeline_summary(all, k),
                            sizeof(struct timeline_summary));
    }
    size_t c1, c2;
    const struct timeline_cut *x1 = timeline_cuts(lazy, &c1), *x2 = timeline_cuts(all, &c2);
    assert_int_equal(c1, c2);
    assert_memory_equal(x1, x2, c1 * sizeof *x1);
    timeline_free(lazy);
    timeline_free(all);
    free_chain(f);
}

/* Two versions: the overall step is step 1.  Unrelated neighbours are
 * said so; fewer than two versions are refused. */
static void test_edges(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    const char *ta =
        "Rain warning\nRain is expected in the north today.\nThe river rose by a metre.\n";
    const char *tb =
        "Bank results\nQuarterly profits at the bank fell sharply.\nShares closed lower.\n";
    const char *tc = "";
    struct doc *d[3];
    assert_int_equal(doc_from_memory(ctx, "a", ta, strlen(ta), NULL, &d[0]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", tb, strlen(tb), NULL, &d[1]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "c", tc, 0, NULL, &d[2]), WD_OK);

    struct timeline *tl = (struct timeline *)1;
    assert_int_equal(timeline_new((const struct doc *const *)d, 1, NULL, &tl), WD_EUSAGE);
    assert_null(tl);
    assert_int_equal(timeline_new((const struct doc *const *)d, 0, NULL, &tl), WD_EUSAGE);

    assert_int_equal(timeline_new((const struct doc *const *)d, 2, NULL, &tl), WD_OK);
    assert_ptr_equal(timeline_step(tl, TIMELINE_OVERALL), timeline_step(tl, 1));
    const struct timeline_summary *s = timeline_summary(tl, 1);
    assert_true(s->unrelated);
    assert_int_equal(s->cut, 3);
    assert_int_equal(s->added, 3);
    assert_true(s->headline_changed);
    assert_true(s->share == 1.0f);
    assert_int_equal(timeline_summary(tl, 0)->b, 1);
    timeline_build_all(tl); /* nothing left to do */
    timeline_free(tl);

    /* an empty version: not unrelated, everything cut */
    const struct doc *e[2] = {d[0], d[2]};
    assert_int_equal(timeline_new(e, 2, NULL, &tl), WD_OK);
    timeline_build_all(tl);
    s = timeline_summary(tl, 1);
    assert_false(s->unrelated);
    assert_int_equal(s->cut, 3);
    assert_true(s->headline_changed); /* none now */
    assert_int_equal(s->change, TIMELINE_EDITED);
    size_t nc;
    timeline_cuts(tl, &nc);
    assert_int_equal(nc, 3);
    timeline_free(tl);

    /* two empty versions: no change, no share */
    const struct doc *z[2] = {d[2], d[2]};
    assert_int_equal(timeline_new(z, 2, NULL, &tl), WD_OK);
    s = timeline_summary(tl, 1);
    assert_int_equal(s->change, TIMELINE_NO_CHANGE);
    assert_true(s->share == 0);
    assert_false(s->headline_changed);
    timeline_free(tl);

    for (int k = 0; k < 3; k++)
        doc_free(d[k]);
    doc_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summaries),
        cmocka_unit_test(test_lives),
        cmocka_unit_test(test_build_all),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
