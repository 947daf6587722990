/* fuzz_export.c - every snapshot format, and the layout the text forms and
 * the reader draw from.
 *
 * Input: byte 0 holds the view (bit 0 word marks, bit 1 fold, bit 2 sides
 * swapped, bit 3 a row range, bit 4 minimal, bit 5 no moves, bit 6
 * doc_opts.text, bit 7 also the --overlap exports and the overview and
 * columns, with the pivot the corpus chooses); byte 1 the width of
 * the side-by-side text (0: the default); bytes 2 and 3 the row range
 * (first row, and how many more); bytes 4 and 5 the layout's column widths
 * (1..64) and tab stop; byte 6 how much of one format's output fits a
 * fixed-size stream (a write error); the rest is cut at NUL bytes into two
 * or three documents, the first compared with each other one as the
 * command line does.
 *
 * Checked: every format writes without error into a growing memory
 * stream, and reports WD_EIO (and never crashes) when a fixed-size one
 * runs out; the output is valid UTF-8 without control characters (but the
 * line feed, and SGR sequences in the ANSI form); HTML has only the tags
 * and entities export_html.c writes, so article text (or a file name)
 * holding "<script" never comes out as markup; in Markdown every '<' of
 * the text is escaped and nothing is a GFM autolink (www., ://, an
 * address's @); no format writes a raw bidi control; JSON parses; every ANSI line closes its
 * colours; side-by-side lines fit the width.  The layout: display rows stack line by line and cover
 * every row once (folds only same rows), lines fit their column, and each piece's drawn text is
 * exactly as wide as the layout counted it.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "corpus.h"
#include "doc.h"
#include "digest.h"
#include "escape.h"
#include "export.h"
#include "export_columns.h"
#include "export_overlap.h"
#include "layout.h"
#include "text.h"
#include "util.h"

#include "fuzz.h"

/* Deepest JSON nesting the checker follows (the exports use 4). */
#define JSON_DEPTH_MAX 32
/* export_text.c's gutter and narrowest column. */
#define GUTTER_W     5
#define TEXT_MIN_COL 8

/* ---- output checks ---------------------------------------------------------- */

/* Valid UTF-8 with no control character but LF (and ESC when esc). */
static void check_chars(const char *s, size_t n, bool esc, bool c1_ok)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        FUZZ_CHECK(text_valid_at(s, n, i));
        size_t l = text_decode(s, n, i, &cp);
        FUZZ_CHECK(cp >= 0x20 || cp == '\n' || (esc && cp == 0x1B));
        FUZZ_CHECK(!escape_is_bidi(cp)); /* shown as marks, never raw */
        FUZZ_CHECK(cp != 0x7F && (c1_ok || cp < 0x80 || cp >= 0xA0));
        i += l;
    }
}

static bool has_prefix(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(s, lit, l) == 0;
}

static bool has_prefix_ci(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    if (n < l) return false;
    for (size_t i = 0; i < l; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != lit[i]) return false;
    }
    return true;
}

static void check_html(const char *s, size_t n)
{
    static const char *const tags[] = {
        "html",  "head", "meta", "title", "style", "body",  "h1",       "h2", "p",
        "table", "tr",   "td",   "th",    "thead", "tbody", "col",      "a",  "b",
        "br",    "del",  "ins",  "span",  "ul",    "li",    "colgroup", "div", "ol",
        "dl",    "dt",   "dd",   NULL};
    static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL};
    check_chars(s, n, false, false);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(!has_prefix_ci(s + i, n - i, "<script"));
        if (s[i] == '&') {
            bool ok = false;
            for (const char *const *e = entities; *e && !ok; e++)
                ok = has_prefix(s + i, n - i, *e);
            FUZZ_CHECK(ok);
        }
        if (s[i] != '<') continue;
        if (has_prefix(s + i, n - i, "<!DOCTYPE html>")) continue;
        size_t j = i + 1;
        if (j < n && s[j] == '/') j++;
        size_t name = j;
        while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9')))
            j++;
        FUZZ_CHECK(j < n && j > name && (s[j] == '>' || s[j] == ' '));
        bool known = false;
        for (const char *const *t = tags; *t && !known; t++)
            known = strlen(*t) == j - name && memcmp(*t, s + name, j - name) == 0;
        FUZZ_CHECK(known);
    }
}

static void check_md(const char *s, size_t n)
{
    static const char *const tags[] = {"<a id=\"", "</a>", "<del>", "</del>", "<b>", "</b>", "<i>", "</i>", NULL};
    check_chars(s, n, false, false);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<') continue;
        size_t bs = 0; /* an odd number of backslashes before it: escaped text */
        while (bs < i && s[i - 1 - bs] == '\\')
            bs++;
        if (bs % 2) continue;
        bool known = false;
        for (const char *const *t = tags; *t && !known; t++)
            known = has_prefix(s + i, n - i, *t);
        FUZZ_CHECK(known);
    }
    /* Nothing GFM's autolink extension would make a link of: "www." and
     * "://" have their dot and colon escaped, and an '@' never follows a
     * character of an e-mail address (a zero width joiner stands between). */
    for (size_t i = 0; i < n; i++) {
        const unsigned char *u = (const unsigned char *)s;
        if (i + 4 <= n && (u[i] | 0x20) == 'w' && (u[i + 1] | 0x20) == 'w' &&
            (u[i + 2] | 0x20) == 'w')
            FUZZ_CHECK(u[i + 3] != '.');
        if (i + 3 <= n && u[i] == ':' && u[i + 1] == '/' && u[i + 2] == '/')
            FUZZ_CHECK(i > 0 && u[i - 1] == '\\');
        if (u[i] == '@' && i > 0) {
            unsigned char c = u[i - 1];
            FUZZ_CHECK(!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                         c == '.' || c == '-' || c == '_' || c == '+'));
        }
    }
}

/* A recursive-descent JSON (RFC 8259) recogniser; *p advances. */
struct json {
    const char *s;
    size_t n, p;
};

static void json_ws(struct json *j)
{
    while (j->p < j->n &&
           (j->s[j->p] == ' ' || j->s[j->p] == '\n' || j->s[j->p] == '\t' || j->s[j->p] == '\r'))
        j->p++;
}

static bool json_lit(struct json *j, const char *lit)
{
    if (!has_prefix(j->s + j->p, j->n - j->p, lit)) return false;
    j->p += strlen(lit);
    return true;
}

static bool json_digits(struct json *j)
{
    size_t p = j->p;
    while (j->p < j->n && j->s[j->p] >= '0' && j->s[j->p] <= '9')
        j->p++;
    return j->p > p;
}

static bool json_number(struct json *j)
{
    if (j->p < j->n && j->s[j->p] == '-') j->p++;
    if (j->p < j->n && j->s[j->p] == '0')
        j->p++;
    else if (!json_digits(j))
        return false;
    if (j->p < j->n && j->s[j->p] == '.') {
        j->p++;
        if (!json_digits(j)) return false;
    }
    if (j->p < j->n && (j->s[j->p] == 'e' || j->s[j->p] == 'E')) {
        j->p++;
        if (j->p < j->n && (j->s[j->p] == '+' || j->s[j->p] == '-')) j->p++;
        if (!json_digits(j)) return false;
    }
    return true;
}

static bool json_string(struct json *j)
{
    if (j->p >= j->n || j->s[j->p] != '"') return false;
    j->p++;
    while (j->p < j->n) {
        unsigned char c = (unsigned char)j->s[j->p++];
        if (c == '"') return true;
        if (c < 0x20) return false;
        if (c != '\\') continue;
        if (j->p >= j->n) return false;
        c = (unsigned char)j->s[j->p++];
        if (c == 'u') {
            for (int k = 0; k < 4; k++, j->p++)
                if (j->p >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->p]) ||
                    j->s[j->p] == '\0')
                    return false;
        } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
            return false;
        }
    }
    return false;
}

static bool json_value(struct json *j, int depth)
{
    if (depth > JSON_DEPTH_MAX) return false;
    json_ws(j);
    if (j->p >= j->n) return false;
    char c = j->s[j->p];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        json_ws(j);
        if (j->p < j->n && j->s[j->p] == close) {
            j->p++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                json_ws(j);
                if (!json_string(j)) return false;
                json_ws(j);
                if (j->p >= j->n || j->s[j->p++] != ':') return false;
            }
            if (!json_value(j, depth + 1)) return false;
            json_ws(j);
            if (j->p >= j->n) return false;
            char d = j->s[j->p++];
            if (d == close) return true;
            if (d != ',') return false;
        }
    }
    if (c == '"') return json_string(j);
    if (c == '-' || (c >= '0' && c <= '9')) return json_number(j);
    return json_lit(j, "true") || json_lit(j, "false") || json_lit(j, "null");
}

static void check_json(const char *s, size_t n)
{
    check_chars(s, n, false, true);
    struct json j = {s, n, 0};
    FUZZ_CHECK(json_value(&j, 0));
    json_ws(&j);
    FUZZ_CHECK(j.p == n);
}

/* Every ESC starts an SGR sequence; no line ends with a style open. */
static void check_ansi(const char *s, size_t n)
{
    check_chars(s, n, true, false);
    bool open = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') FUZZ_CHECK(!open);
        if (s[i] != 0x1B) continue;
        FUZZ_CHECK(i + 1 < n && s[i + 1] == '[');
        size_t j = i + 2;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';'))
            j++;
        FUZZ_CHECK(j < n && s[j] == 'm' && j > i + 2);
        open = !(j == i + 3 && s[i + 2] == '0');
        i = j;
    }
    FUZZ_CHECK(!open);
}

/* The width of each line of side-by-side text (escapes left out) fits two
 * columns and the gutter, but for the "---"/"+++" header and lines with a
 * moved note (the note may be wider than a narrow column). */
static void check_side_by_side(const char *s, size_t n, int width)
{
    int w = width > 0 ? width : 160;
    int cols = (w - GUTTER_W) / 2 > TEXT_MIN_COL ? (w - GUTTER_W) / 2 : TEXT_MIN_COL;
    char *plain = xmalloc(n + 1);
    size_t at = 0;
    while (at < n) {
        const char *nl = memchr(s + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - s) : n, m = 0;
        for (size_t i = at; i < end; i++) {
            if (s[i] == 0x1B) { /* checked above: ESC [ params m */
                while (s[i] != 'm')
                    i++;
                continue;
            }
            plain[m++] = s[i];
        }
        bool header = has_prefix(plain, m, "--- ") || has_prefix(plain, m, "+++ ") ||
                      has_prefix(plain, m, "Only in ");
        bool note = m >= 7 && memmem(plain, m, "(moved ", 7) != NULL;
        if (!header && !note) FUZZ_CHECK(text_width(plain, m) <= (size_t)(2 * cols + GUTTER_W));
        at = end + 1;
    }
    free(plain);
}

static void check_format(enum export_format fmt, const char *s, size_t n, int width)
{
    switch (fmt) {
    case EXPORT_HTML:
        check_html(s, n);
        break;
    case EXPORT_MD:
        check_md(s, n);
        break;
    case EXPORT_JSON:
        check_json(s, n);
        break;
    case EXPORT_ANSI:
        check_ansi(s, n);
        check_side_by_side(s, n, width);
        break;
    case EXPORT_TEXT:
        check_chars(s, n, false, false);
        check_side_by_side(s, n, width);
        break;
    case EXPORT_INLINE:
    default:
        check_chars(s, n, false, false);
        break;
    }
}

/* Write fmt into a growing memory stream, check it, and return it (the
 * caller frees *out). */
static size_t export_mem(enum export_format fmt, const struct export_input *in, char **out)
{
    size_t n = 0;
    *out = NULL;
    FILE *f = open_memstream(out, &n);
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(export_write(f, fmt, in) == WD_OK);
    FUZZ_CHECK(fclose(f) == 0);
    check_format(fmt, *out, n, in->view.width);
    return n;
}

/* The same into a fixed buffer of cap bytes: an error when it does not
 * fit, else the same bytes. */
static void export_short(enum export_format fmt, const struct export_input *in, const char *full,
                         size_t n, size_t cap)
{
    char *buf = xmalloc(cap + 1);
    FILE *f = fmemopen(buf, cap + 1, "w");
    FUZZ_CHECK(f != NULL);
    setvbuf(f, NULL, _IONBF, 0);
    enum wd_status st = export_write(f, fmt, in);
    fclose(f);
    if (n > cap + 1) FUZZ_CHECK(st == WD_EIO);
    if (n < cap) FUZZ_CHECK(st == WD_OK && memcmp(buf, full, n) == 0);
    free(buf);
}

/* ---- the layout -------------------------------------------------------------- */

static void check_layout(const struct alignment *al, const struct layout_opts *lo)
{
    struct layout *l = layout_build(al, lo);
    const struct layout_opts *o = layout_get_opts(l);
    size_t nv, nl, np, nr;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    const struct lay_line *lines = layout_lines(l, &nl);
    const struct lay_piece *pieces = layout_pieces(l, &np);
    const struct align_row *rows = align_rows(al, &nr);
    size_t blen[2];
    (void)doc_bytes(align_doc(al, SIDE_A), &blen[0]);
    (void)doc_bytes(align_doc(al, SIDE_B), &blen[1]);
    const char *fold = layout_fold_text(l);
    char *buf = NULL;
    size_t cap = 0;
    uint64_t y = 0;
    size_t row = 0, line = 0;
    for (size_t i = 0; i < nv; i++) {
        FUZZ_CHECK(v[i].y == y && v[i].height >= 1);
        y += v[i].height;
        /* rows in order, each once, skipped ones left out */
        while (row < nr && lo->skip && lo->skip[row])
            row++;
        FUZZ_CHECK(v[i].row == row && v[i].nrows >= 1 && v[i].row + v[i].nrows <= nr);
        if (v[i].kind == VROW_ROW) {
            FUZZ_CHECK(v[i].nrows == 1);
        } else {
            FUZZ_CHECK(v[i].kind == VROW_FOLD && o->fold);
            for (uint32_t k = v[i].row; k < v[i].row + v[i].nrows; k++)
                FUZZ_CHECK(rows[k].kind == ROW_SAME && !(lo->skip && lo->skip[k]));
        }
        row = v[i].row + v[i].nrows;
        FUZZ_CHECK(layout_vrow_at(l, v[i].y) == i && layout_vrow_at(l, y - 1) == i);
        FUZZ_CHECK(layout_vrow_of_row(l, v[i].row) == i);
        for (int side = 0; side < 2; side++) {
            FUZZ_CHECK(v[i].nline[side] <= v[i].height);
            FUZZ_CHECK(v[i].line[side] == line); /* A's lines, then B's */
            line += v[i].nline[side];
            for (uint32_t q = v[i].line[side]; q < v[i].line[side] + v[i].nline[side]; q++) {
                const struct lay_line *ln = &lines[q];
                FUZZ_CHECK((size_t)ln->piece + ln->npiece <= np);
                FUZZ_CHECK(ln->width <= o->width[side] || (o->marks && o->width[side] < 6));
                int col = 0;
                for (uint32_t k = ln->piece; k < ln->piece + ln->npiece; k++) {
                    const struct lay_piece *p = &pieces[k];
                    FUZZ_CHECK(p->attr < LA_COUNT && p->start < p->end);
                    if (p->attr == LA_MARK) /* "[-" "-]" "{+" "+}" */
                        FUZZ_CHECK(p->end - p->start == 2 && fold[p->end] == '\0');
                    else if (p->attr == LA_FOLD) /* inside one marker text */
                        FUZZ_CHECK(!memchr(fold + p->start, '\0', p->end - p->start));
                    else
                        FUZZ_CHECK(p->end <= blen[side]);
                    FUZZ_CHECK(p->col == col);
                    size_t tn = layout_piece_text(l, side, p, &buf, &cap);
                    check_chars(buf, tn, false, false);
                    col += (int)text_width(buf, tn);
                }
                FUZZ_CHECK(col == ln->width);
            }
        }
    }
    while (row < nr && lo->skip && lo->skip[row])
        row++;
    FUZZ_CHECK(row == nr && line == nl && y == layout_height(l));
    FUZZ_CHECK(layout_vrow_at(l, y) == nv);
    free(buf);
    layout_free(l);
}

/* ---- the target --------------------------------------------------------------- */

/* The digest's items point at rows of al, in row order, each with the
 * strings its kind has, valid UTF-8 without controls; its one-line forms
 * hold no control character either. */
static void check_digest(const struct digest *dg, const struct alignment *al)
{
    size_t n, nr;
    const struct digest_item *it = digest_items(dg, &n);
    (void)align_rows(al, &nr);
    size_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(it[i].row < nr && it[i].row + it[i].nrows <= nr && it[i].nrows >= 1);
        FUZZ_CHECK(i == 0 || it[i - 1].row <= it[i].row);
        FUZZ_CHECK(it[i].kind < DG_KIND_COUNT);
        FUZZ_CHECK(it[i].before || it[i].after);
        const char *strs[2] = {it[i].before, it[i].after};
        for (int k = 0; k < 2; k++)
            if (strs[k]) {
                FUZZ_CHECK(text_count_invalid(strs[k], strlen(strs[k])) == 0);
                for (const char *p = strs[k]; *p; p++)
                    FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
            }
        char line[2048];
        digest_item_text(&it[i], line, sizeof line);
        FUZZ_CHECK(strchr(line, '\n') == NULL);
    }
    for (int k = 0; k < DG_KIND_COUNT; k++)
        sum += digest_count(dg, (enum digest_kind)k);
    FUZZ_CHECK(sum == n);
}

#define NDOCS_MAX 3
#define HEAD      7

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEAD) return 0;
    uint8_t flags = data[0];
    static const char *const names[NDOCS_MAX] = {"a.txt", "b/<script>x&amp;\"'.txt", "c d.txt"};
    const char *part[NDOCS_MAX];
    size_t len[NDOCS_MAX];
    size_t nd = fuzz_split(data + HEAD, size - HEAD, part, len, NDOCS_MAX);
    if (nd < 2) return 0;
    struct doc_opts dopts = {.text = flags & 64};
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *docs[NDOCS_MAX] = {NULL, NULL, NULL};
    struct export_cmp cmps[NDOCS_MAX - 1];
    memset(cmps, 0, sizeof cmps);
    struct alignment *al[NDOCS_MAX - 1] = {NULL, NULL};
    size_t ncmp = 0;
    for (size_t k = 0; k < nd; k++)
        if (doc_from_memory(ctx, names[k], part[k], len[k], &dopts, &docs[k]) != WD_OK) goto out;
    doc_ctx_seal(ctx);

    struct align_opts ao;
    align_default_opts(&ao);
    ao.minimal = flags & 16;
    ao.no_moves = flags & 32;
    bool swapped = flags & 4;
    for (size_t k = 0; k + 1 < nd; k++, ncmp++) {
        al[k] = align_docs(docs[0], docs[k + 1], ctx, &ao);
        if (swapped) {
            /* as the reader does: the swapped alignment, sides exchanged */
            struct alignment *s = align_swapped(al[k]);
            align_free(al[k]);
            al[k] = s;
        }
        cmps[k].a = swapped ? k + 1 : 0;
        cmps[k].b = swapped ? 0 : k + 1;
        cmps[k].al = al[k];
        /* the digest, which HTML, Markdown and JSON begin with (and text
         * and inline with view.digest) */
        cmps[k].dg = digest_new(al[k], NULL);
        check_digest(cmps[k].dg, al[k]);
    }

    /* files of two folders that only one holds, before the first
     * comparison and after the last: their names escaped everywhere */
    const struct export_only only[] = {{"dir/<script>x&amp;\x1b[31m\n.txt", SIDE_B, 0},
                                       {"\xe2\x80\xae"
                                        "evil",
                                        SIDE_A, ncmp}};
    struct export_input in = {
        .docs = (const struct doc *const *)docs,
        .ndocs = nd,
        .cmps = cmps,
        .ncmps = ncmp,
        .view = {.width = data[1],
                 .words = flags & 1,
                 .fold = flags & 2,
                 .swapped = swapped,
                 .digest = data[1] & 1,
                 .timestamp = "2026-11-23T17:10:00Z <script>&",
                 .range = flags & 8,
                 .first_row = data[2],
                 .last_row = (size_t)data[2] + data[3]},
        .only = only,
        .nonly = WD_ARRAY_LEN(only),
    };
    for (int fmt = 0; fmt < EXPORT_FORMAT_COUNT; fmt++) {
        char *out;
        size_t n = export_mem((enum export_format)fmt, &in, &out);
        if (fmt == data[6] % EXPORT_FORMAT_COUNT)
            export_short((enum export_format)fmt, &in, out, n, n * (data[6] / 8) / 32);
        free(out);
    }

    /* the coloured forms in the light theme: inline with colours (--color),
     * ANSI; every line closes its colours */
    struct theme light;
    theme_init(&light, THEME_LIGHT);
    in.view.theme = &light;
    in.view.color = true;
    for (int k = 0; k < 2; k++) {
        char *out = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&out, &n);
        FUZZ_CHECK(f != NULL);
        FUZZ_CHECK(export_write(f, k ? EXPORT_ANSI : EXPORT_INLINE, &in) == WD_OK);
        FUZZ_CHECK(fclose(f) == 0);
        check_ansi(out, n);
        free(out);
    }

    struct layout_opts lo;
    layout_default_opts(&lo, 1 + (data[4] & 63), 1 + (data[5] & 63));
    lo.tab = 1 + (data[5] >> 6) * 3;
    lo.words = flags & 1;
    lo.fold = flags & 2;
    lo.marks = data[4] & 64;
    size_t nr;
    (void)align_rows(al[0], &nr);
    uint8_t *skip = NULL;
    if (data[4] & 128) { /* hide every third row, as the reader hides boilerplate */
        skip = xcalloc(nr + 1, 1);
        for (size_t r = 0; r < nr; r++)
            skip[r] = r % 3 == 1;
    }
    lo.skip = skip;
    check_layout(al[0], &lo);
    free(skip);

    if (flags & 128) {
        struct corpus *c = corpus_new(ctx, docs, nd);
        for (int json = 0; json < 2; json++) {
            char *out = NULL;
            size_t n = 0;
            FILE *f = open_memstream(&out, &n);
            FUZZ_CHECK(f != NULL);
            enum wd_status st = json ? export_overlap_json(f, c, (const struct doc *const *)docs)
                                     : export_overlap_text(f, c, (const struct doc *const *)docs);
            FUZZ_CHECK(st == WD_OK);
            FUZZ_CHECK(fclose(f) == 0);
            if (json)
                check_json(out, n);
            else
                check_chars(out, n, false, false);
            free(out);
        }
        /* the overview and the columns: the pivot against every other */
        size_t p = corpus_pivot(c);
        FUZZ_CHECK(p < nd);
        uint32_t cols[NDOCS_MAX];
        size_t ncols = export_columns_pick(c, p, data[1] & 2, cols);
        struct alignment *cal[NDOCS_MAX] = {NULL, NULL, NULL};
        for (size_t k = 0; k < ncols; k++)
            cal[cols[k]] = align_docs(docs[p], docs[cols[k]], ctx, &ao);
        struct export_corpus ec = {
            .c = c,
            .docs = (const struct doc *const *)docs,
            .ndocs = nd,
            .pivot = p,
            .cols = cols,
            .ncols = ncols,
            .al = (const struct alignment *const *)cal,
            .words = flags & 1,
            .timestamp = "2026-11-23T17:10:00Z <script>&",
        };
        static const enum export_format cf[] = {EXPORT_HTML, EXPORT_MD, EXPORT_JSON};
        for (size_t i = 0; i < sizeof cf / sizeof *cf; i++) {
            char *out = NULL;
            size_t n = 0;
            FILE *f = open_memstream(&out, &n);
            FUZZ_CHECK(f != NULL);
            FUZZ_CHECK(export_columns(f, cf[i], &ec) == WD_OK);
            FUZZ_CHECK(fclose(f) == 0);
            if (cf[i] == EXPORT_HTML)
                check_html(out, n);
            else if (cf[i] == EXPORT_MD)
                check_md(out, n);
            else
                check_json(out, n);
            free(out);
        }
        for (size_t k = 0; k < nd; k++)
            if (cal[k]) align_free(cal[k]);
        corpus_free(c);
    }

out:
    for (size_t k = 0; k < ncmp; k++) {
        digest_free((struct digest *)cmps[k].dg);
        align_free(al[k]);
    }
    for (size_t k = 0; k < nd; k++)
        doc_free(docs[k]);
    doc_ctx_free(ctx);
    return 0;
}
