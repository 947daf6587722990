/* fetch.c - URLs through libcurl's multi interface (see fetch.h). */
#include "config.h"

#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util.h"

#ifndef HAVE_LIBCURL

bool fetch_supported(void)
{
    return false;
}

void fetch_all(const char *const *urls, size_t n, const struct fetch_opts *o,
               struct fetch_result *out)
{
    (void)urls;
    (void)o;
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        snprintf(out[i].err, sizeof out[i].err,
                 "wirediff was built without libcurl and cannot fetch URLs "
                 "(save the page and give its file)");
    }
}

#else

#include <curl/curl.h>

bool fetch_supported(void)
{
    return true;
}

/* One transfer's state. */
struct xfer {
    CURL *h;
    struct fetch_result *r;
    const struct fetch_opts *o;
    struct strbuf body;
    bool too_big;
    bool wrong_type; /* a body that is neither a page nor text */
    bool checked;    /* the type was looked at */
    char type[64];
    bool loop;                 /* a Location seen twice */
    char line[SOURCE_ERR_MAX]; /* the last response's status line */
    char **locations;          /* every Location header, to tell a loop */
    size_t nloc;
    char errbuf[CURL_ERROR_SIZE];
};

/* Is this a Content-Type wirediff reads: a page, or plain text? */
static bool readable_type(const char *ct)
{
    static const char *const ok[] = {"text/html", "application/xhtml+xml", "text/plain"};
    size_t n = strcspn(ct, "; \t");
    for (size_t i = 0; i < WD_ARRAY_LEN(ok); i++)
        if (n == strlen(ok[i]) && strncasecmp(ct, ok[i], n) == 0) return true;
    return false;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
    struct xfer *x = arg;
    size_t n = size * nmemb;
    if (!x->checked) {
        /* the headers are in: refuse a PDF or an image before its body */
        x->checked = true;
        char *ct = NULL;
        long status = 0;
        curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300 &&
            curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct &&
            !readable_type(ct)) {
            snprintf(x->type, sizeof x->type, "%.*s", (int)strcspn(ct, "; \t"), ct);
            x->wrong_type = true;
            return 0;
        }
    }
    if (x->body.len + n > x->o->max_bytes) {
        x->too_big = true;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    sb_add(&x->body, p, n);
    return n;
}

/* Header lines of every response on the way (redirects included): keep
 * the status line and the Location values. */
static size_t on_header(char *p, size_t size, size_t nmemb, void *arg)
{
    struct xfer *x = arg;
    size_t n = size * nmemb;
    size_t k = n;
    while (k > 0 && (p[k - 1] == '\r' || p[k - 1] == '\n'))
        k--;
    if (k >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        snprintf(x->line, sizeof x->line, "%.*s", (int)WD_MIN(k, sizeof x->line - 1), p);
    } else if (k > 9 && strncasecmp(p, "location:", 9) == 0) {
        size_t s = 9;
        while (s < k && (p[s] == ' ' || p[s] == '\t'))
            s++;
        char *loc = xstrndup(p + s, k - s);
        for (size_t i = 0; i < x->nloc && !x->loop; i++)
            if (strcmp(x->locations[i], loc) == 0) x->loop = true;
        x->locations = xreallocarray(x->locations, x->nloc + 1, sizeof *x->locations);
        x->locations[x->nloc++] = loc;
    }
    return n;
}

/* "HTTP 404 Not Found": the status and the reason phrase, if the
 * server sent one (HTTP/2 sends none). */
static void http_error(struct xfer *x, long status)
{
    const char *reason = "";
    const char *sp = strchr(x->line, ' ');
    if (sp) sp = strchr(sp + 1, ' ');
    if (sp) reason = sp + 1;
    /* the reason phrase is outside input: printable ASCII only */
    char clean[96];
    size_t k = 0;
    for (; *reason && k + 1 < sizeof clean; reason++)
        if (*reason >= 0x20 && *reason < 0x7F) clean[k++] = *reason;
    clean[k] = '\0';
    snprintf(x->r->err, sizeof x->r->err, "HTTP %ld%s%s", status, k ? " " : "", clean);
}

static void utc_now(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The media type and charset of a Content-Type value. */
static void content_type(const char *ct, struct fetch_result *r)
{
    size_t n = strcspn(ct, ";");
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    r->mime = xstrndup(ct, n);
    for (char *p = r->mime; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p += 32;
    const char *cs = strcasestr(ct, "charset=");
    if (cs) {
        cs += 8;
        while (*cs == '"' || *cs == '\'' || *cs == ' ')
            cs++;
        size_t m = strcspn(cs, "\"'; \t");
        if (m > 0 && m < 64) r->charset = xstrndup(cs, m);
    }
}

static void finish(struct xfer *x, CURLcode rc)
{
    struct fetch_result *r = x->r;
    long status = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
    r->status = status;
    char *eff = NULL;
    if (curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff)
        r->final_url = xstrdup(eff);
    char *ct = NULL;
    if (curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) content_type(ct, r);
    utc_now(r->fetched, sizeof r->fetched);
    const char *host_msg = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_OK:
        if (status >= 400) {
            http_error(x, status);
        } else if (status < 200 || status >= 300) {
            snprintf(r->err, sizeof r->err, "unexpected HTTP status %ld", status);
        } else {
            r->ok = true;
            r->len = x->body.len;
            r->body = sb_take(&x->body, NULL);
        }
        break;
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (x->wrong_type)
            snprintf(r->err, sizeof r->err, "not a web page (Content-Type: %s)", x->type);
        else if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
            fetch_size_error(r->err, sizeof r->err, x->o->max_bytes);
        else
            snprintf(r->err, sizeof r->err, "%s", host_msg);
        break;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(r->err, sizeof r->err, x->loop ? "redirect loop" : "more than %d redirects",
                 FETCH_MAX_REDIRECTS);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(r->err, sizeof r->err, "timed out after %ld second%s (--timeout)", x->o->timeout,
                 x->o->timeout == 1 ? "" : "s");
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    default:
        /* curl's own words name the host or the cause: "Could not resolve
         * host: x.invalid", "Failed to connect to 127.0.0.1 port 9: Connection
         * refused", "SSL certificate problem: ..." */
        snprintf(r->err, sizeof r->err, "%s", host_msg);
        if (r->err[0] >= 'A' && r->err[0] <= 'Z') r->err[0] = (char)(r->err[0] + 32);
        break;
    }
    /* one line, printable */
    for (char *p = r->err; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
}

static const char *scheme_error(const char *url)
{
    if (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0) return NULL;
    return "only http and https URLs are fetched";
}

static int on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    const struct fetch_opts *o = arg;
    return o->cancel && *o->cancel ? 1 : 0; /* non-zero aborts: CURLE_ABORTED_BY_CALLBACK */
}

void fetch_all(const char *const *urls, size_t n, const struct fetch_opts *o,
               struct fetch_result *out)
{
    static bool inited;
    if (!inited) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        inited = true;
    }
    CURLM *m = curl_multi_init();
    if (!m) util_oom();
    struct xfer *x = xcalloc(n ? n : 1, sizeof *x);
    char agent[64];
    snprintf(agent, sizeof agent, "wirediff/%s", PACKAGE_VERSION);
    size_t running = 0;
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        x[i].r = &out[i];
        x[i].o = o;
        const char *bad = scheme_error(urls[i]);
        if (bad) {
            snprintf(out[i].err, sizeof out[i].err, "%s", bad);
            continue;
        }
        CURL *h = curl_easy_init();
        if (!h) util_oom();
        x[i].h = h;
        curl_easy_setopt(h, CURLOPT_URL, urls[i]);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
        curl_easy_setopt(h, CURLOPT_TIMEOUT, o->timeout);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->timeout);
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl decodes */
        curl_easy_setopt(h, CURLOPT_USERAGENT, agent);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &x[i]);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &x[i]);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x[i].errbuf);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)o);
        curl_easy_setopt(h, CURLOPT_PRIVATE, &x[i]);
        curl_multi_add_handle(m, h);
        running++;
    }
    size_t done = n - running;
    int still = (int)running;
    while (still > 0) {
        curl_multi_perform(m, &still);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(m, &left))) {
            if (msg->msg != CURLMSG_DONE) continue;
            struct xfer *t = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            if (t->o->cancel && *t->o->cancel)
                snprintf(t->r->err, sizeof t->r->err, "cancelled");
            else
                finish(t, msg->data.result);
            done++;
        }
        if (o->progress) {
            size_t bytes = 0;
            for (size_t i = 0; i < n; i++)
                bytes += x[i].body.len + out[i].len;
            o->progress(o->progress_arg, done, n, bytes);
        }
        if (still > 0) curl_multi_poll(m, NULL, 0, 100, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if (x[i].h) {
            curl_multi_remove_handle(m, x[i].h);
            curl_easy_cleanup(x[i].h);
        }
        sb_free(&x[i].body);
        for (size_t k = 0; k < x[i].nloc; k++)
            free(x[i].locations[k]);
        free(x[i].locations);
    }
    free(x);
    curl_multi_cleanup(m);
}

#endif
