#!/usr/bin/env bash
# bench/reader.sh - the reader on large pairs, beside the JSON export of the
# same pair: launch to the first frame (wall time and peak RSS of a scripted
# run that dumps the first screen and quits), and the search for a word near
# the end of the pair.  bench/run.sh calls it; it runs alone too:
#
#   bench/reader.sh BUILDDIR
#
# Environment (besides run.sh's WIREDIFF, WDGEN, GNU_TIME, BENCH_SEED,
# BENCH_TIMEOUT and TMPDIR):
#   BENCH_READER_SIZES  sentences per article (default "100000 1000000")
#   BENCH_READER_RUNS   alternating runs per size (default 3)
#
# Each run times the export, then the reader, then the searches, so that
# the machine's load falls on all alike; each cell is the median.  The
# searches come from the scripted mode's WIREDIFF_TIMING (tests/ui/README):
# a rare word near the end searched right after the first frame (it waits
# for the search index, built in the background from the first frame on),
# then searched again with the index there.  Targets (issue 14): first frame within
# 1.1 x the export's time and 1.3 x its memory, a search within 50 ms.
# Exit status 0, 1 when wirediff failed, 2 for a usage or setup error.

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init reader "$@"
sizes=${BENCH_READER_SIZES:-"100000 1000000"}
runs=${BENCH_READER_RUNS:-3}
seed=${BENCH_SEED:-1}
failed=0

# run_timed CMD...: CMD with stdout to /dev/null; sets secs (wall) and mb
# (peak RSS, MiB), or FAILED in both.  0 and 1 are success (1: differ).
run_timed() {
    local t0 t1 rc
    t0=$EPOCHREALTIME
    COLUMNS=120 LINES=40 TERM=xterm-256color \
        "$GNU_TIME" -f '%e %M' -o "$tmp/time" timeout -k 10 "$tmo" "$@" >/dev/null 2>"$tmp/err"
    rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -le 1 ]; then
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        mb=$(tail -n 1 "$tmp/time" | awk '{ printf "%.1f", $2 / 1024 }')
    else
        secs=FAILED mb=FAILED failed=1
        echo "  wirediff $*: exit status $rc" >&2
        sed -n '1,3s/^/    /p' "$tmp/err" >&2
    fi
}

# median VALUE...: of numbers (FAILED counts as the largest).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $0 }
        END { m = v[int((NR + 1) / 2)]; n = v[int(NR / 2) + 1]
              if (m !~ /^[0-9.]+$/) print m; else if (n !~ /^[0-9.]+$/) print n
              else printf "%.3f\n", (m + n) / 2 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf "%.2f\n", a / b }'
}

# verdict OK TEXT
verdict() { printf '  %-5s %s\n' "$([ "$1" = 1 ] && echo PASS || echo FAIL)" "$2"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^[0-9.]+$/ && a + 0 <= b + 0) ? 1 : 0 }'; }

# A word near the end of B that occurs there and hardly anywhere else (the
# rarest of its last 400 lines' words of 6 letters or more): what a reader
# would look up there ("the" would be found on the first screen).
rare_word() {
    tail -n 400 "$1" | tr -cs 'A-Za-z' '\n' | awk 'length($0) >= 6' | sort -u >"$tmp/tail"
    tr -cs 'A-Za-z' '\n' <"$1" | awk 'length($0) >= 6' | sort | uniq -c | sort -n |
        awk 'NR == FNR { t[$1] = 1; next } ($2 in t) { print $2; exit }' "$tmp/tail" -
}

echo
echo "reader on large pairs beside --export=json of the same pair (120x40, scripted mode;"
echo "medians of $runs alternating runs; MB = MiB of peak RSS):"
printf '  %-9s %-30s %9s %8s %9s %8s %6s %6s\n' size case reader_s MB json_s MB t/json m/json
for n in $sizes; do
    a=$tmp/a.txt b=$tmp/b.txt
    "$WDGEN" --seed "$seed" "$n" "$a" "$b" || { echo "$0: wdgen failed" >&2; exit 2; }
    cat "$a" "$b" >/dev/null # in the page cache for every run
    w=$(rare_word "$b")
    [ -n "$w" ] || w=the
    printf 'quit\n' >"$tmp/first.keys"
    printf 'key /\ntype %s\nkey enter\nkey /\ntype %s\nkey enter\nquit\n' "$w" "$w" >"$tmp/search.keys"
    jt=() jm=() rt=() rmb=() s1=() s2=() ff=()
    for ((i = 0; i < runs; i++)); do
        run_timed "$WIREDIFF" --export=json "$a" "$b"
        jt+=("$secs") jm+=("$mb")
        : >"$tmp/ff.timing"
        run_timed env WIREDIFF_TIMING="$tmp/ff.timing" "$WIREDIFF" --script="$tmp/first.keys" "$a" "$b"
        rt+=("$secs") rmb+=("$mb")
        ff+=("$(awk '$1 == "first_frame_ms" { print $2 }' "$tmp/ff.timing")")
        : >"$tmp/s.timing"
        run_timed env WIREDIFF_TIMING="$tmp/s.timing" "$WIREDIFF" --script="$tmp/search.keys" "$a" "$b"
        s1+=("$(awk '$2 == "enter" { print $4 }' "$tmp/s.timing" | sed -n 1p)")
        s2+=("$(awk '$2 == "enter" { print $4 }' "$tmp/s.timing" | sed -n 2p)")
    done
    JT=$(median "${jt[@]}") JM=$(median "${jm[@]}") RT=$(median "${rt[@]}") RM=$(median "${rmb[@]}")
    S1=$(median "${s1[@]}") S2=$(median "${s2[@]}") FF=$(median "${ff[@]}")
    printf '  %-9s %-30s %9s %8s %9s %8s %6s %6s\n' "$n" "launch to first frame" "$RT" "$RM" \
        "$JT" "$JM" "$(ratio "$RT" "$JT")" "$(ratio "$RM" "$JM")"
    printf '  %-9s %-30s %9s\n' "" "  of which the reader's own ms" "$FF"
    printf '  %-9s %-30s %9s ms ("%s")\n' "" "search, index ready" "$S2" "$w"
    printf '  %-9s %-30s %9s ms (the same, typed at once)\n' "" "search at the first frame" "$S1"
    verdict "$(le "$(ratio "$RT" "$JT")" 1.10)" "$n: first frame within 1.1 x the JSON export's time"
    verdict "$(le "$(ratio "$RM" "$JM")" 1.30)" "$n: peak memory within 1.3 x the JSON export's"
    verdict "$(le "$S2" 50)" "$n: search within 50 ms"
    rm -f "$a" "$b"
done
exit "$failed"
