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

/* ---- inline: one column, wdiff style ----------------------------------------
 * One line per alignment row: same sentences as they are (characters that
 * differ only in case, quote style or dashes as {~a~>b~}), deleted ones as
 * [-text-], inserted ones as {+text+}, pairs with their differing words
 * marked the same way; after a row the roles of its sentences that are not
 * story text, "(caption)", and a weak pair's similarity.  A moved sentence
 * shows as [-text-] where it left, with "(moved to line N)", and as a
 * marked pair where it arrived, with "(moved from line N)": N is the line
 * of the output holding the other place (counted from 1 at the first line
 * written, as an editor or less -N numbers it).  With folding, a run of
 * identical sentences is one line "… N identical sentences"; with a row
 * range (the reader's E) only those rows are written.
 * Runs of white space (and line breaks) inside a sentence print as one
 * space, so a row is always one line. */

static void put_text(FILE *f, const char *s, uint32_t start, uint32_t end)
{
    bool space = false;
    for (uint32_t i = start; i < end;) {
        int32_t cp;
        size_t l = text_decode(s, end, i, &cp);
        if (text_is_space(cp)) {
            space = true;
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            /* a control: not shown, and no word boundary either */
        } else {
            if (space) putc(' ', f);
            space = false;
            char m[ESCAPE_CP_MAX];
            if (cp == TEXT_REPLACEMENT && !text_valid_at(s, end, i))
                fputs("\xEF\xBF\xBD", f);
            else if (escape_is_bidi(cp)) /* shown, as in every format (export_char) */
                fwrite(m, 1, escape_cp(cp, m), f);
            else
                fwrite(s + i, 1, l, f);
        }
        i += (uint32_t)l;
    }
}

static bool gap_has_space(const char *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
            (unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

/* Whole sentences first .. first+n-1 of d, space-separated. */
static void put_sentences(FILE *f, const struct doc *d, uint32_t first, uint32_t n)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    const char *bytes = doc_bytes(d, NULL);
    for (uint32_t k = first; k < first + n; k++) {
        if (k > first) putc(' ', f);
        put_text(f, bytes, s[k].start, s[k].end);
    }
}

/* The inline form's colours (view.color): SGR parameters per face, "" for
 * none; each coloured stretch is closed on its line. */
struct inl {
    FILE *f;
    bool color;
    char sgr[TF_COUNT][THEME_SGR_MAX];
};

static void inl_init(struct inl *o, FILE *f, const struct export_view *v)
{
    o->f = f;
    o->color = v->color;
    if (!o->color) return;
    struct theme dark;
    const struct theme *t = v->theme;
    if (!t) {
        theme_init(&dark, THEME_DARK);
        t = &dark;
    }
    for (int k = 0; k < TF_COUNT; k++)
        theme_sgr(&t->face[k], o->sgr[k]);
}

/* Start face k (nothing without colour, or when it changes nothing). */
static void inl_on(struct inl *o, int k)
{
    if (o->color && o->sgr[k][0]) fprintf(o->f, "\033[%sm", o->sgr[k]);
}

static void inl_off(struct inl *o, int k)
{
    if (o->color && o->sgr[k][0]) fputs("\033[0m", o->f);
}

/* open, sentences first .. first+n-1 of d, close: a one-sided run in face k */
static void inl_marked(struct inl *o, int k, const char *open, const struct doc *d, uint32_t first,
                       uint32_t n, const char *close)
{
    inl_on(o, k);
    fputs(open, o->f);
    put_sentences(o->f, d, first, n);
    fputs(close, o->f);
    inl_off(o, k);
}

static void put_pair(struct inl *o, const struct alignment *al, const struct align_row *r,
                     bool words)
{
    FILE *f = o->f;
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    if (!words) {
        inl_marked(o, LA_DELETED, "[-", da, r->a, r->an, "-]");
        putc(' ', f);
        inl_marked(o, LA_INSERTED, "{+", db, r->b, r->bn, "+}");
        return;
    }
    size_t nops;
    const struct wop *ops = align_ops(al, &nops);
    const char *ta = doc_bytes(da, NULL), *tb = doc_bytes(db, NULL);
    uint32_t last_a = UINT32_MAX, last_b = UINT32_MAX;
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *w = &ops[r->op + k];
        bool sep = false;
        if (k > 0) {
            if (w->kind != WOP_INS && last_a != UINT32_MAX)
                sep = gap_has_space(ta, last_a, w->a_start) || w->a_start < last_a;
            else if (w->kind != WOP_DEL && last_b != UINT32_MAX)
                sep = gap_has_space(tb, last_b, w->b_start) || w->b_start < last_b;
            else
                sep = true;
        }
        if (sep) putc(' ', f);
        if (w->kind == WOP_EQUAL) {
            put_text(f, ta, w->a_start, w->a_end);
        } else if (w->kind == WOP_DEL) {
            inl_on(o, LA_DEL);
            fputs("[-", f);
            put_text(f, ta, w->a_start, w->a_end);
            fputs("-]", f);
            inl_off(o, LA_DEL);
        } else {
            inl_on(o, LA_INS);
            fputs("{+", f);
            put_text(f, tb, w->b_start, w->b_end);
            fputs("+}", f);
            inl_off(o, LA_INS);
        }
        if (w->kind != WOP_INS) last_a = w->a_end;
        if (w->kind != WOP_DEL) last_b = w->b_end;
    }
}

/* A same row whose characters differ only in case, quote style or dashes:
 * A's text with each difference as {~a~>b~}. */
static void put_folded(FILE *f, const struct alignment *al, const struct align_row *r)
{
    const char *ta = doc_bytes(align_doc(al, SIDE_A), NULL);
    const char *tb = doc_bytes(align_doc(al, SIDE_B), NULL);
    size_t ns, nops;
    const struct sentence *sa = &doc_sentences(align_doc(al, SIDE_A), &ns)[r->a];
    const struct wop *ops = align_ops(al, &nops);
    uint32_t at = sa->start;
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *o = &ops[r->op + k];
        put_text(f, ta, at, o->a_start);
        if (o->a_start > at && gap_has_space(ta, o->a_start - 1, o->a_start)) putc(' ', f);
        fputs("{~", f);
        put_text(f, ta, o->a_start, o->a_end);
        fputs("~>", f);
        put_text(f, tb, o->b_start, o->b_end);
        fputs("~}", f);
        at = o->a_end; /* put_text writes the white space after it */
    }
    put_text(f, ta, at, sa->end);
}

/* The note after a moved row: the output line of its partner (the first
 * block is on line first), or that the partner is not written (a row
 * range, a hidden row). */
static void moved_note(struct inl *o, const struct align_row *r, const struct export_block *b,
                       size_t nb, uint64_t first)
{
    const char *dir = (r->show & SHOW_A) ? "to" : "from";
    size_t pi = r->partner >= 0 ? export_block_of_row(b, nb, (size_t)r->partner) : nb;
    putc(' ', o->f);
    inl_on(o, TF_NOTE);
    if (pi < nb)
        fprintf(o->f, "(moved %s line %llu)", dir, (unsigned long long)(first + pi));
    else
        fprintf(o->f, "(moved %s a row not shown)", dir);
    inl_off(o, TF_NOTE);
}

/* One comparison from output line *line on (1 for the first written);
 * leaves *line at the line after it. */
static void inline_cmp(struct inl *o, const struct export_input *in, const struct export_cmp *c,
                       uint64_t *line)
{
    FILE *f = o->f;
    const struct alignment *al = c->al;
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    for (int side = 0; side < 2; side++) {
        const struct doc *d = side ? db : da;
        inl_on(o, TF_LABEL);
        fputs(side ? "+++ " : "--- ", f);
        fputs(doc_name(d), f);
        inl_off(o, TF_LABEL);
        putc('\n', f);
        struct export_source src;
        export_source_fields(d, &src);
        for (size_t i = 0; i < src.n; i++) {
            char *v = escape_str(src.value[i]);
            fprintf(f, "    %s: %s\n", src.label[i], v);
            free(v);
        }
        *line += 1 + src.n; /* the names and values are escaped: a line each */
    }
    char hidden[64];
    export_hidden_note(hidden, sizeof hidden, al, &in->view);
    if (hidden[0]) {
        fprintf(f, "    %s\n", hidden);
        (*line)++;
    }
    if (in->view.digest && c->dg) {
        export_digest_text(f, c->dg);
        size_t ni;
        digest_items(c->dg, &ni);
        *line += 1 + ni; /* "What changed:", then an item a line */
    }
    size_t nr, nb;
    const struct align_row *rows = align_rows(al, &nr);
    struct export_block *blocks = export_blocks(al, &in->view, &nb);
    uint64_t first = *line; /* every block is one line */
    *line += nb;
    for (size_t i = 0; i < nb; i++) {
        if (blocks[i].fold) {
            inl_on(o, LA_FOLD);
            fprintf(f, "\xE2\x80\xA6 %zu identical sentence%s", blocks[i].nrows,
                    blocks[i].nrows == 1 ? "" : "s");
            inl_off(o, LA_FOLD);
            putc('\n', f);
            continue;
        }
        const struct align_row *r = &rows[blocks[i].row];
        switch (r->kind) {
        case ROW_SAME:
            if (in->view.words && r->nop)
                put_folded(f, al, r);
            else
                put_sentences(f, da, r->a, r->an);
            break;
        case ROW_DELETED:
            inl_marked(o, LA_DELETED, "[-", da, r->a, r->an, "-]");
            break;
        case ROW_INSERTED:
            inl_marked(o, LA_INSERTED, "{+", db, r->b, r->bn, "+}");
            break;
        case ROW_CHANGED:
            put_pair(o, al, r, in->view.words);
            break;
        case ROW_MOVED:
        default:
            if (r->show & SHOW_A)
                inl_marked(o, LA_DELETED, "[-", da, r->a, r->an, "-]");
            else
                put_pair(o, al, r, in->view.words);
            moved_note(o, r, blocks, nb, first);
            break;
        }
        export_row_notes(f, al, r, " (", ")");
        putc('\n', f);
    }
    free(blocks);
}

enum wd_status export_inline(FILE *f, const struct export_input *in)
{
    struct inl o;
    inl_init(&o, f, &in->view);
    bool prev = false; /* as export_side_by_side */
    uint64_t line = 1;
    for (size_t k = 0; k <= in->ncmps; k++) {
        bool run = false;
        for (size_t i = 0; i < in->nonly; i++) {
            if (in->only[i].at != k) continue;
            if (!run && prev) {
                putc('\n', f);
                line++;
            }
            run = prev = true;
            char *s = export_only_text(&in->only[i]);
            int face = in->only[i].side == SIDE_A ? LA_DELETED : LA_INSERTED;
            inl_on(&o, face);
            fputs(s, f);
            inl_off(&o, face);
            putc('\n', f);
            line++;
            free(s);
        }
        if (k == in->ncmps) break;
        if (prev) {
            putc('\n', f);
            line++;
        }
        inline_cmp(&o, in, &in->cmps[k], &line);
        prev = true;
    }
    return ferror(f) ? WD_EIO : WD_OK;
}

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
