//! Scenario files (SPEC §8): the raw JSON shape, and its validation into a [`Scenario`].
//!
//! Like ripgrep's low-level and high-level arguments: [`RawScenario`] mirrors the file
//! field by field (strict: unknown fields are errors), and [`Scenario::from_raw`] checks
//! every range and builds the typed form the rest of the program uses. Saving goes back
//! through [`RawScenario`], so what the app writes is what it reads.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

use super::Vec2;
use super::early_stop::EarlyStopping;
use super::expr::Expr;
use super::optimizer::{OptimizerConfig, OptimizerKind};
use super::output::Shortest;
use super::schedule::{Decay, Plateau, Schedule};
use super::surface::{Linreg, Surface, View};

/// Runs longer than this are refused: their arrays would not fit comfortably in memory.
pub const MAX_STEPS: u64 = 10_000_000;
/// Generated `linreg` data sets larger than this are refused.
pub const MAX_POINTS: u64 = 100_000;

/// An error in a scenario file: the field it concerns and, where known, line and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    /// The field's path, e.g. `optimizers[1].lr`; empty for the whole file.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// 1-based line and column, for syntax and type errors.
    pub line_col: Option<(usize, usize)>,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some((l, c)) = self.line_col {
            write!(f, "line {l}, column {c}: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", OneLine(&self.field))?;
        }
        write!(f, "{}", OneLine(&self.message))
    }
}

/// Text with its control characters (and line separators) escaped, as in `grad\noise`: field
/// names and messages quote what the file holds, and an error must stay on one line.
struct OneLine<'a>(&'a str);

impl std::fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        for c in self.0.chars() {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

impl ScenarioError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            line_col: None,
        }
    }
}

/// The surface object of a file, every kind's fields side by side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawSurface {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda1: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub angle_deg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub train: Option<Vec<[f64; 2]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub val: Option<Vec<[f64; 2]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n_train: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n_val: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w_true: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b_true: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_mean: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_std: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise: Option<f64>,
}

/// A schedule object of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawSchedule {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_steps: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gamma: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_steps: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lr_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_delta: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<u64>,
}

/// An optimizer object of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawOptimizer {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub momentum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nesterov: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rho: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta1: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beta2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_decay: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
}

/// The early-stopping object of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawEarlyStopping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_delta: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_best: Option<bool>,
}

/// The view object of a file.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawView {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

/// A scenario file exactly as written, before validation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawScenario {
    pub surface: RawSurface,
    pub start: [f64; 2],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grad_noise: Option<f64>,
    /// `null` and absent both mean no clipping.
    #[serde(default)]
    pub grad_clip: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub val_shift: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eval_every: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
    #[serde(default)]
    pub early_stopping: Option<RawEarlyStopping>,
    pub optimizers: Vec<RawOptimizer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<RawView>,
}

impl RawScenario {
    /// Parses JSON text strictly; errors name the field and, for syntax and type errors,
    /// the line and column.
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        if text.trim().is_empty() {
            return Err(ScenarioError::new("", "the file is empty"));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let raw: Self = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            json_error(
                text,
                if path == "." { String::new() } else { path },
                e.into_inner(),
            )
        })?;
        // Trailing content after the object is a syntax error too.
        de.end().map_err(|e| json_error(text, String::new(), e))?;
        Ok(raw)
    }
}

/// A serde_json error as a [`ScenarioError`], its position moved to the front and its
/// wording put in the file's terms.
fn json_error(text: &str, field: String, e: serde_json::Error) -> ScenarioError {
    let (line, column) = (e.line(), e.column());
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    // Every fixed-length array of a file is a pair: serde says "trailing characters" at a
    // third element and "invalid length 1, expected an array of length 2" at one.
    if !field.is_empty() && message == "trailing characters" {
        message = "expected 2 numbers, [a, b]".to_string();
    } else if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some(n) = rest.strip_suffix(", expected an array of length 2")
    {
        message = format!("expected 2 numbers, [a, b] (got {n})");
    }
    // The Rust type names mean nothing in a file ("expected struct RawScenario").
    if let Some(i) = message.find("expected struct Raw") {
        message.truncate(i);
        message.push_str(if field.is_empty() {
            "expected a JSON object {\"surface\": …, \"start\": …, \"optimizers\": …}"
        } else {
            "expected a JSON object {…}"
        });
    }
    ScenarioError {
        field,
        message,
        line_col: (line > 0).then(|| (line, char_column(text, line, column))),
    }
}

/// serde_json's column counts bytes; an editor counts characters. `column` bytes into
/// 1-based line `line` of `text` is this many characters in (a character cut part-way
/// counts as one).
fn char_column(text: &str, line: usize, column: usize) -> usize {
    let Some(start) = text.split_inclusive('\n').nth(line - 1) else {
        return column;
    };
    let bytes = start.as_bytes();
    let end = column.min(bytes.len());
    // Characters begin at every byte that is not a UTF-8 continuation byte (10xxxxxx).
    bytes[..end].iter().filter(|b| (**b & 0xc0) != 0x80).count() + column.saturating_sub(end)
}

/// Where `linreg` data comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinregGen {
    /// Training points.
    pub n_train: u64,
    /// Validation points.
    pub n_val: u64,
    /// Slope of the true line.
    pub w_true: f64,
    /// Intercept of the true line.
    pub b_true: f64,
    /// Mean of ξ.
    pub x_mean: f64,
    /// Standard deviation of ξ.
    pub x_std: f64,
    /// Standard deviation of the noise added to η.
    pub noise: f64,
}

impl Default for LinregGen {
    fn default() -> Self {
        Self {
            n_train: 32,
            n_val: 32,
            w_true: 2.0,
            b_true: -1.0,
            x_mean: 0.0,
            x_std: 1.0,
            noise: 0.5,
        }
    }
}

impl LinregGen {
    /// Draws the training and validation points from `seed`.
    pub fn generate(&self, seed: u64, batch_size: usize) -> Linreg {
        // Stream 1 of the seed: independent of the gradient noise (stream 0).
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(1);
        let mut draw = |n: u64| -> Vec<[f64; 2]> {
            (0..n)
                .map(|_| {
                    let z: f64 = rng.sample(StandardNormal);
                    let e: f64 = rng.sample(StandardNormal);
                    let xi = self.x_mean + self.x_std * z;
                    [xi, self.w_true * xi + self.b_true + self.noise * e]
                })
                .collect()
        };
        let train = draw(self.n_train);
        let val = draw(self.n_val);
        Linreg {
            train,
            val,
            batch_size,
        }
    }
}

/// The validated description of a surface: what the file says, ready to build.
#[derive(Debug, Clone, PartialEq)]
pub enum SurfaceSpec {
    /// Any surface but generated `linreg`.
    Fixed(Surface),
    /// `linreg` generated from the scenario's seed.
    GeneratedLinreg {
        /// Generator settings.
        gen_: LinregGen,
        /// Minibatch size.
        batch_size: usize,
    },
}

impl SurfaceSpec {
    /// The kind's name.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Fixed(s) => s.kind(),
            Self::GeneratedLinreg { .. } => "linreg",
        }
    }

    /// The surface, with generated data drawn from `seed`.
    pub fn build(&self, seed: u64) -> Surface {
        match self {
            Self::Fixed(s) => s.clone(),
            Self::GeneratedLinreg { gen_, batch_size } => {
                Surface::Linreg(gen_.generate(seed, *batch_size))
            }
        }
    }
}

/// A validated scenario: a surface, a start point, the optimizers and how they run.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The surface.
    pub surface: SurfaceSpec,
    /// θ0.
    pub start: Vec2,
    /// Steps per run.
    pub steps: u64,
    /// Seed of the gradient noise and of `linreg` data and shuffles.
    pub seed: u64,
    /// σ of the gradient noise.
    pub grad_noise: f64,
    /// Clip the gradient norm to this.
    pub grad_clip: Option<f64>,
    /// Offset of the validation optimum (analytic surfaces).
    pub val_shift: Vec2,
    /// Steps between validation evaluations.
    pub eval_every: u64,
    /// Schedule of every optimizer that has none of its own.
    pub schedule: Schedule,
    /// Early stopping on the validation loss.
    pub early_stopping: Option<EarlyStopping>,
    /// The optimizers compared.
    pub optimizers: Vec<OptimizerConfig>,
    /// The region shown, if the file names one.
    pub view: Option<View>,
}

impl Scenario {
    /// Parses and validates JSON text.
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        Self::from_raw(&RawScenario::from_json(text)?)
    }

    /// The file form, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_raw()).expect("a scenario always serializes")
    }

    /// The region to show: the file's view, or the surface's default widened to hold θ0.
    pub fn view(&self) -> View {
        self.view.unwrap_or_else(|| {
            self.surface
                .build(self.seed)
                .default_view()
                .including(self.start)
        })
    }

    /// The schedule optimizer `i` follows.
    pub fn schedule_of(&self, i: usize) -> &Schedule {
        self.optimizers[i]
            .schedule
            .as_ref()
            .unwrap_or(&self.schedule)
    }

    /// SPEC §6's warning: early stopping as patient as the plateau schedule or less.
    pub fn warnings(&self) -> Vec<String> {
        let Some(es) = &self.early_stopping else {
            return Vec::new();
        };
        let plateau_patience = (0..self.optimizers.len())
            .filter_map(|i| self.schedule_of(i).plateau().map(|p| p.patience))
            .max();
        match plateau_patience {
            Some(pp) if es.patience <= pp => vec![format!(
                "early_stopping.patience ({}) is not larger than the plateau patience ({pp}): \
                 the run could stop just before the lower rate helps",
                es.patience
            )],
            _ => Vec::new(),
        }
    }

    /// Validates a raw file.
    pub fn from_raw(raw: &RawScenario) -> Result<Self, ScenarioError> {
        let seed = raw.seed.unwrap_or(0);
        let surface = surface_from_raw(&raw.surface)?;
        let start = finite_pair("start", raw.start)?;
        let steps = raw.steps.unwrap_or(500);
        if steps < 1 {
            return Err(ScenarioError::new("steps", "must be at least 1"));
        }
        if steps > MAX_STEPS {
            return Err(ScenarioError::new(
                "steps",
                format!("must be at most {MAX_STEPS} (got {steps})"),
            ));
        }
        let grad_noise = raw.grad_noise.unwrap_or(0.0);
        check(
            "grad_noise",
            grad_noise,
            grad_noise >= 0.0 && grad_noise.is_finite(),
            "≥ 0",
        )?;
        if let Some(c) = raw.grad_clip {
            check("grad_clip", c, c > 0.0 && c.is_finite(), "null or > 0")?;
        }
        let val_shift = finite_pair("val_shift", raw.val_shift.unwrap_or([0.0, 0.0]))?;
        let eval_every = raw.eval_every.unwrap_or(1);
        if eval_every < 1 {
            return Err(ScenarioError::new("eval_every", "must be at least 1"));
        }
        let schedule = match &raw.schedule {
            Some(s) => schedule_from_raw("schedule", s)?,
            None => Schedule::default(),
        };
        let early_stopping = raw
            .early_stopping
            .as_ref()
            .map(early_stopping_from_raw)
            .transpose()?;
        if raw.optimizers.is_empty() {
            return Err(ScenarioError::new(
                "optimizers",
                "needs at least one optimizer",
            ));
        }
        let optimizers = raw
            .optimizers
            .iter()
            .enumerate()
            .map(|(i, o)| optimizer_from_raw(&format!("optimizers[{i}]"), o))
            .collect::<Result<Vec<_>, _>>()?;
        let view = raw.view.map(view_from_raw).transpose()?;
        Ok(Self {
            surface,
            start,
            steps,
            seed,
            grad_noise,
            grad_clip: raw.grad_clip,
            val_shift,
            eval_every,
            schedule,
            early_stopping,
            optimizers,
            view,
        })
    }

    /// The raw form: what a file holds. Every field is written out, so a saved file
    /// documents itself.
    pub fn to_raw(&self) -> RawScenario {
        RawScenario {
            surface: surface_to_raw(&self.surface),
            start: [self.start.x, self.start.y],
            steps: Some(self.steps),
            seed: Some(self.seed),
            grad_noise: Some(self.grad_noise),
            grad_clip: self.grad_clip,
            val_shift: Some([self.val_shift.x, self.val_shift.y]),
            eval_every: Some(self.eval_every),
            schedule: Some(schedule_to_raw(&self.schedule)),
            early_stopping: self.early_stopping.map(|e| RawEarlyStopping {
                patience: Some(e.patience),
                min_delta: Some(e.min_delta),
                restore_best: Some(e.restore_best),
            }),
            optimizers: self.optimizers.iter().map(optimizer_to_raw).collect(),
            view: self.view.map(|v| RawView { x: v.x, y: v.y }),
        }
    }
}

fn check(field: &str, value: f64, ok: bool, rule: &str) -> Result<(), ScenarioError> {
    if ok {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            format!("must be {rule} (got {})", Shortest(value)),
        ))
    }
}

fn finite(field: &str, value: f64) -> Result<f64, ScenarioError> {
    check(field, value, value.is_finite(), "a finite number")?;
    Ok(value)
}

fn finite_pair(field: &str, p: [f64; 2]) -> Result<Vec2, ScenarioError> {
    for (i, v) in p.iter().enumerate() {
        finite(&format!("{field}[{i}]"), *v)?;
    }
    Ok(Vec2::new(p[0], p[1]))
}

/// Rejects fields that belong to another kind, naming the ones this kind takes.
fn only_fields(
    prefix: &str,
    kind: &str,
    present: &[(&str, bool)],
    allowed: &[&str],
) -> Result<(), ScenarioError> {
    for (name, is_set) in present {
        if *is_set && !allowed.contains(name) {
            let takes = if allowed.is_empty() {
                "it takes no parameters".to_string()
            } else {
                format!("its fields are {}", allowed.join(", "))
            };
            return Err(ScenarioError::new(
                format!("{prefix}.{name}"),
                format!("is not a field of {kind} ({takes})"),
            ));
        }
    }
    Ok(())
}

fn unknown_kind(field: &str, kind: &str, known: &[&str]) -> ScenarioError {
    ScenarioError::new(
        field,
        format!("unknown kind '{kind}' (known: {})", known.join(", ")),
    )
}

fn surface_from_raw(r: &RawSurface) -> Result<SurfaceSpec, ScenarioError> {
    let present = [
        ("lambda1", r.lambda1.is_some()),
        ("lambda2", r.lambda2.is_some()),
        ("angle_deg", r.angle_deg.is_some()),
        ("a", r.a.is_some()),
        ("b", r.b.is_some()),
        ("expr", r.expr.is_some()),
        ("train", r.train.is_some()),
        ("val", r.val.is_some()),
        ("batch_size", r.batch_size.is_some()),
        ("n_train", r.n_train.is_some()),
        ("n_val", r.n_val.is_some()),
        ("w_true", r.w_true.is_some()),
        ("b_true", r.b_true.is_some()),
        ("x_mean", r.x_mean.is_some()),
        ("x_std", r.x_std.is_some()),
        ("noise", r.noise.is_some()),
    ];
    let fields = |allowed: &[&str]| only_fields("surface", &r.kind, &present, allowed);
    let num = |name: &str, v: Option<f64>, default: f64| {
        finite(&format!("surface.{name}"), v.unwrap_or(default))
    };
    let surface = match r.kind.as_str() {
        "quadratic" => {
            fields(&["lambda1", "lambda2", "angle_deg"])?;
            let lambda1 = num("lambda1", r.lambda1, 1.0)?;
            let lambda2 = num("lambda2", r.lambda2, 20.0)?;
            Surface::Quadratic {
                lambda1,
                lambda2,
                angle_deg: num("angle_deg", r.angle_deg, 0.0)?,
            }
        }
        "rosenbrock" => {
            fields(&["a", "b"])?;
            Surface::Rosenbrock {
                a: num("a", r.a, 1.0)?,
                b: num("b", r.b, 100.0)?,
            }
        }
        "beale" => {
            fields(&[])?;
            Surface::Beale
        }
        "himmelblau" => {
            fields(&[])?;
            Surface::Himmelblau
        }
        "rastrigin" => {
            fields(&["a"])?;
            Surface::Rastrigin {
                a: num("a", r.a, 10.0)?,
            }
        }
        "ackley" => {
            fields(&[])?;
            Surface::Ackley
        }
        "saddle" => {
            fields(&[])?;
            Surface::Saddle
        }
        "custom" => {
            fields(&["expr"])?;
            let Some(src) = &r.expr else {
                return Err(ScenarioError::new(
                    "surface.expr",
                    "is required for a custom surface, e.g. \"x^2 + 10*y^2\"",
                ));
            };
            let e =
                Expr::parse(src).map_err(|e| ScenarioError::new("surface.expr", e.to_string()))?;
            Surface::Custom(e)
        }
        "linreg" => return linreg_from_raw(r, &present),
        other => {
            return Err(unknown_kind(
                "surface.kind",
                other,
                &super::surface::SURFACE_KINDS,
            ));
        }
    };
    Ok(SurfaceSpec::Fixed(surface))
}

fn linreg_from_raw(r: &RawSurface, present: &[(&str, bool)]) -> Result<SurfaceSpec, ScenarioError> {
    let batch_size = r.batch_size.unwrap_or(8);
    if batch_size < 1 {
        return Err(ScenarioError::new(
            "surface.batch_size",
            "must be at least 1",
        ));
    }
    let batch_size = usize::try_from(batch_size).unwrap_or(usize::MAX);
    if r.train.is_some() || r.val.is_some() {
        only_fields(
            "surface",
            "linreg with explicit data",
            present,
            &["train", "val", "batch_size"],
        )?;
        let points =
            |name: &str, v: &Option<Vec<[f64; 2]>>| -> Result<Vec<[f64; 2]>, ScenarioError> {
                let field = format!("surface.{name}");
                let Some(v) = v else {
                    return Err(ScenarioError::new(
                        field,
                        "is required with explicit data (a list of [ξ, η] pairs)",
                    ));
                };
                if v.is_empty() {
                    return Err(ScenarioError::new(field, "must not be empty"));
                }
                for (i, p) in v.iter().enumerate() {
                    finite_pair(&format!("{field}[{i}]"), *p)?;
                }
                Ok(v.clone())
            };
        let train = points("train", &r.train)?;
        let val = points("val", &r.val)?;
        return Ok(SurfaceSpec::Fixed(Surface::Linreg(Linreg {
            train,
            val,
            batch_size,
        })));
    }
    only_fields(
        "surface",
        "generated linreg",
        present,
        &[
            "batch_size",
            "n_train",
            "n_val",
            "w_true",
            "b_true",
            "x_mean",
            "x_std",
            "noise",
        ],
    )?;
    let d = LinregGen::default();
    let count = |name: &str, v: Option<u64>, default: u64| -> Result<u64, ScenarioError> {
        let n = v.unwrap_or(default);
        if !(1..=MAX_POINTS).contains(&n) {
            return Err(ScenarioError::new(
                format!("surface.{name}"),
                format!("must be from 1 to {MAX_POINTS} (got {n})"),
            ));
        }
        Ok(n)
    };
    let num = |name: &str, v: Option<f64>, default: f64| {
        finite(&format!("surface.{name}"), v.unwrap_or(default))
    };
    let gen_ = LinregGen {
        n_train: count("n_train", r.n_train, d.n_train)?,
        n_val: count("n_val", r.n_val, d.n_val)?,
        w_true: num("w_true", r.w_true, d.w_true)?,
        b_true: num("b_true", r.b_true, d.b_true)?,
        x_mean: num("x_mean", r.x_mean, d.x_mean)?,
        x_std: num("x_std", r.x_std, d.x_std)?,
        noise: num("noise", r.noise, d.noise)?,
    };
    check("surface.x_std", gen_.x_std, gen_.x_std >= 0.0, "≥ 0")?;
    check("surface.noise", gen_.noise, gen_.noise >= 0.0, "≥ 0")?;
    Ok(SurfaceSpec::GeneratedLinreg { gen_, batch_size })
}

fn surface_to_raw(s: &SurfaceSpec) -> RawSurface {
    let mut r = RawSurface {
        kind: s.kind().to_string(),
        ..Default::default()
    };
    match s {
        SurfaceSpec::GeneratedLinreg { gen_, batch_size } => {
            r.n_train = Some(gen_.n_train);
            r.n_val = Some(gen_.n_val);
            r.w_true = Some(gen_.w_true);
            r.b_true = Some(gen_.b_true);
            r.x_mean = Some(gen_.x_mean);
            r.x_std = Some(gen_.x_std);
            r.noise = Some(gen_.noise);
            r.batch_size = Some(*batch_size as u64);
        }
        SurfaceSpec::Fixed(surface) => match surface {
            Surface::Quadratic {
                lambda1,
                lambda2,
                angle_deg,
            } => {
                r.lambda1 = Some(*lambda1);
                r.lambda2 = Some(*lambda2);
                r.angle_deg = Some(*angle_deg);
            }
            Surface::Rosenbrock { a, b } => {
                r.a = Some(*a);
                r.b = Some(*b);
            }
            Surface::Rastrigin { a } => r.a = Some(*a),
            Surface::Linreg(l) => {
                r.train = Some(l.train.clone());
                r.val = Some(l.val.clone());
                r.batch_size = Some(l.batch_size as u64);
            }
            Surface::Custom(e) => r.expr = Some(e.source().to_string()),
            Surface::Beale | Surface::Himmelblau | Surface::Ackley | Surface::Saddle => {}
        },
    }
    r
}

/// Checks a rate in [0, 1).
fn unit(field: &str, v: f64) -> Result<f64, ScenarioError> {
    check(field, v, (0.0..1.0).contains(&v), "in [0, 1)")?;
    Ok(v)
}

fn positive(field: &str, v: f64) -> Result<f64, ScenarioError> {
    check(field, v, v > 0.0 && v.is_finite(), "> 0")?;
    Ok(v)
}

fn non_negative(field: &str, v: f64) -> Result<f64, ScenarioError> {
    check(field, v, v >= 0.0 && v.is_finite(), "≥ 0")?;
    Ok(v)
}

fn optimizer_from_raw(p: &str, r: &RawOptimizer) -> Result<OptimizerConfig, ScenarioError> {
    let present = [
        ("beta", r.beta.is_some()),
        ("momentum", r.momentum.is_some()),
        ("nesterov", r.nesterov.is_some()),
        ("rho", r.rho.is_some()),
        ("eps", r.eps.is_some()),
        ("beta1", r.beta1.is_some()),
        ("beta2", r.beta2.is_some()),
        ("weight_decay", r.weight_decay.is_some()),
    ];
    let Some(default) = OptimizerKind::default_for(&r.kind) else {
        return Err(unknown_kind(
            &format!("{p}.kind"),
            &r.kind,
            &super::optimizer::OPTIMIZER_KINDS,
        ));
    };
    let f = |name: &str| format!("{p}.{name}");
    let allowed: &[&str] = match default {
        OptimizerKind::Sgd => &[],
        OptimizerKind::Momentum { .. } => &["beta"],
        OptimizerKind::HeavyBall { .. } => &["momentum", "nesterov"],
        OptimizerKind::RmsProp { .. } => &["rho", "eps"],
        OptimizerKind::Adam { .. } => &["beta1", "beta2", "eps"],
        OptimizerKind::AdamW { .. } => &["beta1", "beta2", "eps", "weight_decay"],
        OptimizerKind::AdaGrad { .. } => &["eps"],
    };
    let allowed_all: Vec<&str> = allowed.to_vec();
    only_fields(p, &r.kind, &present, &allowed_all)?;
    let kind = match default {
        OptimizerKind::Sgd => OptimizerKind::Sgd,
        OptimizerKind::Momentum { beta } => OptimizerKind::Momentum {
            beta: unit(&f("beta"), r.beta.unwrap_or(beta))?,
        },
        OptimizerKind::HeavyBall { momentum, nesterov } => OptimizerKind::HeavyBall {
            momentum: unit(&f("momentum"), r.momentum.unwrap_or(momentum))?,
            nesterov: r.nesterov.unwrap_or(nesterov),
        },
        OptimizerKind::RmsProp { rho, eps } => OptimizerKind::RmsProp {
            rho: unit(&f("rho"), r.rho.unwrap_or(rho))?,
            eps: positive(&f("eps"), r.eps.unwrap_or(eps))?,
        },
        OptimizerKind::Adam { beta1, beta2, eps } => OptimizerKind::Adam {
            beta1: unit(&f("beta1"), r.beta1.unwrap_or(beta1))?,
            beta2: unit(&f("beta2"), r.beta2.unwrap_or(beta2))?,
            eps: positive(&f("eps"), r.eps.unwrap_or(eps))?,
        },
        OptimizerKind::AdamW {
            beta1,
            beta2,
            eps,
            weight_decay,
        } => OptimizerKind::AdamW {
            beta1: unit(&f("beta1"), r.beta1.unwrap_or(beta1))?,
            beta2: unit(&f("beta2"), r.beta2.unwrap_or(beta2))?,
            eps: positive(&f("eps"), r.eps.unwrap_or(eps))?,
            weight_decay: non_negative(&f("weight_decay"), r.weight_decay.unwrap_or(weight_decay))?,
        },
        OptimizerKind::AdaGrad { eps } => OptimizerKind::AdaGrad {
            eps: positive(&f("eps"), r.eps.unwrap_or(eps))?,
        },
    };
    let lr = positive(&f("lr"), r.lr.unwrap_or(default.default_lr()))?;
    let color = r
        .color
        .as_deref()
        .map(|c| {
            parse_color(c).ok_or_else(|| {
                ScenarioError::new(f("color"), format!("must be \"#rrggbb\" (got \"{c}\")"))
            })
        })
        .transpose()?;
    let schedule = r
        .schedule
        .as_ref()
        .map(|s| schedule_from_raw(&f("schedule"), s))
        .transpose()?;
    Ok(OptimizerConfig {
        kind,
        lr,
        label: r.label.clone(),
        color,
        schedule,
    })
}

fn optimizer_to_raw(o: &OptimizerConfig) -> RawOptimizer {
    let mut r = RawOptimizer {
        kind: o.kind.name().to_string(),
        lr: Some(o.lr),
        label: o.label.clone(),
        color: o.color.map(format_color),
        schedule: o.schedule.as_ref().map(schedule_to_raw),
        ..Default::default()
    };
    match o.kind {
        OptimizerKind::Sgd => {}
        OptimizerKind::Momentum { beta } => r.beta = Some(beta),
        OptimizerKind::HeavyBall { momentum, nesterov } => {
            r.momentum = Some(momentum);
            r.nesterov = Some(nesterov);
        }
        OptimizerKind::RmsProp { rho, eps } => {
            r.rho = Some(rho);
            r.eps = Some(eps);
        }
        OptimizerKind::Adam { beta1, beta2, eps } => {
            r.beta1 = Some(beta1);
            r.beta2 = Some(beta2);
            r.eps = Some(eps);
        }
        OptimizerKind::AdamW {
            beta1,
            beta2,
            eps,
            weight_decay,
        } => {
            r.beta1 = Some(beta1);
            r.beta2 = Some(beta2);
            r.eps = Some(eps);
            r.weight_decay = Some(weight_decay);
        }
        OptimizerKind::AdaGrad { eps } => r.eps = Some(eps),
    }
    r
}

/// Parses `#rrggbb`.
pub fn parse_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    // Digits only: `from_str_radix` alone would also take a sign, as in "#+1+2+3".
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Formats `#rrggbb`.
pub fn format_color(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn schedule_from_raw(p: &str, r: &RawSchedule) -> Result<Schedule, ScenarioError> {
    let present = [
        ("milestones", r.milestones.is_some()),
        ("gamma", r.gamma.is_some()),
        ("total_steps", r.total_steps.is_some()),
        ("lr_min", r.lr_min.is_some()),
        ("factor", r.factor.is_some()),
        ("patience", r.patience.is_some()),
        ("min_delta", r.min_delta.is_some()),
        ("cooldown", r.cooldown.is_some()),
    ];
    let f = |name: &str| format!("{p}.{name}");
    let warmup_steps = r.warmup_steps.unwrap_or(0);
    let fields = |allowed: &[&str]| only_fields(p, &r.kind, &present, allowed);
    let decay = match r.kind.as_str() {
        "constant" => {
            fields(&[])?;
            Decay::Constant
        }
        "step" => {
            fields(&["milestones", "gamma"])?;
            Decay::Step {
                milestones: r.milestones.clone().unwrap_or_default(),
                gamma: positive(&f("gamma"), r.gamma.unwrap_or(0.1))?,
            }
        }
        "exponential" => {
            fields(&["gamma"])?;
            Decay::Exponential {
                gamma: positive(&f("gamma"), r.gamma.unwrap_or(0.99))?,
            }
        }
        "cosine" => {
            fields(&["total_steps", "lr_min"])?;
            let Some(total_steps) = r.total_steps else {
                return Err(ScenarioError::new(
                    f("total_steps"),
                    "is required for a cosine schedule",
                ));
            };
            if total_steps <= warmup_steps {
                return Err(ScenarioError::new(
                    f("total_steps"),
                    format!(
                        "must be larger than warmup_steps ({warmup_steps}) (got {total_steps})"
                    ),
                ));
            }
            Decay::Cosine {
                total_steps,
                lr_min: non_negative(&f("lr_min"), r.lr_min.unwrap_or(0.0))?,
            }
        }
        "plateau" => {
            fields(&["factor", "patience", "min_delta", "cooldown", "lr_min"])?;
            let d = Plateau::default();
            let factor = r.factor.unwrap_or(d.factor);
            check(
                &f("factor"),
                factor,
                factor > 0.0 && factor < 1.0,
                "in (0, 1)",
            )?;
            Decay::Plateau(Plateau {
                factor,
                patience: r.patience.unwrap_or(d.patience),
                min_delta: non_negative(&f("min_delta"), r.min_delta.unwrap_or(d.min_delta))?,
                cooldown: r.cooldown.unwrap_or(d.cooldown),
                lr_min: non_negative(&f("lr_min"), r.lr_min.unwrap_or(d.lr_min))?,
            })
        }
        other => {
            return Err(unknown_kind(
                &f("kind"),
                other,
                &super::schedule::SCHEDULE_KINDS,
            ));
        }
    };
    Ok(Schedule {
        warmup_steps,
        decay,
    })
}

fn schedule_to_raw(s: &Schedule) -> RawSchedule {
    let mut r = RawSchedule {
        kind: s.kind().to_string(),
        warmup_steps: (s.warmup_steps > 0).then_some(s.warmup_steps),
        ..Default::default()
    };
    match &s.decay {
        Decay::Constant => {}
        Decay::Step { milestones, gamma } => {
            r.milestones = Some(milestones.clone());
            r.gamma = Some(*gamma);
        }
        Decay::Exponential { gamma } => r.gamma = Some(*gamma),
        Decay::Cosine {
            total_steps,
            lr_min,
        } => {
            r.total_steps = Some(*total_steps);
            r.lr_min = Some(*lr_min);
        }
        Decay::Plateau(p) => {
            r.factor = Some(p.factor);
            r.patience = Some(p.patience);
            r.min_delta = Some(p.min_delta);
            r.cooldown = Some(p.cooldown);
            r.lr_min = Some(p.lr_min);
        }
    }
    r
}

fn early_stopping_from_raw(r: &RawEarlyStopping) -> Result<EarlyStopping, ScenarioError> {
    let d = EarlyStopping::default();
    let patience = r.patience.unwrap_or(d.patience);
    if patience < 1 {
        return Err(ScenarioError::new(
            "early_stopping.patience",
            "must be at least 1",
        ));
    }
    Ok(EarlyStopping {
        patience,
        min_delta: non_negative(
            "early_stopping.min_delta",
            r.min_delta.unwrap_or(d.min_delta),
        )?,
        restore_best: r.restore_best.unwrap_or(d.restore_best),
    })
}

/// The largest view coordinate accepted: beyond it the span or the margins drawn around
/// it overflow to infinity.
pub const MAX_VIEW_COORD: f64 = 1e150;

/// The smallest view span accepted, relative to its largest coordinate: below it
/// neighbouring pixels round to the same number.
pub const MIN_VIEW_SPAN_REL: f64 = 1e-9;

/// The smallest view span accepted, near 0: below it tick steps and pixel sizes fall
/// into subnormal numbers.
pub const MIN_VIEW_SPAN: f64 = 1e-150;

fn view_from_raw(v: RawView) -> Result<View, ScenarioError> {
    let x = finite_pair("view.x", v.x)?;
    let y = finite_pair("view.y", v.y)?;
    for (field, lo, hi, axis) in [("view.x", x.x, x.y, "x"), ("view.y", y.x, y.y, "y")] {
        if lo >= hi {
            return Err(ScenarioError::new(
                field,
                format!(
                    "{axis}min must be below {axis}max (got [{}, {}])",
                    Shortest(lo),
                    Shortest(hi)
                ),
            ));
        }
        let largest = lo.abs().max(hi.abs());
        if largest > MAX_VIEW_COORD {
            return Err(ScenarioError::new(
                field,
                format!(
                    "must lie within ±{} to be drawn (got [{}, {}])",
                    Shortest(MAX_VIEW_COORD),
                    Shortest(lo),
                    Shortest(hi)
                ),
            ));
        }
        let span = hi - lo;
        if span < MIN_VIEW_SPAN || span < MIN_VIEW_SPAN_REL * largest {
            return Err(ScenarioError::new(
                field,
                format!(
                    "the span {} is too small to draw (at least {} and {} of the largest \
                     coordinate; got [{}, {}])",
                    Shortest(span),
                    Shortest(MIN_VIEW_SPAN),
                    Shortest(MIN_VIEW_SPAN_REL),
                    Shortest(lo),
                    Shortest(hi)
                ),
            ));
        }
    }
    Ok(View { x: v.x, y: v.y })
}
