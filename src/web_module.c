/* web_module.c - the table of wirediff-web.so (see web.h).  Built with
 * hidden visibility and -Bsymbolic: only the table is exported, and the
 * module's own calls never bind to the program's stubs of the same names. */
#include "config.h"

#include "web.h"

#ifdef HAVE_LIBXML2
#include <libxml/xmlversion.h>
#endif
#ifdef HAVE_JSON_C
#include <json-c/json_c_version.h>
#endif
#ifdef HAVE_LIBCURL
#include <curl/curlver.h>
#endif

#ifdef HAVE_LIBXML2
#define LIB_XML "libxml2 " LIBXML_DOTTED_VERSION
#else
#define LIB_XML ""
#endif
#ifdef HAVE_JSON_C
#define LIB_JSON ", json-c " JSON_C_VERSION
#else
#define LIB_JSON ""
#endif
#ifdef HAVE_LIBCURL
#define LIB_CURL ", libcurl " LIBCURL_VERSION
#else
#define LIB_CURL ""
#endif

__attribute__((visibility("default"))) extern const struct web_module wirediff_web_module;
const struct web_module wirediff_web_module = {
    .version = WEB_MODULE_VERSION,
    .libraries = LIB_XML LIB_JSON LIB_CURL,
    .html_supported = source_html_supported,
    .page = source_page,
    .fetch_supported = fetch_supported,
    .fetch_all = fetch_all,
    .jsonl_supported = jsonl_supported,
    .jsonl_parse = jsonl_parse,
    .jsonl_docs_parse = jsonl_docs_parse,
};
