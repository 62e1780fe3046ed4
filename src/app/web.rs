//! The web page (`wasm32-unknown-unknown`): eframe's web runner on the page's canvas, and
//! the browser's stand-ins for what the desktop does with files. Open is the browser's
//! file input, Save and Export are downloads, dropped files arrive as bytes; the language
//! defaults to the browser's; the URL fragment may carry a scenario (`#s=`, see
//! [`crate::core::link`]), a language (`lang=es`), projector mode (`projector=1`) and a
//! lesson (`lesson=ravine` or its number).
//!
//! For tests and the start-up benchmark the canvas carries what it shows as attributes:
//! `data-scenario` (the scenario's JSON), `data-step`, `data-playing`, `data-updating`
//! (a long run is being computed), `data-progress` (how far, 0 to 1, where it is computed
//! in slices) and `data-progress-frames` (how many frames painted a new progress: the page
//! kept painting while it computed), `data-play` (the Play button's rectangle in CSS
//! pixels), `data-frames` and `data-first-frame-ms` (`performance.now()` when the first
//! frame had been painted), `data-marks` (named controls on screen and their rectangles
//! in CSS pixels, `name:x0,y0,x1,y1;…`: the File menu and its items, the export window's
//! Save button), `data-notice` and `data-log` (the training log open: its name and
//! format, the number of runs).
//!
//! The file input of File ▸ Open is `<input type=file id="gradscape_file_input">`, hidden
//! on the page (a test gives it a file with WebDriver).

use std::path::PathBuf;

use wasm_bindgen::JsCast as _;

use super::files::{FilePurpose, Given, queue, take_given, wake_with};
use super::i18n::{Lang, tr, tr_args};
use super::{GradscapeApp, lessons};
use crate::core::link;
use crate::core::scenario::Scenario;

/// The id of the page's canvas (see `web/index.html`).
pub const CANVAS_ID: &str = "gradscape_canvas";

/// Starts the app on the page's canvas; a failure replaces the loading text with the error.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(canvas) = document
            .get_element_by_id(CANVAS_ID)
            .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            web_sys::console::error_1(&format!("no <canvas id=\"{CANVAS_ID}\">").into());
            return;
        };
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|cc| Ok(Box::new(WebApp::new(cc)))),
            )
            .await;
        if let Some(loading) = document.get_element_by_id("loading") {
            match started {
                Ok(()) => loading.remove(),
                Err(e) => {
                    let text = format!("Gradscape could not start: {e:?}");
                    web_sys::console::error_1(&text.clone().into());
                    loading.set_text_content(Some(&text));
                }
            }
        }
    });
}

/// The desktop app, plus what only the page does each frame.
struct WebApp {
    app: GradscapeApp,
    frames: u32,
    /// Frames that painted a new progress of a sliced computation, and the last one shown.
    progress_frames: u32,
    last_progress: Option<f32>,
    /// What the canvas's attributes last said, so the page's DOM is touched only on change.
    shown: Vec<(&'static str, String)>,
}

impl WebApp {
    fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let fragment = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let (scenario, link_error) = match link::decode(&fragment) {
            Ok(Some(s)) => (s, None),
            Ok(None) => (crate::core::presets::default_scenario(), None),
            Err(e) => (crate::core::presets::default_scenario(), Some(e)),
        };
        let from_link = link_error.is_none() && link::param(&fragment, "s").is_some();
        let stored_settings = cc
            .storage
            .and_then(|s| s.get_string(super::SETTINGS_KEY))
            .is_some();
        let mut app = GradscapeApp::new(cc, scenario.clone(), None);
        // A link's scenario is the one shown, whatever the last visit left in storage.
        if from_link && app.state.scenario != scenario {
            app.state.set_scenario(scenario, None);
        }
        let s = &mut app.state.settings;
        if let Some(lang) = link::param(&fragment, "lang").and_then(Lang::from_code) {
            s.lang = lang;
        } else if !stored_settings && let Some(lang) = browser_lang() {
            s.lang = lang;
        }
        if let Some(p) = link::param(&fragment, "projector") {
            s.projector = matches!(p, "1" | "true" | "on" | "yes");
        }
        // Recent files are paths on a desktop: the page cannot open them again.
        s.recent.clear();
        super::i18n::set_lang(s.lang);
        if let Some(i) = link::param(&fragment, "lesson").and_then(lessons::by_name) {
            lessons::start(&mut app.state, i);
            // The link chose the lesson: no "Start here" card offering the first one.
            app.state.start_card = false;
        }
        if let Some(e) = link_error {
            let default = crate::core::presets::default_scenario();
            if app.state.scenario != default {
                app.state.set_scenario(default, None);
            }
            let e = crate::lang::scenario_error(&e);
            app.state.error = Some(tr_args("msg-link-bad", &[("error", e)]));
        }
        wake_with(&cc.egui_ctx);
        Self {
            app,
            frames: 0,
            progress_frames: 0,
            last_progress: None,
            shown: Vec::new(),
        }
    }

    /// Opens what the file input read and what was dropped on the page.
    fn take_given(&mut self) {
        let given: Vec<Given> = take_given();
        for g in given {
            open_given(&mut self.app.state, g);
        }
    }

    /// The canvas's attributes for tests and the start-up benchmark.
    fn publish(&mut self, ctx: &egui::Context) {
        self.frames = self.frames.saturating_add(1);
        let progress = super::platform::progress();
        if progress.is_some() && progress != self.last_progress {
            self.progress_frames = self.progress_frames.saturating_add(1);
        }
        self.last_progress = progress;
        let state = &self.app.state;
        let mut attrs = vec![
            ("data-scenario", state.scenario.to_json()),
            ("data-step", state.step().to_string()),
            ("data-playing", state.playing.to_string()),
            ("data-updating", state.updating().to_string()),
            ("data-lang", state.settings.lang.code().to_string()),
            ("data-projector", state.settings.projector.to_string()),
            ("data-error", state.error.clone().unwrap_or_default()),
            ("data-frames", self.frames.to_string()),
            (
                "data-progress",
                progress.map_or_else(String::new, |p| format!("{p:.4}")),
            ),
            ("data-progress-frames", self.progress_frames.to_string()),
        ];
        // egui's points are CSS pixels times the zoom.
        let z = ctx.zoom_factor();
        let css = |r: egui::Rect| {
            format!(
                "{:.1},{:.1},{:.1},{:.1}",
                r.min.x * z,
                r.min.y * z,
                r.max.x * z,
                r.max.y * z
            )
        };
        if let Some(r) = ctx.data(|d| d.get_temp::<egui::Rect>(super::playback::play_button_id())) {
            attrs.push(("data-play", css(r)));
        }
        let pass = ctx.cumulative_pass_nr();
        let marks = ctx
            .data(|d| d.get_temp::<super::widgets::Marks>(super::widgets::marks_id()))
            .unwrap_or_default();
        let marks: Vec<String> = marks
            .into_iter()
            .filter(|(_, _, p)| *p == pass)
            .map(|(k, r, _)| format!("{k}:{}", css(r)))
            .collect();
        attrs.push(("data-marks", marks.join(";")));
        attrs.push(("data-notice", state.notice.clone().unwrap_or_default()));
        attrs.push((
            "data-log",
            state.training_log.as_ref().map_or_else(String::new, |l| {
                format!("{}:{}:{}", l.path.display(), l.format.id(), l.runs.len())
            }),
        ));
        // The first frame is on screen once the second one is being laid out.
        if self.frames == 2
            && let Some(now) = web_sys::window()
                .and_then(|w| w.performance())
                .map(|p| p.now())
        {
            attrs.push(("data-first-frame-ms", format!("{now:.0}")));
        }
        if self.frames <= 2 {
            ctx.request_repaint();
        }
        let Some(canvas) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(CANVAS_ID))
        else {
            return;
        };
        for (name, value) in attrs {
            if self.shown.iter().any(|(n, v)| *n == name && *v == value) {
                continue;
            }
            let _ = canvas.set_attribute(name, &value);
            self.shown.retain(|(n, _)| *n != name);
            self.shown.push((name, value));
        }
    }
}

impl eframe::App for WebApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.take_given();
        eframe::App::ui(&mut self.app, ui, frame);
        // A saved file is a download: there is no path to open again from File ▸ Recent.
        self.app.state.settings.recent.clear();
        self.publish(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }

    /// Dropped files are taken out before the app sees them (on the desktop it opens them
    /// by path): the browser reads them, and they open together in a later frame.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let dropped = std::mem::take(&mut raw_input.dropped_files);
        if dropped.is_empty() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let mut files = Vec::with_capacity(dropped.len());
            for file in &dropped {
                let name = file.path().to_string_lossy().into_owned();
                files.push((name, file.bytes_async().await));
            }
            queue(Given {
                purpose: None,
                files,
            });
        });
    }
}

/// The browser's first language, if the app speaks it.
fn browser_lang() -> Option<Lang> {
    let nav = web_sys::window()?.navigator();
    let mut langs: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    langs.extend(nav.language());
    langs.iter().find_map(|l| Lang::from_code(l))
}

/// Opens what the user gave: a scenario (one JSON file with a `surface`) or a training
/// log (one file, or an MLflow run's metric files together).
fn open_given(state: &mut super::state::AppState, g: Given) {
    let fail = |state: &mut super::state::AppState, name: String, error: String| {
        state.error = Some(tr_args(
            "msg-open-failed",
            &[(
                "error",
                tr_args("web-open-failed", &[("name", name), ("error", error)]),
            )],
        ));
    };
    let mut files = Vec::with_capacity(g.files.len());
    for (name, read) in g.files {
        match read {
            // Some browsers hand a dropped folder over as an empty file without extension.
            Ok(bytes) if bytes.is_empty() && !name.contains('.') => {
                fail(state, name, tr("web-log-folder"));
                return;
            }
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => {
                // A dropped folder, most often: say what the page can read instead.
                web_sys::console::warn_1(&format!("{name}: {e}").into());
                fail(state, name, tr("web-log-folder"));
                return;
            }
        }
    }
    let Some((name, bytes)) = files.first() else {
        return;
    };
    let looks_like_scenario = files.len() == 1
        && serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .is_some_and(|v| v.get("surface").is_some() && v.get("log_history").is_none());
    let as_scenario = match g.purpose {
        Some(FilePurpose::Open) => true,
        Some(_) => false,
        None => looks_like_scenario,
    };
    if as_scenario {
        let text = String::from_utf8_lossy(bytes);
        match Scenario::from_json(&text) {
            Ok(s) => {
                state.set_scenario(s, Some(PathBuf::from(name)));
                state.notice = Some(tr_args("msg-opened", &[("path", name.clone())]));
            }
            Err(e) => fail(state, name.clone(), crate::lang::scenario_error(&e)),
        }
        return;
    }
    let given: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    match crate::core::log::read_named_files(&given) {
        Ok((format, runs)) => {
            let findings = runs
                .iter()
                .map(|r| crate::core::diagnosis::diagnose(&r.series()))
                .collect();
            let shown = if files.len() == 1 {
                name.clone()
            } else {
                tr_args(
                    "web-files",
                    &[("n", files.len().to_string()), ("first", name.clone())],
                )
            };
            state.training_log = Some(super::state::TrainingLog {
                path: PathBuf::from(&shown),
                format,
                runs,
                findings,
            });
            state.notice = Some(tr_args("msg-log-opened", &[("path", shown)]));
        }
        Err(e) => fail(
            state,
            e.path.display().to_string(),
            crate::lang::log_error(&e.error),
        ),
    }
}
