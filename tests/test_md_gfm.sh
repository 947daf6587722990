#!/usr/bin/env bash
# The Markdown export rendered by a real CommonMark + GFM renderer
# (cmark-gfm, GitHub's fork of cmark, with the extensions GitHub enables):
# article text never becomes a link.  GFM's autolink extension links bare
# www. addresses, scheme:// URLs and e-mail addresses, and <http://x>
# escaped as \<http://x\> still held a bare URL.  Every href in the page
# must be one of the export's own anchors (#r12), and the text must read
# as it was written.
#
# Exit 0 pass, 1 fail, 77 skip (no cmark-gfm), 99 hard error (Automake).
set -u
top_builddir=${top_builddir:-.}
WD="$top_builddir/wirediff"
if ! command -v cmark-gfm >/dev/null 2>&1; then
    echo "test_md_gfm: SKIP: cmark-gfm not found (Debian: apt-get install cmark-gfm)"
    exit 77
fi
[ -x "$WD" ] || { echo "test_md_gfm: $WD not found (build it first)" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Addresses in a sentence that is the same on both sides, in one only on
# A, in a pair where they are the inserted words, and a moved one.
cat >"$tmp/a.txt" <<'TXT'
Visit www.evil.example for the full story.
Write to press@agency.example or mailto:desk@agency.example today.
See https://x.example/a?b=c and <http://x> and ftp://files.example/report here.
The ministry said nothing else.
Readers may also try WWW.Upper.example and Www.mixed.example now.
TXT
cat >"$tmp/b.txt" <<'TXT'
Readers may also try WWW.Upper.example and Www.mixed.example now.
Visit www.evil.example for the full story.
Write to tips@other.example or https://other.example today.
The ministry said little else at www.ministry.example today.
TXT
# a pair whose scheme changed: "xttp" deleted, "://" common, one line
echo 'Links to xttp://split.example and www-x.example are here.' >>"$tmp/a.txt"
echo 'Links to http://split.example and wwwx.example are here.' >>"$tmp/b.txt"
# controls are dropped from the text: what is left must not link either
printf 'Hidden ww\001w.evil.example and http:\001//x.example and mail l\001@ine.example here.\n' >>"$tmp/a.txt"
fails=0
"$WD" --export=md --timestamp=T "$tmp/a.txt" "$tmp/b.txt" >"$tmp/out.md" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL export: exit status $rc: $(cat "$tmp/err")"; exit 1; }
cmark-gfm -e autolink -e strikethrough -e table -e tagfilter "$tmp/out.md" >"$tmp/out.html" ||
    { echo "FAIL cmark-gfm could not render the export"; exit 1; }
if grep -o 'href="[^"]*"' "$tmp/out.html" | grep -v '^href="#' >"$tmp/links"; then
    echo "FAIL article text became links:"
    sed 's/^/| /' "$tmp/links"
    fails=$((fails + 1))
fi
grep -q 'href="#r' "$tmp/out.html" || { echo "FAIL the moved rows' own links are gone"; fails=$((fails + 1)); }
# The text reads as written (the joiner before @ is invisible).
zwj=$'\xe2\x80\x8d'
for want in "www.evil.example" "https://x.example/a?b=c" "&lt;http://x&gt;" "ftp://files.example/report" \
    "WWW.Upper.example" "press${zwj}@agency.example" "mailto:desk${zwj}@agency.example"; do
    grep -qF -- "$want" "$tmp/out.html" || { echo "FAIL '$want' not in the rendered text"; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ] && echo "ok: no autolinks in the rendered Markdown"
[ "$fails" -eq 0 ]
