//! The loss curves beside the landscape: one line per run on a log y axis, in the runs'
//! colours.

use super::canvas::{Anchor, Canvas, Pos, Rect, Stroke};
use super::colormap::{Color, format_tick, nice_ticks};
use super::draw::Layer;
use super::{opaque, run_color};
use crate::core::run::RunSet;

const TEXT: Color = [30, 30, 36, 255];
const FRAME: Color = [70, 70, 80, 255];
const GRID: Color = [0, 0, 0, 28];

/// One run's curve, x = step, y = log10(loss).
#[derive(Debug, Clone, PartialEq)]
pub struct LossCurve {
    /// Index of the run.
    pub run: usize,
    /// Line colour (the trajectory's).
    pub color: [u8; 3],
    /// (step, log10 loss), cut to the playhead, at most about two points per pixel column.
    pub points: Vec<[f64; 2]>,
}

/// Loss against step for every visible run, revealed up to a playhead.
#[derive(Debug, Clone, PartialEq)]
pub struct LossPlot {
    /// One per visible run with a finite loss.
    pub curves: Vec<LossCurve>,
    /// x range: 0 to the longest run's steps.
    pub x_range: [f64; 2],
    /// log10 of the y range, from the whole runs so the axes never move in an animation.
    pub log_y_range: [f64; 2],
    /// Step ticks.
    pub x_ticks: Vec<f64>,
    /// Loss ticks (decades).
    pub y_ticks: Vec<f64>,
}

impl LossPlot {
    /// The curves of `runs` up to `playhead`, for a plot about `width_px` wide;
    /// `visible[i]` hides run i when false. Non-finite losses are skipped and
    /// non-positive ones drawn at the bottom of the axis.
    pub fn build(runs: &RunSet, playhead: usize, visible: &[bool], width_px: usize) -> LossPlot {
        let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
        let finite = runs
            .runs
            .iter()
            .enumerate()
            .filter(|(i, _)| shown(*i))
            .flat_map(|(_, r)| r.loss.iter().copied())
            .filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (if v > 0.0 { lo.min(v) } else { lo }, hi.max(v))
        });
        let (mut ylo, mut yhi) = if lo <= hi && hi > 0.0 {
            // Fifteen decades are plenty; deeper values are round-off, not progress.
            (lo.max(hi * 1e-15).log10(), hi.log10())
        } else {
            (-1.0, 1.0)
        };
        if yhi - ylo < 1.0 {
            let mid = 0.5 * (ylo + yhi);
            (ylo, yhi) = (mid - 0.5, mid + 0.5);
        }
        // A little air above and below, so no curve runs along the frame.
        let pad = 0.04 * (yhi - ylo);
        (ylo, yhi) = (ylo - pad, yhi + pad);
        let longest = runs
            .runs
            .iter()
            .map(|r| r.loss.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
            .max(1);
        let curves = runs
            .runs
            .iter()
            .enumerate()
            .filter(|(i, _)| shown(*i))
            .map(|(i, r)| {
                let end = playhead.min(r.loss.len().saturating_sub(1));
                let pts = r
                    .loss
                    .iter()
                    .take(end + 1)
                    .enumerate()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(t, v)| [t as f64, if *v > 0.0 { v.log10().max(ylo) } else { ylo }]);
                LossCurve {
                    run: i,
                    color: run_color(r, i),
                    points: envelope(pts, longest, width_px.max(1)),
                }
            })
            .filter(|c| !c.points.is_empty())
            .collect();
        let (d0, d1) = (ylo.ceil() as i32, yhi.floor() as i32);
        let every = ((d1 - d0).max(0) as usize / 6) + 1;
        LossPlot {
            curves,
            x_range: [0.0, longest as f64],
            log_y_range: [ylo, yhi],
            x_ticks: nice_ticks(0.0, longest as f64, 5),
            y_ticks: log_ticks(ylo, yhi, d0, d1, every),
        }
    }

    /// The plotting area inside `rect`, leaving room for tick labels and the title.
    pub fn plot_rect(rect: Rect, font: f32) -> Rect {
        Rect::from_min_max(
            [rect.min[0] + 4.2 * font, rect.min[1] + 1.5 * font],
            [rect.max[0] - 1.2 * font, rect.max[1] - 2.6 * font],
        )
    }

    /// Draws one layer into `rect`, with text of `font` pixels.
    pub fn draw_layer(&self, canvas: &mut dyn Canvas, rect: Rect, font: f32, layer: Layer) {
        let p = Self::plot_rect(rect, font);
        let f = font;
        let [x0, x1] = self.x_range;
        let [y0, y1] = self.log_y_range;
        let to_screen = |q: [f64; 2]| -> Pos {
            [
                p.min[0] + ((q[0] - x0) / (x1 - x0)) as f32 * p.width(),
                p.max[1] - ((q[1] - y0) / (y1 - y0)) as f32 * p.height(),
            ]
        };
        if layer != Layer::Foreground {
            canvas.rect(p, Some([255, 255, 255, 255]), None);
            for &x in &self.x_ticks {
                let sx = to_screen([x, y0])[0];
                canvas.polyline(&[[sx, p.min[1]], [sx, p.max[1]]], Stroke::new(1.0, GRID));
                canvas.polyline(
                    &[[sx, p.max[1]], [sx, p.max[1] + 0.35 * f]],
                    Stroke::new(1.0, FRAME),
                );
                canvas.text(
                    [sx, p.max[1] + 0.45 * f],
                    &format_tick(x),
                    f,
                    TEXT,
                    Anchor::CENTER_TOP,
                );
            }
            for &y in &self.y_ticks {
                let sy = to_screen([x0, y.log10()])[1];
                canvas.polyline(&[[p.min[0], sy], [p.max[0], sy]], Stroke::new(1.0, GRID));
                canvas.polyline(
                    &[[p.min[0] - 0.35 * f, sy], [p.min[0], sy]],
                    Stroke::new(1.0, FRAME),
                );
                canvas.text(
                    [p.min[0] - 0.5 * f, sy],
                    &format_tick(y),
                    0.9 * f,
                    TEXT,
                    Anchor::RIGHT_CENTER,
                );
            }
            canvas.rect(p, None, Some(Stroke::new(1.0, FRAME)));
            canvas.text(
                [p.min[0], p.min[1] - 0.35 * f],
                "loss (log scale)",
                f,
                TEXT,
                Anchor::LEFT_BOTTOM,
            );
            canvas.text(
                [0.5 * (p.min[0] + p.max[0]), p.max[1] + 1.35 * f],
                "step",
                1.15 * f,
                TEXT,
                Anchor::CENTER_TOP,
            );
        }
        if layer != Layer::Background {
            let mut buf: Vec<Pos> = Vec::new();
            for c in &self.curves {
                buf.clear();
                buf.extend(c.points.iter().map(|q| to_screen(*q)));
                canvas.polyline(&buf, Stroke::new(1.8, opaque(c.color)));
            }
        }
    }
}

/// Decades between `d0` and `d1` (every `every`-th); with fewer than three decades in
/// view, 2× and 5× steps too, so a short axis still has labels.
fn log_ticks(ylo: f64, yhi: f64, d0: i32, d1: i32, every: usize) -> Vec<f64> {
    let mults: &[f64] = if yhi - ylo < 3.0 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    ((d0 - 1)..=d1)
        .filter(|k| (k - d0).rem_euclid(every as i32) == 0)
        .flat_map(|k| mults.iter().map(move |m| m * 10f64.powi(k)))
        .filter(|v| (ylo..=yhi).contains(&v.log10()))
        .collect()
}

/// Keeps at most the first, lowest, highest and last point of every pixel column, so a
/// ten-million-step run draws as fast as a short one and keeps its spikes.
fn envelope(
    points: impl Iterator<Item = [f64; 2]>,
    longest: usize,
    width_px: usize,
) -> Vec<[f64; 2]> {
    let per_col = longest as f64 / width_px as f64;
    if per_col <= 2.0 {
        return points.collect();
    }
    let mut out = Vec::new();
    let mut col = usize::MAX;
    let mut bucket: Vec<[f64; 2]> = Vec::new();
    let flush = |bucket: &mut Vec<[f64; 2]>, out: &mut Vec<[f64; 2]>| {
        if bucket.is_empty() {
            return;
        }
        let lo = bucket.iter().copied().min_by(|a, b| a[1].total_cmp(&b[1]));
        let hi = bucket.iter().copied().max_by(|a, b| a[1].total_cmp(&b[1]));
        let mut keep = vec![bucket[0]];
        keep.extend(lo);
        keep.extend(hi);
        keep.push(bucket[bucket.len() - 1]);
        keep.sort_by(|a, b| a[0].total_cmp(&b[0]));
        keep.dedup();
        out.extend(keep);
        bucket.clear();
    };
    for q in points {
        let c = (q[0] / per_col) as usize;
        if c != col {
            flush(&mut bucket, &mut out);
            col = c;
        }
        bucket.push(q);
    }
    flush(&mut bucket, &mut out);
    out
}
