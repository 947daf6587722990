/* tui.h - the interactive reader (ncurses).  Only the tui_* files include
 * curses; they ask the core for everything and compute no diff themselves.
 */
#ifndef WD_TUI_H
#define WD_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "align.h"
#include "doc.h"

struct tui_opts {
    /* Headless scripted mode: read commands from this file instead of a
     * terminal, draw into a virtual screen of $COLUMNS x $LINES and dump it
     * to standard output on request (see tests/ui/README).  NULL: a real
     * terminal. */
    const char *script;
    bool words; /* start with word marks on */
    bool fold;  /* start with identical runs folded */
    /* Leave the digest's counts out of the status line (--no-digest): it
     * is computed only when the d view opens. */
    bool no_digest;
    /* The time written into snapshots (e, E) and their default names;
     * NULL: the local time when the export starts. */
    const char *timestamp;
    /* Many documents: start in the overview of docs[0 .. ndocs) (which
     * overlap, by how much; tui_overview.c), from which pairs open in the
     * two-column reader and any document opens as the pivot of the
     * multi-column view.  The reader then analyses the corpus itself
     * (corpus_new) and aligns pairs on demand, with these options (NULL:
     * align_default_opts); al is not used and may be NULL. */
    bool overview;
    const struct align_opts *align;
};

/* Run the reader on the comparison al of docs[0] and docs[1], or with
 * o->overview on the overview of all ndocs documents (which must all come
 * from ctx; ctx may be sealed, alignments only intern words).  Returns 0
 * when the user quit, 2 after an error that it reported on stderr (with the
 * terminal restored first).  The caller keeps ownership of everything. */
int tui_run(struct doc_ctx *ctx, struct doc *const *docs, size_t ndocs, struct alignment *al,
            const struct tui_opts *o);

#endif
