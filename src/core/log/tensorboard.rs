//! TensorBoard event files (`events.out.tfevents.*`): TFRecord framing (length, masked
//! CRC-32C of the length, data, masked CRC-32C of the data) around protobuf `Event`s whose
//! `Summary` values hold scalars either as `simple_value` (TF1, PyTorch's `SummaryWriter`) or
//! as a one-element TF2 tensor (Keras' TensorBoard callback, `tf.summary.scalar`).
//!
//! The messages are decoded with `prost`; only the few fields read here are declared, by hand
//! with its derive macros, so that no `protoc` or `.proto` files are needed at build time
//! (prost skips the fields not declared). Only the TFRecord framing is hand-written: it is
//! 16 bytes of header and footer around each record, which no maintained crate reads on its own
//! without pulling in TensorFlow-sized dependencies.
//!
//! A directory's event files are read together; a file in a subfolder has its tags prefixed
//! with the folder (`train/epoch_loss`, `validation/epoch_loss`, as Keras writes them).

use std::path::{Path, PathBuf};

use prost::Message;

use super::table::{self, Cell, Row, Rows, Table};
use super::{Loc, LogError, LogRun, PathError, ReadOptions};
use crate::core::scenario::Problem;

/// `tensorflow.Event`: only the step and the summary.
#[derive(Clone, PartialEq, Message)]
struct Event {
    #[prost(int64, tag = "2")]
    step: i64,
    #[prost(message, optional, tag = "5")]
    summary: Option<Summary>,
}

/// `tensorflow.Summary`.
#[derive(Clone, PartialEq, Message)]
struct Summary {
    #[prost(message, repeated, tag = "1")]
    value: Vec<SummaryValue>,
}

/// `tensorflow.Summary.Value`: a tag and a scalar, as `simple_value` or as a tensor.
#[derive(Clone, PartialEq, Message)]
struct SummaryValue {
    #[prost(string, tag = "1")]
    tag: String,
    #[prost(float, optional, tag = "2")]
    simple_value: Option<f32>,
    #[prost(message, optional, tag = "8")]
    tensor: Option<TensorProto>,
}

/// `tensorflow.TensorProto`: the fields a scalar can be in.
#[derive(Clone, PartialEq, Message)]
struct TensorProto {
    #[prost(int32, tag = "1")]
    dtype: i32,
    #[prost(message, optional, tag = "2")]
    tensor_shape: Option<TensorShape>,
    #[prost(bytes = "vec", tag = "4")]
    tensor_content: Vec<u8>,
    #[prost(float, repeated, tag = "5")]
    float_val: Vec<f32>,
    #[prost(double, repeated, tag = "6")]
    double_val: Vec<f64>,
    #[prost(int32, repeated, tag = "13")]
    half_val: Vec<i32>,
}

/// `tensorflow.TensorShapeProto`.
#[derive(Clone, PartialEq, Message)]
struct TensorShape {
    #[prost(message, repeated, tag = "2")]
    dim: Vec<Dim>,
}

/// `tensorflow.TensorShapeProto.Dim`.
#[derive(Clone, PartialEq, Message)]
struct Dim {
    #[prost(int64, tag = "1")]
    size: i64,
}

/// TensorFlow's `DataType` values for the scalar types read.
const DT_FLOAT: i32 = 1;
const DT_DOUBLE: i32 = 2;
const DT_HALF: i32 = 19;

/// Reads the event file at `path`, or every event file under the directory `path`.
pub(super) fn read_path(
    path: &Path,
    is_dir: bool,
    options: &ReadOptions,
) -> Result<Vec<LogRun>, PathError> {
    let files: Vec<PathBuf> = if is_dir {
        let mut all = Vec::new();
        super::walk(path, 0, &mut all);
        all.into_iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("events.out.tfevents"))
            })
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    let mut table = Table::default();
    for file in &files {
        let prefix = if is_dir {
            file.parent()
                .and_then(|d| d.strip_prefix(path).ok())
                .map(|d| {
                    d.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_default()
        } else {
            String::new()
        };
        let bytes = std::fs::read(file).map_err(|e| PathError::cannot_read(file, &e))?;
        add_events(&mut table, &prefix, &bytes).map_err(|e| PathError::new(file, e))?;
    }
    runs_of(table, options).map_err(|e| PathError::new(path, e))
}

/// Reads one event file's contents (a file the web page was given: no path, no folder).
pub(super) fn read_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    let mut table = Table::default();
    add_events(&mut table, "", bytes)?;
    runs_of(table, options)
}

/// Adds the scalars of one event file to `table`, a column per tag (prefixed with the
/// file's folder within the directory read, if any).
fn add_events(table: &mut Table, prefix: &str, bytes: &[u8]) -> Result<(), LogError> {
    for (record, step, tag, value) in read_events(bytes)? {
        let name = if prefix.is_empty() {
            tag
        } else {
            format!("{prefix}/{tag}")
        };
        let col = match table.names.iter().position(|n| *n == name) {
            Some(c) => c,
            None => {
                table.names.push(name);
                table.names.len() - 1
            }
        };
        let mut cells = vec![Cell::Blank; col];
        cells.push(Cell::Num(value));
        table.rows.push(Row {
            at: record,
            step: Some(step),
            cells,
        });
    }
    Ok(())
}

/// The runs of the scalars gathered in `table`.
fn runs_of(mut table: Table, options: &ReadOptions) -> Result<Vec<LogRun>, LogError> {
    if table.rows.is_empty() {
        return Err(LogError::Format(Problem::new("log-tb-no-scalars")));
    }
    let width = table.names.len();
    for row in &mut table.rows {
        row.cells.resize(width, Cell::Blank);
    }
    table::build(&table, options, Rows::MergeByStep, "")
}

/// Every scalar of an event file: (record, step, tag, value).
fn read_events(bytes: &[u8]) -> Result<Vec<(Loc, f64, String, f64)>, LogError> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut index = 0usize;
    while at < bytes.len() {
        index += 1;
        let loc = Loc::Record(index, at as u64);
        let bad = |problem: Problem| LogError::At { at: loc, problem };
        let header = bytes
            .get(at..at + 12)
            .ok_or_else(|| bad(Problem::new("log-tb-truncated-header")))?;
        let len_bytes: [u8; 8] = header[..8].try_into().unwrap_or_default();
        let len_crc = u32::from_le_bytes(header[8..12].try_into().unwrap_or_default());
        if masked_crc(&len_bytes) != len_crc {
            return Err(bad(Problem::new("log-tb-length-crc")));
        }
        let len = u64::from_le_bytes(len_bytes);
        let start = at + 12;
        let end = usize::try_from(len)
            .ok()
            .and_then(|l| start.checked_add(l))
            .filter(|e| e.checked_add(4).is_some_and(|f| f <= bytes.len()))
            .ok_or_else(|| {
                bad(Problem::new("log-tb-truncated-data")
                    .arg("len", len)
                    .arg("has", bytes.len() - start))
            })?;
        let data = &bytes[start..end];
        let data_crc = u32::from_le_bytes(bytes[end..end + 4].try_into().unwrap_or_default());
        if masked_crc(data) != data_crc {
            return Err(bad(Problem::new("log-tb-data-crc")));
        }
        let event = Event::decode(data)
            .map_err(|e| bad(Problem::new("log-tb-not-event").arg("detail", e)))?;
        if let Some(summary) = event.summary {
            for v in summary.value {
                if let Some(value) = scalar(&v) {
                    out.push((loc, event.step as f64, v.tag, value));
                }
            }
        }
        at = end + 4;
    }
    Ok(out)
}

/// The scalar of a summary value, when it holds one.
fn scalar(v: &SummaryValue) -> Option<f64> {
    if let Some(s) = v.simple_value {
        return Some(f64::from(s));
    }
    let t = v.tensor.as_ref()?;
    let elements: i64 = t
        .tensor_shape
        .as_ref()
        .map_or(1, |s| s.dim.iter().map(|d| d.size).product());
    if elements != 1 {
        return None;
    }
    let content = &t.tensor_content;
    match t.dtype {
        DT_FLOAT => t.float_val.first().map(|f| f64::from(*f)).or_else(|| {
            Some(f64::from(f32::from_le_bytes(
                content.get(..4)?.try_into().ok()?,
            )))
        }),
        DT_DOUBLE => t
            .double_val
            .first()
            .copied()
            .or_else(|| Some(f64::from_le_bytes(content.get(..8)?.try_into().ok()?))),
        DT_HALF => t
            .half_val
            .first()
            .map(|h| *h as u16)
            .or_else(|| Some(u16::from_le_bytes(content.get(..2)?.try_into().ok()?)))
            .map(half_to_f64),
        _ => None,
    }
}

/// An IEEE half-precision value.
fn half_to_f64(h: u16) -> f64 {
    let sign = if h >> 15 == 1 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f64::from(h & 0x3ff);
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// TFRecord's masked CRC-32C.
fn masked_crc(data: &[u8]) -> u32 {
    let crc = crc32c::crc32c(data);
    crc.rotate_right(15).wrapping_add(0xa282_ead8)
}

/// Whether bytes begin with a TFRecord whose length checksum matches.
pub(super) fn looks_like(head: &[u8]) -> bool {
    head.len() >= 12 && {
        let len: [u8; 8] = head[..8].try_into().unwrap_or_default();
        masked_crc(&len) == u32::from_le_bytes(head[8..12].try_into().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record framed as TensorFlow writes it.
    fn record(data: &[u8]) -> Vec<u8> {
        let len = (data.len() as u64).to_le_bytes();
        let mut out = len.to_vec();
        out.extend(masked_crc(&len).to_le_bytes());
        out.extend(data);
        out.extend(masked_crc(data).to_le_bytes());
        out
    }

    #[test]
    fn reads_simple_values_and_tf2_tensors() {
        let simple = Event {
            step: 3,
            summary: Some(Summary {
                value: vec![SummaryValue {
                    tag: "loss".into(),
                    simple_value: Some(0.5),
                    tensor: None,
                }],
            }),
        };
        let tensor = |dtype, content: Vec<u8>| Event {
            step: 4,
            summary: Some(Summary {
                value: vec![SummaryValue {
                    tag: "epoch_loss".into(),
                    simple_value: None,
                    tensor: Some(TensorProto {
                        dtype,
                        tensor_shape: Some(TensorShape { dim: vec![] }),
                        tensor_content: content,
                        ..TensorProto::default()
                    }),
                }],
            }),
        };
        let mut bytes = record(&simple.encode_to_vec());
        bytes.extend(record(
            &tensor(DT_FLOAT, 0.25f32.to_le_bytes().to_vec()).encode_to_vec(),
        ));
        bytes.extend(record(
            &tensor(DT_DOUBLE, 0.125f64.to_le_bytes().to_vec()).encode_to_vec(),
        ));
        bytes.extend(record(
            &tensor(DT_HALF, 0x3c00u16.to_le_bytes().to_vec()).encode_to_vec(),
        ));
        let got = read_events(&bytes).unwrap();
        let values: Vec<(f64, &str, f64)> = got
            .iter()
            .map(|(_, s, t, v)| (*s, t.as_str(), *v))
            .collect();
        assert_eq!(
            values,
            [
                (3.0, "loss", 0.5),
                (4.0, "epoch_loss", 0.25),
                (4.0, "epoch_loss", 0.125),
                (4.0, "epoch_loss", 1.0)
            ]
        );
        // A flipped bit in the data is caught by its checksum, naming the record.
        let mut broken = bytes.clone();
        let last = broken.len() - 6;
        broken[last] ^= 1;
        let err = read_events(&broken).unwrap_err();
        match &err {
            LogError::At { at, problem } => {
                assert!(matches!(at, Loc::Record(4, _)), "{err}");
                assert_eq!(problem.id, "log-tb-data-crc");
            }
            other => panic!("{other}"),
        }
    }
}
