/* doc_int.h - what the parts of the document layer share: doc.c (loading,
 * segmenting, the accessors), doc_sentab.c (the sentence table that gives
 * sentences their ids) and doc_io.c (reading and mapping files, and giving
 * their pages back).  Private to these three files. */
#ifndef WD_DOC_INT_H
#define WD_DOC_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "doc.h"
#include "util.h"

struct doc {
    struct doc_ctx *ctx; /* whose sentence table refers to this document */
    char *path;
    char *name;  /* path escaped for a terminal (escape.h) */
    char *bytes; /* len + 1 bytes, NUL-terminated */
    size_t len;
    size_t maplen; /* bytes mapped at bytes (doc_opts.map); 0: malloc'ed */
    struct sentence *sents;
    size_t nsents;
    size_t invalid;
    size_t content_words; /* SIZE_MAX until doc_word_count() counts them */
    char *title;
    char *label;              /* escape_str(source_display_name(path)) */
    struct source_meta *meta; /* NULL for a plain file */
    struct util_fileid id;    /* the file read (fstat), when has_id */
    bool has_id;
    const char *encoding; /* UTF-16/32 converted from (transcode.h), NULL: UTF-8 */
    size_t replaced;      /* its invalid code units, shown as U+FFFD */
    uint32_t *body;       /* per sentence: doc_body_id; NULL when none has a dateline */
    /* the file's identity, size and time when read (doc_changed) */
    struct doc_stamp stamp;
    atomic_bool keep; /* doc_keep_pages: its pages are given back no more */
};

/* Linux maps more than the page a read faults on: the cached pages around
 * it ("fault-around", 64 KiB windows aligned in the address space), or the
 * whole large folio of the page cache that holds it (up to FOLIO_MAX,
 * aligned by file offset).  A read thus holds FAULT_AROUND at least, and
 * one may map again pages before it that were given back already. */
#define FAULT_AROUND ((size_t)64 << 10)
#define FOLIO_MAX    ((size_t)2 << 20)

/* ---- sentence keys ----------------------------------------------------------
 * Sentence ids without storing keys: a slot holds the 64-bit hash of a
 * sentence's comparison key and where that sentence is; a lookup whose hash
 * matches recomputes the stored sentence's key and compares the bytes, so
 * ids are exact.  Open addressing, linear probing, load under 3/4. */
struct sent_slot {
    uint64_t hash;
    const struct doc *d; /* NULL: empty */
    uint32_t sent, id;   /* sent | SLOT_BODY: the sentence's text without its dateline */
};

/* A slot whose key is that of a sentence's body (doc_body_id). */
#define SLOT_BODY 0x80000000u

struct sentab {
    struct sent_slot *slots;
    size_t nslots, count;
};

/* Buffers for doc_sentence_words. */
struct word_scratch {
    char *key;
    size_t keycap;
};

struct scratch {
    struct word_scratch w; /* for doc_sentence_words, and w.key for keys */
    char *key2;            /* a second comparison key */
    size_t key2cap;
    const struct doc **mapped; /* the context's mapped documents (doc_release) */
    size_t nmapped, capmapped;
    /* Where the lookups of the sentences since the last release read
     * other documents: the last place read, and how many reads were near
     * the one before (within FOLIO_MAX) or far from it. */
    const struct doc *last_doc;
    uint32_t last_at, near, far;
};

/* How many sentences ahead finish() prefetches: enough to cover a memory
 * latency with the work of a lookup that hits the cache. */
#define SENTAB_PREFETCH_AHEAD 8

struct sentab *sentab_new(void);
void sentab_free(struct sentab *t);
/* Rehash into n slots, leaving out the slots of document gone (if any). */
void sentab_rehash(struct sentab *t, size_t n, const struct doc *gone);
/* Room for n more keys without growing on the way: one table of the final
 * size instead of the doublings up to it (each a new zeroed array). */
void sentab_reserve(struct sentab *t, size_t n);
/* The id of sentence i of d (with SLOT_BODY: of its text without its
 * dateline), whose comparison key hashes to h, adding it if new.  Keys are
 * rebuilt only to tell apart sentences whose hashes are equal but bytes
 * differ ("The" and "the"). */
uint32_t sentab_id(struct doc_ctx *ctx, const struct doc *d, uint32_t i, uint64_t h);
/* Ask for the slot where a lookup of hash h starts.  At a million
 * sentences the table is far larger than the caches and nearly every
 * lookup misses; finish() knows the hashes of the sentences to come, so
 * the slots can be on their way while earlier sentences are looked up. */
void sentab_prefetch(const struct sentab *t, uint64_t h);

/* ---- mapped files (doc_io.c) ------------------------------------------- */

/* Files smaller than this are read: a mapping gives back nothing worth
 * it, and each costs one of the kernel's mappings a process may hold
 * (vm.max_map_count, 65,530 by default), which 100,000 articles of a
 * folder used up, and with them every large malloc. */
#define DOC_MAP_MIN ((off_t)64 << 10)

/* Map the len bytes (0 < len <= DOC_MAX_BYTES) of regular file fd; NULL when
 * that fails (the caller reads the file instead). */
char *docio_map_file(int fd, size_t len, size_t *maplen);
void docio_bytes_free(char *bytes, size_t maplen);
/* Give back the pages of bytes[lo, hi) of a mapping of maplen bytes (0:
 * not mapped), widened to whole windows of align bytes in the address
 * space and by file offset (the mapping is only page aligned). */
void docio_release_range(const char *bytes, size_t maplen, size_t lo, size_t hi, size_t align);
/* Map bytes[lo, hi) of a mapping of maplen bytes (0: nothing to do) ahead
 * of a pass over it, in one call rather than a fault every window.  A
 * kernel without MADV_POPULATE_READ (before Linux 5.14) faults as usual. */
void docio_populate_range(const char *bytes, size_t maplen, size_t lo, size_t hi);
/* The context's mapped documents: giving ids compares a sentence's bytes
 * with those of an earlier one, in any of them. */
void docio_register_mapped(struct doc_ctx *ctx, const struct doc *d);
void docio_unregister_mapped(struct doc_ctx *ctx, const struct doc *d);
/* Give back the pages of the mapped documents that sentence lookups of d
 * read since the last call, and of d itself.  The pages of other documents
 * are kept while those reads jump about (the sentences of d are another's
 * in another order): given back, nearly every lookup would fault its page
 * in again. */
void docio_release_mapped(const struct doc_ctx *ctx, const struct doc *d);
/* Read all of fd into a new NUL-terminated buffer.  Unless text is set, a
 * NUL byte ends the read at once with WD_EBINARY: a device or pipe of
 * binary data (/dev/zero) is refused when it starts, not at 4 GiB.  A
 * stream longer than DOC_MAX_BYTES stops the read there (WD_ETOOBIG), and
 * one that does not fit in memory is WD_ENOMEM. */
enum wd_status docio_read_all(int fd, bool text, char **out, size_t *outlen);

#endif
