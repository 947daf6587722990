/* replay.c - run a fuzz target over saved inputs, without libFuzzer.
 *
 *   replay_TARGET PATH...
 *
 * Each PATH is a file or a directory whose files (not its subdirectories,
 * not names starting with '.') are fed to LLVMFuzzerTestOneInput in name
 * order, each in a buffer of exactly its size, so that AddressSanitizer
 * sees any read past the end.  make check links one of these per target
 * (tests/test_fuzz_replay.sh runs them over tests/fuzz/corpus and
 * tests/fuzz/regress); a broken invariant aborts the run.  Prints how many
 * inputs ran.  Exit status 0, or 99 when a path cannot be read (Automake's
 * hard error).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

#include "fuzz.h"

/* Read path whole into a buffer of exactly its size. */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = 0, cap = 4096;
    uint8_t *buf = xmalloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) buf = xgrow(&buf, &cap, cap + 1, 1);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(buf);
        return -1;
    }
    uint8_t *exact = xmalloc(n ? n : 1);
    if (n) memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int cmp_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The files of directory dir, in name order; returns how many ran, -1 on
 * an error. */
static long replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        xgrow(&names, &cap, n + 1, sizeof *names);
        names[n] = xmalloc(len);
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, cmp_name);
    long ran = 0;
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (ran >= 0 && stat(names[k], &st) == 0 && S_ISREG(st.st_mode))
            ran = replay_file(names[k]) == 0 ? ran + 1 : -1;
        free(names[k]);
    }
    free(names);
    return ran;
}

int main(int argc, char **argv)
{
    long total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        long ran;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 99;
        }
        if (S_ISDIR(st.st_mode))
            ran = replay_dir(argv[i]);
        else
            ran = replay_file(argv[i]) == 0 ? 1 : -1;
        if (ran < 0) return 99;
        total += ran;
    }
    printf("replay: %ld input%s\n", total, total == 1 ? "" : "s");
    return 0;
}
