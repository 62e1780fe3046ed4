//! File dialogs that always open: the desktop's own (through `rfd`) when it has one, and
//! an in-app picker (`egui_file`) when it does not — a bare X server, a classroom machine
//! without a desktop portal or zenity. Without this fallback Open, Save and Export did
//! nothing at all there.
//!
//! The native side sits behind [`NativeDialogs`], so tests can stand in a desktop that
//! has no dialog and check the in-app picker opens instead.

use std::path::{Path, PathBuf};

use super::state::ExportKind;

/// What a file is being chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// File ▸ Open: a scenario to read.
    Open,
    /// File ▸ Save as: where the scenario goes.
    Save,
    /// File ▸ Export: where an export goes.
    Export(ExportKind),
    /// File ▸ Open training log: a log of any format `diagnose` reads (no filter).
    OpenLog,
}

impl FilePurpose {
    /// Whether the dialog asks for a new file's name (rather than an existing file).
    pub fn saves(self) -> bool {
        !matches!(self, FilePurpose::Open | FilePurpose::OpenLog)
    }

    /// The extension files of this purpose carry.
    pub fn extension(self) -> &'static str {
        match self {
            FilePurpose::Open | FilePurpose::Save => "json",
            FilePurpose::OpenLog => "",
            FilePurpose::Export(k) => k.extension(),
        }
    }
}

/// One request for a path.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRequest {
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The filter's name ("Gradscape scenario", "PNG image").
    pub filter_name: String,
    /// The folder to start in.
    pub directory: Option<PathBuf>,
    /// The suggested file name (save dialogs).
    pub file_name: Option<String>,
}

/// What a native dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NativeOutcome {
    /// The user chose this path.
    Picked(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (no portal, no zenity): the in-app picker takes over.
    Unavailable,
}

/// The desktop's file dialog, or a stand-in for tests.
pub trait NativeDialogs {
    /// Asks the user for a path for `request`; blocks until the dialog closes.
    fn pick(&mut self, request: &FileRequest) -> NativeOutcome;
}

/// What the in-app picker did this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOutcome {
    /// Still open.
    Open,
    /// Closed without a choice.
    Cancelled,
    /// A path was chosen.
    Picked(PathBuf),
}

#[cfg(target_arch = "wasm32")]
pub use browser::{
    BrowserFiles as PlatformDialogs, Given, InAppPicker, queue, take_given, wake_with,
};
/// The dialogs of this platform: `rfd`'s with the in-app fallback on the desktop, the
/// browser's file input and downloads on the web.
#[cfg(not(target_arch = "wasm32"))]
pub use desktop::{InAppPicker, RfdDialogs as PlatformDialogs, RfdDialogs, native_dialog_likely};

/// The desktop's dialogs: `rfd`, and `egui_file` where `rfd` has nothing to show.
#[cfg(not(target_arch = "wasm32"))]
mod desktop {
    use std::path::{Path, PathBuf};

    use web_time::{Duration, Instant};

    use super::super::i18n::tr;
    use super::{
        FilePurpose, FileRequest, NativeDialogs, NativeOutcome, PickerOutcome, with_extension,
    };

    /// A native dialog that answers this fast was never shown: nobody cancels a dialog in a
    /// tenth of a second, but `rfd` returns `None` at once when neither a portal nor zenity is
    /// there.
    const NEVER_SHOWN: Duration = Duration::from_millis(120);

    /// The desktop's dialogs through `rfd`. Once one fails to appear, the rest of the session
    /// uses the in-app picker without trying again.
    #[derive(Debug)]
    pub struct RfdDialogs {
        available: bool,
    }

    impl Default for RfdDialogs {
        fn default() -> Self {
            Self {
                available: native_dialog_likely(),
            }
        }
    }

    impl NativeDialogs for RfdDialogs {
        fn pick(&mut self, request: &FileRequest) -> NativeOutcome {
            if !self.available {
                return NativeOutcome::Unavailable;
            }
            let ext = request.purpose.extension();
            let mut d = rfd::FileDialog::new();
            // A training log may be a CSV, a JSON file or a TensorBoard event file: no filter.
            if !ext.is_empty() {
                d = d.add_filter(&request.filter_name, &[ext]);
            }
            if let Some(dir) = request.directory.as_deref().filter(|d| d.is_dir()) {
                d = d.set_directory(dir);
            }
            if let Some(name) = &request.file_name {
                d = d.set_file_name(name);
            }
            let t0 = Instant::now();
            let picked = if request.purpose.saves() {
                d.save_file()
            } else {
                d.pick_file()
            };
            match picked {
                Some(p) => NativeOutcome::Picked(p),
                None if t0.elapsed() < NEVER_SHOWN => {
                    self.available = false;
                    NativeOutcome::Unavailable
                }
                None => NativeOutcome::Cancelled,
            }
        }
    }

    /// Whether a native dialog can be expected: `GRADSCAPE_FILE_DIALOG=builtin|native`
    /// decides when set; on Linux and the BSDs there must be a session bus (for the desktop
    /// portal) or zenity on the PATH; elsewhere the system always has one.
    pub fn native_dialog_likely() -> bool {
        match std::env::var("GRADSCAPE_FILE_DIALOG")
            .as_deref()
            .map(str::trim)
        {
            Ok("builtin") | Ok("in-app") => return false,
            Ok("native") => return true,
            _ => {}
        }
        if !cfg!(any(
            target_os = "linux",
            target_os = "freebsd",
            target_os = "openbsd",
            target_os = "netbsd"
        )) {
            return true;
        }
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|d| Path::new(&d).join("bus").exists());
        let zenity = std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
        bus || zenity
    }

    /// The in-app picker of one request.
    pub struct InAppPicker {
        /// What the chosen file is for.
        pub purpose: FilePurpose,
        dialog: egui_file::FileDialog,
    }

    impl std::fmt::Debug for InAppPicker {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "InAppPicker({:?})", self.purpose)
        }
    }

    impl InAppPicker {
        /// A picker for `request`, opened.
        pub fn new(request: &FileRequest) -> Self {
            let ext = request.purpose.extension();
            let start = request
                .directory
                .clone()
                .filter(|d| d.is_dir())
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from("."));
            let title = tr(if request.purpose.saves() {
                "picker-save-title"
            } else {
                "picker-open-title"
            });
            let mut dialog = if request.purpose.saves() {
                egui_file::FileDialog::save_file()
            } else {
                egui_file::FileDialog::open_file()
            };
            let wanted = ext.to_string();
            dialog = dialog
                .id(egui::Id::unique("gradscape in-app file picker"))
                .title(&format!("{title} — {}", request.filter_name))
                .initial_path(start)
                .open_button_text(tr("picker-open").into())
                .save_button_text(tr("picker-save").into())
                .cancel_button_text(tr("picker-cancel").into())
                .new_folder_button_text(tr("picker-new-folder").into())
                .new_folder_name_text(tr("picker-new-folder-name").into())
                .rename_button_text(tr("picker-rename").into())
                .refresh_button_hover_text(tr("picker-refresh").into())
                .parent_folder_button_hover_text(tr("picker-parent").into())
                .file_label_text(tr("picker-file").into())
                .show_hidden_checkbox_text(tr("picker-hidden").into())
                .default_size(egui::vec2(560.0, 420.0))
                .show_files_filter(Box::new(move |p: &Path| {
                    wanted.is_empty()
                        || p.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| e.eq_ignore_ascii_case(&wanted))
                }));
            if let Some(name) = &request.file_name {
                dialog = dialog.default_filename(name.clone());
            }
            dialog.open();
            Self {
                purpose: request.purpose,
                dialog,
            }
        }

        /// Shows the picker; a saved name without the purpose's extension gets it.
        pub fn show(&mut self, ctx: &egui::Context) -> PickerOutcome {
            let d = self.dialog.show(ctx);
            match d.state() {
                egui_file::State::Open => PickerOutcome::Open,
                egui_file::State::Selected => match d.path() {
                    Some(p) => PickerOutcome::Picked(with_extension(p, self.purpose)),
                    None => PickerOutcome::Cancelled,
                },
                egui_file::State::Cancelled | egui_file::State::Closed => PickerOutcome::Cancelled,
            }
        }
    }
}

/// `path` with the purpose's extension added when a save was typed without one.
pub fn with_extension(path: &Path, purpose: FilePurpose) -> PathBuf {
    if purpose.saves() && path.extension().is_none() {
        path.with_extension(purpose.extension())
    } else {
        path.to_path_buf()
    }
}

/// The browser's dialogs: the file input for Open (the file arrives in a later frame,
/// see [`take_given`]), a download for Save and Export.
#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;
    use std::path::PathBuf;

    use wasm_bindgen::JsCast as _;
    use wasm_bindgen::prelude::*;

    use super::{FilePurpose, FileRequest, NativeDialogs, NativeOutcome, PickerOutcome};

    /// Files the user gave the page at once (chosen in the file input or dropped
    /// together): several for the metric files of an MLflow run.
    pub struct Given {
        /// What they were asked for: a scenario, a training log, or (dropped) either.
        pub purpose: Option<FilePurpose>,
        /// Each file's name (the browser gives no path) and contents, or why the browser
        /// could not read it (a folder cannot be read).
        pub files: Vec<(String, Result<Vec<u8>, String>)>,
    }

    thread_local! {
        /// Files read by the file input's handler, waiting for the next frame.
        static GIVEN: RefCell<Vec<Given>> = const { RefCell::new(Vec::new()) };
        /// The context to wake when a file has been read.
        static CTX: RefCell<Option<egui::Context>> = const { RefCell::new(None) };
    }

    /// Hands a file that was read to the app, and wakes it.
    pub fn queue(given: Given) {
        GIVEN.with(|g| g.borrow_mut().push(given));
        CTX.with(|c| {
            if let Some(ctx) = &*c.borrow() {
                ctx.request_repaint();
            }
        });
    }

    /// The files given since the last call.
    pub fn take_given() -> Vec<Given> {
        GIVEN.with(|g| std::mem::take(&mut *g.borrow_mut()))
    }

    /// The context to wake when a file has been read.
    pub fn wake_with(ctx: &egui::Context) {
        CTX.with(|c| *c.borrow_mut() = Some(ctx.clone()));
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

    /// The id of the page's one file input.
    pub const FILE_INPUT_ID: &str = "gradscape_file_input";

    thread_local! {
        /// What the file input is choosing for now (set each time it is shown).
        static CHOOSING: std::cell::Cell<FilePurpose> = const { std::cell::Cell::new(FilePurpose::Open) };
    }

    /// Shows the browser's file chooser; the file chosen is read and queued for the app.
    fn choose_file(purpose: FilePurpose) -> Result<(), JsValue> {
        let input = file_input()?;
        CHOOSING.with(|c| c.set(purpose));
        input.set_accept(if purpose == FilePurpose::Open {
            ".json,application/json"
        } else {
            ""
        });
        // A log may be an MLflow run's metric files, chosen together.
        input.set_multiple(purpose == FilePurpose::OpenLog);
        // Emptied, so that choosing the same file again is a change too.
        input.set_value("");
        input.click();
        Ok(())
    }

    /// The page's file input, hidden: made (with its handler) the first time. One element
    /// in the page rather than a new one each time, so a test can find it and give it a
    /// file.
    fn file_input() -> Result<web_sys::HtmlInputElement, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        if let Some(e) = document.get_element_by_id(FILE_INPUT_ID) {
            return e.dyn_into().map_err(JsValue::from);
        }
        let input: web_sys::HtmlInputElement = document.create_element("input")?.dyn_into()?;
        input.set_type("file");
        input.set_id(FILE_INPUT_ID);
        input.set_hidden(true);
        let handler_input = input.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let Some(list) = handler_input.files() else {
                return;
            };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            if chosen.is_empty() {
                return;
            }
            let purpose = CHOOSING.with(std::cell::Cell::get);
            wasm_bindgen_futures::spawn_local(async move {
                let mut files = Vec::with_capacity(chosen.len());
                for file in chosen {
                    let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                        .await
                        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                        .map_err(|e| format!("{e:?}"));
                    files.push((file.name(), read));
                }
                queue(Given {
                    purpose: Some(purpose),
                    files,
                });
            });
        });
        input.set_onchange(Some(on_change.as_ref().unchecked_ref()));
        // The handler lives as long as the page's input.
        on_change.forget();
        document.body().ok_or("no body")?.append_child(&input)?;
        Ok(input)
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
}
