/* fuzz_segment.c - sentence and word segmentation, and loading a document.
 *
 * The input is one document's bytes.  Checked (segment.h, doc.h):
 *  - seg_sentences: spans in order, inside [from, len), start and end on
 *    code point boundaries and on non-space characters, no line break
 *    inside a span, and every character outside the spans white space;
 *  - seg_words on each sentence (and on the whole text, line breaks
 *    included): tokens in order, inside their range, on code point
 *    boundaries, and every character outside them white space or a
 *    control;
 *  - doc_from_memory without and with doc_opts.text: a NUL byte is refused
 *    as binary unless text is set; the sentences are seg_sentences' after
 *    a byte order mark; the bytes are kept as given; the same text loaded
 *    twice gets the same sentence ids; equal ids mean equal keys;
 *    doc_sentence_words gives seg_words' tokens;
 *  - a UTF-16 or UTF-32 byte order mark (transcode.h): the document holds
 *    transcode_to_utf8's text, valid UTF-8, named with its encoding and
 *    its count of invalid units, segmented by seg_sentences, and refused
 *    as binary for a NUL in it (not in the input).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "segment.h"
#include "text.h"
#include "transcode.h"
#include "util.h"
#include "wrap.h"

#include "fuzz.h"

/* Sentence pairs compared key by key, at most (the check is quadratic). */
#define KEY_PAIRS_MAX 64

static bool is_line_break(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

/* bound[i] = 1 where a code point starts when s[from..len) is decoded from
 * the front (and at len). */
static uint8_t *boundaries(const char *s, size_t len, size_t from)
{
    uint8_t *bound = xcalloc(len + 1, 1);
    for (size_t i = from; i < len;) {
        int32_t cp;
        bound[i] = 1;
        i += text_decode(s, len, i, &cp);
    }
    bound[len] = 1;
    return bound;
}

/* The code point that ends just before e (e > from, a boundary). */
static int32_t cp_before(const char *s, size_t len, const uint8_t *bound, size_t from, size_t e)
{
    size_t p = e - 1;
    while (p > from && !bound[p])
        p--;
    int32_t cp;
    text_decode(s, len, p, &cp);
    return cp;
}

/* Spans sp[0..n) lie in order on code point boundaries inside [lo, hi),
 * with no flag outside known. */
static void check_span_order(const uint8_t *bound, size_t lo, size_t hi, const struct seg_span *sp,
                             size_t n, uint32_t known)
{
    size_t prev_end = lo;
    for (size_t k = 0; k < n; k++) {
        FUZZ_CHECK(sp[k].start >= prev_end);
        FUZZ_CHECK(sp[k].start < sp[k].end);
        FUZZ_CHECK(sp[k].end <= hi);
        FUZZ_CHECK(bound[sp[k].start] && bound[sp[k].end]);
        FUZZ_CHECK((sp[k].flags & ~known) == 0);
        prev_end = sp[k].end;
    }
}

/* Walk s[lo..hi): a code point inside a span must not be a line break
 * (when no_break_inside), one outside must satisfy outside(). */
static void check_span_gaps(const char *s, size_t len, size_t lo, size_t hi,
                            const struct seg_span *sp, size_t n, bool no_break_inside,
                            bool (*outside)(int32_t cp))
{
    size_t k = 0;
    for (size_t i = lo; i < hi;) {
        int32_t cp;
        size_t l = text_decode(s, len, i, &cp);
        while (k < n && sp[k].end <= i)
            k++;
        bool inside = k < n && sp[k].start <= i;
        if (inside && no_break_inside)
            FUZZ_CHECK(!is_line_break(cp));
        else if (!inside)
            FUZZ_CHECK(outside(cp));
        i += l;
    }
}

static bool is_space(int32_t cp)
{
    return text_is_space(cp);
}

static bool is_space_or_control(int32_t cp)
{
    return text_is_space(cp) || cp < 0x20 || cp == 0x7F;
}

/* The breaks wrap_soft reads as spaces (wrap.h) made spaces: the text
 * the segmenter then sees as not wrapped. */
static char *soften(const char *s, size_t len, size_t from, const struct wrap *w)
{
    char *t = xmalloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    for (size_t i = from; i < len; i++) {
        if ((s[i] != '\n' && s[i] != '\r') || !wrap_soft(s, len, i, w)) continue;
        t[i] = ' ';
        if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') t[++i] = ' ';
    }
    return t;
}

static void check_sentences(const char *s, size_t len, size_t from, const uint8_t *bound,
                            const struct seg_span *sp, size_t n)
{
    check_span_order(bound, from, len, sp, n, SENT_SEG_MASK);
    for (size_t k = 0; k < n; k++) {
        int32_t cp;
        text_decode(s, len, sp[k].start, &cp);
        FUZZ_CHECK(!text_is_space(cp));
        FUZZ_CHECK(!text_is_space(cp_before(s, len, bound, from, sp[k].end)));
    }
    /* White space outside the spans, no line break inside but the ones
     * wrap_soft reads as spaces: the segmentation is that of the text
     * with those breaks as spaces, and no wrapping. */
    struct wrap w;
    wrap_detect(s, len, from, &w);
    char *t = soften(s, len, from, &w);
    check_span_gaps(t, len, from, len, sp, n, true, is_space);
    struct seg_span *tp = NULL;
    size_t tn = 0, cap = 0;
    struct wrap none = {0};
    seg_sentences_wrapped(t, len, from, &none, &tp, &tn, &cap);
    FUZZ_CHECK(tn == n);
    for (size_t k = 0; k < n; k++)
        FUZZ_CHECK(tp[k].start == sp[k].start && tp[k].end == sp[k].end &&
                   tp[k].flags == sp[k].flags);
    free(tp);
    free(t);
}

static void check_words(const char *s, size_t len, const uint8_t *bound, size_t start, size_t end,
                        const struct seg_span *w, size_t n)
{
    check_span_order(bound, start, end, w, n, WORD_PUNCT | WORD_NUM | WORD_CJK);
    check_span_gaps(s, len, start, end, w, n, false, is_space_or_control);
}

/* An input in UTF-16 or UTF-32 (enc, its mark bomlen bytes): the
 * document is its UTF-8 conversion. */
static struct doc *check_wide(struct doc_ctx *ctx, const char *s, size_t len, bool text,
                              const char *enc, size_t bomlen)
{
    char *u;
    size_t ulen, repl, units;
    FUZZ_CHECK(transcode_to_utf8(enc, s + bomlen, len - bomlen, DOC_MAX_BYTES, &u, &ulen, &repl) ==
               WD_OK);
    FUZZ_CHECK(text_count_invalid(u, ulen) == 0 && u[ulen] == '\0');
    struct doc_opts o = {.text = text};
    struct doc *d = NULL;
    enum wd_status st = doc_from_memory(ctx, "fuzz", s, len, &o, &d);
    if (!text && memchr(u, '\0', ulen)) {
        FUZZ_CHECK(st == WD_EBINARY && d == NULL);
        free(u);
        return NULL;
    }
    FUZZ_CHECK(st == WD_OK && d != NULL);
    size_t blen, ns, n = 0, cap = 0;
    const char *bytes = doc_bytes(d, &blen);
    FUZZ_CHECK(blen == ulen && (ulen == 0 || memcmp(bytes, u, ulen) == 0));
    FUZZ_CHECK(doc_encoding(d, &units) == enc && units == repl);
    FUZZ_CHECK(doc_invalid_bytes(d) == 0);
    struct seg_span *sp = NULL;
    size_t from = ulen >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    seg_sentences(u, ulen, from, &sp, &n, &cap);
    const struct sentence *se = doc_sentences(d, &ns);
    FUZZ_CHECK(ns == n);
    for (size_t k = 0; k < n; k++)
        FUZZ_CHECK(se[k].start == sp[k].start && se[k].end == sp[k].end);
    free(sp);
    free(u);
    return d;
}

/* Load the input as a document and compare it with the segmentation. */
static struct doc *check_doc(struct doc_ctx *ctx, const char *s, size_t len, bool text,
                             const struct seg_span *sp, size_t n, const struct seg_span *spw0)
{
    size_t bomlen;
    const char *enc = transcode_bom(s, len, &bomlen);
    if (enc) return check_wide(ctx, s, len, text, enc, bomlen);
    struct doc_opts o = {.text = text};
    struct doc *d = NULL;
    enum wd_status st = doc_from_memory(ctx, "fuzz", s, len, &o, &d);
    if (!text && memchr(s, '\0', len)) {
        FUZZ_CHECK(st == WD_EBINARY);
        FUZZ_CHECK(d == NULL);
        return NULL;
    }
    FUZZ_CHECK(st == WD_OK && d != NULL);
    size_t blen, ns;
    const char *bytes = doc_bytes(d, &blen);
    FUZZ_CHECK(blen == len && (len == 0 || memcmp(bytes, s, len) == 0) && bytes[len] == '\0');
    const struct sentence *se = doc_sentences(d, &ns);
    FUZZ_CHECK(ns == n);
    size_t nids = doc_ctx_sentence_count(ctx);
    for (size_t k = 0; k < n; k++) {
        FUZZ_CHECK(se[k].start == sp[k].start && se[k].end == sp[k].end);
        FUZZ_CHECK((se[k].flags & SENT_SEG_MASK) == sp[k].flags);
        FUZZ_CHECK(se[k].id < nids);
    }
    FUZZ_CHECK(doc_invalid_bytes(d) == text_count_invalid(s, len));
    FUZZ_CHECK(doc_title(d) != NULL && doc_path(d) != NULL);

    /* doc_sentence_words: seg_words' spans, interned. */
    struct word *w = NULL;
    size_t nw = 0, cap = 0, total = 0;
    const struct seg_span *spw = spw0;
    for (size_t k = 0; k < n; k++) {
        size_t got = doc_sentence_words(d, ctx, k, &w, &nw, &cap);
        for (size_t j = nw - got; j < nw; j++) {
            FUZZ_CHECK(w[j].start == spw->start && w[j].end == spw->end);
            FUZZ_CHECK(w[j].flags == spw->flags);
            FUZZ_CHECK(w[j].id < intern_count(ctx->words));
            if (!(w[j].flags & WORD_PUNCT)) total++;
            spw++;
        }
    }
    FUZZ_CHECK(doc_word_count(d) == total);
    free(w);
    return d;
}

/* Equal ids exactly when the comparison keys are equal (the first
 * KEY_PAIRS_MAX sentences, pair by pair). */
static void check_keys(const struct doc *d)
{
    size_t n;
    const struct sentence *se = doc_sentences(d, &n);
    const char *s = doc_bytes(d, NULL);
    char *key[KEY_PAIRS_MAX] = {NULL};
    size_t cap[KEY_PAIRS_MAX] = {0}, len[KEY_PAIRS_MAX];
    size_t m = n < KEY_PAIRS_MAX ? n : KEY_PAIRS_MAX;
    for (size_t i = 0; i < m; i++)
        len[i] = text_key(s + se[i].start, se[i].end - se[i].start, &key[i], &cap[i]);
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++) {
            bool same = len[i] == len[j] && (len[i] == 0 || memcmp(key[i], key[j], len[i]) == 0);
            FUZZ_CHECK(same == (se[i].id == se[j].id));
        }
    for (size_t i = 0; i < m; i++)
        free(key[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t from = size >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    uint8_t *bound = boundaries(s, size, from);

    struct seg_span *sp = NULL;
    size_t n = 0, cap = 0;
    seg_sentences(s, size, from, &sp, &n, &cap);
    check_sentences(s, size, from, bound, sp, n);

    /* The words of every sentence, kept in order for check_doc. */
    struct seg_span *w = NULL;
    size_t nw = 0, capw = 0;
    for (size_t k = 0; k < n; k++) {
        size_t before = nw;
        seg_words(s, sp[k].start, sp[k].end, &w, &nw, &capw);
        if (nw > before)
            check_words(s, size, bound, sp[k].start, sp[k].end, w + before, nw - before);
        else
            check_words(s, size, bound, sp[k].start, sp[k].end, NULL, 0);
    }
    /* And over the whole text, line breaks and all. */
    struct seg_span *all = NULL;
    size_t nall = 0, capall = 0;
    seg_words(s, from, size, &all, &nall, &capall);
    check_words(s, size, bound, from, size, all, nall);
    free(all);

    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d1 = check_doc(ctx, s, size, false, sp, n, w);
    struct doc *d2 = check_doc(ctx, s, size, true, sp, n, w);
    if (d1) {
        size_t n1, n2;
        const struct sentence *s1 = doc_sentences(d1, &n1), *s2 = doc_sentences(d2, &n2);
        for (size_t k = 0; k < n1; k++)
            FUZZ_CHECK(s1[k].id == s2[k].id);
    }
    check_keys(d2);
    doc_free(d1);
    doc_free(d2);
    doc_ctx_free(ctx);
    free(w);
    free(sp);
    free(bound);
    return 0;
}
