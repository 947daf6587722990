/* export_columns.h - many documents at once as one snapshot: the overview
 * (the documents with the pivot marked and each one's share from it and
 * of its own, the overlap matrix, the pairs) and the columns (each pivot
 * sentence with what every shown document has for it, word marks, and the
 * documents' own sentences where they stand).  HTML (one self-contained
 * page that prints), Markdown and JSON (doc/wirediff-json.md); text is
 * the --overlap table.  `wirediff --export=FMT FOLDER` and e in the
 * overview and the columns write it.
 */
#ifndef WD_EXPORT_COLUMNS_H
#define WD_EXPORT_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "align.h"
#include "corpus.h"
#include "doc.h"
#include "export.h"
#include "util.h"

struct export_corpus {
    const struct corpus *c;
    const struct doc *const *docs;
    size_t ndocs;
    size_t pivot;
    const uint32_t *cols; /* the documents shown beside the pivot, in order */
    size_t ncols;
    /* per document: aligned with the pivot (pivot as A); needed for those
     * in cols, NULL elsewhere */
    const struct alignment *const *al;
    bool words;            /* mark the words a column adds */
    const char *timestamp; /* written as is, or NULL */
};

/* The documents to show beside pivot p: every other one, or (hide_none)
 * only those sharing a sentence with it.  Into cols (room for ndocs);
 * returns how many. */
size_t export_columns_pick(const struct corpus *c, size_t p, bool hide_none, uint32_t *cols);

/* Write in format fmt (html, md or json; any other writes the --overlap
 * text).  Returns WD_OK or WD_EIO. */
enum wd_status export_columns(FILE *f, enum export_format fmt, const struct export_corpus *in);

#endif
