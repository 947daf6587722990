/* text.h - the UTF-8 layer: decoding with repair, display width per
 * grapheme cluster, and comparison keys.
 *
 * All offsets are byte offsets into the caller's buffer; all widths are
 * terminal display columns.  Nothing here allocates except text_key_*().
 * Invalid UTF-8 never fails: each bad byte decodes as U+FFFD of length 1
 * and (when displayed) width 1.
 */
#ifndef WD_TEXT_H
#define WD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFD

/* Decode the code point starting at s[i] (i < len).  Stores it in *cp and
 * returns its byte length (1..4).  A malformed, overlong, surrogate or
 * truncated sequence yields *cp = TEXT_REPLACEMENT and length 1. */
size_t text_decode(const char *s, size_t len, size_t i, int32_t *cp);

/* Decode the code point that ends at s[end] (start < end): back over
 * continuation bytes, never before start, then text_decode up to end.
 * Stores it in *cp and returns where it starts. */
size_t text_decode_back(const char *s, size_t start, size_t end, int32_t *cp);

/* True when s[i] starts a well-formed sequence (or is ASCII). */
bool text_valid_at(const char *s, size_t len, size_t i);

/* Number of bytes in s[0..len) that are not part of a well-formed UTF-8
 * sequence (each shown as U+FFFD). */
size_t text_count_invalid(const char *s, size_t len);

/* Grapheme cluster starting at s[i]: returns the byte offset just past it
 * (> i) and stores its display width (0, 1 or 2) in *width.  Combining
 * marks and ZWJ emoji sequences join their base; controls (other than
 * TAB) have width 0; invalid bytes are their own cluster of width 1; a TAB
 * counts as width 1 here (callers expand tabs). */
size_t text_next_cluster(const char *s, size_t len, size_t i, int *width);

/* Total display width of s[0..len) (sum over clusters). */
size_t text_width(const char *s, size_t len);

/* Where the longest tail of s[0..len) that is at most cols columns wide
 * starts (a cluster boundary; len when not even the last cluster fits):
 * the end of a long line being typed.  Two passes over s, linear. */
size_t text_tail(const char *s, size_t len, size_t cols);

/* Character classes used by the segmenter and tokenizer, on a code point. */
bool text_is_space(int32_t cp); /* Unicode White_Space, incl. NBSP */
bool text_is_alnum(int32_t cp); /* letters, marks and digits (any script) */
bool text_is_upper(int32_t cp); /* uppercase or titlecase letter */
bool text_is_lower(int32_t cp);
bool text_is_digit(int32_t cp); /* Unicode decimal digit */
bool text_is_cjk(int32_t cp);   /* Han, Kana, Hangul, CJK punctuation/fullwidth */

/* Comparison key of s[0..len): NFKC, case-folded, quotation marks and
 * apostrophes of every style (' " ‘ ’ “ ” « » „ ...) folded to ', so that
 * a quotation matches whatever its marks, dashes (U+2010..2015, U+2212) to '-',
 * ellipsis U+2026 to "...", runs of white space collapsed to one space and
 * trimmed at both ends, invalid bytes as U+FFFD.  Writes into *buf (grown
 * with xgrow as needed, to at least len + 8 bytes; *cap tracks its size)
 * and returns the key length.  The key is not NUL-terminated.  ASCII text
 * with typographic quotes, dashes, ellipses and spaces takes a fast path
 * (no utf8proc call). */
size_t text_key(const char *s, size_t len, char **buf, size_t *cap);

/* text_key, or with strict the key of --strict: canonical composition
 * (NFC) with white space runs collapsed and default ignorables dropped,
 * but case, compatibility forms, quotes and dashes kept as written. */
size_t text_key_mode(const char *s, size_t len, char **buf, size_t *cap, bool strict);

/* An ASCII character as text_key folds it when it stands alone: A-Z to
 * lower case, ` and " to '. */
static inline char text_fold_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c == '`' || c == '"' ? '\'' : c;
}

#endif
