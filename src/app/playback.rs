//! The toolbar above the landscape: play/pause, step, reset, speed, the timeline, and the
//! view buttons.

use egui::{RichText, Slider, SliderClamping, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use super::widgets::fmt_num;

/// Play controls and the timeline scrubber.
pub fn playback_ui(ui: &mut Ui, state: &mut AppState) {
    let end = state.max_steps();
    ui.horizontal(|ui| {
        let play = tr(if state.playing { "pause" } else { "play" });
        if ui
            .add(egui::Button::new(RichText::new(play).strong()).min_size(egui::vec2(96.0, 0.0)))
            .on_hover_text(tr("play-tip"))
            .clicked()
        {
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
        ui.add(
            Slider::new(&mut state.settings.speed, 1.0..=5000.0)
                .logarithmic(true)
                .clamping(SliderClamping::Always)
                .custom_formatter(|v, _| fmt_num(v.round()))
                .text(tr("speed")),
        )
        .on_hover_text(tr("speed-tip"));
    });
    ui.horizontal(|ui| {
        // Whole steps: a fractional playhead would be rounded by the slider and read as
        // a user's move.
        let shown = state.step() as f64;
        let mut t = shown;
        ui.spacing_mut().slider_width = (ui.available_width() - 200.0).max(120.0);
        let r = ui
            .add(
                Slider::new(&mut t, 0.0..=end.max(1) as f64)
                    .step_by(1.0)
                    .clamping(SliderClamping::Always)
                    .custom_formatter(|v, _| format!("{v:.0}"))
                    .text(tr_args("timeline", &[("end", end.to_string())])),
            )
            .on_hover_text(tr("timeline-tip"));
        if r.changed() && t != shown {
            state.playing = false;
            state.seek(t);
        }
    });
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
    super::classroom::toggles_ui(ui, state);
}
