//! Lesson claims: what a teaching preset says about its own runs, as measurable facts.
//!
//! A lesson card must not say "momentum glides" unless its runs show it. Each teaching
//! preset declares its claims here as data (which runs, which measure, which bound); the
//! app evaluates them live, so a student who moves a slider sees when a claim stops
//! holding, and a test checks every claim with a margin. Runs are referred to by their
//! index in the preset's `optimizers`. No sentences: the language layer words them.

use super::diagnosis::Pattern;
use super::run::{Run, RunSet};

/// One measurable statement about a scenario's runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claim {
    /// Run `fast` gets its loss below `frac`·f₀ (f₀ its loss at the start) in at most
    /// `ratio` times the steps run `slow` needs (a run that never gets there counts as
    /// needing more steps than any run that does).
    ReachesSooner {
        /// The run said to be quicker.
        fast: usize,
        /// The run it is compared with.
        slow: usize,
        /// The target, as a fraction of the starting loss.
        frac: f64,
        /// The largest ratio of `fast`'s steps to `slow`'s for which the claim holds.
        ratio: f64,
    },
    /// Like [`Claim::ReachesSooner`] with an absolute loss `value` as the target (for
    /// surfaces whose minimum is below zero, such as the saddle).
    BelowValueSooner {
        /// The run said to be quicker.
        fast: usize,
        /// The run it is compared with.
        slow: usize,
        /// The target loss.
        value: f64,
        /// The largest ratio of `fast`'s steps to `slow`'s for which the claim holds.
        ratio: f64,
    },
    /// Over the last `1/parts` of the steps, run `better`'s loss has a lower mean and a
    /// lower standard deviation than run `than`'s.
    SteadierTail {
        /// The run said to be lower and steadier.
        better: usize,
        /// The run it is compared with.
        than: usize,
        /// The tail is the last 1/parts of the points.
        parts: u32,
    },
    /// Run `a`'s mean loss over the last `1/parts` of the points is at most `ratio`
    /// times run `b`'s.
    TailMeanRatio {
        /// The run said to end lower.
        a: usize,
        /// The run it is compared with.
        b: usize,
        /// The tail is the last 1/parts of the points.
        parts: u32,
        /// The largest ratio of the two means for which the claim holds.
        ratio: f64,
    },
    /// Run `a`'s final loss is below run `b`'s (a diverged `b` counts as infinitely high).
    EndsLower {
        /// The run said to end lower.
        a: usize,
        /// The run it is compared with.
        b: usize,
    },
    /// At least one run ends within `dist` of `point`.
    SomeRunEndsNear {
        /// The point, e.g. the surface's minimum.
        point: [f64; 2],
        /// The largest distance for which the claim holds.
        dist: f64,
    },
    /// Over the steps run `b` needs to get below `frac`·f₀, run `a` turns back (its
    /// step makes an angle over 90° with the step before) on a share of its steps at
    /// least `ratio` times `b`'s share: the zigzag of plain SGD across a ravine against
    /// a path that follows the floor.
    TurnsBackMore {
        /// The run said to zigzag.
        a: usize,
        /// The smoother run.
        b: usize,
        /// Where the comparison ends, as a fraction of `b`'s starting loss.
        frac: f64,
        /// The smallest ratio of the two shares for which the claim holds.
        ratio: f64,
    },
    /// Run `a`'s best validation loss is at most `ratio` times run `b`'s.
    BestValRatio {
        /// The run said to reach the lower validation loss.
        a: usize,
        /// The run it is compared with.
        b: usize,
        /// The largest ratio of the two best values for which the claim holds.
        ratio: f64,
    },
    /// Run `run` ended (stopped early, or at its last step) with its rate never cut below
    /// the rate it started with after warmup: a plateau schedule that never acted.
    RateNeverCut {
        /// The run.
        run: usize,
    },
    /// Run `a`'s first step is at least `ratio` times as long as run `b`'s.
    FirstStepRatio {
        /// The run with the longer first step.
        a: usize,
        /// The run it is compared with.
        b: usize,
        /// The smallest ratio for which the claim holds.
        ratio: f64,
    },
    /// Run `run`'s diagnosis (SPEC §10, the one the loss panel shows) finds `pattern`.
    Diagnosed {
        /// The run.
        run: usize,
        /// The pattern its curves must show.
        pattern: Pattern,
    },
    /// Over the last `1/parts` of run `run`'s evaluations, the validation loss of its
    /// averaged weights (`ema_decay`) spreads (standard deviation) at most `ratio` times as
    /// much as that of its raw weights. Fails when the run keeps no average.
    EmaSteadier {
        /// The run.
        run: usize,
        /// The tail is the last 1/parts of the evaluations.
        parts: u32,
        /// The largest ratio of the two spreads for which the claim holds.
        ratio: f64,
    },
    /// Runs `a` and `b` need about the same number of steps to get below `frac`·f₀:
    /// |steps_a − steps_b| is at most `tol` times the smaller of the two (two runs that
    /// never get there are not alike: nothing was measured).
    StepsAlike {
        /// One run.
        a: usize,
        /// The other.
        b: usize,
        /// The target, as a fraction of the starting loss.
        frac: f64,
        /// The largest relative difference for which the claim holds.
        tol: f64,
    },
    /// Run `run`'s mean loss over the last `1/parts` of its points is lower than that of
    /// the worst of the other runs (a diverged run counts as infinitely high).
    NotWorst {
        /// The run said not to be the worst.
        run: usize,
        /// The tail is the last 1/parts of the points.
        parts: u32,
    },
}

/// A claim checked on runs: whether it holds, the numbers behind it, and how far inside
/// (or outside) its bound the measurement is.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimCheck {
    /// The claim that was checked.
    pub claim: Claim,
    /// Whether the runs show it.
    pub holds: bool,
    /// The measured numbers, named (e.g. `fast_steps`, `slow_steps`), for the card.
    pub facts: Vec<(&'static str, f64)>,
    /// How much room the measurement leaves: above 1 the claim holds with that factor to
    /// spare (1.25 = a quarter inside the bound), below 1 it fails. For comparisons
    /// without a bound, the ratio of the two measured values.
    pub margin: f64,
}

/// The first step at which run `r`'s loss is below `target`, if any.
pub fn first_step_below(r: &Run, target: f64) -> Option<usize> {
    r.loss.iter().position(|&l| l < target)
}

fn steps_or_never(r: &Run, target: f64) -> f64 {
    first_step_below(r, target).map_or(f64::INFINITY, |s| s as f64)
}

fn tail(r: &Run, parts: u32) -> &[f64] {
    let n = r.loss.len();
    let len = (n / parts.max(1) as usize).max(1).min(n);
    &r.loss[n - len..]
}

fn mean_std(v: &[f64]) -> (f64, f64) {
    let n = v.len().max(1) as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The mean loss over the last 1/parts of the points; infinite for a run that diverged.
fn tail_mean(r: &Run, parts: u32) -> f64 {
    if r.diverged_at.is_some() {
        return f64::INFINITY;
    }
    let m = mean_std(tail(r, parts)).0;
    if m.is_nan() { f64::INFINITY } else { m }
}

fn final_loss(r: &Run) -> f64 {
    if r.diverged_at.is_some() {
        return f64::INFINITY;
    }
    r.loss.last().copied().unwrap_or(f64::INFINITY)
}

/// The share of the first `upto` steps of `r` that turn back: the step makes an angle
/// of more than 90° with the one before.
fn turn_back_share(r: &Run, upto: usize) -> f64 {
    let steps: Vec<_> = r
        .points
        .windows(2)
        .take(upto)
        .map(|w| w[1] - w[0])
        .collect();
    let pairs = steps.len().saturating_sub(1);
    if pairs == 0 {
        return 0.0;
    }
    let back = steps.windows(2).filter(|w| w[0].dot(&w[1]) < 0.0).count();
    back as f64 / pairs as f64
}

/// `measured ≤ bound` as a margin: bound / measured (∞ when measured is 0).
fn room_below(measured: f64, bound: f64) -> f64 {
    if measured <= 0.0 {
        return f64::INFINITY;
    }
    bound / measured
}

fn reach_check(
    claim: Claim,
    fast: &Run,
    slow: &Run,
    target_fast: f64,
    target_slow: f64,
    ratio: f64,
) -> ClaimCheck {
    let f = steps_or_never(fast, target_fast);
    let s = steps_or_never(slow, target_slow);
    let (holds, margin) = if f.is_infinite() {
        (false, 0.0)
    } else if s.is_infinite() {
        (true, f64::INFINITY)
    } else {
        let m = room_below(f, ratio * s);
        (m >= 1.0, m)
    };
    ClaimCheck {
        claim,
        holds,
        facts: vec![("fast_steps", f), ("slow_steps", s), ("ratio", ratio)],
        margin,
    }
}

impl Claim {
    /// Checks the claim on `runs`; a claim naming a run the set does not have fails.
    pub fn check(&self, runs: &RunSet) -> ClaimCheck {
        let get = |i: usize| runs.runs.get(i);
        let missing = || ClaimCheck {
            claim: *self,
            holds: false,
            facts: Vec::new(),
            margin: 0.0,
        };
        match *self {
            Claim::ReachesSooner {
                fast,
                slow,
                frac,
                ratio,
            } => {
                let (Some(a), Some(b)) = (get(fast), get(slow)) else {
                    return missing();
                };
                let (ta, tb) = (frac * a.loss[0], frac * b.loss[0]);
                reach_check(*self, a, b, ta, tb, ratio)
            }
            Claim::BelowValueSooner {
                fast,
                slow,
                value,
                ratio,
            } => {
                let (Some(a), Some(b)) = (get(fast), get(slow)) else {
                    return missing();
                };
                reach_check(*self, a, b, value, value, ratio)
            }
            Claim::SteadierTail {
                better,
                than,
                parts,
            } => {
                let (Some(a), Some(b)) = (get(better), get(than)) else {
                    return missing();
                };
                let (ma, sa) = mean_std(tail(a, parts));
                let (mb, sb) = mean_std(tail(b, parts));
                let margin = room_below(ma, mb).min(room_below(sa, sb));
                ClaimCheck {
                    claim: *self,
                    holds: ma < mb && sa < sb,
                    facts: vec![
                        ("better_mean", ma),
                        ("better_std", sa),
                        ("than_mean", mb),
                        ("than_std", sb),
                    ],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::TailMeanRatio { a, b, parts, ratio } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let (ma, _) = mean_std(tail(ra, parts));
                let (mb, _) = mean_std(tail(rb, parts));
                let margin = room_below(ma, ratio * mb);
                ClaimCheck {
                    claim: *self,
                    holds: margin >= 1.0,
                    facts: vec![("a_mean", ma), ("b_mean", mb), ("ratio", ratio)],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::EndsLower { a, b } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let (fa, fb) = (final_loss(ra), final_loss(rb));
                let margin = room_below(fa, fb);
                ClaimCheck {
                    claim: *self,
                    holds: fa < fb,
                    facts: vec![("a_final", fa), ("b_final", fb)],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::SomeRunEndsNear { point, dist } => {
                let target = super::Vec2::new(point[0], point[1]);
                let (best, d) = runs
                    .runs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i, (r.final_point - target).norm()))
                    .filter(|(_, d)| d.is_finite())
                    .min_by(|x, y| x.1.total_cmp(&y.1))
                    .unwrap_or((0, f64::INFINITY));
                let margin = room_below(d, dist);
                ClaimCheck {
                    claim: *self,
                    holds: d <= dist,
                    facts: vec![("run", best as f64), ("distance", d), ("bound", dist)],
                    margin,
                }
            }
            Claim::TurnsBackMore { a, b, frac, ratio } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let upto = first_step_below(rb, frac * rb.loss[0]).unwrap_or(rb.points.len());
                let (sa, sb) = (turn_back_share(ra, upto), turn_back_share(rb, upto));
                let margin = if sb > 0.0 {
                    sa / (ratio * sb)
                } else if sa > 0.0 {
                    f64::INFINITY
                } else {
                    0.0
                };
                ClaimCheck {
                    claim: *self,
                    holds: margin >= 1.0,
                    facts: vec![("a_share", sa), ("b_share", sb), ("ratio", ratio)],
                    margin,
                }
            }
            Claim::BestValRatio { a, b, ratio } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let best = |r: &Run| r.val_loss.iter().copied().fold(f64::INFINITY, f64::min);
                let (va, vb) = (best(ra), best(rb));
                let margin = room_below(va, ratio * vb);
                ClaimCheck {
                    claim: *self,
                    holds: margin >= 1.0,
                    facts: vec![("a_best", va), ("b_best", vb), ("ratio", ratio)],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::RateNeverCut { run } => {
                let Some(r) = get(run) else {
                    return missing();
                };
                let peak = r.lr.iter().copied().fold(0.0, f64::max);
                let last = r.lr.last().copied().unwrap_or(0.0);
                let cut = peak > 0.0 && last < peak;
                let stopped = r
                    .stopped_at
                    .or(r.diverged_at)
                    .map_or(f64::NAN, |s| s as f64);
                ClaimCheck {
                    claim: *self,
                    holds: !cut,
                    facts: vec![("peak", peak), ("last", last), ("stopped_at", stopped)],
                    margin: if cut { 0.0 } else { f64::INFINITY },
                }
            }
            Claim::EmaSteadier { run, parts, ratio } => {
                let Some(r) = get(run) else {
                    return missing();
                };
                let n = r.val_loss.len().min(r.ema_val_loss.len());
                if n == 0 {
                    return missing();
                }
                let len = (n / parts.max(1) as usize).max(1);
                let (raw_mean, raw_std) = mean_std(&r.val_loss[n - len..n]);
                let (ema_mean, ema_std) = mean_std(&r.ema_val_loss[n - len..n]);
                let margin = room_below(ema_std, ratio * raw_std);
                ClaimCheck {
                    claim: *self,
                    holds: margin >= 1.0,
                    facts: vec![
                        ("raw_mean", raw_mean),
                        ("raw_std", raw_std),
                        ("ema_mean", ema_mean),
                        ("ema_std", ema_std),
                        ("ratio", ratio),
                    ],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::Diagnosed { run, pattern } => {
                let Some(r) = get(run) else {
                    return missing();
                };
                let found = r.diagnose().iter().any(|f| f.pattern == pattern);
                ClaimCheck {
                    claim: *self,
                    holds: found,
                    facts: vec![("found", if found { 1.0 } else { 0.0 })],
                    margin: if found { f64::INFINITY } else { 0.0 },
                }
            }
            Claim::StepsAlike { a, b, frac, tol } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let sa = steps_or_never(ra, frac * ra.loss[0]);
                let sb = steps_or_never(rb, frac * rb.loss[0]);
                let diff = if sa.is_finite() && sb.is_finite() {
                    (sa - sb).abs() / sa.min(sb).max(1.0)
                } else {
                    f64::INFINITY
                };
                let margin = if diff == 0.0 {
                    f64::INFINITY
                } else {
                    tol / diff
                };
                ClaimCheck {
                    claim: *self,
                    holds: diff <= tol,
                    facts: vec![("a_steps", sa), ("b_steps", sb), ("tol", tol)],
                    margin,
                }
            }
            Claim::NotWorst { run, parts } => {
                let Some(r) = get(run) else {
                    return missing();
                };
                let mine = tail_mean(r, parts);
                let (worst, w) = runs
                    .runs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != run)
                    .map(|(i, o)| (i, tail_mean(o, parts)))
                    .max_by(|x, y| x.1.total_cmp(&y.1))
                    .unwrap_or((run, mine));
                let margin = if worst == run {
                    0.0
                } else {
                    room_below(mine, w)
                };
                ClaimCheck {
                    claim: *self,
                    holds: worst != run && mine < w,
                    facts: vec![("mean", mine), ("worst", worst as f64), ("worst_mean", w)],
                    margin: if margin.is_nan() { 0.0 } else { margin },
                }
            }
            Claim::FirstStepRatio { a, b, ratio } => {
                let (Some(ra), Some(rb)) = (get(a), get(b)) else {
                    return missing();
                };
                let first = |r: &Run| r.points.get(1).map_or(0.0, |p| (p - r.points[0]).norm());
                let (la, lb) = (first(ra), first(rb));
                let measured = if lb > 0.0 { la / lb } else { 0.0 };
                ClaimCheck {
                    claim: *self,
                    holds: measured >= ratio,
                    facts: vec![("a_step", la), ("b_step", lb), ("ratio", ratio)],
                    margin: measured / ratio,
                }
            }
        }
    }

    /// The runs the claim is about, for highlighting them on the card.
    ///
    /// ([`Claim::NotWorst`] is about its run against all the others.)
    pub fn runs(&self) -> Vec<usize> {
        match *self {
            Claim::ReachesSooner { fast, slow, .. }
            | Claim::BelowValueSooner { fast, slow, .. } => {
                vec![fast, slow]
            }
            Claim::SteadierTail { better, than, .. } => vec![better, than],
            Claim::TailMeanRatio { a, b, .. }
            | Claim::EndsLower { a, b }
            | Claim::TurnsBackMore { a, b, .. }
            | Claim::FirstStepRatio { a, b, .. }
            | Claim::BestValRatio { a, b, .. } => vec![a, b],
            Claim::RateNeverCut { run }
            | Claim::NotWorst { run, .. }
            | Claim::Diagnosed { run, .. }
            | Claim::EmaSteadier { run, .. } => vec![run],
            Claim::StepsAlike { a, b, .. } => vec![a, b],
            Claim::SomeRunEndsNear { .. } => Vec::new(),
        }
    }
}

/// The claims a built-in preset makes about its own runs (empty for presets that make
/// none). The preset files in `assets/presets/` were shaped until each of these holds
/// with room to spare; `tests/claims.rs` checks them.
pub fn preset_claims(preset: &str) -> &'static [Claim] {
    match preset {
        "ravine-momentum" => &[
            Claim::ReachesSooner {
                fast: 1,
                slow: 0,
                frac: 1e-4,
                ratio: 0.6,
            },
            Claim::TurnsBackMore {
                a: 0,
                b: 1,
                frac: 1e-4,
                ratio: 2.0,
            },
        ],
        "noisy-quadratic" => &[
            Claim::SteadierTail {
                better: 1,
                than: 0,
                parts: 4,
            },
            Claim::SteadierTail {
                better: 2,
                than: 0,
                parts: 4,
            },
        ],
        "per-parameter-scales" => &[
            Claim::ReachesSooner {
                fast: 1,
                slow: 0,
                frac: 1e-3,
                ratio: 1.0,
            },
            Claim::ReachesSooner {
                fast: 2,
                slow: 0,
                frac: 1e-3,
                ratio: 1.0,
            },
        ],
        "saddle-escape" => &[
            Claim::BelowValueSooner {
                fast: 1,
                slow: 0,
                value: -0.2,
                ratio: 0.5,
            },
            Claim::BelowValueSooner {
                fast: 2,
                slow: 0,
                value: -0.2,
                ratio: 0.5,
            },
        ],
        "warmup-cosine" => &[Claim::EndsLower { a: 0, b: 1 }],
        "step-decay" => &[Claim::TailMeanRatio {
            a: 0,
            b: 1,
            parts: 5,
            ratio: 0.2,
        }],
        "adam-bias-correction" => &[Claim::FirstStepRatio {
            a: 3,
            b: 0,
            ratio: 2.5,
        }],
        "es-plateau" => &[
            Claim::RateNeverCut { run: 0 },
            Claim::BestValRatio {
                a: 1,
                b: 0,
                ratio: 0.1,
            },
        ],
        "adam-epsilon" => &[
            Claim::ReachesSooner {
                fast: 0,
                slow: 1,
                frac: 1e-3,
                ratio: 0.5,
            },
            Claim::StepsAlike {
                a: 1,
                b: 2,
                frac: 1e-3,
                tol: 0.15,
            },
        ],
        // Every optimizer at the same α, the rest at its defaults: Adam is never the
        // worst, and the course's table names the better picks.
        "which-optimizer" => &[Claim::NotWorst { run: 3, parts: 4 }],
        "which-optimizer-ravine" => &[
            Claim::NotWorst { run: 3, parts: 4 },
            Claim::EndsLower { a: 1, b: 0 },
        ],
        "which-optimizer-noisy" => &[
            Claim::NotWorst { run: 3, parts: 4 },
            Claim::SteadierTail {
                better: 2,
                than: 0,
                parts: 4,
            },
            Claim::SteadierTail {
                better: 3,
                than: 0,
                parts: 4,
            },
        ],
        // The course's four-step protocol, one step per stage: each "after" run is the
        // step applied to the "before" one, and the verdicts lead to the next step.
        "lr-protocol" => &[Claim::Diagnosed {
            run: 0,
            pattern: Pattern::LrTooHigh,
        }],
        "lr-protocol-lower" => &[
            Claim::Diagnosed {
                run: 0,
                pattern: Pattern::LrTooHigh,
            },
            Claim::EndsLower { a: 1, b: 0 },
            Claim::Diagnosed {
                run: 1,
                pattern: Pattern::LrTooLow,
            },
        ],
        "lr-protocol-raise" => &[
            Claim::Diagnosed {
                run: 0,
                pattern: Pattern::LrTooLow,
            },
            Claim::Diagnosed {
                run: 1,
                pattern: Pattern::Healthy,
            },
            Claim::EndsLower { a: 1, b: 0 },
        ],
        "lr-protocol-schedule" => &[Claim::TailMeanRatio {
            a: 1,
            b: 0,
            parts: 5,
            ratio: 0.7,
        }],
        "ema-weights" => &[Claim::EmaSteadier {
            run: 0,
            parts: 2,
            ratio: 0.5,
        }],
        "rosenbrock-valley" => &[Claim::SomeRunEndsNear {
            point: [1.0, 1.0],
            dist: 0.05,
        }],
        _ => &[],
    }
}

/// Checks every claim of `preset` on `runs`.
pub fn check_preset(preset: &str, runs: &RunSet) -> Vec<ClaimCheck> {
    preset_claims(preset)
        .iter()
        .map(|c| c.check(runs))
        .collect()
}
