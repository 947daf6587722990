/* terminal.c - colours or not, light or dark (see terminal.h). */
#include "config.h"

#include "terminal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

bool terminal_no_color(void)
{
    const char *nc = getenv("NO_COLOR");
    return nc && *nc;
}

/* TERM names a terminal that shows colours: set, and not dumb. */
static bool term_ok(void)
{
    const char *t = getenv("TERM");
    return t && *t && strcmp(t, "dumb") != 0;
}

/* git's boolean values for GIT_PAGER_IN_USE ("true", "1", "yes", "on"). */
static bool git_pager_in_use(void)
{
    const char *v = getenv("GIT_PAGER_IN_USE");
    return v && (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcasecmp(v, "yes") == 0 ||
                 strcasecmp(v, "on") == 0);
}

bool terminal_color(int mode, int fd)
{
    if (mode == CONF_COLOR_ALWAYS) return true;
    if (mode == CONF_COLOR_NEVER || terminal_no_color()) return false;
    return (isatty(fd) && term_ok()) || git_pager_in_use();
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Has buf[0..n) the whole answer to DA1 ("ESC [ ? ... c")? */
static bool has_da1(const char *buf, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (buf[i] != '\033' || buf[i + 1] != '[' || buf[i + 2] != '?') continue;
        for (size_t k = i + 3; k < n; k++) {
            if (buf[k] == 'c') return true;
            if (!((buf[k] >= '0' && buf[k] <= '9') || buf[k] == ';')) break;
        }
    }
    return false;
}

bool terminal_background(enum theme_kind *kind)
{
    if (!term_ok() || !isatty(STDOUT_FILENO)) return false;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return false;
    /* in the background, a read or a change of modes would stop us */
    if (tcgetpgrp(fd) != getpgrp()) {
        close(fd);
        return false;
    }
    struct termios old, raw;
    if (tcgetattr(fd, &old) != 0) {
        close(fd);
        return false;
    }
    raw = old;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    bool found = false;
    if (tcsetattr(fd, TCSANOW, &raw) == 0) {
        static const char ask[] = "\033]11;?\033\\\033[c";
        char buf[256];
        size_t n = 0;
        if (write(fd, ask, sizeof ask - 1) == (ssize_t)(sizeof ask - 1)) {
            double end = now_ms() + TERMINAL_QUERY_MS;
            while (n < sizeof buf && !has_da1(buf, n)) {
                int left = (int)(end - now_ms());
                if (left <= 0) break;
                struct pollfd p = {.fd = fd, .events = POLLIN};
                int r = poll(&p, 1, left);
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) break;
                ssize_t got = read(fd, buf + n, sizeof buf - n);
                if (got <= 0) break;
                n += (size_t)got;
            }
        }
        uint8_t rgb[3];
        if (theme_parse_osc11(buf, n, rgb)) {
            *kind = theme_kind_for(rgb);
            found = true;
        }
        tcsetattr(fd, TCSANOW, &old);
    }
    close(fd);
    return found;
}

/* COLORFGBG ("15;0", "0;default;15": rxvt, Konsole): the last field is
 * the background, a colour of the 16; 7 and 9-15 are light. */
static bool colorfgbg(enum theme_kind *kind)
{
    const char *v = getenv("COLORFGBG");
    const char *last = v ? strrchr(v, ';') : NULL;
    if (!last || !last[1]) return false;
    char *end;
    long bg = strtol(last + 1, &end, 10);
    if (*end || bg < 0 || bg > 15) return false;
    *kind = bg == 7 || bg >= 9 ? THEME_LIGHT : THEME_DARK;
    return true;
}

void terminal_theme(const struct conf *c, bool ask, struct theme *out)
{
    enum theme_kind k = THEME_DARK;
    if (c->theme == CONF_THEME_LIGHT)
        k = THEME_LIGHT;
    else if (c->theme != CONF_THEME_DARK && !(ask && terminal_background(&k)))
        colorfgbg(&k);
    theme_init(out, k);
    for (int f = 0; f < TF_COUNT; f++)
        if (c->has_face[f]) theme_set(out, f, &c->face[f]);
}
