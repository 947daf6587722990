#!/usr/bin/env bash
# wirediff on a terminal and around it: the pager (a fake pager records
# what it was given and its environment), a pager quit early and a closed
# pipe (quiet, the comparison's exit status), colours (--color, NO_COLOR,
# GIT_PAGER_IN_USE, TERM=dumb; the reader in monochrome), the light and
# dark themes (the terminal's answer to OSC 11, within 50 ms, else dark;
# --theme; COLORFGBG), the format a -o name asks for, and the config file
# (good, bad, missing, unreadable, --config, --no-config, the command line
# over it).  Terminals are pseudo-terminals of tests/pty_run.py.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_term.sh
# runs each wirediff outside a terminal under the wrapper.
# Exit 0 pass, 1 fail, 77 skip (no python3), 99 hard error (Automake).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
S="$top_srcdir/seeds"
A="$S/000_f22e6673dc503adc.txt"
B="$S/001_337949aa419a66f0.txt"
PTY="$top_srcdir/tests/pty_run.py"
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$WD" "$@"
}
if ! command -v python3 >/dev/null 2>&1; then
    echo "test_term: SKIP: python3 not found (the pseudo-terminals)"
    exit 77
fi
[ -x "$WD" ] || { echo "test_term: $WD not found (build it first)" >&2; exit 99; }
if ! python3 "$PTY" -- true >/dev/null 2>&1; then
    echo "test_term: SKIP: no pseudo-terminal could be opened"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/checks.sh"

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg" TERM=xterm-256color LC_ALL=C.UTF-8
unset NO_COLOR GIT_PAGER_IN_USE WIREDIFF_PAGER PAGER LESS LV COLORFGBG
mkdir -p "$HOME" "$XDG_CONFIG_HOME/wirediff"
CONF="$XDG_CONFIG_HOME/wirediff/config"

# on a terminal: tty [pty_run options --] ARGS; what it showed in $tmp/tty
# (line ends as \n), its status in $rc
tty() {
    local opts=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        opts+=("$1")
        shift
    done
    shift
    python3 "$PTY" ${opts[@]+"${opts[@]}"} -- "$@" >"$tmp/tty.raw" 2>"$tmp/tty.err"
    rc=$?
    tr -d '\r' <"$tmp/tty.raw" >"$tmp/tty"
}
# the SGR parameters in FILE that set a colour (30-37, 38;5;N, 40-47,
# 48;5;N, 90-107), one a line
colours() {
    grep -ao $'\033\\[[0-9;]*m' "$1" | tr -d '\033[m' | tr ';' '\n' |
        awk '($1 >= 30 && $1 <= 38) || ($1 >= 40 && $1 <= 48) || ($1 >= 90 && $1 <= 107)'
}
expect() { # NAME CONDITION-STATUS [FILE]
    if [ "$2" -eq 0 ]; then pass "$1"; else bad "$1" "${3:-}"; fi
}

# ---- the pager -------------------------------------------------------------
cat >"$tmp/fakepager" <<EOF
#!/bin/sh
cat >"$tmp/paged"
env >"$tmp/pager.env"
echo "\$0 \$*" >"$tmp/pager.cmd"
EOF
chmod +x "$tmp/fakepager"
cat >"$tmp/quitter" <<EOF
#!/bin/sh
head -c 300 >"$tmp/paged"
EOF
chmod +x "$tmp/quitter"
reset_pager() { rm -f "$tmp/paged" "$tmp/pager.env" "$tmp/pager.cmd"; }

reset_pager
tty -- env WIREDIFF_PAGER="$tmp/fakepager" "$WD" --export=text "$A" "$B"
[ $rc -eq 1 ] && [ -s "$tmp/paged" ] && grep -q -- '--- .*000_f22e' "$tmp/paged" && ! grep -q 'Sirens' "$tmp/tty"
expect "batch output to a terminal goes through \$WIREDIFF_PAGER (exit 1)" $? "$tmp/tty"
grep -q '^LESS=FRX$' "$tmp/pager.env" && grep -q '^LV=-c$' "$tmp/pager.env"
expect "the pager gets LESS=FRX and LV=-c" $? "$tmp/pager.env"
grep -q $'\033\\[' "$tmp/paged"
expect "the pager gets colours (less -R reads them)" $? "$tmp/paged"
# lines as wide as the terminal (100 columns), not the pipe's default of 160
# (display columns: wc -L; the ---/+++ lines name the files whole)
w=$(sed 's/\x1b\[[0-9;]*m//g' "$tmp/paged" | grep -v '^[-+]\{3\} ' | wc -L)
[ "$w" -le 100 ] && [ "$w" -gt 90 ]
expect "the pager's text is as wide as the terminal" $? "$tmp/paged"

reset_pager
tty -- env LESS=-S LV=x PAGER="$tmp/fakepager" "$WD" --sentences "$A"
grep -q '^LESS=-S$' "$tmp/pager.env" && grep -q '^LV=x$' "$tmp/pager.env" && grep -q '^0	0	' "$tmp/paged"
expect "\$PAGER without WIREDIFF_PAGER; LESS and LV as the user set them (--sentences)" $? "$tmp/pager.env"

reset_pager
printf 'pager = %s --from-config\n' "$tmp/fakepager" >"$CONF"
tty -- env PAGER=false "$WD" --overlap "$S"
grep -q -- '--from-config' "$tmp/pager.cmd" && grep -q '^overlapping' "$tmp/paged"
expect "the config file's pager before \$PAGER (--overlap)" $? "$tmp/pager.cmd"
reset_pager
tty -- env WIREDIFF_PAGER="$tmp/fakepager --from-env" "$WD" --export=inline "$A" "$B"
grep -q -- '--from-env' "$tmp/pager.cmd"
expect "\$WIREDIFF_PAGER before the config file's pager (inline)" $? "$tmp/pager.cmd"
rm -f "$CONF"

for how in "--no-pager" "WIREDIFF_PAGER=cat" "WIREDIFF_PAGER="; do
    reset_pager
    if [ "$how" = --no-pager ]; then
        tty -- env PAGER="$tmp/fakepager" "$WD" --no-pager --export=text "$A" "$B"
    else
        tty -- env PAGER="$tmp/fakepager" "$how" "$WD" --export=text "$A" "$B"
    fi
    [ $rc -eq 1 ] && [ ! -e "$tmp/paged" ] && grep -q 'Sirens sound' "$tmp/tty"
    expect "no pager with $how: the terminal gets the text" $? "$tmp/tty"
done

reset_pager
WIREDIFF_PAGER="$tmp/fakepager" wd --export=text "$A" "$B" | cat >"$tmp/out"
[ ! -e "$tmp/paged" ] && grep -q '^--- ' "$tmp/out"
expect "no pager when standard output is no terminal" $?

# a pager quit before the end: quiet, the comparison's status
for i in $(seq 30); do cat "$A"; done >"$tmp/big_a.txt"
for i in $(seq 30); do cat "$B"; done >"$tmp/big_b.txt"
reset_pager
tty -- sh -c "WIREDIFF_PAGER='$tmp/quitter' '$WD' --export=inline '$tmp/big_a.txt' '$tmp/big_b.txt' 2>'$tmp/err'"
[ $rc -eq 1 ] && [ ! -s "$tmp/err" ] && [ "$(wc -c <"$tmp/paged")" -eq 300 ]
expect "a pager quit early: no message, exit 1" $? "$tmp/err"
# and a closed pipe
wd --export=text "$tmp/big_a.txt" "$tmp/big_b.txt" 2>"$tmp/err" | head -n 2 >/dev/null
st=${PIPESTATUS[0]}
[ "$st" -eq 1 ] && [ ! -s "$tmp/err" ]
expect "a closed pipe: no message, exit 1 (was: Broken pipe, 2)" $? "$tmp/err"

# ---- colours -----------------------------------------------------------------
run "--color=always on a pipe: the ANSI form" 1 $'^\033\\[1m--- ' --color=always "$A" "$B"
[ -n "$(colours "$tmp/out")" ]
expect "--color=always: colour codes" $?
run "--color=never: the plain text form" 1 '^--- ' --color=never "$A" "$B"
! grep -q $'\033' "$tmp/out"
expect "--color=never: no escape code" $? "$tmp/out"
run "--color (alone) is always" 1 $'\033\\[' --color "$A" "$B"
run "auto on a pipe: no colours" 1 '^--- ' "$A" "$B"
! grep -q $'\033' "$tmp/out"
expect "auto on a pipe: no escape code" $?
GIT_PAGER_IN_USE=true wd "$A" "$B" >"$tmp/out" 2>&1
[ -n "$(colours "$tmp/out")" ]
expect "auto with GIT_PAGER_IN_USE: colours" $?
run "--color=always with --export=inline: marks in colour" 1 $'\033\\[[0-9;]*m\\[-' --color=always --export=inline "$A" "$B"
run "--export=ansi with --color=never: a contradiction" 2 '^wirediff: the ANSI form is colours, and --color=never allows none$' \
    --export=ansi --color=never "$A" "$B"
run "--color=sometimes" 2 '^wirediff: --color takes auto, always or never$' --color=sometimes "$A" "$B"
run "--export=json ignores colours" 1 '^\{"format":"wirediff"' --color=always --export=json "$A" "$B"
! grep -q $'\033' "$tmp/out"
expect "--export=json with --color=always: no escape code" $?

tty -- "$WD" --no-pager "$A" "$B" --export=text
[ -n "$(colours "$tmp/tty")" ]
expect "auto on a terminal: colours" $? "$tmp/tty"
tty -- env NO_COLOR=1 "$WD" --no-pager "$A" "$B" --export=text
[ -z "$(colours "$tmp/tty")" ] && grep -q '\[-' "$tmp/tty"
expect "NO_COLOR on a terminal: the plain form" $? "$tmp/tty"
tty -- env NO_COLOR=1 "$WD" --no-pager --color=always "$A" "$B" --export=text
[ -n "$(colours "$tmp/tty")" ]
expect "--color=always wins over NO_COLOR" $? "$tmp/tty"
tty -- env TERM=dumb "$WD" --no-pager "$A" "$B"
[ -z "$(colours "$tmp/tty")" ] && ! grep -q $'\033' "$tmp/tty"
expect "TERM=dumb: no escape code at all" $? "$tmp/tty"

# the reader: colours, or attributes only
tty --keys q --after 'q:quit' -- "$WD" "$A" "$B"
[ $rc -eq 1 ] && colours "$tmp/tty" | grep -q '^38$'
expect "the reader in colour" $? "$tmp/tty"
for how in --color=never NO_COLOR=1; do
    if [ "$how" = --color=never ]; then
        tty --keys q --after 'q:quit' -- "$WD" --color=never "$A" "$B"
    else
        tty --keys q --after 'q:quit' -- env "$how" "$WD" "$A" "$B"
    fi
    [ $rc -eq 1 ] && [ -z "$(colours "$tmp/tty")" ] && grep -qa $'\033\\[0;7m' "$tmp/tty"
    expect "the reader with $how: reverse and bold, no colour" $? "$tmp/tty"
done

# ---- the theme: light or dark ----------------------------------------------
# the common text of a pair: gold (220) on dark, brown (94) on light
tty --bg ffff/ffff/ffff --log "$tmp/q" -- "$WD" --no-pager --export=ansi "$A" "$B"
grep -q '^osc11$' "$tmp/q" && grep -q $'\033\\[38;5;94m' "$tmp/tty" && ! grep -q $'\033\\[38;5;220m' "$tmp/tty"
expect "a white terminal (OSC 11): the light theme" $? "$tmp/tty"
tty --bg 0000/2b2b/3636 -- "$WD" --no-pager --export=ansi "$A" "$B"
grep -q $'\033\\[38;5;220m' "$tmp/tty"
expect "a dark terminal: the dark theme" $? "$tmp/tty"
tty --silent -- "$WD" --no-pager --export=ansi "$A" "$B"
[ $rc -eq 1 ] && grep -q $'\033\\[38;5;220m' "$tmp/tty"
expect "a terminal that does not answer: dark, after the wait" $? "$tmp/tty"
tty --silent -- env COLORFGBG='0;15' "$WD" --no-pager --export=ansi "$A" "$B"
grep -q $'\033\\[38;5;94m' "$tmp/tty"
expect "no answer, COLORFGBG=0;15: light" $? "$tmp/tty"
tty --bg ffff/ffff/ffff --log "$tmp/q" -- "$WD" --no-pager --theme=dark --export=ansi "$A" "$B"
grep -q $'\033\\[38;5;220m' "$tmp/tty" && ! grep -q osc11 "$tmp/q"
expect "--theme=dark: as said, nothing asked" $? "$tmp/tty"
tty --bg ffff/ffff/ffff --log "$tmp/q" -- "$WD" --no-pager --color=never "$A" "$B" --export=text
! grep -q osc11 "$tmp/q"
expect "--color=never: the terminal is not asked" $? "$tmp/q"
# an answer later than the 50 ms (ssh): dark, and the answer is no keys
# (']' would move, '?' open the help, '/' the search prompt)
tty --bg ffff/ffff/ffff --late 0.3 --keys q --after 'q:quit' -- "$WD" "$A" "$B"
[ $rc -eq 1 ] && ! grep -qa 'wirediff keys\|no more differences\|ffff' "$tmp/tty"
expect "a late answer to the query: not read as keys by the reader" $? "$tmp/tty"
tty --bg ffff/ffff/ffff --late 0.3 --timeout 5 --keys $'/\033q' --after 'q:quit' -- "$WD" "$A" "$B"
[ $rc -eq 1 ]
expect "Esc then a key at once: both keys (Esc closes the search prompt, q quits)" $? "$tmp/tty"
run "--theme=light on a pipe" 1 $'\033\\[38;5;94m' --theme=light --export=ansi "$A" "$B"
run "--theme=sepia" 2 '^wirediff: --theme takes auto, dark or light$' --theme=sepia "$A" "$B"

# ---- the format a -o name asks for ------------------------------------------
for x in "html:^<!DOCTYPE html>" "htm:^<!DOCTYPE html>" "HTML:^<!DOCTYPE html>" \
    "md:^# wirediff snapshot" "json:^\{\"format\":\"wirediff\"" "txt: [|] " \
    "inline.txt:^\[-" "ans:"$'\033' "out:^--- "; do
    ext=${x%%:*} pat=${x#*:}
    wd -o "$tmp/r.$ext" "$A" "$B" 2>"$tmp/err"
    st=$?
    [ $st -eq 1 ] && grep -qE -- "$pat" "$tmp/r.$ext"
    expect "-o r.$ext picks its format" $? "$tmp/r.$ext"
done
grep -q $'\033' "$tmp/r.txt" && bad "-o r.txt: escape codes in a text file" || pass "-o r.txt: no colours in a file"
run "--export=html -o x.md: a contradiction" 2 "x\\.md: the name asks for md, --export=html for another format$" \
    --export=html -o "$tmp/x.md" "$A" "$B"
[ -e "$tmp/x.md" ] && bad "x.md was written" || pass "nothing written on a contradiction"
wd --export=inline -o "$tmp/x.txt" "$A" "$B" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '^\[-' "$tmp/x.txt"
expect "--export=inline -o x.txt: inline is text" $? "$tmp/err"
wd --overlap -o "$tmp/o.json" "$S" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '"format":"wirediff-overlap"' "$tmp/o.json"
expect "--overlap -o o.json: the overlap JSON" $? "$tmp/err"
wd --overlap -o "$tmp/o.html" "$S" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '<h2>Columns</h2>' "$tmp/o.html"
expect "--overlap -o o.html: the overview and the columns" $? "$tmp/err"
run "--overlap -o o.ansi: refused" 2 '^wirediff: --overlap writes text or json \(html and md: the overview and the columns\)$' --overlap -o "$tmp/o.ansi" "$S"

# ---- the config file -----------------------------------------------------------
cat >"$CONF" <<'EOF'
# wirediff settings
width = 60     # narrow
fold = yes
export = md
timestamp-format = at %Y

[colors]
common = 21
EOF
run "config: export = md is the snapshot format" 1 '^# wirediff snapshot$' "$A" "$B"
grep -qE '^at [0-9]{4} ' "$tmp/out"
expect "config: timestamp-format" $? "$tmp/out"
run "config: fold = yes" 0 'identical sentence' --export=text "$A" "$A"
[ "$(grep -v '^[-+]\{3\} ' "$tmp/out" | wc -L)" -le 60 ]
expect "config: width = 60" $? "$tmp/out"
run "config: [colors] common = 21" 1 $'\033\\[38;5;21m' --export=ansi "$A" "$B"
run "the command line wins: -w, --no-fold, --export" 1 '^--- ' -w 120 --no-fold --export=text "$A" "$B"
[ "$(grep -v '^[-+]\{3\} ' "$tmp/out" | wc -L)" -gt 60 ]
expect "the command line wins: -w 120" $? "$tmp/out"
run "--no-config: none of it" 1 '^--- ' --no-config "$A" "$B"
[ -s "$tmp/err" ] && bad "--no-config: a message" "$tmp/err" || pass "--no-config: quiet"
printf 'digest = no\n' >"$CONF"
run "config: digest = no leaves it out of Markdown" 1 '^# wirediff snapshot$' --export=md "$A" "$B"
! grep -q 'What changed' "$tmp/out"
expect "config: digest = no" $? "$tmp/out"
run "--digest over the config's digest = no" 1 '^\*\*What changed:\*\*' --digest --export=md "$A" "$B"
printf 'digest = yes\n' >"$CONF"
run "config: digest = yes puts it first in the inline form" 1 '^What changed: ' --export=inline "$A" "$B"
run "--no-digest over the config's digest = yes" 1 '^--- ' --no-digest --export=inline "$A" "$B"
! grep -q 'What changed' "$tmp/out"
expect "--no-digest over digest = yes: none" $? "$tmp/out"

printf 'widht = 80\nwidth = 5\n[colors]\ncommon = purple\nwords = no\n' >"$CONF"
wd --export=text "$A" "$B" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 4 ] &&
    grep -qx "wirediff: $CONF:1: unknown key 'widht' (ignored)" "$tmp/err" &&
    grep -qx "wirediff: $CONF:2: width: '5' is not a number from 20 to 10000 or auto (ignored)" "$tmp/err" &&
    grep -q "^wirediff: $CONF:4: \\[colors\\] common: 'purple' is no colour" "$tmp/err" &&
    grep -qx "wirediff: $CONF:5: \\[colors\\]: unknown face 'words' (ignored)" "$tmp/err" &&
    grep -q '^--- ' "$tmp/out"
expect "a bad config: one line a problem, naming file:line, then the defaults" $? "$tmp/err"

rm -f "$CONF"
run "no config file: quiet" 1 '^--- ' "$A" "$B"
[ -s "$tmp/err" ] && bad "no config file: a message" "$tmp/err" || pass "no config file: no message"
run "--config=FILE that is not there: trouble" 2 "^wirediff: $tmp/none: no such file or directory$" \
    --config="$tmp/none" "$A" "$B"
printf 'export = json\n' >"$tmp/mine"
run "--config=FILE instead of the default" 1 '^\{"format"' --config="$tmp/mine" "$A" "$B"
mkdir "$CONF"
run "a folder where the config file goes: a warning" 1 '^--- ' "$A" "$B"
grep -qx "wirediff: $CONF: is a directory (the config file is ignored)" "$tmp/err"
expect "a folder where the config file goes: said on one line" $? "$tmp/err"
rmdir "$CONF"
printf 'export = json\n' >"$HOME/.config.tmp"
mkdir -p "$HOME/.config/wirediff" && mv "$HOME/.config.tmp" "$HOME/.config/wirediff/config"
XDG_CONFIG_HOME= wd "$A" "$B" >"$tmp/out" 2>"$tmp/err"
grep -q '^{"format"' "$tmp/out"
expect "without XDG_CONFIG_HOME: ~/.config/wirediff/config" $? "$tmp/out"
if [ "$(id -u)" -ne 0 ]; then
    printf 'width = 70\n' >"$CONF" && chmod 000 "$CONF"
    run "an unreadable config file: a warning, then the defaults" 1 '^--- ' "$A" "$B"
    grep -qx "wirediff: $CONF: permission denied (the config file is ignored)" "$tmp/err"
    expect "an unreadable config file: said on one line" $? "$tmp/err"
    run "--config=FILE unreadable: trouble" 2 'permission denied$' --config="$CONF" "$A" "$B"
    rm -f "$CONF"
fi
printf 'color = always\ntheme = light\n' >"$CONF"
run "config: color = always, theme = light" 1 $'\033\\[38;5;94m' "$A" "$B"
run "--color=never over the config's always" 1 '^--- ' --color=never "$A" "$B"
! grep -q $'\033' "$tmp/out"
expect "--color=never over the config's always: no escape code" $?
rm -f "$CONF"

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
