/* intern.h - interning of comparison keys to dense integer ids.
 *
 * Equal byte strings get equal ids, ids count up from 0 in order of first
 * appearance, so callers can index arrays by id.  Documents compared with
 * each other must share one table (one for words, one for sentences).
 * Keys are copied into an arena owned by the table.
 */
#ifndef WD_INTERN_H
#define WD_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct intern;

struct intern *intern_new(void);
void intern_free(struct intern *t);

/* Id of key[0..len), adding it when new. */
uint32_t intern_add(struct intern *t, const void *key, size_t len);
/* intern_add of a key whose intern_hash() is hash. */
uint32_t intern_add_hashed(struct intern *t, const void *key, size_t len, uint64_t hash);
/* A hint, with no effect on any result: start loading the part of the
 * table that adding a key of this hash reads first.  A caller with many
 * keys to add hashes and prefetches a batch, then adds it, so that the
 * cache misses of a large table overlap instead of following each other. */
void intern_prefetch(const struct intern *t, uint64_t hash);
/* Number of distinct keys so far (ids are 0..count-1). */
size_t intern_count(const struct intern *t);
/* The key of id (owned by the table, valid until intern_free). */
const void *intern_key(const struct intern *t, uint32_t id, size_t *len);

/* 64-bit FNV-1a style hash used by the table, exposed for other indexes. */
uint64_t intern_hash(const void *key, size_t len);

#endif
