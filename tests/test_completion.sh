#!/usr/bin/env bash
# The shell completions (completions/): bash's is loaded as the
# bash-completion package loads it (by the command's name, from a
# completions folder: `complete -p wirediff`) and without it, and completes
# options, export formats, colour and theme choices, files for -o and
# folders for --save-pages; zsh's (if zsh is installed) is found on the
# fpath by compinit.  Both name every option of --help and no other.
# Exit 0 pass, 1 fail, 77 skip (no bash-completion and no zsh), 99 hard
# error (Automake).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
BASH_SCRIPT="$top_srcdir/completions/wirediff.bash"
ZSH_SCRIPT="$top_srcdir/completions/_wirediff"
BC=/usr/share/bash-completion/bash_completion
[ -x "$WD" ] || { echo "test_completion: $WD not found (build it first)" >&2; exit 99; }
have_bc=false
[ -r "$BC" ] && have_bc=true
have_zsh=false
command -v zsh >/dev/null 2>&1 && have_zsh=true
if ! $have_bc && ! $have_zsh; then
    echo "test_completion: SKIP: neither bash-completion nor zsh is installed" \
        "(Debian: apt-get install bash-completion zsh)"
    exit 77
fi
$have_bc || echo "# bash-completion is not installed: its loader is not tested"
$have_zsh || echo "# zsh is not installed: its completion is not tested"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/checks.sh"
# bad NAME TEXT: a failed check, with what was got (checks.sh shows files)
bad_got() {
    printf '%s\n' "$2" >"$tmp/got"
    bad "$1" "$tmp/got"
}

# ---- both name every option of --help, and no other ------------------------
"$WD" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$tmp/help"
for f in "$BASH_SCRIPT" "$ZSH_SCRIPT"; do
    grep -oE -- '--[a-z][a-z-]+' "$f" | grep -vx -- '--colour' | sort -u >"$tmp/script"
    d=$(diff "$tmp/help" "$tmp/script")
    if [ -z "$d" ]; then pass "$(basename "$f"): the options of --help"; else bad_got "$(basename "$f") and --help differ" "$d"; fi
done

# ---- bash ---------------------------------------------------------------------
# complete LINE [bc]: what bash offers for LINE (the cursor at its end), a
# word a line, with (bc) or without the bash-completion package loaded
mkdir -p "$tmp/dir/sub" "$tmp/xdg/bash-completion/completions"
touch "$tmp/dir/a.txt" "$tmp/dir/b c.html"
cp "$BASH_SCRIPT" "$tmp/xdg/bash-completion/completions/wirediff"
complete_bash() {
    (cd "$tmp/dir" && bash --norc --noprofile -c '
        if [ "$2" = bc ]; then . "$3"; _completion_loader wirediff; else . "$1"; fi
        COMP_LINE=$4
        COMP_POINT=${#COMP_LINE}
        _wirediff
        printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$BASH_SCRIPT" "${2:-}" "$BC" "$1")
}
check() { # NAME LINE EXPECTED (words separated by |) [bc]
    local got
    got=$(XDG_DATA_DIRS="$tmp/xdg" complete_bash "$2" "${4:-}" | tr '\n' '|')
    if [ "$got" = "$3|" ] || { [ -z "$3" ] && [ -z "$got" ]; }; then
        pass "bash${4:+ (bash-completion)}: $1"
    else
        bad "bash${4:+ (bash-completion)}: $1: got '$got', want '$3'"
    fi
}
for mode in "" bc; do
    [ "$mode" = bc ] && ! $have_bc && continue
    check "an option" "wirediff --exp" "--export=" $mode
    check "export formats" "wirediff --export=" "ansi|html|inline|json|md|text" $mode
    check "an export format" "wirediff --export=j" "json" $mode
    check "an export format, as a separate word" "wirediff --export m" "md" $mode
    check "colours" "wirediff --color=" "always|auto|never" $mode
    check "themes" "wirediff --theme=l" "light" $mode
    check "-o: files" "wirediff -o " "a.txt|b c.html|sub" $mode
    check "--save-pages: folders only" "wirediff --save-pages=" "sub" $mode
    check "--width takes a number" "wirediff -w " "" $mode
    check "files and folders" "wirediff a.txt " "a.txt|b c.html|sub" $mode
    check "--no-" "wirediff --no-" "--no-config|--no-digest|--no-fold|--no-moves|--no-pager|--no-words" $mode
done
if $have_bc; then
    got=$(XDG_DATA_DIRS="$tmp/xdg" bash --norc --noprofile -c \
        '. "$1"; _completion_loader wirediff; complete -p wirediff' _ "$BC" 2>&1)
    if [ "$got" = "complete -F _wirediff wirediff" ]; then
        pass "bash-completion loads completions/wirediff by the command's name"
    else
        bad_got "complete -p wirediff" "$got"
    fi
fi
got=$(bash --norc --noprofile -c '. "$1"; complete -p wirediff' _ "$BASH_SCRIPT" 2>&1)
[ "$got" = "complete -F _wirediff wirediff" ] && pass "sourced alone: complete -p wirediff" ||
    bad_got "sourced alone" "$got"

# ---- zsh ------------------------------------------------------------------------
if $have_zsh; then
    if err=$(zsh -n "$ZSH_SCRIPT" 2>&1); then pass "zsh: _wirediff parses"; else bad_got "zsh -n" "$err"; fi
    mkdir -p "$tmp/fpath" && cp "$ZSH_SCRIPT" "$tmp/fpath/"
    got=$(HOME="$tmp" zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
        print -r -- "${_comps[wirediff]}"' _ "$tmp/fpath" 2>&1)
    [ "$got" = "_wirediff" ] && pass "zsh: compinit finds _wirediff for wirediff" ||
        bad_got "zsh: compinit" "$got"
fi

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
