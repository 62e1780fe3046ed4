//! Inputs the fuzz targets (fuzz/fuzz_targets/) or their review found to crash or misbehave,
//! kept as exact regression cases. A regression of the expression parser lives next to its
//! code (src/core/expr.rs, `long_chains_are_refused_not_overflowing_the_stack`).

use gradscape::core::run::run_scenario;
use gradscape::core::scenario::{Scenario, parse_color};

/// fuzz/fuzz_targets/scenario.rs: a key with a line break made a two-line error, because the
/// unknown-field message and the field path quote the key as written.
#[test]
fn scenario_error_with_a_line_break_in_a_key_is_one_line() {
    let text = r#"{"surface":{"kind":"quadratic"},"start":[1,2],"optimizers":[{"kind":"sgd"}],"grad\noise":1}"#;
    let err = Scenario::from_json(text).unwrap_err();
    let msg = err.to_string();
    assert!(!msg.contains('\n'), "{msg:?}");
    assert!(msg.contains(r"grad\noise"), "{msg:?}");
    // The same for every place that quotes the file: kinds, colours, expressions.
    for text in [
        r#"{"surface":{"kind":"quad\r\nratic"},"start":[1,2],"optimizers":[{"kind":"sgd"}]}"#,
        r##"{"surface":{"kind":"beale"},"start":[1,2],"optimizers":[{"kind":"sgd","color":"#12\n456"}]}"##,
        r#"{"surface":{"kind":"beale"},"start":[1,2],"optimizers":[{"kind":"s\u0085gd"}]}"#,
    ] {
        let msg = Scenario::from_json(text).unwrap_err().to_string();
        assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
    }
}

/// Review of the scenario target: a colour's digits were read with `from_str_radix`, which
/// also takes a sign, so "#+1+2+3" was accepted as #010203.
#[test]
fn colours_take_hex_digits_only() {
    assert_eq!(parse_color("#+1+2+3"), None);
    assert_eq!(parse_color("#-1-2-3"), None);
    assert_eq!(parse_color("#a0B1c2"), Some([0xa0, 0xb1, 0xc2]));
    let text = r##"{"surface":{"kind":"beale"},"start":[1,2],"optimizers":[{"kind":"sgd","color":"#+1+2+3"}]}"##;
    let err = Scenario::from_json(text).unwrap_err();
    assert_eq!(err.field, "optimizers[0].color");
}

/// Review of the scenario target: for minibatch `linreg` the evaluation period is
/// batches-per-epoch × `eval_every`, which overflowed (a panic with overflow checks) or
/// wrapped to 0 (`t % 0`, a panic in release builds) for a huge `eval_every`.
#[test]
fn huge_eval_every_with_minibatches_runs_without_evaluating() {
    // 32 generated points in batches of 8: 4 batches per epoch, and 4 × 2^62 = 2^64.
    for eval_every in [1u64 << 62, u64::MAX] {
        let text = format!(
            r#"{{"surface":{{"kind":"linreg","batch_size":8}},"start":[0,0],"steps":10,
                "eval_every":{eval_every},"optimizers":[{{"kind":"sgd"}}]}}"#
        );
        let scenario = Scenario::from_json(&text).unwrap();
        let set = run_scenario(&scenario);
        assert_eq!(set.runs[0].lr.len(), 10);
        assert!(set.runs[0].val_steps.is_empty());
    }
}
