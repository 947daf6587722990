/* align_int.h - what align.c, align_pair.c and align_words.c share: the pairs found,
 * the alignment being built, and the builder's state.  Internal to the
 * align layer (align.h is its interface). */
#ifndef WIREDIFF_ALIGN_INT_H
#define WIREDIFF_ALIGN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "diff.h"
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

/* ---- pairing (align_pair.c) ---------------------------------------------- */

/* Item i of a list of sentences (NULL: sentence i, as sim_candidates_lean
 * takes it). */
uint32_t align_list_at(const uint32_t *list, uint32_t i);
/* Keep the candidates whose sentences are of one class (pair_class), or
 * identical (a caption or a byline that moved); returns how many, moved
 * to the front. */
size_t align_same_class(struct sim_cand *c, size_t nc, const struct sentence *sa,
                        const uint32_t *src, const struct sentence *sb, const uint32_t *dst);
/* Add the pair of sentences a and b to pl (and to B->pair_of once made);
 * returns its index in pl. */
size_t align_add_pair(struct builder *B, struct pairlist *pl, uint32_t a, uint32_t b, float sim,
                      bool moved);
/* B->pair_of, made once the search for anchors is done (it needs none,
 * and two unrelated texts are at their peak of memory there), with the
 * pairs found before it (anchored pairs of one sentence a side). */
void align_make_pair_of(struct builder *B);
/* Pair the reworded sentences of the sentence diff's hunks h[0..nh), on
 * all CPUs, into B->pairs: the pairs one thread finds, in their order. */
void align_pair_hunks(struct builder *B, const struct diff_hunk *h, size_t nh);
/* Match sentences left over on both sides, across hunks: copies first
 * (pair_copies), then the best pairs by similarity. */
void align_find_moves(struct builder *B);

#endif
