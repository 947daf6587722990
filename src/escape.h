/* escape.h - text written raw to a terminal or a stream, made safe.
 *
 * A file name (or a sentence printed by --sentences) goes to standard
 * error, a table or a header as it is, and a terminal would obey what it
 * holds: an escape sequence (ESC ] 52 sets the clipboard), a line feed (a
 * second line that looks like ours), a bidi override (the rest of the line
 * drawn backwards), bytes that are not UTF-8.  escape_text writes every
 * such character as a C-style escape, the same way everywhere:
 *
 *     \\   a backslash (so that the escapes can be told from the text)
 *     \t \n \r              TAB, LF, CR
 *     \xHH                  other C0 controls, DEL, and each byte that is
 *                           not part of well-formed UTF-8 (HH its value)
 *     \uHHHH                C1 controls, U+2028 and U+2029 (line and
 *                           paragraph separators), and the bidi controls
 *                           (escape_is_bidi)
 *
 * Everything else (letters of any script, combining marks, emoji, ZWJ)
 * passes as written.  The exports of article text do not escape it (they
 * have their own rules, export_char), but show a bidi control the same
 * way, as its \uHHHH mark (escape_cp), in every format.
 */
#ifndef WD_ESCAPE_H
#define WD_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bidi controls: ALM U+061C, LRM U+200E, RLM U+200F, the embeddings
 * and overrides U+202A..U+202E, the isolates U+2066..U+2069.  Invisible,
 * and able to reorder what a reader sees around them. */
bool escape_is_bidi(int32_t cp);

/* Longest escape of one code point or byte, with its NUL. */
#define ESCAPE_CP_MAX 8
/* The escape of code point cp ("\\u202e", "\\x1b", "\\n"), into out (room
 * for ESCAPE_CP_MAX bytes, NUL-terminated); returns its length, 0 when cp
 * needs none. */
size_t escape_cp(int32_t cp, char *out);

/* s[0..len) escaped as described above, into *buf (grown with xgrow;
 * *cap tracks its size), NUL-terminated; returns the length. */
size_t escape_text(const char *s, size_t len, char **buf, size_t *cap);

/* The escaped form of the NUL-terminated s, as a new string (the caller
 * frees it). */
char *escape_str(const char *s);

#endif
