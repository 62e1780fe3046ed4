//! The toolbar above the landscape: play/pause, step, reset, speed, the timeline, and the
//! view buttons.

use egui::{RichText, Slider, SliderClamping, Ui};

use super::state::AppState;
use super::widgets::fmt_num;

/// Play controls and the timeline scrubber.
pub fn playback_ui(ui: &mut Ui, state: &mut AppState) {
    let end = state.max_steps();
    ui.horizontal(|ui| {
        let play = if state.playing { "Pause" } else { "Play" };
        if ui
            .add(egui::Button::new(RichText::new(play).strong()).min_size(egui::vec2(96.0, 0.0)))
            .on_hover_text("Play or pause the animation (Space)")
            .clicked()
        {
            state.toggle_play();
        }
        if ui
            .button("Step")
            .on_hover_text("One step forward (Right arrow); Left arrow goes one back")
            .clicked()
        {
            state.step_by(1);
        }
        if ui
            .button("Reset")
            .on_hover_text("Back to step 0 (R)")
            .clicked()
        {
            state.reset_playback();
        }
        ui.add(
            Slider::new(&mut state.settings.speed, 1.0..=5000.0)
                .logarithmic(true)
                .clamping(SliderClamping::Always)
                .custom_formatter(|v, _| fmt_num(v.round()))
                .text("steps/s"),
        )
        .on_hover_text("Playback speed, in optimizer steps per second");
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
                    .text(format!("/ {end} steps")),
            )
            .on_hover_text("The timeline: drag to show the runs up to any step");
        if r.changed() && t != shown {
            state.playing = false;
            state.seek(t);
        }
    });
}

/// View buttons shown next to the playback controls.
pub fn view_buttons_ui(ui: &mut Ui, state: &mut AppState) {
    if ui
        .button("Reset view")
        .on_hover_text("Back to the scenario's region of the plane (or double-click the landscape)")
        .clicked()
    {
        state.reset_view();
    }
    ui.checkbox(&mut state.settings.contours, "contours")
        .on_hover_text("Lines of equal loss");
}
