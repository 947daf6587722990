# shellcheck shell=bash
# bench/lib.sh - what the bench scripts share, sourced by each of them:
#
#   . "$(dirname "$0")/lib.sh"
#   bench_init NAME "$@"
#
# bench_init checks that the script got one argument, the build directory
# holding wirediff and bench/wdgen, and that bash has EPOCHREALTIME and GNU
# time is there; it sets builddir, WIREDIFF, WDGEN, GNU_TIME (each may be
# given in the environment), tmo (BENCH_TIMEOUT, seconds per command,
# default 900) and tmp, a new folder ${TMPDIR:-/tmp}/wdNAME.XXXXXX removed
# when the script exits.  On a usage or setup error it says so on one line
# and exits with 2.

set -u -o pipefail
export LC_ALL=C
# git must not read the user's configuration (diff.algorithm, pager, ...).
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

bench_init() {
    local name=$1 prog
    shift
    if [ -z "${EPOCHREALTIME:-}" ]; then
        echo "$0: needs bash 5 or later (EPOCHREALTIME)" >&2
        exit 2
    fi
    if [ $# -ne 1 ] || [ ! -d "$1" ]; then
        echo "usage: $0 BUILDDIR" >&2
        exit 2
    fi
    builddir=$(cd "$1" && pwd)
    WIREDIFF=${WIREDIFF:-$builddir/wirediff}
    WDGEN=${WDGEN:-$builddir/bench/wdgen}
    GNU_TIME=${GNU_TIME:-/usr/bin/time}
    tmo=${BENCH_TIMEOUT:-900}
    for prog in "$WIREDIFF" "$WDGEN"; do
        if [ ! -x "$prog" ]; then
            echo "$0: $prog not found or not executable (build it first: make wirediff bench/wdgen)" >&2
            exit 2
        fi
    done
    if ! "$GNU_TIME" -f '%e %M' -o /dev/null true 2>/dev/null; then
        echo "$0: GNU time not found at $GNU_TIME (Debian: apt-get install time)" >&2
        exit 2
    fi
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/wd$name.XXXXXX") || exit 2
    # shellcheck disable=SC2064 # $tmp is fixed from here on
    trap "rm -rf '$tmp'" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}
