//! Hyperparameter maps: a grid over two parameters of one optimizer of a scenario (or
//! over the start point), each cell a whole run, coloured by the first step whose loss
//! falls below a threshold (or, for the start point, by the minimum it reaches).
//!
//! A cell runs exactly as `gradscape run` would run that setting (SPEC §3's pipeline,
//! the schedule, noise, clipping, early stopping), and stops at its first step below the
//! threshold or at its divergence (SPEC §7), whichever comes first. Cells are computed
//! many at once: [`LANES`] cells step together through one specialised loop per
//! (surface, optimizer) pair, a lane taking the next cell when its own ends, on every
//! core; settings that loop does not cover (data
//! surfaces, the plateau schedule, early stopping, other optimizer kinds) run through the
//! ordinary step code, one cell at a time, still on every core.
//!
//! Encoding of the cells (the peer's, `../shared/peers/peer_phase.py`): the first step
//! below the threshold, 0 = never, −1 = diverged first. A start-point map holds the
//! index of the minimum reached in the surface's list of minima, −1 none, −2 diverged.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::Vec2;
use super::optimizers::{OptimizerKind, info_of};
use super::param::Valid;
use super::run::{Cursor, DIVERGENCE_NORM, RunInputs, noise_sequence};
use super::scenario::Scenario;
use super::schedule::{Decay, Schedule};
use super::surfaces::{Surface, SurfaceFn, WithParametric};

/// A step cell that never reached the threshold.
pub const NEVER: i64 = 0;
/// A step cell whose run diverged first.
pub const DIVERGED: i64 = -1;
/// A start-point cell that reached no minimum.
pub const BASIN_NONE: i64 = -1;
/// A start-point cell whose run diverged.
pub const BASIN_DIVERGED: i64 = -2;
/// The most cells per axis a map may have.
pub const MAX_CELLS: usize = 2048;
/// Cells that step together in the batched loop (each lane refilled as its cell ends).
pub const LANES: usize = 32;
/// The default threshold as a fraction of the loss at the start (above the lowest
/// minimum, for start-point maps).
pub const DEFAULT_THRESHOLD_FRACTION: f64 = 1e-2;

/// How an axis spaces its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Evenly spaced values.
    Lin,
    /// Evenly spaced exponents (`numpy.logspace`).
    Log,
}

/// An axis as written on the command line: `NAME:LO:HI[:log|:lin]`.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisSpec {
    /// `lr`, a parameter of the optimizer, `start_x` or `start_y`.
    pub param: String,
    /// First value.
    pub lo: f64,
    /// Last value.
    pub hi: f64,
    /// Spacing; `lr` is logarithmic unless the text says `lin`.
    pub scale: Scale,
}

impl AxisSpec {
    /// Parses `NAME:LO:HI[:log|:lin]`; the error says what is wrong, without the argument.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split(':').collect();
        if !(3..=4).contains(&parts.len()) || parts[0].is_empty() {
            return Err(format!("expected NAME:LO:HI[:log|:lin] (got '{text}')"));
        }
        let number = |s: &str, which: &str| -> Result<f64, String> {
            match s.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(format!("{which} '{s}' is not a finite number")),
            }
        };
        let lo = number(parts[1], "LO")?;
        let hi = number(parts[2], "HI")?;
        let scale = match parts.get(3).copied() {
            None if parts[0] == "lr" => Scale::Log,
            None | Some("lin") => Scale::Lin,
            Some("log") => Scale::Log,
            Some(other) => return Err(format!("scale '{other}' is neither log nor lin")),
        };
        if lo >= hi {
            return Err(format!("LO must be below HI (got {lo} and {hi})"));
        }
        if scale == Scale::Log && lo <= 0.0 {
            return Err(format!("a log axis needs LO > 0 (got {lo})"));
        }
        Ok(Self {
            param: parts[0].to_string(),
            lo,
            hi,
            scale,
        })
    }

    /// `n` values from `lo` to `hi`, as `numpy.linspace` / `numpy.logspace` compute them
    /// (the last value is `hi` exactly).
    pub fn values(&self, n: usize) -> Vec<f64> {
        let (a, b) = match self.scale {
            Scale::Lin => (self.lo, self.hi),
            Scale::Log => (self.lo.log10(), self.hi.log10()),
        };
        let lin: Vec<f64> = if n == 1 {
            vec![a]
        } else {
            let step = (b - a) / (n - 1) as f64;
            (0..n)
                .map(|i| if i + 1 == n { b } else { i as f64 * step + a })
                .collect()
        };
        match self.scale {
            Scale::Lin => lin,
            Scale::Log => lin.into_iter().map(|e| 10f64.powf(e)).collect(),
        }
    }
}

/// What one map asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRequest {
    /// The columns.
    pub x: AxisSpec,
    /// The rows.
    pub y: AxisSpec,
    /// Cells per axis.
    pub cells: usize,
    /// Which optimizer of the scenario (from 0).
    pub optimizer: usize,
    /// An absolute loss threshold, or `None` for 1e-2·f₀.
    pub threshold: Option<f64>,
}

impl MapRequest {
    /// The default map of optimizer `optimizer`: its lr on a log scale from 1/100 to 10×
    /// the current value, against its first-moment memory (β, μ, β1) over [0, 0.99];
    /// `None` for kinds without one (their second axis must be named).
    pub fn default_for(scenario: &Scenario, optimizer: usize, cells: usize) -> Option<Self> {
        let (x, y) = default_axes(scenario, optimizer)?;
        Some(Self {
            x,
            y: y?,
            cells,
            optimizer,
            threshold: None,
        })
    }
}

/// The default axes of optimizer `optimizer` (see [`MapRequest::default_for`]): lr, and
/// the kind's first-moment memory when it has one.
pub fn default_axes(scenario: &Scenario, optimizer: usize) -> Option<(AxisSpec, Option<AxisSpec>)> {
    let opt = scenario.optimizers.get(optimizer)?;
    let x = AxisSpec {
        param: "lr".into(),
        lo: opt.lr / 100.0,
        hi: opt.lr * 10.0,
        scale: Scale::Log,
    };
    let y = opt
        .kind
        .info()
        .params
        .iter()
        .find(|p| p.role == super::param::Role::Memory)
        .map(|memory| AxisSpec {
            param: memory.name.into(),
            lo: 0.0,
            hi: 0.99,
            scale: Scale::Lin,
        });
    Some((x, y))
}

/// A request the scenario cannot answer: the argument at fault and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapError {
    /// `--x`, `--y`, `--cells`, `--optimizer` or `--threshold`.
    pub arg: &'static str,
    /// What is wrong, one line.
    pub message: String,
}

impl MapError {
    fn new(arg: &'static str, message: impl Into<String>) -> Self {
        Self {
            arg,
            message: message.into(),
        }
    }
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.arg, self.message)
    }
}

impl std::error::Error for MapError {}

/// What a map's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MapKind {
    /// First step below the threshold; [`NEVER`], [`DIVERGED`].
    Steps,
    /// Index of the minimum reached; [`BASIN_NONE`], [`BASIN_DIVERGED`].
    Basins,
}

/// One axis of a computed map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// The parameter it varies.
    pub param: String,
    /// Its values, one per column (x) or row (y).
    pub values: Vec<f64>,
    /// Their spacing.
    pub scale: Scale,
    /// The scenario's own value of the parameter: the current setting.
    pub current: f64,
}

/// Counts over the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Cells whose run got below the threshold (start-point maps: reached a minimum).
    pub reached: usize,
    /// Cells whose run diverged first.
    pub diverged: usize,
    /// The median of the reaching cells' steps (`int(numpy.median(…))`; 0 when none).
    pub median_step: u64,
}

/// A computed map.
#[derive(Debug, Clone, PartialEq)]
pub struct HyperMap {
    /// What the cells hold.
    pub kind: MapKind,
    /// Columns.
    pub x: Axis,
    /// Rows.
    pub y: Axis,
    /// `cells[row][column]`, one row per y value.
    pub cells: Vec<Vec<i64>>,
    /// The step each cell stopped at (reached, diverged), 0 for never; start-point maps
    /// use it for the median.
    pub steps: Vec<Vec<u64>>,
    /// Counts.
    pub summary: Summary,
    /// The absolute threshold (steps maps; start-point maps without `--threshold` take
    /// one per cell from its own start and report `None`).
    pub threshold: Option<f64>,
    /// The optimizer mapped (index in the scenario) and its kind.
    pub optimizer: (usize, &'static str),
    /// Start-point maps: the surface's minima, in `gradscape surfaces`' order.
    pub minima: Vec<[f64; 2]>,
}

/// What one axis varies, resolved against the optimizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Lr,
    /// Index in the kind's [`crate::core::optimizers::OptimizerInfo::params`].
    Param(usize),
    StartX,
    StartY,
}

fn resolve_axis(
    arg: &'static str,
    spec: &AxisSpec,
    scenario: &Scenario,
    optimizer: usize,
) -> Result<(Target, f64), MapError> {
    let opt = &scenario.optimizers[optimizer];
    let info = opt.kind.info();
    let numbers: Vec<_> = info
        .params
        .iter()
        .filter(|p| p.valid != Valid::Flag)
        .collect();
    let (target, valid, current) = match spec.param.as_str() {
        "lr" => (Target::Lr, Valid::Positive, opt.lr),
        "start_x" => (Target::StartX, Valid::Finite, scenario.start.x),
        "start_y" => (Target::StartY, Valid::Finite, scenario.start.y),
        name => match info.params.iter().find(|p| p.name == name) {
            Some(p) if p.valid == Valid::Flag => {
                return Err(MapError::new(
                    arg,
                    format!(
                        "parameter '{name}' of {} is a switch, not a number",
                        info.id
                    ),
                ));
            }
            Some(p) => (
                Target::Param(
                    info.params
                        .iter()
                        .position(|q| q.name == p.name)
                        .unwrap_or(0),
                ),
                p.valid,
                opt.kind.param(p.name).unwrap_or(p.default),
            ),
            None => {
                let known: Vec<&str> = std::iter::once("lr")
                    .chain(numbers.iter().map(|p| p.name))
                    .collect();
                return Err(MapError::new(
                    arg,
                    format!(
                        "unknown parameter '{name}' for {}; known: {}",
                        info.id,
                        known.join(", ")
                    ),
                ));
            }
        },
    };
    for v in [spec.lo, spec.hi] {
        if !valid.accepts(v) {
            return Err(MapError::new(
                arg,
                format!("{} must be {} (got {v})", spec.param, valid.notation()),
            ));
        }
    }
    Ok((target, current))
}

/// Everything a cell needs besides its two values.
struct Plan<'a> {
    scenario: &'a Scenario,
    surface: Surface,
    noise: Vec<Vec2>,
    optimizer: usize,
    x: Target,
    y: Target,
    xs: Vec<f64>,
    ys: Vec<f64>,
    kind: MapKind,
    /// Absolute threshold, or the fraction for per-cell thresholds (start-point maps).
    threshold: Threshold,
    minima: Vec<Vec2>,
    f_min: f64,
    /// The mapped optimizer's parameter values, in registry order.
    base_values: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
enum Threshold {
    Absolute(f64),
    /// f_min + fraction·(f(θ0) − f_min), per cell.
    PerCell,
}

/// The setting of one cell.
#[derive(Debug, Clone, Copy)]
struct Setting {
    kind: OptimizerKind,
    lr: f64,
    start: Vec2,
    threshold: f64,
}

impl Plan<'_> {
    fn setting(&self, cell: usize) -> Setting {
        let n = self.xs.len();
        let (col, row) = (cell % n, cell / n);
        let opt = &self.scenario.optimizers[self.optimizer];
        let mut s = Setting {
            kind: opt.kind,
            lr: opt.lr,
            start: self.scenario.start,
            threshold: 0.0,
        };
        // The kind's values on the stack, not through `with_param`'s vectors: this runs
        // once per cell, tens of thousands of times a map.
        let mut values = [0.0; 8];
        let n_values = self.base_values.len().min(values.len());
        values[..n_values].copy_from_slice(&self.base_values[..n_values]);
        let mut changed = false;
        for (target, v) in [(self.x, self.xs[col]), (self.y, self.ys[row])] {
            match target {
                Target::Lr => s.lr = v,
                Target::Param(i) if i < n_values => {
                    values[i] = v;
                    changed = true;
                }
                Target::Param(i) => {
                    let name = s.kind.info().params[i].name;
                    s.kind = s.kind.with_param(name, v);
                }
                Target::StartX => s.start.x = v,
                Target::StartY => s.start.y = v,
            }
        }
        if changed {
            s.kind =
                OptimizerKind::with_values(s.kind.name(), &values[..n_values]).unwrap_or(s.kind);
        }
        s.threshold = match self.threshold {
            Threshold::Absolute(t) => t,
            Threshold::PerCell => {
                let f0 = self.surface.value(s.start);
                self.f_min + DEFAULT_THRESHOLD_FRACTION * (f0 - self.f_min)
            }
        };
        s
    }
}

/// How one cell's run ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Never,
    Reached(u64, Vec2),
    Diverged(u64),
}

/// Optimizer `index` of `scenario`, or the `--optimizer` error.
pub fn optimizer_of(
    scenario: &Scenario,
    index: usize,
) -> Result<&super::optimizers::OptimizerConfig, MapError> {
    scenario.optimizers.get(index).ok_or_else(|| {
        MapError::new(
            "--optimizer",
            format!(
                "no optimizer {index} (the scenario has {}, counted from 0)",
                scenario.optimizers.len()
            ),
        )
    })
}

/// Computes the map `req` asks for on `scenario`.
pub fn compute_map(scenario: &Scenario, req: &MapRequest) -> Result<HyperMap, MapError> {
    optimizer_of(scenario, req.optimizer)?;
    if !(2..=MAX_CELLS).contains(&req.cells) {
        return Err(MapError::new(
            "--cells",
            format!("must be from 2 to {MAX_CELLS} (got {})", req.cells),
        ));
    }
    let (x, x_now) = resolve_axis("--x", &req.x, scenario, req.optimizer)?;
    let (y, y_now) = resolve_axis("--y", &req.y, scenario, req.optimizer)?;
    if x == y {
        return Err(MapError::new(
            "--y",
            format!("'{}' is already on --x", req.y.param),
        ));
    }
    let is_start = |t: Target| matches!(t, Target::StartX | Target::StartY);
    let kind = match (is_start(x), is_start(y)) {
        (true, true) => MapKind::Basins,
        (false, false) => MapKind::Steps,
        (true, false) => {
            return Err(MapError::new(
                "--y",
                "a start-point map puts start_x and start_y on its two axes",
            ));
        }
        (false, true) => {
            return Err(MapError::new(
                "--x",
                "a start-point map puts start_x and start_y on its two axes",
            ));
        }
    };
    if let Some(t) = req.threshold
        && !t.is_finite()
    {
        return Err(MapError::new(
            "--threshold",
            format!("must be a finite number (got {t})"),
        ));
    }
    let surface = scenario.surface.build(scenario.seed);
    let minima = if kind == MapKind::Basins {
        let m = surface.minima();
        if m.is_empty() {
            return Err(MapError::new(
                "--x",
                format!(
                    "surface '{}' lists no minima for a start-point map",
                    surface.kind()
                ),
            ));
        }
        m
    } else {
        Vec::new()
    };
    let f_min = minima
        .iter()
        .map(|m| surface.value(*m))
        .fold(f64::INFINITY, f64::min);
    let threshold = match (req.threshold, kind) {
        (Some(t), _) => Threshold::Absolute(t),
        (None, MapKind::Steps) => {
            Threshold::Absolute(DEFAULT_THRESHOLD_FRACTION * surface.value(scenario.start))
        }
        (None, MapKind::Basins) => Threshold::PerCell,
    };
    let plan = Plan {
        scenario,
        noise: noise_sequence(scenario),
        optimizer: req.optimizer,
        x,
        y,
        xs: req.x.values(req.cells),
        ys: req.y.values(req.cells),
        kind,
        threshold,
        minima,
        f_min,
        surface,
        base_values: scenario.optimizers[req.optimizer].kind.values(),
    };
    let outcomes = run_cells(&plan);
    Ok(assemble(&plan, req, &outcomes, (x_now, y_now)))
}

fn assemble(plan: &Plan<'_>, req: &MapRequest, outcomes: &[Outcome], now: (f64, f64)) -> HyperMap {
    let n = plan.xs.len();
    let mut cells = vec![vec![0i64; n]; plan.ys.len()];
    let mut steps = vec![vec![0u64; n]; plan.ys.len()];
    let mut reached_steps = Vec::new();
    let mut diverged = 0;
    for (i, o) in outcomes.iter().enumerate() {
        let (row, col) = (i / n, i % n);
        let (cell, step) = match (*o, plan.kind) {
            (Outcome::Never, MapKind::Steps) => (NEVER, 0),
            (Outcome::Never, MapKind::Basins) => (BASIN_NONE, 0),
            (Outcome::Diverged(t), MapKind::Steps) => (DIVERGED, t),
            (Outcome::Diverged(t), MapKind::Basins) => (BASIN_DIVERGED, t),
            (Outcome::Reached(t, _), MapKind::Steps) => (t as i64, t),
            (Outcome::Reached(t, p), MapKind::Basins) => (nearest(&plan.minima, p) as i64, t),
        };
        match o {
            Outcome::Reached(t, _) => reached_steps.push(*t),
            Outcome::Diverged(_) => diverged += 1,
            Outcome::Never => {}
        }
        cells[row][col] = cell;
        steps[row][col] = step;
    }
    let summary = Summary {
        reached: reached_steps.len(),
        diverged,
        median_step: median(&mut reached_steps),
    };
    let opt = &plan.scenario.optimizers[plan.optimizer];
    HyperMap {
        kind: plan.kind,
        x: Axis {
            param: req.x.param.clone(),
            values: plan.xs.clone(),
            scale: req.x.scale,
            current: now.0,
        },
        y: Axis {
            param: req.y.param.clone(),
            values: plan.ys.clone(),
            scale: req.y.scale,
            current: now.1,
        },
        cells,
        steps,
        summary,
        threshold: match plan.threshold {
            Threshold::Absolute(t) => Some(t),
            Threshold::PerCell => None,
        },
        optimizer: (plan.optimizer, opt.kind.name()),
        minima: plan.minima.iter().map(|m| [m.x, m.y]).collect(),
    }
}

/// The index of the minimum nearest `p`.
fn nearest(minima: &[Vec2], p: Vec2) -> usize {
    minima
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - p).norm().total_cmp(&(b.1 - p).norm()))
        .map_or(0, |(i, _)| i)
}

/// `int(numpy.median(v))`: the middle value, or the mean of the two middle ones
/// truncated; 0 for none.
fn median(v: &mut [u64]) -> u64 {
    if v.is_empty() {
        return 0;
    }
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        ((v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0) as u64
    }
}

/// Every cell's outcome, in row-major order, on every core.
fn run_cells(plan: &Plan<'_>) -> Vec<Outcome> {
    run_cells_counted(plan).0
}

/// [`run_cells`], and how many cells went through the batched loop.
///
/// Each thread keeps [`LANES`] cells stepping at once, and a lane whose cell ends (it
/// reached the threshold, diverged or ran out of steps) takes the next cell not yet taken:
/// a block no longer waits for its slowest cell. On the peer's heavy-ball grid a cell that
/// diverges does so in about five steps while its row's neighbours run all 1000, so a
/// block of fixed cells spent about a fifth of its lanes' steps on finished cells.
fn run_cells_counted(plan: &Plan<'_>) -> (Vec<Outcome>, usize) {
    let total = plan.xs.len() * plan.ys.len();
    let next = AtomicUsize::new(0);
    let take = || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        (i < total).then_some(i)
    };
    let batched = batchable(plan);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total.div_ceil(LANES))
        .max(1);
    let parts: Vec<(Vec<(usize, Outcome)>, usize)> =
        super::par::map((0..threads).collect(), |_| {
            let mut mine = Vec::new();
            let in_lanes = if batched {
                run_batched(plan, &take, &mut mine)
            } else {
                0
            };
            // What the batched loop does not cover: one cell at a time.
            while let Some(i) = take() {
                mine.push((i, run_one_cell(plan, plan.setting(i))));
            }
            (mine, in_lanes)
        });
    let mut out = vec![Outcome::Never; total];
    let mut in_lanes = 0;
    for (mine, n) in parts {
        in_lanes += n;
        for (i, o) in mine {
            if let Some(slot) = out.get_mut(i) {
                *slot = o;
            }
        }
    }
    (out, in_lanes)
}

/// One cell through the ordinary step code: what `gradscape run` computes for it.
fn run_one_cell(plan: &Plan<'_>, s: Setting) -> Outcome {
    let inputs = RunInputs {
        scenario: plan.scenario,
        surface: &plan.surface,
        noise: &plan.noise,
        i: plan.optimizer,
    };
    let mut cursor = Cursor::with_setting(inputs, s.kind, s.lr, s.start);
    while let Some(r) = cursor.step(inputs) {
        if cursor.ended && !cursor.stopped {
            return Outcome::Diverged(cursor.t);
        }
        if r.loss < s.threshold {
            return Outcome::Reached(cursor.t, r.theta);
        }
    }
    Outcome::Never
}

/// Whether the batched loop computes this plan's cells exactly as [`run_one_cell`]
/// would: validation evaluations change nothing (no plateau, no early stopping) and
/// the surface is one of the parametric kinds.
fn batchable(plan: &Plan<'_>) -> bool {
    let sc = plan.scenario;
    sc.early_stopping.is_none()
        && sc.schedule_of(plan.optimizer).plateau().is_none()
        && !matches!(plan.surface, Surface::Linreg(_) | Surface::Custom(_))
}

/// Cells from `take` through the batched loop until none is left, their outcomes pushed
/// to `out`; returns how many it stepped in lanes (none, taking nothing, when the
/// optimizer kind has no batched form).
fn run_batched(
    plan: &Plan<'_>,
    take: &(dyn Fn() -> Option<usize> + Sync),
    out: &mut Vec<(usize, Outcome)>,
) -> usize {
    let schedule = plan.scenario.schedule_of(plan.optimizer);
    let common = Common {
        steps: plan.scenario.steps,
        noise: &plan.noise,
        sigma: plan.scenario.grad_noise,
        clip: plan.scenario.grad_clip,
        schedule,
        constant_rate: schedule.warmup_steps == 0 && matches!(schedule.decay, Decay::Constant),
    };
    let cells = Cells { plan, take, out };
    // Every cell is of the scenario's kind with other values (a switch is never an axis);
    // a lane checks each cell's kind all the same.
    match plan.scenario.optimizers[plan.optimizer].kind {
        OptimizerKind::Sgd(_) => dispatch(&plan.surface, Kernel::new(common, Sgd, cells)),
        OptimizerKind::Momentum(_) => dispatch(
            &plan.surface,
            Kernel::new(common, Momentum::default(), cells),
        ),
        OptimizerKind::HeavyBall(h) => dispatch(
            &plan.surface,
            Kernel::new(common, HeavyBall::new(h.nesterov), cells),
        ),
        OptimizerKind::RmsProp(_) => dispatch(
            &plan.surface,
            Kernel::new(common, RmsProp::default(), cells),
        ),
        OptimizerKind::Adam(a) => dispatch(
            &plan.surface,
            Kernel::new(common, Adam::new(a.bias_correction), cells),
        ),
        // No batched form yet: these run through the step code, still on every core.
        OptimizerKind::AdamW(_)
        | OptimizerKind::AdaGrad(_)
        | OptimizerKind::Adamax(_)
        | OptimizerKind::Lion(_) => None,
    }
    .unwrap_or(0)
}

/// Runs `kernel` on `surface` compiled for the widest vector instructions this processor
/// has (AVX2 and FMA where present: four lanes of f64 per instruction instead of SSE2's
/// two). The arithmetic is the same IEEE operations either way (no fused multiply-adds
/// are formed), so results do not depend on the processor.
fn dispatch<R: Rule>(surface: &Surface, kernel: Kernel<'_, '_, R>) -> Option<usize> {
    pulp::Arch::new().dispatch(Dispatch { surface, kernel })
}

/// [`dispatch`]'s operation: everything below it is inlined into the code that pulp
/// compiles once per instruction set.
struct Dispatch<'a, 'b, R: Rule> {
    surface: &'a Surface,
    kernel: Kernel<'a, 'b, R>,
}

impl<R: Rule> pulp::WithSimd for Dispatch<'_, '_, R> {
    type Output = Option<usize>;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) -> Self::Output {
        self.surface.with_parametric(self.kernel)
    }
}

/// What every lane shares.
struct Common<'a> {
    steps: u64,
    noise: &'a [Vec2],
    sigma: f64,
    clip: Option<f64>,
    schedule: &'a Schedule,
    constant_rate: bool,
}

/// Where the lanes' cells come from and where their outcomes go.
struct Cells<'a, 'b> {
    plan: &'a Plan<'a>,
    take: &'a (dyn Fn() -> Option<usize> + Sync),
    out: &'b mut Vec<(usize, Outcome)>,
}

type Lanes = [f64; LANES];

/// Just below (1e6)²: ‖θ‖ > 1e6 implies ‖θ‖² above this, whatever the rounding.
const NEAR_DIVERGENCE_SQ: f64 = 0.999_999 * DIVERGENCE_NORM * DIVERGENCE_NORM;

/// One update rule over a block of lanes, in structure-of-arrays form. Each computes
/// exactly what the rule's [`crate::core::optimizers::Optimizer::step`] computes, in the
/// same order of operations (a test compares the two paths cell by cell), except Adam,
/// which follows SPEC §4's order literally (see its `Rule` impl).
trait Rule: Copy {
    /// Updates θ of every lane with gradient `g` and rates `lr`.
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes);

    /// Starts lane `l` on a cell of `kind`: its parameters, and the state before step 1.
    /// False when `kind` is not this rule's (that cell takes the step code).
    fn reset(&mut self, l: usize, kind: &OptimizerKind) -> bool;
}

#[derive(Clone, Copy)]
struct Sgd;

impl Rule for Sgd {
    #[inline(always)]
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes) {
        for l in 0..LANES {
            x[l] -= lr[l] * gx[l];
            y[l] -= lr[l] * gy[l];
        }
    }

    fn reset(&mut self, _: usize, kind: &OptimizerKind) -> bool {
        matches!(kind, OptimizerKind::Sgd(_))
    }
}

#[derive(Clone, Copy, Default)]
struct Momentum {
    beta: Lanes,
    vx: Lanes,
    vy: Lanes,
}

impl Rule for Momentum {
    #[inline(always)]
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes) {
        for l in 0..LANES {
            let b = self.beta[l];
            self.vx[l] = b * self.vx[l] + (1.0 - b) * gx[l];
            self.vy[l] = b * self.vy[l] + (1.0 - b) * gy[l];
            x[l] -= lr[l] * self.vx[l];
            y[l] -= lr[l] * self.vy[l];
        }
    }

    fn reset(&mut self, l: usize, kind: &OptimizerKind) -> bool {
        let OptimizerKind::Momentum(m) = kind else {
            return false;
        };
        (self.beta[l], self.vx[l], self.vy[l]) = (m.beta, 0.0, 0.0);
        true
    }
}

#[derive(Clone, Copy)]
struct HeavyBall {
    mu: Lanes,
    nesterov: bool,
    bx: Lanes,
    by: Lanes,
}

impl HeavyBall {
    fn new(nesterov: bool) -> Self {
        Self {
            mu: [0.0; LANES],
            nesterov,
            bx: [0.0; LANES],
            by: [0.0; LANES],
        }
    }
}

impl Rule for HeavyBall {
    #[inline(always)]
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes) {
        // The step code's first step copies the gradient; from b = 0, μ·0 + g is that
        // gradient too (a −0 becomes +0, which no loss, threshold or step count sees), so
        // no lane needs to know its step.
        for l in 0..LANES {
            self.bx[l] = self.mu[l] * self.bx[l] + gx[l];
            self.by[l] = self.mu[l] * self.by[l] + gy[l];
        }
        if self.nesterov {
            for l in 0..LANES {
                x[l] -= lr[l] * (gx[l] + self.mu[l] * self.bx[l]);
                y[l] -= lr[l] * (gy[l] + self.mu[l] * self.by[l]);
            }
        } else {
            for l in 0..LANES {
                x[l] -= lr[l] * self.bx[l];
                y[l] -= lr[l] * self.by[l];
            }
        }
    }

    fn reset(&mut self, l: usize, kind: &OptimizerKind) -> bool {
        match kind {
            OptimizerKind::HeavyBall(h) if h.nesterov == self.nesterov => {
                (self.mu[l], self.bx[l], self.by[l]) = (h.momentum, 0.0, 0.0);
                true
            }
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct RmsProp {
    rho: Lanes,
    eps: Lanes,
    sx: Lanes,
    sy: Lanes,
}

impl Rule for RmsProp {
    #[inline(always)]
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes) {
        for l in 0..LANES {
            let r = self.rho[l];
            self.sx[l] = r * self.sx[l] + (1.0 - r) * (gx[l] * gx[l]);
            self.sy[l] = r * self.sy[l] + (1.0 - r) * (gy[l] * gy[l]);
            x[l] -= lr[l] * (gx[l] / (self.sx[l].sqrt() + self.eps[l]));
            y[l] -= lr[l] * (gy[l] / (self.sy[l].sqrt() + self.eps[l]));
        }
    }

    fn reset(&mut self, l: usize, kind: &OptimizerKind) -> bool {
        let OptimizerKind::RmsProp(r) = kind else {
            return false;
        };
        (self.rho[l], self.eps[l], self.sx[l], self.sy[l]) = (r.rho, r.eps, 0.0, 0.0);
        true
    }
}

#[derive(Clone, Copy)]
struct Adam {
    b1: Lanes,
    b2: Lanes,
    eps: Lanes,
    bias_correction: bool,
    mx: Lanes,
    my: Lanes,
    vx: Lanes,
    vy: Lanes,
    b1_pow: Lanes,
    b2_pow: Lanes,
}

impl Adam {
    fn new(bias_correction: bool) -> Self {
        Self {
            b1: [0.0; LANES],
            b2: [0.0; LANES],
            eps: [0.0; LANES],
            bias_correction,
            mx: [0.0; LANES],
            my: [0.0; LANES],
            vx: [0.0; LANES],
            vy: [0.0; LANES],
            b1_pow: [1.0; LANES],
            b2_pow: [1.0; LANES],
        }
    }
}

/// Adam as SPEC §4 writes it and the peer computes it: m̂ = m/(1−β1^t), v̂ = v/(1−β2^t),
/// θ − α·m̂/(√v̂ + ε), in that order. The step code reorders the same formula for a
/// shorter dependency chain (α/(1−β1^t) and 1/(1−β2^t) as factors), which rounds
/// differently; on Rosenbrock's chaotic boundary cells that moved the median of the peer's
/// 128 × 128 Adam map by 3 steps, more than issue 15's tolerance of 2.
impl Rule for Adam {
    #[inline(always)]
    fn step(&mut self, x: &mut Lanes, y: &mut Lanes, gx: &Lanes, gy: &Lanes, lr: &Lanes) {
        for l in 0..LANES {
            let (b1, b2) = (self.b1[l], self.b2[l]);
            self.mx[l] = b1 * self.mx[l] + (1.0 - b1) * gx[l];
            self.my[l] = b1 * self.my[l] + (1.0 - b1) * gy[l];
            self.vx[l] = b2 * self.vx[l] + (1.0 - b2) * (gx[l] * gx[l]);
            self.vy[l] = b2 * self.vy[l] + (1.0 - b2) * (gy[l] * gy[l]);
            self.b1_pow[l] *= b1;
            self.b2_pow[l] *= b2;
            let (c1, c2) = if self.bias_correction {
                (1.0 - self.b1_pow[l], 1.0 - self.b2_pow[l])
            } else {
                (1.0, 1.0)
            };
            let eps = self.eps[l];
            x[l] -= lr[l] * (self.mx[l] / c1) / ((self.vx[l] / c2).sqrt() + eps);
            y[l] -= lr[l] * (self.my[l] / c1) / ((self.vy[l] / c2).sqrt() + eps);
        }
    }

    fn reset(&mut self, l: usize, kind: &OptimizerKind) -> bool {
        match kind {
            OptimizerKind::Adam(a) if a.bias_correction == self.bias_correction => {
                (self.b1[l], self.b2[l], self.eps[l]) = (a.beta1, a.beta2, a.eps);
                (self.mx[l], self.my[l], self.vx[l], self.vy[l]) = (0.0, 0.0, 0.0, 0.0);
                (self.b1_pow[l], self.b2_pow[l]) = (1.0, 1.0);
                true
            }
            _ => false,
        }
    }
}

/// [`LANES`] cells stepping together under rule `R`, each lane taking a new cell when its
/// own ends.
struct Kernel<'a, 'b, R: Rule> {
    common: Common<'a>,
    rule: R,
    cells: Cells<'a, 'b>,
}

/// The lanes' own values, beside the rule's state.
struct LaneState {
    x: Lanes,
    y: Lanes,
    /// ∇f at θ_{t−1}, before noise and clipping.
    rx: Lanes,
    ry: Lanes,
    lr: Lanes,
    rate: Lanes,
    threshold: Lanes,
    /// The block's step count when each lane took its cell: a lane has taken `k − start`
    /// steps (one counter for all, so the hot loop counts nothing per lane).
    start: [u64; LANES],
    cell: [usize; LANES],
    active: [bool; LANES],
    /// How many lanes hold a cell, and how many cells the lanes took.
    live: usize,
    taken: usize,
    /// Steps the block has taken.
    k: u64,
}

impl<'a, 'b, R: Rule> Kernel<'a, 'b, R> {
    fn new(common: Common<'a>, rule: R, cells: Cells<'a, 'b>) -> Self {
        Self {
            common,
            rule,
            cells,
        }
    }

    /// Gives lane `l` the next cell this rule runs (a cell of another kind is run at once
    /// through the step code), or leaves it idle, at rest (rate 0) on finite values, when
    /// none is left.
    #[inline(always)]
    fn refill<F: SurfaceFn>(&mut self, s: &mut LaneState, l: usize, f: F) {
        let c = &mut self.cells;
        s.active[l] = false;
        while let Some(i) = (c.take)() {
            let setting = c.plan.setting(i);
            if self.common.steps == 0 || !self.rule.reset(l, &setting.kind) {
                c.out.push((i, run_one_cell(c.plan, setting)));
                continue;
            }
            let g = f.gradient(setting.start);
            (s.x[l], s.y[l]) = (setting.start.x, setting.start.y);
            (s.rx[l], s.ry[l]) = (g.x, g.y);
            (s.lr[l], s.rate[l]) = (setting.lr, setting.lr);
            s.threshold[l] = setting.threshold;
            (s.start[l], s.cell[l], s.active[l]) = (s.k, i, true);
            s.taken += 1;
            return;
        }
        s.live -= 1;
        (s.x[l], s.y[l], s.rx[l], s.ry[l], s.lr[l], s.rate[l]) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }
}

impl<R: Rule> WithParametric for Kernel<'_, '_, R> {
    type Out = usize;

    #[inline(always)]
    #[allow(
        clippy::needless_range_loop,
        reason = "one index over several lane arrays is what the vectorizer reads best"
    )]
    fn run<F: SurfaceFn + Copy + Send + Sync>(mut self, f: F) -> usize {
        let mut s = LaneState {
            x: [0.0; LANES],
            y: [0.0; LANES],
            rx: [0.0; LANES],
            ry: [0.0; LANES],
            lr: [0.0; LANES],
            rate: [0.0; LANES],
            threshold: [0.0; LANES],
            start: [0; LANES],
            cell: [0; LANES],
            active: [false; LANES],
            live: LANES,
            taken: 0,
            k: 0,
        };
        for l in 0..LANES {
            self.refill(&mut s, l, f);
        }
        let c = &self.common;
        let plain = c.noise.is_empty() && c.clip.is_none();
        let (steps, constant_rate) = (c.steps, c.constant_rate);
        // The first step at which some lane has taken all its steps.
        let next_end = |s: &LaneState| {
            (0..LANES)
                .filter(|&l| s.active[l])
                .map(|l| s.start[l] + steps)
                .min()
                .unwrap_or(u64::MAX)
        };
        let mut end = next_end(&s);
        let mut loss = [0.0; LANES];
        while s.live > 0 {
            let c = &self.common;
            // Steps each lane has taken: the step it takes now is the next.
            let taken = |s: &LaneState, l: usize| s.k - s.start[l];
            if !constant_rate {
                for l in 0..LANES {
                    s.rate[l] = c.schedule.rate(s.lr[l], taken(&s, l));
                }
            }
            if plain {
                self.rule.step(&mut s.x, &mut s.y, &s.rx, &s.ry, &s.rate);
            } else {
                let (mut gx, mut gy) = (s.rx, s.ry);
                for l in 0..LANES {
                    if let Some(n) = c.noise.get(taken(&s, l) as usize) {
                        gx[l] += c.sigma * n.x;
                        gy[l] += c.sigma * n.y;
                    }
                }
                if let Some(clip) = c.clip {
                    for l in 0..LANES {
                        let norm = Vec2::new(gx[l], gy[l]).norm();
                        if norm > clip {
                            let k = clip / norm;
                            gx[l] *= k;
                            gy[l] *= k;
                        }
                    }
                }
                self.rule.step(&mut s.x, &mut s.y, &gx, &gy, &s.rate);
            }
            s.k += 1;
            let mut event = s.k >= end;
            for l in 0..LANES {
                let p = Vec2::new(s.x[l], s.y[l]);
                loss[l] = f.value(p);
                let g = f.gradient(p);
                s.rx[l] = g.x;
                s.ry[l] = g.y;
                // A cheap superset of SPEC §7's test, with no square root: a non-finite
                // loss, or ‖θ‖² not safely below 1e12 (NaN and ∞ coordinates land here
                // too). Suspects get the exact test below. `|`, not `||`: no branch per
                // lane, so the loop stays vectorized.
                let r2 = s.x[l] * s.x[l] + s.y[l] * s.y[l];
                let suspect = !loss[l].is_finite() | r2.is_nan() | (r2 > NEAR_DIVERGENCE_SQ);
                event |= (suspect | (loss[l] < s.threshold[l])) & s.active[l];
            }
            if !event {
                continue;
            }
            for l in 0..LANES {
                if !s.active[l] {
                    continue;
                }
                let p = Vec2::new(s.x[l], s.y[l]);
                let t = taken(&s, l);
                let outcome = if !loss[l].is_finite()
                    || !p.x.is_finite()
                    || !p.y.is_finite()
                    || p.norm() > DIVERGENCE_NORM
                {
                    Outcome::Diverged(t)
                } else if loss[l] < s.threshold[l] {
                    Outcome::Reached(t, p)
                } else if t >= steps {
                    Outcome::Never
                } else {
                    continue;
                };
                self.cells.out.push((s.cell[l], outcome));
                self.refill(&mut s, l, f);
            }
            end = next_end(&s);
        }
        s.taken
    }
}

impl HyperMap {
    /// The JSON object of SPEC §9's `map` (the peer's encoding), with the axes' scales,
    /// the current setting and the threshold beside it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.json_form()).unwrap_or_default()
    }

    /// [`Self::to_json`] as text, one line, written straight from the cells (no
    /// intermediate JSON tree for a few thousand numbers).
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(&self.json_form()).unwrap_or_default()
    }

    fn json_form(&self) -> JsonMap<'_> {
        let per_minimum = (self.kind == MapKind::Basins).then(|| {
            let mut per = vec![0usize; self.minima.len()];
            for c in self.cells.iter().flatten() {
                if let Some(n) = usize::try_from(*c).ok().and_then(|i| per.get_mut(i)) {
                    *n += 1;
                }
            }
            per
        });
        JsonMap {
            kind: self.kind,
            optimizer: JsonOptimizer {
                index: self.optimizer.0,
                kind: self.optimizer.1,
            },
            x: &self.x,
            y: &self.y,
            threshold: self.threshold,
            cells: &self.cells,
            summary: JsonSummary {
                reached: self.summary.reached,
                diverged: self.summary.diverged,
                median_step: self.summary.median_step,
                per_minimum,
            },
            minima: (self.kind == MapKind::Basins).then_some(&self.minima),
        }
    }

    /// One row per cell: `x,y,step` (start-point maps: `x,y,minimum`), rows in the order
    /// of `cells`.
    pub fn to_csv(&self) -> String {
        let column = match self.kind {
            MapKind::Steps => "step",
            MapKind::Basins => "minimum",
        };
        let mut s = format!("x,y,{column}\n");
        for (row, yv) in self.cells.iter().zip(&self.y.values) {
            for (c, xv) in row.iter().zip(&self.x.values) {
                s += &format!("{},{},{c}\n", ryu_f64(*xv), ryu_f64(*yv));
            }
        }
        s
    }

    /// The column and row of the cell nearest the current setting (on the axes' scales).
    pub fn current_cell(&self) -> (usize, usize) {
        (nearest_index(&self.x), nearest_index(&self.y))
    }
}

/// The JSON form of a [`HyperMap`], in SPEC §9's field order.
#[derive(Serialize)]
struct JsonMap<'a> {
    kind: MapKind,
    optimizer: JsonOptimizer,
    x: &'a Axis,
    y: &'a Axis,
    threshold: Option<f64>,
    cells: &'a Vec<Vec<i64>>,
    summary: JsonSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    minima: Option<&'a Vec<[f64; 2]>>,
}

#[derive(Serialize)]
struct JsonOptimizer {
    index: usize,
    kind: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    reached: usize,
    diverged: usize,
    median_step: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_minimum: Option<Vec<usize>>,
}

fn nearest_index(a: &Axis) -> usize {
    let key = |v: f64| match a.scale {
        Scale::Log => v.max(f64::MIN_POSITIVE).log10(),
        Scale::Lin => v,
    };
    let c = key(a.current);
    a.values
        .iter()
        .enumerate()
        .min_by(|p, q| (key(*p.1) - c).abs().total_cmp(&(key(*q.1) - c).abs()))
        .map_or(0, |(i, _)| i)
}

/// The shortest text that reads back as `v`.
fn ryu_f64(v: f64) -> String {
    let mut b = ryu::Buffer::new();
    b.format(v).to_string()
}

/// Whether the kinds a map's axes may name include `name` for optimizer kind `id`
/// (`lr`, the numeric parameters, `start_x`, `start_y`).
pub fn is_axis_name(id: &str, name: &str) -> bool {
    matches!(name, "lr" | "start_x" | "start_y")
        || info_of(id).is_some_and(|i| {
            i.params
                .iter()
                .any(|p| p.name == name && p.valid != Valid::Flag)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(text: &str) -> Scenario {
        Scenario::from_json(text).unwrap()
    }

    #[test]
    fn axis_values_are_numpy_linspace_and_logspace() {
        let lin = AxisSpec::parse("momentum:0:0.99").unwrap();
        assert_eq!(lin.scale, Scale::Lin);
        let v = lin.values(4);
        assert_eq!(v, vec![0.0, 0.33, 0.66, 0.99]);
        let log = AxisSpec::parse("lr:1e-5:1e-2").unwrap();
        assert_eq!(log.scale, Scale::Log, "lr defaults to a log axis");
        let v = log.values(4);
        assert_eq!((v[0], v[3]), (1e-5, 1e-2));
        assert!((v[1] - 1e-4).abs() < 1e-18 && (v[2] - 1e-3).abs() < 1e-17);
        assert_eq!(AxisSpec::parse("lr:1e-3:1:lin").unwrap().scale, Scale::Lin);
    }

    #[test]
    fn axis_parsing_errors_say_what_is_wrong() {
        let err = |t: &str| AxisSpec::parse(t).unwrap_err();
        assert!(err("lr").contains("expected NAME:LO:HI"));
        assert!(err(":1:2").contains("expected NAME:LO:HI"));
        assert!(err("lr:1:2:log:x").contains("expected NAME:LO:HI"));
        assert!(err("lr:x:2").contains("LO 'x'"));
        assert!(err("lr:1:inf").contains("HI 'inf'"));
        assert!(err("lr:2:1").contains("below"));
        assert!(err("beta1:0:0.9:log").contains("LO > 0"));
        assert!(err("lr:1:2:ln").contains("'ln'"));
    }

    #[test]
    fn unknown_and_switch_parameters_name_the_axis_and_the_kind() {
        let sc = scenario(
            r#"{"surface": {"kind": "rosenbrock"}, "start": [-1.5, 2],
                "optimizers": [{"kind": "heavy_ball"}]}"#,
        );
        let req = |x: &str| MapRequest {
            x: AxisSpec::parse(x).unwrap(),
            y: AxisSpec::parse("momentum:0:0.9").unwrap(),
            cells: 4,
            optimizer: 0,
            threshold: None,
        };
        let e = compute_map(&sc, &req("mu:0:1")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--x: unknown parameter 'mu' for heavy_ball; known: lr, momentum"
        );
        let e = compute_map(&sc, &req("nesterov:0:1")).unwrap_err();
        assert_eq!(e.arg, "--x");
        assert!(e.message.contains("switch"), "{e}");
        let mut r = req("lr:1e-4:1e-2");
        r.cells = MAX_CELLS + 1;
        assert_eq!(compute_map(&sc, &r).unwrap_err().arg, "--cells");
    }

    #[test]
    fn median_is_numpy_median_truncated() {
        assert_eq!(median(&mut []), 0);
        assert_eq!(median(&mut [5]), 5);
        assert_eq!(median(&mut [9, 1, 4]), 4);
        assert_eq!(median(&mut [1, 2, 3, 6]), 2);
        assert_eq!(median(&mut [1, 4]), 2);
    }

    /// Every cell of the batched loop equals the ordinary step code's, for each rule it
    /// covers, with noise, clipping and a schedule in play.
    #[test]
    fn batched_cells_equal_the_step_code() {
        let cases = [
            ("sgd", "start_x:-2:0", "start_y:0:3"),
            ("momentum", "lr:1e-4:1e-2", "beta:0:0.99"),
            ("heavy_ball", "lr:1e-5:1e-2", "momentum:0:0.99"),
            ("rmsprop", "lr:1e-4:1e-1", "rho:0.5:0.99"),
            ("adam", "lr:1e-4:1e-1", "beta1:0:0.99"),
        ];
        for (noise, clip, schedule) in [
            ("0", "null", r#"{"kind": "constant"}"#),
            (
                "0.5",
                "20",
                r#"{"kind": "cosine", "total_steps": 150, "warmup_steps": 10}"#,
            ),
        ] {
            for (kind, x, y) in cases {
                let text = format!(
                    r#"{{"surface": {{"kind": "rosenbrock"}}, "start": [-1.5, 2], "steps": 150,
                        "seed": 3, "grad_noise": {noise}, "grad_clip": {clip},
                        "schedule": {schedule}, "optimizers": [{{"kind": "{kind}"}}]}}"#
                );
                let sc = scenario(&text);
                let req = MapRequest {
                    x: AxisSpec::parse(x).unwrap(),
                    y: AxisSpec::parse(y).unwrap(),
                    cells: 11,
                    optimizer: 0,
                    threshold: Some(5.0),
                };
                let (x_t, _) = resolve_axis("--x", &req.x, &sc, 0).unwrap();
                let (y_t, _) = resolve_axis("--y", &req.y, &sc, 0).unwrap();
                let plan = Plan {
                    scenario: &sc,
                    surface: sc.surface.build(sc.seed),
                    noise: noise_sequence(&sc),
                    optimizer: 0,
                    x: x_t,
                    y: y_t,
                    xs: req.x.values(req.cells),
                    ys: req.y.values(req.cells),
                    kind: MapKind::Steps,
                    threshold: Threshold::Absolute(5.0),
                    minima: Vec::new(),
                    f_min: 0.0,
                    base_values: sc.optimizers[0].kind.values(),
                };
                assert!(batchable(&plan));
                let total = req.cells * req.cells;
                let mut outcomes = [0usize; 3];
                let (cells, in_lanes) = run_cells_counted(&plan);
                assert_eq!(in_lanes, total, "{kind}: every cell through the lanes");
                for (i, got) in cells.into_iter().enumerate() {
                    let s = plan.setting(i);
                    let want = if kind == "adam" {
                        spec_adam_cell(&plan, s)
                    } else {
                        run_one_cell(&plan, s)
                    };
                    assert_eq!(got, want, "{kind} noise {noise} at {s:?}");
                    outcomes[match want {
                        Outcome::Never => 0,
                        Outcome::Reached(..) => 1,
                        Outcome::Diverged(_) => 2,
                    }] += 1;
                }
                // The grid is not trivial: some cells reach, some do not.
                assert!(
                    outcomes[1] > 0 && outcomes[0] + outcomes[2] > 0,
                    "{kind}: {outcomes:?}"
                );
            }
        }
    }

    /// One Adam cell written out from SPEC §3 and §4 as they read, independently of the
    /// batched loop: the reference for its Adam.
    fn spec_adam_cell(plan: &Plan<'_>, s: Setting) -> Outcome {
        let OptimizerKind::Adam(a) = s.kind else {
            panic!("an Adam cell")
        };
        let sc = plan.scenario;
        let (mut p, mut m, mut v) = (s.start, Vec2::zeros(), Vec2::zeros());
        for t in 1..=sc.steps {
            let mut g = plan.surface.gradient(p);
            if let Some(n) = plan.noise.get(t as usize - 1) {
                g += sc.grad_noise * n;
            }
            if let Some(c) = sc.grad_clip
                && g.norm() > c
            {
                g *= c / g.norm();
            }
            let lr = sc.schedule_of(0).rate(s.lr, t - 1);
            m = a.beta1 * m + (1.0 - a.beta1) * g;
            v = a.beta2 * v + (1.0 - a.beta2) * g.component_mul(&g);
            // β^t as the running product both the step code and the batched loop keep.
            let (c1, c2) = (
                1.0 - (0..t).fold(1.0, |acc, _| acc * a.beta1),
                1.0 - (0..t).fold(1.0, |acc, _| acc * a.beta2),
            );
            p.x -= lr * (m.x / c1) / ((v.x / c2).sqrt() + a.eps);
            p.y -= lr * (m.y / c1) / ((v.y / c2).sqrt() + a.eps);
            let f = plan.surface.value(p);
            if !f.is_finite() || !p.x.is_finite() || !p.y.is_finite() || p.norm() > DIVERGENCE_NORM
            {
                return Outcome::Diverged(t);
            }
            if f < s.threshold {
                return Outcome::Reached(t, p);
            }
        }
        Outcome::Never
    }

    #[test]
    fn plateau_and_early_stopping_take_the_step_code_and_still_count() {
        let sc = scenario(
            r#"{"surface": {"kind": "quadratic"}, "start": [2, 1], "steps": 200,
                "schedule": {"kind": "plateau", "patience": 3},
                "early_stopping": {"patience": 5},
                "optimizers": [{"kind": "adam", "lr": 0.1}]}"#,
        );
        let req = MapRequest {
            x: AxisSpec::parse("lr:1e-3:1").unwrap(),
            y: AxisSpec::parse("beta1:0:0.99").unwrap(),
            cells: 6,
            optimizer: 0,
            threshold: None,
        };
        let m = compute_map(&sc, &req).unwrap();
        assert!(m.summary.reached > 0);
        assert_eq!(m.cells.len(), 6);
        assert_eq!(
            m.current_cell(),
            (3, 5),
            "lr 0.1 of [1e-3, 1] on a log axis"
        );
    }
}
