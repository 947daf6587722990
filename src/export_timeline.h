/* export_timeline.h - snapshots of a timeline (--timeline --export=...):
 * the versions of one article, oldest first, and the chain of their
 * comparisons (timeline.h), written with the pair writers (export.h).
 *
 * Every format begins with the version table (time, size, what each step
 * changed), then first-against-latest, then each step, version k-1
 * against version k.  HTML puts each step in a <details> block (no
 * script); JSON adds a "timeline" member (doc/wirediff-json.md) whose
 * steps name their comparisons: comparison 0 is first-against-latest,
 * comparison k is step k.  With two versions the one step is the only
 * comparison.
 */
#ifndef WD_EXPORT_TIMELINE_H
#define WD_EXPORT_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "export.h"
#include "timeline.h"

/* What is known of one version beyond its document: its time, and for a
 * commit (--git) who made it and why.  The strings are the caller's;
 * author and subject are outside input (escaped where printed). */
struct export_version {
    bool has_time;
    int64_t time;    /* seconds since the epoch (UTC) */
    const char *iso; /* the time as the source gave it (ISO 8601), or NULL */
    const char *rev; /* the commit, full hex, or NULL */
    const char *author;
    const char *subject;
};

struct export_timeline {
    struct timeline *tl;
    const struct export_version *v; /* per version, in timeline order */
    const char *order;              /* how the versions were ordered: "args", "name",
                                       "mtime", "meta", "git", "jsonl" */
};

/* The change of step k (1 .. n-1) in a few words: "first version" for
 * k == 0, "no change", "minor: white space, case, quotes, dashes",
 * "unrelated to the version before", else "+2 added, -1 cut, ~3
 * reworded, 1 moved, headline" (the counts that are not zero), into buf.
 * Aligns step k if it was not yet. */
void export_timeline_change(struct timeline *tl, size_t k, char *buf, size_t size);
/* Bytes as "812 B", "4.2 kB", "1.3 MB" into buf (16 bytes). */
void export_timeline_size(uint64_t bytes, char *buf, size_t size);

/* Write the timeline in fmt to f under view (its words, fold, width,
 * timestamp; range unused).  Aligns every step (timeline_build_all, on
 * parallel threads), and builds the digests the format shows (digest
 * 1: always, 0: never, -1: HTML, Markdown and JSON).  WD_OK or WD_EIO. */
enum wd_status export_timeline(FILE *f, enum export_format fmt, const struct export_timeline *x,
                               const struct export_view *view, int digest);

#endif
