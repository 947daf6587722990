/* tui_goto.c - addressing sentences in the pair reader, as less and vim do
 * lines:
 *
 *   #       each side's sentence numbers in the gutter (as less -N), on and
 *           off: the gutter widens by two numbers, A's right-aligned before
 *           the row's mark, B's after it; a row of several sentences shows
 *           its first
 *   :N      (or :aN) to A's sentence N, :bN to B's; NG to A's sentence N
 *   N j k ] [ Down Up   a count before a motion repeats it
 *
 * Sentences count from 1 in each document as shown (with s, A is the
 * document on the left).  A sentence inside a fold unfolds it, like a
 * search match; one hidden as boilerplate (B) is said so.
 */
#include "config.h"

#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "layout.h"
#include "util.h"

/* Largest count taken (more digits are ignored). */
#define COUNT_MAX 1000000

/* Columns of one side's numbers: the widest sentence number of either
 * document. */
static int number_width(const struct tui *t)
{
    const struct alignment *al = t->al[0];
    size_t na, nb;
    doc_sentences(align_doc(al, SIDE_A), &na);
    doc_sentences(align_doc(al, SIDE_B), &nb);
    return tui_digits(WD_MAX(WD_MAX(na, nb), 1));
}

void tui_numbers_set(struct tui *t, bool on)
{
    t->numbers = on;
    t->gutter = t->gutter_marks + (on ? 2 * number_width(t) + 2 : 0);
}

int tui_numbers_draw(struct tui *t, const struct align_row *r, int y, int x)
{
    if (!t->numbers) return x;
    int nw = number_width(t);
    char s[32];
    if ((r->show & SHOW_A) && r->an) {
        snprintf(s, sizeof s, "%*u", nw, r->a + 1);
        tui_put_str(t, y, x + 1, s, nw, LA_FOLD);
    }
    if ((r->show & SHOW_B) && r->bn) {
        snprintf(s, sizeof s, "%u", r->b + 1);
        tui_put_str(t, y, x + 1 + nw + t->gutter_marks, s, nw, LA_FOLD);
    }
    return x + 1 + nw; /* where the marks begin */
}

/* The row showing sentence s (0-based) of side, or SIZE_MAX. */
static size_t row_of_sentence(const struct alignment *al, int side, uint32_t s)
{
    size_t nr;
    const struct align_row *rows = align_rows(al, &nr);
    for (size_t i = 0; i < nr; i++) {
        const struct align_row *r = &rows[i];
        uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
        if ((r->show & (side ? SHOW_B : SHOW_A)) && n && s >= first && s - first < n) return i;
    }
    return SIZE_MAX;
}

void tui_goto_sentence(struct tui *t, int side, size_t n)
{
    const struct alignment *al = tui_al(t);
    size_t ns;
    doc_sentences(align_doc(al, side), &ns);
    char name = side ? 'B' : 'A';
    if (n == 0 || n > ns) {
        tui_message(t, true, "%c has sentences 1 to %zu, not %zu", name, ns, n);
        return;
    }
    size_t row = row_of_sentence(al, side, (uint32_t)(n - 1));
    if (row == SIZE_MAX) {
        tui_message(t, true, "%c's sentence %zu is in no row", name, n);
        return;
    }
    if (tui_row_hidden(t, row)) {
        tui_message(t, true, "%c's sentence %zu is hidden boilerplate (B shows it)", name, n);
        return;
    }
    bool unfolded = false;
    const struct layout *l = tui_layout(t);
    if (l && t->fold) {
        size_t nv;
        const struct lay_vrow *v = layout_vrows(l, &nv);
        size_t i = layout_vrow_of_row(l, row);
        if (i < nv && v[i].kind == VROW_FOLD) {
            t->fold = false; /* show the sentence */
            unfolded = true;
        }
    }
    tui_goto_row(t, row);
    tui_message(t, false, "%c's sentence %zu of %zu: row %zu%s", name, n, ns, row + 1,
                unfolded ? ", folding off" : "");
}

void tui_goto_open(struct tui *t)
{
    tui_prompt_open(t);
    t->prompt_char = ':';
}

void tui_goto_enter(struct tui *t, const char *s)
{
    s += strspn(s, " ");
    if (!*s) {
        tui_message(t, false, "go to cancelled");
        return;
    }
    int side = SIDE_A;
    if (*s == 'a' || *s == 'A' || *s == 'b' || *s == 'B') {
        side = (*s == 'b' || *s == 'B') ? SIDE_B : SIDE_A;
        s++;
    }
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    end += strspn(end, " ");
    if (end == s || *end || *s == '-' || *s == '+') {
        tui_message(t, true, "go to: a sentence number, :12 (A) or :b12 (B)");
        return;
    }
    tui_goto_sentence(t, side, n > SIZE_MAX ? SIZE_MAX : (size_t)n);
}

bool tui_count_key(struct tui *t, const struct tui_key *k)
{
    if (k->fn || k->code < '0' || k->code > '9' || (k->code == '0' && !t->count)) return false;
    if (t->count < COUNT_MAX) t->count = t->count * 10 + (size_t)(k->code - '0');
    tui_message(t, false, "%zu", t->count);
    return true;
}

size_t tui_take_count(struct tui *t)
{
    size_t n = t->count;
    t->count = 0;
    return n;
}
