//! Hugging Face `Trainer`'s `trainer_state.json`: `log_history` is an array of entries, the
//! training ones with `loss` and `learning_rate`, the evaluation ones with `eval_loss`, each
//! with its `step`; the last entry is a summary (`train_loss`, `train_runtime`, …), which the
//! column rule passes over because `loss` has more values.
//!
//! A pandas export of the same history (a CSV) is read by the Keras reader with the same rule.

use serde_json::Value;

use crate::core::scenario::Problem;

use super::table::{self, Cell, Row, Rows, Table};
use super::{Loc, LogError, LogRun, ReadOptions, one_line};

/// Reads a `trainer_state.json`.
pub(super) fn read(text: &str, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LogError::Empty);
    }
    // Python's json module writes NaN and Infinity bare, which is not JSON; quoted, they
    // come through as the numbers they are.
    let text = quote_non_finite(text);
    let json: Value = serde_json::from_str(&text).map_err(|e| LogError::At {
        at: Loc::LineColumn(e.line() as u64, e.column() as u64),
        problem: Problem::new("log-hf-json")
            .arg("detail", one_line(&strip_position(&e.to_string()))),
    })?;
    let history = json
        .get("log_history")
        .and_then(Value::as_array)
        .ok_or_else(|| LogError::Format(Problem::new("log-hf-no-history")))?;
    if history.is_empty() {
        return Err(LogError::NoRows);
    }
    let mut table = Table::default();
    let mut rows: Vec<(Loc, Vec<(usize, Cell)>)> = Vec::new();
    for (i, entry) in history.iter().enumerate() {
        let entry = entry.as_object().ok_or_else(|| LogError::At {
            at: Loc::Entry(i),
            problem: Problem::new("log-hf-not-object").arg("found", kind(entry)),
        })?;
        let mut cells = Vec::new();
        for (key, value) in entry {
            let cell = match value {
                Value::Null => Cell::Blank,
                Value::Number(n) => Cell::Num(n.as_f64().unwrap_or(f64::NAN)),
                Value::String(s) => Cell::Text(s.clone()),
                other => Cell::Text(kind(other).to_string()),
            };
            let col = match table.names.iter().position(|n| n == key) {
                Some(c) => c,
                None => {
                    table.names.push(key.clone());
                    table.names.len() - 1
                }
            };
            cells.push((col, cell));
        }
        rows.push((Loc::Entry(i), cells));
    }
    let width = table.names.len();
    table.rows = rows
        .into_iter()
        .map(|(at, cells)| {
            let mut row = vec![Cell::Blank; width];
            for (c, cell) in cells {
                row[c] = cell;
            }
            Row {
                at,
                step: None,
                cells: row,
            }
        })
        .collect();
    table::build(&table, options, Rows::MergeByStep, "")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its own " at line L column C" (the location is given first).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Puts quotes around bare `NaN`, `Infinity` and `-Infinity` outside strings.
fn quote_non_finite(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        let word = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|w| rest.starts_with(w));
        match word {
            Some(w) => {
                out.push('"');
                out.push_str(w);
                out.push('"');
                rest = &rest[w.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}
