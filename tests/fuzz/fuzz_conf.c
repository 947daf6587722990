/* fuzz_conf.c - what wirediff reads besides articles: the config file
 * (conf_parse), a colour of its [colors] section (theme_parse_color), the
 * terminal's answer to the background query (theme_parse_osc11), and git's
 * external diff call (gitdiff_parse, gitdiff_title).
 *
 * Input: a config file.  Checked: at most CONF_DIAGS_MAX + 1 diagnostics,
 * each one line of printable text naming a line of the input; every value
 * set is valid (width 20-10000, booleans 0/1, a format, a timestamp format
 * that makes a timestamp, colours -1..255); parsing twice gives the same;
 * each line is also a colour, an OSC 11 answer and a git call split at
 * blanks, which parse or refuse without reading past their ends.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "export.h"
#include "gitdiff.h"
#include "theme.h"
#include "util.h"

#include "fuzz.h"

/* Lines tried as a colour, an OSC answer and a git call. */
#define LINES_MAX 64
/* Arguments of a git call made of one line. */
#define ARGS_MAX 10

static void check_color(const struct theme_color *c)
{
    FUZZ_CHECK(c->fg >= THEME_DEFAULT && c->fg <= 255);
    FUZZ_CHECK(c->bg >= THEME_DEFAULT && c->bg <= 255);
    char sgr[THEME_SGR_MAX];
    size_t n = theme_sgr(c, sgr);
    FUZZ_CHECK(n < THEME_SGR_MAX && strlen(sgr) == n);
}

static void check_conf(const struct conf *c, const struct conf_diags *dg, size_t nlines)
{
    FUZZ_CHECK(dg->n <= CONF_DIAGS_MAX + 1);
    for (size_t i = 0; i < dg->n; i++) {
        FUZZ_CHECK(dg->d[i].line <= nlines);
        for (const char *p = dg->d[i].msg; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
    }
    FUZZ_CHECK(c->width == 0 || (c->width >= 20 && c->width <= 10000));
    FUZZ_CHECK(c->fold >= -1 && c->fold <= 1 && c->words >= -1 && c->words <= 1);
    FUZZ_CHECK(c->color >= -1 && c->color <= CONF_COLOR_NEVER);
    FUZZ_CHECK(c->theme >= -1 && c->theme <= CONF_THEME_LIGHT);
    FUZZ_CHECK(c->format >= -1 && c->format < EXPORT_FORMAT_COUNT);
    FUZZ_CHECK(!c->has_pager || c->pager);
    if (c->timestamp_format) {
        char buf[CONF_TIMESTAMP_MAX + 1];
        long long t = 0;
        FUZZ_CHECK(conf_format_time(c->timestamp_format, &t, buf) || true);
    }
    for (int f = 0; f < TF_COUNT; f++)
        if (c->has_face[f]) check_color(&c->face[f]);
}

static void try_line(const char *s, size_t n)
{
    char *line = xstrndup(s, n);
    struct theme_color c;
    char err[128];
    if (theme_parse_color(line, &c, err, sizeof err))
        check_color(&c);
    else
        FUZZ_CHECK(strlen(err) > 0 && strlen(err) < sizeof err);
    uint8_t rgb[3];
    if (theme_parse_osc11(s, n, rgb)) (void)theme_kind_for(rgb);
    char *args[ARGS_MAX];
    size_t na = 0;
    for (char *tok = strtok(line, " \t"); tok && na < ARGS_MAX; tok = strtok(NULL, " \t"))
        args[na++] = tok;
    struct gitdiff g;
    if (gitdiff_parse(args, na, na == 1 ? "1" : NULL, NULL, &g)) {
        struct strbuf b = {0};
        gitdiff_title(&g, &b);
        char *t = sb_take(&b, NULL);
        for (const char *p = t; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
        free(t);
        if (!g.unmerged)
            for (int side = 0; side < 2; side++)
                free(gitdiff_name(&g, side));
    }
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t nlines = 1;
    for (size_t i = 0; i < size; i++)
        nlines += s[i] == '\n';
    struct conf c1, c2;
    struct conf_diags d1 = {.n = 0}, d2 = {.n = 0};
    conf_init(&c1);
    conf_init(&c2);
    conf_parse(s, size, &c1, &d1);
    conf_parse(s, size, &c2, &d2);
    check_conf(&c1, &d1, nlines);
    FUZZ_CHECK(d1.n == d2.n && c1.width == c2.width && c1.format == c2.format);
    FUZZ_CHECK(memcmp(c1.face, c2.face, sizeof c1.face) == 0);
    conf_free(&c1);
    conf_free(&c2);
    size_t from = 0, k = 0;
    for (size_t i = 0; i <= size && k < LINES_MAX; i++) {
        if (i < size && s[i] != '\n') continue;
        try_line(s + from, i - from);
        from = i + 1;
        k++;
    }
    return 0;
}
