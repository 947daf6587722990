/* tui_view.c - what each key does to the reader's view: the key map every
 * view shares (prompts, overlays, ^C and Q, help and redraw), the pair
 * reader's keys, help and legend, and the views' tables of operations
 * (tui_ops).  Where the view is and how it moves is tui_scroll.c's.  No
 * drawing here. */
#include "config.h"

#include "tui_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "layout.h"
#include "util.h"

bool tui_too_small(void)
{
    return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

int tui_view_height(void)
{
    return WD_MAX(LINES - 2, 1);
}

bool tui_row_hidden(const struct tui *t, size_t r)
{
    return t->hide_boiler && t->skip && r < t->nrows && t->skip[r];
}

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->msg, sizeof t->msg, fmt, ap);
    va_end(ap);
    t->msg_error = error;
}

void tui_unknown_key(struct tui *t)
{
    tui_message(t, false, "unknown key: press ? for help");
}

static void toggle_fold(struct tui *t)
{
    t->fold = !t->fold;
    if (t->fold) tui_fold_reset(t);
}

static void toggle_words(struct tui *t)
{
    t->words = !t->words;
}

static void toggle_swap(struct tui *t)
{
    t->swapped = !t->swapped;
}

static void toggle_numbers(struct tui *t)
{
    tui_numbers_set(t, !t->numbers);
}

static void toggle_boiler(struct tui *t)
{
    t->hide_boiler = !t->hide_boiler;
}

void tui_resized(struct tui *t)
{
    const struct tui_view_ops *ops = tui_ops(t);
    if (ops->resized) ops->resized(t);
    free(t->shadow);
    t->shadow = NULL;
    clearok(curscr, TRUE);
}

bool tui_is_char(const struct tui_key *k, int c)
{
    return !k->fn && k->code == c;
}

int64_t tui_scroll_amount(const struct tui_key *k, int64_t page, bool *home, bool *end)
{
    int64_t half = WD_MAX(page / 2, 1);
    *home = *end = false;
    if (k->fn) {
        switch (k->code) {
        case KEY_DOWN:
            return 1;
        case KEY_UP:
            return -1;
        case KEY_NPAGE:
            return page;
        case KEY_PPAGE:
            return -page;
        case KEY_HOME:
            *home = true;
            return 0;
        case KEY_END:
            *end = true;
            return 0;
        case TUI_KEY_WHEEL_UP:
            return -TUI_WHEEL_LINES;
        case TUI_KEY_WHEEL_DOWN:
            return TUI_WHEEL_LINES;
        default:
            return 0;
        }
    }
    switch (k->code) {
    case 'j':
    case 5 /* ^E */:
        return 1;
    case 'k':
    case 25 /* ^Y */:
        return -1;
    case ' ':
    case 6 /* ^F */:
        return page;
    case 'b':
    case 2 /* ^B */:
        return -page;
    case 4 /* ^D */:
        return half;
    case 21 /* ^U */:
        return -half;
    case 'g':
    case '<':
        *home = true;
        return 0;
    case 'G':
    case '>':
        *end = true;
        return 0;
    default:
        return 0;
    }
}

void tui_handle_key(struct tui *t, const struct tui_key *k)
{
    if (k->fn && k->code == KEY_RESIZE) {
        tui_resized(t);
        return;
    }
    if (t->exp.stage != TUI_EXP_CLOSED) {
        tui_export_key(t, k);
        return;
    }
    if (t->prompt) {
        tui_prompt_key(t, k);
        return;
    }
    if (t->help || t->info) {
        /* Any key closes help and the sources; the wheel does not count. */
        if (!(k->fn && (k->code == KEY_MOUSE || k->code == TUI_KEY_WHEEL_UP ||
                        k->code == TUI_KEY_WHEEL_DOWN)))
            t->help = t->info = false;
        return;
    }
    t->msg[0] = '\0';
    t->msg_error = false;
    if (tui_is_char(k, 3) || tui_is_char(k, 'Q')) { /* ^C, Q: quit from any view */
        t->quit = true;
        return;
    }
    /* ? and F1: help; r and ^L: draw the screen anew; in every view (on
     * the too-small notice, only leaving counts). */
    if (!tui_too_small()) {
        bool help = tui_is_char(k, '?') || (k->fn && k->code == KEY_F(1));
        if (help || tui_is_char(k, 'r') || tui_is_char(k, 12 /* ^L */)) {
            (void)tui_take_count(t); /* a count before them counts for nothing */
            if (help)
                t->help = true;
            else
                clearok(curscr, TRUE);
            return;
        }
    }
    tui_ops(t)->key(t, k);
}

/* A key of the pair reader. */
static void pair_key(struct tui *t, const struct tui_key *k)
{
    if (t->cx && (tui_is_char(k, 'q') || tui_is_char(k, 27) || tui_is_char(k, 127) ||
                  tui_is_char(k, 8) || (k->fn && k->code == KEY_BACKSPACE))) {
        tui_pair_close(t); /* back to the overview, the columns or the folders */
        return;
    }
    if (tui_is_char(k, 'q')) {
        t->quit = true;
        return;
    }
    if (tui_too_small()) return; /* nothing else makes sense on a notice */
    if (tui_count_key(t, k)) return;
    size_t count = tui_take_count(t); /* 0: none */
    int64_t times = count ? (int64_t)count : 1;
    int64_t page = tui_view_height(), half = WD_MAX(page / 2, 1);
    int c = k->code;
    if (k->fn) {
        switch (c) {
        case KEY_DOWN:
            tui_pair_scroll_by(t, times);
            break;
        case KEY_UP:
            tui_pair_scroll_by(t, -times);
            break;
        case KEY_NPAGE:
            tui_pair_scroll_by(t, page);
            break;
        case KEY_PPAGE:
            tui_pair_scroll_by(t, -page);
            break;
        case KEY_HOME:
            t->top = 0;
            break;
        case KEY_END:
            tui_layout(t);
            t->top = tui_pair_max_top(t);
            break;
        case KEY_ENTER:
            if (!tui_fold_open(t)) tui_pair_scroll_by(t, times);
            break;
        case TUI_KEY_WHEEL_UP:
            tui_pair_scroll_by(t, -TUI_WHEEL_LINES);
            break;
        case TUI_KEY_WHEEL_DOWN:
            tui_pair_scroll_by(t, TUI_WHEEL_LINES);
            break;
        case TUI_KEY_CLICK:
        case TUI_KEY_DCLICK:
            tui_pair_click_row(t, k);
            break;
        default:
            break;
        }
        return;
    }
    switch (c) {
    case '\n':
    case '\r':
        if (!tui_fold_open(t)) tui_pair_scroll_by(t, times); /* Enter on a fold opens it */
        break;
    case 'j':
    case 5 /* ^E */:
        tui_pair_scroll_by(t, times);
        break;
    case 'k':
    case 25 /* ^Y */:
        tui_pair_scroll_by(t, -times);
        break;
    case ' ':
    case 6 /* ^F */:
        tui_pair_scroll_by(t, page);
        break;
    case 'b':
    case 2 /* ^B */:
        tui_pair_scroll_by(t, -page);
        break;
    case 4 /* ^D */:
        tui_pair_scroll_by(t, half);
        break;
    case 21 /* ^U */:
        tui_pair_scroll_by(t, -half);
        break;
    case 'g':
    case '<':
        t->top = 0;
        break;
    case 'G':
    case '>':
        if (count) { /* NG: A's sentence N, as less and vim go to a line */
            tui_goto_sentence(t, SIDE_A, count);
            break;
        }
        tui_layout(t);
        t->top = tui_pair_max_top(t);
        break;
    case ']':
    case '[':
        /* N] and N[: until the count is done or the end is said */
        for (int64_t i = 0; i < times && !t->msg[0]; i++)
            (c == ']' ? tui_pair_next_diff : tui_pair_prev_diff)(t);
        break;
    case 'y':
    case 'Y':
        tui_copy(t, c == 'Y');
        break;
    case '\t':
        tui_copy_focus(t);
        break;
    case '#':
        tui_pair_relayout(t, toggle_numbers);
        tui_message(t, false, "sentence numbers %s", t->numbers ? "on" : "off");
        break;
    case ':':
        tui_goto_open(t);
        break;
    case 'm':
        tui_pair_jump_moved(t);
        break;
    case 'M':
        tui_moved_open(t);
        break;
    case '/':
        tui_prompt_open(t);
        break;
    case 'n':
    case 'N': {
        if (!t->pat) {
            tui_message(t, true, "no previous search (type / to search)");
            break;
        }
        /* From the row after (before) the current one; rows inside a fold
         * at the top are searched too (the match unfolds). */
        const struct lay_vrow *v = tui_pair_top_vrow(t);
        ptrdiff_t r = v ? (ptrdiff_t)v->row : 0;
        tui_search(t, c == 'n' ? r + 1 : r - 1, c == 'n');
        break;
    }
    case 'f':
        tui_pair_relayout(t, toggle_fold);
        tui_fold_report(t);
        break;
    case 'w':
        tui_pair_relayout(t, toggle_words);
        tui_message(t, false, "word marks %s", t->words ? "on" : "off");
        break;
    case 'e':
    case 'E':
        tui_export_open(t, c == 'E');
        break;
    case 's':
        tui_pair_relayout(t, toggle_swap);
        tui_message(t, false, "sides swapped%s", t->swapped ? "" : " back");
        break;
    case 'B':
        tui_pair_relayout(t, toggle_boiler);
        tui_message(t, false, "boilerplate %s", t->hide_boiler ? "hidden" : "shown (dimmed)");
        break;
    case 'i':
        t->info = true;
        break;
    case 'd':
        tui_digest_open(t);
        break;
    default:
        tui_unknown_key(t);
        break;
    }
}

static const char *const help_pair[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space b  ^D ^U", "page / half a page down, up (PgDn PgUp ^F ^B)"},
    {"g  Home   G  End", "top / bottom"},
    {"]  [", "next / previous difference (a count first: 3] 5j)"},
    {"#  :N  :bN  NG", "sentence numbers; to A's / B's sentence N"},
    {"m  M", "to a moved sentence's counterpart / beside it"},
    {"/  n  N", "search both sides; next / previous match"},
    {"f  Enter", "fold runs of {fold}+ identical sentences; open a fold"},
    {"w", "mark differing words (toggle)"},
    {"s", "swap sides"},
    {"B", "hide / show what is not the story (dimmed when shown)"},
    {"e  E", "export a snapshot / only the rows on screen"},
    {"y  Y  Tab", "copy the row's side / both (OSC 52); Tab: A or B"},
    {"d", "what changed in substance: the digest"},
    {"i", "where the documents come from (pages: URL, dates)"},
    {"r  ^L   ?  F1", "redraw the screen; this help"},
    {"q  ^C", "quit"},
    {"wheel  click", "scroll; a row current (Shift+drag selects text)"},
};

/* The pair reader opened from the overview or the columns: the same keys,
 * boilerplate, and q goes back. */
static const char *const help_pair_many[][2] = {
    {"j  k  Down  Up", "scroll one line"},
    {"Space b  ^D ^U", "page / half a page down, up (PgDn PgUp ^F ^B)"},
    {"g  Home   G  End", "top / bottom"},
    {"]  [", "next / previous difference (a count first: 3] 5j)"},
    {"#  :N  :bN  NG", "sentence numbers; to A's / B's sentence N"},
    {"m  M", "to a moved sentence's counterpart / beside it"},
    {"/  n  N", "search both sides; next / previous match"},
    {"f  Enter", "fold runs of {fold}+ identical sentences; open a fold"},
    {"w", "mark differing words (toggle)"},
    {"s", "swap sides"},
    {"B", "hide / show what is not the story (dimmed when shown)"},
    {"e  E", "export a snapshot / only the rows on screen"},
    {"y  Y  Tab", "copy the row's side / both (OSC 52); Tab: A or B"},
    {"d", "what changed in substance: the digest"},
    {"i", "where the documents come from (pages: URL, dates)"},
    {"r  ^L   ?  F1", "redraw the screen; this help"},
    {"q  Esc  Backspace", "back to the overview, the columns or the files"},
    {"Q  ^C", "quit"},
};

/* The legend lines of the pair reader; returns the next free line. */
static int legend_pair(struct tui *t, int y, int last)
{
    if (++y < last) {
        /* The gutter marks and the colours, drawn with the faces they name. */
        int x = 2;
        x += tui_put_str(t, y, x, "~", 1, TF_GUTTER_CHANGED);
        x += tui_put_str(t, y, x, " changed  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, "<", 1, TF_GUTTER_DELETED);
        x += tui_put_str(t, y, x, " only left  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, ">", 1, TF_GUTTER_INSERTED);
        x += tui_put_str(t, y, x, " only right  ", COLS - x, LA_PLAIN);
        x += tui_put_str(t, y, x, t->utf8 ? "\xE2\x86\x93" : "v", 1, TF_GUTTER_MOVED);
        x += tui_put_str(t, y, x, "12", 2, TF_GUTTER_MOVED);
        tui_put_str(t, y, x, " moved (row of the other place)", COLS - x, LA_PLAIN);
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"pair text", LA_COMMON},   {"  ", LA_PLAIN},           {"deleted words", LA_DEL},
            {"  ", LA_PLAIN},           {"inserted words", LA_INS}, {"  ", LA_PLAIN},
            {"only left", LA_DELETED},  {"  ", LA_PLAIN},           {"only right", LA_INSERTED},
            {"  ", LA_PLAIN},           {"match", TF_MATCH},        {"  ", LA_PLAIN},
            {"boilerplate", TF_BOILER},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"?", TF_GUTTER_WEAK},
            {" weak pair (similarity under 0.40)  ", LA_PLAIN},
            {"x", LA_FOLDED},
            {" same but for case, quotes, dashes", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    if (++y < last) {
        static const struct tui_legend lg[] = {
            {"h", TF_ROLE}, {" headline  ", LA_PLAIN},         {"d", TF_ROLE},
            {" dateline  ", LA_PLAIN}, {"c", TF_ROLE}, {" caption or credit  ", LA_PLAIN},
            {"a", TF_ROLE}, {" byline  ", LA_PLAIN},          {"b", TF_ROLE},
            {" boilerplate", LA_PLAIN},
        };
        tui_draw_legend(t, y, lg, WD_ARRAY_LEN(lg));
    }
    return y;
}


const struct tui_view_ops tui_pair_ops = {
    .name = "pair",
    .draw = tui_pair_draw,
    .key = pair_key,
    .resized = tui_pair_resized,
    .help_title = " wirediff keys",
    .help = help_pair,
    .nhelp = WD_ARRAY_LEN(help_pair),
    .legend = legend_pair,
};

/* The pair reader inside a session of many: boilerplate, and q goes back. */
const struct tui_view_ops tui_pair_many_ops = {
    .name = "pair",
    .draw = tui_pair_draw,
    .key = pair_key,
    .resized = tui_pair_resized,
    .help_title = " wirediff keys: a pair",
    .help = help_pair_many,
    .nhelp = WD_ARRAY_LEN(help_pair_many),
    .legend = legend_pair,
};

const struct tui_view_ops *tui_ops(const struct tui *t)
{
    switch (t->mode) {
    case TUI_MODE_OVERVIEW:
        return &tui_overview_ops;
    case TUI_MODE_MULTI:
        return &tui_multi_ops;
    case TUI_MODE_DIGEST:
        return &tui_digest_ops;
    case TUI_MODE_MOVED:
        return &tui_moved_ops;
    case TUI_MODE_FOLDERS:
        return &tui_folders_ops;
    case TUI_MODE_TIMELINE:
        return &tui_timeline_ops;
    case TUI_MODE_TLCUTS:
        return &tui_tlcuts_ops;
    case TUI_MODE_PAIR:
    default:
        return t->tl.x ? tui_tlpair_ops() : t->cx ? &tui_pair_many_ops : &tui_pair_ops;
    }
}
