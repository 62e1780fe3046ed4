//! Every word the program writes in a Spanish window comes from `es.ftl`: each built-in
//! lesson is opened in Spanish, played to its end (so every panel, the diagnosis and the
//! lesson's checks are shown), its menus opened, and every text the window exposes is read.
//! A word that only the English file uses (a program-made English string that slipped past
//! the language layer) fails the test. Labels typed into a scenario are data, and allowed.

use std::collections::BTreeSet;

use egui_kittest::kittest::{By, NodeT, Queryable};
use gradscape::app::i18n::{self, Lang};
use gradscape::app::lessons::{self, LESSONS};

mod common;
use common::harness;

/// The words (letters only, three or more, lower-cased) of the message values of a
/// Fluent file, without its `{ $placeholders }`.
fn ftl_words(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        let value = line.split_once(" = ").map_or(line, |(_, v)| v);
        let mut text = String::new();
        let mut depth = 0;
        for c in value.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => text.push(c),
                _ => {}
            }
        }
        out.extend(words(&text));
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// Words only the English file uses. Built-in presets' run labels are translated too, so
/// no label is excepted; only key names, which read the same on both keyboards.
fn english_only() -> BTreeSet<String> {
    let en = ftl_words(include_str!("../assets/i18n/en.ftl"));
    let es = ftl_words(include_str!("../assets/i18n/es.ftl"));
    let keys = ["ctrl", "shift"];
    en.difference(&es)
        .filter(|w| !keys.contains(&w.as_str()))
        .cloned()
        .collect()
}

/// What egui itself names the parts of a window frame, in English in every app.
const EGUI_NAMES: [&str; 3] = ["Close window", "Hide", "Show"];

/// Every text the window exposes (labels and values of its accessibility nodes).
fn texts(h: &egui_kittest::Harness<'_, gradscape::app::GradscapeApp>) -> Vec<String> {
    h.query_all(By::new())
        .flat_map(|n| {
            let a = n.accesskit_node();
            [a.label(), a.value()]
        })
        .flatten()
        .collect()
}

#[test]
fn a_spanish_window_writes_no_english_words() {
    let english = english_only();
    assert!(
        english.contains("the") && english.contains("healthy"),
        "{english:?}"
    );
    let mut leaks: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, lesson) in LESSONS.iter().enumerate() {
        let mut h = harness();
        h.state_mut().state.settings.lang = Lang::Es;
        h.run();
        lessons::start(&mut h.state_mut().state, i);
        h.run();
        let end = h.state().state.max_steps() as f64;
        h.state_mut().state.seek(end);
        // The diagnosis waits for the settings to rest (a wall-clock pause): take it now.
        h.state_mut()
            .state
            .diagnose_if_settled(std::time::Duration::ZERO, false);
        h.run_steps(3);
        let mut shown = texts(&h);
        for menu in ["Archivo", "Lecciones", "Ejemplos", "Ajuste", "Ver"] {
            h.get_by_label(menu).click();
            h.run_steps(2);
            shown.extend(texts(&h));
            h.get_by_label(menu).click();
            h.run_steps(2);
        }
        if i == 0 {
            // The tuning windows, once: the LR range test and the fair comparison.
            let tuning = &mut h.state_mut().state.tuning;
            tuning.lr_find_open = true;
            tuning.compare_open = true;
            tuning.map_open = true;
            tuning.map_cells = 12;
            h.run_steps(4);
            shown.extend(texts(&h));
        }
        for text in shown {
            // egui's own names for its window frame (screen-reader text, not drawn).
            if text.starts_with("Resize window ") || EGUI_NAMES.contains(&text.as_str()) {
                continue;
            }
            for w in words(&text) {
                if english.contains(&w) {
                    leaks.insert((lesson.id.to_string(), text.clone()));
                }
            }
        }
    }
    i18n::set_lang(Lang::En);
    assert!(
        leaks.is_empty(),
        "English in the Spanish window:\n{}",
        leaks
            .iter()
            .map(|(l, t)| format!("  [{l}] {t}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
