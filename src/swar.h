/* swar.h - eight text bytes at a time in a 64-bit word ("SIMD within a
 * register", Hacker's Delight ch. 6), for the ASCII fast paths of the
 * loaders: UTF-8 checking, sentence segmentation and comparison keys.
 *
 * A word holds s[0..8) little-endian on every host: byte k of the text is
 * bits 8k..8k+7, so the lowest set byte of a mask is the first in the
 * text.  The mask functions set bit 7 of each byte for which the test
 * holds and clear every other bit.
 *
 * Exactness: swar_nonascii and swar_eq are exact for every byte,
 * swar_eq_first up to the first match.
 * swar_lt adds to each byte, and a byte >= 0x80 may carry into the next
 * one, so it is exact for the ASCII bytes before the first non-ASCII one.
 * Callers therefore OR swar_nonascii into their masks: then the lowest set
 * byte of the mask is exact (every byte before it is ASCII), which is all
 * that swar_first and a test for zero look at.
 */
#ifndef WD_SWAR_H
#define WD_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGH 0x8080808080808080ull

/* s[0..8).  Compilers turn the shifts into one load (and a byte swap on
 * big-endian hosts). */
static inline uint64_t swar_load(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24 |
           (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 |
           (uint64_t)u[7] << 56;
}

/* s[0..n) for n < 8, the missing bytes zero; s[0..8) for n >= 8. */
static inline uint64_t swar_load_upto(const char *s, size_t n)
{
    if (n >= 8) return swar_load(s);
    uint64_t x = 0;
    for (size_t k = 0; k < n; k++)
        x |= (uint64_t)(unsigned char)s[k] << (8 * k);
    return x;
}

/* Store x to out[0..8) in the order swar_load reads. */
static inline void swar_store(char *out, uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(out, &x, 8); /* one store; compilers do not merge the loop below */
#else
    for (int k = 0; k < 8; k++)
        out[k] = (char)(x >> (8 * k));
#endif
}

/* Bytes >= 0x80. */
static inline uint64_t swar_nonascii(uint64_t x)
{
    return x & SWAR_HIGH;
}

/* Bytes equal to c. */
static inline uint64_t swar_eq(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (SWAR_ONES * c);                          /* zero where equal */
    return ~(((y & ~SWAR_HIGH) + ~SWAR_HIGH) | y) & SWAR_HIGH; /* no carries */
}

/* Bytes equal to c, exact up to the first one; a byte after it may be
 * set too (a borrow from the match).  Enough for a stop mask and cheaper
 * than swar_eq: Mycroft's zero-byte test, as in strlen. */
static inline uint64_t swar_eq_first(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (SWAR_ONES * c); /* zero where equal */
    return (y - SWAR_ONES) & ~y & SWAR_HIGH;
}

/* Bytes < n, for 0 < n <= 0x80 (see the exactness note above). */
static inline uint64_t swar_lt(uint64_t x, unsigned char n)
{
    return ~(x + SWAR_ONES * (0x80u - n)) & SWAR_HIGH;
}

/* Bytes in [lo, hi], for 0 < lo <= hi < 0x80 (exact as swar_lt). */
static inline uint64_t swar_range(uint64_t x, unsigned char lo, unsigned char hi)
{
    return swar_lt(x, (unsigned char)(hi + 1)) & ~swar_lt(x, lo);
}

/* Index (0..7) of the first byte set in mask, 8 when mask is zero. */
static inline size_t swar_first(uint64_t mask)
{
    if (!mask) return 8;
#if defined(__GNUC__) || defined(__clang__)
    return (size_t)__builtin_ctzll(mask) / 8;
#else
    size_t k = 0;
    while (!(mask & 0x80)) {
        mask >>= 8;
        k++;
    }
    return k;
#endif
}

/* The first k in [i, end) whose byte s[k] is set in stops(word) (a mask
 * function like the above, exact for its lowest set byte), or end: the
 * scanners' "skip the bytes that need no look", eight at a time.  Bytes
 * past end are read as zero and never counted. */
static inline size_t swar_skip(const char *s, size_t i, size_t end, uint64_t (*stops)(uint64_t))
{
    for (; i + 8 <= end; i += 8) {
        uint64_t m = stops(swar_load(s + i));
        if (m) return i + swar_first(m);
    }
    if (i < end) {
        size_t k = swar_first(stops(swar_load_upto(s + i, end - i)));
        if (k < end - i) return i + k;
    }
    return end;
}

#endif
