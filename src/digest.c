/* digest.c - the substantive changes of an alignment (see digest.h). */
#include "config.h"

#include "digest.h"
#include "digest_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "role.h"
#include "segment.h"
#include "text.h"
#include "util.h"

/* ---- sentences cut and added ------------------------------------------------------------ */

/* Do sentences first .. last of d make whole lines (paragraphs)? */
static bool whole_lines(const struct doc *d, uint32_t first, uint32_t last)
{
    size_t ns, len;
    const struct sentence *se = doc_sentences(d, &ns);
    const char *s = doc_bytes(d, &len);
    uint32_t from = se[first].start, to = se[last].end;
    while (from > 0 && (s[from - 1] == ' ' || s[from - 1] == '\t'))
        from--;
    while (to < len && (s[to] == ' ' || s[to] == '\t'))
        to++;
    return (from == 0 || s[from - 1] == '\n' || s[from - 1] == '\r') &&
           (to == len || s[to] == '\n' || s[to] == '\r');
}

/* Is one-sided row r only lines that are not the story's text: a caption
 * or credit, a byline, boilerplate, a dateline on its own line (role.h)?
 * Such a line cut or added is no change of substance: the rows show it. */
static bool not_substance(const struct alignment *al, const struct align_row *r)
{
    bool a = r->kind == ROW_DELETED;
    size_t ns;
    const struct sentence *se = doc_sentences(align_doc(al, a ? SIDE_A : SIDE_B), &ns);
    uint32_t first = a ? r->a : r->b, n = a ? r->an : r->bn;
    for (uint32_t q = first; q < first + n && q < ns; q++) {
        enum sent_role role = sent_role(&se[q]);
        if (!role_not_story(role) && role != ROLE_DATELINE) return false;
    }
    return true;
}

/* The run of cut (or added) rows of story text from row *i on, one item;
 * *i is left after it. */
static void one_sided(struct digest *d, struct doc_pass pass[2], const struct align_row *rows,
                      size_t nr, size_t *i)
{
    enum row_kind kind = rows[*i].kind;
    bool a = kind == ROW_DELETED;
    const struct doc *doc = align_doc(d->al, a ? SIDE_A : SIDE_B);
    size_t first = *i, nsent = 0;
    while (*i < nr && rows[*i].kind == kind && !not_substance(d->al, &rows[*i])) {
        nsent += a ? rows[*i].an : rows[*i].bn;
        (*i)++;
    }
    const struct align_row *f = &rows[first], *l = &rows[*i - 1];
    uint32_t s0 = a ? f->a : f->b, s1 = a ? l->a + l->an - 1 : l->b + l->bn - 1;
    size_t ns;
    const struct sentence *se = doc_sentences(doc, &ns);
    const char *bytes = doc_bytes(doc, NULL);
    doc_pass_read(&pass[a ? 0 : 1], se[s0].start, se[s1].end);
    char *text = dg_excerpt(bytes, se[s0].start, se[s0].end);
    enum digest_how how = nsent > 1 && whole_lines(doc, s0, s1) ? DGH_PARAGRAPH : DGH_CHANGED;
    if (a)
        dg_add(d, DG_CUT, how, first, *i - first, nsent, text, NULL);
    else
        dg_add(d, DG_ADDED, how, first, *i - first, nsent, NULL, text);
}

/* ---- the whole ------------------------------------------------------------------------------ */

/* The rows [from, to) are examined on one thread each, into a digest of
 * their own, whose items are in row order: a run of cut or added rows
 * belongs to the slice it starts in. */
#define SLICE_ROWS 4096
/* digest_new_until looks at its stop flag once in this many rows. */
#define STOP_EVERY 64
struct job {
    const struct alignment *al;
    const struct digest_lang *L;
    const struct wclass *wc;
    size_t nrows;
    struct digest *part; /* one per slice */
    size_t nslices;
    const atomic_bool *stop; /* digest_new_until's; NULL: never */
    atomic_bool *stopped;    /* set when a slice saw *stop and gave up */
};

/* Does s[from, to) hold an opening quotation mark (side_build's opens() or
 * a straight double quote)?  Each lead byte is looked for with memchr. */
static bool quote_in(const char *s, uint32_t from, uint32_t to)
{
    static const unsigned char lead[] = {'"', 0xC2, 0xE2, 0xE3};
    for (size_t k = 0; k < sizeof lead; k++) {
        const char *p = s + from, *e = s + to;
        while ((p = memchr(p, lead[k], (size_t)(e - p))) != NULL) {
            unsigned char c1 = p + 1 < e ? (unsigned char)p[1] : 0;
            unsigned char c2 = p + 2 < e ? (unsigned char)p[2] : 0;
            if (lead[k] == '"' || (lead[k] == 0xC2 && c1 == 0xAB) || /* « */
                (lead[k] == 0xE2 && c1 == 0x80 && (c2 == 0x9C || c2 == 0x9E || c2 == 0x98)) ||
                (lead[k] == 0xE3 && c1 == 0x80 && (c2 == 0x8C || c2 == 0x8E))) /* 「 『 */
                return true;
            p++;
        }
    }
    return false;
}

/* ---- which pairs to build ---------------------------------------------------------------- */

/* Most pairs of a long comparison hold nothing a digest reports: their
 * marked words are common words.  A pair is built (side_build) only when a
 * marked word could make an item; these tests read the bytes around the
 * marks, no tokens.  They may build a pair in vain, never pass over one
 * that has an item: where they cannot tell, they build. */

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The ASCII letters of s from i (before end), lower case into low ("" when
 * longer than it), their word_hash into *h; returns where they end. */
static uint32_t letters(const char *s, uint32_t i, uint32_t end, char low[24], uint32_t *h)
{
    size_t l = 0;
    uint32_t hh = 2166136261u;
    for (; i < end && ascii_letter((unsigned char)s[i]); i++) {
        unsigned char c = (unsigned char)(s[i] | 0x20);
        if (l < 23) low[l] = (char)c;
        l++;
        hh = (hh ^ c) * 16777619u;
    }
    low[l < 24 ? l : 0] = '\0';
    *h = hh;
    return i;
}

/* Does a number follow s[j] (before end), past qualifiers ("than", "at")
 * only: a digit, a currency sign, a number word, a capitalised date? */
static bool number_after(const struct wclass *wc, const char *s, uint32_t j, uint32_t end)
{
    for (int w = 0; w < 4; w++) {
        while (j < end && blank((unsigned char)s[j]))
            j++;
        if (j >= end) return false;
        unsigned char c = (unsigned char)s[j];
        if ((c >= '0' && c <= '9') || c == '$' || c >= 0x80) return true; /* £ € ¥: build */
        if (!ascii_letter(c)) return false;
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, j, end, low, &h);
        uint16_t cls = dg_wclass_find(wc, low, h);
        if ((cls & C_NUMBER) || ((cls & C_DATE) && c >= 'A' && c <= 'Z')) return true;
        if (!(cls & C_QUAL) && strcmp(low, "at") != 0) return false;
        j = e;
    }
    return false;
}

/* Is a speech verb among the SOURCE_TOKENS words after s[j] (before end),
 * with no punctuation between: is the word before it part of a source? */
static bool speech_after(const struct wclass *wc, const char *s, uint32_t j, uint32_t end)
{
    for (int w = 0; w < SOURCE_TOKENS; w++) {
        while (j < end && blank((unsigned char)s[j]))
            j++;
        if (j >= end) return false;
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80) return true; /* cannot tell: build */
        if (!ascii_letter(c)) return false;
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, j, end, low, &h);
        if ((dg_wclass_find(wc, low, h) & C_SPEECH) || strcmp(low, "according") == 0) return true;
        if (e < end && !blank((unsigned char)s[e])) return true; /* "Kim's", "Jong-un": build */
        j = e;
    }
    return false;
}

/* Is the word at s[i] capitalised for its place, as side_build's first
 * would have it: the first of its sentence (lo is the row's first), after
 * a full stop, a question or exclamation mark, or an opening quotation
 * mark?  When unsure, no (and the pair is built). */
static bool first_at(const char *s, uint32_t lo, uint32_t i)
{
    uint32_t k = i;
    while (k > lo && blank((unsigned char)s[k - 1]))
        k--;
    if (k == lo) return true;
    unsigned char p = (unsigned char)s[k - 1];
    bool spaced = k < i;
    if (p == '?' || p == '!') return spaced;
    if (p == '.') /* not the period a dotted acronym keeps (U.S.) */
        return spaced && !(k >= lo + 3 && s[k - 3] == '.' && ascii_letter((unsigned char)s[k - 2]));
    if (spaced) return false;
    /* an opening mark right before the word, after a blank or the start */
    uint32_t q = 0;
    if (p == '"')
        q = 1;
    else if (k >= lo + 3 && (unsigned char)s[k - 3] == 0xE2 && (unsigned char)s[k - 2] == 0x80 &&
             (p == 0x9C || p == 0x9E || p == 0x98))
        q = 3; /* “ „ ‘ */
    else if (k >= lo + 2 && (unsigned char)s[k - 2] == 0xC2 && p == 0xAB)
        q = 2; /* « */
    return q && (k - q == lo || blank((unsigned char)s[k - q - 1]));
}

/* Could the words of s[from, to) a diff marked make an item, in the
 * sentences s[lo, hi)?  A capital inside a sentence (a name), a digit, a
 * sign, a letter outside ASCII; a word on a list of the digest's (a speech
 * verb, a negation, a hedge, a number word, a capitalised date); a
 * qualifier before a number; the first word of a sentence before a speech
 * verb (a source).  Every item of a pair needs one (a quotation also a
 * mark in the sentence, see quote_in). */
static bool marks_matter(const struct wclass *wc, const char *s, uint32_t lo, uint32_t hi,
                         uint32_t from, uint32_t to)
{
    /* words put between "according" and "to" undo an attribution */
    uint32_t k = from;
    while (k > lo && blank((unsigned char)s[k - 1]))
        k--;
    if (k >= lo + 9 && strncasecmp(s + k - 9, "according", 9) == 0) return true;
    for (uint32_t i = from; i < to;) {
        unsigned char c = (unsigned char)s[i];
        if (blank(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '-' || c == '(' ||
            c == ')' || c == '!' || c == '?') {
            i++;
            continue;
        }
        if (!ascii_letter(c)) return true; /* a digit, a sign ($, %, '), a byte above ASCII */
        bool cap = c <= 'Z';
        if (cap && !first_at(s, lo, i)) return true; /* a capital inside: a name */
        char low[24];
        uint32_t h;
        uint32_t e = letters(s, i, hi, low, &h);
        uint16_t cls = dg_wclass_find(wc, low, h);
        if ((cls & (C_SPEECH | C_NEG | C_HEDGE | C_NUMBER)) || (cap && (cls & C_DATE)) ||
            strcmp(low, "according") == 0)
            return true;
        if (((cls & C_QUAL) || strcmp(low, "at") == 0) && number_after(wc, s, e, hi)) return true;
        if (cap && speech_after(wc, s, e, hi)) return true;
        i = e;
    }
    return false;
}

/* Is the pair of row r worth building (pairs_of)? */
static bool pair_matters(const struct job *job, struct doc_pass pass[2], const struct align_row *r,
                         const struct wop *ops)
{
    size_t na, nb;
    const struct doc *da = align_doc(job->al, SIDE_A), *db = align_doc(job->al, SIDE_B);
    const char *sa = doc_bytes(da, NULL), *sb = doc_bytes(db, NULL);
    const struct sentence *ea = doc_sentences(da, &na), *eb = doc_sentences(db, &nb);
    if (!r->an || !r->bn) return true;
    uint32_t alo = ea[r->a].start, ahi = ea[r->a + r->an - 1].end;
    uint32_t blo = eb[r->b].start, bhi = eb[r->b + r->bn - 1].end;
    doc_pass_read(&pass[0], alo, ahi);
    doc_pass_read(&pass[1], blo, bhi);
    for (uint32_t k = 0; k < r->nop; k++) {
        const struct wop *o = &ops[r->op + k];
        if (o->kind == WOP_DEL && marks_matter(job->wc, sa, alo, ahi, o->a_start, o->a_end))
            return true;
        if (o->kind == WOP_INS && marks_matter(job->wc, sb, blo, bhi, o->b_start, o->b_end))
            return true;
    }
    return quote_in(sa, alo, ahi) || quote_in(sb, blo, bhi);
}

static void pairs_of(struct digest *d, const struct job *job, size_t from, size_t to)
{
    const struct digest_lang *L = job->L;
    size_t nr, nops;
    const struct align_row *rows = align_rows(job->al, &nr);
    const struct wop *ops = align_ops(job->al, &nops);
    struct side a = {0}, b = {0};
    /* the pages read are given back as the rows go by, as the word diffs
     * do (word_diff_slice): the digest holds no more of the documents */
    struct doc_pass pass[2];
    doc_pass_begin(&pass[0], align_doc(job->al, SIDE_A));
    doc_pass_begin(&pass[1], align_doc(job->al, SIDE_B));
    for (size_t i = from; i < to; i++) {
        if (job->stop && i % STOP_EVERY == 0 &&
            atomic_load_explicit(job->stop, memory_order_relaxed)) {
            atomic_store(job->stopped, true);
            break;
        }
        const struct align_row *r = &rows[i];
        if (r->kind == ROW_DELETED || r->kind == ROW_INSERTED) {
            /* a run of cut or added rows of story text, by the slice it
             * starts in (a caption or an ad between two cut sentences
             * parts two runs) */
            if (not_substance(job->al, r)) continue;
            if (i > 0 && rows[i - 1].kind == r->kind && !not_substance(job->al, &rows[i - 1]))
                continue;
            one_sided(d, pass, rows, nr, &i);
            i--;
            continue;
        }
        /* a pair: changed, or moved (once, at A's place) */
        if (r->kind != ROW_CHANGED && !(r->kind == ROW_MOVED && (r->show & SHOW_A))) continue;
        bool marks = false; /* nothing marked, nothing to say */
        for (uint32_t k = 0; k < r->nop && !marks; k++)
            marks = ops[r->op + k].kind != WOP_EQUAL;
        if (!marks || !pair_matters(job, pass, r, ops)) continue;
        dg_side_build(&a, job->wc, align_doc(job->al, SIDE_A), r->a, r->an);
        dg_side_build(&b, job->wc, align_doc(job->al, SIDE_B), r->b, r->bn);
        dg_side_mark(&a, ops + r->op, r->nop, WOP_DEL);
        dg_side_mark(&b, ops + r->op, r->nop, WOP_INS);
        dg_check_quotes(d, i, &a, &b);
        dg_check_numbers(d, i, &a, &b);
        size_t before = digest_count(d, DG_ATTRIBUTION);
        dg_check_attribution(d, L, i, &a, &b);
        /* the names of an attribution just reported are not reported again */
        if (digest_count(d, DG_ATTRIBUTION) > before) {
            dg_hide_source(&a);
            dg_hide_source(&b);
        }
        dg_check_names(d, i, &a, &b);
        dg_check_flips(d, i, &a, &b);
    }
    doc_pass_end(&pass[0]);
    doc_pass_end(&pass[1]);
    free(a.t);
    free(b.t);
}

/* What a slice's digest holds beside the items copied out of it. */
static void part_free(struct digest *p)
{
    sb_free(&p->spool);
    free(p->offs);
    free(p->items);
}

static void slice_work(void *arg, size_t k)
{
    struct job *job = arg;
    if (atomic_load(job->stopped)) return;
    size_t from = k * job->nrows / job->nslices, to = (k + 1) * job->nrows / job->nslices;
    pairs_of(&job->part[k], job, from, to);
}

struct digest *digest_new(const struct alignment *al, const struct digest_lang *lang)
{
    return digest_new_until(al, lang, NULL);
}

struct digest *digest_new_until(const struct alignment *al, const struct digest_lang *lang,
                                const atomic_bool *stop)
{
    const struct digest_lang *L = lang ? lang : digest_lang_default();
    struct wclass *wc = xmalloc(sizeof *wc);
    dg_wclass_init(wc, L);
    struct digest *d = xcalloc(1, sizeof *d);
    d->al = al;
    size_t nr;
    (void)align_rows(al, &nr);
    atomic_bool stopped;
    atomic_init(&stopped, false);
    struct job job = {.al = al, .L = L, .wc = wc, .nrows = nr, .stop = stop, .stopped = &stopped};
    job.nslices = util_slices(nr, SLICE_ROWS);
    job.part = xcalloc(job.nslices, sizeof *job.part);
    for (size_t k = 0; k < job.nslices; k++)
        job.part[k].al = al;
    util_parallel(job.nslices, slice_work, &job);
    if (atomic_load(&stopped)) {
        for (size_t k = 0; k < job.nslices; k++)
            part_free(&job.part[k]);
        free(job.part);
        free(wc);
        free(d);
        return NULL;
    }
    /* the slices' items, one slice after the other, are in row order; their
     * strings go into one block */
    size_t total = 0, bytes = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        total += job.part[k].n;
        bytes += job.part[k].spool.len;
    }
    d->items = xcalloc_dense(total ? total : 1, sizeof *d->items);
    d->cap = total;
    d->pool = xmalloc_dense(bytes ? bytes : 1);
    size_t base = 0;
    for (size_t k = 0; k < job.nslices; k++) {
        struct digest *p = &job.part[k];
        if (p->spool.len) memcpy(d->pool + base, p->spool.s, p->spool.len);
        for (size_t i = 0; i < p->n; i++) {
            struct digest_item *it = &d->items[d->n++];
            *it = p->items[i];
            it->before = p->offs[i][0] ? d->pool + base + p->offs[i][0] - 1 : NULL;
            it->after = p->offs[i][1] ? d->pool + base + p->offs[i][1] - 1 : NULL;
        }
        base += p->spool.len;
        for (int c = 0; c < DG_KIND_COUNT; c++)
            d->count[c] += p->count[c];
        part_free(p);
    }
    free(job.part);
    free(wc);
    return d;
}

void digest_free(struct digest *d)
{
    if (!d) return;
    free(d->pool);
    free(d->items);
    free(d);
}

const struct digest_item *digest_items(const struct digest *d, size_t *n)
{
    *n = d->n;
    return d->items;
}

size_t digest_count(const struct digest *d, enum digest_kind k)
{
    return (unsigned)k < DG_KIND_COUNT ? d->count[k] : 0;
}

const char *digest_kind_name(enum digest_kind k)
{
    static const char *const names[DG_KIND_COUNT] = {
        [DG_QUOTE] = "quotation",   [DG_NUMBER] = "number",
        [DG_NAME] = "name",         [DG_ATTRIBUTION] = "attribution",
        [DG_NEGATION] = "negation", [DG_CUT] = "cut",
        [DG_ADDED] = "added"};
    return (unsigned)k < DG_KIND_COUNT ? names[k] : "?";
}

const char *digest_how_name(enum digest_how h)
{
    static const char *const names[] = {"changed",     "dropped", "added",
                                        "paraphrased", "quoted",  "paragraph"};
    return (unsigned)h < WD_ARRAY_LEN(names) ? names[h] : "?";
}

void digest_item_text(const struct digest_item *it, char *buf, size_t size)
{
    static const char *const arrow = " \xE2\x86\x92 "; /* → */
    const char *x = it->before ? it->before : "", *y = it->after ? it->after : "";
    switch (it->kind) {
    case DG_QUOTE:
        if (it->how == DGH_PARAPHRASED)
            snprintf(buf, size, "quotation turned into paraphrase: %s%s%s", x, arrow, y);
        else if (it->how == DGH_QUOTED)
            snprintf(buf, size, "paraphrase turned into quotation: %s%s%s", x, arrow, y);
        else
            snprintf(buf, size, "quotation altered: %s%s%s", x, arrow, y);
        break;
    case DG_NEGATION: {
        const char *what = it->how == DGH_DROPPED ? "dropped" : "added";
        snprintf(buf, size, "negation or hedge %s: %s", what, it->before ? x : y);
        break;
    }
    case DG_CUT:
    case DG_ADDED: {
        const char *verb = it->kind == DG_CUT ? "cut" : "added";
        const char *text = it->kind == DG_CUT ? x : y;
        if (it->how == DGH_PARAGRAPH)
            snprintf(buf, size, "paragraph %s (%zu sentences): %s", verb, it->nsentences, text);
        else
            snprintf(buf, size, "%zu sentence%s %s: %s", it->nsentences,
                     it->nsentences == 1 ? "" : "s", verb, text);
        break;
    }
    default: {
        const char *kind = digest_kind_name(it->kind);
        if (it->how == DGH_CHANGED)
            snprintf(buf, size, "%s changed: %s%s%s", kind, x, arrow, y);
        else if (it->how == DGH_DROPPED)
            snprintf(buf, size, "%s dropped: %s", kind, x);
        else
            snprintf(buf, size, "%s added: %s", kind, y);
        break;
    }
    }
}

void digest_summary(const struct digest *d, char *buf, size_t size)
{
    static const char *const one[DG_KIND_COUNT] = {
        "quotation", "number", "name", "attribution", "negation or hedge", "cut", "added"};
    static const char *const many[DG_KIND_COUNT] = {
        "quotations", "numbers", "names", "attributions", "negations or hedges", "cut", "added"};
    size_t sent[2] = {0, 0};
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].kind == DG_CUT || d->items[i].kind == DG_ADDED)
            sent[d->items[i].kind == DG_ADDED] += d->items[i].nsentences;
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < DG_KIND_COUNT && len < size; k++) {
        size_t c = k == DG_CUT ? sent[0] : k == DG_ADDED ? sent[1] : d->count[k];
        if (!c) continue;
        const char *what = c == 1 ? one[k] : many[k];
        int w;
        if (k == DG_CUT)
            w = snprintf(buf + len, size - len, "%s%zu sentence%s cut", len ? ", " : "", c,
                         c == 1 ? "" : "s");
        else if (k == DG_ADDED)
            w = snprintf(buf + len, size - len, "%s%zu added", len ? ", " : "", c);
        else
            w = snprintf(buf + len, size - len, "%s%zu %s", len ? ", " : "", c, what);
        if (w < 0) break;
        len += (size_t)w;
    }
    if (!buf[0]) snprintf(buf, size, "no substantive change");
}
