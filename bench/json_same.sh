#!/usr/bin/env bash
# bench/json_same.sh - is a speed step only a speed step?  The JSON export
# of two wirediff builds compared byte for byte on the bench pairs (wdgen
# seed 1 at 10k and 100k sentences) and on every pair of the seeds/ folder.
#
#   bench/json_same.sh REFERENCE_WIREDIFF NEW_WIREDIFF [WDGEN]
#
# Environment: JSON_SAME_SIZES (default "10000 100000"), TMPDIR.
# Prints one line per pair and exits 0 when every export is identical, 1
# when one differs (the first differing lines are shown), 2 on a usage or
# setup error.
set -u -o pipefail
export LC_ALL=C
if [ $# -lt 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: $0 REFERENCE_WIREDIFF NEW_WIREDIFF [WDGEN]" >&2
    exit 2
fi
ref=$1 new=$2
src=$(cd "$(dirname "$0")/.." && pwd)
wdgen=${3:-$(dirname "$new")/bench/wdgen}
if [ ! -x "$wdgen" ]; then
    echo "$0: $wdgen not found (make bench/wdgen)" >&2
    exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wdsame.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
bad=0
# same LABEL A B: both builds' JSON of the pair A B, compared
same() {
    local rc1=0 rc2=0
    "$ref" --export=json "$2" "$3" >"$tmp/ref.json" 2>"$tmp/ref.err" || rc1=$?
    "$new" --export=json "$2" "$3" >"$tmp/new.json" 2>"$tmp/new.err" || rc2=$?
    if [ "$rc1" -gt 1 ] || [ "$rc2" -gt 1 ]; then
        echo "FAILED   $1 (exit status $rc1 / $rc2)"
        bad=1
    elif cmp -s "$tmp/ref.json" "$tmp/new.json"; then
        echo "same     $1 ($(wc -c <"$tmp/new.json") bytes)"
    else
        echo "DIFFERS  $1"
        diff "$tmp/ref.json" "$tmp/new.json" | head -n 8 | sed 's/^/    /'
        bad=1
    fi
}
for n in ${JSON_SAME_SIZES:-10000 100000}; do
    "$wdgen" --seed 1 "$n" "$tmp/a.txt" "$tmp/b.txt" || exit 2
    same "bench pair, seed 1, $n sentences" "$tmp/a.txt" "$tmp/b.txt"
done
seeds=("$src"/seeds/*)
for ((i = 0; i < ${#seeds[@]}; i++)); do
    for ((j = 0; j < ${#seeds[@]}; j++)); do
        [ "$i" -ne "$j" ] || continue
        same "seeds ${seeds[i]##*/} ${seeds[j]##*/}" "${seeds[i]}" "${seeds[j]}"
    done
done
exit "$bad"
