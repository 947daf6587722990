#!/usr/bin/env bash
# bench/overlap.sh - `wirediff --overlap` on many documents: time and peak
# RSS from 1,000 to 100,000 articles of about 40 sentences (bench/wdgen
# --corpus: a quarter of them in stories that 2-8 outlets carry, the rest
# unrelated), the growth exponent between sizes, and the bounded search's
# recall against the exhaustive one.
#
#   bench/overlap.sh BUILDDIR        (bench/run.sh calls it)
#
# Environment:
#   OVERLAP_SIZES    articles, in increasing order
#                    (default "1000 2000 5000 20000 100000")
#   OVERLAP_RUNS     runs per size, the median kept (default 3; sizes of
#                    20,000 and more get 1)
#   OVERLAP_RECALL   size of the recall check (default 2000; 0 skips it).
#                    The reference is WIREDIFF_OVERLAP_EXHAUSTIVE=1, which
#                    makes wirediff find every match between documents
#                    that share a strong one (src/sim_all.c): quadratic,
#                    a minute or two at 2,000 articles.
#   OVERLAP_SEED     wdgen seed (default 1)
#   BENCH_TIMEOUT    seconds per command (default 900)
#   WIREDIFF, WDGEN, GNU_TIME  override the programs used
#   TMPDIR           where the corpora go (about 550 MB at 100,000)
#
# Recall: the share of the exhaustive search's pairs of documents above
# 10% overlap that the bounded search reports too (the target is 0.99),
# and the share of those whose figures (same, changed, moved sentences)
# are the same.  The exponent between sizes n1 < n2 is
# ln(t2 / t1) / ln(n2 / n1) (target: at most 1.2 from 1,000 to 100,000).
# Exit status 0, or 1 when wirediff failed; 2 for a usage error.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init overlap "$@"
sizes=${OVERLAP_SIZES:-"1000 2000 5000 20000 100000"}
runs=${OVERLAP_RUNS:-3}
recall_n=${OVERLAP_RECALL:-2000}
seed=${OVERLAP_SEED:-1}
status=0

# corpus N: the folder of N articles (generated once)
corpus() {
    if [ ! -d "$tmp/c$1" ]; then
        mkdir "$tmp/c$1" && "$WDGEN" --seed "$seed" --corpus "$1" "$tmp/c$1" || exit 2
    fi
    echo "$tmp/c$1"
}

# one_run DIR [ENV...]: "seconds MiB cpu-seconds" of wirediff --overlap
# DIR (user + system time: what a busy shared machine changes least), or
# FAILED
one_run() {
    local dir=$1 t0 t1
    shift
    t0=$EPOCHREALTIME
    if env "$@" "$GNU_TIME" -f '%M %U %S' -o "$tmp/time" timeout -k 10 "$tmo" \
        "$WIREDIFF" --overlap --export=json "$dir" >"$tmp/out.json" 2>"$tmp/err"; then
        t1=$EPOCHREALTIME
        tail -n 1 "$tmp/time" | awk -v a="$t0" -v b="$t1" \
            '{ printf "%.2f %.0f %.2f\n", b - a, $1 / 1024, $2 + $3 }'
    else
        echo "FAILED FAILED FAILED"
        sed -n '1,3s/^/    /p' "$tmp/err" >&2
        status=1
    fi
}

# exponent N1 T1 N2 T2: ln(T2 / T1) / ln(N2 / N1), or - when it cannot be
exponent() {
    awk -v n1="$1" -v t1="$2" -v n2="$3" -v t2="$4" 'BEGIN {
        if (n1 == "" || t1 !~ /^[0-9.]+$/ || t2 !~ /^[0-9.]+$/ || t1 == 0) print "-"
        else printf "%.2f\n", log(t2 / t1) / log(n2 / n1) }'
}

echo "overlap: wirediff --overlap of N articles of ~40 sentences (wdgen --corpus, seed $seed)"
printf '  %8s %9s %9s %9s %9s %9s\n' articles seconds "peak MB" exponent "CPU s" "CPU exp"
prev_n="" prev_t="" prev_c="" first_n="" first_t="" first_c="" last_n="" last_t="" last_c=""
for n in $sizes; do
    dir=$(corpus "$n") || exit 2
    r=$runs
    [ "$n" -ge 20000 ] && r=1
    ts=() ms=() cs=()
    for ((i = 0; i < r; i++)); do
        read -r t m c <<<"$(one_run "$dir")"
        [ "$t" = FAILED ] && status=1
        ts+=("$t")
        ms+=("$m")
        cs+=("$c")
    done
    t=$(printf '%s\n' "${ts[@]}" | sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
    m=$(printf '%s\n' "${ms[@]}" | sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
    c=$(printf '%s\n' "${cs[@]}" | sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
    printf '  %8s %9s %9s %9s %9s %9s\n' "$n" "$t" "$m" "$(exponent "$prev_n" "$prev_t" "$n" "$t")" \
        "$c" "$(exponent "$prev_n" "$prev_c" "$n" "$c")"
    [ -z "$first_n" ] && first_n=$n first_t=$t first_c=$c
    last_n=$n last_t=$t last_c=$c
    prev_n=$n prev_t=$t prev_c=$c
done
if [ "$first_n" != "$last_n" ]; then
    echo "  growth exponent from $first_n to $last_n articles: $(exponent "$first_n" "$first_t" \
        "$last_n" "$last_t") (wall), $(exponent "$first_n" "$first_c" "$last_n" "$last_c") (CPU); target <= 1.2"
fi

if [ "$recall_n" -gt 0 ]; then
    dir=$(corpus "$recall_n")
    read -r tb _ _ <<<"$(one_run "$dir")"
    cp "$tmp/out.json" "$tmp/bounded.json"
    read -r te _ _ <<<"$(one_run "$dir" WIREDIFF_OVERLAP_EXHAUSTIVE=1)"
    cp "$tmp/out.json" "$tmp/exhaustive.json"
    # pairs of the exhaustive search above 10%: found by the bounded one,
    # and with the same figures
    awk -v tb="$tb" -v te="$te" -v n="$recall_n" '
        FNR == 1 { f++ }
        /^\{"a":/ {
            line = $0; sub(/^,?/, "", line)
            split(line, p, /[:,}]/)
            key = p[2] " " p[4]; val = p[8] " " p[10] " " p[12]
            if (f == 1 && p[6] + 0 >= 0.10) { want[key] = val; w++ }
            if (f == 2) got[key] = val
        }
        END {
            for (k in want) if (k in got) { found++; same += got[k] == want[k] }
            printf "  recall at %d articles: %d of the exhaustive search'\''s %d pairs above 10%% (%.4f, target >= 0.99), %d with the same figures (%.4f); bounded %s s, exhaustive %s s\n",
                n, found, w, w ? found / w : 1, same, w ? same / w : 1, tb, te
        }' "$tmp/exhaustive.json" "$tmp/bounded.json"
fi
exit $status
