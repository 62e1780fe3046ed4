//! How long one recompute (runs + diagnosis) of a long scenario takes: three optimizers ×
//! STEPS steps (default 1 000 000) on Rosenbrock, each run diagnosed as soon as it is made
//! (as the app's worker does), and the runs and diagnoses timed apart; then the app's frames with
//! those runs computed on its worker thread: installing them, at rest in 2-D and 3-D, and
//! playing.
//!
//! `cargo run --release --example measure_recompute [STEPS]`

use std::time::Instant;

/// The window's allocator, as in `src/main.rs`: the frames measured here are the window's.
#[cfg(all(not(target_arch = "wasm32"), not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use gradscape::core::run::{diagnose_runs, run_and_diagnose, run_scenario};
use gradscape::core::scenario::Scenario;

fn main() {
    let steps: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let scenario =
        Scenario::from_json(&gradscape::app::long_scenario_json(steps)).expect("valid scenario");
    // Wall time is what a user waits; CPU time (all threads) is what the work costs,
    // and what a loaded machine does not inflate.
    let cpu = || cpu_time::ProcessTime::try_now().ok();
    let cpu_ms =
        |t: Option<cpu_time::ProcessTime>| t.map_or(f64::NAN, |t| t.elapsed().as_secs_f64() * 1e3);
    for round in 0..3 {
        // As the app's worker does it: each run diagnosed as soon as it is made.
        let (t0, c0) = (Instant::now(), cpu());
        let (made, d) = run_and_diagnose(&scenario);
        let (t_all, c_all) = (t0.elapsed(), cpu_ms(c0));
        // Freed outside the timing, as the app frees replaced runs on a thread of its own.
        drop(made);
        // The two parts apart, for where the time goes.
        let (t1, c1) = (Instant::now(), cpu());
        let runs = run_scenario(&scenario);
        let (t_runs, c_runs) = (t1.elapsed(), cpu_ms(c1));
        let (t2, c2) = (Instant::now(), cpu());
        let d_apart = diagnose_runs(&runs.runs);
        let (t_diag, c_diag) = (t2.elapsed(), cpu_ms(c2));
        assert_eq!(d, d_apart, "the pipelined diagnosis is the same");
        println!(
            "round {round}: 3 optimizers × {steps} steps, runs + diagnosis: total {:.1} ms \
             (CPU time {c_all:.1} ms, {} findings); apart: runs {:.1} ms (CPU {c_runs:.1}), \
             diagnosis {:.1} ms (CPU {c_diag:.1})",
            t_all.as_secs_f64() * 1e3,
            d.iter().map(Vec::len).sum::<usize>(),
            t_runs.as_secs_f64() * 1e3,
            t_diag.as_secs_f64() * 1e3,
        );
    }
    frames(steps);
}

/// Frames of the whole window (1280 × 800, CPU only) once the long runs are on screen:
/// the frame installing them, at rest in the 2-D and the 3-D view (thread CPU time), and
/// playing.
fn frames(steps: u64) {
    let ctx = egui::Context::default();
    let scenario =
        Scenario::from_json(&gradscape::app::long_scenario_json(steps)).expect("valid scenario");
    let mut app = gradscape::app::GradscapeApp::with_scenario(&ctx, scenario.clone(), None);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut gradscape::app::GradscapeApp| {
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        t.elapsed().as_secs_f64() * 1e3
    };
    let t = Instant::now();
    let first = frame(&mut app);
    app.state
        .wait_for_worker(std::time::Duration::from_secs(60));
    let wait = t.elapsed().as_secs_f64() * 1e3;
    let arrive = frame(&mut app);
    // What a user waits for after a change every run reads (here the start point): the
    // frame that sends the request, the worker's runs and diagnoses, the result installed.
    for round in 0..3 {
        app.state.scenario.start.x += 0.01;
        app.state.mark_changed();
        let t = Instant::now();
        let send = frame(&mut app);
        app.state
            .wait_for_worker(std::time::Duration::from_secs(60));
        let wait = t.elapsed().as_secs_f64() * 1e3;
        let install = frame(&mut app);
        println!(
            "worker round {round}: change → result {wait:.1} ms (3 runs recomputed and diagnosed); \
             frame sending the request {send:.1} ms, frame installing the result {install:.1} ms"
        );
    }
    app.state.seek(0.0);
    app.state.toggle_play();
    let playing: Vec<f64> = (0..10).map(|_| frame(&mut app)).collect();
    let med = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "frames: first (request sent) {first:.1} ms; first result after {wait:.0} ms; \
         frame installing it {arrive:.1} ms; playing median {:.1} ms",
        med(playing)
    );
    let revealed = 3 * (steps + 1);
    for (name, view_3d) in [("2-D", false), ("3-D", true)] {
        let mut t = gradscape::app::bench_rest_frames(100, scenario.clone(), view_3d);
        t.sort_unstable();
        let ms = |i: usize| t[i].as_secs_f64() * 1e3;
        let p99 = ((t.len() - 1) as f64 * 0.99).round() as usize;
        println!(
            "at rest {name}, {revealed} points revealed, frame CPU time (thread, ms): median {:.2}  p99 {:.2}  (budget 8)",
            ms(t.len() / 2),
            ms(p99)
        );
    }
}
