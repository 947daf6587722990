#include "config.h"

#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc.h"
#include "escape.h"
#include "linebreak.h"
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

/* wdiff marks, kept at the start of the layout-owned text: "[-" at 0,
 * "-]" at 3, "{+" at 6, "+}" at 9, "{~" at 12, "~}" at 15 (each
 * NUL-terminated). */
static const char mark_text[] = "[-\0-]\0{+\0+}\0{~\0~}";
#define MARK_W 2
/* Offset of the opening (close == false) or closing mark of attr. */
static uint32_t mark_at(uint16_t attr, bool close)
{
    return (attr == LA_INS ? 6u : attr == LA_FOLDED ? 12u : 0u) + (close ? 3u : 0u);
}

/* Limits of the clamped options: columns fit lay_piece.col (uint16_t). */
#define LAY_WIDTH_MAX 65535
#define LAY_TAB_MAX   256

/* UTF-8 of U+2026 HORIZONTAL ELLIPSIS and U+FFFD REPLACEMENT CHARACTER. */
#define ELLIPSIS_UTF8    "\xE2\x80\xA6"
#define REPLACEMENT_UTF8 "\xEF\xBF\xBD"

struct layout {
    struct layout_opts o;
    const struct alignment *al;
    const char *bytes[2];
    struct lay_vrow *vrows;
    size_t nvrows, capvrows;
    struct lay_line *lines;
    size_t nlines, caplines;
    struct lay_piece *pieces;
    size_t npieces, cappieces;
    char *fold; /* fold marker texts, each NUL-terminated */
    size_t nfold, capfold;
    uint64_t height;
    /* A lazy layout (layout_opts.lazy) keeps lines and pieces (and fold
     * texts, after the marks) only for the display rows listed in
     * realized; the others have line[] = LAY_UNREALIZED. */
    struct builder *b;
    uint32_t *realized;
    size_t nrealized, caprealized;
};

#define LAY_UNREALIZED UINT32_MAX
/* A lazy layout forgets the rows it laid out once it holds this many
 * lines, when a row not among them is asked for (a few screens). */
#define LAY_LAZY_LINES 4096

/* ---- the builder --------------------------------------------------------- */

/* A stretch of bytes with one attribute; the runs of a sentence cover it
 * without holes, in order. */
struct lay_run {
    uint32_t start, end;
    uint16_t attr;
};

struct builder {
    struct layout *l;
    int cols, tab; /* the side's width and the tab stop */
    const char *s; /* the text laid out: a document or the fold buffer */
    const struct lay_run *runs;
    size_t nruns, ri; /* runs of the current sentence and the one at the cursor */
    int col;          /* column of the next cluster on the current line */
    struct lay_run *runbuf;
    size_t caprunbuf;
    struct lay_run *spans; /* word spans of the current row side, in order */
    size_t nspans, capspans;
    struct lb_cl last;     /* the cluster lay_text looked at last ... */
    size_t last_at;        /* ... and where it starts (SIZE_MAX: none) */
    bool counting;         /* only the lines count (a lazy layout's heights) */
    struct doc_pass *pass; /* a lazy layout's heights: each side's pass over
                            * its text, so a mapped file's pages go back */
};

static void new_line(struct builder *b)
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
static void add_piece(struct builder *b, size_t p, size_t q, uint16_t attr, int w)
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
static uint16_t attr_at(struct builder *b, size_t p)
{
    while (b->ri + 1 < b->nruns && b->runs[b->ri].end <= p)
        b->ri++;
    return b->runs[b->ri].attr;
}

/* Put [p, q) (len: end of the sentence), known to be w columns wide, on
 * the current line.  When wrap is set the text is broken between clusters
 * wherever the next cluster would pass the column's right edge. */
static bool marked(const struct builder *b, uint16_t attr)
{
    return b->l->o.marks && (attr == LA_DEL || attr == LA_INS || attr == LA_FOLDED);
}

/* Columns the marks inside [i, j) take: an opening mark where a marked run
 * starts in [i, j), a closing one where it ends in (i, j]. */
static int marks_width(const struct builder *b, size_t i, size_t j)
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
static void emit(struct builder *b, size_t p, size_t q, size_t len, int w, bool wrap)
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
static void text_cluster(struct builder *b, size_t end, size_t i, struct lb_cl *c)
{
    if (i != b->last_at) {
        lb_cluster(b->s, end, i, 0, b->tab, b->cols, &b->last);
        b->last_at = i;
    }
    *c = b->last;
}

/* Lay out the sentence s[start..end) with the runs set in b, starting on a
 * new line. */
static void lay_text(struct builder *b, size_t start, size_t end)
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
static void collect_spans(struct builder *b, const struct wop *ops, const struct align_row *r,
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

static void push_run(struct builder *b, size_t *n, uint32_t st, uint32_t en, uint16_t attr)
{
    if (en <= st) return;
    if (*n == b->caprunbuf) xgrow(&b->runbuf, &b->caprunbuf, *n + 1, sizeof *b->runbuf);
    b->runbuf[(*n)++] = (struct lay_run){st, en, attr};
}

/* Runs of sentence [st, en) from the word spans (cursor *k over b->spans).
 * Bytes in no span (the white space between words) take base (LA_COMMON in
 * a pair, LA_PLAIN in a same row), unless both neighbouring spans have one
 * attribute: then a marked phrase stays one continuous highlight. */
static size_t word_runs(struct builder *b, size_t *k, uint32_t st, uint32_t en, uint16_t base)
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
static bool simple_lay(struct builder *b, size_t start, size_t end, uint16_t attr)
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
static uint32_t lay_row_side(struct builder *b, const struct alignment *al,
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

static struct lay_vrow *push_vrow(struct layout *l, enum vrow_kind kind, size_t row, size_t nrows)
{
    xgrow(&l->vrows, &l->capvrows, l->nvrows + 1, sizeof *l->vrows);
    struct lay_vrow *v = &l->vrows[l->nvrows++];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->row = (uint32_t)row;
    v->nrows = (uint32_t)nrows;
    v->y = l->height;
    return v;
}

/* Lay out the sides of v, a display row of alignment row v->row. */
static void lay_row(struct builder *b, struct lay_vrow *v)
{
    struct layout *l = b->l;
    size_t nrows;
    const struct align_row *rows = align_rows(l->al, &nrows);
    for (int side = 0; side < 2; side++) {
        v->line[side] = (uint32_t)l->nlines;
        v->nline[side] = lay_row_side(b, l->al, &rows[v->row], side);
    }
}

/* Lay out v, a fold marker standing for rows [v->row, v->row + v->nrows). */
static void lay_fold(struct builder *b, struct lay_vrow *v)
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

/* Lay out display row v with b, and set its height. */
static void lay_vrow(struct builder *b, struct lay_vrow *v)
{
    if (v->kind == VROW_ROW)
        lay_row(b, v);
    else
        lay_fold(b, v);
    v->height = WD_MAX(WD_MAX(v->nline[0], v->nline[1]), 1u);
}

void layout_default_opts(struct layout_opts *o, int width_a, int width_b)
{
    o->width[0] = width_a;
    o->width[1] = width_b;
    o->words = true;
    o->fold = false;
    o->fold_min = LAYOUT_FOLD_MIN;
    o->fold_context = LAYOUT_FOLD_CONTEXT;
    o->tab = 8;
    o->marks = false;
    o->skip = NULL;
    o->unfold = NULL;
    o->lazy = false;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The display rows of l->al under l->o (folding, skip and unfold), in
 * order, not laid out. */
static void plan_vrows(struct layout *l, const uint8_t *skip, const uint8_t *unfold)
{
    size_t nrows;
    const struct align_row *rows = align_rows(l->al, &nrows);
    size_t r = 0;
    while (r < nrows) {
        if (skip && skip[r]) {
            r++;
            continue;
        }
        size_t run = 0;
        if (l->o.fold)
            while (r + run < nrows && rows[r + run].kind == ROW_SAME && !(skip && skip[r + run]) &&
                   !(unfold && unfold[r + run]))
                run++;
        if (run == 0 || run < (size_t)l->o.fold_min) {
            /* Not folded: at least one row, all rows of a short same run. */
            size_t m = WD_MAX(run, 1);
            for (size_t k = 0; k < m; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
            r += m;
            continue;
        }
        /* A run at the start or end of the document keeps context only on the
         * side facing the changes; a document that is one run keeps its top. */
        size_t ctx = (size_t)l->o.fold_context;
        bool at_start = r == 0, at_end = r + run == nrows;
        size_t head = at_start && !at_end ? 0 : ctx, tail = at_end ? 0 : ctx;
        if (head + tail + (size_t)l->o.fold_min > run) /* too short for context */
            head = tail = 0;
        if (head + tail >= run) {
            for (size_t k = 0; k < run; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
        } else {
            for (size_t k = 0; k < head; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
            push_vrow(l, VROW_FOLD, r + head, run - head - tail);
            for (size_t k = run - tail; k < run; k++)
                push_vrow(l, VROW_ROW, r + k, 1);
        }
        r += run;
    }
}

/* An empty layout of al under o (clamped), its text holding the marks. */
static struct layout *layout_new(const struct alignment *al, const struct layout_opts *o)
{
    struct layout *l = xcalloc(1, sizeof *l);
    l->o = *o;
    l->al = al;
    for (int side = 0; side < 2; side++) {
        l->o.width[side] = clamp(o->width[side], 1, LAY_WIDTH_MAX);
        size_t len;
        l->bytes[side] = doc_bytes(align_doc(al, side), &len);
    }
    l->o.tab = clamp(o->tab, 1, LAY_TAB_MAX);
    l->o.fold_min = WD_MAX(o->fold_min, 1);
    l->o.fold_context = WD_MAX(o->fold_context, 0);
    l->o.skip = l->o.unfold = NULL; /* borrowed for the build only */
    /* the marks come first in the layout-owned text, at MARK_OPEN[] etc. */
    l->capfold = sizeof mark_text;
    l->fold = xmalloc(l->capfold);
    memcpy(l->fold, mark_text, sizeof mark_text);
    l->nfold = sizeof mark_text;
    return l;
}

/* ---- an eager layout, in slices ---------------------------------------------
 * The rows of a layout are laid out independently of each other: an eager
 * layout cuts its display rows into slices of LAY_SLICE_ROWS, lays each
 * slice out into a layout of its own on the worker threads, and appends
 * the slices in order (their line, piece and fold text offsets moved
 * along).  The slices are fixed by the number of rows, never by the
 * threads, and the result is the layout of one pass, byte for byte. */
#define LAY_SLICE_ROWS 512

struct lay_slices {
    struct layout *l;
    struct layout **part; /* each slice's lines, pieces and fold texts */
};

static void slice_lay(void *arg, size_t k)
{
    struct lay_slices *ls = arg;
    struct layout *l = ls->l;
    struct layout *part = layout_new(l->al, &l->o);
    struct builder b = {.l = part, .tab = l->o.tab};
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++)
        lay_vrow(&b, &l->vrows[i]);
    free(b.runbuf);
    free(b.spans);
    ls->part[k] = part;
}

/* Append slice k to the layout, in order. */
static void slice_join(void *arg, size_t k)
{
    struct lay_slices *ls = arg;
    struct layout *l = ls->l, *p = ls->part[k];
    uint32_t l0 = (uint32_t)l->nlines, p0 = (uint32_t)l->npieces;
    uint32_t f0 = (uint32_t)(l->nfold - sizeof mark_text);
    xgrow(&l->lines, &l->caplines, l->nlines + p->nlines, sizeof *l->lines);
    for (size_t i = 0; i < p->nlines; i++) {
        l->lines[l->nlines] = p->lines[i];
        l->lines[l->nlines++].piece += p0;
    }
    xgrow(&l->pieces, &l->cappieces, l->npieces + p->npieces, sizeof *l->pieces);
    for (size_t i = 0; i < p->npieces; i++) {
        struct lay_piece *q = &l->pieces[l->npieces++];
        *q = p->pieces[i];
        if (q->attr == LA_FOLD) { /* (a mark is at the same place in every slice) */
            q->start += f0;
            q->end += f0;
        }
    }
    size_t nf = p->nfold - sizeof mark_text;
    xgrow(&l->fold, &l->capfold, l->nfold + nf, 1);
    memcpy(l->fold + l->nfold, p->fold + sizeof mark_text, nf);
    l->nfold += nf;
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++) {
        struct lay_vrow *v = &l->vrows[i];
        v->line[0] += l0;
        v->line[1] += l0;
        v->y = l->height;
        l->height += v->height;
    }
    layout_free(p);
    ls->part[k] = NULL;
}

static void lay_all(struct layout *l)
{
    size_t n = (l->nvrows + LAY_SLICE_ROWS - 1) / LAY_SLICE_ROWS;
    struct lay_slices ls = {l, xcalloc(n + 1, sizeof *ls.part)};
    util_parallel_ordered(n, slice_lay, slice_join, &ls);
    free(ls.part);
}

/* A lazy layout: the heights of its rows, each row laid out (or, for text
 * simple enough, only counted) and dropped, in slices of LAY_SLICE_ROWS
 * on the worker threads (each into a layout of its own, as lay_all's).
 * The heights read every sentence once and keep none of it: a mapped
 * file's pages go back as they go, as in the word diffs, so the reader's
 * peak does not hold both files. */
static void slice_heights(void *arg, size_t k)
{
    struct layout *l = arg;
    struct layout *part = layout_new(l->al, &l->o);
    /* Without marks, attributes never move a break: a lazy layout counts
     * lines without cutting the text into word runs. */
    struct builder b = {.l = part, .tab = l->o.tab, .counting = !l->o.marks};
    struct doc_pass pass[2];
    doc_pass_begin(&pass[0], align_doc(l->al, SIDE_A));
    doc_pass_begin(&pass[1], align_doc(l->al, SIDE_B));
    b.pass = pass;
    size_t end = WD_MIN(l->nvrows, (k + 1) * LAY_SLICE_ROWS);
    for (size_t i = k * LAY_SLICE_ROWS; i < end; i++) {
        struct lay_vrow *v = &l->vrows[i];
        lay_vrow(&b, v);
        v->line[0] = v->line[1] = LAY_UNREALIZED;
        part->nlines = part->npieces = 0;
        part->nfold = sizeof mark_text;
    }
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
    free(b.runbuf);
    free(b.spans);
    layout_free(part);
}

/* The heights of a lazy layout (slice_heights), then where each row
 * starts; the builder is kept for the rows shown. */
static void lay_heights(struct layout *l)
{
    util_parallel((l->nvrows + LAY_SLICE_ROWS - 1) / LAY_SLICE_ROWS, slice_heights, l);
    for (size_t i = 0; i < l->nvrows; i++) {
        l->vrows[i].y = l->height;
        l->height += l->vrows[i].height;
    }
    struct builder *b = xcalloc(1, sizeof *b);
    b->l = l;
    b->tab = l->o.tab;
    /* Held for the layout's life: the rows it lays out when asked. */
    l->b = b;
    if (l->nvrows < l->capvrows && l->nvrows > 0) {
        l->vrows = xreallocarray(l->vrows, l->nvrows, sizeof *l->vrows);
        l->capvrows = l->nvrows;
    }
}

struct layout *layout_build(const struct alignment *al, const struct layout_opts *o)
{
    struct layout *l = layout_new(al, o);
    plan_vrows(l, o->skip, o->unfold);
    if (l->o.lazy)
        lay_heights(l);
    else
        lay_all(l);
    return l;
}

/* Forget the lines and pieces of every display row of lazy layout l. */
static void forget_rows(struct layout *l)
{
    for (size_t i = 0; i < l->nrealized; i++)
        l->vrows[l->realized[i]].line[0] = l->vrows[l->realized[i]].line[1] = LAY_UNREALIZED;
    l->nrealized = 0;
    l->nlines = l->npieces = 0;
    l->nfold = sizeof mark_text;
}

const struct lay_line *layout_row_lines(const struct layout *cl, size_t vi, int side, size_t *n)
{
    /* A lazy layout lays rows out as they are asked for: its lines, pieces
     * and fold texts are a cache, whatever the const of the caller. */
    struct layout *l = (struct layout *)cl;
    struct lay_vrow *v = &l->vrows[vi];
    if (v->line[0] == LAY_UNREALIZED) {
        if (l->nlines >= LAY_LAZY_LINES) forget_rows(l);
        xgrow(&l->realized, &l->caprealized, l->nrealized + 1, sizeof *l->realized);
        l->realized[l->nrealized++] = (uint32_t)vi;
        if (v->kind == VROW_ROW)
            lay_row(l->b, v);
        else
            lay_fold(l->b, v);
        /* (the lines counted, as test_layout_lazy checks; never more than
         * the row's height, whatever happens) */
        for (int k = 0; k < 2; k++)
            v->nline[k] = WD_MIN(v->nline[k], v->height);
    }
    *n = v->nline[side];
    return &l->lines[v->line[side]];
}

void layout_free(struct layout *l)
{
    if (!l) return;
    free(l->vrows);
    free(l->lines);
    free(l->pieces);
    free(l->fold);
    free(l->realized);
    if (l->b) {
        free(l->b->runbuf);
        free(l->b->spans);
        free(l->b);
    }
    free(l);
}

const struct lay_vrow *layout_vrows(const struct layout *l, size_t *n)
{
    *n = l->nvrows;
    return l->vrows;
}

const struct lay_line *layout_lines(const struct layout *l, size_t *n)
{
    *n = l->nlines;
    return l->lines;
}

const struct lay_piece *layout_pieces(const struct layout *l, size_t *n)
{
    *n = l->npieces;
    return l->pieces;
}

uint64_t layout_height(const struct layout *l)
{
    return l->height;
}

size_t layout_vrow_at(const struct layout *l, uint64_t y)
{
    if (y >= l->height || l->nvrows == 0) return l->nvrows;
    size_t lo = 0, hi = l->nvrows; /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->vrows[mid].y <= y)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t layout_vrow_of_row(const struct layout *l, size_t r)
{
    if (l->nvrows == 0) return 0;
    const struct lay_vrow *last = &l->vrows[l->nvrows - 1];
    if (r >= (size_t)last->row + last->nrows) return l->nvrows;
    size_t lo = 0, hi = l->nvrows;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->vrows[mid].row <= r)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

const char *layout_fold_text(const struct layout *l)
{
    return l->fold;
}

const struct layout_opts *layout_get_opts(const struct layout *l)
{
    return &l->o;
}

/* Does the cluster s[i..end) end with a Prepend character (UAX #29 GB9b),
 * which joins whatever follows it? */
static bool ends_with_prepend(const char *s, size_t i, size_t end)
{
    size_t k = end - 1;
    while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    if ((unsigned char)s[k] < 0x80) return false;
    int32_t cp;
    text_decode(s, end, k, &cp);
    return utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_PREPEND;
}

size_t layout_piece_text(const struct layout *l, int side, const struct lay_piece *p, char **buf,
                         size_t *cap)
{
    const char *s = p->attr == LA_FOLD || p->attr == LA_MARK ? l->fold : l->bytes[side];
    int cols = l->o.width[side], tab = l->o.tab, col = p->col;
    size_t n = 0;
    size_t last = SIZE_MAX; /* where the last cluster drawn starts in *buf */
    xgrow(buf, cap, (size_t)(p->end - p->start) + 1, 1);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = p->start; i < p->end;) {
        /* A run of printable ASCII is drawn as it is, a column a byte (as
         * lb_cluster's fast path measures it), in one copy; its last byte
         * goes the general way when a non-ASCII byte (a combining mark)
         * may join it. */
        size_t j = i;
        while (j < p->end && u[j] >= 0x20 && u[j] < 0x7F)
            j++;
        if (j < p->end && u[j] >= 0x80 && j > i) j--;
        if (j > i) {
            xgrow(buf, cap, n + (j - i) + 1, 1); /* tabs and marks may have grown it */
            memcpy(*buf + n, s + i, j - i);
            last = n + (j - i - 1);
            n += j - i;
            col += (int)(j - i);
            i = j;
            continue;
        }
        struct lb_cl c;
        lb_cluster(s, p->end, i, col, tab, cols, &c);
        char mark[ESCAPE_CP_MAX];
        size_t need = (c.flags & LB_TAB)    ? (size_t)c.w
                      : (c.flags & LB_REPL) ? 3
                      : (c.flags & LB_MARK) ? escape_cp(c.cp, mark)
                                            : c.end - i;
        xgrow(buf, cap, n + need + 1, 1);
        char *out = *buf + n;
        if (c.flags & LB_DROP) {
            need = 0;
        } else if (c.flags & LB_TAB) {
            memset(out, ' ', need);
        } else if (c.flags & LB_REPL) {
            memcpy(out, REPLACEMENT_UTF8, 3);
        } else if (c.flags & LB_MARK) {
            memcpy(out, mark, need);
        } else {
            memcpy(out, s + i, need);
        }
        /* Dropping a control, or drawing an invalid byte as U+FFFD and a
         * TAB as spaces, removes what separated two clusters of the text,
         * and the drawn ones may join: "a", NUL, U+1F3FD EMOJI MODIFIER
         * would draw as one cluster one column wide where the layout
         * counted three (likewise a combining mark or ZWJ after an invalid
         * byte, Hangul jamo around a control, a lone Prepend character).
         * Such a cluster is drawn as U+FFFD, once per column counted, which
         * joins nothing: the drawn width stays the counted width. */
        if (need && c.w > 0 && !(c.flags & (LB_TAB | LB_MARK)) && (unsigned char)s[i] >= 0x80 &&
            ((!(c.flags & LB_REPL) && ends_with_prepend(s, i, c.end)) ||
             (last != SIZE_MAX && text_next_cluster(*buf, n + need, last, &(int){0}) != n))) {
            need = 3 * (size_t)c.w;
            xgrow(buf, cap, n + need + 1, 1);
            for (int k = 0; k < c.w; k++)
                memcpy(*buf + n + 3 * (size_t)k, REPLACEMENT_UTF8, 3);
        }
        if (need) last = n;
        n += need;
        col += c.w;
        i = c.end;
    }
    (*buf)[n] = '\0';
    return n;
}
