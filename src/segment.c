#include "config.h"

#include "segment.h"

#include <stdbool.h>
#include <string.h>

#include "doc.h"
#include "swar.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

/* Sentence rules (they mirror the conventions of hand segmentation used for
 * news text, see tests/gold/README.md):
 *  - a line break always ends a segment, except inside a paragraph of
 *    hard-wrapped text (wrap.h), where it reads as a space; a line without
 *    final punctuation is a segment of its own (headline, credit, "Article
 *    continues below ad");
 *  - a sentence ends at . ! ? ... (or U+2026) with any closing quotes and
 *    brackets that follow, when white space and then something other than a
 *    lower-case word or continuing punctuation follows (opening quotes and
 *    brackets before a lower-case word continue it too); a parenthesis
 *    that holds no sentence of its own stays with the sentence before it
 *    (a photo credit); so does the attribution of a quotation that ends in
 *    ? or !, a name and a verb of saying ("...in?" Hawkins said.);
 *  - the CJK stops U+3002 U+FF01 U+FF1F end a sentence without white space;
 *  - inside a double quotation opened on the same line a stop does not end
 *    the sentence (a quoted passage of several sentences and its
 *    attribution stay one sentence), unless the quotation has stayed open
 *    for QUOTE_SPAN_MAX bytes, which is taken as an unbalanced quote mark;
 *  - a period after an abbreviation, an initial (also after a no-break
 *    space or a slash: "AP Photo/J. Scott"), a dotted acronym (U.S., W.Va.)
 *    or a state after a place name ("Madison, Wis.") ends a sentence only
 *    when a clause-opening function word follows ("... in the U.S. The
 *    ..."); after a title (Dr., Gen.) never.
 */

/* A quotation open longer than this (bytes) no longer protects its stops:
 * real multi-sentence quotations in news copy are a paragraph at most. */
#define QUOTE_SPAN_MAX 1200
/* How far back to look for the word before a period (bytes). */
#define ABBR_LOOKBACK 24

/* ASCII white space: inside a paragraph of wrapped text a line break
 * stands where a space would. */
static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
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

/* State and province abbreviations (AP style) that are not dotted
 * acronyms (N.Y., W.Va. are): taken as abbreviations only where a place
 * name stands, capitalised after a comma ("Madison, Wis.",
 * "VIRGINIA BEACH, Va. (AP)"), since some are words too ("ill", "wash",
 * "mass").  Sorted (in_list). */
static const char *const places[] = {
    "ala",  "alta", "ariz", "ark", "calif", "colo", "conn", "del", "fla",  "ga",
    "ill",  "ind",  "kan",  "ky",  "la",    "man",  "mass", "md",  "mich", "minn",
    "miss", "mo",   "mont", "neb", "nev",   "nfld", "okla", "ont", "ore",  "pa",
    "que",  "sask", "tenn", "tex", "va",    "vt",   "wash", "wis", "wyo"};

/* Verbs of saying: a capitalised name and one of them after a quotation
 * that ends in ? or ! is its attribution ("...let him in?" Hawkins said.),
 * not a new sentence.  Sorted (in_list). */
static const char *const speech_verbs[] = {
    "added",   "adds",      "answered", "argued",    "asked",     "asks",     "continued",
    "cried",   "declared",  "demanded", "exclaimed", "explained", "insisted", "joked",
    "laughed", "noted",     "pleaded",  "posted",    "recalled",  "remarked", "replied",
    "replies", "responded", "said",     "says",      "screamed",  "shouted",  "shouts",
    "sighed",  "tells",     "told",     "tweeted",   "whispered", "wondered", "writes",
    "wrote",   "yelled"};

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
    case 3:
        *n = WD_ARRAY_LEN(places);
        return places;
    case 4:
        *n = WD_ARRAY_LEN(speech_verbs);
        return speech_verbs;
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
    const char *w = s + b;
    size_t n = dot - b;
    bool initial = n == 1 && w[0] >= 'A' && w[0] <= 'Z';
    if (b > line_start) {
        unsigned char c = (unsigned char)s[b - 1];
        if (c >= 0x80) {
            /* A no-break or other Unicode space separates words as a space
             * does ("star R. Kelly"); any other character makes the word
             * part of a longer, non-ASCII one: not ours. */
            size_t p = b - 1;
            while (p > line_start && ((unsigned char)s[p] & 0xC0) == 0x80 && b - p < 4)
                p--;
            int32_t cp;
            if (text_decode(s, b, p, &cp) != b - p || !text_is_space(cp)) return ABBR_NONE;
        } else if (c == '/') {
            /* "AP Photo/J. Scott": an initial after a slash */
            if (!initial) return ABBR_NONE;
        } else if ((c >= '0' && c <= '9') || c == '-' || c == '\'') {
            return ABBR_NONE; /* part of a longer token (a number): not ours */
        }
    }
    if (w[0] == '.') return ABBR_NONE;
    /* Dotted acronym: U.S, U.N, a.m, e.g (single letters joined by dots);
     * and dotted abbreviations of one- and two-letter parts that start
     * with a capital: W.Va, Ph.D. */
    if (n >= 3 && memchr(w, '.', n)) {
        bool acronym = true;
        for (size_t i = 0; i < n; i++)
            if ((i % 2 == 1) != (w[i] == '.')) acronym = false;
        if (acronym) return IN_LIST(w, n, titles) ? ABBR_TITLE : ABBR_MAYBE;
        bool parts = w[0] >= 'A' && w[0] <= 'Z';
        for (size_t i = 0, run = 0; i <= n && parts; i++) {
            if (i == n || w[i] == '.') {
                parts = run >= 1 && run <= 2;
                run = 0;
            } else {
                run++;
            }
        }
        return parts ? ABBR_MAYBE : ABBR_NONE;
    }
    if (initial) return ABBR_MAYBE;
    if (IN_LIST(w, n, titles)) return ABBR_TITLE;
    if (IN_LIST(w, n, abbrevs)) return ABBR_MAYBE;
    /* A state or province after a place name: "Madison, Wis." */
    if (w[0] >= 'A' && w[0] <= 'Z' && b >= line_start + 2 && ascii_space(s[b - 1]) &&
        s[b - 2] == ',' && IN_LIST(w, n, places))
        return ABBR_MAYBE;
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

/* A parenthesis opened after a stop holds a sentence of its own only when
 * that ends with a stop before the parenthesis closes ("(He left.)");
 * otherwise it belongs to the sentence before it: a photo credit ("...in
 * Washington. (AP Photo/J. Scott Applewhite, File)") or an aside.  Looked
 * for this far (bytes). */
#define PAREN_SPAN_MAX 300

/* The parenthesis or bracket at s[k] (line end le) closes within
 * PAREN_SPAN_MAX bytes on its line, and no stop ends what it holds. */
static bool paren_continues(const char *s, size_t k, size_t le)
{
    int depth = 0;
    for (size_t i = k; i < le && i - k < PAREN_SPAN_MAX;) {
        int32_t cp;
        size_t l = text_decode(s, le, i, &cp);
        if (cp == '(' || cp == '[') depth++;
        if (cp == ')' || cp == ']') {
            if (--depth > 0) {
                i += l;
                continue;
            }
            /* the last character before the closer, past closing quotes */
            size_t p = i;
            int32_t c = 0;
            while (p > k) {
                p = text_decode_back(s, k, p, &c);
                if (!is_closer(c)) break;
            }
            return !is_stop(c);
        }
        i += l;
    }
    return false; /* not closed: taken as opening a sentence, as before */
}

/* After a stop, the next sentence would start at s[k] (which
 * starts_sentence accepts).  It does not when opening quotes and brackets
 * are followed by a lower-case word (an ellipsis, then "'and then'"), or
 * when a parenthesis holds no sentence of its own (paren_continues). */
static bool continues_after_stop(const char *s, size_t k, size_t le)
{
    size_t i = k, paren = SIZE_MAX;
    while (i < le) {
        int32_t cp;
        size_t l = text_decode(s, le, i, &cp);
        if (cp == '(' || cp == '[') {
            if (paren == SIZE_MAX) paren = i;
        } else if (!(is_open_dquote(cp) || cp == '"' || cp == '\'' || cp == 0x2018 ||
                     cp == 0x201A || cp == 0x2039)) {
            if (i > k && text_is_lower(cp)) return true;
            break;
        }
        i += l;
    }
    return paren != SIZE_MAX && paren_continues(s, paren, le);
}

/* A quotation that ends in ? or ! is followed at s[k] by its attribution:
 * up to ATTRIB_NAMES_MAX capitalised words (a name, initials, a pronoun)
 * and then a verb of saying ("...let him in?" Hawkins said.). */
#define ATTRIB_NAMES_MAX 5

static bool attribution_follows(const char *s, size_t k, size_t le)
{
    size_t i = k, names = 0;
    while (i < le && names <= ATTRIB_NAMES_MAX) {
        size_t ws = i;
        int32_t first = 0;
        while (i < le) {
            int32_t cp;
            size_t l = text_decode(s, le, i, &cp);
            bool inner = (cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019) && i > ws;
            if (inner && cp == '.' && text_is_upper(first) && i - ws == 1) {
                i += l; /* an initial: "J." */
                break;
            }
            int32_t nx = 0;
            if (inner && i + l < le) text_decode(s, le, i + l, &nx);
            if (!text_is_alnum(cp) && !(inner && text_is_alnum(nx))) break;
            if (i == ws) first = cp;
            i += l;
        }
        if (i == ws) return false;
        if (text_is_upper(first)) {
            names++;
        } else {
            return names > 0 && IN_LIST(s + ws, i - ws, speech_verbs);
        }
        if (i >= le || !ascii_space(s[i])) return false;
        while (i < le && ascii_space(s[i]))
            i++;
    }
    return false;
}

bool seg_stop_ends(const char *s, size_t ls, size_t stop, size_t next, size_t end)
{
    int32_t cp, nc;
    size_t l = text_decode(s, end, stop, &cp);
    if (next >= end || (!is_stop(cp) && !is_cjk_stop(cp))) return false;
    text_decode(s, end, next, &nc);
    if (!starts_sentence(nc) || continues_after_stop(s, next, end)) return false;
    int32_t after = 0;
    if (stop + l < end) text_decode(s, end, stop + l, &after);
    bool quoted = is_closer(after) && after != ')' && after != ']' && after != '}';
    if (cp != '.' && quoted && attribution_follows(s, next, end)) return false;
    if (cp == '.' && !is_stop(after)) {
        enum abbr_kind a = abbr_before(s, ls, stop);
        if (a == ABBR_TITLE) return false;
        if (a == ABBR_MAYBE && !next_word_is_opener(s, next, end)) return false;
    }
    return true;
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
    uint32_t first = SENT_START; /* for the first sentence of the line */

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
        bool quote_closed = false; /* a quotation mark among the closers */
        while (j < le) {
            size_t l2 = text_decode(s, le, j, &c2);
            if (!is_closer(c2)) break;
            if (is_close_dquote(c2) || c2 == '"') in_quote = false;
            quote_closed |= c2 != ')' && c2 != ']' && c2 != '}';
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
        if (!starts_sentence(nc) || continues_after_stop(s, k, le)) continue;
        if (quote_closed && !single_period && !cjk && attribution_follows(s, k, le)) continue;
        if (single_period) {
            enum abbr_kind a = abbr_before(s, ls, stop_at);
            if (a == ABBR_TITLE) continue;
            if (a == ABBR_MAYBE && !next_word_is_opener(s, k, le)) continue;
        }
        emit(out, n, cap, start, j, first);
        first = 0;
        start = SIZE_MAX;
        in_quote = false;
        i = k;
    }
    if (start != SIZE_MAX) {
        /* Flag segments that end without a stop: headlines, credits. */
        uint32_t flags = first | SENT_END;
        size_t b = last;
        while (b > start) {
            int32_t cp;
            size_t p = text_decode_back(s, start, b, &cp);
            if (is_closer(cp)) {
                b = p;
                continue;
            }
            if (!is_stop(cp) && !is_cjk_stop(cp)) flags |= SENT_LINE;
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
    struct wrap w;
    wrap_detect(s, len, from, &w);
    seg_sentences_wrapped(s, len, from, &w, out, n, cap);
}

void seg_sentences_wrapped(const char *s, size_t len, size_t from, const struct wrap *w,
                           struct seg_span **out, size_t *n, size_t *cap)
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
        if (w->width && c < 0x80 && wrap_soft(s, len, i, w)) {
            /* a break inside a paragraph of wrapped text: a space */
            i += c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
            continue;
        }
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
