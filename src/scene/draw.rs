//! Laying a [`Scene`] out on the screen and drawing it through a [`Canvas`].

use super::canvas::{Anchor, Canvas, MarkerShape, Pos, Rect, Stroke};
use super::colormap::{self, Color, format_tick};
use super::{Scene, opaque};
use crate::core::surfaces::View;

const TEXT: Color = [30, 30, 36, 255];
const FRAME: Color = [70, 70, 80, 255];
const WHITE: Color = [255, 255, 255, 255];
const CONTOUR: Color = [255, 255, 255, 110];
const SHADOW: Color = [0, 0, 0, 150];
const LEGEND_BG: Color = [16, 18, 28, 200];

/// Which part of a scene to draw. Animations draw the background once and copy it for
/// every frame, so everything that moves with the playhead is foreground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Heatmap, contours, fixed markers, axes, colour bar, title and legend.
    Background,
    /// Trajectories, heads, best points, divergence notes and the step counter.
    Foreground,
    /// Both.
    All,
}

impl Layer {
    fn background(self) -> bool {
        self != Layer::Foreground
    }
    fn foreground(self) -> bool {
        self != Layer::Background
    }
}

/// The text size that suits a drawing area (about 18 px at 1280 × 800, 24 px at
/// 1920 × 1080): legible on a slide or a projected GIF, never below 12 px.
pub fn font_size_for(rect: Rect) -> f32 {
    (rect.width().min(rect.height() * 1.6) / 72.0).clamp(12.0, 32.0)
}

/// `text` at `size` or smaller (down to ¾) so it fits `max_width`, cut with "…" if even
/// that is too wide.
///
/// The cut is found by galloping then bisecting over prefix lengths, measuring only
/// prefixes about as long as what fits: the work is linear in the text (one measure of
/// the whole), not quadratic, so a 30 000-character label costs no more than a short one.
pub fn fit_text(canvas: &dyn Canvas, text: &str, size: f32, max_width: f32) -> (String, f32) {
    let w = canvas.measure_text(text, size)[0];
    if w <= max_width {
        return (text.to_string(), size);
    }
    let smaller = (size * max_width / w).max(size * 0.75);
    if canvas.measure_text(text, smaller)[0] <= max_width {
        return (text.to_string(), smaller);
    }
    // Byte offsets of the char boundaries: prefix k is text[..ends[k]].
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = ends.len() - 1;
    let fits = |k: usize| {
        let t = format!("{}…", &text[..ends[k]]);
        canvas.measure_text(&t, smaller)[0] <= max_width
    };
    if !fits(0) {
        return (String::new(), smaller);
    }
    // Gallop: `good` fits, `bad` does not (the whole text does not, measured above).
    let (mut good, mut bad) = (0, chars);
    let mut k = 1;
    while k < bad {
        if fits(k) {
            good = k;
            k *= 2;
        } else {
            bad = k;
        }
    }
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if fits(mid) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    (format!("{}…", &text[..ends[good]]), smaller)
}

/// Maps world coordinates (y up) to the screen (y down) and back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenFromWorld {
    /// The world region.
    pub view: View,
    /// Where it lands on the screen.
    pub rect: Rect,
}

impl ScreenFromWorld {
    /// `view` stretched over `rect`.
    pub fn new(view: View, rect: Rect) -> Self {
        Self { view, rect }
    }

    /// The screen position of world point `p`.
    #[inline]
    pub fn apply(&self, p: [f64; 2]) -> Pos {
        let v = &self.view;
        let fx = (p[0] - v.x[0]) / (v.x[1] - v.x[0]);
        let fy = (p[1] - v.y[0]) / (v.y[1] - v.y[0]);
        [
            self.rect.min[0] + fx as f32 * self.rect.width(),
            self.rect.max[1] - fy as f32 * self.rect.height(),
        ]
    }

    /// The world point under screen position `s`.
    pub fn inverse(&self, s: Pos) -> [f64; 2] {
        let v = &self.view;
        let fx = f64::from((s[0] - self.rect.min[0]) / self.rect.width());
        let fy = f64::from((self.rect.max[1] - s[1]) / self.rect.height());
        [
            v.x[0] + fx * (v.x[1] - v.x[0]),
            v.y[0] + fy * (v.y[1] - v.y[0]),
        ]
    }
}

/// Where a scene's parts go inside its drawing area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneLayout {
    /// Text size in pixels.
    pub font: f32,
    /// The band holding title and subtitle, if decorated.
    pub title: Option<Rect>,
    /// The landscape itself.
    pub plot: Rect,
    /// The colour bar's strip, if decorated.
    pub color_bar: Option<Rect>,
}

impl SceneLayout {
    /// The layout of a scene filling `rect`; undecorated, the plot is all of `rect`.
    pub fn new(rect: Rect, decorations: bool) -> SceneLayout {
        Self::with_title(rect, rect, decorations)
    }

    /// Like [`Self::new`], the title band spanning `outer` (e.g. the whole image when a
    /// loss plot sits beside the landscape) and the rest inside `body`.
    pub fn with_title(outer: Rect, body: Rect, decorations: bool) -> SceneLayout {
        let font = font_size_for(outer);
        if !decorations {
            return SceneLayout {
                font,
                title: None,
                plot: body,
                color_bar: None,
            };
        }
        let title_h = 2.9 * font;
        let title = Rect::from_min_max(outer.min, [outer.max[0], outer.min[1] + title_h]);
        let top = title.max[1] + 1.5 * font;
        let plot = Rect::from_min_max(
            [body.min[0] + 5.6 * font, top.max(body.min[1] + 1.5 * font)],
            [body.max[0] - 6.2 * font, body.max[1] - 2.6 * font],
        );
        let bar = Rect::from_min_max(
            [plot.max[0] + 0.9 * font, plot.min[1]],
            [plot.max[0] + 2.0 * font, plot.max[1]],
        );
        SceneLayout {
            font,
            title: Some(title),
            plot,
            color_bar: Some(bar),
        }
    }

    /// The plot's size in whole pixels: the heatmap resolution to ask for.
    pub fn plot_pixels(&self) -> [usize; 2] {
        [
            self.plot.width().round().max(2.0) as usize,
            self.plot.height().round().max(2.0) as usize,
        ]
    }
}

impl Scene {
    /// Draws everything inside `rect`.
    pub fn draw(&self, canvas: &mut dyn Canvas, rect: Rect) {
        self.draw_layer(
            canvas,
            &SceneLayout::new(rect, self.decorations),
            Layer::All,
        );
    }

    /// Draws one layer with a given layout.
    pub fn draw_layer(&self, canvas: &mut dyn Canvas, layout: &SceneLayout, layer: Layer) {
        let to_screen = ScreenFromWorld::new(self.view, layout.plot);
        if layer.background() {
            self.draw_landscape(canvas, &to_screen);
            if self.decorations {
                self.draw_axes(canvas, layout);
                self.draw_color_bar(canvas, layout);
                self.draw_titles(canvas, layout);
                self.draw_legend(canvas, layout, &to_screen);
            }
        }
        if layer.foreground() {
            self.draw_paths(canvas, layout, &to_screen);
        }
    }

    fn draw_landscape(&self, canvas: &mut dyn Canvas, to_screen: &ScreenFromWorld) {
        let plot = to_screen.rect;
        canvas.image(plot, &self.landscape.image());
        let mut buf: Vec<Pos> = Vec::new();
        for level in &self.landscape.contours {
            for line in &level.lines {
                buf.clear();
                // Marching squares leaves a point every pixel; a 2 px spacing looks the
                // same on a smooth isoline and halves the stroking work.
                for p in line.iter().map(|p| to_screen.apply(*p)) {
                    match buf.last() {
                        Some(q) if (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) < 4.0 => {}
                        _ => buf.push(p),
                    }
                }
                if let (Some(last), Some(end)) = (buf.last().copied(), line.last()) {
                    let end = to_screen.apply(*end);
                    if last != end {
                        buf.push(end);
                    }
                }
                canvas.polyline(&buf, Stroke::new(0.8, CONTOUR));
            }
        }
        let s = font_size_for(plot).max(12.0) * 0.4;
        for m in &self.markers {
            let c = to_screen.apply(m.at);
            marker(canvas, c, s, m.shape, WHITE);
        }
        let st = to_screen.apply(self.start);
        if plot.contains(st) {
            canvas.circle(
                st,
                s * 0.9,
                Some(WHITE),
                Some(Stroke::new(2.0, [0, 0, 0, 255])),
            );
        }
        canvas.rect(plot, None, Some(Stroke::new(1.0, FRAME)));
    }

    fn draw_axes(&self, canvas: &mut dyn Canvas, layout: &SceneLayout) {
        let (p, f) = (layout.plot, layout.font);
        let to_screen = ScreenFromWorld::new(self.view, p);
        let tick = Stroke::new(1.0, FRAME);
        for &x in &self.ticks[0] {
            let sx = to_screen.apply([x, self.view.y[0]])[0];
            canvas.polyline(&[[sx, p.max[1]], [sx, p.max[1] + 0.35 * f]], tick);
            canvas.text(
                [sx, p.max[1] + 0.45 * f],
                &format_tick(x),
                f,
                TEXT,
                Anchor::CENTER_TOP,
            );
        }
        for &y in &self.ticks[1] {
            let sy = to_screen.apply([self.view.x[0], y])[1];
            canvas.polyline(&[[p.min[0] - 0.35 * f, sy], [p.min[0], sy]], tick);
            canvas.text(
                [p.min[0] - 0.5 * f, sy],
                &format_tick(y),
                f,
                TEXT,
                Anchor::RIGHT_CENTER,
            );
        }
        let name = 1.15 * f;
        canvas.text(
            [0.5 * (p.min[0] + p.max[0]), p.max[1] + 1.35 * f],
            &self.axis_names[0],
            name,
            TEXT,
            Anchor::CENTER_TOP,
        );
        canvas.text(
            [p.min[0] - 4.6 * f, 0.5 * (p.min[1] + p.max[1])],
            &self.axis_names[1],
            name,
            TEXT,
            Anchor::LEFT_CENTER,
        );
    }

    fn draw_color_bar(&self, canvas: &mut dyn Canvas, layout: &SceneLayout) {
        let Some(bar) = layout.color_bar else { return };
        let f = layout.font;
        let lut = colormap::viridis();
        // 128 bands are smoother than the eye can tell on a bar a few hundred pixels tall.
        let bands = 128;
        let h = bar.height() / bands as f32;
        for i in 0..bands {
            let c = lut[i * 255 / (bands - 1)];
            let y1 = bar.max[1] - i as f32 * h;
            // Overlap by half a pixel so no seams show between bands.
            canvas.rect(
                Rect::from_min_max([bar.min[0], y1 - h - 0.5], [bar.max[0], y1]),
                Some(c),
                None,
            );
        }
        canvas.rect(bar, None, Some(Stroke::new(1.0, FRAME)));
        let scale = &self.landscape.scale;
        for &v in &self.color_ticks {
            let t = scale.normalized(v);
            if t.is_nan() {
                continue;
            }
            let y = bar.max[1] - t as f32 * bar.height();
            canvas.polyline(
                &[[bar.max[0], y], [bar.max[0] + 0.35 * f, y]],
                Stroke::new(1.0, FRAME),
            );
            canvas.text(
                [bar.max[0] + 0.5 * f, y],
                &format_tick(v),
                0.9 * f,
                TEXT,
                Anchor::LEFT_CENTER,
            );
        }
        let name = if scale.log { "f (log)" } else { "f" };
        canvas.text(
            [0.5 * (bar.min[0] + bar.max[0]), bar.min[1] - 0.4 * f],
            name,
            f,
            TEXT,
            Anchor::CENTER_BOTTOM,
        );
    }

    /// Draws title and subtitle centred in `layout.title`.
    pub fn draw_titles(&self, canvas: &mut dyn Canvas, layout: &SceneLayout) {
        let Some(r) = layout.title else { return };
        let f = layout.font;
        let cx = 0.5 * (r.min[0] + r.max[0]);
        let max_w = r.width() - 2.0 * f;
        let (t, size) = fit_text(canvas, &self.title, 1.25 * f, max_w);
        canvas.text([cx, r.min[1] + 0.4 * f], &t, size, TEXT, Anchor::CENTER_TOP);
        // The colour bar's name sits at the band's right end, level with the subtitle: the
        // subtitle keeps, centred, to what is left of the plot's right edge.
        let sub_w = (2.0 * (layout.plot.max[0] - cx).min(cx - r.min[0]) - f).min(max_w);
        let (t, size) = fit_text(canvas, &self.subtitle, f, sub_w);
        canvas.text(
            [cx, r.min[1] + 0.6 * f + 1.25 * f * 1.2],
            &t,
            size,
            [60, 60, 70, 255],
            Anchor::CENTER_TOP,
        );
    }

    fn draw_legend(
        &self,
        canvas: &mut dyn Canvas,
        layout: &SceneLayout,
        to_screen: &ScreenFromWorld,
    ) {
        if self.legend.is_empty() {
            return;
        }
        let (p, f) = (layout.plot, layout.font);
        let row_h = 1.5 * f;
        let swatch = 1.6 * f;
        let rows: Vec<String> = self
            .legend
            .iter()
            .map(|e| match &e.note {
                Some(n) => format!("{} ({n})", e.label),
                None => e.label.clone(),
            })
            .collect();
        let text_w = rows
            .iter()
            .map(|r| canvas.measure_text(r, f)[0])
            .fold(0.0, f32::max);
        let w = (0.6 * f + swatch + 0.5 * f + text_w + 0.7 * f).min(p.width() - f);
        let h = row_h * rows.len() as f32 + 0.6 * f;
        let pad = 0.6 * f;
        let corners = [
            [p.max[0] - pad - w, p.min[1] + pad],
            [p.min[0] + pad, p.min[1] + pad],
            [p.max[0] - pad - w, p.max[1] - pad - h],
            [p.min[0] + pad, p.max[1] - pad - h],
        ];
        // The corner covering the fewest path points; bottom-right is kept for the
        // step counter when there is one.
        let usable = if self.step.is_some() { 3 } else { 4 };
        let box_at = |c: &[f32; 2]| Rect::from_min_max(*c, [c[0] + w, c[1] + h]);
        let covered = |r: &Rect| {
            let shown = self
                .trajectories
                .iter()
                .flat_map(|t| t.pieces.iter().flatten());
            shown.filter(|q| r.contains(to_screen.apply(**q))).count()
                + self
                    .markers
                    .iter()
                    .filter(|m| r.contains(to_screen.apply(m.at)))
                    .count()
                    * 50
                + usize::from(r.contains(to_screen.apply(self.start))) * 50
        };
        let corner = match self.legend_at {
            Some([fx, fy]) => [
                (p.min[0] + fx * p.width()).clamp(p.min[0], (p.max[0] - w).max(p.min[0])),
                (p.min[1] + fy * p.height()).clamp(p.min[1], (p.max[1] - h).max(p.min[1])),
            ],
            None => corners[..usable]
                .iter()
                .min_by_key(|c| covered(&box_at(c)))
                .copied()
                .unwrap_or(corners[0]),
        };
        let r = box_at(&corner);
        self.legend_drawn.set(Some(r));
        canvas.rect(r, Some(LEGEND_BG), None);
        for (i, (e, text)) in self.legend.iter().zip(&rows).enumerate() {
            let cy = r.min[1] + 0.3 * f + row_h * (i as f32 + 0.5);
            let sw = Rect::from_min_max(
                [r.min[0] + 0.6 * f, cy - 0.22 * f],
                [r.min[0] + 0.6 * f + swatch, cy + 0.22 * f],
            );
            canvas.rect(sw, Some(opaque(e.color)), None);
            let max_w = r.max[0] - sw.max[0] - 0.9 * f;
            let (t, size) = fit_text(canvas, text, f, max_w);
            canvas.text(
                [sw.max[0] + 0.5 * f, cy],
                &t,
                size,
                WHITE,
                Anchor::LEFT_CENTER,
            );
        }
    }

    fn draw_paths(
        &self,
        canvas: &mut dyn Canvas,
        layout: &SceneLayout,
        to_screen: &ScreenFromWorld,
    ) {
        let f = layout.font;
        let p = layout.plot;
        let mut buf: Vec<Pos> = Vec::new();
        for t in &self.trajectories {
            let color = opaque(t.color);
            for piece in &t.pieces {
                buf.clear();
                buf.extend(piece.iter().map(|q| to_screen.apply(*q)));
                // A dark edge keeps light colours readable on viridis' yellow end.
                canvas.polyline(&buf, Stroke::new(3.6, SHADOW));
                canvas.polyline(&buf, Stroke::new(2.0, color));
            }
            // The averaged weights: a thin line in the run's colour on a light edge, so it
            // reads as the same run's calmer twin.
            for piece in &t.ema_pieces {
                buf.clear();
                buf.extend(piece.iter().map(|q| to_screen.apply(*q)));
                canvas.polyline(&buf, Stroke::new(3.0, WHITE));
                canvas.polyline(&buf, Stroke::new(1.4, color));
            }
        }
        for t in &self.trajectories {
            let color = opaque(t.color);
            if let Some(b) = t.best {
                marker(
                    canvas,
                    to_screen.apply(b),
                    0.55 * f,
                    MarkerShape::Diamond,
                    color,
                );
            }
            if let Some(h) = t.highlight {
                canvas.circle(
                    to_screen.apply(h),
                    0.65 * f,
                    None,
                    Some(Stroke::new(2.0, color)),
                );
            }
            if let Some(h) = t.head {
                canvas.circle(
                    to_screen.apply(h),
                    0.4 * f,
                    Some(color),
                    Some(Stroke::new(1.5, WHITE)),
                );
            }
        }
        for t in &self.trajectories {
            let Some(d) = &t.divergence else { continue };
            let at = to_screen.apply(d.at);
            // A ring, not a cross: polylines in a run's colour are its path alone.
            canvas.circle(at, 0.5 * f, None, Some(Stroke::new(2.5, opaque(t.color))));
            let size = canvas.measure_text(&d.text, f);
            let (w, h) = (size[0] + 0.8 * f, size[1] + 0.5 * f);
            // Beside the exit point, pushed back inside the plot so it is never cut off.
            let x = (at[0] + 0.8 * f)
                .min(p.max[0] - w - 0.3 * f)
                .max(p.min[0] + 0.3 * f);
            let y = (at[1] + 0.8 * f)
                .min(p.max[1] - h - 0.3 * f)
                .max(p.min[1] + 0.3 * f);
            let r = Rect::from_min_max([x, y], [x + w, y + h]);
            canvas.rect(r, Some(LEGEND_BG), Some(Stroke::new(1.0, opaque(t.color))));
            canvas.text(
                [x + 0.4 * f, y + 0.5 * h],
                &d.text,
                f,
                WHITE,
                Anchor::LEFT_CENTER,
            );
        }
        if let Some((t, total)) = self.step {
            let counter = |t: usize| {
                self.words.say(
                    "scene-step-counter",
                    &[("step", t.to_string()), ("total", total.to_string())],
                )
            };
            let text = counter(t);
            let size = canvas.measure_text(&counter(total), f);
            let (w, h) = (size[0] + 0.8 * f, size[1] + 0.5 * f);
            let r = Rect::from_min_max(
                [p.max[0] - 0.6 * f - w, p.max[1] - 0.6 * f - h],
                [p.max[0] - 0.6 * f, p.max[1] - 0.6 * f],
            );
            canvas.rect(r, Some(LEGEND_BG), None);
            canvas.text(
                [r.min[0] + 0.4 * f, r.min[1] + 0.5 * h],
                &text,
                f,
                WHITE,
                Anchor::LEFT_CENTER,
            );
        }
    }
}

/// A marker of half-size `s` at `c`, with a dark edge so it reads on any colour.
fn marker(canvas: &mut dyn Canvas, c: Pos, s: f32, shape: MarkerShape, color: Color) {
    let dark = Stroke::new(4.0, [0, 0, 0, 220]);
    let line = Stroke::new(2.0, color);
    match shape {
        MarkerShape::Cross | MarkerShape::Plus => {
            let arms: [[Pos; 2]; 2] = if shape == MarkerShape::Cross {
                [
                    [[c[0] - s, c[1] - s], [c[0] + s, c[1] + s]],
                    [[c[0] - s, c[1] + s], [c[0] + s, c[1] - s]],
                ]
            } else {
                [
                    [[c[0] - s, c[1]], [c[0] + s, c[1]]],
                    [[c[0], c[1] - s], [c[0], c[1] + s]],
                ]
            };
            for a in &arms {
                canvas.polyline(a, dark);
            }
            for a in &arms {
                canvas.polyline(a, line);
            }
        }
        MarkerShape::Diamond => {
            let pts = [
                [c[0], c[1] - s],
                [c[0] + s, c[1]],
                [c[0], c[1] + s],
                [c[0] - s, c[1]],
            ];
            canvas.polygon(&pts, Some(color), Some(Stroke::new(1.5, WHITE)));
        }
        MarkerShape::Star => {
            let pts: Vec<Pos> = (0..10)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 5.0 - 0.5);
                    let r = if i % 2 == 0 { s } else { 0.45 * s };
                    [c[0] + r * a.cos(), c[1] + r * a.sin()]
                })
                .collect();
            canvas.polygon(&pts, Some(color), Some(Stroke::new(1.5, WHITE)));
        }
    }
}
