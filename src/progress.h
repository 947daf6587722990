/* progress.h - the progress line of a long start: while the documents are
 * read and segmented and the pair is aligned, one line on standard error
 * (when it is a terminal other than TERM=dumb, and standard output is
 * too or is a file: not a pipe into a pager) says what is happening and for how long, from
 * PROGRESS_SHOW_MS after the first step began, redrawn every
 * PROGRESS_STEP_MS; the reader's first frame or the export replaces it.
 *
 * Part of the program, not the core: a thread of its own draws the line
 * and takes SIGINT, SIGTERM and SIGHUP while the steps run (they are
 * blocked in the caller's thread, and in the threads it starts meanwhile).
 * Such a signal clears the line and ends the run by the signal, as if it
 * had not been caught (Ctrl-C: status 130 in the shell); nothing has
 * touched the terminal's modes or any file by then, so nothing else needs
 * undoing.
 */
#ifndef WD_PROGRESS_H
#define WD_PROGRESS_H

#include <stddef.h>

/* Milliseconds from the first step to the line's first drawing (a quick
 * start shows nothing), and between redrawings. */
#define PROGRESS_SHOW_MS 50
#define PROGRESS_STEP_MS 100

/* A step begins (or the text of the current one changes): what it does,
 * as printf formats it ("reading 2 files, 209 MB").  Nothing happens
 * unless there is a terminal to draw on (see above). */
void progress_begin(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The steps are over: the line is cleared and the signals are back as
 * they were (one that came meanwhile ends the run now).  Nothing when no
 * step began. */
void progress_end(void);

/* n with its thousands grouped by commas ("1,024,000") into out, room for
 * cap bytes (27 suffice for any size_t); returns out. */
char *progress_count(size_t n, char *out, size_t cap);

#endif
