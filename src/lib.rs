//! Gradscape: watch optimizers move on 2-D loss surfaces.
//!
//! Layers, top to bottom (arrows only point down):
//! - [`app`]: the eframe/egui desktop window.
//! - [`render`]: the headless CPU renderer (PNG/GIF).
//! - [`scene`]: *what* to draw, in world coordinates, shared by the window and the renderer.
//! - [`core`]: the mathematics and file formats; no egui here.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod core;
pub mod render;
pub mod scene;
