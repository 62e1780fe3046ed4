//! Training logs in the app: File ▸ Open training log… and files dropped on the window. The
//! log's runs take the loss panel (training loss as lines, validation as dots, every run of the
//! file) with their diagnosis in the UI's language; hovering a finding shows its evidence, what
//! to try and the thresholds behind the verdict. The log is read and judged exactly as
//! `gradscape diagnose` does: the same readers, the same [`crate::core::diagnosis::diagnose`].

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use super::state::{Action, AppState};
use crate::core::diagnosis::{Finding, Pattern, Thresholds};
use crate::lang::{action_for, choice, evidence, summary, thresholds, title, tr, tr_args};

pub use super::state::TrainingLog;

/// Opens the training log at `path` into the loss panel, or reports why it cannot be read.
pub fn open_into(state: &mut AppState, path: &Path) -> Result<(), String> {
    match TrainingLog::open(path) {
        Ok(log) => {
            state.notice = Some(tr_args(
                "msg-log-opened",
                &[("path", path.display().to_string())],
            ));
            state.training_log = Some(log);
            Ok(())
        }
        Err(e) => {
            let msg = tr_args("msg-open-failed", &[("error", e)]);
            state.error = Some(msg.clone());
            Err(msg)
        }
    }
}

/// Files dropped on the window: a scenario file opens as a scenario, anything else as a
/// training log.
pub fn take_dropped_files(ctx: &egui::Context, state: &mut AppState) {
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    for path in dropped {
        state.actions.push(if is_scenario_file(&path) {
            Action::OpenPath(path)
        } else {
            Action::OpenTrainingLog(path)
        });
    }
}

/// Whether `path` is a scenario file (JSON with a `surface`), not a training log.
fn is_scenario_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|v| v.get("surface").is_some() && v.get("log_history").is_none())
}

/// The hover text of a finding: its summary, evidence and action, and the thresholds behind
/// its verdict.
pub fn finding_hover(f: &Finding) -> String {
    let mut text = tr_args(
        "diagnosis-detail",
        &[
            ("summary", summary(std::slice::from_ref(f))),
            ("evidence", evidence(f)),
            ("action", action_for(f)),
        ],
    );
    let lines = thresholds(f.pattern, &Thresholds::DEFAULT);
    if !lines.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tr("diagnosis-thresholds"));
        for line in lines {
            text.push_str("\n· ");
            text.push_str(&line);
        }
    }
    text
}

/// Colours of a log's runs (the scenario's palette is for optimizers).
const RUN_COLORS: [Color32; 6] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
];

/// The loss panel while a training log is open: its curves and its diagnosis. Returns false
/// (drawing nothing) when no log is open.
pub fn loss_panel_ui(ui: &mut Ui, state: &mut AppState) -> bool {
    let Some(log) = state.training_log.as_ref() else {
        return false;
    };
    let mut close = false;
    let total = ui.available_width();
    let diag_w = (total * 0.3).clamp(220.0, 420.0);
    let plot_w = (total - diag_w - 3.0 * ui.spacing().item_spacing.x).max(160.0);
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(plot_w);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(tr_args(
                        "log-panel-title",
                        &[
                            ("name", log.file_name()),
                            ("format", log.format.id().to_string()),
                        ],
                    ))
                    .strong(),
                )
                .on_hover_text(log.path.display().to_string());
                if ui
                    .button(tr("log-close"))
                    .on_hover_text(tr("log-close-tip"))
                    .clicked()
                {
                    close = true;
                }
            });
            curves_ui(ui, log, plot_w, (height - 28.0).max(80.0));
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.set_width(diag_w);
            diagnosis_ui(ui, log);
        });
    });
    if close {
        state.training_log = None;
    }
    true
}

/// Training loss (lines) and validation loss (dots) of every run, on a log scale when every
/// value is positive.
fn curves_ui(ui: &mut Ui, log: &TrainingLog, width: f32, height: f32) {
    let log_scale = log.runs.iter().all(|r| {
        r.train
            .iter()
            .chain(&r.val)
            .filter(|v| v.is_finite())
            .all(|v| *v > 0.0)
    });
    let y = move |v: f64| -> Option<f64> {
        if !v.is_finite() {
            None
        } else if log_scale {
            Some(v.log10())
        } else {
            Some(v)
        }
    };
    let points = |steps: &[f64], values: &[f64]| -> Vec<[f64; 2]> {
        steps
            .iter()
            .zip(values)
            .filter_map(|(s, v)| Some([*s, y(*v)?]))
            .collect()
    };
    Plot::new("training log curves")
        .width(width)
        .height(height)
        .legend(Legend::default())
        .allow_drag(false)
        .y_axis_formatter(move |mark, _| {
            let v = if log_scale {
                10f64.powf(mark.value)
            } else {
                mark.value
            };
            crate::lang::num(v)
        })
        .show(ui, |plot| {
            for (i, run) in log.runs.iter().enumerate() {
                let color = RUN_COLORS[i % RUN_COLORS.len()];
                let name = log.run_name(i);
                plot.line(
                    Line::new(
                        format!("{name} · {}", tr("log-train")),
                        PlotPoints::from(points(&run.steps, &run.train)),
                    )
                    .color(color)
                    .width(2.0),
                );
                plot.add(
                    Points::new(
                        format!("{name} · {}", tr("log-val")),
                        PlotPoints::from(points(&run.val_steps, &run.val)),
                    )
                    .color(color)
                    .radius(2.5),
                );
            }
        });
}

/// Each run's verdict, its evidence and what to try; the thresholds on hover.
fn diagnosis_ui(ui: &mut Ui, log: &TrainingLog) {
    ui.label(RichText::new(tr("diagnosis")).strong())
        .on_hover_text(tr("diagnosis-tip"));
    egui::ScrollArea::vertical()
        .id_salt("training log diagnosis")
        .show(ui, |ui| {
            for (i, findings) in log.findings.iter().enumerate() {
                let color = RUN_COLORS[i % RUN_COLORS.len()];
                ui.label(RichText::new(log.run_name(i)).strong().color(color));
                ui.label(summary(findings));
                for c in &log.runs[i].choices {
                    ui.weak(choice(c));
                }
                for f in findings {
                    let ink = if f.pattern.is_problem() {
                        super::widgets::ink::WARN
                    } else {
                        super::widgets::ink::GOOD
                    };
                    ui.label(RichText::new(title(f.pattern)).color(ink))
                        .on_hover_text(finding_hover(f));
                    ui.weak(evidence(f));
                    if f.pattern != Pattern::Healthy {
                        ui.label(tr_args("log-try", &[("action", action_for(f))]));
                    }
                }
                ui.separator();
            }
        });
}
