/* versions.h - the order of the versions of one article (--timeline):
 * as given, by a date and time in the file name, by modification time, or
 * by the time a web page's metadata gives (--order=args|name|mtime|meta).
 *
 * Pure functions over records of (path, modification time, metadata time),
 * so that every rule is testable without files; the caller stats the files
 * and reads doc_meta(d)->modified / ->published (source.h).
 *
 * Times are seconds since 1970-01-01 00:00 (int64_t).  A time in a file
 * name has no zone and is read as UTC: names are compared with names, so
 * only their order matters.  A time in metadata is ISO 8601 with its zone
 * (Z, +01:00, -0500; none: UTC) converted to UTC.
 */
#ifndef WD_VERSIONS_H
#define WD_VERSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum versions_order {
    VERSIONS_AUTO,  /* the rule of --timeline without --order (versions_sort) */
    VERSIONS_ARGS,  /* as given */
    VERSIONS_NAME,  /* by the date and time in the file's name */
    VERSIONS_MTIME, /* by modification time */
    VERSIONS_META,  /* by the page's modification time, else its publication time */
};

/* One version to order. */
struct versions_item {
    const char *path;      /* as given; the name's time is read from its last component */
    int64_t mtime_ns;      /* modification time, nanoseconds since the epoch */
    const char *meta_time; /* ISO 8601 from the metadata (modified, else published); NULL */
};

/* Room for an error message (one line, the name included). */
#define VERSIONS_ERR_MAX 512

/* "args", "name", "mtime", "meta" (and "auto") to the enum; false when
 * s is none of them. */
bool versions_parse_order(const char *s, enum versions_order *out);
const char *versions_order_name(enum versions_order o);

/* The first date (and time) in a file name's last path component, as
 * people and tools write them: 2026-11-23T1710, 2026-11-23T17:10:05,
 * 2026-11-23_17-10, 2026-11-23 17.10, 20261123T171000, 20261123-1710,
 * 2026_11_23, a date alone (midnight).  The date is year (1900-2999),
 * month and day, with one separator (- _ .) used twice or none; the time,
 * after T, _, -, . or a space, is hours and minutes, then maybe seconds,
 * with : - . or h between, or none; digits may not run on either side
 * (so 120261123 is no date), and a time that does not parse leaves the
 * date alone.  Fractions of a second are skipped.  True and *t set when
 * one is found. */
bool versions_time_in_name(const char *path, int64_t *t);

/* ISO 8601 / RFC 3339 as pages write it: a date (2026-11-23 or 20261123),
 * optionally T or a space and a time (hh:mm, hh:mm:ss, fractions), then
 * optionally Z or an offset (+hh:mm, +hhmm, +hh).  Leading and trailing
 * white space is allowed, nothing else.  True and *t (UTC) on success. */
bool versions_parse_iso8601(const char *s, int64_t *t);

/* t as "2026-11-23 17:10" (UTC) into buf (at least 17 bytes); returns buf.
 * With seconds when they are not zero ("2026-11-23 17:10:05", 20 bytes):
 * give 24 bytes.  Years outside 0..9999 are clamped. */
char *versions_format_time(int64_t t, char *buf, size_t size);

/* Order v[0 .. n): perm[i] receives the index in v of the i-th version,
 * oldest first; *used the rule applied (never VERSIONS_AUTO), and each
 * version's time under that rule in times[perm order] when times is not
 * NULL (0 for VERSIONS_ARGS).
 *
 * VERSIONS_AUTO: as given, unless folder (the files of a folder come in
 * no meaningful order): then by metadata time when every version has one
 * and they are not all equal, else by the time in the names on the same
 * condition, else by modification time.  An explicit order needs a time
 * for every version: WD_EUSAGE with "NAME: no date and time in its name"
 * or "NAME: no publication or modification time in its metadata" in err
 * (the name escaped for a terminal).  Ties keep the order given (a stable
 * sort).  Never fails for VERSIONS_AUTO, VERSIONS_ARGS or VERSIONS_MTIME. */
enum wd_status versions_sort(const struct versions_item *v, size_t n, enum versions_order how,
                             bool folder, size_t *perm, enum versions_order *used, int64_t *times,
                             char err[VERSIONS_ERR_MAX]);

#endif
