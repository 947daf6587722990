/* progress.c - the progress line of a long start (progress.h).
 *
 * The drawing thread waits for the stop signals with sigtimedwait in
 * steps of TICK_MS, so that it alone writes the line and it alone clears
 * it before the run ends by a signal: no handler runs concurrently with a
 * drawing.  The line is written with one write(2) of "\r", the text and
 * "ESC [ K" (erase to the end of the line), as the fetch progress line of
 * main.c is.
 */
#include "config.h"

#include "progress.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How often the drawing thread looks at the clock and at whether the
 * steps are over (milliseconds). */
#define TICK_MS 20

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t thread;
static bool running;              /* the thread is started (the caller's thread only) */
static bool stopping;             /* under mu: the thread should end */
static char text[200];            /* under mu: the current step */
static double start_ms, drawn_ms; /* under mu: the first begin; the last drawing */
static bool shown;                /* the line is on screen (the thread's) */
static sigset_t stops, old_mask;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void put(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void clear_line(void)
{
    if (shown) put("\r\033[K", 4);
    shown = false;
}

/* Draw the line if it is time to; mu is held. */
static void draw(void)
{
    double now = now_ms();
    if (now - start_ms < PROGRESS_SHOW_MS || (shown && now - drawn_ms < PROGRESS_STEP_MS)) return;
    char line[300];
    int n = snprintf(line, sizeof line, "\rwirediff: %s... %.1f s (Ctrl-C cancels)\033[K", text,
                     (now - start_ms) / 1e3);
    if (n < 0) return;
    put(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    shown = true;
    drawn_ms = now;
}

static void *run(void *arg)
{
    (void)arg;
    const struct timespec tick = {0, TICK_MS * 1000000L};
    for (;;) {
        int sig = sigtimedwait(&stops, NULL, &tick);
        if (sig > 0) {
            /* End the run by the signal, as if it had not been caught. */
            clear_line();
            sigset_t one;
            sigemptyset(&one);
            sigaddset(&one, sig);
            signal(sig, SIG_DFL);
            pthread_sigmask(SIG_UNBLOCK, &one, NULL);
            raise(sig);
            _exit(128 + sig); /* not reached unless the signal is ignored */
        }
        pthread_mutex_lock(&mu);
        bool stop = stopping;
        if (!stop) draw();
        pthread_mutex_unlock(&mu);
        if (stop) break;
    }
    clear_line();
    return NULL;
}

/* Is there a terminal to draw on that nothing else draws on meanwhile:
 * standard error a terminal that knows "ESC [ K" (TERM set and not
 * "dumb"), and standard output the same or a file (not a pipe to a pager,
 * which draws the screen as soon as it starts)? */
static bool wanted(void)
{
    struct stat st;
    const char *term = getenv("TERM");
    return isatty(STDERR_FILENO) && term && *term && strcmp(term, "dumb") != 0 &&
           (isatty(STDOUT_FILENO) || (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)));
}

void progress_begin(const char *fmt, ...)
{
    if (!running && !wanted()) return;
    pthread_mutex_lock(&mu);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!running) {
        if (start_ms == 0) start_ms = now_ms(); /* the time counts from the first step */
        stopping = false;
    }
    drawn_ms = 0; /* a new step shows at the next tick */
    pthread_mutex_unlock(&mu);
    if (running) return;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    /* Blocked here and so in every thread started from now on, the drawing
     * thread included: it takes them with sigtimedwait. */
    pthread_sigmask(SIG_BLOCK, &stops, &old_mask);
    if (pthread_create(&thread, NULL, run, NULL) != 0) {
        pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
        return; /* no line; the run goes on without it */
    }
    running = true;
}

void progress_end(void)
{
    if (!running) return;
    pthread_mutex_lock(&mu);
    stopping = true;
    pthread_mutex_unlock(&mu);
    pthread_join(thread, NULL);
    running = false;
    /* A stop signal that came after the thread's last look is delivered
     * now, by the disposition it had before. */
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
}

char *progress_count(size_t n, char *out, size_t cap)
{
    char digits[24];
    int nd = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < nd && o + 1 < cap; i++) {
        if (i > 0 && (nd - i) % 3 == 0 && o + 2 < cap) out[o++] = ',';
        out[o++] = digits[i];
    }
    if (cap) out[o < cap ? o : cap - 1] = '\0';
    return out;
}
