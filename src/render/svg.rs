//! The vector backend: a [`Canvas`] that writes SVG text, for slides and papers. Lines,
//! markers and labels stay vectors; the heatmap is embedded once as a PNG (it is a
//! sampled image whatever the format).
//!
//! Text is measured with the same font metrics as the PNG renderer (egui's Ubuntu
//! Light), so the layout matches `gradscape render --out x.png`; the SVG names the font
//! with sans-serif fallbacks.

use std::fmt::Write as _;

use base64::Engine as _;

use super::SkiaCanvas;
use crate::scene::canvas::{Anchor, Canvas, HAlign, ImageRef, Pos, Rect, Stroke};
use crate::scene::colormap::Color;

/// A [`Canvas`] collecting SVG elements; [`SvgCanvas::finish`] gives the document.
pub struct SvgCanvas {
    width: u32,
    height: u32,
    body: String,
    /// Measures text with the PNG renderer's font (a 1 × 1 pixmap: only its metrics count).
    metrics: Option<SkiaCanvas>,
}

impl std::fmt::Debug for SvgCanvas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SvgCanvas({}×{})", self.width, self.height)
    }
}

/// `#rrggbb`, and the opacity when the colour is not opaque.
fn paint(c: Color) -> (String, Option<f32>) {
    let hex = format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let alpha = (c[3] < 255).then(|| f32::from(c[3]) / 255.0);
    (hex, alpha)
}

/// Two decimals are a hundredth of a pixel: finer says nothing and bloats the file.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn fill_attr(fill: Option<Color>) -> String {
    match fill {
        None => " fill=\"none\"".into(),
        Some(c) => match paint(c) {
            (hex, None) => format!(" fill=\"{hex}\""),
            (hex, Some(a)) => format!(" fill=\"{hex}\" fill-opacity=\"{}\"", n(a)),
        },
    }
}

fn stroke_attr(stroke: Option<Stroke>) -> String {
    match stroke {
        None => String::new(),
        Some(s) => {
            let (hex, alpha) = paint(s.color);
            let mut a = format!(" stroke=\"{hex}\" stroke-width=\"{}\"", n(s.width));
            if let Some(al) = alpha {
                let _ = write!(a, " stroke-opacity=\"{}\"", n(al));
            }
            a
        }
    }
}

fn points_attr(points: &[Pos]) -> String {
    let mut s = String::with_capacity(points.len() * 12);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", n(p[0]), n(p[1]));
    }
    s
}

impl SvgCanvas {
    /// An empty `width × height` drawing filled with `background`.
    pub fn new(width: u32, height: u32, background: Color) -> SvgCanvas {
        let mut c = SvgCanvas {
            width,
            height,
            body: String::new(),
            metrics: SkiaCanvas::new(1, 1, [255, 255, 255, 255]),
        };
        c.rect(
            Rect::from_min_max([0.0, 0.0], [width as f32, height as f32]),
            Some(background),
            None,
        );
        c
    }

    /// The SVG document.
    pub fn finish(self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" \
             height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"Ubuntu, 'DejaVu Sans', \
             Arial, sans-serif\" font-weight=\"300\" stroke-linecap=\"round\" \
             stroke-linejoin=\"round\">\n{body}</svg>\n",
            w = self.width,
            h = self.height,
            body = self.body
        )
    }
}

impl Canvas for SvgCanvas {
    fn polyline(&mut self, points: &[Pos], stroke: Stroke) {
        if points.len() < 2 {
            return;
        }
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\"{}/>",
            points_attr(points),
            stroke_attr(Some(stroke))
        );
    }

    fn circle(&mut self, center: Pos, radius: f32, fill: Option<Color>, stroke: Option<Stroke>) {
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
            n(center[0]),
            n(center[1]),
            n(radius),
            fill_attr(fill),
            stroke_attr(stroke)
        );
    }

    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        if !(rect.width() > 0.0 && rect.height() > 0.0) {
            return;
        }
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}/>",
            n(rect.min[0]),
            n(rect.min[1]),
            n(rect.width()),
            n(rect.height()),
            fill_attr(fill),
            stroke_attr(stroke)
        );
    }

    fn polygon(&mut self, points: &[Pos], fill: Option<Color>, stroke: Option<Stroke>) {
        if points.len() < 3 {
            return;
        }
        let _ = writeln!(
            self.body,
            "<polygon points=\"{}\"{}{}/>",
            points_attr(points),
            fill_attr(fill),
            stroke_attr(stroke)
        );
    }

    fn text(&mut self, pos: Pos, text: &str, size: f32, color: Color, anchor: Anchor) {
        if text.is_empty() {
            return;
        }
        // The same box as the PNG renderer: anchor the measured box, write the baseline.
        let box_size = self.measure_text(text, size);
        let top_left = anchor.top_left(pos, box_size);
        let (x, text_anchor) = match anchor.h {
            HAlign::Left => (top_left[0], "start"),
            HAlign::Center => (top_left[0] + 0.5 * box_size[0], "middle"),
            HAlign::Right => (top_left[0] + box_size[0], "end"),
        };
        // Ubuntu's ascent is about 0.93 em of its ascent-to-descent box (1.15 em).
        let baseline = top_left[1] + box_size[1] * (0.932 / 1.14);
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{text_anchor}\"{}>{}</text>",
            n(x),
            n(baseline),
            n(size),
            fill_attr(Some(color)),
            escape(text)
        );
    }

    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        match &self.metrics {
            Some(m) => m.measure_text(text, size),
            None => [0.55 * size * text.chars().count() as f32, 1.14 * size],
        }
    }

    fn image(&mut self, rect: Rect, image: &ImageRef<'_>) {
        if image.width == 0
            || image.height == 0
            || image.rgba.len() != image.width * image.height * 4
        {
            return;
        }
        let mut png_bytes = Vec::new();
        {
            let mut enc =
                png::Encoder::new(&mut png_bytes, image.width as u32, image.height as u32);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let Ok(mut w) = enc.write_header() else {
                return;
            };
            if w.write_image_data(image.rgba).is_err() || w.finish().is_err() {
                return;
            }
        }
        let data = base64::engine::general_purpose::STANDARD.encode(&png_bytes);
        let _ = writeln!(
            self.body,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" \
             href=\"data:image/png;base64,{data}\"/>",
            n(rect.min[0]),
            n(rect.min[1]),
            n(rect.width()),
            n(rect.height()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_written_escaped_and_the_document_closes() {
        let mut c = SvgCanvas::new(200, 100, [255, 255, 255, 255]);
        c.polyline(
            &[[0.0, 0.0], [10.5, 20.25]],
            Stroke::new(2.0, [255, 0, 0, 128]),
        );
        c.text(
            [100.0, 10.0],
            "a < b & \"c\"",
            12.0,
            [0, 0, 0, 255],
            Anchor::CENTER_TOP,
        );
        let rgba = [10u8, 20, 30, 255].repeat(4);
        c.image(
            Rect::from_min_max([0.0, 0.0], [20.0, 20.0]),
            &ImageRef {
                key: crate::scene::ImageKey(1),
                width: 2,
                height: 2,
                rgba: &rgba,
            },
        );
        let doc = c.finish();
        assert!(doc.starts_with("<?xml"));
        assert!(doc.trim_end().ends_with("</svg>"));
        assert!(doc.contains("points=\"0,0 10.5,20.25\""));
        assert!(doc.contains("stroke=\"#ff0000\""));
        assert!(doc.contains("a &lt; b &amp; &quot;c&quot;"));
        assert!(doc.contains("text-anchor=\"middle\""));
        assert!(doc.contains("href=\"data:image/png;base64,iVBOR"));
    }
}
