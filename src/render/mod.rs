//! The headless CPU renderer: PNG, SVG and GIF without a window or a GPU.
//!
//! A [`Composition`] lays out one image (landscape, and optionally the loss curves
//! beside it), computes the landscape once, and draws any playhead through the shared
//! [`crate::scene`] description onto a [`SkiaCanvas`]. PNGs are encoded with the `png`
//! crate at its fast setting (tiny-skia's own encoder took ~110 ms at default
//! compression for 1280 × 800, about five times the drawing); GIFs are streamed frame
//! by frame over one background drawn once.

pub mod gif_out;
pub mod map;
pub mod skia;
pub mod svg;

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::core::atomic::write_atomic_with;
use crate::core::run::RunSet;
use crate::core::scenario::Scenario;
use crate::core::surfaces::Surface;
use crate::scene::{
    Landscape, Layer, LossPlot, Rect, Scene, SceneLayout, SceneOptions, build_scene_with,
};

pub use skia::SkiaCanvas;
pub use svg::SvgCanvas;

/// The page colour around the plots.
pub const BACKGROUND: [u8; 4] = [255, 255, 255, 255];

/// Smallest and largest side `--size` accepts.
pub const SIZE_LIMITS: (u32, u32) = (64, 8192);

/// What to draw and how big.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Put the loss curves beside the landscape.
    pub with_loss: bool,
    /// GIF frames.
    pub frames: u32,
    /// GIF frames per second.
    pub fps: u32,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 800,
            with_loss: false,
            frames: 60,
            fps: 15,
        }
    }
}

/// The output formats, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A still of the finished runs.
    Png,
    /// The runs animated.
    Gif,
    /// A still of the finished runs as vectors (SVG), for slides and papers.
    Svg,
}

impl Format {
    /// The format of `path` by its extension (case-insensitive), if known.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "gif" => Some(Format::Gif),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// Parses "WxH" (also "W×H"), each side within [`SIZE_LIMITS`].
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("--size must look like 1280x800 (got \"{s}\")");
    let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let (lo, hi) = SIZE_LIMITS;
    if !(lo..=hi).contains(&w) || !(lo..=hi).contains(&h) {
        return Err(format!(
            "--size sides must be from {lo} to {hi} pixels (got {w}x{h})"
        ));
    }
    Ok((w, h))
}

/// Where the landscape (and the loss curves, when asked for) go in an image of `options`'
/// size: the title spans the image, the loss plot takes the right 38 %.
pub fn layout_for(options: &RenderOptions) -> (SceneLayout, Option<Rect>) {
    let (w, h) = (options.width as f32, options.height as f32);
    let full = Rect::from_min_max([0.0, 0.0], [w, h]);
    if options.with_loss {
        let split = (w * 0.62).round();
        let layout =
            SceneLayout::with_title(full, Rect::from_min_max([0.0, 0.0], [split, h]), true);
        let top = layout.title.map_or(0.0, |t| t.max[1]);
        (layout, Some(Rect::from_min_max([split, top], [w, h])))
    } else {
        (SceneLayout::new(full, true), None)
    }
}

/// One image's layout and its precomputed landscape; draws any playhead.
#[derive(Debug)]
pub struct Composition<'a> {
    scenario: &'a Scenario,
    runs: &'a RunSet,
    surface: Surface,
    layout: SceneLayout,
    loss_rect: Option<Rect>,
    landscape: Arc<Landscape>,
    opts: SceneOptions,
    size: (u32, u32),
}

impl<'a> Composition<'a> {
    /// Lays out `options`' image and computes the landscape at the plot's resolution.
    pub fn new(
        scenario: &'a Scenario,
        runs: &'a RunSet,
        options: &RenderOptions,
        animated: bool,
    ) -> Self {
        let (layout, loss_rect) = layout_for(options);
        let surface = scenario.surface.build(scenario.seed);
        let opts = SceneOptions {
            grid_size: layout.plot_pixels(),
            step_counter: animated,
            ..SceneOptions::default()
        };
        let landscape = Arc::new(Landscape::compute(
            &surface,
            scenario.view(),
            opts.grid_size,
            opts.contour_levels,
        ));
        Composition {
            scenario,
            runs,
            surface,
            layout,
            loss_rect,
            landscape,
            opts,
            size: (options.width, options.height),
        }
    }

    /// The longest run's step count: the last playhead.
    pub fn last_step(&self) -> usize {
        self.runs
            .runs
            .iter()
            .map(|r| r.points.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }

    /// The scene at `playhead`.
    pub fn scene(&self, playhead: usize) -> Scene {
        build_scene_with(
            self.landscape.clone(),
            self.scenario,
            &self.surface,
            self.runs,
            playhead,
            &self.opts,
        )
    }

    /// Draws `layer` of the image at `playhead` onto `canvas`.
    pub fn draw(&self, canvas: &mut dyn crate::scene::Canvas, playhead: usize, layer: Layer) {
        // The legend's corner is chosen from the whole paths, so the background is
        // always drawn from the last playhead and never depends on the frame.
        let scene = self.scene(if layer == Layer::Foreground {
            playhead
        } else {
            self.last_step()
        });
        let fg = if layer == Layer::All && playhead != self.last_step() {
            scene.draw_layer(canvas, &self.layout, Layer::Background);
            Some(self.scene(playhead))
        } else {
            scene.draw_layer(canvas, &self.layout, layer);
            None
        };
        if let Some(fg) = &fg {
            fg.draw_layer(canvas, &self.layout, Layer::Foreground);
        }
        if let Some(r) = self.loss_rect {
            let width = LossPlot::plot_rect(r, self.layout.font).width() as usize;
            let plot = LossPlot::build(self.runs, playhead, &self.opts.visible, width);
            plot.draw_layer(canvas, r, self.layout.font, layer);
        }
    }

    /// A fresh canvas of the image's size, filled with the page colour.
    pub fn blank(&self) -> std::io::Result<SkiaCanvas> {
        SkiaCanvas::new(self.size.0, self.size.1, BACKGROUND).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "image size is zero")
        })
    }

    /// The finished image at `playhead`.
    pub fn render(&self, playhead: usize) -> std::io::Result<SkiaCanvas> {
        let mut c = self.blank()?;
        self.draw(&mut c, playhead, Layer::All);
        Ok(c)
    }

    /// The image at `playhead` as an SVG document.
    pub fn render_svg(&self, playhead: usize) -> String {
        let mut c = SvgCanvas::new(self.size.0, self.size.1, BACKGROUND);
        self.draw(&mut c, playhead, Layer::All);
        c.finish()
    }

    /// Draws only the runs `visible` marks (runs past its end are drawn), as the window does.
    pub fn set_visible(&mut self, visible: Vec<bool>) {
        self.opts.visible = visible;
    }

    /// Where the landscape itself lands in the image.
    pub fn plot_rect(&self) -> Rect {
        self.layout.plot
    }
}

/// Encodes an opaque pixmap as an RGB PNG: fast deflate and one fixed filter, since
/// adaptive filtering and strong compression cost far more than the drawing.
pub fn encode_png(pixmap: &tiny_skia::Pixmap, out: impl Write) -> std::io::Result<()> {
    let mut enc = png::Encoder::new(out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    enc.set_filter(png::FilterType::Sub);
    enc.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    let mut writer = enc.write_header().map_err(std::io::Error::other)?;
    // Everything is drawn over an opaque page, so premultiplied equals straight RGB.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    writer
        .write_image_data(&rgb)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

/// Draws the finished runs of `scenario` and writes them to `path` as a PNG, atomically.
pub fn write_png(
    path: &Path,
    scenario: &Scenario,
    runs: &RunSet,
    options: &RenderOptions,
) -> std::io::Result<()> {
    let comp = Composition::new(scenario, runs, options, false);
    let canvas = comp.render(comp.last_step())?;
    write_atomic_with(path, |w| encode_png(&canvas.pixmap, w))
}

/// Draws the finished runs of `scenario` and writes them to `path` as an SVG, atomically.
pub fn write_svg(
    path: &Path,
    scenario: &Scenario,
    runs: &RunSet,
    options: &RenderOptions,
) -> std::io::Result<()> {
    let comp = Composition::new(scenario, runs, options, false);
    let text = comp.render_svg(comp.last_step());
    crate::core::atomic::write_atomic(path, text.as_bytes())
}

/// Animates the runs of `scenario` into a GIF at `path`, atomically; `progress(done,
/// total)` is called after each frame.
pub fn write_gif(
    path: &Path,
    scenario: &Scenario,
    runs: &RunSet,
    options: &RenderOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<()> {
    let comp = Composition::new(scenario, runs, options, true);
    write_atomic_with(path, |w| gif_out::encode(&comp, options, w, progress))
}

/// A progress bar on stderr, drawn only when stderr is a terminal (logs and pipes stay
/// clean), and erased when done.
#[derive(Debug)]
pub struct ProgressBar {
    enabled: bool,
    label: String,
    shown: usize,
}

impl ProgressBar {
    /// A bar titled `label`.
    pub fn new(label: &str) -> Self {
        use std::io::IsTerminal;
        Self {
            enabled: std::io::stderr().is_terminal(),
            label: label.to_string(),
            shown: usize::MAX,
        }
    }

    /// Shows `done` of `total`.
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || total == 0 {
            return;
        }
        const WIDTH: usize = 30;
        let filled = done * WIDTH / total;
        if filled == self.shown && done != total {
            return;
        }
        self.shown = filled;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} [{}{}] {done}/{total}",
            self.label,
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
        if done >= total {
            let _ = write!(err, "\r{}\r", " ".repeat(self.label.len() + WIDTH + 24));
        }
        let _ = err.flush();
    }
}
