//! The side panel's scenario controls: the surface and its parameters, the gradient
//! pipeline, the run length, and early stopping.

use egui::{RichText, Ui};

use super::schedule::schedule_editor;
use super::state::AppState;
use super::widgets::{int_input, lin_slider, log_slider, num_input};
use crate::core::Vec2;
use crate::core::early_stop::EarlyStopping;
use crate::core::scenario::SurfaceSpec;
use crate::core::surface::{SURFACE_KINDS, Surface};

/// Steps per run the app offers: enough for any lesson, few enough to stay interactive.
pub const APP_MAX_STEPS: u64 = 20_000;
/// θ0 and the validation shift are kept within this box, so typing 1e300 stays harmless.
const COORD_LIMIT: f64 = 1e4;

/// What a surface is, in one line, for the picker's tooltip.
fn surface_blurb(kind: &str) -> &'static str {
    match kind {
        "quadratic" => "A bowl (ellipse): λ1 and λ2 set the curvature along each axis",
        "rosenbrock" => "A curved, flat-bottomed banana valley: easy to find, slow to follow",
        "beale" => "Sharp ridges around a minimum at (3, 0.5)",
        "himmelblau" => "Four minima of equal depth: the start decides which one you reach",
        "rastrigin" => "A bowl covered in dimples: many local minima",
        "ackley" => "A nearly flat plate with one deep hole at the origin",
        "saddle" => "Minima at (0, ±1) and a saddle point at the origin",
        "linreg" => "Fitting a line y = w·x + b to points: θ = (w, b)",
        "custom" => "Your own f(x, y)",
        _ => "",
    }
}

/// The surface picker and the chosen surface's parameters.
pub fn surface_ui(ui: &mut Ui, state: &mut AppState) {
    let current = state.scenario.surface.kind();
    let mut chosen = current;
    egui::ComboBox::from_label("Surface")
        .selected_text(current)
        .width(170.0)
        .show_ui(ui, |ui| {
            for kind in SURFACE_KINDS {
                ui.selectable_value(&mut chosen, kind, kind)
                    .on_hover_text(surface_blurb(kind));
            }
        })
        .response
        .on_hover_text(surface_blurb(current));
    if chosen != current {
        state.set_surface_kind(chosen);
    }

    let mut changed = false;
    match &mut state.scenario.surface {
        SurfaceSpec::Fixed(Surface::Quadratic {
            lambda1,
            lambda2,
            angle_deg,
        }) => {
            changed |= log_slider(
                ui,
                lambda1,
                1e-2..=1e3,
                "λ1 (curvature u)",
                "Curvature along the first axis. SGD is stable only for lr < 2/λ.",
            )
            .changed();
            changed |= log_slider(
                ui,
                lambda2,
                1e-2..=1e3,
                "λ2 (curvature v)",
                "Curvature along the second axis. λ2/λ1 is the condition number: the larger it is, \
                 the narrower the ravine and the more plain SGD zigzags.",
            )
            .changed();
            changed |= lin_slider(
                ui,
                angle_deg,
                -90.0..=90.0,
                "angle (°)",
                "Rotates the bowl. Per-axis methods (RMSProp, Adam) help most when the axes line up \
                 with x and y (angle 0).",
            )
            .changed();
        }
        SurfaceSpec::Fixed(Surface::Rosenbrock { a, b }) => {
            changed |= lin_slider(ui, a, -3.0..=3.0, "a", "The minimum is at (a, a²).").changed();
            changed |= log_slider(
                ui,
                b,
                1e-1..=1e3,
                "b (valley steepness)",
                "How steep the valley walls are; 100 is the classic banana.",
            )
            .changed();
        }
        SurfaceSpec::Fixed(Surface::Rastrigin { a }) => {
            changed |= lin_slider(
                ui,
                a,
                0.0..=20.0,
                "a (ripple height)",
                "Height of the dimples. 0 is a plain bowl; 10 is the classic.",
            )
            .changed();
        }
        SurfaceSpec::Fixed(Surface::Linreg(l)) => {
            let mut b = l.batch_size as u64;
            if int_input(
                ui,
                &mut b,
                1..=l.train.len().max(1) as u64,
                "batch size",
                "Points per gradient step. Smaller batches give noisier steps.",
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
                "batch size",
                "Points per gradient step. Smaller batches give noisier steps.",
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
                "training points",
                "How many points the line is fitted to.",
            )
            .changed();
            changed |= int_input(
                ui,
                &mut gen_.n_val,
                1..=10_000,
                "validation points",
                "Held-out points for the validation loss.",
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.w_true,
                -5.0..=5.0,
                "true slope w",
                "The slope the data is drawn from.",
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.b_true,
                -5.0..=5.0,
                "true bias b",
                "The intercept the data is drawn from.",
            )
            .changed();
            changed |= lin_slider(
                ui,
                &mut gen_.noise,
                0.0..=5.0,
                "data noise",
                "Spread of the points around the true line.",
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
                .on_hover_text(
                    "Any expression in x and y: + − * / ^ ( ), sin cos tan exp ln log sqrt abs \
                     tanh, pi, e. Example: x^2 + 10*y^2",
                );
            if response.changed() {
                state.set_expr_text(text);
            }
            match &state.expr_error {
                Some(e) => {
                    ui.colored_label(super::widgets::ink::BAD, format!("Error: {e}"));
                }
                None => {
                    ui.label(
                        RichText::new("OK: the expression parses").color(super::widgets::ink::GOOD),
                    );
                }
            }
        }
        SurfaceSpec::Fixed(_) => {
            ui.weak("This surface has no parameters.");
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
        ui.label("start θ0").on_hover_text(
            "Where every optimizer starts. You can also drag the white ring on the landscape.",
        );
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
        "steps",
        "How many updates each optimizer makes. Use the timeline to replay them.",
    )
    .changed();
    changed |= int_input(
        ui,
        &mut s.seed,
        0..=u32::MAX as u64,
        "seed",
        "Seed of the gradient noise (and of the linreg data). Same seed, same noise: every \
         optimizer sees the same noise, so the comparison is fair.",
    )
    .changed();
    changed |= int_input(
        ui,
        &mut s.eval_every,
        1..=1000,
        "eval every (steps)",
        "How often the validation loss is measured; early stopping and the plateau schedule \
         count these evaluations.",
    )
    .changed();

    ui.add_space(4.0);
    let mut noisy = s.grad_noise > 0.0;
    if ui
        .checkbox(&mut noisy, "gradient noise")
        .on_hover_text("Adds random noise to every gradient, like minibatch training does.")
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
            "noise σ",
            "Standard deviation of the noise added to each gradient component. Big σ: SGD jitters, \
             adaptive methods and momentum average it out.",
        )
        .changed();
    }

    let mut clip = s.grad_clip.is_some();
    if ui
        .checkbox(&mut clip, "clip gradient norm")
        .on_hover_text(
            "Rescales any gradient longer than c down to length c: a guard against explosions.",
        )
        .changed()
    {
        s.grad_clip = clip.then_some(10.0);
        changed = true;
    }
    if let Some(c) = &mut s.grad_clip {
        changed |= log_slider(
            ui,
            c,
            1e-3..=1e4,
            "clip c (max |g|)",
            "The largest gradient length let through.",
        )
        .changed();
    }

    let mut shift = [s.val_shift.x, s.val_shift.y];
    ui.horizontal(|ui| {
        ui.label("validation shift").on_hover_text(
            "Moves the validation optimum away from the training optimum, so a run can overfit: \
             train loss keeps falling while validation loss turns up.",
        );
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
        .checkbox(&mut on, "early stopping")
        .on_hover_text(
            "Stops a run when the validation loss has not improved for `patience` evaluations, \
             and (with restore best) goes back to the best point seen.",
        )
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
            "patience (evals)",
            "Evaluations without improvement before the run stops.",
        )
        .changed();
        changed |= num_input(
            ui,
            &mut es.min_delta,
            0.0..=1e6,
            "min Δ",
            "How much lower than the best a validation loss must be to count as an improvement.",
        )
        .changed();
        changed |= ui
            .checkbox(&mut es.restore_best, "restore best")
            .on_hover_text("End the run at the best point seen rather than the last.")
            .changed();
    }
    if changed {
        state.mark_changed();
    }
    for w in state.scenario.warnings() {
        ui.colored_label(super::widgets::ink::WARN, format!("Warning: {w}"));
    }
}
