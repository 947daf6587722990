/* digest.h - what changed, at a glance: the substantive changes of an
 * alignment, each typed and pointing at its row (layer 6 of DESIGN).
 *
 * A pure function of an alignment and a language's word lists
 * (digest_lang.c, English first): views and exports list it, nothing
 * recomputes it.  Precision matters more than recall: a change is reported
 * only when the words the word diff marked (deleted or inserted, never
 * merely equal ones) say so:
 *  - quotation altered: marked words inside quotation marks of any style
 *    (" “ ” ‘ ’ « » „ 「」 『』), or a quotation on one side only of a
 *    changed pair (quotation turned into paraphrase, or the reverse);
 *  - number changed: a marked word in a number (digits, number words,
 *    weekdays, months, with its currency sign, scale and qualifier: "$50,000",
 *    "at least 18", "12 million"), when the numbers of the two sides differ
 *    once written alike ("1,000" is "1000", "five" is "5");
 *  - name changed, added or dropped: a marked capitalised word (not the
 *    first of a sentence, not a function word) whose name the other side
 *    does not hold in any form ("Russia" holds "Russian");
 *  - attribution changed: the speech verb replaced ("said" -> "claimed"),
 *    dropped or added, or the words before it (its source) replaced;
 *  - negation or hedge flipped: a negation (not, never, n't ...) or a hedge
 *    (may, could, allegedly ...) marked on one side only;
 *  - sentences cut or added: each run of rows on one side, with its first
 *    words; a run that makes whole paragraphs is one paragraph.  Lines
 *    that are not the story's text (role.h: captions, credits, bylines,
 *    boilerplate, datelines on their own line) are no cut or addition.
 * Moves and rewording of other words are not in the digest: the rows say
 * them.
 */
#ifndef WD_DIGEST_H
#define WD_DIGEST_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"

enum digest_kind {
    DG_QUOTE,
    DG_NUMBER,
    DG_NAME,
    DG_ATTRIBUTION,
    DG_NEGATION,
    DG_CUT,
    DG_ADDED,
    DG_KIND_COUNT
};

/* How the change went (what the strings hold). */
enum digest_how {
    DGH_CHANGED,     /* before -> after */
    DGH_DROPPED,     /* before is gone (after NULL) */
    DGH_ADDED,       /* after is new (before NULL) */
    DGH_PARAPHRASED, /* a quotation (before) became indirect speech (after: B's words) */
    DGH_QUOTED,      /* indirect speech (before: A's words) became a quotation (after) */
    DGH_PARAGRAPH,   /* cut or added: whole paragraphs */
};

struct digest_item {
    enum digest_kind kind;
    enum digest_how how;
    size_t row;                 /* the (first) alignment row */
    size_t nrows;               /* rows it covers: 1, or a run of cut or added sentences */
    size_t nsentences;          /* DG_CUT, DG_ADDED: sentences in the run */
    const char *before, *after; /* short texts (owned by the digest), NULL when none */
};

/* Word lists of one language (digest_lang.c); each is sorted for bsearch,
 * lower case. */
struct digest_lang {
    const char *name;          /* "en" */
    const char *const *speech; /* said, claimed, told, according ... */
    size_t nspeech;
    const char *const *neutral; /* stems of the verbs that only report: say, tell ... */
    size_t nneutral;
    const char *const *negation; /* not, never, no, n't ... */
    size_t nnegation;
    const char *const *hedge; /* may, might, could, allegedly ... */
    size_t nhedge;
    const char *const *aux; /* be, have, did, will ... (passed over) */
    size_t naux;
    const char *const *qualifier; /* about, nearly, least, more ... (before a number) */
    size_t nqualifier;
    const char *const *number_words; /* one, two, ..., hundred, million, percent ... */
    size_t nnumber_words;
    const char *const *dates; /* monday ... sunday, january ... december */
    size_t ndates;
    const char *const *function_words; /* the, a, in, on, but ... (capitalised, not names) */
    size_t nfunction_words;
};

/* The lists for a language code ("en"); NULL when there are none. */
const struct digest_lang *digest_lang_get(const char *code);
/* The default: English. */
const struct digest_lang *digest_lang_default(void);

struct digest;

/* The digest of al with the word lists of lang (NULL: the default).  Never
 * fails.  It refers to al, which must outlive it. */
struct digest *digest_new(const struct alignment *al, const struct digest_lang *lang);
/* The same, given up as soon as *stop is true (looked at every few rows):
 * then NULL.  For a digest made in the background of something that may
 * end first (the reader quitting).  stop may be NULL. */
struct digest *digest_new_until(const struct alignment *al, const struct digest_lang *lang,
                                const atomic_bool *stop);
void digest_free(struct digest *d);

/* Items in row order. */
const struct digest_item *digest_items(const struct digest *d, size_t *n);
/* Items of each kind. */
size_t digest_count(const struct digest *d, enum digest_kind k);

/* "quotation", "number", "name", "attribution", "negation", "cut", "added". */
const char *digest_kind_name(enum digest_kind k);
/* "changed", "dropped", "added", "paraphrased", "quoted", "paragraph". */
const char *digest_how_name(enum digest_how h);
/* One line saying the item without its row: "number changed: $50,000 ->
 * $500,000", "quotation turned into paraphrase: “…”", "3 sentences cut:
 * “North Korean Vice Minister…”", into buf (always NUL-terminated). */
void digest_item_text(const struct digest_item *it, char *buf, size_t size);
/* The counts as one line: "2 quotations, 1 number, 3 names, 1 attribution,
 * 19 sentences cut, 31 added" (kinds with none left out; "no substantive
 * change" when empty), into buf. */
void digest_summary(const struct digest *d, char *buf, size_t size);

#endif
