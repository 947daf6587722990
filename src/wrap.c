#include "config.h"

#include "wrap.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "swar.h"
#include "util.h"

/* One line of the text, measured. */
struct line {
    size_t start, end; /* the line without its break */
    size_t next;       /* where the next line starts (len: none) */
    size_t tb, tc;     /* length without trailing blanks: bytes, characters */
    unsigned words;    /* words, counted up to 2 */
};

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static bool is_break(unsigned char c)
{
    return c == '\n' || c == '\r';
}

/* Characters of s[a..b): the bytes that do not continue a UTF-8 sequence
 * (the bytes, less those of the form 10xxxxxx: bit 7 set, bit 6 clear),
 * eight at a time. */
static size_t chars(const char *s, size_t a, size_t b)
{
    size_t cont = 0, i = a;
    for (; i + 8 <= b; i += 8) {
        uint64_t x = swar_load(s + i);
        cont += (size_t)__builtin_popcountll(x & ~(x << 1) & SWAR_HIGH);
    }
    for (; i < b; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return b - a - cont;
}

/* Measure the line that starts at ls.  Every line of a sample is
 * measured, and a news article is a few long lines: its first two words,
 * then its end by memchr. */
static void measure(const char *s, size_t len, size_t ls, struct line *l)
{
    size_t e = ls;
    l->words = 0;
    bool in_word = false;
    while (e < len && l->words < 2 && !is_break((unsigned char)s[e])) {
        bool blank = is_blank((unsigned char)s[e]);
        if (!blank && !in_word) l->words++;
        in_word = !blank;
        e++;
    }
    if (e < len && !is_break((unsigned char)s[e])) {
        const char *nl = memchr(s + e, '\n', len - e);
        size_t lf = nl ? (size_t)(nl - s) : len;
        const char *cr = memchr(s + e, '\r', lf - e);
        e = cr ? (size_t)(cr - s) : lf;
    }
    l->start = ls;
    l->end = e;
    size_t t = e;
    while (t > ls && is_blank((unsigned char)s[t - 1]))
        t--;
    l->tb = t - ls;
    l->tc = chars(s, ls, t);
    if (e < len && s[e] == '\r' && e + 1 < len && s[e + 1] == '\n') e++;
    l->next = e < len ? e + 1 : len;
}

/* The first word of the line at i, in bytes and characters (up to a blank
 * or the line's end). */
static void first_word(const char *s, size_t len, size_t i, size_t *fb, size_t *fc)
{
    size_t e = i;
    while (e < len && !is_blank((unsigned char)s[e]) && !is_break((unsigned char)s[e]))
        e++;
    *fb = e - i;
    *fc = chars(s, i, e);
}

static bool ascii_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Does the line at i open with a dateline: a place in capitals, then a
 * news agency in parentheses or a dash ("WASHINGTON (Reuters) -",
 * "SEOUL, South Korea —")? */
static bool dateline_start(const char *s, size_t len, size_t i)
{
    size_t caps = 0, k = i;
    while (k < len && (ascii_upper((unsigned char)s[k]) || s[k] == ' ' || s[k] == '.' ||
                       s[k] == '-' || s[k] == '\'')) {
        caps += ascii_upper((unsigned char)s[k]);
        if (s[k] == ' ' && k + 1 < len && !ascii_upper((unsigned char)s[k + 1])) break;
        k++;
    }
    if (caps < 3) return false;
    /* ", Region" of a few words, then the agency or the dash */
    for (size_t lim = k + 40; k < len && k < lim && !is_break((unsigned char)s[k]); k++) {
        if (s[k] == '(' && k + 1 < len && ascii_upper((unsigned char)s[k + 1])) return true;
        bool dash = s[k] == '-' || (k + 2 < len && s[k] == '\xE2' && s[k + 1] == '\x80' &&
                                    (s[k + 2] == '\x93' || s[k + 2] == '\x94'));
        if (dash && k > i && s[k - 1] == ' ') return true;
    }
    return false;
}

/* Does the line at i start so that it cannot continue the line before:
 * empty, indented, a list item, a dash, a dateline? */
static bool hard_start(const char *s, size_t len, size_t i)
{
    if (i >= len || is_break((unsigned char)s[i]) || is_blank((unsigned char)s[i])) return true;
    unsigned char c = (unsigned char)s[i];
    size_t after = 1;
    if (c == 0xE2 && i + 2 < len) { /* • (U+2022), – (U+2013), — (U+2014) */
        unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
        if (c1 == 0x80 && (c2 == 0xA2 || c2 == 0x93 || c2 == 0x94))
            after = 3;
        else
            after = 0;
    } else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xB7) { /* · */
        after = 2;
    } else if (c >= '0' && c <= '9') { /* "1. " "12) " */
        size_t k = i;
        while (k < len && k - i < 3 && s[k] >= '0' && s[k] <= '9')
            k++;
        after = k < len && (s[k] == '.' || s[k] == ')') ? k + 1 - i : 0;
    } else if (c != '-' && c != '*' && c != '>') {
        after = 0;
    }
    if (after && (i + after >= len || is_blank((unsigned char)s[i + after]))) return true;
    return dateline_start(s, len, i);
}

/* Is line l full at width w: would the first word of the line after it
 * not have fitted? */
static bool full(const char *s, size_t len, const struct line *l, uint32_t w, bool bytes)
{
    size_t fb, fc;
    first_word(s, len, l->next, &fb, &fc);
    size_t t = bytes ? l->tb : l->tc, f = bytes ? fb : fc;
    /* fold -s keeps room for the blank after the word too: ">=" */
    return t > w || t + 1 + f >= w;
}

/* Does line l end with a blank (fold -s leaves the blank it breaks at)? */
static bool trailing_blank(const char *s, const struct line *l)
{
    return l->end > l->start && is_blank((unsigned char)s[l->end - 1]);
}

/* Lines of a paragraph looked back over for an open quotation. */
#define WRAP_QUOTE_LINES 16

/* Quotation marks of s[a..b): *opened counts “ less ”, *straight the ". */
static void count_quotes(const char *s, size_t a, size_t b, int *opened, int *straight)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        *straight += c == '"';
        if (c == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80) {
            *opened += (unsigned char)s[i + 2] == 0x9C; /* “ */
            *opened -= (unsigned char)s[i + 2] == 0x9D; /* ” */
        }
    }
}

/* Does line l end a sentence, by the sentence rules, before the next
 * line: a stop (and closers) at its end, and no quotation left open in
 * the paragraph so far (the full lines before it, up to
 * WRAP_QUOTE_LINES)? */
static bool ends_sentence(const char *s, size_t len, const struct line *l, const struct wrap *w)
{
    size_t e = l->start + l->tb, p = e;
    int opened = 0, straight = 0;
    count_quotes(s, l->start, e, &opened, &straight);
    size_t ls = l->start;
    for (int k = 0; k < WRAP_QUOTE_LINES && ls > 0; k++) {
        size_t pe = ls - 1; /* the break before the line */
        if (pe > 0 && s[pe] == '\n' && s[pe - 1] == '\r') pe--;
        size_t ps = pe;
        while (ps > 0 && !is_break((unsigned char)s[ps - 1]))
            ps--;
        struct line pl;
        measure(s, len, ps, &pl);
        if (pl.start == pl.end || !full(s, len, &pl, w->width, w->bytes)) break;
        count_quotes(s, pl.start, pl.end, &opened, &straight);
        ls = ps;
    }
    if (opened > 0 || straight % 2) return false; /* a quotation goes on */
    /* back over closing quotes and brackets to the last other character */
    while (p > l->start) {
        size_t q = p - 1;
        while (q > l->start && ((unsigned char)s[q] & 0xC0) == 0x80)
            q--;
        unsigned char c = (unsigned char)s[q];
        bool closer = c == '"' || c == '\'' || c == ')' || c == ']' ||
                      (c == 0xE2 && q + 2 < e && (unsigned char)s[q + 1] == 0x80 &&
                       ((unsigned char)s[q + 2] == 0x9D || (unsigned char)s[q + 2] == 0x99));
        if (!closer) {
            p = q;
            break;
        }
        p = q;
    }
    if (p >= e) return false;
    return seg_stop_ends(s, l->start, p, l->next, len);
}

/* Does line l stop in the middle of a sentence: its last character, past
 * closing quotes and brackets, no . ! ? or ellipsis?  Lines of wrapped
 * prose mostly do; a list of sentences, one a line, does not. */
static bool open_end(const char *s, const struct line *l)
{
    size_t e = l->start + l->tb;
    while (e > l->start) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            e--;
        } else if (e - l->start >= 3 && (unsigned char)s[e - 3] == 0xE2 &&
                   (unsigned char)s[e - 2] == 0x80 && (c == 0x9D || c == 0x99)) {
            e -= 3; /* ” ’ */
        } else {
            break;
        }
    }
    if (e == l->start) return false;
    unsigned char c = (unsigned char)s[e - 1];
    bool ellipsis = e - l->start >= 3 && (unsigned char)s[e - 3] == 0xE2 &&
                    (unsigned char)s[e - 2] == 0x80 && c == 0xA6;
    return c != '.' && c != '!' && c != '?' && !ellipsis;
}

/* Enough evidence of wrapping: at least WRAP_FULL_MIN lines broken
 * inside a paragraph, most of them in the middle of a sentence. */
static bool enough(size_t broken, size_t open)
{
    return broken >= WRAP_FULL_MIN && open >= WRAP_FULL_MIN && 2 * open >= broken;
}

/* Paragraphs separated by blank lines and filled to balanced lengths
 * (fmt, par): their lines are seldom full, but all of a paragraph's lines
 * but the last are long (WRAP_PARA_LONG of the width and more), and
 * followed by another line. */
static void detect_paragraphs(const char *s, size_t len, const struct line *ln, size_t n,
                              struct wrap *w)
{
    size_t width = 0, blank = 0;
    for (size_t k = 0; k < n; k++) {
        if (ln[k].words >= 2) width = WD_MAX(width, ln[k].tc);
        blank += ln[k].start == ln[k].end;
    }
    if (width < WRAP_WIDTH_MIN || width > WRAP_WIDTH_MAX || blank < WRAP_FULL_MIN) return;
    size_t cont = 0, lng = 0, ends = 0, open = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        if (ln[k].start == ln[k].end) continue;
        bool last = ln[k + 1].start == ln[k + 1].end;
        bool is_long = (double)ln[k].tc >= WRAP_PARA_LONG * (double)width;
        if (last) {
            ends += is_long;
        } else if (!hard_start(s, len, ln[k].next)) {
            cont++;
            lng += is_long;
            open += is_long && open_end(s, &ln[k]);
        }
    }
    if (enough(lng, open) && lng >= ends && (double)lng >= WRAP_PARA_SHARE * (double)cont) {
        w->width = (uint32_t)width;
        w->para = true;
    }
}

void wrap_detect(const char *s, size_t len, size_t from, struct wrap *w)
{
    w->para = false;
    w->width = 0;
    w->bytes = false;
    w->trail = false;
    struct line *ln = xmalloc(WRAP_SAMPLE_LINES * sizeof *ln);
    size_t n = 0;
    for (size_t i = from; i < len && n < WRAP_SAMPLE_LINES; i = ln[n - 1].next)
        measure(s, len, i, &ln[n++]);
    detect_paragraphs(s, len, ln, n, w);
    size_t best = 0;
    for (int bytes = 1; bytes >= 0 && !w->para; bytes--) {
        /* the width: the longest line of two words or more (a longer
         * single word, a web address, may stand out of a wrapped text) */
        size_t width = 0;
        for (size_t k = 0; k < n; k++)
            if (ln[k].words >= 2) width = WD_MAX(width, bytes ? ln[k].tb : ln[k].tc);
        if (width < WRAP_WIDTH_MIN || width > WRAP_WIDTH_MAX) continue;
        /* lines of half the width or more that another line follows, and
         * how many of them are full (short lines end paragraphs anyway) */
        size_t cont = 0, nfull = 0, trail = 0, open = 0;
        for (size_t k = 0; k + 1 < n; k++) {
            size_t t = bytes ? ln[k].tb : ln[k].tc;
            if (2 * t < width || ln[k + 1].start == ln[k + 1].end) continue;
            cont++;
            if (hard_start(s, len, ln[k].next) || !full(s, len, &ln[k], (uint32_t)width, bytes))
                continue;
            nfull++;
            trail += trailing_blank(s, &ln[k]);
            open += open_end(s, &ln[k]);
        }
        if (enough(nfull, open) && (double)nfull >= WRAP_FULL_SHARE * (double)cont &&
            nfull > best) {
            best = nfull;
            w->width = (uint32_t)width;
            w->bytes = bytes;
            w->trail = (double)trail >= WRAP_TRAIL_SHARE * (double)nfull;
        }
    }
    free(ln);
}

bool wrap_soft(const char *s, size_t len, size_t at, const struct wrap *w)
{
    if (!w->width || at >= len || !is_break((unsigned char)s[at])) return false;
    size_t ls = at;
    while (ls > 0 && !is_break((unsigned char)s[ls - 1]))
        ls--;
    struct line l;
    measure(s, len, ls, &l);
    if (l.end != at || l.start == l.end || l.next >= len) return false;
    if (hard_start(s, len, l.next)) return false;
    if (w->para) return (double)l.tc >= WRAP_PARA_LONG * (double)w->width;
    if (!full(s, len, &l, w->width, w->bytes)) return false;
    /* Where the wrapping leaves a blank at the end of its lines, a line
     * without one ended as it was written, and one with it goes on (the
     * sentence rules then split the paragraph).  Elsewhere a line that
     * ends a sentence is taken to end its paragraph. */
    if (w->trail) return trailing_blank(s, &l);
    return !ends_sentence(s, len, &l, w);
}
