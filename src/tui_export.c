/* tui_export.c - the export prompt: e writes a snapshot of the current
 * view (the pair as shown: swapped sides, folding, word marks), E only of
 * the rows on screen.
 *
 * In the overview and the columns, e writes the overview and the columns
 * (export_columns.h) with the pivot and the documents the columns show.
 *
 * The prompt lives in the status line and asks, in turn:
 *   1. the format, typed, with the last one as the default:
 *        export format [html] (html md txt ansi json inline):
 *   2. the file name, pre-filled with a default in the current folder made
 *      of what tells the two file names apart, their numbers in a session
 *      of many, and the time (export_pair_name), editable;
 *   3. if that file exists: "NAME exists: replace? (y/n)".
 * Backspace deletes, ^U clears, Enter accepts, Esc (^C, ^G) cancels at any
 * step.  The snapshot is written atomically (export_to_path); the status
 * line then says "wrote NAME", or why it could not be written, and the
 * reader goes on either way.
 */
#include "config.h"

#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "conf.h"
#include "export.h"
#include "export_columns.h"
#include "text.h"
#include "util.h"

/* Longest text accepted at the prompt, in bytes. */
#define EXP_INPUT_MAX 1024

/* The formats offered, in the order the prompt lists them. */
static const char *const offered = "html md txt ansi json inline";

void tui_export_free(struct tui *t)
{
    free(t->exp.input);
    t->exp.input = NULL;
}

static void set_input(struct tui *t, const char *s)
{
    struct tui_export *e = &t->exp;
    size_t n = WD_MIN(strlen(s), (size_t)EXP_INPUT_MAX);
    xgrow(&e->input, &e->capinput, n + 1, 1);
    memcpy(e->input, s, n);
    e->input[n] = '\0';
    e->ninput = n;
}

static void close_prompt(struct tui *t)
{
    t->exp.stage = TUI_EXP_CLOSED;
}

/* The alignment rows on screen: from the display row at the top to the
 * one at the last text line (a fold counts with all its rows).  False
 * when nothing is shown. */
static bool rows_on_screen(struct tui *t, size_t *first, size_t *last)
{
    const struct layout *l = tui_layout(t);
    if (!l) return false;
    size_t nv;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t i0 = layout_vrow_at(l, t->top);
    if (nv == 0 || i0 >= nv) return false;
    size_t i1 = layout_vrow_at(l, t->top + (uint64_t)tui_view_height() - 1);
    if (i1 >= nv) i1 = nv - 1;
    *first = v[i0].row;
    *last = v[i1].row + v[i1].nrows - 1;
    return true;
}

void tui_export_open(struct tui *t, bool visible)
{
    struct tui_export *e = &t->exp;
    e->corpus = t->mode == TUI_MODE_OVERVIEW || t->mode == TUI_MODE_MULTI;
    e->timeline = t->mode == TUI_MODE_TIMELINE;
    if (e->corpus || e->timeline) {
        e->visible = false;
    } else {
        if (!tui_layout(t)) return; /* builds the swapped alignment when needed */
        e->visible = visible && rows_on_screen(t, &e->first, &e->last);
        if (visible && !e->visible) {
            tui_message(t, true, "no rows on screen to export");
            return;
        }
    }
    char t_fmt[CONF_TIMESTAMP_MAX + 1];
    if (e->timestamp)
        snprintf(e->stamp, sizeof e->stamp, "%s", e->timestamp);
    else if (e->timestamp_format && conf_format_time(e->timestamp_format, NULL, t_fmt))
        snprintf(e->stamp, sizeof e->stamp, "%s", t_fmt);
    else
        export_timestamp_now(e->stamp, sizeof e->stamp);
    if (!e->used) e->format = e->first_format >= 0 ? e->first_format : EXPORT_HTML;
    e->used = true;
    e->stage = TUI_EXP_FORMAT;
    set_input(t, "");
}

/* path with a leading "~/" as the home folder, as in a shell; a new
 * string. */
static char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (strncmp(path, "~/", 2) != 0 || !home || !*home) return xstrdup(path);
    size_t n = strlen(home) + strlen(path);
    char *full = xmalloc(n);
    snprintf(full, n, "%s%s", home, path + 1);
    return full;
}

/* The pivot of the corpus snapshot: the columns', else the corpus's. */
static size_t snapshot_pivot(const struct tui *t)
{
    return t->mode == TUI_MODE_MULTI ? t->mv.pivot : corpus_pivot(t->cx->c);
}

/* Write what fn writes to path, atomically (outfile.h), never over one of
 * the session's documents; *err the errno of a failure. */
static enum wd_status write_docs_file(struct tui *t, const char *path, struct outfile_opts *oo,
                                      enum wd_status (*fn)(FILE *f, void *arg), void *arg, int *err)
{
    struct tui_corpus *cx = t->cx;
    size_t n = cx->ndocs;
    struct util_fileid *ids = xcalloc(n ? n : 1, sizeof *ids);
    oo->inputs = ids;
    oo->ninputs = 0;
    for (size_t k = 0; k < n; k++)
        oo->ninputs += doc_fileid(cx->docs[k], &ids[oo->ninputs]);
    struct outfile o;
    enum wd_status st = outfile_open(&o, path, oo);
    if (st == WD_OK) {
        st = fn(o.f, arg);
        if (st == WD_OK) {
            st = outfile_commit(&o);
        } else {
            o.err = errno;
            outfile_abort(&o);
        }
    }
    *err = o.err;
    free(ids);
    return st;
}

struct columns_job {
    const struct export_corpus *in;
    enum export_format fmt;
};

static enum wd_status put_columns(FILE *f, void *arg)
{
    const struct columns_job *j = arg;
    return export_columns(f, j->fmt, j->in);
}

static enum wd_status put_timeline(FILE *f, void *arg)
{
    return tui_timeline_write(arg, f);
}

/* The overview and the columns as the reader shows them, to path. */
static enum wd_status write_corpus(struct tui *t, const char *path, struct outfile_opts *oo,
                                   int *err)
{
    struct tui_corpus *cx = t->cx;
    size_t n = cx->ndocs, p = snapshot_pivot(t);
    uint32_t *cols = xcalloc(n ? n : 1, sizeof *cols);
    size_t nc;
    if (t->mode == TUI_MODE_MULTI) {
        nc = t->mv.nvis;
        memcpy(cols, t->mv.vis, nc * sizeof *cols);
    } else {
        nc = export_columns_pick(cx->c, p, n > 4, cols);
    }
    const struct alignment **al = xcalloc(n ? n : 1, sizeof *al);
    for (size_t k = 0; k < nc; k++)
        al[cols[k]] = tui_corpus_align(cx, p, cols[k]);
    struct export_corpus in = {
        .c = cx->c,
        .docs = (const struct doc *const *)cx->docs,
        .ndocs = n,
        .pivot = p,
        .cols = cols,
        .ncols = nc,
        .al = al,
        .words = t->words,
        .timestamp = t->exp.stamp,
    };
    struct columns_job job = {&in, (enum export_format)t->exp.format};
    enum wd_status st = write_docs_file(t, path, oo, put_columns, &job, err);
    free(al);
    free(cols);
    return st;
}

/* What writing to path (as typed) came to: the status line says it, or
 * the prompt asks before replacing the file. */
static void written(struct tui *t, const char *path, enum wd_status st, int err)
{
    if (st == WD_OK) {
        close_prompt(t);
        tui_message(t, false, "wrote %s", path);
    } else if (st == WD_EEXIST) {
        t->exp.stage = TUI_EXP_REPLACE;
    } else {
        close_prompt(t);
        tui_message(t, true, "cannot write %s: %s", path,
                    st == WD_EIO && err ? strerror(err) : util_strerror(st));
    }
}

/* The snapshot of the current view, to path (as typed). */
static void write_snapshot(struct tui *t, const char *path, bool force)
{
    struct tui_export *e = &t->exp;
    if (e->corpus || e->timeline) {
        struct outfile_opts oo = {.force = force, .interactive = true};
        char *full = expand_home(path);
        int err;
        enum wd_status st = e->timeline ? write_docs_file(t, full, &oo, put_timeline, t, &err)
                                        : write_corpus(t, full, &oo, &err);
        free(full);
        written(t, path, st, err);
        return;
    }
    const struct alignment *al = tui_al(t);
    const struct doc *docs[2] = {align_doc(al, SIDE_A), align_doc(al, SIDE_B)};
    struct export_cmp cmp = {0, 1, al, tui_digest(t)};
    struct export_input in = {
        .docs = docs,
        .ndocs = 2,
        .cmps = &cmp,
        .ncmps = 1,
        .view =
            {
                .width = COLS,
                .words = t->words,
                .fold = t->fold,
                .fold_min = t->fold_min,
                .swapped = t->swapped,
                .timestamp = e->stamp,
                .range = e->visible,
                .first_row = e->first,
                .last_row = e->last,
                .theme = &t->theme, /* the ANSI form in the reader's colours */
                .skip = t->hide_boiler ? t->skip : NULL,
                .unfold = t->fold ? t->unfold : NULL,
            },
    };
    /* Never an input of what is shown; never a FIFO (the reader would
     * wait for someone to read it). */
    struct util_fileid ids[2];
    struct outfile_opts oo = {.force = force, .interactive = true, .inputs = ids};
    for (int side = 0; side < 2; side++)
        oo.ninputs += doc_fileid(docs[side], &ids[oo.ninputs]);
    char *full = expand_home(path);
    int err;
    enum wd_status st = export_to_path(full, &oo, (enum export_format)e->format, &in, &err);
    free(full);
    written(t, path, st, err);
}

/* The number of document d in a session of many (as the overview shows
 * it), or SIZE_MAX for a pair of two files. */
static size_t doc_number(const struct tui *t, const struct doc *d)
{
    if (t->cx)
        for (size_t i = 0; i < t->cx->ndocs; i++)
            if (t->cx->docs[i] == d) return i;
    return SIZE_MAX;
}

/* Enter on the format: remember it and offer the default name. */
static void accept_format(struct tui *t)
{
    struct tui_export *e = &t->exp;
    if (e->ninput > 0) {
        const char *s = e->input + strspn(e->input, " ");
        char name[32];
        size_t n = strcspn(s, " ");
        snprintf(name, sizeof name, "%.*s", (int)WD_MIN(n, sizeof name - 1), s);
        int f = export_parse_format(name);
        if (f < 0) {
            close_prompt(t);
            tui_message(t, true, "unknown export format '%s' (%s)", name, offered);
            return;
        }
        e->format = f;
    }
    if (e->timeline) {
        const struct doc *const *d = (const struct doc *const *)t->cx->docs;
        char *def = export_default_name(doc_path(d[0]), doc_path(d[t->cx->ndocs - 1]), e->stamp,
                                        "-timeline", (enum export_format)e->format);
        set_input(t, def);
        free(def);
        e->stage = TUI_EXP_NAME;
        return;
    }
    if (e->corpus) {
        char others[32];
        snprintf(others, sizeof others, "%zu-others", t->cx->ndocs - 1);
        size_t p = snapshot_pivot(t);
        char *def = export_pair_name(doc_path(t->cx->docs[p]), p, others, SIZE_MAX, e->stamp, "",
                                     (enum export_format)e->format);
        set_input(t, def);
        free(def);
        e->stage = TUI_EXP_NAME;
        return;
    }
    const struct alignment *al = tui_al(t);
    char suffix[64] = "";
    if (e->visible && e->first == e->last)
        snprintf(suffix, sizeof suffix, "-row%zu", e->first + 1);
    else if (e->visible)
        snprintf(suffix, sizeof suffix, "-rows%zu-%zu", e->first + 1, e->last + 1);
    const struct doc *da = align_doc(al, SIDE_A), *db = align_doc(al, SIDE_B);
    char *def = export_pair_name(doc_path(da), doc_number(t, da), doc_path(db), doc_number(t, db),
                                 e->stamp, suffix, (enum export_format)e->format);
    set_input(t, def);
    free(def);
    e->stage = TUI_EXP_NAME;
}

/* Enter on the file name: ask before replacing a file, else write. */
static void accept_name(struct tui *t)
{
    struct tui_export *e = &t->exp;
    if (e->ninput == 0) {
        close_prompt(t);
        tui_message(t, false, "export cancelled (no file name)");
        return;
    }
    /* An existing file: write_snapshot asks before replacing it. */
    char *path = xstrdup(e->input);
    write_snapshot(t, path, false);
    free(path);
}

static void replace_key(struct tui *t, const struct tui_key *k)
{
    if (k->fn) return;
    switch (k->code) {
    case 'y':
    case 'Y': {
        char *path = xstrdup(t->exp.input);
        write_snapshot(t, path, true);
        free(path);
        break;
    }
    case 'n':
    case 'N':
    case 27:
    case 3:
    case 7:
        close_prompt(t);
        tui_message(t, false, "not written: %s exists", t->exp.input);
        break;
    default:
        break;
    }
}

void tui_export_key(struct tui *t, const struct tui_key *k)
{
    struct tui_export *e = &t->exp;
    if (e->stage == TUI_EXP_REPLACE) {
        replace_key(t, k);
        return;
    }
    int c = k->code;
    bool enter = (!k->fn && (c == '\n' || c == '\r')) || (k->fn && c == KEY_ENTER);
    bool back = (!k->fn && (c == 8 || c == 127)) || (k->fn && (c == KEY_BACKSPACE || c == KEY_DC));
    if (enter) {
        if (e->stage == TUI_EXP_FORMAT)
            accept_format(t);
        else
            accept_name(t);
        return;
    }
    if (back) {
        if (e->ninput == 0) { /* like the search prompt: backspace on empty leaves */
            close_prompt(t);
            tui_message(t, false, "export cancelled");
            return;
        }
        do
            e->ninput--;
        while (e->ninput > 0 && ((unsigned char)e->input[e->ninput] & 0xC0) == 0x80);
        e->input[e->ninput] = '\0';
        return;
    }
    if (k->fn) return;                 /* other function keys and the mouse do nothing here */
    if (c == 27 || c == 3 || c == 7) { /* Esc, ^C, ^G */
        close_prompt(t);
        tui_message(t, false, "export cancelled");
        return;
    }
    if (c == 21) { /* ^U */
        set_input(t, "");
        return;
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return; /* controls and non-characters are not typed */
    if (e->ninput + 4 > EXP_INPUT_MAX) return;
    xgrow(&e->input, &e->capinput, e->ninput + 5, 1);
    e->ninput += tui_utf8_encode(c, e->input + e->ninput);
    e->input[e->ninput] = '\0';
}

void tui_export_draw(struct tui *t, int y)
{
    struct tui_export *e = &t->exp;
    int width = COLS - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    char label[160];
    const char *fmt = export_format_name((enum export_format)e->format);
    if (strcmp(fmt, "text") == 0) fmt = "txt";
    char what[48] = "export";
    const char *formats = offered;
    if (e->corpus) {
        snprintf(what, sizeof what, "export overview and columns");
        formats = "html md json txt";
    }
    if (e->visible) snprintf(what, sizeof what, "export rows %zu-%zu", e->first + 1, e->last + 1);
    switch (e->stage) {
    case TUI_EXP_FORMAT:
        /* shorter forms when the line is narrow: leave room to type */
        snprintf(label, sizeof label, " %s format [%s] (%s): ", what, fmt, formats);
        if (tui_str_width(label) > width - 12)
            snprintf(label, sizeof label, " %s format [%s]: ", what, fmt);
        if (tui_str_width(label) > width - 12) snprintf(label, sizeof label, " format [%s]: ", fmt);
        break;
    case TUI_EXP_NAME:
        snprintf(label, sizeof label, " %s %s to: ", what, fmt);
        if (tui_str_width(label) > width / 3) snprintf(label, sizeof label, " file: ");
        break;
    case TUI_EXP_REPLACE:
    default: {
        /* The question must show whole: cut the name, not the question. */
        const char *q = " exists: replace? (y/n) ";
        int x = 1 + tui_put_trunc(t, y, 1, e->input, WD_MAX(width - tui_str_width(q) - 1, 1),
                                  TF_STATUS);
        x += tui_put_str(t, y, x, q, width - x, TF_STATUS);
        move(y, WD_MIN(x, COLS - 1));
        return;
    }
    }
    int lw = tui_put_trunc(t, y, 0, label, width, TF_STATUS);
    int avail = width - lw - 1;
    /* Show the end of a long text: the part being typed. */
    const char *s = e->input + text_tail(e->input, e->ninput, (size_t)WD_MAX(avail, 0));
    int w = tui_put_str(t, y, lw, s, WD_MAX(avail, 0), TF_STATUS);
    move(y, WD_MIN(lw + w, COLS - 1));
}
