//! Rastrigin's function.

use std::f64::consts::PI;

use super::{Parametric, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;
use crate::core::param::{ParamSpec, Slider, Valid};

/// 2a + Σ (t² − a·cos 2πt): a bowl covered in local minima.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rastrigin {
    /// Height of the ripples.
    pub a: f64,
}

impl SurfaceFn for Rastrigin {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "rastrigin",
        tip_key: "surface-rastrigin",
        params: &[ParamSpec::number(
            "a",
            "a",
            10.0,
            Valid::Finite,
            Slider::Linear(0.0, 20.0),
            ["rastrigin-a", "rastrigin-a-tip"],
        )],
        data_fields: &[],
        required: &[],
        syntax: "",
        axes: ["x", "y"],
    };

    #[inline(always)]
    fn value(&self, p: Vec2) -> f64 {
        let (x, y, a) = (p.x, p.y, self.a);
        2.0 * a + x * x - a * (2.0 * PI * x).cos() + y * y - a * (2.0 * PI * y).cos()
    }

    #[inline(always)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y, a) = (p.x, p.y, self.a);
        Vec2::new(
            2.0 * x + 2.0 * PI * a * (2.0 * PI * x).sin(),
            2.0 * y + 2.0 * PI * a * (2.0 * PI * y).sin(),
        )
    }

    fn minima(&self) -> Vec<Vec2> {
        vec![Vec2::zeros()]
    }

    fn default_view(&self) -> View {
        View::square(5.12)
    }

    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        let k = 4.0 * PI * PI * self.a;
        Some([
            [2.0 + k * (2.0 * PI * p.x).cos(), 0.0],
            [0.0, 2.0 + k * (2.0 * PI * p.y).cos()],
        ])
    }
}

impl Parametric for Rastrigin {
    fn from_values(v: &[f64]) -> Self {
        Self { a: v[0] }
    }

    fn values(&self) -> Vec<f64> {
        vec![self.a]
    }
}
