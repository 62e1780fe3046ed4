//! `custom`: a user-typed expression f(x, y), differentiated exactly.

use super::{DataSurface, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;
use crate::core::expr::Expr;
use crate::core::scenario::{Problem, RawSurface, ScenarioError, SurfaceSpec, only_fields};

/// The expression is the surface.
pub type Custom = Expr;

impl SurfaceFn for Expr {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "custom",
        tip_key: "surface-custom",
        params: &[],
        data_fields: &["expr"],
        required: &[("expr", "\"x^2 + 10*y^2\"")],
        syntax: "any f(x, y) with + - * / ^ ( ), sin cos tan exp ln log sqrt abs tanh, pi, e",
        axes: ["x", "y"],
    };

    // Kept out of line: inlined, its loop would make `Surface::value` too big to inline
    // into the hot loops of the parametric surfaces.
    #[inline(never)]
    fn value(&self, p: Vec2) -> f64 {
        Expr::value(self, p.x, p.y)
    }

    #[inline(never)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        let d = self.eval(p.x, p.y);
        Vec2::new(d.dx, d.dy)
    }

    /// Second-order automatic derivatives of the expression (hyper-dual numbers).
    fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
        Some(self.eval2(p.x, p.y).hessian())
    }

    fn minima(&self) -> Vec<Vec2> {
        Vec::new()
    }

    fn default_view(&self) -> View {
        View::square(3.0)
    }
}

impl DataSurface for Expr {
    fn parse(r: &RawSurface) -> Result<SurfaceSpec, ScenarioError> {
        only_fields("surface", &r.kind, &r.present_fields(), &["expr"])?;
        let Some(src) = &r.expr else {
            return Err(ScenarioError::new(
                "surface.expr",
                Problem::new("expr-required"),
            ));
        };
        let e = Expr::parse(src).map_err(|e| ScenarioError::new("surface.expr", e.to_problem()))?;
        Ok(SurfaceSpec::Fixed(super::Surface::Custom(e)))
    }

    fn write_raw(&self, r: &mut RawSurface) {
        r.expr = Some(self.source().to_string());
    }
}
