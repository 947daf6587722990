/* tui_draw.c - drawing the reader's screen from the layout, and the
 * colours.
 *
 * All text goes through put_cluster(), one grapheme cluster at a time at a
 * column we compute, so the columns are the layout's (text.h widths from
 * utf8proc) whatever the C library's wcwidth() thinks: when the two
 * disagree, or curses cannot keep the cluster in one cell (an emoji ZWJ
 * sequence, a flag), a stand-in of the layout's width is drawn instead
 * (see put_cluster).  Every cell drawn also records its face in the shadow
 * grid, which the scripted mode dumps as letters ("dump attrs").
 *
 * Only the visible lines are visited: the first display row comes from a
 * binary search (layout_vrow_at), the rest follow in order.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "doc.h"
#include "escape.h"
#include "text.h"
#include "util.h"

/* Most search matches highlighted per side of one display row. */
#define MAX_SPANS 64

/* ---- faces --------------------------------------------------------------- */

char tui_face_letter(int f)
{
    static const char letters[TF_COUNT] = {
        [LA_PLAIN] = '.',
        [LA_COMMON] = 'c',
        [LA_DEL] = 'D',
        [LA_INS] = 'I',
        [LA_DELETED] = 'd',
        [LA_INSERTED] = 'i',
        [LA_FOLD] = 'f',
        [LA_FOLDED] = 'F',
        [TF_HEADER] = 'h',
        [TF_STATUS] = 's',
        [TF_ERROR] = 's',
        [TF_GUTTER_CHANGED] = 'g',
        [TF_GUTTER_MOVED] = 'g',
        [TF_GUTTER_DELETED] = 'g',
        [TF_GUTTER_INSERTED] = 'g',
        [TF_GUTTER_WEAK] = 'w',
        [TF_ROLE] = 'r',
        [TF_MATCH] = 'm',
        [TF_HELP_KEY] = 'h',
        [TF_BOILER] = 'b',
        [TF_SELECT] = 'v',
        [TF_LABEL] = 'l',
        [TF_HEAT1] = '1',
        [TF_HEAT2] = '2',
        [TF_HEAT3] = '3',
        [TF_HEAT4] = '4',
        [TF_HEAT5] = '5',
    };
    return f >= 0 && f < TF_COUNT ? letters[f] : '?';
}

/* Without colour (--color=never, NO_COLOR, or a terminal without):
 * attributes only. */
static const attr_t mono[TF_COUNT] = {
    [LA_PLAIN] = A_NORMAL,
    [LA_COMMON] = A_NORMAL,
    [LA_DEL] = A_REVERSE,
    [LA_INS] = A_BOLD | A_UNDERLINE,
    [LA_DELETED] = A_DIM,
    [LA_INSERTED] = A_BOLD,
    [LA_FOLD] = A_DIM,
    [LA_FOLDED] = A_UNDERLINE,
    [TF_HEADER] = A_REVERSE | A_BOLD,
    [TF_STATUS] = A_REVERSE,
    [TF_ERROR] = A_BOLD,
    [TF_GUTTER_CHANGED] = A_BOLD,
    [TF_GUTTER_MOVED] = A_BOLD,
    [TF_GUTTER_DELETED] = A_BOLD,
    [TF_GUTTER_INSERTED] = A_BOLD,
    [TF_GUTTER_WEAK] = A_BOLD | A_UNDERLINE,
    [TF_ROLE] = A_DIM,
    [TF_MATCH] = A_REVERSE | A_UNDERLINE | A_BOLD,
    [TF_HELP_KEY] = A_BOLD,
    [TF_BOILER] = A_DIM,
    [TF_SELECT] = A_REVERSE,
    [TF_LABEL] = A_BOLD,
    /* heat without colour: dim, underline, bold, reverse, reverse bold */
    [TF_HEAT1] = A_DIM,
    [TF_HEAT2] = A_UNDERLINE,
    [TF_HEAT3] = A_BOLD,
    [TF_HEAT4] = A_REVERSE,
    [TF_HEAT5] = A_REVERSE | A_BOLD,
};

static attr_t curses_attr(unsigned a)
{
    attr_t r = A_NORMAL;
    if (a & THEME_BOLD) r |= A_BOLD;
    if (a & THEME_DIM) r |= A_DIM;
    if (a & THEME_ITALIC) r |= A_ITALIC;
    if (a & THEME_UNDERLINE) r |= A_UNDERLINE;
    if (a & THEME_REVERSE) r |= A_REVERSE;
    return r;
}

/* The faces of t->theme (theme.h) as colour pairs: its 256-colour table
 * on a terminal of 256 colours or more, else its 16-colour one, with on
 * 8 colours the bright ones as their base colour and grey as dim. */
void tui_colors_init(struct tui *t)
{
    bool color = t->color && has_colors();
    if (color && start_color() == ERR) color = false;
    if (color && COLORS < 8) color = false;
    for (int f = 0; f < TF_COUNT; f++) {
        t->face_attr[f] = mono[f];
        t->face_pair[f] = 0;
    }
    if (!color) return;
    bool dflt = use_default_colors() == OK;
    const struct theme_color *pal = COLORS >= 256 ? t->theme.face : t->theme.face16;
    for (int f = 0; f < TF_COUNT; f++) {
        struct theme_color d = pal[f];
        if (COLORS < 16) { /* 8 colours: no bright ones, grey is dim */
            if (d.fg == 8 || d.bg == 8) d.attr |= THEME_DIM;
            if (d.fg >= 8) d.fg = d.fg == 8 ? THEME_DEFAULT : (int16_t)(d.fg - 8);
            if (d.bg >= 8) d.bg = d.bg == 8 ? THEME_DEFAULT : (int16_t)(d.bg - 8);
        }
        if (!dflt) { /* a terminal without default colours: white on black */
            if (d.fg < 0) d.fg = COLOR_WHITE;
            if (d.bg < 0) d.bg = COLOR_BLACK;
        }
        t->face_attr[f] = curses_attr(d.attr);
        if ((d.fg < 0 && d.bg < 0) || f + 1 >= COLOR_PAIRS) continue;
        init_pair((short)(f + 1), d.fg, d.bg);
        t->face_pair[f] = (short)(f + 1);
    }
}

/* ---- cells --------------------------------------------------------------- */

static void shade(struct tui *t, int y, int x, int w, int face)
{
    if (!t->shadow || y < 0 || y >= t->shadow_lines) return;
    for (int k = 0; k < w; k++)
        if (x + k >= 0 && x + k < t->shadow_cols)
            t->shadow[(size_t)y * (size_t)t->shadow_cols + (size_t)(x + k)] = tui_face_letter(face);
}

static void put_wch(struct tui *t, int y, int x, const wchar_t *wc, int face)
{
    cchar_t cc;
    if (setcchar(&cc, wc, t->face_attr[face], t->face_pair[face], NULL) == ERR) return;
    mvwadd_wch(stdscr, y, x, &cc);
}

/* A character for cp where the locale cannot show it, same width 1. */
static wchar_t fallback(int32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x2032:
        return L'\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB:
        return L'"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
        return L'-';
    case 0x2026:
        return L'.';
    case 0x00A0:
    case 0x2007:
    case 0x202F:
        return L' ';
    default:
        return L'?';
    }
}

static bool is_regional(int32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Draw the cluster s[0..n) that the layout counts w columns wide at (y, x).
 * A curses cell holds one spacing character and the non-spacing ones
 * after it, and is as wide as wcwidth() of the first:
 *  - when that equals w, the cell holds the cluster (up to the first other
 *    spacing character: a ZWJ emoji sequence shows its first emoji);
 *  - a flag (two regional indicators) shows as its two ASCII letters;
 *  - when the base is narrower than w (an emoji variation sequence that
 *    wcwidth counts 1) the bare base is drawn and the rest padded;
 *  - anything else (unprintable in the locale, wider than counted) is
 *    drawn as w replacement characters (U+FFFD, or '?' outside UTF-8). */
static void put_cluster(struct tui *t, int y, int x, const char *s, size_t n, int w, int face)
{
    int32_t cp[CCHARW_MAX + 1];
    size_t ncp = 0;
    for (size_t i = 0; i < n && ncp < CCHARW_MAX + 1;) {
        i += text_decode(s, n, i, &cp[ncp]);
        ncp++;
    }
    wchar_t wc[CCHARW_MAX + 1];
    shade(t, y, x, w, face);
    if (cp[0] == '\t') cp[0] = ' ';
    if (ncp >= 2 && w == 2 && is_regional(cp[0]) && is_regional(cp[1])) {
        for (int k = 0; k < 2; k++) {
            wc[0] = (wchar_t)('A' + (cp[k] - 0x1F1E6));
            wc[1] = L'\0';
            put_wch(t, y, x + k, wc, face);
        }
        return;
    }
    int bw = wcwidth((wchar_t)cp[0]);
    if (cp[0] < 0x20 || cp[0] == 0x7F) bw = -1;
    if (bw == w) {
        size_t k = 1;
        wc[0] = (wchar_t)cp[0];
        while (k < ncp && k < CCHARW_MAX && wcwidth((wchar_t)cp[k]) == 0) {
            wc[k] = (wchar_t)cp[k];
            k++;
        }
        if (k < ncp && wc[k - 1] == 0x200D) k--; /* no ZWJ joining what follows */
        wc[k] = L'\0';
        put_wch(t, y, x, wc, face);
        return;
    }
    int used = 0;
    if (bw >= 1 && bw < w) {
        wc[0] = (wchar_t)cp[0];
        used = bw;
    } else if (t->utf8 && wcwidth(0xFFFD) == 1) {
        wc[0] = (wchar_t)0xFFFD;
        used = 1;
    } else {
        wc[0] = w == 1 ? fallback(cp[0]) : L'?';
        used = 1;
    }
    wc[1] = L'\0';
    put_wch(t, y, x, wc, face);
    wc[0] = L' ';
    for (int k = used; k < w; k++)
        put_wch(t, y, x + k, wc, face);
}

/* The cluster at s[i] as the reader draws a string: text_next_cluster,
 * except that a bidi control is its visible mark (into mark, *w its
 * width), as the layout and every export show it (escape.h). */
static size_t str_cluster(const char *s, size_t len, size_t i, int *w, char *mark)
{
    size_t e = text_next_cluster(s, len, i, w);
    int32_t cp;
    mark[0] = '\0';
    if ((unsigned char)s[i] >= 0x80 && text_decode(s, len, i, &cp) == e - i && escape_is_bidi(cp))
        *w = (int)escape_cp(cp, mark);
    return e;
}

static size_t str_width(const char *s, size_t len)
{
    size_t total = 0;
    char mark[ESCAPE_CP_MAX];
    for (size_t i = 0; i < len;) {
        int w;
        i = str_cluster(s, len, i, &w, mark);
        total += (size_t)w;
    }
    return total;
}

/* Draw UTF-8 s[0..len) at (y, x) in at most maxw columns, cluster by
 * cluster; controls are skipped.  Returns the columns drawn. */
static int put_text(struct tui *t, int y, int x, const char *s, size_t len, int maxw, int face)
{
    int col = 0;
    char mark[ESCAPE_CP_MAX];
    for (size_t i = 0; i < len;) {
        int w;
        size_t e = str_cluster(s, len, i, &w, mark);
        if (w > 0 && (unsigned char)s[i] >= 0x20) {
            if (col + w > maxw) break;
            if (mark[0])
                for (int k = 0; k < w; k++)
                    put_cluster(t, y, x + col + k, mark + k, 1, 1, face);
            else
                put_cluster(t, y, x + col, s + i, e - i, w, face);
            col += w;
        }
        i = e;
    }
    return col;
}

int tui_put_str(struct tui *t, int y, int x, const char *s, int maxw, int face)
{
    return put_text(t, y, x, s, strlen(s), maxw, face);
}

/* Like put_str, but a text wider than maxw ends in an ellipsis. */
int tui_put_trunc(struct tui *t, int y, int x, const char *s, int maxw, int face)
{
    if (maxw <= 0) return 0;
    size_t len = strlen(s);
    if (str_width(s, len) <= (size_t)maxw) return put_text(t, y, x, s, len, maxw, face);
    int w = put_text(t, y, x, s, len, maxw - 1, face);
    return w + tui_put_str(t, y, x + w, t->utf8 ? "\xE2\x80\xA6" : "~", 1, face);
}

void tui_fill(struct tui *t, int y, int x, int w, int face)
{
    wchar_t sp[2] = {L' ', L'\0'};
    for (int k = 0; k < w; k++)
        put_wch(t, y, x + k, sp, face);
    shade(t, y, x, w, face);
}

int tui_str_width(const char *s)
{
    return (int)str_width(s, strlen(s));
}

int tui_heat_face(double overlap)
{
    if (!(overlap > 0)) return LA_PLAIN;
    int level = (int)(overlap * TUI_HEAT_LEVELS); /* 0.2 steps */
    return TF_HEAT1 + WD_MIN(level, TUI_HEAT_LEVELS - 1);
}

/* ---- the text ------------------------------------------------------------ */

/* Search matches of one side of a display row, as byte spans. */
struct spans {
    uint32_t s[2 * MAX_SPANS];
    size_t n;
};

static void row_spans(struct tui *t, const struct lay_vrow *v, int side, struct spans *sp)
{
    sp->n = 0;
    if (!t->pat || v->kind != VROW_ROW || !tui_row_matches(t, v->row)) return;
    size_t nr;
    const struct align_row *r = &align_rows(tui_al(t), &nr)[v->row];
    if (!(r->show & (1u << side))) return;
    const struct doc *d = align_doc(tui_al(t), side);
    size_t ns, len;
    const struct sentence *se = doc_sentences(d, &ns);
    const char *bytes = doc_bytes(d, &len);
    uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
    for (uint32_t q = first; q < first + n && q < ns && sp->n < MAX_SPANS; q++)
        sp->n +=
            tui_match_spans(t, bytes, se[q].start, se[q].end, sp->s + 2 * sp->n, MAX_SPANS - sp->n);
}

/* Draw [from, to) of piece p with its column col; returns its width. */
static int draw_part(struct tui *t, const struct layout *l, int side, const struct lay_piece *p,
                     uint32_t from, uint32_t to, int col, int y, int x0, int face)
{
    struct lay_piece part = *p;
    part.start = from;
    part.end = to;
    part.col = (uint16_t)col;
    size_t n = layout_piece_text(l, side, &part, &t->buf, &t->capbuf);
    /* (never past the column, even if a file changed under its mapping) */
    int room = WD_MAX(layout_get_opts(l)->width[side] - col, 0);
    return put_text(t, y, x0 + col, t->buf, n, room, face);
}

/* Is byte pos in a boilerplate sentence of the row side dim describes? */
static bool dimmed(const struct tui_dim *dim, uint32_t pos)
{
    if (!dim || !dim->flags) return false;
    for (uint32_t q = dim->first; q < dim->first + dim->n; q++)
        if (pos >= dim->sent[q].start && pos < dim->sent[q].end) return dim->flags[q] != 0;
    return false;
}

static void draw_line(struct tui *t, const struct layout *l, int side, const struct lay_line *ln,
                      int y, int x0, const struct spans *sp, const struct tui_dim *dim)
{
    size_t np;
    const struct lay_piece *pieces = layout_pieces(l, &np);
    for (uint32_t k = ln->piece; k < ln->piece + ln->npiece; k++) {
        const struct lay_piece *p = &pieces[k];
        uint32_t pos = p->start;
        int col = p->col;
        int face = p->attr;
        if (p->attr != LA_FOLD) {
            if (p->attr != LA_MARK && dimmed(dim, p->start)) face = TF_BOILER;
            /* Cut the piece at the matches it overlaps. */
            for (size_t m = 0; sp && m < sp->n && pos < p->end; m++) {
                uint32_t ms = WD_MAX(sp->s[2 * m], pos), me = WD_MIN(sp->s[2 * m + 1], p->end);
                if (me <= ms) continue;
                if (ms > pos) col += draw_part(t, l, side, p, pos, ms, col, y, x0, face);
                col += draw_part(t, l, side, p, ms, me, col, y, x0, TF_MATCH);
                pos = me;
            }
        }
        if (pos < p->end) draw_part(t, l, side, p, pos, p->end, col, y, x0, face);
    }
}

void tui_draw_lay_line(struct tui *t, const struct layout *l, int side, const struct lay_line *ln,
                       int y, int x0, const struct tui_dim *dim)
{
    draw_line(t, l, side, ln, y, x0, NULL, dim);
}

/* The boilerplate of side (as shown) of display row v, for dimming. */
void tui_row_dim(const struct tui *t, const struct lay_vrow *v, int side, struct tui_dim *dim)
{
    memset(dim, 0, sizeof *dim);
    if (v->kind != VROW_ROW) return;
    dim->flags = t->boiler[side ^ t->swapped];
    if (!dim->flags) return;
    size_t nr, ns;
    const struct align_row *r = &align_rows(tui_al(t), &nr)[v->row];
    dim->sent = doc_sentences(align_doc(tui_al(t), side), &ns);
    dim->first = side ? r->b : r->a;
    dim->n = side ? r->bn : r->an;
}

/* The gutter of display row v: the row kind's mark in the middle ('?'
 * for a weak pair), the roles of the sentences left and right that are
 * not story text beside it (h d c a b); a moved row's mark, an arrow and
 * the other place's row, fills the gutter instead. */
static void draw_gutter(struct tui *t, const struct lay_vrow *v, int y, int x)
{
    if (v->kind != VROW_ROW) return;
    size_t nr;
    const struct alignment *al = tui_al(t);
    const struct align_row *r = &align_rows(al, &nr)[v->row];
    x = tui_numbers_draw(t, r, y, x);
    int mid = x + t->gutter_marks / 2;
    bool weak = align_row_weak(r);
    if (r->kind != ROW_MOVED) {
        char ra[2] = {align_role_mark(al, r, SIDE_A), 0};
        char rb[2] = {align_role_mark(al, r, SIDE_B), 0};
        if (ra[0] != ' ') tui_put_str(t, y, x + 1, ra, 1, TF_ROLE);
        if (rb[0] != ' ') tui_put_str(t, y, x + t->gutter_marks - 2, rb, 1, TF_ROLE);
    }
    switch (r->kind) {
    case ROW_CHANGED:
        if (weak)
            tui_put_str(t, y, mid, "?", 1, TF_GUTTER_WEAK);
        else
            tui_put_str(t, y, mid, "~", 1, TF_GUTTER_CHANGED);
        break;
    case ROW_DELETED:
        tui_put_str(t, y, mid, "<", 1, TF_GUTTER_DELETED);
        break;
    case ROW_INSERTED:
        tui_put_str(t, y, mid, ">", 1, TF_GUTTER_INSERTED);
        break;
    case ROW_MOVED: {
        char mark[32];
        bool down = r->partner > (int32_t)v->row;
        snprintf(mark, sizeof mark, "%s%ld",
                 t->utf8 ? (down ? "\xE2\x86\x93" : "\xE2\x86\x91") : (down ? "v" : "^"),
                 (long)r->partner + 1);
        tui_put_str(t, y, x + 1, mark, t->gutter_marks - 1, weak ? TF_GUTTER_WEAK : TF_GUTTER_MOVED);
        break;
    }
    default:
        break;
    }
}

static void draw_body(struct tui *t, const struct layout *l)
{
    size_t nv;
    const struct lay_vrow *vrows = layout_vrows(l, &nv);
    const struct layout_opts *o = layout_get_opts(l);
    int x0[2] = {0, o->width[0] + t->gutter};
    int h = tui_view_height();
    if (nv == 0) {
        tui_put_str(t, 1, 0, "(no sentences on either side)", COLS, LA_FOLD);
        return;
    }
    size_t vi = layout_vrow_at(l, t->top), spans_of = SIZE_MAX;
    struct spans sp[2];
    struct tui_dim dim[2];
    for (int y = 0; y < h && vi < nv; y++) {
        uint64_t sy = t->top + (uint64_t)y;
        while (vi < nv && sy >= vrows[vi].y + vrows[vi].height)
            vi++;
        if (vi >= nv) break;
        const struct lay_vrow *v = &vrows[vi];
        if (spans_of != vi) {
            row_spans(t, v, 0, &sp[0]);
            row_spans(t, v, 1, &sp[1]);
            tui_row_dim(t, v, 0, &dim[0]);
            tui_row_dim(t, v, 1, &dim[1]);
            spans_of = vi;
        }
        uint64_t li = sy - v->y;
        if (li == 0) draw_gutter(t, v, y + 1, o->width[0]);
        for (int side = 0; side < 2; side++) {
            size_t nl;
            const struct lay_line *lines = layout_row_lines(l, vi, side, &nl);
            if (li < nl) draw_line(t, l, side, &lines[li], y + 1, x0[side], &sp[side], &dim[side]);
        }
    }
}

void tui_pair_draw(struct tui *t)
{
    const struct layout *l = tui_layout(t);
    tui_draw_header(t, l);
    draw_body(t, l);
    tui_draw_status(t, l);
}

void tui_draw(struct tui *t)
{
    size_t cells = (size_t)WD_MAX(LINES, 0) * (size_t)WD_MAX(COLS, 0);
    if (!t->shadow || t->shadow_lines != LINES || t->shadow_cols != COLS) {
        free(t->shadow);
        t->shadow = xmalloc(cells + 1);
        t->shadow_lines = LINES;
        t->shadow_cols = COLS;
    }
    memset(t->shadow, tui_face_letter(LA_PLAIN), cells);
    werase(stdscr);
    bool cursor = false;
    if (tui_too_small()) {
        tui_draw_too_small(t);
    } else if (t->help) {
        tui_draw_help(t);
    } else if (t->info) {
        tui_draw_info(t);
    } else {
        tui_ops(t)->draw(t);
        cursor = t->prompt || t->exp.stage != TUI_EXP_CLOSED;
    }
    leaveok(stdscr, !cursor);
    if (!t->headless) curs_set(cursor ? 1 : 0);
}

/* Say once when a file of the pair shown changed on disk since it was
 * read: a large file is mapped (doc_opts.map), and a change written into
 * it in place shows its new bytes at the places of the old. */
static void check_changed(struct tui *t)
{
    const struct alignment *al = t->mode == TUI_MODE_PAIR || t->mode == TUI_MODE_MOVED
                                     ? tui_al(t)
                                     : NULL;
    for (int side = 0; al && side < 2; side++) {
        const struct doc *d = align_doc(al, side);
        if (d == t->changed[0] || d == t->changed[1] || !doc_changed(d)) continue;
        t->changed[1] = t->changed[0];
        t->changed[0] = d;
        tui_message(t, true, "%s changed on disk since it was read: run wirediff again to "
                             "compare it as it is now", doc_name(d));
    }
}

static void paint(struct tui *t)
{
    tui_draw(t);
    wnoutrefresh(stdscr);
    doupdate();
}

void tui_frame(struct tui *t)
{
    check_changed(t);
    paint(t);
    /* what is made in the background starts once the frame is out, so as
     * not to slow it down */
    tui_search_warm(t);
    if (tui_digest_warm(t)) paint(t); /* made at once: its counts too */
}
