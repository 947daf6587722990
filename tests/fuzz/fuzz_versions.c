/* fuzz_versions.c - the parsers of versions' outside input: JSON Lines on
 * standard input (jsonl_parse, json-c in the web module), dates and times
 * in file names (versions_time_in_name) and ISO 8601 times from pages'
 * metadata (versions_parse_iso8601).
 *
 * The whole input is JSON Lines.  Checked on success (jsonl.h): every
 * text NUL-terminated at its length without a NUL inside and valid UTF-8,
 * line numbers rising, every metadata string valid UTF-8 without controls
 * and, for the time, one that versions_parse_iso8601 reads; the same
 * input gives the same versions twice.  On failure: no versions, and a
 * message of one printable line that names its line ("line N: ...").
 * Built without json-c, the target checks the refusal.  Then each line,
 * up to 256 bytes, as a file name and as an ISO 8601 time: a time found
 * formats (versions_format_time) to a date of 0000..9999 without fail, a
 * name's time is one of 1900..2999.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "text.h"
#include "util.h"
#include "versions.h"

#include "fuzz.h"

static void check_string(const char *s, bool time)
{
    if (!s) return;
    size_t n = strlen(s);
    FUZZ_CHECK(n > 0 && text_count_invalid(s, n) == 0);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7F);
    int64_t t;
    if (time) FUZZ_CHECK(versions_parse_iso8601(s, &t));
}

static void check_time(const char *s, bool name)
{
    int64_t t;
    char buf[24];
    bool found = name ? versions_time_in_name(s, &t) : versions_parse_iso8601(s, &t);
    if (!found) return;
    versions_format_time(t, buf, sizeof buf);
    FUZZ_CHECK(strlen(buf) == 16 || strlen(buf) == 19);
    /* 1900-01-01 .. 2999-12-31 23:59:59 */
    if (name) FUZZ_CHECK(t >= -2208988800LL && t <= 32503679999LL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    struct jsonl_version *v, *w;
    size_t n, m;
    char err[SOURCE_ERR_MAX] = "";
    if (jsonl_parse(in, size, &v, &n, err)) {
        for (size_t i = 0; i < n; i++) {
            FUZZ_CHECK(v[i].text && v[i].text[v[i].len] == '\0');
            FUZZ_CHECK(strlen(v[i].text) == v[i].len);
            FUZZ_CHECK(text_count_invalid(v[i].text, v[i].len) == 0);
            FUZZ_CHECK(v[i].line >= 1 && (i == 0 || v[i].line > v[i - 1].line));
            FUZZ_CHECK(!v[i].meta.page);
            check_string(v[i].meta.headline, false);
            check_string(v[i].meta.url, false);
            check_string(v[i].meta.modified, true);
        }
        char err2[SOURCE_ERR_MAX] = "";
        FUZZ_CHECK(jsonl_parse(in, size, &w, &m, err2) && m == n);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(w[i].len == v[i].len && memcmp(w[i].text, v[i].text, v[i].len) == 0);
        jsonl_free(w, m);
        jsonl_free(v, n);
    } else {
        FUZZ_CHECK(v == NULL && n == 0);
        FUZZ_CHECK(err[0] != '\0' && strlen(err) < SOURCE_ERR_MAX);
        for (const char *p = err; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
        FUZZ_CHECK(!jsonl_supported() || strncmp(err, "line ", 5) == 0);
    }

    for (size_t at = 0; at < size;) {
        const char *nl = memchr(in + at, '\n', size - at);
        size_t end = nl ? (size_t)(nl - in) : size;
        char *line = xstrndup(in + at, WD_MIN(end - at, (size_t)256)); /* up to a NUL */
        check_time(line, true);
        check_time(line, false);
        free(line);
        at = end + 1;
    }
    return 0;
}
