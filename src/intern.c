#include "config.h"

#include "intern.h"

#include <stdlib.h>
#include <string.h>

#include "swar.h"
#include "util.h"

/* Open addressing with linear probing over slots holding the high half of
 * the key's hash (a tag, so that most mismatches are rejected without
 * touching the key) and id + 1 (0 = empty); keys live back to back in one
 * growing arena, located by an offset array indexed by id.  Load factor
 * kept under 1/2. */
struct slot {
    uint32_t tag, id1;
};

struct intern {
    struct slot *slots;
    size_t nslots; /* power of two */
    uint64_t *hashes;
    size_t *offs; /* offs[id]..offs[id+1] is the key; count+1 entries */
    size_t count, cap_ids;
    char *arena;
    size_t arena_len, arena_cap;
};

/* p[0..4) as a little-endian number (one load on such hosts). */
static inline uint64_t load32le(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

uint64_t intern_hash(const void *key, size_t len)
{
    /* Eight bytes at a time, each word multiplied into the state, then a
     * final avalanche (splitmix64) so that the low bits used for the slot
     * index are well mixed. */
    const unsigned char *p = key;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xFF51AFD7ED558CCDull);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    /* The last len - i (< 8) bytes, little-endian, zero above: from
     * loads that stay inside the key (most keys are words shorter than
     * eight bytes, where a byte loop cost most of the hash). */
    uint64_t w = 0;
    size_t rest = len - i;
    if (rest && len >= 8) {
        w = swar_load((const char *)p + len - 8) >> (8 * (8 - rest));
    } else if (rest >= 4) {
        w = load32le(p) | (uint64_t)load32le(p + rest - 4) << (8 * (rest - 4));
    } else if (rest) {
        w = (uint64_t)p[0] | (uint64_t)p[rest / 2] << (8 * (rest / 2)) |
            (uint64_t)p[rest - 1] << (8 * (rest - 1));
    }
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 31;
    return h;
}

struct intern *intern_new(void)
{
    struct intern *t = xcalloc(1, sizeof *t);
    t->nslots = 1024;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    t->cap_ids = 512;
    t->hashes = xmalloc(t->cap_ids * sizeof *t->hashes);
    t->offs = xmalloc((t->cap_ids + 1) * sizeof *t->offs);
    t->offs[0] = 0;
    return t;
}

void intern_free(struct intern *t)
{
    if (!t) return;
    free(t->slots);
    free(t->hashes);
    free(t->offs);
    free(t->arena);
    free(t);
}

static void rehash(struct intern *t)
{
    size_t n = t->nslots * 2;
    struct slot *slots = xcalloc_dense(n, sizeof *slots);
    for (size_t id = 0; id < t->count; id++) {
        size_t i = t->hashes[id] & (n - 1);
        while (slots[i].id1)
            i = (i + 1) & (n - 1);
        slots[i].tag = (uint32_t)(t->hashes[id] >> 32);
        slots[i].id1 = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
}

void intern_prefetch(const struct intern *t, uint64_t hash)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(&t->slots[hash & (t->nslots - 1)]);
#else
    (void)t, (void)hash;
#endif
}

uint32_t intern_add(struct intern *t, const void *key, size_t len)
{
    return intern_add_hashed(t, key, len, intern_hash(key, len));
}

uint32_t intern_add_hashed(struct intern *t, const void *key, size_t len, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = t->nslots - 1;
    size_t i = h & mask;
    for (; t->slots[i].id1; i = (i + 1) & mask) {
        if (t->slots[i].tag != tag) continue;
        uint32_t id = t->slots[i].id1 - 1;
        if (t->offs[id + 1] - t->offs[id] == len &&
            (len == 0 || memcmp(t->arena + t->offs[id], key, len) == 0))
            return id;
    }
    if (t->count >= UINT32_MAX - 1) util_oom();
    uint32_t id = (uint32_t)t->count;
    if (t->count + 1 >= t->cap_ids) {
        t->cap_ids *= 2;
        t->hashes = xreallocarray(t->hashes, t->cap_ids, sizeof *t->hashes);
        t->offs = xreallocarray(t->offs, t->cap_ids + 1, sizeof *t->offs);
    }
    xgrow(&t->arena, &t->arena_cap, t->arena_len + len, 1);
    if (len) memcpy(t->arena + t->arena_len, key, len);
    t->arena_len += len;
    t->hashes[id] = h;
    t->offs[id + 1] = t->arena_len;
    t->count++;
    t->slots[i].tag = tag;
    t->slots[i].id1 = id + 1;
    if (t->count * 2 > t->nslots) rehash(t);
    return id;
}

size_t intern_count(const struct intern *t)
{
    return t->count;
}

const void *intern_key(const struct intern *t, uint32_t id, size_t *len)
{
    if (id >= t->count) {
        *len = 0;
        return "";
    }
    *len = t->offs[id + 1] - t->offs[id];
    return t->arena ? t->arena + t->offs[id] : "";
}
