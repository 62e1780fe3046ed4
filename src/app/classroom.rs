//! Teaching aids on top of the views: the optimizer's state at the playhead (gradient and
//! velocity arrows, the effective per-axis step), the stability bound on the lr slider,
//! ghost paths of the previous settings, and sweeps that clone an optimizer at several
//! learning rates or β values.

use egui::{Color32, Pos2, RichText, Stroke, Ui, pos2, vec2};

use super::i18n::{tr, tr_args};
use super::landscape_canvas::{EguiCanvas, TextureCache};
use super::state::{AppState, Transform};
pub use super::state::{Classroom, Ghost};
use super::widgets::{fmt_num, swatch};
use crate::core::Vec2;
use crate::core::optimizers::{OptimizerConfig, OptimizerKind};
use crate::core::replay::Snapshot;
use crate::core::surfaces::Surface;
use crate::scene::{self, Canvas, ScreenFromWorld};

/// Learning-rate factors of "Sweep lr".
pub const LR_FACTORS: [f64; 3] = [0.3, 1.0, 3.0];
/// The β values of "Sweep β": little, typical and a lot of memory.
pub const BETA_VALUES: [f64; 3] = [0.5, 0.9, 0.99];
/// Length of the −∇f arrow on screen, px: it shows a direction, not a size.
const ARROW_PX: f32 = 60.0;

/// 2/λmax for a surface of constant curvature (a quadratic bowl): plain gradient descent
/// diverges with a larger rate.
pub fn stability_bound(surface: &Surface) -> Option<f64> {
    let lmax = surface.max_curvature()?;
    (lmax > 0.0 && lmax.is_finite()).then(|| 2.0 / lmax)
}

/// Paints the stability bound on the lr slider of `response` (a logarithmic slider over
/// `range`): a red zone over the rates above it, and a line in its tooltip saying why.
pub fn mark_lr_bound(
    ui: &Ui,
    response: &egui::Response,
    range: std::ops::RangeInclusive<f64>,
    bound: Option<f64>,
) {
    let (lo, hi) = (*range.start(), *range.end());
    let Some(bound) = bound.filter(|b| *b > lo && *b < hi) else {
        return;
    };
    // The rail is the slider's first `slider_width` points, its ends inset by the handle
    // radius, as egui lays it out; the rest of the response is the value box and label.
    let rail_h = ui.spacing().interact_size.y;
    let rail = egui::Rect::from_min_size(
        pos2(
            response.rect.left(),
            response.rect.center().y - 0.5 * rail_h,
        ),
        vec2(ui.spacing().slider_width, rail_h),
    );
    let inset = rail.height() / 2.5;
    let frac = ((bound.ln() - lo.ln()) / (hi.ln() - lo.ln())) as f32;
    let x = rail.left() + inset + frac * (rail.width() - 2.0 * inset);
    let zone = egui::Rect::from_min_max(
        pos2(x, rail.center().y - 4.0),
        pos2(rail.right() - inset, rail.center().y + 4.0),
    );
    let painter = ui.painter();
    painter.rect_filled(zone, 2.0, Color32::from_rgba_unmultiplied(220, 30, 30, 90));
    painter.line_segment(
        [pos2(x, rail.top() + 1.0), pos2(x, rail.bottom() - 1.0)],
        Stroke::new(2.5, Color32::from_rgb(200, 0, 0)),
    );
    // Added to the slider's own tooltip: a hover zone of its own would sit under the
    // slider's, and never show.
    response
        .clone()
        .on_hover_text(tr_args("overlay-lr-bound", &[("bound", fmt_num(bound))]));
}

/// The parameter "Sweep β" varies for `kind` and its symbol, if it has one.
fn sweep_param(kind: &OptimizerKind) -> Option<(&'static str, &'static str)> {
    let name = kind.info().sweep?;
    let spec = kind.info().params.iter().find(|p| p.name == name)?;
    Some((name, spec.symbol))
}

/// Replaces optimizer `i` by `copies`, each in a colour no other optimizer uses; the
/// middle one is selected.
fn replace_with(state: &mut AppState, i: usize, copies: Vec<OptimizerConfig>) {
    if i >= state.scenario.optimizers.len() || copies.is_empty() {
        return;
    }
    // Colours come from the palette by position, so pin them before positions shift.
    for j in 0..state.scenario.optimizers.len() {
        let c = state.color(j);
        state.scenario.optimizers[j].color.get_or_insert(c);
    }
    let base_color = state.color(i);
    let mut used: Vec<[u8; 3]> = (0..state.scenario.optimizers.len())
        .filter(|&j| j != i)
        .map(|j| state.color(j))
        .collect();
    let n = copies.len();
    let mut copies = copies;
    for (k, c) in copies.iter_mut().enumerate() {
        // The unchanged copy keeps the original's colour, so it reads as "the same one".
        let color = if k == n / 2 && !used.contains(&base_color) {
            base_color
        } else {
            (0..64)
                .map(scene::palette)
                .find(|p| !used.contains(p) && *p != base_color)
                .unwrap_or_else(|| scene::palette(i + k))
        };
        used.push(color);
        c.color = Some(color);
    }
    let was_visible = state.visible.get(i).copied().unwrap_or(true);
    state.scenario.optimizers.splice(i..=i, copies);
    state
        .visible
        .splice(i..=i, std::iter::repeat_n(was_visible, n));
    state.selected = i + n / 2;
    state.hovered = None;
    state.mark_changed();
}

/// Replaces optimizer `i` by three copies at ×0.3, ×1 and ×3 its learning rate, labelled
/// "adam ×0.3" and so on.
pub fn sweep_lr(state: &mut AppState, i: usize) {
    let Some(o) = state.scenario.optimizers.get(i) else {
        return;
    };
    let base = o.display_label();
    let copies = LR_FACTORS
        .iter()
        .map(|&f| {
            let mut c = o.clone();
            c.lr = (o.lr * f).clamp(1e-5, 10.0);
            c.label = Some(format!("{base} ×{}", fmt_num(f)));
            c
        })
        .collect();
    replace_with(state, i, copies);
}

/// Replaces optimizer `i` by three copies at β = 0.5, 0.9 and 0.99 (its β, μ, ρ or β1);
/// nothing for kinds without one.
pub fn sweep_beta(state: &mut AppState, i: usize) {
    let Some(o) = state.scenario.optimizers.get(i) else {
        return;
    };
    let Some((param, name)) = sweep_param(&o.kind) else {
        return;
    };
    let base = o.display_label();
    let copies = BETA_VALUES
        .iter()
        .map(|&b| {
            let mut c = o.clone();
            c.kind = o.kind.with_param(param, b);
            c.label = Some(format!("{base} {name}={}", fmt_num(b)));
            c
        })
        .collect();
    replace_with(state, i, copies);
}

/// The "Sweep lr" and "Sweep β" buttons for the selected optimizer.
pub fn sweep_ui(ui: &mut Ui, state: &mut AppState) {
    let i = state.selected;
    let beta = state
        .scenario
        .optimizers
        .get(i)
        .and_then(|o| sweep_param(&o.kind))
        .map(|(_, symbol)| symbol);
    ui.horizontal(|ui| {
        if ui
            .button(tr("sweep-lr"))
            .on_hover_text(tr("sweep-lr-tip"))
            .clicked()
        {
            sweep_lr(state, i);
        }
        let label = tr_args("sweep-beta", &[("name", beta.unwrap_or("β").to_string())]);
        if ui
            .add_enabled(beta.is_some(), egui::Button::new(label))
            .on_hover_text(tr("sweep-beta-tip"))
            .on_disabled_hover_text(tr("sweep-beta-none"))
            .clicked()
        {
            sweep_beta(state, i);
        }
    });
}

/// The toolbar toggles of the classroom views: 3-D, arrows, previous path.
/// Added to the caller's layout, so a wrapping toolbar can wrap them too.
pub fn toggles_ui(ui: &mut Ui, state: &mut AppState) {
    ui.checkbox(&mut state.settings.view_3d, tr("view3d-toggle"))
        .on_hover_text(tr("view3d-toggle-tip"));
    ui.checkbox(&mut state.settings.arrows, tr("overlay-arrows"))
        .on_hover_text(tr("overlay-arrows-tip"));
    ui.checkbox(&mut state.settings.ghosts, tr("ghost-toggle"))
        .on_hover_text(tr("ghost-toggle-tip"));
}

/// The previous paths, dashed and faded, under the current ones.
pub fn draw_ghosts(painter: &egui::Painter, t: Transform, state: &AppState) {
    if !state.settings.ghosts {
        return;
    }
    let painter = painter.with_clip_rect(t.rect);
    for g in &state.classroom.ghosts {
        if !state.visible.get(g.run).copied().unwrap_or(true) {
            continue;
        }
        let n = g.points.len().min(state.step() + 1);
        let mut pts: Vec<Pos2> = Vec::with_capacity(n.min(4096));
        for p in g.points[..n]
            .iter()
            .take_while(|p| p.x.is_finite() && p.y.is_finite())
        {
            let s = t.to_screen(*p);
            // Sub-pixel detail only thickens the dashes.
            if pts.last().is_none_or(|q| q.distance(s) >= 1.5) {
                pts.push(s);
            }
        }
        if pts.len() < 2 {
            continue;
        }
        let [r, gr, b] = state.color(g.run);
        let color = Color32::from_rgba_unmultiplied(r, gr, b, 150);
        painter.extend(egui::Shape::dashed_line(
            &pts,
            Stroke::new(4.0, Color32::from_black_alpha(70)),
            9.0,
            6.0,
        ));
        painter.extend(egui::Shape::dashed_line(
            &pts,
            Stroke::new(2.5, color),
            9.0,
            6.0,
        ));
        if let Some(end) = pts.last() {
            painter.text(
                *end + vec2(8.0, -8.0),
                egui::Align2::LEFT_BOTTOM,
                tr("ghost-label"),
                egui::FontId::proportional(14.0),
                Color32::from_rgba_unmultiplied(255, 255, 255, 220),
            );
        }
    }
}

/// A direction `d` (world units) as a screen direction of unit length; `None` if it has
/// none.
fn screen_dir(to_screen: &ScreenFromWorld, at: Vec2, d: Vec2) -> Option<egui::Vec2> {
    let n = d.norm();
    if !(n > 0.0 && n.is_finite()) {
        return None;
    }
    // A step small enough to stay near `at`, large enough to survive f32 rounding.
    let span = (to_screen.view.x[1] - to_screen.view.x[0]).abs() * 1e-3;
    let a = to_screen.apply([at.x, at.y]);
    let b = to_screen.apply([at.x + d.x / n * span, at.y + d.y / n * span]);
    let v = vec2(b[0] - a[0], b[1] - a[1]);
    (v.length() > 0.0).then(|| v.normalized())
}

/// An arrow from `from` along `dir` (unit, screen) of `len` px, outlined in black.
fn arrow(canvas: &mut dyn Canvas, from: Pos2, dir: egui::Vec2, len: f32, color: scene::Color) {
    let tip = from + dir * len;
    let normal = vec2(-dir.y, dir.x);
    let head = 12.0_f32.min(0.5 * len);
    let back = tip - dir * head;
    let p = |q: Pos2| [q.x, q.y];
    let shaft = [p(from), p(back)];
    let tri = [
        p(tip),
        p(back + normal * 0.55 * head),
        p(back - normal * 0.55 * head),
    ];
    canvas.polyline(&shaft, scene::Stroke::new(6.0, [0, 0, 0, 220]));
    canvas.polygon(
        &tri,
        Some([0, 0, 0, 220]),
        Some(scene::Stroke::new(3.0, [0, 0, 0, 220])),
    );
    canvas.polyline(&shaft, scene::Stroke::new(3.0, color));
    canvas.polygon(&tri, Some(color), None);
}

/// The −∇f arrow (white) and the velocity/momentum arrow (the run's colour) at every
/// visible run's playhead point, and a legend saying which is which.
pub fn draw_arrows(ui: &Ui, painter: &egui::Painter, t: Transform, state: &mut AppState) {
    if !state.settings.arrows {
        return;
    }
    let plot = scene::Rect::from_min_max(
        [t.rect.left(), t.rect.top()],
        [t.rect.right(), t.rect.bottom()],
    );
    let to_screen = ScreenFromWorld::new(t.view, plot);
    let painter = painter.with_clip_rect(t.rect);
    let mut textures = TextureCache::default();
    let mut canvas = EguiCanvas::new(&painter, &mut textures);
    let step = state.step();
    let mut velocity_colors: Vec<Color32> = Vec::new();
    let mut any = false;
    for (i, s) in visible_snapshots(state, step) {
        let at = to_screen.apply([s.theta.x, s.theta.y]);
        let from = pos2(at[0], at[1]);
        if !t.rect.contains(from) {
            continue;
        }
        let g = s.gradient;
        if let Some(d) = screen_dir(&to_screen, s.theta, -g) {
            arrow(&mut canvas, from, d, ARROW_PX, [255, 255, 255, 255]);
            any = true;
        }
        let v = s.state.first;
        let kind = state.scenario.optimizers.get(i).map(|o| o.kind);
        let has_velocity = kind.is_some_and(|k| k.info().first_moment);
        // The update moves against the velocity (θ ← θ − α·v), so the arrow shows −v:
        // where momentum carries θ next.
        if has_velocity && let Some(d) = screen_dir(&to_screen, s.theta, -v) {
            let ratio = (v.norm() / g.norm().max(1e-300)).clamp(0.3, 3.0) as f32;
            arrow(
                &mut canvas,
                from,
                d,
                ARROW_PX * ratio,
                scene::opaque(state.color(i)),
            );
            let [r, g, b] = state.color(i);
            let c = Color32::from_rgb(r, g, b);
            if !velocity_colors.contains(&c) {
                velocity_colors.push(c);
            }
            any = true;
        }
    }
    let batches = draw_minibatch_gradients(&mut canvas, &to_screen, t, state, step);
    if (any || batches.is_some()) && state.settings.legends {
        arrow_legend(ui, &painter, t, state, &velocity_colors, batches);
    }
}

/// The full-batch gradient's colour on the line fit: distinct from the white −g arrow.
const FULL_BATCH: scene::Color = [255, 214, 10, 255];

/// Most minibatch arrows drawn: beyond this they are a blur, not a spread.
const MAX_BATCH_ARROWS: usize = 64;

/// On the line fit: at the selected run's playhead point, −∇ of every minibatch of the
/// training points (consecutive batches of the Surface section's batch size, thin, in the
/// run's colour) against the full-batch −∇f (thick, yellow). Their spread is where "noisy
/// gradients" come from; a larger batch size pulls them together. Each arrow's length is
/// its gradient's size relative to the full one. Returns the run's colour when drawn.
fn draw_minibatch_gradients(
    canvas: &mut dyn Canvas,
    to_screen: &ScreenFromWorld,
    t: Transform,
    state: &AppState,
    step: usize,
) -> Option<Color32> {
    let data = state.surface.linreg()?;
    let n = data.train.len();
    let size = data.batch_size.clamp(1, n.max(1));
    if size >= n {
        return None;
    }
    let i = state.selected;
    if !state.visible.get(i).copied().unwrap_or(true) {
        return None;
    }
    let run = state.runs.runs.get(i)?;
    let theta = *run.points.get(step.min(run.points.len().checked_sub(1)?))?;
    let at = to_screen.apply([theta.x, theta.y]);
    let from = pos2(at[0], at[1]);
    if !t.rect.contains(from) {
        return None;
    }
    let full = state.surface.gradient(theta);
    let scale = full.norm().max(1e-300);
    let [r, g, b] = state.color(i);
    for gb in data
        .minibatch_gradients(theta, size)
        .into_iter()
        .take(MAX_BATCH_ARROWS)
    {
        if let Some(d) = screen_dir(to_screen, theta, -gb) {
            let len = ARROW_PX * (gb.norm() / scale).clamp(0.2, 3.0) as f32;
            let tip = from + d * len;
            canvas.polyline(
                &[[from.x, from.y], [tip.x, tip.y]],
                scene::Stroke::new(3.0, [0, 0, 0, 120]),
            );
            canvas.polyline(
                &[[from.x, from.y], [tip.x, tip.y]],
                scene::Stroke::new(1.5, [r, g, b, 220]),
            );
        }
    }
    if let Some(d) = screen_dir(to_screen, theta, -full) {
        arrow(canvas, from, d, ARROW_PX, FULL_BATCH);
    }
    Some(Color32::from_rgb(r, g, b))
}

/// How many path points (and, heavily weighted, minima and θ0) lie under `r`.
fn covered_points(r: egui::Rect, t: Transform, state: &AppState) -> usize {
    let mut n = 0;
    for (i, run) in state.runs.runs.iter().enumerate() {
        if !state.visible.get(i).copied().unwrap_or(true) {
            continue;
        }
        // A sample is enough to compare corners: a 10⁶-step run must not cost a frame.
        let shown = &run.points[..state.revealed(i)];
        let stride = shown.len().div_ceil(2000).max(1);
        n += shown
            .iter()
            .step_by(stride)
            .filter(|p| p.x.is_finite() && p.y.is_finite() && r.contains(t.to_screen(**p)))
            .count()
            * stride;
    }
    let heavy = state
        .surface
        .minima()
        .into_iter()
        .chain(std::iter::once(state.scenario.start))
        .filter(|m| r.contains(t.to_screen(*m)))
        .count();
    n + 50 * heavy
}

/// The key to the arrows, in the corner of the plot covering the fewest path points (the
/// runs' legend takes the best one), or where the user dragged it; each velocity arrow in
/// its run's colour; a tooltip explaining their length.
fn arrow_legend(
    ui: &Ui,
    painter: &egui::Painter,
    t: Transform,
    state: &AppState,
    velocity: &[Color32],
    batches: Option<Color32>,
) {
    let font = egui::FontId::proportional(14.0);
    let mut rows: Vec<(Vec<Color32>, String)> =
        vec![(vec![Color32::WHITE], tr("overlay-legend-gradient"))];
    if !velocity.is_empty() {
        rows.push((velocity.to_vec(), tr("overlay-legend-velocity")));
    }
    if let Some(c) = batches {
        let [r, g, b, _] = FULL_BATCH;
        rows.push((
            vec![Color32::from_rgb(r, g, b)],
            tr("overlay-legend-full-batch"),
        ));
        rows.push((vec![c], tr("overlay-legend-minibatch")));
    }
    let arrows_w = |n: usize| 36.0 + 14.0 * n.saturating_sub(1).min(5) as f32;
    let text_w = rows
        .iter()
        .map(|(_, s)| {
            painter
                .layout_no_wrap(s.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let row_h = 22.0;
    let key_w = rows
        .iter()
        .map(|(c, _)| arrows_w(c.len()))
        .fold(0.0, f32::max);
    let size = vec2(
        8.0 + key_w + 8.0 + text_w + 10.0,
        rows.len() as f32 * row_h + 10.0,
    );
    let id = ui.scope_id().with("arrow legend");
    let pad = 10.0;
    let r = t.rect;
    let corners = [
        r.left_bottom() + vec2(pad, -pad - size.y),
        r.left_top() + vec2(pad, pad),
        r.right_bottom() + vec2(-pad - size.x, -pad - size.y),
        r.right_top() + vec2(-pad - size.x, pad),
    ];
    let mut scored: Vec<(usize, Pos2)> = corners
        .iter()
        .map(|c| {
            (
                covered_points(egui::Rect::from_min_size(*c, size), t, state),
                *c,
            )
        })
        .collect();
    scored.sort_by_key(|(n, _)| *n);
    // The least covered corner the runs' legend (drawn just before) does not overlap.
    let legend: Option<egui::Rect> = ui
        .data(|d| d.get_temp(egui::Id::unique("runs legend rect")))
        .flatten();
    let auto = scored
        .iter()
        .find(|(_, c)| legend.is_none_or(|l| !l.intersects(egui::Rect::from_min_size(*c, size))))
        .map_or(scored[0].1, |(_, c)| *c);
    // A dragged key stays where it was put, as a fraction of the plot, inside it.
    let dragged: Option<egui::Vec2> = ui.data(|d| d.get_temp(id));
    let at = dragged.map_or(auto, |f| {
        pos2(r.left() + f.x * r.width(), r.top() + f.y * r.height())
    });
    let at = pos2(
        at.x.clamp(r.left(), (r.right() - size.x).max(r.left())),
        at.y.clamp(r.top(), (r.bottom() - size.y).max(r.top())),
    );
    let rect = egui::Rect::from_min_size(at, size);
    // Where the key went, beside the runs' legend's rectangle (for tests and later frames).
    ui.data_mut(|d| d.insert_temp(egui::Id::unique("arrow key rect"), rect));
    let response = ui
        .interact(rect, id, egui::Sense::drag())
        .on_hover_text(tr("overlay-legend-tip"));
    if response.dragged() {
        let p = rect.min + response.drag_delta();
        let f = vec2(
            (p.x - r.left()) / r.width().max(1.0),
            (p.y - r.top()) / r.height().max(1.0),
        );
        ui.data_mut(|d| d.insert_temp(id, f));
    }
    if response.hovered() || response.dragged() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
    }
    painter.rect_filled(rect, 4.0, Color32::from_rgba_unmultiplied(16, 18, 28, 200));
    for (k, (colors, text)) in rows.into_iter().enumerate() {
        let y = rect.top() + 5.0 + (k as f32 + 0.5) * row_h;
        for (j, color) in colors.iter().take(6).enumerate() {
            let a = pos2(rect.left() + 8.0 + 14.0 * j as f32, y);
            painter.line_segment([a, a + vec2(18.0, 0.0)], Stroke::new(3.0, *color));
            painter.add(egui::Shape::convex_polygon(
                vec![
                    a + vec2(27.0, 0.0),
                    a + vec2(18.0, -5.0),
                    a + vec2(18.0, 5.0),
                ],
                *color,
                Stroke::new(1.0, Color32::BLACK),
            ));
        }
        painter.text(
            pos2(rect.left() + 16.0 + key_w, y),
            egui::Align2::LEFT_CENTER,
            text,
            font.clone(),
            Color32::WHITE,
        );
    }
}

/// Two horizontal bars comparing the x and y effective steps (the longer fills the width).
fn bar_pair(ui: &mut Ui, eff: Vec2, color: [u8; 3]) {
    let width = 150.0;
    let (rect, response) = ui.allocate_exact_size(vec2(width + 20.0, 30.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let max = eff.x.max(eff.y);
    let fill = Color32::from_rgb(color[0], color[1], color[2]);
    let ink = ui.visuals().text_color();
    for (k, (name, v)) in [("x", eff.x), ("y", eff.y)].into_iter().enumerate() {
        let top = rect.top() + k as f32 * 15.0 + 1.0;
        painter.text(
            pos2(rect.left(), top + 6.5),
            egui::Align2::LEFT_CENTER,
            name,
            egui::FontId::proportional(13.0),
            ink,
        );
        let frac = if max > 0.0 && v.is_finite() {
            (v / max) as f32
        } else {
            0.0
        };
        let bar = egui::Rect::from_min_size(
            pos2(rect.left() + 16.0, top),
            vec2((frac * width).max(1.5), 12.0),
        );
        painter.rect_filled(bar, 2.0, fill);
        painter.rect_stroke(
            bar,
            2.0,
            Stroke::new(1.0, Color32::from_gray(60)),
            egui::StrokeKind::Inside,
        );
    }
    response.on_hover_text(tr("overlay-bars-tip"));
}

/// Each visible optimizer's state at `step`, by index.
fn visible_snapshots(state: &mut AppState, step: usize) -> Vec<(usize, Snapshot)> {
    (0..state.runs.runs.len())
        .filter(|&i| state.visible.get(i).copied().unwrap_or(true))
        .filter_map(|i| {
            state
                .classroom
                .snapshot(&state.scenario, state.generation, i, step)
                .map(|s| (i, s))
        })
        .collect()
}

/// The optimizers' state at the playhead, one block each: gradient, velocity and, for the
/// adaptive ones, the effective per-axis step as numbers and a bar pair.
pub fn playhead_ui(ui: &mut Ui, state: &mut AppState) {
    let step = state.step();
    for (i, s) in visible_snapshots(state, step) {
        let Some(kind) = state.scenario.optimizers.get(i).map(|o| o.kind) else {
            continue;
        };
        let color = state.color(i);
        let label = state.runs.runs[i].label.clone();
        ui.horizontal(|ui| {
            swatch(ui, color);
            ui.label(RichText::new(label).strong());
            ui.weak(tr_args("overlay-step", &[("step", s.step.to_string())]));
        });
        ui.label(tr_args(
            "overlay-gradient",
            &[("norm", fmt_num(s.gradient.norm())), ("lr", fmt_num(s.lr))],
        ))
        .on_hover_text(tr("overlay-gradient-tip"));
        if kind.info().first_moment {
            ui.label(tr_args(
                "overlay-velocity",
                &[("norm", fmt_num(s.state.first.norm()))],
            ))
            .on_hover_text(tr("overlay-velocity-tip"));
        }
        if let Some(eff) = s.state.effective_step(&kind, s.lr) {
            let key = kind.info().effective_key.unwrap_or("overlay-effective");
            ui.label(tr_args(
                key,
                &[("x", fmt_num(eff.x)), ("y", fmt_num(eff.y))],
            ))
            .on_hover_text(tr("overlay-effective-tip"));
            bar_pair(ui, eff, color);
        }
        if i == state.selected
            && let Some((spread, full, size)) = minibatch_spread(state, s.theta)
        {
            ui.label(tr_args(
                "overlay-minibatch",
                &[
                    ("size", size.to_string()),
                    ("spread", fmt_num(spread)),
                    ("full", fmt_num(full)),
                ],
            ))
            .on_hover_text(tr("overlay-minibatch-tip"));
        }
        ui.add_space(4.0);
    }
}

/// On the line fit with minibatches: how far the minibatch gradients at `theta` stray from
/// the full-batch one on average, the full gradient's size, and the batch size.
fn minibatch_spread(state: &AppState, theta: Vec2) -> Option<(f64, f64, usize)> {
    let data = state.surface.linreg()?;
    let size = data.batch_size.clamp(1, data.train.len().max(1));
    if size >= data.train.len() {
        return None;
    }
    let full = state.surface.gradient(theta);
    let gs = data.minibatch_gradients(theta, size);
    let spread = gs.iter().map(|g| (g - full).norm()).sum::<f64>() / gs.len().max(1) as f64;
    Some((spread, full.norm(), size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;
    use crate::core::run::RunSet;
    use crate::core::surfaces::{Beale, Quadratic};

    #[test]
    fn the_bound_is_two_over_the_largest_curvature() {
        let s = Surface::Quadratic(Quadratic {
            lambda1: 1.0,
            lambda2: 20.0,
            angle_deg: 30.0,
        });
        assert_eq!(stability_bound(&s), Some(0.1));
        assert_eq!(stability_bound(&Surface::Beale(Beale)), None);
    }

    #[test]
    fn a_changed_optimizer_leaves_a_ghost_and_a_new_surface_clears_it() {
        let mut scenario = presets::default_scenario();
        let mut c = Classroom::default();
        let first = crate::core::run::run_scenario(&scenario);
        c.note_recompute(
            &RunSet {
                runs: vec![],
                warnings: vec![],
            },
            &scenario,
            &first,
        );
        assert!(c.ghosts.is_empty());
        scenario.optimizers[0].lr *= 0.5;
        let second = crate::core::run::run_scenario(&scenario);
        c.note_recompute(&first, &scenario, &second);
        assert_eq!(c.ghosts.len(), 1);
        assert_eq!(c.ghosts[0].points, first.runs[0].points);
        scenario.start.x += 0.1;
        let third = crate::core::run::run_scenario(&scenario);
        c.note_recompute(&second, &scenario, &third);
        assert!(c.ghosts.is_empty());
    }
}
