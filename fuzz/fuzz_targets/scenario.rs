//! Scenario files: `Scenario::from_json` on arbitrary text; a valid scenario must survive
//! `to_json` → `from_json` unchanged, and run (steps capped) with SPEC §9's array lengths.
//! Inputs starting with byte 0xff (never UTF-8, so no scenario text) are views instead:
//! the next 32 bytes are four f64 bit patterns over the whole range (subnormal, huge,
//! infinite, NaN); validation either refuses the view in one line or it is drawn
//! without a panic.
#![no_main]

use gradscape::core::run::run_scenario;
use gradscape::core::scenario::{RawOptimizer, RawScenario, RawSurface, RawView, Scenario};
use gradscape::render::{Composition, RenderOptions};
use gradscape::scene::colormap::nice_ticks;
use libfuzzer_sys::fuzz_target;

/// Validates the view made of the first 32 bytes' bit patterns and, if it is accepted,
/// draws a small image of it.
fn check_view(data: &[u8]) {
    let Some(bytes) = data.first_chunk::<32>() else {
        return;
    };
    let f = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[8 * i..8 * i + 8]);
        f64::from_le_bytes(b)
    };
    let view = RawView {
        x: [f(0), f(1)],
        y: [f(2), f(3)],
    };
    // The tick maker sees whatever the window's zoom makes: it must not panic either.
    assert!(nice_ticks(view.x[0], view.x[1], 8).len() <= 64);
    let raw = RawScenario {
        surface: RawSurface {
            kind: "quadratic".into(),
            ..Default::default()
        },
        start: [0.5, 0.5],
        steps: Some(4),
        optimizers: vec![RawOptimizer {
            kind: "sgd".into(),
            ..Default::default()
        }],
        view: Some(view),
        ..Default::default()
    };
    let scenario = match Scenario::from_raw(&raw) {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("view."), "{msg}");
            assert!(!msg.contains('\n'), "multi-line error: {msg:?}");
            return;
        }
    };
    let runs = run_scenario(&scenario);
    let options = RenderOptions {
        width: 64,
        height: 64,
        ..RenderOptions::default()
    };
    let comp = Composition::new(&scenario, &runs, &options, false);
    let _ = comp.render(comp.last_step());
}

/// Runs are cut to this many steps so that one input takes milliseconds.
const MAX_STEPS: u64 = 64;

fuzz_target!(|data: &[u8]| {
    if let Some((0xff, view)) = data.split_first() {
        check_view(view);
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scenario = match Scenario::from_json(text) {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.contains('\n') && !msg.contains('\r'),
                "multi-line error: {msg:?}"
            );
            return;
        }
    };

    // Round trip: what the app saves is what it reads.
    let json = scenario.to_json();
    let back = match Scenario::from_json(&json) {
        Ok(b) => b,
        Err(e) => panic!("to_json output does not parse: {e}\n{json}"),
    };
    assert_eq!(back, scenario, "round trip changed the scenario\n{json}");
    assert_eq!(back.to_json(), json, "to_json is not stable");

    let _ = scenario.view();
    let _ = scenario.warnings();

    let mut small = scenario;
    small.steps = small.steps.min(MAX_STEPS);
    let set = run_scenario(&small);
    assert_eq!(set.runs.len(), small.optimizers.len());
    for run in &set.runs {
        let taken = run.lr.len();
        assert!(taken as u64 <= small.steps);
        assert_eq!(run.points.len(), taken + 1);
        assert_eq!(run.loss.len(), taken + 1);
        assert_eq!(run.grad_norm.len(), taken);
        assert_eq!(run.val_steps.len(), run.val_loss.len());
        if run.diverged_at.is_none() && run.stopped_at.is_none() {
            assert_eq!(taken as u64, small.steps);
        }
        let _ = run.status();
        let _ = run.final_loss();
        let _ = run.diagnose();
    }
});
