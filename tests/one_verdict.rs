//! One series, one verdict: the app diagnoses every preset and lesson exactly as the command
//! line does (`gradscape run`'s diagnosis, through `Run::diagnose`).

use std::time::Duration;

use gradscape::app::lessons::{LESSONS, start};
use gradscape::app::state::AppState;
use gradscape::core::presets::{self, PRESETS};
use gradscape::core::run::run_scenario;

/// The app's findings once its runs and diagnoses are settled.
fn settle(state: &mut AppState) {
    assert!(state.wait_for_worker(Duration::from_secs(300)), "worker");
    state.diagnose_if_settled(Duration::ZERO, false);
    assert!(!state.diagnoses_stale());
}

#[test]
fn app_and_cli_agree_on_every_preset_and_lesson() {
    let mut state = AppState::new(presets::default_scenario(), None);
    let mut checked = 0;
    let mut check = |state: &mut AppState, what: &str| {
        settle(state);
        let cli = run_scenario(&state.scenario);
        let from_cli: Vec<_> = cli.runs.iter().map(|r| r.diagnose()).collect();
        assert!(!from_cli.is_empty(), "{what}");
        assert_eq!(state.diagnoses, from_cli, "{what}");
        checked += 1;
    };
    for preset in PRESETS {
        state.load_preset(preset.name);
        check(&mut state, preset.name);
    }
    for (i, lesson) in LESSONS.iter().enumerate() {
        start(&mut state, i);
        check(&mut state, lesson.id);
    }
    assert_eq!(checked, PRESETS.len() + LESSONS.len());
}
