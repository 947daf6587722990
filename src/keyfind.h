/* keyfind.h - which sentences of a document hold a search key, without
 * the comparison key of every sentence: the reader's search over a whole
 * document in the time of a scan of its bytes.
 *
 * A sentence matches a key (a text_key, text.h) when its own text_key
 * contains it.  Computing that for every sentence costs a key per
 * sentence; instead, an index built once says which sentences are
 * "plain": every character outside printable ASCII keys to something
 * non-empty without ASCII letters or digits (curly quotes, dashes, an
 * ellipsis, a no-break space, "é"), and none is an ASCII control other
 * than white space.  In a plain sentence every ASCII letter or digit of
 * the key stands for one byte of the text, folded only in case, so a run
 * of them in the key is a run of the text's bytes up to case.  A search
 * then looks for the key's longest such run in the document's bytes
 * (case-insensitively, sixteen bytes at a time where SSE2 is there) and
 * checks the full key only in the sentences where the run is, and in the
 * sentences that are not plain.  The answer is exactly the sentences whose
 * key contains the key.
 */
#ifndef WD_KEYFIND_H
#define WD_KEYFIND_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct keyfind;

/* The index of d, which must outlive it: one pass over its bytes (keys
 * only for the characters outside ASCII).  Never fails (allocation
 * aborts). */
struct keyfind *keyfind_new(const struct doc *d);
/* The same, given up as soon as *stop is true (looked at every few
 * sentences): then NULL.  For an index built in the background of a
 * reader that may quit first.  stop may be NULL. */
struct keyfind *keyfind_new_until(const struct doc *d, const atomic_bool *stop);
void keyfind_free(struct keyfind *k);

/* The document the index is of. */
const struct doc *keyfind_doc(const struct keyfind *k);

/* Set hit[q] to 1 for every sentence q of the document whose text_key
 * contains key[0 .. n) (n > 0), to 0 for the others (hit has room for one
 * byte per sentence); returns how many are set.  Reads the index only, so
 * that two threads may search one index at once. */
size_t keyfind_match(const struct keyfind *k, const char *key, size_t n, uint8_t *hit);

#endif
