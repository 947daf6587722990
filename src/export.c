#include "config.h"

#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const format_names[EXPORT_FORMAT_COUNT] = {
    [EXPORT_TEXT] = "text",
    [EXPORT_INLINE] = "inline",
    [EXPORT_JSON] = "json",
};

int export_parse_format(const char *name)
{
    if (strcmp(name, "txt") == 0)
        return EXPORT_TEXT;
    for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0)
            return f;
    return -1;
}

const char *export_format_name(enum export_format f)
{
    return (unsigned)f < EXPORT_FORMAT_COUNT ? format_names[f] : "?";
}

enum wd_status export_write(FILE *f, enum export_format fmt, const struct export_input *in)
{
    enum wd_status st;
    switch (fmt) {
    case EXPORT_JSON:
        st = export_json(f, in);
        break;
    case EXPORT_INLINE:
        st = export_inline(f, in);
        break;
    case EXPORT_TEXT:
    default:
        st = export_text(f, in);
        break;
    }
    if (st == WD_OK && (fflush(f) != 0 || ferror(f)))
        st = WD_EIO;
    return st;
}

/* A target that exists and is no regular file (a device such as /dev/null,
 * a FIFO, a terminal) is written in place: replacing it by renaming would
 * destroy it, and writing to it replaces no data. */
static enum wd_status write_in_place(const char *path, enum export_format fmt,
                                     const struct export_input *in)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return util_status_from_errno(errno);
    enum wd_status s = export_write(f, fmt, in);
    if (fclose(f) != 0 && s == WD_OK)
        s = WD_EIO;
    return s;
}

enum wd_status export_to_path(const char *path, bool force, enum export_format fmt,
                              const struct export_input *in)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return WD_EISDIR;
        if (!S_ISREG(st.st_mode))
            return write_in_place(path, fmt, in);
        if (!force)
            return WD_EEXIST;
    }
    size_t n = strlen(path);
    char *tmp = xmalloc(n + 16);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        enum wd_status e = util_status_from_errno(errno);
        free(tmp);
        return e;
    }
    /* mkstemp creates 0600; a snapshot is an ordinary file (umask applies) */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return WD_EIO;
    }
    enum wd_status s = export_write(f, fmt, in);
    if (fclose(f) != 0 && s == WD_OK)
        s = WD_EIO;
    if (s == WD_OK) {
        if (force) {
            if (rename(tmp, path) != 0)
                s = util_status_from_errno(errno);
        } else if (link(tmp, path) != 0) {
            /* link() fails if path appeared meanwhile: never clobber.  On a
             * file system without hard links, check and rename instead. */
            int e = errno;
            if ((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == ENOSYS) &&
                stat(path, &st) != 0 && errno == ENOENT)
                s = rename(tmp, path) == 0 ? WD_OK : util_status_from_errno(errno);
            else
                s = util_status_from_errno(e);
        }
    }
    unlink(tmp);
    free(tmp);
    return s;
}
