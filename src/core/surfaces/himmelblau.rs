//! Himmelblau's function.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;

/// (x² + y − 11)² + (x + y² − 7)²: four minima of equal depth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Himmelblau;

impl SurfaceFn for Himmelblau {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "himmelblau",
        tip_key: "surface-himmelblau",
        params: &[],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        a * a + b * b
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        Vec2::new(4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b)
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![
            Vec2::new(3.0, 2.0),
            Vec2::new(-2.805_118_086_952_745, 3.131_312_518_250_573),
            Vec2::new(-3.779_310_253_377_747, -3.283_185_991_286_17),
            Vec2::new(3.584_428_340_330_492, -1.848_126_526_964_404),
        ]
    }

    fn default_view(&self) -> View {
        View::square(5.0)
    }

    fn prefers_log_colors(&self) -> bool {
        true
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        let (x, y) = (p.x, p.y);
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        let xy = 4.0 * (x + y);
        Some([
            [4.0 * a + 8.0 * x * x + 2.0, xy],
            [xy, 2.0 + 4.0 * b + 8.0 * y * y],
        ])
    }
}

impl Parametric for Himmelblau {
    fn from_values(_: &[f64]) -> Self {
        Himmelblau
    }

    fn values(&self) -> Vec<f64> {
        Vec::new()
    }
}
