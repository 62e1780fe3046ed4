//! The output formats of `run` (SPEC §9): JSON and CSV, streamed run by run.
//!
//! Both writers take the runs as an iterator and write each one as it arrives, so a
//! caller that computes runs lazily ([`super::run::runs`]) holds one run in memory at a
//! time, not the whole output: at 10⁷ steps a run's arrays are 400 MB and its JSON text
//! several times that.

use std::cell::RefCell;
use std::io::Write;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::Vec2;
use super::diagnosis::Finding;
use super::run::{Run, RunSet};

/// Makes a finding's JSON object: the language layer's
/// [`finding_json`](crate::lang::finding_json), since core has ids and numbers, no sentences.
pub type Words<'a> = &'a dyn Fn(&Finding) -> serde_json::Value;

/// A number in the shortest form that reads back exactly, with an exponent where that is
/// shorter (`1e-300`, `2.5e20`), as serde_json writes JSON numbers; whole numbers lose
/// the `.0` (`2`, `-0`). For CSV cells and error messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shortest(pub f64);

impl std::fmt::Display for Shortest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = ryu::Buffer::new();
        let s = buf.format(self.0);
        f.write_str(s.strip_suffix(".0").unwrap_or(s))
    }
}

/// The points of a run as `[x, y]` pairs, serialized straight from the run's storage.
struct Points<'a>(&'a [Vec2]);

impl Serialize for Points<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in self.0 {
            seq.serialize_element(&[p.x, p.y])?;
        }
        seq.end()
    }
}

/// One run in SPEC §9's JSON shape. The run is owned so that its points and gradient
/// norms can be dropped once written: the diagnosis, written last, needs neither, and
/// at the step limit that halves the memory it runs beside.
struct JsonRun<'w>(RefCell<Run>, Words<'w>);

impl Serialize for JsonRun<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("JsonRun", 13)?;
        {
            let run = self.0.borrow();
            st.serialize_field("label", &run.label)?;
            st.serialize_field("kind", run.kind)?;
            st.serialize_field("points", &Points(&run.points))?;
        }
        std::mem::take(&mut self.0.borrow_mut().points);
        let run = self.0.borrow();
        st.serialize_field("loss", &run.loss)?;
        st.serialize_field("lr", &run.lr)?;
        st.serialize_field("grad_norm", &run.grad_norm)?;
        drop(run);
        std::mem::take(&mut self.0.borrow_mut().grad_norm);
        let run = self.0.borrow();
        st.serialize_field("val_steps", &run.val_steps)?;
        st.serialize_field("val_loss", &run.val_loss)?;
        // Only with `ema_decay` set, so that files without it are written as before.
        if !run.ema_points.is_empty() {
            st.serialize_field("ema_points", &Points(&run.ema_points))?;
            st.serialize_field("ema_val_loss", &run.ema_val_loss)?;
        }
        st.serialize_field("diverged_at", &run.diverged_at)?;
        st.serialize_field("stopped_at", &run.stopped_at)?;
        st.serialize_field("best_step", &run.best_step)?;
        st.serialize_field("final", &[run.final_point.x, run.final_point.y])?;
        let words = self.1;
        let diagnosis: Vec<serde_json::Value> = run.diagnose().iter().map(words).collect();
        st.serialize_field("diagnosis", &diagnosis)?;
        st.end()
    }
}

/// The runs, taken from the iterator one by one while the array is written.
struct LazyRuns<'w, I>(RefCell<Option<I>>, Words<'w>);

impl<I: Iterator<Item = Run>> Serialize for LazyRuns<'_, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let runs = self.0.borrow_mut().take();
        let mut seq = s.serialize_seq(None)?;
        for run in runs.into_iter().flatten() {
            seq.serialize_element(&JsonRun(RefCell::new(run), self.1))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
#[serde(bound(serialize = ""))]
struct JsonRunSet<'a, 'w, I: Iterator<Item = Run>> {
    runs: LazyRuns<'w, I>,
    warnings: &'a [String],
}

/// Writes SPEC §9's JSON (pretty-printed, with a final line break) run by run.
/// Non-finite numbers (a diverged run's last loss) are written as `null`; `words` makes
/// each finding's object.
pub fn write_json(
    out: &mut dyn Write,
    runs: impl Iterator<Item = Run>,
    warnings: &[String],
    words: Words<'_>,
) -> std::io::Result<()> {
    let set = JsonRunSet {
        runs: LazyRuns(RefCell::new(Some(runs)), words),
        warnings,
    };
    serde_json::to_writer_pretty(&mut *out, &set)?;
    out.write_all(b"\n")
}

/// SPEC §9's JSON, as [`write_json`] writes it but without the final line break;
/// `warnings` are the set's warnings worded by the caller.
pub fn to_json(set: &RunSet, warnings: &[String], words: Words<'_>) -> String {
    let mut out = Vec::new();
    write_json(&mut out, set.runs.iter().cloned(), warnings, words)
        .expect("writing to memory cannot fail");
    out.pop();
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes SPEC §9's CSV run by run: `run,t,x,y,loss,lr,grad_norm,val_loss`, one row per
/// point; `lr` and `grad_norm` are empty at t = 0, `val_loss` where no evaluation was
/// made. Numbers are [`Shortest`].
pub fn write_csv(out: &mut dyn Write, runs: impl Iterator<Item = Run>) -> std::io::Result<()> {
    out.write_all(b"run,t,x,y,loss,lr,grad_norm,val_loss\n")?;
    for run in runs {
        let label = csv_field(&run.label);
        let mut val = run.val_steps.iter().zip(&run.val_loss).peekable();
        for (t, (p, loss)) in run.points.iter().zip(&run.loss).enumerate() {
            write!(
                out,
                "{label},{t},{},{},{},",
                Shortest(p.x),
                Shortest(p.y),
                Shortest(*loss)
            )?;
            if t > 0 {
                write!(
                    out,
                    "{},{}",
                    Shortest(run.lr[t - 1]),
                    Shortest(run.grad_norm[t - 1])
                )?;
            } else {
                out.write_all(b",")?;
            }
            out.write_all(b",")?;
            if let Some((_, v)) = val.next_if(|(s, _)| **s == t as u64) {
                write!(out, "{}", Shortest(*v))?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// SPEC §9's CSV as text (see [`write_csv`]).
pub fn to_csv(set: &RunSet) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, set.runs.iter().cloned()).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the CSV is UTF-8")
}

/// Quotes a CSV field when it holds a separator, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_uses_exponents_like_json_and_drops_a_whole_numbers_point() {
        for (v, want) in [
            (1e-300, "1e-300"),
            (2.0, "2"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (1e20, "1e20"),
            (-0.0, "-0"),
            (1.2345e-7, "1.2345e-7"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(Shortest(v).to_string(), want);
        }
        for v in [1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -3.25e-9] {
            assert_eq!(Shortest(v).to_string().parse::<f64>().unwrap(), v);
        }
    }
}
