//! The fuzz targets' properties (fuzz/fuzz_targets/), as proptests that run with `cargo test`:
//! arbitrary text and arbitrary JSON into `Scenario::from_json`, arbitrary bytes into
//! `read_log`. Nothing panics, and every error's Display is one line.

use gradscape::core::diagnosis::diagnose;
use gradscape::core::log::read_log;
use gradscape::core::optimizers::{OPTIMIZER_KINDS, OPTIMIZERS as OPTIMIZERS_REG};
use gradscape::core::run::run_scenario;
use gradscape::core::scenario::Scenario;
use gradscape::core::surfaces::{SURFACE_KINDS, SURFACES as SURFACES_REG};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use std::sync::LazyLock;

/// Valid scenarios are run for at most this many steps.
const MAX_STEPS: u64 = 40;

/// Every field name of the scenario schema (SPEC §8), and the kinds.
const BASE_NAMES: &[&str] = &[
    "surface",
    "kind",
    "start",
    "steps",
    "seed",
    "grad_noise",
    "grad_clip",
    "val_shift",
    "eval_every",
    "schedule",
    "early_stopping",
    "optimizers",
    "view",
    "x",
    "y",
    "expr",
    "train",
    "val",
    "batch_size",
    "n_train",
    "n_val",
    "w_true",
    "b_true",
    "x_mean",
    "x_std",
    "noise",
    "warmup_steps",
    "milestones",
    "gamma",
    "total_steps",
    "lr_min",
    "factor",
    "patience",
    "min_delta",
    "cooldown",
    "restore_best",
    "lr",
    "label",
    "color",
];

const SCHEDULE_KINDS: &[&str] = &["constant", "step", "exponential", "cosine", "plateau"];

/// Every field name: the schema's own and every registered kind's parameters.
static NAMES: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
    let mut v: Vec<&'static str> = BASE_NAMES.to_vec();
    let params = OPTIMIZERS_REG
        .iter()
        .flat_map(|i| i.params)
        .chain(SURFACES_REG.iter().flat_map(|i| i.params));
    for p in params {
        if !v.contains(&p.name) {
            v.push(p.name);
        }
    }
    Box::leak(v.into_boxed_slice())
});

/// Every kind: the registries' and the schedules'.
static KINDS: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
    let v: Vec<&'static str> = SURFACE_KINDS
        .iter()
        .chain(SCHEDULE_KINDS)
        .chain(OPTIMIZER_KINDS)
        .copied()
        .collect();
    Box::leak(v.into_boxed_slice())
});

fn one_line(what: &str, msg: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !msg.contains('\n') && !msg.contains('\r'),
        "{} error is not one line: {:?}",
        what,
        msg
    );
    Ok(())
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-3i64..30).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.5,
            0.999,
            1.0,
            -1.0,
            1e-300,
            5e-324,
            1e300,
            f64::MAX,
            -f64::MAX,
            9.223372036854776e18,
            1.8446744073709552e19,
        ])
        .prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
        (-1e3f64..1e3).prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
    ]
}

fn string() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(*KINDS).prop_map(Value::from),
        prop::sample::select(*NAMES).prop_map(Value::from),
        Just(Value::from("#a0b1c2")),
        Just(Value::from("x^2 + 10*y^2")),
        // Control characters, quotes and non-ASCII, where error messages quote the text.
        "[a-z#\n\r\t\"'\\\\é€ ]{0,12}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(*NAMES).prop_map(String::from),
        1 => "[a-z_\n\"]{0,8}",
    ]
}

/// JSON values up to depth 6 whose object keys are mostly the schema's names.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        string(),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..7)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Each kind with the fields it takes (SPEC §1, §4, §5).
/// Each kind with the fields it takes (SPEC §1, §4, §5): the registered parametric
/// surfaces and optimizers with their parameters, and the data surfaces' two forms.
static SURFACES: LazyLock<&'static [(&'static str, &'static [&'static str])]> =
    LazyLock::new(|| {
        let mut v: Vec<(&'static str, &'static [&'static str])> = SURFACES_REG
            .iter()
            .filter(|i| i.data_fields.is_empty())
            .map(|i| {
                let names: Vec<&'static str> = i.params.iter().map(|p| p.name).collect();
                (i.id, &*Box::leak(names.into_boxed_slice()))
            })
            .collect();
        v.extend([
            ("linreg", &["train", "val", "batch_size"][..]),
            (
                "linreg",
                &[
                    "n_train",
                    "n_val",
                    "w_true",
                    "b_true",
                    "x_mean",
                    "x_std",
                    "noise",
                    "batch_size",
                ][..],
            ),
            ("custom", &["expr"][..]),
        ]);
        Box::leak(v.into_boxed_slice())
    });
static OPTIMIZERS: LazyLock<&'static [(&'static str, &'static [&'static str])]> =
    LazyLock::new(|| {
        let v: Vec<(&'static str, &'static [&'static str])> = OPTIMIZERS_REG
            .iter()
            .map(|i| {
                let mut names = vec!["lr", "label", "color", "schedule"];
                names.extend(i.params.iter().map(|p| p.name));
                (i.id, &*Box::leak(names.into_boxed_slice()))
            })
            .collect();
        Box::leak(v.into_boxed_slice())
    });
const SCHEDULES: &[(&str, &[&str])] = &[
    ("constant", &["warmup_steps"]),
    ("step", &["warmup_steps", "milestones", "gamma"]),
    ("exponential", &["warmup_steps", "gamma"]),
    ("cosine", &["warmup_steps", "total_steps", "lr_min"]),
    (
        "plateau",
        &[
            "warmup_steps",
            "factor",
            "patience",
            "min_delta",
            "cooldown",
            "lr_min",
        ],
    ),
];
const TOP_FIELDS: &[&str] = &[
    "steps",
    "seed",
    "grad_noise",
    "grad_clip",
    "val_shift",
    "eval_every",
    "early_stopping",
    "view",
];

fn pairs() -> impl Strategy<Value = Value> {
    prop::collection::vec((-3.0f64..3.0, -3.0f64..3.0), 0..5).prop_map(|v| {
        Value::Array(
            v.into_iter()
                .map(|(a, b)| serde_json::json!([a, b]))
                .collect(),
        )
    })
}

/// A plausible value for the field `name` (often valid, not always), now and then anything.
fn field_value(name: &'static str) -> BoxedStrategy<Value> {
    let small_int = || (0u64..60).prop_map(Value::from).boxed();
    let plausible: BoxedStrategy<Value> = match name {
        "batch_size" | "n_train" | "n_val" | "warmup_steps" | "total_steps" | "patience"
        | "cooldown" | "steps" | "eval_every" | "seed" => small_int(),
        "train" | "val" => pairs().boxed(),
        "milestones" => prop::collection::vec(0u64..60, 0..4)
            .prop_map(Value::from)
            .boxed(),
        "nesterov" | "restore_best" => any::<bool>().prop_map(Value::Bool).boxed(),
        "label" => string().boxed(),
        "color" => prop_oneof![
            any::<[u8; 3]>()
                .prop_map(|c| Value::from(format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]))),
            string(),
        ]
        .boxed(),
        "expr" => prop_oneof![
            prop::sample::select(vec![
                "x^2 + 10*y^2",
                "sin(x)*y",
                "1/x",
                "x^y",
                "exp(x*y) - ln(abs(y))",
            ])
            .prop_map(Value::from),
            "[xy0-9+*/^()es.-]{0,12}".prop_map(Value::from),
        ]
        .boxed(),
        "schedule" => kinded(SCHEDULES),
        "val_shift" => (-1.0f64..1.0, -1.0f64..1.0)
            .prop_map(|(a, b)| serde_json::json!([a, b]))
            .boxed(),
        "view" => (-5.0f64..0.0, 0.0f64..5.0, -5.0f64..0.0, 0.0f64..5.0)
            .prop_map(|(a, b, c, d)| serde_json::json!({"x": [a, b], "y": [c, d]}))
            .boxed(),
        "early_stopping" => (
            prop::option::of(0u64..10),
            prop::option::of(0.0f64..0.1),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(p, d, r)| {
                let mut m = Map::new();
                p.map(|p| m.insert("patience".into(), Value::from(p)));
                d.map(|d| m.insert("min_delta".into(), Value::from(d)));
                r.map(|r| m.insert("restore_best".into(), Value::from(r)));
                Value::Object(m)
            })
            .boxed(),
        // Rates, factors and the like: mostly in [0, 1), where most ranges are.
        _ => prop_oneof![
            3 => (0.0f64..1.0).prop_map(Value::from),
            1 => (1.0f64..50.0).prop_map(Value::from),
            1 => number(),
        ]
        .boxed(),
    };
    prop_oneof![8 => plausible, 1 => json()].boxed()
}

/// An object of one of `kinds`, with a few of its own fields (now and then a stranger's).
fn kinded(kinds: &'static [(&'static str, &'static [&'static str])]) -> BoxedStrategy<Value> {
    prop::sample::select(kinds)
        .prop_flat_map(|(kind, fields)| {
            let name = if fields.is_empty() {
                prop::sample::select(*NAMES).boxed()
            } else {
                prop_oneof![12 => prop::sample::select(fields), 1 => prop::sample::select(*NAMES)]
                    .boxed()
            };
            let field = name.prop_flat_map(|n| (Just(n), field_value(n)));
            let count = if fields.is_empty() { 0..1 } else { 0..4 };
            (Just(kind), prop::collection::vec(field, count))
        })
        .prop_map(|(kind, fields)| {
            let mut m: Map<String, Value> = fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            m.insert("kind".into(), Value::from(kind));
            Value::Object(m)
        })
        .boxed()
}

/// A scenario-shaped object: the required fields present, each field mostly plausible and
/// sometimes arbitrary, so that validation (and the run) is reached far more often than by
/// `json()`.
fn scenario_json() -> impl Strategy<Value = Value> {
    let start = prop_oneof![
        6 => (-5.0f64..5.0, -5.0f64..5.0).prop_map(|(a, b)| serde_json::json!([a, b])),
        1 => json(),
    ];
    let top = prop_oneof![
        10 => prop::sample::select(TOP_FIELDS),
        1 => prop::sample::select(*NAMES),
    ]
    .prop_flat_map(|n| (Just(n.to_string()), field_value(n)));
    (
        kinded(*SURFACES),
        start,
        prop::collection::vec(kinded(*OPTIMIZERS), 0..4),
        prop::option::of(kinded(SCHEDULES)),
        prop::collection::vec(top, 0..4),
    )
        .prop_map(|(surface, start, optimizers, schedule, extra)| {
            let mut m: Map<String, Value> = extra.into_iter().collect();
            m.insert("surface".into(), surface);
            m.insert("start".into(), start);
            m.insert("optimizers".into(), Value::Array(optimizers));
            if let Some(s) = schedule {
                m.insert("schedule".into(), s);
            }
            Value::Object(m)
        })
}

/// `from_json` on `text`: errors are one line; a valid scenario round-trips and runs.
/// Returns whether it was valid.
fn check_scenario(text: &str) -> Result<bool, TestCaseError> {
    let scenario = match Scenario::from_json(text) {
        Ok(s) => s,
        Err(e) => return one_line("scenario", &e.to_string()).map(|()| false),
    };
    let back = Scenario::from_json(&scenario.to_json())
        .map_err(|e| TestCaseError::fail(format!("to_json output does not parse: {e}")))?;
    prop_assert_eq!(&back, &scenario);
    let mut small = scenario;
    small.steps = small.steps.min(MAX_STEPS);
    for run in run_scenario(&small).runs {
        prop_assert_eq!(run.points.len(), run.lr.len() + 1);
        let _ = run.diagnose();
    }
    Ok(true)
}

fn check_log(text: &str) -> Result<(), TestCaseError> {
    match read_log(text) {
        Ok(runs) => {
            for run in &runs {
                if run.steps.len() <= 2000 {
                    let _ = diagnose(&run.series());
                }
            }
            Ok(())
        }
        Err(e) => one_line("log", &e.to_string()),
    }
}

/// A view of any four f64 bit patterns (fuzz target `scenario`): refused in one line
/// naming `view`, or drawn (64 × 64) without a panic.
fn check_view(v: [f64; 4]) -> Result<(), TestCaseError> {
    use gradscape::core::scenario::{RawOptimizer, RawScenario, RawSurface, RawView};
    use gradscape::render::{Composition, RenderOptions};
    prop_assert!(gradscape::scene::colormap::nice_ticks(v[0], v[1], 8).len() <= 64);
    let raw = RawScenario {
        surface: RawSurface {
            kind: "quadratic".into(),
            ..Default::default()
        },
        start: [0.5, 0.5],
        steps: Some(4),
        optimizers: vec![RawOptimizer {
            kind: "sgd".into(),
            ..Default::default()
        }],
        view: Some(RawView {
            x: [v[0], v[1]],
            y: [v[2], v[3]],
        }),
        ..Default::default()
    };
    let scenario = match Scenario::from_raw(&raw) {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(msg.starts_with("view."), "{}", msg);
            return one_line("view", &msg);
        }
    };
    let runs = run_scenario(&scenario);
    let options = RenderOptions {
        width: 64,
        height: 64,
        ..RenderOptions::default()
    };
    let comp = Composition::new(&scenario, &runs, &options, false);
    prop_assert!(comp.render(comp.last_step()).is_ok());
    Ok(())
}

/// Any f64, weighted towards the awkward ones: subnormals, the ends of the range, and
/// numbers a hair apart.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<u64>().prop_map(f64::from_bits),
        (0u64..1 << 52).prop_map(f64::from_bits),
        prop::sample::select(vec![
            0.0,
            -0.0,
            5e-324,
            -5e-324,
            f64::MIN_POSITIVE,
            1e-300,
            1.0,
            1.0 + f64::EPSILON,
            1e150,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NAN,
        ]),
        -10.0f64..10.0,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn views_over_the_whole_f64_range_are_refused_or_drawn(
        x0 in any_f64(), x1 in any_f64(), y0 in any_f64(), y1 in any_f64(),
    ) {
        check_view([x0, x1, y0, y1])?;
    }

    #[test]
    fn arbitrary_text_is_a_scenario_or_a_one_line_error(text in any::<String>()) {
        check_scenario(&text)?;
    }

    #[test]
    fn arbitrary_json_is_a_scenario_or_a_one_line_error(value in json()) {
        check_scenario(&value.to_string())?;
        check_scenario(&serde_json::to_string_pretty(&value).unwrap())?;
    }

    #[test]
    fn scenario_shaped_json_is_a_scenario_or_a_one_line_error(value in scenario_json()) {
        check_scenario(&value.to_string())?;
    }

    #[test]
    fn arbitrary_bytes_are_a_log_or_a_one_line_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_log(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn csv_like_text_is_a_log_or_a_one_line_error(
        text in "((step|epoch|t|loss|val_loss|lr|run|train loss|\"a\nb\"|x)[,;\t]){1,5}\n\
                 (([0-9.eE+-]{0,6}|nan|inf|NA|\"[0-9,\n]{0,4}\"|adam)[,;\t\n]){0,60}"
    ) {
        check_log(&text)?;
    }
}

/// The scenario-shaped strategy is only worth its name while a fair share of what it makes
/// passes validation and runs.
#[test]
fn scenario_shaped_json_is_often_valid() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = scenario_json();
    let total = 400;
    let valid = (0..total)
        .filter(|_| {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            Scenario::from_json(&value.to_string()).is_ok()
        })
        .count();
    eprintln!("{valid} of {total} scenario-shaped values are valid");
    assert!(valid * 20 >= total, "only {valid} of {total} valid");
}
