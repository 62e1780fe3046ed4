#!/usr/bin/env bash
# Time from process start to the first frame on screen: the release build, the default
# scenario, a fresh home (a first launch), under Xvfb. Prints each run and the median, in ms.
#   scripts/first-frame.sh [BINARY] [RUNS]
# The app prints the wall-clock time when its first frame has been presented
# (GRADSCAPE_FIRST_FRAME_PROBE) and quits; the script takes the time just before exec.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/gradscape}
RUNS=${2:-7}
command -v Xvfb >/dev/null || { echo "first-frame: Xvfb is not installed (apt-get install xvfb)" >&2; exit 3; }
[[ -x $BIN ]] || { echo "first-frame: no $BIN (cargo build --release)" >&2; exit 2; }
disp=:$((500 + RANDOM % 400))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 1
home=$(mktemp -d)
times=()
for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$home"/.config "$home"/.local
    start=$(date +%s%N)
    out=$(HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
        DISPLAY=$disp GRADSCAPE_FIRST_FRAME_PROBE=1 timeout 30 "$BIN" 2>/dev/null || true)
    shown=$(printf '%s\n' "$out" | awk '/^first-frame-unix-ns/ {print $2}')
    [[ -n $shown ]] || { echo "first-frame: run $i printed no probe line" >&2; exit 1; }
    ms=$(awk -v a="$start" -v b="$shown" 'BEGIN {printf "%.1f", (b - a) / 1e6}')
    echo "run $i: $ms ms"
    times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "median first frame: %s ms over %d runs\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), NR}'
