//! Mapping surface values to colours: viridis, on a linear or a log scale.
//!
//! Log scale: `s(v) = log10(v − base + δ)` with `base = min(lo, 0)` and
//! `δ = 1e-6 · (hi − base)`. For the usual surfaces (minimum 0) this is `log10(v + δ)`:
//! six decades below the maximum are resolved, which is what makes Rosenbrock's
//! valley floor readable (the peer script uses `log10(v + 1e-3)`, about the same), and
//! the exact minimum (v = 0) stays finite. Surfaces with negative values fall back to
//! linear in [`ColorScale::for_range`].

use std::sync::LazyLock;

/// RGBA, not premultiplied.
pub type Color = [u8; 4];

/// The colour of cells whose value is NaN or infinite.
pub const NEUTRAL: Color = [128, 128, 128, 255];

/// Viridis sampled at 256 points, then [`NEUTRAL`] at index 256 (for non-finite values),
/// built once.
static VIRIDIS: LazyLock<[Color; 257]> = LazyLock::new(|| {
    let mut lut = [NEUTRAL; 257];
    for (i, c) in lut.iter_mut().take(256).enumerate() {
        let v = colorous::VIRIDIS.eval_rational(i, 256);
        *c = [v.r, v.g, v.b, 255];
    }
    lut
});

/// The 256-entry viridis lookup table (dark blue → yellow).
pub fn viridis() -> &'static [Color; 256] {
    VIRIDIS.first_chunk::<256>().unwrap_or(&[NEUTRAL; 256])
}

/// How values map to colours: `lo` → dark blue, `hi` → yellow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColorScale {
    /// Logarithmic (see the module docs) rather than linear.
    pub log: bool,
    /// The value drawn darkest.
    pub lo: f64,
    /// The value drawn brightest.
    pub hi: f64,
}

impl ColorScale {
    /// A scale spanning `[lo, hi]`; log only when asked for and every value is ≥ 0,
    /// since a log of a shifted negative range would misstate the numbers.
    pub fn for_range(lo: f64, hi: f64, prefer_log: bool) -> ColorScale {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        ColorScale {
            log: prefer_log && lo >= 0.0 && hi > lo,
            lo,
            hi,
        }
    }

    fn base(&self) -> f64 {
        self.lo.min(0.0)
    }

    fn delta(&self) -> f64 {
        (1e-6 * (self.hi - self.base())).max(1e-300)
    }

    /// The value transformed to the scale's axis: itself, or its shifted log.
    #[inline]
    pub fn to_axis(&self, v: f64) -> f64 {
        if self.log {
            ((v - self.base()).max(0.0) + self.delta()).log10()
        } else {
            v
        }
    }

    /// The inverse of [`Self::to_axis`].
    pub fn from_axis(&self, s: f64) -> f64 {
        if self.log {
            10f64.powf(s) - self.delta() + self.base()
        } else {
            s
        }
    }

    /// Where `v` falls, from 0 (at `lo`) to 1 (at `hi`), clamped; NaN for non-finite `v`.
    #[inline]
    pub fn normalized(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return f64::NAN;
        }
        let (a, b) = (self.to_axis(self.lo), self.to_axis(self.hi));
        if b <= a {
            return 0.5;
        }
        ((self.to_axis(v) - a) / (b - a)).clamp(0.0, 1.0)
    }

    /// The colour of `v`; [`NEUTRAL`] when it is not finite.
    pub fn rgba(&self, v: f64) -> Color {
        let mut idx = [0u16];
        self.lut_indices(&[v], &mut idx);
        VIRIDIS[usize::from(idx[0])]
    }

    /// Colours `values` into `out` (4 bytes each); for whole images.
    pub fn rgba_into(&self, values: &[f64], out: &mut [u8]) {
        self.mapper(values.len()).rgba_into(values, out);
    }

    /// A mapper for about `cells` values: on a log scale over many cells it builds the
    /// lookup table of [`ColorMapper`] once, to be shared by the threads of an image.
    pub fn mapper(&self, cells: usize) -> ColorMapper {
        let table = (self.log && cells >= LOG_TABLE_MIN_CELLS)
            .then(|| LogTable::new(self))
            .flatten();
        ColorMapper {
            scale: *self,
            table,
        }
    }

    /// The lookup-table index (0–255, or 256 for non-finite) of each value. Written as
    /// straight-line arithmetic with no early exits so the compiler vectorises it: on a
    /// log scale it uses [`fast_log2`], whose error (< 5e-6) is far below one of the
    /// 256 colour steps; `log10` made a 1024² heatmap several times slower.
    pub fn lut_indices(&self, values: &[f64], out: &mut [u16]) {
        let p = Prepared::new(self);
        if self.log {
            for (o, &v) in out.iter_mut().zip(values) {
                *o = p.index(v, p.log_axis(v));
            }
        } else {
            for (o, &v) in out.iter_mut().zip(values) {
                *o = p.index(v, v);
            }
        }
    }

    /// About `n` tick values for a colour bar, inside `[lo, hi]`: "nice" steps (1, 2, 5 ×
    /// 10^k) on a linear scale, whole decades above `base` on a log scale.
    pub fn ticks(&self, n: usize) -> Vec<f64> {
        if !self.log {
            return nice_ticks(self.lo, self.hi, n);
        }
        let base = self.base();
        let first = (self.delta() * 10.0).log10().ceil() as i32;
        let last = (self.hi - base).log10().floor() as i32;
        if last < first {
            return nice_ticks(self.lo, self.hi, n);
        }
        // Too many decades for the bar: keep every k-th one.
        let every = ((last - first) as usize / n.max(1)) + 1;
        (first..=last)
            .filter(|k| ((k - first) as usize).is_multiple_of(every))
            .map(|k| base + 10f64.powi(k))
            .filter(|v| *v >= self.lo && *v <= self.hi)
            .collect()
    }
}

/// Below this many cells building the [`LogTable`] costs more than it saves.
const LOG_TABLE_MIN_CELLS: usize = 1 << 16;

/// Mantissa bits in a [`LogTable`] key: 2^7 buckets per octave, each 1/128 of an octave
/// wide against colour steps of about 1/13 octave (20 octaves over 255 steps). Other
/// widths (6, 8, 9, 10 bits) were no faster; 7 keeps the table for ranges down to 2 octaves.
const LOG_TABLE_MANTISSA_BITS: u32 = 7;

/// The constants of one scale's value → index map, computed once per call.
#[derive(Debug, Clone, Copy)]
struct Prepared {
    base: f64,
    delta: f64,
    a: f64,
    k: f64,
    mid: f64,
}

impl Prepared {
    fn new(scale: &ColorScale) -> Self {
        let (base, delta) = (scale.base(), scale.delta());
        let axis = |v: f64| {
            if scale.log {
                fast_log2((v - base).max(0.0) + delta)
            } else {
                v
            }
        };
        let a = axis(scale.lo);
        let b = axis(scale.hi);
        Self {
            base,
            delta,
            a,
            k: if b > a { 255.0 / (b - a) } else { 0.0 },
            mid: if b > a { 0.5 } else { 128.0 },
        }
    }

    /// The shifted value whose log is the axis: ≥ `delta` for every `v`.
    #[inline(always)]
    fn shifted(&self, v: f64) -> f64 {
        // A plain select (one `maxsd`) rather than `f64::max`, whose NaN rule costs
        // extra instructions per pixel; NaN gives 0 either way.
        let d = v - self.base;
        (if d > 0.0 { d } else { 0.0 }) + self.delta
    }

    #[inline(always)]
    fn log_axis(&self, v: f64) -> f64 {
        fast_log2(self.shifted(v))
    }

    /// The index of axis position `s` (the value `v` only decides finiteness).
    #[inline(always)]
    fn index_of_axis(&self, s: f64) -> u16 {
        ((s - self.a) * self.k + self.mid).clamp(0.0, 255.0) as u16
    }

    #[inline(always)]
    fn index(&self, v: f64, s: f64) -> u16 {
        let t = self.index_of_axis(s);
        if v.is_finite() { t } else { 256 }
    }
}

/// Bits of the shifted value below a [`LogTable`] key: those that pick a value inside
/// its bucket.
const LOG_TABLE_SHIFT: u32 = 52 - LOG_TABLE_MANTISSA_BITS;

/// One [`LogTable`] bucket: the colour of its values below `from` (in the bits under
/// the key) and of those from it on; one 16-byte load per pixel.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    from: u64,
    colours: [Color; 2],
}

impl Bucket {
    fn new(from: u64, index: u16) -> Self {
        let lut: &[Color; 257] = &VIRIDIS;
        let at = |i: u16| lut[usize::from(i.min(256))];
        Self {
            from,
            colours: [at(index), at(index + 1)],
        }
    }
}

/// The log scale's index as a table over the top bits of the shifted value
/// `x = max(v − base, 0) + δ` (its exponent and 7 mantissa bits), so a pixel costs a
/// shift, a load and a compare instead of a polynomial. `x` lies in [δ, ∞) and the
/// colours span only [δ, hi − base + δ], about 20 octaves (δ is 1e-6 of the range), so
/// the table has about 2 600 entries (42 KB) whatever the data. Buckets (1/128 octave) are
/// narrower than a colour step (about 1/13 octave), so at most one colour boundary
/// falls inside a bucket; its exact position (the first bit pattern whose index is
/// the next one, found by bisection with the same [`fast_log2`]) is stored, and the
/// pixel compares its low bits with it, without a branch. The colours are therefore
/// exactly those of [`ColorScale::lut_indices`], the index being monotonic in `x`.
#[derive(Debug, Clone)]
struct LogTable {
    /// The key of δ: the first bucket.
    first_key: u64,
    /// Per bucket from `first_key`: its colours and the low bits from which the second
    /// applies (2^LOG_TABLE_SHIFT: never); then one entry for everything above the
    /// range and one (neutral grey) for non-finite values.
    entries: Vec<Bucket>,
    /// The first value of the "above the range" bucket: larger values are clamped to it.
    ceiling: f64,
}

impl LogTable {
    const LOW: u64 = (1 << LOG_TABLE_SHIFT) - 1;
    const NEVER: u64 = 1 << LOG_TABLE_SHIFT;

    /// `None` when the scale has no log range to tabulate, or so narrow a one that a
    /// bucket would hold two colour boundaries.
    fn new(scale: &ColorScale) -> Option<Self> {
        let p = Prepared::new(scale);
        if !(scale.log && p.k > 0.0 && p.delta.is_normal()) {
            return None;
        }
        let first_key = p.delta.to_bits() >> LOG_TABLE_SHIFT;
        let top = p.shifted(scale.hi);
        if !top.is_finite() {
            return None;
        }
        let last_key = top.to_bits() >> LOG_TABLE_SHIFT;
        let len = usize::try_from(last_key.checked_sub(first_key)? + 1).ok()?;
        if len > (64 << LOG_TABLE_MANTISSA_BITS) {
            return None;
        }
        let index = |bits: u64| p.index_of_axis(fast_log2(f64::from_bits(bits)));
        let mut entries = Vec::with_capacity(len + 1);
        for key in first_key..=last_key {
            let (mut lo, mut hi) = (key << LOG_TABLE_SHIFT, ((key + 1) << LOG_TABLE_SHIFT) - 1);
            let (i_lo, i_hi) = (index(lo), index(hi));
            let from = match i_hi.checked_sub(i_lo)? {
                0 => Self::NEVER,
                1 => {
                    // index(lo) = i_lo < index(hi): bisect to the first bits of i_hi.
                    while hi - lo > 1 {
                        let mid = lo + (hi - lo) / 2;
                        if index(mid) > i_lo {
                            hi = mid
                        } else {
                            lo = mid
                        }
                    }
                    hi & Self::LOW
                }
                _ => return None,
            };
            entries.push(Bucket::new(from, i_lo));
        }
        // Above `top` the index is clamped to 255; then the non-finite entry.
        entries.push(Bucket::new(Self::NEVER, 255));
        entries.push(Bucket::new(Self::NEVER, 256));
        let ceiling = f64::from_bits((last_key + 1) << LOG_TABLE_SHIFT);
        Some(Self {
            first_key,
            entries,
            ceiling,
        })
    }
}

/// Maps values to colours with one scale; see [`ColorScale::mapper`]. Gives the same
/// colours as [`ColorScale::rgba`].
#[derive(Debug, Clone)]
pub struct ColorMapper {
    scale: ColorScale,
    table: Option<LogTable>,
}

impl ColorMapper {
    /// Colours `values` into `out` (4 bytes each).
    pub fn rgba_into(&self, values: &[f64], out: &mut [u8]) {
        let lut: &[Color; 257] = &VIRIDIS;
        let Some(table) = &self.table else {
            let mut idx = [0u16; 256];
            for (vals, px) in values.chunks(256).zip(out.chunks_mut(256 * 4)) {
                let idx = &mut idx[..vals.len()];
                self.scale.lut_indices(vals, idx);
                for (p, &i) in px.chunks_exact_mut(4).zip(idx.iter()) {
                    p.copy_from_slice(&lut[usize::from(i.min(256))]);
                }
            }
            return;
        };
        pulp::Arch::new().dispatch(TableRgba {
            p: Prepared::new(&self.scale),
            table,
            values,
            out,
        });
    }
}

/// [`ColorMapper::rgba_into`] with a [`LogTable`], compiled by pulp for the widest
/// vector instructions the processor has: the first pass, four values per AVX2
/// instruction instead of SSE2's two, took the colouring of 1024² values (table built
/// included) from 0.86–0.95 to 0.75–0.78 ms on two cores. The same operations in the
/// same order, so the same colours.
struct TableRgba<'a> {
    p: Prepared,
    table: &'a LogTable,
    values: &'a [f64],
    out: &'a mut [u8],
}

impl pulp::WithSimd for TableRgba<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        let Self {
            p,
            table,
            values,
            out,
        } = self;
        // Two passes per block of 256, so that the arithmetic one vectorises and the
        // lookup one is short: (1) each value to its table position, as the shifted
        // value's bits minus those of the first bucket (the key in the high bits, the
        // place inside the bucket in the low ones), clamped in floating point to the
        // "above" bucket, non-finite values to the last entry; (2) the lookups.
        let entries = table.entries.as_slice();
        let origin = table.first_key << LOG_TABLE_SHIFT;
        let non_finite = ((entries.len() - 1) as u64) << LOG_TABLE_SHIFT;
        let ceiling = table.ceiling;
        let mut pos = [0u64; 256];
        for (vals, px) in values.chunks(256).zip(out.chunks_mut(256 * 4)) {
            let pos = &mut pos[..vals.len()];
            for (o, &v) in pos.iter_mut().zip(vals) {
                let x = p.shifted(v);
                let x = if x < ceiling { x } else { ceiling };
                // x ≥ δ, the first bucket's start, so this does not wrap.
                let at = x.to_bits().wrapping_sub(origin);
                *o = if v.abs() < f64::INFINITY {
                    at
                } else {
                    non_finite
                };
            }
            for (px, &at) in px.chunks_exact_mut(4).zip(pos.iter()) {
                let e = &entries[(at >> LOG_TABLE_SHIFT) as usize];
                let next = (at & LogTable::LOW) >= e.from;
                px.copy_from_slice(&e.colours[usize::from(next)]);
            }
        }
    }
}

/// log2(x) for positive normal x, to within 5e-6: the exponent from the bits plus a
/// degree-6 least-squares polynomial in m − 1 for the mantissa m ∈ [1, 2). No division,
/// so it pipelines (the exact `log10` made the heatmap several times slower).
#[inline]
pub fn fast_log2(x: f64) -> f64 {
    const C: [f64; 6] = [
        1.442_517_033_770_000_6,
        -0.717_898_381_269_463,
        0.456_894_174_000_498,
        -0.277_365_050_144_349,
        0.121_914_139_442_402_18,
        -0.026_066_301_477_647_668,
    ];
    // 2^52 + 1023: the exponent field read as a float through the bits, because an
    // integer-to-float conversion of 64-bit lanes would stop vectorisation.
    const MAGIC: f64 = 4_503_599_627_371_519.0;
    let bits = x.to_bits();
    let e = f64::from_bits(0x4330_0000_0000_0000 | ((bits >> 52) & 0x7ff)) - MAGIC;
    let u = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000) - 1.0;
    let p = u * (C[0] + u * (C[1] + u * (C[2] + u * (C[3] + u * (C[4] + u * C[5])))));
    e + p
}

/// Ticks at a "nice" step (1, 2 or 5 × 10^k) giving about `n` values within `[lo, hi]`.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || n == 0 {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    // A span too small or too large for f64 gives a step of 0 or ∞, or more ticks than
    // asked for by orders of magnitude: no ticks rather than a runaway allocation.
    if !(step > 0.0 && step.is_finite()) {
        return vec![lo];
    }
    let (start, end) = ((lo / step).ceil(), (hi / step).floor());
    if !(start.is_finite() && end.is_finite()) || end - start > (4 * n + 4) as f64 {
        return vec![lo];
    }
    let (start, end) = (start as i64, end as i64);
    (start..=end)
        .map(|i| {
            let v = i as f64 * step;
            // Snap −0 and float dust (0.30000000000000004) to the step's grid.
            if v.abs() < step * 1e-9 { 0.0 } else { v }
        })
        .collect()
}

/// A tick label: short, with no float dust ("0.1", "2.5", "1e-3", "1e4").
pub fn format_tick(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e4).contains(&a) {
        let e = a.log10().floor() as i32;
        let m = v / 10f64.powi(e);
        let ms = trim(&format!("{m:.1}"));
        return if ms == "1" {
            format!("1e{e}")
        } else if ms == "-1" {
            format!("-1e{e}")
        } else {
            format!("{ms}e{e}")
        };
    }
    let digits = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
    trim(&format!("{v:.digits$}"))
}

fn trim(s: &str) -> String {
    let t = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    };
    if t == "-0" { "0".into() } else { t.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks colours against the scale's definition computed independently of the fast
    /// path: exact `log10` through [`ColorScale::normalized`], rounded to one of 256
    /// steps. `fast_log2` may move a value across a step boundary only when the exact
    /// position lies within its proven error (5e-6 in log2, at both ends of the range)
    /// of that boundary.
    fn assert_exact_colours(s: &ColorScale, vals: &[f64], out: &[u8]) {
        let log2_range = if s.log {
            (s.to_axis(s.hi) - s.to_axis(s.lo)) / std::f64::consts::LOG10_2
        } else {
            f64::INFINITY
        };
        let tol = 255.0 * 2.0 * 5e-6 / log2_range + 1e-9;
        for (v, px) in vals.iter().zip(out.chunks(4)) {
            let t = s.normalized(*v);
            if t.is_nan() {
                assert_eq!(px, NEUTRAL, "{v}");
                continue;
            }
            let x = 255.0 * t + 0.5;
            let exact = (x.floor() as usize).min(255);
            let boundary = x.round();
            let other = if boundary > x {
                exact + 1
            } else {
                exact.saturating_sub(1)
            };
            let lut = viridis();
            let ok = px == lut[exact] || ((x - boundary).abs() < tol && px == lut[other.min(255)]);
            assert!(ok, "{v}: got {px:?}, exact index {exact} (x = {x})");
        }
    }

    #[test]
    fn ends_of_the_scale_are_the_ends_of_viridis() {
        let s = ColorScale::for_range(0.0, 2500.0, true);
        assert!(s.log);
        assert_eq!(s.rgba(0.0), viridis()[0]);
        assert_eq!(s.rgba(2500.0), viridis()[255]);
        assert_eq!(s.rgba(f64::NAN), NEUTRAL);
        let vals = [0.0, 1e-4, 0.3, 7.0, 900.0, 2500.0, f64::INFINITY, f64::NAN];
        let mut out = vec![0u8; vals.len() * 4];
        s.rgba_into(&vals, &mut out);
        assert_exact_colours(&s, &vals, &out);
        assert_eq!(&out[28..32], &NEUTRAL);
    }

    #[test]
    fn the_log_table_gives_the_exact_colours() {
        // Log-spaced values over each range, and the specials: enough cells to take
        // the table path (or, for a range too narrow for it, the direct one).
        for (lo, hi, table) in [(0.0, 2517.3, true), (3.0, 4e5, true), (100.0, 101.0, false)] {
            let s = ColorScale::for_range(lo, hi, true);
            let n = 1 << 17;
            let mut vals: Vec<f64> = (0..n)
                .map(|i| lo + (hi - lo) * 10f64.powf(-7.0 + 7.2 * f64::from(i) / f64::from(n)))
                .collect();
            vals.extend([0.0, -1.0, lo, hi, 1e9, f64::INFINITY, f64::NAN, 1e-300]);
            let mapper = s.mapper(vals.len());
            assert_eq!(mapper.table.is_some(), table, "{lo}..{hi}");
            let mut out = vec![0u8; vals.len() * 4];
            mapper.rgba_into(&vals, &mut out);
            assert_exact_colours(&s, &vals, &out);
            // The table and the per-value path agree bit for bit (same fast log).
            for (v, px) in vals.iter().zip(out.chunks(4)) {
                assert_eq!(px, s.rgba(*v), "{v} in {lo}..{hi}");
            }
        }
    }

    #[test]
    fn fast_log2_is_close() {
        for x in [1e-300, 2.5e-3, 0.7, 1.0, 1.5, 2.0, 3.3, 1e6, 1e300] {
            assert!((fast_log2(x) - x.log2()).abs() < 1e-5, "{x}");
        }
    }

    #[test]
    fn negative_values_fall_back_to_linear() {
        let s = ColorScale::for_range(-3.0, 5.0, true);
        assert!(!s.log);
        assert_eq!(s.rgba(1.0), viridis()[128]);
    }

    #[test]
    fn log_ticks_are_decades() {
        let s = ColorScale::for_range(0.0, 2500.0, true);
        assert_eq!(s.ticks(8), vec![0.1, 1.0, 10.0, 100.0, 1000.0]);
    }

    #[test]
    fn nice_ticks_never_run_away_on_spans_at_the_ends_of_f64() {
        for (lo, hi) in [
            (0.0, 5e-324),
            (0.0, 1e-310),
            (1.0, 1.0 + f64::EPSILON),
            (-1e308, 1e308),
            (-f64::MAX, f64::MAX),
            (1e300, 1.0000001e300),
        ] {
            assert!(nice_ticks(lo, hi, 8).len() <= 40, "[{lo}, {hi}]");
        }
    }

    #[test]
    fn nice_ticks_and_labels() {
        assert_eq!(
            nice_ticks(-2.0, 2.0, 8),
            vec![-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0]
        );
        assert_eq!(format_tick(0.30000000000000004), "0.3");
        assert_eq!(format_tick(1e-3 * 0.5), "5e-4");
        assert_eq!(format_tick(10000.0), "1e4");
        assert_eq!(format_tick(-1.5), "-1.5");
    }
}
