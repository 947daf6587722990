/* export_md.c - Markdown that renders on the common forges (GitHub,
 * GitLab: CommonMark with the GFM strikethrough and tables extensions).
 *
 * A table cannot hold long sentences readably, so only the header is a
 * table (both sources, their sentence counts and share matched); the
 * rows are blocks, one per display row of the reader (export_blocks: the
 * same rows and folds), each a bold row number and kind, then its
 * sentences in a block quote, labelled A and B:
 *
 *     <a id="r12"></a>**12** · changed
 *
 *     > **A:** the ministry ~~said~~ in a statement.
 *     >
 *     > **B:** the ministry **wrote** in a statement.
 *
 * Words only in A are ~~struck~~, words only in B **bold** (or <del> and
 * <b>, which the forges allow, where CommonMark's flanking rules would
 * not let the ~~ or ** open and close: see md_side); in a same row whose
 * characters differ only in case, quotes or dashes, both sides are shown
 * and those characters are <i>.  A row header names the roles of its
 * sentences that are not story text, "(caption)", and a weak pair's
 * similarity.  A moved
 * sentence appears at both places, each linking to the other ("moved to
 * [row 47](#r47)"; the forges keep the anchor of an <a id>).  All article
 * text is escaped (a backslash before every Markdown metacharacter:
 * \ ` * _ ~ [ ] < > # | & and, at the start of a line, list and heading
 * markers; GFM's autolinks neutralised, see md_put_unlinked), so text cannot
 * inject formatting, links or HTML; white space runs become one space, so
 * every block stays one line.
 */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "escape.h"
#include "swar.h"
#include "text.h"

/* GFM turns bare addresses into links (the autolink extension): "www."
 * and "scheme://" by what starts them, e-mail addresses by "local@domain."
 * found in the text.  Article text must not become a link: the dot of
 * "www." and the colon of "://" are escaped (the extension looks at the
 * source, where the backslash stands before them), and a ZERO WIDTH JOINER
 * goes before an '@' that follows a character of an address (the
 * extension looks at the text, where an escape would be gone; the joiner
 * is invisible).  Applied to a whole line of Markdown as written (md_str,
 * md_side), because what counts is the text as the renderer sees it: with
 * controls dropped ("ww", a control, "w." is "www.") and the word runs of
 * a pair joined ("xttp" deleted, then "://" in common).  Our own markup
 * holds none of these.  Checked with cmark-gfm -e autolink in
 * tests/test_md_gfm.sh and by fuzz_export. */
static void md_put_unlinked(FILE *f, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 8 <= n) { /* eight bytes without '.', ':' or '@' at once */
            uint64_t x = swar_load(s + i);
            if (!(swar_eq(x, '.') | swar_eq(x, ':') | swar_eq(x, '@'))) {
                i += 7;
                continue;
            }
        }
        const char *add = NULL;
        if (u[i] == '.' && i >= 3 && (u[i - 1] | 0x20) == 'w' && (u[i - 2] | 0x20) == 'w' &&
            (u[i - 3] | 0x20) == 'w') {
            add = "\\";
        } else if (u[i] == ':' && i + 2 < n && u[i + 1] == '/' && u[i + 2] == '/') {
            size_t bs = 0; /* an odd number of backslashes before it: escaped */
            while (bs < i && u[i - 1 - bs] == '\\')
                bs++;
            if (bs % 2 == 0) add = "\\";
        } else if (u[i] == '@' && i > 0) {
            unsigned char c = u[i - 1];
            if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.' ||
                c == '-' || c == '_' || c == '+')
                add = "\xE2\x80\x8D";
        }
        if (!add) continue;
        fwrite(s + from, 1, i - from, f);
        fputs(add, f);
        from = i;
    }
    fwrite(s + from, 1, n - from, f);
}

/* Text s[start, end) escaped; *space: the last character written was a
 * space (or nothing yet), so a white space run writes one space only.
 * *bol: at the start of a line, where "-", "+", "=" and "1." would start
 * a list or heading. */
static void md_text(struct strbuf *f, const char *s, size_t start, size_t end, bool *bol)
{
    static const bool special[128] = {
        ['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['~'] = true, ['['] = true,
        [']'] = true,  ['<'] = true, ['>'] = true, ['#'] = true, ['|'] = true, ['&'] = true};
    bool space = false;
    for (size_t i = start; i < end;) {
        size_t run = *bol ? i : export_plain_run(s, end, i, special);
        if (run > i) { /* most of the text: one write, not one a character */
            sb_add(f, s + i, run - i);
            space = s[run - 1] == ' ';
            i = run;
            continue;
        }
        int32_t cp;
        size_t l = export_char(s, end, i, &cp);
        if (cp == ' ') {
            if (!space && !*bol) sb_addc(f, ' ');
            space = true;
            i += l;
            continue;
        }
        if (cp == EXPORT_CHAR_MARK) { /* a bidi control, shown with its backslash escaped */
            char m[ESCAPE_CP_MAX];
            export_mark(s, end, i, m);
            sb_addc(f, '\\');
            sb_adds(f, m);
            space = *bol = false;
            i += l;
            continue;
        }
        if (cp < 0) { /* not shown, and no word boundary either */
            i += l;
            continue;
        }
        space = false;
        if (*bol) {
            if (cp == '-' || cp == '+' || cp == '=') {
                sb_addc(f, '\\');
            } else if (cp >= '0' && cp <= '9') {
                /* "12." or "12)" starts an ordered list */
                size_t j = i;
                while (j < end && j - i < 10 && s[j] >= '0' && s[j] <= '9')
                    j++;
                if (j < end && (s[j] == '.' || s[j] == ')')) {
                    sb_add(f, s + i, j - i);
                    sb_addc(f, '\\');
                    i = j;
                    *bol = false;
                    continue;
                }
            }
            *bol = false;
        }
        if (cp < 0x80 && strchr("\\`*_~[]<>#|&", (int)cp)) sb_addc(f, '\\');
        if (cp == TEXT_REPLACEMENT)
            sb_add(f, "\xEF\xBF\xBD", 3);
        else
            sb_add(f, s + i, l);
        i += l;
    }
}

void export_md_str(FILE *f, const char *s)
{
    bool bol = false;
    struct strbuf b = {0};
    sb_add(&b, "", 0);
    md_text(&b, s, 0, strlen(s), &bol);
    md_put_unlinked(f, b.s, b.len);
    sb_free(&b);
}

static void md_head(FILE *f, const struct export_input *in)
{
    fputs("# wirediff snapshot\n\n", f);
    if (in->view.timestamp) {
        export_md_str(f, in->view.timestamp);
        fputs(" \xC2\xB7 ", f);
    }
    char hidden[64] = "";
    if (in->ncmps) export_hidden_note(hidden, sizeof hidden, in->cmps[0].al, &in->view);
    fprintf(f, "word marks %s \xC2\xB7 identical runs %s \xC2\xB7 sides %s%s%s\n",
            in->view.words ? "on" : "off", in->view.fold ? "folded" : "shown",
            in->view.swapped ? "swapped" : "as given", hidden[0] ? " \xC2\xB7 " : "", hidden);
}

/* What changed in substance: each item linked to its row when the
 * snapshot shows it. */
static void md_digest(FILE *f, const struct digest *dg, const char *id,
                      const struct export_block *b, size_t nb)
{
    char line[1024];
    digest_summary(dg, line, sizeof line);
    fputs("\n**What changed:** ", f);
    export_md_str(f, line);
    fputs("\n\n", f);
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    for (size_t i = 0; i < n; i++) {
        size_t bi = export_block_of_row(b, nb, it[i].row);
        if (bi < nb && !b[bi].fold)
            fprintf(f, "- [row %zu](#%s%zu) \xC2\xB7 ", it[i].row + 1, id, it[i].row + 1);
        else
            fprintf(f, "- row %zu \xC2\xB7 ", it[i].row + 1);
        digest_item_text(&it[i], line, sizeof line);
        export_md_str(f, line);
        putc('\n', f);
    }
}

static void md_summary(FILE *f, const struct alignment *al, const struct export_view *v,
                       const struct digest *dg, const char *id, const struct export_block *b,
                       size_t nb)
{
    const struct align_stats *st = align_get_stats(al);
    fputs("\n| | file | title | sentences | matched |\n|---|---|---|--:|--:|\n", f);
    for (int side = 0; side < 2; side++) {
        const struct doc *d = align_doc(al, side);
        fprintf(f, "| %c | ", side ? 'B' : 'A');
        export_md_str(f, doc_path(d));
        fputs(" | ", f);
        export_md_str(f, doc_title(d));
        fprintf(f, " | %zu | %d%% |\n", st->sentences[side], export_matched_pct(st, side));
    }
    /* where the documents came from, a line each */
    for (int side = 0; side < 2; side++) {
        struct export_source src;
        export_source_fields(align_doc(al, side), &src);
        if (!src.n) continue;
        fprintf(f, "\n**%c**", side ? 'B' : 'A');
        for (size_t i = 0; i < src.n; i++) {
            fprintf(f, "%s%s: ", i ? " \xC2\xB7 " : " ", src.label[i]);
            export_md_str(f, src.value[i]);
        }
        fputs("\n", f);
    }
    if (dg) md_digest(f, dg, id, b, nb);
    fputs("\n", f);
    export_stats_line(f, al, v, "**", "**");
    fputs("\n\nLegend: ~~deleted words~~ \xC2\xB7 **inserted words** \xC2\xB7 "
          "*deleted*: only in A \xC2\xB7 *inserted*: only in B \xC2\xB7 "
          "*moved*: at both places, each linking to the other \xC2\xB7 "
          "*italic*: same but for case, quotes or dashes \xC2\xB7 "
          "a row's roles when not the story (headline, dateline, caption, byline, "
          "boilerplate) \xC2\xB7 ",
          f);
    fprintf(f, "weak pair: similarity under %.2f\n\n---\n", ALIGN_WEAK_SIM);
}


/* CommonMark's classes for the flanking rules: Unicode white space (line
 * ends count), and punctuation (ASCII punctuation, Unicode P and S). */
static bool md_space(int32_t cp)
{
    return cp == '\n' || text_is_space(cp);
}

static bool md_punct(int32_t cp)
{
    if (cp < 0x80)
        return cp > 0x20 && cp < 0x7F && !(cp >= '0' && cp <= '9') &&
               !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO) ||
           (c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO);
}

static int32_t first_cp(const char *s, size_t n)
{
    int32_t cp = '\n';
    if (n) text_decode(s, n, 0, &cp);
    return cp;
}

static int32_t last_cp(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? first_cp(s + i - 1, n - i + 1) : '\n';
}

/* Can a delimiter run such as ~~ or ** open between prev and next (left-
 * flanking), or close (right-flanking)?  CommonMark 0.31, 6.2. */
static bool md_opens(int32_t prev, int32_t next)
{
    return !md_space(next) && (!md_punct(next) || md_space(prev) || md_punct(prev));
}

static bool md_closes(int32_t prev, int32_t next)
{
    return !md_space(prev) && (!md_punct(prev) || md_space(next) || md_punct(next));
}

/* Escape every run of the side into m->pb first, so that each marked
 * run can see its neighbours: ~~text~~ and **text** only work where the
 * flanking rules let the delimiters open and close ("Campbell~~, said~~"
 * does not: a comma after a letter); there the same marks are written as
 * the inline HTML the forges allow, <del> and <b>. */
void export_md_side(struct export_md *m, const struct align_row *r, int side, const char *label)
{
    struct strbuf *f = &m->lb, *pf = &m->pb;
    f->len = pf->len = 0;
    sb_add(pf, "", 0); /* (never NULL below) */
    const char *bytes = doc_bytes(align_doc(m->al, side), NULL);
    size_t n = export_side_runs(m->al, r, side, m->v->words, &m->runs, &m->cap);
    xgrow(&m->piece_at, &m->cappiece, n + 1, sizeof *m->piece_at);
    bool bol = label == NULL;
    for (size_t i = 0; i < n; i++) {
        const struct export_run *u = &m->runs[i];
        m->piece_at[i] = pf->len;
        md_text(pf, bytes, u->start, u->end, &bol);
    }
    m->piece_at[n] = pf->len;
    sb_add(f, "> ", 2);
    int32_t prev = ' ';
    if (label) {
        sb_add(f, "**", 2);
        sb_adds(f, label);
        sb_add(f, ":** ", 4);
    }
    for (size_t i = 0; i < n; i++) {
        const struct export_run *u = &m->runs[i];
        const char *p = pf->s + m->piece_at[i];
        size_t len = m->piece_at[i + 1] - m->piece_at[i];
        if (u->sentence && i) {
            sb_addc(f, ' ');
            prev = ' ';
        }
        if (len == 0) continue;
        const char *open = "", *close = "";
        if (u->attr == LA_FOLDED) { /* quietly: italics, which the forges keep */
            open = "<i>";
            close = "</i>";
        } else if (u->attr == LA_DEL || u->attr == LA_INS) {
            bool del = u->attr == LA_DEL;
            int32_t next =
                i + 1 < n && !m->runs[i + 1].sentence
                    ? first_cp(pf->s + m->piece_at[i + 1], m->piece_at[i + 2] - m->piece_at[i + 1])
                    : ' ';
            if (md_opens(prev, first_cp(p, len)) && md_closes(last_cp(p, len), next))
                open = close = del ? "~~" : "**";
            else if (del)
                open = "<del>", close = "</del>";
            else
                open = "<b>", close = "</b>";
        }
        sb_adds(f, open);
        sb_add(f, p, len);
        sb_adds(f, close);
        prev = *close ? '>' : last_cp(p, len); /* '~' and '*' are punctuation like '>' */
    }
    sb_addc(f, '\n');
    md_put_unlinked(m->f, f->s, f->len);
}

/* Do the two sides of same row r hold the same bytes? */
static bool same_bytes(const struct alignment *al, const struct align_row *r)
{
    size_t na, nb;
    const struct sentence *sa = doc_sentences(align_doc(al, SIDE_A), &na);
    const struct sentence *sb = doc_sentences(align_doc(al, SIDE_B), &nb);
    if (r->an != r->bn || r->an == 0) return false;
    const char *ta = doc_bytes(align_doc(al, SIDE_A), NULL);
    const char *tb = doc_bytes(align_doc(al, SIDE_B), NULL);
    uint32_t a0 = sa[r->a].start, a1 = sa[r->a + r->an - 1].end;
    uint32_t b0 = sb[r->b].start, b1 = sb[r->b + r->bn - 1].end;
    return a1 - a0 == b1 - b0 && memcmp(ta + a0, tb + b0, a1 - a0) == 0;
}

static void md_row(struct export_md *m, const struct align_row *r, size_t row, bool partner_shown)
{
    FILE *f = m->f;
    fprintf(f, "\n<a id=\"%s%zu\"></a>**%zu** \xC2\xB7 %s", m->id, row + 1, row + 1,
            align_kind_name(r->kind));
    if (r->kind == ROW_DELETED)
        fputs(" (only in A)", f);
    else if (r->kind == ROW_INSERTED)
        fputs(" (only in B)", f);
    else if (r->kind == ROW_MOVED) {
        const char *dir = (r->show & SHOW_A) ? "to" : "from";
        if (partner_shown)
            fprintf(f, " %s [row %ld](#%s%ld)", dir, (long)r->partner + 1, m->id,
                    (long)r->partner + 1);
        else
            fprintf(f, " %s row %ld (not shown)", dir, (long)r->partner + 1);
    }
    export_row_notes(f, m->al, r, " \xC2\xB7 ", "");
    fputs("\n\n", f);
    if (r->kind == ROW_SAME && same_bytes(m->al, r)) {
        export_md_side(m, r, SIDE_A, NULL);
    } else if (r->kind == ROW_SAME || r->kind == ROW_CHANGED) {
        /* a same row whose bytes differ (equal after normalisation) shows both */
        export_md_side(m, r, SIDE_A, "A");
        fputs(">\n", f);
        export_md_side(m, r, SIDE_B, "B");
    } else {
        int side = r->kind == ROW_DELETED || (r->kind == ROW_MOVED && (r->show & SHOW_A)) ? SIDE_A
                                                                                          : SIDE_B;
        export_md_side(m, r, side, side ? "B" : "A");
    }
}

/* The display rows of one comparison being written, for md_rows. */
struct md_rows {
    const struct export_md *m;
    const struct export_block *blocks;
    size_t nb;
    const struct align_row *rows;
};

/* Write blocks from .. to - 1 to out (export_chunks). */
static void md_rows(void *arg, FILE *out, size_t from, size_t to)
{
    const struct md_rows *mr = arg;
    struct export_md m = {.f = out, .al = mr->m->al, .v = mr->m->v};
    memcpy(m.id, mr->m->id, sizeof m.id);
    for (size_t i = from; i < to; i++) {
        const struct export_block *b = &mr->blocks[i];
        if (b->fold) {
            fprintf(out, "\n*\xE2\x80\xA6 %zu identical sentence%s*\n", b->nrows,
                    b->nrows == 1 ? "" : "s");
            continue;
        }
        const struct align_row *r = &mr->rows[b->row];
        bool shown =
            r->partner >= 0 && export_block_of_row(mr->blocks, mr->nb, (size_t)r->partner) < mr->nb;
        md_row(&m, r, b->row, shown);
    }
    export_md_free(&m);
}

static void md_cmp(struct export_md *m, const struct export_input *in, size_t k)
{
    FILE *f = m->f;
    const struct alignment *al = in->cmps[k].al;
    m->al = al;
    m->v = &in->view;
    if (k == 0)
        snprintf(m->id, sizeof m->id, "r");
    else
        snprintf(m->id, sizeof m->id, "c%zur", k + 1);
    if (in->ncmps > 1) {
        fputs("\n## ", f);
        export_md_str(f, doc_path(align_doc(al, SIDE_A)));
        fputs(" vs ", f);
        export_md_str(f, doc_path(align_doc(al, SIDE_B)));
        putc('\n', f);
    }
    size_t nr, nb;
    const struct align_row *rows = align_rows(al, &nr);
    struct export_block *blocks = export_blocks(al, &in->view, &nb);
    md_summary(f, al, &in->view, in->cmps[k].dg, m->id, blocks, nb);
    if (nb == 0) fputs("\n*(no sentences on either side)*\n", f);
    struct md_rows mr = {m, blocks, nb, rows};
    export_chunks(f, nb, EXPORT_CHUNK, md_rows, &mr);
    free(blocks);
}

enum wd_status export_md(FILE *f, const struct export_input *in)
{
    struct export_md m = {.f = f};
    md_head(f, in);
    for (size_t k = 0; k <= in->ncmps; k++) {
        for (size_t i = 0; i < in->nonly; i++) {
            if (in->only[i].at != k) continue;
            char *s = export_only_text(&in->only[i]);
            fputs("\n", f);
            export_md_str(f, s);
            fputs("\n", f);
            free(s);
        }
        if (k < in->ncmps) md_cmp(&m, in, k);
    }
    export_md_free(&m);
    return ferror(f) ? WD_EIO : WD_OK;
}

void export_md_free(struct export_md *m)
{
    free(m->runs);
    sb_free(&m->pb);
    sb_free(&m->lb);
    free(m->piece_at);
    memset(m, 0, sizeof *m);
}
