/* test_intern.c - the interning table (src/intern.c): ids dense and in
 * order of first appearance, equal keys one id, different keys different
 * ids, also when every key has the same hash (intern_add_hashed with a
 * constant), so that only the keys' lengths and bytes tell them apart:
 * keys of every length from 0 to 20 that share their first bytes, keys with zero
 * bytes, and many keys through several doublings of the table. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "intern.h"

/* The key of id is k[0..len). */
static void assert_key(const struct intern *t, uint32_t id, const char *k, size_t len)
{
    size_t kl;
    const char *got = intern_key(t, id, &kl);
    assert_int_equal(kl, len);
    assert_memory_equal(got, k, len);
}

/* Keys of every length 0..20 cut from one string, and the same with the
 * last byte changed: 42 keys sharing prefixes, added twice. */
static void prefixes(uint64_t (*hash)(const void *, size_t))
{
    static const char base[] = "abcdefghijklmnopqrstu";
    struct intern *t = intern_new();
    char k[32];
    uint32_t id[2][21];
    for (int pass = 0; pass < 2; pass++)
        for (size_t len = 0; len <= 20; len++)
            for (int v = 0; v < 2; v++) {
                if (v && !len) continue;
                memcpy(k, base, len);
                if (v) k[len - 1] = 'Z';
                uint32_t got = intern_add_hashed(t, k, len, hash(k, len));
                if (pass == 0) {
                    id[v][len] = got;
                    assert_int_equal(got, intern_count(t) - 1); /* new: the next id */
                } else {
                    assert_int_equal(got, id[v][len]);
                }
                assert_key(t, got, k, len);
            }
    assert_int_equal(intern_count(t), 41);
    intern_free(t);
}

static uint64_t same_hash(const void *k, size_t len)
{
    (void)k, (void)len;
    return 0x123456789ABCDEF0ull;
}

static void test_prefixes(void **state)
{
    (void)state;
    prefixes(intern_hash);
    prefixes(same_hash); /* every key in one probe run: compared in full */
}

/* Keys that differ only past their first eight bytes, or only in zero
 * bytes and length, with one hash: all distinct. */
static void test_zero_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *k;
        size_t len;
    } keys[] = {{"a", 1},
                {"a\0", 2},
                {"a\0\0", 3},
                {"\0", 1},
                {"\0\0\0\0\0\0\0\0", 8},
                {"\0\0\0\0\0\0\0\0\0", 9},
                {"abcdefgh", 8},
                {"abcdefgh\0", 9},
                {"abcdefghi", 9},
                {"abcdefghj", 9},
                {"", 0}};
    size_t n = sizeof keys / sizeof *keys;
    struct intern *t = intern_new();
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            uint32_t id = intern_add_hashed(t, keys[i].k, keys[i].len, same_hash(NULL, 0));
            assert_int_equal(id, i);
            assert_key(t, id, keys[i].k, keys[i].len);
        }
    assert_int_equal(intern_count(t), n);
    intern_free(t);
}

/* 200,000 keys (the table doubles many times), each added twice in a
 * different order: ids in order of first appearance, keys kept. */
static void test_many(void **state)
{
    (void)state;
    enum { N = 200000 };
    struct intern *t = intern_new();
    char k[32];
    for (uint32_t i = 0; i < N; i++) {
        int len = snprintf(k, sizeof k, "w%u", i);
        assert_int_equal(intern_add(t, k, (size_t)len), i);
    }
    assert_int_equal(intern_count(t), N);
    for (uint32_t i = N; i-- > 0;) {
        int len = snprintf(k, sizeof k, "w%u", i);
        assert_int_equal(intern_add(t, k, (size_t)len), i);
        assert_key(t, i, k, (size_t)len);
    }
    assert_int_equal(intern_count(t), N);
    size_t len;
    assert_int_equal(intern_key(t, N, &len) != NULL, 1); /* out of range: "" */
    assert_int_equal(len, 0);
    intern_free(t);
}

/* The hash: equal for equal bytes wherever they lie, and the tail of a
 * key read from inside it (a key at the very end of a block). */
static void test_hash(void **state)
{
    (void)state;
    for (size_t len = 0; len <= 24; len++) {
        char *a = malloc(len ? len : 1), *b = malloc(len + 7);
        for (size_t i = 0; i < len; i++)
            a[i] = b[i + 7] = (char)('a' + i);
        assert_true(intern_hash(a, len) == intern_hash(b + 7, len));
        if (len) {
            a[len - 1] ^= 1;
            assert_true(intern_hash(a, len) != intern_hash(b + 7, len));
        }
        free(a);
        free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_zero_bytes),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
