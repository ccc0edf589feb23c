#!/usr/bin/env bash
# Builds and runs every test: the GoogleTest suite (unit, golden, CLI end to end),
# then each libFuzzer target for a short run (FUZZ_SECONDS each, default 10; 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)")
unit=$(cd build && ctest -N | sed -n 's/^Total Tests: //p')
fuzzed=0
FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
if [ "$FUZZ_SECONDS" -gt 0 ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DISNAD_BUILD_FUZZ=ON -DISNAD_BUILD_TESTS=OFF \
    -DISNAD_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build-fuzz
  # Per target: the longest input (deep nesting and the quadratic shapes need room) and
  # the time one input may take before libFuzzer flags it as a hang (-timeout).
  for spec in normalizer:4096 extract:4096 jsonl:16384 manifest:8192 zstd:8192 html:65536 document:65536 writer:4096; do
    t=${spec%%:*}; len=${spec##*:}
    work=$(mktemp -d)
    echo "fuzz_$t: ${FUZZ_SECONDS}s (max_len $len)" >&2
    build-fuzz/fuzz_$t -max_total_time="$FUZZ_SECONDS" -max_len="$len" -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=0 "$work" "fuzz/corpus/$t" 2>"$work.log" || { tail -n 40 "$work.log"; exit 1; }
    grep -E "^Done" "$work.log" >&2 || true
    rm -rf "$work" "$work.log"
    fuzzed=$((fuzzed + 1))
  done
fi
echo "$((unit + fuzzed)) passed, 0 failed"
