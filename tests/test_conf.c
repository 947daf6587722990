/* test_conf.c - unit tests for what wirediff reads besides articles: the
 * config file (src/conf.c), git's external diff call (src/gitdiff.c), two
 * folders paired by relative path (src/dirpair.c), and the format a file
 * name asks for (export_format_of_path). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf.h"
#include "dirpair.h"
#include "export.h"
#include "gitdiff.h"
#include "util.h"

/* ---- the config file -------------------------------------------------------- */

static void parse(const char *text, struct conf *c, struct conf_diags *dg)
{
    conf_init(c);
    dg->n = 0;
    conf_parse(text, strlen(text), c, dg);
}

static void test_conf_good(void **state)
{
    (void)state;
    struct conf c;
    struct conf_diags dg;
    parse("# settings\n"
          "width = 120\n"
          "  fold=yes  \r\n"
          "fold-min = 4\n"
          "words = Off\n"
          "digest = no\n"
          "; another comment\n"
          "\n"
          "pager = less -RS\n"
          "color = never\n"
          "theme = light\n"
          "export = markdown\n"
          "timestamp_format = \"%Y-%m-%d %H:%M\"\n"
          "[colors]\n"
          "common = 94\n"
          "Deleted-Word = bold white on red\n",
          &c, &dg);
    assert_int_equal(dg.n, 0);
    assert_int_equal(c.width, 120);
    assert_int_equal(c.fold, 1);
    assert_int_equal(c.fold_min, 4);
    assert_int_equal(c.words, 0);
    assert_int_equal(c.digest, 0);
    assert_true(c.has_pager);
    assert_string_equal(c.pager, "less -RS");
    assert_int_equal(c.color, CONF_COLOR_NEVER);
    assert_int_equal(c.theme, CONF_THEME_LIGHT);
    assert_int_equal(c.format, EXPORT_MD);
    assert_string_equal(c.timestamp_format, "%Y-%m-%d %H:%M");
    assert_true(c.has_face[LA_COMMON]);
    assert_int_equal(c.face[LA_COMMON].fg, 94);
    assert_true(c.has_face[LA_DEL]);
    assert_int_equal(c.face[LA_DEL].bg, 1);
    assert_false(c.has_face[LA_INS]);
    conf_free(&c);

    /* comments after a value; a '#' that is no comment; quotes */
    parse("width = 90   # wide enough\n"
          "pager = less -R ; a comment too\n"
          "timestamp-format = \"%H # %M\"  # quoted, then a comment\n"
          "[colors]   # the faces\n"
          "common = #d7af00 ul #\n"
          "match = \"bold\" trailing\n"
          "label = \"bold\n",
          &c, &dg);
    assert_int_equal(c.width, 90);
    assert_string_equal(c.pager, "less -R");
    assert_string_equal(c.timestamp_format, "%H # %M");
    assert_int_equal(c.face[LA_COMMON].fg, 178);
    assert_int_equal(c.face[LA_COMMON].attr, THEME_UNDERLINE);
    assert_int_equal(dg.n, 2);
    assert_int_equal(dg.d[0].line, 6);
    assert_non_null(strstr(dg.d[0].msg, "text after a quoted value"));
    assert_non_null(strstr(dg.d[1].msg, "without its closing quote"));
    conf_free(&c);

    /* an empty pager is no pager; git's color values */
    parse("pager =\ncolor = true\nwidth = auto\n", &c, &dg);
    assert_int_equal(dg.n, 0);
    assert_true(c.has_pager);
    assert_string_equal(c.pager, "");
    assert_int_equal(c.color, CONF_COLOR_AUTO);
    assert_int_equal(c.width, 0);
    conf_free(&c);
    /* a byte order mark, and no line end at the end */
    parse("\xEF\xBB\xBF"
          "fold = 1",
          &c, &dg);
    assert_int_equal(dg.n, 0);
    assert_int_equal(c.fold, 1);
    conf_free(&c);
}

static void test_conf_bad(void **state)
{
    (void)state;
    struct conf c;
    struct conf_diags dg;
    parse("widht = 100\n"           /* 1 */
          "width = 5\n"             /* 2 */
          "fold = maybe\n"          /* 3 */
          "just words\n"            /* 4 */
          "theme = sepia\n"         /* 5 */
          "export = pdf\n"          /* 6 */
          "[fonts]\n"               /* 7 */
          "size = 12\n"             /* 8: in the unknown section, not said again */
          "[colors]\n"              /* 9 */
          "deleted-word = purple\n" /* 10 */
          "nosuchface = red\n"      /* 11 */
          "words = no\n",           /* 12: a key of the main section, in [colors] */
          &c, &dg);
    static const struct {
        unsigned line;
        const char *has;
    } want[] = {
        {1, "unknown key 'widht'"},
        {2, "width: '5' is not a number from 20 to 10000"},
        {3, "fold: 'maybe' is not yes or no"},
        {4, "'just words' is not a 'key = value' line"},
        {5, "theme: 'sepia' is not auto, dark or light"},
        {6, "export: unknown format 'pdf'"},
        {7, "unknown section [fonts]"},
        {10, "[colors] deleted-word: 'purple' is no colour"},
        {11, "[colors]: unknown face 'nosuchface'"},
    };
    /* ten bad lines: the first CONF_DIAGS_MAX said, then that more follow */
    assert_true(WD_ARRAY_LEN(want) >= CONF_DIAGS_MAX);
    assert_int_equal(dg.n, CONF_DIAGS_MAX + 1);
    for (size_t i = 0; i < CONF_DIAGS_MAX; i++) {
        assert_int_equal(dg.d[i].line, want[i].line);
        if (!strstr(dg.d[i].msg, want[i].has)) fail_msg("line %u: '%s'", dg.d[i].line, dg.d[i].msg);
        assert_non_null(strstr(dg.d[i].msg, "ignored"));
    }
    assert_non_null(strstr(dg.d[CONF_DIAGS_MAX].msg, "more lines"));
    /* what was bad keeps its default; nothing else is set */
    assert_int_equal(c.width, 0);
    assert_int_equal(c.fold, -1);
    assert_int_equal(c.theme, -1);
    assert_int_equal(c.format, -1);
    assert_false(c.has_face[LA_DEL]);
    conf_free(&c);

    /* a value is quoted back escaped and cut: one line, no control */
    parse("theme = \x1b]52;c;AAAA\x07 and a long tail of words after it\n", &c, &dg);
    assert_int_equal(dg.n, 1);
    assert_null(strchr(dg.d[0].msg, '\x1b'));
    assert_null(strchr(dg.d[0].msg, '\n'));
    assert_non_null(strstr(dg.d[0].msg, "\\x1b]52"));
    assert_non_null(strstr(dg.d[0].msg, "..."));
    conf_free(&c);
    /* a timestamp format that makes nothing, or too much */
    parse("timestamp-format = \ntimestamp-format = %c%c%c%c%c%c%c%c%c%c%c\n", &c, &dg);
    assert_int_equal(dg.n, 2);
    assert_null(c.timestamp_format);
    conf_free(&c);
    /* a fold length out of range, or not a number */
    parse("fold-min = 0\nfold-min = 1001\nfold-min = 3x\nfold-min = -2\n", &c, &dg);
    assert_int_equal(dg.n, 4);
    assert_non_null(strstr(dg.d[0].msg, "fold-min: '0' is not a number from 1 to 1000"));
    assert_int_equal(c.fold_min, 0);
    conf_free(&c);
    /* a key with blanks or odd characters */
    parse("wid th = 100\n= 3\n[colors\n", &c, &dg);
    assert_int_equal(dg.n, 3);
    assert_non_null(strstr(dg.d[2].msg, "[NAME]"));
    conf_free(&c);
}

static void test_conf_merge(void **state)
{
    (void)state;
    struct conf file, cli;
    struct conf_diags dg;
    parse("width = 120\nfold = yes\ndigest = no\npager = most\n[colors]\ncommon = 94\n", &file,
          &dg);
    parse("width = 90\ndigest = yes\n[colors]\ninserted = 28\n", &cli, &dg);
    cli.color = CONF_COLOR_ALWAYS;
    conf_merge(&file, &cli);
    assert_int_equal(file.width, 90); /* the command line wins */
    assert_int_equal(file.fold, 1);   /* what it does not say stays */
    assert_int_equal(file.digest, 1);
    assert_string_equal(file.pager, "most");
    assert_int_equal(file.color, CONF_COLOR_ALWAYS);
    assert_true(file.has_face[LA_COMMON] && file.has_face[LA_INSERTED]);
    conf_free(&file);
    conf_free(&cli);
}

static void test_conf_values(void **state)
{
    (void)state;
    assert_int_equal(conf_parse_bool("YES"), 1);
    assert_int_equal(conf_parse_bool("0"), 0);
    assert_int_equal(conf_parse_bool("y"), -1);
    assert_int_equal(conf_parse_fold_min("3"), 3);
    assert_int_equal(conf_parse_fold_min("1000"), 1000);
    assert_int_equal(conf_parse_fold_min("+3"), -1);
    assert_int_equal(conf_parse_fold_min(""), -1);
    assert_int_equal(conf_parse_color_mode("Always"), CONF_COLOR_ALWAYS);
    assert_int_equal(conf_parse_color_mode("off"), CONF_COLOR_NEVER);
    assert_int_equal(conf_parse_color_mode("sometimes"), -1);
    assert_int_equal(conf_parse_theme("dark"), CONF_THEME_DARK);
    assert_int_equal(conf_parse_theme("solarized"), -1);
    char buf[CONF_TIMESTAMP_MAX + 1];
    long long t = 0; /* 1970-01-01 in UTC */
    setenv("TZ", "UTC", 1);
    assert_true(conf_format_time("%Y-%m-%d", &t, buf));
    assert_string_equal(buf, "1970-01-01");
    assert_false(conf_format_time("", &t, buf));
    assert_false(conf_format_time("a\tb", &t, buf)); /* a control character */
}

/* A file of text in a temporary folder. */
static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_conf_load(void **state)
{
    (void)state;
    char dir[] = "/tmp/wd_conf_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], missing[256];
    snprintf(path, sizeof path, "%s/config", dir);
    snprintf(missing, sizeof missing, "%s/none", dir);
    struct conf c;
    struct conf_diags dg = {.n = 0};
    conf_init(&c);
    /* missing: no trouble unless it must exist */
    assert_int_equal(conf_load(missing, false, &c, &dg), WD_OK);
    assert_int_equal(conf_load(missing, true, &c, &dg), WD_ENOENT);
    assert_int_equal(conf_load(dir, false, &c, &dg), WD_EISDIR);
    put_file(path, "width = 77\n");
    assert_int_equal(conf_load(path, true, &c, &dg), WD_OK);
    assert_int_equal(c.width, 77);
    /* binary, too large */
    FILE *f = fopen(path, "wb");
    fwrite("width = 80\n\0", 1, 12, f);
    fclose(f);
    assert_int_equal(conf_load(path, true, &c, &dg), WD_EBINARY);
    f = fopen(path, "w");
    for (int i = 0; i < CONF_MAX_BYTES / 10 + 1; i++)
        fputs("# comment\n", f);
    fclose(f);
    assert_int_equal(conf_load(path, true, &c, &dg), WD_ETOOBIG);
    assert_string_equal(conf_strerror(WD_ETOOBIG), "larger than 64 KiB");
    /* unreadable (not as root, who reads anything) */
    if (geteuid() != 0) {
        put_file(path, "width = 90\n");
        chmod(path, 0);
        assert_int_equal(conf_load(path, false, &c, &dg), WD_EACCES);
    }
    assert_int_equal(dg.n, 0);
    assert_int_equal(c.width, 77); /* nothing of a file refused */
    unlink(path);
    rmdir(dir);
    conf_free(&c);

    /* where it is looked for */
    setenv("XDG_CONFIG_HOME", "/x/conf", 1);
    setenv("HOME", "/home/u", 1);
    char *p = conf_default_path();
    assert_string_equal(p, "/x/conf/wirediff/config");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative/not/allowed", 1);
    p = conf_default_path();
    assert_string_equal(p, "/home/u/.config/wirediff/config");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    assert_null(conf_default_path());
}

/* ---- git's external diff ----------------------------------------------------- */

#define HEX1 "0123456789abcdef0123456789abcdef01234567"
#define HEX2 "89abcdef0123456789abcdef0123456789abcdef"

static void test_gitdiff(void **state)
{
    (void)state;
    struct gitdiff g;
    char *seven[] = {"notes.txt", "/tmp/x_notes.txt", HEX1, "100644", "notes.txt", HEX2, "100644"};
    assert_true(gitdiff_parse(seven, 7, "2", "5", &g));
    assert_string_equal(g.file[0], "/tmp/x_notes.txt");
    assert_int_equal(g.counter, 2);
    assert_int_equal(g.total, 5);
    char *n = gitdiff_name(&g, 0);
    assert_string_equal(n, "a/notes.txt");
    free(n);
    struct strbuf b = {0};
    gitdiff_title(&g, &b);
    char *t = sb_take(&b, NULL);
    assert_string_equal(t, "notes.txt (2/5)");
    free(t);

    /* a new file: /dev/null . . */
    char *added[] = {"new.txt", "/dev/null", ".", ".", "new.txt", HEX2, "100644"};
    assert_true(gitdiff_parse(added, 7, NULL, NULL, &g));
    n = gitdiff_name(&g, 0);
    assert_string_equal(n, "/dev/null");
    free(n);
    gitdiff_title(&g, &b);
    t = sb_take(&b, NULL);
    assert_string_equal(t, "new.txt: new file");
    free(t);

    /* a rename: nine arguments */
    char *renamed[] = {
        "old.txt", "/tmp/a",  HEX1,
        "100644",  "/tmp/b",  HEX2,
        "100755",  "new.txt", "similarity index 92%\nrename from old.txt\nrename to new.txt\n"};
    assert_true(gitdiff_parse(renamed, 9, "1", "1", &g));
    n = gitdiff_name(&g, 1);
    assert_string_equal(n, "b/new.txt");
    free(n);
    gitdiff_title(&g, &b);
    t = sb_take(&b, NULL);
    assert_string_equal(t, "old.txt -> new.txt (1/1): mode 100644 -> 100755, similarity index 92%");
    free(t);

    /* an unmerged path: one argument, only from git (the counter set) */
    char *one[] = {"conflict.txt"};
    assert_true(gitdiff_parse(one, 1, "3", "3", &g));
    assert_true(g.unmerged);
    assert_false(gitdiff_parse(one, 1, NULL, NULL, &g));

    /* seven files of a user are no git call; a path with controls is escaped */
    char *files[] = {"a", "b", "c", "d", "e", "f", "g"};
    assert_false(gitdiff_parse(files, 7, "1", "1", &g));
    char *badmode[] = {"p", "/tmp/a", HEX1, "10064", "/tmp/b", HEX2, "100644"};
    assert_false(gitdiff_parse(badmode, 7, NULL, NULL, &g));
    char *uphex[] = {"p",  "/tmp/a", "0123456789ABCDEF0123456789ABCDEF01234567", "100644", "/tmp/b",
                     HEX2, "100644"};
    assert_false(gitdiff_parse(uphex, 7, NULL, NULL, &g));
    char *esc[] = {"a\x1b[2Jb.txt", "/tmp/a", HEX1, "100644", "/tmp/b", HEX2, "100644"};
    assert_true(gitdiff_parse(esc, 7, "x", NULL, &g));
    assert_int_equal(g.counter, 0);
    gitdiff_title(&g, &b);
    t = sb_take(&b, NULL);
    assert_string_equal(t, "a\\x1b[2Jb.txt");
    free(t);
}

/* ---- two folders ------------------------------------------------------------ */

static void test_dirpair(void **state)
{
    (void)state;
    char root[] = "/tmp/wd_dirs_XXXXXX";
    assert_non_null(mkdtemp(root));
    char p[512];
    static const char *const dirs[] = {"l", "r", "l/a", "r/a", "l/.git", "r/deep", "r/deep/er"};
    for (size_t i = 0; i < WD_ARRAY_LEN(dirs); i++) {
        snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
        assert_int_equal(mkdir(p, 0700), 0);
    }
    static const char *const files[] = {"l/a/z.txt", "r/a/z.txt", "l/a-b.txt",       "r/a-b.txt",
                                        "l/old.txt", "r/.hidden", "r/deep/er/x.txt", "l/.git/HEAD"};
    for (size_t i = 0; i < WD_ARRAY_LEN(files); i++) {
        snprintf(p, sizeof p, "%s/%s", root, files[i]);
        put_file(p, "Text.\n");
    }
    /* a link back up is not followed around forever */
    snprintf(p, sizeof p, "%s/r/deep/loop", root);
    char target[512];
    snprintf(target, sizeof target, "%s/r", root);
    assert_int_equal(symlink(target, p), 0);
    char l[512], r[512];
    snprintf(l, sizeof l, "%s/l", root);
    snprintf(r, sizeof r, "%s/r/", root);
    const char *both[2] = {l, r};
    struct dirpair dp;
    char *bad = NULL;
    assert_int_equal(dirpair_scan(both, &dp, &bad), WD_OK);
    /* diff -r's order, part by part; .git left out; hidden files kept */
    static const char *const want[] = {".hidden", "a/z.txt", "a-b.txt", "deep/er/x.txt", "old.txt"};
    static const int where[] = {2, 3, 3, 2, 1}; /* 1 left, 2 right, 3 both */
    assert_int_equal(dp.n, WD_ARRAY_LEN(want));
    for (size_t i = 0; i < dp.n; i++) {
        assert_string_equal(dp.e[i].rel, want[i]);
        assert_int_equal((dp.e[i].path[0] ? 1 : 0) | (dp.e[i].path[1] ? 2 : 0), where[i]);
    }
    snprintf(p, sizeof p, "%s/r/a/z.txt", root);
    assert_string_equal(dp.e[1].path[1], p); /* "r/" and "a/z.txt": one slash */
    dirpair_free(&dp);
    /* a folder that is not there */
    const char *none[2] = {l, "/nonexistent/wd"};
    assert_int_equal(dirpair_scan(none, &dp, &bad), WD_ENOENT);
    assert_string_equal(bad, "/nonexistent/wd");
    free(bad);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void test_format_of_path(void **state)
{
    (void)state;
    assert_int_equal(export_format_of_path("report.html"), EXPORT_HTML);
    assert_int_equal(export_format_of_path("dir.md/REPORT.HTM"), EXPORT_HTML);
    assert_int_equal(export_format_of_path("x.md"), EXPORT_MD);
    assert_int_equal(export_format_of_path("x.markdown"), EXPORT_MD);
    assert_int_equal(export_format_of_path("x.json"), EXPORT_JSON);
    assert_int_equal(export_format_of_path("x.txt"), EXPORT_TEXT);
    assert_int_equal(export_format_of_path("a-vs-b.inline.txt"), EXPORT_INLINE);
    assert_int_equal(export_format_of_path("x.ans"), EXPORT_ANSI);
    assert_int_equal(export_format_of_path("x.pdf"), -1);
    assert_int_equal(export_format_of_path("md"), -1);
    assert_int_equal(export_format_of_path(".html/x"), -1);
    assert_int_equal(export_format_of_path(".json"), -1); /* a hidden file, no extension */
    assert_true(export_format_fits(EXPORT_HTML, -1));
    assert_true(export_format_fits(EXPORT_INLINE, EXPORT_TEXT));
    assert_false(export_format_fits(EXPORT_ANSI, EXPORT_TEXT));
    assert_false(export_format_fits(EXPORT_HTML, EXPORT_MD));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conf_good),  cmocka_unit_test(test_conf_bad),
        cmocka_unit_test(test_conf_merge), cmocka_unit_test(test_conf_values),
        cmocka_unit_test(test_conf_load),  cmocka_unit_test(test_gitdiff),
        cmocka_unit_test(test_dirpair),    cmocka_unit_test(test_format_of_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
