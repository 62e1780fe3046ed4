//! Lessons: the presets in teaching order, each with a short card (in the UI's language)
//! saying which slider to move and what to look for. The texts live in `assets/i18n/`
//! as `lesson-<id>-title` and `lesson-<id>-text`.

use egui::{RichText, Ui};

use super::i18n::{tr, tr_args};
use super::state::AppState;
use crate::core::claims::{self, Claim, ClaimCheck};
use crate::core::run::RunSet;

/// One lesson: a preset and the card that goes with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lesson {
    /// The id its texts are keyed by.
    pub id: &'static str,
    /// The preset it loads.
    pub preset: &'static str,
    /// Further situations the card offers, each a preset with claims of its own (empty for
    /// a lesson of one scenario). Stage 0 is `preset`.
    pub stages: &'static [&'static str],
    /// A question the card asks before the runs play, if any.
    pub predict: Option<Predict>,
}

/// A prediction a lesson asks for before it plays, answered by the runs themselves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Predict {
    /// Which run first gets its loss below `frac`·f₀ (its own starting loss)?
    FirstBelow {
        /// The target, as a fraction of the starting loss.
        frac: f64,
    },
}

impl Predict {
    /// The right answer on `runs` and the step it got there: the run that first gets
    /// below the target (the first listed on a tie); `None` when no run does.
    pub fn answer(&self, runs: &RunSet) -> Option<(usize, usize)> {
        match *self {
            Predict::FirstBelow { frac } => runs
                .runs
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let f0 = *r.loss.first()?;
                    claims::first_step_below(r, frac * f0).map(|s| (i, s))
                })
                .min_by_key(|&(i, s)| (s, i)),
        }
    }
}

/// Every lesson, in the order a course meets them.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "reading",
        preset: "reading-loss-curves",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "lr-high",
        preset: "lr-too-high",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "ravine",
        preset: "ravine-momentum",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "noisy",
        preset: "noisy-quadratic",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "scales",
        preset: "per-parameter-scales",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "adam",
        preset: "adam-bias-correction",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "schedules",
        preset: "step-decay",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "epsilon",
        preset: "adam-epsilon",
        stages: &[],
        predict: Some(Predict::FirstBelow { frac: 1e-3 }),
    },
    Lesson {
        id: "which-optimizer",
        preset: "which-optimizer",
        stages: &["which-optimizer-ravine", "which-optimizer-noisy"],
        predict: None,
    },
    Lesson {
        id: "lr-protocol",
        preset: "lr-protocol",
        stages: &[
            "lr-protocol-lower",
            "lr-protocol-raise",
            "lr-protocol-schedule",
        ],
        predict: None,
    },
    Lesson {
        id: "ema",
        preset: "ema-weights",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "warmup",
        preset: "warmup-cosine",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "plateau",
        preset: "plateau-early-stopping",
        stages: &[],
        predict: None,
    },
    Lesson {
        id: "es-plateau",
        preset: "es-plateau",
        stages: &[],
        predict: None,
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

    /// How many situations the lesson has (1 for a lesson of one scenario).
    pub fn stage_count(&self) -> usize {
        1 + self.stages.len()
    }

    /// The preset of situation `stage` (the lesson's own for 0 or one out of range).
    pub fn preset_of(&self, stage: usize) -> &'static str {
        stage
            .checked_sub(1)
            .and_then(|k| self.stages.get(k))
            .copied()
            .unwrap_or(self.preset)
    }

    /// The name of situation `stage` on the card's buttons, in the UI's language.
    pub fn stage_title(&self, stage: usize) -> String {
        tr(&format!("lesson-{}-stage-{}", self.id, stage))
    }

    /// What situation `stage` shows, in the UI's language.
    pub fn stage_text(&self, stage: usize) -> String {
        tr(&format!("lesson-{}-stage-{}-text", self.id, stage))
    }
}

/// The lesson `GRADSCAPE_LESSON` names, by id (`ravine`) or number from 1, so a teacher's
/// launcher can open the app straight on the day's lesson.
pub fn from_env() -> Option<usize> {
    by_name(&std::env::var("GRADSCAPE_LESSON").ok()?)
}

/// The lesson named `v`: its id (`ravine`) or its number from 1.
pub fn by_name(v: &str) -> Option<usize> {
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
    start_stage(state, i, 0);
}

/// Loads situation `stage` of lesson `i` and shows the lesson's card on it.
pub fn start_stage(state: &mut AppState, i: usize, stage: usize) {
    let Some(lesson) = LESSONS.get(i) else {
        return;
    };
    let stage = stage.min(lesson.stage_count() - 1);
    state.load_preset(lesson.preset_of(stage));
    // Loading replaces the whole state, the lesson included: set it afterwards.
    state.lesson = Some(i);
    state.lesson_stage = stage;
    if lesson.predict.is_some() {
        // The question comes before the runs play: the paths wait at their start.
        state.reset_playback();
    }
}

/// The card's question: the runs to pick from until the student answers, then the
/// answer once the playhead has passed the step that decides it.
fn predict_ui(ui: &mut Ui, state: &mut AppState, predict: Predict) {
    let Predict::FirstBelow { frac } = predict;
    ui.add_space(2.0);
    ui.label(RichText::new(tr("predict-heading")).strong());
    ui.label(tr_args(
        "predict-first-below",
        &[("target", format!("{}·f₀", format_tick_3(frac)))],
    ));
    let Some(guess) = state.lesson_guess else {
        ui.horizontal_wrapped(|ui| {
            for (i, run) in state.runs.runs.iter().enumerate() {
                if ui
                    .button(tr_args("predict-pick", &[("run", run.label.clone())]))
                    .on_hover_text(tr("predict-pick-tip"))
                    .clicked()
                {
                    state.lesson_guess = Some(i);
                }
            }
        });
        if state.lesson_guess.is_some() {
            // The answer given, the runs play from the start.
            state.reset_playback();
            state.toggle_play();
        }
        return;
    };
    let label = |i: usize| {
        state
            .runs
            .runs
            .get(i)
            .map_or_else(String::new, |r| r.label.clone())
    };
    let answer = predict.answer(&state.runs);
    let decided = match answer {
        Some((_, step)) => state.step() >= step,
        None => state.step() >= state.max_steps(),
    };
    if !decided {
        ui.label(tr_args("predict-waiting", &[("guess", label(guess))]));
        return;
    }
    let text = match answer {
        Some((winner, step)) => tr_args(
            if winner == guess {
                "predict-right"
            } else {
                "predict-wrong"
            },
            &[
                ("guess", label(guess)),
                ("winner", label(winner)),
                ("step", step.to_string()),
            ],
        ),
        None => tr_args("predict-nobody", &[("guess", label(guess))]),
    };
    ui.label(RichText::new(text).strong());
    if ui.small_button(tr("predict-again")).clicked() {
        state.lesson_guess = None;
        state.reset_playback();
    }
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
            let stage = state.lesson_stage.min(lesson.stage_count() - 1);
            if lesson.stage_count() > 1 {
                ui.horizontal_wrapped(|ui| {
                    for k in 0..lesson.stage_count() {
                        if ui
                            .selectable_label(k == stage, lesson.stage_title(k))
                            .on_hover_text(lesson.stage_text(k))
                            .clicked()
                            && k != stage
                        {
                            start_stage(state, i, k);
                        }
                    }
                });
                ui.label(RichText::new(lesson.stage_text(stage)).italics());
            }
            if let Some(p) = lesson.predict {
                predict_ui(ui, state, p);
            }
            claims_ui(ui, state, lesson.preset_of(stage));
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

/// The preset's claims checked on the runs on screen, each with its numbers and a mark:
/// when a slider change breaks a claim the card says so, which is part of the lesson.
/// Checked once per result generation, not per frame.
fn claims_ui(ui: &mut Ui, state: &AppState, preset: &str) {
    if claims::preset_claims(preset).is_empty() || state.runs.runs.is_empty() {
        return;
    }
    let id = egui::Id::unique(("lesson-claims", preset));
    let generation = state.generation;
    let cached = ui
        .ctx()
        .data(|d| d.get_temp::<(u64, Vec<ClaimCheck>)>(id))
        .filter(|(g, _)| *g == generation);
    let checks = match cached {
        Some((_, c)) => c,
        None => {
            let c = claims::check_preset(preset, &state.runs);
            ui.ctx()
                .data_mut(|d| d.insert_temp(id, (generation, c.clone())));
            c
        }
    };
    ui.add_space(2.0);
    ui.label(RichText::new(tr("claims-heading")).strong());
    let good = ui.visuals().widgets.noninteractive.fg_stroke.color;
    for c in &checks {
        let (mark, colour) = if c.holds {
            (tr("claim-mark-holds"), good)
        } else {
            (tr("claim-mark-fails"), ui.visuals().error_fg_color)
        };
        let text = claim_text(c, &state.runs);
        let line = if c.holds {
            format!("{mark} {text}")
        } else {
            format!("{mark} {text} — {}", tr("claim-broken"))
        };
        ui.label(RichText::new(line).color(colour));
    }
}

/// A number for a claim line: whole steps as integers, "never" for a target not reached.
fn claim_num(v: f64) -> String {
    if v.is_infinite() {
        tr("claim-never")
    } else if v.fract() == 0.0 && v.abs() < 1e9 {
        format!("{v:.0}")
    } else {
        format_tick_3(v)
    }
}

/// Three significant digits, with an exponent for very large or small values.
fn format_tick_3(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if (1e-3..1e5).contains(&a) {
        let digits = (2 - a.log10().floor() as i32).clamp(0, 6) as usize;
        format!("{v:.digits$}")
    } else {
        format!("{v:.2e}")
    }
}

/// The sentence of one checked claim, with its measured numbers, in the UI's language.
fn claim_text(c: &ClaimCheck, runs: &RunSet) -> String {
    let fact = |name: &str| {
        c.facts
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(f64::NAN, |(_, v)| *v)
    };
    let label = |i: usize| {
        runs.runs
            .get(i)
            .map_or_else(String::new, |r| r.label.clone())
    };
    let pct = |v: f64| format!("{:.0} %", 100.0 * v);
    let n = |name: &str| claim_num(fact(name));
    match c.claim {
        Claim::ReachesSooner {
            fast,
            slow,
            frac,
            ratio,
        } => tr_args(
            "claim-reaches-sooner",
            &[
                ("fast", label(fast)),
                ("slow", label(slow)),
                ("target", format!("{}·f₀", format_tick_3(frac))),
                ("fast_steps", n("fast_steps")),
                ("slow_steps", n("slow_steps")),
                ("ratio", pct(ratio)),
            ],
        ),
        Claim::BelowValueSooner {
            fast,
            slow,
            value,
            ratio,
        } => tr_args(
            "claim-reaches-sooner",
            &[
                ("fast", label(fast)),
                ("slow", label(slow)),
                ("target", format!("f = {}", format_tick_3(value))),
                ("fast_steps", n("fast_steps")),
                ("slow_steps", n("slow_steps")),
                ("ratio", pct(ratio)),
            ],
        ),
        Claim::SteadierTail {
            better,
            than,
            parts,
        } => tr_args(
            "claim-steadier-tail",
            &[
                ("better", label(better)),
                ("than", label(than)),
                ("part", pct(1.0 / f64::from(parts.max(1)))),
                ("better_mean", n("better_mean")),
                ("better_std", n("better_std")),
                ("than_mean", n("than_mean")),
                ("than_std", n("than_std")),
            ],
        ),
        Claim::TailMeanRatio { a, b, parts, ratio } => tr_args(
            "claim-tail-mean",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("part", pct(1.0 / f64::from(parts.max(1)))),
                ("a_mean", n("a_mean")),
                ("b_mean", n("b_mean")),
                ("ratio", pct(ratio)),
            ],
        ),
        Claim::EndsLower { a, b } => tr_args(
            "claim-ends-lower",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("a_final", n("a_final")),
                ("b_final", n("b_final")),
            ],
        ),
        Claim::SomeRunEndsNear { point, dist } => tr_args(
            "claim-ends-near",
            &[
                ("run", label(fact("run") as usize)),
                ("distance", n("distance")),
                (
                    "point",
                    format!("({}, {})", format_tick_3(point[0]), format_tick_3(point[1])),
                ),
                ("bound", format_tick_3(dist)),
            ],
        ),
        Claim::TurnsBackMore { a, b, ratio, .. } => tr_args(
            "claim-turns-back",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("a_share", pct(fact("a_share"))),
                ("b_share", pct(fact("b_share"))),
                ("ratio", format_tick_3(ratio)),
            ],
        ),
        Claim::BestValRatio { a, b, ratio } => tr_args(
            "claim-best-val",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("a_best", n("a_best")),
                ("b_best", n("b_best")),
                ("ratio", pct(ratio)),
            ],
        ),
        Claim::RateNeverCut { run } => tr_args(
            "claim-never-cut",
            &[
                ("run", label(run)),
                ("stopped_at", n("stopped_at")),
                ("last", n("last")),
            ],
        ),
        Claim::StepsAlike { a, b, frac, tol } => tr_args(
            "claim-steps-alike",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("target", format!("{}·f₀", format_tick_3(frac))),
                ("a_steps", n("a_steps")),
                ("b_steps", n("b_steps")),
                ("tol", pct(tol)),
            ],
        ),
        Claim::NotWorst { run, parts } => tr_args(
            "claim-not-worst",
            &[
                ("run", label(run)),
                ("part", pct(1.0 / f64::from(parts.max(1)))),
                ("mean", n("mean")),
                ("worst", label(fact("worst") as usize)),
                ("worst_mean", n("worst_mean")),
            ],
        ),
        Claim::EmaSteadier { run, parts, ratio } => tr_args(
            "claim-ema-steadier",
            &[
                ("run", label(run)),
                ("part", pct(1.0 / f64::from(parts.max(1)))),
                ("raw_mean", n("raw_mean")),
                ("raw_std", n("raw_std")),
                ("ema_mean", n("ema_mean")),
                ("ema_std", n("ema_std")),
                ("ratio", pct(ratio)),
            ],
        ),
        Claim::Diagnosed { run, pattern } => tr_args(
            "claim-diagnosed",
            &[
                ("run", label(run)),
                ("pattern", crate::lang::title(pattern)),
            ],
        ),
        Claim::FirstStepRatio { a, b, ratio } => tr_args(
            "claim-first-step",
            &[
                ("a", label(a)),
                ("b", label(b)),
                ("a_step", n("a_step")),
                ("b_step", n("b_step")),
                ("ratio", format_tick_3(ratio)),
            ],
        ),
    }
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
    // Bottom right, over the loss panel (empty at step 0), so the landscape stays in view;
    // on a short (projected) screen the lesson's text folds so the card stays small.
    let screen = ctx.content_rect();
    let width = (screen.width() * 0.42).clamp(280.0, 440.0);
    egui::Window::new(RichText::new(tr("start-title")).heading().strong())
        .id(egui::Id::unique("start here"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(width)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
        .show(ctx, |ui| {
            ui.set_max_width(width);
            ui.label(tr("start-text"));
            if let Some(l) = lesson {
                ui.add_space(4.0);
                egui::CollapsingHeader::new(RichText::new(l.title()).strong())
                    .id_salt("start lesson text")
                    .default_open(screen.height() >= 850.0)
                    .show(ui, |ui| ui.label(l.text()));
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
                for k in 0..l.stage_count() {
                    assert!(crate::core::presets::find(l.preset_of(k)).is_some());
                    if l.stage_count() > 1 {
                        assert!(has(&format!("lesson-{}-stage-{k}", l.id)), "{}", l.id);
                        assert!(has(&format!("lesson-{}-stage-{k}-text", l.id)), "{}", l.id);
                    }
                }
            }
        }
        set_lang(Lang::En);
    }
}
