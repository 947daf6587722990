/* tui_copy.c - copying sentences to the terminal's clipboard (OSC 52, the
 * escape sequence xterm, kitty, foot, WezTerm, iTerm2, Windows Terminal
 * and tmux with set-clipboard take; a terminal that does not silently
 * ignores it):
 *
 *   y    the current row's (the row at the top) sentences of the focused
 *        side (Tab switches the focus between A and B; a row that shows
 *        only the other side gives that one)
 *   Y    both sides as a quote block for a ticket:
 *            > A: a.txt, sentence 12
 *            > The text of A's sentence.
 *            >
 *            > B: b.txt, sentences 28-29
 *            > The text of B's sentences.
 *
 * The text is the sentences as an export writes them (export_char: white
 * space runs as one space, controls dropped, bidi controls shown), at
 * most TUI_COPY_MAX bytes.  The scripted mode's "clipboard" command prints
 * the last text copied (tests/ui/README).
 */
#include "config.h"

#include "tui_int.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "escape.h"
#include "export.h"
#include "text.h"
#include "util.h"

/* Largest text copied, in bytes: OSC 52 payloads beyond ~100 kB are cut
 * or refused by terminals (xterm, tmux). */
#define TUI_COPY_MAX 65536

struct buf {
    char *s;
    size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    xgrow(&b->s, &b->cap, b->n + n + 1, 1);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Sentences first..first+n-1 of d as one line of text. */
static void put_sentences(struct buf *b, const struct doc *d, uint32_t first, uint32_t n)
{
    size_t ns, len;
    const struct sentence *s = doc_sentences(d, &ns);
    const char *text = doc_bytes(d, &len);
    if (!n || first >= ns) return;
    uint32_t last = (uint32_t)WD_MIN((size_t)first + n, ns) - 1;
    size_t end = s[last].end;
    bool space = false, any = false;
    for (size_t i = s[first].start; i < end;) {
        int32_t cp;
        size_t l = export_char(text, end, i, &cp);
        if (cp == ' ') {
            space = any;
        } else if (cp != -1) {
            if (space) put(b, " ", 1);
            space = false;
            any = true;
            if (cp == EXPORT_CHAR_MARK) {
                char m[ESCAPE_CP_MAX];
                put(b, m, export_mark(text, end, i, m));
            } else if (cp == TEXT_REPLACEMENT && !text_valid_at(text, end, i)) {
                put(b, "\xEF\xBF\xBD", 3);
            } else {
                put(b, text + i, l);
            }
        }
        i += l;
    }
}

static void b64(struct buf *out, const char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)s[i] << 16;
        if (i + 1 < n) v |= (unsigned char)s[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)s[i + 2];
        char q[4] = {tab[(v >> 18) & 63], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=',
                     i + 2 < n ? tab[v & 63] : '='};
        put(out, q, 4);
    }
}

/* Hand text to the terminal's clipboard and keep it (the script's
 * "clipboard"); false when it is too long. */
static bool to_clipboard(struct tui *t, const struct buf *b)
{
    if (b->n > TUI_COPY_MAX) return false;
    free(t->clip);
    t->clip = xstrndup(b->s ? b->s : "", b->n);
    if (t->term_out && !t->headless) {
        struct buf seq = {0};
        puts_(&seq, "\033]52;c;");
        b64(&seq, b->s ? b->s : "", b->n);
        puts_(&seq, "\a");
        fwrite(seq.s, 1, seq.n, t->term_out);
        fflush(t->term_out);
        free(seq.s);
    }
    return true;
}

/* The alignment row at the top of the view, or NULL. */
static const struct align_row *current_row(struct tui *t, size_t *ri)
{
    const struct layout *l = tui_layout(t);
    if (!l) return NULL;
    size_t nv, nr;
    const struct lay_vrow *v = layout_vrows(l, &nv);
    size_t i = layout_vrow_at(l, t->top);
    if (i >= nv) return NULL;
    *ri = v[i].row;
    return &align_rows(tui_al(t), &nr)[v[i].row];
}

/* Does row r show sentences of side? */
static bool shows(const struct align_row *r, int side)
{
    return (r->show & (side ? SHOW_B : SHOW_A)) && (side ? r->bn : r->an);
}

/* "sentence 12" or "sentences 28-29" of side of r. */
static void which(char *out, size_t size, const struct align_row *r, int side)
{
    uint32_t first = (side ? r->b : r->a) + 1, n = side ? r->bn : r->an;
    if (n == 1)
        snprintf(out, size, "sentence %u", first);
    else
        snprintf(out, size, "sentences %u-%u", first, first + n - 1);
}

void tui_copy_focus(struct tui *t)
{
    t->focus = !t->focus;
    tui_message(t, false, "focus: %c (y copies its sentences)", t->focus ? 'B' : 'A');
}

void tui_copy(struct tui *t, bool both)
{
    size_t ri;
    const struct align_row *r = current_row(t, &ri);
    if (!r) {
        tui_message(t, true, "nothing to copy");
        return;
    }
    const struct alignment *al = tui_al(t);
    struct buf b = {0};
    char what[64], msg[160];
    if (!both) {
        int side = shows(r, t->focus) ? t->focus : !t->focus;
        if (!shows(r, side)) {
            tui_message(t, true, "row %zu has no sentence to copy (a fold: Enter opens it)",
                        ri + 1);
            return;
        }
        put_sentences(&b, align_doc(al, side), side ? r->b : r->a, side ? r->bn : r->an);
        which(what, sizeof what, r, side);
        snprintf(msg, sizeof msg, "copied %c's %s (%zu bytes) to the clipboard", side ? 'B' : 'A',
                 what, b.n);
    } else {
        bool any = false;
        for (int side = 0; side < 2; side++) {
            if (!shows(r, side)) continue;
            if (any) puts_(&b, ">\n");
            any = true;
            which(what, sizeof what, r, side);
            char head[256];
            snprintf(head, sizeof head, "> %c: %s, %s\n> ", side ? 'B' : 'A',
                     doc_label(align_doc(al, side)), what);
            puts_(&b, head);
            put_sentences(&b, align_doc(al, side), side ? r->b : r->a, side ? r->bn : r->an);
            puts_(&b, "\n");
        }
        if (!any) {
            tui_message(t, true, "row %zu has no sentence to copy (a fold: Enter opens it)",
                        ri + 1);
            return;
        }
        snprintf(msg, sizeof msg, "copied row %zu as a quote (%zu bytes) to the clipboard", ri + 1,
                 b.n);
    }
    if (to_clipboard(t, &b))
        tui_message(t, false, "%s", msg);
    else
        tui_message(t, true, "not copied: %zu bytes is more than the clipboard takes (%d)", b.n,
                    TUI_COPY_MAX);
    free(b.s);
}

void tui_copy_free(struct tui *t)
{
    free(t->clip);
    t->clip = NULL;
}
