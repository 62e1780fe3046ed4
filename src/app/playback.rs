//! The toolbar above the landscape: play/pause, step, reset, speed, the timeline, and the
//! view buttons.

use egui::{RichText, Slider, SliderClamping, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use super::widgets::fmt_num;

/// The two rows above the landscape: play controls and the timeline; then the speed and
/// the view toggles. Where the toggles would not fit on the speed's row (a narrow or
/// projected window) they fold into one "Show" menu: every wrapped row is taken from the
/// landscape's height.
pub fn toolbar_ui(ui: &mut Ui, state: &mut AppState) {
    playback_ui(ui, state);
    ui.horizontal(|ui| {
        speed_ui(ui, state);
        ui.separator();
        if ui.available_width() >= view_buttons_width(ui) {
            view_buttons_ui(ui, state);
        } else {
            ui.menu_button(tr("show-menu"), |ui| view_buttons_ui(ui, state))
                .response
                .on_hover_text(tr("show-menu-tip"));
        }
    });
}

/// The width the view buttons take on one row, measured in the current language and size.
fn view_buttons_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let spacing = ui.spacing();
    let per_box = spacing.icon_width + spacing.icon_spacing + spacing.item_spacing.x;
    let text = |key: &str| {
        ui.painter()
            .layout_no_wrap(tr(key), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    let boxes = [
        "contours",
        "legends",
        "view3d-toggle",
        "overlay-arrows",
        "ghost-toggle",
    ];
    text("reset-view")
        + 2.0 * spacing.button_padding.x
        + spacing.item_spacing.x
        + boxes.iter().map(|k| text(k) + per_box).sum::<f32>()
}

/// Where the Play button's rectangle is kept in egui's memory (the web page shows it to
/// its browser test).
pub fn play_button_id() -> egui::Id {
    egui::Id::unique("gradscape play button")
}

/// Play, step, reset and the timeline scrubber.
pub fn playback_ui(ui: &mut Ui, state: &mut AppState) {
    let end = state.max_steps();
    ui.horizontal(|ui| {
        let play = tr(if state.playing { "pause" } else { "play" });
        let button = ui
            .add(egui::Button::new(RichText::new(play).strong()).min_size(egui::vec2(96.0, 0.0)))
            .on_hover_text(tr("play-tip"));
        ui.ctx()
            .data_mut(|d| d.insert_temp(play_button_id(), button.rect));
        if button.clicked() {
            state.toggle_play();
        }
        if ui
            .button(tr("step"))
            .on_hover_text(tr("step-tip"))
            .clicked()
        {
            state.step_by(1);
        }
        if ui
            .button(tr("reset"))
            .on_hover_text(tr("reset-tip"))
            .clicked()
        {
            state.reset_playback();
        }
        // Whole steps: a fractional playhead would be rounded by the slider and read as
        // a user's move.
        let shown = state.step() as f64;
        let mut t = shown;
        let label = tr_args("timeline", &[("end", end.to_string())]);
        let label_w = ui
            .painter()
            .layout_no_wrap(
                label.clone(),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::WHITE,
            )
            .size()
            .x;
        ui.spacing_mut().slider_width = (ui.available_width() - label_w - 90.0).max(100.0);
        let r = ui
            .add(
                Slider::new(&mut t, 0.0..=end.max(1) as f64)
                    .step_by(1.0)
                    .clamping(SliderClamping::Always)
                    .custom_formatter(|v, _| format!("{v:.0}"))
                    .text(label),
            )
            .on_hover_text(tr("timeline-tip"));
        if r.changed() && t != shown {
            state.playing = false;
            state.seek(t);
        }
    });
}

/// The playback speed.
fn speed_ui(ui: &mut Ui, state: &mut AppState) {
    ui.spacing_mut().slider_width = 110.0;
    ui.add(
        Slider::new(&mut state.settings.speed, 1.0..=5000.0)
            .logarithmic(true)
            .clamping(SliderClamping::Always)
            .custom_formatter(|v, _| fmt_num(v.round()))
            .text(tr("speed")),
    )
    .on_hover_text(tr("speed-tip"));
}

/// View buttons shown next to the playback controls.
pub fn view_buttons_ui(ui: &mut Ui, state: &mut AppState) {
    if ui
        .button(tr("reset-view"))
        .on_hover_text(tr("reset-view-tip"))
        .clicked()
    {
        state.reset_view();
    }
    ui.checkbox(&mut state.settings.contours, tr("contours"))
        .on_hover_text(tr("contours-tip"));
    ui.checkbox(&mut state.settings.legends, tr("legends"))
        .on_hover_text(tr("menu-legends-tip"));
    super::classroom::toggles_ui(ui, state);
}
