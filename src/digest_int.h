/* digest_int.h - what the files of the digest share: digest.c (the
 * pairs worth a look, cut and added sentences, slices on all CPUs),
 * digest_side.c (word classes, the tokens of a pair's sides, the items'
 * strings) and digest_checks.c (what the change of a pair is about). */
#ifndef WD_DIGEST_INT_H
#define WD_DIGEST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "digest.h"
#include "util.h"

/* Tokens before a speech verb taken as its source ("the ministry said"). */
#define SOURCE_TOKENS 3

struct digest {
    const struct alignment *al;
    struct digest_item *items;
    size_t n, cap;
    size_t count[DG_KIND_COUNT];
    char *pool; /* the items' strings, one after the other */
    /* While a slice is examined: its strings, and for each item where its
     * before and after start in them (1 + offset; 0 for none). */
    struct strbuf spool;
    size_t (*offs)[2];
    size_t capoffs;
};

/* The lists a word is on (digest_lang), found with one look-up a token. */
enum {
    C_SPEECH = 1 << 0,
    C_NEG = 1 << 1,
    C_HEDGE = 1 << 2,
    C_AUX = 1 << 3,
    C_QUAL = 1 << 4,
    C_NUMBER = 1 << 5,
    C_DATE = 1 << 6,
    C_FUNC = 1 << 7,
};

/* Words of the lists to their classes: open addressing on a hash of the
 * lower-case word. */
#define WCLASS_SLOTS 1024
struct wclass {
    const char *word[WCLASS_SLOTS];
    uint32_t hash[WCLASS_SLOTS]; /* word_hash of word */
    uint16_t cls[WCLASS_SLOTS];
};

/* A token of one side of a pair. */
struct tok {
    uint32_t start, end;
    uint32_t flags; /* WORD_* */
    bool marked;    /* inside a word the diff deleted (A) or inserted (B) */
    bool first;     /* first word of a sentence or of a quotation: capitalised by place */
    bool in_quote;  /* between quotation marks */
    uint16_t quote; /* which quotation (1, 2, ...), 0 outside */
    uint16_t cls;   /* C_* of the word */
    char low[24];   /* ASCII lower case (truncated), "" when not ASCII */
};

struct side {
    const char *s; /* the document's bytes */
    struct tok *t;
    size_t n, cap;
    uint16_t nquotes;
};

/* ---- word classes, tokens, the items' strings (digest_side.c) ---- */

/* Is w on list[0 .. n), sorted by strcmp? ("" never is.) */
bool dg_in(const char *w, const char *const *list, size_t n);
/* The code point at s[i] (before end). */
int32_t dg_cp_at(const char *s, uint32_t i, uint32_t end);
/* Tokens i .. j-1 of sd as text. */
char *dg_tokens_text(const struct side *sd, size_t i, size_t j);
/* An item of d: kind and how, at row (nrows rows, nsent sentences), with
 * its before and after texts (freed; NULL: none). */
void dg_add(struct digest *d, enum digest_kind kind, enum digest_how how, size_t row, size_t nrows,
            size_t nsent, char *before, char *after);
/* Texts joined with ", " (for lists of names and numbers). */
void dg_join(struct strbuf *b, const char *s);
/* b's text, or NULL (and b freed) when it is empty. */
char *dg_take_or_null(struct strbuf *b);
/* An item of kind for the pair at row from lists of what it had before
 * and has after (dg_join; both freed): changed when both hold something,
 * dropped or added when one does, none when neither does. */
void dg_add_lists(struct digest *d, enum digest_kind kind, size_t row, struct strbuf *before,
                  struct strbuf *after);
/* The classes of w, whose word_hash is h. */
uint16_t dg_wclass_find(const struct wclass *wc, const char *w, uint32_t h);
/* The classes of the words of L's lists. */
void dg_wclass_init(struct wclass *wc, const struct digest_lang *L);
/* The tokens of sentences first .. first+count-1 of d. */
void dg_side_build(struct side *sd, const struct wclass *wc, const struct doc *d, uint32_t first,
                   uint32_t count);
/* Mark the tokens of side inside the spans of ops of kind (WOP_DEL for A,
 * WOP_INS for B). */
void dg_side_mark(struct side *sd, const struct wop *ops, size_t nops, uint32_t kind);
/* s[from..to) as one line (white space collapsed, controls dropped,
 * invalid bytes as U+FFFD), cut at a word boundary after EXCERPT_MAX
 * bytes with an ellipsis. */
char *dg_excerpt(const char *s, uint32_t from, uint32_t to);

/* ---- what the change of a pair is about (digest_checks.c) ---- */

/* The items of the pair at row, a against b (their marked tokens). */
void dg_check_quotes(struct digest *d, size_t row, const struct side *a, const struct side *b);
void dg_check_numbers(struct digest *d, size_t row, const struct side *a, const struct side *b);
void dg_check_names(struct digest *d, size_t row, const struct side *a, const struct side *b);
/* Unmark the source words of sd's attribution: a name there belongs to the
 * attribution item. */
void dg_hide_source(struct side *sd);
void dg_check_attribution(struct digest *d, const struct digest_lang *L, size_t row,
                          const struct side *a, const struct side *b);
void dg_check_flips(struct digest *d, size_t row, const struct side *a, const struct side *b);

#endif
