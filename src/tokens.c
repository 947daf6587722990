#include "config.h"

#include "tokens.h"

#include <stdlib.h>

#include "util.h"

struct tokens {
    uint32_t *off; /* nsent + 1 offsets into ids */
    uint32_t *ids;
    size_t nsent;
};

struct tokens *tokens_new(const struct doc *d, struct doc_ctx *ctx, const uint8_t *select)
{
    struct tokens *t = xcalloc(1, sizeof *t);
    (void)doc_sentences(d, &t->nsent);
    t->off = xmalloc((t->nsent + 1) * sizeof *t->off);
    struct word *w = NULL;
    size_t capw = 0, cap = 0, k = 0;
    for (size_t i = 0; i < t->nsent; i++) {
        t->off[i] = (uint32_t)k;
        if (select && !select[i]) continue;
        size_t nw = 0;
        doc_sentence_words(d, ctx, i, &w, &nw, &capw);
        xgrow(&t->ids, &cap, k + nw + 1, sizeof *t->ids);
        for (size_t j = 0; j < nw; j++)
            t->ids[k++] = w[j].id | ((w[j].flags & WORD_PUNCT) ? TOKEN_PUNCT : 0);
    }
    t->off[t->nsent] = (uint32_t)k;
    free(w);
    return t;
}

void tokens_free(struct tokens *t)
{
    if (!t) return;
    free(t->off);
    free(t->ids);
    free(t);
}

const uint32_t *tokens_of(const struct tokens *t, size_t i, size_t *n)
{
    *n = t->off[i + 1] - t->off[i];
    return t->ids ? t->ids + t->off[i] : NULL;
}
