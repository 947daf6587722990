/* cli.c - the command line: the options into struct cli, --help and
 * --version (cli.h). */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fetch.h"
#include "web.h"

#define EXIT_TROUBLE 2

/* --version's last lines. */
#define WD_COPYRIGHT "Copyright (C) 2026 the wirediff authors."
#define WD_LICENSE                                                                                 \
    "License MIT: <https://opensource.org/licenses/MIT>.\n"                                        \
    "This is free software: you are free to change and redistribute it.\n"                         \
    "There is NO WARRANTY, to the extent permitted by law."

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
    OPT_JSONL,
    OPT_TIMESTAMP,
    OPT_EXTRACT,
    OPT_INPUT,
    OPT_SAVE_PAGES,
    OPT_TIMEOUT,
    OPT_MAX_PAGE,
    OPT_COLOR,
    OPT_THEME,
    OPT_NO_PAGER,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_EXIT_CODE,
    OPT_WORDS,
    OPT_NO_FOLD,
    OPT_STRICT,
    OPT_DIGEST,
    OPT_NO_DIGEST,
    OPT_STAT,
    OPT_ORDER,
    OPT_GIT,
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
    {"fold", optional_argument, NULL, OPT_FOLD},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"timestamp", required_argument, NULL, OPT_TIMESTAMP},
    {"overlap", no_argument, NULL, OPT_OVERLAP},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"extract", no_argument, NULL, OPT_EXTRACT},
    {"input", required_argument, NULL, OPT_INPUT},
    {"save-pages", required_argument, NULL, OPT_SAVE_PAGES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-page-size", required_argument, NULL, OPT_MAX_PAGE},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"theme", required_argument, NULL, OPT_THEME},
    {"no-pager", no_argument, NULL, OPT_NO_PAGER},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"exit-code", no_argument, NULL, OPT_EXIT_CODE},
    {"words", no_argument, NULL, OPT_WORDS},
    {"no-fold", no_argument, NULL, OPT_NO_FOLD},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"digest", no_argument, NULL, OPT_DIGEST},
    {"no-digest", no_argument, NULL, OPT_NO_DIGEST},
    {"stat", no_argument, NULL, OPT_STAT},
    {"timeline", no_argument, NULL, 't'},
    {"order", required_argument, NULL, OPT_ORDER},
    {"git", no_argument, NULL, OPT_GIT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
    fputs("Usage: wirediff [OPTION]... FILE1 FILE2 [FILE]...\n"
          "  or:  wirediff [OPTION]... FOLDER...\n"
          "  or:  wirediff [OPTION]... FOLDER1 FOLDER2\n"
          "  or:  wirediff --timeline [OPTION]... FILE...|FOLDER|-|--git FILE\n"
          "  or:  wirediff --extract [--export=json] FILE|URL...\n"
          "Compare variants of one article sentence by sentence: reworded sentences are\n"
          "paired, moved ones recognised, and the differing words inside each pair marked.\n"
          "A FILE may be a text, a saved web page (.html, or a file that starts like one)\n"
          "or a URL (http, https): a page is compared as its article, the headline and\n"
          "then the story's paragraphs.  With a terminal on standard output the pair\n"
          "opens side by side; otherwise, or with --export, a snapshot is written (to a\n"
          "terminal through a pager).  FILE may be - for standard input (once).  A\n"
          "FOLDER stands for its files: one FOLDER or more than two files open the\n"
          "overview of which reports overlap on a terminal; otherwise snapshots compare\n"
          "the first file with each of the others, a FOLDER prints the --overlap table,\n"
          "and a FOLDER with --export=html, md or json writes the overview and the\n"
          "columns (the pivot the others derive from beside the documents sharing a\n"
          "sentence with it).  Two FOLDERs are compared file by file, paired by relative\n"
          "path as diff -r does.  Called by git as its external diff (seven or nine\n"
          "arguments), it compares the two versions git names.\n"
          "\n"
          "Snapshots:\n"
          "      --export=FORMAT  write a snapshot: html (one page, side by side), md\n"
          "                       (Markdown), text (side by side, [-old-] {+new+}; in\n"
          "                       colour when colours are on), ansi (side by side in\n"
          "                       colour), inline (one column, wdiff style), json\n"
          "  -o, --output=FILE    write the snapshot (or the --overlap table) to FILE,\n"
          "                       atomically, through links, never over an input;\n"
          "                       - is standard output; without --export, FILE's\n"
          "                       extension names the format (.html .htm .md .json .txt\n"
          "                       .ans)\n"
          "      --force          replace FILE if it exists\n"
          "      --timestamp=TEXT write TEXT as the time of the snapshot (HTML and Markdown\n"
          "                       headers, the reader's default file names) instead of\n"
          "                       the current local time, e.g. 2026-11-23T17:10:00Z\n"
          "\n"
          "What to show:\n"
          "  -w, --width=N        width of side-by-side text (default: terminal, else 160)\n"
          "      --no-words, --words  do not (do) mark word differences inside pairs\n"
          "      --fold[=N], --no-fold  fold (show) runs of N or more identical\n"
          "                       sentences (default 3)\n"
          "\n"
          "Other outputs:\n"
          "      --sentences      print each file's sentences with their byte spans\n"
          "      --overlap        print which reports overlap and by how much (text, or\n"
          "                       json with --export=json), boilerplate left out; with\n"
          "                       --export=html or md, the overview and the columns\n"
          "      --jsonl          with --overlap: documents as JSON Lines on standard\n"
          "                       input ({\"id\":...,\"text\":...} or \"html\"), one pair a\n"
          "                       line, then one document a line\n"
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
          "Versions over time:\n"
          "  -t, --timeline       the files are versions of one article: read them as a\n"
          "                       chain, each against the one before (the reader's\n"
          "                       timeline; snapshots: the version table, the first\n"
          "                       against the latest, then each step); - reads them as\n"
          "                       JSON Lines, {\"time\":...,\"url\":...,\"title\":...,\n"
          "                       \"text\":...} a line\n"
          "      --order=HOW      args (as given; the default for files), name (the date\n"
          "                       and time in each name), mtime, meta (a page's time);\n"
          "                       a FOLDER: meta, else name, else mtime\n"
          "      --git            with --timeline FILE: every committed version of FILE\n"
          "\n"
          "Terminal:\n"
          "      --color[=WHEN]   colours: auto (default: on a terminal or git's pager,\n"
          "                       unless NO_COLOR is set), always, never\n"
          "      --theme=THEME    auto (default: asks the terminal), dark or light\n"
          "      --no-pager       write to the terminal, not through $WIREDIFF_PAGER,\n"
          "                       $PAGER or less\n"
          "\n"
          "Configuration:\n"
          "      --config=FILE    read settings from FILE instead of\n"
          "                       $XDG_CONFIG_HOME/wirediff/config\n"
          "      --no-config      read no config file\n"
          "\n"
          "Git (see wirediff(1), EXAMPLES):\n"
          "      --exit-code      as git's external diff, exit 1 when the files differ\n"
          "                       (diff.<driver>.trustExitCode); else 0\n"
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
          "Large files: a progress line shows while they load and align; Ctrl-C cancels.\n"
          "\n"
          "Exit status: 0 no differences, 1 differences, 2 trouble (as git's external\n"
          "diff: 0 unless --exit-code).\n"
          "See wirediff(1) for the keys, the config file and the JSON format.\n",
          f);
}

/* "wirediff: MSG" on stderr; the exit status for trouble. */
static int bad(const char *msg)
{
    fprintf(stderr, "wirediff: %s\n", msg);
    return EXIT_TROUBLE;
}

bool cli_parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = (int)v;
    return true;
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

/* A size in bytes, with an optional K, M or G (powers of 1024), from 1K
 * to 1G. */
static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-') return false;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1024;
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

int cli_parse(int argc, char **argv, struct cli *c)
{
    *c = (struct cli){.format = -1,
                      .script = getenv("WIREDIFF_SCRIPT"),
                      .order = VERSIONS_AUTO,
                      .lopts = {.input = SOURCE_AUTO,
                                .fetch = {.timeout = FETCH_TIMEOUT, .max_bytes = FETCH_MAX_BYTES}}};
    conf_init(&c->conf);
    int o;
    while ((o = getopt_long(argc, argv, "o:w:hVt", long_opts, NULL)) != -1) {
        switch (o) {
        case OPT_SENTENCES:
            c->sentences = true;
            break;
        case OPT_EXPORT:
            c->format = export_parse_format(optarg);
            if (c->format < 0) {
                fprintf(stderr,
                        "wirediff: unknown export format '%s' "
                        "(html, md, text, ansi, json, inline)\n",
                        optarg);
                return EXIT_TROUBLE;
            }
            break;
        case 'o':
            if (!*optarg) return bad("--output needs a file name (- for standard output)");
            c->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
            c->output_given = true;
            break;
        case OPT_FORCE:
            c->force = true;
            break;
        case 'w':
            if (!cli_parse_int(optarg, CLI_WIDTH_MIN, CLI_WIDTH_MAX, &c->conf.width))
                return bad("--width takes a number from 20 to 10000");
            break;
        case OPT_TEXT:
            c->dopts.text = true;
            break;
        case OPT_MINIMAL:
            c->minimal = true;
            break;
        case OPT_NO_MOVES:
            c->no_moves = true;
            break;
        case OPT_STRICT:
            c->strict = true;
            break;
        case OPT_NO_WORDS:
        case OPT_WORDS:
            c->conf.words = o == OPT_WORDS;
            break;
        case OPT_FOLD:
        case OPT_NO_FOLD:
            c->conf.fold = o == OPT_FOLD;
            if (o == OPT_FOLD && optarg && (c->conf.fold_min = conf_parse_fold_min(optarg)) < 0)
                return bad("--fold=N takes a number of sentences from 1 to 1000");
            break;
        case OPT_COLOR:
            c->conf.color = optarg ? conf_parse_color_mode(optarg) : CONF_COLOR_ALWAYS;
            if (c->conf.color < 0) return bad("--color takes auto, always or never");
            break;
        case OPT_THEME:
            if ((c->conf.theme = conf_parse_theme(optarg)) < 0)
                return bad("--theme takes auto, dark or light");
            break;
        case OPT_NO_PAGER:
            c->no_pager = true;
            break;
        case OPT_CONFIG:
            c->config_path = optarg;
            break;
        case OPT_NO_CONFIG:
            c->no_config = true;
            break;
        case OPT_EXIT_CODE:
            c->exit_code = true;
            break;
        case OPT_SCRIPT:
            c->script = optarg;
            break;
        case OPT_TIMESTAMP:
            if (!timestamp_ok(optarg)) return bad("--timestamp takes 1 to 64 printable characters");
            c->timestamp = optarg;
            break;
        case OPT_OVERLAP:
            c->overlap = true;
            break;
        case OPT_JSONL:
            c->jsonl = true;
            break;
        case OPT_EXTRACT:
            c->extract = true;
            break;
        case OPT_INPUT:
            if (strcmp(optarg, "text") == 0)
                c->lopts.input = SOURCE_TEXT;
            else if (strcmp(optarg, "html") == 0)
                c->lopts.input = SOURCE_HTML;
            else if (strcmp(optarg, "auto") == 0)
                c->lopts.input = SOURCE_AUTO;
            else
                return bad("--input takes text, html or auto");
            break;
        case OPT_SAVE_PAGES:
            c->lopts.save_dir = optarg;
            break;
        case OPT_TIMEOUT: {
            int secs;
            if (!cli_parse_int(optarg, 1, 86400, &secs))
                return bad("--timeout takes a number of seconds from 1 to 86400");
            c->lopts.fetch.timeout = secs;
            break;
        }
        case OPT_DIGEST:
        case OPT_NO_DIGEST:
            c->conf.digest = o == OPT_DIGEST;
            break;
        case OPT_STAT:
            c->stat = true;
            break;
        case 't':
            c->timeline = true;
            break;
        case OPT_ORDER:
            if (!versions_parse_order(optarg, &c->order))
                return bad("--order takes args, name, mtime or meta");
            break;
        case OPT_GIT:
            c->git = true;
            break;
        case OPT_MAX_PAGE:
            if (!parse_size(optarg, &c->lopts.fetch.max_bytes))
                return bad("--max-page-size takes a size from 1K to 1G (bytes, or with "
                           "K, M or G: 20M)");
            break;
        case 'h':
            usage(stdout);
            return CLI_PRINTED;
        case 'V':
            puts(PACKAGE_STRING);
            print_web_support();
            puts(WD_COPYRIGHT);
            puts(WD_LICENSE);
            return CLI_PRINTED;
        default:
            fputs("Try 'wirediff --help' for more information.\n", stderr);
            return EXIT_TROUBLE;
        }
    }
    c->first = optind;
    return CLI_GO_ON;
}
