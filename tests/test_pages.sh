#!/usr/bin/env bash
# Web pages given as files: detection by name and by content, --input,
# standard input (sniffed), pages mixed with text files, a folder of saved
# pages, --extract (text and JSON), and the bad inputs of a page (no
# article, an unknown charset, a binary file named .html, a page over the
# size limit, malformed and truncated markup), each one line naming the
# file with exit status 2; inputs never modified.  URLs are in
# test_fetch.sh.  Skipped (77) when wirediff was built without libxml2.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_pages.sh
# Exit 0 pass, 1 fail, 77 skip, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$top_builddir/wirediff" "$@"
}
if ! "$top_builddir/wirediff" --version | grep -q 'web pages: yes'; then
    echo "test_pages: wirediff was built without libxml2: skipped"
    exit 77
fi
P="$top_srcdir/tests/pages"
A="$P/harbour_a.html"
B="$P/harbour_b.html"
T="$top_srcdir/seeds/002_a1f37eaed367186e.txt"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
sums_before=$(cat "$P"/* | cksum)

. "$top_srcdir/tests/checks.sh"

# ---- what is a page ---------------------------------------------------------------------
run "two pages by name" 1 '^PORT \[-ALDER' --export=text -w 120 "$A" "$B"
lacks "their markup is not compared" '<p|<!DOCTYPE|DOCTYPE'
lacks "nor their navigation, captions, comments or related links" \
    'Home|Photo: Ledger|forty years|More from the Ledger|Most read|Share on'
cp "$A" "$tmp/page-without-extension"
run "a page by content" 1 'PORT \[-ALDER' --export=text -w 120 "$tmp/page-without-extension" "$B"
printf '<p>A fragment with no html tag, long enough to be an article, with a comma.</p>' \
    >"$tmp/fragment"
run "a fragment is text" 0 '^<p>A fragment' --extract "$tmp/fragment"
run "--input=html reads it as a page" 0 '^A fragment with no html tag' --input=html --extract \
    "$tmp/fragment"
run "--input=text compares the markup" 0 '^<!DOCTYPE html>$' --input=text --extract "$A"
run "standard input, sniffed as a page" 1 '"path":"-".*"headline":"Harbour plan approved' \
    --export=json - "$B" <"$A"
# (a text document has no "source": only the page's line holds one)
run "standard input, sniffed as text" 1 '"path":"-","title":"-","bytes":2696,' --export=json - "$A" <"$T"
[ "$(grep -c '"source"' "$tmp/out")" -eq 1 ] && pass "... and has no source" || bad "... and has no source"
run "a page and a text file" 1 '"path":"'"$T"'","title":"002_a1f37eaed367186e.txt","bytes":2696,' \
    --export=json "$A" "$T"
[ "$(grep -c '"source"' "$tmp/out")" -eq 1 ] && pass "... the text file has no source" || bad "... the text file has no source"

# ---- the compared document: headline line, then the body --------------------------------
run "--extract: the body, one paragraph a line" 0 \
    '^The plan sets aside £12 million for a new pier, a ferry terminal and a park by the water\.$' \
    --extract "$A"
lacks "--extract: no headline" 'Harbour plan approved'
[ "$(wc -l <"$tmp/out")" -eq 7 ] && pass "--extract: seven paragraphs" || bad "--extract: seven paragraphs" "$tmp/out"
run "--extract --export=json: the metadata" 0 \
    '"source":\{"page":true,"headline":"Harbour plan approved after four-hour debate","byline":"Ann Writer","site":"The Coastal Ledger","published":"2026-11-23T09:30:00Z","modified":"2026-11-23T11:05:00Z","canonical":"https://ledger.example/news/harbour-plan-approved","language":"en","charset":"UTF-8"\}' \
    --extract --export=json "$A"
if command -v python3 >/dev/null && python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["format"]=="wirediff-extract" and len(d["documents"])==1' <"$tmp/out"; then
    pass "--extract --export=json parses"
else
    command -v python3 >/dev/null && bad "--extract --export=json parses" "$tmp/out"
fi
run "--extract of a text file: the file" 0 '^South Korea and the United States' --extract "$T"
run "--sentences of a page: the headline first" 0 $'^0\t0\t44\tHarbour plan approved after four-hour debate$' \
    --sentences "$A"
run "the JSON holds a page's text, the offsets' reference" 1 '"text":"Harbour plan approved after four-hour debate\\nPORT ALDER' \
    --export=json "$A" "$B"
run "the same page twice is the same" 0 '' --export=text "$A" "$A"

# ---- a folder of saved pages -------------------------------------------------------------
mkdir "$tmp/folder"
cp "$A" "$B" "$tmp/folder/"
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' >"$tmp/folder/c-index.html"
run "a folder of pages: the overlap, titled by headline" 0 'Harbour plan approved after four-hour debate' \
    --overlap "$tmp/folder"
grep -q "c-index.html: no article text found; --input=text compares the page's whole text, skipped" "$tmp/err" &&
    pass "a page without article in a folder is skipped with a warning" ||
    bad "a page without article in a folder is skipped with a warning" "$tmp/err"
run "the overlap JSON of pages" 0 '"title":"Port Alder votes for new pier"' --overlap --export=json "$tmp/folder"

# ---- bad pages -----------------------------------------------------------------------------
printf '<html><body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>' >"$tmp/nav.html"
run "no article" 2 "^wirediff: $tmp/nav.html: no article text found; --input=text compares the page's whole text$" \
    "$tmp/nav.html" "$A"
run "no article, --extract" 2 "^wirediff: $tmp/nav.html: no article text found" --extract "$tmp/nav.html"
run "--input=text compares such a page anyway" 1 'nav' --input=text --export=text "$tmp/nav.html" "$A"
printf '<meta charset="x-klingon"><p>Text of a page that names a charset nobody knows, with a comma.</p>' \
    >"$tmp/klingon.html"
run "an unknown charset" 2 "^wirediff: $tmp/klingon.html: unknown charset 'x-klingon'$" --extract "$tmp/klingon.html"
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03binary' >"$tmp/gz.html"
run "a binary file named .html" 2 "^wirediff: $tmp/gz.html: binary file \(use --text to compare anyway\)$" \
    "$tmp/gz.html" "$A"
head -c 3000 "$A" >"$tmp/big.html"
run "a page over --max-page-size" 2 "^wirediff: $tmp/big.html: page larger than the 2 KB limit \(--max-page-size\)$" \
    --max-page-size=2K --extract "$tmp/big.html"
printf '<html><body><div><p>An unclosed paragraph, with a comma, in a page cut off in the mid' \
    >"$tmp/cut.html"
run "a truncated page" 0 '^An unclosed paragraph, with a comma, in a page cut off in the mid$' --extract "$tmp/cut.html"
printf '<html><body></p></div><p>Stray end tags, <b>unclosed bold, <i>italics</b> crossed</i>, and a paragraph all the same.</td>' \
    >"$tmp/tags.html"
run "malformed markup" 0 '^Stray end tags, unclosed bold, italics crossed, and a paragraph all the same\.$' \
    --extract "$tmp/tags.html"
printf '\xef\xbb\xbf<!DOCTYPE html><p>A byte order mark, then a page that says nothing of its charset: caf\xc3\xa9.</p>' \
    >"$tmp/bom"
run "a BOM and a doctype: a page, in UTF-8" 0 'caf\xc3\xa9|café' --extract "$tmp/bom"
printf '<p>Latin-1 bytes that nobody declared: caf\xe9, na\xefve, and a comma.</p>' >"$tmp/undeclared.html"
wd --extract "$tmp/undeclared.html" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q 'caf�, na�ve' "$tmp/out" &&
    grep -q "undeclared.html: warning: 2 bytes not valid in UTF-8 shown as U+FFFD" "$tmp/err"; then
    pass "undeclared bytes that are not UTF-8: U+FFFD and a warning"
else
    bad "undeclared bytes that are not UTF-8: U+FFFD and a warning" "$tmp/err"
fi

# ---- options ----------------------------------------------------------------------------------
run "--input takes text, html or auto" 2 "^wirediff: --input takes text, html or auto$" --input=pdf "$A" "$B"
run "--timeout takes seconds" 2 "^wirediff: --timeout takes a number of seconds from 1 to 86400$" \
    --timeout=0 "$A" "$B"
run "--max-page-size takes a size" 2 "^wirediff: --max-page-size takes a size" --max-page-size=12Q "$A" "$B"
wd --save-pages "$tmp" --export=text "$A" "$B" >/dev/null 2>"$tmp/err"
grep -q "warning: --save-pages keeps fetched pages, and no URL was given" "$tmp/err" &&
    pass "--save-pages without a URL: a warning" || bad "--save-pages without a URL: a warning" "$tmp/err"
run "--save-pages into a file" 2 "^wirediff: $A: not a directory \(--save-pages\)$" --save-pages "$A" "$A" "$B"

[ "$(cat "$P"/* | cksum)" = "$sums_before" ] && pass "the pages were only read" || bad "a page was modified"
echo "$n checks, $fails failed"
[ $fails -eq 0 ]
