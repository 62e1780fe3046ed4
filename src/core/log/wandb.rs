//! Weights & Biases CSV exports of a chart: a `Step` column and one `<run> - <metric>` column
//! per run, with `<run> - <metric>__MIN` / `__MAX` columns (the band of a smoothed chart),
//! which are ignored. Each run becomes a [`LogRun`] named after it.

use super::keras::csv_table;
use super::table::{self, Cell, Row, Rows, Table, normalize};
use super::{LogError, LogRun, ReadOptions};
use crate::core::scenario::Problem;

/// What separates the run name from the metric in a column name.
const SEPARATOR: &str = " - ";

/// Reads a W&B CSV export.
pub(super) fn read(text: &str, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let (table, hint) = csv_table(text)?;
    let step = table
        .names
        .iter()
        .position(|n| normalize(n) == "step")
        .ok_or_else(|| LogError::Format(Problem::new("log-wandb-no-step")))?;
    // Run name → its (column, metric) pairs, in order of first appearance.
    let mut runs: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (col, name) in table.names.iter().enumerate() {
        let Some((run, metric)) = name.rsplit_once(SEPARATOR) else {
            continue;
        };
        if metric.ends_with("__MIN") || metric.ends_with("__MAX") {
            continue;
        }
        let (run, metric) = (run.trim().to_string(), metric.trim().to_string());
        match runs.iter_mut().find(|(r, _)| *r == run) {
            Some((_, cols)) => cols.push((col, metric)),
            None => runs.push((run, vec![(col, metric)])),
        }
    }
    if runs.is_empty() {
        // A plain CSV with a Step column: read it as one run.
        return table::build(&table, options, Rows::MergeByStep, &hint);
    }
    let mut out = Vec::new();
    let mut first_error = None;
    for (run, cols) in runs {
        let sub = Table {
            names: std::iter::once(table.names[step].clone())
                .chain(cols.iter().map(|(_, m)| m.clone()))
                .collect(),
            rows: table
                .rows
                .iter()
                .map(|r| Row {
                    at: r.at,
                    step: None,
                    cells: std::iter::once(r.cells[step].clone())
                        .chain(cols.iter().map(|(c, _)| r.cells[*c].clone()))
                        .collect::<Vec<Cell>>(),
                })
                .collect(),
            decimal_comma: table.decimal_comma,
        };
        match table::build(&sub, options, Rows::MergeByStep, &hint) {
            Ok(built) => out.extend(built.into_iter().map(|mut r| {
                r.name = run.clone();
                r
            })),
            // A run that logged no loss (only accuracy, say) is left out; the file fails
            // only when no run has one.
            Err(e @ LogError::NoTrainColumn { .. }) => {
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    match first_error {
        Some(e) if out.is_empty() => Err(e),
        _ => Ok(out),
    }
}

/// Whether a CSV header line is a W&B export: a `Step` column and `<run> - <metric>` ones.
pub(super) fn looks_like(header: &str) -> bool {
    let names: Vec<&str> = header
        .split(',')
        .map(|n| n.trim().trim_matches('"'))
        .collect();
    names.iter().any(|n| normalize(n) == "step") && names.iter().any(|n| n.contains(SEPARATOR))
}
