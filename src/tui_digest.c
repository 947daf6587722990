/* tui_digest.c - the digest view (d in the pair reader): what changed in
 * substance (digest.h), one item a line with its row; Enter goes to the
 * row in the pair reader, d, q or Esc goes back where it was. */
#include "config.h"

#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "digest.h"
#include "util.h"

/* The kind a list line begins with (its face shows the kind). */
static int kind_face(enum digest_kind k)
{
    switch (k) {
    case DG_CUT:
        return LA_DELETED;
    case DG_ADDED:
        return LA_INSERTED;
    default:
        return TF_GUTTER_CHANGED;
    }
}

void tui_digest_open(struct tui *t)
{
    (void)tui_digest(t);
    t->dsel = 0;
    t->dtop = 0;
    t->mode = TUI_MODE_DIGEST;
}

static void digest_draw(struct tui *t)
{
    const struct digest *dg = tui_digest(t);
    size_t n;
    const struct digest_item *it = digest_items(dg, &n);
    char line[1024];
    digest_summary(dg, line, sizeof line);
    char head[1100];
    snprintf(head, sizeof head, " What changed: %s", line);
    tui_fill(t, 0, 0, COLS, TF_HEADER);
    tui_put_trunc(t, 0, 0, head, COLS, TF_HEADER);
    int h = LINES - 2;
    if (t->dsel >= n) t->dsel = n ? n - 1 : 0;
    if (t->dsel < t->dtop) t->dtop = t->dsel;
    if (h > 0 && t->dsel >= t->dtop + (size_t)h) t->dtop = t->dsel - (size_t)h + 1;
    if (n == 0)
        tui_put_trunc(t, 1, 1, "(no quotation, number, name, attribution or negation changed, "
                               "and no sentence cut or added)",
                      COLS - 1, LA_FOLD);
    int rw = snprintf(NULL, 0, "row %zu", it && n ? it[n - 1].row + 1 : (size_t)1);
    for (int y = 1; y <= h && t->dtop + (size_t)(y - 1) < n; y++) {
        size_t i = t->dtop + (size_t)(y - 1);
        bool sel = i == t->dsel;
        if (sel) tui_fill(t, y, 0, COLS, TF_SELECT);
        char row[32];
        snprintf(row, sizeof row, " row %-*zu ", WD_MAX(rw - 4, 1), it[i].row + 1);
        int x = tui_put_str(t, y, 0, row, COLS, sel ? TF_SELECT : LA_PLAIN);
        digest_item_text(&it[i], line, sizeof line);
        const char *colon = strstr(line, ": ");
        size_t kl = colon ? (size_t)(colon - line) : strlen(line);
        char kind[128];
        snprintf(kind, sizeof kind, "%.*s", (int)WD_MIN(kl, sizeof kind - 1), line);
        x += tui_put_str(t, y, x, kind, COLS - x, sel ? TF_SELECT : kind_face(it[i].kind));
        if (colon) tui_put_trunc(t, y, x, colon, COLS - x, sel ? TF_SELECT : LA_PLAIN);
    }
    tui_fill(t, LINES - 1, 0, COLS, TF_STATUS);
    char status[128];
    snprintf(status, sizeof status, " %zu/%zu  Enter: go to the row  d q: back  ?:help",
             n ? t->dsel + 1 : 0, n);
    tui_put_trunc(t, LINES - 1, 0, status, COLS, TF_STATUS);
}

static void digest_key(struct tui *t, const struct tui_key *k)
{
    size_t n;
    const struct digest_item *it = digest_items(tui_digest(t), &n);
    if (tui_is_char(k, 'q') || tui_is_char(k, 'd') || tui_is_char(k, 27) ||
        tui_is_char(k, 127) || tui_is_char(k, 8) || (k->fn && k->code == KEY_BACKSPACE)) {
        t->mode = TUI_MODE_PAIR;
        return;
    }
    if (tui_is_char(k, '\n') || tui_is_char(k, '\r') || (k->fn && k->code == KEY_ENTER)) {
        t->mode = TUI_MODE_PAIR;
        if (n) tui_goto_row(t, it[t->dsel].row);
        return;
    }
    bool home = false, end = false;
    int64_t page = WD_MAX(LINES - 2, 1);
    int64_t by = tui_scroll_amount(k, page, &home, &end);
    if (home) t->dsel = 0;
    else if (end)
        t->dsel = n ? n - 1 : 0;
    else if (by < 0)
        t->dsel = (size_t)-by > t->dsel ? 0 : t->dsel - (size_t)-by;
    else if (by > 0)
        t->dsel = n ? WD_MIN(t->dsel + (size_t)by, n - 1) : 0;
}

static const char *const help_digest[][2] = {
    {"j  k  Down  Up", "select the next / previous change"},
    {"Space b PgDn PgUp", "a page down / up"},
    {"g  Home   G  End", "first / last change"},
    {"Enter", "go to its row in the pair"},
    {"d  q  Esc", "back to the pair"},
    {"r  ^L", "redraw the screen"},
    {"?  F1", "this help"},
    {"Q  ^C", "quit"},
};

static int legend_digest(struct tui *t, int y, int last)
{
    if (++y < last)
        tui_put_trunc(t, y, 2,
                      "Only what the marked words show: a quotation, a number, a name, an "
                      "attribution, a negation or hedge changed; sentences cut or added.",
                      COLS - 3, LA_PLAIN);
    return y;
}

const struct tui_view_ops tui_digest_ops = {
    .name = "digest",
    .draw = digest_draw,
    .key = digest_key,
    .resized = NULL,
    .help_title = " wirediff keys: what changed",
    .help = help_digest,
    .nhelp = WD_ARRAY_LEN(help_digest),
    .legend = legend_digest,
};
