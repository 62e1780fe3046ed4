//! Lessons: the presets in teaching order, each with a short card (in the UI's language)
//! saying which slider to move and what to look for. The texts live in `assets/i18n/`
//! as `lesson-<id>-title` and `lesson-<id>-text`.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;

/// One lesson: a preset and the card that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    /// The id its texts are keyed by.
    pub id: &'static str,
    /// The preset it loads.
    pub preset: &'static str,
}

/// Every lesson, in the order a course meets them.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "reading",
        preset: "reading-loss-curves",
    },
    Lesson {
        id: "lr-high",
        preset: "lr-too-high",
    },
    Lesson {
        id: "ravine",
        preset: "ravine-momentum",
    },
    Lesson {
        id: "noisy",
        preset: "noisy-quadratic",
    },
    Lesson {
        id: "scales",
        preset: "per-parameter-scales",
    },
    Lesson {
        id: "adam",
        preset: "adam-bias-correction",
    },
    Lesson {
        id: "schedules",
        preset: "step-decay",
    },
    Lesson {
        id: "warmup",
        preset: "warmup-cosine",
    },
    Lesson {
        id: "plateau",
        preset: "plateau-early-stopping",
    },
];

impl Lesson {
    /// The lesson's title in the UI's language.
    pub fn title(&self) -> String {
        tr(&format!("lesson-{}-title", self.id))
    }

    /// The lesson's card text in the UI's language.
    pub fn text(&self) -> String {
        tr(&format!("lesson-{}-text", self.id))
    }
}

/// The lesson `GRADSCAPE_LESSON` names, by id (`ravine`) or number from 1, so a teacher's
/// launcher can open the app straight on the day's lesson.
pub fn from_env() -> Option<usize> {
    let v = std::env::var("GRADSCAPE_LESSON").ok()?;
    let v = v.trim();
    LESSONS.iter().position(|l| l.id == v).or_else(|| {
        v.parse::<usize>()
            .ok()
            .filter(|n| (1..=LESSONS.len()).contains(n))
            .map(|n| n - 1)
    })
}

/// Loads lesson `i`'s preset and shows its card.
pub fn start(state: &mut AppState, i: usize) {
    let Some(lesson) = LESSONS.get(i) else {
        return;
    };
    state.load_preset(lesson.preset);
    // Loading replaces the whole state, the lesson included: set it afterwards.
    state.lesson = Some(i);
}

/// The Lessons menu's entries.
pub fn lessons_menu_ui(ui: &mut Ui, state: &mut AppState) {
    for (i, lesson) in LESSONS.iter().enumerate() {
        let title = format!("{}. {}", i + 1, lesson.title());
        if ui
            .selectable_label(state.lesson == Some(i), title)
            .on_hover_text(lesson.text())
            .clicked()
        {
            start(state, i);
            ui.close();
        }
    }
}

/// The card of the current lesson, if one is open: title, text, and previous/next.
pub fn lesson_card_ui(ui: &mut Ui, state: &mut AppState) {
    let Some(i) = state.lesson else {
        return;
    };
    let Some(lesson) = LESSONS.get(i) else {
        state.lesson = None;
        return;
    };
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(tr_args(
                        "lesson-of",
                        &[
                            ("n", (i + 1).to_string()),
                            ("total", LESSONS.len().to_string()),
                        ],
                    ))
                    .small()
                    .weak(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button(tr("lesson-close"))
                        .on_hover_text(tr("lesson-close-tip"))
                        .clicked()
                    {
                        state.lesson = None;
                    }
                });
            });
            ui.label(RichText::new(lesson.title()).heading().strong());
            ui.label(lesson.text());
            // Wrapping: two long button labels (Spanish) must not widen the side panel.
            ui.horizontal_wrapped(|ui| {
                // The neighbour's title on hover: a teacher can see where the button leads.
                let title_of = |j: Option<usize>| {
                    j.and_then(|j| LESSONS.get(j))
                        .map_or_else(String::new, Lesson::title)
                };
                let prev = i.checked_sub(1);
                if ui
                    .add_enabled(
                        prev.is_some(),
                        egui::Button::new(format!("« {}", tr("lesson-prev"))),
                    )
                    .on_hover_text(title_of(prev))
                    .clicked()
                {
                    start(state, i - 1);
                }
                let next = Some(i + 1).filter(|j| *j < LESSONS.len());
                if ui
                    .add_enabled(
                        next.is_some(),
                        egui::Button::new(format!("{} »", tr("lesson-next"))),
                    )
                    .on_hover_text(title_of(next))
                    .clicked()
                {
                    start(state, i + 1);
                }
            });
        });
    ui.add_space(4.0);
}

/// Opens the first lesson at step 0 under the "Start here" card: what a first launch shows.
pub fn welcome(state: &mut AppState) {
    start(state, 0);
    state.reset_playback();
    state.start_card = true;
}

/// The "Start here" card: what the app is, what is loaded, and one button that plays it.
pub fn start_card_ui(ctx: &egui::Context, state: &mut AppState) {
    if !state.start_card {
        return;
    }
    let mut open = true;
    let lesson = state.lesson.and_then(|i| LESSONS.get(i));
    egui::Window::new(RichText::new(tr("start-title")).heading().strong())
        .id(egui::Id::unique("start here"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(420.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, -40.0))
        .show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.label(tr("start-text"));
            if let Some(l) = lesson {
                ui.add_space(4.0);
                ui.label(RichText::new(l.title()).strong());
                ui.label(l.text());
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add(egui::Button::new(RichText::new(tr("start-play")).strong()))
                    .on_hover_text(tr("play-tip"))
                    .clicked()
                {
                    state.start_card = false;
                    state.reset_playback();
                    state.toggle_play();
                }
                if ui.button(tr("start-close")).clicked() {
                    state.start_card = false;
                }
            });
            ui.weak(tr("start-hint"));
        });
    if !open {
        state.start_card = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::{Lang, has, set_lang};

    #[test]
    fn every_lesson_has_a_preset_and_texts_in_every_language() {
        for lang in Lang::ALL {
            set_lang(lang);
            for l in LESSONS {
                assert!(
                    crate::core::presets::find(l.preset).is_some(),
                    "{}",
                    l.preset
                );
                assert!(has(&format!("lesson-{}-title", l.id)), "{}", l.id);
                assert!(has(&format!("lesson-{}-text", l.id)), "{}", l.id);
            }
        }
        set_lang(Lang::En);
    }
}
