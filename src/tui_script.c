/* tui_script.c - the headless scripted mode (--script FILE or
 * $WIREDIFF_SCRIPT), like tig's test mode: commands come from the script
 * only, each is handled and the screen redrawn before the next is read,
 * and "dump" writes the virtual screen to standard output.  The language
 * is described in tests/ui/README.
 *
 * With $WIREDIFF_TIMING naming a file, "first_frame_ms N" and one
 * "key NAME ms N" line per key command are appended to it (milliseconds,
 * CLOCK_MONOTONIC, three decimals).
 */
#include "config.h"

#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "escape.h"
#include "text.h"
#include "util.h"

static const struct {
    const char *name;
    bool fn;
    int code;
} key_names[] = {
    {"down", true, KEY_DOWN},
    {"up", true, KEY_UP},
    {"left", true, KEY_LEFT},
    {"right", true, KEY_RIGHT},
    {"pgdn", true, KEY_NPAGE},
    {"pgup", true, KEY_PPAGE},
    {"home", true, KEY_HOME},
    {"end", true, KEY_END},
    {"enter", false, '\r'},
    {"esc", false, 27},
    {"backspace", true, KEY_BACKSPACE},
    {"delete", true, KEY_DC},
    {"space", false, ' '},
    {"tab", false, '\t'},
    {"f1", true, KEY_F(1)},
    {"resize", true, KEY_RESIZE},
    {"wheel-up", true, TUI_KEY_WHEEL_UP},
    {"wheel-down", true, TUI_KEY_WHEEL_DOWN},
};

/* Parse a key name: a single character, one of key_names, or ctrl-A ..
 * ctrl-Z (any case). */
static bool parse_key(const char *name, struct tui_key *k)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < WD_ARRAY_LEN(key_names); i++) {
        if (strcmp(name, key_names[i].name) == 0) {
            k->fn = key_names[i].fn;
            k->code = key_names[i].code;
            return true;
        }
    }
    if (len == 6 && strncmp(name, "ctrl-", 5) == 0) {
        int c = name[5] | 0x20;
        if (c < 'a' || c > 'z') return false;
        k->fn = false;
        k->code = c - 'a' + 1;
        return true;
    }
    int32_t cp;
    if (len == 0 || text_decode(name, len, 0, &cp) != len || cp < 0x21 ||
        (cp == TEXT_REPLACEMENT && !text_valid_at(name, len, 0)))
        return false;
    k->fn = false;
    k->code = cp;
    return true;
}

static void put_utf8(FILE *f, wchar_t c)
{
    unsigned long cp = (unsigned long)c;
    if (cp < 0x80) {
        putc((int)cp, f);
    } else if (cp < 0x800) {
        putc((int)(0xC0 | (cp >> 6)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    } else if (cp < 0x10000) {
        putc((int)(0xE0 | (cp >> 12)), f);
        putc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    } else {
        putc((int)(0xF0 | (cp >> 18)), f);
        putc((int)(0x80 | ((cp >> 12) & 0x3F)), f);
        putc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    }
}

/* Write the virtual screen as read back from curses: each line full
 * width, a wide character once (curses skips the cell it covers), the
 * combining characters of a cell after its base; with attrs, below each
 * line the letters of the faces drawn there (one per column). */
static void dump(struct tui *t, FILE *f, bool attrs)
{
    cchar_t *cells = xcalloc((size_t)COLS + 1, sizeof *cells);
    for (int y = 0; y < LINES; y++) {
        memset(cells, 0, ((size_t)COLS + 1) * sizeof *cells);
        mvwin_wchnstr(stdscr, y, 0, cells, COLS);
        int col = 0;
        for (int i = 0; i < COLS && col < COLS; i++) {
            wchar_t wc[CCHARW_MAX + 1] = {0};
            attr_t a;
            short pair;
            if (getcchar(&cells[i], wc, &a, &pair, NULL) == ERR || wc[0] == L'\0') {
                wc[0] = L' ';
                wc[1] = L'\0';
            }
            for (int k = 0; k < CCHARW_MAX && wc[k]; k++)
                put_utf8(f, wc[k]);
            col += WD_MAX(wcwidth(wc[0]), 1);
        }
        for (; col < COLS; col++)
            putc(' ', f);
        putc('\n', f);
        if (attrs && t->shadow && y < t->shadow_lines) {
            fwrite(t->shadow + (size_t)y * (size_t)t->shadow_cols, 1, (size_t)t->shadow_cols, f);
            putc('\n', f);
        }
    }
    fputs("----\n", f);
    free(cells);
}

static int script_error(const char *name, int lineno, const char *what, const char *arg)
{
    char *n = escape_str(name), *a = escape_str(arg);
    fprintf(stderr, "wirediff: %s:%d: %s '%s'\n", n, lineno, what, a);
    free(n);
    free(a);
    return 2;
}

int tui_script_run(struct tui *t, FILE *f, const char *name, double t0_ms)
{
    FILE *timing = NULL;
    const char *tpath = getenv("WIREDIFF_TIMING");
    if (tpath && *tpath) {
        timing = fopen(tpath, "a");
        if (!timing) {
            fprintf(stderr, "wirediff: %s: %s\n", tpath, strerror(errno));
            return 2;
        }
    }
    tui_frame(t);
    if (timing) fprintf(timing, "first_frame_ms %.3f\n", tui_now_ms() - t0_ms);

    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (rc == 0 && !t->quit && getline(&line, &cap, f) >= 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *cmd = line + strspn(line, " \t");
        if (*cmd == '\0' || *cmd == '#') continue;
        char *arg = cmd + strcspn(cmd, " \t");
        if (*arg) *arg++ = '\0';
        arg += strspn(arg, " \t");
        if (strcmp(cmd, "type") == 0) { /* the rest of the line, as is */
            for (size_t i = 0, n = strlen(arg); i < n;) {
                int32_t cp;
                i += text_decode(arg, n, i, &cp);
                struct tui_key k = {.fn = false, .code = cp};
                tui_handle_key(t, &k);
            }
            tui_frame(t);
            continue;
        }
        size_t alen = strlen(arg);
        while (alen > 0 && (arg[alen - 1] == ' ' || arg[alen - 1] == '\t'))
            arg[--alen] = '\0';
        if (strcmp(cmd, "key") == 0) {
            struct tui_key k;
            if (!parse_key(arg, &k)) {
                rc = script_error(name, lineno, "unknown key", arg);
                break;
            }
            double s = tui_now_ms();
            tui_handle_key(t, &k);
            tui_frame(t);
            if (timing) fprintf(timing, "key %s ms %.3f\n", arg, tui_now_ms() - s);
        } else if (strcmp(cmd, "resize") == 0) {
            int cols, lines;
            char x, extra;
            if (sscanf(arg, "%d%c%d%c", &cols, &x, &lines, &extra) != 3 || (x != 'x' && x != 'X') ||
                cols < 1 || lines < 1 || cols > 10000 || lines > 10000) {
                rc = script_error(name, lineno, "bad size (want COLSxLINES)", arg);
                break;
            }
            resizeterm(lines, cols);
            struct tui_key k = {.fn = true, .code = KEY_RESIZE};
            tui_handle_key(t, &k);
            tui_frame(t);
        } else if (strcmp(cmd, "dump") == 0) {
            if (*arg && strcmp(arg, "attrs") != 0) {
                rc = script_error(name, lineno, "unknown dump kind", arg);
                break;
            }
            /* what the background was making (the digest's counts) is
             * waited for, so that a dump does not depend on timing */
            if (tui_settle(t)) tui_frame(t);
            dump(t, stdout, *arg != '\0');
        } else if (strcmp(cmd, "click") == 0 || strcmp(cmd, "double-click") == 0) {
            /* the first button at screen line LINE, column COL (from 0) */
            int y, x;
            char extra;
            if (sscanf(arg, "%d %d%c", &y, &x, &extra) != 2 || y < 0 || x < 0) {
                rc = script_error(name, lineno, "bad place (want LINE COL)", arg);
                break;
            }
            struct tui_key k = {.fn = true,
                                .code = cmd[0] == 'c' ? TUI_KEY_CLICK : TUI_KEY_DCLICK,
                                .y = y,
                                .x = x};
            tui_handle_key(t, &k);
            tui_frame(t);
        } else if (strcmp(cmd, "clipboard") == 0) {
            /* the last text y or Y copied, as it went to the terminal */
            printf("clipboard:\n%s%s----\n", t->clip ? t->clip : "",
                   t->clip && *t->clip && t->clip[strlen(t->clip) - 1] != '\n' ? "\n" : "");
        } else if (strcmp(cmd, "quit") == 0) {
            break;
        } else {
            rc = script_error(name, lineno, "unknown command", cmd);
        }
    }
    free(line);
    if (rc == 0 && ferror(f)) {
        char *n = escape_str(name);
        fprintf(stderr, "wirediff: %s: read error\n", n);
        free(n);
        rc = 2;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "wirediff: standard output: %s\n", strerror(errno));
        rc = 2;
    }
    if (timing && fclose(timing) != 0) {
        fprintf(stderr, "wirediff: %s: %s\n", tpath, strerror(errno));
        rc = 2;
    }
    return rc;
}
