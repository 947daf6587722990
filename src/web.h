/* web.h - the web module: the parts of the source layer that need libxml2,
 * json-c and libcurl (source_html.c, charset.c, page_meta.c, extract.c,
 * fetch.c), built as a shared object of their own, wirediff-web.so, that
 * the program loads the first time it meets a page or a URL.
 *
 * Those libraries bring some forty others with them (TLS, Kerberos, LDAP,
 * ICU ...): linked into the program, they cost every run about 60 ms and
 * 8 MB before the first byte of a text file is read, as git's reason to
 * keep libcurl in git-remote-https.  In the program, web_stub.c defines
 * source_page, source_html_supported, fetch_all and fetch_supported as
 * calls through the module's table; the tests and fuzz targets link the
 * real functions (libwdweb.a) directly.  jsonl_parse and jsonl_supported
 * (jsonl.h) go the same way: json-c is one of the module's libraries.
 */
#ifndef WD_WEB_H
#define WD_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "fetch.h"
#include "jsonl.h"
#include "source.h"

/* Bumped when the table changes: a module of another version is refused. */
#define WEB_MODULE_VERSION 3

struct web_module {
    int version;
    const char *libraries; /* "libxml2 2.9.14, json-c 0.16, libcurl 7.88.1" */
    bool (*html_supported)(void);
    bool (*page)(const char *bytes, size_t len, const char *http_charset,
                 struct source_article *out, char err[SOURCE_ERR_MAX]);
    bool (*fetch_supported)(void);
    void (*fetch_all)(const char *const *urls, size_t n, const struct fetch_opts *o,
                      struct fetch_result *out);
    /* version 2: JSON Lines versions (jsonl.h) */
    bool (*jsonl_supported)(void);
    bool (*jsonl_parse)(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                        char err[SOURCE_ERR_MAX]);
    /* version 3: JSON Lines documents (jsonl.h) */
    bool (*jsonl_docs_parse)(const char *bytes, size_t len, struct jsonl_doc **out, size_t *n,
                             char err[SOURCE_ERR_MAX]);
};

/* The module's one exported symbol. */
#define WEB_MODULE_SYMBOL "wirediff_web_module"

/* The program's side (web_stub.c): the module's table, loaded once; NULL
 * when it cannot be, with why in err. */
const struct web_module *web_module_get(const char **err);

#endif
