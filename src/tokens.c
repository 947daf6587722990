#include "config.h"

#include "tokens.h"

#include <stdlib.h>

#include "intern.h"
#include "util.h"

struct tokens {
    uint32_t *off; /* nsent + 1 offsets into ids */
    uint32_t *ids;
    size_t nsent;
};

/* Tokenize the selected sentences of d, interning into words. */
static struct tokens *tokenize(const struct doc *d, struct intern *words, const uint8_t *select)
{
    struct tokens *t = xcalloc(1, sizeof *t);
    const struct sentence *s = doc_sentences(d, &t->nsent);
    t->off = xmalloc((t->nsent + 1) * sizeof *t->off);
    struct word_scratch sc = {0};
    struct word *w = NULL;
    size_t capw = 0, cap = 0, k = 0;
    struct doc_pass pass;
    doc_pass_begin(&pass, d);
    for (size_t i = 0; i < t->nsent; i++) {
        t->off[i] = (uint32_t)k;
        if (select && !select[i]) continue;
        size_t nw = 0;
        doc_words(d, i, words, &sc, &w, &nw, &capw);
        doc_pass_read(&pass, s[i].start, s[i].end);
        xgrow(&t->ids, &cap, k + nw + 1, sizeof *t->ids);
        for (size_t j = 0; j < nw; j++)
            t->ids[k++] = w[j].id | ((w[j].flags & WORD_PUNCT) ? TOKEN_PUNCT : 0);
    }
    t->off[t->nsent] = (uint32_t)k;
    doc_pass_end(&pass);
    free(w);
    word_scratch_free(&sc);
    return t;
}

struct tok_job {
    const struct doc *const *docs;
    const uint8_t *const *select;
    struct intern **local; /* one word table per document */
    struct tokens **out;
};

static void tokenize_one(void *arg, size_t i)
{
    struct tok_job *job = arg;
    job->local[i] = intern_new();
    job->out[i] = tokenize(job->docs[i], job->local[i], job->select ? job->select[i] : NULL);
}

void tokens_new_many(const struct doc *const *docs, size_t n, struct doc_ctx *ctx,
                     const uint8_t *const *select, struct tokens **out)
{
    if (n == 0) return;
    if (n == 1) {
        out[0] = tokenize(docs[0], ctx->words, select ? select[0] : NULL);
        return;
    }
    /* Each document into a word table of its own, on its own thread; then,
     * in document order, each table's words into ctx's and the ids
     * renumbered.  Ids come out as one thread tokenizing the documents in
     * order would give them: a table lists its words in order of first
     * occurrence. */
    struct tok_job job = {.docs = docs, .select = select, .out = out};
    job.local = xcalloc(n, sizeof *job.local);
    util_parallel(n, tokenize_one, &job);
    uint32_t *map = NULL;
    size_t capmap = 0;
    for (size_t k = 0; k < n; k++) {
        size_t nw = intern_count(job.local[k]);
        xgrow(&map, &capmap, nw + 1, sizeof *map);
        for (size_t id = 0; id < nw; id++) {
            size_t len;
            const void *key = intern_key(job.local[k], (uint32_t)id, &len);
            map[id] = intern_add(ctx->words, key, len);
        }
        struct tokens *t = out[k];
        for (size_t j = 0; j < t->off[t->nsent]; j++)
            t->ids[j] = map[t->ids[j] & ~TOKEN_PUNCT] | (t->ids[j] & TOKEN_PUNCT);
        intern_free(job.local[k]);
    }
    free(map);
    free(job.local);
}

struct tokens *tokens_new(const struct doc *d, struct doc_ctx *ctx, const uint8_t *select)
{
    struct tokens *t;
    tokens_new_many(&d, 1, ctx, &select, &t);
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
