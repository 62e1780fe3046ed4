//! Scenario files: `Scenario::from_json` on arbitrary text; a valid scenario must survive
//! `to_json` → `from_json` unchanged, and run (steps capped) with SPEC §9's array lengths.
#![no_main]

use gradscape::core::run::run_scenario;
use gradscape::core::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

/// Runs are cut to this many steps so that one input takes milliseconds.
const MAX_STEPS: u64 = 64;

fuzz_target!(|data: &[u8]| {
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
