/* keyfind.c - which sentences hold a search key (keyfind.h).
 *
 * The scan for a run of letters and digits compares, at each position,
 * the run's first and last bytes with the text's bytes ORed with 0x20
 * (which folds A-Z to a-z and leaves digits as they are), sixteen
 * positions at a time, and checks the run itself only where both agree:
 * W. Muła's "SIMD-friendly algorithms for substring searching" (2016),
 * generic SIMD variant, with SSE2 (part of every x86-64), else one
 * position at a time.
 */
#include "config.h"

#include "keyfind.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "doc.h"
#include "swar.h"
#include "text.h"
#include "util.h"

struct keyfind {
    const struct doc *d;
    uint8_t *plain; /* per sentence: 1 when plain (see keyfind.h) */
};

static bool is_alnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The bytes that need a look: outside ASCII, ASCII controls and DEL. */
static uint64_t look(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, 0x20) | swar_eq(x, 0x7F);
}

/* The verdicts on the clusters outside ASCII seen last (a text uses a
 * few: its quotes, dashes, accented letters), by their bytes (up to 8,
 * packed with their count): direct-mapped. */
#define SEEN_SLOTS 64
struct seen {
    uint64_t bytes[SEEN_SLOTS];
    uint8_t len[SEEN_SLOTS]; /* 0: empty */
    bool ok[SEEN_SLOTS];
    char *buf; /* scratch for text_key */
    size_t cap;
};

/* Can the cluster s[0 .. n) (not all ASCII) stand in a plain sentence:
 * is its key non-empty and without ASCII letters and digits? */
static bool cluster_ok(struct seen *sn, const char *s, size_t n)
{
    uint64_t x = n <= 8 ? swar_load_upto(s, n) : 0;
    size_t slot = (size_t)((x * 0x9E3779B97F4A7C15ull) >> 58) % SEEN_SLOTS;
    if (n <= 8 && sn->len[slot] == n && sn->bytes[slot] == x) return sn->ok[slot];
    size_t kl = text_key(s, n, &sn->buf, &sn->cap);
    bool ok = kl > 0; /* an empty key may join two runs of letters */
    for (size_t b = 0; b < kl && ok; b++)
        ok = !is_alnum_ascii((unsigned char)sn->buf[b]);
    if (n <= 8) {
        sn->bytes[slot] = x;
        sn->len[slot] = (uint8_t)n;
        sn->ok[slot] = ok;
    }
    return ok;
}

/* The first byte of s[i, to) that needs a look (to if none): sixteen
 * bytes at a time where SSE2 is there (a signed compare below 0x20 takes
 * the bytes outside ASCII too). */
static size_t skip_ascii(const char *s, size_t i, size_t to)
{
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
    for (; i + 16 <= to; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del)));
        if (m) return i + (unsigned)__builtin_ctz(m);
    }
#endif
    return swar_skip(s, i, to, look);
}

/* Is s[from, to) plain? */
static bool sentence_plain(const char *s, size_t from, size_t to, struct seen *sn)
{
    size_t i = from;
    while ((i = skip_ascii(s, i, to)) < to) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0x7F || c < '\t' || (c > '\r' && c < ' ')) return false;
            i++;
            continue;
        }
        /* Most often a character of its own between ASCII bytes (a
         * curly quote, a dash, an accented letter): one that joins
         * neither neighbour (grapheme break class Other; an ASCII byte
         * never extends a cluster) is its own cluster. */
        int32_t cp;
        size_t after = i + text_decode(s, to, i, &cp);
        if ((i == from || (unsigned char)s[i - 1] < 0x80) &&
            (after == to || (unsigned char)s[after] < 0x80) &&
            utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_OTHER) {
            if (!cluster_ok(sn, s + i, after - i)) return false;
            i = after;
            continue;
        }
        /* Else the clusters from the ASCII byte before (a base the
         * character may combine with) up to the next cluster all in
         * ASCII. */
        size_t j = i > from ? i - 1 : i;
        while (j < to) {
            int w;
            size_t e = text_next_cluster(s, to, j, &w);
            bool ascii = true;
            for (size_t b = j; b < e && ascii; b++)
                ascii = (unsigned char)s[b] < 0x80;
            if (ascii) {
                if (j >= i) break;
                j = e;
                continue;
            }
            if (!cluster_ok(sn, s + j, e - j)) return false;
            j = e;
        }
        i = j;
    }
    return true;
}

struct keyfind *keyfind_new(const struct doc *d)
{
    return keyfind_new_until(d, NULL);
}

/* keyfind_new_until looks at its stop flag once in this many sentences. */
#define STOP_EVERY 256

struct keyfind *keyfind_new_until(const struct doc *d, const atomic_bool *stop)
{
    struct keyfind *k = xcalloc(1, sizeof *k);
    size_t ns, len;
    const struct sentence *s = doc_sentences(d, &ns);
    const char *bytes = doc_bytes(d, &len);
    k->d = d;
    k->plain = xcalloc(ns ? ns : 1, 1);
    struct seen *sn = xcalloc(1, sizeof *sn);
    struct doc_pass pass; /* a mapped file's pages given back as it goes */
    doc_pass_begin(&pass, d);
    bool stopped = false;
    for (size_t q = 0; q < ns; q++) {
        if (stop && q % STOP_EVERY == 0 && atomic_load_explicit(stop, memory_order_relaxed)) {
            stopped = true;
            break;
        }
        doc_pass_read(&pass, s[q].start, s[q].end);
        k->plain[q] = sentence_plain(bytes, s[q].start, s[q].end, sn);
    }
    doc_pass_end(&pass);
    free(sn->buf);
    free(sn);
    if (stopped) {
        keyfind_free(k);
        return NULL;
    }
    return k;
}

void keyfind_free(struct keyfind *k)
{
    if (!k) return;
    free(k->plain);
    free(k);
}

const struct doc *keyfind_doc(const struct keyfind *k)
{
    return k->d;
}

/* Is s[0 .. m) the run r (lower case) up to the case of ASCII letters? */
static bool run_at(const char *s, const char *r, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        if (c != (unsigned char)r[i]) return false;
    }
    return true;
}

/* The first place in s[0 .. n) where the run r[0 .. m) (lower case letters
 * and digits, m > 0) starts, up to case; NULL if none. */
static const char *find_run(const char *s, size_t n, const char *r, size_t m)
{
    if (m > n) return NULL;
    size_t last = n - m; /* the last place a run may start */
    size_t i = 0;
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(r[0]), end = _mm_set1_epi8(r[m - 1]);
    const __m128i fold = _mm_set1_epi8(0x20);
    for (; i + 15 <= last; i += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), fold);
        __m128i b =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i + m - 1)), fold);
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, end)));
        while (mask) {
            unsigned j = (unsigned)__builtin_ctz(mask);
            if (run_at(s + i + j, r, m)) return s + i + j;
            mask &= mask - 1;
        }
    }
#endif
    for (; i <= last; i++)
        if (((unsigned char)s[i] | 0x20) == (unsigned char)r[0] && run_at(s + i, r, m))
            return s + i;
    return NULL;
}

/* Does the key of s[from, to) contain key[0 .. n)? */
static bool key_in(const char *s, uint32_t from, uint32_t to, const char *key, size_t n, char **buf,
                   size_t *cap)
{
    size_t kl = text_key(s + from, to - from, buf, cap);
    return kl >= n && memmem(*buf, kl, key, n) != NULL;
}

/* The first sentence at or after q whose end is past at (ns if none). */
static size_t sentence_after(const struct sentence *s, size_t q, size_t ns, size_t at)
{
    size_t lo = q, hi = ns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t keyfind_match(const struct keyfind *k, const char *key, size_t n, uint8_t *hit)
{
    size_t ns, len;
    const struct sentence *s = doc_sentences(k->d, &ns);
    const char *bytes = doc_bytes(k->d, &len);
    memset(hit, 0, ns);
    /* The key's longest run of ASCII letters and digits. */
    size_t rs = 0, rn = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && is_alnum_ascii((unsigned char)key[j]))
            j++;
        if (j - i > rn) {
            rs = i;
            rn = j - i;
        }
        i = j + 1;
    }
    char *buf = NULL, run[64];
    size_t cap = 0, count = 0;
    if (rn > sizeof run) rn = sizeof run; /* a prefix of the run is a run too */
    for (size_t i = 0; i < rn; i++) {
        unsigned char c = (unsigned char)key[rs + i];
        run[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    /* Without a run, and in the sentences that are not plain, the keys. */
    for (size_t q = 0; q < ns; q++)
        if ((rn == 0 || !k->plain[q]) && key_in(bytes, s[q].start, s[q].end, key, n, &buf, &cap)) {
            hit[q] = 1;
            count++;
        }
    if (rn > 0 && ns > 0) {
        size_t q = 0, at = s[0].start, end = s[ns - 1].end;
        const char *p;
        while (at < end && (p = find_run(bytes + at, end - at, run, rn))) {
            size_t pos = (size_t)(p - bytes);
            q = sentence_after(s, q, ns, pos);
            if (q == ns) break;
            if (s[q].start > pos) { /* between sentences: go on after it */
                at = pos + 1;
                continue;
            }
            if (k->plain[q] && key_in(bytes, s[q].start, s[q].end, key, n, &buf, &cap)) {
                hit[q] = 1;
                count++;
            }
            at = s[q].end; /* the sentence is decided */
            q++;
        }
    }
    free(buf);
    return count;
}
