/* export_columns.c - the overview and the columns of many documents as
 * one snapshot (export_columns.h).  The columns are read through the same
 * map as the reader's (colmap.h): a row per pivot sentence, and rows of
 * the documents' own sentences in the gaps where they stand.
 */
#include "config.h"

#include "export_columns.h"

#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "export_overlap.h"
#include "text.h"

/* The overlap matrix is written up to this many documents. */
#define MATRIX_MAX 60

size_t export_columns_pick(const struct corpus *c, size_t p, bool hide_none, uint32_t *cols)
{
    size_t n = corpus_ndocs(c), k = 0;
    for (size_t o = 0; o < n; o++)
        if (o != p && (!hide_none || corpus_shared(c, p, o) > 0)) cols[k++] = (uint32_t)o;
    return k;
}

/* ---- what the writers share -------------------------------------------------- */

struct cx {
    const struct export_corpus *in;
    FILE *f;
    struct colmap *map; /* per shown column */
    size_t np;          /* pivot sentences */
    const struct sentence *ps;
    const char *pbytes;
    struct export_run *runs;
    size_t cap;
};

static const struct alignment *al_of(const struct cx *x, size_t c)
{
    return x->in->al[x->in->cols[c]];
}

static void cx_init(struct cx *x, FILE *f, const struct export_corpus *in)
{
    memset(x, 0, sizeof *x);
    x->in = in;
    x->f = f;
    const struct doc *pd = in->docs[in->pivot];
    x->ps = doc_sentences(pd, &x->np);
    x->pbytes = doc_bytes(pd, NULL);
    x->map = xcalloc(in->ncols ? in->ncols : 1, sizeof *x->map);
    for (size_t c = 0; c < in->ncols; c++)
        colmap_build(&x->map[c], al_of(x, c), x->np);
}

static void cx_free(struct cx *x)
{
    for (size_t c = 0; c < x->in->ncols; c++)
        colmap_free(&x->map[c]);
    free(x->map);
    free(x->runs);
}

/* Does any shown column have own sentences in gap g? */
static bool gap_used(const struct cx *x, size_t g)
{
    for (size_t c = 0; c < x->in->ncols; c++) {
        size_t lo, hi;
        colmap_gap(&x->map[c], g, &lo, &hi);
        if (hi > lo) return true;
    }
    return false;
}

static int pct(size_t part, size_t whole)
{
    return whole ? (int)((100 * part + whole / 2) / whole) : 0;
}

static const char *mark_name(enum col_mark m)
{
    static const char *const names[] = {"same", "changed", "moved", "missing", "ditto"};
    return names[m];
}

/* ---- HTML -------------------------------------------------------------------- */

static const char css_columns[] =
    "table.docs,table.pairs,table.matrix{border-collapse:collapse;margin:.4em 0}\n"
    "table.docs th,table.docs td,table.pairs th,table.pairs td{text-align:left;"
    "padding:.15em .7em .15em 0;vertical-align:top;border-bottom:1px solid var(--line)}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.pivot td{font-weight:600}\n"
    "table.matrix td,table.matrix th{width:2.4em;text-align:right;padding:.1em .3em;"
    "font-variant-numeric:tabular-nums;font-size:.85em}\n"
    ".h1{background:#fff8c5}.h2{background:#ffe58f}.h3{background:#ffc680}"
    ".h4{background:#ff9e6e}.h5{background:#f4725c}\n"
    "@media (prefers-color-scheme:dark){.h1{background:#3b2e00}.h2{background:#4d3800}"
    ".h3{background:#5c3a12}.h4{background:#6e2c1c}.h5{background:#84231c}}\n"
    ".wrap{overflow-x:auto}\n"
    "table.cols{border-collapse:collapse;table-layout:fixed}\n"
    "table.cols th{position:sticky;top:0;background:var(--head);text-align:left;font-weight:600;"
    "padding:.35em .6em;border-bottom:1px solid var(--line);overflow:hidden;"
    "text-overflow:ellipsis;white-space:nowrap}\n"
    "table.cols td{vertical-align:top;padding:.3em .6em;border-bottom:1px solid var(--line);"
    "border-left:1px solid var(--line);overflow-wrap:anywhere}\n"
    "table.cols .k{font-weight:700;margin-right:.3em}\n"
    "td.changed .k{color:var(--pair)}td.moved .k{color:var(--moved)}"
    "td.missing{color:var(--muted)}td.own .k{color:var(--only-b-bar)}\n"
    "td.own{background:var(--only-b);box-shadow:inset 3px 0 var(--only-b-bar)}\n"
    "td.moved{background:var(--moved-bg)}\n"
    "td.own p{margin:0 0 .3em}\n";

static void h_str(FILE *f, const char *s)
{
    export_html_text(f, s, 0, strlen(s));
}

static const char *heat(float v)
{
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5"};
    int k = (int)(v * 5.0f);
    return h[k < 0 ? 0 : k > 4 ? 4 : k];
}

static void html_docs(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    fputs("<h2>Documents</h2>\n<table class=\"docs\"><thead><tr><th>#</th><th>document</th>"
          "<th>sentences</th><th>story</th><th title=\"share of its story found in the pivot\">"
          "from pivot</th><th title=\"share of its story found in no other document\">own</th>"
          "<th>title</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t k = 0; k < in->ndocs; k++) {
        const struct doc *d = in->docs[k];
        size_t ns, story = corpus_story_sentences(in->c, k);
        doc_sentences(d, &ns);
        fprintf(f, "<tr%s><td class=\"num\">%zu</td><td>", k == in->pivot ? " class=\"pivot\"" : "",
                k);
        h_str(f, doc_label(d));
        fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>", ns, story);
        if (k == in->pivot)
            fputs("<td>pivot</td>", f);
        else
            fprintf(f, "<td class=\"num\">%d%%</td>",
                    pct(corpus_shared(in->c, k, in->pivot), story));
        fprintf(f, "<td class=\"num\">%d%%</td><td>", pct(corpus_own_sentences(in->c, k), story));
        size_t tl;
        const char *t = export_first_line(d, &tl);
        export_html_text(f, t, 0, tl);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void html_matrix(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    size_t n = in->ndocs, np;
    if (n < 2 || n > MATRIX_MAX) return;
    float *m = xcalloc(n * n, sizeof *m);
    const struct corpus_pair *p = corpus_pairs(in->c, &np);
    for (size_t i = 0; i < np; i++)
        m[p[i].a * n + p[i].b] = m[p[i].b * n + p[i].a] = p[i].overlap;
    fputs("<h2>Overlap</h2>\n<table class=\"matrix\"><thead><tr><th></th>", f);
    for (size_t j = 0; j < n; j++)
        fprintf(f, "<th>%zu</th>", j);
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t k = 0; k < n; k++) {
        fprintf(f, "<tr><th>%zu</th>", k);
        for (size_t j = 0; j < n; j++) {
            float v = m[k * n + j];
            if (j != k && v > 0)
                fprintf(f, "<td class=\"%s\">%d</td>", heat(v), (int)(100.0f * v + 0.5f));
            else
                fputs("<td></td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    free(m);
}

static void html_pairs(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    size_t np;
    const struct corpus_pair *p = corpus_pairs(in->c, &np);
    fprintf(f, "<h2>Pairs by overlap (%zu)</h2>\n", np);
    if (np == 0) {
        fputs("<p class=\"meta\">No two documents share a sentence.</p>\n", f);
        return;
    }
    fputs("<table class=\"pairs\"><thead><tr><th>overlap</th><th>pair</th><th>same</th>"
          "<th>changed</th><th>moved</th><th>documents</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t i = 0; i < np; i++) {
        fprintf(f,
                "<tr><td class=\"num %s\">%.1f%%</td><td>%u ~ %u</td><td class=\"num\">%u</td>"
                "<td class=\"num\">%u</td><td class=\"num\">%u</td><td>",
                heat(p[i].overlap), 100.0 * p[i].overlap, p[i].a, p[i].b, p[i].same, p[i].changed,
                p[i].moved);
        h_str(f, doc_label(in->docs[p[i].a]));
        fputs(" ~ ", f);
        h_str(f, doc_label(in->docs[p[i].b]));
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

/* The runs of side B of row r of column c's alignment, word marks as
 * <ins>. */
static void html_runs(struct cx *x, const struct alignment *al, const struct align_row *r)
{
    FILE *f = x->f;
    const char *bytes = doc_bytes(align_doc(al, SIDE_B), NULL);
    size_t n = export_side_runs(al, r, SIDE_B, x->in->words, &x->runs, &x->cap);
    for (size_t i = 0; i < n; i++) {
        const struct export_run *u = &x->runs[i];
        if (u->sentence && i) putc(' ', f);
        if (u->attr == LA_INS) fputs("<ins class=\"w\">", f);
        export_html_text(f, bytes, u->start, u->end);
        if (u->attr == LA_INS) fputs("</ins>", f);
    }
}

static void html_cell(struct cx *x, size_t c, size_t i)
{
    FILE *f = x->f;
    const struct alignment *al = al_of(x, c);
    enum col_mark m;
    ptrdiff_t r = colmap_cell(&x->map[c], al, i, SIDE_B, &m);
    static const char *const k[] = {"", "~", "\xE2\x86\x95", "&lt;", "&quot;"};
    static const char *const title[] = {"", "reworded", "moved: it stands elsewhere in it",
                                        "not in it", "paired with the row above"};
    fprintf(f, "<td class=\"%s\">", mark_name(m));
    if (m != CM_SAME) fprintf(f, "<span class=\"k\" title=\"%s\">%s</span>", title[m], k[m]);
    size_t nr;
    if (r >= 0) html_runs(x, al, &align_rows(al, &nr)[r]);
    fputs("</td>", f);
}

static void html_own(struct cx *x, size_t c, size_t g)
{
    FILE *f = x->f;
    const struct alignment *al = al_of(x, c);
    size_t lo, hi, nr;
    colmap_gap(&x->map[c], g, &lo, &hi);
    if (lo == hi) {
        fputs("<td></td>", f);
        return;
    }
    fputs("<td class=\"own\">", f);
    for (size_t k = lo; k < hi; k++) {
        fputs("<p><span class=\"k\" title=\"its own\">+</span>", f);
        html_runs(x, al, &align_rows(al, &nr)[x->map[c].own[k]]);
        fputs("</p>", f);
    }
    fputs("</td>", f);
}

static void html_columns(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    fputs("<h2>Columns</h2>\n<p class=\"meta\">Each row is a sentence of the pivot; beside it, "
          "what each document has for it (~ reworded, \xE2\x86\x95 moved, &lt; not in it, "
          "&quot; paired with the row above). A document's own sentences stand where they "
          "stand in it, marked +.",
          f);
    size_t hidden = in->ndocs - 1 - in->ncols;
    if (hidden)
        fprintf(f, " %zu document%s sharing nothing with the pivot %s left out.", hidden,
                hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
    fputs("</p>\n", f);
    fprintf(f, "<div class=\"wrap\"><table class=\"cols\" style=\"width:max(100%%,%zuem)\">"
               "<thead><tr><th>pivot %zu ",
            16 * (in->ncols + 1), in->pivot);
    h_str(f, doc_label(in->docs[in->pivot]));
    fputs("</th>", f);
    for (size_t c = 0; c < in->ncols; c++) {
        size_t o = in->cols[c];
        const struct align_stats *st = align_get_stats(al_of(x, c));
        fputs("<th title=\"", f);
        h_str(f, doc_name(in->docs[o]));
        fprintf(f, "\">%zu ", o);
        h_str(f, doc_label(in->docs[o]));
        fprintf(f, " \xC2\xB7 +%zu</th>",
                (size_t)(st->sentences[SIDE_B] - st->matched[SIDE_B]));
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t g = 0; g <= x->np; g++) {
        if (gap_used(x, g)) {
            fprintf(f, "<tr class=\"gap\" id=\"g%zu\"><td></td>", g);
            for (size_t c = 0; c < in->ncols; c++)
                html_own(x, c, g);
            fputs("</tr>\n", f);
        }
        if (g == x->np) break;
        fprintf(f, "<tr id=\"p%zu\"><td class=\"pv\">", g + 1);
        export_html_text(f, x->pbytes, x->ps[g].start, x->ps[g].end);
        fputs("</td>", f);
        for (size_t c = 0; c < in->ncols; c++)
            html_cell(x, c, g);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
}

static void html_write(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"wirediff\">\n<title>wirediff: %zu documents</title>\n"
            "<style>\n",
            in->ndocs);
    fputs(export_html_css, f);
    fputs(css_columns, f);
    fprintf(f, "</style>\n</head>\n<body>\n<h1>wirediff: %zu documents</h1>\n<p class=\"meta\">",
            in->ndocs);
    if (in->timestamp) {
        h_str(f, in->timestamp);
        fputs(" \xC2\xB7 ", f);
    }
    fprintf(f, "pivot %zu ", in->pivot);
    h_str(f, doc_label(in->docs[in->pivot]));
    fprintf(f, " \xC2\xB7 word marks %s</p>\n", in->words ? "on" : "off");
    html_docs(x);
    html_matrix(x);
    html_pairs(x);
    html_columns(x);
    fputs("</body>\n</html>\n", f);
}

/* ---- Markdown ---------------------------------------------------------------- */

static void md_text_of(FILE *f, const char *s, size_t start, size_t end)
{
    char *t = xmalloc(end - start + 1);
    memcpy(t, s + start, end - start);
    t[end - start] = '\0';
    export_md_str(f, t);
    free(t);
}

static void md_write(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    fprintf(f, "# wirediff: %zu documents\n\n", in->ndocs);
    if (in->timestamp) {
        export_md_str(f, in->timestamp);
        fputs(" \xC2\xB7 ", f);
    }
    fprintf(f, "pivot %zu ", in->pivot);
    export_md_str(f, doc_label(in->docs[in->pivot]));
    fprintf(f, " \xC2\xB7 word marks %s\n\n## Documents\n\n"
               "| # | document | sentences | story | from pivot | own | title |\n"
               "|---:|---|---:|---:|---:|---:|---|\n",
            in->words ? "on" : "off");
    for (size_t k = 0; k < in->ndocs; k++) {
        size_t ns, story = corpus_story_sentences(in->c, k);
        doc_sentences(in->docs[k], &ns);
        fprintf(f, "| %zu | ", k);
        export_md_str(f, doc_label(in->docs[k]));
        fprintf(f, " | %zu | %zu | ", ns, story);
        if (k == in->pivot)
            fputs("**pivot**", f);
        else
            fprintf(f, "%d%%", pct(corpus_shared(in->c, k, in->pivot), story));
        fprintf(f, " | %d%% | ", pct(corpus_own_sentences(in->c, k), story));
        size_t tl;
        const char *t = export_first_line(in->docs[k], &tl);
        md_text_of(f, t, 0, tl);
        fputs(" |\n", f);
    }
    size_t np;
    const struct corpus_pair *p = corpus_pairs(in->c, &np);
    fprintf(f, "\n## Pairs by overlap (%zu)\n\n", np);
    if (np) fputs("| overlap | pair | same | changed | moved |\n|---:|---|---:|---:|---:|\n", f);
    else fputs("No two documents share a sentence.\n", f);
    for (size_t i = 0; i < np; i++) {
        fprintf(f, "| %.1f%% | %u ", 100.0 * p[i].overlap, p[i].a);
        export_md_str(f, doc_label(in->docs[p[i].a]));
        fprintf(f, " ~ %u ", p[i].b);
        export_md_str(f, doc_label(in->docs[p[i].b]));
        fprintf(f, " | %u | %u | %u |\n", p[i].same, p[i].changed, p[i].moved);
    }
    fputs("\n## Columns\n\nEach pivot sentence, then what each document has for it; the "
          "documents' own sentences where they stand in them.",
          f);
    size_t hidden = in->ndocs - 1 - in->ncols;
    if (hidden)
        fprintf(f, " %zu document%s sharing nothing with the pivot left out.", hidden,
                hidden == 1 ? "" : "s");
    fputs("\n", f);
    struct export_view v = {.words = in->words};
    struct export_md m = {.f = f, .v = &v};
    char label[96];
    for (size_t g = 0; g <= x->np; g++) {
        if (gap_used(x, g)) {
            fprintf(f, "\n<a id=\"g%zu\"></a>*own sentences %s pivot sentence %zu*\n\n",
                    g, g < x->np ? "before" : "after", g < x->np ? g + 1 : x->np);
            for (size_t c = 0; c < in->ncols; c++) {
                size_t lo, hi, nr;
                colmap_gap(&x->map[c], g, &lo, &hi);
                m.al = al_of(x, c);
                snprintf(label, sizeof label, "%u +", in->cols[c]);
                for (size_t k = lo; k < hi; k++) {
                    export_md_side(&m, &align_rows(m.al, &nr)[x->map[c].own[k]], SIDE_B, label);
                    putc('\n', f); /* a quote each */
                }
            }
        }
        if (g == x->np) break;
        fprintf(f, "\n<a id=\"p%zu\"></a>**%zu** \xC2\xB7 ", g + 1, g + 1);
        md_text_of(f, x->pbytes, x->ps[g].start, x->ps[g].end);
        fputs("\n\n", f);
        /* the same and the missing named on a line each, the rest quoted */
        const char *sep = "same in ";
        for (size_t c = 0; c < in->ncols; c++) {
            enum col_mark mk;
            colmap_cell(&x->map[c], al_of(x, c), g, SIDE_B, &mk);
            if (mk != CM_SAME) continue;
            fprintf(f, "%s%u", sep, in->cols[c]);
            sep = ", ";
        }
        bool any = *sep == ',';
        sep = any ? "; not in " : "not in ";
        for (size_t c = 0; c < in->ncols; c++) {
            enum col_mark mk;
            colmap_cell(&x->map[c], al_of(x, c), g, SIDE_B, &mk);
            if (mk != CM_MISSING) continue;
            fprintf(f, "%s%u", sep, in->cols[c]);
            sep = ", ";
            any = true;
        }
        if (any) fputs("\n\n", f);
        for (size_t c = 0; c < in->ncols; c++) {
            enum col_mark mk;
            size_t nr;
            m.al = al_of(x, c);
            ptrdiff_t r = colmap_cell(&x->map[c], m.al, g, SIDE_B, &mk);
            if (mk == CM_SAME || mk == CM_MISSING) continue;
            if (mk == CM_DITTO) {
                fprintf(f, "> **%u \"** (paired with the sentence above)\n\n",
                        in->cols[c]);
                continue;
            }
            snprintf(label, sizeof label, "%u %s", in->cols[c],
                     mk == CM_CHANGED ? "~" : "\xE2\x86\x95 moved");
            if (r < 0) continue;
            export_md_side(&m, &align_rows(m.al, &nr)[r], SIDE_B, label);
            putc('\n', f);
        }
    }
    export_md_free(&m);
}

/* ---- JSON -------------------------------------------------------------------- */

/* {"mark":..,"row":..,"text":..,"added":[[from,to],...]}: side B of row r,
 * its added words as byte ranges into the text. */
static void json_cell(struct cx *x, const struct alignment *al, ptrdiff_t r, const char *mark)
{
    FILE *f = x->f;
    fprintf(f, "{\"mark\":\"%s\"", mark);
    if (r >= 0) {
        size_t nr, ns;
        const struct align_row *w = &align_rows(al, &nr)[r];
        const struct doc *d = align_doc(al, SIDE_B);
        const struct sentence *se = doc_sentences(d, &ns);
        const char *bytes = doc_bytes(d, NULL);
        uint32_t from = se[w->b].start, to = se[w->b + w->bn - 1].end;
        fprintf(f, ",\"sentences\":[%u,%u],\"text\":", w->b, w->bn);
        export_json_string(f, bytes + from, to - from);
        fputs(",\"added\":[", f);
        size_t n = export_side_runs(al, w, SIDE_B, x->in->words, &x->runs, &x->cap);
        bool first = true;
        for (size_t i = 0; i < n; i++)
            if (x->runs[i].attr == LA_INS) {
                fprintf(f, "%s[%u,%u]", first ? "" : ",", x->runs[i].start - from,
                        x->runs[i].end - from);
                first = false;
            }
        putc(']', f);
    }
    putc('}', f);
}

static void json_write(struct cx *x)
{
    FILE *f = x->f;
    const struct export_corpus *in = x->in;
    fputs("{\"format\":\"wirediff-columns\",\"version\":1,", f);
    if (in->timestamp) {
        fputs("\"timestamp\":", f);
        export_json_string(f, in->timestamp, strlen(in->timestamp));
        putc(',', f);
    }
    fprintf(f, "\"pivot\":%zu,\"words\":%s,\n\"documents\":[", in->pivot,
            in->words ? "true" : "false");
    for (size_t k = 0; k < in->ndocs; k++) {
        size_t ns;
        doc_sentences(in->docs[k], &ns);
        fputs(k ? ",\n{\"path\":" : "\n{\"path\":", f);
        const char *path = doc_path(in->docs[k]), *title = doc_title(in->docs[k]);
        export_json_string(f, path, strlen(path));
        fputs(",\"title\":", f);
        export_json_string(f, title, strlen(title));
        fprintf(f,
                ",\"sentences\":%zu,\"story_sentences\":%zu,\"own_sentences\":%zu,"
                "\"shared_with_pivot\":%zu,\"overlaps\":%s",
                ns, corpus_story_sentences(in->c, k), corpus_own_sentences(in->c, k),
                corpus_shared(in->c, k, in->pivot), corpus_doc_overlaps(in->c, k) ? "true" : "false");
        if (doc_meta(in->docs[k])) {
            putc(',', f);
            export_json_source(f, doc_meta(in->docs[k]));
        }
        putc('}', f);
    }
    fputs("],\n", f);
    export_overlap_pairs_json(f, in->c);
    fputs(",\n\"columns\":[", f);
    for (size_t c = 0; c < in->ncols; c++)
        fprintf(f, c ? ",%u" : "%u", in->cols[c]);
    fputs("],\n\"rows\":[", f);
    bool firstrow = true;
    for (size_t g = 0; g <= x->np; g++) {
        if (gap_used(x, g)) {
            fprintf(f, "%s{\"own_before\":%zu,\"cells\":[", firstrow ? "\n" : ",\n", g);
            firstrow = false;
            for (size_t c = 0; c < in->ncols; c++) {
                size_t lo, hi;
                colmap_gap(&x->map[c], g, &lo, &hi);
                fputs(c ? ",[" : "[", f);
                for (size_t k = lo; k < hi; k++) {
                    if (k > lo) putc(',', f);
                    json_cell(x, al_of(x, c), (ptrdiff_t)x->map[c].own[k], "own");
                }
                putc(']', f);
            }
            fputs("]}", f);
        }
        if (g == x->np) break;
        fprintf(f, "%s{\"pivot\":%zu,\"text\":", firstrow ? "\n" : ",\n", g);
        firstrow = false;
        export_json_string(f, x->pbytes + x->ps[g].start, x->ps[g].end - x->ps[g].start);
        fputs(",\"cells\":[", f);
        for (size_t c = 0; c < in->ncols; c++) {
            enum col_mark m;
            ptrdiff_t r = colmap_cell(&x->map[c], al_of(x, c), g, SIDE_B, &m);
            if (c) putc(',', f);
            json_cell(x, al_of(x, c), r, mark_name(m));
        }
        fputs("]}", f);
    }
    fputs("]}\n", f);
}

enum wd_status export_columns(FILE *f, enum export_format fmt, const struct export_corpus *in)
{
    if (fmt != EXPORT_HTML && fmt != EXPORT_MD && fmt != EXPORT_JSON)
        return export_overlap_text(f, in->c, in->docs);
    struct cx x;
    cx_init(&x, f, in);
    if (fmt == EXPORT_HTML)
        html_write(&x);
    else if (fmt == EXPORT_MD)
        md_write(&x);
    else
        json_write(&x);
    cx_free(&x);
    return ferror(f) ? WD_EIO : WD_OK;
}
