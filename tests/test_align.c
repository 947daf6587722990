/* Unit tests of the alignment core (align.c, sim.c, wdiff.c) on small
 * documents built in memory. */
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

struct fixture {
    struct doc_ctx *ctx;
    struct doc *a, *b;
    struct alignment *al;
};

static void setup(struct fixture *f, const char *ta, const char *tb)
{
    f->ctx = doc_ctx_new();
    assert_int_equal(doc_from_memory(f->ctx, "a", ta, strlen(ta), NULL, &f->a), WD_OK);
    assert_int_equal(doc_from_memory(f->ctx, "b", tb, strlen(tb), NULL, &f->b), WD_OK);
    f->al = align_docs(f->a, f->b, f->ctx, NULL);
}

static void teardown(struct fixture *f)
{
    align_free(f->al);
    doc_free(f->a);
    doc_free(f->b);
    doc_ctx_free(f->ctx);
}

/* The ops of row r rendered as "=word -word +word" runs, for asserting. */
static void render_ops(const struct fixture *f, const struct align_row *r, char *out, size_t cap)
{
    size_t nops;
    const struct wop *ops = align_ops(f->al, &nops);
    const char *ta = doc_bytes(f->a, NULL), *tb = doc_bytes(f->b, NULL);
    size_t n = 0;
    out[0] = '\0';
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *o = &ops[r->op + k];
        const char *src = o->kind == WOP_INS ? tb : ta;
        uint32_t s = o->kind == WOP_INS ? o->b_start : o->a_start;
        uint32_t e = o->kind == WOP_INS ? o->b_end : o->a_end;
        char tag = o->kind == WOP_EQUAL ? '=' : o->kind == WOP_DEL ? '-' : '+';
        n += (size_t)snprintf(out + n, cap - n, "%s%c%.*s", k ? "|" : "", tag, (int)(e - s),
                              src + s);
        assert_true(n < cap);
    }
}

static void test_airtight_close(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f,
          "The two sides agreed to resolutely respond through airtight cooperation to the "
          "provocations.",
          "The two sides agreed to respond firmly through close cooperation to the "
          "provocations.");
    size_t nr;
    const struct align_row *rows = align_rows(f.al, &nr);
    assert_int_equal(nr, 1);
    assert_int_equal(rows[0].kind, ROW_CHANGED);
    char buf[1024];
    render_ops(&f, &rows[0], buf, sizeof buf);
    assert_string_equal(buf, "=The two sides agreed to|-resolutely|=respond|+firmly|=through|"
                             "-airtight|+close|=cooperation to the provocations.");
    teardown(&f);
}

static void test_identical(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "One sentence here. Two sentences here.", "One sentence here.\nTwo sentences here.");
    size_t nr;
    const struct align_row *rows = align_rows(f.al, &nr);
    assert_int_equal(nr, 2);
    for (size_t i = 0; i < nr; i++) {
        assert_int_equal(rows[i].kind, ROW_SAME);
        assert_int_equal(rows[i].show, SHOW_A | SHOW_B);
    }
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->rows[ROW_SAME], 2);
    assert_int_equal(st->matched[0], 2);
    assert_int_equal(st->matched[1], 2);
    assert_false(align_differs(f.al));
    teardown(&f);
}

static void test_normalised_same(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "Kim’s  visit — a “test”.", "kim's visit - a \"TEST\".");
    size_t nr;
    const struct align_row *rows = align_rows(f.al, &nr);
    assert_int_equal(nr, 1);
    assert_int_equal(rows[0].kind, ROW_SAME);
    assert_false(align_differs(f.al)); /* what normalisation equates is the same */
    teardown(&f);
}

static const char *story_a =
    "Officials in Seoul confirmed the summit would take place next week.\n"
    "The delegation includes the foreign minister and two senior generals.\n"
    "Satellite images showed preparations for a parade in the capital square.\n"
    "Analysts expect agreements on energy, railways and fisheries.\n"
    "The ministry declined to comment on the exact date of the visit.\n";

static void test_unrelated_no_pairs(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, story_a,
          "Stargazers marveled at a dramatic red Blood Moon during a rare eclipse.\n"
          "The celestial spectacle was visible in the Americas and the Pacific.\n"
          "The phenomenon happens when the sun, Earth and moon line up.\n");
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->pairs, 0);
    assert_int_equal(st->rows[ROW_DELETED], 5);
    assert_int_equal(st->rows[ROW_INSERTED], 3);
    assert_true(align_differs(f.al));
    teardown(&f);
}

static void test_moved(void **state)
{
    (void)state;
    struct fixture f;
    /* the parade sentence moves to the end, slightly reworded */
    setup(&f, story_a,
          "Officials in Seoul confirmed the summit would take place next week.\n"
          "The delegation includes the foreign minister and two senior generals.\n"
          "Analysts expect agreements on energy, railways and fisheries.\n"
          "The ministry declined to comment on the exact date of the visit.\n"
          "Satellite images showed preparations for a military parade in the capital square.\n");
    size_t nr;
    const struct align_row *rows = align_rows(f.al, &nr);
    int moved_a = -1, moved_b = -1;
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].kind != ROW_MOVED) continue;
        if (rows[i].show == SHOW_A)
            moved_a = (int)i;
        else if (rows[i].show == SHOW_B)
            moved_b = (int)i;
    }
    assert_true(moved_a >= 0 && moved_b >= 0);
    assert_int_equal(rows[moved_a].partner, moved_b);
    assert_int_equal(rows[moved_b].partner, moved_a);
    assert_int_equal(rows[moved_a].a, 2);
    assert_int_equal(rows[moved_a].b, 4);
    assert_true(rows[moved_a].nop > 0);
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->rows[ROW_MOVED], 1);
    assert_int_equal(st->rows[ROW_SAME], 4);
    assert_int_equal(st->rows[ROW_DELETED] + st->rows[ROW_INSERTED], 0);
    /* rows show each side's sentences in that side's order */
    uint32_t next[2] = {0, 0};
    for (size_t i = 0; i < nr; i++) {
        if (rows[i].show & SHOW_A) {
            assert_int_equal(rows[i].a, next[0]);
            next[0] += rows[i].an;
        }
        if (rows[i].show & SHOW_B) {
            assert_int_equal(rows[i].b, next[1]);
            next[1] += rows[i].bn;
        }
    }
    assert_int_equal(next[0], 5);
    assert_int_equal(next[1], 5);
    teardown(&f);
}

static void test_no_moves_option(void **state)
{
    (void)state;
    struct fixture f;
    f.ctx = doc_ctx_new();
    const char *tb = "Officials in Seoul confirmed the summit would take place next week.\n"
                     "The delegation includes the foreign minister and two senior generals.\n"
                     "Analysts expect agreements on energy, railways and fisheries.\n"
                     "The ministry declined to comment on the exact date of the visit.\n"
                     "Satellite images showed preparations for a parade in the capital square.\n";
    assert_int_equal(doc_from_memory(f.ctx, "a", story_a, strlen(story_a), NULL, &f.a), WD_OK);
    assert_int_equal(doc_from_memory(f.ctx, "b", tb, strlen(tb), NULL, &f.b), WD_OK);
    struct align_opts o;
    align_default_opts(&o);
    o.no_moves = true;
    f.al = align_docs(f.a, f.b, f.ctx, &o);
    const struct align_stats *st = align_get_stats(f.al);
    assert_int_equal(st->rows[ROW_MOVED], 0);
    assert_int_equal(st->rows[ROW_DELETED], 1);
    assert_int_equal(st->rows[ROW_INSERTED], 1);
    teardown(&f);
}

static void test_split(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f,
          "The ministry said on Monday. North Korea and Russia have denied arms deals, but vowed "
          "to deepen cooperation across the board, including in military relations. The talks "
          "end today.",
          "The ministry said on Monday. North Korea and Russia denied the arms deals, but vowed to "
          "deepen cooperation across the board. This also includes military relations. The talks "
          "end today.");
    size_t nr;
    const struct align_row *rows = align_rows(f.al, &nr);
    assert_int_equal(nr, 3);
    assert_int_equal(rows[1].kind, ROW_CHANGED);
    assert_int_equal(rows[1].an, 1);
    assert_int_equal(rows[1].bn, 2);
    /* ops never cross a sentence boundary on side B */
    size_t nops, ns;
    const struct wop *ops = align_ops(f.al, &nops);
    const struct sentence *sb = doc_sentences(f.b, &ns);
    for (uint32_t k = rows[1].op; k < rows[1].op + rows[1].nop; k++) {
        if (ops[k].kind == WOP_DEL) continue;
        bool inside = false;
        for (size_t i = 0; i < ns; i++)
            inside |= ops[k].b_start >= sb[i].start && ops[k].b_end <= sb[i].end;
        assert_true(inside);
    }
    teardown(&f);
}

static void test_swapped(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "Alpha beta gamma delta epsilon. Removed sentence stands here alone.",
          "Alpha beta gamma delta zeta. Brand new material was added instead.");
    struct alignment *sw = align_swapped(f.al);
    size_t n1, n2;
    const struct align_row *r1 = align_rows(f.al, &n1);
    const struct align_row *r2 = align_rows(sw, &n2);
    assert_int_equal(n1, n2);
    assert_ptr_equal(align_doc(sw, SIDE_A), f.b);
    for (size_t i = 0; i < n1; i++) {
        assert_int_equal(r1[i].a, r2[i].b);
        assert_int_equal(r1[i].bn, r2[i].an);
        if (r1[i].kind == ROW_DELETED) assert_int_equal(r2[i].kind, ROW_INSERTED);
    }
    const struct align_stats *s1 = align_get_stats(f.al), *s2 = align_get_stats(sw);
    assert_int_equal(s1->rows[ROW_DELETED], s2->rows[ROW_INSERTED]);
    assert_int_equal(s1->sentences[0], s2->sentences[1]);
    align_free(sw);
    teardown(&f);
}

static void test_empty_docs(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f, "", "");
    size_t nr;
    (void)align_rows(f.al, &nr);
    assert_int_equal(nr, 0);
    teardown(&f);
    setup(&f, "", "Only here.");
    const struct align_row *rows = align_rows(f.al, &nr);
    assert_int_equal(nr, 1);
    assert_int_equal(rows[0].kind, ROW_INSERTED);
    teardown(&f);
}

/* Large alignments pair hunks, and search for moves, on parallel slices;
 * they must give what one thread gives.  K copies of a block (a unique
 * anchor sentence, then sentences reworded, split, deleted and inserted)
 * align as K copies of one block's alignment: the word weights do not
 * change with K (every count scales with it), and the deleted and
 * inserted sentences stay unrelated. */
#define BLOCK_A                                                                                    \
    "The ministry said talks on energy and railways would resume next week. North Korea and "      \
    "Russia have denied arms deals, but vowed to deepen cooperation across the board, "            \
    "including in military relations. A spokesman gave no further details. Fishing quotas "        \
    "were discussed at length. The old bridge closed for repairs in spring. Weather delayed "      \
    "the convoy by two hours.\n"
#define BLOCK_B                                                                                    \
    "The ministry said talks on railways and energy would restart next week. North Korea "         \
    "and Russia denied the arms deals, but vowed to deepen cooperation across the board. "         \
    "This also includes military relations. A spokesman gave no further details. Fishing "         \
    "quotas were discussed at great length. Orchestras played in the square until midnight. "      \
    "Lanterns floated down the quiet river.\n"
#define BLOCKS 2500

static char *repeat_block(const char *block, size_t k)
{
    size_t bl = strlen(block), al = strlen("Part 00000 begins.\n");
    char *s = malloc(k * (al + bl) + 1);
    assert_non_null(s);
    for (size_t i = 0; i < k; i++) {
        snprintf(s + i * (al + bl), al + 1, "Part %05zu begins.\n", i);
        memcpy(s + i * (al + bl) + al, block, bl + 1);
    }
    return s;
}

/* Sentence index or byte offset x of copy k, where copies are step apart. */
static uint32_t shifted(uint32_t x, uint32_t n, size_t k, size_t step)
{
    return n ? (uint32_t)(x + k * step) : x;
}

static void test_parallel_slices(void **state)
{
    (void)state;
    struct fixture one, many;
    char *a1 = repeat_block(BLOCK_A, 1), *b1 = repeat_block(BLOCK_B, 1);
    char *ak = repeat_block(BLOCK_A, BLOCKS), *bk = repeat_block(BLOCK_B, BLOCKS);
    setup(&one, a1, b1);
    setup(&many, ak, bk);
    size_t n1, nk, no1, nok, sa, sb;
    const struct align_row *r1 = align_rows(one.al, &n1), *rk = align_rows(many.al, &nk);
    const struct wop *o1 = align_ops(one.al, &no1), *ok = align_ops(many.al, &nok);
    (void)doc_sentences(one.a, &sa);
    (void)doc_sentences(one.b, &sb);
    size_t la = strlen(a1), lb = strlen(b1);
    const struct align_stats *st = align_get_stats(one.al);
    assert_true(st->rows[ROW_CHANGED] >= 3 && st->rows[ROW_DELETED] == 2 &&
                st->rows[ROW_INSERTED] == 2);
    assert_int_equal(nk, n1 * BLOCKS);
    assert_int_equal(nok, no1 * BLOCKS);
    for (size_t k = 0; k < BLOCKS; k++)
        for (size_t i = 0; i < n1; i++) {
            const struct align_row *x = &r1[i], *y = &rk[k * n1 + i];
            assert_int_equal(y->kind, x->kind);
            assert_int_equal(y->a, shifted(x->a, x->an, k, sa));
            assert_int_equal(y->b, shifted(x->b, x->bn, k, sb));
            assert_int_equal(y->an, x->an);
            assert_int_equal(y->bn, x->bn);
            assert_true(y->sim == x->sim);
            assert_int_equal(y->nop, x->nop);
            for (uint32_t q = 0; q < x->nop; q++) {
                const struct wop *p = &o1[x->op + q], *r = &ok[y->op + q];
                bool has_a = p->kind != WOP_INS, has_b = p->kind != WOP_DEL;
                assert_int_equal(r->kind, p->kind);
                assert_int_equal(r->a_start, shifted(p->a_start, has_a, k, la));
                assert_int_equal(r->a_end, shifted(p->a_end, has_a, k, la));
                assert_int_equal(r->b_start, shifted(p->b_start, has_b, k, lb));
                assert_int_equal(r->b_end, shifted(p->b_end, has_b, k, lb));
            }
        }
    teardown(&one);
    teardown(&many);
    free(a1);
    free(b1);
    free(ak);
    free(bk);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(align_kind_name(ROW_SAME), "same");
    assert_string_equal(align_kind_name(ROW_CHANGED), "changed");
    assert_string_equal(align_kind_name(ROW_MOVED), "moved");
    assert_string_equal(align_kind_name(ROW_DELETED), "deleted");
    assert_string_equal(align_kind_name(ROW_INSERTED), "inserted");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_airtight_close),  cmocka_unit_test(test_identical),
        cmocka_unit_test(test_normalised_same), cmocka_unit_test(test_unrelated_no_pairs),
        cmocka_unit_test(test_moved),           cmocka_unit_test(test_no_moves_option),
        cmocka_unit_test(test_split),           cmocka_unit_test(test_swapped),
        cmocka_unit_test(test_empty_docs),      cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_parallel_slices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
