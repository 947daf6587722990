#include "config.h"

#include "output.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The temporary file of the write under way, for the handlers: set and
 * cleared only while the signals are blocked. */
static const char *volatile out_tmp;

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void on_fatal(int sig)
{
    const char *t = out_tmp;
    if (t) unlink(t);
    signal(sig, SIG_DFL);
    raise(sig); /* blocked until this handler returns, then the default: death */
}

static void drop_tmp(void)
{
    const char *t = out_tmp;
    out_tmp = NULL;
    if (t) unlink(t);
}

static void block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < WD_ARRAY_LEN(fatal_signals); i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* Handle the fatal signals (those not ignored: nohup's SIGHUP stays
 * ignored), keeping the previous actions in prev. */
static void catch_fatal(struct sigaction *prev)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < WD_ARRAY_LEN(fatal_signals); i++) {
        sigaction(fatal_signals[i], NULL, &prev[i]);
        if (prev[i].sa_handler != SIG_IGN) sigaction(fatal_signals[i], &sa, NULL);
    }
}

static void restore_fatal(const struct sigaction *prev)
{
    for (size_t i = 0; i < WD_ARRAY_LEN(fatal_signals); i++)
        sigaction(fatal_signals[i], &prev[i], NULL);
}

enum wd_status output_write(const char *path, const struct outfile_opts *oo, output_fn fn,
                            void *arg, int *err)
{
    *err = 0;
    if (!path) {
        errno = 0;
        enum wd_status st = fn(stdout, arg);
        if (st == WD_OK && (fflush(stdout) != 0 || ferror(stdout))) st = WD_EIO;
        if (st != WD_OK) *err = errno ? errno : EIO;
        return st;
    }
    struct sigaction prev[WD_ARRAY_LEN(fatal_signals)];
    sigset_t old;
    block(&old);
    catch_fatal(prev);
    struct outfile o;
    enum wd_status st = outfile_open(&o, path, oo);
    if (st == WD_OK) {
        out_tmp = o.tmp;
        util_set_oom_hook(drop_tmp);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (st == WD_OK) {
        errno = 0;
        st = fn(o.f, arg);
        int e = errno ? errno : EIO;
        block(&old);
        out_tmp = NULL;
        if (st == WD_OK) {
            st = outfile_commit(&o);
        } else {
            outfile_abort(&o);
            o.err = e;
        }
        util_set_oom_hook(NULL);
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
    restore_fatal(prev);
    *err = o.err;
    return st;
}
