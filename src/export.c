/* export.c - what every snapshot goes through (export.h): the format's
 * name and extension, writing to a file atomically, the display blocks
 * of a comparison (folds, a row range, hidden rows), and writing blocks
 * in chunks on all CPUs.  A side's runs and its characters are
 * export_runs.c's, the summary lines export_summary.c's, default file
 * names export_name.c's. */
#include "config.h"

#include "export.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const format_names[EXPORT_FORMAT_COUNT] = {
    [EXPORT_TEXT] = "text", [EXPORT_INLINE] = "inline", [EXPORT_JSON] = "json",
    [EXPORT_HTML] = "html", [EXPORT_MD] = "md",         [EXPORT_ANSI] = "ansi",
};

static const char *const format_exts[EXPORT_FORMAT_COUNT] = {
    [EXPORT_TEXT] = "txt",  [EXPORT_INLINE] = "inline.txt",
    [EXPORT_JSON] = "json", [EXPORT_HTML] = "html",
    [EXPORT_MD] = "md",     [EXPORT_ANSI] = "ansi",
};

int export_parse_format(const char *name)
{
    if (strcmp(name, "txt") == 0) return EXPORT_TEXT;
    if (strcmp(name, "markdown") == 0) return EXPORT_MD;
    for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0) return f;
    return -1;
}

int export_format_of_path(const char *path)
{
    static const struct {
        const char *ext;
        enum export_format f;
    } exts[] = {
        {".inline.txt", EXPORT_INLINE}, {".html", EXPORT_HTML},
        {".htm", EXPORT_HTML},          {".md", EXPORT_MD},
        {".markdown", EXPORT_MD},       {".json", EXPORT_JSON},
        {".txt", EXPORT_TEXT},          {".ans", EXPORT_ANSI},
        {".ansi", EXPORT_ANSI},
    };
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    for (size_t i = 0; i < WD_ARRAY_LEN(exts); i++) {
        size_t l = strlen(exts[i].ext);
        if (n > l && strcasecmp(base + n - l, exts[i].ext) == 0) return (int)exts[i].f;
    }
    return -1;
}

bool export_format_fits(enum export_format fmt, int named)
{
    return named < 0 || (int)fmt == named || (named == EXPORT_TEXT && fmt == EXPORT_INLINE);
}

const char *export_format_name(enum export_format f)
{
    return (unsigned)f < EXPORT_FORMAT_COUNT ? format_names[f] : "?";
}

const char *export_format_ext(enum export_format f)
{
    return (unsigned)f < EXPORT_FORMAT_COUNT ? format_exts[f] : "txt";
}

enum wd_status export_write(FILE *f, enum export_format fmt, const struct export_input *in)
{
    enum wd_status st;
    switch (fmt) {
    case EXPORT_JSON:
        st = export_json(f, in);
        break;
    case EXPORT_INLINE:
        st = export_inline(f, in);
        break;
    case EXPORT_HTML:
        st = export_html(f, in);
        break;
    case EXPORT_MD:
        st = export_md(f, in);
        break;
    case EXPORT_ANSI:
        st = export_ansi(f, in);
        break;
    case EXPORT_TEXT:
    default:
        st = export_text(f, in);
        break;
    }
    if (st == WD_OK && (fflush(f) != 0 || ferror(f))) st = WD_EIO;
    return st;
}

enum wd_status export_to_path(const char *path, const struct outfile_opts *oo,
                              enum export_format fmt, const struct export_input *in, int *err)
{
    struct outfile o;
    enum wd_status st = outfile_open(&o, path, oo);
    if (st == WD_OK) {
        st = export_write(o.f, fmt, in);
        if (st == WD_OK) {
            st = outfile_commit(&o);
        } else {
            o.err = errno;
            outfile_abort(&o);
        }
    }
    *err = o.err;
    return st;
}

/* ---- what the writers share ---------------------------------------------- */

struct blocks {
    struct export_block *b;
    size_t n, cap;
    const struct export_view *v;
};

static void push_block(struct blocks *bl, size_t row, size_t nrows, bool fold)
{
    const struct export_view *v = bl->v;
    if (v->range && (row > v->last_row || row + nrows - 1 < v->first_row)) return;
    if (v->skip && nrows == 1 && v->skip[row]) return;
    xgrow(&bl->b, &bl->cap, bl->n + 1, sizeof *bl->b);
    bl->b[bl->n++] = (struct export_block){row, nrows, fold};
}

static void push_rows(struct blocks *bl, size_t row, size_t n)
{
    for (size_t k = 0; k < n; k++)
        push_block(bl, row + k, 1, false);
}

/* The same rule as layout_build (layout.c), with the same constants taken
 * from layout_default_opts, so a fold in a snapshot is the fold the reader
 * showed: a run of at least fold_min same rows folds, keeping fold_context
 * rows at each end facing a change (none at the start of the document,
 * none at its end; a document that is one run keeps its top; none when
 * fewer than fold_min rows would fold besides); rows of view.unfold never
 * fold. */
struct export_block *export_blocks(const struct alignment *al, const struct export_view *v,
                                   size_t *n)
{
    struct layout_opts lo;
    layout_default_opts(&lo, 1, 1);
    if (v->fold_min > 0) lo.fold_min = v->fold_min;
    size_t fold_min = (size_t)WD_MAX(lo.fold_min, 1), ctx = (size_t)WD_MAX(lo.fold_context, 0);
    size_t nrows;
    const struct align_row *rows = align_rows(al, &nrows);
    struct blocks bl = {NULL, 0, 0, v};
    size_t r = 0;
    while (r < nrows) {
        size_t run = 0;
        if (v->skip && v->skip[r]) { /* hidden (B): no display row */
            r++;
            continue;
        }
        if (v->fold)
            while (r + run < nrows && rows[r + run].kind == ROW_SAME &&
                   !(v->skip && v->skip[r + run]) && !(v->unfold && v->unfold[r + run]))
                run++;
        if (run == 0 || run < fold_min) {
            size_t m = WD_MAX(run, 1);
            push_rows(&bl, r, m);
            r += m;
            continue;
        }
        bool at_start = r == 0, at_end = r + run == nrows;
        size_t head = at_start && !at_end ? 0 : ctx, tail = at_end ? 0 : ctx;
        if (head + tail + fold_min > run) /* too short for context */
            head = tail = 0;
        if (head + tail >= run) {
            push_rows(&bl, r, run);
        } else {
            push_rows(&bl, r, head);
            push_block(&bl, r + head, run - head - tail, true);
            push_rows(&bl, r + run - tail, tail);
        }
        r += run;
    }
    *n = bl.n;
    return bl.b;
}

size_t export_hidden_rows(const struct alignment *al, const struct export_view *v)
{
    size_t nr, n = 0;
    align_rows(al, &nr);
    if (v->skip)
        for (size_t r = 0; r < nr; r++)
            n += v->skip[r] != 0;
    return n;
}

void export_hidden_note(char *buf, size_t size, const struct alignment *al,
                        const struct export_view *v)
{
    size_t n = export_hidden_rows(al, v);
    if (n)
        snprintf(buf, size, "%zu row%s hidden (not the story)", n, n == 1 ? "" : "s");
    else if (size)
        buf[0] = '\0';
}

/* A memory stream a chunk is written to.  The streams are kept and
 * rewound from chunk to chunk, so their pages are faulted in once, not
 * for every chunk (fresh streams doubled the HTML export's page faults). */
struct chunk_stream {
    FILE *f;
    char *buf;
    size_t size;
};

struct chunks {
    FILE *f;
    size_t n, per;
    void (*write)(void *arg, FILE *out, size_t from, size_t to);
    void *arg;
    size_t *stream, *len; /* each chunk's stream and length, until it is put */
    pthread_mutex_t lock; /* for the streams below */
    struct chunk_stream *streams;
    size_t nstreams;
    size_t *idle, nidle; /* the streams not in use */
    int err;             /* errno of the first failed write to f, 0: none */
};

static void chunk_write(void *arg, size_t k)
{
    struct chunks *c = arg;
    pthread_mutex_lock(&c->lock);
    size_t i = c->nidle ? c->idle[--c->nidle] : c->nstreams++;
    pthread_mutex_unlock(&c->lock);
    struct chunk_stream *cs = &c->streams[i];
    if (!cs->f) cs->f = open_memstream(&cs->buf, &cs->size);
    if (!cs->f || fseek(cs->f, 0, SEEK_SET) != 0) util_oom();
    c->write(c->arg, cs->f, k * c->per, WD_MIN(c->n, (k + 1) * c->per));
    long at = ftell(cs->f);
    if (at < 0 || fflush(cs->f) != 0) util_oom();
    c->stream[k] = i;
    c->len[k] = (size_t)at;
}

static void chunk_put(void *arg, size_t k)
{
    struct chunks *c = arg;
    /* errno is the writing thread's, and this may be a worker: kept for
     * the caller, who reads it to tell a closed pipe from a full disk */
    if (fwrite(c->streams[c->stream[k]].buf, 1, c->len[k], c->f) != c->len[k] && !c->err)
        c->err = errno ? errno : EIO;
    pthread_mutex_lock(&c->lock);
    c->idle[c->nidle++] = c->stream[k];
    pthread_mutex_unlock(&c->lock);
}

void export_chunks(FILE *f, size_t n, size_t per,
                   void (*write)(void *arg, FILE *out, size_t from, size_t to), void *arg)
{
    size_t nc = (n + per - 1) / per;
    struct chunks c = {.f = f, .n = n, .per = per, .write = write, .arg = arg};
    c.stream = xcalloc(nc + 1, sizeof *c.stream);
    c.len = xcalloc(nc + 1, sizeof *c.len);
    c.streams = xcalloc(nc + 1, sizeof *c.streams); /* (at most one a chunk) */
    c.idle = xcalloc(nc + 1, sizeof *c.idle);
    pthread_mutex_init(&c.lock, NULL);
    util_parallel_ordered(nc, chunk_write, chunk_put, &c);
    pthread_mutex_destroy(&c.lock);
    for (size_t i = 0; i < c.nstreams; i++) {
        if (c.streams[i].f && fclose(c.streams[i].f) != 0) util_oom();
        free(c.streams[i].buf);
    }
    free(c.streams);
    free(c.idle);
    free(c.stream);
    free(c.len);
    if (c.err) errno = c.err; /* last: nothing above may set it again */
}

size_t export_block_of_row(const struct export_block *b, size_t n, size_t r)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid].row + b[mid].nrows <= r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && b[lo].row <= r ? lo : n;
}
