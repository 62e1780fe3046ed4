//! How long the loss-curve diagnosis takes: the app re-diagnoses every run on each slider
//! move, so 6 runs × 5000 steps must take well under 5 ms in all.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gradscape::core::diagnosis::{Series, diagnose};
use gradscape::core::presets;
use gradscape::core::run::{Run, run_scenario};

/// Six 5000-step runs: the step-decay and noisy-quadratic presets (noisy, with lr cuts) and
/// the rosenbrock preset (smooth, cosine schedule), stretched to 5000 steps.
fn runs() -> Vec<Run> {
    let mut runs = Vec::new();
    for name in ["step-decay", "noisy-quadratic", "rosenbrock"] {
        let mut scenario = presets::find(name).unwrap().scenario();
        scenario.steps = 5000;
        runs.extend(run_scenario(&scenario).runs);
    }
    runs.truncate(6);
    assert_eq!(runs.len(), 6);
    runs
}

/// Owned copies of each run's curves, as `Run::diagnose` builds them.
struct Curves {
    steps: Vec<f64>,
    train: Vec<f64>,
    val_steps: Vec<f64>,
    val: Vec<f64>,
    lr: Vec<f64>,
}

fn bench(c: &mut Criterion) {
    let runs = runs();
    for r in &runs {
        assert!(r.loss.len() > 4000, "{}: {} steps", r.label, r.loss.len());
    }
    c.bench_function("diagnose 6 runs x 5000 steps (Run::diagnose)", |b| {
        b.iter(|| {
            for r in &runs {
                black_box(r.diagnose());
            }
        })
    });
    let curves: Vec<Curves> = runs
        .iter()
        .map(|r| Curves {
            steps: (0..r.loss.len()).map(|t| t as f64).collect(),
            train: r.loss.clone(),
            val_steps: r.val_steps.iter().map(|&t| t as f64).collect(),
            val: r.val_loss.clone(),
            lr: std::iter::once(f64::NAN)
                .chain(r.lr.iter().copied())
                .collect(),
        })
        .collect();
    c.bench_function("diagnose 6 runs x 5000 steps (diagnose only)", |b| {
        b.iter(|| {
            for k in &curves {
                black_box(diagnose(&Series {
                    steps: &k.steps,
                    train: &k.train,
                    val_steps: &k.val_steps,
                    val: &k.val,
                    lr: Some(&k.lr),
                    diverged_at: None,
                }));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
