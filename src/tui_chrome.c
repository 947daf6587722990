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
#include "export.h"
#include "text.h"
#include "util.h"


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
    const char *name = doc_label(d), *title = doc_title(d);
    char right[80], left[512];
    header_stats(t, side, form, right, sizeof right);
    /* After the name, what a page says of itself (its site and date) and
     * the title (a headline), each only when some of it fits. */
    int rw = tui_str_width(right);
    const struct source_meta *m = doc_meta(d);
    char date[11] = "";
    if (m && m->published && strlen(m->published) >= 10) snprintf(date, sizeof date, "%s", m->published);
    const char *pieces[] = {m ? m->site : NULL, date[0] ? date : NULL,
                            strcmp(title, name) != 0 ? title : NULL};
    int len = snprintf(left, sizeof left, " %s", name);
    for (size_t i = 0; i < WD_ARRAY_LEN(pieces); i++) {
        if (!pieces[i]) continue;
        /* a piece after which at least 12 columns (8 for the short ones)
         * are left for it */
        int need = i + 1 < WD_ARRAY_LEN(pieces) ? tui_str_width(pieces[i]) : 12;
        if (w - rw - tui_str_width(left) - 4 < WD_MIN(need, 12)) break;
        len += snprintf(left + len, sizeof left - (size_t)WD_MIN((size_t)len, sizeof left),
                        " \xC2\xB7 %s", pieces[i]);
        if ((size_t)len >= sizeof left) break;
    }
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
            const char *name = doc_label(align_doc(tui_al(t), side));
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
    const char *hint = t->cx ? "  ?:help q:back" : "  ?:help q:quit";
    snprintf(right, sizeof right, " %*zu/%zu 100%%%s ", nd, t->nrows, t->nrows, hint);
    bool hints = tui_str_width(right) <= COLS / 2;
    snprintf(right, sizeof right, " %*zu/%zu %3d%%%s ", nd, row, t->nrows, pct, hints ? hint : "");
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    int room = COLS - rw - 1;
    if (t->prompt) {
        tui_put_str(t, y, 0, "/", 1, TF_STATUS);
        /* Show the end of a long pattern: the part being typed (found in
         * linear time: a pasted pattern redraws once a key). */
        const char *s = t->input + text_tail(t->input, t->ninput, (size_t)WD_MAX(room - 2, 0));
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
    /* When the sentence diff hit its cost limit (huge, very different
     * inputs) the alignment is approximate: say so first, in the longest
     * form that leaves NOTICE_MIN_COUNTS columns for the counts (which are
     * then truncated if need be: the notice matters more). */
    enum { NOTICE_MIN_COUNTS = 4 };
    static const char *const notices[] = {
        " cost limit: approximate alignment \xC2\xB7",
        " cost limit: approximate \xC2\xB7",
        " approximate:",
    };
    /* Likewise when the search for similar sentences was cut short
     * (sentences of common words only, in thousands): pairs may be
     * missed. */
    static const char *const pair_notices[] = {
        " search limit: pairs may be missed \xC2\xB7",
        " search limit: approximate \xC2\xB7",
        " approximate:",
    };
    const char *const *which = st->limited ? notices : pair_notices;
    const char *notice = "";
    for (size_t n = 0; (st->limited || st->pairs_limited) && n < WD_ARRAY_LEN(notices); n++) {
        notice = which[n];
        if (tui_str_width(notice) + NOTICE_MIN_COUNTS <= room) break;
    }
    int off = snprintf(left, sizeof left, "%s", notice);
    for (size_t f = 0; f < WD_ARRAY_LEN(forms); f++) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        snprintf(left + off, sizeof left - (size_t)off, forms[f], k[ROW_SAME], k[ROW_CHANGED],
                 k[ROW_MOVED], k[ROW_DELETED], k[ROW_INSERTED]);
#pragma GCC diagnostic pop
        if (tui_str_width(left) <= room) break;
    }
    tui_put_trunc(t, y, 0, left, room, TF_STATUS);
}

static const char *const help_pair[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space b PgDn PgUp", "page down / up (also ^F ^B)"},
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
    {"i", "where the documents come from (pages: URL, dates)"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  ^C", "quit"},
    {"wheel", "scroll (Shift+drag selects text)"},
};

/* The pair reader opened from the overview or the columns: the same keys,
 * boilerplate, and q goes back. */
static const char *const help_pair_many[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space b PgDn PgUp", "page down / up"},
    {"^D  ^U", "half a page down / up"},
    {"g  Home   G  End", "top / bottom"},
    {"]  [", "next / previous difference"},
    {"m", "jump to the counterpart of a moved sentence"},
    {"/  n  N", "search both sides; next / previous match"},
    {"f", "fold runs of identical sentences (toggle)"},
    {"w", "mark differing words (toggle)"},
    {"s", "swap sides"},
    {"B", "hide / show boilerplate rows (dimmed when shown)"},
    {"e  E", "export a snapshot / only the rows on screen"},
    {"i", "where the documents come from (pages: URL, dates)"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Esc  Backspace", "back to the overview, the columns or the files"},
    {"Q  ^C", "quit"},
};

static const char *const help_overview[][2] = {
    {"j  k  Down  Up", "select the next / previous line"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last line"},
    {"Tab", "from the documents to the pairs and back"},
    {"Enter  l  Right", "a pair: read it side by side"},
    {"", "a document: the columns, it as pivot"},
    {"p", "the columns, with the selected document (or the"},
    {"", "pair's first) as pivot"},
    {"B", "hide / show boilerplate in the reader and columns"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Q  ^C", "quit"},
};

static const char *const help_folders[][2] = {
    {"j  k  Down  Up", "select the next / previous file"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last file"},
    {"]  [", "next / previous file that differs"},
    {"Enter  l  Right", "read the pair side by side (q comes back)"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Q  ^C", "quit"},
};

static const char *const help_multi[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space b PgDn PgUp", "page down / up"},
    {"^D  ^U", "half a page down / up"},
    {"g  Home   G  End", "top / bottom"},
    {"h  l  Left  Right", "scroll the columns"},
    {"]  [", "next / previous row where a shown column differs"},
    {"p", "the first column shown becomes the pivot"},
    {"P", "the next document becomes the pivot"},
    {"Enter", "read the pivot and the first column side by side"},
    {"w", "mark the words a column adds (toggle)"},
    {"B", "hide / show the pivot's boilerplate rows"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Esc  Backspace", "back to the overview"},
    {"Q  ^C", "quit"},
};

/* Draw "TEXT" pieces in their faces from (y, 2) on; returns nothing. */
struct legend {
    const char *text;
    int face;
};

static void draw_legend(struct tui *t, int y, const struct legend *lg, size_t n)
{
    int x = 2;
    for (size_t i = 0; i < n && x < COLS; i++)
        x += tui_put_str(t, y, x, lg[i].text, COLS - x, lg[i].face);
}

/* The legend lines of the pair reader; returns the next free line. */
static int legend_pair(struct tui *t, int y, int last)
{
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
        static const struct legend lg[] = {
            {"pair text", LA_COMMON},   {"  ", LA_PLAIN},           {"deleted words", LA_DEL},
            {"  ", LA_PLAIN},           {"inserted words", LA_INS}, {"  ", LA_PLAIN},
            {"only left", LA_DELETED},  {"  ", LA_PLAIN},           {"only right", LA_INSERTED},
            {"  ", LA_PLAIN},           {"match", TF_MATCH},        {"  ", LA_PLAIN},
            {"boilerplate", TF_BOILER},
        };
        draw_legend(t, y, lg, WD_ARRAY_LEN(lg) - (t->cx ? 0 : 2));
    }
    return y;
}

static int legend_overview(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct legend lg[] = {
            {"overlap, story sentences matched: ", LA_PLAIN},
            {" 1-19%", TF_HEAT1},
            {" ", LA_PLAIN},
            {"20-39%", TF_HEAT2},
            {" ", LA_PLAIN},
            {"40-59%", TF_HEAT3},
            {" ", LA_PLAIN},
            {"60-79%", TF_HEAT4},
            {" ", LA_PLAIN},
            {"80-100%", TF_HEAT5},
        };
        draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "best: a document's highest overlap, and with which; none: shares "
                      "no sentence",
                      COLS - 3, LA_PLAIN);
    return y;
}

static int legend_folders(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct legend lg[] = {
            {"~", TF_GUTTER_CHANGED},
            {" differs  ", LA_PLAIN},
            {"=", LA_FOLD},
            {" reads the same  ", LA_PLAIN},
            {"<", TF_GUTTER_DELETED},
            {" only in the first folder  ", LA_PLAIN},
            {">", TF_GUTTER_INSERTED},
            {" only in the second", LA_PLAIN},
        };
        draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}

static int legend_multi(struct tui *t, int y, int last)
{
    if (++y < last) {
        struct legend lg[] = {
            {"~", TF_GUTTER_CHANGED},
            {" reworded  ", LA_PLAIN},
            {t->utf8 ? "\xE2\x86\x95" : "m", TF_GUTTER_MOVED},
            {" moved  ", LA_PLAIN},
            {"<", TF_GUTTER_DELETED},
            {" not in it  ", LA_PLAIN},
            {"\"", TF_GUTTER_CHANGED},
            {" paired with the row above", LA_PLAIN},
        };
        draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct legend lg[] = {
            {"reworded text", LA_COMMON}, {"  ", LA_PLAIN},
            {"words added", LA_INS},      {"  ", LA_PLAIN},
            {"boilerplate", TF_BOILER},
        };
        draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "Sentences pairing with no pivot sentence are left out "
                      "(+N in the column's header).",
                      COLS - 3, LA_PLAIN);
    return y;
}

void tui_draw_help(struct tui *t)
{
    const char *const(*lines)[2] = help_pair;
    size_t n = WD_ARRAY_LEN(help_pair);
    const char *title = " wirediff keys";
    if (t->mode == TUI_MODE_OVERVIEW) {
        lines = help_overview;
        n = WD_ARRAY_LEN(help_overview);
        title = " wirediff keys: the overview";
    } else if (t->mode == TUI_MODE_FOLDERS) {
        lines = help_folders;
        n = WD_ARRAY_LEN(help_folders);
        title = " wirediff keys: two folders";
    } else if (t->mode == TUI_MODE_MULTI) {
        lines = help_multi;
        n = WD_ARRAY_LEN(help_multi);
        title = " wirediff keys: the columns (a pivot against the others)";
    } else if (t->cx) {
        lines = help_pair_many;
        n = WD_ARRAY_LEN(help_pair_many);
        title = " wirediff keys: a pair";
    }
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, title, COLS, TF_HEADER);
    int y = 2, last = LINES - 2;
    for (size_t i = 0; i < n && y < last; i++, y++) {
        tui_put_trunc(t, y, 2, lines[i][0], 18, TF_HELP_KEY);
        tui_put_trunc(t, y, 22, lines[i][1], COLS - 23, LA_PLAIN);
    }
    bool all = y < last;
    if (t->mode == TUI_MODE_OVERVIEW)
        y = legend_overview(t, y, last);
    else if (t->mode == TUI_MODE_FOLDERS)
        y = legend_folders(t, y, last);
    else if (t->mode == TUI_MODE_MULTI)
        y = legend_multi(t, y, last);
    else
        y = legend_pair(t, y, last);
    if (!all || y >= last)
        tui_put_str(t, last, 2, "(enlarge the terminal to see all keys)", COLS - 2, LA_FOLD);
    tui_fill(t, LINES - 1, 0, COLS, TF_STATUS);
    tui_put_trunc(t, LINES - 1, 0, " press any key to return", COLS, TF_STATUS);
}

void tui_draw_info(struct tui *t)
{
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, " wirediff: where the documents come from", COLS, TF_HEADER);
    /* one below the other, whole URLs and all, when that fits the height;
     * else side by side when both halves hold a label and some of a URL */
    size_t rows = 0;
    for (int side = 0; side < 2; side++) {
        struct export_source src;
        export_source_fields(align_doc(tui_al(t), side), &src);
        rows += 2 + (src.n ? src.n : 1);
    }
    bool beside = rows > (size_t)WD_MAX(LINES - 3, 0) && COLS >= 100;
    int w = beside ? COLS / 2 : COLS, last = LINES - 1, y = 2;
    for (int side = 0; side < 2; side++) {
        const struct doc *d = align_doc(tui_al(t), side);
        int x = beside ? side * w : 0;
        if (beside) y = 2;
        if (y >= last) break;
        tui_put_str(t, y, x + 1, side ? "B" : "A", 1, TF_HELP_KEY);
        tui_put_trunc(t, y++, x + 4, doc_name(d), w - 5, TF_LABEL);
        struct export_source src;
        export_source_fields(d, &src);
        if (src.n == 0 && y < last)
            tui_put_trunc(t, y++, x + 4, "a text file: it says nothing about itself", w - 5,
                          LA_FOLD);
        for (size_t i = 0; i < src.n && y < last; i++, y++) {
            tui_put_trunc(t, y, x + 4, src.label[i], 14, TF_HELP_KEY);
            tui_put_trunc(t, y, x + 19, src.value[i], w - 20, LA_PLAIN);
        }
        y++;
    }
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
