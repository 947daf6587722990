/* test_source.c - unit tests for the source layer: what is a page and what
 * is a URL, character sets (BOM, HTTP header, <meta charset>, http-equiv,
 * windows-1252, Shift_JIS, ISO-8859-2, UTF-16, undeclared invalid bytes,
 * an unknown charset), the article extractor on small pages written here
 * (entities, nested blocks, line breaks, lists and quotations, comments, a
 * "related stories" rail, captions, hidden blocks, scripts, JSON-LD, a
 * page with no article, malformed and deep markup) and the metadata
 * (headline, byline, site, dates, canonical URL, a saved copy's marks).
 * Built without libxml2, it checks that pages are refused with a message. */
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

#include "load.h"
#include "source.h"
#include "util.h"
#ifdef HAVE_LIBXML2
#include "source_int.h"
#endif

/* ---- helpers ---------------------------------------------------------------------- */

/* ---- what is what ------------------------------------------------------------------ */

static void test_looks_html(void **state)
{
    (void)state;
    assert_true(source_looks_html("a.html", "", 0));
    assert_true(source_looks_html("dir/A.HTM", "", 0));
    assert_true(source_looks_html("x.xhtml", "", 0));
    assert_false(source_looks_html("notes.txt", "plain text", 10));
    const char *yes[] = {"<!DOCTYPE html><html>",
                         "\xEF\xBB\xBF<!doctype HTML>",
                         "  \n<html lang=en>",
                         "<!-- saved from url=(0010)x -->\n<html>",
                         "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"x\">",
                         "<HTML>"};
    for (size_t i = 0; i < WD_ARRAY_LEN(yes); i++)
        assert_true(source_looks_html(NULL, yes[i], strlen(yes[i])));
    const char *no[] = {"<p>a fragment</p>", "html is a language", "<htmlx>",
                        "<!-- open",         "<!DOCTYPE svg>",     ""};
    for (size_t i = 0; i < WD_ARRAY_LEN(no); i++)
        assert_false(source_looks_html(NULL, no[i], strlen(no[i])));
}

static void test_is_url(void **state)
{
    (void)state;
    assert_true(source_is_url("https://example.com/a"));
    assert_true(source_is_url("http://127.0.0.1:8080/"));
    assert_true(source_is_url("ftp://example.com/x")); /* a URL, refused by fetch */
    assert_false(source_is_url("notes.txt"));
    assert_false(source_is_url("-"));
    assert_false(source_is_url("dir/https://x"));
    assert_false(source_is_url("c://x")); /* a one-letter scheme is a drive, not a URL */
    assert_false(source_is_url("://x"));
}

static void test_display_name(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"seeds/000.txt", "000.txt"},
        {"-", "(standard input)"},
        {"https://www.example.com/news/story-1.html?x=1#top", "example.com/story-1.html"},
        {"https://example.com/", "example.com"},
        {"http://user:pw@news.example.org:8080/a/b/", "news.example.org/b"},
        {"https://www.x.example", "x.example"},
    };
    for (size_t i = 0; i < WD_ARRAY_LEN(cases); i++) {
        char *n = source_display_name(cases[i][0]);
        assert_string_equal(n, cases[i][1]);
        free(n);
    }
}

static void test_page_name(void **state)
{
    (void)state;
    char *n = load_page_name("https://WWW.Example.com:443/a?b", "2026-11-23T17:10:00Z",
                             "2026-12-04T10:00:00Z", "abc", 3, "html");
    /* host, published date, hash of the bytes */
    assert_string_equal(n, "www.example.com_2026-11-23_e71fa2190541574b.html");
    free(n);
    n = load_page_name("https://e.example/", NULL, "2026-12-04T10:00:00Z", "abc", 3, "html");
    assert_string_equal(n, "e.example_2026-12-04_e71fa2190541574b.html");
    free(n);
    /* a host that could leave the folder is no host */
    n = load_page_name("http://../x", NULL, NULL, "", 0, "txt");
    assert_null(strchr(n, '/'));
    assert_int_equal(strncmp(n, "page", 4), 0);
    free(n);
}

#ifdef HAVE_LIBXML2

/* The article of page (NUL-terminated), asserting that there is one. */
static struct source_article page(const char *html)
{
    struct source_article a;
    char err[SOURCE_ERR_MAX] = "";
    bool ok = source_page(html, strlen(html), NULL, &a, err);
    if (!ok) fprintf(stderr, "source_page: %s\n", err);
    assert_true(ok);
    assert_non_null(a.text);
    assert_int_equal(a.text[a.len], '\0');
    return a;
}

static const char *body(const struct source_article *a)
{
    return a->text + a->body;
}

/* A paragraph of prose long enough to score, with commas. */
#define PROSE(x)                                                                                   \
    "<p>" x " The council met on Tuesday, and after a long debate, members voted to "              \
    "approve the budget, which includes money for roads, schools and parks.</p>"

/* ---- charsets ---------------------------------------------------------------------- */

static void test_charset_names(void **state)
{
    (void)state;
    char name[CHARSET_NAME_MAX];
    const char *cases[][2] = {
        {"latin1", "WINDOWS-1252"},   {"ISO-8859-1", "WINDOWS-1252"},
        {" utf-8 ", "UTF-8"},         {"Shift_JIS", "CP932"},
        {"x-sjis", "CP932"},          {"gb2312", "GBK"},
        {"EUC-KR", "CP949"},          {"koi8-r", "KOI8-R"},
        {"\"utf8\"", "UTF-8"},        {"iso-8859-2", "ISO-8859-2"},
        {"us-ascii", "WINDOWS-1252"},
    };
    for (size_t i = 0; i < WD_ARRAY_LEN(cases); i++) {
        assert_true(charset_iconv_name(cases[i][0], strlen(cases[i][0]), name));
        assert_string_equal(name, cases[i][1]);
    }
    assert_false(charset_iconv_name("", 0, name));
    assert_false(charset_iconv_name("utf 8", 5, name));
    char long_label[200];
    memset(long_label, 'a', sizeof long_label);
    assert_false(charset_iconv_name(long_label, sizeof long_label, name));
}

/* Each label of charset.c's table (it is searched by halves) resolves to
 * what the table says, and every name it gives is one iconv knows. */
static void test_charset_table(void **state)
{
    (void)state;
    const char *labels[] = {"ansi_x3.4-1968",
                            "ascii",
                            "big5",
                            "big5-hkscs",
                            "chinese",
                            "cn-big5",
                            "cp819",
                            "csbig5",
                            "csgb2312",
                            "csiso58gb231280",
                            "csisolatin1",
                            "csisolatin5",
                            "csisolatin9",
                            "csshiftjis",
                            "cswindows31j",
                            "euc-kr",
                            "gb2312",
                            "gb_2312",
                            "gb_2312-80",
                            "ibm819",
                            "iso-8859-1",
                            "iso-8859-11",
                            "iso-8859-9",
                            "iso-ir-100",
                            "iso-ir-148",
                            "iso-ir-149",
                            "iso-ir-58",
                            "iso8859-1",
                            "iso8859-11",
                            "iso8859-9",
                            "iso88591",
                            "iso885911",
                            "iso88599",
                            "iso_8859-1",
                            "iso_8859-1:1987",
                            "iso_8859-9",
                            "iso_8859-9:1989",
                            "korean",
                            "ks_c_5601-1987",
                            "ks_c_5601-1989",
                            "ksc5601",
                            "ksc_5601",
                            "l1",
                            "l5",
                            "latin1",
                            "latin5",
                            "ms932",
                            "ms_kanji",
                            "shift-jis",
                            "shift_jis",
                            "sjis",
                            "tis-620",
                            "unicode-1-1-utf-8",
                            "unicode11utf8",
                            "unicode20utf8",
                            "us-ascii",
                            "utf-16",
                            "utf8",
                            "windows-31j",
                            "windows-874",
                            "windows-949",
                            "x-cp1252",
                            "x-gbk",
                            "x-mac-roman",
                            "x-sjis",
                            "x-x-big5"};
    for (size_t i = 0; i < WD_ARRAY_LEN(labels); i++) {
        char name[CHARSET_NAME_MAX], upper[CHARSET_NAME_MAX];
        assert_true(charset_iconv_name(labels[i], strlen(labels[i]), name));
        /* found in the table: not just the label upper-cased */
        size_t k = 0;
        for (; labels[i][k]; k++)
            upper[k] = (char)(labels[i][k] >= 'a' && labels[i][k] <= 'z' ? labels[i][k] - 32
                                                                         : labels[i][k]);
        upper[k] = '\0';
        if (strcmp(name, upper) == 0)
            assert_true(strcmp(name, "BIG5-HKSCS") == 0 || strcmp(name, "WINDOWS-874") == 0);
        struct strbuf out = {0};
        size_t invalid;
        char got[CHARSET_NAME_MAX], err[SOURCE_ERR_MAX] = "";
        assert_true(charset_to_utf8("abc", 3, labels[i], &out, &invalid, got, err));
        assert_string_equal(got, name);
        sb_free(&out);
    }
}

static void test_charset_meta(void **state)
{
    (void)state;
    /* windows-1252 by <meta charset>: curly quotes and accents */
    struct source_article a = page("<html><head><meta charset=\"windows-1252\"></head><body>"
                                   "<p>The caf\xe9 served cr\xe8me br\xfbl\xe9"
                                   "e to \x93guests\x94, "
                                   "said the owner, who was pleased with the opening night.</p>"
                                   "</body></html>");
    assert_non_null(strstr(body(&a), "caf\xC3\xA9 served cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                                     "e to \xE2\x80\x9Cguests\xE2\x80\x9D"));
    assert_string_equal(a.meta.charset, "WINDOWS-1252");
    assert_int_equal(a.invalid, 0);
    source_article_free(&a);
    /* "iso-8859-1" means windows-1252 to a browser: 0x93 is a quotation mark */
    a = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
             "<p>An \x93opening\x94 of the new library, with books, chairs, and a long line of "
             "readers outside.</p>");
    assert_non_null(strstr(body(&a), "\xE2\x80\x9Copening\xE2\x80\x9D"));
    source_article_free(&a);
    /* Shift_JIS by http-equiv */
    a = page(
        "<html><head><meta http-equiv=\"content-type\" content=\"text/html;charset=shift_jis\">"
        "</head><body><p>\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6\x8f\xcd\x82\xc5\x82\xb7\x81"
        "\x42\x82\xb1\x82\xea\x82\xcd\x83\x65\x83\x58\x83\x67\x82\xc5\x82\xb7\x81\x42\x93\xfa"
        "\x96\x7b\x8c\xea\x82\xcc\x95\xb6\x8f\xcd\x82\xc5\x82\xb7\x81\x42</p></body></html>");
    assert_non_null(strstr(body(&a), "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E")); /* 日本語 */
    assert_string_equal(a.meta.charset, "CP932");
    source_article_free(&a);
}

static void test_charset_http_wins(void **state)
{
    (void)state;
    /* 0xB1 is U+0105 in ISO-8859-2, U+00B1 in windows-1252 */
    const char *html = "<meta charset=\"windows-1252\"><p>Zaj\xb1\x63 is a Polish word, and it "
                       "appears here in a paragraph long enough to be an article.</p>";
    struct source_article a;
    char err[SOURCE_ERR_MAX];
    assert_true(source_page(html, strlen(html), "ISO-8859-2", &a, err));
    assert_non_null(strstr(body(&a), "Zaj\xC4\x85"
                                     "c"));
    source_article_free(&a);
    a = page(html);
    assert_non_null(strstr(body(&a), "Zaj\xC2\xB1"
                                     "c"));
    source_article_free(&a);
}

static void test_charset_bom_and_invalid(void **state)
{
    (void)state;
    /* UTF-16LE with a BOM, whatever the page says */
    const char *ascii = "<meta charset=\"iso-8859-1\"><p>Sixteen bits a character, and still "
                        "the same story, told at length for the extractor.</p>";
    size_t n = strlen(ascii);
    char *u16 = malloc(2 + 2 * n);
    u16[0] = (char)0xFF;
    u16[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        u16[2 + 2 * i] = ascii[i];
        u16[3 + 2 * i] = 0;
    }
    struct source_article a;
    char err[SOURCE_ERR_MAX];
    assert_true(source_page(u16, 2 + 2 * n, NULL, &a, err));
    assert_non_null(strstr(body(&a), "Sixteen bits a character"));
    assert_string_equal(a.meta.charset, "UTF-16LE");
    source_article_free(&a);
    free(u16);
    /* undeclared bytes that are not UTF-8: U+FFFD each, counted */
    a = page("<p>Bad \xff bytes \xc3 in a paragraph that is long enough, surely, to be the "
             "article text of this page.</p>");
    assert_non_null(strstr(body(&a), "Bad \xEF\xBF\xBD bytes \xEF\xBF\xBD in"));
    assert_int_equal(a.invalid, 2);
    source_article_free(&a);
    /* a NUL byte is not text either */
    const char nul[] = "<p>A NUL\0 byte in a paragraph that is long enough, surely, to be the "
                       "article text of this page.</p>";
    assert_true(source_page(nul, sizeof nul - 1, NULL, &a, err));
    assert_non_null(strstr(body(&a), "NUL\xEF\xBF\xBD byte"));
    assert_int_equal(a.invalid, 1);
    source_article_free(&a);
}

static void test_charset_unknown(void **state)
{
    (void)state;
    const char *html = "<meta charset=\"x-klingon\"><p>Text text text text text text text.</p>";
    struct source_article a;
    char err[SOURCE_ERR_MAX] = "";
    assert_false(source_page(html, strlen(html), NULL, &a, err));
    assert_string_equal(err, "unknown charset 'x-klingon'");
    assert_false(source_page(html, strlen(html), "no such set", &a, err));
    assert_string_equal(err, "unknown charset 'no such set'");
}

/* ---- the article ------------------------------------------------------------------- */

static void test_entities_and_space(void **state)
{
    (void)state;
    struct source_article a =
        page("<html><body><article><p>Tom &amp; Jerry &lt;3 caf&eacute;s &#8220;quoted&#8221; "
             "&#x2014; and   white\n\tspace&nbsp;collapsed, as a reader sees it on the page.</p>"
             "</article></body></html>");
    assert_string_equal(body(&a), "Tom & Jerry <3 caf\xC3\xA9s \xE2\x80\x9Cquoted\xE2\x80\x9D "
                                  "\xE2\x80\x94 and white space collapsed, as a reader sees it "
                                  "on the page.\n");
    source_article_free(&a);
}

static void test_blocks_and_breaks(void **state)
{
    (void)state;
    struct source_article a = page("<html><body><div id=\"story\"><div><div>" PROSE(
        "One.") "</div>"
                "<p>First line, with <b>bold</b> and <a href=\"/x\">a link</a> inline.<br>"
                "Second line after a break, still the same paragraph element.</p>"
                "<ul><li>A listed point, as a paragraph of its own, with a comma.</li>"
                "<li>Another point.</li></ul>"
                "<blockquote><p>A quotation kept as a paragraph, said the mayor, "
                "twice.</p></blockquote>" PROSE("Two.") "</div></div></body></html>");
    assert_string_equal(body(&a),
                        "One. The council met on Tuesday, and after a long debate, members voted "
                        "to approve the budget, which includes money for roads, schools and "
                        "parks.\n"
                        "First line, with bold and a link inline.\n"
                        "Second line after a break, still the same paragraph element.\n"
                        "A listed point, as a paragraph of its own, with a comma.\n"
                        "Another point.\n"
                        "A quotation kept as a paragraph, said the mayor, twice.\n"
                        "Two. The council met on Tuesday, and after a long debate, members voted "
                        "to approve the budget, which includes money for roads, schools and "
                        "parks.\n");
    source_article_free(&a);
}

/* A data table reads a row a line; a post quoted in the story stays, even
 * inside a block named like a widget. */
static void test_tables_and_quotes(void **state)
{
    (void)state;
    struct source_article a = page(
        "<html><body><div class=\"story\">" PROSE("Results.")
        "<table><tr><th>Pos.</th><th>Name</th><th>Points</th></tr>"
        "<tr><td>1</td><td>Ann Racer</td><td>5040</td></tr>"
        "<tr><td>2</td><td>Bo Driver</td><td>5035</td></tr></table>"
        "<div class=\"social-media-embed\"><blockquote class=\"post\"><p>We are on it, and we "
        "will stay on it until the job is done, said the governor.</p></blockquote></div>"
        PROSE("After.") "</div></body></html>");
    const char *b = body(&a);
    assert_non_null(strstr(b, "\nPos. Name Points\n1 Ann Racer 5040\n2 Bo Driver 5035\n"));
    assert_non_null(strstr(b, "\nWe are on it, and we will stay on it until the job is done"));
    source_article_free(&a);
}

/* Comments, a rail of related stories, share buttons, a newsletter box,
 * a caption, hidden text, scripts and navigation stay out. */
static void test_boilerplate_out(void **state)
{
    (void)state;
    struct source_article a = page(
        "<html><head><title>x</title><script>var x = 'SCRIPT TEXT';</script>"
        "<style>p { color: red } /* STYLE TEXT */</style></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World NAV TEXT</a></nav>"
        "<header class=\"site-header\"><p>SITE HEADER TEXT with a long enough line to score "
        "if it were scored, but it is not.</p></header>"
        "<main><article>" PROSE(
            "Story one.") "<figure><img src=\"a.jpg\"><figcaption>CAPTION TEXT: the mayor, "
                          "pictured, "
                          "in 2019.</figcaption></figure>" PROSE(
                              "Story two.") "<p style=\"display: none\">HIDDEN TEXT that is long "
                                            "enough to be a paragraph here.</p>"
                                            "<div hidden>HIDDEN ATTRIBUTE TEXT long enough to be a "
                                            "paragraph, here too.</div>"
                                            "<span class=\"sr-only\">SCREEN READER TEXT</span>"
                                            "<div class=\"share-buttons\"><a href=\"#\">Share "
                                            "SHARE TEXT</a></div>" PROSE(
                                                "Story three.") "<p>Read more: <a "
                                                                "href=\"/other\">A LINKED TEASER "
                                                                "of another story, all link</a></p>"
                                                                "</article>"
                                                                "<section "
                                                                "class=\"comments\"><h3>Comments</"
                                                                "h3>"
                                                                "<p>COMMENT TEXT: I disagree with "
                                                                "this, strongly, and at length, as "
                                                                "commenters do.</p>"
                                                                "</section></main>"
                                                                "<aside "
                                                                "class=\"related\"><h3>Related "
                                                                "stories</h3><ul>"
                                                                "<li><a href=\"/a\">RELATED TEXT "
                                                                "one, a story about something "
                                                                "else</a></li>"
                                                                "<li><a href=\"/b\">RELATED TEXT "
                                                                "two, another story about "
                                                                "something else</a></li>"
                                                                "</ul></aside>"
                                                                "<div "
                                                                "class=\"newsletter-signup\"><p>"
                                                                "NEWSLETTER TEXT: sign up for our "
                                                                "daily email, "
                                                                "it is free, and you can cancel at "
                                                                "any time.</p></div>"
                                                                "<footer><p>FOOTER TEXT, copyright "
                                                                "and all that, for the whole "
                                                                "site.</p></footer>"
                                                                "</body></html>");
    const char *b = body(&a);
    assert_non_null(strstr(b, "Story one."));
    assert_non_null(strstr(b, "Story two."));
    assert_non_null(strstr(b, "Story three."));
    const char *out[] = {"SCRIPT",     "STYLE",         "NAV TEXT",      "SITE HEADER", "CAPTION",
                         "HIDDEN",     "SCREEN READER", "SHARE TEXT",    "COMMENT",     "RELATED",
                         "NEWSLETTER", "FOOTER",        "LINKED TEASER", "Comments"};
    for (size_t i = 0; i < WD_ARRAY_LEN(out); i++)
        if (strstr(b, out[i])) fail_msg("'%s' is in the body:\n%s", out[i], b);
    source_article_free(&a);
}

/* The article is chosen among blocks by their paragraphs, not by order:
 * a teaser block of short link items before it does not win. */
static void test_best_block(void **state)
{
    (void)state;
    struct source_article a = page(
        "<html><body><div class=\"teasers\">"
        "<div><a href=\"/1\">Short teaser one</a></div><div><a href=\"/2\">Teaser two</a></div>"
        "<div><a href=\"/3\">Teaser three, a bit longer than the others</a></div></div>"
        "<div class=\"main\"><div class=\"text\">" PROSE("Alpha.") PROSE("Beta.")
            PROSE("Gamma.") "</div></div><div class=\"more\"><p>Unrelated box, text of its own, "
                            "not the story, "
                            "which a reader would skip.</p><a href=\"/4\">Another "
                            "teaser</a></div></body></html>");
    const char *b = body(&a);
    assert_non_null(strstr(b, "Alpha."));
    assert_non_null(strstr(b, "Gamma."));
    assert_null(strstr(b, "teaser"));
    assert_null(strstr(b, "Teaser"));
    source_article_free(&a);
}

static void test_no_article(void **state)
{
    (void)state;
    const char *pages[] = {
        "<html><body><nav><a href=\"/a\">A</a><a href=\"/b\">B</a></nav></body></html>",
        "<html><body><ul><li><a href=\"/1\">Story one of the index page</a></li>"
        "<li><a href=\"/2\">Story two of the index page</a></li></ul></body></html>",
        "",
        "<html><head><script>document.write('x')</script></head><body></body></html>",
    };
    for (size_t i = 0; i < WD_ARRAY_LEN(pages); i++) {
        struct source_article a;
        char err[SOURCE_ERR_MAX] = "";
        assert_false(source_page(pages[i], strlen(pages[i]), NULL, &a, err));
        assert_non_null(strstr(err, "no article text found"));
    }
}

/* Markup a browser would repair: unclosed and stray tags, a page cut off
 * in the middle of a tag. */
static void test_malformed(void **state)
{
    (void)state;
    struct source_article a =
        page("<html><body><div><p>First paragraph, never closed, with a comma, and more text"
             "<p>Second paragraph, also open, with another comma, and then</b></i></span>"
             "<p>a third, cut off in the middle of a tag, like a download that stopped <a hr");
    const char *b = body(&a);
    assert_non_null(strstr(b, "First paragraph, never closed, with a comma, and more text\n"));
    assert_non_null(strstr(b, "Second paragraph, also open, with another comma, and then\n"));
    assert_non_null(strstr(b, "a third, cut off in the middle"));
    source_article_free(&a);
}

/* A tree deeper than any stack would hold if it were walked recursively. */
static void test_deep(void **state)
{
    (void)state;
    struct strbuf h = {0};
    enum { DEPTH = 100000 };
    for (int i = 0; i < DEPTH; i++)
        sb_adds(&h, "<div>");
    sb_adds(&h, PROSE("Deep."));
    for (int i = 0; i < DEPTH; i++)
        sb_adds(&h, "</div>");
    struct source_article a;
    char err[SOURCE_ERR_MAX] = "";
    /* libxml2 may refuse a tree this deep; either way, no crash */
    if (source_page(h.s, h.len, NULL, &a, err)) source_article_free(&a);
    sb_free(&h);
}

/* ---- metadata ---------------------------------------------------------------------- */

static void test_meta_tags(void **state)
{
    (void)state;
    struct source_article a =
        page("<!DOCTYPE html><html lang=\"en-GB\"><head>"
             "<title>Bridge reopens after repairs | The Daily Example</title>"
             "<meta property=\"og:title\" content=\"Bridge reopens after repairs\">"
             "<meta property=\"og:site_name\" content=\"The Daily Example\">"
             "<meta name=\"author\" content=\"By Ann Writer\">"
             "<meta property=\"article:published_time\" content=\"2026-11-23T17:10:00Z\">"
             "<meta property=\"article:modified_time\" content=\"2026-11-24T08:00:00Z\">"
             "<link rel=\"canonical\" href=\"https://example.com/news/bridge\">"
             "</head><body><article><h1>Bridge reopens after repairs</h1>" PROSE(
                 "The bridge reopened.") "</article></body></html>");
    assert_string_equal(a.meta.headline, "Bridge reopens after repairs");
    assert_string_equal(a.meta.byline, "Ann Writer");
    assert_string_equal(a.meta.site, "The Daily Example");
    assert_string_equal(a.meta.published, "2026-11-23T17:10:00Z");
    assert_string_equal(a.meta.modified, "2026-11-24T08:00:00Z");
    assert_string_equal(a.meta.canonical, "https://example.com/news/bridge");
    assert_string_equal(a.meta.language, "en-GB");
    assert_true(a.meta.page);
    /* the document is the headline line, then the body without the <h1> */
    assert_int_equal(strncmp(a.text, "Bridge reopens after repairs\nThe bridge reopened.", 49), 0);
    assert_null(strstr(body(&a), "Bridge reopens"));
    source_article_free(&a);
    /* a logo's <h1> and a site-wide og:title name the site, not the story:
     * the <title> and the blog's <h2> do */
    a = page("<html><head><title>Ferry fares rise again | Harbour Blog</title>"
             "<meta property=\"og:title\" content=\"Harbour Blog\">"
             "<meta property=\"og:site_name\" content=\"Harbour Blog\"></head><body>"
             "<h1>Harbour Blog</h1><h2>Other post in the sidebar</h2><div class=\"post\">"
             "<h2>Ferry fares rise again</h2>" PROSE("Fares rose.") "</div></body></html>");
    assert_string_equal(a.meta.headline, "Ferry fares rise again");
    source_article_free(&a);
#ifdef HAVE_JSON_C
    /* a JSON-LD headline that the other titles do not confirm (another
     * post's) loses to the one they agree on */
    a = page("<html><head><title>Storm closes schools - Example Times</title>"
             "<meta property=\"og:title\" content=\"Storm closes schools\">"
             "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","
             "\"headline\":\"Ten recipes for winter\"}</script></head><body>"
             PROSE("Schools closed.") "</body></html>");
    assert_string_equal(a.meta.headline, "Storm closes schools");
    source_article_free(&a);
#endif
    /* without Open Graph: the <title> without the site's name */
    a = page(
        "<html><head><title>Storm closes schools - The Example Times</title></head><body>" PROSE(
            "Schools closed.") "</body></html>");
    assert_string_equal(a.meta.headline, "Storm closes schools");
    source_article_free(&a);
}

static void test_json_ld(void **state)
{
    (void)state;
#ifdef HAVE_JSON_C
    /* the markup holds a teaser; the structured data the whole story */
    struct source_article a = page(
        "<html><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Harbour plan approved\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Writer\"},{\"name\":\"Bo Reporter\"}],"
        "\"datePublished\":\"2026-11-23T17:10:00Z\",\"dateModified\":\"2026-11-23T18:00:00Z\","
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example News\"},"
        "\"articleBody\":\"The harbour plan was approved on Monday by the council, after a debate "
        "that lasted four hours.\\nIt sets aside money for a new pier, a ferry terminal and a "
        "park by the water.\\nOpponents said the cost was too high, and that the park would "
        "flood every winter, as the old one did.\\nSupporters said the pier would bring "
        "visitors, and with them, work for the town's shops and cafes.\\nThe first work is due to "
        "begin in the spring, the council said in a statement.\"}]}"
        "</script></head><body><div class=\"paywall\"><p>The harbour plan was approved on "
        "Monday by the council, after a debate that lasted four hours.</p></div></body></html>");
    assert_string_equal(a.meta.headline, "Harbour plan approved");
    assert_string_equal(a.meta.byline, "Ann Writer and Bo Reporter");
    assert_string_equal(a.meta.site, "Example News");
    assert_string_equal(a.meta.published, "2026-11-23T17:10:00Z");
    assert_string_equal(a.meta.modified, "2026-11-23T18:00:00Z");
    const char *b = body(&a);
    assert_non_null(strstr(b, "after a debate that lasted four hours.\nIt sets aside money"));
    assert_non_null(strstr(b, "in a statement.\n"));
    source_article_free(&a);
    /* malformed JSON-LD is ignored, the page still read */
    a = page("<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
             "\"headline\": </script></head><body>" PROSE("Still read.") "</body></html>");
    assert_non_null(strstr(body(&a), "Still read."));
    source_article_free(&a);
#else
    skip();
#endif
}

static void test_saved_marks(void **state)
{
    (void)state;
    struct source_article a =
        page("<!DOCTYPE html>\n<!-- saved from url=(0031)https://example.com/a-story -->\n"
             "<!-- wirediff fetched=\"2026-12-04T10:00:00Z\" status=\"200\" "
             "final-url=\"https://example.com/a-story/\" -->\n"
             "<html><body>" PROSE("Saved.") "</body></html>");
    assert_string_equal(a.meta.url, "https://example.com/a-story");
    assert_string_equal(a.meta.final_url, "https://example.com/a-story/");
    assert_string_equal(a.meta.fetched, "2026-12-04T10:00:00Z");
    assert_int_equal(a.meta.status, 200);
    source_article_free(&a);
}

/* A page's strings are outside input: controls never reach the metadata. */
static void test_meta_clean(void **state)
{
    (void)state;
    struct source_article a =
        page("<html><head><meta property=\"og:title\" content=\"Evil\x1b[31m title\x07\n"
             "  two\"></head><body><h1>x</h1>" PROSE("Body.") "</body></html>");
    assert_string_equal(a.meta.headline, "Evil[31m title two");
    source_article_free(&a);
}

#else /* !HAVE_LIBXML2 */

static void test_unsupported(void **state)
{
    (void)state;
    struct source_article a;
    char err[SOURCE_ERR_MAX] = "";
    assert_false(source_html_supported());
    assert_false(source_page("<p>x</p>", 8, NULL, &a, err));
    assert_non_null(strstr(err, "built without libxml2"));
}

#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_looks_html),
        cmocka_unit_test(test_is_url),
        cmocka_unit_test(test_display_name),
        cmocka_unit_test(test_page_name),
#ifdef HAVE_LIBXML2
        cmocka_unit_test(test_charset_names),
        cmocka_unit_test(test_charset_table),
        cmocka_unit_test(test_charset_meta),
        cmocka_unit_test(test_charset_http_wins),
        cmocka_unit_test(test_charset_bom_and_invalid),
        cmocka_unit_test(test_charset_unknown),
        cmocka_unit_test(test_entities_and_space),
        cmocka_unit_test(test_blocks_and_breaks),
        cmocka_unit_test(test_tables_and_quotes),
        cmocka_unit_test(test_boilerplate_out),
        cmocka_unit_test(test_best_block),
        cmocka_unit_test(test_no_article),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_deep),
        cmocka_unit_test(test_meta_tags),
        cmocka_unit_test(test_json_ld),
        cmocka_unit_test(test_saved_marks),
        cmocka_unit_test(test_meta_clean),
#else
        cmocka_unit_test(test_unsupported),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
