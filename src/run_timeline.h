/* run_timeline.h - the timeline mode (--timeline): versions of one
 * article, from files, a folder, JSON Lines on standard input or git's
 * history of one file, ordered, then read in the reader's timeline view
 * or written as one snapshot of the chain.  main parses the options and
 * calls run_timeline; this file prints its own messages. */
#ifndef WD_RUN_TIMELINE_H
#define WD_RUN_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "align.h"
#include "export.h"
#include "load.h"
#include "settings.h"
#include "theme.h"
#include "versions.h"

struct timeline_run {
    char **args; /* FILE... | FOLDER | - (JSON Lines) | with git, one FILE */
    size_t nargs;
    bool git;                  /* --git */
    enum versions_order order; /* --order, else VERSIONS_AUTO */
    const struct settings *set;
    struct load_opts *lo;
    const struct align_opts *ao;
    bool strict; /* --strict: case, quotes and dashes count */
    /* The reader (a terminal, or --script), else a snapshot in format
     * under view to output (NULL: standard output, through the pager). */
    bool reader;
    const char *script;
    const struct theme *theme; /* the reader's */
    bool mono;
    const char *timestamp;
    enum export_format format;
    struct export_view view;
    int digest; /* --digest 1, --no-digest 0, else -1 */
    const char *output;
    bool force;
};

/* 0 when the versions are all the same, 1 when they differ, 2 after a
 * one-line message on standard error. */
int run_timeline(const struct timeline_run *r);

#endif
