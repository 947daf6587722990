/* test_keyfind.c - which sentences hold a search key (src/keyfind.c),
 * against the oracle it must equal: the text_key of every sentence and
 * memmem.  Texts with what makes a sentence not plain (ligatures, full-
 * width letters, the Kelvin sign, a soft hyphen or a zero-width joiner
 * inside a word, combining marks, controls), what keeps it plain (curly
 * quotes, dashes, an ellipsis, no-break spaces, accented letters), runs
 * across case, at the ends of the text and of its sentences, and many
 * random texts and keys. */
#include "config.h"

#include <setjmp.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "keyfind.h"
#include "text.h"
#include "util.h"

/* Every sentence of d whose key holds the key of pattern, as keyfind
 * finds them and as the oracle does: equal, and the oracle's count. */
static size_t check(const struct doc *d, const struct keyfind *k, const char *pattern)
{
    char *key = NULL, *buf = NULL;
    size_t kcap = 0, cap = 0, ns, len;
    size_t kl = text_key(pattern, strlen(pattern), &key, &kcap);
    if (kl == 0) {
        free(key);
        return 0;
    }
    const struct sentence *s = doc_sentences(d, &ns);
    const char *bytes = doc_bytes(d, &len);
    uint8_t *hit = xcalloc(ns ? ns : 1, 1);
    size_t got = keyfind_match(k, key, kl, hit), want = 0;
    for (size_t q = 0; q < ns; q++) {
        size_t sl = text_key(bytes + s[q].start, s[q].end - s[q].start, &buf, &cap);
        bool m = sl >= kl && memmem(buf, sl, key, kl) != NULL;
        want += m;
        if (m != (hit[q] != 0))
            fail_msg("pattern \"%s\", sentence %zu \"%.*s\": keyfind %d, oracle %d", pattern, q,
                     (int)(s[q].end - s[q].start), bytes + s[q].start, hit[q], m);
    }
    assert_int_equal(got, want);
    free(hit);
    free(buf);
    free(key);
    return want;
}

static struct doc *load(struct doc_ctx *ctx, const char *text)
{
    struct doc *d = NULL;
    assert_int_equal(doc_from_memory(ctx, "t", text, strlen(text), NULL, &d), WD_OK);
    return d;
}

static void test_tricky(void **state)
{
    (void)state;
    static const char text[] =
        "The ﬁnal word came from Vedomosti.  “Don’t go,” she said — twice… "
        "Ｖｅｄｏｍｏｓｔｉ wrote in full width.  A \xE2\x84\xAA\x65lvin sign here.  "
        "Ve\xC2\xAD"
        "domosti hid a soft hyphen.  Ved\xE2\x80\x8Domosti has a joiner.  "
        "Cafe\xCC\x81 and café and CAFÉ.  q\xCC\x81uick brown fox.  "
        "Tab\tand\x01"
        "control.  No-break\xC2\xA0space between.  "
        "VEDOMOSTI shouted.  vedomosti whispered.  Vedomostiish.  2026 and 20 26.\n"
        "Ends with Vedomosti";
    static const char *const patterns[] = {
        "vedomosti",
        "Vedomosti",
        "final",
        "fi",
        "don't",
        "don’t",
        "—",
        "...",
        "kelvin",
        "elvin",
        "café",
        "cafe",
        "caf",
        "quick",
        "uick",
        "tab and",
        "control",
        "no-break space",
        "2026",
        "20 26",
        "ends with vedomosti",
        "\"don't go,\"",
        "twice...",
        "a",
        "z",
        "’",
        "ｖ",
        "ﬁ",
    };
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, text);
    struct keyfind *k = keyfind_new(d);
    assert_ptr_equal(keyfind_doc(k), d);
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
        check(d, k, patterns[i]);
    /* what the cases are about: found in every form (7 sentences: "vedomosti
     * whispered" starts in lower case, so it goes on the one before) */
    assert_int_equal(check(d, k, "vedomosti"), 7);
    assert_true(check(d, k, "final") == 1);
    assert_true(check(d, k, "kelvin") == 1);
    keyfind_free(k);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* A word of the random texts: letters in either case, digits, and now and
 * then a character outside ASCII. */
static void add_word(char *out, size_t *n, unsigned *seed)
{
    static const char *const odd[] = {"é",        "’",        "“",        "—",
                                      "ﬁ",        "Ａ",       "\xC2\xAD", "\xE2\x80\x8D",
                                      "\xCC\x81", "\xC2\xA0", "…",        "K",
                                      "👍",       "\xF0\x9F\x87\xBA", "\xFF",  "\xE1\x84\x80"};
    size_t len = 1 + rand_r(seed) % 6;
    for (size_t i = 0; i < len; i++) {
        unsigned r = (unsigned)rand_r(seed) % 40;
        if (r < 3) {
            const char *o = odd[rand_r(seed) % (int)(sizeof odd / sizeof *odd)];
            memcpy(out + *n, o, strlen(o));
            *n += strlen(o);
        } else if (r < 6) {
            out[(*n)++] = (char)('0' + r);
        } else {
            out[(*n)++] = (char)((r % 2 ? 'a' : 'A') + (char)(r % 5));
        }
    }
}

static void test_random(void **state)
{
    (void)state;
    unsigned seed = 14;
    struct doc_ctx *ctx = doc_ctx_new();
    for (int round = 0; round < 200; round++) {
        char text[4096];
        size_t n = 0;
        while (n < sizeof text - 64) {
            add_word(text, &n, &seed);
            int r = rand_r(&seed) % 8;
            text[n++] = r == 0 ? '.' : ' ';
            if (r == 0) text[n++] = ' ';
        }
        text[n] = '\0';
        struct doc *d = load(ctx, text);
        struct keyfind *k = keyfind_new(d);
        for (int p = 0; p < 20; p++) {
            char pat[64];
            size_t pn = 0;
            add_word(pat, &pn, &seed);
            if (rand_r(&seed) % 3 == 0) {
                pat[pn++] = ' ';
                add_word(pat, &pn, &seed);
            }
            pat[pn] = '\0';
            check(d, k, pat);
        }
        keyfind_free(k);
        doc_free(d);
    }
    doc_ctx_free(ctx);
}

static void test_empty(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = NULL;
    assert_int_equal(doc_from_memory(ctx, "e", "", 0, NULL, &d), WD_OK);
    struct keyfind *k = keyfind_new(d);
    uint8_t hit[1];
    assert_int_equal(keyfind_match(k, "a", 1, hit), 0);
    keyfind_free(k);
    keyfind_free(NULL);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* keyfind_new_until: with its flag down, an index that finds what the
 * oracle finds; with it up (the reader quitting before the index it
 * started is built), NULL. */
static void test_until(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "Sentence %d of the caf\xC3\xA9 story.\n", i);
    fclose(f);
    struct doc *d = load(ctx, text);
    atomic_bool stop;
    atomic_init(&stop, false);
    struct keyfind *k = keyfind_new_until(d, &stop);
    assert_non_null(k);
    assert_int_equal(check(d, k, "CAF\xC3\x89 STORY"), 3000);
    assert_int_equal(check(d, k, "sentence 2999 "), 1);
    keyfind_free(k);
    atomic_store(&stop, true);
    assert_null(keyfind_new_until(d, &stop));
    doc_free(d);
    doc_ctx_free(ctx);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tricky),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_until),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
