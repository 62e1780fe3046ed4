//! Adam with bias correction.

use super::{Optimizer, OptimizerInfo, OptimizerState, per_axis};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Role, Shown, Slider, Valid};

/// Adam: m and v as exponential averages of g and g², both bias-corrected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adam {
    /// β1
    pub beta1: f64,
    /// β2
    pub beta2: f64,
    /// ε
    pub eps: f64,
    /// Divide m and v by (1 − β^t) (the default); off, m̂ = m and v̂ = v, to show what the
    /// correction is for.
    pub bias_correction: bool,
}

/// Adam's and AdamW's switch for the bias correction (on unless a file says otherwise).
pub(super) const BIAS_CORRECTION: ParamSpec = ParamSpec::flag(
    "bias_correction",
    "bias correction",
    true,
    ["bias-correction", "bias-correction-tip"],
)
.with_shown(Shown::Never);

/// β1 of the Adam family.
pub(super) const BETA1: ParamSpec = ParamSpec::number(
    "beta1",
    "β1",
    0.9,
    Valid::Unit,
    Slider::OneMinusLog,
    ["beta1", "beta1-tip"],
)
.with_role(Role::Memory);

/// β2 of the Adam family.
pub(super) const BETA2: ParamSpec = ParamSpec::number(
    "beta2",
    "β2",
    0.999,
    Valid::Unit,
    Slider::OneMinusLog,
    ["beta2", "beta2-tip"],
);

/// ε of the adaptive optimizers (1e-8 unless a kind says otherwise).
pub(super) const EPS: ParamSpec = ParamSpec::number(
    "eps",
    "ε",
    1e-8,
    Valid::Positive,
    Slider::Log(1e-12, 1.0),
    ["eps", "eps-tip"],
)
.with_shown(Shown::Never)
.with_role(Role::Epsilon);

impl Optimizer for Adam {
    const INFO: OptimizerInfo = OptimizerInfo {
        id: "adam",
        name_key: "opt-adam-name",
        tip_key: "opt-adam",
        formula: "m := β1·m + (1−β1)·g;  v := β2·v + (1−β2)·g²;  \
                  θ := θ − α·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)",
        default_lr: 0.001,
        params: &[BETA1, BETA2, EPS, BIAS_CORRECTION],
        sweep: Some("beta1"),
        first_moment: true,
        effective_key: Some("overlay-effective-adam"),
    };

    fn from_values(v: &[f64]) -> Self {
        Self {
            beta1: v[0],
            beta2: v[1],
            eps: v[2],
            bias_correction: v.get(3).is_none_or(|b| *b != 0.0),
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![
            self.beta1,
            self.beta2,
            self.eps,
            if self.bias_correction { 1.0 } else { 0.0 },
        ]
    }

    #[inline(always)]
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        update(self, s, theta, g, lr)
    }

    fn effective_step(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
        effective(s, lr, self.eps, self.bias_correction)
    }
}

/// The Adam update from `theta` (AdamW passes θ already decayed).
#[inline]
fn update(k: &Adam, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
    let Adam {
        beta1,
        beta2,
        eps,
        bias_correction,
    } = *k;
    s.first = beta1 * s.first + (1.0 - beta1) * g;
    s.second = beta2 * s.second + (1.0 - beta2) * g.component_mul(&g);
    s.beta1_pow *= beta1;
    s.beta2_pow *= beta2;
    // The bias corrections depend only on t, not on θ: as reciprocals they are computed
    // beside the θ → g → v chain instead of lengthening it with two more divisions.
    let (c1, c2) = if bias_correction {
        (lr / (1.0 - s.beta1_pow), 1.0 / (1.0 - s.beta2_pow))
    } else {
        (lr, 1.0)
    };
    let step = |m: f64, v: f64| c1 * m / ((v * c2).sqrt() + eps);
    Vec2::new(
        theta.x - step(s.first.x, s.second.x),
        theta.y - step(s.first.y, s.second.y),
    )
}

/// α/(√v̂ + ε) per axis, once a step has been taken.
fn effective(
    s: &OptimizerState,
    lr: f64,
    eps: f64,
    bias_correction: bool,
) -> Option<Vec2> {
    let corr = if bias_correction {
        1.0 - s.beta2_pow
    } else {
        1.0
    };
    (corr > 0.0).then(|| per_axis(lr, s.second / corr, eps))
}
