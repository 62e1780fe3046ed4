//! The eframe/egui desktop app.

use std::path::PathBuf;

use crate::core::scenario::Scenario;

/// Opens the window on `scenario`.
pub fn run_app(_scenario: Scenario, _path: Option<PathBuf>) -> Result<(), String> {
    Err("the window is not built yet; see `gradscape --help` for the command line".into())
}
