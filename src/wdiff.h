/* wdiff.h - the word-level difference inside an aligned pair of sentence
 * groups: Myers over word ids (diff.h), then a clean-up pass so that a
 * change reads as whole words and phrases rather than confetti.
 */
#ifndef WD_WDIFF_H
#define WD_WDIFF_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "doc.h"
#include "tokens.h"

/* Append to *ops (grown with xgrow; *n entries, capacity *cap) the word
 * operations turning sentences a0 .. a0+an-1 of a into b0 .. b0+bn-1 of b,
 * in reading order.  Spans never cross a sentence boundary, so grouped rows
 * can render each sentence on its own.  ka / kb hold the sentences' token
 * ids (tokens.h).  Returns the number appended. */
size_t wdiff_pair(const struct doc *a, const struct tokens *ka, uint32_t a0, uint32_t an,
                  const struct doc *b, const struct tokens *kb, uint32_t b0, uint32_t bn,
                  struct wop **ops, size_t *n, size_t *cap);

#endif
