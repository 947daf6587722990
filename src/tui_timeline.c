/* tui_timeline.c - the versions of one article in the reader
 * (--timeline): views behind struct tui_view_ops.
 *
 *  - the timeline: one line per version, oldest first: its time, name,
 *    size, what changed against the version before and a bar of how much;
 *    runs of minor versions (white space, case, quote or dash style only)
 *    fold into one line (a shows them).  Enter opens version i against
 *    i-1 in the pair reader, F the first against the latest.
 *  - the pair reader of a step, in tui_tlstep.c: . , step to the next
 *    and previous version without going back, F compares the first with
 *    the latest, l tells a sentence's life, x opens the cut list.
 *  - the cut list: every sentence a step cut, the version that cut it,
 *    where it first appeared and where it came back; Enter shows it in
 *    the step that cut it.
 *
 * Every step is aligned when the view opens (timeline_build_all, on
 * parallel threads): the list shows all their summaries at once, and a
 * step key then only lays out an alignment already made.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "export_timeline.h"
#include "timeline.h"
#include "util.h"
#include "versions.h"

/* Bar cells at most (share 1), and the columns a version's name may take. */
#define TL_BAR_MAX  20
#define TL_NAME_MAX 24

static struct timeline *tl_of(struct tui *t)
{
    return t->tl.x->tl;
}

static bool is_minor(struct tui *t, size_t k)
{
    return k > 0 && timeline_summary(tl_of(t), k)->change == TIMELINE_MINOR;
}

/* The list's lines: every version, or runs of minor ones folded. */
static void build_lines(struct tui *t)
{
    struct tui_tl *L = &t->tl;
    L->nlines = 0;
    for (size_t k = 0; k < L->n; k++) {
        if (!L->minor && is_minor(t, k)) {
            size_t j = k;
            while (j + 1 < L->n && is_minor(t, j + 1))
                j++;
            L->lines[L->nlines++] = TUI_TL_FOLD | (uint32_t)k;
            k = j;
            continue;
        }
        L->lines[L->nlines++] = (uint32_t)k;
    }
}

/* The line showing version k (its fold when folded). */
static size_t line_of(const struct tui_tl *L, size_t k)
{
    size_t best = 0;
    for (size_t i = 0; i < L->nlines; i++)
        if ((L->lines[i] & ~TUI_TL_FOLD) <= k) best = i;
    return best;
}

/* The version of line i (a fold: its first). */
static size_t version_of(const struct tui_tl *L, size_t i)
{
    return L->lines[i] & ~TUI_TL_FOLD;
}

static size_t folded_count(struct tui *t)
{
    size_t n = 0;
    for (size_t k = 0; k < t->tl.n && !t->tl.minor; k++)
        n += is_minor(t, k);
    return n;
}

void tui_timeline_init(struct tui *t, const struct tui_opts *o)
{
    struct tui_tl *L = &t->tl;
    L->x = o->timeline;
    L->n = timeline_count(L->x->tl);
    timeline_build_all(L->x->tl);
    L->lines = xcalloc(L->n, sizeof *L->lines);
    build_lines(t);
    L->step = L->last_step = 1;
    t->mode = TUI_MODE_TIMELINE;
}

void tui_timeline_free(struct tui *t)
{
    free(t->tl.lines);
    t->tl.lines = NULL;
}

static int list_height(void)
{
    return WD_MAX(LINES - 3, 1);
}

static void follow(size_t *sel, size_t *top, size_t n)
{
    size_t h = (size_t)list_height();
    if (n == 0) return;
    if (*sel >= n) *sel = n - 1;
    if (*sel < *top) *top = *sel;
    if (*sel >= *top + h) *top = *sel - h + 1;
    if (*top + h > n) *top = n > h ? n - h : 0;
}

static void move_sel(size_t *sel, size_t n, int64_t d, bool home, bool end)
{
    if (n == 0) return;
    if (home) *sel = 0;
    if (end) *sel = n - 1;
    int64_t s = (int64_t)*sel + d;
    *sel = s < 0 ? 0 : (size_t)s >= n ? n - 1 : (size_t)s;
}

bool tui_timeline_back_key(const struct tui_key *k)
{
    return tui_is_char(k, 'q') || tui_is_char(k, 27) || tui_is_char(k, 127) || tui_is_char(k, 8) ||
           (k->fn && k->code == KEY_BACKSPACE);
}

void tui_timeline_cuts_open(struct tui *t)
{
    t->tl.cback = t->mode;
    t->mode = TUI_MODE_TLCUTS;
}

void tui_timeline_select(struct tui *t, size_t k)
{
    t->tl.sel = line_of(&t->tl, k);
}

static bool is_open(const struct tui_key *k)
{
    return (k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) || tui_is_char(k, '\r') ||
           tui_is_char(k, '\n');
}

/* ---- the timeline ------------------------------------------------------------ */

static void timeline_key(struct tui *t, const struct tui_key *k)
{
    struct tui_tl *L = &t->tl;
    if (tui_is_char(k, 'q')) {
        t->quit = true;
        return;
    }
    if (tui_too_small()) return;
    bool home, end;
    int64_t d = tui_scroll_amount(k, list_height(), &home, &end);
    if (d || home || end) {
        move_sel(&L->sel, L->nlines, d, home, end);
    } else if (is_open(k) || tui_is_char(k, 'l')) {
        size_t v = version_of(L, L->sel);
        if (L->lines[L->sel] & TUI_TL_FOLD) {
            L->minor = true; /* a fold opens: its versions are shown */
            build_lines(t);
            L->sel = line_of(L, v);
            tui_message(t, false, "minor versions shown (a folds them)");
        } else {
            tui_timeline_step_open(t, v == 0 ? 1 : v);
        }
    } else if (tui_is_char(k, 'F')) {
        tui_timeline_step_open(t, TIMELINE_OVERALL);
    } else if (tui_is_char(k, 'a')) {
        size_t v = version_of(L, L->sel);
        L->minor = !L->minor;
        build_lines(t);
        L->sel = line_of(L, v);
        tui_message(t, false, "minor versions %s", L->minor ? "shown" : "folded");
    } else if (tui_is_char(k, ']') || tui_is_char(k, '[')) {
        /* the next / previous version that edited the text */
        bool fwd = tui_is_char(k, ']');
        for (size_t i = L->sel; fwd ? i + 1 < L->nlines : i > 0;) {
            i = fwd ? i + 1 : i - 1;
            size_t v = version_of(L, i);
            if (!(L->lines[i] & TUI_TL_FOLD) && v > 0 &&
                timeline_summary(tl_of(t), v)->change == TIMELINE_EDITED) {
                L->sel = i;
                return;
            }
        }
        tui_message(t, false, "no %s edited version", fwd ? "later" : "earlier");
    } else if (tui_is_char(k, 'x')) {
        tui_timeline_cuts_open(t);
    } else if (tui_is_char(k, 'e')) {
        tui_export_open(t, false);
    }
}

enum wd_status tui_timeline_write(struct tui *t, FILE *f)
{
    struct export_view view = {.width = COLS,
                               .words = t->words,
                               .fold = t->fold,
                               .timestamp = t->exp.stamp,
                               .theme = &t->theme};
    return export_timeline(f, (enum export_format)t->exp.format, t->tl.x, &view,
                           t->no_digest ? 0 : -1);
}

/* Widths of the list's columns. */
struct tl_cols {
    int num, time, name, size, bar;
};

static struct tl_cols columns(struct tui *t)
{
    struct tl_cols c = {.num = snprintf(NULL, 0, "%zu", t->tl.n), .time = 16, .name = 7, .size = 8};
    /* "2026-11-23 17:10", or with seconds when a version has them */
    for (size_t k = 0; k < t->tl.n; k++)
        if (t->tl.x->v[k].has_time && t->tl.x->v[k].time % 60) c.time = 19;
    for (size_t k = 0; k < t->tl.n; k++)
        c.name = WD_MAX(c.name, tui_str_width(doc_label(timeline_doc(tl_of(t), k))));
    c.name = WD_MIN(c.name, WD_MIN(TL_NAME_MAX, WD_MAX(COLS / 5, 7)));
    c.bar = WD_MIN(TL_BAR_MAX, WD_MAX(COLS / 8, 4));
    return c;
}

static void draw_line(struct tui *t, int y, size_t i, const struct tl_cols *c)
{
    struct tui_tl *L = &t->tl;
    bool sel = i == L->sel;
    size_t k = version_of(L, i);
    if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
    char s[256];
    if (L->lines[i] & TUI_TL_FOLD) {
        size_t j = k;
        while (j + 1 < L->n && is_minor(t, j + 1))
            j++;
        char which[96];
        if (j > k)
            snprintf(which, sizeof which, "v%zu-v%zu: %zu minor versions", k + 1, j + 1, j - k + 1);
        else
            snprintf(which, sizeof which, "v%zu: a minor version", k + 1);
        snprintf(s, sizeof s, "%*s  \xE2\x80\xA6 %s (white space, case, quotes, dashes; a shows)",
                 c->num, "", which);
        tui_put_trunc(t, y, 1, s, COLS - 1, sel ? TF_SELECT : LA_FOLD);
        return;
    }
    struct timeline *tl = tl_of(t);
    const struct doc *d = timeline_doc(tl, k);
    const struct export_version *v = &L->x->v[k];
    int face = sel ? TF_SELECT : LA_PLAIN;
    int x = 1;
    snprintf(s, sizeof s, "%*zu", c->num, k + 1);
    x += tui_put_str(t, y, x, s, COLS - x, face) + 2;
    char tb[24];
    tui_put_trunc(t, y, x, v->has_time ? versions_format_time(v->time, tb, sizeof tb) : "-",
                  WD_MAX(COLS - x, 0), face);
    x += c->time + 2;
    if (x >= COLS) return;
    tui_put_trunc(t, y, x, doc_label(d), WD_MIN(c->name, COLS - x), face);
    x += c->name + 2;
    if (x >= COLS) return;
    size_t len;
    doc_bytes(d, &len);
    export_timeline_size(len, s, sizeof s);
    int sw = tui_str_width(s);
    tui_put_str(t, y, x + WD_MAX(c->size - sw, 0), s, WD_MIN(c->size, COLS - x), face);
    x += c->size + 2;
    if (x >= COLS) return;
    int barx = COLS - c->bar - 1;
    export_timeline_change(tl, k, s, sizeof s);
    if (v->subject) { /* a commit: its subject after the change */
        char *subj = escape_str(v->subject);
        size_t end = strlen(s);
        snprintf(s + end, sizeof s - end, " \xC2\xB7 %s", subj);
        free(subj);
    }
    const struct timeline_summary *sm = k ? timeline_summary(tl, k) : NULL;
    int cface = sel                             ? TF_SELECT
                : !sm                           ? TF_LABEL
                : sm->unrelated                 ? TF_ERROR
                : sm->change != TIMELINE_EDITED ? LA_FOLD
                                                : LA_PLAIN;
    tui_put_trunc(t, y, x, s, WD_MAX(barx - 1 - x, 0), cface);
    if (!sm || sm->change == TIMELINE_NO_CHANGE || barx <= x) return;
    int cells = (int)(sm->share * (float)c->bar + 0.5f);
    cells = WD_MAX(1, WD_MIN(cells, c->bar));
    for (int b = 0; b < cells; b++)
        tui_put_str(t, y, barx + b, t->utf8 ? "\xE2\x96\x88" : "#", 1,
                    sel ? TF_SELECT : tui_heat_face(sm->share));
}

static void timeline_draw(struct tui *t)
{
    struct tui_tl *L = &t->tl;
    follow(&L->sel, &L->top, L->nlines);
    struct tl_cols c = columns(t);
    char s[512];
    snprintf(s, sizeof s,
             " wirediff \xC2\xB7 timeline \xC2\xB7 %zu versions of %s \xC2\xB7 order: %s", L->n,
             doc_label(timeline_doc(tl_of(t), L->n - 1)), L->x->order);
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, s, COLS, TF_HEADER);
    int x = 1 + c.num + 2;
    tui_put_str(t, 1, 1, "#", c.num, TF_LABEL);
    tui_put_trunc(t, 1, x, "time", WD_MAX(COLS - x, 0), TF_LABEL);
    x += c.time + 2;
    if (x < COLS) tui_put_trunc(t, 1, x, "version", WD_MIN(c.name, COLS - x), TF_LABEL);
    x += c.name + 2;
    if (x + c.size < COLS) tui_put_str(t, 1, x + c.size - 4, "size", 4, TF_LABEL);
    x += c.size + 2;
    if (x < COLS) {
        const char *label = "change against the version before";
        int room = COLS - c.bar - 2 - x;
        tui_put_trunc(t, 1, x, tui_str_width(label) <= room ? label : "change", WD_MAX(room, 0),
                      TF_LABEL);
    }
    for (int i = 0; i < list_height() && L->top + (size_t)i < L->nlines; i++)
        draw_line(t, 2 + i, L->top + (size_t)i, &c);
    /* status */
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    size_t v = L->nlines ? version_of(L, L->sel) : 0;
    char right[96];
    int nd = snprintf(NULL, 0, "%zu", L->n);
    snprintf(right, sizeof right, " v%*zu/%zu  ?:help q:quit ", nd, v + 1, L->n);
    if (tui_str_width(right) > COLS / 2)
        snprintf(right, sizeof right, " v%*zu/%zu ", nd, v + 1, L->n);
    int rw = tui_status_right(t, y, right);
    if (rw < 0) return; /* the export's prompt or a message */
    size_t folded = folded_count(t);
    char fold[64] = "";
    if (folded) snprintf(fold, sizeof fold, " \xC2\xB7 %zu minor folded (a)", folded);
    snprintf(s, sizeof s,
             " version %zu of %zu%s \xC2\xB7 Enter: against the one before \xC2\xB7 F: first vs "
             "latest",
             v + 1, L->n, fold);
    tui_put_trunc(t, y, 0, s, COLS - rw - 1, TF_STATUS);
}

/* ---- the cut list -------------------------------------------------------------- */

static void cut_open(struct tui *t, const struct timeline_cut *c)
{
    tui_timeline_step_open(t, c->cut_in);
    size_t nr;
    const struct align_row *rows = align_rows(t->al[0], &nr);
    for (size_t r = 0; r < nr; r++)
        if ((rows[r].show & SHOW_A) && rows[r].an && c->sentence >= rows[r].a &&
            c->sentence < rows[r].a + rows[r].an) {
            tui_goto_row(t, r);
            break;
        }
}

static void tlcuts_key(struct tui *t, const struct tui_key *k)
{
    struct tui_tl *L = &t->tl;
    size_t nc;
    const struct timeline_cut *c = timeline_cuts(tl_of(t), &nc);
    if (tui_timeline_back_key(k) || tui_is_char(k, 'x')) {
        t->mode = L->cback;
        return;
    }
    if (tui_too_small()) return;
    bool home, end;
    int64_t d = tui_scroll_amount(k, list_height(), &home, &end);
    if (d || home || end)
        move_sel(&L->csel, nc, d, home, end);
    else if ((is_open(k) || tui_is_char(k, 'l')) && nc)
        cut_open(t, &c[L->csel]);
}

static void tlcuts_draw(struct tui *t)
{
    struct tui_tl *L = &t->tl;
    size_t nc;
    const struct timeline_cut *c = timeline_cuts(tl_of(t), &nc);
    follow(&L->csel, &L->ctop, nc);
    char s[256];
    snprintf(s, sizeof s, " wirediff \xC2\xB7 timeline \xC2\xB7 %zu sentence%s cut", nc,
             nc == 1 ? "" : "s");
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, s, COLS, TF_HEADER);
    tui_put_trunc(t, 1, 1, "cut in  first in  back in  sentence", COLS - 1, TF_LABEL);
    if (nc == 0) tui_put_str(t, 2, 1, "(no step cut a sentence)", COLS - 1, LA_FOLD);
    for (int i = 0; i < list_height() && L->ctop + (size_t)i < nc; i++) {
        size_t ci = L->ctop + (size_t)i;
        int y = 2 + i;
        bool sel = ci == L->csel;
        if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
        char back[16] = "-";
        if (c[ci].back_in) snprintf(back, sizeof back, "v%u", c[ci].back_in + 1);
        snprintf(s, sizeof s, "v%-6u  v%-7u  %-7s  ", c[ci].cut_in + 1, c[ci].born + 1, back);
        int x = 1 + tui_put_str(t, y, 1, s, COLS - 1, sel ? TF_SELECT : LA_PLAIN);
        if (x >= COLS) continue;
        size_t ns;
        const struct doc *d = timeline_doc(tl_of(t), c[ci].version);
        const struct sentence *st = doc_sentences(d, &ns);
        const char *bytes = doc_bytes(d, NULL);
        /* the sentence on one line: controls and line breaks as spaces */
        size_t len = st[c[ci].sentence].end - st[c[ci].sentence].start;
        char *line = xstrndup(bytes + st[c[ci].sentence].start, len);
        for (size_t j = 0; j < len; j++)
            if ((unsigned char)line[j] < 0x20 || line[j] == 0x7F) line[j] = ' ';
        tui_put_trunc(t, y, x, line, COLS - x, sel ? TF_SELECT : LA_DELETED);
        free(line);
    }
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, COLS - 2, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    snprintf(s, sizeof s, " %zu/%zu  Enter: in the step that cut it  q: back", nc ? L->csel + 1 : 0,
             nc);
    tui_put_trunc(t, y, 0, s, COLS, TF_STATUS);
}

/* ---- help ------------------------------------------------------------------------ */

static const char *const help_timeline[][2] = {
    {"j  k  Down  Up", "select the next / previous version"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / latest version"},
    {"]  [", "next / previous version that edited the text"},
    {"Enter  l  Right", "this version against the one before (q comes back)"},
    {"F", "the first version against the latest"},
    {"a", "show / fold minor versions (white space, case, quotes, dashes)"},
    {"x", "the sentences cut, and the version that cut each"},
    {"e", "export the whole timeline (html md txt ansi json)"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Q  ^C", "quit"},
};

static int legend_timeline(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"+2 added, -1 cut, ~3 reworded, 1 moved, headline", LA_PLAIN},
            {": sentences, against the version before", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"no change", LA_FOLD},
            {" the same bytes  ", LA_PLAIN},
            {"minor", LA_FOLD},
            {" only white space, case, quotes, dashes", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"unrelated", TF_ERROR},
            {" no sentence shared with the version before (said, not refused)", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}

static const char *const help_tlcuts[][2] = {
    {"j  k  Down  Up", "select the next / previous sentence"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last"},
    {"Enter  l  Right", "the sentence in the step that cut it"},
    {"q  x  Esc", "back"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"Q  ^C", "quit"},
};

static int legend_tlcuts(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"cut in: the first version without it; back in: where it returned", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}

const struct tui_view_ops tui_timeline_ops = {
    .name = "timeline",
    .draw = timeline_draw,
    .key = timeline_key,
    .resized = NULL,
    .help_title = " wirediff keys: the timeline",
    .help = help_timeline,
    .nhelp = WD_ARRAY_LEN(help_timeline),
    .legend = legend_timeline,
};

const struct tui_view_ops tui_tlcuts_ops = {
    .name = "cuts",
    .draw = tlcuts_draw,
    .key = tlcuts_key,
    .resized = NULL,
    .help_title = " wirediff keys: sentences cut",
    .help = help_tlcuts,
    .nhelp = WD_ARRAY_LEN(help_tlcuts),
    .legend = legend_tlcuts,
};
