//! Every analytic gradient against central finite differences, at random points.

use gradscape::core::Vec2;
use gradscape::core::expr::Expr;
use gradscape::core::surface::{Linreg, Surface};
use proptest::prelude::*;

fn surfaces() -> Vec<Surface> {
    vec![
        Surface::Quadratic {
            lambda1: 1.0,
            lambda2: 20.0,
            angle_deg: 0.0,
        },
        Surface::Quadratic {
            lambda1: 3.0,
            lambda2: 0.5,
            angle_deg: 37.0,
        },
        Surface::Rosenbrock { a: 1.0, b: 100.0 },
        Surface::Rosenbrock { a: -0.5, b: 3.0 },
        Surface::Beale,
        Surface::Himmelblau,
        Surface::Rastrigin { a: 10.0 },
        Surface::Ackley,
        Surface::Saddle,
        Surface::Linreg(Linreg {
            train: vec![[-1.0, -2.5], [0.0, -0.8], [1.5, 2.2], [2.0, 3.1]],
            val: vec![[0.5, 0.1]],
            batch_size: 4,
        }),
        Surface::Custom(
            Expr::parse("x^2 + 10*y^2 - sin(x*y) + exp(0.1*x) * cos(y) + tanh(x - y)").unwrap(),
        ),
        Surface::Custom(
            Expr::parse("sqrt(x^2 + y^2 + 1) + abs(x + 3) / (2 + y^2) + ln(5 + x^2) + x^3*y")
                .unwrap(),
        ),
        Surface::Custom(Expr::parse("tan(0.3*x) + 2^(0.5*y) + (y^2 + 1)^(0.5*x)").unwrap()),
    ]
}

/// Central difference with a step scaled to the point, checked with a relative tolerance.
fn check(s: &Surface, p: Vec2) -> Result<(), TestCaseError> {
    let g = s.gradient(p);
    for axis in 0..2 {
        let h = 1e-6 * (1.0 + p[axis].abs());
        let mut e = Vec2::zeros();
        e[axis] = h;
        let fd = (s.value(p + e) - s.value(p - e)) / (2.0 * h);
        let scale = 1.0 + g[axis].abs().max(fd.abs());
        prop_assert!(
            (g[axis] - fd).abs() <= 1e-5 * scale,
            "{} at {:?}: axis {axis}: analytic {} vs finite difference {fd}",
            s.kind(),
            p,
            g[axis]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn analytic_gradients_match_finite_differences(x in -3.0f64..3.0, y in -3.0f64..3.0) {
        for s in surfaces() {
            // Ackley's gradient has a kink at the origin; stay a little away from it.
            if matches!(s, Surface::Ackley) && x.hypot(y) < 1e-3 {
                continue;
            }
            check(&s, Vec2::new(x, y))?;
        }
    }
}

#[test]
fn ackley_gradient_at_origin_is_zero() {
    assert_eq!(Surface::Ackley.gradient(Vec2::zeros()), Vec2::zeros());
}
