#!/usr/bin/env bash
# URLs: every case against tests/httpd.py, an HTTP server this script starts
# on 127.0.0.1 and stops (no test needs the internet).  Pages, redirects
# (one, five, six, a loop), HTTP errors, a time-out, a PDF, bodies over
# the size limit, gzip, plain text, no Content-Type, the charset of the
# header, the User-Agent, a refused connection, an unknown host, another
# scheme, --save-pages (and reading the saved copy offline), and nothing
# half-written when one URL fails.  Each failure: one line naming the URL,
# exit status 2.  Skipped (77) without libcurl or python3.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_fetch.sh
# Exit 0 pass, 1 fail, 77 skip, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$top_builddir/wirediff" "$@"
}
# The loopback server is reached directly, whatever proxy the machine sets.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'

if ! "$top_builddir/wirediff" --version | grep -q 'URLs: yes'; then
    echo "test_fetch: wirediff was built without libcurl: skipped"
    exit 77
fi
if ! command -v python3 >/dev/null; then
    echo "test_fetch: python3 (for the test server) not found: skipped"
    exit 77
fi

tmp=$(mktemp -d) || exit 99
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
python3 "$top_srcdir/tests/httpd.py" "$top_srcdir/tests/pages" "$tmp/port" &
server=$!
for _ in $(seq 1 200); do # wait until it listens (at most 10 s)
    [ -s "$tmp/port" ] && break
    kill -0 "$server" 2>/dev/null || { echo "test_fetch: the test server died"; exit 99; }
    sleep 0.05
done
[ -s "$tmp/port" ] || { echo "test_fetch: the test server did not start"; exit 99; }
U="http://127.0.0.1:$(cat "$tmp/port")"

. "$top_srcdir/tests/checks.sh"

# pages
run "a page by URL" 0 '^PORT ALDER — The town council approved' --extract "$U/a.html"
run "its metadata and provenance" 0 '"url":"'"$U"'/a.html".*"status":200,"fetched":"20[0-9-]+T' \
    --extract --export=json "$U/a.html"
run "two URLs compared" 1 '^\+\+\+ '"$U"'/b.html' --export=text "$U/a.html" "$U/b.html"
run "a URL and a file" 1 '"path":"'"$U"'/a.html"' --export=json "$U/a.html" \
    "$top_srcdir/tests/pages/harbour_b.html"
run "the same page by file and by URL" 0 '' --export=text "$U/a.html" \
    "$top_srcdir/tests/pages/harbour_a.html"
run "gzip" 0 'PORT ALDER' --extract "$U/gzip"
run "plain text is compared as text" 0 '^A plain text story\.$' --extract "$U/text"
run "no Content-Type: sniffed" 0 'PORT ALDER' --extract "$U/no-type"
run "the header's charset (ISO-8859-2's 0xB1 is U+0105)" 0 $'Zaj\xc4\x85c' --extract \
    "$U/header-charset"
run "a windows-1252 page" 0 '£12 million' --extract "$U/b.html"
run "the User-Agent names wirediff" 0 'Agent: wirediff/[0-9.]+\.' --extract "$U/ua"

# redirects
run "a redirect: the final URL" 0 '"url":"'"$U"'/redirect","final_url":"'"$U"'/a.html"' \
    --extract --export=json "$U/redirect"
run "five redirects" 0 'PORT ALDER' --extract "$U/chain/4"
run "six redirects" 2 "^wirediff: $U/chain/5: more than 5 redirects$" --extract "$U/chain/5"
run "a redirect loop" 2 "^wirediff: $U/loop: redirect loop$" --extract "$U/loop"

# failures
run "HTTP 404" 2 "^wirediff: $U/404: HTTP 404 Not Found$" --extract "$U/404"
run "HTTP 500" 2 "^wirediff: $U/500: HTTP 500 Internal Server Error$" "$U/500" "$U/a.html"
run "a time-out" 2 "^wirediff: $U/slow: timed out after 1 second \(--timeout\)$" \
    --timeout=1 --extract "$U/slow"
run "a PDF" 2 "^wirediff: $U/pdf: not a web page \(Content-Type: application/pdf\)$" \
    --extract "$U/pdf"
run "a body over the limit" 2 "^wirediff: $U/huge: page larger than the 20 MB limit \(--max-page-size\)$" \
    --extract "$U/huge"
run "an announced body over the limit" 2 \
    "^wirediff: $U/huge-announced: page larger than the 20 MB limit \(--max-page-size\)$" \
    --extract "$U/huge-announced"
run "--max-page-size" 2 "^wirediff: $U/a.html: page larger than the 2 KB limit" \
    --max-page-size=2K --extract "$U/a.html"
run "no article" 2 "^wirediff: $U/no-article: no article text found; --input=text compares" \
    --extract "$U/no-article"
run "--input=text on a URL: the markup itself" 0 '<p class="byline">' --input=text --extract \
    "$U/a.html"
# a port nobody listens on: bound, then closed
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run "a refused connection" 2 "^wirediff: http://127.0.0.1:$closed/: .*(refused|connect)" \
    --extract "http://127.0.0.1:$closed/"
run "an unknown host" 2 "^wirediff: http://wirediff-test.invalid/: .*(resolve|host)" \
    --timeout=10 --extract "http://wirediff-test.invalid/"
run "another scheme" 2 "^wirediff: ftp://127.0.0.1/x: only http and https URLs are fetched$" \
    --extract "ftp://127.0.0.1/x"

# nothing half-written: one URL fails, no output file
wd --export=json -o "$tmp/o.json" "$U/a.html" "$U/404" 2>"$tmp/err"
if [ $? -eq 2 ] && [ ! -e "$tmp/o.json" ] && grep -q "HTTP 404" "$tmp/err"; then
    pass "a failed URL leaves no output file"
else
    bad "a failed URL leaves no output file" "$tmp/err"
fi

# --save-pages: kept with its provenance, and read back offline the same
mkdir "$tmp/saved"
run "--save-pages" 0 '"saved":"'"$tmp"'/saved/127.0.0.1_2026-11-23_[0-9a-f]{16}.html"' \
    --save-pages "$tmp/saved" --extract --export=json "$U/redirect"
saved=$(ls "$tmp/saved"/*.html 2>/dev/null)
if [ "$(ls "$tmp/saved" | wc -l)" -eq 1 ] && grep -q "<!-- saved from url=(....)$U/redirect -->" "$saved"; then
    pass "the saved page names its URL"
else
    bad "the saved page names its URL"
fi
wd --extract "$U/a.html" >"$tmp/fetched" 2>/dev/null
wd --extract "$saved" >"$tmp/offline" 2>/dev/null
if cmp -s "$tmp/fetched" "$tmp/offline"; then pass "the saved copy reads the same"; else bad "the saved copy reads the same"; fi
run "the saved copy keeps its provenance" 0 \
    '"url":"'"$U"'/redirect","final_url":"'"$U"'/a.html","status":200,"fetched":"20' \
    --extract --export=json "$saved"
wd --save-pages "$tmp/saved" --extract "$U/redirect" >/dev/null 2>&1
[ "$(ls "$tmp/saved" | wc -l)" -eq 1 ] && pass "the same page is kept once" || bad "the same page is kept once"
ls "$tmp/saved" | grep -q tmp && bad "a temporary file was left in the folder"
run "--save-pages into a missing folder" 2 "^wirediff: $tmp/nope: no such file or directory$" \
    --save-pages "$tmp/nope" --extract "$U/a.html"

# the server saw wirediff's User-Agent and only GET requests
grep -qv '^GET ' "$tmp/port.log" && bad "a request other than GET"

echo "$n checks, $fails failed"
[ $fails -eq 0 ]
