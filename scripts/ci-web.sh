#!/usr/bin/env bash
# CI's web step: lint the web build, then build the page and test it in headless Chromium.
# Exit 0: passed. Exit 3: skipped, with the reason printed (a machine that cannot install
# the wasm32 target, Chromium or wasm-bindgen-cli). Anything else: a real failure (a lint,
# a build error, a failed browser check).
# Measured on a 2-core machine (BENCHMARKS.md): target 4 s, Chromium 1.5 min,
# wasm-bindgen-cli 3–17 min (5 min of CPU), release wasm build 7 min, browser test 16 s.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
skip() { echo "web step SKIPPED: $*"; exit 3; }

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown || skip "rustup could not add wasm32-unknown-unknown"

echo "-- clippy, wasm32-unknown-unknown (the web page)"
cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings || exit 1

if ! { command -v chromium && command -v chromedriver; } >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } \
        >/tmp/gradscape-apt.log 2>&1 || skip "apt-get could not install chromium (see /tmp/gradscape-apt.log)"
fi

want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [[ $(wasm-bindgen --version 2>/dev/null | awk '{print $2}') != "$want" ]]; then
    # Not --locked: the tool's own lock file names a since-yanked crate (webpki-roots 1.0.11).
    cargo install wasm-bindgen-cli --version "$want" ||
        skip "cargo install wasm-bindgen-cli --version $want failed"
fi

echo "-- build the web page (scripts/build-web.sh)"
bash scripts/build-web.sh dist/web || exit 1
echo "-- the page in headless Chromium (scripts/test_web.py)"
python3 scripts/test_web.py dist/web || exit 1
