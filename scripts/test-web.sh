#!/usr/bin/env bash
# The web page in headless Chromium: builds the static folder (scripts/build-web.sh) unless
# a built one is given, then scripts/test_web.py serves it on localhost and drives Debian's
# chromium through chromedriver (see that file for the checks).
#   scripts/test-web.sh [BUILT_DIR] [--first-frame-runs N]
# Needs: apt-get install -y chromium chromium-driver; the wasm32 target and
# wasm-bindgen-cli (scripts/build-web.sh says which version).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null || {
        echo "test-web: $tool is not installed (apt-get install -y chromium chromium-driver)" >&2
        exit 3
    }
done
if [[ $# -gt 0 && $1 != --* ]]; then
    dir=$1
    shift
else
    dir=dist/web
    bash scripts/build-web.sh "$dir"
fi
python3 scripts/test_web.py "$dir" "$@"
