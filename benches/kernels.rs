//! One optimizer step (gradient + update) on Rosenbrock, for each optimizer, and the
//! 10 000-step Adam loop that `peer_kernels.py`'s `adam_10k_steps_numpy` times.
//!
//! `cargo bench --bench kernels`; `bench/compare.sh` puts the figures next to the peers'.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gradscape::core::Vec2;
use gradscape::core::optimizers::{OPTIMIZER_KINDS, OptimizerKind, OptimizerState};
use gradscape::core::scenario::Scenario;
use gradscape::core::surfaces::{Rosenbrock, Surface};

const STEPS: u64 = 10_000;

fn steps(kind: &OptimizerKind, surface: &Surface, lr: f64) -> Vec2 {
    let mut state = OptimizerState::default();
    let mut theta = Vec2::new(-1.5, 2.0);
    for _ in 0..STEPS {
        let g = surface.gradient(theta);
        theta = state.step(kind, theta, g, lr);
    }
    theta
}

fn optimizer_steps(c: &mut Criterion) {
    let surface = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
    let mut group = c.benchmark_group("rosenbrock_step");
    group.throughput(Throughput::Elements(STEPS));
    for &name in OPTIMIZER_KINDS {
        let kind = OptimizerKind::default_for(name).expect("known kind");
        group.bench_function(name, |b| {
            b.iter(|| steps(black_box(&kind), black_box(&surface), black_box(1e-4)))
        });
    }
    group.finish();
}

/// The whole `run` path (loss, lr, grad norm and points recorded) for 10 000 Adam steps.
fn adam_10k_run(c: &mut Criterion) {
    let scenario = Scenario::from_json(
        r#"{"surface": {"kind": "rosenbrock"}, "start": [-1.5, 2.0], "steps": 10000,
            "optimizers": [{"kind": "adam", "lr": 0.01}]}"#,
    )
    .expect("valid scenario");
    c.bench_function("adam_10k_steps_run", |b| {
        b.iter(|| gradscape::core::run::run_scenario(black_box(&scenario)))
    });
}

/// Exactly the loop of `peer_kernels.py`'s `adam_10k_steps_numpy` (lr 0.01) and of
/// `examples/kernels.rs`'s `adam_10k_steps`.
fn adam_10k_steps(c: &mut Criterion) {
    let surface = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
    let kind = OptimizerKind::default_for("adam").expect("known kind");
    c.bench_function("adam_10k_steps", |b| {
        b.iter(|| steps(black_box(&kind), black_box(&surface), black_box(0.01)))
    });
}

criterion_group!(benches, optimizer_steps, adam_10k_steps, adam_10k_run);
criterion_main!(benches);
