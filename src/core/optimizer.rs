//! The seven optimizers of SPEC §4.

use super::Vec2;
use super::schedule::Schedule;

/// An optimizer kind with its hyperparameters (all but the learning rate).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptimizerKind {
    /// θ ← θ − α·g
    Sgd,
    /// Exponential-average momentum: v ← β·v + (1−β)·g; θ ← θ − α·v.
    Momentum {
        /// β
        beta: f64,
    },
    /// PyTorch's `SGD(momentum=μ, nesterov=…)`.
    HeavyBall {
        /// μ
        momentum: f64,
        /// Look-ahead form.
        nesterov: bool,
    },
    /// s ← ρ·s + (1−ρ)·g²; θ ← θ − α·g/(√s + ε).
    RmsProp {
        /// ρ
        rho: f64,
        /// ε
        eps: f64,
    },
    /// Adam with bias correction.
    Adam {
        /// β1
        beta1: f64,
        /// β2
        beta2: f64,
        /// ε
        eps: f64,
    },
    /// Adam with decoupled weight decay.
    AdamW {
        /// β1
        beta1: f64,
        /// β2
        beta2: f64,
        /// ε
        eps: f64,
        /// λ
        weight_decay: f64,
    },
    /// s ← s + g²; θ ← θ − α·g/(√s + ε).
    AdaGrad {
        /// ε
        eps: f64,
    },
}

/// The names of the optimizer kinds, as in scenario files.
pub const OPTIMIZER_KINDS: [&str; 7] = [
    "sgd",
    "momentum",
    "heavy_ball",
    "rmsprop",
    "adam",
    "adamw",
    "adagrad",
];

impl OptimizerKind {
    /// The kind's name, as in scenario files.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Momentum { .. } => "momentum",
            Self::HeavyBall { .. } => "heavy_ball",
            Self::RmsProp { .. } => "rmsprop",
            Self::Adam { .. } => "adam",
            Self::AdamW { .. } => "adamw",
            Self::AdaGrad { .. } => "adagrad",
        }
    }

    /// The kind named `name` with SPEC §4's defaults.
    pub fn default_for(name: &str) -> Option<Self> {
        Some(match name {
            "sgd" => Self::Sgd,
            "momentum" => Self::Momentum { beta: 0.9 },
            "heavy_ball" => Self::HeavyBall {
                momentum: 0.9,
                nesterov: false,
            },
            "rmsprop" => Self::RmsProp {
                rho: 0.9,
                eps: 1e-8,
            },
            "adam" => Self::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
            },
            "adamw" => Self::AdamW {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
                weight_decay: 0.01,
            },
            "adagrad" => Self::AdaGrad { eps: 1e-10 },
            _ => return None,
        })
    }

    /// SPEC §4's default learning rate for the kind.
    pub fn default_lr(&self) -> f64 {
        match self {
            Self::Adam { .. } | Self::AdamW { .. } => 0.001,
            Self::AdaGrad { .. } => 0.1,
            _ => 0.01,
        }
    }

    /// Converts to kind `name`, keeping the hyperparameters the two share (β1 ↔ β, ε).
    pub fn converted_to(&self, name: &str) -> Option<Self> {
        let mut out = Self::default_for(name)?;
        let (beta, eps) = match *self {
            Self::Momentum { beta } => (Some(beta), None),
            Self::HeavyBall { momentum, .. } => (Some(momentum), None),
            Self::RmsProp { eps, .. } | Self::AdaGrad { eps } => (None, Some(eps)),
            Self::Adam { beta1, eps, .. } | Self::AdamW { beta1, eps, .. } => {
                (Some(beta1), Some(eps))
            }
            Self::Sgd => (None, None),
        };
        match &mut out {
            Self::Momentum { beta: b } | Self::HeavyBall { momentum: b, .. } => {
                *b = beta.unwrap_or(*b)
            }
            Self::Adam { beta1, eps: e, .. } | Self::AdamW { beta1, eps: e, .. } => {
                *beta1 = beta.unwrap_or(*beta1);
                *e = eps.unwrap_or(*e);
            }
            Self::RmsProp { eps: e, .. } => *e = eps.unwrap_or(*e),
            Self::AdaGrad { .. } | Self::Sgd => {}
        }
        Some(out)
    }
}

/// One optimizer entry of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerConfig {
    /// The update rule and its hyperparameters.
    pub kind: OptimizerKind,
    /// Base learning rate α.
    pub lr: f64,
    /// Shown in legends; defaults to the kind's name.
    pub label: Option<String>,
    /// `#rrggbb` as bytes.
    pub color: Option<[u8; 3]>,
    /// Overrides the scenario's schedule.
    pub schedule: Option<Schedule>,
}

impl OptimizerConfig {
    /// An optimizer of kind `name` with SPEC defaults.
    pub fn with_defaults(name: &str) -> Option<Self> {
        let kind = OptimizerKind::default_for(name)?;
        Some(Self {
            lr: kind.default_lr(),
            kind,
            label: None,
            color: None,
            schedule: None,
        })
    }

    /// The label, or the kind's name.
    pub fn display_label(&self) -> String {
        self.label
            .clone()
            .unwrap_or_else(|| self.kind.name().to_string())
    }
}

/// The running state of one optimizer: zero at the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerState {
    /// First moment: velocity, momentum buffer or m.
    pub first: Vec2,
    /// Second moment: s or v (per axis).
    pub second: Vec2,
    /// Steps taken so far.
    pub t: u64,
    /// β1^t, kept as a running product: `powf` each step costs more than the update.
    beta1_pow: f64,
    /// β2^t, likewise.
    beta2_pow: f64,
}

impl Default for OptimizerState {
    fn default() -> Self {
        Self {
            first: Vec2::zeros(),
            second: Vec2::zeros(),
            t: 0,
            beta1_pow: 1.0,
            beta2_pow: 1.0,
        }
    }
}

impl OptimizerState {
    /// Applies one update with gradient `g` and learning rate `lr`; returns the new θ.
    #[inline]
    pub fn step(&mut self, kind: &OptimizerKind, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
        self.t += 1;
        match *kind {
            OptimizerKind::Sgd => theta - lr * g,
            OptimizerKind::Momentum { beta } => {
                self.first = beta * self.first + (1.0 - beta) * g;
                theta - lr * self.first
            }
            OptimizerKind::HeavyBall { momentum, nesterov } => {
                self.first = if self.t == 1 {
                    g
                } else {
                    momentum * self.first + g
                };
                let d = if nesterov {
                    g + momentum * self.first
                } else {
                    self.first
                };
                theta - lr * d
            }
            OptimizerKind::RmsProp { rho, eps } => {
                self.second = rho * self.second + (1.0 - rho) * g.component_mul(&g);
                theta - lr * adaptive(g, self.second, eps)
            }
            OptimizerKind::Adam { beta1, beta2, eps } => self.adam(theta, g, lr, beta1, beta2, eps),
            OptimizerKind::AdamW {
                beta1,
                beta2,
                eps,
                weight_decay,
            } => {
                let decayed = theta * (1.0 - lr * weight_decay);
                self.adam(decayed, g, lr, beta1, beta2, eps)
            }
            OptimizerKind::AdaGrad { eps } => {
                self.second += g.component_mul(&g);
                theta - lr * adaptive(g, self.second, eps)
            }
        }
    }

    #[inline]
    fn adam(&mut self, theta: Vec2, g: Vec2, lr: f64, beta1: f64, beta2: f64, eps: f64) -> Vec2 {
        self.first = beta1 * self.first + (1.0 - beta1) * g;
        self.second = beta2 * self.second + (1.0 - beta2) * g.component_mul(&g);
        self.beta1_pow *= beta1;
        self.beta2_pow *= beta2;
        // The bias corrections depend only on t, not on θ: as reciprocals they are computed
        // beside the θ → g → v chain instead of lengthening it with two more divisions.
        let c1 = lr / (1.0 - self.beta1_pow);
        let c2 = 1.0 / (1.0 - self.beta2_pow);
        let step = |m: f64, v: f64| c1 * m / ((v * c2).sqrt() + eps);
        Vec2::new(
            theta.x - step(self.first.x, self.second.x),
            theta.y - step(self.first.y, self.second.y),
        )
    }

    /// The effective per-axis step size α/(√v̂ + ε) of an adaptive optimizer, for overlays.
    pub fn effective_step(&self, kind: &OptimizerKind, lr: f64) -> Option<Vec2> {
        let per_axis = |s: Vec2, eps: f64| s.map(|v| lr / (v.sqrt() + eps));
        match *kind {
            OptimizerKind::RmsProp { eps, .. } | OptimizerKind::AdaGrad { eps } => {
                Some(per_axis(self.second, eps))
            }
            OptimizerKind::Adam { eps, .. } | OptimizerKind::AdamW { eps, .. } => {
                let corr = 1.0 - self.beta2_pow;
                (corr > 0.0).then(|| per_axis(self.second / corr, eps))
            }
            _ => None,
        }
    }
}

/// g/(√s + ε), per axis.
#[inline]
fn adaptive(g: Vec2, s: Vec2, eps: f64) -> Vec2 {
    Vec2::new(g.x / (s.x.sqrt() + eps), g.y / (s.y.sqrt() + eps))
}
