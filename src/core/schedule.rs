//! Learning-rate schedules of SPEC §5, with linear warmup.

use std::f64::consts::PI;

/// The decay that applies once warmup is over.
#[derive(Debug, Clone, PartialEq)]
pub enum Decay {
    /// α throughout.
    Constant,
    /// α·γ^k, k = number of milestones m ≤ e.
    Step {
        /// 0-based step indices where the rate drops.
        milestones: Vec<u64>,
        /// Factor per milestone.
        gamma: f64,
    },
    /// α·γ^(e−W).
    Exponential {
        /// Factor per step.
        gamma: f64,
    },
    /// Cosine from α down to `lr_min` at step T.
    Cosine {
        /// T: the step where the cosine reaches `lr_min`.
        total_steps: u64,
        /// Floor of the rate.
        lr_min: f64,
    },
    /// Cut by `factor` when the validation loss stops improving.
    Plateau(Plateau),
}

/// ReduceLROnPlateau's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plateau {
    /// Multiplier per reduction, in (0, 1).
    pub factor: f64,
    /// Evaluations without improvement before a reduction.
    pub patience: u64,
    /// How much lower than the best an evaluation must be to count as improving.
    pub min_delta: f64,
    /// Evaluations after a reduction that never add to the wait.
    pub cooldown: u64,
    /// Floor of the rate.
    pub lr_min: f64,
}

impl Default for Plateau {
    fn default() -> Self {
        Self {
            factor: 0.1,
            patience: 10,
            min_delta: 1e-4,
            cooldown: 0,
            lr_min: 0.0,
        }
    }
}

/// The names of the schedule kinds, as in scenario files.
pub const SCHEDULE_KINDS: [&str; 5] = ["constant", "step", "exponential", "cosine", "plateau"];

/// A learning-rate schedule: warmup, then a decay.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// W: steps of linear warmup from 0.
    pub warmup_steps: u64,
    /// What follows the warmup.
    pub decay: Decay,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            warmup_steps: 0,
            decay: Decay::Constant,
        }
    }
}

impl Schedule {
    /// The kind's name, as in scenario files.
    pub fn kind(&self) -> &'static str {
        match self.decay {
            Decay::Constant => "constant",
            Decay::Step { .. } => "step",
            Decay::Exponential { .. } => "exponential",
            Decay::Cosine { .. } => "cosine",
            Decay::Plateau(_) => "plateau",
        }
    }

    /// A schedule of kind `name` with default fields; `total_steps` for cosine is `steps`.
    pub fn default_for(name: &str, steps: u64) -> Option<Self> {
        let decay = match name {
            "constant" => Decay::Constant,
            "step" => Decay::Step {
                milestones: vec![steps / 2, steps * 3 / 4],
                gamma: 0.1,
            },
            "exponential" => Decay::Exponential { gamma: 0.99 },
            "cosine" => Decay::Cosine {
                total_steps: steps.max(1),
                lr_min: 0.0,
            },
            "plateau" => Decay::Plateau(Plateau::default()),
            _ => return None,
        };
        Some(Self {
            warmup_steps: 0,
            decay,
        })
    }

    /// The plateau settings, when this schedule watches the validation loss.
    pub fn plateau(&self) -> Option<&Plateau> {
        match &self.decay {
            Decay::Plateau(p) => Some(p),
            _ => None,
        }
    }

    /// The rate for 0-based step index `e`, base rate `lr`, with no plateau reductions;
    /// for plateau schedules use [`LrScheduler`].
    pub fn rate(&self, lr: f64, e: u64) -> f64 {
        let w = self.warmup_steps;
        if e < w {
            return lr * e as f64 / w as f64;
        }
        match &self.decay {
            Decay::Constant | Decay::Plateau(_) => lr,
            Decay::Step { milestones, gamma } => {
                let k = milestones.iter().filter(|&&m| m <= e).count();
                lr * gamma.powi(k as i32)
            }
            Decay::Exponential { gamma } => lr * gamma.powf((e - w) as f64),
            Decay::Cosine {
                total_steps,
                lr_min,
            } => {
                let p = ((e - w) as f64 / (total_steps - w) as f64).min(1.0);
                lr_min + 0.5 * (lr - lr_min) * (1.0 + (PI * p).cos())
            }
        }
    }
}

/// A schedule being followed by one run: it remembers plateau reductions.
#[derive(Debug, Clone)]
pub struct LrScheduler {
    schedule: Schedule,
    lr: f64,
    /// The plateau rate after reductions so far.
    reduced: f64,
    best: f64,
    wait: u64,
    cooldown_left: u64,
}

impl LrScheduler {
    /// Starts following `schedule` with base rate `lr`.
    pub fn new(schedule: Schedule, lr: f64) -> Self {
        Self {
            schedule,
            lr,
            reduced: lr,
            best: f64::INFINITY,
            wait: 0,
            cooldown_left: 0,
        }
    }

    /// The rate for 0-based step index `e`.
    #[inline]
    pub fn rate(&self, e: u64) -> f64 {
        match self.schedule.decay {
            Decay::Plateau(_) if e >= self.schedule.warmup_steps => self.reduced,
            _ => self.schedule.rate(self.lr, e),
        }
    }

    /// Feeds one validation evaluation; plateau schedules may cut the rate for later steps.
    pub fn observe(&mut self, val: f64) {
        let Decay::Plateau(p) = self.schedule.decay else {
            return;
        };
        if val < self.best - p.min_delta {
            self.best = val;
            self.wait = 0;
        } else if self.cooldown_left == 0 {
            self.wait += 1;
        }
        self.cooldown_left = self.cooldown_left.saturating_sub(1);
        // `wait` only grows on a non-improving evaluation outside a cooldown, so requiring
        // at least one such evaluation makes patience 0 act as patience 1 (as Keras and
        // PyTorch do) instead of cutting on improving or cooling-down evaluations.
        if self.wait >= p.patience.max(1) {
            if self.reduced > p.lr_min {
                self.reduced = (self.reduced * p.factor).max(p.lr_min);
            }
            self.wait = 0;
            self.cooldown_left = p.cooldown;
        }
    }
}
