//! A hyperparameter map as a picture: one block of pixels per cell, reached cells
//! coloured by their step (viridis: few steps bright), diverged and "never" cells in two
//! colours of their own, start-point maps one colour per minimum, the current setting
//! ringed, the axes and a legend in the chosen language.

use std::path::Path;

use crate::core::atomic::write_atomic_with;
use crate::core::map::{Axis, HyperMap, MapKind, Scale};
use crate::lang::{tr, tr_args};
use crate::scene::canvas::{Anchor, Canvas, ImageKey, ImageRef, Rect, Stroke};
use crate::scene::colormap::{Color, format_tick, viridis};

use super::{BACKGROUND, SkiaCanvas, encode_png};

/// Cells whose run diverged.
pub const DIVERGED_COLOR: Color = [214, 39, 40, 255];
/// Cells that never got below the threshold (or reached no minimum).
pub const NEVER_COLOR: Color = [225, 225, 225, 255];
/// One colour per minimum of a start-point map (Tableau 10 without its red).
pub const BASIN_COLORS: [Color; 8] = [
    [31, 119, 180, 255],
    [255, 127, 14, 255],
    [44, 160, 44, 255],
    [148, 103, 189, 255],
    [140, 86, 75, 255],
    [227, 119, 194, 255],
    [188, 189, 34, 255],
    [23, 190, 207, 255],
];
const INK: Color = [30, 30, 30, 255];

/// The colour of one cell of `map`; `max_step` is the largest step of a reached cell.
pub fn cell_color(map: &HyperMap, cell: i64, max_step: i64) -> Color {
    match map.kind {
        MapKind::Steps => match cell {
            c if c > 0 => {
                // Few steps bright (yellow), many dark: the good settings stand out.
                let f = 1.0 - (c - 1) as f64 / (max_step - 1).max(1) as f64;
                viridis()[(f * 255.0).round().clamp(0.0, 255.0) as usize]
            }
            0 => NEVER_COLOR,
            _ => DIVERGED_COLOR,
        },
        MapKind::Basins => match cell {
            c if c >= 0 => BASIN_COLORS[c as usize % BASIN_COLORS.len()],
            -1 => NEVER_COLOR,
            _ => DIVERGED_COLOR,
        },
    }
}

/// Where `v` falls along `axis`, from 0 (first value) to 1 (last), on its scale.
fn fraction(axis: &Axis, v: f64) -> f64 {
    let (lo, hi) = (axis.values[0], axis.values[axis.values.len() - 1]);
    match axis.scale {
        Scale::Log => (v.log10() - lo.log10()) / (hi.log10() - lo.log10()),
        Scale::Lin => (v - lo) / (hi - lo),
    }
}

/// Draws `map` on a new `width × height` canvas.
pub fn draw_map(map: &HyperMap, width: u32, height: u32) -> std::io::Result<SkiaCanvas> {
    let mut canvas = SkiaCanvas::new(width, height, BACKGROUND)
        .ok_or_else(|| std::io::Error::other("image size out of range"))?;
    let (w, h) = (width as f32, height as f32);
    let plot = Rect::from_min_max(
        [90.0, 50.0],
        [(w - 230.0).max(120.0), (h - 70.0).max(100.0)],
    );
    let (nx, ny) = (map.x.values.len(), map.y.values.len());
    // Nearest-neighbour blocks at 1:1: the canvas would smooth a stretched image, which
    // blurs the boundaries the map is about.
    let (pw, ph) = (
        plot.width().round() as usize,
        plot.height().round() as usize,
    );
    let max_step = map.cells.iter().flatten().copied().max().unwrap_or(1);
    let mut rgba = vec![0u8; pw * ph * 4];
    for py in 0..ph {
        // Row 0 of the image is the top: the last y value.
        let row = ny - 1 - (py * ny / ph).min(ny - 1);
        for px in 0..pw {
            let col = (px * nx / pw).min(nx - 1);
            let c = cell_color(map, map.cells[row][col], max_step);
            rgba[(py * pw + px) * 4..][..4].copy_from_slice(&c);
        }
    }
    canvas.image(
        Rect::from_min_max(plot.min, [plot.min[0] + pw as f32, plot.min[1] + ph as f32]),
        &ImageRef {
            key: ImageKey(0),
            width: pw,
            height: ph,
            rgba: &rgba,
        },
    );
    canvas.rect(plot, None, Some(Stroke::new(1.0, INK)));

    // The current setting: a ring where the scenario's own values sit.
    let (fx, fy) = (
        fraction(&map.x, map.x.current),
        fraction(&map.y, map.y.current),
    );
    if (0.0..=1.0).contains(&fx) && (0.0..=1.0).contains(&fy) {
        let p = [
            plot.min[0] + fx as f32 * plot.width(),
            plot.max[1] - fy as f32 * plot.height(),
        ];
        canvas.circle(p, 7.0, None, Some(Stroke::new(3.0, [255, 255, 255, 255])));
        canvas.circle(p, 7.0, None, Some(Stroke::new(1.5, INK)));
    }

    // Axes: names and end values (ids and numbers, as the command line wrote them).
    let size = 14.0;
    for (i, v) in [(0usize, map.x.values[0]), (nx - 1, map.x.values[nx - 1])] {
        let anchor = if i == 0 {
            Anchor::LEFT_TOP
        } else {
            Anchor {
                h: crate::scene::canvas::HAlign::Right,
                v: crate::scene::canvas::VAlign::Top,
            }
        };
        let x = if i == 0 { plot.min[0] } else { plot.max[0] };
        canvas.text([x, plot.max[1] + 6.0], &format_tick(v), size, INK, anchor);
    }
    let x_name = match map.x.scale {
        Scale::Log => format!("{} (log)", map.x.param),
        Scale::Lin => map.x.param.clone(),
    };
    canvas.text(
        [0.5 * (plot.min[0] + plot.max[0]), plot.max[1] + 26.0],
        &x_name,
        size + 2.0,
        INK,
        Anchor::CENTER_TOP,
    );
    canvas.text(
        [plot.min[0] - 6.0, plot.max[1]],
        &format_tick(map.y.values[0]),
        size,
        INK,
        Anchor {
            h: crate::scene::canvas::HAlign::Right,
            v: crate::scene::canvas::VAlign::Bottom,
        },
    );
    canvas.text(
        [plot.min[0] - 6.0, plot.min[1]],
        &format_tick(map.y.values[ny - 1]),
        size,
        INK,
        Anchor {
            h: crate::scene::canvas::HAlign::Right,
            v: crate::scene::canvas::VAlign::Top,
        },
    );
    let y_name = match map.y.scale {
        Scale::Log => format!("{} (log)", map.y.param),
        Scale::Lin => map.y.param.clone(),
    };
    canvas.text(
        [plot.min[0] - 6.0, 0.5 * (plot.min[1] + plot.max[1])],
        &y_name,
        size + 2.0,
        INK,
        Anchor::RIGHT_CENTER,
    );

    // Title and legend.
    let title = match (map.kind, map.threshold) {
        (MapKind::Steps, Some(t)) => tr_args(
            "map-title-steps",
            &[
                ("optimizer", map.optimizer.1.to_string()),
                ("threshold", format_tick(t)),
            ],
        ),
        _ => tr_args(
            "map-title-basins",
            &[("optimizer", map.optimizer.1.to_string())],
        ),
    };
    canvas.text(
        [plot.min[0], 16.0],
        &title,
        size + 3.0,
        INK,
        Anchor::LEFT_TOP,
    );
    let mut entries: Vec<(Color, String)> = Vec::new();
    match map.kind {
        MapKind::Steps => {
            entries.push((
                cell_color(map, 1, max_step),
                tr_args("map-legend-fast", &[("step", "1".into())]),
            ));
            entries.push((
                cell_color(map, max_step.max(1), max_step),
                tr_args("map-legend-slow", &[("step", max_step.max(1).to_string())]),
            ));
            entries.push((NEVER_COLOR, tr("map-legend-never")));
        }
        MapKind::Basins => {
            for (i, m) in map.minima.iter().enumerate() {
                entries.push((
                    BASIN_COLORS[i % BASIN_COLORS.len()],
                    format!("({}, {})", format_tick(m[0]), format_tick(m[1])),
                ));
            }
            entries.push((NEVER_COLOR, tr("map-legend-none")));
        }
    }
    entries.push((DIVERGED_COLOR, tr("map-legend-diverged")));
    entries.push(([0, 0, 0, 0], tr("map-legend-current")));
    let lx = plot.max[0] + 20.0;
    for (i, (color, text)) in entries.iter().enumerate() {
        let y = plot.min[1] + 10.0 + 24.0 * i as f32;
        if color[3] == 0 {
            canvas.circle([lx + 8.0, y], 6.0, None, Some(Stroke::new(1.5, INK)));
        } else {
            canvas.rect(
                Rect::from_min_max([lx, y - 8.0], [lx + 16.0, y + 8.0]),
                Some(*color),
                Some(Stroke::new(1.0, INK)),
            );
        }
        canvas.text([lx + 24.0, y], text, size, INK, Anchor::LEFT_CENTER);
    }
    Ok(canvas)
}

/// Draws `map` and writes it to `path` as a PNG, atomically.
pub fn write_map_png(path: &Path, map: &HyperMap, width: u32, height: u32) -> std::io::Result<()> {
    let canvas = draw_map(map, width, height)?;
    write_atomic_with(path, |w| encode_png(&canvas.pixmap, w))
}
