//! Lion, "EvoLved Sign Momentum" (Chen et al. 2023, Algorithm 2).

use super::adamw::weight_decay;
use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Role, Slider, Valid};

/// θ ← θ − α·(sign(β1·m + (1−β1)·g) + λ·θ), then m ← β2·m + (1−β2)·g.
///
/// Every axis moves by exactly α (plus decay) whatever the gradient's size: only its sign,
/// smoothed by the momentum, matters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lion {
    /// β1: how much of the momentum the update's sign sees.
    pub beta1: f64,
    /// β2: the momentum's own decay.
    pub beta2: f64,
    /// λ, decoupled weight decay.
    pub weight_decay: f64,
}

impl Optimizer for Lion {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "lion",
        name_key: "opt-lion-name",
        tip_key: "opt-lion",
        formula: "θ := θ − α·(sign(β1·m + (1−β1)·g) + λ·θ);  m := β2·m + (1−β2)·g",
        default_lr: 1e-4,
        params: &[
            ParamSpec::number(
                "beta1",
                "β1",
                0.9,
                Valid::Unit,
                Slider::OneMinusLog,
                ["beta1", "lion-beta1-tip"],
            )
            .with_role(Role::Memory),
            ParamSpec::number(
                "beta2",
                "β2",
                0.99,
                Valid::Unit,
                Slider::OneMinusLog,
                ["beta2", "lion-beta2-tip"],
            ),
            weight_decay(0.0),
        ],
        sweep: Some("beta1"),
        first_moment: true,
        effective_key: None,
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            beta1: v[0],
            beta2: v[1],
            weight_decay: v[2],
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.beta1, self.beta2, self.weight_decay]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        let c = self.beta1 * s.first + (1.0 - self.beta1) * g;
        // Decoupled decay written as in the paper and PyTorch ports: θ·(1 − α·λ) − α·sign(c)
        // is θ − α·(sign(c) + λ·θ), and stays exact when λ = 0.
        let next = theta * (1.0 - lr * self.weight_decay) - lr * c.map(sign);
        s.first = self.beta2 * s.first + (1.0 - self.beta2) * g;
        next
    }
}

/// The sign with sign(0) = 0, as in the paper and `torch.sign` (Rust's `f64::signum`
/// gives ±1 for ±0, which would move θ on a flat axis). NaN stays NaN.
#[inline(always)]
fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        v * 0.0
    }
}
