//! The kernels `../shared/peers/peer_kernels.py` times, timed the same way (in process,
//! one warm-up call, then the median of N) on the same problem, printing the same
//! `name seconds` lines so `bench/compare.sh` can divide one by the other:
//!
//! - `heatmap_rgba_{512,1024}`: Rosenbrock (a = 1, b = 100) sampled on an n × n grid over
//!   x ∈ [−2, 2], y ∈ [−1, 3], log colour scale, viridis → RGBA bytes. Like the peer,
//!   the grid's min/max are found in the same call (the peer's `Z.min()`/`Z.max()`).
//!   The values and pixels are written into the buffers of the call before, as the window
//!   reuses the heat map it replaces (numpy's arrays are not zeroed either);
//!   `heatmap_rgba_fresh_{512,1024}` allocates (and so zeroes) new ones each call.
//! - `contours20_{512,1024}`: 20 levels, log-spaced between the grid's min and max (the
//!   peer: 20 levels evenly spaced in log10(f + 1e-3)); the grid is built outside the
//!   timed call, as the peer builds `Z` outside.
//! - `adam_10k_steps`: 10 000 Adam steps (β1 0.9, β2 0.999, ε 1e-8, lr 0.01) from
//!   (−1.5, 2) with the exact gradient; the peer's `adam_10k_steps_numpy`.
//! - `phase_{heavy_ball,adam}_128`: `../shared/peers/peer_phase.py`'s two maps (128 × 128
//!   cells of 1000 steps each), computed by `core::map::compute_map` in this process, as
//!   the peer times its own maps (its process start and numpy's import left out).
//!
//! Needs no GUI: `cargo run --release --example kernels [REPEATS]` (default 21).

use std::hint::black_box;
use std::time::Instant;

use gradscape::core::Vec2;
use gradscape::core::map::{AxisSpec, MapRequest, compute_map};
use gradscape::core::optimizers::{OptimizerKind, OptimizerState};
use gradscape::core::scenario::Scenario;
use gradscape::core::surfaces::{Rosenbrock, Surface, View};
use gradscape::scene::{Grid, contour};

const VIEW: View = View {
    x: [-2.0, 2.0],
    y: [-1.0, 3.0],
};

/// Seconds per call: one warm-up call, then the median of `n` timed calls.
fn med<T>(n: usize, mut f: impl FnMut() -> T) -> f64 {
    black_box(f());
    let mut ts: Vec<f64> = (0..n.max(1))
        .map(|_| {
            let t0 = Instant::now();
            black_box(f());
            t0.elapsed().as_secs_f64()
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    ts[ts.len() / 2]
}

fn adam_steps(surface: &Surface, kind: &OptimizerKind, n: usize) -> Vec2 {
    let mut state = OptimizerState::default();
    let mut theta = Vec2::new(-1.5, 2.0);
    for _ in 0..n {
        let g = surface.gradient(theta);
        theta = state.step(kind, theta, g, 0.01);
    }
    theta
}

fn main() {
    let repeats: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(21);
    let s = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
    for n in [512, 1024] {
        // As the window does when the view moves: the replaced heat map's buffers are
        // written over (numpy does not zero its arrays either; a fresh Rust buffer is
        // zeroed first). The same with fresh buffers, for the record.
        let mut spare = (Vec::new(), Vec::new());
        let heat = med(repeats, || {
            let g = Grid::evaluate_reusing(black_box(&s), VIEW, n, n, std::mem::take(&mut spare.0));
            let scale = g.color_scale(&s);
            let rgba = g.heatmap_rgba_reusing(&scale, std::mem::take(&mut spare.1));
            black_box(&rgba);
            spare = (g.values, rgba);
        });
        println!("heatmap_rgba_{n} {heat:.6}");
        let fresh = med(repeats, || {
            let g = Grid::evaluate(black_box(&s), VIEW, n, n);
            let scale = g.color_scale(&s);
            g.heatmap_rgba(&scale)
        });
        println!("heatmap_rgba_fresh_{n} {fresh:.6}");
        let g = Grid::evaluate(&s, VIEW, n, n);
        let levels = contour::levels(&g.color_scale(&s), 20);
        let cont = med(repeats, || contour::contours(black_box(&g), &levels));
        println!("contours20_{n} {cont:.6}");
    }
    let adam = OptimizerKind::default_for("adam").expect("known kind");
    // ~0.1 ms a call: more calls so the median is not a timer artefact.
    let t = med(repeats * 10, || {
        adam_steps(black_box(&s), black_box(&adam), 10_000)
    });
    println!("adam_10k_steps {t:.6}");
    // The peer's grids (see `bench/compare.sh`, which runs the same maps as a whole
    // `gradscape map` process too). A map takes 10–40 ms: fewer calls.
    for (name, kind, x, y) in [
        (
            "phase_heavy_ball_128",
            r#"{"kind": "heavy_ball", "lr": 0.001, "momentum": 0.9}"#,
            "lr:1e-5:1e-2:log",
            "momentum:0:0.99",
        ),
        (
            "phase_adam_128",
            r#"{"kind": "adam", "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}"#,
            "lr:1e-4:1e-1:log",
            "beta1:0:0.99",
        ),
    ] {
        let scenario = Scenario::from_json(&format!(
            r#"{{"surface": {{"kind": "rosenbrock", "a": 1.0, "b": 100.0}}, "start": [-1.5, 2.0],
                "steps": 1000, "optimizers": [{kind}]}}"#
        ))
        .expect("valid scenario");
        let req = MapRequest {
            x: AxisSpec::parse(x).expect("valid axis"),
            y: AxisSpec::parse(y).expect("valid axis"),
            cells: 128,
            optimizer: 0,
            threshold: Some(1e-2),
        };
        let t = med((repeats / 4).max(3), || {
            compute_map(black_box(&scenario), &req)
        });
        println!("{name} {t:.6}");
    }
}
