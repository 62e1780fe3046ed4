//! What to draw, in world coordinates, shared by the window and the headless renderer.
//!
//! [`build_scene`] turns a scenario and its runs into a [`Scene`]; [`Scene::draw`] maps
//! it to the screen through any [`Canvas`] (the tiny-skia renderer, the egui painter, or
//! [`RecordingCanvas`] in tests), so the window and the PNG show the same colours,
//! contour levels and markers.
//!
//! The expensive part — the sampled surface, its colours and contours — is a
//! [`Landscape`], computed once per (surface, view, size) and shared by `Arc`; a scene
//! for another playhead only re-cuts the trajectories.

pub mod canvas;
pub mod colormap;
pub mod contour;
mod draw;
pub mod grid;
pub mod loss;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use crate::core::optimizers::OptimizerConfig;
use crate::core::param::{ParamSpec, Shown, Valid};
use crate::core::run::{Run, RunSet};
use crate::core::scenario::Scenario;
use crate::core::schedule::{Decay, Schedule};
use crate::core::surfaces::{Surface, View};

pub use canvas::{
    Anchor, Canvas, DrawCall, ImageKey, ImageRef, MarkerShape, Pos, RecordingCanvas, Rect, Stroke,
};
pub use colormap::{Color, ColorScale};
pub use contour::ContourLevel;
pub use draw::{Layer, SceneLayout, ScreenFromWorld, fit_text, font_size_for};
pub use grid::Grid;

pub use loss::LossPlot;

/// Trajectory colours for optimizers without one of their own: saturated hues that stand
/// out on viridis (no blues, greens or yellows).
const PALETTE: [[u8; 3]; 8] = [
    [0xef, 0x44, 0x44], // red
    [0xf9, 0x73, 0x16], // orange
    [0xec, 0x48, 0x99], // pink
    [0xf8, 0xfa, 0xfc], // white
    [0xa8, 0x55, 0xf7], // purple
    [0x22, 0xd3, 0xee], // cyan
    [0x84, 0xcc, 0x16], // lime
    [0x78, 0x35, 0x0f], // brown
];

/// The default colour of the `i`-th optimizer (cycles after 8).
pub fn palette(i: usize) -> [u8; 3] {
    PALETTE[i % PALETTE.len()]
}

/// The colour run `i` is drawn in: its own, or [`palette`]`(i)`.
pub fn run_color(run: &Run, i: usize) -> [u8; 3] {
    run.color.unwrap_or_else(|| palette(i))
}

/// Opaque RGBA from RGB.
pub fn opaque(c: [u8; 3]) -> Color {
    [c[0], c[1], c[2], 255]
}

/// The sampled surface with its colours and isolines: the static part of a scene.
#[derive(Debug, Clone)]
pub struct Landscape {
    /// Identifies (surface, view, size, levels): equal keys, equal pixels.
    pub key: ImageKey,
    /// Surface values, one per heatmap pixel.
    pub grid: Grid,
    /// Value → colour.
    pub scale: ColorScale,
    /// The heatmap, `grid.width × grid.height` RGBA.
    pub rgba: Vec<u8>,
    /// Isolines, one entry per level, in world coordinates.
    pub contours: Vec<ContourLevel>,
}

impl Landscape {
    /// Samples `surface` over `view` at `size` = [columns, rows] (use the plot's size in
    /// pixels) and traces `levels` isolines.
    pub fn compute(surface: &Surface, view: View, size: [usize; 2], levels: usize) -> Landscape {
        Self::compute_reusing(surface, view, size, levels, None)
    }

    /// [`Self::compute`], writing the values and the heatmap into the buffers of
    /// `replaced` (the landscape this one replaces, when nothing else holds it), as the
    /// window does while the view is dragged or zoomed.
    pub fn compute_reusing(
        surface: &Surface,
        view: View,
        size: [usize; 2],
        levels: usize,
        replaced: Option<Landscape>,
    ) -> Landscape {
        let (values, rgba) = replaced.map_or_else(Default::default, |l| (l.grid.values, l.rgba));
        let grid = Grid::evaluate_reusing(surface, view, size[0], size[1], values);
        let scale = grid.color_scale(surface);
        let rgba = grid.heatmap_rgba_reusing(&scale, rgba);
        let contours = contour::contours(&grid, &contour::levels(&scale, levels));
        Landscape {
            key: Self::key_for(surface, view, size, levels),
            grid,
            scale,
            rgba,
            contours,
        }
    }

    /// The key [`Self::compute`] would give, to look a cached landscape up cheaply.
    pub fn key_for(surface: &Surface, view: View, size: [usize; 2], levels: usize) -> ImageKey {
        let mut h = DefaultHasher::new();
        // Surfaces hold f64s (no `Hash`); their debug text names every parameter exactly.
        format!("{surface:?}").hash(&mut h);
        for v in view.x.iter().chain(&view.y) {
            v.to_bits().hash(&mut h);
        }
        size.hash(&mut h);
        levels.hash(&mut h);
        ImageKey(h.finish())
    }

    /// The heatmap as an image for [`Canvas::image`].
    pub fn image(&self) -> ImageRef<'_> {
        ImageRef {
            key: self.key,
            width: self.grid.width,
            height: self.grid.height,
            rgba: &self.rgba,
        }
    }
}

/// Turns a message id and its arguments into words: the scene names what it shows by id
/// and numbers, and the caller's language layer ([`crate::lang::tr_args`] by default)
/// says it in the chosen language.
#[derive(Clone, Copy)]
pub struct Words(pub fn(&str, &[(&str, String)]) -> String);

impl Words {
    /// The words for `id` with `args`.
    pub fn say(&self, id: &str, args: &[(&str, String)]) -> String {
        (self.0)(id, args)
    }
}

impl Default for Words {
    fn default() -> Self {
        Words(crate::lang::tr_args)
    }
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Words")
    }
}

/// Every `Words` is the same for comparing scenes: what they say depends on the language
/// in force, not on the scene.
impl PartialEq for Words {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What [`build_scene`] includes.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneOptions {
    /// Heatmap resolution [columns, rows]: the plot's size in pixels.
    pub grid_size: [usize; 2],
    /// Number of contour levels.
    pub contour_levels: usize,
    /// Which runs to draw, by index; runs past the end of the list are drawn.
    pub visible: Vec<bool>,
    /// A step to ring on every trajectory (e.g. under the mouse in the loss plot).
    pub highlight_step: Option<usize>,
    /// Title, axes, colour bar and legend; off for a bare landscape.
    pub decorations: bool,
    /// Show "step t / T" (for animations).
    pub step_counter: bool,
    /// Who words the titles, notes and the step counter.
    pub words: Words,
}

impl Default for SceneOptions {
    fn default() -> Self {
        Self {
            grid_size: [800, 600],
            contour_levels: 20,
            visible: Vec::new(),
            highlight_step: None,
            decorations: true,
            step_counter: false,
            words: Words::default(),
        }
    }
}

/// Where a run left the view (or stopped being finite) before diverging.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The step SPEC §7 declared divergence at.
    pub step: u64,
    /// The last point of the path inside the view (on its border when it left).
    pub at: [f64; 2],
    /// "diverged at step N".
    pub text: String,
}

/// One optimizer's path, cut to the playhead and to the view.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// Index of the run in its [`RunSet`].
    pub run: usize,
    /// Legend text.
    pub label: String,
    /// Line colour.
    pub color: [u8; 3],
    /// Pieces of the path inside the view (a path leaving and re-entering makes
    /// several), decimated for drawing; each has at least 2 points.
    pub pieces: Vec<Vec<[f64; 2]>>,
    /// The same for the moving average of the weights (`ema_decay`), when the run keeps one.
    pub ema_pieces: Vec<Vec<[f64; 2]>>,
    /// The point at the playhead, if inside the view.
    pub head: Option<[f64; 2]>,
    /// The early-stopping best point, once the playhead has passed it.
    pub best: Option<[f64; 2]>,
    /// Shown once the playhead reaches the step where the path left for good.
    pub divergence: Option<Divergence>,
    /// The point at [`SceneOptions::highlight_step`].
    pub highlight: Option<[f64; 2]>,
}

/// A fixed marker on the landscape.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// World position.
    pub at: [f64; 2],
    /// Shape.
    pub shape: MarkerShape,
}

/// A legend row.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The run's label.
    pub label: String,
    /// Its colour.
    pub color: [u8; 3],
    /// How it ended ("diverged at step 41", "stopped early at step 80", ...), if notable.
    pub note: Option<String>,
}

/// Everything drawn for one landscape at one playhead, in world coordinates.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The region of the plane shown.
    pub view: View,
    /// Heatmap, colour scale and contours (shared, computed once).
    pub landscape: Arc<Landscape>,
    /// One per visible run, in run order.
    pub trajectories: Vec<Trajectory>,
    /// Known minima (×) and saddle points (+) inside the view.
    pub markers: Vec<Marker>,
    /// θ0, where every run starts (draggable in the app).
    pub start: [f64; 2],
    /// One row per visible run.
    pub legend: Vec<LegendEntry>,
    /// First title line: the surface, its parameters, steps and schedule.
    pub title: String,
    /// Second title line: each optimizer's key hyperparameters.
    pub subtitle: String,
    /// Axis names, e.g. "x" and "y" ("w" and "b" for a line fit).
    pub axis_names: [String; 2],
    /// Tick values along x and y.
    pub ticks: [Vec<f64>; 2],
    /// Tick values of the colour bar.
    pub color_ticks: Vec<f64>,
    /// The playhead and the longest run's step count, for the step counter.
    pub step: Option<(usize, usize)>,
    /// Whether to draw title, axes, colour bar and legend.
    pub decorations: bool,
    /// Who words the step counter when it is drawn.
    pub words: Words,
    /// Where the last draw put the runs' legend (screen coordinates), so the window's own
    /// keys can keep clear of it.
    pub legend_drawn: std::cell::Cell<Option<canvas::Rect>>,
    /// Where the user put the runs' legend: its top-left corner as a fraction of the plot
    /// (kept inside it); `None` puts it in the corner covering the fewest path points.
    pub legend_at: Option<[f32; 2]>,
}

/// Builds the scene for `runs` of `scenario` revealed up to step `playhead`, computing
/// the landscape for the scenario's view. Use [`build_scene_with`] to reuse one.
pub fn build_scene(
    scenario: &Scenario,
    runs: &RunSet,
    playhead: usize,
    opts: &SceneOptions,
) -> Scene {
    let surface = scenario.surface.build(scenario.seed);
    let landscape = Landscape::compute(
        &surface,
        scenario.view(),
        opts.grid_size,
        opts.contour_levels,
    );
    build_scene_with(
        Arc::new(landscape),
        scenario,
        &surface,
        runs,
        playhead,
        opts,
    )
}

/// Like [`build_scene`] over an already computed landscape (whose view is the scene's).
pub fn build_scene_with(
    landscape: Arc<Landscape>,
    scenario: &Scenario,
    surface: &Surface,
    runs: &RunSet,
    playhead: usize,
    opts: &SceneOptions,
) -> Scene {
    build_scene_cached(landscape, scenario, surface, runs, playhead, opts, None)
}

/// Like [`build_scene_with`], reusing the clipped and decimated paths kept in `cache`
/// (with `run_ids[i]` naming the contents of run `i`: a new id, new points). The scene is
/// the same as without the cache; only the work differs: nothing is redone while the
/// playhead, the view and the runs stay, and only the new points are added when the
/// playhead advances.
pub fn build_scene_cached(
    landscape: Arc<Landscape>,
    scenario: &Scenario,
    surface: &Surface,
    runs: &RunSet,
    playhead: usize,
    opts: &SceneOptions,
    mut cache: Option<(&mut PathCache, &[u64])>,
) -> Scene {
    let view = landscape.grid.view;
    // World size of one heatmap pixel: points closer than that are invisible detail.
    let px = [
        (view.x[1] - view.x[0]) / landscape.grid.width.max(1) as f64,
        (view.y[1] - view.y[0]) / landscape.grid.height.max(1) as f64,
    ];
    let visible = |i: usize| opts.visible.get(i).copied().unwrap_or(true);
    if let Some((c, ids)) = cache.as_mut() {
        c.prepare(&runs.runs, ids, visible, view, px, playhead);
    }
    let mut trajectories = Vec::new();
    let mut legend = Vec::new();
    for (i, run) in runs.runs.iter().enumerate().filter(|(i, _)| visible(*i)) {
        let paths = cache.as_mut().map(|(c, ids)| {
            let id = ids.get(i).copied().unwrap_or(u64::MAX);
            c.paths(i, id, run, view, px, playhead)
        });
        let t = trajectory(
            i,
            run,
            view,
            px,
            playhead,
            opts.highlight_step,
            opts.words,
            paths,
        );
        legend.push(LegendEntry {
            label: run.label.clone(),
            color: t.color,
            note: run_note(run, opts.words),
        });
        trajectories.push(t);
    }
    let markers = surface
        .minima()
        .into_iter()
        .map(|m| (m, MarkerShape::Cross))
        .chain(
            surface
                .saddle_points()
                .into_iter()
                .map(|m| (m, MarkerShape::Plus)),
        )
        .filter(|(m, _)| view.contains(*m))
        .map(|(m, shape)| Marker {
            at: [m.x, m.y],
            shape,
        })
        .collect();
    let longest = runs
        .runs
        .iter()
        .map(|r| r.points.len().saturating_sub(1))
        .max()
        .unwrap_or(0);
    Scene {
        view,
        trajectories,
        markers,
        start: [scenario.start.x, scenario.start.y],
        legend,
        title: title(scenario, surface, opts.words),
        subtitle: subtitle(scenario, runs, opts.words),
        axis_names: surface.info().axes.map(String::from),
        ticks: [
            colormap::nice_ticks(view.x[0], view.x[1], 8),
            colormap::nice_ticks(view.y[0], view.y[1], 6),
        ],
        color_ticks: landscape.scale.ticks(7),
        step: opts
            .step_counter
            .then_some((playhead.min(longest), longest)),
        decorations: opts.decorations,
        words: opts.words,
        legend_drawn: std::cell::Cell::new(None),
        legend_at: None,
        landscape,
    }
}

fn run_note(run: &Run, words: Words) -> Option<String> {
    if let Some(t) = run.diverged_at {
        return Some(words.say("scene-diverged", &[("step", t.to_string())]));
    }
    if let Some(t) = run.stopped_at {
        return Some(words.say("scene-stopped", &[("step", t.to_string())]));
    }
    None
}

/// Cuts run `i` to the playhead and the view (or takes the cut `paths` from a cache).
#[allow(clippy::too_many_arguments)]
fn trajectory(
    i: usize,
    run: &Run,
    view: View,
    px: [f64; 2],
    playhead: usize,
    highlight: Option<usize>,
    words: Words,
    paths: Option<(Pieces, Pieces)>,
) -> Trajectory {
    let end = playhead.min(run.points.len().saturating_sub(1));
    let (pieces, ema_pieces) = paths.unwrap_or_else(|| {
        let shown = &run.points[..(end + 1).min(run.points.len())];
        let pieces: Pieces = clip_path(shown.iter().map(|p| [p.x, p.y]), view)
            .into_iter()
            .map(|p| decimate(&p, px))
            .filter(|p| p.len() >= 2)
            .collect();
        let ema_shown = &run.ema_points[..(end + 1).min(run.ema_points.len())];
        let ema_pieces: Pieces = clip_path(ema_shown.iter().map(|p| [p.x, p.y]), view)
            .into_iter()
            .map(|p| decimate(&p, px))
            .filter(|p| p.len() >= 2)
            .collect();
        (pieces, ema_pieces)
    });
    let at = |k: usize| {
        run.points.get(k).map(|p| [p.x, p.y]).filter(|p| {
            p[0].is_finite()
                && p[1].is_finite()
                && view.contains(crate::core::Vec2::new(p[0], p[1]))
        })
    };
    let best = run
        .best_step
        .map(|b| b as usize)
        .filter(|b| *b <= end)
        .and_then(at);
    let divergence = run.diverged_at.and_then(|step| {
        let (exit_index, exit_point) = exit_of(&run.points, view)?;
        (end >= exit_index.min(step as usize)).then(|| Divergence {
            step,
            at: exit_point,
            text: words.say("scene-diverged", &[("step", step.to_string())]),
        })
    });
    Trajectory {
        run: i,
        label: run.label.clone(),
        color: run_color(run, i),
        pieces,
        ema_pieces,
        head: at(end),
        best,
        divergence,
        highlight: highlight.filter(|h| *h <= end).and_then(at),
    }
}

/// Where a path leaves the view for the last time: the index of the first point outside
/// (or non-finite) after the last inside one, and the border crossing. `None` when the
/// path ends inside or is never inside.
fn exit_of(points: &[crate::core::Vec2], view: View) -> Option<(usize, [f64; 2])> {
    let inside = |p: &crate::core::Vec2| p.x.is_finite() && p.y.is_finite() && view.contains(*p);
    let last_in = points.iter().rposition(inside)?;
    let next = points.get(last_in + 1)?;
    let a = [points[last_in].x, points[last_in].y];
    let crossing = if next.x.is_finite() && next.y.is_finite() {
        clip_segment(a, [next.x, next.y], view).map_or(a, |(_, b)| b)
    } else {
        a
    };
    Some((last_in + 1, crossing))
}

/// Liang–Barsky: the part of segment a→b inside `view`, if any.
fn clip_segment(a: [f64; 2], b: [f64; 2], view: View) -> Option<([f64; 2], [f64; 2])> {
    let d = [b[0] - a[0], b[1] - a[1]];
    // Both ends inside (nearly every segment of a path): the parameters stay 0 and 1, so
    // the general case below gives exactly `a` and `a + d`, without its four divisions
    // (most of the time spent clipping a 10⁶-point path). Rounding is monotonic, so a
    // ratio of a distance to the border over a shorter one never falls below 1.
    let inside = |p: [f64; 2]| view.contains(crate::core::Vec2::new(p[0], p[1]));
    if inside(a) && inside(b) {
        return Some((a, [a[0] + d[0], a[1] + d[1]]));
    }
    liang_barsky(a, b, view)
}

/// [`clip_segment`]'s general case.
fn liang_barsky(a: [f64; 2], b: [f64; 2], view: View) -> Option<([f64; 2], [f64; 2])> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d[0], a[0] - view.x[0]),
        (d[0], view.x[1] - a[0]),
        (-d[1], a[1] - view.y[0]),
        (d[1], view.y[1] - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 || !t0.is_finite() || !t1.is_finite() {
        return None;
    }
    Some((
        [a[0] + t0 * d[0], a[1] + t0 * d[1]],
        [a[0] + t1 * d[0], a[1] + t1 * d[1]],
    ))
}

/// The parts of a path inside `view`: non-finite points break it, and segments crossing
/// the border are cut there. Points far outside (a diverging run reaches 1e6) never
/// reach a backend.
fn clip_path(points: impl Iterator<Item = [f64; 2]>, view: View) -> Vec<Vec<[f64; 2]>> {
    let mut pieces = Vec::new();
    let mut cur: Vec<[f64; 2]> = Vec::new();
    let mut prev: Option<[f64; 2]> = None;
    let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
    for p in points {
        if !finite(&p) {
            if !cur.is_empty() {
                pieces.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        match prev {
            None => {
                if view.contains(crate::core::Vec2::new(p[0], p[1])) {
                    cur.push(p);
                }
            }
            Some(a) => match clip_segment(a, p, view) {
                Some((s, e)) => {
                    if cur.is_empty() {
                        cur.push(s);
                    }
                    cur.push(e);
                    if e != p {
                        pieces.push(std::mem::take(&mut cur));
                    }
                }
                None => {
                    if !cur.is_empty() {
                        pieces.push(std::mem::take(&mut cur));
                    }
                }
            },
        }
        prev = Some(p);
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces
}

/// The drawn pieces of one path.
type Pieces = Vec<Vec<[f64; 2]>>;

/// [`clip_path`] followed by [`decimate`] on each piece, fed one point at a time: at any
/// moment [`Self::pieces`] is what the two give for the points fed so far, so a growing
/// prefix (a playhead moving forward) costs only its new points.
#[derive(Debug, Clone)]
struct PathBuilder {
    view: View,
    /// 1 / (world units per pixel) along x and y, as [`decimate`] computes them.
    inv_px: [f64; 2],
    /// Finished pieces, decimated, those under two points left out.
    done: Pieces,
    /// The current piece's points kept so far, without its newest point.
    kept: Vec<[f64; 2]>,
    /// The current piece's newest point (always drawn: a piece keeps its last point).
    newest: Option<[f64; 2]>,
    /// The previous finite point fed, as in [`clip_path`].
    prev: Option<[f64; 2]>,
}

impl PathBuilder {
    fn new(view: View, px: [f64; 2]) -> Self {
        Self {
            view,
            inv_px: [
                1.0 / px[0].max(f64::MIN_POSITIVE),
                1.0 / px[1].max(f64::MIN_POSITIVE),
            ],
            done: Vec::new(),
            kept: Vec::new(),
            newest: None,
            prev: None,
        }
    }

    /// One more point of the path (the steps of [`clip_path`]).
    fn feed(&mut self, p: [f64; 2]) {
        if !(p[0].is_finite() && p[1].is_finite()) {
            self.end_piece();
            self.prev = None;
            return;
        }
        match self.prev {
            None => {
                if self.view.contains(crate::core::Vec2::new(p[0], p[1])) {
                    self.push(p);
                }
            }
            Some(a) => match clip_segment(a, p, self.view) {
                Some((s, e)) => {
                    if self.newest.is_none() {
                        self.push(s);
                    }
                    self.push(e);
                    if e != p {
                        self.end_piece();
                    }
                }
                None => self.end_piece(),
            },
        }
        self.prev = Some(p);
    }

    /// Adds `p` to the current piece; the point it follows is now an inner one and is
    /// kept when [`decimate`] would keep it.
    fn push(&mut self, p: [f64; 2]) {
        if let Some(q) = self.newest.replace(p) {
            match self.kept.last() {
                None => self.kept.push(q),
                Some(last) => {
                    let dx = (q[0] - last[0]) * self.inv_px[0];
                    let dy = (q[1] - last[1]) * self.inv_px[1];
                    if dx * dx + dy * dy >= 1.0 {
                        self.kept.push(q);
                    }
                }
            }
        }
    }

    /// The current piece as [`decimate`] gives it.
    fn current(&self) -> Vec<[f64; 2]> {
        let Some(newest) = self.newest else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(self.kept.len() + 1);
        out.extend_from_slice(&self.kept);
        out.push(newest);
        stride_down(out)
    }

    fn end_piece(&mut self) {
        let piece = self.current();
        if piece.len() >= 2 {
            self.done.push(piece);
        }
        self.kept.clear();
        self.newest = None;
    }

    /// The pieces of the points fed so far.
    fn pieces(&self) -> Pieces {
        let mut out = self.done.clone();
        let cur = self.current();
        if cur.len() >= 2 {
            out.push(cur);
        }
        out
    }
}

/// The clipped, decimated paths of one run, for one (run contents, view, pixel size).
#[derive(Debug, Clone)]
struct RunPaths {
    key: (u64, [u64; 4], [u64; 2]),
    /// Points fed so far (θ0 … θ_{fed−1}).
    fed: usize,
    points: PathBuilder,
    ema: PathBuilder,
    /// The pieces for the last playhead asked for, handed out again while it stays.
    out: Option<(usize, Pieces, Pieces)>,
}

/// The window's cache of cut trajectories (see [`build_scene_cached`]): per run, the path
/// clipped and decimated up to the last playhead, kept while the run, the view and the
/// pixel size stay.
#[derive(Debug, Default)]
pub struct PathCache {
    runs: Vec<Option<RunPaths>>,
    /// Paths built from their first point (new runs, another view, a playhead moved
    /// back): tests count them.
    pub rebuilt: u64,
    /// Points clipped and decimated in all: tests check that a frame at rest adds none.
    pub points_fed: u64,
}

impl PathCache {
    /// The pieces (path and moving average) of `run`, whose contents `id` names, up to
    /// `playhead`.
    fn paths(
        &mut self,
        i: usize,
        id: u64,
        run: &Run,
        view: View,
        px: [f64; 2],
        playhead: usize,
    ) -> (Pieces, Pieces) {
        if self.runs.len() <= i {
            self.runs.resize(i + 1, None);
        }
        let (pieces, rebuilt, fed) = slot_paths(&mut self.runs[i], id, run, view, px, playhead);
        self.rebuilt += u64::from(rebuilt);
        self.points_fed += fed;
        pieces
    }

    /// Brings the cached paths of the visible runs up to `playhead` before the scene asks
    /// for them one by one, on every core when several runs have many points to feed
    /// (new runs of 10⁶ steps: clipping three of them took most of the frame that showed
    /// them).
    fn prepare(
        &mut self,
        runs: &[Run],
        ids: &[u64],
        visible: impl Fn(usize) -> bool,
        view: View,
        px: [f64; 2],
        playhead: usize,
    ) {
        const MANY: usize = 100_000;
        if self.runs.len() < runs.len() {
            self.runs.resize(runs.len(), None);
        }
        let jobs: Vec<_> = self
            .runs
            .iter_mut()
            .zip(runs)
            .enumerate()
            .filter(|(i, (slot, run))| {
                let want = points_wanted(run, playhead);
                let key = path_key(ids.get(*i).copied().unwrap_or(u64::MAX), view, px);
                // What `slot_paths` will feed: the rest, or all of it when it starts over.
                let from = resume_from(slot, key, want).unwrap_or(0);
                visible(*i) && want - from >= MANY
            })
            .map(|(i, (slot, run))| (slot, run, ids.get(i).copied().unwrap_or(u64::MAX)))
            .collect();
        if jobs.len() < 2 {
            return;
        }
        let done = crate::core::par::map(jobs, |(slot, run, id)| {
            let (_, rebuilt, fed) = slot_paths(slot, id, run, view, px, playhead);
            (rebuilt, fed)
        });
        for (rebuilt, fed) in done {
            self.rebuilt += u64::from(rebuilt);
            self.points_fed += fed;
        }
    }
}

/// How many of `run`'s points its paths hold at `playhead`: θ0 … θ_playhead, within the run.
fn points_wanted(run: &Run, playhead: usize) -> usize {
    (playhead.min(run.points.len().saturating_sub(1)) + 1).min(run.points.len())
}

/// How many points a cached slot already fed, when it can go on from there to `want` for
/// `key`; `None` when it must start over (other contents, view or pixel size, a playhead
/// moved back, or a run without an id, which is never trusted).
fn resume_from(
    slot: &Option<RunPaths>,
    key: (u64, [u64; 4], [u64; 2]),
    want: usize,
) -> Option<usize> {
    slot.as_ref()
        .filter(|r| key.0 != u64::MAX && r.key == key && r.fed <= want)
        .map(|r| r.fed)
}

/// What a run's cached paths were built for: the run's contents, the view, the pixel size.
fn path_key(id: u64, view: View, px: [f64; 2]) -> (u64, [u64; 4], [u64; 2]) {
    (
        id,
        [view.x[0], view.x[1], view.y[0], view.y[1]].map(f64::to_bits),
        px.map(f64::to_bits),
    )
}

/// [`PathCache::paths`] for one run's slot; also whether it was built from the first
/// point, and how many points it fed.
fn slot_paths(
    slot: &mut Option<RunPaths>,
    id: u64,
    run: &Run,
    view: View,
    px: [f64; 2],
    playhead: usize,
) -> ((Pieces, Pieces), bool, u64) {
    let key = path_key(id, view, px);
    let want = points_wanted(run, playhead);
    let rebuilt = resume_from(slot, key, want).is_none();
    if rebuilt {
        *slot = None;
    }
    let r = slot.get_or_insert_with(|| RunPaths {
        key,
        fed: 0,
        points: PathBuilder::new(view, px),
        ema: PathBuilder::new(view, px),
        out: None,
    });
    if let Some((at, p, e)) = &r.out
        && *at == want
    {
        return ((p.clone(), e.clone()), rebuilt, 0);
    }
    for p in &run.points[r.fed..want] {
        r.points.feed([p.x, p.y]);
    }
    let ema_from = r.fed.min(run.ema_points.len());
    let ema_to = want.min(run.ema_points.len());
    for p in &run.ema_points[ema_from..ema_to] {
        r.ema.feed([p.x, p.y]);
    }
    let fed = (want - r.fed) as u64;
    r.fed = want;
    let (p, e) = (r.points.pieces(), r.ema.pieces());
    r.out = Some((want, p.clone(), e.clone()));
    ((p, e), rebuilt, fed)
}

/// Strides `out` down to [`MAX_DRAWN_POINTS`], keeping its last point.
fn stride_down(mut out: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if out.len() > MAX_DRAWN_POINTS {
        let stride = out.len().div_ceil(MAX_DRAWN_POINTS);
        let last = out[out.len() - 1];
        out = out.into_iter().step_by(stride).collect();
        if out.last() != Some(&last) {
            out.push(last);
        }
    }
    out
}

/// Most points a drawn piece keeps, whatever the run length.
const MAX_DRAWN_POINTS: usize = 5000;

/// Drops points closer than one pixel to the last kept one (first and last always stay),
/// then strides down to [`MAX_DRAWN_POINTS`]. Drawing only: runs keep every point.
fn decimate(points: &[[f64; 2]], px: [f64; 2]) -> Vec<[f64; 2]> {
    let Some((&first, rest)) = points.split_first() else {
        return Vec::new();
    };
    let mut out = vec![first];
    let (sx, sy) = (
        1.0 / px[0].max(f64::MIN_POSITIVE),
        1.0 / px[1].max(f64::MIN_POSITIVE),
    );
    for (k, p) in rest.iter().enumerate() {
        let last = out[out.len() - 1];
        let (dx, dy) = ((p[0] - last[0]) * sx, (p[1] - last[1]) * sy);
        if dx * dx + dy * dy >= 1.0 || k + 1 == rest.len() {
            out.push(*p);
        }
    }
    stride_down(out)
}

/// A number for a title: up to 4 significant digits, no float dust.
pub fn fmt_param(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e5) {
        let s = format!("{v:.2e}");
        // "1.00e-8" → "1e-8"
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.trim_end_matches('0').trim_end_matches('.');
        return format!("{m}e{e}");
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// The surface's title: its name and the parameters its registry entry shows, e.g.
/// "Rosenbrock (a = 1, b = 100)"; the data surfaces say what their data are.
fn surface_name(surface: &Surface, words: Words) -> String {
    let info = surface.info();
    let name = words.say(&format!("surface-title-{}", info.id), &[]);
    if let Some(l) = surface.linreg() {
        return words.say(
            "scene-linreg",
            &[
                ("name", name),
                ("points", l.train.len().to_string()),
                ("batch", l.batch_size.min(l.train.len()).to_string()),
            ],
        );
    }
    if let Surface::Custom(e) = surface {
        return format!("{name} {}", e.source());
    }
    let shown: Vec<String> = shown_params(info.params, &surface.values())
        .map(|(p, v)| format!("{} = {}{}", p.symbol, fmt_param(v), p.unit))
        .collect();
    if shown.is_empty() {
        name
    } else {
        format!("{name} ({})", shown.join(", "))
    }
}

/// The parameters a title shows, with their values (flags only when set).
fn shown_params<'a>(
    specs: &'a [ParamSpec],
    values: &'a [f64],
) -> impl Iterator<Item = (&'a ParamSpec, f64)> {
    specs
        .iter()
        .zip(values.iter().copied())
        .filter(|(p, v)| match p.shown {
            Shown::Never => false,
            Shown::Always => true,
            Shown::NonZero => *v != 0.0,
        })
}

fn schedule_name(s: &Schedule, words: Words) -> String {
    let decay = match &s.decay {
        Decay::Constant => None,
        Decay::Step { milestones, gamma } => Some(
            words.say(
                "scene-step-decay",
                &[
                    ("gamma", fmt_param(*gamma)),
                    (
                        "milestones",
                        milestones
                            .iter()
                            .map(|m| m.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            ),
        ),
        Decay::Exponential { gamma } => {
            Some(words.say("scene-exponential-decay", &[("gamma", fmt_param(*gamma))]))
        }
        Decay::Cosine { total_steps, .. } => {
            Some(words.say("scene-cosine-decay", &[("steps", total_steps.to_string())]))
        }
        Decay::Plateau(p) => {
            Some(words.say("scene-plateau-decay", &[("factor", fmt_param(p.factor))]))
        }
    };
    let w = s.warmup_steps.to_string();
    match (s.warmup_steps, decay) {
        (0, None) => words.say("scene-constant-rate", &[]),
        (0, Some(d)) => d,
        (_, None) => words.say("scene-warmup", &[("steps", w)]),
        (_, Some(d)) => words.say("scene-warmup-then", &[("steps", w), ("decay", d)]),
    }
}

fn title(scenario: &Scenario, surface: &Surface, words: Words) -> String {
    let mut parts = vec![
        surface_name(surface, words),
        words.say("scene-steps", &[("steps", scenario.steps.to_string())]),
    ];
    parts.push(schedule_name(&scenario.schedule, words));
    if scenario.grad_noise > 0.0 {
        parts.push(words.say("scene-noise", &[("sigma", fmt_param(scenario.grad_noise))]));
    }
    if scenario.early_stopping.is_some() {
        parts.push(words.say("scene-early-stopping", &[]));
    }
    parts.join(" · ")
}

/// "label: lr 0.05, β1 0.9, β2 0.999" for each optimizer (ε is left out: it rarely
/// explains a path).
fn subtitle(scenario: &Scenario, runs: &RunSet, words: Words) -> String {
    scenario
        .optimizers
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let label = runs
                .runs
                .get(i)
                .map_or_else(|| o.display_label(), |r| r.label.clone());
            format!("{label}: {}", hyperparameters(o, words))
        })
        .collect::<Vec<_>>()
        .join("   ")
}

/// An optimizer's key hyperparameters, e.g. "lr 0.05, β1 0.9, β2 0.999" (those its
/// registry entry shows: ε rarely explains a path).
pub fn hyperparameters(o: &OptimizerConfig, words: Words) -> String {
    let mut s = format!("lr {}", fmt_param(o.lr));
    for (p, v) in shown_params(o.kind.info().params, &o.kind.values()) {
        if p.valid == Valid::Flag {
            s += &format!(", {}", p.symbol);
        } else {
            s += &format!(", {} {}{}", p.symbol, fmt_param(v), p.unit);
        }
    }
    if let Some(sched) = &o.schedule {
        s += &format!(" ({})", schedule_name(sched, words));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Vec2;

    /// The shortcut for segments with both ends inside gives the general case's bits,
    /// ends on the border and a hair inside it included.
    #[test]
    fn segments_inside_clip_as_the_general_case_clips_them() {
        use rand::{Rng, SeedableRng};
        let view = View {
            x: [-2.0, 2.0],
            y: [-1.0, 3.0],
        };
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
        let point = |rng: &mut rand_chacha::ChaCha8Rng| -> [f64; 2] {
            let pick = |rng: &mut rand_chacha::ChaCha8Rng, [lo, hi]: [f64; 2]| match rng
                .random_range(0..4)
            {
                0 => lo,
                1 => hi,
                2 => hi - (hi - lo) * 1e-15 * rng.random::<f64>(),
                _ => rng.random_range(lo..=hi),
            };
            [pick(rng, view.x), pick(rng, view.y)]
        };
        for _ in 0..100_000 {
            let (a, b) = (point(&mut rng), point(&mut rng));
            let general = liang_barsky(a, b, view);
            assert!(general.is_some());
            assert_eq!(clip_segment(a, b, view), general, "{a:?} → {b:?}");
        }
        // And a segment leaving the view still goes through the general case.
        assert_eq!(
            clip_segment([0.0, 0.0], [4.0, 0.0], view),
            Some(([0.0, 0.0], [2.0, 0.0]))
        );
    }

    /// A path that leaves the view and comes back, breaks on a NaN, and creeps in steps
    /// below a pixel, with a moving average beside it.
    fn wandering_run(n: usize) -> Run {
        let points: Vec<Vec2> = (0..n)
            .map(|k| {
                if k % 997 == 500 {
                    return Vec2::new(f64::NAN, 0.0);
                }
                let t = k as f64 * 0.01;
                Vec2::new(
                    1.6 * (t * 0.7).sin(),
                    1.3 * (t * 1.1).cos() + 1e-4 * k as f64,
                )
            })
            .collect();
        let scenario = crate::core::presets::default_scenario();
        let mut run = crate::core::run::run_scenario(&scenario).runs.remove(0);
        run.ema_points = points.iter().map(|p| 0.5 * *p).collect();
        run.points = points;
        run
    }

    fn uncached(run: &Run, view: View, px: [f64; 2], playhead: usize) -> (Pieces, Pieces) {
        let t = trajectory(0, run, view, px, playhead, None, Words::default(), None);
        (t.pieces, t.ema_pieces)
    }

    /// The cache gives exactly the pieces of a cut from scratch, at every playhead, going
    /// forward (by small and large steps) and back; it rebuilds only when it must.
    #[test]
    fn cached_paths_equal_paths_cut_from_scratch() {
        let run = wandering_run(20_000);
        let view = View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
        let px = [2.0 / 300.0, 2.0 / 200.0];
        let mut cache = PathCache::default();
        let check = |playhead: usize, cache: &mut PathCache| {
            let got = cache.paths(0, 7, &run, view, px, playhead);
            assert_eq!(
                got,
                uncached(&run, view, px, playhead),
                "playhead {playhead}"
            );
        };
        for playhead in [0, 1, 2, 3, 10, 499, 500, 501, 502, 1500, 1500, 9000, 30_000] {
            check(playhead, &mut cache);
        }
        assert_eq!(cache.rebuilt, 1);
        assert_eq!(cache.points_fed, 20_000);
        // At rest: nothing fed again.
        check(30_000, &mut cache);
        assert_eq!(cache.points_fed, 20_000);
        // Back: a rebuild.
        check(700, &mut cache);
        assert_eq!(cache.rebuilt, 2);
        // Another view: a rebuild.
        let wide = View {
            x: [-2.0, 2.0],
            y: [-2.0, 2.0],
        };
        let got = cache.paths(0, 7, &run, wide, px, 5000);
        assert_eq!(got, uncached(&run, wide, px, 5000));
        assert_eq!(cache.rebuilt, 3);
    }

    /// Long runs prepared together (on several cores) give the pieces and the counts of
    /// runs cut one by one; a hidden run is left alone, and new contents start over.
    #[test]
    fn prepared_paths_equal_paths_cut_one_by_one() {
        let runs = [
            wandering_run(150_000),
            wandering_run(120_000),
            wandering_run(110_000),
        ];
        let view = View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
        let px = [2.0 / 300.0, 2.0 / 200.0];
        let shown = |i: usize| i != 2;
        let mut prepared = PathCache::default();
        prepared.prepare(&runs, &[1, 2, 3], shown, view, px, 200_000);
        assert_eq!((prepared.rebuilt, prepared.points_fed), (2, 270_000));
        let mut one_by_one = PathCache::default();
        for i in [0, 1] {
            let want = one_by_one.paths(i, i as u64 + 1, &runs[i], view, px, 200_000);
            assert_eq!(
                prepared.paths(i, i as u64 + 1, &runs[i], view, px, 200_000),
                want
            );
        }
        // Nothing more to feed after the preparation.
        assert_eq!((prepared.rebuilt, prepared.points_fed), (2, 270_000));
        assert_eq!(one_by_one.points_fed, 270_000);
        // Run 0 replaced by other contents (a new id): built again from its first point.
        prepared.prepare(&runs, &[9, 2, 3], |_| true, view, px, 200_000);
        assert_eq!((prepared.rebuilt, prepared.points_fed), (4, 530_000));
    }
}
