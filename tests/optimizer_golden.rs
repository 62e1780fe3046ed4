//! Golden-style checks of the optimizers added through the registry: the first three steps
//! of each, derived by hand (the derivation is in the comments; the literals were worked
//! out in exact rational arithmetic, not by this program), run through scenario parsing
//! and `run_scenario` as any file would be.

use gradscape::core::Vec2;
use gradscape::core::run::run_scenario;
use gradscape::core::scenario::Scenario;

/// The points of optimizer 0 after a run of `steps` steps of `optimizer` on
/// f = x² + 2y² (quadratic λ1 = 2, λ2 = 4: ∇f = (2x, 4y)) from `start`.
fn path(optimizer: &str, start: [f64; 2], steps: u64) -> (Vec<Vec2>, Vec<f64>) {
    let text = format!(
        r#"{{"surface": {{"kind": "quadratic", "lambda1": 2, "lambda2": 4}},
            "start": [{}, {}], "steps": {steps}, "optimizers": [{optimizer}]}}"#,
        start[0], start[1]
    );
    let scenario = Scenario::from_json(&text).expect("valid scenario");
    let run = run_scenario(&scenario).runs.remove(0);
    (run.points, run.lr)
}

fn assert_close(got: Vec2, want: [f64; 2], what: &str) {
    for (g, w) in [got.x, got.y].into_iter().zip(want) {
        assert!(
            (g - w).abs() <= 1e-14 * w.abs().max(1.0),
            "{what}: got {got:?}, want {want:?}"
        );
    }
}

#[test]
fn adamax_defaults_are_pytorchs() {
    // torch.optim.Adamax(lr=2e-3, betas=(0.9, 0.999), eps=1e-8).
    let (_, lr) = path(r#"{"kind": "adamax"}"#, [1.0, 1.0], 1);
    assert_eq!(lr, [2e-3]);
    let s = Scenario::from_json(
        r#"{"surface": {"kind": "beale"}, "start": [1, 1], "optimizers": [{"kind": "adamax"}]}"#,
    )
    .unwrap();
    let k = s.optimizers[0].kind;
    assert_eq!(
        [k.param("beta1"), k.param("beta2"), k.param("eps")],
        [Some(0.9), Some(0.999), Some(1e-8)]
    );
}

#[test]
fn adamax_first_three_steps() {
    // lr α = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8, θ0 = (1, 1), g = (2x, 4y).
    //
    // t = 1: g = (2, 4); m = 0.1·g = (0.2, 0.4); u = max(0, |g| + ε) = (2.00000001,
    //   4.00000001); α/(1 − 0.9) = 1; θ1 = θ0 − m/u = (1 − 0.2/2.00000001,
    //   1 − 0.4/4.00000001) = (0.9000000005, 0.90000000025).
    // t = 2: g = (1.800000001, 3.600000001); m = 0.9·m + 0.1·g = (0.3600000001,
    //   0.7200000001); u = max(0.999·u, |g| + ε) = (1.99800000999, 3.99600000999) — the
    //   old maximum, decayed, still wins; α/(1 − 0.81) = 0.1/0.19 = 0.526315789…;
    //   θ2 = θ1 − 0.526315789…·m/u = (0.805168327168774, 0.805168326694866).
    // t = 3: g = (1.610336654337548, 3.220673306779464); m = (0.4850336655237548,
    //   0.9700673307679464); u = (1.99600200998001, 3.99200400998001) (decayed again);
    //   α/(1 − 0.729) = 0.369003690…; θ3 = (0.7154994733923283, 0.7154994727200897).
    let (points, _) = path(r#"{"kind": "adamax", "lr": 0.1}"#, [1.0, 1.0], 3);
    assert_close(points[1], [0.9000000005, 0.90000000025], "θ1");
    assert_close(points[2], [0.8051683271687741, 0.8051683266948659], "θ2");
    assert_close(points[3], [0.7154994733923283, 0.7154994727200897], "θ3");
}

#[test]
fn lion_defaults_are_the_papers() {
    // Chen et al. 2023: lr 1e-4, β1 0.9, β2 0.99, λ 0.
    let (_, lr) = path(r#"{"kind": "lion"}"#, [1.0, 1.0], 1);
    assert_eq!(lr, [1e-4]);
    let s = Scenario::from_json(
        r#"{"surface": {"kind": "beale"}, "start": [1, 1], "optimizers": [{"kind": "lion"}]}"#,
    )
    .unwrap();
    let k = s.optimizers[0].kind;
    assert_eq!(
        [k.param("beta1"), k.param("beta2"), k.param("weight_decay")],
        [Some(0.9), Some(0.99), Some(0.0)]
    );
}

#[test]
fn lion_first_three_steps() {
    // α = 0.1, β1 = 0.9, β2 = 0.99, λ = 0, θ0 = (1, −2), g = (2x, 4y), m0 = 0.
    //
    // t = 1: g = (2, −8); c = 0.9·0 + 0.1·g = (0.2, −0.8), sign (1, −1);
    //   θ1 = θ0 − 0.1·(1, −1) = (0.9, −1.9); m = 0.99·0 + 0.01·g = (0.02, −0.08).
    // t = 2: g = (1.8, −7.6); c = 0.9·m + 0.1·g = (0.198, −0.832), sign (1, −1);
    //   θ2 = (0.8, −1.8); m = 0.99·m + 0.01·g = (0.0378, −0.1552).
    // t = 3: g = (1.6, −7.2); c = (0.19402, −0.85968), sign (1, −1); θ3 = (0.7, −1.7).
    let (points, _) = path(r#"{"kind": "lion", "lr": 0.1}"#, [1.0, -2.0], 3);
    assert_close(points[1], [0.9, -1.9], "θ1");
    assert_close(points[2], [0.8, -1.8], "θ2");
    assert_close(points[3], [0.7, -1.7], "θ3");
}

#[test]
fn lion_decays_and_changes_direction_with_the_momentum() {
    // α = 0.1, β1 = 0.5, β2 = 0.5, λ = 0.5, θ0 = (1, −2).
    //
    // t = 1: g = (2, −8); c = 0.5·g = (1, −4), sign (1, −1);
    //   θ1 = θ0 − 0.1·((1, −1) + 0.5·(1, −2)) = (1 − 0.15, −2 − 0.1·(−2)) = (0.85, −1.8);
    //   m = 0.5·g = (1, −4).
    // t = 2: g = (1.7, −7.2); c = 0.5·m + 0.5·g = (1.35, −5.6), sign (1, −1);
    //   θ2 = (0.85 − 0.1·(1 + 0.425), −1.8 − 0.1·(−1 − 0.9)) = (0.7075, −1.61);
    //   m = 0.5·m + 0.5·g = (1.35, −5.6).
    // t = 3: g = (1.415, −6.44); c = (1.3825, −6.02), sign (1, −1);
    //   θ3 = (0.7075 − 0.1·(1 + 0.35375), −1.61 − 0.1·(−1 − 0.805)) = (0.572125, −1.4295).
    let (points, _) = path(
        r#"{"kind": "lion", "lr": 0.1, "beta1": 0.5, "beta2": 0.5, "weight_decay": 0.5}"#,
        [1.0, -2.0],
        3,
    );
    assert_close(points[1], [0.85, -1.8], "θ1");
    assert_close(points[2], [0.7075, -1.61], "θ2");
    assert_close(points[3], [0.572125, -1.4295], "θ3");
}

#[test]
fn lion_leaves_a_flat_axis_alone() {
    // At x = 0 the x-gradient and the momentum are exactly 0: sign(0) = 0 keeps x at 0
    // (f64::signum(0.0) = 1 would step it to −α). y walks down by α per step.
    let (points, _) = path(r#"{"kind": "lion", "lr": 0.1}"#, [0.0, 1.0], 3);
    assert_close(points[1], [0.0, 0.9], "θ1");
    assert_close(points[2], [0.0, 0.8], "θ2");
    assert_close(points[3], [0.0, 0.7], "θ3");
}

/// Adam with `bias_correction: false` uses m̂ = m and v̂ = v. On f = x + 2y the gradient is
/// g = (1, 2) everywhere; from (0, 0) with α = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8, by hand:
/// step 1: m = 0.1·g = (0.1, 0.2), v = 0.001·g² = (0.001, 0.004),
///         θ1 = −0.1·m/(√v + ε);
/// step 2: m = 0.9·m + 0.1·g = (0.19, 0.38), v = 0.999·v + 0.001·g² = (0.001999, 0.007996),
///         θ2 = θ1 − 0.1·m/(√v + ε).
/// With the correction the first step is 0.1·g/(|g| + ε) per axis, 3.16 times shorter.
#[test]
fn adam_without_bias_correction_uses_the_raw_moments() {
    let run = |corrected: bool| {
        let json = format!(
            r#"{{"surface": {{"kind": "custom", "expr": "x + 2*y"}}, "start": [0, 0], "steps": 2,
                "optimizers": [{{"kind": "adam", "lr": 0.1, "bias_correction": {corrected}}}]}}"#
        );
        let s = gradscape::core::scenario::Scenario::from_json(&json).unwrap();
        gradscape::core::run::run_scenario(&s).runs[0]
            .points
            .clone()
    };
    let raw = run(false);
    let x1 = -0.1 * 0.1 / (0.001f64.sqrt() + 1e-8);
    let y1 = -0.1 * 0.2 / (0.004f64.sqrt() + 1e-8);
    let x2 = x1 - 0.1 * 0.19 / (0.001999f64.sqrt() + 1e-8);
    let y2 = y1 - 0.1 * 0.38 / (0.007996f64.sqrt() + 1e-8);
    for (got, want) in [
        (raw[1].x, x1),
        (raw[1].y, y1),
        (raw[2].x, x2),
        (raw[2].y, y2),
    ] {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    let corrected = run(true);
    assert!((corrected[1].x - -0.1 / (1.0 + 1e-8)).abs() < 1e-12);
    let ratio = raw[1].norm() / corrected[1].norm();
    assert!((ratio - 0.1 / 0.001f64.sqrt()).abs() < 1e-6, "{ratio}");
}
