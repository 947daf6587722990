#!/usr/bin/env python3
"""pty_run.py - run a command in a pseudo-terminal of its own (its
controlling terminal, 100x30), as a user's terminal would, for the tests of
what wirediff does on a terminal (tests/test_term.sh).

    pty_run.py [--bg RRRR/GGGG/BBBB] [--silent] [--late SECONDS]
               [--keys TEXT --after TEXT] [--log FILE] [--timeout SECONDS]
               -- COMMAND [ARG]...

What the command writes to the terminal goes to standard output, as it is.
The terminal answers the primary device attributes query (ESC [ c), as
every terminal does, and with --bg the background colour query (OSC 11)
with that colour first; --silent answers nothing (a terminal that does
not know either); --late sends the answers that many seconds after
the query, as a terminal at the other end of a slow link would, and the
keys only after them.  With --keys, TEXT is typed once the output holds the
text given by --after (never after a fixed time).  --log writes each query
seen, a line each ("osc11", "da1").  The exit status is the command's
(128 + N when signal N ended it), 124 when it ran past --timeout.
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bg")
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--late", type=float, default=0.0)
    ap.add_argument("--keys")
    ap.add_argument("--after", default="")
    ap.add_argument("--log")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command and a.command[0] == "--" else a.command
    if not cmd:
        ap.error("no command")

    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        try:
            os.execvp(cmd[0], cmd)
        except OSError as e:
            os.write(2, ("pty_run: %s: %s\n" % (cmd[0], e.strerror)).encode())
        os._exit(127)

    out = sys.stdout.buffer
    seen = b""
    log = open(a.log, "w") if a.log else None
    typed = a.keys is None
    deadline = time.monotonic() + a.timeout
    status = None
    pending = []  # (when, bytes): the answers not sent yet

    def answer(data):
        pending.append((time.monotonic() + a.late, data))

    while True:
        now = time.monotonic()
        for p in [p for p in pending if p[0] <= now]:
            os.write(fd, p[1])
            pending.remove(p)
        if not typed and not pending and a.after.encode() in seen:
            os.write(fd, a.keys.encode())
            typed = True
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            out.flush()
            sys.stderr.write("pty_run: timed out\n")
            return 124
        r, _, _ = select.select([fd], [], [], min(left, 0.02 if pending else 0.2))
        if not r:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not data:
            break
        out.write(data)
        seen += data
        # answer the queries, each once, in the order asked
        while True:
            i = seen.find(b"\x1b]11;?")
            j = seen.find(b"\x1b[c")
            if i < 0 and j < 0:
                break
            if i >= 0 and (j < 0 or i < j):
                if log:
                    log.write("osc11\n")
                if a.bg and not a.silent:
                    answer(b"\x1b]11;rgb:" + a.bg.encode() + b"\x1b\\")
                seen = seen[:i] + seen[i + 6:]
            else:
                if log:
                    log.write("da1\n")
                if not a.silent:
                    answer(b"\x1b[?62;22c")
                seen = seen[:j] + seen[j + 3:]
    if status is None:
        _, status = os.waitpid(pid, 0)
    out.flush()
    if log:
        log.close()
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
