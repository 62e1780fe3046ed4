//! PyTorch Lightning's `CSVLogger` `metrics.csv`: an `epoch` and a `step` column, and sparse
//! rows (training and validation metrics are written on different rows, the learning-rate
//! monitor on rows of its own), merged by step. `*_step`/`*_epoch` suffixes are understood.

use super::keras::csv_table;
use super::table::{self, Rows, normalize};
use super::{LogError, LogRun, ReadOptions};

/// Reads a Lightning `metrics.csv`.
pub(super) fn read(text: &str, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let (table, hint) = csv_table(text)?;
    table::build(&table, options, Rows::MergeByStep, &hint)
}

/// Whether a CSV header line is Lightning's: both `epoch` and `step`, or metric names with a
/// Lightning `_step`/`_epoch` suffix.
pub(super) fn looks_like(header: &str) -> bool {
    let names: Vec<String> = header.split(',').map(normalize).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    (has("epoch") && has("step"))
        || names
            .iter()
            .any(|n| n.contains("loss") && (n.ends_with("_step") || n.ends_with("_epoch")))
}
