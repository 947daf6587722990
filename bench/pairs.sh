#!/usr/bin/env bash
# bench/pairs.sh - two-file hard inputs and the exports, beside their peers
# (issue 14): unrelated texts and shuffled sentences against git's word
# diff, the bench pair on one CPU against git on one CPU, and the text,
# ansi, html and md exports against the JSON export of the same pair.
#
#   bench/pairs.sh BUILDDIR       (bench/run.sh calls it; or alone)
#
# Environment (bench/run.sh skips it with BENCH_PAIRS=0):
#   PAIRS_SIZES   sentences per file (default "100000 1000000")
#   PAIRS_RUNS    alternating runs per row (default 3; medians)
#   PAIRS_SEEDS   wdgen seeds of the unrelated rows (default "1 2")
#   PAIRS_CPU     the CPU of the one-CPU rows (default 0; taskset)
#   BENCH_TIMEOUT seconds per command (default 900)
#   WIREDIFF, WDGEN, GNU_TIME, TMPDIR as for bench/run.sh
#
# Every row times wirediff and its peer in alternating runs (wirediff,
# peer, wirediff, peer, ...): wall seconds from EPOCHREALTIME, peak RSS
# from GNU time's %M, medians; the ratio is wirediff / peer.  The moved
# column of the unrelated rows counts the moved pairs wirediff reports
# (none is right).  Targets (informational): unrelated <= 1.5x git's
# time and <= git's memory, shuffled <= 2x, one CPU <= 1.0x, exports
# <= 1.3x the JSON export.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init pairs "$@"
sizes=${PAIRS_SIZES:-"100000 1000000"}
runs=${PAIRS_RUNS:-3}
seeds=${PAIRS_SEEDS:-"1 2"}
cpu=${PAIRS_CPU:-0}
for t in git taskset timeout awk; do
    command -v "$t" >/dev/null || { echo "$0: $t not found" >&2; exit 2; }
done
fatal=0

# one CMD...: run once, stdout to $tmp/out; sets secs and mb (or FAILED)
one() {
    local t0 t1 rc
    t0=$EPOCHREALTIME
    "$GNU_TIME" -f '%e %M' -o "$tmp/time" timeout -k 10 "$tmo" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -gt 1 ]; then
        secs=FAILED mb=FAILED
        echo "  $*: exit status $rc" >&2
        sed -n '1,3s/^/    /p' "$tmp/err" >&2
        fatal=1
        return
    fi
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    mb=$(tail -n 1 "$tmp/time" | awk '{ printf "%.1f", $2 / 1024 }')
}

# med FORMAT VALUE...: the median (FAILED if any run failed)
med() {
    local f=$1
    shift
    printf '%s\n' "$@" | sort -g | awk -v f="$f" '{ v[NR] = $0 } END {
        for (i = 1; i <= NR; i++) if (v[i] !~ /^[0-9.]+$/) { print "FAILED"; exit }
        printf f "\n", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf "%.2f\n", a / b }'
}

verdict() {
    awk -v r="$1" -v t="$2" 'BEGIN { print (r !~ /^[0-9.]+$/ ? "N/A" : r + 0 <= t ? "PASS" : "FAIL") }'
}

printf '%-30s %9s %8s | %9s %8s | %6s %6s | %s\n' case wd_s wd_MB peer_s peer_MB t/peer m/peer target
# row LABEL TARGET_T TARGET_M PEERNAME -- WIREDIFF_ARGS... -- PEER_CMD...
row() {
    local label=$1 tt=$2 tm=$3 peer=$4 i
    shift 5
    local wargs=() pcmd=()
    while [ "$1" != -- ]; do wargs+=("$1"); shift; done
    shift
    pcmd=("$@")
    local wt=() wm=() pt=() pm=()
    for ((i = 0; i < runs; i++)); do
        one "${wargs[@]}"
        wt+=("$secs") wm+=("$mb")
        one "${pcmd[@]}"
        pt+=("$secs") pm+=("$mb")
    done
    local a b c d rt rm v
    a=$(med %.3f "${wt[@]}") b=$(med %.1f "${wm[@]}") c=$(med %.3f "${pt[@]}") d=$(med %.1f "${pm[@]}")
    rt=$(ratio "$a" "$c") rm=$(ratio "$b" "$d")
    v="time <= ${tt}x $peer: $(verdict "$rt" "$tt")"
    [ "$tm" = - ] || v="$v, memory <= ${tm}x: $(verdict "$rm" "$tm")"
    printf '%-30s %9s %8s | %9s %8s | %6s %6s | %s\n' "$label" "$a" "$b" "$c" "$d" "$rt" "$rm" "$v"
}

git_wd() { echo git diff --no-index --word-diff=plain "$1" "$2"; }

for n in $sizes; do
    echo "size $n sentences..." >&2
    for seed in $seeds; do
        "$WDGEN" --seed "$seed" --unrelated "$n" "$tmp/ua" "$tmp/ub" || exit 2
        cat "$tmp/ua" "$tmp/ub" >/dev/null
        # shellcheck disable=SC2046 # the git command's words
        row "unrelated $n seed $seed" 1.5 1.0 git -- "$WIREDIFF" --export=json "$tmp/ua" "$tmp/ub" \
            -- $(git_wd "$tmp/ua" "$tmp/ub")
        "$WIREDIFF" --export=json "$tmp/ua" "$tmp/ub" >"$tmp/u.json" 2>/dev/null
        moved=$(grep -o '"moved": *[0-9]*' "$tmp/u.json" | head -n 1 | grep -o '[0-9]*$')
        pairs=$(grep -o '"matched_a": *[0-9]*' "$tmp/u.json" | head -n 1 | grep -o '[0-9]*$')
        echo "  unrelated $n seed $seed: moved pairs ${moved:-?}, sentences of A paired ${pairs:-?} (target: 0 moved)"
        rm -f "$tmp/ua" "$tmp/ub" "$tmp/u.json"
    done
    if [ "$n" -le 100000 ]; then
        "$WDGEN" --seed 1 --shuffled "$n" "$tmp/sa" "$tmp/sb" || exit 2
        # shellcheck disable=SC2046
        row "shuffled $n" 2.0 - git -- "$WIREDIFF" --export=json "$tmp/sa" "$tmp/sb" \
            -- $(git_wd "$tmp/sa" "$tmp/sb")
        rm -f "$tmp/sa" "$tmp/sb"
    fi
    "$WDGEN" --seed 1 "$n" "$tmp/a" "$tmp/b" || exit 2
    cat "$tmp/a" "$tmp/b" >/dev/null
    # shellcheck disable=SC2046
    row "one CPU, bench pair $n" 1.0 - git -- taskset -c "$cpu" "$WIREDIFF" --export=json "$tmp/a" \
        "$tmp/b" -- taskset -c "$cpu" $(git_wd "$tmp/a" "$tmp/b")
    for f in text ansi html md; do
        row "export $f $n" 1.3 - json -- "$WIREDIFF" --export=$f "$tmp/a" "$tmp/b" \
            -- "$WIREDIFF" --export=json "$tmp/a" "$tmp/b"
    done
    rm -f "$tmp/a" "$tmp/b"
done
if [ "$fatal" -ne 0 ]; then
    echo "a command failed (see above)" >&2
    exit 1
fi
exit 0
