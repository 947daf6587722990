/* segment_stop.c - whether a stop ends a sentence (segment_int.h):
 * abbreviations, initials and dotted acronyms with the word lists they are
 * looked up in, what may follow a stop and continue the sentence (a
 * lower-case word after opening quotes, a parenthesis without a sentence
 * of its own, the attribution of a quotation), and seg_stop_ends. */
#include "config.h"

#include "segment.h"
#include "segment_int.h"

#include <stdbool.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* How far back to look for the word before a period (bytes). */
#define ABBR_LOOKBACK 24

/* ASCII white space: inside a paragraph of wrapped text a line break
 * stands where a space would. */
static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
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

enum abbr_kind seg_abbr_before(const char *s, size_t line_start, size_t dot)
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

bool seg_next_word_is_opener(const char *s, size_t k, size_t end)
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

bool seg_continues_after_stop(const char *s, size_t k, size_t le)
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

/* The most capitalised words before the verb of an attribution. */
#define ATTRIB_NAMES_MAX 5

bool seg_attribution_follows(const char *s, size_t k, size_t le)
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
    if (!starts_sentence(nc) || seg_continues_after_stop(s, next, end)) return false;
    int32_t after = 0;
    if (stop + l < end) text_decode(s, end, stop + l, &after);
    bool quoted = is_closer(after) && after != ')' && after != ']' && after != '}';
    if (cp != '.' && quoted && seg_attribution_follows(s, next, end)) return false;
    if (cp == '.' && !is_stop(after)) {
        enum abbr_kind a = seg_abbr_before(s, ls, stop);
        if (a == ABBR_TITLE) return false;
        if (a == ABBR_MAYBE && !seg_next_word_is_opener(s, next, end)) return false;
    }
    return true;
}
