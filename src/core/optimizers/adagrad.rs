//! AdaGrad.

use super::{Optimizer, OptimizerInfo, OptimizerState, adaptive, per_axis};
use crate::core::Vec2;
use crate::core::param::ParamSpec;

/// s := s + g²; θ := θ − α·g/(√s + ε).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaGrad {
    /// ε
    pub eps: f64,
}

const EPS: ParamSpec = {
    let mut p = super::adam::EPS;
    p.default = 1e-10;
    p
};

impl Optimizer for AdaGrad {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "adagrad",
        name_key: "opt-adagrad-name",
        tip_key: "opt-adagrad",
        formula: "s := s + g²;  θ := θ − α·g/(√s + ε)",
        default_lr: 0.1,
        params: &[EPS],
        sweep: None,
        first_moment: false,
        effective_key: Some("overlay-effective"),
    };

    fn from_values(v: &[f64]) -> Self {
        Self { eps: v[0] }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.eps]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        s.second += g.component_mul(&g);
        theta - lr * adaptive(g, s.second, self.eps)
    }

    fn effective_step(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
        Some(per_axis(lr, s.second, self.eps))
    }
}
