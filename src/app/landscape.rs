//! The landscape view: the surface as a heatmap with the trajectories on top. Scroll to
//! zoom, drag to pan, drag the start ring to move θ0, hover a path to see its step.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Response, Sense, Stroke, Ui, pos2, vec2};

pub use super::state::Transform;
use super::state::{AppState, Hover, HoverSource};
use super::widgets::fmt_num;
use crate::core::Vec2;
use crate::core::surfaces::View;
use crate::scene::{self, Canvas, Layer, SceneLayout, SceneOptions};

use super::landscape_canvas::{EguiCanvas, TextureCache};

/// Text size on the landscape, in points.
const FONT_PX: f32 = 15.0;
/// Lines are drawn this much thicker than in the renderer's PNGs.
const LINE_SCALE: f32 = 1.6;
/// Contour lines drawn when contours are on.
const CONTOUR_LEVELS: usize = 16;
/// How close (px) the pointer must be to the start ring to grab it.
const GRAB_PX: f32 = 16.0;
/// How close (px) the pointer must be to a path to highlight a step.
const HOVER_PX: f32 = 18.0;

pub use super::state::fit_view;

/// The landscape widget and its caches.
#[derive(Default)]
pub struct Landscape {
    /// The sampled surface with its colours and contours, reused while its key holds.
    cached: Option<Arc<scene::Landscape>>,
    /// Uploaded heatmap textures.
    textures: TextureCache,
    /// Dragging the start ring (rather than panning).
    dragging_start: bool,
    /// The last hover search and what it found: a pointer resting over 3 × 10⁶ points
    /// searches them once, not every frame.
    hover_memo: Option<(HoverKey, Option<Hover>)>,
    /// How many landscapes (heatmap + contours) were computed: tests check that a slider
    /// drag reuses the cached one.
    pub heatmaps_computed: u64,
    /// The trajectories clipped and decimated for the last view and playhead: a frame at
    /// rest redoes none of it (tests read its counters).
    pub paths: scene::PathCache,
    /// The 3-D view, shown instead of the map when `settings.view_3d` is on.
    pub view3d: super::view3d::View3d,
}

impl Landscape {
    /// Shows the landscape in the space left in `ui`: the pointer readout, then the plot
    /// with its title, axes, colour bar and legend.
    pub fn ui(&mut self, ui: &mut Ui, state: &mut AppState) {
        if state.settings.view_3d {
            self.view3d.ui(ui, state);
            return;
        }
        let size = ui.available_size().max(vec2(200.0, 150.0));
        let (outer, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, super::i18n::tr("landscape-label"))
        });
        let layout = app_layout(outer, FONT_PX);
        let rect = e_rect(layout.plot);
        let t = Transform {
            rect,
            view: fit_view(state.view, rect),
        };
        state.landscape = Some(t);
        self.interact(ui, &response, t, state);
        // Interaction may have moved the view or θ0: draw the new ones, this frame.
        let t = Transform {
            rect,
            view: fit_view(state.view, rect),
        };
        state.landscape = Some(t);
        state.recompute_if_dirty();

        let moving = response.dragged() && !self.dragging_start
            || ui.input(|i| i.smooth_scroll_delta.y != 0.0 || i.zoom_delta() != 1.0)
                && response.hovered();
        let landscape = self.landscape_for(state, t, layout, moving);
        let opts = SceneOptions {
            grid_size: [landscape.grid.width, landscape.grid.height],
            contour_levels: if state.settings.contours {
                CONTOUR_LEVELS
            } else {
                0
            },
            visible: state.visible.clone(),
            highlight_step: state.hovered.map(|h| h.step),
            decorations: true,
            step_counter: false,
            words: scene::Words(crate::lang::tr_args),
        };
        let mut scene = scene::build_scene_cached(
            landscape,
            &state.scenario,
            &state.surface,
            &state.runs,
            state.step(),
            &opts,
            Some((&mut self.paths, &state.run_ids)),
        );
        if !state.settings.legends {
            scene.legend.clear();
        }
        // A legend the user dragged stays where it was put (as a fraction of the plot).
        let legend_id = ui.scope_id().with("runs legend drag");
        scene.legend_at = ui.data(|d| d.get_temp::<[f32; 2]>(legend_id));
        let painter = ui.painter_at(outer);
        if ui.visuals().dark_mode {
            // The scene's title, axes and colour bar are drawn in dark ink, as on the PNGs:
            // on the dark theme they sit on a light card of their own.
            painter.rect_filled(outer, 6.0, Color32::from_gray(245));
        }
        let mut canvas = Bold(EguiCanvas::new(&painter, &mut self.textures));
        // Ghosts go between the map and the paths, so the current path stays on top.
        scene.draw_layer(&mut canvas, &layout, Layer::Background);
        super::classroom::draw_ghosts(&painter, t, state);
        scene.draw_layer(&mut canvas, &layout, Layer::Foreground);
        // The arrow key keeps clear of the runs' legend, wherever the scene put it.
        let legend = scene.legend_drawn.get().map(|r| {
            egui::Rect::from_min_max(
                egui::pos2(r.min[0], r.min[1]),
                egui::pos2(r.max[0], r.max[1]),
            )
        });
        ui.data_mut(|d| d.insert_temp(egui::Id::unique("runs legend rect"), legend));
        if let Some(r) = legend {
            let plot = layout.plot;
            let response = ui
                .interact(r, legend_id, egui::Sense::drag())
                .on_hover_text(super::i18n::tr("legend-drag-tip"));
            if response.dragged() {
                let p = r.min + response.drag_delta();
                let f = [
                    (p.x - plot.min[0]) / plot.width().max(1.0),
                    (p.y - plot.min[1]) / plot.height().max(1.0),
                ];
                ui.data_mut(|d| d.insert_temp(legend_id, f));
            }
            if response.hovered() || response.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
        }
        draw_overlays(&painter, t, state);
        super::classroom::draw_arrows(ui, &painter, t, state);
        if state.updating() {
            draw_pending(&painter, t.rect);
        }
    }

    fn interact(&mut self, ui: &Ui, response: &Response, t: Transform, state: &mut AppState) {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        state.pointer = response.hover_pos();
        if response.drag_started()
            && let Some(p) = pointer
        {
            let start = t.to_screen(state.scenario.start);
            self.dragging_start = p.distance(start) <= GRAB_PX;
        }
        if response.dragged() {
            if self.dragging_start {
                if let Some(p) = pointer.filter(|p| t.rect.contains(*p)) {
                    state.set_start(t.to_world(p));
                }
            } else {
                let d = response.drag_delta();
                let (sx, sy) = world_per_px(t);
                let (dx, dy) = (-d.x as f64 * sx, d.y as f64 * sy);
                let v = t.view;
                state.view = View {
                    x: [v.x[0] + dx, v.x[1] + dx],
                    y: [v.y[0] + dy, v.y[1] + dy],
                };
                state.view_moved = true;
            }
        }
        if response.drag_stopped() {
            self.dragging_start = false;
        }
        if response.double_clicked() {
            state.reset_view();
        }
        if response.hovered() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = (-(scroll as f64) / 300.0).exp() / zoom as f64;
            if factor.is_finite()
                && (factor - 1.0).abs() > 1e-6
                && let Some(p) = pointer.filter(|p| t.rect.contains(*p))
            {
                zoom_view(state, t, t.to_world(p), factor);
            }
        }

        // Hovering a path highlights that step here and in the loss panel.
        if response.hovered() && !response.dragged() {
            state.hovered = pointer.and_then(|p| {
                let key = HoverKey {
                    pointer: [p.x.to_bits(), p.y.to_bits()],
                    transform: t,
                    ids: state.run_ids.clone(),
                    step: state.step(),
                    visible: state.visible.clone(),
                };
                match &self.hover_memo {
                    Some((k, found)) if *k == key => *found,
                    _ => {
                        let found = nearest_step(t, state, p);
                        self.hover_memo = Some((key, found));
                        found
                    }
                }
            });
            state.hover_source = state.hovered.map(|_| HoverSource::Landscape);
        } else if state.hover_source == Some(HoverSource::Landscape) {
            state.hovered = None;
            state.hover_source = None;
        }
        let near_start =
            pointer.is_some_and(|p| p.distance(t.to_screen(state.scenario.start)) <= GRAB_PX);
        if self.dragging_start {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        } else if near_start {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
        }
    }

    /// The cached landscape for the shown view, or a new one. While the view is being
    /// dragged or zoomed it is sampled at a quarter of the resolution, so panning stays
    /// smooth even on an expensive custom expression; the full one follows when it rests.
    fn landscape_for(
        &mut self,
        state: &AppState,
        t: Transform,
        layout: SceneLayout,
        moving: bool,
    ) -> Arc<scene::Landscape> {
        let [w, h] = layout.plot_pixels();
        let div = if moving { 4 } else { 2 };
        let size = [(w / div).max(8), (h / div).max(8)];
        let levels = if state.settings.contours {
            CONTOUR_LEVELS
        } else {
            0
        };
        let key = scene::Landscape::key_for(&state.surface, t.view, size, levels);
        match &self.cached {
            Some(l) if l.key == key => Arc::clone(l),
            _ => {
                // The replaced landscape's buffers, unless a painter still holds it.
                let replaced = self.cached.take().and_then(|l| Arc::try_unwrap(l).ok());
                let l = Arc::new(scene::Landscape::compute_reusing(
                    &state.surface,
                    t.view,
                    size,
                    levels,
                    replaced,
                ));
                self.cached = Some(Arc::clone(&l));
                self.heatmaps_computed += 1;
                l
            }
        }
    }
}

/// What a hover search depends on.
#[derive(Debug, Clone, PartialEq)]
struct HoverKey {
    pointer: [u32; 2],
    transform: Transform,
    ids: Vec<u64>,
    step: usize,
    visible: Vec<bool>,
}

/// World units per screen pixel along x and y.
fn world_per_px(t: Transform) -> (f64, f64) {
    (
        (t.view.x[1] - t.view.x[0]) / t.rect.width().max(1.0) as f64,
        (t.view.y[1] - t.view.y[0]) / t.rect.height().max(1.0) as f64,
    )
}

/// Zooms the view by `factor` (> 1 zooms out) keeping world point `c` under the pointer.
fn zoom_view(state: &mut AppState, t: Transform, c: Vec2, factor: f64) {
    let v = t.view;
    let f = factor.clamp(0.5, 2.0);
    let new = View {
        x: [c.x + (v.x[0] - c.x) * f, c.x + (v.x[1] - c.x) * f],
        y: [c.y + (v.y[0] - c.y) * f, c.y + (v.y[1] - c.y) * f],
    };
    let w = new.x[1] - new.x[0];
    // Keep the numbers sane: no zooming into rounding noise or out to infinity.
    if w > 1e-9 && w < 1e7 && new.x.iter().chain(&new.y).all(|a| a.abs() < 1e8) {
        state.view = new;
        state.view_moved = true;
    }
}

/// The revealed point nearest to `p` among visible runs, within [`HOVER_PX`].
fn nearest_step(t: Transform, state: &AppState, p: Pos2) -> Option<Hover> {
    let mut best: Option<(f32, Hover)> = None;
    for (i, run) in state.runs.runs.iter().enumerate() {
        if !state.visible.get(i).copied().unwrap_or(true) {
            continue;
        }
        for (k, q) in run.points[..state.revealed(i)].iter().enumerate() {
            if !(q.x.is_finite() && q.y.is_finite()) {
                break;
            }
            let d = t.to_screen(*q).distance_sq(p);
            if d <= HOVER_PX * HOVER_PX && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, Hover { run: i, step: k }));
            }
        }
    }
    best.map(|(_, h)| h)
}

/// The widest the map gets, width over height: wider, it reads as a band, not a plane.
pub const MAX_ASPECT: f32 = 2.0;
/// The tallest the map gets, height over width.
pub const MAX_TALL: f32 = 1.4;

/// The scene's layout at the app's text size `f`: the renderer sizes text to the image, but
/// on screen it must stay readable from the back of a room (≥ 14 px). Margins hold just the
/// tick labels, axis names and colour bar, so the map itself takes the rest; a map wider
/// than [`MAX_ASPECT`] (or taller than [`MAX_TALL`]) is narrowed and centred.
pub fn app_layout(outer: Rect, f: f32) -> SceneLayout {
    let title = scene::Rect::from_min_max(
        [outer.left(), outer.top()],
        [outer.right(), outer.top() + 2.9 * f],
    );
    let (left, right) = (outer.left() + 4.0 * f, outer.right() - 5.1 * f);
    let (top, bottom) = (title.max[1] + 0.3 * f, outer.bottom() - 2.35 * f);
    let (mut w, mut h) = ((right - left).max(20.0), (bottom - top).max(20.0));
    if w > MAX_ASPECT * h {
        w = MAX_ASPECT * h;
    }
    if h > MAX_TALL * w {
        h = MAX_TALL * w;
    }
    let x0 = left + 0.5 * ((right - left).max(20.0) - w);
    let plot = scene::Rect::from_min_max([x0, top], [x0 + w, top + h]);
    let bar = scene::Rect::from_min_max(
        [plot.max[0] + 0.6 * f, plot.min[1]],
        [plot.max[0] + 1.5 * f, plot.max[1]],
    );
    SceneLayout {
        font: f,
        title: Some(title),
        plot,
        color_bar: Some(bar),
    }
}

/// Veils the paths while new runs are computed: what is drawn belongs to the previous
/// settings and must not read as the current result.
fn draw_pending(painter: &egui::Painter, rect: Rect) {
    painter.rect_filled(
        rect,
        0.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 120),
    );
    let text = super::i18n::tr("landscape-pending");
    let font = egui::FontId::proportional(FONT_PX + 1.0);
    let galley = painter.layout(text, font, Color32::WHITE, rect.width() - 40.0);
    let r = Rect::from_center_size(rect.center(), galley.size() + vec2(24.0, 14.0));
    painter.rect_filled(r, 6.0, Color32::from_rgba_unmultiplied(16, 18, 28, 225));
    painter.galley(r.min + vec2(12.0, 7.0), galley, Color32::WHITE);
}

fn e_rect(r: scene::Rect) -> Rect {
    Rect::from_min_max(pos2(r.min[0], r.min[1]), pos2(r.max[0], r.max[1]))
}

/// A canvas that draws every line thicker: the renderer's widths suit a PNG on a page, a
/// projected window needs bolder paths.
struct Bold<C: Canvas>(C);

impl<C: Canvas> Canvas for Bold<C> {
    fn polyline(&mut self, points: &[scene::Pos], stroke: scene::Stroke) {
        self.0.polyline(
            points,
            scene::Stroke::new(stroke.width * LINE_SCALE, stroke.color),
        );
    }
    fn circle(
        &mut self,
        center: scene::Pos,
        radius: f32,
        fill: Option<scene::Color>,
        stroke: Option<scene::Stroke>,
    ) {
        self.0.circle(center, radius * 1.25, fill, stroke);
    }
    fn rect(
        &mut self,
        rect: scene::Rect,
        fill: Option<scene::Color>,
        stroke: Option<scene::Stroke>,
    ) {
        self.0.rect(rect, fill, stroke);
    }
    fn polygon(
        &mut self,
        points: &[scene::Pos],
        fill: Option<scene::Color>,
        stroke: Option<scene::Stroke>,
    ) {
        self.0.polygon(points, fill, stroke);
    }
    fn text(
        &mut self,
        pos: scene::Pos,
        text: &str,
        size: f32,
        color: scene::Color,
        anchor: scene::Anchor,
    ) {
        self.0
            .text(pos, text, size.max(FONT_PX - 1.0), color, anchor);
    }
    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        self.0.measure_text(text, size.max(FONT_PX - 1.0))
    }
    fn image(&mut self, rect: scene::Rect, image: &scene::ImageRef<'_>) {
        self.0.image(rect, image);
    }
}

/// What the app adds on top of the scene: a grab ring on θ0 and the hovered step.
fn draw_overlays(painter: &egui::Painter, t: Transform, state: &AppState) {
    let s = t.to_screen(state.scenario.start);
    if t.rect.contains(s) {
        painter.circle_stroke(s, 11.0, Stroke::new(5.0, Color32::BLACK));
        painter.circle_stroke(s, 11.0, Stroke::new(2.5, Color32::WHITE));
    }
    if let Some(h) = state.hovered
        && let Some(q) = state
            .runs
            .runs
            .get(h.run)
            .and_then(|r| r.points.get(h.step))
        && q.x.is_finite()
        && q.y.is_finite()
    {
        let p = t.to_screen(*q);
        if t.rect.contains(p) {
            let [r, g, b] = state.color(h.run);
            painter.circle_stroke(p, 13.0, Stroke::new(6.0, Color32::BLACK));
            painter.circle_stroke(p, 13.0, Stroke::new(3.0, Color32::from_rgb(r, g, b)));
        }
    }
}

/// The line above the plot: the hovered step's numbers, or how to use the view.
pub fn readout_text(state: &AppState) -> String {
    if let Some(h) = state.hovered
        && let Some(run) = state.runs.runs.get(h.run)
        && let Some(q) = run.points.get(h.step)
    {
        return super::i18n::tr_args(
            "landscape-hover",
            &[
                ("label", run.label.clone()),
                ("step", h.step.to_string()),
                ("x", fmt_num(q.x)),
                ("y", fmt_num(q.y)),
                (
                    "loss",
                    fmt_num(run.loss.get(h.step).copied().unwrap_or(f64::NAN)),
                ),
            ],
        );
    }
    if let (Some(p), Some(t)) = (state.pointer, state.landscape)
        && t.rect.contains(p)
    {
        let w = t.to_world(p);
        return super::i18n::tr_args(
            "landscape-pointer",
            &[
                ("x", fmt_num(w.x)),
                ("y", fmt_num(w.y)),
                ("loss", fmt_num(state.surface.value(w))),
            ],
        );
    }
    // The map's help (zoom, pan, drag θ0) does not apply to the 3-D view.
    if state.settings.view_3d {
        return super::i18n::tr("view3d-hint");
    }
    super::i18n::tr("landscape-help")
}
