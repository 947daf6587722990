#include "config.h"

#include "export_overlap.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "export.h"
#include "text.h"

/* Longest title shown in the text table (display columns). */
#define TITLE_COLS 60

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* How the table names each document (a new array of n, the caller frees
 * it): its short name (doc_label: a file's base name, a URL's host and
 * last part), or its path (escaped, doc_name) when another document has
 * the same short name (a.txt of two folders). */
static const char **shown_names(const struct doc *const *docs, size_t n)
{
    const char **names = xcalloc(n ? n : 1, sizeof *names);
    const char **sorted = xcalloc(n ? n : 1, sizeof *sorted);
    for (size_t k = 0; k < n; k++)
        sorted[k] = doc_label(docs[k]);
    qsort(sorted, n, sizeof *sorted, cmp_str);
    for (size_t k = 0; k < n; k++) {
        const char *b = doc_label(docs[k]);
        /* equal short names are neighbours in sorted: find b's run */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(sorted[mid], b) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        bool twice = lo + 1 < n && strcmp(sorted[lo + 1], b) == 0;
        names[k] = twice ? doc_name(docs[k]) : b;
    }
    free(sorted);
    return names;
}

/* What a reader recognises a document by: its headline, else its first
 * sentence.  *len receives the length in bytes. */
const char *export_first_line(const struct doc *d, size_t *len)
{
    size_t ns;
    const struct sentence *s = doc_sentences(d, &ns);
    if (ns == 0 || (s[0].flags & SENT_LINE)) {
        const char *t = doc_title(d);
        *len = strlen(t);
        return t;
    }
    *len = s[0].end - s[0].start;
    return doc_bytes(d, NULL) + s[0].start;
}

/* t[0..len) cut to at most cols display columns on a cluster boundary,
 * each character as the other exports show it (export_char): white space
 * as a space, invalid bytes and noncharacters as U+FFFD, controls left
 * out.  A title is article text: written as it was, an escape sequence in
 * a scraped headline reached the terminal, and invalid bytes made the
 * output invalid UTF-8 (found by tests/fuzz/fuzz_export). */
static void put_title(FILE *f, const char *t, size_t len, int cols)
{
    size_t i = 0;
    int w = 0;
    while (i < len) {
        int cw;
        int32_t cp;
        size_t e = text_next_cluster(t, len, i, &cw);
        export_char(t, len, i, &cp);
        char m[ESCAPE_CP_MAX];
        size_t ml = cp == EXPORT_CHAR_MARK ? export_mark(t, len, i, m) : 0;
        if (cp == ' ') cw = 1; /* line breaks and TABs too */
        if (ml) cw = (int)ml;
        if (w + cw > cols) {
            fputs("\xE2\x80\xA6", f);
            break;
        }
        for (size_t k = i; k < e;) {
            size_t l = export_char(t, e, k, &cp);
            if (cp == EXPORT_CHAR_MARK)
                fwrite(m, 1, ml, f);
            else if (cp == ' ')
                putc(' ', f);
            else if (cp == TEXT_REPLACEMENT)
                fputs("\xEF\xBF\xBD", f);
            else if (cp >= 0)
                fwrite(t + k, 1, l, f);
            k += l;
        }
        w += cw;
        i = e;
    }
}

enum wd_status export_overlap_text(FILE *f, const struct corpus *c, const struct doc *const *docs)
{
    size_t n = corpus_ndocs(c), np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    const char **names = shown_names(docs, n);
    fprintf(f, "documents (%zu): sentences, story sentences (not boilerplate), title\n", n);
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        fprintf(f, "%4zu  %-28s %5zu %5zu  ", k, names[k], ns, corpus_story_sentences(c, k));
        size_t tl;
        const char *t = export_first_line(docs[k], &tl);
        put_title(f, t, tl, TITLE_COLS);
        putc('\n', f);
    }
    fprintf(f,
            "\npairs by overlap (%zu): share of story sentences matched, then sentences "
            "same / changed / moved\n",
            np);
    for (size_t i = 0; i < np; i++)
        fprintf(f, "%5.1f%%  %4u %4u %4u  %zu ~ %zu  %s ~ %s\n", 100.0 * p[i].overlap, p[i].same,
                p[i].changed, p[i].moved, (size_t)p[i].a, (size_t)p[i].b, names[p[i].a],
                names[p[i].b]);
    bool any = false;
    for (size_t k = 0; k < n; k++) {
        if (corpus_doc_overlaps(c, k)) continue;
        fputs(any ? ", " : "\noverlapping nothing: ", f);
        fprintf(f, "%zu %s", k, names[k]);
        any = true;
    }
    if (any) putc('\n', f);
    free(names);
    return ferror(f) ? WD_EIO : WD_OK;
}

void export_overlap_pairs_json(FILE *f, const struct corpus *c)
{
    size_t np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    fputs("\"pairs\":[", f);
    for (size_t i = 0; i < np; i++)
        fprintf(f, "%s{\"a\":%u,\"b\":%u,\"overlap\":%.3f,\"same\":%u,\"changed\":%u,\"moved\":%u}",
                i ? ",\n" : "\n", p[i].a, p[i].b, (double)p[i].overlap, p[i].same, p[i].changed,
                p[i].moved);
    putc(']', f);
}

enum wd_status export_overlap_json(FILE *f, const struct corpus *c, const struct doc *const *docs)
{
    size_t n = corpus_ndocs(c);
    fputs("{\"format\":\"wirediff-overlap\",\"version\":1,\n\"documents\":[", f);
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        fputs(k ? ",\n{\"path\":" : "\n{\"path\":", f);
        const char *path = doc_path(docs[k]), *title = doc_title(docs[k]);
        export_json_string(f, path, strlen(path));
        fputs(",\"title\":", f);
        export_json_string(f, title, strlen(title));
        fprintf(f, ",\"sentences\":%zu,\"story_sentences\":%zu,\"overlaps\":%s,\"boilerplate\":[",
                ns, corpus_story_sentences(c, k), corpus_doc_overlaps(c, k) ? "true" : "false");
        const uint8_t *b = corpus_boilerplate(c, k);
        bool first = true;
        for (size_t i = 0; i < ns; i++)
            if (b[i]) {
                fprintf(f, first ? "%zu" : ",%zu", i);
                first = false;
            }
        putc(']', f);
        if (doc_meta(docs[k])) {
            putc(',', f);
            export_json_source(f, doc_meta(docs[k]));
        }
        putc('}', f);
    }
    fputs("],\n", f);
    export_overlap_pairs_json(f, c);
    fputs("}\n", f);
    return ferror(f) ? WD_EIO : WD_OK;
}

/* A document's id as its JSON Lines input gave it: an integer, or a string. */
static void put_id(FILE *f, const struct doc *d, bool number)
{
    const char *id = doc_path(d);
    if (number)
        fputs(id, f);
    else
        export_json_string(f, id, strlen(id));
}

enum wd_status export_overlap_jsonl(FILE *f, const struct corpus *c, const struct doc *const *docs,
                                    const bool *id_number)
{
    size_t n = corpus_ndocs(c), np;
    const struct corpus_pair *p = corpus_pairs(c, &np);
    for (size_t i = 0; i < np; i++) {
        fputs("{\"type\":\"pair\",\"a\":", f);
        put_id(f, docs[p[i].a], id_number[p[i].a]);
        fputs(",\"b\":", f);
        put_id(f, docs[p[i].b], id_number[p[i].b]);
        fprintf(f, ",\"overlap\":%.3f,\"same\":%u,\"changed\":%u,\"moved\":%u}\n",
                (double)p[i].overlap, p[i].same, p[i].changed, p[i].moved);
    }
    for (size_t k = 0; k < n; k++) {
        size_t ns;
        (void)doc_sentences(docs[k], &ns);
        fputs("{\"type\":\"document\",\"id\":", f);
        put_id(f, docs[k], id_number[k]);
        const char *title = doc_title(docs[k]);
        fputs(",\"title\":", f);
        export_json_string(f, title, strlen(title));
        fprintf(f,
                ",\"sentences\":%zu,\"story_sentences\":%zu,\"own_sentences\":%zu,"
                "\"overlaps\":%s,\"boilerplate\":[",
                ns, corpus_story_sentences(c, k), corpus_own_sentences(c, k),
                corpus_doc_overlaps(c, k) ? "true" : "false");
        const uint8_t *b = corpus_boilerplate(c, k);
        bool first = true;
        for (size_t i = 0; i < ns; i++)
            if (b[i]) {
                fprintf(f, first ? "%zu" : ",%zu", i);
                first = false;
            }
        fputs("]}\n", f);
    }
    return ferror(f) ? WD_EIO : WD_OK;
}
