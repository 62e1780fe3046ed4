//! Ackley's function.

use std::f64::consts::{E, PI};

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// A nearly flat plate with a deep hole at the origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ackley;

impl SurfaceFn for Ackley {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "ackley",
        tip_key: "surface-ackley",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        let r = (0.5 * (x * x + y * y)).sqrt();
        -20.0 * (-0.2 * r).exp() - (0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos())).exp()
            + E
            + 20.0
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        let r = (0.5 * (x * x + y * y)).sqrt();
        if r == 0.0 {
            // SPEC §1: the gradient at exactly the origin is taken as zero.
            return Vec2::zeros();
        }
        let k = 2.0 * (-0.2 * r).exp() / r;
        let c = (0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos())).exp();
        Vec2::new(
            k * x + PI * (2.0 * PI * x).sin() * c,
            k * y + PI * (2.0 * PI * y).sin() * c,
        )
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        let (x, y) = (p.x, p.y);
        let r = (0.5 * (x * x + y * y)).sqrt();
        if r == 0.0 {
            // The cone's tip: no second derivative there.
            return None;
        }
        // −20·exp(−0.2r): g″(r)·∇r∇rᵀ + g′(r)·∇²r, with ∇r = (x, y)/(2r).
        let e = (-0.2 * r).exp();
        let (g1, g2) = (4.0 * e, -0.8 * e);
        let (rx, ry) = (x / (2.0 * r), y / (2.0 * r));
        let r3 = 4.0 * r * r * r;
        let (rxx, rxy, ryy) = (1.0 / (2.0 * r) - x * x / r3, -x * y / r3, 1.0 / (2.0 * r) - y * y / r3);
        // −exp(c), c = (cos 2πx + cos 2πy)/2: −e^c·(∇c∇cᵀ + ∇²c).
        let (tx, ty) = (2.0 * PI * x, 2.0 * PI * y);
        let ec = (0.5 * (tx.cos() + ty.cos())).exp();
        let (cx, cy) = (-PI * tx.sin(), -PI * ty.sin());
        let (cxx, cyy) = (-2.0 * PI * PI * tx.cos(), -2.0 * PI * PI * ty.cos());
        let hxx = g2 * rx * rx + g1 * rxx - ec * (cx * cx + cxx);
        let hxy = g2 * rx * ry + g1 * rxy - ec * cx * cy;
        let hyy = g2 * ry * ry + g1 * ryy - ec * (cy * cy + cyy);
        Some([[hxx, hxy], [hxy, hyy]])
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::zeros()]
    }

    fn default_view(&self) -> View {
        View::square(5.0)
    }
}

impl Parametric for Ackley {
    fn from_values(_: &[f64]) -> Self {
        Ackley
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
