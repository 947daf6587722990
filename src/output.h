/* output.h - where a batch run writes: standard output, or the -o FILE
 * of outfile.h, whose temporary file a signal that ends the run (SIGINT,
 * SIGTERM, SIGHUP) or running out of memory removes before wirediff dies:
 * an interrupted export leaves the target as it was and nothing beside it.
 * Part of the program, not of the core: it installs signal handlers. */
#ifndef WD_OUTPUT_H
#define WD_OUTPUT_H

#include <stdio.h>

#include "outfile.h"
#include "util.h"

/* Writes the output to f: WD_OK, or WD_EIO with errno set. */
typedef enum wd_status (*output_fn)(FILE *f, void *arg);

/* Write through fn to path (NULL: standard output, flushed at the end),
 * as outfile_open and outfile_commit do with oo.  Returns WD_OK, or the
 * status and in *err the errno of a failed write (0 when the status says
 * it all). */
enum wd_status output_write(const char *path, const struct outfile_opts *oo, output_fn fn,
                            void *arg, int *err);

#endif
