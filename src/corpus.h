/* corpus.h - many documents at once: which reports overlap and by how
 * much, and which lines are not part of the story (boilerplate).
 *
 * Sentences of all documents are matched through one inverted index
 * (sim_matches_all) rather than by aligning every pair: a pair of
 * documents then counts its matched sentences, one to one, as same
 * (identical), changed (reworded, in order) or moved (reworded or not, out
 * of order).  Overlap figures leave boilerplate out.
 *
 * Boilerplate is recognised by signals, not by a list of strings.  The
 * roles of the sentences (role.h, decided when the documents load) say
 * what each document shows on its own: captions and credits, bylines and
 * boilerplate (furniture, numbers, code, prompts, a line that comes back)
 * are not the story.  What only many documents show settles more lines
 * as boilerplate, and corpus_new writes it into their roles
 * (doc_set_role), so that the alignments and every view made after it
 * read the same roles:
 *  - repetition across unrelated documents: a line two documents share
 *    while sharing no statement (site furniture such as "Comments");
 *  - no sentence structure and no tie to the story: an unmatched line
 *    without final punctuation whose words hardly occur in the document's
 *    story ("See also ...", "Leave a Reply");
 *  - an unrelated tail: the longest run at the end of a document with no
 *    match in any other document and, on average, little vocabulary in
 *    common with the document's story (scraped teasers of other articles).
 * The story of a document is its sentences that match another document; a
 * document that matches none has no known story, and only repetition can
 * mark its boilerplate.
 */
#ifndef WD_CORPUS_H
#define WD_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct corpus_pair {
    uint32_t a, b;    /* document indices, a < b */
    uint32_t same;    /* story sentences matched one to one, identical */
    uint32_t changed; /* ... reworded, in order */
    uint32_t moved;   /* ... out of order */
    float overlap;    /* matched story sentences of both / story sentences of both, 0..1 */
};

struct corpus;

/* Analyse docs[0 .. n), all from ctx, and settle the roles of their
 * sentences (doc_set_role): run it before aligning them.  Never fails. */
struct corpus *corpus_new(struct doc_ctx *ctx, struct doc *const *docs, size_t n);
void corpus_free(struct corpus *c);

size_t corpus_ndocs(const struct corpus *c);
/* Per sentence of document k: non-zero when it is not the story (a
 * caption or credit, a byline, boilerplate), which overlap figures leave
 * out and the reader dims. */
const uint8_t *corpus_boilerplate(const struct corpus *c, size_t k);
/* Sentences of document k that are not boilerplate. */
size_t corpus_story_sentences(const struct corpus *c, size_t k);
/* The pairs of documents that share at least one sentence, by overlap,
 * highest first (ties: lower indices first). */
const struct corpus_pair *corpus_pairs(const struct corpus *c, size_t *n);
/* Does document k share a sentence with any other? */
int corpus_doc_overlaps(const struct corpus *c, size_t k);
/* Story sentences of document k matched in no other document: its own. */
size_t corpus_own_sentences(const struct corpus *c, size_t k);
/* Story sentences matched one to one between documents a and b (0 when
 * they share none; a's story sentences when a == b). */
size_t corpus_shared(const struct corpus *c, size_t a, size_t b);
/* The document the others derive from, the default pivot of the columns:
 * the highest product of the mean share of its story that each other
 * document holds and the mean share of each other document's story that
 * it holds.  Ties: the earlier publication date, then the longer story,
 * then the lower index.  0 when there are fewer than two documents. */
size_t corpus_pivot(const struct corpus *c);

/* Documents longer than this (sentences) are compared as they are: a news
 * article runs to a few hundred sentences, and for a pair of 10,000
 * sentences the analysis took a third of the whole comparison. */
#define CORPUS_SETTLE_MAX 5000

/* Settle the roles of docs[0 .. n) as corpus_new does, for a comparison
 * that needs no figures (a pair, snapshots of the first file against the
 * others): the same pipeline as the overview's, so that a pair opened
 * directly reads the roles one opened from the overview does.  Nothing
 * for one document, or when one has more than CORPUS_SETTLE_MAX
 * sentences.  Before aligning them. */
void corpus_settle_roles(struct doc_ctx *ctx, struct doc *const *docs, size_t n);

#endif
