//! Beale's function.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²; minimum at (3, 0.5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beale;

impl SurfaceFn for Beale {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "beale",
        tip_key: "surface-beale",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        let t1 = 1.5 - x + x * y;
        let t2 = 2.25 - x + x * y * y;
        let t3 = 2.625 - x + x * y * y * y;
        t1 * t1 + t2 * t2 + t3 * t3
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        let (y2, y3) = (y * y, y * y * y);
        let t1 = 1.5 - x + x * y;
        let t2 = 2.25 - x + x * y2;
        let t3 = 2.625 - x + x * y3;
        Vec2::new(
            2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0)),
            2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2),
        )
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        // f = Σ tᵢ² with tᵢ = cᵢ − x + x·yⁱ: H = 2 Σ (∇tᵢ∇tᵢᵀ + tᵢ∇²tᵢ).
        let (x, y) = (p.x, p.y);
        let mut h = [[0.0; 2]; 2];
        for (i, c) in [(1, 1.5), (2, 2.25), (3, 2.625)] {
            let yi = y.powi(i);
            let t = c - x + x * yi;
            let tx = yi - 1.0;
            let ty = f64::from(i) * x * y.powi(i - 1);
            let txy = f64::from(i) * y.powi(i - 1);
            let tyy = f64::from(i * (i - 1)) * x * y.powi(i - 2);
            h[0][0] += 2.0 * tx * tx;
            h[0][1] += 2.0 * (tx * ty + t * txy);
            h[1][1] += 2.0 * (ty * ty + t * tyy);
        }
        h[1][0] = h[0][1];
        Some(h)
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::new(3.0, 0.5)]
    }

    fn default_view(&self) -> View {
        View::square(4.5)
    }

    fn prefers_log_colors(&self) -> bool {
        true
    }
}

impl Parametric for Beale {
    fn from_values(_: &[f64]) -> Self {
        Beale
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
