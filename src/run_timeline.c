/* run_timeline.c - the timeline mode (run_timeline.h): load the versions,
 * order them, then the reader or one snapshot of the chain. */
#include "config.h"

#include "run_timeline.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "escape.h"
#include "export_timeline.h"
#include "gitlog.h"
#include "inputs.h"
#include "jsonl.h"
#include "output.h"
#include "run.h"
#include "source.h"
#include "timeline.h"
#include "tui.h"
#include "util.h"

/* The versions as loaded, in the order of their sources, then ordered. */
struct tl_load {
    struct doc_ctx *ctx;
    struct doc **docs;
    size_t n;
    struct export_version *v; /* per document, in the same order */
    char **names;             /* names made here (git, JSON Lines), freed at the end */
    size_t nnames;
    struct gitlog_version *git;
    size_t ngit;
    struct inputs args;
    bool had_dir;
    const char *order; /* for the snapshots: "args", "name", ... */
};

static void tl_load_free(struct tl_load *L)
{
    for (size_t i = 0; i < L->n; i++)
        doc_free(L->docs[i]);
    free(L->docs);
    free(L->v);
    for (size_t i = 0; i < L->nnames; i++)
        free(L->names[i]);
    free(L->names);
    gitlog_free(L->git, L->ngit);
    inputs_free(&L->args);
    if (L->ctx) doc_ctx_free(L->ctx);
}

/* Make documents of in[0 .. n) (their texts and metadata taken): 0, or 2
 * after a message naming the first that failed. */
static int load_texts(struct tl_load *L, struct doc_input *in, size_t n, const struct doc_opts *o)
{
    enum wd_status *st = xcalloc(n ? n : 1, sizeof *st);
    struct doc **d = xcalloc(n ? n : 1, sizeof *d);
    char **names = xcalloc(n ? n : 1, sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = xstrdup(in[i].name);
    doc_load_inputs(L->ctx, in, n, o, d, st);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (st[i] != WD_OK && rc == 0) rc = run_failf(names[i], "%s", util_strerror(st[i]));
        if (d[i]) L->docs[L->n++] = d[i];
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(d);
    free(st);
    return rc;
}

/* --git FILE: every committed version, oldest first. */
static int load_git(struct tl_load *L, const char *file, const struct doc_opts *o)
{
    char err[GITLOG_ERR_MAX];
    if (gitlog_versions(file, &L->git, &L->ngit, err) != WD_OK) {
        fprintf(stderr, "wirediff: %s\n", err);
        return EXIT_TROUBLE;
    }
    size_t n = L->ngit;
    L->docs = xcalloc(n, sizeof *L->docs);
    L->v = xcalloc(n, sizeof *L->v);
    L->names = xcalloc(n, sizeof *L->names);
    struct doc_input *in = xcalloc(n, sizeof *in);
    for (size_t i = 0; i < n; i++) {
        struct gitlog_version *g = &L->git[i];
        size_t len = strlen(g->path) + 16;
        L->names[L->nnames] = xmalloc(len);
        snprintf(L->names[L->nnames], len, "%s@%.7s", g->path, g->rev);
        in[i].name = L->names[L->nnames++];
        in[i].text = g->text; /* taken by the load */
        in[i].len = g->len;
        g->text = NULL;
        g->len = 0;
        L->v[i] = (struct export_version){.has_time = true,
                                          .time = g->time,
                                          .iso = g->time_iso,
                                          .rev = g->rev,
                                          .author = g->author,
                                          .subject = g->subject};
    }
    int rc = load_texts(L, in, n, o);
    free(in);
    L->order = "git";
    return rc;
}

/* -: JSON Lines on standard input, a version a line. */
static int load_jsonl(struct tl_load *L, const struct doc_opts *o)
{
    if (!jsonl_supported())
        return run_failf("-", "JSON Lines need json-c, and this wirediff was built without it");
    struct load_item it = {.name = "-"};
    load_text(&it, false);
    if (it.st != WD_OK) {
        int rc = run_failf("-", "%s", it.err[0] ? it.err : util_strerror(it.st));
        load_item_free(&it);
        return rc;
    }
    struct jsonl_version *jv;
    size_t n;
    char err[SOURCE_ERR_MAX];
    bool ok = jsonl_parse(it.text ? it.text : "", it.len, &jv, &n, err);
    load_item_free(&it);
    if (!ok) return run_failf("standard input", "%s", err);
    L->docs = xcalloc(n ? n : 1, sizeof *L->docs);
    L->v = xcalloc(n ? n : 1, sizeof *L->v);
    L->names = xcalloc(2 * n + 1, sizeof *L->names);
    struct doc_input *in = xcalloc(n ? n : 1, sizeof *in);
    for (size_t i = 0; i < n; i++) {
        char name[48];
        snprintf(name, sizeof name, "-:%zu", jv[i].line);
        L->names[L->nnames] = xstrdup(name);
        in[i].name = L->names[L->nnames++];
        in[i].text = jv[i].text;
        in[i].len = jv[i].len;
        jv[i].text = NULL;
        jv[i].len = 0;
        if (jv[i].meta.modified) {
            /* kept for the version's time; the load takes the metadata */
            L->names[L->nnames] = xstrdup(jv[i].meta.modified);
            L->v[i].iso = L->names[L->nnames++];
            L->v[i].has_time = versions_parse_iso8601(L->v[i].iso, &L->v[i].time);
        }
        in[i].meta = &jv[i].meta;
    }
    int rc = load_texts(L, in, n, o);
    free(in);
    jsonl_free(jv, n);
    L->order = "args";
    return rc;
}

/* FILE... or FOLDER: the files as the other modes read them. */
static int load_files(struct tl_load *L, char **args, size_t nargs, const struct load_opts *lo)
{
    const char *bad = NULL;
    enum wd_status st = inputs_expand(args, nargs, &L->args, &bad);
    if (st != WD_OK) return run_failf(bad, "%s", util_strerror(st));
    size_t n = L->args.n;
    L->had_dir = L->args.had_dir;
    L->docs = xcalloc(n ? n : 1, sizeof *L->docs);
    L->v = xcalloc(n ? n : 1, sizeof *L->v);
    struct load_item *items = xcalloc(n ? n : 1, sizeof *items);
    load_sources(L->args.paths, n, lo, items);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (items[i].st != WD_OK && !(items[i].skippable && L->args.in_dir[i]))
            rc = run_failf(items[i].name, "%s", items[i].err);
    struct doc **d = xcalloc(n ? n : 1, sizeof *d);
    if (rc == 0) load_docs(L->ctx, items, n, &lo->doc, d);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && items[i].st != WD_OK) {
            if (items[i].skippable && L->args.in_dir[i]) {
                char *e = escape_str(items[i].name);
                fprintf(stderr, "wirediff: %s: %s, skipped\n", e,
                        items[i].st == WD_EBINARY ? "binary file" : items[i].err);
                free(e);
            } else {
                rc = run_failf(items[i].name, "%s", items[i].err);
            }
        }
        if (d[i]) {
            if (rc == 0)
                L->docs[L->n++] = d[i];
            else
                doc_free(d[i]);
        }
        load_item_free(&items[i]);
    }
    free(d);
    free(items);
    return rc;
}

/* Put the documents in the order asked for, and give each its time. */
static int order_versions(struct tl_load *L, enum versions_order how, bool files)
{
    size_t n = L->n;
    struct versions_item *it = xcalloc(n, sizeof *it);
    for (size_t i = 0; i < n; i++) {
        const struct doc *d = L->docs[i];
        it[i].path = doc_path(d);
        struct stat sb;
        if (files && stat(doc_path(d), &sb) == 0)
            it[i].mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
        const struct source_meta *m = doc_meta(d);
        it[i].meta_time = m ? (m->modified ? m->modified : m->published) : NULL;
    }
    size_t *perm = xcalloc(n, sizeof *perm);
    int64_t *times = xcalloc(n, sizeof *times);
    enum versions_order used;
    char err[VERSIONS_ERR_MAX];
    if (versions_sort(it, n, how, L->had_dir, perm, &used, times, err) != WD_OK) {
        fprintf(stderr, "wirediff: %s\n", err);
        free(it);
        free(perm);
        free(times);
        return EXIT_TROUBLE;
    }
    struct doc **docs = xcalloc(n, sizeof *docs);
    struct export_version *v = xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        size_t j = perm[i];
        docs[i] = L->docs[j];
        v[i] = L->v[j];
        if (used != VERSIONS_ARGS) {
            v[i].has_time = true;
            v[i].time = times[i];
        } else if (!v[i].has_time && files) {
            /* shown as given: the best time known, for the table */
            int64_t t;
            if (it[j].meta_time && versions_parse_iso8601(it[j].meta_time, &t)) {
                v[i].has_time = true;
                v[i].time = t;
            } else if (versions_time_in_name(it[j].path, &t)) {
                v[i].has_time = true;
                v[i].time = t;
            } else if (it[j].mtime_ns) {
                v[i].has_time = true;
                v[i].time = it[j].mtime_ns / 1000000000;
            }
        }
        if (files && !v[i].iso && it[j].meta_time) v[i].iso = it[j].meta_time;
    }
    free(L->docs);
    free(L->v);
    L->docs = docs;
    L->v = v;
    if (files || how != VERSIONS_AUTO) L->order = versions_order_name(used);
    free(it);
    free(perm);
    free(times);
    return 0;
}

struct snap_job {
    const struct export_timeline *x;
    enum export_format fmt;
    const struct export_view *view;
    int digest;
};

static enum wd_status write_snapshot(FILE *f, void *arg)
{
    const struct snap_job *j = arg;
    return export_timeline(f, j->fmt, j->x, j->view, j->digest);
}

/* Say which versions share nothing with the one before (a folder of
 * unrelated stories is read, not refused). */
static void warn_unrelated(struct timeline *tl)
{
    for (size_t k = 1; k < timeline_count(tl); k++) {
        if (!timeline_summary(tl, k)->unrelated) continue;
        char *a = escape_str(doc_label(timeline_doc(tl, k)));
        char *b = escape_str(doc_label(timeline_doc(tl, k - 1)));
        fprintf(stderr,
                "wirediff: warning: version %zu (%s) shares no sentence with version %zu (%s)\n",
                k + 1, a, k, b);
        free(a);
        free(b);
    }
}

static bool timeline_differs(struct timeline *tl)
{
    for (size_t k = 1; k < timeline_count(tl); k++)
        if (timeline_summary(tl, k)->change != TIMELINE_NO_CHANGE) return true;
    return false;
}

int run_timeline(const struct timeline_run *r)
{
    struct tl_load L = {.order = "args"};
    bool jsonl = r->nargs == 1 && strcmp(r->args[0], "-") == 0 && !r->git;
    if (r->nargs == 0)
        return run_failf(NULL,
                         "--timeline needs the versions: FILE..., a FOLDER, - (JSON Lines) or "
                         "--git FILE");
    if (r->git && r->nargs != 1) return run_failf(NULL, "--timeline --git takes one FILE");
    for (size_t i = 0; i < r->nargs && !jsonl; i++)
        if (strcmp(r->args[i], "-") == 0)
            return run_failf("-", "standard input holds the versions as JSON Lines: give - alone");
    L.ctx = doc_ctx_new();
    doc_ctx_set_strict(L.ctx, r->strict);
    int rc;
    if (r->git)
        rc = load_git(&L, r->args[0], &r->lo->doc);
    else if (jsonl)
        rc = load_jsonl(&L, &r->lo->doc);
    else
        rc = load_files(&L, r->args, r->nargs, r->lo);
    if (rc == 0 && L.n < 2)
        rc = run_failf(r->git          ? NULL
                       : jsonl         ? "standard input"
                       : r->nargs == 1 ? r->args[0]
                                       : NULL,
                       "a timeline needs at least two versions (%s)",
                       L.n == 0 ? "none given" : "one given");
    if (rc == 0 && !r->git && (r->order != VERSIONS_AUTO || !jsonl))
        rc = order_versions(&L, r->order, !jsonl);
    else if (rc == 0 && r->git && r->order != VERSIONS_AUTO)
        rc = run_failf(NULL, "--git gives the commits in their order; --order does not apply");
    if (rc) {
        tl_load_free(&L);
        return rc;
    }
    doc_ctx_seal(L.ctx);
    struct timeline *tl;
    if (timeline_new((const struct doc *const *)L.docs, L.n, r->ao, &tl) != WD_OK) {
        tl_load_free(&L);
        return run_failf(NULL, "a timeline needs at least two versions");
    }
    struct export_timeline x = {.tl = tl, .v = L.v, .order = L.order};
    if (r->reader) {
        struct tui_opts to = {.script = r->script,
                              .words = r->view.words,
                              .fold = r->view.fold,
                              .fold_min = r->view.fold_min,
                              .no_digest = r->digest == 0,
                              .timestamp = r->timestamp,
                              .timestamp_format = r->set->conf.timestamp_format,
                              .format = r->set->conf.format,
                              .align = r->ao,
                              .theme = r->theme,
                              .mono = r->mono,
                              .timeline = &x};
        rc = tui_run(L.ctx, L.docs, L.n, NULL, &to);
    } else {
        timeline_build_all(tl);
        warn_unrelated(tl);
        struct util_fileid *ids = xcalloc(L.n + 1, sizeof *ids);
        struct outfile_opts oo = {.force = r->force, .inputs = ids};
        for (size_t i = 0; i < L.n; i++)
            oo.ninputs += doc_fileid(L.docs[i], &ids[oo.ninputs]);
        struct snap_job job = {&x, r->format, &r->view, r->digest};
        signal(SIGPIPE, SIG_IGN);
        if (!r->output) settings_page(r->set);
        int err = 0;
        enum wd_status st = output_write(r->output, &oo, write_snapshot, &job, &err);
        if (st != WD_OK && !(st == WD_EIO && err == EPIPE))
            rc = run_failf(r->output ? r->output : "standard output", "%s",
                           st == WD_EIO && err ? strerror(err) : util_strerror(st));
        free(ids);
    }
    if (rc == 0) rc = timeline_differs(tl) ? 1 : 0;
    timeline_free(tl);
    tl_load_free(&L);
    return rc;
}
