/* cli.h - the command line: wirediff's options parsed into one struct,
 * --help and --version.  main.c reads the struct, merges the config file
 * and picks the mode (DESIGN.md layer 11). */
#ifndef WIREDIFF_CLI_H
#define WIREDIFF_CLI_H

#include <stdbool.h>

#include "conf.h"
#include "load.h"
#include "versions.h"

/* Width of side-by-side text when stdout is no terminal. */
#define CLI_DEFAULT_WIDTH 160
/* Bounds of --width and $COLUMNS. */
#define CLI_WIDTH_MIN 20
#define CLI_WIDTH_MAX 10000

/* What the command line asks for. */
struct cli {
    bool sentences, force, minimal, no_moves, jsonl, overlap, stat, strict, extract;
    bool timeline, git, no_config, no_pager, exit_code;
    bool output_given;         /* -o given (output is NULL for -o -) */
    int format;                /* --export's enum export_format, else -1 */
    const char *output;        /* -o's path; NULL: standard output */
    const char *timestamp;     /* --timestamp, else NULL */
    const char *script;        /* --script, else $WIREDIFF_SCRIPT, else NULL */
    const char *config_path;   /* --config, else NULL */
    struct conf conf;          /* what it sets of the config file's settings */
    struct doc_opts dopts;     /* --text */
    struct load_opts lopts;    /* --input, --save-pages, --timeout, --max-page-size */
    enum versions_order order; /* --order, else VERSIONS_AUTO */
    int first;                 /* argv's first operand */
};

/* cli_parse's results besides an exit status. */
#define CLI_GO_ON   (-1) /* parsed: run */
#define CLI_PRINTED (-2) /* --help or --version printed to standard output */

/* Parse argv into *c (conf_free(&c->conf) once read): CLI_GO_ON,
 * CLI_PRINTED, or the exit status 2 after a one-line message on stderr
 * (a bad option or value). */
int cli_parse(int argc, char **argv, struct cli *c);

/* A decimal number from lo to hi (as int): whether s is one. */
bool cli_parse_int(const char *s, long lo, long hi, int *out);

#endif
