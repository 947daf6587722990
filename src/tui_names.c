/* tui_names.c - file names in narrow places: a name too wide for its room
 * is cut where it says least.  First the prefix every name of the session
 * shares (whole words of it: "cluster__" of "cluster__a-outlet" and
 * "cluster__b-outlet") becomes an ellipsis; if that is still too wide, the
 * middle goes, keeping the start of what is left (where the names differ)
 * and the end (the extension):
 *
 *     cluster__a-outlet.txt  ->  …a-outlet.txt  ->  …a-out…txt
 *
 * The set is the session's documents (the overview, the columns and the
 * pairs opened from them), or the two files of a pair.
 */
#include "config.h"

#include "tui_int.h"

#include <string.h>

#include "doc.h"
#include "text.h"
#include "util.h"

/* Does byte c end a word of a file name (anything but a letter or digit
 * of ASCII; bytes of UTF-8 characters are inside words)? */
static bool word_end(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 &&
           !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'));
}

/* Bytes of the common prefix of a and b. */
static size_t common(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

/* The bytes of the prefix all the session's names share, cut back to the
 * end of a word (0 when there is no such prefix). */
static size_t set_prefix(struct tui *t)
{
    if (t->names.known) return t->names.prefix;
    const char *first;
    size_t p;
    if (t->cx && t->cx->ndocs > 1) {
        first = doc_label(t->cx->docs[0]);
        p = strlen(first);
        for (size_t i = 1; i < t->cx->ndocs && p; i++)
            p = WD_MIN(p, common(first, doc_label(t->cx->docs[i])));
    } else {
        const struct alignment *al = t->al[0];
        first = doc_label(align_doc(al, SIDE_A));
        p = common(first, doc_label(align_doc(al, SIDE_B)));
    }
    while (p > 0 && !word_end(first[p - 1]))
        p--;
    t->names.prefix = p;
    t->names.known = true;
    return p;
}

int tui_put_name(struct tui *t, int y, int x, const char *name, int maxw, int face)
{
    if (maxw <= 0) return 0;
    if (tui_str_width(name) <= maxw) return tui_put_str(t, y, x, name, maxw, face);
    const char *dots = t->utf8 ? "\xE2\x80\xA6" : "~";
    size_t p = set_prefix(t), len = strlen(name);
    if (p >= len) p = 0;
    const char *rest = name + p;
    size_t nrest = len - p;
    int lead = p > 0 ? 1 : 0; /* the ellipsis standing for the prefix */
    if (maxw < lead + 5) return tui_put_trunc(t, y, x, name, maxw, face);
    int at = 0;
    if (lead) at += tui_put_str(t, y, x, dots, 1, face);
    if ((int)text_width(rest, nrest) <= maxw - at)
        return at + tui_put_str(t, y, x + at, rest, maxw - at, face);
    /* the middle out: two thirds of the room for the start, the rest for
     * the end */
    int room = maxw - at - 1, tail = room / 3, head = room - tail;
    int hw = tui_put_str(t, y, x + at, rest, head, face);
    at += hw;
    at += tui_put_str(t, y, x + at, dots, 1, face);
    size_t from = text_tail(rest, nrest, (size_t)(maxw - at));
    return at + tui_put_str(t, y, x + at, rest + from, maxw - at, face);
}
