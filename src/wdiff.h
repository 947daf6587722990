/* wdiff.h - the word-level difference inside an aligned pair of sentence
 * groups: Myers over word ids (diff.h), then a clean-up pass so that a
 * change reads as whole words and phrases rather than confetti.
 */
#ifndef WD_WDIFF_H
#define WD_WDIFF_H

#include <stdbool.h>
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

/* Append to *ops (as wdiff_pair does) WOP_FOLD operations marking where
 * sentence ai of a and sentence bi of b, whose comparison keys are equal
 * (strict: text_key_mode's strict keys), differ in their bytes: each a
 * run of grapheme clusters whose keys match the other side's (case, quote
 * style, dashes, compatibility forms).  White space is never marked.
 * Returns the number appended (0 when only white space differs). */
size_t wdiff_folded(const struct doc *a, uint32_t ai, const struct doc *b, uint32_t bi, bool strict,
                    struct wop **ops, size_t *n, size_t *cap);

#endif
