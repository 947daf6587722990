/* dirpair.c - two folders paired by relative path (see dirpair.h). */
#include "config.h"

#include "dirpair.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The files found under one folder. */
struct found {
    char **rel, **path;
    size_t n, cap;
};

/* A folder being walked and the ones above it (a link back up is a loop,
 * not a subfolder). */
struct frame {
    const struct frame *up;
    dev_t dev;
    ino_t ino;
};

static bool vcs_dir(const char *name)
{
    static const char *const skip[] = {".git", ".hg", ".svn", ".bzr", "CVS", "_darcs"};
    for (size_t i = 0; i < WD_ARRAY_LEN(skip); i++)
        if (strcmp(name, skip[i]) == 0) return true;
    return false;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    bool slash = la && a[la - 1] == '/';
    char *p = xmalloc(la + lb + 2);
    memcpy(p, a, la);
    if (!slash && la) p[la++] = '/';
    memcpy(p + la, b, lb + 1);
    return p;
}

static void add(struct found *f, char *rel, char *path)
{
    size_t c = f->cap;
    xgrow(&f->rel, &c, f->n + 1, sizeof *f->rel);
    xgrow(&f->path, &f->cap, f->n + 1, sizeof *f->path);
    f->rel[f->n] = rel;
    f->path[f->n++] = path;
}

static enum wd_status walk(const char *dir, const char *rel, const struct frame *up,
                           struct found *f, char **bad)
{
    DIR *d = opendir(dir);
    if (!d) {
        *bad = xstrdup(dir);
        return util_status_from_errno(errno);
    }
    enum wd_status s = WD_OK;
    struct dirent *e;
    while (s == WD_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *path = join(dir, e->d_name);
        char *r = *rel ? join(rel, e->d_name) : xstrdup(e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            add(f, r, path);
            continue;
        }
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && !vcs_dir(e->d_name)) {
            bool loop = false;
            for (const struct frame *p = up; p && !loop; p = p->up)
                loop = p->dev == st.st_dev && p->ino == st.st_ino;
            if (!loop) {
                struct frame fr = {up, st.st_dev, st.st_ino};
                s = walk(path, r, &fr, f, bad);
            }
        }
        free(path);
        free(r);
    }
    closedir(d);
    return s;
}

/* diff -r's order: part by part, so that "a/z" comes before "a-b". */
static int cmp_rel(const char *a, const char *b)
{
    for (;;) {
        size_t la = strcspn(a, "/"), lb = strcspn(b, "/");
        int c = memcmp(a, b, WD_MIN(la, lb));
        if (c == 0 && la != lb) c = la < lb ? -1 : 1;
        if (c != 0) return c;
        if (!a[la] || !b[lb]) return a[la] ? 1 : b[lb] ? -1 : 0;
        a += la + 1;
        b += lb + 1;
    }
}

struct pair {
    char *rel, *path;
};

static int cmp_pair(const void *x, const void *y)
{
    return cmp_rel(((const struct pair *)x)->rel, ((const struct pair *)y)->rel);
}

/* Sort f by relative path, each path with its file. */
static void sort_found(struct found *f)
{
    struct pair *p = xcalloc(f->n ? f->n : 1, sizeof *p);
    for (size_t i = 0; i < f->n; i++)
        p[i] = (struct pair){f->rel[i], f->path[i]};
    qsort(p, f->n, sizeof *p, cmp_pair);
    for (size_t i = 0; i < f->n; i++) {
        f->rel[i] = p[i].rel;
        f->path[i] = p[i].path;
    }
    free(p);
}

static void free_found(struct found *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->rel[i]);
        free(f->path[i]);
    }
    free(f->rel);
    free(f->path);
}

enum wd_status dirpair_scan(const char *const dir[2], struct dirpair *out, char **bad)
{
    memset(out, 0, sizeof *out);
    struct found f[2];
    memset(f, 0, sizeof f);
    enum wd_status s = WD_OK;
    for (int side = 0; side < 2 && s == WD_OK; side++) {
        struct stat st;
        if (stat(dir[side], &st) != 0) {
            *bad = xstrdup(dir[side]);
            s = util_status_from_errno(errno);
            break;
        }
        struct frame top = {NULL, st.st_dev, st.st_ino};
        s = walk(dir[side], "", &top, &f[side], bad);
        sort_found(&f[side]);
    }
    if (s != WD_OK) {
        free_found(&f[0]);
        free_found(&f[1]);
        return s;
    }
    size_t i = 0, j = 0, cap = 0;
    while (i < f[0].n || j < f[1].n) {
        int c = i == f[0].n ? 1 : j == f[1].n ? -1 : cmp_rel(f[0].rel[i], f[1].rel[j]);
        xgrow(&out->e, &cap, out->n + 1, sizeof *out->e);
        struct dirpair_entry *e = &out->e[out->n++];
        memset(e, 0, sizeof *e);
        if (c <= 0) {
            e->rel = f[0].rel[i];
            e->path[0] = f[0].path[i++];
        }
        if (c >= 0) {
            if (e->rel)
                free(f[1].rel[j]);
            else
                e->rel = f[1].rel[j];
            e->path[1] = f[1].path[j++];
        }
    }
    free(f[0].rel);
    free(f[0].path);
    free(f[1].rel);
    free(f[1].path);
    return WD_OK;
}

void dirpair_free(struct dirpair *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->e[i].rel);
        free(d->e[i].path[0]);
        free(d->e[i].path[1]);
    }
    free(d->e);
    memset(d, 0, sizeof *d);
}
