/* gitlog.h - the committed versions of one file in a git repository
 * (--timeline --git FILE), oldest first, with commit time, author and
 * subject: the source of a timeline when the prose lives in git.
 *
 * git runs as a subprocess (posix_spawn, no shell; see gitlog.c for why
 * not libgit2): `git log --follow` lists the commits that changed the file
 * (through renames), then one `git cat-file --batch` gives the file's
 * bytes at each of them.  Nothing is written, in the repository or
 * elsewhere, and nothing prints: failures come back as a one-line message
 * for main to print after "wirediff: ".
 */
#ifndef WD_GITLOG_H
#define WD_GITLOG_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* One committed version of the file.  Every string is owned and
 * NUL-terminated; author and subject are as git gives them (UTF-8 as
 * asked with --encoding, but outside input: escape them before printing,
 * escape.h). */
struct gitlog_version {
    char *rev;      /* the commit, full hex */
    int64_t time;   /* its commit time, seconds since the epoch */
    char *time_iso; /* the same with the committer's offset, "2026-11-23T17:10:00+01:00" */
    char *author;   /* the author's name */
    char *subject;  /* the first line of the message */
    char *path;     /* the file's path at that commit, from the top of the work tree */
    char *text;     /* the file's bytes at that commit (NUL-terminated at len) */
    size_t len;
};

/* Room for a message (one line, the file's name included). */
#define GITLOG_ERR_MAX 512

/* The committed versions of file, oldest first, in *out (n of them; free
 * with gitlog_free).  Commits that delete the file are left out.  WD_OK,
 * or an error with the message in err:
 *   WD_ENOENT   the file does not exist, or git is not installed
 *   WD_EISDIR   a directory
 *   WD_EUSAGE   not in a git repository; not tracked by git; fewer than
 *               two committed versions (none, or one: "only one committed
 *               version")
 *   WD_EIO      git failed or said something unexpected
 * The message names the file as given (escaped, escape.h). */
enum wd_status gitlog_versions(const char *file, struct gitlog_version **out, size_t *n,
                               char err[GITLOG_ERR_MAX]);
void gitlog_free(struct gitlog_version *v, size_t n);

#endif
