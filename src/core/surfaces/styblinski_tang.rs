//! The Styblinski–Tang function in two dimensions.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// ½·Σ (t⁴ − 16t² + 5t) over t = x, y: a tilted egg crate with four basins, the deepest at
/// x = y ≈ −2.903534 (f ≈ −78.332).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyblinskiTang;

/// The root of ∂f/∂t = 2t³ − 16t + 2.5 in the deepest basin (Newton's method to 40
/// digits, rounded).
const T_MIN: f64 = -2.903_534_027_771_177;
/// The root in the shallower basin.
const T_LOCAL: f64 = 2.746_802_770_990_837;
/// The root between them: a maximum along its axis.
const T_MAX: f64 = 0.156_731_256_780_340_1;

impl SurfaceFn for StyblinskiTang {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "styblinski_tang",
        tip_key: "surface-styblinski_tang",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let h = |t: f64| t * t * t * t - 16.0 * t * t + 5.0 * t;
        0.5 * (h(p.x) + h(p.y))
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let d = |t: f64| 2.0 * t * t * t - 16.0 * t + 2.5;
        Vec2::new(d(p.x), d(p.y))
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::new(T_MIN, T_MIN)]
    }

    /// Where one axis sits in a basin and the other on the ridge between basins.
    fn saddle_points(&self) -> Vec<Vec2> {
        [T_MIN, T_LOCAL]
            .into_iter()
            .flat_map(|t| [Vec2::new(t, T_MAX), Vec2::new(T_MAX, t)])
            .collect()
    }

    fn default_view(&self) -> View {
        View::square(5.0)
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        Some([
            [6.0 * p.x * p.x - 16.0, 0.0],
            [0.0, 6.0 * p.y * p.y - 16.0],
        ])
    }
}

impl Parametric for StyblinskiTang {
    fn from_values(_: &[f64]) -> Self {
        StyblinskiTang
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
