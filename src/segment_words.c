/* segment_words.c - word and punctuation tokens (seg_words, segment.h):
 * the tokenizer that similarity, word diffs and word counts share. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "doc.h"
#include "segment.h"
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
