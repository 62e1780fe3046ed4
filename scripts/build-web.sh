#!/usr/bin/env bash
# Builds the web page into a static folder (default: dist/web): index.html, the .wasm, the
# JS glue of `wasm-bindgen --target web`. Host the folder on any static file server.
#   scripts/build-web.sh [OUT_DIR]
# Needs the wasm32 target and wasm-bindgen-cli at the exact version of the `wasm-bindgen`
# crate in Cargo.lock (the script says how to install both). Nothing is downloaded while
# building but crates. `wasm-opt` (binaryen 116 or newer) shrinks the .wasm when installed;
# GRADSCAPE_WASM_OPT=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-dist/web}
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "build-web: the wasm32 target is missing: rustup target add wasm32-unknown-unknown" >&2
    exit 2
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ $have != "$want" ]]; then
    echo "build-web: wasm-bindgen-cli $want is needed (found: ${have:-none}):" \
         "cargo install wasm-bindgen-cli --version $want" >&2
    exit 2
fi
export CARGO_INCREMENTAL=0
cargo build --locked --release --target wasm32-unknown-unknown --bin gradscape
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name gradscape \
    target/wasm32-unknown-unknown/release/gradscape.wasm
wasm="$OUT/gradscape_bg.wasm"
# wasm-opt shrinks the .wasm by about a sixth. Binaryen before version 116 (Debian
# bookworm has 108) breaks wasm-bindgen's function table ("WebAssembly.Table.set():
# Argument 1 is invalid") and is skipped.
opt_version=$(wasm-opt --version 2>/dev/null | awk '{print $3}' || true)
if [[ ${GRADSCAPE_WASM_OPT:-1} == 0 ]]; then
    echo "build-web: wasm-opt skipped (GRADSCAPE_WASM_OPT=0)"
elif [[ -z $opt_version ]]; then
    echo "build-web: wasm-opt not installed; the .wasm is unoptimized"
elif (( ${opt_version%%.*} < 116 )); then
    echo "build-web: wasm-opt $opt_version is too old (116 or newer is needed); the .wasm is unoptimized"
elif wasm-opt -O2 --all-features "$wasm" -o "$wasm.opt" 2>"$OUT/wasm-opt.log"; then
    mv "$wasm.opt" "$wasm"
    rm -f "$OUT/wasm-opt.log"
else
    echo "build-web: wasm-opt failed (see $OUT/wasm-opt.log); the .wasm is unoptimized" >&2
    rm -f "$wasm.opt"
fi
cp web/index.html "$OUT/"
echo "build-web: $OUT ($(du -k "$wasm" | cut -f1) KiB of wasm)"
