//! A saddle between two minima.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// x² + ¼y⁴ − ½y²: minima at (0, ±1), a saddle at the origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Saddle;

impl SurfaceFn for Saddle {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "saddle",
        tip_key: "surface-saddle",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        x * x + 0.25 * y.powi(4) - 0.5 * y * y
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        Vec2::new(2.0 * x, y * y * y - y)
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::new(0.0, 1.0), Vec2::new(0.0, -1.0)]
    }

    fn saddle_points(&self) -> Vec<Vec2> {
        vec![Vec2::zeros()]
    }

    fn default_view(&self) -> View {
        View::square(2.0)
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        Some([[2.0, 0.0], [0.0, 3.0 * p.y * p.y - 1.0]])
    }
}

impl Parametric for Saddle {
    fn from_values(_: &[f64]) -> Self {
        Saddle
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
