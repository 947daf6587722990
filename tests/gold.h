/* gold.h - readers for the hand-made gold standards in tests/gold
 * (format: tests/gold/README.md) and the seed paths they describe. */
#ifndef WD_TEST_GOLD_H
#define WD_TEST_GOLD_H

#include <stddef.h>

struct gold_sent {
    size_t start, end; /* bytes, end exclusive */
};

struct gold_pair {
    int a, b;
    char kind[16]; /* same | changed | partial */
    int moved;
};

/* Path under $top_srcdir (or "." when unset); returns a static buffer. */
const char *gold_path(const char *rel);

/* Both return the number of rows read, or -1 (with a message on stderr)
 * when the file cannot be read.  *out is malloc'ed, caller frees. */
long gold_read_sentences(const char *path, struct gold_sent **out);
long gold_read_align(const char *path, struct gold_pair **out);

/* The five seed names, without directory or ".txt". */
extern const char *const gold_seeds[5];

#endif
