/* theme.h - the colours of the reader and of the coloured exports: the
 * faces (what a stretch of screen shows), the dark and the light theme,
 * the colours a user names in the config file's [colors] section, the
 * SGR sequences of a face, and the WCAG contrast the themes are held to.
 *
 * No curses here: the reader turns a face into a colour pair and
 * attributes (tui_draw.c), the ANSI and inline exports into SGR escape
 * codes (theme_sgr).  Colours are indices into the xterm 256-colour
 * palette (0-15 the terminal's own, 16-231 the 6x6x6 cube, 232-255 the
 * greys) or THEME_DEFAULT, the terminal's own foreground or background.
 * The 256-colour tables use only the cube and the greys, whose values
 * every terminal shares, so that their contrast can be known; the 8/16
 * colour tables (terminals without 256 colours) use the terminal's
 * palette, whose values the terminal's own theme decides.
 */
#ifndef WD_THEME_H
#define WD_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* Faces beyond the layout's attributes (enum lay_attr, the first
 * LA_COUNT faces): the reader's chrome and the notes of the exports. */
enum theme_face {
    TF_HEADER = LA_COUNT, /* header line */
    TF_STATUS,            /* status line */
    TF_ERROR,             /* an error message in the status line */
    TF_GUTTER_CHANGED,    /* gutter marks, per row kind */
    TF_GUTTER_MOVED,
    TF_GUTTER_DELETED,
    TF_GUTTER_INSERTED,
    TF_GUTTER_WEAK, /* a weak pair's gutter mark (align.h ALIGN_WEAK_SIM) */
    TF_ROLE,        /* the role letters in the gutter (role.h role_mark) */
    TF_MATCH,    /* a search match */
    TF_HELP_KEY, /* key names on the help screen */
    TF_BOILER,   /* text of a boilerplate sentence (dimmed) */
    TF_SELECT,   /* the selected line of a list */
    TF_LABEL,    /* titles: the overview's, the exports' ---/+++ lines */
    TF_HEAT1,    /* overlap heat levels, lowest to highest (tui_heat_face) */
    TF_HEAT2,
    TF_HEAT3,
    TF_HEAT4,
    TF_HEAT5,
    TF_NOTE, /* "(moved to line N)" in the side-by-side export */
    TF_COUNT
};

/* The terminal's own foreground or background colour. */
#define THEME_DEFAULT (-1)

/* Attributes of a face. */
enum {
    THEME_BOLD = 1u << 0,
    THEME_DIM = 1u << 1,
    THEME_ITALIC = 1u << 2,
    THEME_UNDERLINE = 1u << 3,
    THEME_REVERSE = 1u << 4,
};

struct theme_color {
    int16_t fg, bg; /* THEME_DEFAULT or 0-255 */
    uint8_t attr;   /* THEME_BOLD | ... */
};

enum theme_kind { THEME_DARK, THEME_LIGHT };

struct theme {
    enum theme_kind kind;
    struct theme_color face[TF_COUNT];   /* on a terminal of 256 colours */
    struct theme_color face16[TF_COUNT]; /* on one of 8 or 16 */
};

/* The built-in theme of kind. */
void theme_init(struct theme *t, enum theme_kind kind);

/* The name of face f in the config file ("deleted-word"), or NULL for a
 * face that has none (LA_MARK). */
const char *theme_face_name(int f);
/* The face named name (case-insensitive), or -1. */
int theme_face_by_name(const char *name);

/* Parse a colour as git's config does: words separated by blanks, the
 * first colour the foreground and the second the background ("on" may
 * stand between them), and attributes: "bold white on red", "231 124
 * bold", "#d7af00 ul".  A colour is default (or normal), black, red,
 * green, yellow, blue, magenta, cyan, white, bright<colour>, grey, a
 * number 0-255 or #rrggbb (the nearest colour of the cube and greys);
 * attributes are bold, dim, italic, ul (underline), reverse.  Returns
 * true, or false with a message in err (room for size bytes). */
bool theme_parse_color(const char *spec, struct theme_color *out, char *err, size_t size);

/* Give face f the colour c: as is on 256 colours, its colours the nearest
 * of the first 16 on 8 or 16. */
void theme_set(struct theme *t, int f, const struct theme_color *c);

/* The SGR parameters of c ("1;38;5;231;48;5;124") into buf (room for
 * THEME_SGR_MAX bytes); returns the length, 0 for a face that changes
 * nothing (the terminal's colours, no attribute). */
#define THEME_SGR_MAX 40
size_t theme_sgr(const struct theme_color *c, char *buf);

/* The RGB value of index i (0-255) in xterm's default palette. */
void theme_xterm_rgb(int i, uint8_t rgb[3]);
/* The palette index nearest rgb among the first n (16 or 256), by squared
 * distance in RGB; with n 256, only the cube and greys (16-255). */
int theme_nearest(const uint8_t rgb[3], int n);
/* WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white). */
double theme_luminance(const uint8_t rgb[3]);
/* WCAG 2 contrast ratio of two colours, 1 to 21 (4.5 for body text). */
double theme_contrast(const uint8_t a[3], const uint8_t b[3]);

/* The background colour in a terminal's answer to OSC 11 ("\033]11;rgb:
 * RRRR/GGGG/BBBB" then BEL or ESC \, each part 1 to 4 hex digits) found
 * anywhere in s[0..len): true and the colour in rgb, or false. */
bool theme_parse_osc11(const char *s, size_t len, uint8_t rgb[3]);
/* The theme for a terminal of background rgb: light when its luminance
 * is over that of mid grey. */
enum theme_kind theme_kind_for(const uint8_t rgb[3]);

#endif
