/* main.c - options, batch or interactive mode, exit status like diff(1):
 * 0 no differences, 1 differences, 2 trouble. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#if defined HAVE_MALLOPT && HAVE_DECL_M_MMAP_THRESHOLD
#include <malloc.h>
#endif
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
#include "corpus.h"
#include "digest.h"
#include "export_overlap.h"
#include "inputs.h"
#include "load.h"
#include "doc.h"
#include "escape.h"
#include "export.h"
#include "source.h"
#include "output.h"
#include "tui.h"
#include "web.h"
#include "util.h"

#define EXIT_SAME      0
#define EXIT_DIFFERENT 1
#define EXIT_TROUBLE   2

/* Width of side-by-side text when stdout is no terminal. */
#define DEFAULT_WIDTH 160
/* Bounds of --width and $COLUMNS. */
#define WIDTH_MIN 20
#define WIDTH_MAX 10000

enum {
    OPT_SENTENCES = 256,
    OPT_EXPORT,
    OPT_TEXT,
    OPT_FORCE,
    OPT_MINIMAL,
    OPT_NO_MOVES,
    OPT_NO_WORDS,
    OPT_FOLD,
    OPT_SCRIPT,
    OPT_OVERLAP,
    OPT_TIMESTAMP,
    OPT_EXTRACT,
    OPT_INPUT,
    OPT_SAVE_PAGES,
    OPT_TIMEOUT,
    OPT_MAX_PAGE,
    OPT_STRICT,
    OPT_DIGEST,
    OPT_NO_DIGEST,
    OPT_STAT,
};

/* Longest --timestamp accepted, in bytes. */
#define TIMESTAMP_MAX 64

static const struct option long_opts[] = {
    {"sentences", no_argument, NULL, OPT_SENTENCES},
    {"export", required_argument, NULL, OPT_EXPORT},
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"width", required_argument, NULL, 'w'},
    {"text", no_argument, NULL, OPT_TEXT},
    {"minimal", no_argument, NULL, OPT_MINIMAL},
    {"no-moves", no_argument, NULL, OPT_NO_MOVES},
    {"no-words", no_argument, NULL, OPT_NO_WORDS},
    {"fold", no_argument, NULL, OPT_FOLD},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"timestamp", required_argument, NULL, OPT_TIMESTAMP},
    {"overlap", no_argument, NULL, OPT_OVERLAP},
    {"extract", no_argument, NULL, OPT_EXTRACT},
    {"input", required_argument, NULL, OPT_INPUT},
    {"save-pages", required_argument, NULL, OPT_SAVE_PAGES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-page-size", required_argument, NULL, OPT_MAX_PAGE},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"digest", no_argument, NULL, OPT_DIGEST},
    {"no-digest", no_argument, NULL, OPT_NO_DIGEST},
    {"stat", no_argument, NULL, OPT_STAT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
    fputs("Usage: wirediff [OPTION]... FILE1 FILE2 [FILE]...\n"
          "  or:  wirediff [OPTION]... FOLDER...\n"
          "  or:  wirediff --extract [--export=json] FILE|URL...\n"
          "Compare variants of one article sentence by sentence: reworded sentences are\n"
          "paired, moved ones recognised, and the differing words inside each pair marked.\n"
          "A FILE may be a text, a saved web page (.html, or a file that starts like one)\n"
          "or a URL (http, https): a page is compared as its article, the headline and\n"
          "then the story's paragraphs.  With a terminal on standard output the pair\n"
          "opens side by side; otherwise, or with --export, a snapshot is written.  FILE\n"
          "may be - for standard input (once).  A FOLDER stands for its files.  With a\n"
          "FOLDER or more than two files, a terminal opens the overview of which reports\n"
          "overlap; otherwise snapshots compare the first file with each of the others,\n"
          "and a FOLDER prints the --overlap table.\n"
          "\n"
          "Output:\n"
          "      --export=FORMAT  write a snapshot: html (one page, side by side), md\n"
          "                       (Markdown), text (side by side, [-old-] {+new+}), ansi\n"
          "                       (side by side in colour, for less -R), inline (one\n"
          "                       column, wdiff style), json\n"
          "  -o, --output=FILE    write the snapshot (or the --overlap table) to FILE,\n"
          "                       atomically, through links, never over an input;\n"
          "                       - is standard output\n"
          "      --force          replace FILE if it exists\n"
          "  -w, --width=N        width of side-by-side text (default: terminal, else 160)\n"
          "      --no-words       do not mark word differences inside pairs\n"
          "      --fold           fold runs of identical sentences\n"
          "      --timestamp=TEXT write TEXT as the time of the snapshot (HTML and Markdown\n"
          "                       headers, the reader's default file names) instead of\n"
          "                       the current local time, e.g. 2026-11-23T17:10:00Z\n"
          "      --sentences      print each file's sentences with their byte spans\n"
          "      --overlap        print which reports overlap and by how much (text, or\n"
          "                       json with --export=json), boilerplate left out\n"
          "      --digest         text and inline: print what changed in substance first\n"
          "                       (HTML, Markdown and JSON begin with it by default)\n"
          "      --no-digest      leave the digest out of HTML, Markdown and JSON, and\n"
          "                       the reader's status line (d still lists it)\n"
          "      --stat           print one line per pair: rows by kind, then quotations,\n"
          "                       numbers, names, attributions and negations changed\n"
          "      --extract        print each input's text as it is compared, without the\n"
          "                       headline (a page: its article, a paragraph a line);\n"
          "                       with --export=json, its metadata too\n"
          "\n"
          "Web pages and URLs:\n"
          "      --input=HOW      auto (default: a page by its name or first bytes), text\n"
          "                       (the bytes as they are, markup included) or html\n"
          "      --save-pages=DIR keep each fetched page in DIR (named by site, date and a\n"
          "                       hash, with where and when it was fetched)\n"
          "      --timeout=SECONDS  give up a URL after SECONDS (default 30)\n"
          "      --max-page-size=SIZE  refuse larger pages (default 20M; K, M, G)\n"
          "\n"
          "Comparison:\n"
          "      --minimal        exact sentence diff, no cost limit (slow on huge input)\n"
          "      --no-moves       do not pair sentences that moved\n"
          "      --strict         count case, quote style and dashes as changes (by\n"
          "                       default they are marked quietly in identical rows)\n"
          "      --text           compare files with NUL bytes as text\n"
          "      --script=FILE    run the reader headless from a key script (tests)\n"
          "\n"
          "  -h, --help           show this help and exit\n"
          "  -V, --version        show the version and exit\n"
          "\n"
          "In the reader: j/k scroll, ]/[ next/previous difference, / search, f fold,\n"
          "w word marks, s swap, m moved counterpart, e export (E: the rows on screen),\n"
          "d what changed in substance, i where the documents come from, q quit; ? lists\n"
          "every key.  The gutter labels lines that are not the story (h headline,\n"
          "d dateline, c caption or credit, a byline, b boilerplate; B hides the last\n"
          "three) and marks weak pairs ?; rows the same but for case, quotes or dashes\n"
          "underline those characters.  Hard-wrapped text reads as its paragraphs.\n"
          "\n"
          "Exit status: 0 no differences, 1 differences, 2 trouble.\n"
          "See wirediff(1) for the keys and the JSON format.\n",
          f);
}

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

static bool parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = (int)v;
    return true;
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
    if (c && parse_int(c, WIDTH_MIN, WIDTH_MAX, &w)) return w;
    return DEFAULT_WIDTH;
}

/* A terminal the reader can drive: TERM set and not "dumb"; otherwise the
 * text form is printed, as when stdout is a pipe. */
static bool terminal_usable(void)
{
    const char *t = getenv("TERM");
    return t && *t && strcmp(t, "dumb") != 0 && strcmp(t, "unknown") != 0;
}

/* Flush standard output: 0, or 2 after a one-line message (a closed pipe,
 * a full disk, a closed descriptor). */
static int flush_stdout(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
    return fail("standard output", strerror(errno));
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

/* --version's second line: what the web module (web.h) reads, and with
 * which libraries; or why there is none. */
static void print_web_support(void)
{
    const char *why = NULL;
    const struct web_module *m = web_module_get(&why);
    if (!m) {
        printf("web pages: no; URLs: no (%s)\n", why);
        return;
    }
    printf("web pages: %s; URLs: %s (%s)\n", m->html_supported() ? "yes" : "no",
           m->fetch_supported() ? "yes" : "no", *m->libraries ? m->libraries : "no libraries");
}

/* A --timestamp: 1 to TIMESTAMP_MAX bytes of printable text. */
static bool timestamp_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > TIMESTAMP_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) return false;
    return true;
}

/* Write the batch output through fn to -o's path (NULL: standard
 * output): 0, or 2 after a one-line message. */
static int write_out(const char *path, const struct outfile_opts *oo, output_fn fn, void *arg)
{
    int err;
    enum wd_status st = output_write(path, oo, fn, arg, &err);
    if (st == WD_OK) return 0;
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

struct export_job {
    enum export_format fmt;
    const struct export_input *in;
};

static enum wd_status write_export(FILE *f, void *arg)
{
    const struct export_job *j = arg;
    return export_write(f, j->fmt, j->in);
}

/* --stat: a line per comparison. */
static enum wd_status write_stat(FILE *f, void *arg)
{
    const struct export_input *in = arg;
    for (size_t k = 0; k < in->ncmps; k++)
        export_stat_line(f, &in->cmps[k]);
    return ferror(f) ? WD_EIO : WD_OK;
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
    fprintf(stderr, "\rwirediff: fetching %zu page%s: %zu done, %zu kB (Ctrl-C cancels)\033[K", total,
            total == 1 ? "" : "s", done, bytes / 1024);
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
    if (rc == 0) load_docs(ctx, items, n, &lo->doc, loaded);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (read[i]) rc = item_trouble(&items[i], many, in_dir[i]);
        if (rc || !loaded[i]) continue;
        docs[(*ndocs)++] = loaded[i];
        loaded[i] = NULL;
        bool seen = false; /* one warning per file, even when named twice */
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(files[j], files[i]) == 0;
        if (seen) continue;
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
    free(read);
    free(items);
    return rc;
}

/* --extract: each input's text as wirediff compares it, without the
 * headline (a page's article body, one paragraph a line; a text file as
 * it is), or with --export=json its metadata too.  Nothing is written
 * unless every input can be read. */
static int run_extract(char **files, const bool *in_dir, size_t n, struct load_opts *lo, bool json,
                       bool many)
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

/* A size in bytes, with an optional K, M or G (powers of 1024), from 1K
 * to 1G. */
static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-') return false;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K') mul = 1024;
    else if (*end == 'm' || *end == 'M')
        mul = 1024 * 1024;
    else if (*end == 'g' || *end == 'G')
        mul = 1024 * 1024 * 1024;
    if (mul > 1) end++;
    if (*end == 'B' || *end == 'b') end++;
    if (*end || v > (1ull << 30) / mul || v * mul < 1024) return false;
    *out = (size_t)(v * mul);
    return true;
}

/* Runs that map their files (doc_opts.map) read a file's pages when they
 * need them; if another program truncates the file meanwhile, reading a
 * lost page raises SIGBUS.  The handler says so on one line, naming the
 * file when the address tells which (the documents are known once they
 * are loaded), and exits with status 2 like any other trouble. */
static struct doc **bus_docs;
static volatile sig_atomic_t bus_ndocs;

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

/* Blocks of MMAP_THRESHOLD bytes or more are mapped on their own and
 * given back to the system when freed.  glibc raises its threshold after
 * the first such block is freed, and the large arrays of one phase of an
 * alignment (similarity bags, the diff's vectors) would then stay resident
 * through the next: the peak at 100k sentences went from 55 to 48 MB. */
#define MMAP_THRESHOLD (256 * 1024)

int main(int argc, char **argv)
{
#if defined HAVE_MALLOPT && HAVE_DECL_M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
#endif
    /* A write past ulimit -f fails with EFBIG ("File too large", one line)
     * instead of killing the run with its temporary file left behind. */
    signal(SIGXFSZ, SIG_IGN);
    bool sentences = false, force = false, minimal = false, no_moves = false;
    bool words = true, fold = false, overlap = false, stat_mode = false, strict = false;
    int digest = -1; /* --digest 1, --no-digest 0, else each format's default */
    int format = -1, width = 0;
    const char *output = NULL, *timestamp = NULL; /* output: NULL for -o - */
    bool output_given = false;
    const char *script = getenv("WIREDIFF_SCRIPT");
    struct doc_opts dopts = {.text = false};
    bool extract = false;
    struct load_opts lopts = {.input = SOURCE_AUTO,
                              .fetch = {.timeout = FETCH_TIMEOUT, .max_bytes = FETCH_MAX_BYTES}};

    int c;
    while ((c = getopt_long(argc, argv, "o:w:hV", long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_SENTENCES:
            sentences = true;
            break;
        case OPT_EXPORT:
            format = export_parse_format(optarg);
            if (format < 0) {
                fprintf(stderr,
                        "wirediff: unknown export format '%s' "
                        "(html, md, text, ansi, json, inline)\n",
                        optarg);
                return EXIT_TROUBLE;
            }
            break;
        case 'o':
            if (!*optarg) return fail(NULL, "--output needs a file name (- for standard output)");
            output = strcmp(optarg, "-") == 0 ? NULL : optarg;
            output_given = true;
            break;
        case OPT_FORCE:
            force = true;
            break;
        case 'w':
            if (!parse_int(optarg, WIDTH_MIN, WIDTH_MAX, &width))
                return fail(NULL, "--width takes a number from 20 to 10000");
            break;
        case OPT_TEXT:
            dopts.text = true;
            break;
        case OPT_MINIMAL:
            minimal = true;
            break;
        case OPT_NO_MOVES:
            no_moves = true;
            break;
        case OPT_STRICT:
            strict = true;
            break;
        case OPT_NO_WORDS:
            words = false;
            break;
        case OPT_FOLD:
            fold = true;
            break;
        case OPT_SCRIPT:
            script = optarg;
            break;
        case OPT_TIMESTAMP:
            if (!timestamp_ok(optarg))
                return fail(NULL, "--timestamp takes 1 to 64 printable characters");
            timestamp = optarg;
            break;
        case OPT_OVERLAP:
            overlap = true;
            break;
        case OPT_EXTRACT:
            extract = true;
            break;
        case OPT_INPUT:
            if (strcmp(optarg, "text") == 0) lopts.input = SOURCE_TEXT;
            else if (strcmp(optarg, "html") == 0)
                lopts.input = SOURCE_HTML;
            else if (strcmp(optarg, "auto") == 0)
                lopts.input = SOURCE_AUTO;
            else
                return fail(NULL, "--input takes text, html or auto");
            break;
        case OPT_SAVE_PAGES:
            lopts.save_dir = optarg;
            break;
        case OPT_TIMEOUT: {
            int secs;
            if (!parse_int(optarg, 1, 86400, &secs))
                return fail(NULL, "--timeout takes a number of seconds from 1 to 86400");
            lopts.fetch.timeout = secs;
            break;
        }
        case OPT_DIGEST:
            digest = 1;
            break;
        case OPT_NO_DIGEST:
            digest = 0;
            break;
        case OPT_STAT:
            stat_mode = true;
            break;
        case OPT_MAX_PAGE:
            if (!parse_size(optarg, &lopts.fetch.max_bytes))
                return fail(NULL, "--max-page-size takes a size from 1K to 1G (bytes, or with "
                                  "K, M or G: 20M)");
            break;
        case 'h':
            usage(stdout);
            return flush_stdout();
        case 'V':
            puts(PACKAGE_STRING);
            print_web_support();
            return flush_stdout();
        default:
            fputs("Try 'wirediff --help' for more information.\n", stderr);
            return EXIT_TROUBLE;
        }
    }
    struct inputs args;
    const char *badarg = NULL;
    enum wd_status ist = inputs_expand(argv + optind, (size_t)(argc - optind), &args, &badarg);
    if (ist != WD_OK) return fail(badarg, util_strerror(ist));
    /* A folder or more than two files for a terminal: the overview of many
     * reports (the reader); without one, a folder prints the overlap table
     * and more files compare the first with each other. */
    bool can_read = script || (isatty(STDOUT_FILENO) && terminal_usable());
    bool overview = !overlap && !sentences && format < 0 && !output_given && can_read &&
                    (args.had_dir || args.n > 2);
    overlap = overlap || (args.had_dir && !overview); /* a folder of reports: how they overlap */
    bool many = overlap || overview;                  /* binary files in a folder are skipped */
    /* Runs that end before their input can change map their files (see
     * doc_opts.map); the reader reads them, so that a file edited while it
     * is shown stays as it was read. */
    dopts.map = !overview && (overlap || sentences || format >= 0 || output_given || !can_read);
    if (dopts.map) catch_sigbus();
    if (overlap && format >= 0 && format != EXPORT_JSON && format != EXPORT_TEXT) {
        inputs_free(&args);
        return fail(NULL, "--overlap writes text or json");
    }
    int nfiles = (int)args.n;
    char **files = args.paths;
    bool one = sentences || many || extract; /* modes that take one input */
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
    if (extract) {
        rc_early =
            run_extract(files, args.in_dir, (size_t)nfiles, &lopts, format == EXPORT_JSON, many);
        inputs_free(&args);
        return rc_early;
    }

    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, strict);
    struct doc **docs = xcalloc((size_t)nfiles, sizeof *docs);
    int ndocs = 0;
    lopts.doc = dopts;
    int rc = load_inputs(ctx, files, args.in_dir, (size_t)nfiles, &lopts, many, docs, &ndocs);
    bus_docs = docs; /* docs[0 .. ndocs) are in place before the count says so */
    bus_ndocs = ndocs;
    doc_ctx_seal(ctx); /* every document is in */
    /* -o never replaces an input */
    struct util_fileid *ids = xcalloc((size_t)ndocs + 1, sizeof *ids);
    struct outfile_opts oo = {.force = force, .inputs = ids};
    for (int i = 0; i < ndocs; i++)
        oo.ninputs += doc_fileid(docs[i], &ids[oo.ninputs]);
    if (rc == 0 && many && ndocs == 0) {
        rc = fail(args.had_dir ? argv[optind] : files[0], util_strerror(WD_ENOTEXT));
    } else if (rc == 0 && overview) {
        struct align_opts ao;
        align_default_opts(&ao);
        ao.minimal = minimal;
        ao.no_moves = no_moves;
        struct tui_opts to = {.script = script,
                              .words = words,
                              .fold = fold,
                              .no_digest = digest == 0,
                              .timestamp = timestamp,
                              .overview = true,
                              .align = &ao};
        rc = tui_run(ctx, docs, (size_t)ndocs, NULL, &to);
    } else if (rc == 0 && overlap) {
        rc = run_overlap(ctx, docs, (size_t)ndocs, format == EXPORT_JSON, output, &oo);
    } else if (rc == 0 && sentences) {
        /* A reader that stops reading (| head) is a write error: exit 2. */
        signal(SIGPIPE, SIG_IGN);
        for (int i = 0; i < ndocs && rc == 0; i++)
            rc = print_sentences(docs[i], ndocs > 1);
        rc = flush_stdout();
    } else if (rc == 0) {
        struct align_opts ao;
        align_default_opts(&ao);
        ao.minimal = minimal;
        ao.no_moves = no_moves;
        size_t ncmp = (size_t)ndocs - 1;
        struct export_cmp *cmps = xcalloc(ncmp, sizeof *cmps);
        corpus_settle_roles(ctx, docs, (size_t)ndocs); /* as the overview does */
        bool differ = false;
        for (size_t k = 0; k < ncmp; k++) {
            cmps[k].a = 0;
            cmps[k].b = k + 1;
            cmps[k].al = align_docs(docs[0], docs[k + 1], ctx, &ao);
            const struct align_stats *st = align_get_stats(cmps[k].al);
            if (st->rows[ROW_CHANGED] + st->rows[ROW_MOVED] + st->rows[ROW_DELETED] +
                    st->rows[ROW_INSERTED] >
                0)
                differ = true;
        }
        bool interactive = format < 0 && !output_given && !stat_mode &&
                           (script || (isatty(STDOUT_FILENO) && terminal_usable()));
        if (interactive) {
            struct tui_opts to = {.script = script,
                                  .words = words,
                                  .fold = fold,
                                  .no_digest = digest == 0,
                                  .timestamp = timestamp};
            rc = tui_run(ctx, docs, (size_t)ndocs, (struct alignment *)cmps[0].al, &to);
            if (rc == 0) rc = differ ? EXIT_DIFFERENT : EXIT_SAME;
        }
        if (format < 0) format = EXPORT_TEXT;
        char now[48];
        if (!timestamp && !interactive) {
            export_timestamp_now(now, sizeof now);
            timestamp = now;
        }
        struct export_input in = {
            .docs = (const struct doc *const *)docs,
            .ndocs = (size_t)ndocs,
            .cmps = cmps,
            .ncmps = ncmp,
            .view = {.width = width ? width : terminal_width(),
                     .words = words,
                     .fold = fold,
                     .digest = digest == 1,
                     .timestamp = timestamp},
        };
        /* A reader that stops reading (wirediff ... | head) is a write
         * error like any other: reported on one line, exit status 2. */
        if (!interactive) {
            signal(SIGPIPE, SIG_IGN);
            /* the digest: what the formats that show it need (digest.h) */
            if (stat_mode || digest == 1 ||
                (digest < 0 &&
                 (format == EXPORT_HTML || format == EXPORT_MD || format == EXPORT_JSON)))
                for (size_t k = 0; k < ncmp; k++)
                    cmps[k].dg = digest_new(cmps[k].al, NULL);
            struct export_job job = {(enum export_format)format, &in};
            rc = stat_mode ? write_out(output, &oo, write_stat, &in)
                      : write_out(output, &oo, write_export, &job);
        }
        if (rc == 0) rc = differ ? EXIT_DIFFERENT : EXIT_SAME;
        for (size_t k = 0; k < ncmp; k++) {
            digest_free((struct digest *)cmps[k].dg);
            align_free((struct alignment *)cmps[k].al);
        }
        free(cmps);
    }
    bus_ndocs = 0;
    for (int i = 0; i < ndocs; i++)
        doc_free(docs[i]);
    free(docs);
    doc_ctx_free(ctx);
    inputs_free(&args);
    free(ids);
    return rc;
}
