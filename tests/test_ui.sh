#!/usr/bin/env bash
# Scripted reader tests, like tig's: each tests/ui/NAME.keys runs through
# `wirediff --script=NAME.keys ARGS` headless (no terminal), and what it
# prints (the screen dumps) must equal tests/ui/NAME.expected byte for byte.
# White space is never ignored: a misaligned column is a failure.
#
# A .keys file names its inputs and terminal size in leading comments:
#   # args: seeds/000_f22e6673dc503adc.txt seeds/001_337949aa419a66f0.txt
#   # size: 120x40
# (paths relative to $top_srcdir, a folder allowed (seeds): the overview;
# size COLSxLINES, default 80x24), and
# may name words that must be marked side by side on one screen line:
#   # check-attrs: airtight D close I
# and files the reader must have written (into the test's current folder,
# a fresh empty temporary one), or a text such a file must hold:
#   # files: a.html b.md
#   # file-has: b.json "swapped":true
# The script language is described in tests/ui/README.
#
#   WD_UI_UPDATE=1 tests/test_ui.sh    rewrite the .expected files (then
#                                      read every changed one by eye!)
#   tests/test_ui.sh NAME...           run only these tests
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_ui.sh
#                                      run each wirediff under a wrapper
#                                      (make valgrind); its words are split
#                                      on blanks
#
# Paths of the source tree are written relative to it in the dumps.
# Exit 0 all passed, 1 a test failed, 77 skipped (no C.UTF-8 locale), 99
# hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
UI="$top_srcdir/tests/ui"
# A command put before each wirediff (valgrind for make valgrind), or none.
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"

if [ ! -x "$WD" ]; then
    echo "test_ui: $WD not found (build it first)" >&2
    exit 99
fi
if ! locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    echo "test_ui: SKIP: the C.UTF-8 locale is not installed"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
html5_tags='/Tag (details|summary) invalid/ { skip = 3 } skip > 0 { skip--; next } { print }'

passed=0
failed=0

# check_attrs OUT WORD1 LETTER1 WORD2 LETTER2: some text line of a "dump
# attrs" in OUT holds both words, and the attribute line below it has
# LETTER1 under every character of WORD1 and LETTER2 under WORD2.  Columns
# are counted in characters (right for lines without wide characters).
# This holds the point of a test even if its .expected file is regenerated.
check_attrs() {
    local out=$1 w1=$2 a1=$3 w2=$4 a2=$5 i p1 p2 want1 want2
    local -a ls
    mapfile -t ls <"$out"
    want1=$(printf "%${#w1}s" "" | tr ' ' "$a1")
    want2=$(printf "%${#w2}s" "" | tr ' ' "$a2")
    for ((i = 0; i + 1 < ${#ls[@]}; i++)); do
        [[ ${ls[i]} == *"$w1"*"$w2"* ]] || continue
        p1=${ls[i]%%"$w1"*}
        p2=${ls[i]%%"$w2"*}
        if [ "${ls[i + 1]:${#p1}:${#w1}}" = "$want1" ] &&
            [ "${ls[i + 1]:${#p2}:${#w2}}" = "$want2" ]; then
            return 0
        fi
    done
    echo "FAIL: no line with '$w1' marked $a1 and '$w2' marked $a2 on one screen line"
    return 1
}

# run_one NAME: run tests/ui/NAME.keys; 0 pass, 1 fail.
run_one() {
    local name=$1 keys="$UI/$1.keys" expected="$UI/$1.expected"
    local args size cols lines rc
    args=$(sed -n 's/^# args:[[:space:]]*//p' "$keys" | head -n 1)
    size=$(sed -n 's/^# size:[[:space:]]*//p' "$keys" | head -n 1)
    size=${size:-80x24}
    cols=${size%x*}
    lines=${size#*x}
    # Each test runs in an empty folder of its own (the reader's exports go
    # to the current folder); input paths are made absolute.
    local work="$tmp/cwd-$name" a
    local -a argv=()
    # shellcheck disable=SC2086 # args is a list of words without blanks
    for a in $args; do
        case $a in
        -* | /*) argv+=("$a") ;;
        *) argv+=("$top_srcdir/$a") ;;
        esac
    done
    rm -rf "$work" && mkdir "$work" || return 1
    (cd "$work" &&
        env -u NO_COLOR -u WIREDIFF_SCRIPT -u WIREDIFF_TIMING \
            TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME="$tmp" \
            COLUMNS="$cols" LINES="$lines" \
            ${wrap[@]+"${wrap[@]}"} "$WD" --script="$keys" "${argv[@]}") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        echo "FAIL $name: exit status $rc"
        cat "$tmp/$name.err"
        return 1
    fi
    if [ -s "$tmp/$name.err" ]; then
        echo "FAIL $name: unexpected output on stderr:"
        cat "$tmp/$name.err"
        return 1
    fi
    # The inputs' paths as the .keys file names them (relative to the
    # source tree), wherever the tree is: the prefix gives way to spaces
    # after the path, so that every column stays where it was drawn.
    TOP="$top_srcdir/" perl -CSD -pe 'my $t = $ENV{TOP};
        s/\Q$t\E(\S*)/$1 . (" " x length($t))/ge' \
        "$tmp/$name.out" >"$tmp/$name.rel" && mv "$tmp/$name.rel" "$tmp/$name.out"
    local check
    while read -r check; do
        # shellcheck disable=SC2086 # four words
        check_attrs "$tmp/$name.out" $check || return 1
    done < <(sed -n 's/^# check-attrs:[[:space:]]*//p' "$keys")
    local file text
    # shellcheck disable=SC2013 # file names without blanks
    for file in $(sed -n 's/^# files:[[:space:]]*//p' "$keys"); do
        if [ ! -s "$work/$file" ]; then
            echo "FAIL $name: the reader did not write $file (folder holds: $(ls "$work"))"
            return 1
        fi
        case $file in
        *.html)
            # xmllint's HTML 4 parser does not know <details> and
            # <summary> (the timeline's steps): those messages (three
            # lines each) do not count
            if command -v xmllint >/dev/null 2>&1 &&
                [ -n "$(xmllint --html --noout "$work/$file" 2>&1 | awk "$html5_tags")" ]; then
                echo "FAIL $name: $file is not valid HTML:"
                xmllint --html --noout "$work/$file" 2>&1 | awk "$html5_tags" | head -n 10
                return 1
            fi
            ;;
        esac
    done
    while read -r file text; do
        if ! grep -qF -- "$text" "$work/$file" 2>/dev/null; then
            echo "FAIL $name: $file does not hold '$text'"
            return 1
        fi
    done < <(sed -n 's/^# file-has:[[:space:]]*//p' "$keys")
    while read -r file text; do
        if grep -qF -- "$text" "$work/$file" 2>/dev/null; then
            echo "FAIL $name: $file holds '$text'"
            return 1
        fi
    done < <(sed -n 's/^# file-lacks:[[:space:]]*//p' "$keys")
    if [ -n "${WD_UI_UPDATE:-}" ]; then
        if ! cmp -s "$tmp/$name.out" "$expected"; then
            cp "$tmp/$name.out" "$expected" || return 1
            echo "updated $name.expected (inspect it!)"
        fi
        return 0
    fi
    if [ ! -f "$expected" ]; then
        echo "FAIL $name: no $expected (WD_UI_UPDATE=1 creates it)"
        return 1
    fi
    if ! cmp -s "$tmp/$name.out" "$expected"; then
        echo "FAIL $name: screen differs from $name.expected:"
        diff -u "$expected" "$tmp/$name.out" | head -n 80
        return 1
    fi
    return 0
}

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for k in "$UI"/*.keys; do
        [ -e "$k" ] || continue
        k=${k##*/}
        names+=("${k%.keys}")
    done
fi
if [ ${#names[@]} -eq 0 ]; then
    echo "test_ui: no tests in $UI" >&2
    exit 99
fi

n=0
for name in "${names[@]}"; do
    n=$((n + 1))
    if [ ! -f "$UI/$name.keys" ]; then
        echo "test_ui: no $UI/$name.keys" >&2
        exit 99
    fi
    # "# needs: web-pages": a build without libxml2 skips the test
    if grep -q '^# needs: web-pages' "$UI/$name.keys" &&
        ! "$WD" --version | grep -q 'web pages: yes'; then
        echo "ok $n $name # SKIP built without libxml2"
        passed=$((passed + 1))
        continue
    fi
    if run_one "$name"; then
        echo "ok $n $name"
        passed=$((passed + 1))
    else
        echo "not ok $n $name"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
