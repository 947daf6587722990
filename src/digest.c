/* digest.c - the substantive changes of an alignment (see digest.h). */
#include "config.h"

#include "digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "role.h"
#include "segment.h"
#include "text.h"
#include "util.h"

/* Longest excerpt of a sentence or quotation in an item (bytes, before the
 * ellipsis). */
#define EXCERPT_MAX 72
/* Tokens before a speech verb taken as its source ("the ministry said"). */
#define SOURCE_TOKENS 3
/* Common prefix that makes two capitalised words one name ("Russia",
 * "Russian"): this many bytes, or the shorter word whole. */
#define NAME_PREFIX 5

struct digest {
    const struct alignment *al;
    struct digest_item *items;
    size_t n, cap;
    size_t count[DG_KIND_COUNT];
    char *pool; /* the items' strings, one after the other */
    /* While a slice is examined: its strings, and for each item where its
     * before and after start in them (1 + offset; 0 for none). */
    struct strbuf spool;
    size_t (*offs)[2];
    size_t capoffs;
};

/* The lists a word is on (digest_lang), found with one look-up a token. */
enum {
    C_SPEECH = 1 << 0,
    C_NEG = 1 << 1,
    C_HEDGE = 1 << 2,
    C_AUX = 1 << 3,
    C_QUAL = 1 << 4,
    C_NUMBER = 1 << 5,
    C_DATE = 1 << 6,
    C_FUNC = 1 << 7,
};

/* Words of the lists to their classes: open addressing on a hash of the
 * lower-case word. */
#define WCLASS_SLOTS 1024
struct wclass {
    const char *word[WCLASS_SLOTS];
    uint32_t hash[WCLASS_SLOTS]; /* word_hash of word */
    uint16_t cls[WCLASS_SLOTS];
};

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

/* The classes of w, whose word_hash is h. */
static uint16_t wclass_find(const struct wclass *wc, const char *w, uint32_t h)
{
    if (!*w) return 0;
    uint32_t k = h & (WCLASS_SLOTS - 1);
    for (; wc->word[k]; k = (k + 1) & (WCLASS_SLOTS - 1))
        if (wc->hash[k] == h && strcmp(wc->word[k], w) == 0) return wc->cls[k];
    return 0;
}

static void wclass_init(struct wclass *wc, const struct digest_lang *L)
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

/* A token of one side of a pair. */
struct tok {
    uint32_t start, end;
    uint32_t flags; /* WORD_* */
    bool marked;    /* inside a word the diff deleted (A) or inserted (B) */
    bool first;     /* first word of a sentence or of a quotation: capitalised by place */
    bool in_quote;  /* between quotation marks */
    uint16_t quote; /* which quotation (1, 2, ...), 0 outside */
    uint16_t cls;   /* C_* of the word */
    char low[24];   /* ASCII lower case (truncated), "" when not ASCII */
};

struct side {
    const char *s; /* the document's bytes */
    struct tok *t;
    size_t n, cap;
    uint16_t nquotes;
};

/* ---- word lists ------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in(const char *w, const char *const *list, size_t n)
{
    return *w && bsearch(&w, list, n, sizeof *list, cmp_str) != NULL;
}

/* ---- tokens ------------------------------------------------------------------------ */

static int32_t cp_at(const char *s, uint32_t i, uint32_t end)
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

/* The tokens of sentences first .. first+count-1 of d. */
static void side_build(struct side *sd, const struct wclass *wc, const struct doc *d,
                       uint32_t first, uint32_t count)
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
                int32_t cp = cp_at(sd->s, sp.start, sp.end);
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
                t->cls = wclass_find(wc, t->low, h);
                if (possessive) t->low[l - 2] = '\'';
            }
            t->first = first_word;
            first_word = false;
            t->in_quote = open;
            t->quote = open ? q : 0;
        }
    }
}

/* Mark the tokens of side inside the spans of ops of kind (WOP_DEL for A,
 * WOP_INS for B). */
static void side_mark(struct side *sd, const struct wop *ops, size_t nops, uint32_t kind)
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

/* s[from..to) as one line (white space collapsed, controls dropped,
 * invalid bytes as U+FFFD), cut at a word boundary after EXCERPT_MAX
 * bytes with an ellipsis. */
static char *excerpt(const char *s, uint32_t from, uint32_t to)
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

/* Tokens i .. j-1 of sd as text. */
static char *tokens_text(const struct side *sd, size_t i, size_t j)
{
    return i < j ? excerpt(sd->s, sd->t[i].start, sd->t[j - 1].end) : xstrdup("");
}

static void add(struct digest *d, enum digest_kind kind, enum digest_how how, size_t row,
                size_t nrows, size_t nsent, char *before, char *after)
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

/* Texts joined with ", " (for lists of names and numbers). */
static void join(struct strbuf *b, const char *s)
{
    if (b->len) sb_adds(b, ", ");
    sb_adds(b, s);
}

static char *take_or_null(struct strbuf *b)
{
    if (!b->len) {
        sb_free(b);
        return NULL;
    }
    return sb_take(b, NULL);
}

/* ---- quotations --------------------------------------------------------------------- */

/* The text of quotation q of sd (from its first word to its last). */
static char *quote_text(const struct side *sd, uint16_t q)
{
    size_t i = 0, j;
    while (i < sd->n && sd->t[i].quote != q)
        i++;
    for (j = i; j < sd->n && (sd->t[j].quote == q || (sd->t[j].flags & WORD_PUNCT)); j++)
        ;
    while (j > i && sd->t[j - 1].quote != q)
        j--;
    char *body = tokens_text(sd, i, j);
    struct strbuf b = {0};
    sb_adds(&b, "\xE2\x80\x9C");
    sb_adds(&b, body);
    sb_adds(&b, "\xE2\x80\x9D");
    free(body);
    return sb_take(&b, NULL);
}

/* The first quotation of sd holding a marked word, else 0. */
static uint16_t marked_quote(const struct side *sd)
{
    for (size_t i = 0; i < sd->n; i++)
        if (sd->t[i].marked && sd->t[i].quote) return sd->t[i].quote;
    return 0;
}

static void check_quotes(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    uint16_t qa = marked_quote(a), qb = marked_quote(b);
    if (a->nquotes && b->nquotes && (qa || qb)) {
        add(d, DG_QUOTE, DGH_CHANGED, row, 1, 0, quote_text(a, qa ? qa : 1),
            quote_text(b, qb ? qb : 1));
    } else if (a->nquotes && !b->nquotes) {
        add(d, DG_QUOTE, DGH_PARAPHRASED, row, 1, 0, quote_text(a, 1), tokens_text(b, 0, b->n));
    } else if (!a->nquotes && b->nquotes) {
        add(d, DG_QUOTE, DGH_QUOTED, row, 1, 0, tokens_text(a, 0, a->n), quote_text(b, 1));
    }
}

/* ---- numbers ------------------------------------------------------------------------- */

static const char *const small_numbers[] = {"zero", "one",    "two",   "three", "four",
                                            "five", "six",    "seven", "eight", "nine",
                                            "ten",  "eleven", "twelve"};

static bool is_number(const struct side *sd, const struct tok *t)
{
    if (t->flags & WORD_NUM) return true;
    if ((t->cls & C_NUMBER)) return true;
    /* a weekday or a month: capitalised (lower-case "may" and "march" are
     * not dates) */
    int32_t cp = cp_at(sd->s, t->start, t->end);
    return text_is_upper(cp) && (t->cls & C_DATE);
}

static bool is_currency(const struct side *sd, const struct tok *t)
{
    int32_t cp = cp_at(sd->s, t->start, t->end);
    return (t->flags & WORD_PUNCT) && (cp == '$' || cp == 0xA3 || cp == 0x20AC || cp == 0xA5);
}

/* The numbers of sd: each a run of number tokens with a currency sign
 * before, qualifiers before ("at least", "nearly"), a percent sign after;
 * written alike (lower case, no thousands commas, small number words as
 * digits), each with whether a word of it is marked. */
struct num {
    char *norm;  /* compared */
    char *shown; /* as written */
    bool marked;
};

static size_t numbers(const struct side *sd, struct num **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < sd->n;) {
        if (!is_number(sd, &sd->t[i]) || (sd->t[i].flags & WORD_PUNCT)) {
            i++;
            continue;
        }
        size_t from = i, to = i + 1;
        while (to < sd->n &&
               (is_number(sd, &sd->t[to]) || ((sd->t[to].flags & WORD_PUNCT) &&
                                              cp_at(sd->s, sd->t[to].start, sd->t[to].end) == '%')))
            to++;
        while (from > 0 && (is_currency(sd, &sd->t[from - 1]) || (sd->t[from - 1].cls & C_QUAL) ||
                            (strcmp(sd->t[from - 1].low, "at") == 0 && from < sd->n &&
                             (sd->t[from].cls & C_QUAL))))
            from--;
        struct strbuf norm = {0};
        bool marked = false;
        for (size_t k = from; k < to; k++) {
            const struct tok *t = &sd->t[k];
            marked |= t->marked;
            if (norm.len) sb_addc(&norm, ' ');
            const char *w = t->low;
            char digits[8];
            for (size_t s = 0; s < WD_ARRAY_LEN(small_numbers); s++)
                if (strcmp(w, small_numbers[s]) == 0) {
                    snprintf(digits, sizeof digits, "%zu", s);
                    w = digits;
                }
            size_t wl = strlen(w);
            if (wl > 2 && w[wl - 2] == '\'' && w[wl - 1] == 's') wl -= 2; /* Monday's */
            if (*w)
                for (const char *c = w; c < w + wl; c++) {
                    if (*c != ',') sb_addc(&norm, *c);
                }
            else
                sb_add(&norm, sd->s + t->start, t->end - t->start);
        }
        xgrow(out, &cap, n + 1, sizeof **out);
        (*out)[n].norm = sb_take(&norm, NULL);
        (*out)[n].shown = tokens_text(sd, from, to);
        (*out)[n].marked = marked;
        n++;
        i = to;
    }
    return n;
}

/* Numbers of x not among those of y (as multisets), joined into b. */
static void numbers_only(const struct num *x, size_t nx, const struct num *y, size_t ny,
                         struct strbuf *b)
{
    bool *used = xcalloc(ny ? ny : 1, sizeof *used);
    for (size_t i = 0; i < nx; i++) {
        bool found = false;
        for (size_t k = 0; k < ny && !found; k++)
            if (!used[k] && strcmp(x[i].norm, y[k].norm) == 0) found = used[k] = true;
        if (!found) join(b, x[i].shown);
    }
    free(used);
}

static void free_numbers(struct num *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].norm);
        free(v[i].shown);
    }
    free(v);
}

/* Could a marked token of sd be part of a number (numbers())? */
static bool number_marked(const struct side *sd)
{
    for (size_t i = 0; i < sd->n; i++) {
        const struct tok *t = &sd->t[i];
        if (t->marked && (is_number(sd, t) || (t->cls & C_QUAL) || (t->flags & WORD_PUNCT) ||
                          strcmp(t->low, "at") == 0))
            return true;
    }
    return false;
}

static void check_numbers(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    if (!number_marked(a) && !number_marked(b)) return;
    struct num *na, *nb;
    size_t ca = numbers(a, &na), cb = numbers(b, &nb);
    bool marked = false;
    for (size_t i = 0; i < ca; i++)
        marked |= na[i].marked;
    for (size_t i = 0; i < cb; i++)
        marked |= nb[i].marked;
    if (marked) {
        struct strbuf before = {0}, after = {0};
        numbers_only(na, ca, nb, cb, &before);
        numbers_only(nb, cb, na, ca, &after);
        char *x = take_or_null(&before), *y = take_or_null(&after);
        if (x || y)
            add(d, DG_NUMBER, x && y ? DGH_CHANGED : x ? DGH_DROPPED : DGH_ADDED, row, 1, 0, x, y);
    }
    free_numbers(na, ca);
    free_numbers(nb, cb);
}

/* ---- names ---------------------------------------------------------------------------- */

/* A capitalised word that is not a function word, a date, a number or a
 * speech verb (first: also the first word of a sentence). */
static bool name_word(const struct side *sd, size_t i, bool first)
{
    const struct tok *t = &sd->t[i];
    if (t->flags & (WORD_PUNCT | WORD_NUM)) return false;
    if (!text_is_upper(cp_at(sd->s, t->start, t->end))) return false;
    if (t->first && !first) return false;
    return !(t->cls & C_FUNC) && !(t->cls & C_DATE) && !(t->cls & C_NUMBER) && !(t->cls & C_SPEECH);
}

static bool capitalised_name(const struct side *sd, size_t i)
{
    return name_word(sd, i, false);
}

/* Does side y hold the word x.s[start..end) in some form: a word of y with
 * a common prefix of NAME_PREFIX bytes, or the shorter of the two whole
 * (3 bytes at least: "Jong" in "Jong-un"), case folded for ASCII; or a
 * shorter word as it is? */
static bool holds(const struct side *y, const char *s, uint32_t start, uint32_t end)
{
    size_t lx = end - start;
    for (size_t k = 0; k < y->n; k++) {
        const struct tok *t = &y->t[k];
        if (t->flags & WORD_PUNCT) continue;
        size_t ly = t->end - t->start, need = WD_MIN(WD_MIN(lx, ly), (size_t)NAME_PREFIX), c = 0;
        while (c < need) {
            char p = s[start + c], q = y->s[t->start + c];
            if (p >= 'A' && p <= 'Z') p = (char)(p + 32);
            if (q >= 'A' && q <= 'Z') q = (char)(q + 32);
            if (p != q) break;
            c++;
        }
        /* a short word the same, capitals too ("Dr"; "UN" is not "Un") */
        if (lx == ly && lx < 3 && memcmp(s + start, y->s + t->start, lx) == 0) return true;
        if (c == need && need >= 3 && (need == NAME_PREFIX || need == WD_MIN(lx, ly))) return true;
    }
    return false;
}

/* The names of x with a marked word that y does not hold (new strings). */
static size_t names_gone(const struct side *x, const struct side *y, char ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < x->n;) {
        if (!capitalised_name(x, i)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < x->n && capitalised_name(x, j))
            j++;
        bool marked = false, held = false;
        for (size_t k = i; k < j; k++)
            marked |= x->t[k].marked;
        for (size_t k = i; k < j && marked && !held; k++)
            held = holds(y, x->s, x->t[k].start, x->t[k].end);
        if (marked && !held) {
            xgrow(out, &cap, n + 1, sizeof **out);
            (*out)[n++] = tokens_text(x, i, j);
        }
        i = j;
    }
    return n;
}

/* Edit distance of two short strings (bytes), at most 32 of each. */
static size_t distance(const char *a, const char *b)
{
    size_t la = WD_MIN(strlen(a), (size_t)32), lb = WD_MIN(strlen(b), (size_t)32);
    size_t row[33];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            char p = a[i - 1], q = b[j - 1];
            if (p >= 'A' && p <= 'Z') p = (char)(p + 32);
            if (q >= 'A' && q <= 'Z') q = (char)(q + 32);
            row[j] = WD_MIN(WD_MIN(row[j] + 1, row[j - 1] + 1), diag + (p != q));
            diag = up;
        }
    }
    return row[lb];
}

/* Is short the initials of long ("US", "United States"; "U.N.", "United
 * Nations")? */
static bool initials_of(const char *shrt, const char *lng)
{
    char ini[16];
    size_t n = 0;
    bool start = true;
    for (const char *p = lng; *p && n + 1 < sizeof ini; p++) {
        if (*p == ' ' || *p == '-')
            start = true;
        else if (start) {
            ini[n++] = *p;
            start = false;
        }
    }
    ini[n] = '\0';
    char s[16];
    size_t m = 0;
    for (const char *p = shrt; *p && m + 1 < sizeof s; p++)
        if (*p != '.') s[m++] = *p;
    s[m] = '\0';
    return m >= 2 && m == n && strcmp(s, ini) == 0;
}

/* The same name written two ways: a spelling ("Kyiv", "Kiev") or initials. */
static bool same_name(const char *x, const char *y)
{
    size_t lx = strlen(x), ly = strlen(y), d = distance(x, y);
    return (lx >= 4 && ly >= 4 && d <= WD_MAX(lx, ly) / 2 && d <= 2) || initials_of(x, y) ||
           initials_of(y, x);
}

static void check_names(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    char **dropped, **added;
    size_t nd = names_gone(a, b, &dropped), na = names_gone(b, a, &added);
    /* a name written another way on the other side is the same name */
    for (size_t i = 0; i < nd; i++)
        for (size_t k = 0; k < na && dropped[i]; k++)
            if (added[k] && same_name(dropped[i], added[k])) {
                free(dropped[i]);
                free(added[k]);
                dropped[i] = added[k] = NULL;
            }
    struct strbuf x = {0}, y = {0};
    for (size_t i = 0; i < nd; i++)
        if (dropped[i]) join(&x, dropped[i]);
    for (size_t k = 0; k < na; k++)
        if (added[k]) join(&y, added[k]);
    for (size_t i = 0; i < nd; i++)
        free(dropped[i]);
    for (size_t k = 0; k < na; k++)
        free(added[k]);
    free(dropped);
    free(added);
    char *sx = take_or_null(&x), *sy = take_or_null(&y);
    if (sx || sy)
        add(d, DG_NAME, sx && sy ? DGH_CHANGED : sx ? DGH_DROPPED : DGH_ADDED, row, 1, 0, sx, sy);
}

/* ---- attribution ---------------------------------------------------------------------- */

static bool is_speech(const struct side *sd, size_t i)
{
    const struct tok *t = &sd->t[i];
    if ((t->cls & C_SPEECH)) return true;
    return strcmp(t->low, "according") == 0 && i + 1 < sd->n && strcmp(sd->t[i + 1].low, "to") == 0;
}

/* The first speech verb of sd, or sd->n. */
static size_t speech_at(const struct side *sd)
{
    for (size_t i = 0; i < sd->n; i++)
        if (is_speech(sd, i)) return i;
    return sd->n;
}

/* The words of the source of the verb at v: up to SOURCE_TOKENS words
 * before it, not across punctuation ("the ministry said"), else as many
 * after it ("said the ministry"), leading function words left out; into
 * [*from, *to) with the verb, which is at v. */
static void source_span(const struct side *sd, size_t v, size_t *from, size_t *to)
{
    size_t s = v;
    while (s > 0 && v - s < SOURCE_TOKENS && !(sd->t[s - 1].flags & WORD_PUNCT))
        s--;
    while (s < v && (sd->t[s].cls & C_FUNC))
        s++;
    size_t e = v + 1;
    if (s == v || strcmp(sd->t[v].low, "according") == 0) { /* said the ministry; according to X */
        bool according = strcmp(sd->t[v].low, "according") == 0;
        while (e < sd->n && e < v + 1 + SOURCE_TOKENS + according &&
               !(sd->t[e].flags & WORD_PUNCT)) {
            /* "said that it was" names no source: stop at a function word
             * other than an article ("said the ministry") or "to" */
            const char *w = sd->t[e].low;
            bool article = strcmp(w, "the") == 0 || strcmp(w, "a") == 0 || strcmp(w, "an") == 0;
            if ((sd->t[e].cls & C_FUNC) && !article && !(according && strcmp(w, "to") == 0)) break;
            e++;
        }
        /* "said the ministry." ends its clause; "said Putin's visit
         * should ..." goes on: its words are what was said */
        if (!according && e < sd->n && !(sd->t[e].flags & WORD_PUNCT)) e = v + 1;
    }
    *from = s;
    *to = e;
}

/* The stem of a speech verb: said, says, say -> say; told -> tell. */
static void stem(const char *w, char *out, size_t size)
{
    static const char *const irregular[][2] = {
        {"said", "say"}, {"told", "tell"}, {"wrote", "write"}, {"writes", "write"}};
    for (size_t i = 0; i < WD_ARRAY_LEN(irregular); i++)
        if (strcmp(w, irregular[i][0]) == 0) {
            snprintf(out, size, "%s", irregular[i][1]);
            return;
        }
    size_t n = strlen(w);
    if (n > 4 && strcmp(w + n - 2, "ed") == 0)
        n -= 2;
    else if (n > 4 && strcmp(w + n - 2, "es") == 0)
        n -= 2;
    else if (n > 3 && w[n - 1] == 's')
        n -= 1;
    else if (n > 4 && w[n - 1] == 'e')
        n -= 1;
    snprintf(out, size, "%.*s", (int)n, w);
}

/* Does [from, to) but the verb at v hold a name? */
static bool has_caps(const struct side *sd, size_t from, size_t to, size_t v)
{
    for (size_t k = from; k < to; k++)
        if (k != v && name_word(sd, k, true)) return true;
    return false;
}

/* Do two sources name someone else: each names someone (a capitalised
 * word) and no capitalised word of one is in the other ("US officials"
 * and "Reuters"; not "Intelligence Avril Haines" and "Avril Haines", and
 * not "the ministry" and "officials", which say too little to tell)? */
static bool other_source(const struct side *x, size_t xs, size_t xe, size_t xv,
                         const struct side *y, size_t ys, size_t ye, size_t yv)
{
    if (!has_caps(x, xs, xe, xv) || !has_caps(y, ys, ye, yv)) return false;
    struct side win = *y; /* y's source words only */
    win.t = y->t + ys;
    win.n = ye - ys;
    for (size_t k = xs; k < xe; k++)
        if (k != xv && name_word(x, k, true) && holds(&win, x->s, x->t[k].start, x->t[k].end))
            return false;
    return true;
}

/* Unmark the source words of sd's attribution: a name there belongs to the
 * attribution item. */
static void hide_source(struct side *sd)
{
    size_t v = speech_at(sd), from, to;
    if (v >= sd->n) return;
    source_span(sd, v, &from, &to);
    for (size_t k = from; k < to; k++)
        sd->t[k].marked = false;
}

static void check_attribution(struct digest *d, const struct digest_lang *L, size_t row,
                              const struct side *a, const struct side *b)
{
    size_t va = speech_at(a), vb = speech_at(b);
    bool ha = va < a->n, hb = vb < b->n;
    size_t as = 0, ae = 0, bs = 0, be = 0;
    if (ha) source_span(a, va, &as, &ae);
    if (hb) source_span(b, vb, &bs, &be);
    if (ha && !hb) {
        add(d, DG_ATTRIBUTION, DGH_DROPPED, row, 1, 0, tokens_text(a, as, ae), NULL);
    } else if (!ha && hb) {
        add(d, DG_ATTRIBUTION, DGH_ADDED, row, 1, 0, NULL, tokens_text(b, bs, be));
    } else if (ha && hb) {
        /* a verb that weighs the claim for one that reports it ("said" ->
         * "claimed"), or a source that names someone else ("Reuters
         * reported" -> "AP reported") */
        char sa[24], sb[24];
        stem(a->t[va].low, sa, sizeof sa);
        stem(b->t[vb].low, sb, sizeof sb);
        bool neutral = in(sa, L->neutral, L->nneutral) && in(sb, L->neutral, L->nneutral);
        bool verb = strcmp(sa, sb) != 0 && !neutral && (a->t[va].marked || b->t[vb].marked);
        bool source = other_source(a, as, ae, va, b, bs, be, vb);
        if (verb || source)
            add(d, DG_ATTRIBUTION, DGH_CHANGED, row, 1, 0, tokens_text(a, as, ae),
                tokens_text(b, bs, be));
    }
}

/* ---- negations and hedges ------------------------------------------------------------- */

static bool is_negation(const struct tok *t)
{
    size_t l = strlen(t->low);
    if (l >= 3 && strcmp(t->low + l - 3, "n't") == 0) return true;
    /* n’t with a curly apostrophe: not ASCII, so low is empty; see below */
    return (t->cls & C_NEG);
}

static bool curly_nt(const struct side *sd, const struct tok *t)
{
    /* "...n’t": n, then U+2019 (3 bytes), then t */
    uint32_t l = t->end - t->start;
    return l >= 5 && memcmp(sd->s + t->end - 5, "n\xE2\x80\x99t", 5) == 0;
}

/* The word a negation or a hedge at i bears on: the next word that is not
 * punctuation, an auxiliary, a function word or another negation, within
 * four words; sd->n when none. */
static size_t bears_on(const struct side *sd, size_t i)
{
    for (size_t k = i + 1; k < sd->n && k <= i + 4; k++) {
        const struct tok *t = &sd->t[k];
        if (t->flags & WORD_PUNCT) return sd->n;
        if ((t->cls & (C_AUX | C_FUNC)) || is_negation(t)) continue;
        return k;
    }
    return sd->n;
}

/* The marked negation (or hedge) words of sd whose word the other side
 * still says (a flip, not a clause cut), joined into b. */
static void marked_of(const struct side *sd, const struct side *other, bool hedge, struct strbuf *b)
{
    for (size_t i = 0; i < sd->n; i++) {
        const struct tok *t = &sd->t[i];
        if (!t->marked) continue;
        bool yes = hedge ? (t->cls & C_HEDGE) : (is_negation(t) || curly_nt(sd, t));
        if (!yes) continue;
        size_t h = bears_on(sd, i);
        if (h == sd->n || !holds(other, sd->s, sd->t[h].start, sd->t[h].end)) continue;
        char *s = tokens_text(sd, i, h + 1);
        join(b, s);
        free(s);
    }
}

static void check_flips(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    for (int hedge = 0; hedge < 2; hedge++) {
        struct strbuf x = {0}, y = {0};
        marked_of(a, b, hedge, &x);
        marked_of(b, a, hedge, &y);
        /* on one side only: flipped; on both, reworded around it */
        char *sx = take_or_null(&x), *sy = take_or_null(&y);
        if (sx && !sy)
            add(d, DG_NEGATION, DGH_DROPPED, row, 1, 0, sx, NULL);
        else if (sy && !sx)
            add(d, DG_NEGATION, DGH_ADDED, row, 1, 0, NULL, sy);
        else {
            free(sx);
            free(sy);
        }
    }
}

/* ---- sentences cut and added ------------------------------------------------------------ */

/* Do sentences first .. last of d make whole lines (paragraphs)? */
static bool whole_lines(const struct doc *d, uint32_t first, uint32_t last)
{
    size_t ns, len;
    const struct sentence *se = doc_sentences(d, &ns);
    const char *s = doc_bytes(d, &len);
    uint32_t from = se[first].start, to = se[last].end;
    while (from > 0 && (s[from - 1] == ' ' || s[from - 1] == '\t'))
        from--;
    while (to < len && (s[to] == ' ' || s[to] == '\t'))
        to++;
    return (from == 0 || s[from - 1] == '\n' || s[from - 1] == '\r') &&
           (to == len || s[to] == '\n' || s[to] == '\r');
}

/* Is one-sided row r only lines that are not the story's text: a caption
 * or credit, a byline, boilerplate, a dateline on its own line (role.h)?
 * Such a line cut or added is no change of substance: the rows show it. */
static bool not_substance(const struct alignment *al, const struct align_row *r)
{
    bool a = r->kind == ROW_DELETED;
    size_t ns;
    const struct sentence *se = doc_sentences(align_doc(al, a ? SIDE_A : SIDE_B), &ns);
    uint32_t first = a ? r->a : r->b, n = a ? r->an : r->bn;
    for (uint32_t q = first; q < first + n && q < ns; q++) {
        enum sent_role role = sent_role(&se[q]);
        if (!role_not_story(role) && role != ROLE_DATELINE) return false;
    }
    return true;
}

/* The run of cut (or added) rows of story text from row *i on, one item;
 * *i is left after it. */
static void one_sided(struct digest *d, struct doc_pass pass[2], const struct align_row *rows,
                      size_t nr, size_t *i)
{
    enum row_kind kind = rows[*i].kind;
    bool a = kind == ROW_DELETED;
    const struct doc *doc = align_doc(d->al, a ? SIDE_A : SIDE_B);
    size_t first = *i, nsent = 0;
    while (*i < nr && rows[*i].kind == kind && !not_substance(d->al, &rows[*i])) {
        nsent += a ? rows[*i].an : rows[*i].bn;
        (*i)++;
    }
    const struct align_row *f = &rows[first], *l = &rows[*i - 1];
    uint32_t s0 = a ? f->a : f->b, s1 = a ? l->a + l->an - 1 : l->b + l->bn - 1;
    size_t ns;
    const struct sentence *se = doc_sentences(doc, &ns);
    const char *bytes = doc_bytes(doc, NULL);
    doc_pass_read(&pass[a ? 0 : 1], se[s0].start, se[s1].end);
    char *text = excerpt(bytes, se[s0].start, se[s0].end);
    enum digest_how how = nsent > 1 && whole_lines(doc, s0, s1) ? DGH_PARAGRAPH : DGH_CHANGED;
    if (a)
        add(d, DG_CUT, how, first, *i - first, nsent, text, NULL);
    else
        add(d, DG_ADDED, how, first, *i - first, nsent, NULL, text);
}

/* ---- the whole ------------------------------------------------------------------------------ */

/* The rows [from, to) are examined on one thread each, into a digest of
 * their own, whose items are in row order: a run of cut or added rows
 * belongs to the slice it starts in. */
#define SLICE_ROWS 4096
struct job {
    const struct alignment *al;
    const struct digest_lang *L;
    const struct wclass *wc;
    size_t nrows;
    struct digest *part; /* one per slice */
    size_t nslices;
};

/* Does s[from, to) hold an opening quotation mark (side_build's opens() or
 * a straight double quote)?  Each lead byte is looked for with memchr. */
static bool quote_in(const char *s, uint32_t from, uint32_t to)
{
    static const unsigned char lead[] = {'"', 0xC2, 0xE2, 0xE3};
    for (size_t k = 0; k < sizeof lead; k++) {
        const char *p = s + from, *e = s + to;
        while ((p = memchr(p, lead[k], (size_t)(e - p))) != NULL) {
            unsigned char c1 = p + 1 < e ? (unsigned char)p[1] : 0;
            unsigned char c2 = p + 2 < e ? (unsigned char)p[2] : 0;
            if (lead[k] == '"' || (lead[k] == 0xC2 && c1 == 0xAB) ||         /* « */
                (lead[k] == 0xE2 && c1 == 0x80 && (c2 == 0x9C || c2 == 0x9E || c2 == 0x98)) ||
                (lead[k] == 0xE3 && c1 == 0x80 && (c2 == 0x8C || c2 == 0x8E))) /* 「 『 */
                return true;
            p++;
        }
    }
    return false;
}

/* ---- which pairs to build ---------------------------------------------------------------- */

/* Most pairs of a long comparison hold nothing a digest reports: their
 * marked words are common words.  A pair is built (side_build) only when a
 * marked word could make an item; these tests read the bytes around the
 * marks, no tokens.  They may build a pair in vain, never pass over one
 * that has an item: where they cannot tell, they build. */

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The ASCII letters of s from i (before end), lower case into low ("" when
 * longer than it), their word_hash into *h; returns where they end. */
static uint32_t letters(const char *s, uint32_t i, uint32_t end, char low[24], uint32_t *h)
{
    size_t l = 0;
    uint32_t hh = 2166136261u;
    for (; i < end && ascii_letter((unsigned char)s[i]); i++) {
        unsigned char c = (unsigned char)(s[i] | 0x20);
        if (l < 23) low[l] = (char)c;
        l++;
        hh = (hh ^ c) * 16777619u;
    }
    low[l < 24 ? l : 0] = '\0';
    *h = hh;
    return i;
}

/* Does a number follow s[j] (before end), past qualifiers ("than", "at")
 * only: a digit, a currency sign, a number word, a capitalised date? */
static bool number_after(const struct wclass *wc, const char *s, uint32_t j, uint32_t end)
{
    for (int w = 0; w < 4; w++) {
        while (j < end && blank((unsigned char)s[j]))
            j++;
        if (j >= end) return false;
        unsigned char c = (unsigned char)s[j];
        if ((c >= '0' && c <= '9') || c == '$' || c >= 0x80) return true; /* £ € ¥: build */
        if (!ascii_letter(c)) return false;
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, j, end, low, &h);
        uint16_t cls = wclass_find(wc, low, h);
        if ((cls & C_NUMBER) || ((cls & C_DATE) && c >= 'A' && c <= 'Z')) return true;
        if (!(cls & C_QUAL) && strcmp(low, "at") != 0) return false;
        j = e;
    }
    return false;
}

/* Is a speech verb among the SOURCE_TOKENS words after s[j] (before end),
 * with no punctuation between: is the word before it part of a source? */
static bool speech_after(const struct wclass *wc, const char *s, uint32_t j, uint32_t end)
{
    for (int w = 0; w < SOURCE_TOKENS; w++) {
        while (j < end && blank((unsigned char)s[j]))
            j++;
        if (j >= end) return false;
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80) return true; /* cannot tell: build */
        if (!ascii_letter(c)) return false;
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, j, end, low, &h);
        if ((wclass_find(wc, low, h) & C_SPEECH) || strcmp(low, "according") == 0) return true;
        if (e < end && !blank((unsigned char)s[e])) return true; /* "Kim's", "Jong-un": build */
        j = e;
    }
    return false;
}

/* Is the word at s[i] capitalised for its place, as side_build's first
 * would have it: the first of its sentence (lo is the row's first), after
 * a full stop, a question or exclamation mark, or an opening quotation
 * mark?  When unsure, no (and the pair is built). */
static bool first_at(const char *s, uint32_t lo, uint32_t i)
{
    uint32_t k = i;
    while (k > lo && blank((unsigned char)s[k - 1]))
        k--;
    if (k == lo) return true;
    unsigned char p = (unsigned char)s[k - 1];
    bool spaced = k < i;
    if (p == '?' || p == '!') return spaced;
    if (p == '.') /* not the period a dotted acronym keeps (U.S.) */
        return spaced && !(k >= lo + 3 && s[k - 3] == '.' && ascii_letter((unsigned char)s[k - 2]));
    if (spaced) return false;
    /* an opening mark right before the word, after a blank or the start */
    uint32_t q = 0;
    if (p == '"')
        q = 1;
    else if (k >= lo + 3 && (unsigned char)s[k - 3] == 0xE2 && (unsigned char)s[k - 2] == 0x80 &&
             (p == 0x9C || p == 0x9E || p == 0x98))
        q = 3; /* “ „ ‘ */
    else if (k >= lo + 2 && (unsigned char)s[k - 2] == 0xC2 && p == 0xAB)
        q = 2; /* « */
    return q && (k - q == lo || blank((unsigned char)s[k - q - 1]));
}

/* Could the words of s[from, to) a diff marked make an item, in the
 * sentences s[lo, hi)?  A capital inside a sentence (a name), a digit, a
 * sign, a letter outside ASCII; a word on a list of the digest's (a speech
 * verb, a negation, a hedge, a number word, a capitalised date); a
 * qualifier before a number; the first word of a sentence before a speech
 * verb (a source).  Every item of a pair needs one (a quotation also a
 * mark in the sentence, see quote_in). */
static bool marks_matter(const struct wclass *wc, const char *s, uint32_t lo, uint32_t hi,
                         uint32_t from, uint32_t to)
{
    /* words put between "according" and "to" undo an attribution */
    uint32_t k = from;
    while (k > lo && blank((unsigned char)s[k - 1]))
        k--;
    if (k >= lo + 9 && strncasecmp(s + k - 9, "according", 9) == 0) return true;
    for (uint32_t i = from; i < to;) {
        unsigned char c = (unsigned char)s[i];
        if (blank(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '-' || c == '(' ||
            c == ')' || c == '!' || c == '?') {
            i++;
            continue;
        }
        if (!ascii_letter(c)) return true; /* a digit, a sign ($, %, '), a byte above ASCII */
        bool cap = c <= 'Z';
        if (cap && !first_at(s, lo, i)) return true; /* a capital inside: a name */
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, i, hi, low, &h);
        uint16_t cls = wclass_find(wc, low, h);
        if ((cls & (C_SPEECH | C_NEG | C_HEDGE | C_NUMBER)) || (cap && (cls & C_DATE)) ||
            strcmp(low, "according") == 0)
            return true;
        if (((cls & C_QUAL) || strcmp(low, "at") == 0) && number_after(wc, s, e, hi)) return true;
        if (cap && speech_after(wc, s, e, hi)) return true;
        i = e;
    }
    return false;
}

/* Is the pair of row r worth building (pairs_of)? */
static bool pair_matters(const struct job *job, struct doc_pass pass[2], const struct align_row *r,
                         const struct wop *ops)
{
    size_t na, nb;
    const struct doc *da = align_doc(job->al, SIDE_A), *db = align_doc(job->al, SIDE_B);
    const char *sa = doc_bytes(da, NULL), *sb = doc_bytes(db, NULL);
    const struct sentence *ea = doc_sentences(da, &na), *eb = doc_sentences(db, &nb);
    if (!r->an || !r->bn) return true;
    uint32_t alo = ea[r->a].start, ahi = ea[r->a + r->an - 1].end;
    uint32_t blo = eb[r->b].start, bhi = eb[r->b + r->bn - 1].end;
    doc_pass_read(&pass[0], alo, ahi);
    doc_pass_read(&pass[1], blo, bhi);
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *o = &ops[r->op + k];
        if (o->kind == WOP_DEL && marks_matter(job->wc, sa, alo, ahi, o->a_start, o->a_end))
            return true;
        if (o->kind == WOP_INS && marks_matter(job->wc, sb, blo, bhi, o->b_start, o->b_end))
            return true;
    }
    return quote_in(sa, alo, ahi) || quote_in(sb, blo, bhi);
}

static void pairs_of(struct digest *d, const struct job *job, size_t from, size_t to)
{
    const struct digest_lang *L = job->L;
    size_t nr, nops;
    const struct align_row *rows = align_rows(job->al, &nr);
    const struct wop *ops = align_ops(job->al, &nops);
    struct side a = {0}, b = {0};
    /* the pages read are given back as the rows go by, as the word diffs
     * do (word_diff_slice): the digest holds no more of the documents */
    struct doc_pass pass[2];
    doc_pass_begin(&pass[0], align_doc(job->al, SIDE_A));
    doc_pass_begin(&pass[1], align_doc(job->al, SIDE_B));
    for (size_t i = from; i < to; i++) {
        const struct align_row *r = &rows[i];
        if (r->kind == ROW_DELETED || r->kind == ROW_INSERTED) {
            /* a run of cut or added rows of story text, by the slice it
             * starts in (a caption or an ad between two cut sentences
             * parts two runs) */
            if (not_substance(job->al, r)) continue;
            if (i > 0 && rows[i - 1].kind == r->kind && !not_substance(job->al, &rows[i - 1]))
                continue;
            one_sided(d, pass, rows, nr, &i);
            i--;
            continue;
        }
        /* a pair: changed, or moved (once, at A's place) */
        if (r->kind != ROW_CHANGED && !(r->kind == ROW_MOVED && (r->show & SHOW_A))) continue;
        bool marks = false; /* nothing marked, nothing to say */
        for (uint32_t k = 0; k < r->nop && !marks; k++)
            marks = ops[r->op + k].kind != WOP_EQUAL;
        if (!marks || !pair_matters(job, pass, r, ops)) continue;
        side_build(&a, job->wc, align_doc(job->al, SIDE_A), r->a, r->an);
        side_build(&b, job->wc, align_doc(job->al, SIDE_B), r->b, r->bn);
        side_mark(&a, ops + r->op, r->nop, WOP_DEL);
        side_mark(&b, ops + r->op, r->nop, WOP_INS);
        check_quotes(d, i, &a, &b);
        check_numbers(d, i, &a, &b);
        size_t before = digest_count(d, DG_ATTRIBUTION);
        check_attribution(d, L, i, &a, &b);
        /* the names of an attribution just reported are not reported again */
        if (digest_count(d, DG_ATTRIBUTION) > before) {
            hide_source(&a);
            hide_source(&b);
        }
        check_names(d, i, &a, &b);
        check_flips(d, i, &a, &b);
    }
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
    free(a.t);
    free(b.t);
}

static void slice_work(void *arg, size_t k)
{
    struct job *job = arg;
    size_t from = k * job->nrows / job->nslices, to = (k + 1) * job->nrows / job->nslices;
    pairs_of(&job->part[k], job, from, to);
}

struct digest *digest_new(const struct alignment *al, const struct digest_lang *lang)
{
    const struct digest_lang *L = lang ? lang : digest_lang_default();
    struct wclass *wc = xmalloc(sizeof *wc);
    wclass_init(wc, L);
    struct digest *d = xcalloc(1, sizeof *d);
    d->al = al;
    size_t nr;
    (void)align_rows(al, &nr);
    struct job job = {.al = al, .L = L, .wc = wc, .nrows = nr};
    job.nslices = util_slices(nr, SLICE_ROWS);
    job.part = xcalloc(job.nslices, sizeof *job.part);
    for (size_t k = 0; k < job.nslices; k++)
        job.part[k].al = al;
    util_parallel(job.nslices, slice_work, &job);
    /* the slices' items, one slice after the other, are in row order; their
     * strings go into one block */
    size_t total = 0, bytes = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        total += job.part[k].n;
        bytes += job.part[k].spool.len;
    }
    d->items = xcalloc(total ? total : 1, sizeof *d->items);
    d->cap = total;
    d->pool = xmalloc(bytes ? bytes : 1);
    size_t base = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        struct digest *p = &job.part[k];
        if (p->spool.len) memcpy(d->pool + base, p->spool.s, p->spool.len);
        for (size_t i = 0; i < p->n; i++) {
            struct digest_item *it = &d->items[d->n++];
            *it = p->items[i];
            it->before = p->offs[i][0] ? d->pool + base + p->offs[i][0] - 1 : NULL;
            it->after = p->offs[i][1] ? d->pool + base + p->offs[i][1] - 1 : NULL;
        }
        base += p->spool.len;
        for (int c = 0; c < DG_KIND_COUNT; c++)
            d->count[c] += p->count[c];
        sb_free(&p->spool);
        free(p->offs);
        free(p->items);
    }
    free(job.part);
    free(wc);
    return d;
}

void digest_free(struct digest *d)
{
    if (!d) return;
    free(d->pool);
    free(d->items);
    free(d);
}

const struct digest_item *digest_items(const struct digest *d, size_t *n)
{
    *n = d->n;
    return d->items;
}

size_t digest_count(const struct digest *d, enum digest_kind k)
{
    return (unsigned)k < DG_KIND_COUNT ? d->count[k] : 0;
}

const char *digest_kind_name(enum digest_kind k)
{
    static const char *const names[DG_KIND_COUNT] = {
        [DG_QUOTE] = "quotation",   [DG_NUMBER] = "number",
        [DG_NAME] = "name",         [DG_ATTRIBUTION] = "attribution",
        [DG_NEGATION] = "negation", [DG_CUT] = "cut",
        [DG_ADDED] = "added"};
    return (unsigned)k < DG_KIND_COUNT ? names[k] : "?";
}

const char *digest_how_name(enum digest_how h)
{
    static const char *const names[] = {"changed",     "dropped", "added",
                                        "paraphrased", "quoted",  "paragraph"};
    return (unsigned)h < WD_ARRAY_LEN(names) ? names[h] : "?";
}

void digest_item_text(const struct digest_item *it, char *buf, size_t size)
{
    static const char *const arrow = " \xE2\x86\x92 "; /* → */
    const char *x = it->before ? it->before : "", *y = it->after ? it->after : "";
    switch (it->kind) {
    case DG_QUOTE:
        if (it->how == DGH_PARAPHRASED)
            snprintf(buf, size, "quotation turned into paraphrase: %s%s%s", x, arrow, y);
        else if (it->how == DGH_QUOTED)
            snprintf(buf, size, "paraphrase turned into quotation: %s%s%s", x, arrow, y);
        else
            snprintf(buf, size, "quotation altered: %s%s%s", x, arrow, y);
        break;
    case DG_NEGATION: {
        const char *what = it->how == DGH_DROPPED ? "dropped" : "added";
        snprintf(buf, size, "negation or hedge %s: %s", what, it->before ? x : y);
        break;
    }
    case DG_CUT:
    case DG_ADDED: {
        const char *verb = it->kind == DG_CUT ? "cut" : "added";
        const char *text = it->kind == DG_CUT ? x : y;
        if (it->how == DGH_PARAGRAPH)
            snprintf(buf, size, "paragraph %s (%zu sentences): %s", verb, it->nsentences, text);
        else
            snprintf(buf, size, "%zu sentence%s %s: %s", it->nsentences,
                     it->nsentences == 1 ? "" : "s", verb, text);
        break;
    }
    default: {
        const char *kind = digest_kind_name(it->kind);
        if (it->how == DGH_CHANGED)
            snprintf(buf, size, "%s changed: %s%s%s", kind, x, arrow, y);
        else if (it->how == DGH_DROPPED)
            snprintf(buf, size, "%s dropped: %s", kind, x);
        else
            snprintf(buf, size, "%s added: %s", kind, y);
        break;
    }
    }
}

void digest_summary(const struct digest *d, char *buf, size_t size)
{
    static const char *const one[DG_KIND_COUNT] = {
        "quotation", "number", "name", "attribution", "negation or hedge", "cut", "added"};
    static const char *const many[DG_KIND_COUNT] = {
        "quotations", "numbers", "names", "attributions", "negations or hedges", "cut", "added"};
    size_t sent[2] = {0, 0};
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].kind == DG_CUT || d->items[i].kind == DG_ADDED)
            sent[d->items[i].kind == DG_ADDED] += d->items[i].nsentences;
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < DG_KIND_COUNT && len < size; k++) {
        size_t c = k == DG_CUT ? sent[0] : k == DG_ADDED ? sent[1] : d->count[k];
        if (!c) continue;
        const char *what = c == 1 ? one[k] : many[k];
        int w;
        if (k == DG_CUT)
            w = snprintf(buf + len, size - len, "%s%zu sentence%s cut", len ? ", " : "", c,
                         c == 1 ? "" : "s");
        else if (k == DG_ADDED)
            w = snprintf(buf + len, size - len, "%s%zu added", len ? ", " : "", c);
        else
            w = snprintf(buf + len, size - len, "%s%zu %s", len ? ", " : "", c, what);
        if (w < 0) break;
        len += (size_t)w;
    }
    if (!buf[0]) snprintf(buf, size, "no substantive change");
}
