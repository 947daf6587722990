/* sim_link.h - sim_matches_all's search above ALL_ROOM_DOCS documents
 * (sim_link.c): documents linked by an anchor first, then the sentences
 * of linked documents.  Private to sim_all.c and sim_link.c. */
#ifndef WD_SIM_LINK_H
#define WD_SIM_LINK_H

#include <stddef.h>

#include "sim.h"

/* The pairs of sentences of Dice >= floor that the search finds between
 * documents that share a pair of Dice >= anchor, each once (dx < dy),
 * with the bags of the documents that have a match loaded (sim_load; s
 * has none loaded before).  Returns the count; *out is malloc'ed (caller
 * frees). */
size_t sim_link_matches(struct sim *s, double floor, double anchor, struct sim_match **out);

#endif
