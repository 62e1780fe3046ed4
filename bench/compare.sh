#!/usr/bin/env bash
# Gradscape against the peer programs in ../shared/peers, in ONE run on one machine:
# absolute times on a shared machine are noise, ratios taken minutes apart are too.
#
#   bench/compare.sh            # everything (about 3 minutes on 2 cores)
#   ROUNDS=5 RENDER_N=9 bench/compare.sh
#   MAP_ONLY=1 bench/compare.sh # only section 7, the hyperparameter maps (needs numpy only)
#   SCALE_ONLY=1 bench/compare.sh # only section 9, the app at scale (issue 16; no peers)
#
# Environment: PEERS (default ../shared/peers), PEER_PY (default ~/.peers-venv/bin/python),
# ROUNDS (kernel rounds, ours/peer alternating; default 5), KERNEL_REPEATS (median of N
# inside each of our rounds; default 31), RENDER_N (whole-process renders each, alternating;
# default 7), FRAMES (app frames; default 300), GIF_FRAMES (default 300), MAP_N (whole-process
# `gradscape map` runs per map, alternating with peer_phase.py runs; default 5), SKIP_BUILD=1.
# Peers are skipped, with a message, when the folder or the venv is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PEERS=${PEERS:-$ROOT/../shared/peers}
PEER_PY=${PEER_PY:-$HOME/.peers-venv/bin/python}
ROUNDS=${ROUNDS:-5}
KERNEL_REPEATS=${KERNEL_REPEATS:-31}
RENDER_N=${RENDER_N:-7}
FRAMES=${FRAMES:-300}
GIF_FRAMES=${GIF_FRAMES:-300}
TIME=/usr/bin/time
MAP_N=${MAP_N:-5}
MAP_ONLY=${MAP_ONLY:-0}
SCALE_ONLY=${SCALE_ONLY:-0}
SCALE_STEPS=${SCALE_STEPS:-1000000}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gradscape-compare.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

say() { printf '%s\n' "$*" >&2; }

have_phase_peer=1
if [[ ! -f $PEERS/peer_phase.py ]] || [[ ! -x $PEER_PY ]] || ! "$PEER_PY" -c 'import numpy' 2>/dev/null; then
    say "note: no peer_phase.py or no numpy for $PEER_PY: the map peer column is skipped"
    have_phase_peer=0
fi

have_peers=1
if [[ ! -f $PEERS/peer_kernels.py || ! -f $PEERS/peer_render.py ]]; then
    say "note: no peer programs in $PEERS: peer columns skipped"
    have_peers=0
elif [[ ! -x $PEER_PY ]] || ! "$PEER_PY" -c 'import numpy, matplotlib, contourpy' 2>/dev/null; then
    say "note: $PEER_PY lacks numpy/matplotlib/contourpy (see $PEERS/README.md): peer columns skipped"
    have_peers=0
fi

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    if [[ $MAP_ONLY == 1 ]]; then
        say "== cargo build --release --bin gradscape"
        cargo build --release --bin gradscape >&2
    else
        say "== cargo build --release --examples --bins"
        cargo build --release --examples --bins >&2
    fi
fi
BIN=$ROOT/target/release/gradscape
KERNELS=$ROOT/target/release/examples/kernels
APP=$ROOT/target/release/examples/bench_app
RECOMPUTE=$ROOT/target/release/examples/measure_recompute

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
row() { # name ours_s peer_s target_ratio
    awk -v n="$1" -v o="$2" -v p="$3" -v t="$4" 'BEGIN {
        if (p == "" || p == "nan") { printf "| %-36s | %10.3f ms | %13s | %8s | >= %3dx | %-4s |\n", n, o*1e3, "-", "-", t, "-"; exit }
        r = p / o; printf "| %-36s | %10.3f ms | %10.3f ms | %7.1fx | >= %3dx | %-4s |\n", n, o*1e3, p*1e3, r, t, (r >= t ? "PASS" : "MISS") }'
}
p99() { sort -g | awk '{a[NR]=$1} END {i=int((NR-1)*0.99+0.5)+1; print a[i]}'; }

LOAD_BEFORE=$(cat /proc/loadavg)
say "== load before: $LOAD_BEFORE"

# --- 7: hyperparameter maps (issue 15): peer_phase.py's two 128x128 grids, whole-process
# `gradscape map` (start-up, the map, JSON out) against the peer's own in-process time
# (its median of 3, numpy import excluded), alternating. The counts are printed beside.
# Times come from bash's $EPOCHREALTIME (no `date` process around a 15 ms run). ---
map_section() {
    cat >"$TMP/phase_hb.json" <<'JSON'
{"surface": {"kind": "rosenbrock", "a": 1.0, "b": 100.0}, "start": [-1.5, 2.0], "steps": 1000,
 "optimizers": [{"kind": "heavy_ball", "lr": 0.001, "momentum": 0.9}]}
JSON
    cat >"$TMP/phase_adam.json" <<'JSON'
{"surface": {"kind": "rosenbrock", "a": 1.0, "b": 100.0}, "start": [-1.5, 2.0], "steps": 1000,
 "optimizers": [{"kind": "adam", "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}]}
JSON
    : >"$TMP/map_hb.txt"
    : >"$TMP/map_adam.txt"
    : >"$TMP/phase_peer.txt"
    for ((i = 1; i <= MAP_N; i++)); do
        say "== map $i/$MAP_N"
        t0=$EPOCHREALTIME
        "$BIN" map "$TMP/phase_hb.json" --x lr:1e-5:1e-2:log --y momentum:0:0.99 --cells 128 \
            --threshold 1e-2 >"$TMP/map_hb.out"
        t1=$EPOCHREALTIME
        echo "$t1 - $t0" | bc -l >>"$TMP/map_hb.txt"
        t0=$EPOCHREALTIME
        "$BIN" map "$TMP/phase_adam.json" --x lr:1e-4:1e-1:log --y beta1:0:0.99 --cells 128 \
            --threshold 1e-2 >"$TMP/map_adam.out"
        t1=$EPOCHREALTIME
        echo "$t1 - $t0" | bc -l >>"$TMP/map_adam.txt"
        if ((have_phase_peer)); then "$PEER_PY" "$PEERS/peer_phase.py" 128 >>"$TMP/phase_peer.txt"; fi
    done
}
map_counts() { # file.out -> "reached diverged median"
    python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["summary"]; print(s["reached"], s["diverged"], s["median_step"])' "$1"
}
map_table() {
    local p_hb p_adam
    p_hb=$(awk '$1=="phase_heavy_ball_128" {print $2}' "$TMP/phase_peer.txt" | median)
    p_adam=$(awk '$1=="phase_adam_128" {print $2}' "$TMP/phase_peer.txt" | median)
    row "7 map heavy-ball, whole process" "$(median <"$TMP/map_hb.txt")" "$p_hb" 20
    row "  map Adam, whole process" "$(median <"$TMP/map_adam.txt")" "$p_adam" 20
    # The same maps timed in process, as the peer times its own (no process start, no JSON).
    row "  map heavy-ball, in process" "$(k_ours phase_heavy_ball_128)" "$p_hb" 20
    row "  map Adam, in process" "$(k_ours phase_adam_128)" "$p_adam" 20
    echo
    echo "map counts (reached diverged median): heavy-ball ours $(map_counts "$TMP/map_hb.out"), peer $(awk '$1=="phase_heavy_ball_128" {print $3, $4, $5; exit}' "$TMP/phase_peer.txt");" \
        "Adam ours $(map_counts "$TMP/map_adam.out"), peer $(awk '$1=="phase_adam_128" {print $3, $4, $5; exit}' "$TMP/phase_peer.txt")"
}

# --- 9: the app at scale (issue 16), in its own section: frames at rest with 3 × 10⁶
# revealed points (2-D and 3-D), an lr slider dragged with 6 optimizers × 100 000 and
# × 5000 steps (frames paced at 60 Hz; thread CPU time), and one recompute of a 10⁶-step
# scenario, runs + diagnosis (median of 3 rounds). ---
scale_section() {
    say "== bench_app $FRAMES 100000 (slider drag, 6 optimizers × 100 000 steps)"
    SCALE_DRAG_BIG=$("$APP" "$FRAMES" 100000)
    say "$SCALE_DRAG_BIG"
    say "== bench_app $FRAMES 5000 (slider drag, 6 optimizers × 5000 steps, paced)"
    SCALE_DRAG_SMALL=$("$APP" "$FRAMES" 5000)
    say "$SCALE_DRAG_SMALL"
    say "== measure_recompute $SCALE_STEPS (3 optimizers: recompute, frames at rest)"
    SCALE_RECOMPUTE=$("$RECOMPUTE" "$SCALE_STEPS")
    say "$SCALE_RECOMPUTE"
}
scale_table() {
    local med p99 rec
    med() { sed -n 's/.*median \([0-9.]*\).*/\1/p' <<<"$1" | head -1; }
    p99() { sed -n 's/.* p99 \([0-9.]*\).*/\1/p' <<<"$1" | head -1; }
    frames_row() { # name output budget
        awk -v n="$1" -v m="$(med "$2")" -v p="$(p99 "$2")" -v b="$3" 'BEGIN {
            printf "| %-44s | %8.2f ms | %8.2f ms | <= %3d ms | %-4s |\n", n, m, p, b, (p <= b ? "PASS" : "MISS") }'
    }
    echo "| measure (CPU per frame, UI thread)           |      median |         p99 | target    | ok   |"
    echo "|----------------------------------------------|-------------|-------------|-----------|------|"
    frames_row "9 at rest, 3x10^6 points, 2-D" "$(grep 'at rest 2-D' <<<"$SCALE_RECOMPUTE")" 8
    frames_row "  at rest, 3x10^6 points, 3-D" "$(grep 'at rest 3-D' <<<"$SCALE_RECOMPUTE")" 8
    frames_row "  lr drag, 6x100000 steps" "$(grep 'frame CPU' <<<"$SCALE_DRAG_BIG")" 16
    frames_row "  lr drag, 6x5000 steps (paced)" "$(grep 'frame CPU' <<<"$SCALE_DRAG_SMALL")" 8
    rec=$(sed -n 's/.*total \([0-9.]*\) ms.*/\1/p' <<<"$SCALE_RECOMPUTE" | median)
    awk -v r="$rec" -v s="$SCALE_STEPS" 'BEGIN {
        printf "| %-44s | %8.1f ms (wall, median of 3) | <= 150 ms | %-4s |\n", "  recompute 3x" s " steps, runs + diagnosis", r, (r <= 150 ? "PASS" : "MISS") }'
    rec=$(sed -n 's/^worker round.*change → result \([0-9.]*\) ms.*/\1/p' <<<"$SCALE_RECOMPUTE" | median)
    awk -v r="$rec" -v s="$SCALE_STEPS" 'BEGIN {
        printf "| %-44s | %8.1f ms (wall, median of 3) | <= 150 ms | %-4s |\n", "  app: change -> result, 3x" s " steps", r, (r <= 150 ? "PASS" : "MISS") }'
    echo
    echo "recompute rounds (wall and CPU time of all threads; the app's worker, change to result):"
    grep -E '^(round|worker round)' <<<"$SCALE_RECOMPUTE"
}
if [[ $SCALE_ONLY == 1 ]]; then
    scale_section
    LOAD_AFTER=$(cat /proc/loadavg)
    echo
    echo "gradscape at scale — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
    echo "load average (1/5/15 min) before: $(cut -d' ' -f1-3 <<<"$LOAD_BEFORE"), after: $(cut -d' ' -f1-3 <<<"$LOAD_AFTER")"
    echo
    scale_table
    exit 0
fi

header() {
    echo
    echo "gradscape vs peers — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'))"
    echo "load average (1/5/15 min) before: $(cut -d' ' -f1-3 <<<"$LOAD_BEFORE"), after: $(cut -d' ' -f1-3 <<<"$LOAD_AFTER")"
}
if [[ $MAP_ONLY == 1 ]]; then
    map_section
    LOAD_AFTER=$(cat /proc/loadavg)
    header
    echo "maps: ours whole-process, median of $MAP_N; peer: median over $MAP_N runs of its in-process median of 3"
    echo
    echo "| measure                              |          ours |          peer |    ratio | target  | ok   |"
    echo "|--------------------------------------|---------------|---------------|----------|---------|------|"
    map_table
    exit 0
fi

# --- 1-3: in-process kernels, ours and the peer's alternating, ROUNDS times each. ---
: >"$TMP/ours.txt"
: >"$TMP/peer.txt"
for ((r = 1; r <= ROUNDS; r++)); do
    say "== kernels round $r/$ROUNDS"
    "$KERNELS" "$KERNEL_REPEATS" >>"$TMP/ours.txt"
    if ((have_peers)); then "$PEER_PY" "$PEERS/peer_kernels.py" >>"$TMP/peer.txt"; fi
done
k_ours() { awk -v n="$1" '$1==n {print $2}' "$TMP/ours.txt" | median; }
k_peer() { awk -v n="$1" '$1==n {print $2}' "$TMP/peer.txt" | median; }

# --- 4: whole-process render to PNG, ours and peer_render.py alternating. ---
: >"$TMP/render_ours.txt"
: >"$TMP/render_peer.txt"
for ((i = 1; i <= RENDER_N; i++)); do
    say "== render $i/$RENDER_N"
    t0=$(now)
    "$BIN" render --preset rosenbrock --out "$TMP/x.png" --size 1280x800 >/dev/null
    t1=$(now)
    echo "$t1 - $t0" | bc -l >>"$TMP/render_ours.txt"
    if ((have_peers)); then
        t0=$(now)
        "$PEER_PY" "$PEERS/peer_render.py" "$TMP/p.png" >/dev/null
        t1=$(now)
        echo "$t1 - $t0" | bc -l >>"$TMP/render_peer.txt"
    fi
done

# --- 5-6: the app's drag loop (frame CPU times; its peak RSS) and a 300-frame GIF. ---
say "== bench_app $FRAMES (slider drag, 6 optimizers × 5000 steps)"
APP_OUT=$("$TIME" -v -o "$TMP/app.time" "$APP" "$FRAMES")
say "$APP_OUT"
app_med=$(sed -n 's/.*median \([0-9.]*\).*/\1/p' <<<"$APP_OUT")
app_p99=$(sed -n 's/.* p99 \([0-9.]*\).*/\1/p' <<<"$APP_OUT")
app_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/app.time")

say "== render GIF, $GIF_FRAMES frames, 1280x800"
t0=$(now)
"$TIME" -v -o "$TMP/gif.time" "$BIN" render --preset rosenbrock --out "$TMP/x.gif" \
    --size 1280x800 --frames "$GIF_FRAMES" >/dev/null 2>&1
t1=$(now)
gif_s=$(echo "$t1 - $t0" | bc -l)
gif_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/gif.time")

# --- 8: time from process start to the first frame on screen (Xvfb; skipped without it). ---
first_frame=""
if command -v Xvfb >/dev/null; then
    say "== first frame (release build, default scenario, first launch, Xvfb)"
    FF_OUT=$(scripts/first-frame.sh "$BIN" "${FIRST_FRAME_RUNS:-7}" || true)
    say "$FF_OUT"
    first_frame=$(sed -n 's/^median first frame: \([0-9.]*\) ms.*/\1/p' <<<"$FF_OUT")
else
    say "note: no Xvfb: first-frame time skipped"
fi
map_section
scale_section

LOAD_AFTER=$(cat /proc/loadavg)

# --- The table. ---
header
echo "kernels: median over $ROUNDS alternating rounds (ours: median of $KERNEL_REPEATS each; peer: its median of 5); renders: median of $RENDER_N alternating"
echo "heat maps: ours written into the previous call's buffers, as the window reuses the heat map it replaces (numpy does not zero its arrays either); 'fresh buffers': new, zeroed ones each call"
echo
echo "| measure                              |          ours |          peer |    ratio | target  | ok   |"
echo "|--------------------------------------|---------------|---------------|----------|---------|------|"
row "1 Adam on Rosenbrock, 10k steps" "$(k_ours adam_10k_steps)" "$(k_peer adam_10k_steps_numpy)" 500
row "2 heatmap RGBA 1024x1024" "$(k_ours heatmap_rgba_1024)" "$(k_peer heatmap_rgba_1024)" 10
row "  heatmap RGBA 512x512" "$(k_ours heatmap_rgba_512)" "$(k_peer heatmap_rgba_512)" 10
row "  heatmap 1024x1024, fresh buffers" "$(k_ours heatmap_rgba_fresh_1024)" "$(k_peer heatmap_rgba_1024)" 10
row "3 20 contour levels 1024x1024" "$(k_ours contours20_1024)" "$(k_peer contours20_1024)" 3
row "  20 contour levels 512x512" "$(k_ours contours20_512)" "$(k_peer contours20_512)" 3
row "4 whole-process render PNG 1280x800" "$(median <"$TMP/render_ours.txt")" "$(median <"$TMP/render_peer.txt")" 20
awk -v m="$app_med" -v p="$app_p99" 'BEGIN {
    printf "| %-36s | median %.2f ms, p99 %.2f ms (CPU per frame) | < 16 ms | %-4s |\n", "5 app frame, slider drag, 6x5000", m, p, (m < 16 && p < 16 ? "PASS" : "MISS") }'
if [[ -n $first_frame ]]; then
    awk -v f="$first_frame" 'BEGIN {
        printf "| %-36s | median %.0f ms | | | < 400 ms | %-4s |\n", "8 first frame (process start)", f, (f < 400 ? "PASS" : "MISS") }'
fi
awk -v a="$app_rss" -v g="$gif_rss" -v s="$gif_s" -v n="$GIF_FRAMES" 'BEGIN {
    printf "| %-36s | %.0f MB (max RSS) | | | reported | |\n", "6 peak RSS, app drag loop", a/1024
    printf "| %-36s | %.0f MB (max RSS; took %.1f s) | | | reported | |\n", "6 peak RSS, " n "-frame GIF 1280x800", g/1024, s }'
map_table
echo
scale_table
