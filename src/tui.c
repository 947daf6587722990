/* tui.c - tui_run: the terminal's set-up and tear-down, signals, and the
 * interactive event loop.  The keys are in tui_view.c, where the view is
 * in tui_scroll.c, the drawing in tui_draw.c, the scripted mode in
 * tui_script.c.
 *
 * The terminal is always given back: on q, on SIGINT/SIGTERM/SIGHUP (the
 * handlers only set a flag; the loop sees it because the handlers are
 * installed without SA_RESTART, so the blocking read returns), and on
 * running out of memory (util_set_oom_hook calls endwin before the abort).
 */
#include "config.h"

#include "tui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "progress.h"
#include "tui_int.h"
#include "util.h"

/* After our own headers: term.h defines a macro for every capability
 * name (lines, columns, ...). */
#include <term.h>

/* File scope because a signal handler and the OOM hook take no argument:
 * the signal that asked us to stop, and whether curses owns the terminal. */
static volatile sig_atomic_t stop_signal;
static bool curses_active;

/* Consecutive failed reads without a signal after which the terminal is
 * taken to be gone (hung up): quit instead of spinning. */
#define MAX_READ_ERRORS 16

static void on_signal(int sig)
{
    stop_signal = sig;
}

static void restore_terminal(void)
{
    if (curses_active) {
        endwin();
        curses_active = false;
    }
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void set_signals(struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the read in wget_wch must return */
    for (size_t i = 0; i < WD_ARRAY_LEN(stop_signals); i++)
        sigaction(stop_signals[i], &sa, &old[i]);
}

static void reset_signals(const struct sigaction *old)
{
    for (size_t i = 0; i < WD_ARRAY_LEN(stop_signals); i++)
        sigaction(stop_signals[i], &old[i], NULL);
}

bool tui_spawn(pthread_t *th, void *(*fn)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    bool ok = pthread_create(th, NULL, fn, arg) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

double tui_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* How long a key is waited for at a time while something shown is being
 * made in the background (milliseconds). */
#define TUI_POLL_MS 50

/* The longest late answer dropped (bytes after its ESC). */
#define REPLY_MAX 128

/* After an ESC: is what follows it, already arrived, a terminal's late
 * answer to terminal.h's queries (OSC 11: "ESC ] 11;rgb:... BEL or ESC \",
 * DA1: "ESC [ ? 62;22 c"), which a terminal slower than the 50 ms waited
 * for (ssh) sends after the reader has started?  Then it is read and
 * dropped: it is no keys ('/' would open the search prompt).  Anything
 * else is put back; a lone Esc, with nothing after it, stays a key. */
static bool drop_late_reply(void)
{
    wint_t c, c2 = 0;
    nodelay(stdscr, TRUE);
    int r = wget_wch(stdscr, &c), r2 = ERR;
    bool osc = r == OK && c == ']';
    if (r == OK && c == '[') r2 = wget_wch(stdscr, &c2);
    bool drop = osc || (r2 == OK && c2 == '?');
    if (drop) {
        for (int n = 0; n < REPLY_MAX && wget_wch(stdscr, &c) != ERR; n++)
            if (osc ? c == 7 || c == '\\' : !((c >= '0' && c <= '9') || c == ';')) break;
    } else { /* put back what was read, the last first */
        if (r2 == OK) unget_wch((wchar_t)c2);
        if (r2 == KEY_CODE_YES) ungetch((int)c2);
        if (r == OK) unget_wch((wchar_t)c);
        if (r == KEY_CODE_YES) ungetch((int)c);
    }
    nodelay(stdscr, FALSE);
    return drop;
}

/* A key from the terminal; false when there is none (a signal, a hang-up,
 * a mouse event that is not the wheel, a late answer to a query, or none
 * within poll_ms when that is not negative).  A read that fails before its
 * time is up counts as an error. */
static bool read_key(struct tui_key *k, int *errors, int poll_ms)
{
    wint_t wc;
    errno = 0;
    wtimeout(stdscr, poll_ms);
    double t0 = tui_now_ms();
    int r = wget_wch(stdscr, &wc);
    if (r == ERR) {
        bool timed_out = poll_ms >= 0 && tui_now_ms() - t0 >= poll_ms / 2.0;
        if (errno != EINTR && !timed_out) ++*errors;
        return false;
    }
    *errors = 0;
    k->fn = r == KEY_CODE_YES;
    k->code = (int)wc;
    if (!k->fn && k->code == 27 && drop_late_reply()) return false;
    if (k->fn && k->code == KEY_MOUSE) {
        MEVENT ev;
        if (getmouse(&ev) != OK) return false;
        if (ev.bstate & BUTTON1_PRESSED) {
            /* a second press on the same line soon after: a double click */
            static double last_ms = -1e9;
            static int last_y = -1;
            double now = tui_now_ms();
            bool dbl = ev.y == last_y && now - last_ms <= TUI_DCLICK_MS;
            k->code = dbl ? TUI_KEY_DCLICK : TUI_KEY_CLICK;
            k->y = ev.y;
            k->x = ev.x;
            last_ms = dbl ? -1e9 : now;
            last_y = ev.y;
        } else if (ev.bstate & BUTTON4_PRESSED) {
            k->code = TUI_KEY_WHEEL_UP;
#ifdef BUTTON5_PRESSED
        } else if (ev.bstate & BUTTON5_PRESSED) {
            k->code = TUI_KEY_WHEEL_DOWN;
#endif
        } else {
            return false;
        }
    }
    return true;
}

static void event_loop(struct tui *t)
{
    int errors = 0;
    tui_frame(t);
    /* A signal that came while a key was being handled (a pair being
     * aligned) is seen before blocking for the next key. */
    while (!t->quit && !stop_signal) {
        struct tui_key k;
        /* while the screen shows something being made in the background
         * (the digest's counts), keys are waited for a little at a time,
         * and the screen drawn again once it is done */
        bool busy = tui_busy(t);
        bool got = read_key(&k, &errors, busy ? TUI_POLL_MS : -1);
        if (stop_signal || errors >= MAX_READ_ERRORS) break;
        if (!got) {
            if (busy && !tui_busy(t)) tui_frame(t);
            continue;
        }
        tui_handle_key(t, &k);
        if (!t->quit) tui_frame(t);
    }
}

/* Can curses drive terminal type term (NULL: $TERM) on out: a terminfo
 * entry with cursor addressing?  Asked with setupterm first because a
 * failed newterm leaks memory inside curses. */
static bool term_usable(const char *term, FILE *out)
{
    int err = 0;
    if (setupterm(term, fileno(out), &err) != OK) return false;
    bool ok = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1;
    del_curterm(cur_term);
    return ok;
}

/* The terminal of the headless mode: $TERM if curses can use it, else
 * xterm-256color, drawing into /dev/null. */
static SCREEN *headless_term(FILE *out, FILE *in)
{
    const char *term = getenv("TERM");
    if (!term || !*term || !term_usable(term, out)) term = "xterm-256color";
    return term_usable(term, out) ? newterm(term, out, in) : NULL;
}

static int env_size(const char *name, int dflt)
{
    const char *v = getenv(name);
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && n > 0 && n <= 10000 ? (int)n : dflt;
}

/* Put curses in the modes the reader uses. */
static void setup_modes(const struct tui *t)
{
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    if (t->headless) return;
    set_escdelay(50); /* Esc closes the prompt without a noticeable wait */
    /* The first button's presses (a click selects, two open) and the
     * wheel; Shift+drag is still the terminal's own text selection. */
    mmask_t wheel = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wheel |= BUTTON5_PRESSED;
#endif
    mousemask(wheel, NULL);
    mouseinterval(0);
    curs_set(0);
}

/* A large pair takes a moment to lay out for the first screen: say so in
 * its place (the progress line of main has been cleared by now). */
static void show_laying_out(const struct alignment *al)
{
    size_t n;
    align_rows(al, &n);
    if (n < 50000) return; /* a blink */
    char note[96], num[32];
    snprintf(note, sizeof note, "wirediff: laying out %s rows...",
             progress_count(n, num, sizeof num));
    werase(stdscr);
    mvaddnstr(0, 0, note, COLS);
    refresh();
}

int tui_run(struct doc_ctx *ctx, struct doc *const *docs, size_t ndocs, struct alignment *al,
            const struct tui_opts *o)
{
    double t0 = tui_now_ms();
    setlocale(LC_ALL, "");
    struct tui t;
    struct tui_corpus cx;
    memset(&t, 0, sizeof t);
    memset(&cx, 0, sizeof cx);
    t.headless = o->script != NULL;
    t.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

    int rc = 2;
    FILE *script = NULL, *in = NULL, *out = NULL;
    bool own_in = false, own_out = false;
    SCREEN *scr = NULL;
    struct sigaction old[WD_ARRAY_LEN(stop_signals)];
    if (t.headless) {
        script = fopen(o->script, "r");
        if (!script) {
            char *name = escape_str(o->script);
            fprintf(stderr, "wirediff: %s: %s\n", name,
                    util_strerror(util_status_from_errno(errno)));
            free(name);
            goto out;
        }
        out = fopen("/dev/null", "w");
        in = fopen("/dev/null", "r");
        own_in = own_out = true;
    } else {
        out = stdout;
        in = stdin;
        if (!isatty(STDIN_FILENO)) { /* input is a file or pipe: keys come from the terminal */
            in = fopen("/dev/tty", "r");
            own_in = true;
        }
    }
    if (!in || !out) {
        fprintf(stderr, "wirediff: %s: %s\n", t.headless ? "/dev/null" : "/dev/tty",
                util_strerror(util_status_from_errno(errno)));
        goto out;
    }
    if (t.headless)
        scr = headless_term(out, in);
    else if (term_usable(NULL, out))
        scr = newterm(NULL, out, in);
    if (!scr) {
        char *term = escape_str(getenv("TERM") ? getenv("TERM") : "");
        fprintf(stderr, "wirediff: cannot use terminal type '%s'\n", term);
        free(term);
        goto out;
    }

    set_term(scr);
    t.term_out = out;
    curses_active = true;
    util_set_oom_hook(restore_terminal);
    if (!t.headless) set_signals(old);
    if (t.headless) resizeterm(env_size("LINES", 24), env_size("COLUMNS", 80));
    setup_modes(&t);
    if (o->theme)
        t.theme = *o->theme;
    else
        theme_init(&t.theme, THEME_DARK);
    t.color = !o->mono;
    t.fold_min = o->fold_min;
    tui_colors_init(&t);
    t.exp.timestamp = o->timestamp;
    t.exp.timestamp_format = o->timestamp_format;
    t.exp.first_format = o->format;
    t.no_digest = o->no_digest;
    if (o->overview) {
        /* The analysis takes a while for hundreds of reports: say so. */
        t.words = o->words;
        t.fold = o->fold;
        if (!t.headless) {
            char note[96];
            snprintf(note, sizeof note, "reading %zu documents...", ndocs);
            werase(stdscr);
            mvaddnstr(0, 0, note, COLS);
            refresh();
        }
        tui_corpus_init(&cx, ctx, docs, ndocs, o->align, true);
        t.cx = &cx;
        tui_overview_init(&t);
    } else if (o->pairs || o->timeline) {
        /* pairs aligned on demand, no corpus analysis */
        t.words = o->words;
        t.fold = o->fold;
        tui_corpus_init(&cx, ctx, docs, ndocs, o->align, false);
        t.cx = &cx;
        if (o->timeline)
            tui_timeline_init(&t, o);
        else
            tui_folders_init(&t, o);
    } else {
        if (!t.headless) show_laying_out(al);
        tui_view_init(&t, al, ndocs, o->words, o->fold);
        tui_pair_roles(&t);
        if (ndocs > 2)
            tui_message(&t, false, "showing the first 2 of %zu files (--export shows all)", ndocs);
    }

    if (t.headless) {
        rc = tui_script_run(&t, script, o->script, t0);
    } else {
        event_loop(&t);
        rc = 0;
    }

    restore_terminal();
    delscreen(scr);
    util_set_oom_hook(NULL);
    if (!t.headless) reset_signals(old);
out:
    if (own_in && in) fclose(in);
    if (own_out && out) fclose(out);
    if (script) fclose(script);
    tui_view_free(&t);
    free(t.skip);
    free(t.own_boiler[0]);
    free(t.own_boiler[1]);
    tui_multi_free(&t);
    tui_overview_free(&t);
    tui_folders_free(&t);
    tui_timeline_free(&t);
    tui_corpus_free(&cx);
    tui_search_free(&t);
    tui_export_free(&t);
    tui_copy_free(&t);
    free(t.shadow);
    free(t.buf);
    free(t.kbuf);

    int sig = stop_signal;
    stop_signal = 0;
    if (sig == SIGTERM || sig == SIGHUP) {
        /* Die of the signal as asked, now that the terminal is restored. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    return rc;
}
