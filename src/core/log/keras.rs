//! CSV logs with a header row: a Keras `CSVLogger` file, a pandas history export, or the
//! program's own `run --format csv` output. Also the CSV layer under the Lightning and W&B
//! readers.

use super::table::{self, Cell, Row, Rows, Table};
use super::{Loc, LogError, LogRun, ReadOptions, one_line};

/// Reads a Keras-style CSV log (rows as written; appended runs keep the last).
pub(super) fn read(text: &str, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let (table, hint) = csv_table(text)?;
    table::build(&table, options, Rows::AsWritten, &hint)
}

/// The CSV as a table, and a hint for an error when its header did not split.
pub(super) fn csv_table(text: &str) -> Result<(Table, String), LogError> {
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
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let hint = if names.len() == 1 && names[0].contains(['|', ':', ' ', '/']) {
        "separator".to_string()
    } else {
        String::new()
    };
    let mut table = Table {
        names,
        rows: Vec::new(),
        decimal_comma: delimiter != b',',
    };
    for record in records {
        let record = record.map_err(|e| csv_error(text, e))?;
        if is_blank(&record) {
            continue;
        }
        let line = line_at(text, record.position().map_or(0, |p| p.byte()));
        if record.len() != table.names.len() {
            return Err(LogError::Ragged {
                line,
                expected: table.names.len(),
                found: record.len(),
            });
        }
        let cells = record
            .iter()
            .map(|c| {
                let c = c.trim();
                if c.is_empty() {
                    Cell::Blank
                } else {
                    match c.parse::<f64>() {
                        Ok(v) => Cell::Num(v),
                        Err(_) => Cell::Text(c.to_string()),
                    }
                }
            })
            .collect();
        table.rows.push(Row {
            at: Loc::Line(line),
            step: None,
            cells,
        });
    }
    Ok((table, hint))
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

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// The 1-based line of the record that the CSV reader started at `byte`.
///
/// The `csv` crate's own line count skips blank lines, and its byte offset points at any blank
/// lines before the record, so both are corrected here.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
        at += 1;
    }
    let newlines = bytes[..at].iter().filter(|b| **b == b'\n').count();
    newlines as u64 + 1
}

fn csv_error(text: &str, e: csv::Error) -> LogError {
    let line = e.position().map_or(0, |p| line_at(text, p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_string(),
        _ => one_line(&e.to_string()),
    };
    LogError::Csv { line, message }
}
