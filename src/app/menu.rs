//! The menu bar: File (new, open, save, export, recent files) and Presets.

use egui::Ui;

use super::state::{Action, AppState};
use crate::core::presets::PRESETS;

/// The menu bar's contents.
pub fn menu_ui(ui: &mut Ui, state: &mut AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("New").shortcut_text("Ctrl+N"))
                .clicked()
            {
                state.actions.push(Action::New);
            }
            if ui
                .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                .clicked()
            {
                state.actions.push(Action::OpenDialog);
            }
            if ui
                .add(egui::Button::new("Save").shortcut_text("Ctrl+S"))
                .clicked()
            {
                state.actions.push(Action::Save);
            }
            if ui
                .add(egui::Button::new("Save as…").shortcut_text("Ctrl+Shift+S"))
                .clicked()
            {
                state.actions.push(Action::SaveAs);
            }
            ui.separator();
            if ui
                .button("Export PNG…")
                .on_hover_text("Save the landscape view, as shown, as a PNG image")
                .clicked()
            {
                state.actions.push(Action::ExportPng);
            }
            ui.separator();
            ui.menu_button("Recent files", |ui| {
                if state.settings.recent.is_empty() {
                    ui.weak("none yet");
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
        ui.menu_button("Presets", |ui| {
            for p in PRESETS {
                if ui.button(p.name).on_hover_text(p.description).clicked() {
                    state.load_preset(p.name);
                    state.notice = Some(format!("Preset {}: {}", p.name, p.description));
                }
            }
        });
        ui.menu_button("View", |ui| {
            if ui.button("Reset view").clicked() {
                state.reset_view();
            }
            ui.checkbox(&mut state.settings.contours, "Contour lines");
        });
        ui.separator();
        let title = match &state.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "untitled scenario".to_string(),
        };
        ui.weak(title);
    });
}
