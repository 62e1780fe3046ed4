//! The optimizer list (add, remove, duplicate, show/hide) and the chosen optimizer's
//! settings: kind, label, colour, every hyperparameter, and its own schedule.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::schedule::schedule_editor;
use super::state::AppState;
use super::widgets::{log_slider, param_controls, swatch};
use crate::core::optimizers::{OPTIMIZERS, OptimizerKind, info_of};

/// A kind's card: its name, what it does in one line, and its update as a formula.
fn blurb(kind: &str) -> String {
    info_of(kind).map_or_else(String::new, |i| {
        format!("{}: {}\n{}", tr(i.name_key), tr(i.tip_key), i.formula)
    })
}

/// The list of optimizers and the editor of the selected one.
pub fn optimizers_ui(ui: &mut Ui, state: &mut AppState) {
    let n = state.scenario.optimizers.len();
    let labels: Vec<String> = crate::core::run::unique_labels(&state.scenario.optimizers)
        .iter()
        .map(|l| crate::lang::run_label(l))
        .collect();
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
            for info in OPTIMIZERS {
                if ui.button(info.id).on_hover_text(blurb(info.id)).clicked() {
                    add = Some(info.id);
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
            for info in OPTIMIZERS {
                ui.selectable_value(&mut chosen, info.id, info.id)
                    .on_hover_text(blurb(info.id));
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
        // A built-in preset's label in the UI's language; what the user types is kept as
        // typed.
        let mut label = o
            .label
            .as_deref()
            .map(crate::lang::run_label)
            .unwrap_or_default();
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
    let info = o.kind.info();
    let mut values = o.kind.values();
    if param_controls(ui, info.params, &mut values)
        && let Some(k) = OptimizerKind::with_values(info.id, &values)
    {
        o.kind = k;
        changed = true;
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
