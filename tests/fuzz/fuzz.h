/* fuzz.h - what the libFuzzer targets in tests/fuzz share.
 *
 * Each target (fuzz_segment.c, fuzz_diff.c, fuzz_align.c, fuzz_export.c)
 * defines LLVMFuzzerTestOneInput and nothing else that is exported.  It is
 * linked either with libFuzzer (./configure CC=clang --enable-fuzzing) or
 * with replay.c, a plain main() that feeds it the files of the seed and
 * regression corpora (make check).  A target is deterministic, leaks
 * nothing, prints nothing; a broken invariant aborts (FUZZ_CHECK), which
 * libFuzzer reports as a crash and saves the input.
 */
#ifndef WD_FUZZ_H
#define WD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer entry point; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline _Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}

/* Abort when cond is false, naming it. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond);                                         \
    } while (0)

/* The byte that separates documents in the inputs of fuzz_align and
 * fuzz_export: NUL, which a text document does not contain (a document
 * with one is refused as binary unless the target asks for doc_opts.text). */
#define FUZZ_SEP '\0'

/* Cut data[0..size) at the first max-1 separators into at most max parts
 * (pointers and lengths into data); returns the number of parts (>= 1). */
static inline size_t fuzz_split(const uint8_t *data, size_t size, const char **part, size_t *len,
                                size_t max)
{
    size_t n = 0, from = 0;
    while (n + 1 < max) {
        const uint8_t *sep = size > from ? memchr(data + from, FUZZ_SEP, size - from) : NULL;
        if (!sep) break;
        part[n] = (const char *)data + from;
        len[n++] = (size_t)(sep - (data + from));
        from = (size_t)(sep - data) + 1;
    }
    part[n] = (const char *)data + from;
    len[n++] = size - from;
    return n;
}

#endif
