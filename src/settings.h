/* settings.h - what a run's options come to once the config file, the
 * command line and the terminal have had their say: the format of a
 * snapshot, colours or none, the theme, the pager, the time written into
 * snapshots.  Part of the program (main's helpers): it reads the
 * environment, asks the terminal, starts the pager and reports the config
 * file's problems on stderr.
 */
#ifndef WD_SETTINGS_H
#define WD_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "export.h"
#include "theme.h"

struct settings {
    struct conf conf; /* the config file's settings, the command line's laid over them */
    int export;       /* --export: enum export_format, or -1 */
    int named;        /* the format -o's file name asks for (export_format_of_path), or -1 */
    bool no_pager;    /* --no-pager */
};

/* Read the config file into c: path (--config's), or NULL for the
 * default one (conf_default_path; its absence is no trouble).  Each line
 * that cannot be used is a warning on one line ("wirediff: FILE:LINE:
 * ..."), and the rest counts; a file that cannot be read is a warning,
 * except --config's, which is trouble.  Returns 0, or 2 after the
 * message. */
int settings_read_config(const char *path, struct conf *c);

/* Check what the options say together, with -o's name output (NULL:
 * standard output) and --color's value cli_color (-1: not given): a
 * format that -o's extension contradicts, --export=ansi with
 * --color=never.  Sets s->named.  Returns 0, or 2 after a message. */
int settings_check(struct settings *s, const char *output, int cli_color);

/* Are the snapshot's colours on, for output to path (NULL: standard
 * output)?  A file gets them only with --color=always. */
bool settings_color(const struct settings *s, const char *path);

/* The format of a snapshot: --export's, else the one -o's name asks for,
 * else the config file's, else text; text with colours is the ANSI
 * form. */
enum export_format settings_format(const struct settings *s, bool color);

/* The theme (terminal.h), asking the terminal only when ask. */
void settings_theme(const struct settings *s, bool ask, struct theme *t);

/* The reader's colours are off: --color=never, or NO_COLOR without
 * --color=always. */
bool settings_mono(const struct settings *s);

/* Batch output to a terminal goes through the pager (pager.h), unless
 * --no-pager, the config's "pager =" (empty) or TERM says otherwise.
 * Call it once the terminal has been asked what it had to be asked (its
 * width, its background), just before writing. */
void settings_page(const struct settings *s);

/* The time of a snapshot now, by the config file's timestamp-format, else
 * in ISO 8601 with the offset, into buf (room for size bytes, at least
 * CONF_TIMESTAMP_MAX + 1). */
void settings_now(const struct settings *s, char *buf, size_t size);

#endif
