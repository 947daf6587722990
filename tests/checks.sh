# checks.sh - sourced by tests/test_pages.sh and tests/test_fetch.sh: a
# counted check of one wirediff run.  Needs $tmp (a scratch folder) and a
# function wd that runs wirediff (under $WIREDIFF_WRAPPER, if any).
#   run NAME WANT_STATUS PATTERN ARGS...   wirediff ARGS must exit with
#       WANT_STATUS; with 2, stderr must be one line matching the ERE
#       PATTERN and stdout empty (nothing half-written), else stdout must
#       match it.  stdout and stderr stay in $tmp/out and $tmp/err.
#   pass NAME / bad NAME [FILE]    count a check (bad shows FILE indented)
#   lacks NAME PATTERN             the last stdout does not match
# The caller ends with: echo "$n checks, $fails failed"; [ $fails -eq 0 ]
fails=0
n=0
pass() {
    n=$((n + 1))
    echo "ok $n $1"
}
bad() {
    n=$((n + 1))
    fails=$((fails + 1))
    echo "FAIL $1"
    [ $# -ge 2 ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -n 20
}
run() {
    local name=$1 want=$2 pat=$3
    shift 3
    wd "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        bad "$name: exit status $got, want $want" "$tmp/err"
    elif [ "$want" = 2 ] && { [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -qE -- "$pat" "$tmp/err"; }; then
        bad "$name: want one line matching '$pat' on stderr" "$tmp/err"
    elif [ "$want" = 2 ] && [ -s "$tmp/out" ]; then
        bad "$name: something was written on stdout" "$tmp/out"
    elif [ "$want" != 2 ] && ! grep -qE -- "$pat" "$tmp/out"; then
        bad "$name: stdout does not match '$pat'" "$tmp/out"
    else
        pass "$name"
    fi
}
lacks() {
    if grep -qE -- "$2" "$tmp/out"; then bad "$1" "$tmp/out"; else pass "$1"; fi
}
