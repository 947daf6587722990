/* dirpair.h - two folders compared file by file, as diff -r does: every
 * regular file under either folder (in subfolders too, hidden files
 * included, symbolic links followed) is paired with the file of the same
 * relative path under the other, or stands alone.  The metadata folders
 * of version control (.git, .hg, .svn, .bzr, CVS, _darcs) are left out:
 * they hold no article.  `git difftool --dir-diff` hands its tool two
 * such folders (the right one often of links into the work tree).
 */
#ifndef WD_DIRPAIR_H
#define WD_DIRPAIR_H

#include <stddef.h>

#include "util.h"

struct dirpair_entry {
    char *rel;     /* the relative path, '/' between its parts */
    char *path[2]; /* under the first and the second folder; NULL: not there */
};

struct dirpair {
    struct dirpair_entry *e; /* sorted as diff -r lists them: part by part */
    size_t n;
};

/* Pair the files under dir[0] and dir[1] into *out.  Returns WD_OK, or the
 * status of a folder that cannot be read (a subfolder too; WD_EACCES, ...)
 * with its path in *bad (a new string), *out then empty. */
enum wd_status dirpair_scan(const char *const dir[2], struct dirpair *out, char **bad);
void dirpair_free(struct dirpair *d);

#endif
