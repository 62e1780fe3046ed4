//! The classroom features driven through the widgets: switching the language, the
//! lessons, projector mode.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gradscape::app::GradscapeApp;
use gradscape::app::i18n::{self, Lang};
use gradscape::app::lessons::LESSONS;
use gradscape::core::presets;

mod common;
use common::{MemoryStorage, harness, restarted};

/// Clicks the View menu's language entry `name`.
fn choose_language(h: &mut Harness<'_, GradscapeApp>, view_menu: &str, name: &str) {
    h.get_by_label(view_menu).click();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn switching_the_language_changes_the_labels_and_is_remembered() {
    let mut h = harness();
    h.run();
    // English by default: a section header and the play button.
    assert!(h.query_by_label("Superficie").is_none());
    h.get_all_by_label("Surface").next().expect("Surface");
    h.get_by_label("Play");

    choose_language(&mut h, "View", "Español");
    assert_eq!(h.state().state.settings.lang, Lang::Es);
    h.run();
    h.get_all_by_label("Superficie").next().expect("Superficie");
    h.get_by_label("Reproducir");
    assert!(h.query_by_label("Play").is_none());
    // The Spanish lr slider: the sliders are named in the UI's language too.
    h.get_by_role_and_label(egui::Role::Slider, "tasa α");

    // And back: the menu is now called "Ver".
    choose_language(&mut h, "Ver", "English");
    h.run();
    assert_eq!(h.state().state.settings.lang, Lang::En);
    h.get_by_label("Play");
}

#[test]
fn diagnosis_titles_follow_the_language() {
    let mut h = harness();
    h.run();
    h.state_mut().state.settings.lang = Lang::Es;
    h.run();
    h.run();
    // The diagnosis header and at least one finding translated by pattern id.
    h.get_by_label("Diagnóstico");
    let titles: Vec<String> = h.state().state.diagnoses[0]
        .iter()
        .map(|f| {
            i18n::set_lang(Lang::Es);
            i18n::tr(&format!("diag-{}-title", f.pattern.id()))
        })
        .collect();
    assert!(!titles.is_empty());
    for t in titles {
        assert!(h.query_all_by_label(&t).next().is_some(), "{t} not shown");
    }
}

#[test]
fn each_lesson_loads_its_preset_and_shows_its_text() {
    for lang in Lang::ALL {
        let mut h = harness();
        h.state_mut().state.settings.lang = lang;
        h.run();
        for (i, lesson) in LESSONS.iter().enumerate() {
            i18n::set_lang(lang);
            let (title, text) = (lesson.title(), lesson.text());
            let menu = if lang == Lang::Es {
                "Lecciones"
            } else {
                "Lessons"
            };
            h.get_by_label(menu).click();
            h.run();
            h.get_by_label(&format!("{}. {title}", i + 1)).click();
            h.run();
            let state = &h.state().state;
            assert_eq!(state.lesson, Some(i), "{}", lesson.id);
            let preset = presets::find(lesson.preset).unwrap().scenario();
            assert_eq!(state.scenario.surface.kind(), preset.surface.kind());
            assert_eq!(state.scenario, preset, "{}: scenario", lesson.id);
            h.get_by_label(&text);
            h.get_by_label(&title);
        }
    }
}

#[test]
fn next_lesson_and_close_work() {
    let mut h = harness();
    h.run();
    h.get_by_label("Lessons").click();
    h.run();
    h.get_by_label(&format!("1. {}", LESSONS[0].title()))
        .click();
    h.run();
    h.get_by_label("Next lesson »").click();
    h.run();
    assert_eq!(h.state().state.lesson, Some(1));
    assert_eq!(
        h.state().state.scenario,
        presets::find(LESSONS[1].preset).unwrap().scenario()
    );
    h.get_by_label("Close").click();
    h.run();
    assert_eq!(h.state().state.lesson, None);
    assert!(h.query_by_label(&LESSONS[1].text()).is_none());
}

#[test]
fn projector_mode_zooms_and_survives_a_frame() {
    let mut h = harness();
    h.run();
    let before = h.ctx.zoom_factor();
    h.state_mut().state.settings.projector = true;
    h.state_mut().state.settings.ui_scale = 1.2;
    h.run();
    h.run();
    let after = h.ctx.zoom_factor();
    assert!((after - 1.2 * 1.15).abs() < 1e-4, "{before} → {after}");
    // High contrast: pure black text on the light theme.
    let text = h.ctx.global_style().visuals.override_text_color;
    assert_eq!(text, Some(egui::Color32::BLACK));
    h.state_mut().state.settings.projector = false;
    h.run();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-4);
    assert_eq!(h.ctx.global_style().visuals.override_text_color, None);
}

#[test]
fn language_and_look_survive_a_restart() {
    use eframe::App as _;
    let mut h = harness();
    h.run();
    {
        let s = &mut h.state_mut().state.settings;
        s.lang = Lang::Es;
        s.theme = gradscape::app::look::ThemeChoice::Dark;
        s.projector = true;
        s.ui_scale = 1.5;
    }
    h.run();
    let mut store = MemoryStorage::default();
    h.state_mut().save(&mut store);
    let mut h2 = restarted(store.clone(), presets::default_scenario());
    h2.run();
    h2.run();
    let s = &h2.state().state.settings;
    assert_eq!(s.lang, Lang::Es);
    assert_eq!(s.theme, gradscape::app::look::ThemeChoice::Dark);
    assert!(s.projector);
    assert_eq!(s.ui_scale, 1.5);
    h2.get_by_label("Reproducir");
    assert_eq!(h2.ctx.theme(), egui::Theme::Dark);
}

/// A lesson card shows its preset's claims with the numbers of the runs on screen, and
/// says so when a slider change breaks one.
#[test]
fn the_ravine_card_checks_its_claims_live() {
    let mut h = harness();
    h.run();
    let ravine = LESSONS
        .iter()
        .position(|l| l.preset == "ravine-momentum")
        .expect("a ravine lesson");
    gradscape::app::lessons::start(&mut h.state_mut().state, ravine);
    h.run();
    h.get_by_label("What the runs show");
    let holding = h.query_all_by_label_contains("(the lesson:").count();
    assert_eq!(holding, 2, "both ravine claims hold as shipped");
    assert!(h.query_by_label_contains("does not hold now").is_none());
    let node = h.get_by_label_contains("gets below");
    let a = node.accesskit_node();
    let line = a.value().or(a.label()).unwrap_or_default();
    assert!(line.contains("43 steps") && line.contains("119"), "{line}");

    // Give momentum SGD's α: in the course's form its step shrinks by (1 − β).
    h.state_mut().state.selected = 1;
    h.run();
    h.get_by_role_and_label(egui::Role::Slider, "lr α")
        .set_value_accesskit(0.019);
    h.run();
    h.run();
    assert!((h.state().state.scenario.optimizers[1].lr - 0.019).abs() < 1e-12);
    h.get_by_label_contains("does not hold now");
}

/// Lets the worker finish and the diagnosis settle, then draws a frame.
fn settle(h: &mut Harness<'_, GradscapeApp>) {
    let state = &mut h.state_mut().state;
    assert!(state.wait_for_worker(std::time::Duration::from_secs(120)));
    state.diagnose_if_settled(std::time::Duration::ZERO, false);
    h.run();
    h.run();
}

/// The four-step LR protocol, driven by its buttons: each step loads the run before and
/// the run after it, and the verdicts are the ones that call for the next step.
#[test]
fn the_lr_protocol_applies_each_step_with_its_verdicts() {
    use gradscape::core::diagnosis::Pattern;
    let mut h = harness();
    h.run();
    let i = LESSONS
        .iter()
        .position(|l| l.id == "lr-protocol")
        .expect("an lr-protocol lesson");
    let lesson = LESSONS[i];
    assert_eq!(lesson.stage_count(), 4);
    gradscape::app::lessons::start(&mut h.state_mut().state, i);
    settle(&mut h);
    let verdicts: [&[(usize, Pattern)]; 4] = [
        &[(0, Pattern::LrTooHigh)],
        &[(0, Pattern::LrTooHigh), (1, Pattern::LrTooLow)],
        &[(0, Pattern::LrTooLow), (1, Pattern::Healthy)],
        &[],
    ];
    for (k, expected) in verdicts.iter().enumerate() {
        h.get_by_label(&lesson.stage_title(k)).click();
        h.run();
        settle(&mut h);
        let state = &h.state().state;
        assert_eq!((state.lesson, state.lesson_stage), (Some(i), k));
        let preset = presets::find(lesson.preset_of(k)).unwrap().scenario();
        assert_eq!(state.scenario, preset, "step {k}");
        for &(run, pattern) in *expected {
            assert!(
                state.diagnoses[run].iter().any(|f| f.pattern == pattern),
                "step {k}, run {run}: {:?}",
                state.diagnoses[run]
            );
        }
        // The card explains the step and its checks hold, before and after.
        h.get_by_label(&lesson.stage_text(k));
        assert!(
            h.query_by_label_contains("does not hold now").is_none(),
            "step {k}"
        );
    }
    // Steps 2 and 3 show both verdicts in the diagnosis panel.
    h.get_by_label(&lesson.stage_title(1)).click();
    h.run();
    settle(&mut h);
    h.get_all_by_label("LR too high")
        .next()
        .expect("before: too high");
    h.get_all_by_label("LR too low")
        .next()
        .expect("after: too low");
}

/// A lesson that asks first: the runs wait at the start, the student picks a run, and the
/// card checks the pick against the runs once the playhead has passed the deciding step.
#[test]
fn predict_then_reveal_checks_the_answer_against_the_runs() {
    let mut h = harness();
    h.run();
    let i = LESSONS
        .iter()
        .position(|l| l.predict.is_some())
        .expect("a lesson that asks first");
    gradscape::app::lessons::start(&mut h.state_mut().state, i);
    settle(&mut h);
    assert_eq!(h.state().state.step(), 0, "the runs wait for the answer");
    h.get_by_label_contains("which optimizer gets its loss below");
    let predict = LESSONS[i].predict.unwrap();
    let (winner, at) = predict
        .answer(&h.state().state.runs)
        .expect("some run gets there");
    let labels: Vec<String> = h
        .state()
        .state
        .runs
        .runs
        .iter()
        .map(|r| r.label.clone())
        .collect();
    let wrong = (winner + 1) % labels.len();

    // A wrong pick: the card waits until the deciding step, then says who won.
    h.get_by_label(&format!("My pick: {}", labels[wrong]))
        .click();
    // The pick starts the runs playing; pause them to step by hand.
    h.step();
    h.state_mut().state.step_by(0);
    h.run();
    assert_eq!(h.state().state.lesson_guess, Some(wrong));
    h.get_by_label_contains("Your prediction");
    h.state_mut().state.seek((at - 1) as f64);
    h.run();
    assert!(
        h.query_by_label_contains("got there first").is_none(),
        "too early to tell"
    );
    h.state_mut().state.step_by(1);
    h.run();
    let node = h.get_by_label_contains("Not this time");
    let a = node.accesskit_node();
    let line = a.value().or(a.label()).unwrap_or_default();
    assert!(
        line.contains(&labels[winner]) && line.contains(&at.to_string()),
        "{line}"
    );

    // Asked again, the right pick is confirmed.
    h.get_by_label("Ask again").click();
    h.run();
    h.get_by_label(&format!("My pick: {}", labels[winner]))
        .click();
    h.step();
    h.state_mut().state.step_by(0);
    h.run();
    let end = h.state().state.max_steps() as f64;
    h.state_mut().state.seek(end);
    h.run();
    h.get_by_label_contains("Right:");
}
