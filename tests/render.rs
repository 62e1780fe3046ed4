//! `gradscape render`: decodable PNG and GIF of the asked size and frame count, each
//! path's colour on its path, and bad input refused with no file created.

use std::path::Path;
use std::process::Command;

use gradscape::core::presets;
use gradscape::core::run::run_scenario;
use gradscape::render::{Composition, RenderOptions, write_png};
use gradscape::scene::{ScreenFromWorld, run_color};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gradscape"))
}

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>, png::ColorType) {
    let dec = png::Decoder::new(std::fs::File::open(path).expect("png exists"));
    let mut reader = dec.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png data");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf, info.color_type)
}

#[test]
fn png_has_the_asked_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("r.png");
    let status = bin()
        .args([
            "render",
            "--preset",
            "rosenbrock",
            "--size",
            "640x400",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let (w, h, data, _) = decode_png(&out);
    assert_eq!((w, h), (640, 400));
    // Not blank: the heatmap alone has many colours.
    let distinct: std::collections::HashSet<&[u8]> = data.chunks(3).collect();
    assert!(distinct.len() > 200, "{}", distinct.len());
    // Only the PNG: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn gif_has_the_asked_frames_and_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("a.gif");
    let status = bin()
        .args([
            "render",
            "--preset",
            "lr-too-high",
            "--size",
            "320x200",
            "--frames",
            "12",
            "--fps",
            "10",
            "--with-loss",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::RGBA);
    let mut dec = opts
        .read_info(std::fs::File::open(&out).expect("gif"))
        .expect("gif header");
    assert_eq!((dec.width(), dec.height()), (320, 200));
    let mut frames = 0;
    let mut delays = Vec::new();
    while let Some(f) = dec.read_next_frame().expect("frame") {
        frames += 1;
        delays.push(f.delay);
    }
    assert_eq!(frames, 12);
    assert_eq!(delays[0], 10, "10 fps = 10 cs a frame");
}

/// Along each run's drawn path, its colour must be what the PNG shows. Each optimizer
/// is drawn alone, since paths to the same minimum overlap.
#[test]
fn each_path_shows_its_colour_in_the_png() {
    for (name, i) in [
        ("himmelblau-minima", 0),
        ("himmelblau-minima", 2),
        ("ravine-momentum", 0),
        ("ravine-momentum", 1),
    ] {
        let mut scenario = presets::find(name).expect("preset").scenario();
        scenario.optimizers = vec![scenario.optimizers[i].clone()];
        let runs = run_scenario(&scenario);
        let opts = RenderOptions {
            width: 800,
            height: 500,
            ..RenderOptions::default()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("p.png");
        write_png(&out, &scenario, &runs, &opts).expect("writes");
        let (w, _, data, color) = decode_png(&out);
        assert_eq!(color, png::ColorType::Rgb);
        let comp = Composition::new(&scenario, &runs, &opts, false);
        let scene = comp.scene(comp.last_step());
        let layout = gradscape::scene::SceneLayout::new(
            gradscape::scene::Rect::from_min_max([0.0, 0.0], [800.0, 500.0]),
            true,
        );
        let to_screen = ScreenFromWorld::new(scene.view, layout.plot);
        for t in &scene.trajectories {
            let want = run_color(&runs.runs[t.run], t.run);
            let pts: Vec<[f64; 2]> = t.pieces.iter().flatten().copied().collect();
            assert!(pts.len() >= 5, "{name}/{}", t.label);
            let sample: Vec<_> = pts.iter().step_by((pts.len() / 40).max(1)).collect();
            let hits = sample
                .iter()
                .filter(|p| {
                    let s = to_screen.apply(***p);
                    // Within a pixel of the line's centre.
                    (-1..=1).any(|dy| {
                        (-1..=1).any(|dx| {
                            let (x, y) = (s[0].round() as i64 + dx, s[1].round() as i64 + dy);
                            let i = 3 * (y as usize * w as usize + x as usize);
                            let px = &data[i..i + 3];
                            px.iter()
                                .zip(want)
                                .all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= 12)
                        })
                    })
                })
                .count();
            assert!(
                hits * 10 >= sample.len() * 8,
                "{name}/{}: colour {want:?} found at {hits} of {} path points",
                t.label,
                sample.len()
            );
        }
    }
}

fn refused(args: &[&str], out: &Path) -> String {
    let o = bin()
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(!out.exists(), "{args:?} created {}", out.display());
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn bad_input_is_refused_without_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("x.png");
    assert!(
        refused(&["render", "--preset", "rosenbrock", "--size", "0x5"], &png).contains("--size")
    );
    assert!(
        refused(&["render", "--preset", "rosenbrock", "--size", "abc"], &png).contains("--size")
    );
    assert!(
        refused(
            &["render", "--preset", "rosenbrock", "--frames", "0"],
            &dir.path().join("x.gif")
        )
        .contains("--frames")
    );
    assert!(
        refused(
            &["render", "--preset", "rosenbrock"],
            &dir.path().join("x.jpg")
        )
        .contains(".png, .svg or .gif")
    );
    assert!(refused(&["render", "--preset", "no-such-preset"], &png).contains("unknown preset"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"surface": {"kind": "rosenbrock"}, "start": [0, 0], "optimizers": [{"kind": "sgd", "lr": -1}]}"#)
        .expect("write");
    let err = refused(&["render", bad.to_str().expect("utf-8 path")], &png);
    assert!(err.contains("optimizers[0].lr"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "only bad.json"
    );
}

/// `render --out x.svg`: an SVG of the same figure, with the title, the colour bar's
/// bands and the heatmap, and nothing else left in the folder.
#[test]
fn svg_is_the_same_figure_as_vectors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("r.svg");
    let status = bin()
        .args([
            "render",
            "--preset",
            "rosenbrock",
            "--size",
            "800x500",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let svg = std::fs::read_to_string(&out).expect("svg exists");
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains("width=\"800\" height=\"500\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">Rosenbrock"), "the title is a text element");
    assert!(svg.contains("href=\"data:image/png;base64,"), "the heatmap");
    // The colour bar: 128 bands, each a filled rectangle.
    assert!(svg.matches("<rect ").count() >= 128);
    assert!(svg.matches("<polyline ").count() > 10, "paths and contours");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}

/// The figure the app exports is drawn by the renderer: its draw calls hold the title, the
/// axes' names, the colour bar and a legend row per run.
#[test]
fn the_composition_draws_title_axes_colour_bar_and_legend() {
    use gradscape::scene::{DrawCall, Layer, RecordingCanvas};
    let scenario = presets::find("rosenbrock").expect("preset").scenario();
    let runs = run_scenario(&scenario);
    let opts = RenderOptions {
        width: 1920,
        height: 1080,
        ..Default::default()
    };
    let comp = Composition::new(&scenario, &runs, &opts, false);
    let mut rec = RecordingCanvas::new();
    comp.draw(&mut rec, comp.last_step(), Layer::All);
    let texts = rec.texts();
    assert!(
        texts.iter().any(|t| t.starts_with("Rosenbrock")),
        "{texts:?}"
    );
    assert!(texts.contains(&"x") && texts.contains(&"y"));
    assert!(
        texts.iter().any(|t| t.starts_with("f")),
        "the colour bar's name"
    );
    for run in &runs.runs {
        assert!(
            texts.iter().any(|t| t.starts_with(&run.label)),
            "{}",
            run.label
        );
    }
    let bands = rec
        .calls
        .iter()
        .filter(|c| {
            matches!(
                c,
                DrawCall::Rect {
                    fill: Some(_),
                    stroke: None,
                    ..
                }
            )
        })
        .count();
    assert!(bands >= 128, "{bands} filled rectangles");
}
