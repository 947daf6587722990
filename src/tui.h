/* tui.h - the interactive reader (ncurses).  Only the tui_* files include
 * curses; they ask the core for everything and compute no diff themselves.
 */
#ifndef WD_TUI_H
#define WD_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "align.h"
#include "doc.h"
#include "theme.h"

struct export_timeline;

/* One file of two folders compared (wirediff FOLDER1 FOLDER2): its
 * documents a (of the first folder) and b (of the second), by index into
 * the documents of tui_run.  A file that only one folder holds is paired
 * with an empty document, and only says which: 1 the first, 2 the
 * second (0: both hold it). */
struct tui_filepair {
    const char *rel; /* its path under the folders */
    size_t a, b;
    int only;
};

struct tui_opts {
    /* Headless scripted mode: read commands from this file instead of a
     * terminal, draw into a virtual screen of $COLUMNS x $LINES and dump it
     * to standard output on request (see tests/ui/README).  NULL: a real
     * terminal. */
    const char *script;
    bool words; /* start with word marks on */
    bool fold;  /* start with identical runs folded */
    int fold_min; /* runs of this many fold (--fold=N); 0: LAYOUT_FOLD_MIN */
    /* Leave the digest's counts out of the status line (--no-digest): it
     * is computed only when the d view opens. */
    bool no_digest;
    /* The time written into snapshots (e, E) and their default names;
     * NULL: the local time when the export starts. */
    const char *timestamp;
    /* Without timestamp: the strftime format of that time (the config
     * file's timestamp-format), or NULL for ISO 8601. */
    const char *timestamp_format;
    /* The format the export prompt (e) first offers (enum export_format,
     * the config file's export), or -1 for html. */
    int format;
    /* Many documents: start in the overview of docs[0 .. ndocs) (which
     * overlap, by how much; tui_overview.c), from which pairs open in the
     * two-column reader and any document opens as the pivot of the
     * multi-column view.  The reader then analyses the corpus itself
     * (corpus_new) and aligns pairs on demand, with these options (NULL:
     * align_default_opts); al is not used and may be NULL. */
    bool overview;
    const struct align_opts *align;
    /* Colours (theme.h; NULL: the dark theme), or with mono none at all:
     * bold, underline and reverse only (--color=never, NO_COLOR). */
    const struct theme *theme;
    bool mono;
    /* Two folders: start in the list of their files' pairs[0 .. npairs)
     * (tui_folders.c), from which a pair opens in the two-column reader;
     * folders are their names.  al is not used and may be NULL; the pairs
     * are aligned on demand with align (NULL: align_default_opts). */
    const struct tui_filepair *pairs;
    size_t npairs;
    const char *folders[2];
    /* A timeline (--timeline, export_timeline.h): start in the list of its
     * versions (tui_timeline.c), docs[0 .. ndocs) being the versions in
     * its order; steps open in the two-column reader.  al is not used. */
    const struct export_timeline *timeline;
};

/* Run the reader on the comparison al of docs[0] and docs[1], with
 * o->pairs on the list of the pairs of two folders, or with
 * o->overview on the overview of all ndocs documents (which must all come
 * from ctx; ctx may be sealed, alignments only intern words).  Returns 0
 * when the user quit, 2 after an error that it reported on stderr (with the
 * terminal restored first).  The caller keeps ownership of everything. */
int tui_run(struct doc_ctx *ctx, struct doc *const *docs, size_t ndocs, struct alignment *al,
            const struct tui_opts *o);

#endif
