//! Every claim a teaching preset makes about its own runs holds, with room to spare, and
//! fails when the preset is changed so that the point it makes is gone.

use gradscape::core::claims::{Claim, check_preset, preset_claims};
use gradscape::core::presets::{PRESETS, find};
use gradscape::core::run::run_scenario;
use gradscape::core::scenario::Scenario;
use serde_json::Value;

/// How far inside its bound every claim must be: a quarter, so a small change of
/// arithmetic or defaults cannot flip a lesson silently.
const MARGIN: f64 = 1.25;

fn preset_json(name: &str) -> Value {
    serde_json::from_str(find(name).expect("preset exists").json).expect("preset is JSON")
}

fn checks(name: &str, json: &Value) -> Vec<gradscape::core::claims::ClaimCheck> {
    let scenario = Scenario::from_json(&json.to_string()).expect("valid scenario");
    check_preset(name, &run_scenario(&scenario))
}

#[test]
fn every_claim_of_every_preset_holds_with_a_margin() {
    let mut claimed = 0;
    for p in PRESETS {
        for c in checks(p.name, &preset_json(p.name)) {
            eprintln!(
                "{}: {:?} margin {:.2} {:?}",
                p.name, c.claim, c.margin, c.facts
            );
            assert!(
                c.holds,
                "{}: {:?} does not hold: {:?}",
                p.name, c.claim, c.facts
            );
            assert!(
                c.margin >= MARGIN,
                "{}: {:?} holds only by {:.3}: {:?}",
                p.name,
                c.claim,
                c.margin,
                c.facts
            );
            claimed += 1;
        }
    }
    // The presets the lessons rest on all make claims.
    for name in [
        "ravine-momentum",
        "noisy-quadratic",
        "per-parameter-scales",
        "saddle-escape",
        "warmup-cosine",
        "step-decay",
        "rosenbrock-valley",
        "es-plateau",
        "adam-epsilon",
        "which-optimizer",
        "which-optimizer-ravine",
        "which-optimizer-noisy",
        "lr-protocol",
        "lr-protocol-lower",
        "lr-protocol-raise",
        "lr-protocol-schedule",
        "ema-weights",
    ] {
        assert!(!preset_claims(name).is_empty(), "{name} makes no claim");
    }
    assert!(claimed >= 10);
}

/// Changes `name`'s JSON with `edit` and returns which of its claims still hold.
fn holds_after(name: &str, edit: impl FnOnce(&mut Value)) -> Vec<bool> {
    let mut json = preset_json(name);
    edit(&mut json);
    checks(name, &json).iter().map(|c| c.holds).collect()
}

#[test]
fn ravine_claims_fail_when_momentum_gets_sgds_rate() {
    // Same α as SGD: in the EMA form that is a tenth of SGD's effective step.
    let holds = holds_after("ravine-momentum", |j| {
        j["optimizers"][1]["lr"] = j["optimizers"][0]["lr"].clone();
    });
    assert!(!holds[0], "momentum no longer reaches sooner");
    // SGD far below its stability bound does not zigzag.
    let holds = holds_after("ravine-momentum", |j| {
        j["optimizers"][0]["lr"] = 0.004.into()
    });
    assert!(!holds[1], "SGD no longer turns back more");
}

#[test]
fn noisy_claims_fail_without_noise_to_tame() {
    // With a tiny SGD rate its tail is as quiet as the adaptive runs'.
    let holds = holds_after("noisy-quadratic", |j| {
        j["optimizers"][0]["lr"] = 0.002.into();
        j["optimizers"][1]["lr"] = 0.2.into();
        j["optimizers"][2]["lr"] = 0.2.into();
    });
    assert!(holds.iter().all(|h| !h), "{holds:?}");
}

#[test]
fn scales_claims_fail_when_adaptive_rates_are_tiny() {
    let holds = holds_after("per-parameter-scales", |j| {
        j["optimizers"][1]["lr"] = 0.001.into();
        j["optimizers"][2]["lr"] = 0.001.into();
    });
    assert_eq!(holds, [false, false]);
}

#[test]
fn saddle_claims_fail_when_momentum_and_adam_crawl() {
    let holds = holds_after("saddle-escape", |j| {
        j["optimizers"][1]["lr"] = 0.05.into();
        j["optimizers"][2]["lr"] = 0.005.into();
    });
    assert_eq!(holds, [false, false]);
}

#[test]
fn warmup_claim_fails_when_the_peak_rate_is_safe_anyway() {
    // A peak rate the steep walls tolerate: warmup only delays the run.
    let holds = holds_after("warmup-cosine", |j| {
        j["optimizers"][0]["lr"] = 0.05.into();
        j["optimizers"][1]["lr"] = 0.05.into();
    });
    assert_eq!(holds, [false]);
}

#[test]
fn step_decay_claim_fails_without_a_real_cut() {
    let holds = holds_after("step-decay", |j| j["schedule"]["gamma"] = 0.9.into());
    assert_eq!(holds, [false]);
}

#[test]
fn valley_claim_fails_when_the_run_is_short() {
    let holds = holds_after("rosenbrock-valley", |j| j["steps"] = 100.into());
    assert_eq!(holds, [false]);
}

#[test]
fn a_claim_about_a_missing_run_fails() {
    let c = Claim::EndsLower { a: 0, b: 7 };
    let runs = run_scenario(&find("ravine-momentum").unwrap().scenario());
    assert!(!c.check(&runs).holds);
}

#[test]
fn es_plateau_claims_fail_when_both_patiences_let_the_cut_come() {
    // Red's plateau patience below early stopping's too: its cut comes as well.
    let holds = holds_after("es-plateau", |j| {
        j["optimizers"][0]["schedule"]["patience"] = 5.into();
    });
    assert_eq!(holds, [false, false]);
}

#[test]
fn bias_correction_claim_fails_when_both_runs_are_corrected() {
    let holds = holds_after("adam-bias-correction", |j| {
        j["optimizers"][3]["bias_correction"] = true.into();
    });
    assert_eq!(holds, [false]);
}

#[test]
fn epsilon_claims_fail_when_epsilon_is_small_again() {
    // ε back at 1e-8 (with a rate that suits it): the grey Adam is adaptive again, as
    // quick as the orange one and no longer in step with momentum.
    let holds = holds_after("adam-epsilon", |j| {
        j["optimizers"][1]["eps"] = 1e-8.into();
        j["optimizers"][1]["lr"] = 0.05.into();
    });
    assert_eq!(holds, [false, false]);
}

#[test]
fn which_optimizer_claims_fail_when_the_situation_changes() {
    // SGD at a rate its walls tolerate, Adam at one far too high: now Adam is the worst.
    let holds = holds_after("which-optimizer", |j| {
        j["optimizers"][0]["lr"] = 0.01.into();
        j["optimizers"][3]["lr"] = 3.0.into();
    });
    assert_eq!(holds, [false]);
    // SGD below its stability bound in the ravine ends lower than a slow momentum.
    let holds = holds_after("which-optimizer-ravine", |j| {
        j["optimizers"][0]["lr"] = 0.015.into();
        j["optimizers"][1]["lr"] = 0.001.into();
    });
    assert!(!holds[1], "{holds:?}");
    // Without noise there is nothing for RMSProp and Adam to steady.
    let holds = holds_after("which-optimizer-noisy", |j| {
        j["grad_noise"] = 0.0.into();
        j["optimizers"][0]["lr"] = 0.15.into();
    });
    assert!(!holds[1] && !holds[2], "{holds:?}");
}

/// Adam at its defaults is never the worst, in each of the lesson's three situations.
#[test]
fn adam_is_never_the_worst_in_the_three_situations() {
    for name in [
        "which-optimizer",
        "which-optimizer-ravine",
        "which-optimizer-noisy",
    ] {
        let json = preset_json(name);
        let adam = &json["optimizers"][3];
        assert_eq!(adam["kind"], "adam", "{name}");
        // Defaults: no β1, β2 or ε given.
        for field in ["beta1", "beta2", "eps"] {
            assert!(adam.get(field).is_none(), "{name}: {field}");
        }
        let worst = checks(name, &json)
            .into_iter()
            .find(|c| matches!(c.claim, Claim::NotWorst { run: 3, .. }))
            .expect("a not-worst claim");
        assert!(worst.holds && worst.margin >= MARGIN, "{name}: {worst:?}");
    }
}

#[test]
fn lr_protocol_claims_fail_when_a_step_is_skipped_or_wrong() {
    // Step 2 dividing by 2 instead of 10: stable, and not flat, so step 3 is not called for.
    let holds = holds_after("lr-protocol-lower", |j| {
        j["optimizers"][1]["lr"] = 0.11.into()
    });
    assert!(!holds[2], "{holds:?}");
    // Not dividing at all: the "after" run blows up as well.
    let holds = holds_after("lr-protocol-lower", |j| {
        j["optimizers"][1]["lr"] = 0.22.into()
    });
    assert!(!holds[1] && !holds[2], "{holds:?}");
    // Step 3 multiplying by 12 instead of 3 crosses 2/λmax: not healthy any more.
    let holds = holds_after("lr-protocol-raise", |j| {
        j["optimizers"][1]["lr"] = 0.264.into()
    });
    assert!(!holds[1] && !holds[2], "{holds:?}");
    // Step 4 without the schedule: the two runs are the same.
    let holds = holds_after("lr-protocol-schedule", |j| {
        if let Some(o) = j["optimizers"][1].as_object_mut() {
            o.remove("schedule");
        }
    });
    assert_eq!(holds, [false]);
}

#[test]
fn ema_claim_fails_without_averaging_or_noise() {
    // A decay of 0 is no average: θ̄ = θ, the same spread.
    let holds = holds_after("ema-weights", |j| {
        j["optimizers"][0]["ema_decay"] = 0.0.into()
    });
    assert_eq!(holds, [false]);
    // Off (null): there is no averaged curve to compare.
    let holds = holds_after("ema-weights", |j| {
        j["optimizers"][0]["ema_decay"] = Value::Null
    });
    assert_eq!(holds, [false]);
}

/// The averaged weights follow θ̄ := d·θ̄ + (1−d)·θ from θ̄₀ = θ₀, and their validation loss
/// is evaluated with the raw one; files without `ema_decay` keep no average.
#[test]
fn ema_weights_are_the_moving_average_of_the_path() {
    let runs = run_scenario(&find("ema-weights").unwrap().scenario());
    let r = &runs.runs[0];
    assert_eq!(r.ema_points.len(), r.points.len());
    assert_eq!(r.ema_val_loss.len(), r.val_loss.len());
    let d = find("ema-weights").unwrap().scenario().optimizers[0]
        .ema_decay
        .expect("set");
    let mut avg = r.points[0];
    for (k, p) in r.points.iter().enumerate().skip(1) {
        avg = d * avg + (1.0 - d) * p;
        assert!((avg - r.ema_points[k]).norm() < 1e-12, "step {k}");
    }
    let plain = run_scenario(&find("es-plateau").unwrap().scenario());
    assert!(
        plain
            .runs
            .iter()
            .all(|r| r.ema_points.is_empty() && r.ema_val_loss.is_empty())
    );
}
