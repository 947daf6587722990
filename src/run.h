/* run.h - what the modes of the program share (main.c, run.c,
 * run_inputs.c, run_git.c, run_folders.c): messages, output, the
 * snapshot's settings, the reader's options and the loading of inputs.
 * Only this layer and the reader print; every function here that fails
 * has said why on one line of standard error. */
#ifndef WD_RUN_H
#define WD_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "align.h"
#include "doc.h"
#include "export.h"
#include "gitdiff.h"
#include "load.h"
#include "output.h"
#include "settings.h"
#include "theme.h"
#include "tui.h"

/* Exit statuses, as diff(1)'s. */
#define EXIT_SAME      0
#define EXIT_DIFFERENT 1
#define EXIT_TROUBLE   2

/* ---- messages and output (run.c) ---- */

/* "wirediff: PATH: MSG" (PATH escaped, escape.h) or "wirediff: MSG" on
 * stderr; returns EXIT_TROUBLE. */
int run_fail(const char *path, const char *msg);
/* The same with the message of fmt. */
int run_failf(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "wirediff: PATH: " and the message of fmt on stderr, PATH escaped as
 * in run_fail (NULL: none): a warning, or a note on what was done. */
void run_warn(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Standard output's width when it is a terminal, else $COLUMNS within
 * --width's bounds, else the default. */
int run_terminal_width(void);
/* A terminal the reader can drive: TERM set and not "dumb"; otherwise the
 * text form is printed, as when stdout is a pipe. */
bool run_terminal_usable(void);
/* Flush standard output: 0, or 2 after a one-line message (a full disk,
 * a closed descriptor).  A reader that stopped reading (a closed pipe:
 * "| head", a pager quit before the end) ends the output quietly, as diff
 * and git end: 0. */
int run_flush_stdout(void);
/* Write the batch output through fn to -o's path (NULL: standard
 * output): 0, or 2 after a one-line message; a closed pipe is no
 * trouble (see run_flush_stdout). */
int run_write_out(const char *path, const struct outfile_opts *oo, output_fn fn, void *arg);
/* The end of a run: the pager, if one shows the output, is waited for. */
int run_end(int rc);
bool run_is_dir(const char *path);

/* ---- snapshots and comparisons (run.c) ---- */

/* An export of in in format fmt, for run_write_out (run_write_export). */
struct run_export_job {
    enum export_format fmt;
    const struct export_input *in;
};
enum wd_status run_write_export(FILE *f, void *arg);
/* --stat (arg: a struct export_input): a line per comparison (two
 * folders: with diff -r's "Only in" lines where they fall). */
enum wd_status run_write_stat(FILE *f, void *arg);
/* The digests (digest.h) of cmps[0 .. n) when what is written shows them:
 * --stat, --digest (1), or by default (-1) HTML, Markdown and JSON. */
void run_add_digests(struct export_cmp *cmps, size_t n, int digest, bool stat,
                     enum export_format fmt);
/* Free the digests and alignments of cmps[0 .. n), and cmps. */
void run_free_cmps(struct export_cmp *cmps, size_t n);

/* How a batch run writes its snapshot: the format, colours, the theme,
 * the width and the time. */
struct run_snapshot {
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
void run_snapshot_setup(struct run_snapshot *sn, const struct settings *set, const char *path,
                        int width, const char *time, bool ask);
/* What a snapshot shows: sn's width, time and colours, the options'
 * words, fold and digest (1: first in text and inline). */
struct export_view run_snapshot_view(const struct run_snapshot *sn, bool words, bool fold,
                                     int fold_min, int digest);

/* What the modes take of the options. */
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
/* The reader's theme, into t: the terminal is asked unless the reader
 * runs headless or without colours. */
const struct theme *run_reader_theme(const struct settings *set, const char *script,
                                     struct theme *t);
/* The reader's options that every mode takes from ro (its theme into
 * *theme); the mode adds its own (overview, pairs, ...). */
struct tui_opts run_reader_opts(const struct run_opts *ro, const char *script, struct theme *theme);
/* The -o options that keep docs[0 .. n) from being replaced; ids has
 * room for n. */
struct outfile_opts run_out_opts(const struct run_opts *ro, struct doc *const *docs, size_t n,
                                 struct util_fileid *ids);

/* ---- inputs: files, pages, URLs (run_inputs.c) ---- */

/* Load every input into docs[0 .. *ndocs): 0, or 2 after a message.
 * in_dir[i] says files[i] came from a folder; with many, a file of a
 * folder that is not text is skipped with a warning. */
int run_load_inputs(struct doc_ctx *ctx, char **files, const bool *in_dir, size_t n,
                    struct load_opts *lo, bool many, struct doc **docs, int *ndocs);
/* --extract: each input's text as wirediff compares it, without the
 * headline (a page's article body, one paragraph a line; a text file as
 * it is), or with --export=json its metadata too.  Nothing is written
 * unless every input can be read. */
int run_extract(char **files, const bool *in_dir, size_t n, struct load_opts *lo, bool json,
                bool many, const struct settings *set);
/* Runs that map their files (doc_opts.map) read a file's pages when they
 * need them; if another program truncates the file meanwhile, reading a
 * lost page raises SIGBUS.  The handler says so on one line, naming the
 * file when one of docs[0 .. n) (run_bus_docs; NULL, 0: none) holds the
 * address, and exits with status 2 like any other trouble.  The reader
 * cannot stop there (curses holds the terminal): with run_bus_patch, it
 * shows zeros where the file lost its bytes, and says that the file
 * changed. */
void run_catch_sigbus(void);
void run_bus_docs(struct doc **docs, size_t n);
void run_bus_patch(bool patch);

/* ---- the modes of their own files ---- */

/* wirediff as git's external diff (gitdiff.h, run_git.c): the two versions of one
 * path under git's names (a/PATH, b/PATH), after a title that counts the
 * paths (GIT_DIFF_PATH_COUNTER/TOTAL), on standard output, where git's
 * pager shows it.  Binary files are one line, as git says it.  The exit
 * status is 0 unless --exit-code (then 1 for files that differ), 2 for
 * trouble ("external diff died"). */
int run_git(const struct gitdiff *g, const struct run_opts *ro, bool exit_code);
/* wirediff FOLDER1 FOLDER2: the files of both paired by relative path
 * (dirpair.h, run_folders.c); the reader lists the pairs, a snapshot holds those that
 * differ.  A file only one folder holds is compared with an empty
 * document in the reader, and listed as "Only in" in a snapshot. */
int run_folders(const char *const dirs[2], const struct run_opts *ro, bool reader,
                const char *script);

#endif
