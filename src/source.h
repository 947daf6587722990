/* source.h - where a document comes from and what it says about itself
 * (layer 2 of ../DESIGN: below doc, above text).
 *
 * A plain text file is its own text.  A web page (a saved .html file, or a
 * URL fetched with libcurl, see fetch.h) goes through libxml2's HTML parser
 * and an article extractor (extract.c): the story's text, the headline
 * line first, then one paragraph a line, plus metadata (headline, byline,
 * dates, site, canonical URL) and, for a fetched page, its provenance (the
 * URL asked, the final URL, the HTTP status, the time of the fetch).
 *
 * Nothing above this layer knows whether a text came from HTML: a
 * document carries a struct source_meta, which views and exports print
 * field by field.  The HTML, JSON and network libraries are linked only
 * into the source files (source_html.c, charset.c, extract*.c,
 * page_meta.c, fetch.c); each is optional at configure time, and what is
 * missing says so (source_html_supported, fetch_supported).
 */
#ifndef WD_SOURCE_H
#define WD_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

/* How an input is read: --input=text|html, or decided per input. */
enum source_input {
    SOURCE_AUTO, /* by name (.html .htm .xhtml) or content (a doctype or <html at the start) */
    SOURCE_TEXT, /* the bytes are the text */
    SOURCE_HTML  /* a web page: its article is the text */
};

/* What a document says about itself and where it came from.  Every field
 * is a NUL-terminated UTF-8 string owned by the struct, or NULL when not
 * known; strings hold no control characters (pages are outside input:
 * white space is collapsed to spaces, other controls dropped). */
struct source_meta {
    bool page;       /* the text was extracted from a web page */
    char *headline;  /* the article's headline */
    char *byline;    /* its authors, "A and B" */
    char *site;      /* the site's name ("The Paradigm"), else the host */
    char *published; /* as the page gives it, usually ISO 8601 */
    char *modified;
    char *canonical; /* the page's canonical URL */
    char *language;  /* <html lang>, "en-US" */
    char *charset;   /* the character set the page was decoded from */
    /* A fetched page (fetch.h): */
    char *url;       /* the URL asked for */
    char *final_url; /* after redirects */
    char *fetched;   /* when, ISO 8601 UTC ("2026-12-04T13:23:17Z") */
    char *saved;     /* --save-pages: the file the page was kept in */
    long status;     /* the HTTP status; 0 when not fetched */
};

void source_meta_free(struct source_meta *m);
/* A deep copy of m into *out. */
void source_meta_copy(struct source_meta *out, const struct source_meta *m);

/* An article made from a page: its text (the headline line, when there is
 * a headline, then the body, one paragraph a line, each line ended by a
 * line feed) and its metadata.  body is the offset of the body in text. */
struct source_article {
    char *text; /* owned, NUL-terminated, valid UTF-8 */
    size_t len;
    size_t body;
    struct source_meta meta;
    size_t invalid; /* bytes of the page that were not valid in its charset (shown as U+FFFD) */
};

void source_article_free(struct source_article *a);

/* Room for a message about a page: what is wrong, one line, without the
 * name ("HTTP 404 Not Found", "unknown charset 'x-foo'"). */
#define SOURCE_ERR_MAX 256

/* Is arg a URL (a scheme and "://")?  Only http and https are fetched;
 * fetch refuses the others with a message. */
bool source_is_url(const char *arg);

/* A short name to show for an input: a file's base name, a URL's host
 * (without "www.") and the last part of its path ("example.com/story-1"),
 * "(standard input)" for "-".  Returns a new string. */
char *source_display_name(const char *name);

/* Is this input a web page?  name decides first (.html, .htm, .xhtml, any
 * case); otherwise the first bytes: after a BOM, white space, an XML
 * declaration and comments, a "<!DOCTYPE html" or "<html" (any case).
 * head may be a prefix of the input (a few hundred bytes are enough). */
bool source_looks_html(const char *name, const char *head, size_t len);

/* Was wirediff built with an HTML parser (libxml2)? */
bool source_html_supported(void);

/* Make the article of the page bytes[0..len).  http_charset is the charset
 * of the HTTP Content-Type header (NULL when none or not fetched); it wins
 * over the page's own declarations, as in a browser.  On success returns
 * true and fills *out (meta.page set; the caller adds provenance).  On
 * failure returns false with a one-line message in err: malformed beyond
 * repair, an unknown charset, no article text found. */
bool source_page(const char *bytes, size_t len, const char *http_charset,
                 struct source_article *out, char err[SOURCE_ERR_MAX]);

#endif
