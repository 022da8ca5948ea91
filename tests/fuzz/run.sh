#!/bin/bash
# Runs each libFuzzer target for a bounded time from the seeds the fixture step wrote (plus the
# bad-input corpus), and fails on the first finding. Findings are left in $out/<target>/ as
# crash-*, leak-*, timeout-* or oom-* files: reproduce one with `BUILD/tests/fuzz/<target> FILE`
# and keep it as a regression test.
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [OUT_DIR]
set -euo pipefail
build=$(cd "$1" && pwd)  # absolute: each target runs in its own folder
seconds=${2:-60}
out=${3:-$build/fuzz-runs}
mkdir -p "$out"
out=$(cd "$out" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bad=$here/../data/bad
seeds=$build/tests/fixtures/fuzz
export LSAN_OPTIONS="suppressions=$here/../lsan.supp:print_suppressions=0"
[ -d "$seeds" ] || { echo "fuzz: no seeds in $seeds; run the tests (ctest -R make_fixtures) first" >&2; exit 2; }

declare -A extra=([checkpoint]="$bad/checkpoints $bad/heads" [image]="$bad/images" [format]="$bad/format")
total=0
for kind in checkpoint image format; do
  case $kind in
    checkpoint) target=fuzz_checkpoint ;;
    image) target=fuzz_image ;;
    format) target=fuzz_dataset ;;
  esac
  work=$out/$target
  mkdir -p "$work/corpus"
  log=$work/log.txt
  # Two passes. First the search, for crashes, sanitizer reports and stray exceptions, with
  # leak checks off: they need full unwinding through libtorch (built without frame pointers)
  # for lsan.supp to match, which is ten times slower. Then every input the search kept, once,
  # with leak checks on. -timeout: one input may take at most 10 s; -rss_limit_mb: a runaway
  # allocation is a finding; 1 MiB inputs leave room for images with real structure.
  if ! (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=1048576 \
        -print_final_stats=1 corpus "$here/regressions/$target" "$seeds/$kind" ${extra[$kind]} \
        >"$log" 2>&1) ||
     ! (cd "$work" && ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
        "$build/tests/fuzz/$target" -runs=0 -timeout=30 -rss_limit_mb=3072 corpus \
        >"$work/leaks.txt" 2>&1); then
    tail -n 60 "$log" >&2 || true
    [ ! -f "$work/leaks.txt" ] || tail -n 60 "$work/leaks.txt" >&2 || true
    echo "fuzz: $target found a problem; see $work" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  total=$((total + runs))
  echo "fuzz: $target: $runs executions in ${seconds} s, nothing found ($(ls "$work/corpus" | wc -l) inputs in its corpus)"
done
echo "fuzz: $total executions in all, nothing found"
