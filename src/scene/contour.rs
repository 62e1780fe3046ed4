//! Isolines by marching squares, all levels in one pass over the cells.
//!
//! Each cell looks up only the levels between its smallest and largest corner (a binary
//! search in the sorted levels), so 20 levels cost little more than one. Segments are
//! then joined into polylines through the grid edges they share.
//!
//! The `contour` crate was tried first: it was about 2× slower than contourpy (it walks
//! the grid once per level) and returns filled border rings rather than open lines, so
//! it is not used.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::colormap::ColorScale;
use super::grid::{Grid, GridGeometry};

/// One level's isolines.
#[derive(Debug, Clone, PartialEq)]
pub struct ContourLevel {
    /// The surface value along these lines.
    pub value: f64,
    /// Polylines in world coordinates; a closed ring repeats its first point at the end.
    pub lines: Vec<Vec<[f64; 2]>>,
}

/// `n` levels strictly inside the scale's range, evenly spaced on its axis (so
/// log-spaced on a log scale). The extremes are left out: they would trace single points.
pub fn levels(scale: &ColorScale, n: usize) -> Vec<f64> {
    let (a, b) = (scale.to_axis(scale.lo), scale.to_axis(scale.hi));
    // Also catches NaN ends.
    if b.partial_cmp(&a) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    (1..=n)
        .map(|i| scale.from_axis(a + (b - a) * i as f64 / (n + 1) as f64))
        .collect()
}

/// A crossing of one level with one grid edge.
#[derive(Debug, Clone, Copy)]
struct Seg {
    level: u32,
    edges: [u64; 2],
    points: [[f64; 2]; 2],
}

/// Edge ids are unique small integers; a multiplicative hash spreads them well enough
/// and is several times cheaper than SipHash here.
#[derive(Default)]
struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(26);
    }
}

type EdgeMap = HashMap<u64, [u32; 2], BuildHasherDefault<EdgeHasher>>;
const NONE: u32 = u32::MAX;

/// The isolines of `grid` at `levels` (any order; NaN levels are dropped, and only the
/// lowest [`MAX_LEVELS`] are traced). Cells with a non-finite corner are skipped, so holes
/// in a custom surface simply break the lines. Returned in ascending order of level.
pub fn contours(grid: &Grid, levels: &[f64]) -> Vec<ContourLevel> {
    let mut order: Vec<f64> = levels.iter().copied().filter(|l| l.is_finite()).collect();
    order.sort_by(f64::total_cmp);
    order.dedup();
    order.truncate(MAX_LEVELS);
    let segs = march(grid, &order);
    let mut per_level: Vec<Vec<Seg>> = vec![Vec::new(); order.len()];
    for s in segs.into_iter().flatten() {
        per_level[s.level as usize].push(s);
    }
    order
        .iter()
        .zip(per_level)
        .map(|(&value, segs)| ContourLevel {
            value,
            lines: join(&segs),
        })
        .collect()
}

/// Marks a non-finite node in the bucket array.
const NO_BUCKET: u8 = u8::MAX;
/// Most levels one call traces (the bucket of a node must fit a `u8` beside `NO_BUCKET`).
pub const MAX_LEVELS: usize = 254;

/// How many threads to split `cells` items across.
fn threads_for(cells: usize) -> usize {
    if cells < 1 << 15 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8))
    }
}

/// Runs marching squares over horizontal bands of cells on a few threads.
///
/// Each node first gets its bucket: how many levels lie below its value. A cell is
/// crossed by exactly the levels from its lowest corner's bucket up to (not including)
/// its highest corner's, so most cells are skipped by comparing four bytes, and the
/// binary search over the levels runs once per node instead of twice per cell.
fn march(grid: &Grid, levels: &[f64]) -> Vec<Vec<Seg>> {
    let (w, h) = (grid.width, grid.height);
    if w < 2 || h < 2 || levels.is_empty() {
        return Vec::new();
    }
    let geo = GridGeometry::new(grid.view, w, h);
    let threads = threads_for(w * h);
    let mut buckets = vec![0u8; w * h];
    let per_node = (w * h).div_ceil(threads);
    let jobs: Vec<(&mut [u8], &[f64])> = buckets
        .chunks_mut(per_node)
        .zip(grid.values.chunks(per_node))
        .collect();
    crate::core::par::map(jobs, |(chunk, values)| {
        for (b, v) in chunk.iter_mut().zip(values) {
            *b = if v.is_finite() {
                levels.partition_point(|l| l < v) as u8
            } else {
                NO_BUCKET
            };
        }
    });
    let cell_rows = h - 1;
    let per = cell_rows.div_ceil(threads);
    let buckets = &buckets;
    crate::core::par::map((0..threads).collect(), |i| {
        let rows = (i * per)..((i + 1) * per).min(cell_rows);
        march_rows(grid, buckets, &geo, levels, rows)
    })
}

fn march_rows(
    grid: &Grid,
    buckets: &[u8],
    geo: &GridGeometry,
    levels: &[f64],
    rows: std::ops::Range<usize>,
) -> Vec<Seg> {
    let w = grid.width;
    let v = &grid.values;
    let mut out = Vec::new();
    for r in rows {
        let (top, bottom) = (
            &buckets[r * w..(r + 1) * w],
            &buckets[(r + 1) * w..(r + 2) * w],
        );
        for c in 0..w - 1 {
            let q = [top[c], top[c + 1], bottom[c + 1], bottom[c]];
            let lo = q[0].min(q[1]).min(q[2]).min(q[3]);
            let hi = q[0].max(q[1]).max(q[2]).max(q[3]);
            if lo == hi || hi == NO_BUCKET {
                continue;
            }
            let vals = [
                v[r * w + c],
                v[r * w + c + 1],
                v[(r + 1) * w + c + 1],
                v[(r + 1) * w + c],
            ];
            for k in lo..hi {
                cell_segments(
                    geo,
                    w,
                    r,
                    c,
                    &vals,
                    levels[k as usize],
                    u32::from(k),
                    &mut out,
                );
            }
        }
    }
    out
}

/// Edge indices within a cell.
const TOP: usize = 0;
const RIGHT: usize = 1;
const BOTTOM: usize = 2;
const LEFT: usize = 3;

#[allow(clippy::too_many_arguments)]
#[inline]
fn cell_segments(
    geo: &GridGeometry,
    w: usize,
    r: usize,
    c: usize,
    q: &[f64; 4],
    level: f64,
    k: u32,
    out: &mut Vec<Seg>,
) {
    let high = |i: usize| q[i] > level;
    let case = usize::from(high(0))
        | usize::from(high(1)) << 1
        | usize::from(high(2)) << 2
        | usize::from(high(3)) << 3;
    let centre_high = || (q[0] + q[1] + q[2] + q[3]) * 0.25 > level;
    let pairs: &[[usize; 2]] = match case {
        1 | 14 => &[[LEFT, TOP]],
        2 | 13 => &[[TOP, RIGHT]],
        3 | 12 => &[[LEFT, RIGHT]],
        4 | 11 => &[[RIGHT, BOTTOM]],
        6 | 9 => &[[TOP, BOTTOM]],
        7 | 8 => &[[LEFT, BOTTOM]],
        // Saddles: the centre decides which diagonal pair of corners is connected.
        5 => {
            if centre_high() {
                &[[TOP, RIGHT], [LEFT, BOTTOM]]
            } else {
                &[[LEFT, TOP], [RIGHT, BOTTOM]]
            }
        }
        10 => {
            if centre_high() {
                &[[LEFT, TOP], [RIGHT, BOTTOM]]
            } else {
                &[[TOP, RIGHT], [LEFT, BOTTOM]]
            }
        }
        _ => &[],
    };
    let (rf, cf) = (r as f64, c as f64);
    let frac = |a: f64, b: f64| (level - a) / (b - a);
    let edge = |e: usize| -> (u64, [f64; 2]) {
        let (id, col, row) = match e {
            TOP => (2 * (r * w + c), cf + frac(q[0], q[1]), rf),
            BOTTOM => (2 * ((r + 1) * w + c), cf + frac(q[3], q[2]), rf + 1.0),
            LEFT => (2 * (r * w + c) + 1, cf, rf + frac(q[0], q[3])),
            _ => (2 * (r * w + c + 1) + 1, cf + 1.0, rf + frac(q[1], q[2])),
        };
        (id as u64, [geo.xf(col), geo.yf(row)])
    };
    for [a, b] in pairs {
        let (ea, pa) = edge(*a);
        let (eb, pb) = edge(*b);
        out.push(Seg {
            level: k,
            edges: [ea, eb],
            points: [pa, pb],
        });
    }
}

/// Joins one level's segments into polylines through their shared edges.
fn join(segs: &[Seg]) -> Vec<Vec<[f64; 2]>> {
    let mut by_edge = EdgeMap::with_capacity_and_hasher(segs.len() * 2, Default::default());
    for (i, s) in segs.iter().enumerate() {
        for e in s.edges {
            let slot = by_edge.entry(e).or_insert([NONE, NONE]);
            if slot[0] == NONE {
                slot[0] = i as u32;
            } else {
                slot[1] = i as u32;
            }
        }
    }
    let mut used = vec![false; segs.len()];
    let mut lines = Vec::new();
    // Follows the chain leaving segment `from` through edge `edge`, pushing points.
    let walk = |mut from: usize, mut edge: u64, used: &mut [bool], out: &mut Vec<[f64; 2]>| {
        while let Some(&[a, b]) = by_edge.get(&edge) {
            let next = if a as usize == from { b } else { a };
            if next == NONE || used[next as usize] {
                break;
            }
            let n = next as usize;
            used[n] = true;
            let s = &segs[n];
            let far = if s.edges[0] == edge { 1 } else { 0 };
            out.push(s.points[far]);
            from = n;
            edge = s.edges[far];
        }
    };
    for i in 0..segs.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let s = &segs[i];
        let mut forward = vec![s.points[0], s.points[1]];
        walk(i, s.edges[1], &mut used, &mut forward);
        let mut backward = Vec::new();
        walk(i, s.edges[0], &mut used, &mut backward);
        if backward.is_empty() {
            lines.push(forward);
        } else {
            backward.reverse();
            backward.extend(forward);
            lines.push(backward);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::surfaces::{Quadratic, Rosenbrock, Surface, View};

    #[test]
    fn a_circle_is_one_closed_ring_at_the_right_radius() {
        let s = Surface::Quadratic(Quadratic {
            lambda1: 2.0,
            lambda2: 2.0,
            angle_deg: 0.0,
        });
        let view = View {
            x: [-2.0, 2.0],
            y: [-2.0, 2.0],
        };
        let g = Grid::evaluate(&s, view, 200, 200);
        // x² + y² = 1
        let c = contours(&g, &[1.0]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].lines.len(), 1, "one ring");
        let ring = &c[0].lines[0];
        assert!(ring.len() > 100);
        assert_eq!(ring.first(), ring.last(), "closed");
        for p in ring {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            assert!((r - 1.0).abs() < 1e-3, "{r}");
        }
    }

    #[test]
    fn open_lines_end_on_the_border_and_levels_are_log_spaced() {
        let s = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
        let g = Grid::evaluate(&s, s.default_view(), 300, 300);
        let scale = g.color_scale(&s);
        let lv = levels(&scale, 20);
        assert_eq!(lv.len(), 20);
        let ratios: Vec<f64> = lv.windows(2).map(|w| w[1] / w[0]).collect();
        assert!(
            ratios[15] > 1.2 && (ratios[15] - ratios[16]).abs() < 0.05 * ratios[15],
            "{ratios:?}"
        );
        let c = contours(&g, &lv);
        assert_eq!(c.len(), 20);
        assert!(c.iter().all(|l| !l.lines.is_empty()));
        // Below 1 the valley floor is curved on the scale of a cell: too crude to check.
        for l in c.iter().filter(|l| l.value >= 1.0) {
            for line in &l.lines {
                for p in line {
                    let q = crate::core::Vec2::new(p[0], p[1]);
                    let v = s.value(q);
                    // Linear interpolation is off by at most about |∇f| × a cell.
                    let cell = 4.0 / 300.0;
                    assert!(
                        (v - l.value).abs() <= s.gradient(q).norm() * cell + 1e-9,
                        "{v} vs {}",
                        l.value
                    );
                }
            }
        }
    }

    #[test]
    fn nan_cells_are_skipped() {
        let e = crate::core::expr::Expr::parse("sqrt(x) + y").expect("valid");
        let view = View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
        let g = Grid::evaluate(&Surface::Custom(e), view, 50, 50);
        let c = contours(&g, &[0.5, f64::NAN]);
        assert_eq!(c.len(), 1);
        assert!(c[0].lines.iter().flatten().all(|p| p[0] >= 0.0));
    }
}
