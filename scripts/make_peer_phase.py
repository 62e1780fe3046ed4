#!/usr/bin/env python3
"""Writes tests/fixtures/peer_phase/{heavy_ball,adam}_N.json from the peer itself.

Runs ../shared/peers/peer_phase.py (it needs numpy) with N cells per axis and keeps, for
each of its two maps, the whole grid of cells it computed (the first step below the
threshold, 0 = never, -1 = diverged; one row per value of the second parameter) and the
summary line it prints (reached, diverged, median steps). The grids are the peer's,
untouched: `tests/map.rs` compares Gradscape's map with them cell by cell.

    python3 scripts/make_peer_phase.py [N ...]     # default: 32 128
Environment: PEERS (default ../shared/peers next to the repository).
"""
import contextlib
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.environ.get("PEERS", os.path.join(ROOT, "..", "shared", "peers"))
PEER = os.path.join(PEERS, "peer_phase.py")
OUT = os.path.join(ROOT, "tests", "fixtures", "peer_phase")

# What the peer's docstring documents, for the reader of the fixture; the test builds
# its own scenario from the same facts.
GRIDS = {
    "heavy_ball": {"x": ["lr", 1e-5, 1e-2, "log"], "y": ["momentum", 0.0, 0.99, "lin"]},
    "adam": {"x": ["lr", 1e-4, 1e-1, "log"], "y": ["beta1", 0.0, 0.99, "lin"],
             "fixed": {"beta2": 0.999, "eps": 1e-8}},
}


def run_peer(n):
    """Executes the peer as a script with argument n; returns its namespace and output."""
    source = open(PEER).read()
    ns = {"__name__": "__main__", "__file__": PEER}
    argv, sys.argv = sys.argv, [PEER, str(n)]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, PEER, "exec"), ns)
    finally:
        sys.argv = argv
    return ns, out.getvalue()


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [32, 128]
    os.makedirs(OUT, exist_ok=True)
    for n in sizes:
        ns, printed = run_peer(n)
        lines = {l.split()[0]: l.split() for l in printed.splitlines() if l.strip()}
        for name in ("heavy_ball", "adam"):
            hit = ns[name]()  # the same function the peer timed, run once more
            grid = hit.reshape(n, n)  # rows: second parameter; columns: lr
            line = lines[f"phase_{name}_{n}"]
            doc = {
                "about": "Written by scripts/make_peer_phase.py from ../shared/peers/peer_phase.py; "
                         "do not edit. Rosenbrock a=1 b=100, start (-1.5, 2), 1000 steps, "
                         "threshold f < 1e-2, constant lr, no noise.",
                "optimizer": name,
                "cells_per_axis": n,
                "steps": int(ns["T"]),
                "threshold": float(ns["THR"]),
                "grid": GRIDS[name],
                "printed": " ".join(line[:1] + line[2:]),  # the time left out
                "summary": {"reached": int(line[2]), "diverged": int(line[3]),
                            "median_step": int(line[4])},
                "cells": grid.astype(int).tolist(),
            }
            path = os.path.join(OUT, f"{name}_{n}.json")
            with open(path, "w") as f:
                json.dump(doc, f, separators=(",", ":"))
                f.write("\n")
            print(path, " ".join(line))


if __name__ == "__main__":
    main()
