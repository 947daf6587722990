/* export.h - snapshot writers.  They read the alignment model (and the
 * layout where a fixed width is wanted), never the screen, so a snapshot
 * from the command line and one from the reader agree.
 *
 *   export.c       format names, atomic writes, and what the writers
 *                  share: display blocks (folding, a row range), chunks
 *   export_runs.c  a side of a row as runs, its notes, character clean-up
 *   export_summary.c the statistics lines, the digest as text, sources
 *   export_name.c  default names, the time of a snapshot
 *   export_json.c  JSON (doc/wirediff-json.md), its numbers and strings
 *                  written by export_json_buf.c
 *   export_inline.c inline text (wdiff style)
 *   export_text.c  side-by-side text, also drawing the ANSI form
 *                  (export_side_by_side)
 *   export_ansi.c  the reader's colours as SGR escape codes
 *   export_html.c  one self-contained HTML page
 *   export_md.c    Markdown for forges (GitHub, GitLab)
 */
#ifndef WD_EXPORT_H
#define WD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "align.h"
#include "digest.h"
#include "doc.h"
#include "layout.h"
#include "outfile.h"
#include "theme.h"
#include "util.h"

enum export_format {
    EXPORT_TEXT,   /* side by side, plain text, [-del-] {+ins+} */
    EXPORT_INLINE, /* one column, wdiff style */
    EXPORT_JSON,   /* the documented format, doc/wirediff-json.md */
    EXPORT_HTML,   /* one self-contained page, side-by-side table */
    EXPORT_MD,     /* Markdown blocks, ~~deleted~~ and **inserted** words */
    EXPORT_ANSI,   /* side by side with the reader's colours (less -R) */
    EXPORT_FORMAT_COUNT
};

/* Parse a format name ("html", "md"/"markdown", "text"/"txt", "ansi",
 * "json", "inline"); -1 if unknown. */
int export_parse_format(const char *name);
/* The format a file name asks for by its extension (any case): .html and
 * .htm, .md and .markdown, .json, .txt (text; .inline.txt: inline), .ans
 * and .ansi; -1 for any other name. */
int export_format_of_path(const char *path);
/* Can fmt be written to a file whose extension names format named (-1:
 * none)?  The same format, or inline into a .txt. */
bool export_format_fits(enum export_format fmt, int named);
/* The canonical name ("text", "md", ...), a static string. */
const char *export_format_name(enum export_format f);
/* The file name extension without the dot ("html", "md", "txt",
 * "inline.txt", "ansi", "json"), a static string. */
const char *export_format_ext(enum export_format f);

/* What the reader was showing; the command line uses the defaults. */
struct export_view {
    int width;    /* total width for side-by-side text and ANSI (columns) */
    bool words;   /* word marks inside pairs */
    bool fold;    /* fold runs of identical sentences (the reader's rule) */
    int fold_min; /* from this many rows (--fold=N); 0: LAYOUT_FOLD_MIN */
    bool swapped; /* sides exchanged (the alignments given are already swapped) */
    bool digest;  /* text and inline: print the digest first (--digest) */
    /* Written as is into the HTML and Markdown headers ("2026-11-23T17:10:00Z");
     * NULL: no time is written.  Never read from the clock here, so that a
     * pinned string (--timestamp) makes every export reproducible. */
    const char *timestamp;
    /* Only part of each comparison (the reader's E): the display rows that
     * show alignment rows first_row .. last_row (0-based, inclusive, rows
     * of the alignments given).  false: every row. */
    bool range;
    size_t first_row, last_row;
    /* The colours of the ANSI form, and of the inline form when color is
     * set (theme.h; NULL: the dark theme). */
    const struct theme *theme;
    /* The inline form in colour: its marks and the text between them in
     * the theme's colours (--color). */
    bool color;
    /* Rows the reader hid (B: boilerplate): NULL, or one byte per row of
     * the alignments given, non-zero for a hidden row.  Hidden rows are
     * not written (JSON lists them in view.hidden); a fold never spans
     * one, as in the reader (layout_opts.skip). */
    const uint8_t *skip;
    /* Rows the reader unfolded (Enter on a fold): NULL, or one byte per
     * row, non-zero for a row never folded (layout_opts.unfold). */
    const uint8_t *unfold;
};

struct export_cmp {
    size_t a, b; /* indices into docs */
    const struct alignment *al;
    /* What changed in substance (digest.h), or NULL: HTML, Markdown and
     * JSON begin with it, text and inline too when view.digest is set. */
    const struct digest *dg;
};

/* A file of two folders compared (wirediff DIR1 DIR2) that only one of
 * them holds: listed as diff -r lists it, "Only in DIR1/sub: name.txt",
 * before comparison number at (ncmps: after the last). */
struct export_only {
    const char *path; /* the file, as found under its folder */
    int side;         /* SIDE_A (the first folder) or SIDE_B */
    size_t at;
};

/* The versions of a timeline (export_timeline.h) around the comparisons:
 * intro writes, for HTML, the version table after the page's header and,
 * for JSON, a member after "comparisons" (",\n\"timeline\":{...}"); in
 * HTML the comparisons from details_from on (0: none) are each in a
 * <details> block whose summary is their title. */
struct export_chain {
    void (*intro)(FILE *f, enum export_format fmt, const void *arg);
    const void *arg;
    size_t details_from;
};

struct export_input {
    const struct doc *const *docs;
    size_t ndocs;
    const struct export_cmp *cmps;
    size_t ncmps;
    struct export_view view;
    const struct export_only *only; /* sorted by at; may be NULL when nonly is 0 */
    size_t nonly;
    const struct export_chain *chain; /* a timeline's, or NULL */
};

/* Write in format fmt to f.  Returns WD_OK, or WD_EIO when writing failed
 * (errno kept). */
enum wd_status export_write(FILE *f, enum export_format fmt, const struct export_input *in);

/* Write to path through outfile.h (atomically; an existing file only
 * with oo->force; never an input).  Returns WD_OK or the status of
 * outfile_open / outfile_commit, and the errno of a failure in *err (0
 * when none: the status says it all). */
enum wd_status export_to_path(const char *path, const struct outfile_opts *oo,
                              enum export_format fmt, const struct export_input *in, int *err);

/* Individual writers (export_json.c, export_text.c, export_inline.c,
 * export_ansi.c, export_html.c, export_md.c). */
enum wd_status export_json(FILE *f, const struct export_input *in);
enum wd_status export_text(FILE *f, const struct export_input *in);
enum wd_status export_inline(FILE *f, const struct export_input *in);
enum wd_status export_ansi(FILE *f, const struct export_input *in);
enum wd_status export_html(FILE *f, const struct export_input *in);
enum wd_status export_md(FILE *f, const struct export_input *in);

/* --extract --export=json: each input's compared text without its
 * headline line, and where it came from (doc/wirediff-json.md). */
struct export_article {
    const char *path;
    const struct source_meta *meta; /* NULL for a plain text file */
    const char *text;
    size_t len, body; /* the text is text[body .. len) */
};
enum wd_status export_extract_json(FILE *f, const struct export_article *a, size_t n);

/* "source":{...}, a document's provenance in the JSON formats (see
 * doc/wirediff-json.md). */
void export_json_source(FILE *f, const struct source_meta *m);

/* JSON string literal of s[0..len) with invalid UTF-8 as \ufffd. */
void export_json_string(FILE *f, const char *s, size_t len);
/* v as printf's "%.3f" writes it, into buf (room for
 * EXPORT_JSON_FIXED3_MAX bytes, not NUL-terminated when the fast path is
 * taken); returns the length.  The similarities of the JSON export. */
#define EXPORT_JSON_FIXED3_MAX 48
size_t export_json_fixed3(char *buf, float v);

/* ---- pieces of the writers, for the columns export (export_columns.c) ----- */
/* The HTML snapshot's style sheet. */
extern const char export_html_css[];
/* Text s[start, end) as HTML: escaped, white space runs as one space. */
void export_html_text(FILE *f, const char *s, size_t start, size_t end);
/* Markdown: s as text (escaped, never an autolink). */
void export_md_str(FILE *f, const char *s);
/* A Markdown writer's state: set f, al and v, then write sides of rows of
 * al as block quotes ("> **label:** text", NULL: no label) with word marks
 * (bold for LA_INS, strikethrough for LA_DEL) as v->words says. */
struct export_md {
    FILE *f;
    const struct alignment *al;
    const struct export_view *v;
    char id[32]; /* the anchor prefix of this comparison: "r" or "c2r" */
    struct export_run *runs;
    size_t cap;
    /* The escaped text of each run, one after the other (run i is
     * pb.s[piece_at[i], piece_at[i + 1])), and the line being written:
     * two buffers kept from row to row. */
    struct strbuf pb, lb;
    size_t *piece_at;
    size_t cappiece;
};
void export_md_side(struct export_md *m, const struct align_row *r, int side, const char *label);
void export_md_free(struct export_md *m);

/* ---- side by side (export_text.c) ---------------------------------------- */

/* How export_side_by_side dresses the text: plain ([-old-] {+new+} marks)
 * or with SGR escape codes.  Each string is the parameter list of one SGR
 * sequence ("1;33"), NULL for none; a styled stretch is always closed
 * again ("\033[0m") before the end of its line. */
struct export_style {
    bool marks;                         /* wdiff marks around word changes */
    const char *attr[LA_COUNT];         /* per piece attribute (layout.h) */
    const char *gutter[ROW_KIND_COUNT]; /* the gutter mark, per row kind */
    const char *weak;                   /* the gutter mark of a weak pair */
    const char *role;                   /* the role letters beside the gutter mark */
    const char *boiler;                 /* the text of a sentence that is not the story
                                           (role.h role_not_story), as the reader dims it */
    const char *note;                   /* "(moved to line N)" */
    const char *header;                 /* the "--- A" / "+++ B" lines */
    const char *only[2];                /* "Only in DIR: NAME", per side */
};

/* The two versions side by side in view.width columns, rows aligned (see
 * export_text.c for the form). */
enum wd_status export_side_by_side(FILE *f, const struct export_input *in,
                                   const struct export_style *style);

/* ---- shared by the writers (export.c, export_runs.c, export_summary.c, export_name.c) */

/* A display row of an export: one alignment row, or a fold standing for a
 * run of identical rows. */
struct export_block {
    size_t row;   /* the (first) alignment row */
    size_t nrows; /* 1, or the rows a fold stands for */
    bool fold;
};

/* The display rows of al under view v, in order: with v->fold, runs of
 * same rows fold exactly as in the reader (layout_build's rule and
 * constants); with v->range only the blocks showing a row of
 * first_row..last_row.  Returns a new array (the caller frees it; NULL
 * when *n is 0). */
struct export_block *export_blocks(const struct alignment *al, const struct export_view *v,
                                   size_t *n);
/* Write items 0 .. n-1 (display rows, blocks) in chunks of per items on
 * the worker threads: write(arg, out, from, to) writes items from .. to-1
 * to out, a memory stream of the chunk's own, and the chunks are copied to
 * f in order as they are done (a few held at a time).  The chunks depend
 * on n and per only, so the output never depends on the threads; write
 * must touch nothing shared but what it only reads. */
#define EXPORT_CHUNK 512
void export_chunks(FILE *f, size_t n, size_t per,
                   void (*write)(void *arg, FILE *out, size_t from, size_t to), void *arg);
/* The index of the block holding alignment row r, or n when none does. */
size_t export_block_of_row(const struct export_block *b, size_t n, size_t r);

/* A stretch of one sentence of one side of a row, for the writers that
 * mark words themselves (HTML, Markdown). */
struct export_run {
    uint32_t start, end; /* bytes into the side's document */
    uint16_t attr;       /* LA_PLAIN, LA_COMMON, LA_DEL, LA_INS, LA_DELETED, LA_INSERTED,
                            LA_FOLDED */
    bool sentence;       /* the first run of a sentence */
};

/* The runs of side (SIDE_A, SIDE_B) of row r of al, sentence by sentence
 * in order, covering each sentence from its first byte to its last: the
 * reader's colouring (layout.c lay_row_side): one run per sentence of a
 * same (LA_PLAIN) or one-sided row (LA_DELETED, LA_INSERTED), and of a
 * pair without words (LA_COMMON); with words, a pair's words only on this
 * side are LA_DEL (A) or LA_INS (B), the rest LA_COMMON, and the white
 * space between two marked words takes their mark, so a changed phrase
 * is one stretch; with words, a same row's characters that differ only in
 * case, quote style or dashes (WOP_FOLD) are LA_FOLDED, the rest LA_PLAIN.
 * Stores the runs in *runs (grown with xgrow, capacity *cap; the caller
 * frees) and returns how many (0 when the row does not
 * show side). */
size_t export_side_runs(const struct alignment *al, const struct align_row *r, int side, bool words,
                        struct export_run **runs, size_t *cap);

/* After a row (inline text, Markdown): the roles of the sentences it
 * shows that are not story text, "caption", "A byline, B boilerplate",
 * and a weak pair's similarity, "weak pair, similarity 0.23", each
 * between open and close (" (" and ")"); nothing for a row of story
 * text. */
void export_row_notes(FILE *f, const struct alignment *al, const struct align_row *r,
                      const char *open, const char *close);
/* Rows of al the view hides (view.skip), 0 when none. */
size_t export_hidden_rows(const struct alignment *al, const struct export_view *v);
/* "N rows hidden (not the story)" for the headers of HTML, Markdown and
 * text, into buf ("" when none are). */
void export_hidden_note(char *buf, size_t size, const struct alignment *al,
                        const struct export_view *v);

/* Share of side's sentences that are matched, in percent (100 for none). */
int export_matched_pct(const struct align_stats *st, int side);
/* "37 sentences, 48% matched" for side, into buf. */
void export_side_summary(char *buf, size_t size, const struct align_stats *st, int side);

/* The digest's items as the text formats print them, a line each:
 * "  row 12  number changed: $50,000 -> $500,000" (rows counted from 1),
 * after a line "What changed: <summary>".  Nothing when dg is NULL. */
void export_digest_text(FILE *f, const struct digest *dg);

/* --stat: one line for the comparison: "A vs B: 15 changed, 3 moved, 19
 * cut, 31 added, 0 same; 2 quotations, 1 number, 3 names" (rows by kind,
 * then the digest's kinds but cut and added; the names escaped). */
void export_stat_line(FILE *f, const struct export_cmp *c);

/* Where a document came from, as labelled values for headers: the
 * headline, byline, site, dates, canonical URL and, for a fetched page,
 * the URL asked, the final URL (when it differs), the HTTP status, the
 * time of the fetch and the copy kept.  Only the known fields; none for a
 * plain text file.  The values point into the document's metadata, or
 * into the struct (the status). */
#define EXPORT_SOURCE_FIELDS 12
struct export_source {
    size_t n;
    const char *label[EXPORT_SOURCE_FIELDS];
    const char *value[EXPORT_SOURCE_FIELDS];
    char status[16];
};
void export_source_fields(const struct doc *d, struct export_source *out);

/* "Only in DIR: NAME" for o (the path cut at its last '/'), escaped
 * (escape.h): a new string. */
char *export_only_text(const struct export_only *o);

/* The row kinds in the order the statistics and legends list them. */
extern const enum row_kind export_kind_order[ROW_KIND_COUNT];

/* "N rows (rows a–b shown): 15 changed · 3 moved (pairs) · … · 12 same
 * (2 but for case, quotes or dashes)" with each count between bold_open
 * and bold_close (markup of the format), and a note when the cost limit
 * was reached.  No line end. */
void export_stats_line(FILE *f, const struct alignment *al, const struct export_view *v,
                       const char *bold_open, const char *bold_close);

/* The character at s[i] (i < end) as an export shows it: returns its
 * length in bytes and stores in *cp the code point, ' ' for any white
 * space, TEXT_REPLACEMENT for an invalid byte or a noncharacter (U+FFFE,
 * U+FFFF and the like: the caller then writes U+FFFD, never the bytes),
 * -1 for a character that is not shown (C0 and C1 controls, DEL), or
 * EXPORT_CHAR_MARK for a bidi control (escape_is_bidi), which every format
 * shows as a visible mark (export_mark) instead of letting it reorder the
 * text around it.  Everything else (combining marks, ZWJ, emoji) passes as
 * written. */
#define EXPORT_CHAR_MARK (-2)
size_t export_char(const char *s, size_t end, size_t i, int32_t *cp);
/* The visible mark of the bidi control at s[i] ("\u202e", escape.h) into
 * out (room for ESCAPE_CP_MAX bytes); returns its length (its width: it
 * is ASCII). */
size_t export_mark(const char *s, size_t end, size_t i, char *out);
/* The end of the run of bytes from s[i] that a format writes as they are,
 * in one go: printable ASCII that special[] (indexed by byte, 128
 * entries) does not mark, starting with a non-space, each space after a
 * non-space (export_char would give each of them itself, and a white
 * space run writes one space).  i when s[i] starts no such run. */
size_t export_plain_run(const char *s, size_t end, size_t i, const bool special[128]);

/* The current local time as ISO 8601 with offset ("2026-11-23T17:10:00+01:00")
 * into buf (at least 32 bytes). */
void export_timestamp_now(char *buf, size_t size);

/* A short, safe default file name for a snapshot of a against b that
 * tells pairs apart: of each base name without folders and extension the
 * part that differs from the other's (their common prefix and suffix left
 * out at word boundaries: "cluster__a-outlet" and "cluster__b-outlet" give
 * "a" and "b"; the same name on both sides adds each one's folder), cut to
 * 16 characters, characters other than [A-Za-z0-9_-] as '_' (one for each
 * UTF-8 character), after each document's number and a '-' when num_a and
 * num_b are not SIZE_MAX (a pair of a folder); then the timestamp's first
 * 12 digits as YYYYMMDD-HHMM (or, with fewer digits, its safe characters);
 * then suffix (may be NULL) and the format's extension:
 * "000_f22e6673dc503a-vs-001_337949aa419a66-20261123-1710.html",
 * "0-000_f22e6673dc503a-vs-1-001_337949aa419a66-20261123-1710.html".
 * Returns a new string. */
char *export_pair_name(const char *path_a, size_t num_a, const char *path_b, size_t num_b,
                       const char *timestamp, const char *suffix, enum export_format fmt);
/* export_pair_name without numbers. */
char *export_default_name(const char *path_a, const char *path_b, const char *timestamp,
                          const char *suffix, enum export_format fmt);

#endif
