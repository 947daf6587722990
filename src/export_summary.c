/* export_summary.c - the lines that sum a comparison up, for the
 * writers (export.h): the row counts, the --stat line, the share
 * matched, the digest as text, the source's fields, "Only in". */
#include "config.h"

#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

const enum row_kind export_kind_order[ROW_KIND_COUNT] = {
    ROW_CHANGED, ROW_MOVED, ROW_DELETED, ROW_INSERTED, ROW_SAME,
};

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
