//! The loss surfaces of SPEC §1, one file each, and the registry that lists them.
//!
//! A surface implements [`SurfaceFn`]: its [`SurfaceInfo`] (id, parameters with their
//! metadata, axes), value, exact gradient, minima, saddle points, default view and,
//! where known, its Hessian. Surfaces made of numbers only are *parametric* and are read
//! from files through their [`ParamSpec`]s; `linreg` and `custom` carry data (points, an
//! expression) and read their own fields. `registry!` turns the lists below into the
//! [`Surface`] enum, whose every method is one static match.

use serde::Serialize;

use super::Vec2;
use super::param::{ParamSpec, read_params, write_params};
use super::scenario::{Problem, RawSurface, ScenarioError, SurfaceSpec, only_fields};

/// A rectangle of the plane: what the app shows and `render` draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct View {
    /// [xmin, xmax]
    pub x: [f64; 2],
    /// [ymin, ymax]
    pub y: [f64; 2],
}

impl View {
    /// The square [−r, r]².
    pub const fn square(r: f64) -> View {
        View {
            x: [-r, r],
            y: [-r, r],
        }
    }

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

/// What the program knows about a surface kind besides its formulas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurfaceInfo {
    /// The kind's name in scenario files.
    pub id: &'static str,
    /// Translation key of its one-line description.
    pub tip_key: &'static str,
    /// Its numeric parameters, in file order (sliders, titles, validation).
    pub params: &'static [ParamSpec],
    /// Fields beyond `params` a file may give (data surfaces).
    pub data_fields: &'static [&'static str],
    /// Fields a file must give, each with an example value as JSON text.
    pub required: &'static [(&'static str, &'static str)],
    /// A note on the fields' syntax for `gradscape surfaces`, or "".
    pub syntax: &'static str,
    /// The names of θ's two components.
    pub axes: [&'static str; 2],
}

/// One surface kind: its metadata, values and derivatives.
pub trait SurfaceFn {
    /// Id, parameters and the rest of the metadata.
    const INFO: SurfaceInfo;

    /// f(θ).
    fn value(&self, p: Vec2) -> f64;

    /// ∇f(θ), exact.
    fn gradient(&self, p: Vec2) -> Vec2;

    /// The validation loss of SPEC §2: f(θ − shift) unless the surface has data of its own.
    #[inline(always)]
    fn val_value(&self, p: Vec2, shift: Vec2) -> f64 {
        self.value(p - shift)
    }

    /// The known minima (the global ones; all of them when several are equally deep).
    fn minima(&self) -> Vec<Vec2>;

    /// Saddle points worth marking.
    fn saddle_points(&self) -> Vec<Vec2> {
        Vec::new()
    }

    /// The region shown when a scenario names none: it holds the minima.
    fn default_view(&self) -> View;

    /// Whether the colours read better on a log scale: surfaces whose values span decades.
    fn prefers_log_colors(&self) -> bool {
        false
    }

    /// The Hessian ∇²f(θ), where the surface knows it in closed form.
    fn hessian(&self, _p: Vec2) -> Option<[[f64; 2]; 2]> {
        None
    }

    /// The largest curvature (Hessian eigenvalue) over the whole plane, for surfaces whose
    /// Hessian is constant: plain gradient descent diverges with a rate above 2/that.
    fn max_curvature(&self) -> Option<f64> {
        None
    }
}

/// A surface of numbers only, read and written through its [`SurfaceInfo::params`].
pub trait Parametric: SurfaceFn + Sized {
    /// The surface with `values` for its parameters, in [`SurfaceInfo::params`] order.
    fn from_values(values: &[f64]) -> Self;

    /// Its parameter values, in [`SurfaceInfo::params`] order.
    fn values(&self) -> Vec<f64>;
}

/// A surface carrying data; it reads and writes its own file fields.
pub trait DataSurface: SurfaceFn {
    /// The validated surface from a file's object (its kind already matched).
    fn parse(raw: &RawSurface) -> Result<SurfaceSpec, ScenarioError>;

    /// Its fields, as a file holds them.
    fn write_raw(&self, raw: &mut RawSurface);
}

/// Something that samples a value function: [`Surface::sample_with`] hands it the
/// surface's own `value`, so a grid's inner loop is one known formula, not a match per
/// cell.
pub trait Sampler {
    /// What sampling yields.
    type Out;
    /// Samples `f`.
    fn sample<F: Fn(Vec2) -> f64 + Sync>(self, f: F) -> Self::Out;
}

/// Something that runs on a parametric surface's own functions: [`Surface::with_parametric`]
/// hands it a copy of the surface resolved to its kind, so a batched inner loop inlines
/// one known formula instead of matching on the kind per evaluation.
pub trait WithParametric {
    /// What the run yields.
    type Out;
    /// Runs with surface `f`.
    fn run<F: SurfaceFn + Copy + Send + Sync>(self, f: F) -> Self::Out;
}

/// Reads a parametric surface `T` from a file's object.
fn parse_parametric<T: Parametric>(raw: &RawSurface) -> Result<T, ScenarioError> {
    let names: Vec<&str> = T::INFO.params.iter().map(|p| p.name).collect();
    only_fields("surface", &raw.kind, &raw.present_fields(), &names)?;
    let values = read_params(T::INFO.params, &raw.params)
        .map_err(|(field, problem)| ScenarioError::new(format!("surface.{field}"), problem))?;
    Ok(T::from_values(&values))
}

/// Declares the surface modules and generates [`Surface`] with static dispatch.
macro_rules! registry {
    (
        parametric { $($pv:ident => $pm:ident :: $pt:ident),* $(,)? }
        data { $($dv:ident => $dm:ident :: $dt:ident),* $(,)? }
    ) => {
        $(pub mod $pm;)*
        $(pub mod $dm;)*
        $(pub use $pm::$pt;)*
        $(pub use $dm::$dt;)*

        /// A loss surface f(x, y).
        #[derive(Debug, Clone, PartialEq)]
        pub enum Surface {
            $(
                #[doc = concat!("See [`", stringify!($pm), "::", stringify!($pt), "`].")]
                $pv($pm::$pt),
            )*
            $(
                #[doc = concat!("See [`", stringify!($dm), "::", stringify!($dt), "`].")]
                $dv($dm::$dt),
            )*
        }

        /// Every kind's metadata, in menu order.
        pub const SURFACES: &[&SurfaceInfo] = &[
            $(&<$pm::$pt as SurfaceFn>::INFO,)*
            $(&<$dm::$dt as SurfaceFn>::INFO,)*
        ];

        /// The names of the surface kinds, as in scenario files.
        pub const SURFACE_KINDS: &[&str] = &[
            $(<$pm::$pt as SurfaceFn>::INFO.id,)*
            $(<$dm::$dt as SurfaceFn>::INFO.id,)*
        ];

        impl Surface {
            /// The kind's metadata.
            pub fn info(&self) -> &'static SurfaceInfo {
                match self {
                    $(Self::$pv(_) => &<$pm::$pt as SurfaceFn>::INFO,)*
                    $(Self::$dv(_) => &<$dm::$dt as SurfaceFn>::INFO,)*
                }
            }

            /// The parameter values of a parametric surface (empty for data surfaces).
            pub fn values(&self) -> Vec<f64> {
                match self {
                    $(Self::$pv(s) => s.values(),)*
                    $(Self::$dv(_) => Vec::new(),)*
                }
            }

            /// The parametric surface `id` with `values` for its parameters.
            pub fn with_values(id: &str, values: &[f64]) -> Option<Surface> {
                $(
                    if id == <$pm::$pt as SurfaceFn>::INFO.id {
                        return Some(Self::$pv(<$pm::$pt as Parametric>::from_values(values)));
                    }
                )*
                None
            }

            /// Validates a file's surface object.
            pub fn parse(raw: &RawSurface) -> Result<SurfaceSpec, ScenarioError> {
                $(
                    if raw.kind == <$pm::$pt as SurfaceFn>::INFO.id {
                        return parse_parametric::<$pm::$pt>(raw)
                            .map(|s| SurfaceSpec::Fixed(Self::$pv(s)));
                    }
                )*
                $(
                    if raw.kind == <$dm::$dt as SurfaceFn>::INFO.id {
                        return <$dm::$dt as DataSurface>::parse(raw);
                    }
                )*
                Err(ScenarioError::new(
                    "surface.kind",
                    Problem::new("unknown-kind")
                        .arg("kind", &raw.kind)
                        .arg("known", SURFACE_KINDS.join(", ")),
                ))
            }

            /// Its fields, as a file holds them.
            pub fn write_raw(&self, raw: &mut RawSurface) {
                match self {
                    $(Self::$pv(s) => raw.params = write_params(
                        <$pm::$pt as SurfaceFn>::INFO.params,
                        &s.values(),
                    ),)*
                    $(Self::$dv(s) => DataSurface::write_raw(s, raw),)*
                }
            }

            /// f(θ); for `linreg` the training loss over all training points.
            #[inline(always)]
            pub fn value(&self, p: Vec2) -> f64 {
                match self {
                    $(Self::$pv(s) => SurfaceFn::value(s, p),)*
                    $(Self::$dv(s) => SurfaceFn::value(s, p),)*
                }
            }

            /// ∇f(θ), exact; for `linreg` the full-batch gradient.
            #[inline]
            pub fn gradient(&self, p: Vec2) -> Vec2 {
                match self {
                    $(Self::$pv(s) => SurfaceFn::gradient(s, p),)*
                    $(Self::$dv(s) => SurfaceFn::gradient(s, p),)*
                }
            }

            /// The validation loss of SPEC §2: f(θ − shift), or the validation MSE for `linreg`.
            pub fn val_value(&self, p: Vec2, shift: Vec2) -> f64 {
                match self {
                    $(Self::$pv(s) => SurfaceFn::val_value(s, p, shift),)*
                    $(Self::$dv(s) => SurfaceFn::val_value(s, p, shift),)*
                }
            }

            /// The known minima (global ones; all four for Himmelblau).
            pub fn minima(&self) -> Vec<Vec2> {
                match self {
                    $(Self::$pv(s) => SurfaceFn::minima(s),)*
                    $(Self::$dv(s) => SurfaceFn::minima(s),)*
                }
            }

            /// Saddle points worth marking.
            pub fn saddle_points(&self) -> Vec<Vec2> {
                match self {
                    $(Self::$pv(s) => SurfaceFn::saddle_points(s),)*
                    $(Self::$dv(s) => SurfaceFn::saddle_points(s),)*
                }
            }

            /// The region shown when a scenario names none: it holds the minima.
            pub fn default_view(&self) -> View {
                match self {
                    $(Self::$pv(s) => SurfaceFn::default_view(s),)*
                    $(Self::$dv(s) => SurfaceFn::default_view(s),)*
                }
            }

            /// Whether the colours read better on a log scale: surfaces whose values span decades.
            pub fn prefers_log_colors(&self) -> bool {
                match self {
                    $(Self::$pv(s) => SurfaceFn::prefers_log_colors(s),)*
                    $(Self::$dv(s) => SurfaceFn::prefers_log_colors(s),)*
                }
            }

            /// The Hessian at `p`, where known in closed form.
            pub fn hessian(&self, p: Vec2) -> Option<[[f64; 2]; 2]> {
                match self {
                    $(Self::$pv(s) => SurfaceFn::hessian(s, p),)*
                    $(Self::$dv(s) => SurfaceFn::hessian(s, p),)*
                }
            }

            /// The largest curvature over the plane, for surfaces with a constant Hessian.
            pub fn max_curvature(&self) -> Option<f64> {
                match self {
                    $(Self::$pv(s) => SurfaceFn::max_curvature(s),)*
                    $(Self::$dv(s) => SurfaceFn::max_curvature(s),)*
                }
            }

            /// Hands `w` this surface resolved to its kind, when it is parametric (data
            /// surfaces give `None`).
            #[inline(always)]
            pub fn with_parametric<W: WithParametric>(&self, w: W) -> Option<W::Out> {
                match self {
                    $(Self::$pv(s) => Some(w.run(*s)),)*
                    $(Self::$dv(_) => None,)*
                }
            }

            /// Hands `sampler` this surface's value function, resolved to its kind.
            #[inline]
            pub fn sample_with<S: Sampler>(&self, sampler: S) -> S::Out {
                match self {
                    // Parametric surfaces are copied into the closure: their parameters are then
                    // loop constants (Quadratic's sin/cos leave the row loop).
                    $(Self::$pv(s) => {
                        let s = *s;
                        sampler.sample(move |p| SurfaceFn::value(&s, p))
                    })*
                    $(Self::$dv(s) => sampler.sample(|p| SurfaceFn::value(s, p)),)*
                }
            }
        }
    };
}

registry! {
    parametric {
        Quadratic => quadratic::Quadratic,
        Rosenbrock => rosenbrock::Rosenbrock,
        Beale => beale::Beale,
        Himmelblau => himmelblau::Himmelblau,
        Rastrigin => rastrigin::Rastrigin,
        Ackley => ackley::Ackley,
        Saddle => saddle::Saddle,
        StyblinskiTang => styblinski_tang::StyblinskiTang,
        Booth => booth::Booth,
    }
    data {
        Linreg => linreg::Linreg,
        Custom => custom::Custom,
    }
}

pub use linreg::LinregGen;

/// The largest eigenvalue of a symmetric 2×2 matrix (the sharpest curvature of a Hessian).
pub fn lambda_max(h: [[f64; 2]; 2]) -> f64 {
    let (a, b, d) = (h[0][0], 0.5 * (h[0][1] + h[1][0]), h[1][1]);
    0.5 * (a + d) + (0.25 * (a - d) * (a - d) + b * b).sqrt()
}

/// The unit eigenvector of λmax of a symmetric 2×2 matrix.
pub fn lambda_max_direction(h: [[f64; 2]; 2]) -> Vec2 {
    let (a, b, d) = (h[0][0], 0.5 * (h[0][1] + h[1][0]), h[1][1]);
    let l = lambda_max(h);
    // (H − λI)v = 0: take the longer of the two row-derived candidates for stability.
    let u = Vec2::new(b, l - a);
    let w = Vec2::new(l - d, b);
    let v = if u.norm() >= w.norm() { u } else { w };
    if v.norm() > 0.0 {
        v / v.norm()
    } else if a >= d {
        Vec2::new(1.0, 0.0)
    } else {
        Vec2::new(0.0, 1.0)
    }
}

/// The metadata of kind `id`.
pub fn info_of(id: &str) -> Option<&'static SurfaceInfo> {
    SURFACES.iter().copied().find(|i| i.id == id)
}

/// The smallest valid file object of kind `id`: its kind and, for the fields it requires,
/// the examples its registry entry gives.
pub fn example_raw(id: &str) -> Option<RawSurface> {
    let info = info_of(id)?;
    let mut text = format!("{{\"kind\": {}", serde_json::to_string(info.id).ok()?);
    for (field, value) in info.required {
        text += &format!(", \"{field}\": {value}");
    }
    serde_json::from_str(&(text + "}")).ok()
}

impl Surface {
    /// The kind's name, as in scenario files.
    pub fn kind(&self) -> &'static str {
        self.info().id
    }

    /// The line fit's data, when the surface is `linreg` (minibatches and evaluation
    /// periods come from its points).
    pub fn linreg(&self) -> Option<&Linreg> {
        if let Self::Linreg(l) = self {
            Some(l)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every parametric kind at its defaults.
    fn defaults() -> Vec<Surface> {
        SURFACES
            .iter()
            .filter_map(|i| {
                let v: Vec<f64> = i.params.iter().map(|p| p.default).collect();
                Surface::with_values(i.id, &v)
            })
            .collect()
    }

    #[test]
    fn minima_are_stationary() {
        let mut seen = 0;
        for s in defaults() {
            for m in s.minima() {
                assert!(s.gradient(m).norm() < 1e-9, "{} at {m:?}", s.kind());
            }
            for m in s.saddle_points() {
                assert!(s.gradient(m).norm() < 1e-9, "{} at {m:?}", s.kind());
            }
            seen += 1;
        }
        assert!(seen >= 7);
    }

    #[test]
    fn the_minima_are_the_lowest_points_of_the_default_view() {
        for s in defaults() {
            let Some(low) = s.minima().iter().map(|m| s.value(*m)).reduce(f64::min) else {
                continue;
            };
            let v = s.default_view();
            let n = 200;
            for i in 0..=n {
                for j in 0..=n {
                    let p = Vec2::new(
                        v.x[0] + (v.x[1] - v.x[0]) * i as f64 / n as f64,
                        v.y[0] + (v.y[1] - v.y[0]) * j as f64 / n as f64,
                    );
                    assert!(s.value(p) >= low - 1e-9, "{} lower at {p:?}", s.kind());
                }
            }
        }
    }

    #[test]
    fn styblinski_tang_bottoms_out_at_the_known_value() {
        let s = Surface::with_values("styblinski_tang", &[]).expect("registered");
        let m = s.minima()[0];
        assert!((m.x + 2.903534).abs() < 1e-6 && (m.y + 2.903534).abs() < 1e-6);
        assert!((s.value(m) + 78.33233).abs() < 1e-5, "{}", s.value(m));
        assert_eq!(s.saddle_points().len(), 4);
    }

    #[test]
    fn booth_is_zero_at_one_three_and_its_bound_is_two_eighteenths() {
        let s = Surface::with_values("booth", &[]).expect("registered");
        assert_eq!(s.minima(), [Vec2::new(1.0, 3.0)]);
        assert_eq!(s.value(Vec2::new(1.0, 3.0)), 0.0);
        assert_eq!(s.max_curvature(), Some(18.0));
    }

    #[test]
    fn default_views_hold_the_minima() {
        for s in defaults() {
            for m in s.minima() {
                assert!(s.default_view().contains(m), "{}", s.kind());
            }
        }
    }

    #[test]
    fn ids_are_unique_and_parametric_kinds_round_trip() {
        let mut ids = SURFACE_KINDS.to_vec();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SURFACE_KINDS.len());
        for s in defaults() {
            assert_eq!(Surface::with_values(s.kind(), &s.values()), Some(s.clone()));
            assert_eq!(s.values().len(), s.info().params.len());
        }
    }

    /// A run reuses the step's loss as its validation loss when there is no shift and the
    /// surface has no validation set of its own (`core::run`): that holds only while no
    /// surface but `linreg` gives `val_value` a meaning of its own.
    #[test]
    fn validation_without_a_shift_is_the_loss_except_for_linreg() {
        for s in defaults() {
            if s.linreg().is_some() {
                continue;
            }
            for p in [
                Vec2::new(0.3, -1.7),
                Vec2::new(-2.5, 4.0),
                Vec2::new(-0.0, 0.0),
                Vec2::new(1e3, -1e-3),
            ] {
                let (v, val) = (s.value(p), s.val_value(p, Vec2::zeros()));
                assert!(
                    v.to_bits() == val.to_bits() || (v.is_nan() && val.is_nan()),
                    "{}",
                    s.kind()
                );
            }
        }
    }
}
