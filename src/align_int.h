/* align_int.h - what align.c and align_words.c share: the pairs found,
 * the alignment being built, and the builder's state.  Internal to the
 * align layer (align.h is its interface). */
#ifndef WIREDIFF_ALIGN_INT_H
#define WIREDIFF_ALIGN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "sim.h"
#include "tokens.h"
#include "wdiff.h"

struct pair {
    uint32_t a, an, b, bn;
    float sim;
    bool moved;
    bool anchored;    /* matched by the sentence diff on their texts without
                         datelines (doc_body_id), shown as changed */
    int32_t row[2];   /* rows showing A and B (the same row unless moved) */
    uint32_t op, nop; /* its word operations: al->ops[op .. op+nop) */
};

struct alignment {
    const struct doc *d[2];
    struct align_row *rows;
    size_t nrows;
    struct wop *ops;
    size_t nops;
    struct align_stats stats;
};

/* Pairs in the order found.  Threads pairing hunks each fill a list of
 * their own, joined afterwards (pair_hunks). */
struct pairlist {
    struct pair *v;
    size_t n, cap;
    bool limited; /* a candidate search was cut short (sim_candidates) */
};

struct builder {
    const struct doc *d[2];
    size_t n[2];
    uint8_t *changed[2]; /* from the sentence diff: 1 = not matched as same */
    int32_t *pair_of[2]; /* sentence -> index in the pair list it is in, -1 */
    struct pairlist pairs;
    const struct sentence *sents[2];
    struct sim *sim;
    struct tokens *const *tk; /* the pairs' tokens, one per side */
    struct align_opts o;
    bool pairs_limited; /* a candidate search was cut short */
    /* Documents that are not versions of one story (count_anchors): the
     * sentences of the few pairs its search found, the only ones the
     * pairing and the moves look at; NULL otherwise. */
    uint8_t *only[2];
};

/* The word diffs of B's pairs into al->ops, each pair's operations noted
 * in its op and nop (align_words.c): on all CPUs, the same operations as
 * one thread gives. */
void align_word_diffs(const struct builder *B, struct tokens *const *tk, struct alignment *al);

/* The same rows whose bytes differ beyond white space get their WOP_FOLD
 * operations, after the pairs' (align_words.c). */
void align_fold_same_rows(struct alignment *al, struct align_row *rows, size_t nrows, bool strict);

#endif
