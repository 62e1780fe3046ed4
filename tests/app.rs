//! The desktop app driven through its widgets with egui_kittest: no window, no GPU.

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gradscape::app::GradscapeApp;
use gradscape::app::state::Action;
use gradscape::core::Vec2;
use gradscape::core::presets;

mod common;
use common::{MemoryStorage, harness, harness_with, restarted};

/// The slider itself (its value box carries the same name).
fn slider<'a>(h: &'a Harness<'_, GradscapeApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(egui::Role::Slider, label)
}

fn last_point(h: &Harness<'_, GradscapeApp>, run: usize) -> Vec2 {
    *h.state().state.runs.runs[run].points.last().unwrap()
}

#[test]
fn moving_the_lr_slider_changes_the_trajectory() {
    let mut h = harness();
    h.run();
    let before = last_point(&h, 0);
    let lr_before = h.state().state.scenario.optimizers[0].lr;
    slider(&h, "lr α").set_value_accesskit(0.004);
    h.run();
    let lr = h.state().state.scenario.optimizers[0].lr;
    assert!((lr - 0.004).abs() < 1e-12, "lr {lr_before} → {lr}");
    assert_ne!(last_point(&h, 0), before);
}

#[test]
fn beta_slider_moves_by_key_presses_and_recomputes() {
    let mut h = harness();
    h.run();
    let before = last_point(&h, 0);
    slider(&h, "β (momentum)").focus();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    let kind = h.state().state.scenario.optimizers[0].kind;
    assert_eq!(kind.name(), "momentum");
    let beta = kind.param("beta").expect("momentum has β");
    assert!(beta > 0.9 && beta < 1.0, "β = {beta}");
    assert_ne!(last_point(&h, 0), before);
}

#[test]
fn typing_a_huge_lr_is_clamped_and_nothing_panics() {
    let mut h = harness();
    h.run();
    slider(&h, "lr α").set_value_accesskit(1e300);
    h.run();
    let lr = h.state().state.scenario.optimizers[0].lr;
    assert!(lr <= 10.0, "lr = {lr}");
    // A rate this large diverges: the run is cut and marked, not a crash.
    assert!(h.state().state.runs.runs[0].diverged_at.is_some());
    h.get_by_label("Play").click();
    h.run_steps(6);
}

#[test]
fn play_advances_the_playhead() {
    let mut h = harness();
    h.run();
    h.get_by_label("Reset").click();
    h.run();
    assert_eq!(h.state().state.step(), 0);
    h.get_by_label("Play").click();
    h.run_steps(5);
    let state = &h.state().state;
    assert!(state.playing);
    assert!(state.step() > 0, "playhead {}", state.playhead);
    assert!(state.step() < state.max_steps());
}

#[test]
fn keyboard_space_plays_and_arrows_step() {
    let mut h = harness();
    h.run();
    h.key_press(Key::R);
    h.run();
    assert_eq!(h.state().state.step(), 0);
    h.key_press(Key::ArrowRight);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.step(), 2);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().state.step(), 1);
    h.key_press(Key::Space);
    h.run_steps(3);
    assert!(h.state().state.playing);
    assert!(h.state().state.step() > 1);
}

#[test]
fn choosing_a_preset_changes_the_surface() {
    let mut h = harness();
    h.run();
    assert_eq!(h.state().state.scenario.surface.kind(), "rosenbrock");
    h.get_by_label("Presets").click();
    h.run();
    h.get_by_label("Himmelblau's four minima").click();
    h.run();
    assert_eq!(h.state().state.scenario.surface.kind(), "himmelblau");
}

#[test]
fn opening_a_bad_file_shows_the_error_and_keeps_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"surface\": {\"kind\": \"rosenbrock\"}, \"start\": [0, 0], \"optimizers\": [{\"kind\": \"adam\", \"lr\": -1}]}").unwrap();
    let mut h = harness();
    h.run();
    let before = h.state().state.scenario.clone();
    h.state_mut().state.actions.push(Action::OpenPath(bad));
    h.run();
    assert_eq!(h.state().state.scenario, before);
    let err = h.state().state.error.clone().expect("an error is shown");
    assert!(err.contains("optimizers[0].lr"), "{err}");
    h.get_by_label_contains("optimizers[0].lr");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().state.error.is_none());
}

#[test]
fn save_then_open_gives_the_same_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let mut h = harness();
    h.run();
    slider(&h, "lr α").set_value_accesskit(0.003);
    h.run();
    let saved = h.state().state.scenario.clone();
    h.state_mut().state.save_to(&path).unwrap();
    h.state_mut().state.load_preset("saddle-escape");
    h.run();
    h.state_mut()
        .state
        .actions
        .push(Action::OpenPath(path.clone()));
    h.run();
    assert_eq!(h.state().state.scenario, saved);
    assert_eq!(h.state().state.settings.recent.first(), Some(&path));
}

#[test]
fn dragging_the_start_point_moves_theta0() {
    let mut h = harness();
    h.run();
    let t = h.state().state.landscape.expect("the landscape was drawn");
    let start = h.state().state.scenario.start;
    let from = t.to_screen(start);
    let to = from + vec2(60.0, 40.0);
    let before = last_point(&h, 0);
    h.hover_at(from);
    h.drag_at(from);
    h.hover_at(from + vec2(10.0, 5.0));
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run();
    let moved = h.state().state.scenario.start;
    let want = t.to_world(to);
    assert!(
        (moved - want).norm() < 0.05,
        "θ0 = {moved:?}, wanted {want:?}"
    );
    assert_eq!(h.state().state.runs.runs[0].points[0], moved);
    assert_ne!(last_point(&h, 0), before);
}

#[test]
fn dragging_elsewhere_pans_and_reset_view_restores() {
    let mut h = harness();
    h.run();
    let t = h.state().state.landscape.unwrap();
    let start = h.state().state.scenario.start;
    let from = Pos2::new(t.rect.center().x + 100.0, t.rect.center().y + 60.0);
    h.hover_at(from);
    h.drag_at(from);
    h.hover_at(from + vec2(-10.0, 0.0));
    h.hover_at(from + vec2(-80.0, 0.0));
    h.run_steps(1);
    h.drop_at(from + vec2(-80.0, 0.0));
    h.run();
    let state = &h.state().state;
    assert_eq!(state.scenario.start, start, "panning must not move θ0");
    assert!(state.view_moved);
    h.get_by_label("Reset view").click();
    h.run();
    assert!(!h.state().state.view_moved);
}

#[test]
fn removing_keeps_at_least_one_optimizer() {
    let mut h = harness();
    h.run();
    for _ in 0..5 {
        if let Some(b) = h.query_by_label("Remove") {
            b.click();
        }
        h.run();
    }
    assert_eq!(h.state().state.scenario.optimizers.len(), 1);
    h.get_by_label("Duplicate").click();
    h.run();
    assert_eq!(h.state().state.scenario.optimizers.len(), 2);
    assert_eq!(h.state().state.runs.runs.len(), 2);
}

#[test]
fn a_custom_expression_shows_errors_live_and_survives_nan() {
    let mut h = harness();
    h.run();
    h.state_mut().state.set_surface_kind("custom");
    h.run();
    let good = h.state().state.scenario.surface.clone();
    h.state_mut().state.set_expr_text("x^2 + (".into());
    h.run();
    assert!(h.state().state.expr_error.is_some());
    assert_eq!(
        h.state().state.scenario.surface,
        good,
        "a bad expression keeps the last good one"
    );
    h.get_by_label_contains("Error:");
    // NaN everywhere: the heatmap goes grey, the runs diverge at step 1, nothing panics.
    h.state_mut().state.set_expr_text("sqrt(-1 - x^2)".into());
    h.run();
    assert!(h.state().state.expr_error.is_none());
    assert!(
        h.state()
            .state
            .runs
            .runs
            .iter()
            .all(|r| r.diverged_at.is_some())
    );
}

#[test]
fn a_slider_drag_reuses_the_heatmap() {
    let mut h = harness();
    h.run();
    let computed = h.state().landscape.heatmaps_computed;
    for lr in [0.001, 0.002, 0.003] {
        slider(&h, "lr α").set_value_accesskit(lr);
        h.run();
    }
    assert_eq!(h.state().landscape.heatmaps_computed, computed);
}

#[test]
fn diverging_preset_runs_without_panic() {
    let mut h = harness_with(presets::find("lr-too-high").unwrap().scenario());
    h.run();
    assert!(
        h.state()
            .state
            .runs
            .runs
            .iter()
            .any(|r| r.diverged_at.is_some())
    );
    h.get_by_label_contains("diverged");
    h.key_press_modifiers(Modifiers::NONE, Key::R);
    h.get_by_label("Play").click();
    h.run_steps(10);
}

#[test]
fn typing_a_value_into_the_lr_box_sets_it() {
    let mut h = harness();
    h.run();
    h.get_by_role_and_label(egui::Role::SpinButton, "lr α")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::SpinButton, "lr α")
        .type_text("4.2e-3");
    h.key_press(Key::Enter);
    h.run();
    let lr = h.state().state.scenario.optimizers[0].lr;
    assert!((lr - 0.0042).abs() < 1e-12, "lr = {lr}");
}

#[test]
fn hovering_a_path_highlights_the_step_and_hovering_the_plot_does_too() {
    let mut h = harness();
    h.run();
    let t = h.state().state.landscape.unwrap();
    let run = &h.state().state.runs.runs[2];
    let step = run.points.len() / 2;
    let p = t.to_screen(run.points[step]);
    h.hover_at(p);
    h.run();
    let hovered = h.state().state.hovered.expect("a step is highlighted");
    let q = h.state().state.runs.runs[hovered.run].points[hovered.step];
    assert!(t.to_screen(q).distance(p) < 18.0);
    // The readout above the landscape names it.
    h.get_by_label_contains(&format!("step {}:", hovered.step));
    // Over the loss plot, the step under the pointer is highlighted instead.
    // The loss tab's log switch sits just above the plot.
    let plot = h.get_by_role_and_label(egui::Role::CheckBox, "log").rect();
    h.hover_at(plot.left_bottom() + vec2(0.0, 40.0));
    h.run();
    let from_plot = h.state().state.hovered.expect("the plot highlights a step");
    assert_ne!(from_plot, hovered);
}

/// A desktop with no file dialog at all (no portal, no zenity).
struct NoPortal;

impl gradscape::app::files::NativeDialogs for NoPortal {
    fn pick(
        &mut self,
        _: &gradscape::app::files::FileRequest,
    ) -> gradscape::app::files::NativeOutcome {
        gradscape::app::files::NativeOutcome::Unavailable
    }
}

/// A desktop whose dialog answers with `path` every time.
struct Picks(std::path::PathBuf);

impl gradscape::app::files::NativeDialogs for Picks {
    fn pick(
        &mut self,
        _: &gradscape::app::files::FileRequest,
    ) -> gradscape::app::files::NativeOutcome {
        gradscape::app::files::NativeOutcome::Picked(self.0.clone())
    }
}

#[test]
fn the_in_app_picker_opens_when_the_desktop_has_no_dialog() {
    use gradscape::app::state::ExportKind;
    // egui_file's path and name boxes carry no accessible name, and its title and file
    // rows use emoji our fonts lack (drawn as boxes): flaws of the crate, not of what this
    // test checks.
    let mut h = egui_kittest::Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_accessibility_check(false)
        .build_eframe(|cc| GradscapeApp::new(cc, presets::default_scenario(), None));
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    h.run();
    h.state_mut().dialogs = Box::new(NoPortal);
    // File ▸ Open: the picker, not nothing.
    h.state_mut().state.actions.push(Action::OpenDialog);
    h.run();
    assert!(h.state().picker_open());
    h.get_by_label("Cancel").click_accesskit();
    h.run();
    assert!(!h.state().picker_open());
    // File ▸ Export PNG: the size window first, then its "Save…" opens the picker.
    h.state_mut()
        .state
        .actions
        .push(Action::Export(ExportKind::Png));
    h.run();
    assert_eq!(h.state().state.export_setup, Some(ExportKind::Png));
    h.get_by_label("Save…").click_accesskit();
    h.run();
    h.run();
    assert!(h.state().picker_open());
    assert_eq!(h.state().state.export_setup, None);
}

#[test]
fn export_png_and_svg_write_the_whole_figure_and_say_where() {
    use gradscape::app::state::ExportKind;
    let dir = tempfile::tempdir().unwrap();
    let png_path = dir.path().join("figure.png");
    let mut h = harness();
    h.run();
    h.state_mut().state.settings.export.width = 800;
    h.state_mut().state.settings.export.height = 450;
    h.state_mut().dialogs = Box::new(Picks(png_path.clone()));
    h.state_mut()
        .state
        .actions
        .push(Action::ExportChoose(ExportKind::Png));
    h.run();
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (800, 450));
    // The app says where it wrote, on screen.
    let notice = h.state().state.notice.clone().expect("a notice");
    assert!(notice.contains("figure.png"), "{notice}");
    h.get_by_label_contains("figure.png");

    // A name typed without an extension gets the format's.
    let svg_path = dir.path().join("figure");
    h.state_mut().dialogs = Box::new(Picks(svg_path));
    h.state_mut()
        .state
        .actions
        .push(Action::ExportChoose(ExportKind::Svg));
    h.run();
    let svg = std::fs::read_to_string(dir.path().join("figure.svg")).unwrap();
    let title = format!(">{}", h.state().state.scenario.surface.kind());
    assert!(
        svg.to_lowercase().contains(&title),
        "the title is in the SVG"
    );
    assert!(
        svg.matches("<rect ").count() >= 128,
        "the colour bar's bands"
    );

    // And where it could not write, it says why.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    h.state_mut().dialogs = Box::new(Picks(blocker.join("x.png")));
    h.state_mut()
        .state
        .actions
        .push(Action::ExportChoose(ExportKind::Png));
    h.run();
    let err = h.state().state.error.clone().expect("an error");
    assert!(err.contains("Could not export"), "{err}");
}

#[test]
fn the_first_launch_opens_on_the_start_card_with_the_first_lesson_ready() {
    let mut h = restarted(MemoryStorage::default(), presets::default_scenario());
    h.run_steps(3);
    let state = &h.state().state;
    assert!(state.start_card);
    assert_eq!(state.lesson, Some(0));
    assert_eq!(state.step(), 0);
    assert!(!state.playing);
    h.get_by_label("Start here");
    h.get_by_label("Play the first lesson").click_accesskit();
    h.run_steps(2);
    assert!(h.state().state.playing);
    assert!(!h.state().state.start_card);
    // A later launch (settings stored) opens where the last one ended, without the card.
    use eframe::App as _;
    let mut store = MemoryStorage::default();
    h.state_mut().save(&mut store);
    let mut h2 = restarted(store, presets::default_scenario());
    h2.run_steps(2);
    assert!(!h2.state().state.start_card);
}

#[test]
fn while_playing_the_status_bar_shows_the_playhead_not_the_end() {
    let mut h = harness();
    h.run();
    h.get_by_label("Reset").click();
    h.run();
    let run = &h.state().state.runs.runs[0];
    let (first, steps) = (run.loss[0], run.steps_taken());
    let shown = format!(
        "loss {} · step 0 / {steps}",
        gradscape::app::widgets::fmt_num(first)
    );
    assert!(h.query_all_by_label_contains(&shown).count() >= 1);
    // Later in the run, the loss shown is the playhead's, not the final one.
    h.key_press(Key::ArrowRight);
    h.run();
    let run = &h.state().state.runs.runs[0];
    let at_one = format!(
        "loss {} · step 1 / {steps}",
        gradscape::app::widgets::fmt_num(run.loss[1])
    );
    assert!(
        h.query_all_by_label_contains(&at_one).count() >= 1,
        "{at_one}"
    );
    assert_eq!(
        gradscape::app::status::status_text(&h.state().state, 0),
        "running"
    );
}

#[test]
fn new_restores_the_default_scenario() {
    let mut h = harness_with(presets::find("saddle-escape").unwrap().scenario());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert_eq!(h.state().state.scenario, presets::default_scenario());
}

#[test]
fn schedule_and_early_stopping_editors_work_and_warn() {
    let mut h = harness();
    h.run();
    h.get_by_label("Schedule (all optimizers)").click();
    h.run();
    // The combo sits past the side panel's first width (the panel scrolls sideways).
    h.get_by_label("LR schedule").click_accesskit();
    h.run();
    h.get_by_label("plateau").click();
    h.run();
    assert_eq!(h.state().state.scenario.schedule.kind(), "plateau");
    // Fold the sections above so the early-stopping box is on screen.
    for section in ["Surface", "Optimizers", "Run", "Schedule (all optimizers)"] {
        h.get_by_role_and_label(egui::Role::DisclosureTriangle, section)
            .click();
        h.run();
    }
    h.get_by_label("Early stopping").click();
    h.run();
    h.get_by_label("early stopping").click();
    h.run();
    assert!(h.state().state.scenario.early_stopping.is_some());
    // Default patience 10 against the plateau's 10: SPEC §6's warning shows.
    assert!(!h.state().state.scenario.warnings().is_empty());
    assert!(
        h.query_all_by_label_contains("not larger than the plateau patience")
            .count()
            > 0
    );
}

#[test]
fn keys_still_work_after_clicking_a_button() {
    let mut h = harness();
    h.run();
    h.get_by_label("Reset").click();
    h.run();
    h.get_by_label("Step").click();
    h.run();
    assert_eq!(h.state().state.step(), 1);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.step(), 2);
    h.key_press(Key::Space);
    h.run_steps(2);
    assert!(h.state().state.playing);
}

#[test]
fn the_last_scenario_and_settings_survive_a_restart() {
    use eframe::App as _;
    let mut h = harness_with(presets::find("saddle-escape").unwrap().scenario());
    h.run();
    slider(&h, "lr α").set_value_accesskit(0.02);
    h.run();
    h.state_mut().state.settings.speed = 250.0;
    let mut store = MemoryStorage::default();
    h.state_mut().save(&mut store);
    let saved = h.state().state.scenario.clone();

    // A plain `gradscape` (the default scenario, no file) gets the last session back.
    let mut h2 = restarted(store.clone(), presets::default_scenario());
    h2.run();
    assert_eq!(h2.state().state.scenario, saved);
    assert_eq!(h2.state().state.settings.speed, 250.0);

    // A scenario named on the command line wins over the stored one.
    let named = presets::find("lr-too-low").unwrap().scenario();
    let expect = named.clone();
    let mut h3 = restarted(store.clone(), named);
    h3.run();
    assert_eq!(h3.state().state.scenario, expect);
}

/// Saves to places no write can reach, even as root: under a regular file, in a folder
/// that does not exist, and over a /proc file a plain write would change. Each fails,
/// shows its error, keeps the current file, and leaves what was on disk as it was.
#[test]
fn a_failed_save_keeps_the_old_file_and_shows_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("s.json");
    let mut h = harness();
    h.run();
    h.state_mut().state.save_to(&good).unwrap();
    let old = std::fs::read_to_string(&good).unwrap();
    slider(&h, "lr α").set_value_accesskit(0.003);
    h.run();
    let not_a_dir = dir.path().join("plain file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let bad_paths = [
        not_a_dir.join("s.json"),
        dir.path().join("missing").join("s.json"),
    ];
    for bad in &bad_paths {
        let err = h.state_mut().state.save_to(bad).unwrap_err();
        assert!(err.contains("Could not save"), "{err}");
        h.run();
        // The app shows it, and the current file is still the good one.
        h.get_by_label_contains("Could not save");
        assert_eq!(h.state().state.path.as_deref(), Some(good.as_path()));
        assert!(!bad.exists());
        h.get_by_label("Dismiss").click();
        h.run();
    }
    assert_eq!(std::fs::read_to_string(&not_a_dir).unwrap(), "x");
    assert_eq!(std::fs::read_to_string(&good).unwrap(), old);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Saving over an existing file whose folder takes no new files fails as a whole: the
/// file keeps its old contents. /proc/self/comm can be written in place, so a plain
/// `fs::write` would have replaced it; the atomic write's temporary file cannot be made.
#[test]
fn a_failed_save_over_an_existing_file_keeps_its_contents() {
    let target = std::path::Path::new("/proc/self/comm");
    let Ok(before) = std::fs::read_to_string(target) else {
        return;
    };
    let mut h = harness();
    h.run();
    assert!(h.state_mut().state.save_to(target).is_err());
    h.run();
    h.get_by_label_contains("Could not save");
    assert_eq!(std::fs::read_to_string(target).unwrap(), before);
    assert_eq!(h.state().state.path, None);
    // The same for an exported image.
    h.state_mut().state.settings.export.width = 200;
    h.state_mut().state.settings.export.height = 120;
    let exported = h
        .state_mut()
        .state
        .export_to(target, gradscape::app::state::ExportKind::Png);
    assert!(exported.is_err());
    assert_eq!(std::fs::read_to_string(target).unwrap(), before);
}

/// File ▸ Export GIF / CSV / JSON write what `render` and `run` write, atomically, and a
/// failed export shows its error and keeps the old file.
#[test]
fn exports_write_gif_csv_and_json_like_the_command_line() {
    use gradscape::app::state::ExportKind;
    use gradscape::core::{output, presets, run::run_scenario};

    let dir = tempfile::tempdir().unwrap();
    let scenario = presets::find("ravine-momentum").unwrap().scenario();
    let mut state = gradscape::app::state::AppState::new(scenario.clone(), None);
    let expected = run_scenario(&scenario);

    let csv = dir.path().join("runs.csv");
    state.export_to(&csv, ExportKind::Csv).unwrap();
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        output::to_csv(&expected)
    );

    let json = dir.path().join("runs.json");
    state.export_to(&json, ExportKind::Json).unwrap();
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        gradscape::lang::run_json(&expected) + "\n"
    );

    let gif = dir.path().join("runs.gif");
    state.export_to(&gif, ExportKind::Gif).unwrap();
    let mut decoder = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    // The export size the user picked (full HD by default).
    assert_eq!((decoder.width(), decoder.height()), (1920, 1080));
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 60);

    // A folder that cannot exist: the export fails, says so, and nothing is written.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    assert!(
        state
            .export_to(&blocker.join("runs.csv"), ExportKind::Csv)
            .is_err()
    );
    assert!(state.error.as_deref().unwrap_or("").contains("runs.csv"));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

/// Tuning ▸ LR range test: the window shows the curve's three suggestions, and "Use"
/// puts the chosen rate into the selected optimizer and reruns it.
#[test]
fn the_lr_range_test_window_applies_a_suggestion() {
    use gradscape::core::lr_find::{LrFindSettings, lr_find};
    let mut h = harness();
    h.run();
    h.get_by_label("Tuning").click();
    h.run();
    h.get_by_label("LR range test…").click();
    h.run();
    h.run();
    h.get_by_label("Learning-rate range test");
    let scenario = h.state().state.scenario.clone();
    let expected = lr_find(&scenario, &LrFindSettings::default()).unwrap();
    let valley = expected.suggestions.valley.expect("a valley");
    let before = last_point(&h, 0);
    // The buttons follow the rows' order: steepest, minimum ÷ 10, valley.
    let uses: Vec<_> = h.get_all_by_label("Use").collect();
    assert_eq!(uses.len(), 3);
    uses[2].click();
    h.run();
    h.run();
    let lr = h.state().state.scenario.optimizers[0].lr;
    assert_eq!(lr, valley);
    assert_ne!(last_point(&h, 0), before, "the run follows the new rate");
    let notice = h.state().state.notice.clone().unwrap_or_default();
    assert!(notice.contains("Valley"), "{notice}");

    // "Wider" adds a decade at each end; the test is made again over the new range.
    h.get_by_label("Wider").click();
    h.run();
    h.run();
    let range = h.state().state.tuning.lr_find_range;
    assert_eq!((range.from, range.to), (1e-7, 100.0));
    let scenario = h.state().state.scenario.clone();
    let wider = lr_find(
        &scenario,
        &LrFindSettings {
            from: 1e-7,
            to: 100.0,
            ..LrFindSettings::default()
        },
    )
    .unwrap();
    assert_eq!(wider.lr.first(), Some(&1e-7));
    h.get_by_label_contains("from 1e-7 to 100 over 100 steps");
}

/// Tuning ▸ Fair comparison: the card's sentence is the verdict of `core::compare`, and
/// "Apply" gives an optimizer its tuned rate.
#[test]
fn the_fair_comparison_card_answers_better_or_better_tuned() {
    use gradscape::core::compare::{CompareSettings, Verdict, compare};
    use gradscape::core::scenario::Scenario;
    // SGD set far too low loses to Adam as given; tuned, it reaches the bottom of this bowl.
    let scenario = Scenario::from_json(
        r#"{"surface": {"kind": "quadratic", "lambda1": 1, "lambda2": 4},
            "start": [3, -2], "steps": 80,
            "optimizers": [{"kind": "sgd", "lr": 1e-5}, {"kind": "adam", "lr": 0.05}]}"#,
    )
    .unwrap();
    let c = compare(
        &scenario,
        &CompareSettings {
            budget: 80,
            ..Default::default()
        },
    )
    .unwrap();
    assert_ne!(c.verdict, Verdict::Better, "{c:?}");
    let mut h = harness_with(scenario);
    h.run();
    h.state_mut().state.tuning.compare_open = true;
    h.run();
    h.run();
    let sentence = gradscape::app::tuning::verdict_text(&c);
    assert!(sentence.contains("sgd"), "{sentence}");
    h.get_by_label(&sentence);
    // The tuned runs are drawn side by side: each keeps its whole loss curve and path,
    // budget + 1 points, and SGD's tuned run ends far lower than as given.
    h.get_by_label("The tuned runs, side by side, each with the same budget:");
    for e in &c.results {
        assert_eq!(e.tuned.loss_curve.len(), 81);
        assert_eq!(e.tuned.path.len(), 81);
    }
    let sgd = &c.results[0];
    assert!(sgd.tuned.loss_curve[80] < 1e-3 * sgd.as_given.loss_curve[80]);
    let applies: Vec<_> = h.get_all_by_label("Apply").collect();
    assert_eq!(applies.len(), 2);
    applies[0].click();
    h.run();
    assert_eq!(
        h.state().state.scenario.optimizers[0].lr,
        c.results[0].tuned.lr
    );
}

/// File ▸ Export as PyTorch code writes what `gradscape export --to pytorch` writes.
#[test]
fn export_as_pytorch_code_writes_the_script() {
    use gradscape::app::state::ExportKind;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("run");
    let mut h = harness();
    h.run();
    h.state_mut().dialogs = Box::new(Picks(target));
    h.state_mut()
        .state
        .actions
        .push(Action::Export(ExportKind::PyTorch));
    h.run();
    let written = std::fs::read_to_string(dir.path().join("run.py")).unwrap();
    let expected =
        gradscape::core::export::to_pytorch(&h.state().state.scenario_to_save(), "(unsaved)")
            .unwrap();
    assert_eq!(written, expected);
    assert!(
        h.state()
            .state
            .notice
            .clone()
            .unwrap_or_default()
            .contains("run.py")
    );
}

/// Tuning ▸ Hyperparameter map: a map of the selected optimizer, its current setting
/// ringed; a click on a cell applies that cell's lr and momentum, and the map follows.
#[test]
fn the_hyperparameter_map_applies_a_clicked_cell() {
    let ravine = gradscape::core::presets::find("ravine-momentum")
        .unwrap()
        .scenario();
    let mut h = harness_with(ravine);
    h.run();
    h.state_mut().state.selected = 1; // momentum β = 0.5
    h.state_mut().state.tuning.map_cells = 16;
    h.get_by_label("Tuning").click();
    h.run();
    h.get_by_label("Hyperparameter map…").click();
    h.run_steps(3);
    assert!(h.state().state.tuning.map_open);
    h.get_by_label("Hyperparameter map");
    let before = h.state().state.scenario.optimizers[1].clone();
    let grid = h
        .ctx
        .data(|d| d.get_temp::<egui::Rect>(egui::Id::unique("map grid rect")))
        .expect("the grid is drawn");
    // The lower-left cell: the smallest lr and momentum of the grid.
    let target = grid.left_bottom() + vec2(4.0, -4.0);
    h.event(egui::Event::PointerMoved(target));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: target,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(3);
    let after = &h.state().state.scenario.optimizers[1];
    assert!(after.lr < before.lr, "lr {} -> {}", before.lr, after.lr);
    assert_ne!(after.kind, before.kind, "the momentum moved too");
}

/// A frame at rest clips and decimates no path again; a step forward adds only the new
/// points (one per run) and rebuilds nothing; the 3-D view lifts nothing at rest either.
/// Dragging one optimizer's lr recomputes its run only, and rebuilds only its path.
#[test]
fn frames_at_rest_and_playhead_steps_redo_no_geometry() {
    let mut h = harness();
    h.run();
    let runs = h.state().state.runs.runs.len() as u64;
    let paths = |h: &Harness<'_, GradscapeApp>| {
        let p = &h.state().landscape.paths;
        (p.rebuilt, p.points_fed)
    };
    let (rebuilt, fed) = paths(&h);
    assert!(fed > 0);
    h.run();
    h.run();
    assert_eq!(paths(&h), (rebuilt, fed), "nothing redone at rest");

    h.state_mut().state.seek(10.0);
    h.run();
    let (rebuilt, fed) = paths(&h);
    h.state_mut().state.step_by(1);
    h.run();
    assert_eq!(paths(&h), (rebuilt, fed + runs), "one new point per run");

    let computed = h.state().state.runs_computed;
    slider(&h, "lr α").set_value_accesskit(0.004);
    h.run();
    assert_eq!(
        h.state().state.runs_computed,
        computed + 1,
        "one run of {runs}"
    );
    assert_eq!(paths(&h).0, rebuilt + 1, "one path cut anew");

    h.state_mut().state.settings.view_3d = true;
    h.run();
    let lifted = |h: &Harness<'_, GradscapeApp>| {
        let v = &h.state().landscape.view3d;
        (v.paths_rebuilt, v.points_lifted)
    };
    let (rebuilt3, lifted3) = lifted(&h);
    assert!(lifted3 > 0);
    h.run();
    assert_eq!(lifted(&h), (rebuilt3, lifted3), "nothing lifted at rest");
    h.state_mut().state.step_by(1);
    h.run();
    assert_eq!(lifted(&h), (rebuilt3, lifted3 + runs));
}
