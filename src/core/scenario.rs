//! Scenario files (SPEC §8): the raw JSON shape, and its validation into a [`Scenario`].
//!
//! Like ripgrep's low-level and high-level arguments: [`RawScenario`] mirrors the file
//! field by field (strict: unknown fields are errors), and [`Scenario::from_raw`] checks
//! every range and builds the typed form the rest of the program uses. Saving goes back
//! through [`RawScenario`], so what the app writes is what it reads.

use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Vec2;
use super::early_stop::EarlyStopping;
use super::optimizers::{OPTIMIZER_KINDS, OptimizerConfig, OptimizerKind, info_of};
use super::output::Shortest;
use super::param::{RawParams, read_params, write_params};
use super::schedule::{Decay, Plateau, Schedule};
use super::surfaces::{Surface, View};

pub use super::surfaces::LinregGen;

/// Runs longer than this are refused: their arrays would not fit comfortably in memory.
pub const MAX_STEPS: u64 = 10_000_000;
/// Generated `linreg` data sets larger than this are refused.
pub const MAX_POINTS: u64 = 100_000;

/// An error in a scenario file: the field it concerns, what is wrong (an id and its
/// arguments, worded by the language layer) and, where known, line and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    /// The field's path, e.g. `optimizers[1].lr`; empty for the whole file.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
    /// 1-based line and column, for syntax and type errors.
    pub line_col: Option<(usize, usize)>,
}

/// What is wrong with a field, as data: the language layer turns `id` into the Fluent
/// message `scn-<id>` and fills it with `args` (already written as the file would write
/// them, or quoting the file). Core builds no sentences for users.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Which problem, e.g. `at-least`; one message per id in the Fluent files.
    pub id: &'static str,
    /// Named arguments of the message.
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    /// A problem with no arguments.
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// The same problem with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The argument called `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A technical form (`line:column: field: id (name=value, …)`) for logs and panics; what
/// users read comes from the language layer (`lang::scenario_error`).
impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some((l, c)) = self.line_col {
            write!(f, "{l}:{c}: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", OneLine(&self.field))?;
        }
        write!(f, "{}", self.problem.id)?;
        if !self.problem.args.is_empty() {
            write!(f, " (")?;
            for (i, (n, v)) in self.problem.args.iter().enumerate() {
                if i > 0 {
                    write!(f, ", ")?;
                }
                write!(f, "{n}={}", OneLine(v))?;
            }
            write!(f, ")")?;
        }
        Ok(())
    }
}

/// `text` with its control characters (and line separators) escaped, as in `grad\noise`:
/// field names and messages quote what the file holds, and an error must stay on one line.
pub fn one_line(text: &str) -> String {
    OneLine(text).to_string()
}

/// Text with its control characters escaped: see [`one_line`].
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
    /// An error about `field` (no position).
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
            line_col: None,
        }
    }
}

/// The surface object of a file: its kind, the data fields of `linreg` and `custom`, and
/// every other field in [`RawSurface::params`] (each parametric kind checks its own).
#[derive(Debug, Clone, Default, PartialEq)]
#[allow(missing_docs)]
pub struct RawSurface {
    pub kind: String,
    pub expr: Option<String>,
    pub train: Option<Vec<[f64; 2]>>,
    pub val: Option<Vec<[f64; 2]>>,
    pub batch_size: Option<u64>,
    pub n_train: Option<u64>,
    pub n_val: Option<u64>,
    pub w_true: Option<f64>,
    pub b_true: Option<f64>,
    pub x_mean: Option<f64>,
    pub x_std: Option<f64>,
    pub noise: Option<f64>,
    /// The numeric parameters, in file order.
    pub params: RawParams,
}

impl RawSurface {
    /// The names of the fields the object holds, `kind` aside.
    pub fn present_fields(&self) -> Vec<&str> {
        let typed = [
            ("expr", self.expr.is_some()),
            ("train", self.train.is_some()),
            ("val", self.val.is_some()),
            ("batch_size", self.batch_size.is_some()),
            ("n_train", self.n_train.is_some()),
            ("n_val", self.n_val.is_some()),
            ("w_true", self.w_true.is_some()),
            ("b_true", self.b_true.is_some()),
            ("x_mean", self.x_mean.is_some()),
            ("x_std", self.x_std.is_some()),
            ("noise", self.noise.is_some()),
        ];
        let mut out: Vec<&str> = self.params.iter().map(|(n, _)| n.as_str()).collect();
        out.extend(typed.iter().filter(|(_, on)| *on).map(|(n, _)| *n));
        out
    }
}

/// Reads a JSON object key by key: `typed` takes the keys it knows (returning `true`),
/// every other key's value goes to the parameter list. Duplicate keys are errors, as
/// with derived structs.
fn read_object<'de, A: MapAccess<'de>>(
    mut map: A,
    mut typed: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<RawParams, A::Error> {
    let mut seen: Vec<String> = Vec::new();
    let mut params = RawParams::new();
    while let Some(key) = map.next_key::<String>()? {
        if seen.contains(&key) {
            return Err(serde::de::Error::custom(format_args!(
                "duplicate field `{key}`"
            )));
        }
        if !typed(&key, &mut map)? {
            params.push((key.clone(), map.next_value()?));
        }
        seen.push(key);
    }
    Ok(params)
}

/// Writes `value` under `key` when it is set.
fn put<M: SerializeMap, T: Serialize>(
    m: &mut M,
    key: &str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => m.serialize_entry(key, v),
        None => Ok(()),
    }
}

impl Serialize for RawSurface {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", &self.kind)?;
        for (k, v) in &self.params {
            m.serialize_entry(k, v)?;
        }
        put(&mut m, "expr", &self.expr)?;
        put(&mut m, "train", &self.train)?;
        put(&mut m, "val", &self.val)?;
        put(&mut m, "batch_size", &self.batch_size)?;
        put(&mut m, "n_train", &self.n_train)?;
        put(&mut m, "n_val", &self.n_val)?;
        put(&mut m, "w_true", &self.w_true)?;
        put(&mut m, "b_true", &self.b_true)?;
        put(&mut m, "x_mean", &self.x_mean)?;
        put(&mut m, "x_std", &self.x_std)?;
        put(&mut m, "noise", &self.noise)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for RawSurface {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSurface;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object {\"kind\": …} naming the surface")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSurface, A::Error> {
                let mut r = RawSurface::default();
                let mut kind = None;
                r.params = read_object(map, |key, map| {
                    match key {
                        "kind" => kind = Some(map.next_value()?),
                        "expr" => r.expr = Some(map.next_value()?),
                        "train" => r.train = Some(map.next_value()?),
                        "val" => r.val = Some(map.next_value()?),
                        "batch_size" => r.batch_size = Some(map.next_value()?),
                        "n_train" => r.n_train = Some(map.next_value()?),
                        "n_val" => r.n_val = Some(map.next_value()?),
                        "w_true" => r.w_true = Some(map.next_value()?),
                        "b_true" => r.b_true = Some(map.next_value()?),
                        "x_mean" => r.x_mean = Some(map.next_value()?),
                        "x_std" => r.x_std = Some(map.next_value()?),
                        "noise" => r.noise = Some(map.next_value()?),
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                r.kind = kind.ok_or_else(|| serde::de::Error::missing_field("kind"))?;
                Ok(r)
            }
        }
        // As a struct, like the derived objects around it (errors then point alike).
        d.deserialize_struct("RawSurface", &["kind"], V)
    }
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

/// An optimizer object of a file: kind, rate, label, colour and schedule, and its
/// hyperparameters in [`RawOptimizer::params`] (checked against the kind's registry entry).
#[derive(Debug, Clone, Default, PartialEq)]
#[allow(missing_docs)]
pub struct RawOptimizer {
    pub kind: String,
    pub lr: Option<f64>,
    /// The hyperparameters, in file order.
    pub params: RawParams,
    pub label: Option<String>,
    pub color: Option<String>,
    pub schedule: Option<RawSchedule>,
    /// `ema_decay`: a number, or null (off, as when absent).
    pub ema_decay: Option<f64>,
}

impl Serialize for RawOptimizer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", &self.kind)?;
        put(&mut m, "lr", &self.lr)?;
        for (k, v) in &self.params {
            m.serialize_entry(k, v)?;
        }
        put(&mut m, "label", &self.label)?;
        put(&mut m, "color", &self.color)?;
        put(&mut m, "schedule", &self.schedule)?;
        put(&mut m, "ema_decay", &self.ema_decay)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for RawOptimizer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawOptimizer;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an optimizer object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawOptimizer, A::Error> {
                let mut r = RawOptimizer::default();
                let mut kind = None;
                r.params = read_object(map, |key, map| {
                    match key {
                        "kind" => kind = Some(map.next_value()?),
                        "lr" => r.lr = Some(map.next_value()?),
                        "label" => r.label = Some(map.next_value()?),
                        "color" => r.color = Some(map.next_value()?),
                        "schedule" => r.schedule = Some(map.next_value()?),
                        "ema_decay" => r.ema_decay = map.next_value::<Option<f64>>()?,
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                r.kind = kind.ok_or_else(|| serde::de::Error::missing_field("kind"))?;
                Ok(r)
            }
        }
        d.deserialize_struct("RawOptimizer", &["kind"], V)
    }
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
            return Err(ScenarioError::new("", Problem::new("empty-file")));
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
/// problem put in the file's terms (serde's own wording is kept only where no id fits).
fn json_error(text: &str, field: String, e: serde_json::Error) -> ScenarioError {
    let (line, column) = (e.line(), e.column());
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    // Every fixed-length array of a file is a pair: serde says "trailing characters" at a
    // third element and "invalid length 1, expected an array of length 2" at one.
    let problem = if !field.is_empty() && message == "trailing characters" {
        Problem::new("pair")
    } else if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some(n) = rest.strip_suffix(", expected an array of length 2")
    {
        Problem::new("pair-got").arg("got", n)
    } else if let Some(i) = message.find("expected struct Raw") {
        // The Rust type names mean nothing in a file ("expected struct RawScenario").
        message.truncate(i);
        let id = if field.is_empty() {
            "json-object-file"
        } else {
            "json-object"
        };
        Problem::new(id).arg("detail", message.trim_end().trim_end_matches(','))
    } else {
        Problem::new("json").arg("detail", message)
    };
    ScenarioError {
        field,
        problem,
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

/// Why a scenario file could not be loaded; its Display is one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read as text (missing, a folder, too large, not UTF-8 or
    /// UTF-16).
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: super::text::TextError,
    },
    /// The text is not a valid scenario.
    #[error("{}: {error}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        error: ScenarioError,
    },
}

/// Reads and validates the scenario file at `path` (what `run`, `render` and the window's
/// File ▸ Open all load): capped and decoded by [`super::text::read_text`], so a
/// byte-order mark or UTF-16 from a Windows editor reads as it looks.
pub fn load_file(path: &Path) -> Result<Scenario, LoadError> {
    let text = super::text::read_text(path, super::text::TextKind::Scenario).map_err(|source| {
        LoadError::Read {
            path: path.to_path_buf(),
            source,
        }
    })?;
    Scenario::from_json(&text).map_err(|error| LoadError::Invalid {
        path: path.to_path_buf(),
        error,
    })
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

    /// SPEC §6's warning: early stopping as patient as the plateau schedule or less (the
    /// run could stop just before the lower rate helps). Warnings are data, as errors are.
    pub fn warnings(&self) -> Vec<Problem> {
        let Some(es) = &self.early_stopping else {
            return Vec::new();
        };
        let plateau_patience = (0..self.optimizers.len())
            .filter_map(|i| self.schedule_of(i).plateau().map(|p| p.patience))
            .max();
        match plateau_patience {
            Some(pp) if es.patience <= pp => vec![
                Problem::new("warn-es-patience")
                    .arg("es", es.patience)
                    .arg("plateau", pp),
            ],
            _ => Vec::new(),
        }
    }

    /// Validates a raw file.
    pub fn from_raw(raw: &RawScenario) -> Result<Self, ScenarioError> {
        let seed = raw.seed.unwrap_or(0);
        let surface = Surface::parse(&raw.surface)?;
        let start = finite_pair("start", raw.start)?;
        let steps = raw.steps.unwrap_or(500);
        if steps < 1 {
            return Err(ScenarioError::new(
                "steps",
                Problem::new("at-least").arg("min", 1),
            ));
        }
        if steps > MAX_STEPS {
            return Err(ScenarioError::new(
                "steps",
                Problem::new("at-most")
                    .arg("max", MAX_STEPS)
                    .arg("got", steps),
            ));
        }
        let grad_noise = raw.grad_noise.unwrap_or(0.0);
        check(
            "grad_noise",
            grad_noise,
            grad_noise >= 0.0 && grad_noise.is_finite(),
            "non-negative",
        )?;
        if let Some(c) = raw.grad_clip {
            check("grad_clip", c, c > 0.0 && c.is_finite(), "null-or-positive")?;
        }
        let val_shift = finite_pair("val_shift", raw.val_shift.unwrap_or([0.0, 0.0]))?;
        let eval_every = raw.eval_every.unwrap_or(1);
        if eval_every < 1 {
            return Err(ScenarioError::new(
                "eval_every",
                Problem::new("at-least").arg("min", 1),
            ));
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
                Problem::new("no-optimizer"),
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

/// `Ok` when `ok`, else the problem `rule` (an id such as `positive`) about `field`,
/// quoting the value.
pub(crate) fn check(
    field: &str,
    value: f64,
    ok: bool,
    rule: &'static str,
) -> Result<(), ScenarioError> {
    if ok {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            Problem::new(rule).arg("got", Shortest(value)),
        ))
    }
}

/// `value` if finite.
pub(crate) fn finite(field: &str, value: f64) -> Result<f64, ScenarioError> {
    check(field, value, value.is_finite(), "not-finite")?;
    Ok(value)
}

/// `p` as a point if both coordinates are finite.
pub(crate) fn finite_pair(field: &str, p: [f64; 2]) -> Result<Vec2, ScenarioError> {
    for (i, v) in p.iter().enumerate() {
        finite(&format!("{field}[{i}]"), *v)?;
    }
    Ok(Vec2::new(p[0], p[1]))
}

/// Rejects fields that belong to another kind, naming the ones this kind takes.
pub(crate) fn only_fields(
    prefix: &str,
    kind: &str,
    present: &[&str],
    allowed: &[&str],
) -> Result<(), ScenarioError> {
    for name in present {
        if !allowed.contains(name) {
            let problem = if allowed.is_empty() {
                Problem::new("not-a-field-none").arg("kind", kind)
            } else {
                Problem::new("not-a-field")
                    .arg("kind", kind)
                    .arg("fields", allowed.join(", "))
            };
            return Err(ScenarioError::new(format!("{prefix}.{name}"), problem));
        }
    }
    Ok(())
}

fn unknown_kind(field: &str, kind: &str, known: &[&str]) -> ScenarioError {
    ScenarioError::new(
        field,
        Problem::new("unknown-kind")
            .arg("kind", kind)
            .arg("known", known.join(", ")),
    )
}

fn surface_to_raw(s: &SurfaceSpec) -> RawSurface {
    let mut r = RawSurface {
        kind: s.kind().to_string(),
        ..Default::default()
    };
    match s {
        SurfaceSpec::GeneratedLinreg { gen_, batch_size } => gen_.write_raw(*batch_size, &mut r),
        SurfaceSpec::Fixed(surface) => surface.write_raw(&mut r),
    }
    r
}

fn positive(field: &str, v: f64) -> Result<f64, ScenarioError> {
    check(field, v, v > 0.0 && v.is_finite(), "positive")?;
    Ok(v)
}

fn non_negative(field: &str, v: f64) -> Result<f64, ScenarioError> {
    check(field, v, v >= 0.0 && v.is_finite(), "non-negative")?;
    Ok(v)
}

fn optimizer_from_raw(p: &str, r: &RawOptimizer) -> Result<OptimizerConfig, ScenarioError> {
    let Some(info) = info_of(&r.kind) else {
        return Err(unknown_kind(&format!("{p}.kind"), &r.kind, OPTIMIZER_KINDS));
    };
    let f = |name: &str| format!("{p}.{name}");
    let names: Vec<&str> = info.params.iter().map(|s| s.name).collect();
    let present: Vec<&str> = r.params.iter().map(|(n, _)| n.as_str()).collect();
    only_fields(p, &r.kind, &present, &names)?;
    let values = read_params(info.params, &r.params)
        .map_err(|(name, problem)| ScenarioError::new(f(&name), problem))?;
    let kind = OptimizerKind::with_values(info.id, &values).expect("a registered kind");
    let lr = positive(&f("lr"), r.lr.unwrap_or(info.default_lr))?;
    let color = r
        .color
        .as_deref()
        .map(|c| {
            parse_color(c)
                .ok_or_else(|| ScenarioError::new(f("color"), Problem::new("color").arg("got", c)))
        })
        .transpose()?;
    let schedule = r
        .schedule
        .as_ref()
        .map(|s| schedule_from_raw(&f("schedule"), s))
        .transpose()?;
    let ema_decay = r
        .ema_decay
        .map(|d| check(&f("ema_decay"), d, (0.0..1.0).contains(&d), "unit-or-null").map(|()| d))
        .transpose()?;
    Ok(OptimizerConfig {
        kind,
        lr,
        label: r.label.clone(),
        color,
        schedule,
        ema_decay,
    })
}

fn optimizer_to_raw(o: &OptimizerConfig) -> RawOptimizer {
    RawOptimizer {
        kind: o.kind.name().to_string(),
        lr: Some(o.lr),
        params: write_params(o.kind.info().params, &o.kind.values()),
        label: o.label.clone(),
        color: o.color.map(format_color),
        schedule: o.schedule.as_ref().map(schedule_to_raw),
        ema_decay: o.ema_decay,
    }
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
    let present: Vec<&str> = [
        ("milestones", r.milestones.is_some()),
        ("gamma", r.gamma.is_some()),
        ("total_steps", r.total_steps.is_some()),
        ("lr_min", r.lr_min.is_some()),
        ("factor", r.factor.is_some()),
        ("patience", r.patience.is_some()),
        ("min_delta", r.min_delta.is_some()),
        ("cooldown", r.cooldown.is_some()),
    ]
    .into_iter()
    .filter_map(|(n, on)| on.then_some(n))
    .collect();
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
                    Problem::new("cosine-total"),
                ));
            };
            if total_steps <= warmup_steps {
                return Err(ScenarioError::new(
                    f("total_steps"),
                    Problem::new("total-after-warmup")
                        .arg("warmup", warmup_steps)
                        .arg("got", total_steps),
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
                "open-unit",
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
            Problem::new("at-least").arg("min", 1),
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
                Problem::new("view-order")
                    .arg("axis", axis)
                    .arg("lo", Shortest(lo))
                    .arg("hi", Shortest(hi)),
            ));
        }
        let largest = lo.abs().max(hi.abs());
        if largest > MAX_VIEW_COORD {
            return Err(ScenarioError::new(
                field,
                Problem::new("view-bound")
                    .arg("bound", Shortest(MAX_VIEW_COORD))
                    .arg("lo", Shortest(lo))
                    .arg("hi", Shortest(hi)),
            ));
        }
        let span = hi - lo;
        if span < MIN_VIEW_SPAN || span < MIN_VIEW_SPAN_REL * largest {
            return Err(ScenarioError::new(
                field,
                Problem::new("view-span")
                    .arg("span", Shortest(span))
                    .arg("min", Shortest(MIN_VIEW_SPAN))
                    .arg("rel", Shortest(MIN_VIEW_SPAN_REL))
                    .arg("lo", Shortest(lo))
                    .arg("hi", Shortest(hi)),
            ));
        }
    }
    Ok(View { x: v.x, y: v.y })
}
