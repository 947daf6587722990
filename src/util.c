#include "config.h"

#include "util.h"

#include <errno.h>
#include <pthread.h>
#ifdef HAVE_SCHED_GETAFFINITY
#include <sched.h>
#endif
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined HAVE_MALLOPT && HAVE_DECL_M_MMAP_THRESHOLD
#include <malloc.h>
#endif
#include <sys/mman.h>

static const char *const status_text[WD_STATUS_COUNT] = {
    [WD_OK] = "success",
    [WD_ENOENT] = "no such file or directory",
    [WD_EISDIR] = "is a directory",
    [WD_EACCES] = "permission denied",
    [WD_EBINARY] = "binary file (use --text to compare anyway)",
    [WD_ETOOBIG] = "file too large (4 GiB - 2 bytes at most)",
    [WD_EIO] = "read error",
    [WD_ENOTEXT] = "directory holds no text files",
    [WD_EEXIST] = "file exists (use --force to replace it)",
    [WD_EUSAGE] = "invalid arguments",
    [WD_EINPUT] = "is an input file (inputs are only read)",
    [WD_ENOTREG] = "not a regular file or a terminal",
    [WD_ELOOP] = "too many levels of symbolic links",
    [WD_ESOCKET] = "is a socket",
    [WD_ENOMEM] = "out of memory",
    [WD_ENAMETOOLONG] = "file name too long",
    [WD_ETWICE] = "folder given twice",
};

const char *util_strerror(enum wd_status st)
{
    if ((unsigned)st >= WD_STATUS_COUNT || !status_text[st]) return "unknown error";
    return status_text[st];
}

enum wd_status util_status_from_errno(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return WD_ENOENT;
    case EISDIR:
        return WD_EISDIR;
    case EACCES:
    case EPERM:
    case EROFS:
        return WD_EACCES;
    case EEXIST:
        return WD_EEXIST;
    case EFBIG:
    case EOVERFLOW:
        return WD_ETOOBIG;
    case ELOOP:
        return WD_ELOOP;
    case ENOMEM:
        return WD_ENOMEM;
    case ENAMETOOLONG:
        return WD_ENAMETOOLONG;
    default:
        return WD_EIO;
    }
}

static void (*oom_hook)(void);

void util_set_oom_hook(void (*hook)(void))
{
    oom_hook = hook;
}

_Noreturn void util_oom(void)
{
    /* The first thread to run out says so and ends the process; any other
     * waits for that (two lines would break the one-line promise). */
    static atomic_flag said = ATOMIC_FLAG_INIT;
    if (atomic_flag_test_and_set(&said))
        for (;;)
            pause();
    if (oom_hook) oom_hook();
    static const char msg[] = "wirediff: out of memory\n";
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) { /* nothing more to do */
    }
    _exit(2); /* like any other trouble: no core dump, no atexit handlers in a broken heap */
}

/* ---- the allocator ---------------------------------------------------------
 * glibc's malloc, told how a run uses memory: phases (segmenting, the
 * diff, the pairing, the word diffs, the export) that each allocate
 * large arrays and free them for the next.
 *
 * Blocks of MMAP_THRESHOLD bytes or more are mapped on their own and
 * given back to the system when freed.  glibc raises its threshold after
 * the first such block is freed, and the large arrays of one phase of an
 * alignment (similarity bags, the diff's vectors) would then stay resident
 * through the next: the peak at 100k sentences went from 55 to 48 MB.
 *
 * Setting the threshold also fixes the trim threshold at its default of
 * 128 KiB, and the heap's top was given back and taken again between
 * phases, every page of it faulted in anew: TRIM_THRESHOLD keeps up to
 * 64 MiB of free top, so that the next phase reuses pages already there.
 * (A pad on each growth of the heap, M_TOP_PAD, saved more faults but
 * cost its size in the peak: 100k sentences, JSON export 29 -> 41 MB.)
 *
 * Large blocks (HUGE_MIN and up) ask for transparent huge pages
 * (MADV_HUGEPAGE, for kernels set to "madvise", the default of most
 * distributions): one fault maps 2 MiB where 512 did, for the arrays a
 * phase fills from one end to the other.  Below 16 MiB the pages a block
 * rounds up to cost more than their faults: two unrelated texts of 100k
 * sentences took 35-37 MB with a floor of 4 MiB, 33.5 MB with 16 (git:
 * 33.4); at 1M the faults go from 184k to 109k (bench pair) and from
 * 169k to 57k (unrelated texts), the peak within 3%. */
#define MMAP_THRESHOLD (256 * 1024)
#define TRIM_THRESHOLD (64 * 1024 * 1024)
#define HUGE_MIN       ((size_t)16 << 20)

void util_malloc_setup(void)
{
#if defined HAVE_MALLOPT && HAVE_DECL_M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD);
#endif
}

/* p, a block of size bytes, advised to take huge pages where they fit: the
 * pages it is on, rounded out rather than in, so that a block mapped on
 * its own stays one mapping (mremap, which realloc uses to grow it, moves
 * only a range within one). */
static void *advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    long page = sysconf(_SC_PAGESIZE);
    if (size >= HUGE_MIN && page > 0) {
        uintptr_t w = (uintptr_t)page - 1;
        uintptr_t from = (uintptr_t)p & ~w, to = ((uintptr_t)p + size + w) & ~w;
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
    }
#else
    (void)size;
#endif
    return p;
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) util_oom();
    return advise_huge(p, size);
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) util_oom();
    return advise_huge(p, n * size); /* calloc checked n * size */
}

/* The pages of p[0..size), about to be written, mapped in one call
 * (MADV_POPULATE_WRITE) rather than a fault each: from the page p is on
 * (mapped already when written before) to the last whole one. */
static void populate(void *p, size_t size)
{
#ifdef MADV_POPULATE_WRITE
    long page = sysconf(_SC_PAGESIZE);
    if (page > 0) {
        uintptr_t w = (uintptr_t)page - 1;
        uintptr_t from = (uintptr_t)p & ~w, to = ((uintptr_t)p + size) & ~w;
        if (from < to) (void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
    }
#else
    (void)p, (void)size;
#endif
}

void *xmalloc_dense(size_t size)
{
    void *p = xmalloc(size);
    if (size >= MMAP_THRESHOLD) populate(p, size); /* a mapping of its own */
    return p;
}

void *xcalloc_dense(size_t n, size_t size)
{
    void *p = xcalloc(n, size);
    if (n * size >= MMAP_THRESHOLD) populate(p, n * size); /* xcalloc checked n * size */
    return p;
}

/* How far util_fill_ahead maps ahead of the bytes in use: the RSS it may
 * add, for an array that is filled no further. */
#define FILL_AHEAD ((size_t)16 << 10)

void util_fill_ahead(void *p, size_t used, size_t cap, size_t *ready)
{
    if (used < *ready || cap < MMAP_THRESHOLD) return;
    size_t to = WD_MIN(used + FILL_AHEAD, cap);
    populate((char *)p + *ready, to - *ready);
    *ready = to;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) util_oom();
    size_t total = n * size;
    void *q = realloc(p, total ? total : 1);
    if (!q) util_oom();
    return advise_huge(q, total);
}

void *xgrow(void *p_, size_t *cap, size_t need, size_t size)
{
    void **p = p_;
    if (need <= *cap) return *p;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2) util_oom();
        c *= 2;
    }
    *p = xreallocarray(*p, c, size);
    *cap = c;
    return *p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void sb_add(struct strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 < b->len) util_oom();
    xgrow(&b->s, &b->cap, b->len + n + 1, 1);
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_adds(struct strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_addc(struct strbuf *b, char c)
{
    sb_add(b, &c, 1);
}

char *sb_take(struct strbuf *b, size_t *len)
{
    char *s = b->s ? b->s : xstrdup("");
    if (len) *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(struct strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

struct par_job {
    void (*fn)(void *arg, size_t i);
    void *arg;
    size_t n;
    atomic_size_t next; /* the next i to take */
};

static void *par_worker(void *p)
{
    struct par_job *job = p;
    for (;;) {
        size_t i = atomic_fetch_add(&job->next, 1);
        if (i >= job->n) break;
        job->fn(job->arg, i);
    }
    return NULL;
}

size_t util_slices(size_t n, size_t min_per_slice)
{
    return WD_MAX((size_t)1, WD_MIN((size_t)UTIL_THREADS_MAX, n / min_per_slice));
}

size_t util_cpus(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
#ifdef HAVE_SCHED_GETAFFINITY
    /* The CPUs this process may run on: under taskset -c 0 (or a cpuset
     * of one CPU) a second thread would only take turns with the first,
     * and each thread's malloc arena faults in pages of its own. */
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        cpus = WD_MIN(cpus > 0 ? cpus : CPU_SETSIZE, (long)CPU_COUNT(&set));
#endif
    return (size_t)WD_MIN(WD_MAX(cpus, 1L), (long)UTIL_THREADS_MAX);
}

void util_parallel(size_t n, void (*fn)(void *arg, size_t i), void *arg)
{
    struct par_job job = {.fn = fn, .arg = arg, .n = n};
    atomic_init(&job.next, 0);
    size_t nthreads = n > 1 ? WD_MIN(n, util_cpus()) : n;
    pthread_t tid[UTIL_THREADS_MAX];
    size_t started = 0;
    /* A thread that cannot start is no error: the others do its share. */
    for (; started + 1 < nthreads; started++)
        if (pthread_create(&tid[started], NULL, par_worker, &job) != 0) break;
    par_worker(&job);
    for (size_t t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
}

/* util_parallel_ordered: the work items through util_parallel, each
 * followed by whatever finishes it now makes possible, under one lock. */
struct ordered_job {
    void (*work)(void *arg, size_t i);
    void (*finish)(void *arg, size_t i);
    void *arg;
    size_t n;
    pthread_mutex_t lock;
    bool *ready; /* work i is done */
    size_t next; /* the next i to finish */
};

static void ordered_item(void *p, size_t i)
{
    struct ordered_job *job = p;
    job->work(job->arg, i);
    pthread_mutex_lock(&job->lock);
    job->ready[i] = true;
    for (; job->next < job->n && job->ready[job->next]; job->next++)
        job->finish(job->arg, job->next);
    pthread_mutex_unlock(&job->lock);
}

void util_parallel_ordered(size_t n, void (*work)(void *arg, size_t i),
                           void (*finish)(void *arg, size_t i), void *arg)
{
    struct ordered_job job = {.work = work, .finish = finish, .arg = arg, .n = n};
    pthread_mutex_init(&job.lock, NULL);
    job.ready = xcalloc(n ? n : 1, sizeof *job.ready);
    util_parallel(n, ordered_item, &job);
    pthread_mutex_destroy(&job.lock);
    free(job.ready);
}
