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
