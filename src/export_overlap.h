/* export_overlap.h - the overlap table of many documents (corpus.h) as
 * text or JSON, for `wirediff --overlap`. */
#ifndef WD_EXPORT_OVERLAP_H
#define WD_EXPORT_OVERLAP_H

#include <stdbool.h>
#include <stdio.h>

#include "corpus.h"
#include "doc.h"
#include "util.h"

/* Documents, then the pairs by overlap, then the documents that overlap
 * nothing.  Returns WD_OK or WD_EIO. */
enum wd_status export_overlap_text(FILE *f, const struct corpus *c, const struct doc *const *docs);
/* {"format":"wirediff-overlap","version":1,"documents":[...],"pairs":[...]}
 * (doc/wirediff-json.md). */
enum wd_status export_overlap_json(FILE *f, const struct corpus *c, const struct doc *const *docs);
/* --overlap --jsonl: one line a pair ({"type":"pair","a":ID,"b":ID,
 * "overlap":...,"same":...,"changed":...,"moved":...}), by overlap, then
 * one a document ({"type":"document","id":ID,"title":...,"sentences":...,
 * "story_sentences":...,"own_sentences":...,"overlaps":...,
 * "boilerplate":[...]}), in the input's order.  An ID is the document's
 * path, as the input gave it: an integer when id_number[k], else a
 * string. */
enum wd_status export_overlap_jsonl(FILE *f, const struct corpus *c, const struct doc *const *docs,
                                    const bool *id_number);
/* What a reader recognises a document by: its headline, else its first
 * sentence (not NUL-terminated: *len bytes). */
const char *export_first_line(const struct doc *d, size_t *len);
/* "pairs":[...] of the overlap JSON (no separator around it). */
void export_overlap_pairs_json(FILE *f, const struct corpus *c);

#endif
