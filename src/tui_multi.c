/* tui_multi.c - the multi-column view: one document, the pivot, against
 * every other one at once.
 *
 * The pivot is the leftmost column; the others follow, as many as fit at
 * MULTI_MIN_W columns each, and h / l scroll through the rest.  Each screen
 * row is one pivot sentence, in order, and each other column shows beside
 * it the sentence(s) of its document paired with it in align(pivot, other):
 * the same sentence plain, a reworded one with its own inserted words
 * marked (LA_INS), a moved one with a mark; nothing (a '<' mark) when the
 * document lacks it.  Sentences of another document that pair with no pivot
 * sentence (its own: what it added) stand where they stand in it, in rows
 * of their own between the pivot rows, tinted as inserted text and marked
 * '+' (colmap.h); its header counts them ("+12").  When a pair joins
 * several pivot sentences with one of the other document, that one stands
 * beside the first and the others get a ditto mark.  Documents that share
 * nothing with the pivot can be hidden (o), and are when more than four
 * documents are open.
 *
 * Cost: the alignments come from the cache (tui_corpus.c) and each column
 * is laid out once per width (layout.h, the other document's side; the
 * pivot's side is not wrapped); the row index (which pivot sentences are
 * shown and how tall each is) depends on the columns shown and is rebuilt
 * only when they, the width, the word marks or hiding change.  Scrolling
 * by lines is a binary search in that index; drawing visits the lines on
 * screen.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "util.h"

/* Narrowest column (display columns, rule excluded) when several fit. */
#define MULTI_MIN_W 30
/* Columns of a column's gutter: a mark and a space. */
#define MULTI_GUTTER 2
/* Width given to the side of a layout that is not shown: no wrapping. */
#define UNWRAPPED 65535

static size_t ndocs(const struct tui *t)
{
    return t->cx->ndocs;
}

/* The other documents that can be shown (the pivot's others, less those
 * hidden by o). */
static size_t nothers(const struct tui *t)
{
    return t->mv.nvis;
}

/* The document shown in other-column position i (0-based among vis). */
static size_t other_doc(const struct tui *t, size_t i)
{
    return t->mv.vis[i];
}

/* The documents beside the pivot, the hidden ones left out. */
static void set_visible(struct tui *t)
{
    struct tui_multi *mv = &t->mv;
    free(mv->vis);
    mv->vis = xmalloc((ndocs(t) ? ndocs(t) : 1) * sizeof *mv->vis);
    mv->nvis = 0;
    for (size_t o = 0; o < ndocs(t); o++)
        if (o != mv->pivot && !(mv->hide_none && mv->cols[o].overlap <= 0))
            mv->vis[mv->nvis++] = (uint32_t)o;
    mv->valid = false;
}

/* Document o's position among the visible others (0 when hidden). */
static size_t vis_index(const struct tui *t, size_t o)
{
    for (size_t i = 0; i < t->mv.nvis; i++)
        if (t->mv.vis[i] == o) return i;
    return 0;
}

static void free_cols(struct tui *t)
{
    struct tui_multi *mv = &t->mv;
    if (mv->cols)
        for (size_t k = 0; k < ndocs(t); k++) {
            colmap_free(&mv->cols[k].map);
            layout_free(mv->cols[k].l);
        }
    free(mv->cols);
    mv->cols = NULL;
    layout_free(mv->selfl);
    mv->selfl = NULL;
    if (mv->self) align_free(mv->self);
    mv->self = NULL;
}

void tui_multi_free(struct tui *t)
{
    if (!t->cx) return;
    free_cols(t);
    free(t->mv.rows);
    free(t->mv.ry);
    free(t->mv.vis);
    memset(&t->mv, 0, sizeof t->mv);
}

void tui_multi_open(struct tui *t, size_t p, size_t first_doc)
{
    struct tui_multi *mv = &t->mv;
    if (!mv->opened) {
        mv->hide_none = ndocs(t) > 4;
        mv->opened = true;
    }
    if (!mv->cols || mv->pivot != p) {
        free_cols(t);
        mv->pivot = p;
        mv->cols = xcalloc(ndocs(t), sizeof *mv->cols);
        mv->valid = false;
        mv->kept_valid = false;
        mv->top = 0;
        size_t np;
        const struct corpus_pair *pairs = corpus_pairs(t->cx->c, &np);
        for (size_t i = 0; i < np; i++)
            if (pairs[i].a == p || pairs[i].b == p)
                mv->cols[pairs[i].a == p ? pairs[i].b : pairs[i].a].overlap = pairs[i].overlap;
        set_visible(t);
    }
    mv->first = mv->want_first = first_doc == SIZE_MAX ? 0 : vis_index(t, first_doc);
    t->mode = TUI_MODE_MULTI;
}

/* ---- geometry and the per-column model ------------------------------------ */

/* Columns on screen, the pivot included, and their width. */
static int ncolumns(const struct tui *t, int *width)
{
    int k = WD_MAX((COLS + 1) / (MULTI_MIN_W + 1), 2);
    k = (int)WD_MIN((size_t)k, nothers(t) + 1);
    *width = (COLS - (k - 1)) / k;
    return k;
}

/* The first other column asked for, or less so that the last screen of
 * columns is full. */
static void clamp_first(struct tui *t, int k)
{
    size_t shown = (size_t)(k - 1), no = nothers(t);
    size_t lim = no > shown ? no - shown : 0;
    t->mv.first = WD_MIN(t->mv.want_first, lim);
}

static size_t pivot_sentences(const struct tui *t)
{
    size_t n;
    doc_sentences(t->cx->docs[t->mv.pivot], &n);
    return n;
}

static struct layout *lay_side(const struct alignment *al, int side, int width, bool words)
{
    struct layout_opts o;
    layout_default_opts(&o, side ? UNWRAPPED : width, side ? width : UNWRAPPED);
    o.words = words;
    o.fold = false;
    return layout_build(al, &o);
}

/* The pivot's own column: the pivot aligned with itself (one same row per
 * sentence), laid out at width w. */
static void ensure_self(struct tui *t, int w)
{
    struct tui_multi *mv = &t->mv;
    if (!mv->self) {
        const struct doc *d = t->cx->docs[mv->pivot];
        mv->self = align_docs(d, d, t->cx->ctx, &t->cx->ao);
        struct tui_mcol *c = &mv->cols[mv->pivot];
        if (c->mapped) colmap_free(&c->map);
        colmap_build(&c->map, mv->self, pivot_sentences(t));
        c->mapped = true;
        c->al = mv->self;
    }
    if (!mv->selfl || mv->selfw != w) {
        layout_free(mv->selfl);
        mv->selfl = lay_side(mv->self, SIDE_A, w, false);
        mv->selfw = w;
    }
}

/* Column of document o, aligned and laid out at text width w. */
static struct tui_mcol *ensure_col(struct tui *t, size_t o, int w)
{
    struct tui_mcol *c = &t->mv.cols[o];
    if (!c->al) {
        c->al = tui_corpus_align(t->cx, t->mv.pivot, o);
        colmap_build(&c->map, c->al, pivot_sentences(t));
        c->mapped = true;
        const struct align_stats *st = align_get_stats(c->al);
        c->unpaired = st->sentences[SIDE_B] - st->matched[SIDE_B];
    }
    if (!c->l || c->width != w || c->words != t->words) {
        layout_free(c->l);
        c->l = lay_side(c->al, SIDE_B, w, t->words);
        c->width = w;
        c->words = t->words;
    }
    return c;
}

static ptrdiff_t cell(const struct tui_mcol *c, size_t i, int side, enum col_mark *mark)
{
    return colmap_cell(&c->map, c->al, i, side, mark);
}

/* Lines of column c (side) beside pivot sentence i. */
static uint32_t cell_lines(const struct tui_mcol *c, const struct layout *l, size_t i, int side)
{
    enum col_mark m;
    ptrdiff_t r = cell(c, i, side, &m);
    if (r < 0) return 0;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    return (size_t)r < nv ? v[r].nline[side] : 0;
}

/* Is own row r of column c (document o) shown (not hidden boilerplate)? */
static bool own_shown(const struct tui *t, const struct tui_mcol *c, size_t o, uint32_t r)
{
    if (!t->hide_boiler) return true;
    size_t nr;
    const struct align_row *w = &align_rows(c->al, &nr)[r];
    const uint8_t *bp = corpus_boilerplate(t->cx->c, o);
    for (uint32_t q = w->b; q < w->b + w->bn; q++)
        if (!bp[q]) return true;
    return false;
}

/* Lines of the own sentences of gap g in column c (document o). */
static uint64_t gap_lines(const struct tui *t, const struct tui_mcol *c, size_t o, size_t g)
{
    size_t lo, hi, nv;
    colmap_gap(&c->map, g, &lo, &hi);
    const struct lay_vrow *v = layout_vrows(c->l, &nv);
    uint64_t h = 0;
    for (size_t k = lo; k < hi; k++) {
        uint32_t r = c->map.own[k];
        if (r < nv && own_shown(t, c, o, r)) h += v[r].nline[SIDE_B];
    }
    return h;
}

/* ---- the row index --------------------------------------------------------- */

static size_t row_at(const struct tui_multi *mv, uint64_t y)
{
    size_t lo = 0, hi = mv->nrows;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (mv->ry[mid] <= y)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static uint64_t max_top(const struct tui_multi *mv)
{
    uint64_t h = mv->nrows ? mv->ry[mv->nrows] : 0, vh = (uint64_t)tui_view_height();
    return h > vh ? h - vh : 0;
}

/* Make sure the columns shown are built and the row index is theirs;
 * returns the number of other columns shown and sets *w (column width). */
static int prepare(struct tui *t, int *w)
{
    struct tui_multi *mv = &t->mv;
    int k = ncolumns(t, w);
    clamp_first(t, k);
    int tw = WD_MAX(*w - MULTI_GUTTER, 1), shown = k - 1;
    ensure_self(t, tw);
    for (int c = 0; c < shown; c++)
        ensure_col(t, other_doc(t, mv->first + (size_t)c), tw);
    if (mv->valid && mv->kfirst == mv->first && mv->kncols == shown && mv->kwidth == *w &&
        mv->kwords == t->words && mv->khide == t->hide_boiler)
        return shown;
    /* Where the view is, in sentences, to find it again. */
    size_t anchor = 0;
    uint64_t off = 0;
    if (mv->valid && mv->kept_valid && mv->top == mv->kept_top) {
        anchor = mv->kept_sent;
        off = mv->kept_off;
    } else if (mv->valid && mv->nrows) {
        size_t i = row_at(mv, mv->top);
        anchor = mv->rows[i];
        off = mv->top - mv->ry[i];
    }
    bool placed = mv->valid; /* an anchor to find again */
    if (!mv->valid && mv->goto_valid) { /* P: the counterpart at the top */
        anchor = 2 * mv->goto_sent + 1;
        off = 0;
        placed = true;
    }
    mv->goto_valid = false;
    size_t np = pivot_sentences(t);
    const uint8_t *bp = corpus_boilerplate(t->cx->c, mv->pivot);
    xgrow(&mv->rows, &mv->caprows, 2 * np + 2, sizeof *mv->rows);
    free(mv->ry);
    mv->ry = xmalloc((2 * np + 2) * sizeof *mv->ry);
    mv->nrows = 0;
    uint64_t y = 0;
    const struct tui_mcol *self = &mv->cols[mv->pivot];
    for (size_t i = 0; i <= np; i++) {
        /* the own sentences of the columns before pivot sentence i */
        uint64_t gh = 0;
        for (int c = 0; c < shown; c++) {
            size_t o = other_doc(t, mv->first + (size_t)c);
            gh = WD_MAX(gh, gap_lines(t, &mv->cols[o], o, i));
        }
        if (gh) {
            mv->rows[mv->nrows] = (uint32_t)(2 * i);
            mv->ry[mv->nrows++] = y;
            y += gh + 1;
        }
        if (i == np || (t->hide_boiler && bp[i])) continue;
        uint32_t h = cell_lines(self, mv->selfl, i, SIDE_A);
        for (int c = 0; c < shown; c++) {
            const struct tui_mcol *col = &mv->cols[other_doc(t, mv->first + (size_t)c)];
            h = WD_MAX(h, cell_lines(col, col->l, i, SIDE_B));
        }
        mv->rows[mv->nrows] = (uint32_t)(2 * i + 1);
        mv->ry[mv->nrows++] = y;
        y += WD_MAX(h, 1u) + 1; /* a blank line between rows */
    }
    mv->ry[mv->nrows] = y;
    mv->top = 0;
    if (placed && mv->nrows) {
        size_t j = 0;
        while (j < mv->nrows && mv->rows[j] < anchor)
            j++;
        if (j == mv->nrows) j = mv->nrows - 1;
        uint64_t h = mv->ry[j + 1] - mv->ry[j];
        mv->top = mv->ry[j] + (mv->rows[j] == anchor && off < h ? off : 0);
    }
    if (mv->top > max_top(mv)) mv->top = max_top(mv); /* rows went: no empty screen */
    mv->kept_valid = placed && mv->nrows;
    mv->kept_sent = anchor;
    mv->kept_off = off;
    mv->kept_top = mv->top;
    mv->valid = true;
    mv->kfirst = mv->first;
    mv->kncols = shown;
    mv->kwidth = *w;
    mv->kwords = t->words;
    mv->khide = t->hide_boiler;
    return shown;
}

/* ---- keys ------------------------------------------------------------------ */

/* Does any shown column differ from the pivot in slot v (a row of own
 * sentences always does)? */
static bool row_differs(struct tui *t, uint32_t v, int shown)
{
    if (v % 2 == 0) return true;
    size_t i = v / 2;
    for (int c = 0; c < shown; c++) {
        enum col_mark m;
        cell(&t->mv.cols[other_doc(t, t->mv.first + (size_t)c)], i, SIDE_B, &m);
        if (m == CM_CHANGED || m == CM_MOVED || m == CM_MISSING) return true;
    }
    return false;
}

/* ] and [: the next / previous row where a shown column differs ([ inside
 * such a row goes back to its start first). */
static void jump_diff(struct tui *t, bool forward)
{
    int w;
    int shown = prepare(t, &w);
    struct tui_multi *mv = &t->mv;
    if (mv->nrows == 0) return;
    size_t cur = row_at(mv, mv->top);
    if (forward) {
        for (size_t j = cur + 1; j < mv->nrows; j++)
            if (row_differs(t, mv->rows[j], shown)) {
                mv->top = mv->ry[j];
                return;
            }
    } else {
        size_t j = mv->top > mv->ry[cur] ? cur + 1 : cur;
        while (j-- > 0)
            if (row_differs(t, mv->rows[j], shown)) {
                mv->top = mv->ry[j];
                return;
            }
    }
    tui_message(t, false, "no more differences %s in these columns", forward ? "below" : "above");
}

/* The pivot sentence at the top of the view (of the own sentences of a
 * gap, the pivot sentence after it; np at the end). */
static size_t top_sentence(const struct tui *t)
{
    const struct tui_multi *mv = &t->mv;
    if (!mv->valid || !mv->nrows) return 0;
    uint32_t slot = mv->rows[row_at(mv, mv->top)];
    return slot / 2; /* 2i + 1 -> i; 2g -> g */
}

/* The sentence of document b that old's sentence s (or, unmatched, the
 * first matched one after it) stands beside in their alignment; SIZE_MAX
 * when none does. */
static size_t counterpart(struct tui *t, size_t old, size_t b, size_t s)
{
    const struct alignment *al = tui_corpus_align(t->cx, old, b);
    size_t nr, best = SIZE_MAX, best_a = SIZE_MAX;
    const struct align_row *rows = align_rows(al, &nr);
    for (size_t i = 0; i < nr; i++) {
        const struct align_row *r = &rows[i];
        if (!(r->show & SHOW_A) || !r->an || !r->bn || r->a + r->an <= s) continue;
        if (r->a < best_a) { /* the first matched sentence at or after s */
            best_a = r->a;
            best = r->b;
        }
    }
    return best;
}

static void set_pivot(struct tui *t, size_t p)
{
    size_t old = t->mv.pivot;
    if (p == old) return;
    size_t s = top_sentence(t);
    size_t to = s > 0 ? counterpart(t, old, p, s) : SIZE_MAX;
    /* The old pivot becomes the first column shown beside the new one. */
    tui_multi_open(t, p, old);
    if (to != SIZE_MAX) {
        t->mv.goto_sent = to;
        t->mv.goto_valid = true;
        tui_message(t, false, "pivot: %zu %s, at its sentence %zu (beside %zu's %zu)", p,
                    doc_label(t->cx->docs[p]), to + 1, old, s + 1);
    } else {
        tui_message(t, false, "pivot: %zu %s", p, doc_label(t->cx->docs[p]));
    }
}

void tui_multi_key(struct tui *t, const struct tui_key *k)
{
    struct tui_multi *mv = &t->mv;
    if (tui_too_small()) { /* only leaving makes sense on the notice */
        if (tui_is_char(k, 'q')) t->mode = TUI_MODE_OVERVIEW;
        return;
    }
    int w;
    int shown = prepare(t, &w);
    bool home, end;
    int64_t d = tui_scroll_amount(k, tui_view_height(), &home, &end);
    if (d || home || end) {
        if (home) {
            mv->top = 0;
        } else if (end) {
            mv->top = max_top(mv);
        } else if (d < 0) {
            mv->top = mv->top > (uint64_t)-d ? mv->top - (uint64_t)-d : 0;
        } else {
            uint64_t lim = WD_MAX(max_top(mv), mv->top);
            mv->top = mv->top + (uint64_t)d < lim ? mv->top + (uint64_t)d : lim;
        }
        return;
    }
    int c = k->code;
    if (k->fn) {
        switch (c) {
        case KEY_LEFT:
            c = 'h';
            break;
        case KEY_RIGHT:
            c = 'l';
            break;
        case KEY_ENTER:
            c = '\r';
            break;
        case KEY_BACKSPACE:
            c = 127;
            break;
        case KEY_F(1):
            c = '?';
            break;
        default:
            return;
        }
    }
    switch (c) {
    case 'q':
    case 27 /* Esc */:
    case 8:
    case 127:
        t->mode = TUI_MODE_OVERVIEW;
        break;
    case 'h':
        if (mv->first > 0) mv->first--;
        mv->want_first = mv->first;
        break;
    case 'l':
        if (mv->first + (size_t)shown < nothers(t)) mv->first++;
        mv->want_first = mv->first;
        break;
    case 'p':
        if (shown > 0) set_pivot(t, other_doc(t, mv->first));
        break;
    case 'P':
        if (ndocs(t) > 1) set_pivot(t, (mv->pivot + 1) % ndocs(t));
        break;
    case '\r':
    case '\n':
        if (shown > 0) tui_pair_open(t, mv->pivot, other_doc(t, mv->first), TUI_MODE_MULTI);
        break;
    case ']':
        jump_diff(t, true);
        break;
    case '[':
        jump_diff(t, false);
        break;
    case 'w':
        t->words = !t->words;
        tui_message(t, false, "word marks %s", t->words ? "on" : "off");
        break;
    case 'o': {
        size_t keep = shown > 0 ? other_doc(t, mv->first) : SIZE_MAX;
        mv->hide_none = !mv->hide_none;
        set_visible(t);
        mv->first = mv->want_first = keep == SIZE_MAX ? 0 : vis_index(t, keep);
        size_t hidden = nothers(t) + 1 < ndocs(t) ? ndocs(t) - 1 - nothers(t) : 0;
        if (mv->hide_none)
            tui_message(t, false, "%zu document%s sharing nothing with the pivot hidden", hidden,
                        hidden == 1 ? "" : "s");
        else
            tui_message(t, false, "every document shown");
        break;
    }
    case 'e':
        if (ndocs(t) > 1) tui_export_open(t, false);
        break;
    case 'B':
        t->hide_boiler = !t->hide_boiler;
        tui_message(t, false, "boilerplate %s", t->hide_boiler ? "hidden" : "shown (dimmed)");
        break;
    case 'r':
    case 12 /* ^L */:
        clearok(curscr, TRUE);
        break;
    case '?':
        t->help = true;
        break;
    default:
        tui_unknown_key(t);
        break;
    }
}

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
    ptrdiff_t r = cell(c, i, side, &m);
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
    tui_draw_lay_line(t, l, side, &lines[v[r].line[side] + li], y, x + MULTI_GUTTER, &dim);
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
        if (r >= nv || !own_shown(t, c, o, r)) continue;
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
        tui_draw_lay_line(t, c->l, SIDE_B, &lines[v[r].line[SIDE_B] + li], y, x + MULTI_GUTTER,
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
        size_t o = other_doc(t, mv->first + (size_t)c);
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
    size_t cur = mv->nrows ? row_at(mv, mv->top) : 0;
    uint64_t h = mv->nrows ? mv->ry[mv->nrows] : 0, bottom = mv->top + (uint64_t)tui_view_height();
    int pct = h == 0 || bottom >= h ? 100 : (int)(bottom * 100 / h);
    char right[96], left[200];
    int nd = snprintf(NULL, 0, "%zu", pivot_sentences(t));
    /* the pivot sentence shown first (own rows: the one before them) */
    snprintf(right, sizeof right, " %*zu/%zu %3d%%  ?:help q:back ", nd,
             mv->nrows ? WD_MAX((size_t)(mv->rows[cur] + 1) / 2, (size_t)1) : 0,
             pivot_sentences(t), pct);
    if (tui_str_width(right) > COLS / 2) snprintf(right, sizeof right, " %3d%% ", pct);
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    if (t->exp.stage != TUI_EXP_CLOSED) {
        tui_export_draw(t, y);
        return;
    }
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, COLS - rw - 2, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    /* A column whose alignment hit the diff's cost limit (huge, very
     * different inputs) is approximate: say so before the hints. */
    bool approx = false, missed = false;
    for (int c = 0; c < shown; c++) {
        const struct alignment *al = mv->cols[other_doc(t, mv->first + (size_t)c)].al;
        approx = approx || (al && align_get_stats(al)->limited);
        missed = missed || (al && align_get_stats(al)->pairs_limited);
    }
    static const char *const hints[] = {"  h/l: scroll  p: pivot  Enter: pair", "  h/l p Enter",
                                        ""};
    size_t nhidden = ndocs(t) - 1 - nothers(t);
    char hid[48] = "";
    if (nhidden) snprintf(hid, sizeof hid, " (%zu hidden: o)", nhidden);
    for (size_t f = 0; f < WD_ARRAY_LEN(hints); f++) {
        if (shown == 0)
            snprintf(left, sizeof left, " no other document%s", hid);
        else
            snprintf(left, sizeof left, " columns %zu-%zu of %zu%s%s%s", mv->first + 1,
                     mv->first + (size_t)shown, nothers(t), hid,
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
    int shown = prepare(t, &w);
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
    size_t i = row_at(mv, mv->top);
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
            size_t o = other_doc(t, mv->first + (size_t)c);
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
