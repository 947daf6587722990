/* export_text.c - the side-by-side text export: two columns from the
 * layout and a gutter, plain or with SGR codes (export_side_by_side, which
 * export_ansi.c dresses in the reader's colours). */
#include "config.h"

#include "export.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "layout.h"
#include "text.h"
#include "util.h"

/* ---- text: side by side ------------------------------------------------------
 * Two columns and a gutter of GUTTER_W columns whose middle character gives
 * the row kind: ' ' same, '|' changed, '<' deleted, '>' inserted, 'm' moved,
 * '?' a weak pair (changed or moved, similarity under ALIGN_WEAK_SIM); the
 * characters beside it the roles of the sentences left and right that are
 * not story text (role.h role_mark: h headline, d dateline, c caption or
 * credit, a byline, b boilerplate).  A same row's characters that differ
 * only in case, quote style or dashes are marked {~x~} (or underlined).
 * Rows are aligned: every row is as tall as its taller side.  Inside pairs
 * the differing words are marked [-old-] {+new+} (plain text) or coloured
 * (ANSI, export_ansi.c).  Where a moved sentence left, the empty side says
 * where it went ("(moved to line N)"), and where it arrived, where it came
 * from; N counts lines of the whole output.  With a row range only the
 * display rows showing those rows are written, and a partner outside it is
 * "(moved to a row not shown)". */

#define GUTTER_W     5
#define TEXT_MIN_COL 8

struct text_out {
    FILE *f;
    const struct export_style *style;
    char *buf; /* one piece's text */
    size_t cap;
    char *ln; /* the output line being built */
    size_t nln, capln;
    uint64_t line; /* lines written so far */
};

static void ln_put(struct text_out *t, const char *s, size_t n)
{
    if (t->nln + n + 1 > t->capln) xgrow(&t->ln, &t->capln, t->nln + n + 1, 1);
    memcpy(t->ln + t->nln, s, n);
    t->nln += n;
}

static void ln_puts(struct text_out *t, const char *s)
{
    ln_put(t, s, strlen(s));
}

/* s[0..n) in SGR style sgr (NULL: plain), closed again after it. */
static void ln_styled(struct text_out *t, const char *sgr, const char *s, size_t n)
{
    if (sgr && n) {
        ln_puts(t, "\033[");
        ln_puts(t, sgr);
        ln_put(t, "m", 1);
    }
    ln_put(t, s, n);
    if (sgr && n) ln_puts(t, "\033[0m");
}

static void ln_pad(struct text_out *t, int n)
{
    for (; n > 0; n--)
        ln_put(t, " ", 1);
}

/* Write the line without trailing blanks and start a new one. */
static void ln_end(struct text_out *t)
{
    while (t->nln && t->ln[t->nln - 1] == ' ')
        t->nln--;
    ln_put(t, "\n", 1);
    fwrite(t->ln, 1, t->nln, t->f);
    t->nln = 0;
    t->line++;
}

static char gutter_char(const struct align_row *r)
{
    if (align_row_weak(r)) return '?';
    switch (r->kind) {
    case ROW_SAME:
        return ' ';
    case ROW_CHANGED:
        return '|';
    case ROW_DELETED:
        return '<';
    case ROW_INSERTED:
        return '>';
    default:
        return 'm';
    }
}

/* Write line k of one side (or blanks) padded to width cols; dim (the
 * style's boiler) draws the text of a sentence that is not the story. */
static void put_cell(struct text_out *t, const struct layout *l, int side, const struct lay_vrow *v,
                     uint32_t k, int cols, const char *note, bool dim)
{
    size_t nl, np;
    const struct lay_line *lines = layout_lines(l, &nl);
    const struct lay_piece *pieces = layout_pieces(l, &np);
    int used = 0;
    if (k < v->nline[side]) {
        const struct lay_line *ln = &lines[v->line[side] + k];
        for (uint32_t q = 0; q < ln->npiece; q++) {
            const struct lay_piece *p = &pieces[ln->piece + q];
            ln_pad(t, p->col - used);
            used = WD_MAX(used, (int)p->col);
            size_t n = layout_piece_text(l, side, p, &t->buf, &t->cap);
            const char *sgr = p->attr < LA_COUNT ? t->style->attr[p->attr] : NULL;
            if (dim && p->attr != LA_MARK && p->attr != LA_FOLD) sgr = t->style->boiler;
            ln_styled(t, sgr, t->buf, n);
            /* its width as the layout counted it, which is the drawn one
             * (layout_piece_text): up to the next piece, or the line's end */
            used += (q + 1 < ln->npiece ? p[1].col : ln->width) - p->col;
        }
    } else if (note && note[0] && k == 0) {
        ln_styled(t, t->style->note, note, strlen(note));
        used = (int)text_width(note, strlen(note));
    }
    if (side == SIDE_A) ln_pad(t, cols - used);
}

static void text_header(struct text_out *t, const struct alignment *al,
                        const struct export_view *view)
{
    const struct align_stats *st = align_get_stats(al);
    for (int side = 0; side < 2; side++) {
        char head[80];
        export_side_summary(head, sizeof head, st, side);
        size_t start = t->nln;
        ln_put(t, side ? "+++ " : "--- ", 4);
        ln_puts(t, doc_name(align_doc(al, side)));
        ln_put(t, ": ", 2);
        ln_puts(t, head);
        if (t->style->header) { /* style the whole line */
            char *text = xstrndup(t->ln + start, t->nln - start);
            t->nln = start;
            ln_styled(t, t->style->header, text, strlen(text));
            free(text);
        }
        ln_end(t);
        /* where it came from, a field a line */
        struct export_source src;
        export_source_fields(align_doc(al, side), &src);
        for (size_t i = 0; i < src.n; i++) {
            ln_put(t, "    ", 4);
            ln_puts(t, src.label[i]);
            ln_put(t, ": ", 2);
            char *v = escape_str(src.value[i]);
            ln_puts(t, v);
            free(v);
            ln_end(t);
        }
    }
    char hidden[64];
    export_hidden_note(hidden, sizeof hidden, al, view);
    if (hidden[0]) {
        ln_put(t, "    ", 4);
        ln_puts(t, hidden);
        ln_end(t);
    }
}

/* Is the first sentence side shows in row r not the story (role.h)? */
static bool not_story(const struct alignment *al, const struct align_row *r, int side)
{
    uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
    if (!(r->show & (1u << side)) || n == 0) return false;
    size_t ns;
    return role_not_story(sent_role(&doc_sentences(align_doc(al, side), &ns)[first]));
}

/* s cut to at most w display columns, an ellipsis ending what is cut. */
static void ln_puts_fit(struct text_out *t, const char *s, size_t w)
{
    size_t n = strlen(s), used = 0, i = 0;
    if (text_width(s, n) <= w) {
        ln_puts(t, s);
        return;
    }
    while (i < n) {
        int cw;
        size_t next = text_next_cluster(s, n, i, &cw);
        if (used + (size_t)cw + 1 > w) break;
        used += (size_t)cw;
        i = next;
    }
    ln_put(t, s, i);
    ln_puts(t, "\xE2\x80\xA6");
}

/* The digest, first (--digest): a summary line, then an item a line, each
 * cut to the width of the page. */
static void text_digest(struct text_out *t, const struct digest *dg, size_t width)
{
    char line[1024], row[1100];
    digest_summary(dg, line, sizeof line);
    snprintf(row, sizeof row, "What changed: %s", line);
    ln_puts_fit(t, row, width);
    ln_end(t);
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    for (size_t i = 0; i < n; i++) {
        digest_item_text(&it[i], line, sizeof line);
        char *shown = escape_str(line);
        snprintf(row, sizeof row, "  row %-4zu %s", it[i].row + 1, shown);
        free(shown);
        ln_puts_fit(t, row, width);
        ln_end(t);
    }
}

/* Does display row v show a row in the view's range? */
static bool vrow_in_range(const struct export_view *w, const struct lay_vrow *v)
{
    return !w->range || (v->row <= w->last_row && v->row + v->nrows - 1 >= w->first_row);
}

/* The display rows of one comparison being written, for text_rows. */
struct text_rows {
    const struct export_input *in;
    const struct export_style *style;
    const struct alignment *al;
    const struct layout *l;
    const struct lay_vrow *vr;
    const struct align_row *rows;
    size_t first;      /* the first display row written */
    uint64_t y0, base; /* its screen line, and its output line */
    int cols;
};

/* Write display rows first + from .. first + to - 1 to out (export_chunks). */
static void text_rows(void *arg, FILE *out, size_t from, size_t to)
{
    const struct text_rows *tr = arg;
    const struct export_view *view = &tr->in->view;
    const struct alignment *al = tr->al;
    const struct lay_vrow *vr = tr->vr;
    struct text_out o = {.f = out, .style = tr->style}, *t = &o;
    char note[64];
    for (size_t i = tr->first + from; i < tr->first + to; i++) {
        const struct lay_vrow *v = &vr[i];
        const struct align_row *r = v->kind == VROW_ROW ? &tr->rows[v->row] : NULL;
        note[0] = '\0';
        if (r && r->kind == ROW_MOVED && r->partner >= 0) {
            const char *dir = (r->show & SHOW_A) ? "to" : "from";
            const struct lay_vrow *pv = &vr[layout_vrow_of_row(tr->l, (size_t)r->partner)];
            bool hidden = view->skip && view->skip[r->partner];
            if (!hidden && vrow_in_range(view, pv))
                snprintf(note, sizeof note, "(moved %s line %llu)", dir,
                         (unsigned long long)(tr->base + (pv->y - tr->y0)));
            else
                snprintf(note, sizeof note, "(moved %s a row not shown)", dir);
        }
        char ra = r ? align_role_mark(al, r, SIDE_A) : ' ';
        char rb = r ? align_role_mark(al, r, SIDE_B) : ' ';
        bool dim[2] = {r && not_story(al, r, SIDE_A), r && not_story(al, r, SIDE_B)};
        for (uint32_t k = 0; k < v->height; k++) {
            put_cell(t, tr->l, SIDE_A, v, k, tr->cols, note, dim[0]);
            char g = r && k == 0 ? gutter_char(r) : ' ';
            char role[2] = {k == 0 ? ra : ' ', k == 0 ? rb : ' '};
            ln_put(t, " ", 1);
            ln_styled(t, role[0] != ' ' ? t->style->role : NULL, &role[0], 1);
            const char *sgr = r && g != ' ' ? t->style->gutter[r->kind] : NULL;
            if (r && g == '?') sgr = t->style->weak;
            ln_styled(t, sgr, &g, 1);
            ln_styled(t, role[1] != ' ' ? t->style->role : NULL, &role[1], 1);
            ln_put(t, " ", 1);
            put_cell(t, tr->l, SIDE_B, v, k, tr->cols, note, dim[1]);
            ln_end(t);
        }
    }
    free(o.buf);
    free(o.ln);
}

static void text_cmp(struct text_out *t, const struct export_input *in, const struct export_cmp *c)
{
    const struct alignment *al = c->al;
    int width = in->view.width > 0 ? in->view.width : 160;
    int cols = WD_MAX((width - GUTTER_W) / 2, TEXT_MIN_COL);
    text_header(t, al, &in->view);
    if (in->view.digest && c->dg) text_digest(t, c->dg, (size_t)(2 * cols + GUTTER_W));
    struct layout_opts lo;
    layout_default_opts(&lo, cols, cols);
    lo.words = in->view.words;
    lo.fold = in->view.fold;
    if (in->view.fold_min > 0) lo.fold_min = in->view.fold_min;
    lo.marks = t->style->marks;
    lo.skip = in->view.skip;
    lo.unfold = in->view.unfold;
    struct layout *l = layout_build(al, &lo);
    size_t nv, nr;
    const struct lay_vrow *vr = layout_vrows(l, &nv);
    /* The display rows written, and the output line the first starts on
     * (the layout lines before a range are not written). */
    size_t first = 0;
    while (first < nv && !vrow_in_range(&in->view, &vr[first]))
        first++;
    size_t end = first;
    while (end < nv && vrow_in_range(&in->view, &vr[end]))
        end++;
    struct text_rows tr = {
        .in = in,
        .style = t->style,
        .al = al,
        .l = l,
        .vr = vr,
        .rows = align_rows(al, &nr),
        .first = first,
        .y0 = first < nv ? vr[first].y : 0,
        .base = t->line + 1,
        .cols = cols,
    };
    export_chunks(t->f, end - first, EXPORT_CHUNK, text_rows, &tr);
    if (end > first) t->line += vr[end - 1].y + vr[end - 1].height - tr.y0;
    layout_free(l);
}

enum wd_status export_side_by_side(FILE *f, const struct export_input *in,
                                   const struct export_style *style)
{
    struct text_out t = {.f = f, .style = style};
    /* comparisons and runs of "Only in" lines, a blank line between two */
    bool prev = false;
    for (size_t k = 0; k <= in->ncmps; k++) {
        bool run = false;
        for (size_t i = 0; i < in->nonly; i++) {
            if (in->only[i].at != k) continue;
            if (!run && prev) ln_end(&t);
            run = prev = true;
            char *s = export_only_text(&in->only[i]);
            ln_styled(&t, style->only[in->only[i].side], s, strlen(s));
            ln_end(&t);
            free(s);
        }
        if (k == in->ncmps) break;
        if (prev) ln_end(&t);
        text_cmp(&t, in, &in->cmps[k]);
        prev = true;
    }
    free(t.buf);
    free(t.ln);
    return ferror(f) ? WD_EIO : WD_OK;
}

enum wd_status export_text(FILE *f, const struct export_input *in)
{
    static const struct export_style plain = {.marks = true};
    return export_side_by_side(f, in, &plain);
}
