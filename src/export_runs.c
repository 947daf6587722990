/* export_runs.c - the text of a row for the writers (export.h): a side
 * cut into runs of one attribute, the row's notes (roles, a weak pair),
 * and characters cleaned up for a snapshot. */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "text.h"

static void push_run(struct export_run **runs, size_t *cap, size_t *n, uint32_t st, uint32_t en,
                     uint16_t attr, bool *first)
{
    if (en <= st) return;
    xgrow(runs, cap, *n + 1, sizeof **runs);
    (*runs)[(*n)++] = (struct export_run){st, en, attr, *first};
    *first = false;
}

static int cmp_run(const void *x, const void *y)
{
    const struct export_run *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

size_t export_side_runs(const struct alignment *al, const struct align_row *r, int side, bool words,
                        struct export_run **runs, size_t *cap)
{
    uint32_t first = side ? r->b : r->a, count = side ? r->bn : r->an;
    if (!(r->show & (1u << side)) || count == 0) return 0;
    size_t ns, nops;
    const struct sentence *sent = doc_sentences(align_doc(al, side), &ns);
    const struct wop *ops = align_ops(al, &nops);
    bool pair = r->kind == ROW_CHANGED || r->kind == ROW_MOVED;
    uint16_t attr = r->kind == ROW_DELETED    ? LA_DELETED
                    : r->kind == ROW_INSERTED ? LA_INSERTED
                    : pair                    ? LA_COMMON
                                              : LA_PLAIN;
    /* a pair's words, or a same row's folded characters */
    words = words && (pair || (r->kind == ROW_SAME && r->nop > 0));
    /* The word spans of this side, in byte order (as layout.c collects
     * them), then the runs after them in the same array. */
    size_t nsp = 0;
    bool sorted = true, dummy = false;
    for (uint32_t k = r->op; words && k < r->op + r->nop; k++) {
        const struct wop *o = &ops[k];
        if (o->kind != WOP_EQUAL && o->kind != WOP_FOLD && o->kind != (side ? WOP_INS : WOP_DEL))
            continue;
        uint32_t s0 = side ? o->b_start : o->a_start, e0 = side ? o->b_end : o->a_end;
        uint16_t a = o->kind == WOP_EQUAL  ? LA_COMMON
                     : o->kind == WOP_FOLD ? LA_FOLDED
                     : side                ? LA_INS
                                           : LA_DEL;
        if (nsp && s0 < (*runs)[nsp - 1].end) sorted = false;
        push_run(runs, cap, &nsp, s0, e0, a, &dummy);
    }
    if (!sorted) qsort(*runs, nsp, sizeof **runs, cmp_run);
    size_t n = nsp, k = 0;
    for (uint32_t q = first; q < first + count && q < ns; q++) {
        uint32_t pos = sent[q].start, en = sent[q].end;
        bool start = true;
        int prev = -1; /* attribute of the word span before pos */
        while (k < nsp && (*runs)[k].end <= pos)
            k++;
        for (; k < nsp && (*runs)[k].start < en; k++) {
            struct export_run sp = (*runs)[k]; /* a copy: push_run may move the array */
            uint32_t s0 = WD_MAX(sp.start, pos), e0 = WD_MIN(sp.end, en);
            bool join = prev == sp.attr && sp.attr != LA_FOLDED; /* folds: text between */
            push_run(runs, cap, &n, pos, s0, join ? sp.attr : attr, &start);
            if (e0 > s0) {
                push_run(runs, cap, &n, s0, e0, sp.attr, &start);
                pos = e0;
            }
            prev = sp.attr;
            if (sp.end > en) break;
        }
        push_run(runs, cap, &n, pos, en, attr, &start);
    }
    /* drop the spans: the runs start at index nsp */
    memmove(*runs, *runs + nsp, (n - nsp) * sizeof **runs);
    return n - nsp;
}

void export_row_notes(FILE *f, const struct alignment *al, const struct align_row *r,
                      const char *open, const char *close)
{
    char ra = align_role_mark(al, r, SIDE_A), rb = align_role_mark(al, r, SIDE_B);
    size_t ns;
    const char *na = NULL, *nb = NULL;
    if (ra != ' ' && ra != 'd')
        na = role_name(sent_role(&doc_sentences(align_doc(al, SIDE_A), &ns)[r->a]));
    if (rb != ' ' && rb != 'd')
        nb = role_name(sent_role(&doc_sentences(align_doc(al, SIDE_B), &ns)[r->b]));
    if (na && nb && strcmp(na, nb) != 0)
        fprintf(f, "%sA %s, B %s%s", open, na, nb, close);
    else if (na || nb)
        fprintf(f, "%s%s%s", open, na ? na : nb, close);
    if (align_row_weak(r))
        fprintf(f, "%sweak pair, similarity 0.%02d%s", open, align_sim_cents(r), close);
}

size_t export_char(const char *s, size_t end, size_t i, int32_t *cp)
{
    size_t l = text_decode(s, end, i, cp);
    int32_t c = *cp;
    if (c == TEXT_REPLACEMENT) return l; /* invalid, or U+FFFD itself: shown the same */
    if (escape_is_bidi(c))
        *cp = EXPORT_CHAR_MARK;
    else if (text_is_space(c))
        *cp = ' ';
    else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        *cp = -1;
    else if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
        *cp = TEXT_REPLACEMENT;
    return l;
}

size_t export_mark(const char *s, size_t end, size_t i, char *out)
{
    int32_t cp;
    text_decode(s, end, i, &cp);
    return escape_cp(cp, out);
}

size_t export_plain_run(const char *s, size_t end, size_t i, const bool special[128])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i;
    while (j < end && u[j] >= 0x20 && u[j] < 0x7F && !special[u[j]] &&
           (u[j] != ' ' || (j > i && u[j - 1] != ' ')))
        j++;
    return j;
}
