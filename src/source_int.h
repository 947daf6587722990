/* source_int.h - what the files of the source layer share; only they
 * include it (it brings in libxml2's types).
 *
 *   charset.c      a page's bytes to UTF-8: BOM, HTTP header, <meta>, iconv
 *   source_html.c  parsing, and the article of a page (source_page)
 *   page_meta.c    headline, byline, dates, site, canonical URL, JSON-LD
 *   extract.c      the article's body: blocks scored by text and link
 *                  density, paragraph structure and markup; with
 *                  extract_tree.c (what is known of an element) and
 *                  extract_clean.c (what goes), behind extract_int.h
 */
#ifndef WD_SOURCE_INT_H
#define WD_SOURCE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "source.h"
#include "util.h"

/* ---- charset.c ----------------------------------------------------------- */

/* bytes[0..len) of a page as UTF-8, into *out (NUL-terminated, owned by
 * the caller): the charset from a byte order mark, else http_charset,
 * else the page's <meta charset> or http-equiv Content-Type (found with
 * libxml2's parser over the head), else UTF-8.  Bytes invalid in that
 * charset, and NUL bytes, become U+FFFD and are counted in *invalid.  The
 * charset's name goes to name (room for CHARSET_NAME_MAX bytes).  Returns
 * false with a message in err for a charset iconv does not know. */
#define CHARSET_NAME_MAX 48
bool charset_to_utf8(const char *bytes, size_t len, const char *http_charset, struct strbuf *out,
                     size_t *invalid, char name[CHARSET_NAME_MAX], char err[SOURCE_ERR_MAX]);

/* The iconv name for an encoding label as pages write it (the WHATWG
 * Encoding Standard's labels: "latin1" and "iso-8859-1" are windows-1252,
 * "shift_jis" is CP932, ...), into name; false when the label is empty or
 * too long.  Whether iconv knows the name is for the caller to find. */
bool charset_iconv_name(const char *label, size_t len, char name[CHARSET_NAME_MAX]);

/* ---- page_meta.c --------------------------------------------------------- */

/* What the page says about itself, from <meta>, <link rel=canonical>,
 * <title>, <h1>, <time> and JSON-LD (schema.org Article types): fills the
 * fields of m it finds (headline, byline, site, published, modified,
 * canonical, language).  *ld_body gets the JSON-LD articleBody, if any
 * (owned by the caller), for extract_body to check itself against.  Run it
 * before extract_body, which prunes the tree. */
void page_meta_read(xmlDocPtr doc, struct source_meta *m, char **ld_body);

/* s[0..n) with runs of white space as one space, controls dropped, the
 * ends trimmed; NULL when nothing is left. */
char *page_clean_string(const char *s, size_t n);

/* ---- extract.c ----------------------------------------------------------- */

/* The article body of doc, one paragraph a line (each ended by '\n'),
 * appended to out; a paragraph that repeats the headline is left out.
 * ld_body (may be NULL) is the page's JSON-LD articleBody: when the markup
 * gives too little of it, it stands in.  The tree of doc is changed (the
 * caller still frees it); when an attempt gives too little text, the next
 * one, with fewer pruning rules, works on a fresh tree from reparse(arg).
 * Returns the number of paragraphs (0: no article text found). */
size_t extract_body(xmlDocPtr doc, xmlDocPtr (*reparse)(void *arg), void *arg, const char *headline,
                    const char *ld_body, struct strbuf *out);

/* ---- source_xml.c: helpers shared by page_meta.c and extract.c ----------- */

/* Is s one of list[0..n)? */
bool xml_in_list(const char *s, const char *const *list, size_t n);
/* Is s one of the strings that follow?  XML_IN(t, "p", "div") */
#define XML_IN(s, ...)                                                                             \
    xml_in_list((s), (const char *const[]){__VA_ARGS__},                                           \
                sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
/* Is the tag (lower case) block-level: it starts and ends a line of text? */
bool xml_tag_block(const char *t);
/* The attribute's value (NULL when absent; libxml2 frees with xmlFree). */
xmlChar *xml_attr(xmlNodePtr n, const char *name);
/* Is n an element named name (lower case)? */
bool xml_is(xmlNodePtr n, const char *name);
/* Next node of a pre-order walk of the subtree at root, NULL past it;
 * with skip, the children of n are passed over.  No recursion, so that a
 * deep tree cannot exhaust the stack. */
xmlNodePtr xml_next(xmlNodePtr n, xmlNodePtr root, bool skip);
/* The text of the subtree at n, white space collapsed as a reader sees
 * it, appended to out (blocks not separated). */
void xml_text(xmlNodePtr n, struct strbuf *out);

/* Text written one block a line: out, where its current line begins, a
 * space pending, and the lines ended so far. */
struct xml_writer {
    struct strbuf *out;
    size_t line_start;
    bool space;
    size_t lines;
};
/* Write the text of the subtree at root through w, one block a line
 * (<br> and block elements end lines, table cells are separated by a
 * space, <pre> keeps its lines; scripts and styles are left out). */
void xml_write_text(xmlNodePtr root, struct xml_writer *w);

#endif
