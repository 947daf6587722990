/* export_ansi.c - the side-by-side text in the reader's colours, as SGR
 * escape codes (ECMA-48), for `less -R` and terminals.
 *
 * The palette is the reader's 256-colour one (tui_draw.c pal256): the
 * common text of a pair yellow, deleted words bold white on red (124),
 * inserted words bold white on green (28), sentences only in A red and only
 * in B green, fold markers grey (244), gutter marks bold in the colour of
 * their kind (a weak pair's '?' magenta), role letters grey (244), the
 * text of a sentence that is not the story grey (243, the reader's dimmed
 * boilerplate), a same row's characters that differ only in case, quotes
 * or dashes underlined, moved notes cyan.  Instead of the reader's reversed header
 * line, the "---"/"+++" lines are bold.  Every coloured stretch is closed
 * with SGR 0 before its line ends, so a line never bleeds into the next
 * (less -R, grep, a pager that starts mid-file).  The text itself carries
 * no escapes: the layout drops control characters (layout_piece_text).
 */
#include "config.h"

#include "export.h"

#define SGR_WHITE_ON_RED   "1;38;5;231;48;5;124"
#define SGR_WHITE_ON_GREEN "1;38;5;231;48;5;28"

static const struct export_style ansi_style = {
    .marks = false,
    .attr =
        {
            [LA_PLAIN] = NULL,
            [LA_COMMON] = "33",
            [LA_DEL] = SGR_WHITE_ON_RED,
            [LA_INS] = SGR_WHITE_ON_GREEN,
            [LA_DELETED] = "31",
            [LA_INSERTED] = "32",
            [LA_FOLD] = "38;5;244",
            [LA_MARK] = NULL,
            [LA_FOLDED] = "4",
        },
    .gutter =
        {
            [ROW_SAME] = NULL,
            [ROW_CHANGED] = "1;33",
            [ROW_MOVED] = "1;36",
            [ROW_DELETED] = "1;31",
            [ROW_INSERTED] = "1;32",
        },
    .weak = "1;35",
    .role = "38;5;244",
    .boiler = "38;5;243",
    .note = "36",
    .header = "1",
};

enum wd_status export_ansi(FILE *f, const struct export_input *in)
{
    return export_side_by_side(f, in, &ansi_style);
}
