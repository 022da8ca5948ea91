#!/bin/bash
# The hardening checks of .ci/run, runnable alone: one clang build with AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage; the engine and CLI tests under it (zero
# reports: any report fails its test); then each fuzz target for a bounded time.
# Needs packaging/debian-deps.txt and packaging/debian-deps-hardening.txt installed.
# Usage: tests/hardening.sh [BUILD_DIR] [FUZZ_SECONDS_PER_TARGET]   (build-asan, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
seconds=${2:-60}
# test_stage (layer4 trained through autograd) is left out: a minute here, several under ASan.
engine_and_cli_tests=(test_model test_checkpoint test_preprocess test_classifier test_weights
  test_dataset test_dataset_edit test_training test_augment test_lr test_cli test_bad_inputs
  test_crash_safety)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DHEADSTART_SANITIZE=ON -DHEADSTART_FUZZ=ON
cmake --build "$build" --target headstart-cli "${engine_and_cli_tests[@]}" fuzz_checkpoint \
  fuzz_dataset fuzz_image
pattern="^(make_fixtures|$(IFS='|'; echo "${engine_and_cli_tests[*]}"))\$"
ctest --test-dir "$build" -R "$pattern" --output-on-failure
bash tests/fuzz/run.sh "$build" "$seconds"
