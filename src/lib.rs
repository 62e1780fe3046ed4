//! Gradscape: watch optimizers move on 2-D loss surfaces.
//!
//! Layers, top to bottom (arrows only point down):
//! - [`app`]: the eframe/egui desktop window.
//! - [`render`]: the headless CPU renderer (PNG/GIF).
//! - [`scene`]: *what* to draw, in world coordinates, shared by the window and the renderer.
//! - [`core`]: the mathematics and file formats; no egui here.
//!
//! Beside them, [`lang`] holds the words (Fluent files, both languages) and turns the
//! diagnosis' facts into sentences; it depends on nothing above `core`.

#[cfg(feature = "gui")]
pub mod app;
// The command line (clap, signals, files): the desktop's; the web page has none.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;
pub mod lang;
pub mod render;
pub mod scene;
