//! MLflow's file store: `mlruns/<experiment>/<run>/metrics/<name>`, one file per metric (a
//! name with `/` is a nested path), each line `timestamp value step` (older versions write
//! `timestamp value`, the step being the line's order). The run's name is in
//! `tags/mlflow.runName` when MLflow wrote one.

use std::path::{Path, PathBuf};

use super::table::{self, Cell, Row, Rows, Table};
use super::{Loc, LogError, LogRun, PathError, ReadOptions, one_line};
use crate::core::scenario::Problem;

/// Reads an MLflow run: `path` is the run directory, its `metrics/` directory, or one metric
/// file in it (the run's other metrics are read too).
pub(super) fn read_path(path: &Path, options: &ReadOptions) -> Result<Vec<LogRun>, PathError> {
    let metrics = metrics_dir(path).ok_or_else(|| {
        PathError::new(
            path,
            LogError::Format(Problem::new("log-mlflow-not-in-run")),
        )
    })?;
    let mut files = Vec::new();
    super::walk(&metrics, 0, &mut files);
    if files.is_empty() {
        return Err(PathError::new(
            &metrics,
            LogError::Format(Problem::new("log-mlflow-no-metrics")),
        ));
    }
    let mut table = Table::default();
    for file in &files {
        let name = file
            .strip_prefix(&metrics)
            .unwrap_or(file)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(file).map_err(|e| PathError::cannot_read(file, &e))?;
        add_metric(&mut table, name, &bytes).map_err(|e| PathError::new(file, e))?;
    }
    let at = |e| PathError::new(&metrics, e);
    let mut runs = runs_of(table, options).map_err(at)?;
    let run_dir = metrics.parent().unwrap_or(&metrics);
    let name = std::fs::read_to_string(run_dir.join("tags").join("mlflow.runName"))
        .ok()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .or_else(|| {
            run_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    for r in &mut runs {
        r.name = name.clone();
    }
    Ok(runs)
}

/// Reads metric files given by name and contents (the files of a run's `metrics/` the web
/// page was given: no folders, so no run name). An error comes with the index of the file
/// at fault, or none for the files together.
pub(super) fn read_named(
    files: &[(&str, &[u8])],
    options: &ReadOptions,
) -> Result<Vec<LogRun>, (Option<usize>, LogError)> {
    let mut table = Table::default();
    for (i, (name, bytes)) in files.iter().enumerate() {
        add_metric(&mut table, name.to_string(), bytes).map_err(|e| (Some(i), e))?;
    }
    runs_of(table, options).map_err(|e| (None, e))
}

/// Adds one metric file to `table` as the column `name`.
fn add_metric(table: &mut Table, name: String, bytes: &[u8]) -> Result<(), LogError> {
    let text = super::text_of(bytes)?;
    let col = table.names.len();
    table.names.push(name);
    for (line, step, value) in parse(&text)? {
        // Narrow for now: widened by `runs_of`, once every column is known.
        let mut cells = vec![Cell::Blank; col];
        cells.push(Cell::Num(value));
        table.rows.push(Row {
            at: Loc::Line(line),
            step: Some(step),
            cells,
        });
    }
    Ok(())
}

/// The runs of the metrics gathered in `table`.
fn runs_of(mut table: Table, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let width = table.names.len();
    for row in &mut table.rows {
        row.cells.resize(width, Cell::Blank);
    }
    table::build(&table, options, Rows::MergeByStep, "")
}

/// The `metrics` directory of the run `path` is in (or is).
fn metrics_dir(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        if path.file_name()? == "metrics" {
            return Some(path.to_path_buf());
        }
        let inside = path.join("metrics");
        if inside.is_dir() {
            return Some(inside);
        }
    }
    path.ancestors()
        .skip(1)
        .find(|a| a.file_name().is_some_and(|n| n == "metrics"))
        .map(Path::to_path_buf)
}

/// The (line, step, value) points of one metric file.
fn parse(text: &str) -> Result<Vec<(u64, f64, f64)>, LogError> {
    let mut points = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let bad = || LogError::At {
            at: Loc::Line(line_no),
            problem: Problem::new("log-mlflow-bad-line").arg("found", one_line(line.trim())),
        };
        if !(2..=3).contains(&fields.len()) {
            return Err(bad());
        }
        fields[0].parse::<u64>().map_err(|_| bad())?;
        let value = fields[1].parse::<f64>().map_err(|_| bad())?;
        let step = match fields.get(2) {
            Some(s) => s.parse::<i64>().map_err(|_| bad())? as f64,
            None => points.len() as f64,
        };
        points.push((line_no, step, value));
    }
    if points.is_empty() {
        return Err(LogError::Empty);
    }
    Ok(points)
}

/// Whether text looks like an MLflow metric file: every line two or three numbers.
pub(super) fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some()
        && lines.take(20).all(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (2..=3).contains(&f.len()) && f[0].parse::<u64>().is_ok() && f[1].parse::<f64>().is_ok()
        })
}
