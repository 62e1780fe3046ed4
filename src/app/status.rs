//! The status bar: per optimizer its final loss, steps taken and status, then messages.

use egui::{RichText, Ui};

use super::state::AppState;
use super::widgets::{fmt_num, ink, swatch};
use crate::core::run::RunStatus;

/// Plain words for a run's status, given where the playhead is.
pub fn status_text(state: &AppState, i: usize) -> &'static str {
    let Some(run) = state.runs.runs.get(i) else {
        return "";
    };
    if state.step() < run.steps_taken() {
        "running"
    } else {
        run.status().label()
    }
}

/// One entry per optimizer, and the last notice or error.
pub fn status_ui(ui: &mut Ui, state: &mut AppState) {
    ui.horizontal_wrapped(|ui| {
        for (i, run) in state.runs.runs.iter().enumerate() {
            let [r, g, b] = state.color(i);
            let status = status_text(state, i);
            let status_color = match (status, run.status()) {
                ("running", _) => ink::PLAIN,
                (_, RunStatus::Diverged) => ink::BAD,
                (_, RunStatus::Converged) => ink::GOOD,
                (_, RunStatus::StoppedEarly) => ink::WARN,
                _ => ink::PLAIN,
            };
            swatch(ui, [r, g, b]);
            ui.label(RichText::new(&run.label).strong());
            ui.label(format!("loss {} · {} steps ·", fmt_num(run.final_loss()), run.steps_taken()))
                .on_hover_text("Final loss (at the restored best point when early stopping restored it) and steps taken");
            ui.label(RichText::new(status).color(status_color).strong());
            ui.add_space(14.0);
        }
    });
}
