#include "config.h"

#include "versions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* ---- calendar ----------------------------------------------------------------
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar and
 * back, without the C library's time zone machinery (timegm is not
 * standard C, and mktime reads TZ): H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", days_from_civil and civil_from_days. */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

struct datetime {
    int y, mo, d, h, mi, s;
};

static bool valid_date(const struct datetime *t, int ymin, int ymax)
{
    return t->y >= ymin && t->y <= ymax && t->mo >= 1 && t->mo <= 12 && t->d >= 1 &&
           t->d <= days_in_month(t->y, t->mo);
}

static bool valid_time(const struct datetime *t)
{
    return t->h <= 23 && t->mi <= 59 && t->s <= 60; /* 60: a leap second */
}

static int64_t seconds_of(const struct datetime *t)
{
    return days_from_civil(t->y, t->mo, t->d) * 86400 + t->h * 3600 + t->mi * 60 + t->s;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Exactly n digits at s (n <= 4) into *v. */
static bool digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i])) return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

/* A date at s: YYYY, then MM and DD after one separator from seps used
 * twice, or none.  *end past it. */
static bool parse_date(const char *s, const char *seps, struct datetime *t, const char **end)
{
    if (!digits(s, 4, &t->y)) return false;
    const char *p = s + 4;
    char sep = *p;
    if (sep && strchr(seps, sep)) {
        if (!digits(p + 1, 2, &t->mo) || p[3] != sep || !digits(p + 4, 2, &t->d)) return false;
        *end = p + 6;
    } else {
        if (!digits(p, 2, &t->mo) || !digits(p + 2, 2, &t->d)) return false;
        *end = p + 4;
    }
    return true;
}

/* A time at s: hh, then mm (and maybe ss) after one separator from seps
 * used each time, or none (compact).  Fractions after ss are skipped.
 * *end past it. */
static bool parse_time(const char *s, const char *seps, struct datetime *t, const char **end)
{
    t->s = 0;
    if (!digits(s, 2, &t->h)) return false;
    const char *p = s + 2;
    char sep = *p;
    if (sep && strchr(seps, sep)) {
        if (!digits(p + 1, 2, &t->mi)) return false;
        p += 3;
        if (*p == sep && digits(p + 1, 2, &t->s)) p += 3;
    } else {
        sep = 0;
        if (!digits(p, 2, &t->mi)) return false;
        p += 2;
        if (digits(p, 2, &t->s)) p += 2;
    }
    /* a fraction after seconds in the ISO styles (17:10:05.25, 171005.25) */
    if ((sep == ':' || sep == 0) && (*p == '.' || *p == ',') && is_digit(p[1]))
        for (p++; is_digit(*p); p++)
            ;
    *end = p;
    return valid_time(t);
}

/* ---- times in file names -------------------------------------------------- */

static bool name_time_at(const char *s, int64_t *out)
{
    struct datetime t = {0};
    const char *p;
    if (!parse_date(s, "-_.", &t, &p) || !valid_date(&t, 1900, 2999)) return false;
    struct datetime tt = t;
    const char *q = NULL;
    bool timed = false;
    if (*p && strchr("Tt_-. ", *p))
        timed = parse_time(p + 1, ":-.h", &tt, &q) && !is_digit(*q);
    else if (is_digit(*p) && p - s == 8) /* YYYYMMDDhhmm[ss] */
        timed = parse_time(p, "", &tt, &q) && !is_digit(*q);
    if (timed) {
        t = tt;
    } else if (is_digit(*p)) {
        return false; /* digits run on: an id, not a date */
    }
    *out = seconds_of(&t);
    return true;
}

bool versions_time_in_name(const char *path, int64_t *t)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (const char *s = base; *s; s++) {
        if (!is_digit(*s) || (s > base && is_digit(s[-1]))) continue;
        if (name_time_at(s, t)) return true;
    }
    return false;
}

/* ---- ISO 8601 -------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool versions_parse_iso8601(const char *s, int64_t *out)
{
    while (is_space(*s))
        s++;
    struct datetime t = {0};
    const char *p;
    if (!parse_date(s, "-", &t, &p) || !valid_date(&t, 1, 9999)) return false;
    int64_t offset = 0;
    if (*p == 'T' || *p == 't' || (*p == ' ' && is_digit(p[1]))) {
        if (!parse_time(p + 1, ":", &t, &p)) return false;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om = 0;
            int sign = *p == '-' ? -1 : 1;
            if (!digits(p + 1, 2, &oh)) return false;
            p += 3;
            if (*p == ':' && digits(p + 1, 2, &om))
                p += 3;
            else if (digits(p, 2, &om))
                p += 2;
            if (oh > 23 || om > 59) return false;
            offset = sign * (oh * 3600 + om * 60);
        }
    }
    while (is_space(*p))
        p++;
    if (*p) return false;
    *out = seconds_of(&t) - offset;
    return true;
}

char *versions_format_time(int64_t t, char *buf, size_t size)
{
    const int64_t lo = -62167219200LL, hi = 253402300799LL; /* 0000-01-01, 9999-12-31 23:59:59 */
    t = t < lo ? lo : t > hi ? hi : t;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t rest = t - days * 86400, y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    int h = (int)(rest / 3600), mi = (int)(rest / 60 % 60), s = (int)(rest % 60);
    if (s)
        snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", (int)y, m, d, h, mi, s);
    else
        snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", (int)y, m, d, h, mi);
    return buf;
}

/* ---- order -------------------------------------------------------------------- */

static const char *const order_names[] = {
    [VERSIONS_AUTO] = "auto",   [VERSIONS_ARGS] = "args", [VERSIONS_NAME] = "name",
    [VERSIONS_MTIME] = "mtime", [VERSIONS_META] = "meta",
};

bool versions_parse_order(const char *s, enum versions_order *out)
{
    for (size_t i = 0; i < WD_ARRAY_LEN(order_names); i++)
        if (strcmp(s, order_names[i]) == 0) {
            *out = (enum versions_order)i;
            return true;
        }
    return false;
}

const char *versions_order_name(enum versions_order o)
{
    return (unsigned)o < WD_ARRAY_LEN(order_names) ? order_names[o] : "?";
}

/* The time of v under rule how: false when it has none. */
static bool key_of(const struct versions_item *v, enum versions_order how, int64_t *t)
{
    switch (how) {
    case VERSIONS_NAME:
        return versions_time_in_name(v->path, t);
    case VERSIONS_META:
        return v->meta_time && versions_parse_iso8601(v->meta_time, t);
    case VERSIONS_MTIME:
        *t = v->mtime_ns;
        return true;
    case VERSIONS_ARGS:
    case VERSIONS_AUTO:
        break;
    }
    *t = 0;
    return true;
}

/* Every version has a time under how, and not all the same one. */
static bool usable(const struct versions_item *v, size_t n, enum versions_order how)
{
    int64_t first = 0, t;
    bool differ = false;
    for (size_t i = 0; i < n; i++) {
        if (!key_of(&v[i], how, &t)) return false;
        if (i == 0) first = t;
        differ |= t != first;
    }
    return differ;
}

struct keyed {
    int64_t key;
    size_t idx;
};

static int by_key(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx; /* stable */
}

enum wd_status versions_sort(const struct versions_item *v, size_t n, enum versions_order how,
                             bool folder, size_t *perm, enum versions_order *used, int64_t *times,
                             char err[VERSIONS_ERR_MAX])
{
    err[0] = '\0';
    if (how == VERSIONS_AUTO) {
        if (!folder)
            how = VERSIONS_ARGS;
        else if (usable(v, n, VERSIONS_META))
            how = VERSIONS_META;
        else if (usable(v, n, VERSIONS_NAME))
            how = VERSIONS_NAME;
        else
            how = VERSIONS_MTIME;
    }
    *used = how;
    struct keyed *k = xmalloc((n ? n : 1) * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        k[i].idx = i;
        if (!key_of(&v[i], how, &k[i].key)) {
            char *name = escape_str(v[i].path);
            snprintf(err, VERSIONS_ERR_MAX, "%.400s: %s", name,
                     how == VERSIONS_NAME ? "no date and time in its name"
                                          : "no publication or modification time in its metadata");
            free(name);
            free(k);
            return WD_EUSAGE;
        }
    }
    if (how != VERSIONS_ARGS) qsort(k, n, sizeof *k, by_key);
    for (size_t i = 0; i < n; i++) {
        perm[i] = k[i].idx;
        if (times) {
            int64_t t = k[i].key;
            if (how == VERSIONS_MTIME) /* nanoseconds to seconds, rounded down */
                t = t >= 0 ? t / 1000000000 : -((-t + 999999999) / 1000000000);
            times[i] = t;
        }
    }
    free(k);
    return WD_OK;
}
