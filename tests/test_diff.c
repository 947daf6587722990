/* test_diff.c - unit tests for the Myers diff (src/diff.c).
 *
 * The core of it is an oracle test: on thousands of small random inputs
 * the script must turn A into B, and with minimal set its cost must equal
 * na + nb - 2 * LCS from a brute-force dynamic programme.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diff.h"
#include "util.h"

static const struct diff_opts opt_minimal = {.minimal = true, .shift = true};
static const struct diff_opts opt_minimal_noshift = {.minimal = true, .shift = false};
static const struct diff_opts opt_default = {.minimal = false, .shift = true};
static const struct diff_opts opt_default_noshift = {.minimal = false, .shift = false};

/* splitmix64: a fixed seed makes every run see the same inputs. */
static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    rng_state = seed;
}

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for tests; n > 0. */
static size_t rng_below(size_t n)
{
    return (size_t)(rng_next() % n);
}

/* Assert that r is a valid script from a to b: flags are 0 or 1, the
 * unflagged elements of both sides are equally many and equal in order,
 * and cost counts the flags. */
static void check_script(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                         const struct diff_result *r)
{
    assert_int_equal(r->na, na);
    assert_int_equal(r->nb, nb);
    size_t i = 0, j = 0, flagged = 0;
    for (;;) {
        while (i < na && r->ca[i]) {
            assert_int_equal(r->ca[i], 1);
            flagged++;
            i++;
        }
        while (j < nb && r->cb[j]) {
            assert_int_equal(r->cb[j], 1);
            flagged++;
            j++;
        }
        if (i == na || j == nb) break;
        assert_int_equal(a[i], b[j]);
        i++;
        j++;
    }
    /* Both sides must run out together. */
    assert_int_equal(i, na);
    assert_int_equal(j, nb);
    assert_int_equal(r->cost, flagged);
}

/* Length of a longest common subsequence, O(na * nb) time, O(nb) space. */
static size_t lcs_length(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t *row = xcalloc(nb + 1, sizeof *row);
    for (size_t i = 0; i < na; i++) {
        size_t diag = 0; /* row[j] of the previous i */
        for (size_t j = 0; j < nb; j++) {
            size_t up = row[j + 1];
            row[j + 1] = a[i] == b[j] ? diag + 1 : WD_MAX(up, row[j]);
            diag = up;
        }
    }
    size_t len = row[nb];
    free(row);
    return len;
}

static size_t min_cost(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return na + nb - 2 * lcs_length(a, na, b, nb);
}

/* Run every option combination on one input and check the invariants:
 * all scripts valid, minimal ones optimal, shift on/off the same cost. */
static void check_all_options(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    struct diff_result m, mn, d, dn;
    diff_run(a, na, b, nb, &opt_minimal, &m);
    diff_run(a, na, b, nb, &opt_minimal_noshift, &mn);
    diff_run(a, na, b, nb, &opt_default, &d);
    diff_run(a, na, b, nb, &opt_default_noshift, &dn);
    check_script(a, na, b, nb, &m);
    check_script(a, na, b, nb, &mn);
    check_script(a, na, b, nb, &d);
    check_script(a, na, b, nb, &dn);

    assert_int_equal(m.cost, min_cost(a, na, b, nb));
    assert_false(m.limited);
    assert_int_equal(mn.cost, m.cost);
    assert_int_equal(dn.cost, d.cost);
    assert_true(d.cost >= m.cost);
    if (!d.limited) assert_int_equal(d.cost, m.cost);

    diff_result_free(&m);
    diff_result_free(&mn);
    diff_result_free(&d);
    diff_result_free(&dn);
}

/* Fill v[0..n) from an alphabet of k ids starting at base, or with fully
 * random 32-bit ids when k == 0. */
static void fill_random(uint32_t *v, size_t n, uint32_t base, size_t k)
{
    for (size_t i = 0; i < n; i++)
        v[i] = k ? base + (uint32_t)rng_below(k) : (uint32_t)rng_next();
}

/* b as an edited copy of a: runs copied, some dropped, some replaced. */
static size_t mutate(const uint32_t *a, size_t na, uint32_t *b, size_t cap, size_t k)
{
    size_t nb = 0;
    for (size_t i = 0; i < na && nb < cap; i++) {
        size_t r = rng_below(10);
        if (r == 0) continue;
        if (r == 1 && nb < cap) b[nb++] = (uint32_t)rng_below(k + 3);
        if (nb < cap) b[nb++] = a[i];
    }
    return nb;
}

static void test_oracle_small(void **state)
{
    (void)state;
    uint32_t a[32], b[32];
    rng_seed(1);
    for (int iter = 0; iter < 5000; iter++) {
        size_t na = rng_below(31), nb = rng_below(31);
        int kind = (int)rng_below(10);
        if (kind < 7) {
            /* Small alphabets: many matches, many equally good scripts. */
            size_t k = 2 + rng_below(5);
            fill_random(a, na, 0, k);
            fill_random(b, nb, 0, k);
        } else if (kind < 9) {
            /* b an edit of a: long common runs. */
            size_t k = 2 + rng_below(5);
            fill_random(a, na, 0, k);
            nb = mutate(a, na, b, 30, k);
        } else {
            /* Large ids, including the extremes. */
            uint32_t pool[4] = {0, UINT32_MAX, (uint32_t)rng_next(), (uint32_t)rng_next()};
            for (size_t i = 0; i < na; i++)
                a[i] = pool[rng_below(4)];
            for (size_t j = 0; j < nb; j++)
                b[j] = rng_below(3) ? pool[rng_below(4)] : (uint32_t)rng_next();
        }
        check_all_options(a, na, b, nb);
    }
}

/* Inputs long enough (> DISCARD_MIN = 64 after stripping) for the
 * one-side-only ids to be set aside, with and without such ids. */
static void test_oracle_medium(void **state)
{
    (void)state;
    enum { N = 400 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    rng_seed(2);
    for (int iter = 0; iter < 300; iter++) {
        size_t na = 60 + rng_below(N - 60), nb;
        size_t k = 2 + rng_below(8);
        int kind = (int)rng_below(3);
        if (kind == 0) {
            nb = 60 + rng_below(N - 60);
            fill_random(a, na, 0, k);
            fill_random(b, nb, 0, k);
        } else if (kind == 1) {
            /* Overlapping alphabets: ids 0..k on a, k/2..k/2+k on b. */
            nb = 60 + rng_below(N - 60);
            fill_random(a, na, 0, k);
            fill_random(b, nb, (uint32_t)(k / 2), k);
        } else {
            fill_random(a, na, 0, 4 * k);
            nb = mutate(a, na, b, N, 4 * k);
        }
        check_all_options(a, na, b, nb);
    }
    free(a);
    free(b);
}

static void check_hunks(const struct diff_result *r, const struct diff_hunk *want, size_t nwant)
{
    struct diff_hunk *h;
    size_t n = diff_hunks(r, &h);
    assert_int_equal(n, nwant);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(h[k].a, want[k].a);
        assert_int_equal(h[k].na, want[k].na);
        assert_int_equal(h[k].b, want[k].b);
        assert_int_equal(h[k].nb, want[k].nb);
    }
    if (n == 0) assert_null(h);
    free(h);
}

static void test_edge_cases(void **state)
{
    (void)state;
    const uint32_t x[] = {1, 2, 3, 4, 5};
    const uint32_t y[] = {6, 7, 8};
    const uint32_t one[] = {42}, other[] = {43};
    struct diff_result r;

    /* Both empty; NULL pointers are fine with zero lengths. */
    diff_run(NULL, 0, NULL, 0, NULL, &r);
    assert_int_equal(r.cost, 0);
    assert_false(r.limited);
    check_hunks(&r, NULL, 0);
    diff_result_free(&r);

    /* One empty. */
    diff_run(x, 5, NULL, 0, NULL, &r);
    check_script(x, 5, NULL, 0, &r);
    assert_int_equal(r.cost, 5);
    check_hunks(&r, &(struct diff_hunk){0, 5, 0, 0}, 1);
    diff_result_free(&r);
    diff_run(NULL, 0, y, 3, NULL, &r);
    check_script(NULL, 0, y, 3, &r);
    assert_int_equal(r.cost, 3);
    check_hunks(&r, &(struct diff_hunk){0, 0, 0, 3}, 1);
    diff_result_free(&r);

    /* Identical. */
    diff_run(x, 5, x, 5, NULL, &r);
    check_script(x, 5, x, 5, &r);
    assert_int_equal(r.cost, 0);
    check_hunks(&r, NULL, 0);
    diff_result_free(&r);

    /* Completely different. */
    diff_run(x, 5, y, 3, NULL, &r);
    check_script(x, 5, y, 3, &r);
    assert_int_equal(r.cost, 8);
    check_hunks(&r, &(struct diff_hunk){0, 5, 0, 3}, 1);
    diff_result_free(&r);

    /* Single elements, equal and not. */
    diff_run(one, 1, one, 1, &opt_minimal, &r);
    assert_int_equal(r.cost, 0);
    diff_result_free(&r);
    diff_run(one, 1, other, 1, &opt_minimal, &r);
    assert_int_equal(r.cost, 2);
    check_hunks(&r, &(struct diff_hunk){0, 1, 0, 1}, 1);
    diff_result_free(&r);
    diff_run(one, 1, x, 5, &opt_minimal, &r);
    check_script(one, 1, x, 5, &r);
    assert_int_equal(r.cost, 6);
    diff_result_free(&r);

    /* Large completely different inputs: everything is set aside. */
    enum { N = 5000 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    for (uint32_t i = 0; i < N; i++) {
        a[i] = i;
        b[i] = UINT32_MAX - i;
    }
    diff_run(a, N, b, N, NULL, &r);
    check_script(a, N, b, N, &r);
    assert_int_equal(r.cost, 2 * N);
    check_hunks(&r, &(struct diff_hunk){0, N, 0, N}, 1);
    diff_result_free(&r);
    free(a);
    free(b);

    /* diff_result_free is safe on NULL and twice. */
    diff_result_free(NULL);
    diff_run(x, 5, y, 3, NULL, &r);
    diff_result_free(&r);
    diff_result_free(&r);
}

/* Two large, very different sequences that still share a small alphabet,
 * so that nothing can be set aside and a minimal search would cost
 * O(N * D): the cost limit must cut it short. */
static void test_cost_limit(void **state)
{
    (void)state;
    enum { N = 200000 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    rng_seed(3);
    /* Mostly disjoint: a draws from 0..7 and 1000+, b from 4..11 and
     * 2000+; only 4..7 are shared. */
    for (size_t i = 0; i < N; i++) {
        a[i] = rng_below(4) ? (uint32_t)rng_below(8) : 1000 + (uint32_t)rng_below(500);
        b[i] = rng_below(4) ? 4 + (uint32_t)rng_below(8) : 2000 + (uint32_t)rng_below(500);
    }
    struct diff_result r;
    diff_run(a, N, b, N, NULL, &r);
    check_script(a, N, b, N, &r);
    assert_true(r.limited);
    diff_result_free(&r);

    /* A moderate input with the same shape: minimal is optimal, and the
     * default may be cut short but stays valid and no better. */
    enum { M = 2500 };
    size_t lcs_cost = min_cost(a, M, b, M);
    diff_run(a, M, b, M, &opt_minimal, &r);
    check_script(a, M, b, M, &r);
    assert_false(r.limited);
    assert_int_equal(r.cost, lcs_cost);
    diff_result_free(&r);
    diff_run(a, M, b, M, &opt_default, &r);
    check_script(a, M, b, M, &r);
    assert_true(r.cost >= lcs_cost);
    diff_result_free(&r);

    free(a);
    free(b);
}

/* The cost limit's split path on many inputs: medium sizes, some random
 * (edit distance well above 2 * 4096, the limit's floor, when the
 * alphabet is large), some edits of each other with shared ids; every
 * script must stay valid, and no better than the minimal one. */
static void test_cost_limit_random(void **state)
{
    (void)state;
    enum { N = 16000 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    int limited = 0;
    rng_seed(7);
    for (int iter = 0; iter < 24; iter++) {
        size_t na = 1000 + rng_below(N - 1000), nb;
        size_t k = 2 + rng_below(30);
        if (iter % 2) {
            na = N / 2 + rng_below(N / 2);
            nb = N / 2 + rng_below(N / 2);
            k = 16 + rng_below(16);
            fill_random(a, na, 0, k);
            fill_random(b, nb, 0, k);
        } else {
            fill_random(a, na, 0, k);
            nb = mutate(a, na, b, N, k);
        }
        struct diff_result r, m;
        diff_run(a, na, b, nb, NULL, &r);
        check_script(a, na, b, nb, &r);
        limited += r.limited;
        if (iter < 6 && iter % 2 == 0) { /* the random ones: test_cost_limit */
            diff_run(a, na, b, nb, &opt_minimal, &m);
            assert_false(m.limited);
            assert_true(r.cost >= m.cost);
            if (iter < 2 && na * nb < 50000000) assert_int_equal(m.cost, min_cost(a, na, b, nb));
            diff_result_free(&m);
        }
        diff_result_free(&r);
    }
    assert_true(limited >= 8);
    free(a);
    free(b);
}

/* The limit scales with the input as GNU diff's does: about the square
 * root of the elements searched, at least 4096 rounds.  A pair of 100,000
 * elements with 2,000 scattered moves (edit distance about 8,000, under
 * 2 * 4096) is diffed minimally; the same with 6,000 moves is not. */
static void test_cost_limit_scale(void **state)
{
    (void)state;
    enum { N = 100000 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    rng_seed(11);
    for (int moves = 2000; moves <= 6000; moves += 4000) {
        for (size_t i = 0; i < N; i++)
            a[i] = b[i] = (uint32_t)i;
        for (int m = 0; m < moves; m++) { /* move one element up to 200 places */
            size_t i = rng_below(N - 201), d = 5 + rng_below(195);
            uint32_t t = b[i];
            memmove(b + i, b + i + 1, d * sizeof *b);
            b[i + d] = t;
        }
        struct diff_result r;
        diff_run(a, N, b, N, NULL, &r);
        check_script(a, N, b, N, &r);
        if (moves == 2000)
            assert_false(r.limited);
        else
            assert_true(r.limited);
        diff_result_free(&r);
    }
    free(a);
    free(b);
}

/* Many ids occur on one side only (the discard path), mixed with shared
 * ones; ids spread over the whole 32-bit range. */
static void test_discard(void **state)
{
    (void)state;
    enum { N = 3000 };
    uint32_t *a = xmalloc(N * sizeof *a), *b = xmalloc(N * sizeof *b);
    uint32_t shared[16];
    rng_seed(4);
    for (int round = 0; round < 4; round++) {
        for (size_t k = 0; k < 16; k++)
            shared[k] = (uint32_t)rng_next() | 1;
        shared[0] = UINT32_MAX; /* the largest id, shared; 0 may occur one-sided */
        for (size_t i = 0; i < N; i++) {
            /* Even random ids on one side, shared ones are odd: disjoint
             * except for the shared pool. */
            a[i] = rng_below(3) ? shared[rng_below(16)] : (uint32_t)rng_next() & ~1u;
            b[i] = rng_below(3) ? shared[rng_below(16)] : (uint32_t)rng_next() & ~1u;
        }
        if (round == 1) {
            /* Mostly equal, a few one-sided edits. */
            size_t nb = 0;
            for (size_t i = 0; i < N && nb < N; i++) {
                if (rng_below(10) == 0)
                    b[nb++] = (uint32_t)rng_next() & ~1u;
                else if (rng_below(10) != 0)
                    b[nb++] = a[i];
            }
            while (nb < N)
                b[nb++] = 0;
        }
        size_t want = min_cost(a, N, b, N);
        struct diff_result r;
        diff_run(a, N, b, N, &opt_minimal, &r);
        check_script(a, N, b, N, &r);
        assert_int_equal(r.cost, want);
        diff_result_free(&r);
        diff_run(a, N, b, N, &opt_minimal_noshift, &r);
        check_script(a, N, b, N, &r);
        assert_int_equal(r.cost, want);
        diff_result_free(&r);
        diff_run(a, N, b, N, &opt_default, &r);
        check_script(a, N, b, N, &r);
        assert_true(r.cost >= want);
        diff_result_free(&r);
    }
    free(a);
    free(b);
}

static void diff_and_check_hunks(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                                 const struct diff_opts *opts, const struct diff_hunk *want,
                                 size_t nwant)
{
    struct diff_result r;
    diff_run(a, na, b, nb, opts, &r);
    check_script(a, na, b, nb, &r);
    check_hunks(&r, want, nwant);
    diff_result_free(&r);
}

/* diffutils' shift_boundaries rule: a run of changes slides to merge
 * with a run on the other side when it can, otherwise as far down as it
 * can go. */
static void test_shift(void **state)
{
    (void)state;
    /* A pure deletion ends as low as possible. */
    const uint32_t a1[] = {1, 2, 3, 1, 2, 3, 4}, b1[] = {1, 2, 3, 4};
    diff_and_check_hunks(a1, 7, b1, 4, &opt_minimal, &(struct diff_hunk){3, 3, 3, 0}, 1);
    diff_and_check_hunks(b1, 4, a1, 7, &opt_minimal, &(struct diff_hunk){3, 0, 3, 3}, 1);

    /* The deleted [1, 2] could go at a[1..3) or a[3..5); next to the
     * replacement 5 -> 7 it joins it in one hunk. */
    const uint32_t a2[] = {5, 1, 2, 1, 2, 6}, b2[] = {7, 1, 2, 6};
    diff_and_check_hunks(a2, 6, b2, 4, &opt_minimal, &(struct diff_hunk){0, 3, 0, 1}, 1);
    diff_and_check_hunks(b2, 4, a2, 6, &opt_minimal, &(struct diff_hunk){0, 1, 0, 3}, 1);

    /* Cases where the search leaves runs elsewhere (found by comparing
     * shift on and off).  The deleted 2 of the final pair slides to the
     * last one, and the second run no longer meets a run in b. */
    const uint32_t a3[] = {2, 2, 1, 0, 1, 2, 2}, b3[] = {2, 1, 2};
    const struct diff_hunk want3[] = {{1, 3, 1, 0}, {6, 1, 3, 0}};
    diff_and_check_hunks(a3, 7, b3, 3, &opt_minimal, want3, 2);

    /* The search inserts "0 2 2" after b[0]; sliding down gives "2 2 0". */
    const uint32_t a4[] = {0, 0, 1, 0}, b4[] = {1, 0, 2, 2, 0};
    const struct diff_hunk want4[] = {{0, 2, 0, 0}, {4, 0, 2, 3}};
    diff_and_check_hunks(a4, 4, b4, 5, &opt_minimal, want4, 2);

    /* Sliding up merges two runs of deletions into one: "1 0 0" and
     * "1 2" (before the last 2 2) become "1 0 0 2 1". */
    const uint32_t a5[] = {1, 0, 0, 2, 1, 2, 2}, b5[] = {2, 0, 2};
    const struct diff_hunk want5[] = {{0, 5, 0, 0}, {6, 0, 1, 1}};
    diff_and_check_hunks(a5, 7, b5, 3, &opt_minimal, want5, 2);

    /* Shift never changes the cost, on random inputs with long runs. */
    uint32_t a[40], b[40];
    rng_seed(5);
    for (int iter = 0; iter < 2000; iter++) {
        size_t na = rng_below(41), nb = rng_below(41);
        fill_random(a, na, 0, 2);
        fill_random(b, nb, 0, 2);
        struct diff_result on, off;
        diff_run(a, na, b, nb, &opt_minimal, &on);
        diff_run(a, na, b, nb, &opt_minimal_noshift, &off);
        check_script(a, na, b, nb, &on);
        assert_int_equal(on.cost, off.cost);
        /* After sliding, a run of pure insertions cannot move further
         * down.  (Like diffutils, a is slid before b, and sliding b can
         * take a b run away from an a run that stopped next to it, so
         * the same does not hold for pure deletions.) */
        struct diff_hunk *h;
        size_t n = diff_hunks(&on, &h);
        for (size_t k = 0; k < n; k++)
            if (h[k].na == 0 && h[k].b + h[k].nb < nb)
                assert_int_not_equal(b[h[k].b], b[h[k].b + h[k].nb]);
        free(h);
        diff_result_free(&on);
        diff_result_free(&off);
    }
}

static void test_hunks(void **state)
{
    (void)state;
    /* Flags set by hand: a keeps 0 3 4 6, b keeps 1 4 5 6. */
    uint8_t ca[] = {0, 1, 1, 0, 0, 1, 0};
    uint8_t cb[] = {1, 0, 1, 1, 0, 0, 0};
    struct diff_result r = {.na = 7, .nb = 7, .ca = ca, .cb = cb, .cost = 6};
    const struct diff_hunk want[] = {{0, 0, 0, 1}, {1, 2, 2, 2}, {5, 1, 6, 0}};
    check_hunks(&r, want, 3);

    /* Changes at both ends. */
    uint8_t ca3[] = {1, 0, 1};
    uint8_t cb3[] = {0, 1, 1};
    struct diff_result r3 = {.na = 3, .nb = 3, .ca = ca3, .cb = cb3, .cost = 4};
    const struct diff_hunk want3[] = {{0, 1, 0, 0}, {2, 1, 1, 2}};
    check_hunks(&r3, want3, 2);

    /* From a real run: hunks cover exactly the flagged elements, in order,
     * separated by at least one match. */
    uint32_t a[60], b[60];
    rng_seed(6);
    for (int iter = 0; iter < 500; iter++) {
        size_t na = rng_below(61);
        fill_random(a, na, 0, 5);
        size_t nb = mutate(a, na, b, 60, 5);
        struct diff_result d;
        diff_run(a, na, b, nb, NULL, &d);
        struct diff_hunk *h;
        size_t n = diff_hunks(&d, &h);
        size_t i = 0, j = 0, cost = 0;
        for (size_t k = 0; k < n; k++) {
            assert_true(h[k].na + h[k].nb > 0);
            assert_true(h[k].a >= i && h[k].b >= j);
            assert_int_equal(h[k].a - i, h[k].b - j);
            if (k > 0) assert_true(h[k].a > i);
            for (; i < h[k].a; i++, j++)
                assert_true(!d.ca[i] && !d.cb[j]);
            for (; i < h[k].a + h[k].na; i++)
                assert_true(d.ca[i]);
            for (; j < h[k].b + h[k].nb; j++)
                assert_true(d.cb[j]);
            cost += h[k].na + h[k].nb;
        }
        assert_int_equal(na - i, nb - j);
        for (; i < na; i++, j++)
            assert_true(!d.ca[i] && !d.cb[j]);
        assert_int_equal(cost, d.cost);
        free(h);
        diff_result_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_small),
        cmocka_unit_test(test_oracle_medium),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_cost_limit),
        cmocka_unit_test(test_cost_limit_random),
        cmocka_unit_test(test_cost_limit_scale),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_shift),
        cmocka_unit_test(test_hunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
