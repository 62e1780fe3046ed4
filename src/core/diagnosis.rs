//! Loss-curve diagnosis (SPEC §10): names the classroom patterns that a training run shows,
//! with the numbers and steps that gave them away. A [`Finding`] is data (pattern id, the
//! kind of evidence, named numbers); its sentences in either language are made by
//! [`crate::lang`].
//!
//! Every rule reads a curve on its *working scale*: log10 of the loss when every value is
//! positive, so that a curve spanning many decades is judged by ratios, and the raw values
//! otherwise, judged by differences relative to the curve's own spread, because ratios mean
//! nothing once losses cross 0. Non-finite values are evidence (of an explosion), never input
//! to the arithmetic.
//!
//! The thresholds in [`Thresholds::DEFAULT`] were chosen by cross-validation over hand-labelled
//! real logs and synthetic curves (see `tests/diagnosis.rs`, which re-runs the selection and
//! checks that it picks these values); each has a one-line reason below.

use serde::{Serialize, Serializer};

/// A pattern of the classroom table of loss-curve patterns (SPEC §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// Training loss jumps up and down violently, or explodes.
    LrTooHigh,
    /// Training loss falls very slowly, almost flat from the start.
    LrTooLow,
    /// Training loss falls while validation loss stops improving and rises.
    Overfitting,
    /// Validation loss improves in jumps right after the learning rate is reduced.
    SchedulerHelping,
    /// Validation loss swings a lot between evaluations.
    ValNoisy,
    /// Too few values to judge any pattern.
    InsufficientData,
    /// The function is not finite at the start point (a scenario): no step can be judged.
    NotFiniteAtStart,
    /// None of the above.
    Healthy,
}

impl Pattern {
    /// Every pattern, in the order of the SPEC table.
    pub const ALL: [Pattern; 8] = [
        Pattern::LrTooHigh,
        Pattern::LrTooLow,
        Pattern::Overfitting,
        Pattern::SchedulerHelping,
        Pattern::ValNoisy,
        Pattern::InsufficientData,
        Pattern::NotFiniteAtStart,
        Pattern::Healthy,
    ];

    /// The patterns a curve can show (the ones labelled in real logs).
    pub const CURVE: [Pattern; 5] = [
        Pattern::LrTooHigh,
        Pattern::LrTooLow,
        Pattern::Overfitting,
        Pattern::SchedulerHelping,
        Pattern::ValNoisy,
    ];

    /// The SPEC id, e.g. `lr_too_high`.
    pub fn id(self) -> &'static str {
        match self {
            Pattern::LrTooHigh => "lr_too_high",
            Pattern::LrTooLow => "lr_too_low",
            Pattern::Overfitting => "overfitting",
            Pattern::SchedulerHelping => "scheduler_helping",
            Pattern::ValNoisy => "val_noisy",
            Pattern::InsufficientData => "insufficient_data",
            Pattern::NotFiniteAtStart => "not_finite_at_start",
            Pattern::Healthy => "healthy",
        }
    }

    /// The pattern with this SPEC id, if there is one.
    pub fn from_id(id: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Whether this is a problem to act on (not `healthy`, not a good-news pattern, not a
    /// verdict that no verdict is possible).
    pub fn is_problem(self) -> bool {
        !matches!(
            self,
            Pattern::Healthy | Pattern::SchedulerHelping | Pattern::InsufficientData
        )
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One diagnosed pattern: which, the kind of evidence, and the numbers it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Which pattern.
    pub pattern: Pattern,
    /// Which of the pattern's kinds of evidence (the language layer's sentence id), e.g.
    /// `diverged`, `rebound`, `flat`.
    pub kind: &'static str,
    /// The numbers behind it, by name, in sentence order. Names ending in `_step` are steps;
    /// `factor` and `_factor` are ratios; `_share` are fractions; `count`/`_count` counts;
    /// `_product` are products compared with a bound (shown with two decimals: 2.00).
    pub facts: Vec<(&'static str, f64)>,
}

impl Finding {
    fn new(pattern: Pattern, kind: &'static str, facts: Vec<(&'static str, f64)>) -> Finding {
        Finding {
            pattern,
            kind,
            facts,
        }
    }

    /// The fact called `name`, if the finding has it.
    pub fn fact(&self, name: &str) -> Option<f64> {
        self.facts.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// The curves of one run, borrowed.
///
/// `steps`, `train` and `lr` run in parallel (one entry per logged training step, possibly
/// including step 0); validation is evaluated at its own `val_steps`, usually less often.
/// Slices of unequal length are cut to the shorter one. `NaN` and infinities are allowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Series<'a> {
    /// Step (or epoch) of each training-loss value.
    pub steps: &'a [f64],
    /// Training loss at each of `steps`.
    pub train: &'a [f64],
    /// Step of each validation evaluation.
    pub val_steps: &'a [f64],
    /// Validation loss at each of `val_steps`.
    pub val: &'a [f64],
    /// Learning rate at each of `steps`, when known (`NaN` where a row has none).
    pub lr: Option<&'a [f64]>,
    /// The step at which the run was marked diverged (a scenario run, SPEC §7), if it was.
    pub diverged_at: Option<f64>,
}

/// Every kind of evidence a finding can have, with its facts' names: what the language layer
/// must have a sentence for (its tests check both languages against this list).
pub const EVIDENCE_KINDS: &[(Pattern, &str, &[&str])] = &[
    (
        Pattern::LrTooHigh,
        "diverged",
        &["diverged_step", "last", "last_step"],
    ),
    (Pattern::LrTooHigh, "diverged_at_start", &["diverged_step"]),
    (
        Pattern::LrTooHigh,
        "never_finite",
        &["value", "bad_step", "count"],
    ),
    (
        Pattern::LrTooHigh,
        "nonfinite",
        &["value", "bad_step", "count", "last", "last_step"],
    ),
    (
        Pattern::LrTooHigh,
        "nonfinite_after_rise",
        &[
            "value",
            "bad_step",
            "count",
            "last",
            "last_step",
            "factor",
            "within_count",
        ],
    ),
    (
        Pattern::LrTooHigh,
        "grew",
        &["low", "low_step", "high", "high_step", "factor"],
    ),
    (
        Pattern::LrTooHigh,
        "rebound",
        &[
            "low",
            "low_step",
            "high",
            "high_step",
            "last",
            "last_step",
            "log",
        ],
    ),
    (
        Pattern::LrTooHigh,
        "oscillation",
        &[
            "count",
            "steps_count",
            "a",
            "b",
            "c",
            "from_step",
            "to_step",
        ],
    ),
    (
        Pattern::LrTooHigh,
        "unstable",
        &["lr_lambda_product", "lr", "lambda_max"],
    ),
    (Pattern::LrTooLow, "flat", SLOW_FACTS),
    (Pattern::LrTooLow, "slow", SLOW_FACTS),
    (Pattern::LrTooLow, "steady", SLOW_FACTS),
    (
        Pattern::Overfitting,
        "val_rose",
        &[
            "low",
            "low_step",
            "level",
            "last",
            "last_step",
            "train_then",
            "train_end",
            "log",
        ],
    ),
    (Pattern::SchedulerHelping, "cut_val", CUT_FACTS),
    (Pattern::SchedulerHelping, "cut_train", CUT_FACTS),
    (Pattern::ValNoisy, "swings", SWING_FACTS),
    (Pattern::ValNoisy, "swings_lin", SWING_FACTS),
    (
        Pattern::InsufficientData,
        "few",
        &["train_count", "val_count", "needed_count"],
    ),
    (Pattern::NotFiniteAtStart, "nan", &["value"]),
    (Pattern::NotFiniteAtStart, "inf", &["value"]),
    (
        Pattern::Healthy,
        "train_only",
        &["first", "last", "steps_count"],
    ),
    (
        Pattern::Healthy,
        "train_val",
        &[
            "first",
            "last",
            "steps_count",
            "val_low",
            "val_low_step",
            "val_last",
        ],
    ),
    (
        Pattern::Healthy,
        "val_only",
        &["val_low", "val_low_step", "val_last"],
    ),
];

const SLOW_FACTS: &[&str] = &[
    "first",
    "last",
    "fraction_share",
    "late_share",
    "steps_count",
    "from_step",
    "to_step",
];
const CUT_FACTS: &[&str] = &[
    "cut_step",
    "lr_before",
    "lr_after",
    "before",
    "before_from_step",
    "before_to_step",
    "after",
    "after_from_step",
    "after_to_step",
    "helped_count",
    "cuts_count",
];
const SWING_FACTS: &[&str] = &[
    "count",
    "evals_count",
    "size_share",
    "size",
    "a",
    "b",
    "c",
    "from_step",
    "to_step",
];

// ---------------------------------------------------------------------------------------------
// Thresholds

/// The thresholds the cross-validation chooses, on the log scale (decades of loss) unless said.
/// Each comes with its reason; the linear-scale counterparts (for losses that cross 0) are the
/// fixed `*_LIN` constants below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// `lr_too_high`: how far the (smoothed) training loss climbs back above an earlier low.
    /// A loss that a working rate drives down does not climb back by this much.
    pub rebound: f64,
    /// `lr_too_high`: the climb must also be this share of the training loss's whole range, so
    /// that the wobble of a loss near its floor (tiny values, large ratios) is not a climb.
    pub rebound_share: f64,
    /// `lr_too_low`: a training loss that fell by less than this fraction over the whole run
    /// barely moved. Below it, the run learnt almost nothing.
    pub flat: f64,
    /// `lr_too_low`: a training loss that fell by less than this fraction and was still
    /// falling as fast late as early is too slow. A good rate gets most of the drop early.
    pub slow: f64,
    /// `overfitting`: how far validation rises above its (smoothed) low while training falls.
    /// Smaller rises are within what a finished run wobbles.
    pub overfit_rise: f64,
    /// `overfitting`: the rise must also be this many times validation's typical reversal,
    /// so that noise is not read as a trend.
    pub overfit_noise: f64,
    /// `scheduler_helping`: how far below its trend the loss must be right after an lr cut.
    /// Less than this, the cut may have done nothing.
    pub cut_gain: f64,
    /// `val_noisy`: the mean size of validation's reversals (per evaluation) above which it
    /// swings a lot. Under it, evaluations agree with each other.
    pub val_noise: f64,
    /// `val_noisy`: how many reversals of ±10 % or more it takes; one or two can be a single
    /// bad evaluation.
    pub val_swings: f64,
    /// `val_noisy`: training's own reversals may be at most this fraction of validation's, so
    /// that a run whose every curve swings is not blamed on its validation.
    pub val_train_ratio: f64,
}

impl Thresholds {
    /// The values chosen by cross-validation (`tests/diagnosis.rs` re-runs the choice).
    pub const DEFAULT: Thresholds = Thresholds {
        rebound: 0.06,
        rebound_share: 0.05,
        flat: 0.05,
        slow: 0.3,
        overfit_rise: 0.03,
        overfit_noise: 1.0,
        cut_gain: 0.046,
        val_noise: 0.015,
        val_swings: 2.0,
        val_train_ratio: 1.0,
    };

    /// Every threshold by name, with its value, for display (the app's hover).
    pub fn named(&self) -> [(Pattern, &'static str, f64); 10] {
        [
            (Pattern::LrTooHigh, "rebound", self.rebound),
            (Pattern::LrTooHigh, "rebound_share", self.rebound_share),
            (Pattern::LrTooLow, "flat", self.flat),
            (Pattern::LrTooLow, "slow", self.slow),
            (Pattern::Overfitting, "overfit_rise", self.overfit_rise),
            (Pattern::Overfitting, "overfit_noise", self.overfit_noise),
            (Pattern::SchedulerHelping, "cut_gain", self.cut_gain),
            (Pattern::ValNoisy, "val_noise", self.val_noise),
            (Pattern::ValNoisy, "val_swings", self.val_swings),
            (Pattern::ValNoisy, "val_train_ratio", self.val_train_ratio),
        ]
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds::DEFAULT
    }
}

/// Fewer finite values than this, in training and in validation, cannot show a pattern: a
/// trend needs a few points beyond the one that could be noise.
pub const MIN_VALUES: usize = 5;
/// A training loss that grows by this many decades (×100) above an earlier low has blown up,
/// whatever its step-to-step jumps: no schedule or noise does that.
const ORDERS: f64 = 2.0;
/// A reversal of the training loss this large (×1.5) is a violent jump, and a fifth of the
/// steps must be such jumps: minibatch noise of a working rate stays well below both.
const JUMP_LOG: f64 = 0.176;
/// Linear-scale counterparts (fractions of the curve's spread) of the log-scale thresholds.
const REBOUND_LIN: f64 = 0.25;
const JUMP_LIN: f64 = 0.10;
const OVERFIT_LIN: f64 = 0.15;
const GAIN_LIN: f64 = 0.05;
const NOISY_LIN: f64 = 0.05;
/// A loss that still moves in its second half by this share of its drop falls at a steady
/// pace (linear scale: a straight line gives one half).
const SLOW_LATE_SHARE_LOG: f64 = 0.2;
const SLOW_LATE_SHARE_LIN: f64 = 0.35;
/// The share of training steps that must be violent reversals for "jumps up and down".
const JUMP_SHARE: f64 = 0.2;
/// A curve is smooth when its rises add up to at most this fraction of its falls.
const SMOOTH_BACKTRACK: f64 = 0.5;
/// A validation low among the last fifth of the evaluations is luck, not a turning point.
const OVERFIT_LOW_BY: f64 = 0.8;
/// While validation rises, training must keep falling by at least this much (×1/1.1).
const FALL_LOG: f64 = 0.041;
const FALL_LIN: f64 = 0.05;
/// A learning-rate change counts as a cut when the rate drops to at most this fraction...
const CUT_FACTOR: f64 = 0.9;
/// ...after holding steady (to this relative tolerance) for at least two rows.
const CUT_STEADY: f64 = 1e-3;
/// A reversal of validation loss at least this large counts as a swing (±10 %).
const SWING_LOG: f64 = 0.04;
const SWING_LIN: f64 = 0.08;
/// Points a Theil–Sen trend is read from at most (a long window is thinned evenly).
const THEIL_SEN_POINTS: usize = 32;
/// Changes smaller than this fraction of the raw spread are below notice even when their ratio
/// is large: they happen where the loss has reached its floor, like 1e-14 → 3e-14.
const RAW_NOTICE: f64 = 0.02;
/// A loss whose values after the first stay within this fraction of its size has stopped at
/// a stationary point (its floor): it is not learning slowly, it is done.
const STATIONARY: f64 = 1e-9;
/// A curve whose first block's median is already within this share of its fall from the
/// first value to the end fell within that block: fast, whatever the medians say after.
const FAST_START_SHARE: f64 = 0.1;

// ---------------------------------------------------------------------------------------------
// The diagnosis

/// Diagnoses one run with [`Thresholds::DEFAULT`].
pub fn diagnose(series: &Series) -> Vec<Finding> {
    diagnose_with(series, &Thresholds::DEFAULT)
}

/// Diagnoses one run: every pattern found, in the order of the SPEC table; or a single
/// [`Pattern::InsufficientData`] finding when there are too few values, or a single
/// [`Pattern::Healthy`] one when nothing is found. Never panics, whatever the input.
pub fn diagnose_with(series: &Series, t: &Thresholds) -> Vec<Finding> {
    let mut d = Diagnosing::default();
    while !d.advance(series, t) {}
    d.finish()
}

/// A diagnosis made one rule at a time: what [`diagnose_with`] does, in stages (the web
/// page, which has no threads, does a few per frame; a rule on the curves of a 10⁶-step
/// run takes 10 to 50 ms there, the whole diagnosis several times that). The series and
/// thresholds must be the same at every call.
#[derive(Default)]
pub struct Diagnosing {
    stage: Stage,
    train: Option<Curve>,
    val: Option<Curve>,
    findings: Vec<Finding>,
}

/// The stages of [`Diagnosing`], in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Stage {
    /// The training curve on the working scale.
    #[default]
    TrainCurve,
    /// The validation curve.
    ValCurve,
    /// A blow-up (or too few values to say anything).
    BlowUp,
    /// A rebound of the training loss.
    Rebound,
    /// Violent oscillation.
    Oscillation,
    /// A rate too low.
    TooSlow,
    /// Validation rising while training falls.
    Overfitting,
    /// A learning-rate cut that helped.
    Schedule,
    /// Noisy validation.
    ValNoisy,
    /// Done.
    Done,
}

impl Diagnosing {
    /// How many stages [`Self::advance`] takes at most.
    pub const STAGES: u32 = 9;

    /// Does the next stage; returns whether the diagnosis is complete.
    pub fn advance(&mut self, series: &Series, t: &Thresholds) -> bool {
        let n = series.steps.len().min(series.train.len());
        let steps = &series.steps[..n];
        let train_raw = &series.train[..n];
        let empty = Curve::new(&[], &[]);
        self.stage = match self.stage {
            Stage::TrainCurve => {
                self.train = Some(Curve::new(steps, train_raw));
                Stage::ValCurve
            }
            Stage::ValCurve => {
                let nv = series.val_steps.len().min(series.val.len());
                self.val = Some(Curve::new(&series.val_steps[..nv], &series.val[..nv]));
                Stage::BlowUp
            }
            Stage::BlowUp => {
                let train = self.train.as_ref().unwrap_or(&empty);
                let val = self.val.as_ref().unwrap_or(&empty);
                // A blow-up is evidence enough however short the log.
                let blown_up = diverged(series, steps, train_raw)
                    .or_else(|| explosion(steps, train_raw))
                    .or_else(|| grew(train));
                if let Some(f) = blown_up {
                    self.findings.push(f);
                    Stage::Overfitting
                } else if train.len() < MIN_VALUES && val.len() < MIN_VALUES {
                    self.findings = vec![Finding::new(
                        Pattern::InsufficientData,
                        "few",
                        vec![
                            ("train_count", train.len() as f64),
                            ("val_count", val.len() as f64),
                            ("needed_count", MIN_VALUES as f64),
                        ],
                    )];
                    Stage::Done
                } else {
                    Stage::Rebound
                }
            }
            Stage::Rebound => {
                let found = rebound(self.train.as_ref().unwrap_or(&empty), t);
                self.found_or(found, Stage::Oscillation)
            }
            Stage::Oscillation => {
                let found = oscillation(self.train.as_ref().unwrap_or(&empty));
                self.found_or(found, Stage::TooSlow)
            }
            Stage::TooSlow => {
                // A run that blows up says nothing about a too-small rate.
                let found = too_slow(self.train.as_ref().unwrap_or(&empty), t);
                self.found_or(found, Stage::Overfitting)
            }
            Stage::Overfitting => {
                let train = self.train.as_ref().unwrap_or(&empty);
                let val = self.val.as_ref().unwrap_or(&empty);
                self.findings.extend(overfitting(train, val, t));
                Stage::Schedule
            }
            Stage::Schedule => {
                if let Some(lr) = series.lr {
                    let train = self.train.as_ref().unwrap_or(&empty);
                    let val = self.val.as_ref().unwrap_or(&empty);
                    let lr = &lr[..lr.len().min(n)];
                    // The schedule's effect shows best on validation; without enough of it,
                    // on training.
                    let (target, on_val) = if val.len() >= 3 {
                        (val, true)
                    } else {
                        (train, false)
                    };
                    self.findings
                        .extend(schedule_helps(steps, lr, target, on_val, t));
                }
                Stage::ValNoisy
            }
            Stage::ValNoisy => {
                let train = self.train.as_ref().unwrap_or(&empty);
                let val = self.val.as_ref().unwrap_or(&empty);
                self.findings.extend(val_noisy(train, val, t));
                if self.findings.is_empty() {
                    self.findings.push(healthy(train, val));
                }
                Stage::Done
            }
            Stage::Done => Stage::Done,
        };
        self.stage == Stage::Done
    }

    /// One of the exclusive training-curve rules: its finding ends the chain (on to
    /// overfitting); none goes on to `next`.
    fn found_or(&mut self, found: Option<Finding>, next: Stage) -> Stage {
        match found {
            Some(f) => {
                self.findings.push(f);
                Stage::Overfitting
            }
            None => next,
        }
    }

    /// Stages done or skipped so far (a rule's finding skips the rules it excludes), up to
    /// [`Self::STAGES`].
    pub fn stages_done(&self) -> u32 {
        self.stage as u32
    }

    /// The findings; complete once [`Self::advance`] has returned `true`.
    pub fn finish(self) -> Vec<Finding> {
        self.findings
    }
}

/// What the surface's curvature says about a plain gradient-descent run (a scenario, whose
/// surface the program knows; never a log). Each update multiplies the part of θ − θ* along
/// the sharpest direction by 1 − lr·λmax, so from lr·λmax = 2 on that part never shrinks:
/// the run bounces between two points or grows, even while the loss curve looks flat.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stability {
    /// The learning rate of the last update.
    pub lr: f64,
    /// The largest Hessian eigenvalue where the run stands (or of the whole quadratic).
    pub lambda_max: f64,
}

/// Plain gradient descent is stable only while lr·λmax stays below this.
pub const STABILITY_EDGE: f64 = 2.0;

impl Stability {
    /// lr·λmax.
    pub fn product(&self) -> f64 {
        self.lr * self.lambda_max
    }

    /// Whether the rate is at or beyond the edge (to rounding: lr = 2/λmax computed in
    /// floating point lands a hair either side of it).
    pub fn unstable(&self) -> bool {
        self.product() >= STABILITY_EDGE * (1.0 - 1e-9)
    }

    /// The largest factor the rate can be multiplied by and stay below the edge.
    pub fn safe_factor(&self) -> f64 {
        STABILITY_EDGE / self.product()
    }
}

/// `findings` corrected by what the curvature says: at or beyond the stability edge the
/// verdict is `lr_too_high` (replacing a "too low" or "healthy" one that the flat loss of a
/// bouncing run suggests); below it, a "too low" finding learns how far the rate may safely
/// grow when that is less than the table's ×3 (its `safe_factor`), so its advice never pushes the rate over the edge.
pub fn with_stability(mut findings: Vec<Finding>, s: Stability) -> Vec<Finding> {
    let product = s.product();
    if !product.is_finite() || product <= 0.0 {
        return findings;
    }
    if s.unstable() {
        if findings.iter().any(|f| f.pattern == Pattern::LrTooHigh) {
            return findings;
        }
        findings.retain(|f| {
            !matches!(
                f.pattern,
                Pattern::LrTooLow | Pattern::Healthy | Pattern::InsufficientData
            )
        });
        findings.insert(
            0,
            Finding::new(
                Pattern::LrTooHigh,
                "unstable",
                vec![
                    ("lr_lambda_product", product),
                    ("lr", s.lr),
                    ("lambda_max", s.lambda_max),
                ],
            ),
        );
    } else {
        // Only where it changes the table's ×2–3 advice.
        let safe = s.safe_factor();
        if safe < 3.0 {
            for f in findings
                .iter_mut()
                .filter(|f| f.pattern == Pattern::LrTooLow)
            {
                f.facts.push(("safe_factor", safe));
            }
        }
    }
    findings
}

/// The finding for a scenario whose function is not finite at the start point.
pub fn not_finite_at_start(value: f64) -> Finding {
    Finding::new(
        Pattern::NotFiniteAtStart,
        if value.is_nan() { "nan" } else { "inf" },
        vec![("value", value)],
    )
}

// ---------------------------------------------------------------------------------------------
// Working-scale curve

/// The finite points of one curve, with their values on the working scale.
struct Curve {
    steps: Vec<f64>,
    raw: Vec<f64>,
    /// log10(raw) when `log`, else raw.
    y: Vec<f64>,
    log: bool,
    /// max − min of `raw`, floored so that floating-point jitter never counts as movement.
    raw_spread: f64,
    /// The same without the single most extreme value at each end: one spike (or a first
    /// evaluation far above the rest) must not make every later change look small.
    inner_spread: f64,
    /// The ranks of `y`, sorted once for every running median of the curve or of a part
    /// of it that starts at its beginning.
    ranks: std::cell::OnceCell<Ranks>,
}

impl Curve {
    fn new(steps: &[f64], values: &[f64]) -> Curve {
        let (steps, raw): (Vec<f64>, Vec<f64>) = steps
            .iter()
            .zip(values)
            .filter(|(s, v)| s.is_finite() && v.is_finite())
            .map(|(s, v)| (*s, *v))
            .unzip();
        let log = !raw.is_empty() && raw.iter().all(|v| *v > 0.0);
        let y = if log {
            raw.iter().map(|v| v.log10()).collect()
        } else {
            raw.clone()
        };
        let (lo, hi) = min_max(&raw);
        let magnitude = raw.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let raw_spread = (hi - lo).max(magnitude * 1e-9).max(f64::MIN_POSITIVE);
        let inner_spread = if raw.len() >= 4 {
            // The second smallest and second largest, found in one pass (a sort's
            // `sorted[1]` and `sorted[len − 2]`, in linear time).
            let (second_lo, second_hi) = second_extremes(&raw);
            (second_hi - second_lo)
                .max(magnitude * 1e-9)
                .max(f64::MIN_POSITIVE)
        } else {
            raw_spread
        };
        Curve {
            steps,
            raw,
            y,
            log,
            raw_spread,
            inner_spread,
            ranks: std::cell::OnceCell::new(),
        }
    }

    /// [`running_median`] of the first `n` working values.
    fn running_median(&self, n: usize, w: usize) -> Vec<f64> {
        let ranks = self.ranks.get_or_init(|| Ranks::of(&self.y));
        running_median_ranked(ranks, n.min(self.y.len()), w)
    }

    fn len(&self) -> usize {
        self.y.len()
    }

    /// A threshold on the working scale: `log` decades, or `lin` times the spread.
    fn limit(&self, log: f64, lin: f64) -> f64 {
        if self.log { log } else { lin * self.raw_spread }
    }

    /// Back to the loss's own units.
    fn unwork(&self, y: f64) -> f64 {
        if self.log { 10f64.powf(y) } else { y }
    }

    /// `1` on the log scale, `0` on the linear one: the `log` fact that tells the language
    /// layer whether to speak of factors or of differences.
    fn scale(&self) -> f64 {
        if self.log { 1.0 } else { 0.0 }
    }

    /// Size of each reversal: for every interior point that is a strict local extreme, the
    /// smaller of its two steps to the neighbours (0 elsewhere). Monotone stretches, however
    /// steep or curved, score 0; only up-and-down movement counts. Reversals smaller than
    /// [`RAW_NOTICE`] of `spread` are not counted.
    fn reversals_within(&self, spread: f64) -> Vec<f64> {
        let y = &self.y;
        (1..y.len().saturating_sub(1))
            .map(|i| {
                let (a, b) = (y[i] - y[i - 1], y[i] - y[i + 1]);
                if a * b <= 0.0 {
                    return 0.0;
                }
                let raw_size = (self.raw[i] - self.raw[i - 1])
                    .abs()
                    .min((self.raw[i] - self.raw[i + 1]).abs());
                if raw_size < RAW_NOTICE * spread {
                    return 0.0;
                }
                a.abs().min(b.abs())
            })
            .collect()
    }

    /// Reversals noticed against the whole range (training: its early fall is real movement).
    fn reversals(&self) -> Vec<f64> {
        self.reversals_within(self.raw_spread)
    }

    /// Reversals noticed against the range without its extremes (validation: one spike, or a
    /// first evaluation far above the rest, must not hide the swings after it).
    fn swings(&self) -> Vec<f64> {
        self.reversals_within(self.inner_spread)
    }

    /// Index of the last point at or before `step` (0 when there is none).
    fn index_at(&self, step: f64) -> usize {
        self.steps.iter().rposition(|s| *s <= step).unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------------------------
// The rules

/// A run marked diverged (SPEC §7) blew up, whatever its curve looks like.
fn diverged(series: &Series, steps: &[f64], raw: &[f64]) -> Option<Finding> {
    let at = series.diverged_at?;
    let mut facts = vec![("diverged_step", at)];
    let Some(i) = (0..raw.len())
        .rev()
        .find(|&i| raw[i].is_finite() && steps[i] <= at)
    else {
        return Some(Finding::new(Pattern::LrTooHigh, "diverged_at_start", facts));
    };
    facts.push(("last", raw[i]));
    facts.push(("last_step", steps[i]));
    Some(Finding::new(Pattern::LrTooHigh, "diverged", facts))
}

/// Non-finite training loss after it had been finite (or everywhere).
fn explosion(steps: &[f64], raw: &[f64]) -> Option<Finding> {
    let start = raw.iter().position(|v| v.is_finite());
    let bad = match start {
        None => (!raw.is_empty()).then_some(0),
        Some(f) => raw[f..].iter().position(|v| !v.is_finite()).map(|k| k + f),
    };
    let bad = bad?;
    let count = raw[bad..].iter().filter(|v| !v.is_finite()).count();
    let mut facts = vec![
        ("value", raw[bad]),
        ("bad_step", steps[bad]),
        ("count", count as f64),
    ];
    let Some(f) = start else {
        return Some(Finding::new(Pattern::LrTooHigh, "never_finite", facts));
    };
    // The run-up: how fast the loss climbed in the few steps before it broke.
    let from = bad.saturating_sub(5).max(f);
    let window = &raw[from..bad];
    let lo_at = argmin(window);
    let (lo, last) = (window[lo_at], raw[bad - 1]);
    facts.push(("last", last));
    facts.push(("last_step", steps[bad - 1]));
    if lo > 0.0 && last / lo >= 2.0 {
        facts.push(("factor", last / lo));
        facts.push(("within_count", (bad - 1 - (from + lo_at)) as f64));
        return Some(Finding::new(
            Pattern::LrTooHigh,
            "nonfinite_after_rise",
            facts,
        ));
    }
    Some(Finding::new(Pattern::LrTooHigh, "nonfinite", facts))
}

/// The largest climb of `y` above its earlier low: (index of the low, index of the high).
fn largest_climb(y: &[f64]) -> Option<(usize, usize)> {
    let mut low = 0;
    let mut best: Option<(usize, usize, f64)> = None;
    for i in 1..y.len() {
        if y[i] < y[low] {
            low = i;
        } else if best.is_none_or(|(_, _, b)| y[i] - y[low] > b) {
            best = Some((low, i, y[i] - y[low]));
        }
    }
    best.map(|(l, h, _)| (l, h))
}

/// A training loss that grew by orders of magnitude above an earlier low and is still up
/// there at the end (a one-row blip near a tiny floor is not a blow-up). On the linear scale
/// (a loss that crosses 0) the growth is measured against the largest size the loss had up
/// to its low.
fn grew(c: &Curve) -> Option<Finding> {
    let n = c.len();
    if n < 2 {
        return None;
    }
    // The end: the median of the last values, up to three, but never half the log. The low
    // before it is read on a running median, so that one lucky batch of a noisy per-step log
    // is not the low.
    let tail = n - ((n - 1) / 2).clamp(1, 3);
    let end = median(&c.y[tail..]);
    let smooth = c.running_median(tail, window(tail));
    let lo = argmin(&smooth);
    let low = smooth[lo];
    let hi = tail
        + argmin(
            &c.y[tail..]
                .iter()
                .map(|y| (y - end).abs())
                .collect::<Vec<_>>(),
        );
    let grown = if c.log {
        end - low >= ORDERS
    } else {
        let size = c.raw[..=lo].iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        end - low >= 10f64.powf(ORDERS) * size.max(f64::MIN_POSITIVE)
    };
    let low = c.unwork(low);
    // Noticed against the range before the end, which a blow-up's own last values would
    // otherwise dwarf.
    let (first_lo, first_hi) = min_max(&c.raw[..tail]);
    if !grown || c.raw[hi] - low < RAW_NOTICE * (first_hi - first_lo) {
        return None;
    }
    Some(Finding::new(
        Pattern::LrTooHigh,
        "grew",
        vec![
            ("low", low),
            ("low_step", c.steps[lo]),
            ("high", c.raw[hi]),
            ("high_step", c.steps[hi]),
            ("factor", c.raw[hi] / low),
        ],
    ))
}

/// The (smoothed) training loss climbs well back above an earlier low.
fn rebound(c: &Curve, t: &Thresholds) -> Option<Finding> {
    let n = c.len();
    if n < 3 {
        return None;
    }
    // A running median, so that in a long per-step log one lucky batch is not "the low" and
    // one unlucky batch is not "the climb".
    let smooth = c.running_median(n, window(n));
    let (lo, hi) = largest_climb(&smooth)?;
    let rise = smooth[hi] - smooth[lo];
    let (low, high) = (c.unwork(smooth[lo]), c.unwork(smooth[hi]));
    if rise < c.limit(t.rebound, REBOUND_LIN) || high - low < t.rebound_share * c.raw_spread {
        return None;
    }
    Some(Finding::new(
        Pattern::LrTooHigh,
        "rebound",
        vec![
            ("low", low),
            ("low_step", c.steps[lo]),
            ("high", high),
            ("high_step", c.steps[hi]),
            ("last", c.raw[n - 1]),
            ("last_step", c.steps[n - 1]),
            ("log", c.scale()),
        ],
    ))
}

/// Training loss reverses direction violently and often.
fn oscillation(c: &Curve) -> Option<Finding> {
    let n = c.len();
    if n < 5 {
        return None;
    }
    let rev = c.reversals();
    let big = c.limit(JUMP_LOG, JUMP_LIN);
    let count = rev.iter().filter(|r| **r >= big).count();
    let needed = 3.max((JUMP_SHARE * rev.len() as f64).ceil() as usize);
    if count < needed {
        return None;
    }
    let i = argmax(&rev) + 1;
    Some(Finding::new(
        Pattern::LrTooHigh,
        "oscillation",
        vec![
            ("count", count as f64),
            ("steps_count", n as f64),
            ("a", c.raw[i - 1]),
            ("b", c.raw[i]),
            ("c", c.raw[i + 1]),
            ("from_step", c.steps[i - 1]),
            ("to_step", c.steps[i + 1]),
        ],
    ))
}

/// Training loss smooth but barely falling, or falling at a steady pace by little. Not a loss
/// that stopped at once: that one sits at its floor.
fn too_slow(c: &Curve, t: &Thresholds) -> Option<Finding> {
    let n = c.len();
    if n < 3 {
        return None;
    }
    let magnitude = c.raw.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let (lo, hi) = min_max(&c.raw[1..]);
    if hi - lo <= STATIONARY * magnitude {
        return None;
    }
    // The trend as medians of about ten blocks (of at least three points once the log is long
    // enough), so that one odd value, or the step-to-step noise of a per-step log, cannot
    // decide it.
    let block = if n < 9 { 1 } else { (n / 10).max(3) };
    let blocks = n / block;
    let trend: Vec<f64> = (0..blocks)
        .map(|i| {
            let end = if i + 1 == blocks { n } else { (i + 1) * block };
            median(&c.y[i * block..end])
        })
        .collect();
    let (ups, downs) = trend.windows(2).fold((0.0, 0.0), |(u, d), w| {
        let step = w[1] - w[0];
        if step > 0.0 {
            (u + step, d)
        } else {
            (u, d - step)
        }
    });
    let flat_curve = ups + downs <= 0.0;
    if !flat_curve && ups > SMOOTH_BACKTRACK * downs {
        return None;
    }
    let start = trend[0];
    let end = trend[blocks - 1];
    // A descent over within the first block (a fast run, then its floor) is hidden by the
    // block medians, which then read "flat" from a first value the loss never had: a
    // Himmelblau run falling 181 → 1e-30 in 40 of 3000 steps was "lr too low, barely moved".
    // The first value shows the fall; when most of it came before the first block's median
    // and it is large, the run is fast, not slow.
    let fall = c.y[0] - end;
    let fall_fraction = if c.log {
        1.0 - 10f64.powf(-fall)
    } else {
        fall / c.raw_spread
    };
    if fall > 0.0 && start - end <= FAST_START_SHARE * fall && fall_fraction >= t.slow {
        return None;
    }
    let mid = median(&trend[(blocks - 1) / 2..=blocks / 2]);
    let drop = start - end;
    let late_share = if drop > 0.0 { (mid - end) / drop } else { 0.0 };
    let facts = |fraction: f64| {
        vec![
            ("first", c.unwork(start)),
            ("last", c.unwork(end)),
            ("fraction_share", fraction),
            ("late_share", late_share),
            ("steps_count", n as f64),
            ("from_step", c.steps[0]),
            ("to_step", c.steps[n - 1]),
        ]
    };
    if c.log {
        let fraction = 1.0 - 10f64.powf(-drop);
        if fraction.abs() < t.flat {
            return Some(Finding::new(Pattern::LrTooLow, "flat", facts(fraction)));
        }
        if drop > 0.0 && fraction < t.slow && late_share >= SLOW_LATE_SHARE_LOG {
            return Some(Finding::new(Pattern::LrTooLow, "slow", facts(fraction)));
        }
    } else {
        let fraction = drop / c.raw_spread;
        if flat_curve {
            return Some(Finding::new(Pattern::LrTooLow, "flat", facts(0.0)));
        }
        if drop > 0.0 && late_share >= SLOW_LATE_SHARE_LIN {
            return Some(Finding::new(Pattern::LrTooLow, "steady", facts(fraction)));
        }
    }
    None
}

/// Validation loss climbs clearly above its low while training loss keeps falling.
fn overfitting(train: &Curve, val: &Curve, t: &Thresholds) -> Option<Finding> {
    let nv = val.len();
    if nv < 4 || train.len() < 3 {
        return None;
    }
    // The low is read on a running median so that one lucky evaluation is not "the best".
    let w = window(nv).max(3);
    let smooth = val.running_median(nv, w);
    let low = argmin(&smooth);
    if low + 3 > nv || low as f64 > OVERFIT_LOW_BY * (nv - 1) as f64 {
        return None;
    }
    let tail = median(&val.y[(low + 1).max(nv - w)..]);
    let rise = tail - smooth[low];
    let noise = mean(&val.reversals());
    let raw_rise = val.unwork(tail) - val.unwork(smooth[low]);
    if rise < val.limit(t.overfit_rise, OVERFIT_LIN)
        || rise < t.overfit_noise * noise
        || raw_rise < RAW_NOTICE * val.raw_spread
    {
        return None;
    }
    let nt = train.len();
    let at = train.index_at(val.steps[low]);
    let half = window(nt).max(3) / 2;
    let train_then = median(&train.y[at.saturating_sub(half)..(at + half + 1).min(nt)]);
    let train_end = median(&train.y[nt - (2 * half + 1).min(nt)..]);
    if train_then - train_end < train.limit(FALL_LOG, FALL_LIN) {
        return None;
    }
    Some(Finding::new(
        Pattern::Overfitting,
        "val_rose",
        vec![
            ("low", val.unwork(smooth[low])),
            ("low_step", val.steps[low]),
            ("level", val.unwork(tail)),
            ("last", val.raw[nv - 1]),
            ("last_step", val.steps[nv - 1]),
            ("train_then", train.unwork(train_then)),
            ("train_end", train.unwork(train_end)),
            ("log", val.scale()),
        ],
    ))
}

/// A step cut of the learning rate followed right away by a loss clearly below its trend.
///
/// The loss on each side of a cut is read on a short one-sided window of `window(n)` points,
/// so that in a long per-step log (where single points swing by ×10 under gradient noise) the
/// level just before the cut is compared with the level just after it, not one lucky point
/// with another. A short log (an epoch log) has a window of one point.
fn schedule_helps(
    steps: &[f64],
    lr: &[f64],
    c: &Curve,
    on_val: bool,
    t: &Thresholds,
) -> Option<Finding> {
    let cuts: Vec<usize> = (2..lr.len())
        .filter(|&i| {
            let (a, b, now) = (lr[i - 2], lr[i - 1], lr[i]);
            a.is_finite()
                && b.is_finite()
                && now.is_finite()
                && b > 0.0
                && now >= 0.0
                && now <= CUT_FACTOR * b
                && (a - b).abs() <= CUT_STEADY * b
        })
        .collect();
    if cuts.is_empty() || c.len() < 2 {
        return None;
    }
    let needed = c.limit(t.cut_gain, GAIN_LIN);
    let m = window(c.len());
    let mut scratch = Vec::with_capacity(m.max(3) * m.max(3));
    let mut helped: Vec<Helped> = Vec::new();
    for (k, &cut) in cuts.iter().enumerate() {
        let at = steps[cut];
        let next = cuts.get(k + 1).map_or(f64::INFINITY, |&j| steps[j]);
        // Index of the last point before the cut (steps are sorted in a log).
        let before = c.steps.partition_point(|s| *s < at);
        let Some(before) = before.checked_sub(1) else {
            continue;
        };
        // The first points at or after the cut, up to the next one: two windows' worth.
        let first = before + 1;
        let len = c.steps[first..]
            .iter()
            .take(2 * m)
            .take_while(|s| **s < next)
            .count();
        if len == 0 {
            continue;
        }
        let w = m.min(len);
        // Level after the cut: the better of the first window and the one right after it (the
        // loss may take a window's length to settle at the lower rate); with one-point windows,
        // the better of the first two points.
        let Some((after_lo, after_level)) = [first, first + w]
            .into_iter()
            .filter(|&j| j + w <= first + len)
            .map(|j| (j, median_in(&c.y[j..j + w], &mut scratch)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
        else {
            continue;
        };
        let after_hi = after_lo + w - 1;
        // Level before the cut: a trailing window of the same size.
        let before_lo = (before + 1).saturating_sub(w);
        let before_level = median_in(&c.y[before_lo..=before], &mut scratch);
        // The trend of the last few points (three, or the window when longer): longer spans
        // reach back into the steeper early part of a decay and would expect too much.
        let from = (before + 1).saturating_sub(w.max(3));
        let slope = theil_sen_in(&c.steps[from..=before], &c.y[from..=before], &mut scratch);
        // From the middle of the window before to the middle of the window after.
        let x_before = 0.5 * (c.steps[before_lo] + c.steps[before]);
        let x_after = 0.5 * (c.steps[after_lo] + c.steps[after_hi]);
        // A falling trend was going to lower the loss anyway; a rising one is not credited.
        let expected = (-slope * (x_after - x_before)).max(0.0);
        let gain = before_level - after_level - expected;
        if gain >= needed {
            helped.push(Helped {
                gain,
                cut,
                before: (before_lo, before, before_level),
                after: (after_lo, after_hi, after_level),
            });
        }
    }
    let best = helped.iter().max_by(|a, b| a.gain.total_cmp(&b.gain))?;
    let (b_lo, b_hi, b_level) = best.before;
    let (a_lo, a_hi, a_level) = best.after;
    let cut = best.cut;
    Some(Finding::new(
        Pattern::SchedulerHelping,
        if on_val { "cut_val" } else { "cut_train" },
        vec![
            ("cut_step", steps[cut]),
            ("lr_before", lr[cut - 1]),
            ("lr_after", lr[cut]),
            ("before", c.unwork(b_level)),
            ("before_from_step", c.steps[b_lo]),
            ("before_to_step", c.steps[b_hi]),
            ("after", c.unwork(a_level)),
            ("after_from_step", c.steps[a_lo]),
            ("after_to_step", c.steps[a_hi]),
            ("helped_count", helped.len() as f64),
            ("cuts_count", cuts.len() as f64),
        ],
    ))
}

/// A cut that was followed by a drop: (first, last index, level) of the windows either side.
struct Helped {
    gain: f64,
    cut: usize,
    before: (usize, usize, f64),
    after: (usize, usize, f64),
}

/// Validation loss reverses direction often and by a lot, while training is smooth.
fn val_noisy(train: &Curve, val: &Curve, t: &Thresholds) -> Option<Finding> {
    let nv = val.len();
    if nv < 5 {
        return None;
    }
    let rev = val.swings();
    let unit = val.limit(t.val_noise, NOISY_LIN);
    let level = mean(&rev) / unit;
    let swing = val.limit(SWING_LOG, SWING_LIN);
    let swings: Vec<f64> = rev.iter().copied().filter(|r| *r >= swing).collect();
    if level < 1.0 || (swings.len() as f64) < t.val_swings {
        return None;
    }
    let train_level = if train.len() >= 3 {
        mean(&train.reversals()) / train.limit(t.val_noise, NOISY_LIN)
    } else {
        0.0
    };
    if train_level > t.val_train_ratio * level {
        return None;
    }
    let typical = mean(&swings);
    let i = argmax(&rev) + 1;
    Some(Finding::new(
        Pattern::ValNoisy,
        if val.log { "swings" } else { "swings_lin" },
        vec![
            ("count", swings.len() as f64),
            ("evals_count", nv as f64),
            (
                "size_share",
                if val.log {
                    10f64.powf(typical) - 1.0
                } else {
                    typical / val.raw_spread
                },
            ),
            ("size", typical),
            ("a", val.raw[i - 1]),
            ("b", val.raw[i]),
            ("c", val.raw[i + 1]),
            ("from_step", val.steps[i - 1]),
            ("to_step", val.steps[i + 1]),
        ],
    ))
}

/// The numbers behind "nothing to report".
fn healthy(train: &Curve, val: &Curve) -> Finding {
    let n = train.len();
    let nv = val.len();
    let mut facts = Vec::new();
    if n >= 1 {
        facts.extend([
            ("first", train.raw[0]),
            ("last", train.raw[n - 1]),
            ("steps_count", n as f64),
        ]);
    }
    if nv == 0 {
        return Finding::new(
            Pattern::Healthy,
            if n >= 1 { "train_only" } else { "val_only" },
            facts,
        );
    }
    let low = argmin(&val.raw);
    facts.extend([
        ("val_low", val.raw[low]),
        ("val_low_step", val.steps[low]),
        ("val_last", val.raw[nv - 1]),
    ]);
    Finding::new(
        Pattern::Healthy,
        if n >= 1 { "train_val" } else { "val_only" },
        facts,
    )
}

// ---------------------------------------------------------------------------------------------
// Small numerics

/// The second smallest and the second largest of `v` (at least two values) in the order of
/// `f64::total_cmp`: what sorting `v` puts at positions 1 and len − 2.
fn second_extremes(v: &[f64]) -> (f64, f64) {
    use std::cmp::Ordering::Less;
    let (mut lo, mut lo2) = (v[0], v[1]);
    if lo2.total_cmp(&lo) == Less {
        std::mem::swap(&mut lo, &mut lo2);
    }
    let (mut hi2, mut hi) = (lo, lo2);
    for &x in &v[2..] {
        if x.total_cmp(&lo) == Less {
            (lo2, lo) = (lo, x);
        } else if x.total_cmp(&lo2) == Less {
            lo2 = x;
        }
        if hi.total_cmp(&x) == Less {
            (hi2, hi) = (hi, x);
        } else if hi2.total_cmp(&x) == Less {
            hi2 = x;
        }
    }
    (lo2, hi2)
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(*x), hi.max(*x))
        })
}

/// Index of the first smallest value (0 for an empty slice).
fn argmin(v: &[f64]) -> usize {
    (0..v.len())
        .reduce(|best, i| if v[i] < v[best] { i } else { best })
        .unwrap_or(0)
}

/// Index of the first largest value (0 for an empty slice).
fn argmax(v: &[f64]) -> usize {
    (0..v.len())
        .reduce(|best, i| if v[i] > v[best] { i } else { best })
        .unwrap_or(0)
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// Median of finite values (NaN for an empty slice).
fn median(v: &[f64]) -> f64 {
    median_in(v, &mut Vec::new())
}

/// [`median`] using `scratch` as working space, so that loops need not allocate.
fn median_in(v: &[f64], scratch: &mut Vec<f64>) -> f64 {
    scratch.clear();
    scratch.extend_from_slice(v);
    median_of(scratch)
}

/// Median of `s`, reordering it in place (linear time: a selection, not a sort).
fn median_of(s: &mut [f64]) -> f64 {
    let n = s.len();
    if n == 0 {
        return f64::NAN;
    }
    let (lower, &mut mid, _) = s.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        mid
    } else {
        // The other middle value is the largest of the lower half.
        let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        0.5 * (below + mid)
    }
}

/// An odd smoothing window for a curve of `n` points: 1 (none) for short logs, growing to about
/// a twentieth of the curve for long per-step logs, whose single points are noisy.
fn window(n: usize) -> usize {
    2 * (n / 40) + 1
}

/// Running median over an odd window `w`, shortened at the ends.
///
/// Each value is replaced by its rank among all values, and the window is a bit set of ranks
/// with a pointer at its middle; as the window slides by one point the middle moves by about
/// one present rank, found with a word scan. O(n log n) for the ranks and about O(n) after that,
/// whatever the window, so a 5000-step log with its 251-point window takes a fraction of a
/// millisecond. (The diagnosis calls it through [`Curve::running_median`], which sorts a
/// curve once for all its medians.)
#[cfg(test)]
fn running_median(y: &[f64], w: usize) -> Vec<f64> {
    running_median_ranked(&Ranks::of(y), y.len(), w)
}

/// Each value's rank among a curve's values, and the values in rank order.
struct Ranks {
    by_value: Vec<f64>,
    rank: Vec<u32>,
}

impl Ranks {
    fn of(y: &[f64]) -> Ranks {
        // Sorted as integers that order like the floats (the bits of `total_cmp`): faster
        // than comparing the floats.
        let keys: Vec<(u64, u32)> = y
            .iter()
            .zip(0u32..)
            .map(|(v, i)| (order_key(*v), i))
            .collect();
        let keys = sort_keys(keys);
        let by_value = keys.iter().map(|&(_, i)| y[i as usize]).collect();
        let mut rank = vec![0; y.len()];
        for (r, &(_, i)) in (0u32..).zip(&keys) {
            rank[i as usize] = r;
        }
        Ranks { by_value, rank }
    }
}

/// [`running_median`] of the first `n` values of the curve `ranks` ranks. The order of a
/// part is the whole's order restricted to it, so the whole's ranks serve every part that
/// starts at the beginning: the window's bit set simply never holds the others.
fn running_median_ranked(ranks: &Ranks, n: usize, w: usize) -> Vec<f64> {
    let half = w / 2;
    let (by_value, rank) = (&ranks.by_value, &ranks.rank);
    let mut window = RankWindow::new(by_value.len());
    let (mut lo, mut hi) = (0, 0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (new_lo, new_hi) = (i.saturating_sub(half), (i + half + 1).min(n));
        while hi < new_hi {
            window.insert(rank[hi] as usize);
            hi += 1;
        }
        while lo < new_lo {
            window.remove(rank[lo] as usize);
            lo += 1;
        }
        let (lower, upper) = window.middle();
        let (a, b) = (by_value[lower], by_value[upper]);
        out.push(if lower == upper { a } else { 0.5 * (a + b) });
    }
    out
}

/// `keys` in increasing order of (key, index). Long lists are radix-sorted (linear time:
/// one pass counts every 11-bit digit, then one pass per digit that not all keys share);
/// the pairs are distinct, so the order is the one `sort_unstable` gives.
fn sort_keys(mut keys: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    const RADIX_FROM: usize = 1 << 12;
    const BITS: u32 = 11;
    const DIGITS: usize = 64usize.div_ceil(BITS as usize);
    const MASK: u64 = (1 << BITS) - 1;
    if keys.len() < RADIX_FROM {
        keys.sort_unstable();
        return keys;
    }
    // A loss curve is often one long fall (or rise) with few reversals: a merge sort
    // that takes runs as they come does it in a few passes, a third of the radix sort's
    // time; a noisy curve has short runs and goes to the radix sort.
    let ups = keys.windows(2).filter(|w| w[1].0 > w[0].0).count();
    let reversals = ups.min(keys.len() - 1 - ups);
    if reversals <= keys.len() / 64 {
        keys.sort();
        return keys;
    }
    // LSD radix sort on the key, stable, over a list in index order: equal keys stay in
    // index order. 2048 buckets keep the scatter's write positions in cache.
    let mut counts = vec![[0usize; 1 << BITS]; DIGITS];
    for &(k, _) in &keys {
        for (d, c) in counts.iter_mut().enumerate() {
            c[((k >> (d as u32 * BITS)) & MASK) as usize] += 1;
        }
    }
    let mut other = vec![(0u64, 0u32); keys.len()];
    for (d, c) in counts.iter_mut().enumerate() {
        if c.contains(&keys.len()) {
            continue;
        }
        let mut at = 0;
        for slot in c.iter_mut() {
            (at, *slot) = (at + *slot, at);
        }
        let shift = d as u32 * BITS;
        for &(k, i) in &keys {
            let b = ((k >> shift) & MASK) as usize;
            other[c[b]] = (k, i);
            c[b] += 1;
        }
        std::mem::swap(&mut keys, &mut other);
    }
    keys
}

/// An integer that orders like `f64::total_cmp`.
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// A set of ranks (a bit set) that tracks its lower middle element.
struct RankWindow {
    bits: Vec<u64>,
    len: usize,
    /// The lower middle rank, and how many ranks in the set are below it.
    mid: usize,
    below: usize,
}

impl RankWindow {
    fn new(n: usize) -> RankWindow {
        RankWindow {
            bits: vec![0; n.div_ceil(64)],
            len: 0,
            mid: 0,
            below: 0,
        }
    }

    fn insert(&mut self, r: usize) {
        self.bits[r / 64] |= 1 << (r % 64);
        self.len += 1;
        if self.len == 1 {
            (self.mid, self.below) = (r, 0);
        } else if r < self.mid {
            self.below += 1;
        }
    }

    fn remove(&mut self, r: usize) {
        self.bits[r / 64] &= !(1 << (r % 64));
        self.len -= 1;
        if self.len == 0 {
            return;
        }
        if r < self.mid {
            self.below -= 1;
        } else if r == self.mid {
            match self.next(r) {
                Some(up) => self.mid = up,
                None => {
                    self.mid = self.prev(r).unwrap_or(0);
                    self.below -= 1;
                }
            }
        }
    }

    /// The lower and upper middle ranks (equal when the count is odd).
    fn middle(&mut self) -> (usize, usize) {
        if self.len == 0 {
            return (0, 0);
        }
        let target = (self.len - 1) / 2;
        while self.below > target {
            self.mid = self.prev(self.mid).unwrap_or(self.mid);
            self.below -= 1;
        }
        while self.below < target {
            self.mid = self.next(self.mid).unwrap_or(self.mid);
            self.below += 1;
        }
        if self.len % 2 == 1 {
            (self.mid, self.mid)
        } else {
            (self.mid, self.next(self.mid).unwrap_or(self.mid))
        }
    }

    /// The smallest rank in the set above `r`.
    fn next(&self, r: usize) -> Option<usize> {
        let start = r + 1;
        let mut word = start / 64;
        if word >= self.bits.len() {
            return None;
        }
        let mut bits = self.bits[word] & (u64::MAX.checked_shl((start % 64) as u32).unwrap_or(0));
        loop {
            if bits != 0 {
                return Some(word * 64 + bits.trailing_zeros() as usize);
            }
            word += 1;
            if word >= self.bits.len() {
                return None;
            }
            bits = self.bits[word];
        }
    }

    /// The largest rank in the set below `r`.
    fn prev(&self, r: usize) -> Option<usize> {
        let end = r.checked_sub(1)?;
        let mut word = end / 64;
        let mut bits = self.bits[word] & (u64::MAX >> (63 - end % 64));
        loop {
            if bits != 0 {
                return Some(word * 64 + 63 - bits.leading_zeros() as usize);
            }
            word = word.checked_sub(1)?;
            bits = self.bits[word];
        }
    }
}

/// Theil–Sen slope (median of pairwise slopes): a trend that one outlier cannot bend, using
/// `scratch` as working space.
fn theil_sen_in(x: &[f64], y: &[f64], scratch: &mut Vec<f64>) -> f64 {
    scratch.clear();
    // Over a long window, every k-th point: at most THEIL_SEN_POINTS points, so the pairs stay
    // few hundred whatever the window.
    let n = x.len().min(y.len());
    let stride = n.div_ceil(THEIL_SEN_POINTS).max(1);
    for i in (0..n).step_by(stride) {
        for j in (i + stride..n).step_by(stride) {
            let dx = x[j] - x[i];
            if dx != 0.0 {
                scratch.push((y[j] - y[i]) / dx);
            }
        }
    }
    if scratch.is_empty() {
        0.0
    } else {
        median_of(scratch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_running_median_matches_the_direct_one() {
        let mut x = 0.37_f64;
        let y: Vec<f64> = (0..300)
            .map(|i| {
                x = (x * 3.9 * (1.0 - x)).clamp(1e-9, 1.0 - 1e-9);
                if i % 17 == 0 {
                    0.5
                } else if i % 5 == 0 {
                    -x * 1e3
                } else {
                    x
                }
            })
            .collect();
        for n in [0usize, 1, 2, 5, 40, 300] {
            for w in [1, 3, 5, 15, 51, 999] {
                let half = w / 2;
                let direct: Vec<f64> = (0..n)
                    .map(|i| median(&y[i.saturating_sub(half)..(i + half + 1).min(n)]))
                    .collect();
                assert_eq!(running_median(&y[..n], w), direct, "n={n} w={w}");
                // The whole curve's ranks serve its beginning.
                let whole = Ranks::of(&y);
                assert_eq!(running_median_ranked(&whole, n, w), direct, "n={n} w={w}");
            }
        }
    }

    /// A loss that falls thirty decades in its first 40 of 3000 steps and then sits at its
    /// floor fell fast: the block medians, which start below the first value, must not make
    /// it "lr too low". The same floor from the first step on (nothing fell) still is flat.
    #[test]
    fn a_fall_within_the_first_block_is_fast_not_too_low() {
        let n = 3001;
        let steps: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let fast: Vec<f64> = (0..n)
            .map(|i| {
                if i < 40 {
                    181.0 * 10f64.powf(-0.78 * i as f64)
                } else {
                    7.9e-31 * (1.0 + 1e-3 * (i % 3) as f64)
                }
            })
            .collect();
        let pattern = |train: &[f64]| {
            diagnose(&Series {
                steps: &steps,
                train,
                val_steps: &[],
                val: &[],
                lr: None,
                diverged_at: None,
            })[0]
                .pattern
        };
        assert_eq!(pattern(&fast), Pattern::Healthy);
        let slow: Vec<f64> = (0..n).map(|i| 181.0 - 1e-3 * i as f64).collect();
        assert_eq!(pattern(&slow), Pattern::LrTooLow);
    }

    /// The radix sort of long key lists and the second extremes give what sorting gives.
    #[test]
    fn linear_orderings_match_the_sorts() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut y: Vec<f64> = (0..20_000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                match i % 7 {
                    0 => 1.0,
                    1 => -0.0,
                    2 => 0.0,
                    3 => f64::from_bits(x) % 1e6,
                    _ => (x % 1000) as f64 * 1e-3 - 0.5,
                }
            })
            .collect();
        y.push(f64::NAN);
        y.push(f64::NEG_INFINITY);
        let keys: Vec<(u64, u32)> = y
            .iter()
            .zip(0u32..)
            .map(|(v, i)| (order_key(*v), i))
            .collect();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(sort_keys(keys), want);
        // A long fall with a few bumps and repeated values: the merge sort's path.
        let fall: Vec<(u64, u32)> = (0..50_000u32)
            .map(|i| {
                let v = 1e4 / f64::from(1 + i / 3) + if i % 997 == 0 { 5.0 } else { 0.0 };
                (order_key(v.log10()), i)
            })
            .collect();
        let ups = fall.windows(2).filter(|w| w[1].0 > w[0].0).count();
        assert!(ups > 0 && ups <= fall.len() / 64, "{ups} rises");
        let mut want = fall.clone();
        want.sort_unstable();
        assert_eq!(sort_keys(fall), want);
        for n in [4, 5, 9, 1000] {
            let v = &y[..n];
            let mut sorted = v.to_vec();
            sorted.sort_by(f64::total_cmp);
            let (a, b) = second_extremes(v);
            assert_eq!(
                (a.to_bits(), b.to_bits()),
                (sorted[1].to_bits(), sorted[n - 2].to_bits())
            );
        }
    }

    #[test]
    fn thinned_theil_sen_reads_a_line_exactly() {
        let x: Vec<f64> = (0..500).map(f64::from).collect();
        let y: Vec<f64> = x.iter().map(|x| 2.0 - 0.01 * x).collect();
        assert!((theil_sen_in(&x, &y, &mut Vec::new()) + 0.01).abs() < 1e-12);
        assert_eq!(theil_sen_in(&x[..1], &y[..1], &mut Vec::new()), 0.0);
    }
}
