//! The loss surfaces of SPEC §1, with exact gradients.

use std::f64::consts::{E, PI};

use serde::Serialize;

use super::Vec2;
use super::expr::Expr;

/// A rectangle of the plane: what the app shows and `render` draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct View {
    /// [xmin, xmax]
    pub x: [f64; 2],
    /// [ymin, ymax]
    pub y: [f64; 2],
}

impl View {
    /// Width and height.
    pub fn size(&self) -> Vec2 {
        Vec2::new(self.x[1] - self.x[0], self.y[1] - self.y[0])
    }

    /// Whether `p` lies inside (borders included).
    pub fn contains(&self, p: Vec2) -> bool {
        p.x >= self.x[0] && p.x <= self.x[1] && p.y >= self.y[0] && p.y <= self.y[1]
    }

    /// The smallest view holding this one and `p`, with a margin of 10 % around `p`.
    pub fn including(&self, p: Vec2) -> View {
        if !p.x.is_finite() || !p.y.is_finite() || self.contains(p) {
            return *self;
        }
        let s = self.size();
        let (mx, my) = (0.1 * s.x, 0.1 * s.y);
        View {
            x: [self.x[0].min(p.x - mx), self.x[1].max(p.x + mx)],
            y: [self.y[0].min(p.y - my), self.y[1].max(p.y + my)],
        }
    }
}

/// Training and validation points of `linreg`, and its batch size.
#[derive(Debug, Clone, PartialEq)]
pub struct Linreg {
    /// Training points (ξ, η).
    pub train: Vec<[f64; 2]>,
    /// Validation points (ξ, η).
    pub val: Vec<[f64; 2]>,
    /// Minibatch size; ≥ the number of training points means full batch.
    pub batch_size: usize,
}

impl Linreg {
    /// Mean squared error of the line y = w·ξ + b over `points`.
    pub fn mse(points: &[[f64; 2]], p: Vec2) -> f64 {
        let sum: f64 = points
            .iter()
            .map(|[xi, eta]| {
                let r = p.x * xi + p.y - eta;
                r * r
            })
            .sum();
        sum / points.len() as f64
    }

    /// Gradient of the mean squared error over the training points at `indices`.
    pub fn batch_gradient(&self, p: Vec2, indices: &[usize]) -> Vec2 {
        Self::mse_gradient(indices.iter().map(|&i| &self.train[i]), p)
    }

    /// Gradient of the mean squared error over `points`.
    fn mse_gradient<'a>(points: impl ExactSizeIterator<Item = &'a [f64; 2]>, p: Vec2) -> Vec2 {
        let n = points.len() as f64;
        let mut g = Vec2::zeros();
        for [xi, eta] in points {
            let r = 2.0 * (p.x * xi + p.y - eta);
            g.x += r * xi;
            g.y += r;
        }
        g / n
    }

    /// Steps per epoch: ⌈n / batch_size⌉.
    pub fn batches_per_epoch(&self) -> usize {
        self.train
            .len()
            .div_ceil(self.batch_size.min(self.train.len()).max(1))
    }

    /// The least-squares line (w, b), where it is unique.
    pub fn least_squares(&self) -> Option<Vec2> {
        let n = self.train.len() as f64;
        let (sx, sy) = self
            .train
            .iter()
            .fold((0.0, 0.0), |(a, b), [x, y]| (a + x, b + y));
        let (mx, my) = (sx / n, sy / n);
        let (sxx, sxy) = self.train.iter().fold((0.0, 0.0), |(a, b), [x, y]| {
            (a + (x - mx) * (x - mx), b + (x - mx) * (y - my))
        });
        if sxx <= 0.0 || !sxx.is_finite() {
            return None;
        }
        let w = sxy / sxx;
        Some(Vec2::new(w, my - w * mx))
    }
}

/// The names of the surface kinds, as in scenario files.
pub const SURFACE_KINDS: [&str; 9] = [
    "quadratic",
    "rosenbrock",
    "beale",
    "himmelblau",
    "rastrigin",
    "ackley",
    "saddle",
    "linreg",
    "custom",
];

/// A loss surface f(x, y).
#[derive(Debug, Clone, PartialEq)]
pub enum Surface {
    /// ½(λ1·u² + λ2·v²) in coordinates rotated by `angle_deg`.
    Quadratic {
        /// Curvature along u.
        lambda1: f64,
        /// Curvature along v.
        lambda2: f64,
        /// Rotation of the axes, in degrees.
        angle_deg: f64,
    },
    /// (a − x)² + b·(y − x²)².
    Rosenbrock {
        /// Minimum at (a, a²).
        a: f64,
        /// Steepness of the valley walls.
        b: f64,
    },
    /// Beale's function, minimum at (3, 0.5).
    Beale,
    /// Himmelblau's function, four minima.
    Himmelblau,
    /// Rastrigin's function: a bowl covered in local minima.
    Rastrigin {
        /// Height of the ripples.
        a: f64,
    },
    /// Ackley's function: a nearly flat plate with a deep hole at the origin.
    Ackley,
    /// x² + ¼y⁴ − ½y²: minima at (0, ±1), a saddle at the origin.
    Saddle,
    /// Fit of a line to points: θ = (w, b).
    Linreg(Linreg),
    /// A user-typed expression.
    Custom(Expr),
}

impl Surface {
    /// The kind's name, as in scenario files.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Quadratic { .. } => "quadratic",
            Self::Rosenbrock { .. } => "rosenbrock",
            Self::Beale => "beale",
            Self::Himmelblau => "himmelblau",
            Self::Rastrigin { .. } => "rastrigin",
            Self::Ackley => "ackley",
            Self::Saddle => "saddle",
            Self::Linreg(_) => "linreg",
            Self::Custom(_) => "custom",
        }
    }

    /// f(θ); for `linreg` the training loss over all training points.
    ///
    /// Always inlined: `Grid::evaluate` calls it with a constant variant, and only once
    /// inlined does the match fold away so the heatmap's row loop vectorises (as a call
    /// it was a third of a 1024² heatmap).
    #[inline(always)]
    pub fn value(&self, p: Vec2) -> f64 {
        let (x, y) = (p.x, p.y);
        match self {
            Self::Quadratic {
                lambda1,
                lambda2,
                angle_deg,
            } => {
                let (s, c) = angle_deg.to_radians().sin_cos();
                let u = x * c + y * s;
                let v = -x * s + y * c;
                0.5 * (lambda1 * u * u + lambda2 * v * v)
            }
            Self::Rosenbrock { a, b } => {
                let d = y - x * x;
                (a - x) * (a - x) + b * d * d
            }
            Self::Beale => {
                let t1 = 1.5 - x + x * y;
                let t2 = 2.25 - x + x * y * y;
                let t3 = 2.625 - x + x * y * y * y;
                t1 * t1 + t2 * t2 + t3 * t3
            }
            Self::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                a * a + b * b
            }
            Self::Rastrigin { a } => {
                2.0 * a + x * x - a * (2.0 * PI * x).cos() + y * y - a * (2.0 * PI * y).cos()
            }
            Self::Ackley => {
                let r = (0.5 * (x * x + y * y)).sqrt();
                -20.0 * (-0.2 * r).exp()
                    - (0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos())).exp()
                    + E
                    + 20.0
            }
            Self::Saddle => x * x + 0.25 * y.powi(4) - 0.5 * y * y,
            Self::Linreg(l) => Linreg::mse(&l.train, p),
            Self::Custom(e) => e.value(x, y),
        }
    }

    /// ∇f(θ), exact; for `linreg` the full-batch gradient.
    #[inline]
    pub fn gradient(&self, p: Vec2) -> Vec2 {
        let (x, y) = (p.x, p.y);
        match self {
            Self::Quadratic {
                lambda1,
                lambda2,
                angle_deg,
            } => {
                let (s, c) = angle_deg.to_radians().sin_cos();
                let u = x * c + y * s;
                let v = -x * s + y * c;
                Vec2::new(
                    lambda1 * u * c - lambda2 * v * s,
                    lambda1 * u * s + lambda2 * v * c,
                )
            }
            Self::Rosenbrock { a, b } => {
                let d = y - x * x;
                Vec2::new(-2.0 * (a - x) - 4.0 * b * x * d, 2.0 * b * d)
            }
            Self::Beale => {
                let (y2, y3) = (y * y, y * y * y);
                let t1 = 1.5 - x + x * y;
                let t2 = 2.25 - x + x * y2;
                let t3 = 2.625 - x + x * y3;
                Vec2::new(
                    2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0)),
                    2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2),
                )
            }
            Self::Himmelblau => {
                let a = x * x + y - 11.0;
                let b = x + y * y - 7.0;
                Vec2::new(4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b)
            }
            Self::Rastrigin { a } => Vec2::new(
                2.0 * x + 2.0 * PI * a * (2.0 * PI * x).sin(),
                2.0 * y + 2.0 * PI * a * (2.0 * PI * y).sin(),
            ),
            Self::Ackley => {
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
            Self::Saddle => Vec2::new(2.0 * x, y * y * y - y),
            Self::Linreg(l) => Linreg::mse_gradient(l.train.iter(), p),
            Self::Custom(e) => {
                let d = e.eval(x, y);
                Vec2::new(d.dx, d.dy)
            }
        }
    }

    /// The validation loss of SPEC §2: f(θ − shift), or the validation MSE for `linreg`.
    pub fn val_value(&self, p: Vec2, shift: Vec2) -> f64 {
        match self {
            Self::Linreg(l) => Linreg::mse(&l.val, p),
            _ => self.value(p - shift),
        }
    }

    /// The known minima (global ones; all four for Himmelblau).
    pub fn minima(&self) -> Vec<Vec2> {
        match self {
            Self::Quadratic { .. } | Self::Rastrigin { .. } | Self::Ackley => vec![Vec2::zeros()],
            Self::Rosenbrock { a, .. } => vec![Vec2::new(*a, a * a)],
            Self::Beale => vec![Vec2::new(3.0, 0.5)],
            Self::Himmelblau => vec![
                Vec2::new(3.0, 2.0),
                Vec2::new(-2.805_118_086_952_745, 3.131_312_518_250_573),
                Vec2::new(-3.779_310_253_377_747, -3.283_185_991_286_17),
                Vec2::new(3.584_428_340_330_492, -1.848_126_526_964_404),
            ],
            Self::Saddle => vec![Vec2::new(0.0, 1.0), Vec2::new(0.0, -1.0)],
            Self::Linreg(l) => l.least_squares().into_iter().collect(),
            Self::Custom(_) => Vec::new(),
        }
    }

    /// Saddle points worth marking.
    pub fn saddle_points(&self) -> Vec<Vec2> {
        match self {
            Self::Saddle => vec![Vec2::zeros()],
            _ => Vec::new(),
        }
    }

    /// The region shown when a scenario names none: it holds the minima.
    pub fn default_view(&self) -> View {
        let sq = |r: f64| View {
            x: [-r, r],
            y: [-r, r],
        };
        match self {
            Self::Quadratic { .. } => View {
                x: [-4.0, 4.0],
                y: [-3.0, 3.0],
            },
            Self::Rosenbrock { a, .. } => {
                let (mx, my) = (*a, a * a);
                View {
                    x: [mx.min(-1.0) - 1.0, mx.max(1.0) + 1.0],
                    y: [my.min(0.0) - 1.0, my.max(1.0) + 2.0],
                }
            }
            Self::Beale => sq(4.5),
            Self::Himmelblau => sq(5.0),
            Self::Rastrigin { .. } => sq(5.12),
            Self::Ackley => sq(5.0),
            Self::Saddle => sq(2.0),
            Self::Linreg(l) => {
                let c = l.least_squares().unwrap_or_else(Vec2::zeros);
                View {
                    x: [c.x - 3.0, c.x + 3.0],
                    y: [c.y - 3.0, c.y + 3.0],
                }
            }
            Self::Custom(_) => sq(3.0),
        }
    }

    /// Whether the colours read better on a log scale: surfaces whose values span decades.
    pub fn prefers_log_colors(&self) -> bool {
        matches!(
            self,
            Self::Rosenbrock { .. } | Self::Beale | Self::Himmelblau | Self::Quadratic { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minima_are_stationary() {
        for s in [
            Surface::Quadratic {
                lambda1: 1.0,
                lambda2: 20.0,
                angle_deg: 30.0,
            },
            Surface::Rosenbrock { a: 1.0, b: 100.0 },
            Surface::Beale,
            Surface::Himmelblau,
            Surface::Rastrigin { a: 10.0 },
            Surface::Ackley,
            Surface::Saddle,
        ] {
            for m in s.minima() {
                assert!(s.gradient(m).norm() < 1e-9, "{} at {m:?}", s.kind());
            }
        }
    }
}
