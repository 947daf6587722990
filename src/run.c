/* run.c - what the modes of the program share (run.h): messages,
 * output, the snapshot's settings and the reader's options. */
#include "config.h"

#include "run.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "digest.h"
#include "escape.h"
#include "pager.h"
#include "util.h"

/* "wirediff: PATH: " (PATH escaped; NULL: none) and the message of fmt on
 * stderr. */
static void vsay(const char *path, const char *fmt, va_list ap)
{
    fputs("wirediff: ", stderr);
    if (path) {
        char *name = escape_str(path);
        fprintf(stderr, "%s: ", name);
        free(name);
    }
    vfprintf(stderr, fmt, ap);
    putc('\n', stderr);
}

int run_fail(const char *path, const char *msg)
{
    return run_failf(path, "%s", msg);
}

int run_failf(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(path, fmt, ap);
    va_end(ap);
    return EXIT_TROUBLE;
}

void run_warn(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(path, fmt, ap);
    va_end(ap);
}

int run_terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    /* $COLUMNS within --width's bounds, else the default (as a bad -w
     * would be refused): 99999999 columns wrote gigabytes. */
    const char *c = getenv("COLUMNS");
    int w;
    if (c && cli_parse_int(c, CLI_WIDTH_MIN, CLI_WIDTH_MAX, &w)) return w;
    return CLI_DEFAULT_WIDTH;
}

bool run_terminal_usable(void)
{
    const char *t = getenv("TERM");
    return t && *t && strcmp(t, "dumb") != 0 && strcmp(t, "unknown") != 0;
}

int run_flush_stdout(void)
{
    int e = fflush(stdout) == 0 ? 0 : errno;
    if (!e && !ferror(stdout)) return 0;
    if (!e) e = errno;
    if (e == EPIPE) return 0;
    return run_fail("standard output", strerror(e));
}

int run_write_out(const char *path, const struct outfile_opts *oo, output_fn fn, void *arg)
{
    int err;
    enum wd_status st = output_write(path, oo, fn, arg, &err);
    if (st == WD_OK || (st == WD_EIO && err == EPIPE)) return 0; /* a closed pipe: quietly */
    return run_fail(path ? path : "standard output",
                    st == WD_EIO && err ? strerror(err) : util_strerror(st));
}

enum wd_status run_write_export(FILE *f, void *arg)
{
    const struct run_export_job *j = arg;
    return export_write(f, j->fmt, j->in);
}

enum wd_status run_write_stat(FILE *f, void *arg)
{
    const struct export_input *in = arg;
    for (size_t k = 0, i = 0; k <= in->ncmps; k++) {
        for (; i < in->nonly && in->only[i].at == k; i++) {
            char *s = export_only_text(&in->only[i]);
            fprintf(f, "%s\n", s);
            free(s);
        }
        if (k < in->ncmps) export_stat_line(f, &in->cmps[k]);
    }
    return ferror(f) ? WD_EIO : WD_OK;
}

void run_add_digests(struct export_cmp *cmps, size_t n, int digest, bool stat,
                     enum export_format fmt)
{
    if (stat || digest == 1 ||
        (digest < 0 && (fmt == EXPORT_HTML || fmt == EXPORT_MD || fmt == EXPORT_JSON)))
        for (size_t k = 0; k < n; k++)
            cmps[k].dg = digest_new(cmps[k].al, NULL);
}

void run_free_cmps(struct export_cmp *cmps, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        digest_free((struct digest *)cmps[k].dg);
        align_free((struct alignment *)cmps[k].al);
    }
    free(cmps);
}

/* ---- snapshots, git's external diff, two folders -------------------------- */

void run_snapshot_setup(struct run_snapshot *sn, const struct settings *set, const char *path,
                        int width, const char *time, bool ask)
{
    sn->color = settings_color(set, path);
    sn->format = settings_format(set, sn->color);
    bool colours = sn->format == EXPORT_ANSI || (sn->format == EXPORT_INLINE && sn->color);
    settings_theme(set, ask && colours && !path && isatty(STDOUT_FILENO), &sn->theme);
    sn->width = width ? width : run_terminal_width();
    sn->time = time;
    if (!time) {
        settings_now(set, sn->buf, sizeof sn->buf);
        sn->time = sn->buf;
    }
}

struct export_view run_snapshot_view(const struct run_snapshot *sn, bool words, bool fold,
                                     int fold_min, int digest)
{
    return (struct export_view){.width = sn->width,
                                .words = words,
                                .fold = fold,
                                .fold_min = fold_min,
                                .digest = digest == 1,
                                .timestamp = sn->time,
                                .theme = &sn->theme,
                                .color = sn->color};
}

const struct theme *run_reader_theme(const struct settings *set, const char *script,
                                     struct theme *t)
{
    settings_theme(set, !script && !settings_mono(set), t);
    return t;
}

int run_end(int rc)
{
    pager_wait();
    return rc;
}

bool run_is_dir(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

struct tui_opts run_reader_opts(const struct run_opts *ro, const char *script, struct theme *theme)
{
    return (struct tui_opts){.script = script,
                             .words = ro->words,
                             .fold = ro->fold,
                             .fold_min = ro->fold_min,
                             .no_digest = ro->digest == 0,
                             .timestamp = ro->timestamp,
                             .timestamp_format = ro->set->conf.timestamp_format,
                             .format = ro->set->conf.format,
                             .theme = run_reader_theme(ro->set, script, theme),
                             .mono = settings_mono(ro->set)};
}

struct outfile_opts run_out_opts(const struct run_opts *ro, struct doc *const *docs, size_t n,
                                 struct util_fileid *ids)
{
    struct outfile_opts oo = {.force = ro->force, .inputs = ids};
    for (size_t i = 0; i < n; i++)
        oo.ninputs += doc_fileid(docs[i], &ids[oo.ninputs]);
    return oo;
}
