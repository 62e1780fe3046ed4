//! The command line: `run` output in JSON and CSV, listings, and every bad-input path
//! (exit 2, one line on stderr, nothing on stdout, no output file).

use serde_json::Value;

mod cmd;
use cmd::{gradscape, stderr, write};

const EXAMPLE: &str = r#"{
  "surface": {"kind": "rosenbrock", "a": 1.0, "b": 100.0},
  "start": [-1.5, 2.0],
  "steps": 50,
  "seed": 7,
  "eval_every": 5,
  "schedule": {"kind": "cosine", "total_steps": 50, "lr_min": 1e-5, "warmup_steps": 5},
  "optimizers": [
    {"kind": "momentum", "lr": 0.002, "beta": 0.9},
    {"kind": "adam", "lr": 0.05, "label": "my adam"}
  ]
}"#;

#[test]
fn run_json_has_the_spec_fields_and_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", EXAMPLE);
    let out = gradscape(&["run", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["label"], "momentum");
    assert_eq!(runs[1]["label"], "my adam");
    assert_eq!(runs[1]["kind"], "adam");
    for r in runs {
        assert_eq!(r["points"].as_array().unwrap().len(), 51);
        assert_eq!(r["loss"].as_array().unwrap().len(), 51);
        assert_eq!(r["lr"].as_array().unwrap().len(), 50);
        assert_eq!(r["grad_norm"].as_array().unwrap().len(), 50);
        assert_eq!(
            r["val_steps"],
            serde_json::json!([5, 10, 15, 20, 25, 30, 35, 40, 45, 50])
        );
        assert_eq!(r["val_loss"].as_array().unwrap().len(), 10);
        assert!(
            r["diverged_at"].is_null() && r["stopped_at"].is_null() && r["best_step"].is_null()
        );
        assert_eq!(r["final"], r["points"][50]);
        assert!(r["diagnosis"].is_array());
        // Warmup: the first step's rate is exactly 0.
        assert_eq!(r["lr"][0], 0.0);
    }
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn run_csv_has_one_row_per_point_and_matches_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", EXAMPLE);
    let json: Value = serde_json::from_slice(&gradscape(&["run", &file]).stdout).unwrap();
    let out = gradscape(&["run", &file, "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("run,t,x,y,loss,lr,grad_norm,val_loss"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 2 * 51);
    assert_eq!(
        rows[0],
        [
            "momentum",
            "0",
            "-1.5",
            "2",
            &json["runs"][0]["loss"][0].to_string(),
            "",
            "",
            ""
        ]
    );
    let adam: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "my adam").collect();
    assert_eq!(adam.len(), 51);
    let r10 = adam[10];
    assert_eq!(r10[1], "10");
    let x: f64 = r10[2].parse().unwrap();
    assert_eq!(x, json["runs"][1]["points"][10][0].as_f64().unwrap());
    let val: f64 = r10[7].parse().unwrap();
    assert_eq!(val, json["runs"][1]["val_loss"][1].as_f64().unwrap());
    assert_eq!(adam[11][7], "", "no evaluation at step 11");
    assert_eq!(
        r10[5].parse::<f64>().unwrap(),
        json["runs"][1]["lr"][9].as_f64().unwrap()
    );
}

#[test]
fn run_out_writes_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", EXAMPLE);
    let out_path = dir.path().join("out.csv");
    let out = gradscape(&[
        "run",
        &file,
        "--format",
        "csv",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out_path)
            .unwrap()
            .starts_with("run,t,")
    );
    // Only the output file: no temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn presets_run_and_are_listed() {
    let out = gradscape(&["presets"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 10);
    for line in text.lines() {
        let name = line.split_whitespace().next().unwrap();
        let out = gradscape(&["run", "--preset", name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!v["runs"].as_array().unwrap().is_empty());
    }
}

#[test]
fn lr_too_high_preset_diverges_cleanly() {
    let v: Value =
        serde_json::from_slice(&gradscape(&["run", "--preset", "lr-too-high"]).stdout).unwrap();
    let run = &v["runs"][0];
    let t = run["diverged_at"].as_u64().expect("diverged");
    assert_eq!(run["lr"].as_array().unwrap().len() as u64, t);
    assert_eq!(run["points"].as_array().unwrap().len() as u64, t + 1);
}

#[test]
fn surfaces_lists_every_kind_with_defaults_views_and_minima() {
    let out = gradscape(&["surfaces"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for &kind in gradscape::core::surfaces::SURFACE_KINDS {
        assert!(text.lines().any(|l| l == kind), "{kind} missing");
    }
    assert!(text.contains("lambda2=20.0"));
    assert!(text.contains("default view: x [-2, 2], y [-1, 3]"));
    assert!(text.contains("(3, 2)") && text.contains("(-2.8051, 3.1313)"));
}

/// One bad input: exit 2, exactly one line on stderr containing `needle`, no stdout, and
/// no output file.
fn assert_bad(text: &str, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.json", text);
    let out_path = dir.path().join("out.json");
    let out = gradscape(&["run", &file, "--out", out_path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{text}: {err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(needle),
        "{text}\nexpected '{needle}' in: {err}"
    );
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing half-written"
    );
}

fn with(field: &str) -> String {
    format!(
        r#"{{"surface": {{"kind": "quadratic"}}, "start": [1, 1], {field} "optimizers": [{{"kind": "sgd"}}]}}"#
    )
}

fn with_opt(opt: &str) -> String {
    format!(
        r#"{{"surface": {{"kind": "quadratic"}}, "start": [1, 1], "optimizers": [{{"kind": "sgd"}}, {opt}]}}"#
    )
}

#[test]
fn malformed_files_exit_2_naming_the_field_or_position() {
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "empty"),
        ("{\"surface\": {\"kind\": \"quadratic\"},\n \"start\": [1, 1],\n".into(), "line 3"),
        ("{\"surface\": {\"kind\": \"quadratic\"}, \"start\": [1, 1], \"optimizers\": [{\"kind\": \"sgd\"}]} x".into(), "line 1"),
        (with(r#""stepz": 5,"#), "unknown field `stepz`"),
        (with(r#""steps": "many","#), "steps"),
        (with(r#""steps": "many","#), "line 1, column"),
        (with(r#""steps": 0,"#), "steps: must be at least 1"),
        (with(r#""steps": -3,"#), "steps"),
        (with(r#""eval_every": 0,"#), "eval_every"),
        (with(r#""grad_noise": -1,"#), "grad_noise"),
        (with(r#""grad_clip": 0,"#), "grad_clip"),
        (with(r#""start": [1, 2, 3],"#), "duplicate field `start`"),
        (with(r#""val_shift": [1],"#), "val_shift"),
        (with(r#""steps": 1e999,"#), "steps"),
        (with(r#""schedule": {"kind": "cosine"},"#), "schedule.total_steps"),
        (with(r#""schedule": {"kind": "cosine", "total_steps": 10, "warmup_steps": 10},"#), "schedule.total_steps"),
        (with(r#""schedule": {"kind": "wobbly"},"#), "schedule.kind: unknown kind 'wobbly'"),
        (with(r#""schedule": {"kind": "plateau", "factor": 1.0},"#), "schedule.factor"),
        (with(r#""schedule": {"kind": "step", "milestones": [-1]},"#), "schedule.milestones"),
        (with(r#""schedule": {"kind": "step", "gamma": 0},"#), "schedule.gamma"),
        (with(r#""schedule": {"kind": "constant", "gamma": 0.5},"#), "schedule.gamma: is not a field of constant"),
        (with(r#""early_stopping": {"patience": 0},"#), "early_stopping.patience"),
        (with(r#""early_stopping": {"min_delta": -1},"#), "early_stopping.min_delta"),
        (with(r#""view": {"x": [1, 0], "y": [0, 1]},"#), "view.x"),
        (with_opt(r#"{"kind": "adam", "lr": -0.1}"#), "optimizers[1].lr"),
        (with_opt(r#"{"kind": "adam", "beta1": 1.0}"#), "optimizers[1].beta1"),
        (with_opt(r#"{"kind": "adam", "beta2": -0.1}"#), "optimizers[1].beta2"),
        (with_opt(r#"{"kind": "rmsprop", "rho": 1.5}"#), "optimizers[1].rho"),
        (with_opt(r#"{"kind": "rmsprop", "eps": 0}"#), "optimizers[1].eps"),
        (with_opt(r#"{"kind": "momentum", "beta": 1}"#), "optimizers[1].beta"),
        (with_opt(r#"{"kind": "heavy_ball", "momentum": 2}"#), "optimizers[1].momentum"),
        (with_opt(r#"{"kind": "adamw", "weight_decay": -1}"#), "optimizers[1].weight_decay"),
        (with_opt(r#"{"kind": "sgd", "beta": 0.9}"#), "optimizers[1].beta: is not a field of sgd"),
        (with_opt(r#"{"kind": "nadam"}"#), "optimizers[1].kind: unknown kind 'nadam'"),
        (with_opt(r#"{"kind": "sgd", "color": "red"}"#), "optimizers[1].color"),
        (with_opt(r#"{"kind": "sgd", "lr": "fast"}"#), "optimizers[1].lr"),
        (with_opt(r#"{"kind": "sgd", "ema_decay": 1}"#), "optimizers[1].ema_decay: must be in [0, 1)"),
        (with_opt(r#"{"kind": "sgd", "ema_decay": -0.5}"#), "optimizers[1].ema_decay"),
        (with_opt(r#"{"kind": "sgd", "ema_decay": "slow"}"#), "optimizers[1].ema_decay"),
        (with_opt(r#"{"kind": "sgd", "schedule": {"kind": "exponential", "gamma": -2}}"#), "optimizers[1].schedule.gamma"),
        (r#"{"surface": {"kind": "quadratic"}, "start": [1, 1], "optimizers": []}"#.into(), "optimizers"),
        (r#"{"surface": {"kind": "quadratic"}, "optimizers": [{"kind": "sgd"}]}"#.into(), "missing field `start`"),
        (r#"{"surface": {"kind": "donut"}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.kind: unknown kind 'donut'"),
        (r#"{"surface": {"kind": "rosenbrock", "lambda1": 2}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.lambda1: is not a field of rosenbrock"),
        (r#"{"surface": {"kind": "custom"}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.expr"),
        (r#"{"surface": {"kind": "custom", "expr": "x^2 + q"}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "unknown variable 'q' at position 7"),
        (r#"{"surface": {"kind": "custom", "expr": "x^2 +* y"}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "unexpected '*' at position 6"),
        (r#"{"surface": {"kind": "linreg", "train": [], "val": [[0, 1]]}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.train: must not be empty"),
        (r#"{"surface": {"kind": "linreg", "train": [[0, 1]]}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.val"),
        (r#"{"surface": {"kind": "linreg", "batch_size": 0}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.batch_size"),
        (r#"{"surface": {"kind": "linreg", "n_train": 0}, "start": [1, 1], "optimizers": [{"kind": "sgd"}]}"#.into(), "surface.n_train"),
        ("[".repeat(5000), "line 1, column 2"),
        (format!("{{\"surface\": {}", "{\"a\": ".repeat(3000)), "line 1"),
        ("\u{0}\u{1}\u{2}binary".into(), "line 1"),
    ];
    for (text, needle) in &cases {
        assert_bad(text, needle);
    }
}

#[test]
fn unreadable_and_non_utf8_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bin.json");
    // Not UTF-8 and not UTF-16 (no byte-order mark, no zero bytes): Latin-1, say.
    std::fs::write(&p, b"{\"surface\": \xe9}").unwrap();
    let out = gradscape(&["run", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8 text"), "{}", stderr(&out));
    assert!(stderr(&out).contains("save the file as UTF-8"));
    let out = gradscape(&["run", "/nonexistent/x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"));
    let out = gradscape(&["run", "--preset", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown preset 'nope'"));
}

#[test]
fn a_failed_run_keeps_the_old_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", "{");
    let out_path = dir.path().join("out.json");
    std::fs::write(&out_path, "previous result").unwrap();
    let out = gradscape(&["run", &bad, "--out", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        "previous result"
    );
}

#[test]
fn render_refuses_an_unknown_extension_naming_the_three() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.bmp");
    let o = gradscape(&[
        "render",
        "--preset",
        "rosenbrock",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(".png, .svg or .gif"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!out.exists());
}

/// `run --lang es` words each run's diagnosis in Spanish; the facts and ids stay the same.
#[test]
fn run_speaks_the_diagnosis_in_the_language_asked() {
    let parse = |lang: &str| -> serde_json::Value {
        let out = gradscape(&["run", "--preset", "lr-too-high", "--lang", lang]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (en, es) = (parse("en"), parse("es"));
    let (d_en, d_es) = (
        &en["runs"][0]["diagnosis"][0],
        &es["runs"][0]["diagnosis"][0],
    );
    assert_eq!(d_en["pattern"], "lr_too_high");
    assert_eq!(d_en["pattern"], d_es["pattern"]);
    assert_eq!(d_en["facts"], d_es["facts"]);
    let action = d_es["action"].as_str().unwrap();
    assert!(action.contains("baja α"), "{action}");
    assert_ne!(d_en["evidence"], d_es["evidence"]);
    let out = gradscape(&["run", "--preset", "lr-too-high", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}
