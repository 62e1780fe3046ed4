//! The side panel's scenario controls: the surface and its parameters, the gradient
//! pipeline, the run length, and early stopping.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::schedule::schedule_editor;
use super::state::AppState;
use super::widgets::{int_input, lin_slider, log_slider, num_input, param_controls};
use crate::core::Vec2;
use crate::core::early_stop::EarlyStopping;
use crate::core::scenario::SurfaceSpec;
use crate::core::surfaces::{SURFACES, Surface, info_of};

/// Steps per run the app offers. Long scenarios are computed off the UI thread (see
/// `state::SYNC_STEP_LIMIT`) and plotted decimated, so a million stays interactive.
pub const APP_MAX_STEPS: u64 = 1_000_000;
/// θ0 and the validation shift are kept within this box, so typing 1e300 stays harmless.
const COORD_LIMIT: f64 = 1e4;

/// What a surface is, in one line, for the picker's tooltip.
fn surface_blurb(kind: &str) -> String {
    info_of(kind).map_or_else(String::new, |i| tr(i.tip_key))
}

/// A surface's name in the picker: its title ("Line fit", "Cuadrática"); the typed one is
/// named apart, its title being the start of a formula.
fn surface_name(id: &str) -> String {
    if id == "custom" {
        tr("surface-pick-custom")
    } else {
        tr(&format!("surface-title-{id}"))
    }
}

/// The surface picker and the chosen surface's parameters.
pub fn surface_ui(ui: &mut Ui, state: &mut AppState) {
    let current = state.scenario.surface.kind();
    let mut chosen = current;
    egui::ComboBox::new("surface kind", tr("surface"))
        .selected_text(surface_name(current))
        .width(170.0)
        .show_ui(ui, |ui| {
            for info in SURFACES {
                ui.selectable_value(&mut chosen, info.id, surface_name(info.id))
                    .on_hover_text(tr(info.tip_key));
            }
        })
        .response
        .on_hover_text(surface_blurb(current));
    if chosen != current {
        state.set_surface_kind(chosen);
    }

    let mut changed = false;
    match &mut state.scenario.surface {
        SurfaceSpec::Fixed(Surface::Linreg(l)) => {
            let mut b = l.batch_size as u64;
            if int_input(
                ui,
                &mut b,
                1..=l.train.len().max(1) as u64,
                &tr("batch-size"),
                &tr("batch-size-tip"),
            )
            .changed()
            {
                l.batch_size = b as usize;
                changed = true;
            }
        }
        SurfaceSpec::GeneratedLinreg { gen_, batch_size } => {
            let mut b = *batch_size as u64;
            if int_input(
                ui,
                &mut b,
                1..=gen_.n_train.max(1),
                &tr("batch-size"),
                &tr("batch-size-tip"),
            )
            .changed()
            {
                *batch_size = b as usize;
                changed = true;
            }
            changed |= int_input(
                ui,
                &mut gen_.n_train,
                1..=10_000,
                &tr("linreg-n-train"),
                &tr("linreg-n-train-tip"),
            )
            .changed();
            changed |= int_input(
                ui,
                &mut gen_.n_val,
                1..=10_000,
                &tr("linreg-n-val"),
                &tr("linreg-n-val-tip"),
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.w_true,
                -5.0..=5.0,
                &tr("linreg-w"),
                &tr("linreg-w-tip"),
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.b_true,
                -5.0..=5.0,
                &tr("linreg-b"),
                &tr("linreg-b-tip"),
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.noise,
                0.0..=5.0,
                &tr("linreg-noise"),
                &tr("linreg-noise-tip"),
            )
            .changed();
            *batch_size = (*batch_size).clamp(1, gen_.n_train.max(1) as usize);
        }
        SurfaceSpec::Fixed(Surface::Custom(_)) => {
            ui.label("f(x, y) =");
            let mut text = state.expr_text.clone();
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Monospace),
                )
                .on_hover_text(tr("expr-tip"));
            if response.changed() {
                state.set_expr_text(text);
            }
            match &state.expr_error {
                Some(e) => {
                    ui.colored_label(
                        super::widgets::ink::BAD,
                        tr_args("msg-error", &[("error", e.clone())]),
                    );
                }
                None => {
                    ui.label(RichText::new(tr("expr-ok")).color(super::widgets::ink::GOOD));
                }
            }
        }
        SurfaceSpec::Fixed(surface) => {
            let info = surface.info();
            let mut values = surface.values();
            if info.params.is_empty() {
                ui.weak(tr("surface-no-params"));
            } else if param_controls(ui, info.params, &mut values)
                && let Some(s) = Surface::with_values(info.id, &values)
            {
                *surface = s;
                changed = true;
            }
        }
    }
    if changed {
        state.mark_changed();
    }
}

/// The gradient pipeline (noise, clipping), the validation shift, and the run's length.
pub fn run_settings_ui(ui: &mut Ui, state: &mut AppState) {
    let s = &mut state.scenario;
    let mut changed = false;

    let (mut x, mut y) = (s.start.x, s.start.y);
    ui.horizontal(|ui| {
        ui.label(tr("start")).on_hover_text(tr("start-tip"));
        for (v, name) in [(&mut x, "x"), (&mut y, "y")] {
            let l = ui.label(name);
            let r = ui.add(
                egui::DragValue::new(v)
                    .range(-COORD_LIMIT..=COORD_LIMIT)
                    .speed(0.01)
                    .custom_formatter(|v, _| super::widgets::fmt_num(v))
                    .custom_parser(super::widgets::parse_num),
            );
            changed |= r.labelled_by(l.id).changed();
        }
    });
    if changed {
        state.set_start(Vec2::new(x, y));
        changed = false;
    }
    let s = &mut state.scenario;

    changed |= int_input(
        ui,
        &mut s.steps,
        1..=APP_MAX_STEPS,
        &tr("steps"),
        &tr("steps-tip"),
    )
    .changed();
    changed |= int_input(
        ui,
        &mut s.seed,
        0..=u32::MAX as u64,
        &tr("seed"),
        &tr("seed-tip"),
    )
    .changed();
    changed |= int_input(
        ui,
        &mut s.eval_every,
        1..=1000,
        &tr("eval-every"),
        &tr("eval-every-tip"),
    )
    .changed();

    ui.add_space(4.0);
    let mut noisy = s.grad_noise > 0.0;
    if ui
        .checkbox(&mut noisy, tr("grad-noise"))
        .on_hover_text(tr("grad-noise-tip"))
        .changed()
    {
        s.grad_noise = if noisy { 1.0 } else { 0.0 };
        changed = true;
    }
    if noisy {
        changed |= log_slider(
            ui,
            &mut s.grad_noise,
            1e-3..=100.0,
            &tr("noise-sigma"),
            &tr("noise-sigma-tip"),
        )
        .changed();
    }

    let mut clip = s.grad_clip.is_some();
    if ui
        .checkbox(&mut clip, tr("grad-clip"))
        .on_hover_text(tr("grad-clip-tip"))
        .changed()
    {
        s.grad_clip = clip.then_some(10.0);
        changed = true;
    }
    if let Some(c) = &mut s.grad_clip {
        changed |= log_slider(ui, c, 1e-3..=1e4, &tr("clip-c"), &tr("clip-c-tip")).changed();
    }

    let mut shift = [s.val_shift.x, s.val_shift.y];
    ui.horizontal(|ui| {
        ui.label(tr("val-shift")).on_hover_text(tr("val-shift-tip"));
        for (v, name) in shift.iter_mut().zip(["x", "y"]) {
            let l = ui.label(name);
            let r = ui.add(
                egui::DragValue::new(v)
                    .range(-COORD_LIMIT..=COORD_LIMIT)
                    .speed(0.01)
                    .custom_formatter(|v, _| super::widgets::fmt_num(v))
                    .custom_parser(super::widgets::parse_num),
            );
            changed |= r.labelled_by(l.id).changed();
        }
    });
    s.val_shift = Vec2::new(shift[0], shift[1]);

    if changed {
        state.mark_changed();
    }
}

/// The scenario-wide schedule (used by every optimizer without its own).
pub fn scenario_schedule_ui(ui: &mut Ui, state: &mut AppState) {
    let steps = state.scenario.steps;
    let lr = state
        .scenario
        .optimizers
        .get(state.selected)
        .map_or(0.01, |o| o.lr);
    if schedule_editor(ui, "scenario", &mut state.scenario.schedule, steps, lr) {
        state.mark_changed();
    }
}

/// Early stopping: a toggle, its fields, and SPEC §6's warning when it applies.
pub fn early_stopping_ui(ui: &mut Ui, state: &mut AppState) {
    let s = &mut state.scenario;
    let mut changed = false;
    let mut on = s.early_stopping.is_some();
    if ui
        .checkbox(&mut on, tr("early-stopping"))
        .on_hover_text(tr("early-stopping-tip"))
        .changed()
    {
        s.early_stopping = on.then(EarlyStopping::default);
        changed = true;
    }
    if let Some(es) = &mut s.early_stopping {
        changed |= int_input(
            ui,
            &mut es.patience,
            1..=10_000,
            &tr("es-patience"),
            &tr("es-patience-tip"),
        )
        .changed();
        changed |= num_input(
            ui,
            &mut es.min_delta,
            0.0..=1e6,
            &tr("es-min-delta"),
            &tr("es-min-delta-tip"),
        )
        .changed();
        changed |= ui
            .checkbox(&mut es.restore_best, tr("es-restore"))
            .on_hover_text(tr("es-restore-tip"))
            .changed();
    }
    if changed {
        state.mark_changed();
    }
    for w in state.scenario.warnings() {
        ui.colored_label(
            super::widgets::ink::WARN,
            tr_args("msg-warning", &[("warning", crate::lang::problem(&w))]),
        );
    }
}
