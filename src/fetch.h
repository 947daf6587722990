/* fetch.h - web pages by URL, through libcurl (source layer).
 *
 * Only http and https, also for redirects; TLS verified as curl does by
 * default; at most FETCH_MAX_REDIRECTS redirects; a connect and a total
 * time-out; a size limit, checked against Content-Length before the body
 * comes and while it comes; gzip and deflate accepted; proxies from the
 * environment (http_proxy, https_proxy, no_proxy), as curl reads them; a
 * User-Agent naming wirediff and its version.  Several URLs are fetched
 * at once (libcurl's multi interface, one thread).  Nothing is written
 * anywhere: the caller gets the bytes.
 */
#ifndef WD_FETCH_H
#define WD_FETCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "source.h"

#define FETCH_MAX_REDIRECTS 5
#define FETCH_TIMEOUT       30                 /* seconds, the whole transfer (--timeout) */
#define FETCH_MAX_BYTES     (20 * 1024 * 1024) /* --max-page-size */

struct fetch_opts {
    long timeout;     /* seconds for the whole transfer; the connection gets at most this too */
    size_t max_bytes; /* refuse larger bodies (after decompression) */
    /* Called about ten times a second while transfers run, with how many
     * are done of how many and the bytes received so far; may be NULL. */
    void (*progress)(void *arg, size_t done, size_t total, size_t bytes);
    void *progress_arg;
    /* Set (by a signal handler) to stop every transfer at once; may be NULL. */
    volatile sig_atomic_t *cancel;
};

/* What one URL gave. */
struct fetch_result {
    bool ok;    /* a body was received with a 2xx status */
    char *body; /* owned, NUL-terminated (NULL unless ok) */
    size_t len;
    long status;              /* the final HTTP status, 0 if none came */
    char *final_url;          /* owned; after redirects */
    char *mime;               /* owned, lower case, "text/html" (NULL when the server gave none) */
    char *charset;            /* owned, the Content-Type's charset parameter, or NULL */
    char fetched[32];         /* when the transfer ended, ISO 8601 UTC */
    char err[SOURCE_ERR_MAX]; /* why not ok, one line */
};

/* "page larger than the 20 MB limit (--max-page-size)" for a limit of
 * max bytes (KB or MB, as it divides), into buf. */
void fetch_size_error(char *buf, size_t size, size_t max);

/* Was wirediff built with libcurl? */
bool fetch_supported(void);

/* Fetch urls[0 .. n) at once; out[i] is what urls[i] gave (free each with
 * fetch_result_free).  Errors are per URL, in out[i].err: an unsupported
 * scheme, a host that does not resolve, a refused connection, a
 * time-out, an HTTP status of 400 or more ("HTTP 404 Not Found"), too
 * many redirects or a redirect loop, a body over the size limit, TLS
 * failures, a transfer cancelled. */
void fetch_all(const char *const *urls, size_t n, const struct fetch_opts *o,
               struct fetch_result *out);
void fetch_result_free(struct fetch_result *r);

#endif
