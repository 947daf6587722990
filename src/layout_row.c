/* layout_row.c - one display row of a layout: each side of its alignment
 * row, or a fold marker, cut into lines and pieces (layout_int.h). */
#include "config.h"

#include "layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swar.h"
#include "text.h"
#include "util.h"

/* Layout is one pass over the alignment.  Each side of each row is laid out
 * sentence by sentence with greedy line filling (the traditional "first
 * fit" method that Knuth & Plass, "Breaking Paragraphs into Lines", 1981,
 * start from: put as much on a line as fits, then break), measured in
 * display columns of grapheme clusters (text.h).  The text of a
 * sentence is cut into units, the stretches between break opportunities:
 *  - white space is a break opportunity and is dropped at a break, so no
 *    line starts or ends with it (no-break spaces U+00A0, U+2007, U+202F
 *    are not white space here);
 *  - next to a CJK character there is a break opportunity without any
 *    space (UAX #14 class ID), except before closing punctuation and small
 *    kana and after opening brackets (the basic kinsoku rules of JIS X 4051);
 *  - a unit wider than the column starts on a line of its own and is broken
 *    between clusters; the last part continues like any other unit.
 * Attributes never influence where lines break: they only cut the text of a
 * line into pieces.
 *
 * Widths: a TAB is as wide as the distance to the next multiple of opts.tab
 * from the column's left edge; controls, line separators and other clusters
 * of width 0 are counted 0 and not drawn; a cluster wider than the column
 * (a wide character in a 1-column view) counts 1 and is drawn as U+FFFD.
 * layout_piece_text() walks the bytes with the same cluster function, so the
 * drawn width always equals the counted width. */

/* The width of a mark ("[-", "-]", ...). */
#define MARK_W 2
/* Offset of the opening (close == false) or closing mark of attr in
 * LAY_MARK_TEXT. */
static uint32_t mark_at(uint16_t attr, bool close)
{
    return (attr == LA_INS ? 6u : attr == LA_FOLDED ? 12u : 0u) + (close ? 3u : 0u);
}

/* UTF-8 of U+2026 HORIZONTAL ELLIPSIS. */
#define ELLIPSIS_UTF8 "\xE2\x80\xA6"

static void new_line(struct lay_builder *b)
{
    struct layout *l = b->l;
    if (l->nlines == l->caplines) xgrow(&l->lines, &l->caplines, l->nlines + 1, sizeof *l->lines);
    struct lay_line *ln = &l->lines[l->nlines++];
    ln->piece = (uint32_t)l->npieces;
    ln->npiece = 0;
    ln->width = 0;
    b->col = 0;
}

/* Append bytes [p, q) of width w, all with attribute attr, at the cursor. */
static void add_piece(struct lay_builder *b, size_t p, size_t q, uint16_t attr, int w)
{
    struct layout *l = b->l;
    struct lay_line *ln = &l->lines[l->nlines - 1];
    struct lay_piece *last = ln->npiece ? &l->pieces[l->npieces - 1] : NULL;
    if (last && last->end == p && last->attr == attr) {
        last->end = (uint32_t)q;
    } else {
        if (l->npieces == l->cappieces)
            xgrow(&l->pieces, &l->cappieces, l->npieces + 1, sizeof *l->pieces);
        struct lay_piece *pc = &l->pieces[l->npieces++];
        pc->start = (uint32_t)p;
        pc->end = (uint32_t)q;
        pc->attr = attr;
        pc->col = (uint16_t)b->col;
        ln->npiece++;
    }
    b->col += w;
    ln->width = (uint16_t)b->col;
}

/* Move the run cursor to the run holding byte p. */
static uint16_t attr_at(struct lay_builder *b, size_t p)
{
    while (b->ri + 1 < b->nruns && b->runs[b->ri].end <= p)
        b->ri++;
    return b->runs[b->ri].attr;
}

/* Put [p, q) (len: end of the sentence), known to be w columns wide, on
 * the current line.  When wrap is set the text is broken between clusters
 * wherever the next cluster would pass the column's right edge. */
static bool marked(const struct lay_builder *b, uint16_t attr)
{
    return b->l->o.marks && (attr == LA_DEL || attr == LA_INS || attr == LA_FOLDED);
}

/* Columns the marks inside [i, j) take: an opening mark where a marked run
 * starts in [i, j), a closing one where it ends in (i, j]. */
static int marks_width(const struct lay_builder *b, size_t i, size_t j)
{
    int w = 0;
    if (!b->l->o.marks || b->s == b->l->fold) return 0;
    for (size_t k = b->ri; k < b->nruns && b->runs[k].start < j; k++) {
        if (!marked(b, b->runs[k].attr)) continue;
        if (b->runs[k].start >= i) w += MARK_W;
        if (b->runs[k].end > i && b->runs[k].end <= j) w += MARK_W;
    }
    return w;
}

/* Put [p, q) (len: end of the sentence), known to be w columns wide (marks
 * included), on the current line.  When wrap is set the text is broken
 * between clusters wherever the next cluster would pass the column's right
 * edge. */
static void emit(struct lay_builder *b, size_t p, size_t q, size_t len, int w, bool wrap)
{
    if (p == q) return;
    uint16_t attr = attr_at(b, p);
    if (!wrap && q <= b->runs[b->ri].end && !marked(b, attr)) {
        add_piece(b, p, q, attr, w);
        return;
    }
    size_t i = p;
    while (i < q) {
        struct lb_cl c;
        lb_cluster(b->s, len, i, b->col, b->tab, b->cols, &c);
        uint16_t a = attr_at(b, i);
        const struct lay_run *run = &b->runs[b->ri];
        bool open = marked(b, a) && run->start == i && b->s != b->l->fold;
        bool close = marked(b, a) && run->end == c.end && b->s != b->l->fold;
        int need = c.w + (open ? MARK_W : 0) + (close ? MARK_W : 0);
        if (wrap && b->col > 0 && b->col + need > b->cols) new_line(b);
        if (open) {
            uint32_t m = mark_at(a, false);
            add_piece(b, m, m + MARK_W, LA_MARK, MARK_W);
        }
        add_piece(b, i, c.end, a, c.w);
        if (close) {
            uint32_t m = mark_at(a, true);
            add_piece(b, m, m + MARK_W, LA_MARK, MARK_W);
        }
        i = c.end;
    }
}

/* The cluster at i for measuring (column 0: a TAB's width is not used),
 * remembering the last one: the gap scan and the unit scan each stop at a
 * cluster the other starts with. */
static void text_cluster(struct lay_builder *b, size_t end, size_t i, struct lb_cl *c)
{
    if (i != b->last_at) {
        lb_cluster(b->s, end, i, 0, b->tab, b->cols, &b->last);
        b->last_at = i;
    }
    *c = b->last;
}

/* Lay out the sentence s[start..end) with the runs set in b, starting on a
 * new line. */
static void lay_text(struct lay_builder *b, size_t start, size_t end)
{
    const char *s = b->s;
    struct lb_cl c;
    new_line(b);
    b->ri = 0;
    b->last_at = SIZE_MAX;
    size_t i = start;
    while (i < end) {
        text_cluster(b, end, i, &c);
        if (!(c.flags & LB_GAP)) break;
        i = c.end;
    }
    size_t gap = start; /* the gap before the unit at i: [gap, i) */
    while (i < end) {
        /* Measure the unit at i: up to a gap or a CJK break. */
        size_t j = i;
        int uw = 0;
        struct lb_cl prev = {0, 0, 0, 0};
        while (j < end) {
            unsigned char ch = (unsigned char)s[j];
            if (ch > 0x20 && ch < 0x7F && !(prev.flags & LB_CJK) &&
                (j + 1 >= end || (unsigned char)s[j + 1] < 0x80)) {
                /* ASCII fast path: printable, not a space, standing alone,
                 * not after a CJK character (which may offer a break). */
                prev.cp = ch;
                prev.flags = 0;
                uw++;
                j++;
                continue;
            }
            text_cluster(b, end, j, &c);
            if ((c.flags & LB_GAP) || (j > i && lb_cjk_break(&prev, &c))) break;
            uw += c.w;
            prev = c;
            j = c.end;
        }
        uw += marks_width(b, i, j);
        /* Marks inside the gap: a word span may take in a zero-width
         * control that the line breaker sees as a gap, and a marked run
         * end there. */
        int gm = marks_width(b, gap, i);
        struct lay_line *ln = &b->l->lines[b->l->nlines - 1];
        bool placed = false;
        if (ln->npiece) {
            /* Width of the white space before the unit, at the cursor. */
            int gw = 0;
            if (i == gap + 1 && s[gap] == ' ') {
                gw = 1; /* the common case: one ASCII space */
            } else {
                for (size_t k = gap; k < i; k = c.end) {
                    lb_cluster(s, end, k, b->col + gw, b->tab, b->cols, &c);
                    gw += c.w;
                }
            }
            if ((int64_t)b->col + gw + gm + uw <= b->cols) {
                emit(b, gap, j, end, gw + gm + uw, false);
                placed = true;
            } else {
                new_line(b);
            }
        }
        /* At the start of a line the gap is left out, unless it holds a
         * mark, which must not be lost: then it is put, wrapping by
         * cluster. */
        if (!placed && gm)
            emit(b, gap, j, end, 0, true);
        else if (!placed)
            emit(b, i, j, end, uw, uw > b->cols);
        /* Skip the gap after the unit. */
        gap = i = j;
        if (i + 1 < end && s[i] == ' ' && (unsigned char)s[i + 1] > ' ' &&
            (unsigned char)s[i + 1] < 0x7F) {
            i++; /* one ASCII space before an ASCII character: a gap of one */
            continue;
        }
        while (i < end) {
            text_cluster(b, end, i, &c);
            if (!(c.flags & LB_GAP)) break;
            i = c.end;
        }
    }
}

static int cmp_span(const void *x, const void *y)
{
    const struct lay_run *a = x, *c = y;
    return a->start < c->start ? -1 : a->start > c->start;
}

/* Collect the word spans of side of row r in b->spans, in byte order. */
static void collect_spans(struct lay_builder *b, const struct wop *ops, const struct align_row *r,
                          int side)
{
    b->nspans = 0;
    bool sorted = true;
    for (uint32_t k = r->op; k < r->op + r->nop; k++) {
        const struct wop *op = &ops[k];
        uint32_t st, en;
        uint16_t attr;
        if (op->kind == WOP_EQUAL) {
            attr = LA_COMMON;
        } else if (op->kind == WOP_FOLD) {
            attr = LA_FOLDED;
        } else if (op->kind == (side ? WOP_INS : WOP_DEL)) {
            attr = side ? LA_INS : LA_DEL;
        } else {
            continue;
        }
        st = side ? op->b_start : op->a_start;
        en = side ? op->b_end : op->a_end;
        if (en <= st) continue;
        if (b->nspans && st < b->spans[b->nspans - 1].end) sorted = false;
        if (b->nspans == b->capspans)
            xgrow(&b->spans, &b->capspans, b->nspans + 1, sizeof *b->spans);
        b->spans[b->nspans++] = (struct lay_run){st, en, attr};
    }
    if (!sorted) qsort(b->spans, b->nspans, sizeof *b->spans, cmp_span);
}

static void push_run(struct lay_builder *b, size_t *n, uint32_t st, uint32_t en, uint16_t attr)
{
    if (en <= st) return;
    if (*n == b->caprunbuf) xgrow(&b->runbuf, &b->caprunbuf, *n + 1, sizeof *b->runbuf);
    b->runbuf[(*n)++] = (struct lay_run){st, en, attr};
}

/* Runs of sentence [st, en) from the word spans (cursor *k over b->spans).
 * Bytes in no span (the white space between words) take base (LA_COMMON in
 * a pair, LA_PLAIN in a same row), unless both neighbouring spans have one
 * attribute: then a marked phrase stays one continuous highlight. */
static size_t word_runs(struct lay_builder *b, size_t *k, uint32_t st, uint32_t en, uint16_t base)
{
    size_t n = 0;
    uint32_t pos = st;
    int prev = -1; /* attribute of the span before pos, -1 none */
    while (*k < b->nspans && b->spans[*k].end <= st)
        (*k)++;
    while (*k < b->nspans && b->spans[*k].start < en) {
        const struct lay_run *sp = &b->spans[*k];
        uint32_t s0 = WD_MAX(sp->start, pos), e0 = WD_MIN(sp->end, en);
        /* (folded characters are no words: what lies between them is text) */
        bool join = prev == sp->attr && sp->attr != LA_FOLDED;
        if (s0 > pos) push_run(b, &n, pos, s0, join ? sp->attr : base);
        if (e0 > s0) {
            push_run(b, &n, s0, e0, sp->attr);
            pos = e0;
        }
        prev = sp->attr;
        if (sp->end > en) break; /* continues into the next sentence (should not happen) */
        (*k)++;
    }
    push_run(b, &n, pos, en, base);
    if (n == 0) push_run(b, &n, st, st + 1, base); /* an empty sentence */
    return n;
}

/* The bytes of the character at s[i] (i < end) when it is a grapheme
 * cluster one column wide that offers no break and joins nothing that is
 * one too: printable ASCII but the space, Latin-1 letters and signs
 * (U+00A1-U+00FF but the soft hyphen), Latin Extended-A (U+0100-U+017F),
 * the dashes, quotes, bullets and ellipsis of U+2010-U+2027 and the euro
 * sign.  0 for any other. */
static size_t simple_char(const unsigned char *u, size_t i, size_t end)
{
    unsigned char b = u[i];
    if (b > ' ' && b < 0x7F) return 1;
    if (b >= 0xC2 && b <= 0xC5 && i + 1 < end && (u[i + 1] & 0xC0) == 0x80)
        return (b > 0xC2 || u[i + 1] >= 0xA1) && !(b == 0xC2 && u[i + 1] == 0xAD) ? 2 : 0;
    if (b == 0xE2 && i + 2 < end &&
        ((u[i + 1] == 0x80 && u[i + 2] >= 0x90 && u[i + 2] <= 0xA7) ||
         (u[i + 1] == 0x82 && u[i + 2] == 0xAC)))
        return 3;
    return 0;
}

/* The bytes other than printable ASCII but the space: where a run of
 * one-byte simple_chars ends.  (swar_lt may set a false byte after a
 * non-ASCII one, which is set already.) */
static uint64_t not_ascii_graph(uint64_t x)
{
    return swar_lt(x, 0x21) | swar_nonascii(x) | swar_eq(x, 0x7F);
}

/* What simple_next found. */
enum { SIMPLE_UNIT, SIMPLE_END, SIMPLE_OTHER };

/* The next unit (a run of simple_chars) of a simple sentence from *i to
 * end: the gap of spaces before it, *gw columns, and its *uw characters
 * from *unit; *i moves past it.  SIMPLE_END at the end (white space at the
 * end is dropped), SIMPLE_OTHER at a character that is neither a
 * simple_char nor a space.  Runs of ASCII go eight bytes at a time. */
static int simple_next(const char *s, size_t *i, size_t end, size_t *unit, int64_t *gw, int64_t *uw)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = *i;
    while (j < end && s[j] == ' ')
        j++;
    if (j == end) return SIMPLE_END;
    *gw = (int64_t)(j - *i);
    *unit = j;
    int64_t w = 0;
    for (;;) {
        size_t k = swar_skip(s, j, end, not_ascii_graph);
        w += (int64_t)(k - j);
        j = k;
        size_t n = j < end ? simple_char(u, j, end) : 0;
        if (n == 0) break;
        j += n;
        w++;
    }
    *uw = w;
    *i = j;
    return j < end && s[j] != ' ' ? SIMPLE_OTHER : SIMPLE_UNIT;
}

/* The lines lay_text takes for s[start, end) at cols columns, when the
 * sentence is made of simple_char characters and spaces and no marks are
 * put: then every character is a cluster one column wide, the gaps are
 * the runs of spaces and the units the runs between them.  Returns 0 for
 * any other sentence (lay_text counts it). */
static uint32_t simple_lines(const char *s, size_t start, size_t end, int cols)
{
    uint32_t lines = 1;
    int64_t col = 0; /* 0: nothing on the line yet */
    size_t i = start, unit;
    int64_t gw, uw;
    int r;
    while ((r = simple_next(s, &i, end, &unit, &gw, &uw)) == SIMPLE_UNIT) {
        if (col > 0 && col + gw + uw <= cols) {
            col += gw + uw;
        } else {
            if (col > 0) lines++;
            /* on a line of its own, broken between characters if wider */
            int64_t extra = (uw - 1) / cols;
            lines += (uint32_t)extra;
            col = uw - extra * cols;
        }
    }
    return r == SIMPLE_END ? lines : 0; /* another character: lay_text counts */
}

/* lay_text for s[start, end) of one attribute without marks when the
 * sentence is made of simple_char characters and spaces and every unit
 * fits the column (as simple_lines counts it): every line is then one
 * piece, from its first unit to its last.  false, with nothing laid out,
 * for any other sentence. */
static bool simple_lay(struct lay_builder *b, size_t start, size_t end, uint16_t attr)
{
    struct layout *l = b->l;
    size_t nlines = l->nlines, npieces = l->npieces;
    int64_t cols = b->cols, col = 0; /* 0: nothing on the line yet */
    size_t from = start, to = start; /* the line's text */
    new_line(b);
    size_t i = start, unit;
    int64_t gw, uw;
    int r;
    while ((r = simple_next(b->s, &i, end, &unit, &gw, &uw)) == SIMPLE_UNIT && uw <= cols) {
        if (col > 0 && col + gw + uw <= cols) {
            col += gw + uw;
        } else {
            if (col > 0) {
                add_piece(b, from, to, attr, (int)col);
                new_line(b);
            }
            from = unit;
            col = uw;
        }
        to = i;
    }
    if (r != SIMPLE_END) { /* lay_text lays it out */
        l->nlines = nlines;
        l->npieces = npieces;
        return false;
    }
    if (col > 0) add_piece(b, from, to, attr, (int)col);
    return true;
}

/* Lay out one side of alignment row r; returns its number of lines. */
static uint32_t lay_row_side(struct lay_builder *b, const struct alignment *al,
                             const struct align_row *r, int side)
{
    struct layout *l = b->l;
    uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
    if (!(r->show & (1u << side)) || n == 0) return 0;
    size_t nsent, nops;
    const struct sentence *sent = doc_sentences(align_doc(al, side), &nsent);
    const struct wop *ops = align_ops(al, &nops);
    bool words =
        l->o.words && !b->counting &&
        (r->kind == ROW_CHANGED || r->kind == ROW_MOVED || (r->kind == ROW_SAME && r->nop > 0));
    uint16_t attr = LA_PLAIN;
    if (r->kind == ROW_DELETED)
        attr = LA_DELETED;
    else if (r->kind == ROW_INSERTED)
        attr = LA_INSERTED;
    else if (r->kind == ROW_CHANGED || r->kind == ROW_MOVED)
        attr = LA_COMMON;
    if (words) collect_spans(b, ops, r, side);
    size_t before = l->nlines, k = 0;
    uint32_t counted = 0; /* lines counted, not laid out */
    b->s = l->bytes[side];
    b->cols = l->o.width[side];
    for (uint32_t q = first; q < first + n && q < nsent; q++) {
        const struct sentence *se = &sent[q];
        if (b->pass) doc_pass_read(&b->pass[side], se->start, se->end);
        uint32_t fast = b->counting ? simple_lines(b->s, se->start, se->end, b->cols) : 0;
        if (fast) {
            counted += fast;
            continue;
        }
        if (words) {
            b->nruns = word_runs(b, &k, se->start, se->end, attr);
        } else {
            b->runbuf = xgrow(&b->runbuf, &b->caprunbuf, 1, sizeof *b->runbuf);
            b->runbuf[0] = (struct lay_run){se->start, se->end, attr};
            b->nruns = 1;
        }
        b->runs = b->runbuf;
        if (b->nruns == 1 && !marked(b, b->runs[0].attr) &&
            simple_lay(b, se->start, se->end, b->runs[0].attr))
            continue;
        lay_text(b, se->start, se->end);
    }
    return (uint32_t)(l->nlines - before) + counted;
}

void lay_row(struct lay_builder *b, struct lay_vrow *v)
{
    struct layout *l = b->l;
    size_t nrows;
    const struct align_row *rows = align_rows(l->al, &nrows);
    for (int side = 0; side < 2; side++) {
        v->line[side] = (uint32_t)l->nlines;
        v->nline[side] = lay_row_side(b, l->al, &rows[v->row], side);
    }
}

void lay_fold(struct lay_builder *b, struct lay_vrow *v)
{
    struct layout *l = b->l;
    char text[64];
    int len = snprintf(text, sizeof text, ELLIPSIS_UTF8 " %zu identical sentence%s",
                       (size_t)v->nrows, v->nrows == 1 ? "" : "s");
    size_t start = l->nfold;
    xgrow(&l->fold, &l->capfold, start + (size_t)len + 1, 1);
    memcpy(l->fold + start, text, (size_t)len + 1);
    l->nfold += (size_t)len + 1;
    struct lay_run run = {(uint32_t)start, (uint32_t)(start + (size_t)len), LA_FOLD};
    for (int side = 0; side < 2; side++) {
        b->s = l->fold;
        b->cols = l->o.width[side];
        b->runs = &run;
        b->nruns = 1;
        v->line[side] = (uint32_t)l->nlines;
        lay_text(b, run.start, run.end);
        v->nline[side] = (uint32_t)(l->nlines - v->line[side]);
    }
}

void lay_vrow(struct lay_builder *b, struct lay_vrow *v)
{
    if (v->kind == VROW_ROW)
        lay_row(b, v);
    else
        lay_fold(b, v);
    v->height = WD_MAX(WD_MAX(v->nline[0], v->nline[1]), 1u);
}
