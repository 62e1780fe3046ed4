//! Frame times of the app while an lr slider is dragged: six optimizers × 5000 steps,
//! every frame recomputing all runs and diagnoses, laying out and tessellating the whole
//! 1280 × 800 window (CPU only; the GPU upload is not counted).
//!
//! `cargo run --release --example bench_app [FRAMES]`

use std::time::Duration;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let mut times = gradscape::app::bench_drag_frames(n);
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pct = |p: f64| ms(times[((times.len() - 1) as f64 * p).round() as usize]);
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    println!("frames: {n} (6 optimizers × 5000 steps, lr slider dragged every frame)");
    println!(
        "frame CPU time (thread, ms): median {:.2}  mean {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}  (budget 16)",
        pct(0.5),
        mean,
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
}
