//! Plateau schedule edge cases, checked against the rule of SPEC §5 (ReduceLROnPlateau).

use gradscape::core::schedule::{Decay, LrScheduler, Plateau, Schedule};

fn plateau(patience: u64, cooldown: u64) -> LrScheduler {
    let schedule = Schedule {
        warmup_steps: 0,
        decay: Decay::Plateau(Plateau {
            factor: 0.5,
            patience,
            min_delta: 0.0,
            cooldown,
            lr_min: 0.0,
        }),
    };
    LrScheduler::new(schedule, 0.02)
}

#[test]
fn patience_zero_keeps_the_rate_while_every_evaluation_improves() {
    let mut s = plateau(0, 0);
    for k in 0..12 {
        s.observe(1.0 / (k + 1) as f64);
        assert_eq!(s.rate(100), 0.02, "cut after improving evaluation {k}");
    }
}

#[test]
fn patience_zero_cuts_once_per_non_improving_evaluation_like_patience_one() {
    let mut zero = plateau(0, 0);
    let mut one = plateau(1, 0);
    let vals = [1.0, 0.5, 0.6, 0.4, 0.45, 0.47, 0.3];
    let mut rates = Vec::new();
    for v in vals {
        zero.observe(v);
        one.observe(v);
        assert_eq!(zero.rate(10), one.rate(10));
        rates.push(zero.rate(10));
    }
    // Non-improving evaluations are the 3rd, 5th and 6th: one cut each.
    assert_eq!(rates, [0.02, 0.02, 0.01, 0.01, 0.005, 0.0025, 0.0025]);
}

#[test]
fn a_cooldown_is_respected_with_patience_zero() {
    let mut s = plateau(0, 2);
    let mut rates = Vec::new();
    // One improvement, then nothing but stagnation.
    for v in [1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0] {
        s.observe(v);
        rates.push(s.rate(10));
    }
    // Cut at the 2nd evaluation, two evaluations of cooldown, then cut again, ...
    assert_eq!(rates, [0.02, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005]);
}

#[test]
fn patience_three_waits_three_non_improving_evaluations() {
    let mut s = plateau(3, 0);
    let mut rates = Vec::new();
    for v in [1.0, 1.0, 1.0, 1.0, 1.0] {
        s.observe(v);
        rates.push(s.rate(10));
    }
    assert_eq!(rates, [0.02, 0.02, 0.02, 0.01, 0.01]);
}
