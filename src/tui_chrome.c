/* tui_chrome.c - what surrounds the text: the header line over each
 * column (file, title, sentence count, share matched), the status line
 * (messages, the search prompt, position, counts, key hints), the help
 * screen and the notice of a terminal too small.  Each adapts to the width:
 * longer forms when they fit, shorter ones chosen so that nothing shifts
 * while scrolling.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "util.h"

static const char *base_name(const char *path)
{
    if (strcmp(path, "-") == 0) return "(standard input)";
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* The statistics part of a header: long, short or none, chosen for the
 * narrower column so that both headers read alike. */
static void header_stats(const struct tui *t, int side, int form, char *out, size_t size)
{
    const struct align_stats *st = align_get_stats(tui_al(t));
    size_t n = st->sentences[side], m = st->matched[side];
    int pct = n ? (int)(m * 100 / n) : 0;
    if (form == 0)
        snprintf(out, size, " %zu sentences, %d%% matched ", n, pct);
    else if (form == 1)
        snprintf(out, size, " %zu s. %d%% ", n, pct);
    else
        out[0] = '\0';
}

static void draw_header_side(struct tui *t, int side, int x, int w, int form)
{
    const struct doc *d = align_doc(tui_al(t), side);
    const char *name = base_name(doc_path(d)), *title = doc_title(d);
    char right[80], left[512];
    header_stats(t, side, form, right, sizeof right);
    /* The title (a headline) only when some of it fits beside the name. */
    int rw = tui_str_width(right);
    bool titled = strcmp(title, name) != 0 && w - rw - tui_str_width(name) - 4 >= 12;
    snprintf(left, sizeof left, " %s%s%s", name, titled ? " \xC2\xB7 " : "", titled ? title : "");
    tui_put_trunc(t, 0, x, left, w - rw, TF_HEADER);
    tui_put_str(t, 0, x + w - rw, right, rw, TF_HEADER);
}

void tui_draw_header(struct tui *t, const struct layout *l)
{
    const struct layout_opts *o = layout_get_opts(l);
    /* The long form of the statistics when the file names still fit, else
     * the short one, else none when it would leave too little of them. */
    int form = 0;
    char st[2][80];
    for (; form < 2; form++) {
        bool fits = true;
        for (int side = 0; side < 2; side++) {
            header_stats(t, side, form, st[side], sizeof st[side]);
            const char *name = base_name(doc_path(align_doc(tui_al(t), side)));
            int room = o->width[side] - tui_str_width(st[side]);
            fits = fits && (form == 0 ? room >= tui_str_width(name) + 1 : room >= 8);
        }
        if (fits) break;
    }
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    draw_header_side(t, 0, 0, o->width[0], form);
    draw_header_side(t, 1, o->width[0] + t->gutter, o->width[1], form);
}

void tui_draw_status(struct tui *t, const struct layout *l)
{
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    const struct align_stats *st = align_get_stats(tui_al(t));
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t vi = layout_vrow_at(l, t->top);
    size_t row = nv == 0 ? 0 : vi < nv ? v[vi].row + 1 : t->nrows;
    uint64_t h = layout_height(l), bottom = t->top + (uint64_t)tui_view_height();
    int pct = h == 0 || bottom >= h ? 100 : (int)(bottom * 100 / h);
    /* The row number is padded to the width of the largest, and the forms
     * are chosen for the widest position, so nothing shifts while
     * scrolling. */
    char right[96], left[160];
    int nd = snprintf(NULL, 0, "%zu", t->nrows);
    snprintf(right, sizeof right, " %*zu/%zu 100%%  ?:help q:quit ", nd, t->nrows, t->nrows);
    bool hints = tui_str_width(right) <= COLS / 2;
    snprintf(right, sizeof right, " %*zu/%zu %3d%%%s ", nd, row, t->nrows, pct,
             hints ? "  ?:help q:quit" : "");
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    int room = COLS - rw - 1;
    if (t->prompt) {
        tui_put_str(t, y, 0, "/", 1, TF_STATUS);
        /* Show the end of a long pattern: the part being typed. */
        const char *s = t->input;
        while (tui_str_width(s) > room - 2 && *s) {
            int w;
            s += text_next_cluster(s, strlen(s), 0, &w);
        }
        int w = tui_put_str(t, y, 1, s, room - 2, TF_STATUS);
        move(y, 1 + w);
        return;
    }
    if (t->exp.stage != TUI_EXP_CLOSED) {
        tui_export_draw(t, y);
        return;
    }
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, room - 1, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    const size_t *k = st->rows;
    static const char *const forms[] = {
        " same %zu  changed %zu  moved %zu  deleted %zu  inserted %zu",
        " same %zu changed %zu moved %zu deleted %zu inserted %zu",
        " same %zu chg %zu mov %zu del %zu ins %zu",
        " =%zu ~%zu m%zu <%zu >%zu",
    };
    for (size_t f = 0; f < WD_ARRAY_LEN(forms); f++) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        snprintf(left, sizeof left, forms[f], k[ROW_SAME], k[ROW_CHANGED], k[ROW_MOVED],
                 k[ROW_DELETED], k[ROW_INSERTED]);
#pragma GCC diagnostic pop
        if (tui_str_width(left) <= room) break;
    }
    tui_put_trunc(t, y, 0, left, room, TF_STATUS);
}

static const char *const help_lines[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space  PgDn  ^F", "page down"},
    {"b  PgUp  ^B", "page up"},
    {"^D  ^U", "half a page down / up"},
    {"g  Home   G  End", "top / bottom"},
    {"]  [", "next / previous difference"},
    {"m", "jump to the counterpart of a moved sentence"},
    {"/", "search both sides (case-insensitive)"},
    {"n  N", "next / previous match"},
    {"f", "fold runs of identical sentences (toggle)"},
    {"w", "mark differing words (toggle)"},
    {"s", "swap sides"},
    {"e  E", "export a snapshot / only the rows on screen"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  ^C", "quit"},
    {"wheel", "scroll (Shift+drag selects text)"},
};

void tui_draw_help(struct tui *t)
{
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, " wirediff keys", COLS, TF_HEADER);
    int y = 2, last = LINES - 2;
    size_t n = WD_ARRAY_LEN(help_lines);
    for (size_t i = 0; i < n && y < last; i++, y++) {
        tui_put_trunc(t, y, 2, help_lines[i][0], 18, TF_HELP_KEY);
        tui_put_trunc(t, y, 22, help_lines[i][1], COLS - 23, LA_PLAIN);
    }
    if (++y < last) {
        /* The gutter marks and the colours, drawn with the faces they name. */
        int x = 2;
        x += tui_put_str(t, y, x, "~", 1, TF_GUTTER_CHANGED);
        x += tui_put_str(t, y, x, " changed  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, "<", 1, TF_GUTTER_DELETED);
        x += tui_put_str(t, y, x, " only left  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, ">", 1, TF_GUTTER_INSERTED);
        x += tui_put_str(t, y, x, " only right  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, t->utf8 ? "\xE2\x86\x93" : "v", 1, TF_GUTTER_MOVED);
        x += tui_put_str(t, y, x, "12", 2, TF_GUTTER_MOVED);
        tui_put_str(t, y, x, " moved (row of the other place)", COLS - x, LA_PLAIN);
    }
    if (++y < last) {
        static const struct {
            const char *text;
            int face;
        } legend[] = {
            {"pair text", LA_COMMON},  {"deleted words", LA_DEL},   {"inserted words", LA_INS},
            {"only left", LA_DELETED}, {"only right", LA_INSERTED}, {"match", TF_MATCH},
        };
        int x = 2;
        for (size_t i = 0; i < WD_ARRAY_LEN(legend) && x < COLS; i++) {
            x += tui_put_str(t, y, x, legend[i].text, COLS - x, legend[i].face);
            x += tui_put_str(t, y, x, "  ", COLS - x, LA_PLAIN);
        }
    }
    if (y >= last && n + 4 > (size_t)(last - 2))
        tui_put_str(t, last, 2, "(enlarge the terminal to see all keys)", COLS - 2, LA_FOLD);
    tui_fill(t, LINES - 1, 0, COLS, TF_STATUS);
    tui_put_trunc(t, LINES - 1, 0, " press any key to return", COLS, TF_STATUS);
}

void tui_draw_too_small(struct tui *t)
{
    static const char *const notice[] = {
        "terminal too small: 40x8 needed",
        "too small: 40x8 needed",
        "need 40x8",
    };
    for (size_t i = 0; i < WD_ARRAY_LEN(notice); i++) {
        if (tui_str_width(notice[i]) <= COLS || i + 1 == WD_ARRAY_LEN(notice)) {
            tui_put_str(t, 0, 0, notice[i], COLS, TF_ERROR);
            return;
        }
    }
}
