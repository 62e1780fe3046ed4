//! The web page (`wasm32-unknown-unknown`): eframe's web runner on the page's canvas, and
//! the browser's stand-ins for what the desktop does with files. Open is the browser's
//! file input, Save and Export are downloads, dropped files arrive as bytes; the language
//! defaults to the browser's; the URL fragment may carry a scenario (`#s=`, see
//! [`crate::core::link`]), a language (`lang=es`), projector mode (`projector=1`) and a
//! lesson (`lesson=ravine` or its number).
//!
//! For tests and the start-up benchmark the canvas carries what it shows as attributes:
//! `data-scenario` (the scenario's JSON), `data-step`, `data-playing`, `data-updating`
//! (a long run is being computed), `data-play` (the
//! Play button's rectangle in CSS pixels), `data-frames` and `data-first-frame-ms`
//! (`performance.now()` when the first frame had been painted).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::files::{FilePurpose, FileRequest, NativeDialogs, NativeOutcome, PickerOutcome};
use super::i18n::{Lang, tr_args};
use super::{GradscapeApp, lessons};
use crate::core::link;
use crate::core::scenario::Scenario;

/// The id of the page's canvas (see `web/index.html`).
pub const CANVAS_ID: &str = "gradscape_canvas";

/// A file the user gave the page (through the file input or by dropping it).
struct Given {
    /// What it was asked for: a scenario, a training log, or (dropped) either.
    purpose: Option<FilePurpose>,
    name: String,
    bytes: Vec<u8>,
}

thread_local! {
    /// Files read by the file input's handler, waiting for the next frame.
    static GIVEN: RefCell<Vec<Given>> = const { RefCell::new(Vec::new()) };
    /// The context to wake when a file has been read.
    static CTX: RefCell<Option<egui::Context>> = const { RefCell::new(None) };
}

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
        }
        if let Some(e) = link_error {
            let default = crate::core::presets::default_scenario();
            if app.state.scenario != default {
                app.state.set_scenario(default, None);
            }
            let e = crate::lang::scenario_error(&e);
            app.state.error = Some(tr_args("msg-link-bad", &[("error", e)]));
        }
        CTX.with(|c| *c.borrow_mut() = Some(cc.egui_ctx.clone()));
        Self {
            app,
            frames: 0,
            shown: Vec::new(),
        }
    }

    /// Opens what the file input read and what was dropped on the page.
    fn take_given(&mut self) {
        let given: Vec<Given> = GIVEN.with(|g| std::mem::take(&mut *g.borrow_mut()));
        for g in given {
            open_given(&mut self.app.state, g);
        }
    }

    /// The canvas's attributes for tests and the start-up benchmark.
    fn publish(&mut self, ctx: &egui::Context) {
        self.frames = self.frames.saturating_add(1);
        let state = &self.app.state;
        let mut attrs = vec![
            ("data-scenario", state.scenario.to_json()),
            ("data-step", state.step().to_string()),
            ("data-playing", state.playing.to_string()),
            ("data-updating", state.updating().to_string()),
            ("data-lang", state.settings.lang.code().to_string()),
            ("data-projector", state.settings.projector.to_string()),
            ("data-error", state.error.clone().unwrap_or_default()),
        ];
        if let Some(r) = ctx.data(|d| d.get_temp::<egui::Rect>(super::playback::play_button_id())) {
            // egui's points are CSS pixels times the zoom.
            let z = ctx.zoom_factor();
            attrs.push((
                "data-play",
                format!(
                    "{:.1},{:.1},{:.1},{:.1}",
                    r.min.x * z,
                    r.min.y * z,
                    r.max.x * z,
                    r.max.y * z
                ),
            ));
        }
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
    /// by path): the browser reads them, and they open in a later frame.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        for file in std::mem::take(&mut raw_input.dropped_files) {
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.path().to_string_lossy().into_owned();
                match file.bytes_async().await {
                    Ok(bytes) => queue(Given {
                        purpose: None,
                        name,
                        bytes,
                    }),
                    Err(e) => web_sys::console::error_1(&e.into()),
                }
            });
        }
    }
}

/// Hands a file that was read to the app, and wakes it.
fn queue(given: Given) {
    GIVEN.with(|g| g.borrow_mut().push(given));
    CTX.with(|c| {
        if let Some(ctx) = &*c.borrow() {
            ctx.request_repaint();
        }
    });
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

/// Opens a file the user gave: a scenario (JSON with a `surface`) or a training log.
fn open_given(state: &mut super::state::AppState, g: Given) {
    let text = String::from_utf8_lossy(&g.bytes).into_owned();
    let looks_like_scenario = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("surface").is_some() && v.get("log_history").is_none());
    let as_scenario = match g.purpose {
        Some(FilePurpose::Open) => true,
        Some(_) => false,
        None => looks_like_scenario,
    };
    let fail = |state: &mut super::state::AppState, error: String| {
        state.error = Some(tr_args(
            "msg-open-failed",
            &[(
                "error",
                tr_args(
                    "web-open-failed",
                    &[("name", g.name.clone()), ("error", error)],
                ),
            )],
        ));
    };
    if as_scenario {
        match Scenario::from_json(&text) {
            Ok(s) => {
                state.set_scenario(s, Some(PathBuf::from(&g.name)));
                state.notice = Some(tr_args("msg-opened", &[("path", g.name.clone())]));
            }
            Err(e) => fail(state, crate::lang::scenario_error(&e)),
        }
        return;
    }
    match crate::core::log::read_named_text(&g.name, &text) {
        Ok((format, runs)) => {
            let findings = runs
                .iter()
                .map(|r| crate::core::diagnosis::diagnose(&r.series()))
                .collect();
            state.training_log = Some(super::state::TrainingLog {
                path: PathBuf::from(&g.name),
                format,
                runs,
                findings,
            });
            state.notice = Some(tr_args("msg-log-opened", &[("path", g.name.clone())]));
        }
        Err(e) => fail(state, crate::lang::log_error(&e)),
    }
}

/// The browser's file dialogs: the file input for Open, a download for Save and Export.
#[derive(Debug, Default)]
pub struct BrowserFiles;

impl NativeDialogs for BrowserFiles {
    fn pick(&mut self, request: &FileRequest) -> NativeOutcome {
        if request.purpose.saves() {
            // The browser asks where downloads go (or puts them in Downloads).
            let name = request
                .file_name
                .clone()
                .unwrap_or_else(|| format!("gradscape.{}", request.purpose.extension()));
            return NativeOutcome::Picked(PathBuf::from(name));
        }
        if let Err(e) = choose_file(request.purpose) {
            web_sys::console::error_1(&e);
        }
        // The file arrives later, read by the input's handler (see `take_given`).
        NativeOutcome::Cancelled
    }
}

/// Shows the browser's file chooser; the file chosen is read and queued for the app.
fn choose_file(purpose: FilePurpose) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let input: web_sys::HtmlInputElement = document.create_element("input")?.dyn_into()?;
    input.set_type("file");
    if purpose == FilePurpose::Open {
        input.set_accept(".json,application/json");
    }
    let handler_input = input.clone();
    let on_change = Closure::once_into_js(move || {
        let Some(file) = handler_input.files().and_then(|f| f.get(0)) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    queue(Given {
                        purpose: Some(purpose),
                        name,
                        bytes,
                    });
                }
                Err(e) => web_sys::console::error_1(&e),
            }
        });
    });
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.click();
    Ok(())
}

/// Offers `bytes` as a download named after `path`'s file name.
pub fn download(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "gradscape".into(), |n| n.to_string_lossy().into_owned());
    let mime = match path.extension().and_then(|e| e.to_str()) {
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("gif") => "image/gif",
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("py") => "text/x-python",
        _ => "application/octet-stream",
    };
    offer_download(&name, bytes, mime)
        .map_err(|e| std::io::Error::other(format!("the browser refused the download: {e:?}")))
}

fn offer_download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked a minute later: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// The page's address without its fragment: what a copied link starts with.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Never shown on the web: [`BrowserFiles`] always has a dialog. The type exists so the
/// app's code is the same on both platforms.
#[derive(Debug)]
pub struct InAppPicker {
    /// What the chosen file is for.
    pub purpose: FilePurpose,
}

impl InAppPicker {
    /// A picker that closes at once.
    pub fn new(request: &FileRequest) -> Self {
        Self {
            purpose: request.purpose,
        }
    }

    /// Closed: the browser's own chooser is used instead.
    pub fn show(&mut self, _ctx: &egui::Context) -> PickerOutcome {
        PickerOutcome::Cancelled
    }
}
