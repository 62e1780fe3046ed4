//! Frame times of the app while an lr slider is dragged: six optimizers × STEPS steps
//! (default 5000), every frame changing the first optimizer's lr, recomputing what the
//! change touches, laying out and tessellating the whole 1280 × 800 window (CPU only; the
//! GPU upload is not counted). Frames are paced at 60 Hz; past 2 × 10⁵ steps in all the
//! runs are computed on the worker thread, whose time is not the frame's.
//!
//! `cargo run --release --example bench_app [FRAMES] [STEPS]`

use std::time::Duration;

/// The window's allocator, as in `src/main.rs`: the frames measured here are the window's.
#[cfg(all(not(target_arch = "wasm32"), not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let arg = |i: usize| std::env::args().nth(i).and_then(|a| a.parse::<u64>().ok());
    let n = arg(1).unwrap_or(300) as usize;
    let steps = arg(2).unwrap_or(5000);
    let scenario = gradscape::app::bench_scenario_steps(steps);
    let mut times = gradscape::app::bench_drag_frames_with(n, scenario);
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pct = |p: f64| ms(times[((times.len() - 1) as f64 * p).round() as usize]);
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    println!("frames: {n} (6 optimizers × {steps} steps, lr slider dragged every frame)");
    println!(
        "frame CPU time (thread, ms): median {:.2}  mean {:.2}  p95 {:.2}  p99 {:.2}  max {:.2}  (budget 16)",
        pct(0.5),
        mean,
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
}
