//! Every analytic gradient against central finite differences, at random points.

use gradscape::core::Vec2;
use gradscape::core::expr::Expr;
use gradscape::core::surfaces::{Linreg, SURFACE_KINDS, SURFACES, Surface};
use proptest::prelude::*;

/// Every registered parametric surface at its defaults, then other parameters, the line
/// fit and expressions that exercise every function the parser knows.
fn surfaces() -> Vec<Surface> {
    let mut out: Vec<Surface> = SURFACES
        .iter()
        .filter_map(|info| {
            let defaults: Vec<f64> = info.params.iter().map(|p| p.default).collect();
            Surface::with_values(info.id, &defaults)
        })
        .collect();
    out.extend([
        Surface::with_values("quadratic", &[3.0, 0.5, 37.0]).unwrap(),
        Surface::with_values("rosenbrock", &[-0.5, 3.0]).unwrap(),
        Surface::with_values("rastrigin", &[2.5]).unwrap(),
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
    ]);
    out
}

#[test]
fn the_table_covers_every_registered_kind() {
    let table = surfaces();
    for kind in SURFACE_KINDS {
        assert!(
            table.iter().any(|s| s.kind() == *kind),
            "{kind} is not checked"
        );
    }
}

/// The Hessian, where a surface gives one, against central differences of the gradient.
fn check_hessian(s: &Surface, p: Vec2) -> Result<(), TestCaseError> {
    let Some(hess) = s.hessian(p) else {
        return Ok(());
    };
    for axis in 0..2 {
        let h = 1e-5 * (1.0 + p[axis].abs());
        let mut e = Vec2::zeros();
        e[axis] = h;
        let fd = (s.gradient(p + e) - s.gradient(p - e)) / (2.0 * h);
        for row in 0..2 {
            let want = hess[row][axis];
            prop_assert!(
                (want - fd[row]).abs() <= 1e-4 * (1.0 + want.abs().max(fd[row].abs())),
                "{} at {:?}: H[{row}][{axis}] = {want} vs finite difference {}",
                s.kind(),
                p,
                fd[row]
            );
        }
    }
    Ok(())
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
            if s.kind() == "ackley" && x.hypot(y) < 1e-3 {
                continue;
            }
            check(&s, Vec2::new(x, y))?;
            check_hessian(&s, Vec2::new(x, y))?;
        }
    }
}

#[test]
fn ackley_gradient_at_origin_is_zero() {
    let ackley = Surface::with_values("ackley", &[]).unwrap();
    assert_eq!(ackley.gradient(Vec2::zeros()), Vec2::zeros());
}

/// Second-order automatic derivatives (hyper-dual numbers) of a typed expression agree with
/// the hand-written Hessians of the built-in surfaces it spells out.
#[test]
fn hyper_dual_hessians_match_the_built_in_ones() {
    let pairs = [
        (
            Surface::with_values("rosenbrock", &[1.0, 100.0]).unwrap(),
            "(1 - x)^2 + 100*(y - x^2)^2",
        ),
        (
            Surface::with_values("himmelblau", &[]).unwrap(),
            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        ),
        (
            Surface::with_values("beale", &[]).unwrap(),
            "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        ),
    ];
    let mut compared = 0;
    for (built_in, text) in pairs {
        let custom = Surface::Custom(Expr::parse(text).unwrap());
        for (x, y) in [(-1.3, 0.7), (0.2, -2.1), (2.5, 1.5), (3.0, 0.5)] {
            let p = Vec2::new(x, y);
            let (a, b) = (built_in.hessian(p).unwrap(), custom.hessian(p).unwrap());
            for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                assert!(
                    (a[r][c] - b[r][c]).abs() <= 1e-9 * (1.0 + a[r][c].abs()),
                    "{}: H[{r}][{c}] at {p:?}: {} vs {}",
                    built_in.kind(),
                    a[r][c],
                    b[r][c]
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 48);
}

/// The minibatch gradients the line fit's overlay draws average to the full-batch gradient
/// (equal batches), and spread less as the batch grows.
#[test]
fn minibatch_gradients_average_to_the_full_one_and_narrow_with_size() {
    let train: Vec<[f64; 2]> = (0..24)
        .map(|i| {
            let x = -2.0 + 4.0 * f64::from(i) / 23.0;
            [x, 1.5 * x - 0.5 + if i % 3 == 0 { 0.8 } else { -0.4 }]
        })
        .collect();
    let data = Linreg {
        train,
        val: vec![[0.0, 0.0]],
        batch_size: 24,
    };
    let p = Vec2::new(-1.0, 2.0);
    let full = Surface::Linreg(data.clone()).gradient(p);
    let spread = |size: usize| {
        let gs = data.minibatch_gradients(p, size);
        assert_eq!(gs.len(), 24 / size);
        let mean = gs.iter().fold(Vec2::zeros(), |a, g| a + g) / gs.len() as f64;
        assert!(
            (mean - full).norm() < 1e-12,
            "size {size}: {mean:?} vs {full:?}"
        );
        gs.iter().map(|g| (g - full).norm()).sum::<f64>() / gs.len() as f64
    };
    let (s2, s6, s24) = (spread(2), spread(6), spread(24));
    assert!(s2 > s6 && s6 > s24, "{s2} {s6} {s24}");
    assert!(s24 < 1e-12);
}
