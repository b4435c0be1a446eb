#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, one after another (one core stays free), and
# prints the executions and crashes of each. Exits non-zero when a target crashed; the
# input that crashed it is in fuzz/artifacts/<target>/ and belongs in a regression test.
#
# Works on the stable toolchain: `-s none` builds without a sanitizer, which is the part of
# cargo-fuzz that needs nightly. With a nightly toolchain installed, it is used.
set -euo pipefail
seconds=${1:?usage: fuzz/run.sh SECONDS}
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
toolchain=()
if cargo +nightly --version >/dev/null 2>&1; then
  toolchain=(+nightly)
fi
failed=0
for target in $(cargo fuzz list); do
  mkdir -p "artifacts/$target"
  before=$(find "artifacts/$target" -type f | wc -l)
  log="target/run-$target.log"
  mkdir -p target
  status=0
  cargo "${toolchain[@]}" fuzz run -s none -O "$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=$(( $(find "artifacts/$target" -type f | wc -l) - before ))
  echo "$target: ${runs:-?} executions, $crashes crashes (exit $status, log fuzz/$log)"
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
  fi
done
exit "$failed"
