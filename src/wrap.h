/* wrap.h - hard-wrapped text: paragraphs broken into lines of a fixed
 * width (fold -s -w 72, fmt, plain wire feeds, e-mail and newsletters),
 * whose line breaks inside a paragraph are no sentence boundaries.
 *
 * wrap_detect looks at the lengths of a text's lines and at how each line
 * continues: a text is wrapped at width W when most of its lines that are
 * followed by another line are "full", that is the first word of the next
 * line would not have fitted (length + 1 + next word > W), W is the
 * longest line of two words or more, and most full lines stop in the
 * middle of a sentence (a list of sentences, one a line, is no wrapping).
 * Lengths count bytes (GNU fold) or characters (most other wrappers),
 * whichever explains the lines better.
 * wrap_soft then tells, for one line break, whether it is such a break
 * inside a paragraph (to be read as a space) or a real one: a blank line,
 * a line that is not full (a headline, a short line, a paragraph's last
 * line), a line that ends a sentence (a stop the sentence rules take, no
 * quotation left open), a line without the blank the wrapping leaves at
 * the end of its lines (fold -s), and a next line that starts indented,
 * with a list bullet or a dash, or with a dateline, are real breaks.
 * Paragraphs that a filler balanced (fmt, par) between blank lines have
 * few full lines; there every long line that another follows goes on.
 */
#ifndef WD_WRAP_H
#define WD_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lines looked at by wrap_detect: the start of a text says how it is
 * wrapped. */
#define WRAP_SAMPLE_LINES 400
/* Widths taken for wrapping, in bytes or characters: narrower or wider
 * "wrapping" is a table, a poem or text with one paragraph a line. */
#define WRAP_WIDTH_MIN 20
#define WRAP_WIDTH_MAX 200
/* Least full lines, and least share of full lines among the lines that
 * another line follows, for a text to count as wrapped. */
#define WRAP_FULL_MIN   3
#define WRAP_FULL_SHARE 0.5
/* Share of the full lines that end with a blank for the wrapping to be
 * taken as one that leaves it there (fold -s). */
#define WRAP_TRAIL_SHARE 0.8

/* Paragraphs filled to balanced lengths (fmt, par) rather than greedily:
 * lines this long (a share of the width) that another line follows are
 * broken inside a paragraph, and at least this share of those must be
 * long. */
#define WRAP_PARA_LONG  0.6
#define WRAP_PARA_SHARE 0.8

struct wrap {
    uint32_t width; /* 0: the text is not wrapped */
    bool bytes;     /* width counts bytes (else characters) */
    bool trail;     /* wrapped lines end with the blank they were broken at */
    bool para;      /* balanced paragraphs between blank lines (fmt): every
                       long line that another line follows goes on */
};

/* How s[from..len) is wrapped (w->width 0: it is not). */
void wrap_detect(const char *s, size_t len, size_t from, struct wrap *w);

/* Is the line break at s[at] (a LF, a CR, or the CR of a CRLF) a break
 * inside a paragraph of the wrapped text w, to be read as a space?  Always
 * false when w->width is 0. */
bool wrap_soft(const char *s, size_t len, size_t at, const struct wrap *w);

#endif
