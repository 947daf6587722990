/* pager.h - batch output to a terminal goes through a pager, as git's
 * does: $WIREDIFF_PAGER, else the config file's pager, else $PAGER, else
 * less, run by /bin/sh with LESS=FRX (quit when it fits one screen, show
 * colours, leave the screen as it is) and LV=-c unless they are set.
 * Part of the program: it forks, and handles the signals that end a run
 * while the pager shows it.
 */
#ifndef WD_PAGER_H
#define WD_PAGER_H

#include <stdbool.h>

/* The pager to use: NULL for none (the command is empty or "cat").
 * conf is the config file's pager (NULL when it names none); the string
 * returned is the environment's or conf. */
const char *pager_command(const char *conf);

/* Start cmd with standard output going into its standard input; on
 * SIGINT, SIGTERM or SIGHUP the pager is waited for before the run ends
 * by the signal, so that the shell gets the terminal back from it, not
 * before.  False when it could not be started (standard output is then as
 * it was). */
bool pager_start(const char *cmd);

/* Flush and close standard output, and wait for the pager to end (which
 * it does when the user quits it); nothing when none was started.  Called
 * at exit too. */
void pager_wait(void);

#endif
