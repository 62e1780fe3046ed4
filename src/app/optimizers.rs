//! The optimizer list (add, remove, duplicate, show/hide) and the chosen optimizer's
//! settings: kind, label, colour, every hyperparameter, and its own schedule.

use egui::{RichText, Ui};

use super::schedule::schedule_editor;
use super::state::AppState;
use super::widgets::{beta_slider, log_slider, swatch};
use crate::core::optimizer::{OPTIMIZER_KINDS, OptimizerKind};

/// What each kind does, in one line.
fn blurb(kind: &str) -> &'static str {
    match kind {
        "sgd" => "Plain gradient descent: step straight downhill.",
        "momentum" => "Keeps a running average of gradients (velocity): glides through ravines.",
        "heavy_ball" => "PyTorch's SGD with momentum (optionally Nesterov's look-ahead).",
        "rmsprop" => "Divides each axis's step by the recent size of its gradients.",
        "adam" => "Momentum plus RMSProp's per-axis scaling, with bias correction.",
        "adamw" => "Adam plus weight decay that pulls θ toward the origin.",
        "adagrad" => "Divides by all past squared gradients: steps shrink over time.",
        _ => "",
    }
}

const LR_TIP: &str = "α, the learning rate: how far each step goes along the (scaled) gradient. \
    Too high: the loss jumps up and down or explodes. Too low: it barely moves. \
    The slider is logarithmic: each tenth of the rail is ×10. Type a value to set it exactly.";
const EPS_TIP: &str = "ε keeps the division by √s safe when s is tiny; typical 1e-8. \
    A large ε (e.g. 0.1) damps the per-axis scaling and makes the method act like momentum/SGD.";

/// The list of optimizers and the editor of the selected one.
pub fn optimizers_ui(ui: &mut Ui, state: &mut AppState) {
    let n = state.scenario.optimizers.len();
    let labels = crate::core::run::unique_labels(&state.scenario.optimizers);
    for (i, label) in labels.iter().enumerate().take(n) {
        ui.horizontal(|ui| {
            let mut vis = state.visible.get(i).copied().unwrap_or(true);
            if ui
                .checkbox(&mut vis, "")
                .on_hover_text(format!("Show {label} on the landscape and in the plots"))
                .changed()
                && let Some(v) = state.visible.get_mut(i)
            {
                *v = vis;
            }
            swatch(ui, state.color(i));
            let text = RichText::new(label).strong();
            let r = ui
                .selectable_label(state.selected == i, text)
                .on_hover_text("Click to edit this optimizer");
            if r.clicked() {
                state.selected = i;
            }
        });
    }

    ui.horizontal(|ui| {
        let mut add: Option<&str> = None;
        ui.menu_button("Add", |ui| {
            for kind in OPTIMIZER_KINDS {
                if ui.button(kind).on_hover_text(blurb(kind)).clicked() {
                    add = Some(kind);
                }
            }
        })
        .response
        .on_hover_text("Add an optimizer with its textbook defaults");
        if let Some(kind) = add {
            state.add_optimizer(kind);
        }
        if ui
            .button("Duplicate")
            .on_hover_text("Copy the selected optimizer, to compare one setting side by side")
            .clicked()
        {
            state.duplicate_optimizer(state.selected);
        }
        let can_remove = state.scenario.optimizers.len() > 1;
        if ui
            .add_enabled(can_remove, egui::Button::new("Remove"))
            .on_hover_text("Remove the selected optimizer")
            .on_disabled_hover_text("A scenario needs at least one optimizer")
            .clicked()
        {
            state.remove_optimizer(state.selected);
        }
    });

    ui.separator();
    selected_ui(ui, state);
}

/// Every setting of the selected optimizer.
fn selected_ui(ui: &mut Ui, state: &mut AppState) {
    let i = state.selected;
    let steps = state.scenario.steps;
    let mut color = state.color(i);
    let scenario_schedule = state.scenario.schedule.clone();
    let Some(o) = state.scenario.optimizers.get_mut(i) else {
        return;
    };
    let mut changed = false;

    let current = o.kind.name();
    let mut chosen = current;
    egui::ComboBox::from_label("Kind")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for kind in OPTIMIZER_KINDS {
                ui.selectable_value(&mut chosen, kind, kind)
                    .on_hover_text(blurb(kind));
            }
        })
        .response
        .on_hover_text(blurb(current));
    if chosen != current
        && let Some(k) = o.kind.converted_to(chosen)
    {
        o.kind = k;
        changed = true;
    }

    ui.horizontal(|ui| {
        let l = ui.label("Label");
        let mut label = o.label.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut label)
                    .hint_text(o.kind.name())
                    .desired_width(130.0),
            )
            .labelled_by(l.id)
            .on_hover_text("The name in the legend; empty means the kind's name")
            .changed()
        {
            let t = label.trim();
            o.label = (!t.is_empty()).then(|| t.to_string());
            changed = true;
        }
        let c = ui.label("Colour");
        if ui
            .color_edit_button_srgb(&mut color)
            .labelled_by(c.id)
            .on_hover_text("The colour of this optimizer's path and curves")
            .changed()
        {
            o.color = Some(color);
            changed = true;
        }
    });

    changed |= log_slider(ui, &mut o.lr, 1e-5..=10.0, "lr α", LR_TIP).changed();
    match &mut o.kind {
        OptimizerKind::Sgd => {}
        OptimizerKind::Momentum { beta } => {
            changed |= beta_slider(
                ui,
                beta,
                "β (momentum)",
                "β typical 0.9; higher = more inertia, smoother but slower to react, can \
                 overshoot with a large α. The rail is stretched near 1: 0.9, 0.99 and 0.999 are \
                 evenly spaced.",
            )
            .changed();
        }
        OptimizerKind::HeavyBall { momentum, nesterov } => {
            changed |= beta_slider(
                ui,
                momentum,
                "μ (momentum)",
                "μ typical 0.9; the velocity keeps μ of itself each step, so the effective step \
                 grows toward α/(1−μ): higher = more inertia, can overshoot.",
            )
            .changed();
            changed |= ui
                .checkbox(nesterov, "Nesterov")
                .on_hover_text(
                    "Look ahead along the velocity before using the gradient: damps overshoot.",
                )
                .changed();
        }
        OptimizerKind::RmsProp { rho, eps } => {
            changed |= beta_slider(
                ui,
                rho,
                "ρ (g² memory)",
                "ρ typical 0.9: how long the running average of g² remembers. Higher = steadier \
                 per-axis step sizes, slower to adapt when the slope changes.",
            )
            .changed();
            changed |= log_slider(ui, eps, 1e-12..=1.0, "ε", EPS_TIP).changed();
        }
        OptimizerKind::Adam { beta1, beta2, eps }
        | OptimizerKind::AdamW {
            beta1, beta2, eps, ..
        } => {
            changed |= beta_slider(
                ui,
                beta1,
                "β1 (momentum)",
                "β1 typical 0.9: the momentum of the gradient average m. Higher = smoother, more \
                 inertia.",
            )
            .changed();
            changed |= beta_slider(
                ui,
                beta2,
                "β2 (g² memory)",
                "β2 typical 0.999: the memory of the squared-gradient average v. Lower (0.99) \
                 adapts faster but is noisier; bias correction keeps the first steps sane.",
            )
            .changed();
            changed |= log_slider(ui, eps, 1e-12..=1.0, "ε", EPS_TIP).changed();
        }
        OptimizerKind::AdaGrad { eps } => {
            changed |= log_slider(ui, eps, 1e-12..=1.0, "ε", EPS_TIP).changed();
        }
    }
    if let OptimizerKind::AdamW { weight_decay, .. } = &mut o.kind {
        let mut on = *weight_decay > 0.0;
        if ui
            .checkbox(&mut on, "weight decay")
            .on_hover_text("Decoupled weight decay (AdamW)")
            .changed()
        {
            *weight_decay = if on { 0.01 } else { 0.0 };
            changed = true;
        }
        if on {
            changed |= log_slider(
                ui,
                weight_decay,
                1e-5..=10.0,
                "λ (weight decay)",
                "λ typical 0.01: each step shrinks θ by α·λ toward the origin, whatever the \
                 gradient says. It moves the minimum reached toward (0, 0).",
            )
            .changed();
        }
    }

    let mut own = o.schedule.is_some();
    if ui
        .checkbox(&mut own, "own LR schedule")
        .on_hover_text("Use a schedule of its own instead of the scenario's")
        .changed()
    {
        o.schedule = own.then(|| scenario_schedule.clone());
        changed = true;
    }
    let lr = o.lr;
    if let Some(s) = &mut o.schedule {
        changed |= schedule_editor(ui, &format!("optimizer {i}"), s, steps, lr);
    }
    if changed {
        state.mark_changed();
    }
}
