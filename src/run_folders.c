/* run_folders.c - wirediff FOLDER1 FOLDER2 (run.h, dirpair.h): the
 * reader on the pairs of files, or a snapshot of those that differ. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "dirpair.h"
#include "run.h"
#include "util.h"

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
    struct run_snapshot sn;
    run_snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, true);
    struct export_input in = {
        .docs = used,
        .ndocs = nused,
        .cmps = cmps,
        .ncmps = ncmps,
        .view = run_snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
        .only = only,
        .nonly = nonly,
    };
    struct util_fileid *ids = xcalloc(ndocs + 1, sizeof *ids);
    struct outfile_opts oo = run_out_opts(ro, docs, ndocs, ids);
    signal(SIGPIPE, SIG_IGN);
    if (!ro->output) settings_page(ro->set);
    run_add_digests(cmps, ncmps, ro->digest, ro->stat, sn.format);
    struct run_export_job job = {sn.format, &in};
    int rc = ro->stat ? run_write_out(ro->output, &oo, run_write_stat, &in)
                      : run_write_out(ro->output, &oo, run_write_export, &job);
    run_free_cmps(cmps, ncmps);
    free(ids);
    free(only);
    free(used);
    return rc ? rc : ncmps || nonly ? EXIT_DIFFERENT : EXIT_SAME;
}

int run_folders(const char *const dirs[2], const struct run_opts *ro, bool reader,
                const char *script)
{
    struct dirpair dp;
    char *bad = NULL;
    enum wd_status st = dirpair_scan(dirs, &dp, &bad);
    if (st != WD_OK) {
        int rc = run_fail(bad, util_strerror(st));
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
    int rc = run_load_inputs(ctx, files, in_dir, nf, ro->lo, true, docs, &nloaded);
    size_t ndocs = (size_t)nloaded;
    /* what a file that only one folder holds is compared with */
    size_t empty = ndocs;
    if (rc == 0 && doc_from_memory(ctx, "(no file)", "", 0, &ro->lo->doc, &docs[ndocs]) == WD_OK)
        ndocs++;
    run_bus_docs(docs, ndocs);
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
        struct tui_opts to = run_reader_opts(ro, script, &theme);
        to.align = ro->ao;
        to.pairs = p;
        to.npairs = np;
        to.folders[0] = dirs[0];
        to.folders[1] = dirs[1];
        rc = tui_run(ctx, docs, ndocs, NULL, &to);
    } else if (rc == 0) {
        rc = folders_snapshot(ctx, docs, ndocs, p, np, ro);
    }
    run_bus_docs(NULL, 0);
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
