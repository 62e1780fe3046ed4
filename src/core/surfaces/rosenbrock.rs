//! Rosenbrock's banana valley.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Slider, Valid};

/// (a − x)² + b·(y − x²)².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rosenbrock {
    /// Minimum at (a, a²).
    pub a: f64,
    /// Steepness of the valley walls.
    pub b: f64,
}

impl SurfaceFn for Rosenbrock {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "rosenbrock",
        tip_key: "surface-rosenbrock",
        params: &[
            ParamSpec::number(
                "a",
                "a",
                1.0,
                Valid::Finite,
                Slider::Linear(-3.0, 3.0),
                ["rosen-a", "rosen-a-tip"],
            ),
            ParamSpec::number(
                "b",
                "b",
                100.0,
                Valid::Finite,
                Slider::Log(1e-1, 1e3),
                ["rosen-b", "rosen-b-tip"],
            ),
        ],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y, a, b) = (p.x, p.y, self.a, self.b);
        let d = y - x * x;
        (a - x) * (a - x) + b * d * d
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y, a, b) = (p.x, p.y, self.a, self.b);
        let d = y - x * x;
        Vec2::new(-2.0 * (a - x) - 4.0 * b * x * d, 2.0 * b * d)
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::new(self.a, self.a * self.a)]
    }

    fn default_view(&self) -> View {
        let (mx, my) = (self.a, self.a * self.a);
        View {
            x: [mx.min(-1.0) - 1.0, mx.max(1.0) + 1.0],
            y: [my.min(0.0) - 1.0, my.max(1.0) + 2.0],
        }
    }

    fn prefers_log_colors(&self) -> bool {
        true
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        let (x, y, b) = (p.x, p.y, self.b);
        let xy = -4.0 * b * x;
        Some([
            [2.0 - 4.0 * b * (y - x * x) + 8.0 * b * x * x, xy],
            [xy, 2.0 * b],
        ])
    }
}

impl Parametric for Rosenbrock {
    fn from_values(v: &[f64]) -> Self {
        Self { a: v[0], b: v[1] }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.b]
    }
}
