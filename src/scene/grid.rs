//! A surface sampled on a pixel grid: the heatmap's values and the contours' input.

use crate::core::Vec2;
use crate::core::surfaces::{Sampler, Surface, View};

use super::colormap::ColorScale;

/// Below this many cells one thread is faster than starting a second one.
const PARALLEL_MIN_CELLS: usize = 1 << 15;

/// Surface values at the centres of `width × height` pixels covering `view`.
/// Row 0 is the top (y = ymax), column 0 the left (x = xmin).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The region covered.
    pub view: View,
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Row-major values, possibly NaN or infinite (custom expressions).
    pub values: Vec<f64>,
    /// The smallest and largest finite value, found while sampling (a second pass over
    /// a 1024² grid would cost a sixth of the heatmap); recompute it with
    /// [`Grid::scan_range`] after changing `values`.
    pub range: Option<(f64, f64)>,
}

/// How many threads a job over `cells` items should use.
fn threads_for(cells: usize) -> usize {
    if cells < PARALLEL_MIN_CELLS {
        return 1;
    }
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
}

/// Blocks per thread in [`for_row_chunks`]: enough that a thread the scheduler parks
/// (on a machine busy with other work) leaves little behind for the others to wait on.
const BLOCKS_PER_THREAD: usize = 8;

/// Runs `f(first_row, rows_chunk)` over `data` split by whole rows of `row_len` items,
/// on a few scoped threads, the calling one included. The rows go in blocks handed out
/// one at a time, so the work flows to whichever threads actually get a core: with
/// fixed halves, on a 2-core machine busy with other work, the image waited for
/// whichever half the scheduler had parked.
fn for_row_chunks<T: Send>(data: &mut [T], row_len: usize, f: impl Fn(usize, &mut [T]) + Sync) {
    let rows = data.len() / row_len.max(1);
    let threads = threads_for(data.len()).min(rows.max(1));
    if threads <= 1 {
        f(0, data);
        return;
    }
    let rows_per = rows.div_ceil(threads * BLOCKS_PER_THREAD).max(1);
    let blocks = std::sync::Mutex::new(data.chunks_mut(rows_per * row_len).enumerate());
    let work = || {
        loop {
            // The lock is held only to take the next block.
            let next = match blocks.lock() {
                Ok(mut it) => it.next(),
                Err(_) => None,
            };
            let Some((i, chunk)) = next else { break };
            f(i * rows_per, chunk);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
}

/// `f` at every cell centre, rows split across threads.
fn sample(
    g: &GridGeometry,
    width: usize,
    height: usize,
    mut values: Vec<f64>,
    f: impl Fn(Vec2) -> f64 + Sync,
) -> (Vec<f64>, Option<(f64, f64)>) {
    // Every cell is written below, so a reused buffer keeps its old values until then
    // and only a growth is zeroed.
    values.resize(width * height, 0.0);
    let xs: Vec<f64> = (0..width).map(|c| g.x(c)).collect();
    let ranges = std::sync::Mutex::new(Vec::new());
    for_row_chunks(&mut values, width, |first_row, chunk| {
        let range = pulp::Arch::new().dispatch(SampleRows {
            g,
            xs: &xs,
            f: &f,
            first_row,
            chunk,
            width,
        });
        if let Ok(mut all) = ranges.lock() {
            all.push(range);
        }
    });
    let (lo, hi) = ranges
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |a, b| {
            (a.0.min(b.0), a.1.max(b.1))
        });
    (values, (lo <= hi).then_some((lo, hi)))
}

/// One block of rows of [`sample`], compiled by pulp for the widest vector instructions
/// the processor has (AVX2 where present: four values per instruction instead of SSE2's
/// two; one core spent 25–35 % less time sampling a 1024² Rosenbrock grid). No fused
/// multiply-adds are formed from the formulas, so the values are the same bits on every
/// processor.
struct SampleRows<'a, F> {
    g: &'a GridGeometry,
    xs: &'a [f64],
    f: &'a F,
    first_row: usize,
    chunk: &'a mut [f64],
    width: usize,
}

impl<F: Fn(Vec2) -> f64> pulp::WithSimd for SampleRows<'_, F> {
    /// The block's finite (min, max), or (∞, −∞).
    type Output = (f64, f64);

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) -> (f64, f64) {
        let mut range = (f64::INFINITY, f64::NEG_INFINITY);
        for (r, row) in self.chunk.chunks_mut(self.width).enumerate() {
            let y = self.g.y(self.first_row + r);
            for (v, &x) in row.iter_mut().zip(self.xs) {
                *v = (self.f)(Vec2::new(x, y));
            }
            // The row is still in cache: folding it here is nearly free.
            if let Some((lo, hi)) = scan(row) {
                range = (range.0.min(lo), range.1.max(hi));
            }
        }
        range
    }
}

/// The finite min and max of `values`. The hot loop is plain compare-and-select over
/// 4 lanes, which compiles to `minpd`/`maxpd` and skips NaN for free (a comparison with
/// NaN is false); only if it meets an infinity does a second, filtering pass run.
/// (`f64::min`/`max`, with their NaN rules, and a finiteness select per value kept the
/// loop scalar or shuffle-bound: it was a third of the 1024² heatmap.)
///
/// Kept out of line: inlined into [`SampleRows`]' AVX2 code, LLVM turned its four lanes
/// into shuffles and blends, slower than this baseline compare-and-select.
#[inline(never)]
fn scan(values: &[f64]) -> Option<(f64, f64)> {
    let (lo, hi) = min_max_where(values, |_| true);
    if lo == f64::NEG_INFINITY || hi == f64::INFINITY {
        return scan_finite(values);
    }
    (lo <= hi).then_some((lo, hi))
}

/// The smallest and largest of the values `keep` accepts (∞ and −∞ when it accepts none),
/// as compare-and-select over 4 lanes that the compiler vectorises; NaN never wins a
/// comparison, so it is skipped for free. Shared with the loss panel's decimation.
#[inline(always)]
pub fn min_max_where(values: &[f64], keep: impl Fn(f64) -> bool) -> (f64, f64) {
    let mut lo = [f64::INFINITY; 4];
    let mut hi = [f64::NEG_INFINITY; 4];
    let mut chunks = values.chunks_exact(4);
    for c in &mut chunks {
        for k in 0..4 {
            let v = c[k];
            let ok = keep(v);
            lo[k] = if ok && v < lo[k] { v } else { lo[k] };
            hi[k] = if ok && v > hi[k] { v } else { hi[k] };
        }
    }
    for &v in chunks.remainder() {
        let ok = keep(v);
        lo[0] = if ok && v < lo[0] { v } else { lo[0] };
        hi[0] = if ok && v > hi[0] { v } else { hi[0] };
    }
    (
        lo.into_iter().fold(f64::INFINITY, f64::min),
        hi.into_iter().fold(f64::NEG_INFINITY, f64::max),
    )
}

/// [`scan`] for values that include infinities: skips every non-finite value.
fn scan_finite(values: &[f64]) -> Option<(f64, f64)> {
    values
        .iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, &v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
}

impl Grid {
    /// Samples `surface` over `view`; `width` and `height` are raised to at least 2.
    pub fn evaluate(surface: &Surface, view: View, width: usize, height: usize) -> Grid {
        Self::evaluate_reusing(surface, view, width, height, Vec::new())
    }

    /// [`Self::evaluate`], writing the values into `spare` (e.g. the values of the grid
    /// this one replaces). A fresh buffer is zeroed first, in one thread, before the
    /// sampling threads start: for 1024² cells that was a third of the sampling's time
    /// (0.15 of 0.44 ms), which the window pays on every moved view.
    pub fn evaluate_reusing(
        surface: &Surface,
        view: View,
        width: usize,
        height: usize,
        spare: Vec<f64>,
    ) -> Grid {
        let (width, height) = (width.max(2), height.max(2));
        let g = GridGeometry::new(view, width, height);
        // The surface hands `sample` its own value function, resolved to its kind: the row
        // loop is then one straight formula the compiler can vectorise; through `&Surface`
        // it would branch on the kind for every cell.
        struct Rows<'a> {
            g: &'a GridGeometry,
            width: usize,
            height: usize,
            spare: Vec<f64>,
        }
        impl Sampler for Rows<'_> {
            type Out = (Vec<f64>, Option<(f64, f64)>);
            fn sample<F: Fn(Vec2) -> f64 + Sync>(self, f: F) -> Self::Out {
                sample(self.g, self.width, self.height, self.spare, f)
            }
        }
        let (values, range) = surface.sample_with(Rows {
            g: &g,
            width,
            height,
            spare,
        });
        Grid {
            view,
            width,
            height,
            values,
            range,
        }
    }

    /// Recomputes [`Grid::range`] from `values`.
    pub fn scan_range(&mut self) {
        self.range = scan(&self.values);
    }

    /// The world point at the centre of cell (`col`, `row`).
    pub fn point(&self, col: usize, row: usize) -> Vec2 {
        let g = GridGeometry::new(self.view, self.width, self.height);
        Vec2::new(g.x(col), g.y(row))
    }

    /// The smallest and largest finite values, if any value is finite.
    pub fn finite_range(&self) -> Option<(f64, f64)> {
        self.range
    }

    /// The colour scale for this grid: its finite range, log if `surface` prefers it.
    pub fn color_scale(&self, surface: &Surface) -> ColorScale {
        let (lo, hi) = self.finite_range().unwrap_or((0.0, 1.0));
        ColorScale::for_range(lo, hi, surface.prefers_log_colors())
    }

    /// The heatmap as RGBA bytes, row 0 at the top; non-finite cells are neutral grey.
    pub fn heatmap_rgba(&self, scale: &ColorScale) -> Vec<u8> {
        self.heatmap_rgba_reusing(scale, Vec::new())
    }

    /// [`Self::heatmap_rgba`], written into `spare` (e.g. the heatmap this one replaces),
    /// which saves zeroing a fresh buffer in one thread first (0.07–0.1 ms for 1024²).
    pub fn heatmap_rgba_reusing(&self, scale: &ColorScale, spare: Vec<u8>) -> Vec<u8> {
        let mut out = spare;
        // Every byte is written below; only a growth is zeroed.
        out.resize(self.values.len() * 4, 0);
        let row_bytes = self.width * 4;
        // One mapper (and log lookup table) for all threads.
        let mapper = scale.mapper(self.values.len());
        for_row_chunks(&mut out, row_bytes, |first_row, chunk| {
            let start = first_row * self.width;
            mapper.rgba_into(&self.values[start..start + chunk.len() / 4], chunk);
        });
        out
    }
}

/// Cell-centre coordinates of a grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridGeometry {
    x0: f64,
    dx: f64,
    y0: f64,
    dy: f64,
}

impl GridGeometry {
    pub(crate) fn new(view: View, width: usize, height: usize) -> Self {
        let dx = (view.x[1] - view.x[0]) / width as f64;
        let dy = (view.y[1] - view.y[0]) / height as f64;
        Self {
            x0: view.x[0] + 0.5 * dx,
            dx,
            y0: view.y[1] - 0.5 * dy,
            dy,
        }
    }

    #[inline]
    pub(crate) fn x(&self, col: usize) -> f64 {
        self.x0 + col as f64 * self.dx
    }

    #[inline]
    pub(crate) fn y(&self, row: usize) -> f64 {
        self.y0 - row as f64 * self.dy
    }

    /// World x of a fractional column.
    #[inline]
    pub(crate) fn xf(&self, col: f64) -> f64 {
        self.x0 + col * self.dx
    }

    /// World y of a fractional row.
    #[inline]
    pub(crate) fn yf(&self, row: f64) -> f64 {
        self.y0 - row * self.dy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::surfaces::{Rosenbrock, Saddle};

    #[test]
    fn rows_go_top_down_and_cells_are_centred() {
        let view = View {
            x: [0.0, 4.0],
            y: [0.0, 2.0],
        };
        let g = Grid::evaluate(&Surface::Saddle(Saddle), view, 4, 2);
        assert_eq!(g.point(0, 0), Vec2::new(0.5, 1.5));
        assert_eq!(g.point(3, 1), Vec2::new(3.5, 0.5));
        assert_eq!(
            g.values[0],
            Surface::Saddle(Saddle).value(Vec2::new(0.5, 1.5))
        );
    }

    #[test]
    fn threaded_evaluation_matches_serial() {
        let s = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
        let view = s.default_view();
        let g = Grid::evaluate(&s, view, 300, 200);
        for (i, v) in g.values.iter().enumerate() {
            let p = g.point(i % 300, i / 300);
            assert_eq!(*v, s.value(p));
        }
        let scale = g.color_scale(&s);
        let rgba = g.heatmap_rgba(&scale);
        assert_eq!(rgba.len(), 300 * 200 * 4);
        assert_eq!(&rgba[4 * 777..4 * 778], &scale.rgba(g.values[777]));
    }

    /// Buffers of another size full of stale values (NaN, a colour that is not in the
    /// palette) are written over completely: the grid and the pixels equal fresh ones.
    #[test]
    fn reused_buffers_give_the_fresh_grid_and_pixels() {
        let s = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
        let view = s.default_view();
        let fresh = Grid::evaluate(&s, view, 300, 200);
        let scale = fresh.color_scale(&s);
        let pixels = fresh.heatmap_rgba(&scale);
        for spare_len in [10, 300 * 200, 300 * 200 + 999] {
            let g = Grid::evaluate_reusing(&s, view, 300, 200, vec![f64::NAN; spare_len]);
            assert_eq!(g, fresh, "values over a spare of {spare_len}");
            let rgba = g.heatmap_rgba_reusing(&scale, vec![7u8; 4 * spare_len]);
            assert!(rgba == pixels, "pixels over a spare of {spare_len}");
        }
    }

    #[test]
    fn non_finite_values_are_neutral() {
        let e = crate::core::expr::Expr::parse("ln(x)").expect("valid");
        let view = View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
        let g = Grid::evaluate(&Surface::Custom(e), view, 8, 8);
        let rgba = g.heatmap_rgba(&g.color_scale(&Surface::Saddle(Saddle)));
        assert_eq!(&rgba[..4], &super::super::colormap::NEUTRAL);
    }
}
