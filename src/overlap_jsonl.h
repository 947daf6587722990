/* overlap_jsonl.h - documents for `wirediff --overlap --jsonl` read from
 * JSON Lines (jsonl.h: {"id":..., "text":...} or {"id":..., "html":...}),
 * a page's text extracted as a web page input's is. */
#ifndef WD_OVERLAP_JSONL_H
#define WD_OVERLAP_JSONL_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "source.h"
#include "util.h"

struct overlap_input {
    struct doc **docs; /* named by their ids (doc_path) */
    bool *id_number;   /* per document: its id was an integer */
    size_t n;
};

/* Read the documents of f (to its end) into ctx.  WD_OK, or WD_EUSAGE with
 * a one-line message naming the line in err (a malformed line, an id
 * given twice, a page without an article, a read error: WD_EIO). */
enum wd_status overlap_jsonl_read(struct doc_ctx *ctx, const struct doc_opts *o, FILE *f,
                                  struct overlap_input *in, char err[SOURCE_ERR_MAX]);
void overlap_input_free(struct overlap_input *in);

#endif
