/* main.c - the modes: batch or interactive, exit status like diff(1):
 * 0 no differences, 1 differences, 2 trouble.  The options are parsed in
 * cli.c; what the modes share, the loading of inputs, git's external diff
 * and two folders are in run.c, run_inputs.c, run_git.c and
 * run_folders.c (run.h), the timeline in run_timeline.c. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align.h"
#include "cli.h"
#include "conf.h"
#include "corpus.h"
#include "doc.h"
#include "escape.h"
#include "export.h"
#include "export_columns.h"
#include "export_overlap.h"
#include "gitdiff.h"
#include "inputs.h"
#include "load.h"
#include "output.h"
#include "overlap_jsonl.h"
#include "progress.h"
#include "run.h"
#include "run_timeline.h"
#include "settings.h"
#include "source.h"
#include "tui.h"
#include "util.h"

/* Print "index<TAB>start<TAB>end<TAB>text" per sentence, the gold TSV form,
 * the text escaped (escape.h: a line per sentence, and nothing a terminal
 * would obey); write errors are left for run_flush_stdout to report. */
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
    int rc = run_write_out(output, oo, write_overlap, &job);
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
        return run_fail(NULL, "--jsonl goes with --overlap and reads the documents from standard "
                              "input (no file operands)");
    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, strict);
    struct overlap_input in;
    char err[SOURCE_ERR_MAX];
    int rc;
    if (overlap_jsonl_read(ctx, dopts, stdin, &in, err) != WD_OK) {
        rc = run_fail("standard input", err);
    } else {
        doc_ctx_seal(ctx);
        struct stat st; /* -o never replaces the input */
        bool file = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
        struct util_fileid id = {file ? (uint64_t)st.st_dev : 0, file ? (uint64_t)st.st_ino : 0};
        struct outfile_opts oo = {.force = force, .inputs = &id, .ninputs = file};
        struct corpus *c = corpus_new(ctx, in.docs, in.n);
        signal(SIGPIPE, SIG_IGN);
        struct overlap_jsonl_job job = {c, &in};
        rc = run_write_out(output, &oo, write_overlap_jsonl, &job);
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
    int rc = run_write_out(output, oo, write_columns, &job);
    for (size_t k = 0; k < n; k++)
        if (al[k]) align_free(al[k]);
    free(al);
    free(cols);
    corpus_free(c);
    return rc;
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

/* --timeline (run_timeline.h): the reader, or a snapshot as the options
 * set it up; other modes do not combine with it. */
static int timeline_mode(char **args, size_t n, const struct run_opts *ro, bool git,
                         enum versions_order order, const char *script, bool strict, bool other,
                         bool snapshot)
{
    if (other)
        return run_fail(NULL, "--timeline opens the reader or writes a snapshot (--export, -o); "
                              "--overlap, --sentences, --extract and --stat do not apply");
    bool reader = !snapshot && (script || (isatty(STDOUT_FILENO) && run_terminal_usable()));
    struct theme theme;
    struct run_snapshot sn;
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
        r.theme = run_reader_theme(ro->set, script, &theme);
        r.view =
            (struct export_view){.words = ro->words, .fold = ro->fold, .fold_min = ro->fold_min};
    } else {
        run_snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, true);
        r.format = sn.format;
        r.view = run_snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest);
    }
    return run_timeline(&r);
}

/* A folder, or more than two files, in the reader: the overview. */
static int run_overview(struct doc_ctx *ctx, struct doc **docs, size_t ndocs,
                        const struct run_opts *ro, const char *script)
{
    struct theme theme;
    struct tui_opts to = run_reader_opts(ro, script, &theme);
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
        struct tui_opts to = run_reader_opts(ro, script, &theme);
        rc = tui_run(ctx, docs, ndocs, (struct alignment *)cmps[0].al, &to);
    } else {
        /* A reader that stops reading (wirediff ... | head, a pager quit
         * early) ends the output quietly; the exit status is the
         * comparison's, as diff's. */
        struct run_snapshot sn;
        run_snapshot_setup(&sn, set, ro->output, ro->width, ro->timestamp, true);
        struct export_input in = {
            .docs = (const struct doc *const *)docs,
            .ndocs = ndocs,
            .cmps = cmps,
            .ncmps = ncmp,
            .view = run_snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
        };
        signal(SIGPIPE, SIG_IGN);
        if (!ro->output) settings_page(set);
        run_add_digests(cmps, ncmp, ro->digest, ro->stat, sn.format);
        struct run_export_job job = {sn.format, &in};
        rc = ro->stat ? run_write_out(ro->output, oo, run_write_stat, &in)
                      : run_write_out(ro->output, oo, run_write_export, &job);
    }
    if (rc == 0) rc = differ ? EXIT_DIFFERENT : EXIT_SAME;
    run_free_cmps(cmps, ncmp);
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
        return rc_cli == CLI_PRINTED ? run_flush_stdout() : rc_cli;
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
        return run_fail(NULL, "--git and --order go with --timeline");
    if (o.timeline) {
        lopts.doc = dopts;
        return run_end(timeline_mode(
            argv + o.first, (size_t)(argc - o.first), &ro, o.git, o.order, script, o.strict,
            overlap || o.sentences || o.extract || o.stat, format >= 0 || o.output_given));
    }
    struct gitdiff git;
    if (gitdiff_parse(argv + o.first, (size_t)(argc - o.first), getenv("GIT_DIFF_PATH_COUNTER"),
                      getenv("GIT_DIFF_PATH_TOTAL"), &git)) {
        lopts.doc = dopts;
        return run_end(run_git(&git, &ro, o.exit_code));
    }
    if (o.jsonl)
        return run_end(
            run_overlap_jsonl(argc - o.first, overlap, o.strict, &dopts, output, o.force));
    if (argc - o.first == 2 && !overlap && !o.sentences && !o.extract &&
        run_is_dir(argv[o.first]) && run_is_dir(argv[o.first + 1])) {
        bool reader = format < 0 && !o.output_given && !o.stat &&
                      (script || (isatty(STDOUT_FILENO) && run_terminal_usable()));
        dopts.map = true;
        run_bus_patch(reader);
        run_catch_sigbus();
        lopts.doc = dopts;
        const char *dirs[2] = {argv[o.first], argv[o.first + 1]};
        return run_end(run_folders(dirs, &ro, reader, script));
    }
    struct inputs args;
    const char *badarg = NULL;
    enum wd_status ist = inputs_expand(argv + o.first, (size_t)(argc - o.first), &args, &badarg);
    if (ist != WD_OK) return run_fail(badarg, util_strerror(ist));
    /* A folder or more than two files for a terminal: the overview of many
     * reports (the reader); without one, a folder prints the overlap table
     * and more files compare the first with each other. */
    bool can_read = script || (isatty(STDOUT_FILENO) && run_terminal_usable());
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
     * bytes of a file cut short under it (run_bus_patch) rather than stop. */
    dopts.map = !overview;
    if (dopts.map) run_catch_sigbus();
    if (overlap && ofmt >= 0 && ofmt != EXPORT_JSON && ofmt != EXPORT_TEXT) {
        inputs_free(&args);
        return run_fail(
            NULL, asked_overlap ? "--overlap writes text or json (html and md: the overview and "
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
        return run_fail("-", "standard input can be read only once");
    }

    if (lopts.save_dir) {
        /* say it before anything is fetched */
        struct stat sd;
        if (stat(lopts.save_dir, &sd) != 0)
            rc_early = run_fail(lopts.save_dir, util_strerror(util_status_from_errno(errno)));
        else if (!S_ISDIR(sd.st_mode))
            rc_early = run_fail(lopts.save_dir, "not a directory (--save-pages)");
        else if (access(lopts.save_dir, W_OK | X_OK) != 0)
            rc_early = run_fail(lopts.save_dir, util_strerror(util_status_from_errno(errno)));
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
        return run_end(rc_early);
    }

    struct doc_ctx *ctx = doc_ctx_new();
    doc_ctx_set_strict(ctx, o.strict);
    struct doc **docs = xcalloc((size_t)nfiles, sizeof *docs);
    int ndocs = 0;
    lopts.doc = dopts;
    int rc = run_load_inputs(ctx, files, args.in_dir, (size_t)nfiles, &lopts, many, docs, &ndocs);
    run_bus_docs(docs, (size_t)ndocs);
    doc_ctx_seal(ctx); /* every document is in */
    /* -o never replaces an input */
    struct util_fileid *ids = xcalloc((size_t)ndocs + 1, sizeof *ids);
    struct outfile_opts oo = {.force = o.force, .inputs = ids};
    for (int i = 0; i < ndocs; i++)
        oo.ninputs += doc_fileid(docs[i], &ids[oo.ninputs]);
    if (rc == 0 && many && ndocs == 0) {
        rc = run_fail(args.had_dir ? argv[o.first] : files[0], util_strerror(WD_ENOTEXT));
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
        rc = run_flush_stdout();
    } else if (rc == 0) {
        bool interactive = format < 0 && !o.output_given && !o.stat && can_read;
        run_bus_patch(interactive);
        rc = run_compare(ctx, docs, (size_t)ndocs, &ro, script, interactive, &oo);
    }
    run_bus_docs(NULL, 0);
    for (int i = 0; i < ndocs; i++)
        doc_free(docs[i]);
    free(docs);
    doc_ctx_free(ctx);
    inputs_free(&args);
    free(ids);
    return run_end(rc);
}
