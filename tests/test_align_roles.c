/* test_align_roles.c - what sentence roles, datelines, copies and folding
 * change in an alignment (align.c, diff.c diff_prefer_neighbours,
 * wdiff_fold.c), on texts written for these tests:
 *  - lines that are not story text pair only with identical lines; a
 *    headline pairs with a headline;
 *  - a lede with and without its dateline is changed, only the dateline
 *    marked, similarity 1;
 *  - of two identical copies, the one among its neighbours is matched;
 *  - rows equal but for case and quote style are same, their characters
 *    marked (WOP_FOLD) and counted apart; --strict makes them changes;
 *  - weak pairs are flagged. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "align.h"
#include "doc.h"

struct fx {
    struct doc_ctx *ctx;
    struct doc *a, *b;
    struct alignment *al;
    const struct align_row *rows;
    size_t nr;
};

static void setup(struct fx *f, const char *ta, const char *tb, bool strict)
{
    f->ctx = doc_ctx_new();
    doc_ctx_set_strict(f->ctx, strict);
    assert_int_equal(doc_from_memory(f->ctx, "a", ta, strlen(ta), NULL, &f->a), WD_OK);
    assert_int_equal(doc_from_memory(f->ctx, "b", tb, strlen(tb), NULL, &f->b), WD_OK);
    f->al = align_docs(f->a, f->b, f->ctx, NULL);
    f->rows = align_rows(f->al, &f->nr);
}

static void teardown(struct fx *f)
{
    align_free(f->al);
    doc_free(f->a);
    doc_free(f->b);
    doc_ctx_free(f->ctx);
}

/* The row that shows sentence i of side (SIDE_A, SIDE_B). */
static const struct align_row *row_of(const struct fx *f, int side, uint32_t i)
{
    for (size_t k = 0; k < f->nr; k++) {
        const struct align_row *r = &f->rows[k];
        uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
        if ((r->show & (1u << side)) && i >= first && i < first + n) return r;
    }
    fail_msg("no row shows sentence %u of side %d", i, side);
    return NULL;
}

/* Lines that are not story text never pair with something else; story
 * sentences still do; a headline pairs with a headline. */
static void test_junk_pairs_only_identical(void **state)
{
    (void)state;
    struct fx f;
    setup(&f,
          "Harbour plan wins a narrow council vote\n"
          "By Ann Writer\n"
          "SAVE NOW\n"
          "0 Shares\n"
          "The council approved the harbour plan on Monday after a long debate.\n"
          "A crane stands idle at the north quay on Monday. (Coastal Photo/R. Osei)\n"
          "Get full access to premium content\n"
          "Critics said the cost had doubled since the first estimate.\n"
          "Comments\n",
          "Harbour plan narrowly wins council vote\n"
          "\xC2\xA9 2031 Valley Media Group\n"
          "Save\n"
          "0\n"
          "The council approved the harbour plan on Monday after a debate.\n"
          "A crane is repaired at the south quay last spring. (Valley Photo/T. Brandt)\n"
          "Your current subscription does not include this article\n"
          "Critics said the cost had doubled since the first estimate was published.\n"
          "Comments\n",
          false);
    /* headline with headline */
    const struct align_row *r = row_of(&f, SIDE_A, 0);
    assert_int_equal(r->kind, ROW_CHANGED);
    assert_int_equal(r->b, 0);
    /* the byline, the furniture, the captions, the prompts: alone */
    for (uint32_t i = 1; i <= 3; i++)
        assert_int_equal(row_of(&f, SIDE_A, i)->kind, ROW_DELETED);
    assert_int_equal(row_of(&f, SIDE_A, 5)->kind, ROW_DELETED);
    assert_int_equal(row_of(&f, SIDE_A, 6)->kind, ROW_DELETED);
    for (uint32_t j = 1; j <= 3; j++)
        assert_int_equal(row_of(&f, SIDE_B, j)->kind, ROW_INSERTED);
    assert_int_equal(row_of(&f, SIDE_B, 5)->kind, ROW_INSERTED);
    assert_int_equal(row_of(&f, SIDE_B, 6)->kind, ROW_INSERTED);
    /* the story pairs, and identical furniture is the same */
    assert_int_equal(row_of(&f, SIDE_A, 4)->kind, ROW_CHANGED);
    assert_int_equal(row_of(&f, SIDE_A, 7)->kind, ROW_CHANGED);
    assert_int_equal(row_of(&f, SIDE_A, 8)->kind, ROW_SAME);
    teardown(&f);
}

/* An identical line that moved (a byline from the top to the end) is a
 * moved pair, as identical story text would be. */
static void test_identical_junk_moves(void **state)
{
    (void)state;
    struct fx f;
    setup(&f,
          "By Ann Writer\nThe council approved the harbour plan on Monday.\n"
          "Critics said the cost had doubled.\nThe mayor thanked the port staff.\n",
          "The council approved the harbour plan on Monday.\nCritics said the cost had doubled.\n"
          "The mayor thanked the port staff.\nBy Ann Writer\n",
          false);
    const struct align_row *r = row_of(&f, SIDE_A, 0);
    assert_int_equal(r->kind, ROW_MOVED);
    assert_int_equal(r->b, 3);
    teardown(&f);
}

/* A lede with and without its dateline: changed, the dateline the only
 * difference, similarity 1. */
static void test_dateline_lede(void **state)
{
    (void)state;
    struct fx f;
    setup(&f,
          "Dam repairs begin\nCrews began work on the old dam on Monday.\n"
          "The repairs will take two years.\n",
          "Dam repairs begin\nLAKEVIEW (Reuters) - Crews began work on the old dam on Monday.\n"
          "The repairs will take two years.\n",
          false);
    assert_int_equal(f.nr, 3);
    const struct align_row *r = &f.rows[1];
    assert_int_equal(r->kind, ROW_CHANGED);
    assert_true(r->sim > 0.999f);
    assert_false(align_row_weak(r));
    size_t nops;
    const struct wop *ops = align_ops(f.al, &nops);
    assert_int_equal(r->nop, 2);
    assert_int_equal(ops[r->op].kind, WOP_INS);
    const char *tb = doc_bytes(f.b, NULL);
    assert_memory_equal(tb + ops[r->op].b_start, "LAKEVIEW (Reuters) -", 20);
    assert_int_equal(ops[r->op].b_end - ops[r->op].b_start, 20);
    assert_int_equal(ops[r->op + 1].kind, WOP_EQUAL);
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->rows[ROW_CHANGED], 1);
    assert_int_equal(st->rows[ROW_SAME], 2);
    teardown(&f);
}

/* Of two copies of the lede (a teaser at the top and the lede among its
 * neighbours), the one among its neighbours pairs; the teaser is left
 * over.  With a dateline on the lede, and without. */
static void test_copy_among_neighbours(void **state)
{
    (void)state;
    const char *const ledes[] = {"LAKEVIEW (Reuters) - Crews began work on the old dam on Monday.",
                                 "Crews began work on the old dam on Monday."};
    for (int k = 0; k < 2; k++) {
        char tb[512];
        snprintf(tb, sizeof tb,
                 "Crews began work on the old dam on Monday.\nDam repairs begin\n%s\n"
                 "The repairs will take two years.\nThe reservoir will be drained first.\n",
                 ledes[k]);
        struct fx f;
        setup(&f,
              "Crews began work on the old dam on Monday.\nThe repairs will take two years.\n"
              "The reservoir will be drained first.\n",
              tb, false);
        const struct align_row *r = row_of(&f, SIDE_A, 0);
        assert_int_equal(r->b, 2);
        assert_int_equal(r->kind, k == 0 ? ROW_CHANGED : ROW_SAME);
        assert_int_equal(row_of(&f, SIDE_B, 0)->kind, ROW_INSERTED);
        assert_int_equal(row_of(&f, SIDE_A, 1)->kind, ROW_SAME);
        teardown(&f);
    }
}

/* The marked characters of same row r, as "a-text/b-text" pairs. */
static void render_fold(const struct fx *f, const struct align_row *r, char *out, size_t cap)
{
    size_t nops, n = 0;
    const struct wop *ops = align_ops(f->al, &nops);
    const char *ta = doc_bytes(f->a, NULL), *tb = doc_bytes(f->b, NULL);
    out[0] = '\0';
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *o = &ops[r->op + k];
        assert_int_equal(o->kind, WOP_FOLD);
        n += (size_t)snprintf(out + n, cap - n, "%s%.*s/%.*s", k ? "|" : "",
                              (int)(o->a_end - o->a_start), ta + o->a_start,
                              (int)(o->b_end - o->b_start), tb + o->b_start);
        assert_true(n < cap);
    }
}

/* Case and quote style: same rows, the differing characters marked and
 * counted apart; white space alone is no difference. */
static void test_folded_same(void **state)
{
    (void)state;
    struct fx f;
    setup(&f,
          "The U.S. Attorney said 'no' on Monday.\nIt rained\xE2\x80\x94hard.\n"
          "Nothing  else changed.\n",
          "The U.S. attorney said \xE2\x80\x9Cno\xE2\x80\x9D on Monday.\nIt rained-hard.\n"
          "Nothing else changed.\n",
          false);
    assert_int_equal(f.nr, 3);
    char buf[256];
    assert_int_equal(f.rows[0].kind, ROW_SAME);
    render_fold(&f, &f.rows[0], buf, sizeof buf);
    assert_string_equal(buf, "A/a|'/\xE2\x80\x9C|'/\xE2\x80\x9D");
    assert_int_equal(f.rows[1].kind, ROW_SAME);
    render_fold(&f, &f.rows[1], buf, sizeof buf);
    assert_string_equal(buf, "\xE2\x80\x94/-");
    assert_int_equal(f.rows[2].kind, ROW_SAME);
    assert_int_equal(f.rows[2].nop, 0); /* two spaces against one */
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->rows[ROW_SAME], 3);
    assert_int_equal(st->same_folded, 2);
    /* swapped, the marks follow their sides */
    struct alignment *sw = align_swapped(f.al);
    assert_int_equal(align_get_stats(sw)->same_folded, 2);
    align_free(sw);
    teardown(&f);
}

/* --strict: case and quotes are changes, marked as words. */
static void test_strict(void **state)
{
    (void)state;
    struct fx f;
    setup(&f, "The U.S. Attorney said 'no' on Monday.\nIt rained.\n",
          "The U.S. attorney said \"no\" on Monday.\nIt rained.\n", true);
    assert_int_equal(f.rows[0].kind, ROW_CHANGED);
    assert_int_equal(f.rows[1].kind, ROW_SAME);
    size_t nops;
    const struct wop *ops = align_ops(f.al, &nops);
    int del = 0;
    for (uint32_t k = 0; k < f.rows[0].nop; k++)
        del += ops[f.rows[0].op + k].kind == WOP_DEL;
    assert_true(del >= 2); /* Attorney, the quotes */
    assert_int_equal(align_get_stats(f.al)->same_folded, 0);
    teardown(&f);
}

/* A pair below ALIGN_WEAK_SIM is weak; one above is not. */
static void test_weak(void **state)
{
    (void)state;
    struct fx f;
    setup(&f,
          "The council approved the harbour plan on Monday after a long debate.\n"
          "Critics said the cost had doubled since the first estimate.\n"
          "The mayor thanked the staff of the port for their patience in the long process.\n",
          "The council approved the harbour plan on Monday after a debate.\n"
          "Critics said the cost had doubled since the first estimate.\n"
          "Officials of the port said the process had been long, and thanked their staff.\n",
          false);
    assert_int_equal(f.nr, 3);
    assert_int_equal(f.rows[0].kind, ROW_CHANGED);
    assert_false(align_row_weak(&f.rows[0]));
    assert_false(align_row_weak(&f.rows[1])); /* same */
    assert_int_equal(f.rows[2].kind, ROW_CHANGED);
    assert_true(f.rows[2].sim < (float)ALIGN_WEAK_SIM);
    assert_true(align_row_weak(&f.rows[2]));
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_junk_pairs_only_identical),
        cmocka_unit_test(test_identical_junk_moves),
        cmocka_unit_test(test_dateline_lede),
        cmocka_unit_test(test_copy_among_neighbours),
        cmocka_unit_test(test_folded_same),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_weak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
