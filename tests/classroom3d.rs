//! The classroom views driven through the app with egui_kittest: the 3-D surface, the
//! overlays at the playhead, ghost paths and sweeps.

use egui::{Key, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gradscape::app::GradscapeApp;
use gradscape::app::widgets::fmt_num;
use gradscape::core::presets;
use gradscape::core::replay::state_at;

mod common;
use common::{harness, harness_with};

fn index_of(h: &Harness<'_, GradscapeApp>, kind: &str) -> usize {
    h.state()
        .state
        .scenario
        .optimizers
        .iter()
        .position(|o| o.kind.name() == kind)
        .unwrap_or_else(|| panic!("the default scenario has no {kind}"))
}

/// Clicks optimizer `i` in the side panel's list (its label also names a legend row, a
/// plot series and the status bar).
fn select(h: &mut Harness<'_, GradscapeApp>, i: usize) {
    let label = h.state().state.runs.runs[i].label.clone();
    h.get_by_role_and_label(egui::Role::Button, &label).click();
    h.run();
}

#[test]
fn sweep_lr_replaces_the_optimizer_by_three_rates() {
    let mut h = harness();
    h.run();
    let i = index_of(&h, "adam");
    let before = h.state().state.scenario.optimizers.clone();
    let lr = before[i].lr;
    select(&mut h, i);
    h.run();
    assert_eq!(h.state().state.selected, i);
    h.get_by_label("Sweep lr").click();
    h.run();

    let state = &h.state().state;
    let opts = &state.scenario.optimizers;
    assert_eq!(opts.len(), before.len() + 2);
    for (k, f) in [0.3, 1.0, 3.0].into_iter().enumerate() {
        let o = &opts[i + k];
        assert_eq!(o.kind, before[i].kind);
        assert!((o.lr - lr * f).abs() < 1e-12, "copy {k}: lr {}", o.lr);
        assert_eq!(
            o.label.as_deref(),
            Some(format!("adam ×{}", fmt_num(f)).as_str())
        );
    }
    // Every path in its own colour, all drawn at once.
    let colors: Vec<[u8; 3]> = (0..opts.len()).map(|j| state.color(j)).collect();
    for (a, ca) in colors.iter().enumerate() {
        for cb in &colors[a + 1..] {
            assert_ne!(ca, cb, "{colors:?}");
        }
    }
    assert_eq!(state.runs.runs.len(), opts.len());
    assert!(state.visible.iter().all(|v| *v));
    for label in ["adam ×0.3", "adam ×1", "adam ×3"] {
        h.get_by_role_and_label(egui::Role::Button, label);
    }
}

#[test]
fn sweep_beta_sets_three_momentum_rates() {
    let mut h = harness();
    h.run();
    let i = index_of(&h, "momentum");
    select(&mut h, i);
    h.run();
    h.get_by_label("Sweep β").click();
    h.run();
    let opts = &h.state().state.scenario.optimizers;
    let betas: Vec<f64> = opts[i..i + 3]
        .iter()
        .map(|o| {
            assert_eq!(o.kind.name(), "momentum");
            o.kind.param("beta").expect("momentum has β")
        })
        .collect();
    assert_eq!(betas, [0.5, 0.9, 0.99]);
}

#[test]
fn the_3d_view_toggles_and_shows_the_same_playhead() {
    let mut h = harness();
    h.run();
    h.key_press(Key::R);
    h.run();
    for _ in 0..5 {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().state.step(), 5);
    let end = h.state().state.max_steps();
    h.get_by_label("Landscape");

    h.key_press(Key::Num3);
    h.run();
    assert!(h.state().state.settings.view_3d);
    assert!(
        h.query_by_label("Landscape").is_none(),
        "the map is replaced"
    );
    h.get_by_label(&format!("3-D surface, step 5 of {end}"));
    assert_eq!(h.state().state.step(), 5);

    // Stepping while in 3-D moves the same playhead.
    h.key_press(Key::ArrowRight);
    h.run();
    h.get_by_label(&format!("3-D surface, step 6 of {end}"));

    // Rotating re-projects the cached mesh, it does not sample the surface again.
    let computed = h.state().landscape.view3d.meshes_computed;
    let yaw = h.state().landscape.view3d.yaw;
    let rect = h.get_by_label_contains("3-D surface").rect();
    h.drag_at(rect.center());
    h.run();
    h.hover_at(rect.center() + vec2(80.0, 20.0));
    h.run();
    h.drop_at(rect.center() + vec2(80.0, 20.0));
    h.run();
    assert_ne!(h.state().landscape.view3d.yaw, yaw, "dragging rotates");
    assert_eq!(h.state().landscape.view3d.meshes_computed, computed);

    // Hovering a path point in 3-D hovers that step everywhere, as on the map.
    let app = h.state();
    let (run, step) = (0, 3);
    let at = app
        .landscape
        .view3d
        .screen_pos(&app.state, run, step)
        .expect("step 3 is on screen");
    h.hover_at(at);
    h.run();
    let hovered = h.state().state.hovered.expect("a step is hovered");
    assert_eq!(hovered.run, run);
    // Neighbouring steps can project within a pixel of each other.
    assert!(hovered.step.abs_diff(step) <= 1, "{hovered:?}");
    h.get_by_label_contains(&format!("step {}:", hovered.step));

    // The checkbox goes back, as the key does.
    h.get_by_label("3-D").click();
    h.run();
    assert!(!h.state().state.settings.view_3d);
    h.get_by_label("Landscape");
    h.key_press(Key::Num3);
    h.run();
    h.key_press(Key::Num3);
    h.run();
    h.get_by_label("Landscape");
    assert_eq!(h.state().state.step(), 6);
}

#[test]
fn moving_a_slider_leaves_the_previous_path_as_a_ghost() {
    let mut h = harness();
    h.run();
    assert!(h.state().state.classroom.ghosts.is_empty());
    let old = h.state().state.runs.runs[0].points.clone();
    h.get_by_role_and_label(egui::Role::Slider, "lr α")
        .set_value_accesskit(0.004);
    h.run();
    let state = &h.state().state;
    assert_ne!(state.runs.runs[0].points, old, "the path changed");
    assert_eq!(state.classroom.ghosts.len(), 1);
    assert_eq!(state.classroom.ghosts[0].run, 0);
    assert_eq!(state.classroom.ghosts[0].points, old);

    // The toggle hides them without forgetting them.
    h.get_by_label("previous path").click();
    h.run();
    assert!(!h.state().state.settings.ghosts);
    assert_eq!(h.state().state.classroom.ghosts.len(), 1);
}

#[test]
fn adam_overlay_shows_its_effective_step() {
    let mut h = harness();
    h.run();
    for _ in 0..3 {
        h.key_press(Key::ArrowLeft);
    }
    h.run();
    let state = &h.state().state;
    let step = state.step();
    let i = index_of(&h, "adam");
    let snap = state_at(&state.scenario, i, step).expect("adam replays");
    assert_eq!(snap.theta, state.runs.runs[i].points[step]);
    let kind = state.scenario.optimizers[i].kind;
    let eff = snap
        .state
        .effective_step(&kind, snap.lr)
        .expect("adam is adaptive");
    let text = format!("α/(√v̂+ε):  x = {},  y = {}", fmt_num(eff.x), fmt_num(eff.y));
    h.get_by_label(&text);
    h.get_by_label(&format!(
        "|g| = {}   lr = {}",
        fmt_num(snap.gradient.norm()),
        fmt_num(snap.lr)
    ));
}

#[test]
fn the_lr_slider_marks_where_sgd_diverges_on_a_quadratic() {
    let preset = presets::find("lr-too-high").expect("preset");
    let mut h = harness_with(preset.scenario());
    h.run();
    let rail = h.get_by_role_and_label(egui::Role::Slider, "lr α").rect();
    h.hover_at(rail.center());
    // The tooltip appears after egui's hover delay; step until it does rather than
    // guessing a frame count, which made this flaky on a loaded machine.
    let text = "SGD diverges above lr = 2/λmax = 0.1";
    let mut shown = false;
    for _ in 0..600 {
        h.step();
        if h.query_by_label_contains(text).is_some() {
            shown = true;
            break;
        }
    }
    assert!(
        shown,
        "the lr slider's tooltip should name the stability bound"
    );
}

/// On the line fit with minibatches, the playhead panel says how far the minibatch
/// gradients stray from the full-batch one, and a larger batch size brings them closer.
#[test]
fn the_line_fit_shows_minibatch_gradients_against_the_full_one() {
    let preset = presets::find("ema-weights").expect("preset");
    let mut h = harness_with(preset.scenario());
    h.state_mut().state.settings.arrows = true;
    h.run();
    let spread_of = |h: &Harness<'_, GradscapeApp>| -> f64 {
        let node = h.get_by_label_contains("their gradients stray");
        let a = node.accesskit_node();
        let line = a.value().or(a.label()).unwrap_or_default();
        let after = line.split("stray ").nth(1).expect("a spread");
        after.split(' ').next().unwrap().parse().expect("a number")
    };
    assert!(h.query_by_label_contains("minibatches of 4").is_some());
    let small = spread_of(&h);
    // Batch size 16 of 64 points: fewer, calmer minibatches.
    if let gradscape::core::scenario::SurfaceSpec::GeneratedLinreg { batch_size, .. } =
        &mut h.state_mut().state.scenario.surface
    {
        *batch_size = 16;
    } else {
        panic!("the preset generates its line-fit data");
    }
    h.state_mut().state.mark_changed();
    h.run();
    assert!(
        h.state_mut()
            .state
            .wait_for_worker(std::time::Duration::from_secs(60))
    );
    h.run();
    h.run();
    h.get_by_label_contains("minibatches of 16");
    let large = spread_of(&h);
    assert!(large < small, "{large} vs {small}");
}
