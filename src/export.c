#include "config.h"

#include "export.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "escape.h"
#include "text.h"

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

const enum row_kind export_kind_order[ROW_KIND_COUNT] = {
    ROW_CHANGED, ROW_MOVED, ROW_DELETED, ROW_INSERTED, ROW_SAME,
};

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
    fwrite(c->streams[c->stream[k]].buf, 1, c->len[k], c->f);
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

static void push_run(struct export_run **runs, size_t *cap, size_t *n, uint32_t st, uint32_t en,
                     uint16_t attr, bool *first)
{
    if (en <= st) return;
    xgrow(runs, cap, *n + 1, sizeof **runs);
    (*runs)[(*n)++] = (struct export_run){st, en, attr, *first};
    *first = false;
}

static int cmp_run(const void *x, const void *y)
{
    const struct export_run *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

size_t export_side_runs(const struct alignment *al, const struct align_row *r, int side, bool words,
                        struct export_run **runs, size_t *cap)
{
    uint32_t first = side ? r->b : r->a, count = side ? r->bn : r->an;
    if (!(r->show & (1u << side)) || count == 0) return 0;
    size_t ns, nops;
    const struct sentence *sent = doc_sentences(align_doc(al, side), &ns);
    const struct wop *ops = align_ops(al, &nops);
    bool pair = r->kind == ROW_CHANGED || r->kind == ROW_MOVED;
    uint16_t attr = r->kind == ROW_DELETED    ? LA_DELETED
                    : r->kind == ROW_INSERTED ? LA_INSERTED
                    : pair                    ? LA_COMMON
                                              : LA_PLAIN;
    /* a pair's words, or a same row's folded characters */
    words = words && (pair || (r->kind == ROW_SAME && r->nop > 0));
    /* The word spans of this side, in byte order (as layout.c collects
     * them), then the runs after them in the same array. */
    size_t nsp = 0;
    bool sorted = true, dummy = false;
    for (uint32_t k = r->op; words && k < r->op + r->nop; k++) {
        const struct wop *o = &ops[k];
        if (o->kind != WOP_EQUAL && o->kind != WOP_FOLD && o->kind != (side ? WOP_INS : WOP_DEL))
            continue;
        uint32_t s0 = side ? o->b_start : o->a_start, e0 = side ? o->b_end : o->a_end;
        uint16_t a = o->kind == WOP_EQUAL  ? LA_COMMON
                     : o->kind == WOP_FOLD ? LA_FOLDED
                     : side                ? LA_INS
                                           : LA_DEL;
        if (nsp && s0 < (*runs)[nsp - 1].end) sorted = false;
        push_run(runs, cap, &nsp, s0, e0, a, &dummy);
    }
    if (!sorted) qsort(*runs, nsp, sizeof **runs, cmp_run);
    size_t n = nsp, k = 0;
    for (uint32_t q = first; q < first + count && q < ns; q++) {
        uint32_t pos = sent[q].start, en = sent[q].end;
        bool start = true;
        int prev = -1; /* attribute of the word span before pos */
        while (k < nsp && (*runs)[k].end <= pos)
            k++;
        for (; k < nsp && (*runs)[k].start < en; k++) {
            struct export_run sp = (*runs)[k]; /* a copy: push_run may move the array */
            uint32_t s0 = WD_MAX(sp.start, pos), e0 = WD_MIN(sp.end, en);
            bool join = prev == sp.attr && sp.attr != LA_FOLDED; /* folds: text between */
            push_run(runs, cap, &n, pos, s0, join ? sp.attr : attr, &start);
            if (e0 > s0) {
                push_run(runs, cap, &n, s0, e0, sp.attr, &start);
                pos = e0;
            }
            prev = sp.attr;
            if (sp.end > en) break;
        }
        push_run(runs, cap, &n, pos, en, attr, &start);
    }
    /* drop the spans: the runs start at index nsp */
    memmove(*runs, *runs + nsp, (n - nsp) * sizeof **runs);
    return n - nsp;
}

void export_row_notes(FILE *f, const struct alignment *al, const struct align_row *r,
                      const char *open, const char *close)
{
    char ra = align_role_mark(al, r, SIDE_A), rb = align_role_mark(al, r, SIDE_B);
    size_t ns;
    const char *na = NULL, *nb = NULL;
    if (ra != ' ' && ra != 'd')
        na = role_name(sent_role(&doc_sentences(align_doc(al, SIDE_A), &ns)[r->a]));
    if (rb != ' ' && rb != 'd')
        nb = role_name(sent_role(&doc_sentences(align_doc(al, SIDE_B), &ns)[r->b]));
    if (na && nb && strcmp(na, nb) != 0)
        fprintf(f, "%sA %s, B %s%s", open, na, nb, close);
    else if (na || nb)
        fprintf(f, "%s%s%s", open, na ? na : nb, close);
    if (align_row_weak(r))
        fprintf(f, "%sweak pair, similarity 0.%02d%s", open, align_sim_cents(r), close);
}

int export_matched_pct(const struct align_stats *st, int side)
{
    size_t n = st->sentences[side];
    return n ? (int)(st->matched[side] * 100 / n) : 100;
}

void export_digest_text(FILE *f, const struct digest *dg)
{
    if (!dg) return;
    char line[1024];
    digest_summary(dg, line, sizeof line);
    fprintf(f, "What changed: %s\n", line);
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    for (size_t i = 0; i < n; i++) {
        digest_item_text(&it[i], line, sizeof line);
        /* the strings are a page's text: escaped like any text written raw */
        char *shown = escape_str(line);
        fprintf(f, "  row %-4zu %s\n", it[i].row + 1, shown);
        free(shown);
    }
}

void export_stat_line(FILE *f, const struct export_cmp *c)
{
    const struct align_stats *st = align_get_stats(c->al);
    fprintf(f, "%s vs %s: %zu changed, %zu moved, %zu cut, %zu added, %zu same",
            doc_name(align_doc(c->al, SIDE_A)), doc_name(align_doc(c->al, SIDE_B)),
            st->rows[ROW_CHANGED], st->rows[ROW_MOVED], st->rows[ROW_DELETED],
            st->rows[ROW_INSERTED], st->rows[ROW_SAME]);
    static const char *const one[] = {"quotation", "number", "name", "attribution",
                                      "negation or hedge"};
    static const char *const many[] = {"quotations", "numbers", "names", "attributions",
                                       "negations or hedges"};
    bool any = false;
    for (int k = 0; c->dg && k < (int)WD_ARRAY_LEN(one); k++) {
        size_t n = digest_count(c->dg, (enum digest_kind)k);
        if (!n) continue;
        fprintf(f, "%s%zu %s", any ? ", " : "; ", n, n == 1 ? one[k] : many[k]);
        any = true;
    }
    putc('\n', f);
}

void export_source_fields(const struct doc *d, struct export_source *out)
{
    out->n = 0;
    const struct source_meta *m = doc_meta(d);
    if (!m) return;
    snprintf(out->status, sizeof out->status, "%ld", m->status);
    const char *const fields[][2] = {
        {"headline", m->headline},
        {"byline", m->byline},
        {"site", m->site},
        {"published", m->published},
        {"modified", m->modified},
        {"canonical URL", m->canonical},
        {"URL", m->url},
        {"final URL", m->final_url && (!m->url || strcmp(m->final_url, m->url) != 0)
                          ? m->final_url
                          : NULL},
        {"HTTP status", m->status ? out->status : NULL},
        {"fetched", m->fetched},
        {"saved as", m->saved},
    };
    for (size_t i = 0; i < WD_ARRAY_LEN(fields) && out->n < EXPORT_SOURCE_FIELDS; i++)
        if (fields[i][1]) {
            out->label[out->n] = fields[i][0];
            out->value[out->n++] = fields[i][1];
        }
}

void export_side_summary(char *buf, size_t size, const struct align_stats *st, int side)
{
    size_t n = st->sentences[side];
    snprintf(buf, size, "%zu sentence%s, %d%% matched", n, n == 1 ? "" : "s",
             export_matched_pct(st, side));
}

size_t export_char(const char *s, size_t end, size_t i, int32_t *cp)
{
    size_t l = text_decode(s, end, i, cp);
    int32_t c = *cp;
    if (c == TEXT_REPLACEMENT) return l; /* invalid, or U+FFFD itself: shown the same */
    if (escape_is_bidi(c))
        *cp = EXPORT_CHAR_MARK;
    else if (text_is_space(c))
        *cp = ' ';
    else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        *cp = -1;
    else if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
        *cp = TEXT_REPLACEMENT;
    return l;
}

size_t export_mark(const char *s, size_t end, size_t i, char *out)
{
    int32_t cp;
    text_decode(s, end, i, &cp);
    return escape_cp(cp, out);
}

size_t export_plain_run(const char *s, size_t end, size_t i, const bool special[128])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i;
    while (j < end && u[j] >= 0x20 && u[j] < 0x7F && !special[u[j]] &&
           (u[j] != ' ' || (j > i && u[j - 1] != ' ')))
        j++;
    return j;
}

void export_timestamp_now(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm) == 0) {
        snprintf(buf, size, "%lld", (long long)now);
        return;
    }
    /* strftime's %z is +0100; ISO 8601's extended form wants +01:00 */
    size_t n = strlen(buf);
    if (n >= 5 && n + 2 <= size && (buf[n - 5] == '+' || buf[n - 5] == '-')) {
        memmove(buf + n - 1, buf + n - 2, 3);
        buf[n - 2] = ':';
    }
}

/* Append to out (room for cap bytes, NUL-terminated) at most max
 * characters of s[0..len) with each unsafe one as '_'. */
static size_t put_safe(char *out, size_t at, size_t cap, const char *s, size_t len, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k < max && at + 1 < cap; k++) {
        int32_t cp;
        i += text_decode(s, len, i, &cp);
        bool safe = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                    (cp >= '0' && cp <= '9') || cp == '_' || cp == '-';
        out[at++] = safe ? (char)cp : '_';
    }
    out[at] = '\0';
    return at;
}

/* The base name of path without its extension ("-": "stdin"). */
static void stem(const char *path, const char **s, size_t *len)
{
    if (strcmp(path, "-") == 0) {
        *s = "stdin";
        *len = 5;
        return;
    }
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    size_t e = n;
    for (size_t i = n; i > b + 1; i--)
        if (path[i - 1] == '.') {
            e = i - 1;
            break;
        }
    *s = path + b;
    *len = e - b;
    if (*len == 0) {
        *s = "doc";
        *len = 3;
    }
}

/* Characters kept of the part of each name that tells the pair apart. */
#define NAME_PART_MAX 16

/* Does byte c end a word of a file name ("cluster__a-outlet": _ and -)? */
static bool name_sep(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 &&
           !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'));
}

/* The parts of two stems that tell them apart: their common prefix and
 * suffix left out, each cut back to a word boundary (so "cluster__a-outlet"
 * and "cluster__b-outlet" give "a" and "b"), as long as both parts keep a
 * character. */
static void distinct_parts(const char **a, size_t *na, const char **b, size_t *nb)
{
    size_t p = 0, m = WD_MIN(*na, *nb);
    while (p < m && (*a)[p] == (*b)[p])
        p++;
    while (p > 0 && !name_sep((*a)[p - 1]))
        p--;
    if (p == *na || p == *nb) p = 0;
    *a += p, *na -= p, *b += p, *nb -= p;
    size_t q = 0;
    m = WD_MIN(*na, *nb);
    while (q < m && (*a)[*na - 1 - q] == (*b)[*nb - 1 - q])
        q++;
    while (q > 0 && !name_sep((*a)[*na - q]))
        q--;
    if (q == *na || q == *nb) q = 0;
    *na -= q, *nb -= q;
}

/* The name of the folder holding path ("" when none is given). */
static void parent_name(const char *path, const char **s, size_t *len)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    while (n > 0 && path[n - 1] != '/')
        n--;
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    *s = path + b;
    *len = n > b ? n - b : 0;
}

/* One side of a default name: "3-" for the document's number, when
 * given, then the part of its name, or with the same name on both sides,
 * its folder's name and the name. */
static size_t put_side(char *name, size_t at, size_t cap, size_t num, const char *dir,
                       size_t ndir, const char *s, size_t len)
{
    if (num != SIZE_MAX) {
        char n[24];
        int k = snprintf(n, sizeof n, "%zu-", num);
        at = put_safe(name, at, cap, n, (size_t)k, (size_t)k);
    }
    if (ndir) {
        at = put_safe(name, at, cap, dir, ndir, NAME_PART_MAX);
        at = put_safe(name, at, cap, "-", 1, 1);
    }
    return put_safe(name, at, cap, s, len, NAME_PART_MAX);
}

char *export_default_name(const char *path_a, const char *path_b, const char *timestamp,
                          const char *suffix, enum export_format fmt)
{
    return export_pair_name(path_a, SIZE_MAX, path_b, SIZE_MAX, timestamp, suffix, fmt);
}

char *export_pair_name(const char *path_a, size_t num_a, const char *path_b, size_t num_b,
                       const char *timestamp, const char *suffix, enum export_format fmt)
{
    char name[192];
    size_t at = 0;
    const char *sa, *sb, *da = "", *db = "";
    size_t na, nb, nda = 0, ndb = 0;
    stem(path_a, &sa, &na);
    stem(path_b, &sb, &nb);
    if (na == nb && memcmp(sa, sb, na) == 0) { /* a/story.txt, b/story.txt */
        parent_name(path_a, &da, &nda);
        parent_name(path_b, &db, &ndb);
        distinct_parts(&da, &nda, &db, &ndb);
    } else {
        distinct_parts(&sa, &na, &sb, &nb);
    }
    at = put_side(name, at, sizeof name, num_a, da, nda, sa, na);
    at = put_safe(name, at, sizeof name, "-vs-", 4, 4);
    at = put_side(name, at, sizeof name, num_b, db, ndb, sb, nb);
    if (timestamp && *timestamp) {
        char digits[13];
        size_t nd = 0;
        for (const char *p = timestamp; *p && nd < 12; p++)
            if (*p >= '0' && *p <= '9') digits[nd++] = *p;
        at = put_safe(name, at, sizeof name, "-", 1, 1);
        if (nd == 12) {
            at = put_safe(name, at, sizeof name, digits, 8, 8);
            at = put_safe(name, at, sizeof name, "-", 1, 1);
            at = put_safe(name, at, sizeof name, digits + 8, 4, 4);
        } else {
            at = put_safe(name, at, sizeof name, timestamp, strlen(timestamp), 24);
        }
    }
    if (suffix) at = put_safe(name, at, sizeof name, suffix, strlen(suffix), 32);
    const char *ext = export_format_ext(fmt);
    size_t ne = strlen(ext), total = at + 1 + ne + 1;
    char *out = xmalloc(total);
    snprintf(out, total, "%s.%s", name, ext);
    return out;
}

void export_stats_line(FILE *f, const struct alignment *al, const struct export_view *v,
                       const char *bold_open, const char *bold_close)
{
    const struct align_stats *st = align_get_stats(al);
    size_t nr;
    align_rows(al, &nr);
    fprintf(f, "%zu row%s", nr, nr == 1 ? "" : "s");
    if (v->range && nr)
        fprintf(f, " (rows %zu\xE2\x80\x93%zu shown)", v->first_row + 1,
                WD_MIN(v->last_row, nr - 1) + 1);
    fputs(":", f);
    for (int i = 0; i < ROW_KIND_COUNT; i++) {
        enum row_kind k = export_kind_order[i];
        fprintf(f, "%s %s%zu%s %s%s", i ? " \xC2\xB7" : "", bold_open, st->rows[k], bold_close,
                align_kind_name(k), k == ROW_MOVED ? " (pairs)" : "");
        if (k == ROW_SAME && st->same_folded)
            fprintf(f, " (%zu but for case, quotes or dashes)", st->same_folded);
    }
    if (st->limited)
        fputs(" \xC2\xB7 cost limit reached: the alignment may be less than optimal", f);
    if (st->pairs_limited)
        fputs(" \xC2\xB7 the search for similar sentences was cut short: pairs may be missed", f);
}

char *export_only_text(const struct export_only *o)
{
    const char *slash = strrchr(o->path, '/');
    struct strbuf b = {0};
    sb_adds(&b, "Only in ");
    if (slash) {
        char *dir = xstrndup(o->path, slash == o->path ? 1 : (size_t)(slash - o->path));
        char *e = escape_str(dir);
        sb_adds(&b, e);
        free(e);
        free(dir);
    } else {
        sb_adds(&b, ".");
    }
    sb_adds(&b, ": ");
    char *e = escape_str(slash ? slash + 1 : o->path);
    sb_adds(&b, e);
    free(e);
    return sb_take(&b, NULL);
}
