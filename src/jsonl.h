/* jsonl.h - the versions of one article as JSON Lines on standard input
 * (--timeline -), one version a line:
 *
 *     {"time": "2026-11-23T17:10:00Z", "url": "https://...", "title": "...", "text": "..."}
 *
 * "text" (a string) is required; "time" (ISO 8601 as a string, or a
 * number of seconds since the epoch), "url" and "title" (strings) may be
 * absent or null; other members are ignored.  Lines holding only white
 * space are skipped; a line may end with CR LF.
 *
 * The parser is json-c's (strict, UTF-8 validated, at most JSONL_DEPTH
 * levels), which lives in the web module (web.h): jsonl_parse is defined
 * in source_jsonl.c (libwdweb.a) and, in the program, by web_stub.c as a
 * call into wirediff-web.so.  jsonl_free is in the core (jsonl.c).
 */
#ifndef WD_JSONL_H
#define WD_JSONL_H

#include <stdbool.h>
#include <stddef.h>

#include "source.h"

/* The deepest nesting a line may hold (json-c's depth limit). */
#define JSONL_DEPTH 32

struct jsonl_version {
    char *text; /* the "text" member, owned, NUL-terminated at len (holds no NUL) */
    size_t len;
    /* title as headline, url as url, time as modified (a string as given, a
     * number as "2026-11-23T17:10:00Z"); the strings cleaned as a page's
     * metadata is (no controls, white space collapsed); page is false */
    struct source_meta meta;
    size_t line; /* its line in the input, from 1 */
};

/* Was wirediff built with json-c (in the web module, when it loads)? */
bool jsonl_supported(void);

/* The versions in bytes[0..len), in the order of the lines, into *out (n
 * of them, none for an input without a line; free with jsonl_free).
 * False on the first malformed line, with a one-line message naming it in
 * err ("line 3: not a JSON object", "line 7: \"text\" is missing", ...,
 * without the input's name), and nothing in *out; false too, saying so,
 * without json-c. */
bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX]);

void jsonl_free(struct jsonl_version *v, size_t n);

/* Documents as JSON Lines (--overlap --jsonl), one a line:
 *
 *     {"id": "a1", "text": "..."}   or   {"id": 17, "html": "<html>..."}
 *
 * "id" (a non-empty string, or an integer) is required; "text" (a string)
 * is the document, or, when it is absent or null, "html" (a string) a page
 * to extract it from.  Other members are ignored; lines as above. */
struct jsonl_doc {
    char *id;       /* owned; an integer as its decimal digits */
    bool id_number; /* the id was an integer */
    char *text;     /* owned, NUL-terminated at len (holds no NUL) */
    size_t len;
    bool html; /* text is a page's HTML */
    size_t line;
};

/* The documents in bytes[0..len) as jsonl_parse reads versions (free with
 * jsonl_docs_free). */
bool jsonl_docs_parse(const char *bytes, size_t len, struct jsonl_doc **out, size_t *n,
                      char err[SOURCE_ERR_MAX]);

void jsonl_docs_free(struct jsonl_doc *d, size_t n);

#endif
