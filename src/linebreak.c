#include "config.h"

#include "linebreak.h"

#include <string.h>

#include "escape.h"
#include "text.h"
#include "util.h"

/* White space that offers a line break (text_is_space minus the no-break
 * spaces), and ZERO WIDTH SPACE, which exists to offer one. */
static bool is_break_space(int32_t cp)
{
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F) return false;
    return cp == 0x200B || text_is_space(cp);
}

/* The code point of a well-formed 3-byte sequence at s[i], else -1. */
static int32_t dec3(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (len - i < 3 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return -1;
    int32_t cp = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? cp : -1;
}

/* CJK characters that are a grapheme cluster of their own and 2 columns
 * wide whatever follows, unless a combining character follows: kana,
 * unified ideographs, Hangul syllables, CJK and fullwidth punctuation
 * (East Asian Width W or F, Grapheme_Cluster_Break Other, all text_is_cjk;
 * tests/test_layout.c checks them against text_next_cluster).  They skip
 * the general path when the next character is ASCII or one of them. */
static bool fast_wide(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) ||
           (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
           (cp >= 0xFF01 && cp <= 0xFF5E);
}

/* The cluster of s[0..len) at i (i < len), starting at display column col
 * of a column width cols wide.  ASCII takes a fast path: a byte < 0x80 is a
 * cluster of its own unless a non-ASCII byte follows (a combining mark may
 * attach to it); controls never join anything (UAX #29 GB4/GB5).  Common
 * CJK takes another (fast_wide). */
void lb_cluster(const char *s, size_t len, size_t i, int col, int tab, int cols, struct lb_cl *c)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x20 || b == 0x7F) {
        c->end = i + 1;
        c->cp = b;
        if (b == '\t') {
            c->w = tab - col % tab;
            c->flags = LB_SPACE | LB_TAB;
        } else {
            c->w = 0;
            c->flags = LB_DROP | ((b >= '\n' && b <= '\r') ? LB_SPACE : 0);
        }
        return;
    }
    if (b < 0x80 && (i + 1 >= len || (unsigned char)s[i + 1] < 0x80)) {
        c->end = i + 1;
        c->cp = b;
        c->w = 1;
        c->flags = b == ' ' ? LB_SPACE : 0;
        return;
    }
    if (b >= 0xE3 && b <= 0xEF) {
        int32_t cp = dec3(s, len, i);
        if (fast_wide(cp) &&
            (i + 3 >= len || (unsigned char)s[i + 3] < 0x80 || fast_wide(dec3(s, len, i + 3)))) {
            c->end = i + 3;
            c->cp = cp;
            c->w = cols >= 2 ? 2 : 1;
            c->flags = LB_CJK | (cols >= 2 ? 0 : LB_REPL);
            return;
        }
    }
    int w;
    size_t end = text_next_cluster(s, len, i, &w);
    int32_t cp;
    size_t n = text_decode(s, len, i, &cp);
    unsigned flags = 0;
    if (b >= 0x80 && n == 1) {
        flags = LB_REPL; /* an invalid byte: width 1 */
    } else if (end == i + n && is_break_space(cp)) {
        flags = LB_SPACE;
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) w = 0; /* line breaks */
    } else if (text_is_cjk(cp)) {
        flags = LB_CJK;
    }
    if (end == i + n && escape_is_bidi(cp)) {
        /* shown, as in every format, where the column holds the mark and
         * the wdiff marks around it ("[-\u202e-]"); else as U+FFFD */
        char m[ESCAPE_CP_MAX];
        w = (int)escape_cp(cp, m);
        flags = LB_MARK;
        if (w + 4 > cols) w = cols + 1; /* too wide: U+FFFD below */
    }
    if (w == 0) flags |= LB_DROP;
    if (w > cols) {
        w = 1;
        flags = (flags & ~(unsigned)LB_MARK) | LB_REPL;
    }
    c->end = end;
    c->w = w;
    c->flags = flags;
    c->cp = cp;
}

/* Is cp in the sorted list? */
static bool in_list(const uint16_t *list, size_t n, int32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid] == cp) return true;
        if (list[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Kinsoku: characters that must not start a line (closing punctuation,
 * iteration marks, the prolonged sound mark, small kana).  Sorted. */
static bool no_line_start(int32_t cp)
{
    static const uint16_t list[] = {
        0x00BB, 0x2019, 0x201D, 0x2025, 0x2026, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B,
        0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301F, 0x3041, 0x3043, 0x3045,
        0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x309D,
        0x309E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7,
        0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFF01, 0xFF09, 0xFF0C,
        0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D,
    };
    if (cp < 0x80) return cp && strchr(")]},.:;!?%'\"", (int)cp) != NULL;
    return cp <= 0xFFFF && in_list(list, WD_ARRAY_LEN(list), cp);
}

/* Kinsoku: opening brackets and quotes must not end a line.  Sorted. */
static bool no_line_end(int32_t cp)
{
    static const uint16_t list[] = {
        0x00AB, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010,
        0x3014, 0x3016, 0x3018, 0x301D, 0xFF08, 0xFF3B, 0xFF5B,
    };
    if (cp < 0x80) return cp == '(' || cp == '[' || cp == '{';
    return cp <= 0xFFFF && in_list(list, WD_ARRAY_LEN(list), cp);
}

/* A break opportunity between two adjacent clusters that are not white space. */
bool lb_cjk_break(const struct lb_cl *prev, const struct lb_cl *cur)
{
    return ((prev->flags | cur->flags) & LB_CJK) && !no_line_start(cur->cp) &&
           !no_line_end(prev->cp);
}
