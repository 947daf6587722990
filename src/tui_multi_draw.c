/* tui_multi_draw.c - the multi-column view on screen (tui_multi.c): the
 * header, the cells and own sentences of the columns, the status line,
 * the help and the legend, and the view's table of operations. */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>

#include "corpus.h"
#include "util.h"

/* ---- drawing --------------------------------------------------------------- */

static void draw_mark(struct tui *t, int y, int x, enum col_mark m)
{
    switch (m) {
    case CM_CHANGED:
        tui_put_str(t, y, x, "~", 1, TF_GUTTER_CHANGED);
        break;
    case CM_MOVED:
        tui_put_str(t, y, x, t->utf8 ? "\xE2\x86\x95" : "m", 1, TF_GUTTER_MOVED);
        break;
    case CM_MISSING:
        tui_put_str(t, y, x, "<", 1, TF_GUTTER_DELETED);
        break;
    case CM_DITTO:
        tui_put_str(t, y, x, "\"", 1, TF_GUTTER_CHANGED);
        break;
    default:
        break;
    }
}

/* Line li of the cell of column c (document o, side) beside pivot sentence
 * i, at (y, x): the text, and the mark on the first line. */
static void draw_cell(struct tui *t, const struct tui_mcol *c, const struct layout *l, size_t o,
                      int side, size_t i, uint64_t li, int y, int x)
{
    enum col_mark m;
    ptrdiff_t r = tui_mv_cell(c, i, side, &m);
    if (li == 0 && side == SIDE_B) draw_mark(t, y, x, m);
    if (r < 0) return;
    size_t nv, nl, nr;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    if ((size_t)r >= nv || li >= v[r].nline[side]) return;
    const struct lay_line *lines = layout_lines(l, &nl);
    const struct align_row *row = &align_rows(c->al, &nr)[r];
    size_t ns;
    struct tui_dim dim = {
        .sent = doc_sentences(align_doc(c->al, side), &ns),
        .flags = corpus_boilerplate(t->cx->c, o),
        .first = side ? row->b : row->a,
        .n = side ? row->bn : row->an,
    };
    tui_draw_lay_line(t, l, side, &lines[v[r].line[side] + li], y, x + TUI_MULTI_GUTTER, &dim);
}

/* Line li of the own sentences of gap g in column c (document o), at
 * (y, x): a '+' on the first line of each. */
static void draw_own(struct tui *t, const struct tui_mcol *c, size_t o, size_t g, uint64_t li,
                     int y, int x)
{
    size_t lo, hi, nv, nl, nr, ns;
    colmap_gap(&c->map, g, &lo, &hi);
    const struct lay_vrow *v = layout_vrows(c->l, &nv);
    for (size_t k = lo; k < hi; k++) {
        uint32_t r = c->map.own[k];
        if (r >= nv || !tui_mv_own_shown(t, c, o, r)) continue;
        if (li >= v[r].nline[SIDE_B]) {
            li -= v[r].nline[SIDE_B];
            continue;
        }
        if (li == 0) tui_put_str(t, y, x, "+", 1, TF_GUTTER_INSERTED);
        const struct lay_line *lines = layout_lines(c->l, &nl);
        const struct align_row *row = &align_rows(c->al, &nr)[r];
        struct tui_dim dim = {
            .sent = doc_sentences(align_doc(c->al, SIDE_B), &ns),
            .flags = corpus_boilerplate(t->cx->c, o),
            .first = row->b,
            .n = row->bn,
        };
        tui_draw_lay_line(t, c->l, SIDE_B, &lines[v[r].line[SIDE_B] + li], y, x + TUI_MULTI_GUTTER,
                          &dim);
        return;
    }
}

static void draw_header(struct tui *t, int shown, int w)
{
    struct tui_multi *mv = &t->mv;
    char s[512], right[64];
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    snprintf(s, sizeof s, " pivot %zu ", mv->pivot);
    int pw = tui_put_str(t, 0, 0, s, w, TF_HEADER);
    tui_put_name(t, 0, pw, doc_label(t->cx->docs[mv->pivot]), w - pw, TF_HEADER);
    for (int c = 0; c < shown; c++) {
        size_t o = tui_mv_other_doc(t, mv->first + (size_t)c);
        int x = (c + 1) * (w + 1);
        tui_put_str(t, 0, x - 1, t->utf8 ? "\xE2\x94\x82" : "|", 1, TF_HEADER);
        float ov = mv->cols[o].overlap;
        if (ov > 0)
            snprintf(right, sizeof right, " %3d%%", (int)(100.0f * ov + 0.5f));
        else
            snprintf(right, sizeof right, " none");
        char extra[32];
        snprintf(extra, sizeof extra, " +%zu ", mv->cols[o].unpaired);
        int rw = tui_str_width(right), ew = tui_str_width(extra);
        snprintf(s, sizeof s, " %zu ", o);
        int nw = tui_put_str(t, 0, x, s, w - rw - ew, TF_HEADER);
        tui_put_name(t, 0, x + nw, doc_label(t->cx->docs[o]), w - rw - ew - nw, TF_HEADER);
        tui_put_str(t, 0, x + w - rw - ew, right, rw, ov > 0 ? tui_heat_face(ov) : TF_HEADER);
        tui_put_str(t, 0, x + w - ew, extra, ew, TF_HEADER);
    }
}

static void draw_status(struct tui *t, int shown)
{
    struct tui_multi *mv = &t->mv;
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    size_t cur = mv->nrows ? tui_mv_row_at(mv, mv->top) : 0;
    uint64_t h = mv->nrows ? mv->ry[mv->nrows] : 0, bottom = mv->top + (uint64_t)tui_view_height();
    int pct = h == 0 || bottom >= h ? 100 : (int)(bottom * 100 / h);
    char right[96], left[200];
    int nd = snprintf(NULL, 0, "%zu", tui_mv_pivot_sentences(t));
    /* the pivot sentence shown first (own rows: the one before them) */
    snprintf(right, sizeof right, " %*zu/%zu %3d%%  ?:help q:back ", nd,
             mv->nrows ? WD_MAX((size_t)(mv->rows[cur] + 1) / 2, (size_t)1) : 0,
             tui_mv_pivot_sentences(t), pct);
    if (tui_str_width(right) > COLS / 2) snprintf(right, sizeof right, " %3d%% ", pct);
    int rw = tui_status_right(t, y, right);
    if (rw < 0) return; /* the export's prompt or a message */
    /* A column whose alignment hit the diff's cost limit (huge, very
     * different inputs) is approximate: say so before the hints. */
    bool approx = false, missed = false;
    for (int c = 0; c < shown; c++) {
        const struct alignment *al = mv->cols[tui_mv_other_doc(t, mv->first + (size_t)c)].al;
        approx = approx || (al && align_get_stats(al)->limited);
        missed = missed || (al && align_get_stats(al)->pairs_limited);
    }
    static const char *const hints[] = {"  h/l: scroll  p: pivot  Enter: pair", "  h/l p Enter",
                                        ""};
    size_t nhidden = tui_mv_ndocs(t) - 1 - tui_mv_nothers(t);
    char hid[48] = "";
    if (nhidden) snprintf(hid, sizeof hid, " (%zu hidden: o)", nhidden);
    for (size_t f = 0; f < WD_ARRAY_LEN(hints); f++) {
        if (shown == 0)
            snprintf(left, sizeof left, " no other document%s", hid);
        else
            snprintf(left, sizeof left, " columns %zu-%zu of %zu%s%s%s", mv->first + 1,
                     mv->first + (size_t)shown, tui_mv_nothers(t), hid,
                     approx   ? " \xC2\xB7 cost limit: approximate"
                     : missed ? " \xC2\xB7 search limit: approximate"
                              : "",
                     hints[f]);
        if (tui_str_width(left) <= COLS - rw - 1) break;
    }
    tui_put_trunc(t, y, 0, left, COLS - rw - 1, TF_STATUS);
}

void tui_multi_draw(struct tui *t)
{
    struct tui_multi *mv = &t->mv;
    int w;
    int shown = tui_mv_prepare(t, &w);
    draw_header(t, shown, w);
    int vh = tui_view_height();
    const char *rule = t->utf8 ? "\xE2\x94\x82" : "|";
    for (int y = 0; y < vh; y++)
        for (int c = 0; c < shown; c++)
            tui_put_str(t, y + 1, (c + 1) * (w + 1) - 1, rule, 1, LA_FOLD);
    if (mv->nrows == 0) {
        tui_put_str(t, 1, 0, "(no sentences to show)", w, LA_FOLD);
        draw_status(t, shown);
        return;
    }
    size_t i = tui_mv_row_at(mv, mv->top);
    for (int y = 0; y < vh && i < mv->nrows; y++) {
        uint64_t line = mv->top + (uint64_t)y;
        while (i < mv->nrows && line >= mv->ry[i + 1])
            i++;
        if (i >= mv->nrows) break;
        uint64_t li = line - mv->ry[i];
        uint32_t v = mv->rows[i];
        size_t s = v / 2;
        if (v % 2) draw_cell(t, &mv->cols[mv->pivot], mv->selfl, mv->pivot, SIDE_A, s, li, y + 1, 0);
        for (int c = 0; c < shown; c++) {
            size_t o = tui_mv_other_doc(t, mv->first + (size_t)c);
            int x = (c + 1) * (w + 1);
            if (v % 2)
                draw_cell(t, &mv->cols[o], mv->cols[o].l, o, SIDE_B, s, li, y + 1, x);
            else
                draw_own(t, &mv->cols[o], o, s, li, y + 1, x);
        }
    }
    draw_status(t, shown);
}

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
    {"e", "export the overview and these columns (html md json txt)"},
    {"o", "hide / show the documents sharing nothing with the pivot"},
    {"B", "hide / show boilerplate rows"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Esc  Backspace", "back to the overview"},
    {"Q  ^C", "quit"},
};

static int legend_multi(struct tui *t, int y, int last)
{
    if (++y < last) {
        struct tui_legend lg[] = {
            {"~", TF_GUTTER_CHANGED},
            {" reworded  ", LA_PLAIN},
            {t->utf8 ? "\xE2\x86\x95" : "m", TF_GUTTER_MOVED},
            {" moved  ", LA_PLAIN},
            {"<", TF_GUTTER_DELETED},
            {" not in it  ", LA_PLAIN},
            {"\"", TF_GUTTER_CHANGED},
            {" paired with the row above  ", LA_PLAIN},
            {"+", TF_GUTTER_INSERTED},
            {" its own", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"reworded text", LA_COMMON}, {"  ", LA_PLAIN},
            {"words added", LA_INS},      {"  ", LA_PLAIN},
            {"boilerplate", TF_BOILER},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "A document's own sentences (pairing with no pivot sentence) stand "
                      "where they stand in it; +N in its header counts them.",
                      COLS - 3, LA_PLAIN);
    return y;
}


const struct tui_view_ops tui_multi_ops = {
    .name = "columns",
    .draw = tui_multi_draw,
    .key = tui_multi_key,
    .resized = NULL,
    .help_title = " wirediff keys: the columns (a pivot against the others)",
    .help = help_multi,
    .nhelp = WD_ARRAY_LEN(help_multi),
    .legend = legend_multi,
};
