#include "config.h"

#include "tokens.h"

#include <stdlib.h>

#include "intern.h"
#include "segment.h"
#include "text.h"
#include "util.h"

struct tokens {
    uint32_t *off; /* nsent + 1 offsets into ids */
    uint32_t *ids;
    size_t nsent;
    uint8_t *lead; /* per sentence: tokens of its dateline; NULL when none has one */
};

/* Tokenize the selected sentences of d, interning each token as written
 * (its spelling, the bytes themselves) into spell: the ids in the result
 * are spelling ids until tokens_new_many maps them to word ids.  A
 * comparison key depends on nothing but the spelling, so it is built once
 * a distinct spelling instead of once a token: most tokens cost a hash and
 * a lookup, with the key looked up in place in the document's bytes.  The
 * lookups are what is left that costs: a sentence's tokens are hashed and
 * their slots prefetched first, then added, so that their cache misses
 * overlap. */
static struct tokens *tokenize(const struct doc *d, struct intern *spell, const uint8_t *select)
{
    struct tokens *t = xcalloc(1, sizeof *t);
    const struct sentence *sent = doc_sentences(d, &t->nsent);
    const char *bytes = doc_bytes(d, NULL);
    t->off = xmalloc_dense((t->nsent + 1) * sizeof *t->off);
    struct pending {
        struct seg_span sp;
        uint64_t hash; /* intern_hash of the spelling */
    } *p = NULL;       /* one sentence's tokens, hashed, not yet added */
    size_t cap = 0, capp = 0, k = 0, ready = 0;
    /* Room for the tokens at once, from the bytes to read (news text has
     * about one token in five bytes; a quarter leaves room), so that the
     * array does not double past what it needs: it is the largest one
     * when every sentence is read (two unrelated texts). */
    size_t bytes_in = 0;
    for (size_t i = 0; i < t->nsent; i++)
        if (!select || select[i]) bytes_in += sent[i].end - sent[i].start;
    cap = bytes_in / 4 + 16;
    t->ids = xreallocarray(NULL, cap, sizeof *t->ids);
    struct doc_pass pass;
    doc_pass_begin(&pass, d);
    for (size_t i = 0; i < t->nsent; i++) {
        t->off[i] = (uint32_t)k;
        if (select && !select[i]) continue;
        size_t at = sent[i].start, n = 0;
        for (;; n++) {
            if (n == capp) xgrow(&p, &capp, n + 1, sizeof *p);
            if (!seg_word_next(bytes, &at, sent[i].end, &p[n].sp)) break;
            p[n].hash = intern_hash(bytes + p[n].sp.start, p[n].sp.end - p[n].sp.start);
            intern_prefetch(spell, p[n].hash);
        }
        uint32_t dl = sent_dateline(&sent[i]);
        if (dl) { /* the tokens of the dateline that opens it */
            if (!t->lead) t->lead = xcalloc(t->nsent + 1, 1);
            size_t q = 0;
            while (q < n && q < UINT8_MAX && p[q].sp.end <= sent[i].start + dl)
                q++;
            t->lead[i] = (uint8_t)q;
        }
        xgrow(&t->ids, &cap, k + n + 1, sizeof *t->ids);
        util_fill_ahead(t->ids, (k + n) * sizeof *t->ids, cap * sizeof *t->ids, &ready);
        for (size_t j = 0; j < n; j++) {
            const struct seg_span *sp = &p[j].sp;
            uint32_t id =
                intern_add_hashed(spell, bytes + sp->start, sp->end - sp->start, p[j].hash);
            t->ids[k++] = id | ((sp->flags & WORD_PUNCT) ? TOKEN_PUNCT : 0);
        }
        doc_pass_read(&pass, sent[i].start, sent[i].end);
    }
    t->off[t->nsent] = (uint32_t)k;
    doc_pass_end(&pass);
    free(p);
    return t;
}

struct tok_job {
    const struct doc *const *docs;
    const uint8_t *const *select;
    struct intern **spell; /* one spelling table per document */
    struct tokens **out;
    struct intern *words; /* the context's word table */
    bool strict;          /* its keys are strict ones (doc_ctx_set_strict) */
    uint32_t *map;        /* merge_one's: spelling id -> word id */
    size_t capmap;
    char *key;
    size_t keycap;
};

static void tokenize_one(void *arg, size_t i)
{
    struct tok_job *job = arg;
    job->spell[i] = intern_new();
    job->out[i] = tokenize(job->docs[i], job->spell[i], job->select ? job->select[i] : NULL);
}

/* Document k's spellings keyed (text_key) and the keys interned in the
 * word table, in document order, and its token ids renumbered. */
static void merge_one(void *arg, size_t k)
{
    struct tok_job *job = arg;
    size_t ns = intern_count(job->spell[k]);
    xgrow(&job->map, &job->capmap, ns + 1, sizeof *job->map);
    for (size_t id = 0; id < ns; id++) {
        size_t len;
        const char *spelling = intern_key(job->spell[k], (uint32_t)id, &len);
        size_t kl = text_key_mode(spelling, len, &job->key, &job->keycap, job->strict);
        job->map[id] = intern_add(job->words, job->key, kl);
    }
    struct tokens *t = job->out[k];
    for (size_t j = 0; j < t->off[t->nsent]; j++)
        t->ids[j] = job->map[t->ids[j] & ~TOKEN_PUNCT] | (t->ids[j] & TOKEN_PUNCT);
    intern_free(job->spell[k]);
}

void tokens_new_many(const struct doc *const *docs, size_t n, struct doc_ctx *ctx,
                     const uint8_t *const *select, struct tokens **out)
{
    if (n == 0) return;
    /* Each document into a spelling table of its own, on its own thread;
     * then, in document order (a document as soon as it and those before
     * it are tokenized), each table merged into ctx's words.  Ids come out
     * as one thread keying and interning every token of the documents in
     * order would give them: a table lists its spellings in order of first
     * occurrence, and a key first occurs with one of its spellings. */
    struct tok_job job = {
        .docs = docs, .select = select, .out = out, .words = ctx->words, .strict = ctx->strict};
    job.spell = xcalloc(n, sizeof *job.spell);
    util_parallel_ordered(n, tokenize_one, merge_one, &job);
    free(job.key);
    free(job.map);
    free(job.spell);
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
    free(t->lead);
    free(t);
}

const uint32_t *tokens_of(const struct tokens *t, size_t i, size_t *n)
{
    *n = t->off[i + 1] - t->off[i];
    return t->ids ? t->ids + t->off[i] : NULL;
}

size_t tokens_lead(const struct tokens *t, size_t i)
{
    return t->lead ? t->lead[i] : 0;
}
