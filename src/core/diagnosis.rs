//! Loss-curve diagnosis (SPEC §10): names the classroom patterns that a training run shows,
//! with the numbers that gave them away.
//!
//! Every rule reads a curve on its *working scale*: log10 of the loss when every value is
//! positive, so that a curve spanning many decades is judged by ratios, and the raw values
//! otherwise, judged by differences relative to the curve's own spread, because ratios mean
//! nothing once losses cross 0. Non-finite values are evidence (of an explosion), never input
//! to the arithmetic.

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
    /// None of the above.
    Healthy,
}

impl Pattern {
    /// Every pattern, in the order of the SPEC table.
    pub const ALL: [Pattern; 6] = [
        Pattern::LrTooHigh,
        Pattern::LrTooLow,
        Pattern::Overfitting,
        Pattern::SchedulerHelping,
        Pattern::ValNoisy,
        Pattern::Healthy,
    ];

    /// The SPEC id, e.g. `lr_too_high`.
    pub fn id(self) -> &'static str {
        match self {
            Pattern::LrTooHigh => "lr_too_high",
            Pattern::LrTooLow => "lr_too_low",
            Pattern::Overfitting => "overfitting",
            Pattern::SchedulerHelping => "scheduler_helping",
            Pattern::ValNoisy => "val_noisy",
            Pattern::Healthy => "healthy",
        }
    }

    /// The pattern with this SPEC id, if there is one.
    pub fn from_id(id: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.id() == id)
    }

    /// A short name in plain words, for the app.
    pub fn title(self) -> &'static str {
        match self {
            Pattern::LrTooHigh => "LR too high",
            Pattern::LrTooLow => "LR too low",
            Pattern::Overfitting => "Overfitting",
            Pattern::SchedulerHelping => "Schedule is helping",
            Pattern::ValNoisy => "Noisy validation",
            Pattern::Healthy => "Healthy",
        }
    }

    /// The suggested action of the SPEC table.
    pub fn action(self) -> &'static str {
        match self {
            Pattern::LrTooHigh => "lower lr ×0.1, add warmup, check eps, clip gradients",
            Pattern::LrTooLow => "raise lr ×2–3, or warm up to a higher target lr",
            Pattern::Overfitting => "early stopping, regularization, lower lr on plateau",
            Pattern::SchedulerHelping => "keep it; consider more reductions or a lower lr_min",
            Pattern::ValNoisy => "larger batch, lower lr, weight averaging (EMA), more patience",
            Pattern::Healthy => "—",
        }
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One diagnosed pattern with its evidence in numbers and the suggested action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Which pattern.
    pub pattern: Pattern,
    /// What in the curves shows it, in numbers.
    pub evidence: String,
    /// What to try (the SPEC table's suggested action).
    pub action: String,
}

impl Finding {
    fn new(pattern: Pattern, evidence: String) -> Finding {
        Finding {
            pattern,
            evidence,
            action: pattern.action().to_string(),
        }
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
}

/// Diagnoses one run: every pattern found, in the order of the SPEC table, or a single
/// [`Pattern::Healthy`] finding when none is. Never panics, whatever the input.
pub fn diagnose(series: &Series) -> Vec<Finding> {
    let n = series.steps.len().min(series.train.len());
    let steps = &series.steps[..n];
    let train_raw = &series.train[..n];
    let nv = series.val_steps.len().min(series.val.len());
    let train = Curve::new(steps, train_raw);
    let val = Curve::new(&series.val_steps[..nv], &series.val[..nv]);

    let mut findings = Vec::new();
    let too_high = explosion(steps, train_raw)
        .or_else(|| sustained_rise(&train))
        .or_else(|| oscillation(&train));
    match too_high {
        Some(evidence) => findings.push(Finding::new(Pattern::LrTooHigh, evidence)),
        // A run that blows up says nothing about a too-small rate.
        None => {
            if let Some(evidence) = too_slow(&train) {
                findings.push(Finding::new(Pattern::LrTooLow, evidence));
            }
        }
    }
    if let Some(evidence) = overfitting(&train, &val) {
        findings.push(Finding::new(Pattern::Overfitting, evidence));
    }
    if let Some(lr) = series.lr {
        let lr = &lr[..lr.len().min(n)];
        // The schedule's effect shows best on validation; without enough of it, on training.
        let (target, what) = if val.len() >= 3 {
            (&val, "validation")
        } else {
            (&train, "train")
        };
        if let Some(evidence) = schedule_helps(steps, lr, target, what) {
            findings.push(Finding::new(Pattern::SchedulerHelping, evidence));
        }
    }
    if let Some(evidence) = val_noisy(&train, &val) {
        findings.push(Finding::new(Pattern::ValNoisy, evidence));
    }
    if findings.is_empty() {
        findings.push(Finding::new(Pattern::Healthy, healthy(&train, &val)));
    }
    findings
}

/// One plain-language sentence about the findings, for the app.
pub fn summary(findings: &[Finding]) -> String {
    let problems: Vec<Pattern> = findings
        .iter()
        .map(|f| f.pattern)
        .filter(|p| *p != Pattern::Healthy)
        .collect();
    let Some(&first) = problems.first() else {
        return "The curves look healthy: nothing to change.".to_string();
    };
    let names: Vec<String> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let title = p.title();
            if i == 0 {
                title.to_string()
            } else {
                lower_first(title)
            }
        })
        .collect();
    let names = match names.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => names.concat(),
    };
    // A helping schedule is good news; advise on the first real problem when there is one.
    let advice = problems
        .iter()
        .copied()
        .find(|p| *p != Pattern::SchedulerHelping)
        .unwrap_or(first);
    format!("{names}: {}.", advice.action())
}

/// Lower-cases the first letter unless the first word is an acronym ("LR").
fn lower_first(title: &str) -> String {
    let first_word = title.split(' ').next().unwrap_or("");
    if first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase()) {
        return title.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Thresholds. Each rule has one for the log scale (in decades) and one for the linear scale (as
// a fraction of the curve's spread). They were set on synthetic curves first (see
// tests/diagnosis.rs) and then checked on the real logs in tests/fixtures/real-logs.

/// A rise of the training loss from its low this large, still there at the end, is an explosion.
const RISE_LOG: f64 = 0.477; // ×3
const RISE_LIN: f64 = 0.25;
/// A reversal of the training loss at least this large counts as a violent jump.
const JUMP_LOG: f64 = 0.176; // ×1.5
const JUMP_LIN: f64 = 0.10;
/// The share of training steps that must be violent reversals for "jumps up and down".
const JUMP_SHARE: f64 = 0.2;
/// A training loss that moved less than this fraction over the whole run is flat.
const FLAT_FRACTION: f64 = 0.05;
/// A training loss that fell by less than this fraction, at a steady pace, is too slow.
const SLOW_FRACTION: f64 = 0.4;
/// The share of the drop that must still come in the second half for "steady pace".
const SLOW_LATE_SHARE_LOG: f64 = 0.2;
const SLOW_LATE_SHARE_LIN: f64 = 0.35;
/// A curve is smooth when its rises add up to at most this fraction of its falls.
const SMOOTH_BACKTRACK: f64 = 0.5;
/// A rise of validation loss from its (smoothed) low this large is overfitting...
const OVERFIT_LOG: f64 = 0.079; // ×1.2
const OVERFIT_LIN: f64 = 0.15;
/// ...when the low came no later than this fraction of the evaluations (a low among the last
/// few noisy evaluations is luck, not a turning point)...
const OVERFIT_LOW_BY: f64 = 0.8;
/// ...the rise is this many times the validation noise...
const OVERFIT_NOISE: f64 = 2.5;
/// ...and the training loss kept falling by at least this much meanwhile.
const FALL_LOG: f64 = 0.041; // ×1/1.1
const FALL_LIN: f64 = 0.05;
/// A learning-rate change counts as a cut when the rate drops to at most this fraction...
const CUT_FACTOR: f64 = 0.9;
/// ...after holding steady (to this relative tolerance) for at least two rows.
const CUT_STEADY: f64 = 1e-3;
/// How much better than its trend the loss must be right after a cut.
const GAIN_LOG: f64 = 0.046; // 10 % lower
const GAIN_LIN: f64 = 0.05;
/// Mean reversal size per evaluation above which validation is noisy.
const NOISY_LOG: f64 = 0.025; // about ±6 %
const NOISY_LIN: f64 = 0.05;
/// A reversal of validation loss at least this large counts as a swing; it takes three.
const SWING_LOG: f64 = 0.04; // ±10 %
const SWING_LIN: f64 = 0.08;
const MIN_SWINGS: usize = 3;
/// Training noise (relative to the validation noise) up to which training counts as smooth.
const TRAIN_SMOOTH_RATIO: f64 = 0.5;
/// Points a Theil–Sen trend is read from at most (a long window is thinned evenly).
const THEIL_SEN_POINTS: usize = 32;
/// Changes smaller than this fraction of the raw spread are below notice even when their ratio
/// is large: they happen where the loss has reached its floor, like 1e-14 → 3e-14.
const RAW_NOTICE: f64 = 0.02;

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
        Curve {
            steps,
            raw,
            y,
            log,
            raw_spread,
        }
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

    /// Size of each reversal: for every interior point that is a strict local extreme, the
    /// smaller of its two steps to the neighbours (0 elsewhere). Monotone stretches, however
    /// steep or curved, score 0; only up-and-down movement counts.
    fn reversals(&self) -> Vec<f64> {
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
                if raw_size < RAW_NOTICE * self.raw_spread {
                    return 0.0;
                }
                a.abs().min(b.abs())
            })
            .collect()
    }

    /// Index of the last point at or before `step` (0 when there is none).
    fn index_at(&self, step: f64) -> usize {
        self.steps.iter().rposition(|s| *s <= step).unwrap_or(0)
    }

    /// "×9.1" on the log scale, "+0.4" on the linear one.
    fn change(&self, from: f64, to: f64) -> String {
        if self.log {
            format!("×{}", factor(to / from))
        } else {
            let d = to - from;
            format!("{}{}", if d >= 0.0 { "+" } else { "" }, num(d))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The rules

/// Non-finite training loss after it had been finite (or everywhere).
fn explosion(steps: &[f64], raw: &[f64]) -> Option<String> {
    let start = raw.iter().position(|v| v.is_finite());
    let bad = match start {
        None => (!raw.is_empty()).then_some(0),
        Some(f) => raw[f..].iter().position(|v| !v.is_finite()).map(|k| k + f),
    };
    let bad = bad?;
    let what = nonfinite_name(raw[bad]);
    let rest = &raw[bad..];
    let after = if rest.iter().all(|v| !v.is_finite()) {
        format!("{what} from step {}", step(steps[bad]))
    } else {
        let count = rest.iter().filter(|v| !v.is_finite()).count();
        format!(
            "{what} at step {} ({count} non-finite values in all)",
            step(steps[bad])
        )
    };
    let Some(f) = start else {
        return Some(format!("train loss is {after}, never finite"));
    };
    // Describe the run-up: how fast the loss climbed in the few steps before it broke.
    let from = bad.saturating_sub(5).max(f);
    let window = &raw[from..bad];
    let (lo_at, lo) = window
        .iter()
        .enumerate()
        .fold(
            (0, f64::INFINITY),
            |(bi, bv), (i, v)| {
                if *v < bv { (i, *v) } else { (bi, bv) }
            },
        );
    let Some(&last) = window.last() else {
        return Some(format!("train loss is {after}"));
    };
    if lo > 0.0 && last / lo >= 2.0 {
        let within = bad - 1 - (from + lo_at);
        Some(format!(
            "train loss rose ×{} within {within} steps to {} at step {}; {after}",
            factor(last / lo),
            num(last),
            step(steps[bad - 1])
        ))
    } else {
        Some(format!(
            "train loss was {} at step {}, then {after}",
            num(last),
            step(steps[bad - 1])
        ))
    }
}

/// Training loss climbs well above its low and is still up there at the end.
fn sustained_rise(c: &Curve) -> Option<String> {
    let n = c.len();
    if n < 3 {
        return None;
    }
    // The median of the last three is only high when two of them are: a single spike at the
    // end is not an explosion. It is compared with the low before them, read on a running
    // median so that the noise of a long per-step log does not make one lucky step the low.
    let smooth = running_median(&c.y, window(n));
    let low = argmin(&smooth[..n - 2]);
    let tail = median(&c.y[n - 3..]);
    let rise = tail - smooth[low];
    let low_value = c.unwork(smooth[low]);
    let raw_rise = c.unwork(tail) - low_value;
    if rise < c.limit(RISE_LOG, RISE_LIN) || raw_rise < RAW_NOTICE * c.raw_spread {
        return None;
    }
    let last = c.raw[n - 1];
    let mut evidence = format!(
        "train loss rose {} from about {} near step {} to {} at step {}",
        c.change(low_value, last),
        num(low_value),
        step(c.steps[low]),
        num(last),
        step(c.steps[n - 1])
    );
    if last >= c.raw[0] {
        evidence.push_str(&format!(", above where it started ({})", num(c.raw[0])));
    }
    Some(evidence)
}

/// Training loss reverses direction violently and often.
fn oscillation(c: &Curve) -> Option<String> {
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
    Some(format!(
        "train loss reversed direction by {} or more {count} times in {n} steps \
         (largest: {} → {} → {} at steps {}–{})",
        if c.log {
            format!("×{}", factor(10f64.powf(big)))
        } else {
            num(big)
        },
        num(c.raw[i - 1]),
        num(c.raw[i]),
        num(c.raw[i + 1]),
        step(c.steps[i - 1]),
        step(c.steps[i + 1])
    ))
}

/// Training loss smooth but barely falling, or falling at a steady pace by little.
fn too_slow(c: &Curve) -> Option<String> {
    let n = c.len();
    if n < 3 {
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
    let mid = median(&trend[(blocks - 1) / 2..=blocks / 2]);
    let drop = start - end;
    let late_share = if drop > 0.0 { (mid - end) / drop } else { 0.0 };
    let span = format!(
        "over {} steps ({} → {})",
        n,
        step(c.steps[0]),
        step(c.steps[n - 1])
    );
    let (first, last) = nums(c.unwork(start), c.unwork(end));
    if c.log {
        let fraction = 1.0 - 10f64.powf(-drop);
        if fraction.abs() < FLAT_FRACTION {
            return Some(format!(
                "train loss barely moved: {first} → {last} ({}) {span}",
                percent(-fraction)
            ));
        }
        if drop > 0.0 && fraction < SLOW_FRACTION && late_share >= SLOW_LATE_SHARE_LOG {
            return Some(format!(
                "train loss fell only {} ({first} → {last}) {span}, at a steady pace: {} of \
                 the drop came in the second half",
                percent(fraction),
                percent(late_share)
            ));
        }
    } else {
        if flat_curve {
            return Some(format!("train loss stayed at {first} {span}"));
        }
        if drop > 0.0 && late_share >= SLOW_LATE_SHARE_LIN {
            return Some(format!(
                "train loss fell from {first} to {last} {span} without slowing down: {} of \
                 the drop came in the second half",
                percent(late_share)
            ));
        }
    }
    None
}

/// Validation loss climbs clearly above its low while training loss keeps falling.
fn overfitting(train: &Curve, val: &Curve) -> Option<String> {
    let nv = val.len();
    if nv < 4 || train.len() < 3 {
        return None;
    }
    // The low is read on a running median so that one lucky evaluation is not "the best".
    let w = window(nv).max(3);
    let smooth = running_median(&val.y, w);
    let low = argmin(&smooth);
    if low + 3 > nv || low as f64 > OVERFIT_LOW_BY * (nv - 1) as f64 {
        return None;
    }
    let tail = median(&val.y[(low + 1).max(nv - w)..]);
    let rise = tail - smooth[low];
    let noise = mean(&val.reversals());
    let raw_rise = val.unwork(tail) - val.unwork(smooth[low]);
    if rise < val.limit(OVERFIT_LOG, OVERFIT_LIN)
        || rise < OVERFIT_NOISE * noise
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
    Some(format!(
        "validation loss bottomed at {} (step {}) and rose {} to {} by step {}, while train \
         loss fell {} → {}",
        num(val.unwork(smooth[low])),
        step(val.steps[low]),
        val.change(val.unwork(smooth[low]), val.unwork(tail)),
        num(val.raw[nv - 1]),
        step(val.steps[nv - 1]),
        num(train.unwork(train_then)),
        num(train.unwork(train_end))
    ))
}

/// A step cut of the learning rate followed right away by a loss clearly below its trend.
///
/// The loss on each side of a cut is read on a short one-sided window of `window(n)` points,
/// so that in a long per-step log (where single points swing by ×10 under gradient noise) the
/// level just before the cut is compared with the level just after it, not one lucky point
/// with another. A short log (an epoch log) has a window of one point.
fn schedule_helps(steps: &[f64], lr: &[f64], c: &Curve, what: &str) -> Option<String> {
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
    let needed = c.limit(GAIN_LOG, GAIN_LIN);
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
    let count = if cuts.len() > 1 {
        format!(
            " (lr cuts followed by such a drop: {} of {})",
            helped.len(),
            cuts.len()
        )
    } else {
        String::new()
    };
    let (b_lo, b_hi, b_level) = best.before;
    let (a_lo, a_hi, a_level) = best.after;
    let cut = best.cut;
    let fell = if b_lo == b_hi && a_lo == a_hi {
        format!(
            "{} → {} by step {}",
            num(c.raw[b_hi]),
            num(c.raw[a_lo]),
            step(c.steps[a_lo])
        )
    } else {
        format!(
            "from a median of {} over steps {}–{} to {} over steps {}–{}",
            num(c.unwork(b_level)),
            step(c.steps[b_lo]),
            step(c.steps[b_hi]),
            num(c.unwork(a_level)),
            step(c.steps[a_lo]),
            step(c.steps[a_hi])
        )
    };
    Some(format!(
        "after the lr cut at step {} ({} → {}), {what} loss fell {fell}, more than its trend \
         before predicted{count}",
        step(steps[cut]),
        num(lr[cut - 1]),
        num(lr[cut]),
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
fn val_noisy(train: &Curve, val: &Curve) -> Option<String> {
    let nv = val.len();
    if nv < 5 {
        return None;
    }
    let rev = val.reversals();
    let unit = val.limit(NOISY_LOG, NOISY_LIN);
    let level = mean(&rev) / unit;
    let swing = val.limit(SWING_LOG, SWING_LIN);
    let swings: Vec<f64> = rev.iter().copied().filter(|r| *r >= swing).collect();
    if level < 1.0 || swings.len() < MIN_SWINGS {
        return None;
    }
    let train_level = if train.len() >= 3 {
        mean(&train.reversals()) / train.limit(NOISY_LOG, NOISY_LIN)
    } else {
        0.0
    };
    if train_level > TRAIN_SMOOTH_RATIO * level {
        return None;
    }
    let typical = mean(&swings);
    let size = if val.log {
        format!("±{}", percent(10f64.powf(typical) - 1.0))
    } else {
        format!(
            "±{} ({} of its range)",
            num(typical),
            percent(typical / val.raw_spread)
        )
    };
    let i = argmax(&rev) + 1;
    Some(format!(
        "validation loss reversed direction {} times in {nv} evaluations by {size} on average \
         (largest: {} → {} → {} at steps {}–{}), while train loss is much smoother",
        swings.len(),
        num(val.raw[i - 1]),
        num(val.raw[i]),
        num(val.raw[i + 1]),
        step(val.steps[i - 1]),
        step(val.steps[i + 1])
    ))
}

/// The numbers behind "nothing to report".
fn healthy(train: &Curve, val: &Curve) -> String {
    let n = train.len();
    if n < 2 {
        return format!("only {n} finite training-loss values: too few to judge");
    }
    let verb = if train.raw[n - 1] < train.raw[0] {
        "fell"
    } else {
        "went"
    };
    let (first, last) = nums(train.raw[0], train.raw[n - 1]);
    let mut evidence = format!("train loss {verb} {first} → {last} over {n} steps");
    let nv = val.len();
    if nv == 0 {
        evidence.push_str("; no validation loss");
    } else {
        let low = argmin(&val.raw);
        evidence.push_str(&format!(
            "; validation lowest at {} (step {}), last {}; no lasting rise",
            num(val.raw[low]),
            step(val.steps[low]),
            num(val.raw[nv - 1])
        ));
    }
    evidence
}

// ---------------------------------------------------------------------------------------------
// Small numerics

fn nonfinite_name(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
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
/// millisecond.
fn running_median(y: &[f64], w: usize) -> Vec<f64> {
    let n = y.len();
    let half = w / 2;
    // Sorted as integers that order like the floats (the bits of `total_cmp`): faster than
    // comparing the floats.
    let mut keys: Vec<(u64, u32)> = y
        .iter()
        .zip(0u32..)
        .map(|(v, i)| (order_key(*v), i))
        .collect();
    keys.sort_unstable();
    let by_value: Vec<f64> = keys.iter().map(|&(_, i)| y[i as usize]).collect();
    let mut rank = vec![0; n];
    for (r, &(_, i)) in keys.iter().enumerate() {
        rank[i as usize] = r;
    }
    let mut window = RankWindow::new(n);
    let (mut lo, mut hi) = (0, 0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (new_lo, new_hi) = (i.saturating_sub(half), (i + half + 1).min(n));
        while hi < new_hi {
            window.insert(rank[hi]);
            hi += 1;
        }
        while lo < new_lo {
            window.remove(rank[lo]);
            lo += 1;
        }
        let (lower, upper) = window.middle();
        let (a, b) = (by_value[lower], by_value[upper]);
        out.push(if lower == upper { a } else { 0.5 * (a + b) });
    }
    out
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

// ---------------------------------------------------------------------------------------------
// Number formatting for evidence

/// A value with three significant digits, in scientific notation when very large or small.
fn num(x: f64) -> String {
    num_sig(x, 3)
}

/// Two values with just enough significant digits (up to 9) to tell them apart.
fn nums(a: f64, b: f64) -> (String, String) {
    let mut sig = 3;
    loop {
        let (sa, sb) = (num_sig(a, sig), num_sig(b, sig));
        if sa != sb || a == b || sig >= 9 {
            return (sa, sb);
        }
        sig += 1;
    }
}

/// A value with `sig` significant digits.
fn num_sig(x: f64, sig: i32) -> String {
    if !x.is_finite() {
        return nonfinite_name(x).to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    if !(1e-3..1e4).contains(&a) {
        let s = format!("{x:.*e}", (sig - 1) as usize);
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    let decimals = (sig - 1 - a.log10().floor() as i32).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}"))
}

/// A ratio with two significant digits: 40, 9.1, 1.3.
fn factor(r: f64) -> String {
    if !r.is_finite() {
        return nonfinite_name(r).to_string();
    }
    if r >= 1e4 {
        // ×307616315559 reads as noise; ×3.1e11 reads as "enormous".
        let e = r.log10().floor() as i32;
        format!("{}e{e}", trim_zeros(&format!("{:.1}", r / 10f64.powi(e))))
    } else if r >= 10.0 {
        format!("{r:.0}")
    } else {
        trim_zeros(&format!("{r:.1}"))
    }
}

/// A fraction as a percentage with two significant digits: 27%, 0.05%.
fn percent(f: f64) -> String {
    let p = f * 100.0;
    if !p.is_finite() {
        return format!("{}%", nonfinite_name(p));
    }
    let a = p.abs();
    let decimals = if a >= 10.0 || a == 0.0 {
        0
    } else {
        (1 - a.log10().floor() as i32).clamp(0, 6) as usize
    };
    format!("{}%", trim_zeros(&format!("{p:.decimals$}")))
}

/// A step number: whole steps without decimals.
fn step(s: f64) -> String {
    if s.is_finite() && s.fract() == 0.0 && s.abs() < 1e15 {
        format!("{}", s as i64)
    } else {
        num(s)
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn huge_factors_read_as_powers_of_ten() {
        assert_eq!(factor(307_616_315_559.0), "3.1e11");
        assert_eq!(factor(40.0), "40");
        assert_eq!(factor(2.5), "2.5");
    }

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
            }
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
