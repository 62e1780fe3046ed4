#!/usr/bin/env bash
# Builds the web page into a static folder (default: dist/web): index.html, the .wasm, the
# JS glue of `wasm-bindgen --target web`. Host the folder on any static file server.
#   scripts/build-web.sh [OUT_DIR]
# Needs the wasm32 target and wasm-bindgen-cli at the exact version of the `wasm-bindgen`
# crate in Cargo.lock (the script says how to install both). Nothing is downloaded while
# building but crates. `wasm-opt` (Debian's binaryen) shrinks the .wasm when installed;
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
if [[ ${GRADSCAPE_WASM_OPT:-1} != 0 ]] && command -v wasm-opt >/dev/null; then
    # The features rustc's wasm32 target uses by default; an older binaryen must be told.
    if wasm-opt -O2 --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
        --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
        "$wasm" -o "$wasm.opt" 2>"$OUT/wasm-opt.log"; then
        mv "$wasm.opt" "$wasm"
        rm -f "$OUT/wasm-opt.log"
    else
        echo "build-web: wasm-opt failed (see $OUT/wasm-opt.log); the .wasm is unoptimized" >&2
        rm -f "$wasm.opt"
    fi
fi
cp web/index.html "$OUT/"
echo "build-web: $OUT ($(du -k "$wasm" | cut -f1) KiB of wasm)"
