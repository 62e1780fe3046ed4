//! PyTorch's `SGD(momentum=μ, nesterov=…)`.

use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Role, Slider, Valid};

/// b := μ·b + g (b = g at the first step); θ := θ − α·b, or θ − α·(g + μ·b) with Nesterov.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeavyBall {
    /// μ
    pub momentum: f64,
    /// Look-ahead form.
    pub nesterov: bool,
}

impl Optimizer for HeavyBall {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "heavy_ball",
        name_key: "opt-heavy_ball-name",
        tip_key: "opt-heavy_ball",
        formula: "b := μ·b + g;  θ := θ − α·b  (Nesterov: θ := θ − α·(g + μ·b))",
        default_lr: 0.01,
        params: &[
            ParamSpec::number(
                "momentum",
                "μ",
                0.9,
                Valid::Unit,
                Slider::OneMinusLog,
                ["mu", "mu-tip"],
            )
            .with_role(Role::Memory),
            ParamSpec::flag("nesterov", "Nesterov", false, ["nesterov", "nesterov-tip"]),
        ],
        sweep: Some("momentum"),
        first_moment: true,
        effective_key: None,
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            momentum: v[0],
            nesterov: v[1] != 0.0,
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.momentum, if self.nesterov { 1.0 } else { 0.0 }]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        let momentum = self.momentum;
        s.first = if s.t == 1 {
            g
        } else {
            momentum * s.first + g
        };
        let d = if self.nesterov {
            g + momentum * s.first
        } else {
            s.first
        };
        theta - lr * d
    }
}
