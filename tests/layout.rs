//! The window a class can read: the landscape is the largest thing on screen at every
//! window size, in projector mode too, and every control stays reachable.

use egui::vec2;
use egui_kittest::kittest::Queryable;
use gradscape::core::presets;

mod common;
use common::harness_sized;

/// The heat map's share of the window, and the landscape's width over height.
fn map_share(w: f32, h: f32, projector: bool) -> (f32, f32) {
    let mut harness = harness_sized(presets::default_scenario(), vec2(w, h), projector);
    harness.run();
    let t = harness
        .state()
        .state
        .landscape
        .expect("the landscape was drawn");
    // Rects are in points; projector mode zooms, so compare with the window in points.
    let screen = harness.ctx.content_rect();
    (
        t.rect.area() / screen.area(),
        t.rect.width() / t.rect.height(),
    )
}

#[test]
fn the_map_takes_a_third_of_a_1280_by_800_window() {
    let (share, aspect) = map_share(1280.0, 800.0, false);
    assert!(share >= 1.0 / 3.0, "the map covers {:.1} %", 100.0 * share);
    assert!((0.5..=2.0).contains(&aspect), "aspect {aspect}");
}

#[test]
fn the_map_takes_a_third_of_a_1280_by_800_window_in_spanish_too() {
    let mut harness = harness_sized(presets::default_scenario(), vec2(1280.0, 800.0), false);
    harness.state_mut().state.settings.lang = gradscape::app::i18n::Lang::Es;
    // The first lesson's card: the longest text the side panel holds at start.
    gradscape::app::lessons::start(&mut harness.state_mut().state, 0);
    harness.run();
    let t = harness.state().state.landscape.unwrap();
    let share = t.rect.area() / harness.ctx.content_rect().area();
    gradscape::app::i18n::set_lang(gradscape::app::i18n::Lang::En);
    assert!(share >= 1.0 / 3.0, "the map covers {:.1} %", 100.0 * share);
}

#[test]
fn the_map_takes_a_fifth_of_a_projected_1024_by_768_window() {
    let (share, aspect) = map_share(1024.0, 768.0, true);
    assert!(share >= 0.2, "the map covers {:.1} %", 100.0 * share);
    assert!((0.5..=2.0).contains(&aspect), "aspect {aspect}");
}

#[test]
fn the_map_is_the_largest_thing_in_a_1024_by_640_window() {
    let mut harness = harness_sized(presets::default_scenario(), vec2(1024.0, 640.0), false);
    harness.run();
    let t = harness.state().state.landscape.unwrap();
    let screen = harness.ctx.content_rect();
    let share = t.rect.area() / screen.area();
    assert!(share >= 0.2, "the map covers {:.1} %", 100.0 * share);
    // The side panel starts folded at this width; unfolded, the map still leads.
    harness.get_by_label("Controls").click_accesskit();
    harness.run();
    assert_eq!(harness.state().state.side_open, Some(true));
    let t = harness.state().state.landscape.unwrap();
    assert!(t.rect.area() / screen.area() >= 0.15, "{:?}", t.rect);
    harness.get_by_label("Optimizers");
    // The central panel starts where the side panel ends: the map is wider than the panel.
    let side_w = harness.get_by_label("Play").rect().left();
    assert!(t.rect.width() > side_w, "{} vs {side_w}", t.rect.width());
}

#[test]
fn folded_controls_come_back_with_one_click() {
    let mut harness = harness_sized(presets::default_scenario(), vec2(1024.0, 768.0), true);
    harness.run();
    // A projected 1024 × 768 window starts with the side panel folded away ...
    assert!(harness.query_by_label("Optimizers").is_none());
    harness.get_by_label("Controls").click();
    harness.run();
    // ... and one click brings every section back.
    harness.get_by_label("Optimizers");
    // The loss panel folds and unfolds too.
    harness.get_by_label("Hide").click_accesskit();
    harness.run();
    assert!(!harness.state().state.settings.loss_open);
    harness
        .get_by_label("Show the loss curves and diagnosis")
        .click_accesskit();
    harness.run();
    assert!(harness.state().state.settings.loss_open);
}

/// The arrow key and the runs' legend never cover each other: the key takes the least
/// covered corner the legend left free (in a projected 1024×768 window they used to land in
/// the same corner, top right).
#[test]
fn the_arrow_key_keeps_clear_of_the_runs_legend() {
    for (w, h, projector) in [(1024.0, 768.0, true), (1280.0, 800.0, false)] {
        let ravine = presets::find("ravine-momentum").unwrap().scenario();
        let mut hr = harness_sized(ravine, vec2(w, h), projector);
        hr.state_mut().state.settings.lang = gradscape::app::i18n::Lang::Es;
        hr.run_steps(4);
        let (legend, key) = hr.ctx.data(|d| {
            (
                d.get_temp::<Option<egui::Rect>>(egui::Id::unique("runs legend rect"))
                    .flatten(),
                d.get_temp::<egui::Rect>(egui::Id::unique("arrow key rect")),
            )
        });
        let (legend, key) = (legend.expect("legend drawn"), key.expect("arrow key drawn"));
        assert!(
            !legend.intersects(key),
            "{w}×{h}: legend {legend:?}, key {key:?}"
        );
    }
}

/// The first screen's "Start here" card sits over the loss panel, not over the map: in a
/// projected 1024×768 window it used to cover most of the landscape.
#[test]
fn the_start_card_leaves_the_map_in_view() {
    for (w, h, projector) in [(1024.0, 768.0, true), (1280.0, 800.0, false)] {
        let mut hr = harness_sized(presets::default_scenario(), vec2(w, h), projector);
        gradscape::app::lessons::welcome(&mut hr.state_mut().state);
        hr.run_steps(3);
        hr.get_by_label("Start here");
        let card = hr
            .ctx
            .memory(|m| m.area_rect(egui::Id::unique("start here")))
            .expect("the card is drawn");
        let map = hr.state().state.landscape.unwrap().rect;
        let covered = card.intersect(map);
        let share = if covered.is_positive() {
            covered.area() / map.area()
        } else {
            0.0
        };
        assert!(
            share <= 0.15,
            "{w}×{h}: the card {card:?} covers {:.0} % of the map {map:?}",
            100.0 * share
        );
    }
}

/// The runs' legend can be dragged anywhere on the map, and stays where it was put.
#[test]
fn the_runs_legend_can_be_dragged() {
    let ravine = presets::find("ravine-momentum").unwrap().scenario();
    let mut hr = harness_sized(ravine, vec2(1280.0, 800.0), false);
    hr.run_steps(4);
    let legend = |hr: &egui_kittest::Harness<'_, gradscape::app::GradscapeApp>| {
        hr.ctx
            .data(|d| d.get_temp::<Option<egui::Rect>>(egui::Id::unique("runs legend rect")))
            .flatten()
            .expect("legend drawn")
    };
    let before = legend(&hr);
    let map = hr.state().state.landscape.unwrap().rect;
    // Towards the map's centre, whichever corner the legend started in.
    let target = map.center();
    let delta = target - before.min;
    let from = before.center();
    hr.event(egui::Event::PointerMoved(from));
    hr.run();
    hr.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    hr.run();
    for i in 1..=5 {
        hr.event(egui::Event::PointerMoved(from + delta * (i as f32 / 5.0)));
        hr.run();
    }
    hr.event(egui::Event::PointerButton {
        pos: from + delta,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    hr.run_steps(3);
    let after = legend(&hr);
    assert!(
        (after.min - target).length() < 20.0,
        "dragged to {target:?}, drawn at {after:?} (was {before:?})"
    );
    // The start point did not move: the drag belonged to the legend.
    assert_eq!(
        hr.state().state.scenario.start,
        presets::find("ravine-momentum").unwrap().scenario().start
    );
}

/// A projected window keeps the toolbar to two rows: the view toggles fold into "Show…".
#[test]
fn a_narrow_toolbar_folds_its_toggles_into_a_menu() {
    let mut hr = harness_sized(presets::default_scenario(), vec2(1024.0, 768.0), true);
    hr.state_mut().state.settings.lang = gradscape::app::i18n::Lang::Es;
    hr.run_steps(3);
    hr.get_by_label("Mostrar…");
    assert!(hr.query_by_label("curvas de nivel").is_none());
    hr.get_by_label("Mostrar…").click();
    hr.run_steps(2);
    hr.get_by_label("curvas de nivel");
    gradscape::app::i18n::set_lang(gradscape::app::i18n::Lang::En);
    let mut wide = harness_sized(presets::default_scenario(), vec2(1280.0, 800.0), false);
    wide.run_steps(2);
    assert!(wide.query_by_label("Show…").is_none());
    wide.get_by_label("contours");
}
