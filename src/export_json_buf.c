/* export_json_buf.c - the buffered writer of the JSON formats
 * (export_json_int.h): bytes handed to stdio in large blocks, decimal
 * numbers (export_json_fixed3 among them) and string literals
 * (export_json_string). */
#include "config.h"

#include "export.h"
#include "export_json_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "text.h"

void export_jb_flush(struct jbuf *j)
{
    if (j->n && !j->failed && fwrite(j->b, 1, j->n, j->f) != j->n) j->failed = true;
    j->n = 0;
}

/* s[0..len); what does not fit in the buffer goes to f directly. */
static void jb_put(struct jbuf *j, const char *s, size_t len)
{
    if (j->cap - j->n < len) {
        export_jb_flush(j);
        if (len > j->cap) {
            if (!j->failed && fwrite(s, 1, len, j->f) != len) j->failed = true;
            return;
        }
    }
    memcpy(j->b + j->n, s, len);
    j->n += len;
}

void export_jb_char(struct jbuf *j, char c)
{
    *jb_room(j, 1) = c;
    j->n++;
}

void export_jb_puts(struct jbuf *j, const char *s)
{
    jb_put(j, s, strlen(s));
}

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* How many decimal digits v has: by comparisons up to 32 bits (most
 * numbers of an export are 32-bit offsets). */
static size_t ndigits(uint64_t v)
{
    if (v <= UINT32_MAX) {
        uint32_t w = (uint32_t)v;
        if (w < 100000) return w < 100 ? 1u + (w >= 10) : 3u + (w >= 1000) + (w >= 10000);
        return 6u + (w >= 1000000) + (w >= 10000000) + (w >= 100000000) + (w >= 1000000000);
    }
    size_t n = 1;
    for (; v >= 10000; v /= 10000)
        n += 4;
    return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

/* Decimal digits of v (as printf's %zu, %u) into p; returns their count
 * (at most 20).  Counted first, then written from the last, two digits
 * per division (most numbers of an export are 32-bit offsets). */
static size_t fmt_u64(char *p, uint64_t v)
{
    size_t n = ndigits(v), k = n;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        p[--k] = digit_pairs[d + 1];
        p[--k] = digit_pairs[d];
    }
    if (v >= 10)
        memcpy(p, digit_pairs + v * 2, 2);
    else
        p[0] = (char)('0' + v);
    return n;
}

void export_jb_u64(struct jbuf *j, uint64_t v)
{
    jb_add(j, fmt_u64(jb_room(j, 20), v));
}

void export_jb_i64(struct jbuf *j, int64_t v)
{
    if (v < 0) {
        export_jb_char(j, '-');
        export_jb_u64(j, 0 - (uint64_t)v);
    } else {
        export_jb_u64(j, (uint64_t)v);
    }
}

size_t export_json_fixed3(char *buf, float v)
{
    /* v * 1000 is exact in a double (24 significant bits times 1000's
     * 7), so its integer part and the fraction left decide the rounding
     * as printf does from the exact binary value in the default rounding
     * mode: to nearest, ties (0.0625, any odd sixteenth) to even.
     * Anything else (negative, -0, NaN, infinite, large) goes to printf
     * itself.  tests/test_export_json.c compares the two. */
    if (!(v >= 0.0f && v < 1e9f) || signbit(v))
        return (size_t)snprintf(buf, EXPORT_JSON_FIXED3_MAX, "%.3f", (double)v);
    double d = (double)v * 1000.0, fl = floor(d), frac = d - fl;
    uint64_t t = (uint64_t)fl;
    if (frac > 0.5 || (frac == 0.5 && (t & 1))) t++;
    size_t n = fmt_u64(buf, t / 1000);
    unsigned m = (unsigned)(t % 1000);
    buf[n] = '.';
    buf[n + 1] = (char)('0' + m / 100);
    memcpy(buf + n + 2, digit_pairs + (m % 100) * 2, 2);
    return n + 4;
}

void export_jb_string(struct jbuf *j, const char *s, size_t len)
{
    export_jb_char(j, '"');
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        /* a run of printable ASCII that needs no escape, at once */
        size_t r = i;
        while (r < len && (unsigned char)s[r] >= 0x20 && (unsigned char)s[r] < 0x7F &&
               s[r] != '"' && s[r] != '\\')
            r++;
        if (r > i) {
            jb_put(j, s + i, r - i);
            i = r;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
            case '"':
                JB_LIT(j, "\\\"");
                break;
            case '\\':
                JB_LIT(j, "\\\\");
                break;
            case '\n':
                JB_LIT(j, "\\n");
                break;
            case '\r':
                JB_LIT(j, "\\r");
                break;
            case '\t':
                JB_LIT(j, "\\t");
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    jb_add(j, (size_t)snprintf(jb_room(j, 7), 7, "\\u%04x", c));
                else
                    export_jb_char(j, (char)c);
            }
            i++;
            continue;
        }
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp);
        if (cp == TEXT_REPLACEMENT && !text_valid_at(s, len, i))
            JB_LIT(j, "\\ufffd");
        else if (escape_is_bidi(cp)) /* the same string, and visible in any viewer */
            jb_add(j, (size_t)snprintf(jb_room(j, 7), 7, "\\u%04x", (unsigned)cp));
        else
            jb_put(j, s + i, l);
        i += l;
    }
    export_jb_char(j, '"');
}

void export_json_string(FILE *f, const char *s, size_t len)
{
    char b[256];
    struct jbuf j = {f, b, 0, sizeof b, false};
    export_jb_string(&j, s, len);
    export_jb_flush(&j);
}

void export_jb_span(struct jbuf *j, uint32_t s, uint32_t e)
{
    char *p = jb_room(j, 23), *q = p;
    *q++ = '[';
    q += fmt_u64(q, s);
    *q++ = ',';
    q += fmt_u64(q, e);
    *q++ = ']';
    jb_add(j, (size_t)(q - p));
}
