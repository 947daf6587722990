/* doc_sentab.c - the sentence table of a document context (doc_int.h):
 * sentence ids from the hashes of their comparison keys. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc_int.h"
#include "text.h"

struct sentab *sentab_new(void)
{
    struct sentab *t = xcalloc(1, sizeof *t);
    t->nslots = 1024;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    return t;
}

void sentab_free(struct sentab *t)
{
    if (!t) return;
    free(t->slots);
    free(t);
}

void sentab_rehash(struct sentab *t, size_t n, const struct doc *gone)
{
    struct sent_slot *slots = xcalloc_dense(n, sizeof *slots);
    for (size_t i = 0; i < t->nslots; i++) {
        if (!t->slots[i].d || t->slots[i].d == gone) continue;
        size_t j = t->slots[i].hash & (n - 1);
        while (slots[j].d)
            j = (j + 1) & (n - 1);
        slots[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
}

void sentab_reserve(struct sentab *t, size_t n)
{
    size_t want = t->nslots;
    while ((t->count + n) * 4 > want * 3)
        want *= 2;
    if (want != t->nslots) sentab_rehash(t, want, NULL);
}

/* The bytes a slot's key is made of: its sentence, or (SLOT_BODY) the
 * sentence without its dateline. */
static void slot_text(const struct doc *d, uint32_t sent, uint32_t *a, uint32_t *b)
{
    const struct sentence *o = &d->sents[sent & ~SLOT_BODY];
    *a = o->start + ((sent & SLOT_BODY) ? sent_dateline(o) : 0);
    *b = o->end;
}

uint32_t sentab_id(struct doc_ctx *ctx, const struct doc *d, uint32_t i, uint64_t h)
{
    struct sentab *t = ctx->sentences;
    struct scratch *sc = ctx->scratch;
    size_t mask = t->nslots - 1, j = h & mask;
    uint32_t ma, mb;
    slot_text(d, i, &ma, &mb);
    size_t klen = SIZE_MAX; /* my key in sc->key, once built */
    for (; t->slots[j].d; j = (j + 1) & mask) {
        struct sent_slot *sl = &t->slots[j];
        if (sl->hash != h) continue;
        uint32_t oa, ob;
        slot_text(sl->d, sl->sent, &oa, &ob);
        if (sl->d != d) {
            bool near = sc->last_doc == sl->d &&
                        (oa > sc->last_at ? oa - sc->last_at : sc->last_at - oa) <= FOLIO_MAX;
            if (near)
                sc->near++;
            else
                sc->far++;
            sc->last_doc = sl->d;
            sc->last_at = oa;
        }
        /* byte-identical sentences have equal keys: no need to rebuild it */
        if (ob - oa == mb - ma && memcmp(sl->d->bytes + oa, d->bytes + ma, ob - oa) == 0)
            return sl->id;
        if (klen == SIZE_MAX)
            klen = text_key_mode(d->bytes + ma, mb - ma, &sc->w.key, &sc->w.keycap, ctx->strict);
        size_t ol = text_key_mode(sl->d->bytes + oa, ob - oa, &sc->key2, &sc->key2cap, ctx->strict);
        if (ol == klen && (klen == 0 || memcmp(sc->key2, sc->w.key, klen) == 0)) return sl->id;
    }
    if (t->count >= UINT32_MAX - 1) util_oom();
    struct sent_slot *sl = &t->slots[j];
    sl->hash = h;
    sl->d = d;
    sl->sent = i;
    sl->id = (uint32_t)t->count++;
    if (t->count * 4 > t->nslots * 3) sentab_rehash(t, t->nslots * 2, NULL);
    return (uint32_t)(t->count - 1);
}

void sentab_prefetch(const struct sentab *t, uint64_t h)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(&t->slots[h & (t->nslots - 1)]);
#else
    (void)t;
    (void)h;
#endif
}
