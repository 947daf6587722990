/* digest_checks.c - what the change of a pair is about: quotations,
 * numbers, names, attribution, negations and hedges (digest_int.h). */
#include "config.h"

#include "digest_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "text.h"
#include "util.h"

/* Common prefix that makes two capitalised words one name ("Russia",
 * "Russian"): this many bytes, or the shorter word whole. */
#define NAME_PREFIX 5

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
    char *body = dg_tokens_text(sd, i, j);
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

void dg_check_quotes(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    uint16_t qa = marked_quote(a), qb = marked_quote(b);
    if (a->nquotes && b->nquotes && (qa || qb)) {
        dg_add(d, DG_QUOTE, DGH_CHANGED, row, 1, 0, quote_text(a, qa ? qa : 1),
               quote_text(b, qb ? qb : 1));
    } else if (a->nquotes && !b->nquotes) {
        dg_add(d, DG_QUOTE, DGH_PARAPHRASED, row, 1, 0, quote_text(a, 1),
               dg_tokens_text(b, 0, b->n));
    } else if (!a->nquotes && b->nquotes) {
        dg_add(d, DG_QUOTE, DGH_QUOTED, row, 1, 0, dg_tokens_text(a, 0, a->n), quote_text(b, 1));
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
    int32_t cp = dg_cp_at(sd->s, t->start, t->end);
    return text_is_upper(cp) && (t->cls & C_DATE);
}

static bool is_currency(const struct side *sd, const struct tok *t)
{
    int32_t cp = dg_cp_at(sd->s, t->start, t->end);
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
        while (to < sd->n && (is_number(sd, &sd->t[to]) ||
                              ((sd->t[to].flags & WORD_PUNCT) &&
                               dg_cp_at(sd->s, sd->t[to].start, sd->t[to].end) == '%')))
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
        (*out)[n].shown = dg_tokens_text(sd, from, to);
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
        if (!found) dg_join(b, x[i].shown);
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

void dg_check_numbers(struct digest *d, size_t row, const struct side *a, const struct side *b)
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
        dg_add_lists(d, DG_NUMBER, row, &before, &after);
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
    if (!text_is_upper(dg_cp_at(sd->s, t->start, t->end))) return false;
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
            (*out)[n++] = dg_tokens_text(x, i, j);
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

void dg_check_names(struct digest *d, size_t row, const struct side *a, const struct side *b)
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
        if (dropped[i]) dg_join(&x, dropped[i]);
    for (size_t k = 0; k < na; k++)
        if (added[k]) dg_join(&y, added[k]);
    for (size_t i = 0; i < nd; i++)
        free(dropped[i]);
    for (size_t k = 0; k < na; k++)
        free(added[k]);
    free(dropped);
    free(added);
    dg_add_lists(d, DG_NAME, row, &x, &y);
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

void dg_hide_source(struct side *sd)
{
    size_t v = speech_at(sd), from, to;
    if (v >= sd->n) return;
    source_span(sd, v, &from, &to);
    for (size_t k = from; k < to; k++)
        sd->t[k].marked = false;
}

void dg_check_attribution(struct digest *d, const struct digest_lang *L, size_t row,
                          const struct side *a, const struct side *b)
{
    size_t va = speech_at(a), vb = speech_at(b);
    bool ha = va < a->n, hb = vb < b->n;
    size_t as = 0, ae = 0, bs = 0, be = 0;
    if (ha) source_span(a, va, &as, &ae);
    if (hb) source_span(b, vb, &bs, &be);
    if (ha && !hb) {
        dg_add(d, DG_ATTRIBUTION, DGH_DROPPED, row, 1, 0, dg_tokens_text(a, as, ae), NULL);
    } else if (!ha && hb) {
        dg_add(d, DG_ATTRIBUTION, DGH_ADDED, row, 1, 0, NULL, dg_tokens_text(b, bs, be));
    } else if (ha && hb) {
        /* a verb that weighs the claim for one that reports it ("said" ->
         * "claimed"), or a source that names someone else ("Reuters
         * reported" -> "AP reported") */
        char sa[24], sb[24];
        stem(a->t[va].low, sa, sizeof sa);
        stem(b->t[vb].low, sb, sizeof sb);
        bool neutral = dg_in(sa, L->neutral, L->nneutral) && dg_in(sb, L->neutral, L->nneutral);
        bool verb = strcmp(sa, sb) != 0 && !neutral && (a->t[va].marked || b->t[vb].marked);
        bool source = other_source(a, as, ae, va, b, bs, be, vb);
        if (verb || source)
            dg_add(d, DG_ATTRIBUTION, DGH_CHANGED, row, 1, 0, dg_tokens_text(a, as, ae),
                   dg_tokens_text(b, bs, be));
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
        char *s = dg_tokens_text(sd, i, h + 1);
        dg_join(b, s);
        free(s);
    }
}

void dg_check_flips(struct digest *d, size_t row, const struct side *a, const struct side *b)
{
    for (int hedge = 0; hedge < 2; hedge++) {
        struct strbuf x = {0}, y = {0};
        marked_of(a, b, hedge, &x);
        marked_of(b, a, hedge, &y);
        /* on one side only: flipped; on both, reworded around it */
        char *sx = dg_take_or_null(&x), *sy = dg_take_or_null(&y);
        if (sx && !sy)
            dg_add(d, DG_NEGATION, DGH_DROPPED, row, 1, 0, sx, NULL);
        else if (sy && !sx)
            dg_add(d, DG_NEGATION, DGH_ADDED, row, 1, 0, NULL, sy);
        else {
            free(sx);
            free(sy);
        }
    }
}
