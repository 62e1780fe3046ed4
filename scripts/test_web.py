#!/usr/bin/env python3
"""The web page in a real browser: serves a built folder (scripts/build-web.sh) on
localhost and drives Debian's headless Chromium through chromedriver's WebDriver HTTP
interface (standard library only). Checks, each printed as it passes:

  * the page starts without console errors;
  * the canvas shows the landscape: a screenshot with many distinct colours;
  * a scenario passed in the URL fragment (#s=, made here with Python's zlib and base64,
    as any tool would) is the one shown, in the language the fragment asks for;
  * a click on Play advances the playhead;
  * Save (Ctrl+S) is a download named scenario.json holding the scenario;
  * a scenario file dropped on the page opens;
  * File ▸ Open through the page's file input (WebDriver gives it a file) opens it, and
    File ▸ Open training log reads a Keras CSV; a TensorBoard event file dropped on the page
    and an MLflow run's metric files chosen together are read; a dropped folder says which
    files to give instead;
  * every File ▸ Export (PNG, SVG, GIF, CSV, JSON, PyTorch) is a download named after the
    scenario's file, with the right contents (magic bytes, parsed JSON, rows);
  * a damaged fragment shows an error and the default scenario, without a panic;
  * projector mode from the fragment;
  * a long scenario (3 × 10⁶ steps, computed in slices across frames) arrives, the
    playhead at its end, the page having painted a new progress in several frames before.

Prints "N passed, N failed" last; exit status 0 only when all passed.
  scripts/test_web.py DIST_DIR [--first-frame-runs N] [--frame-gaps N]

--first-frame-runs N measures the time to first frame over N fresh loads; --frame-gaps N
measures, over N loads of the long scenario, the longest gap between painted frames
(requestAnimationFrame) and the longest task (PerformanceObserver "longtask") while it is
computed. Both print figures for BENCHMARKS.md; neither is a check.
"""

import base64
import functools
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# How long the page may take to show its first frames (software WebGL on a busy 2-core
# machine, a 10 MB .wasm compiled on the spot).
START_TIMEOUT = 120.0

# The scenario the link carries: not the default one, long enough to play for seconds.
LINKED = {
    "surface": {"kind": "himmelblau"},
    "start": [-0.3, -0.8],
    "steps": 3000,
    "optimizers": [
        {"kind": "adam", "lr": 0.05, "label": "Adam from a link"},
        {"kind": "sgd", "lr": 0.01},
    ],
}


def fragment_of(scenario):
    """#s= + raw deflate + base64url without padding, as SPEC'd for links."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(json.dumps(scenario).encode()) + c.flush()
    return "s=" + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# Logs the page is given: a TensorBoard event file, an MLflow run's metric files.
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "fixtures", "logs")
TB_FIXTURE = os.path.join(FIXTURES, "tensorboard", "simple", "events.out.tfevents.1795943934.vm.14301.0.fixture")
MLFLOW_METRICS = os.path.join(FIXTURES, "mlflow", "mlruns", "0", "6f1c2a", "metrics")

# A long scenario: 3 optimizers × 10⁶ steps, more than a frame may compute.
LONG = dict(
    LINKED,
    steps=1000000,
    optimizers=LINKED["optimizers"] + [{"kind": "momentum", "lr": 0.01}],
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
    }

    def log_message(self, *args):
        pass


class WebDriver:
    """The few WebDriver commands the test needs, over plain HTTP."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"WebDriver {method} {path}: {e.read()[:400]!r}") from None

    def start(self, profile):
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": [
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-dev-shm-usage",
                            # Software WebGL (SwiftShader): there is no GPU.
                            "--use-angle=swiftshader",
                            "--enable-unsafe-swiftshader",
                            "--window-size=1280,800",
                            "--lang=en-US",
                            f"--user-data-dir={profile}",
                        ],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        self.session = self.call("POST", "/session", caps, timeout=120)["sessionId"]

    def s(self, path):
        return f"/session/{self.session}{path}"

    def go(self, url):
        self.call("POST", self.s("/url"), {"url": url}, timeout=120)

    def js(self, script, *args):
        return self.call("POST", self.s("/execute/sync"), {"script": script, "args": list(args)})

    def click(self, x, y):
        actions = [
            {"type": "pointerMove", "duration": 0, "x": int(x), "y": int(y), "origin": "viewport"},
            {"type": "pointerDown", "button": 0},
            {"type": "pause", "duration": 80},
            {"type": "pointerUp", "button": 0},
        ]
        self.call(
            "POST",
            self.s("/actions"),
            {
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "parameters": {"pointerType": "mouse"},
                        "actions": actions,
                    }
                ]
            },
        )

    def give_file(self, css, path):
        """Gives the file at `path` to the `<input type=file>` matching `css`, as a user
        choosing it in the browser's file chooser would."""
        found = self.call("POST", self.s("/element"), {"using": "css selector", "value": css})
        element = next(iter(found.values()))
        self.call("POST", self.s(f"/element/{element}/value"), {"text": path})

    def screenshot(self):
        return base64.b64decode(self.call("GET", self.s("/screenshot")))

    def browser_log(self):
        try:
            return self.call("POST", self.s("/se/log"), {"type": "browser"}) or []
        except RuntimeError:
            return []

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", self.s(""), timeout=20)
            except Exception:  # noqa: BLE001 - closing is best effort
                pass


def png_colours(png):
    """Distinct RGB colours of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        for x in range(0, stride, bpp):
            colours.add(bytes(line[x : x + 3]))
        prev = line
    return colours


def cdp_downloads(wd, folder):
    """Lets the page download into `folder` without asking."""
    wd.call(
        "POST",
        wd.s("/goog/cdp/execute"),
        {"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": folder}},
    )


def canvas_attr(wd, name):
    return wd.js(
        "const c = document.getElementById('gradscape_canvas');"
        "return c ? c.getAttribute(arguments[0]) : null;",
        name,
    )


def marks(wd):
    """The named controls the page shows (data-marks): name → (x0, y0, x1, y1)."""
    out = {}
    for item in (canvas_attr(wd, "data-marks") or "").split(";"):
        if ":" in item:
            name, rect = item.split(":", 1)
            out[name] = [float(v) for v in rect.split(",")]
    return out


def click_mark(wd, name, timeout=20.0):
    """Clicks the middle of the control `name` once the page shows it."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r = marks(wd).get(name)
        if r:
            wd.click((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)
            return
        time.sleep(0.1)
    raise AssertionError(f"no {name} on screen (shown: {sorted(marks(wd))})")


def wait_attr(wd, name, ok, timeout=30.0):
    """Waits until ok(the canvas's attribute `name`); returns it."""
    end = time.monotonic() + timeout
    value = None
    while time.monotonic() < end:
        value = canvas_attr(wd, name)
        if ok(value):
            return value
        time.sleep(0.1)
    raise AssertionError(f"{name} stayed {value!r}")


def wait_download(folder, name, timeout=120.0):
    """The bytes of the download `name` once Chromium has finished writing it."""
    path = os.path.join(folder, name)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if os.path.exists(path) and not any(f.endswith(".crdownload") for f in os.listdir(folder)):
            time.sleep(0.2)
            with open(path, "rb") as f:
                return f.read()
        time.sleep(0.2)
    raise AssertionError(f"no {name} among the downloads {os.listdir(folder)}")


def wait_started(wd, timeout=START_TIMEOUT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if canvas_attr(wd, "data-first-frame-ms") is not None:
            return True
        failed = wd.js("const l = document.getElementById('loading'); return l ? l.textContent : null;")
        if failed and "could not start" in failed:
            raise AssertionError(failed)
        time.sleep(0.25)
    raise AssertionError(f"no first frame within {timeout:.0f} s")


# Installed before the page's own scripts (CDP): every gap between animation frames and
# every long task, with their times, so those after the first frame can be picked out.
GAP_PROBE = """
window.gradscapeGaps = {frames: [], tasks: []};
const g = window.gradscapeGaps;
let last = null;
function tick(t) {
  if (last !== null) g.frames.push([t, t - last]);
  last = t;
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
new PerformanceObserver(list => {
  for (const e of list.getEntries()) g.tasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
// When the canvas said it was computing (data-updating), and when it stopped.
g.updating = [];
new MutationObserver(ms => {
  for (const m of ms) g.updating.push([performance.now(), m.target.getAttribute("data-updating")]);
}).observe(document.documentElement, {subtree: true, attributes: true, attributeFilter: ["data-updating"]});
"""


def measure_gaps(wd, url):
    """Loads `url` (the long scenario) and reports the longest gap between frames after
    the first one, until the result has arrived."""
    probe = wd.call(
        "POST",
        wd.s("/goog/cdp/execute"),
        {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": GAP_PROBE}},
    )
    try:
        wd.go(url)
        wait_started(wd)
        end = time.monotonic() + 300
        while time.monotonic() < end:
            if canvas_attr(wd, "data-step") == str(LONG["steps"]) and canvas_attr(wd, "data-updating") == "false":
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the long run never arrived")
        first = float(canvas_attr(wd, "data-first-frame-ms"))
        arrived = wd.js("return performance.now();")
        g = wd.js("return window.gradscapeGaps;")
    finally:
        wd.call(
            "POST",
            wd.s("/goog/cdp/execute"),
            {"cmd": "Page.removeScriptToEvaluateOnNewDocument", "params": {"identifier": probe["identifier"]}},
        )
    # While computing: from the first frame to the one that shows the result.
    done = min((t for t, v in g["updating"] if v == "false"), default=arrived)
    gaps = sorted(d for t, d in g["frames"] if first < t <= done)
    tasks = [d for t, d in g["tasks"] if t + d > first and t < done]
    return (
        f"while computing ({first:.0f} to {done:.0f} ms): {len(gaps)} frames, gaps between "
        f"them median {median(gaps):.0f} ms, longest {max(gaps, default=0):.0f} ms; longest "
        f"task {max(tasks, default=0):.0f} ms ({len(tasks)} over 50 ms)"
    )


def playing_gaps(wd, url):
    """The same gaps while a short scenario plays, nothing being computed: what a frame
    itself costs here (software WebGL)."""
    wd.go(url)
    wait_started(wd)
    time.sleep(1.0)
    wd.js(GAP_PROBE)
    rect = [float(v) for v in canvas_attr(wd, "data-play").split(",")]
    wd.click((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
    time.sleep(4.0)
    g = wd.js("return window.gradscapeGaps;")
    gaps = sorted(d for _, d in g["frames"])
    return (
        f"playing, nothing computed: {len(gaps)} frames in 4 s, gaps median "
        f"{median(gaps):.0f} ms, longest {max(gaps, default=0):.0f} ms"
    )


def median(values):
    return values[len(values) // 2] if values else 0.0


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    dist = os.path.abspath(args[0])
    ff_runs = 0
    if "--first-frame-runs" in args:
        ff_runs = int(args[args.index("--first-frame-runs") + 1])
    gap_runs = 0
    if "--frame-gaps" in args:
        gap_runs = int(args[args.index("--frame-gaps") + 1])
    for needed in (os.path.join(dist, "index.html"), CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(needed):
            print(f"test-web: {needed} is missing", file=sys.stderr)
            return 2

    handler = functools.partial(Quiet, directory=dist)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"

    port = free_port()
    driver = subprocess.Popen(
        [CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    profile = tempfile.mkdtemp(prefix="gradscape-chromium-")
    # Files the test gives the page, and the page's downloads.
    work = tempfile.mkdtemp(prefix="gradscape-files-")
    downloads = tempfile.mkdtemp(prefix="gradscape-downloads-")
    wd = WebDriver(port)
    passed, failed = 0, 0

    def check(name, fn):
        nonlocal passed, failed
        try:
            detail = fn()
            passed += 1
            print(f"ok   {name}" + (f": {detail}" if detail else ""))
        except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL {name}: {e}")

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2)
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.1)
        wd.start(profile)

        # 1. A link's scenario, in Spanish.
        wd.go(site + "#lang=es&" + fragment_of(LINKED))

        def starts():
            wait_started(wd)
            return f"first frame at {canvas_attr(wd, 'data-first-frame-ms')} ms"

        check("the page starts and paints", starts)

        def no_errors():
            errors = wd.js("return window.gradscapeErrors || [];")
            severe = [e for e in wd.browser_log() if e.get("level") == "SEVERE"]
            # The favicon is not part of the page.
            severe = [e for e in severe if "favicon.ico" not in e.get("message", "")]
            assert not errors and not severe, f"{errors} {severe}"

        check("no console errors", no_errors)

        def linked_scenario():
            shown = json.loads(canvas_attr(wd, "data-scenario"))
            assert shown["surface"]["kind"] == "himmelblau", shown["surface"]
            assert shown["steps"] == LINKED["steps"], shown["steps"]
            kinds = [o["kind"] for o in shown["optimizers"]]
            assert kinds == ["adam", "sgd"], kinds
            assert shown["optimizers"][0]["label"] == "Adam from a link"
            assert canvas_attr(wd, "data-lang") == "es", canvas_attr(wd, "data-lang")
            assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")

        check("the fragment's scenario and language are the ones shown", linked_scenario)

        def colours():
            time.sleep(0.5)
            png = wd.screenshot()
            with open(os.path.join(dist, "..", "web-test-screenshot.png"), "wb") as f:
                f.write(png)
            n = len(png_colours(png))
            assert n >= 1000, f"only {n} distinct colours"
            return f"{n} distinct colours"

        check("the canvas shows the landscape", colours)

        def play_advances():
            rect = [float(v) for v in canvas_attr(wd, "data-play").split(",")]
            assert canvas_attr(wd, "data-playing") == "false"
            wd.click((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
            time.sleep(0.6)
            s1 = int(canvas_attr(wd, "data-step"))
            time.sleep(1.2)
            s2 = int(canvas_attr(wd, "data-step"))
            assert canvas_attr(wd, "data-playing") == "true", "not playing after the click"
            assert s2 > s1, f"the playhead stood still ({s1} then {s2})"
            return f"step {s1} then {s2}"

        check("a click on Play advances the playhead", play_advances)

        def save_downloads():
            saves = tempfile.mkdtemp(prefix="gradscape-downloads-")
            try:
                cdp_downloads(wd, saves)
                # Focus the canvas (a click on the status bar), then Ctrl+S.
                wd.click(600, wd.js("return window.innerHeight;") - 8)
                time.sleep(0.3)
                ctrl = "\uE009"
                keys = [
                    {"type": "keyDown", "value": ctrl},
                    {"type": "keyDown", "value": "s"},
                    {"type": "keyUp", "value": "s"},
                    {"type": "keyUp", "value": ctrl},
                ]
                wd.call("POST", wd.s("/actions"), {"actions": [{"type": "key", "id": "kb", "actions": keys}]})
                saved = json.loads(wait_download(saves, "scenario.json", timeout=20))
                assert saved["surface"]["kind"] == "himmelblau", saved["surface"]
                assert saved["steps"] == LINKED["steps"], saved["steps"]
            finally:
                shutil.rmtree(saves, ignore_errors=True)

        check("Save (Ctrl+S) downloads scenario.json with the scenario", save_downloads)

        def drop_opens():
            # What a drag from the file manager gives the page: a drop event whose
            # DataTransfer holds a File (Chromium lets a page build one).
            dropped = {
                "surface": {"kind": "rosenbrock"},
                "start": [-1.2, 1.5],
                "steps": 120,
                "optimizers": [{"kind": "rmsprop", "lr": 0.003, "label": "Dropped file"}],
            }
            wd.js(
                "const c = document.getElementById('gradscape_canvas');"
                "const dt = new DataTransfer();"
                "dt.items.add(new File([arguments[0]], 'dropped.json', {type: 'application/json'}));"
                "for (const t of ['dragenter', 'dragover', 'drop']) {"
                "  c.dispatchEvent(new DragEvent(t, {dataTransfer: dt, bubbles: true, cancelable: true}));"
                "}",
                json.dumps(dropped),
            )
            end = time.monotonic() + 20
            while time.monotonic() < end:
                shown = json.loads(canvas_attr(wd, "data-scenario"))
                if shown["optimizers"][0].get("label") == "Dropped file":
                    assert shown["surface"]["kind"] == "rosenbrock", shown["surface"]
                    assert shown["steps"] == 120, shown["steps"]
                    errors = wd.js("return window.gradscapeErrors || [];")
                    assert not errors, errors
                    return None
                time.sleep(0.2)
            raise AssertionError(f"the dropped scenario was not opened: {shown['optimizers']}")

        check("a scenario file dropped on the page opens", drop_opens)

        def file_open():
            # File ▸ Open shows the browser's file chooser: the page's file input, which a
            # test gives a file as the chooser would.
            chosen = {
                "surface": {"kind": "booth"},
                "start": [-4.0, 3.5],
                "steps": 200,
                "optimizers": [
                    {"kind": "adam", "lr": 0.1, "label": "Chosen file"},
                    {"kind": "momentum", "lr": 0.01},
                ],
            }
            path = os.path.join(work, "chosen.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(chosen, f)
            click_mark(wd, "menu-file")
            click_mark(wd, "menu-open")
            wd.give_file("#gradscape_file_input", path)
            shown = json.loads(
                wait_attr(wd, "data-scenario", lambda v: v and "Chosen file" in v)
            )
            assert shown["surface"]["kind"] == "booth", shown["surface"]
            assert shown["steps"] == 200, shown["steps"]
            assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")
            wait_attr(wd, "data-updating", lambda v: v == "false")
            return canvas_attr(wd, "data-notice")

        check("File ▸ Open through the file input opens the chosen scenario", file_open)

        def log_open():
            path = os.path.join(work, "history.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("epoch,loss,val_loss\n")
                for e in range(30):
                    f.write(f"{e},{2.0 * 0.9 ** e:.5f},{2.1 * 0.92 ** e + 0.002 * e:.5f}\n")
            click_mark(wd, "menu-file")
            click_mark(wd, "menu-open-log")
            wd.give_file("#gradscape_file_input", path)
            log = wait_attr(wd, "data-log", lambda v: bool(v))
            assert log.startswith("history.csv:keras:"), log
            assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")
            return log

        check("File ▸ Open training log through the file input reads the log", log_open)

        def tensorboard_drop():
            # A TensorBoard event file (binary) dropped on the page.
            with open(TB_FIXTURE, "rb") as f:
                data = base64.b64encode(f.read()).decode()
            name = os.path.basename(TB_FIXTURE)
            wd.js(
                "const c = document.getElementById('gradscape_canvas');"
                "const bytes = Uint8Array.from(atob(arguments[0]), ch => ch.charCodeAt(0));"
                "const dt = new DataTransfer();"
                "dt.items.add(new File([bytes], arguments[1]));"
                "for (const t of ['dragenter', 'dragover', 'drop']) {"
                "  c.dispatchEvent(new DragEvent(t, {dataTransfer: dt, bubbles: true, cancelable: true}));"
                "}",
                data,
                name,
            )
            log = wait_attr(wd, "data-log", lambda v: v and v.startswith(name))
            assert log.endswith(":tensorboard:1"), log
            assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")
            return log

        check("a TensorBoard event file dropped on the page is read", tensorboard_drop)

        def mlflow_files():
            # An MLflow run's metric files, chosen together in the file input.
            paths = [os.path.join(MLFLOW_METRICS, m) for m in sorted(os.listdir(MLFLOW_METRICS))]
            click_mark(wd, "menu-file")
            click_mark(wd, "menu-open-log")
            wd.give_file("#gradscape_file_input", "\n".join(paths))
            log = wait_attr(wd, "data-log", lambda v: v and ":mlflow:" in v)
            assert log.endswith(":mlflow:1") and str(len(paths)) in log, log
            assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")
            return log

        check("an MLflow run's metric files chosen together are read as one run", mlflow_files)

        def exports():
            cdp_downloads(wd, downloads)
            done = []
            # The scenario came from chosen.json: exports are named after it.
            for item, name, window in [
                ("menu-export-png", "chosen.png", True),
                ("menu-export-svg", "chosen.svg", True),
                ("menu-export-gif", "chosen.gif", True),
                ("menu-export-csv", "chosen.csv", False),
                ("menu-export-json", "chosen.json", False),
                ("menu-export-pytorch", "chosen.py", False),
            ]:
                click_mark(wd, "menu-file")
                click_mark(wd, item)
                if window:
                    # The export window (size, frames), then its Save button.
                    click_mark(wd, "export-choose")
                data = wait_download(downloads, name)
                if name.endswith(".png"):
                    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
                elif name.endswith(".gif"):
                    assert data[:4] == b"GIF8", data[:4]
                elif name.endswith(".svg"):
                    assert b"<svg" in data[:400], data[:100]
                elif name.endswith(".csv"):
                    assert data.startswith(b"run,t,x,y,loss"), data[:60]
                    assert data.count(b"\n") == 2 * 201 + 1, data.count(b"\n")
                elif name.endswith(".json"):
                    runs = json.loads(data)["runs"]
                    assert [r["label"] for r in runs][0] == "Chosen file", runs[0]["label"]
                else:
                    assert b"import torch" in data, data[:200]
                notice = wait_attr(wd, "data-notice", lambda v: v and name in v)
                assert not canvas_attr(wd, "data-error"), canvas_attr(wd, "data-error")
                done.append(f"{name} ({len(data)} bytes)")
            errors = wd.js("return window.gradscapeErrors || [];")
            assert not errors, errors
            return ", ".join(done)

        check("exports are downloads with the right names and contents", exports)

        def folder_drop():
            # A folder dropped on the page (what some browsers hand over: an empty file
            # without extension) says which files to give instead.
            wd.js(
                "const c = document.getElementById('gradscape_canvas');"
                "const dt = new DataTransfer();"
                "dt.items.add(new File([], 'mlruns'));"
                "for (const t of ['dragenter', 'dragover', 'drop']) {"
                "  c.dispatchEvent(new DragEvent(t, {dataTransfer: dt, bubbles: true, cancelable: true}));"
                "}"
            )
            error = wait_attr(wd, "data-error", lambda v: bool(v))
            assert "mlruns" in error and "metrics/" in error and "tfevents" in error, error
            return error

        check("a dropped folder says which files to give instead", folder_drop)

        # 2. A damaged link: the default scenario and an error, no panic.
        wd.go(site + "?damaged#s=" + fragment_of(LINKED)[2:40])

        def damaged():
            wait_started(wd)
            error = canvas_attr(wd, "data-error")
            assert error, "no error shown"
            shown = json.loads(canvas_attr(wd, "data-scenario"))
            assert shown["surface"]["kind"] != "himmelblau", "the damaged link's scenario?"
            errors = wd.js("return window.gradscapeErrors || [];")
            assert not errors, errors
            return error

        check("a damaged fragment shows an error and the default scenario", damaged)

        # 3. Projector mode from the fragment.
        wd.go(site + "?projector#projector=1&" + fragment_of(LINKED))

        def projector():
            wait_started(wd)
            assert canvas_attr(wd, "data-projector") == "true"

        check("projector mode from the fragment", projector)

        # 4. A long scenario (more steps than a frame may compute): computed in slices across
        # frames, the page painting meanwhile, until the playhead stands at its end.
        wd.go(site + "?long#" + fragment_of(LONG))
        long = LONG

        def long_run():
            wait_started(wd)
            end = time.monotonic() + 180
            while time.monotonic() < end:
                if canvas_attr(wd, "data-step") == str(long["steps"]):
                    assert canvas_attr(wd, "data-updating") == "false"
                    errors = wd.js("return window.gradscapeErrors || [];")
                    assert not errors, errors
                    # Counted by the page: frames that painted a new progress before the
                    # result arrived (the runs and diagnoses are done a slice per frame).
                    # WebDriver's own scripts wait while the page is that busy, so the test
                    # cannot watch it happen.
                    painted = int(canvas_attr(wd, "data-progress-frames"))
                    assert painted >= 5, f"only {painted} frames showed progress"
                    return f"{painted} frames painted a new progress before the result"
                time.sleep(0.05)
            raise AssertionError(f"the long run never arrived (step {canvas_attr(wd, 'data-step')})")

        check("a long run (3 × 10⁶ steps) is computed in slices, the page painting", long_run)

        # The longest gap between frames while the long scenario is computed.
        for i in range(gap_runs):
            print("frame gaps: " + measure_gaps(wd, site + f"?gaps={i}#" + fragment_of(LONG)))
        if gap_runs:
            print("frame gaps: " + playing_gaps(wd, site + "?playing#" + fragment_of(LINKED)))

        # Time to first frame: fresh loads of the default page.
        times = []
        for i in range(ff_runs):
            wd.go(site + f"?run={i}")
            wait_started(wd)
            times.append(float(canvas_attr(wd, "data-first-frame-ms")))
        if times:
            times.sort()
            print(
                "first frame (ms after navigation start): "
                + ", ".join(f"{t:.0f}" for t in times)
                + f"; median {times[len(times) // 2]:.0f}"
            )
    finally:
        wd.quit()
        driver.terminate()
        try:
            driver.wait(10)
        except subprocess.TimeoutExpired:
            driver.kill()
        server.shutdown()
        for folder in (profile, work, downloads):
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
