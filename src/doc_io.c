/* doc_io.c - reading and mapping the files of documents, and giving the
 * pages of mapped ones back as passes go by (doc_int.h, doc.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc_int.h"
#include "transcode.h"

/* ---- mapped files -----------------------------------------------------------
 * With doc_opts.map a regular file is mapped rather than read: its pages
 * come from the page cache, and doc_release gives them back, so a long
 * pass over two large files holds only what it is reading (the reads
 * would hold both files whole).  The mapping is followed by at least one
 * zero byte, like a read buffer: the tail of the file's last page reads
 * as zeros, and a file that ends on a page boundary gets an anonymous
 * zero page after it. */

char *docio_map_file(int fd, size_t len, size_t *maplen)
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

void docio_bytes_free(char *bytes, size_t maplen)
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

void docio_release_range(const char *bytes, size_t maplen, size_t lo, size_t hi, size_t align)
{
    if (!maplen || lo >= hi) return;
    const uintptr_t w = align - 1, base = (uintptr_t)bytes;
    uintptr_t from = WD_MIN((base + lo) & ~w, base + (lo & ~w));
    uintptr_t to = WD_MAX((base + hi + w) & ~w, base + ((hi + w) & ~w));
    from = WD_MAX(from, base);
    to = WD_MIN(to, base + maplen);
    (void)madvise((void *)from, to - from, MADV_DONTNEED);
}

void docio_populate_range(const char *bytes, size_t maplen, size_t lo, size_t hi)
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
        docio_release_range(d->bytes, d->maplen, from, p->hi, FAULT_AROUND);
        p->done = p->hi;
    } else if (p->lo < p->hi) {
        docio_release_range(d->bytes, d->maplen, p->lo, p->hi, FOLIO_MAX); /* scattered */
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
        docio_populate_range(p->d->bytes, p->d->maplen, start, WD_MAX(p->ahead, end));
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

void docio_register_mapped(struct doc_ctx *ctx, const struct doc *d)
{
    struct scratch *sc = ctx->scratch;
    xgrow(&sc->mapped, &sc->capmapped, sc->nmapped + 1, sizeof *sc->mapped);
    sc->mapped[sc->nmapped++] = d;
}

void docio_unregister_mapped(struct doc_ctx *ctx, const struct doc *d)
{
    struct scratch *sc = ctx->scratch;
    for (size_t i = 0; i < sc->nmapped; i++)
        if (sc->mapped[i] == d) {
            sc->mapped[i] = sc->mapped[--sc->nmapped];
            return;
        }
}

void docio_release_mapped(const struct doc_ctx *ctx, const struct doc *d)
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

enum wd_status docio_read_all(int fd, bool text, char **out, size_t *outlen)
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
