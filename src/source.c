/* source.c - the parts of the source layer that need no library: what an
 * input is (a URL, a page, a text), and the metadata's memory.  The
 * article of a page is made in source_html.c. */
#include "config.h"

#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch.h"
#include "util.h"

void source_meta_free(struct source_meta *m)
{
    char **all[] = {&m->headline, &m->byline,  &m->site, &m->published, &m->modified, &m->canonical,
                    &m->language, &m->charset, &m->url,  &m->final_url, &m->fetched,  &m->saved};
    for (size_t i = 0; i < WD_ARRAY_LEN(all); i++)
        free(*all[i]);
    memset(m, 0, sizeof *m);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void source_meta_copy(struct source_meta *out, const struct source_meta *m)
{
    *out = *m;
    char **all[] = {&out->headline, &out->byline,    &out->site,     &out->published,
                    &out->modified, &out->canonical, &out->language, &out->charset,
                    &out->url,      &out->final_url, &out->fetched,  &out->saved};
    for (size_t i = 0; i < WD_ARRAY_LEN(all); i++)
        *all[i] = dup_or_null(*all[i]);
}

void source_article_free(struct source_article *a)
{
    free(a->text);
    source_meta_free(&a->meta);
    memset(a, 0, sizeof *a);
}

bool source_is_url(const char *arg)
{
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986) */
    size_t i = 0;
    if (!((arg[0] >= 'a' && arg[0] <= 'z') || (arg[0] >= 'A' && arg[0] <= 'Z'))) return false;
    while (arg[i] && (strchr("+-.", arg[i]) || (arg[i] >= '0' && arg[i] <= '9') ||
                      (arg[i] >= 'a' && arg[i] <= 'z') || (arg[i] >= 'A' && arg[i] <= 'Z')))
        i++;
    return i >= 2 && strncmp(arg + i, "://", 3) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

bool source_looks_html(const char *name, const char *head, size_t len)
{
    if (name && (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml")))
        return true;
    size_t i = 0;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    for (;;) {
        while (i < len && strchr(" \t\r\n\f", head[i]))
            i++;
        if (i + 4 <= len && memcmp(head + i, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 3 <= len && !end; k++)
                if (memcmp(head + k, "-->", 3) == 0) end = head + k + 3;
            if (!end) return false;
            i = (size_t)(end - head);
        } else if (i + 5 <= len && memcmp(head + i, "<?xml", 5) == 0) {
            const char *end = NULL;
            for (size_t k = i + 5; k + 2 <= len && !end; k++)
                if (memcmp(head + k, "?>", 2) == 0) end = head + k + 2;
            if (!end) return false;
            i = (size_t)(end - head);
        } else {
            break;
        }
    }
    static const char doctype[] = "<!doctype html", html[] = "<html";
    if (i + sizeof doctype - 1 <= len && strncasecmp(head + i, doctype, sizeof doctype - 1) == 0) {
        char c = i + sizeof doctype - 1 < len ? head[i + sizeof doctype - 1] : ' ';
        return strchr(" \t\r\n\f>", c) != NULL;
    }
    if (i + sizeof html - 1 <= len && strncasecmp(head + i, html, sizeof html - 1) == 0) {
        char c = i + sizeof html - 1 < len ? head[i + sizeof html - 1] : ' ';
        return strchr(" \t\r\n\f>", c) != NULL;
    }
    return false;
}

char *source_display_name(const char *name)
{
    if (strcmp(name, "-") == 0) return xstrdup("(standard input)");
    if (!source_is_url(name)) {
        const char *slash = strrchr(name, '/');
        return xstrdup(slash && slash[1] ? slash + 1 : name);
    }
    const char *h = strstr(name, "://") + 3;
    size_t end = strcspn(h, "/?#");
    const char *at = memchr(h, '@', end); /* user:password@ is not the host */
    if (at) {
        end -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    size_t hl = WD_MIN(strcspn(h, ":/?#"), end);
    if (hl > 4 && strncasecmp(h, "www.", 4) == 0) {
        h += 4;
        hl -= 4;
        end -= 4;
    }
    /* the last non-empty part of the path, without query and fragment */
    const char *path = h + end;
    size_t pl = strcspn(path, "?#");
    while (pl > 0 && path[pl - 1] == '/')
        pl--;
    size_t from = pl;
    while (from > 0 && path[from - 1] != '/')
        from--;
    struct strbuf b = {0};
    sb_add(&b, h, hl);
    if (pl > from) {
        sb_addc(&b, '/');
        sb_add(&b, path + from, pl - from);
    }
    return sb_take(&b, NULL);
}

/* ---- the parts of fetch.h that need no libcurl ---- */

void fetch_result_free(struct fetch_result *r)
{
    free(r->body);
    free(r->final_url);
    free(r->mime);
    free(r->charset);
    memset(r, 0, sizeof *r);
}

void fetch_size_error(char *buf, size_t size, size_t max)
{
    if (max % (1024 * 1024) == 0)
        snprintf(buf, size, "page larger than the %zu MB limit (--max-page-size)",
                 max / (1024 * 1024));
    else if (max % 1024 == 0)
        snprintf(buf, size, "page larger than the %zu KB limit (--max-page-size)", max / 1024);
    else
        snprintf(buf, size, "page larger than the %zu-byte limit (--max-page-size)", max);
}

