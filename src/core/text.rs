//! Reading the text files users hand the program (scenarios, training logs): capped, so
//! `/dev/zero` or a huge file is refused instead of filling memory, and decoded as the
//! editors that wrote them meant: UTF-8 (a leading byte-order mark dropped, as Notepad
//! writes one) or UTF-16 (Windows' "Unicode" text).

use std::io::Read;
use std::path::Path;

/// Scenario files larger than this are refused unread. The largest useful scenario, two
/// 100 000-point `linreg` data sets as the app saves them, is about 15 MB.
pub const MAX_SCENARIO_BYTES: u64 = 64 << 20;

/// Logs larger than this are refused. A `run --format csv` of one optimizer at the step
/// limit is about 0.8 GB.
pub const MAX_LOG_BYTES: u64 = 1 << 30;

/// What a file read by [`read_text`] holds: it picks the size limit and the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A scenario file.
    Scenario,
    /// A training log (CSV or JSON text).
    Log,
}

/// Why a file could not be read as text; the message names no path (the caller adds it).
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The operating system refused.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A folder was given.
    #[error("cannot read: it is a folder")]
    Folder,
    /// Over the cap.
    #[error("the file is larger than {} MiB, the most {} may be", .limit >> 20, .what)]
    TooBig {
        /// The cap in bytes.
        limit: u64,
        /// What the file was meant to be: `scenario` or `log`.
        what: &'static str,
    },
    /// Zero bytes in a log that is not UTF-16.
    #[error("the log is not a text CSV file (it contains binary data)")]
    Binary,
    /// UTF-16 with a bad code unit.
    #[error("the file is UTF-16 text with an invalid character at byte {byte}; save it as UTF-8")]
    Utf16 {
        /// Where.
        byte: usize,
    },
    /// Not UTF-8 in a scenario.
    #[error("line {line}: not UTF-8 text (invalid byte at byte {byte}); save the file as UTF-8")]
    ScenarioUtf8 {
        /// The 1-based line.
        line: usize,
        /// The byte offset.
        byte: usize,
    },
    /// Not UTF-8 in a log.
    #[error("line {line}: the text is not valid UTF-8 (byte {byte}); save the log as UTF-8")]
    LogUtf8 {
        /// The 1-based line.
        line: usize,
        /// The byte offset.
        byte: usize,
    },
}

impl TextError {
    /// The error as an id and arguments, for the language layer to word.
    pub fn problem(&self) -> crate::core::scenario::Problem {
        use crate::core::scenario::Problem;
        match self {
            TextError::Io(e) => Problem::new("text-io").arg("detail", e),
            TextError::Folder => Problem::new("text-folder"),
            TextError::TooBig { limit, what } => Problem::new(if *what == "log" {
                "text-too-big-log"
            } else {
                "text-too-big-scenario"
            })
            .arg("mib", limit >> 20),
            TextError::Binary => Problem::new("text-binary"),
            TextError::Utf16 { byte } => Problem::new("text-utf16").arg("byte", byte),
            TextError::ScenarioUtf8 { line, byte } => Problem::new("text-utf8")
                .arg("line", line)
                .arg("byte", byte),
            TextError::LogUtf8 { line, byte } => Problem::new("text-utf8-log")
                .arg("line", line)
                .arg("byte", byte),
        }
    }
}

/// Reads the text file at `path` with the cap of its `kind`, and decodes it.
pub fn read_text(path: &Path, kind: TextKind) -> Result<String, TextError> {
    let (limit, what) = match kind {
        TextKind::Scenario => (MAX_SCENARIO_BYTES, "scenario"),
        TextKind::Log => (MAX_LOG_BYTES, "log"),
    };
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(TextError::Folder);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(TextError::TooBig { limit, what });
    }
    let mut reader = std::io::BufReader::new(file).take(limit + 1);
    let mut bytes = Vec::new();
    if kind == TextKind::Log {
        // Binary data shows in the first few kilobytes: refuse it before reading on (a
        // device such as /dev/urandom never ends).
        (&mut reader).take(8192).read_to_end(&mut bytes)?;
        if utf16_order(&bytes).is_none() && bytes.contains(&0) {
            return Err(TextError::Binary);
        }
    }
    reader.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(TextError::TooBig { limit, what });
    }
    decode_text(bytes).map_err(|e| match (e, kind) {
        (DecodeError::Utf16 { byte }, _) => TextError::Utf16 { byte },
        (DecodeError::Utf8 { byte, line }, TextKind::Scenario) => {
            TextError::ScenarioUtf8 { line, byte }
        }
        (DecodeError::Utf8 { byte, line }, TextKind::Log) => TextError::LogUtf8 { line, byte },
    })
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Invalid UTF-8 at this byte, on this 1-based line.
    Utf8 {
        /// The byte offset.
        byte: usize,
        /// The 1-based line.
        line: usize,
    },
    /// UTF-16 (by its byte-order mark or its zero bytes) with a bad code unit here.
    Utf16 {
        /// The byte offset.
        byte: usize,
    },
}

/// UTF-16's byte order, when `bytes` start with its byte-order mark, or look like ASCII
/// text in UTF-16 without one (a zero byte beside each of the first two characters).
pub fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xff, 0xfe, ..] => Some(true),
        [0xfe, 0xff, ..] => Some(false),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some(true),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some(false),
        _ => None,
    }
}

/// Decodes UTF-8 or UTF-16 text (see [`read_text`]), without any byte-order mark.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if let Some(little) = utf16_order(&bytes) {
        let units = bytes.chunks(2).map(|c| match (c, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            // An odd byte at the end is not a code unit.
            _ => 0xdc00,
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for (i, c) in char::decode_utf16(units).enumerate() {
            text.push(c.map_err(|_| DecodeError::Utf16 { byte: 2 * i })?);
        }
        return Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..byte].iter().filter(|b| **b == b'\n').count() + 1;
        DecodeError::Utf8 { byte, line }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
