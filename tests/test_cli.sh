#!/usr/bin/env bash
# Command-line behaviour: exit status like diff(1), options, output files,
# a closed standard output, and inputs never modified.  Bad inputs (missing,
# binary, empty, huge files, standard input...) are in test_badinput.sh.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_cli.sh
# runs each wirediff under the wrapper (make valgrind).
# Exit 0 pass, 1 fail, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
# wirediff, under the wrapper if any.
wd() {
    ${wrap[@]+"${wrap[@]}"} "$top_builddir/wirediff" "$@"
}
WD=wd
S="$top_srcdir/seeds"
A="$S/000_f22e6673dc503adc.txt"
B="$S/001_337949aa419a66f0.txt"
C="$S/002_a1f37eaed367186e.txt"
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
n=0

check() { # check NAME EXPECTED_STATUS GOT_STATUS [stderr-file PATTERN]
    n=$((n + 1))
    local name=$1 want=$2 got=$3
    if [ "$got" != "$want" ]; then
        echo "FAIL $name: exit status $got, want $want"
        fails=$((fails + 1))
        return
    fi
    if [ $# -ge 5 ]; then
        if ! grep -qE -- "$5" "$4"; then
            echo "FAIL $name: stderr does not match '$5':"
            cat "$4"
            fails=$((fails + 1))
            return
        fi
        if [ "$(wc -l <"$4")" -ne 1 ]; then
            echo "FAIL $name: want exactly one line on stderr:"
            cat "$4"
            fails=$((fails + 1))
            return
        fi
    fi
    echo "ok $n $name"
}

sums_before=$(cat "$S"/*.txt | cksum)

"$WD" "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "different files exit 1" 1 $?
printf 'abc\0def. More text.' >"$tmp/bin.txt"
"$WD" --text "$A" "$tmp/bin.txt" >"$tmp/out" 2>"$tmp/err"; check "--text accepts NUL" 1 $?
"$WD" "$A" >"$tmp/out" 2>"$tmp/err"; check "one file is a usage error" 2 $?
"$WD" --export=pdf "$A" "$B" >"$tmp/out" 2>"$tmp/err"
check "unknown format" 2 $? "$tmp/err" "unknown export format 'pdf'"
"$WD" --width=5 "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "bad width" 2 $?
"$WD" --bogus "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "unknown option" 2 $?
"$WD" --help >"$tmp/out" 2>&1; check "--help" 0 $?
grep -q -- "--export=FORMAT" "$tmp/out" || { echo "FAIL --help lacks --export"; fails=$((fails + 1)); }
"$WD" --version >"$tmp/out" 2>&1; check "--version" 0 $?
grep -q '^Copyright (C) [0-9]\{4\} ' "$tmp/out" && grep -q '^License ' "$tmp/out" ||
    { echo "FAIL --version lacks the copyright and licence lines"; fails=$((fails + 1)); }
"$WD" --help >"$tmp/out" 2>&1
for g in "Snapshots:" "What to show:" "Other outputs:" "Terminal:" "Configuration:" "Git " \
    "Web pages and URLs:" "Comparison:"; do
    grep -q "^$g" "$tmp/out" || { echo "FAIL --help has no group '$g'"; fails=$((fails + 1)); }
done

# the man page: the sections man-pages(7) names, in its order, with FILES,
# ENVIRONMENT, BUGS and EXAMPLES; every environment variable the sources
# read is in ENVIRONMENT
M="$top_srcdir/doc/wirediff.1"
std="NAME|SYNOPSIS|CONFIGURATION|DESCRIPTION|OPTIONS|EXIT STATUS|RETURN VALUE|ERRORS|ENVIRONMENT|FILES|ATTRIBUTES|VERSIONS|STANDARDS|HISTORY|NOTES|CAVEATS|BUGS|EXAMPLES|AUTHORS|REPORTING BUGS|COPYRIGHT|SEE ALSO"
got=$(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$M" | grep -xE "$std" | tr '\n' '|')
want=$(printf '%s\n' "$std" | tr '|' '\n' | grep -xF -f <(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$M") | tr '\n' '|')
n=$((n + 1))
if [ "$got" = "$want" ] && for sec in ENVIRONMENT FILES BUGS EXAMPLES; do
    printf '%s' "$got" | grep -q "|$sec|" || exit 1
done; then echo "ok $n man page sections in man-pages(7) order"; else
    echo "FAIL man page sections: $got (want $want, and ENVIRONMENT FILES BUGS EXAMPLES)"
    fails=$((fails + 1))
fi
envsec=$(sed -n '/^\.SH ENVIRONMENT/,/^\.SH [^E]/p' "$M")
for v in $(grep -ohE '(getenv|env_size)\("[A-Za-z_]+"|setenv\("[A-Z]+"' "$top_srcdir"/src/*.c |
    sed 's/.*("//; s/"$//' | sort -u); do
    printf '%s' "$envsec" | grep -q "$v" ||
        { echo "FAIL the man page's ENVIRONMENT does not name $v"; fails=$((fails + 1)); }
done

# --stat: a line per pair; --digest: what changed, first
"$WD" --stat "$A" "$B" "$C" >"$tmp/out" 2>"$tmp/err"; check "--stat" 1 $?
[ "$(wc -l <"$tmp/out")" -eq 2 ] && grep -q "^$A vs $B: 15 changed, 3 moved, 19 cut, 31 added, 0 same; 5 quotations, 2 numbers" "$tmp/out" ||
    { echo "FAIL --stat lines:"; cat "$tmp/out"; fails=$((fails + 1)); }
"$WD" --stat "$A" "$A" >"$tmp/out" 2>"$tmp/err"; check "--stat of a file with itself" 0 $?
grep -q "0 changed, 0 moved, 0 cut, 0 added, 37 same$" "$tmp/out" || { echo "FAIL --stat same"; fails=$((fails + 1)); }
"$WD" --digest --export=inline "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "--digest" 1 $?
sed -n 3,4p "$tmp/out" | grep -q "^What changed: 5 quotations" && grep -q "^  row 12   quotation turned into paraphrase: “While closely" "$tmp/out" ||
    { echo "FAIL --digest: no digest first"; fails=$((fails + 1)); }
"$WD" --export=inline "$A" "$B" >"$tmp/out" 2>"$tmp/err"
grep -q "^What changed" "$tmp/out" && { echo "FAIL inline without --digest holds the digest"; fails=$((fails + 1)); }
# --no-digest: the formats that begin with it by default leave it out
for f in json html md; do
    "$WD" --export=$f "$A" "$B" >"$tmp/out" 2>"$tmp/err"
    grep -q '"digest"\|class="digest"\|What changed:' "$tmp/out" || { echo "FAIL $f has no digest"; fails=$((fails + 1)); }
    "$WD" --no-digest --export=$f "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "--no-digest $f" 1 $?
    grep -q '"digest"\|class="digest"\|What changed' "$tmp/out" && { echo "FAIL --no-digest $f holds the digest"; fails=$((fails + 1)); }
done

# --sentences prints index, byte span and text
"$WD" --sentences "$C" >"$tmp/out" 2>"$tmp/err"; check "--sentences" 0 $?
[ "$(wc -l <"$tmp/out")" -eq 20 ] || { echo "FAIL --sentences: want 20 lines"; fails=$((fails + 1)); }
head -1 "$tmp/out" | grep -qP '^0\t0\t271\tSouth Korea and the United States' ||
    { echo "FAIL --sentences first line"; fails=$((fails + 1)); }

# --fold=N: runs of N identical sentences fold; N from 1 to 1000
printf 'The council met on Monday. It voted on the plan. The mayor spoke first. Residents asked questions. Work starts in May.\n' >"$tmp/f1.txt"
printf 'The council met on Monday. It voted on the plan. The mayor spoke first. Residents asked questions. Work starts in June.\n' >"$tmp/f2.txt"
"$WD" --fold=4 --export=inline "$tmp/f1.txt" "$tmp/f2.txt" >"$tmp/fold4.txt" 2>"$tmp/err"; check "--fold=4" 1 $?
grep -q '^… 4 identical sentences$' "$tmp/fold4.txt" || { echo "FAIL --fold=4 did not fold the run of 4"; fails=$((fails + 1)); }
"$WD" --fold --export=inline "$tmp/f1.txt" "$tmp/f2.txt" >"$tmp/fold3.txt" 2>"$tmp/err"; check "--fold" 1 $?
cmp -s "$tmp/fold3.txt" "$tmp/fold4.txt" || { echo "FAIL --fold (3) did not fold the run of 4 as --fold=4 does"; fails=$((fails + 1)); }
"$WD" --fold=5 --export=inline "$tmp/f1.txt" "$tmp/f2.txt" >"$tmp/fold5.txt" 2>"$tmp/err"; check "--fold=5" 1 $?
grep -q 'identical' "$tmp/fold5.txt" && { echo "FAIL --fold=5 folded a run of 4"; fails=$((fails + 1)); }
"$WD" --fold=0 "$tmp/f1.txt" "$tmp/f2.txt" 2>"$tmp/err"
check "--fold=0" 2 $? "$tmp/err" "^wirediff: --fold=N takes a number of sentences from 1 to 1000$"

# output files: written atomically, never replaced without --force
"$WD" --export=json -o "$tmp/o.json" "$A" "$B" 2>"$tmp/err"; check "-o writes" 1 $?
[ -s "$tmp/o.json" ] || { echo "FAIL -o wrote nothing"; fails=$((fails + 1)); }
"$WD" --export=json -o "$tmp/o.json" "$A" "$B" 2>"$tmp/err"
check "-o refuses to replace" 2 $? "$tmp/err" "o.json: file exists \(use --force to replace it\)$"
"$WD" --export=json --force -o "$tmp/o.json" "$A" "$B" 2>"$tmp/err"; check "--force replaces" 1 $?
"$WD" --export=json -o "$tmp/nodir/o.json" "$A" "$B" 2>"$tmp/err"
check "-o into a missing folder" 2 $? "$tmp/err" "nodir/o.json: no such file or directory$"
ls "$tmp" | grep -q '\.tmp\.' && { echo "FAIL temporary file left behind"; fails=$((fails + 1)); }

# the same for HTML; an unwritable folder; format names
"$WD" --export=html --timestamp=T -o "$tmp/o.html" "$A" "$B" 2>"$tmp/err"; check "-o writes html" 1 $?
grep -q '^<!DOCTYPE html>' "$tmp/o.html" || { echo "FAIL -o html wrote no page"; fails=$((fails + 1)); }
cp "$tmp/o.html" "$tmp/o.html.before"
"$WD" --export=html -o "$tmp/o.html" "$A" "$C" 2>"$tmp/err"
check "-o html refuses to replace" 2 $? "$tmp/err" "o.html: file exists \(use --force to replace it\)$"
cmp -s "$tmp/o.html" "$tmp/o.html.before" || { echo "FAIL refused html was modified"; fails=$((fails + 1)); }
"$WD" --export=html --force -o "$tmp/o.html" "$A" "$C" 2>"$tmp/err"; check "--force replaces html" 1 $?
cmp -s "$tmp/o.html" "$tmp/o.html.before" && { echo "FAIL --force left html as it was"; fails=$((fails + 1)); }
"$WD" --export=html -o /nonexistent/x.html "$A" "$B" 2>"$tmp/err"
check "-o into a missing folder (html)" 2 $? "$tmp/err" "^wirediff: /nonexistent/x.html: no such file or directory$"
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    "$WD" --export=md -o "$tmp/ro/x.md" "$A" "$B" 2>"$tmp/err"
    check "-o into a read-only folder" 2 $? "$tmp/err" "ro/x.md: permission denied$"
fi
"$WD" --export=markdown --timestamp=T "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "--export=markdown" 1 $?
head -1 "$tmp/out" | grep -q '^# wirediff snapshot$' || { echo "FAIL markdown heading"; fails=$((fails + 1)); }
"$WD" --export=ansi "$A" "$B" >"$tmp/out" 2>"$tmp/err"; check "--export=ansi to stdout" 1 $?
grep -q $'\033\[' "$tmp/out" || { echo "FAIL ansi has no escapes"; fails=$((fails + 1)); }

# a device is written in place, never replaced (even with --force)
if [ -c /dev/null ]; then
    "$WD" --export=json -o /dev/null --force "$A" "$B" 2>"$tmp/err"; check "-o /dev/null" 1 $?
    [ -c /dev/null ] || { echo "FAIL /dev/null is no longer a device"; fails=$((fails + 1)); }
fi
mkfifo "$tmp/fifo" && { cat "$tmp/fifo" >"$tmp/fifo.out" & }
"$WD" --export=inline -o "$tmp/fifo" "$A" "$B" 2>"$tmp/err"; check "-o FIFO" 1 $?
wait
[ -p "$tmp/fifo" ] && [ -s "$tmp/fifo.out" ] || { echo "FAIL FIFO replaced or empty"; fails=$((fails + 1)); }

# JSON is well-formed and has the documented top level
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="wirediff" and d["version"]==1 and len(d["comparisons"])==1' "$tmp/o.json"
    check "JSON parses" 0 $?
    "$WD" --export=json "$A" "$B" "$C" >"$tmp/three.json"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [(c["a"],c["b"]) for c in d["comparisons"]]==[(0,1),(0,2)]' "$tmp/three.json"
    check "three files: first against each other" 0 $?
fi

# a closed stdout (| head, a pager quit early) ends the output quietly, as
# diff and git do: no message, the comparison's exit status; more output
# than a pipe holds
for i in $(seq 40); do cat "$A"; done >"$tmp/big_a.txt"
for i in $(seq 40); do cat "$B"; done >"$tmp/big_b.txt"
quiet() { # NAME: nothing on stderr
    [ -s "$tmp/err" ] && { echo "FAIL $1: stderr is not empty:"; cat "$tmp/err"; fails=$((fails + 1)); }
}
for f in inline text ansi json; do
    "$WD" --export=$f "$tmp/big_a.txt" "$tmp/big_b.txt" 2>"$tmp/err" | head -c 10 >/dev/null
    check "closed stdout (--export=$f): the comparison's status" 1 "${PIPESTATUS[0]}"
    quiet "closed stdout (--export=$f)"
done
"$WD" "$tmp/big_a.txt" "$tmp/big_a.txt" 2>"$tmp/err" | head -c 10 >/dev/null
check "closed stdout, same files: status 0" 0 "${PIPESTATUS[0]}"
quiet "closed stdout, same files"
"$WD" --sentences "$tmp/big_a.txt" 2>"$tmp/err" | head -c 10 >/dev/null
check "closed stdout (--sentences)" 0 "${PIPESTATUS[0]}"
quiet "closed stdout (--sentences)"
"$WD" --overlap "$S" 2>"$tmp/err" | head -c 10 >/dev/null
check "closed stdout (--overlap)" 0 "${PIPESTATUS[0]}"
quiet "closed stdout (--overlap)"
if [ -w /dev/full ]; then
    "$WD" --sentences "$C" >/dev/full 2>"$tmp/err"
    check "full disk (--sentences)" 2 $? "$tmp/err" "^wirediff: standard output: No space left on device$"
    "$WD" --version >/dev/full 2>"$tmp/err"
    check "full disk (--version)" 2 $? "$tmp/err" "^wirediff: standard output: No space left on device$"
    "$WD" --export=json "$A" "$B" >/dev/full 2>"$tmp/err"
    check "full disk (--export=json)" 2 $? "$tmp/err" "^wirediff: standard output: No space left on device$"
fi

# --overlap and folders: the table, exit 0; JSON; a folder without files
"$WD" --overlap "$S" >"$tmp/ov.txt" 2>"$tmp/err"; check "--overlap on a folder" 0 $?
grep -q '^overlapping nothing: 3 003_' "$tmp/ov.txt" || { echo "FAIL --overlap: 003 should overlap nothing"; fails=$((fails + 1)); }
head -9 "$tmp/ov.txt" | tail -1 | grep -q '0 ~ 1' || { echo "FAIL --overlap: 000 ~ 001 should rank first"; cat "$tmp/ov.txt"; fails=$((fails + 1)); }
"$WD" "$S" >"$tmp/ov2.txt" 2>"$tmp/err"; check "a folder means --overlap" 0 $?
cmp -s "$tmp/ov.txt" "$tmp/ov2.txt" || { echo "FAIL folder output differs from --overlap"; fails=$((fails + 1)); }
if command -v python3 >/dev/null; then
    "$WD" --overlap --export=json "$A" "$B" "$C" >"$tmp/ov.json"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="wirediff-overlap" and d["pairs"][0]["a"]==0 and 21 in d["documents"][0]["boilerplate"]' "$tmp/ov.json"
    check "--overlap JSON" 0 $?
fi
"$WD" --overlap --export=html "$S" >"$tmp/out" 2>"$tmp/err"; check "--overlap with html: the overview and the columns" 0 $?
grep -q '<h2>Columns</h2>' "$tmp/out" || { echo "FAIL --overlap --export=html: no columns"; fails=$((fails + 1)); }
"$WD" --overlap --export=md "$A" "$B" "$C" >"$tmp/out" 2>"$tmp/err"; check "--overlap with md on three files" 0 $?
grep -q '^## Columns' "$tmp/out" || { echo "FAIL --overlap --export=md: no columns"; fails=$((fails + 1)); }
"$WD" --overlap --export=ansi "$S" >"$tmp/out" 2>"$tmp/err"; check "--overlap with ansi refused" 2 $?

[ "$sums_before" = "$(cat "$S"/*.txt | cksum)" ] || { echo "FAIL inputs were modified"; fails=$((fails + 1)); }

echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
