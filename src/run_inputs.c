/* run_inputs.c - the inputs of a run (run.h): files, pages and URLs
 * read with a progress line and Ctrl-C, what went wrong said on one line,
 * --extract, and SIGBUS on a mapped file cut short. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "progress.h"
#include "run.h"
#include "util.h"

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
        run_warn(it->name, "%s, skipped", it->st == WD_EBINARY ? "binary file" : err);
    else
        rc = run_fail(it->name, err);
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

int run_load_inputs(struct doc_ctx *ctx, char **files, const bool *in_dir, size_t n,
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
        if (items[i].warn[0]) run_warn(files[i], "%s", items[i].warn);
        if (enc)
            run_warn(files[i], "note: %s converted to UTF-8%s", enc,
                     units ? " (invalid code units shown as U+FFFD)" : "");
        else if (bad)
            run_warn(files[i], "warning: %zu invalid UTF-8 byte%s shown as U+FFFD", bad,
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

int run_extract(char **files, const bool *in_dir, size_t n, struct load_opts *lo, bool json,
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
                if (items[i].warn[0]) run_warn(items[i].name, "%s", items[i].warn);
                fwrite(items[i].text + items[i].body, 1, items[i].len - items[i].body, stdout);
            }
        rc = run_flush_stdout();
    }
    for (size_t i = 0; i < n; i++)
        load_item_free(&items[i]);
    free(items);
    return rc;
}

/* SIGBUS (run_catch_sigbus): the documents loaded, and whether the reader
 * patches their lost pages. */
static struct doc **bus_docs;
static volatile sig_atomic_t bus_ndocs;
static volatile sig_atomic_t bus_patch;

void run_bus_docs(struct doc **docs, size_t n)
{
    bus_ndocs = 0;
    bus_docs = docs; /* docs[0 .. n) are in place before the count says so */
    bus_ndocs = (sig_atomic_t)n;
}

void run_bus_patch(bool patch)
{
    bus_patch = patch;
}

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

void run_catch_sigbus(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}
