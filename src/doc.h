/* doc.h - a loaded document: its original bytes and its sentences, each a
 * byte span into those bytes plus an interned id of its comparison key
 * (text_key() of the sentence: identical ids mean "same after
 * normalisation").  Words are not stored: doc_sentence_words() tokenizes a
 * sentence when it is needed (similarity and word diffs of changed
 * sentences), so a loaded document costs its bytes plus 16 bytes a
 * sentence.
 *
 * Offsets are uint32_t byte offsets into the original file (end exclusive),
 * so a document is at most DOC_MAX_BYTES (4 GiB - 2: UINT32_MAX itself is
 * kept free).  A document is immutable once loaded.
 */
#ifndef WD_DOC_H
#define WD_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "role.h"
#include "source.h"
#include "util.h"

/* Word flags. */
enum {
    WORD_PUNCT = 1u << 0, /* punctuation or symbol token, not a word */
    WORD_NUM = 1u << 1,   /* starts with a digit */
    WORD_CJK = 1u << 2,   /* one CJK character */
};

struct word {
    uint32_t start, end; /* bytes */
    uint32_t id;         /* interned text_key() of the token (doc_ctx.words) */
    uint32_t flags;
};

/* Sentence flags.  The segmenter's (segment.h) are the SENT_SEG_MASK bits. */
enum {
    SENT_LINE = 1u << 0,  /* ended by a line break without a stop (headline, credit) */
    SENT_START = 1u << 1, /* the first sentence of its line (paragraph) */
    SENT_END = 1u << 2,   /* the last sentence of its line */
};
#define SENT_SEG_MASK 0x7u
/* The sentence's role (role.h enum sent_role), decided when the document
 * is loaded, and the length in bytes of a dateline that opens it (story
 * text only; 0 when none). */
#define SENT_ROLE_SHIFT     4
#define SENT_ROLE_MASK      (0x7u << SENT_ROLE_SHIFT)
#define SENT_DATELINE_SHIFT 8
#define SENT_DATELINE_MASK  (0xFFu << SENT_DATELINE_SHIFT)

struct sentence {
    uint32_t start, end; /* bytes; start and end are on non-space bytes */
    uint32_t id;         /* id of the sentence's comparison key, dense from 0 */
    uint32_t flags;
};

static inline enum sent_role sent_role(const struct sentence *s)
{
    return (enum sent_role)((s->flags & SENT_ROLE_MASK) >> SENT_ROLE_SHIFT);
}

/* Bytes of the dateline that opens s (0: none). */
static inline uint32_t sent_dateline(const struct sentence *s)
{
    return (s->flags & SENT_DATELINE_MASK) >> SENT_DATELINE_SHIFT;
}

struct doc;

/* The longest document, in bytes. */
#define DOC_MAX_BYTES ((uint64_t)UINT32_MAX - 1)

struct doc_opts {
    bool text; /* accept NUL bytes (not drawn, like other controls) instead of refusing */
    /* Map regular files rather than read them, so that doc_release can
     * give their pages back.  For runs that do not outlast their input: a
     * mapped file that is rewritten in place changes under its document,
     * and touching the lost pages of one that shrinks raises SIGBUS. */
    bool map;
};

struct sentab;

/* Interning context shared by all documents that are compared: sentence
 * keys (a hash table that refers back to the sentences, see doc.c), word
 * keys, and scratch buffers for tokenizing.  Free the documents before
 * their context. */
struct doc_ctx {
    struct intern *words;
    struct sentab *sentences; /* NULL once sealed */
    size_t sealed_count;      /* sentence ids given out before sealing */
    void *scratch;            /* private to doc.c */
    bool strict;              /* keys are text_key_mode's strict ones (--strict) */
};

struct doc_ctx *doc_ctx_new(void);
/* Compare by strict keys (text.h text_key_mode): case, quote style,
 * dashes and compatibility forms count as differences (--strict).  Only
 * before the first document is loaded into ctx. */
void doc_ctx_set_strict(struct doc_ctx *ctx, bool strict);
void doc_ctx_free(struct doc_ctx *ctx);
/* Distinct sentence keys seen so far (sentence ids are 0 .. count-1). */
size_t doc_ctx_sentence_count(const struct doc_ctx *ctx);
/* Free the sentence-key table once every document is loaded: it is needed
 * only to give new sentences their ids (its slots are most of a load's
 * memory after the bytes).  Loading into a sealed context returns
 * WD_EUSAGE. */
void doc_ctx_seal(struct doc_ctx *ctx);

/* Load path ("-" = standard input).  On success *out owns a new document
 * and WD_OK is returned.  Errors: WD_ENOENT, WD_EISDIR, WD_EACCES,
 * WD_EBINARY (a NUL byte and !opts->text), WD_ETOOBIG, WD_EIO (errno kept).
 * An empty file is valid (no sentences).  The file is only read. */
enum wd_status doc_load(struct doc_ctx *ctx, const char *path, const struct doc_opts *opts,
                        struct doc **out);

/* Load paths[0 .. n) as doc_load does, reading and segmenting them on
 * several threads; the sentence ids are given in the order of the files,
 * so the result is that of n doc_load calls: out[i] is the document (NULL
 * on error) and st[i] the status of paths[i]. */
void doc_load_all(struct doc_ctx *ctx, const char *const *paths, size_t n,
                  const struct doc_opts *opts, struct doc **out, enum wd_status *st);

/* A document to load: a file to read, or a text already in memory. */
struct doc_input {
    const char *name; /* how the document is named: a path, "-", a URL */
    char *text;       /* NULL: read the file name; else text[0..len) to take (freed by the load) */
    size_t len;
    struct source_meta *meta; /* where the text came from; its strings are taken (may be NULL) */
    struct util_fileid id;    /* the file the text was read from (a page, standard input) */
    bool has_id;              /* ... when it was read from one */
};

/* Load in[0 .. n) as doc_load_all does, each from its file or its text;
 * the texts and metadata are taken (the inputs' pointers are left NULL or
 * emptied). */
void doc_load_inputs(struct doc_ctx *ctx, struct doc_input *in, size_t n,
                     const struct doc_opts *opts, struct doc **out, enum wd_status *st);

/* Build a document from a copy of buf[0..len); name is used as its path.
 * Same checks as doc_load (binary, size). */
enum wd_status doc_from_memory(struct doc_ctx *ctx, const char *name, const char *buf, size_t len,
                               const struct doc_opts *opts, struct doc **out);

void doc_free(struct doc *d);

/* The path as given (to open it again, and for JSON). */
const char *doc_path(const struct doc *d);
/* The path as a terminal or a text stream may show it: controls, bidi
 * controls and invalid bytes escaped (escape.h).  Every message, table
 * and header of the text formats names a document by it. */
const char *doc_name(const struct doc *d);
/* A short name to show where room is scarce (the reader's headers, the
 * overview): the base name of a file, the host and last path part of a
 * URL (source_display_name), escaped like doc_name. */
const char *doc_label(const struct doc *d);
/* Show d under name from now on (doc_path, doc_name, doc_label, and
 * doc_title when that was the file's name): a file git copied to a
 * temporary one is shown as "a/notes.txt".  Before the document is shared
 * with another thread. */
void doc_rename(struct doc *d, const char *name);
/* The encoding a UTF-16 or UTF-32 file (with a byte order mark) was
 * converted from (transcode.h: the document holds the UTF-8 text, and its
 * offsets count in that), and in *replaced its invalid code units shown as
 * U+FFFD; NULL for a UTF-8 file. */
const char *doc_encoding(const struct doc *d, size_t *replaced);
/* The device and inode of the file read (standard input's too, when it is
 * a file), so that no output replaces an input; false for a document
 * built from memory. */
bool doc_fileid(const struct doc *d, struct util_fileid *id);

/* A file's identity, size and modification time when it was read. */
struct doc_stamp {
    bool set;
    uint64_t dev, ino, size;
    int64_t sec;
    long nsec;
};

/* Has the file d was read from changed on disk since it was read (another
 * file at its path, another size or modification time, or none)?  False
 * for a document not read from a regular file.  One stat(2). */
bool doc_changed(const struct doc *d);

/* For a SIGBUS handler: when addr lies in d's mapping (doc_opts.map),
 * whose file was cut short under it, map zero pages over the rest of the
 * mapping from addr's page on, so that the read gives zeros instead of
 * SIGBUS; true when done.  Async-signal-safe (one mmap). */
bool doc_map_patch(const struct doc *d, const void *addr);
/* Original bytes (the BOM included; NUL-terminated for convenience). */
const char *doc_bytes(const struct doc *d, size_t *len);
const struct sentence *doc_sentences(const struct doc *d, size_t *n);
/* Tokenize sentence i (seg_words) and intern its word keys in ctx->words,
 * as tokens_new does for many sentences at a time (tokens.h).  Appends the words to *out (grown
 * with xgrow, capacity *cap) from index *n on, updating *n; returns the number appended. */
size_t doc_sentence_words(const struct doc *d, struct doc_ctx *ctx, size_t i, struct word **out,
                          size_t *n, size_t *cap);
/* Give back the memory of a mapped document's pages (doc_opts.map; else
 * nothing happens).  Its bytes stay readable: a page is read again from
 * the page cache when touched.  Safe while other threads read the
 * document. */
void doc_release(const struct doc *d);
/* From now on, d's pages stay once touched: doc_release and passes over d
 * give them back no more.  For a document that is to be read whole again
 * and again (the reader's search scans every byte of it: once it has,
 * giving pages back behind another pass would only make the next search
 * read them again, the peak being the same). */
void doc_keep_pages(const struct doc *d);

/* A pass over a document that gives back what it has read as it goes, so
 * that it holds about DOC_RELEASE_EVERY bytes of the document, not every
 * page it has touched.  Note each read with doc_pass_read; doc_pass_end
 * gives back the rest.  Passes over one document may run on parallel
 * threads.  Without doc_opts.map, this costs a few additions. */
struct doc_pass {
    const struct doc *d;
    size_t reads;    /* reads since the last release */
    uint32_t lo, hi; /* the byte range read since then (lo > hi: none) */
    uint32_t done;   /* where the last release ended */
    uint32_t ahead;  /* mapped ahead of the reads up to here (0: not yet) */
};
#define DOC_RELEASE_EVERY ((size_t)1 << 19)
void doc_pass_begin(struct doc_pass *p, const struct doc *d);
void doc_pass_read(struct doc_pass *p, uint32_t start, uint32_t end);
void doc_pass_end(struct doc_pass *p);
/* Bytes shown as U+FFFD because they are not valid UTF-8. */
size_t doc_invalid_bytes(const struct doc *d);
/* A display title: the headline its source gives (a web page's), else the
 * sentence at the top that role.h takes for the headline, else the file's
 * base name.  Owned by the document. */
const char *doc_title(const struct doc *d);
/* The id of sentence i's text without the dateline that opens it: an id
 * like a sentence's (two sentences whose ids or body ids are equal have
 * the same text, datelines aside); the sentence's own id when it has no
 * dateline. */
uint32_t doc_body_id(const struct doc *d, size_t i);
/* Settle sentence i of d as boilerplate, or another role: for the corpus
 * analysis (corpus.h), which weighs what many documents show, before any
 * alignment of d is made.  A dateline length is dropped with the story
 * role. */
void doc_set_role(struct doc *d, size_t i, enum sent_role r);
/* Where the document came from and what it says about itself (source.h);
 * NULL for a plain text file. */
const struct source_meta *doc_meta(const struct doc *d);
/* Number of words that are not punctuation (counted on first use). */
size_t doc_word_count(const struct doc *d);

#endif
