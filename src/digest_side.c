/* digest_side.c - the digest's word classes, the tokens of a pair's
 * sides, and the strings of its items (digest_int.h). */
#include "config.h"

#include "digest_int.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "text.h"
#include "util.h"

/* Longest excerpt of a sentence or quotation in an item (bytes, before the
 * ellipsis). */
#define EXCERPT_MAX 72

static uint32_t word_hash(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

static void wclass_add(struct wclass *wc, const char *const *list, size_t n, uint16_t cls)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t h = word_hash(list[i]), k = h & (WCLASS_SLOTS - 1);
        while (wc->word[k] && strcmp(wc->word[k], list[i]) != 0)
            k = (k + 1) & (WCLASS_SLOTS - 1);
        wc->word[k] = list[i];
        wc->hash[k] = h;
        wc->cls[k] |= cls;
    }
}

uint16_t dg_wclass_find(const struct wclass *wc, const char *w, uint32_t h)
{
    if (!*w) return 0;
    uint32_t k = h & (WCLASS_SLOTS - 1);
    for (; wc->word[k]; k = (k + 1) & (WCLASS_SLOTS - 1))
        if (wc->hash[k] == h && strcmp(wc->word[k], w) == 0) return wc->cls[k];
    return 0;
}

void dg_wclass_init(struct wclass *wc, const struct digest_lang *L)
{
    memset(wc, 0, sizeof *wc);
    wclass_add(wc, L->speech, L->nspeech, C_SPEECH);
    wclass_add(wc, L->negation, L->nnegation, C_NEG);
    wclass_add(wc, L->hedge, L->nhedge, C_HEDGE);
    wclass_add(wc, L->aux, L->naux, C_AUX);
    wclass_add(wc, L->qualifier, L->nqualifier, C_QUAL);
    wclass_add(wc, L->number_words, L->nnumber_words, C_NUMBER);
    wclass_add(wc, L->dates, L->ndates, C_DATE);
    wclass_add(wc, L->function_words, L->nfunction_words, C_FUNC);
}

/* ---- word lists ------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool dg_in(const char *w, const char *const *list, size_t n)
{
    return *w && bsearch(&w, list, n, sizeof *list, cmp_str) != NULL;
}

/* ---- tokens ------------------------------------------------------------------------ */

int32_t dg_cp_at(const char *s, uint32_t i, uint32_t end)
{
    int32_t cp;
    text_decode(s, end, i, &cp);
    return cp;
}

static bool opens(int32_t cp)
{
    return cp == 0x201C || cp == 0x201E || cp == 0xAB || cp == 0x300C || cp == 0x300E ||
           cp == 0x2018;
}

static bool closes(int32_t cp)
{
    return cp == 0x201D || cp == 0xBB || cp == 0x300D || cp == 0x300F || cp == 0x2019;
}

void dg_side_build(struct side *sd, const struct wclass *wc, const struct doc *d, uint32_t first,
                   uint32_t count)
{
    size_t ns, len;
    const struct sentence *se = doc_sentences(d, &ns);
    sd->s = doc_bytes(d, &len);
    sd->n = 0;
    sd->nquotes = 0;
    bool open = false;     /* inside a quotation */
    bool straight = false; /* ... opened by a straight quote */
    uint16_t q = 0;
    for (uint32_t k = first; k < first + count && k < ns; k++) {
        size_t at = se[k].start;
        bool first_word = true;
        struct seg_span sp;
        while (seg_word_next(sd->s, &at, se[k].end, &sp)) {
            if (sd->n == sd->cap) xgrow(&sd->t, &sd->cap, sd->n + 1, sizeof *sd->t);
            struct tok *t = &sd->t[sd->n++];
            memset(t, 0, sizeof *t);
            t->start = sp.start;
            t->end = sp.end;
            t->flags = sp.flags;
            /* lower case and hashed in one pass, a curly apostrophe as a
             * straight one; hs is the hash before the last apostrophe; a
             * word too long for low is on no list */
            size_t l = 0, ls = 0;
            bool ascii = sp.end - sp.start < 3 * sizeof t->low;
            uint32_t h = 2166136261u, hs = h;
            for (uint32_t i = sp.start; i < sp.end && ascii; i++) {
                unsigned char c = (unsigned char)sd->s[i];
                if (c >= 0x80) {
                    if (c == 0xE2 && i + 2 < sp.end && (unsigned char)sd->s[i + 1] == 0x80 &&
                        (unsigned char)sd->s[i + 2] == 0x99) {
                        c = '\'';
                        i += 2;
                    } else {
                        ascii = false;
                        break;
                    }
                }
                c = (unsigned char)(c + 32 * ((unsigned)(c - 'A') < 26u));
                if (c == '\'') {
                    hs = h;
                    ls = l;
                }
                if (l + 1 >= sizeof t->low) {
                    ascii = false; /* too long for any list */
                    break;
                }
                t->low[l++] = (char)c;
                h = (h ^ c) * 16777619u;
            }
            t->low[ascii ? l : 0] = '\0';
            /* a possessive is looked up without its 's ("Monday's") */
            bool possessive = ascii && l >= 3 && ls == l - 2 && t->low[l - 1] == 's';
            if (possessive) h = hs;
            if (t->flags & WORD_PUNCT) {
                int32_t cp = dg_cp_at(sd->s, sp.start, sp.end);
                bool straight_q = cp == '"';
                /* a mark right after a letter is an apostrophe ("Un‘s"), not
                 * the start of a quotation */
                bool glued = sd->n >= 2 && sd->t[sd->n - 2].end == sp.start &&
                             !(sd->t[sd->n - 2].flags & WORD_PUNCT);
                if (!open && !glued && (opens(cp) || straight_q)) {
                    open = true;
                    straight = straight_q;
                    q = ++sd->nquotes;
                    first_word = true; /* a quotation starts with a capital */
                } else if (open && (closes(cp) || (straight && straight_q) ||
                                    (!straight && cp == 0x201C))) {
                    open = false;
                }
                if (cp == '.' || cp == '?' || cp == '!') first_word = true; /* a sentence inside */
                if (cp == ':') {
                    /* "What Happened:", "UPDATE:": a label, capitalised as one */
                    first_word = true;
                    for (size_t j = sd->n - 1; j-- > 0 && j + 5 >= sd->n;) {
                        if (sd->t[j].flags & WORD_PUNCT) break;
                        sd->t[j].first = true;
                    }
                }
                continue;
            }
            if (ascii) {
                if (possessive) t->low[l - 2] = '\0';
                t->cls = dg_wclass_find(wc, t->low, h);
                if (possessive) t->low[l - 2] = '\'';
            }
            t->first = first_word;
            first_word = false;
            t->in_quote = open;
            t->quote = open ? q : 0;
        }
    }
}

void dg_side_mark(struct side *sd, const struct wop *ops, size_t nops, uint32_t kind)
{
    size_t ti = 0;
    for (size_t i = 0; i < nops; i++) {
        if (ops[i].kind != kind) continue;
        uint32_t s = kind == WOP_DEL ? ops[i].a_start : ops[i].b_start;
        uint32_t e = kind == WOP_DEL ? ops[i].a_end : ops[i].b_end;
        while (ti < sd->n && sd->t[ti].end <= s)
            ti++;
        for (size_t k = ti; k < sd->n && sd->t[k].start < e; k++)
            if (sd->t[k].start >= s) sd->t[k].marked = true;
    }
}

/* ---- strings -------------------------------------------------------------------------- */

/* s (freed) into d's strings; 1 + its offset there, 0 for NULL. */
static size_t keep(struct digest *d, char *s)
{
    if (!s) return 0;
    size_t at = d->spool.len;
    sb_add(&d->spool, s, strlen(s) + 1);
    free(s);
    return at + 1;
}

char *dg_excerpt(const char *s, uint32_t from, uint32_t to)
{
    struct strbuf b = {0};
    xgrow(&b.s, &b.cap, EXCERPT_MAX + 16, 1); /* most excerpts, at once */
    b.s[0] = '\0';
    bool space = false, cut = false;
    for (uint32_t i = from; i < to;) {
        /* a run of visible ASCII at once */
        uint32_t j = i;
        while (j < to && (unsigned char)s[j] > 0x20 && (unsigned char)s[j] < 0x7F)
            j++;
        if (j > i) {
            if (b.len + (j - i) + 2 > b.cap) xgrow(&b.s, &b.cap, b.len + (j - i) + 2, 1);
            if (space) b.s[b.len++] = ' ';
            space = false;
            memcpy(b.s + b.len, s + i, j - i);
            b.len += j - i;
            b.s[b.len] = '\0';
            i = j;
            continue;
        }
        if (s[i] == ' ') { /* the common space, as text_is_space would take it */
            if (b.len >= EXCERPT_MAX) {
                cut = true;
                break;
            }
            space = b.len > 0;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = text_decode(s, to, i, &cp);
        if (text_is_space(cp)) {
            if (b.len >= EXCERPT_MAX) {
                cut = true;
                break;
            }
            space = b.len > 0;
        } else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
            if (space) sb_addc(&b, ' ');
            space = false;
            if (cp == TEXT_REPLACEMENT && !text_valid_at(s, to, i))
                sb_add(&b, "\xEF\xBF\xBD", 3); /* an invalid byte, as every view shows it */
            else
                sb_add(&b, s + i, k);
        }
        i += (uint32_t)k;
    }
    if (cut) sb_add(&b, "\xE2\x80\xA6", 3);
    return sb_take(&b, NULL);
}

char *dg_tokens_text(const struct side *sd, size_t i, size_t j)
{
    return i < j ? dg_excerpt(sd->s, sd->t[i].start, sd->t[j - 1].end) : xstrdup("");
}

void dg_add(struct digest *d, enum digest_kind kind, enum digest_how how, size_t row, size_t nrows,
            size_t nsent, char *before, char *after)
{
    xgrow(&d->items, &d->cap, d->n + 1, sizeof *d->items);
    struct digest_item *it = &d->items[d->n++];
    it->kind = kind;
    it->how = how;
    it->row = row;
    it->nrows = nrows;
    it->nsentences = nsent;
    it->before = it->after = NULL; /* set from offs when the slices are joined */
    xgrow(&d->offs, &d->capoffs, d->n, sizeof *d->offs);
    d->offs[d->n - 1][0] = keep(d, before);
    d->offs[d->n - 1][1] = keep(d, after);
    d->count[kind]++;
}

void dg_join(struct strbuf *b, const char *s)
{
    if (b->len) sb_adds(b, ", ");
    sb_adds(b, s);
}

char *dg_take_or_null(struct strbuf *b)
{
    if (!b->len) {
        sb_free(b);
        return NULL;
    }
    return sb_take(b, NULL);
}

void dg_add_lists(struct digest *d, enum digest_kind kind, size_t row, struct strbuf *before,
                  struct strbuf *after)
{
    char *x = dg_take_or_null(before), *y = dg_take_or_null(after);
    if (x || y)
        dg_add(d, kind, x && y ? DGH_CHANGED : x ? DGH_DROPPED : DGH_ADDED, row, 1, 0, x, y);
}
