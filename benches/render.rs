//! The landscape kernels `peer_kernels.py` times, at 1024²: grid evaluation + log colour
//! map + RGBA (`heatmap_rgba_1024`), and 20 contour levels (`contours20_1024`); plus the
//! whole 1280 × 800 PNG frame of SPEC §8's example without file output.
//!
//! `cargo bench --bench render`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gradscape::core::presets;
use gradscape::core::run::run_scenario;
use gradscape::core::surfaces::{Rosenbrock, Surface, View};
use gradscape::render::{Composition, RenderOptions, encode_png};
use gradscape::scene::{Grid, contour};

const VIEW: View = View {
    x: [-2.0, 2.0],
    y: [-1.0, 3.0],
};

fn kernels(c: &mut Criterion) {
    let s = Surface::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
    c.bench_function("grid_1024", |b| {
        b.iter(|| Grid::evaluate(black_box(&s), VIEW, 1024, 1024))
    });
    c.bench_function("heatmap_rgba_512", |b| {
        b.iter(|| {
            let g = Grid::evaluate(black_box(&s), VIEW, 512, 512);
            let scale = g.color_scale(&s);
            g.heatmap_rgba(&scale)
        })
    });
    c.bench_function("heatmap_rgba_1024", |b| {
        b.iter(|| {
            let g = Grid::evaluate(black_box(&s), VIEW, 1024, 1024);
            let scale = g.color_scale(&s);
            g.heatmap_rgba(&scale)
        })
    });
    let g = Grid::evaluate(&s, VIEW, 1024, 1024);
    let scale = g.color_scale(&s);
    c.bench_function("colors_1024", |b| {
        b.iter(|| black_box(&g).heatmap_rgba(&scale))
    });
    let levels = contour::levels(&g.color_scale(&s), 20);
    c.bench_function("contours20_1024", |b| {
        b.iter(|| contour::contours(black_box(&g), &levels))
    });
}

fn frame(c: &mut Criterion) {
    let scenario = presets::find("rosenbrock").expect("preset").scenario();
    let runs = run_scenario(&scenario);
    let opts = RenderOptions::default();
    c.bench_function("composition_1280x800", |b| {
        b.iter(|| Composition::new(&scenario, &runs, &opts, false))
    });
    let comp = Composition::new(&scenario, &runs, &opts, false);
    c.bench_function("draw_1280x800", |b| {
        b.iter(|| comp.render(comp.last_step()))
    });
    let canvas = comp.render(comp.last_step()).expect("size is valid");
    c.bench_function("png_fast_1280x800", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            encode_png(&canvas.pixmap, &mut out).expect("in memory");
            out
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = kernels, frame
}
criterion_main!(benches);
