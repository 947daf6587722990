/* main.c - the modes: batch or interactive, exit status like diff(1):
 * 0 no differences, 1 differences, 2 trouble. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "align.h"
#include "cli.h"
#include "conf.h"
#include "corpus.h"
#include "dirpair.h"
#include "digest.h"
#include "export_columns.h"
#include "export_overlap.h"
#include "overlap_jsonl.h"
#include "inputs.h"
#include "load.h"
#include "doc.h"
#include "escape.h"
#include "export.h"
#include "gitdiff.h"
#include "source.h"
#include "output.h"
#include "pager.h"
#include "run_timeline.h"
#include "progress.h"
#include "settings.h"
#include "terminal.h"
#include "transcode.h"
#include "tui.h"
#include "util.h"

#define EXIT_SAME      0
#define EXIT_DIFFERENT 1
#define EXIT_TROUBLE   2

/* "wirediff: PATH: MSG" (PATH escaped, escape.h) or "wirediff: MSG" on
 * stderr; returns the exit status for trouble. */
static int fail(const char *path, const char *msg)
{
    if (path) {
        char *name = escape_str(path);
        fprintf(stderr, "wirediff: %s: %s\n", name, msg);
        free(name);
    } else {
        fprintf(stderr, "wirediff: %s\n", msg);
    }
    return EXIT_TROUBLE;
}

/* "wirediff: PATH: " and the message of fmt on stderr, PATH escaped as
 * in fail(): a warning, or a note on what was done. */
static void warn(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const char *path, const char *fmt, ...)
{
    char *name = escape_str(path);
    fprintf(stderr, "wirediff: %s: ", name);
    free(name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    putc('\n', stderr);
}

static int terminal_width(void)
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

/* A terminal the reader can drive: TERM set and not "dumb"; otherwise the
 * text form is printed, as when stdout is a pipe. */
static bool terminal_usable(void)
{
    const char *t = getenv("TERM");
    return t && *t && strcmp(t, "dumb") != 0 && strcmp(t, "unknown") != 0;
}

/* Flush standard output: 0, or 2 after a one-line message (a full disk,
 * a closed descriptor).  A reader that stopped reading (a closed pipe:
 * "| head", a pager quit before the end) ends the output quietly, as diff
 * and git end: 0. */
static int flush_stdout(void)
{
    int e = fflush(stdout) == 0 ? 0 : errno;
    if (!e && !ferror(stdout)) return 0;
    if (!e) e = errno;
    if (e == EPIPE) return 0;
    return fail("standard output", strerror(e));
}

/* Print "index<TAB>start<TAB>end<TAB>text" per sentence, the gold TSV form,
 * the text escaped (escape.h: a line per sentence, and nothing a terminal
 * would obey); write errors are left for flush_stdout to report. */
static int print_sentences(const struct doc *d, bool header)
{
    size_t n, len, cap = 0;
    const struct sentence *s = doc_sentences(d, &n);
    const char *bytes = doc_bytes(d, &len);
    char *buf = NULL;
    if (header) printf("# %s\n", doc_name(d));
    for (size_t i = 0; i < n && !ferror(stdout); i++) {
        size_t el = escape_text(bytes + s[i].start, s[i].end - s[i].start, &buf, &cap);
        printf("%zu\t%u\t%u\t", i, (unsigned)s[i].start, (unsigned)s[i].end);
        fwrite(buf, 1, el, stdout);
        putchar('\n');
    }
    free(buf);
    return ferror(stdout) ? EXIT_TROUBLE : 0;
}

/* Write the batch output through fn to -o's path (NULL: standard
 * output): 0, or 2 after a one-line message; a reader that stopped
 * reading (a closed pipe) is no trouble (see flush_stdout). */
static int write_out(const char *path, const struct outfile_opts *oo, output_fn fn, void *arg)
{
    int err;
    enum wd_status st = output_write(path, oo, fn, arg, &err);
    if (st == WD_OK || (st == WD_EIO && err == EPIPE)) return 0; /* a closed pipe: quietly */
    return fail(path ? path : "standard output",
                st == WD_EIO && err ? strerror(err) : util_strerror(st));
}

struct overlap_job {
    const struct corpus *c;
    const struct doc *const *docs;
    bool json;
};

static enum wd_status write_overlap(FILE *f, void *arg)
{
    const struct overlap_job *j = arg;
    return j->json ? export_overlap_json(f, j->c, j->docs) : export_overlap_text(f, j->c, j->docs);
}

/* --overlap: the table of which documents overlap. */
static int run_overlap(struct doc_ctx *ctx, struct doc **docs, size_t n, bool json,
                       const char *output, const struct outfile_opts *oo)
{
    struct corpus *c = corpus_new(ctx, docs, n);
    signal(SIGPIPE, SIG_IGN);
    struct overlap_job job = {c, (const struct doc *const *)docs, json};
    int rc = write_out(output, oo, write_overlap, &job);
    corpus_free(c);
    return rc;
}

struct overlap_jsonl_job {
    const struct corpus *c;
    const struct overlap_input *in;
};

static enum wd_status write_overlap_jsonl(FILE *f, void *arg)
{
    const struct overlap_jsonl_job *j = arg;
    return export_overlap_jsonl(f, j->c, (const struct doc *const *)j->in->docs, j->in->id_number);
}

/* --overlap --jsonl: the documents of standard input, the results as JSON
 * Lines (nargs: the file operands, which it takes none of). */
static int run_overlap_jsonl(int nargs, bool overlap, bool strict, const struct doc_opts *dopts,
                             const char *output, bool force)
{
    if (!overlap || nargs > 0)
        return fail(NULL, "--jsonl goes with --overlap and reads the documents from standard "
                          "input (no file operands)");
    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, strict);
    struct overlap_input in;
    char err[SOURCE_ERR_MAX];
    int rc;
    if (overlap_jsonl_read(ctx, dopts, stdin, &in, err) != WD_OK) {
        rc = fail("standard input", err);
    } else {
        doc_ctx_seal(ctx);
        struct stat st; /* -o never replaces the input */
        bool file = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
        struct util_fileid id = {file ? (uint64_t)st.st_dev : 0, file ? (uint64_t)st.st_ino : 0};
        struct outfile_opts oo = {.force = force, .inputs = &id, .ninputs = file};
        struct corpus *c = corpus_new(ctx, in.docs, in.n);
        signal(SIGPIPE, SIG_IGN);
        struct overlap_jsonl_job job = {c, &in};
        rc = write_out(output, &oo, write_overlap_jsonl, &job);
        corpus_free(c);
        overlap_input_free(&in);
    }
    doc_ctx_free(ctx);
    return rc;
}

struct columns_job {
    enum export_format fmt;
    const struct export_corpus *in;
};

static enum wd_status write_columns(FILE *f, void *arg)
{
    const struct columns_job *j = arg;
    return export_columns(f, j->fmt, j->in);
}

/* --export=html|md|json FOLDER: the overview and the columns, with the
 * pivot the others derive from; beyond four documents, those sharing
 * nothing with it are left out of the columns (as in the reader). */
static int run_columns(struct doc_ctx *ctx, struct doc **docs, size_t n, enum export_format fmt,
                       bool words, const char *timestamp, const struct align_opts *ao,
                       const char *output, const struct outfile_opts *oo)
{
    struct corpus *c = corpus_new(ctx, docs, n);
    size_t p = corpus_pivot(c);
    uint32_t *cols = xcalloc(n, sizeof *cols);
    size_t nc = export_columns_pick(c, p, n > 4, cols);
    struct alignment **al = xcalloc(n, sizeof *al);
    for (size_t k = 0; k < nc; k++)
        al[cols[k]] = align_docs(docs[p], docs[cols[k]], ctx, ao);
    struct export_corpus in = {
        .c = c,
        .docs = (const struct doc *const *)docs,
        .ndocs = n,
        .pivot = p,
        .cols = cols,
        .ncols = nc,
        .al = (const struct alignment *const *)al,
        .words = words,
        .timestamp = timestamp,
    };
    signal(SIGPIPE, SIG_IGN);
    struct columns_job job = {fmt, &in};
    int rc = write_out(output, oo, write_columns, &job);
    for (size_t k = 0; k < n; k++)
        if (al[k]) align_free(al[k]);
    free(al);
    free(cols);
    corpus_free(c);
    return rc;
}

struct export_job {
    enum export_format fmt;
    const struct export_input *in;
};

static enum wd_status write_export(FILE *f, void *arg)
{
    const struct export_job *j = arg;
    return export_write(f, j->fmt, j->in);
}

/* --stat: a line per comparison (two folders: with diff -r's "Only in"
 * lines where they fall). */
static enum wd_status write_stat(FILE *f, void *arg)
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

/* The digests (digest.h) of cmps[0 .. n) when what is written shows them:
 * --stat, --digest (1), or by default (-1) HTML, Markdown and JSON. */
static void add_digests(struct export_cmp *cmps, size_t n, int digest, bool stat,
                        enum export_format fmt)
{
    if (stat || digest == 1 ||
        (digest < 0 && (fmt == EXPORT_HTML || fmt == EXPORT_MD || fmt == EXPORT_JSON)))
        for (size_t k = 0; k < n; k++)
            cmps[k].dg = digest_new(cmps[k].al, NULL);
}

/* Free the digests and alignments of cmps[0 .. n), and cmps. */
static void free_cmps(struct export_cmp *cmps, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        digest_free((struct digest *)cmps[k].dg);
        align_free((struct alignment *)cmps[k].al);
    }
    free(cmps);
}

/* ---- inputs: files, pages, URLs (load.h) -------------------------------------- */

/* Fetch progress on standard error when it is a terminal, from 0.3 s on:
 * one line, rewritten in place and cleared at the end. */
struct progress {
    struct timespec start;
    bool shown;
};

static void show_progress(void *arg, size_t done, size_t total, size_t bytes)
{
    struct progress *p = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
    if (t < 0.3 || !isatty(STDERR_FILENO)) return;
    p->shown = true;
    fprintf(stderr, "\rwirediff: fetching %zu page%s: %zu done, %zu kB (Ctrl-C cancels)\033[K",
            total, total == 1 ? "" : "s", done, bytes / 1024);
}

static volatile sig_atomic_t cancelled;

static void on_cancel(int sig)
{
    (void)sig;
    cancelled = 1;
}

/* load_sources with the progress line and Ctrl-C cancelling the fetches:
 * when cancelled, the process ends by SIGINT, as if it had not caught it. */
static void read_sources(char **files, size_t n, struct load_opts *lo, struct load_item *items)
{
    struct progress prog = {.shown = false};
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    lo->fetch.progress = show_progress;
    lo->fetch.progress_arg = &prog;
    lo->fetch.cancel = &cancelled;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_cancel;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    load_sources(files, n, lo, items);
    if (prog.shown) fputs("\r\033[K", stderr);
    if (cancelled) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
    sigaction(SIGINT, &old, NULL);
}

/* Report what went wrong with item i on one line: the first error is fatal
 * (status 2), except in a folder, where a file that is not text or a page
 * without an article is skipped with a warning.  Returns 0 to go on. */
static int item_trouble(const struct load_item *it, bool many, bool in_dir)
{
    if (it->st == WD_OK) return 0;
    /* the message may quote a page or a server: escaped like a name */
    char *err = escape_str(it->err);
    int rc = 0;
    /* a folder may hold other files, or one we may not read: say so and go on */
    if (many && (it->skippable || in_dir))
        warn(it->name, "%s, skipped", it->st == WD_EBINARY ? "binary file" : err);
    else
        rc = fail(it->name, err);
    free(err);
    return rc;
}

/* The progress line (progress.h) while items[0 .. n) are read and
 * segmented: how many files, how many bytes when known. */
static void reading_progress(const struct load_item *items, size_t n)
{
    size_t files = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (items[i].st != WD_OK) continue;
        files++;
        if (items[i].text)
            bytes += items[i].len;
        else if (stat(items[i].name, &st) == 0 && S_ISREG(st.st_mode))
            bytes += (size_t)st.st_size;
    }
    char num[32];
    progress_begin("reading and segmenting %zu file%s, %s MB", files, files == 1 ? "" : "s",
                   progress_count((bytes + 512 * 1024) / (1024 * 1024), num, sizeof num));
}

/* The progress line while docs[1 ..] are aligned with docs[0]. */
static void aligning_progress(struct doc *const *docs, size_t n)
{
    size_t na, nb;
    char a[32], b[32];
    doc_sentences(docs[0], &na);
    doc_sentences(docs[n - 1], &nb);
    if (n == 2)
        progress_begin("aligning %s and %s sentences", progress_count(na, a, sizeof a),
                       progress_count(nb, b, sizeof b));
    else
        progress_begin("aligning %zu documents with the first, %s sentences", n - 1,
                       progress_count(na, a, sizeof a));
}

static char *const *sort_names; /* named_before's qsort */

static int cmp_name(const void *p, const void *q)
{
    size_t a = *(const size_t *)p, b = *(const size_t *)q;
    int c = strcmp(sort_names[a], sort_names[b]);
    return c ? c : (a > b) - (a < b);
}

/* Per name of files[0 .. n): is it named before, by an earlier one?
 * (Sorted, not compared with each earlier name: a folder may hold a
 * hundred thousand files.) */
static bool *named_before(char *const *files, size_t n)
{
    size_t *order = xmalloc((n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_names = files;
    qsort(order, n, sizeof *order, cmp_name);
    bool *before = xcalloc(n + 1, sizeof *before);
    for (size_t i = 1; i < n; i++)
        before[order[i]] = strcmp(files[order[i - 1]], files[order[i]]) == 0;
    free(order);
    return before;
}

/* Load every input into docs[0 .. *ndocs): 0, or 2 after a message.
 * in_dir[i] says files[i] came from a folder. */
static int load_inputs(struct doc_ctx *ctx, char **files, const bool *in_dir, size_t n,
                       struct load_opts *lo, bool many, struct doc **docs, int *ndocs)
{
    struct load_item *items = xcalloc(n, sizeof *items);
    read_sources(files, n, lo, items);
    int rc = 0;
    bool *read = xcalloc(n, sizeof *read); /* read, and left for the document layer */
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = item_trouble(&items[i], many, in_dir[i]);
        read[i] = items[i].st == WD_OK;
    }
    struct doc **loaded = xcalloc(n, sizeof *loaded);
    bool *seen = named_before(files, n);
    if (rc == 0) {
        reading_progress(items, n);
        load_docs(ctx, items, n, &lo->doc, loaded);
        progress_end();
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (read[i]) rc = item_trouble(&items[i], many, in_dir[i]);
        if (rc || !loaded[i]) continue;
        docs[(*ndocs)++] = loaded[i];
        loaded[i] = NULL;
        if (seen[i]) continue; /* one warning per file, even when named twice */
        size_t bad = doc_invalid_bytes(docs[*ndocs - 1]), units;
        const char *enc = doc_encoding(docs[*ndocs - 1], &units);
        if (items[i].warn[0]) warn(files[i], "%s", items[i].warn);
        if (enc)
            warn(files[i], "note: %s converted to UTF-8%s", enc,
                 units ? " (invalid code units shown as U+FFFD)" : "");
        else if (bad)
            warn(files[i], "warning: %zu invalid UTF-8 byte%s shown as U+FFFD", bad,
                 bad == 1 ? "" : "s");
    }
    for (size_t i = 0; i < n; i++) {
        doc_free(loaded[i]); /* the inputs after a failed one */
        load_item_free(&items[i]);
    }
    free(loaded);
    free(seen);
    free(read);
    free(items);
    return rc;
}

/* --extract: each input's text as wirediff compares it, without the
 * headline (a page's article body, one paragraph a line; a text file as
 * it is), or with --export=json its metadata too.  Nothing is written
 * unless every input can be read. */
static int run_extract(char **files, const bool *in_dir, size_t n, struct load_opts *lo, bool json,
                       bool many, const struct settings *set)
{
    struct load_item *items = xcalloc(n, sizeof *items);
    read_sources(files, n, lo, items);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].st == WD_OK && !items[i].text && !items[i].page)
            load_text(&items[i], lo->doc.text);
        if (rc == 0) rc = item_trouble(&items[i], many, in_dir[i]);
    }
    signal(SIGPIPE, SIG_IGN);
    if (rc == 0) settings_page(set);
    if (rc == 0) {
        if (json) {
            struct export_article *a = xcalloc(n, sizeof *a);
            for (size_t i = 0; i < n; i++)
                a[i] = (struct export_article){
                    .path = items[i].name,
                    .meta = items[i].page || items[i].url ? &items[i].meta : NULL,
                    .text = items[i].text ? items[i].text : "",
                    .len = items[i].len,
                    .body = items[i].body};
            export_extract_json(stdout, a, n);
            free(a);
        } else
            for (size_t i = 0; i < n; i++) {
                if (items[i].st != WD_OK) continue;
                if (items[i].warn[0]) warn(items[i].name, "%s", items[i].warn);
                fwrite(items[i].text + items[i].body, 1, items[i].len - items[i].body, stdout);
            }
        rc = flush_stdout();
    }
    for (size_t i = 0; i < n; i++)
        load_item_free(&items[i]);
    free(items);
    return rc;
}

/* Runs that map their files (doc_opts.map) read a file's pages when they
 * need them; if another program truncates the file meanwhile, reading a
 * lost page raises SIGBUS.  The handler says so on one line, naming the
 * file when the address tells which (the documents are known once they
 * are loaded), and exits with status 2 like any other trouble. */
static struct doc **bus_docs;
static volatile sig_atomic_t bus_ndocs;
/* The reader cannot stop there (curses holds the terminal): it shows zeros
 * where the file lost its bytes, and says that the file changed. */
static volatile sig_atomic_t bus_patch;

static void say(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    const char *name = NULL;
    for (sig_atomic_t i = 0; bus_patch && i < bus_ndocs; i++)
        if (doc_map_patch(bus_docs[i], si->si_addr)) return;
    for (sig_atomic_t i = 0; i < bus_ndocs; i++) {
        size_t len;
        const char *b = doc_bytes(bus_docs[i], &len);
        if ((const char *)si->si_addr >= b && (const char *)si->si_addr <= b + len)
            name = doc_name(bus_docs[i]);
    }
    say("wirediff: ");
    say(name ? name : "an input file");
    say(name ? ": file changed while being read\n" : " changed while being read\n");
    _exit(EXIT_TROUBLE);
}

static void catch_sigbus(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

/* ---- snapshots, git's external diff, two folders -------------------------- */

/* How a batch run writes its snapshot: the format, colours, the theme,
 * the width and the time. */
struct snapshot {
    enum export_format format;
    bool color; /* the inline form in colour (the ANSI form is colours anyway) */
    struct theme theme;
    int width;
    const char *time;
    char buf[80];
};

/* The snapshot for output to path (NULL: standard output), with the
 * options' width and time (0 and NULL: the terminal's, now).  The
 * terminal is asked its width and, when ask allows and colours go to it,
 * its background: before a pager takes it. */
static void snapshot_setup(struct snapshot *sn, const struct settings *set, const char *path,
                           int width, const char *time, bool ask)
{
    sn->color = settings_color(set, path);
    sn->format = settings_format(set, sn->color);
    bool colours = sn->format == EXPORT_ANSI || (sn->format == EXPORT_INLINE && sn->color);
    settings_theme(set, ask && colours && !path && isatty(STDOUT_FILENO), &sn->theme);
    sn->width = width ? width : terminal_width();
    sn->time = time;
    if (!time) {
        settings_now(set, sn->buf, sizeof sn->buf);
        sn->time = sn->buf;
    }
}

/* What a snapshot shows: sn's width, time and colours, the options'
 * words, fold and digest (1: first in text and inline). */
static struct export_view snapshot_view(const struct snapshot *sn, bool words, bool fold,
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

/* The reader's theme, into t: the terminal is asked unless the reader
 * runs headless or without colours. */
static const struct theme *reader_theme(const struct settings *set, const char *script,
                                        struct theme *t)
{
    settings_theme(set, !script && !settings_mono(set), t);
    return t;
}

/* The end of a run: the pager, if one shows the output, is waited for. */
static int end_run(int rc)
{
    pager_wait();
    return rc;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* What the modes of git and of two folders take of the options. */
struct run_opts {
    const struct settings *set;
    struct load_opts *lo;
    const struct align_opts *ao;
    bool words, fold;
    int fold_min;          /* --fold=N, fold-min; 0: LAYOUT_FOLD_MIN */
    int width;             /* 0: the terminal's */
    const char *timestamp; /* --timestamp, or NULL */
    const char *output;    /* -o FILE, NULL: standard output */
    bool force;
    int digest; /* --digest 1, --no-digest 0, else -1 */
    bool stat;  /* --stat */
};

/* The reader's options that every mode takes from the options' struct
 * (its theme into *theme); the mode adds its own (overview, pairs, ...). */
static struct tui_opts reader_opts(const struct run_opts *ro, const char *script,
                                   struct theme *theme)
{
    return (struct tui_opts){.script = script,
                             .words = ro->words,
                             .fold = ro->fold,
                             .fold_min = ro->fold_min,
                             .no_digest = ro->digest == 0,
                             .timestamp = ro->timestamp,
                             .timestamp_format = ro->set->conf.timestamp_format,
                             .format = ro->set->conf.format,
                             .theme = reader_theme(ro->set, script, theme),
                             .mono = settings_mono(ro->set)};
}

/* The -o options that keep docs[0 .. n) from being replaced; ids has
 * room for n. */
static struct outfile_opts out_opts(const struct run_opts *ro, struct doc *const *docs, size_t n,
                                    struct util_fileid *ids)
{
    struct outfile_opts oo = {.force = ro->force, .inputs = ids};
    for (size_t i = 0; i < n; i++)
        oo.ninputs += doc_fileid(docs[i], &ids[oo.ninputs]);
    return oo;
}

/* As git judges a file binary (buffer_is_binary): a NUL byte in its first
 * 8000 bytes, here unless it starts with a UTF-16 or UTF-32 byte order
 * mark (which wirediff reads, transcode.h). */
static bool looks_binary(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false; /* the load says what is wrong */
    char buf[8000];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t bom;
    return memchr(buf, '\0', n) && !transcode_bom(buf, n, &bom);
}

/* git's external diff: a title line, then the snapshot. */
struct git_job {
    const char *title; /* NULL: none (HTML, Markdown, JSON) */
    const char *sgr;   /* the title's colours, or NULL */
    const char *line;  /* a line after it instead of a snapshot, or NULL */
    bool blank;        /* a blank line first: not the first path */
    bool stat;         /* --stat: the comparison's line, not the snapshot */
    enum export_format fmt;
    const struct export_input *in;
};

static enum wd_status write_git(FILE *f, void *arg)
{
    const struct git_job *j = arg;
    if (j->title) {
        if (j->blank) putc('\n', f);
        if (j->sgr)
            fprintf(f, "\033[%sm%s\033[0m\n", j->sgr, j->title);
        else
            fprintf(f, "%s\n", j->title);
    }
    if (j->line) fprintf(f, "%s\n", j->line);
    if (!j->in) return ferror(f) ? WD_EIO : WD_OK;
    if (j->stat) return write_stat(f, (void *)j->in);
    return export_write(f, j->fmt, j->in);
}

/* --timeline (run_timeline.h): the reader, or a snapshot as the options
 * set it up; other modes do not combine with it. */
static int timeline_mode(char **args, size_t n, const struct run_opts *ro, bool git,
                         enum versions_order order, const char *script, bool strict, bool other,
                         bool snapshot)
{
    if (other)
        return fail(NULL, "--timeline opens the reader or writes a snapshot (--export, -o); "
                          "--overlap, --sentences, --extract and --stat do not apply");
    bool reader = !snapshot && (script || (isatty(STDOUT_FILENO) && terminal_usable()));
    struct theme theme;
    struct snapshot sn;
    struct timeline_run r = {.args = args,
                             .nargs = n,
                             .git = git,
                             .order = order,
                             .set = ro->set,
                             .lo = ro->lo,
                             .ao = ro->ao,
                             .strict = strict,
                             .reader = reader,
                             .script = script,
                             .mono = settings_mono(ro->set),
                             .timestamp = ro->timestamp,
                             .digest = ro->digest,
                             .output = ro->output,
                             .force = ro->force};
    if (reader) {
        r.theme = reader_theme(ro->set, script, &theme);
        r.view =
            (struct export_view){.words = ro->words, .fold = ro->fold, .fold_min = ro->fold_min};
    } else {
        snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, true);
        r.format = sn.format;
        r.view = snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest);
    }
    return run_timeline(&r);
}

/* wirediff as git's external diff (gitdiff.h): the two versions of one
 * path under git's names (a/PATH, b/PATH), after a title that counts the
 * paths (GIT_DIFF_PATH_COUNTER/TOTAL), on standard output, where git's
 * pager shows it.  Binary files are one line, as git says it.  The exit
 * status is 0 unless --exit-code (then 1 for files that differ), 2 for
 * trouble ("external diff died"). */
static int run_git(const struct gitdiff *g, const struct run_opts *ro, bool exit_code)
{
    struct snapshot sn;
    snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, false);
    struct strbuf tb = {0};
    gitdiff_title(g, &tb);
    char *title = sb_take(&tb, NULL);
    char sgr[THEME_SGR_MAX];
    bool coloured = sn.format == EXPORT_ANSI || (sn.format == EXPORT_INLINE && sn.color);
    /* --stat: a line per path names it, as git diff --stat */
    bool titled = !ro->stat && (sn.format == EXPORT_TEXT || sn.format == EXPORT_ANSI ||
                                sn.format == EXPORT_INLINE);
    struct git_job job = {.title = titled ? title : NULL,
                          .sgr = coloured && theme_sgr(&sn.theme.face[TF_LABEL], sgr) ? sgr : NULL,
                          .blank = titled && g->counter > 1,
                          .stat = ro->stat,
                          .fmt = sn.format};
    signal(SIGPIPE, SIG_IGN);
    char *name[2] = {NULL, NULL};
    struct util_fileid ids[2];
    struct outfile_opts oo = {.force = ro->force, .inputs = ids};
    int rc = 0;
    bool differ = true;
    if (g->unmerged) {
        job.title = title;
        rc = write_out(ro->output, &oo, write_git, &job);
        free(title);
        return rc;
    }
    for (int side = 0; side < 2; side++)
        name[side] = gitdiff_name(g, side);
    if (!ro->lo->doc.text && (looks_binary(g->file[0]) || looks_binary(g->file[1]))) {
        char *na = escape_str(name[0]), *nb = escape_str(name[1]);
        struct strbuf b = {0};
        sb_adds(&b, "Binary files ");
        sb_adds(&b, na);
        sb_adds(&b, " and ");
        sb_adds(&b, nb);
        sb_adds(&b, " differ");
        free(na);
        free(nb);
        char *line = sb_take(&b, NULL);
        job.title = title;
        job.line = line;
        rc = write_out(ro->output, &oo, write_git, &job);
        free(line);
    } else {
        struct doc_ctx *ctx = doc_ctx_new();
        char *files[2] = {(char *)g->file[0], (char *)g->file[1]};
        bool in_dir[2] = {false, false};
        struct doc *docs[2] = {NULL, NULL};
        int ndocs = 0;
        rc = load_inputs(ctx, files, in_dir, 2, ro->lo, false, docs, &ndocs);
        doc_ctx_seal(ctx);
        if (rc == 0) {
            for (int side = 0; side < 2; side++)
                doc_rename(docs[side], name[side]);
            oo = out_opts(ro, docs, 2, ids);
            struct export_cmp *cmp = xcalloc(1, sizeof *cmp);
            *cmp = (struct export_cmp){
                .a = 0, .b = 1, .al = align_docs(docs[0], docs[1], ctx, ro->ao)};
            differ = align_differs(cmp->al);
            add_digests(cmp, 1, ro->digest, ro->stat, sn.format);
            struct export_input in = {
                .docs = (const struct doc *const *)docs,
                .ndocs = 2,
                .cmps = cmp,
                .ncmps = 1,
                .view = snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
            };
            job.in = &in;
            rc = write_out(ro->output, &oo, write_git, &job);
            free_cmps(cmp, 1);
        }
        for (int i = 0; i < ndocs; i++)
            doc_free(docs[i]);
        doc_ctx_free(ctx);
    }
    free(name[0]);
    free(name[1]);
    free(title);
    if (rc) return rc;
    return exit_code && differ ? EXIT_DIFFERENT : EXIT_SAME;
}

/* The snapshot of two folders (run_folders): the pairs that differ, and
 * the files only one folder holds, in diff -r's order; 1 when there is
 * any, else 0; 2 after a message. */
static int folders_snapshot(struct doc_ctx *ctx, struct doc **docs, size_t ndocs,
                            const struct tui_filepair *p, size_t np, const struct run_opts *ro)
{
    struct export_cmp *cmps = xcalloc(np + 1, sizeof *cmps);
    struct export_only *only = xcalloc(np + 1, sizeof *only);
    const struct doc **used = xcalloc(2 * np + 1, sizeof *used);
    size_t ncmps = 0, nonly = 0, nused = 0;
    for (size_t i = 0; i < np; i++) {
        if (p[i].only) {
            int side = p[i].only == 1 ? SIDE_A : SIDE_B;
            only[nonly++] =
                (struct export_only){doc_path(docs[side == SIDE_A ? p[i].a : p[i].b]), side, ncmps};
            continue;
        }
        const struct alignment *al = align_docs(docs[p[i].a], docs[p[i].b], ctx, ro->ao);
        if (!align_differs(al)) { /* as diff -r: nothing for a pair that reads the same */
            align_free((struct alignment *)al);
            continue;
        }
        used[nused] = docs[p[i].a];
        used[nused + 1] = docs[p[i].b];
        cmps[ncmps++] = (struct export_cmp){.a = nused, .b = nused + 1, .al = al};
        nused += 2;
    }
    struct snapshot sn;
    snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, true);
    struct export_input in = {
        .docs = used,
        .ndocs = nused,
        .cmps = cmps,
        .ncmps = ncmps,
        .view = snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
        .only = only,
        .nonly = nonly,
    };
    struct util_fileid *ids = xcalloc(ndocs + 1, sizeof *ids);
    struct outfile_opts oo = out_opts(ro, docs, ndocs, ids);
    signal(SIGPIPE, SIG_IGN);
    if (!ro->output) settings_page(ro->set);
    add_digests(cmps, ncmps, ro->digest, ro->stat, sn.format);
    struct export_job job = {sn.format, &in};
    int rc = ro->stat ? write_out(ro->output, &oo, write_stat, &in)
                      : write_out(ro->output, &oo, write_export, &job);
    free_cmps(cmps, ncmps);
    free(ids);
    free(only);
    free(used);
    return rc ? rc : ncmps || nonly ? EXIT_DIFFERENT : EXIT_SAME;
}

/* wirediff FOLDER1 FOLDER2: the files of both paired by relative path
 * (dirpair.h); the reader lists the pairs, a snapshot holds those that
 * differ.  A file only one folder holds is compared with an empty
 * document in the reader, and listed as "Only in" in a snapshot. */
static int run_folders(const char *const dirs[2], const struct run_opts *ro, bool reader,
                       const char *script)
{
    struct dirpair dp;
    char *bad = NULL;
    enum wd_status st = dirpair_scan(dirs, &dp, &bad);
    if (st != WD_OK) {
        int rc = fail(bad, util_strerror(st));
        free(bad);
        return rc;
    }
    char **files = xcalloc(2 * dp.n + 1, sizeof *files);
    bool *in_dir = xcalloc(2 * dp.n + 1, sizeof *in_dir);
    size_t nf = 0;
    for (size_t i = 0; i < dp.n; i++)
        for (int side = 0; side < 2; side++)
            if (dp.e[i].path[side]) {
                in_dir[nf] = true; /* binary or unreadable: skipped with a warning */
                files[nf++] = dp.e[i].path[side];
            }
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc **docs = xcalloc(nf + 1, sizeof *docs);
    int nloaded = 0;
    int rc = load_inputs(ctx, files, in_dir, nf, ro->lo, true, docs, &nloaded);
    size_t ndocs = (size_t)nloaded;
    /* what a file that only one folder holds is compared with */
    size_t empty = ndocs;
    if (rc == 0 && doc_from_memory(ctx, "(no file)", "", 0, &ro->lo->doc, &docs[ndocs]) == WD_OK)
        ndocs++;
    bus_docs = docs;
    bus_ndocs = (sig_atomic_t)ndocs;
    doc_ctx_seal(ctx);
    /* each file's document: the documents come in the files' order, less
     * those skipped */
    struct tui_filepair *p = xcalloc(dp.n + 1, sizeof *p);
    size_t np = 0, k = 0;
    for (size_t i = 0; i < dp.n && rc == 0; i++) {
        size_t idx[2];
        bool have[2] = {false, false};
        for (int side = 0; side < 2; side++) {
            const char *path = dp.e[i].path[side];
            if (path && k < (size_t)nloaded && strcmp(doc_path(docs[k]), path) == 0) {
                idx[side] = k++;
                have[side] = true;
            }
        }
        if ((dp.e[i].path[0] && !have[0]) || (dp.e[i].path[1] && !have[1]))
            continue; /* a file of the pair was skipped */
        p[np++] = (struct tui_filepair){dp.e[i].rel, have[0] ? idx[0] : empty,
                                        have[1] ? idx[1] : empty, have[0] ? have[1] ? 0 : 1 : 2};
    }
    if (rc == 0 && reader) {
        struct theme theme;
        struct tui_opts to = reader_opts(ro, script, &theme);
        to.align = ro->ao;
        to.pairs = p;
        to.npairs = np;
        to.folders[0] = dirs[0];
        to.folders[1] = dirs[1];
        rc = tui_run(ctx, docs, ndocs, NULL, &to);
    } else if (rc == 0) {
        rc = folders_snapshot(ctx, docs, ndocs, p, np, ro);
    }
    bus_ndocs = 0;
    for (size_t i = 0; i < ndocs; i++)
        doc_free(docs[i]);
    free(docs);
    free(p);
    doc_ctx_free(ctx);
    free(files);
    free(in_dir);
    dirpair_free(&dp);
    return rc;
}

/* A folder, or more than two files, in the reader: the overview. */
static int run_overview(struct doc_ctx *ctx, struct doc **docs, size_t ndocs,
                        const struct run_opts *ro, const char *script)
{
    struct theme theme;
    struct tui_opts to = reader_opts(ro, script, &theme);
    to.overview = true;
    to.align = ro->ao;
    return tui_run(ctx, docs, ndocs, NULL, &to);
}

/* Two files or more, the first against each of the others: the reader
 * on the first pair, or a snapshot of every comparison (the exit status
 * says whether they differ, as diff's). */
static int run_compare(struct doc_ctx *ctx, struct doc **docs, size_t ndocs,
                       const struct run_opts *ro, const char *script, bool interactive,
                       const struct outfile_opts *oo)
{
    const struct settings *set = ro->set;
    size_t ncmp = ndocs - 1;
    struct export_cmp *cmps = xcalloc(ncmp, sizeof *cmps);
    aligning_progress(docs, ndocs);
    corpus_settle_roles(ctx, docs, ndocs); /* as the overview does */
    bool differ = false;
    for (size_t k = 0; k < ncmp; k++) {
        cmps[k].a = 0;
        cmps[k].b = k + 1;
        cmps[k].al = align_docs(docs[0], docs[k + 1], ctx, ro->ao);
        differ |= align_differs(cmps[k].al);
    }
    progress_end();
    int rc = 0;
    if (interactive) {
        struct theme theme;
        struct tui_opts to = reader_opts(ro, script, &theme);
        rc = tui_run(ctx, docs, ndocs, (struct alignment *)cmps[0].al, &to);
    } else {
        /* A reader that stops reading (wirediff ... | head, a pager quit
         * early) ends the output quietly; the exit status is the
         * comparison's, as diff's. */
        struct snapshot sn;
        snapshot_setup(&sn, set, ro->output, ro->width, ro->timestamp, true);
        struct export_input in = {
            .docs = (const struct doc *const *)docs,
            .ndocs = ndocs,
            .cmps = cmps,
            .ncmps = ncmp,
            .view = snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
        };
        signal(SIGPIPE, SIG_IGN);
        if (!ro->output) settings_page(set);
        add_digests(cmps, ncmp, ro->digest, ro->stat, sn.format);
        struct export_job job = {sn.format, &in};
        rc = ro->stat ? write_out(ro->output, oo, write_stat, &in)
                      : write_out(ro->output, oo, write_export, &job);
    }
    if (rc == 0) rc = differ ? EXIT_DIFFERENT : EXIT_SAME;
    free_cmps(cmps, ncmp);
    return rc;
}

int main(int argc, char **argv)
{
    util_malloc_setup();
    /* A write past ulimit -f fails with EFBIG ("File too large", one line)
     * instead of killing the run with its temporary file left behind. */
    signal(SIGXFSZ, SIG_IGN);
    struct cli o;
    int rc_cli = cli_parse(argc, argv, &o);
    if (rc_cli != CLI_GO_ON) {
        conf_free(&o.conf);
        return rc_cli == CLI_PRINTED ? flush_stdout() : rc_cli;
    }
    const char *output = o.output, *timestamp = o.timestamp, *script = o.script;
    int format = o.format;
    struct load_opts lopts = o.lopts;
    struct doc_opts dopts = o.dopts;
    bool overlap = o.overlap; /* or a folder's table, below */
    /* the config file, and the command line over it (static: what it
     * holds lives as long as the run) */
    static struct settings set;
    set.export = format;
    set.no_pager = o.no_pager;
    conf_init(&set.conf);
    int rc_conf = o.no_config ? 0 : settings_read_config(o.config_path, &set.conf);
    conf_merge(&set.conf, &o.conf);
    int cli_color = o.conf.color;
    conf_free(&o.conf);
    if (rc_conf == 0) rc_conf = settings_check(&set, output, cli_color);
    if (rc_conf) return rc_conf;
    bool words = set.conf.words != 0, fold = set.conf.fold == 1;
    int digest = set.conf.digest, width = set.conf.width;
    /* git's external diff, and two folders file by file */
    struct align_opts mode_ao;
    align_default_opts(&mode_ao);
    mode_ao.minimal = o.minimal;
    mode_ao.no_moves = o.no_moves;
    struct run_opts ro = {.set = &set,
                          .lo = &lopts,
                          .ao = &mode_ao,
                          .words = words,
                          .fold = fold,
                          .fold_min = set.conf.fold_min,
                          .width = width,
                          .timestamp = timestamp,
                          .output = output,
                          .force = o.force,
                          .digest = digest,
                          .stat = o.stat};
    if (!o.timeline && (o.git || o.order != VERSIONS_AUTO))
        return fail(NULL, "--git and --order go with --timeline");
    if (o.timeline) {
        lopts.doc = dopts;
        return end_run(timeline_mode(
            argv + o.first, (size_t)(argc - o.first), &ro, o.git, o.order, script, o.strict,
            overlap || o.sentences || o.extract || o.stat, format >= 0 || o.output_given));
    }
    struct gitdiff git;
    if (gitdiff_parse(argv + o.first, (size_t)(argc - o.first), getenv("GIT_DIFF_PATH_COUNTER"),
                      getenv("GIT_DIFF_PATH_TOTAL"), &git)) {
        lopts.doc = dopts;
        return end_run(run_git(&git, &ro, o.exit_code));
    }
    if (o.jsonl)
        return end_run(
            run_overlap_jsonl(argc - o.first, overlap, o.strict, &dopts, output, o.force));
    if (argc - o.first == 2 && !overlap && !o.sentences && !o.extract && is_dir(argv[o.first]) &&
        is_dir(argv[o.first + 1])) {
        bool reader = format < 0 && !o.output_given && !o.stat &&
                      (script || (isatty(STDOUT_FILENO) && terminal_usable()));
        dopts.map = true;
        bus_patch = reader;
        catch_sigbus();
        lopts.doc = dopts;
        const char *dirs[2] = {argv[o.first], argv[o.first + 1]};
        return end_run(run_folders(dirs, &ro, reader, script));
    }
    struct inputs args;
    const char *badarg = NULL;
    enum wd_status ist = inputs_expand(argv + o.first, (size_t)(argc - o.first), &args, &badarg);
    if (ist != WD_OK) return fail(badarg, util_strerror(ist));
    /* A folder or more than two files for a terminal: the overview of many
     * reports (the reader); without one, a folder prints the overlap table
     * and more files compare the first with each other. */
    bool can_read = script || (isatty(STDOUT_FILENO) && terminal_usable());
    bool overview = !overlap && !o.sentences && format < 0 && !o.output_given && can_read &&
                    (args.had_dir || args.n > 2);
    int ofmt = format >= 0 ? format : set.named; /* --export's, or -o's name's */
    bool asked_overlap = overlap;
    /* a folder of reports: how they overlap, or as HTML, Markdown or (but
     * with --overlap) JSON, the overview and the columns */
    bool columns = !overview && !o.sentences && (args.had_dir || overlap) &&
                   (ofmt == EXPORT_HTML || ofmt == EXPORT_MD || (ofmt == EXPORT_JSON && !overlap));
    overlap = !columns && (overlap || (args.had_dir && !overview));
    bool many = overlap || overview || columns; /* binary files in a folder are skipped */
    /* Files are mapped (see doc_opts.map), the reader's too: it holds a few
     * screens' worth of their pages rather than copies of them, says when
     * a file changed on disk while it is shown, and shows zeros for the
     * bytes of a file cut short under it (bus_patch) rather than stop. */
    dopts.map = !overview;
    if (dopts.map) catch_sigbus();
    if (overlap && ofmt >= 0 && ofmt != EXPORT_JSON && ofmt != EXPORT_TEXT) {
        inputs_free(&args);
        return fail(NULL, asked_overlap
                              ? "--overlap writes text or json (html and md: the overview and "
                                "the columns)"
                              : "a folder gives the --overlap table (text or json) or, in html, "
                                "md or json, the overview and the columns; for a pair name its "
                                "files, or two folders");
    }
    int nfiles = (int)args.n;
    char **files = args.paths;
    bool one = o.sentences || many || o.extract; /* modes that take one input */
    if (nfiles < (one ? 1 : 2)) {
        fprintf(stderr, "wirediff: %s\nTry 'wirediff --help' for more information.\n",
                one ? "no file given" : "need two files to compare");
        inputs_free(&args);
        return EXIT_TROUBLE;
    }
    int rc_early, nstdin = 0;
    for (int i = 0; i < nfiles; i++)
        nstdin += strcmp(files[i], "-") == 0;
    if (nstdin > 1) {
        inputs_free(&args);
        return fail("-", "standard input can be read only once");
    }

    if (lopts.save_dir) {
        /* say it before anything is fetched */
        struct stat sd;
        if (stat(lopts.save_dir, &sd) != 0)
            rc_early = fail(lopts.save_dir, util_strerror(util_status_from_errno(errno)));
        else if (!S_ISDIR(sd.st_mode))
            rc_early = fail(lopts.save_dir, "not a directory (--save-pages)");
        else if (access(lopts.save_dir, W_OK | X_OK) != 0)
            rc_early = fail(lopts.save_dir, util_strerror(util_status_from_errno(errno)));
        else
            rc_early = 0;
        bool any_url = false;
        for (int i = 0; i < nfiles; i++)
            any_url |= source_is_url(files[i]);
        if (rc_early == 0 && !any_url)
            fputs("wirediff: warning: --save-pages keeps fetched pages, and no URL was given\n",
                  stderr);
        if (rc_early) {
            inputs_free(&args);
            return rc_early;
        }
    }
    if (o.extract) {
        rc_early = run_extract(files, args.in_dir, (size_t)nfiles, &lopts, format == EXPORT_JSON,
                               many, &set);
        inputs_free(&args);
        return end_run(rc_early);
    }

    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, o.strict);
    struct doc **docs = xcalloc((size_t)nfiles, sizeof *docs);
    int ndocs = 0;
    lopts.doc = dopts;
    int rc = load_inputs(ctx, files, args.in_dir, (size_t)nfiles, &lopts, many, docs, &ndocs);
    bus_docs = docs; /* docs[0 .. ndocs) are in place before the count says so */
    bus_ndocs = ndocs;
    doc_ctx_seal(ctx); /* every document is in */
    /* -o never replaces an input */
    struct util_fileid *ids = xcalloc((size_t)ndocs + 1, sizeof *ids);
    struct outfile_opts oo = {.force = o.force, .inputs = ids};
    for (int i = 0; i < ndocs; i++)
        oo.ninputs += doc_fileid(docs[i], &ids[oo.ninputs]);
    if (rc == 0 && many && ndocs == 0) {
        rc = fail(args.had_dir ? argv[o.first] : files[0], util_strerror(WD_ENOTEXT));
    } else if (rc == 0 && overview) {
        rc = run_overview(ctx, docs, (size_t)ndocs, &ro, script);
    } else if (rc == 0 && columns) {
        char now[80];
        const char *ts = timestamp;
        if (!ts) {
            settings_now(&set, now, sizeof now);
            ts = now;
        }
        if (!output) settings_page(&set);
        rc = run_columns(ctx, docs, (size_t)ndocs, (enum export_format)ofmt, words, ts, ro.ao,
                         output, &oo);
    } else if (rc == 0 && overlap) {
        if (!output) settings_page(&set);
        rc = run_overlap(ctx, docs, (size_t)ndocs, ofmt == EXPORT_JSON, output, &oo);
    } else if (rc == 0 && o.sentences) {
        /* A reader that stops reading (| head) ends the output quietly. */
        signal(SIGPIPE, SIG_IGN);
        settings_page(&set);
        for (int i = 0; i < ndocs && rc == 0; i++)
            rc = print_sentences(docs[i], ndocs > 1);
        rc = flush_stdout();
    } else if (rc == 0) {
        bool interactive = format < 0 && !o.output_given && !o.stat && can_read;
        bus_patch = interactive;
        rc = run_compare(ctx, docs, (size_t)ndocs, &ro, script, interactive, &oo);
    }
    bus_ndocs = 0;
    for (int i = 0; i < ndocs; i++)
        doc_free(docs[i]);
    free(docs);
    doc_ctx_free(ctx);
    inputs_free(&args);
    free(ids);
    return end_run(rc);
}
