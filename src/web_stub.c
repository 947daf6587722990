/* web_stub.c - the program's source_page, source_html_supported,
 * fetch_all and fetch_supported (and jsonl_parse, jsonl_supported): calls
 * into wirediff-web.so, loaded (once, from any thread) the first time a
 * page or a URL comes (see web.h).  The module is looked for beside the
 * program (the build tree), then in PKGLIBDIR (where make install puts it). */
#include "config.h"

#include "web.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MODULE_NAME "wirediff-web.so"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const struct web_module *module;
static char why[SOURCE_ERR_MAX];

/* dlopen path; false (why set) when it is not there or not the module. */
static bool try_load(const char *path)
{
    if (access(path, R_OK) != 0) {
        snprintf(why, sizeof why, "%s not found", MODULE_NAME);
        return false;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, sizeof why, "%.200s", e ? e : "cannot load " MODULE_NAME);
        return false;
    }
    const struct web_module *m = dlsym(h, WEB_MODULE_SYMBOL);
    if (!m || m->version != WEB_MODULE_VERSION) {
        snprintf(why, sizeof why, "%s is not this wirediff's", path);
        dlclose(h);
        return false;
    }
    module = m;
    return true;
}

static void load(void)
{
    char exe[PATH_MAX], path[PATH_MAX + sizeof MODULE_NAME + 1];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(path, sizeof path, "%s/%s", exe, MODULE_NAME);
            if (try_load(path)) return;
        }
    }
    snprintf(path, sizeof path, "%s/%s", PKGLIBDIR, MODULE_NAME);
    try_load(path);
}

const struct web_module *web_module_get(const char **err)
{
    pthread_once(&once, load);
    if (!module && err) *err = why;
    return module;
}

bool source_html_supported(void)
{
    const struct web_module *m = web_module_get(NULL);
    return m && m->html_supported();
}

bool source_page(const char *bytes, size_t len, const char *http_charset,
                 struct source_article *out, char err[SOURCE_ERR_MAX])
{
    const char *e = NULL;
    const struct web_module *m = web_module_get(&e);
    if (m) return m->page(bytes, len, http_charset, out, err);
    memset(out, 0, sizeof *out);
    snprintf(err, SOURCE_ERR_MAX, "a web page, and wirediff cannot read pages here (%.180s)", e);
    return false;
}

bool fetch_supported(void)
{
    const struct web_module *m = web_module_get(NULL);
    return m && m->fetch_supported();
}

void fetch_all(const char *const *urls, size_t n, const struct fetch_opts *o,
               struct fetch_result *out)
{
    const char *e = NULL;
    const struct web_module *m = web_module_get(&e);
    if (m) {
        m->fetch_all(urls, n, o, out);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        snprintf(out[i].err, sizeof out[i].err, "wirediff cannot fetch URLs here (%.180s)", e);
    }
}

bool jsonl_supported(void)
{
    const struct web_module *m = web_module_get(NULL);
    return m && m->jsonl_supported();
}

bool jsonl_parse(const char *bytes, size_t len, struct jsonl_version **out, size_t *n,
                 char err[SOURCE_ERR_MAX])
{
    const char *e = NULL;
    const struct web_module *m = web_module_get(&e);
    if (m) return m->jsonl_parse(bytes, len, out, n, err);
    *out = NULL;
    *n = 0;
    snprintf(err, SOURCE_ERR_MAX, "JSON Lines, and wirediff cannot read them here (%.180s)", e);
    return false;
}

bool jsonl_docs_parse(const char *bytes, size_t len, struct jsonl_doc **out, size_t *n,
                      char err[SOURCE_ERR_MAX])
{
    const char *e = NULL;
    const struct web_module *m = web_module_get(&e);
    if (m) return m->jsonl_docs_parse(bytes, len, out, n, err);
    *out = NULL;
    *n = 0;
    snprintf(err, SOURCE_ERR_MAX, "JSON Lines, and wirediff cannot read them here (%.180s)", e);
    return false;
}
