#!/bin/sh
# Replay the fuzz targets (tests/fuzz) over their seed corpora and over the
# reproducers of every finding so far: tests/fuzz/corpus/fuzz_NAME and
# tests/fuzz/regress/fuzz_NAME, through tests/fuzz/replay_NAME (replay.c
# linked with the target, no libFuzzer needed).  A broken invariant or a
# sanitizer report aborts the replay and fails this test.
#
# Exit 0 all passed, 1 a replay failed, 99 hard error (Automake conventions).
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
F="$top_srcdir/tests/fuzz"

n=0
failed=0
for name in segment diff align export source conf versions overlap_jsonl; do
    prog="$top_builddir/tests/fuzz/replay_$name"
    if [ ! -x "$prog" ]; then
        echo "test_fuzz_replay: $prog not found (make check builds it)" >&2
        exit 99
    fi
    for set in corpus regress; do
        dir="$F/$set/fuzz_$name"
        [ -d "$dir" ] || continue
        n=$((n + 1))
        if out=$("$prog" "$dir" 2>&1); then
            echo "ok $n fuzz_$name $set: $out"
        else
            rc=$?
            failed=$((failed + 1))
            echo "not ok $n fuzz_$name $set (exit status $rc)"
            printf '%s\n' "$out" | tail -n 30 | sed 's/^/# /'
            [ "$rc" -eq 99 ] && exit 99
        fi
    done
done
[ "$n" -gt 0 ] || { echo "test_fuzz_replay: no corpus under $F" >&2; exit 99; }
[ "$failed" -eq 0 ] || exit 1
exit 0
