/* terminal.h - what the terminal around a run wants: colours or none
 * (--color, NO_COLOR, TERM, GIT_PAGER_IN_USE), and a light or a dark
 * theme (the config file, else the terminal's answer to the OSC 11
 * background query, else COLORFGBG, else dark).  Part of the program,
 * not of the core: it reads the environment and talks to /dev/tty.
 */
#ifndef WD_TERMINAL_H
#define WD_TERMINAL_H

#include <stdbool.h>

#include "conf.h"
#include "theme.h"

/* How long the terminal has to answer the background query, in ms. */
#define TERMINAL_QUERY_MS 50

/* Whether output to descriptor fd is coloured under mode (enum
 * conf_color), as GNU diff and git decide: always, never, or with auto
 * when NO_COLOR is unset or empty and either fd is a terminal whose TERM
 * is not "dumb" or git's pager reads it (GIT_PAGER_IN_USE true). */
bool terminal_color(int mode, int fd);

/* NO_COLOR is set and not empty (no-color.org). */
bool terminal_no_color(void);

/* The theme for conf's theme and [colors]: theme = dark or light as
 * said; auto asks the terminal (only with ask: colours are shown on a
 * terminal that this process owns) and waits TERMINAL_QUERY_MS for the
 * answer, then reads COLORFGBG, and else is dark.  The faces of [colors]
 * are laid over it. */
void terminal_theme(const struct conf *c, bool ask, struct theme *out);

/* Ask the controlling terminal for its background colour (OSC 11, then
 * DA1, which every terminal answers, so that an answer is known to be
 * missing without waiting out the time): true and its kind in *kind when
 * it answered within TERMINAL_QUERY_MS.  Nothing is asked when standard
 * output is no terminal, this process is not in the terminal's
 * foreground, or TERM is dumb. */
bool terminal_background(enum theme_kind *kind);

#endif
