//! Adam with decoupled weight decay.

use super::adam::{Adam, BETA1, BETA2, BIAS_CORRECTION, EPS};
use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Slider, Valid};

/// θ := θ·(1 − α·λ), then the Adam update.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamW {
    /// β1
    pub beta1: f64,
    /// β2
    pub beta2: f64,
    /// ε
    pub eps: f64,
    /// λ
    pub weight_decay: f64,
    /// As Adam's: off, m̂ = m and v̂ = v.
    pub bias_correction: bool,
}

/// Decoupled weight decay λ (AdamW, Lion), with `default` when left out.
pub(super) const fn weight_decay(default: f64) -> ParamSpec {
    ParamSpec::number(
        "weight_decay",
        "wd",
        default,
        Valid::NonNegative,
        Slider::LogOrOff {
            on: 0.01,
            lo: 1e-5,
            hi: 10.0,
            rail_keys: ["wd-lambda", "wd-lambda-tip"],
        },
        ["weight-decay", "weight-decay-tip"],
    )
}

impl AdamW {
    /// The Adam whose update follows the decay.
    fn adam(&self) -> Adam {
        Adam {
            beta1: self.beta1,
            beta2: self.beta2,
            eps: self.eps,
            bias_correction: self.bias_correction,
        }
    }
}

impl Optimizer for AdamW {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "adamw",
        name_key: "opt-adamw-name",
        tip_key: "opt-adamw",
        formula: "θ := θ·(1 − α·λ);  m := β1·m + (1−β1)·g;  v := β2·v + (1−β2)·g²;  \
                  θ := θ − α·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)",
        default_lr: 0.001,
        params: &[BETA1, BETA2, EPS, weight_decay(0.01), BIAS_CORRECTION],
        sweep: Some("beta1"),
        first_moment: true,
        effective_key: Some("overlay-effective-adam"),
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            beta1: v[0],
            beta2: v[1],
            eps: v[2],
            weight_decay: v[3],
            bias_correction: v.get(4).is_none_or(|b| *b != 0.0),
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![
            self.beta1,
            self.beta2,
            self.eps,
            self.weight_decay,
            if self.bias_correction { 1.0 } else { 0.0 },
        ]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        // Decoupled decay first, then exactly Adam's update.
        let decayed = theta * (1.0 - lr * self.weight_decay);
        self.adam().step(s, decayed, g, lr)
    }

    fn effective_step(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
        self.adam().effective_step(s, lr)
    }
}
