//! The learning-rate range test (Smith 2017, "Cyclical Learning Rates"; fastai's
//! `lr_find`): one short run on the scenario's surface whose rate grows exponentially
//! from `from` to `to`, the loss recorded after every step, and three suggestions read
//! off the smoothed curve.
//!
//! The rules follow fastai (docs: <https://docs.fast.ai/callback.schedule.html>, the
//! `LRFinder` callback and the suggestion functions `minimum`, `steep` and `valley`; the
//! valley rule came with fastai PR #3377, <https://github.com/fastai/fastai/pull/3377>):
//! - the loss is smoothed by fastai's `AvgSmoothLoss`: an exponential moving average with
//!   β = 0.98, divided by 1 − β^n so that its first values are not biased towards 0;
//! - the test stops early once the smoothed loss exceeds 4× the lowest smoothed loss so
//!   far, or stops being finite (fastai's `stop_div`); a run that diverges (SPEC §7)
//!   stops there too;
//! - the suggestions are read on the smoothed curve without its first tenth of the
//!   requested steps and its last 5 points (fastai's `lr_find` trims the same way: the
//!   start is flat and the end is the blow-up);
//! - `minimum_div_10`: the rate at the lowest smoothed loss, divided by 10;
//! - `steepest`: the rate where the smoothed loss falls fastest against ln(lr);
//! - `valley`: the longest run of decreasing losses (a longest decreasing subsequence),
//!   and the point ⌊len/3⌋ + ⌊len/6⌋ past its start, as fastai's `valley`.

use serde::Serialize;

use super::run::runs;
use super::scenario::Scenario;
use super::schedule::{Decay, Schedule};

/// fastai's `AvgSmoothLoss` β.
pub const SMOOTHING: f64 = 0.98;
/// fastai's `stop_div`: stop once the smoothed loss exceeds this many times its lowest.
pub const STOP_FACTOR: f64 = 4.0;
/// Most steps a test takes: the valley rule is quadratic in them.
pub const MAX_STEPS: u64 = 10_000;

/// What to test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LrFindSettings {
    /// Index of the scenario's optimizer (from 0).
    pub optimizer: usize,
    /// The rate of the first step.
    pub from: f64,
    /// The rate of the last step.
    pub to: f64,
    /// Steps (one rate each).
    pub steps: u64,
}

impl Default for LrFindSettings {
    fn default() -> Self {
        Self {
            optimizer: 0,
            from: 1e-6,
            to: 10.0,
            steps: 100,
        }
    }
}

/// A bad setting: the argument and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LrFindError {
    /// The command-line argument at fault, e.g. `--from`.
    pub argument: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LrFindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.argument, self.message)
    }
}

/// The three suggested rates; `None` when the curve is too short to read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Suggestions {
    /// Where the smoothed loss falls fastest against log(lr).
    pub steepest: Option<f64>,
    /// The rate at the lowest smoothed loss, ÷ 10.
    pub minimum_div_10: Option<f64>,
    /// fastai's valley rule.
    pub valley: Option<f64>,
}

/// The test's curve and suggestions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LrFind {
    /// The optimizer's label.
    pub label: String,
    /// The rate of each step taken.
    pub lr: Vec<f64>,
    /// The training loss after each step.
    pub loss: Vec<f64>,
    /// fastai's smoothed loss after each step.
    pub smoothed_loss: Vec<f64>,
    /// The step at which the test stopped early (the loss blew up), if it did.
    pub stopped_at: Option<u64>,
    /// The suggested rates.
    pub suggestions: Suggestions,
}

impl LrFind {
    /// `{"label", "lr", "loss", "smoothed_loss", "stopped_at", "suggestions"}`, pretty.
    /// Non-finite losses are written as null.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an lr-find result always serializes")
    }
}

/// Runs the range test on `scenario` (its surface, start, noise, clipping and minibatches;
/// its schedule and early stopping are replaced by the exponential ramp).
pub fn lr_find(scenario: &Scenario, settings: &LrFindSettings) -> Result<LrFind, LrFindError> {
    let n = scenario.optimizers.len();
    if settings.optimizer >= n {
        return Err(LrFindError {
            argument: "--optimizer",
            message: format!(
                "{} is out of range: the scenario has {n} optimizer{} (0 to {})",
                settings.optimizer,
                if n == 1 { "" } else { "s" },
                n.saturating_sub(1)
            ),
        });
    }
    if !(settings.from > 0.0 && settings.from.is_finite()) {
        return Err(LrFindError {
            argument: "--from",
            message: format!("must be a number > 0 (got {})", settings.from),
        });
    }
    if !(settings.to > settings.from && settings.to.is_finite()) {
        return Err(LrFindError {
            argument: "--to",
            message: format!(
                "must be a finite number above --from {} (got {})",
                settings.from, settings.to
            ),
        });
    }
    if !(2..=MAX_STEPS).contains(&settings.steps) {
        return Err(LrFindError {
            argument: "--steps",
            message: format!("must be from 2 to {MAX_STEPS} (got {})", settings.steps),
        });
    }
    let mut test = scenario.clone();
    let mut opt = scenario.optimizers[settings.optimizer].clone();
    let gamma = (settings.to / settings.from).powf(1.0 / (settings.steps - 1) as f64);
    opt.lr = settings.from;
    opt.schedule = Some(Schedule {
        warmup_steps: 0,
        decay: Decay::Exponential { gamma },
    });
    let label = super::run::unique_labels(&scenario.optimizers)[settings.optimizer].clone();
    test.optimizers = vec![opt];
    test.steps = settings.steps;
    test.early_stopping = None;
    let run = runs(&test).next().expect("one optimizer, one run");
    let mut lr = run.lr;
    let mut loss: Vec<f64> = run.loss.into_iter().skip(1).collect();
    let smoothed_all = smooth(&loss);
    // fastai's stop_div, applied to the recorded curve: the steps after the stop never
    // change the ones before, so cutting afterwards equals stopping there.
    let mut best = f64::INFINITY;
    let mut keep = loss.len();
    for (i, &s) in smoothed_all.iter().enumerate() {
        best = best.min(s);
        if !s.is_finite() || s > STOP_FACTOR * best {
            keep = i + 1;
            break;
        }
    }
    let stopped_at = (keep < loss.len() || run.diverged_at.is_some()).then_some(keep as u64);
    lr.truncate(keep);
    loss.truncate(keep);
    let smoothed_loss: Vec<f64> = smoothed_all.into_iter().take(keep).collect();
    let skip_start = (settings.steps / 10) as usize;
    let end = smoothed_loss.len().saturating_sub(5);
    let (lrs, losses) = if skip_start < end {
        (&lr[skip_start..end], &smoothed_loss[skip_start..end])
    } else {
        (&lr[..0], &smoothed_loss[..0])
    };
    // Like fastai, the curve is cut at its first non-finite value.
    let finite = losses.iter().take_while(|v| v.is_finite()).count();
    let suggestions = suggest(&lrs[..finite], &losses[..finite]);
    Ok(LrFind {
        label,
        lr,
        loss,
        smoothed_loss,
        stopped_at,
        suggestions,
    })
}

/// fastai's `AvgSmoothLoss`: m ← β·m + (1−β)·loss, reported as m/(1 − β^n).
pub fn smooth(loss: &[f64]) -> Vec<f64> {
    let mut m = 0.0;
    let mut pow = 1.0;
    loss.iter()
        .map(|&l| {
            m = SMOOTHING * m + (1.0 - SMOOTHING) * l;
            pow *= SMOOTHING;
            m / (1.0 - pow)
        })
        .collect()
}

/// The three rules on a curve of rates and (smoothed, finite) losses.
pub fn suggest(lrs: &[f64], losses: &[f64]) -> Suggestions {
    if lrs.len() < 2 || lrs.len() != losses.len() {
        return Suggestions {
            steepest: None,
            minimum_div_10: None,
            valley: None,
        };
    }
    let argmin = |v: &[f64]| {
        v.iter()
            .enumerate()
            .fold(0, |best, (i, x)| if *x < v[best] { i } else { best })
    };
    let minimum_div_10 = lrs[argmin(losses)] / 10.0;
    // fastai's steep: (loss[i+1] − loss[i]) / (ln lr[i+1] − ln lr[i]), the rate at its
    // most negative value (the left end of that interval).
    let grads: Vec<f64> = (0..lrs.len() - 1)
        .map(|i| (losses[i + 1] - losses[i]) / (lrs[i + 1].ln() - lrs[i].ln()))
        .collect();
    let steepest = lrs[argmin(&grads)];
    Suggestions {
        steepest: Some(steepest),
        minimum_div_10: Some(minimum_div_10),
        valley: Some(lrs[valley_index(losses)]),
    }
}

/// fastai's `valley`: the longest decreasing subsequence of the losses (its length ending
/// at each point by dynamic programming), then the point at ⌊len/3⌋ + ⌊len/6⌋ past its
/// start: well into the valley, before its floor.
pub fn valley_index(losses: &[f64]) -> usize {
    let n = losses.len();
    if n == 0 {
        return 0;
    }
    let mut lds = vec![1usize; n];
    let (mut max_start, mut max_end) = (0i64, 0usize);
    for i in 1..n {
        for j in 0..i {
            if losses[i] < losses[j] && lds[i] < lds[j] + 1 {
                lds[i] = lds[j] + 1;
            }
            if lds[max_end] < lds[i] {
                max_end = i;
                max_start = max_end as i64 - lds[max_end] as i64;
            }
        }
    }
    let sections = (max_end as i64 - max_start) as f64 / 3.0;
    let idx = max_start + sections as i64 + (sections / 2.0) as i64;
    idx.clamp(0, n as i64 - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothing_is_debiased() {
        // A constant loss smooths to itself from the first point on.
        let s = smooth(&[2.0; 10]);
        assert!(s.iter().all(|v| (v - 2.0).abs() < 1e-12), "{s:?}");
    }

    #[test]
    fn rules_on_a_hand_made_curve() {
        // Rates 1e-3 … 1e0 over 7 points; the loss falls, fastest between 1e-2 and
        // 10^-1.5, bottoms out at 10^-0.5, then rises.
        let lrs: Vec<f64> = (0..7).map(|i| 10f64.powf(-3.0 + 0.5 * i as f64)).collect();
        let losses = [10.0, 9.5, 9.0, 4.0, 3.0, 2.0, 8.0];
        let s = suggest(&lrs, &losses);
        assert_eq!(s.steepest, Some(lrs[2]));
        assert!((s.minimum_div_10.unwrap() - lrs[5] / 10.0).abs() < 1e-15);
        // Longest decreasing run: indices 0..=5 (length 6); fastai's max_start is
        // 5 − 6 = −1, sections 2, idx = −1 + 2 + 1 = 2.
        assert_eq!(valley_index(&losses), 2);
    }

    #[test]
    fn short_curves_suggest_nothing() {
        let s = suggest(&[1e-3], &[1.0]);
        assert_eq!(s.steepest, None);
        assert_eq!(s.valley, None);
    }
}
