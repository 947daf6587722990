/* tui_folders.c - two folders compared file by file (wirediff FOLDER1
 * FOLDER2, git difftool --dir-diff): the list of their files, paired by
 * relative path, one a line in diff -r's order:
 *
 *     ~ notes/harbour.txt     37 -> 41 sentences  12 changed · 2 moved · 1 inserted
 *     = notes/same.txt        20 sentences, the same
 *     < old.txt               only in left/
 *     > new.txt               only in right/
 *
 * Enter opens the pair in the two-column reader (a file that only one
 * folder holds against an empty document), and q there comes back.  A
 * pair is aligned when its line is first drawn (tui_corpus_align keeps
 * it), so a list of hundreds of files costs what a screenful does.
 */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "util.h"

/* Widest path column (display columns), and the narrowest. */
#define PATH_MAX_COLS 48
#define PATH_MIN_COLS 12

/* The last parts of path (its trailing slashes left out), from its part
 * number skip from the end on: "a/b/c/" with skip 1 is "b/c"; the whole
 * path when it has no more parts, or when that part is "." or "..".  A
 * new string. */
static char *last_parts(const char *path, int skip)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    for (int k = 0; k <= skip && start > 0; k++) {
        while (start > 0 && path[start - 1] != '/')
            start--;
        if (k < skip && start > 0) start--;
    }
    char *r = xstrndup(path + start, n - start);
    if (strcmp(r, ".") == 0 || strcmp(r, "..") == 0 || strncmp(r, "../", 3) == 0) {
        free(r);
        r = xstrndup(path, n);
    }
    return r;
}

/* The folders' names as the list shows them: their last parts, as many
 * as tell them apart ("left" and "right" of git difftool --dir-diff,
 * "2025/notes" and "2026/notes"), escaped. */
static void folder_labels(struct tui_folders *fl, const char *const dirs[2])
{
    const char *d[2] = {dirs[0] ? dirs[0] : "", dirs[1] ? dirs[1] : ""};
    for (int skip = 0;; skip++) {
        char *l[2] = {last_parts(d[0], skip), last_parts(d[1], skip)};
        bool whole = strlen(l[0]) >= strlen(d[0]) && strlen(l[1]) >= strlen(d[1]);
        if (strcmp(l[0], l[1]) != 0 || whole) {
            for (int side = 0; side < 2; side++) {
                fl->dir[side] = escape_str(l[side]);
                free(l[side]);
            }
            return;
        }
        free(l[0]);
        free(l[1]);
    }
}

void tui_folders_init(struct tui *t, const struct tui_opts *o)
{
    struct tui_folders *fl = &t->fl;
    memset(fl, 0, sizeof *fl);
    fl->p = o->pairs;
    fl->n = o->npairs;
    folder_labels(fl, o->folders);
    fl->pathw = 8;
    for (size_t i = 0; i < fl->n; i++) {
        char *r = escape_str(fl->p[i].rel);
        fl->pathw = WD_MAX(fl->pathw, tui_str_width(r));
        free(r);
    }
    t->mode = TUI_MODE_FOLDERS;
}

void tui_folders_free(struct tui *t)
{
    free(t->fl.dir[0]);
    free(t->fl.dir[1]);
    memset(&t->fl, 0, sizeof t->fl);
}

/* Lines of the list: between the header, the column titles and the
 * status line. */
static int list_height(void)
{
    return WD_MAX(LINES - 3, 1);
}

/* Keep the selection on screen. */
static void follow(struct tui_folders *fl)
{
    size_t h = (size_t)list_height();
    if (fl->n == 0) return;
    if (fl->sel >= fl->n) fl->sel = fl->n - 1;
    if (fl->sel < fl->top) fl->top = fl->sel;
    if (fl->sel >= fl->top + h) fl->top = fl->sel - h + 1;
    if (fl->top + h > fl->n) fl->top = fl->n > h ? fl->n - h : 0;
}

/* The alignment of pair i (aligned now if it was not yet); NULL for a
 * file that only one folder holds. */
static const struct alignment *pair_al(struct tui *t, size_t i)
{
    const struct tui_filepair *p = &t->fl.p[i];
    return p->only ? NULL : tui_corpus_align(t->cx, p->a, p->b);
}

static bool pair_differs(struct tui *t, size_t i)
{
    const struct alignment *al = pair_al(t, i);
    return !al || align_differs(al);
}

/* ---- keys ------------------------------------------------------------------ */

static void move_sel(struct tui_folders *fl, int64_t d)
{
    if (fl->n == 0) return;
    int64_t s = (int64_t)fl->sel + d;
    fl->sel = s < 0 ? 0 : (size_t)s >= fl->n ? fl->n - 1 : (size_t)s;
}

/* The next (dir 1) or previous (-1) file that differs, from the selection. */
static void next_diff(struct tui *t, int dir)
{
    struct tui_folders *fl = &t->fl;
    for (size_t i = fl->sel; dir > 0 ? i + 1 < fl->n : i > 0;) {
        i = dir > 0 ? i + 1 : i - 1;
        if (pair_differs(t, i)) {
            fl->sel = i;
            return;
        }
    }
    tui_message(t, false, "no %s file that differs", dir > 0 ? "later" : "earlier");
}

static void open_sel(struct tui *t)
{
    struct tui_folders *fl = &t->fl;
    if (fl->n == 0) return;
    tui_pair_open(t, fl->p[fl->sel].a, fl->p[fl->sel].b, TUI_MODE_FOLDERS);
}

static void folders_key(struct tui *t, const struct tui_key *k)
{
    struct tui_folders *fl = &t->fl;
    if (tui_too_small()) {
        if (tui_is_char(k, 'q')) t->quit = true;
        return;
    }
    if (tui_is_char(k, 'q')) {
        t->quit = true;
        return;
    }
    bool home, end;
    int64_t d = tui_scroll_amount(k, list_height(), &home, &end);
    if (d || home || end) {
        if (home) fl->sel = 0;
        if (end) fl->sel = fl->n ? fl->n - 1 : 0;
        move_sel(fl, d);
    } else if ((k->fn && (k->code == KEY_ENTER || k->code == KEY_RIGHT)) || tui_is_char(k, '\r') ||
               tui_is_char(k, '\n') || tui_is_char(k, 'l')) {
        open_sel(t);
    } else if (tui_is_char(k, ']')) {
        next_diff(t, 1);
    } else if (tui_is_char(k, '[')) {
        next_diff(t, -1);
    }
    follow(fl);
}

/* ---- drawing ---------------------------------------------------------------- */

/* "12 changed · 2 moved · 1 inserted" for st, into buf. */
static void changes(const struct align_stats *st, char *buf, size_t size)
{
    static const struct {
        enum row_kind k;
        const char *name;
    } kinds[] = {{ROW_CHANGED, "changed"},
                 {ROW_MOVED, "moved"},
                 {ROW_DELETED, "deleted"},
                 {ROW_INSERTED, "inserted"}};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < WD_ARRAY_LEN(kinds) && len < size; i++) {
        size_t n = st->rows[kinds[i].k];
        if (!n) continue;
        len += (size_t)snprintf(buf + len, size - len, "%s%zu %s", len ? " \xC2\xB7 " : "", n,
                                kinds[i].name);
    }
}

static void draw_line(struct tui *t, int y, size_t i, int pathw)
{
    struct tui_folders *fl = &t->fl;
    const struct tui_filepair *p = &fl->p[i];
    bool sel = i == fl->sel;
    int face = sel ? TF_SELECT : LA_PLAIN;
    if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
    const struct alignment *al = pair_al(t, i);
    const struct align_stats *st = al ? align_get_stats(al) : NULL;
    bool same = st && !pair_differs(t, i);
    const char *mark = p->only == 1 ? "<" : p->only == 2 ? ">" : same ? "=" : "~";
    int mface = p->only == 1   ? TF_GUTTER_DELETED
                : p->only == 2 ? TF_GUTTER_INSERTED
                : same         ? LA_FOLD
                               : TF_GUTTER_CHANGED;
    tui_put_str(t, y, 1, mark, 1, sel ? TF_SELECT : mface);
    char *rel = escape_str(p->rel);
    tui_put_trunc(t, y, 3, rel, pathw, face);
    free(rel);
    int x = 3 + pathw + 2;
    if (x >= COLS) return;
    char s[256];
    if (p->only) {
        snprintf(s, sizeof s, "only in %s", fl->dir[p->only - 1]);
        tui_put_trunc(t, y, x, s, COLS - x, sel ? face : LA_FOLD);
        return;
    }
    if (same)
        snprintf(s, sizeof s, "%zu sentences, the same", st->sentences[0]);
    else
        snprintf(s, sizeof s, "%zu -> %zu sentences", st->sentences[0], st->sentences[1]);
    int w = tui_put_trunc(t, y, x, s, COLS - x, sel ? face : same ? LA_FOLD : LA_PLAIN);
    x += WD_MAX(w, 22) + 2;
    if (same || x >= COLS) return;
    changes(st, s, sizeof s);
    tui_put_trunc(t, y, x, s, COLS - x, face);
}

static void draw_header(struct tui *t)
{
    struct tui_folders *fl = &t->fl;
    size_t only[3] = {0, 0, 0};
    for (size_t i = 0; i < fl->n; i++)
        only[fl->p[i].only]++;
    char s[512];
    int len = snprintf(s, sizeof s, " wirediff \xC2\xB7 %s \xE2\x86\x94 %s \xC2\xB7 %zu file%s",
                       fl->dir[0], fl->dir[1], fl->n, fl->n == 1 ? "" : "s");
    for (int side = 1; side <= 2 && len > 0 && (size_t)len < sizeof s; side++)
        if (only[side])
            len += snprintf(s + len, sizeof s - (size_t)len, " \xC2\xB7 %zu only in the %s",
                            only[side], side == 1 ? "first" : "second");
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, s, COLS, TF_HEADER);
}

static void draw_status(struct tui *t)
{
    struct tui_folders *fl = &t->fl;
    int y = LINES - 1;
    tui_fill(t, y, 0, COLS, TF_STATUS);
    char right[96];
    int nd = snprintf(NULL, 0, "%zu", fl->n);
    snprintf(right, sizeof right, " %*zu/%zu  ?:help q:quit ", nd, fl->n ? fl->sel + 1 : 0, fl->n);
    if (tui_str_width(right) > COLS / 2)
        snprintf(right, sizeof right, " %*zu/%zu ", nd, fl->n ? fl->sel + 1 : 0, fl->n);
    int rw = tui_str_width(right);
    tui_put_str(t, y, COLS - rw, right, rw, TF_STATUS);
    if (t->msg[0]) {
        tui_put_trunc(t, y, 1, t->msg, COLS - rw - 2, t->msg_error ? TF_ERROR : TF_STATUS);
        return;
    }
    const char *hint = fl->n == 0            ? ""
                       : fl->p[fl->sel].only ? " Enter: the file alone (against nothing)"
                                             : " Enter: the pair side by side  ]/[: next/previous "
                                               "that differs";
    tui_put_trunc(t, y, 0, hint, COLS - rw - 1, TF_STATUS);
}

static void folders_draw(struct tui *t)
{
    struct tui_folders *fl = &t->fl;
    follow(fl);
    int pathw = WD_MIN(fl->pathw, WD_MIN(PATH_MAX_COLS, WD_MAX(COLS / 2 - 4, PATH_MIN_COLS)));
    draw_header(t);
    tui_put_str(t, 1, 3, "file", pathw, TF_LABEL);
    if (3 + pathw + 2 < COLS)
        tui_put_trunc(t, 1, 3 + pathw + 2, "sentences, changed rows", COLS - pathw - 5, TF_LABEL);
    if (fl->n == 0) tui_put_str(t, 2, 1, "(no files in either folder)", COLS - 1, LA_FOLD);
    for (int i = 0; i < list_height() && fl->top + (size_t)i < fl->n; i++)
        draw_line(t, 2 + i, fl->top + (size_t)i, pathw);
    draw_status(t);
}

/* ---- help ------------------------------------------------------------------- */

static const char *const help_folders[][2] = {
    {"j  k  Down  Up", "select the next / previous file"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last file"},
    {"]  [", "next / previous file that differs"},
    {"Enter  l  Right", "read the pair side by side (q comes back)"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"q  Q  ^C", "quit"},
};

static int legend_folders(struct tui *t, int y, int last)
{
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"~", TF_GUTTER_CHANGED},
            {" differs  ", LA_PLAIN},
            {"=", LA_FOLD},
            {" reads the same  ", LA_PLAIN},
            {"<", TF_GUTTER_DELETED},
            {" only in the first folder  ", LA_PLAIN},
            {">", TF_GUTTER_INSERTED},
            {" only in the second", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}

const struct tui_view_ops tui_folders_ops = {
    .name = "folders",
    .draw = folders_draw,
    .key = folders_key,
    .resized = NULL,
    .help_title = " wirediff keys: two folders",
    .help = help_folders,
    .nhelp = WD_ARRAY_LEN(help_folders),
    .legend = legend_folders,
};
