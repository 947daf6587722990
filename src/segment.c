/* segment.c - cutting a text into sentences (segment.h): lines, with the
 * soft breaks of wrapped paragraphs read as spaces, and each line at its
 * stops, eight bytes at a time between them; whether a stop ends a
 * sentence is segment_stop.c's (segment_int.h). */
#include "config.h"

#include "segment.h"
#include "segment_int.h"

#include <stdbool.h>

#include "doc.h"
#include "swar.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

/* Sentence rules (they mirror the conventions of hand segmentation used for
 * news text, see tests/gold/README.md):
 *  - a line break always ends a segment, except inside a paragraph of
 *    hard-wrapped text (wrap.h), where it reads as a space; a line without
 *    final punctuation is a segment of its own (headline, credit, "Article
 *    continues below ad");
 *  - a sentence ends at . ! ? ... (or U+2026) with any closing quotes and
 *    brackets that follow, when white space and then something other than a
 *    lower-case word or continuing punctuation follows (opening quotes and
 *    brackets before a lower-case word continue it too); a parenthesis
 *    that holds no sentence of its own stays with the sentence before it
 *    (a photo credit); so does the attribution of a quotation that ends in
 *    ? or !, a name and a verb of saying ("...in?" Hawkins said.);
 *  - the CJK stops U+3002 U+FF01 U+FF1F end a sentence without white space;
 *  - inside a double quotation opened on the same line a stop does not end
 *    the sentence (a quoted passage of several sentences and its
 *    attribution stay one sentence), unless the quotation has stayed open
 *    for QUOTE_SPAN_MAX bytes, which is taken as an unbalanced quote mark;
 *  - a period after an abbreviation, an initial (also after a no-break
 *    space or a slash: "AP Photo/J. Scott"), a dotted acronym (U.S., W.Va.)
 *    or a state after a place name ("Madison, Wis.") ends a sentence only
 *    when a clause-opening function word follows ("... in the U.S. The
 *    ..."); after a title (Dr., Gen.) never.
 */

/* A quotation open longer than this (bytes) no longer protects its stops:
 * real multi-sentence quotations in news copy are a paragraph at most. */
#define QUOTE_SPAN_MAX 1200

static bool is_line_break(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

static bool is_close_dquote(int32_t cp)
{
    return cp == 0x201D || cp == 0x00BB || cp == 0x300D || cp == 0x300F;
}

static void emit(struct seg_span **out, size_t *n, size_t *cap, size_t start, size_t end,
                 uint32_t flags)
{
    xgrow(out, cap, *n + 1, sizeof **out);
    (*out)[*n].start = (uint32_t)start;
    (*out)[*n].end = (uint32_t)end;
    (*out)[*n].flags = flags;
    (*n)++;
}

/* The bytes that segment_line must look at one by one: those that are not
 * ASCII, the controls (white space among them), the double quote (it may
 * open a quotation) and the stops . ! ?  Any other byte inside a sentence
 * only moves the sentence's end and becomes the previous code point, and
 * a space does not even move the end. */
static inline uint64_t sentence_run_stops(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, ' ') | swar_eq_first(x, '"') | swar_eq_first(x, '.') |
           swar_eq_first(x, '!') | swar_eq_first(x, '?');
}

/* Segment one line s[ls..le) (no line breaks inside). */
static void segment_line(const char *s, size_t ls, size_t le, struct seg_span **out, size_t *n,
                         size_t *cap)
{
    size_t i = ls;
    size_t start = SIZE_MAX; /* start of the current sentence, SIZE_MAX = none */
    size_t last = ls;        /* end of the last non-space code point */
    bool in_quote = false;
    size_t quote_at = 0;
    int32_t prev = ' ';
    uint32_t first = SENT_START; /* for the first sentence of the line */

    while (i < le) {
        if (start != SIZE_MAX) {
            /* The common case: a run of bytes that need no look
             * (sentence_run_stops), eight at a time. */
            size_t j = swar_skip(s, i, le, sentence_run_stops);
            if (j > i) {
                size_t b = j;
                while (b > i && s[b - 1] == ' ')
                    b--;
                if (b > i) last = b;
                prev = (unsigned char)s[j - 1];
                i = j;
                if (i == le) break;
            }
        }
        unsigned char ch = (unsigned char)s[i];
        int32_t cp = ch;
        size_t l = ch < 0x80 ? 1 : text_decode(s, le, i, &cp);
        if (ch == ' ' || (ch >= 0x80 ? text_is_space(cp) : (ch >= 0x09 && ch <= 0x0D))) {
            prev = cp;
            i += l;
            continue;
        }
        if (start == SIZE_MAX) start = i;
        if (is_open_dquote(cp) ||
            (cp == '"' && (text_is_space(prev) || prev == '(' || prev == '[' || i == start))) {
            in_quote = true;
            quote_at = i;
        } else if (is_close_dquote(cp) || cp == '"') {
            in_quote = false;
        }
        if (!is_stop(cp) && !is_cjk_stop(cp)) {
            prev = cp;
            i += l;
            last = i;
            continue;
        }

        /* A run of stops, then closing quotes and brackets. */
        size_t stop_at = i;
        bool single_period = cp == '.';
        bool cjk = is_cjk_stop(cp);
        size_t j = i + l;
        int32_t c2 = 0;
        while (j < le) {
            size_t l2 = text_decode(s, le, j, &c2);
            if (is_stop(c2) || is_cjk_stop(c2)) {
                single_period = false;
                cjk = cjk || is_cjk_stop(c2);
                j += l2;
            } else {
                break;
            }
        }
        bool quote_closed = false; /* a quotation mark among the closers */
        while (j < le) {
            size_t l2 = text_decode(s, le, j, &c2);
            if (!is_closer(c2)) break;
            if (is_close_dquote(c2) || c2 == '"') in_quote = false;
            quote_closed |= c2 != ')' && c2 != ']' && c2 != '}';
            j += l2;
        }
        last = j;
        prev = c2;

        size_t k = j;
        int32_t nc = 0;
        bool space_after = false;
        while (k < le) {
            size_t l2 = text_decode(s, le, k, &nc);
            if (!text_is_space(nc)) break;
            space_after = true;
            k += l2;
        }
        i = j;
        if (k >= le) break;                 /* the line end closes the sentence */
        if (!space_after && !cjk) continue; /* "3.5", "U.S.-led", "Benzinga.com" */
        if (in_quote && stop_at - quote_at < QUOTE_SPAN_MAX) continue;
        if (!starts_sentence(nc) || seg_continues_after_stop(s, k, le)) continue;
        if (quote_closed && !single_period && !cjk && seg_attribution_follows(s, k, le)) continue;
        if (single_period) {
            enum abbr_kind a = seg_abbr_before(s, ls, stop_at);
            if (a == ABBR_TITLE) continue;
            if (a == ABBR_MAYBE && !seg_next_word_is_opener(s, k, le)) continue;
        }
        emit(out, n, cap, start, j, first);
        first = 0;
        start = SIZE_MAX;
        in_quote = false;
        i = k;
    }
    if (start != SIZE_MAX) {
        /* Flag segments that end without a stop: headlines, credits. */
        uint32_t flags = first | SENT_END;
        size_t b = last;
        while (b > start) {
            int32_t cp;
            size_t p = text_decode_back(s, start, b, &cp);
            if (is_closer(cp)) {
                b = p;
                continue;
            }
            if (!is_stop(cp) && !is_cjk_stop(cp)) flags |= SENT_LINE;
            break;
        }
        emit(out, n, cap, start, last, flags);
    }
}

/* The bytes that may start a line break: no ASCII line break is above CR,
 * and the others (U+0085, U+2028, U+2029) are not ASCII. */
static inline uint64_t line_break_stops(uint64_t x)
{
    return swar_nonascii(x) | swar_lt(x, 0x0E);
}

void seg_sentences(const char *s, size_t len, size_t from, struct seg_span **out, size_t *n,
                   size_t *cap)
{
    struct wrap w;
    wrap_detect(s, len, from, &w);
    seg_sentences_wrapped(s, len, from, &w, out, n, cap);
}

void seg_sentences_wrapped(const char *s, size_t len, size_t from, const struct wrap *w,
                           struct seg_span **out, size_t *n, size_t *cap)
{
    size_t ls = from;
    size_t i = from;
    while (i < len) {
        i = swar_skip(s, i, len, line_break_stops);
        if (i == len) break;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c;
        size_t l = 1;
        if (c >= 0x80) l = text_decode(s, len, i, &cp);
        if (w->width && c < 0x80 && wrap_soft(s, len, i, w)) {
            /* a break inside a paragraph of wrapped text: a space */
            i += c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
            continue;
        }
        if (is_line_break(cp)) {
            segment_line(s, ls, i, out, n, cap);
            i += l;
            ls = i;
        } else {
            i += l;
        }
    }
    segment_line(s, ls, len, out, n, cap);
}
