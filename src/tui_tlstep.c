/* tui_tlstep.c - the pair reader of a timeline's step (tui_timeline.c
 * opens it): the pair reader's keys through tui_pair_many_ops, and
 *   .  ,   the next and previous version, without going back;
 *   F      the first version against the latest, and back to the step;
 *   l      the life of the sentence at the top (timeline_life, _edits,
 *          the cut list for a sentence the newer version dropped);
 *   x      the list of cut sentences;
 *   q      back to the timeline, on the version read.
 * The gutter marks + the sentences first seen in the newer version; the
 * status line says which versions are shown and what the step changed.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "export_timeline.h"
#include "timeline.h"
#include "util.h"
#include "versions.h"

static struct timeline *tl_of(struct tui *t)
{
    return t->tl.x->tl;
}

/* Show step k (1 .. n-1, or TIMELINE_OVERALL) in the pair reader, from
 * wherever the reader is; back returns to the timeline. */
void tui_timeline_step_open(struct tui *t, size_t k)
{
    struct tui_tl *L = &t->tl;
    bool words = t->words, fold = t->fold;
    if (t->al[0]) tui_pair_close(t); /* the step shown before (from the pair or the cut list) */
    struct alignment *al = (struct alignment *)timeline_step(tl_of(t), k);
    tui_search_reset(t);
    tui_view_init(t, al, 2, words, fold);
    t->swapped = false;
    t->top = 0;
    tui_pair_roles(t);
    t->back = TUI_MODE_TIMELINE;
    t->mode = TUI_MODE_PAIR;
    L->step = k;
    if (k != TIMELINE_OVERALL) L->last_step = k;
}

/* The versions step k compares. */
static void step_versions(const struct tui_tl *L, size_t k, size_t *a, size_t *b)
{
    *a = k == TIMELINE_OVERALL ? 0 : k - 1;
    *b = k == TIMELINE_OVERALL ? L->n - 1 : k;
}

/* The version's time for messages: " (2026-11-23 17:10)", or "". */
static void time_note(struct tui *t, size_t k, char *buf, size_t size)
{
    const struct export_version *v = &t->tl.x->v[k];
    char tb[24];
    if (v->has_time)
        snprintf(buf, size, " (%s)", versions_format_time(v->time, tb, sizeof tb));
    else
        buf[0] = '\0';
}

/* l: the life of the sentence at the top of the reader. */
static void show_life(struct tui *t)
{
    struct tui_tl *L = &t->tl;
    const struct layout *l = tui_layout(t);
    if (!l) return;
    size_t nv, nr;
    const struct lay_vrow *vr = layout_vrows(l, &nv);
    size_t vi = layout_vrow_at(l, t->top);
    if (vi >= nv || vr[vi].kind != VROW_ROW) {
        tui_message(t, false, "no sentence at the top (a fold: f unfolds)");
        return;
    }
    /* rows keep their places when swapped: read the pair as aligned */
    const struct align_row *r = &align_rows(t->al[0], &nr)[vr[vi].row];
    size_t va, vb;
    step_versions(L, L->step, &va, &vb);
    struct timeline *tl = tl_of(t);
    char tn[40];
    if (r->bn == 0) {
        /* only in the older version (a moved pair's rows both name the
         * newer sentence): which step cut it */
        size_t nc;
        const struct timeline_cut *c = timeline_cuts(tl, &nc);
        for (size_t i = 0; i < nc; i++) {
            if (c[i].version != va || c[i].sentence != r->a) continue;
            time_note(t, c[i].cut_in, tn, sizeof tn);
            char back[48] = "";
            if (c[i].back_in) snprintf(back, sizeof back, "; back in v%u", c[i].back_in + 1);
            tui_message(t, false, "row %zu: first in v%u, cut in v%u%s%s", (size_t)vr[vi].row + 1,
                        c[i].born + 1, c[i].cut_in + 1, tn, back);
            return;
        }
        struct timeline_life life;
        timeline_life(tl, va, r->a, &life);
        tui_message(t, false, "row %zu: first in v%u, not in v%zu", (size_t)vr[vi].row + 1,
                    life.born + 1, vb + 1);
        return;
    }
    struct timeline_life life;
    if (timeline_life(tl, vb, r->b, &life) != WD_OK) return;
    uint32_t ed[8];
    size_t ne = timeline_edits(tl, vb, r->b, ed, WD_ARRAY_LEN(ed));
    char edits[128];
    size_t len = (size_t)snprintf(edits, sizeof edits, ne ? "; edited in" : "; never edited");
    for (size_t i = 0; i < ne && i < WD_ARRAY_LEN(ed) && len < sizeof edits; i++)
        len += (size_t)snprintf(edits + len, sizeof edits - len, "%s v%u", i ? "," : "", ed[i] + 1);
    if (ne > WD_ARRAY_LEN(ed) && len < sizeof edits)
        snprintf(edits + len, sizeof edits - len, " and %zu more", ne - WD_ARRAY_LEN(ed));
    time_note(t, life.born, tn, sizeof tn);
    char back[64] = "";
    if (life.restores >= 0) {
        size_t nc;
        const struct timeline_cut *c = timeline_cuts(tl, &nc);
        snprintf(back, sizeof back, "; back after v%u cut it", c[life.restores].cut_in + 1);
    }
    tui_message(t, false, "row %zu: first in v%u%s%s%s", (size_t)vr[vi].row + 1, life.born + 1, tn,
                edits, back);
}

static void tlpair_key(struct tui *t, const struct tui_key *k)
{
    struct tui_tl *L = &t->tl;
    if (tui_timeline_back_key(k)) {
        size_t a, b;
        step_versions(L, L->step, &a, &b);
        tui_timeline_select(t, L->step == TIMELINE_OVERALL ? L->last_step : b);
        tui_pair_close(t);
        return;
    }
    if (tui_too_small()) return;
    if (tui_is_char(k, '.') || tui_is_char(k, ',')) {
        bool next = tui_is_char(k, '.');
        size_t s = L->step;
        if (s == TIMELINE_OVERALL)
            s = next ? 1 : L->n - 1;
        else if (next ? s + 1 >= L->n : s <= 1) {
            tui_message(t, false, "%s",
                        next ? "the latest version: no later step"
                             : "the first step: no earlier version");
            return;
        } else {
            s = next ? s + 1 : s - 1;
        }
        tui_timeline_step_open(t, s);
    } else if (tui_is_char(k, 'F')) {
        tui_timeline_step_open(t, L->step == TIMELINE_OVERALL ? L->last_step : TIMELINE_OVERALL);
    } else if (tui_is_char(k, 'l')) {
        show_life(t);
    } else if (tui_is_char(k, 'x')) {
        tui_timeline_cuts_open(t);
    } else {
        tui_pair_many_ops.key(t, k);
    }
}

/* The right part of the pair reader's status line is as wide as this at
 * most (tui_chrome.c's form, hints included). */
static int status_right_width(const struct tui *t)
{
    char right[96];
    int nd = snprintf(NULL, 0, "%zu", t->nrows);
    snprintf(right, sizeof right, " %*zu/%zu 100%%  ?:help q:back ", nd, t->nrows, t->nrows);
    int w = tui_str_width(right);
    return w <= COLS / 2 ? w : w - (int)strlen("  ?:help q:back");
}

/* Where the reader is, over the counts of the status line. */
static void tlpair_status(struct tui *t)
{
    if (t->msg[0] || t->prompt || t->exp.stage != TUI_EXP_CLOSED) return;
    struct tui_tl *L = &t->tl;
    size_t a, b;
    step_versions(L, L->step, &a, &b);
    char s[256], ch[160];
    if (L->step == TIMELINE_OVERALL) {
        snprintf(s, sizeof s, " first v1 against latest v%zu of %zu  (F: back to v%zu)", b + 1,
                 L->n, L->last_step + 1);
    } else {
        export_timeline_change(tl_of(t), L->step, ch, sizeof ch);
        snprintf(s, sizeof s, " version %zu of %zu against v%zu: %s  (. , step)", b + 1, L->n,
                 a + 1, ch);
    }
    int w = COLS - status_right_width(t) - 1;
    if (w <= 0) return;
    tui_fill(t, LINES - 1, 0, w, TF_STATUS);
    tui_put_trunc(t, LINES - 1, 0, s, w, TF_STATUS);
}

/* + in the gutter beside sentences first seen in the newer version. */
static void tlpair_marks(struct tui *t, const struct layout *l)
{
    struct tui_tl *L = &t->tl;
    size_t va, vb, nv, nr;
    step_versions(L, L->step, &va, &vb);
    const struct lay_vrow *vr = layout_vrows(l, &nv);
    const struct align_row *rows = align_rows(t->al[0], &nr);
    const struct layout_opts *o = layout_get_opts(l);
    int x = t->swapped ? o->width[0] : o->width[0] + t->gutter - 1;
    int h = tui_view_height();
    for (size_t vi = layout_vrow_at(l, t->top); vi < nv; vi++) {
        if (vr[vi].y >= t->top + (uint64_t)h) break;
        if (vr[vi].kind != VROW_ROW || vr[vi].y < t->top) continue;
        const struct align_row *r = &rows[vr[vi].row];
        if (!(r->show & SHOW_B)) continue;
        bool fresh = false;
        for (uint32_t s = r->b; s < r->b + r->bn && !fresh; s++)
            fresh = timeline_is_new(tl_of(t), vb, s);
        if (fresh) tui_put_str(t, 1 + (int)(vr[vi].y - t->top), x, "+", 1, TF_GUTTER_INSERTED);
    }
}

static void tlpair_draw(struct tui *t)
{
    tui_pair_draw(t);
    const struct layout *l = tui_layout(t);
    if (!l) return;
    tlpair_marks(t, l);
    tlpair_status(t);
}

/* The timeline's keys of the pair reader, then the pair reader's own
 * (tui_pair_many_ops: q goes back). */
static const char *const help_tl_keys[][2] = {
    {".  ,", "the next / previous version (without going back)"},
    {"F", "the first version against the latest (again: back)"},
    {"l", "the top sentence's life: first version, versions edited"},
    {"x", "the sentences cut, and the version that cut each"},
};
#define TL_HELP_MAX 48
static const char *help_tlpair[TL_HELP_MAX][2];
static size_t nhelp_tlpair;

static int legend_tlpair(struct tui *t, int y, int last)
{
    y = tui_pair_ops.legend(t, y, last);
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"+", TF_GUTTER_INSERTED},
            {" first seen in the newer version (in its life so far)", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}

/* The table's help lines: the timeline's keys, then the pair reader's. */
static void help_fill(void)
{
    size_t n = 0;
    for (size_t i = 0; i < WD_ARRAY_LEN(help_tl_keys); i++, n++) {
        help_tlpair[n][0] = help_tl_keys[i][0];
        help_tlpair[n][1] = help_tl_keys[i][1];
    }
    for (size_t i = 0; i < tui_pair_many_ops.nhelp && n < TL_HELP_MAX; i++, n++) {
        help_tlpair[n][0] = tui_pair_many_ops.help[i][0];
        help_tlpair[n][1] = tui_pair_many_ops.help[i][1];
    }
    nhelp_tlpair = n;
}

static void tlpair_resized(struct tui *t)
{
    tui_pair_many_ops.resized(t);
}

const struct tui_view_ops *tui_tlpair_ops(void)
{
    static struct tui_view_ops ops = {
        .name = "pair",
        .draw = tlpair_draw,
        .key = tlpair_key,
        .resized = tlpair_resized,
        .help_title = " wirediff keys: a version against the one before",
        .help = (const char *const(*)[2])help_tlpair,
        .legend = legend_tlpair,
    };
    if (!nhelp_tlpair) help_fill();
    ops.nhelp = nhelp_tlpair;
    return &ops;
}
