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

#include "escape.h"
#include "segment.h"
#include "text.h"
#include "transcode.h"
#include "wrap.h"

struct doc {
    struct doc_ctx *ctx; /* whose sentence table refers to this document */
    char *path;
    char *name;  /* path escaped for a terminal (escape.h) */
    char *bytes; /* len + 1 bytes, NUL-terminated */
    size_t len;
    size_t maplen; /* bytes mapped at bytes (doc_opts.map); 0: malloc'ed */
    struct sentence *sents;
    size_t nsents;
    size_t invalid;
    size_t content_words; /* SIZE_MAX until doc_word_count() counts them */
    char *title;
    char *label;              /* escape_str(source_display_name(path)) */
    struct source_meta *meta; /* NULL for a plain file */
    struct util_fileid id;    /* the file read (fstat), when has_id */
    bool has_id;
    const char *encoding; /* UTF-16/32 converted from (transcode.h), NULL: UTF-8 */
    size_t replaced;      /* its invalid code units, shown as U+FFFD */
    uint32_t *body;       /* per sentence: doc_body_id; NULL when none has a dateline */
    /* the file's identity, size and time when read (doc_changed) */
    struct doc_stamp stamp;
    atomic_bool keep; /* doc_keep_pages: its pages are given back no more */
};

/* Linux maps more than the page a read faults on: the cached pages around
 * it ("fault-around", 64 KiB windows aligned in the address space), or the
 * whole large folio of the page cache that holds it (up to FOLIO_MAX,
 * aligned by file offset).  A read thus holds FAULT_AROUND at least, and
 * one may map again pages before it that were given back already. */
#define FAULT_AROUND ((size_t)64 << 10)
#define FOLIO_MAX    ((size_t)2 << 20)

/* ---- sentence keys ----------------------------------------------------------
 * Sentence ids without storing keys: a slot holds the 64-bit hash of a
 * sentence's comparison key and where that sentence is; a lookup whose hash
 * matches recomputes the stored sentence's key and compares the bytes, so
 * ids are exact.  Open addressing, linear probing, load under 3/4. */
struct sent_slot {
    uint64_t hash;
    const struct doc *d; /* NULL: empty */
    uint32_t sent, id;   /* sent | SLOT_BODY: the sentence's text without its dateline */
};

/* A slot whose key is that of a sentence's body (doc_body_id). */
#define SLOT_BODY 0x80000000u

struct sentab {
    struct sent_slot *slots;
    size_t nslots, count;
};

/* Buffers for doc_sentence_words. */
struct word_scratch {
    char *key;
    size_t keycap;
};

static void word_scratch_free(struct word_scratch *sc)
{
    free(sc->key);
    memset(sc, 0, sizeof *sc);
}

struct scratch {
    struct word_scratch w; /* for doc_sentence_words, and w.key for keys */
    char *key2;            /* a second comparison key */
    size_t key2cap;
    const struct doc **mapped; /* the context's mapped documents (doc_release) */
    size_t nmapped, capmapped;
    /* Where the lookups of the sentences since the last release read
     * other documents: the last place read, and how many reads were near
     * the one before (within FOLIO_MAX) or far from it. */
    const struct doc *last_doc;
    uint32_t last_at, near, far;
};

static struct sentab *sentab_new(void)
{
    struct sentab *t = xcalloc(1, sizeof *t);
    t->nslots = 1024;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    return t;
}

static void sentab_free(struct sentab *t)
{
    if (!t) return;
    free(t->slots);
    free(t);
}

/* Rehash into n slots, leaving out the slots of document gone (if any). */
static void sentab_rehash(struct sentab *t, size_t n, const struct doc *gone)
{
    struct sent_slot *slots = xcalloc_dense(n, sizeof *slots);
    for (size_t i = 0; i < t->nslots; i++) {
        if (!t->slots[i].d || t->slots[i].d == gone) continue;
        size_t j = t->slots[i].hash & (n - 1);
        while (slots[j].d)
            j = (j + 1) & (n - 1);
        slots[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
}

/* Room for n more keys without growing on the way: one table of the final
 * size instead of the doublings up to it (each a new zeroed array). */
static void sentab_reserve(struct sentab *t, size_t n)
{
    size_t want = t->nslots;
    while ((t->count + n) * 4 > want * 3)
        want *= 2;
    if (want != t->nslots) sentab_rehash(t, want, NULL);
}

/* The bytes a slot's key is made of: its sentence, or (SLOT_BODY) the
 * sentence without its dateline. */
static void slot_text(const struct doc *d, uint32_t sent, uint32_t *a, uint32_t *b)
{
    const struct sentence *o = &d->sents[sent & ~SLOT_BODY];
    *a = o->start + ((sent & SLOT_BODY) ? sent_dateline(o) : 0);
    *b = o->end;
}

/* The id of sentence i of d (with SLOT_BODY: of its text without its
 * dateline), whose comparison key hashes to h, adding it if new.  Keys are
 * rebuilt only to tell apart sentences whose hashes are equal but bytes
 * differ ("The" and "the"). */
static uint32_t sentab_id(struct doc_ctx *ctx, const struct doc *d, uint32_t i, uint64_t h)
{
    struct sentab *t = ctx->sentences;
    struct scratch *sc = ctx->scratch;
    size_t mask = t->nslots - 1, j = h & mask;
    uint32_t ma, mb;
    slot_text(d, i, &ma, &mb);
    size_t klen = SIZE_MAX; /* my key in sc->key, once built */
    for (; t->slots[j].d; j = (j + 1) & mask) {
        struct sent_slot *sl = &t->slots[j];
        if (sl->hash != h) continue;
        uint32_t oa, ob;
        slot_text(sl->d, sl->sent, &oa, &ob);
        if (sl->d != d) {
            bool near = sc->last_doc == sl->d && (oa > sc->last_at ? oa - sc->last_at
                                                                   : sc->last_at - oa) <= FOLIO_MAX;
            if (near)
                sc->near++;
            else
                sc->far++;
            sc->last_doc = sl->d;
            sc->last_at = oa;
        }
        /* byte-identical sentences have equal keys: no need to rebuild it */
        if (ob - oa == mb - ma && memcmp(sl->d->bytes + oa, d->bytes + ma, ob - oa) == 0)
            return sl->id;
        if (klen == SIZE_MAX)
            klen = text_key_mode(d->bytes + ma, mb - ma, &sc->w.key, &sc->w.keycap, ctx->strict);
        size_t ol = text_key_mode(sl->d->bytes + oa, ob - oa, &sc->key2, &sc->key2cap, ctx->strict);
        if (ol == klen && (klen == 0 || memcmp(sc->key2, sc->w.key, klen) == 0)) return sl->id;
    }
    if (t->count >= UINT32_MAX - 1) util_oom();
    struct sent_slot *sl = &t->slots[j];
    sl->hash = h;
    sl->d = d;
    sl->sent = i;
    sl->id = (uint32_t)t->count++;
    if (t->count * 4 > t->nslots * 3) sentab_rehash(t, t->nslots * 2, NULL);
    return (uint32_t)(t->count - 1);
}

/* Ask for the slot where a lookup of hash h starts.  At a million
 * sentences the table is far larger than the caches and nearly every
 * lookup misses; finish() knows the hashes of the sentences to come, so
 * the slots can be on their way while earlier sentences are looked up. */
static void sentab_prefetch(const struct sentab *t, uint64_t h)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(&t->slots[h & (t->nslots - 1)]);
#else
    (void)t;
    (void)h;
#endif
}

/* How many sentences ahead finish() prefetches: enough to cover a memory
 * latency with the work of a lookup that hits the cache. */
#define SENTAB_PREFETCH_AHEAD 8

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

/* ---- mapped files -----------------------------------------------------------
 * With doc_opts.map a regular file is mapped rather than read: its pages
 * come from the page cache, and doc_release gives them back, so a long
 * pass over two large files holds only what it is reading (the reads
 * would hold both files whole).  The mapping is followed by at least one
 * zero byte, like a read buffer: the tail of the file's last page reads
 * as zeros, and a file that ends on a page boundary gets an anonymous
 * zero page after it. */

/* Files smaller than this are read: a mapping gives back nothing worth
 * it, and each costs one of the kernel's mappings a process may hold
 * (vm.max_map_count, 65,530 by default), which 100,000 articles of a
 * folder used up, and with them every large malloc. */
#define DOC_MAP_MIN ((off_t)64 << 10)

/* Map the len bytes (0 < len <= DOC_MAX_BYTES) of regular file fd; NULL when
 * that fails (the caller reads the file instead). */
static char *map_file(int fd, size_t len, size_t *maplen)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return NULL;
    size_t total = (len + (size_t)page) / (size_t)page * (size_t)page; /* > len */
    void *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    if (mmap(base, len, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        munmap(base, total);
        return NULL;
    }
    *maplen = total;
    return base;
}

static void bytes_free(char *bytes, size_t maplen)
{
    if (!bytes) return;
    if (maplen)
        munmap(bytes, maplen);
    else
        free(bytes);
}

void doc_release(const struct doc *d)
{
    if (d->maplen && !atomic_load(&d->keep)) (void)madvise(d->bytes, d->maplen, MADV_DONTNEED);
}

void doc_keep_pages(const struct doc *d)
{
    /* a hint about its pages, not the document: set whatever the const */
    atomic_store(&((struct doc *)d)->keep, true);
}

/* Give back the pages of bytes[lo, hi) of a mapping of maplen bytes (0:
 * not mapped), widened to whole windows of align bytes in the address
 * space and by file offset (the mapping is only page aligned). */
static void release_range(const char *bytes, size_t maplen, size_t lo, size_t hi, size_t align)
{
    if (!maplen || lo >= hi) return;
    const uintptr_t w = align - 1, base = (uintptr_t)bytes;
    uintptr_t from = WD_MIN((base + lo) & ~w, base + (lo & ~w));
    uintptr_t to = WD_MAX((base + hi + w) & ~w, base + ((hi + w) & ~w));
    from = WD_MAX(from, base);
    to = WD_MIN(to, base + maplen);
    (void)madvise((void *)from, to - from, MADV_DONTNEED);
}

/* Map bytes[lo, hi) of a mapping of maplen bytes (0: nothing to do) ahead
 * of a pass over it, in one call rather than a fault every window.  A
 * kernel without MADV_POPULATE_READ (before Linux 5.14) faults as usual. */
static void populate_range(const char *bytes, size_t maplen, size_t lo, size_t hi)
{
#ifdef MADV_POPULATE_READ
    if (!maplen || lo >= hi) return;
    uintptr_t base = (uintptr_t)bytes, page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = (base + lo) & ~(page - 1), to = WD_MIN(base + hi, base + maplen);
    (void)madvise((void *)from, to - from, MADV_POPULATE_READ);
#else
    (void)bytes, (void)maplen, (void)lo, (void)hi;
#endif
}

void doc_pass_begin(struct doc_pass *p, const struct doc *d)
{
    p->d = d;
    p->reads = 0;
    p->lo = UINT32_MAX;
    p->hi = 0;
    p->done = 0;
    p->ahead = 0;
}

static void pass_release(struct doc_pass *p)
{
    const struct doc *d = p->d;
    if (atomic_load_explicit(&d->keep, memory_order_relaxed)) {
        /* kept: nothing to give back */
    } else if (p->lo >= p->done) {
        /* Reads going forward: from where the last release ended, and a
         * large folio's worth before it, which their faults may have
         * mapped again. */
        size_t from = p->done > FOLIO_MAX ? p->done - FOLIO_MAX : 0;
        release_range(d->bytes, d->maplen, from, p->hi, FAULT_AROUND);
        p->done = p->hi;
    } else if (p->lo < p->hi) {
        release_range(d->bytes, d->maplen, p->lo, p->hi, FOLIO_MAX); /* scattered */
    }
    p->reads = 0;
    p->lo = UINT32_MAX;
    p->hi = 0;
}

void doc_pass_read(struct doc_pass *p, uint32_t start, uint32_t end)
{
    /* Going forward from where the reads were (not a jump, such as the
     * halves of moved pairs): map the stretch ahead. */
    bool onward = p->ahead == 0 || (size_t)start <= (size_t)p->ahead + FAULT_AROUND;
    if (end > p->ahead && start >= p->done && onward) {
        p->ahead = (uint32_t)WD_MIN((size_t)start + DOC_RELEASE_EVERY, p->d->len);
        populate_range(p->d->bytes, p->d->maplen, start, WD_MAX(p->ahead, end));
    }
    p->lo = WD_MIN(p->lo, start);
    p->hi = WD_MAX(p->hi, end);
    p->reads++;
    /* What the reads hold: a window each at most, and no more than the
     * range they span (reads in order share their windows).  Giving pages
     * back is not cheap (other threads' TLBs are flushed), so it is done
     * only once that much is held. */
    size_t held = WD_MIN(p->reads * FAULT_AROUND, (size_t)(p->hi - p->lo) + 2 * FAULT_AROUND);
    if (held >= DOC_RELEASE_EVERY) pass_release(p);
}

void doc_pass_end(struct doc_pass *p)
{
    pass_release(p);
}

/* The context's mapped documents: giving ids compares a sentence's bytes
 * with those of an earlier one, in any of them. */
static void register_mapped(struct doc_ctx *ctx, const struct doc *d)
{
    struct scratch *sc = ctx->scratch;
    xgrow(&sc->mapped, &sc->capmapped, sc->nmapped + 1, sizeof *sc->mapped);
    sc->mapped[sc->nmapped++] = d;
}

static void unregister_mapped(struct doc_ctx *ctx, const struct doc *d)
{
    struct scratch *sc = ctx->scratch;
    for (size_t i = 0; i < sc->nmapped; i++)
        if (sc->mapped[i] == d) {
            sc->mapped[i] = sc->mapped[--sc->nmapped];
            return;
        }
}

/* Give back the pages of the mapped documents that sentence lookups of d
 * read since the last call, and of d itself.  The pages of other documents
 * are kept while those reads jump about (the sentences of d are another's
 * in another order): given back, nearly every lookup would fault its page
 * in again. */
static void release_mapped(const struct doc_ctx *ctx, const struct doc *d)
{
    struct scratch *sc = ctx->scratch;
    bool scattered = sc->far > sc->near;
    for (size_t i = 0; i < sc->nmapped; i++)
        if (!scattered || sc->mapped[i] == d) doc_release(sc->mapped[i]);
    sc->near = sc->far = 0;
}

/* Grow the read buffer *buf (capacity *cap) to hold need bytes, doubling
 * but never past DOC_MAX_BYTES + 1 (its NUL): false when the memory is
 * not there, for the caller to report on that file (a stream such as
 * /dev/urandom read with --text must not end the run with util_oom). */
static bool grow_read_buffer(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap) return true;
    size_t c = WD_MAX(*cap * 2, need);
    c = WD_MIN(c, (size_t)DOC_MAX_BYTES + 1);
    char *b = realloc(*buf, c);
    if (!b) return false;
    *buf = b;
    *cap = c;
    return true;
}

/* Read all of fd into a new NUL-terminated buffer.  Unless text is set, a
 * NUL byte ends the read at once with WD_EBINARY: a device or pipe of
 * binary data (/dev/zero) is refused when it starts, not at 4 GiB.  A
 * stream longer than DOC_MAX_BYTES stops the read there (WD_ETOOBIG), and
 * one that does not fit in memory is WD_ENOMEM. */
static enum wd_status read_all(int fd, bool text, char **out, size_t *outlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return util_status_from_errno(errno);
    if (S_ISDIR(st.st_mode)) return WD_EISDIR;
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > DOC_MAX_BYTES) return WD_ETOOBIG;
    size_t cap = 0;
    char *buf = NULL;
    if (!grow_read_buffer(&buf, &cap,
                          S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536))
        return WD_ENOMEM;
    size_t len = 0;
    char spare[4096];
    enum wd_status bad = WD_OK;
    for (;;) {
        /* When the buffer is full (a regular file read to its size), look
         * for more in a small buffer first: growing it would double the
         * memory a large file takes. */
        bool full = len + 1 >= cap;
        ssize_t r = full ? read(fd, spare, sizeof spare) : read(fd, buf + len, cap - len - 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            bad = util_status_from_errno(errno);
            break;
        }
        if (r == 0) break;
        if (full) {
            if (len + (size_t)r > DOC_MAX_BYTES) {
                bad = WD_ETOOBIG;
                break;
            }
            if (!grow_read_buffer(&buf, &cap, len + (size_t)r + 65536)) {
                bad = WD_ENOMEM;
                break;
            }
            memcpy(buf + len, spare, (size_t)r);
        }
        size_t bomlen;
        if (len == 0 && transcode_bom(buf, (size_t)r, &bomlen))
            text = true; /* UTF-16 or UTF-32: its NULs are text (prepare converts it) */
        if (!text && memchr(buf + len, '\0', (size_t)r)) {
            bad = WD_EBINARY;
            break;
        }
        len += (size_t)r;
    }
    if (bad != WD_OK) {
        free(buf);
        return bad;
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return WD_OK;
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
    bytes_free(p->bytes, p->maplen);
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
        bytes_free(bytes, maplen);
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
    populate_range(bytes, maplen, 0, WD_MIN(len, PREPARE_CHUNK));
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
        populate_range(bytes, maplen, at, cut);
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
        release_range(bytes, maplen, at > FOLIO_MAX ? at - FOLIO_MAX : 0, cut, FAULT_AROUND);
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
    if (d->maplen) register_mapped(ctx, d);
    size_t since = 0;
    for (size_t i = 0; i < p->nspans; i++) {
        if (i + SENTAB_PREFETCH_AHEAD < p->nspans)
            sentab_prefetch(ctx->sentences, p->hash[i + SENTAB_PREFETCH_AHEAD]);
        d->sents[i].id = sentab_id(ctx, d, (uint32_t)i, p->hash[i]);
        /* a match compares the bytes of another document too */
        since += 2 * (size_t)(d->sents[i].end - d->sents[i].start); /* in order: no windows */
        if (since >= DOC_RELEASE_EVERY) {
            release_mapped(ctx, d);
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
        bytes = map_file(fd, len, &maplen);
    }
    struct util_fileid id = {0, 0};
    bool has_id = fstat(fd, &st) == 0;
    if (has_id) id = (struct util_fileid){(uint64_t)st.st_dev, (uint64_t)st.st_ino};
    p->st = bytes ? WD_OK : read_all(fd, opts && opts->text, &bytes, &len);
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
    if (d->maplen) unregister_mapped(d->ctx, d);
    free(d->path);
    free(d->name);
    bytes_free(d->bytes, d->maplen);
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
