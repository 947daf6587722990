/* jsonl.c - the core's part of jsonl.h: freeing what jsonl_parse (in the
 * web module, or its stub) returns, so that the program needs no module
 * to free it. */
#include "config.h"

#include "jsonl.h"

#include <stdlib.h>

void jsonl_free(struct jsonl_version *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].text);
        source_meta_free(&v[i].meta);
    }
    free(v);
}

void jsonl_docs_free(struct jsonl_doc *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].id);
        free(d[i].text);
    }
    free(d);
}
