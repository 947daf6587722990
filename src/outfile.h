/* outfile.h - writing a file safely: what -o and the reader's export
 * write to.
 *
 * A regular file is written atomically: into a temporary file with a short
 * name (".wirediff-XXXXXX") in the folder of the target, then renamed over
 * it, so that a reader of the target never sees half a snapshot, a failed
 * write leaves the old file as it was, and a name near NAME_MAX still
 * works.  The target is what the path names after following symbolic
 * links: a link stays a link and its target is replaced.  A replaced file
 * keeps its permission bits, and its owner and group where the system
 * lets us; a new file gets 0666 less the umask.  Without force an
 * existing file is never replaced (link(2) makes the last step atomic).
 *
 * What is not a regular file (a terminal, /dev/null, a FIFO) is written in
 * place.  The interactive flag (the reader) refuses a FIFO or a socket,
 * which would stop it until someone reads, and opens without blocking.
 * A target that is one of the inputs (same device and inode) is refused.
 *
 * The caller writes to ->f between outfile_open and outfile_commit (or
 * outfile_abort).  ->tmp names the temporary file while it exists, so that
 * a signal handler can remove it (main does: see output.c).
 */
#ifndef WD_OUTFILE_H
#define WD_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct outfile_opts {
    bool force;                       /* replace an existing regular file */
    bool interactive;                 /* never block: only regular files and terminals */
    const struct util_fileid *inputs; /* never written to */
    size_t ninputs;
};

struct outfile {
    FILE *f;      /* where to write; NULL when not open */
    char *target; /* the file replaced (links followed); owned */
    char *tmp;    /* the temporary file, NULL when written in place; owned */
    bool force;
    int err; /* errno of the failure, 0 when there was none */
};

/* Open path for writing.  WD_OK: write to o->f, then outfile_commit or
 * outfile_abort.  Else o is closed and the status says why: WD_EEXIST
 * (without force), WD_EISDIR, WD_EINPUT, WD_ENOTREG (interactive), WD_ELOOP,
 * WD_ENOENT (no such folder), WD_EACCES, WD_ENAMETOOLONG, or WD_EIO with
 * o->err set. */
enum wd_status outfile_open(struct outfile *o, const char *path, const struct outfile_opts *opts);

/* Close o->f and put the file in place (rename, or link without force).
 * On failure (a write error, a full disk: WD_EIO with o->err; WD_EEXIST
 * when the file appeared meanwhile) the temporary file is removed and the
 * target left as it was.  o is closed either way. */
enum wd_status outfile_commit(struct outfile *o);

/* Close o and remove the temporary file; the target is left as it was. */
void outfile_abort(struct outfile *o);

#endif
