/* tui_search.c - the search prompt and matching.
 *
 * A pattern matches a sentence when text_key(pattern) occurs in
 * text_key(sentence): case, quotes, dashes, white space and compatibility
 * forms (NFKC) folded alike, so "vedomosti" finds "Vedomosti" and "don't"
 * finds "don’t".  Both sides are searched; a row matches when one of the
 * sentences it shows does.  The matching rows are found once per pattern:
 * keyfind.h finds the matching sentences of each side in a scan of its
 * bytes (an index per document, built on the first search; the two sides
 * at once), then one pass over the rows; n and N are binary searches.
 * Swapping sides keeps the rows and what they show, so the list stays
 * valid.
 */
#include "config.h"

#include "tui_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "keyfind.h"
#include "text.h"
#include "util.h"

/* Longest pattern accepted at the prompt, in bytes. */
#define PROMPT_MAX 1024

/* ---- the search indexes ---------------------------------------------------- */

/* Indexes being built in the background: for d[i] when kf[i] is wanted. */
struct tui_warm {
    pthread_t th;
    const struct doc *d[2];
    struct keyfind *kf[2];
    bool want[2];
    atomic_bool done;
    atomic_bool stop; /* the reader needs them no more: give up */
};

static void warm_side(void *arg, size_t i)
{
    struct tui_warm *w = arg;
    if (w->want[i]) w->kf[i] = keyfind_new_until(w->d[i], &w->stop);
}

static void *warm_run(void *arg)
{
    struct tui_warm *w = arg;
    util_parallel(2, warm_side, w);
    atomic_store(&w->done, true);
    return NULL;
}

/* The index of d that the reader keeps, or NULL. */
static struct keyfind *index_of(const struct tui *t, const struct doc *d)
{
    for (int i = 0; i < 2; i++)
        if (t->kf[i] && keyfind_doc(t->kf[i]) == d) return t->kf[i];
    return NULL;
}

/* Keep kf, the index of a document of the pair shown, in place of one of
 * another document (the pair shown before); extra ones are freed. */
static void keep_index(struct tui *t, struct keyfind *kf)
{
    if (!kf) return;
    const struct alignment *al = tui_al(t);
    const struct doc *a = align_doc(al, 0), *b = align_doc(al, 1);
    if (index_of(t, keyfind_doc(kf))) {
        keyfind_free(kf);
        return;
    }
    for (int i = 0; i < 2; i++) {
        const struct doc *d = t->kf[i] ? keyfind_doc(t->kf[i]) : NULL;
        if (d != a && d != b) {
            keyfind_free(t->kf[i]);
            t->kf[i] = kf;
            return;
        }
    }
    keyfind_free(kf);
}

/* Wait for the build in the background, if any, and keep what it made
 * (with keep and a pair open), or give it up and free what it made. */
static void warm_join(struct tui *t, bool keep)
{
    struct tui_warm *w = t->warm;
    if (!w) return;
    if (!keep) atomic_store(&w->stop, true);
    pthread_join(w->th, NULL);
    t->warm = NULL;
    for (int i = 0; i < 2; i++)
        if (keep && t->al[0])
            keep_index(t, w->kf[i]);
        else
            keyfind_free(w->kf[i]);
    free(w);
}

void tui_search_warm(struct tui *t)
{
    if (t->warm && atomic_load(&t->warm->done)) warm_join(t, true);
    if (t->warm || !t->al[0] || t->mode != TUI_MODE_PAIR) return;
    const struct alignment *al = tui_al(t);
    struct tui_warm *w = xcalloc(1, sizeof *w);
    for (int i = 0; i < 2; i++) {
        w->d[i] = align_doc(al, i);
        w->want[i] = !index_of(t, w->d[i]) && (i == 0 || w->d[1] != w->d[0]);
    }
    if (!w->want[0] && !w->want[1]) {
        free(w);
        return;
    }
    atomic_init(&w->done, false);
    atomic_init(&w->stop, false);
    if (tui_spawn(&w->th, warm_run, w))
        t->warm = w;
    else
        free(w); /* the first search builds them */
}

void tui_search_free(struct tui *t)
{
    free(t->input);
    free(t->pat);
    free(t->pat_text);
    free(t->mrows);
    free(t->mkey);
    free(t->kmap);
    warm_join(t, false); /* the view is gone: keep nothing */
    keyfind_free(t->kf[0]);
    keyfind_free(t->kf[1]);
}

void tui_search_reset(struct tui *t)
{
    free(t->pat);
    free(t->pat_text);
    free(t->mrows);
    t->pat = t->pat_text = NULL;
    t->mrows = NULL;
    t->npat = t->cappat = t->nmrows = 0;
}

void tui_prompt_open(struct tui *t)
{
    t->prompt = true;
    t->prompt_char = '/';
    t->ninput = 0;
    xgrow(&t->input, &t->capinput, 1, 1);
    t->input[0] = '\0';
}

size_t tui_utf8_encode(int32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Does the sentence s[from, to) contain the pattern key? */
static bool sentence_matches(struct tui *t, const char *s, uint32_t from, uint32_t to)
{
    size_t kl = text_key(s + from, to - from, &t->kbuf, &t->capkbuf);
    return kl >= t->npat && memmem(t->kbuf, kl, t->pat, t->npat) != NULL;
}

/* The sentences of both sides that match the pattern: an index per side
 * (kept for the next search), built and searched on both sides at once. */
struct side_search {
    const struct doc *d;
    struct keyfind *kf; /* NULL: to be built */
    const char *pat;
    size_t npat;
    uint8_t *hit; /* per sentence of d */
};

static void search_side(void *arg, size_t i)
{
    struct side_search *ss = (struct side_search *)arg + i;
    if (!ss->kf) ss->kf = keyfind_new(ss->d);
    /* the scan reads every page: those the digest or a layout would give
     * back after it, the next search would only read again */
    doc_keep_pages(ss->d);
    keyfind_match(ss->kf, ss->pat, ss->npat, ss->hit);
}

/* Does row r show a sentence of side whose byte in hit is set? */
static bool row_side_hit(const struct align_row *r, int side, const uint8_t *hit, size_t ns)
{
    if (!(r->show & (1u << side))) return false;
    uint32_t first = side ? r->b : r->a, n = side ? r->bn : r->an;
    for (uint32_t q = first; q < first + n && q < ns; q++)
        if (hit[q]) return true;
    return false;
}

/* Set the pattern from the prompt's text and find its rows. */
static bool set_pattern(struct tui *t, const char *text)
{
    size_t kl = text_key(text, strlen(text), &t->kbuf, &t->capkbuf);
    if (kl == 0) return false;
    xgrow(&t->pat, &t->cappat, kl, 1);
    memcpy(t->pat, t->kbuf, kl);
    t->npat = kl;
    free(t->pat_text);
    t->pat_text = xstrdup(text);
    const struct alignment *al = tui_al(t);
    warm_join(t, true);
    struct side_search ss[2];
    size_t ns[2];
    for (int side = 0; side < 2; side++) {
        const struct doc *d = align_doc(al, side);
        ss[side] =
            (struct side_search){.d = d, .kf = index_of(t, d), .pat = t->pat, .npat = t->npat};
        doc_sentences(d, &ns[side]);
        ss[side].hit = xcalloc(ns[side] ? ns[side] : 1, 1);
    }
    bool same = ss[0].d == ss[1].d; /* a document against itself: one index */
    util_parallel(same ? 1 : 2, search_side, ss);
    if (same) memcpy(ss[1].hit, ss[0].hit, ns[0]);
    for (int side = 0; side < 2; side++)
        if (!index_of(t, ss[side].d)) keep_index(t, ss[side].kf);
    size_t nr, cap = 0;
    const struct align_row *rows = align_rows(al, &nr);
    free(t->mrows);
    t->mrows = NULL;
    t->nmrows = 0;
    for (size_t r = 0; r < nr; r++) {
        if (!row_side_hit(&rows[r], SIDE_A, ss[0].hit, ns[0]) &&
            !row_side_hit(&rows[r], SIDE_B, ss[1].hit, ns[1]))
            continue;
        xgrow(&t->mrows, &cap, t->nmrows + 1, sizeof *t->mrows);
        t->mrows[t->nmrows++] = (uint32_t)r;
    }
    free(ss[0].hit);
    free(ss[1].hit);
    return true;
}

bool tui_row_matches(const struct tui *t, size_t r)
{
    size_t lo = 0, hi = t->nmrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->mrows[mid] == r) return true;
        if (t->mrows[mid] < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void tui_search(struct tui *t, ptrdiff_t start, bool forward)
{
    if (t->nmrows == 0 || t->nrows == 0) {
        tui_message(t, true, "pattern not found: %s", t->pat_text ? t->pat_text : "");
        return;
    }
    ptrdiff_t n = (ptrdiff_t)t->nrows;
    bool wrapped = false;
    if (start >= n) {
        start = 0;
        wrapped = true;
    } else if (start < 0) {
        start = n - 1;
        wrapped = true;
    }
    /* First match at or after start (forward), last at or before (back). */
    size_t lo = 0, hi = t->nmrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((ptrdiff_t)t->mrows[mid] >= start + !forward)
            hi = mid;
        else
            lo = mid + 1;
    }
    size_t k;
    if (forward) {
        if (lo == t->nmrows) wrapped = true;
        k = lo == t->nmrows ? 0 : lo;
    } else {
        if (lo == 0) wrapped = true;
        k = lo == 0 ? t->nmrows - 1 : lo - 1;
    }
    /* Rows hidden as boilerplate (B) are passed over, around once. */
    for (size_t tries = 0; tries < t->nmrows && tui_row_hidden(t, t->mrows[k]); tries++) {
        size_t next = forward ? (k + 1) % t->nmrows : (k + t->nmrows - 1) % t->nmrows;
        wrapped = wrapped || (forward ? next < k : next > k);
        k = next;
    }
    if (tui_row_hidden(t, t->mrows[k])) {
        tui_message(t, true, "pattern found only in hidden boilerplate: %s", t->pat_text);
        return;
    }
    size_t row = t->mrows[k];
    bool unfolded = false;
    if (t->fold) {
        const struct layout *l = tui_layout(t);
        size_t nv;
        const struct lay_vrow *v = l ? layout_vrows(l, &nv) : NULL;
        size_t i = l ? layout_vrow_of_row(l, row) : 0;
        if (v && i < nv && v[i].kind == VROW_FOLD) {
            t->fold = false; /* show the matching sentence */
            unfolded = true;
        }
    }
    tui_goto_row(t, row);
    tui_message(t, false, "/%s: match %zu of %zu rows%s%s", t->pat_text, k + 1, t->nmrows,
                wrapped ? (forward ? ", wrapped to the top" : ", wrapped to the bottom") : "",
                unfolded ? ", folding off" : "");
}

/* Enter at the prompt: search from the current row on. */
static void prompt_enter(struct tui *t)
{
    t->prompt = false;
    if (t->prompt_char == ':') {
        tui_goto_enter(t, t->input);
        return;
    }
    if (t->ninput == 0 && !t->pat) {
        tui_message(t, false, "search cancelled");
        return;
    }
    if (t->ninput > 0 && !set_pattern(t, t->input)) {
        tui_message(t, true, "nothing to search for in \"%s\"", t->input);
        return;
    }
    const struct layout *l = tui_layout(t);
    size_t start = 0;
    if (l) {
        size_t nv;
        const struct lay_vrow *v = layout_vrows(l, &nv);
        size_t i = layout_vrow_at(l, t->top);
        if (i < nv) start = v[i].row;
    }
    tui_search(t, (ptrdiff_t)start, true);
}

void tui_prompt_key(struct tui *t, const struct tui_key *k)
{
    int c = k->code;
    if (k->fn) {
        if (c == KEY_ENTER) {
            prompt_enter(t);
        } else if (c == KEY_BACKSPACE || c == KEY_DC) {
            if (t->ninput == 0) {
                t->prompt = false; /* like less and vim: backspace on empty leaves */
                return;
            }
            do
                t->ninput--;
            while (t->ninput > 0 && ((unsigned char)t->input[t->ninput] & 0xC0) == 0x80);
            t->input[t->ninput] = '\0';
        }
        return; /* other function keys and the mouse do nothing here */
    }
    switch (c) {
    case '\n':
    case '\r':
        prompt_enter(t);
        return;
    case 27: /* Esc */
    case 3:  /* ^C */
    case 7:  /* ^G */
        t->prompt = false;
        tui_message(t, false, t->prompt_char == ':' ? "go to cancelled" : "search cancelled");
        return;
    case 8:
    case 127: {
        struct tui_key bs = {.fn = true, .code = KEY_BACKSPACE};
        tui_prompt_key(t, &bs);
        return;
    }
    case 21: /* ^U */
        t->ninput = 0;
        t->input[0] = '\0';
        return;
    default:
        break;
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return; /* controls and non-characters are not typed */
    if (t->ninput + 4 > PROMPT_MAX) return;
    xgrow(&t->input, &t->capinput, t->ninput + 5, 1);
    t->ninput += tui_utf8_encode(c, t->input + t->ninput);
    t->input[t->ninput] = '\0';
}

/* Append key bytes kb[0..kl) standing for source bytes [s, e). */
static size_t push_key(struct tui *t, size_t nk, const char *kb, size_t kl, uint32_t s, uint32_t e)
{
    xgrow(&t->mkey, &t->capmkey, nk + kl, 1);
    xgrow(&t->kmap, &t->capkmap, 2 * (nk + kl), sizeof *t->kmap);
    memcpy(t->mkey + nk, kb, kl);
    for (size_t j = 0; j < kl; j++) {
        t->kmap[2 * (nk + j)] = s;
        t->kmap[2 * (nk + j) + 1] = e;
    }
    return nk + kl;
}

size_t tui_match_spans(struct tui *t, const char *s, uint32_t from, uint32_t to, uint32_t *out,
                       size_t cap)
{
    if (!t->pat || t->npat == 0 || cap == 0 || to <= from) return 0;
    size_t nk = 0;
    bool pending = false;
    uint32_t sp_s = 0, sp_e = 0; /* the white space run a pending space stands for */
    for (size_t i = from; i < to;) {
        int w;
        size_t e = text_next_cluster(s, to, i, &w);
        size_t kl;
        unsigned char ch = (unsigned char)s[i];
        if (e == i + 1 && ch < 0x80) { /* ASCII: text_key's own folding, inline */
            char c = text_fold_ascii((char)ch);
            if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
                if (!pending) sp_s = (uint32_t)i;
                pending = nk > 0;
                sp_e = (uint32_t)e;
            } else {
                if (pending) nk = push_key(t, nk, " ", 1, sp_s, sp_e);
                pending = false;
                nk = push_key(t, nk, &c, 1, (uint32_t)i, (uint32_t)e);
            }
            i = e;
            continue;
        }
        kl = text_key(s + i, e - i, &t->kbuf, &t->capkbuf);
        int32_t cp;
        text_decode(s, to, i, &cp);
        if (kl == 0) {
            if (text_is_space(cp)) {
                if (!pending) sp_s = (uint32_t)i;
                pending = nk > 0;
                sp_e = (uint32_t)e;
            }
        } else {
            if (pending) nk = push_key(t, nk, " ", 1, sp_s, sp_e);
            pending = false;
            nk = push_key(t, nk, t->kbuf, kl, (uint32_t)i, (uint32_t)e);
        }
        i = e;
    }
    size_t n = 0;
    for (size_t at = 0; n < cap && at + t->npat <= nk;) {
        const char *hit = memmem(t->mkey + at, nk - at, t->pat, t->npat);
        if (!hit) break;
        size_t ks = (size_t)(hit - t->mkey), ke = ks + t->npat - 1;
        out[2 * n] = t->kmap[2 * ks];
        out[2 * n + 1] = t->kmap[2 * ke + 1];
        n++;
        at = ks + t->npat;
    }
    if (n == 0 && sentence_matches(t, s, from, to)) {
        out[0] = from;
        out[1] = to;
        n = 1;
    }
    return n;
}
