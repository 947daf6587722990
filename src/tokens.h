/* tokens.h - the word ids of selected sentences of a document, tokenized
 * and interned once and shared by the similarity bags (sim.c) and the word
 * diffs (wdiff.c).  4 bytes a token; sentences that are not selected (the
 * ones the sentence diff matched as same) cost only their offset.
 */
#ifndef WD_TOKENS_H
#define WD_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Set on the id of a punctuation token (ids stay below it). */
#define TOKEN_PUNCT 0x80000000u

struct tokens;

/* Tokenize the sentences of d with a non-zero select[i] (NULL: all),
 * interning their words in ctx.  Never fails. */
struct tokens *tokens_new(const struct doc *d, struct doc_ctx *ctx, const uint8_t *select);
/* tokens_new for docs[0 .. n) (select[k] for docs[k]; select NULL: all
 * sentences) into out[0 .. n), the documents tokenized in parallel; the
 * word ids are those of n tokens_new calls in order. */
void tokens_new_many(const struct doc *const *docs, size_t n, struct doc_ctx *ctx,
                     const uint8_t *const *select, struct tokens **out);
void tokens_free(struct tokens *t);

/* The token ids of sentence i (empty when it was not selected), in order;
 * punctuation carries TOKEN_PUNCT.  *n receives the count. */
const uint32_t *tokens_of(const struct tokens *t, size_t i, size_t *n);

/* How many of sentence i's first tokens are its dateline (doc.h
 * sent_dateline), which similarity leaves out: a lede with and without
 * "WASHINGTON (Reuters) -" says the same.  0 when it has none or was not
 * selected. */
size_t tokens_lead(const struct tokens *t, size_t i);

#endif
