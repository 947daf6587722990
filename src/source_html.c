/* source_html.c - the article of a web page: its bytes to UTF-8
 * (charset.c), libxml2's HTML parser, the metadata (page_meta.c) and the
 * body (extract.c), put together as the document wirediff compares: the
 * headline line, then the body, one paragraph a line.
 *
 * libxml2 was chosen over gumbo: it is maintained (gumbo's upstream was
 * archived in 2023), hardened by years of fuzzing, already a Debian base
 * package, and it is the parser under lxml, on which the extractors that
 * score best on news pages (trafilatura, readability-lxml) are built.
 * Its HTML parser is not the HTML5 tree builder, but recovers from the
 * same malformed markup well enough for text extraction.  Nothing from a
 * page runs or is fetched: no network (HTML_PARSE_NONET), scripts and
 * styles are dropped as text, and errors are never printed.
 */
#include "config.h"

#include "source.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBXML2
#include "source_int.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#endif

#ifndef HAVE_LIBXML2

bool source_html_supported(void)
{
    return false;
}

bool source_page(const char *bytes, size_t len, const char *http_charset,
                 struct source_article *out, char err[SOURCE_ERR_MAX])
{
    (void)bytes;
    (void)len;
    (void)http_charset;
    memset(out, 0, sizeof *out);
    snprintf(err, SOURCE_ERR_MAX,
             "a web page, and wirediff was built without libxml2 (--input=text compares it as "
             "text)");
    return false;
}

#else

bool source_html_supported(void)
{
    return true;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init(void)
{
    xmlInitParser();
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* HTML_PARSE_IGNORE_ENC: the bytes are UTF-8 already (charset.c), whatever
 * the page says. */
#define PARSE_OPTIONS                                                                              \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |           \
     HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

struct utf8_page {
    const char *s;
    size_t len;
};

static xmlDocPtr parse(void *arg)
{
    const struct utf8_page *p = arg;
    if (p->len > INT32_MAX) return NULL;
    return htmlReadMemory(p->s, (int)p->len, NULL, "UTF-8", PARSE_OPTIONS);
}

bool source_page(const char *bytes, size_t len, const char *http_charset,
                 struct source_article *out, char err[SOURCE_ERR_MAX])
{
    memset(out, 0, sizeof *out);
    pthread_once(&init_once, init);
    /* libxml2 keeps its error handlers per thread */
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);

    struct strbuf utf8 = {0};
    char charset[CHARSET_NAME_MAX];
    if (!charset_to_utf8(bytes, len, http_charset, &utf8, &out->invalid, charset, err)) {
        sb_free(&utf8);
        return false;
    }
    struct utf8_page page = {.s = utf8.s ? utf8.s : "", .len = utf8.len};
    xmlDocPtr doc = parse(&page);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc) xmlFreeDoc(doc);
        sb_free(&utf8);
        snprintf(err, SOURCE_ERR_MAX, "no article text found (the page is empty)");
        return false;
    }
    struct source_meta *m = &out->meta;
    m->page = true;
    m->charset = xstrdup(charset);
    char *ld_body = NULL;
    page_meta_read(doc, m, &ld_body);
    struct strbuf text = {0};
    if (m->headline) {
        sb_adds(&text, m->headline);
        sb_addc(&text, '\n');
    }
    size_t body = text.len;
    size_t lines = extract_body(doc, parse, &page, m->headline, ld_body, &text);
    xmlFreeDoc(doc);
    free(ld_body);
    sb_free(&utf8);
    if (lines == 0) {
        sb_free(&text);
        source_meta_free(m);
        snprintf(err, SOURCE_ERR_MAX,
                 "no article text found; --input=text compares the page's whole text");
        return false;
    }
    out->body = body;
    out->text = sb_take(&text, &out->len);
    return true;
}

#endif
