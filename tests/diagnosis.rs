//! Loss-curve diagnosis (SPEC §10): synthetic curves for every pattern, robustness, the log
//! reader, and the thresholds chosen by cross-validation over the hand-labelled real training
//! logs in tests/fixtures/real-logs plus labelled synthetic curves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gradscape::core::diagnosis::{Pattern, Series, Thresholds, diagnose, diagnose_with};
use gradscape::core::log::{LogError, ReadOptions, read_log, read_path};
use gradscape::lang::{action, evidence, finding_json, summary, title};

// ---------------------------------------------------------------------------------------------
// Curve generators

/// A tiny deterministic generator (Knuth's MMIX LCG), so that no result array is hard-coded.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(2862933555777941757)
            .wrapping_add(3037000493))
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// One synthetic run, owned.
#[derive(Clone, Default)]
struct Run {
    steps: Vec<f64>,
    train: Vec<f64>,
    val_steps: Vec<f64>,
    val: Vec<f64>,
    lr: Option<Vec<f64>>,
}

impl Run {
    fn train_only(train: Vec<f64>) -> Run {
        Run {
            steps: (0..train.len()).map(|t| t as f64).collect(),
            train,
            ..Run::default()
        }
    }

    /// Validation evaluated every `every` steps (from step `every` on), from `val(t)`.
    fn with_val(mut self, every: usize, mut val: impl FnMut(usize) -> f64) -> Run {
        for t in (every..self.train.len()).step_by(every) {
            self.val_steps.push(t as f64);
            self.val.push(val(t));
        }
        self
    }

    fn with_lr(mut self, lr: impl Fn(usize) -> f64) -> Run {
        self.lr = Some((0..self.train.len()).map(lr).collect());
        self
    }

    fn series(&self) -> Series<'_> {
        Series {
            steps: &self.steps,
            train: &self.train,
            val_steps: &self.val_steps,
            val: &self.val,
            lr: self.lr.as_deref(),
            diverged_at: None,
        }
    }

    fn patterns(&self) -> Vec<Pattern> {
        diagnose(&self.series()).iter().map(|f| f.pattern).collect()
    }
}

/// `start` decaying exponentially towards `floor`, losing `drop` of the way over `n` steps.
fn exp_decay(n: usize, start: f64, floor: f64, drop: f64) -> impl Fn(usize) -> f64 {
    let rate = -(1.0 - drop).ln() / (n.max(2) - 1) as f64;
    move |t| floor + (start - floor) * (-rate * t as f64).exp()
}

/// Multiplies a positive curve by log-normal noise of `sigma` decades.
fn noisy(curve: impl Fn(usize) -> f64, sigma: f64, seed: u64) -> impl Fn(usize) -> f64 {
    // One draw per step, made up front, so that the curve is a pure function of t.
    let mut rng = Lcg::new(seed);
    let draws: Vec<f64> = (0..100_000).map(|_| rng.normal()).collect();
    move |t| curve(t) * 10f64.powf(sigma * draws[t % draws.len()])
}

fn sample(n: usize, f: impl FnMut(usize) -> f64) -> Vec<f64> {
    (0..n).map(f).collect()
}

fn assert_has(run: &Run, pattern: Pattern, what: &str) {
    let findings = diagnose(&run.series());
    assert!(
        findings.iter().any(|f| f.pattern == pattern),
        "{what}: expected {}, got {findings:#?}",
        pattern.id()
    );
}

fn assert_lacks(run: &Run, pattern: Pattern, what: &str) {
    let findings = diagnose(&run.series());
    assert!(
        findings.iter().all(|f| f.pattern != pattern),
        "{what}: did not expect {}, got {findings:#?}",
        pattern.id()
    );
}

fn assert_healthy(run: &Run, what: &str) {
    let findings = diagnose(&run.series());
    assert!(
        findings.len() == 1 && findings[0].pattern == Pattern::Healthy,
        "{what}: expected healthy, got {findings:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Real logs and the choice of thresholds by cross-validation

fn real_logs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-logs")
}

/// labels.json: file name → expected patterns ("healthy" alone means none).
fn real_labels() -> BTreeMap<String, Vec<Pattern>> {
    let text = std::fs::read_to_string(real_logs_dir().join("labels.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["logs"]
        .as_object()
        .expect("labels.json has a logs object")
        .iter()
        .map(|(file, entry)| {
            let labels = entry["labels"]
                .as_array()
                .expect("labels is an array")
                .iter()
                .map(|l| l.as_str().unwrap())
                .filter(|l| *l != "healthy")
                .map(|l| Pattern::from_id(l).unwrap_or_else(|| panic!("{file}: label {l}")))
                .collect();
            (file.clone(), labels)
        })
        .collect()
}

/// Reads a log the way `gradscape diagnose` does (any format) and keeps its last run.
fn read_last_run(path: &Path) -> Result<Run, String> {
    let read = read_path(path, &ReadOptions::default()).map_err(|e| e.to_string())?;
    let r = read.runs.last().ok_or("no run")?;
    Ok(Run {
        steps: r.steps.clone(),
        train: r.train.clone(),
        val_steps: r.val_steps.clone(),
        val: r.val.clone(),
        lr: r.lr.clone(),
    })
}

#[test]
fn every_labelled_real_log_is_read() {
    let labels = real_labels();
    assert!(
        labels.len() >= 41,
        "labels.json lists {} logs",
        labels.len()
    );
    for file in labels.keys() {
        let path = real_logs_dir().join(file);
        let read =
            read_path(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(read.runs.len(), 1, "{file}: one run");
        let run = &read.runs[0];
        assert!(
            run.train.len() >= 5 || run.val.len() >= 10,
            "{file}: rows read"
        );
    }
}

/// The real logs, their labels and sources are an exact copy of `../shared/fixtures` (when
/// that folder is there): the labels are not ours to edit.
#[test]
fn real_logs_are_identical_to_shared_when_present() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/fixtures");
    let Ok(entries) = std::fs::read_dir(shared.join("real-logs")) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .map(|e| Path::new("real-logs").join(e.unwrap().file_name()))
        .collect();
    names.push(PathBuf::from("README.md"));
    assert!(names.len() >= 44, "{} files", names.len());
    for name in names {
        let theirs = std::fs::read(shared.join(&name)).unwrap();
        let ours = std::fs::read(root.join("tests/fixtures").join(&name))
            .unwrap_or_else(|e| panic!("{}: {e}", name.display()));
        assert!(ours == theirs, "{} differs from ../shared", name.display());
    }
}

/// A labelled case of the threshold choice: a real log, or a synthetic curve.
struct Case {
    name: String,
    run: Run,
    labels: Vec<Pattern>,
    real: bool,
    /// The only pattern this case is labelled for (the others are not judged on it).
    only: Option<Pattern>,
}

/// Every labelled real log.
fn real_cases() -> Vec<Case> {
    real_labels()
        .into_iter()
        .map(|(file, labels)| Case {
            run: read_last_run(&real_logs_dir().join(&file)).unwrap_or_else(|e| panic!("{e}")),
            name: file,
            labels,
            real: true,
            only: None,
        })
        .collect()
}

/// Synthetic curves of every pattern and healthy ones, from the generators below: what the
/// rules must get right whatever the real logs say.
fn synthetic_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: String, run: Run, labels: Vec<Pattern>| {
        cases.push(Case {
            name,
            run,
            labels,
            real: false,
            only: None,
        })
    };
    for (k, &(n, scale)) in [(20, 1.0), (100, 1e3)].iter().enumerate() {
        let blow_up = n * 2 / 3;
        let decay = noisy(exp_decay(n, scale, 0.0, 0.9), 0.01, k as u64);
        let train = sample(n, |t| {
            if t < blow_up {
                decay(t)
            } else if t < n - 1 {
                decay(blow_up) * 3f64.powi((t - blow_up + 1) as i32)
            } else {
                f64::NAN
            }
        });
        add(
            format!("explosion n={n}"),
            Run::train_only(train),
            vec![Pattern::LrTooHigh],
        );
    }
    for (seed, &(n, climb, per_step)) in [(20, 6, 1.3), (60, 4, 1.8), (300, 30, 1.1)]
        .iter()
        .enumerate()
    {
        let decay = noisy(exp_decay(n - climb, 2.5, 0.0, 0.97), 0.005, seed as u64);
        let low = decay(n - climb - 1);
        let run = Run::train_only(sample(n, |t| {
            if t < n - climb {
                decay(t)
            } else {
                low * f64::powi(per_step, (t + 1 - (n - climb)) as i32)
            }
        }));
        add(format!("divergence n={n}"), run, vec![Pattern::LrTooHigh]);
    }
    for (seed, &(n, amplitude, scale)) in [(30, 0.3, 1.0), (100, 0.5, 50.0), (12, 0.4, 3.0)]
        .iter()
        .enumerate()
    {
        let decay = exp_decay(n, scale, scale * 0.2, 0.9);
        let mut rng = Lcg::new(seed as u64 + 7);
        let run = Run::train_only(sample(n, |t| {
            let sign = if t % 2 == 0 { 1.0 } else { -1.0 };
            decay(t) * 10f64.powf(sign * amplitude + 0.05 * rng.normal())
        }));
        add(format!("oscillation n={n}"), run, vec![Pattern::LrTooHigh]);
    }
    for (seed, &(n, drop, scale)) in [(50, 0.1, 1.0), (500, 0.3, 0.05), (10, 0.02, 2.3)]
        .iter()
        .enumerate()
    {
        let train = noisy(exp_decay(n, scale, 0.0, drop), 0.0005 * drop, seed as u64);
        let run = Run::train_only(sample(n, &train)).with_val(1, |t| 1.05 * train(t));
        add(format!("slow n={n}"), run, vec![Pattern::LrTooLow]);
    }
    for (seed, &(n, every, low_at, rise)) in
        [(30, 1, 0.1, 3.0), (200, 5, 0.3, 1.6), (60, 3, 0.5, 2.0)]
            .iter()
            .enumerate()
    {
        let run = overfit_run(n, every, low_at, rise, 1.5, seed as u64 + 1);
        add(format!("overfit n={n}"), run, vec![Pattern::Overfitting]);
    }
    for (seed, (n, every, cuts, gamma)) in [
        (60, 1, vec![30], 0.1),
        (300, 5, vec![100, 200], 0.5),
        (40, 2, vec![10, 20, 30], 0.2),
    ]
    .into_iter()
    .enumerate()
    {
        let run = step_schedule_run(n, every, &cuts, gamma, 0.0, seed as u64 + 1);
        add(format!("cuts n={n}"), run, vec![Pattern::SchedulerHelping]);
    }
    for (seed, &(n, every, sigma)) in [(20, 1, 0.15), (400, 4, 0.08), (60, 1, 0.3)]
        .iter()
        .enumerate()
    {
        let train = exp_decay(n, 2.5, 0.3, 0.95);
        let val = noisy(exp_decay(n, 2.0, 0.4, 0.9), sigma, seed as u64 + 1);
        let run = Run::train_only(sample(n, &train)).with_val(every, val);
        add(format!("noisy val n={n}"), run, vec![Pattern::ValNoisy]);
    }
    // Validation exactly as noisy as training: nothing to blame on the validation set.
    for (seed, &n) in [100usize, 400].iter().enumerate() {
        let seed = 2 * seed as u64 + 1;
        let run = Run::train_only(sample(n, noisy(exp_decay(n, 2.0, 0.2, 0.9), 0.1, seed)))
            .with_val(1, noisy(exp_decay(n, 2.2, 0.3, 0.9), 0.1, seed + 1));
        add(format!("both noisy n={n}"), run, vec![]);
    }
    for (seed, &n) in [20usize, 100, 1000].iter().enumerate() {
        let seed = seed as u64;
        let train = noisy(exp_decay(n, 2.3, 0.05, 0.95), 0.004, seed);
        let val = noisy(exp_decay(n, 2.5, 0.07, 0.93), 0.004, seed + 50);
        let run = Run::train_only(sample(n, &train))
            .with_val(1.max(n / 50), &val)
            .with_lr(|_| 1e-3);
        add(format!("healthy exp n={n}"), run, vec![]);
        let train = noisy(
            |t: usize| 3.0 * (1.0 + t as f64 / 2.0).powf(-0.7),
            0.006,
            seed + 1,
        );
        let val = noisy(
            |t: usize| 3.2 * (1.0 + t as f64 / 2.0).powf(-0.6),
            0.006,
            seed + 2,
        );
        let run = Run::train_only(sample(n, &train)).with_val(1.max(n / 50), &val);
        add(format!("healthy power n={n}"), run, vec![]);
        let n = 30 + 40 * seed as usize;
        let train = noisy(exp_decay(n, 2.0, 0.1, 0.95), 0.01, seed);
        let val = noisy(exp_decay(n, 2.1, 0.2, 0.9), 0.012, seed + 1000);
        let run = Run::train_only(sample(n, &train)).with_val(1, &val);
        add(format!("healthy mild noise n={n}"), run, vec![]);
    }
    // Labelled for val_noisy only: whether such training noise means a too-high rate is not
    // what these curves are for.
    for c in &mut cases {
        if c.name.starts_with("both noisy") {
            c.only = Some(Pattern::ValNoisy);
        }
    }
    cases
}

/// The candidate values of each threshold, as round numbers (decades of loss, or fractions).
const REBOUND_GRID: [f64; 9] = [0.04, 0.06, 0.08, 0.1, 0.13, 0.18, 0.25, 0.35, 0.48];
const REBOUND_SHARE_GRID: [f64; 5] = [0.02, 0.05, 0.1, 0.15, 0.2];
const FLAT_GRID: [f64; 3] = [0.02, 0.05, 0.1];
const SLOW_GRID: [f64; 5] = [0.1, 0.2, 0.3, 0.4, 0.5];
const OVERFIT_RISE_GRID: [f64; 7] = [0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.13];
const OVERFIT_NOISE_GRID: [f64; 5] = [0.0, 1.0, 2.0, 2.5, 3.0];
const CUT_GAIN_GRID: [f64; 7] = [0.01, 0.02, 0.03, 0.046, 0.07, 0.1, 0.15];
const VAL_NOISE_GRID: [f64; 8] = [0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.07];
const VAL_SWINGS_GRID: [f64; 3] = [2.0, 3.0, 4.0];
const VAL_TRAIN_RATIO_GRID: [f64; 3] = [0.5, 1.0, 2.0];

/// The candidate thresholds for one pattern: its own thresholds over their grids, the others
/// at their defaults.
fn grid(p: Pattern) -> Vec<Thresholds> {
    let d = Thresholds::DEFAULT;
    let pairs = |a: &[f64], b: &[f64]| -> Vec<(f64, f64)> {
        a.iter()
            .flat_map(|x| b.iter().map(move |y| (*x, *y)))
            .collect()
    };
    match p {
        Pattern::LrTooHigh => pairs(&REBOUND_GRID, &REBOUND_SHARE_GRID)
            .into_iter()
            .map(|(rebound, rebound_share)| Thresholds {
                rebound,
                rebound_share,
                ..d
            })
            .collect(),
        Pattern::LrTooLow => pairs(&FLAT_GRID, &SLOW_GRID)
            .into_iter()
            .map(|(flat, slow)| Thresholds { flat, slow, ..d })
            .collect(),
        Pattern::Overfitting => pairs(&OVERFIT_RISE_GRID, &OVERFIT_NOISE_GRID)
            .into_iter()
            .map(|(overfit_rise, overfit_noise)| Thresholds {
                overfit_rise,
                overfit_noise,
                ..d
            })
            .collect(),
        Pattern::SchedulerHelping => CUT_GAIN_GRID
            .iter()
            .map(|&cut_gain| Thresholds { cut_gain, ..d })
            .collect(),
        Pattern::ValNoisy => pairs(&VAL_NOISE_GRID, &VAL_SWINGS_GRID)
            .into_iter()
            .flat_map(|(val_noise, val_swings)| {
                VAL_TRAIN_RATIO_GRID
                    .iter()
                    .map(move |&val_train_ratio| Thresholds {
                        val_noise,
                        val_swings,
                        val_train_ratio,
                        ..d
                    })
            })
            .collect(),
        _ => vec![d],
    }
}

/// (tp, fp, fn) of `predicted` against the labels, over the cases `keep` lets through.
fn counts(
    p: Pattern,
    cases: &[Case],
    predicted: &[bool],
    keep: impl Fn(usize) -> bool,
) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (i, case) in cases
        .iter()
        .enumerate()
        .filter(|(i, c)| keep(*i) && c.only.is_none_or(|q| q == p))
    {
        match (case.labels.contains(&p), predicted[i]) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    (tp, fp, fn_)
}

/// Precision and recall; no prediction counts as perfect precision, no label as perfect recall.
fn precision_recall((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64) {
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (precision, recall)
}

fn f1(c: (usize, usize, usize)) -> f64 {
    let (tp, fp, fn_) = c;
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

/// The grid index with the best F1 over the cases `keep` lets through; among ties, the middle
/// one of the tied indices (a value in the middle of a plateau, not on its edge).
fn choose(p: Pattern, cases: &[Case], preds: &[Vec<bool>], keep: impl Fn(usize) -> bool) -> usize {
    let scores: Vec<f64> = preds
        .iter()
        .map(|pr| f1(counts(p, cases, pr, &keep)))
        .collect();
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let tied: Vec<usize> = (0..scores.len())
        .filter(|&g| (scores[g] - best).abs() < 1e-12)
        .collect();
    tied[tied.len() / 2]
}

/// Cross-validated floors: the leave-one-out figures below, rounded down to a twentieth.
const CV_FLOORS: [(Pattern, f64, f64); 5] = [
    // (pattern, precision, recall)
    (Pattern::LrTooHigh, 0.5, 0.6),
    (Pattern::LrTooLow, 0.8, 1.0),
    (Pattern::Overfitting, 0.9, 1.0),
    (Pattern::SchedulerHelping, 1.0, 1.0),
    (Pattern::ValNoisy, 0.85, 0.9),
];

/// Chooses each pattern's thresholds by leave-one-out cross-validation over the real logs
/// (the synthetic curves always in the training part), prints in-sample and cross-validated
/// precision and recall per pattern, holds the cross-validated figures to their floors, and
/// checks that the choice on all the data is [`Thresholds::DEFAULT`].
#[test]
fn thresholds_chosen_by_cross_validation() {
    let mut cases = real_cases();
    cases.extend(synthetic_cases());
    let real: Vec<usize> = (0..cases.len()).filter(|&i| cases[i].real).collect();
    let mut failures = Vec::new();
    let mut table = String::new();
    let mut chosen_all = Vec::new();
    let mut cv_predictions: Vec<Vec<Pattern>> = vec![Vec::new(); cases.len()];
    let mut in_predictions: Vec<Vec<Pattern>> = vec![Vec::new(); cases.len()];
    for p in Pattern::CURVE {
        let candidates = grid(p);
        let preds: Vec<Vec<bool>> = candidates
            .iter()
            .map(|t| {
                cases
                    .iter()
                    .map(|c| {
                        diagnose_with(&c.run.series(), t)
                            .iter()
                            .any(|f| f.pattern == p)
                    })
                    .collect()
            })
            .collect();
        let all = choose(p, &cases, &preds, |_| true);
        chosen_all.push((p, candidates[all]));
        let is_real = |i: usize| cases[i].real;
        let in_sample = counts(p, &cases, &preds[all], is_real);
        let mut held_out = vec![false; cases.len()];
        for &i in &real {
            let g = choose(p, &cases, &preds, |j| j != i);
            held_out[i] = preds[g][i];
        }
        let cv = counts(p, &cases, &held_out, is_real);
        for &i in &real {
            if preds[all][i] {
                in_predictions[i].push(p);
            }
            if held_out[i] {
                cv_predictions[i].push(p);
            }
        }
        let synthetic = counts(p, &cases, &preds[all], |i| !cases[i].real);
        let (ip, ir) = precision_recall(in_sample);
        let (cp, cr) = precision_recall(cv);
        let (sp, sr) = precision_recall(synthetic);
        table.push_str(&format!(
            "{:<18} {:>3} {:>3} {:>3} {:>6.2} {:>6.2}   {:>3} {:>3} {:>3} {:>6.2} {:>6.2}   {:>6.2} {:>6.2}\n",
            p.id(),
            in_sample.0,
            in_sample.1,
            in_sample.2,
            ip,
            ir,
            cv.0,
            cv.1,
            cv.2,
            cp,
            cr,
            sp,
            sr
        ));
        let (_, min_p, min_r) = CV_FLOORS.iter().find(|f| f.0 == p).copied().unwrap();
        if cp < min_p || cr < min_r {
            failures.push(format!("{}: cross-validated P {cp:.2} R {cr:.2}", p.id()));
        }
    }
    for &i in &real {
        println!(
            "{:<28} labels {:?}\n{:<28} in-sample {:?}  cross-validated {:?}",
            cases[i].name,
            cases[i].labels.iter().map(|p| p.id()).collect::<Vec<_>>(),
            "",
            in_predictions[i].iter().map(|p| p.id()).collect::<Vec<_>>(),
            cv_predictions[i].iter().map(|p| p.id()).collect::<Vec<_>>()
        );
    }
    println!(
        "\n{} real logs (leave-one-out), {} synthetic curves\n\
         {:<18} {:>27}   {:>27}   {:>13}\n{:<18} {:>3} {:>3} {:>3} {:>6} {:>6}   {:>3} {:>3} {:>3} {:>6} {:>6}   {:>6} {:>6}\n{table}",
        real.len(),
        cases.len() - real.len(),
        "",
        "in-sample (real logs)",
        "cross-validated (real logs)",
        "synthetic",
        "pattern",
        "tp",
        "fp",
        "fn",
        "P",
        "R",
        "tp",
        "fp",
        "fn",
        "P",
        "R",
        "P",
        "R"
    );
    for (p, t) in &chosen_all {
        let d = Thresholds::DEFAULT;
        let mine: Vec<(Pattern, &str, f64)> =
            t.named().into_iter().filter(|(q, _, _)| q == p).collect();
        let default: Vec<(Pattern, &str, f64)> =
            d.named().into_iter().filter(|(q, _, _)| q == p).collect();
        println!("{}: chosen {mine:?}", p.id());
        if mine != default {
            failures.push(format!(
                "{}: the choice on all data is {mine:?}, DEFAULT has {default:?}",
                p.id()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// ---------------------------------------------------------------------------------------------
// Synthetic curves: lr_too_high

#[test]
fn explosion_to_nan_or_inf_is_lr_too_high() {
    for (k, &(n, scale)) in [(20, 1.0), (100, 1e3), (500, 1e-3), (6, 2.0)]
        .iter()
        .enumerate()
    {
        for bad in [f64::NAN, f64::INFINITY] {
            let blow_up = n * 2 / 3;
            let decay = noisy(exp_decay(n, scale, 0.0, 0.9), 0.01, k as u64);
            let train = sample(n, |t| {
                if t < blow_up {
                    decay(t)
                } else if t < n - 1 {
                    decay(blow_up) * 3f64.powi((t - blow_up + 1) as i32)
                } else {
                    bad
                }
            });
            let run = Run::train_only(train).with_val(5, |t| scale * (1.0 + 1.0 / (1 + t) as f64));
            let findings = diagnose(&run.series());
            assert_eq!(
                findings[0].pattern,
                Pattern::LrTooHigh,
                "n={n}: {findings:#?}"
            );
            let name = if bad.is_nan() { "NaN" } else { "inf" };
            let text = evidence(&findings[0]);
            assert!(text.contains(name), "{text}");
            assert!(text.contains(&format!("step {}", n - 1)), "{text}");
        }
    }
}

#[test]
fn divergence_without_nan_is_lr_too_high() {
    // Falls, then climbs for good: by ×1.3 to ×3 per step, for 4 to 30 steps.
    for (seed, &(n, climb, per_step)) in
        [(20, 6, 1.3), (60, 4, 1.8), (300, 30, 1.1), (1000, 10, 3.0)]
            .iter()
            .enumerate()
    {
        let decay = noisy(exp_decay(n - climb, 2.5, 0.0, 0.97), 0.005, seed as u64);
        let low = decay(n - climb - 1);
        let run = Run::train_only(sample(n, |t| {
            if t < n - climb {
                decay(t)
            } else {
                low * f64::powi(per_step, (t + 1 - (n - climb)) as i32)
            }
        }));
        assert_has(&run, Pattern::LrTooHigh, &format!("climb {climb} of {n}"));
        assert_lacks(&run, Pattern::LrTooLow, "divergence");
    }
}

#[test]
fn growth_by_orders_of_magnitude_is_lr_too_high_whatever_the_jump() {
    // ×100 and more per step from the start, or a slow ×1.3 per step that adds up: the loss
    // ends orders of magnitude above its low, to 1e30 and beyond.
    for (n, per_step) in [(12, 1000.0), (6, 100.0), (80, 1.3), (400, 1.2)] {
        let run = Run::train_only(sample(n, |t| 1e-5 * f64::powi(per_step, t as i32)))
            .with_val(1, |t| 2e-5 * f64::powi(per_step, t as i32));
        let findings = diagnose(&run.series());
        assert_eq!(
            findings[0].pattern,
            Pattern::LrTooHigh,
            "×{per_step}: {findings:#?}"
        );
        assert_eq!(findings[0].kind, "grew", "×{per_step}");
        assert!(findings[0].fact("factor").unwrap() >= 100.0);
    }
    // Spikes of ×5 every seventh epoch on a falling loss.
    let run = Run::train_only(sample(30, |t| {
        let base = (-0.1 * t as f64).exp() + 0.1;
        if t % 7 == 6 { 5.0 * base } else { base }
    }));
    assert_has(&run, Pattern::LrTooHigh, "×5 spikes");
}

#[test]
fn divergence_of_a_negative_loss_is_lr_too_high() {
    // A surface with negative values (like `saddle`): falls to −2, then shoots up past 0.
    for n in [10, 40, 200] {
        let run = Run::train_only(sample(n, |t| {
            let t0 = (n * 3 / 4) as f64;
            let t = t as f64;
            if t < t0 {
                -2.0 + 1.5 * (-t / 3.0).exp()
            } else {
                -2.0 + 2f64.powf(t - t0 + 1.0)
            }
        }));
        assert_has(&run, Pattern::LrTooHigh, &format!("negative, n={n}"));
    }
}

#[test]
fn violent_oscillation_is_lr_too_high() {
    for (seed, &(n, amplitude, scale)) in [
        (30, 0.3, 1.0),
        (100, 0.5, 50.0),
        (500, 0.25, 1e-4),
        (12, 0.4, 3.0),
    ]
    .iter()
    .enumerate()
    {
        let decay = exp_decay(n, scale, scale * 0.2, 0.9);
        let mut rng = Lcg::new(seed as u64 + 7);
        // Up and down every step by ×2 to ×3, with some randomness on top.
        let run = Run::train_only(sample(n, |t| {
            let sign = if t % 2 == 0 { 1.0 } else { -1.0 };
            decay(t) * 10f64.powf(sign * amplitude + 0.05 * rng.normal())
        }));
        assert_has(
            &run,
            Pattern::LrTooHigh,
            &format!("oscillation n={n} a={amplitude}"),
        );
        assert_lacks(&run, Pattern::LrTooLow, "oscillation");
    }
    // Random jumps of ±×3 (σ = 0.5 decades), not strictly alternating.
    for seed in 0..5 {
        let run = Run::train_only(sample(200, noisy(exp_decay(200, 1.0, 0.1, 0.9), 0.5, seed)));
        assert_has(
            &run,
            Pattern::LrTooHigh,
            &format!("random jumps, seed {seed}"),
        );
    }
    // The same on a loss that crosses 0: differences, not ratios.
    let mut rng = Lcg::new(3);
    let run = Run::train_only(sample(80, |t| {
        let sign = if t % 2 == 0 { 1.0 } else { -1.0 };
        -1.0 + (-(t as f64) / 20.0).exp() + sign * (0.8 + 0.1 * rng.normal())
    }));
    assert_has(&run, Pattern::LrTooHigh, "oscillation across 0");
}

// ---------------------------------------------------------------------------------------------
// Synthetic curves: lr_too_low

#[test]
fn slow_steady_decrease_is_lr_too_low() {
    for (seed, &(n, drop, scale)) in [
        (10, 0.02, 2.3),
        (50, 0.1, 1.0),
        (500, 0.3, 0.05),
        (2000, 0.001, 5.8),
        (5, 0.2, 24.0),
    ]
    .iter()
    .enumerate()
    {
        // Exponential decay at a tiny rate: almost a straight line.
        let train = noisy(exp_decay(n, scale, 0.0, drop), 0.0005 * drop, seed as u64);
        let run = Run::train_only(sample(n, &train)).with_val(1, |t| 1.05 * train(t));
        let findings = diagnose(&run.series());
        assert_eq!(
            findings.iter().map(|f| f.pattern).collect::<Vec<_>>(),
            vec![Pattern::LrTooLow],
            "n={n} drop={drop}: {findings:#?}"
        );
    }
    // A straight line, like CIFAR with a tiny lr: 3.2 → 2.3.
    let run = Run::train_only(sample(60, |t| 3.2 - 0.9 * t as f64 / 59.0));
    assert_has(&run, Pattern::LrTooLow, "straight line");
}

#[test]
fn slow_decrease_of_a_negative_loss_is_lr_too_low() {
    for n in [8, 80, 800] {
        let run = Run::train_only(sample(n, |t| -0.2 - 0.05 * t as f64 / n as f64));
        assert_has(&run, Pattern::LrTooLow, &format!("negative, n={n}"));
    }
}

#[test]
fn a_loss_at_its_floor_at_once_is_not_lr_too_low() {
    // Started at the minimum, or reached it in one step: done, not slow.
    for value in [5.0, 1e-8, -3.0, 0.0] {
        let run = Run::train_only(vec![value; 30]);
        assert_eq!(run.patterns(), vec![Pattern::Healthy], "constant {value}");
        let mut one_step = vec![value; 30];
        one_step[0] = value + 4.0;
        assert_lacks(&Run::train_only(one_step), Pattern::LrTooLow, "one step");
    }
}

// ---------------------------------------------------------------------------------------------
// Synthetic curves: overfitting

/// Train decays; validation decays to its low at `low_at` (fraction of the run), then rises
/// by `rise` (×) by the end.
fn overfit_run(n: usize, every: usize, low_at: f64, rise: f64, scale: f64, seed: u64) -> Run {
    let train = noisy(exp_decay(n, scale, 0.0, 0.99), 0.005, seed);
    let t_low = (low_at * n as f64).max(1.0);
    let v0 = 1.2 * scale;
    let v_low = 0.4 * scale;
    let val = noisy(
        move |t: usize| {
            let t = t as f64;
            if t <= t_low {
                v0 * (v_low / v0).powf(t / t_low)
            } else {
                v_low * (1.0 + (rise - 1.0) * (t - t_low) / (n as f64 - 1.0 - t_low))
            }
        },
        0.01,
        seed + 100,
    );
    Run::train_only(sample(n, &train)).with_val(every, val)
}

#[test]
fn validation_rising_while_train_falls_is_overfitting() {
    let mut seed = 0;
    for &(n, every) in &[(30, 1), (200, 5), (2000, 100), (60, 3)] {
        for &(low_at, rise) in &[(0.1, 3.0), (0.3, 1.6), (0.5, 2.0), (0.05, 5.0)] {
            seed += 1;
            let run = overfit_run(n, every, low_at, rise, 1.5, seed);
            assert_has(
                &run,
                Pattern::Overfitting,
                &format!("n={n} every={every} low={low_at} ×{rise}"),
            );
            assert_lacks(&run, Pattern::ValNoisy, "smooth overfitting");
            assert_lacks(&run, Pattern::LrTooHigh, "smooth overfitting");
        }
    }
}

#[test]
fn overfitting_with_negative_losses() {
    // Differences, not ratios: train −1 → −3, validation −1 → −2.2, then back up to −1.4.
    for n in [20, 100] {
        let run = Run::train_only(sample(n, |t| {
            -3.0 + 2.0 * (-(t as f64) / (n as f64 / 6.0)).exp()
        }))
        .with_val(2, |t| {
            let x = t as f64 / n as f64;
            if x < 0.3 {
                -1.0 - 4.0 * x
            } else {
                -2.2 + 1.15 * (x - 0.3)
            }
        });
        assert_has(&run, Pattern::Overfitting, &format!("negative, n={n}"));
    }
}

#[test]
fn validation_rising_with_train_rising_is_not_overfitting() {
    let n = 50;
    let run = Run::train_only(sample(n, |t| {
        if t < 30 {
            1.0 / (1 + t) as f64
        } else {
            0.03 * 1.2f64.powi(t as i32 - 29)
        }
    }))
    .with_val(1, |t| {
        if t < 30 {
            1.2 / (1 + t) as f64
        } else {
            0.04 * 1.2f64.powi(t as i32 - 29)
        }
    });
    assert_lacks(&run, Pattern::Overfitting, "both rise");
    assert_has(&run, Pattern::LrTooHigh, "both rise");
}

// ---------------------------------------------------------------------------------------------
// Synthetic curves: scheduler_helping

/// Loss = a decaying part + a noise floor proportional to the lr (as with minibatch noise);
/// the floor follows the lr within a few steps, so every cut shows as a drop.
fn step_schedule_run(
    n: usize,
    every: usize,
    cuts: &[usize],
    gamma: f64,
    offset: f64,
    seed: u64,
) -> Run {
    let lr = |t: usize| 0.01 * gamma.powi(cuts.iter().filter(|c| **c <= t).count() as i32);
    let relax = (n / 100).max(1) as f64;
    let loss = move |t: usize| {
        let floor: f64 = (0..=t)
            .map(|s| {
                let weight = (-((t - s) as f64) / relax).exp() * (1.0 - (-1.0 / relax).exp());
                weight * lr(s) / 0.01
            })
            .sum::<f64>()
            + (-((t + 1) as f64) / relax).exp();
        offset + 2.0 * (-(t as f64) / (n as f64 / 8.0)).exp() + 0.6 * floor
    };
    let mut rng = Lcg::new(seed);
    let train: Vec<f64> = (0..n).map(|t| loss(t) - 0.1).collect();
    let jitter: Vec<f64> = (0..n).map(|_| 1.0 + 0.003 * rng.normal()).collect();
    Run::train_only(train)
        .with_val(every, |t| (loss(t) - offset) * jitter[t] + offset)
        .with_lr(lr)
}

#[test]
fn drop_right_after_an_lr_cut_is_scheduler_helping() {
    let mut seed = 0;
    for &(n, every) in &[(60, 1), (300, 5), (1000, 20), (40, 2)] {
        for (cuts, gamma) in [
            (vec![n / 2], 0.1),
            (vec![n / 3, 2 * n / 3], 0.5),
            (vec![n / 4, n / 2, 3 * n / 4], 0.2),
        ] {
            seed += 1;
            let run = step_schedule_run(n, every, &cuts, gamma, 0.0, seed);
            assert_has(
                &run,
                Pattern::SchedulerHelping,
                &format!("n={n} every={every} cuts={cuts:?}"),
            );
            // Shifted below 0: differences, not ratios.
            let run = step_schedule_run(n, every, &cuts, gamma, -3.0, seed);
            assert_has(
                &run,
                Pattern::SchedulerHelping,
                &format!("negative n={n} cuts={cuts:?}"),
            );
        }
    }
}

#[test]
fn lr_cut_without_validation_is_judged_on_train() {
    let mut run = step_schedule_run(200, 1, &[100], 0.1, 0.0, 1);
    run.val_steps.clear();
    run.val.clear();
    assert_has(&run, Pattern::SchedulerHelping, "train only");
}

#[test]
fn lr_cut_that_only_slows_progress_is_not_scheduler_helping() {
    // Plain gradient descent on a quadratic: a lower lr only slows the decay down.
    for (n, cut) in [(100, 50), (400, 100)] {
        let lr = move |t: usize| if t < cut { 0.05 } else { 0.005 };
        let mut loss: Vec<f64> = vec![4.0];
        for t in 1..n {
            let last = loss[t - 1];
            loss.push(last * f64::powi(1.0 - lr(t), 2));
        }
        let val: Vec<f64> = loss.iter().map(|l| l + 0.3).collect();
        let run = Run::train_only(loss).with_val(1, |t| val[t]).with_lr(lr);
        assert_lacks(&run, Pattern::SchedulerHelping, &format!("n={n}"));
    }
}

#[test]
fn smooth_decay_schedules_have_no_cuts() {
    // Cosine with warmup and exponential decay change the lr every step: no step cuts to credit.
    let n = 200;
    let cosine = |t: usize| {
        if t < 20 {
            1e-3 * t as f64 / 20.0
        } else {
            1e-5 + 0.5
                * (1e-3 - 1e-5)
                * (1.0 + (std::f64::consts::PI * (t - 20) as f64 / 180.0).cos())
        }
    };
    for lr in [&cosine as &dyn Fn(usize) -> f64, &|t| {
        1e-2 * 0.97f64.powi(t as i32)
    }] {
        let run = Run::train_only(sample(n, exp_decay(n, 3.0, 0.2, 0.9)))
            .with_val(1, exp_decay(n, 3.1, 0.25, 0.9))
            .with_lr(lr);
        assert_healthy(&run, "smooth schedule");
    }
}

// ---------------------------------------------------------------------------------------------
// Synthetic curves: val_noisy

#[test]
fn validation_swinging_between_evaluations_is_val_noisy() {
    let mut seed = 0;
    for &(n, every) in &[(20, 1), (60, 1), (400, 4), (1000, 50), (2000, 10)] {
        for sigma in [0.08, 0.15, 0.3] {
            seed += 1;
            let train = exp_decay(n, 2.5, 0.3, 0.95);
            let val = noisy(exp_decay(n, 2.0, 0.4, 0.9), sigma, seed);
            let run = Run::train_only(sample(n, &train)).with_val(every, val);
            assert_has(
                &run,
                Pattern::ValNoisy,
                &format!("n={n} every={every} σ={sigma}"),
            );
            assert_lacks(&run, Pattern::LrTooHigh, "noisy validation only");
        }
    }
}

#[test]
fn noisy_validation_of_a_negative_loss_is_val_noisy() {
    let mut rng = Lcg::new(11);
    let run = Run::train_only(sample(100, |t| -1.0 - (t as f64 / 30.0).min(2.0)))
        .with_val(2, |t| {
            -0.8 - (t as f64 / 30.0).min(2.0) + 0.4 * rng.normal()
        });
    assert_has(&run, Pattern::ValNoisy, "negative");
}

#[test]
fn noisy_validation_with_equally_noisy_train_is_not_val_noisy() {
    let n = 100;
    let run = Run::train_only(sample(n, noisy(exp_decay(n, 2.0, 0.2, 0.9), 0.1, 1)))
        .with_val(1, noisy(exp_decay(n, 2.2, 0.3, 0.9), 0.1, 2));
    assert_lacks(&run, Pattern::ValNoisy, "both noisy");
}

// ---------------------------------------------------------------------------------------------
// Healthy curves

#[test]
fn healthy_curves_are_not_flagged() {
    let mut seed = 0;
    for n in [5, 20, 100, 1000] {
        for every in [1, 5] {
            if every >= n / 3 {
                continue;
            }
            seed += 1;
            // Exponential decays, at several scales and towards several floors.
            for (scale, floor) in [(1.0, 0.0), (100.0, 5.0), (1e-3, 1e-4), (2.3, 0.05)] {
                let train = noisy(exp_decay(n, scale, floor, 0.95), 0.004, seed);
                let val = noisy(
                    exp_decay(n, 1.1 * scale, 1.3 * floor, 0.93),
                    0.004,
                    seed + 50,
                );
                let run = Run::train_only(sample(n, &train)).with_val(every, &val);
                assert_healthy(&run, &format!("exp n={n} every={every} scale={scale}"));
                let run = run.with_lr(|_| 1e-3);
                assert_healthy(&run, &format!("exp n={n} with constant lr"));
            }
            // Power-law decay, the usual shape of a real training curve.
            let train = noisy(
                |t: usize| 3.0 * (1.0 + t as f64 / 2.0).powf(-0.7),
                0.006,
                seed + 1,
            );
            let val = noisy(
                |t: usize| 3.2 * (1.0 + t as f64 / 2.0).powf(-0.6),
                0.006,
                seed + 2,
            );
            let run = Run::train_only(sample(n, &train)).with_val(every, &val);
            assert_healthy(&run, &format!("power law n={n} every={every}"));
            // Negative-valued losses crossing 0: decay from +0.5 to −2.
            let run = Run::train_only(sample(n, exp_decay(n, 0.5, -2.0, 0.98)))
                .with_val(every, exp_decay(n, 0.6, -1.8, 0.97));
            assert_healthy(&run, &format!("negative n={n} every={every}"));
        }
    }
}

#[test]
fn healthy_curves_spanning_many_decades_are_not_flagged() {
    // Like Rosenbrock under Adam: 24 → 1e-12, then jitter at the floating-point floor.
    for n in [50, 500, 5000] {
        let mut rng = Lcg::new(n as u64);
        let train = sample(n, |t| {
            let clean = 24.0 * (-(t as f64) * 30.0 / n as f64).exp();
            clean.max(1e-14 * (1.0 + 50.0 * rng.uniform()))
        });
        let run = Run::train_only(train.clone()).with_val(1, |t| train[t] + 1e-3);
        assert_healthy(&run, &format!("many decades, n={n}"));
    }
}

#[test]
fn mildly_noisy_healthy_curves_are_not_flagged() {
    for seed in 0..20 {
        let n = 30 + 20 * seed as usize;
        let train = noisy(exp_decay(n, 2.0, 0.1, 0.95), 0.01, seed);
        let val = noisy(exp_decay(n, 2.1, 0.2, 0.9), 0.012, seed + 1000);
        let run = Run::train_only(sample(n, &train)).with_val(1, &val);
        assert_healthy(&run, &format!("mild noise, seed {seed}"));
    }
}

#[test]
fn long_noisy_per_step_logs_are_judged_by_their_trend() {
    // Minibatch-style noise on every step (±12 % to ±26 %), validation every 50 steps.
    for (seed, sigma) in [(1, 0.05), (2, 0.1)] {
        let n = 3000;
        let train = noisy(
            |t: usize| 2.3 * (1.0 + t as f64 / 50.0).powf(-0.5),
            sigma,
            seed,
        );
        let val = noisy(
            |t: usize| 2.4 * (1.0 + t as f64 / 50.0).powf(-0.45),
            0.005,
            seed + 9,
        );
        let run = Run::train_only(sample(n, &train)).with_val(50, &val);
        assert_healthy(&run, &format!("healthy per-step σ={sigma}"));
        // The same noise on a slow decline is still too slow.
        let slow = noisy(exp_decay(n, 2.3, 0.0, 0.15), sigma, seed + 20);
        let run = Run::train_only(sample(n, &slow));
        assert_has(&run, Pattern::LrTooLow, &format!("slow per-step σ={sigma}"));
        // And validation evaluated at every step, noisy too, that turns up is overfitting.
        let turning = noisy(
            |t: usize| {
                let x = t as f64 / n as f64;
                if x < 0.3 {
                    2.0 - 4.0 * x
                } else {
                    0.8 + 1.0 * (x - 0.3)
                }
            },
            0.3 * sigma,
            seed + 30,
        );
        let run = Run::train_only(sample(n, &train)).with_val(1, &turning);
        assert_has(
            &run,
            Pattern::Overfitting,
            &format!("overfitting per-step σ={sigma}"),
        );
    }
}

#[test]
fn healthy_evidence_is_in_numbers() {
    let run = Run::train_only(sample(41, exp_decay(41, 2.3, 0.0, 0.983)))
        .with_val(10, |t| 2.0 / (1 + t) as f64);
    let findings = diagnose(&run.series());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].pattern, Pattern::Healthy);
    let text = evidence(&findings[0]);
    assert!(text.contains("2.3 -> 0.039"), "{text}");
    assert!(text.contains("41 steps"), "{text}");
    assert_eq!(findings[0].fact("steps_count"), Some(41.0));
}

// ---------------------------------------------------------------------------------------------
// Robustness

#[test]
fn too_few_values_are_insufficient_data_never_healthy() {
    let findings = diagnose(&Series::default());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].pattern, Pattern::InsufficientData);
    assert!(evidence(&findings[0]).starts_with("not enough data: 0 training"));
    for n in 1..gradscape::core::diagnosis::MIN_VALUES {
        let run = Run::train_only(sample(n, |t| 1.0 / (1 + t) as f64));
        assert_eq!(run.patterns(), vec![Pattern::InsufficientData], "n={n}");
        assert_eq!(
            diagnose(&run.series())[0].fact("train_count"),
            Some(n as f64)
        );
    }
    // A blow-up is evidence enough, however short the log.
    assert_eq!(
        Run::train_only(vec![1.0, f64::NAN]).patterns(),
        vec![Pattern::LrTooHigh]
    );
}

#[test]
fn nan_and_inf_anywhere_are_handled() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let cases: Vec<Vec<f64>> = vec![
        vec![nan; 10],
        vec![inf, inf, inf],
        vec![1.0, 0.5, nan, 0.25, 0.12],
        vec![1.0, 0.5, 0.25, -inf],
        vec![1.0, inf],
        vec![nan],
    ];
    for train in cases {
        let run = Run::train_only(train.clone()).with_val(1, |t| [nan, inf, 1.0, 0.5][t % 4]);
        let findings = diagnose(&run.series());
        assert_eq!(
            findings[0].pattern,
            Pattern::LrTooHigh,
            "{train:?}: {findings:#?}"
        );
    }
    // A leading NaN before the loss was ever finite is not an explosion.
    let run = Run::train_only(vec![nan, 1.0, 0.3, 0.1, 0.03, 0.01]);
    assert_eq!(run.patterns(), vec![Pattern::Healthy]);
}

#[test]
fn short_logs_give_an_answer() {
    for train in [
        vec![1.0, 0.5, 0.25],
        vec![1.0, 0.99, 0.98],
        vec![0.5, 2.0, 0.1],
        vec![-1.0, -2.0, -2.5],
        vec![1.0, 10.0, 100.0],
        vec![2.0, 1.0, 0.5, 0.3],
        vec![3.0, 1.0, 0.9, 1.2, 0.8],
        vec![1.0],
        vec![],
    ] {
        let run = Run::train_only(train.clone()).with_val(1, |t| 1.0 / (1 + t) as f64);
        let findings = diagnose(&run.series());
        assert!(!findings.is_empty(), "{train:?}");
        assert!(findings.iter().all(|f| !evidence(f).is_empty()));
    }
    assert_eq!(
        Run::train_only(vec![1.0, 0.99, 0.98, 0.97, 0.96]).patterns(),
        vec![Pattern::LrTooLow]
    );
    assert_eq!(
        Run::train_only(vec![1.0, 10.0, 100.0]).patterns(),
        vec![Pattern::LrTooHigh]
    );
    assert_eq!(
        Run::train_only(vec![1.0, 0.3, 0.1, 0.05, 0.03]).patterns(),
        vec![Pattern::Healthy]
    );
}

#[test]
fn garbage_input_never_panics() {
    let palette = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        1e308,
        -1e308,
        1e-308,
        5e-324,
        -1.0,
        1.0,
        0.5,
        3.0,
    ];
    let mut rng = Lcg::new(42);
    let pick = |len: usize, rng: &mut Lcg| -> Vec<f64> {
        (0..len)
            .map(|_| {
                if rng.uniform() < 0.5 {
                    palette[(rng.uniform() * palette.len() as f64) as usize]
                } else {
                    (rng.normal() * 10.0).exp() * if rng.uniform() < 0.2 { -1.0 } else { 1.0 }
                }
            })
            .collect()
    };
    for _ in 0..3000 {
        let len = (rng.uniform() * 12.0) as usize;
        let steps = pick(len + (rng.uniform() * 3.0) as usize, &mut rng);
        let train = pick(len, &mut rng);
        let val_steps = pick(len / 2 + 1, &mut rng);
        let val = pick(len / 2, &mut rng);
        let lr = pick(len.saturating_sub(1), &mut rng);
        let series = Series {
            steps: &steps,
            train: &train,
            val_steps: &val_steps,
            val: &val,
            lr: (rng.uniform() < 0.7).then_some(lr.as_slice()),
            diverged_at: (rng.uniform() < 0.1).then_some(rng.uniform() * 10.0),
        };
        let findings = diagnose(&series);
        assert!(!findings.is_empty());
        let _ = summary(&findings);
        for f in &findings {
            assert!(!evidence(f).contains('{'), "{f:?}");
            let _ = serde_json::to_string(&finding_json(f)).unwrap();
        }
    }
    // Sorted steps, random values: the realistic shape of a broken log.
    for len in [3, 4, 5, 8, 30] {
        for _ in 0..300 {
            let steps: Vec<f64> = (0..len).map(|t| t as f64).collect();
            let train = pick(len, &mut rng);
            let val = pick(len, &mut rng);
            let lr = pick(len, &mut rng);
            let series = Series {
                steps: &steps,
                train: &train,
                val_steps: &steps,
                val: &val,
                lr: Some(&lr),
                diverged_at: None,
            };
            assert!(!diagnose(&series).is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Findings, patterns, summary

#[test]
fn patterns_have_spec_ids_titles_and_actions() {
    let ids: Vec<&str> = Pattern::ALL.iter().map(|p| p.id()).collect();
    assert_eq!(
        ids,
        [
            "lr_too_high",
            "lr_too_low",
            "overfitting",
            "scheduler_helping",
            "val_noisy",
            "insufficient_data",
            "not_finite_at_start",
            "healthy"
        ]
    );
    for p in Pattern::ALL {
        assert_eq!(Pattern::from_id(p.id()), Some(p));
        assert!(!title(p).is_empty());
        assert!(!action(p).is_empty());
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            format!("\"{}\"", p.id())
        );
    }
    assert_eq!(
        action(Pattern::LrTooHigh),
        "lower lr ×0.1, add warmup, check eps, clip gradients"
    );
    assert_eq!(Pattern::from_id("nope"), None);
}

#[test]
fn findings_serialize_as_pattern_evidence_action_facts() {
    let run = Run::train_only(vec![1.0, 0.5, 0.25, f64::NAN]);
    let finding = finding_json(&diagnose(&run.series())[0]);
    assert_eq!(finding["pattern"], "lr_too_high");
    let text = finding["evidence"].as_str().unwrap();
    assert!(text.contains("NaN at step 3"), "{text}");
    assert_eq!(finding["action"], action(Pattern::LrTooHigh));
    assert_eq!(finding.as_object().unwrap().len(), 4);
    assert_eq!(finding["facts"]["bad_step"], 3.0);
    assert_eq!(finding["facts"]["last"], 0.25);
    assert!(finding["facts"]["value"].is_null(), "NaN is null in JSON");
}

#[test]
fn summary_is_one_plain_sentence() {
    let healthy = diagnose(&Run::train_only(vec![1.0, 0.3, 0.1, 0.05, 0.03]).series());
    assert_eq!(
        summary(&healthy),
        "The curves look healthy: nothing to change."
    );
    assert_eq!(summary(&[]), "The curves look healthy: nothing to change.");
    let run = overfit_run(100, 1, 0.2, 3.0, 1.0, 1);
    let mut findings = diagnose(&run.series());
    let noisy = diagnose(&Run::train_only(vec![1.0, 0.5, f64::NAN]).series());
    findings.splice(0..0, noisy);
    let sentence = summary(&findings);
    assert_eq!(
        sentence,
        format!(
            "LR too high and overfitting: {}.",
            action(Pattern::LrTooHigh)
        )
    );
    assert_eq!(sentence.matches(". ").count(), 0, "one sentence");
}

// ---------------------------------------------------------------------------------------------
// Log reader

#[test]
fn reader_detects_separators() {
    for sep in [",", ";", "\t"] {
        let text = ["epoch,loss,val_loss", "0,1.5,1.6", "1,1.0,1.2", "2,0.5,0.9"]
            .join("\n")
            .replace(',', sep);
        let runs = read_log(&text).unwrap_or_else(|e| panic!("{sep:?}: {e}"));
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].steps, [0.0, 1.0, 2.0]);
        assert_eq!(runs[0].train, [1.5, 1.0, 0.5]);
        assert_eq!(runs[0].val, [1.6, 1.2, 0.9]);
        assert_eq!(runs[0].lr, None);
        assert_eq!(runs[0].name, "");
    }
    // Semicolons with decimal commas, CRLF line ends and a byte-order mark.
    let runs =
        read_log("\u{feff}Epoch;Train Loss;Val-Loss\r\n1;0,5;0,75\r\n2;0,25;0,5\r\n").unwrap();
    assert_eq!(runs[0].train, [0.5, 0.25]);
    assert_eq!(runs[0].val, [0.75, 0.5]);
}

#[test]
fn reader_takes_any_column_order_and_ignores_extra_columns() {
    let text = "val_accuracy,learning_rate,val_loss,accuracy,loss,epoch\n\
                0.5,0.01,2.0,0.4,2.5,1\n\
                0.6,0.01,1.5,0.5,2.0,2\n\
                0.7,0.001,1.2,0.6,1.5,3\n";
    let run = &read_log(text).unwrap()[0];
    assert_eq!(run.steps, [1.0, 2.0, 3.0]);
    assert_eq!(run.train, [2.5, 2.0, 1.5]);
    assert_eq!(run.val_steps, [1.0, 2.0, 3.0]);
    assert_eq!(run.val, [2.0, 1.5, 1.2]);
    assert_eq!(run.lr.as_deref(), Some(&[0.01, 0.01, 0.001][..]));
    // `test_loss` stands in for validation only when there is no validation column.
    let run = &read_log("iter,training_loss,test_loss\n0,3,4\n1,2,3\n").unwrap()[0];
    assert_eq!(run.val, [4.0, 3.0]);
    let run = &read_log("iter,training_loss,test_loss,valid_loss\n0,3,4,5\n1,2,3,4\n").unwrap()[0];
    assert_eq!(run.val, [5.0, 4.0]);
}

#[test]
fn reader_keeps_nan_and_inf_and_skips_empty_cells() {
    let text =
        "step,loss,val_loss,lr\n0,1.0,,\n1,nan,,0.1\n2,inf,NaN,0.1\n3,,0.5,0.1\n4,-Infinity,,0.1\n";
    let run = &read_log(text).unwrap()[0];
    assert_eq!(run.steps, [0.0, 1.0, 2.0, 4.0]);
    assert_eq!(run.train[0], 1.0);
    assert!(run.train[1].is_nan());
    assert_eq!(run.train[2], f64::INFINITY);
    assert_eq!(run.train[3], f64::NEG_INFINITY);
    assert_eq!(run.val_steps, [2.0, 3.0]);
    assert!(run.val[0].is_nan());
    assert_eq!(run.val[1], 0.5);
    let lr = run.lr.as_ref().unwrap();
    assert!(lr[0].is_nan());
    assert_eq!(&lr[1..], [0.1, 0.1, 0.1]);
}

#[test]
fn reader_states_which_of_two_candidate_columns_it_used() {
    use gradscape::core::log::Role;
    // A pandas export of a Hugging Face history: `train_loss` holds one summary value, `loss`
    // the curve. The populated one wins, and the choice is stated.
    let text =
        "step,loss,eval_loss,train_loss\n10,2.0,,\n20,1.5,1.6,\n30,1.2,,\n40,1.0,1.1,\n40,,,1.4\n";
    let run = &read_log(text).unwrap()[0];
    assert_eq!(run.train, [2.0, 1.5, 1.2, 1.0]);
    assert_eq!(run.val, [1.6, 1.1]);
    assert_eq!(run.choices.len(), 1);
    let c = &run.choices[0];
    assert_eq!(c.role, Role::Train);
    assert_eq!((c.used.as_str(), c.used_values), ("loss", 4));
    assert_eq!((c.other.as_str(), c.other_values), ("train_loss", 1));
    assert_eq!(
        gradscape::lang::choice(c),
        "training loss read from 'loss' (4 values), not 'train_loss' (1 values)"
    );
    // Two columns with the same name: named by position, never used silently.
    let run =
        &read_log("epoch,val_loss,loss,val_loss\n0,1,2,\n1,0.9,1.5,0.8\n2,0.8,1.2,\n").unwrap()[0];
    assert_eq!(run.val, [1.0, 0.9, 0.8]);
    let c = &run.choices[0];
    assert_eq!(c.role, Role::Val);
    assert_eq!(c.used, "val_loss (column 2)");
    assert_eq!(c.other, "val_loss (column 4)");
}

#[test]
fn reader_numbers_rows_without_a_step_column() {
    let run = &read_log("loss,val_loss\n3,3\n2,2.5\n1,2.2\n").unwrap()[0];
    assert_eq!(run.steps, [0.0, 1.0, 2.0]);
    assert_eq!(run.val_steps, [0.0, 1.0, 2.0]);
}

#[test]
fn reader_keeps_the_last_run_when_the_steps_restart() {
    let text = "epoch,loss,val_loss\n0,9,9\n1,8,8\n2,7,7\n0,3,3.5\n1,2,2.5\n";
    let runs = read_log(text).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].steps, [0.0, 1.0]);
    assert_eq!(runs[0].train, [3.0, 2.0]);
    assert_eq!(runs[0].val, [3.5, 2.5]);
}

#[test]
fn reader_groups_the_programs_own_csv_by_run() {
    // `run --format csv`: run,t,x,y,loss,lr,grad_norm,val_loss; lr empty at t = 0.
    let text = "run,t,x,y,loss,lr,grad_norm,val_loss\n\
                adam,0,1,1,4.0,,,4.5\n\
                adam,1,0.9,0.9,3.0,0.01,2.0,3.5\n\
                sgd,0,1,1,4.0,,,4.5\n\
                adam,2,0.8,0.8,2.0,0.01,1.5,\n\
                sgd,1,0.95,0.95,3.5,0.01,2.0,3.9\n";
    let runs = read_log(text).unwrap();
    let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["adam", "sgd"]);
    assert_eq!(runs[0].steps, [0.0, 1.0, 2.0]);
    assert_eq!(runs[0].train, [4.0, 3.0, 2.0]);
    assert_eq!(runs[0].val_steps, [0.0, 1.0]);
    let lr = runs[0].lr.as_ref().unwrap();
    assert!(lr[0].is_nan());
    assert_eq!(&lr[1..], [0.01, 0.01]);
    assert_eq!(runs[1].train, [4.0, 3.5]);
    // Each run can be diagnosed on its own.
    for run in &runs {
        assert!(!diagnose(&run.series()).is_empty());
    }
}

#[test]
fn reader_names_the_missing_training_column() {
    let err = read_log("epoch,acc,val_loss\n0,0.5,1.0\n").unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(
            "no training-loss column: expected one of train_loss, training_loss, loss"
        ),
        "{message}"
    );
    assert!(!message.contains('\n'));
}

#[test]
fn reader_names_the_line_of_a_bad_number() {
    let err = read_log("epoch,loss,val_loss\n0,1.0,1.1\n1,0.9,1.0\n\n2,0.8,abc\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: cannot read 'abc' in column val_loss as a number"
    );
    // Line numbers count the lines of the file, also when a quoted cell spans two.
    let err = read_log("epoch,loss\n0,1.0\n1,\"0.9\n\"\n2,x\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: cannot read 'x' in column loss as a number"
    );
}

#[test]
fn reader_rejects_ragged_rows_empty_files_and_garbage() {
    let err = read_log("epoch,loss,val_loss\n0,1.0,1.1\n1,0.9\n").unwrap_err();
    assert_eq!(
        err,
        LogError::Ragged {
            line: 3,
            expected: 3,
            found: 2
        }
    );
    assert_eq!(err.to_string(), "line 3: 2 cells where the header has 3");
    assert_eq!(read_log("").unwrap_err(), LogError::Empty);
    assert_eq!(read_log(" \n\n").unwrap_err(), LogError::Empty);
    assert_eq!(read_log("epoch,loss\n").unwrap_err(), LogError::NoRows);
    assert_eq!(
        read_log("\u{0}\u{1}PNG\u{7f}").unwrap_err(),
        LogError::NotText
    );
    let garbage: String =
        String::from_utf8_lossy(&[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0xff]).into();
    assert_eq!(read_log(&garbage).unwrap_err(), LogError::NotText);
    // Whatever the bytes, the reader answers without panicking, in one line.
    let mut rng = Lcg::new(9);
    for _ in 0..500 {
        let len = (rng.uniform() * 80.0) as usize;
        let text: String = (0..len)
            .map(|_| {
                *b"0123456789.,;\t\n\"e-+nainf lossepoch"
                    .get((rng.uniform() * 36.0) as usize)
                    .unwrap_or(&b'x') as char
            })
            .collect();
        if let Err(e) = read_log(&text) {
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The classroom presets are diagnosed as they teach

/// The patterns of the run labelled `label` in preset `name`.
fn preset_patterns(name: &str, label: &str) -> Vec<Pattern> {
    let preset = gradscape::core::presets::find(name).unwrap_or_else(|| panic!("preset {name}"));
    let set = gradscape::core::run::run_scenario(&preset.scenario());
    let run = set
        .runs
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("{name}: no run labelled {label}"));
    run.diagnose().iter().map(|f| f.pattern).collect()
}

#[test]
fn teaching_presets_show_their_pattern() {
    let cases = [
        ("lr-too-high", "SGD lr=0.12", Pattern::LrTooHigh),
        ("lr-too-low", "SGD lr=2e-5", Pattern::LrTooLow),
        ("plateau-early-stopping", "SGD", Pattern::Overfitting),
        ("step-decay", "SGD, step decay", Pattern::SchedulerHelping),
        ("noisy-quadratic", "SGD", Pattern::ValNoisy),
        // Without warmup the peak rate meets the steep walls and diverges.
        (
            "warmup-cosine",
            "SGD, cosine, no warmup",
            Pattern::LrTooHigh,
        ),
    ];
    for (name, label, pattern) in cases {
        let found = preset_patterns(name, label);
        assert!(
            found.contains(&pattern),
            "{name} / {label}: expected {}, got {found:?}",
            pattern.id()
        );
    }
    let constant = preset_patterns("step-decay", "SGD, constant");
    assert!(
        !constant.contains(&Pattern::SchedulerHelping),
        "a constant rate has no cut to credit: {constant:?}"
    );
}

#[test]
fn healthy_presets_are_healthy() {
    for name in ["ravine-momentum", "himmelblau-minima", "warmup-cosine"] {
        let preset = gradscape::core::presets::find(name).unwrap();
        let set = gradscape::core::run::run_scenario(&preset.scenario());
        assert!(!set.runs.is_empty());
        // The warmup lesson's run without warmup diverges on purpose (checked above).
        for run in set.runs.iter().filter(|r| !r.label.contains("no warmup")) {
            let findings = run.diagnose();
            assert!(
                findings.len() == 1 && findings[0].pattern == Pattern::Healthy,
                "{name} / {}: {findings:#?}",
                run.label
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the geometry adds (scenarios only)

/// SGD on a bowl with λ = 1 and 4, at `lr`, from `start`.
fn bowl_run(lr: f64, start: [f64; 2], steps: u32) -> gradscape::core::run::Run {
    let text = format!(
        r#"{{"surface": {{"kind": "quadratic", "lambda1": 1, "lambda2": 4}},
            "start": {start:?}, "steps": {steps},
            "optimizers": [{{"kind": "sgd", "lr": {lr}}}]}}"#
    );
    let scenario = gradscape::core::scenario::Scenario::from_json(&text).expect("valid scenario");
    gradscape::core::run::run_scenario(&scenario).runs.remove(0)
}

/// At exactly lr = 2/λmax plain gradient descent bounces between two points for ever:
/// the loss is flat, which the curve alone reads as a rate too low. The curvature says
/// the opposite, and says it with lr·λmax.
#[test]
fn the_stability_edge_is_lr_too_high_not_too_low() {
    let mut run = bowl_run(2.0 / 4.0, [1.0, 1.0], 200);
    let n = run.loss.len();
    assert!(
        (run.loss[n - 1] - run.loss[n - 2]).abs() < 1e-12,
        "flat loss"
    );
    assert!(
        (run.points[n - 1] - run.points[n - 2]).norm() > 1.0,
        "but bouncing"
    );
    let findings = run.diagnose();
    assert_eq!(findings[0].pattern, Pattern::LrTooHigh, "{findings:?}");
    assert_eq!(findings[0].kind, "unstable");
    let product = findings[0].fact("lr_lambda_product").expect("lr·λmax");
    assert!((product - 2.0).abs() < 1e-12, "{product}");
    assert!(findings.iter().all(|f| f.pattern != Pattern::LrTooLow));
    let words = gradscape::lang::with_lang(gradscape::lang::Lang::En, || {
        gradscape::lang::evidence(&findings[0])
    });
    assert!(words.contains("lr·λmax = 2.00"), "{words}");
    // The curves alone call it too low: the geometry is what changes the verdict.
    run.curvature = None;
    assert_eq!(run.diagnose()[0].pattern, Pattern::LrTooLow);
}

/// A run that never moves along the sharp axis cannot bounce on it, whatever the rate.
#[test]
fn a_run_on_the_flat_axis_is_not_blamed_for_the_sharp_one() {
    let run = bowl_run(0.5, [1.0, 0.0], 200);
    assert!(run.curvature.is_some_and(|c| !c.engaged));
    assert!(
        run.diagnose().iter().all(|f| f.kind != "unstable"),
        "{:?}",
        run.diagnose()
    );
}

/// Below the edge a slow run is told to raise the rate only as far as stays stable.
#[test]
fn the_raise_advice_stops_at_the_stability_bound() {
    // lr·λmax = 1.2: doubling would pass 2, so no "×2–3". (A short run: one that has
    // arrived has no gradient left along λmax's direction to judge.)
    let run = bowl_run(0.3, [1.0, 1.0], 20);
    let stable = gradscape::core::diagnosis::Stability {
        lr: 0.3,
        lambda_max: 4.0,
    };
    assert_eq!(run.stability_upto(run.loss.len()), Some(stable));
    let slow = gradscape::core::diagnosis::Finding {
        pattern: Pattern::LrTooLow,
        kind: "flat",
        facts: Vec::new(),
    };
    let [advised] = gradscape::core::diagnosis::with_stability(vec![slow.clone()], stable)
        .try_into()
        .expect("one finding");
    gradscape::lang::with_lang(gradscape::lang::Lang::En, || {
        let plain = gradscape::lang::action_for(&slow);
        assert!(plain.contains("×2–3"), "{plain}");
        let capped = gradscape::lang::action_for(&advised);
        assert!(
            !capped.contains("×2–3") && capped.contains("×1.6"),
            "{capped}"
        );
    });
}
