//! RMSProp.

use super::{Optimizer, OptimizerInfo, OptimizerState, adaptive, per_axis};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Role, Shown, Slider, Valid};

/// s := ρ·s + (1−ρ)·g²; θ := θ − α·g/(√s + ε).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RmsProp {
    /// ρ
    pub rho: f64,
    /// ε
    pub eps: f64,
}

impl Optimizer for RmsProp {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "rmsprop",
        name_key: "opt-rmsprop-name",
        tip_key: "opt-rmsprop",
        formula: "s := ρ·s + (1−ρ)·g²;  θ := θ − α·g/(√s + ε)",
        default_lr: 0.01,
        params: &[
            ParamSpec::number(
                "rho",
                "ρ",
                0.9,
                Valid::Unit,
                Slider::OneMinusLog,
                ["rho", "rho-tip"],
            ),
            super::adam::EPS.with_shown(Shown::Never).with_role(Role::Epsilon),
        ],
        sweep: Some("rho"),
        first_moment: false,
        effective_key: Some("overlay-effective"),
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            rho: v[0],
            eps: v[1],
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.rho, self.eps]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        s.second = self.rho * s.second + (1.0 - self.rho) * g.component_mul(&g);
        theta - lr * adaptive(g, s.second, self.eps)
    }

    fn effective_step(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
        Some(per_axis(lr, s.second, self.eps))
    }
}
