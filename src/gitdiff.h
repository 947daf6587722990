/* gitdiff.h - wirediff run by git as its external diff (diff.external,
 * GIT_EXTERNAL_DIFF, diff.<driver>.command in .gitattributes).
 *
 * git calls the program once per changed path with seven arguments,
 *
 *     path old-file old-hex old-mode new-file new-hex new-mode
 *
 * nine on a rename or copy (then new-path and the extended header lines,
 * "similarity index 92%\nrename from a\nrename to b\n"), and one, the
 * path, for an unmerged path.  A side that does not exist is /dev/null
 * with "." as its hex and mode.  GIT_DIFF_PATH_COUNTER and
 * GIT_DIFF_PATH_TOTAL say which path of how many this is.  git takes any
 * exit status but 0 for a failure ("external diff died"), so the run
 * ends with 0 whether the files differ or not, unless --exit-code
 * (diff.<driver>.trustExitCode).
 */
#ifndef WD_GITDIFF_H
#define WD_GITDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct gitdiff {
    const char *path;             /* as git names it (the old name of a rename) */
    const char *new_path;         /* the new name of a rename or copy, else NULL */
    const char *file[2];          /* the old and the new contents (/dev/null: none) */
    const char *hex[2];           /* object names, "." for none */
    const char *mode[2];          /* octal modes, "." for none */
    const char *info;             /* a rename's or copy's header lines, else NULL */
    unsigned long counter, total; /* this path's number, of how many; 0: not known */
    bool unmerged;                /* called with the path alone */
};

/* Is args[0..n) git's call?  Seven or nine arguments with an object name
 * (40 or 64 hex digits, or ".") and a mode (six octal digits, or ".") in
 * their places, or one argument with counter set.  counter and total are
 * the values of GIT_DIFF_PATH_COUNTER and GIT_DIFF_PATH_TOTAL (NULL when
 * unset).  The strings are the caller's. */
bool gitdiff_parse(char *const *args, size_t n, const char *counter, const char *total,
                   struct gitdiff *g);

/* The name side (0 old, 1 new) is shown under: "a/PATH", "b/PATH" (b/ the
 * new path of a rename), "/dev/null" for a side that is absent.  A new
 * string. */
char *gitdiff_name(const struct gitdiff *g, int side);

/* The title of the path, written before its comparison, escaped
 * (escape.h), no line end: "notes.txt (2/5)", then what git's header
 * would say: ": new file", ": deleted", ": mode 100644 -> 100755",
 * " -> new.txt (2/5): similarity index 92%" (a rename), ": unmerged". */
void gitdiff_title(const struct gitdiff *g, struct strbuf *out);

#endif
