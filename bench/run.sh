#!/usr/bin/env bash
# bench/run.sh - time wirediff against git diff --word-diff and GNU diff on
# synthetic variant pairs from bench/wdgen.
#
#   bench/run.sh BUILDDIR        (make bench runs it with the build tree)
#
# BUILDDIR holds the built wirediff and bench/wdgen.  Environment:
#   BENCH_SIZES    sentences per article, in increasing order
#                  (default "10000 100000 1000000")
#   BENCH_RUNS     repetitions per size (default 3; sizes >= BENCH_BIG get 1)
#   BENCH_BIG      size from which BENCH_RUNS_BIG applies (default 1000000)
#   BENCH_RUNS_BIG repetitions for big sizes (default 1)
#   BENCH_TIMEOUT  seconds per command before it is reported as TIMEOUT (900)
#   BENCH_SEED     wdgen seed (default 1)
#   BENCH_PAGES    0 to skip the web page benchmark (default 1)
#   BENCH_DIGEST_RUNS  alternating runs with and without the digest at the
#                  largest size (default 3; 0 skips them)
#   BENCH_COLUMNS  0 to skip the 50 outlets' overview and columns (default 1)
#   BENCH_COLUMNS_RUNS  its alternating runs (default 3)
#   EXTRACT_DEV    the folder of real article pages (html/*.html.gz) timed
#                  beside the synthetic page (default ../shared/extract-dev
#                  next to the source tree; skipped with a note if absent)
#   WIREDIFF, WDGEN, GNU_TIME  override the programs used
#   TMPDIR         where the pairs are generated (about 440 MB for 1M)
#
# Wall time comes from bash's EPOCHREALTIME (microseconds) around each
# command, peak RSS from GNU time's %M (Debian package "time").  Each cell
# is the median over the runs.  The targets at the end are informational:
# the exit status is 0 unless a tool crashed or wirediff failed (status 2),
# then 1; 2 for a usage or setup error.

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init bench "$@"
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
runs=${BENCH_RUNS:-3}
big=${BENCH_BIG:-1000000}
runs_big=${BENCH_RUNS_BIG:-1}
seed=${BENCH_SEED:-1}
for t in git diff timeout awk; do
    if ! command -v "$t" >/dev/null; then
        echo "$0: $t not found" >&2
        exit 2
    fi
done

fatal=0

# measure TOOL CMD...: run CMD once with stdout to /dev/null; sets m_secs
# (wall seconds, or TIMEOUT / FAILED) and m_mb (peak RSS MiB).  Exit status
# 0 and 1 both mean success here (1 = the inputs differ).
measure() {
    local tool=$1
    shift
    local t0 t1 rc
    t0=$EPOCHREALTIME
    "$GNU_TIME" -f '%e %M' -o "$tmp/time" timeout -k 10 "$tmo" "$@" >/dev/null 2>"$tmp/stderr"
    rc=$?
    t1=$EPOCHREALTIME
    m_mb=$(tail -n 1 "$tmp/time" | awk '{ printf "%.1f", $2 / 1024 }')
    if [ "$rc" -le 1 ]; then
        m_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        return
    fi
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        m_secs=TIMEOUT
        m_mb=TIMEOUT
        echo "  $tool: TIMEOUT after ${tmo}s" >&2
        return
    fi
    m_secs=FAILED
    m_mb=FAILED
    echo "  $tool: exit status $rc" >&2
    sed -n '1,5s/^/    /p' "$tmp/stderr" >&2
    # wirediff's 2 is its own failure; above 125 a signal (a crash) for all
    if [ "$tool" = wirediff ] || [ "$rc" -gt 125 ]; then
        fatal=1
    fi
}

# median FORMAT VALUE...: the median of the values printed with the printf
# FORMAT; a non-number (TIMEOUT, FAILED) counts as the
# largest, and is the answer if it reaches the median.
median() {
    local f=$1 v nums=() other=()
    shift
    for v in "$@"; do
        if [[ $v =~ ^[0-9.]+$ ]]; then nums+=("$v"); else other+=("$v"); fi
    done
    { [ ${#nums[@]} -gt 0 ] && printf '%s\n' "${nums[@]}" | sort -g
      [ ${#other[@]} -gt 0 ] && printf '%s\n' "${other[@]}"; } | awk -v f="$f" '
        { v[NR] = $0 }
        END {
            lo = v[int((NR + 1) / 2)]; hi = v[int(NR / 2) + 1]
            if (lo !~ /^[0-9.]+$/) print lo
            else if (hi !~ /^[0-9.]+$/) print hi
            else printf f "\n", (lo + hi) / 2
        }'
}

# ratio A B: A / B, or "-" when either is not a number
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf "%.2f\n", a / b }'
}

echo "wirediff benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, seed $seed"
echo "  wirediff: $WIREDIFF ($("$WIREDIFF" --version 2>/dev/null | head -n 1))"
echo "  $(git --version), $(diff --version | head -n 1)"
echo "  runs per size: $runs ($runs_big from $big sentences), timeout ${tmo}s"
echo

# reader_bench A B: the reader in scripted mode (no terminal) at 120x40 on
# this pair: time to the first frame, and the slowest and median time of
# navigation keys (the layout is built once per width; a key must not depend
# on the document's length).  Targets: first frame < 1 s, keys < 10 ms.
reader_bench() {
    local keys=$tmp/reader.keys timing=$tmp/reader.timing
    {
        for k in j j j space space b G g ']' ']' '[' pgdn pgup down up end home; do
            echo "key $k"
        done
        for ((i = 0; i < 40; i++)); do echo "key ]"; done
        echo quit
    } >"$keys"
    : >"$timing"
    local rc=0
    COLUMNS=120 LINES=40 TERM=xterm-256color WIREDIFF_TIMING=$timing \
        timeout -k 10 "$tmo" "$WIREDIFF" --script="$keys" "$1" "$2" >/dev/null || rc=$?
    if [ "$rc" -gt 1 ]; then # 0 and 1 mean "same" and "different", like diff
        echo "reader: scripted run failed (exit status $rc)" >&2
        fatal=1
        return
    fi
    local ff n md mx
    ff=$(awk '$1 == "first_frame_ms" { print $2 }' "$timing")
    awk '$1 == "key" { print $4 }' "$timing" | sort -n >"$timing.keys"
    n=$(wc -l <"$timing.keys")
    if [ -z "$ff" ] || [ "$n" -eq 0 ]; then
        echo "reader: no timings recorded" >&2
        fatal=1
        return
    fi
    md=$(sed -n "$(((n + 1) / 2))p" "$timing.keys")
    mx=$(tail -n 1 "$timing.keys")
    READER=$(awk -v ff="$ff" -v md="$md" -v mx="$mx" -v n="$n" 'BEGIN {
        printf "first frame %.1f ms, navigation keys: median %.3f ms, slowest %.3f ms (%d keys)", ff, md, mx, n
        printf "|%s|%s", (ff < 1000 ? "PASS" : "FAIL"), (mx < 10 ? "PASS" : "FAIL") }')
}
READER=""

# overlap_bench: --overlap on 500 articles of 40 sentences (250 stories in
# two versions each, from wdgen).  Target: under 2 s.
overlap_bench() {
    local dir=$tmp/corpus i
    mkdir -p "$dir"
    for ((i = 0; i < 250; i++)); do
        "$WDGEN" --seed $((i + 1000)) 40 "$dir/$(printf 's%03d_a.txt' "$i")" \
            "$dir/$(printf 's%03d_b.txt' "$i")" || { fatal=1; return; }
    done
    measure overlap "$WIREDIFF" --overlap "$dir"
    OVERLAP="$m_secs s, $m_mb MB peak RSS"
    OVERLAP_OK=$(le "$m_secs" 2)
    rm -rf "$dir"
}
OVERLAP=""

# columns_bench: a folder of 50 outlets of one 60-sentence story (wdgen's
# text and 49 variants of it, each with its own edits, cuts, moves and
# additions); the overview and the columns written as HTML and as JSON,
# beside the --overlap table of the same folder and beside what a user
# would do without them, one pair snapshot per outlet (49 runs of
# wirediff --export=html wire outlet, timed together).  Runs alternate;
# medians.
columns_bench() {
    local dir=$tmp/outlets v r a=() b=() c=() d=() am=() bm=() cm=() t0 t1
    mkdir -p "$dir"
    "$WDGEN" --seed 11 60 "$dir/o00.txt" "$tmp/unused.txt" || { fatal=1; return; }
    for ((v = 1; v < 50; v++)); do
        "$WDGEN" --seed 11 --variant "$v" 60 "$tmp/unused.txt" "$dir/$(printf 'o%02d.txt' "$v")" ||
            { fatal=1; return; }
    done
    for ((r = 0; r < ${BENCH_COLUMNS_RUNS:-3}; r++)); do
        measure wirediff "$WIREDIFF" --export=html "$dir"
        a+=("$m_secs"); am+=("$m_mb")
        measure wirediff "$WIREDIFF" --export=json "$dir"
        b+=("$m_secs"); bm+=("$m_mb")
        measure wirediff "$WIREDIFF" --overlap "$dir"
        c+=("$m_secs"); cm+=("$m_mb")
        t0=$EPOCHREALTIME
        for ((v = 1; v < 50; v++)); do
            "$WIREDIFF" --export=html "$dir/o00.txt" "$dir/$(printf 'o%02d.txt' "$v")" >/dev/null
            [ $? -le 1 ] || { fatal=1; break; }
        done
        t1=$EPOCHREALTIME
        d+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    done
    COL_HTML=$(median %.3f "${a[@]}"); COL_HTML_MB=$(median %.1f "${am[@]}")
    COL_JSON=$(median %.3f "${b[@]}"); COL_JSON_MB=$(median %.1f "${bm[@]}")
    COL_OVL=$(median %.3f "${c[@]}"); COL_OVL_MB=$(median %.1f "${cm[@]}")
    COL_PAIRS=$(median %.3f "${d[@]}")
    rm -rf "$dir"
}
COL_HTML=""

# make_page OUT SENTENCES: a synthetic news page of about 2 MB whose
# article is a wdgen text of SENTENCES sentences in paragraphs of four,
# inside what real pages carry around it: a navigation menu, inline
# scripts and JSON state, icons, a rail of related links, comments and a
# footer (most of the bytes are not the story, as on the web).
make_page() {
    local out=$1 n=$2
    "$WDGEN" --seed 7 "$n" "$tmp/page_a.txt" "$tmp/page_b.txt" || return 1
    awk 'BEGIN {
        print "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        print "<title>Bench story | The Bench Times</title>"
        print "<meta property=\"og:title\" content=\"Bench story\">"
        printf "<script>window.__STATE__ = {\"items\": ["
        for (i = 0; i < 20000; i++) printf "{\"id\": %d, \"title\": \"Item %d of the state\", \"url\": \"/a/%d\"},", i, i, i
        print "{}]};</script>"
        printf "<style>"
        for (i = 0; i < 3000; i++) printf ".c%d { margin: %dpx; color: #%06x }\n", i, i % 40, i * 977
        print "</style></head><body><header class=\"site-header\"><nav><ul>"
        for (i = 0; i < 1500; i++) printf "<li class=\"menu-item\"><a href=\"/section/%d\">Section %d</a></li>", i, i
        print "</ul></nav></header><main><article><h1>Bench story</h1><div class=\"article-body\">"
    }' >"$out"
    awk '{ for (i = 1; i <= NF; i++) { s = s (s == "" ? "" : " ") $i
           if ($i ~ /[.!?]["”]?$/ && ++k % 4 == 0) { print "<p>" s "</p>"; s = "" } } }
         END { if (s != "") print "<p>" s "</p>" }' "$tmp/page_a.txt" >>"$out"
    awk 'BEGIN {
        print "</div></article><section class=\"comments\">"
        for (i = 0; i < 400; i++) printf "<div class=\"comment\"><p>Comment %d: I read this story, and I have thoughts about it, many of them.</p></div>\n", i
        print "</section></main><aside class=\"related\"><ul>"
        for (i = 0; i < 3000; i++) printf "<li><a href=\"/story/%d\"><svg viewBox=\"0 0 10 10\"><path d=\"M0 0L10 10\"/></svg>Related story number %d</a></li>\n", i, i
        print "</ul></aside><footer><p>The Bench Times</p></footer></body></html>"
    }' >>"$out"
}

# pages_bench: what reading pages costs beside reading the same bytes as
# text (--input=text), the whole process from launch: a synthetic 2 MB
# page (extracted alone, and compared with a copy of itself), and the 45
# real pages of extract-dev in one run.
pages_bench() {
    if ! "$WIREDIFF" --version | grep -q 'web pages: yes'; then
        echo "pages: wirediff was built without libxml2: skipped" >&2
        return
    fi
    local page=$tmp/page.html r i
    make_page "$page" 1600 || { fatal=1; return; }
    PAGE_MB=$(awk -v s="$(wc -c <"$page")" 'BEGIN { printf "%.1f", s / 1048576 }')
    local et=() em=() tt=() tm=() ct=() cm=() rt=() rm=()
    for ((i = 0; i < runs; i++)); do
        measure wirediff "$WIREDIFF" --extract "$page"
        et+=("$m_secs") em+=("$m_mb")
        measure wirediff "$WIREDIFF" --extract --input=text "$page"
        tt+=("$m_secs") tm+=("$m_mb")
        measure wirediff "$WIREDIFF" --export=json "$page" "$page"
        ct+=("$m_secs") cm+=("$m_mb")
        measure wirediff "$WIREDIFF" --export=json --input=text "$page" "$page"
        rt+=("$m_secs") rm+=("$m_mb")
    done
    PAGE_ROWS=$(printf '%s|%s|%s|%s|%s|%s|%s|%s' \
        "$(median %.3f "${et[@]}")" "$(median %.1f "${em[@]}")" \
        "$(median %.3f "${tt[@]}")" "$(median %.1f "${tm[@]}")" \
        "$(median %.3f "${ct[@]}")" "$(median %.1f "${cm[@]}")" \
        "$(median %.3f "${rt[@]}")" "$(median %.1f "${rm[@]}")")
    local dev=${EXTRACT_DEV:-$(cd "$(dirname "$0")/.." && pwd)/../shared/extract-dev}
    if [ -d "$dev/html" ]; then
        mkdir -p "$tmp/dev"
        for f in "$dev"/html/*.html.gz; do
            r=${f##*/}
            gzip -dc "$f" >"$tmp/dev/${r%.gz}" || return
        done
        DEV_N=$(ls "$tmp/dev" | wc -l)
        DEV_MB=$(cat "$tmp/dev"/* | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
        local xt=() xm=() yt=() ym=()
        for ((i = 0; i < runs; i++)); do
            measure wirediff "$WIREDIFF" --extract "$tmp"/dev/*.html
            xt+=("$m_secs") xm+=("$m_mb")
            measure wirediff "$WIREDIFF" --extract --input=text "$tmp"/dev/*.html
            yt+=("$m_secs") ym+=("$m_mb")
        done
        DEV_ROWS=$(printf '%s|%s|%s|%s' "$(median %.3f "${xt[@]}")" "$(median %.1f "${xm[@]}")" \
            "$(median %.3f "${yt[@]}")" "$(median %.1f "${ym[@]}")")
    else
        echo "pages: $dev/html not found: the real pages are not timed" >&2
    fi
}
PAGE_ROWS=""
DEV_ROWS=""

# digest_bench N A B: what the digest costs the pair, the whole process:
# --export=json (which carries it) against --export=json --no-digest, in
# alternating runs.  Target: at most 10% more time.
digest_bench() {
    local i yt=() ym=() nt=() nm=()
    echo "size $1: the digest, ${BENCH_DIGEST_RUNS:-3} alternating runs..." >&2
    for ((i = 0; i < ${BENCH_DIGEST_RUNS:-3}; i++)); do
        measure wirediff "$WIREDIFF" --export=json "$2" "$3"
        yt+=("$m_secs") ym+=("$m_mb")
        measure wirediff "$WIREDIFF" --export=json --no-digest "$2" "$3"
        nt+=("$m_secs") nm+=("$m_mb")
    done
    DIGEST_ROWS=$(printf '%s|%s|%s|%s|%s' "$1" "$(median %.3f "${yt[@]}")" \
        "$(median %.1f "${ym[@]}")" "$(median %.3f "${nt[@]}")" "$(median %.1f "${nm[@]}")")
}
DIGEST_ROWS=""

declare -A WT WM GT GM DT DM MB
for n in $sizes; do
    a=$tmp/a.txt b=$tmp/b.txt
    if ! "$WDGEN" --seed "$seed" --lines "$tmp/a.lines" "$tmp/b.lines" "$n" "$a" "$b"; then
        echo "$0: wdgen failed for $n sentences" >&2
        exit 2
    fi
    # Every tool starts from the same state: the new files written out and
    # in the page cache (else the first one timed pays for the writeback).
    sync 2>/dev/null
    cat "$a" "$b" "$tmp/a.lines" "$tmp/b.lines" >/dev/null
    MB[$n]=$(awk -v s="$(wc -c <"$a")" 'BEGIN { printf "%.1f", s / 1048576 }')
    r=$runs
    [ "$n" -ge "$big" ] && r=$runs_big
    echo "size $n sentences (${MB[$n]} MB per file), $r run(s)..." >&2
    wt=() wm=() gt=() gm=() dt=() dm=()
    for ((i = 0; i < r; i++)); do
        measure wirediff "$WIREDIFF" --export=json "$a" "$b"
        wt+=("$m_secs") wm+=("$m_mb")
        measure git git diff --no-index --word-diff=plain "$a" "$b"
        gt+=("$m_secs") gm+=("$m_mb")
        measure diff diff "$tmp/a.lines" "$tmp/b.lines"
        dt+=("$m_secs") dm+=("$m_mb")
    done
    WT[$n]=$(median %.3f "${wt[@]}") WM[$n]=$(median %.1f "${wm[@]}")
    GT[$n]=$(median %.3f "${gt[@]}") GM[$n]=$(median %.1f "${gm[@]}")
    DT[$n]=$(median %.3f "${dt[@]}") DM[$n]=$(median %.1f "${dm[@]}")
    if [ "$n" -eq "${BENCH_READER:-100000}" ]; then
        reader_bench "$a" "$b"
    fi
    if [ "$n" = "${sizes##* }" ] && [ "${BENCH_DIGEST_RUNS:-3}" -gt 0 ]; then
        digest_bench "$n" "$a" "$b"
    fi
    rm -f "$a" "$b" "$tmp/a.lines" "$tmp/b.lines"
done

echo
echo "median wall seconds (s) and peak RSS (MB = MiB); ratios are wirediff / other"
row() {
    printf '%9s %7s | %8s %8s | %8s %8s | %8s %8s | %7s %7s %7s %7s\n' "$@"
}
row sentences file_MB wd_s wd_MB git_s git_MB diff_s diff_MB \
    t/git t/diff mem/git mem/diff
for n in $sizes; do
    row "$n" "${MB[$n]}" "${WT[$n]}" "${WM[$n]}" "${GT[$n]}" "${GM[$n]}" \
        "${DT[$n]}" "${DM[$n]}" \
        "$(ratio "${WT[$n]}" "${GT[$n]}")" "$(ratio "${WT[$n]}" "${DT[$n]}")" \
        "$(ratio "${WM[$n]}" "${GM[$n]}")" "$(ratio "${WM[$n]}" "${DM[$n]}")"
done

# exponent N1 N2 V1 V2: log(V2/V1) / log(N2/N1), or "-"
exponent() {
    awk -v n1="$1" -v n2="$2" -v a="$3" -v b="$4" 'BEGIN {
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || a + 0 == 0 || b + 0 == 0) { print "-"; exit }
        printf "%.2f\n", log(b / a) / log(n2 / n1) }'
}

echo
echo "wirediff scaling exponents, log(v2/v1) / log(n2/n1) (1.00 = linear):"
declare -A XT XM
prev=
for n in $sizes; do
    if [ -n "$prev" ]; then
        XT[$n]=$(exponent "$prev" "$n" "${WT[$prev]}" "${WT[$n]}")
        XM[$n]=$(exponent "$prev" "$n" "${WM[$prev]}" "${WM[$n]}")
        printf '  %9s -> %-9s time %5s   memory %5s\n' "$prev" "$n" "${XT[$n]}" "${XM[$n]}"
    fi
    prev=$n
done

# verdict OK LABEL: print PASS/FAIL (or N/A when the comparison is undefined)
verdict() {
    printf '  %-4s %s\n' "$1" "$2"
}
# le A B [FACTOR]: is A <= FACTOR * B?  TIMEOUT/FAILED on the left fails, on
# the right (only) passes.
le() {
    awk -v a="$1" -v b="$2" -v f="${3:-1}" 'BEGIN {
        na = a ~ /^-?[0-9.]+$/; nb = b ~ /^-?[0-9.]+$/
        if (a == "-") { print "N/A"; exit }
        if (!na) { print "FAIL"; exit }
        if (!nb) { print (b == "-" ? "N/A" : "PASS"); exit }
        print (a + 0 <= f * b ? "PASS" : "FAIL") }'
}

echo
echo "targets (informational):"
for n in $sizes; do
    [ "$n" -ge 100000 ] || continue
    verdict "$(le "${WT[$n]}" "${GT[$n]}")" "$n: wirediff time ${WT[$n]} s <= git ${GT[$n]} s"
    verdict "$(le "${WT[$n]}" "${DT[$n]}" 3)" "$n: wirediff time ${WT[$n]} s <= 3 x diff ${DT[$n]} s"
    verdict "$(le "${WM[$n]}" "${GM[$n]}")" "$n: wirediff RSS ${WM[$n]} MB <= git ${GM[$n]} MB"
    if [ -n "${XT[$n]:-}" ]; then
        verdict "$(le "${XT[$n]}" 1.1)" "$n: wirediff time exponent ${XT[$n]} <= 1.1"
        verdict "$(le "${XM[$n]}" 1.1)" "$n: wirediff memory exponent ${XM[$n]} <= 1.1"
    fi
done

if [ -n "$DIGEST_ROWS" ]; then
    IFS='|' read -r dn dy dym dno dnm <<<"$DIGEST_ROWS"
    echo
    echo "digest, $dn sentences, --export=json with it and with --no-digest (medians):"
    printf '  with %s s %s MB, without %s s %s MB: time x%s, memory x%s\n' "$dy" "$dym" "$dno" "$dnm" \
        "$(ratio "$dy" "$dno")" "$(ratio "$dym" "$dnm")"
    verdict "$(le "$dy" "$dno" 1.10)" "digest: the pair's time grows by 10% at most"
fi

if [ "${BENCH_OVERLAP:-1}" = 1 ]; then
    overlap_bench
    echo
    echo "overlap of 500 articles of 40 sentences (--overlap on a folder): $OVERLAP"
    verdict "$OVERLAP_OK" "overlap: under 2 s"
fi

if [ "${BENCH_COLUMNS:-1}" = 1 ]; then
    columns_bench
    if [ -n "$COL_HTML" ]; then
        echo
        echo "a folder of 50 outlets of one 60-sentence story (medians of ${BENCH_COLUMNS_RUNS:-3} alternating runs):"
        printf '  %-52s %8s s %7s MB\n' "--export=html FOLDER (overview and columns)" "$COL_HTML" "$COL_HTML_MB"
        printf '  %-52s %8s s %7s MB\n' "--export=json FOLDER" "$COL_JSON" "$COL_JSON_MB"
        printf '  %-52s %8s s %7s MB\n' "--overlap FOLDER (the table only)" "$COL_OVL" "$COL_OVL_MB"
        printf '  %-52s %8s s\n' "49 pair snapshots, wire against each outlet" "$COL_PAIRS"
        echo "  columns html / overlap table: x$(ratio "$COL_HTML" "$COL_OVL"); / 49 pair snapshots: x$(ratio "$COL_HTML" "$COL_PAIRS")"
        verdict "$(le "$COL_HTML" 1)" "columns: 50 outlets written in 1 s at most"
    fi
fi

if [ "${BENCH_PAGES:-1}" = 1 ]; then
    pages_bench
    if [ -n "$PAGE_ROWS" ]; then
        IFS='|' read -r pe pem pt ptm pc pcm pr prm <<<"$PAGE_ROWS"
        echo
        echo "web pages: article extraction against reading the same bytes as text (--input=text)"
        printf '  %-44s %8s %8s | %8s %8s | %6s %6s\n' case page_s page_MB text_s text_MB t/text m/text
        printf '  %-44s %8s %8s | %8s %8s | %6s %6s\n' "--extract, synthetic page ($PAGE_MB MB)" \
            "$pe" "$pem" "$pt" "$ptm" "$(ratio "$pe" "$pt")" "$(ratio "$pem" "$ptm")"
        printf '  %-44s %8s %8s | %8s %8s | %6s %6s\n' "the page against itself, --export=json" \
            "$pc" "$pcm" "$pr" "$prm" "$(ratio "$pc" "$pr")" "$(ratio "$pcm" "$prm")"
        if [ -n "$DEV_ROWS" ]; then
            IFS='|' read -r de dem dt2 dtm <<<"$DEV_ROWS"
            printf '  %-44s %8s %8s | %8s %8s | %6s %6s\n' \
                "--extract, $DEV_N real pages ($DEV_MB MB), one run" "$de" "$dem" "$dt2" "$dtm" \
                "$(ratio "$de" "$dt2")" "$(ratio "$dem" "$dtm")"
        fi
    fi
fi

if [ -n "$READER" ]; then
    IFS='|' read -r rtext rff rkey <<<"$READER"
    echo
    echo "reader, ${BENCH_READER:-100000} sentences, scripted mode at 120x40: $rtext"
    verdict "$rff" "reader: first frame < 1000 ms"
    verdict "$rkey" "reader: every navigation key < 10 ms"
fi

WDGEN=$WDGEN WIREDIFF=$WIREDIFF "$(dirname "$0")/timeline.sh" "$builddir" || fatal=1
[ "${BENCH_PAIRS:-1}" = 1 ] && { echo; "$(dirname "$0")/pairs.sh" "$builddir" || fatal=1; } # hard inputs, exports (PAIRS_*)
[ "${BENCH_OVERLAP:-1}" = 1 ] && { echo; "$(dirname "$0")/overlap.sh" "$builddir" || fatal=1; } # many documents (bench/overlap.sh; BENCH_OVERLAP=0 skips)
[ "${BENCH_READER_SCALE:-1}" = 1 ] && { "$(dirname "$0")/reader.sh" "$builddir" || fatal=1; }
if [ "$fatal" -ne 0 ]; then
    echo "a tool crashed or wirediff failed (see above)" >&2
    exit 1
fi
exit 0
