/* sim.h - word-level similarity of sentences (and groups of consecutive
 * sentences) of two documents, and an inverted index that proposes
 * candidate pairs without comparing every sentence with every other.
 *
 * A sentence is seen as a bag of features: its content words (punctuation
 * and a dateline that opens it left out, compounds split, see sim_new) and
 * each pair of neighbouring content words, so that a shared phrase counts
 * more than the same words scattered.  A word is weighted by its inverse document frequency over
 * the compared sentences of both documents, w(t) = ln(1 + N / df(t)):
 * words every sentence shares ("the", "said") weigh little, names and
 * numbers a lot; a pair weighs as much as its rarer word.  The similarity of two bags is the
 * weighted Dice coefficient 2 |X ∩ Y|_w / (|X|_w + |Y|_w); containment is |X ∩ Y|_w / |X|_w.
 * Following gnulib's fstrcmp_bounded, a
 * cheap upper bound (from the weights alone) lets callers skip exact scores
 * that cannot reach their floor.
 */
#ifndef WD_SIM_H
#define WD_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "tokens.h"

struct sim;

/* A feature of a bag and its weight.  Word features have the word's id as
 * key; a pair of neighbouring words has SIM_PAIR_BIT set.  Bags are sorted
 * by key, so a sentence's words come before its pairs. */
struct sim_feat {
    uint32_t key;
    float w;
};
#define SIM_PAIR_BIT 0x80000000u

/* Weights for the sentences of docs[0 .. ndocs) that have tokens in tk[k]
 * (tokens.h), which must outlive the result; bags come from sim_load.  ctx's word table
 * receives the parts of hyphenated words: a bag holds features rather than
 * tokens, so "Son-gyong" counts as "son" + "gyong" (it meets "Son Gyong")
 * and a possessive 's is dropped ("Russia's" meets "Russia").  The word
 * diff still sees whole tokens.  Weights are computed over the sentences
 * that have bags, in all documents. */
struct sim *sim_new(const struct doc *const *docs, const struct tokens *const *tk, size_t ndocs,
                    struct doc_ctx *ctx);
void sim_free(struct sim *s);
/* A view of s for another thread: it reads s's weights and features (which
 * sim_new completed, so that nothing writes them any more) and has bags
 * and scratch buffers of its own.  Views of one sim may be used on
 * different threads at once, but s must then be left alone, and it must
 * outlive its views; free a view with sim_free. */
struct sim *sim_view(const struct sim *s);

/* Build the bags of sentences [lo, hi) of document doc (only those with
 * mask[i] != 0, unless mask is NULL), dropping the bags loaded before for
 * that document: every other sentence has an empty bag until it is loaded.
 * Time and memory are those of the loaded sentences; load what is being
 * compared (align: one hunk at a time).  Different documents may be loaded
 * on parallel threads. */
void sim_load(struct sim *s, size_t doc, size_t lo, size_t hi, const uint8_t *mask);
/* Give back the memory of document doc's bags (they are empty after). */
void sim_unload(struct sim *s, size_t doc);

/* A group of consecutive sentences first .. first+n-1 of one document. */
struct sim_group {
    size_t doc; /* index in sim_new's docs (align: SIDE_A or SIDE_B) */
    uint32_t first, n;
};

/* Total weight of a group's bag. */
double sim_weight(struct sim *s, struct sim_group g);
/* Weighted Dice of two groups, 0..1; 0 when both are empty. */
double sim_dice(struct sim *s, struct sim_group x, struct sim_group y);
/* Share of x's weight found in y, 0..1. */
double sim_contain(struct sim *s, struct sim_group x, struct sim_group y);

/* Share of x's weight found in what y has beyond z (multiset difference
 * y - z), 0..1; z is a group on x's side that y is already paired with.
 * It tells whether x explains a part of y that z leaves unexplained, the
 * test for a further piece of a split.  *matched receives the number of
 * x's features found there. */
double sim_contain_rest(struct sim *s, struct sim_group x, struct sim_group y, struct sim_group z,
                        size_t *matched);

struct sim_cand {
    uint32_t x, y; /* indices into the caller's source and target lists */
    float score;   /* weighted Dice of the two sentences */
};

/* Candidate pairs between sentences src[0..nsrc) of document dsrc and
 * sentences dst[0..ndst) of document ddst with Dice >= floor.  Small
 * inputs are compared exhaustively; large ones through an inverted index
 * over the rarest words of each sentence (at most SIM_PROBE_WORDS probes
 * per source sentence, postings longer than SIM_POSTING_CAP skipped, at
 * most SIM_TOP_K exact scores per source sentence).  A source sentence
 * whose words are all too common to probe is compared with every target
 * instead, as long as that stays under SIM_CUT_CELLS pairs in all; past
 * that such sentences get no candidates and *limited is set (pairs that
 * share only common words are then missed).
 * Returns the count; *out is malloc'ed (caller frees), sorted by x then y. */
size_t sim_candidates(struct sim *s, size_t dsrc, const uint32_t *src, size_t nsrc, size_t ddst,
                      const uint32_t *dst, size_t ndst, double floor, struct sim_cand **out,
                      bool *limited);

/* sim_candidates without the bags loaded (sim_lean.c): the same
 * candidates as sim_load of the sentences listed and sim_candidates, each
 * bag built when it is read.  A target keeps its weight, a 32-byte map of
 * its features and the postings of its rare words (about 55 bytes a
 * sentence of news text, against about 350 for a loaded bag); a source's
 * bag lives while it is probed.  For large lists whose every sentence is
 * compared (two unrelated texts).  Bags loaded in s are neither read nor
 * changed.  src NULL lists sentences 0 .. nsrc-1 of dsrc, dst NULL
 * 0 .. ndst-1 of ddst (every sentence: no list of 4 bytes a sentence). */
size_t sim_candidates_lean(struct sim *s, size_t dsrc, const uint32_t *src, size_t nsrc,
                           size_t ddst, const uint32_t *dst, size_t ndst, double floor,
                           struct sim_cand **out, bool *limited);

/* The word features of sentence i of document doc, in reading order (its
 * bag's words before pairing and sorting), into *buf (grown; *cap its
 * room), without loading its bag.  Returns their count.  Views and
 * threads as sim_load. */
size_t sim_words(struct sim *s, size_t doc, size_t i, uint32_t **buf, size_t *cap);

/* The bag of sentence i of document doc (owned by s). */
const struct sim_feat *sim_bag(const struct sim *s, size_t doc, size_t i, size_t *n);

/* A candidate pair between two different documents: sentence x of doc dx
 * and sentence y of doc dy, dx < dy. */
struct sim_match {
    uint32_t dx, x, dy, y;
    float score; /* weighted Dice */
};

/* Candidate pairs between the sentences of all documents at once, each
 * pair of sentences of different documents at most once, with Dice >=
 * floor, on all CPUs (sim_all.c); a caller keeps no match between two
 * documents that share no pair of Dice >= anchor (as corpus.c does), and
 * pairs of such documents may be left out.  The bags each search needs
 * are loaded (sim_load) and stay loaded: those of every document, or
 * above a hundred documents those of the documents with a match.  The
 * work per sentence is bounded: up to a hundred documents, its rarest
 * words through an inverted index propose targets, with room for a match
 * in every other document, and the heaviest few are scored exactly;
 * beyond, sketches of its pairs of words first link the documents that
 * share an anchor, and then the sentences of each linked pair are
 * compared through an index of the one's rare words (sim_link.c).
 * exhaustive (the measure of the bounded search's recall, slow): every
 * pair of sentences of Dice >= floor between two documents that share a
 * pair of Dice >= anchor, none missed (what comparing every sentence with
 * every other would give the caller).  Returns the count; *out is
 * malloc'ed (caller frees). */
size_t sim_matches_all(struct sim *s, double floor, double anchor, bool exhaustive,
                       struct sim_match **out);

#endif
