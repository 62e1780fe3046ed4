//! The status bar: per optimizer its loss and step at the playhead and its status, then
//! whether the runs are being recomputed.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use super::widgets::{fmt_num, ink, swatch};
use crate::core::run::{Run, RunStatus};

/// A final loss this large is no result, whatever the run's status says.
const HUGE_LOSS: f64 = 1e6;
/// Ending this many times above the starting loss (and above zero) is going the wrong way.
const ROSE_FACTOR: f64 = 10.0;

/// Plain words for a run's status, given where the playhead is, in the UI's language.
pub fn status_text(state: &AppState, i: usize) -> String {
    state
        .runs
        .runs
        .get(i)
        .map_or_else(String::new, |run| tr(status_key(state, run)))
}

/// The key of a run's status: "running" until the playhead reaches its end. A run that took
/// every step but ended at a huge loss, or far above where it started, is not just
/// "finished": the words say which.
pub fn status_key(state: &AppState, run: &Run) -> &'static str {
    if state.step() < run.steps_taken() {
        return "status-running";
    }
    match run.status() {
        RunStatus::Finished | RunStatus::Converged if ended_huge(run) => "status-finished-huge",
        RunStatus::Finished | RunStatus::Converged if ended_higher(run) => "status-finished-higher",
        RunStatus::Finished => "status-finished",
        RunStatus::Converged => "status-converged",
        RunStatus::StoppedEarly => "status-stopped-early",
        RunStatus::Diverged => "status-diverged",
    }
}

/// The run ended at a loss no one would call a result.
pub fn ended_huge(run: &Run) -> bool {
    let f = run.final_loss();
    !f.is_finite() || f.abs() >= HUGE_LOSS
}

/// The run ended well above its starting loss.
pub fn ended_higher(run: &Run) -> bool {
    let (Some(&start), end) = (run.loss.first(), run.final_loss()) else {
        return false;
    };
    start.is_finite()
        && end.is_finite()
        && end > 0.0
        && end > ROSE_FACTOR * start.max(0.0)
        && end - start > 1e-9
}

/// The loss shown for run `run` at the playhead: the step's own until the end, then the
/// final (restored-best) loss.
pub fn loss_at_playhead(state: &AppState, run: &Run) -> f64 {
    let step = state.step();
    if step < run.steps_taken() {
        run.loss.get(step).copied().unwrap_or(f64::NAN)
    } else {
        run.final_loss()
    }
}

/// One entry per optimizer, and whether new runs are on their way.
pub fn status_ui(ui: &mut Ui, state: &mut AppState) {
    ui.horizontal_wrapped(|ui| {
        let step = state.step();
        for (i, run) in state.runs.runs.iter().enumerate() {
            let [r, g, b] = state.color(i);
            let key = status_key(state, run);
            let status_color = match (key, run.status()) {
                ("status-running", _) => ink::PLAIN,
                ("status-finished-huge" | "status-finished-higher", _) => ink::BAD,
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
                    ("loss", fmt_num(loss_at_playhead(state, run))),
                    ("step", step.min(run.steps_taken()).to_string()),
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
            if let Some(p) = super::platform::progress() {
                ui.add(
                    egui::ProgressBar::new(p)
                        .desired_width(120.0)
                        .show_percentage(),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;

    #[test]
    fn a_run_that_rose_or_blew_up_is_not_just_finished() {
        let s = presets::default_scenario();
        let runs = crate::core::run::run_scenario(&s);
        let mut run = runs.runs[0].clone();
        run.diverged_at = None;
        run.stopped_at = None;
        let start = run.loss[0];
        assert!(!ended_huge(&run) && !ended_higher(&run));
        *run.loss.last_mut().unwrap() = start * 50.0 + 1.0;
        run.best_step = None;
        assert!(ended_higher(&run));
        *run.loss.last_mut().unwrap() = 1e10;
        assert!(ended_huge(&run));
    }
}
