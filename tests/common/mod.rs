//! What the app's kittest files share: a window-sized harness and in-memory storage.
#![allow(dead_code)] // each test file uses its own part of this

use egui::vec2;
use egui_kittest::Harness;
use gradscape::app::GradscapeApp;
use gradscape::core::presets;
use gradscape::core::scenario::Scenario;

/// The app on `scenario` in a 1280 × 800 window.
pub fn harness_with(scenario: Scenario) -> Harness<'static, GradscapeApp> {
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(move |cc| GradscapeApp::new(cc, scenario, None))
}

/// The app on the default scenario.
pub fn harness() -> Harness<'static, GradscapeApp> {
    harness_with(presets::default_scenario())
}

/// The app started again on `scenario` with what a previous session left in `store`.
pub fn restarted(store: MemoryStorage, scenario: Scenario) -> Harness<'static, GradscapeApp> {
    // eframe hands the storage out as `&'static dyn Storage` at start-up.
    let store: &'static MemoryStorage = Box::leak(Box::new(store));
    Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            cc.storage = Some(store);
            GradscapeApp::new(cc, scenario, None)
        })
}

/// eframe's storage, in memory, to test what survives a restart.
#[derive(Default, Clone)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// The app on `scenario` in a window of `size` points, in projector mode or not.
pub fn harness_sized(
    scenario: Scenario,
    size: egui::Vec2,
    projector: bool,
) -> Harness<'static, GradscapeApp> {
    Harness::builder().with_size(size).build_eframe(move |cc| {
        let mut app = GradscapeApp::new(cc, scenario, None);
        app.state.settings.projector = projector;
        app
    })
}
