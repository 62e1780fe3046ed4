//! Early stopping on the validation loss (SPEC §6).

use super::Vec2;

/// Early-stopping settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarlyStopping {
    /// Evaluations without improvement before stopping (≥ 1).
    pub patience: u64,
    /// How much lower than the best an evaluation must be to count as improving.
    pub min_delta: f64,
    /// End the run at the best point seen rather than the last.
    pub restore_best: bool,
}

impl Default for EarlyStopping {
    fn default() -> Self {
        Self {
            patience: 10,
            min_delta: 1e-4,
            restore_best: true,
        }
    }
}

/// Early stopping being followed by one run.
#[derive(Debug, Clone)]
pub struct EarlyStopper {
    config: EarlyStopping,
    best: f64,
    wait: u64,
    /// The best point seen and the step it was reached at.
    pub best_point: Option<(Vec2, u64)>,
}

impl EarlyStopper {
    /// Starts with best = +∞.
    pub fn new(config: EarlyStopping) -> Self {
        Self {
            config,
            best: f64::INFINITY,
            wait: 0,
            best_point: None,
        }
    }

    /// Feeds the evaluation at step `t`; returns whether the run stops here.
    pub fn observe(&mut self, val: f64, theta: Vec2, t: u64) -> bool {
        if val < self.best - self.config.min_delta {
            self.best = val;
            self.best_point = Some((theta, t));
            self.wait = 0;
            false
        } else {
            self.wait += 1;
            self.wait >= self.config.patience
        }
    }
}
