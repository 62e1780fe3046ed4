//! The eframe/egui desktop app.
//!
//! [`state::AppState`] holds everything; each panel is a `*_ui(ui, &mut AppState)` function
//! in its own file. Controls mutate the state and mark it changed; the runs the change
//! touches are recomputed before the views draw, in the same frame, and the playhead reveals
//! them. Long scenarios (more than [`state::SYNC_STEP_LIMIT`] steps in all) are computed on
//! a worker thread instead: the views keep the last runs, marked as updating, until the
//! new ones arrive.

pub mod classroom;
pub mod controls;
pub mod files;
pub mod i18n;
pub mod landscape;
pub mod landscape_canvas;
pub mod lessons;
pub mod look;
pub mod loss_panel;
pub mod menu;
pub mod optimizers;
pub mod platform;
pub mod playback;
pub mod schedule;
#[cfg(target_arch = "wasm32")]
mod slices;
pub mod state;
pub mod status;
pub mod training_log;
pub mod tuning;
pub mod tuning_results;
pub mod view3d;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod widgets;

use std::path::{Path, PathBuf};
use web_time::Duration;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::core::presets;
use crate::core::scenario::Scenario;
use i18n::{tr, tr_args};
use landscape::Landscape;
use state::{Action, AppState, ExportKind, Settings};

/// Storage key of the last scenario (its JSON).
const SCENARIO_KEY: &str = "gradscape/scenario";
/// Storage key of the UI settings.
const SETTINGS_KEY: &str = "gradscape/settings";
/// Storage key of the settings' format version.
const SETTINGS_VERSION_KEY: &str = "gradscape/settings-version";
/// The settings' format version. Raise it when a stored field changes meaning: settings of
/// another version are not read (the defaults are used), so an old stored state (a
/// browser's local storage keeps it for years) never breaks a new build. Fields added or
/// removed need no new version: missing ones take their defaults, unknown ones are ignored.
pub const SETTINGS_VERSION: u32 = 1;

/// How long the settings must rest before the runs are diagnosed again.
const DIAGNOSIS_REST: Duration = Duration::from_millis(250);

/// Below this window width (points) the side panel starts folded away.
const SIDE_OPEN_MIN_WIDTH: f32 = 1100.0;
/// The narrowest side panel.
const SIDE_MIN: f32 = 260.0;
/// The lowest loss panel.
const LOSS_MIN: f32 = 130.0;

/// The side and loss panels' first sizes for a window: small enough that the landscape
/// stays the largest thing on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelSizes {
    /// The side panel's width.
    pub side: f32,
    /// The loss panel's height.
    pub loss: f32,
}

impl PanelSizes {
    /// The sizes for a window of `size` points.
    pub fn for_window(size: egui::Vec2) -> Self {
        Self {
            side: (size.x * 0.25).clamp(SIDE_MIN, 380.0),
            loss: (size.y * 0.18).clamp(LOSS_MIN, 260.0),
        }
    }
}

/// The app: its state, the landscape's caches, and the export in progress.
pub struct GradscapeApp {
    /// Everything the panels show and edit.
    pub state: AppState,
    /// The landscape widget (keeps the heatmap texture).
    pub landscape: Landscape,
    /// The desktop's file dialogs (a stand-in in tests).
    pub dialogs: Box<dyn files::NativeDialogs>,
    /// The in-app file picker, while it is open.
    picker: Option<files::InAppPicker>,
    /// The theme, scale and projector mode last set on the context.
    applied_look: Option<look::Look>,
    /// Frames shown so far, counted only for the first-frame probe.
    frames: u32,
}

impl GradscapeApp {
    /// An app on `scenario` without persistence (tests, benchmarks).
    // The web's dialogs are a unit struct; the desktop's are not.
    #[cfg_attr(
        target_arch = "wasm32",
        allow(clippy::default_constructed_unit_structs)
    )]
    pub fn with_scenario(ctx: &egui::Context, scenario: Scenario, path: Option<PathBuf>) -> Self {
        setup_style(ctx);
        Self {
            state: AppState::new(scenario, path),
            landscape: Landscape::default(),
            dialogs: Box::new(files::PlatformDialogs::default()),
            picker: None,
            applied_look: None,
            frames: 0,
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
        // Nothing stored yet, and nothing asked for on the command line: a first launch.
        let mut first_launch = false;
        if let Some(storage) = cc.storage {
            // No version stored: settings saved before versions existed, which are version 1.
            let same_version = eframe::get_value::<u32>(storage, SETTINGS_VERSION_KEY)
                .is_none_or(|v| v == SETTINGS_VERSION);
            match eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
                Some(s) if same_version => settings = s,
                Some(_) => {}
                None => {
                    first_launch = path.is_none() && scenario == presets::default_scenario();
                }
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
        } else if first_launch {
            lessons::welcome(&mut app.state);
        }
        // `GRADSCAPE_TOOL=map|lr-find|compare` opens a tuning window at start (a teacher's
        // launcher, and screenshots of the windows).
        if let Ok(tool) = std::env::var("GRADSCAPE_TOOL") {
            let t = &mut app.state.tuning;
            match tool.trim() {
                "map" => t.map_open = true,
                "lr-find" => t.lr_find_open = true,
                "compare" => t.compare_open = true,
                _ => {}
            }
        }
        app
    }

    /// One frame of the whole window, without eframe's `Frame` (so benchmarks can drive it).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        i18n::set_lang(self.state.settings.lang);
        self.state.relabel_runs_if_language_changed();
        self.apply_look(&ctx);
        self.keyboard(&ctx);
        let dt = ctx.input(|i| i.stable_dt).min(0.1) as f64;
        self.state.advance(dt);
        training_log::take_dropped_files(&ctx, &mut self.state);
        self.run_actions(&ctx);

        egui::Panel::top("menu bar").show(ui, |ui| menu::menu_ui(ui, &mut self.state));
        egui::Panel::bottom("status bar").show(ui, |ui| status::status_ui(ui, &mut self.state));
        let screen = ui.available_rect_before_wrap().size();
        let sizes = PanelSizes::for_window(screen);
        // Below a certain width the controls start folded away, so the landscape keeps most
        // of a projected screen; one click on "Controls" brings them back. The width is
        // taken at the zoom the look asks for: on the first frame it is not applied yet.
        let wanted_zoom = self.applied_look.map_or(1.0, |l| l.zoom());
        let width_at_zoom = screen.x * ctx.zoom_factor() / wanted_zoom;
        let side_open = *self
            .state
            .side_open
            .get_or_insert(width_at_zoom >= SIDE_OPEN_MIN_WIDTH);
        if side_open {
            egui::Panel::left("controls")
                .resizable(true)
                .default_size(sizes.side)
                .size_range(SIDE_MIN..=(screen.x * 0.45).max(SIDE_MIN))
                .show(ui, |ui| {
                    // Not shrunk to its contents: a wide row scrolls sideways instead of
                    // widening the panel past what the landscape can spare.
                    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
                        side_panel_ui(ui, &mut self.state, sizes.side);
                    });
                });
        }
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
        if self.state.settings.loss_open {
            egui::Panel::bottom("loss panel")
                .resizable(true)
                .default_size(sizes.loss)
                .size_range(LOSS_MIN..=(screen.y * 0.6).max(LOSS_MIN))
                .show(ui, |ui| loss_panel::loss_panel_ui(ui, &mut self.state));
        } else {
            egui::Panel::bottom("loss panel folded")
                .resizable(false)
                .show(ui, |ui| loss_panel::folded_ui(ui, &mut self.state));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            messages_ui(ui, &mut self.state);
            playback::toolbar_ui(ui, &mut self.state);
            self.landscape.ui(ui, &mut self.state);
        });
        self.dialogs_ui(&ctx);
        lessons::start_card_ui(&ctx, &mut self.state);
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
            // Space on the "Start here" card is its Play button.
            self.state.start_card = false;
            self.state.toggle_play();
        }
        if self.state.start_card && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.state.start_card = false;
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
                Action::OpenDialog => self.ask_for_file(files::FilePurpose::Open),
                Action::OpenPath(p) => {
                    let _ = self.state.open_path(&p);
                }
                Action::OpenTrainingLogDialog => self.ask_for_file(files::FilePurpose::OpenLog),
                Action::OpenTrainingLog(p) => {
                    let _ = training_log::open_into(&mut self.state, &p);
                }
                Action::Save => match self.state.path.clone() {
                    Some(p) => {
                        let _ = self.state.save_to(&p);
                    }
                    None => self.ask_for_file(files::FilePurpose::Save),
                },
                Action::SaveAs => self.ask_for_file(files::FilePurpose::Save),
                Action::Export(kind) => match kind {
                    ExportKind::Png | ExportKind::Svg | ExportKind::Gif => {
                        self.state.export_setup = Some(kind);
                    }
                    ExportKind::Csv | ExportKind::Json | ExportKind::PyTorch => {
                        self.ask_for_file(files::FilePurpose::Export(kind));
                    }
                },
                Action::ExportChoose(kind) => {
                    self.state.export_setup = None;
                    self.ask_for_file(files::FilePurpose::Export(kind));
                }
                Action::CopyLink => {
                    let scenario = self.state.scenario_to_save();
                    let link = platform::page_address() + &crate::core::link::encode(&scenario);
                    ctx.copy_text(link.clone());
                    self.state.notice = Some(tr_args("msg-link-copied", &[("link", link)]));
                }
            }
        }
    }

    /// Asks for a path for `purpose`: the desktop's dialog, or the in-app picker when the
    /// desktop has none. What the path is used for happens in [`Self::use_path`].
    fn ask_for_file(&mut self, purpose: files::FilePurpose) {
        let request = self.file_request(purpose);
        match self.dialogs.pick(&request) {
            files::NativeOutcome::Picked(p) => {
                self.use_path(purpose, &files::with_extension(&p, purpose));
            }
            files::NativeOutcome::Cancelled => {}
            files::NativeOutcome::Unavailable => {
                self.picker = Some(files::InAppPicker::new(&request));
            }
        }
    }

    fn file_request(&self, purpose: files::FilePurpose) -> files::FileRequest {
        let current = self.state.path.as_deref();
        let directory = current
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        let stem = current.and_then(|p| p.file_stem()).map_or_else(
            || "gradscape".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let (filter_name, file_name) = match purpose {
            files::FilePurpose::Open => (tr("dialog-scenario"), None),
            files::FilePurpose::OpenLog => (tr("menu-open-log"), None),
            files::FilePurpose::Save => (
                tr("dialog-scenario"),
                Some(current.and_then(|p| p.file_name()).map_or_else(
                    || "scenario.json".to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )),
            ),
            files::FilePurpose::Export(kind) => (
                tr(&format!("dialog-{}", kind.extension())),
                Some(format!("{stem}.{}", kind.extension())),
            ),
        };
        files::FileRequest {
            purpose,
            filter_name,
            directory,
            file_name,
        }
    }

    /// Opens, saves or exports to `path`; every outcome shows as a notice or an error.
    fn use_path(&mut self, purpose: files::FilePurpose, path: &Path) {
        let _ = match purpose {
            files::FilePurpose::Open => self.state.open_path(path),
            files::FilePurpose::OpenLog => training_log::open_into(&mut self.state, path),
            files::FilePurpose::Save => self.state.save_to(path),
            files::FilePurpose::Export(kind) => self.state.export_to(path, kind),
        };
    }

    /// Whether the in-app file picker is open.
    pub fn picker_open(&self) -> bool {
        self.picker.is_some()
    }

    /// The in-app picker and the export window, when open.
    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(picker) = &mut self.picker {
            match picker.show(ctx) {
                files::PickerOutcome::Open => {}
                files::PickerOutcome::Cancelled => self.picker = None,
                files::PickerOutcome::Picked(p) => {
                    let purpose = picker.purpose;
                    self.picker = None;
                    self.use_path(purpose, &p);
                }
            }
        }
        export_window_ui(ctx, &mut self.state);
        let mut tuning = std::mem::take(&mut self.state.tuning);
        tuning::tuning_windows_ui(ctx, &mut self.state, &mut tuning);
        self.state.tuning = tuning;
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

/// Set (to anything) to print when the first frame was on screen and quit: what
/// `scripts/first-frame.sh` measures from process start.
pub const FIRST_FRAME_PROBE: &str = "GRADSCAPE_FIRST_FRAME_PROBE";

impl eframe::App for GradscapeApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        // The start-up benchmark (`scripts/first-frame.sh`): when the second frame is laid
        // out, the first one has been painted and presented; say when, and quit.
        if std::env::var_os(FIRST_FRAME_PROBE).is_some() {
            self.frames += 1;
            if self.frames == 1 {
                ui.ctx().request_repaint();
            } else if self.frames == 2 {
                let now = web_time::SystemTime::now()
                    .duration_since(web_time::UNIX_EPOCH)
                    .unwrap_or_default();
                println!("first-frame-unix-ns {}", now.as_nanos());
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(
            storage,
            SCENARIO_KEY,
            &self.state.scenario_to_save().to_json(),
        );
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, SETTINGS_VERSION_KEY, &SETTINGS_VERSION);
    }
}

/// A side-panel section: its title's key, whether it starts open, and its contents.
type Section = (&'static str, bool, fn(&mut Ui, &mut AppState));

/// The side panel: the lesson card, then scenario, optimizers, schedule, early stopping.
fn side_panel_ui(ui: &mut Ui, state: &mut AppState, width: f32) {
    // Sliders sized to the panel's first width, and nothing wider than the panel: its
    // contents must not widen it past what the landscape can spare.
    ui.spacing_mut().slider_width = (width - 190.0).clamp(90.0, 150.0);
    ui.set_max_width(ui.available_width());
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
            RichText::new(tr_args(
                "msg-warning",
                &[("warning", crate::lang::problem(w))],
            ))
            .color(widgets::ink::WARN),
        );
    }
    // What the last save or export did, and where: until dismissed or replaced.
    if let Some(n) = state.notice.clone() {
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(RichText::new(n).color(widgets::ink::GOOD)).truncate());
            if ui
                .small_button(tr("msg-ok"))
                .on_hover_text(tr("msg-dismiss-tip"))
                .clicked()
            {
                state.notice = None;
            }
        });
    }
}

/// The export window: size (and frames for a GIF), then "Save…" opens the file dialog.
fn export_window_ui(ctx: &egui::Context, state: &mut AppState) {
    let Some(kind) = state.export_setup else {
        return;
    };
    let mut open = true;
    let mut choose = false;
    let (lo, hi) = crate::render::SIZE_LIMITS;
    egui::Window::new(tr(&format!("export-title-{}", kind.extension())))
        .id(egui::Id::unique("export window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let e = &mut state.settings.export;
            ui.label(tr(&format!("export-what-{}", kind.extension())));
            ui.horizontal(|ui| {
                ui.label(tr("export-size"));
                ui.add(
                    egui::DragValue::new(&mut e.width)
                        .range(lo..=hi)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut e.height)
                        .range(lo..=hi)
                        .suffix(" px"),
                );
            });
            ui.horizontal_wrapped(|ui| {
                for (w, h, name) in [
                    (1920, 1080, "1920 × 1080"),
                    (1280, 720, "1280 × 720"),
                    (1280, 800, "1280 × 800"),
                    (1024, 768, "1024 × 768"),
                ] {
                    if ui
                        .selectable_label(e.width == w && e.height == h, name)
                        .clicked()
                    {
                        e.width = w;
                        e.height = h;
                    }
                }
            });
            if kind == ExportKind::Gif {
                ui.horizontal(|ui| {
                    ui.label(tr("export-frames"));
                    ui.add(egui::DragValue::new(&mut e.frames).range(1..=state::MAX_EXPORT_FRAMES));
                });
            }
            ui.checkbox(&mut e.with_loss, tr("export-with-loss"))
                .on_hover_text(tr("export-with-loss-tip"));
            ui.separator();
            ui.horizontal(|ui| {
                let save = ui.button(RichText::new(tr("export-choose")).strong());
                if widgets::mark(ui, "export-choose", save).clicked() {
                    choose = true;
                }
                if ui.button(tr("picker-cancel")).clicked() {
                    state.export_setup = None;
                }
            });
        });
    if !open {
        state.export_setup = None;
    }
    if choose {
        state.actions.push(Action::ExportChoose(kind));
        ctx.request_repaint();
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
#[cfg(not(target_arch = "wasm32"))]
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

#[cfg(not(target_arch = "wasm32"))]
/// CPU time of each of `n` frames of dragging the first optimizer's lr slider on a scenario of six
/// optimizers × 5000 steps: each frame changes lr, recomputes what the change touches,
/// lays out the whole window and tessellates it — the CPU work of one real frame, without
/// the GPU upload. Used by `examples/bench_app.rs`.
pub fn bench_drag_frames(n: usize) -> Vec<Duration> {
    bench_drag_frames_with(n, bench_scenario_steps(5000))
}

#[cfg(not(target_arch = "wasm32"))]
/// [`bench_drag_frames`] on `scenario`, frames paced at 60 Hz as a real window's are (so a
/// long scenario's worker has a frame's time to answer, as it would on screen); the time
/// counted is the UI thread's CPU time of each frame, the worker's is not.
pub fn bench_drag_frames_with(n: usize, scenario: Scenario) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let mut app = GradscapeApp::with_scenario(&ctx, scenario, None);
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
    app.state.wait_for_worker(Duration::from_secs(120));
    let base = app.state.scenario.optimizers[0].lr;
    let period = Duration::from_secs_f64(1.0 / 60.0);
    (0..n)
        .map(|k| {
            let (wall0, cpu0) = (
                web_time::Instant::now(),
                cpu_time::ThreadTime::try_now().ok(),
            );
            // What a slider drag does: a new value and a changed flag, then a frame.
            app.state.scenario.optimizers[0].lr = base * (1.0 + 0.5 * ((k as f64) * 0.1).sin());
            app.state.mark_changed();
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
            let t = match cpu0 {
                Some(t) => t.elapsed(),
                None => wall0.elapsed(),
            };
            if let Some(rest) = period.checked_sub(wall0.elapsed()) {
                std::thread::sleep(rest);
            }
            t
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
/// CPU time of each of `n` frames of the whole window at rest (nothing changes, nothing
/// plays) once `scenario`'s runs are on screen, in the 2-D or the 3-D view. Used by
/// `examples/measure_recompute.rs`.
pub fn bench_rest_frames(n: usize, scenario: Scenario, view_3d: bool) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let mut app = GradscapeApp::with_scenario(&ctx, scenario, None);
    app.state.settings.view_3d = view_3d;
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut GradscapeApp| {
        let (wall0, cpu0) = (
            web_time::Instant::now(),
            cpu_time::ThreadTime::try_now().ok(),
        );
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        match cpu0 {
            Some(t) => t.elapsed(),
            None => wall0.elapsed(),
        }
    };
    frame(&mut app);
    app.state.wait_for_worker(Duration::from_secs(120));
    // The frame installing the runs, and one for the layout to settle.
    for _ in 0..3 {
        frame(&mut app);
    }
    (0..n).map(|_| frame(&mut app)).collect()
}

/// Six optimizers × 5000 steps on Rosenbrock: the load the performance target names.
pub fn bench_scenario() -> Scenario {
    bench_scenario_steps(5000)
}

/// [`bench_scenario`] with `steps` steps (the cosine schedule spans them all).
pub fn bench_scenario_steps(steps: u64) -> Scenario {
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
    let json = json
        .replace("\"steps\": 5000", &format!("\"steps\": {steps}"))
        .replace(
            "\"total_steps\": 5000",
            &format!("\"total_steps\": {steps}"),
        );
    Scenario::from_json(&json).expect("the benchmark scenario is valid")
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
