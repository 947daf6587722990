/* conf.h - the settings a user makes once: the config file
 * ($XDG_CONFIG_HOME/wirediff/config, else ~/.config/wirediff/config, or
 * --config=FILE), and the same settings from the command line, which win.
 *
 * The file is lines of "key = value"; blank lines and lines starting with
 * # or ; are ignored; a "[colors]" line starts the section of the faces'
 * colours ("face = colour", theme.h), until another section starts:
 *
 *     width = 120                     20-10000, or auto (the terminal's)
 *     fold = yes                      yes/no, true/false, on/off, 1/0
 *     words = yes
 *     digest = yes                    the digest first (--digest); no: none
 *     pager = less -RS                empty: no pager
 *     color = auto                    auto, always, never
 *     theme = auto                    auto, dark, light
 *     export = html                   the snapshot format (export.h names)
 *     timestamp-format = %Y-%m-%d %H:%M    strftime(3), for the snapshots
 *     [colors]
 *     deleted-word = bold white on red
 *
 * A '#' or ';' between blanks (or after a blank at the end) starts a
 * comment: "width = 120  # wide" ("#d7af00" is a colour).  A value may be
 * put in double quotes, to keep blanks at its ends or a " # " in it.  A
 * line that cannot be used (an unknown key or section, a bad value, no
 * '=') is a diagnostic naming its line, and its setting keeps its default:
 * the rest of the file still counts.  Nothing here prints.
 */
#ifndef WD_CONF_H
#define WD_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "theme.h"
#include "util.h"

/* The largest config file read, in bytes. */
#define CONF_MAX_BYTES (64 * 1024)
/* Diagnostics kept from one file; past them, one more says how many
 * more lines were ignored. */
#define CONF_DIAGS_MAX 8
/* The longest timestamp a timestamp-format may make, in bytes (as
 * --timestamp). */
#define CONF_TIMESTAMP_MAX 64

enum conf_color { CONF_COLOR_AUTO, CONF_COLOR_ALWAYS, CONF_COLOR_NEVER };
enum conf_theme { CONF_THEME_AUTO, CONF_THEME_DARK, CONF_THEME_LIGHT };

/* Each setting has a "not set" value, so that the command line's can be
 * laid over the file's (conf_merge). */
struct conf {
    int width;              /* columns; 0: not set, or auto */
    int fold, words;        /* 0 or 1; -1: not set */
    int fold_min;           /* fold-min: runs this long fold (1 to 1000); 0: not set */
    int digest;             /* 1 (--digest), 0 (--no-digest); -1: not set */
    bool has_pager;         /* pager is set ... */
    char *pager;            /* ... to this command, "" for none (owned) */
    int color;              /* enum conf_color; -1: not set */
    int theme;              /* enum conf_theme; -1: not set */
    int format;             /* enum export_format; -1: not set */
    char *timestamp_format; /* strftime format (owned); NULL: not set */
    bool has_face[TF_COUNT];
    struct theme_color face[TF_COUNT]; /* [colors] */
};

/* A line that could not be used: its number (from 1; 0 for the file as
 * a whole) and what was wrong, on one line, values escaped (escape.h). */
struct conf_diag {
    unsigned line;
    char msg[192];
};

struct conf_diags {
    struct conf_diag d[CONF_DIAGS_MAX + 1];
    size_t n;
};

/* Nothing set. */
void conf_init(struct conf *c);
void conf_free(struct conf *c);

/* Parse text[0..len) into c (settings it names replace c's), the
 * problems into *dg (appended). */
void conf_parse(const char *text, size_t len, struct conf *c, struct conf_diags *dg);

/* Read and parse the file path: WD_OK (also for a file that is not there
 * when !must_exist: nothing is set), or the status of a file that cannot
 * be read (WD_ENOENT, WD_EACCES, WD_EISDIR, WD_ETOOBIG, WD_EBINARY,
 * WD_EIO with errno kept), and c untouched. */
enum wd_status conf_load(const char *path, bool must_exist, struct conf *c, struct conf_diags *dg);

/* The message for a config file that conf_load could not read. */
const char *conf_strerror(enum wd_status st);

/* The config file's path by the XDG base directory rules:
 * $XDG_CONFIG_HOME/wirediff/config when XDG_CONFIG_HOME is an absolute
 * path, else $HOME/.config/wirediff/config; NULL without either.  A new
 * string. */
char *conf_default_path(void);

/* Lay over's settings over c's (over's strings are copied). */
void conf_merge(struct conf *c, const struct conf *over);

/* The values of --color and color =, --theme and theme =: the enum, or
 * -1.  color also takes git's true/yes/on (auto) and false/no/off
 * (never). */
int conf_parse_color_mode(const char *s);
int conf_parse_theme(const char *s);
/* yes/no, true/false, on/off, 1/0 (any case): 1 or 0, or -1. */
int conf_parse_bool(const char *s);
/* The length from which a run of identical sentences folds (--fold=N,
 * fold-min =): a decimal number from 1 to CONF_FOLD_MIN_MAX, or -1. */
#define CONF_FOLD_MIN_MAX 1000
int conf_parse_fold_min(const char *s);

/* The time t (NULL: now) by the strftime format fmt into buf (room for
 * CONF_TIMESTAMP_MAX + 1 bytes): true, or false when the result is empty,
 * too long or holds a control character. */
bool conf_format_time(const char *fmt, const long long *t, char *buf);

#endif
