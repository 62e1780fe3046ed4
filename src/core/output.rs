//! The output formats of `run` (SPEC §9): JSON and CSV.

use serde::Serialize;

use super::diagnosis::Finding;
use super::run::{Run, RunSet};

#[derive(Serialize)]
struct JsonRun<'a> {
    label: &'a str,
    kind: &'a str,
    points: Vec<[f64; 2]>,
    loss: &'a [f64],
    lr: &'a [f64],
    grad_norm: &'a [f64],
    val_steps: &'a [u64],
    val_loss: &'a [f64],
    diverged_at: Option<u64>,
    stopped_at: Option<u64>,
    best_step: Option<u64>,
    #[serde(rename = "final")]
    final_point: [f64; 2],
    diagnosis: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonRunSet<'a> {
    runs: Vec<JsonRun<'a>>,
    warnings: &'a [String],
}

fn json_run<'a>(run: &'a Run, words: &dyn Fn(&Finding) -> serde_json::Value) -> JsonRun<'a> {
    JsonRun {
        label: &run.label,
        kind: run.kind,
        points: run.points.iter().map(|p| [p.x, p.y]).collect(),
        loss: &run.loss,
        lr: &run.lr,
        grad_norm: &run.grad_norm,
        val_steps: &run.val_steps,
        val_loss: &run.val_loss,
        diverged_at: run.diverged_at,
        stopped_at: run.stopped_at,
        best_step: run.best_step,
        final_point: [run.final_point.x, run.final_point.y],
        diagnosis: run.diagnose().iter().map(words).collect(),
    }
}

/// SPEC §9's JSON. Non-finite numbers (a diverged run's last loss) are written as `null`.
/// `words` makes each finding's JSON object (the language layer's
/// [`finding_json`](crate::lang::finding_json): core has ids and numbers, no sentences).
pub fn to_json(set: &RunSet, words: &dyn Fn(&Finding) -> serde_json::Value) -> String {
    let out = JsonRunSet {
        runs: set.runs.iter().map(|r| json_run(r, words)).collect(),
        warnings: &set.warnings,
    };
    serde_json::to_string_pretty(&out).expect("run output always serializes")
}

/// SPEC §9's CSV: `run,t,x,y,loss,lr,grad_norm,val_loss`, one row per point; `lr` and
/// `grad_norm` are empty at t = 0, `val_loss` where no evaluation was made.
pub fn to_csv(set: &RunSet) -> String {
    use std::fmt::Write;
    let mut out = String::from("run,t,x,y,loss,lr,grad_norm,val_loss\n");
    for run in &set.runs {
        let label = csv_field(&run.label);
        let mut val = run.val_steps.iter().zip(&run.val_loss).peekable();
        for (t, (p, loss)) in run.points.iter().zip(&run.loss).enumerate() {
            let _ = write!(out, "{label},{t},{},{},{loss},", p.x, p.y);
            if t > 0 {
                let _ = write!(out, "{},{}", run.lr[t - 1], run.grad_norm[t - 1]);
            } else {
                out.push(',');
            }
            out.push(',');
            if let Some((_, v)) = val.next_if(|(s, _)| **s == t as u64) {
                let _ = write!(out, "{v}");
            }
            out.push('\n');
        }
    }
    out
}

/// Quotes a CSV field when it holds a separator, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
