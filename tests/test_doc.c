/* test_doc.c - unit tests for loading documents (src/doc.c): error codes,
 * byte order mark, line endings, invalid UTF-8, read-only access, interning
 * of sentences across documents, the token cache (tokens.c), titles, word
 * counts and standard input.  Files are written to a fresh mkdtemp
 * directory removed after each test. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#ifdef HAVE_SCHED_GETAFFINITY
#include <sched.h>
#endif
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "doc.h"
#include "intern.h"
#include "segment.h"
#include "text.h"
#include "tokens.h"
#include "util.h"

/* ---- fixture ------------------------------------------------------------ */

#define MAX_FILES 16

struct fixture {
    char dir[64];
    char *files[MAX_FILES]; /* paths to remove, owned */
    size_t nfiles;
    struct doc_ctx *ctx;
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    strcpy(fx->dir, "/tmp/wirediff-test-doc.XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    fx->ctx = doc_ctx_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    for (size_t i = fx->nfiles; i-- > 0;) {
        chmod(fx->files[i], 0600);
        if (remove(fx->files[i]) != 0 && errno != ENOENT)
            print_error("cannot remove %s: %s\n", fx->files[i], strerror(errno));
        free(fx->files[i]);
    }
    int rc = rmdir(fx->dir);
    if (rc != 0) print_error("cannot remove %s: %s\n", fx->dir, strerror(errno));
    doc_ctx_free(fx->ctx);
    free(fx);
    return rc == 0 ? 0 : -1;
}

/* Path of name inside the fixture directory, remembered for removal. */
static const char *fx_path(struct fixture *fx, const char *name)
{
    assert_true(fx->nfiles < MAX_FILES);
    size_t n = strlen(fx->dir) + 1 + strlen(name) + 1;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", fx->dir, name);
    fx->files[fx->nfiles++] = p;
    return p;
}

/* Write data[0..len) to a new file name in the fixture directory. */
static const char *write_file(struct fixture *fx, const char *name, const char *data, size_t len)
{
    const char *p = fx_path(fx, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (len) assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return p;
}

#define WRITE(fx, name, lit) write_file((fx), (name), (lit), sizeof(lit) - 1)

/* Load path and assert success. */
static struct doc *load_ok(struct doc_ctx *ctx, const char *path, const struct doc_opts *opts)
{
    struct doc *d = NULL;
    enum wd_status st = doc_load(ctx, path, opts, &d);
    if (st != WD_OK) fail_msg("doc_load(%s): %s", path, util_strerror(st));
    assert_non_null(d);
    return d;
}

static struct doc *mem_ok(struct doc_ctx *ctx, const char *name, const char *buf, size_t len)
{
    struct doc *d = NULL;
    enum wd_status st = doc_from_memory(ctx, name, buf, len, NULL, &d);
    if (st != WD_OK) fail_msg("doc_from_memory(%s): %s", name, util_strerror(st));
    assert_non_null(d);
    return d;
}

#define MEM(ctx, lit) mem_ok((ctx), "mem.txt", (lit), sizeof(lit) - 1)

/* Compare the texts of d's sentences with want (NULL-terminated); prints
 * both on mismatch.  Returns true when equal. */
static bool same_sentences(const struct doc *d, const char *const *want)
{
    size_t n, len;
    const struct sentence *s = doc_sentences(d, &n);
    const char *b = doc_bytes(d, &len);
    size_t nwant = 0;
    while (want[nwant])
        nwant++;
    bool same = n == nwant;
    for (size_t i = 0; same && i < n; i++) {
        size_t l = s[i].end - s[i].start;
        same = strlen(want[i]) == l && memcmp(b + s[i].start, want[i], l) == 0;
    }
    if (!same) {
        print_error("%s: got %zu sentences:\n", doc_path(d), n);
        for (size_t i = 0; i < n; i++)
            print_error("    [%zu] \"%.*s\"\n", i, (int)(s[i].end - s[i].start), b + s[i].start);
        print_error("  want %zu:\n", nwant);
        for (size_t i = 0; i < nwant; i++)
            print_error("    [%zu] \"%s\"\n", i, want[i]);
    }
    return same;
}

#define EXPECT_SENTS(d, ...)                                                                       \
    assert_true(same_sentences((d), (const char *const[]){__VA_ARGS__, NULL}))

/* All words of d, sentence by sentence (tokenized through ctx); first[i]
 * is the index of sentence i's first word, first[ns] the total.  The
 * caller frees both arrays. */
static struct word *all_words(const struct doc *d, struct doc_ctx *ctx, size_t *nw,
                              uint32_t **first)
{
    size_t ns, cap = 0;
    (void)doc_sentences(d, &ns);
    struct word *w = NULL;
    *nw = 0;
    *first = malloc((ns + 1) * sizeof **first);
    for (size_t i = 0; i < ns; i++) {
        (*first)[i] = (uint32_t)*nw;
        doc_sentence_words(d, ctx, i, &w, nw, &cap);
    }
    (*first)[ns] = (uint32_t)*nw;
    return w;
}

/* Structural invariants every loaded document must satisfy: sentences in
 * order inside the bytes, their words inside them, and the
 * non-punctuation count equal to doc_word_count(). */
static void check_invariants(const struct doc *d)
{
    size_t ns, nw, len;
    const struct sentence *s = doc_sentences(d, &ns);
    struct doc_ctx *wctx = doc_ctx_new();
    uint32_t *first;
    struct word *w = all_words(d, wctx, &nw, &first);
    const char *b = doc_bytes(d, &len);
    assert_int_equal(b[len], '\0');
    size_t next_word = 0, content = 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_true(s[i].start >= prev_end);
        assert_true(s[i].start < s[i].end);
        assert_true(s[i].end <= len);
        assert_int_equal(first[i], next_word);
        for (uint32_t k = first[i]; k < first[i + 1]; k++) {
            assert_true(w[k].start >= s[i].start);
            assert_true(w[k].end <= s[i].end);
            assert_true(w[k].start < w[k].end);
            if (!(w[k].flags & WORD_PUNCT)) content++;
        }
        next_word = first[i + 1];
        prev_end = s[i].end;
    }
    assert_int_equal(next_word, nw);
    assert_int_equal(content, doc_word_count(d));
    free(w);
    free(first);
    doc_ctx_free(wctx);
}

/* ---- errors ------------------------------------------------------------- */

static void test_missing_and_directory(void **state)
{
    struct fixture *fx = *state;
    struct doc *d = NULL;
    const char *missing = fx_path(fx, "missing.txt");
    assert_int_equal(doc_load(fx->ctx, missing, NULL, &d), WD_ENOENT);
    assert_null(d);

    /* A path through a regular file (ENOTDIR) is "no such file" too. */
    const char *f = WRITE(fx, "plain.txt", "Text.");
    char through[512];
    snprintf(through, sizeof through, "%s/x", f);
    assert_int_equal(doc_load(fx->ctx, through, NULL, &d), WD_ENOENT);

    assert_int_equal(doc_load(fx->ctx, fx->dir, NULL, &d), WD_EISDIR);
    assert_null(d);
}

/* Status of doc_load(path) in a child that gives up root for nobody
 * (65534), or -1 when privileges cannot be dropped. */
static int load_status_unprivileged(struct doc_ctx *ctx, const char *path)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0) _exit(255);
        struct doc *d = NULL;
        enum wd_status st = doc_load(ctx, path, NULL, &d);
        doc_free(d);
        _exit((int)st);
    }
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws));
    return WEXITSTATUS(ws) == 255 ? -1 : WEXITSTATUS(ws);
}

static void test_unreadable(void **state)
{
    struct fixture *fx = *state;
    const char *p = WRITE(fx, "secret.txt", "Secret text.");
    assert_int_equal(chmod(p, 0), 0);
    struct doc *d = NULL;
    if (geteuid() != 0) {
        assert_int_equal(doc_load(fx->ctx, p, NULL, &d), WD_EACCES);
        assert_null(d);
        return;
    }
    /* Root reads anything: check from a child that drops privileges
     * (the directory must be searchable for it), else skip. */
    assert_int_equal(chmod(fx->dir, 0755), 0);
    int st = load_status_unprivileged(fx->ctx, p);
    assert_int_equal(chmod(fx->dir, 0700), 0);
    if (st < 0) skip();
    assert_int_equal(st, WD_EACCES);
}

static void test_binary(void **state)
{
    struct fixture *fx = *state;
    static const char data[] = "Before\0after. Next one.";
    const char *p = WRITE(fx, "bin.dat", data);
    struct doc *d = NULL;
    assert_int_equal(doc_load(fx->ctx, p, NULL, &d), WD_EBINARY);
    assert_null(d);
    struct doc_opts no = {.text = false};
    assert_int_equal(doc_load(fx->ctx, p, &no, &d), WD_EBINARY);
    assert_int_equal(doc_from_memory(fx->ctx, "m", data, sizeof data - 1, NULL, &d), WD_EBINARY);
    assert_null(d);

    struct doc_opts opts = {.text = true};
    d = load_ok(fx->ctx, p, &opts);
    size_t len;
    const char *b = doc_bytes(d, &len);
    assert_int_equal(len, sizeof data - 1);
    assert_memory_equal(b, data, len); /* the NUL is kept as is */
    size_t n;
    const struct sentence *s = doc_sentences(d, &n);
    assert_true(n >= 1);
    assert_true(s[0].start == 0);
    assert_true(s[n - 1].end == len);
    check_invariants(d);
    doc_free(d);

    d = NULL;
    assert_int_equal(doc_from_memory(fx->ctx, "m", data, sizeof data - 1, &opts, &d), WD_OK);
    doc_free(d);
}

static void test_empty(void **state)
{
    struct fixture *fx = *state;
    const char *p = write_file(fx, "empty.txt", "", 0);
    struct doc *d = load_ok(fx->ctx, p, NULL);
    size_t n, len;
    doc_sentences(d, &n);
    assert_int_equal(n, 0);
    const char *b = doc_bytes(d, &len);
    assert_int_equal(len, 0);
    assert_non_null(b);
    assert_int_equal(b[0], '\0');
    assert_int_equal(doc_word_count(d), 0);
    assert_int_equal(doc_invalid_bytes(d), 0);
    assert_string_equal(doc_title(d), "empty.txt");
    assert_string_equal(doc_path(d), p);
    doc_free(d);

    /* Only white space: valid, no sentences. */
    p = WRITE(fx, "blank.txt", " \n\r\n\t \n");
    d = load_ok(fx->ctx, p, NULL);
    doc_sentences(d, &n);
    assert_int_equal(n, 0);
    doc_free(d);

    d = mem_ok(fx->ctx, "m", "", 0);
    doc_sentences(d, &n);
    assert_int_equal(n, 0);
    doc_free(d);
}

/* ---- bytes -------------------------------------------------------------- */

static void test_bom(void **state)
{
    struct fixture *fx = *state;
    static const char data[] = "\xEF\xBB\xBFHello world. Bye.";
    const char *p = WRITE(fx, "bom.txt", data);
    struct doc *d = load_ok(fx->ctx, p, NULL);
    EXPECT_SENTS(d, "Hello world.", "Bye.");
    size_t n, len;
    const struct sentence *s = doc_sentences(d, &n);
    assert_int_equal(s[0].start, 3);
    /* The BOM stays in the bytes but belongs to no word. */
    const char *b = doc_bytes(d, &len);
    assert_int_equal(len, sizeof data - 1);
    assert_memory_equal(b, data, len);
    struct word *w = NULL;
    size_t nw = 0, capw = 0;
    doc_sentence_words(d, fx->ctx, 0, &w, &nw, &capw);
    assert_int_equal(w[0].start, 3);
    assert_int_equal(w[0].end, 8);
    free(w);
    check_invariants(d);

    /* A BOM alone. */
    struct doc *e = MEM(fx->ctx, "\xEF\xBB\xBF");
    doc_sentences(e, &n);
    assert_int_equal(n, 0);
    doc_free(e);

    /* Same ids as the text without a BOM. */
    struct doc *plain = MEM(fx->ctx, "Hello world. Bye.");
    const struct sentence *ps = doc_sentences(plain, &n);
    assert_int_equal(ps[0].id, s[0].id);
    assert_int_equal(ps[1].id, s[1].id);
    doc_free(plain);
    doc_free(d);
}

static void test_line_endings(void **state)
{
    struct fixture *fx = *state;
    static const char lf[] = "Kim visits Russia\nKim arrived. Putin waited.\n\nPhoto: AFP\n";
    static const char crlf[] =
        "Kim visits Russia\r\nKim arrived. Putin waited.\r\n\r\nPhoto: AFP\r\n";
    static const char cr[] = "Kim visits Russia\rKim arrived. Putin waited.\r\rPhoto: AFP\r";
    struct doc *d[3];
    d[0] = load_ok(fx->ctx, WRITE(fx, "lf.txt", lf), NULL);
    d[1] = load_ok(fx->ctx, WRITE(fx, "crlf.txt", crlf), NULL);
    d[2] = load_ok(fx->ctx, WRITE(fx, "cr.txt", cr), NULL);
    size_t n0;
    const struct sentence *s0 = doc_sentences(d[0], &n0);
    for (int k = 0; k < 3; k++) {
        EXPECT_SENTS(d[k], "Kim visits Russia", "Kim arrived.", "Putin waited.", "Photo: AFP");
        size_t n;
        const struct sentence *s = doc_sentences(d[k], &n);
        assert_int_equal(n, n0);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(s[i].id, s0[i].id);
            assert_int_equal(s[i].flags, s0[i].flags);
        }
        assert_int_equal(s[0].flags & SENT_SEG_MASK, SENT_LINE | SENT_START | SENT_END);
        assert_int_equal(s[1].flags & SENT_SEG_MASK, SENT_START);
        assert_int_equal(s[3].flags & SENT_SEG_MASK, SENT_LINE | SENT_START | SENT_END);
        assert_string_equal(doc_title(d[k]), "Kim visits Russia");
        check_invariants(d[k]);
    }
    for (int k = 0; k < 3; k++)
        doc_free(d[k]);
}

static void test_invalid_utf8(void **state)
{
    struct fixture *fx = *state;
    /* \xE9 (Latin-1 é), \xFF, \xFE and a truncated \xC3: 4 bad bytes. */
    static const char data[] = "Caf\xE9 au lait. Bad \xFF\xFE bytes\n\xC3 here.";
    const char *p = WRITE(fx, "latin1.txt", data);
    struct doc *d = load_ok(fx->ctx, p, NULL);
    assert_int_equal(doc_invalid_bytes(d), 4);
    size_t len;
    const char *b = doc_bytes(d, &len);
    assert_int_equal(len, sizeof data - 1);
    assert_memory_equal(b, data, len);
    EXPECT_SENTS(d, "Caf\xE9 au lait.", "Bad \xFF\xFE bytes", "\xC3 here.");

    /* Every bad byte lies in a sentence and in a word. */
    size_t ns, nw;
    const struct sentence *s = doc_sentences(d, &ns);
    uint32_t *first;
    struct word *w = all_words(d, fx->ctx, &nw, &first);
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)b[k];
        if (c < 0x80) continue;
        bool in_sent = false, in_word = false;
        for (size_t i = 0; i < ns; i++)
            in_sent = in_sent || (k >= s[i].start && k < s[i].end);
        for (size_t i = 0; i < nw; i++)
            in_word = in_word || (k >= w[i].start && k < w[i].end);
        assert_true(in_sent);
        assert_true(in_word);
    }
    free(w);
    free(first);
    check_invariants(d);
    doc_free(d);

    /* Valid UTF-8 counts nothing. */
    d = MEM(fx->ctx, "Caf\xC3\xA9 \xE2\x80\x9C"
                     "au\xE2\x80\x9D lait \xF0\x9F\x98\x80.");
    assert_int_equal(doc_invalid_bytes(d), 0);
    doc_free(d);
}

static void test_file_not_modified(void **state)
{
    struct fixture *fx = *state;
    static const char data[] = "\xEF\xBB\xBFTitle line\r\nOne sentence. Two \xFF.\rEnd";
    const char *p = WRITE(fx, "ro.txt", data);
    /* Put mtime in the past so that any write would show up. */
    struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
    struct stat before, after;
    assert_int_equal(stat(p, &before), 0);

    struct doc *d = load_ok(fx->ctx, p, NULL);
    doc_free(d);
    d = load_ok(fx->ctx, p, &(struct doc_opts){.text = true});
    doc_free(d);

    assert_int_equal(stat(p, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
    assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    assert_int_equal(after.st_mode, before.st_mode);
    assert_int_equal(after.st_ino, before.st_ino);

    char buf[sizeof data];
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), sizeof data - 1);
    fclose(f);
    assert_memory_equal(buf, data, sizeof data - 1);

    /* doc_from_memory copies: changing the caller's buffer changes nothing. */
    char mem[] = "Kim spoke. Putin listened.";
    d = mem_ok(fx->ctx, "m", mem, sizeof mem - 1);
    mem[0] = 'X';
    size_t len;
    const char *b = doc_bytes(d, &len);
    assert_int_equal(b[0], 'K');
    assert_true(b != mem);
    doc_free(d);
}

/* doc_opts.map: a mapped file loads as a read one does, ends in a NUL
 * even when it fills its last page, and stays readable after its pages
 * are given back. */
static void test_mapped(void **state)
{
    struct fixture *fx = *state;
    long page = sysconf(_SC_PAGESIZE);
    assert_true(page > 0);
    size_t len = 32 * (size_t)page; /* files under 64 KiB are read, not mapped */
    char *text = xmalloc(len + 1);
    static const char s[] = "Kim met Putin at the port. \"Talks went well,\" an aide said.\n";
    for (size_t i = 0; i < len; i++)
        text[i] = s[i % (sizeof s - 1)];
    text[len - 1] = '.';
    const char *p = write_file(fx, "mapped.txt", text, len);
    struct doc *r = load_ok(fx->ctx, p, NULL);
    struct doc *m = load_ok(fx->ctx, p, &(struct doc_opts){.map = true});
    size_t rl, ml, rn, mn;
    const char *rb = doc_bytes(r, &rl), *mb = doc_bytes(m, &ml);
    assert_int_equal(ml, len);
    assert_int_equal(mb[len], '\0');
    assert_memory_equal(rb, mb, len);
    const struct sentence *rs = doc_sentences(r, &rn), *ms = doc_sentences(m, &mn);
    assert_int_equal(rn, mn);
    assert_true(mn > 50);
    assert_memory_equal(rs, ms, rn * sizeof *rs); /* the same spans and ids */

    struct doc_pass pass;
    doc_pass_begin(&pass, m);
    for (size_t i = 0; i < mn; i++) {
        assert_memory_equal(mb + ms[i].start, text + ms[i].start, ms[i].end - ms[i].start);
        doc_pass_read(&pass, ms[i].start, ms[i].end);
    }
    doc_pass_end(&pass);
    doc_release(m);
    doc_release(r); /* read, not mapped: nothing to give back */
    assert_memory_equal(mb, text, len);
    assert_memory_equal(rb, text, len);
    doc_free(r);
    doc_free(m);

    /* the other outcomes of a load, mapped */
    struct doc *d = NULL;
    p = WRITE(fx, "mapped-binary.bin", "text\0more");
    assert_int_equal(doc_load(fx->ctx, p, &(struct doc_opts){.map = true}, &d), WD_EBINARY);
    assert_null(d);
    p = WRITE(fx, "mapped-empty.txt", "");
    d = load_ok(fx->ctx, p, &(struct doc_opts){.map = true});
    (void)doc_sentences(d, &mn);
    assert_int_equal(mn, 0);
    doc_free(d);
    free(text);
}

/* Resident pages of the process (/proc/self/statm), or -1. */
static long resident_pages(void)
{
    long size = -1, res = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return -1;
    if (fscanf(f, "%ld %ld", &size, &res) != 2) res = -1;
    fclose(f);
    return res;
}

/* Touch every page of b[0, len): a sum the compiler cannot drop. */
static unsigned touch(const char *b, size_t len, long page)
{
    volatile unsigned sum = 0;
    for (size_t i = 0; i < len; i += (size_t)page)
        sum += (unsigned char)b[i];
    return sum;
}

/* doc_release gives a mapped document's pages back; after doc_keep_pages
 * it does not, nor does a pass (the process's resident pages, where
 * /proc tells them). */
static void test_keep_pages(void **state)
{
    struct fixture *fx = *state;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0 || resident_pages() < 0) skip();
    size_t len = 256 * (size_t)page, npages = 256;
    char *text = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        text[i] = i % 61 == 60 ? '\n' : "Officials met at the port. "[i % 27];
    const char *p = write_file(fx, "keep.txt", text, len);
    struct doc *m = load_ok(fx->ctx, p, &(struct doc_opts){.map = true});
    size_t ml, mn;
    const char *mb = doc_bytes(m, &ml);
    const struct sentence *ms = doc_sentences(m, &mn);
    (void)touch(mb, ml, page);
    long before = resident_pages();
    doc_release(m);
    assert_true(resident_pages() <= before - (long)npages / 2); /* given back */
    (void)touch(mb, ml, page);
    doc_keep_pages(m);
    before = resident_pages();
    doc_release(m);
    struct doc_pass pass;
    doc_pass_begin(&pass, m);
    for (size_t i = 0; i < mn; i++)
        doc_pass_read(&pass, ms[i].start, ms[i].end);
    doc_pass_end(&pass);
    assert_true(resident_pages() >= before - (long)npages / 8); /* kept */
    assert_memory_equal(mb, text, len);
    doc_free(m);
    free(text);
}

/* Loading works through a file in chunks cut after line feeds: the
 * sentences and the count of invalid bytes are those of the whole text at
 * once, across many chunk boundaries and whatever ends each line. */
static void test_chunks(void **state)
{
    struct fixture *fx = *state;
    static const char *const pieces[] = {"Kim met Putin at the port. ",
                                         "\"Talks went well,\" an aide said.\n",
                                         "Dr. Lee left.\r\n",
                                         "Caf\xC3\xA9 owners \xFF protested\r",
                                         "A headline without a stop\n",
                                         "\xE2\x80\xA8",
                                         "Prices rose 3.5% in Jan. and Feb. ",
                                         "\xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82\n\n"};
    size_t len = 0, cap = 3 << 20;
    char *text = xmalloc(cap + 64);
    memcpy(text, "\xEF\xBB\xBF", 3);
    len = 3;
    for (size_t k = 0; len < cap; k = (k * 7 + 3) % WD_ARRAY_LEN(pieces)) {
        size_t n = strlen(pieces[k]);
        memcpy(text + len, pieces[k], n);
        len += n;
    }
    const char *p = write_file(fx, "chunks.txt", text, len);
    struct seg_span *whole = NULL;
    size_t nwhole = 0, capw = 0;
    seg_sentences(text, len, 3, &whole, &nwhole, &capw);
    for (int map = 0; map < 2; map++) {
        struct doc *d = load_ok(fx->ctx, p, &(struct doc_opts){.map = map});
        size_t n;
        const struct sentence *se = doc_sentences(d, &n);
        assert_int_equal(n, nwhole);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(se[i].start, whole[i].start);
            assert_int_equal(se[i].end, whole[i].end);
            assert_int_equal(se[i].flags & SENT_SEG_MASK, whole[i].flags);
        }
        assert_int_equal(doc_invalid_bytes(d), text_count_invalid(text, len));
        doc_free(d);
    }
    free(whole);
    free(text);
}

/* ---- interning ---------------------------------------------------------- */

static void test_interning(void **state)
{
    struct fixture *fx = *state;
    const char *pa = WRITE(fx, "a.txt", "Kim\xE2\x80\x99s visit. Talks ended. Putin waited.");
    const char *pb = WRITE(fx, "b.txt", "Talks ended.\nkim's  visit. Putin left.");
    struct doc *a = load_ok(fx->ctx, pa, NULL);
    struct doc *b = load_ok(fx->ctx, pb, NULL);
    size_t na, nb;
    const struct sentence *sa = doc_sentences(a, &na);
    const struct sentence *sb = doc_sentences(b, &nb);
    assert_int_equal(na, 3);
    assert_int_equal(nb, 3);
    /* Same sentence, same id; normalised: curly quote, case, spaces. */
    assert_int_equal(sa[1].id, sb[0].id);
    assert_int_equal(sa[0].id, sb[1].id);
    /* Different sentences, different ids. */
    assert_int_not_equal(sa[0].id, sa[1].id);
    assert_int_not_equal(sa[0].id, sa[2].id);
    assert_int_not_equal(sa[1].id, sa[2].id);
    assert_int_not_equal(sa[2].id, sb[2].id);
    /* Ids are dense: four distinct sentences so far. */
    assert_int_equal(doc_ctx_sentence_count(fx->ctx), 4);
    for (size_t i = 0; i < na; i++)
        assert_true(sa[i].id < 4);

    /* Word ids follow the same key: "Kim’s" and "kim's". */
    size_t nwa, nwb;
    uint32_t *fa, *fb;
    struct word *wa = all_words(a, fx->ctx, &nwa, &fa);
    struct word *wb = all_words(b, fx->ctx, &nwb, &fb);
    assert_int_equal(wa[fa[0]].id, wb[fb[1]].id);
    assert_int_equal(wa[fa[0]].end - wa[fa[0]].start, 7);
    assert_int_equal(wb[fb[1]].end - wb[fb[1]].start, 5);
    /* "Putin" in both, "waited" vs "left" differ. */
    assert_int_equal(wa[fa[2]].id, wb[fb[2]].id);
    assert_int_not_equal(wa[fa[2] + 1].id, wb[fb[2] + 1].id);
    free(wa);
    free(wb);
    free(fa);
    free(fb);

    /* The same file loaded twice: identical ids, no new keys. */
    size_t count = doc_ctx_sentence_count(fx->ctx);
    struct doc *a2 = load_ok(fx->ctx, pa, NULL);
    size_t na2;
    const struct sentence *sa2 = doc_sentences(a2, &na2);
    assert_int_equal(na2, na);
    for (size_t i = 0; i < na; i++)
        assert_int_equal(sa2[i].id, sa[i].id);
    assert_int_equal(doc_ctx_sentence_count(fx->ctx), count);

    /* Punctuation is part of the key: a question differs. */
    struct doc *q = MEM(fx->ctx, "Talks ended?");
    size_t nq;
    const struct sentence *sq = doc_sentences(q, &nq);
    assert_int_not_equal(sq[0].id, sa[1].id);

    check_invariants(a);
    check_invariants(b);
    doc_free(q);
    doc_free(a2);
    doc_free(b);
    doc_free(a);
}

/* intern_hash reads the last bytes of a key with loads inside it, not a
 * byte at a time: the same hashes as the definition (eight bytes at a
 * time, the rest little-endian with zeros above), for every length up to
 * 40 at every offset, each key in an allocation of exactly its size (so
 * that the sanitizer build sees any read past it). */
static uint64_t hash_by_bytes(const unsigned char *p, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xFF51AFD7ED558CCDull);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = 0;
        for (size_t k = 0; k < 8; k++)
            w |= (uint64_t)p[i + k] << (8 * k);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    for (size_t k = 0; i + k < len; k++)
        w |= (uint64_t)p[i + k] << (8 * k);
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 31;
    return h;
}

static void test_intern_hash(void **state)
{
    (void)state;
    unsigned char src[64];
    for (size_t k = 0; k < sizeof src; k++)
        src[k] = (unsigned char)(k * 37 + 11); /* every bit pattern around */
    for (size_t len = 0; len <= 40; len++) {
        for (size_t off = 0; off + len <= sizeof src && off < 16; off++) {
            unsigned char *key = malloc(len ? len : 1);
            assert_non_null(key);
            memcpy(key, src + off, len);
            assert_true(intern_hash(key, len) == hash_by_bytes(key, len));
            free(key);
        }
    }
}

/* ---- token cache ---------------------------------------------------------- */

/* tokens_new_many keys each distinct spelling once, after tokenizing; the
 * ids must be those of keying and interning every token in document order
 * (doc_sentence_words into a fresh table), with TOKEN_PUNCT on exactly the
 * punctuation.  The texts mix spellings of one key (case, curly and
 * straight apostrophes, a ligature, fullwidth letters, composed and
 * decomposed accents) with CJK, punctuation and invalid bytes. */
static void test_tokens_keyed_once(void **state)
{
    struct fixture *fx = *state;
    static const char *const vocab[] = {
        "Kim's",
        "kim\xE2\x80\x99s",
        "KIM'S",
        "\xEF\xAC\x81le",
        "file",
        "\xEF\xBC\xAB",
        "k",
        "caf\xC3\xA9",
        "cafe\xCC\x81",
        "\xE6\x97\xA5",
        "\xFF",
        "U.S.",
        "3.5",
        ",",
        "\xE2\x80\x94",
        "-",
        "1,000",
        "the",
        "The",
        "\xE2\x80\x9CHi\xE2\x80\x9D",
        ".",
        "\n",
    };
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    enum { NDOC = 3 };
    struct doc *d[NDOC];
    uint8_t *sel[NDOC];
    for (size_t k = 0; k < NDOC; k++) {
        char buf[4000];
        size_t len = 0;
        for (size_t w = 0; w < 300; w++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
            const char *v = vocab[x % WD_ARRAY_LEN(vocab)];
            memcpy(buf + len, v, strlen(v));
            len += strlen(v);
            buf[len++] = x % 7 == 0 ? '.' : ' ';
        }
        d[k] = mem_ok(fx->ctx, "t.txt", buf, len);
        size_t ns;
        (void)doc_sentences(d[k], &ns);
        sel[k] = xcalloc(ns + 1, 1);
        for (size_t i = 0; i < ns; i++)
            sel[k][i] = (i + k) % 3 != 0;
    }
    struct tokens *tk[NDOC];
    tokens_new_many((const struct doc *const *)d, NDOC, fx->ctx, (const uint8_t *const *)sel, tk);

    struct doc_ctx *ref = doc_ctx_new(); /* only its word table is used */
    struct word *w = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < NDOC; k++) {
        size_t ns;
        (void)doc_sentences(d[k], &ns);
        for (size_t i = 0; i < ns; i++) {
            size_t nt, nw = 0;
            const uint32_t *ids = tokens_of(tk[k], i, &nt);
            if (sel[k][i]) doc_sentence_words(d[k], ref, i, &w, &nw, &cap);
            assert_int_equal(nt, nw);
            for (size_t j = 0; j < nt; j++) {
                assert_int_equal(ids[j] & ~TOKEN_PUNCT, w[j].id);
                assert_int_equal(!!(ids[j] & TOKEN_PUNCT), !!(w[j].flags & WORD_PUNCT));
            }
        }
        tokens_free(tk[k]);
        free(sel[k]);
    }
    assert_int_equal(intern_count(fx->ctx->words), intern_count(ref->words));
    free(w);
    doc_ctx_free(ref);
    for (size_t k = 0; k < NDOC; k++)
        doc_free(d[k]);
}

/* ---- title and counts --------------------------------------------------- */

static void test_title_and_counts(void **state)
{
    struct fixture *fx = *state;
    const char *p = WRITE(fx, "story.txt",
                          "Kim meets Putin\nKim Jong-un met Putin on Tuesday, officials said. "
                          "They talked for 3.5 hours.\n");
    struct doc *d = load_ok(fx->ctx, p, NULL);
    assert_string_equal(doc_title(d), "Kim meets Putin");
    /* 3 + 8 (Kim Jong-un met Putin on Tuesday officials said) + 5. */
    assert_int_equal(doc_word_count(d), 3 + 8 + 5);
    size_t nw;
    uint32_t *first;
    free(all_words(d, fx->ctx, &nw, &first));
    free(first);
    assert_int_equal(nw, 3 + 8 + 5 + 3); /* , . . */
    check_invariants(d);
    doc_free(d);

    /* First line is a sentence, not a headline: the base name. */
    p = WRITE(fx, "plain.txt", "Kim met Putin. They talked.");
    d = load_ok(fx->ctx, p, NULL);
    assert_string_equal(doc_title(d), "plain.txt");
    assert_int_equal(doc_word_count(d), 5);
    doc_free(d);

    /* doc_from_memory: the name is the path; its base name the title. */
    d = mem_ok(fx->ctx, "dir/sub/name.txt", "No headline here.", 17);
    assert_string_equal(doc_path(d), "dir/sub/name.txt");
    assert_string_equal(doc_title(d), "name.txt");
    doc_free(d);
    d = mem_ok(fx->ctx, "bare", "No headline here.", 17);
    assert_string_equal(doc_title(d), "bare");
    doc_free(d);

    /* Leading blank lines and a BOM before the headline. */
    d = MEM(fx->ctx, "\xEF\xBB\xBF\n\n  Headline \xE2\x80\x94 with dash  \nBody.");
    assert_string_equal(doc_title(d), "Headline \xE2\x80\x94 with dash");
    doc_free(d);

    /* Punctuation only: no words. */
    d = MEM(fx->ctx, "\xE2\x80\x94 ... !");
    assert_int_equal(doc_word_count(d), 0);
    doc_free(d);
}

/* ---- standard input ----------------------------------------------------- */

/* Load "-" with the read end of a pipe as standard input; data[0..len) is
 * written into the pipe first, or by a child when it may exceed the pipe
 * buffer. */
static struct doc *load_stdin(struct doc_ctx *ctx, const char *data, size_t len, bool use_child)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = -1;
    if (use_child) {
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            size_t off = 0;
            while (off < len) {
                ssize_t w = write(fds[1], data + off, len - off);
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) _exit(1);
                off += (size_t)w;
            }
            _exit(0);
        }
    } else {
        assert_int_equal(write(fds[1], data, len), (ssize_t)len);
    }
    close(fds[1]);

    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fds[0], STDIN_FILENO) == STDIN_FILENO);
    close(fds[0]);
    struct doc *d = NULL;
    enum wd_status st = doc_load(ctx, "-", NULL, &d);
    assert_true(dup2(saved, STDIN_FILENO) == STDIN_FILENO);
    close(saved);
    if (use_child) {
        int ws;
        assert_int_equal(waitpid(pid, &ws, 0), pid);
        assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    }
    if (st != WD_OK) fail_msg("doc_load(-): %s", util_strerror(st));
    return d;
}

static void test_stdin(void **state)
{
    struct fixture *fx = *state;
    static const char data[] = "Pipe headline\nFrom a pipe. Second one.";
    struct doc *d = load_stdin(fx->ctx, data, sizeof data - 1, false);
    EXPECT_SENTS(d, "Pipe headline", "From a pipe.", "Second one.");
    assert_string_equal(doc_path(d), "-");
    assert_string_equal(doc_title(d), "Pipe headline");
    size_t len;
    assert_memory_equal(doc_bytes(d, &len), data, sizeof data - 1);
    assert_int_equal(len, sizeof data - 1);
    doc_free(d);

    /* Standard input still works afterwards (it was restored). */
    struct stat st;
    assert_int_equal(fstat(STDIN_FILENO, &st), 0);

    /* Larger than one read and one pipe buffer (300 KB). */
    size_t big_len = 300000;
    char *big = xmalloc(big_len);
    for (size_t i = 0; i < big_len; i++)
        big[i] = (i % 20 == 19) ? ' ' : (i % 20 == 18) ? '.' : (char)('a' + i % 17);
    big[0] = 'A';
    d = load_stdin(fx->ctx, big, big_len, true);
    const char *b = doc_bytes(d, &len);
    assert_int_equal(len, big_len);
    assert_memory_equal(b, big, big_len);
    check_invariants(d);
    doc_free(d);
    free(big);

    /* Empty standard input. */
    d = load_stdin(fx->ctx, "", 0, false);
    size_t n;
    doc_sentences(d, &n);
    assert_int_equal(n, 0);
    doc_free(d);
}

static void test_free_null(void **state)
{
    (void)state;
    doc_free(NULL);
    doc_ctx_free(NULL);
}

/* UTF-16 and UTF-32 with a byte order mark: the document holds the UTF-8
 * text (transcode.h); an invalid unit is U+FFFD; no mark, binary. */
static void test_wide_encodings(void **state)
{
    (void)state;
    static const char le16[] = "\xff\xfeH\0i\0.\0 \0\xc9\0t\0\xe9\0.\0";
    static const char be32[] = "\0\0\xfe\xff\0\0\0H\0\0\0i\0\0\0.\0\x01\xf6\x00";
    static const char lone[] = "\xff\xfeH\0\0\xd8i\0";
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc *d;
    size_t n, len, units;
    assert_int_equal(doc_from_memory(ctx, "le16", le16, sizeof le16 - 1, NULL, &d), WD_OK);
    assert_string_equal(doc_encoding(d, &units), "UTF-16LE");
    assert_int_equal(units, 0);
    assert_string_equal(doc_bytes(d, &len), "Hi. \xc3\x89t\xc3\xa9.");
    doc_sentences(d, &n);
    assert_int_equal(n, 2);
    doc_free(d);
    assert_int_equal(doc_from_memory(ctx, "be32", be32, sizeof be32 - 1, NULL, &d), WD_OK);
    assert_string_equal(doc_encoding(d, &units), "UTF-32BE");
    assert_string_equal(doc_bytes(d, &len), "Hi.\xf0\x9f\x98\x80");
    doc_free(d);
    assert_int_equal(doc_from_memory(ctx, "lone", lone, sizeof lone - 1, NULL, &d), WD_OK);
    assert_string_equal(doc_encoding(d, &units), "UTF-16LE");
    assert_int_equal(units, 1);
    assert_string_equal(doc_bytes(d, &len), "H\xef\xbf\xbdi");
    doc_free(d);
    assert_int_equal(doc_from_memory(ctx, "nobom", le16 + 2, sizeof le16 - 3, NULL, &d),
                     WD_EBINARY);
    static const char utf8bom[] = "\xef\xbb\xbfHi.";
    assert_int_equal(doc_from_memory(ctx, "utf8", utf8bom, sizeof utf8bom - 1, NULL, &d), WD_OK);
    assert_null(doc_encoding(d, &units));
    doc_free(d);
    doc_ctx_free(ctx);
}

#ifdef HAVE_SCHED_GETAFFINITY
static void note_thread(void *arg, size_t i)
{
    pthread_t *seen = arg;
    seen[i] = pthread_self();
}
#endif

/* util_cpus counts the CPUs of the affinity mask (taskset), not the
 * online ones, and with one CPU util_parallel starts no thread: every
 * item runs on the caller's. */
static void test_parallel_one_cpu(void **state)
{
    (void)state;
#ifdef HAVE_SCHED_GETAFFINITY
    cpu_set_t old, one;
    assert_int_equal(sched_getaffinity(0, sizeof old, &old), 0);
    size_t n = util_cpus();
    assert_true(n >= 1 && n <= UTIL_THREADS_MAX && n <= (size_t)CPU_COUNT(&old));
    int cpu = 0;
    while (!CPU_ISSET(cpu, &old))
        cpu++;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
    assert_int_equal(util_cpus(), 1);
    pthread_t seen[64];
    util_parallel(64, note_thread, seen);
    for (size_t i = 0; i < 64; i++)
        assert_true(pthread_equal(seen[i], pthread_self()));
    assert_int_equal(sched_setaffinity(0, sizeof old, &old), 0);
    assert_int_equal(util_cpus(), n);
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_and_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_binary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_endings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_not_modified, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mapped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chunks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_interning, setup, teardown),
        cmocka_unit_test(test_intern_hash),
        cmocka_unit_test(test_parallel_one_cpu),
        cmocka_unit_test_setup_teardown(test_tokens_keyed_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_and_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdin, setup, teardown),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_wide_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
