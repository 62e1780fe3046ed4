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

mod common;

/// File ▸ Open training log…, in both languages: the log's runs and their verdicts take the
/// loss panel, with the same findings as `gradscape diagnose`; a bad log shows one line
/// naming the file and the line.
#[test]
fn a_training_log_opens_in_the_loss_panel() {
    use egui_kittest::kittest::Queryable;
    use gradscape::app::state::Action;
    use gradscape::app::training_log::TrainingLog;
    use gradscape::core::diagnosis::diagnose;
    use gradscape::core::log::{ReadOptions, read_path};

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/logs/wandb/wandb_export_2024-05-01.csv");
    let mut h = common::harness();
    h.run();
    h.state_mut()
        .state
        .actions
        .push(Action::OpenTrainingLog(path.clone()));
    h.run();
    h.run();
    let log: TrainingLog = h
        .state()
        .state
        .training_log
        .clone()
        .expect("the log is open");
    let read = read_path(&path, &ReadOptions::default()).unwrap();
    let from_cli: Vec<_> = read.runs.iter().map(|r| diagnose(&r.series())).collect();
    assert_eq!(log.findings, from_cli);
    h.get_by_label("swift-river-3");
    h.get_by_label("calm-sea-7");
    h.get_by_label_contains("Training log: wandb_export_2024-05-01.csv (wandb)");
    let verdict = gradscape::lang::title(log.findings[0][0].pattern);
    assert!(
        !h.query_all_by_label(&verdict)
            .collect::<Vec<_>>()
            .is_empty()
    );
    h.get_by_label("Close log").click();
    h.run();
    assert!(h.state().state.training_log.is_none());

    // A broken log: one line naming the file and the line.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("training.log");
    std::fs::write(&bad, "epoch,loss\n0,0.5\n1,abc\n").unwrap();
    h.state_mut()
        .state
        .actions
        .push(Action::OpenTrainingLog(bad));
    h.run();
    let err = h.state().state.error.clone().expect("an error is shown");
    assert!(err.contains("training.log: line 3"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(h.state().state.training_log.is_none());
}
