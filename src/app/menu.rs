//! The menu bar: File (new, open, save, export, recent files), Lessons, Presets, and
//! View (language, theme, projector mode, UI scale).

use egui::Ui;

use super::i18n::{Lang, tr, tr_args};
use super::look::{ThemeChoice, UI_SCALE_RANGE};
use super::state::{Action, AppState, ExportKind};
use super::widgets::mark;
use crate::core::presets::PRESETS;

/// The menu bar's contents.
pub fn menu_ui(ui: &mut Ui, state: &mut AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        // The side panel folds away on narrow and projected screens: this brings it back.
        let open = state.side_open.unwrap_or(true);
        if ui
            .selectable_label(open, tr("menu-controls"))
            .on_hover_text(tr("menu-controls-tip"))
            .clicked()
        {
            state.side_open = Some(!open);
        }
        let file = ui.menu_button(tr("menu-file"), |ui| {
            if ui
                .add(egui::Button::new(tr("menu-new")).shortcut_text("Ctrl+N"))
                .clicked()
            {
                state.actions.push(Action::New);
            }
            let open = ui.add(egui::Button::new(tr("menu-open")).shortcut_text("Ctrl+O"));
            if mark(ui, "menu-open", open).clicked() {
                state.actions.push(Action::OpenDialog);
            }
            let mut open_log_tip = tr("menu-open-log-tip");
            // The page is given files, never folders: say which files an MLflow run is.
            if cfg!(target_arch = "wasm32") {
                open_log_tip = format!("{open_log_tip}\n{}", tr("web-open-log-tip"));
            }
            let open_log = ui.button(tr("menu-open-log")).on_hover_text(open_log_tip);
            if mark(ui, "menu-open-log", open_log).clicked() {
                state.actions.push(Action::OpenTrainingLogDialog);
            }
            if ui
                .add(egui::Button::new(tr("menu-save")).shortcut_text("Ctrl+S"))
                .clicked()
            {
                state.actions.push(Action::Save);
            }
            if ui
                .add(egui::Button::new(tr("menu-save-as")).shortcut_text("Ctrl+Shift+S"))
                .clicked()
            {
                state.actions.push(Action::SaveAs);
            }
            if ui
                .button(tr("menu-copy-link"))
                .on_hover_text(tr("menu-copy-link-tip"))
                .clicked()
            {
                state.actions.push(Action::CopyLink);
            }
            ui.separator();
            for (kind, label, tip) in [
                (ExportKind::Png, "menu-export-png", "menu-export-png-tip"),
                (ExportKind::Svg, "menu-export-svg", "menu-export-svg-tip"),
                (ExportKind::Gif, "menu-export-gif", "menu-export-gif-tip"),
                (ExportKind::Csv, "menu-export-csv", "menu-export-csv-tip"),
                (ExportKind::Json, "menu-export-json", "menu-export-json-tip"),
                (
                    ExportKind::PyTorch,
                    "menu-export-pytorch",
                    "menu-export-pytorch-tip",
                ),
            ] {
                let item = ui.button(tr(label)).on_hover_text(tr(tip));
                if mark(ui, label, item).clicked() {
                    state.actions.push(Action::Export(kind));
                }
            }
            ui.separator();
            ui.menu_button(tr("menu-recent"), |ui| {
                if state.settings.recent.is_empty() {
                    ui.weak(tr("menu-recent-none"));
                }
                for path in state.settings.recent.clone() {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        state.actions.push(Action::OpenPath(path));
                    }
                }
            });
        });
        mark(ui, "menu-file", file.response);
        ui.menu_button(tr("menu-lessons"), |ui| {
            super::lessons::lessons_menu_ui(ui, state);
        })
        .response
        .on_hover_text(tr("menu-lessons-tip"));
        ui.menu_button(tr("menu-presets"), |ui| {
            for p in PRESETS {
                let description = tr(&format!("preset-{}", p.name));
                let title = tr(&format!("preset-title-{}", p.name));
                let tip = tr_args(
                    "preset-menu-tip",
                    &[
                        ("description", description.clone()),
                        ("name", p.name.to_string()),
                    ],
                );
                if ui.button(title).on_hover_text(tip).clicked() {
                    state.load_preset(p.name);
                    state.notice = Some(tr_args(
                        "notice-preset",
                        &[("name", p.name.to_string()), ("description", description)],
                    ));
                }
            }
        });
        ui.menu_button(tr("menu-tuning"), |ui| {
            if ui
                .button(tr("menu-lr-find"))
                .on_hover_text(tr("menu-lr-find-tip"))
                .clicked()
            {
                state.tuning.lr_find_open = true;
            }
            if ui
                .button(tr("menu-map"))
                .on_hover_text(tr("menu-map-tip"))
                .clicked()
            {
                state.tuning.map_open = true;
            }
            if ui
                .button(tr("menu-compare"))
                .on_hover_text(tr("menu-compare-tip"))
                .clicked()
            {
                state.tuning.compare_open = true;
            }
        })
        .response
        .on_hover_text(tr("menu-tuning-tip"));
        ui.menu_button(tr("menu-view"), |ui| {
            if ui
                .button(tr("menu-reset-view"))
                .on_hover_text(tr("reset-view-tip"))
                .clicked()
            {
                state.reset_view();
            }
            ui.checkbox(&mut state.settings.contours, tr("menu-contours"))
                .on_hover_text(tr("contours-tip"));
            ui.checkbox(&mut state.settings.legends, tr("menu-legends"))
                .on_hover_text(tr("menu-legends-tip"));
            ui.checkbox(&mut state.settings.loss_open, tr("menu-loss-panel"))
                .on_hover_text(tr("menu-loss-panel-tip"));
            ui.separator();
            look_menu_ui(ui, state);
        });
        ui.separator();
        let title = match &state.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => tr("menu-untitled"),
        };
        ui.weak(title);
        ui.separator();
        // The pointer's readout (or how to use the map) in the rest of the bar: one line
        // whatever the language, so nothing below moves as it changes.
        let text = super::landscape::readout_text(state);
        ui.add(egui::Label::new(egui::RichText::new(&text).strong()).truncate())
            .on_hover_text(text);
    });
}

/// Language, theme, projector mode and UI scale: the classroom settings, all remembered.
fn look_menu_ui(ui: &mut Ui, state: &mut AppState) {
    let settings = &mut state.settings;
    ui.horizontal(|ui| {
        ui.label(tr("menu-language"))
            .on_hover_text(tr("menu-language-tip"));
        for lang in Lang::ALL {
            ui.selectable_value(&mut settings.lang, lang, lang.native_name());
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr("menu-theme")).on_hover_text(tr("theme-tip"));
        ui.selectable_value(&mut settings.theme, ThemeChoice::Light, tr("theme-light"));
        ui.selectable_value(&mut settings.theme, ThemeChoice::Dark, tr("theme-dark"));
    });
    ui.checkbox(&mut settings.projector, tr("menu-projector"))
        .on_hover_text(tr("menu-projector-tip"));
    if !settings.ui_scale.is_finite() {
        settings.ui_scale = 1.0;
    }
    // Applied on release only: rescaling the UI under the pointer mid-drag makes the
    // slider run away from it.
    let id = ui.scope_id().with("ui scale being dragged");
    let mut scale = ui
        .data(|d| d.get_temp::<f32>(id))
        .unwrap_or(settings.ui_scale);
    let r = ui
        .add(
            egui::Slider::new(&mut scale, UI_SCALE_RANGE)
                .step_by(0.05)
                .fixed_decimals(2)
                .suffix("×")
                .text(tr("menu-ui-scale")),
        )
        .on_hover_text(tr("menu-ui-scale-tip"));
    if r.dragged() {
        ui.data_mut(|d| d.insert_temp(id, scale));
    } else {
        ui.data_mut(|d| d.remove::<f32>(id));
        if r.changed() || r.drag_stopped() {
            settings.ui_scale = scale;
        }
    }
}
