#include "config.h"

#include "gold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const gold_seeds[5] = {
    "000_f22e6673dc503adc", "001_337949aa419a66f0", "002_a1f37eaed367186e",
    "003_769cfeedf3a97052", "004_fb16dfd7be3f0a96",
};

const char *gold_path(const char *rel)
{
    static char buf[4096];
    const char *top = getenv("top_srcdir");
    snprintf(buf, sizeof buf, "%s/%s", top && *top ? top : ".", rel);
    return buf;
}

static long read_rows(const char *path, void **out, size_t size,
                      int (*parse)(char *line, void *row))
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gold: cannot open %s\n", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, n = 0, alloc = 16;
    char *rows = malloc(alloc * size);
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '\n' || line[0] == '\0') continue;
        if (n == alloc) {
            alloc *= 2;
            rows = realloc(rows, alloc * size);
        }
        if (parse(line, rows + n * size) != 0) {
            fprintf(stderr, "gold: bad row in %s: %s", path, line);
            free(line);
            free(rows);
            fclose(f);
            return -1;
        }
        n++;
    }
    free(line);
    fclose(f);
    *out = rows;
    return (long)n;
}

static int parse_sent(char *line, void *row)
{
    struct gold_sent *s = row;
    unsigned long idx, a, b;
    if (sscanf(line, "%lu\t%lu\t%lu", &idx, &a, &b) != 3) return -1;
    s->start = a;
    s->end = b;
    return 0;
}

static int parse_pair(char *line, void *row)
{
    struct gold_pair *p = row;
    char *save = NULL;
    char *f0 = strtok_r(line, "\t\n", &save);
    char *f1 = strtok_r(NULL, "\t\n", &save);
    char *f2 = strtok_r(NULL, "\t\n", &save);
    char *f3 = strtok_r(NULL, "\t\n", &save);
    if (!f0 || !f1 || !f2) return -1;
    p->a = atoi(f0);
    p->b = atoi(f1);
    snprintf(p->kind, sizeof p->kind, "%s", f2);
    p->moved = f3 && strcmp(f3, "moved") == 0;
    return 0;
}

long gold_read_sentences(const char *path, struct gold_sent **out)
{
    return read_rows(path, (void **)out, sizeof **out, parse_sent);
}

long gold_read_align(const char *path, struct gold_pair **out)
{
    return read_rows(path, (void **)out, sizeof **out, parse_pair);
}
