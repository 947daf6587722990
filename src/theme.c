/* theme.c - faces, themes, colour names and contrast (see theme.h). */
#include "config.h"

#include "theme.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* ---- the themes ----------------------------------------------------------
 * Each face of the 256-colour tables reads at a contrast of at least 4.5:1
 * (WCAG 2, body text) against its background, the terminal's own one
 * taken as xterm's black (dark) or white (light); tests/test_theme.c
 * checks every face of both.  In a pair, the common text is tinted (amber
 * on dark, brown on light), deleted words are on red, inserted words on
 * green, sentences only in A red and only in B green; the background stays
 * the terminal's own except where a word is marked. */

#define D THEME_DEFAULT
#define B THEME_BOLD
#define R THEME_REVERSE

static const struct theme_color dark256[TF_COUNT] = {
    [LA_PLAIN] = {D, D, 0},
    [LA_COMMON] = {220, D, 0}, /* gold */
    [LA_DEL] = {231, 124, B},
    [LA_INS] = {231, 28, B},
    [LA_DELETED] = {203, D, 0}, /* light red */
    [LA_INSERTED] = {77, D, 0}, /* light green */
    [LA_FOLD] = {246, D, 0},
    [LA_MARK] = {D, D, 0},
    [LA_FOLDED] = {D, D, THEME_UNDERLINE}, /* differs only in case, quotes or dashes */
    [TF_HEADER] = {D, D, R | B},
    [TF_STATUS] = {D, D, R},
    [TF_ERROR] = {231, 160, B},
    [TF_GUTTER_CHANGED] = {220, D, B},
    [TF_GUTTER_MOVED] = {80, D, B},
    [TF_GUTTER_DELETED] = {203, D, B},
    [TF_GUTTER_INSERTED] = {77, D, B},
    [TF_GUTTER_WEAK] = {170, D, B},
    [TF_ROLE] = {246, D, 0},
    [TF_MATCH] = {16, 220, B},
    [TF_HELP_KEY] = {80, D, B},
    [TF_BOILER] = {244, D, 0},
    [TF_SELECT] = {D, 238, B},
    [TF_LABEL] = {D, D, B},
    /* heat: one hue, darker to brighter backgrounds */
    [TF_HEAT1] = {252, 237, 0},
    [TF_HEAT2] = {231, 52, 0},
    [TF_HEAT3] = {231, 88, 0},
    [TF_HEAT4] = {231, 124, B},
    [TF_HEAT5] = {231, 160, B},
    [TF_NOTE] = {80, D, 0},
};

static const struct theme_color light256[TF_COUNT] = {
    [LA_PLAIN] = {D, D, 0},
    [LA_COMMON] = {94, D, 0}, /* brown: yellow cannot be read on white */
    [LA_DEL] = {16, 217, B},  /* black on pink */
    [LA_INS] = {16, 157, B},  /* black on pale green */
    [LA_DELETED] = {124, D, 0},
    [LA_INSERTED] = {28, D, 0},
    [LA_FOLD] = {242, D, 0},
    [LA_MARK] = {D, D, 0},
    [LA_FOLDED] = {D, D, THEME_UNDERLINE}, /* differs only in case, quotes or dashes */
    [TF_HEADER] = {D, D, R | B},
    [TF_STATUS] = {D, D, R},
    [TF_ERROR] = {231, 160, B},
    [TF_GUTTER_CHANGED] = {94, D, B},
    [TF_GUTTER_MOVED] = {25, D, B},
    [TF_GUTTER_DELETED] = {124, D, B},
    [TF_GUTTER_INSERTED] = {28, D, B},
    [TF_GUTTER_WEAK] = {127, D, B},
    [TF_ROLE] = {242, D, 0},
    [TF_MATCH] = {16, 220, B},
    [TF_HELP_KEY] = {25, D, B},
    [TF_BOILER] = {242, D, 0},
    [TF_SELECT] = {D, 252, B},
    [TF_LABEL] = {D, D, B},
    [TF_HEAT1] = {16, 255, 0},
    [TF_HEAT2] = {16, 224, 0},
    [TF_HEAT3] = {16, 217, 0},
    [TF_HEAT4] = {16, 210, B},
    [TF_HEAT5] = {231, 160, B},
    [TF_NOTE] = {25, D, 0},
};

/* 8 and 16 colours: the terminal's palette (its values are its theme's). */
static const struct theme_color dark16[TF_COUNT] = {
    [LA_PLAIN] = {D, D, 0},
    [LA_COMMON] = {3, D, 0},
    [LA_DEL] = {15, 1, B},
    [LA_INS] = {0, 2, 0},
    [LA_DELETED] = {9, D, 0},
    [LA_INSERTED] = {2, D, 0},
    [LA_FOLD] = {8, D, 0},
    [LA_MARK] = {D, D, 0},
    [LA_FOLDED] = {D, D, THEME_UNDERLINE}, /* differs only in case, quotes or dashes */
    [TF_HEADER] = {D, D, R | B},
    [TF_STATUS] = {D, D, R},
    [TF_ERROR] = {15, 1, B},
    [TF_GUTTER_CHANGED] = {3, D, B},
    [TF_GUTTER_MOVED] = {6, D, B},
    [TF_GUTTER_DELETED] = {9, D, B},
    [TF_GUTTER_INSERTED] = {2, D, B},
    [TF_GUTTER_WEAK] = {5, D, B},
    [TF_ROLE] = {8, D, 0},
    [TF_MATCH] = {0, 3, 0},
    [TF_HELP_KEY] = {6, D, B},
    [TF_BOILER] = {8, D, 0},
    [TF_SELECT] = {D, D, R},
    [TF_LABEL] = {D, D, B},
    [TF_HEAT1] = {D, D, THEME_DIM},
    [TF_HEAT2] = {1, D, 0},
    [TF_HEAT3] = {1, D, B},
    [TF_HEAT4] = {15, 1, 0},
    [TF_HEAT5] = {15, 1, B},
    [TF_NOTE] = {6, D, 0},
};

static const struct theme_color light16[TF_COUNT] = {
    [LA_PLAIN] = {D, D, 0},
    [LA_COMMON] = {4, D, 0},
    [LA_DEL] = {15, 1, B},
    [LA_INS] = {0, 2, B},
    [LA_DELETED] = {1, D, 0},
    [LA_INSERTED] = {0, 2, 0},
    [LA_FOLD] = {8, D, 0},
    [LA_MARK] = {D, D, 0},
    [LA_FOLDED] = {D, D, THEME_UNDERLINE}, /* differs only in case, quotes or dashes */
    [TF_HEADER] = {D, D, R | B},
    [TF_STATUS] = {D, D, R},
    [TF_ERROR] = {15, 1, B},
    [TF_GUTTER_CHANGED] = {4, D, B},
    [TF_GUTTER_MOVED] = {5, D, B},
    [TF_GUTTER_DELETED] = {1, D, B},
    [TF_GUTTER_INSERTED] = {0, 2, B},
    [TF_GUTTER_WEAK] = {5, D, B},
    [TF_ROLE] = {8, D, 0},
    [TF_MATCH] = {0, 3, 0},
    [TF_HELP_KEY] = {4, D, B},
    [TF_BOILER] = {8, D, 0},
    [TF_SELECT] = {D, D, R},
    [TF_LABEL] = {D, D, B},
    [TF_HEAT1] = {D, D, THEME_DIM},
    [TF_HEAT2] = {1, D, 0},
    [TF_HEAT3] = {1, D, B},
    [TF_HEAT4] = {15, 1, 0},
    [TF_HEAT5] = {15, 1, B},
    [TF_NOTE] = {4, D, 0},
};

#undef D
#undef B
#undef R

void theme_init(struct theme *t, enum theme_kind kind)
{
    t->kind = kind;
    memcpy(t->face, kind == THEME_LIGHT ? light256 : dark256, sizeof t->face);
    memcpy(t->face16, kind == THEME_LIGHT ? light16 : dark16, sizeof t->face16);
}

/* ---- names ------------------------------------------------------------------ */

static const char *const face_names[TF_COUNT] = {
    [LA_PLAIN] = "same",
    [LA_COMMON] = "common",
    [LA_DEL] = "deleted-word",
    [LA_INS] = "inserted-word",
    [LA_DELETED] = "deleted",
    [LA_INSERTED] = "inserted",
    [LA_FOLD] = "fold",
    [LA_FOLDED] = "folded",
    [TF_HEADER] = "header",
    [TF_STATUS] = "status",
    [TF_ERROR] = "error",
    [TF_GUTTER_CHANGED] = "gutter-changed",
    [TF_GUTTER_MOVED] = "gutter-moved",
    [TF_GUTTER_DELETED] = "gutter-deleted",
    [TF_GUTTER_INSERTED] = "gutter-inserted",
    [TF_GUTTER_WEAK] = "gutter-weak",
    [TF_ROLE] = "role",
    [TF_MATCH] = "match",
    [TF_HELP_KEY] = "key",
    [TF_BOILER] = "boilerplate",
    [TF_SELECT] = "selection",
    [TF_LABEL] = "label",
    [TF_HEAT1] = "heat1",
    [TF_HEAT2] = "heat2",
    [TF_HEAT3] = "heat3",
    [TF_HEAT4] = "heat4",
    [TF_HEAT5] = "heat5",
    [TF_NOTE] = "note",
};

const char *theme_face_name(int f)
{
    return f >= 0 && f < TF_COUNT ? face_names[f] : NULL;
}

int theme_face_by_name(const char *name)
{
    for (int f = 0; f < TF_COUNT; f++)
        if (face_names[f] && strcasecmp(face_names[f], name) == 0) return f;
    return -1;
}

static const char *const basic_names[8] = {"black", "red",     "green", "yellow",
                                           "blue",  "magenta", "cyan",  "white"};

static const struct {
    const char *name;
    uint8_t bit;
} attr_names[] = {
    {"bold", THEME_BOLD},           {"dim", THEME_DIM},
    {"italic", THEME_ITALIC},       {"ul", THEME_UNDERLINE},
    {"underline", THEME_UNDERLINE}, {"reverse", THEME_REVERSE},
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A colour word: its index (THEME_DEFAULT included) in *out, or false. */
static bool parse_color_word(const char *w, int *out)
{
    if (strcasecmp(w, "default") == 0 || strcasecmp(w, "normal") == 0) {
        *out = THEME_DEFAULT;
        return true;
    }
    if (strcasecmp(w, "grey") == 0 || strcasecmp(w, "gray") == 0) {
        *out = 244;
        return true;
    }
    bool bright = strncasecmp(w, "bright", 6) == 0;
    for (int i = 0; i < 8; i++)
        if (strcasecmp(w + (bright ? 6 : 0), basic_names[i]) == 0) {
            *out = i + (bright ? 8 : 0);
            return true;
        }
    if (w[0] == '#' && strlen(w) == 7) {
        uint8_t rgb[3];
        for (int k = 0; k < 3; k++) {
            int h = hexval(w[1 + 2 * k]), l = hexval(w[2 + 2 * k]);
            if (h < 0 || l < 0) return false;
            rgb[k] = (uint8_t)(h * 16 + l);
        }
        *out = theme_nearest(rgb, 256);
        return true;
    }
    if (isdigit((unsigned char)w[0]) && strlen(w) <= 3) {
        int v = 0;
        for (const char *p = w; *p; p++) {
            if (!isdigit((unsigned char)*p)) return false;
            v = v * 10 + (*p - '0');
        }
        if (v > 255) return false;
        *out = v;
        return true;
    }
    return false;
}

bool theme_parse_color(const char *spec, struct theme_color *out, char *err, size_t size)
{
    struct theme_color c = {THEME_DEFAULT, THEME_DEFAULT, 0};
    int ncolors = 0;
    bool on = false, any = false;
    const char *p = spec;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        char w[32];
        size_t n = (size_t)(e - p);
        if (n >= sizeof w) {
            snprintf(err, size, "'%.*s...' is no colour or attribute", 12, p);
            return false;
        }
        memcpy(w, p, n);
        w[n] = '\0';
        p = e;
        any = true;
        int col;
        bool attr = false;
        for (size_t i = 0; i < WD_ARRAY_LEN(attr_names); i++)
            if (strcasecmp(w, attr_names[i].name) == 0) {
                c.attr |= attr_names[i].bit;
                attr = true;
            }
        if (attr) continue;
        if (strcasecmp(w, "on") == 0) {
            if (ncolors != 1 || on) {
                snprintf(err, size, "'on' goes between two colours");
                return false;
            }
            on = true;
            continue;
        }
        if (!parse_color_word(w, &col)) {
            snprintf(err, size,
                     "'%s' is no colour or attribute (a colour name, 0-255 or #rrggbb; bold, "
                     "dim, italic, ul, reverse)",
                     w);
            return false;
        }
        if (ncolors == 2) {
            snprintf(err, size, "more than two colours (a foreground and a background)");
            return false;
        }
        if (ncolors == 0)
            c.fg = (int16_t)col;
        else
            c.bg = (int16_t)col;
        ncolors++;
    }
    if (!any) {
        snprintf(err, size, "no colour given");
        return false;
    }
    if (on && ncolors != 2) {
        snprintf(err, size, "'on' goes between two colours");
        return false;
    }
    *out = c;
    return true;
}

static int16_t to16(int16_t c)
{
    if (c < 16) return c;
    uint8_t rgb[3];
    theme_xterm_rgb(c, rgb);
    return (int16_t)theme_nearest(rgb, 16);
}

void theme_set(struct theme *t, int f, const struct theme_color *c)
{
    if (f < 0 || f >= TF_COUNT) return;
    t->face[f] = *c;
    t->face16[f] = (struct theme_color){to16(c->fg), to16(c->bg), c->attr};
}

/* ---- SGR -------------------------------------------------------------------- */

static size_t put_color(char *buf, size_t n, int c, bool bg)
{
    if (c < 0) return n;
    if (n) buf[n++] = ';';
    if (c < 8) return n + (size_t)sprintf(buf + n, "%d", (bg ? 40 : 30) + c);
    if (c < 16) return n + (size_t)sprintf(buf + n, "%d", (bg ? 100 : 90) + c - 8);
    return n + (size_t)sprintf(buf + n, "%d;5;%d", bg ? 48 : 38, c);
}

size_t theme_sgr(const struct theme_color *c, char *buf)
{
    static const struct {
        uint8_t bit;
        const char *code;
    } codes[] = {{THEME_BOLD, "1"},
                 {THEME_DIM, "2"},
                 {THEME_ITALIC, "3"},
                 {THEME_UNDERLINE, "4"},
                 {THEME_REVERSE, "7"}};
    size_t n = 0;
    for (size_t i = 0; i < WD_ARRAY_LEN(codes); i++)
        if (c->attr & codes[i].bit) {
            if (n) buf[n++] = ';';
            buf[n++] = codes[i].code[0];
        }
    n = put_color(buf, n, c->fg, false);
    n = put_color(buf, n, c->bg, true);
    buf[n] = '\0';
    return n;
}

/* ---- the palette and contrast ------------------------------------------------ */

void theme_xterm_rgb(int i, uint8_t rgb[3])
{
    static const uint8_t base[16][3] = {
        {0x00, 0x00, 0x00}, {0xcd, 0x00, 0x00}, {0x00, 0xcd, 0x00}, {0xcd, 0xcd, 0x00},
        {0x00, 0x00, 0xee}, {0xcd, 0x00, 0xcd}, {0x00, 0xcd, 0xcd}, {0xe5, 0xe5, 0xe5},
        {0x7f, 0x7f, 0x7f}, {0xff, 0x00, 0x00}, {0x00, 0xff, 0x00}, {0xff, 0xff, 0x00},
        {0x5c, 0x5c, 0xff}, {0xff, 0x00, 0xff}, {0x00, 0xff, 0xff}, {0xff, 0xff, 0xff},
    };
    static const uint8_t level[6] = {0, 95, 135, 175, 215, 255};
    if (i < 0 || i > 255) i = 0;
    if (i < 16) {
        memcpy(rgb, base[i], 3);
    } else if (i < 232) {
        int k = i - 16;
        rgb[0] = level[k / 36];
        rgb[1] = level[k / 6 % 6];
        rgb[2] = level[k % 6];
    } else {
        rgb[0] = rgb[1] = rgb[2] = (uint8_t)(8 + 10 * (i - 232));
    }
}

int theme_nearest(const uint8_t rgb[3], int n)
{
    int best = 0;
    long bestd = -1;
    for (int i = n > 16 ? 16 : 0; i < n && i < 256; i++) {
        uint8_t c[3];
        theme_xterm_rgb(i, c);
        long d = 0;
        for (int k = 0; k < 3; k++)
            d += (long)(c[k] - rgb[k]) * (c[k] - rgb[k]);
        if (bestd < 0 || d < bestd) {
            best = i;
            bestd = d;
        }
    }
    return best;
}

/* WCAG 2.x: the sRGB channel linearised, then weighted. */
static double linear(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double theme_luminance(const uint8_t rgb[3])
{
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

double theme_contrast(const uint8_t a[3], const uint8_t b[3])
{
    double la = theme_luminance(a), lb = theme_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---- the terminal's background ---------------------------------------------- */

/* One channel of "rgb:RRRR/...": 1 to 4 hex digits scaled to 0-255. */
static const char *channel(const char *p, const char *end, uint8_t *out)
{
    unsigned v = 0;
    int n = 0;
    while (p < end && n < 4 && hexval(*p) >= 0) {
        v = v * 16 + (unsigned)hexval(*p++);
        n++;
    }
    if (n == 0 || (p < end && hexval(*p) >= 0)) return NULL;
    unsigned max = (1u << (4 * n)) - 1;
    *out = (uint8_t)((v * 255 + max / 2) / max);
    return p;
}

bool theme_parse_osc11(const char *s, size_t len, uint8_t rgb[3])
{
    static const char intro[] = "\033]11;rgb:";
    const size_t il = sizeof intro - 1;
    for (size_t i = 0; i + il <= len; i++) {
        if (memcmp(s + i, intro, il) != 0) continue;
        const char *p = s + i + il, *end = s + len;
        uint8_t c[3];
        for (int k = 0; k < 3 && p; k++) {
            p = channel(p, end, &c[k]);
            if (p && k < 2) p = p < end && *p == '/' ? p + 1 : NULL;
        }
        if (!p) continue;
        /* the terminator: BEL, or ST (ESC \) */
        if ((p < end && *p == '\a') || (p + 1 < end && p[0] == '\033' && p[1] == '\\')) {
            memcpy(rgb, c, 3);
            return true;
        }
    }
    return false;
}

enum theme_kind theme_kind_for(const uint8_t rgb[3])
{
    /* light when black text would stand out more on it than white text */
    static const uint8_t black[3] = {0, 0, 0}, white[3] = {255, 255, 255};
    return theme_contrast(rgb, black) > theme_contrast(rgb, white) ? THEME_LIGHT : THEME_DARK;
}
