/* export_json_int.h - what export_json.c (the JSON formats) and
 * export_json_buf.c (their buffered writer of numbers and strings)
 * share.  Private to the two files (export.h is the interface). */
#ifndef WD_EXPORT_JSON_INT_H
#define WD_EXPORT_JSON_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The writer formats into its own buffer and hands it to stdio in large
 * blocks: a large export is mostly short numbers, and a putc or fprintf
 * for each cost more than everything else of the export (240 MB for a
 * million sentences a side).  JBUF_SIZE is the block (bytes); JBUF_ITEM
 * the most one jb_room call may ask for. */
#define JBUF_SIZE (64 * 1024)
#define JBUF_ITEM 64

/* Bytes waiting for f.  After a failed write the rest is dropped: the
 * error stays in ferror(f), and errno as that write left it. */
struct jbuf {
    FILE *f;
    char *b;
    size_t n, cap; /* bytes in b, size of b (at least JBUF_ITEM) */
    bool failed;
};

/* Hand the bytes waiting in j to its file (see struct jbuf). */
void export_jb_flush(struct jbuf *j);

/* Where to write up to need (<= JBUF_ITEM) bytes; jb_add then counts
 * those written. */
static inline char *jb_room(struct jbuf *j, size_t need)
{
    if (j->cap - j->n < need) export_jb_flush(j);
    return j->b + j->n;
}

static inline void jb_add(struct jbuf *j, size_t n)
{
    j->n += n;
}

/* A string literal (at most JBUF_ITEM bytes): its length is a constant,
 * so the copy is a few moves rather than a call. */
#define JB_LIT(j, lit)                                                                             \
    do {                                                                                           \
        _Static_assert(sizeof(lit) - 1 <= JBUF_ITEM, "literal longer than JBUF_ITEM");             \
        memcpy(jb_room((j), sizeof(lit) - 1), "" lit, sizeof(lit) - 1);                            \
        jb_add((j), sizeof(lit) - 1);                                                              \
    } while (0)

/* One byte. */
void export_jb_char(struct jbuf *j, char c);
/* The string s. */
void export_jb_puts(struct jbuf *j, const char *s);
/* v in decimal. */
void export_jb_u64(struct jbuf *j, uint64_t v);
/* v in decimal, a minus sign first when negative. */
void export_jb_i64(struct jbuf *j, int64_t v);
/* A JSON string literal of s[0..len): escaped, invalid UTF-8 as \ufffd
 * (export_json_string). */
void export_jb_string(struct jbuf *j, const char *s, size_t len);
/* [s,e]: a span of bytes. */
void export_jb_span(struct jbuf *j, uint32_t s, uint32_t e);

#endif
