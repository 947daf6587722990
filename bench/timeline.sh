#!/usr/bin/env bash
# bench/timeline.sh - the timeline of 200 versions of a 60-sentence article
# (issue 19's targets: the first frame of the timeline under 0.5 s, each
# step key under 10 ms).
#
#   bench/timeline.sh BUILDDIR     (bench/run.sh calls it; make bench)
#
# The versions: wdgen's 60-sentence article (seed 19), then 199 versions,
# each made from the one before by one edit drawn by awk from a fixed
# seed: a word reworded (45%), a sentence cut (15%) or added (15%), one
# moved (10%), one word's case changed (a minor version, 10%), or nothing
# (a duplicate, 5%).  Timed, in BENCH_TIMELINE_RUNS alternating runs
# (default 3), medians:
#   - launch to first frame: the whole process with a script that quits at
#     once (scripted mode, 120x40: load, order, align the 199 steps, draw),
#     and the reader's own first_frame_ms ($WIREDIFF_TIMING);
#   - one step key: Enter on a version, then . twenty times, the reader's
#     time per key (tui_script.c: from the key to the frame drawn);
#   - --export=html of the whole chain to a file.
# Environment: WIREDIFF, WDGEN override the programs; TMPDIR.
set -u -o pipefail
export LC_ALL=C

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 BUILDDIR" >&2
    exit 2
fi
builddir=$(cd "$1" && pwd)
WIREDIFF=${WIREDIFF:-$builddir/wirediff}
WDGEN=${WDGEN:-$builddir/bench/wdgen}
runs=${BENCH_TIMELINE_RUNS:-3}
for prog in "$WIREDIFF" "$WDGEN"; do
    [ -x "$prog" ] || { echo "$0: $prog not found (make wirediff bench/wdgen)" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wdtimeline.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

dir=$tmp/versions
mkdir -p "$dir"
"$WDGEN" --seed 19 60 "$tmp/base.txt" "$tmp/unused.txt" || exit 1
# one sentence a record: wdgen writes sentences separated by blanks, a
# paragraph a line; cut after . ! ? followed by a space
awk '{ n = split($0, w, " "); s = ""
       for (i = 1; i <= n; i++) { s = s (s == "" ? "" : " ") w[i]
           if (w[i] ~ /[.!?]["”]?$/) { print s; s = "" } }
       if (s != "") print s }' "$tmp/base.txt" >"$tmp/sentences.txt"
awk -v dir="$dir" 'BEGIN { srand(19) }
    { s[++n] = $0 }
    function out(v,   i, f, line) {
        f = sprintf("%s/v%03d.txt", dir, v); line = ""
        for (i = 1; i <= n; i++) {
            line = line (line == "" ? "" : " ") s[i]
            if (i % 4 == 0 || i == n) { print line > f; line = "" }
        }
        close(f)
    }
    END {
        out(0)
        for (v = 1; v < 200; v++) {
            r = rand(); k = 1 + int(rand() * n)
            if (r < 0.45) {                       # reword one word
                m = split(s[k], w, " "); j = 1 + int(rand() * m); w[j] = "edited" v
                t = w[1]; for (i = 2; i <= m; i++) t = t " " w[i]
                if (t !~ /[.!?]["”]?$/) t = t "."
                s[k] = t
            } else if (r < 0.60 && n > 20) {      # cut a sentence
                for (i = k; i < n; i++) s[i] = s[i + 1]; n--
            } else if (r < 0.75) {                # add a sentence
                n++; for (i = n; i > k; i--) s[i] = s[i - 1]
                s[k] = "Version " v " adds a sentence about the council vote number " v "."
            } else if (r < 0.85) {                # move one to another place
                t = s[k]; for (i = k; i < n; i++) s[i] = s[i + 1]
                j = 1 + int(rand() * (n - 1)); for (i = n; i > j; i--) s[i] = s[i - 1]; s[j] = t
            } else if (r < 0.95) {                # a minor change: one word upper case
                m = split(s[k], w, " "); j = 1 + int(rand() * m); w[j] = toupper(w[j])
                t = w[1]; for (i = 2; i <= m; i++) t = t " " w[i]; s[k] = t
            }                                     # else: a duplicate
            out(v)
        }
    }' "$tmp/sentences.txt" || exit 1

quit=$tmp/quit.keys
echo quit >"$quit"
steps=$tmp/steps.keys
{
    echo "key j"
    echo "key enter"
    for ((i = 0; i < 20; i++)); do echo "key ."; done
    echo quit
} >"$steps"

median() { # FORMAT VALUES...: the median
    local fmt=$1
    shift
    printf '%s\n' "$@" | sort -g | awk -v f="$fmt" '{ v[NR] = $1 } END { if (NR) printf f, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

wall=() ff=() key=() keymax=() html=()
for ((r = 0; r < runs; r++)); do
    t0=$EPOCHREALTIME
    COLUMNS=120 LINES=40 TERM=xterm-256color WIREDIFF_TIMING=$tmp/t1 \
        "$WIREDIFF" --timeline --script="$quit" "$dir"/v*.txt >/dev/null
    [ $? -le 1 ] || { echo "$0: wirediff failed" >&2; exit 1; }
    t1=$EPOCHREALTIME
    wall+=("$(secs "$t0" "$t1")")
    ff+=("$(awk '/^first_frame_ms/ { v = $2 } END { print v }' "$tmp/t1")")
    rm -f "$tmp/t1"

    COLUMNS=120 LINES=40 TERM=xterm-256color WIREDIFF_TIMING=$tmp/t2 \
        "$WIREDIFF" --timeline --script="$steps" "$dir"/v*.txt >/dev/null
    [ $? -le 1 ] || { echo "$0: wirediff failed" >&2; exit 1; }
    # shellcheck disable=SC2207 # numbers
    ks=($(awk '$1 == "key" && $2 == "." { print $4 }' "$tmp/t2"))
    key+=("$(median %.3f "${ks[@]}")")
    keymax+=("$(printf '%s\n' "${ks[@]}" | sort -g | tail -n 1)")
    rm -f "$tmp/t2"

    t0=$EPOCHREALTIME
    "$WIREDIFF" --timeline --export=html -o "$tmp/out.html" --force "$dir"/v*.txt
    [ $? -le 1 ] || { echo "$0: wirediff failed" >&2; exit 1; }
    t1=$EPOCHREALTIME
    html+=("$(secs "$t0" "$t1")")
done

W=$(median %.3f "${wall[@]}")
F=$(median %.1f "${ff[@]}")
K=$(median %.3f "${key[@]}")
KM=$(median %.3f "${keymax[@]}")
H=$(median %.3f "${html[@]}")
MB=$(wc -c <"$tmp/out.html" | awk '{ printf "%.1f", $1 / 1048576 }')
echo
echo "timeline: 200 versions of a 60-sentence article, $runs runs, medians"
printf '  %-58s %10s\n' "launch to first frame (process, scripted 120x40)" "$W s"
printf '  %-58s %10s\n' "  of which the reader to its first frame (first_frame_ms)" "$F ms"
printf '  %-58s %10s\n' "step key . (median of 20; the slowest: $KM ms)" "$K ms"
printf '  %-58s %10s\n' "--export=html of the chain ($MB MB)" "$H s"
awk -v w="$W" 'BEGIN { exit !(w < 0.5) }' && v=met || v=MISSED
echo "  target: first frame < 0.5 s: $v"
awk -v k="$KM" 'BEGIN { exit !(k < 10) }' && v=met || v=MISSED
echo "  target: every step key < 10 ms: $v"
exit 0
