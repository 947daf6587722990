#!/usr/bin/env bash
# The bad-input table: what wirediff does with whatever people scraped from
# the web.  It must never crash or hang, and never modify its inputs.
#
# Each case runs wirediff (under `timeout`, so a hang fails instead of
# stalling make check) and checks
#   - the exit status: like diff(1) in batch mode, 0 same, 1 different,
#     2 trouble;
#   - standard error: empty, or exactly one line matching a pattern that
#     names the file at fault (errors and warnings alike);
#   - the inputs: the checksums of every file named (and of standard input's
#     file) before and after the case must agree.
# The reader's cases run it headless (--script, tests/ui/README) and compare
# screen dumps; signals in a real terminal are in tests/test_tmux.sh (C-c,
# kill -TERM), and a closed standard output in tests/test_cli.sh.
#
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_badinput.sh
#       runs each wirediff under the wrapper (words split on blanks) and
#       leaves out the 100 MB file.
#
# Exit 0 pass, 1 fail, 77 skip (no C.UTF-8 locale), 99 hard error
# (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 99
top_builddir=$(cd "$top_builddir" && pwd) || exit 99
WD="$top_builddir/wirediff"
S="$top_srcdir/seeds"
A="$S/000_f22e6673dc503adc.txt"
B="$S/001_337949aa419a66f0.txt"
# Longest any case may take, in seconds: generous, a bound against hangs
# rather than a timing test (the 100 MB file takes about 3 s).
LIMIT=${LIMIT:-120}
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"

if [ ! -x "$WD" ]; then
    echo "test_badinput: $WD not found (build it first)" >&2
    exit 99
fi
if ! locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    echo "test_badinput: SKIP: the C.UTF-8 locale is not installed"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/in" "$tmp/home" || exit 99
IN="$tmp/in"

# The reader's environment, pinned as in tests/test_ui.sh.
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME="$tmp/home"
unset NO_COLOR WIREDIFF_SCRIPT WIREDIFF_TIMING COLUMNS LINES

tmo=()
command -v timeout >/dev/null 2>&1 && tmo=(timeout "$LIMIT")

n=0
passed=0
failed=0
fail() {
    echo "FAIL $name: $*"
    ok=false
}

# sums PATH...: checksums of the files named (every file under a folder).
sums() {
    local p
    for p in "$@"; do
        if [ -d "$p" ]; then
            find "$p" -type f | LC_ALL=C sort | while read -r f; do cksum "$f"; done
        elif [ -f "$p" ]; then
            cksum "$p"
        fi
    done
}

# run [--stdin FILE] NAME WANT ERR ARG...: run wirediff ARG... (stdin from
# FILE, else /dev/null) into $tmp/out and $tmp/err.  WANT is the exit
# status; ERR an extended regular expression the only line of stderr must
# match, or "" for an empty stderr.  Inputs are the ARGs that name files or
# folders (but -o's), and FILE.  Sets ok (false after a failure); the caller ends the
# case with done_case.
run() {
    local stdin=/dev/null
    if [ "$1" = --stdin ]; then
        stdin=$2
        shift 2
    fi
    name=$1
    local want=$2 err=$3 before after rc
    shift 3
    ok=true
    n=$((n + 1))
    # the inputs: every argument but -o's
    local a skip=false inputs=()
    for a in "$@"; do
        $skip || [ "$a" = -o ] || inputs+=("$a")
        skip=false
        [ "$a" = -o ] && skip=true
    done
    before=$(sums "$stdin" ${inputs[@]+"${inputs[@]}"})
    ${tmo[@]+"${tmo[@]}"} ${wrap[@]+"${wrap[@]}"} "$WD" "$@" <"$stdin" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    after=$(sums "$stdin" ${inputs[@]+"${inputs[@]}"})
    if [ "$rc" = 124 ] && [ ${#tmo[@]} -gt 0 ]; then
        fail "did not finish within $LIMIT s"
    elif [ "$rc" != "$want" ]; then
        fail "exit status $rc, want $want"
    fi
    if [ -z "$err" ]; then
        [ -s "$tmp/err" ] && fail "unexpected output on stderr: $(head -c 300 "$tmp/err")"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qE -- "$err" "$tmp/err"; then
        fail "want one line on stderr matching '$err', got: $(head -c 300 "$tmp/err")"
    fi
    [ "$before" = "$after" ] || fail "an input was modified"
}

# has PATTERN [FILE]: the output (or FILE) holds a line matching the ERE.
has() {
    local f=${2:-$tmp/out}
    if ! grep -qE -- "$1" "$f"; then
        fail "no line matching '$1' in:"
        head -n 30 "$f" | cut -c 1-160 | sed 's/^/| /'
    fi
}

done_case() {
    if $ok; then
        echo "ok $n $name"
        passed=$((passed + 1))
    else
        echo "not ok $n $name"
        failed=$((failed + 1))
    fi
}

# screen K FILE: the K-th dump (1-based) of a scripted run's output FILE.
screen() {
    awk -v k="$1" '$0 == "----" { i++; next } i == k - 1' "$2"
}

# huge_ok NAME: true, or under a wrapper false with case NAME counted as
# skipped (valgrind on 100 MB would take long and much memory).
huge_ok() {
    if [ ${#wrap[@]} -gt 0 ]; then
        n=$((n + 1))
        echo "ok $n $1 # SKIP under a wrapper"
        passed=$((passed + 1))
        return 1
    fi
}

# ---- missing, unreadable, folders ------------------------------------------
run "missing file" 2 "^wirediff: $IN/missing.txt: no such file or directory\$" "$A" "$IN/missing.txt"
done_case
run "missing file among three" 2 "^wirediff: $IN/gone.txt: no such file or directory\$" \
    "$A" "$IN/gone.txt" "$B"
done_case
if [ "$(id -u)" -ne 0 ]; then
    cp "$A" "$IN/locked.txt" && chmod 000 "$IN/locked.txt"
    run "unreadable file" 2 "^wirediff: $IN/locked.txt: permission denied\$" "$A" "$IN/locked.txt"
    chmod 644 "$IN/locked.txt"
    done_case
fi
mkdir "$IN/nothing"
run "directory without files" 2 "^wirediff: $IN/nothing: directory holds no text files\$" \
    "$A" "$IN/nothing"
done_case
run "directory without files (--overlap)" 2 \
    "^wirediff: $IN/nothing: directory holds no text files\$" --overlap "$IN/nothing"
done_case
mkdir "$IN/hidden" && cp "$A" "$IN/hidden/.a.txt" && mkdir "$IN/hidden/sub"
run "directory of hidden files and folders" 2 \
    "^wirediff: $IN/hidden: directory holds no text files\$" "$A" "$IN/hidden"
done_case

# ---- names and text that a terminal would obey ------------------------------
# A file name holding an OSC 52 clipboard write, a BEL and a line feed,
# and one with an invalid byte and a bidi override: every place that
# prints a name escapes it the same way (src/escape.h): on stderr, in the
# text and ANSI headers, the inline header, the --overlap table; and
# --sentences escapes the text.  raw_free FILE: no control byte but LF
# (and TAB), no OSC, valid UTF-8 (SGR escapes allowed with --sgr).
evil="$IN/x"$'\033]52;c;cHduZWQ=\a\n'".txt"
evil_shown="$IN/x\\\\x1b]52;c;cHduZWQ=\\\\x07\\\\n\\.txt"
printf 'Hello there. A second one.\n' >"$evil"
latin="$IN/caf"$'\xe9\xe2\x80\xae'"txt.exe"
printf 'Hello there. A third one \033[31m red\a.\n' >"$latin"
raw_free() {
    local f=$1 strip=cat
    [ "${2:-}" = --sgr ] && strip="sed -E s/\x1b\[[0-9;]*m//g"
    if $strip <"$f" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]'; then
        fail "a raw control byte in the output:"
        $strip <"$f" | LC_ALL=C grep -n $'[\x01-\x08\x0b-\x1f\x7f]' | head -n 3 | cat -A | sed 's/^/| /'
    fi
    iconv -f UTF-8 -t UTF-8 <"$f" >/dev/null 2>&1 || fail "output is not valid UTF-8"
    LC_ALL=C grep -q $'\xe2\x80\xae' "$f" && fail "a raw bidi override in the output"
}
run "a name with escapes: the error escapes it" 2 \
    "^wirediff: ${evil_shown}\\.gone: no such file or directory\$" "$A" "$evil.gone"
raw_free "$tmp/err"
done_case
run "a name with escapes: the text header" 1 "" --export=text "$A" "$evil"
has "^\\+\\+\\+ ${evil_shown}: 2 sentences"
raw_free "$tmp/out"
done_case
run "a name with escapes: the ANSI header" 1 "" --export=ansi "$A" "$evil"
has "\\+\\+\\+ ${evil_shown}: 2 sentences"
raw_free "$tmp/out" --sgr
done_case
run "a name with escapes: the inline header" 1 "" --export=inline "$A" "$evil" "$latin"
has "^\\+\\+\\+ ${evil_shown}\$"
has "^\\+\\+\\+ $IN/caf\\\\xe9\\\\u202etxt\\.exe\$"
raw_free "$tmp/out"
done_case
run "a name with escapes: the --overlap table" 0 "" --overlap "$A" "$evil" "$latin"
has "^   1  x\\\\x1b\\]52;c;cHduZWQ=\\\\x07\\\\n\\.txt "
raw_free "$tmp/out"
done_case
run "--sentences escapes the text" 0 "" --sentences "$latin" "$evil"
has $'^1\t13\t36\tA third one \\\\x1b\\[31m red\\\\x07\\.$'
has "^# $IN/caf\\\\xe9\\\\u202etxt\\.exe\$"
raw_free "$tmp/out"
done_case

# Bidi controls in the text (U+202E reverses what follows, U+2066..2069
# isolate) are shown as visible marks in every format and in the reader,
# never passed to a terminal or a browser to reorder the text.
printf 'Bidi \xe2\x80\xaeevil\xe2\x80\xac text here. Second line \xe2\x81\xa6iso\xe2\x81\xa9 too.\n' >"$IN/bidi_a.txt"
printf 'Bidi \xe2\x80\xaegood\xe2\x80\xac text here. Second line plain too.\n' >"$IN/bidi_b.txt"
for f in text ansi inline md html; do
    run "bidi controls shown as marks ($f)" 1 "" --export=$f "$IN/bidi_a.txt" "$IN/bidi_b.txt"
    has 'Bidi \\+u202e.*\\+u202c text here'
    has '\\+u2066.*iso.*\\+u2069'
    LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' "$tmp/out" && fail "a raw bidi control in the output"
    done_case
done
printf 'dump\n' >"$tmp/bidi.keys"
COLUMNS=120 LINES=10 run "bidi controls shown as marks (the reader)" 1 "" --script="$tmp/bidi.keys" \
    "$IN/bidi_a.txt" "$IN/bidi_b.txt"
has '^Bidi \\u202eevil\\u202c text here\.'
done_case

# ---- $COLUMNS out of range -----------------------------------------------------
# Ignored for the default width (160), as -w refuses such values: 99999999
# columns wrote 3.3 GB, 2147483647 held 1 GB and wrote nothing for minutes.
for cols in 99999999 2147483647 -5 0 19 abc; do
    COLUMNS=$cols run "COLUMNS=$cols: the default width" 1 "" --export=text "$A" "$B"
    w=$(wc -L <"$tmp/out")
    [ "$w" -le 160 ] && [ "$w" -gt 100 ] || fail "lines up to $w columns wide, want the default 160"
    done_case
done
COLUMNS=60 run "COLUMNS=60 is taken" 1 "" --export=text "$A" "$B"
w=$(tail -n +3 "$tmp/out" | wc -L) # the rows (the header names the files)
[ "$w" -le 60 ] && [ "$w" -gt 50 ] || fail "rows up to $w columns wide, want 60 at most"
done_case

# A folder holding a file that cannot be read goes on without it, with a
# warning (like a binary file): one too large, one not readable (as root,
# run as nobody: root reads anything).  The same folder twice is refused
# (each file would be compared with itself); files of the same name in two
# folders are told apart by their paths.
mkdir "$IN/withbad" && cp "$A" "$B" "$IN/withbad/"
if truncate -s 4294967295 "$IN/withbad/zz_huge.txt" 2>/dev/null; then
    run "a file too large in a folder is skipped" 0 \
        "^wirediff: $IN/withbad/zz_huge.txt: file too large \(4 GiB - 2 bytes at most\), skipped\$" \
        --overlap "$IN/withbad"
    has '^documents \(2\)'
    done_case
    rm -f "$IN/withbad/zz_huge.txt"
fi
as_user=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
    pub=$(mktemp -d) && chmod 755 "$pub" && cp "$A" "$B" "$pub/" && cp "$A" "$pub/zz_locked.txt" &&
        chmod 000 "$pub/zz_locked.txt" && chmod 644 "$pub"/0*.txt
    name="an unreadable file in a folder is skipped"
    ok=true
    n=$((n + 1))
    ${as_user[@]+"${as_user[@]}"} "$WD" --overlap "$pub" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" = 0 ] || fail "exit status $rc, want 0"
    grep -qE "^wirediff: $pub/zz_locked.txt: permission denied, skipped\$" "$tmp/err" &&
        [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "want one warning, got: $(head -c 300 "$tmp/err")"
    has '^documents \(2\)'
    done_case
    rm -rf "$pub"
fi
run "the same folder twice is refused" 2 "^wirediff: $IN/withbad/: folder given twice\$" \
    --overlap "$IN/withbad" "$IN/withbad/"
done_case
mkdir "$IN/v1" "$IN/v2" && cp "$A" "$IN/v1/a.txt" && cp "$B" "$IN/v2/a.txt" && cp "$A" "$IN/v2/b.txt"
run "the same name in two folders: told apart" 0 "" --overlap "$IN/v1" "$IN/v2"
has "^   0  $IN/v1/a\.txt "
has "^   1  $IN/v2/a\.txt "
has "^   2  b\.txt "
done_case
mkdir "$IN/same" && for f in a b c; do cp "$A" "$IN/same/$f.txt"; done
printf 'dump\n' >"$tmp/same.keys"
COLUMNS=100 LINES=12 run "100% cells of the matrix stay apart" 0 "" --script="$tmp/same.keys" "$IN/same"
has '^ 0  a\.txt .* 100 100  A possible'
done_case

# ---- binary files, invalid UTF-8 ----------------------------------------------
printf 'abc\0def. More text.' >"$IN/bin.txt"
run "binary file" 2 "^wirediff: $IN/bin.txt: binary file \(use --text to compare anyway\)\$" \
    "$A" "$IN/bin.txt"
done_case
run --stdin "$IN/bin.txt" "binary standard input" 2 \
    "^wirediff: -: binary file \(use --text to compare anyway\)\$" - "$A"
done_case
if [ -c /dev/zero ]; then # refused at the first NUL, not read to 4 GiB
    run "a device of NULs" 2 "^wirediff: /dev/zero: binary file" "$A" /dev/zero
    done_case
fi
mkdir "$IN/mixed" && cp "$A" "$B" "$IN/mixed/" && printf 'x\0y' >"$IN/mixed/zz.bin"
run "binary file in a folder is skipped" 0 "^wirediff: $IN/mixed/zz.bin: binary file, skipped\$" \
    --overlap "$IN/mixed"
done_case
# UTF-16 and UTF-32 with a byte order mark: converted (iconv), with a
# note, and then equal to the UTF-8 text; without a mark UTF-16 is binary.
for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
    case $enc in
    UTF-16LE) bom='\xff\xfe' ;;
    UTF-16BE) bom='\xfe\xff' ;;
    UTF-32LE) bom='\xff\xfe\x00\x00' ;;
    UTF-32BE) bom='\x00\x00\xfe\xff' ;;
    esac
    { printf "$bom"; iconv -f UTF-8 -t $enc "$A"; } >"$IN/wide_$enc.txt"
    run "$enc with a BOM is converted" 0 "^wirediff: $IN/wide_$enc.txt: note: $enc converted to UTF-8\$" \
        "$A" "$IN/wide_$enc.txt"
    done_case
done
run --stdin "$IN/wide_UTF-16LE.txt" "UTF-16 on standard input" 0 \
    "^wirediff: -: note: UTF-16LE converted to UTF-8\$" - "$A"
done_case
printf '\xff\xfeH\x00i\x00\x00\xd8.\x00 \x00' >"$IN/lone.txt"
run "UTF-16 with a lone surrogate" 1 \
    "^wirediff: $IN/lone.txt: note: UTF-16LE converted to UTF-8 \(invalid code units shown as U\+FFFD\)\$" \
    --export=inline "$IN/lone.txt" "$A"
has $'^\\[-Hi\xef\xbf\xbd\\.-\\]$'
done_case
iconv -f UTF-8 -t UTF-16LE "$A" >"$IN/nobom16.txt"
run "UTF-16 without a BOM is binary" 2 "^wirediff: $IN/nobom16.txt: binary file" "$A" "$IN/nobom16.txt"
done_case
printf 'Caf\xe9 au lait. Second sentence here.\n' >"$IN/latin1.txt"
run "invalid UTF-8 warns once" 0 \
    "^wirediff: $IN/latin1.txt: warning: 1 invalid UTF-8 byte shown as U\+FFFD\$" \
    "$IN/latin1.txt" "$IN/latin1.txt"
done_case
printf 'Caf\xc3\xa9 au lait. Second sentence here.\n' >"$IN/utf8.txt"
run "invalid UTF-8 is still compared" 1 \
    "^wirediff: $IN/latin1.txt: warning: 1 invalid UTF-8 byte shown as U\+FFFD\$" \
    --export=inline "$IN/latin1.txt" "$IN/utf8.txt"
has $'\\[-Caf\xef\xbf\xbd-\\] \\{\\+Caf\xc3\xa9\\+\\} au lait\\.'
done_case

# ---- empty files --------------------------------------------------------------
: >"$IN/empty.txt"
printf '\n \n\t\r\n\n' >"$IN/blank.txt"
run "empty files" 0 "" "$IN/empty.txt" "$IN/empty.txt"
done_case
run "empty and blank files" 0 "" "$IN/empty.txt" "$IN/blank.txt"
done_case
run "empty vs text" 1 "" "$IN/empty.txt" "$A"
done_case
run "text vs empty" 1 "" "$A" "$IN/empty.txt"
done_case

# ---- line endings and BOM -----------------------------------------------------
printf '\xef\xbb\xbfFirst line here.\r\nSecond one here.\r\n' >"$IN/crlf.txt"
printf 'First line here.\nSecond one here.\n' >"$IN/lf.txt"
printf '\xef\xbb\xbf' >"$IN/bom.txt"
run "CRLF and BOM equal LF" 0 "" "$IN/crlf.txt" "$IN/lf.txt"
done_case
run "CRLF and BOM: the same sentences" 0 "" --sentences "$IN/crlf.txt"
has $'^0\t3\t19\tFirst line here\\.$'
has $'^1\t21\t37\tSecond one here\\.$'
done_case
run "a BOM alone is empty" 0 "" "$IN/bom.txt" "$IN/empty.txt"
done_case

# ---- identical and the same ----------------------------------------------------
cp "$A" "$IN/copy.txt"
run "identical files" 0 "" "$A" "$IN/copy.txt"
done_case
run "the same file twice" 0 "" "$A" "$A"
done_case

# ---- writing with -o: links, modes, long names, inputs, signals ------------------
O="$tmp/outdir"
mkdir "$O" "$tmp/cwd" || exit 99
# empty_dir NAME: the folder holds nothing (no target, no temporary file).
empty_dir() {
    [ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1" | head -c 200)"
}
cp "$A" "$O/real.txt"
ln -s real.txt "$O/link.txt"
run "-o over a symlink writes its target" 1 "" --export=inline --force -o "$O/link.txt" "$A" "$B"
[ -L "$O/link.txt" ] || fail "the link was replaced"
grep -q '^--- ' "$O/real.txt" || fail "the link's target was not written"
[ "$(ls -A "$O" | wc -l)" -eq 2 ] || fail "more files than the link and its target: $(ls -A "$O")"
done_case
rm -f "$O"/*
mkdir "$O/sub"
ln -s sub/new.txt "$O/dangling.txt"
run "-o over a dangling symlink creates its target" 1 "" --export=inline -o "$O/dangling.txt" "$A" "$B"
[ -L "$O/dangling.txt" ] && [ -s "$O/sub/new.txt" ] || fail "not written through the link"
done_case
rm -rf "$O"/*
ln -s /proc/self/fd/1 "$O/stdout"
run "-o to a link to standard output, a file" 1 "" --export=inline --force -o "$O/stdout" "$A" "$B"
[ -L "$O/stdout" ] || fail "the link to standard output was replaced"
has '^--- '
done_case
rm -rf "$O"/*
name="-o /dev/stdout appends to standard output's file"
ok=true
n=$((n + 1))
echo first >"$O/appended.txt"
"$WD" --export=inline -o /dev/stdout "$A" "$B" >>"$O/appended.txt" 2>"$tmp/err"
[ $? = 1 ] || fail "exit status not 1: $(head -c 300 "$tmp/err")"
[ "$(head -n 1 "$O/appended.txt")" = first ] || fail "the first line was overwritten"
grep -q '^--- ' "$O/appended.txt" || fail "nothing appended"
[ -L /dev/stdout ] || fail "/dev/stdout is no longer a link"
done_case
rm -rf "$O"/*
ln -s loop2 "$O/loop1" && ln -s loop1 "$O/loop2"
run "-o over a loop of links" 2 "^wirediff: $O/loop1: too many levels of symbolic links\$" \
    --export=inline --force -o "$O/loop1" "$A" "$B"
done_case
rm -rf "$O"/*
cp "$A" "$O/private.txt" && chmod 600 "$O/private.txt"
[ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$O/private.txt" 2>/dev/null
owner=$(stat -c %U:%G "$O/private.txt")
run "--force keeps the mode and owner of the file replaced" 1 "" \
    --export=inline --force -o "$O/private.txt" "$A" "$B"
[ "$(stat -c %a "$O/private.txt")" = 600 ] || fail "mode $(stat -c %a "$O/private.txt"), want 600"
[ "$(stat -c %U:%G "$O/private.txt")" = "$owner" ] ||
    fail "owner $(stat -c %U:%G "$O/private.txt"), want $owner"
grep -q '^--- ' "$O/private.txt" || fail "not replaced"
done_case
rm -rf "$O"/*
long=$(printf 'n%.0s' $(seq 250)).txt
run "-o to a 254-byte name" 1 "" --export=inline -o "$O/$long" "$A" "$B"
[ -s "$O/$long" ] || fail "not written"
[ "$(ls -A "$O" | wc -l)" -eq 1 ] || fail "other files left: $(ls -A "$O")"
done_case
rm -rf "$O"/*
cp "$A" "$O/input.txt"
run "--force -o an input is refused" 2 \
    "^wirediff: $O/input.txt: is an input file \(inputs are only read\)\$" \
    --export=inline --force -o "$O/input.txt" "$O/input.txt" "$B"
done_case
ln -s input.txt "$O/input-link.txt" && ln "$O/input.txt" "$O/input-hard.txt"
run "--force -o a link to an input is refused" 2 "^wirediff: $O/input-link.txt: is an input" \
    --export=inline --force -o "$O/input-link.txt" "$B" "$O/input.txt"
done_case
run "--force -o a hard link of an input is refused" 2 "^wirediff: $O/input-hard.txt: is an input" \
    --export=inline --force -o "$O/input-hard.txt" "$B" "$O/input.txt"
done_case
run --stdin "$O/input.txt" "--force -o standard input's file is refused" 2 \
    "^wirediff: $O/input.txt: is an input" --export=inline --force -o "$O/input.txt" - "$B"
done_case
rm -rf "$O"/*
cd "$tmp/cwd" || exit 99
run "-o - is standard output" 1 "" --export=inline -o - "$A" "$B"
has '^--- '
empty_dir "$tmp/cwd"
done_case
cd "$OLDPWD" || exit 99
run "-o '' is refused" 2 "^wirediff: --output needs a file name" --export=inline -o '' "$A" "$B"
done_case
mkdir "$IN/two" && cp "$A" "$B" "$IN/two/"
run "a folder's overview and columns to -o" 0 "" --export=json -o "$O/columns.json" "$IN/two"
grep -q '"format":"wirediff-columns"' "$O/columns.json" || fail "no columns JSON written"
done_case
run "a folder's overlap table to -o" 0 "" --overlap --export=json -o "$O/overlap.json" "$IN/two"
grep -q '"format":"wirediff-overlap"' "$O/overlap.json" || fail "no overlap JSON written"
done_case
run "--overlap -o FILE" 0 "" --overlap -o "$O/overlap.txt" "$A" "$B"
grep -q '^pairs by overlap' "$O/overlap.txt" || fail "no overlap table written"
done_case
rm -rf "$O"/*

# Signals while -o writes 100 MB (20000 changed rows at width 10000): the
# run dies of the signal, the temporary file is gone and the target never
# appeared.  The writer is stopped as soon as its temporary file shows
# (SIGSTOP), so that the signal arrives while it writes, then signalled and
# continued.  SIGINT needs job control: a background job ignores it.
awk 'BEGIN { srand(3)
    for (k = 0; k < 20000; k++) {
        s = ""
        for (i = 0; i < 8; i++) {
            w = ""; m = 2 + int(rand() * 7)
            for (j = 0; j < m; j++) w = w sprintf("%c", 97 + int(rand() * 26))
            s = s (i ? " " : "") w
        }
        print toupper(substr(s, 1, 1)) substr(s, 2) "."
    } }' >"$IN/wide_a.txt"
awk '{ $3 = "changed"; print }' "$IN/wide_a.txt" >"$IN/wide_b.txt"
sig_case() { # sig_case SIG NUMBER
    name="SIG$1 while -o writes: no temporary file left"
    ok=true
    n=$((n + 1))
    local tries=0 caught=false pid rc
    while [ $tries -lt 5 ] && ! $caught; do
        tries=$((tries + 1))
        rm -rf "$O" && mkdir "$O"
        set -m
        # the signal's default action, even where the test runs with SIGINT
        # ignored (a background job of a shell without job control): a
        # program keeps an ignored SIGINT, as nohup's SIGHUP
        env --default-signal="$1" "$WD" --export=text -w 10000 -o "$O/out.txt" "$IN/wide_a.txt" \
            "$IN/wide_b.txt" 2>"$tmp/err" &
        pid=$!
        set +m
        while kill -0 "$pid" 2>/dev/null && [ -z "$(ls -A "$O")" ]; do sleep 0.002; done
        if kill -STOP "$pid" 2>/dev/null && [ ! -e "$O/out.txt" ]; then
            caught=true
            kill -"$1" "$pid"
            kill -CONT "$pid"
        fi
        wait "$pid"
        rc=$?
    done
    if ! $caught; then
        fail "the write ended before it could be stopped ($tries tries)"
    else
        [ "$rc" = $((128 + $2)) ] || fail "exit status $rc, want $((128 + $2)) (killed by SIG$1)"
        empty_dir "$O"
    fi
    done_case
}
if huge_ok "signals while -o writes"; then
    sig_case TERM 15
    sig_case HUP 1
    sig_case INT 2
    # ulimit -f: the write fails with EFBIG on one line, nothing left
    name="ulimit -f: File too large"
    ok=true
    n=$((n + 1))
    rm -rf "$O" && mkdir "$O"
    (
        ulimit -f 2000
        exec "$WD" --export=text -w 10000 -o "$O/out.txt" "$IN/wide_a.txt" "$IN/wide_b.txt"
    ) 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "exit status $rc, want 2"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qE "^wirediff: $O/out.txt: File too large\$" "$tmp/err" ||
        fail "want one line 'File too large', got: $(head -c 300 "$tmp/err")"
    empty_dir "$O"
    done_case
fi
rm -rf "$O" && mkdir "$O"

# The reader's export (e): a FIFO is refused at once (fopen blocked until
# someone read it), an input's name too (it asked "replace?" and replaced
# the input on y).
mkfifo "$O/ff" || exit 99
cp "$A" "$O/input.txt"
reader_export() { # reader_export NAME PATH PATTERN: e, the path, Enter (then y, for a replace? question)
    printf 'key e\nkey enter\nkey ctrl-u\ntype %s\nkey enter\ndump\nkey y\n' "$2" >"$tmp/exp.keys"
    COLUMNS=200 LINES=10 run "$1" 1 "" --script="$tmp/exp.keys" "$O/input.txt" "$B"
    screen 1 "$tmp/out" | tail -n 1 >"$tmp/status"
    has "$3" "$tmp/status"
    done_case
}
reader_export "the reader's export to a FIFO is refused" "$O/ff" \
    "^ cannot write $O/ff: not a regular file or a terminal"
[ -p "$O/ff" ] || fail "the FIFO was replaced"
reader_export "the reader's export over an input is refused" "$O/input.txt" \
    "^ cannot write $O/input.txt: is an input file \(inputs are only read\)"
reader_export "the reader's export to a new file" "$O/new.html" "^ wrote $O/new.html"
grep -q '^<!DOCTYPE html>' "$O/new.html" || fail "no page written"
rm -rf "$O" && mkdir "$O"

# ---- out of memory ------------------------------------------------------------
# Under ulimit -v from 20 to 240 MB, a 5 MB pair either runs (status 0 or
# 1) or stops with one line "out of memory" and status 2: never SIGABRT
# and a core dump.  /dev/zero read with --text stops at the memory it has.
# Skipped where ulimit -v keeps wirediff from starting (ASan, valgrind).
mem_ok() { # mem_ok NAME: can wirediff run under ulimit -v?
    if [ ${#wrap[@]} -gt 0 ] || ! (ulimit -v 240000 && "$WD" --version) >/dev/null 2>&1; then
        n=$((n + 1))
        echo "ok $n $1 # SKIP ulimit -v (a wrapper or a sanitizer)"
        passed=$((passed + 1))
        return 1
    fi
}
for i in 1 2 3 4 5; do cat "$IN/wide_a.txt"; done >"$IN/mem_a.txt"
for i in 1 2 3 4 5; do cat "$IN/wide_b.txt"; done >"$IN/mem_b.txt"
mkdir "$IN/mem" && cp "$IN/mem_a.txt" "$IN/mem_b.txt" "$IN/mem/"
printf 'dump\nkey tab\nkey enter\ndump\n' >"$tmp/mem.keys"
# mem_case NAME ARGS...: under each limit, a result or one line
mem_case() {
    local mname=$1 v rc ooms=0
    shift
    if mem_ok "$mname"; then
        name=$mname
        ok=true
        n=$((n + 1))
        for v in 20000 40000 60000 80000 100000 120000 160000 200000 240000; do
            (ulimit -v "$v" && exec "$WD" "$@") >/dev/null 2>"$tmp/err" </dev/null
            rc=$?
            if [ "$rc" = 2 ]; then
                ooms=$((ooms + 1))
                [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qE '^wirediff: (.*: )?out of memory$' "$tmp/err" ||
                    fail "ulimit -v $v: want one line 'out of memory', got: $(head -c 300 "$tmp/err")"
            elif [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
                fail "ulimit -v $v: exit status $rc: $(head -c 300 "$tmp/err")"
            fi
        done
        [ "$ooms" -gt 0 ] || fail "no limit ran out of memory"
        done_case
    fi
}
mem_case "out of memory: one line, status 2 (export)" --export=json "$IN/mem_a.txt" "$IN/mem_b.txt"
mem_case "out of memory: one line, status 2 (the reader)" --script="$tmp/mem.keys" "$IN/mem"
if [ -c /dev/zero ] && mem_ok "/dev/zero with --text under ulimit -v"; then
    name="/dev/zero with --text under ulimit -v"
    ok=true
    n=$((n + 1))
    (ulimit -v 200000 && exec "$WD" --text /dev/zero "$A") >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "exit status $rc, want 2"
    grep -qE '^wirediff: /dev/zero: out of memory$' "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
        fail "want one line naming /dev/zero, got: $(head -c 300 "$tmp/err")"
    done_case
fi

# ---- the size limit, sockets, link loops -------------------------------------
# A document is at most 4 GiB - 2 bytes (offsets are 32 bits, one value
# kept free): a sparse file of that size is read (and found binary), one
# byte more is refused with the limit named.
if huge_ok "the size limit" && truncate -s 4294967294 "$IN/max.bin" 2>/dev/null; then
    run "a file of 4 GiB - 2 bytes is read" 2 "^wirediff: $IN/max.bin: binary file" "$A" "$IN/max.bin"
    done_case
    truncate -s 4294967295 "$IN/max.bin"
    run "a file of 4 GiB - 1 bytes is refused" 2 \
        "^wirediff: $IN/max.bin: file too large \(4 GiB - 2 bytes at most\)\$" "$A" "$IN/max.bin"
    done_case
    rm -f "$IN/max.bin"
fi
ln -s loop_b "$IN/loop_a" && ln -s loop_a "$IN/loop_b"
run "a loop of symbolic links" 2 "^wirediff: $IN/loop_a: too many levels of symbolic links\$" \
    "$A" "$IN/loop_a"
done_case
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$IN/sock"; then
    run "a socket" 2 "^wirediff: $IN/sock: is a socket\$" "$A" "$IN/sock"
    done_case
    rm -f "$IN/sock"
fi

# ---- standard input -------------------------------------------------------------
run --stdin "$A" "stdin as one side" 0 "" - "$A"
done_case
run --stdin "$B" "stdin as the other side" 1 "" "$A" -
done_case
run --stdin "$A" "stdin twice refused" 2 "^wirediff: -: standard input can be read only once\$" - -
done_case
run --stdin "$IN/empty.txt" "empty stdin" 1 "" - "$A"
done_case

# ---- huge inputs ----------------------------------------------------------------
# 100 MB on one line: the seeds without their line breaks, doubled up, cut.
if huge_ok "a 100 MB file on one line"; then
    cat "$S"/*.txt | tr '\n' ' ' >"$tmp/line"
    while [ "$(wc -c <"$tmp/line")" -lt 104857600 ]; do
        cat "$tmp/line" "$tmp/line" >"$tmp/line2" && mv "$tmp/line2" "$tmp/line" || exit 99
    done
    head -c 104857600 "$tmp/line" >"$IN/huge.txt" && rm "$tmp/line"
    [ "$(wc -l <"$IN/huge.txt")" -eq 0 ] || exit 99
    run "a 100 MB file on one line" 1 "" --export=json -o /dev/null "$IN/huge.txt" "$A"
    done_case
    rm -f "$IN/huge.txt"
fi

# 1 MB of words without punctuation, and a copy with three words changed:
# one sentence each, paired as changed.
awk 'BEGIN {
    srand(7)
    for (n = 0; n < 1048576; n += l + 1) {
        l = 2 + int(rand() * 8); w = ""
        for (i = 0; i < l; i++) w = w sprintf("%c", 97 + int(rand() * 26))
        printf "%s ", w
    }
}' >"$IN/long_a.txt"
awk 'BEGIN { RS = " "; ORS = " " }
    { if (NR == 1000 || NR == 50000 || NR == 120000) $0 = "CHANGED" NR; print }' \
    "$IN/long_a.txt" >"$IN/long_b.txt"
run "a 1 MB sentence without punctuation" 1 "" --export=json "$IN/long_a.txt" "$IN/long_b.txt"
has '"sentences_a":1,"sentences_b":1,"matched_a":1,"matched_b":1,"same":0,"changed":1,"moved":0,"deleted":0,"inserted":0'
has '"op":"insert","b":\[[0-9]+,[0-9]+\]'
done_case

# The cost limit: 20000 lines each, drawn in a different random order from
# one pool of 500 sentences, so that the edit distance is far beyond the
# limit (lines of words found on one side only would be set aside before
# the search and never reach it).  The JSON says "limited":true and the
# reader's status line says the alignment is approximate.
pool_file() { # pool_file SEED
    awk -v seed="$1" 'BEGIN {
        srand(1)
        for (k = 0; k < 500; k++) {
            l = 4 + int(rand() * 8); s = ""
            for (i = 0; i < l; i++) {
                w = ""; m = 2 + int(rand() * 7)
                for (j = 0; j < m; j++) w = w sprintf("%c", 97 + int(rand() * 26))
                s = s (i ? " " : "") w
            }
            pool[k] = s "."
        }
        srand(seed)
        for (k = 0; k < 20000; k++) print pool[int(rand() * 500)]
    }'
}
pool_file 2 >"$IN/pool_a.txt"
pool_file 3 >"$IN/pool_b.txt"
run "cost limit: JSON says limited" 1 "" --export=json "$IN/pool_a.txt" "$IN/pool_b.txt"
has '"limited":true'
done_case
printf 'dump\nresize 120x30\ndump\nresize 45x10\ndump\n' >"$tmp/limit.keys"
run "cost limit: the status line says so" 1 "" --script="$tmp/limit.keys" \
    "$IN/pool_a.txt" "$IN/pool_b.txt"
for k in 1 2 3; do screen $k "$tmp/out" | tail -n 1 >"$tmp/status$k"; done
has '^ cost limit: approximate alignment · ' "$tmp/status1"
has '^ cost limit: approximate alignment · same [0-9]+ chg [0-9]+ mov [0-9]+ del' "$tmp/status2"
has '^ approximate: =' "$tmp/status3"
done_case
run "no cost limit: the status line has only counts" 1 "" --script="$tmp/limit.keys" "$A" "$B"
grep -q approximate "$tmp/out" && fail "a notice without a cost limit"
done_case
mkdir "$IN/pool" && cp "$IN/pool_a.txt" "$IN/pool_b.txt" "$IN/pool/"
printf 'key enter\ndump\n' >"$tmp/limit_multi.keys"
COLUMNS=100 LINES=20 run "cost limit: the columns say so" 0 "" --script="$tmp/limit_multi.keys" \
    "$IN/pool"
screen 1 "$tmp/out" | tail -n 1 >"$tmp/status1"
has '^ columns 1-1 of 1 · cost limit: approximate ' "$tmp/status1"
done_case

# Sentences made only of common words (each in more sentences than the
# candidate search probes), one word replaced in each: a thousand of them
# are paired (the search compares them all); three thousand are beyond
# what it compares, and the JSON and the status line say pairs may be
# missed (it said nothing and gave 1000 deleted + 1000 inserted).
common_file() { # common_file SEED LINES
    awk -v seed="$1" -v lines="$2" 'BEGIN {
        srand(seed)
        n = split("the a of to and in on for with by at from said was were has have is are it that this as be", v, " ")
        for (k = 0; k < lines; k++) {
            s = ""
            for (i = 0; i < 12; i++) s = s (i ? " " : "") v[1 + int(rand() * n)]
            print toupper(substr(s, 1, 1)) substr(s, 2) "."
        }
    }'
}
common_file 11 1000 >"$IN/common_a.txt"
awk 'BEGIN { srand(12) } { $(2 + int(rand() * 8)) = "zebra" NR; print }' "$IN/common_a.txt" >"$IN/common_b.txt"
run "sentences of common words only are paired" 1 "" --export=json "$IN/common_a.txt" "$IN/common_b.txt"
has '"changed":1000,"moved":0,"deleted":0,"inserted":0,"limited":false,"pairs_limited":false'
done_case
common_file 21 3000 >"$IN/common3_a.txt"
awk 'BEGIN { srand(22) } { $(2 + int(rand() * 8)) = "zebra" NR; print }' "$IN/common3_a.txt" >"$IN/common3_b.txt"
run "a pairing search cut short says so (JSON)" 1 "" --export=json "$IN/common3_a.txt" "$IN/common3_b.txt"
has '"pairs_limited":true'
done_case
printf 'dump\n' >"$tmp/common.keys"
COLUMNS=100 LINES=8 run "a pairing search cut short says so (status line)" 1 "" \
    --script="$tmp/common.keys" "$IN/common3_a.txt" "$IN/common3_b.txt"
screen 1 "$tmp/out" | tail -n 1 >"$tmp/status1"
has '^ search limit: pairs may be missed · ' "$tmp/status1"
done_case
run "a pairing search cut short says so (Markdown)" 1 "" --export=md "$IN/common3_a.txt" "$IN/common3_b.txt"
has 'the search for similar sentences was cut short: pairs may be missed'
done_case

# ---- an input that shrinks while it is read -------------------------------------
# Exports map their input files (doc_opts.map).  Another program truncating
# one before wirediff is done with it must end the run with one line naming
# the file and status 2, not a crash: the export blocks on a pipe that is
# not read yet, the file is truncated, and the rest of the export reads it.
name="an input truncated while it is read"
ok=true
n=$((n + 1))
for i in $(seq 200); do cat "$A"; done >"$IN/shrink_a.txt"
for i in $(seq 200); do cat "$B"; done >"$IN/shrink_b.txt"
mkfifo "$tmp/pipe" || exit 99
${tmo[@]+"${tmo[@]}"} ${wrap[@]+"${wrap[@]}"} "$WD" --export=text --width=80 \
    "$IN/shrink_a.txt" "$IN/shrink_b.txt" >"$tmp/pipe" 2>"$tmp/err" &
pid=$!
exec 3<"$tmp/pipe"
head -c 4096 <&3 >/dev/null # it has loaded, aligned and begun to write
: >"$IN/shrink_a.txt"
cat <&3 >/dev/null
exec 3<&-
wait "$pid"
rc=$?
[ "$rc" = 2 ] || fail "exit status $rc, want 2"
if [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
    ! grep -qE "^wirediff: .*/shrink_a\.txt: file changed while being read\$" "$tmp/err"; then
    fail "want one line naming shrink_a.txt on stderr, got: $(head -c 300 "$tmp/err")"
fi
done_case

# ---- the reader: many files, tiny terminals, resizes ---------------------------
# 60 short reports, in pairs sharing one sentence: more lines than 80x24
# shows in either list.  G selects the last pair, g the first document,
# 30 j the 31st document: each list scrolls to show its selection.
mkdir "$IN/sixty"
awk -v dir="$IN/sixty" 'BEGIN {
    srand(5)
    for (d = 0; d < 60; d++) {
        f = sprintf("%s/report%02d.txt", dir, d)
        if (d % 2 == 0) shared = ""
        for (s = 0; s < 3; s++) {
            if (s == 1 && shared != "") { print shared > f; continue }
            l = 6 + int(rand() * 6); t = ""
            for (i = 0; i < l; i++) {
                w = ""; m = 2 + int(rand() * 7)
                for (j = 0; j < m; j++) w = w sprintf("%c", 97 + int(rand() * 26))
                t = t (i ? " " : "") w
            }
            t = toupper(substr(t, 1, 1)) substr(t, 2) "."
            if (s == 1) shared = t
            print t > f
        }
        close(f)
    }
}'
{
    echo dump
    echo "key G"
    echo dump
    echo "key g"
    for i in $(seq 30); do echo "key j"; done
    echo dump
} >"$tmp/sixty.keys"
COLUMNS=80 LINES=24 run "60 files at 80x24: the overview scrolls" 0 "" \
    --script="$tmp/sixty.keys" "$IN/sixty"
screen 1 "$tmp/out" >"$tmp/s1"
screen 2 "$tmp/out" >"$tmp/s2"
screen 3 "$tmp/out" >"$tmp/s3"
[ "$(wc -l <"$tmp/s1")" -eq 24 ] || fail "the first dump is not 24 lines"
has '^ wirediff · 60 documents · 30 overlapping pairs' "$tmp/s1"
has '^  0  report00\.txt ' "$tmp/s1"
grep -q ' report59\.txt ' "$tmp/s1" && fail "report59 on the first screen"
has ' 58 ~ 59 .* report58\.txt ~ report59\.txt' "$tmp/s2"
has ' 90/90 ' "$tmp/s2"
has '^  33\.3%   0 ~ 1 ' "$tmp/s1"
grep -q '^  33\.3%   0 ~ 1 ' "$tmp/s2" && fail "the first pair still shown after G"
has '^ 30  report30\.txt ' "$tmp/s3"
grep -q '^  0  report00\.txt ' "$tmp/s3" && fail "report00 still shown after 30 j"
has ' 31/90 ' "$tmp/s3"
done_case

# Pasting 40,000 characters after /: one key and one redraw each.  The
# prompt holds 1024 bytes and shows its end; each redraw is linear in it
# (it was quadratic: 10,000 characters froze the reader for 68 s).
if huge_ok "a 40,000-character paste at the search prompt"; then
    { echo "key /"; for i in $(seq 40000); do echo "key x"; done; echo dump; echo "key enter"; echo dump; } \
        >"$tmp/paste.keys"
    COLUMNS=80 LINES=10 run "a 40,000-character paste at the search prompt" 1 "" \
        --script="$tmp/paste.keys" "$A" "$B"
    screen 1 "$tmp/out" | tail -n 1 >"$tmp/status1"
    has '^/x{40,}   ' "$tmp/status1"
    screen 2 "$tmp/out" | tail -n 1 >"$tmp/status2"
    has '^ pattern not found: x{20,}' "$tmp/status2"
    done_case
fi

# A 20x5 terminal: only the notice; keys do nothing; enlarged, the screen
# is the one an 80x24 start shows.  The same for the overview.
printf 'dump\n' >"$tmp/plain.keys"
COLUMNS=80 LINES=24 run "80x24 start (reference)" 1 "" --script="$tmp/plain.keys" "$A" "$B"
cp "$tmp/out" "$tmp/plain.out"
done_case
{
    echo dump
    for k in j ] / x enter e enter esc ? s f w m G B wheel-down space ctrl-d resize; do
        echo "key $k"
    done
    echo dump
    echo "resize 80x24"
    echo dump
} >"$tmp/tiny.keys"
COLUMNS=20 LINES=5 run "a 20x5 terminal: notice, recovery" 1 "" --script="$tmp/tiny.keys" "$A" "$B"
screen 1 "$tmp/out" >"$tmp/s1"
printf '%-20s\n' "need 40x8" "" "" "" "" | cmp -s - "$tmp/s1" || fail "not the notice: $(cat "$tmp/s1")"
screen 2 "$tmp/out" | cmp -s - "$tmp/s1" || fail "keys changed the tiny screen"
screen 3 "$tmp/out" | cmp -s - <(screen 1 "$tmp/plain.out") || fail "80x24 after 20x5 differs"
done_case
COLUMNS=80 LINES=24 run "80x24 overview (reference)" 0 "" --script="$tmp/plain.keys" "$S"
cp "$tmp/out" "$tmp/plain_ov.out"
done_case
COLUMNS=20 LINES=5 run "a 20x5 overview: notice, recovery" 0 "" --script="$tmp/tiny.keys" "$S"
screen 1 "$tmp/out" >"$tmp/s1"
printf '%-20s\n' "need 40x8" "" "" "" "" | cmp -s - "$tmp/s1" || fail "not the notice: $(cat "$tmp/s1")"
screen 3 "$tmp/out" | cmp -s - <(screen 1 "$tmp/plain_ov.out") || fail "80x24 after 20x5 differs"
done_case

# A storm of 100 resizes between 10x3 and 300x100, then 80x24: the screen
# must be the one without the storm (the reader keeps its place exactly),
# from several places: the top, inside a difference, the end, swapped and
# folded; the overview, a pair from it, the columns (scrolled sideways).
seed=42
storm() { # storm NAME WANT ARGS... (keys before the storm in $tmp/pre.keys)
    local sname=$1 want=$2 i
    shift 2
    seed=$((seed + 1))
    { cat "$tmp/pre.keys"; echo dump; } >"$tmp/calm.keys"
    {
        cat "$tmp/pre.keys"
        RANDOM=$seed
        for ((i = 0; i < 100; i++)); do
            echo "resize $((10 + RANDOM % 291))x$((3 + RANDOM % 98))"
        done
        echo "resize 80x24"
        echo dump
    } >"$tmp/storm.keys"
    COLUMNS=80 LINES=24 run "$sname (reference)" "$want" "" --script="$tmp/calm.keys" "$@"
    cp "$tmp/out" "$tmp/calm.out"
    done_case
    COLUMNS=80 LINES=24 run "$sname" "$want" "" --script="$tmp/storm.keys" "$@"
    if ! cmp -s "$tmp/out" "$tmp/calm.out"; then
        fail "the screen after the storm differs (RANDOM=$seed):"
        diff -u "$tmp/calm.out" "$tmp/out" | head -n 20
    fi
    done_case
}
: >"$tmp/pre.keys"
storm "resize storm at the top" 1 "$A" "$B"
printf 'key ]\nkey ]\nkey j\n' >"$tmp/pre.keys"
storm "resize storm inside a difference" 1 "$A" "$B"
printf 'key ]\nkey ]\nkey s\nkey f\nkey j\nkey j\nkey j\n' >"$tmp/pre.keys"
storm "resize storm swapped and folded" 1 "$A" "$B"
printf 'key G\n' >"$tmp/pre.keys"
storm "resize storm at the end" 1 "$A" "$B"
printf 'key j\nkey j\nkey tab\nkey j\n' >"$tmp/pre.keys"
storm "resize storm in the overview" 0 "$S"
printf 'key tab\nkey enter\nkey ]\nkey j\n' >"$tmp/pre.keys"
storm "resize storm in a pair from the overview" 0 "$S"
printf 'key enter\nkey l\nkey ]\nkey ]\nkey j\n' >"$tmp/pre.keys"
storm "resize storm in the columns" 0 "$S"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
