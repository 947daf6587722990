/* fuzz_source.c - the source layer on outside input: a web page's bytes
 * through charset detection and conversion, libxml2's HTML parser, the
 * metadata (meta tags, JSON-LD) and the article extractor; and the
 * other parsers of names a user or a page gives (source_looks_html,
 * source_is_url, source_display_name, load_page_name).
 *
 * The first byte picks the charset the HTTP header would give (none, or
 * one of a few, one of them unknown to iconv); the rest is the page.
 * Checked on success (source.h):
 *  - the text is valid UTF-8, NUL-terminated at len, holds no control
 *    character but line feeds, every line non-empty and ended by one, and
 *    the body starts after the headline line, on a line start;
 *  - every metadata string is valid UTF-8 without controls or line breaks;
 *  - the same page gives the same article twice;
 * and on failure, a message of one printable line.  Built without
 * libxml2, the target checks the refusal.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "source.h"
#include "text.h"
#include "util.h"

#include "fuzz.h"

static const char *const http_charsets[] = {NULL, "utf-8", "windows-1252", "shift_jis",
                                            "utf-16", "x-no-such-set"};

static void check_string(const char *s)
{
    if (!s) return;
    size_t n = strlen(s);
    FUZZ_CHECK(text_count_invalid(s, n) == 0);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = text_decode(s, n, i, &cp);
        FUZZ_CHECK(cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0));
        i += k;
    }
}

static void check_article(const struct source_article *a)
{
    FUZZ_CHECK(a->text != NULL);
    FUZZ_CHECK(a->text[a->len] == '\0');
    FUZZ_CHECK(strlen(a->text) == a->len);
    FUZZ_CHECK(a->len > 0 && a->text[a->len - 1] == '\n');
    FUZZ_CHECK(a->body <= a->len);
    FUZZ_CHECK(a->body == 0 || a->text[a->body - 1] == '\n');
    FUZZ_CHECK(text_count_invalid(a->text, a->len) == 0);
    for (size_t i = 0; i < a->len;) {
        int32_t cp;
        size_t k = text_decode(a->text, a->len, i, &cp);
        FUZZ_CHECK(cp == '\n' || (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)));
        /* no empty line, no line that starts or ends with a space */
        if (cp == '\n') FUZZ_CHECK(i > 0 && a->text[i - 1] != '\n' && a->text[i - 1] != ' ');
        if (i == 0 || a->text[i - 1] == '\n') FUZZ_CHECK(cp != '\n' && cp != ' ');
        i += k;
    }
    const struct source_meta *m = &a->meta;
    FUZZ_CHECK(m->page);
    const char *fields[] = {m->headline, m->byline,  m->site,    m->published, m->modified,
                            m->canonical, m->language, m->charset, m->url,       m->final_url,
                            m->fetched};
    for (size_t i = 0; i < WD_ARRAY_LEN(fields); i++)
        check_string(fields[i]);
    if (m->headline) {
        size_t hl = strlen(m->headline);
        FUZZ_CHECK(a->body == hl + 1 && memcmp(a->text, m->headline, hl) == 0);
    } else {
        FUZZ_CHECK(a->body == 0);
    }
}

static void check_names(const char *s)
{
    /* names as a user or a page gives them */
    (void)source_is_url(s);
    (void)source_looks_html(s, s, strlen(s));
    char *n = source_display_name(s);
    FUZZ_CHECK(n != NULL);
    free(n);
    n = load_page_name(s, s, s, s, strlen(s), "html");
    /* a file name in the folder given: no slash, no leading dot */
    FUZZ_CHECK(strchr(n, '/') == NULL && n[0] != '.' && n[0] != '\0');
    free(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *charset = http_charsets[data[0] % WD_ARRAY_LEN(http_charsets)];
    const char *page = (const char *)data + 1;
    size_t len = size - 1;

    struct source_article a, b;
    char err[SOURCE_ERR_MAX] = "";
    bool ok = source_page(page, len, charset, &a, err);
    if (ok) {
        check_article(&a);
        char err2[SOURCE_ERR_MAX] = "";
        FUZZ_CHECK(source_page(page, len, charset, &b, err2));
        FUZZ_CHECK(a.len == b.len && memcmp(a.text, b.text, a.len) == 0 && a.body == b.body);
        source_article_free(&b);
        source_article_free(&a);
    } else {
        FUZZ_CHECK(err[0] != '\0' && strlen(err) < SOURCE_ERR_MAX);
        for (const char *p = err; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
        FUZZ_CHECK(!source_html_supported() || strcmp(err, "") != 0);
    }

    /* the first line, up to 512 bytes, as a name */
    size_t nl = 0;
    while (nl < len && nl < 512 && page[nl] != '\n' && page[nl] != '\0')
        nl++;
    char *name = xstrndup(page, nl);
    check_names(name);
    free(name);
    return 0;
}
