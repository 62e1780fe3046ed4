//! Training-log reader for `diagnose` (SPEC §10): a CSV with a header row, such as a Keras
//! `CSVLogger` file or the program's own `run --format csv` output.

use std::collections::HashMap;

use super::diagnosis::Series;

/// Step column names, in order of preference.
const STEP_NAMES: [&str; 5] = ["step", "t", "epoch", "iteration", "iter"];
/// Training-loss column names, in order of preference.
const TRAIN_NAMES: [&str; 3] = ["train_loss", "training_loss", "loss"];
/// Validation-loss column names, in order of preference (`test_loss` only when none is there).
const VAL_NAMES: [&str; 4] = ["val_loss", "valid_loss", "validation_loss", "test_loss"];
/// Learning-rate column names, in order of preference.
const LR_NAMES: [&str; 2] = ["lr", "learning_rate"];
/// The column that groups the rows of the program's own `run --format csv` output.
const RUN_NAME: &str = "run";

/// The curves of one run read from a log.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogRun {
    /// The `run` column's value; empty when the log has no `run` column (name it after the file).
    pub name: String,
    /// Step of each row that has a training loss.
    pub steps: Vec<f64>,
    /// Training loss at each of `steps` (`NaN`/`inf` kept as written).
    pub train: Vec<f64>,
    /// Step of each row that has a validation loss.
    pub val_steps: Vec<f64>,
    /// Validation loss at each of `val_steps`.
    pub val: Vec<f64>,
    /// Learning rate at each of `steps` (`NaN` where a row has none), when the log has one.
    pub lr: Option<Vec<f64>>,
}

impl LogRun {
    /// The run as input for [`diagnose`](super::diagnosis::diagnose).
    pub fn series(&self) -> Series<'_> {
        Series {
            steps: &self.steps,
            train: &self.train,
            val_steps: &self.val_steps,
            val: &self.val,
            lr: self.lr.as_deref(),
        }
    }
}

/// Why a log could not be read. Each message is one line naming the column or the line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LogError {
    /// Nothing but white space.
    #[error("the log is empty")]
    Empty,
    /// A header row and nothing else.
    #[error("the log has a header row but no data rows")]
    NoRows,
    /// Control characters where text was expected.
    #[error("the log is not a text CSV file (it contains binary data)")]
    NotText,
    /// None of the training-loss column names is in the header.
    #[error(
        "no training-loss column: expected one of train_loss, training_loss, loss \
         (the header has: {found}){hint}"
    )]
    NoTrainColumn {
        /// The header's column names, as written.
        found: String,
        /// A hint when the header did not split at all (an unsupported separator), else empty.
        hint: String,
    },
    /// A row with a different number of cells than the header.
    #[error("line {line}: {found} cells where the header has {expected}")]
    Ragged {
        /// 1-based line number in the file.
        line: u64,
        /// Number of header cells.
        expected: usize,
        /// Number of cells on this line.
        found: usize,
    },
    /// A cell that should be a number and is not.
    #[error("line {line}: cannot read '{text}' in column {column} as a number")]
    BadNumber {
        /// 1-based line number in the file.
        line: u64,
        /// The column's name, as written in the header.
        column: String,
        /// The cell, as written.
        text: String,
    },
    /// The CSV itself is malformed (e.g. an unterminated quote).
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line number in the file.
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },
}

/// Reads a training log: one [`LogRun`] per value of a `run` column in order of first
/// appearance, or a single unnamed run. When the step column restarts, runs were appended and
/// only the last one is kept.
pub fn read_log(text: &str) -> Result<Vec<LogRun>, LogError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LogError::Empty);
    }
    if text
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{fffd}')
    {
        return Err(LogError::NotText);
    }
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(LogError::Empty),
            Some(record) => {
                let record = record.map_err(|e| csv_error(text, e))?;
                if !is_blank(&record) {
                    break record;
                }
            }
        }
    };
    let written: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let names: Vec<String> = written.iter().map(|h| normalize(h)).collect();
    let find = |candidates: &[&str]| {
        candidates
            .iter()
            .find_map(|c| names.iter().position(|n| n == c))
    };
    let columns = Columns {
        step: find(&STEP_NAMES),
        train: find(&TRAIN_NAMES).ok_or_else(|| LogError::NoTrainColumn {
            found: one_line(&written.join(", ")),
            hint: if written.len() == 1 && written[0].contains(['|', ':', ' ', '/']) {
                "; the separator must be a comma, a semicolon or a tab".to_string()
            } else {
                String::new()
            },
        })?,
        val: find(&VAL_NAMES),
        lr: find(&LR_NAMES),
        run: find(&[RUN_NAME]),
    };

    let mut runs: Vec<RunRows> = Vec::new();
    let mut run_index: HashMap<String, usize> = HashMap::new();
    let mut rows = 0usize;
    for record in records {
        let record = record.map_err(|e| csv_error(text, e))?;
        if is_blank(&record) {
            continue;
        }
        let line = || line_at(text, record.position().map_or(0, |p| p.byte()));
        if record.len() != names.len() {
            return Err(LogError::Ragged {
                line: line(),
                expected: names.len(),
                found: record.len(),
            });
        }
        rows += 1;
        let cell = |col: usize| -> Result<Option<f64>, LogError> {
            parse_cell(&record[col], delimiter).map_err(|()| LogError::BadNumber {
                line: line(),
                column: one_line(&written[col]),
                text: one_line(record[col].trim()),
            })
        };
        let name = columns
            .run
            .map(|c| record[c].trim().to_string())
            .unwrap_or_default();
        let at = *run_index.entry(name.clone()).or_insert_with(|| {
            runs.push(RunRows::new(name));
            runs.len() - 1
        });
        let run = &mut runs[at];
        let step = match columns.step {
            Some(c) => cell(c)?.filter(|s| s.is_finite()),
            None => None,
        };
        run.push(
            step,
            cell(columns.train)?,
            columns.val.map(&cell).transpose()?.flatten(),
            columns.lr.map(&cell).transpose()?.flatten(),
        );
    }
    if rows == 0 {
        return Err(LogError::NoRows);
    }
    Ok(runs
        .into_iter()
        .map(|r| r.finish(columns.lr.is_some()))
        .collect())
}

/// Where each role's column is.
struct Columns {
    step: Option<usize>,
    train: usize,
    val: Option<usize>,
    lr: Option<usize>,
    run: Option<usize>,
}

/// One data row: its step, and each value when the cell was not blank.
struct Row {
    step: f64,
    train: Option<f64>,
    val: Option<f64>,
    lr: Option<f64>,
}

/// The rows of one run as they come, before the last appended segment is picked.
struct RunRows {
    name: String,
    rows: Vec<Row>,
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
        self.rows.push(Row {
            step,
            train,
            val,
            lr,
        });
    }

    fn finish(self, has_lr: bool) -> LogRun {
        let mut run = LogRun {
            name: self.name,
            ..LogRun::default()
        };
        let mut lr = Vec::new();
        for &Row {
            step,
            train,
            val,
            lr: rate,
        } in &self.rows[self.segment_start..]
        {
            // A row without a training loss is not a training point (e.g. a validation-only row).
            if let Some(train) = train {
                run.steps.push(step);
                run.train.push(train);
                lr.push(rate.unwrap_or(f64::NAN));
            }
            // A row without a validation loss simply was not an evaluation.
            if let Some(val) = val {
                run.val_steps.push(step);
                run.val.push(val);
            }
        }
        if has_lr && lr.iter().any(|r| !r.is_nan()) {
            run.lr = Some(lr);
        }
        run
    }
}

/// The separator that splits the header into the most cells: tab, `;` or `,`.
fn detect_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    // Ties go to the comma, the usual one; `;` beats `,` only when it splits more.
    [b',', b';', b'\t']
        .into_iter()
        .fold((b',', 0), |(best, most), d| {
            let count = header.bytes().filter(|b| *b == d).count();
            if count > most {
                (d, count)
            } else {
                (best, most)
            }
        })
        .0
}

/// Lower-case, with spaces and hyphens turned into `_`.
fn normalize(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// A cell as a number: `None` when blank (missing), `Err` when it is not a number.
fn parse_cell(cell: &str, delimiter: u8) -> Result<Option<f64>, ()> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    if let Ok(v) = cell.parse::<f64>() {
        return Ok(Some(v));
    }
    // With `;` or tab as separator, a decimal comma is common ("0,25").
    if delimiter != b','
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

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// The 1-based line of the record that the CSV reader started at `byte`.
///
/// The `csv` crate's own line count skips blank lines, and its byte offset points at any blank
/// lines before the record, so both are corrected here. Only called on errors.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    let newlines = bytes[..at].iter().filter(|b| **b == b'\n').count();
    newlines as u64 + 1
}

/// Keeps an error message on one line and short, whatever the cell held.
fn one_line(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX)
        .collect();
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

fn csv_error(text: &str, e: csv::Error) -> LogError {
    let line = e.position().map_or(0, |p| line_at(text, p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_string(),
        _ => one_line(&e.to_string()),
    };
    LogError::Csv { line, message }
}
