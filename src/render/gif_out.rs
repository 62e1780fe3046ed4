//! Animated GIFs with bounded memory: the background is drawn once and copied into each
//! frame, frames are streamed into the encoder as they are drawn, and each frame stores
//! only the rectangle that changed since the previous one.

use std::borrow::Cow;
use std::io::Write;

use super::{Composition, RenderOptions};
use crate::scene::{Layer, run_color};

/// How long the last frame stays before the loop restarts, in centiseconds.
const FINAL_HOLD_CS: u16 = 200;

/// One palette for the whole animation: NeuQuant over the finished image, with the
/// colours that must stay exact (paths, text, markers) added as weighted swatches so
/// thin lines are not merged into the heatmap's hues.
fn palette(final_rgba: &[u8], must_keep: &[[u8; 3]]) -> Vec<u8> {
    let mut sample: Vec<u8> = final_rgba
        .chunks_exact(4)
        .step_by(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let swatch = (sample.len() / 4 / 100).max(64);
    for c in must_keep {
        for _ in 0..swatch {
            sample.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    let width = 256usize;
    let height = sample.len() / 4 / width;
    sample.truncate(width * height * 4);
    let frame = gif::Frame::from_rgba_speed(
        width as u16,
        height.min(u16::MAX as usize) as u16,
        &mut sample[..width * height.min(u16::MAX as usize) * 4],
        10,
    );
    frame
        .palette
        .unwrap_or_else(|| vec![0, 0, 0, 255, 255, 255])
}

/// The palette index left out of the colours: pixels a frame leaves unchanged. Runs of
/// it compress to almost nothing, so a frame costs about what its moving parts cost.
const TRANSPARENT: u8 = 255;

/// Nearest palette entry (never [`TRANSPARENT`]) for every 15-bit colour (5 bits a
/// channel): one table lookup per pixel afterwards.
fn nearest_table(palette: &[u8]) -> Vec<u8> {
    let entries: Vec<[i32; 3]> = palette
        .chunks_exact(3)
        .take(usize::from(TRANSPARENT))
        .map(|c| [i32::from(c[0]), i32::from(c[1]), i32::from(c[2])])
        .collect();
    (0..1u32 << 15)
        .map(|k| {
            let c = [
                ((k >> 10) & 31) as i32 * 8 + 4,
                ((k >> 5) & 31) as i32 * 8 + 4,
                (k & 31) as i32 * 8 + 4,
            ];
            let mut best = (i32::MAX, 0u8);
            for (i, e) in entries.iter().enumerate() {
                let d =
                    (c[0] - e[0]).pow(2) * 3 + (c[1] - e[1]).pow(2) * 4 + (c[2] - e[2]).pow(2) * 2;
                if d < best.0 {
                    best = (d, i as u8);
                }
            }
            best.1
        })
        .collect()
}

#[inline]
fn index_of(table: &[u8], p: &[u8]) -> u8 {
    table[(usize::from(p[0] >> 3) << 10) | (usize::from(p[1] >> 3) << 5) | usize::from(p[2] >> 3)]
}

/// The smallest rectangle (x, y, w, h) holding every pixel where `a` and `b` differ.
fn changed_box(a: &[u8], b: &[u8], width: usize) -> Option<(usize, usize, usize, usize)> {
    let height = a.len() / width;
    let rows: Vec<usize> = (0..height)
        .filter(|&r| a[r * width..(r + 1) * width] != b[r * width..(r + 1) * width])
        .collect();
    let (&top, &bottom) = (rows.first()?, rows.last()?);
    let (mut left, mut right) = (width, 0);
    for &r in &rows {
        let (ra, rb) = (
            &a[r * width..(r + 1) * width],
            &b[r * width..(r + 1) * width],
        );
        if let Some(l) = ra.iter().zip(rb).position(|(x, y)| x != y) {
            left = left.min(l);
        }
        if let Some(rr) = ra.iter().zip(rb).rposition(|(x, y)| x != y) {
            right = right.max(rr);
        }
    }
    Some((left, top, right + 1 - left, bottom + 1 - top))
}

/// Draws and encodes every frame of `comp` into `out`.
pub fn encode(
    comp: &Composition<'_>,
    options: &RenderOptions,
    out: impl Write,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<()> {
    let last = comp.last_step();
    let frames = options.frames.max(1) as usize;
    let mut background = comp.blank()?;
    comp.draw(&mut background, last, Layer::Background);
    let mut canvas = comp.blank()?;
    canvas
        .pixmap
        .data_mut()
        .copy_from_slice(background.pixmap.data());
    comp.draw(&mut canvas, last, Layer::Foreground);
    let mut keep: Vec<[u8; 3]> = comp
        .runs
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| run_color(r, i))
        .collect();
    keep.extend([[255, 255, 255], [0, 0, 0], [30, 30, 36], [16, 18, 28]]);
    let pal = palette(canvas.pixmap.data(), &keep);
    let table = nearest_table(&pal);

    let (w, h) = (
        canvas.pixmap.width() as usize,
        canvas.pixmap.height() as usize,
    );
    let to_gif_err = |e: gif::EncodingError| std::io::Error::other(e);
    let mut enc = gif::Encoder::new(out, w as u16, h as u16, &pal).map_err(to_gif_err)?;
    enc.set_repeat(gif::Repeat::Infinite).map_err(to_gif_err)?;
    let delay = (100.0 / f64::from(options.fps.max(1)))
        .round()
        .clamp(2.0, 1000.0) as u16;

    let mut prev: Vec<u8> = Vec::new();
    let mut cur = vec![0u8; w * h];
    let mut sub: Vec<u8> = Vec::new();
    for i in 0..frames {
        let playhead = (i + 1) * last / frames;
        canvas
            .pixmap
            .data_mut()
            .copy_from_slice(background.pixmap.data());
        comp.draw(&mut canvas, playhead, Layer::Foreground);
        for (d, p) in cur.iter_mut().zip(canvas.pixmap.data().chunks_exact(4)) {
            *d = index_of(&table, p);
        }
        let (x, y, fw, fh) = if prev.is_empty() {
            (0, 0, w, h)
        } else {
            // An unchanged frame still needs its delay: a 1×1 repaint of one pixel.
            changed_box(&prev, &cur, w).unwrap_or((0, 0, 1, 1))
        };
        sub.clear();
        for r in y..y + fh {
            let row = r * w + x..r * w + x + fw;
            if prev.is_empty() {
                sub.extend_from_slice(&cur[row]);
            } else {
                sub.extend(
                    cur[row.clone()]
                        .iter()
                        .zip(&prev[row])
                        .map(|(c, p)| if c == p { TRANSPARENT } else { *c }),
                );
            }
        }
        let frame = gif::Frame {
            left: x as u16,
            top: y as u16,
            width: fw as u16,
            height: fh as u16,
            delay: if i + 1 == frames {
                delay + FINAL_HOLD_CS
            } else {
                delay
            },
            dispose: gif::DisposalMethod::Keep,
            transparent: (!prev.is_empty()).then_some(TRANSPARENT),
            buffer: Cow::Borrowed(&sub),
            ..gif::Frame::default()
        };
        enc.write_frame(&frame).map_err(to_gif_err)?;
        std::mem::swap(&mut prev, &mut cur);
        if cur.len() != w * h {
            cur = vec![0u8; w * h];
        }
        progress(i + 1, frames);
    }
    enc.into_inner().map_err(std::io::Error::other)?.flush()
}
