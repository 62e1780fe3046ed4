//! `linreg`: fitting a line to points, θ = (w, b). Its data are given in the file or
//! drawn from the scenario's seed.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::{DataSurface, SurfaceFn, SurfaceInfo, View};
use crate::core::Vec2;
use crate::core::scenario::{
    MAX_POINTS, Problem, RawSurface, ScenarioError, SurfaceSpec, check, finite, finite_pair, only_fields,
};

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

    /// The gradient of each minibatch of `size` consecutive training points at `p` (the
    /// last one may be smaller): the spread a minibatch step draws from. With equal batches
    /// their mean is the full-batch gradient.
    pub fn minibatch_gradients(&self, p: Vec2, size: usize) -> Vec<Vec2> {
        let order: Vec<usize> = (0..self.train.len()).collect();
        order
            .chunks(size.max(1))
            .map(|b| self.batch_gradient(p, b))
            .collect()
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

impl SurfaceFn for Linreg {
    const INFO: SurfaceInfo = SurfaceInfo {
        id: "linreg",
        tip_key: "surface-linreg",
        params: &[],
        data_fields: &[
            "train", "val", "batch_size", "n_train", "n_val", "w_true", "b_true", "x_mean",
            "x_std", "noise",
        ],
        required: &[],
        syntax: "or explicit data: train=[[ξ,η],…] val=[[ξ,η],…] batch_size",
        axes: ["w", "b"],
    };

    // Kept out of line: inlined, its loop would make `Surface::value` too big to inline
    // into the hot loops of the parametric surfaces.
    #[inline(never)]
    fn value(&self, p: Vec2) -> f64 {
        Linreg::mse(&self.train, p)
    }

    #[inline(never)]
    fn gradient(&self, p: Vec2) -> Vec2 {
        Linreg::mse_gradient(self.train.iter(), p)
    }

    /// The mean squared error is quadratic in (w, b): H = (2/n)·Σ [ξ², ξ; ξ, 1].
    fn hessian(&self, _: Vec2) -> Option<[[f64; 2]; 2]> {
        let n = self.train.len() as f64;
        let (sxx, sx) = self
            .train
            .iter()
            .fold((0.0, 0.0), |(a, b), [xi, _]| (a + xi * xi, b + xi));
        let k = 2.0 / n;
        Some([[k * sxx, k * sx], [k * sx, k * n]])
    }

    fn max_curvature(&self) -> Option<f64> {
        self.hessian(Vec2::zeros()).map(super::lambda_max)
    }

    #[inline(never)]
    fn val_value(&self, p: Vec2, _shift: Vec2) -> f64 {
        Linreg::mse(&self.val, p)
    }

    fn minima(&self) -> Vec<Vec2> {
        self.least_squares().into_iter().collect()
    }

    fn default_view(&self) -> View {
        let c = self.least_squares().unwrap_or_else(Vec2::zeros);
        View {
            x: [c.x - 3.0, c.x + 3.0],
            y: [c.y - 3.0, c.y + 3.0],
        }
    }
}

impl DataSurface for Linreg {
    fn parse(raw: &RawSurface) -> Result<SurfaceSpec, ScenarioError> {
        parse_linreg(raw)
    }

    fn write_raw(&self, r: &mut RawSurface) {
        r.train = Some(self.train.clone());
        r.val = Some(self.val.clone());
        r.batch_size = Some(self.batch_size as u64);
    }
}

/// Where `linreg` data comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinregGen {
    /// Training points.
    pub n_train: u64,
    /// Validation points.
    pub n_val: u64,
    /// Slope of the true line.
    pub w_true: f64,
    /// Intercept of the true line.
    pub b_true: f64,
    /// Mean of ξ.
    pub x_mean: f64,
    /// Standard deviation of ξ.
    pub x_std: f64,
    /// Standard deviation of the noise added to η.
    pub noise: f64,
}

impl Default for LinregGen {
    fn default() -> Self {
        Self {
            n_train: 32,
            n_val: 32,
            w_true: 2.0,
            b_true: -1.0,
            x_mean: 0.0,
            x_std: 1.0,
            noise: 0.5,
        }
    }
}

impl LinregGen {
    /// Draws the training and validation points from `seed`.
    pub fn generate(&self, seed: u64, batch_size: usize) -> Linreg {
        // Stream 1 of the seed: independent of the gradient noise (stream 0).
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(1);
        let mut draw = |n: u64| -> Vec<[f64; 2]> {
            (0..n)
                .map(|_| {
                    let z: f64 = rng.sample(StandardNormal);
                    let e: f64 = rng.sample(StandardNormal);
                    let xi = self.x_mean + self.x_std * z;
                    [xi, self.w_true * xi + self.b_true + self.noise * e]
                })
                .collect()
        };
        let train = draw(self.n_train);
        let val = draw(self.n_val);
        Linreg {
            train,
            val,
            batch_size,
        }
    }

    /// Writes the generator's settings and batch size into a file's object.
    pub fn write_raw(&self, batch_size: usize, r: &mut RawSurface) {
        r.n_train = Some(self.n_train);
        r.n_val = Some(self.n_val);
        r.w_true = Some(self.w_true);
        r.b_true = Some(self.b_true);
        r.x_mean = Some(self.x_mean);
        r.x_std = Some(self.x_std);
        r.noise = Some(self.noise);
        r.batch_size = Some(batch_size as u64);
    }
}

fn parse_linreg(r: &RawSurface) -> Result<SurfaceSpec, ScenarioError> {
    let present = r.present_fields();
    let batch_size = r.batch_size.unwrap_or(8);
    if batch_size < 1 {
        return Err(ScenarioError::new(
            "surface.batch_size",
            Problem::new("at-least").arg("min", 1),
        ));
    }
    let batch_size = usize::try_from(batch_size).unwrap_or(usize::MAX);
    if r.train.is_some() || r.val.is_some() {
        only_fields(
            "surface",
            "linreg with explicit data",
            &present,
            &["train", "val", "batch_size"],
        )?;
        let points =
            |name: &str, v: &Option<Vec<[f64; 2]>>| -> Result<Vec<[f64; 2]>, ScenarioError> {
                let field = format!("surface.{name}");
                let Some(v) = v else {
                    return Err(ScenarioError::new(
                        field,
                        Problem::new("data-required"),
                    ));
                };
                if v.is_empty() {
                    return Err(ScenarioError::new(field, Problem::new("not-empty")));
                }
                for (i, p) in v.iter().enumerate() {
                    finite_pair(&format!("{field}[{i}]"), *p)?;
                }
                Ok(v.clone())
            };
        let train = points("train", &r.train)?;
        let val = points("val", &r.val)?;
        return Ok(SurfaceSpec::Fixed(super::Surface::Linreg(Linreg {
            train,
            val,
            batch_size,
        })));
    }
    only_fields(
        "surface",
        "generated linreg",
        &present,
        &[
            "batch_size",
            "n_train",
            "n_val",
            "w_true",
            "b_true",
            "x_mean",
            "x_std",
            "noise",
        ],
    )?;
    let d = LinregGen::default();
    let count = |name: &str, v: Option<u64>, default: u64| -> Result<u64, ScenarioError> {
        let n = v.unwrap_or(default);
        if !(1..=MAX_POINTS).contains(&n) {
            return Err(ScenarioError::new(
                format!("surface.{name}"),
                Problem::new("count-range")
                    .arg("max", MAX_POINTS)
                    .arg("got", n),
            ));
        }
        Ok(n)
    };
    let num = |name: &str, v: Option<f64>, default: f64| {
        finite(&format!("surface.{name}"), v.unwrap_or(default))
    };
    let gen_ = LinregGen {
        n_train: count("n_train", r.n_train, d.n_train)?,
        n_val: count("n_val", r.n_val, d.n_val)?,
        w_true: num("w_true", r.w_true, d.w_true)?,
        b_true: num("b_true", r.b_true, d.b_true)?,
        x_mean: num("x_mean", r.x_mean, d.x_mean)?,
        x_std: num("x_std", r.x_std, d.x_std)?,
        noise: num("noise", r.noise, d.noise)?,
    };
    check("surface.x_std", gen_.x_std, gen_.x_std >= 0.0, "non-negative")?;
    check("surface.noise", gen_.noise, gen_.noise >= 0.0, "non-negative")?;
    Ok(SurfaceSpec::GeneratedLinreg { gen_, batch_size })
}

