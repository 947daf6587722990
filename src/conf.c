/* conf.c - the config file and the settings it shares with the command
 * line (see conf.h). */
#include "config.h"

#include "conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "export.h"

/* Bounds of width (as --width). */
#define WIDTH_MIN 20
#define WIDTH_MAX 10000
/* Longest value quoted back in a diagnostic, in bytes. */
#define QUOTE_MAX 40

void conf_init(struct conf *c)
{
    memset(c, 0, sizeof *c);
    c->fold = c->words = c->digest = c->color = c->theme = c->format = -1;
}

void conf_free(struct conf *c)
{
    free(c->pager);
    free(c->timestamp_format);
    conf_init(c);
}

static void diag(struct conf_diags *dg, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void diag(struct conf_diags *dg, unsigned line, const char *fmt, ...)
{
    if (dg->n > CONF_DIAGS_MAX) return;
    struct conf_diag *d = &dg->d[dg->n++];
    d->line = line;
    if (dg->n > CONF_DIAGS_MAX) { /* the last slot says that more follow */
        snprintf(d->msg, sizeof d->msg, "more lines that cannot be used (ignored)");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

/* s[0..n) escaped and cut to QUOTE_MAX bytes, for a message: a new string. */
static char *quote(const char *s, size_t n)
{
    char *cut = xstrndup(s, WD_MIN(n, (size_t)QUOTE_MAX));
    char *q = escape_str(cut);
    free(cut);
    if (n > QUOTE_MAX) {
        size_t l = strlen(q);
        q = xreallocarray(q, l + 4, 1);
        memcpy(q + l, "...", 4);
    }
    return q;
}

int conf_parse_bool(const char *s)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < WD_ARRAY_LEN(yes); i++) {
        if (strcasecmp(s, yes[i]) == 0) return 1;
        if (strcasecmp(s, no[i]) == 0) return 0;
    }
    return -1;
}

int conf_parse_fold_min(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || s[0] < '0' || s[0] > '9' || v < 1 || v > CONF_FOLD_MIN_MAX)
        return -1;
    return (int)v;
}

int conf_parse_color_mode(const char *s)
{
    if (strcasecmp(s, "auto") == 0) return CONF_COLOR_AUTO;
    if (strcasecmp(s, "always") == 0) return CONF_COLOR_ALWAYS;
    if (strcasecmp(s, "never") == 0) return CONF_COLOR_NEVER;
    int b = conf_parse_bool(s); /* git's color.ui: true is auto */
    return b < 0 ? -1 : b ? CONF_COLOR_AUTO : CONF_COLOR_NEVER;
}

int conf_parse_theme(const char *s)
{
    if (strcasecmp(s, "auto") == 0) return CONF_THEME_AUTO;
    if (strcasecmp(s, "dark") == 0) return CONF_THEME_DARK;
    if (strcasecmp(s, "light") == 0) return CONF_THEME_LIGHT;
    return -1;
}

bool conf_format_time(const char *fmt, const long long *t, char *buf)
{
    time_t when = t ? (time_t)*t : time(NULL);
    struct tm tm;
    if (!*fmt || !localtime_r(&when, &tm)) return false;
        /* the user's format: strftime(3) reads only what it names */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    size_t n = strftime(buf, CONF_TIMESTAMP_MAX + 1, fmt, &tm);
#pragma GCC diagnostic pop
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7F) return false;
    return true;
}

/* ---- one line ------------------------------------------------------------- */

enum section { SEC_MAIN, SEC_COLORS, SEC_OTHER };

struct parser {
    struct conf *c;
    struct conf_diags *dg;
    unsigned line;
    enum section sec;
};

static bool blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* s[0..*n) without blanks at either end: the new start, *n updated. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && blank(*s)) {
        s++;
        --*n;
    }
    while (*n && blank(s[*n - 1]))
        --*n;
    return s;
}

static void set_main(struct parser *p, const char *key, const char *val, size_t vlen)
{
    struct conf *c = p->c;
    char *q = quote(val, vlen);
    int v;
    if (strcmp(key, "width") == 0) {
        char *end;
        errno = 0;
        long w = strtol(val, &end, 10);
        if (strcasecmp(val, "auto") == 0)
            c->width = 0;
        else if (errno || end == val || *end || w < WIDTH_MIN || w > WIDTH_MAX)
            diag(p->dg, p->line, "width: '%s' is not a number from 20 to 10000 or auto (ignored)",
                 q);
        else
            c->width = (int)w;
    } else if (strcmp(key, "fold-min") == 0) {
        if ((v = conf_parse_fold_min(val)) < 0)
            diag(p->dg, p->line, "fold-min: '%s' is not a number from 1 to %d (ignored)", q,
                 CONF_FOLD_MIN_MAX);
        else
            c->fold_min = v;
    } else if (strcmp(key, "fold") == 0 || strcmp(key, "words") == 0 ||
               strcmp(key, "digest") == 0) {
        if ((v = conf_parse_bool(val)) < 0)
            diag(p->dg, p->line, "%s: '%s' is not yes or no (ignored)", key, q);
        else if (key[0] == 'f')
            c->fold = v;
        else if (key[0] == 'w')
            c->words = v;
        else
            c->digest = v;
    } else if (strcmp(key, "pager") == 0) {
        free(c->pager);
        c->pager = xstrndup(val, vlen);
        c->has_pager = true;
    } else if (strcmp(key, "color") == 0 || strcmp(key, "colour") == 0) {
        if ((v = conf_parse_color_mode(val)) < 0)
            diag(p->dg, p->line, "%s: '%s' is not auto, always or never (ignored)", key, q);
        else
            c->color = v;
    } else if (strcmp(key, "theme") == 0) {
        if ((v = conf_parse_theme(val)) < 0)
            diag(p->dg, p->line, "theme: '%s' is not auto, dark or light (ignored)", q);
        else
            c->theme = v;
    } else if (strcmp(key, "export") == 0) {
        if ((v = export_parse_format(val)) < 0)
            diag(p->dg, p->line,
                 "export: unknown format '%s' (html, md, text, ansi, json, inline; ignored)", q);
        else
            c->format = v;
    } else if (strcmp(key, "timestamp-format") == 0) {
        char buf[CONF_TIMESTAMP_MAX + 1];
        if (vlen != strlen(val) || !conf_format_time(val, NULL, buf)) {
            diag(p->dg, p->line,
                 "timestamp-format: '%s' makes no timestamp of 1 to 64 printable characters "
                 "(ignored)",
                 q);
        } else {
            free(c->timestamp_format);
            c->timestamp_format = xstrndup(val, vlen);
        }
    } else {
        diag(p->dg, p->line, "unknown key '%s' (ignored)", key);
    }
    free(q);
}

static void set_color(struct parser *p, const char *key, const char *val, size_t vlen)
{
    int f = theme_face_by_name(key);
    if (f < 0) {
        diag(p->dg, p->line, "[colors]: unknown face '%s' (ignored)", key);
        return;
    }
    char err[128];
    struct theme_color col;
    if (vlen != strlen(val)) {
        diag(p->dg, p->line, "[colors] %s: a NUL byte in the value (ignored)", key);
    } else if (!theme_parse_color(val, &col, err, sizeof err)) {
        char *e = escape_str(err);
        diag(p->dg, p->line, "[colors] %s: %s (ignored)", key, e);
        free(e);
    } else {
        p->c->face[f] = col;
        p->c->has_face[f] = true;
    }
}

/* Does s[i] start a comment: '#' or ';' after a blank, before a blank or
 * the end ("#d7af00" is a colour, "a;b" a value)? */
static bool comment_at(const char *s, size_t n, size_t i)
{
    return (s[i] == '#' || s[i] == ';') && (i == 0 || blank(s[i - 1])) &&
           (i + 1 == n || blank(s[i + 1]));
}

/* The value of a line, *v[0 .. *vl): without a comment after it, and out
 * of its double quotes; false after a diagnostic. */
static bool value(struct parser *p, const char **v, size_t *vl)
{
    const char *s = *v;
    size_t n = *vl;
    if (n && s[0] == '"') {
        const char *q = n > 1 ? memchr(s + 1, '"', n - 1) : NULL;
        size_t rest = q ? n - (size_t)(q + 1 - s) : 0;
        const char *r = q ? trim(q + 1, &rest) : NULL;
        if (!q || (rest && !comment_at(r, rest, 0))) {
            diag(p->dg, p->line,
                 q ? "text after a quoted value (ignored)"
                   : "a quoted value without its closing quote (ignored)");
            return false;
        }
        *v = s + 1;
        *vl = (size_t)(q - s - 1);
        return true;
    }
    for (size_t i = 0; i < n; i++)
        if (comment_at(s, n, i)) {
            n = i;
            break;
        }
    *v = trim(s, &n);
    *vl = n;
    return true;
}

static void parse_line(struct parser *p, const char *s, size_t n)
{
    s = trim(s, &n);
    if (n == 0 || *s == '#' || *s == ';') return;
    if (*s == '[') {
        const char *end = memchr(s, ']', n);
        size_t after = end ? n - (size_t)(end + 1 - s) : 0;
        const char *rest = trim(end ? end + 1 : s, &after);
        if (after && comment_at(rest, after, 0)) after = 0;
        size_t nl = end ? (size_t)(end - s - 1) : 0;
        const char *name = end ? trim(s + 1, &nl) : NULL;
        if (!end || after) {
            diag(p->dg, p->line, "a section line is [NAME] alone (ignored)");
            p->sec = SEC_OTHER;
        } else if (nl == 6 && strncasecmp(name, "colors", 6) == 0) {
            p->sec = SEC_COLORS;
        } else if (nl == 7 && strncasecmp(name, "colours", 7) == 0) {
            p->sec = SEC_COLORS;
        } else {
            char *q = quote(name, nl);
            diag(p->dg, p->line, "unknown section [%s] (its lines are ignored)", q);
            free(q);
            p->sec = SEC_OTHER;
        }
        return;
    }
    if (p->sec == SEC_OTHER) return; /* said once, at the section's line */
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        char *q = quote(s, n);
        diag(p->dg, p->line, "'%s' is not a 'key = value' line (ignored)", q);
        free(q);
        return;
    }
    size_t kl = (size_t)(eq - s), vl = n - kl - 1;
    const char *k = trim(s, &kl), *v = trim(eq + 1, &vl);
    if (!value(p, &v, &vl)) return;
    char key[32];
    bool keyok = kl > 0 && kl < sizeof key;
    for (size_t i = 0; i < kl && keyok; i++)
        keyok = (k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
                (k[i] >= '0' && k[i] <= '9') || k[i] == '-' || k[i] == '_';
    if (!keyok) {
        char *q = quote(k, kl);
        diag(p->dg, p->line, "'%s' is not a key (ignored)", q);
        free(q);
        return;
    }
    for (size_t i = 0; i < kl; i++)
        key[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] - 'A' + 'a' : k[i] == '_' ? '-' : k[i]);
    key[kl] = '\0';
    char *val = xstrndup(v, vl);
    if (p->sec == SEC_COLORS)
        set_color(p, key, val, vl);
    else
        set_main(p, key, val, vl);
    free(val);
}

void conf_parse(const char *text, size_t len, struct conf *c, struct conf_diags *dg)
{
    struct parser p = {.c = c, .dg = dg, .line = 0, .sec = SEC_MAIN};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3; /* a byte order mark */
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        p.line++;
        parse_line(&p, text + i, end - i);
        i = end + 1;
    }
}

/* ---- the file ------------------------------------------------------------- */

enum wd_status conf_load(const char *path, bool must_exist, struct conf *c, struct conf_diags *dg)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT && !must_exist) return WD_OK;
        errno = e;
        return util_status_from_errno(e);
    }
    struct stat st;
    enum wd_status s = WD_OK;
    if (fstat(fd, &st) != 0)
        s = util_status_from_errno(errno);
    else if (S_ISDIR(st.st_mode))
        s = WD_EISDIR;
    else if (!S_ISREG(st.st_mode))
        s = WD_ENOTREG; /* a FIFO or device would block or never end */
    else if (st.st_size > CONF_MAX_BYTES)
        s = WD_ETOOBIG;
    char *buf = NULL;
    size_t n = 0;
    if (s == WD_OK) {
        buf = xmalloc(CONF_MAX_BYTES + 1);
        for (;;) {
            ssize_t r = read(fd, buf + n, CONF_MAX_BYTES + 1 - n);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                s = util_status_from_errno(errno);
                break;
            }
            if (r == 0) break;
            n += (size_t)r;
            if (n > CONF_MAX_BYTES) {
                s = WD_ETOOBIG;
                break;
            }
        }
    }
    int e = errno;
    close(fd);
    if (s == WD_OK && memchr(buf, '\0', n)) s = WD_EBINARY;
    if (s == WD_OK) conf_parse(buf, n, c, dg);
    free(buf);
    errno = e;
    return s;
}

const char *conf_strerror(enum wd_status st)
{
    switch (st) {
    case WD_ETOOBIG:
        return "larger than 64 KiB";
    case WD_EBINARY:
        return "not a text file";
    case WD_ENOTREG:
        return "not a regular file";
    default:
        return util_strerror(st);
    }
}

char *conf_default_path(void)
{
    static const char tail[] = "/wirediff/config";
    const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    struct strbuf b = {0};
    if (x && x[0] == '/') { /* the spec: a relative path is to be ignored */
        sb_adds(&b, x);
    } else if (home && *home) {
        sb_adds(&b, home);
        sb_adds(&b, "/.config");
    } else {
        return NULL;
    }
    sb_adds(&b, tail);
    return sb_take(&b, NULL);
}

void conf_merge(struct conf *c, const struct conf *over)
{
    if (over->width) c->width = over->width;
    if (over->fold >= 0) c->fold = over->fold;
    if (over->fold_min) c->fold_min = over->fold_min;
    if (over->words >= 0) c->words = over->words;
    if (over->digest >= 0) c->digest = over->digest;
    if (over->has_pager) {
        free(c->pager);
        c->pager = xstrdup(over->pager);
        c->has_pager = true;
    }
    if (over->color >= 0) c->color = over->color;
    if (over->theme >= 0) c->theme = over->theme;
    if (over->format >= 0) c->format = over->format;
    if (over->timestamp_format) {
        free(c->timestamp_format);
        c->timestamp_format = xstrdup(over->timestamp_format);
    }
    for (int f = 0; f < TF_COUNT; f++)
        if (over->has_face[f]) {
            c->face[f] = over->face[f];
            c->has_face[f] = true;
        }
}
