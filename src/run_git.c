/* run_git.c - wirediff as git's external diff (run.h, gitdiff.h). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "run.h"
#include "transcode.h"
#include "util.h"

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
    if (j->stat) return run_write_stat(f, (void *)j->in);
    return export_write(f, j->fmt, j->in);
}

int run_git(const struct gitdiff *g, const struct run_opts *ro, bool exit_code)
{
    struct run_snapshot sn;
    run_snapshot_setup(&sn, ro->set, ro->output, ro->width, ro->timestamp, false);
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
        rc = run_write_out(ro->output, &oo, write_git, &job);
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
        rc = run_write_out(ro->output, &oo, write_git, &job);
        free(line);
    } else {
        struct doc_ctx *ctx = doc_ctx_new();
        char *files[2] = {(char *)g->file[0], (char *)g->file[1]};
        bool in_dir[2] = {false, false};
        struct doc *docs[2] = {NULL, NULL};
        int ndocs = 0;
        rc = run_load_inputs(ctx, files, in_dir, 2, ro->lo, false, docs, &ndocs);
        doc_ctx_seal(ctx);
        if (rc == 0) {
            for (int side = 0; side < 2; side++)
                doc_rename(docs[side], name[side]);
            oo = run_out_opts(ro, docs, 2, ids);
            struct export_cmp *cmp = xcalloc(1, sizeof *cmp);
            *cmp = (struct export_cmp){
                .a = 0, .b = 1, .al = align_docs(docs[0], docs[1], ctx, ro->ao)};
            differ = align_differs(cmp->al);
            run_add_digests(cmp, 1, ro->digest, ro->stat, sn.format);
            struct export_input in = {
                .docs = (const struct doc *const *)docs,
                .ndocs = 2,
                .cmps = cmp,
                .ncmps = 1,
                .view = run_snapshot_view(&sn, ro->words, ro->fold, ro->fold_min, ro->digest),
            };
            job.in = &in;
            rc = run_write_out(ro->output, &oo, write_git, &job);
            run_free_cmps(cmp, 1);
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
