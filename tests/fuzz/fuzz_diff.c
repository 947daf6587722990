/* fuzz_diff.c - the Myers diff of id sequences against an LCS oracle.
 *
 * Input: byte 0 picks the alphabet (1 + (b & 15) symbols; bit 4 maps the
 * symbols to ids spread over all of uint32_t instead of 0..15), byte 1
 * where the rest is cut into A and B (a fraction of it), and every byte
 * after that (up to ELEMENTS_MAX) is one element, its value modulo the
 * alphabet size.
 *
 * Checked for diff_run with minimal on and off, boundary sliding on and
 * off, and default options (NULL): the flags turn A into B (the
 * unflagged elements of both are the same sequence), cost counts the
 * flags, a minimal script's cost is na + nb - 2 LCS (bit-parallel LCS,
 * Allison and Dix 1986 / Hyyro 2004, itself checked against the
 * dynamic-programming table on small inputs), a script that is not
 * minimal costs no less and costs exactly that unless the cost limit
 * said so, and diff_hunks cuts the flags into maximal runs.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "util.h"

#include "fuzz.h"

/* The dynamic-programming cross-check runs below this many cells. */
#define DP_CELLS_MAX 4096
/* Minimal scripts are asked for up to this many elements in all: without
 * the cost limit the search is O((na + nb) D), and the fuzzer should
 * spend its time on the limited search of long inputs too. */
#define MINIMAL_MAX 1024
/* Elements used at most (the rest of a longer input is ignored): enough
 * for the cost limit (TOO_EXPENSIVE rounds, diff.c) to cut several times
 * on dissimilar inputs; the diff is linear in them, but the coverage and
 * sanitizer instrumentation make each element costly. */
#define ELEMENTS_MAX 2048

/* Ids spread over the whole range: the diff must not index tables by id. */
static const uint32_t wide_ids[16] = {
    0,           UINT32_MAX,  0x80000000u, 0x7FFFFFFFu, 1, 0xFFFFFFFEu, 0x9E3779B9,  42,
    0x00010000u, 0xDEADBEEFu, 0x80000001u, 0x40000000u, 7, 0xFFFF0000u, 0x0000FFFFu, 0x12345678u,
};

/* LCS length of a and b (symbols < k), bit-parallel: bit i of V is 0 where
 * row i of the LCS table steps up.  O(na * nb / 64). */
static size_t lcs_bits(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, unsigned k)
{
    if (!na || !nb) return 0;
    size_t words = (na + 63) / 64;
    uint64_t *match = xcalloc(k * words, sizeof *match);
    uint64_t *v = xmalloc(words * sizeof *v);
    for (size_t i = 0; i < na; i++)
        match[a[i] * words + i / 64] |= (uint64_t)1 << (i % 64);
    memset(v, 0xFF, words * sizeof *v);
    for (size_t j = 0; j < nb; j++) {
        const uint64_t *m = match + b[j] * words;
        uint64_t carry = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t u = v[w] & m[w];
            uint64_t t = v[w] + u;
            uint64_t c1 = t < v[w];
            uint64_t s = t + carry;
            uint64_t c2 = s < t;
            v[w] = s | (v[w] & ~m[w]);
            carry = c1 | c2;
        }
    }
    size_t zeros = 0;
    for (size_t i = 0; i < na; i++)
        zeros += !((v[i / 64] >> (i % 64)) & 1);
    free(match);
    free(v);
    return zeros;
}

/* The same by the textbook table, two rows. */
static size_t lcs_dp(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    size_t *prev = xcalloc(nb + 1, sizeof *prev), *cur = xcalloc(nb + 1, sizeof *cur);
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1
                                          : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t r = prev[nb];
    free(prev);
    free(cur);
    return r;
}

/* r is a valid script from a to b: returns its number of flags. */
static size_t check_script(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                           const struct diff_result *r)
{
    FUZZ_CHECK(r->na == na && r->nb == nb);
    size_t flags = 0;
    for (size_t i = 0; i < na; i++) {
        FUZZ_CHECK(r->ca[i] <= 1);
        flags += r->ca[i];
    }
    for (size_t j = 0; j < nb; j++) {
        FUZZ_CHECK(r->cb[j] <= 1);
        flags += r->cb[j];
    }
    FUZZ_CHECK(r->cost == flags);
    size_t i = 0, j = 0;
    for (;;) {
        while (i < na && r->ca[i])
            i++;
        while (j < nb && r->cb[j])
            j++;
        if (i == na || j == nb) break;
        FUZZ_CHECK(a[i] == b[j]);
        i++;
        j++;
    }
    FUZZ_CHECK(i == na && j == nb); /* as many kept on both sides */

    /* Hunks: maximal runs of flags, in order, separated by equal runs of
     * kept elements. */
    struct diff_hunk *h = NULL;
    size_t nh = diff_hunks(r, &h);
    FUZZ_CHECK((nh == 0) == (h == NULL));
    size_t ea = 0, eb = 0, covered = 0;
    for (size_t k = 0; k < nh; k++) {
        FUZZ_CHECK(h[k].na + h[k].nb > 0);
        FUZZ_CHECK(h[k].a >= ea && h[k].b >= eb && h[k].a - ea == h[k].b - eb);
        FUZZ_CHECK(k == 0 || h[k].a > ea); /* maximal: something kept between */
        for (size_t q = ea; q < h[k].a; q++)
            FUZZ_CHECK(!r->ca[q]);
        for (size_t q = eb; q < h[k].b; q++)
            FUZZ_CHECK(!r->cb[q]);
        FUZZ_CHECK(h[k].a + h[k].na <= na && h[k].b + h[k].nb <= nb);
        for (size_t q = h[k].a; q < h[k].a + h[k].na; q++)
            FUZZ_CHECK(r->ca[q]);
        for (size_t q = h[k].b; q < h[k].b + h[k].nb; q++)
            FUZZ_CHECK(r->cb[q]);
        ea = h[k].a + h[k].na;
        eb = h[k].b + h[k].nb;
        covered += h[k].na + h[k].nb;
    }
    FUZZ_CHECK(covered == flags);
    FUZZ_CHECK(na - ea == nb - eb);
    free(h);
    return flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned k = 1 + (data[0] & 15);
    bool wide = data[0] & 16;
    size_t n = size - 2 < ELEMENTS_MAX ? size - 2 : ELEMENTS_MAX;
    size_t na = n * data[1] / 255, nb = n - na;
    uint8_t *sym = xmalloc(n + 1);
    uint32_t *ids = xmalloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        sym[i] = (uint8_t)(data[2 + i] % k);
        ids[i] = wide ? wide_ids[sym[i]] : sym[i];
    }
    const uint8_t *sa = sym, *sb = sym + na;
    const uint32_t *a = ids, *b = ids + na;

    size_t lcs = lcs_bits(sa, na, sb, nb, k);
    if (na * nb <= DP_CELLS_MAX) FUZZ_CHECK(lcs == lcs_dp(sa, na, sb, nb));
    size_t best = na + nb - 2 * lcs;

    struct diff_result r;
    for (int shift = 0; shift < 2 && na + nb <= MINIMAL_MAX; shift++) {
        struct diff_opts o = {.minimal = true, .shift = shift};
        diff_run(a, na, b, nb, &o, &r);
        FUZZ_CHECK(check_script(a, na, b, nb, &r) == best);
        FUZZ_CHECK(!r.limited);
        diff_result_free(&r);
    }

    struct diff_result d0, d1;
    for (int shift = 0; shift < 2; shift++) {
        struct diff_opts o = {.minimal = false, .shift = shift};
        diff_run(a, na, b, nb, &o, &d0);
        size_t cost = check_script(a, na, b, nb, &d0);
        FUZZ_CHECK(cost >= best);
        FUZZ_CHECK(d0.limited || cost == best);
        if (shift) {
            /* NULL options are these options. */
            diff_run(a, na, b, nb, NULL, &d1);
            FUZZ_CHECK(d1.cost == d0.cost && d1.limited == d0.limited);
            FUZZ_CHECK(na == 0 || memcmp(d1.ca, d0.ca, na) == 0);
            FUZZ_CHECK(nb == 0 || memcmp(d1.cb, d0.cb, nb) == 0);
            diff_result_free(&d1);
        }
        diff_result_free(&d0);
    }

    free(sym);
    free(ids);
    return 0;
}
