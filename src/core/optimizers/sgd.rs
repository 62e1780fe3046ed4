//! Plain gradient descent.

use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;

/// θ := θ − α·g.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sgd;

impl Optimizer for Sgd {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "sgd",
        name_key: "opt-sgd-name",
        tip_key: "opt-sgd",
        formula: "θ := θ − α·g",
        default_lr: 0.01,
        params: &[],
        sweep: None,
        first_moment: false,
        effective_key: None,
    };

    fn from_values(_: &[f64]) -> Self {
        Sgd
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }

    #[inline(always)]
    fn step(&self, _: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        theta - lr * g
    }
}
