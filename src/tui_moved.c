/* tui_moved.c - a moved sentence beside its counterpart (M in the pair
 * reader).  The reader shows the two halves of a moved pair at their own
 * places, often screens apart; this view puts the one at A's place and the
 * one at B's place side by side, with their word marks, so that they can
 * be compared without jumping.  ] and [ go to the next and previous moved
 * pair, Enter goes to it in the reader, M, q or Esc go back where the
 * reader was. */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

/* The moved pairs' rows at A's place (SHOW_A), ascending: at most one per
 * pair. */
static bool a_half(const struct align_row *r)
{
    return r->kind == ROW_MOVED && (r->show & SHOW_A) && r->partner >= 0;
}

/* The moved pair nearest at or below display row `from` (or above it when
 * none is below): its row at A's place, or SIZE_MAX when none. */
static size_t nearest(struct tui *t, size_t from)
{
    size_t nr, best = SIZE_MAX;
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    for (size_t k = 0; k < t->nmoves; k++) {
        size_t r = t->moves[k];
        if (tui_row_hidden(t, r)) continue;
        /* either half on screen counts: its pair */
        size_t a = a_half(&rows[r]) ? r : (size_t)rows[r].partner;
        if (!a_half(&rows[a])) continue;
        if (r >= from) return a;
        best = a;
    }
    return best;
}

void tui_moved_open(struct tui *t)
{
    const struct layout *l = tui_layout(t);
    if (!l) return;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t at = layout_vrow_at(l, t->top);
    size_t from = at < nv ? v[at].row : 0;
    size_t a = nearest(t, from);
    if (a == SIZE_MAX) {
        tui_message(t, false, "no moved sentences");
        return;
    }
    t->mvrow = a;
    t->mvtop = 0;
    t->mode = TUI_MODE_MOVED;
}

/* The display rows of the pair (A's place, B's place). */
static void halves(struct tui *t, const struct layout *l, const struct lay_vrow **va,
                   const struct lay_vrow **vb)
{
    size_t nv, nr;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    size_t ia = layout_vrow_of_row(l, t->mvrow);
    size_t ib = layout_vrow_of_row(l, (size_t)rows[t->mvrow].partner);
    *va = ia < nv && v[ia].kind == VROW_ROW && v[ia].row == t->mvrow ? &v[ia] : NULL;
    *vb = ib < nv && v[ib].kind == VROW_ROW && v[ib].row == (uint32_t)rows[t->mvrow].partner
              ? &v[ib]
              : NULL;
}

static uint32_t height(const struct lay_vrow *va, const struct lay_vrow *vb)
{
    return WD_MAX(va ? va->nline[SIDE_A] : 0, vb ? vb->nline[SIDE_B] : 0);
}

static void moved_draw(struct tui *t)
{
    const struct layout *l = tui_layout(t);
    tui_draw_header(t, l);
    const struct lay_vrow *va, *vb;
    halves(t, l, &va, &vb);
    size_t nr, nv;
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    const struct align_row *r = &rows[t->mvrow];
    const struct lay_vrow *vrows = layout_vrows(l, &nv);
    const struct layout_opts *o = layout_get_opts(l);
    int x0[2] = {0, o->width[0] + t->gutter};
    int h = tui_view_height();
    uint32_t total = height(va, vb);
    if (t->mvtop + (uint32_t)h > total) t->mvtop = total > (uint32_t)h ? total - (uint32_t)h : 0;
    const struct lay_vrow *half[2] = {va, vb};
    for (int y = 0; y < h; y++) {
        uint32_t li = t->mvtop + (uint32_t)y;
        if (li == 0) {
            char mark[8];
            snprintf(mark, sizeof mark, "%s", t->utf8 ? "\xE2\x86\x95" : "m");
            tui_put_str(t, y + 1, o->width[0] + t->gutter / 2, mark, 1, TF_GUTTER_MOVED);
        }
        for (int side = 0; side < 2; side++) {
            const struct lay_vrow *v = half[side];
            if (!v || li >= v->nline[side]) continue;
            struct tui_dim dim;
            tui_row_dim(t, v, side, &dim);
            size_t nl;
            const struct lay_line *lines = layout_row_lines(l, (size_t)(v - vrows), side, &nl);
            tui_draw_lay_line(t, l, side, &lines[li], y + 1, x0[side], &dim);
        }
    }
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, COLS - 2, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    char s[200];
    snprintf(s, sizeof s,
             " moved: row %zu (left, its place in A) beside row %ld (right, its place in B), "
             "%.0f%% alike  ]/[: next/previous  Enter: go  M q: back",
             t->mvrow + 1, (long)r->partner + 1, 100.0 * r->sim);
    tui_put_trunc(t, y, 0, s, COLS, TF_STATUS);
}

/* ] and [: the next / previous moved pair (by its place in A). */
static void step(struct tui *t, bool forward)
{
    size_t nr;
    const struct align_row *rows = align_rows(tui_al(t), &nr);
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < t->nmoves; k++) {
        size_t r = t->moves[k];
        if (!a_half(&rows[r]) || tui_row_hidden(t, r)) continue;
        if (forward && r > t->mvrow && best == SIZE_MAX) best = r;
        if (!forward && r < t->mvrow) best = r;
    }
    if (best == SIZE_MAX) {
        tui_message(t, false, "no moved sentence %s", forward ? "below" : "above");
        return;
    }
    t->mvrow = best;
    t->mvtop = 0;
}

static void moved_key(struct tui *t, const struct tui_key *k)
{
    if (tui_is_char(k, 'q') || tui_is_char(k, 'M') || tui_is_char(k, 27) ||
        tui_is_char(k, 127) || tui_is_char(k, 8) || (k->fn && k->code == KEY_BACKSPACE)) {
        t->mode = TUI_MODE_PAIR;
        return;
    }
    if (tui_is_char(k, '\n') || tui_is_char(k, '\r') || (k->fn && k->code == KEY_ENTER)) {
        t->mode = TUI_MODE_PAIR;
        tui_goto_row(t, t->mvrow);
        return;
    }
    if (tui_is_char(k, ']')) {
        step(t, true);
        return;
    }
    if (tui_is_char(k, '[')) {
        step(t, false);
        return;
    }
    bool home = false, end = false;
    int64_t by = tui_scroll_amount(k, tui_view_height(), &home, &end);
    if (home) t->mvtop = 0;
    else if (end)
        t->mvtop = UINT32_MAX / 2; /* clamped when drawn */
    else if (by < 0)
        t->mvtop = (uint32_t)-by > t->mvtop ? 0 : t->mvtop - (uint32_t)-by;
    else if (by > 0)
        t->mvtop += (uint32_t)WD_MIN(by, (int64_t)UINT32_MAX / 4);
}

static const char *const help_moved[][2] = {
    {"j  k  Down  Up", "scroll one line (long sentences)"},
    {"]  [", "the next / previous moved sentence"},
    {"Enter", "go to it in the reader"},
    {"M  q  Esc", "back to the reader"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"Q  ^C", "quit"},
};

static int legend_moved(struct tui *t, int y, int last)
{
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "The sentence at its place in the left document beside the one at its "
                      "place in the right, with the words that differ marked.",
                      COLS - 3, LA_PLAIN);
    (void)t;
    return y;
}

const struct tui_view_ops tui_moved_ops = {
    .name = "moved",
    .draw = moved_draw,
    .key = moved_key,
    .resized = NULL,
    .help_title = " wirediff keys: a moved sentence beside its counterpart",
    .help = help_moved,
    .nhelp = WD_ARRAY_LEN(help_moved),
    .legend = legend_moved,
};
