#include "config.h"

#include "segment.h"

#include <stdbool.h>
#include <string.h>

#include "doc.h"
#include "swar.h"
#include "text.h"
#include "util.h"

/* Sentence rules (they mirror the conventions of hand segmentation used for
 * news text, see tests/gold/README.md):
 *  - a line break always ends a segment; a line without final punctuation is
 *    a segment of its own (headline, credit, "Article continues below ad");
 *  - a sentence ends at . ! ? ... (or U+2026) with any closing quotes and
 *    brackets that follow, when white space and then something other than a
 *    lower-case word or continuing punctuation follows;
 *  - the CJK stops U+3002 U+FF01 U+FF1F end a sentence without white space;
 *  - inside a double quotation opened on the same line a stop does not end
 *    the sentence (a quoted passage of several sentences and its
 *    attribution stay one sentence), unless the quotation has stayed open
 *    for QUOTE_SPAN_MAX bytes, which is taken as an unbalanced quote mark;
 *  - a period after an abbreviation, an initial or a dotted acronym
 *    (U.S.) ends a sentence only when a clause-opening function word
 *    follows ("... in the U.S. The ..."); after a title (Dr., Gen.) never.
 */

/* A quotation open longer than this (bytes) no longer protects its stops:
 * real multi-sentence quotations in news copy are a paragraph at most. */
#define QUOTE_SPAN_MAX 1200
/* How far back to look for the word before a period (bytes). */
#define ABBR_LOOKBACK 24

/* ASCII bytes that are letters or digits: inside words the segmenters skip
 * runs of them without decoding (the hot path on news text). */
static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool is_line_break(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

static bool is_stop(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049;
}

static bool is_cjk_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E;
}

/* Closing quotes and brackets that stay with the sentence they close. */
static bool is_closer(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x2019:
    case 0x201D:
    case 0x00BB:
    case 0x203A:
    case 0x300D:
    case 0x300F:
    case 0xFF09:
    case 0x3011:
    case 0x3009:
    case 0x300B:
    case 0xFF02:
    case 0xFF07:
        return true;
    default:
        return false;
    }
}

static bool is_open_dquote(int32_t cp)
{
    return cp == 0x201C || cp == 0x201E || cp == 0x00AB || cp == 0x300C || cp == 0x300E;
}

static bool is_close_dquote(int32_t cp)
{
    return cp == 0x201D || cp == 0x00BB || cp == 0x300D || cp == 0x300F;
}

/* Compare a[0..n), its ASCII capitals read as lower case, with the
 * literal lit, in strcmp order. */
static int ascii_icmp(const char *a, size_t n, const char *lit)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)a[i], l = (unsigned char)lit[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
        if (c != l) return c < l ? -1 : 1; /* also when lit ends first */
    }
    return lit[n] ? -1 : 0;
}

/* Is w[0..n) in list, ignoring ASCII case?  The lists below are in
 * strcmp order, so a lookup (one per period before a capital) takes a
 * few comparisons instead of one per entry. */
static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ascii_icmp(w, n, list[mid]);
        if (c == 0) return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

#define IN_LIST(w, n, list) in_list((w), (n), (list), WD_ARRAY_LEN(list))

/* Titles precede a name: the period never ends a sentence.  Only words
 * that are not also ordinary words belong here ("no", "art" do not).
 * Sorted (in_list). */
static const char *const titles[] = {
    "adm",  "approx", "capt", "cf",  "cmdr", "col",    "cpl",  "dr",  "e.g", "gen", "gov",
    "hon",  "i.e",    "insp", "lt",  "maj",  "messrs", "mlle", "mme", "mr",  "mrs", "ms",
    "pres", "prof",   "rep",  "rev", "sen",  "sgt",    "supt", "viz", "vs"};

/* Abbreviations that may also close a sentence (and ordinary words that are
 * abbreviations too: "no" of "No. 5", "art" of "Art. 3").  Sorted
 * (in_list). */
static const char *const abbrevs[] = {
    "al",  "apr",  "art",   "assn", "aug",  "ave",  "blvd", "bros", "ca",   "ch",   "co",  "corp",
    "dec", "dept", "div",   "est",  "etc",  "feb",  "fig",  "fri",  "ft",   "govt", "hr",  "hrs",
    "hwy", "inc",  "intl",  "jan",  "jr",   "jul",  "jun",  "kg",   "km",   "lb",   "lbs", "llc",
    "ltd", "mar",  "max",   "mg",   "min",  "ml",   "mon",  "mt",   "natl", "no",   "nos", "nov",
    "oct", "oz",   "pct",   "plc",  "pp",   "rd",   "sat",  "sec",  "sep",  "sept", "sr",  "st",
    "sun", "thu",  "thurs", "tue",  "tues", "univ", "v",    "vol",  "wed",  "yr",   "yrs"};

/* Words that open a clause; after an abbreviation they signal that the
 * abbreviation's period also ended the sentence.  Sorted (in_list). */
static const char *const openers[] = {
    "a",    "after",     "an",    "and",   "as",        "at",    "but",   "by",   "for",   "from",
    "he",   "her",       "his",   "how",   "however",   "i",     "if",    "in",   "it",    "its",
    "many", "meanwhile", "most",  "my",    "officials", "on",    "other", "our",  "she",   "some",
    "such", "that",      "the",   "their", "there",     "these", "they",  "this", "those", "we",
    "what", "when",      "while", "who",   "why",       "you"};

const char *const *seg_word_list(int which, size_t *n)
{
    switch (which) {
    case 0:
        *n = WD_ARRAY_LEN(titles);
        return titles;
    case 1:
        *n = WD_ARRAY_LEN(abbrevs);
        return abbrevs;
    case 2:
        *n = WD_ARRAY_LEN(openers);
        return openers;
    default:
        *n = 0;
        return NULL;
    }
}

enum abbr_kind { ABBR_NONE, ABBR_TITLE, ABBR_MAYBE };

/* Classify the word that ends just before the period at s[dot]. */
static enum abbr_kind abbr_before(const char *s, size_t line_start, size_t dot)
{
    size_t b = dot;
    size_t limit = dot > line_start + ABBR_LOOKBACK ? dot - ABBR_LOOKBACK : line_start;
    while (b > limit) {
        unsigned char c = (unsigned char)s[b - 1];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.')
            b--;
        else
            break;
    }
    if (b == dot) return ABBR_NONE;
    if (b > line_start) {
        unsigned char c = (unsigned char)s[b - 1];
        /* Part of a longer token (a number, a non-ASCII word): not ours. */
        if (c >= 0x80 || (c >= '0' && c <= '9') || c == '-' || c == '\'' || c == '/')
            return ABBR_NONE;
    }
    const char *w = s + b;
    size_t n = dot - b;
    if (w[0] == '.') return ABBR_NONE;
    /* Dotted acronym: U.S, U.N, a.m, e.g (single letters joined by dots). */
    if (n >= 3 && memchr(w, '.', n)) {
        bool acronym = true;
        for (size_t i = 0; i < n; i++)
            if ((i % 2 == 1) != (w[i] == '.')) acronym = false;
        if (acronym) return IN_LIST(w, n, titles) ? ABBR_TITLE : ABBR_MAYBE;
        return ABBR_NONE;
    }
    if (n == 1 && w[0] >= 'A' && w[0] <= 'Z') return ABBR_MAYBE; /* an initial */
    if (IN_LIST(w, n, titles)) return ABBR_TITLE;
    if (IN_LIST(w, n, abbrevs)) return ABBR_MAYBE;
    return ABBR_NONE;
}

static bool next_word_is_opener(const char *s, size_t k, size_t end)
{
    size_t e = k;
    while (e < end && e - k < 16) {
        unsigned char c = (unsigned char)s[e];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            e++;
        else
            break;
    }
    if (e == k) return false;
    if (e < end && (unsigned char)s[e] >= 0x80) {
        int32_t cp; /* "It’s" ends the word; "Éclair"-like letters continue it */
        text_decode(s, end, e, &cp);
        if (text_is_alnum(cp)) return false;
    }
    return IN_LIST(s + k, e - k, openers);
}

/* Does the text at s[k] (first non-space after a stop) start a new
 * sentence?  Lower-case words and continuing punctuation do not. */
static bool starts_sentence(int32_t cp)
{
    if (text_is_lower(cp)) return false;
    switch (cp) {
    case ',':
    case ';':
    case ':':
    case ')':
    case ']':
    case '}':
    case '%':
        return false;
    default:
        return true;
    }
}

static void emit(struct seg_span **out, size_t *n, size_t *cap, size_t start, size_t end,
                 uint32_t flags)
{
    xgrow(out, cap, *n + 1, sizeof **out);
    (*out)[*n].start = (uint32_t)start;
    (*out)[*n].end = (uint32_t)end;
    (*out)[*n].flags = flags;
    (*n)++;
}

/* The bytes that segment_line must look at one by one: those that are not
 * ASCII, the controls (white space among them), the double quote (it may
 * open a quotation) and the stops . ! ?  Any other byte inside a sentence
 * only moves the sentence's end and becomes the previous code point, and
 * a space does not even move the end. */
static inline uint64_t sentence_run_stops(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, ' ') | swar_eq_first(x, '"') | swar_eq_first(x, '.') |
           swar_eq_first(x, '!') | swar_eq_first(x, '?');
}

/* Segment one line s[ls..le) (no line breaks inside). */
static void segment_line(const char *s, size_t ls, size_t le, struct seg_span **out, size_t *n,
                         size_t *cap)
{
    size_t i = ls;
    size_t start = SIZE_MAX; /* start of the current sentence, SIZE_MAX = none */
    size_t last = ls;        /* end of the last non-space code point */
    bool in_quote = false;
    size_t quote_at = 0;
    int32_t prev = ' ';

    while (i < le) {
        if (start != SIZE_MAX) {
            /* The common case: a run of bytes that need no look
             * (sentence_run_stops), eight at a time. */
            size_t j = swar_skip(s, i, le, sentence_run_stops);
            if (j > i) {
                size_t b = j;
                while (b > i && s[b - 1] == ' ')
                    b--;
                if (b > i) last = b;
                prev = (unsigned char)s[j - 1];
                i = j;
                if (i == le) break;
            }
        }
        unsigned char ch = (unsigned char)s[i];
        int32_t cp = ch;
        size_t l = ch < 0x80 ? 1 : text_decode(s, le, i, &cp);
        if (ch == ' ' || (ch >= 0x80 ? text_is_space(cp) : (ch >= 0x09 && ch <= 0x0D))) {
            prev = cp;
            i += l;
            continue;
        }
        if (start == SIZE_MAX) start = i;
        if (is_open_dquote(cp) ||
            (cp == '"' && (text_is_space(prev) || prev == '(' || prev == '[' || i == start))) {
            in_quote = true;
            quote_at = i;
        } else if (is_close_dquote(cp) || cp == '"') {
            in_quote = false;
        }
        if (!is_stop(cp) && !is_cjk_stop(cp)) {
            prev = cp;
            i += l;
            last = i;
            continue;
        }

        /* A run of stops, then closing quotes and brackets. */
        size_t stop_at = i;
        bool single_period = cp == '.';
        bool cjk = is_cjk_stop(cp);
        size_t j = i + l;
        int32_t c2 = 0;
        while (j < le) {
            size_t l2 = text_decode(s, le, j, &c2);
            if (is_stop(c2) || is_cjk_stop(c2)) {
                single_period = false;
                cjk = cjk || is_cjk_stop(c2);
                j += l2;
            } else {
                break;
            }
        }
        while (j < le) {
            size_t l2 = text_decode(s, le, j, &c2);
            if (!is_closer(c2)) break;
            if (is_close_dquote(c2) || c2 == '"') in_quote = false;
            j += l2;
        }
        last = j;
        prev = c2;

        size_t k = j;
        int32_t nc = 0;
        bool space_after = false;
        while (k < le) {
            size_t l2 = text_decode(s, le, k, &nc);
            if (!text_is_space(nc)) break;
            space_after = true;
            k += l2;
        }
        i = j;
        if (k >= le) break;                 /* the line end closes the sentence */
        if (!space_after && !cjk) continue; /* "3.5", "U.S.-led", "Benzinga.com" */
        if (in_quote && stop_at - quote_at < QUOTE_SPAN_MAX) continue;
        if (!starts_sentence(nc)) continue;
        if (single_period) {
            enum abbr_kind a = abbr_before(s, ls, stop_at);
            if (a == ABBR_TITLE) continue;
            if (a == ABBR_MAYBE && !next_word_is_opener(s, k, le)) continue;
        }
        emit(out, n, cap, start, j, 0);
        start = SIZE_MAX;
        in_quote = false;
        i = k;
    }
    if (start != SIZE_MAX) {
        /* Flag segments that end without a stop: headlines, credits. */
        uint32_t flags = 0;
        size_t b = last;
        while (b > start) {
            int32_t cp;
            size_t p = b - 1;
            while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
                p--;
            text_decode(s, le, p, &cp);
            if (is_closer(cp)) {
                b = p;
                continue;
            }
            if (!is_stop(cp) && !is_cjk_stop(cp)) flags = SENT_LINE;
            break;
        }
        emit(out, n, cap, start, last, flags);
    }
}

/* The bytes that may start a line break: no ASCII line break is above CR,
 * and the others (U+0085, U+2028, U+2029) are not ASCII. */
static inline uint64_t line_break_stops(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, 0x0E);
}

void seg_sentences(const char *s, size_t len, size_t from, struct seg_span **out, size_t *n,
                   size_t *cap)
{
    size_t ls = from;
    size_t i = from;
    while (i < len) {
        i = swar_skip(s, i, len, line_break_stops);
        if (i == len) break;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c;
        size_t l = 1;
        if (c >= 0x80) l = text_decode(s, len, i, &cp);
        if (is_line_break(cp)) {
            segment_line(s, ls, i, out, n, cap);
            i += l;
            ls = i;
        } else {
            i += l;
        }
    }
    segment_line(s, ls, len, out, n, cap);
}

/* ---- words ---------------------------------------------------------------- */

static bool is_han_or_kana(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static bool is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static bool word_char(int32_t cp)
{
    return cp == TEXT_REPLACEMENT || (text_is_alnum(cp) && !is_han_or_kana(cp));
}

/* text_decode and word_char with ASCII taken inline: the same answers, the
 * general path of word_at without a call a byte on news text. */
static inline size_t decode_at(const char *s, size_t end, size_t i, int32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return text_decode(s, end, i, cp);
}

static inline bool word_char_at(int32_t cp)
{
    return cp >= 0 && cp < 0x80 ? ascii_alnum((unsigned char)cp) : word_char(cp);
}

/* ASCII punctuation and symbols: printable, neither a letter, a digit nor
 * a space. */
static bool ascii_punct(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !ascii_alnum(c);
}

/* The token starting at s[i], which is not white space.  fast takes lone
 * ASCII punctuation without decoding; it changes no token (the general
 * path gives the same: such a byte is not a word character, and followed by
 * ASCII or the end it is a grapheme cluster of its own, see
 * text_next_cluster), and seg_words_general turns it off so that the tests
 * can hold it to that. */
static size_t word_at(const char *s, size_t i, size_t end, bool fast, uint32_t *flags)
{
    unsigned char ch = (unsigned char)s[i];
    if (ascii_alnum(ch)) {
        /* An ASCII word with no connector or non-ASCII byte after it
         * needs no decoding: take it whole.  (This shortcut is part of the
         * definition, not only a fast path: "a1,2" splits at the comma
         * here, where the general rule below would join it.) */
        size_t j = i + 1;
        while (j < end && ascii_alnum((unsigned char)s[j]))
            j++;
        unsigned char nx = j < end ? (unsigned char)s[j] : ' ';
        if (nx == ' ' || nx == ',' || nx == ';' || nx == ':' || nx == '!' || nx == '?' ||
            nx == ')' || nx == '"' || (nx == '.' && (j + 1 >= end || s[j + 1] == ' '))) {
            bool num = ch >= '0' && ch <= '9';
            if (!(num && (nx == ',') && j + 1 < end && s[j + 1] >= '0' && s[j + 1] <= '9')) {
                *flags = num ? WORD_NUM : 0;
                return j;
            }
        }
    } else if (fast && ascii_punct(ch) && (i + 1 >= end || (unsigned char)s[i + 1] < 0x80)) {
        *flags = WORD_PUNCT;
        return i + 1;
    }
    int32_t cp;
    size_t l = decode_at(s, end, i, &cp);
    if (is_han_or_kana(cp) || !word_char_at(cp)) {
        int w;
        *flags = is_han_or_kana(cp) ? WORD_CJK : WORD_PUNCT;
        return text_next_cluster(s, end, i, &w);
    }
    *flags = text_is_digit(cp) ? WORD_NUM : 0;
    bool digits = text_is_digit(cp);
    size_t j = i + l;
    int32_t prevc = cp;
    while (j < end) {
        int32_t c;
        size_t lc = decode_at(s, end, j, &c);
        if (word_char_at(c)) {
            digits = c < 0x80 ? c >= '0' && c <= '9' : text_is_digit(c);
            prevc = c;
            j += lc;
            continue;
        }
        /* A connector joins when a word character follows it. */
        int32_t nx = 0;
        size_t ln = j + lc < end ? decode_at(s, end, j + lc, &nx) : 0;
        bool next_word = ln && word_char_at(nx);
        bool join = false;
        if (next_word && (is_apostrophe(c) || is_hyphen(c)))
            join = true; /* Kim's, don't, Hong-kyun */
        else if (next_word && (c == '.' || c == ',') && digits && text_is_digit(nx))
            join = true; /* 1,000 and 3.5 */
        else if (next_word && c == '.' && !text_is_digit(prevc))
            join = true; /* U.S, Benzinga.com */
        if (!join) break;
        j += lc;
    }
    /* Dotted acronym keeps its final period: U.S. U.N. a.m. (not 3.5.) */
    if (j < end && s[j] == '.' && j - i >= 3 && s[j - 2] == '.' &&
        ((s[j - 1] >= 'A' && s[j - 1] <= 'Z') || (s[j - 1] >= 'a' && s[j - 1] <= 'z')))
        j++;
    return j;
}

/* seg_word_next, with or without word_at's fast path. */
static bool next_token(const char *s, size_t *at, size_t end, bool fast, struct seg_span *tok)
{
    size_t i = *at;
    while (i < end) {
        /* White space and the C0 controls and DEL lie between tokens. */
        unsigned char ch = (unsigned char)s[i];
        if (ch <= 0x20 || ch == 0x7F) {
            i++;
            continue;
        }
        if (ch >= 0x80) {
            int32_t cp;
            size_t l = text_decode(s, end, i, &cp);
            if (text_is_space(cp)) {
                i += l;
                continue;
            }
        }
        uint32_t flags;
        size_t e = word_at(s, i, end, fast, &flags);
        tok->start = (uint32_t)i;
        tok->end = (uint32_t)e;
        tok->flags = flags;
        *at = e;
        return true;
    }
    *at = end;
    return false;
}

bool seg_word_next(const char *s, size_t *i, size_t end, struct seg_span *tok)
{
    return next_token(s, i, end, true, tok);
}

/* seg_words and seg_words_general. */
static void words_into(const char *s, size_t start, size_t end, bool fast, struct seg_span **out,
                       size_t *n, size_t *cap)
{
    struct seg_span tok;
    while (next_token(s, &start, end, fast, &tok)) {
        emit(out, n, cap, tok.start, tok.end, tok.flags);
    }
}

void seg_words(const char *s, size_t start, size_t end, struct seg_span **out, size_t *n,
               size_t *cap)
{
    words_into(s, start, end, true, out, n, cap);
}

void seg_words_general(const char *s, size_t start, size_t end, struct seg_span **out, size_t *n,
                       size_t *cap)
{
    words_into(s, start, end, false, out, n, cap);
}
