/* fuzz_overlap_jsonl.c - documents as JSON Lines (--overlap --jsonl):
 * jsonl_docs_parse (json-c, in the web module), then, for small inputs,
 * the whole mode: overlap_jsonl_read (pages extracted), the corpus and
 * export_overlap_jsonl.
 *
 * Checked on success (jsonl.h): every id non-empty, valid UTF-8 without
 * a NUL, an integer's digits when it was one; every text NUL-terminated
 * at its length without a NUL inside and valid UTF-8; line numbers
 * rising.  On failure: no documents, and a message of one printable line
 * that names its line ("line N: ...").  Built without json-c, the target
 * checks the refusal.  The mode: a read that fails says why in a line; one
 * that succeeds gives one output line a pair and one a document, valid
 * UTF-8, each a JSON object.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "export_overlap.h"
#include "jsonl.h"
#include "overlap_jsonl.h"
#include "text.h"
#include "util.h"

#include "fuzz.h"

static void check_message(const char *err)
{
    FUZZ_CHECK(err[0] != '\0' && strlen(err) < SOURCE_ERR_MAX);
    for (const char *p = err; *p; p++)
        FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
}

/* The mode on data: documents, corpus, JSON Lines out. */
static void whole_mode(const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return;
    struct doc_ctx *ctx = doc_ctx_new();
    struct doc_opts o = {.text = false};
    struct overlap_input in;
    char err[SOURCE_ERR_MAX] = "";
    if (overlap_jsonl_read(ctx, &o, f, &in, err) == WD_OK) {
        doc_ctx_seal(ctx);
        struct corpus *c = corpus_new(ctx, in.docs, in.n);
        char *buf = NULL;
        size_t len = 0, np;
        FILE *out = open_memstream(&buf, &len);
        FUZZ_CHECK(out != NULL);
        FUZZ_CHECK(export_overlap_jsonl(out, c, (const struct doc *const *)in.docs, in.id_number) ==
                   WD_OK);
        fclose(out);
        (void)corpus_pairs(c, &np);
        size_t lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += buf[i] == '\n';
        FUZZ_CHECK(lines == np + in.n);
        FUZZ_CHECK(text_count_invalid(buf, len) == 0);
        for (size_t at = 0; at < len;) {
            const char *nl = memchr(buf + at, '\n', len - at);
            FUZZ_CHECK(nl && buf[at] == '{' && nl[-1] == '}');
            at = (size_t)(nl - buf) + 1;
        }
        free(buf);
        corpus_free(c);
        overlap_input_free(&in);
    } else {
        check_message(err);
    }
    doc_ctx_free(ctx);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    struct jsonl_doc *d;
    size_t n;
    char err[SOURCE_ERR_MAX] = "";
    if (jsonl_docs_parse(in, size, &d, &n, err)) {
        for (size_t i = 0; i < n; i++) {
            size_t il = strlen(d[i].id);
            FUZZ_CHECK(il > 0 && text_count_invalid(d[i].id, il) == 0);
            if (d[i].id_number)
                for (size_t k = 0; k < il; k++)
                    FUZZ_CHECK((d[i].id[k] >= '0' && d[i].id[k] <= '9') ||
                               (k == 0 && d[i].id[k] == '-'));
            FUZZ_CHECK(d[i].text && d[i].text[d[i].len] == '\0');
            FUZZ_CHECK(strlen(d[i].text) == d[i].len);
            FUZZ_CHECK(text_count_invalid(d[i].text, d[i].len) == 0);
            FUZZ_CHECK(d[i].line >= 1 && (i == 0 || d[i].line > d[i - 1].line));
        }
        jsonl_docs_free(d, n);
    } else {
        FUZZ_CHECK(d == NULL && n == 0);
        check_message(err);
        FUZZ_CHECK(!jsonl_supported() || strncmp(err, "line ", 5) == 0);
    }
    if (size > 0 && size <= 8192) whole_mode(data, size);
    return 0;
}
