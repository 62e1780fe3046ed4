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
