//! Exponential-average momentum.

use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Role, Slider, Valid};

/// v := β·v + (1−β)·g; θ := θ − α·v.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Momentum {
    /// β
    pub beta: f64,
}

impl Optimizer for Momentum {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "momentum",
        name_key: "opt-momentum-name",
        tip_key: "opt-momentum",
        formula: "v := β·v + (1−β)·g;  θ := θ − α·v",
        default_lr: 0.01,
        params: &[ParamSpec::number(
            "beta",
            "β",
            0.9,
            Valid::Unit,
            Slider::OneMinusLog,
            ["beta", "beta-tip"],
        )
        .with_role(Role::Memory)],
        sweep: Some("beta"),
        first_moment: true,
        effective_key: None,
    };

    fn from_values(v: &[f64]) -> Self {
        Self { beta: v[0] }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.beta]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        s.first = self.beta * s.first + (1.0 - self.beta) * g;
        theta - lr * s.first
    }
}
