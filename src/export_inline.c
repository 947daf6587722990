/* export_inline.c - the inline export (--export=text --inline): one
 * column, wdiff style, a line per alignment row (export.h). */
#include "config.h"

#include "export.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "escape.h"
#include "text.h"

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
