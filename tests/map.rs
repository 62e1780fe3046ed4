//! Hyperparameter maps (issue 15): the grids of `../shared/peers/peer_phase.py`,
//! recomputed by `compute_map` and compared with the peer's own cells (fixtures written
//! by `scripts/make_peer_phase.py`), and the `map` command's outputs and bad input.

use std::path::PathBuf;

use gradscape::core::map::{AxisSpec, HyperMap, MapRequest, Scale, compute_map};
use gradscape::core::scenario::Scenario;
use serde_json::{Value, json};

mod cmd;
use cmd::{gradscape, stderr, write};

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/peer_phase")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// An axis as the fixture describes it: `[name, lo, hi, "log" | "lin"]`.
fn axis(a: &Value) -> AxisSpec {
    AxisSpec {
        param: a[0].as_str().unwrap().to_string(),
        lo: a[1].as_f64().unwrap(),
        hi: a[2].as_f64().unwrap(),
        scale: if a[3] == "log" {
            Scale::Log
        } else {
            Scale::Lin
        },
    }
}

/// The peer's map `name` at `n` cells per axis, computed by Gradscape.
fn ours(fx: &Value) -> HyperMap {
    let mut opt = json!({"kind": fx["optimizer"], "lr": 1e-3});
    if let Some(fixed) = fx["grid"]["fixed"].as_object() {
        for (k, v) in fixed {
            opt[k] = v.clone();
        }
    }
    // The peer's setting, as its docstring states it.
    let scenario = Scenario::from_json(
        &json!({
            "surface": {"kind": "rosenbrock", "a": 1.0, "b": 100.0},
            "start": [-1.5, 2.0],
            "steps": fx["steps"],
            "optimizers": [opt],
        })
        .to_string(),
    )
    .unwrap();
    let n = fx["cells_per_axis"].as_u64().unwrap() as usize;
    compute_map(
        &scenario,
        &MapRequest {
            x: axis(&fx["grid"]["x"]),
            y: axis(&fx["grid"]["y"]),
            cells: n,
            optimizer: 0,
            threshold: fx["threshold"].as_f64(),
        },
    )
    .unwrap()
}

/// Issue 15's tolerance: the counts of cells that reach the threshold and that diverge
/// within 0.2 % of the cells of the peer's, the median within 2 steps. Cell by cell, at
/// most 0.2 % of the cells may change class (reached, never, diverged); a cell reached by
/// both may do so at another step (Adam's map on Rosenbrock is chaotic near its boundary,
/// where rounding moves a run's first step below the threshold by a few).
fn assert_matches_peer(file: &str) {
    let fx = fixture(file);
    let map = ours(&fx);
    let peer: Vec<Vec<i64>> = serde_json::from_value(fx["cells"].clone()).unwrap();
    let total = peer.len() * peer.len();
    let allowed = (total as f64 * 0.002).floor() as usize;
    assert_eq!(map.cells.len(), peer.len());
    let differing: Vec<(usize, usize, i64, i64)> = map
        .cells
        .iter()
        .zip(&peer)
        .enumerate()
        .flat_map(|(r, (a, b))| {
            a.iter()
                .zip(b)
                .enumerate()
                .filter(|(_, (x, y))| x.signum() != y.signum())
                .map(move |(c, (x, y))| (r, c, *x, *y))
        })
        .collect();
    assert!(
        differing.len() <= allowed,
        "{file}: {} cells change class (allowed {allowed}): (row, column, ours, peer) {:?}",
        differing.len(),
        &differing[..differing.len().min(20)]
    );
    let s = &fx["summary"];
    let count = |key: &str| s[key].as_u64().unwrap() as usize;
    assert!(
        map.summary.reached.abs_diff(count("reached")) <= allowed,
        "{file}: reached {} vs the peer's {}",
        map.summary.reached,
        count("reached")
    );
    assert!(
        map.summary.diverged.abs_diff(count("diverged")) <= allowed,
        "{file}: diverged {} vs the peer's {}",
        map.summary.diverged,
        count("diverged")
    );
    // The median criterion is the issue's for its 128 × 128 grid. On a coarse grid it
    // rests on a hundred-odd cells, most in Adam's chaotic band (high lr), where rounding
    // moves single runs' steps by tens: there it is only reported.
    let median_gap = map
        .summary
        .median_step
        .abs_diff(s["median_step"].as_u64().unwrap());
    eprintln!(
        "{file}: ours reached {} diverged {} median {}; peer {s}",
        map.summary.reached, map.summary.diverged, map.summary.median_step
    );
    if peer.len() >= 128 {
        assert!(
            median_gap <= 2,
            "{file}: median {} vs the peer's {}",
            map.summary.median_step,
            s["median_step"]
        );
    }
    // The summary is the cells' own: recounted from them.
    let flat: Vec<i64> = map.cells.iter().flatten().copied().collect();
    assert_eq!(flat.iter().filter(|&&c| c > 0).count(), map.summary.reached);
    assert_eq!(
        flat.iter().filter(|&&c| c < 0).count(),
        map.summary.diverged
    );
}

#[test]
fn heavy_ball_map_matches_the_peer_32() {
    assert_matches_peer("heavy_ball_32.json");
}

#[test]
fn adam_map_matches_the_peer_32() {
    assert_matches_peer("adam_32.json");
}

// The issue's own grids: about two seconds each in a debug build. bench/compare.sh also
// compares them with the peer run live.
#[test]
fn heavy_ball_map_matches_the_peer_128() {
    assert_matches_peer("heavy_ball_128.json");
}

#[test]
fn adam_map_matches_the_peer_128() {
    assert_matches_peer("adam_128.json");
}

// ---- the command ----

const SMALL: &str = r#"{
  "surface": {"kind": "rosenbrock"},
  "start": [-1.5, 2.0],
  "steps": 300,
  "optimizers": [{"kind": "adam", "lr": 0.01}, {"kind": "heavy_ball", "lr": 0.001, "momentum": 0.9}]
}"#;

#[test]
fn json_to_stdout_has_the_issue_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", SMALL);
    let out = gradscape(&[
        "map",
        &file,
        "--x",
        "lr:1e-4:1e-1:log",
        "--y",
        "beta1:0:0.99",
        "--cells",
        "12",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["x"]["param"], "lr");
    assert_eq!(v["y"]["param"], "beta1");
    let xs = v["x"]["values"].as_array().unwrap();
    assert_eq!(xs.len(), 12);
    assert_eq!(xs[0].as_f64(), Some(1e-4));
    assert_eq!(xs[11].as_f64(), Some(1e-1));
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 12, "one row per y value");
    let flat: Vec<i64> = cells
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter().map(|c| c.as_i64().unwrap()))
        .collect();
    assert_eq!(flat.len(), 144);
    let reached = flat.iter().filter(|&&c| c > 0).count();
    assert!(reached > 0, "some Adam settings reach 1e-2·f0 in 300 steps");
    assert_eq!(v["summary"]["reached"].as_u64(), Some(reached as u64));
    assert!(flat.iter().all(|&c| (-1..=300).contains(&c)));
    // The default threshold is 1e-2 × f(−1.5, 2) = 1e-2 × 12.5.
    assert!((v["threshold"].as_f64().unwrap() - 0.125).abs() < 1e-12);
}

#[test]
fn csv_and_png_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", SMALL);
    let csv = dir.path().join("m.csv");
    let out = gradscape(&[
        "map",
        &file,
        "--optimizer",
        "1",
        "--x",
        "lr:1e-5:1e-2",
        "--y",
        "momentum:0:0.99",
        "--cells",
        "8",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "x,y,step");
    assert_eq!(lines.len(), 1 + 64);
    assert!(lines[1].starts_with("0.00001,0.0,"), "{}", lines[1]);
    let png = dir.path().join("m.png");
    let out = gradscape(&[
        "map",
        &file,
        "--optimizer",
        "1",
        "--cells",
        "16",
        "--out",
        png.to_str().unwrap(),
        "--size",
        "500x400",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
}

#[test]
fn start_point_map_on_himmelblau_finds_the_four_basins() {
    let out = gradscape(&[
        "map",
        "--preset",
        "himmelblau-minima",
        "--x",
        "start_x:-5:5",
        "--y",
        "start_y:-5:5",
        "--cells",
        "24",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["minima"].as_array().unwrap().len(), 4);
    let per = v["summary"]["per_minimum"].as_array().unwrap();
    assert_eq!(per.len(), 4);
    assert!(
        per.iter().all(|n| n.as_u64().unwrap() > 0),
        "every basin is reached from somewhere: {per:?}"
    );
}

/// Exit 2, one stderr line holding `needle`, nothing on stdout, no output file.
fn assert_bad(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", SMALL);
    let out_path = dir.path().join("out.json");
    let mut all = vec!["map", file.as_str()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--cells", "4", "--out", out_path.to_str().unwrap()]);
    let out = gradscape(&all);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(needle),
        "{args:?}\nexpected '{needle}' in: {err}"
    );
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no leftovers"
    );
}

#[test]
fn bad_input_names_the_argument() {
    assert_bad(
        &["--x", "betta:0:0.9"],
        "--x: unknown parameter 'betta' for adam; known: lr, beta1, beta2, eps",
    );
    assert_bad(
        &["--y", "beta1:0:1"],
        "--y: beta1 must be in [0, 1) (got 1)",
    );
    assert_bad(&["--x", "lr:0:1:lin"], "--x: lr must be > 0 (got 0)");
    assert_bad(&["--x", "lr:0:1"], "--x: a log axis needs LO > 0 (got 0)");
    assert_bad(&["--x", "lr:1e-3"], "--x: expected NAME:LO:HI");
    assert_bad(
        &["--x", "lr:1e-3:abc"],
        "--x: HI 'abc' is not a finite number",
    );
    assert_bad(&["--x", "lr:1:0.1"], "--x: LO must be below HI");
    assert_bad(&["--x", "beta1:0:0.5:log"], "--x: a log axis needs LO > 0");
    assert_bad(&["--x", "lr:1e-3:1:cubic"], "--x: scale 'cubic'");
    assert_bad(
        &["--x", "bias_correction:0:1"],
        "--x: parameter 'bias_correction'",
    );
    assert_bad(&["--y", "lr:1e-3:1e-1"], "--y: 'lr' is already on --x");
    assert_bad(
        &["--x", "start_x:-1:1", "--y", "beta1:0:0.9"],
        "--y: a start-point map",
    );
    assert_bad(&["--optimizer", "5"], "--optimizer: no optimizer 5");
    assert_bad(&["--threshold", "nan"], "--threshold");
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", SMALL);
    let out = gradscape(&["map", &file, "--cells", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--cells: must be from 2 to"),
        "{}",
        stderr(&out)
    );
    let out = gradscape(&[
        "map",
        &file,
        "--out",
        dir.path().join("m.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the extension must be"),
        "{}",
        stderr(&out)
    );
}
