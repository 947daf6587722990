#!/usr/bin/env bash
# wirediff inside git, in a repository this test makes: as diff.external
# (seven arguments; nine on a rename; GIT_DIFF_PATH_COUNTER/TOTAL in the
# title; exit 0 whatever differs, so that git goes on), as GIT_EXTERNAL_DIFF
# with --ext-diff, through .gitattributes and diff.<driver>.command, as
# `git difftool -x` and `git difftool --dir-diff`; binary files, an
# unmerged path, --exit-code, colours under git's pager.  Then two folders
# outside git: `wirediff DIR1 DIR2` pairs files by relative path as diff -r.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_git.sh
# runs each wirediff that the test runs itself under the wrapper.
# Exit 0 pass, 1 fail, 77 skip (no git), 99 hard error (Automake).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
S="$top_srcdir/seeds"
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$WD" "$@"
}
if ! command -v git >/dev/null 2>&1; then
    echo "test_git: SKIP: git not found (Debian: apt-get install git)"
    exit 77
fi
[ -x "$WD" ] || { echo "test_git: $WD not found (build it first)" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/checks.sh"

# git and wirediff without the user's settings; no pager, no terminal
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1
export GIT_PAGER=cat PAGER=cat TERM=dumb LC_ALL=C.UTF-8
unset GIT_PAGER_IN_USE GIT_EXTERNAL_DIFF GIT_DIFF_PATH_COUNTER GIT_DIFF_PATH_TOTAL NO_COLOR
mkdir -p "$HOME"

# ok NAME FILE PATTERN...: every ERE matches a line of FILE
has() {
    local name=$1 file=$2
    shift 2
    for p in "$@"; do
        grep -qE -- "$p" "$file" || { bad "$name: no line matches '$p'" "$file"; return; }
    done
    pass "$name"
}
hasnt() {
    if grep -qE -- "$3" "$2"; then bad "$1" "$2"; else pass "$1"; fi
}

repo="$tmp/repo"
mkdir "$repo" && cd "$repo" || exit 99
git init -q . && git config user.email t@example.org && git config user.name Test || exit 99
cp "$S/000_f22e6673dc503adc.txt" story.txt
printf 'The mayor spoke at noon. The council voted later.\n' >notes.txt
printf 'This file will go. It has two sentences.\n' >gone.txt
printf 'Kept as it is. Unchanged.\n' >kept.txt
cp "$S/002_a1f37eaed367186e.txt" old-name.txt
printf 'bin\0ary\0' >data.bin
git add . && git commit -qm one || exit 99
cp "$S/001_337949aa419a66f0.txt" story.txt
printf 'The mayor spoke at one. The council voted later.\n' >notes.txt
git rm -q gone.txt
printf 'A new file. Added today.\n' >added.txt
git mv old-name.txt new-name.txt
sed 's/South Korea/the South/' "$S/002_a1f37eaed367186e.txt" >new-name.txt
printf 'bin\0ary\0changed' >data.bin
git add -A || exit 99

# ---- diff.external: seven arguments, nine on a rename -------------------
git -c diff.external="$WD" diff --cached -M >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then pass "diff.external: git goes on (exit 0)"; else bad "diff.external: exit $rc" "$tmp/err"; fi
has "diff.external: a title per path, counted" "$tmp/out" \
    '^added\.txt \(1/6\): new file$' '^data\.bin \(2/6\)$' '^gone\.txt \(3/6\): deleted$' \
    '^notes\.txt \(5/6\)$' '^story\.txt \(6/6\)$'
has "diff.external: a rename (nine arguments)" "$tmp/out" \
    '^old-name\.txt -> new-name\.txt \(4/6\): similarity index [0-9]+%$' \
    '^--- a/old-name\.txt: ' '^\+\+\+ b/new-name\.txt: '
has "diff.external: git's names, the words marked" "$tmp/out" \
    '^--- a/notes\.txt: 2 sentences' '^\+\+\+ b/notes\.txt: 2 sentences' '\[-noon-\]' '\{\+one\+\}'
has "diff.external: a new and a deleted file against /dev/null" "$tmp/out" \
    '^--- /dev/null: 0 sentences' '^\+\+\+ b/added\.txt' '^--- a/gone\.txt' '^\+\+\+ /dev/null'
has "diff.external: binary files in one line, as git says it" "$tmp/out" \
    '^Binary files a/data\.bin and b/data\.bin differ$'
hasnt "diff.external: no colours without a terminal or git's pager" "$tmp/out" $'\033'
hasnt "diff.external: no temporary file name shown" "$tmp/out" '^(---|\+\+\+) /tmp/'
# a blank line before each title but the first
awk '/ \([0-9]+\/6\)/ { if (NR == 1 ? 0 : prev != "") bad = 1; n++ } { prev = $0 }
     END { exit !(n == 6 && !bad) }' "$tmp/out" && head -1 "$tmp/out" | grep -q '^added' &&
    pass "diff.external: paths apart by a blank line" || bad "diff.external: blank lines" "$tmp/out"

# GIT_EXTERNAL_DIFF with --ext-diff; git's pager in use: colours
GIT_EXTERNAL_DIFF="$WD" GIT_PAGER_IN_USE=true git diff --cached --ext-diff -- notes.txt \
    >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q $'^\033\\[1mnotes\\.txt (1/1)\033\\[0m$' "$tmp/out" &&
    grep -q $'\033\\[[0-9;]*38;5;' "$tmp/out"; then
    pass "GIT_EXTERNAL_DIFF under git's pager (GIT_PAGER_IN_USE): the ANSI form"
else
    bad "GIT_EXTERNAL_DIFF under git's pager" "$tmp/out"
fi
GIT_EXTERNAL_DIFF="$WD --color=never" GIT_PAGER_IN_USE=true git diff --cached --ext-diff -- notes.txt \
    >"$tmp/out" 2>"$tmp/err"
hasnt "--color=never under git's pager: no escape code" "$tmp/out" $'\033'
NO_COLOR=1 GIT_EXTERNAL_DIFF="$WD" GIT_PAGER_IN_USE=true git diff --cached --ext-diff -- notes.txt \
    >"$tmp/out" 2>"$tmp/err"
hasnt "NO_COLOR under git's pager: no escape code" "$tmp/out" $'\033'

# --stat: a line per path, no title; --digest: what changed first
git -c diff.external="$WD --stat" diff --cached -- notes.txt story.txt >"$tmp/out" 2>"$tmp/err"
has "diff.external with --stat: a line per path" "$tmp/out" \
    '^a/notes\.txt vs b/notes\.txt: 1 changed, 0 moved, 0 cut, 0 added, 1 same$' \
    '^a/story\.txt vs b/story\.txt: [0-9]+ changed, .*; 5 quotations, 2 numbers'
[ "$(wc -l <"$tmp/out")" -eq 2 ] && pass "diff.external with --stat: nothing else" || bad "--stat: more lines" "$tmp/out"
git -c diff.external="$WD --digest --export=inline" diff --cached -- story.txt >"$tmp/out" 2>"$tmp/err"
has "diff.external with --digest: the title, then what changed" "$tmp/out" '^story\.txt \(1/1\)$' \
    '^What changed: 5 quotations, 2 numbers'

# --exit-code: 1 for files that differ (diff.<driver>.trustExitCode), 0 for the same
hex1=0123456789abcdef0123456789abcdef01234567
hex2=89abcdef0123456789abcdef0123456789abcdef
run "a git call with --exit-code: 1 when they differ" 1 '^notes\.txt$' --exit-code \
    notes.txt "$S/000_f22e6673dc503adc.txt" $hex1 100644 "$S/001_337949aa419a66f0.txt" $hex2 100644 \
    2>/dev/null
GIT_DIFF_PATH_COUNTER=2 GIT_DIFF_PATH_TOTAL=3 wd --exit-code notes.txt "$S/000_f22e6673dc503adc.txt" \
    $hex1 100644 "$S/001_337949aa419a66f0.txt" $hex2 100644 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q '^notes\.txt (2/3)$' "$tmp/out" && pass "--exit-code and the counter" ||
    bad "--exit-code and the counter: status $rc" "$tmp/out"
run "a git call with --exit-code: 0 when the same" 0 '^--- a/same' --exit-code \
    same "$S/002_a1f37eaed367186e.txt" $hex1 100644 "$S/002_a1f37eaed367186e.txt" $hex1 100644
run "a git call without --exit-code: 0 when they differ" 0 '^--- a/notes' \
    notes "$S/000_f22e6673dc503adc.txt" $hex1 100644 "$S/001_337949aa419a66f0.txt" $hex2 100644
run "a git call whose file is missing: trouble (git says the diff died)" 2 'nothere: no such file' \
    notes "$tmp/nothere" $hex1 100644 "$S/001_337949aa419a66f0.txt" $hex2 100644
run "seven files of a user are compared as files" 1 '^--- .*000_f22e' \
    "$S/000_f22e6673dc503adc.txt" "$S/001_337949aa419a66f0.txt" "$S/002_a1f37eaed367186e.txt" \
    "$S/003_769cfeedf3a97052.txt" "$S/000_f22e6673dc503adc.txt" "$S/001_337949aa419a66f0.txt" \
    "$S/002_a1f37eaed367186e.txt"

# ---- .gitattributes and diff.<driver>.command: prose files only -----------
printf '*.txt diff=wirediff\n' >.gitattributes
printf 'A plain line.\n' >code.c
git add .gitattributes code.c && git commit -qm two && printf 'Another line.\n' >code.c
printf 'The mayor spoke at two. The council voted later.\n' >notes.txt
git -c diff.wirediff.command="$WD" diff >"$tmp/out" 2>"$tmp/err"
has "diff.<driver>.command through .gitattributes" "$tmp/out" '^notes\.txt \([0-9]/2\)$' \
    '\[-one-\]' '^diff --git a/code\.c b/code\.c$' '^\+Another line\.$'
git checkout -q -- code.c notes.txt

# ---- an unmerged path: git gives its name alone -------------------------
git checkout -q -b side && printf 'The mayor spoke at three. The council voted later.\n' >notes.txt &&
    git commit -qam side && git checkout -q - && printf 'The mayor spoke at four. The council voted.\n' >notes.txt &&
    git commit -qam main || exit 99
git merge -q side >/dev/null 2>&1
git -c diff.external="$WD" diff --cached >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && grep -q '^notes\.txt (1/1): unmerged$' "$tmp/out" && pass "an unmerged path: a title, exit 0" ||
    bad "an unmerged path: status $rc" "$tmp/out"
git merge --abort

# ---- git difftool -x: two files; --dir-diff: two folders ------------------
cp "$S/000_f22e6673dc503adc.txt" story.txt
printf 'The mayor spoke at five. The council voted later.\n' >notes.txt
rm kept.txt
git difftool -y -x "$WD --export=inline" >"$tmp/out" 2>"$tmp/err"
has "git difftool -x: each file, the words marked" "$tmp/out" '^--- .*notes\.txt' '\{\+five\+\}' \
    '^--- .*story\.txt'
git difftool -d -x "$WD" >"$tmp/out" 2>"$tmp/err"
has "git difftool --dir-diff: the folders paired by path" "$tmp/out" \
    '^--- .*/left/notes\.txt: ' '^\+\+\+ .*/right/notes\.txt: ' '\{\+five\+\}' \
    '^Only in .*/left: kept\.txt$'
hasnt "git difftool --dir-diff: a file that reads the same is left out" "$tmp/out" 'new-name\.txt'
git checkout -q -- .
cd "$tmp" || exit 99

# ---- two folders outside git -------------------------------------------
mkdir -p l/sub r/sub l/.git r/.hidden-dir
cp "$S/000_f22e6673dc503adc.txt" l/sub/story.txt
cp "$S/001_337949aa419a66f0.txt" r/sub/story.txt
printf 'The same text. Here.\n' | tee l/same.txt >r/same.txt
printf 'Only on the left. Yes.\n' >l/old.txt
printf 'Only on the right. Yes.\n' >r/new.txt
printf 'Hidden. But compared.\n' >r/.hidden-dir/note.txt
printf 'ref: refs/heads/main\n' >l/.git/HEAD
printf 'A binary\0file' >l/bin.dat
cp l/bin.dat r/bin.dat
run "two folders: diff -r's listing and order" 1 '^Only in r: new\.txt$' --export=inline l r
has "two folders: every pair in order" "$tmp/out" '^Only in r/\.hidden-dir: note\.txt$' \
    '^Only in l: old\.txt$' '^--- l/sub/story\.txt$' '^\+\+\+ r/sub/story\.txt$'
[ "$(grep -nE '^(Only in|--- )' "$tmp/out" | cut -d: -f2- | tr '\n' '|')" = \
    "Only in r/.hidden-dir: note.txt|Only in r: new.txt|Only in l: old.txt|--- l/sub/story.txt|" ] &&
    pass "two folders: sorted part by part, as diff -r" || bad "two folders: order" "$tmp/out"
hasnt "two folders: .git is left out" "$tmp/out" 'HEAD'
hasnt "two folders: a pair that reads the same is left out" "$tmp/out" 'same\.txt'
grep -q 'bin.dat: binary file, skipped' "$tmp/err" && pass "two folders: binary files skipped, said once each" ||
    bad "two folders: binary files" "$tmp/err"
run "two folders, --stat: a line per pair that differs, Only in lines" 1 \
    '^l/sub/story\.txt vs r/sub/story\.txt: [0-9]+ changed' --stat l r
[ "$(grep -c '^Only in ' "$tmp/out")" -eq 3 ] && [ "$(wc -l <"$tmp/out")" -eq 4 ] &&
    pass "two folders, --stat: diff -r's Only in lines, nothing else" || bad "two folders, --stat" "$tmp/out"
run "two folders, JSON: the files of one side only" 1 '"only":\[\{"side":"b","path":"r/\.hidden-dir/note\.txt"\}' \
    --export=json l r
run "two folders, HTML: listed and compared" 1 '<p class="only-a">Only in l: old\.txt</p>' \
    --export=html --timestamp=T l r
cp -r l same1 && cp -r l same2
wd same1 same2 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && pass "two folders that read the same: exit 0, nothing written" ||
    bad "two folders that read the same: status $rc" "$tmp/out"
ln -s ../r r/sub/loop
run "two folders: a link back up is no loop" 1 '^--- l/sub/story\.txt$' --export=inline l r
if [ "$(id -u)" -ne 0 ]; then
    mkdir r/locked && chmod 000 r/locked
    run "two folders: an unreadable subfolder" 2 '^wirediff: r/locked: permission denied$' l r
    chmod 755 r/locked
fi
run "one folder: the overlap table, as before" 0 '^overlapping' "$S"
run "one folder with --export=html: the overview and the columns" 0 '^<!DOCTYPE html>' --export=html "$S"
run "one folder with --export=ansi: says what to do instead" 2 \
    '^wirediff: a folder gives the --overlap table \(text or json\) or, in html, md or json, the overview and the columns; for a pair name its files, or two folders$' \
    --export=ansi "$S"

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
