/* gitlog.c - the committed versions of a file, read by running git.
 *
 * Why a subprocess rather than libgit2: no new dependency (libgit2 is one
 * more library to find at configure time, to link and to keep in step
 * with the repository formats git itself moves on to, such as SHA-256
 * and reftables), and the git that runs is the one the user has, with
 * their configuration, their safe.directory rules and their notion of
 * renames (--follow), so that wirediff lists what `git log --follow FILE`
 * shows them.  Two processes whatever the number of versions: one log,
 * one cat-file --batch; about as fast as a library for this job.
 *
 * git is found on PATH and started with posix_spawnp (no shell: a name is
 * an argument, never parsed), its standard error to /dev/null (every
 * failure is told from its exit status and turned into our own message),
 * --literal-pathspecs so that a file named "*.txt" is that file.  The
 * requests to cat-file go through a socket rather than a pipe, so that a
 * git that dies early makes send() fail with EPIPE instead of raising
 * SIGPIPE in a library that must not touch the program's signals.
 */
#include "config.h"

#include "gitlog.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"

extern char **environ;

/* ---- running git ------------------------------------------------------------- */

struct child {
    pid_t pid;
    int out; /* its standard output */
    int in;  /* its standard input (a socket), or -1 */
};

/* Start git with argv (argv[0] "git"), its output to a pipe, its input
 * from a socket when with_input, else /dev/null.  0, or an errno (ENOENT:
 * no git on PATH). */
static int spawn(char *const argv[], bool with_input, struct child *c)
{
    int outp[2], inp[2] = {-1, -1};
    if (pipe2(outp, O_CLOEXEC) != 0) return errno;
    if (with_input && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, inp) != 0) {
        int e = errno;
        close(outp[0]);
        close(outp[1]);
        return e;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, outp[1], STDOUT_FILENO);
    if (with_input)
        posix_spawn_file_actions_adddup2(&fa, inp[1], STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int e = posix_spawnp(&c->pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(outp[1]);
    if (with_input) close(inp[1]);
    if (e != 0) {
        close(outp[0]);
        if (with_input) close(inp[0]);
        return e;
    }
    c->out = outp[0];
    c->in = inp[0];
    return 0;
}

/* Close our ends and wait for it: its exit status, or -1 when it did not
 * exit by itself. */
static int reap(struct child *c)
{
    if (c->in >= 0) close(c->in);
    close(c->out);
    int st;
    while (waitpid(c->pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Read fd to its end into b; false on a read error. */
static bool read_all(int fd, struct strbuf *b)
{
    char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r == 0) return true;
        if (r < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        sb_add(b, buf, (size_t)r);
    }
}

/* Run git with argv to its end: its exit status with its output in out
 * (NUL-terminated, out->len bytes), -1 when it failed or could not read;
 * *spawn_err the errno when it could not start (else 0). */
static int run(char *const argv[], struct strbuf *out, int *spawn_err)
{
    struct child c;
    sb_adds(out, ""); /* never NULL */
    *spawn_err = spawn(argv, false, &c);
    if (*spawn_err) return -1;
    bool ok = read_all(c.out, out);
    int st = reap(&c);
    return ok ? st : -1;
}

/* ---- cat-file --batch ---------------------------------------------------------- */

struct reader {
    int fd;
    char buf[65536];
    size_t pos, len;
};

static bool fill(struct reader *r)
{
    for (;;) {
        ssize_t n = read(r->fd, r->buf, sizeof r->buf);
        if (n > 0) {
            r->pos = 0;
            r->len = (size_t)n;
            return true;
        }
        if (n == 0 || errno != EINTR) return false;
    }
}

/* A line without its '\n' into b (emptied first); false at the end. */
static bool read_line(struct reader *r, struct strbuf *b)
{
    b->len = 0;
    for (;;) {
        if (r->pos == r->len && !fill(r)) return false;
        char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
        size_t take = nl ? (size_t)(nl - (r->buf + r->pos)) : r->len - r->pos;
        sb_add(b, r->buf + r->pos, take);
        r->pos += take + (nl != NULL);
        if (nl) {
            if (!b->s) sb_adds(b, "");
            return true;
        }
    }
}

static bool read_n(struct reader *r, char *dst, size_t n)
{
    while (n > 0) {
        if (r->pos == r->len && !fill(r)) return false;
        size_t take = WD_MIN(n, r->len - r->pos);
        memcpy(dst, r->buf + r->pos, take);
        r->pos += take;
        dst += take;
        n -= take;
    }
    return true;
}

static bool send_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        s += w;
        n -= (size_t)w;
    }
    return true;
}

/* The bytes of rev:path into v->text; 1 done, 0 the file is not there at
 * that commit (deleted), -1 git failed. */
static int blob(struct child *c, struct reader *r, struct gitlog_version *v)
{
    struct strbuf req = {0}, line = {0};
    sb_adds(&req, v->rev);
    sb_addc(&req, ':');
    sb_adds(&req, v->path);
    sb_addc(&req, '\n');
    int rc = -1;
    if (!send_all(c->in, req.s, req.len) || !read_line(r, &line)) goto out;
    /* "<oid> blob <size>", or "<request> missing" */
    char *sp = strchr(line.s, ' ');
    if (!sp || strncmp(sp, " blob ", 6) != 0) {
        rc = line.len >= 8 && strcmp(line.s + line.len - 8, " missing") == 0 ? 0 : -1;
        goto out;
    }
    char *end;
    errno = 0;
    unsigned long long size = strtoull(sp + 6, &end, 10);
    if (errno || *end || size >= (unsigned long long)SIZE_MAX - 1) goto out;
    v->len = (size_t)size;
    v->text = xmalloc(v->len + 1);
    char nl;
    if (!read_n(r, v->text, v->len) || !read_n(r, &nl, 1) || nl != '\n') goto out;
    v->text[v->len] = '\0';
    rc = 1;
out:
    sb_free(&req);
    sb_free(&line);
    return rc;
}

/* ---- the log ----------------------------------------------------------------------
 * `git log -z --name-only` with the format below writes, for each commit,
 * "commit <hash>" NUL time NUL iso NUL author NUL subject NUL, then "\n"
 * and the path NUL when the commit changed the file (a merge shows none).
 * NUL cannot occur inside a field, so the tokens are exact. */
#define LOG_FORMAT "--format=commit %H%x00%ct%x00%cI%x00%an%x00%s"

/* Parse the log into *v (newest first, as git gives it); paths missing
 * from a record are the next newer one's (top is the file's path now).
 * False when the output is not what the format makes. */
static bool parse_log(const struct strbuf *o, const char *top, struct gitlog_version **v, size_t *n)
{
    size_t cap = 0;
    *v = NULL;
    *n = 0;
    const char *p = o->s, *end = o->s + o->len;
    const char *path = top;
    while (p < end) {
        const char *tok[5];
        for (int i = 0; i < 5; i++) {
            if (p >= end) return false;
            tok[i] = p;
            p += strlen(p) + 1;
        }
        if (strncmp(tok[0], "commit ", 7) != 0 || !tok[0][7]) return false;
        xgrow(v, &cap, *n + 1, sizeof **v);
        struct gitlog_version *g = &(*v)[(*n)++];
        memset(g, 0, sizeof *g);
        g->rev = xstrdup(tok[0] + 7);
        g->time = strtoll(tok[1], NULL, 10);
        g->time_iso = xstrdup(tok[2]);
        g->author = xstrdup(tok[3]);
        g->subject = xstrdup(tok[4]);
        if (p < end && *p == '\n') {
            path = p + 1;
            p += strlen(p) + 1;
        }
        g->path = xstrdup(path);
    }
    return true;
}

/* ---- putting it together ------------------------------------------------------------ */

static enum wd_status fail(char err[GITLOG_ERR_MAX], enum wd_status st, const char *file,
                           const char *what)
{
    char *name = escape_str(file);
    snprintf(err, GITLOG_ERR_MAX, "%.300s: %s", name, what);
    free(name);
    return st;
}

static void clear(struct gitlog_version *g)
{
    free(g->rev);
    free(g->time_iso);
    free(g->author);
    free(g->subject);
    free(g->path);
    free(g->text);
    memset(g, 0, sizeof *g);
}

void gitlog_free(struct gitlog_version *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        clear(&v[i]);
    free(v);
}

/* The versions' bytes, through one cat-file; deleted ones dropped and the
 * rest put oldest first.  False when git failed. */
static bool read_blobs(char *dir, struct gitlog_version *v, size_t *n)
{
    char *argv[] = {"git", "--literal-pathspecs", "-C", dir, "cat-file", "--batch", NULL};
    struct child c;
    if (spawn(argv, true, &c) != 0) return false;
    struct reader *r = xcalloc(1, sizeof *r);
    r->fd = c.out;
    bool ok = true;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int b = ok && !strchr(v[i].path, '\n') ? blob(&c, r, &v[i]) : -1;
        if (b < 0) ok = false;
        if (b == 1) {
            struct gitlog_version t = v[kept];
            v[kept++] = v[i];
            v[i] = t;
        }
    }
    free(r);
    if (reap(&c) != 0) ok = false;
    /* the kept ones to the front were in log order (newest first): reverse */
    for (size_t i = 0; i < kept / 2; i++) {
        struct gitlog_version t = v[i];
        v[i] = v[kept - 1 - i];
        v[kept - 1 - i] = t;
    }
    for (size_t i = kept; i < *n; i++)
        clear(&v[i]);
    *n = kept;
    return ok;
}

enum wd_status gitlog_versions(const char *file, struct gitlog_version **out, size_t *n,
                               char err[GITLOG_ERR_MAX])
{
    *out = NULL;
    *n = 0;
    err[0] = '\0';
    struct stat st;
    if (stat(file, &st) != 0) {
        enum wd_status se = util_status_from_errno(errno);
        return fail(err, se, file, util_strerror(se));
    }
    if (S_ISDIR(st.st_mode))
        return fail(err, WD_EISDIR, file, "is a directory (--git takes a file)");

    const char *slash = strrchr(file, '/');
    char *dir = slash ? xstrndup(file, (size_t)(slash - file) + 1) : xstrdup(".");
    char *base = xstrdup(slash ? slash + 1 : file);
    struct strbuf o = {0};
    enum wd_status rc = WD_OK;
    int e;

    char *is_repo[] = {"git", "-C", dir, "rev-parse", "--is-inside-work-tree", NULL};
    int x = run(is_repo, &o, &e);
    /* 127: the exec failed in the child (how posix_spawn reports it where
     * the child cannot share memory with us, as under valgrind) */
    if (e == ENOENT || x == 127) {
        rc = fail(err, WD_ENOENT, file, "--git runs git, which is not installed (no git on PATH)");
        goto out;
    }
    if (x != 0 || strcmp(o.s, "true\n") != 0) {
        rc = fail(err, WD_EUSAGE, file, "not in a git work tree (--git reads a file's history)");
        goto out;
    }
    sb_free(&o);
    char *tracked[] = {"git",         "--literal-pathspecs", "-C", dir,  "ls-files",
                       "--full-name", "--error-unmatch",     "-z", "--", base,
                       NULL};
    x = run(tracked, &o, &e);
    if (x != 0 || o.len == 0) {
        rc = fail(err, WD_EUSAGE, file, "not tracked by git (git add and commit it first)");
        goto out;
    }
    char *top = xstrdup(o.s); /* up to the first NUL: its path from the top */
    sb_free(&o);
    char *log[] = {"git",         "--literal-pathspecs",
                   "-C",          dir,
                   "-c",          "log.showSignature=false",
                   "log",         "--follow",
                   "--no-color",  "--encoding=UTF-8",
                   "--name-only", "-z",
                   LOG_FORMAT,    "--",
                   base,          NULL};
    x = run(log, &o, &e);
    bool parsed = x == 0 && parse_log(&o, top, out, n);
    free(top);
    if (!parsed) {
        rc = fail(err, WD_EIO, file, "git log failed");
        goto out;
    }
    if (*n > 0 && !read_blobs(dir, *out, n)) {
        rc = fail(err, WD_EIO, file, "git cat-file failed");
        goto out;
    }
    if (*n < 2) {
        rc = fail(err, WD_EUSAGE, file,
                  *n == 0 ? "no committed version (commit it, then its changes)"
                          : "only one committed version (--timeline needs two)");
        goto out;
    }
out:
    if (rc != WD_OK) {
        gitlog_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    sb_free(&o);
    free(dir);
    free(base);
    return rc;
}
