//! The shared scene, checked through the calls it makes on a recording canvas: what is
//! drawn, in which colour, with which text — not pixels.

use gradscape::core::presets;
use gradscape::core::run::{RunSet, run_scenario};
use gradscape::core::scenario::Scenario;
use gradscape::scene::{
    DrawCall, MarkerShape, RecordingCanvas, Rect, Scene, SceneOptions, ScreenFromWorld,
    build_scene, opaque, run_color,
};

fn preset(name: &str) -> (Scenario, RunSet) {
    let s = presets::find(name)
        .unwrap_or_else(|| panic!("preset {name}"))
        .scenario();
    let r = run_scenario(&s);
    (s, r)
}

fn scene(name: &str, playhead: usize) -> (Scenario, RunSet, Scene) {
    let (s, r) = preset(name);
    let opts = SceneOptions {
        grid_size: [300, 200],
        ..SceneOptions::default()
    };
    let scene = build_scene(&s, &r, playhead, &opts);
    (s, r, scene)
}

fn record(scene: &Scene) -> RecordingCanvas {
    let mut c = RecordingCanvas::new();
    scene.draw(&mut c, Rect::from_min_max([0.0, 0.0], [1280.0, 800.0]));
    c
}

#[test]
fn each_visible_trajectory_is_a_polyline_in_its_colour() {
    let (_, runs, scene) = scene("rosenbrock", usize::MAX);
    let rec = record(&scene);
    assert_eq!(runs.runs.len(), 3);
    for (i, run) in runs.runs.iter().enumerate() {
        let lines = rec.polylines_with(opaque(run_color(run, i)));
        assert_eq!(
            lines.len(),
            1,
            "{}: one unbroken path inside the view",
            run.label
        );
        assert!(
            lines[0].len() > 20,
            "{}: {} points",
            run.label,
            lines[0].len()
        );
    }
    // The file's colours are the ones drawn.
    assert_eq!(run_color(&runs.runs[0], 0), [0x3b, 0x82, 0xf6]);
    let texts = rec.texts();
    for run in &runs.runs {
        assert!(
            texts.iter().any(|t| t.starts_with(&run.label)),
            "legend row for {}",
            run.label
        );
    }
}

#[test]
fn hidden_runs_are_not_drawn() {
    let (s, r) = preset("rosenbrock");
    let opts = SceneOptions {
        grid_size: [200, 200],
        visible: vec![true, false, true],
        ..SceneOptions::default()
    };
    let rec = record(&build_scene(&s, &r, usize::MAX, &opts));
    assert!(
        rec.polylines_with(opaque(run_color(&r.runs[1], 1)))
            .is_empty()
    );
    assert_eq!(
        rec.polylines_with(opaque(run_color(&r.runs[2], 2))).len(),
        1
    );
}

#[test]
fn twenty_contour_levels_log_spaced_on_rosenbrock() {
    let (_, _, scene) = scene("rosenbrock", 0);
    let c = &scene.landscape.contours;
    assert_eq!(c.len(), 20);
    assert!(scene.landscape.scale.log);
    // Log spacing: equal steps on the log axis, i.e. (nearly) equal ratios.
    let scale = scene.landscape.scale;
    let step = |i: usize| scale.to_axis(c[i + 1].value) - scale.to_axis(c[i].value);
    assert!(
        (step(9) - step(14)).abs() < 1e-9 && step(9) > 0.2,
        "{} {}",
        step(9),
        step(14)
    );
    let r = c[15].value / c[14].value;
    assert!(r > 1.5, "{r}");
    let rec = record(&scene);
    let contour_lines = rec
        .calls
        .iter()
        .filter(|c| matches!(c, DrawCall::Polyline { stroke, .. } if stroke.color == [255, 255, 255, 110]))
        .count();
    let expected: usize = c.iter().map(|l| l.lines.len()).sum();
    assert_eq!(contour_lines, expected);
    assert!(expected >= 20);
    // One heatmap image, keyed by its landscape.
    let images: Vec<_> = rec
        .calls
        .iter()
        .filter(|c| matches!(c, DrawCall::Image { .. }))
        .collect();
    assert_eq!(images.len(), 1);
}

#[test]
fn divergence_is_marked_with_its_step() {
    let (_, runs, scene) = scene("lr-too-high", usize::MAX);
    let t = runs.runs[0].diverged_at.expect("lr-too-high diverges");
    let rec = record(&scene);
    let want = format!("diverged at step {t}");
    assert!(rec.texts().contains(&want.as_str()), "{:?}", rec.texts());
    // Before the path leaves the view, nothing says it diverged.
    let (_, _, early) = scene_at("lr-too-high", 2);
    assert!(
        !record(&early)
            .texts()
            .iter()
            .any(|s| s.starts_with("diverged at step"))
    );
}

fn scene_at(name: &str, playhead: usize) -> (Scenario, RunSet, Scene) {
    scene(name, playhead)
}

#[test]
fn minima_and_saddles_are_marked() {
    let (_, _, h) = scene("himmelblau-minima", usize::MAX);
    assert_eq!(
        h.markers
            .iter()
            .filter(|m| m.shape == MarkerShape::Cross)
            .count(),
        4
    );
    let (_, _, r) = scene("rosenbrock", usize::MAX);
    assert_eq!(r.markers.len(), 1);
    assert_eq!(r.markers[0].at, [1.0, 1.0]);
    let (_, _, s) = scene("saddle-escape", usize::MAX);
    assert!(
        s.markers
            .iter()
            .any(|m| m.shape == MarkerShape::Plus && m.at == [0.0, 0.0])
    );
}

#[test]
fn playhead_cuts_the_paths_and_moves_the_heads() {
    let (_, runs, start) = scene("rosenbrock", 0);
    let rec = record(&start);
    for (i, run) in runs.runs.iter().enumerate() {
        assert!(
            rec.polylines_with(opaque(run_color(run, i))).is_empty(),
            "a single point is no line"
        );
    }
    let heads = |rec: &RecordingCanvas, color| {
        rec.calls
            .iter()
            .filter_map(|c| match c {
                DrawCall::Circle {
                    center,
                    fill: Some(f),
                    ..
                } if *f == color => Some(*center),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let c0 = opaque(run_color(&runs.runs[2], 2));
    let (_, _, later) = scene("rosenbrock", 100);
    let a = heads(&rec, c0);
    let b = heads(&record(&later), c0);
    assert_eq!((a.len(), b.len()), (1, 1));
    assert_ne!(a[0], b[0]);
}

#[test]
fn no_non_finite_coordinate_reaches_the_canvas() {
    for name in [
        "lr-too-high",
        "rosenbrock",
        "noisy-quadratic",
        "plateau-early-stopping",
    ] {
        let (_, _, scene) = scene(name, usize::MAX);
        let rec = record(&scene);
        for call in &rec.calls {
            let pts: Vec<[f32; 2]> = match call {
                DrawCall::Polyline { points, .. } | DrawCall::Polygon { points, .. } => {
                    points.clone()
                }
                DrawCall::Circle { center, .. } => vec![*center],
                DrawCall::Text { pos, .. } => vec![*pos],
                DrawCall::Rect { rect, .. } | DrawCall::Image { rect, .. } => {
                    vec![rect.min, rect.max]
                }
            };
            for p in pts {
                assert!(p[0].is_finite() && p[1].is_finite(), "{name}: {call:?}");
                assert!(
                    p[0].abs() < 1e5 && p[1].abs() < 1e5,
                    "{name}: far off screen {call:?}"
                );
            }
        }
    }
}

#[test]
fn early_stopping_best_point_is_shown() {
    let (_, runs, scene) = scene("plateau-early-stopping", usize::MAX);
    let with_best = runs.runs.iter().filter(|r| r.best_step.is_some()).count();
    assert!(with_best > 0);
    let rec = record(&scene);
    let diamonds = rec
        .calls
        .iter()
        .filter(|c| matches!(c, DrawCall::Polygon { points, .. } if points.len() == 4))
        .count();
    assert_eq!(
        diamonds,
        scene
            .trajectories
            .iter()
            .filter(|t| t.best.is_some())
            .count()
    );
    assert!(diamonds > 0);
}

#[test]
fn title_names_surface_and_hyperparameters() {
    let (_, _, scene) = scene("rosenbrock", usize::MAX);
    assert!(
        scene.title.starts_with("Rosenbrock (a = 1, b = 100)"),
        "{}",
        scene.title
    );
    assert!(
        scene.subtitle.contains("adam: lr 0.05, β1 0.9, β2 0.999"),
        "{}",
        scene.subtitle
    );
    assert!(
        scene.subtitle.contains("momentum: lr 0.002, β 0.9"),
        "{}",
        scene.subtitle
    );
}

#[test]
fn screen_from_world_round_trips() {
    let (_, _, scene) = scene("rosenbrock", 0);
    let t = ScreenFromWorld::new(scene.view, Rect::from_min_max([10.0, 20.0], [410.0, 320.0]));
    assert_eq!(t.apply([scene.view.x[0], scene.view.y[1]]), [10.0, 20.0]);
    let w = t.inverse(t.apply([0.25, 1.5]));
    assert!((w[0] - 0.25).abs() < 1e-5 && (w[1] - 1.5).abs() < 1e-5);
}

/// The scene names what it shows by id; the language layer words it, so a Spanish
/// figure says everything in Spanish (labels typed into the file stay as written).
#[test]
fn titles_and_notes_follow_the_language() {
    use gradscape::lang::{Lang, with_lang};
    let (_, _, es) = with_lang(Lang::Es, || scene("rosenbrock", usize::MAX));
    assert!(
        es.title
            .starts_with("Rosenbrock (a = 1, b = 100) · 500 pasos"),
        "{}",
        es.title
    );
    assert!(es.title.contains("calentamiento"), "{}", es.title);
    let (_, _, en) = scene("rosenbrock", usize::MAX);
    assert!(
        en.title.contains("500 steps") && en.title.contains("warmup"),
        "{}",
        en.title
    );
    let high = with_lang(Lang::Es, || scene("lr-too-high", usize::MAX)).2;
    let note = high.legend[0].note.clone().unwrap_or_default();
    assert!(note.starts_with("divergió en el paso"), "{note}");
}
