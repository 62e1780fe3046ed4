//! The loss panel: per optimizer, train loss (log axis optional) with the validation
//! evaluations, the learning rate and the gradient norm against the step, and the
//! diagnosis of each run in plain words.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, Points, VLine};

use super::i18n::{tr, tr_args};
use super::state::{AppState, Hover, HoverSource};
use super::widgets::fmt_num;
use crate::core::diagnosis::Pattern;

/// At most this many points per curve: the lowest and highest of each of 800 columns,
/// more than a plot 400 px wide can show, and cheap for egui_plot even at 10⁶ steps.
pub const MAX_CURVE_POINTS: usize = 1600;
/// At most this many validation dots per run.
const MAX_VAL_DOTS: usize = 100;

/// A curve's decimated points and what they were made from: (generation, revealed
/// points, log axis).
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

/// The three plots side by side, and the diagnosis on the right.
pub fn loss_panel_ui(ui: &mut Ui, state: &mut AppState) {
    if super::training_log::loss_panel_ui(ui, state) {
        return;
    }
    let total = ui.available_width();
    let diag_w = (total * 0.24).clamp(200.0, 340.0);
    let gaps = 5.0 * ui.spacing().item_spacing.x + 10.0;
    let plot_w = ((total - diag_w - gaps) / 3.0).max(120.0);
    let height = ui.available_height();
    let mut hover: Option<Hover> = None;
    let mut any_hovered = false;
    ui.horizontal_top(|ui| {
        for (k, curve) in [Curve::Loss, Curve::Lr, Curve::GradNorm]
            .into_iter()
            .enumerate()
        {
            ui.vertical(|ui| {
                ui.set_width(plot_w);
                let (h, hovered) = plot_ui(ui, state, curve, k, plot_w, height);
                any_hovered |= hovered;
                if h.is_some() {
                    hover = h;
                }
            });
        }
        ui.separator();
        ui.vertical(|ui| {
            ui.set_width(diag_w);
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

/// One plot; returns the step under the pointer (on the run nearest in the plot) and whether
/// the plot is hovered at all.
fn plot_ui(
    ui: &mut Ui,
    state: &mut AppState,
    curve: Curve,
    k: usize,
    width: f32,
    height: f32,
) -> (Option<Hover>, bool) {
    let log = curve.log(state.settings.log_loss);
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
    let y_of = |v: f64| -> Option<f64> {
        if !v.is_finite() {
            None
        } else if log {
            (v > 0.0).then(|| v.log10())
        } else {
            Some(v)
        }
    };

    let mut series: Vec<(usize, std::sync::Arc<Vec<[f64; 2]>>)> = Vec::new();
    let mut val: Vec<(usize, Vec<[f64; 2]>)> = Vec::new();
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
        let key = (state.generation, shown, log);
        let cache_id = egui::Id::unique(("loss panel points", k, i));
        let cached = ui
            .data(|d| d.get_temp::<CachedPoints>(cache_id))
            .filter(|c| c.0 == key);
        let pts = match cached {
            Some(c) => c.1,
            None => {
                let pts: std::sync::Arc<Vec<[f64; 2]>> = std::sync::Arc::new(
                    decimate_minmax(ys, MAX_CURVE_POINTS, y_of)
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
            let n_val = run
                .val_steps
                .iter()
                .take_while(|t| (**t as usize) < shown)
                .count();
            // Every dot is a shape to tessellate: a few hundred say as much as 5000.
            let stride = n_val.div_ceil(MAX_VAL_DOTS).max(1);
            let v: Vec<[f64; 2]> = run
                .val_steps
                .iter()
                .zip(&run.val_loss)
                .take(n_val)
                .step_by(stride)
                .filter_map(|(t, &v)| y_of(v).map(|y| [*t as f64, y]))
                .collect();
            val.push((i, v));
        }
    }
    let colors: Vec<Color32> = (0..state.runs.runs.len())
        .map(|i| {
            let [r, g, b] = state.color(i);
            Color32::from_rgb(r, g, b)
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

    let mut plot = Plot::new(("loss panel", k));
    if log {
        plot = plot.y_grid_spacer(egui_plot::log_grid_spacer(10));
    } else if y_max.is_finite() && y_max > 0.0 {
        // From 0, with headroom: a constant rate would otherwise get an axis of ±100.
        plot = plot.include_y(0.0).include_y(y_max * 1.15);
    }
    let response = plot
        .width(width)
        .height((height - 30.0).max(80.0))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(steps)
        .y_axis_min_width(44.0)
        // Narrow plots: let step labels sit closer than egui_plot's default 60 px.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label(tr("plot-step"))
                .label_spacing(46.0..=56.0)
                .formatter(|m, _| format!("{:.0}", m.value)),
        ])
        // About three labelled steps: the default spacing leaves a narrow plot unlabelled.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| {
            let s = nice_step((input.bounds.1 - input.bounds.0) / 3.0);
            [s / 5.0, s / 2.0, s]
        }))
        .y_axis_formatter(move |mark, _| {
            if log {
                fmt_sig(10f64.powf(mark.value))
            } else {
                fmt_num(mark.value)
            }
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

/// 1, 2 or 5 times a power of ten, at least `x`.
/// At most `limit` points of the curve `ys` (index, `y(value)`), for drawing: the first
/// and the last, and in between, per column of indices, its lowest and highest values in
/// their order, so spikes and dips survive. Values `y` maps to `None` (not finite, ≤ 0 on a
/// log axis) are left out. Curves no longer than `limit` come back whole.
pub fn decimate_minmax(
    ys: &[f64],
    limit: usize,
    y: impl Fn(f64) -> Option<f64>,
) -> Vec<(usize, f64)> {
    let n = ys.len();
    let all = |range: std::ops::Range<usize>| {
        range
            .filter_map(|j| y(ys[j]).map(|v| (j, v)))
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
        let mut lo: Option<(usize, f64)> = None;
        let mut hi: Option<(usize, f64)> = None;
        for (j, &raw) in ys[a..b].iter().enumerate() {
            let Some(v) = y(raw) else { continue };
            if lo.is_none_or(|(_, l)| v < l) {
                lo = Some((a + j, v));
            }
            if hi.is_none_or(|(_, h)| v > h) {
                hi = Some((a + j, v));
            }
        }
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
        return format!("{v:.1e}");
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
    let title = tr(if state.diagnoses_stale() {
        "diagnosis-updating"
    } else {
        "diagnosis"
    });
    ui.label(RichText::new(title).strong())
        .on_hover_text(tr("diagnosis-tip"));
    egui::ScrollArea::vertical()
        .id_salt("diagnosis scroll")
        .show(ui, |ui| {
            for (i, run) in state.runs.runs.iter().enumerate() {
                let Some(findings) = state.diagnoses.get(i) else {
                    continue;
                };
                let [r, g, b] = state.color(i);
                ui.horizontal_wrapped(|ui| {
                    super::widgets::swatch(ui, [r, g, b]);
                    ui.label(RichText::new(format!("{}:", run.label)).strong());
                    for f in findings {
                        let color = match f.pattern {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimation_keeps_ends_and_extremes_within_the_limit() {
        let mut ys: Vec<f64> = (0..1_000_000).map(|j| (j as f64 * 1e-3).sin()).collect();
        ys[123_457] = 50.0;
        ys[654_321] = -40.0;
        ys[999_998] = f64::NAN;
        let fin = |v: f64| v.is_finite().then_some(v);
        let d = decimate_minmax(&ys, MAX_CURVE_POINTS, fin);
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
        assert_eq!(decimate_minmax(&short, 10, fin).len(), 4);
        let log = decimate_minmax(&short, 10, |v| {
            (v > 0.0 && v.is_finite()).then(|| v.log10())
        });
        assert_eq!(log.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2, 4]);
        assert!(decimate_minmax(&[], 10, fin).is_empty());
        assert_eq!(decimate_minmax(&ys[..7], 4, fin).len(), 4);
    }
}
