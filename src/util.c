#include "config.h"

#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_text[WD_STATUS_COUNT] = {
    [WD_OK] = "success",
    [WD_ENOENT] = "no such file or directory",
    [WD_EISDIR] = "is a directory",
    [WD_EACCES] = "permission denied",
    [WD_EBINARY] = "binary file (use --text to compare anyway)",
    [WD_ETOOBIG] = "file too large (4 GiB at most)",
    [WD_EIO] = "read error",
    [WD_ENOTEXT] = "directory holds no text files",
    [WD_EEXIST] = "file exists (use --force to replace it)",
    [WD_EUSAGE] = "invalid arguments",
};

const char *util_strerror(enum wd_status st)
{
    if ((unsigned)st >= WD_STATUS_COUNT || !status_text[st]) return "unknown error";
    return status_text[st];
}

enum wd_status util_status_from_errno(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return WD_ENOENT;
    case EISDIR:
        return WD_EISDIR;
    case EACCES:
    case EPERM:
    case EROFS:
        return WD_EACCES;
    case EEXIST:
        return WD_EEXIST;
    case EFBIG:
    case EOVERFLOW:
        return WD_ETOOBIG;
    default:
        return WD_EIO;
    }
}

static void (*oom_hook)(void);

void util_set_oom_hook(void (*hook)(void))
{
    oom_hook = hook;
}

_Noreturn void util_oom(void)
{
    if (oom_hook) oom_hook();
    fputs("wirediff: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) util_oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) util_oom();
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) util_oom();
    size_t total = n * size;
    void *q = realloc(p, total ? total : 1);
    if (!q) util_oom();
    return q;
}

void *xgrow(void *p_, size_t *cap, size_t need, size_t size)
{
    void **p = p_;
    if (need <= *cap) return *p;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2) util_oom();
        c *= 2;
    }
    *p = xreallocarray(*p, c, size);
    *cap = c;
    return *p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
