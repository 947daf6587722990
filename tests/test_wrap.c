/* test_wrap.c - hard-wrapped text (src/wrap.c): a text and the same text
 * wrapped at a fixed width are the same sentences.
 *
 * Each seed is wrapped as `fold -s -w 72`, `fold -s -w 60` and `fold -s -w
 * 72` with CRLF line ends would wrap it (fold_s below follows GNU fold's
 * algorithm: bytes as columns, a line broken after its last blank), and
 * aligned against itself unwrapped: every row must be `same`.  Small
 * texts written here check what must stay apart (headlines, lists, short
 * lines, datelines) and that unwrapped texts are not taken as wrapped. */
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
#include "gold.h"
#include "segment.h"
#include "util.h"
#include "wrap.h"

/* s[0..len) as GNU `fold -s -w width` writes it (coreutils fold.c: a
 * character that would pass the width breaks the line after its last
 * blank, or before the character when there is none; TAB to the next
 * multiple of 8, CR back to column 0), with CRLF line ends when crlf. */
static char *fold_s(const char *s, size_t len, size_t width, bool crlf, size_t *outlen)
{
    char *out = xmalloc(2 * len + 2), *line = xmalloc(len + 1);
    size_t n = 0, used = 0, col = 0;
#define PUT_NL()                                                                                   \
    do {                                                                                           \
        if (crlf) out[n++] = '\r';                                                                 \
        out[n++] = '\n';                                                                           \
    } while (0)
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\n') {
            memcpy(out + n, line, used);
            n += used;
            PUT_NL();
            used = col = 0;
            continue;
        }
        for (;;) {
            size_t next = c == '\t' ? col + 8 - col % 8 : c == '\r' ? 0 : col + 1;
            if (next <= width) {
                col = next;
                break;
            }
            size_t end = used;
            while (end > 0 && line[end - 1] != ' ' && line[end - 1] != '\t')
                end--;
            if (end > 0) { /* break after the last blank */
                memcpy(out + n, line, end);
                n += end;
                PUT_NL();
                memmove(line, line + end, used - end);
                used -= end;
                col = 0;
                for (size_t k = 0; k < used; k++)
                    col = line[k] == '\t' ? col + 8 - col % 8 : col + 1;
                continue;
            }
            if (used == 0) { /* a character wider than the width */
                col = next;
                break;
            }
            memcpy(out + n, line, used);
            n += used;
            PUT_NL();
            used = col = 0;
        }
        line[used++] = c;
    }
    memcpy(out + n, line, used);
    n += used;
#undef PUT_NL
    free(line);
    *outlen = n;
    return out;
}

static char *read_seed(int k, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, "seeds/%s.txt", gold_seeds[k]);
    FILE *f = fopen(gold_path(rel), "rb");
    assert_non_null(f);
    char *buf = xmalloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

struct wrap_case {
    size_t width;
    bool crlf;
};

static const struct wrap_case cases[] = {{72, false}, {60, false}, {72, true}};

/* Every seed, wrapped each way, aligns with itself unwrapped as all same. */
static void test_seeds_wrapped(void **state)
{
    (void)state;
    for (int k = 0; k < 5; k++) {
        size_t len;
        char *text = read_seed(k, &len);
        for (size_t c = 0; c < WD_ARRAY_LEN(cases); c++) {
            size_t wlen;
            char *wrapped = fold_s(text, len, cases[c].width, cases[c].crlf, &wlen);
            struct doc_ctx *ctx = doc_ctx_new();
            struct doc *a, *b;
            assert_int_equal(doc_from_memory(ctx, "plain", text, len, NULL, &a), WD_OK);
            assert_int_equal(doc_from_memory(ctx, "wrapped", wrapped, wlen, NULL, &b), WD_OK);
            struct wrap w;
            wrap_detect(wrapped, wlen, 0, &w);
            struct alignment *al = align_docs(a, b, ctx, NULL);
            const struct align_stats *st = align_get_stats(al);
            printf("# %s -w %zu%s: wrapped at %u, sentences %zu / %zu, same %zu, other rows %zu\n",
                   gold_seeds[k], cases[c].width, cases[c].crlf ? " CRLF" : "", w.width,
                   st->sentences[0], st->sentences[1], st->rows[ROW_SAME],
                   st->rows[ROW_CHANGED] + st->rows[ROW_MOVED] + st->rows[ROW_DELETED] +
                       st->rows[ROW_INSERTED]);
            assert_int_equal(st->sentences[0], st->sentences[1]);
            assert_int_equal(st->rows[ROW_SAME], st->sentences[0]);
            assert_true(w.width <= cases[c].width && w.width + 2 >= cases[c].width);
            align_free(al);
            doc_free(a);
            doc_free(b);
            doc_ctx_free(ctx);
            free(wrapped);
        }
        free(text);
    }
}

/* Texts of one paragraph a line are not wrapped, nor are the seeds. */
static void test_unwrapped_not_detected(void **state)
{
    (void)state;
    for (int k = 0; k < 5; k++) {
        size_t len;
        char *text = read_seed(k, &len);
        struct wrap w;
        wrap_detect(text, len, 0, &w);
        assert_int_equal(w.width, 0);
        free(text);
    }
    /* short lines of similar lengths: a list, not a wrapped paragraph */
    static const char list[] = "Flour, two cups\nSugar, one cup\nButter, half a cup\n"
                               "Eggs, three large\nMilk, one cup\nSalt, a pinch\n";
    struct wrap w;
    wrap_detect(list, sizeof list - 1, 0, &w);
    assert_int_equal(w.width, 0);
}

/* The sentences of s, each with its white space runs made one space. */
static char **sentences(const char *s, size_t len, size_t *n)
{
    struct seg_span *sp = NULL;
    size_t cap = 0;
    *n = 0;
    seg_sentences(s, len, 0, &sp, n, &cap);
    char **v = xcalloc(*n + 1, sizeof *v);
    for (size_t i = 0; i < *n; i++) {
        char *t = xmalloc(sp[i].end - sp[i].start + 1);
        size_t m = 0;
        for (uint32_t k = sp[i].start; k < sp[i].end; k++) {
            char c = s[k];
            bool blank = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (blank && m && t[m - 1] == ' ') continue;
            t[m++] = blank ? ' ' : c;
        }
        t[m] = '\0';
        v[i] = t;
    }
    free(sp);
    return v;
}

static void expect(const char *s, const char *const *want)
{
    size_t n;
    char **got = sentences(s, strlen(s), &n);
    size_t nw = 0;
    while (want[nw])
        nw++;
    bool ok = n == nw;
    for (size_t i = 0; ok && i < n; i++)
        ok = strcmp(got[i], want[i]) == 0;
    if (!ok) {
        print_error("input:\n%s\ngot %zu:\n", s, n);
        for (size_t i = 0; i < n; i++)
            print_error("  [%s]\n", got[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(got[i]);
    free(got);
    assert_true(ok);
}

/* A headline, a byline, a dateline, a list and short lines stay apart
 * from the wrapped paragraphs around them (fold -s at 44, trailing
 * blanks left). */
static void test_apart(void **state)
{
    (void)state;
    static const char text[] = "Harbour plan wins a narrow council vote\n"
                               "By Ann Writer\n"
                               "PORT ALDER (Coastal Wire) - The town council \n"
                               "approved the harbour plan on Monday after a \n"
                               "long night of debate, and the mayor said the \n"
                               "first cranes could arrive before the winter \n"
                               "storms close the bay to heavy ships.\n"
                               "The plan includes:\n"
                               "- a new breakwater along the northern shore \n"
                               "of the bay\n"
                               "- two cranes\n"
                               "Critics said the cost had doubled since the \n"
                               "first estimate was published last spring.\n";
    expect(text, (const char *const[]){
                     "Harbour plan wins a narrow council vote", "By Ann Writer",
                     "PORT ALDER (Coastal Wire) - The town council approved the harbour plan on "
                     "Monday after a long night of debate, and the mayor said the first cranes "
                     "could arrive before the winter storms close the bay to heavy ships.",
                     "The plan includes:", "- a new breakwater along the northern shore of the bay",
                     "- two cranes",
                     "Critics said the cost had doubled since the first estimate was published "
                     "last spring.",
                     NULL});
}

/* Wrapped without trailing blanks (fmt-like greedy wrapping at 40): a
 * line that ends a sentence ends its paragraph, unless a quotation is
 * still open across the lines before it. */
static void test_no_trailing_blanks(void **state)
{
    (void)state;
    static const char text[] = "The ferry crossed the strait twice on\n"
                               "Sunday, and the harbour master said that\n"
                               "both trips ended without trouble.\n"
                               "\xE2\x80\x9CWe waited for calm water all week.\n"
                               "Then it came,\xE2\x80\x9D the captain said as the\n"
                               "passengers walked down to the pier.\n"
                               "Tickets for the winter season go on sale\n"
                               "next month at the harbour office.\n";
    expect(text,
           (const char *const[]){"The ferry crossed the strait twice on Sunday, and the harbour "
                                 "master said that both trips ended without trouble.",
                                 "\xE2\x80\x9CWe waited for calm water all week. Then it "
                                 "came,\xE2\x80\x9D the captain said as the passengers walked "
                                 "down to the pier.",
                                 "Tickets for the winter season go on sale next month at the "
                                 "harbour office.",
                                 NULL});
}

/* Paragraphs between blank lines, filled to balanced lengths (fmt). */
static void test_balanced_paragraphs(void **state)
{
    (void)state;
    static const char text[] = "Storm closes the coast road\n"
                               "\n"
                               "Heavy rain closed the coast road north\n"
                               "of the town on Friday, and crews worked\n"
                               "through the night.\n"
                               "\n"
                               "The road should open again by Monday,\n"
                               "officials said, if the rain stops as\n"
                               "forecast on Saturday.\n"
                               "\n"
                               "Drivers were told to use the inland\n"
                               "route through the hills until then.\n";
    expect(text, (const char *const[]){"Storm closes the coast road",
                                       "Heavy rain closed the coast road north of the town on "
                                       "Friday, and crews worked through the night.",
                                       "The road should open again by Monday, officials said, if "
                                       "the rain stops as forecast on Saturday.",
                                       "Drivers were told to use the inland route through the "
                                       "hills until then.",
                                       NULL});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds_wrapped),
        cmocka_unit_test(test_unwrapped_not_detected),
        cmocka_unit_test(test_apart),
        cmocka_unit_test(test_no_trailing_blanks),
        cmocka_unit_test(test_balanced_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
