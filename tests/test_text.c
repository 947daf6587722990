/* test_text.c - unit tests for the UTF-8 layer (src/text.c): strict
 * decoding with repair, grapheme cluster widths, character classes and
 * comparison keys. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"
#include "swar.h"
#include "text.h"
#include "util.h"

/* ---- helpers ----------------------------------------------------------- */

static size_t dec(const char *s, size_t len, size_t i, int32_t *cp)
{
    return text_decode(s, len, i, cp);
}

#define DEC(lit, i, cp) dec((lit), sizeof(lit) - 1, (i), (cp))

/* Number of clusters in s and the width of the first one. */
static size_t clusters(const char *s, size_t len, int *first_width)
{
    size_t count = 0;
    size_t i = 0;
    while (i < len) {
        int w;
        size_t next = text_next_cluster(s, len, i, &w);
        assert_true(next > i);
        assert_true(next <= len);
        if (count == 0) *first_width = w;
        count++;
        i = next;
    }
    return count;
}

#define WIDTH(lit) text_width((lit), sizeof(lit) - 1)

/* Assert that the key of lit equals want (a NUL-terminated literal). */
static void check_key_mode(const char *s, size_t len, const char *want, bool strict)
{
    char *buf = NULL;
    size_t cap = 0;
    size_t n = text_key_mode(s, len, &buf, &cap, strict);
    if (n != strlen(want) || (n && memcmp(buf, want, n) != 0)) {
        print_error("key of \"%.*s\": got \"%.*s\" (%zu bytes), want \"%s\"\n", (int)len, s, (int)n,
                    buf ? buf : "", n, want);
        free(buf);
        fail();
    }
    free(buf);
}

static void check_key(const char *s, size_t len, const char *want)
{
    check_key_mode(s, len, want, false);
}

#define KEY(lit, want)        check_key((lit), sizeof(lit) - 1, (want))
#define KEY_STRICT(lit, want) check_key_mode((lit), sizeof(lit) - 1, (want), true)

/* ---- decoding ---------------------------------------------------------- */

static void test_decode_valid(void **state)
{
    (void)state;
    int32_t cp;
    assert_int_equal(DEC("A", 0, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(DEC("\xC3\xA9", 0, &cp), 2); /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(DEC("\xE2\x82\xAC", 0, &cp), 3); /* € */
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(DEC("\xF0\x9F\x98\x80", 0, &cp), 4); /* 😀 */
    assert_int_equal(cp, 0x1F600);
    /* Boundaries of each length. */
    assert_int_equal(DEC("\xC2\x80", 0, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(DEC("\xDF\xBF", 0, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(DEC("\xE0\xA0\x80", 0, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(DEC("\xED\x9F\xBF", 0, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(DEC("\xEE\x80\x80", 0, &cp), 3);
    assert_int_equal(cp, 0xE000);
    assert_int_equal(DEC("\xEF\xBF\xBF", 0, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(DEC("\xF0\x90\x80\x80", 0, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(DEC("\xF4\x8F\xBF\xBF", 0, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* A real U+FFFD in the input is valid, length 3. */
    assert_int_equal(DEC("\xEF\xBF\xBD", 0, &cp), 3);
    assert_int_equal(cp, TEXT_REPLACEMENT);
    assert_true(text_valid_at("\xEF\xBF\xBD", 3, 0));
    /* Offsets into a longer string. */
    assert_int_equal(DEC("a\xC3\xA9z", 1, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(DEC("a\xC3\xA9z", 3, &cp), 1);
    assert_int_equal(cp, 'z');
}

static void expect_bad(const char *s, size_t len, size_t i)
{
    int32_t cp = 0;
    assert_int_equal(text_decode(s, len, i, &cp), 1);
    assert_int_equal(cp, TEXT_REPLACEMENT);
    assert_false(text_valid_at(s, len, i));
}

#define BAD(lit, i) expect_bad((lit), sizeof(lit) - 1, (i))

/* The code point that ends at a position: back over continuation bytes,
 * never before the start given. */
static void test_decode_back(void **state)
{
    (void)state;
    int32_t cp;
    const char *s = "a\xE2\x80\x9D\xC3\xA9";
    assert_int_equal(text_decode_back(s, 0, 6, &cp), 4);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_decode_back(s, 0, 4, &cp), 1);
    assert_int_equal(cp, 0x201D);
    assert_int_equal(text_decode_back(s, 0, 1, &cp), 0);
    assert_int_equal(cp, 'a');
    /* a start inside the sequence: no further back, a replacement */
    assert_int_equal(text_decode_back(s, 2, 4, &cp), 2);
    assert_int_equal(cp, TEXT_REPLACEMENT);
}

static void test_decode_invalid(void **state)
{
    (void)state;
    BAD("\xC0\x80", 0);         /* overlong NUL */
    BAD("\xC1\xBF", 0);         /* overlong 2-byte */
    BAD("\xE0\x80\x80", 0);     /* overlong 3-byte */
    BAD("\xE0\x9F\xBF", 0);     /* overlong 3-byte, just below U+0800 */
    BAD("\xF0\x80\x80\x80", 0); /* overlong 4-byte */
    BAD("\xF0\x8F\xBF\xBF", 0); /* overlong 4-byte, just below U+10000 */
    BAD("\xED\xA0\x80", 0);     /* surrogate U+D800 */
    BAD("\xED\xBF\xBF", 0);     /* surrogate U+DFFF */
    BAD("\xF4\x90\x80\x80", 0); /* U+110000 */
    BAD("\xF5\x80\x80\x80", 0); /* lead byte past F4 */
    BAD("\xFF", 0);
    BAD("\xFE", 0);
    BAD("\x80", 0); /* stray continuation */
    BAD("\xBF", 0);
    BAD("a\x80", 1);
    BAD("\xC3", 0); /* truncated at end */
    BAD("\xE2\x82", 0);
    BAD("\xF0\x9F\x98", 0);
    /* Continuation missing: lead byte then 'A' (0x41). */
    BAD("\xC3\x41", 0);
    BAD("\xE2\x82\x41", 0);
    BAD("\xF0\x9F\x98\x41", 0);
    /* Truncation by len, not by content. */
    expect_bad("\xC3\xA9", 1, 0);
    expect_bad("\xF0\x9F\x98\x80", 3, 0);

    /* After a bad lead byte, decoding resumes at the very next byte. */
    int32_t cp;
    assert_int_equal(DEC("\xE2\x82\xC3\xA9", 0, &cp), 1);
    assert_int_equal(DEC("\xE2\x82\xC3\xA9", 1, &cp), 1); /* stray 82 */
    assert_int_equal(DEC("\xE2\x82\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_true(text_valid_at("A", 1, 0));
}

static void test_count_invalid(void **state)
{
    (void)state;
    assert_int_equal(text_count_invalid("", 0), 0);
    assert_int_equal(text_count_invalid("plain ascii", 11), 0);
    const char ok[] = "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80";
    assert_int_equal(text_count_invalid(ok, sizeof(ok) - 1), 0);
    const char bad[] = "a\xC0\x80"
                       "b\xED\xA0\x80"
                       "c\xF4\x90\x80\x80"
                       "d\xE2\x82";
    /* C0 80 = 2, ED A0 80 = 3, F4 90 80 80 = 4, E2 82 = 2 bad bytes. */
    assert_int_equal(text_count_invalid(bad, sizeof(bad) - 1), 11);
    assert_int_equal(text_count_invalid("\xC3\xA9", 1), 1);
}

/* ---- widths and clusters ----------------------------------------------- */

static void test_width_basic(void **state)
{
    (void)state;
    assert_int_equal(WIDTH(""), 0);
    assert_int_equal(WIDTH("hello"), 5);
    assert_int_equal(WIDTH("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"), 6); /* 日本語 */
    assert_int_equal(WIDTH("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"), 6); /* 한국어 */
    assert_int_equal(WIDTH("\xE3\x81\x8B\xE3\x81\xAA"), 4);             /* かな */
    assert_int_equal(WIDTH("\xEF\xBC\xA1\xEF\xBC\xA2"), 4);             /* ＡＢ */
    assert_int_equal(WIDTH("caf\xC3\xA9"), 4);
    assert_int_equal(WIDTH("\xF0\x9F\x98\x80"), 2);  /* 😀 */
    assert_int_equal(WIDTH("a\tb"), 3);              /* TAB = 1 */
    assert_int_equal(WIDTH("a\x01\x1B\x62\x7F"), 2); /* a ^A ESC b DEL */
    assert_int_equal(WIDTH("a\xC2\x85\x62"), 2);     /* a NEL b */
    assert_int_equal(WIDTH("a\r\nb\n"), 2);
    assert_int_equal(WIDTH("\xFF"), 1);       /* invalid */
    assert_int_equal(WIDTH("a\xC0\x80z"), 4); /* 2 bad bytes */
}

static void test_clusters_combining(void **state)
{
    (void)state;
    int w = -1;
    /* e + U+0301 COMBINING ACUTE: one cluster, width 1. */
    const char e_acute[] = "e\xCC\x81";
    assert_int_equal(clusters(e_acute, sizeof(e_acute) - 1, &w), 1);
    assert_int_equal(w, 1);
    assert_int_equal(WIDTH("e\xCC\x81"), 1);
    /* a + U+0308 + U+0301: one cluster, width 1. */
    const char a2[] = "a\xCC\x88\xCC\x81";
    int end;
    assert_int_equal(text_next_cluster(a2, sizeof(a2) - 1, 0, &end), sizeof(a2) - 1);
    assert_int_equal(end, 1);
    /* Hangul built from conjoining jamo (U+1112 U+1161 U+11AB): one
     * cluster of width 2. */
    const char jamo[] = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB";
    assert_int_equal(clusters(jamo, sizeof(jamo) - 1, &w), 1);
    assert_int_equal(w, 2);
    /* A lone combining mark has nothing to draw on: width 0. */
    const char mark[] = "\xCC\x81";
    assert_int_equal(clusters(mark, sizeof(mark) - 1, &w), 1);
    assert_int_equal(w, 0);
    /* A mark after an invalid byte does not join it. */
    const char bad_mark[] = "\xFF\xCC\x81";
    assert_int_equal(clusters(bad_mark, sizeof(bad_mark) - 1, &w), 2);
    assert_int_equal(w, 1);
}

static void test_clusters_emoji(void **state)
{
    (void)state;
    int w = -1;
    /* 👨‍👩‍👧 man ZWJ woman ZWJ girl: one cluster, width 2. */
    const char family[] = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                          "\xF0\x9F\x91\xA7";
    assert_int_equal(clusters(family, sizeof(family) - 1, &w), 1);
    assert_int_equal(w, 2);
    assert_int_equal(WIDTH("x\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                           "\xF0\x9F\x91\xA7y"),
                     4);
    /* 🇳🇴 flag: two regional indicators, one cluster, width 2. */
    const char flag[] = "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB4";
    assert_int_equal(clusters(flag, sizeof(flag) - 1, &w), 1);
    assert_int_equal(w, 2);
    /* Two flags are two clusters (regional indicators pair up). */
    const char flags[] = "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB4\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
    assert_int_equal(clusters(flags, sizeof(flags) - 1, &w), 2);
    assert_int_equal(WIDTH("\xF0\x9F\x87\xB3\xF0\x9F\x87\xB4\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"), 4);
    /* ❤️ U+2764 U+FE0F: emoji presentation, width 2; bare ❤ is 1. */
    const char heart[] = "\xE2\x9D\xA4\xEF\xB8\x8F";
    assert_int_equal(clusters(heart, sizeof(heart) - 1, &w), 1);
    assert_int_equal(w, 2);
    assert_int_equal(WIDTH("\xE2\x9D\xA4"), 1);
    /* Skin tone modifier joins its base: 👍🏽 one cluster, width 2. */
    const char thumb[] = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
    assert_int_equal(clusters(thumb, sizeof(thumb) - 1, &w), 1);
    assert_int_equal(w, 2);
}

static void test_clusters_controls(void **state)
{
    (void)state;
    int w = -1;
    /* CR LF is one cluster of width 0; CR alone and LF alone too. */
    assert_int_equal(text_next_cluster("\r\nx", 3, 0, &w), 2);
    assert_int_equal(w, 0);
    assert_int_equal(text_next_cluster("\rx", 2, 0, &w), 1);
    assert_int_equal(w, 0);
    assert_int_equal(text_next_cluster("\n\n", 2, 0, &w), 1);
    assert_int_equal(w, 0);
    assert_int_equal(text_next_cluster("\t", 1, 0, &w), 1);
    assert_int_equal(w, 1);
    /* A control does not absorb a following combining mark. */
    assert_int_equal(text_next_cluster("\x01\xCC\x81", 3, 0, &w), 1);
    assert_int_equal(w, 0);
    /* Each invalid byte is its own cluster, and a truncated sequence at
     * the end still advances. */
    assert_int_equal(text_next_cluster("\xE2\x82", 2, 0, &w), 1);
    assert_int_equal(w, 1);
    assert_int_equal(text_next_cluster("\xE2\x82", 2, 1, &w), 2);
    assert_int_equal(w, 1);
    /* Clusters are found from the middle of a string too. */
    assert_int_equal(text_next_cluster("ab\xC3\xA9\x63", 5, 2, &w), 4); /* abéc */
    assert_int_equal(w, 1);
}

/* Every byte sequence advances; sum of widths stays bounded. */
static void test_clusters_always_advance(void **state)
{
    (void)state;
    unsigned char s[64];
    uint32_t x = 12345;
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(round % 63) + 1;
        for (size_t k = 0; k < len; k++) {
            x = x * 1103515245u + 12345u;
            unsigned v = (x >> 16) & 0xFF;
            /* Bias towards lead and continuation bytes. */
            s[k] = (unsigned char)(round & 1 ? v : (v & 0x3F) | 0x80 | ((v & 0x40) ? 0x40 : 0));
        }
        size_t n = 0;
        size_t i = 0;
        while (i < len) {
            int w;
            size_t next = text_next_cluster((const char *)s, len, i, &w);
            assert_true(next > i && next <= len);
            assert_true(w >= 0 && w <= 2);
            i = next;
            n++;
        }
        assert_true(n >= 1);
        assert_true(text_width((const char *)s, len) <= 2 * len);
        assert_true(text_count_invalid((const char *)s, len) <= len);
    }
}

/* ---- classes ----------------------------------------------------------- */

static void test_classes(void **state)
{
    (void)state;
    static const int32_t spaces[] = {' ',    '\t',   '\n',   '\v',   '\f',   '\r',
                                     0x85,   0xA0,   0x1680, 0x2000, 0x2005, 0x200A,
                                     0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
    for (size_t k = 0; k < WD_ARRAY_LEN(spaces); k++)
        assert_true(text_is_space(spaces[k]));
    static const int32_t not_spaces[] = {'a', 0, 0x1C, 0x200B, 0x200D, 0xFEFF, 0x180E, '_'};
    for (size_t k = 0; k < WD_ARRAY_LEN(not_spaces); k++)
        assert_false(text_is_space(not_spaces[k]));

    /* é α Ж א ا 日 あ 가, U+0301 (Mn), Arabic-Indic 3 (Nd), Ⅵ (Nl), ² ½ (No). */
    static const int32_t alnum[] = {'a',   'Z',   '0',    '9',    0xE9,   0x3B1,
                                    0x416, 0x5D0, 0x627,  0x65E5, 0x3042, 0xAC00,
                                    0x301, 0x663, 0x2165, 0xB2,   0xBD};
    for (size_t k = 0; k < WD_ARRAY_LEN(alnum); k++)
        assert_true(text_is_alnum(alnum[k]));
    /* ’ — 。 😀 NBSP and out-of-range values. */
    static const int32_t not_alnum[] = {' ',    '.',    ',',    '\'',    '-',  '_', '$',
                                        0x2019, 0x2014, 0x3002, 0x1F600, 0xA0, -1,  0x110000};
    for (size_t k = 0; k < WD_ARRAY_LEN(not_alnum); k++)
        assert_false(text_is_alnum(not_alnum[k]));

    assert_true(text_is_upper('A'));
    assert_true(text_is_upper(0xC9));  /* É */
    assert_true(text_is_upper(0x1C5)); /* ǅ titlecase */
    assert_true(text_is_upper(0x416)); /* Ж */
    assert_false(text_is_upper('a'));
    assert_false(text_is_upper('1'));
    assert_false(text_is_upper(0x65E5));
    assert_true(text_is_lower('z'));
    assert_true(text_is_lower(0xDF)); /* ß */
    assert_true(text_is_lower(0x3B1));
    assert_false(text_is_lower('Z'));
    assert_false(text_is_lower(0x65E5));

    assert_true(text_is_digit('0'));
    assert_true(text_is_digit('9'));
    assert_true(text_is_digit(0x663));  /* Arabic-Indic digit */
    assert_true(text_is_digit(0xFF11)); /* fullwidth 1 */
    assert_false(text_is_digit('a'));
    assert_false(text_is_digit(0xB2)); /* superscript two is No */
    assert_false(text_is_digit(0x2165));

    static const int32_t cjk[] = {0x65E5, 0x4E00, 0x9FFF, 0x3400,  0xF900, 0x3042, 0x30AB,
                                  0x3002, 0x3001, 0x300C, 0x3000,  0xFF01, 0xFF21, 0xAC00,
                                  0xD7A3, 0x1100, 0x3105, 0x20000, 0x2A6D6};
    for (size_t k = 0; k < WD_ARRAY_LEN(cjk); k++)
        assert_true(text_is_cjk(cjk[k]));
    static const int32_t not_cjk[] = {'a',    0xE9,    0x416,  0x5D0, 0x2014,
                                      0x2026, 0x1F600, 0xFFFD, 0x0E01 /* Thai */};
    for (size_t k = 0; k < WD_ARRAY_LEN(not_cjk); k++)
        assert_false(text_is_cjk(not_cjk[k]));
}

/* ---- comparison keys --------------------------------------------------- */

static void test_key_ascii(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t cap = 0;
    assert_int_equal(text_key("", 0, &buf, &cap), 0);
    assert_int_equal(text_key("   \t\n ", 6, &buf, &cap), 0);
    free(buf);
    KEY("Hello", "hello");
    KEY("  Hello,\t\n  World!  ", "hello, world!");
    KEY("Kim's", "kim's");
    KEY("`quoted'", "'quoted'");
    KEY("A-B", "a-b");
    KEY("x\r\ny", "x y");
}

/* A quotation matches whatever its marks: single, double, straight,
 * curly, guillemets. */
static void test_key_quote_styles(void **state)
{
    (void)state;
    KEY("'The dam holds,' she said.", "'the dam holds,' she said.");
    KEY("\"The dam holds,\" she said.", "'the dam holds,' she said.");
    KEY("\xE2\x80\x9CThe dam holds,\xE2\x80\x9D she said.", "'the dam holds,' she said.");
    KEY("\xE2\x80\x98The dam holds,\xE2\x80\x99 she said.", "'the dam holds,' she said.");
    KEY("\xC2\xAB The dam holds, \xC2\xBB she said.", "' the dam holds, ' she said.");
}

/* --strict: case, quotes, dashes and compatibility forms as written;
 * white space still collapsed, canonical equivalents still equal. */
static void test_key_strict(void **state)
{
    (void)state;
    KEY_STRICT("  U.S. Attorney\t said ", "U.S. Attorney said");
    KEY_STRICT("\xE2\x80\x9CNo\xE2\x80\x9D \xE2\x80\x94 \"no\"",
               "\xE2\x80\x9CNo\xE2\x80\x9D \xE2\x80\x94 \"no\"");
    KEY_STRICT("\xEF\xAC\x81le", "\xEF\xAC\x81le"); /* the ligature stays */
    KEY_STRICT("e\xCC\x81", "\xC3\xA9");            /* e + acute composes */
    KEY_STRICT("a\xC2\xA0\xC2\xA0"
               "b",
               "a b");
    KEY_STRICT("co\xC2\xADop", "coop"); /* a soft hyphen is not seen */
}

/* Key cases.  A hex digit right after a \x escape is written as an escape
 * too (\x62 is 'b', \x63 'c', \x65 'e', \x35 '5', \x33 '3') so that no
 * string literal has to be split. */
struct key_case {
    const char *in;
    const char *want;
};

static void check_cases(const struct key_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++)
        check_key(cases[k].in, strlen(cases[k].in), cases[k].want);
}

static void test_key_unicode(void **state)
{
    (void)state;
    static const struct key_case cases[] = {
        /* Apostrophes and quotes. */
        {"Kim\xE2\x80\x99s", "kim's"},                /* ’ */
        {"\xE2\x80\x98hi\xE2\x80\x99", "'hi'"},       /* ‘ ’ */
        {"\xE2\x80\x9CHello\xE2\x80\x9D", "'hello'"}, /* “ ”: every quotation mark is ' */
        {"\xE2\x80\x9EHallo\xE2\x80\x9C", "'hallo'"}, /* „ “ */
        {"\xC2\xAB\x42onjour\xC2\xBB", "'bonjour'"},  /* « » */
        {"\xE2\x80\x9AX\xE2\x80\x9B", "'x'"},         /* ‚ ‛ */
        {"5\xE2\x80\xB2\x33\xE2\x80\xB3", "5'3'"},    /* ′ ″ */
        {"Kim\xC2\xB4s", "kim's"},                    /* ´ */
        /* Dashes. */
        {"a\xE2\x80\x93\x62", "a-b"},                   /* en dash */
        {"a\xE2\x80\x94\x62", "a-b"},                   /* em dash */
        {"a\xE2\x80\x90\x62\xE2\x80\x91\x63", "a-b-c"}, /* hyphen, nb hyphen */
        {"\xE2\x88\x92\x35", "-5"},                     /* minus sign */
        {"a\xEF\xB9\x98\x62\xEF\xBC\x8D\x63", "a-b-c"}, /* small em, fullwidth */
        /* Ellipsis. */
        {"Wait\xE2\x80\xA6", "wait..."},
        /* NFKC. */
        {"\xEF\xAC\x81le", "file"},                      /* ﬁ ligature */
        {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"}, /* ＡＢＣ */
        {"x\xC2\xB2", "x2"},                             /* superscript two */
        {"e\xCC\x81", "\xC3\xA9"},                       /* e + acute -> é */
        {"\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA9"},      /* ÉTÉ */
        {"\xE2\x84\xAB", "\xC3\xA5"},                    /* Å angstrom sign */
        /* Canonical order: dot below (ccc 220) and circumflex (230) in
         * either order compose to ậ. */
        {"a\xCC\x82\xCC\xA3", "\xE1\xBA\xAD"},
        {"a\xCC\xA3\xCC\x82", "\xE1\xBA\xAD"},
        /* Full case folding. */
        {"Stra\xC3\x9F\x65", "strasse"}, /* Straße */
        {"STRASSE", "strasse"},
        {"\xCE\xA3\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1"},
        {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
         "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"},
        /* CJK and Hangul pass through unchanged (and stay composed). */
        {"\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC"},
        {"\xED\x95\x9C", "\xED\x95\x9C"},
        /* Default ignorables vanish: soft hyphen, ZWSP, LRM. */
        {"co\xC2\xADop\xE2\x80\x8B\xE2\x80\x8E", "coop"},
    };
    check_cases(cases, WD_ARRAY_LEN(cases));
}

static void test_key_space(void **state)
{
    (void)state;
    static const struct key_case cases[] = {
        {"a\xC2\xA0\x62", "a b"},                                 /* NBSP */
        {"\xC2\xA0\xC2\xA0\x61 \xC2\xA0\t b\xE3\x80\x80", "a b"}, /* runs, trimmed */
        {"a\xE2\x80\xA8\x62\xC2\x85\x63", "a b c"},               /* LS, NEL */
        {"a\xE2\x80\x83\xE2\x80\x89\x62", "a b"},                 /* em, thin space */
        {"\xE2\x80\x9C \xE2\x80\x9D", "' '"},
        {"\xC2\xA0", ""},
    };
    check_cases(cases, WD_ARRAY_LEN(cases));
}

static void test_key_invalid(void **state)
{
    (void)state;
    static const struct key_case cases[] = {
        {"a\xFF\x62", "a\xEF\xBF\xBD\x62"},
        {"\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"X\xE2\x82", "x\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xFF\xCC\x81", "\xEF\xBF\xBD\xCC\x81"}, /* a mark after a bad byte stays */
        {"\xEF\xBF\xBD", "\xEF\xBF\xBD"},         /* a real U+FFFD keys the same */
    };
    check_cases(cases, WD_ARRAY_LEN(cases));
}

static void test_key_buffer_reuse(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t cap = 0;
    size_t n = text_key("Caf\xC3\xA9  \xE2\x80\x94 Na\xC3\xAFve", 17, &buf, &cap);
    const char want[] = "caf\xC3\xA9 - na\xC3\xAFve";
    assert_int_equal(n, sizeof(want) - 1);
    assert_memory_equal(buf, want, n);
    char *kept = buf;
    size_t kept_cap = cap;
    n = text_key("Short", 5, &buf, &cap);
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "short", 5);
    n = text_key("\xC3\x89t\xC3\xA9", 5, &buf, &cap);
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "\xC3\xA9t\xC3\xA9", 5);
    assert_ptr_equal(buf, kept);
    assert_int_equal(cap, kept_cap);

    /* ASCII through both paths: append a non-ASCII space to force the
     * general path; it is trimmed, so keys must match. */
    const char *samples[] = {"Hello World", " Kim's `x` ", "A\tB\r\nC", "MiXeD 123 -- ok!",
                             "\x01\x7F ctl"};
    for (size_t k = 0; k < WD_ARRAY_LEN(samples); k++) {
        char in[64];
        size_t len = strlen(samples[k]);
        memcpy(in, samples[k], len);
        char fast[64];
        size_t nf = text_key(in, len, &buf, &cap);
        memcpy(fast, buf, nf);
        memcpy(in + len, "\xC2\xA0", 2);
        size_t ns = text_key(in, len + 2, &buf, &cap);
        assert_int_equal(nf, ns);
        assert_memory_equal(fast, buf, nf);
    }

    /* A decomposition that expands a lot (U+FDFA, 18 code points under
     * NFKC) from a tiny input, repeated, forces the growth path. */
    char big[3 * 40];
    for (size_t k = 0; k < 40; k++)
        memcpy(big + 3 * k, "\xEF\xB7\xBA", 3);
    n = text_key(big, sizeof(big), &buf, &cap);
    assert_true(n > sizeof(big));
    assert_int_equal(text_count_invalid(buf, n), 0);
    free(buf);
}

/* The key's fast path (key_simple, eight bytes at a time) against the
 * general one (NFKC through utf8proc) on random text made of the pieces
 * the fast path treats specially.  A ZERO WIDTH SPACE, a default
 * ignorable that the key drops, forces the general path without changing
 * the key. */
static void test_key_fast_equals_general(void **state)
{
    (void)state;
    static const char *const ascii[] = {"a",  "Z",  "M",    "q",    "0",    " ",  "  ",   "\t",
                                        "\n", "\r", "\x0B", "\x0C", "`",    "'",  "\"",   ".",
                                        "@",  "[",  "{",    "\x01", "\x7F", "ab", "WORD", ", "};
    /* NBSP, quotes, ellipsis, dashes, em and ideographic spaces */
    static const char *const other[] = {
        "\xC2\xA0",     "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D",
        "\xE2\x80\xA6", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x83", "\xE3\x80\x80"};
    char in[512];
    char *fast = NULL, *slow = NULL;
    size_t fastcap = 0, slowcap = 0;
    uint32_t x = 2024;
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        x = x * 1103515245u + 12345u;
        size_t npieces = (x >> 16) % 40;
        for (size_t k = 0; k < npieces; k++) {
            x = x * 1103515245u + 12345u;
            const char *p = (x >> 16) % 8 == 0 ? other[(x >> 18) % WD_ARRAY_LEN(other)]
                                               : ascii[(x >> 18) % WD_ARRAY_LEN(ascii)];
            memcpy(in + len, p, strlen(p));
            len += strlen(p);
        }
        size_t nf = text_key(in, len, &fast, &fastcap);
        memcpy(in + len, "\xE2\x80\x8B", 3);
        size_t ns = text_key(in, len + 3, &slow, &slowcap);
        if (nf != ns || (nf && memcmp(fast, slow, nf) != 0)) {
            print_error("key of \"%.*s\": fast \"%.*s\", general \"%.*s\"\n", (int)len, in, (int)nf,
                        fast, (int)ns, slow);
            fail();
        }
    }
    free(fast);
    free(slow);
}

/* The word tests of swar.h against their one-byte definitions, on words
 * whose bytes are mostly ASCII: swar_lt and swar_range are exact for the
 * ASCII bytes before the first non-ASCII one. */
static void test_swar(void **state)
{
    (void)state;
    uint32_t r = 7;
    for (int round = 0; round < 200000; round++) {
        char b[8];
        for (int k = 0; k < 8; k++) {
            r = r * 1103515245u + 12345u;
            unsigned v = (r >> 16) & 0xFF;
            b[k] = (char)(v < 0xE0 ? v & 0x7F : v); /* one byte in eight non-ASCII */
        }
        uint64_t x = swar_load(b);
        char back[8];
        swar_store(back, x);
        assert_memory_equal(back, b, 8);
        unsigned char c = (unsigned char)b[round % 8];
        unsigned char lo = (unsigned char)((r >> 3) % 0x7F + 1);
        unsigned char hi = (unsigned char)(lo + (r >> 11) % (0x80 - lo));
        uint64_t na = swar_nonascii(x), eq = swar_eq(x, c), lt = swar_lt(x, lo);
        uint64_t in = swar_range(x, lo, hi);
        bool ascii_so_far = true;
        for (int k = 0; k < 8; k++) {
            unsigned char u = (unsigned char)b[k];
            uint64_t bit = 0x80ull << (8 * k);
            assert_int_equal(!!(na & bit), u >= 0x80);
            assert_int_equal(!!(eq & bit), u == c);
            ascii_so_far = ascii_so_far && u < 0x80;
            if (ascii_so_far) {
                assert_int_equal(!!(lt & bit), u < lo);
                assert_int_equal(!!(in & bit), u >= lo && u <= hi);
            }
        }
        assert_int_equal(swar_first(swar_eq_first(x, c)), swar_first(eq));
        size_t first = swar_first(eq);
        for (size_t k = 0; k < first && k < 8; k++)
            assert_true((unsigned char)b[k] != c);
        assert_true(first == 8 ? !eq : (unsigned char)b[first] == c);
        size_t n = round % 10;
        uint64_t part = swar_load_upto(b, n);
        for (size_t k = 0; k < 8; k++)
            assert_int_equal((part >> (8 * k)) & 0xFF, k < n ? (unsigned char)b[k] : 0);
    }
}

/* A stop mask made like the scanners' (segment.c): non-ASCII, controls
 * and some punctuation, and its one-byte definition. */
static uint64_t test_stops(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, ' ') | swar_eq_first(x, '.') | swar_eq_first(x, '"');
}

static bool test_stop(unsigned char c)
{
    return c >= 0x80 || c < ' ' || c == '.' || c == '"';
}

/* swar_skip finds what a byte-by-byte scan finds, from any start, up to
 * any end, with the mask of segment.c's kind and text_count_invalid's. */
static void test_swar_skip(void **state)
{
    (void)state;
    char s[64];
    uint32_t r = 99;
    for (int round = 0; round < 20000; round++) {
        for (size_t k = 0; k < sizeof s; k++) {
            r = r * 1103515245u + 12345u;
            unsigned v = (r >> 16) & 0xFF;
            /* mostly letters, now and then a stop of either kind */
            if (v < 0xF0)
                s[k] = (char)('a' + v % 26);
            else
                s[k] = v < 0xF8 ? ".\"\t "[v % 4] : (char)v;
        }
        r = r * 1103515245u + 12345u;
        size_t end = (r >> 16) % (sizeof s + 1);
        size_t i = end ? (r >> 8) % end : 0;
        size_t want = i;
        while (want < end && !test_stop((unsigned char)s[want]))
            want++;
        assert_int_equal(swar_skip(s, i, end, test_stops), want);
        /* a mask that, unlike test_stops, leaves the zero bytes past the
         * end clear */
        want = i;
        while (want < end && (unsigned char)s[want] < 0x80)
            want++;
        assert_int_equal(swar_skip(s, i, end, swar_nonascii), want);
    }
}

/* ---- escapes (escape.c) --------------------------------------------------- */

static void check_escape(const char *s, size_t len, const char *want)
{
    char *buf = NULL;
    size_t cap = 0;
    size_t n = escape_text(s, len, &buf, &cap);
    if (n != strlen(want) || strcmp(buf, want) != 0) {
        print_error("escape: got \"%s\", want \"%s\"\n", buf, want);
        free(buf);
        fail();
    }
    free(buf);
}

#define ESC(lit, want) check_escape((lit), sizeof(lit) - 1, (want))

static void test_escape(void **state)
{
    (void)state;
    ESC("plain name.txt", "plain name.txt");
    ESC("", "");
    /* the name of the issue: an OSC 52 clipboard write, a BEL, a line feed */
    ESC("x\033]52;c;cHduZWQ=\007\n.txt", "x\\x1b]52;c;cHduZWQ=\\x07\\n.txt");
    ESC("a\tb\rc\\d\x7f", "a\\tb\\rc\\\\d\\x7f");
    ESC("nul\0end", "nul\\x00end");
    /* invalid bytes: each by its value, the valid text around kept */
    ESC("Caf\xe9 \xc3\xa9t\xe9", "Caf\\xe9 \xc3\xa9t\\xe9");
    ESC("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* a surrogate */
    ESC("\xf0\x9f\x98", "\\xf0\\x9f\\x98"); /* a truncated emoji */
    /* C1 controls, separators and bidi controls as \uHHHH */
    ESC("a\xc2\x9b"
        "b",
        "a\\u009bb");
    ESC("\xe2\x80\xae"
        "txt.exe",
        "\\u202etxt.exe");
    ESC("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");
    ESC("\xe2\x80\xa8", "\\u2028");
    /* what is text passes: CJK, combining marks, ZWJ emoji, U+FFFD itself */
    ESC("\xe4\xb8\xad e\xcc\x81 \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb \xef\xbf\xbd",
        "\xe4\xb8\xad e\xcc\x81 \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb \xef\xbf\xbd");
    char *s = escape_str("\033[31mred");
    assert_string_equal(s, "\\x1b[31mred");
    free(s);
    char e[ESCAPE_CP_MAX];
    assert_int_equal(escape_cp(0x202E, e), 6);
    assert_string_equal(e, "\\u202e");
    assert_int_equal(escape_cp('a', e), 0);
    assert_true(escape_is_bidi(0x200F) && escape_is_bidi(0x061C) && escape_is_bidi(0x2069));
    assert_false(escape_is_bidi(0x200D) || escape_is_bidi(0x2065) || escape_is_bidi(0x202F));
}

static void test_tail(void **state)
{
    (void)state;
    assert_int_equal(text_tail("abcdef", 6, 10), 0);
    assert_int_equal(text_tail("abcdef", 6, 4), 2);
    assert_int_equal(text_tail("abcdef", 6, 0), 6);
    assert_int_equal(text_tail("", 0, 3), 0);
    /* wide characters and clusters are never cut */
    assert_int_equal(text_tail("a\xe4\xb8\xad\xe6\x96\x87", 7, 3), 4); /* a中文: 文 only */
    assert_int_equal(text_tail("a\xe4\xb8\xad\xe6\x96\x87", 7, 4), 1);
    assert_int_equal(text_tail("xe\xcc\x81", 4, 1), 1); /* e + combining acute */
    /* a long line: the tail that fits, in one pass (the prompt's redraw) */
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'x', n);
    assert_int_equal(text_tail(big, n, 70), n - 70);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_back),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_count_invalid),
        cmocka_unit_test(test_width_basic),
        cmocka_unit_test(test_clusters_combining),
        cmocka_unit_test(test_clusters_emoji),
        cmocka_unit_test(test_clusters_controls),
        cmocka_unit_test(test_clusters_always_advance),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_key_ascii),
        cmocka_unit_test(test_key_quote_styles),
        cmocka_unit_test(test_key_strict),
        cmocka_unit_test(test_key_unicode),
        cmocka_unit_test(test_key_space),
        cmocka_unit_test(test_key_invalid),
        cmocka_unit_test(test_key_buffer_reuse),
        cmocka_unit_test(test_key_fast_equals_general),
        cmocka_unit_test(test_swar),
        cmocka_unit_test(test_swar_skip),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
