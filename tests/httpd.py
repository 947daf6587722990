#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for tests/test_fetch.sh.

    httpd.py PAGES_DIR PORT_FILE

Listens on an ephemeral port of the loopback address, writes the port to
PORT_FILE once it accepts connections, and serves until killed.  Every
route is a case the fetcher must handle: pages with and without a charset
in the header, redirects (one, a chain, a loop), errors, a slow answer, a
PDF, a body over the size limit (with and without Content-Length), gzip,
plain text, no Content-Type, and a page that echoes the request's
User-Agent.  Each request is logged to PORT_FILE.log as "METHOD PATH UA".
"""
import gzip
import http.server
import os
import sys
import threading
import time

PAGES, PORT_FILE = sys.argv[1], sys.argv[2]


def page(name):
    with open(os.path.join(PAGES, name), "rb") as f:
        return f.read()


ARTICLE = (b"<html><head><title>%s</title></head><body><article>"
           b"<p>%s The council met on Tuesday, and after a long debate, members voted to "
           b"approve the budget, which includes money for roads, schools and parks.</p>"
           b"<p>Second paragraph of the story, with a comma, and a few more words in it.</p>"
           b"</article></body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        with open(PORT_FILE + ".log", "a") as f:
            f.write("%s %s %s\n" % (self.command, self.path, self.headers.get("User-Agent")))

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to, status=302):
        self.send(status, b"", None, [("Location", to)])

    def do_GET(self):
        p = self.path
        if p == "/a.html":
            self.send(200, page("harbour_a.html"))
        elif p == "/b.html":
            # the page says windows-1252 itself; the header agrees
            self.send(200, page("harbour_b.html"), "text/html; charset=windows-1252")
        elif p == "/header-charset":
            # the header says ISO-8859-2 and the page says nothing: 0xB1 is U+0105
            self.send(200, ARTICLE % (b"x", b"Zaj\xb1c, a Polish word."),
                      "text/html; charset=ISO-8859-2")
        elif p == "/redirect":
            self.redirect("/a.html")
        elif p.startswith("/chain/"):
            n = int(p.split("/")[2])
            self.redirect("/chain/%d" % (n - 1) if n > 0 else "/a.html", 301)
        elif p == "/loop":
            self.redirect("/loop2")
        elif p == "/loop2":
            self.redirect("/loop")
        elif p == "/404":
            self.send(404, b"<html><body><p>Not here.</p></body></html>")
        elif p == "/500":
            self.send_response(500, "Internal Server Error")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif p == "/slow":
            time.sleep(5)
            self.send(200, ARTICLE % (b"slow", b"Too late."))
        elif p == "/pdf":
            self.send(200, b"%PDF-1.4\n" + b"0" * 100000, "application/pdf")
        elif p == "/huge":
            # 25 MB, its length not announced: the limit is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>\n"
            try:
                for _ in range(400):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif p == "/huge-announced":
            # refused from its Content-Length, before the body
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(30 * 1024 * 1024))
            self.end_headers()
            self.close_connection = True
        elif p == "/gzip":
            self.send(200, gzip.compress(page("harbour_a.html")), "text/html; charset=utf-8",
                      [("Content-Encoding", "gzip")])
        elif p == "/text":
            self.send(200, b"A plain text story.\nIt has two lines.\n", "text/plain; charset=utf-8")
        elif p == "/no-type":
            self.send(200, page("harbour_a.html"), None)
        elif p == "/no-article":
            self.send(200, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
        elif p == "/ua":
            ua = (self.headers.get("User-Agent") or "none").encode()
            self.send(200, ARTICLE % (b"ua", b"Agent: " + ua + b"."))
        else:
            self.send(404, b"")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up (the size limit, a time-out) is expected


srv = Server(("127.0.0.1", 0), Handler)
tmp = PORT_FILE + ".tmp"
with open(tmp, "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(tmp, PORT_FILE)
srv.serve_forever()
