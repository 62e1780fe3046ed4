//! `gradscape diagnose` driven through the real binary (SPEC §9–§10): the JSON shape on a real
//! log and on the program's own `run --format csv` output, the text format, and malformed logs
//! (exit 2, exactly one line on stderr naming the column or the line, nothing on stdout).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn gradscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gradscape"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn real_log(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real-logs")
        .join(name)
}

const PATTERN_IDS: [&str; 6] = [
    "lr_too_high",
    "lr_too_low",
    "overfitting",
    "scheduler_helping",
    "val_noisy",
    "healthy",
];

/// Checks `{"runs":[{"run","patterns":[{"pattern","evidence","action"}]}]}` exactly and returns
/// (run name, pattern ids) per run.
fn runs_of(json: &[u8]) -> Vec<(String, Vec<String>)> {
    let v: Value = serde_json::from_slice(json).expect("diagnose writes JSON");
    let top = v.as_object().unwrap();
    assert_eq!(top.keys().collect::<Vec<_>>(), ["runs"], "{v}");
    top["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|run| {
            let run = run.as_object().unwrap();
            let mut keys: Vec<&String> = run.keys().collect();
            keys.sort();
            assert_eq!(keys, ["patterns", "run"]);
            let patterns = run["patterns"].as_array().unwrap();
            assert!(!patterns.is_empty(), "every run has at least one pattern");
            let ids = patterns
                .iter()
                .map(|p| {
                    let p = p.as_object().unwrap();
                    let mut keys: Vec<&String> = p.keys().collect();
                    keys.sort();
                    assert_eq!(keys, ["action", "evidence", "pattern"]);
                    let id = p["pattern"].as_str().unwrap();
                    assert!(PATTERN_IDS.contains(&id), "{id}");
                    assert!(!p["evidence"].as_str().unwrap().is_empty());
                    assert!(!p["action"].as_str().unwrap().is_empty());
                    id.to_string()
                })
                .collect::<Vec<_>>();
            if ids.contains(&"healthy".to_string()) {
                assert_eq!(ids, ["healthy"], "healthy comes alone");
            }
            (run["run"].as_str().unwrap().to_string(), ids)
        })
        .collect()
}

#[test]
fn json_on_a_real_log_names_the_run_after_the_file() {
    let path = real_log("06_ecg-analysis.csv");
    let out = gradscape(&["diagnose", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stderr.is_empty());
    let runs = runs_of(&out.stdout);
    assert_eq!(
        runs,
        [(
            "06_ecg-analysis".to_string(),
            vec!["overfitting".to_string(), "scheduler_helping".to_string()]
        )]
    );
    // --format json is the default.
    let explicit = gradscape(&["diagnose", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(explicit.stdout, out.stdout);
}

#[test]
fn json_on_a_healthy_real_log() {
    let path = real_log("18_line-ocr-v1.csv");
    let out = gradscape(&["diagnose", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let runs = runs_of(&out.stdout);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, "18_line-ocr-v1");
    assert_eq!(runs[0].1, ["healthy"]);
}

#[test]
fn json_on_run_csv_output_has_one_entry_per_run_label() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("decay.csv");
    let out = gradscape(&[
        "run",
        "--preset",
        "step-decay",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = gradscape(&["diagnose", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let runs = runs_of(&out.stdout);
    let names: Vec<&str> = runs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["SGD, step decay", "SGD, constant"]);
    assert!(
        runs[0].1.contains(&"scheduler_helping".to_string()),
        "{runs:?}"
    );
    assert!(
        !runs[1].1.contains(&"scheduler_helping".to_string()),
        "{runs:?}"
    );

    // The same verdicts as `run`'s own JSON diagnosis.
    let run = gradscape(&["run", "--preset", "step-decay"]);
    let v: Value = serde_json::from_slice(&run.stdout).unwrap();
    for (r, (name, ids)) in v["runs"].as_array().unwrap().iter().zip(&runs) {
        assert_eq!(r["label"].as_str().unwrap(), name);
        let from_run: Vec<&str> = r["diagnosis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["pattern"].as_str().unwrap())
            .collect();
        assert_eq!(&from_run, ids, "{name}");
    }
}

#[test]
fn json_on_a_three_run_preset_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("noisy.csv");
    let out = gradscape(&[
        "run",
        "--preset",
        "noisy-quadratic",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = gradscape(&["diagnose", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = runs_of(&out.stdout).into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["SGD", "RMSProp", "Adam"]);
}

#[test]
fn text_format_has_a_summary_line_per_run_and_the_evidence() {
    let path = real_log("07_scenesense.csv");
    let out = gradscape(&["diagnose", path.to_str().unwrap(), "--format", "text"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("07_scenesense: "), "{text}");
    assert!(text.contains("(scheduler_helping)"), "{text}");
    assert!(text.contains("(val_noisy)"), "{text}");
    assert!(text.contains("    evidence: "), "{text}");
    assert!(text.contains("    try: "), "{text}");

    let healthy = real_log("17_covid19-seg.csv");
    let out = gradscape(&["diagnose", healthy.to_str().unwrap(), "--format", "text"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("17_covid19-seg: The curves look healthy"),
        "{text}"
    );
    assert!(text.contains("(healthy)"));
    assert!(!text.contains("try:"), "healthy needs no advice: {text}");
}

/// Runs `diagnose` on `bytes` and checks the failure contract; returns the stderr line.
fn assert_bad(name: &str, bytes: &[u8], needles: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    for format in ["json", "text"] {
        let out = gradscape(&["diagnose", path.to_str().unwrap(), "--format", format]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: wrote to stdout");
        assert_eq!(err.lines().count(), 1, "{name}: {err:?}");
        assert!(err.ends_with('\n'), "{name}: {err:?}");
        assert!(err.contains(name), "{name}: names the file: {err}");
        for needle in needles {
            assert!(err.contains(needle), "{name}: expected {needle:?} in {err}");
        }
    }
    stderr(&gradscape(&["diagnose", path.to_str().unwrap()]))
}

const MISSING_LOSS: &str =
    "no training-loss column: expected one of train_loss, training_loss, loss";

#[test]
fn malformed_logs_exit_2_with_one_line() {
    assert_bad("empty.csv", b"", &["the log is empty"]);
    assert_bad("blank.csv", b"  \n\n\t\n", &["the log is empty"]);
    assert_bad(
        "header-only.csv",
        b"epoch,loss,val_loss\n",
        &["header row but no data rows"],
    );
    assert_bad(
        "binary.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        &["binary data"],
    );
    assert_bad("control.csv", b"epoch,loss\n0,\x01\x02\n", &["binary data"]);
    assert_bad(
        "no-loss.csv",
        b"epoch,acc,val_acc\n0,0.5,0.4\n1,0.6,0.5\n",
        &[MISSING_LOSS, "the header has: epoch, acc, val_acc"],
    );
    assert_bad(
        "step-only.csv",
        b"epoch\n0\n1\n2\n",
        &[MISSING_LOSS, "the header has: epoch"],
    );
    assert_bad(
        "bad-number.csv",
        b"epoch,loss,val_loss\n0,0.5,0.6\n1,abc,0.5\n",
        &["line 3", "'abc'", "column loss"],
    );
    assert_bad(
        "bad-val.csv",
        b"epoch;loss;val_loss\n0;0,5;0,6\n1;0,4;0.3.1\n",
        &["line 3", "'0.3.1'", "column val_loss"],
    );
    assert_bad(
        "ragged.csv",
        b"epoch,loss,val_loss\n0,1.0,1.1\n1,0.9,1.0\n2,0.8\n",
        &["line 4", "2 cells where the header has 3"],
    );
    assert_bad(
        "long-row.csv",
        b"epoch\tloss\n0\t1.0\n1\t0.9\t7\n",
        &["line 3", "3 cells where the header has 2"],
    );
    // Blank lines still count when naming the line.
    assert_bad(
        "blank-lines.csv",
        b"epoch,loss\n\n0,0.5\n\n1,x\n",
        &["line 5", "'x'"],
    );
    // Latin-1, not UTF-8: an error naming the line, not a silently mangled header.
    assert_bad(
        "latin1.csv",
        b"epoch,loss\n0,0.5\n1,0.4\xe9\n",
        &["line 3", "not valid UTF-8"],
    );
    assert_bad(
        "latin1-header.csv",
        b"\xe9poque,loss\n0,0.5\n",
        &["line 1", "not valid UTF-8"],
    );
    // UTF-16 (Excel's "Unicode text") is decoded: this one is read as a header alone.
    assert_bad(
        "utf16.csv",
        b"\xff\xfee\x00p\x00o\x00c\x00h\x00,\x00l\x00o\x00s\x00s\x00\n\x00",
        &["no data rows"],
    );
    // A separator that is neither `,` `;` nor tab: the header does not split.
    assert_bad(
        "pipes.csv",
        b"epoch|loss|val_loss\n0|0.5|0.6\n1|0.4|0.5\n",
        &[
            MISSING_LOSS,
            "epoch|loss|val_loss",
            "the separator must be a comma, a semicolon or a tab",
        ],
    );
    assert_bad(
        "spaces.csv",
        b"epoch loss val_loss\n0 0.5 0.6\n",
        &[MISSING_LOSS, "the separator must be"],
    );
    // A huge garbage header is cut short, still on one line.
    let mut long = vec![b'x'; 5000];
    long.extend_from_slice(b"\n1\n");
    let err = assert_bad("long-header.csv", &long, &[MISSING_LOSS]);
    assert!(err.len() < 400, "{err}");
}

#[test]
fn unreadable_paths_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for path in [dir.path().join("missing.csv"), dir.path().to_path_buf()] {
        let out = gradscape(&["diagnose", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(out.stdout.is_empty());
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(err.contains("cannot read"), "{err}");
    }
}
