/* timeline.h - versions of one article in time order, and the chain of
 * their comparisons (layer 7 of ../DESIGN, beside the corpus).
 *
 * Given versions v[0 .. n) (n >= 2, oldest first, all loaded in one
 * doc_ctx), the timeline holds n - 1 steps, step k comparing v[k-1] with
 * v[k] (align_docs, A the older), plus step 0, TIMELINE_OVERALL, comparing
 * the first version with the latest.  A step is aligned the first time it
 * is asked for and kept (the reader opens one version at a time), or all
 * at once on parallel threads (timeline_build_all, for the exports); the
 * result is the same either way: each step is aligned with a word table of
 * its own (a fresh doc_ctx), so that its word ids, and so every tie the
 * aligner breaks, depend on its two versions only, and so that steps can
 * be aligned on several threads without sharing a table.
 *
 * Everything else is a pure function of the alignments, computed with them:
 *  - a summary per step (struct timeline_summary): sentences added, cut,
 *    reworded and moved, the headline changed or not, and whether the step
 *    changed nothing (identical bytes), only the form (white space, case,
 *    quote or dash style: every row `same`, whose comparison keys fold
 *    exactly those, text.h) or the text;
 *  - sentence lives: a sentence of version k follows its pairs back
 *    through the chain (same, changed and moved rows), one ancestor at
 *    most in version k-1, to the version where it first appeared; on the
 *    way, the versions in which it was edited;
 *  - the cut list: every sentence that a step dropped, with the version
 *    that cut it, and the version where the same sentence (same comparison
 *    key) came back, if it did.
 *
 * A timeline is not safe to use from two threads at once (it fills itself
 * in as it is read); its steps, once returned, are immutable.  Nothing
 * here prints.  Allocation failure exits (util.h).
 */
#ifndef WD_TIMELINE_H
#define WD_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "doc.h"
#include "util.h"

/* The step comparing the first version with the latest. */
#define TIMELINE_OVERALL 0

/* What a step did to the text. */
enum timeline_change {
    TIMELINE_NO_CHANGE, /* the two versions' bytes are identical (a duplicate: kept, never dropped)
                         */
    TIMELINE_MINOR,     /* every sentence the same but for white space, case, quote or dash style */
    TIMELINE_EDITED,    /* sentences added, cut, reworded or moved */
};

/* A step from version a to version b (a < b). */
struct timeline_summary {
    uint32_t a, b; /* the versions compared (k-1, k; or 0, n-1 for TIMELINE_OVERALL) */
    enum timeline_change change;
    uint32_t added;        /* sentences of b in no pair (inserted rows) */
    uint32_t cut;          /* sentences of a in no pair (deleted rows) */
    uint32_t reworded;     /* sentences of b in changed pairs */
    uint32_t moved;        /* sentences of b in moved pairs (reworded or not) */
    uint32_t same;         /* sentences of b in same pairs */
    uint32_t restyled;     /* of those, the ones whose bytes differ (the minor changes) */
    bool headline_changed; /* b's headline (its first sentence when a SENT_LINE) differs
                            * from a's by its comparison key, or one of them has none */
    bool unrelated;        /* both have sentences and they share none: not one story */
    uint64_t bytes_cut;    /* bytes of a's sentences cut, and of words deleted in pairs */
    uint64_t bytes_added;  /* bytes of b's sentences added, and of words inserted in pairs */
    float share;           /* the change's size for a bar, 0..1: (bytes_cut + bytes_added)
                            * / (sentence bytes of a + of b); 0 when both are empty */
};

/* The life of one sentence of one version. */
struct timeline_life {
    uint32_t born;    /* the version where it first appeared (following its ancestors) */
    int32_t ancestor; /* its counterpart in the version before (index), -1 when none */
    uint32_t nedits;  /* versions in which it was edited (timeline_edits lists them) */
    int32_t restores; /* index in the cut list of an earlier sentence with its comparison key
                       * that a step cut and this one brings back (it is born here), or -1 */
};

/* A sentence a step dropped. */
struct timeline_cut {
    uint32_t version;  /* the version that had it (cut_in - 1) */
    uint32_t sentence; /* its index there */
    uint32_t cut_in;   /* the first version without it */
    uint32_t born;     /* where it first appeared */
    uint32_t back_in;  /* the first later version where a sentence with its comparison key is
                        * born again (timeline_life.restores points back); 0 when none */
};

struct timeline;

/* A timeline of v[0 .. n), oldest first; the documents must come from one
 * doc_ctx and outlive the timeline; opts as align_docs takes them (NULL:
 * defaults; copied).  WD_EUSAGE when n < 2.  Nothing is aligned yet. */
enum wd_status timeline_new(const struct doc *const *v, size_t n, const struct align_opts *opts,
                            struct timeline **out);
void timeline_free(struct timeline *tl);

/* Number of versions. */
size_t timeline_count(const struct timeline *tl);
const struct doc *timeline_doc(const struct timeline *tl, size_t k);

/* Step k (1 .. n-1: version k-1 against version k; TIMELINE_OVERALL: the
 * first against the latest), aligned now if it was not yet.  Owned by the
 * timeline.  With two versions, step 1 and TIMELINE_OVERALL are the same
 * alignment. */
const struct alignment *timeline_step(struct timeline *tl, size_t k);
/* Has step k been aligned yet (no work done)? */
bool timeline_step_ready(const struct timeline *tl, size_t k);
/* The summary of step k, aligning it first if needed.  Owned by the
 * timeline. */
const struct timeline_summary *timeline_summary(struct timeline *tl, size_t k);
/* Align every step not aligned yet, on parallel threads (util_parallel),
 * and compute the lives and the cut list.  For the exports, which show
 * everything; the reader aligns what it opens. */
void timeline_build_all(struct timeline *tl);

/* The life of sentence s of version k (aligning steps 1 .. k if needed).
 * WD_EUSAGE when k or s is out of range. */
enum wd_status timeline_life(struct timeline *tl, size_t k, size_t s, struct timeline_life *out);
/* The versions in which sentence s of version k (or one of its ancestors)
 * was edited, oldest first: a changed pair, or a moved pair whose
 * comparison keys differ, in the step to that version.  Writes at most max
 * into out; returns how many there are (nedits), 0 when k or s is out of
 * range. */
size_t timeline_edits(struct timeline *tl, size_t k, size_t s, uint32_t *out, size_t max);
/* Is sentence s of version k new there (born == k, k > 0)?  For the
 * gutter of the pair reader. */
bool timeline_is_new(struct timeline *tl, size_t k, size_t s);

/* Every sentence cut along the chain, by cut_in then by position (aligns
 * every step not aligned yet, serially: call timeline_build_all first to
 * use the threads).  Owned by the timeline. */
const struct timeline_cut *timeline_cuts(struct timeline *tl, size_t *n);

/* "no change", "minor", "edited". */
const char *timeline_change_name(enum timeline_change c);

#endif
