/* text.c - UTF-8 decoding with repair, grapheme cluster widths, character
 * classes and comparison keys.
 *
 * Decoding is our own and strict (RFC 3629 / Unicode 15 table 3-7): no
 * overlongs, no surrogates, nothing above U+10FFFF, no truncated sequences.
 * Each byte that does not start a well-formed sequence stands for one
 * U+FFFD, so every byte of the input is accounted for and offsets stay
 * byte-exact.  Unicode data (widths, grapheme breaks, categories,
 * normalisation) comes from libutf8proc.
 */
#include "config.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "swar.h"
#include "util.h"

#define CP_TAB  0x09
#define CP_VS16 0xFE0F

/* ---- decoding ---------------------------------------------------------- */

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Decode at s[i]; returns the length (1..4) and sets *cp.  On a malformed
 * sequence returns 0 and sets *cp to TEXT_REPLACEMENT.  The second byte's
 * allowed range depends on the lead byte; that is what rules out overlongs
 * (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and values above U+10FFFF
 * (F4 90..BF, F5..FF). */
static size_t decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned char c = s[i];
    size_t avail = len - i;
    *cp = TEXT_REPLACEMENT;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2) return 0; /* stray continuation byte, or overlong lead C0/C1 */
    if (c < 0xE0) {
        if (avail < 2 || !is_cont(s[i + 1])) return 0;
        *cp = ((int32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        if (avail < 3 || s[i + 1] < lo || s[i + 1] > hi || !is_cont(s[i + 2])) return 0;
        *cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        return 3;
    }
    if (c < 0xF5) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        if (avail < 4 || s[i + 1] < lo || s[i + 1] > hi || !is_cont(s[i + 2]) || !is_cont(s[i + 3]))
            return 0;
        *cp = ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[i + 1] & 0x3F) << 12) |
              ((int32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
        return 4;
    }
    return 0;
}

size_t text_decode(const char *s, size_t len, size_t i, int32_t *cp)
{
    size_t n = decode((const unsigned char *)s, len, i, cp);
    return n ? n : 1;
}

size_t text_decode_back(const char *s, size_t start, size_t end, int32_t *cp)
{
    size_t p = end - 1;
    while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    text_decode(s, end, p, cp);
    return p;
}

bool text_valid_at(const char *s, size_t len, size_t i)
{
    int32_t cp;
    return decode((const unsigned char *)s, len, i, &cp) != 0;
}

size_t text_count_invalid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0;
    size_t i = 0;
    while (i < len) {
        i = swar_skip(s, i, len, swar_nonascii);
        if (i == len) break;
        int32_t cp;
        size_t n = decode(u, len, i, &cp);
        if (n == 0) {
            bad++;
            n = 1;
        }
        i += n;
    }
    return bad;
}

/* ---- display width ----------------------------------------------------- */

static bool is_regional_indicator(int32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Width of one code point as the first visible part of a cluster. */
static int cp_width(int32_t cp)
{
    if (cp == CP_TAB) return 1;
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC) return 0;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : w > 2 ? 2 : w;
}

/* A cluster's width is that of its first code point of non-zero width,
 * capped at 2, so combining marks, ZWJ and the later members of an emoji
 * ZWJ sequence add nothing.  Two exceptions follow what terminals draw:
 * U+FE0F (emoji presentation) widens a narrow symbol to 2 (❤️), and a flag
 * (a pair of regional indicators, width 1 each in utf8proc) is 2. */
size_t text_next_cluster(const char *s, size_t len, size_t i, int *width)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] >= 0x20 && u[i] < 0x7F && (i + 1 >= len || u[i + 1] < 0x80)) {
        /* Printable ASCII followed by ASCII or the end: one column, no
         * decoding and no property lookup (most of the text). */
        *width = 1;
        return i + 1;
    }
    int32_t cp;
    size_t n = decode(u, len, i, &cp);
    if (n == 0) {
        *width = 1;
        return i + 1;
    }
    if (u[i] < 0x80 && (i + 1 >= len || u[i + 1] < 0x80) && u[i] != '\r') {
        /* Fast path: an ASCII byte followed by ASCII or the end is a
         * cluster on its own (only CR LF joins two ASCII code points). */
        *width = cp_width(cp);
        return i + 1;
    }
    int w = cp_width(cp);
    int32_t base = w ? cp : 0;
    int regional = is_regional_indicator(cp);
    bool vs16 = false;
    utf8proc_int32_t state = 0;
    size_t j = i + n;
    while (j < len) {
        int32_t next;
        size_t m = decode(u, len, j, &next);
        if (m == 0 || utf8proc_grapheme_break_stateful(cp, next, &state)) break;
        if (w == 0) {
            w = cp_width(next);
            if (w) base = next;
        }
        if (next == CP_VS16) vs16 = true;
        if (is_regional_indicator(next)) regional++;
        cp = next;
        j += m;
    }
    if (vs16 && w == 1) {
        /* Emoji variation sequences exist only for symbols and keycap
         * bases, never for letters; keep stray VS16 after a letter narrow. */
        utf8proc_category_t cat = utf8proc_category(base);
        if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) w = 2;
    }
    if (regional >= 2) w = 2;
    *width = w;
    return j;
}

size_t text_width(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t total = 0;
    size_t i = 0;
    while (i < len) {
        /* a run of printable ASCII, each byte a cluster of one column
         * unless a combining mark follows the run's last byte */
        size_t j = i;
        while (j < len && u[j] >= 0x20 && u[j] < 0x7F)
            j++;
        if (j > i) {
            if (j < len && u[j] >= 0x80) j--; /* it may start a cluster */
            total += j - i;
            i = j;
            if (i >= len) break;
        }
        int w;
        i = text_next_cluster(s, len, i, &w);
        total += (size_t)w;
    }
    return total;
}

/* ---- character classes ------------------------------------------------- */

size_t text_tail(const char *s, size_t len, size_t cols)
{
    size_t total = text_width(s, len), i = 0;
    while (i < len && total > cols) {
        int w;
        size_t e = text_next_cluster(s, len, i, &w);
        total -= (size_t)w;
        i = e;
    }
    return i;
}

bool text_is_space(int32_t cp)
{
    /* The White_Space property of PropList.txt, in full. */
    if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
    if (cp < 0x85) return false;
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static utf8proc_category_t category(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF) return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(cp);
}

bool text_is_alnum(int32_t cp)
{
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    utf8proc_category_t c = category(cp);
    /* Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No are contiguous in utf8proc's enum. */
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

bool text_is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool text_is_lower(int32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return category(cp) == UTF8PROC_CATEGORY_LL;
}

bool text_is_digit(int32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

bool text_is_cjk(int32_t cp)
{
    static const struct {
        int32_t lo, hi;
    } ranges[] = {
        {0x1100, 0x11FF},   /* Hangul Jamo */
        {0x2E80, 0x2FDF},   /* CJK Radicals Supplement, Kangxi Radicals */
        {0x2FF0, 0x2FFF},   /* Ideographic Description Characters */
        {0x3000, 0x303F},   /* CJK Symbols and Punctuation */
        {0x3040, 0x30FF},   /* Hiragana, Katakana */
        {0x3100, 0x312F},   /* Bopomofo */
        {0x3130, 0x318F},   /* Hangul Compatibility Jamo */
        {0x3190, 0x31FF},   /* Kanbun, Bopomofo Ext., CJK Strokes, Katakana Ext. */
        {0x3200, 0x33FF},   /* Enclosed CJK Letters, CJK Compatibility */
        {0x3400, 0x4DBF},   /* CJK Unified Ideographs Extension A */
        {0x4E00, 0x9FFF},   /* CJK Unified Ideographs */
        {0xA960, 0xA97F},   /* Hangul Jamo Extended-A */
        {0xAC00, 0xD7AF},   /* Hangul Syllables */
        {0xD7B0, 0xD7FF},   /* Hangul Jamo Extended-B */
        {0xF900, 0xFAFF},   /* CJK Compatibility Ideographs */
        {0xFE30, 0xFE4F},   /* CJK Compatibility Forms */
        {0xFF00, 0xFFEF},   /* Halfwidth and Fullwidth Forms */
        {0x1AFF0, 0x1B16F}, /* Kana Extended-B, Kana Supplement, Ext.-A, Small Kana */
        {0x20000, 0x2FFFD}, /* Supplementary Ideographic Plane (Ext. B-F, compat.) */
        {0x30000, 0x3FFFD}, /* Tertiary Ideographic Plane (Ext. G, H) */
    };
    if (cp < 0x1100) return false;
    for (size_t k = 0; k < WD_ARRAY_LEN(ranges); k++) {
        if (cp < ranges[k].lo) return false;
        if (cp <= ranges[k].hi) return true;
    }
    return false;
}

/* ---- comparison keys --------------------------------------------------- */

/* Quotes, apostrophes and dashes folded to ASCII.  Applied before
 * normalisation, because NFKC would otherwise break some of them apart
 * (U+2033 DOUBLE PRIME becomes two primes, U+00B4 ACUTE ACCENT a space and
 * a combining mark), and again after it, for characters whose NFKC form
 * is one of them (U+FE58 SMALL EM DASH -> U+2014).  Returns cp unchanged
 * when there is nothing to fold. */
static int32_t fold_punct(int32_t cp)
{
    if (cp == '"') return '\''; /* quotation marks match whatever their style */
    if (cp < 0x60) return cp;
    switch (cp) {
    case 0x0060: /* ` grave accent */
    case 0x00B4: /* ´ acute accent */
    case 0x02B9: /* ʹ modifier letter prime */
    case 0x02BC: /* ʼ modifier letter apostrophe */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
    case 0x2032: /* ′ prime */
    case 0x2035: /* ‵ reversed prime */
    case 0x2039: /* ‹ */
    case 0x203A: /* › */
        return '\'';
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x02BA: /* ʺ modifier letter double prime */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0x2033: /* ″ double prime */
    case 0x2036: /* ‶ reversed double prime */
    case 0x301D: /* 〝 */
    case 0x301E: /* 〞 */
    case 0x301F: /* 〟 */
        return '\'';
    case 0x2010: /* hyphen, non-breaking hyphen, figure dash, en, em, bar */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: /* minus sign */
    case 0xFE58: /* small em dash */
    case 0xFE63: /* small hyphen-minus */
    case 0xFF0D: /* fullwidth hyphen-minus */
        return '-';
    default:
        return cp;
    }
}

/* Canonical ordering (Unicode 3.11): stable-sort each run of non-starters
 * by combining class.  utf8proc_decompose_custom does this for whole
 * strings; we decompose one code point at a time (so invalid bytes can be
 * kept as U+FFFD) and must do it ourselves.  Runs are short in text, and
 * insertion sort suits them; but a run of marks of alternating classes
 * makes it quadratic (tests/fuzz: "a" and 80 000 marks took 1.6 s, a
 * megabyte of them half a minute), so a run longer than ORDER_RUN_SHORT is
 * sorted by counting instead: stable, O(n + 256). */
#define ORDER_RUN_SHORT 32

static int combining_class(int32_t cp)
{
    return utf8proc_get_property(cp)->combining_class;
}

static void order_run(int32_t *cps, size_t n)
{
    if (n <= ORDER_RUN_SHORT) {
        for (size_t k = 1; k < n; k++) {
            int32_t c = cps[k];
            int cc = combining_class(c);
            size_t j = k;
            while (j > 0 && combining_class(cps[j - 1]) > cc) {
                cps[j] = cps[j - 1];
                j--;
            }
            cps[j] = c;
        }
        return;
    }
    size_t at[257] = {0}; /* where each class starts in the sorted run */
    for (size_t k = 0; k < n; k++)
        at[combining_class(cps[k]) + 1]++;
    for (int c = 1; c <= 256; c++)
        at[c] += at[c - 1];
    int32_t *tmp = xreallocarray(NULL, n, sizeof *tmp);
    for (size_t k = 0; k < n; k++)
        tmp[at[combining_class(cps[k])]++] = cps[k];
    memcpy(cps, tmp, n * sizeof *tmp);
    free(tmp);
}

static void canonical_order(int32_t *cps, size_t n)
{
    size_t k = 0;
    while (k < n) {
        if (combining_class(cps[k]) == 0) { /* a starter */
            k++;
            continue;
        }
        size_t e = k + 1;
        while (e < n && combining_class(cps[e]) != 0)
            e++;
        order_run(cps + k, e - k);
        k = e;
    }
}

/* NFKC_Casefold-style options: compatibility composition, full case
 * folding, and removal of default ignorables (soft hyphen, ZWSP, ZWJ,
 * bidi marks, variation selectors), which readers never see and which
 * editors insert at random.  STABLE keeps composition exclusions out. */
#define KEY_OPTIONS                                                                                \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)
/* The strict key (text_key_mode): canonical composition only, so that
 * case, compatibility forms and punctuation stay as written. */
#define KEY_OPTIONS_STRICT (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE)

/* The general path.  The caller's byte buffer doubles as the UTF-32 work
 * area: code points are decomposed into it as int32_t (the buffer comes
 * from malloc via xgrow, so it is suitably aligned), composed in place,
 * and then re-encoded as UTF-8 from the front.  Encoding in place is safe
 * because code point k (4 bytes at offset 4k) is read before anything is
 * written past offset 4k + 4, and no code point needs more than 4 bytes.
 * So once the buffer has grown to the largest word seen, no call
 * allocates. */
static size_t key_unicode(const unsigned char *s, size_t len, char **buf, size_t *cap, bool strict)
{
    const utf8proc_option_t options = strict ? KEY_OPTIONS_STRICT : KEY_OPTIONS;
    if (len > SIZE_MAX / sizeof(int32_t) - 16) util_oom();
    /* Room in code points; grown below if decomposition expands. */
    xgrow(buf, cap, (len + 16) * sizeof(int32_t), 1);
    size_t room = *cap / sizeof(int32_t);
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t m = decode(s, len, i, &cp);
        i += m ? m : 1;
        if (!strict) cp = fold_punct(cp);
        for (;;) {
            int32_t *cps = (int32_t *)(void *)*buf;
            int boundclass = UTF8PROC_BOUNDCLASS_START;
            utf8proc_ssize_t r = utf8proc_decompose_char(cp, cps + n, (utf8proc_ssize_t)(room - n),
                                                         options, &boundclass);
            if (r < 0) { /* cannot happen for a valid code point; keep it */
                cps[n] = cp;
                r = 1;
            }
            if ((size_t)r <= room - n) {
                n += (size_t)r;
                break;
            }
            /* Too little room: grow and decompose this code point again. */
            room = n + (size_t)r + len - i + 16;
            if (room > SIZE_MAX / sizeof(int32_t)) util_oom();
            xgrow(buf, cap, room * sizeof(int32_t), 1);
            room = *cap / sizeof(int32_t);
        }
    }

    int32_t *cps = (int32_t *)(void *)*buf;
    canonical_order(cps, n);
    utf8proc_ssize_t composed = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)n, options);
    if (composed >= 0) n = (size_t)composed;

    unsigned char *out = (unsigned char *)*buf;
    size_t o = 0;
    bool pending_space = false;
    for (size_t k = 0; k < n; k++) {
        int32_t cp = strict ? cps[k] : fold_punct(cps[k]);
        if (text_is_space(cp)) {
            pending_space = o > 0;
            continue;
        }
        if (pending_space) {
            out[o++] = ' ';
            pending_space = false;
        }
        if (cp == 0x2026 && !strict) { /* NFKC already makes "..."; kept for safety */
            memcpy(out + o, "...", 3);
            o += 3;
            continue;
        }
        utf8proc_ssize_t w = utf8proc_encode_char(cp, out + o);
        if (w <= 0) { /* not a valid scalar value: cannot happen */
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            w = 3;
        }
        o += (size_t)w;
    }
    return o;
}

/* ASCII bytes folded as in a key: A-Z to lower case, ` and " to '.
 * Exact for every byte before the first non-ASCII one (see swar.h). */
static uint64_t key_fold8(uint64_t x)
{
    x |= swar_range(x, 'A', 'Z') >> 2; /* bit 7 moved to bit 5: + 0x20 */
    x ^= (swar_eq(x, '`') >> 7) * ('`' ^ '\'');
    return x ^ (swar_eq(x, '"') >> 7) * ('"' ^ '\'');
}

/* Text that is ASCII but for typographic quotes, dashes, ellipses and
 * spaces (most news copy) needs no normalisation: NFKC and case folding
 * leave ASCII as key_fold8 folds it and those characters as fold_punct
 * folds them, so the key is built directly.  Returns false, having written
 * nothing final, when another non-ASCII character turns up; the caller
 * then takes the full path.  The key is never longer than the text (a
 * folded character is as long or shorter), and out holds len + 8 bytes:
 * runs are stored eight bytes at a time, the bytes past a run's end being
 * overwritten later or left past the key. */
static bool key_simple(const unsigned char *s, size_t len, char *out, size_t *outlen, bool strict)
{
    size_t o = 0;
    bool pending_space = false; /* white space seen since the last key byte */
    for (size_t i = 0; i < len;) {
        /* A run of up to eight ASCII bytes that are their own key: all
         * but non-ASCII bytes, white space other than ' ', a space after
         * white space (the second of two, or the first when a run of
         * white space is pending or the key is empty) and the zero bytes
         * past the end. */
        uint64_t x = swar_load_upto((const char *)s + i, len - i);
        uint64_t sp = swar_eq(x, ' ');
        uint64_t stop = swar_nonascii(x) | swar_range(x, 0x09, 0x0D) | (sp & sp << 8);
        if (pending_space || o == 0) stop |= sp & 0x80;
        size_t run = WD_MIN(swar_first(stop), len - i);
        if (run) {
            if (pending_space) { /* before a byte other than white space */
                out[o++] = ' ';
                pending_space = false;
            }
            swar_store(out + o, strict ? x : key_fold8(x));
            i += run;
            o += run;
            if (s[i - 1] == ' ') { /* kept back: white space may follow, or the end */
                o--;
                pending_space = true;
            }
            if (run == 8 || i == len) continue;
        }
        /* s[i] is white space or starts a non-ASCII code point. */
        unsigned char c = s[i];
        int32_t cp = c;
        size_t l = 1;
        if (c >= 0x80) {
            l = decode(s, len, i, &cp);
            if (!l) return false;
        }
        i += l;
        if (c < 0x80 || text_is_space(cp)) {
            pending_space = o > 0;
            continue;
        }
        if (pending_space) {
            out[o++] = ' ';
            pending_space = false;
        }
        if (strict) return false; /* as written: the general path composes it */
        if (cp == 0x2026) {
            memcpy(out + o, "...", 3);
            o += 3;
        } else {
            int32_t f = fold_punct(cp);
            if (f >= 0x80 || f == cp) return false;
            out[o++] = (char)f;
        }
    }
    *outlen = o;
    return true;
}

size_t text_key_mode(const char *s, size_t len, char **buf, size_t *cap, bool strict)
{
    if (len == 0) return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t n;
    xgrow(buf, cap, len + 8, 1); /* key_simple's slack */
    if (key_simple(u, len, *buf, &n, strict)) return n;
    return key_unicode(u, len, buf, cap, strict);
}

size_t text_key(const char *s, size_t len, char **buf, size_t *cap)
{
    return text_key_mode(s, len, buf, cap, false);
}
