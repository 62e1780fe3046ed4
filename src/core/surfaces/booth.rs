//! Booth's function.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// (x + 2y − 7)² + (2x + y − 5)²: a tilted, elongated bowl with its minimum at (1, 3).
///
/// A quadratic: its Hessian is [[10, 8], [8, 10]] everywhere, with eigenvalues 18 and 2,
/// so plain gradient descent diverges above α = 2/18.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Booth;

impl SurfaceFn for Booth {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "booth",
        tip_key: "surface-booth",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let a = p.x + 2.0 * p.y - 7.0;
        let b = 2.0 * p.x + p.y - 5.0;
        a * a + b * b
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let a = p.x + 2.0 * p.y - 7.0;
        let b = 2.0 * p.x + p.y - 5.0;
        Vec2::new(2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b)
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::new(1.0, 3.0)]
    }

    fn default_view(&self) -> View {
        View::square(10.0)
    }

    fn prefers_log_colors(&self) -> bool {
        true
    }

    fn hessian(&self, _: Vec2) -> Option<[[f64; 2]; 2]> {
        Some([[10.0, 8.0], [8.0, 10.0]])
    }

    fn max_curvature(&self) -> Option<f64> {
        Some(18.0)
    }
}

impl Parametric for Booth {
    fn from_values(_: &[f64]) -> Self {
        Booth
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
