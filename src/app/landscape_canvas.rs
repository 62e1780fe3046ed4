//! The egui backend of [`crate::scene`]: draws a scene with an [`egui::Painter`], so the
//! window shows exactly what `gradscape render` writes (same colours, contour levels,
//! markers, and the same font: egui's Ubuntu Light).
//!
//! Use: keep a [`TextureCache`] in the app's state and, each frame,
//! `scene.draw(&mut EguiCanvas::new(&painter, &mut cache), rect)`. The heatmap is
//! uploaded once per [`ImageKey`] (surface, view, size) and reused while the key stays.

use egui::{Align2, Color32, FontId, Pos2, Shape, TextureHandle, TextureId, TextureOptions, pos2};

use crate::scene::canvas::{Anchor, Canvas, HAlign, ImageKey, ImageRef, Pos, Rect, Stroke, VAlign};
use crate::scene::colormap::Color;

/// How many heatmaps stay uploaded: the current one plus a few recent views, so undoing a
/// zoom does not re-upload.
const KEEP_TEXTURES: usize = 4;

/// Uploaded images by key, most recent last.
#[derive(Default)]
pub struct TextureCache {
    textures: Vec<(ImageKey, TextureHandle)>,
}

impl std::fmt::Debug for TextureCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextureCache({} textures)", self.textures.len())
    }
}

impl TextureCache {
    /// The texture of `image`, uploading it if its key is new.
    pub fn texture(&mut self, ctx: &egui::Context, image: &ImageRef<'_>) -> TextureId {
        if let Some(i) = self.textures.iter().position(|(k, _)| *k == image.key) {
            let entry = self.textures.remove(i);
            let id = entry.1.id();
            self.textures.push(entry);
            return id;
        }
        let pixels =
            egui::ColorImage::from_rgba_unmultiplied([image.width, image.height], image.rgba);
        let handle = ctx.load_texture(
            format!("scene-{:016x}", image.key.0),
            pixels,
            TextureOptions::LINEAR,
        );
        let id = handle.id();
        self.textures.push((image.key, handle));
        if self.textures.len() > KEEP_TEXTURES {
            // Dropping the handle frees the texture.
            drop(self.textures.remove(0));
        }
        id
    }

    /// Whether `key` is uploaded.
    pub fn contains(&self, key: ImageKey) -> bool {
        self.textures.iter().any(|(k, _)| *k == key)
    }
}

/// A [`Canvas`] over an egui painter.
pub struct EguiCanvas<'a> {
    /// Where shapes go.
    pub painter: &'a egui::Painter,
    /// Heatmap textures, kept between frames by the caller.
    pub textures: &'a mut TextureCache,
}

impl std::fmt::Debug for EguiCanvas<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EguiCanvas")
    }
}

impl<'a> EguiCanvas<'a> {
    /// A canvas drawing with `painter`, its images cached in `textures`.
    pub fn new(painter: &'a egui::Painter, textures: &'a mut TextureCache) -> Self {
        Self { painter, textures }
    }
}

fn c32(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn p2(p: Pos) -> Pos2 {
    pos2(p[0], p[1])
}

fn e_rect(r: Rect) -> egui::Rect {
    egui::Rect::from_min_max(p2(r.min), p2(r.max))
}

fn e_stroke(s: Option<Stroke>) -> egui::Stroke {
    s.map_or(egui::Stroke::NONE, |s| {
        egui::Stroke::new(s.width, c32(s.color))
    })
}

fn align(a: Anchor) -> Align2 {
    let h = match a.h {
        HAlign::Left => egui::Align::Min,
        HAlign::Center => egui::Align::Center,
        HAlign::Right => egui::Align::Max,
    };
    let v = match a.v {
        VAlign::Top => egui::Align::Min,
        VAlign::Center => egui::Align::Center,
        VAlign::Bottom => egui::Align::Max,
    };
    Align2([h, v])
}

impl Canvas for EguiCanvas<'_> {
    fn polyline(&mut self, points: &[Pos], stroke: Stroke) {
        if points.len() < 2 {
            return;
        }
        self.painter.add(Shape::line(
            points.iter().copied().map(p2).collect(),
            egui::Stroke::new(stroke.width, c32(stroke.color)),
        ));
    }

    fn circle(&mut self, center: Pos, radius: f32, fill: Option<Color>, stroke: Option<Stroke>) {
        self.painter.circle(
            p2(center),
            radius,
            fill.map_or(Color32::TRANSPARENT, c32),
            e_stroke(stroke),
        );
    }

    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        self.painter.rect(
            e_rect(rect),
            0.0,
            fill.map_or(Color32::TRANSPARENT, c32),
            e_stroke(stroke),
            egui::StrokeKind::Middle,
        );
    }

    fn polygon(&mut self, points: &[Pos], fill: Option<Color>, stroke: Option<Stroke>) {
        if points.len() < 3 {
            return;
        }
        // Scene polygons (diamonds, stars) are drawn convex-filled; a star's fill is
        // approximated by its hull, which at marker size is indistinguishable.
        self.painter.add(Shape::convex_polygon(
            points.iter().copied().map(p2).collect(),
            fill.map_or(Color32::TRANSPARENT, c32),
            e_stroke(stroke),
        ));
    }

    fn text(&mut self, pos: Pos, text: &str, size: f32, color: Color, anchor: Anchor) {
        self.painter.text(
            p2(pos),
            align(anchor),
            text,
            FontId::proportional(size),
            c32(color),
        );
    }

    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        let g = self.painter.layout_no_wrap(
            text.to_string(),
            FontId::proportional(size),
            Color32::WHITE,
        );
        [g.size().x, g.size().y]
    }

    fn image(&mut self, rect: Rect, image: &ImageRef<'_>) {
        if image.rgba.len() != image.width * image.height * 4
            || image.width == 0
            || image.height == 0
        {
            return;
        }
        let id = self.textures.texture(self.painter.ctx(), image);
        let uv = egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        self.painter.image(id, e_rect(rect), uv, Color32::WHITE);
    }
}
