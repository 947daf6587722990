/* export_html.c - one self-contained HTML page: inline CSS, no script, no
 * network.  It opens in any browser, mails as one attachment, and prints.
 *
 * Per comparison: a table of both sources (path, title, sentences, share
 * matched), the row counts per kind, a legend, and a side-by-side table
 * with one <tr> per display row of the reader (export_blocks: the same
 * rows, the same folds).  A pair's two sentences share a row; the words
 * only in A are <del class="w">, those only in B <ins class="w">, a same
 * row's characters that differ only in case, quotes or dashes <span
 * class="f"> (a dotted underline); the sentences of a one-sided row sit in
 * a cell of class "only-a" or "only-b", and a sentence that is not story
 * text in one of class "role-X" (X its role letter, role.h role_mark;
 * greyed) titled with its role.  The gutter cell holds the row number (a
 * link to the row itself, to copy), the role letters of the two sides
 * ("c-": a caption left, nothing right), and the kind's mark; a weak pair
 * (row class "weak") shows "?" and its similarity; a moved sentence shows at both
 * places, each linking to the other (#r12 is alignment row 12, counted
 * from 1 as in the reader).  Colours follow prefers-color-scheme; print
 * keeps the light colours and never splits a row across pages.
 *
 * HTML 4-compatible elements only (no <main>, <section>, <mark>), so that
 * `xmllint --html` validates the output (make check does).  All text is
 * escaped (& < > " '), invalid UTF-8 becomes U+FFFD, and controls are
 * dropped (export_char).
 */
#include "config.h"

#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "text.h"

const char export_html_css[] =
    ":root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;"
    "--head:#f6f8fa;--del-bg:#ffcecb;--del-fg:#82071e;--ins-bg:#aceebb;--ins-fg:#055d20;"
    "--only-a:#fff1ef;--only-a-bar:#cf222e;--only-b:#edfbef;--only-b-bar:#1a7f37;"
    "--pair:#9a6700;--moved:#0969da;--moved-bg:#ddf4ff;--target:#fff8c5;--weak:#8250df}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;"
    "--line:#3d444d;--head:#151b23;--del-bg:#8e1519;--del-fg:#ffebe9;--ins-bg:#116329;"
    "--ins-fg:#dafbe1;--only-a:#2d1519;--only-a-bar:#f85149;--only-b:#0f2a1a;"
    "--only-b-bar:#3fb950;--pair:#d29922;--moved:#4493f8;--moved-bg:#15304f;--target:#3b2e00;"
    "--weak:#ab7df8}}\n"
    "body{margin:1.5em;background:var(--bg);color:var(--fg);"
    "font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\n"
    "h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.5em 0 .4em}\n"
    "summary{cursor:pointer;margin:1.2em 0 .4em}summary>h2{display:inline;margin:0}\n"
    ".meta,.stats{color:var(--muted);margin:.3em 0}\n"
    ".sources{border-collapse:collapse;margin:.6em 0}\n"
    ".sources th,.sources td{text-align:left;padding:.15em .8em .15em 0;vertical-align:top}\n"
    ".sources .path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:.9em}\n"
    ".prov dl{display:grid;grid-template-columns:max-content auto;gap:0 .8em;margin:0 0 .5em;"
    "color:var(--muted);font-size:.9em}\n"
    ".prov dt{font-weight:600}.prov dd{margin:0;overflow-wrap:anywhere}\n"
    ".stats b{color:var(--fg)}\n"
    ".digest{border-left:3px solid var(--muted);padding:.1em 0 .1em .8em;margin:.8em 0}\n"
    ".digest h2{margin:.1em 0 .3em}.digest .dsum{color:var(--muted);margin:.2em 0}\n"
    ".digest ol{margin:.3em 0;padding-left:1.6em}.digest li{margin:.15em 0}\n"
    ".legend{list-style:none;padding:0;margin:.5em 0 1em;color:var(--muted)}\n"
    ".legend li{display:inline-block;margin:0 1.2em .3em 0}\n"
    ".legend .only-a,.legend .only-b,.legend .mv{padding:0 .4em}\n"
    "table.diff{width:100%;border-collapse:collapse;table-layout:fixed}\n"
    "table.diff col.side{width:50%}table.diff col.gut{width:3.6em}\n"
    "table.diff th{position:sticky;top:0;background:var(--head);text-align:left;"
    "font-weight:600;padding:.35em .6em;border-bottom:1px solid var(--line);"
    "overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
    "table.diff td{vertical-align:top;padding:.3em .6em;border-bottom:1px solid var(--line);"
    "overflow-wrap:anywhere}\n"
    "td.g{text-align:center;color:var(--muted);font-size:.85em;padding:.35em .2em}\n"
    "td.g a{color:inherit;text-decoration:none}td.g .n{display:block;font-size:.85em}\n"
    "td.g .k{font-weight:700}tr.changed td.g .k{color:var(--pair)}\n"
    "tr.deleted td.g .k{color:var(--only-a-bar)}tr.inserted td.g .k{color:var(--only-b-bar)}\n"
    "td.g a.mv{color:var(--moved);font-weight:700}\n"
    ".only-a{background:var(--only-a);box-shadow:inset 3px 0 var(--only-a-bar)}\n"
    ".only-b{background:var(--only-b);box-shadow:inset 3px 0 var(--only-b-bar)}\n"
    ".mv{background:var(--moved-bg)}\n"
    "del.w{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through;"
    "text-decoration-thickness:1px;border-radius:2px}\n"
    "ins.w{background:var(--ins-bg);color:var(--ins-fg);text-decoration:none;"
    "border-radius:2px}\n"
    "tr.fold td{text-align:center;color:var(--muted);font-style:italic}\n"
    ".f{text-decoration:underline dotted;text-decoration-color:var(--muted);"
    "text-underline-offset:2px}\n"
    "td.role-c,td.role-a,td.role-b{color:var(--muted)}td.role-h{font-weight:600}\n"
    "td.g .r{display:block;font-size:.8em;letter-spacing:.2em;color:var(--muted)}\n"
    "tr.weak td.g .k{color:var(--weak)}td.g .sim{display:block;font-size:.8em;"
    "color:var(--weak)}\n"
    "tr:target td{background:var(--target)}\n"
    ".cp{display:none}tr:target .cp{display:block;border-left:3px solid var(--moved);"
    "padding-left:.5em}.cpn{color:var(--muted);font-size:.85em}\n"
    "@media print{:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;"
    "--head:#eee;--del-bg:#ffcecb;--del-fg:#82071e;--ins-bg:#aceebb;--ins-fg:#055d20;"
    "--only-a:#fff1ef;--only-a-bar:#cf222e;--only-b:#edfbef;--only-b-bar:#1a7f37;"
    "--pair:#9a6700;--moved:#0969da;--moved-bg:#ddf4ff;--target:#fff;--weak:#8250df}\n"
    "body{margin:0;font-size:10pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "table.diff th{position:static}thead{display:table-header-group}\n"
    "tr,td{break-inside:avoid;page-break-inside:avoid}ins.w{text-decoration:underline}"
    "tr:target .cp{display:none}}\n";

/* Text s[start, end) escaped, white space runs as one space. */
void export_html_text(FILE *f, const char *s, size_t start, size_t end)
{
    static const bool special[128] = {
        ['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true, ['\''] = true};
    bool space = false;
    for (size_t i = start; i < end;) {
        size_t run = export_plain_run(s, end, i, special);
        if (run > i) { /* most of the text: one write, not one a character */
            fwrite(s + i, 1, run - i, f);
            space = s[run - 1] == ' ';
            i = run;
            continue;
        }
        int32_t cp;
        size_t l = export_char(s, end, i, &cp);
        if (cp == ' ') {
            if (!space) putc(' ', f);
            space = true;
            i += l;
            continue;
        }
        if (cp == EXPORT_CHAR_MARK) { /* a bidi control, shown (export_char) */
            char m[ESCAPE_CP_MAX];
            fwrite(m, 1, export_mark(s, end, i, m), f);
            space = false;
            i += l;
            continue;
        }
        if (cp < 0) { /* not shown, and no word boundary either */
            i += l;
            continue;
        }
        space = false;
        switch (cp) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        case TEXT_REPLACEMENT:
            fputs("\xEF\xBF\xBD", f);
            break;
        default:
            fwrite(s + i, 1, l, f);
        }
        i += l;
    }
}

static void html_str(FILE *f, const char *s)
{
    export_html_text(f, s, 0, strlen(s));
}

/* The part of the page that is the same for every comparison. */
static void html_head(FILE *f, const struct export_input *in)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"wirediff\">\n<title>wirediff: ",
          f);
    const struct doc *a = in->ncmps ? align_doc(in->cmps[0].al, SIDE_A) : NULL;
    const struct doc *b = in->ncmps ? align_doc(in->cmps[0].al, SIDE_B) : NULL;
    if (a) html_str(f, doc_label(a));
    if (b && in->ncmps == 1) {
        fputs(" vs ", f);
        html_str(f, doc_label(b));
    } else if (in->ncmps > 1) {
        fprintf(f, " vs %zu files", in->ncmps);
    }
    fputs("</title>\n<style>\n", f);
    fputs(export_html_css, f);
    fputs("</style>\n</head>\n<body>\n<h1>wirediff snapshot</h1>\n<p class=\"meta\">", f);
    if (in->view.timestamp) {
        html_str(f, in->view.timestamp);
        fputs(" \xC2\xB7 ", f);
    }
    char hidden[64] = "";
    if (in->ncmps) export_hidden_note(hidden, sizeof hidden, in->cmps[0].al, &in->view);
    fprintf(f, "word marks %s \xC2\xB7 identical runs %s \xC2\xB7 sides %s%s%s</p>\n",
            in->view.words ? "on" : "off", in->view.fold ? "folded" : "shown",
            in->view.swapped ? "swapped" : "as given", hidden[0] ? " \xC2\xB7 " : "", hidden);
}

static void html_sources(FILE *f, const struct alignment *al)
{
    const struct align_stats *st = align_get_stats(al);
    fputs("<table class=\"sources\">\n", f);
    for (int side = 0; side < 2; side++) {
        const struct doc *d = align_doc(al, side);
        char sum[80];
        export_side_summary(sum, sizeof sum, st, side);
        fprintf(f, "<tr><th scope=\"row\">%c</th><td class=\"path\">", side ? 'B' : 'A');
        html_str(f, doc_path(d));
        fputs("</td><td class=\"title\">", f);
        html_str(f, doc_title(d));
        fprintf(f, "</td><td>%s</td></tr>\n", sum);
        struct export_source src;
        export_source_fields(d, &src);
        if (!src.n) continue;
        /* where it came from: a URL is a link only when it is http(s), so
         * that a page's javascript: URL stays text */
        fputs("<tr class=\"prov\"><td></td><td colspan=\"3\"><dl>", f);
        for (size_t i = 0; i < src.n; i++) {
            const char *v = src.value[i];
            fputs("<dt>", f);
            html_str(f, src.label[i]);
            fputs("</dt><dd>", f);
            bool link = strstr(src.label[i], "URL") &&
                        (strncasecmp(v, "http://", 7) == 0 || strncasecmp(v, "https://", 8) == 0);
            if (link) {
                fputs("<a rel=\"noreferrer noopener\" href=\"", f);
                html_str(f, v);
                fputs("\">", f);
            }
            html_str(f, v);
            fputs(link ? "</a></dd>" : "</dd>", f);
        }
        fputs("</dl></td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void html_stats(FILE *f, const struct alignment *al, const struct export_view *v)
{
    fputs("<p class=\"stats\">", f);
    export_stats_line(f, al, v, "<b>", "</b>");
    fputs("</p>\n<ul class=\"legend\"><li><del class=\"w\">deleted words</del></li>"
          "<li><ins class=\"w\">inserted words</ins></li>"
          "<li><span class=\"only-a\">only in A</span></li>"
          "<li><span class=\"only-b\">only in B</span></li>"
          "<li><b>~</b> changed</li>"
          "<li><span class=\"mv\">\xE2\x86\x93"
          "12</span> moved: the row of the other "
          "place</li>",
          f);
    fprintf(f,
            "<li><b>?</b> weak pair: similarity under %.2f</li>"
            "<li><span class=\"f\">A</span> same but for case, quotes or dashes</li>"
            "<li>h d c a b: headline, dateline, caption or credit, byline, boilerplate "
            "(not the story: greyed)</li></ul>\n",
            ALIGN_WEAK_SIM);
}

/* n in decimal (printf's %zu without its cost: a few a row). */
static void put_num(FILE *f, size_t n)
{
    char b[24];
    size_t i = sizeof b;
    do
        b[--i] = (char)('0' + n % 10);
    while ((n /= 10) > 0);
    fwrite(b + i, 1, sizeof b - i, f);
}

struct html_out {
    FILE *f;
    const struct alignment *al;
    const struct export_view *v;
    char id[32]; /* the id prefix of this comparison: "r" or "c2r" */
    struct export_run *runs;
    size_t cap;
};

/* The runs of side of row r, word marks as <del> and <ins>; how many. */
static size_t html_runs(struct html_out *h, const struct align_row *r, int side)
{
    FILE *f = h->f;
    const char *bytes = doc_bytes(align_doc(h->al, side), NULL);
    size_t n = export_side_runs(h->al, r, side, h->v->words, &h->runs, &h->cap);
    for (size_t i = 0; i < n; i++) {
        const struct export_run *u = &h->runs[i];
        if (u->sentence && i) fputs("<br>", f);
        if (u->attr == LA_DEL || u->attr == LA_INS) {
            bool del = u->attr == LA_DEL;
            fputs(del ? "<del class=\"w\">" : "<ins class=\"w\">", f);
            export_html_text(f, bytes, u->start, u->end);
            fputs(del ? "</del>" : "</ins>", f);
        } else if (u->attr == LA_FOLDED) {
            fputs("<span class=\"f\" title=\"differs in case, quotes or dashes\">", f);
            export_html_text(f, bytes, u->start, u->end);
            fputs("</span>", f);
        } else {
            export_html_text(f, bytes, u->start, u->end);
        }
    }
    return n;
}

static void html_cell(struct html_out *h, const struct align_row *r, int side)
{
    FILE *f = h->f;
    bool shows = (r->show & (side ? SHOW_B : SHOW_A)) != 0;
    const char *cls = "";
    if (shows && r->kind == ROW_DELETED)
        cls = " only-a";
    else if (shows && r->kind == ROW_INSERTED)
        cls = " only-b";
    else if (shows && r->kind == ROW_MOVED)
        cls = " mv";
    fputs(side ? "<td class=\"b" : "<td class=\"a", f);
    fputs(cls, f);
    char role = shows ? align_role_mark(h->al, r, side) : ' ';
    if (role != ' ' && role != 'd') { /* a role other than the story's */
        size_t ns;
        uint32_t first = side ? r->b : r->a;
        fprintf(f, " role-%c\" title=\"%s", role,
                role_name(sent_role(&doc_sentences(align_doc(h->al, side), &ns)[first])));
    }
    fputs("\">", f);
    if (shows) {
        html_runs(h, r, side);
    } else if (r->kind == ROW_MOVED && r->partner >= 0) {
        /* the counterpart, shown when the row is a link's target (the
         * gutter's link from the other half): the pair side by side */
        size_t nr;
        const struct align_row *p = &align_rows(h->al, &nr)[r->partner];
        fprintf(f, "<div class=\"cp\"><span class=\"cpn\">at row %ld:</span> ",
                (long)r->partner + 1);
        html_runs(h, p, side);
        fputs("</div>", f);
    }
    fputs("</td>", f);
}

static void html_gutter(struct html_out *h, const struct align_row *r, size_t row,
                        bool partner_shown)
{
    FILE *f = h->f;
    fputs("<td class=\"g\"><a class=\"n\" href=\"#", f);
    fputs(h->id, f);
    put_num(f, row + 1);
    fputs("\">", f);
    put_num(f, row + 1);
    fputs("</a>", f);
    char rm[2] = {align_role_mark(h->al, r, SIDE_A), align_role_mark(h->al, r, SIDE_B)};
    if (rm[0] != ' ' || rm[1] != ' ') {
        fputs("<span class=\"r\" title=\"", f);
        for (int side = 0; side < 2; side++) {
            if (rm[side] == ' ') continue;
            size_t ns;
            const struct sentence *se =
                &doc_sentences(align_doc(h->al, side), &ns)[side ? r->b : r->a];
            fprintf(f, "%s%c: %s", side && rm[0] != ' ' ? ", " : "", side ? 'B' : 'A',
                    rm[side] == 'd' ? "story with a dateline" : role_name(sent_role(se)));
        }
        fprintf(f, "\">%c%c</span>", rm[0] == ' ' ? '-' : rm[0], rm[1] == ' ' ? '-' : rm[1]);
    }
    bool weak = align_row_weak(r);
    switch (r->kind) {
    case ROW_CHANGED:
        if (weak)
            fprintf(f, "<span class=\"k\" title=\"weak pair: similarity under %.2f\">?</span>",
                    ALIGN_WEAK_SIM);
        else
            fputs("<span class=\"k\">~</span>", f);
        break;
    case ROW_DELETED:
        fputs("<span class=\"k\">&lt;</span>", f);
        break;
    case ROW_INSERTED:
        fputs("<span class=\"k\">&gt;</span>", f);
        break;
    case ROW_MOVED: {
        const char *dir = (r->show & SHOW_A) ? "to" : "from";
        const char *arrow = r->partner > (int32_t)row ? "\xE2\x86\x93" : "\xE2\x86\x91";
        if (partner_shown)
            fprintf(f, "<a class=\"mv\" href=\"#%s%ld\" title=\"moved %s row %ld\">%s%ld</a>",
                    h->id, (long)r->partner + 1, dir, (long)r->partner + 1, arrow,
                    (long)r->partner + 1);
        else
            fprintf(f, "<span class=\"k\" title=\"moved %s row %ld (not shown)\">%s%ld</span>", dir,
                    (long)r->partner + 1, arrow, (long)r->partner + 1);
        break;
    }
    default:
        break;
    }
    if (weak) fprintf(f, "<span class=\"sim\">0.%02d</span>", align_sim_cents(r));
    fputs("</td>", f);
}

/* What changed in substance, first: each item linked to its row (when
 * the snapshot shows it). */
static void html_digest(struct html_out *h, const struct digest *dg, const struct export_block *b,
                        size_t nb)
{
    FILE *f = h->f;
    char line[1024];
    digest_summary(dg, line, sizeof line);
    fputs("<div class=\"digest\"><h2>What changed</h2>\n<p class=\"dsum\">", f);
    html_str(f, line);
    fputs("</p>\n", f);
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    if (n) fputs("<ol>\n", f);
    for (size_t i = 0; i < n; i++) {
        size_t bi = export_block_of_row(b, nb, it[i].row);
        bool linked = bi < nb && !b[bi].fold;
        fprintf(f, "<li class=\"dk-%s\">", digest_kind_name(it[i].kind));
        if (linked) fprintf(f, "<a href=\"#%s%zu\">", h->id, it[i].row + 1);
        fprintf(f, "row %zu", it[i].row + 1);
        fputs(linked ? "</a> \xC2\xB7 " : " \xC2\xB7 ", f);
        digest_item_text(&it[i], line, sizeof line);
        /* the kind in bold, then what changed */
        const char *colon = strstr(line, ": ");
        size_t head = colon ? (size_t)(colon - line) : strlen(line);
        fputs("<b>", f);
        export_html_text(f, line, 0, head);
        fputs("</b>", f);
        if (colon) html_str(f, colon);
        fputs("</li>\n", f);
    }
    if (n) fputs("</ol>\n", f);
    fputs("</div>\n", f);
}

/* The display rows of one comparison being written, for html_rows. */
struct html_rows {
    const struct html_out *h;
    const struct export_block *blocks;
    size_t nb;
    const struct align_row *rows;
};

/* Write blocks from .. to - 1 to out (export_chunks). */
static void html_rows(void *arg, FILE *out, size_t from, size_t to)
{
    const struct html_rows *hr = arg;
    struct html_out o = *hr->h, *h = &o;
    o.f = out;
    o.runs = NULL;
    o.cap = 0;
    for (size_t i = from; i < to; i++) {
        const struct export_block *b = &hr->blocks[i];
        if (b->fold) {
            fprintf(out,
                    "<tr class=\"fold\"><td colspan=\"3\">\xE2\x80\xA6 %zu identical "
                    "sentence%s</td></tr>\n",
                    b->nrows, b->nrows == 1 ? "" : "s");
            continue;
        }
        const struct align_row *r = &hr->rows[b->row];
        bool shown =
            r->partner >= 0 && export_block_of_row(hr->blocks, hr->nb, (size_t)r->partner) < hr->nb;
        fputs("<tr id=\"", out);
        fputs(h->id, out);
        put_num(out, b->row + 1);
        fputs("\" class=\"", out);
        fputs(align_kind_name(r->kind), out);
        fputs(align_row_weak(r) ? " weak\">" : "\">", out);
        html_cell(h, r, SIDE_A);
        html_gutter(h, r, b->row, shown);
        html_cell(h, r, SIDE_B);
        fputs("</tr>\n", out);
    }
    free(o.runs);
}

static void html_cmp(struct html_out *h, const struct export_input *in, size_t k)
{
    FILE *f = h->f;
    const struct alignment *al = in->cmps[k].al;
    h->al = al;
    h->v = &in->view;
    if (k == 0)
        snprintf(h->id, sizeof h->id, "r");
    else
        snprintf(h->id, sizeof h->id, "c%zur", k + 1);
    const char *na = doc_label(align_doc(al, SIDE_A));
    const char *nb = doc_label(align_doc(al, SIDE_B));
    bool details = in->chain && in->chain->details_from && k >= in->chain->details_from;
    if (details) fputs("<details>\n<summary>", f);
    if (in->ncmps > 1) {
        fprintf(f, "<h2 id=\"c%zu\">", k + 1);
        html_str(f, na);
        fputs(" vs ", f);
        html_str(f, nb);
        fputs("</h2>", f);
        fputs(details ? "</summary>\n" : "\n", f);
    }
    html_sources(f, al);
    size_t nr, nb_;
    const struct align_row *rows = align_rows(al, &nr);
    struct export_block *blocks = export_blocks(al, &in->view, &nb_);
    if (in->cmps[k].dg) html_digest(h, in->cmps[k].dg, blocks, nb_);
    html_stats(f, al, &in->view);
    fputs("<table class=\"diff\">\n<colgroup><col class=\"side\"><col class=\"gut\">"
          "<col class=\"side\"></colgroup>\n<thead><tr><th scope=\"col\">A \xC2\xB7 ",
          f);
    html_str(f, na);
    fputs("</th><th scope=\"col\"></th><th scope=\"col\">B \xC2\xB7 ", f);
    html_str(f, nb);
    fputs("</th></tr></thead>\n<tbody>\n", f);
    if (nb_ == 0)
        fputs("<tr class=\"fold\"><td colspan=\"3\">(no sentences on either side)</td></tr>\n", f);
    struct html_rows hr = {h, blocks, nb_, rows};
    export_chunks(f, nb_, EXPORT_CHUNK, html_rows, &hr);
    fputs("</tbody>\n</table>\n", f);
    if (details) fputs("</details>\n", f);
    free(blocks);
}

enum wd_status export_html(FILE *f, const struct export_input *in)
{
    struct html_out h = {.f = f};
    html_head(f, in);
    if (in->chain) in->chain->intro(f, EXPORT_HTML, in->chain->arg);
    for (size_t k = 0; k <= in->ncmps; k++) {
        for (size_t i = 0; i < in->nonly; i++) {
            if (in->only[i].at != k) continue;
            char *s = export_only_text(&in->only[i]);
            fprintf(f, "<p class=\"only-%c\">", in->only[i].side == SIDE_A ? 'a' : 'b');
            html_str(f, s);
            fputs("</p>\n", f);
            free(s);
        }
        if (k < in->ncmps) html_cmp(&h, in, k);
    }
    fputs("</body>\n</html>\n", f);
    free(h.runs);
    return ferror(f) ? WD_EIO : WD_OK;
}
