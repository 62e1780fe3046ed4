//! The drawing primitives a backend provides, in screen pixels (y down), and a backend
//! that only records the calls, for tests (like plotters' mock backend).

use super::colormap::Color;

/// A point on the screen, in pixels, y down.
pub type Pos = [f32; 2];

/// An axis-aligned rectangle on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Pos,
    /// Bottom-right corner.
    pub max: Pos,
}

impl Rect {
    /// The rectangle from `min` to `max`.
    pub fn from_min_max(min: Pos, max: Pos) -> Rect {
        Rect { min, max }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    /// Whether `p` lies inside (borders included).
    pub fn contains(&self, p: Pos) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    /// Shrunk by `d` on every side (grown when negative).
    pub fn shrink(&self, d: f32) -> Rect {
        Rect {
            min: [self.min[0] + d, self.min[1] + d],
            max: [self.max[0] - d, self.max[1] - d],
        }
    }
}

/// A line's colour and width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub color: Color,
    /// Width in pixels.
    pub width: f32,
}

impl Stroke {
    /// A stroke of `width` pixels in `color`.
    pub fn new(width: f32, color: Color) -> Stroke {
        Stroke { color, width }
    }
}

/// Horizontal alignment of text against its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    /// The text starts at the point.
    Left,
    /// The text is centred on the point.
    Center,
    /// The text ends at the point.
    Right,
}

/// Vertical alignment of text against its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    /// The point is at the top of the text.
    Top,
    /// The point is at the middle of the text.
    Center,
    /// The point is at the bottom of the text.
    Bottom,
}

/// Where a text sits relative to its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Horizontal.
    pub h: HAlign,
    /// Vertical.
    pub v: VAlign,
}

impl Anchor {
    /// Anchored by its left end, vertically centred.
    pub const LEFT_CENTER: Anchor = Anchor {
        h: HAlign::Left,
        v: VAlign::Center,
    };
    /// Anchored by its right end, vertically centred.
    pub const RIGHT_CENTER: Anchor = Anchor {
        h: HAlign::Right,
        v: VAlign::Center,
    };
    /// Anchored by the middle of its top edge.
    pub const CENTER_TOP: Anchor = Anchor {
        h: HAlign::Center,
        v: VAlign::Top,
    };
    /// Anchored by its top-left corner.
    pub const LEFT_TOP: Anchor = Anchor {
        h: HAlign::Left,
        v: VAlign::Top,
    };
    /// Anchored by the middle of its bottom edge.
    pub const CENTER_BOTTOM: Anchor = Anchor {
        h: HAlign::Center,
        v: VAlign::Bottom,
    };
    /// Anchored by its bottom-left corner.
    pub const LEFT_BOTTOM: Anchor = Anchor {
        h: HAlign::Left,
        v: VAlign::Bottom,
    };

    /// The top-left corner of a `size` box anchored at `pos`.
    pub fn top_left(&self, pos: Pos, size: [f32; 2]) -> Pos {
        let x = match self.h {
            HAlign::Left => pos[0],
            HAlign::Center => pos[0] - 0.5 * size[0],
            HAlign::Right => pos[0] - size[0],
        };
        let y = match self.v {
            VAlign::Top => pos[1],
            VAlign::Center => pos[1] - 0.5 * size[1],
            VAlign::Bottom => pos[1] - size[1],
        };
        [x, y]
    }
}

/// Identifies an image's contents, so a backend can cache what it uploads (the egui
/// backend keeps one texture per key). Equal keys mean equal pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageKey(pub u64);

/// An RGBA image (not premultiplied, row 0 at the top) and its cache key.
#[derive(Debug, Clone, Copy)]
pub struct ImageRef<'a> {
    /// Cache key of these pixels.
    pub key: ImageKey,
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// `width × height × 4` bytes.
    pub rgba: &'a [u8],
}

/// A marker's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    /// ×: a known minimum.
    Cross,
    /// +: a saddle point.
    Plus,
    /// ◆: the early-stopping best point.
    Diamond,
    /// ★: unused by the scene today; for backends and apps.
    Star,
}

/// What a backend draws. Coordinates are screen pixels, y down.
pub trait Canvas {
    /// A connected line through `points` (fewer than 2 points draw nothing).
    fn polyline(&mut self, points: &[Pos], stroke: Stroke);
    /// A filled and/or outlined circle.
    fn circle(&mut self, center: Pos, radius: f32, fill: Option<Color>, stroke: Option<Stroke>);
    /// A filled and/or outlined rectangle.
    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>);
    /// A filled and/or outlined closed polygon.
    fn polygon(&mut self, points: &[Pos], fill: Option<Color>, stroke: Option<Stroke>);
    /// One line of text of pixel height `size`, placed by `anchor` around `pos`.
    fn text(&mut self, pos: Pos, text: &str, size: f32, color: Color, anchor: Anchor);
    /// Width and height `text` would take at `size`.
    fn measure_text(&self, text: &str, size: f32) -> [f32; 2];
    /// `image` stretched over `rect`.
    fn image(&mut self, rect: Rect, image: &ImageRef<'_>);
}

/// One recorded call of a [`RecordingCanvas`].
#[derive(Debug, Clone, PartialEq)]
pub enum DrawCall {
    /// [`Canvas::polyline`]
    Polyline {
        /// Points.
        points: Vec<Pos>,
        /// Stroke.
        stroke: Stroke,
    },
    /// [`Canvas::circle`]
    Circle {
        /// Centre.
        center: Pos,
        /// Radius.
        radius: f32,
        /// Fill.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// [`Canvas::rect`]
    Rect {
        /// Rectangle.
        rect: Rect,
        /// Fill.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// [`Canvas::polygon`]
    Polygon {
        /// Corners.
        points: Vec<Pos>,
        /// Fill.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// [`Canvas::text`]
    Text {
        /// Position.
        pos: Pos,
        /// Text.
        text: String,
        /// Pixel height.
        size: f32,
        /// Colour.
        color: Color,
        /// Anchor.
        anchor: Anchor,
    },
    /// [`Canvas::image`]
    Image {
        /// Where.
        rect: Rect,
        /// Cache key.
        key: ImageKey,
        /// Columns.
        width: usize,
        /// Rows.
        height: usize,
    },
}

/// A canvas that records every call, for tests that check *what* is drawn, not pixels.
#[derive(Debug, Clone, Default)]
pub struct RecordingCanvas {
    /// The calls, in order.
    pub calls: Vec<DrawCall>,
}

impl RecordingCanvas {
    /// An empty recording.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every text drawn.
    pub fn texts(&self) -> Vec<&str> {
        self.calls
            .iter()
            .filter_map(|c| match c {
                DrawCall::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every polyline drawn in `color`.
    pub fn polylines_with(&self, color: Color) -> Vec<&[Pos]> {
        self.calls
            .iter()
            .filter_map(|c| match c {
                DrawCall::Polyline { points, stroke } if stroke.color == color => {
                    Some(points.as_slice())
                }
                _ => None,
            })
            .collect()
    }
}

impl Canvas for RecordingCanvas {
    fn polyline(&mut self, points: &[Pos], stroke: Stroke) {
        self.calls.push(DrawCall::Polyline {
            points: points.to_vec(),
            stroke,
        });
    }

    fn circle(&mut self, center: Pos, radius: f32, fill: Option<Color>, stroke: Option<Stroke>) {
        self.calls.push(DrawCall::Circle {
            center,
            radius,
            fill,
            stroke,
        });
    }

    fn rect(&mut self, rect: Rect, fill: Option<Color>, stroke: Option<Stroke>) {
        self.calls.push(DrawCall::Rect { rect, fill, stroke });
    }

    fn polygon(&mut self, points: &[Pos], fill: Option<Color>, stroke: Option<Stroke>) {
        self.calls.push(DrawCall::Polygon {
            points: points.to_vec(),
            fill,
            stroke,
        });
    }

    fn text(&mut self, pos: Pos, text: &str, size: f32, color: Color, anchor: Anchor) {
        self.calls.push(DrawCall::Text {
            pos,
            text: text.to_string(),
            size,
            color,
            anchor,
        });
    }

    /// A fixed-advance estimate (0.55 em per character): tests need layout, not fonts.
    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        [0.55 * size * text.chars().count() as f32, size]
    }

    fn image(&mut self, rect: Rect, image: &ImageRef<'_>) {
        self.calls.push(DrawCall::Image {
            rect,
            key: image.key,
            width: image.width,
            height: image.height,
        });
    }
}
