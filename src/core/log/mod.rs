//! Training-log readers for `diagnose` (SPEC §10), one module per format: Keras `CSVLogger`
//! (and the program's own `run --format csv`), Lightning `metrics.csv`, Hugging Face
//! `trainer_state.json`, TensorBoard event files, Weights & Biases CSV exports and MLflow
//! metric files.
//!
//! Every format is first turned into a `table::Table` (named columns, rows with a step), and
//! one builder picks the step, training-loss, validation-loss and learning-rate columns and
//! makes the runs, so that every format follows the same column rules.

mod hf;
mod keras;
mod lightning;
mod mlflow;
mod table;
mod tensorboard;
mod wandb;

use std::path::{Path, PathBuf};

use super::diagnosis::Series;
use super::scenario::Problem;

pub use table::{ColumnChoice, Role};

/// The log formats `diagnose` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogFormat {
    /// A CSV with a header row: Keras `CSVLogger`, a pandas history, `run --format csv`.
    Keras,
    /// PyTorch Lightning's `CSVLogger` `metrics.csv` (sparse rows merged by step).
    Lightning,
    /// Hugging Face `Trainer`'s `trainer_state.json` (`log_history`).
    Hf,
    /// TensorBoard event files (`events.out.tfevents.*`).
    Tensorboard,
    /// A Weights & Biases CSV export (`Step`, `<run> - <metric>`).
    Wandb,
    /// MLflow metric files (`mlruns/<exp>/<run>/metrics/<name>`).
    Mlflow,
}

impl LogFormat {
    /// Every format, in the order `--log-format` lists them.
    pub const ALL: [LogFormat; 6] = [
        LogFormat::Keras,
        LogFormat::Lightning,
        LogFormat::Hf,
        LogFormat::Tensorboard,
        LogFormat::Wandb,
        LogFormat::Mlflow,
    ];

    /// The name `--log-format` takes.
    pub fn id(self) -> &'static str {
        match self {
            LogFormat::Keras => "keras",
            LogFormat::Lightning => "lightning",
            LogFormat::Hf => "hf",
            LogFormat::Tensorboard => "tensorboard",
            LogFormat::Wandb => "wandb",
            LogFormat::Mlflow => "mlflow",
        }
    }
}

/// The curves of one run read from a log.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogRun {
    /// The run's name in the log (a `run` column, a W&B run, an MLflow run name); empty when
    /// the log does not name it (name it after the file).
    pub name: String,
    /// Step of each row that has a training loss.
    pub steps: Vec<f64>,
    /// Training loss at each of `steps` (`NaN`/`inf` kept as written).
    pub train: Vec<f64>,
    /// Step of each row that has a validation loss.
    pub val_steps: Vec<f64>,
    /// Validation loss at each of `val_steps`.
    pub val: Vec<f64>,
    /// Learning rate at each of `steps` (the last one logged at or before the step; `NaN`
    /// before the first), when the log has one.
    pub lr: Option<Vec<f64>>,
    /// Where a column had to be chosen among several candidates: stated, never silent.
    pub choices: Vec<ColumnChoice>,
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
            diverged_at: None,
        }
    }
}

/// Column names given on the command line (`--train`, `--val`, `--lr`), and a format that
/// overrides detection (`--log-format`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format to read, instead of detecting it.
    pub format: Option<LogFormat>,
    /// The training-loss column or tag.
    pub train: Option<String>,
    /// The validation-loss column or tag.
    pub val: Option<String>,
    /// The learning-rate column or tag.
    pub lr: Option<String>,
}

/// Why a log could not be read, as data: the language layer (`lang::log_error`) words it
/// as one line naming the line, entry or record and what was expected there; `Display` is
/// a technical form for logs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LogError {
    /// Nothing but white space.
    #[error("empty")]
    Empty,
    /// A header row and nothing else.
    #[error("no-rows")]
    NoRows,
    /// Control characters where text was expected.
    #[error("not-text")]
    NotText,
    /// None of the training-loss names is among the columns.
    #[error("no-train-column (found={found}{hint})")]
    NoTrainColumn {
        /// The column names, as written.
        found: String,
        /// `separator` when the header did not split at all (an unsupported separator),
        /// else empty.
        hint: String,
    },
    /// A column named on the command line is not there.
    #[error("no-such-column (name={name}, role={role}, found={found})")]
    NoSuchColumn {
        /// `train`, `val` or `lr`.
        role: &'static str,
        /// The name as given.
        name: String,
        /// The column names, as written.
        found: String,
    },
    /// A row with a different number of cells than the header.
    #[error("{line}: ragged (found={found}, expected={expected})")]
    Ragged {
        /// 1-based line number in the file.
        line: u64,
        /// Number of header cells.
        expected: usize,
        /// Number of cells on this line.
        found: usize,
    },
    /// A cell that should be a number and is not.
    #[error("{at}: bad-number (text={text}, column={column})")]
    BadNumber {
        /// Where: `line 5`, `log_history entry 3`.
        at: Loc,
        /// The column's name, as written.
        column: String,
        /// The cell, as written.
        text: String,
    },
    /// The CSV itself is malformed (e.g. an unterminated quote).
    #[error("{line}: csv ({message})")]
    Csv {
        /// 1-based line number in the file.
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },
    /// Something other than what the format has at a place in the file.
    #[error("{at}: {}", problem.id)]
    At {
        /// Where: `line 2`, `record 4 (byte 96)`, `log_history entry 7`.
        at: Loc,
        /// What was expected there, and what was found.
        problem: Problem,
    },
    /// The file as a whole is not what the format needs.
    #[error("{}", .0.id)]
    Format(Problem),
}

/// A place in a log file, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    /// 1-based line.
    Line(u64),
    /// 1-based line and column.
    LineColumn(u64, u64),
    /// 0-based entry of a JSON array (`log_history`).
    Entry(usize),
    /// 1-based TFRecord record and its byte offset.
    Record(usize, u64),
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Loc::Line(l) => write!(f, "{l}"),
            Loc::LineColumn(l, c) => write!(f, "{l}:{c}"),
            Loc::Entry(i) => write!(f, "log_history[{i}]"),
            Loc::Record(i, byte) => write!(f, "record[{i}]@{byte}"),
        }
    }
}

/// A [`LogError`] in a named file (a directory's log may be several files).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct PathError {
    /// The file (or directory) at fault.
    pub path: PathBuf,
    /// What is wrong there.
    pub error: LogError,
}

impl PathError {
    fn new(path: &Path, error: LogError) -> PathError {
        PathError {
            path: path.to_path_buf(),
            error,
        }
    }

    fn cannot_read(path: &Path, e: &std::io::Error) -> PathError {
        PathError::new(
            path,
            LogError::Format(Problem::new("text-io").arg("detail", e)),
        )
    }
}

/// What [`read_path`] found: the runs, the format they were read as, and the file(s).
#[derive(Debug, Clone, PartialEq)]
pub struct LogRead {
    /// The runs, in the order the log has them.
    pub runs: Vec<LogRun>,
    /// The format read.
    pub format: LogFormat,
    /// The file that was read (for a directory, the log found in it).
    pub path: PathBuf,
}

/// Reads a CSV training log (Keras `CSVLogger`, a pandas history, `run --format csv`): one
/// [`LogRun`] per value of a `run` column in order of first appearance, or a single unnamed
/// run. When the step column restarts, runs were appended and only the last one is kept.
pub fn read_log(text: &str) -> Result<Vec<LogRun>, LogError> {
    keras::read(text, &ReadOptions::default())
}

/// Reads a training log given as files by name and contents, as the web page gets them
/// (no paths, no folders): one file of any [`LogFormat`] (told apart as [`detect`] does,
/// by name and first bytes), or the metric files of one MLflow run together, each named
/// after its metric (a run's `metrics/` folder cannot be given whole). An error names the
/// file at fault, or every file when it is about all of them.
pub fn read_named_files(files: &[(&str, &[u8])]) -> Result<(LogFormat, Vec<LogRun>), PathError> {
    let options = ReadOptions::default();
    let all = || PathBuf::from(files.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "));
    match files {
        [] => Err(PathError::new(Path::new(""), LogError::Empty)),
        [(name, bytes)] => read_named_file(name, bytes, &options).map_err(|e| PathError {
            path: PathBuf::from(name),
            error: e,
        }),
        _ => {
            // Metric files by their first line (a bad line further on is then reported
            // in its file, at its line).
            let metrics = files.iter().all(|(_, bytes)| {
                let head = &bytes[..bytes.len().min(4096)];
                let first = String::from_utf8_lossy(head);
                let first = first.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                !tensorboard::looks_like(bytes) && mlflow::looks_like(first)
            });
            if !metrics {
                return Err(PathError::new(
                    &all(),
                    LogError::Format(Problem::new("log-several").arg("n", files.len())),
                ));
            }
            mlflow::read_named(files, &options)
                .map(|runs| (LogFormat::Mlflow, runs))
                .map_err(|(i, error)| PathError {
                    path: i.map_or_else(all, |i| PathBuf::from(files[i].0)),
                    error,
                })
        }
    }
}

/// One file of [`read_named_files`].
fn read_named_file(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(LogFormat, Vec<LogRun>), LogError> {
    use super::text::{DecodeError, MAX_LOG_BYTES, TextError, decode_text, utf16_order};
    let lower = name.to_lowercase();
    if lower.starts_with("events.out.tfevents") || tensorboard::looks_like(bytes) {
        return tensorboard::read_bytes(bytes, options).map(|r| (LogFormat::Tensorboard, r));
    }
    // Refused and decoded as `read_path` refuses and decodes a file.
    let text_error = |e: TextError| LogError::Format(e.problem());
    if bytes.len() as u64 > MAX_LOG_BYTES {
        return Err(text_error(TextError::TooBig {
            limit: MAX_LOG_BYTES,
            what: "log",
        }));
    }
    if utf16_order(bytes).is_none() && bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(LogError::NotText);
    }
    let text = decode_text(bytes.to_vec()).map_err(|e| {
        text_error(match e {
            DecodeError::Utf16 { byte } => TextError::Utf16 { byte },
            DecodeError::Utf8 { byte, line } => TextError::LogUtf8 { line, byte },
        })
    })?;
    let start = text.trim_start();
    if start.starts_with('{') || lower.ends_with(".json") {
        return hf::read(&text, options).map(|r| (LogFormat::Hf, r));
    }
    let header = start.lines().next().unwrap_or("");
    let format = if wandb::looks_like(header) {
        LogFormat::Wandb
    } else if lower == "metrics.csv" || lightning::looks_like(header) {
        LogFormat::Lightning
    } else if mlflow::looks_like(&text) {
        LogFormat::Mlflow
    } else {
        LogFormat::Keras
    };
    match format {
        LogFormat::Lightning => lightning::read(&text, options),
        LogFormat::Wandb => wandb::read(&text, options),
        LogFormat::Mlflow => {
            mlflow::read_named(&[(name, bytes)], options).map_err(|(_, error)| error)
        }
        _ => keras::read(&text, options),
    }
    .map(|r| (format, r))
}

/// Reads the training log at `path`: a file of any of the [`LogFormat`]s (detected from its
/// name and contents unless `options.format` says), or a directory searched for one.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<LogRead, PathError> {
    let meta = std::fs::metadata(path).map_err(|e| PathError::cannot_read(path, &e))?;
    let (file, format) = if meta.is_dir() {
        find_log(path, options.format)?
    } else {
        let format = match options.format {
            Some(f) => f,
            None => detect(path)?,
        };
        (path.to_path_buf(), format)
    };
    let runs = match format {
        LogFormat::Tensorboard => tensorboard::read_path(&file, meta.is_dir(), options)?,
        LogFormat::Mlflow => mlflow::read_path(&file, options)?,
        _ => {
            // Capped and decoded (UTF-8 with or without a byte-order mark, UTF-16) like a
            // scenario file: a device such as /dev/urandom is refused, not read forever.
            let text =
                super::text::read_text(&file, super::text::TextKind::Log).map_err(|e| match e {
                    super::text::TextError::Binary => PathError::new(&file, LogError::NotText),
                    other => PathError::new(&file, LogError::Format(other.problem())),
                })?;
            let at = |error| PathError::new(&file, error);
            match format {
                LogFormat::Hf => hf::read(&text, options),
                LogFormat::Lightning => lightning::read(&text, options),
                LogFormat::Wandb => wandb::read(&text, options),
                _ => keras::read(&text, options),
            }
            .map_err(at)?
        }
    };
    Ok(LogRead {
        runs,
        format,
        path: file,
    })
}

/// The bytes as UTF-8 text, or an error naming the line of the first bad byte.
fn text_of(bytes: &[u8]) -> Result<String, LogError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        // Binary data (a NUL byte early on) is not a mis-encoded text file.
        if bytes.iter().take(8192).any(|b| *b == 0) {
            return LogError::NotText;
        }
        let line = bytes[..bad].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        LogError::At {
            at: Loc::Line(line),
            problem: Problem::new("log-not-utf8").arg("byte", bad),
        }
    })
}

/// The format of the file at `path`, from its name and first bytes.
pub fn detect(path: &Path) -> Result<LogFormat, PathError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.starts_with("events.out.tfevents") {
        return Ok(LogFormat::Tensorboard);
    }
    let in_mlflow_metrics = path
        .ancestors()
        .skip(1)
        .any(|a| a.file_name().is_some_and(|n| n == "metrics"));
    let mut head = Vec::new();
    {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| PathError::cannot_read(path, &e))?;
        file.take(4096)
            .read_to_end(&mut head)
            .map_err(|e| PathError::cannot_read(path, &e))?;
    }
    if tensorboard::looks_like(&head) {
        return Ok(LogFormat::Tensorboard);
    }
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || name.ends_with(".json") {
        return Ok(LogFormat::Hf);
    }
    if in_mlflow_metrics && mlflow::looks_like(&text) {
        return Ok(LogFormat::Mlflow);
    }
    let header = start.lines().next().unwrap_or("");
    if wandb::looks_like(header) {
        return Ok(LogFormat::Wandb);
    }
    if name == "metrics.csv" || lightning::looks_like(header) {
        return Ok(LogFormat::Lightning);
    }
    if mlflow::looks_like(&text) {
        return Ok(LogFormat::Mlflow);
    }
    Ok(LogFormat::Keras)
}

/// How deep a directory is searched for its log.
const SEARCH_DEPTH: usize = 4;

/// The log in directory `dir`: a Lightning `metrics.csv` (the newest `version_N`), a
/// `trainer_state.json` (the latest checkpoint's), TensorBoard event files, an MLflow run's
/// `metrics/`, or a directory's only CSV.
fn find_log(dir: &Path, wanted: Option<LogFormat>) -> Result<(PathBuf, LogFormat), PathError> {
    let mut files = Vec::new();
    walk(dir, 0, &mut files);
    let allowed = |f: LogFormat| wanted.is_none_or(|w| w == f);
    let named = |name: &str| -> Vec<&PathBuf> {
        files
            .iter()
            .filter(|p| p.file_name().is_some_and(|n| n == name))
            .collect()
    };
    // MLflow: the run directory is the one holding `metrics/`.
    if allowed(LogFormat::Mlflow) {
        let mut runs: Vec<PathBuf> = files
            .iter()
            .filter_map(|p| {
                let metrics = p.parent()?;
                (metrics.file_name()? == "metrics").then(|| metrics.to_path_buf())
            })
            .collect();
        // Nested metric names (`train/loss`) sit deeper; keep the top `metrics` folders.
        runs.sort();
        runs.dedup();
        let tops: Vec<PathBuf> = runs
            .iter()
            .filter(|r| !runs.iter().any(|o| o != *r && r.starts_with(o)))
            .cloned()
            .collect();
        match tops.len() {
            0 => {}
            1 => return Ok((tops[0].clone(), LogFormat::Mlflow)),
            n => {
                return Err(PathError::new(
                    dir,
                    LogError::Format(Problem::new("log-mlflow-many").arg("n", n)),
                ));
            }
        }
    }
    if allowed(LogFormat::Tensorboard)
        && files.iter().any(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("events.out.tfevents"))
        })
    {
        return Ok((dir.to_path_buf(), LogFormat::Tensorboard));
    }
    // The newest of several: the highest number in the path (version_3, checkpoint-800).
    let newest = |found: Vec<&PathBuf>| -> Option<PathBuf> {
        found
            .into_iter()
            .max_by_key(|p| (path_number(p), std::cmp::Reverse(p.components().count())))
            .cloned()
    };
    if allowed(LogFormat::Lightning)
        && let Some(p) = newest(named("metrics.csv"))
    {
        return Ok((p, LogFormat::Lightning));
    }
    if allowed(LogFormat::Hf)
        && let Some(p) = newest(named("trainer_state.json"))
    {
        return Ok((p, LogFormat::Hf));
    }
    let csvs: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".csv") || name == "training.log"
        })
        .collect();
    if csvs.len() == 1 {
        let format = match wanted {
            Some(f) => f,
            None => detect(csvs[0])?,
        };
        return Ok((csvs[0].clone(), format));
    }
    Err(PathError::new(
        dir,
        LogError::Format(if csvs.len() > 1 {
            Problem::new("log-none-in-dir-csvs").arg("n", csvs.len())
        } else {
            Problem::new("log-none-in-dir")
        }),
    ))
}

/// Every file under `dir`, sorted, hidden entries skipped, up to [`SEARCH_DEPTH`] levels.
fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if depth < SEARCH_DEPTH {
                walk(&p, depth + 1, out);
            }
        } else {
            out.push(p);
        }
    }
}

/// The last number in a path's folder names (`version_12` → 12), 0 when there is none.
fn path_number(p: &Path) -> u64 {
    p.parent()
        .and_then(|d| d.file_name())
        .map(|n| {
            let n = n.to_string_lossy();
            let digits: String = n
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits.parse().unwrap_or(0)
        })
        .unwrap_or(0)
}

/// Keeps an error message on one line and short, whatever the text held.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel)
    }

    /// A file as the web page gets it: its bare name and its bytes.
    fn given(path: &Path) -> (String, Vec<u8>) {
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        (name, std::fs::read(path).expect("fixture readable"))
    }

    fn read_given(files: &[(String, Vec<u8>)]) -> Result<(LogFormat, Vec<LogRun>), PathError> {
        let files: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        read_named_files(&files)
    }

    #[test]
    fn an_event_file_given_as_bytes_reads_as_from_its_path() {
        for rel in [
            "logs/tensorboard/simple/events.out.tfevents.1795943934.vm.14301.0.fixture",
            "logs/tensorboard/keras/train/events.out.tfevents.1795943934.vm.14301.1.fixture",
        ] {
            let path = fixture(rel);
            let from_path = read_path(&path, &ReadOptions::default()).expect(rel);
            assert_eq!(from_path.format, LogFormat::Tensorboard);
            let (format, runs) = read_given(&[given(&path)]).expect(rel);
            assert_eq!(format, LogFormat::Tensorboard);
            assert_eq!(runs, from_path.runs, "{rel}");
            assert!(!runs[0].train.is_empty(), "{rel}");
        }
        // Renamed (a browser download adds " (1)"): told by its first bytes.
        let path =
            fixture("logs/tensorboard/simple/events.out.tfevents.1795943934.vm.14301.0.fixture");
        let (_, bytes) = given(&path);
        let (format, _) = read_given(&[("log (1).bin".into(), bytes)]).expect("by content");
        assert_eq!(format, LogFormat::Tensorboard);
    }

    #[test]
    fn an_mlflow_runs_metric_files_given_together_read_as_its_folder() {
        let run = fixture("logs/mlflow/mlruns/0/6f1c2a");
        let from_path = read_path(&run, &ReadOptions::default()).expect("mlflow run");
        assert_eq!(from_path.format, LogFormat::Mlflow);
        let files: Vec<(String, Vec<u8>)> = ["loss", "lr", "val_loss"]
            .iter()
            .map(|m| given(&run.join("metrics").join(m)))
            .collect();
        let (format, runs) = read_given(&files).expect("metric files");
        assert_eq!(format, LogFormat::Mlflow);
        // The run's name is in a folder the page is not given.
        let unnamed: Vec<LogRun> = from_path
            .runs
            .into_iter()
            .map(|r| LogRun {
                name: String::new(),
                ..r
            })
            .collect();
        assert_eq!(runs, unnamed);
        assert!(!runs[0].val.is_empty() && runs[0].lr.is_some());

        // One metric file alone is a run with that curve only.
        let (format, runs) = read_given(&files[..1]).expect("loss alone");
        assert_eq!(format, LogFormat::Mlflow);
        assert_eq!(runs[0].train, unnamed[0].train);
        assert!(runs[0].val.is_empty());
    }

    #[test]
    fn several_files_that_are_not_one_mlflow_run_are_refused_by_name() {
        let run = fixture("logs/mlflow/mlruns/0/6f1c2a/metrics");
        let tb =
            fixture("logs/tensorboard/simple/events.out.tfevents.1795943934.vm.14301.0.fixture");
        let err = read_given(&[given(&run.join("loss")), given(&tb)]).expect_err("mixed");
        assert!(
            matches!(&err.error, LogError::Format(p) if p.id == "log-several"),
            "{err}"
        );
        assert!(
            err.path.to_string_lossy().starts_with("loss, events.out"),
            "{err}"
        );
        // A bad metric file among good ones is named.
        let bad = (
            "val_loss".to_string(),
            b"1700000000 0.5 0\n1700000001 x 1\n".to_vec(),
        );
        let err = read_given(&[given(&run.join("loss")), bad]).expect_err("bad line");
        assert_eq!(err.path, Path::new("val_loss"), "{err}");
        assert!(
            matches!(
                err.error,
                LogError::At {
                    at: Loc::Line(2),
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn text_logs_given_as_bytes_read_as_from_their_paths() {
        let dirs = [
            "logs/keras",
            "logs/hf",
            "logs/wandb",
            "logs/lightning/version_0",
        ];
        let mut read = 0;
        for dir in dirs {
            let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
                .expect("fixture folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            for path in files {
                let Ok(from_path) = read_path(&path, &ReadOptions::default()) else {
                    continue;
                };
                let (format, runs) = read_given(&[given(&path)]).expect("readable");
                assert_eq!(format, from_path.format, "{}", path.display());
                assert_eq!(runs, from_path.runs, "{}", path.display());
                read += 1;
            }
        }
        assert!(read >= 4, "{read} logs compared");
    }
}
