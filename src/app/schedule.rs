//! The learning-rate schedule editor, shared by the scenario and each optimizer, with a
//! small preview of the rate against the step.

use super::i18n::{tr, tr_args};
use egui::Ui;
use egui_plot::{Line, Plot};

use super::widgets::{beta_slider, fmt_num, int_input, lin_slider, log_slider, num_input};
use crate::core::schedule::{Decay, SCHEDULE_KINDS, Schedule};

/// What each kind does, for the picker's tooltip.
fn blurb(kind: &str) -> String {
    tr(&format!("sched-{kind}"))
}

/// Edits `schedule` in place; `steps` is the run length, `lr` the base rate the preview
/// uses. Returns whether anything changed. `id` keeps several editors apart.
pub fn schedule_editor(
    ui: &mut Ui,
    id: &str,
    schedule: &mut Schedule,
    steps: u64,
    lr: f64,
) -> bool {
    let mut changed = false;
    let current = schedule.kind();
    let mut chosen = current;
    egui::ComboBox::new(("schedule kind", id), tr("schedule"))
        .selected_text(tr(&format!("sched-kind-{current}")))
        .show_ui(ui, |ui| {
            for kind in SCHEDULE_KINDS {
                ui.selectable_value(&mut chosen, kind, tr(&format!("sched-kind-{kind}")))
                    .on_hover_text(blurb(kind));
            }
        })
        .response
        .on_hover_text(blurb(current));
    if chosen != current
        && let Some(mut s) = Schedule::default_for(chosen, steps)
    {
        s.warmup_steps = schedule.warmup_steps;
        *schedule = s;
        changed = true;
    }

    changed |= int_input(
        ui,
        &mut schedule.warmup_steps,
        0..=steps.max(1),
        &tr("warmup"),
        &tr("warmup-tip"),
    )
    .changed();

    let warmup = schedule.warmup_steps;
    match &mut schedule.decay {
        Decay::Constant => {}
        Decay::Step { milestones, gamma } => {
            changed |= milestones_input(ui, id, milestones);
            changed |= log_slider(
                ui,
                gamma,
                1e-3..=1.0,
                &tr("gamma-milestone"),
                &tr("gamma-milestone-tip"),
            )
            .changed();
        }
        Decay::Exponential { gamma } => {
            changed |= beta_slider(ui, gamma, &tr("gamma-step"), &tr("gamma-step-tip")).changed();
            *gamma = gamma.max(1e-3);
        }
        Decay::Cosine {
            total_steps,
            lr_min,
        } => {
            changed |= int_input(
                ui,
                total_steps,
                warmup + 1..=(steps.max(1) * 4).max(warmup + 1),
                &tr("cosine-t"),
                &tr("cosine-t-tip"),
            )
            .changed();
            changed |= num_input(
                ui,
                lr_min,
                0.0..=10.0,
                &tr("lr-min"),
                &tr("cosine-lr-min-tip"),
            )
            .changed();
        }
        Decay::Plateau(p) => {
            changed |= lin_slider(
                ui,
                &mut p.factor,
                0.01..=0.99,
                &tr("plateau-factor"),
                &tr("plateau-factor-tip"),
            )
            .changed();
            changed |= int_input(
                ui,
                &mut p.patience,
                0..=10_000,
                &tr("plateau-patience"),
                &tr("plateau-patience-tip"),
            )
            .changed();
            changed |= num_input(
                ui,
                &mut p.min_delta,
                0.0..=1e6,
                &tr("plateau-min-delta"),
                &tr("plateau-min-delta-tip"),
            )
            .changed();
            changed |= int_input(
                ui,
                &mut p.cooldown,
                0..=10_000,
                &tr("plateau-cooldown"),
                &tr("plateau-cooldown-tip"),
            )
            .changed();
            changed |= num_input(
                ui,
                &mut p.lr_min,
                0.0..=10.0,
                &tr("lr-min"),
                &tr("plateau-lr-min-tip"),
            )
            .changed();
        }
    }
    // Keep the schedule valid whatever was typed: T must stay after the warmup.
    if let Decay::Cosine { total_steps, .. } = &mut schedule.decay {
        *total_steps = (*total_steps).max(schedule.warmup_steps + 1);
    }

    preview(ui, id, schedule, steps, lr);
    changed
}

/// The milestones as a comma-separated list; the text being typed lives in egui's memory
/// so a half-typed list ("100, ") is not rewritten under the cursor.
fn milestones_input(ui: &mut Ui, id: &str, milestones: &mut Vec<u64>) -> bool {
    let key = ui.scope_id().with(("milestones", id));
    let canonical = milestones
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut text: String = ui
        .data_mut(|d| d.get_temp::<String>(key))
        .unwrap_or_else(|| canonical.clone());
    let mut changed = false;
    ui.horizontal(|ui| {
        let l = ui.label(tr("milestones"));
        let r = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(140.0))
            .labelled_by(l.id)
            .on_hover_text(tr("milestones-tip"));
        if r.changed() {
            let parsed: Result<Vec<u64>, _> = text
                .split([',', ' ', ';'])
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().parse::<u64>())
                .collect();
            if let Ok(mut list) = parsed {
                list.sort_unstable();
                if list != *milestones {
                    *milestones = list;
                    changed = true;
                }
            }
        }
        if r.has_focus() {
            ui.data_mut(|d| d.insert_temp(key, text.clone()));
        } else {
            ui.data_mut(|d| d.remove::<String>(key));
        }
    });
    changed
}

/// The rate against the step, as the schedule would give it with no plateau cuts.
fn preview(ui: &mut Ui, id: &str, schedule: &Schedule, steps: u64, lr: f64) {
    let n = steps.max(1);
    let stride = (n / 300).max(1);
    let points: Vec<[f64; 2]> = (0..n)
        .step_by(stride as usize)
        .chain(std::iter::once(n - 1))
        .map(|e| [e as f64 + 1.0, schedule.rate(lr, e)])
        .filter(|p| p[1].is_finite())
        .collect();
    let mut text = tr_args("preview", &[("lr", fmt_num(lr))]);
    if schedule.plateau().is_some() {
        text = format!("{text} {}", tr("preview-plateau-note"));
    }
    ui.label(text);
    Plot::new(("schedule preview", id))
        .height(80.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(true)
        .show_y(true)
        .include_y(0.0)
        .y_axis_min_width(36.0)
        .show(ui, |plot| {
            plot.line(Line::new("lr", points).width(2.0));
        });
}
