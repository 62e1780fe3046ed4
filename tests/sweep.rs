//! A sweep of the whole app through its widgets: every slider and number box to its
//! extremes and to seeded random values, on every surface kind and optimizer kind, every
//! schedule kind, every preset and every lesson. After each action a frame must run without
//! a panic, and at the end of each round the UI must still answer.

use egui::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gradscape::app::GradscapeApp;
use gradscape::app::lessons::LESSONS;
use gradscape::core::optimizers::OPTIMIZER_KINDS;
use gradscape::core::presets::{self, PRESETS};
use gradscape::core::schedule::{Decay, SCHEDULE_KINDS};
use gradscape::core::surfaces::SURFACE_KINDS;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Above this a number box counts things (steps, milestones, patience): the sweep keeps
/// it below, so a debug build does not simulate millions of steps on every change. The
/// long-run test covers 10⁶ steps.
const COUNT_CAP: f64 = 3000.0;

fn harness() -> Harness<'static, GradscapeApp> {
    let scenario = presets::default_scenario();
    // The sweep types an emoji the bundled fonts lack: the app (like egui by default)
    // draws a placeholder for it, where kittest would panic.
    Harness::builder()
        .with_size(vec2(1280.0, 900.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| GradscapeApp::new(cc, scenario, None))
}

/// One numeric widget as the accessibility tree shows it.
struct Knob {
    role: Role,
    /// Its position among the widgets of its role (labels repeat: "β1" in two places).
    index: usize,
    min: f64,
    max: f64,
    label: String,
}

fn knobs(h: &Harness<'_, GradscapeApp>) -> Vec<Knob> {
    let mut out = Vec::new();
    for role in [Role::Slider, Role::SpinButton] {
        for (index, node) in h.get_all_by_role(role).enumerate() {
            let a = node.accesskit_node();
            let value = a.numeric_value().unwrap_or(0.0);
            let min = a.min_numeric_value().unwrap_or(value - 1.0);
            let max = a.max_numeric_value().unwrap_or(value + 1.0);
            out.push(Knob {
                role,
                index,
                min,
                max,
                label: a.label().unwrap_or_default(),
            });
        }
    }
    out
}

/// Sets knob `k` to `v`, if it is still there (an earlier change can remove widgets).
fn set(h: &mut Harness<'_, GradscapeApp>, k: &Knob, v: f64) {
    let Some(node) = h.get_all_by_role(k.role).nth(k.index) else {
        return;
    };
    node.set_value_accesskit(v);
    h.run();
}

/// Every knob on screen to its minimum, its maximum and `random` random values.
fn sweep_knobs(
    h: &mut Harness<'_, GradscapeApp>,
    rng: &mut ChaCha8Rng,
    random: usize,
    skip: &[String],
) {
    let ks: Vec<Knob> = knobs(h)
        .into_iter()
        .filter(|k| !skip.contains(&k.label))
        .collect();
    for k in ks {
        let hi = if k.max > COUNT_CAP && k.min >= 0.0 {
            COUNT_CAP
        } else {
            k.max
        };
        let lo = k.min;
        set(h, &k, lo);
        set(h, &k, hi);
        for _ in 0..random {
            let v = if hi > lo {
                rng.random_range(lo..=hi)
            } else {
                lo
            };
            set(h, &k, v);
        }
    }
}

/// Text nobody should have to handle: broken, huge, negative, empty, not numbers.
const NASTY_TEXTS: [&str; 8] = [
    "",
    "x^2 + (",
    "1/0 * x",
    "sqrt(-1) + y",
    "exp(exp(exp(x)))",
    "-1, 99999999999999999999, 0",
    "1e308",
    "💥",
];

/// Types each of [`NASTY_TEXTS`] into every text box on screen (select all, then type), and
/// finally `last` so the box ends on something sensible.
fn sweep_texts(h: &mut Harness<'_, GradscapeApp>, last: &str) {
    let boxes = h.query_all_by_role(Role::TextInput).count();
    for k in 0..boxes {
        for text in NASTY_TEXTS.into_iter().chain([last]) {
            let Some(node) = h.query_all_by_role(Role::TextInput).nth(k) else {
                break;
            };
            node.focus();
            h.run();
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
            h.run();
            h.query_all_by_role(Role::TextInput)
                .nth(k)
                .unwrap()
                .type_text(text);
            h.run();
        }
        h.key_press(egui::Key::Enter);
        h.run();
    }
}

/// Opens combo box `label` and picks `item` from it.
fn choose(h: &mut Harness<'_, GradscapeApp>, label: &str, item: &str) {
    h.get_by_role_and_label(Role::ComboBox, label).click();
    h.run();
    // The combo's popup is the last thing drawn: its entry is the last node so named.
    // Clicked through accesskit: the popup scrolls, and the entry may lie below its fold.
    // Not the status bar's label of a run named like the entry.
    h.get_all_by_label(item)
        .rfind(|n| n.accesskit_node().role() != Role::Label)
        .unwrap_or_else(|| panic!("no {item} in {label}"))
        .click_accesskit();
    h.run();
}

/// The UI still answers: Play turns into Pause and back, and the status bar names every
/// optimizer.
fn still_answers(h: &mut Harness<'_, GradscapeApp>) {
    // Let go of whatever the sweep left focused or open.
    h.key_press(egui::Key::Escape);
    h.run();
    // From the start and slowly (the sweep may have left the speed at 5000 steps/s), so a
    // short run cannot end, and Pause start it over, before Pause is pressed.
    h.state_mut().state.settings.speed = 10.0;
    h.get_by_label("Reset").click();
    h.run();
    h.get_by_label("Play").click();
    h.run_steps(2);
    assert!(h.state().state.playing, "Play did not start the animation");
    if h.state().state.playing {
        h.get_by_label("Pause").click();
        h.run_steps(2);
    }
    assert!(
        !h.state().state.playing,
        "Pause did not stop the animation: {:?} at step {} of {}",
        h.query_all_by_label("Pause").count(),
        h.state().state.step(),
        h.state().state.max_steps()
    );
    h.run();
    let n = h.state().state.scenario.optimizers.len();
    assert_eq!(h.state().state.runs.runs.len(), n);
    let lines = h.query_all_by_label_contains(" · step ").count();
    assert_eq!(lines, n, "the status bar shows every optimizer");
}

/// Opens or folds side-panel section `title`.
fn section(h: &mut Harness<'_, GradscapeApp>, title: &str) {
    h.get_by_role_and_label(Role::DisclosureTriangle, title)
        .click();
    h.run();
}

#[test]
fn every_control_to_its_extremes_and_random_values() {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed);
    let mut h = harness();
    h.run();
    // First everything open by default (surface, optimizers, run, the playhead), once.
    sweep_knobs(&mut h, &mut rng, 1, &[]);
    still_answers(&mut h);
    // Then one section at a time, so each kind sweeps its own knobs (and the playback bar).
    section(&mut h, "Optimizers");
    section(&mut h, "Run");
    section(&mut h, "At the playhead");
    section(&mut h, "Surface");
    // What is left (the playback bar) was swept above: each kind sweeps its own knobs.
    let swept: Vec<String> = knobs(&h).into_iter().map(|k| k.label).collect();
    section(&mut h, "Surface");
    for &surface in SURFACE_KINDS {
        // The picker names surfaces by their titles in the UI's language.
        let name = if surface == "custom" {
            gradscape::app::i18n::tr("surface-pick-custom")
        } else {
            gradscape::app::i18n::tr(&format!("surface-title-{surface}"))
        };
        choose(&mut h, "Surface", &name);
        assert_eq!(h.state().state.scenario.surface.kind(), surface);
        sweep_knobs(&mut h, &mut rng, 1, &swept);
        if surface == "custom" {
            sweep_texts(&mut h, "x^2 + 3*y^2");
            assert_eq!(h.state().state.expr_text, "x^2 + 3*y^2");
            assert!(h.state().state.expr_error.is_none());
        }
        still_answers(&mut h);
    }
    section(&mut h, "Surface");
    section(&mut h, "Optimizers");
    for &kind in OPTIMIZER_KINDS {
        choose(&mut h, "Kind", kind);
        assert_eq!(h.state().state.scenario.optimizers[0].kind.name(), kind);
        sweep_knobs(&mut h, &mut rng, 1, &swept);
        still_answers(&mut h);
    }
    section(&mut h, "Optimizers");
    section(&mut h, "Schedule (all optimizers)");
    section(&mut h, "Early stopping");
    h.get_by_label("early stopping").click();
    h.run();
    assert!(h.state().state.scenario.early_stopping.is_some());
    for kind in SCHEDULE_KINDS {
        choose(&mut h, "LR schedule", kind);
        assert_eq!(h.state().state.scenario.schedule.kind(), kind);
        sweep_knobs(&mut h, &mut rng, 1, &swept);
        sweep_texts(&mut h, "100, 200");
        if kind == "step" {
            let decay = &h.state().state.scenario.schedule.decay;
            assert!(
                matches!(decay, Decay::Step { milestones, .. } if milestones == &[100, 200]),
                "{decay:?}"
            );
        }
        still_answers(&mut h);
    }
}

#[test]
fn every_preset_and_lesson_loads_and_the_ui_answers() {
    let mut h = harness();
    h.run();
    for p in PRESETS {
        h.get_by_label("Presets").click();
        h.run();
        h.get_by_label(&gradscape::app::i18n::tr(&format!(
            "preset-title-{}",
            p.name
        )))
        .click();
        h.run();
        assert_eq!(h.state().state.scenario, p.scenario(), "preset {}", p.name);
        still_answers(&mut h);
    }
    for (i, lesson) in LESSONS.iter().enumerate() {
        h.get_by_label("Lessons").click();
        h.run();
        h.get_by_label(&format!("{}. {}", i + 1, lesson.title()))
            .click();
        h.run();
        assert_eq!(h.state().state.lesson, Some(i));
        still_answers(&mut h);
    }
}

/// Steps the frames until the worker's runs have arrived; the number of frames it took.
fn wait_for_runs(h: &mut Harness<'_, GradscapeApp>) -> usize {
    use std::time::{Duration, Instant};
    let start = Instant::now();
    let mut frames = 0;
    while h.state().state.updating() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the runs never arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
        frames += 1;
    }
    frames
}

/// A 10⁶-step scenario: its runs are computed off the UI thread, the UI answers while
/// they are, and once they arrive the plots draw them decimated.
#[test]
fn a_million_steps_keep_the_ui_answering() {
    use gradscape::app::loss_panel::{MAX_CURVE_POINTS, plotted_points};
    use gradscape::core::scenario::Scenario;

    let long = Scenario::from_json(
        r#"{"surface": {"kind": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 1000000,
            "optimizers": [{"kind": "adam", "lr": 0.002}]}"#,
    )
    .unwrap();
    let mut h = harness();
    h.run();
    let before = h.state().state.runs.runs[0].points.len();
    h.state_mut().state.set_scenario(long, None);
    // The frame that asked for the runs does not wait for them: it ends with the request
    // pending and nothing of the long run installed.
    h.step();
    assert!(h.state().state.updating());
    assert!(
        h.state()
            .state
            .runs
            .runs
            .iter()
            .all(|r| r.points.len() <= before.max(1))
    );
    h.step();
    h.get_by_label("Updating…");
    let frames = wait_for_runs(&mut h);
    let state = &h.state().state;
    assert_eq!(state.runs.runs[0].points.len(), 1_000_001);
    assert_eq!(state.diagnoses.len(), 1, "diagnosed on the worker");
    assert!(!state.diagnoses_stale());
    let end = *state.runs.runs[0].points.last().unwrap();
    // Shown in full, each plotted line decimated.
    h.run_steps(2);
    let plotted = plotted_points(&h.ctx);
    assert!(
        plotted > 100 && plotted <= MAX_CURVE_POINTS,
        "{plotted} points"
    );
    assert!(h.query_by_label("Updating…").is_none());

    // A slider moved: the frame does not wait, the old runs stay on screen meanwhile, and
    // the UI answers: Play turns into Pause, and back.
    h.get_by_role_and_label(egui::Role::Slider, "lr α")
        .set_value_accesskit(0.004);
    h.step();
    assert!(h.state().state.updating());
    assert_eq!(h.state().state.runs.runs[0].points.len(), 1_000_001);
    h.get_by_label("Reset").click();
    h.step();
    h.get_by_label("Play").click();
    h.step();
    h.step();
    assert!(h.state().state.playing);
    h.get_by_label("Pause").click();
    h.step();
    assert!(!h.state().state.playing);
    let frames_2 = wait_for_runs(&mut h);
    assert_ne!(*h.state().state.runs.runs[0].points.last().unwrap(), end);
    eprintln!("{frames} frames waiting, then {frames_2} after a slider move");
}
