#include "config.h"

#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Symbolic links followed to find the target before giving up (the
 * kernel's own limit, MAXSYMLINKS). */
#define LINKS_MAX 40

/* The temporary file's name in the target's folder: short, so that a
 * target name near NAME_MAX still leaves room; hidden. */
static const char tmp_name[] = ".wirediff-XXXXXX";

static enum wd_status failed(struct outfile *o, int e)
{
    o->err = e;
    return util_status_from_errno(e);
}

static bool same_file(const struct stat *st, const struct util_fileid *id)
{
    return (uint64_t)st->st_dev == id->dev && (uint64_t)st->st_ino == id->ino;
}

static bool is_input(const struct stat *st, const struct outfile_opts *opts)
{
    for (size_t i = 0; i < opts->ninputs; i++)
        if (same_file(st, &opts->inputs[i])) return true;
    return false;
}

/* Where path leads once its symbolic links are followed, as a new string
 * in *out: each link's text read and taken relative to the link's folder.
 * A path that is no link (or names nothing yet) is its own target. */
static enum wd_status follow_links(struct outfile *o, const char *path, char **out)
{
    char *cur = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
            *out = cur;
            return WD_OK;
        }
        if (hops == LINKS_MAX) {
            free(cur);
            return failed(o, ELOOP);
        }
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
        char *link = NULL;
        ssize_t n;
        for (;;) {
            link = xreallocarray(link, cap, 1);
            n = readlink(cur, link, cap);
            if (n < 0 || (size_t)n < cap) break;
            cap *= 2;
        }
        if (n < 0) {
            int e = errno;
            free(link);
            free(cur);
            return failed(o, e);
        }
        link[n] = '\0';
        if (link[0] == '/') {
            free(cur);
            cur = link;
            continue;
        }
        const char *slash = strrchr(cur, '/');
        size_t dl = slash ? (size_t)(slash - cur) + 1 : 0;
        char *next = xmalloc(dl + (size_t)n + 1);
        memcpy(next, cur, dl);
        memcpy(next + dl, link, (size_t)n + 1);
        free(link);
        free(cur);
        cur = next;
    }
}

/* Is st the null device? */
static bool is_null_device(const struct stat *st)
{
    struct stat n;
    return S_ISCHR(st->st_mode) && stat("/dev/null", &n) == 0 && S_ISCHR(n.st_mode) &&
           n.st_rdev == st->st_rdev;
}

/* Write to an existing file that is not a regular one (st): a terminal,
 * /dev/null, a FIFO; or to standard output's own file. */
static enum wd_status open_in_place(struct outfile *o, const char *path, const struct stat *st,
                                    const struct outfile_opts *opts)
{
    if (S_ISSOCK(st->st_mode)) return WD_ESOCKET;
    if (opts->interactive && !S_ISCHR(st->st_mode)) return WD_ENOTREG;
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (opts->interactive ? O_NONBLOCK : 0));
    if (fd < 0) return failed(o, errno);
    struct stat now;
    if (opts->interactive &&
        (fstat(fd, &now) != 0 || !S_ISCHR(now.st_mode) || !(isatty(fd) || is_null_device(&now)))) {
        close(fd);
        return WD_ENOTREG;
    }
    if (opts->interactive) (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int e = errno;
        close(fd);
        return failed(o, e);
    }
    return WD_OK;
}

/* Give the temporary file fd the permission bits of the file it replaces
 * (st; NULL: a new file, 0666 less the umask), and its owner and group
 * where we may (else the group alone, else neither). */
static void take_mode(int fd, const struct stat *st)
{
    if (!st) {
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
        return;
    }
    if (fchown(fd, st->st_uid, st->st_gid) != 0) (void)fchown(fd, (uid_t)-1, st->st_gid);
    (void)fchmod(fd, st->st_mode & 07777);
}

enum wd_status outfile_open(struct outfile *o, const char *path, const struct outfile_opts *opts)
{
    memset(o, 0, sizeof *o);
    o->force = opts->force;
    if (!*path) return failed(o, ENOENT);
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) return failed(o, errno);
    if (exists && is_input(&st, opts)) return WD_EINPUT;
    if (exists && S_ISDIR(st.st_mode)) return WD_EISDIR;
    if (exists && !S_ISREG(st.st_mode)) return open_in_place(o, path, &st, opts);
    struct stat out;
    if (exists && !opts->interactive && fstat(STDOUT_FILENO, &out) == 0 && S_ISREG(out.st_mode) &&
        out.st_dev == st.st_dev && out.st_ino == st.st_ino) {
        /* -o /dev/stdout >file: standard output itself, its offset and
         * append mode shared (reopening would write from the start) */
        int fd = dup(STDOUT_FILENO);
        o->f = fd < 0 ? NULL : fdopen(fd, "w");
        if (o->f) return WD_OK;
        int e = errno;
        if (fd >= 0) close(fd);
        return failed(o, e);
    }
    if (exists && !opts->force) return WD_EEXIST;
    enum wd_status s = follow_links(o, path, &o->target);
    if (s != WD_OK) return s;
    const char *slash = strrchr(o->target, '/');
    size_t dl = slash ? (size_t)(slash - o->target) + 1 : 0;
    o->tmp = xmalloc(dl + sizeof tmp_name);
    memcpy(o->tmp, o->target, dl);
    memcpy(o->tmp + dl, tmp_name, sizeof tmp_name);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        s = failed(o, errno);
        outfile_abort(o);
        return s;
    }
    take_mode(fd, exists ? &st : NULL);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        s = failed(o, errno);
        close(fd);
        outfile_abort(o);
        return s;
    }
    return WD_OK;
}

/* Put the finished temporary file in place of the target. */
static int put_in_place(struct outfile *o)
{
    if (o->force) return rename(o->tmp, o->target) == 0 ? 0 : errno;
    if (link(o->tmp, o->target) == 0) return 0;
    /* link() fails if the target appeared meanwhile: never clobber.  On a
     * file system without hard links, check and rename instead. */
    int e = errno;
    struct stat st;
    if ((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS) &&
        stat(o->target, &st) != 0 && errno == ENOENT)
        return rename(o->tmp, o->target) == 0 ? 0 : errno;
    return e;
}

enum wd_status outfile_commit(struct outfile *o)
{
    int e = 0;
    if (o->f) {
        errno = 0;
        if (fflush(o->f) != 0 || ferror(o->f)) e = errno ? errno : EIO;
        if (fclose(o->f) != 0 && !e) e = errno ? errno : EIO;
        o->f = NULL;
    }
    if (!e && o->tmp) e = put_in_place(o);
    enum wd_status s = e ? failed(o, e) : WD_OK;
    if (s == WD_ETOOBIG) s = WD_EIO; /* a write's EFBIG: "File too large", not the input limit */
    outfile_abort(o);
    return s;
}

void outfile_abort(struct outfile *o)
{
    int e = errno; /* a writer's error, for the caller's message */
    if (o->f) fclose(o->f);
    o->f = NULL;
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
    errno = e;
}
