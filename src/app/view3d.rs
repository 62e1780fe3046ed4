//! The 3-D surface view: the landscape as a height field, rotated by dragging, with the
//! trajectories lifted onto it up to the playhead. It shares the playhead and the hovered
//! step with the 2-D view.
//!
//! No GPU 3-D: a coarse mesh is projected orthographically and its quads painted far to
//! near (painter's algorithm), which is plenty for a smooth 2-D function.

use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::i18n::{tr, tr_args};
use super::state::{AppState, Hover, HoverSource};
use crate::core::Vec2;
use crate::core::surfaces::{Surface, View};
use crate::scene::{self, ColorScale, ImageKey};

/// Mesh resolution: vertices per side. Coarse enough to re-sort every frame, fine enough
/// that Rosenbrock's valley reads.
const MESH_N: usize = 64;
/// The log height scale resolves this fraction of the value range at its bottom. The
/// colour scale resolves 10⁻⁶ so the heatmap shows the valley floor; as heights, six
/// decades would turn a narrow valley sampled on a coarse grid into a row of spikes.
const HEIGHT_FLOOR: f64 = 1e-2;
/// Height of the surface relative to its base (which spans 2 × 2).
const HEIGHT: f32 = 1.0;
/// How close (px) the pointer must be to a path point to hover it.
const HOVER_PX: f32 = 18.0;
/// Radians of rotation per dragged pixel.
const DRAG_RAD_PER_PX: f32 = 0.01;
/// Below this pitch the surface is seen edge-on and reads as a line.
const MIN_PITCH: f32 = 0.12;

/// The sampled height field, reused while (surface, view) hold: rotating only re-projects.
#[derive(Debug, Clone)]
pub struct SurfaceMesh {
    /// Identifies (surface, view, resolution).
    pub key: ImageKey,
    /// The region of the plane covered.
    pub view: View,
    /// Value → colour, as the heatmap's.
    pub scale: ColorScale,
    /// Normalised heights in [0, 1], row-major from (xmin, ymin); NaN where the surface
    /// is not finite.
    heights: Vec<f32>,
    /// One colour per quad, already shaded.
    colors: Vec<Color32>,
}

impl SurfaceMesh {
    /// Samples `surface` over `view` on a `MESH_N`² grid.
    pub fn compute(surface: &Surface, view: View) -> Self {
        let n = MESH_N;
        let at = |i: usize, j: usize| {
            Vec2::new(
                view.x[0] + (view.x[1] - view.x[0]) * i as f64 / (n - 1) as f64,
                view.y[0] + (view.y[1] - view.y[0]) * j as f64 / (n - 1) as f64,
            )
        };
        let values: Vec<f64> = (0..n * n)
            .map(|k| surface.value(at(k % n, k / n)))
            .collect();
        let (lo, hi) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let scale = ColorScale::for_range(lo, hi, surface.prefers_log_colors());
        let heights: Vec<f32> = values.iter().map(|&v| height(&scale, v) as f32).collect();
        let lut = scene::colormap::viridis();
        // A fixed light from the upper left: shading is what makes a height field read
        // as 3-D once it is rotated.
        let light = [-0.45f32, -0.55, 0.7];
        let ll = (light[0] * light[0] + light[1] * light[1] + light[2] * light[2]).sqrt();
        let step = 2.0 / (n - 1) as f32;
        let mut colors = Vec::with_capacity((n - 1) * (n - 1));
        for j in 0..n - 1 {
            for i in 0..n - 1 {
                let corner = |k: usize| (j + k / 2) * n + i + k % 2;
                let h = [0, 1, 2, 3].map(|k| heights[corner(k)]);
                let mean = 0.25 * (h[0] + h[1] + h[2] + h[3]);
                if !mean.is_finite() {
                    colors.push(Color32::TRANSPARENT);
                    continue;
                }
                let dzdx = HEIGHT * 0.5 * ((h[1] - h[0]) + (h[3] - h[2])) / step;
                let dzdy = HEIGHT * 0.5 * ((h[2] - h[0]) + (h[3] - h[1])) / step;
                let nl = (dzdx * dzdx + dzdy * dzdy + 1.0).sqrt();
                let lambert =
                    ((-dzdx * light[0] - dzdy * light[1] + light[2]) / (nl * ll)).max(0.0);
                let shade = 0.55 + 0.45 * lambert;
                let value = 0.25 * (0..4).map(|k| values[corner(k)]).sum::<f64>();
                let c = lut[((scale.normalized(value) * 255.0).round() as usize).min(255)];
                let f = |v: u8| (f32::from(v) * shade).round().clamp(0.0, 255.0) as u8;
                colors.push(Color32::from_rgb(f(c[0]), f(c[1]), f(c[2])));
            }
        }
        Self {
            key: scene::Landscape::key_for(surface, view, [n, n], 0),
            view,
            scale,
            heights,
            colors,
        }
    }

    /// Where θ, whose loss is `value`, sits in the mesh's normalised coordinates: x, y in
    /// [−1, 1] inside the view, z in [0, 1].
    fn lift(&self, p: Vec2, value: f64) -> Option<[f32; 3]> {
        let v = self.view;
        let x = 2.0 * (p.x - v.x[0]) / (v.x[1] - v.x[0]) - 1.0;
        let y = 2.0 * (p.y - v.y[0]) / (v.y[1] - v.y[0]) - 1.0;
        let z = height(&self.scale, value);
        let inside = (-1.0..=1.0).contains(&x) && (-1.0..=1.0).contains(&y);
        (inside && z.is_finite()).then_some([x as f32, y as f32, z as f32])
    }
}

/// Where `v` stands between the scale's ends, as a height in [0, 1]: linear like the
/// colours, or on a log scale whose floor is [`HEIGHT_FLOOR`] of the range.
fn height(scale: &ColorScale, v: f64) -> f64 {
    if !v.is_finite() {
        return f64::NAN;
    }
    if !scale.log {
        return scale.normalized(v);
    }
    let range = (scale.hi - scale.lo).max(1e-300);
    let d = HEIGHT_FLOOR * range;
    let h = (1.0 + (v - scale.lo).max(0.0) / d).ln() / (1.0 + range / d).ln();
    h.clamp(0.0, 1.0)
}

/// An orthographic camera: yaw about the vertical axis, then pitch down toward the base.
#[derive(Debug, Clone, Copy)]
struct Camera {
    yaw: f32,
    pitch: f32,
    center: Pos2,
    scale: f32,
}

impl Camera {
    /// A camera fitting the whole box (base ±1, height [`HEIGHT`]) into `rect`.
    fn fit(yaw: f32, pitch: f32, rect: Rect) -> Self {
        let (sp, cp) = pitch.sin_cos();
        let half_w = std::f32::consts::SQRT_2;
        let half_h = std::f32::consts::SQRT_2 * sp + 0.5 * HEIGHT * cp;
        let scale = 0.92 * (rect.width() / (2.0 * half_w)).min(rect.height() / (2.0 * half_h));
        Self {
            yaw,
            pitch,
            center: rect.center(),
            scale: scale.max(1.0),
        }
    }

    /// Screen position and depth (larger = farther) of mesh point `p`.
    fn project(&self, p: [f32; 3]) -> (Pos2, f32) {
        let (sy, cy) = self.yaw.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        let x1 = p[0] * cy - p[1] * sy;
        let y1 = p[0] * sy + p[1] * cy;
        let z = (p[2] - 0.5) * HEIGHT;
        let up = z * cp + y1 * sp;
        let depth = y1 * cp - z * sp;
        (self.center + vec2(x1 * self.scale, -up * self.scale), depth)
    }
}

/// The 3-D view's camera and mesh cache.
#[derive(Debug)]
pub struct View3d {
    /// Rotation about the vertical axis, radians.
    pub yaw: f32,
    /// Elevation of the camera above the base plane, radians (π/2 looks straight down).
    pub pitch: f32,
    mesh: Option<SurfaceMesh>,
    /// The camera of the last frame drawn, to map points to where they were shown.
    camera: Option<Camera>,
    /// How many meshes were sampled: tests check that rotating reuses the cached one.
    pub meshes_computed: u64,
    /// The lifted, thinned paths per run, kept while the run, the mesh and the playhead
    /// stay (a playhead moving forward lifts only the new points).
    paths: Vec<Option<LiftCache>>,
    /// Paths lifted from their first point (new runs, another mesh, a playhead moved
    /// back): tests count them.
    pub paths_rebuilt: u64,
    /// Points lifted in all: tests check that a frame at rest lifts none.
    pub points_lifted: u64,
}

impl Default for View3d {
    fn default() -> Self {
        Self {
            yaw: -0.6,
            pitch: 0.62,
            mesh: None,
            camera: None,
            meshes_computed: 0,
            paths: Vec::new(),
            paths_rebuilt: 0,
            points_lifted: 0,
        }
    }
}

impl View3d {
    /// The cached mesh for the state's surface and view, or a new one.
    fn mesh_for(&mut self, state: &AppState) -> &SurfaceMesh {
        let key = scene::Landscape::key_for(&state.surface, state.view, [MESH_N, MESH_N], 0);
        if self.mesh.as_ref().is_none_or(|m| m.key != key) {
            self.meshes_computed += 1;
            self.mesh = Some(SurfaceMesh::compute(&state.surface, state.view));
        }
        self.mesh
            .get_or_insert_with(|| SurfaceMesh::compute(&state.surface, state.view))
    }

    /// Where step `step` of run `run` was drawn in the last frame, if it was.
    pub fn screen_pos(&self, state: &AppState, run: usize, step: usize) -> Option<Pos2> {
        let (mesh, cam) = (self.mesh.as_ref()?, self.camera?);
        let r = state.runs.runs.get(run)?;
        let p = mesh.lift(*r.points.get(step)?, *r.loss.get(step)?)?;
        Some(cam.project(p).0)
    }

    /// Shows the 3-D view in the space left in `ui`.
    pub fn ui(&mut self, ui: &mut Ui, state: &mut AppState) {
        let size = ui.available_size().max(vec2(200.0, 150.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        let (step, end) = (state.step(), state.max_steps());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                tr_args(
                    "view3d-label",
                    &[("step", step.to_string()), ("end", end.to_string())],
                ),
            )
        });
        if response.dragged() {
            let d = response.drag_delta();
            self.yaw -= d.x * DRAG_RAD_PER_PX;
            self.pitch =
                (self.pitch + d.y * DRAG_RAD_PER_PX).clamp(MIN_PITCH, std::f32::consts::FRAC_PI_2);
        }
        if response.double_clicked() {
            let fresh = Self::default();
            (self.yaw, self.pitch) = (fresh.yaw, fresh.pitch);
        }
        // Export crops to this rectangle; the view itself is the 2-D one's.
        state.landscape = Some(super::state::Transform {
            rect,
            view: state.view,
        });
        // The readout above would read a map position off a pointer over the 3-D view.
        state.pointer = None;

        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::from_gray(250));
        let text_rect = rect.shrink(8.0);
        let body = Rect::from_min_max(pos2(rect.left(), rect.top() + 28.0), rect.max);
        let cam = Camera::fit(self.yaw, self.pitch, body);
        self.camera = Some(cam);
        // Points closer than a pixel at the largest scale any pitch gives this rectangle
        // are one point on screen.
        let tol = 2.0 * std::f32::consts::SQRT_2 / (0.92 * body.width().max(1.0));
        self.mesh_for(state);
        let paths = self.lifted_paths(state, tol);
        let Some(mesh) = self.mesh.as_ref() else {
            return;
        };
        paint_mesh(&painter, mesh, &cam);
        paint_base(&painter, &cam);
        paint_paths(&painter, &paths, &cam, state, mesh);

        // Hover picks the nearest revealed point, as on the map.
        if response.hovered() && !response.dragged() {
            state.hovered = response
                .hover_pos()
                .and_then(|p| nearest(&paths, &cam, p, state, mesh));
            state.hover_source = state.hovered.map(|_| HoverSource::Landscape);
        } else if state.hover_source == Some(HoverSource::Landscape) {
            state.hovered = None;
            state.hover_source = None;
        }

        let ink = Color32::from_gray(40);
        painter.text(
            text_rect.left_top(),
            egui::Align2::LEFT_TOP,
            tr_args(
                "view3d-title",
                &[
                    ("surface", state.surface.kind().to_string()),
                    ("step", step.to_string()),
                    ("end", end.to_string()),
                ],
            ),
            egui::FontId::proportional(17.0),
            ink,
        );
    }
}

/// A lifted point and the step it shows.
type Lifted = (usize, [f32; 3]);

/// One visible run's revealed points, lifted onto the mesh and thinned to what the screen
/// can show: pieces where the path is inside the view, and the point at the playhead.
struct LiftedPath {
    run: usize,
    color: Color32,
    pieces: std::sync::Arc<Vec<Vec<Lifted>>>,
    /// The point at the playhead, when it is inside the view.
    head: Option<[f32; 3]>,
}

/// Most points a drawn piece keeps, whatever the run length (as on the map).
const MAX_PIECE_POINTS: usize = 5000;

/// One run's path lifted so far: pieces already ended and the one still growing, its
/// points closer than `tol` to the last kept one dropped (a piece keeps its ends).
#[derive(Debug, Clone)]
struct LiftCache {
    key: (u64, ImageKey, u32),
    tol: f32,
    /// Points lifted so far (steps 0 … fed − 1).
    fed: usize,
    done: Vec<Vec<Lifted>>,
    kept: Vec<Lifted>,
    newest: Option<Lifted>,
    /// The pieces for the last playhead asked for.
    out: Option<(usize, std::sync::Arc<Vec<Vec<Lifted>>>)>,
}

impl LiftCache {
    fn new(key: (u64, ImageKey, u32), tol: f32) -> Self {
        Self {
            key,
            tol,
            fed: 0,
            done: Vec::new(),
            kept: Vec::new(),
            newest: None,
            out: None,
        }
    }

    fn feed(&mut self, p: Option<Lifted>) {
        let Some(p) = p else {
            self.end_piece();
            return;
        };
        if let Some(q) = self.newest.replace(p) {
            let far = self.kept.last().is_none_or(|(_, k)| {
                let d = [q.1[0] - k[0], q.1[1] - k[1], q.1[2] - k[2]];
                d[0] * d[0] + d[1] * d[1] + d[2] * d[2] >= self.tol * self.tol
            });
            if far {
                self.kept.push(q);
            }
        }
    }

    fn current(&self) -> Vec<Lifted> {
        let Some(newest) = self.newest else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(self.kept.len() + 1);
        out.extend_from_slice(&self.kept);
        out.push(newest);
        if out.len() > MAX_PIECE_POINTS {
            let stride = out.len().div_ceil(MAX_PIECE_POINTS);
            out = out.into_iter().step_by(stride).collect();
            if out.last() != Some(&newest) {
                out.push(newest);
            }
        }
        out
    }

    fn end_piece(&mut self) {
        let piece = self.current();
        if piece.len() >= 2 {
            self.done.push(piece);
        }
        self.kept.clear();
        self.newest = None;
    }

    fn pieces(&self) -> Vec<Vec<Lifted>> {
        let mut out = self.done.clone();
        let cur = self.current();
        if cur.len() >= 2 {
            out.push(cur);
        }
        out
    }
}

impl View3d {
    /// The visible runs' paths up to the playhead, from the cache where it holds.
    fn lifted_paths(&mut self, state: &AppState, tol: f32) -> Vec<LiftedPath> {
        let Some(mesh) = self.mesh.as_ref() else {
            return Vec::new();
        };
        let n = state.runs.runs.len();
        self.paths.resize(n.max(self.paths.len()), None);
        let mut out = Vec::new();
        for (i, run) in state.runs.runs.iter().enumerate() {
            if !state.visible.get(i).copied().unwrap_or(true) {
                continue;
            }
            let id = state.run_ids.get(i).copied().unwrap_or(u64::MAX);
            let key = (id, mesh.key, tol.to_bits());
            let want = state.revealed(i);
            let slot = &mut self.paths[i];
            if id == u64::MAX || slot.as_ref().is_none_or(|c| c.key != key || c.fed > want) {
                self.paths_rebuilt += 1;
                *slot = Some(LiftCache::new(key, tol));
            }
            let Some(c) = slot.as_mut() else { continue };
            let pieces = match &c.out {
                Some((at, p)) if *at == want => p.clone(),
                _ => {
                    // The run's own losses: evaluating a custom expression again for
                    // every point would cost more than drawing.
                    for k in c.fed..want {
                        let lifted = run
                            .loss
                            .get(k)
                            .and_then(|v| mesh.lift(run.points[k], *v))
                            .map(|p| (k, p));
                        c.feed(lifted);
                    }
                    self.points_lifted += (want - c.fed.min(want)) as u64;
                    c.fed = want;
                    let p = std::sync::Arc::new(c.pieces());
                    c.out = Some((want, p.clone()));
                    p
                }
            };
            let head = want
                .checked_sub(1)
                .and_then(|k| Some((run.points.get(k)?, run.loss.get(k)?)))
                .and_then(|(p, v)| mesh.lift(*p, *v));
            let [r, g, b] = scene::run_color(run, i);
            out.push(LiftedPath {
                run: i,
                color: Color32::from_rgb(r, g, b),
                pieces,
                head,
            });
        }
        out
    }
}

/// The quads, far to near, flat-coloured with the heatmap's viridis.
fn paint_mesh(painter: &egui::Painter, mesh: &SurfaceMesh, cam: &Camera) {
    let n = MESH_N;
    let coord = |k: usize| -1.0 + 2.0 * k as f32 / (n - 1) as f32;
    let projected: Vec<(Pos2, f32)> = (0..n * n)
        .map(|k| {
            let z = mesh.heights[k];
            cam.project([
                coord(k % n),
                coord(k / n),
                if z.is_finite() { z } else { 0.0 },
            ])
        })
        .collect();
    let mut order: Vec<(f32, usize)> = (0..(n - 1) * (n - 1))
        .filter(|&q| mesh.colors[q] != Color32::TRANSPARENT)
        .map(|q| {
            let (i, j) = (q % (n - 1), q / (n - 1));
            let corners = [
                j * n + i,
                j * n + i + 1,
                (j + 1) * n + i,
                (j + 1) * n + i + 1,
            ];
            let depth = corners.iter().map(|&c| projected[c].1).sum::<f32>();
            (depth, q)
        })
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Mesh::default();
    for (_, q) in order {
        let (i, j) = (q % (n - 1), q / (n - 1));
        let color = mesh.colors[q];
        let base = out.vertices.len() as u32;
        for c in [
            j * n + i,
            j * n + i + 1,
            (j + 1) * n + i + 1,
            (j + 1) * n + i,
        ] {
            out.colored_vertex(projected[c].0, color);
        }
        out.add_triangle(base, base + 1, base + 2);
        out.add_triangle(base, base + 2, base + 3);
    }
    painter.add(Shape::mesh(out));
}

/// The base square's outline and the axis names, so the orientation stays readable.
fn paint_base(painter: &egui::Painter, cam: &Camera) {
    let stroke = Stroke::new(1.5, Color32::from_gray(110));
    let corners = [
        [-1.0, -1.0],
        [1.0, -1.0],
        [1.0, 1.0],
        [-1.0, 1.0],
        [-1.0, -1.0],
    ];
    let pts: Vec<Pos2> = corners
        .iter()
        .map(|c| cam.project([c[0], c[1], 0.0]).0)
        .collect();
    painter.add(Shape::line(pts, stroke));
    let font = egui::FontId::proportional(16.0);
    let ink = Color32::from_gray(40);
    for (p, name) in [([1.15, -1.0, 0.0], "x"), ([-1.0, 1.15, 0.0], "y")] {
        painter.text(
            cam.project(p).0,
            egui::Align2::CENTER_CENTER,
            name,
            font.clone(),
            ink,
        );
    }
    let (bottom, top) = (
        cam.project([-1.0, -1.0, 0.0]).0,
        cam.project([-1.0, -1.0, 1.0]).0,
    );
    painter.line_segment([bottom, top], stroke);
    painter.text(
        top,
        egui::Align2::RIGHT_BOTTOM,
        tr("view3d-loss-axis"),
        font,
        ink,
    );
}

/// The trajectories on the surface, each ending in a dot at the playhead, and a ring on
/// the hovered step.
fn paint_paths(
    painter: &egui::Painter,
    paths: &[LiftedPath],
    cam: &Camera,
    state: &AppState,
    mesh: &SurfaceMesh,
) {
    let shadow = Stroke::new(5.0, Color32::from_black_alpha(200));
    for path in paths {
        for piece in path.pieces.iter() {
            // A hair above the surface, so the quads under it never hide it.
            let pts: Vec<Pos2> = piece
                .iter()
                .map(|(_, p)| cam.project([p[0], p[1], p[2] + 0.01]).0)
                .collect();
            painter.add(Shape::line(pts.clone(), shadow));
            painter.add(Shape::line(pts, Stroke::new(2.5, path.color)));
        }
        if let Some(head) = path.head {
            let p = cam.project(head).0;
            painter.circle(p, 6.0, path.color, Stroke::new(2.0, Color32::BLACK));
        }
    }
    if let Some(h) = state.hovered
        && let Some(path) = paths.iter().find(|p| p.run == h.run)
        && h.step < state.revealed(h.run)
        && let Some(run) = state.runs.runs.get(h.run)
        && let (Some(p), Some(v)) = (run.points.get(h.step), run.loss.get(h.step))
        && let Some(q) = mesh.lift(*p, *v)
    {
        let p = cam.project(q).0;
        painter.circle_stroke(p, 13.0, Stroke::new(6.0, Color32::BLACK));
        painter.circle_stroke(p, 13.0, Stroke::new(3.0, path.color));
    }
}

/// The revealed point nearest to `pointer` on screen, within [`HOVER_PX`]: the nearest
/// drawn point first, then the nearest of the points thinned away around it.
fn nearest(
    paths: &[LiftedPath],
    cam: &Camera,
    pointer: Pos2,
    state: &AppState,
    mesh: &SurfaceMesh,
) -> Option<Hover> {
    // (distance², run, first and last step it stands for, its step)
    let mut best: Option<(f32, usize, usize, usize, usize)> = None;
    for path in paths {
        for piece in path.pieces.iter() {
            for (j, &(k, p)) in piece.iter().enumerate() {
                let d = cam.project(p).0.distance_sq(pointer);
                if d <= HOVER_PX * HOVER_PX && best.is_none_or(|b| d < b.0) {
                    let lo = j.checked_sub(1).map_or(k, |i| piece[i].0);
                    let hi = piece.get(j + 1).map_or(k, |q| q.0);
                    best = Some((d, path.run, lo, hi, k));
                }
            }
        }
    }
    let (_, run, lo, hi, k) = best?;
    let r = state.runs.runs.get(run)?;
    // Bounded: a run resting in one pixel for 10⁵ steps must not cost a frame.
    const REFINE: usize = 4096;
    let last = state.revealed(run).checked_sub(1)?;
    let (lo, hi) = (
        lo.max(k.saturating_sub(REFINE)),
        hi.min(k + REFINE).min(last),
    );
    let mut top = (f32::INFINITY, k);
    for step in lo..=hi {
        let (Some(p), Some(v)) = (r.points.get(step), r.loss.get(step)) else {
            break;
        };
        if let Some(q) = mesh.lift(*p, *v) {
            let d = cam.project(q).0.distance_sq(pointer);
            if d < top.0 {
                top = (d, step);
            }
        }
    }
    Some(Hover { run, step: top.1 }).filter(|h| h.step < state.revealed(h.run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::surfaces::Quadratic;

    #[test]
    fn the_mesh_is_viridis_and_low_at_the_minimum() {
        let s = Surface::Quadratic(Quadratic {
            lambda1: 1.0,
            lambda2: 10.0,
            angle_deg: 0.0,
        });
        let view = View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
        let m = SurfaceMesh::compute(&s, view);
        assert_eq!(m.colors.len(), (MESH_N - 1) * (MESH_N - 1));
        let lift = |p: Vec2| m.lift(p, s.value(p));
        let centre = lift(Vec2::zeros()).expect("inside");
        let corner = lift(Vec2::new(0.99, 0.99)).expect("inside");
        assert!(centre[2] < corner[2]);
        assert!(lift(Vec2::new(3.0, 0.0)).is_none());
    }

    #[test]
    fn looking_straight_down_gives_the_map() {
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 400.0));
        let cam = Camera::fit(0.0, std::f32::consts::FRAC_PI_2, rect);
        let (right, _) = cam.project([1.0, 0.0, 0.5]);
        let (top, _) = cam.project([0.0, 1.0, 0.5]);
        assert!(right.x > rect.center().x);
        assert!(top.y < rect.center().y);
        // Lower points are farther from a camera above.
        assert!(cam.project([0.0, 0.0, 0.0]).1 > cam.project([0.0, 0.0, 1.0]).1);
    }
}
