#!/usr/bin/env bash
# --timeline from the command line: the snapshots of a chain of seven
# versions (tests/timeline: a lede rewrite, a softened quotation with a
# paragraph cut, a move, a minor-only version, an identical duplicate, a
# new headline with the cut paragraph's first sentence back) equal the
# golden files tests/export/timeline.{html,json,md,txt} byte for byte; the
# HTML validates (xmllint --html, whose HTML 4 parser does not know
# <details> and <summary>: those two messages only are left out) and holds
# no script; the JSON parses and its timeline member says what each step
# did; versions as JSON Lines on standard input; --git on a repository
# this test makes; and the bad input of the issue, each one line, exit 2.
#
#   WD_EXPORT_UPDATE=1 tests/test_timeline_cli.sh   rewrite the golden files
#                                                   (then read every diff!)
# Exit 0 pass, 1 fail, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
G="$top_srcdir/tests/export"
TS=2026-11-23T17:10:00Z
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$WD" "$@"
}
[ -x "$WD" ] || { echo "test_timeline_cli: $WD not found (build it first)" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/checks.sh"
export HOME="$tmp" LC_ALL=C.UTF-8 TZ=UTC TERM=dumb NO_COLOR=1
unset WIREDIFF_SCRIPT

# paths relative to the source tree, so that the snapshots name the files
# the same way wherever the tree is
cd "$top_srcdir" || exit 99

# ---- golden files --------------------------------------------------------
for ext in html json md txt; do
    fmt=$ext
    [ "$ext" = txt ] && fmt=text
    out="$tmp/timeline.$ext"
    wd --timeline --export="$fmt" --timestamp="$TS" --width=120 tests/timeline >"$out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 1 ] || [ -s "$tmp/err" ]; then
        bad "timeline.$ext: exit status $rc (want 1), or something on stderr" "$tmp/err"
        continue
    fi
    if [ -n "${WD_EXPORT_UPDATE:-}" ]; then
        cp "$out" "$G/timeline.$ext"
        echo "# updated $G/timeline.$ext (read the diff!)"
    fi
    if cmp -s "$out" "$G/timeline.$ext"; then
        pass "timeline.$ext equals its golden file"
    else
        diff -u "$G/timeline.$ext" "$out" | head -n 40 >"$tmp/diff"
        bad "timeline.$ext differs from its golden file" "$tmp/diff"
    fi
done

H="$G/timeline.html"
if command -v xmllint >/dev/null 2>&1; then
    # each message is three lines: the message, the source line, the caret
    xmllint --html --noout "$H" 2>&1 |
        awk '/Tag (details|summary) invalid/ { skip = 3 } skip > 0 { skip--; next } { print }' >"$tmp/lint"
    [ -s "$tmp/lint" ] && bad "xmllint --html: timeline.html" "$tmp/lint" || pass "xmllint --html: timeline.html"
else
    echo "# note: xmllint not found (Debian: libxml2-utils); HTML validation skipped"
fi
grep -qi '<script' "$H" && bad "timeline.html holds a script" || pass "timeline.html: no script"
[ "$(grep -c '^<details>' "$H")" -eq 6 ] && pass "timeline.html: six steps, each in <details>" ||
    bad "timeline.html: want six <details> blocks" "$H"
# the version table first, then first against latest (not folded), then the steps
t=$(grep -n 'id="timeline"' "$H" | cut -d: -f1)
c1=$(grep -n '<h2 id="c1">' "$H" | cut -d: -f1)
d1=$(grep -n '^<details>' "$H" | head -n 1 | cut -d: -f1)
[ -n "$t" ] && [ -n "$c1" ] && [ -n "$d1" ] && [ "$t" -lt "$c1" ] && [ "$c1" -lt "$d1" ] &&
    pass "timeline.html: the table, then first against latest, then the steps" ||
    bad "timeline.html: order of the parts" "$H"

if command -v python3 >/dev/null 2>&1; then
    if python3 - "$G/timeline.json" >"$tmp/py" 2>&1 <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
tl = d["timeline"]
assert tl["order"] == "name", tl["order"]
assert len(d["documents"]) == 7 and len(tl["versions"]) == 7
assert len(d["comparisons"]) == 7 and len(tl["steps"]) == 6
assert [s["comparison"] for s in tl["steps"]] == [1, 2, 3, 4, 5, 6]
assert [s["change"] for s in tl["steps"]] == ["edited", "edited", "edited", "minor", "no change", "edited"]
s = tl["steps"]
assert s[0]["reworded"] == 1 and s[1]["cut"] == 2 and s[2]["moved"] == 1
assert s[5]["added"] == 1 and s[5]["headline_changed"] is True
assert tl["versions"][0]["time"] == 1795424700, tl["versions"][0]["time"]
back = [c for c in tl["cuts"] if c["back_in"] is not None]
assert len(tl["cuts"]) == 2 and len(back) == 1 and back[0]["cut_in"] == 2 and back[0]["back_in"] == 6
PY
        pass "timeline.json: parses; the steps, the times and the cut that came back"
    else
        bad "timeline.json" "$tmp/py"
    fi
fi

# ---- orders, duplicates, unrelated versions --------------------------------
T=tests/timeline
run "files in the order given" 1 '^   1  2026-11-23 17:25 ' --timeline --export=text \
    $T/storm_2026-11-23T1725.txt $T/storm_2026-11-23T0905.txt
run "--order=name sorts files given out of order" 1 '^   1  2026-11-23 09:05 ' --timeline \
    --order=name --export=text $T/storm_2026-11-23T1725.txt $T/storm_2026-11-23T0905.txt
cp $T/storm_2026-11-23T0905.txt "$tmp/a.txt" && cp $T/storm_2026-11-23T0905.txt "$tmp/b.txt"
run "identical versions: kept, said to be no change, exit 0" 0 '^   2  .*  no change$' \
    --timeline --export=text "$tmp/a.txt" "$tmp/b.txt"
printf 'Whales sing in the deep. Their songs carry for miles.\n' >"$tmp/whales.txt"
wd --timeline --export=text "$tmp/a.txt" "$tmp/whales.txt" "$tmp/b.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
    grep -q '^wirediff: warning: version 2 (whales.txt) shares no sentence with version 1 (a.txt)$' "$tmp/err" &&
    grep -q 'unrelated to the version before' "$tmp/out" &&
    pass "unrelated neighbours: said (a warning per step, the table), not refused" ||
    bad "unrelated neighbours: status $rc" "$tmp/err"

# ---- JSON Lines on standard input ---------------------------------------------
printf '%s\n' '{"time":"2026-11-23T10:00:00+01:00","title":"Storm","url":"https://news.example/storm","text":"Snow closed the schools. Buses stop."}' \
    '' '{"time":1795428000,"text":"Snow closed every school. Buses stop."}' >"$tmp/v.jsonl"
run "JSON Lines: a version a line" 1 '"versions":\[$' --timeline --export=json - <"$tmp/v.jsonl"
grep -q '"time":1795424400,"time_text":"2026-11-23T10:00:00+01:00"' "$tmp/out" &&
    grep -q '"url":"https://news.example/storm"' "$tmp/out" &&
    pass "JSON Lines: times and metadata kept" || bad "JSON Lines: times and metadata" "$tmp/out"
printf 'dump\n' >"$tmp/dump.keys"
printf '%s\n' '{"time":"2026-11-23T09:00:05Z","text":"One sentence here. Two here."}' \
    '{"time":1795424700,"text":"One sentence here. Three here."}' >"$tmp/s.jsonl"
COLUMNS=100 LINES=8 TERM=xterm-256color run "JSON Lines in the reader: times with seconds in their column" 1 \
    '^ 2  2026-11-23 09:05     -:2 +[0-9]+ B  [+]1 added, -1 cut' --timeline --script="$tmp/dump.keys" - <"$tmp/s.jsonl"
printf '{"text":"One."}\n{"text": 3}\n' >"$tmp/bad.jsonl"
run "JSON Lines: a malformed line is named" 2 '^wirediff: standard input: line 2: ' --timeline - <"$tmp/bad.jsonl"
printf '{"text":"One."}\n' >"$tmp/one.jsonl"
run "JSON Lines: one version" 2 \
    '^wirediff: standard input: a timeline needs at least two versions \(one given\)$' \
    --timeline - <"$tmp/one.jsonl"

# ---- bad input -------------------------------------------------------------
run "one version" 2 \
    "^wirediff: $T/storm_2026-11-23T0905.txt: a timeline needs at least two versions \\(one given\\)\$" \
    --timeline $T/storm_2026-11-23T0905.txt
mkdir "$tmp/lonely" && cp $T/storm_2026-11-23T0905.txt "$tmp/lonely/"
run "a folder of one version" 2 '^wirediff: .*/lonely: a timeline needs at least two versions \(one given\)$' \
    --timeline "$tmp/lonely"
run "no version" 2 '^wirediff: --timeline needs the versions' --timeline
run "--order without a time in the names" 2 '^wirediff: .*/a\.txt: no date and time in its name$' \
    --timeline --order=name "$tmp/a.txt" "$tmp/b.txt"
run "an unknown order" 2 '^wirediff: --order takes args, name, mtime or meta$' --timeline --order=size x
run "--git without --timeline" 2 '^wirediff: --git and --order go with --timeline$' --git x
run "standard input among files" 2 '^wirediff: -: standard input holds the versions as JSON Lines' \
    --timeline "$tmp/a.txt" -
run "--timeline with --overlap" 2 '^wirediff: --timeline opens the reader or writes a snapshot' \
    --timeline --overlap "$tmp/a.txt" "$tmp/b.txt"
run "a missing version" 2 '^wirediff: .*/gone\.txt: no such file or directory$' \
    --timeline "$tmp/a.txt" "$tmp/gone.txt"
cp "$tmp/a.txt" "$tmp/keep.txt"
sum=$(cksum <"$tmp/keep.txt")
run "-o never over an input" 2 "keep\\.txt" --timeline -o "$tmp/keep.txt" --force "$tmp/a.txt" "$tmp/keep.txt"
[ "$(cksum <"$tmp/keep.txt")" = "$sum" ] && pass "-o over an input: the input unchanged" ||
    bad "-o over an input: the input changed"

# ---- --git -------------------------------------------------------------------
if command -v git >/dev/null 2>&1; then
    repo="$tmp/repo"
    mkdir "$repo" && cd "$repo" || exit 99
    export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Ann Editor" GIT_AUTHOR_EMAIL=ann@example.org
    export GIT_COMMITTER_NAME="Cy Desk" GIT_COMMITTER_EMAIL=cy@example.org
    git init -q . || exit 99
    i=0
    for v in 0905 0940 1115 1230; do
        i=$((i + 1))
        cp "$top_srcdir/$T/storm_2026-11-23T$v.txt" story.txt
        git add story.txt
        GIT_AUTHOR_DATE="2026-11-23T1$i:00:00Z" GIT_COMMITTER_DATE="2026-11-23T1$i:00:00Z" \
            git commit -qm "story: edit $i" || exit 99
    done
    run "--git: every committed version, oldest first, with author and subject" 1 \
        '^      [0-9a-f]{12} Ann Editor: story: edit 4$' --timeline --git --export=text story.txt
    grep -q '^   1  2026-11-23 11:00     story\.txt@' "$tmp/out" && grep -q '^   4  2026-11-23 14:00 ' "$tmp/out" &&
        pass "--git: the commits' times, in order" || bad "--git: times" "$tmp/out"
    COLUMNS=100 LINES=10 TERM=xterm-256color run "--git in the reader: the commits' subjects" 1 \
        '^ 4  2026-11-23 14:00  story\.txt@[0-9a-f]{7} .* 1 moved · story: edit 4' \
        --timeline --git --script="$tmp/dump.keys" story.txt
    run "--git: JSON names the commits" 1 '"author":"Ann Editor","subject":"story: edit 1"' \
        --timeline --git --export=json story.txt
    printf 'Fresh.\n' >new.txt
    run "--git: an untracked file" 2 '^wirediff: new\.txt: not tracked by git' --timeline --git new.txt
    git add new.txt && git commit -qm new
    run "--git: one commit" 2 '^wirediff: new\.txt: only one committed version' --timeline --git new.txt
    run "--git: two files" 2 '^wirediff: --timeline --git takes one FILE$' --timeline --git new.txt story.txt
    cd "$tmp" || exit 99
    mkdir norepo && printf 'A.\n' >norepo/x.txt
    GIT_CEILING_DIRECTORIES="$tmp" run "--git outside a repository" 2 \
        '^wirediff: .*x\.txt: not in a git work tree' --timeline --git norepo/x.txt
    cd "$top_srcdir" || exit 99
else
    echo "# note: git not found; the --git checks skipped"
fi

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
