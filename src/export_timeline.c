/* export_timeline.c - a timeline's snapshot: the version table, then the
 * pair writers over first-against-latest and each step (see
 * export_timeline.h). */
#include "config.h"

#include "export_timeline.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "escape.h"
#include "util.h"
#include "versions.h"

/* Cells of the change bar at its fullest (share 1). */
#define BAR_CELLS 20

void export_timeline_size(uint64_t bytes, char *buf, size_t size)
{
    if (bytes < 1000)
        snprintf(buf, size, "%" PRIu64 " B", bytes);
    else if (bytes < 1000 * 1000)
        snprintf(buf, size, "%.1f kB", (double)bytes / 1e3);
    else
        snprintf(buf, size, "%.1f MB", (double)bytes / 1e6);
}

void export_timeline_change(struct timeline *tl, size_t k, char *buf, size_t size)
{
    if (k == 0) {
        snprintf(buf, size, "first version");
        return;
    }
    const struct timeline_summary *s = timeline_summary(tl, k);
    if (s->change == TIMELINE_NO_CHANGE) {
        snprintf(buf, size, "no change");
        return;
    }
    if (s->change == TIMELINE_MINOR) {
        snprintf(buf, size, "minor: white space, case, quotes, dashes");
        return;
    }
    if (s->unrelated) {
        snprintf(buf, size, "unrelated to the version before");
        return;
    }
    const struct {
        uint32_t n;
        const char *mark, *name;
    } parts[] = {{s->added, "+", "added"},
                 {s->cut, "-", "cut"},
                 {s->reworded, "~", "reworded"},
                 {s->moved, "", "moved"}};
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < WD_ARRAY_LEN(parts) && len < size; i++) {
        if (!parts[i].n) continue;
        len += (size_t)snprintf(buf + len, size - len, "%s%s%u %s", len ? ", " : "", parts[i].mark,
                                parts[i].n, parts[i].name);
    }
    if (s->headline_changed && len < size)
        snprintf(buf + len, size - len, "%sheadline", len ? ", " : "");
    else if (!len)
        snprintf(buf, size, "restyled"); /* edited, yet nothing counted: cannot happen */
}

/* The bar of step k's size in cells (0 for version 0 and no change; at
 * least 1 for any change). */
static int bar_cells(struct timeline *tl, size_t k)
{
    if (k == 0) return 0;
    const struct timeline_summary *s = timeline_summary(tl, k);
    if (s->change == TIMELINE_NO_CHANGE) return 0;
    int n = (int)(s->share * BAR_CELLS + 0.5f);
    return n < 1 ? 1 : n > BAR_CELLS ? BAR_CELLS : n;
}

static void bar(FILE *f, int n, const char *cell)
{
    for (int i = 0; i < n; i++)
        fputs(cell, f);
}

/* Version k's time as "2026-11-23 17:10" into buf (24 bytes), or "-". */
static const char *vtime(const struct export_timeline *x, size_t k, char *buf, size_t size)
{
    if (!x->v || !x->v[k].has_time) return "-";
    return versions_format_time(x->v[k].time, buf, size);
}

static uint64_t doc_size(const struct doc *d)
{
    size_t len;
    doc_bytes(d, &len);
    return len;
}

/* ---- text and Markdown -------------------------------------------------- */

/* A commit's cell of the table: "1a2b3c4d5e6f Author: subject" between
 * open and close, the names written by str (the format's escaping). */
static void commit_cell(FILE *f, const struct export_version *v, const char *open,
                        void (*str)(FILE *f, const char *s), const char *close)
{
    fprintf(f, "%s%.12s ", open, v->rev ? v->rev : "");
    str(f, v->author ? v->author : "");
    fputs(": ", f);
    str(f, v->subject ? v->subject : "");
    fputs(close, f);
}

static void table_text(FILE *f, const struct export_timeline *x)
{
    size_t n = timeline_count(x->tl);
    fprintf(f, "Timeline: %zu versions, oldest first (order: %s)\n", n, x->order);
    int namew = 7;
    for (size_t k = 0; k < n; k++) {
        int w = (int)strlen(doc_label(timeline_doc(x->tl, k)));
        if (w > namew) namew = w;
    }
    if (namew > 40) namew = 40;
    fprintf(f, "%4s  %-19s  %-*s  %8s  %s\n", "#", "time", namew, "version", "size", "change");
    for (size_t k = 0; k < n; k++) {
        char t[24], sz[16], ch[160];
        const struct doc *d = timeline_doc(x->tl, k);
        export_timeline_size(doc_size(d), sz, sizeof sz);
        export_timeline_change(x->tl, k, ch, sizeof ch);
        fprintf(f, "%4zu  %-19s  %-*.*s  %8s  %s", k + 1, vtime(x, k, t, sizeof t), namew, namew,
                doc_label(d), sz, ch);
        int cells = bar_cells(x->tl, k);
        if (cells) {
            fputs("  ", f);
            bar(f, cells, "#");
        }
        putc('\n', f);
        if (x->v && (x->v[k].author || x->v[k].subject)) {
            char *a = escape_str(x->v[k].author ? x->v[k].author : "");
            char *s = escape_str(x->v[k].subject ? x->v[k].subject : "");
            fprintf(f, "%4s  %.12s %s: %s\n", "", x->v[k].rev ? x->v[k].rev : "", a, s);
            free(a);
            free(s);
        }
    }
    putc('\n', f);
}

static void md_cell(FILE *f, const char *s)
{
    /* export_md_str escapes Markdown; a pipe would end the cell */
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '|');
        if (!q) {
            export_md_str(f, p);
            return;
        }
        char *part = xstrndup(p, (size_t)(q - p));
        export_md_str(f, part);
        free(part);
        fputs("\\|", f);
        p = q;
    }
}

static void table_md(FILE *f, const struct export_timeline *x)
{
    size_t n = timeline_count(x->tl);
    fprintf(f,
            "# Timeline: %zu versions\n\nOldest first (order: %s); then the first version "
            "against the latest, then each version against the one before.\n\n",
            n, x->order);
    bool git = x->v && x->v[0].rev;
    fputs(git ? "| # | time | version | size | change | | commit |\n|--:|---|---|--:|---|---|---|\n"
              : "| # | time | version | size | change | |\n|--:|---|---|--:|---|---|\n",
          f);
    for (size_t k = 0; k < n; k++) {
        char t[24], sz[16], ch[160];
        const struct doc *d = timeline_doc(x->tl, k);
        export_timeline_size(doc_size(d), sz, sizeof sz);
        export_timeline_change(x->tl, k, ch, sizeof ch);
        fprintf(f, "| %zu | %s | ", k + 1, vtime(x, k, t, sizeof t));
        md_cell(f, doc_label(d));
        fprintf(f, " | %s | %s | ", sz, ch);
        int cells = bar_cells(x->tl, k);
        if (cells) {
            putc('`', f);
            bar(f, cells, "#");
            putc('`', f);
        }
        fputs(" |", f);
        if (git) commit_cell(f, &x->v[k], " ", md_cell, " |");
        putc('\n', f);
    }
    putc('\n', f);
}

/* ---- HTML ----------------------------------------------------------------- */

static void html_str(FILE *f, const char *s)
{
    export_html_text(f, s, 0, strlen(s));
}

static void table_html(FILE *f, const struct export_timeline *x)
{
    size_t n = timeline_count(x->tl);
    bool git = x->v && x->v[0].rev;
    fprintf(f,
            "<h2 id=\"timeline\">Timeline: %zu versions</h2>\n<p class=\"meta\">Oldest first "
            "(order: %s); below, the first version against the latest, then each version "
            "against the one before.</p>\n",
            n, x->order);
    fputs("<table class=\"sources\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">time"
          "</th><th scope=\"col\">version</th><th scope=\"col\">size</th><th scope=\"col\">"
          "change</th><th scope=\"col\"></th>",
          f);
    if (git) fputs("<th scope=\"col\">commit</th>", f);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < n; k++) {
        char t[24], sz[16], ch[160];
        const struct doc *d = timeline_doc(x->tl, k);
        export_timeline_size(doc_size(d), sz, sizeof sz);
        export_timeline_change(x->tl, k, ch, sizeof ch);
        fprintf(f, "<tr><td>%zu</td><td>%s</td><td class=\"path\">", k + 1,
                vtime(x, k, t, sizeof t));
        html_str(f, doc_label(d));
        fprintf(f, "</td><td>%s</td><td>", sz);
        /* the step's comparison: comparison k + 1 in the page (1: first
         * against latest) */
        if (k > 0 && n > 2)
            fprintf(f, "<a href=\"#c%zu\">%s</a>", k + 1, ch);
        else
            fputs(ch, f);
        fputs("</td><td>", f);
        bar(f, bar_cells(x->tl, k), "\xE2\x96\x88");
        fputs("</td>", f);
        if (git) commit_cell(f, &x->v[k], "<td>", html_str, "</td>");
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_opt_string(FILE *f, const char *key, const char *s)
{
    fprintf(f, ",\"%s\":", key);
    if (s)
        export_json_string(f, s, strlen(s));
    else
        fputs("null", f);
}

static const char *json_bool(bool b)
{
    return b ? "true" : "false";
}

static void member_json(FILE *f, const struct export_timeline *x)
{
    struct timeline *tl = x->tl;
    size_t n = timeline_count(tl);
    fputs(",\n\"timeline\":{\"order\":", f);
    export_json_string(f, x->order, strlen(x->order));
    fputs(",\"versions\":[", f);
    for (size_t k = 0; k < n; k++) {
        const struct doc *d = timeline_doc(tl, k);
        size_t ns;
        doc_sentences(d, &ns);
        fprintf(f, "%s\n{\"document\":%zu,\"bytes\":%" PRIu64 ",\"sentences\":%zu,\"time\":",
                k ? "," : "", k, doc_size(d), ns);
        const struct export_version *v = x->v ? &x->v[k] : NULL;
        if (v && v->has_time)
            fprintf(f, "%" PRId64, v->time);
        else
            fputs("null", f);
        json_opt_string(f, "time_text", v ? v->iso : NULL);
        json_opt_string(f, "commit", v ? v->rev : NULL);
        json_opt_string(f, "author", v ? v->author : NULL);
        json_opt_string(f, "subject", v ? v->subject : NULL);
        putc('}', f);
    }
    fputs("],\n\"steps\":[", f);
    for (size_t k = 1; k < n; k++) {
        const struct timeline_summary *s = timeline_summary(tl, k);
        char share[EXPORT_JSON_FIXED3_MAX + 1];
        share[export_json_fixed3(share, s->share)] = '\0';
        fprintf(f,
                "%s\n{\"comparison\":%zu,\"from\":%u,\"to\":%u,\"change\":\"%s\",\"added\":%u,"
                "\"cut\":%u,\"reworded\":%u,\"moved\":%u,\"same\":%u,\"restyled\":%u,"
                "\"headline_changed\":%s,\"unrelated\":%s,\"bytes_cut\":%" PRIu64
                ",\"bytes_added\":%" PRIu64 ",\"share\":%s}",
                k > 1 ? "," : "", n > 2 ? k : 0, s->a, s->b, timeline_change_name(s->change),
                s->added, s->cut, s->reworded, s->moved, s->same, s->restyled,
                json_bool(s->headline_changed), json_bool(s->unrelated), s->bytes_cut,
                s->bytes_added, share);
    }
    fputs("],\n\"first_latest\":0,\n\"cuts\":[", f);
    size_t nc;
    const struct timeline_cut *c = timeline_cuts(tl, &nc);
    for (size_t i = 0; i < nc; i++) {
        fprintf(f, "%s\n{\"version\":%u,\"sentence\":%u,\"cut_in\":%u,\"born\":%u,\"back_in\":",
                i ? "," : "", c[i].version, c[i].sentence, c[i].cut_in, c[i].born);
        if (c[i].back_in)
            fprintf(f, "%u}", c[i].back_in);
        else
            fputs("null}", f);
    }
    fputs("]}", f);
}

static void intro(FILE *f, enum export_format fmt, const void *arg)
{
    if (fmt == EXPORT_HTML)
        table_html(f, arg);
    else if (fmt == EXPORT_JSON)
        member_json(f, arg);
}

enum wd_status export_timeline(FILE *f, enum export_format fmt, const struct export_timeline *x,
                               const struct export_view *view, int digest)
{
    struct timeline *tl = x->tl;
    size_t n = timeline_count(tl);
    timeline_build_all(tl);
    /* comparison 0: first against latest; k: step k (with two versions,
     * the one step) */
    size_t ncmps = n > 2 ? n : 1;
    struct export_cmp *cmps = xcalloc(ncmps, sizeof *cmps);
    for (size_t k = 0; k < ncmps; k++) {
        size_t step = n > 2 ? k : 1;
        cmps[k].al = timeline_step(tl, step);
        cmps[k].a = step == TIMELINE_OVERALL ? 0 : step - 1;
        cmps[k].b = step == TIMELINE_OVERALL ? n - 1 : step;
    }
    bool digests = digest == 1 ||
                   (digest < 0 && (fmt == EXPORT_HTML || fmt == EXPORT_MD || fmt == EXPORT_JSON));
    if (digests)
        for (size_t k = 0; k < ncmps; k++)
            cmps[k].dg = digest_new(cmps[k].al, NULL);
    const struct doc **docs = xcalloc(n, sizeof *docs);
    for (size_t k = 0; k < n; k++)
        docs[k] = timeline_doc(tl, k);
    struct export_chain chain = {.intro = intro, .arg = x, .details_from = ncmps > 1 ? 1 : 0};
    struct export_input in = {
        .docs = docs, .ndocs = n, .cmps = cmps, .ncmps = ncmps, .view = *view, .chain = &chain};
    in.view.range = false;
    in.view.swapped = false;
    if (fmt == EXPORT_MD)
        table_md(f, x);
    else if (fmt != EXPORT_HTML && fmt != EXPORT_JSON)
        table_text(f, x);
    enum wd_status st = export_write(f, fmt, &in);
    for (size_t k = 0; k < ncmps; k++)
        digest_free((struct digest *)cmps[k].dg);
    free(cmps);
    free(docs);
    return st;
}
