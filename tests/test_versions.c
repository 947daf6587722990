/* The order of versions (versions.h): dates and times in file names, ISO
 * 8601 from metadata, the rules of --order and of a folder. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "gitlog.h"
#include "jsonl.h"
#include "versions.h"

/* 2026-11-23 00:00 UTC */
#define DAY 1795392000LL

static int64_t name_time(const char *name)
{
    int64_t t = -1;
    if (!versions_time_in_name(name, &t)) return -1;
    return t;
}

static void test_names(void **state)
{
    (void)state;
    const int64_t t1710 = DAY + 17 * 3600 + 10 * 60;
    /* the forms of the issue, and the usual others */
    assert_int_equal(name_time("story-2026-11-23T1710.html"), t1710);
    assert_int_equal(name_time("story-2026-11-23T17:10.html"), t1710);
    assert_int_equal(name_time("2026-11-23_17-10.txt"), t1710);
    assert_int_equal(name_time("20261123T171000.txt"), t1710);
    assert_int_equal(name_time("20261123-1710.txt"), t1710);
    assert_int_equal(name_time("20261123_171000.txt"), t1710);
    assert_int_equal(name_time("202611231710.txt"), t1710);
    assert_int_equal(name_time("snap 2026-11-23 17.10.txt"), t1710);
    assert_int_equal(name_time("snap 2026.11.23 17h10"), t1710);
    assert_int_equal(name_time("page_2026_11_23t1710.html"), t1710);
    assert_int_equal(name_time("2026-11-23T17:10:05Z.html"), t1710 + 5);
    assert_int_equal(name_time("2026-11-23T17:10:05.250Z.html"), t1710 + 5);
    assert_int_equal(name_time("20261123T171005"), t1710 + 5);
    /* a date alone is midnight; a time that does not parse leaves it */
    assert_int_equal(name_time("v-2026-11-23.txt"), DAY);
    assert_int_equal(name_time("20261123.txt"), DAY);
    assert_int_equal(name_time("2026-11-23-v2.txt"), DAY);
    assert_int_equal(name_time("2026-11-23T25:10.txt"), DAY); /* no 25 o'clock */
    assert_int_equal(name_time("2026-11-23_1.txt"), DAY);
    /* only the last path component counts */
    assert_int_equal(name_time("/srv/2025-01-01/copy-2026-11-23.txt"), DAY);
    assert_int_equal(name_time("/srv/2025-01-01/copy.txt"), -1);
    /* the first date of the name wins; a non-date before it is skipped */
    assert_int_equal(name_time("id-12345-2026-11-23T1710-2027-01-01.txt"), t1710);
    /* not dates */
    assert_int_equal(name_time("story.txt"), -1);
    assert_int_equal(name_time(""), -1);
    assert_int_equal(name_time("120261123.txt"), -1);  /* digits run on */
    assert_int_equal(name_time("2026112300.txt"), -1); /* ten digits: an id */
    assert_int_equal(name_time("2026-13-01.txt"), -1); /* month 13 */
    assert_int_equal(name_time("2026-02-29.txt"), -1); /* not a leap year */
    assert_int_equal(name_time("2026-11/23.txt"), -1); /* mixed separators */
    assert_int_equal(name_time("2026-1123.txt"), -1);  /* one separator */
    assert_int_equal(name_time("1850-01-01.txt"), -1); /* before 1900 */
    assert_int_equal(name_time("2026-11-2"), -1);      /* cut short */
    assert_true(name_time("2024-02-29.txt") > 0);      /* a leap year */
    assert_int_equal(name_time("1970-01-01T0000"), 0);
}

static int64_t iso(const char *s)
{
    int64_t t = -1;
    if (!versions_parse_iso8601(s, &t)) return -1;
    return t;
}

static void test_iso8601(void **state)
{
    (void)state;
    const int64_t t1710 = DAY + 17 * 3600 + 10 * 60;
    assert_int_equal(iso("2026-11-23T17:10:00Z"), t1710);
    assert_int_equal(iso("2026-11-23T17:10Z"), t1710);
    assert_int_equal(iso("2026-11-23T17:10:00"), t1710);
    assert_int_equal(iso(" 2026-11-23 17:10:00\n"), t1710);
    assert_int_equal(iso("2026-11-23T18:10:00+01:00"), t1710);
    assert_int_equal(iso("2026-11-23T12:10:00.123-0500"), t1710);
    assert_int_equal(iso("2026-11-23T19:10:00+02"), t1710);
    assert_int_equal(iso("20261123T171000Z"), t1710);
    assert_int_equal(iso("2026-11-24T01:10:00+08:00"), t1710);
    assert_int_equal(iso("2026-11-23"), DAY);
    assert_int_equal(iso("2026-11-23T00:00:60Z"), DAY + 60); /* a leap second */
    assert_int_equal(iso(""), -1);
    assert_int_equal(iso("yesterday"), -1);
    assert_int_equal(iso("2026-11-23T17"), -1);
    assert_int_equal(iso("2026-11-23T17:10:00 GMT"), -1);
    assert_int_equal(iso("2026-11-23T17:10:00+25:00"), -1);
    assert_int_equal(iso("2026-11-31"), -1);
    assert_int_equal(iso("2026-11-23x"), -1);
    assert_int_equal(iso("November 23, 2026"), -1);
    assert_true(iso("0001-01-01") < 0 && iso("0001-01-01") != -1);
}

static void test_format(void **state)
{
    (void)state;
    char buf[24];
    assert_string_equal(versions_format_time(DAY + 17 * 3600 + 600, buf, sizeof buf),
                        "2026-11-23 17:10");
    assert_string_equal(versions_format_time(DAY + 17 * 3600 + 605, buf, sizeof buf),
                        "2026-11-23 17:10:05");
    assert_string_equal(versions_format_time(0, buf, sizeof buf), "1970-01-01 00:00");
    assert_string_equal(versions_format_time(-1, buf, sizeof buf), "1969-12-31 23:59:59");
    assert_string_equal(versions_format_time(INT64_MAX, buf, sizeof buf), "9999-12-31 23:59:59");
    assert_string_equal(versions_format_time(INT64_MIN, buf, sizeof buf), "0000-01-01 00:00");
    /* round trip through both parsers */
    int64_t t;
    assert_true(versions_parse_iso8601("2024-02-29T23:59:59Z", &t));
    assert_string_equal(versions_format_time(t, buf, sizeof buf), "2024-02-29 23:59:59");
}

static void check_perm(const size_t *perm, const size_t *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        assert_int_equal(perm[i], want[i]);
}

static void test_order(void **state)
{
    (void)state;
    enum versions_order o;
    assert_true(versions_parse_order("args", &o) && o == VERSIONS_ARGS);
    assert_true(versions_parse_order("name", &o) && o == VERSIONS_NAME);
    assert_true(versions_parse_order("mtime", &o) && o == VERSIONS_MTIME);
    assert_true(versions_parse_order("meta", &o) && o == VERSIONS_META);
    assert_false(versions_parse_order("time", &o));
    assert_false(versions_parse_order("", &o));
    assert_string_equal(versions_order_name(VERSIONS_MTIME), "mtime");

    /* names out of order, mtimes in another order, metadata in a third */
    const struct versions_item v[4] = {
        {"d/b-2026-11-23T1200.html", 400, "2026-11-23T13:00:00+01:00"},
        {"d/c-2026-11-23T0900.html", 100, "2026-11-23T10:00:00Z"},
        {"d/a-2026-11-23T1800.html", 300, "2026-11-23T11:00:00Z"},
        {"d/d-2026-11-22T2300.html", 200, "2026-11-23T09:00:00Z"},
    };
    size_t perm[4];
    int64_t times[4];
    char err[VERSIONS_ERR_MAX];
    enum versions_order used;

    assert_int_equal(versions_sort(v, 4, VERSIONS_AUTO, false, perm, &used, times, err), WD_OK);
    assert_int_equal(used, VERSIONS_ARGS);
    check_perm(perm, (const size_t[]){0, 1, 2, 3}, 4);
    assert_int_equal(times[2], 0);

    assert_int_equal(versions_sort(v, 4, VERSIONS_AUTO, true, perm, &used, times, err), WD_OK);
    assert_int_equal(used, VERSIONS_META);
    check_perm(perm, (const size_t[]){3, 1, 2, 0}, 4); /* 13:00+01:00 is 12:00 UTC */
    assert_int_equal(times[3], DAY + 12 * 3600);

    assert_int_equal(versions_sort(v, 4, VERSIONS_NAME, false, perm, &used, times, err), WD_OK);
    assert_int_equal(used, VERSIONS_NAME);
    check_perm(perm, (const size_t[]){3, 1, 0, 2}, 4);
    assert_int_equal(times[0], DAY - 3600);

    assert_int_equal(versions_sort(v, 4, VERSIONS_MTIME, true, perm, &used, NULL, err), WD_OK);
    check_perm(perm, (const size_t[]){1, 3, 2, 0}, 4);

    /* a folder without metadata times: by name; without those, by mtime */
    struct versions_item w[4];
    memcpy(w, v, sizeof w);
    w[2].meta_time = NULL;
    assert_int_equal(versions_sort(w, 4, VERSIONS_AUTO, true, perm, &used, NULL, err), WD_OK);
    assert_int_equal(used, VERSIONS_NAME);
    w[2].path = "d/latest.html";
    assert_int_equal(versions_sort(w, 4, VERSIONS_AUTO, true, perm, &used, times, err), WD_OK);
    assert_int_equal(used, VERSIONS_MTIME);
    check_perm(perm, (const size_t[]){1, 3, 2, 0}, 4);
    /* an explicit order without a time for every version: the name said */
    assert_int_equal(versions_sort(w, 4, VERSIONS_NAME, false, perm, &used, NULL, err), WD_EUSAGE);
    assert_string_equal(err, "d/latest.html: no date and time in its name");
    assert_int_equal(versions_sort(w, 4, VERSIONS_META, true, perm, &used, NULL, err), WD_EUSAGE);
    assert_string_equal(err, "d/latest.html: no publication or modification time in its metadata");
    /* an unreadable metadata time counts as none; names are escaped */
    w[0].meta_time = "last Tuesday";
    w[0].path = "d/\x1b[31mred";
    assert_int_equal(versions_sort(w, 4, VERSIONS_META, true, perm, &used, NULL, err), WD_EUSAGE);
    assert_string_equal(err, "d/\\x1b[31mred: no publication or modification time in its metadata");

    /* all metadata times equal (a published date every version shares): by name */
    struct versions_item e[3] = {
        {"x-2026-11-23T1000", 3, "2026-11-23"},
        {"x-2026-11-23T0900", 2, "2026-11-23"},
        {"x-2026-11-23T1100", 1, "2026-11-23"},
    };
    assert_int_equal(versions_sort(e, 3, VERSIONS_AUTO, true, perm, &used, NULL, err), WD_OK);
    assert_int_equal(used, VERSIONS_NAME);
    check_perm(perm, (const size_t[]){1, 0, 2}, 3);
    /* ties keep the order given */
    assert_int_equal(versions_sort(e, 3, VERSIONS_META, true, perm, &used, NULL, err), WD_OK);
    check_perm(perm, (const size_t[]){0, 1, 2}, 3);
    /* mtimes in seconds, rounded down, before 1970 too */
    e[0].mtime_ns = -1;
    e[1].mtime_ns = 1999999999;
    assert_int_equal(versions_sort(e, 3, VERSIONS_MTIME, true, perm, &used, times, err), WD_OK);
    check_perm(perm, (const size_t[]){0, 2, 1}, 3);
    assert_int_equal(times[0], -1);
    assert_int_equal(times[1], 0);
    assert_int_equal(times[2], 1);
}

/* ---- JSON Lines ---------------------------------------------------------------- */

/* The message of parsing s, or "" when it parses. */
static const char *jsonl_err(const char *s)
{
    static char err[SOURCE_ERR_MAX];
    struct jsonl_version *v;
    size_t n;
    if (jsonl_parse(s, strlen(s), &v, &n, err)) {
        jsonl_free(v, n);
        return "";
    }
    assert_null(v);
    assert_int_equal(n, 0);
    assert_null(strchr(err, '\n'));
    return err;
}

static void test_jsonl(void **state)
{
    (void)state;
    if (!jsonl_supported()) {
        assert_true(strstr(jsonl_err("{\"text\": \"a\"}\n"), "json-c") != NULL);
        skip();
    }
    const char *in =
        "{\"time\": \"2026-11-23T17:10:00+01:00\", \"url\": \"https://example.com/a\", "
        "\"title\": \"Storm\\tcloses  schools\", \"text\": \"Storm closes schools\\nSnow "
        "fell.\\n\"}\n"
        "\n"
        "   \r\n"
        "{\"text\": \"Snow fell all night.\", \"time\": 1795396200, \"title\": null, "
        "\"extra\": [1, {\"x\": 2}]}\r\n"
        "  {\"text\": \"caf\\u00e9 \u00e9t\u00e9\", \"time\": 1795396200.75}  ";
    struct jsonl_version *v;
    size_t n;
    char err[SOURCE_ERR_MAX];
    assert_true(jsonl_parse(in, strlen(in), &v, &n, err));
    assert_int_equal(n, 3);
    assert_string_equal(v[0].text, "Storm closes schools\nSnow fell.\n");
    assert_int_equal(v[0].len, strlen(v[0].text));
    assert_string_equal(v[0].meta.headline, "Storm closes schools"); /* cleaned */
    assert_string_equal(v[0].meta.url, "https://example.com/a");
    assert_string_equal(v[0].meta.modified, "2026-11-23T17:10:00+01:00");
    assert_false(v[0].meta.page);
    assert_int_equal(v[0].line, 1);
    assert_int_equal(v[1].line, 4);
    assert_null(v[1].meta.headline);
    assert_null(v[1].meta.url);
    assert_string_equal(v[1].meta.modified, "2026-11-23T01:10:00Z");
    assert_int_equal(v[2].line, 5);
    assert_string_equal(v[2].text, "caf\u00e9 \u00e9t\u00e9");
    assert_string_equal(v[2].meta.modified, "2026-11-23T01:10:00Z");
    jsonl_free(v, n);

    /* nothing at all: no versions, no error (the caller counts them) */
    assert_true(jsonl_parse("", 0, &v, &n, err));
    assert_int_equal(n, 0);
    jsonl_free(v, n);
    assert_string_equal(jsonl_err("\n\n  \n"), "");

    /* malformed: the line named */
    assert_string_equal(jsonl_err("{\"text\": \"a\"}\n{\"text\": \"b\"\n"),
                        "line 2: the JSON value is cut short");
    assert_string_equal(jsonl_err("{\"text\": \"a\"}\n\n[1, 2]\n"), "line 3: not a JSON object");
    assert_string_equal(jsonl_err("{\"title\": \"a\"}"), "line 1: no \"text\" string");
    assert_string_equal(jsonl_err("{\"text\": 5}"), "line 1: no \"text\" string");
    assert_true(strncmp(jsonl_err("{\"text\": \"a\"} {\"text\": \"b\"}"), "line 1: ", 8) == 0);
    assert_true(strncmp(jsonl_err("{\"text\": \"a\"} x"), "line 1: ", 8) == 0);
    assert_string_equal(jsonl_err("{\"text\": \"a\", \"title\": 3}"),
                        "line 1: \"title\" is not a string");
    assert_string_equal(jsonl_err("{\"text\": \"a\", \"url\": {}}"),
                        "line 1: \"url\" is not a string");
    assert_string_equal(jsonl_err("{\"text\": \"a\", \"time\": \"yesterday\"}"),
                        "line 1: \"time\" is not an ISO 8601 date and time (2026-11-23T17:10:00Z)");
    assert_string_equal(jsonl_err("{\"text\": \"a\", \"time\": 1e300}"),
                        "line 1: \"time\" is out of range");
    assert_string_equal(jsonl_err("{\"text\": \"a\\u0000b\"}"),
                        "line 1: \"text\" holds a NUL character");
    assert_string_equal(jsonl_err("{\"text\": \"a\"}\n{\"text\": \"\xff\"}"),
                        "line 2: not valid UTF-8");
    /* a surrogate, raw (json-c's own check lets it through) or escaped */
    assert_string_equal(jsonl_err("{\"text\": \"\xed\xa0\x80\"}"), "line 1: not valid UTF-8");
    /* an escaped lone surrogate is U+FFFD, as json-c decodes it */
    const char *lone = "{\"text\": \"\\ud800\"}";
    assert_true(jsonl_parse(lone, strlen(lone), &v, &n, err));
    assert_string_equal(v[0].text, "\xef\xbf\xbd");
    jsonl_free(v, n);
    assert_string_equal(jsonl_err("{\"text\": \"\\ud83d\\ude00\"}"), ""); /* a pair is fine */
    assert_true(strncmp(jsonl_err("{'text': 'a'}"), "line 1: ", 8) == 0);
    assert_true(strncmp(jsonl_err("{\"text\": \"a\",}"), "line 1: ", 8) == 0); /* strict */
    assert_true(strncmp(jsonl_err("text"), "line 1: ", 8) == 0);
    /* nesting past JSONL_DEPTH */
    char deep[256] = "{\"text\": \"a\", \"x\": ";
    for (int i = 0; i < 40; i++)
        strcat(deep, "[");
    assert_true(strncmp(jsonl_err(deep), "line 1: ", 8) == 0);
}

/* ---- --git on a repository made here ---------------------------------------- */

static char tmp[256];

static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* Commit what is staged in repo at an hour of 2026-11-23 (UTC). */
#define COMMIT(hour, msg)                                                                          \
    sh("cd %s/repo && GIT_AUTHOR_DATE=2026-11-23T%02d:00:00Z "                                     \
       "GIT_COMMITTER_DATE=2026-11-23T%02d:00:00+01:00 git commit -q -m '%s'",                     \
       tmp, hour, hour, msg)

static enum wd_status versions_of(const char *rel, struct gitlog_version **v, size_t *n, char *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    return gitlog_versions(path, v, n, err);
}

/* The body under the lede: enough for git to see a rename with an edit. */
#define LINES_TEXT                                                                                 \
    "Buses will not run until Wednesday.\n"                                                        \
    "Officials expect ten inches of snow by evening.\n"                                            \
    "The airport cancelled forty flights on Sunday night.\n"
#define LINES                                                                                      \
    "Buses will not run until Wednesday.\\n"                                                       \
    "Officials expect ten inches of snow by evening.\\n"                                           \
    "The airport cancelled forty flights on Sunday night.\\n"

static void test_git(void **state)
{
    (void)state;
    if (system("git --version >/dev/null 2>&1") != 0) skip();
    snprintf(tmp, sizeof tmp, "%s/wd-gitlog-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(tmp));
    /* no user or system configuration, no repository above tmp */
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    setenv("GIT_CEILING_DIRECTORIES", tmp, 1);
    assert_int_equal(sh("cd %s && git init -q repo && cd repo && git config user.name 'Ann Writer'"
                        " && git config user.email ann@example.org && mkdir -p desk news",
                        tmp),
                     0);
    /* three versions, the last two after a rename into news/ */
    assert_int_equal(sh("cd %s/repo && printf 'Snow closed schools.\\n" LINES
                        "' > desk/draft.txt && "
                        "git add desk/draft.txt",
                        tmp),
                     0);
    assert_int_equal(COMMIT(9, "first draft"), 0);
    assert_int_equal(sh("cd %s/repo && git mv desk/draft.txt news/story.txt && printf 'Snow "
                        "closed every school.\\n" LINES "' > news/story.txt && git add -A",
                        tmp),
                     0);
    assert_int_equal(COMMIT(10, "lede: every school"), 0);
    assert_int_equal(sh("cd %s/repo && printf 'Snow closed every school on Monday.\\n" LINES "' > "
                        "news/story.txt && echo other > news/other.txt && git add -A",
                        tmp),
                     0);
    assert_int_equal(COMMIT(11, "add the day"), 0);

    struct gitlog_version *v;
    size_t n;
    char err[GITLOG_ERR_MAX];
    assert_int_equal(versions_of("repo/news/story.txt", &v, &n, err), WD_OK);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].subject, "first draft");
    assert_string_equal(v[0].path, "desk/draft.txt");
    assert_string_equal(v[0].text, "Snow closed schools.\n" LINES_TEXT);
    assert_int_equal(v[0].len, strlen(v[0].text));
    assert_string_equal(v[1].subject, "lede: every school");
    assert_string_equal(v[1].path, "news/story.txt");
    assert_string_equal(v[2].text, "Snow closed every school on Monday.\n" LINES_TEXT);
    assert_string_equal(v[2].author, "Ann Writer");
    assert_int_equal(v[2].time, DAY + 10 * 3600); /* 11:00+01:00 */
    assert_string_equal(v[2].time_iso, "2026-11-23T11:00:00+01:00");
    assert_int_equal(strlen(v[2].rev), 40);
    assert_true(v[0].time < v[1].time && v[1].time < v[2].time);
    gitlog_free(v, n);

    /* from inside the repository, by a relative name: the same */
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmp), 0);
    assert_int_equal(gitlog_versions("repo/news/story.txt", &v, &n, err), WD_OK);
    assert_int_equal(n, 3);
    gitlog_free(v, n);
    assert_int_equal(chdir(cwd), 0);

    /* one commit */
    assert_int_equal(versions_of("repo/news/other.txt", &v, &n, err), WD_EUSAGE);
    assert_null(v);
    assert_int_equal(n, 0);
    assert_true(strstr(err, "/repo/news/other.txt: only one committed version") != NULL);

    /* a name git would take for a pattern; a deletion and a return */
    assert_int_equal(sh("cd %s/repo && echo one > 'a*.txt' && echo 'x' > ab.txt && "
                        "git add -A",
                        tmp),
                     0);
    assert_int_equal(COMMIT(12, "star one"), 0);
    assert_int_equal(sh("cd %s/repo && git rm -q 'a*.txt'", tmp), 0);
    assert_int_equal(COMMIT(13, "gone"), 0);
    assert_int_equal(
        sh("cd %s/repo && echo two > 'a*.txt' && echo 'y' > ab.txt && git add -A", tmp), 0);
    assert_int_equal(COMMIT(14, "star back"), 0);
    assert_int_equal(versions_of("repo/a*.txt", &v, &n, err), WD_OK);
    assert_int_equal(n, 2); /* the deletion is no version */
    assert_string_equal(v[0].text, "one\n");
    assert_string_equal(v[1].text, "two\n");
    assert_string_equal(v[1].subject, "star back");
    gitlog_free(v, n);

    /* untracked, staged but never committed, missing, a folder, outside */
    assert_int_equal(sh("cd %s/repo && echo new > new.txt && echo staged > staged.txt && "
                        "git add staged.txt && echo out > ../outside.txt",
                        tmp),
                     0);
    assert_int_equal(versions_of("repo/new.txt", &v, &n, err), WD_EUSAGE);
    assert_true(strstr(err, "/repo/new.txt: not tracked by git") != NULL);
    assert_int_equal(versions_of("repo/staged.txt", &v, &n, err), WD_EUSAGE);
    assert_true(strstr(err, "/repo/staged.txt: no committed version") != NULL);
    assert_int_equal(versions_of("repo/none.txt", &v, &n, err), WD_ENOENT);
    assert_true(strstr(err, "/repo/none.txt: ") != NULL);
    assert_int_equal(versions_of("repo/news", &v, &n, err), WD_EISDIR);
    assert_int_equal(versions_of("outside.txt", &v, &n, err), WD_EUSAGE);
    assert_true(strstr(err, "/outside.txt: not in a git work tree") != NULL);
    assert_null(strchr(err, '\n'));

    /* no git on PATH */
    char *path = strdup(getenv("PATH"));
    setenv("PATH", "/nonexistent", 1);
    assert_int_equal(versions_of("repo/news/story.txt", &v, &n, err), WD_ENOENT);
    assert_true(strstr(err, "git, which is not installed") != NULL);
    setenv("PATH", path, 1);
    free(path);

    assert_int_equal(sh("rm -rf '%s'", tmp), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names), cmocka_unit_test(test_iso8601), cmocka_unit_test(test_format),
        cmocka_unit_test(test_order), cmocka_unit_test(test_jsonl),   cmocka_unit_test(test_git),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
