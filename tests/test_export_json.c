/* test_export_json.c - unit tests for the JSON writer's own formatting
 * (src/export_json.c): similarities exactly as printf's "%.3f", strings
 * longer than the writer's buffer, and a failed write reported as
 * WD_EIO with errno kept; and the chunks the other writers cut their rows
 * into (export_chunks) joined in order.  The whole documents are compared
 * byte for byte with the golden files by tests/test_export.sh. */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <pthread.h>
#include <signal.h>

#include <cmocka.h>

#include "align.h"
#include "doc.h"
#include "export.h"
#include "util.h"

/* ---- similarities ---------------------------------------------------------- */

static float float_of_bits(uint32_t u)
{
    float v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static uint32_t bits_of_float(float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

/* 0 when export_json_fixed3(v) is printf's "%.3f" of v, else 1 (and why). */
static int fixed3_differs(float v)
{
    char want[EXPORT_JSON_FIXED3_MAX + 1], got[EXPORT_JSON_FIXED3_MAX + 1];
    int wn = snprintf(want, sizeof want, "%.3f", (double)v);
    size_t gn = export_json_fixed3(got, v);
    got[gn] = '\0';
    if ((size_t)wn == gn && memcmp(want, got, gn) == 0) return 0;
    print_error("%a (bits %08x): printf \"%s\", export_json_fixed3 \"%s\"\n", (double)v,
                (unsigned)bits_of_float(v), want, got);
    return 1;
}

/* Every float within span ulps of v (both signs of the distance). */
static int fixed3_around(float v, uint32_t span)
{
    int bad = 0;
    uint32_t u = bits_of_float(v);
    for (uint32_t d = 0; d <= span; d++) {
        bad += fixed3_differs(float_of_bits(u + d));
        if (d <= u) bad += fixed3_differs(float_of_bits(u - d));
    }
    return bad;
}

static void test_fixed3_edges(void **state)
{
    (void)state;
    static const float v[] = {
        0.0f, 1.0f, 0.5f, 0.001f, 0.0005f, 0.0015f, 0.9995f, 0.9999f, 0.99951f, 0.99949f,
        /* exact ties at half a thousandth: odd sixteenths, to even */
        0.0625f, 0.1875f, 0.3125f, 0.4375f, 0.5625f, 0.6875f, 0.8125f, 0.9375f, 1.0625f, 1.0f / 3,
        2.0f / 3, 0.123456f, 0.1f, 0.7f, FLT_MIN, FLT_TRUE_MIN, 1e-30f, 2.0f, 10.5f, 999.9995f,
        123456.789f, 999999.9f, 1e9f, 4294967296.0f, FLT_MAX,
        /* the fall-back: printf itself */
        -0.0f, -0.0004f, -0.0625f, -1.0f, INFINITY, -INFINITY, NAN};
    int bad = 0;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        bad += fixed3_differs(v[i]);
    char b[EXPORT_JSON_FIXED3_MAX];
    assert_int_equal(export_json_fixed3(b, 0.0625f), 5);
    assert_memory_equal(b, "0.062", 5);
    assert_int_equal(export_json_fixed3(b, 0.1875f), 5);
    assert_memory_equal(b, "0.188", 5);
    assert_int_equal(export_json_fixed3(b, 0.99951f), 5);
    assert_memory_equal(b, "1.000", 5);
    assert_int_equal(bad, 0);
}

/* Where rounding changes: every float within 64 ulps of each k/2000 in
 * 0..2 (the midpoints and the thousandths themselves), and every float
 * near a tie k/16. */
static void test_fixed3_boundaries(void **state)
{
    (void)state;
    int bad = 0;
    for (int k = 0; k <= 4000; k++)
        bad += fixed3_around((float)k / 2000.0f, 64);
    for (int k = 0; k <= 32; k++)
        bad += fixed3_around((float)k / 16.0f, 256);
    assert_int_equal(bad, 0);
}

/* A stride through every float from 0 to 2 (all exponents, mantissas
 * spread), and through the rest of the positive range. */
static void test_fixed3_sweep(void **state)
{
    (void)state;
    int bad = 0;
    uint32_t two = bits_of_float(2.0f);
    for (uint32_t u = 0; u <= two; u += 997)
        bad += fixed3_differs(float_of_bits(u));
    for (uint32_t u = two; u < 0x7F800000u; u += 99991)
        bad += fixed3_differs(float_of_bits(u));
    assert_int_equal(bad, 0);
}

/* ---- strings and write errors ---------------------------------------------- */

/* A string many times export_json_string's own buffer, with escapes,
 * long runs and multi-byte characters across its block boundaries. */
static void test_long_string(void **state)
{
    (void)state;
    size_t n = 0, cap = 0;
    char *s = NULL, *want = NULL;
    size_t wn = 0, wcap = 0;
    xgrow(&want, &wcap, 1, 1);
    want[wn++] = '"';
    for (int i = 0; i < 3000; i++) {
        static const char *const in[] = {"a", "\"", "\\", "\n", "\x01", "\xC3\xA9", "\xFF", "xyz"};
        static const char *const out[] = {"a",       "\\\"",     "\\\\",    "\\n",
                                          "\\u0001", "\xC3\xA9", "\\ufffd", "xyz"};
        size_t k = (size_t)(i * 7 + i / 5) % 8;
        size_t l = strlen(in[k]), ol = strlen(out[k]);
        xgrow(&s, &cap, n + l + 1, 1);
        memcpy(s + n, in[k], l);
        n += l;
        xgrow(&want, &wcap, wn + ol + 2, 1);
        memcpy(want + wn, out[k], ol);
        wn += ol;
    }
    /* one stretch longer than the buffer, written without copying */
    xgrow(&s, &cap, n + 1000, 1);
    xgrow(&want, &wcap, wn + 1002, 1);
    memset(s + n, 'q', 1000);
    memset(want + wn, 'q', 1000);
    n += 1000;
    wn += 1000;
    want[wn++] = '"';

    char *got = NULL;
    size_t gn = 0;
    FILE *f = open_memstream(&got, &gn);
    assert_non_null(f);
    export_json_string(f, s, n);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(gn, wn);
    assert_memory_equal(got, want, wn);
    free(got);
    free(s);
    free(want);
}

/* Every writer reports a failed write as WD_EIO with the write's errno:
 * the JSON export's own, and the chunks of the text, ansi, html and md
 * ones, which other threads may write (export_chunks keeps it). */
static void test_write_error(void **state)
{
    (void)state;
    FILE *probe = fopen("/dev/full", "w");
    if (!probe) skip();
    fclose(probe);
    static const char a[] = "One sentence here. Another one there.\n";
    static const char b[] = "One sentence here. Another one, changed.\n";
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc_opts o = {.text = false};
    struct doc *d[2];
    assert_int_equal(doc_from_memory(ctx, "a", a, sizeof a - 1, &o, &d[0]), WD_OK);
    assert_int_equal(doc_from_memory(ctx, "b", b, sizeof b - 1, &o, &d[1]), WD_OK);
    struct export_cmp c = {0, 1, align_docs(d[0], d[1], ctx, NULL), NULL};
    struct export_input in = {
        .docs = (const struct doc *const *)d, .ndocs = 2, .cmps = &c, .ncmps = 1};
    static const enum export_format fmts[] = {EXPORT_JSON, EXPORT_TEXT, EXPORT_ANSI, EXPORT_HTML,
                                              EXPORT_MD};
    for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
        FILE *f = fopen("/dev/full", "w");
        assert_non_null(f);
        errno = 0;
        assert_int_equal(export_write(f, fmts[k], &in), WD_EIO);
        assert_int_equal(errno, ENOSPC);
        fclose(f);
    }
    align_free((struct alignment *)c.al);
    doc_free(d[0]);
    doc_free(d[1]);
    doc_ctx_free(ctx);
}

/* ---- rows in chunks (export_chunks) -------------------------------------------- */

static void put_items(void *arg, FILE *out, size_t from, size_t to)
{
    assert_non_null(arg);
    assert_true(from < to);
    for (size_t i = from; i < to; i++)
        fprintf(out, "%zu,", i);
}

/* Every item once, in order, for counts around the chunk size and none. */
static void test_chunks_in_order(void **state)
{
    (void)state;
    static const size_t ns[] = {0, 1, 2, 6, 7, 100, 2 * EXPORT_CHUNK + 1};
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
        for (size_t per = 1; per <= 7; per += 3) {
            char *got = NULL, *want = NULL;
            size_t gn = 0, wn = 0;
            FILE *f = open_memstream(&got, &gn), *w = open_memstream(&want, &wn);
            assert_non_null(f);
            assert_non_null(w);
            export_chunks(f, ns[k], per, put_items, &per);
            for (size_t i = 0; i < ns[k]; i++)
                fprintf(w, "%zu,", i);
            fclose(f);
            fclose(w);
            assert_int_equal(gn, wn);
            assert_memory_equal(got, want, gn);
            free(got);
            free(want);
        }
    }
}

/* A failed write's errno reaches the caller when the chunk was put by a
 * worker thread (the CLI said "standard output: Input/output error" for a
 * closed pipe now and then): the reader of the pipe goes away while the
 * last item is written, after every other chunk is in the pipe, so the
 * only failed write is the put of that chunk, by the thread that wrote
 * it.  The first item waits so that another thread takes the rest; a
 * run where the caller's thread wrote the last item says nothing and is
 * done again. */
struct closing {
    int rfd;                 /* the pipe's read end, closed by the last item */
    size_t n;                /* items */
    pthread_t main, by_last; /* the caller's thread; the last item's */
};

static void put_closing(void *arg, FILE *out, size_t from, size_t to)
{
    struct closing *c = arg;
    for (size_t i = from; i < to; i++) {
        fprintf(out, "%zu,", i);
        if (i == 0) { /* while the first waits, another thread takes the rest */
            struct timespec ts = {0, 10 * 1000 * 1000L};
            nanosleep(&ts, NULL);
        }
        if (i + 1 == c->n) {
            struct timespec ts = {0, 30 * 1000 * 1000L}; /* the others put by then */
            nanosleep(&ts, NULL);
            close(c->rfd);
            c->by_last = pthread_self();
        }
    }
}

static void test_chunks_errno(void **state)
{
    (void)state;
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    assert_int_equal(sigaction(SIGPIPE, &ign, &old), 0);
    int told = 0;
    for (int run = 0; run < 200 && told < 5; run++) {
        int fd[2];
        assert_int_equal(pipe(fd), 0);
        FILE *f = fdopen(fd[1], "w");
        assert_non_null(f);
        setvbuf(f, NULL, _IONBF, 0); /* each chunk written when it is put */
        struct closing c = {fd[0], 4, pthread_self(), pthread_self()};
        errno = 0;
        export_chunks(f, c.n, 1, put_closing, &c);
        if (!pthread_equal(c.by_last, c.main)) {
            assert_true(ferror(f));
            assert_int_equal(errno, EPIPE);
            told++;
        }
        fclose(f);
    }
    sigaction(SIGPIPE, &old, NULL);
    if (!told) skip(); /* one CPU: the caller's thread puts every chunk */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed3_edges), cmocka_unit_test(test_fixed3_boundaries),
        cmocka_unit_test(test_fixed3_sweep), cmocka_unit_test(test_long_string),
        cmocka_unit_test(test_write_error),  cmocka_unit_test(test_chunks_in_order),
        cmocka_unit_test(test_chunks_errno),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
