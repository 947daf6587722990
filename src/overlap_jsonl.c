/* overlap_jsonl.c - the documents of `wirediff --overlap --jsonl`
 * (overlap_jsonl.h): standard input read whole, parsed by the web
 * module's JSON Lines reader, pages extracted on parallel threads, the
 * texts loaded as documents named by their ids. */
#include "config.h"

#include "overlap_jsonl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

/* All of f into a new buffer (*len bytes); NULL on a read error. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) buf = xgrow(&buf, &cap, n + 1, 1);
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int cmp_id(const void *p, const void *q)
{
    const struct jsonl_doc *const *a = p, *const *b = q;
    int c = strcmp((*a)->id, (*b)->id);
    if (c) return c;
    return (*a)->line < (*b)->line ? -1 : (*a)->line > (*b)->line;
}

/* An id given on two lines: err names both. */
static bool unique_ids(const struct jsonl_doc *d, size_t n, char err[SOURCE_ERR_MAX])
{
    const struct jsonl_doc **by = xmalloc((n + 1) * sizeof *by);
    for (size_t i = 0; i < n; i++)
        by[i] = &d[i];
    qsort(by, n, sizeof *by, cmp_id);
    bool ok = true;
    for (size_t i = 1; i < n && ok; i++)
        if (strcmp(by[i]->id, by[i - 1]->id) == 0) {
            snprintf(err, SOURCE_ERR_MAX, "line %zu: the id of line %zu again", by[i]->line,
                     by[i - 1]->line);
            ok = false;
        }
    free(by);
    return ok;
}

struct extract_job {
    struct jsonl_doc *d;
    struct doc_input *in;
    char (*err)[SOURCE_ERR_MAX]; /* per document: why its page gave no article */
};

/* The article of document i's page, when it came as HTML. */
static void extract_one(void *arg, size_t i)
{
    struct extract_job *j = arg;
    struct jsonl_doc *d = &j->d[i];
    j->in[i].name = d->id;
    if (!d->html) {
        j->in[i].text = d->text;
        j->in[i].len = d->len;
        d->text = NULL;
        return;
    }
    struct source_article a;
    char e[SOURCE_ERR_MAX];
    if (!source_page(d->text, d->len, NULL, &a, e)) {
        snprintf(j->err[i], SOURCE_ERR_MAX, "line %zu: %.*s", d->line, SOURCE_ERR_MAX - 32, e);
        return;
    }
    free(d->text);
    d->text = NULL;
    j->in[i].text = a.text;
    j->in[i].len = a.len;
    j->in[i].meta = xmalloc(sizeof *j->in[i].meta);
    *j->in[i].meta = a.meta;
}

enum wd_status overlap_jsonl_read(struct doc_ctx *ctx, const struct doc_opts *o, FILE *f,
                                  struct overlap_input *in, char err[SOURCE_ERR_MAX])
{
    memset(in, 0, sizeof *in);
    size_t len;
    char *bytes = read_all(f, &len);
    if (!bytes) {
        snprintf(err, SOURCE_ERR_MAX, "%s", strerror(errno));
        return WD_EIO;
    }
    struct jsonl_doc *d;
    size_t n;
    bool ok = jsonl_docs_parse(bytes, len, &d, &n, err);
    free(bytes);
    if (!ok) return WD_EUSAGE;
    if (!unique_ids(d, n, err)) {
        jsonl_docs_free(d, n);
        return WD_EUSAGE;
    }
    struct doc_input *di = xcalloc(n + 1, sizeof *di);
    struct extract_job job = {d, di, xcalloc(n + 1, sizeof *job.err)};
    util_parallel(n, extract_one, &job);
    enum wd_status st = WD_OK;
    for (size_t i = 0; i < n && st == WD_OK; i++)
        if (job.err[i][0]) {
            memcpy(err, job.err[i], SOURCE_ERR_MAX);
            st = WD_EUSAGE;
        }
    if (st == WD_OK) {
        in->n = n;
        in->docs = xcalloc(n + 1, sizeof *in->docs);
        in->id_number = xcalloc(n + 1, sizeof *in->id_number);
        enum wd_status *dst = xcalloc(n + 1, sizeof *dst);
        doc_load_inputs(ctx, di, n, o, in->docs, dst);
        for (size_t i = 0; i < n; i++) {
            in->id_number[i] = d[i].id_number;
            if (dst[i] != WD_OK && st == WD_OK) {
                snprintf(err, SOURCE_ERR_MAX, "line %zu: %s", d[i].line, util_strerror(dst[i]));
                st = WD_EUSAGE;
            }
        }
        free(dst);
        if (st != WD_OK) overlap_input_free(in);
    }
    for (size_t i = 0; i < n; i++) { /* what the load did not take */
        free(di[i].text);
        if (di[i].meta) source_meta_free(di[i].meta);
        free(di[i].meta);
    }
    free(di);
    free(job.err);
    jsonl_docs_free(d, n);
    return st;
}

void overlap_input_free(struct overlap_input *in)
{
    for (size_t i = 0; i < in->n; i++)
        doc_free(in->docs[i]);
    free(in->docs);
    free(in->id_number);
    memset(in, 0, sizeof *in);
}
