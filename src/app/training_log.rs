//! Training logs in the app: File ▸ Open training log… and files dropped on the window. The
//! log's runs are shown in the loss panel with their diagnosis, read and judged exactly as
//! `gradscape diagnose` does (the same readers, the same [`diagnose`]).

use crate::core::diagnosis::{Finding, Thresholds};
use crate::lang::{action, evidence, summary, thresholds, tr, tr_args};

/// The hover text of a finding: its summary, evidence and action, and the thresholds behind
/// its verdict.
pub fn finding_hover(f: &Finding) -> String {
    let mut text = tr_args(
        "diagnosis-detail",
        &[
            ("summary", summary(std::slice::from_ref(f))),
            ("evidence", evidence(f)),
            ("action", action(f.pattern)),
        ],
    );
    let lines = thresholds(f.pattern, &Thresholds::DEFAULT);
    if !lines.is_empty() {
        text.push_str("\n\n");
        text.push_str(&tr("diagnosis-thresholds"));
        for line in lines {
            text.push_str("\n· ");
            text.push_str(&line);
        }
    }
    text
}
