//! The optimizers of SPEC §4, one file each, and the registry that lists them.
//!
//! An optimizer is a `Copy` struct of its hyperparameters (all but the learning rate)
//! implementing [`Optimizer`]: its [`OptimizerInfo`] (id, parameters with their
//! metadata, translation keys, the update as a formula), its step and, where it has one,
//! its per-axis effective step. `registry!` turns the list below into the
//! [`OptimizerKind`] enum: the step loop matches on it once per update and calls each
//! kind's `#[inline]` step directly, so dispatch stays static.

use super::Vec2;
use super::param::{ParamSpec, Role};
use super::schedule::Schedule;

/// What the program knows about an optimizer kind besides its step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerInfo {
    /// The kind's name in scenario files.
    pub id: &'static str,
    /// Translation key of its display name.
    pub name_key: &'static str,
    /// Translation key of its one-line description.
    pub tip_key: &'static str,
    /// The update rule, in notation a card can show as it is.
    pub formula: &'static str,
    /// SPEC §4's default learning rate.
    pub default_lr: f64,
    /// Its hyperparameters, in file order.
    pub params: &'static [ParamSpec],
    /// The parameter "Sweep β" varies, if any.
    pub sweep: Option<&'static str>,
    /// Whether it keeps a velocity or first moment (`OptimizerState::first`).
    pub first_moment: bool,
    /// Translation key of its effective-step line, when it has one.
    pub effective_key: Option<&'static str>,
}

/// One optimizer kind: its metadata and its update.
pub trait Optimizer: Copy + PartialEq + std::fmt::Debug {
    /// Id, parameters and the rest of the metadata.
    const INFO: OptimizerInfo;

    /// The optimizer with `values` for [`OptimizerInfo::params`], in that order.
    fn from_values(values: &[f64]) -> Self;

    /// Its parameter values, in [`OptimizerInfo::params`] order.
    fn values(&self) -> Vec<f64>;

    /// One update of θ with gradient `g` and rate `lr`; `s.t` already counts it.
    fn step(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2;

    /// The per-axis step size α/(…) of an adaptive optimizer, for overlays.
    fn effective_step(&self, _s: &OptimizerState, _lr: f64) -> Option<Vec2> {
        None
    }
}

/// Declares the optimizer modules and generates [`OptimizerKind`] with static dispatch.
macro_rules! registry {
    ($($variant:ident => $module:ident :: $ty:ident),* $(,)?) => {
        $(pub mod $module;)*
        $(pub use $module::$ty;)*

        /// An optimizer kind with its hyperparameters (all but the learning rate).
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum OptimizerKind {
            $(
                #[doc = concat!("See [`", stringify!($module), "::", stringify!($ty), "`].")]
                $variant($module::$ty),
            )*
        }

        /// Every kind's metadata, in menu order.
        pub const OPTIMIZERS: &[&OptimizerInfo] = &[$(&<$module::$ty as Optimizer>::INFO),*];

        /// The names of the optimizer kinds, as in scenario files.
        pub const OPTIMIZER_KINDS: &[&str] = &[$(<$module::$ty as Optimizer>::INFO.id),*];

        impl OptimizerKind {
            /// The kind's metadata.
            pub fn info(&self) -> &'static OptimizerInfo {
                match self {
                    $(Self::$variant(_) => &<$module::$ty as Optimizer>::INFO,)*
                }
            }

            /// The kind named `id` with `values` for its parameters (in
            /// [`OptimizerInfo::params`] order).
            pub fn with_values(id: &str, values: &[f64]) -> Option<Self> {
                $(
                    if id == <$module::$ty as Optimizer>::INFO.id {
                        return Some(Self::$variant(<$module::$ty as Optimizer>::from_values(values)));
                    }
                )*
                None
            }

            /// Its parameter values, in [`OptimizerInfo::params`] order.
            pub fn values(&self) -> Vec<f64> {
                match self {
                    $(Self::$variant(o) => o.values(),)*
                }
            }

            #[inline(always)]
            fn step_with(&self, s: &mut OptimizerState, theta: Vec2, g: Vec2, lr: f64) -> Vec2 {
                match self {
                    $(Self::$variant(o) => o.step(s, theta, g, lr),)*
                }
            }

            fn effective_with(&self, s: &OptimizerState, lr: f64) -> Option<Vec2> {
                match self {
                    $(Self::$variant(o) => o.effective_step(s, lr),)*
                }
            }
        }
    };
}

registry! {
    Sgd => sgd::Sgd,
    Momentum => momentum::Momentum,
    HeavyBall => heavy_ball::HeavyBall,
    RmsProp => rmsprop::RmsProp,
    Adam => adam::Adam,
    AdamW => adamw::AdamW,
    AdaGrad => adagrad::AdaGrad,
    Adamax => adamax::Adamax,
    Lion => lion::Lion,
}

/// The metadata of kind `id`.
pub fn info_of(id: &str) -> Option<&'static OptimizerInfo> {
    OPTIMIZERS.iter().copied().find(|i| i.id == id)
}

impl OptimizerKind {
    /// The kind's name, as in scenario files.
    pub fn name(&self) -> &'static str {
        self.info().id
    }

    /// The kind named `name` with SPEC §4's defaults.
    pub fn default_for(name: &str) -> Option<Self> {
        let info = info_of(name)?;
        let defaults: Vec<f64> = info.params.iter().map(|p| p.default).collect();
        Self::with_values(name, &defaults)
    }

    /// SPEC §4's default learning rate for the kind.
    pub fn default_lr(&self) -> f64 {
        self.info().default_lr
    }

    /// The value of parameter `name`, if the kind has it.
    pub fn param(&self, name: &str) -> Option<f64> {
        let i = self.info().params.iter().position(|p| p.name == name)?;
        self.values().get(i).copied()
    }

    /// The kind with parameter `name` set to `v` (unchanged if it has no such parameter).
    pub fn with_param(&self, name: &str, v: f64) -> Self {
        let Some(i) = self.info().params.iter().position(|p| p.name == name) else {
            return *self;
        };
        let mut values = self.values();
        values[i] = v;
        Self::with_values(self.name(), &values).unwrap_or(*self)
    }

    /// Converts to kind `name`, keeping the hyperparameters the two share by role
    /// (the first-moment memory β/μ/β1, and ε).
    pub fn converted_to(&self, name: &str) -> Option<Self> {
        let target = Self::default_for(name)?;
        let (mine, my_values) = (self.info().params, self.values());
        let mut values = target.values();
        for (v, spec) in values.iter_mut().zip(target.info().params) {
            if spec.role == Role::None {
                continue;
            }
            if let Some(j) = mine.iter().position(|p| p.role == spec.role) {
                *v = my_values[j];
            }
        }
        Self::with_values(name, &values)
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
    /// Decay d of an exponential moving average of the weights, kept beside the run
    /// (θ̄ := d·θ̄ + (1−d)·θ, from θ̄₀ = θ₀) and validated as a path of its own; `None` = off.
    pub ema_decay: Option<f64>,
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
            ema_decay: None,
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
    /// Second moment: s, v or Adamax's u (per axis).
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
        kind.step_with(self, theta, g, lr)
    }

    /// The effective per-axis step size α/(√v̂ + ε) of an adaptive optimizer, for overlays.
    pub fn effective_step(&self, kind: &OptimizerKind, lr: f64) -> Option<Vec2> {
        kind.effective_with(self, lr)
    }
}

/// α/(√s + ε) per axis: the effective step of the RMSProp family.
fn per_axis(lr: f64, s: Vec2, eps: f64) -> Vec2 {
    s.map(|v| lr / (v.sqrt() + eps))
}

/// g/(√s + ε), per axis.
#[inline]
fn adaptive(g: Vec2, s: Vec2, eps: f64) -> Vec2 {
    Vec2::new(g.x / (s.x.sqrt() + eps), g.y / (s.y.sqrt() + eps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::param::Valid;

    #[test]
    fn every_kind_round_trips_its_values_and_defaults_are_valid() {
        for info in OPTIMIZERS {
            let k = OptimizerKind::default_for(info.id).expect("registered");
            assert_eq!(k.name(), info.id);
            let v = k.values();
            assert_eq!(v.len(), info.params.len(), "{}", info.id);
            assert_eq!(OptimizerKind::with_values(info.id, &v), Some(k));
            for (p, x) in info.params.iter().zip(&v) {
                assert_eq!(*x, p.default, "{}.{}", info.id, p.name);
                assert!(p.valid.accepts(*x), "{}.{}", info.id, p.name);
                assert_eq!(
                    p.valid == Valid::Flag,
                    p.slider == super::super::param::Slider::Checkbox
                );
            }
            if let Some(s) = info.sweep {
                assert!(info.params.iter().any(|p| p.name == s), "{}", info.id);
            }
            assert!(info.default_lr > 0.0);
        }
        let mut ids: Vec<&str> = OPTIMIZER_KINDS.to_vec();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), OPTIMIZER_KINDS.len(), "ids are unique");
    }

    #[test]
    fn conversion_keeps_memory_and_epsilon() {
        let adam = OptimizerKind::default_for("adam")
            .unwrap()
            .with_param("beta1", 0.5)
            .with_param("eps", 1e-3);
        let m = adam.converted_to("momentum").unwrap();
        assert_eq!(m.param("beta"), Some(0.5));
        let r = adam.converted_to("rmsprop").unwrap();
        assert_eq!(r.param("eps"), Some(1e-3));
        assert_eq!(r.param("rho"), Some(0.9));
    }
}
