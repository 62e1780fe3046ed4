//! The status bar: per optimizer its final loss, steps taken and status, then messages.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use super::widgets::{fmt_num, ink, swatch};
use crate::core::run::{Run, RunStatus};

/// Plain words for a run's status, given where the playhead is, in the UI's language.
pub fn status_text(state: &AppState, i: usize) -> String {
    state
        .runs
        .runs
        .get(i)
        .map_or_else(String::new, |run| tr(status_key(state, run)))
}

/// The key of a run's status: "running" until the playhead reaches its end.
fn status_key(state: &AppState, run: &Run) -> &'static str {
    if state.step() < run.steps_taken() {
        return "status-running";
    }
    match run.status() {
        RunStatus::Finished => "status-finished",
        RunStatus::Converged => "status-converged",
        RunStatus::StoppedEarly => "status-stopped-early",
        RunStatus::Diverged => "status-diverged",
    }
}

/// One entry per optimizer, and the last notice or error.
pub fn status_ui(ui: &mut Ui, state: &mut AppState) {
    ui.horizontal_wrapped(|ui| {
        for (i, run) in state.runs.runs.iter().enumerate() {
            let [r, g, b] = state.color(i);
            let key = status_key(state, run);
            let status_color = match (key, run.status()) {
                ("status-running", _) => ink::PLAIN,
                (_, RunStatus::Diverged) => ink::BAD,
                (_, RunStatus::Converged) => ink::GOOD,
                (_, RunStatus::StoppedEarly) => ink::WARN,
                _ => ink::PLAIN,
            };
            swatch(ui, [r, g, b]);
            ui.label(RichText::new(&run.label).strong());
            ui.label(tr_args(
                "status-line",
                &[
                    ("loss", fmt_num(run.final_loss())),
                    ("steps", run.steps_taken().to_string()),
                ],
            ))
            .on_hover_text(tr("status-line-tip"));
            ui.label(RichText::new(tr(key)).color(status_color).strong());
            ui.add_space(14.0);
        }
        if state.updating() {
            ui.spinner();
            ui.weak(tr("runs-updating"))
                .on_hover_text(tr("runs-updating-tip"));
        }
    });
}
