#!/usr/bin/env bash
# Fuzz smoke test: runs each cargo-fuzz target in fuzz/ briefly, starting from its committed
# seed corpus (fuzz/corpus/<target>/), and exits non-zero when any target crashes.
#
#   scripts/fuzz-smoke.sh                  # 20 s per target
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh # a real session
#   scripts/fuzz-smoke.sh expr             # one target
#
# Exit status: 0 clean, 1 a target crashed or hung, 3 cargo-fuzz could not be installed or
# the targets could not be built (nothing was fuzzed).
#
# Needs only the stable toolchain: cargo-fuzz's nightly flags are allowed with
# RUSTC_BOOTSTRAP=1. Installs cargo-fuzz when it is missing. New inputs the fuzzer finds go to
# a scratch directory, so the committed corpus is left as it is; a crashing input is kept in
# fuzz/artifacts/<target>/ (ignored by git) and its path printed.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${FUZZ_SECONDS:-20}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(scenario expr csv_log)
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --version 0.13.2 --locked || exit 3
fi

echo "== building the fuzz targets"
cargo fuzz build || exit 3

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${seconds}s"
    mkdir -p "$scratch/$t"
    # -timeout: an input that takes this long is reported as a hang (a crash).
    cargo fuzz run "$t" "$scratch/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=60 -dict="dict/$t.dict" \
        -print_final_stats=1 2>&1 | tee "$scratch/$t.log" \
        | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)|panicked|Test unit written'
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ]; then
        echo "!! $t failed (status $status); the last lines of its log:"
        tail -n 40 "$scratch/$t.log"
        failed+=("$t")
    fi
done

if [ ${#failed[@]} -ne 0 ]; then
    echo "FAILED: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "ok: ${targets[*]}"
