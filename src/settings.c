/* settings.c - the config file, the command line and the terminal
 * together (see settings.h). */
#include "config.h"

#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "pager.h"
#include "terminal.h"

int settings_read_config(const char *path, struct conf *c)
{
    char *def = path ? NULL : conf_default_path();
    const char *p = path ? path : def;
    if (!p) return 0;
    struct conf_diags dg = {.n = 0};
    enum wd_status st = conf_load(p, path != NULL, c, &dg);
    char *name = escape_str(p);
    int rc = 0;
    if (st != WD_OK && path) {
        fprintf(stderr, "wirediff: %s: %s\n", name, conf_strerror(st));
        rc = 2;
    } else if (st != WD_OK) {
        fprintf(stderr, "wirediff: %s: %s (the config file is ignored)\n", name, conf_strerror(st));
    }
    for (size_t i = 0; i < dg.n; i++)
        fprintf(stderr, "wirediff: %s:%u: %s\n", name, dg.d[i].line, dg.d[i].msg);
    free(name);
    free(def);
    return rc;
}

int settings_check(struct settings *s, const char *output, int cli_color)
{
    s->named = output ? export_format_of_path(output) : -1;
    if (s->export >= 0 && !export_format_fits((enum export_format)s->export, s->named)) {
        char *name = escape_str(output);
        fprintf(stderr, "wirediff: %s: the name asks for %s, --export=%s for another format\n",
                name, export_format_name((enum export_format)s->named),
                export_format_name((enum export_format)s->export));
        free(name);
        return 2;
    }
    if (cli_color == CONF_COLOR_NEVER &&
        (s->export == EXPORT_ANSI || (s->export < 0 && s->named == EXPORT_ANSI))) {
        fputs("wirediff: the ANSI form is colours, and --color=never allows none\n", stderr);
        return 2;
    }
    return 0;
}

static int color_mode(const struct settings *s)
{
    return s->conf.color < 0 ? CONF_COLOR_AUTO : s->conf.color;
}

bool settings_color(const struct settings *s, const char *path)
{
    if (path) return color_mode(s) == CONF_COLOR_ALWAYS;
    return terminal_color(color_mode(s), STDOUT_FILENO);
}

enum export_format settings_format(const struct settings *s, bool color)
{
    int f = s->export >= 0        ? s->export
            : s->named >= 0       ? s->named
            : s->conf.format >= 0 ? s->conf.format
                                  : EXPORT_TEXT;
    return f == EXPORT_TEXT && color ? EXPORT_ANSI : (enum export_format)f;
}

void settings_theme(const struct settings *s, bool ask, struct theme *t)
{
    terminal_theme(&s->conf, ask, t);
}

bool settings_mono(const struct settings *s)
{
    int m = color_mode(s);
    return m == CONF_COLOR_NEVER || (m != CONF_COLOR_ALWAYS && terminal_no_color());
}

void settings_page(const struct settings *s)
{
    const char *term = getenv("TERM");
    if (s->no_pager || !isatty(STDOUT_FILENO) || !term || !*term || strcmp(term, "dumb") == 0)
        return;
    const char *cmd = pager_command(s->conf.has_pager ? s->conf.pager : NULL);
    if (cmd) pager_start(cmd);
}

void settings_now(const struct settings *s, char *buf, size_t size)
{
    char t[CONF_TIMESTAMP_MAX + 1];
    if (s->conf.timestamp_format && conf_format_time(s->conf.timestamp_format, NULL, t))
        snprintf(buf, size, "%s", t);
    else
        export_timestamp_now(buf, size);
}
