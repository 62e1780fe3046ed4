//! The CPU backend: a [`Canvas`] over a tiny-skia pixmap, with text from a real font
//! (egui's Ubuntu Light, rasterised by ab_glyph).

use std::sync::LazyLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, PixmapPaint, PixmapRef, Transform,
};

use crate::scene::canvas::{Anchor, Canvas, ImageRef, Pos, Rect, Stroke};
use crate::scene::colormap::Color;

/// The font every label uses; egui ships it, so the window and the PNG match.
static FONT: LazyLock<Option<FontRef<'static>>> =
    LazyLock::new(|| FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok());

/// A [`Canvas`] drawing into a tiny-skia [`Pixmap`].
pub struct SkiaCanvas {
    /// The pixels (premultiplied RGBA).
    pub pixmap: Pixmap,
}

impl std::fmt::Debug for SkiaCanvas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SkiaCanvas({}×{})",
            self.pixmap.width(),
            self.pixmap.height()
        )
    }
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c[0], c[1], c[2], c[3]);
    p.anti_alias = true;
    p
}

fn sk_stroke(s: &Stroke) -> tiny_skia::Stroke {
    tiny_skia::Stroke {
        width: s.width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Default::default()
    }
}

impl SkiaCanvas {
    /// A `width × height` canvas filled with `background`; `None` if a side is 0.
    pub fn new(width: u32, height: u32, background: Color) -> Option<SkiaCanvas> {
        let mut pixmap = Pixmap::new(width, height)?;
        pixmap.fill(tiny_skia::Color::from_rgba8(
            background[0],
            background[1],
            background[2],
            background[3],
        ));
        Some(SkiaCanvas { pixmap })
    }

    fn fill_stroke(
        &mut self,
        path: Option<tiny_skia::Path>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    ) {
        let Some(path) = path else { return };
        if let Some(c) = fill {
            self.pixmap.fill_path(
                &path,
                &paint(c),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
        if let Some(s) = stroke {
            self.pixmap.stroke_path(
                &path,
                &paint(s.color),
                &sk_stroke(&s),
                Transform::identity(),
                None,
            );
        }
    }

    /// Blends one glyph coverage value into pixel (x, y), source-over, premultiplied.
    fn blend(&mut self, x: i32, y: i32, color: Color, coverage: f32) {
        let (w, h) = (self.pixmap.width() as i32, self.pixmap.height() as i32);
        if x < 0 || y < 0 || x >= w || y >= h || coverage <= 0.0 {
            return;
        }
        let a = coverage.min(1.0) * f32::from(color[3]) / 255.0;
        let i = 4 * (y as usize * w as usize + x as usize);
        let px = &mut self.pixmap.data_mut()[i..i + 4];
        for k in 0..3 {
            px[k] = (f32::from(color[k]) * a + f32::from(px[k]) * (1.0 - a) + 0.5) as u8;
        }
        px[3] = (255.0 * a + f32::from(px[3]) * (1.0 - a) + 0.5) as u8;
    }
}

/// Lays `text` out at `size`, calling `glyph(id, x)` with each glyph's pen position.
fn layout(
    font: &FontRef<'static>,
    text: &str,
    size: f32,
    mut glyph: impl FnMut(ab_glyph::GlyphId, f32),
) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut x = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        glyph(id, x);
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    x
}

impl Canvas for SkiaCanvas {
    fn polyline(&mut self, points: &[Pos], stroke: Stroke) {
        if points.len() < 2 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(points[0][0], points[0][1]);
        for p in &points[1..] {
            pb.line_to(p[0], p[1]);
        }
        self.fill_stroke(pb.finish(), None, Some(stroke));
    }

    fn circle(&mut self, center: Pos, radius: f32, fill: Option<Color>, stroke: Option<Stroke>) {
        self.fill_stroke(
            PathBuilder::from_circle(center[0], center[1], radius),
            fill,
            stroke,
        );
    }

    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        let r = tiny_skia::Rect::from_ltrb(rect.min[0], rect.min[1], rect.max[0], rect.max[1]);
        self.fill_stroke(r.map(PathBuilder::from_rect), fill, stroke);
    }

    fn polygon(&mut self, points: &[Pos], fill: Option<Color>, stroke: Option<Stroke>) {
        if points.len() < 3 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(points[0][0], points[0][1]);
        for p in &points[1..] {
            pb.line_to(p[0], p[1]);
        }
        pb.close();
        self.fill_stroke(pb.finish(), fill, stroke);
    }

    fn text(&mut self, pos: Pos, text: &str, size: f32, color: Color, anchor: Anchor) {
        let Some(font) = FONT.as_ref() else { return };
        let box_size = self.measure_text(text, size);
        let top_left = anchor.top_left(pos, box_size);
        let scaled = font.as_scaled(PxScale::from(size));
        // Whole-pixel baselines keep small text crisp.
        let baseline = (top_left[1] + scaled.ascent()).round();
        let x0 = top_left[0].round();
        let mut glyphs = Vec::new();
        layout(font, text, size, |id, x| glyphs.push((id, x)));
        for (id, x) in glyphs {
            let g = id.with_scale_and_position(PxScale::from(size), point(x0 + x, baseline));
            if let Some(outlined) = font.outline_glyph(g) {
                let b = outlined.px_bounds();
                outlined.draw(|gx, gy, c| {
                    self.blend(
                        b.min.x as i32 + gx as i32,
                        b.min.y as i32 + gy as i32,
                        color,
                        c,
                    );
                });
            }
        }
    }

    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        let Some(font) = FONT.as_ref() else {
            return [0.55 * size * text.chars().count() as f32, size];
        };
        let scaled = font.as_scaled(PxScale::from(size));
        [
            layout(font, text, size, |_, _| {}),
            scaled.ascent() - scaled.descent(),
        ]
    }

    fn image(&mut self, rect: Rect, image: &ImageRef<'_>) {
        if image.width == 0
            || image.height == 0
            || image.rgba.len() != image.width * image.height * 4
        {
            return;
        }
        let Some(src) = PixmapRef::from_bytes(image.rgba, image.width as u32, image.height as u32)
        else {
            return;
        };
        let (sx, sy) = (
            rect.width() / image.width as f32,
            rect.height() / image.height as f32,
        );
        let exact = (sx - 1.0).abs() < 1e-3 && (sy - 1.0).abs() < 1e-3;
        // At 1:1 a plain copy is both exact and fastest; otherwise smooth the scaling.
        let p = PixmapPaint {
            quality: if exact {
                tiny_skia::FilterQuality::Nearest
            } else {
                tiny_skia::FilterQuality::Bilinear
            },
            ..PixmapPaint::default()
        };
        if exact {
            self.pixmap.draw_pixmap(
                rect.min[0].round() as i32,
                rect.min[1].round() as i32,
                src,
                &p,
                Transform::identity(),
                None,
            );
        } else {
            let t = Transform::from_row(sx, 0.0, 0.0, sy, rect.min[0], rect.min[1]);
            self.pixmap.draw_pixmap(0, 0, src, &p, t, None);
        }
    }
}

/// Whether the label font has a glyph for `c` (tests and title choices).
pub fn font_has(c: char) -> bool {
    FONT.as_ref().is_some_and(|f| f.glyph_id(c).0 != 0)
}
