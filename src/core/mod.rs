//! The mathematics: surfaces, the gradient pipeline, optimizers, schedules, early stopping,
//! scenario files, runs and diagnosis. Nothing here knows about egui.

pub mod atomic;
pub mod claims;
pub mod compare;
pub mod diagnosis;
pub mod early_stop;
pub mod export;
pub mod expr;
pub mod link;
pub mod log;
pub mod lr_find;
pub mod map;
pub mod optimizers;
pub mod output;
pub mod par;
pub mod param;
pub mod presets;
pub mod replay;
pub mod run;
pub mod scenario;
pub mod schedule;
pub mod sliced;
pub mod surfaces;
pub mod text;

pub use nalgebra::Vector2;

/// A point or a vector of the plane, θ = (x, y).
pub type Vec2 = Vector2<f64>;
