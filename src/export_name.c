/* export_name.c - a snapshot's default file name ("a-vs-b-20261123-1710.html")
 * and the time of a snapshot (export.h). */
#include "config.h"

#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

void export_timestamp_now(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm) == 0) {
        snprintf(buf, size, "%lld", (long long)now);
        return;
    }
    /* strftime's %z is +0100; ISO 8601's extended form wants +01:00 */
    size_t n = strlen(buf);
    if (n >= 5 && n + 2 <= size && (buf[n - 5] == '+' || buf[n - 5] == '-')) {
        memmove(buf + n - 1, buf + n - 2, 3);
        buf[n - 2] = ':';
    }
}

/* Append to out (room for cap bytes, NUL-terminated) at most max
 * characters of s[0..len) with each unsafe one as '_'. */
static size_t put_safe(char *out, size_t at, size_t cap, const char *s, size_t len, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k < max && at + 1 < cap; k++) {
        int32_t cp;
        i += text_decode(s, len, i, &cp);
        bool safe = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                    (cp >= '0' && cp <= '9') || cp == '_' || cp == '-';
        out[at++] = safe ? (char)cp : '_';
    }
    out[at] = '\0';
    return at;
}

/* The base name of path without its extension ("-": "stdin"). */
static void stem(const char *path, const char **s, size_t *len)
{
    if (strcmp(path, "-") == 0) {
        *s = "stdin";
        *len = 5;
        return;
    }
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    size_t e = n;
    for (size_t i = n; i > b + 1; i--)
        if (path[i - 1] == '.') {
            e = i - 1;
            break;
        }
    *s = path + b;
    *len = e - b;
    if (*len == 0) {
        *s = "doc";
        *len = 3;
    }
}

/* Characters kept of the part of each name that tells the pair apart. */
#define NAME_PART_MAX 16

/* Does byte c end a word of a file name ("cluster__a-outlet": _ and -)? */
static bool name_sep(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 &&
           !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'));
}

/* The parts of two stems that tell them apart: their common prefix and
 * suffix left out, each cut back to a word boundary (so "cluster__a-outlet"
 * and "cluster__b-outlet" give "a" and "b"), as long as both parts keep a
 * character. */
static void distinct_parts(const char **a, size_t *na, const char **b, size_t *nb)
{
    size_t p = 0, m = WD_MIN(*na, *nb);
    while (p < m && (*a)[p] == (*b)[p])
        p++;
    while (p > 0 && !name_sep((*a)[p - 1]))
        p--;
    if (p == *na || p == *nb) p = 0;
    *a += p, *na -= p, *b += p, *nb -= p;
    size_t q = 0;
    m = WD_MIN(*na, *nb);
    while (q < m && (*a)[*na - 1 - q] == (*b)[*nb - 1 - q])
        q++;
    while (q > 0 && !name_sep((*a)[*na - q]))
        q--;
    if (q == *na || q == *nb) q = 0;
    *na -= q, *nb -= q;
}

/* The name of the folder holding path ("" when none is given). */
static void parent_name(const char *path, const char **s, size_t *len)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    *s = path + b;
    *len = n > b ? n - b : 0;
}

/* One side of a default name: "3-" for the document's number, when
 * given, then the part of its name, or with the same name on both sides,
 * its folder's name and the name. */
static size_t put_side(char *name, size_t at, size_t cap, size_t num, const char *dir,
                       size_t ndir, const char *s, size_t len)
{
    if (num != SIZE_MAX) {
        char n[24];
        int k = snprintf(n, sizeof n, "%zu-", num);
        at = put_safe(name, at, cap, n, (size_t)k, (size_t)k);
    }
    if (ndir) {
        at = put_safe(name, at, cap, dir, ndir, NAME_PART_MAX);
        at = put_safe(name, at, cap, "-", 1, 1);
    }
    return put_safe(name, at, cap, s, len, NAME_PART_MAX);
}

char *export_default_name(const char *path_a, const char *path_b, const char *timestamp,
                          const char *suffix, enum export_format fmt)
{
    return export_pair_name(path_a, SIZE_MAX, path_b, SIZE_MAX, timestamp, suffix, fmt);
}

char *export_pair_name(const char *path_a, size_t num_a, const char *path_b, size_t num_b,
                       const char *timestamp, const char *suffix, enum export_format fmt)
{
    char name[192];
    size_t at = 0;
    const char *sa, *sb, *da = "", *db = "";
    size_t na, nb, nda = 0, ndb = 0;
    stem(path_a, &sa, &na);
    stem(path_b, &sb, &nb);
    if (na == nb && memcmp(sa, sb, na) == 0) { /* a/story.txt, b/story.txt */
        parent_name(path_a, &da, &nda);
        parent_name(path_b, &db, &ndb);
        distinct_parts(&da, &nda, &db, &ndb);
    } else {
        distinct_parts(&sa, &na, &sb, &nb);
    }
    at = put_side(name, at, sizeof name, num_a, da, nda, sa, na);
    at = put_safe(name, at, sizeof name, "-vs-", 4, 4);
    at = put_side(name, at, sizeof name, num_b, db, ndb, sb, nb);
    if (timestamp && *timestamp) {
        char digits[13];
        size_t nd = 0;
        for (const char *p = timestamp; *p && nd < 12; p++)
            if (*p >= '0' && *p <= '9') digits[nd++] = *p;
        at = put_safe(name, at, sizeof name, "-", 1, 1);
        if (nd == 12) {
            at = put_safe(name, at, sizeof name, digits, 8, 8);
            at = put_safe(name, at, sizeof name, "-", 1, 1);
            at = put_safe(name, at, sizeof name, digits + 8, 4, 4);
        } else {
            at = put_safe(name, at, sizeof name, timestamp, strlen(timestamp), 24);
        }
    }
    if (suffix) at = put_safe(name, at, sizeof name, suffix, strlen(suffix), 32);
    const char *ext = export_format_ext(fmt);
    size_t ne = strlen(ext), total = at + 1 + ne + 1;
    char *out = xmalloc(total);
    snprintf(out, total, "%s.%s", name, ext);
    return out;
}
