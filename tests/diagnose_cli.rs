//! `gradscape diagnose` driven through the real binary (SPEC §9–§10): the JSON shape on a real
//! log and on the program's own `run --format csv` output, the text format, and malformed logs
//! (exit 2, exactly one line on stderr naming the column or the line, nothing on stdout).

use std::path::{Path, PathBuf};

use serde_json::Value;

mod cmd;
use cmd::{gradscape, stderr};

fn real_log(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real-logs")
        .join(name)
}

const PATTERN_IDS: [&str; 8] = [
    "lr_too_high",
    "lr_too_low",
    "overfitting",
    "scheduler_helping",
    "val_noisy",
    "insufficient_data",
    "not_finite_at_start",
    "healthy",
];

/// Checks `{"runs":[{"run","patterns":[{"pattern","evidence","action","facts"}],"notes"?}]}`
/// exactly and returns (run name, pattern ids) per run.
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
            let mut keys: Vec<&String> = run.keys().filter(|k| *k != "notes").collect();
            keys.sort();
            assert_eq!(keys, ["patterns", "run"]);
            if let Some(notes) = run.get("notes") {
                let notes = notes.as_array().unwrap();
                assert!(!notes.is_empty(), "notes only when there are some");
                assert!(notes.iter().all(|n| !n.as_str().unwrap().is_empty()));
            }
            let patterns = run["patterns"].as_array().unwrap();
            assert!(!patterns.is_empty(), "every run has at least one pattern");
            let ids = patterns
                .iter()
                .map(|p| {
                    let p = p.as_object().unwrap();
                    let mut keys: Vec<&String> = p.keys().collect();
                    keys.sort();
                    assert_eq!(keys, ["action", "evidence", "facts", "pattern"]);
                    let facts = p["facts"].as_object().unwrap();
                    assert!(facts.values().all(|v| v.is_number() || v.is_null()));
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
    let path = real_log("47_waste-cnn.csv");
    let out = gradscape(&["diagnose", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stderr.is_empty());
    let runs = runs_of(&out.stdout);
    assert_eq!(
        runs,
        [(
            "47_waste-cnn".to_string(),
            vec!["overfitting".to_string(), "val_noisy".to_string()]
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
    assert_bad(
        "utf16.csv",
        b"\xff\xfee\x00p\x00o\x00c\x00h\x00,\x00l\x00o\x00s\x00s\x00\n\x00",
        // Read as UTF-16 (its byte-order mark says so): a header and nothing else.
        &["header row but no data rows"],
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
    for (path, needle) in [
        (dir.path().join("missing.csv"), "cannot read"),
        (dir.path().to_path_buf(), "no training log found"),
    ] {
        let out = gradscape(&["diagnose", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(out.stdout.is_empty());
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(err.contains(needle), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// The log formats: one small example of each (tests/fixtures/logs), and broken variants

fn example(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/logs")
        .join(path)
}

/// `diagnose` on a path: its JSON runs, after checking success and an empty stderr.
fn diagnose_ok(path: &Path, extra: &[&str]) -> (Value, Vec<(String, Vec<String>)>) {
    let mut args = vec!["diagnose", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = gradscape(&args);
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v, runs_of(&out.stdout))
}

#[test]
fn every_log_format_is_detected_and_read() {
    // Keras CSVLogger: validation rises after epoch 8 while training falls.
    let (_, runs) = diagnose_ok(&example("keras/training.log"), &[]);
    assert_eq!(runs[0].0, "training");
    assert!(runs[0].1.contains(&"overfitting".to_string()), "{runs:?}");

    // Lightning: a version_N directory, its metrics.csv, and the directory above (newest
    // version wins). Sparse rows are merged by step: the rate logged on its own rows holds.
    let (a, _) = diagnose_ok(&example("lightning/version_1"), &[]);
    let (b, _) = diagnose_ok(&example("lightning/version_1/metrics.csv"), &[]);
    let (c, _) = diagnose_ok(&example("lightning"), &[]);
    assert_eq!(a["runs"][0]["patterns"], b["runs"][0]["patterns"]);
    assert_eq!(a["runs"][0]["patterns"], c["runs"][0]["patterns"]);
    assert_eq!(a["runs"][0]["run"], "version_1");
    let notes = a["runs"][0]["notes"].to_string();
    assert!(notes.contains("train_loss_step"), "{notes}");

    // Hugging Face: the directory holds a checkpoint's trainer_state.json; the one-value
    // `train_loss` summary loses to `loss`, and the choice is stated.
    let (hf, _) = diagnose_ok(&example("hf"), &[]);
    let note = hf["runs"][0]["notes"][0].as_str().unwrap();
    assert_eq!(
        note,
        "training loss read from 'loss' (40 values), not 'train_loss' (1 values)"
    );
    // Its pandas export reads the same way, with the same verdict.
    let (pandas, _) = diagnose_ok(&example("hf/history-pandas.csv"), &[]);
    assert_eq!(pandas["runs"][0]["notes"][0], note);
    assert_eq!(pattern_ids(&pandas["runs"][0]), pattern_ids(&hf["runs"][0]));

    // W&B export: one run per `<run> - ` prefix, __MIN/__MAX ignored.
    let (_, runs) = diagnose_ok(&example("wandb/wandb_export_2024-05-01.csv"), &[]);
    let names: Vec<&str> = runs.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["swift-river-3", "calm-sea-7"]);

    // MLflow: the run directory, its metrics directory or one metric file; named by its tag.
    for path in [
        "mlflow/mlruns/0/6f1c2a",
        "mlflow/mlruns/0/6f1c2a/metrics",
        "mlflow/mlruns/0/6f1c2a/metrics/loss",
        "mlflow",
    ] {
        let (_, runs) = diagnose_ok(&example(path), &[]);
        assert_eq!(runs[0].0, "bright-owl-42", "{path}");
        assert!(
            runs[0].1.contains(&"scheduler_helping".to_string()),
            "{path}: {runs:?}"
        );
    }

    // TensorBoard, written by the tensorboard package (scripts/make_tfevents.py): scalars as
    // simple_value in one file, and as TF2 tensors in Keras' train/ and validation/ folders.
    let (simple, runs) = diagnose_ok(&example("tensorboard/simple"), &[]);
    assert_eq!(runs[0].0, "simple");
    assert!(simple["runs"][0]["patterns"][0]["facts"].is_object());
    let (_, runs) = diagnose_ok(&example("tensorboard/keras"), &[]);
    assert_eq!(runs[0].0, "keras");
    let file = std::fs::read_dir(example("tensorboard/simple"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (one, _) = diagnose_ok(&file, &[]);
    assert_eq!(one["runs"][0]["patterns"], simple["runs"][0]["patterns"]);
}

fn pattern_ids(run: &Value) -> Vec<String> {
    run["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["pattern"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn log_format_and_column_options_override_detection() {
    // A Keras file read as Lightning rows is the same log.
    let keras = example("keras/training.log");
    let (a, _) = diagnose_ok(&keras, &[]);
    let (b, _) = diagnose_ok(&keras, &["--log-format", "lightning"]);
    assert_eq!(a["runs"][0]["patterns"], b["runs"][0]["patterns"]);
    // Read as JSON, it is not one: exit 2 naming the file, line and column.
    let out = gradscape(&["diagnose", keras.to_str().unwrap(), "--log-format", "hf"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("training.log: line 1, column"), "{err}");

    // Other names, given on the command line.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("custom.csv");
    let rows: String = (0..20)
        .map(|e| {
            format!(
                "{e},{},{},{}\n",
                2.0 / (1 + e) as f64,
                2.2 / (1 + e) as f64 + if e > 8 { 0.1 * (e - 8) as f64 } else { 0.0 },
                0.1
            )
        })
        .collect();
    std::fs::write(&path, format!("epoch,objective,holdout,rate\n{rows}")).unwrap();
    let out = gradscape(&["diagnose", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--train"), "{}", stderr(&out));
    let (_, runs) = diagnose_ok(
        &path,
        &["--train", "objective", "--val", "holdout", "--lr", "rate"],
    );
    assert!(runs[0].1.contains(&"overfitting".to_string()), "{runs:?}");
    let out = gradscape(&["diagnose", path.to_str().unwrap(), "--train", "nope"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("no column 'nope' (given with --train)"),
        "{err}"
    );
}

#[test]
fn lang_es_speaks_spanish_with_the_same_facts() {
    let path = real_log("06_ecg-analysis.csv");
    let (en, _) = diagnose_ok(&path, &[]);
    let (es, _) = diagnose_ok(&path, &["--lang", "es"]);
    for (e, s) in en["runs"][0]["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .zip(es["runs"][0]["patterns"].as_array().unwrap())
    {
        assert_eq!(e["pattern"], s["pattern"]);
        assert_eq!(e["facts"], s["facts"]);
        assert_ne!(e["evidence"], s["evidence"]);
        assert_ne!(e["action"], s["action"]);
    }
    let text = gradscape(&[
        "diagnose",
        path.to_str().unwrap(),
        "--format",
        "text",
        "--lang",
        "es",
    ]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("    evidencia: "), "{text}");
    assert!(text.contains("Sobreajuste"), "{text}");
}

/// Copies an example (file or directory) into a fresh temporary directory.
fn copy_example(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy_example(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// `diagnose` on `path` fails with exit 2, one line, naming `file` and every needle.
fn assert_bad_path(path: &Path, file: &str, needles: &[&str]) {
    let out = gradscape(&["diagnose", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains(file), "names {file}: {err}");
    for needle in needles {
        assert!(err.contains(needle), "expected {needle:?} in {err}");
    }
}

#[test]
fn malformed_logs_of_every_format_exit_2_with_one_line() {
    // Hugging Face: broken JSON, no log_history, an entry that is not an object, a loss that
    // is not a number.
    let state = std::fs::read_to_string(example("hf/checkpoint-40/trainer_state.json")).unwrap();
    assert_bad(
        "trainer_state.json",
        &state.as_bytes()[..state.len() / 2],
        &[
            "line ",
            "column ",
            "expected a Hugging Face trainer_state.json",
        ],
    );
    assert_bad(
        "trainer_state.json",
        br#"{"global_step": 3, "history": []}"#,
        &["no log_history array"],
    );
    assert_bad(
        "trainer_state.json",
        br#"{"log_history": [{"loss": 1, "step": 1}, {"loss": 0.5, "step": 2}, [1, 2]]}"#,
        &["log_history entry 2: expected an object, found an array"],
    );
    assert_bad(
        "trainer_state.json",
        br#"{"log_history": [{"loss": 1, "step": 1}, {"loss": "abc", "step": 2}]}"#,
        &["log_history entry 1: cannot read 'abc' in column loss"],
    );
    // Lightning: a ragged row; W&B: a cell that is not a number.
    let metrics = std::fs::read_to_string(example("lightning/version_1/metrics.csv")).unwrap();
    let ragged = metrics.replacen("\n0,,19,,", "\n0,,19,", 1);
    assert_bad(
        "metrics.csv",
        ragged.as_bytes(),
        &["line 4", "5 cells where the header has 6"],
    );
    let wandb = std::fs::read_to_string(example("wandb/wandb_export_2024-05-01.csv")).unwrap();
    let broken = wandb.replacen("\n10,", "\n10x,", 1);
    assert_bad(
        "wandb_export.csv",
        broken.as_bytes(),
        &["line 3", "'10x'", "column Step"],
    );

    // TensorBoard: a truncated file, and a flipped byte.
    let dir = tempfile::tempdir().unwrap();
    let tb = dir.path().join("tb");
    copy_example(&example("tensorboard/simple"), &tb);
    let file = std::fs::read_dir(&tb)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&file).unwrap();
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    std::fs::write(&file, &bytes[..bytes.len() - 7]).unwrap();
    assert_bad_path(&tb, &name, &["record ", "(byte ", "truncated: expected"]);
    let mut flipped = bytes.clone();
    let at = bytes.len() - 40;
    flipped[at] ^= 0x20;
    std::fs::write(&file, &flipped).unwrap();
    assert_bad_path(&file, &name, &["record ", "checksum does not match"]);

    // MLflow: a line that is not `timestamp value step`, named with its file.
    let run = dir.path().join("run");
    copy_example(&example("mlflow/mlruns/0/6f1c2a"), &run);
    let metric = run.join("metrics/val_loss");
    let text = std::fs::read_to_string(&metric).unwrap();
    std::fs::write(&metric, text.replacen('\n', "\n1714550000000 oops 3\n", 1)).unwrap();
    assert_bad_path(
        &run,
        "val_loss",
        &[
            "line 2",
            "expected 'timestamp value step'",
            "'1714550000000 oops 3'",
        ],
    );
}
