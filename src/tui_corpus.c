/* tui_corpus.c - the documents of a session of many: the corpus analysis
 * (done once, when the reader starts), the alignments of pairs (done on
 * demand, when a pair or a column is first shown, and kept), and the
 * passage from the overview or the multi-column view into the two-column
 * reader and back.
 *
 * Alignments are kept in a hash table on the pair of document indices, in
 * the direction a < b; the other direction is align_swapped() of it, so a
 * pair reads the same from either side and is aligned once.  Nothing is
 * ever aligned on a key press that only moves the view.
 */
#include "config.h"

#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "util.h"

void tui_corpus_init(struct tui_corpus *cx, struct doc_ctx *ctx, struct doc *const *docs, size_t n,
                     const struct align_opts *ao, bool analyse)
{
    memset(cx, 0, sizeof *cx);
    cx->ctx = ctx;
    cx->docs = docs;
    cx->ndocs = n;
    if (ao)
        cx->ao = *ao;
    else
        align_default_opts(&cx->ao);
    if (analyse) cx->c = corpus_new(ctx, docs, n);
}

void tui_corpus_free(struct tui_corpus *cx)
{
    for (size_t i = 0; i < cx->cap; i++) {
        if (cx->tab[i].al) align_free(cx->tab[i].al);
        if (cx->tab[i].sw) align_free(cx->tab[i].sw);
    }
    free(cx->tab);
    if (cx->c) corpus_free(cx->c);
    memset(cx, 0, sizeof *cx);
}

/* Slot of (a, b) in a table of cap slots (a power of 2): its own, or the
 * empty one where it goes.  Multiplicative hashing (Knuth, TAOCP 6.4). */
static size_t slot_of(const struct tui_alent *tab, size_t cap, uint32_t a, uint32_t b)
{
    uint64_t h = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 32) & (cap - 1);
    while (tab[i].al && (tab[i].a != a || tab[i].b != b))
        i = (i + 1) & (cap - 1);
    return i;
}

static struct tui_alent *entry(struct tui_corpus *cx, uint32_t a, uint32_t b)
{
    if (cx->cap == 0 || 2 * (cx->used + 1) > cx->cap) { /* keep the load under 1/2 */
        size_t ncap = cx->cap ? 2 * cx->cap : 16;
        struct tui_alent *nt = xcalloc(ncap, sizeof *nt);
        for (size_t i = 0; i < cx->cap; i++)
            if (cx->tab[i].al) nt[slot_of(nt, ncap, cx->tab[i].a, cx->tab[i].b)] = cx->tab[i];
        free(cx->tab);
        cx->tab = nt;
        cx->cap = ncap;
    }
    struct tui_alent *e = &cx->tab[slot_of(cx->tab, cx->cap, a, b)];
    if (!e->al) {
        e->a = a;
        e->b = b;
        e->al = align_docs(cx->docs[a], cx->docs[b], cx->ctx, &cx->ao);
        cx->used++;
    }
    return e;
}

const struct alignment *tui_corpus_align(struct tui_corpus *cx, size_t a, size_t b)
{
    if (a < b) return entry(cx, (uint32_t)a, (uint32_t)b)->al;
    struct tui_alent *e = entry(cx, (uint32_t)b, (uint32_t)a);
    if (!e->sw) e->sw = align_swapped(e->al);
    return e->sw;
}

/* ---- the pair reader inside a session of many ------------------------------ */

/* Rows all of whose shown sentences are boilerplate; NULL when none is. */
static uint8_t *hidden_rows(const struct alignment *al, const uint8_t *const boiler[2])
{
    size_t nr;
    const struct align_row *rows = align_rows(al, &nr);
    uint8_t *skip = NULL;
    for (size_t r = 0; r < nr; r++) {
        const struct align_row *w = &rows[r];
        bool all = true, any = false;
        for (int side = 0; side < 2 && all; side++) {
            if (!(w->show & (1u << side))) continue;
            uint32_t first = side ? w->b : w->a, n = side ? w->bn : w->an;
            for (uint32_t q = first; q < first + n && all; q++) {
                all = boiler[side][q] != 0;
                any = true;
            }
        }
        if (!all || !any) continue;
        if (!skip) skip = xcalloc(nr ? nr : 1, 1);
        skip[r] = 1;
    }
    return skip;
}

void tui_pair_open(struct tui *t, size_t a, size_t b, enum tui_mode back)
{
    struct tui_corpus *cx = t->cx;
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    /* The pair as aligned (lower index as A), swapped for the view when a
     * is the higher one: the view's own swap key then swaps it back. */
    struct alignment *al = (struct alignment *)tui_corpus_align(cx, lo, hi);
    tui_search_reset(t);
    tui_view_init(t, al, 2, t->words, t->fold);
    t->swapped = a > b;
    t->top = 0;
    if (cx->c) {
        t->boiler[0] = corpus_boilerplate(cx->c, lo);
        t->boiler[1] = corpus_boilerplate(cx->c, hi);
        t->skip = hidden_rows(al, t->boiler);
    } else {
        tui_pair_roles(t); /* two folders: no corpus, the sentences' roles */
    }
    t->back = back;
    t->mode = TUI_MODE_PAIR;
}

/* Per sentence of d: 1 when its role is not the story (role.h), as
 * corpus_boilerplate has it. */
static uint8_t *role_flags(const struct doc *d)
{
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    uint8_t *f = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        f[i] = role_not_story(sent_role(&s[i]));
    return f;
}

void tui_pair_roles(struct tui *t)
{
    const struct alignment *al = t->al[0];
    for (int side = 0; side < 2; side++) {
        free(t->own_boiler[side]);
        t->own_boiler[side] = role_flags(align_doc(al, side));
        t->boiler[side] = t->own_boiler[side];
    }
    free(t->skip);
    t->skip = hidden_rows(al, t->boiler);
}

void tui_pair_close(struct tui *t)
{
    /* The alignment belongs to the cache; the view's own things go. */
    tui_view_free(t);
    for (int i = 0; i < TUI_LAY_CACHE; i++)
        memset(&t->cache[i], 0, sizeof t->cache[i]);
    t->al[0] = t->al[1] = NULL;
    t->diffs = t->moves = NULL;
    t->ndiffs = t->nmoves = t->nrows = 0;
    t->swapped = false;
    t->top = 0;
    free(t->skip);
    t->skip = NULL;
    t->boiler[0] = t->boiler[1] = NULL;
    tui_search_reset(t);
    t->mode = t->back;
}
