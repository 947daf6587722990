/* segment_int.h - what segment.c (cutting lines into sentences) and
 * segment_stop.c (whether a stop ends a sentence) share: the classes of
 * the characters around a stop, and the rules that look past one.
 * Private to the two files (segment.h is the interface). */
#ifndef WD_SEGMENT_INT_H
#define WD_SEGMENT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

static inline bool is_stop(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049;
}

static inline bool is_cjk_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E;
}

/* Closing quotes and brackets that stay with the sentence they close. */
static inline bool is_closer(int32_t cp)
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

static inline bool is_open_dquote(int32_t cp)
{
    return cp == 0x201C || cp == 0x201E || cp == 0x00AB || cp == 0x300C || cp == 0x300E;
}

/* Does the text at s[k] (first non-space after a stop) start a new
 * sentence?  Lower-case words and continuing punctuation do not. */
static inline bool starts_sentence(int32_t cp)
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

enum abbr_kind { ABBR_NONE, ABBR_TITLE, ABBR_MAYBE };

/* Classify the word that ends just before the period at s[dot]. */
enum abbr_kind seg_abbr_before(const char *s, size_t line_start, size_t dot);
/* Is the word at s[k] (up to end) a clause opener (the list openers), a
 * sign that the abbreviation before it ended a sentence? */
bool seg_next_word_is_opener(const char *s, size_t k, size_t end);
/* After a stop, the next sentence would start at s[k] (which
 * starts_sentence accepts).  It does not when opening quotes and brackets
 * are followed by a lower-case word (an ellipsis, then "'and then'"), or
 * when a parenthesis holds no sentence of its own (paren_continues). */
bool seg_continues_after_stop(const char *s, size_t k, size_t le);
/* A quotation that ends in ? or ! is followed at s[k] by its attribution:
 * up to ATTRIB_NAMES_MAX capitalised words (a name, initials, a pronoun)
 * and then a verb of saying ("...let him in?" Hawkins said.). */
bool seg_attribution_follows(const char *s, size_t k, size_t le);

#endif
