#include "config.h"

#include "doc.h"

#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc_int.h"
#include "escape.h"
#include "segment.h"
#include "text.h"
#include "transcode.h"
#include "wrap.h"

static void word_scratch_free(struct word_scratch *sc)
{
    free(sc->key);
    memset(sc, 0, sizeof *sc);
}

struct doc_ctx *doc_ctx_new(void)
{
    struct doc_ctx *ctx = xcalloc(1, sizeof *ctx);
    ctx->words = intern_new();
    ctx->sentences = sentab_new();
    ctx->scratch = xcalloc(1, sizeof(struct scratch));
    return ctx;
}

void doc_ctx_set_strict(struct doc_ctx *ctx, bool strict)
{
    if (doc_ctx_sentence_count(ctx) == 0 && intern_count(ctx->words) == 0) ctx->strict = strict;
}

size_t doc_ctx_sentence_count(const struct doc_ctx *ctx)
{
    return ctx->sentences ? ctx->sentences->count : ctx->sealed_count;
}

void doc_ctx_seal(struct doc_ctx *ctx)
{
    if (!ctx->sentences) return;
    ctx->sealed_count = ctx->sentences->count;
    sentab_free(ctx->sentences);
    ctx->sentences = NULL;
}

void doc_ctx_free(struct doc_ctx *ctx)
{
    if (!ctx) return;
    intern_free(ctx->words);
    sentab_free(ctx->sentences);
    struct scratch *sc = ctx->scratch;
    word_scratch_free(&sc->w);
    free(sc->key2);
    free(sc->mapped);
    free(sc);
    free(ctx);
}

/* Longest headline taken as a document's title (bytes). */
#define TITLE_MAX 160

/* A file read and segmented, its sentence keys hashed: the part of
 * loading that touches no shared state, so that files can be prepared in
 * parallel (doc_load_all).  finish() then gives the sentences their ids. */
struct prepared {
    enum wd_status st;
    char *bytes;   /* owned until finish() */
    size_t maplen; /* as struct doc's */
    size_t len, invalid;
    struct seg_span *spans;
    size_t nspans;
    uint64_t *hash; /* per sentence: intern_hash of its comparison key */
    struct {
        uint32_t sent;
        uint64_t hash; /* of the key of its text without the dateline */
    } * dated;         /* the sentences that open with a dateline */
    size_t ndated, capdated;
    struct util_fileid id;
    bool has_id;
    struct doc_stamp stamp;
    const char *encoding;
    size_t replaced;
};

static void prepared_free(struct prepared *p)
{
    enum wd_status st = p->st;
    docio_bytes_free(p->bytes, p->maplen);
    free(p->spans);
    free(p->hash);
    free(p->dated);
    memset(p, 0, sizeof *p);
    p->st = st;
}

/* Chunks of about this many bytes are checked, segmented and hashed one
 * after the other, so that a mapped file is read through once and given
 * back as it goes. */
#define PREPARE_CHUNK ((size_t)1 << 20)

/* Check and segment bytes[0..len) (taking ownership; maplen as struct
 * doc's) into *p. */
static void prepare(struct prepared *p, char *bytes, size_t maplen, size_t len,
                    const struct doc_opts *opts, bool strict)
{
    memset(p, 0, sizeof *p);
    size_t bomlen;
    const char *enc = transcode_bom(bytes, len, &bomlen);
    if (enc) { /* UTF-16 or UTF-32: compared as the UTF-8 it stands for */
        char *conv;
        size_t clen;
        p->st = transcode_to_utf8(enc, bytes + bomlen, len - bomlen, DOC_MAX_BYTES, &conv, &clen,
                                  &p->replaced);
        docio_bytes_free(bytes, maplen);
        if (p->st != WD_OK) return;
        p->encoding = enc;
        bytes = conv;
        maplen = 0;
        len = clen;
    }
    p->bytes = bytes;
    p->maplen = maplen;
    p->len = len;
    if (len > DOC_MAX_BYTES) {
        p->st = WD_ETOOBIG;
        return;
    }
    size_t from = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        from = 3; /* a byte order mark belongs to no sentence */
    size_t cap = 0, hashcap = 0, keycap = 0;
    char *key = NULL;
    struct wrap wrap; /* how the whole text is wrapped, for every chunk */
    docio_populate_range(bytes, maplen, 0, WD_MIN(len, PREPARE_CHUNK));
    wrap_detect(bytes, len, from, &wrap);
    for (size_t at = 0; at < len;) {
        /* A chunk ends just after a line feed that ends a line (not one
         * inside a paragraph of wrapped text): sentences end at those,
         * and no UTF-8 sequence spans one. */
        size_t cut = len;
        for (size_t look = at + PREPARE_CHUNK; len - at > PREPARE_CHUNK && look < len;) {
            const char *nl = memchr(bytes + look, '\n', len - look);
            if (!nl) break;
            size_t k = (size_t)(nl - bytes);
            size_t cr = k > 0 && bytes[k - 1] == '\r' ? k - 1 : k;
            if (!wrap_soft(bytes, len, cr, &wrap)) {
                cut = k + 1;
                break;
            }
            look = k + 1;
        }
        docio_populate_range(bytes, maplen, at, cut);
        if ((!opts || !opts->text) && memchr(bytes + at, '\0', cut - at)) {
            p->st = WD_EBINARY;
            break;
        }
        p->invalid += text_count_invalid(bytes + at, cut - at);
        size_t first = p->nspans;
        seg_sentences_wrapped(bytes, cut, WD_MAX(at, from), &wrap, &p->spans, &p->nspans, &cap);
        xgrow(&p->hash, &hashcap, p->nspans + 1, sizeof *p->hash);
        for (size_t i = first; i < p->nspans; i++) {
            struct seg_span *sp = &p->spans[i];
            size_t kl =
                text_key_mode(bytes + sp->start, sp->end - sp->start, &key, &keycap, strict);
            p->hash[i] = intern_hash(key, kl);
            /* a dateline opening a paragraph, and the key without it */
            size_t dl = (sp->flags & SENT_START) ? role_dateline(bytes, sp->start, sp->end) : 0;
            if (dl == 0 || dl >= sp->end - sp->start || dl > 0xFF) continue;
            sp->flags |= (uint32_t)dl << SENT_DATELINE_SHIFT;
            kl = text_key_mode(bytes + sp->start + dl, sp->end - sp->start - dl, &key, &keycap,
                               strict);
            xgrow(&p->dated, &p->capdated, p->ndated + 1, sizeof *p->dated);
            p->dated[p->ndated].sent = (uint32_t)i;
            p->dated[p->ndated++].hash = intern_hash(key, kl);
        }
        docio_release_range(bytes, maplen, at > FOLIO_MAX ? at - FOLIO_MAX : 0, cut, FAULT_AROUND);
        at = cut;
    }
    free(key);
    if (p->st != WD_OK) prepared_free(p); /* keeps st */
}

/* The last part of a path, as a title: a new string. */
static char *base_name(const char *name)
{
    const char *base = strrchr(name, '/');
    return xstrdup(base && base[1] ? base + 1 : name);
}

/* The document of p (whose bytes it takes), its sentences given ids. */
static enum wd_status finish(struct doc_ctx *ctx, const char *name, struct prepared *p,
                             struct source_meta *meta, struct doc **out)
{
    enum wd_status st = p->st != WD_OK ? p->st : !ctx->sentences ? WD_EUSAGE : WD_OK;
    if (st != WD_OK) {
        prepared_free(p);
        return st;
    }
    struct doc *d = xcalloc(1, sizeof *d);
    atomic_init(&d->keep, false);
    d->ctx = ctx;
    d->path = xstrdup(name);
    d->name = escape_str(name);
    char *label = source_display_name(name);
    d->label = escape_str(label);
    free(label);
    d->bytes = p->bytes;
    d->maplen = p->maplen;
    p->bytes = NULL;
    p->maplen = 0;
    d->len = p->len;
    d->invalid = p->invalid;
    d->id = p->id;
    d->has_id = p->has_id;
    d->stamp = p->stamp;
    d->encoding = p->encoding;
    d->replaced = p->replaced;
    d->sents = xcalloc_dense(p->nspans ? p->nspans : 1, sizeof *d->sents);
    d->nsents = p->nspans;
    for (size_t i = 0; i < p->nspans; i++) {
        d->sents[i].start = p->spans[i].start;
        d->sents[i].end = p->spans[i].end;
        d->sents[i].flags = p->spans[i].flags;
    }
    /* the first document's sentences are all new; later documents share
     * many of theirs (the table grows if they bring more) */
    if (ctx->sentences->count == 0) sentab_reserve(ctx->sentences, p->nspans);
    if (d->maplen) docio_register_mapped(ctx, d);
    size_t since = 0;
    for (size_t i = 0; i < p->nspans; i++) {
        if (i + SENTAB_PREFETCH_AHEAD < p->nspans)
            sentab_prefetch(ctx->sentences, p->hash[i + SENTAB_PREFETCH_AHEAD]);
        d->sents[i].id = sentab_id(ctx, d, (uint32_t)i, p->hash[i]);
        /* a match compares the bytes of another document too */
        since += 2 * (size_t)(d->sents[i].end - d->sents[i].start); /* in order: no windows */
        if (since >= DOC_RELEASE_EVERY) {
            docio_release_mapped(ctx, d);
            since = 0;
        }
    }
    /* the ids of the texts of sentences that open with a dateline, had
     * they none: equal to the id of the same text without it */
    if (p->ndated) {
        d->body = xmalloc(d->nsents * sizeof *d->body);
        for (size_t i = 0; i < d->nsents; i++)
            d->body[i] = d->sents[i].id;
        for (size_t k = 0; k < p->ndated; k++)
            d->body[p->dated[k].sent] =
                sentab_id(ctx, d, p->dated[k].sent | SLOT_BODY, p->dated[k].hash);
    }
    d->content_words = SIZE_MAX;
    if (meta) {
        d->meta = xmalloc(sizeof *d->meta);
        *d->meta = *meta;
        memset(meta, 0, sizeof *meta);
    }
    size_t title = role_assign(d->bytes, d->sents, d->nsents, d->body, d->meta);
    if (d->meta && d->meta->headline) {
        d->title = xstrdup(d->meta->headline);
    } else if (title < d->nsents && d->sents[title].end - d->sents[title].start <= TITLE_MAX) {
        d->title =
            xstrndup(d->bytes + d->sents[title].start, d->sents[title].end - d->sents[title].start);
    } else {
        d->title = base_name(name);
    }
    prepared_free(p);
    *out = d;
    return WD_OK;
}

enum wd_status doc_from_memory(struct doc_ctx *ctx, const char *name, const char *buf, size_t len,
                               const struct doc_opts *opts, struct doc **out)
{
    if (len > DOC_MAX_BYTES) return WD_ETOOBIG;
    char *copy = xmalloc(len + 1);
    if (len) memcpy(copy, buf, len);
    copy[len] = '\0';
    struct prepared p;
    prepare(&p, copy, 0, len, opts, ctx->strict);
    return finish(ctx, name, &p, NULL, out);
}

/* Read and prepare path ("-": standard input). */
/* What doc_changed compares: the file's identity, size and time. */
static struct doc_stamp stamp_of(const struct stat *st)
{
    return (struct doc_stamp){.set = true,
                              .dev = (uint64_t)st->st_dev,
                              .ino = (uint64_t)st->st_ino,
                              .size = (uint64_t)st->st_size,
                              .sec = (int64_t)st->st_mtim.tv_sec,
                              .nsec = (long)st->st_mtim.tv_nsec};
}

static void prepare_path(struct prepared *p, const char *path, const struct doc_opts *opts,
                         bool strict)
{
    memset(p, 0, sizeof *p);
    int fd;
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            int e = errno;
            struct stat st;
            /* a socket cannot be opened (ENXIO): say what it is */
            p->st = e == ENXIO && stat(path, &st) == 0 && S_ISSOCK(st.st_mode)
                        ? WD_ESOCKET
                        : util_status_from_errno(e);
            return;
        }
    }
    char *bytes = NULL;
    size_t len = 0, maplen = 0;
    struct stat st;
    if (opts && opts->map && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size >= DOC_MAP_MIN && (uint64_t)st.st_size <= DOC_MAX_BYTES) {
        len = (size_t)st.st_size;
        bytes = docio_map_file(fd, len, &maplen);
    }
    struct util_fileid id = {0, 0};
    bool has_id = fstat(fd, &st) == 0;
    if (has_id) id = (struct util_fileid){(uint64_t)st.st_dev, (uint64_t)st.st_ino};
    p->st = bytes ? WD_OK : docio_read_all(fd, opts && opts->text, &bytes, &len);
    if (!is_stdin) close(fd);
    if (p->st == WD_OK) prepare(p, bytes, maplen, len, opts, strict);
    p->id = id;
    p->has_id = has_id;
    p->stamp = has_id && !is_stdin && S_ISREG(st.st_mode) ? stamp_of(&st) : (struct doc_stamp){0};
}

enum wd_status doc_load(struct doc_ctx *ctx, const char *path, const struct doc_opts *opts,
                        struct doc **out)
{
    struct prepared p;
    prepare_path(&p, path, opts, ctx->strict);
    return finish(ctx, path, &p, NULL, out);
}

struct load_job {
    struct doc_ctx *ctx;
    struct doc_input *in;
    const struct doc_opts *opts;
    struct prepared *prep;
    struct doc **out;
    enum wd_status *st;
};

static void load_one(void *arg, size_t i)
{
    struct load_job *job = arg;
    struct doc_input *in = &job->in[i];
    if (in->text) {
        prepare(&job->prep[i], in->text, 0, in->len, job->opts, job->ctx->strict);
        in->text = NULL;
        job->prep[i].id = in->id;
        job->prep[i].has_id = in->has_id;
    } else {
        prepare_path(&job->prep[i], in->name, job->opts, job->ctx->strict);
    }
}

/* Ids in the order of the files: a file's sentences get theirs once it
 * and the files before it are in, while later files are still read. */
static void finish_one(void *arg, size_t i)
{
    struct load_job *job = arg;
    job->out[i] = NULL;
    job->st[i] = finish(job->ctx, job->in[i].name, &job->prep[i], job->in[i].meta, &job->out[i]);
    if (job->in[i].meta) source_meta_free(job->in[i].meta);
}

void doc_load_inputs(struct doc_ctx *ctx, struct doc_input *in, size_t n,
                     const struct doc_opts *opts, struct doc **out, enum wd_status *st)
{
    struct load_job job = {.ctx = ctx, .in = in, .opts = opts, .out = out, .st = st};
    job.prep = xcalloc(n ? n : 1, sizeof *job.prep);
    util_parallel_ordered(n, load_one, finish_one, &job);
    free(job.prep);
}

void doc_load_all(struct doc_ctx *ctx, const char *const *paths, size_t n,
                  const struct doc_opts *opts, struct doc **out, enum wd_status *st)
{
    struct doc_input *in = xcalloc(n ? n : 1, sizeof *in);
    for (size_t i = 0; i < n; i++)
        in[i].name = paths[i];
    doc_load_inputs(ctx, in, n, opts, out, st);
    free(in);
}

void doc_free(struct doc *d)
{
    if (!d) return;
    /* Its sentences can no longer stand for their keys.  Ids stay unique:
     * a key seen again later gets a new one. */
    struct sentab *t = d->ctx->sentences;
    if (t) sentab_rehash(t, t->nslots, d);
    if (d->maplen) docio_unregister_mapped(d->ctx, d);
    free(d->path);
    free(d->name);
    docio_bytes_free(d->bytes, d->maplen);
    free(d->sents);
    free(d->body);
    free(d->title);
    free(d->label);
    if (d->meta) {
        source_meta_free(d->meta);
        free(d->meta);
    }
    free(d);
}

const char *doc_path(const struct doc *d)
{
    return d->path;
}

const char *doc_name(const struct doc *d)
{
    return d->name;
}

const char *doc_encoding(const struct doc *d, size_t *replaced)
{
    *replaced = d->replaced;
    return d->encoding;
}

bool doc_changed(const struct doc *d)
{
    if (!d->stamp.set) return false;
    struct stat st;
    if (stat(d->path, &st) != 0) return true; /* removed, or no longer readable */
    struct doc_stamp now = stamp_of(&st);
    return now.dev != d->stamp.dev || now.ino != d->stamp.ino || now.size != d->stamp.size ||
           now.sec != d->stamp.sec || now.nsec != d->stamp.nsec;
}

bool doc_map_patch(const struct doc *d, const void *addr)
{
    const char *a = addr, *base = d->bytes;
    if (!d->maplen || a < base || a >= base + d->maplen) return false;
    long page = sysconf(_SC_PAGESIZE); /* async-signal-safe, as mmap is in practice */
    if (page <= 0) return false;
    uintptr_t from = (uintptr_t)a & ~((uintptr_t)page - 1);
    return mmap((void *)from, (uintptr_t)base + d->maplen - from, PROT_READ,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED;
}

bool doc_fileid(const struct doc *d, struct util_fileid *id)
{
    if (d->has_id) *id = d->id;
    return d->has_id;
}

const char *doc_bytes(const struct doc *d, size_t *len)
{
    if (len) *len = d->len;
    return d->bytes;
}

const struct sentence *doc_sentences(const struct doc *d, size_t *n)
{
    *n = d->nsents;
    return d->sents;
}

size_t doc_sentence_words(const struct doc *d, struct doc_ctx *ctx, size_t i, struct word **out,
                          size_t *n, size_t *cap)
{
    struct word_scratch *sc = &((struct scratch *)ctx->scratch)->w;
    const struct sentence *se = &d->sents[i];
    size_t first = *n, at = se->start;
    struct seg_span sp;
    while (seg_word_next(d->bytes, &at, se->end, &sp)) {
        if (*n == *cap) xgrow(out, cap, *n + 1, sizeof **out);
        size_t kl = text_key_mode(d->bytes + sp.start, sp.end - sp.start, &sc->key, &sc->keycap,
                                  ctx->strict);
        struct word *w = &(*out)[(*n)++];
        w->start = sp.start;
        w->end = sp.end;
        w->flags = sp.flags;
        w->id = intern_add(ctx->words, sc->key, kl);
    }
    return *n - first;
}

size_t doc_invalid_bytes(const struct doc *d)
{
    return d->invalid;
}

size_t doc_word_count(const struct doc *d)
{
    if (d->content_words == SIZE_MAX) {
        /* Counted once, on demand: a cache, the document stays the same. */
        struct doc *m = (struct doc *)d;
        size_t count = 0;
        for (size_t i = 0; i < d->nsents; i++) {
            size_t at = d->sents[i].start;
            struct seg_span sp;
            while (seg_word_next(d->bytes, &at, d->sents[i].end, &sp))
                count += !(sp.flags & WORD_PUNCT);
        }
        m->content_words = count;
    }
    return d->content_words;
}

const char *doc_title(const struct doc *d)
{
    return d->title;
}

const char *doc_label(const struct doc *d)
{
    return d->label;
}

const struct source_meta *doc_meta(const struct doc *d)
{
    return d->meta;
}

void doc_rename(struct doc *d, const char *name)
{
    char *old_base = base_name(d->path);
    if (strcmp(d->title, old_base) == 0) { /* the title was the file's name */
        free(d->title);
        d->title = base_name(name);
    }
    free(old_base);
    free(d->path);
    free(d->name);
    free(d->label);
    d->path = xstrdup(name);
    d->name = escape_str(name);
    char *label = source_display_name(name);
    d->label = escape_str(label);
    free(label);
}

uint32_t doc_body_id(const struct doc *d, size_t i)
{
    return d->body ? d->body[i] : d->sents[i].id;
}

void doc_set_role(struct doc *d, size_t i, enum sent_role r)
{
    struct sentence *s = &d->sents[i];
    s->flags = (s->flags & ~SENT_ROLE_MASK) | ((uint32_t)r << SENT_ROLE_SHIFT);
    if (r != ROLE_STORY) s->flags &= ~SENT_DATELINE_MASK;
}
