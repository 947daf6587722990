/* segment_words.c - word and punctuation tokens (seg_words, segment.h):
 * the tokenizer that similarity, word diffs and word counts share. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "doc.h"
#include "segment.h"
#include "swar.h"
#include "text.h"
#include "util.h"

/* ASCII bytes that are letters or digits: words are runs of them in the
 * common case, taken without decoding. */
static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

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

/* Byte classes for the tokenizer's ASCII paths, one table look-up a
 * byte. */
enum {
    WC_SPACE = 1, /* white space, the C0 controls and DEL: between tokens */
    WC_ALNUM = 2, /* an ASCII letter or digit */
    WC_PUNCT = 4, /* ASCII punctuation or symbol (ascii_punct) */
    WC_STOP = 8,  /* ends an ASCII word taken whole: space , ; : ! ? ) " */
};
#define WC_RANGE8(c, k)                                                                            \
    [(c)] = (k), [(c) + 1] = (k), [(c) + 2] = (k), [(c) + 3] = (k), [(c) + 4] = (k),               \
    [(c) + 5] = (k), [(c) + 6] = (k), [(c) + 7] = (k)
#define WC_LETTERS(c)                                                                              \
    WC_RANGE8((c), WC_ALNUM), WC_RANGE8((c) + 8, WC_ALNUM), WC_RANGE8((c) + 16, WC_ALNUM),         \
        [(c) + 24] = WC_ALNUM, [(c) + 25] = WC_ALNUM
static const unsigned char wclass[256] = {
    WC_RANGE8(0x00, WC_SPACE),
    WC_RANGE8(0x08, WC_SPACE),
    WC_RANGE8(0x10, WC_SPACE),
    WC_RANGE8(0x18, WC_SPACE),
    [' '] = WC_SPACE | WC_STOP,
    ['!'] = WC_PUNCT | WC_STOP,
    ['"'] = WC_PUNCT | WC_STOP,
    ['#'] = WC_PUNCT,
    ['$'] = WC_PUNCT,
    ['%'] = WC_PUNCT,
    ['&'] = WC_PUNCT,
    ['\''] = WC_PUNCT,
    ['('] = WC_PUNCT,
    [')'] = WC_PUNCT | WC_STOP,
    ['*'] = WC_PUNCT,
    ['+'] = WC_PUNCT,
    [','] = WC_PUNCT | WC_STOP,
    ['-'] = WC_PUNCT,
    ['.'] = WC_PUNCT,
    ['/'] = WC_PUNCT,
    WC_RANGE8('0', WC_ALNUM),
    ['8'] = WC_ALNUM,
    ['9'] = WC_ALNUM,
    [':'] = WC_PUNCT | WC_STOP,
    [';'] = WC_PUNCT | WC_STOP,
    ['<'] = WC_PUNCT,
    ['='] = WC_PUNCT,
    ['>'] = WC_PUNCT,
    ['?'] = WC_PUNCT | WC_STOP,
    ['@'] = WC_PUNCT,
    WC_LETTERS('A'),
    ['['] = WC_PUNCT,
    ['\\'] = WC_PUNCT,
    [']'] = WC_PUNCT,
    ['^'] = WC_PUNCT,
    ['_'] = WC_PUNCT,
    ['`'] = WC_PUNCT,
    WC_LETTERS('a'),
    ['{'] = WC_PUNCT,
    ['|'] = WC_PUNCT,
    ['}'] = WC_PUNCT,
    ['~'] = WC_PUNCT,
    [0x7F] = WC_SPACE,
};

/* The token starting at s[i], which is not white space, when
 * next_token's shortcuts do not take it: a word or a grapheme cluster of
 * punctuation, decoded.  Not inlined: next_token's common paths then
 * need few registers, and it is called once a token. */
__attribute__((noinline)) static size_t word_general(const char *s, size_t i, size_t end,
                                                     uint32_t *flags)
{
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

/* The punctuation of U+2010..U+2027 and U+2030..U+205E (dashes, curly
 * quotes, the ellipsis, primes, ...) at u[i], 3 bytes, followed by ASCII
 * or the end: no letter, no space, no format character, neither
 * Prepend nor a regional indicator, so it is a grapheme cluster of its
 * own and a token of its own.  0 for any other bytes. */
static inline size_t general_punct_at(const unsigned char *u, size_t i, size_t end)
{
    if (u[i] != 0xE2 || i + 3 > end || (i + 3 < end && u[i + 3] >= 0x80)) return 0;
    unsigned char b1 = u[i + 1], b2 = u[i + 2];
    if (b1 == 0x80) return (b2 >= 0x90 && b2 <= 0xA7) || (b2 >= 0xB0 && b2 <= 0xBF) ? 3 : 0;
    if (b1 == 0x81) return b2 >= 0x80 && b2 <= 0x9E ? 3 : 0;
    return 0;
}

/* Bytes of x that are not ASCII letters or digits (exact for the first
 * one, see swar.h). */
static inline uint64_t swar_not_alnum(uint64_t x)
{
    uint64_t alnum = swar_range(x, '0', '9') | swar_range(x | SWAR_ONES * 0x20, 'a', 'z');
    return (~alnum & SWAR_HIGH) | swar_nonascii(x);
}

/* The end of the run of ASCII letters and digits from u[j], before end:
 * eight bytes at a time, so that a word of up to eight more bytes ends
 * with no branch on its length (the loop's exit, once a word, was a
 * mispredicted branch in every other word). */
static inline size_t alnum_end(const unsigned char *u, size_t j, size_t end)
{
    for (; j + 8 <= end; j += 8) {
        uint64_t stop = swar_not_alnum(swar_load((const char *)u + j));
        if (stop) return j + swar_first(stop);
    }
    while (j < end && (wclass[u[j]] & WC_ALNUM))
        j++;
    return j;
}

/* next_token's shortcuts, from s[*i] on: white space skipped, then an
 * ASCII word with no connector or non-ASCII byte after it, taken whole
 * without decoding.  (This shortcut is part of the definition, not only a
 * fast path: "a1,2" splits at the comma here, where word_general would
 * join it.)  fast also takes lone ASCII punctuation and the common
 * punctuation of general_punct_at without decoding; it changes no token
 * (word_general gives the same: such a character is not a word
 * character, and followed by ASCII or the end it is a grapheme cluster of
 * its own, see text_next_cluster), and seg_words_general turns it off so
 * that the tests can hold it to that.  Returns 1 with the token in *tok
 * and *i after it, 0 with *i at the end, or -1 with *i at a byte that
 * needs decoding. */
__attribute__((always_inline)) static inline int
token_ascii(const unsigned char *u, size_t *i, size_t end, bool fast, struct seg_span *tok)
{
    size_t k = *i, e;
    uint32_t flags;
    for (;; k++) {
        if (k >= end) {
            *i = end;
            return 0;
        }
        unsigned char ch = u[k];
        unsigned c = wclass[ch];
        if (c & WC_SPACE) continue;
        *i = k;
        if (c & WC_ALNUM) {
            size_t j = alnum_end(u, k + 1, end);
            unsigned char nx = j < end ? u[j] : ' ';
            bool num = ch <= '9';
            if (((wclass[nx] & WC_STOP) || (nx == '.' && (j + 1 >= end || u[j + 1] == ' '))) &&
                !(num && nx == ',' && j + 1 < end && u[j + 1] >= '0' && u[j + 1] <= '9')) {
                e = j;
                flags = num ? WORD_NUM : 0;
                break;
            }
            return -1;
        }
        if (!fast) return -1;
        if (c & WC_PUNCT) {
            if (k + 1 < end && u[k + 1] >= 0x80) return -1;
            e = k + 1;
            flags = WORD_PUNCT;
            break;
        }
        size_t l = general_punct_at(u, k, end);
        if (!l) return -1;
        e = k + l;
        flags = WORD_PUNCT;
        break;
    }
    tok->start = (uint32_t)k;
    tok->end = (uint32_t)e;
    tok->flags = flags;
    *i = e;
    return 1;
}

/* next_token from s[i], a byte that token_ascii left: white space
 * outside ASCII, or a token of word_general.  Out of line and reached by
 * a tail call, so that next_token's common paths save no registers. */
__attribute__((noinline)) static bool token_general(const char *s, size_t *at, size_t i, size_t end,
                                                    bool fast, struct seg_span *tok)
{
    const unsigned char *u = (const unsigned char *)s;
    for (;;) {
        int32_t cp = u[i];
        size_t l = cp >= 0x80 ? text_decode(s, end, i, &cp) : 1;
        if (cp >= 0x80 && text_is_space(cp)) {
            i += l;
            int r = token_ascii(u, &i, end, fast, tok);
            if (r >= 0) {
                *at = i;
                return r;
            }
            continue;
        }
        uint32_t flags;
        size_t e = word_general(s, i, end, &flags);
        tok->start = (uint32_t)i;
        tok->end = (uint32_t)e;
        tok->flags = flags;
        *at = e;
        return true;
    }
}

/* The next token from *at (see token_ascii and token_general). */
static inline bool next_token(const char *s, size_t *at, size_t end, bool fast,
                              struct seg_span *tok)
{
    size_t i = *at;
    int r = token_ascii((const unsigned char *)s, &i, end, fast, tok);
    if (r >= 0) {
        *at = i;
        return r;
    }
    return token_general(s, at, i, end, fast, tok);
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
        xgrow(out, cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = tok;
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
