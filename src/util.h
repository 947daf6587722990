/* util.h - status codes and overflow-checked allocation shared by every layer.
 *
 * The core never prints and never exits, with one exception: allocation
 * failure.  Like gnulib's xalloc and htop's XUtils, the x* helpers call
 * util_oom() which writes "wirediff: out of memory" to stderr and exits
 * with status 2 (trouble, as for any other; no abort and no core dump); a
 * diff tool cannot do anything useful without memory, and threading ENOMEM
 * through every loop would hide the real logic.  util_set_oom_hook() lets
 * the UI restore the terminal first, and a batch run remove the temporary
 * file of its -o.  Reading a file whole is the exception that does not
 * exit: a file too large for the memory is WD_ENOMEM for that file.
 */
#ifndef WD_UTIL_H
#define WD_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Result of every fallible core call.  util_strerror() gives the text the
 * user sees after "wirediff: FILE: ". */
enum wd_status {
    WD_OK = 0,
    WD_ENOENT,  /* no such file or directory */
    WD_EISDIR,  /* is a directory */
    WD_EACCES,  /* permission denied */
    WD_EBINARY, /* contains NUL bytes */
    WD_ETOOBIG, /* larger than the 4 GiB offsets we keep */
    WD_EIO,     /* any other read/write error (errno kept by caller) */
    WD_ENOTEXT, /* a directory without text files */
    WD_EEXIST,  /* output exists and --force was not given */
    WD_EUSAGE,  /* bad arguments */
    WD_EINPUT,  /* an output that is one of the input files */
    WD_ENOTREG, /* not a regular file or a terminal (the reader writes no FIFO) */
    WD_ELOOP,   /* a loop of symbolic links */
    WD_ESOCKET, /* a socket */
    WD_ENOMEM,  /* not enough memory to hold a file */
    WD_ENAMETOOLONG,
    WD_ETWICE, /* a folder named twice */
    WD_STATUS_COUNT
};

/* What tells a file from any other: its device and inode (st_dev,
 * st_ino), so that an output is never one of the inputs. */
struct util_fileid {
    uint64_t dev, ino;
};

/* Static string, never NULL. */
const char *util_strerror(enum wd_status st);

/* The status for a failed system call's errno (WD_EIO for the rest; the
 * caller keeps errno for strerror()). */
enum wd_status util_status_from_errno(int e);

/* The allocator's settings for a run (util.c says why); main calls it
 * first. */
void util_malloc_setup(void);
/* Allocation: never return NULL; abort via util_oom() on failure or on
 * size overflow (n * size). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* xmalloc and xcalloc for a block that will be written all over right
 * away (an array filled from end to end, a hash table with more keys than
 * pages): a block mapped on its own has its pages populated in one system
 * call (MADV_POPULATE_WRITE, Linux 5.14) rather than faulted in one by
 * one, pages it would have taken anyway. */
void *xmalloc_dense(size_t size);
void *xcalloc_dense(size_t n, size_t size);
/* For an array p of cap bytes filled from its start, of which the first
 * used bytes are written or about to be: once used reaches *ready (0 at
 * first), the pages up to 16 KiB past used are populated as by
 * xmalloc_dense, and *ready moves there.  Call it before the writes. */
void util_fill_ahead(void *p, size_t used, size_t cap, size_t *ready);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *p (holding *cap elements of size) so that it holds at least need;
 * doubles capacity.  Returns the new pointer (also stored in *p). */
void *xgrow(void *p_, size_t *cap, size_t need, size_t size);

/* The CPUs this process may run on (online and in its affinity mask, as
 * taskset sets it), at least 1 and at most UTIL_THREADS_MAX. */
size_t util_cpus(void);
/* Call fn(arg, i) for every i in [0, n), on up to UTIL_THREADS_MAX
 * threads (no more than util_cpus(); the caller's thread is one of
 * them, and with one CPU the only one), each i once, in no given order;
 * returns when all are done.  fn must touch only what belongs to i. */
#define UTIL_THREADS_MAX 8
void util_parallel(size_t n, void (*fn)(void *arg, size_t i), void *arg);
/* How many slices to cut n items into for util_parallel: one per
 * min_per_slice items, at least one and at most UTIL_THREADS_MAX (below
 * min_per_slice items a thread costs more than it saves). */
size_t util_slices(size_t n, size_t min_per_slice);
/* util_parallel for work(arg, i), and finish(arg, i) for every i in
 * order 0, 1, ... n-1, each as soon as work i and the finishes before it
 * are done, never two at once: work that must be done in order (giving
 * ids) starts while later items are still being worked on. */
void util_parallel_ordered(size_t n, void (*work)(void *arg, size_t i),
                           void (*finish)(void *arg, size_t i), void *arg);

/* A growing byte string, always NUL-terminated once anything was added
 * (s is NULL before).  The owner frees s. */
struct strbuf {
    char *s;
    size_t len, cap;
};
void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_adds(struct strbuf *b, const char *s); /* s is NUL-terminated */
void sb_addc(struct strbuf *b, char c);
/* The string, and the buffer emptied; never NULL ("" when nothing was added). */
char *sb_take(struct strbuf *b, size_t *len);
void sb_free(struct strbuf *b);

_Noreturn void util_oom(void);
void util_set_oom_hook(void (*hook)(void));

#define WD_MIN(a, b)    ((a) < (b) ? (a) : (b))
#define WD_MAX(a, b)    ((a) > (b) ? (a) : (b))
#define WD_ARRAY_LEN(x) (sizeof(x) / sizeof((x)[0]))

#endif
