//! The loss panel: per optimizer, train loss (log axis optional) with the validation
//! evaluations, the learning rate and the gradient norm against the step, and the
//! diagnosis of each run in plain words.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, LineStyle, Plot, PlotPoints, Points, VLine};

use super::i18n::{tr, tr_args};
use super::state::{AppState, Hover, HoverSource, LossTab};
use super::widgets::fmt_num;
use crate::core::diagnosis::{Finding, Pattern};

/// At most this many points per curve: the lowest and highest of each of 800 columns,
/// more than a plot 400 px wide can show, and cheap for egui_plot even at 10⁶ steps.
pub const MAX_CURVE_POINTS: usize = 1600;
/// At most this many validation dots per run.
const MAX_VAL_DOTS: usize = 100;

/// A curve's decimated points and what they were made from: (run id, revealed points,
/// log axis).
type CachedPoints = ((u64, usize, bool), std::sync::Arc<Vec<[f64; 2]>>);

/// The most points any line of the three plots drew in the last frame (tests, benchmarks).
pub fn plotted_points(ctx: &egui::Context) -> usize {
    (0..3)
        .filter_map(|k| {
            ctx.data(|d| d.get_temp::<usize>(egui::Id::unique(("loss panel plotted", k))))
        })
        .max()
        .unwrap_or(0)
}

/// Which curve a plot shows.
#[derive(Clone, Copy, PartialEq)]
enum Curve {
    Loss,
    Lr,
    GradNorm,
}

impl Curve {
    fn title(self, log: bool) -> String {
        tr(match (self, log) {
            (Curve::Loss, true) => "plot-loss-log",
            (Curve::Loss, false) => "plot-loss",
            (Curve::Lr, _) => "plot-lr",
            (Curve::GradNorm, _) => "plot-grad",
        })
    }

    fn log(self, log_loss: bool) -> bool {
        match self {
            Curve::Loss => log_loss,
            Curve::Lr => false,
            Curve::GradNorm => true,
        }
    }
}

/// Narrower than this, a plot's axis labels crowd: the panel shows one plot at a time.
const MIN_PLOT_W: f32 = 250.0;

/// The plots (three side by side, or the one its tab picks) and the diagnosis on the
/// Marks of a log axis from the plot's own scale (the frame is shorter than the space given
/// to the plot, its axes take some): a labelled decade, or every few decades, about every
/// 26 points, so that egui_plot (which hides labels closer than 16) draws them.
pub fn log_marks(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let px_per_decade = f64::from(GRID_MIN_PX) / input.base_step_size;
    let span = input.bounds.1 - input.bounds.0;
    let labels = (span * px_per_decade / 26.0).clamp(1.0, 8.0);
    decade_marks(input.bounds, labels)
}

/// Grid lines closer than this many points are not drawn; it also sets the scale of the
/// spacers' `base_step_size` (value per this many points).
const GRID_MIN_PX: f32 = 8.0;

/// right, under a row of tabs with the key to the curves and a button to fold the panel.
pub fn loss_panel_ui(ui: &mut Ui, state: &mut AppState) {
    if super::training_log::loss_panel_ui(ui, state) {
        return;
    }
    let total = ui.available_width();
    let diag_w = (total * 0.24).clamp(200.0, 340.0);
    let gaps = 5.0 * ui.spacing().item_spacing.x + 10.0;
    let all_fit = (total - diag_w - gaps) / 3.0 >= MIN_PLOT_W;
    let curves: Vec<Curve> = match state.settings.loss_tab {
        LossTab::All => vec![Curve::Loss, Curve::Lr, Curve::GradNorm],
        LossTab::Auto if all_fit => vec![Curve::Loss, Curve::Lr, Curve::GradNorm],
        LossTab::Auto | LossTab::Loss => vec![Curve::Loss],
        LossTab::Lr => vec![Curve::Lr],
        LossTab::Grad => vec![Curve::GradNorm],
    };
    // One row: in a projected or Spanish window the tabs and the key do not all fit, and a
    // wrapped row would be taken from the plots; the key then moves above the diagnosis.
    let mut key_in_header = true;
    ui.horizontal(|ui| {
        if ui
            .small_button(tr("loss-fold"))
            .on_hover_text(tr("loss-fold-tip"))
            .clicked()
        {
            state.settings.loss_open = false;
        }
        ui.separator();
        let tab = &mut state.settings.loss_tab;
        let all = curves.len() == 3;
        for (value, key, on) in [
            (LossTab::All, "loss-tab-all", all),
            (LossTab::Loss, "plot-loss", !all && curves[0] == Curve::Loss),
            (LossTab::Lr, "plot-lr", !all && curves[0] == Curve::Lr),
            (
                LossTab::Grad,
                "loss-tab-grad",
                !all && curves[0] == Curve::GradNorm,
            ),
        ] {
            if ui.selectable_label(on, tr(key)).clicked() {
                *tab = value;
            }
        }
        if !all && curves[0] == Curve::Loss {
            // The tab names the plot: its log switch joins the tabs, and the plot gets the
            // title row's height.
            ui.checkbox(&mut state.settings.log_loss, tr("plot-log"))
                .on_hover_text(tr("plot-log-tip"));
        }
        if ui.available_width() >= curve_key_width(ui) + 12.0 {
            ui.separator();
            curve_key_ui(ui);
        } else {
            key_in_header = false;
        }
    });
    let n = curves.len() as f32;
    let plot_w = ((total - diag_w - gaps) / n).max(120.0);
    let mut hover: Option<Hover> = None;
    let mut any_hovered = false;
    ui.horizontal_top(|ui| {
        for curve in curves {
            let k = curve as usize;
            ui.vertical(|ui| {
                ui.set_width(plot_w);
                let (h, hovered) = plot_ui(ui, state, curve, k, plot_w);
                any_hovered |= hovered;
                if h.is_some() {
                    hover = h;
                }
            });
        }
        ui.separator();
        ui.vertical(|ui| {
            ui.set_width(diag_w);
            if !key_in_header {
                ui.horizontal_wrapped(curve_key_ui);
            }
            diagnosis_ui(ui, state);
        });
    });
    if any_hovered {
        state.hovered = hover;
        state.hover_source = hover.map(|_| HoverSource::Plot);
    } else if state.hover_source == Some(HoverSource::Plot) {
        state.hovered = None;
        state.hover_source = None;
    }
}

/// The width [`curve_key_ui`] takes, in the current language.
fn curve_key_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = |key: &str| {
        ui.painter()
            .layout_no_wrap(tr(key), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    22.0 + 12.0 + text("loss-key-train") + text("loss-key-val") + 4.0 * ui.spacing().item_spacing.x
}

/// "—— training   ● validation": what the line and the dots of the loss plot are.
fn curve_key_ui(ui: &mut Ui) {
    let ink = ui.visuals().text_color();
    let (r, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
    ui.painter().line_segment(
        [r.left_center(), r.right_center()],
        egui::Stroke::new(2.5, ink),
    );
    ui.label(tr("loss-key-train"))
        .on_hover_text(tr("plot-loss-tip"));
    let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 14.0), egui::Sense::hover());
    ui.painter().circle_filled(r.center(), 3.5, ink);
    ui.label(tr("loss-key-val"))
        .on_hover_text(tr("plot-loss-tip"));
}

/// The loss panel folded to one line: the diagnosis in brief and a button to unfold it.
pub fn folded_ui(ui: &mut Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        if ui
            .button(tr("loss-unfold"))
            .on_hover_text(tr("loss-unfold-tip"))
            .clicked()
        {
            state.settings.loss_open = true;
        }
        ui.weak(tr("loss-folded-hint"));
    });
}

/// One plot; returns the step under the pointer (on the run nearest in the plot) and whether
/// the plot is hovered at all.
fn plot_ui(
    ui: &mut Ui,
    state: &mut AppState,
    curve: Curve,
    k: usize,
    width: f32,
) -> (Option<Hover>, bool) {
    // A log axis cannot show a loss at or below zero (a custom f can go there): the axis
    // turns linear and says why, rather than leaving those steps out.
    let wanted_log = curve.log(state.settings.log_loss);
    let non_positive = wanted_log && curve == Curve::Loss && {
        // Read once per runs and playhead, not every frame of a 10⁶-step run at rest.
        let id = egui::Id::unique("loss panel non-positive");
        let key = (state.generation, state.step());
        match ui.data(|d| d.get_temp::<((u64, usize), bool)>(id)) {
            Some((k, v)) if k == key => v,
            _ => {
                let v = any_non_positive_loss(state);
                ui.data_mut(|d| d.insert_temp(id, (key, v)));
                v
            }
        }
    };
    let log = wanted_log && !non_positive;
    let alone = width > MIN_PLOT_W * 1.5;
    if !alone {
        ui.horizontal(|ui| {
            // Truncated to the plot's width: a long title (Spanish, projector mode) must not push
            // the diagnosis off the screen. The tooltip says it all anyway.
            let reserve = if curve == Curve::Loss { 70.0 } else { 0.0 };
            ui.scope(|ui| {
                ui.set_max_width((width - reserve).max(40.0));
                ui.add(egui::Label::new(RichText::new(curve.title(log)).strong()).truncate())
                    .on_hover_text(tr(match curve {
                        Curve::Loss => "plot-loss-tip",
                        Curve::Lr => "plot-lr-tip",
                        Curve::GradNorm => "plot-grad-tip",
                    }));
            });
            if curve == Curve::Loss {
                ui.checkbox(&mut state.settings.log_loss, tr("plot-log"))
                    .on_hover_text(tr("plot-log-tip"));
            }
        });
    }
    if non_positive {
        ui.label(
            RichText::new(tr("plot-log-off"))
                .small()
                .color(super::widgets::ink::WARN),
        );
    }
    // Which values the axis can show, and where: log10 is increasing, so a column's
    // lowest and highest are found on the raw values and only those two are mapped (a
    // log10 of each of 3 × 10⁶ values made the frame that shows new long runs ~45 ms).
    let shown_on_axis = |v: f64| v.is_finite() && (!log || v > 0.0);
    let y_of = |v: f64| if log { v.log10() } else { v };

    let mut series: Vec<(usize, std::sync::Arc<Vec<[f64; 2]>>)> = Vec::new();
    let mut val: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
    // The validation loss of averaged weights (`ema_decay`), a dashed line beside the dots.
    let mut ema_val: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
    for (i, run) in state.runs.runs.iter().enumerate() {
        if !state.visible.get(i).copied().unwrap_or(true) {
            continue;
        }
        let shown = state.revealed(i);
        let (xs_offset, ys): (usize, &[f64]) = match curve {
            Curve::Loss => (0, &run.loss[..shown.min(run.loss.len())]),
            // lr and ‖g‖ belong to steps 1…n.
            Curve::Lr => (1, &run.lr[..shown.saturating_sub(1).min(run.lr.len())]),
            Curve::GradNorm => (
                1,
                &run.grad_norm[..shown.saturating_sub(1).min(run.grad_norm.len())],
            ),
        };
        // Decimating reads the whole curve: do it again only when the runs, the revealed
        // part or the axis changed, not on every frame of a 10⁶-step run at rest.
        // Keyed by the run's own id: dragging one optimizer's slider leaves the other
        // curves as they were.
        let key = (
            state.run_ids.get(i).copied().unwrap_or(u64::MAX),
            shown,
            log,
        );
        let cache_id = egui::Id::unique(("loss panel points", k, i));
        let cached = ui
            .data(|d| d.get_temp::<CachedPoints>(cache_id))
            .filter(|c| c.0 == key);
        let pts = match cached {
            Some(c) => c.1,
            None => {
                let pts: std::sync::Arc<Vec<[f64; 2]>> = std::sync::Arc::new(
                    decimate_minmax(ys, MAX_CURVE_POINTS, shown_on_axis, y_of)
                        .into_iter()
                        .map(|(j, y)| [(j + xs_offset) as f64, y])
                        .collect(),
                );
                ui.data_mut(|d| d.insert_temp(cache_id, (key, pts.clone())));
                pts
            }
        };
        series.push((i, pts));
        if curve == Curve::Loss {
            // The steps are increasing: a binary search, not a scan of 10⁶ every frame.
            let n_val = run.val_steps.partition_point(|&t| (t as usize) < shown);
            // Every dot is a shape to tessellate: a few hundred say as much as 5000.
            let stride = n_val.div_ceil(MAX_VAL_DOTS).max(1);
            // Indices stepped directly: a stepped iterator over the zipped series walked
            // every one of 10⁶ evaluations to reach each dot.
            let dotted = n_val.min(run.val_loss.len());
            let v: Vec<[f64; 2]> = (0..dotted)
                .step_by(stride)
                .map(|j| (run.val_steps[j], run.val_loss[j]))
                .filter(|&(_, v)| shown_on_axis(v))
                .map(|(t, v)| [t as f64, y_of(v)])
                .collect();
            val.push((i, v));
            if !run.ema_val_loss.is_empty() {
                let e: Vec<[f64; 2]> = run
                    .val_steps
                    .iter()
                    .zip(&run.ema_val_loss)
                    .take(n_val)
                    .filter(|&(_, &v)| shown_on_axis(v))
                    .map(|(t, &v)| [*t as f64, y_of(v)])
                    .collect();
                ema_val.push((i, e));
            }
        }
    }
    // While new runs are computed the curves are the previous settings': faded, so they
    // do not read as current.
    let fade = if state.updating() { 0.3 } else { 1.0 };
    let colors: Vec<Color32> = (0..state.runs.runs.len())
        .map(|i| {
            let [r, g, b] = state.color(i);
            Color32::from_rgb(r, g, b).gamma_multiply(fade)
        })
        .collect();
    let hovered_step = state.hovered;
    // The timeline's end, not the scenario's step count: a run that diverged at step 40
    // of 200 fills the plot rather than its first fifth.
    let steps = state.max_steps().max(1) as f64;
    let y_max = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|q| q[1]))
        .fold(f64::NEG_INFINITY, f64::max);
    let max_val_points = val.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    let most = series.iter().map(|(_, p)| p.len()).max().unwrap_or(0);
    ui.data_mut(|d| d.insert_temp(egui::Id::unique(("loss panel plotted", k)), most));

    let plot_h = (ui.available_height() - 4.0).max(70.0);
    let mut plot = Plot::new(("loss panel", k));
    if !log && y_max.is_finite() && y_max > 0.0 {
        // From 0, with headroom: a constant rate would otherwise get an axis of ±100.
        plot = plot.include_y(0.0).include_y(y_max * 1.15);
    }
    if log && y_max.is_finite() {
        // A decade either side of the values: at step 0 a single point would otherwise
        // get an axis from 1e-190 to 1e190.
        let y_min = series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|q| q[1]))
            .fold(f64::INFINITY, f64::min);
        plot = plot.include_y(y_min - 1.0).include_y(y_max + 1.0);
    }
    let y_title = tr(match curve {
        Curve::Loss => "axis-loss",
        Curve::Lr => "axis-lr",
        Curve::GradNorm => "axis-grad",
    });
    let response = plot
        .width(width)
        .height(plot_h)
        .grid_spacing(GRID_MIN_PX..=300.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(steps)
        // Narrow plots: let step labels sit closer than egui_plot's default 60 px.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label(tr("plot-step"))
                .label_spacing(46.0..=56.0)
                .formatter(|m, _| format!("{:.0}", m.value)),
        ])
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .label(y_title)
                .min_thickness(52.0)
                .label_spacing(16.0..=20.0)
                .formatter(move |mark, _| {
                    if log {
                        fmt_sig(10f64.powf(mark.value))
                    } else {
                        fmt_num(mark.value)
                    }
                }),
        ])
        // About three labelled steps: the default spacing leaves a narrow plot unlabelled.
        // A labelled step about every 110 px, with finer lines that divide it (10 and 50
        // within 100: never 20 and 50 together, whose labels collide).
        .x_grid_spacer(egui_plot::uniform_grid_spacer(move |input| {
            let labels = (width / 110.0).max(2.0) as f64;
            let s = nice_step((input.bounds.1 - input.bounds.0) / labels);
            [s / 10.0, s / 2.0, s]
        }))
        // Log axes: one labelled tick per decade, or per few decades when the plot is short
        // (the default spacer often left a single "1" over ten decades). Linear axes: about
        // four labelled values, whatever the plot's height (the rate axis often showed "0"
        // alone).
        .y_grid_spacer(move |input: egui_plot::GridInput| {
            if log {
                return log_marks(input);
            }
            let s = nice_step((input.bounds.1 - input.bounds.0) / 4.0);
            linear_marks(input.bounds, s)
        })
        .label_formatter(move |hp| {
            let p = match hp {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position,
            };
            let y = if log { 10f64.powf(p.y) } else { p.y };
            let step = tr_args("plot-hover", &[("step", format!("{:.0}", p.x))]);
            Some(format!("{step}\n{}", fmt_num(y)))
        })
        .show(ui, |plot| {
            for (i, pts) in series {
                let c = colors[i];
                plot.line(
                    Line::new(
                        format!("run {i}"),
                        PlotPoints::from(pts.as_slice().to_vec()),
                    )
                    .color(c)
                    .width(2.5),
                );
            }
            for (i, pts) in val {
                let c = colors[i];
                // Dense evaluations would hide the train line under dots: make them small.
                let r = if max_val_points >= MAX_VAL_DOTS {
                    2.0
                } else {
                    3.5
                };
                plot.add(
                    Points::new(format!("val {i}"), PlotPoints::new(pts))
                        .color(c)
                        .radius(r),
                );
            }
            for (i, pts) in ema_val {
                plot.line(
                    Line::new(format!("ema val {i}"), PlotPoints::new(pts))
                        .color(colors[i])
                        .width(1.5)
                        .style(LineStyle::dashed_dense()),
                );
            }
            if let Some(h) = hovered_step {
                plot.add(
                    VLine::new("hovered step", h.step as f64)
                        .color(Color32::WHITE)
                        .width(1.5),
                );
            }
            plot.pointer_coordinate()
        });

    let hovered = response.response.hovered();
    let hover = if hovered {
        response
            .inner
            .and_then(|p| nearest_run_at(state, curve, log, p.x, p.y))
    } else {
        None
    };
    (hover, hovered)
}

/// Whether any revealed loss of a visible run is at or below zero (finite).
fn any_non_positive_loss(state: &AppState) -> bool {
    state.runs.runs.iter().enumerate().any(|(i, run)| {
        state.visible.get(i).copied().unwrap_or(true)
            && (any_finite_non_positive(&run.loss[..state.revealed(i).min(run.loss.len())])
                || any_finite_non_positive(&run.val_loss))
    })
}

/// Whether any value is finite and at most zero: blocks of 512 counted without a branch
/// (the compiler vectorises the count), stopping at the first block that has one. A
/// branch per value took 10–15 ms over the 6 × 10⁶ losses of three 10⁶-step runs, in the
/// frame that shows them.
fn any_finite_non_positive(values: &[f64]) -> bool {
    values.chunks(512).any(|block| {
        block
            .iter()
            .map(|&v| u32::from((v <= 0.0) & (v > f64::NEG_INFINITY)))
            .sum::<u32>()
            > 0
    })
}

/// Grid marks on a log10 axis spanning `bounds`: one per decade (every few decades when
/// more than `labels` decades show), and 1-2-5 steps inside a single decade.
pub fn decade_marks(bounds: (f64, f64), labels: f64) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = bounds;
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let span = hi - lo;
    if span < 1.0 {
        // Less than a decade: 1, 2 and 5 times powers of ten (and every integer mantissa
        // when even those are too few).
        let mut marks = Vec::new();
        for mantissas in [
            &[1.0, 2.0, 5.0][..],
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
        ] {
            marks.clear();
            for k in (lo.floor() as i64)..=(hi.ceil() as i64) {
                for m in mantissas {
                    let v = k as f64 + f64::log10(*m);
                    if v >= lo && v <= hi {
                        marks.push(egui_plot::GridMark {
                            value: v,
                            step_size: span / 2.0,
                        });
                    }
                }
            }
            if marks.len() >= 2 {
                break;
            }
        }
        return marks;
    }
    let every = (span / labels.max(1.0)).ceil().max(1.0);
    let first = (lo / every).ceil() as i64;
    let last = (hi / every).floor() as i64;
    let mut marks: Vec<egui_plot::GridMark> = (first..=last)
        .map(|k| egui_plot::GridMark {
            value: k as f64 * every,
            step_size: every,
        })
        .collect();
    if every == 1.0 && span <= 4.0 {
        // A few decades only: unlabelled lines at 2 … 9 help read values in between.
        for k in (lo.floor() as i64)..=(hi.floor() as i64) {
            for m in 2..10 {
                let v = k as f64 + f64::log10(m as f64);
                if v > lo && v < hi {
                    marks.push(egui_plot::GridMark {
                        value: v,
                        step_size: 0.1,
                    });
                }
            }
        }
    }
    marks
}

/// Grid marks every `step` over `bounds` (step > 0).
fn linear_marks(bounds: (f64, f64), step: f64) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = bounds;
    if !(lo.is_finite() && hi.is_finite() && hi > lo && step > 0.0) {
        return Vec::new();
    }
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    if last - first > 1000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| egui_plot::GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// At most `limit` points of the curve `ys` (index, `y(value)`), for drawing: the first
/// and the last, and in between, per column of indices, its lowest and highest values in
/// their order, so spikes and dips survive. Values `keep` rejects (not finite, ≤ 0 on a
/// log axis) are left out. `y` must be increasing on the values kept: the lowest and
/// highest are picked on the raw values, and only the points drawn are mapped. Curves no
/// longer than `limit` come back whole.
pub fn decimate_minmax(
    ys: &[f64],
    limit: usize,
    keep: impl Fn(f64) -> bool,
    y: impl Fn(f64) -> f64,
) -> Vec<(usize, f64)> {
    let n = ys.len();
    let all = |range: std::ops::Range<usize>| {
        range
            .filter(|&j| keep(ys[j]))
            .map(|j| (j, y(ys[j])))
            .collect::<Vec<_>>()
    };
    if n <= limit.max(4) {
        return all(0..n);
    }
    let columns = (limit.max(4) - 2) / 2;
    let mut out = Vec::with_capacity(2 * columns + 2);
    out.extend(all(0..1));
    let inner = n - 2;
    for c in 0..columns {
        let (a, b) = (1 + c * inner / columns, 1 + (c + 1) * inner / columns);
        let (lo, hi) = extremes(&ys[a..b], &keep);
        let at = |(j, v): (usize, f64)| (a + j, y(v));
        let (lo, hi) = (lo.map(at), hi.map(at));
        match (lo, hi) {
            (Some(l), Some(h)) if l.0 == h.0 => out.push(l),
            (Some(l), Some(h)) if l.0 < h.0 => out.extend([l, h]),
            (Some(l), Some(h)) => out.extend([h, l]),
            _ => {}
        }
    }
    out.extend(all(n - 1..n));
    out
}

/// A value picked from a curve, with its index.
type Pick = Option<(usize, f64)>;

/// The first lowest and the first highest of the values `keep` accepts, with their
/// indices: what one pass of strict comparisons picks. Found in two passes, the values
/// then where they first occur, because the first pass is compare-and-select over four
/// lanes that the compiler vectorises; one branchy pass took 2–4 ms per 10⁶ values, and
/// the frame that shows three new 10⁶-step runs decimates every one of them.
fn extremes(values: &[f64], keep: impl Fn(f64) -> bool) -> (Pick, Pick) {
    let (lo, hi) = crate::scene::grid::min_max_where(values, &keep);
    // A kept value equal to the extreme: none when nothing is kept (or only infinities
    // beyond the start values, which the first pass cannot tell from none, so look).
    let first = |target: f64| {
        values
            .iter()
            .position(|&v| v == target && keep(v))
            .map(|j| (j, values[j]))
    };
    (first(lo), first(hi))
}

/// 1, 2 or 5 times a power of ten, at least `x`.
fn nice_step(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= x)
        .unwrap_or(10.0 * p)
}

/// Two significant digits: log-axis labels such as 13, 7.9, 0.0042.
fn fmt_sig(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return fmt_num(v);
    }
    let digits = (1 - v.log10().floor() as i32).max(0) as usize;
    if !(1e-3..1e5).contains(&v) {
        // A decade reads "1e-5", not "1.0e-5".
        return format!("{v:.1e}").replace(".0e", "e");
    }
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The visible run whose curve is nearest to (x, y) at step ⌊x⌉.
fn nearest_run_at(state: &AppState, curve: Curve, log: bool, x: f64, y: f64) -> Option<Hover> {
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    let step = x.round() as usize;
    let mut best: Option<(f64, Hover)> = None;
    for (i, run) in state.runs.runs.iter().enumerate() {
        if !state.visible.get(i).copied().unwrap_or(true) {
            continue;
        }
        let s = step.min(state.revealed(i).saturating_sub(1));
        let v = match curve {
            Curve::Loss => run.loss.get(s),
            Curve::Lr => run.lr.get(s.saturating_sub(1)),
            Curve::GradNorm => run.grad_norm.get(s.saturating_sub(1)),
        };
        let Some(&v) = v else { continue };
        let v = if log { v.log10() } else { v };
        let d = if v.is_finite() {
            (v - y).abs()
        } else {
            f64::INFINITY
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, Hover { run: i, step: s }));
        }
    }
    best.map(|(_, h)| h)
}

/// What the curves say, per optimizer, in plain words; evidence and action on hover.
fn diagnosis_ui(ui: &mut Ui, state: &AppState) {
    let (findings, title, pending) = diagnoses_shown(ui, state);
    ui.label(RichText::new(title).strong())
        .on_hover_text(tr("diagnosis-tip"));
    egui::ScrollArea::vertical()
        .id_salt("diagnosis scroll")
        .show(ui, |ui| {
            for (i, run) in state.runs.runs.iter().enumerate() {
                let Some(findings) = findings.get(i) else {
                    continue;
                };
                let [r, g, b] = state.color(i);
                ui.horizontal_wrapped(|ui| {
                    super::widgets::swatch(ui, [r, g, b]);
                    ui.label(RichText::new(format!("{}:", run.label)).strong());
                    for f in findings {
                        // Findings of settings that have changed since are greyed: they
                        // must not read as the current result.
                        let color = match f.pattern {
                            _ if pending => ui.visuals().weak_text_color(),
                            Pattern::Healthy | Pattern::SchedulerHelping => {
                                super::widgets::ink::GOOD
                            }
                            _ => super::widgets::ink::WARN,
                        };
                        ui.label(RichText::new(pattern_title(f.pattern)).color(color))
                            .on_hover_text(super::training_log::finding_hover(f));
                    }
                });
            }
        });
}

/// A pattern's short name, its action and the findings' summary, in the UI's language.
pub use crate::lang::{action as pattern_action, summary, title as pattern_title};

/// Most revealed steps (all runs together) diagnosed again as the playhead moves; longer
/// runs show the whole runs' diagnosis, and the title says so.
const PLAYHEAD_DIAGNOSIS_LIMIT: usize = 60_000;
/// While playing, the diagnosis follows the playhead in this many jumps over the timeline.
const PLAYHEAD_DIAGNOSIS_STEPS: usize = 50;

/// Fewer steps than this are not diagnosed at the playhead.
const PLAYHEAD_DIAGNOSIS_MIN: usize = 10;

/// A diagnosis at the playhead and the generation and step bucket it was made for.
type PlayheadDiagnosis = ((u64, usize), std::sync::Arc<Vec<Vec<Finding>>>);

/// What the diagnosis panel shows: the findings, its title, and whether they are pending
/// (older than the runs). Before the end of the timeline the curves are diagnosed up to the
/// playhead, as far as they go there: what a student sees is what the words describe.
fn diagnoses_shown(ui: &Ui, state: &AppState) -> (std::sync::Arc<Vec<Vec<Finding>>>, String, bool) {
    let (step, end) = (state.step(), state.max_steps());
    let revealed: usize = (0..state.runs.runs.len()).map(|i| state.revealed(i)).sum();
    if step < end && revealed <= PLAYHEAD_DIAGNOSIS_LIMIT {
        let bucket_len = (end / PLAYHEAD_DIAGNOSIS_STEPS).max(1);
        let bucket = step / bucket_len;
        // The first step of the bucket: the words never run ahead of the paths drawn.
        let at = bucket * bucket_len;
        if at < PLAYHEAD_DIAGNOSIS_MIN {
            // A handful of steps says nothing yet: no finding rather than a hasty one.
            let none = std::sync::Arc::new(vec![Vec::new(); state.runs.runs.len()]);
            return (none, tr("diagnosis-too-early"), false);
        }
        let key = (state.generation, bucket);
        let id = egui::Id::unique("diagnosis at the playhead");
        let cached = ui
            .data(|d| d.get_temp::<PlayheadDiagnosis>(id))
            .filter(|c| c.0 == key);
        let findings = match cached {
            Some(c) => c.1,
            None => {
                let f: std::sync::Arc<Vec<Vec<Finding>>> = std::sync::Arc::new(
                    state
                        .runs
                        .runs
                        .iter()
                        .map(|r| super::state::diagnose_run_upto(r, at))
                        .collect(),
                );
                ui.data_mut(|d| d.insert_temp(id, (key, f.clone())));
                f
            }
        };
        let title = tr_args("diagnosis-at-step", &[("step", at.to_string())]);
        return (findings, title, false);
    }
    let pending = state.diagnoses_stale() || state.updating();
    let title = tr(if pending {
        "diagnosis-updating"
    } else {
        "diagnosis"
    });
    (std::sync::Arc::new(state.diagnoses.clone()), title, pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A short loss plot (a 52-point frame over eight decades, as at 1280×800) used to get
    /// marks 10 points apart, whose labels egui_plot hides: now every labelled mark is at
    /// least 20 points from the next, and there are at least two.
    #[test]
    fn short_log_axes_keep_labelled_marks_apart() {
        for (frame_px, lo, hi) in [(52.0, -6.5, 1.7), (60.0, -12.0, 2.0), (200.0, -3.0, 2.0)] {
            let px_per_decade = frame_px / (hi - lo);
            let input = egui_plot::GridInput {
                bounds: (lo, hi),
                base_step_size: f64::from(GRID_MIN_PX) / px_per_decade,
            };
            let labelled: Vec<f64> = log_marks(input)
                .iter()
                .filter(|m| m.step_size >= 1.0)
                .map(|m| m.value)
                .collect();
            assert!(labelled.len() >= 2, "{frame_px}: {labelled:?}");
            for w in labelled.windows(2) {
                let gap = (w[1] - w[0]) * px_per_decade;
                assert!(
                    gap >= 20.0,
                    "{frame_px} px: marks {labelled:?} only {gap} px apart"
                );
            }
        }
    }

    #[test]
    fn decimation_keeps_ends_and_extremes_within_the_limit() {
        let mut ys: Vec<f64> = (0..1_000_000).map(|j| (j as f64 * 1e-3).sin()).collect();
        ys[123_457] = 50.0;
        ys[654_321] = -40.0;
        ys[999_998] = f64::NAN;
        let (fin, same) = (|v: f64| v.is_finite(), |v: f64| v);
        let d = decimate_minmax(&ys, MAX_CURVE_POINTS, fin, same);
        assert!(d.len() <= MAX_CURVE_POINTS, "{} points", d.len());
        assert!(d.len() > MAX_CURVE_POINTS / 2);
        assert_eq!(d[0], (0, ys[0]));
        assert_eq!(*d.last().unwrap(), (999_999, ys[999_999]));
        assert!(d.contains(&(123_457, 50.0)), "the spike survives");
        assert!(d.contains(&(654_321, -40.0)), "the dip survives");
        assert!(d.windows(2).all(|w| w[0].0 < w[1].0), "in order");
        assert!(d.iter().all(|(_, v)| v.is_finite()));
        // Short curves come back whole, minus what `y` drops.
        let short = [1.0, -1.0, 2.0, f64::INFINITY, 3.0];
        assert_eq!(decimate_minmax(&short, 10, fin, same).len(), 4);
        let positive = |v: f64| v > 0.0 && v.is_finite();
        let log = decimate_minmax(&short, 10, positive, f64::log10);
        assert_eq!(log.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2, 4]);
        assert!(decimate_minmax(&[], 10, fin, same).is_empty());
        assert_eq!(decimate_minmax(&ys[..7], 4, fin, same).len(), 4);
    }

    /// The two-pass extremes are the one-pass strict comparisons' picks, on values with
    /// gaps, infinities, ties and zeros of both signs, for every column length up to 40.
    #[test]
    fn two_pass_extremes_are_the_first_strict_extremes() {
        fn one_pass(values: &[f64], keep: impl Fn(f64) -> bool) -> (Pick, Pick) {
            let (mut lo, mut hi): (Pick, Pick) = (None, None);
            for (j, &v) in values.iter().enumerate().filter(|(_, v)| keep(**v)) {
                if lo.is_none_or(|(_, l)| v < l) {
                    lo = Some((j, v));
                }
                if hi.is_none_or(|(_, h)| v > h) {
                    hi = Some((j, v));
                }
            }
            (lo, hi)
        }
        let pool = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            -0.0,
            0.0,
            1e-9,
            2.0,
            2.0,
            3.5,
        ];
        let bits = |p: (Pick, Pick)| {
            let b = |x: Pick| x.map(|(j, v)| (j, v.to_bits()));
            (b(p.0), b(p.1))
        };
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..=40 {
            for _ in 0..200 {
                let values: Vec<f64> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        pool[(state % pool.len() as u64) as usize]
                    })
                    .collect();
                for keep in [
                    (|v: f64| v.is_finite()) as fn(f64) -> bool,
                    |v: f64| v.is_finite() && v > 0.0,
                    |v: f64| !v.is_nan(),
                ] {
                    assert_eq!(
                        bits(extremes(&values, keep)),
                        bits(one_pass(&values, keep)),
                        "{values:?}"
                    );
                }
            }
        }
    }

    /// The blocked scan finds a finite value at or below zero wherever it is (first and
    /// last of a block, the short last block), and nothing in NaN, ±∞ or positives.
    #[test]
    fn finite_non_positive_values_are_found_anywhere() {
        let base: Vec<f64> = (0..1500)
            .map(|j| match j % 4 {
                0 => f64::NAN,
                1 => f64::INFINITY,
                2 => f64::NEG_INFINITY,
                _ => 1e-300,
            })
            .collect();
        assert!(!any_finite_non_positive(&base));
        assert!(!any_finite_non_positive(&[]));
        for at in [0, 511, 512, 1023, 1499] {
            for v in [0.0, -0.0, -1e-300, -5.0] {
                let mut values = base.clone();
                values[at] = v;
                assert!(any_finite_non_positive(&values), "{v} at {at}");
            }
        }
    }

    /// Picking a column's extremes on the raw values and mapping only those gives the
    /// points that mapping every value first gives, on a log axis with gaps (≤ 0, NaN).
    #[test]
    fn extremes_picked_before_the_log_are_the_extremes_after_it() {
        let ys: Vec<f64> = (0..200_000)
            .map(|i| match i % 997 {
                0 => -1.0,
                1 => f64::NAN,
                _ => (1e3 / (1.0 + i as f64)) * (1.0 + 0.3 * ((i as f64) * 0.37).sin()),
            })
            .collect();
        let positive = |v: f64| v > 0.0 && v.is_finite();
        let fast = decimate_minmax(&ys, MAX_CURVE_POINTS, positive, f64::log10);
        // The reference: every value mapped, then the extremes of the mapped values.
        let mapped: Vec<f64> = ys
            .iter()
            .map(|&v| if positive(v) { v.log10() } else { f64::NAN })
            .collect();
        let reference = decimate_minmax(&mapped, MAX_CURVE_POINTS, f64::is_finite, |v| v);
        assert_eq!(fast, reference);
        assert!(fast.len() > MAX_CURVE_POINTS / 2);
    }
}
