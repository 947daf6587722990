/* gitdiff.c - git's external diff call (see gitdiff.h). */
#include "config.h"

#include "gitdiff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* An object name: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits, or
 * "." for a side that does not exist. */
static bool is_hex(const char *s)
{
    size_t n = strlen(s);
    if (strcmp(s, ".") == 0) return true;
    if (n != 40 && n != 64) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

/* A mode as git writes it ("%06o"), or ".". */
static bool is_mode(const char *s)
{
    if (strcmp(s, ".") == 0) return true;
    if (strlen(s) != 6) return false;
    for (size_t i = 0; i < 6; i++)
        if (s[i] < '0' || s[i] > '7') return false;
    return true;
}

/* A positive count of at most 9 digits, or 0. */
static unsigned long count(const char *s)
{
    if (!s || !*s || strlen(s) > 9) return 0;
    unsigned long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    return v;
}

bool gitdiff_parse(char *const *args, size_t n, const char *counter, const char *total,
                   struct gitdiff *g)
{
    memset(g, 0, sizeof *g);
    g->counter = count(counter);
    g->total = count(total);
    if (n == 1 && counter) {
        g->path = args[0];
        g->unmerged = true;
        return true;
    }
    if (n != 7 && n != 9) return false;
    if (!is_hex(args[2]) || !is_mode(args[3]) || !is_hex(args[5]) || !is_mode(args[6]))
        return false;
    g->path = args[0];
    g->file[0] = args[1];
    g->hex[0] = args[2];
    g->mode[0] = args[3];
    g->file[1] = args[4];
    g->hex[1] = args[5];
    g->mode[1] = args[6];
    if (n == 9) {
        g->new_path = args[7];
        g->info = args[8];
    }
    return true;
}

static bool absent(const struct gitdiff *g, int side)
{
    return strcmp(g->mode[side], ".") == 0;
}

char *gitdiff_name(const struct gitdiff *g, int side)
{
    if (absent(g, side)) return xstrdup("/dev/null");
    const char *p = side && g->new_path ? g->new_path : g->path;
    struct strbuf b = {0};
    sb_adds(&b, side ? "b/" : "a/");
    sb_adds(&b, p);
    return sb_take(&b, NULL);
}

static void add_escaped(struct strbuf *b, const char *s, size_t n)
{
    char *buf = NULL;
    size_t cap = 0, len = escape_text(s, n, &buf, &cap);
    sb_add(b, buf, len);
    free(buf);
}

void gitdiff_title(const struct gitdiff *g, struct strbuf *out)
{
    add_escaped(out, g->path, strlen(g->path));
    if (g->new_path && strcmp(g->new_path, g->path) != 0) {
        sb_adds(out, " -> ");
        add_escaped(out, g->new_path, strlen(g->new_path));
    }
    if (g->counter && g->total) {
        char n[48];
        snprintf(n, sizeof n, " (%lu/%lu)", g->counter, g->total);
        sb_adds(out, n);
    }
    if (g->unmerged) {
        sb_adds(out, ": unmerged");
        return;
    }
    if (absent(g, 0) && !absent(g, 1)) {
        sb_adds(out, ": new file");
    } else if (absent(g, 1) && !absent(g, 0)) {
        sb_adds(out, ": deleted");
    } else if (!absent(g, 0) && strcmp(g->mode[0], g->mode[1]) != 0) {
        sb_adds(out, ": mode ");
        sb_adds(out, g->mode[0]);
        sb_adds(out, " -> ");
        sb_adds(out, g->mode[1]);
    }
    if (g->info && *g->info) { /* the first header line: "similarity index 92%" */
        const char *nl = strchr(g->info, '\n');
        sb_adds(out,
                absent(g, 0) || absent(g, 1) || strcmp(g->mode[0], g->mode[1]) != 0 ? ", " : ": ");
        add_escaped(out, g->info, nl ? (size_t)(nl - g->info) : strlen(g->info));
    }
}
