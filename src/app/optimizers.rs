//! The optimizer list (add, remove, duplicate, show/hide) and the chosen optimizer's
//! settings: kind, label, colour, every hyperparameter, and its own schedule.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::schedule::schedule_editor;
use super::state::AppState;
use super::widgets::{beta_slider, log_slider, swatch};
use crate::core::optimizer::{OPTIMIZER_KINDS, OptimizerKind};

/// What each kind does, in one line.
fn blurb(kind: &str) -> String {
    tr(&format!("opt-{kind}"))
}

/// The list of optimizers and the editor of the selected one.
pub fn optimizers_ui(ui: &mut Ui, state: &mut AppState) {
    let n = state.scenario.optimizers.len();
    let labels = crate::core::run::unique_labels(&state.scenario.optimizers);
    for (i, label) in labels.iter().enumerate().take(n) {
        ui.horizontal(|ui| {
            let mut vis = state.visible.get(i).copied().unwrap_or(true);
            if ui
                .checkbox(&mut vis, "")
                .on_hover_text(tr_args("opt-show-tip", &[("label", label.clone())]))
                .changed()
                && let Some(v) = state.visible.get_mut(i)
            {
                *v = vis;
            }
            swatch(ui, state.color(i));
            let text = RichText::new(label).strong();
            let r = ui
                .selectable_label(state.selected == i, text)
                .on_hover_text(tr("opt-select-tip"));
            if r.clicked() {
                state.selected = i;
            }
        });
    }

    ui.horizontal(|ui| {
        let mut add: Option<&str> = None;
        ui.menu_button(tr("opt-add"), |ui| {
            for kind in OPTIMIZER_KINDS {
                if ui.button(kind).on_hover_text(blurb(kind)).clicked() {
                    add = Some(kind);
                }
            }
        })
        .response
        .on_hover_text(tr("opt-add-tip"));
        if let Some(kind) = add {
            state.add_optimizer(kind);
        }
        if ui
            .button(tr("opt-duplicate"))
            .on_hover_text(tr("opt-duplicate-tip"))
            .clicked()
        {
            state.duplicate_optimizer(state.selected);
        }
        let can_remove = state.scenario.optimizers.len() > 1;
        if ui
            .add_enabled(can_remove, egui::Button::new(tr("opt-remove")))
            .on_hover_text(tr("opt-remove-tip"))
            .on_disabled_hover_text(tr("opt-remove-disabled"))
            .clicked()
        {
            state.remove_optimizer(state.selected);
        }
    });
    super::classroom::sweep_ui(ui, state);

    ui.separator();
    selected_ui(ui, state);
}

/// Every setting of the selected optimizer.
fn selected_ui(ui: &mut Ui, state: &mut AppState) {
    let i = state.selected;
    let steps = state.scenario.steps;
    let mut color = state.color(i);
    let scenario_schedule = state.scenario.schedule.clone();
    let lr_bound = super::classroom::stability_bound(&state.surface);
    let Some(o) = state.scenario.optimizers.get_mut(i) else {
        return;
    };
    let mut changed = false;

    let current = o.kind.name();
    let mut chosen = current;
    egui::ComboBox::new("optimizer kind", tr("opt-kind"))
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
        let l = ui.label(tr("opt-label"));
        let mut label = o.label.clone().unwrap_or_default();
        if ui
            .add(
                egui::TextEdit::singleline(&mut label)
                    .hint_text(o.kind.name())
                    .desired_width(130.0),
            )
            .labelled_by(l.id)
            .on_hover_text(tr("opt-label-tip"))
            .changed()
        {
            let t = label.trim();
            o.label = (!t.is_empty()).then(|| t.to_string());
            changed = true;
        }
        let c = ui.label(tr("opt-colour"));
        if ui
            .color_edit_button_srgb(&mut color)
            .labelled_by(c.id)
            .on_hover_text(tr("opt-colour-tip"))
            .changed()
        {
            o.color = Some(color);
            changed = true;
        }
    });

    let lr_slider = log_slider(ui, &mut o.lr, 1e-5..=10.0, &tr("lr"), &tr("lr-tip"));
    changed |= lr_slider.changed();
    super::classroom::mark_lr_bound(ui, &lr_slider, 1e-5..=10.0, lr_bound);
    match &mut o.kind {
        OptimizerKind::Sgd => {}
        OptimizerKind::Momentum { beta } => {
            changed |= beta_slider(ui, beta, &tr("beta"), &tr("beta-tip")).changed();
        }
        OptimizerKind::HeavyBall { momentum, nesterov } => {
            changed |= beta_slider(ui, momentum, &tr("mu"), &tr("mu-tip")).changed();
            changed |= ui
                .checkbox(nesterov, tr("nesterov"))
                .on_hover_text(tr("nesterov-tip"))
                .changed();
        }
        OptimizerKind::RmsProp { rho, eps } => {
            changed |= beta_slider(ui, rho, &tr("rho"), &tr("rho-tip")).changed();
            changed |= log_slider(ui, eps, 1e-12..=1.0, &tr("eps"), &tr("eps-tip")).changed();
        }
        OptimizerKind::Adam { beta1, beta2, eps }
        | OptimizerKind::AdamW {
            beta1, beta2, eps, ..
        } => {
            changed |= beta_slider(ui, beta1, &tr("beta1"), &tr("beta1-tip")).changed();
            changed |= beta_slider(ui, beta2, &tr("beta2"), &tr("beta2-tip")).changed();
            changed |= log_slider(ui, eps, 1e-12..=1.0, &tr("eps"), &tr("eps-tip")).changed();
        }
        OptimizerKind::AdaGrad { eps } => {
            changed |= log_slider(ui, eps, 1e-12..=1.0, &tr("eps"), &tr("eps-tip")).changed();
        }
    }
    if let OptimizerKind::AdamW { weight_decay, .. } = &mut o.kind {
        let mut on = *weight_decay > 0.0;
        if ui
            .checkbox(&mut on, tr("weight-decay"))
            .on_hover_text(tr("weight-decay-tip"))
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
                &tr("wd-lambda"),
                &tr("wd-lambda-tip"),
            )
            .changed();
        }
    }

    let mut own = o.schedule.is_some();
    if ui
        .checkbox(&mut own, tr("own-schedule"))
        .on_hover_text(tr("own-schedule-tip"))
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
