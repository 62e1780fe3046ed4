//! The shape every log format is read into, and the one builder that picks the columns and
//! makes the runs.

use std::collections::{BTreeMap, HashMap};

use super::{Loc, LogError, LogRun, ReadOptions, one_line};

/// Step column names, in order of preference.
const STEP_NAMES: [&str; 7] = [
    "step",
    "t",
    "epoch",
    "iteration",
    "iter",
    "global_step",
    "_step",
];
/// Training-loss names. Among the ones present, the most populated wins (see [`pick`]).
const TRAIN_NAMES: [&str; 8] = [
    "train_loss",
    "training_loss",
    "loss",
    "train/loss",
    "loss/train",
    "train/epoch_loss",
    "epoch_loss",
    "train/epoch/loss",
];
/// Validation-loss names, most preferred first.
const VAL_NAMES: [&str; 15] = [
    "val_loss",
    "valid_loss",
    "validation_loss",
    "eval_loss",
    "val/loss",
    "valid/loss",
    "validation/loss",
    "eval/loss",
    "loss/val",
    "loss/valid",
    "loss/validation",
    "loss/eval",
    "validation/epoch_loss",
    "val_epoch_loss",
    "validation/epoch/loss",
];
/// Test loss stands in for validation only when no validation column has values.
const TEST_NAMES: [&str; 2] = ["test_loss", "test/loss"];
/// Learning-rate names; any name starting with `lr_` or `lr/` too (Lightning's `lr-Adam`).
const LR_NAMES: [&str; 6] = [
    "lr",
    "learning_rate",
    "train/learning_rate",
    "epoch_learning_rate",
    "train/epoch_learning_rate",
    "train/lr",
];
/// Suffixes Lightning appends when a metric is logged per step and per epoch.
const SUFFIXES: [&str; 2] = ["_step", "_epoch"];
/// The column that groups the rows of the program's own `run --format csv` output.
const RUN_NAME: &str = "run";

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Empty (the metric was not logged on this row).
    Blank,
    /// A number (`NaN`/`inf` included).
    Num(f64),
    /// Anything else, kept for the error message.
    Text(String),
}

/// One row: where it is in the file, its step when the format carries one outside the
/// columns, and one cell per column.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub at: Loc,
    pub step: Option<f64>,
    pub cells: Vec<Cell>,
}

/// A log as named columns and rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Column names, as written.
    pub names: Vec<String>,
    pub rows: Vec<Row>,
    /// Decimal commas are accepted (the separator is not a comma).
    pub decimal_comma: bool,
}

/// Which curve a column was chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The training loss.
    Train,
    /// The validation loss.
    Val,
    /// The learning rate.
    Lr,
}

impl Role {
    /// `train`, `val`, `lr`.
    pub fn id(self) -> &'static str {
        match self {
            Role::Train => "train",
            Role::Val => "val",
            Role::Lr => "lr",
        }
    }
}

/// A column chosen among several that could play the same role: which one, which other, and
/// how many values each has (the populated one wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChoice {
    /// The role.
    pub role: Role,
    /// The column used, as written (with its 1-based position when names repeat).
    pub used: String,
    /// Its number of values.
    pub used_values: usize,
    /// The strongest other candidate, as written.
    pub other: String,
    /// Its number of values.
    pub other_values: usize,
}

/// Lower-case, with spaces and hyphens turned into `_`.
pub(crate) fn normalize(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// The name without a Lightning `_step`/`_epoch` suffix.
fn base(name: &str) -> &str {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
}

/// A cell as a number: `None` when blank (missing), `Err` when it is not a number.
pub(crate) fn parse_cell(cell: &str, decimal_comma: bool) -> Result<Option<f64>, ()> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    if let Ok(v) = cell.parse::<f64>() {
        return Ok(Some(v));
    }
    // With `;` or tab as separator, a decimal comma is common ("0,25").
    if decimal_comma
        && cell.matches(',').count() == 1
        && let Ok(v) = cell.replace(',', ".").parse::<f64>()
    {
        return Ok(Some(v));
    }
    match cell.to_ascii_lowercase().as_str() {
        "-nan" | "+nan" => Ok(Some(f64::NAN)),
        "na" | "n/a" | "null" | "none" => Ok(None),
        _ => Err(()),
    }
}

impl Table {
    /// The cell at `row`, `col` as a number (`None` when blank), or the error naming it.
    fn num(&self, row: &Row, col: usize) -> Result<Option<f64>, LogError> {
        match &row.cells[col] {
            Cell::Blank => Ok(None),
            Cell::Num(v) => Ok(Some(*v)),
            Cell::Text(t) => parse_cell(t, self.decimal_comma).map_err(|()| LogError::BadNumber {
                at: row.at,
                column: one_line(self.names[col].trim()),
                text: one_line(t.trim()),
            }),
        }
    }

    /// How many rows have something in column `col`.
    fn populated(&self, col: usize) -> usize {
        self.rows
            .iter()
            .filter(|r| !matches!(r.cells[col], Cell::Blank))
            .count()
    }

    fn written(&self) -> String {
        one_line(
            &self
                .names
                .iter()
                .map(|n| n.trim())
                .collect::<Vec<_>>()
                .join(", "),
        )
    }

    /// A column's name for a message: with its position when another column has the same name.
    fn label(&self, col: usize) -> String {
        let n = normalize(&self.names[col]);
        let name = self.names[col].trim().to_string();
        if self
            .names
            .iter()
            .enumerate()
            .any(|(i, o)| i != col && normalize(o) == n)
        {
            format!("{name} (column {})", col + 1)
        } else {
            name
        }
    }
}

/// How [`build`] treats rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rows {
    /// One row per step as written; a step that goes back starts a new (appended) run and
    /// only the last is kept (Keras, `run --format csv`).
    AsWritten,
    /// Rows with the same step are one row (Lightning, Hugging Face, TensorBoard, MLflow,
    /// W&B): the metrics of a step may be written on separate rows.
    MergeByStep,
}

/// The columns of each role.
struct Columns {
    step: Option<usize>,
    train: usize,
    val: Option<usize>,
    lr: Option<usize>,
    run: Option<usize>,
}

/// Picks the column for a role: the one named with an option when given; else, among the
/// columns whose name (without a Lightning suffix) is one of `tiers`' names, the most
/// populated of the first tier that has values (ties: the name listed first, then the
/// leftmost). A second candidate with values is recorded as a [`ColumnChoice`].
fn pick(
    table: &Table,
    names: &[String],
    role: Role,
    given: Option<&str>,
    tiers: &[&[&str]],
    choices: &mut Vec<ColumnChoice>,
) -> Result<Option<usize>, LogError> {
    if let Some(given) = given {
        let wanted = normalize(given);
        return names
            .iter()
            .position(|n| *n == wanted)
            .map(Some)
            .ok_or_else(|| LogError::NoSuchColumn {
                role: role.id(),
                name: one_line(given),
                found: table.written(),
            });
    }
    for tier in tiers {
        let rank = |name: &str| {
            tier.iter().position(|c| *c == name).or_else(|| {
                (role == Role::Lr && (name.starts_with("lr_") || name.starts_with("lr/")))
                    .then_some(tier.len())
            })
        };
        // (values, -rank of name, -rank of suffix, -column) so that max is the best.
        let mut candidates: Vec<(usize, usize, usize, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(col, n)| {
                let exact = rank(n).map(|r| (r, 0));
                let suffixed = || {
                    let b = base(n);
                    if b == n {
                        return None;
                    }
                    let r = rank(b)?;
                    let s = SUFFIXES.iter().position(|s| n.ends_with(s))?;
                    Some((r, 1 + s))
                };
                let (r, s) = exact.or_else(suffixed)?;
                Some((table.populated(col), r, s, col))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let Some(&(values, _, _, col)) = candidates.first() else {
            continue;
        };
        if values == 0 && tiers.len() > 1 {
            continue;
        }
        if let Some(&(other_values, _, _, other)) = candidates.get(1)
            && other_values > 0
        {
            choices.push(ColumnChoice {
                role,
                used: table.label(col),
                used_values: values,
                other: table.label(other),
                other_values,
            });
        }
        return Ok(Some(col));
    }
    Ok(None)
}

/// Makes the runs of a table (see [`Rows`]); `hint` explains a header that did not split.
pub(crate) fn build(
    table: &Table,
    options: &ReadOptions,
    rows: Rows,
    hint: &str,
) -> Result<Vec<LogRun>, LogError> {
    let names: Vec<String> = table.names.iter().map(|n| normalize(n)).collect();
    let mut choices = Vec::new();
    let step = STEP_NAMES
        .iter()
        .find_map(|c| names.iter().position(|n| n == c));
    let train = pick(
        table,
        &names,
        Role::Train,
        options.train.as_deref(),
        &[&TRAIN_NAMES],
        &mut choices,
    )?
    .ok_or_else(|| LogError::NoTrainColumn {
        found: table.written(),
        hint: hint.to_string(),
    })?;
    let val = pick(
        table,
        &names,
        Role::Val,
        options.val.as_deref(),
        &[&VAL_NAMES, &TEST_NAMES],
        &mut choices,
    )?;
    let lr = pick(
        table,
        &names,
        Role::Lr,
        options.lr.as_deref(),
        &[&LR_NAMES],
        &mut choices,
    )?;
    let run = match rows {
        Rows::AsWritten => names.iter().position(|n| n == RUN_NAME),
        Rows::MergeByStep => None,
    };
    let columns = Columns {
        step,
        train,
        val,
        lr,
        run,
    };
    if table.rows.is_empty() {
        return Err(LogError::NoRows);
    }
    let mut runs: Vec<RunRows> = Vec::new();
    let mut run_index: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let name = match (columns.run, row.cells.get(columns.run.unwrap_or(0))) {
            (Some(_), Some(Cell::Text(t))) => t.trim().to_string(),
            (Some(_), Some(Cell::Num(v))) => format!("{v}"),
            _ => String::new(),
        };
        let at = *run_index.entry(name.clone()).or_insert_with(|| {
            runs.push(RunRows::new(name));
            runs.len() - 1
        });
        let step = match (row.step, columns.step) {
            (Some(s), _) => Some(s),
            (None, Some(c)) => table.num(row, c)?.filter(|s| s.is_finite()),
            (None, None) => None,
        };
        let cell = |c: Option<usize>| c.map(|c| table.num(row, c)).transpose();
        runs[at].push(
            step,
            table.num(row, columns.train)?,
            cell(columns.val)?.flatten(),
            cell(columns.lr)?.flatten(),
        );
    }
    Ok(runs
        .into_iter()
        .map(|r| {
            let mut run = r.finish(columns.lr.is_some(), rows);
            run.choices = choices.clone();
            run
        })
        .collect())
}

/// One data row: its step, and each value when the cell was not blank.
struct Point {
    step: f64,
    train: Option<f64>,
    val: Option<f64>,
    lr: Option<f64>,
}

/// The rows of one run as they come, before the last appended segment is picked.
struct RunRows {
    name: String,
    rows: Vec<Point>,
    /// Index of the first row of the latest segment (after the last restart of the steps).
    segment_start: usize,
}

impl RunRows {
    fn new(name: String) -> RunRows {
        RunRows {
            name,
            rows: Vec::new(),
            segment_start: 0,
        }
    }

    fn push(&mut self, step: Option<f64>, train: Option<f64>, val: Option<f64>, lr: Option<f64>) {
        let previous = self.rows.last().map(|r| r.step);
        // Without a step (no column, or a blank cell) rows count on from the previous one.
        let step = step.unwrap_or(match previous {
            Some(p) => p + 1.0,
            None => 0.0,
        });
        if previous.is_some_and(|p| step < p) {
            self.segment_start = self.rows.len();
        }
        self.rows.push(Point {
            step,
            train,
            val,
            lr,
        });
    }

    fn finish(self, has_lr: bool, mode: Rows) -> LogRun {
        let mut run = LogRun {
            name: self.name,
            ..LogRun::default()
        };
        let points: Vec<Point> = match mode {
            Rows::AsWritten => self.rows.into_iter().skip(self.segment_start).collect(),
            Rows::MergeByStep => {
                // Keyed by the step's bits in an order-preserving way; a later value of the
                // same metric at the same step replaces an earlier one.
                let mut merged: BTreeMap<u64, Point> = BTreeMap::new();
                for p in self.rows {
                    let key = order_key(p.step);
                    let slot = merged.entry(key).or_insert(Point {
                        step: p.step,
                        train: None,
                        val: None,
                        lr: None,
                    });
                    slot.train = p.train.or(slot.train);
                    slot.val = p.val.or(slot.val);
                    slot.lr = p.lr.or(slot.lr);
                }
                merged.into_values().collect()
            }
        };
        let mut lr = Vec::new();
        let mut last_lr = f64::NAN;
        for p in &points {
            // A rate logged on its own row holds until the next one (Lightning's monitor).
            if let Some(rate) = p.lr {
                last_lr = rate;
            }
            // A row without a training loss is not a training point (e.g. a validation row).
            if let Some(train) = p.train {
                run.steps.push(p.step);
                run.train.push(train);
                lr.push(match mode {
                    Rows::AsWritten => p.lr.unwrap_or(f64::NAN),
                    Rows::MergeByStep => last_lr,
                });
            }
            // A row without a validation loss simply was not an evaluation.
            if let Some(val) = p.val {
                run.val_steps.push(p.step);
                run.val.push(val);
            }
        }
        if has_lr && lr.iter().any(|r| !r.is_nan()) {
            run.lr = Some(lr);
        }
        run
    }
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
