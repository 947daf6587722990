#!/usr/bin/env bash
# wirediff --overlap --jsonl: documents as JSON Lines on standard input,
# pairs and document summaries as JSON Lines out; bad lines refused with
# their number; and the README's recipe: a corpus sharded by a blocking
# key (the story wdgen writes beside each article), the shards run on
# their own (with GNU parallel when it is installed), their union the
# single run's result.  Skipped (77) without json-c.
#   WIREDIFF_WRAPPER="valgrind -q ..." tests/test_overlap_jsonl.sh
# Exit 0 pass, 1 fail, 77 skip, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
read -ra wrap <<<"${WIREDIFF_WRAPPER:-}"
wd() {
    ${wrap[@]+"${wrap[@]}"} "$top_builddir/wirediff" "$@"
}
if ! "$top_builddir/wirediff" --version | grep -q 'json-c'; then
    echo "SKIP: wirediff was built without json-c"
    exit 77
fi
WDGEN="$top_builddir/bench/wdgen"
[ -x "$WDGEN" ] || { echo "no $WDGEN (make check builds it)"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/checks.sh
. "$top_srcdir/tests/checks.sh"

# ---- the format ---------------------------------------------------------------
cat >"$tmp/three.jsonl" <<'EOF'
{"id":"wire","text":"Storm hits the coast\n\nA storm hit the northern coast on Monday, cutting power to 40,000 homes. Officials said repairs would take three days. Schools in Arden stayed closed."}
{"id":7,"text":"Coast storm\n\nA storm hit the northern coast on Monday and cut power to 40,000 homes. Officials said repairs would take three days.","source":"ignored"}

{"id":"other","text":"Markets rose on Tuesday as investors welcomed the central bank's decision.\r"}
EOF
run "pairs then documents" 0 '^\{"type":"pair","a":"wire","b":7,' --overlap --jsonl <"$tmp/three.jsonl"
if [ "$(sed -n 2p "$tmp/out")" = '{"type":"document","id":"wire","title":"Storm hits the coast","sentences":4,"story_sentences":4,"own_sentences":1,"overlaps":true,"boilerplate":[]}' ] &&
    [ "$(sed -n 3p "$tmp/out" | cut -d, -f1-3)" = '{"type":"document","id":7,"title":"Coast storm"' ] &&
    [ "$(sed -n 4p "$tmp/out" | cut -d, -f1-2)" = '{"type":"document","id":"other"' ] &&
    [ "$(wc -l <"$tmp/out")" -eq 4 ]; then
    pass "one pair, three documents in the input's order"
else
    bad "one pair, three documents in the input's order" "$tmp/out"
fi
if wd --overlap --jsonl -o "$tmp/o.jsonl" <"$tmp/three.jsonl" >"$tmp/out" && [ ! -s "$tmp/out" ] &&
    cmp -s "$tmp/o.jsonl" <(wd --overlap --jsonl <"$tmp/three.jsonl"); then
    pass "-o: the same lines in the file"
else
    bad "-o: the same lines in the file" "$tmp/o.jsonl"
fi
cp "$tmp/three.jsonl" "$tmp/keep.jsonl"
run "-o never replaces the input" 2 'three\.jsonl' --overlap --jsonl --force -o "$tmp/three.jsonl" <"$tmp/three.jsonl"
if cmp -s "$tmp/three.jsonl" "$tmp/keep.jsonl"; then pass "the input unchanged"; else bad "the input unchanged"; fi
printf '{"id":"p","html":"<html><head><title>Flood</title></head><body><article><h1>River floods town</h1><p>The river rose two metres overnight. Hundreds of people left their homes.</p></article></body></html>"}\n{"id":"t","text":"River floods town\\n\\nThe river rose two metres overnight. Hundreds of people left their homes."}\n' >"$tmp/page.jsonl"
run "html: a page's article" 0 '^\{"type":"pair","a":"p","b":"t","overlap":[0-9.]+,"same":2,' --overlap --jsonl <"$tmp/page.jsonl"
if wd --overlap --jsonl </dev/null >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then
    pass "no input: no lines"
else
    bad "no input: no lines" "$tmp/err"
fi

bad_line() { # NAME PATTERN LINES...
    local name=$1 pat=$2
    shift 2
    printf '%s\n' "$@" >"$tmp/bad.jsonl"
    run "$name" 2 "^wirediff: standard input: $pat" --overlap --jsonl <"$tmp/bad.jsonl"
}
bad_line "not JSON" 'line 2: ' '{"id":1,"text":"A."}' '{"id":2,text:"B."}'
bad_line "not an object" 'line 1: not a JSON object' '["id","text"]'
bad_line "no id" 'line 1: no "id"' '{"text":"A."}'
bad_line "an id of another type" 'line 1: no "id"' '{"id":1.5,"text":"A."}'
bad_line "an empty id" 'line 1: "id" is empty' '{"id":"","text":"A."}'
bad_line "no text" 'line 2: no "text" or "html" string' '{"id":1,"text":"A."}' '{"id":2,"title":"B"}'
bad_line "text not a string" 'line 1: no "text" string' '{"id":1,"text":3}'
bad_line "the same id twice" 'line 3: the id of line 1 again' '{"id":"a","text":"A."}' '{"id":"b","text":"B."}' '{"id":"a","text":"C."}'
bad_line "two values a line" 'line 1: ' '{"id":1,"text":"A."} {"id":2,"text":"B."}'
bad_line "cut short" 'line 1: the JSON value is cut short' '{"id":1,"text":"A.'
bad_line "a NUL in the text" 'line 1: "text" holds a NUL' '{"id":1,"text":"A\u0000B."}'
printf '{"id":1,"text":"caf\xe9"}\n' >"$tmp/bad.jsonl"
run "invalid UTF-8" 2 '^wirediff: standard input: line 1: not valid UTF-8' --overlap --jsonl <"$tmp/bad.jsonl"
run "--jsonl without --overlap" 2 '^wirediff: --jsonl goes with --overlap' --jsonl <"$tmp/three.jsonl"
run "--jsonl takes no files" 2 '^wirediff: --jsonl goes with --overlap' --overlap --jsonl "$tmp/three.jsonl"

# ---- sharding by a blocking key -------------------------------------------------
"$WDGEN" --seed 3 --corpus-jsonl 600 "$tmp/all.jsonl" || exit 99
wd --overlap --jsonl <"$tmp/all.jsonl" >"$tmp/single.jsonl" || bad "the single run"
# the blocking key: the story, as a number, modulo the shards
mkdir "$tmp/shards"
awk -v n=3 -v dir="$tmp/shards" '{
    match($0, /"story":"s[0-9]+"/)
    print > (dir "/" (substr($0, RSTART + 10, RLENGTH - 11) % n) ".jsonl")
}' "$tmp/all.jsonl"
# (the shards without the wrapper: the single run checked the same code)
W="$top_builddir/wirediff"
if command -v parallel >/dev/null; then
    how="GNU parallel"
    parallel --will-cite "'$W' --overlap --jsonl < {}" ::: "$tmp"/shards/*.jsonl >"$tmp/union.jsonl"
else
    how="one after the other (GNU parallel is not installed)"
    for s in "$tmp"/shards/*.jsonl; do "$W" --overlap --jsonl <"$s"; done >"$tmp/union.jsonl"
fi
# The union against the single run: the same documents; the same pairs
# (the single run's chance pairs across blocks, under 10%, aside); and
# their figures within a sentence (word weights are inverse document
# frequencies over the documents of a run, so a borderline sentence may
# match in one and not the other).
awk '
FNR == 1 { f++ }
/"type":"document"/ { match($0, /"id":"[^"]*"/); d[f, substr($0, RSTART, RLENGTH)]++; nd[f]++ }
/"type":"pair"/ {
    match($0, /"a":[^,]*,"b":[^,]*/); k = substr($0, RSTART, RLENGTH)
    match($0, /"overlap":[0-9.]*/); ov[f, k] = substr($0, RSTART + 10, RLENGTH - 10) + 0
    match($0, /"same":[0-9]*,"changed":[0-9]*,"moved":[0-9]*/)
    split(substr($0, RSTART, RLENGTH), q, /[:,]/); m[f, k] = q[2] + q[4] + q[6]; p[f, k] = 1; np[f]++
}
END {
    if (nd[1] != 600 || nd[2] != 600) { print "documents: " nd[1] " and " nd[2]; bad++ }
    for (fk in p) {
        split(fk, x, SUBSEP); k = x[2]
        if (x[1] == 1 && !((2, k) in p) && ov[1, k] >= 0.10) { print "missing " k; bad++ }
        if (x[1] == 2 && !((1, k) in p)) { print "extra " k; bad++ }
        if (x[1] == 2 && ((1, k) in p)) { dd = m[1, k] - m[2, k]; if (dd > 1 || dd < -1) { print "figures " k; bad++ } }
    }
    if (np[2] < 500) { print "only " np[2] " pairs"; bad++ }
    exit bad > 0
}' "$tmp/single.jsonl" "$tmp/union.jsonl" >"$tmp/cmp" 2>&1
if [ $? -eq 0 ]; then
    pass "the union of 3 shards by story ($how) is the single run"
else
    bad "the union of 3 shards by story ($how) is the single run" "$tmp/cmp"
fi

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
