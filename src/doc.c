#include "config.h"

#include "doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segment.h"
#include "text.h"

struct doc {
    char *path;
    char *bytes; /* len + 1 bytes, NUL-terminated */
    size_t len;
    struct sentence *sents;
    size_t nsents;
    struct word *words;
    size_t nwords;
    size_t invalid;
    size_t content_words;
    char *title;
};

struct doc_ctx *doc_ctx_new(void)
{
    struct doc_ctx *ctx = xmalloc(sizeof *ctx);
    ctx->words = intern_new();
    ctx->sentences = intern_new();
    return ctx;
}

void doc_ctx_free(struct doc_ctx *ctx)
{
    if (!ctx)
        return;
    intern_free(ctx->words);
    intern_free(ctx->sentences);
    free(ctx);
}

/* Read all of fd into a new NUL-terminated buffer. */
static enum wd_status read_all(int fd, char **out, size_t *outlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return util_status_from_errno(errno);
    if (S_ISDIR(st.st_mode))
        return WD_EISDIR;
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size >= UINT32_MAX)
        return WD_ETOOBIG;
    char *buf = xmalloc(cap);
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap)
            xgrow(&buf, &cap, len + 65536, 1);
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            return util_status_from_errno(e);
        }
        if (r == 0)
            break;
        len += (size_t)r;
        if (len >= UINT32_MAX) {
            free(buf);
            return WD_ETOOBIG;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return WD_OK;
}

/* Longest headline taken as a document's title (bytes). */
#define TITLE_MAX 160

/* Segment and intern; takes ownership of bytes. */
static enum wd_status doc_build(struct doc_ctx *ctx, const char *name, char *bytes, size_t len,
                                const struct doc_opts *opts, struct doc **out)
{
    if (len >= UINT32_MAX) {
        free(bytes);
        return WD_ETOOBIG;
    }
    if ((!opts || !opts->text) && memchr(bytes, '\0', len)) {
        free(bytes);
        return WD_EBINARY;
    }
    struct doc *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(name);
    d->bytes = bytes;
    d->len = len;
    d->invalid = text_count_invalid(bytes, len);

    size_t from = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        from = 3; /* a byte order mark belongs to no sentence */

    struct seg_span *spans = NULL;
    size_t nspans = 0, capspans = 0;
    seg_sentences(bytes, len, from, &spans, &nspans, &capspans);
    d->sents = xcalloc(nspans, sizeof *d->sents);
    d->nsents = nspans;

    struct seg_span *ws = NULL;
    size_t nws = 0, capws = 0;
    size_t capwords = 0;
    char *key = NULL;
    size_t keycap = 0;
    uint32_t *ids = NULL;
    size_t capids = 0;
    for (size_t i = 0; i < nspans; i++) {
        nws = 0;
        seg_words(bytes, spans[i].start, spans[i].end, &ws, &nws, &capws);
        xgrow(&d->words, &capwords, d->nwords + nws, sizeof *d->words);
        xgrow(&ids, &capids, nws, sizeof *ids);
        struct sentence *s = &d->sents[i];
        s->start = spans[i].start;
        s->end = spans[i].end;
        s->flags = spans[i].flags;
        s->word = (uint32_t)d->nwords;
        s->nword = (uint32_t)nws;
        for (size_t w = 0; w < nws; w++) {
            size_t kl = text_key(bytes + ws[w].start, ws[w].end - ws[w].start, &key, &keycap);
            struct word *wd = &d->words[d->nwords++];
            wd->start = ws[w].start;
            wd->end = ws[w].end;
            wd->flags = ws[w].flags;
            wd->id = intern_add(ctx->words, key, kl);
            ids[w] = wd->id;
            if (!(wd->flags & WORD_PUNCT))
                d->content_words++;
        }
        s->id = intern_add(ctx->sentences, ids, nws * sizeof *ids);
    }
    if (nspans && (d->sents[0].flags & SENT_LINE) &&
        d->sents[0].end - d->sents[0].start <= TITLE_MAX) {
        d->title = xstrndup(bytes + d->sents[0].start, d->sents[0].end - d->sents[0].start);
    } else {
        const char *base = strrchr(name, '/');
        d->title = xstrdup(base && base[1] ? base + 1 : name);
    }
    free(ids);
    free(key);
    free(ws);
    free(spans);
    *out = d;
    return WD_OK;
}

enum wd_status doc_from_memory(struct doc_ctx *ctx, const char *name, const char *buf, size_t len,
                               const struct doc_opts *opts, struct doc **out)
{
    if (len >= UINT32_MAX)
        return WD_ETOOBIG;
    char *copy = xmalloc(len + 1);
    if (len)
        memcpy(copy, buf, len);
    copy[len] = '\0';
    return doc_build(ctx, name, copy, len, opts, out);
}

enum wd_status doc_load(struct doc_ctx *ctx, const char *path, const struct doc_opts *opts,
                        struct doc **out)
{
    int fd;
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            return util_status_from_errno(errno);
    }
    char *bytes = NULL;
    size_t len = 0;
    enum wd_status st = read_all(fd, &bytes, &len);
    if (!is_stdin)
        close(fd);
    if (st != WD_OK)
        return st;
    return doc_build(ctx, path, bytes, len, opts, out);
}

void doc_free(struct doc *d)
{
    if (!d)
        return;
    free(d->path);
    free(d->bytes);
    free(d->sents);
    free(d->words);
    free(d->title);
    free(d);
}

const char *doc_path(const struct doc *d)
{
    return d->path;
}

const char *doc_bytes(const struct doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->bytes;
}

const struct sentence *doc_sentences(const struct doc *d, size_t *n)
{
    *n = d->nsents;
    return d->sents;
}

const struct word *doc_words(const struct doc *d, size_t *n)
{
    *n = d->nwords;
    return d->words;
}

size_t doc_invalid_bytes(const struct doc *d)
{
    return d->invalid;
}

size_t doc_word_count(const struct doc *d)
{
    return d->content_words;
}

const char *doc_title(const struct doc *d)
{
    return d->title;
}
