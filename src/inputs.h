/* inputs.h - the files named on the command line: a directory stands for
 * the text files in it (regular, not hidden, sorted by name). */
#ifndef WD_INPUTS_H
#define WD_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct inputs {
    char **paths; /* owned, NULL-terminated */
    bool *in_dir; /* per path: found in a named folder (not named itself) */
    size_t n;
    bool had_dir; /* a directory was named */
};

/* Expand args[0..nargs).  On failure returns the status (WD_ENOENT,
 * WD_EACCES, WD_ENOTEXT for a directory without files, WD_ETWICE for a
 * folder named twice, ...) and sets *bad to the argument at fault; *in is
 * then empty. */
enum wd_status inputs_expand(char *const *args, size_t nargs, struct inputs *in, const char **bad);
void inputs_free(struct inputs *in);

#endif
