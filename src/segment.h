/* segment.h - sentence and word segmentation over original bytes.
 *
 * Both work on the bytes as written (invalid UTF-8 is tolerated and treated
 * as a letter-like symbol) and report byte spans, end exclusive.
 */
#ifndef WD_SEGMENT_H
#define WD_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct seg_span {
    uint32_t start, end;
    uint32_t flags; /* SENT_* (segment) or WORD_* (words) from doc.h */
};

/* Split s[from..len) into sentences.  Every non-space byte lies in exactly
 * one span; spans are in order, start and end on non-space bytes.  Appends
 * to *out (grown with xgrow, capacity *cap) starting at index *n, updating
 * *n.  Line breaks are LF, CRLF or CR; in a hard-wrapped text (wrap.h) the
 * breaks inside a paragraph are read as spaces.  Flags: SENT_START on the
 * first sentence of a line (a paragraph), SENT_END on the last, SENT_LINE
 * when that one ends without a stop. */
void seg_sentences(const char *s, size_t len, size_t from, struct seg_span **out, size_t *n,
                   size_t *cap);

/* seg_sentences for a text whose wrapping is known (wrap.h: wrap_detect
 * of the whole text, so that a text segmented in pieces, each from a hard
 * line break on, gives what the whole would). */
struct wrap;
void seg_sentences_wrapped(const char *s, size_t len, size_t from, const struct wrap *w,
                           struct seg_span **out, size_t *n, size_t *cap);

/* Would the sentence rules end a sentence at the stop (. ! ? ...) at
 * s[stop], on a line that starts at ls, if the text at s[next] (up to
 * end) followed it after white space?  For wrap.h, which asks it of a stop
 * at the end of a wrapped line. */
bool seg_stop_ends(const char *s, size_t ls, size_t stop, size_t next, size_t end);

/* Split s[start..end) into word and punctuation tokens; appends like
 * seg_sentences.  Numbers (1,000 3.5), hyphenated words, contractions and
 * words with internal apostrophes stay whole; each punctuation character is
 * its own token; CJK ideographs and kana are one token each. */
void seg_words(const char *s, size_t start, size_t end, struct seg_span **out, size_t *n,
               size_t *cap);

/* The word lists the segmenter looks words up in, for tests: which 0
 * (titles), 1 (abbreviations), 2 (clause openers), 3 (states and
 * provinces), 4 (verbs of saying); NULL for any other.
 * Each is in strict strcmp order, which its lookup relies on. */
const char *const *seg_word_list(int which, size_t *n);

/* One token at a time: the next token of s[*i..end) into *tok, *i moved
 * past it; false, with *i = end, when only white space is left.  From
 * *i = start the calls give seg_words' tokens in order, with no array. */
bool seg_word_next(const char *s, size_t *i, size_t end, struct seg_span *tok);

/* seg_words without its fast path for lone ASCII punctuation: the reference
 * that the unit tests hold seg_words to. */
void seg_words_general(const char *s, size_t start, size_t end, struct seg_span **out, size_t *n,
                       size_t *cap);

#endif
