use gradscape::core::scenario::Scenario;
use std::time::Instant;
fn main() {
    let ctx = egui::Context::default();
    let scenario = Scenario::from_json(&gradscape::app::long_scenario_json(1_000_000)).unwrap();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    for _ in 0..5 {
        let mut app = gradscape::app::GradscapeApp::with_scenario(&ctx, scenario.clone(), None);
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        app.state
            .wait_for_worker(std::time::Duration::from_secs(60));
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        eprintln!("install frame {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
}
