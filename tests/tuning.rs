//! The tuning commands: `export --to pytorch`, `lr-find` and `compare` (SPEC §12–§14),
//! their output and their bad-input paths (exit 2, one line naming the argument, no file).
//!
//! The exported script's text is checked for every optimizer kind and schedule kind. When
//! `python3` is there the script is also compiled; when `import torch` works it is run and
//! its final points are compared with `gradscape run`. Without them those checks are
//! skipped, each saying so on stderr.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod cmd;
use cmd::{gradscape, stderr, write};

/// Every optimizer kind (and the variants with their own torch code) under `schedule`.
fn all_optimizers(surface: &str, schedule: &str, extra: &str) -> String {
    format!(
        r#"{{
  "surface": {surface},
  "start": [-1.2, 1.5],
  "steps": 60,
  "seed": 11,
  "eval_every": 3,
  {extra}
  "schedule": {schedule},
  "optimizers": [
    {{"kind": "sgd", "lr": 0.001}},
    {{"kind": "momentum", "lr": 0.002, "beta": 0.9}},
    {{"kind": "heavy_ball", "lr": 0.0005, "momentum": 0.8, "nesterov": true}},
    {{"kind": "rmsprop", "lr": 0.003, "rho": 0.95, "eps": 1e-7}},
    {{"kind": "adam", "lr": 0.02, "beta1": 0.8, "beta2": 0.99}},
    {{"kind": "adam", "lr": 0.02, "bias_correction": false, "label": "adam raw"}},
    {{"kind": "adamw", "lr": 0.02, "weight_decay": 0.05}},
    {{"kind": "adamw", "lr": 0.02, "weight_decay": 0.05, "bias_correction": false}},
    {{"kind": "adagrad", "lr": 0.1}},
    {{"kind": "adamax", "lr": 0.01}},
    {{"kind": "lion", "lr": 0.001, "weight_decay": 0.1}}
  ]
}}"#
    )
}

const SCHEDULES: [(&str, &str); 6] = [
    ("constant", r#"{"kind": "constant"}"#),
    (
        "step",
        r#"{"kind": "step", "milestones": [3, 20, 40], "gamma": 0.5, "warmup_steps": 5}"#,
    ),
    ("exponential", r#"{"kind": "exponential", "gamma": 0.97}"#),
    (
        "cosine",
        r#"{"kind": "cosine", "total_steps": 40, "lr_min": 1e-4, "warmup_steps": 10}"#,
    ),
    (
        "plateau",
        r#"{"kind": "plateau", "factor": 0.5, "patience": 2, "min_delta": 0.001, "cooldown": 1, "lr_min": 1e-5}"#,
    ),
    (
        "plateau-warmup",
        r#"{"kind": "plateau", "factor": 0.5, "patience": 0, "warmup_steps": 6}"#,
    ),
];

/// What the script must say for each optimizer kind of [`all_optimizers`].
const OPTIMIZER_CODE: [&str; 11] = [
    "torch.optim.SGD([theta], lr=0.001)",
    "torch.optim.SGD([theta], lr=0.002 * (1 - 0.9), momentum=0.9)",
    "torch.optim.SGD([theta], lr=0.0005, momentum=0.8, nesterov=True)",
    "torch.optim.RMSprop([theta], lr=0.003, alpha=0.95, eps=1e-7)",
    "torch.optim.Adam([theta], lr=0.02, betas=(0.8, 0.99), eps=1e-8)",
    "AdamWithoutBiasCorrection([theta], lr=0.02, betas=(0.9, 0.999), eps=1e-8)",
    "torch.optim.AdamW([theta], lr=0.02, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)",
    "AdamWithoutBiasCorrection([theta], lr=0.02, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)",
    "torch.optim.Adagrad([theta], lr=0.1, eps=1e-10, initial_accumulator_value=0.0)",
    "torch.optim.Adamax([theta], lr=0.01, betas=(0.9, 0.999), eps=1e-8)",
    "Lion([theta], lr=0.001, betas=(0.9, 0.99), weight_decay=0.1)",
];

/// The schedule line of the momentum run (its rates scaled by 1 − β), per schedule kind.
fn momentum_schedule(kind: &str) -> &'static str {
    match kind {
        "constant" => "schedule = Warmup(optimizer, 0)",
        "step" => {
            "schedule = Warmup(optimizer, 5, lambda opt: lr_scheduler.MultiStepLR(opt, milestones=[15, 35], gamma=0.5), start_factor=0.5 ** 1)"
        }
        "exponential" => {
            "schedule = Warmup(optimizer, 0, lambda opt: lr_scheduler.ExponentialLR(opt, gamma=0.97))"
        }
        "cosine" => {
            "schedule = Warmup(optimizer, 10, lambda opt: lr_scheduler.CosineAnnealingLR(opt, T_max=30, eta_min=0.0001 * (1 - 0.9)), decay_steps=30)"
        }
        "plateau" => {
            "schedule = Plateau(optimizer, 0, mode=\"min\", factor=0.5, patience=1, threshold=0.001, threshold_mode=\"abs\", cooldown=1, min_lr=1e-5 * (1 - 0.9))"
        }
        _ => {
            "schedule = Plateau(optimizer, 6, mode=\"min\", factor=0.5, patience=0, threshold=0.0001, threshold_mode=\"abs\", cooldown=0, min_lr=0.0 * (1 - 0.9))"
        }
    }
}

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "pass"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some("python3")
}

fn torch_available() -> bool {
    Command::new("python3")
        .args(["-c", "import torch"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Compiles `script` with Python (syntax only), when Python is there.
fn check_syntax(script: &str) {
    let Some(py) = python() else {
        eprintln!("skipped: no python3 here, the script's syntax was not checked");
        return;
    };
    let out = Command::new(py)
        .args(["-m", "py_compile", script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{script}: {}", stderr(&out));
}

/// Runs `script` with torch and compares its final points with `gradscape run` on `file`.
fn compare_with_torch(script: &str, file: &str, tolerance: f64) {
    if !torch_available() {
        eprintln!(
            "skipped: torch is not importable (python3 -c 'import torch' failed), so the \
             exported script was not run; its text was checked"
        );
        return;
    }
    let out = Command::new("python3").arg(script).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let last = text.lines().last().expect("the script prints");
    let torch: Value = serde_json::from_str(last).expect("the last line is JSON");
    let run = gradscape(&["run", file]);
    assert!(run.status.success(), "{}", stderr(&run));
    let ours: Value = serde_json::from_slice(&run.stdout).unwrap();
    let (a, b) = (
        torch["runs"].as_array().unwrap(),
        ours["runs"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (t, o) in a.iter().zip(b) {
        assert_eq!(t["label"], o["label"]);
        for k in 0..2 {
            let (x, y) = (t["final"][k].as_f64(), o["final"][k].as_f64());
            match (x, y) {
                (Some(x), Some(y)) => assert!(
                    (x - y).abs() <= tolerance * (1.0 + y.abs()),
                    "{}: torch {x} vs gradscape {y}",
                    o["label"]
                ),
                (x, y) => assert_eq!(x.is_none(), y.is_none(), "{}", o["label"]),
            }
        }
    }
}

#[test]
fn export_names_torch_classes_for_every_optimizer_and_schedule_kind() {
    let dir = tempfile::tempdir().unwrap();
    for (name, schedule) in SCHEDULES {
        let file = write(
            dir.path(),
            &format!("{name}.json"),
            &all_optimizers(r#"{"kind": "rosenbrock"}"#, schedule, ""),
        );
        let script = dir.path().join(format!("{name}.py"));
        let script = script.to_str().unwrap();
        let out = gradscape(&["export", &file, "--to", "pytorch", "--out", script]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let text = std::fs::read_to_string(script).unwrap();
        for code in OPTIMIZER_CODE {
            assert!(text.contains(code), "{name}: no `{code}`");
        }
        assert!(
            text.contains(momentum_schedule(name)),
            "{name}: no `{}`",
            momentum_schedule(name)
        );
        // Torch's own scheduler classes, and the hand-written parts said to be so.
        let wanted: &[&str] = match name {
            "step" => &["lr_scheduler.LambdaLR", "lr_scheduler.MultiStepLR"],
            "exponential" => &["lr_scheduler.ExponentialLR"],
            "cosine" => &["lr_scheduler.LambdaLR", "lr_scheduler.CosineAnnealingLR"],
            "plateau" | "plateau-warmup" => &[
                "lr_scheduler.ReduceLROnPlateau",
                "patience=P−1",
                "threshold_mode='abs'",
            ],
            _ => &["class Warmup"],
        };
        for w in wanted {
            assert!(text.contains(w), "{name}: no `{w}`");
        }
        for hand in [
            "torch.optim has no Lion",
            "torch's Adam always corrects",
            "clip_grad_norm_",
            "torch has no early stopping",
        ] {
            assert!(text.contains(hand), "{name}: no comment `{hand}`");
        }
        assert!(
            text.trim_end()
                .ends_with(r#"print(json.dumps({"runs": RESULTS}))"#)
        );
        check_syntax(script);
        compare_with_torch(script, &file, 1e-7);
    }
}

#[test]
fn export_writes_noise_data_and_minibatch_order_for_linreg() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "lin.json",
        r#"{"surface": {"kind": "linreg", "n_train": 10, "n_val": 4, "batch_size": 3},
            "start": [0, 0], "steps": 9, "seed": 5, "grad_noise": 0.1, "grad_clip": 2.0,
            "early_stopping": {"patience": 2},
            "optimizers": [{"kind": "adam", "lr": 0.1}, {"kind": "sgd", "lr": 0.05}]}"#,
    );
    let out = gradscape(&["export", &file, "--to", "pytorch"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    // 10 points in batches of 3: 4 batches an epoch, so 9 steps need 3 epochs' orders.
    let orders = text.split("EPOCH_ORDERS = [\n").nth(1).expect("orders");
    let orders: Vec<&str> = orders
        .lines()
        .take_while(|l| l.starts_with("    ["))
        .collect();
    assert_eq!(orders.len(), 3, "{orders:?}");
    for o in &orders {
        let mut idx: Vec<usize> = o
            .trim()
            .trim_start_matches('[')
            .trim_end_matches("],")
            .split(", ")
            .map(|i| i.parse().unwrap())
            .collect();
        idx.sort_unstable();
        assert_eq!(idx, (0..10).collect::<Vec<_>>(), "a permutation");
    }
    assert_ne!(orders[0], orders[1], "reshuffled each epoch");
    let noise = text.split("NOISE = [\n").nth(1).expect("noise");
    assert_eq!(
        noise.lines().take_while(|l| l.starts_with("    [")).count(),
        9
    );
    for needle in [
        "TRAIN = torch.tensor([",
        "VAL = torch.tensor([",
        "BATCH_SIZE = 3",
        "EVAL_PERIOD = 4",
        "GRAD_CLIP = 2.0",
        "EARLY_STOPPING = dict(patience=2, min_delta=0.0001, restore_best=True)",
    ] {
        assert!(text.contains(needle), "no `{needle}`");
    }
    let script = write(dir.path(), "lin.py", &text);
    check_syntax(&script);
    compare_with_torch(&script, &file, 1e-7);
}

#[test]
fn export_of_custom_and_ackley_surfaces() {
    let dir = tempfile::tempdir().unwrap();
    for (name, surface, needle) in [
        (
            "custom",
            r#"{"kind": "custom", "expr": "x^2 + 10*sin(y)^2 - 2/4 + sqrt(4)"}"#,
            "return ((((x ** (2.0)) + ((10.0) * (torch.sin(y) ** (2.0)))) - (0.5)) + (2.0))",
        ),
        (
            "ackley",
            r#"{"kind": "ackley"}"#,
            "ZERO_GRADIENT_AT_ORIGIN = True",
        ),
    ] {
        let file = write(
            dir.path(),
            &format!("{name}.json"),
            &format!(
                r#"{{"surface": {surface}, "start": [0.5, -0.4], "steps": 30,
                    "optimizers": [{{"kind": "adam", "lr": 0.05}}]}}"#
            ),
        );
        let script = dir.path().join(format!("{name}.py"));
        let script = script.to_str().unwrap();
        let out = gradscape(&["export", &file, "--to", "pytorch", "--out", script]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(script).unwrap();
        assert!(text.contains(needle), "{name}: no `{needle}`");
        check_syntax(script);
        compare_with_torch(script, &file, 1e-7);
    }
}

#[test]
fn export_presets_and_bad_input() {
    let out = gradscape(&["export", "--preset", "warmup-cosine", "--to", "pytorch"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("'warmup-cosine' (a built-in preset)"));

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("never.py");
    let target = target.to_str().unwrap();
    let noisy = write(
        dir.path(),
        "long.json",
        r#"{"surface": {"kind": "booth"}, "start": [0, 0], "steps": 100001, "grad_noise": 1,
            "optimizers": [{"kind": "sgd"}]}"#,
    );
    for (args, needle) in [
        (
            vec!["export", "--preset", "rosenbrock", "--to", "tensorflow"],
            "--to",
        ),
        (vec!["export", "--preset", "rosenbrock"], "--to"),
        (
            vec!["export", noisy.as_str(), "--to", "pytorch", "--out", target],
            "steps:",
        ),
    ] {
        let out = gradscape(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    assert!(!Path::new(target).exists(), "nothing half-written");
}

#[test]
fn lr_find_writes_the_curve_and_three_suggestions() {
    let out = gradscape(&["lr-find", "--preset", "rosenbrock", "--steps", "120"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lr: Vec<f64> = v["lr"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let loss = v["loss"].as_array().unwrap();
    assert_eq!(lr.len(), loss.len());
    assert!((lr[0] - 1e-6).abs() < 1e-18);
    // Exponential growth: a constant ratio from step to step.
    let r = lr[1] / lr[0];
    assert!(r > 1.0 && lr.windows(2).all(|w| (w[1] / w[0] - r).abs() < 1e-9 * r));
    // Rosenbrock blows up long before lr = 10: the test stops early.
    assert!(lr.len() < 120, "stopped early at {}", lr.len());
    assert_eq!(v["stopped_at"].as_u64(), Some(lr.len() as u64));
    let s = &v["suggestions"];
    for key in ["steepest", "minimum_div_10", "valley"] {
        let x = s[key].as_f64().unwrap_or_else(|| panic!("{key}: {s}"));
        assert!(x >= 1e-7 && x < *lr.last().unwrap(), "{key} = {x}");
    }
}

#[test]
fn lr_find_bad_input_names_the_argument() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("never.json");
    let target = target.to_str().unwrap();
    for (args, needle) in [
        (vec!["--optimizer", "7"], "--optimizer:"),
        (vec!["--from", "0"], "--from:"),
        (vec!["--from", "1", "--to", "0.5"], "--to:"),
        (vec!["--to", "inf"], "--to:"),
        (vec!["--steps", "1"], "--steps:"),
        (vec!["--steps", "abc"], "--steps"),
    ] {
        let mut all = vec!["lr-find", "--preset", "rosenbrock", "--out", target];
        all.extend(args.iter().copied());
        let out = gradscape(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert!(!Path::new(target).exists());
}

#[test]
fn compare_tunes_every_optimizer_under_one_budget() {
    let out = gradscape(&[
        "compare",
        "--preset",
        "rosenbrock",
        "--budget",
        "200",
        "--grid",
        "7",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["budget"], 200);
    assert_eq!(v["lr_grid"].as_array().unwrap().len(), 7);
    let results = v["results"].as_array().unwrap();
    assert!(results.len() >= 2);
    for r in results {
        assert_eq!(r["tried"], 7);
        let best = r["best"]["final_loss"].as_f64();
        let given = r["as_given"]["final_loss"]
            .as_f64()
            .unwrap_or(f64::INFINITY);
        // The grid may miss the given rate, but never does worse than every grid point;
        // the tuned loss is a real run's: finite unless every rate diverged.
        if let Some(best) = best {
            assert!(best.is_finite());
            assert!(v["lr_grid"].as_array().unwrap().contains(&r["best"]["lr"]));
        }
        assert!(given.is_finite() || given == f64::INFINITY);
    }
    let verdict = v["verdict"].as_str().unwrap();
    assert!(
        ["better", "better_tuned", "tie"].contains(&verdict),
        "{verdict}"
    );

    let out = gradscape(&["compare", "--preset", "rosenbrock", "--grid", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("gradscape: --grid:"),
        "{}",
        stderr(&out)
    );
    let out = gradscape(&["compare", "--preset", "rosenbrock", "--budget", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--budget:"), "{}", stderr(&out));
}

#[test]
fn compare_second_tunes_the_memory_parameter_too() {
    let out = gradscape(&[
        "compare",
        "--preset",
        "ravine-momentum",
        "--budget",
        "50",
        "--grid",
        "3",
        "--second",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["second_grid"], serde_json::json!([0.0, 0.5, 0.9, 0.99]));
    for r in v["results"].as_array().unwrap() {
        match r["kind"].as_str().unwrap() {
            // No memory parameter: the rates only.
            "sgd" | "adagrad" => assert_eq!(r["tried"], 3, "{r}"),
            kind => {
                assert_eq!(r["tried"], 12, "{kind}");
                let name = match kind {
                    "momentum" => "beta",
                    "heavy_ball" => "momentum",
                    "rmsprop" => "rho",
                    _ => "beta1",
                };
                let value = r["best"][name].as_f64().unwrap_or_else(|| panic!("{r}"));
                assert!([0.0, 0.5, 0.9, 0.99].contains(&value), "{value}");
            }
        }
    }
}
