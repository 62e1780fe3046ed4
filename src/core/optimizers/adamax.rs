//! Adamax: Adam with the infinity norm (Kingma & Ba 2015, §7.1), as `torch.optim.Adamax`.

use super::adam::{BETA1, BETA2, EPS};
use super::{Optimizer, OptimizerInfo, OptimizerState};
use crate::core::Vec2;

/// m ← β1·m + (1−β1)·g; u ← max(β2·u, |g| + ε); θ ← θ − α/(1−β1ᵗ)·m/u.
///
/// ε is added inside the max, as PyTorch does, so u > 0 from the first step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adamax {
    /// β1
    pub beta1: f64,
    /// β2
    pub beta2: f64,
    /// ε
    pub eps: f64,
}

impl Optimizer for Adamax {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "adamax",
        name_key: "opt-adamax-name",
        tip_key: "opt-adamax",
        formula: "m := β1·m + (1−β1)·g;  u := max(β2·u, |g| + ε);  θ := θ − α/(1−β1^t)·m/u",
        default_lr: 2e-3,
        params: &[BETA1, BETA2, EPS],
        sweep: Some("beta1"),
        first_moment: true,
        effective_key: Some("overlay-effective-adamax"),
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            beta1: v[0],
            beta2: v[1],
            eps: v[2],
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.beta1, self.beta2, self.eps]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        s.first = self.beta1 * s.first + (1.0 - self.beta1) * g;
        let inf_norm = |u: f64, g: f64| (self.beta2 * u).max(g.abs() + self.eps);
        s.second = Vec2::new(inf_norm(s.second.x, g.x), inf_norm(s.second.y, g.y));
        s.beta1_pow *= self.beta1;
        let clr = lr / (1.0 - s.beta1_pow);
        Vec2::new(
            theta.x - clr * (s.first.x / s.second.x),
            theta.y - clr * (s.first.y / s.second.y),
        )
    }

    fn effective_step(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
        let corr = 1.0 - s.beta1_pow;
        (corr > 0.0).then(|| s.second.map(|u| lr / (corr * u)))
    }
}
