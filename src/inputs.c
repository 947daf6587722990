#include "config.h"

#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void push(struct inputs *in, size_t *cap, char *path, bool in_dir)
{
    size_t c = *cap;
    xgrow(&in->paths, cap, in->n + 2, sizeof *in->paths);
    if (*cap != c) in->in_dir = xreallocarray(in->in_dir, *cap, sizeof *in->in_dir);
    in->in_dir[in->n] = in_dir;
    in->paths[in->n++] = path;
    in->paths[in->n] = NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular, non-hidden files of dir, sorted, appended to in. */
static enum wd_status expand_dir(const char *dir, struct inputs *in, size_t *cap)
{
    DIR *d = opendir(dir);
    if (!d) return util_status_from_errno(errno);
    size_t first = in->n;
    struct dirent *e;
    size_t dl = strlen(dir);
    bool slash = dl && dir[dl - 1] == '/';
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        size_t nl = strlen(e->d_name);
        char *p = xmalloc(dl + nl + 2);
        memcpy(p, dir, dl);
        size_t o = dl;
        if (!slash) p[o++] = '/';
        memcpy(p + o, e->d_name, nl + 1);
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        push(in, cap, p, true);
    }
    closedir(d);
    if (in->n == first) return WD_ENOTEXT;
    qsort(in->paths + first, in->n - first, sizeof *in->paths, cmp_str);
    return WD_OK;
}

enum wd_status inputs_expand(char *const *args, size_t nargs, struct inputs *in, const char **bad)
{
    size_t cap = 0, ndirs = 0;
    memset(in, 0, sizeof *in);
    struct util_fileid *dirs = xcalloc(nargs ? nargs : 1, sizeof *dirs);
    for (size_t i = 0; i < nargs; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            in->had_dir = true;
            /* the same folder twice would compare each file with itself */
            struct util_fileid id = {(uint64_t)st.st_dev, (uint64_t)st.st_ino};
            enum wd_status s = WD_OK;
            for (size_t k = 0; k < ndirs; k++)
                if (dirs[k].dev == id.dev && dirs[k].ino == id.ino) s = WD_ETWICE;
            dirs[ndirs++] = id;
            if (s == WD_OK) s = expand_dir(args[i], in, &cap);
            if (s != WD_OK) {
                *bad = args[i];
                inputs_free(in);
                free(dirs);
                return s;
            }
            continue;
        }
        push(in, &cap, xstrdup(args[i]), false);
    }
    free(dirs);
    return WD_OK;
}

void inputs_free(struct inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->paths[i]);
    free(in->paths);
    free(in->in_dir);
    memset(in, 0, sizeof *in);
}
