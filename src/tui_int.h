/* tui_int.h - private to the reader (src/tui*.c): the state of one reader
 * session and the functions its files share.  Only the tui files include
 * curses.
 *
 *   tui.c         tui_run: terminal set-up and tear-down, signals, the
 *                 interactive event loop
 *   tui_model.c   what the reader holds of a pair: the alignment as given
 *                 and swapped, the rows that differ, the digest (made in
 *                 the background), the layout cache
 *   tui_view.c    the key map: keys of every view, the pair reader's keys,
 *                 help and legend, the views' tables
 *   tui_scroll.c  where the pair reader's view is: scrolling, jumps
 *   tui_search.c  the search prompt and matching (text_key on both sides,
 *                 found with keyfind.h)
 *   tui_export.c  the export prompt (e, E): format, file name, replace?
 *   tui_draw.c    colours, cells, the two columns and the gutter, the
 *                 shadow grid of semantic attributes
 *   tui_chrome.c  header and status lines, help screen, too-small notice
 *   tui_script.c  the headless scripted mode (tests/ui/README)
 *   tui_corpus.c  many documents: the corpus, alignments on demand (cached),
 *                 opening and closing a pair, boilerplate flags of a pair
 *   tui_overview.c the overview: documents, heat map, ranked pairs, its keys
 *                 (tui_overview_draw.c its screen)
 *   tui_multi.c   the multi-column view: a pivot against the others (the
 *                 model; tui_multi_key.c its keys, tui_multi_draw.c its
 *                 screen)
 *   tui_folders.c two folders: their files paired by relative path
 *   tui_timeline.c versions of one article: the list of versions, the
 *                 cut sentences
 *   tui_tlstep.c  the pair reader of a timeline's step: stepping through
 *                 the versions, sentence lives
 *
 * Views: each is one file behind one table of operations (struct
 * tui_view_ops: draw, key, resized, its help), chosen by the mode
 * (tui_ops); tui_view.c's shared key map (prompts, overlays, ^C and Q,
 * help and redraw) and tui_draw.c's frame (too-small notice, overlays)
 * call through it.  A session of two files is the pair reader only
 * (TUI_MODE_PAIR).  A session of many (tui_opts.overview) starts in
 * TUI_MODE_OVERVIEW; Enter on a pair opens TUI_MODE_PAIR and q goes back;
 * p opens TUI_MODE_MULTI.  A session of two folders (tui_opts.pairs)
 * starts in TUI_MODE_FOLDERS, from which Enter opens a pair, as from the
 * overview.
 *
 * Units: "lines" are screen lines of the layout (uint64_t), "rows" are
 * alignment rows, "vrows" display rows of the layout (layout.h).
 */
#ifndef WD_TUI_INT_H
#define WD_TUI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "align.h"
#include "colmap.h"
#include "layout.h"
#include "theme.h"
#include "tui.h"

/* Smallest usable terminal; below it only a notice is drawn. */
#define TUI_MIN_COLS  40
#define TUI_MIN_LINES 8

/* Lines the mouse wheel scrolls per notch. */
#define TUI_WHEEL_LINES 3

/* Key codes of our own beyond curses' KEY_MAX (mouse wheel, a click and
 * a double click of the first button). */
enum { TUI_KEY_WHEEL_UP = KEY_MAX + 1, TUI_KEY_WHEEL_DOWN, TUI_KEY_CLICK, TUI_KEY_DCLICK };

/* Two presses of the button this close (milliseconds) on one line are a
 * double click. */
#define TUI_DCLICK_MS 400

/* One key press: a character (code point) or a function key (a curses
 * KEY_* code or TUI_KEY_*); a click says where (screen line and column). */
struct tui_key {
    bool fn;
    int code;
    int y, x;
};

/* What a screen cell shows, for colour and for "dump attrs" (one letter
 * each, see tui_face_letter): the faces of theme.h, whose first LA_COUNT
 * values are enum lay_attr. */

/* Heat levels of an overlap share: (0, .2) .2 .4 .6 .8 and up. */
#define TUI_HEAT_LEVELS 5

/* A built layout and the options it was built for (cache entry). */
struct tui_lay {
    struct layout *l;
    int width[2];
    bool words, fold, swapped, hide;
    unsigned long unfold_gen; /* the opened folds it was built with */
    unsigned long gen; /* when it was built (tui.lay_gen), to tell layouts apart */
};

#define TUI_LAY_CACHE 2 /* layouts kept: toggling an option back is instant */

/* Where the export prompt is (tui_export.c). */
enum tui_exp_stage { TUI_EXP_CLOSED, TUI_EXP_FORMAT, TUI_EXP_NAME, TUI_EXP_REPLACE };

struct tui_export {
    enum tui_exp_stage stage;
    bool used;          /* opened before (else format is html) */
    int format;         /* enum export_format: the default at the prompt */
    bool corpus;        /* the overview and the columns, not the pair */
    bool timeline;      /* the whole timeline (tui_timeline_write), not the pair */
    bool visible;       /* E: only the rows on screen ... */
    size_t first, last; /* ... alignment rows first..last (inclusive) */
    char stamp[80];     /* the time of this snapshot (CONF_TIMESTAMP_MAX and more) */
    char *input;        /* the text being edited, NUL-terminated */
    size_t ninput, capinput;
    const char *timestamp;        /* --timestamp, or NULL: the clock ... */
    const char *timestamp_format; /* ... by this strftime format (NULL: ISO 8601) */
    int first_format;             /* the first default: the config file's, or -1 (html) */
};

enum tui_mode {
    TUI_MODE_PAIR,
    TUI_MODE_OVERVIEW,
    TUI_MODE_MULTI,
    TUI_MODE_DIGEST, /* the pair's digest (d), over the pair */
    TUI_MODE_MOVED,  /* a moved pair side by side (M), over the pair */
    TUI_MODE_FOLDERS,
    TUI_MODE_TIMELINE, /* the versions of a timeline (tui_timeline.c) */
    TUI_MODE_TLCUTS,   /* the sentences a timeline's steps cut */
    TUI_MODE_COUNT
};

struct tui;

/* One view of the reader behind one table of operations (tig's struct
 * view_ops): the event loop, the shared chrome and the help screen call
 * through it and know no view's insides.  A key the shared map does not
 * take (prompts, overlays, ^C and Q) goes to key. */
struct tui_view_ops {
    const char *name;
    /* The whole screen (the overlays, help and sources, are the chrome's). */
    void (*draw)(struct tui *t);
    void (*key)(struct tui *t, const struct tui_key *k);
    /* The terminal was resized (LINES and COLS are new); may be NULL. */
    void (*resized)(struct tui *t);
    /* The help screen: its title, its key lines, and its legend, drawn
     * from line y (returns the next free one, before last). */
    const char *help_title;
    const char *const (*help)[2];
    size_t nhelp;
    int (*legend)(struct tui *t, int y, int last);
};
extern const struct tui_view_ops tui_pair_ops, tui_overview_ops, tui_multi_ops, tui_digest_ops,
    tui_moved_ops, tui_folders_ops, tui_timeline_ops, tui_tlcuts_ops, tui_pair_many_ops;
/* The pair reader of a timeline's step (its help lists the timeline's keys
 * and the pair reader's). */
const struct tui_view_ops *tui_tlpair_ops(void);
/* The current view's table. */
const struct tui_view_ops *tui_ops(const struct tui *t);

/* An alignment of the cache: documents a < b (a as side A), and the
 * swapped one (b as side A), each built on first use. */
struct tui_alent {
    uint32_t a, b;
    struct alignment *al, *sw;
};

/* The documents of a session of many (tui_corpus.c). */
struct tui_corpus {
    struct doc_ctx *ctx;
    struct doc *const *docs; /* the caller's */
    size_t ndocs;
    struct corpus *c;
    struct align_opts ao;
    struct tui_alent *tab; /* open addressing on (a, b); cap a power of 2 */
    size_t cap, used;
};

/* The overview (tui_overview.c). */
struct tui_overview {
    size_t sel;        /* selected item: documents 0..n-1, then the pairs */
    size_t dtop, ptop; /* first document / pair shown */
    float *best;       /* per document: highest overlap with another ... */
    uint32_t *bestof;  /* ... and that other document */
    float *matrix;     /* n x n overlaps when n <= TUI_MATRIX_MAX, else NULL */
    uint32_t *nothing; /* documents that overlap nothing */
    size_t nnothing;
    int namew; /* widest file name (display columns) */
};

/* The list of two folders' files (tui_folders.c). */
struct tui_folders {
    const struct tui_filepair *p; /* the caller's */
    size_t n;
    char *dir[2];    /* the folders' names, escaped */
    size_t sel, top; /* selected pair, first shown */
    int pathw;       /* widest path (display columns) */
};

/* One other document of the multi-column view, against the pivot. */
struct tui_mcol {
    const struct alignment *al; /* pivot as A, this document as B (cache) */
    struct colmap map;          /* which row stands beside each pivot sentence, own rows */
    bool mapped;
    size_t unpaired;            /* sentences of B in no pair with the pivot */
    float overlap;              /* of the pair (corpus), 0 when none */
    struct layout *l;           /* al laid out at width (B side used), or NULL */
    int width;
    bool words;
};

/* The multi-column view (tui_multi*.c). */
struct tui_multi {
    size_t pivot;
    struct tui_mcol *cols;  /* per document (the pivot's unused), filled on use */
    struct alignment *self; /* the pivot with itself: one row per sentence */
    struct layout *selfl;   /* ... laid out at selfw */
    int selfw;
    bool selfwords;
    bool opened;       /* hide_none has its default */
    bool hide_none;    /* o: the documents that share nothing with the pivot hidden */
    uint32_t *vis;     /* the other documents that can be shown, in order */
    size_t nvis;
    size_t first;      /* first other document shown, counted among vis */
    size_t want_first; /* ... as asked for (open, h, l); first is it clamped to
                          what fits, so that the last screen of columns is full */
    /* The row index: which pivot sentences are shown and their heights, for
     * the columns shown; rebuilt only when one of the keys changes. */
    bool valid;
    size_t kfirst;
    int kncols, kwidth;
    bool kwords, khide;
    /* Slots shown, ascending: 2i + 1 for pivot sentence i, 2g for the own
     * sentences of gap g (colmap.h) when a shown column has any. */
    uint32_t *rows;
    uint64_t *ry;   /* first line of each; ry[nrows] is the total */
    size_t nrows, caprows;
    uint64_t top; /* first line shown */
    /* The place the last rebuild of the row index restored (a pivot
     * sentence and the lines into its row) and the top that gave: reused
     * while the view stays there, so that resizes do not wear it away. */
    size_t kept_sent;
    uint64_t kept_off, kept_top;
    bool kept_valid;
    /* P: the pivot sentence the next rebuild puts at the top (the new
     * pivot's counterpart of the sentence that was there). */
    size_t goto_sent;
    bool goto_valid;
};

/* A timeline (tui_timeline.c): its list of versions, the step the pair
 * reader shows, the list of cut sentences. */
struct tui_tl {
    const struct export_timeline *x; /* NULL: no timeline */
    size_t n;                        /* versions */
    bool minor;                      /* a: minor versions shown, not folded */
    uint32_t *lines;                 /* list lines: a version, or TUI_TL_FOLD | the first of
                                        a run of minor versions folded */
    size_t nlines;
    size_t sel, top;    /* selected line, first shown */
    size_t step;        /* the step in the pair reader (TIMELINE_OVERALL: first vs latest) */
    size_t last_step;   /* the step F goes back to */
    size_t csel, ctop;  /* the cut list: selected, first shown */
    enum tui_mode cback; /* where the cut list goes back to */
};
#define TUI_TL_FOLD 0x80000000u

struct tui {
    /* Sessions of many documents (NULL: two files). */
    struct tui_corpus *cx;
    enum tui_mode mode;
    enum tui_mode back; /* where q in the pair reader returns to */
    struct tui_overview ov;
    struct tui_multi mv;
    struct tui_folders fl;
    struct tui_tl tl;
    bool hide_boiler; /* B: boilerplate rows hidden */
    struct {
        size_t prefix; /* bytes of the prefix the session's file names share */
        bool known;
    } names; /* tui_names.c */

    /* The pair's boilerplate flags per sentence of al[0]'s A and B (NULL:
     * none known) and the rows they make hidden (all shown sentences
     * boilerplate; NULL when none). */
    const uint8_t *boiler[2];
    uint8_t *own_boiler[2]; /* the flags of a pair opened directly (tui_pair_roles) */
    uint8_t *skip;

    /* The model: [0] as given, [1] swapped (built on first use, ours). */
    struct alignment *al[2];
    struct digest *dg[2]; /* the digest of al[0] and al[1], on first use (tui_digest) */
    struct tui_dgjob *dgjob; /* al[0]'s digest, made from the first frame on (tui_model.c) */
    size_t dsel, dtop;    /* the digest view: selected item, first shown */
    size_t mvrow;         /* the moved view: the pair's row at A's place ... */
    uint32_t mvtop;       /* ... and the first line shown */
    bool swapped;
    size_t nrows;
    uint32_t *diffs; /* rows that are not same, ascending */
    size_t ndiffs;
    uint32_t *moves; /* moved rows, ascending */
    size_t nmoves;
    size_t ndocs;

    /* The view. */
    struct tui_lay cache[TUI_LAY_CACHE]; /* cache[0] is the current layout */
    bool words, fold;
    int fold_min;             /* tui_opts.fold_min */
    uint8_t *unfold;          /* per row: in a fold opened with Enter (tui_fold.c) ... */
    unsigned long unfold_gen; /* ... changed each time */
    bool no_digest; /* no digest counts in the status line (tui_opts) */
    uint64_t top; /* first layout line shown */
    int gutter;   /* gutter width in columns: the marks' ... */
    int gutter_marks; /* ... (the moved rows' arrows), and sentence numbers (#) */
    bool numbers;     /* # : each side's sentence numbers in the gutter */
    size_t count;     /* a count being typed before a motion (0: none) */
    bool help;    /* the help screen is shown */
    bool info;    /* the documents' sources are shown (i) */
    bool quit;
    unsigned long lay_gen; /* layouts built so far */
    /* The place a resize restored (tui_resized): alignment row and the
     * fraction of its display row above the top, kept while the view stays
     * where that put it (same layout, same top), so that a series of
     * resizes reuses it instead of rounding it off a little each time. */
    struct {
        size_t row;
        double frac;
        uint64_t top;
        unsigned long gen;
        bool valid;
    } kept;

    /* Search. */
    bool prompt; /* the search prompt is open ... */
    char prompt_char; /* ... for '/' a search, ':' a sentence to go to */
    char *input; /* its UTF-8 text, NUL-terminated */
    size_t ninput, capinput;
    char *pat; /* text_key of the last pattern (not NUL-terminated) */
    size_t npat, cappat;
    char *pat_text;  /* the pattern as typed, for messages */
    uint32_t *mrows; /* rows whose shown sentences match pat, ascending */
    size_t nmrows;
    struct keyfind *kf[2]; /* the search indexes of the last documents searched */
    struct tui_warm *warm; /* the indexes of the pair shown, being built (tui_search.c) */
    char *mkey;     /* per-cluster key of a sentence, for highlights ... */
    uint32_t *kmap; /* ... and the byte span of the cluster of each key byte */
    size_t capmkey, capkmap;

    /* Export prompt. */
    struct tui_export exp;

    /* Status line message. */
    char msg[256];
    const struct doc *changed[2]; /* the last documents said to have changed on disk */
    bool msg_error;

    /* Terminal. */
    FILE *term_out; /* where curses writes (OSC 52 goes there too) */
    int focus;      /* the side y copies (Tab), SIDE_A or SIDE_B */
    char *clip;     /* the last text copied (tui_copy.c) */
    bool headless;
    bool utf8; /* the locale's charset is UTF-8 */
    /* Colours: the theme (tui_opts.theme, else the dark one), and whether
     * to use them at all (tui_opts.color: else attributes only). */
    struct theme theme;
    bool color;
    attr_t face_attr[TF_COUNT];
    short face_pair[TF_COUNT];
    char *shadow; /* LINES x COLS letters of the faces drawn (tui_face_letter) */
    int shadow_lines, shadow_cols;

    /* Scratch buffers. */
    char *buf, *kbuf;
    size_t capbuf, capkbuf;
};

/* ---- tui.c ---- */
/* Start fn(arg) on a thread of its own with every signal blocked in it, so
 * that the reader's (a stop, a resize) reach the reader's thread; false
 * when no thread could be started. */
bool tui_spawn(pthread_t *th, void *(*fn)(void *), void *arg);

/* ---- tui_model.c ---- */
void tui_view_init(struct tui *t, struct alignment *al, size_t ndocs, bool words, bool fold);
void tui_view_free(struct tui *t);
const struct alignment *tui_al(const struct tui *t);
/* The digest of the pair as shown (digest.h), built on first use (or
 * waited for, when it is being made in the background). */
const struct digest *tui_digest(struct tui *t);
/* The same without waiting: NULL while it is being made. */
const struct digest *tui_digest_ready(struct tui *t);
/* Start making the digest of the pair in the background (after a frame),
 * unless it is there, being made, or not wanted.  True when no thread
 * could be started and it was made at once (the frame is then stale). */
bool tui_digest_warm(struct tui *t);
/* Is something shown still being made in the background (the digest's
 * counts)?  The event loop then draws again when it is done. */
bool tui_busy(const struct tui *t);
/* Wait for what is being made in the background and keep it; true when
 * there was something (the screen is then to be drawn again). */
bool tui_settle(struct tui *t);
/* The current layout (built if needed for the terminal's size); NULL when
 * the terminal is too small. */
const struct layout *tui_layout(struct tui *t);
/* Decimal digits of n. */
int tui_digits(size_t n);

/* ---- tui_view.c ---- */
bool tui_too_small(void);
/* Lines of text between header and status line. */
int tui_view_height(void);
/* The terminal size changed (LINES and COLS are current). */
void tui_resized(struct tui *t);
/* Act on one key. */
void tui_handle_key(struct tui *t, const struct tui_key *k);
/* Put the display row of alignment row `row` at the top of the view (a
 * jump: may show blank lines past the end, like less). */
void tui_goto_row(struct tui *t, size_t row);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A key the view does not take: says so in the status line. */
void tui_unknown_key(struct tui *t);
/* Is row r hidden (boilerplate, with B)? */
bool tui_row_hidden(const struct tui *t, size_t r);
/* Is the key the character c? */
bool tui_is_char(const struct tui_key *k, int c);
/* The keys that scroll a view by lines: the change in lines for k (page:
 * lines of a page), or 0 for no such key; *home / *end for the top and
 * bottom keys. */
int64_t tui_scroll_amount(const struct tui_key *k, int64_t page, bool *home, bool *end);

/* ---- tui_scroll.c ---- */
/* Scroll by d lines, up when d < 0; down no further than max_top, or
 * than the top a jump left (then it stays). */
void tui_pair_scroll_by(struct tui *t, int64_t d);
/* Last line the view may start at when scrolling: the end of the text at
 * the bottom of the view.  Jumps may go further (like less after a search
 * near the end); scrolling down then stays put. */
uint64_t tui_pair_max_top(struct tui *t);
/* The display row at the top of the view, or NULL when there is none. */
const struct lay_vrow *tui_pair_top_vrow(struct tui *t);
/* ]: to the next row that differs below the top one (hidden ones
 * skipped), or a message that there is none. */
void tui_pair_next_diff(struct tui *t);
/* [: to the start of the difference the top line is in, else to the
 * previous one, or a message that there is none. */
void tui_pair_prev_diff(struct tui *t);
/* m: the moved row at or nearest below the top, to its counterpart. */
void tui_pair_jump_moved(struct tui *t);
/* A click on a row makes it the current one (at the top, what y and Y
 * copy); a double click on a fold opens it. */
void tui_pair_click_row(struct tui *t, const struct tui_key *k);
/* Apply a change of layout options, keeping the current row in view. */
void tui_pair_relayout(struct tui *t, void (*change)(struct tui *));
/* The pair reader keeps the row at the top where it was. */
void tui_pair_resized(struct tui *t);

/* ---- tui_search.c ---- */
void tui_search_free(struct tui *t);
/* Forget the pattern and its matches (a new pair is shown). */
void tui_search_reset(struct tui *t);
void tui_prompt_open(struct tui *t);
void tui_prompt_key(struct tui *t, const struct tui_key *k);
/* Search for the last pattern from row start on (may be -1 or nrows: it
 * wraps), forward or backward, around the document once; lands on the
 * matching row and reports in the status line. */
void tui_search(struct tui *t, ptrdiff_t start, bool forward);
/* After a frame: start building the search indexes of the pair shown in
 * a thread of its own, unless they are there or being built, so that the
 * first search finds them ready; take those a finished build made. */
void tui_search_warm(struct tui *t);
/* Does row r match the last pattern? */
bool tui_row_matches(const struct tui *t, size_t r);
/* The matches of the last pattern in the sentence s[from, to): byte spans
 * as start, end pairs into out (room for cap pairs); returns how many.
 * Matching is on text_key of each grapheme cluster with white space runs
 * as one space, so a span starts and ends on cluster boundaries; when that
 * finds nothing but the sentence's own key matches, the whole sentence. */
size_t tui_match_spans(struct tui *t, const char *s, uint32_t from, uint32_t to, uint32_t *out,
                       size_t cap);

/* UTF-8 of code point cp into out (room for 4); returns its length. */
size_t tui_utf8_encode(int32_t cp, char *out);

/* ---- tui_fold.c ---- */
/* Enter: open the fold at the top of the view, else the first on screen;
 * false when there is none (Enter then scrolls). */
bool tui_fold_open(struct tui *t);
/* f turned folding on: every run folds again; and what f did, said in the
 * status line. */
void tui_fold_reset(struct tui *t);
void tui_fold_report(struct tui *t);
void tui_fold_free(struct tui *t);

/* ---- tui_copy.c ---- */
/* y (both false): the current row's sentences of the focused side to the
 * clipboard (OSC 52); Y (true): both sides as a quote block. */
void tui_copy(struct tui *t, bool both);
/* Tab: the other side gets the focus. */
void tui_copy_focus(struct tui *t);
void tui_copy_free(struct tui *t);

/* ---- tui_goto.c ---- */
/* #: sentence numbers in the gutter on or off (sets t->gutter). */
void tui_numbers_set(struct tui *t, bool on);
/* Draw row r's sentence numbers in the gutter at (y, x) when they are on;
 * returns the column where the gutter's marks begin. */
int tui_numbers_draw(struct tui *t, const struct align_row *r, int y, int x);
/* Go to sentence n (from 1) of side (SIDE_A, SIDE_B) as shown, or say why
 * not in the status line. */
void tui_goto_sentence(struct tui *t, int side, size_t n);
/* ':' opens the prompt; Enter there hands its text here ("12", "b12"). */
void tui_goto_open(struct tui *t);
void tui_goto_enter(struct tui *t, const char *s);
/* A digit of a count before a motion: taken (true) or not a count key. */
bool tui_count_key(struct tui *t, const struct tui_key *k);
/* The count typed (0: none), forgotten. */
size_t tui_take_count(struct tui *t);

/* ---- tui_export.c ---- */
/* e (visible false) or E (true): open the export prompt. */
void tui_export_open(struct tui *t, bool visible);
/* A key while the export prompt is open. */
void tui_export_key(struct tui *t, const struct tui_key *k);
/* Draw the prompt over the whole status line y (a file name is long);
 * leaves the cursor after the text. */
void tui_export_draw(struct tui *t, int y);
void tui_export_free(struct tui *t);

/* ---- tui_draw.c ---- */
void tui_colors_init(struct tui *t);
/* Draw the whole screen into stdscr and the shadow grid (no refresh):
 * the too-small notice, an overlay (help, sources) or the current view. */
void tui_draw(struct tui *t);
/* The pair reader's screen: header, the two columns, status line. */
void tui_pair_draw(struct tui *t);
/* Draw and send the frame to the terminal. */
void tui_frame(struct tui *t);
/* The letter "dump attrs" prints for face f. */
char tui_face_letter(int f);
/* Draw UTF-8 text at (y, x) in face, cluster by cluster, in at most maxw
 * columns; returns the columns drawn.  tui_put_trunc ends a text wider
 * than maxw with an ellipsis. */
int tui_put_str(struct tui *t, int y, int x, const char *s, int maxw, int face);
int tui_put_trunc(struct tui *t, int y, int x, const char *s, int maxw, int face);
/* ---- tui_names.c ---- */
/* Draw a file name (a doc_label) in at most maxw columns: when too wide,
 * the prefix every name of the session shares is an ellipsis, then the
 * middle is cut, keeping what tells the names apart.  Returns the columns
 * drawn. */
int tui_put_name(struct tui *t, int y, int x, const char *name, int maxw, int face);

/* w blank cells in face from (y, x). */
void tui_fill(struct tui *t, int y, int x, int w, int face);
/* Display width of a NUL-terminated UTF-8 string (text.h clusters). */
int tui_str_width(const char *s);
/* The face of an overlap share in 0..1: TF_HEAT1 .. TF_HEAT5, or LA_PLAIN
 * for 0. */
int tui_heat_face(double overlap);

/* Which sentences of a row side are boilerplate, for dimming: the side's
 * sentences, the flags (NULL: none), the row's sentences first..first+n-1. */
struct tui_dim {
    const struct sentence *sent;
    const uint8_t *flags;
    uint32_t first, n;
};
/* Draw line ln of side of layout l at (y, x0): pieces in their faces,
 * boilerplate text (dim, may be NULL) as TF_BOILER. */
void tui_draw_lay_line(struct tui *t, const struct layout *l, int side, const struct lay_line *ln,
                       int y, int x0, const struct tui_dim *dim);
/* The boilerplate of side (as shown) of the pair reader's display row v,
 * for dimming (nothing when none is known). */
void tui_row_dim(const struct tui *t, const struct lay_vrow *v, int side, struct tui_dim *dim);

/* ---- tui_corpus.c ---- */
/* Analyse docs[0..n) (corpus_new, unless !analyse: pairs only, no
 * overlap and no boilerplate) into cx; ao may be NULL. */
void tui_corpus_init(struct tui_corpus *cx, struct doc_ctx *ctx, struct doc *const *docs, size_t n,
                     const struct align_opts *ao, bool analyse);
void tui_corpus_free(struct tui_corpus *cx);
/* The alignment of docs[a] (side A) with docs[b], a != b: built on first
 * use and kept (owned by cx); b with a is the swapped one, so both
 * directions pair the same sentences. */
const struct alignment *tui_corpus_align(struct tui_corpus *cx, size_t a, size_t b);
/* Open the pair reader on documents a and b (a on the left), returning to
 * mode back on q. */
void tui_pair_open(struct tui *t, size_t a, size_t b, enum tui_mode back);
/* Leave the pair reader for the mode it came from. */
void tui_pair_close(struct tui *t);
/* The boilerplate flags of the pair the reader opened directly (two
 * files), from the roles of its sentences (role.h, settled by
 * corpus_settle_roles as the overview's corpus does): dimmed, and hidden
 * with B, as in a pair opened from the overview. */
void tui_pair_roles(struct tui *t);

/* ---- tui_overview.c ---- */
void tui_overview_init(struct tui *t);
void tui_overview_free(struct tui *t);
void tui_overview_key(struct tui *t, const struct tui_key *k);
/* What the files of the overview share (tui_overview_draw.c uses them). */
/* Where things go on screen: the document lines from y dy (dh of them),
 * the pair lines from py (ph), the line of documents overlapping nothing at
 * ny (-1: none). */
struct tui_ov_geom {
    int dhead, dy, dh;
    int phead, py, ph;
    int ny;
};

/* Documents of the session. */
size_t tui_ov_ndocs(const struct tui *t);
/* The pairs that share a sentence, best first (corpus_pairs). */
const struct corpus_pair *tui_ov_pairs(const struct tui *t, size_t *np);
/* Lines of the two lists: the documents, then the pairs. */
size_t tui_ov_nitems(const struct tui *t);
/* Where the lists go on a screen of the current size. */
void tui_ov_geometry(const struct tui *t, struct tui_ov_geom *g);
/* Keep the selection inside the lines shown. */
void tui_ov_follow(struct tui *t, const struct tui_ov_geom *g);

/* ---- tui_overview_draw.c ---- */
void tui_overview_draw(struct tui *t);

/* ---- tui_folders.c ---- */
void tui_folders_init(struct tui *t, const struct tui_opts *o);
void tui_folders_free(struct tui *t);

/* ---- tui_timeline.c ---- */
void tui_timeline_init(struct tui *t, const struct tui_opts *o);
void tui_timeline_free(struct tui *t);
/* Select version k in the list (its fold when folded). */
void tui_timeline_select(struct tui *t, size_t k);
/* x: the list of cut sentences, back to the current view. */
void tui_timeline_cuts_open(struct tui *t);
/* q, Esc, Backspace: back from a view of the timeline. */
bool tui_timeline_back_key(const struct tui_key *k);
/* e in the timeline: the whole chain (export_timeline.h) to f in the
 * export prompt's format, as the command line writes it. */
enum wd_status tui_timeline_write(struct tui *t, FILE *f);
/* ---- tui_tlstep.c ---- */
/* Show step k (1 .. n-1, or TIMELINE_OVERALL) in the pair reader, from
 * wherever the reader is; q returns to the timeline. */
void tui_timeline_step_open(struct tui *t, size_t k);

/* ---- tui_multi.c ---- */
/* Show the multi-column view with pivot p and document first_doc the
 * first column beside it (SIZE_MAX: the first one). */
void tui_multi_open(struct tui *t, size_t p, size_t first_doc);
void tui_multi_free(struct tui *t);
/* What the files of the multi-column view share (tui_multi_key.c and
 * tui_multi_draw.c use the model). */
/* Columns of a column's gutter: a mark and a space. */
#define TUI_MULTI_GUTTER 2
/* Documents of the session. */
size_t tui_mv_ndocs(const struct tui *t);
/* The other documents that can be shown (the pivot's others, less those
 * hidden by o). */
size_t tui_mv_nothers(const struct tui *t);
/* The document shown in other-column position i (0-based among vis). */
size_t tui_mv_other_doc(const struct tui *t, size_t i);
/* The documents beside the pivot, the hidden ones left out. */
void tui_mv_set_visible(struct tui *t);
/* Document o's position among the visible others (0 when hidden). */
size_t tui_mv_vis_index(const struct tui *t, size_t o);
/* Sentences of the pivot. */
size_t tui_mv_pivot_sentences(const struct tui *t);
/* Beside pivot sentence i in column c: the mark, and the row whose side
 * to show, or -1 when none (colmap_cell). */
ptrdiff_t tui_mv_cell(const struct tui_mcol *c, size_t i, int side, enum col_mark *mark);
/* Is own row r of column c (document o) shown (not hidden boilerplate)? */
bool tui_mv_own_shown(const struct tui *t, const struct tui_mcol *c, size_t o, uint32_t r);
/* The entry of the row index that holds line y. */
size_t tui_mv_row_at(const struct tui_multi *mv, uint64_t y);
/* The greatest top: the last line of the rows at the bottom of the view. */
uint64_t tui_mv_max_top(const struct tui_multi *mv);
/* Make sure the columns shown are built and the row index is theirs;
 * returns the number of other columns shown and sets *w (column width). */
int tui_mv_prepare(struct tui *t, int *w);

/* ---- tui_multi_key.c ---- */
void tui_multi_key(struct tui *t, const struct tui_key *k);

/* ---- tui_multi_draw.c ---- */
void tui_multi_draw(struct tui *t);

/* ---- tui_digest.c ---- */
/* Show the digest of the pair (the d key). */
void tui_digest_open(struct tui *t);
/* M: the moved pair at or below the top of the pair reader side by side
 * (tui_moved.c). */
void tui_moved_open(struct tui *t);

/* ---- tui_chrome.c ---- */
void tui_draw_header(struct tui *t, const struct layout *l);
void tui_draw_status(struct tui *t, const struct layout *l);
/* A view's status line y (filled already): right at its end, then the
 * search or goto prompt, the export's prompt or the message over the rest
 * if there is one (returns -1: the line is done), else the width of
 * right, for the view to put its own text before it. */
int tui_status_right(struct tui *t, int y, const char *right);
void tui_draw_help(struct tui *t);
/* A piece of a legend line: text in a face. */
struct tui_legend {
    const char *text;
    int face;
};
/* Draw the pieces from (y, 2) on, each in its face (help screens). */
void tui_draw_legend(struct tui *t, int y, const struct tui_legend *lg, size_t n);
/* Where the two documents of the pair come from (the i key): path, and
 * each field of export_source_fields. */
void tui_draw_info(struct tui *t);
void tui_draw_too_small(struct tui *t);

/* ---- tui_script.c ---- */
/* Run the script read from f (named name in messages) against t, from
 * the first frame on; t0_ms is when tui_run started (for the timing
 * file).  Returns 0, or 2 after a message on stderr. */
int tui_script_run(struct tui *t, FILE *f, const char *name, double t0_ms);
double tui_now_ms(void);

#endif
