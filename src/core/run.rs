//! Running a scenario: the gradient pipeline of SPEC §3 driving each optimizer, with
//! schedules, early stopping (§6) and divergence (§7).

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::Vec2;
use super::diagnosis::{
    Diagnosing, Finding, Series, Stability, Thresholds, not_finite_at_start, with_stability,
};
use super::early_stop::EarlyStopper;
use super::optimizers::{OptimizerConfig, OptimizerKind, OptimizerState};
use super::par::pool;
use super::scenario::{Problem, Scenario};
use super::schedule::LrScheduler;
use super::surfaces::{
    Linreg, Surface, SurfaceFn, WithParametric, lambda_max, lambda_max_direction,
};

/// A run diverges once ‖θ‖ exceeds this (SPEC §7).
pub const DIVERGENCE_NORM: f64 = 1e6;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Took every step; still moving.
    Finished,
    /// Took every step and came to rest (tiny last gradient and step).
    Converged,
    /// Early stopping ended it.
    StoppedEarly,
    /// The loss or θ left the finite numbers, or ‖θ‖ > 1e6.
    Diverged,
}

impl RunStatus {
    /// Plain words for the status bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Finished => "finished",
            Self::Converged => "converged",
            Self::StoppedEarly => "stopped early",
            Self::Diverged => "diverged",
        }
    }
}

/// The trajectory and curves of one optimizer (SPEC §9's run fields). The default is an
/// empty run: a placeholder where a caller fills in a run it already holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// Legend text, unique within its scenario.
    pub label: String,
    /// The optimizer kind's name.
    pub kind: &'static str,
    /// The optimizer's colour, if the scenario gives one.
    pub color: Option<[u8; 3]>,
    /// θ0, θ1, …: one per step plus the start.
    pub points: Vec<Vec2>,
    /// f(θt) for each point.
    pub loss: Vec<f64>,
    /// The learning rate of each step taken.
    pub lr: Vec<f64>,
    /// ‖g‖ of the gradient each step used (after noise and clipping).
    pub grad_norm: Vec<f64>,
    /// Steps t after which validation was evaluated.
    pub val_steps: Vec<u64>,
    /// The validation loss at each of those steps.
    pub val_loss: Vec<f64>,
    /// The step at which the run diverged.
    pub diverged_at: Option<u64>,
    /// The step at which early stopping ended the run.
    pub stopped_at: Option<u64>,
    /// The step of the best evaluation, whenever early stopping is on.
    pub best_step: Option<u64>,
    /// The last point, or the restored best point.
    pub final_point: Vec2,
    /// The surface's curvature where the run ended, where the surface knows its Hessian.
    pub curvature: Option<Curvature>,
    /// With `ema_decay` set: the moving average of the weights, one per point (empty
    /// when off). It is a path of its own: the steps never read it.
    pub ema_points: Vec<Vec2>,
    /// The validation loss of the averaged weights at each of `val_steps` (empty when off).
    pub ema_val_loss: Vec<f64>,
}

/// The sharpest curvature at a run's last point: what the diagnosis of a scenario knows
/// beyond the curves (SPEC §10's stability check).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curvature {
    /// The largest eigenvalue of the Hessian there.
    pub lambda_max: f64,
    /// Whether the Hessian is the same everywhere (a quadratic bowl, the line fit), so the
    /// value holds at every step, not only at the end.
    pub constant: bool,
    /// Whether the gradient there has a part along λmax's direction. Without one (a run
    /// started on the other axis of a bowl) no rate can make it bounce along that direction.
    pub engaged: bool,
}

impl Curvature {
    /// The curvature of `surface` at `p`, where its Hessian is known and finite.
    pub fn at(surface: &Surface, p: Vec2) -> Option<Curvature> {
        let h = surface.hessian(p)?;
        let lambda_max = lambda_max(h);
        if !lambda_max.is_finite() {
            return None;
        }
        let g = surface.gradient(p);
        let along = g.dot(&lambda_max_direction(h)).abs();
        Some(Curvature {
            lambda_max,
            constant: surface.max_curvature().is_some(),
            engaged: along > 1e-12 && along > 1e-6 * g.norm(),
        })
    }
}

impl Run {
    /// The loss-curve diagnosis of SPEC §10 for this run: the one series builder that the
    /// command line and the app both use, so that they cannot disagree.
    pub fn diagnose(&self) -> Vec<Finding> {
        self.diagnose_with(&Thresholds::DEFAULT)
    }

    /// [`Self::diagnose`] with other thresholds.
    pub fn diagnose_with(&self, thresholds: &Thresholds) -> Vec<Finding> {
        self.diagnose_upto_with(self.loss.len().saturating_sub(1), thresholds)
    }

    /// The diagnosis of the run as it stood at step `step` (the points θ0 … θ_step and the
    /// evaluations made by then), built by the same series builder: what the app shows
    /// while the playhead is before the end.
    pub fn diagnose_upto(&self, step: usize) -> Vec<Finding> {
        self.diagnose_upto_with(step, &Thresholds::DEFAULT)
    }

    fn diagnose_upto_with(&self, step: usize, thresholds: &Thresholds) -> Vec<Finding> {
        let mut d = RunDiagnosis::upto_with(self, step, thresholds);
        while !d.advance(self) {}
        d.finish(self)
    }

    /// What the curvature says about the first `n` points of a plain gradient-descent run:
    /// the rate of its last update and λmax (the surface's when constant; else where the
    /// run ended, so only for the whole run).
    pub fn stability_upto(&self, n: usize) -> Option<Stability> {
        let c = self.curvature?;
        if self.kind != "sgd" || (!c.constant && n < self.loss.len()) {
            return None;
        }
        let lr = *self.lr.get(n.checked_sub(2)?)?;
        let s = Stability {
            lr,
            lambda_max: c.lambda_max,
        };
        // Past the edge only a run with something along λmax's direction bounces; below
        // it, the bound on raising the rate holds whatever the run has left.
        (c.engaged || !s.unstable()).then_some(s)
    }

    /// Steps taken.
    pub fn steps_taken(&self) -> usize {
        self.lr.len()
    }

    /// The loss at the final point.
    pub fn final_loss(&self) -> f64 {
        match self.best_step {
            Some(t) if self.final_point != *self.points.last().unwrap_or(&self.final_point) => {
                self.loss.get(t as usize).copied().unwrap_or(f64::NAN)
            }
            _ => self.loss.last().copied().unwrap_or(f64::NAN),
        }
    }

    /// How the run ended.
    pub fn status(&self) -> RunStatus {
        if self.diverged_at.is_some() {
            return RunStatus::Diverged;
        }
        if self.stopped_at.is_some() {
            return RunStatus::StoppedEarly;
        }
        let n = self.points.len();
        let last_move = if n >= 2 {
            (self.points[n - 1] - self.points[n - 2]).norm()
        } else {
            f64::INFINITY
        };
        let last_grad = self.grad_norm.last().copied().unwrap_or(f64::INFINITY);
        if last_move < 1e-6 && last_grad < 1e-3 {
            RunStatus::Converged
        } else {
            RunStatus::Finished
        }
    }
}

/// The diagnosis of a run made a stage at a time: [`Run::diagnose`]'s series builder (the
/// envelope of a long curve), then each rule of [`Diagnosing`], then the curvature. The
/// diagnosis of a whole run goes through it too, so the two are the same. It keeps no
/// reference to the run: the caller passes the same run at every call.
pub struct RunDiagnosis {
    /// Points θ0 … θ_{n−1} are judged.
    n: usize,
    /// The series, once built: steps, loss, lr of the training curve; steps and loss of
    /// validation.
    series: Option<[Vec<f64>; 5]>,
    /// The envelope of the training loss, once found.
    train: Option<Vec<usize>>,
    rules: Diagnosing,
    thresholds: Thresholds,
    /// Set when there is nothing to judge (a start where the function is not finite).
    early: Option<Vec<Finding>>,
}

impl RunDiagnosis {
    /// The diagnosis of the whole of `run` ([`Run::diagnose`]).
    pub fn new(run: &Run) -> Self {
        Self::upto_with(run, run.loss.len().saturating_sub(1), &Thresholds::DEFAULT)
    }

    /// The diagnosis of `run` as it stood at step `step`, with `thresholds`.
    pub fn upto_with(run: &Run, step: usize, thresholds: &Thresholds) -> Self {
        // A start where the function is not finite leaves nothing to judge.
        let early = match run.loss.first() {
            Some(&first) if !first.is_finite() => Some(vec![not_finite_at_start(first)]),
            _ => None,
        };
        Self {
            n: (step + 1).min(run.loss.len()),
            series: None,
            train: None,
            rules: Diagnosing::default(),
            thresholds: *thresholds,
            early,
        }
    }

    /// How many stages [`Self::advance`] takes at most.
    pub const STAGES: u32 = 2 + Diagnosing::STAGES;

    /// Stages done so far (at most [`Self::STAGES`]).
    pub fn stages_done(&self) -> u32 {
        if self.early.is_some() {
            return Self::STAGES;
        }
        u32::from(self.train.is_some())
            + u32::from(self.series.is_some())
            + self.rules.stages_done()
    }

    /// Does the next stage; returns whether the diagnosis is complete.
    pub fn advance(&mut self, run: &Run) -> bool {
        if self.early.is_some() {
            return true;
        }
        let n = self.n;
        let Some(train) = &self.train else {
            // Curves longer than DIAGNOSIS_MAX_POINTS are diagnosed on their envelope: each
            // block of consecutive points gives its lowest and highest (in step order), with
            // the first and last points kept. Spikes, reversals and the trend survive, and
            // the working arrays stay bounded (at the 10⁷-step limit they took over 1 GB).
            self.train = Some(envelope(&run.loss[..n], DIAGNOSIS_MAX_POINTS));
            return false;
        };
        let Some([steps, loss, lr, val_steps, val_loss]) = &self.series else {
            // The steps are increasing: a binary search, not a scan of 10⁶ per diagnosis.
            let n_val = run
                .val_steps
                .partition_point(|&t| (t as usize) < n)
                .min(run.val_loss.len());
            // Every point from θ0 on: step t is the loss after t updates.
            let steps: Vec<f64> = train.iter().map(|&t| t as f64).collect();
            let loss: Vec<f64> = train.iter().map(|&t| run.loss[t]).collect();
            // lr[t−1] is the rate of the update that produced θ_t; the start has none.
            let lr: Vec<f64> = train
                .iter()
                .map(|&t| match t {
                    0 => f64::NAN,
                    t => run.lr.get(t - 1).copied().unwrap_or(f64::NAN),
                })
                .collect();
            let val = envelope(&run.val_loss[..n_val], DIAGNOSIS_MAX_POINTS);
            let val_steps: Vec<f64> = val.iter().map(|&i| run.val_steps[i] as f64).collect();
            let val_loss: Vec<f64> = val.iter().map(|&i| run.val_loss[i]).collect();
            self.series = Some([steps, loss, lr, val_steps, val_loss]);
            return false;
        };
        let diverged_at = run
            .diverged_at
            .filter(|&t| (t as usize) < n)
            .map(|t| t as f64);
        self.rules.advance(
            &Series {
                steps,
                train: loss,
                val_steps,
                val: val_loss,
                lr: Some(lr),
                diverged_at,
            },
            &self.thresholds,
        )
    }

    /// The findings (the remaining stages done first, if any).
    pub fn finish(mut self, run: &Run) -> Vec<Finding> {
        if let Some(early) = self.early {
            return early;
        }
        while !self.advance(run) {}
        let findings = self.rules.finish();
        match run.stability_upto(self.n) {
            Some(s) => with_stability(findings, s),
            None => findings,
        }
    }
}

/// Longest curve [`Run::diagnose`] reads point by point; longer ones are read as their
/// envelope of about this many points. Not fewer: an envelope's min/max alternation
/// reads as noise, and at 2¹⁶ a noisy SGD run of 2·10⁵ steps that is healthy point by
/// point was called "noisy validation" (tried for issue 16; it cut the diagnosis of
/// three 10⁶-step runs from ~150 to ~45 ms of CPU).
pub const DIAGNOSIS_MAX_POINTS: usize = 1 << 18;

/// Indices of `values` to keep, in order: all of them when there are at most `max`;
/// otherwise the first, the last, and each block's lowest and highest (NaN counts as
/// highest, so non-finite values are never thinned away).
fn envelope(values: &[f64], max: usize) -> Vec<usize> {
    let n = values.len();
    if n <= max {
        return (0..n).collect();
    }
    let block = n.div_ceil(max / 2 - 1);
    let mut keep = Vec::with_capacity(max);
    keep.push(0);
    for start in (0..n).step_by(block) {
        let end = (start + block).min(n);
        // One pass for both: the first lowest (as `min_by`) and the last highest (as
        // `max_by`).
        let (mut lo, mut hi) = (start, start);
        for i in start + 1..end {
            if values[i].total_cmp(&values[lo]).is_lt() {
                lo = i;
            }
            if values[i].total_cmp(&values[hi]).is_ge() {
                hi = i;
            }
        }
        keep.push(lo.min(hi));
        keep.push(lo.max(hi));
    }
    keep.push(n - 1);
    keep.dedup();
    keep
}

/// Every run of a scenario, with its warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSet {
    /// One run per optimizer, in the scenario's order.
    pub runs: Vec<Run>,
    /// Advice about the scenario itself (SPEC §6's plateau warning).
    pub warnings: Vec<Problem>,
}

/// Runs every optimizer of `scenario` (on several cores when there are several: the runs
/// are independent, so the numbers are the same).
pub fn run_scenario(scenario: &Scenario) -> RunSet {
    rerun_scenario(scenario, |_| None).0
}

/// The diagnosis of each run ([`Run::diagnose`]), on several cores when there are several.
pub fn diagnose_runs(runs: &[Run]) -> Vec<Vec<Finding>> {
    pool(runs.len(), |i| runs[i].diagnose())
}

/// [`run_scenario`] and [`diagnose_runs`] at once: each run's diagnosis starts as soon as
/// that run is made, so the cores share runs and diagnoses (three runs on two cores, run
/// then diagnosed, left one core idle for a third of the time).
pub fn run_and_diagnose(scenario: &Scenario) -> (RunSet, Vec<Vec<Finding>>) {
    let (runs, _, _, diagnoses) =
        rerun_and_diagnose(scenario, |_| None, |run| Some(run.diagnose()), || None);
    let diagnoses = diagnoses
        .into_iter()
        .zip(&runs.runs)
        .map(|(d, run)| d.unwrap_or_else(|| run.diagnose()))
        .collect();
    (runs, diagnoses)
}

/// Whether optimizer `i` runs the same in `a` as in `b`: everything but the other
/// optimizers is equal (a run reads only the scenario's settings and its own optimizer),
/// so a run of `a` can stand for the run of `b`, but for its label.
pub fn same_run(a: &Scenario, b: &Scenario, i: usize) -> bool {
    if a.optimizers.get(i).is_none() || a.optimizers.get(i) != b.optimizers.get(i) {
        return false;
    }
    let rest = |s: &Scenario| Scenario {
        optimizers: Vec::new(),
        ..s.clone()
    };
    rest(a) == rest(b)
}

/// [`run_scenario`], taking run `i` from `reuse(i)` where it gives one: the caller vouches
/// that it is the run of optimizer `i` with the same inputs (see [`same_run`]); its label is
/// set anew, since labels depend on the other optimizers. Returns the runs and, per run,
/// whether it was computed here.
pub fn rerun_scenario(
    scenario: &Scenario,
    mut reuse: impl FnMut(usize) -> Option<Run>,
) -> (RunSet, Vec<bool>) {
    let (runs, fresh, _) = rerun_with_ends(scenario, |i| reuse(i).map(|r| (r, None)));
    (runs, fresh)
}

/// [`rerun_scenario`], also giving where each run's cursor ended (a reused run's comes
/// with it, when the caller has it): a [`Replay`](super::replay::Replay) made of them
/// shows the runs' ends without stepping them again.
pub(crate) fn rerun_with_ends(
    scenario: &Scenario,
    reuse: impl FnMut(usize) -> Option<(Run, Option<Cursor>)>,
) -> (RunSet, Vec<bool>, Vec<Option<Cursor>>) {
    let (runs, fresh, ends, _) = rerun_and_diagnose::<()>(scenario, reuse, |_| None, || None);
    (runs, fresh, ends)
}

/// What [`rerun_and_diagnose`] gives: the runs; per run, whether it was computed, where
/// its cursor ended, and its diagnosis.
pub(crate) type Rerun<D> = (RunSet, Vec<bool>, Vec<Option<Cursor>>, Vec<Option<D>>);

/// [`rerun_with_ends`], also giving `diagnose(run)` of each run computed here (`None` for a
/// reused run, and wherever `diagnose` declines, e.g. for a request already superseded).
/// One pool takes the runs first, then the diagnoses: a diagnosis waits only for its own
/// run, so it starts while the other runs are still being made. A run computed here is
/// written into the series of `spare()`, a run no longer wanted, when it gives one.
pub(crate) fn rerun_and_diagnose<D: Send>(
    scenario: &Scenario,
    mut reuse: impl FnMut(usize) -> Option<(Run, Option<Cursor>)>,
    diagnose: impl Fn(&Run) -> Option<D> + Sync,
    spare: impl Fn() -> Option<Run> + Sync,
) -> Rerun<D> {
    use std::sync::OnceLock;
    let labels = unique_labels(&scenario.optimizers);
    let mut kept: Vec<Option<(Run, Option<Cursor>)>> = (0..labels.len()).map(&mut reuse).collect();
    let todo: Vec<usize> = (0..labels.len()).filter(|&i| kept[i].is_none()).collect();
    let mut computed = Vec::new();
    let mut made = Vec::new();
    if !todo.is_empty() {
        let surface = scenario.surface.build(scenario.seed);
        let noise = noise_sequence(scenario);
        let make =
            |k: usize| run_one_to_end(scenario, &surface, &noise, todo[k], String::new(), spare());
        let m = todo.len();
        // A diagnosis asks for its run through the same cell: it waits while another
        // thread makes it, and would make it itself if no one had (the pool hands out
        // the runs first, so it never has to).
        let slots: Vec<OnceLock<(Run, Cursor)>> = (0..m).map(|_| OnceLock::new()).collect();
        made = pool(2 * m, |j| match j.checked_sub(m) {
            None => {
                slots[j].get_or_init(|| make(j));
                None
            }
            Some(k) => diagnose(&slots[k].get_or_init(|| make(k)).0),
        });
        made.drain(..m);
        computed = slots
            .into_iter()
            .enumerate()
            .map(|(k, s)| s.into_inner().unwrap_or_else(|| make(k)))
            .collect();
    }
    let mut made = made.into_iter();
    let mut computed = todo.iter().copied().zip(computed).peekable();
    let mut diagnoses = Vec::with_capacity(labels.len());
    let mut fresh = Vec::with_capacity(labels.len());
    let mut ends = Vec::with_capacity(labels.len());
    let mut runs = Vec::with_capacity(labels.len());
    for (i, label) in labels.into_iter().enumerate() {
        let (mut run, end) = match kept[i].take() {
            Some(k) => {
                fresh.push(false);
                diagnoses.push(None);
                k
            }
            None => {
                fresh.push(true);
                diagnoses.push(made.next().flatten());
                match computed.next_if(|(j, _)| *j == i) {
                    Some((_, (run, end))) => (run, Some(end)),
                    None => continue,
                }
            }
        };
        run.label = label;
        ends.push(end);
        runs.push(run);
    }
    (
        RunSet {
            runs,
            warnings: scenario.warnings(),
        },
        fresh,
        ends,
        diagnoses,
    )
}

/// The runs of `scenario` one at a time, in the scenario's order: a writer can put each
/// run out and drop it before the next is computed, so memory holds one run, not all.
pub fn runs(scenario: &Scenario) -> impl Iterator<Item = Run> + '_ {
    let surface = scenario.surface.build(scenario.seed);
    let noise = noise_sequence(scenario);
    let labels = unique_labels(&scenario.optimizers);
    labels
        .into_iter()
        .enumerate()
        .map(move |(i, label)| run_one(scenario, &surface, &noise, i, label))
}

/// Run `i` of `scenario` alone, labelled as [`runs`] labels it: for a caller that lost a
/// run it expected to hold. Panics if `i` is not an optimizer's index.
pub fn run_at(scenario: &Scenario, i: usize) -> Run {
    let surface = scenario.surface.build(scenario.seed);
    let noise = noise_sequence(scenario);
    let label = unique_labels(&scenario.optimizers).swap_remove(i);
    run_one(scenario, &surface, &noise, i, label)
}

/// Legend labels, with "#2", "#3" added where two optimizers would share one.
///
/// Linear in the number of optimizers: a set of the labels taken, and per base label the
/// next number to try. Numbers only grow and taken labels stay taken, so starting from
/// the remembered number finds the same label as counting up from 2.
pub fn unique_labels(optimizers: &[OptimizerConfig]) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let mut out: Vec<String> = Vec::with_capacity(optimizers.len());
    let mut taken: HashSet<String> = HashSet::with_capacity(optimizers.len());
    let mut next: HashMap<String, u64> = HashMap::new();
    for o in optimizers {
        let base = o.display_label();
        let mut label = base.clone();
        if taken.contains(&label) {
            let k = next.entry(base.clone()).or_insert(2);
            loop {
                label = format!("{base} #{k}");
                *k += 1;
                if !taken.contains(&label) {
                    break;
                }
            }
        }
        taken.insert(label.clone());
        out.push(label);
    }
    out
}

/// n_1, n_2, … of SPEC §3: one draw per step from the scenario's seed, shared by every
/// optimizer so they are compared on the same noise.
pub fn noise_sequence(scenario: &Scenario) -> Vec<Vec2> {
    let mut noise = NoiseDraws::new(scenario);
    let mut out = Vec::new();
    noise.draw(&mut out, u64::MAX);
    out
}

/// The draws of [`noise_sequence`] made a part at a time (the web page spreads the 2·10⁶
/// draws of a long run over frames): the same numbers in the same order.
#[derive(Debug, Clone)]
pub(crate) struct NoiseDraws {
    rng: ChaCha8Rng,
    /// Draws still to make: one per step, none without noise.
    left: u64,
}

impl NoiseDraws {
    /// The draws of `scenario`'s noise, none made yet.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(scenario.seed),
            left: if scenario.grad_noise == 0.0 {
                0
            } else {
                scenario.steps
            },
        }
    }

    /// Appends up to `max` more draws to `out`; returns whether all are made.
    pub fn draw(&mut self, out: &mut Vec<Vec2>, max: u64) -> bool {
        let k = self.left.min(max);
        out.reserve(usize::try_from(k).unwrap_or(0));
        let rng = &mut self.rng;
        out.extend(
            (0..k).map(|_| Vec2::new(rng.sample(StandardNormal), rng.sample(StandardNormal))),
        );
        self.left -= k;
        self.left == 0
    }
}

/// Minibatches of `linreg`: consecutive batches of a shuffled order, reshuffled each epoch.
/// Holds no reference to the data, so a replay can keep it between frames.
#[derive(Debug, Clone)]
struct Batcher {
    order: Vec<usize>,
    next: usize,
    rng: ChaCha8Rng,
}

impl Batcher {
    fn new(data: &Linreg, seed: u64) -> Self {
        // Stream 2 of the seed: shuffles never disturb the noise or the generated data.
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(2);
        Self {
            order: (0..data.train.len()).collect(),
            next: data.train.len(),
            rng,
        }
    }

    fn gradient(&mut self, data: &Linreg, p: Vec2) -> Vec2 {
        if self.next >= self.order.len() {
            self.order.shuffle(&mut self.rng);
            self.next = 0;
        }
        let end = (self.next + data.batch_size).min(self.order.len());
        let g = data.batch_gradient(p, &self.order[self.next..end]);
        self.next = end;
        g
    }
}

/// The order in which the runs of a `linreg` scenario visit the training points: one
/// shuffled order per epoch, for `epochs` epochs; each epoch's batches are consecutive
/// slices of `batch_size`. Empty when every step is full-batch (no shuffle). What the
/// PyTorch export writes into its script, drawn by the same batcher the runs use.
pub fn epoch_orders(data: &Linreg, seed: u64, epochs: usize) -> Vec<Vec<usize>> {
    if data.batch_size >= data.train.len() {
        return Vec::new();
    }
    let mut b = Batcher::new(data, seed);
    (0..epochs)
        .map(|_| {
            b.order.shuffle(&mut b.rng);
            b.order.clone()
        })
        .collect()
}

/// What stays fixed while one optimizer runs: the scenario, its surface and noise.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunInputs<'a> {
    pub scenario: &'a Scenario,
    pub surface: &'a Surface,
    pub noise: &'a [Vec2],
    /// Index of the optimizer.
    pub i: usize,
}

/// What one update produced.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StepRecord {
    /// The gradient used (after noise and clipping).
    pub g: Vec2,
    /// The learning rate used.
    pub lr: f64,
    /// θ after the update.
    pub theta: Vec2,
    /// f(θ) after the update.
    pub loss: f64,
    /// The validation loss, when this step was an evaluation.
    pub val: Option<f64>,
}

/// Where one optimizer's run stands between steps: everything carried from one update to
/// the next. [`run_one`] and the replay in `core::replay` both drive it, so the overlays
/// see exactly the state the trajectory was made with.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    /// θ_t.
    pub theta: Vec2,
    /// Steps taken.
    pub t: u64,
    /// The optimizer's moments.
    pub state: OptimizerState,
    /// Set once the run diverged or stopped early: no more steps.
    pub ended: bool,
    /// Why it ended, if early stopping did it.
    pub stopped: bool,
    /// The update rule with its hyperparameters (a map cell may differ from the scenario's).
    kind: OptimizerKind,
    scheduler: LrScheduler,
    stopper: Option<EarlyStopper>,
    batcher: Option<Batcher>,
    eval_period: u64,
    /// The step after which the next evaluation comes: the multiples of `eval_period`
    /// counted up, not found by a division per step (never, for a period of 0).
    next_eval: u64,
    /// The validation loss is the training loss (no shift, no validation set of its own):
    /// an evaluation reuses the step's loss instead of evaluating the surface again.
    val_is_loss: bool,
}

impl Cursor {
    /// A run of optimizer `inputs.i` at θ0, before its first step.
    pub fn new(inputs: RunInputs<'_>) -> Self {
        let opt = &inputs.scenario.optimizers[inputs.i];
        Self::with_setting(inputs, opt.kind, opt.lr, inputs.scenario.start)
    }

    /// A run of optimizer `inputs.i` with another setting: its kind and hyperparameters,
    /// its base learning rate and θ0 (one cell of a hyperparameter map); the schedule,
    /// noise, clipping and early stopping stay the scenario's.
    pub fn with_setting(inputs: RunInputs<'_>, kind: OptimizerKind, lr: f64, start: Vec2) -> Self {
        let scenario = inputs.scenario;
        // Full batches need no shuffle: the order of the sum stays fixed, so they are
        // deterministic, as SPEC §1 asks.
        let linreg = inputs.surface.linreg();
        let batcher = linreg
            .filter(|l| l.batch_size < l.train.len())
            .map(|l| Batcher::new(l, scenario.seed));
        // Saturating: a huge `eval_every` means "never", not an overflow (or a period of 0).
        let eval_period = linreg.map_or(scenario.eval_every, |l| {
            (l.batches_per_epoch() as u64).saturating_mul(scenario.eval_every)
        });
        Self {
            theta: start,
            t: 0,
            state: OptimizerState::default(),
            ended: false,
            stopped: false,
            kind,
            scheduler: LrScheduler::new(scenario.schedule_of(inputs.i).clone(), lr),
            stopper: scenario.early_stopping.map(EarlyStopper::new),
            batcher,
            eval_period,
            next_eval: eval_period,
            // `value(p - 0)` is `value(p)` bit for bit; only `linreg` has a validation
            // set of its own (a test checks every other surface).
            val_is_loss: scenario.val_shift == Vec2::zeros() && linreg.is_none(),
        }
    }

    /// Steps 1–3 of the pipeline for the next update: the gradient at θ_t, noise, clipping.
    /// Draws the next minibatch, so call it once per update.
    pub fn gradient(&mut self, inputs: RunInputs<'_>) -> Vec2 {
        self.gradient_with(inputs, inputs.surface)
    }

    /// [`Self::gradient`] with the surface's functions from `f` (the surface itself, or
    /// resolved to its kind).
    #[inline(always)]
    fn gradient_with<F: SurfaceEval>(&mut self, inputs: RunInputs<'_>, f: &F) -> Vec2 {
        let mut g = match (self.batcher.as_mut(), inputs.surface.linreg()) {
            (Some(b), Some(l)) => b.gradient(l, self.theta),
            _ => f.gradient(self.theta),
        };
        if let Some(n) = inputs.noise.get(self.t as usize) {
            g += inputs.scenario.grad_noise * n;
        }
        if let Some(c) = inputs.scenario.grad_clip {
            let norm = g.norm();
            if norm > c {
                g *= c / norm;
            }
        }
        g
    }

    /// The learning rate of the next update.
    pub fn next_rate(&self) -> f64 {
        self.scheduler.rate(self.t)
    }

    /// The best point early stopping saw, and its step.
    pub fn best(&self) -> Option<(Vec2, u64)> {
        self.stopper.as_ref().and_then(|s| s.best_point)
    }

    /// One whole update (SPEC §3), then the divergence check and any evaluation; `None`
    /// once the run has ended.
    pub fn step(&mut self, inputs: RunInputs<'_>) -> Option<StepRecord> {
        self.step_with(inputs, inputs.surface)
    }

    /// [`Self::step`] with the surface's functions from `f`: the same operations, so the
    /// same bits, whichever `f` gives them.
    #[inline(always)]
    fn step_with<F: SurfaceEval>(&mut self, inputs: RunInputs<'_>, f: &F) -> Option<StepRecord> {
        if self.ended || self.t >= inputs.scenario.steps {
            return None;
        }
        let g = self.gradient_with(inputs, f);
        let lr = self.next_rate();
        self.theta = self.state.step(&self.kind, self.theta, g, lr);
        self.t += 1;
        let theta = self.theta;
        let loss = f.value(theta);
        let mut record = StepRecord {
            g,
            lr,
            theta,
            loss,
            val: None,
        };
        if !loss.is_finite()
            || !theta.x.is_finite()
            || !theta.y.is_finite()
            || theta.norm() > DIVERGENCE_NORM
        {
            self.ended = true;
            return Some(record);
        }
        if self.t == self.next_eval {
            self.next_eval = self.next_eval.saturating_add(self.eval_period);
            let val = if self.val_is_loss {
                loss
            } else {
                f.val_value(theta, inputs.scenario.val_shift)
            };
            record.val = Some(val);
            self.scheduler.observe(val);
            if let Some(s) = self.stopper.as_mut()
                && s.observe(val, theta, self.t)
            {
                self.ended = true;
                self.stopped = true;
            }
        }
        Some(record)
    }
}

fn run_one(scenario: &Scenario, surface: &Surface, noise: &[Vec2], i: usize, label: String) -> Run {
    run_one_to_end(scenario, surface, noise, i, label, None).0
}

/// [`run_one`] and the cursor where it ended.
fn run_one_to_end(
    scenario: &Scenario,
    surface: &Surface,
    noise: &[Vec2],
    i: usize,
    label: String,
    spare: Option<Run>,
) -> (Run, Cursor) {
    let inputs = RunInputs {
        scenario,
        surface,
        noise,
        i,
    };
    let mut run = RunInProgress::new_in(inputs, label, spare);
    run.advance(inputs, u64::MAX);
    run.finish(inputs)
}

/// An empty run with room for every step of optimizer `i`'s run of `scenario`, its memory
/// already written once, so that the system has mapped it: a run written into it takes no
/// page faults. For a worker's idle time: with fresh memory the first change after a
/// scenario of three 10⁶-step runs opened took 151–199 ms, with these spares 126–163 ms
/// (BENCHMARKS.md).
pub fn spare_for(scenario: &Scenario, i: usize) -> Run {
    fn touched<T: Copy>(n: usize, zero: T) -> Vec<T> {
        let mut v = Vec::with_capacity(n);
        v.resize(n, zero);
        v.clear();
        v
    }
    let steps = scenario.steps as usize;
    let evals = steps / scenario.eval_every.max(1) as usize;
    let ema = scenario
        .optimizers
        .get(i)
        .is_some_and(|o| o.ema_decay.is_some());
    Run {
        points: touched(steps + 1, Vec2::zeros()),
        loss: touched(steps + 1, 0.0),
        lr: touched(steps, 0.0),
        grad_norm: touched(steps, 0.0),
        val_steps: touched(evals, 0),
        val_loss: touched(evals, 0.0),
        ema_points: touched(if ema { steps + 1 } else { 0 }, Vec2::zeros()),
        ..Run::default()
    }
}

/// `v` emptied, with room for `n` values (its memory kept).
fn emptied<T>(mut v: Vec<T>, n: usize) -> Vec<T> {
    v.clear();
    v.reserve(n);
    v
}

/// The surface functions a step reads: [`Surface`] matches on its kind for each, [`Kind`]
/// is one kind, known when the loop is compiled.
trait SurfaceEval {
    fn value(&self, p: Vec2) -> f64;
    fn gradient(&self, p: Vec2) -> Vec2;
    fn val_value(&self, p: Vec2, shift: Vec2) -> f64;
}

impl SurfaceEval for Surface {
    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        Surface::value(self, p)
    }
    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        Surface::gradient(self, p)
    }
    #[inline(always)]
    fn val_value(&self, p: Vec2, shift: Vec2) -> f64 {
        Surface::val_value(self, p, shift)
    }
}

/// A parametric surface resolved to its kind (what [`Surface`]'s methods dispatch to, so
/// the same values bit for bit).
struct Kind<F>(F);

impl<F: SurfaceFn> SurfaceEval for Kind<F> {
    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        self.0.value(p)
    }
    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        self.0.gradient(p)
    }
    #[inline(always)]
    fn val_value(&self, p: Vec2, shift: Vec2) -> f64 {
        self.0.val_value(p, shift)
    }
}

/// One optimizer's run part-way: the cursor and the run built so far. The whole run and a
/// run made a slice of steps at a time across the web page's frames (no threads there) go
/// through this one loop, so they are the same run bit for bit.
///
/// It keeps no reference to its inputs (the caller passes the same ones at every call), so
/// the page can keep it between frames next to the scenario it was made from.
#[derive(Debug, Clone)]
pub(crate) struct RunInProgress {
    cursor: Cursor,
    run: Run,
    /// With `ema_decay`: the decay and the average so far.
    ema: Option<(f64, Vec2)>,
}

impl RunInProgress {
    /// Optimizer `inputs.i` at θ0, labelled `label`, before its first step.
    pub fn new(inputs: RunInputs<'_>, label: String) -> Self {
        Self::new_in(inputs, label, None)
    }

    /// [`Self::new`], writing into the series of `spare` (a run no longer wanted) where
    /// one is given: their memory is already the program's, where fresh series of a long
    /// run are faulted in page by page (about a quarter of recomputing 3 × 10⁶ steps).
    pub fn new_in(inputs: RunInputs<'_>, label: String, spare: Option<Run>) -> Self {
        let RunInputs {
            scenario, surface, ..
        } = inputs;
        let opt = &scenario.optimizers[inputs.i];
        let steps = scenario.steps as usize;
        let cursor = Cursor::new(inputs);
        let theta = cursor.theta;
        let spare = spare.unwrap_or_default();
        let mut run = Run {
            label,
            kind: opt.kind.name(),
            color: opt.color,
            points: emptied(spare.points, steps + 1),
            loss: emptied(spare.loss, steps + 1),
            lr: emptied(spare.lr, steps),
            grad_norm: emptied(spare.grad_norm, steps),
            val_steps: emptied(spare.val_steps, 0),
            val_loss: emptied(spare.val_loss, 0),
            diverged_at: None,
            stopped_at: None,
            best_step: None,
            final_point: theta,
            curvature: None,
            ema_points: emptied(spare.ema_points, 0),
            ema_val_loss: emptied(spare.ema_val_loss, 0),
        };
        run.points.push(theta);
        run.loss.push(surface.value(theta));
        // One evaluation per period: reserved like the other series, so that a long run
        // with an evaluation every step does not copy its validation series as they grow.
        let evals = (steps as u64 / cursor.eval_period.max(1)) as usize;
        run.val_steps.reserve(evals);
        run.val_loss.reserve(evals);
        let ema = opt.ema_decay.map(|d| (d, theta));
        if ema.is_some() {
            run.ema_points.reserve(steps + 1);
            run.ema_points.push(theta);
        }
        Self { cursor, run, ema }
    }

    /// Steps taken so far.
    pub fn steps_taken(&self) -> u64 {
        self.cursor.t
    }

    /// Takes up to `max_steps` more steps; returns whether the run is over (every step
    /// taken, or it diverged or stopped early).
    pub fn advance(&mut self, inputs: RunInputs<'_>, max_steps: u64) -> bool {
        // On a parametric surface the loop is compiled for its kind, so its value and
        // gradient inline into the step instead of matching on the kind twice a step.
        struct Resolved<'a, 'b> {
            run: &'a mut RunInProgress,
            inputs: RunInputs<'b>,
            max_steps: u64,
        }
        impl WithParametric for Resolved<'_, '_> {
            type Out = bool;
            fn run<F: SurfaceFn + Copy + Send + Sync>(self, f: F) -> bool {
                self.run.advance_with(self.inputs, self.max_steps, &Kind(f))
            }
        }
        let resolved = Resolved {
            run: self,
            inputs,
            max_steps,
        };
        match inputs.surface.with_parametric(resolved) {
            Some(done) => done,
            None => self.advance_with(inputs, max_steps, inputs.surface),
        }
    }

    #[inline(always)]
    fn advance_with<F: SurfaceEval>(
        &mut self,
        inputs: RunInputs<'_>,
        max_steps: u64,
        f: &F,
    ) -> bool {
        let Self { cursor, run, ema } = self;
        for _ in 0..max_steps {
            let Some(r) = cursor.step_with(inputs, f) else {
                return true;
            };
            run.points.push(r.theta);
            run.loss.push(r.loss);
            run.lr.push(r.lr);
            run.grad_norm.push(r.g.norm());
            if let Some((d, avg)) = ema.as_mut() {
                *avg = *d * *avg + (1.0 - *d) * r.theta;
                run.ema_points.push(*avg);
            }
            if let Some(val) = r.val {
                run.val_steps.push(cursor.t);
                run.val_loss.push(val);
                if let Some((_, avg)) = *ema {
                    run.ema_val_loss
                        .push(f.val_value(avg, inputs.scenario.val_shift));
                }
            }
            if cursor.ended {
                if cursor.stopped {
                    run.stopped_at = Some(cursor.t);
                } else {
                    run.diverged_at = Some(cursor.t);
                }
            }
        }
        cursor.ended || cursor.t >= inputs.scenario.steps
    }

    /// The run (its remaining steps taken first, if any) and the cursor where it ended.
    pub fn finish(mut self, inputs: RunInputs<'_>) -> (Run, Cursor) {
        self.advance(inputs, u64::MAX);
        let Self {
            cursor, mut run, ..
        } = self;
        run.final_point = cursor.theta;
        // Where the run stands, not a restored best point: that is where it bounces.
        run.curvature = Curvature::at(inputs.surface, cursor.theta);
        if let Some(es) = &inputs.scenario.early_stopping
            && let Some((best, step)) = cursor.best()
        {
            run.best_step = Some(step);
            if es.restore_best && run.stopped_at.is_some() {
                run.final_point = best;
            }
        }
        (run, cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::envelope;

    /// Runs diagnosed as they are made give the runs and verdicts of making every run
    /// first and diagnosing after, in the scenario's order.
    #[test]
    fn pipelined_runs_and_diagnoses_equal_the_two_passes() {
        let scenario = crate::core::scenario::Scenario::from_json(
            r#"{"surface": {"kind": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 3000,
                "optimizers": [{"kind": "sgd", "lr": 0.0005}, {"kind": "momentum", "lr": 0.0005},
                               {"kind": "adam", "lr": 0.002}, {"kind": "sgd", "lr": 0.004}]}"#,
        )
        .expect("valid scenario");
        let (runs, diagnoses) = super::run_and_diagnose(&scenario);
        let apart = super::run_scenario(&scenario);
        assert_eq!(runs, apart);
        assert_eq!(diagnoses, super::diagnose_runs(&apart.runs));
        // Not all alike: the order matters.
        assert_ne!(diagnoses[0], diagnoses[3]);
    }

    #[test]
    fn short_curves_are_kept_whole() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        assert_eq!(envelope(&v, 100), (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn the_envelope_keeps_ends_spikes_alternation_and_non_finite_values() {
        // A zig-zag (period 2), one spike, and a NaN at the end.
        let mut v: Vec<f64> = (0..100_000)
            .map(|i| if i % 2 == 0 { 1.0 } else { 2.0 })
            .collect();
        v[40_001] = 1e9;
        v[99_999] = f64::NAN;
        let keep = envelope(&v, 1000);
        assert!(keep.len() <= 1000, "{}", keep.len());
        assert!(keep.windows(2).all(|w| w[0] < w[1]));
        assert_eq!((keep[0], *keep.last().unwrap()), (0, 99_999));
        assert!(keep.contains(&40_001));
        let kept: Vec<f64> = keep.iter().map(|&i| v[i]).collect();
        // Still a zig-zag between the two levels.
        let lows = kept.iter().filter(|&&x| x == 1.0).count();
        let highs = kept.iter().filter(|&&x| x == 2.0).count();
        assert!(lows > 400 && highs > 400, "{lows} {highs}");
    }
}

/// Runs made a slice at a time (the web page's way).
#[cfg(test)]
mod slice_tests {
    use super::*;
    use crate::core::presets::PRESETS;

    #[test]
    fn a_run_made_in_small_slices_is_the_run_made_in_one_go() {
        for p in PRESETS {
            let scenario = p.scenario();
            let whole = run_scenario(&scenario);
            let surface = scenario.surface.build(scenario.seed);
            let noise = noise_sequence(&scenario);
            let labels = unique_labels(&scenario.optimizers);
            for (i, want) in whole.runs.iter().enumerate() {
                let inputs = RunInputs {
                    scenario: &scenario,
                    surface: &surface,
                    noise: &noise,
                    i,
                };
                for slice in [1, 7, 250] {
                    let mut run = RunInProgress::new(inputs, labels[i].clone());
                    let mut calls = 0;
                    while !run.advance(inputs, slice) {
                        calls += 1;
                        assert!(run.steps_taken() <= calls * slice);
                    }
                    let (got, end) = run.finish(inputs);
                    assert_eq!(&got, want, "{} run {i} in slices of {slice}", p.name);
                    assert_eq!(end.t as usize, want.steps_taken());
                }
            }
        }
    }

    /// The loop compiled for a parametric surface's kind against the same loop reading
    /// the surface through [`Surface`]'s dispatch: the same runs bit for bit, on every
    /// preset and again with a validation shift and an evaluation every 3rd step (the
    /// evaluations are counted up, not found by division).
    #[test]
    fn the_loop_compiled_for_the_kind_is_the_loop_through_the_surface() {
        let mut resolved_somewhere = false;
        for p in PRESETS {
            let mut shifted = p.scenario();
            shifted.val_shift = Vec2::new(0.05, -0.02);
            shifted.eval_every = 3;
            for scenario in [p.scenario(), shifted] {
                let surface = scenario.surface.build(scenario.seed);
                let noise = noise_sequence(&scenario);
                resolved_somewhere |= surface.with_parametric(IsParametric).is_some();
                for i in 0..scenario.optimizers.len() {
                    let inputs = RunInputs {
                        scenario: &scenario,
                        surface: &surface,
                        noise: &noise,
                        i,
                    };
                    let mut resolved = RunInProgress::new(inputs, String::new());
                    resolved.advance(inputs, u64::MAX);
                    let mut dispatched = RunInProgress::new(inputs, String::new());
                    dispatched.advance_with(inputs, u64::MAX, &surface);
                    let (got, want) = (resolved.finish(inputs).0, dispatched.finish(inputs).0);
                    assert_eq!(got, want, "{} run {i}", p.name);
                    let evals = got.steps_taken() as u64 / scenario.eval_every;
                    if surface.linreg().is_none() && got.diverged_at.is_none() {
                        assert_eq!(got.val_steps.len() as u64, evals, "{} run {i}", p.name);
                    }
                }
            }
        }
        assert!(resolved_somewhere, "some preset is on a parametric surface");
    }

    struct IsParametric;

    impl WithParametric for IsParametric {
        type Out = ();
        fn run<F: SurfaceFn + Copy + Send + Sync>(self, _: F) {}
    }

    #[test]
    fn noise_drawn_in_parts_is_the_noise_drawn_at_once() {
        let mut scenario = crate::core::presets::default_scenario();
        scenario.grad_noise = 0.3;
        scenario.steps = 1000;
        let whole = noise_sequence(&scenario);
        let mut draws = NoiseDraws::new(&scenario);
        let mut parts = Vec::new();
        let mut calls = 0;
        while !draws.draw(&mut parts, 33) {
            calls += 1;
        }
        assert_eq!(calls, 1000 / 33);
        assert_eq!(parts, whole);
        assert_eq!(whole.len(), 1000);
    }
}
