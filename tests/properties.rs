//! Random valid scenarios: any surface, optimizer, schedule and early stopping, lr up to
//! 1e3, steps up to 1e5. `run` never panics, divergence is marked, and every output array
//! has SPEC §9's length.

use gradscape::core::optimizers::OPTIMIZERS;
use gradscape::core::param::{ParamSpec, ParamValue, Slider};
use gradscape::core::run::{DIVERGENCE_NORM, run_scenario};
use gradscape::core::scenario::{
    RawEarlyStopping, RawOptimizer, RawScenario, RawSchedule, RawSurface, Scenario,
};
use gradscape::core::surfaces::SURFACES;
use proptest::prelude::*;

/// A value for `spec` somewhere on its slider's rail (or anywhere in [0, 1) for rates).
fn on_the_rail(spec: &ParamSpec, u: f64) -> ParamValue {
    let v = match spec.slider {
        Slider::Linear(lo, hi) => lo + u * (hi - lo),
        Slider::Log(lo, hi) | Slider::LogOrOff { lo, hi, .. } => lo * (hi / lo).powf(u),
        Slider::OneMinusLog => u * 0.9999,
        Slider::Checkbox => return ParamValue::Flag(u < 0.5),
    };
    ParamValue::Num(v)
}

/// Every registered parametric surface with parameters anywhere on their rails, the line
/// fit, and expressions with poles, logs of negatives and overflows.
fn surface() -> impl Strategy<Value = RawSurface> {
    let s = |kind: &str| RawSurface {
        kind: kind.into(),
        ..Default::default()
    };
    let parametric: Vec<_> = SURFACES
        .iter()
        .filter(|i| i.data_fields.is_empty())
        .collect();
    prop_oneof![
        (
            prop::sample::select(parametric),
            prop::collection::vec(0.0f64..1.0, 4)
        )
            .prop_map(|(info, us)| RawSurface {
                kind: info.id.into(),
                params: info
                    .params
                    .iter()
                    .zip(us)
                    .map(|(p, u)| (p.name.to_string(), on_the_rail(p, u)))
                    .collect(),
                ..Default::default()
            }),
        (1u64..40, 1u64..20, 1u64..50).prop_map(move |(n, v, b)| RawSurface {
            n_train: Some(n),
            n_val: Some(v),
            batch_size: Some(b),
            ..s("linreg")
        }),
        prop::sample::select(vec![
            "x^2 + 10*y^2",
            "1/x + y",
            "ln(x) * sqrt(y)",
            "exp(x*y)",
            "tan(x) - abs(y)^0.5",
            "x^y",
            "-(x^2 + y^2)",
        ])
        .prop_map(move |e| RawSurface {
            expr: Some(e.into()),
            ..s("custom")
        }),
    ]
}

fn schedule() -> impl Strategy<Value = Option<RawSchedule>> {
    let k = |kind: &str| RawSchedule {
        kind: kind.into(),
        ..Default::default()
    };
    prop::option::of(prop_oneof![
        (0u64..50).prop_map(move |w| RawSchedule {
            warmup_steps: Some(w),
            ..k("constant")
        }),
        (prop::collection::vec(0u64..500, 0..4), 0.001f64..2.0).prop_map(move |(m, g)| {
            RawSchedule {
                milestones: Some(m),
                gamma: Some(g),
                ..k("step")
            }
        }),
        (0.5f64..1.5).prop_map(move |g| RawSchedule {
            gamma: Some(g),
            ..k("exponential")
        }),
        (0u64..20, 21u64..1000, 0.0f64..0.1).prop_map(move |(w, t, m)| RawSchedule {
            warmup_steps: Some(w),
            total_steps: Some(t),
            lr_min: Some(m),
            ..k("cosine")
        }),
        (0.01f64..0.99, 0u64..10, 0u64..5, 0.0f64..0.1).prop_map(move |(f, p, c, d)| RawSchedule {
            factor: Some(f),
            patience: Some(p),
            cooldown: Some(c),
            min_delta: Some(d),
            ..k("plateau")
        }),
    ])
}

fn optimizer() -> impl Strategy<Value = RawOptimizer> {
    let lr = prop_oneof![1e-6f64..1e-2, 1e-2f64..1.0, 1.0f64..1e3];
    (
        prop::sample::select(OPTIMIZERS.to_vec()),
        lr,
        prop::collection::vec(0.0f64..1.0, 4),
        schedule(),
    )
        .prop_map(|(info, lr, us, schedule)| RawOptimizer {
            kind: info.id.into(),
            lr: Some(lr),
            params: info
                .params
                .iter()
                .zip(us)
                .map(|(p, u)| (p.name.to_string(), on_the_rail(p, u)))
                .collect(),
            schedule,
            ..Default::default()
        })
}

fn scenario() -> impl Strategy<Value = RawScenario> {
    (
        surface(),
        (-5.0f64..5.0, -5.0f64..5.0),
        prop_oneof![6 => 1u64..200, 3 => 200u64..3_000, 1 => Just(100_000u64)],
        any::<u64>(),
        prop_oneof![Just(0.0), 0.0f64..10.0],
        prop::option::of(0.01f64..100.0),
        (-1.0f64..1.0, -1.0f64..1.0),
        1u64..10,
        schedule(),
        prop::option::of((1u64..20, 0.0f64..0.1, any::<bool>())),
        prop::collection::vec(optimizer(), 1..4),
    )
        .prop_map(
            |(surface, start, steps, seed, noise, clip, shift, eval, schedule, es, optimizers)| {
                RawScenario {
                    surface,
                    start: [start.0, start.1],
                    steps: Some(steps),
                    seed: Some(seed),
                    grad_noise: Some(noise),
                    grad_clip: clip,
                    val_shift: Some([shift.0, shift.1]),
                    eval_every: Some(eval),
                    schedule,
                    early_stopping: es.map(|(p, d, r)| RawEarlyStopping {
                        patience: Some(p),
                        min_delta: Some(d),
                        restore_best: Some(r),
                    }),
                    optimizers,
                    view: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_scenarios_run_with_spec_lengths(raw in scenario()) {
        let scenario = Scenario::from_raw(&raw).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // What a file holds, read back, is the same scenario.
        prop_assert_eq!(&Scenario::from_json(&scenario.to_json()).unwrap(), &scenario);
        let set = run_scenario(&scenario);
        prop_assert_eq!(set.runs.len(), scenario.optimizers.len());
        for run in &set.runs {
            let taken = run.lr.len();
            prop_assert!(taken >= 1 && taken as u64 <= scenario.steps);
            prop_assert_eq!(run.points.len(), taken + 1);
            prop_assert_eq!(run.loss.len(), taken + 1);
            prop_assert_eq!(run.grad_norm.len(), taken);
            prop_assert_eq!(run.val_steps.len(), run.val_loss.len());
            prop_assert!(run.val_steps.iter().all(|&t| t >= 1 && t as usize <= taken));
            let last = *run.points.last().unwrap();
            let blew_up = !run.loss[taken].is_finite() || !last.x.is_finite() || !last.y.is_finite() || last.norm() > DIVERGENCE_NORM;
            // Divergence is marked exactly where the run left the finite, bounded plane.
            prop_assert_eq!(run.diverged_at.is_some(), blew_up);
            if let Some(t) = run.diverged_at {
                prop_assert_eq!(t as usize, taken);
            }
            // Every point before the last is finite and bounded: the run stopped at the first bad one.
            for p in &run.points[..taken] {
                prop_assert!(p.x.is_finite() && p.y.is_finite() && p.norm() <= DIVERGENCE_NORM);
            }
            if run.diverged_at.is_none() && run.stopped_at.is_none() {
                prop_assert_eq!(taken as u64, scenario.steps);
            }
            prop_assert_eq!(run.best_step.is_some() && scenario.early_stopping.is_some(), run.best_step.is_some());
            // The diagnosis copes with whatever the run produced.
            prop_assert!(!run.diagnose().is_empty());
        }
    }
}
