//! The tuning windows: the learning-rate range test (`core::lr_find`) with its curve and
//! suggestions, and the fair comparison (`core::compare`) with its verdict in words. Their
//! results follow the scenario (see `tuning_results`).

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, VLine};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use super::tuning_results::Tuning;
use super::widgets::fmt_num;
use crate::core::compare::{Comparison, Outcome, Verdict};
use crate::core::lr_find::{LrFind, LrFindSettings};

/// The colour of each suggestion's marker, in the order steepest, minimum ÷ 10, valley.
const MARKS: [Color32; 3] = [
    Color32::from_rgb(230, 120, 20),
    Color32::from_rgb(40, 140, 220),
    Color32::from_rgb(40, 170, 90),
];

/// The tuning windows, when open.
pub fn tuning_windows_ui(ctx: &egui::Context, state: &mut AppState, tuning: &mut Tuning) {
    lr_find_window(ctx, state, tuning);
    compare_window(ctx, state, tuning);
    map_window(ctx, state, tuning);
}

/// The hyperparameter map of the selected optimizer: each cell a run of the current
/// scenario with that setting, coloured by the first step below 1 % of the way down (or
/// by the minimum a start reaches); the current setting ringed; a click applies a cell.
fn map_window(ctx: &egui::Context, state: &mut AppState, tuning: &mut Tuning) {
    use crate::core::map::MapKind;
    if !tuning.map_open {
        return;
    }
    let mut open = true;
    let selected = state
        .selected
        .min(state.scenario.optimizers.len().saturating_sub(1));
    let mut apply: Option<[(String, f64); 2]> = None;
    egui::Window::new(tr("map-title"))
        .id(egui::Id::unique("hyperparameter map window"))
        .open(&mut open)
        .default_width(440.0)
        .show(ctx, |ui| {
            let label = state
                .runs
                .runs
                .get(selected)
                .map(|r| r.label.clone())
                .unwrap_or_default();
            ui.label(tr_args("map-intro", &[("optimizer", label)]));
            ui.horizontal(|ui| {
                let mut start = tuning.map_start;
                ui.selectable_value(&mut start, false, tr("map-mode-params"))
                    .on_hover_text(tr("map-mode-params-tip"));
                ui.selectable_value(&mut start, true, tr("map-mode-start"))
                    .on_hover_text(tr("map-mode-start-tip"));
                if start != tuning.map_start {
                    tuning.map_start = start;
                }
                if tuning.map_cells == 0 {
                    tuning.map_cells = crate::app::tuning_results::APP_MAP_CELLS;
                }
                ui.add(egui::Slider::new(&mut tuning.map_cells, 8..=64).text(tr("map-cells")))
                    .on_hover_text(tr("map-cells-tip"));
                if ui
                    .button(tr("map-recentre"))
                    .on_hover_text(tr("map-recentre-tip"))
                    .clicked()
                {
                    tuning.map_axes = None;
                }
            });
            let Some(axes) = tuning.map_axes(&state.scenario, selected) else {
                return;
            };
            let Some((result, stale)) = tuning.map(&state.scenario, state.generation, axes) else {
                ui.colored_label(
                    super::widgets::ink::WARN,
                    tr_args(
                        "map-too-long",
                        &[("steps", state.scenario.steps.to_string())],
                    ),
                );
                return;
            };
            let map = match result {
                Ok(m) => m,
                Err(e) => {
                    ui.colored_label(super::widgets::ink::BAD, e);
                    return;
                }
            };
            if stale {
                ui.colored_label(super::widgets::ink::WARN, tr("map-stale"));
            }
            let s = map.summary;
            ui.label(tr_args(
                match map.kind {
                    MapKind::Steps => "map-summary",
                    MapKind::Basins => "map-summary-basins",
                },
                &[
                    (
                        "cells",
                        (map.x.values.len() * map.y.values.len()).to_string(),
                    ),
                    ("reached", s.reached.to_string()),
                    ("diverged", s.diverged.to_string()),
                    ("median", s.median_step.to_string()),
                ],
            ));
            apply = map_grid_ui(ui, map, stale);
            ui.weak(tr(match map.kind {
                MapKind::Steps => "map-key",
                MapKind::Basins => "map-key-basins",
            }));
        });
    if let Some(values) = apply {
        for (param, v) in values {
            match param.as_str() {
                "lr" => {
                    if let Some(o) = state.scenario.optimizers.get_mut(selected) {
                        o.lr = v;
                    }
                }
                "start_x" => state.scenario.start.x = v,
                "start_y" => state.scenario.start.y = v,
                name => {
                    if let Some(o) = state.scenario.optimizers.get_mut(selected) {
                        o.kind = o.kind.with_param(name, v);
                    }
                }
            }
        }
        state.mark_changed();
    }
    tuning.map_open = open;
    if tuning.map_pending() {
        // The worker's map is shown on the first frame after it is done.
        ctx.request_repaint_after(std::time::Duration::from_millis(15));
    }
}

/// The map's cells, axes and ring; returns the setting of a clicked cell.
fn map_grid_ui(
    ui: &mut Ui,
    map: &crate::core::map::HyperMap,
    stale: bool,
) -> Option<[(String, f64); 2]> {
    use crate::render::map::cell_color;
    let (nx, ny) = (map.x.values.len(), map.y.values.len());
    if nx == 0 || ny == 0 {
        return None;
    }
    // A fixed size: sized from the window's width, the window would resize itself every
    // frame.
    let side = 320.0;
    let (outer, response) =
        ui.allocate_exact_size(egui::vec2(side + 60.0, side + 56.0), egui::Sense::click());
    let rect =
        egui::Rect::from_min_size(outer.min + egui::vec2(56.0, 20.0), egui::vec2(side, side));
    // Where the grid went (for tests, as the landscape's rectangles are kept).
    ui.data_mut(|d| d.insert_temp(egui::Id::unique("map grid rect"), rect));
    let painter = ui.painter_at(outer);
    let max_step = map.cells.iter().flatten().copied().max().unwrap_or(1);
    let (cw, ch) = (rect.width() / nx as f32, rect.height() / ny as f32);
    for (row, cells) in map.cells.iter().enumerate() {
        for (col, &c) in cells.iter().enumerate() {
            let [r, g, b, a] = cell_color(map, c, max_step);
            // Row 0 is the lowest y: drawn at the bottom.
            let min = egui::pos2(
                rect.left() + col as f32 * cw,
                rect.bottom() - (row + 1) as f32 * ch,
            );
            let mut colour = Color32::from_rgba_unmultiplied(r, g, b, a);
            if stale {
                colour = colour.gamma_multiply(0.45);
            }
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(cw + 0.5, ch + 0.5)),
                0.0,
                colour,
            );
        }
    }
    let ink = ui.visuals().text_color();
    let (col, row) = map.current_cell();
    let centre = egui::pos2(
        rect.left() + (col as f32 + 0.5) * cw,
        rect.bottom() - (row as f32 + 0.5) * ch,
    );
    painter.circle_stroke(
        centre,
        (cw.max(ch) * 0.9).max(6.0),
        egui::Stroke::new(2.5, Color32::WHITE),
    );
    painter.circle_stroke(
        centre,
        (cw.max(ch) * 0.9).max(6.0) + 2.0,
        egui::Stroke::new(1.5, Color32::BLACK),
    );
    let font = egui::FontId::proportional(12.0);
    let first_last =
        |a: &crate::core::map::Axis| (fmt_num(a.values[0]), fmt_num(a.values[a.values.len() - 1]));
    let (x0, x1) = first_last(&map.x);
    let (y0, y1) = first_last(&map.y);
    painter.text(
        rect.left_bottom() + egui::vec2(0.0, 3.0),
        egui::Align2::LEFT_TOP,
        x0,
        font.clone(),
        ink,
    );
    painter.text(
        rect.right_bottom() + egui::vec2(0.0, 3.0),
        egui::Align2::RIGHT_TOP,
        x1,
        font.clone(),
        ink,
    );
    painter.text(
        rect.center_bottom() + egui::vec2(0.0, 3.0),
        egui::Align2::CENTER_TOP,
        axis_name(&map.x),
        font.clone(),
        ink,
    );
    painter.text(
        rect.left_bottom() - egui::vec2(4.0, 0.0),
        egui::Align2::RIGHT_BOTTOM,
        y0,
        font.clone(),
        ink,
    );
    painter.text(
        rect.left_top() - egui::vec2(4.0, 0.0),
        egui::Align2::RIGHT_TOP,
        y1,
        font.clone(),
        ink,
    );
    // The rows' name above the grid, where a long name ("y de partida") has room.
    painter.text(
        rect.left_top() - egui::vec2(0.0, 3.0),
        egui::Align2::LEFT_BOTTOM,
        axis_name(&map.y),
        font,
        ink,
    );
    // The cell under the pointer: its setting and what it did; a click applies it.
    let cell_at = |p: egui::Pos2| -> Option<(usize, usize)> {
        rect.contains(p).then(|| {
            let col = (((p.x - rect.left()) / cw) as usize).min(nx - 1);
            let row = (((rect.bottom() - p.y) / ch) as usize).min(ny - 1);
            (col, row)
        })
    };
    let pointer = response.hover_pos().and_then(cell_at);
    if let Some((col, row)) = pointer {
        let c = map.cells[row][col];
        let outcome = match (map.kind, c) {
            (crate::core::map::MapKind::Steps, c) if c > 0 => {
                tr_args("map-cell-steps", &[("steps", c.to_string())])
            }
            (crate::core::map::MapKind::Basins, c) if c >= 0 => {
                tr_args("map-cell-basin", &[("minimum", (c + 1).to_string())])
            }
            (crate::core::map::MapKind::Steps, 0) | (crate::core::map::MapKind::Basins, -1) => {
                tr("map-cell-never")
            }
            _ => tr("map-cell-diverged"),
        };
        response.clone().on_hover_text(format!(
            "{} = {}, {} = {}: {outcome}",
            axis_name(&map.x),
            fmt_num(map.x.values[col]),
            axis_name(&map.y),
            fmt_num(map.y.values[row]),
        ));
    }
    if response.clicked()
        && let Some((col, row)) = response.interact_pointer_pos().and_then(cell_at)
    {
        return Some([
            (map.x.param.clone(), map.x.values[col]),
            (map.y.param.clone(), map.y.values[row]),
        ]);
    }
    None
}

/// An axis's parameter as a file names it (`lr`, `momentum`, `beta1`), or the start's
/// coordinate in words.
fn axis_name(a: &crate::core::map::Axis) -> String {
    match a.param.as_str() {
        "start_x" => tr("map-axis-start-x"),
        "start_y" => tr("map-axis-start-y"),
        p => p.to_string(),
    }
}

fn lr_find_window(ctx: &egui::Context, state: &mut AppState, tuning: &mut Tuning) {
    if !tuning.lr_find_open {
        return;
    }
    let mut open = true;
    let selected = state
        .selected
        .min(state.scenario.optimizers.len().saturating_sub(1));
    let result = tuning
        .lr_find(&state.scenario, state.generation, selected)
        .clone();
    // Edited here, applied after the window: the next frame tests the new range.
    let mut range = tuning.lr_find_range;
    let mut apply: Option<(f64, &'static str)> = None;
    egui::Window::new(tr("lrfind-title"))
        .id(egui::Id::unique("lr range test window"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| match &result {
            Err(e) => {
                ui.colored_label(super::widgets::ink::BAD, e);
            }
            Ok(r) => {
                ui.label(tr_args(
                    "lrfind-intro",
                    &[
                        ("optimizer", r.label.clone()),
                        ("from", fmt_num(range.from)),
                        ("to", fmt_num(range.to)),
                        ("steps", range.steps.to_string()),
                    ],
                ));
                range_ui(ui, &mut range);
                if let Some(step) = r.stopped_at {
                    ui.label(tr_args("lrfind-stopped", &[("step", step.to_string())]));
                }
                let current = state.scenario.optimizers.get(selected).map(|o| o.lr);
                curve_ui(ui, r, current);
                apply = suggestions_ui(ui, r);
            }
        });
    tuning.lr_find_range = range;
    if let Some((lr, rule)) = apply
        && let Some(o) = state.scenario.optimizers.get_mut(selected)
    {
        o.lr = lr;
        state.notice = Some(tr_args(
            "lrfind-applied",
            &[
                ("optimizer", o.display_label()),
                ("lr", fmt_num(lr)),
                ("rule", tr(rule)),
            ],
        ));
        state.mark_changed();
    }
    tuning.lr_find_open = open;
}

/// The range's first and last rate and its length, kept valid (from < to, ≥ 10 steps) so
/// that the test never fails on a setting made here.
fn range_ui(ui: &mut Ui, range: &mut LrFindSettings) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr("lrfind-from"));
        ui.add(
            egui::DragValue::new(&mut range.from)
                .range(1e-9..=1.0)
                .speed(0.0)
                .custom_formatter(|v, _| fmt_num(v)),
        )
        .on_hover_text(tr("lrfind-from-tip"));
        ui.label(tr("lrfind-to"));
        ui.add(
            egui::DragValue::new(&mut range.to)
                .range(1e-6..=100.0)
                .speed(0.0)
                .custom_formatter(|v, _| fmt_num(v)),
        )
        .on_hover_text(tr("lrfind-to-tip"));
        ui.label(tr("lrfind-steps"));
        ui.add(egui::DragValue::new(&mut range.steps).range(10..=5000))
            .on_hover_text(tr("lrfind-steps-tip"));
        for (key, factor) in [("lrfind-wider", 10.0), ("lrfind-narrower", 0.1)] {
            if ui
                .button(tr(key))
                .on_hover_text(tr(&format!("{key}-tip")))
                .clicked()
            {
                range.from = (range.from / factor).clamp(1e-9, 1.0);
                range.to = (range.to * factor).clamp(1e-6, 100.0);
            }
        }
        if ui.button(tr("lrfind-reset")).clicked() {
            *range = LrFindSettings::default();
        }
    });
    // Ten steps per decade at least between the ends keeps the curve readable.
    if range.to <= range.from * 10.0 {
        range.to = (range.from * 10.0).min(100.0);
        range.from = range.from.min(range.to / 10.0);
    }
}

/// The smoothed loss (and, faint, the raw loss) against log₁₀ lr, with the suggestions and
/// the current rate marked.
fn curve_ui(ui: &mut Ui, r: &LrFind, current: Option<f64>) {
    // The blow-up at the end is thousands of times the start: drawn as it is, it flattens
    // the part worth reading. The curve is cut at twice the starting loss (as fastai cuts
    // its plot's end), and on a log scale when every loss is positive.
    let start = r
        .smoothed_loss
        .iter()
        .copied()
        .find(|v| v.is_finite())
        .unwrap_or(1.0);
    let cap = if start > 0.0 {
        2.0 * start
    } else {
        f64::INFINITY
    };
    let log_y = r
        .smoothed_loss
        .iter()
        .chain(&r.loss)
        .filter(|v| v.is_finite())
        .all(|v| *v > 0.0);
    let y_of = move |v: f64| {
        let v = v.min(cap);
        if log_y { v.log10() } else { v }
    };
    let points = |values: &[f64]| -> Vec<[f64; 2]> {
        r.lr.iter()
            .zip(values)
            .filter(|(lr, v)| **lr > 0.0 && v.is_finite())
            .map(|(lr, v)| [lr.log10(), y_of(*v)])
            .collect()
    };
    let smoothed = points(&r.smoothed_loss);
    let raw = points(&r.loss);
    let s = r.suggestions;
    let marks: Vec<(Option<f64>, &str, Color32)> = vec![
        (s.steepest, "lrfind-steepest", MARKS[0]),
        (s.minimum_div_10, "lrfind-minimum", MARKS[1]),
        (s.valley, "lrfind-valley", MARKS[2]),
    ];
    Plot::new("lr range test plot")
        .height(220.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label(tr("lrfind-axis-lr"))
                .formatter(|m, _| fmt_num(10f64.powf(m.value))),
        ])
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .label(tr("lrfind-axis-loss"))
                .formatter(move |m, _| fmt_num(if log_y { 10f64.powf(m.value) } else { m.value })),
        ])
        .y_grid_spacer(move |input| {
            if log_y {
                super::loss_panel::log_marks(input)
            } else {
                egui_plot::log_grid_spacer(10)(input)
            }
        })
        .label_formatter(move |hp| {
            let p = match hp {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position,
            };
            let y = if log_y { 10f64.powf(p.y) } else { p.y };
            Some(format!("lr {}\n{}", fmt_num(10f64.powf(p.x)), fmt_num(y)))
        })
        .show(ui, |plot| {
            plot.line(
                Line::new("raw", PlotPoints::from(raw))
                    .color(Color32::from_gray(150))
                    .width(1.0),
            );
            plot.line(
                Line::new(tr("lrfind-axis-loss"), PlotPoints::from(smoothed))
                    .color(Color32::from_rgb(120, 60, 170))
                    .width(2.5),
            );
            for (lr, key, color) in &marks {
                if let Some(lr) = lr.filter(|v| *v > 0.0) {
                    plot.add(VLine::new(tr(key), lr.log10()).color(*color).width(2.0));
                }
            }
            if let Some(lr) = current.filter(|v| *v > 0.0) {
                plot.add(
                    VLine::new(tr("lrfind-current"), lr.log10())
                        .color(Color32::from_gray(90))
                        .style(egui_plot::LineStyle::dashed_dense())
                        .width(1.5),
                );
            }
        });
}

/// One row per suggestion: its name in its marker's colour, the rate, what the rule
/// means, and a button that applies it. Returns the rate clicked, with its name's key.
fn suggestions_ui(ui: &mut Ui, r: &LrFind) -> Option<(f64, &'static str)> {
    let s = r.suggestions;
    let rows: [(Option<f64>, &'static str, Color32); 3] = [
        (s.steepest, "lrfind-steepest", MARKS[0]),
        (s.minimum_div_10, "lrfind-minimum", MARKS[1]),
        (s.valley, "lrfind-valley", MARKS[2]),
    ];
    if rows.iter().all(|(v, _, _)| v.is_none()) {
        ui.label(tr("lrfind-none"));
        return None;
    }
    let mut clicked = None;
    egui::Grid::new("lr range test suggestions")
        .num_columns(3)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (value, key, color) in rows {
                let Some(lr) = value else { continue };
                ui.label(RichText::new(tr(key)).color(color).strong())
                    .on_hover_text(tr(&format!("{key}-tip")));
                ui.label(fmt_num(lr));
                if ui
                    .button(tr("lrfind-use"))
                    .on_hover_text(tr(&format!("{key}-tip")))
                    .clicked()
                {
                    clicked = Some((lr, key));
                }
                ui.end_row();
            }
        });
    for (_, key, _) in rows {
        ui.small(format!("{}: {}", tr(key), tr(&format!("{key}-tip"))));
    }
    clicked
}

fn compare_window(ctx: &egui::Context, state: &mut AppState, tuning: &mut Tuning) {
    if !tuning.compare_open {
        return;
    }
    let mut open = true;
    let mut second = tuning.compare_second;
    let hold = ctx.input(|i| i.pointer.any_down());
    let (result, stale) = tuning.comparison(&state.scenario, state.generation, hold);
    let result = result.clone();
    let mut apply: Option<(usize, Outcome)> = None;
    egui::Window::new(tr("compare-title"))
        .id(egui::Id::unique("fair comparison window"))
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| match &result {
            Err(e) => {
                ui.colored_label(super::widgets::ink::BAD, e);
            }
            Ok(c) => {
                let grid = &c.lr_grid;
                ui.label(tr_args(
                    "compare-intro",
                    &[
                        ("budget", c.budget.to_string()),
                        ("n", grid.len().to_string()),
                        ("from", fmt_num(grid.first().copied().unwrap_or(f64::NAN))),
                        ("to", fmt_num(grid.last().copied().unwrap_or(f64::NAN))),
                    ],
                ));
                if c.budget < state.scenario.steps {
                    ui.small(tr_args(
                        "compare-capped",
                        &[
                            ("budget", c.budget.to_string()),
                            ("steps", state.scenario.steps.to_string()),
                        ],
                    ));
                }
                if stale {
                    ui.colored_label(super::widgets::ink::WARN, tr("compare-stale"));
                }
                ui.checkbox(&mut second, tr("compare-second"));
                ui.separator();
                apply = table_ui(ui, c);
                ui.separator();
                ui.label(RichText::new(verdict_text(c)).strong());
                let colors: Vec<[u8; 3]> = (0..c.results.len()).map(|i| state.color(i)).collect();
                tuned_runs_ui(ui, c, &colors);
            }
        });
    tuning.compare_second = second;
    if let Some((i, best)) = apply
        && let Some(o) = state.scenario.optimizers.get_mut(i)
    {
        o.lr = best.lr;
        if let Some((name, v)) = best.param {
            o.kind = o.kind.with_param(name, v);
        }
        state.selected = i;
        state.mark_changed();
    }
    tuning.compare_open = open;
}

/// Most points of one curve drawn on the card: the runs can be 10⁵ steps long.
const CARD_POINTS: usize = 600;

/// Every `k`-th item of `v` (and its last), at most about [`CARD_POINTS`] of them.
fn thin<T: Copy>(v: &[T]) -> Vec<(usize, T)> {
    let k = v.len().div_ceil(CARD_POINTS).max(1);
    let mut out: Vec<(usize, T)> = v.iter().copied().enumerate().step_by(k).collect();
    if let Some(last) = v.len().checked_sub(1)
        && out.last().is_some_and(|(i, _)| *i != last)
    {
        out.push((last, v[last]));
    }
    out
}

/// The tuned runs side by side: their loss against the step (the given settings dashed,
/// for contrast) and their paths on one map, in the optimizers' own colours.
fn tuned_runs_ui(ui: &mut Ui, c: &Comparison, colors: &[[u8; 3]]) {
    let all_positive = c.results.iter().all(|e| {
        [&e.tuned, &e.as_given]
            .iter()
            .flat_map(|o| o.loss_curve.iter())
            .filter(|v| v.is_finite())
            .all(|v| *v > 0.0)
    });
    let y_of = |v: f64| if all_positive { v.log10() } else { v };
    let loss_line = |o: &Outcome| -> Vec<[f64; 2]> {
        thin(&o.loss_curve)
            .into_iter()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| [i as f64, y_of(v)])
            .collect()
    };
    let color = |i: usize| {
        let [r, g, b] = colors.get(i).copied().unwrap_or([90, 90, 90]);
        Color32::from_rgb(r, g, b)
    };
    ui.label(tr("compare-runs"));
    let width = ((ui.available_width() - ui.spacing().item_spacing.x) / 2.0).max(120.0);
    ui.horizontal(|ui| {
        let mut y_axis = egui_plot::AxisHints::new_y().label(tr("compare-axis-loss"));
        y_axis = if all_positive {
            y_axis.formatter(|m, _| fmt_num(10f64.powf(m.value)))
        } else {
            y_axis.formatter(|m, _| fmt_num(m.value))
        };
        let mut loss_plot = Plot::new("fair comparison losses")
            .width(width)
            .height(180.0)
            .allow_scroll(false)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_boxed_zoom(false)
            .custom_x_axes(vec![
                egui_plot::AxisHints::new_x().label(tr("compare-axis-step")),
            ])
            .custom_y_axes(vec![y_axis]);
        if all_positive {
            loss_plot = loss_plot.y_grid_spacer(super::loss_panel::log_marks);
        }
        loss_plot.show(ui, |plot| {
            for (i, e) in c.results.iter().enumerate() {
                plot.line(
                    Line::new(
                        format!("{} ({})", e.label, tr("compare-col-given")),
                        PlotPoints::from(loss_line(&e.as_given)),
                    )
                    .color(color(i))
                    .style(egui_plot::LineStyle::dashed_dense())
                    .width(1.0),
                );
                plot.line(
                    Line::new(e.label.clone(), PlotPoints::from(loss_line(&e.tuned)))
                        .color(color(i))
                        .width(2.5),
                );
            }
        });
        Plot::new("fair comparison paths")
            .width(width)
            .height(180.0)
            .data_aspect(1.0)
            .allow_scroll(false)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_boxed_zoom(false)
            .custom_x_axes(vec![egui_plot::AxisHints::new_x().label("x")])
            .custom_y_axes(vec![egui_plot::AxisHints::new_y().label("y")])
            .show(ui, |plot| {
                for (i, e) in c.results.iter().enumerate() {
                    let pts: Vec<[f64; 2]> = thin(&e.tuned.path)
                        .into_iter()
                        .map(|(_, p)| p)
                        .filter(|p| p[0].is_finite() && p[1].is_finite())
                        .collect();
                    if let Some(first) = pts.first().copied() {
                        plot.points(
                            egui_plot::Points::new("start", vec![first])
                                .radius(4.0)
                                .color(Color32::from_gray(60)),
                        );
                    }
                    plot.line(
                        Line::new(e.label.clone(), PlotPoints::from(pts))
                            .color(color(i))
                            .width(2.0),
                    );
                }
            });
    });
    ui.small(tr("compare-runs-key"));
}

/// "lr 0.01, loss 3.2e-4" (and the tuned parameter), or "diverged".
fn cell(o: &Outcome) -> String {
    let mut s = match o.final_loss {
        Some(loss) => tr_args(
            "compare-cell",
            &[("lr", fmt_num(o.lr)), ("loss", fmt_num(loss))],
        ),
        None => format!("lr {}, {}", fmt_num(o.lr), tr("compare-diverged")),
    };
    if let Some((name, v)) = o.param {
        s.push_str(&format!(", {name} {}", fmt_num(v)));
    }
    s
}

fn table_ui(ui: &mut Ui, c: &Comparison) -> Option<(usize, Outcome)> {
    let mut clicked = None;
    egui::Grid::new("fair comparison table")
        .num_columns(4)
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            ui.strong(tr("compare-col-optimizer"));
            ui.strong(tr("compare-col-given"));
            ui.strong(tr("compare-col-tuned"));
            ui.label("");
            ui.end_row();
            for (i, e) in c.results.iter().enumerate() {
                // The winner once tuned stands out by weight and colour (no symbol: the
                // UI's fonts have few).
                let label = if i == c.winner_tuned {
                    RichText::new(&e.label)
                        .strong()
                        .color(super::widgets::ink::GOOD)
                } else {
                    RichText::new(&e.label)
                };
                ui.label(label);
                ui.label(cell(&e.as_given));
                ui.label(cell(&e.tuned));
                if ui
                    .button(tr("compare-apply"))
                    .on_hover_text(tr("compare-apply-tip"))
                    .clicked()
                {
                    clicked = Some((i, e.tuned.clone()));
                }
                ui.end_row();
            }
        });
    clicked
}

/// The card's answer to "better, or better tuned?", from the numbers.
pub fn verdict_text(c: &Comparison) -> String {
    let label = |i: usize| {
        c.results
            .get(i)
            .map(|e| e.label.clone())
            .unwrap_or_default()
    };
    let loss = |o: &Outcome| o.final_loss.map_or_else(|| tr("compare-diverged"), fmt_num);
    match c.verdict {
        Verdict::Single => tr("compare-verdict-single"),
        Verdict::Better => tr_args(
            "compare-verdict-better",
            &[("winner", label(c.winner_tuned))],
        ),
        Verdict::BetterTuned => {
            let (g, t) = (c.winner_as_given, c.winner_tuned);
            tr_args(
                "compare-verdict-better-tuned",
                &[
                    ("given", label(g)),
                    ("tuned", label(t)),
                    ("tuned_loss", loss(&c.results[t].tuned)),
                    ("given_loss", loss(&c.results[g].tuned)),
                ],
            )
        }
        Verdict::Tie => {
            let first = c.winner_tuned;
            let second = (0..c.results.len())
                .filter(|&i| i != first)
                .min_by(|&a, &b| {
                    c.results[a]
                        .tuned
                        .score()
                        .total_cmp(&c.results[b].tuned.score())
                })
                .unwrap_or(first);
            tr_args(
                "compare-verdict-tie",
                &[
                    ("first", label(first)),
                    ("second", label(second)),
                    ("first_loss", loss(&c.results[first].tuned)),
                    ("second_loss", loss(&c.results[second].tuned)),
                ],
            )
        }
    }
}
