/* pager.c - the pager (see pager.h); git's pager.c and run-command.c do
 * the same. */
#include "config.h"

#include "pager.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

/* The pager's process, 0 when none runs: for the handlers and atexit. */
static volatile pid_t pager_pid;

static const int end_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

const char *pager_command(const char *conf)
{
    const char *p = getenv("WIREDIFF_PAGER");
    if (!p) p = conf;
    if (!p) p = getenv("PAGER");
    if (!p) p = "less";
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p || strcmp(p, "cat") == 0) return NULL;
    return p;
}

/* Close our end of the pipe and wait for the pager: async-signal-safe. */
static void wait_pager(void)
{
    pid_t pid = pager_pid;
    if (pid <= 0) return;
    close(STDOUT_FILENO);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    pager_pid = 0;
}

static void on_end(int sig)
{
    wait_pager();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void at_exit(void)
{
    fflush(stdout);
    wait_pager();
}

bool pager_start(const char *cmd)
{
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) return false;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        /* what git gives less and lv, unless the user said otherwise */
        setenv("LESS", "FRX", 0);
        setenv("LV", "-c", 0);
        signal(SIGPIPE, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    if (dup2(fds[1], STDOUT_FILENO) < 0) {
        close(fds[1]);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return false;
    }
    close(fds[1]);
    pager_pid = pid;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_end;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < WD_ARRAY_LEN(end_signals); i++) {
        struct sigaction old;
        sigaction(end_signals[i], NULL, &old);
        if (old.sa_handler == SIG_DFL) sigaction(end_signals[i], &sa, NULL);
    }
    static bool registered;
    if (!registered) atexit(at_exit);
    registered = true;
    return true;
}

void pager_wait(void)
{
    if (pager_pid <= 0) return;
    fflush(stdout);
    wait_pager();
}
