//! Every golden case of `tests/fixtures/golden/trajectories.json`, run through the real
//! `gradscape run` binary: scenario JSON parsing, the run and the JSON output included.

use std::process::Command;

use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/golden/trajectories.json"
    ))
    .expect("golden fixture");
    serde_json::from_str(&text).expect("golden fixture is JSON")
}

struct Tolerance {
    rel: f64,
    abs: f64,
}

/// Compares two JSON values: numbers within tolerance, everything else exactly.
fn compare(path: &str, got: &Value, want: &Value, tol: &Tolerance, errors: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            if (g - w).abs() > tol.abs + tol.rel * w.abs() {
                errors.push(format!("{path}: got {g}, expected {w}"));
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                errors.push(format!("{path}: length {} instead of {}", g.len(), w.len()));
                return;
            }
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                compare(&format!("{path}[{i}]"), g, w, tol, errors);
                if errors.len() > 5 {
                    return;
                }
            }
        }
        _ => {
            if got != want {
                errors.push(format!("{path}: got {got}, expected {want}"));
            }
        }
    }
}

#[test]
fn every_golden_case_matches_through_gradscape_run() {
    let golden = fixture();
    let tol = Tolerance {
        rel: golden["tolerance"]["rel"].as_f64().unwrap(),
        abs: golden["tolerance"]["abs"].as_f64().unwrap(),
    };
    let cases = golden["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&case["scenario"]).unwrap(),
        )
        .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_gradscape"))
            .arg("run")
            .arg(&path)
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{name}: exit {:?}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        let runs = got["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1, "{name}: one optimizer per case");
        let run = &runs[0];
        let mut errors = Vec::new();
        for field in [
            "points",
            "loss",
            "lr",
            "val_steps",
            "val_loss",
            "diverged_at",
            "stopped_at",
            "best_step",
            "final",
        ] {
            compare(field, &run[field], &case[field], &tol, &mut errors);
        }
        if !errors.is_empty() {
            failures.push(format!("{name}: {}", errors.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_copy_is_identical_to_shared_when_present() {
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/golden/trajectories.json"
    );
    if let Ok(theirs) = std::fs::read(shared) {
        let ours = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/golden/trajectories.json"
        ))
        .unwrap();
        assert!(
            ours == theirs,
            "tests/fixtures/golden differs from ../shared: copy the newer one in"
        );
    }
}
