/* test_role.c - sentence roles (src/role.c): every role from signals, on
 * texts written for these tests: story, headline (and the title), a
 * dateline alone and opening a lede, captions and credits, bylines, and
 * the kinds of boilerplate (furniture, numbers, code, links, prompts,
 * repetition). */
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

#include "doc.h"
#include "role.h"
#include "source.h"
#include "util.h"

static struct doc *load(struct doc_ctx *ctx, const char *name, const char *text)
{
    struct doc *d = NULL;
    assert_int_equal(doc_from_memory(ctx, name, text, strlen(text), NULL, &d), WD_OK);
    return d;
}

/* The sentence of d whose text starts with prefix. */
static const struct sentence *find(const struct doc *d, const char *prefix)
{
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    const char *b = doc_bytes(d, NULL);
    for (size_t i = 0; i < n; i++)
        if (s[i].end - s[i].start >= strlen(prefix) &&
            memcmp(b + s[i].start, prefix, strlen(prefix)) == 0)
            return &s[i];
    fail_msg("no sentence starts with \"%s\"", prefix);
    return NULL;
}

static void expect_role(const struct doc *d, const char *prefix, enum sent_role r)
{
    const struct sentence *s = find(d, prefix);
    if (sent_role(s) != r)
        fail_msg("\"%s\": role %s, want %s", prefix, role_name(sent_role(s)), role_name(r));
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(role_name(ROLE_STORY), "story");
    assert_string_equal(role_name(ROLE_HEADLINE), "headline");
    assert_string_equal(role_name(ROLE_DATELINE), "dateline");
    assert_string_equal(role_name(ROLE_CAPTION), "caption");
    assert_string_equal(role_name(ROLE_BYLINE), "byline");
    assert_string_equal(role_name(ROLE_BOILER), "boilerplate");
    assert_int_equal(role_letter(ROLE_STORY), ' ');
    assert_int_equal(role_letter(ROLE_HEADLINE), 'h');
}

/* Sentences with a verb and a stop are the story; a headline is the line
 * at the top; junk first lines give no title. */
static void test_story_headline_title(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "a.txt",
                         "comments\n"
                         "e-mail\n"
                         "Please buy a subscription to read this story\n"
                         "Harbour plan wins a narrow council vote\n"
                         "The council approved the harbour plan on Monday. It cost more.\n"
                         "What the cranes will change\n"
                         "Ships will unload in half the time, the port said.\n");
    expect_role(d, "comments", ROLE_BOILER);
    expect_role(d, "e-mail", ROLE_BOILER);
    expect_role(d, "Please buy", ROLE_BOILER);
    expect_role(d, "Harbour plan", ROLE_HEADLINE);
    expect_role(d, "The council", ROLE_STORY);
    expect_role(d, "It cost", ROLE_STORY);
    expect_role(d, "What the cranes", ROLE_HEADLINE); /* a subheading */
    expect_role(d, "Ships will", ROLE_STORY);
    assert_string_equal(doc_title(d), "Harbour plan wins a narrow council vote");
    doc_free(d);
    /* a headline that asks, and its copy just after it */
    d = load(ctx, "b.txt",
             "Will the harbour open in time?\nWill the harbour open in time?\n"
             "Nobody at the port would say. Work goes on.\n");
    expect_role(d, "Will the harbour", ROLE_HEADLINE);
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    assert_int_equal(sent_role(&s[1]), ROLE_HEADLINE);
    assert_string_equal(doc_title(d), "Will the harbour open in time?");
    doc_free(d);
    /* no line at the top: no headline, the file's name */
    d = load(ctx, "dir/c.txt", "The council met. It voted.\n");
    assert_string_equal(doc_title(d), "c.txt");
    doc_free(d);
    doc_ctx_free(ctx);
}

/* A web page's text is its headline line, then the paragraphs: the first
 * line is the headline, whatever its words. */
static void test_page_headline(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    static const char text[] = "Storm: the road closes. Crews wait\n"
                               "Heavy rain closed the coast road on Friday.\n";
    struct source_meta *m = xcalloc(1, sizeof *m);
    m->page = true;
    m->headline = xstrdup("Storm: the road closes. Crews wait");
    struct doc_input in = {.name = "https://example.test/storm",
                           .text = xstrdup(text),
                           .len = sizeof text - 1,
                           .meta = m};
    struct doc *d = NULL;
    enum wd_status st;
    doc_load_inputs(ctx, &in, 1, NULL, &d, &st);
    free(m);
    assert_int_equal(st, WD_OK);
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    const char *b = doc_bytes(d, NULL);
    assert_int_equal(n, 3);
    assert_int_equal(sent_role(&s[0]), ROLE_HEADLINE);
    assert_int_equal(sent_role(&s[1]), ROLE_HEADLINE); /* the first line's second sentence */
    assert_int_equal(sent_role(&s[2]), ROLE_STORY);
    /* the headline line reads as the page's headline and the title */
    assert_memory_equal(b + s[0].start, doc_meta(d)->headline, s[1].end - s[0].start);
    assert_int_equal(strlen(doc_meta(d)->headline), s[1].end - s[0].start);
    assert_string_equal(doc_title(d), doc_meta(d)->headline);
    doc_free(d);
    doc_ctx_free(ctx);
}

static void expect_dateline(const char *text, size_t want)
{
    size_t got = role_dateline(text, 0, strlen(text));
    if (got != want) fail_msg("dateline of \"%s\": %zu bytes, want %zu", text, got, want);
}

/* Datelines: a place in capitals, then a region, a date, an agency in
 * parentheses and a dash, some of them. */
static void test_dateline_forms(void **state)
{
    (void)state;
    expect_dateline("PORT ALDER, Ore. (Coastal Wire) \xE2\x80\x94 The council met.", 36);
    expect_dateline("LAKEVIEW (Reuters) - The council met.", 21);
    expect_dateline("EASTON, June 14 (Valley News) -- The council met.", 33);
    expect_dateline("NORTH BAY \xE2\x80\x94 The council met.", 14);
    expect_dateline("NEW HARBOR, Maine (AP) The council met.", 23);
    /* not datelines: capitals without an agency or dash, a sentence */
    expect_dateline("NATO allies met on Monday.", 0);
    expect_dateline("The PORT ALDER council met.", 0);
    expect_dateline("US - China talks resume.", 0);
}

/* A dateline alone on its line is a dateline; one that opens a lede stays
 * in the story sentence, its length noted. */
static void test_dateline_roles(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "d.txt",
                         "Dam repairs begin\n"
                         "LAKEVIEW (Reuters) -\n"
                         "Work on the dam began on Monday. Crews arrived early.\n"
                         "PORT ALDER, Ore. (Coastal Wire) \xE2\x80\x94 The council met.\n");
    expect_role(d, "LAKEVIEW", ROLE_DATELINE);
    expect_role(d, "Work on the dam", ROLE_STORY);
    const struct sentence *s = find(d, "PORT ALDER");
    assert_int_equal(sent_role(s), ROLE_STORY);
    assert_int_equal(sent_dateline(s), 36);
    assert_int_equal(sent_dateline(find(d, "Work on")), 0);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* Captions and credits: a credit line, a closing credit, a caption's
 * opening, a picture line, a caption before its credit on one line. */
static void test_captions(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "c.txt",
                         "Dam repairs begin\n"
                         "Crews began work on the old dam on Monday.\n"
                         "Photo: Valley News / Ann Lee / Handout\n"
                         "A crane lifts a gate at the dam on Monday. (AP Photo/K. Brandt, File)\n"
                         "In this May 2 file photo, a worker checks the spillway near Lakeview.\n"
                         "Image via Stockroom\n"
                         "Water flows over the spillway in spring. Photograph: Li Wei/Valley News\n"
                         "The repairs will take two years, the county said.\n");
    expect_role(d, "Crews began", ROLE_STORY);
    expect_role(d, "Photo: Valley News", ROLE_CAPTION);
    expect_role(d, "A crane lifts", ROLE_CAPTION);
    expect_role(d, "In this May 2", ROLE_CAPTION);
    expect_role(d, "Image via", ROLE_CAPTION);
    expect_role(d, "Water flows", ROLE_CAPTION);
    expect_role(d, "Photograph:", ROLE_CAPTION);
    expect_role(d, "The repairs", ROLE_STORY);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* Bylines: "By" and names, a task and "by", the page's byline. */
static void test_bylines(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "b.txt",
                         "Dam repairs begin\n"
                         "By Ann Writer and Li Wei\n"
                         "By the time crews arrived, the gate had failed.\n"
                         "(Reporting by Li Wei; Editing by Tom Hart)\n");
    expect_role(d, "By Ann", ROLE_BYLINE);
    expect_role(d, "By the time", ROLE_STORY);
    expect_role(d, "(Reporting", ROLE_BYLINE);
    doc_free(d);
    static const char text[] = "Dam repairs begin\nAnn Writer\nCrews arrived early.\n";
    struct source_meta *m = xcalloc(1, sizeof *m);
    m->page = true;
    m->headline = xstrdup("Dam repairs begin");
    m->byline = xstrdup("Ann Writer");
    struct doc_input in = {.name = "p", .text = xstrdup(text), .len = sizeof text - 1, .meta = m};
    enum wd_status st;
    doc_load_inputs(ctx, &in, 1, NULL, &d, &st);
    free(m);
    assert_int_equal(st, WD_OK);
    expect_role(d, "Ann Writer", ROLE_BYLINE);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* Boilerplate from structure: a word or two in capitals, numbers, code,
 * links, the copyright sign, prompts, a line that comes back. */
static void test_boilerplate(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "j.txt",
                         "Dam repairs begin\n"
                         "SAVE NOW\n"
                         "Save\n"
                         "0 Shares\n"
                         "0\n"
                         "Crews began work on the old dam on Monday.\n"
                         "window._lazy = window._lazy || [];\n"
                         "Image 1 of 3\n"
                         "Close\n"
                         "Updated 1:45 pm\n"
                         "View Comments\n"
                         "Share this story\n"
                         "The repairs will take two years, the county said.\n"
                         "Share this story\n"
                         "Your current plan does not include this article.\n"
                         "Read more at www.valley.test\n"
                         "\xC2\xA9 2031 Valley News Group\n"
                         "Footer Navigation\n");
    expect_role(d, "SAVE NOW", ROLE_BOILER);
    expect_role(d, "Save", ROLE_BOILER);
    expect_role(d, "0 Shares", ROLE_BOILER);
    expect_role(d, "0", ROLE_BOILER);
    expect_role(d, "window.", ROLE_BOILER);
    expect_role(d, "Image 1 of 3", ROLE_BOILER);
    expect_role(d, "Close", ROLE_BOILER);
    expect_role(d, "Updated", ROLE_BOILER);
    expect_role(d, "View Comments", ROLE_BOILER);
    expect_role(d, "Share this story", ROLE_BOILER); /* it comes back */
    expect_role(d, "Your current plan", ROLE_BOILER);
    expect_role(d, "Read more at", ROLE_BOILER);
    expect_role(d, "\xC2\xA9 2031", ROLE_BOILER);
    expect_role(d, "Footer Navigation", ROLE_BOILER);
    expect_role(d, "Crews began", ROLE_STORY);
    expect_role(d, "The repairs", ROLE_STORY);
    expect_role(d, "Dam repairs", ROLE_HEADLINE);
    /* a subheading in sentence case is no furniture; a fragment cut at a
     * comma is story text */
    doc_free(d);
    d = load(ctx, "k.txt",
             "Dam repairs begin\nCrews began work on Monday.\nCounty warned\n"
             "\xE2\x80\x9CWe will not stop,\nthe engineer said.\n");
    expect_role(d, "County warned", ROLE_HEADLINE);
    expect_role(d, "\xE2\x80\x9CWe will not stop,", ROLE_STORY);
    doc_free(d);
    doc_ctx_free(ctx);
}

/* A sentence that repeats a dateline lede's text without its dateline (a
 * teaser, a caption copy) is a caption; both have the same body id. */
/* Sentences inside a paragraph (neither a line nor alone on one): their
 * words are read without tokenizing when the text is ASCII (role.c,
 * story_words), and must say what the tokenizer says: a word that begins
 * with a letter (not "3rd"; the "a" of "1.a" is one, after a period that
 * joins nothing, which the tokenizer is asked), code punctuation, a "(c)"
 * that counts the words; other text takes the tokenizer. */
static void test_paragraph_words(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "w.txt",
                         "Crews began work on the dam. 3rd 4th 5th 6th. The crews said so. "
                         "1.a 2.b 3-c. The work goes on. Set x = {a}; y = {b}; z = $c; w = d_e. "
                         "Then 4 (x) 5 held. 4 (x) 5. Rights (c) reserved. "
                         "The (c) mark stays in a long sentence of story text with many more "
                         "words in it than any line of links would hold. "
                         "12 \xE2\x80\x94 34. A \xE2\x80\x9Cquoted\xE2\x80\x9D word. "
                         "Kim's 2.5 rating held.\n");
    expect_role(d, "Crews began", ROLE_STORY);
    expect_role(d, "3rd 4th", ROLE_BOILER);
    expect_role(d, "1.a 2.b", ROLE_STORY);
    expect_role(d, "Set x = {a}", ROLE_BOILER);
    expect_role(d, "4 (x) 5.", ROLE_STORY);
    expect_role(d, "Rights (c)", ROLE_BOILER);
    expect_role(d, "The (c) mark", ROLE_STORY);
    expect_role(d, "12 ", ROLE_BOILER);
    expect_role(d, "A \xE2\x80\x9C", ROLE_STORY);
    expect_role(d, "Kim's", ROLE_STORY);
    doc_free(d);
    doc_ctx_free(ctx);
}

static void test_lede_copy(void **state)
{
    (void)state;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d = load(ctx, "t.txt",
                         "Crews began work on the old dam on Monday.\n"
                         "Dam repairs begin\n"
                         "LAKEVIEW (Reuters) - Crews began work on the old dam on Monday.\n"
                         "The repairs will take two years.\n");
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    assert_int_equal(sent_role(&s[0]), ROLE_CAPTION);
    assert_int_equal(sent_role(&s[2]), ROLE_STORY);
    assert_int_equal(sent_dateline(&s[2]), 21);
    assert_int_equal(doc_body_id(d, 2), s[0].id);
    assert_true(s[2].id != s[0].id);
    assert_int_equal(doc_body_id(d, 3), s[3].id);
    doc_free(d);
    doc_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),           cmocka_unit_test(test_story_headline_title),
        cmocka_unit_test(test_page_headline),   cmocka_unit_test(test_dateline_forms),
        cmocka_unit_test(test_dateline_roles),  cmocka_unit_test(test_captions),
        cmocka_unit_test(test_bylines),         cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_paragraph_words), cmocka_unit_test(test_lede_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
