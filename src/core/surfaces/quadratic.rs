//! A rotated quadratic bowl.

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Shown, Slider, Valid};

/// ½(λ1·u² + λ2·v²) in coordinates rotated by `angle_deg`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quadratic {
    /// Curvature along u.
    pub lambda1: f64,
    /// Curvature along v.
    pub lambda2: f64,
    /// Rotation of the axes, in degrees.
    pub angle_deg: f64,
}

impl SurfaceFn for Quadratic {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "quadratic",
        tip_key: "surface-quadratic",
        params: &[
            ParamSpec::number(
                "lambda1",
                "λ1",
                1.0,
                Valid::Finite,
                Slider::Log(1e-2, 1e3),
                ["quad-lambda1", "quad-lambda1-tip"],
            ),
            ParamSpec::number(
                "lambda2",
                "λ2",
                20.0,
                Valid::Finite,
                Slider::Log(1e-2, 1e3),
                ["quad-lambda2", "quad-lambda2-tip"],
            ),
            ParamSpec::number(
                "angle_deg",
                "φ",
                0.0,
                Valid::Finite,
                Slider::Linear(-90.0, 90.0),
                ["quad-angle", "quad-angle-tip"],
            )
            .with_unit("°")
            .with_shown(Shown::NonZero),
        ],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        let u = x * c + y * s;
        let v = -x * s + y * c;
        0.5 * (self.lambda1 * u * u + self.lambda2 * v * v)
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        let u = x * c + y * s;
        let v = -x * s + y * c;
        Vec2::new(
            self.lambda1 * u * c - self.lambda2 * v * s,
            self.lambda1 * u * s + self.lambda2 * v * c,
        )
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::zeros()]
    }

    fn default_view(&self) -> View {
        View {
            x: [-4.0, 4.0],
            y: [-3.0, 3.0],
        }
    }

    fn prefers_log_colors(&self) -> bool {
        true
    }

    fn hessian(&self, _: Vec2) -> Option<[[f64; 2]; 2]> {
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        let (l1, l2) = (self.lambda1, self.lambda2);
        let xy = (l1 - l2) * s * c;
        Some([[l1 * c * c + l2 * s * s, xy], [xy, l1 * s * s + l2 * c * c]])
    }

    fn max_curvature(&self) -> Option<f64> {
        Some(self.lambda1.max(self.lambda2))
    }
}

impl Parametric for Quadratic {
    fn from_values(v: &[f64]) -> Self {
        Self {
            lambda1: v[0],
            lambda2: v[1],
            angle_deg: v[2],
        }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.lambda1, self.lambda2, self.angle_deg]
    }
}
