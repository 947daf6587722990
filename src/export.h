/* export.h - snapshot writers.  They read the alignment model (and the
 * layout where a fixed width is wanted), never the screen, so a snapshot
 * from the command line and one from the reader agree.
 */
#ifndef WD_EXPORT_H
#define WD_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "align.h"
#include "doc.h"
#include "util.h"

enum export_format {
    EXPORT_TEXT,   /* side by side, plain text, [-del-] {+ins+} */
    EXPORT_INLINE, /* one column, wdiff style */
    EXPORT_JSON,   /* the documented format, doc/wirediff-json.md */
    EXPORT_FORMAT_COUNT
};

/* Parse a format name ("json", "text"/"txt", "inline"); -1 if unknown. */
int export_parse_format(const char *name);
const char *export_format_name(enum export_format f);

/* What the reader was showing; the command line uses the defaults. */
struct export_view {
    int width;    /* total width for side-by-side text (columns) */
    bool words;   /* word marks inside pairs */
    bool fold;    /* fold runs of identical sentences */
    bool swapped; /* sides exchanged (the alignments given are already swapped) */
};

struct export_cmp {
    size_t a, b; /* indices into docs */
    const struct alignment *al;
};

struct export_input {
    const struct doc *const *docs;
    size_t ndocs;
    const struct export_cmp *cmps;
    size_t ncmps;
    struct export_view view;
};

/* Write in format fmt to f.  Returns WD_OK, or WD_EIO when writing failed
 * (errno kept). */
enum wd_status export_write(FILE *f, enum export_format fmt, const struct export_input *in);

/* Write to path atomically: a temporary file beside it, then rename.
 * Without force an existing file is left alone and WD_EEXIST returned; an
 * existing non-regular file (/dev/null, a FIFO) is written in place.
 * Other failures: WD_EACCES, WD_ENOENT (missing folder), WD_EISDIR, WD_EIO. */
enum wd_status export_to_path(const char *path, bool force, enum export_format fmt,
                              const struct export_input *in);

/* Individual writers (export_json.c, export_text.c). */
enum wd_status export_json(FILE *f, const struct export_input *in);
enum wd_status export_text(FILE *f, const struct export_input *in);
enum wd_status export_inline(FILE *f, const struct export_input *in);

/* JSON string literal of s[0..len) with invalid UTF-8 as \ufffd. */
void export_json_string(FILE *f, const char *s, size_t len);

#endif
