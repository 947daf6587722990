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

#include "digest.h"
#include "doc.h"
#include "export.h"
#include "layout.h"
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
        snprintf(out, size, " %zu sentences, %d%% aligned ", n, pct);
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
    if (tui_str_width(name) + 1 > w - rw) /* the name alone is too wide: cut it */
        tui_put_name(t, 0, x + 1, name, w - rw - 1, TF_HEADER);
    else
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

/* After the row counts, the digest's (d lists them), in the longest form
 * that fits beside them: "· d: 2 quotations 1 number 3 names", "· d: 2q
 * 1n 3N", or nothing; "· d: …" while the digest is being made. */
static void digest_part(struct tui *t, char *left, size_t size, int room)
{
    if (t->no_digest) return;
    const struct digest *dg = tui_digest_ready(t);
    if (!dg) {
        static const char pending[] = " \xC2\xB7 d: \xE2\x80\xA6";
        size_t len = strlen(left);
        if (tui_str_width(left) + tui_str_width(pending) <= room)
            snprintf(left + len, size - len, "%s", pending);
        return;
    }
    static const char *const longer[] = {"quotation", "number", "name", "attribution", "flip"};
    static const char *const plural[] = {"quotations", "numbers", "names", "attributions",
                                         "flips"};
    static const char *const shorter[] = {"q", "n", "N", "a", "f"};
    size_t len = strlen(left);
    for (int form = 0; form < 2; form++) {
        char part[160] = "";
        size_t pl = 0;
        for (int k = 0; k < 5; k++) {
            size_t c = digest_count(dg, (enum digest_kind)k);
            if (!c) continue;
            const char *w = form ? shorter[k] : c == 1 ? longer[k] : plural[k];
            int r = snprintf(part + pl, sizeof part - pl, "%s%zu%s%s", pl ? " " : " \xC2\xB7 d: ",
                             c, form ? "" : " ", w);
            if (r > 0) pl += (size_t)r;
        }
        if (!pl) return; /* nothing of substance changed */
        if (tui_str_width(left) + tui_str_width(part) <= room) {
            snprintf(left + len, size - len, "%s", part);
            return;
        }
    }
}

int tui_status_right(struct tui *t, int y, const char *right)
{
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    int room = COLS - rw - 1;
    if (t->prompt) {
        tui_put_str(t, y, 0, t->prompt_char == ':' ? ":" : "/", 1, TF_STATUS);
        /* Show the end of a long pattern: the part being typed (found in
         * linear time: a pasted pattern redraws once a key). */
        const char *s = t->input + text_tail(t->input, t->ninput, (size_t)WD_MAX(room - 2, 0));
        int w = tui_put_str(t, y, 1, s, room - 2, TF_STATUS);
        move(y, 1 + w);
        return -1;
    }
    if (t->exp.stage != TUI_EXP_CLOSED) {
        tui_export_draw(t, y);
        return -1;
    }
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, room - 1, t->msg_error ? TF_ERROR : TF_STATUS);
        return -1;
    }
    return rw;
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
    int rw = tui_status_right(t, y, right);
    if (rw < 0) return; /* a prompt, the export's or a message */
    int room = COLS - rw - 1;
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
    digest_part(t, left, sizeof left, room);
    tui_put_trunc(t, y, 0, left, room, TF_STATUS);
}

void tui_draw_legend(struct tui *t, int y, const struct tui_legend *lg, size_t n)
{
    int x = 2;
    for (size_t i = 0; i < n && x < COLS; i++)
        x += tui_put_str(t, y, x, lg[i].text, COLS - x, lg[i].face);
}

/* A help line's text with "{fold}" said as the fold length in force
 * (--fold=N, fold-min in the config file, else LAYOUT_FOLD_MIN). */
static const char *help_text(const struct tui *t, const char *s, char *buf, size_t size)
{
    const char *at = strstr(s, "{fold}");
    if (!at) return s;
    int n = t->fold_min > 0 ? t->fold_min : LAYOUT_FOLD_MIN;
    snprintf(buf, size, "%.*s%d%s", (int)(at - s), s, n, at + strlen("{fold}"));
    return buf;
}

void tui_draw_help(struct tui *t)
{
    char buf[160];
    const struct tui_view_ops *ops = tui_ops(t);
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, ops->help_title, COLS, TF_HEADER);
    int y = 2, last = LINES - 2;
    for (size_t i = 0; i < ops->nhelp && y < last; i++, y++) {
        tui_put_trunc(t, y, 2, ops->help[i][0], 18, TF_HELP_KEY);
        tui_put_trunc(t, y, 22, help_text(t, ops->help[i][1], buf, sizeof buf), COLS - 23,
                      LA_PLAIN);
    }
    bool all = y < last;
    y = ops->legend(t, y, last);
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
