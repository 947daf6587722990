/* sim_sketch.h - the sketches of the sentences of many documents and
 * their index (sim_sketch.c), the first step of sim_link.c's search.
 * Private to those two files.
 *
 * A sentence's sketch is the SKETCH_K pairs of neighbouring words with
 * the smallest hashes (bottom-k MinHash, Broder 1997), leaving out pairs
 * too common to tell anything, then the hash of its whole sequence of
 * words.  Two sentences that share much share most of their sketches,
 * whatever the frequency of their words; a sentence carried unchanged
 * shares the whole. */
#ifndef WD_SIM_SKETCH_H
#define WD_SIM_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include "sim.h"

/* Pairs of words in a sketch, and with the whole. */
#define SKETCH_K 8
#define SKETCH_N (SKETCH_K + 1)

/* The sketches of sentences 0 .. total - 1 (global numbers: document d's
 * sentence i is base[d] + i), in parts of consecutive sentences, and the
 * index of them. */
struct sim_sketches {
    size_t nparts;
    size_t *first;  /* part k holds sentences first[k] .. first[k + 1] - 1 */
    uint64_t **own; /* part k's sketches, hash << 32 | sentence, in sentence order, */
    size_t *nown;   /* each the whole last */
    /* The index: the entries whose hash 2 to SKETCH_RUN_CAP sentences hold
     * (a hash that more hold leads nowhere; one that only one holds,
     * nowhere else), sorted by hash; the entries of hash h are in
     * ix[dir[h >> shift] .. dir[(h >> shift) + 1]), among others. */
    uint64_t *ix;
    size_t nix;
    uint32_t *dir;
    unsigned shift;
};

/* Entries of the index held by more sentences than this lead nowhere. */
#define SKETCH_RUN_CAP 64

/* The sketches of the sentences of s's documents (docof[g]: the document
 * of sentence g), leaving out pairs of words lighter than min, and their
 * index; on all CPUs.  Reads s's words (sim_words), not its bags. */
void sim_sketch_build(struct sim *s, const size_t *base, const uint32_t *docof, size_t total,
                      float min, struct sim_sketches *x);
void sim_sketch_free(struct sim_sketches *x);

#endif
