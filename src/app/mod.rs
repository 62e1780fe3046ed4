//! The eframe/egui desktop app.
//!
//! [`state::AppState`] holds everything; each panel is a `*_ui(ui, &mut AppState)` function
//! in its own file. Controls mutate the state and mark it changed; the runs are recomputed
//! in full before the views draw, in the same frame, and the playhead reveals them. Long
//! scenarios (more than [`state::SYNC_STEP_LIMIT`] steps in all) are computed on a worker
//! thread instead: the views keep the last runs, marked as updating, until the new ones
//! arrive.

pub mod classroom;
pub mod controls;
pub mod i18n;
pub mod landscape;
pub mod landscape_canvas;
pub mod lessons;
pub mod look;
pub mod loss_panel;
pub mod menu;
pub mod optimizers;
pub mod playback;
pub mod schedule;
pub mod state;
pub mod status;
pub mod training_log;
pub mod view3d;
pub mod widgets;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{ColorImage, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::core::atomic::write_atomic_with;
use crate::core::presets;
use crate::core::scenario::Scenario;
use i18n::{tr, tr_args};
use landscape::Landscape;
use state::{Action, AppState, Settings};

/// Storage key of the last scenario (its JSON).
const SCENARIO_KEY: &str = "gradscape/scenario";
/// Storage key of the UI settings.
const SETTINGS_KEY: &str = "gradscape/settings";

/// How long the settings must rest before the runs are diagnosed again.
const DIAGNOSIS_REST: Duration = Duration::from_millis(250);

/// A screenshot asked for by Export PNG, delivered by the integration on a later frame.
type PendingShot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// The app: its state, the landscape's caches, and the export in progress.
pub struct GradscapeApp {
    /// Everything the panels show and edit.
    pub state: AppState,
    /// The landscape widget (keeps the heatmap texture).
    pub landscape: Landscape,
    /// Where the next screenshot goes, and the screenshot once it arrives.
    export: Option<(PathBuf, PendingShot)>,
    /// The theme, scale and projector mode last set on the context.
    applied_look: Option<look::Look>,
}

impl GradscapeApp {
    /// An app on `scenario` without persistence (tests, benchmarks).
    pub fn with_scenario(ctx: &egui::Context, scenario: Scenario, path: Option<PathBuf>) -> Self {
        setup_style(ctx);
        Self {
            state: AppState::new(scenario, path),
            landscape: Landscape::default(),
            export: None,
            applied_look: None,
        }
    }

    /// The app eframe creates. Without a file or preset on the command line (the default
    /// scenario and no path), the last session's scenario comes back.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        scenario: Scenario,
        path: Option<PathBuf>,
    ) -> Self {
        let mut scenario = scenario;
        let mut settings = Settings::default();
        if let Some(storage) = cc.storage {
            if let Some(s) = eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
                settings = s;
            }
            let is_default = path.is_none() && scenario == presets::default_scenario();
            if is_default
                && let Some(json) = eframe::get_value::<String>(storage, SCENARIO_KEY)
                && let Ok(s) = Scenario::from_json(&json)
            {
                scenario = s;
            }
        }
        let mut app = Self::with_scenario(&cc.egui_ctx, scenario, path);
        settings.speed = if settings.speed.is_finite() {
            settings.speed.clamp(1.0, 5000.0)
        } else {
            100.0
        };
        if let Some(lang) = i18n::Lang::from_env() {
            settings.lang = lang;
        }
        look::env_overrides(&mut settings.theme, &mut settings.projector);
        app.state.settings = settings;
        if let Some(p) = app.state.path.clone() {
            app.state.remember(&p);
        }
        if let Some(i) = lessons::from_env() {
            lessons::start(&mut app.state, i);
        }
        app
    }

    /// One frame of the whole window, without eframe's `Frame` (so benchmarks can drive it).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        i18n::set_lang(self.state.settings.lang);
        self.apply_look(&ctx);
        self.keyboard(&ctx);
        let dt = ctx.input(|i| i.stable_dt).min(0.1) as f64;
        self.state.advance(dt);
        training_log::take_dropped_files(&ctx, &mut self.state);
        self.run_actions(&ctx);
        self.finish_export(&ctx);

        egui::Panel::top("menu bar").show(ui, |ui| menu::menu_ui(ui, &mut self.state));
        egui::Panel::bottom("status bar").show(ui, |ui| status::status_ui(ui, &mut self.state));
        egui::Panel::left("controls")
            .resizable(true)
            .default_size(380.0)
            .size_range(300.0..=600.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| side_panel_ui(ui, &mut self.state));
            });
        // Every control has had its say: recompute now, so the views below draw the new runs
        // in this same frame.
        self.state.repaint = Some(ctx.clone());
        self.state.recompute_if_dirty();
        // A long scenario's runs come from the worker: show them once they arrive, and
        // look again soon in case its repaint request came before this context was known.
        self.state.poll_worker();
        if self.state.updating() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let pointer_down = ctx.input(|i| i.pointer.any_down());
        self.state.diagnose_if_settled(DIAGNOSIS_REST, pointer_down);
        if self.state.diagnoses_stale() {
            ctx.request_repaint_after(DIAGNOSIS_REST);
        }
        egui::Panel::bottom("loss panel")
            .resizable(true)
            .default_size(250.0)
            .size_range(160.0..=500.0)
            .show(ui, |ui| loss_panel::loss_panel_ui(ui, &mut self.state));
        egui::CentralPanel::default().show(ui, |ui| {
            messages_ui(ui, &mut self.state);
            // Projector mode or a long language can leave too little width for the view
            // buttons beside the playback bar: below it they wrap instead of running off.
            if ui.available_width() < 760.0 {
                playback::playback_ui(ui, &mut self.state);
                ui.horizontal_wrapped(|ui| playback::view_buttons_ui(ui, &mut self.state));
            } else {
                ui.horizontal(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width((ui.available_width() - 330.0).max(300.0));
                        playback::playback_ui(ui, &mut self.state);
                    });
                    ui.vertical(|ui| playback::view_buttons_ui(ui, &mut self.state));
                });
            }
            self.landscape.ui(ui, &mut self.state);
        });
        if self.state.playing {
            ctx.request_repaint();
        }
    }

    /// Space, arrows and R drive the animation; Ctrl+N/O/S and Ctrl+Shift+S the files.
    fn keyboard(&mut self, ctx: &egui::Context) {
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Action::SaveAs,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Action::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Action::OpenDialog,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
                Action::New,
            ),
        ];
        for (shortcut, action) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.state.actions.push(action);
            }
        }
        // Keys typed into a text box, or arrows moving a focused slider, are theirs.
        if ctx.egui_wants_keyboard_input() || ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let (space, right, left, r) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Space),
                i.consume_key(Modifiers::NONE, Key::ArrowRight),
                i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                i.consume_key(Modifiers::NONE, Key::R),
            )
        });
        if space {
            self.state.toggle_play();
        }
        if right {
            self.state.step_by(1);
        }
        if left {
            self.state.step_by(-1);
        }
        if r {
            self.state.reset_playback();
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Num3)) {
            self.state.settings.view_3d ^= true;
        }
    }

    /// Carries out what the panels asked for; dialogs run here, never inside a panel.
    fn run_actions(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.state.actions) {
            match action {
                Action::New => {
                    let settings = std::mem::take(&mut self.state.settings);
                    self.state.set_scenario(presets::default_scenario(), None);
                    self.state.settings = settings;
                }
                Action::OpenDialog => {
                    if let Some(p) = json_dialog(self.state.path.as_deref()).pick_file() {
                        let _ = self.state.open_path(&p);
                    }
                }
                Action::OpenPath(p) => {
                    let _ = self.state.open_path(&p);
                }
                Action::OpenTrainingLogDialog => {
                    if let Some(p) = training_log::dialog().pick_file() {
                        let _ = training_log::open_into(&mut self.state, &p);
                    }
                }
                Action::OpenTrainingLog(p) => {
                    let _ = training_log::open_into(&mut self.state, &p);
                }
                Action::Save => match self.state.path.clone() {
                    Some(p) => {
                        let _ = self.state.save_to(&p);
                    }
                    None => self.save_as(),
                },
                Action::SaveAs => self.save_as(),
                Action::Export(kind) => {
                    let ext = kind.extension();
                    let dialog = rfd::FileDialog::new()
                        .add_filter(ext.to_uppercase(), &[ext])
                        .set_file_name(format!("gradscape.{ext}"));
                    if let Some(p) = dialog.save_file() {
                        let _ = self.state.export_to(&p, kind);
                    }
                }
                Action::ExportPng => {
                    let dialog = rfd::FileDialog::new()
                        .add_filter(tr("dialog-png"), &["png"])
                        .set_file_name("gradscape.png");
                    if let Some(p) = dialog.save_file() {
                        let shot: PendingShot = Arc::default();
                        let sink = Arc::clone(&shot);
                        let repaint = ctx.clone();
                        ctx.request_screenshot(move |image| {
                            if let Ok(mut s) = sink.lock() {
                                *s = Some(image);
                            }
                            repaint.request_repaint();
                        });
                        self.export = Some((p, shot));
                    }
                }
            }
        }
    }

    fn save_as(&mut self) {
        let name = self
            .state
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "scenario.json".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
        if let Some(p) = json_dialog(self.state.path.as_deref())
            .set_file_name(name)
            .save_file()
        {
            let _ = self.state.save_to(&p);
        }
    }

    /// Writes the screenshot Export PNG asked for, once it has arrived.
    fn finish_export(&mut self, ctx: &egui::Context) {
        let Some((path, shot)) = &self.export else {
            return;
        };
        let image = shot.lock().ok().and_then(|mut s| s.take());
        let Some(image) = image else {
            return;
        };
        let crop = self.state.landscape.map(|t| t.rect);
        let result = export_png(&image, crop, ctx.pixels_per_point(), path);
        match result {
            Ok(()) => {
                self.state.notice = Some(tr_args(
                    "msg-exported",
                    &[("path", path.display().to_string())],
                ));
            }
            Err(e) => {
                self.state.error = Some(tr_args(
                    "msg-export-failed",
                    &[("path", path.display().to_string()), ("error", e)],
                ));
            }
        }
        self.export = None;
    }

    /// Sets the theme, scale and projector mode on the context when the settings changed
    /// them (setting them every frame would undo egui's own Ctrl+/Ctrl− zoom).
    fn apply_look(&mut self, ctx: &egui::Context) {
        let s = &self.state.settings;
        let wanted = look::Look {
            theme: s.theme,
            projector: s.projector,
            ui_scale: s.ui_scale,
        };
        if self.applied_look != Some(wanted) {
            look::apply(ctx, wanted);
            self.applied_look = Some(wanted);
        }
    }
}

impl eframe::App for GradscapeApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(
            storage,
            SCENARIO_KEY,
            &self.state.scenario_to_save().to_json(),
        );
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}

/// A file dialog for scenario files, opening where the current one lives.
fn json_dialog(current: Option<&Path>) -> rfd::FileDialog {
    let mut d = rfd::FileDialog::new().add_filter(tr("dialog-scenario"), &["json"]);
    if let Some(dir) = current.and_then(Path::parent).filter(|d| d.is_dir()) {
        d = d.set_directory(dir);
    }
    d
}

/// Writes `image` as a PNG, cropped to `crop` (in points; `ppp` pixels per point).
pub fn export_png(
    image: &ColorImage,
    crop: Option<egui::Rect>,
    ppp: f32,
    path: &Path,
) -> Result<(), String> {
    let [w, h] = image.size;
    let (x0, y0, x1, y1) = match crop {
        Some(r) => (
            ((r.left() * ppp).round().max(0.0) as usize).min(w),
            ((r.top() * ppp).round().max(0.0) as usize).min(h),
            ((r.right() * ppp).round().max(0.0) as usize).min(w),
            ((r.bottom() * ppp).round().max(0.0) as usize).min(h),
        ),
        None => (0, 0, w, h),
    };
    if x1 <= x0 || y1 <= y0 {
        return Err(tr("msg-view-empty"));
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for px in &image.pixels[y * w + x0..y * w + x1] {
            rgba.extend_from_slice(&px.to_srgba_unmultiplied());
        }
    }
    write_atomic_with(path, |out| {
        let mut enc = png::Encoder::new(out, (x1 - x0) as u32, (y1 - y0) as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(std::io::Error::other)?;
        writer
            .write_image_data(&rgba)
            .map_err(std::io::Error::other)?;
        writer.finish().map_err(std::io::Error::other)
    })
    .map_err(|e| e.to_string())
}

/// A side-panel section: its title's key, whether it starts open, and its contents.
type Section = (&'static str, bool, fn(&mut Ui, &mut AppState));

/// The side panel: the lesson card, then scenario, optimizers, schedule, early stopping.
fn side_panel_ui(ui: &mut Ui, state: &mut AppState) {
    ui.spacing_mut().slider_width = 150.0;
    lessons::lesson_card_ui(ui, state);
    // Fixed id salts: the headers' open state must survive a change of language.
    let sections: [Section; 6] = [
        ("section-surface", true, controls::surface_ui),
        ("section-optimizers", true, optimizers::optimizers_ui),
        ("section-run", true, controls::run_settings_ui),
        ("section-schedule", false, controls::scenario_schedule_ui),
        ("section-early-stopping", false, controls::early_stopping_ui),
        ("section-playhead", true, classroom::playhead_ui),
    ];
    for (key, open, body) in sections {
        egui::CollapsingHeader::new(RichText::new(tr(key)).heading())
            .id_salt(key)
            .default_open(open)
            .show(ui, |ui| body(ui, state));
    }
}

/// The error (red, until dismissed), the scenario's warnings, and the last notice.
fn messages_ui(ui: &mut Ui, state: &mut AppState) {
    if let Some(e) = state.error.clone() {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(tr_args("msg-error", &[("error", e)]))
                    .color(widgets::ink::BAD)
                    .strong(),
            );
            if ui
                .button(tr("msg-dismiss"))
                .on_hover_text(tr("msg-dismiss-tip"))
                .clicked()
            {
                state.error = None;
            }
        });
    }
    for w in &state.runs.warnings {
        ui.label(
            RichText::new(tr_args("msg-warning", &[("warning", w.clone())]))
                .color(widgets::ink::WARN),
        );
    }
}

/// The default look (light theme, scale 1), until the settings say otherwise.
fn setup_style(ctx: &egui::Context) {
    look::apply(
        ctx,
        look::Look {
            theme: look::ThemeChoice::default(),
            projector: false,
            ui_scale: 1.0,
        },
    );
}

/// Opens the window on `scenario`.
pub fn run_app(scenario: Scenario, path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Gradscape")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Gradscape",
        options,
        Box::new(move |cc| Ok(Box::new(GradscapeApp::new(cc, scenario, path)))),
    )
    .map_err(|e| e.to_string())
}

/// CPU time of each of `n` frames of dragging the first optimizer's lr slider on a scenario of six
/// optimizers × 5000 steps: each frame changes lr, recomputes every run and diagnosis,
/// lays out the whole window and tessellates it — the CPU work of one real frame, without
/// the GPU upload. Used by `examples/bench_app.rs`.
pub fn bench_drag_frames(n: usize) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let mut app = GradscapeApp::with_scenario(&ctx, bench_scenario(), None);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    // Warm up: fonts, the heatmap texture and the first layout are one-off costs.
    for _ in 0..3 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let base = app.state.scenario.optimizers[0].lr;
    (0..n)
        .map(|k| {
            let (wall0, cpu0) = (Instant::now(), cpu_time::ThreadTime::try_now().ok());
            // What a slider drag does: a new value and a changed flag, then a frame.
            app.state.scenario.optimizers[0].lr = base * (1.0 + 0.5 * ((k as f64) * 0.1).sin());
            app.state.mark_changed();
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
            match cpu0 {
                Some(t) => t.elapsed(),
                None => wall0.elapsed(),
            }
        })
        .collect()
}

/// Six optimizers × 5000 steps on Rosenbrock: the load the performance target names.
pub fn bench_scenario() -> Scenario {
    let json = r#"{
      "surface": {"kind": "rosenbrock"},
      "start": [-1.5, 2.0],
      "steps": 5000,
      "schedule": {"kind": "cosine", "total_steps": 5000, "warmup_steps": 50},
      "optimizers": [
        {"kind": "sgd", "lr": 0.0005},
        {"kind": "momentum", "lr": 0.002},
        {"kind": "heavy_ball", "lr": 0.0005, "nesterov": true},
        {"kind": "rmsprop", "lr": 0.005},
        {"kind": "adam", "lr": 0.02},
        {"kind": "adagrad", "lr": 0.2}
      ]
    }"#;
    Scenario::from_json(json).expect("the benchmark scenario is valid")
}

/// A long scenario's JSON: Rosenbrock, SGD, momentum and Adam, `steps` steps each. What
/// the long-run measurement (`examples/measure_recompute.rs`) loads.
pub fn long_scenario_json(steps: u64) -> String {
    format!(
        r#"{{
      "surface": {{"kind": "rosenbrock"}},
      "start": [-1.5, 2.0],
      "steps": {steps},
      "optimizers": [
        {{"kind": "sgd", "lr": 0.0005}},
        {{"kind": "momentum", "lr": 0.0005}},
        {{"kind": "adam", "lr": 0.002}}
      ]
    }}"#
    )
}
