//! Number inputs shared by the panels: every one is a slider or a drag value that also
//! takes typed values, keeps its value in range whatever is typed, and explains itself.

use egui::{DragValue, Response, Slider, SliderClamping, Ui};

use super::i18n::tr;
use crate::core::param::{ParamSpec, Slider as Rail};

/// A small filled bar in an optimizer's colour, with a dark edge so white and yellow
/// still show on a light background.
pub fn swatch(ui: &mut Ui, rgb: [u8; 3]) -> Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(26.0, 12.0), egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, egui::Color32::from_rgb(rgb[0], rgb[1], rgb[2]));
    ui.painter().rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(60)),
        egui::StrokeKind::Inside,
    );
    response
}

/// Where a control named `key` is this frame: kept in egui's memory for the web page,
/// which shows them to its browser test (it clicks menu items by name; a canvas has no
/// elements to find). Returns `response` unchanged.
pub fn mark(ui: &Ui, key: &'static str, response: Response) -> Response {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.ctx().data_mut(|d| {
        let marks = d.get_temp_mut_or_default::<Marks>(marks_id());
        marks.retain(|(k, _, p)| *k != key && *p + 1 >= pass);
        marks.push((key, response.rect, pass));
    });
    response
}

/// Controls marked with [`mark`]: name, rectangle, and the pass that drew it.
pub type Marks = Vec<(&'static str, egui::Rect, u64)>;

/// Where [`Marks`] are kept in egui's memory.
pub fn marks_id() -> egui::Id {
    egui::Id::unique("gradscape marked controls")
}

/// Text colours that read on the light theme.
pub mod ink {
    use egui::Color32;
    /// Good news: converged, healthy.
    pub const GOOD: Color32 = Color32::from_rgb(0, 120, 40);
    /// Needs a look: stopped early, a warning.
    pub const WARN: Color32 = Color32::from_rgb(180, 95, 0);
    /// Bad news: diverged, an error.
    pub const BAD: Color32 = Color32::from_rgb(200, 0, 0);
    /// Neither: running, finished.
    pub const PLAIN: Color32 = Color32::from_gray(70);
}

/// Formats a number compactly: plain decimals between 0.001 and 10 000, else `1.2e-5`.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if !(1e-3..1e4).contains(&a) {
        let s = format!("{v:.2e}");
        // 1.00e-5 → 1e-5: trailing zeros of the mantissa say nothing.
        match s.split_once('e') {
            Some((m, e)) => {
                let m = if m.contains('.') {
                    m.trim_end_matches('0').trim_end_matches('.')
                } else {
                    m
                };
                format!("{m}e{e}")
            }
            None => s,
        }
    } else {
        let digits = (4 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{v:.digits$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// Parses a typed number: `1e-3`, `0,5` (a decimal comma), `−2` (a typographic minus).
pub fn parse_num(s: &str) -> Option<f64> {
    let s = s.trim().replace(',', ".").replace('−', "-");
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A logarithmic slider over a positive quantity (learning rate, ε, σ, …).
pub fn log_slider(
    ui: &mut Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    label: &str,
    tip: &str,
) -> Response {
    let (lo, hi) = (*range.start(), *range.end());
    if !value.is_finite() || *value <= 0.0 {
        *value = lo;
    }
    ui.add(
        Slider::new(value, range)
            .logarithmic(true)
            .smallest_positive(lo)
            .clamping(SliderClamping::Always)
            .custom_formatter(|v, _| fmt_num(v))
            // A typed value outside the range is brought into it, not refused.
            .custom_parser(move |s| parse_num(s).map(|v| v.clamp(lo, hi)))
            .text(label),
    )
    .on_hover_text(tip)
}

/// The slider position for a rate β close to 1: q = −log10(1 − β), so 0.9, 0.99 and 0.999
/// are q = 1, 2, 3, evenly spaced and where smart aim snaps.
fn beta_to_q(beta: f64) -> f64 {
    -(1.0 - beta.clamp(0.0, 0.99999)).log10()
}

fn q_to_beta(q: f64) -> f64 {
    // Rounded to what the slider can show, so dragging to q = 2 gives exactly 0.99.
    let b = 1.0 - 10f64.powf(-q);
    let digits = (q.ceil() as i32 + 2).clamp(2, 8);
    let scale = 10f64.powi(digits);
    ((b * scale).round() / scale).clamp(0.0, 0.99999)
}

/// A slider for a rate in [0, 1) that matters near 1 (β, ρ, β1, β2, momentum): the rail
/// runs over −log10(1 − β), so the fine settings near 1 get as much room as 0 … 0.9.
/// Typed values are rates (`0.95`).
pub fn beta_slider(ui: &mut Ui, beta: &mut f64, label: &str, tip: &str) -> Response {
    let mut q = beta_to_q(*beta);
    let response = ui
        .add(
            Slider::new(&mut q, 0.0..=5.0)
                .clamping(SliderClamping::Always)
                .custom_formatter(|q, _| fmt_beta(q_to_beta(q)))
                .custom_parser(|s| parse_num(s).map(|b| beta_to_q(b.clamp(0.0, 0.99999))))
                .text(label),
        )
        .on_hover_text(tip);
    if response.changed() {
        *beta = q_to_beta(q);
    }
    response
}

/// β with as many decimals as its distance from 1 needs: 0.9, 0.99, 0.9995.
fn fmt_beta(b: f64) -> String {
    let s = format!("{b:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A labelled linear slider over a real number.
pub fn lin_slider(
    ui: &mut Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    label: &str,
    tip: &str,
) -> Response {
    let (lo, hi) = (*range.start(), *range.end());
    if !value.is_finite() {
        *value = lo;
    }
    ui.add(
        Slider::new(value, range)
            .clamping(SliderClamping::Always)
            .custom_formatter(|v, _| fmt_num(v))
            .custom_parser(move |s| parse_num(s).map(|v| v.clamp(lo, hi)))
            .text(label),
    )
    .on_hover_text(tip)
}

/// A labelled integer input (steps, patience, …), dragged or typed, kept in `range`.
pub fn int_input(
    ui: &mut Ui,
    value: &mut u64,
    range: std::ops::RangeInclusive<u64>,
    label: &str,
    tip: &str,
) -> Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let speed = ((*range.end() - *range.start()) as f64 / 2000.0).max(0.05);
        ui.add(DragValue::new(value).range(range).speed(speed))
            .labelled_by(l.id)
            .on_hover_text(tip)
    })
    .inner
}

/// A labelled real input, dragged or typed, kept in `range`.
pub fn num_input(
    ui: &mut Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    label: &str,
    tip: &str,
) -> Response {
    if !value.is_finite() {
        *value = 0.0_f64.clamp(*range.start(), *range.end());
    }
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let speed = ((range.end() - range.start()) / 2000.0).clamp(1e-4, 1.0);
        ui.add(
            DragValue::new(value)
                .range(range)
                .speed(speed)
                .custom_formatter(|v, _| fmt_num(v))
                .custom_parser(parse_num),
        )
        .labelled_by(l.id)
        .on_hover_text(tip)
    })
    .inner
}

/// The controls of registry parameters `specs` over `values` (in the same order), as
/// each spec asks: a linear, logarithmic or β rail, or a checkbox. Returns whether any
/// value changed.
pub fn param_controls(ui: &mut Ui, specs: &[ParamSpec], values: &mut [f64]) -> bool {
    let mut changed = false;
    for (spec, v) in specs.iter().zip(values.iter_mut()) {
        let (label, tip) = (tr(spec.label_key), tr(spec.tip_key));
        changed |= match spec.slider {
            Rail::Linear(lo, hi) => lin_slider(ui, v, lo..=hi, &label, &tip).changed(),
            Rail::Log(lo, hi) => log_slider(ui, v, lo..=hi, &label, &tip).changed(),
            Rail::OneMinusLog => beta_slider(ui, v, &label, &tip).changed(),
            Rail::Checkbox => checkbox(ui, v, 1.0, &label, &tip),
            Rail::LogOrOff {
                on,
                lo,
                hi,
                rail_keys,
            } => {
                let mut c = checkbox(ui, v, on, &label, &tip);
                if *v > 0.0 {
                    let (label, tip) = (tr(rail_keys[0]), tr(rail_keys[1]));
                    c |= log_slider(ui, v, lo..=hi, &label, &tip).changed();
                }
                c
            }
        };
    }
    changed
}

/// A checkbox over a number: checked is `on`, unchecked 0.
fn checkbox(ui: &mut Ui, v: &mut f64, on: f64, label: &str, tip: &str) -> bool {
    let mut checked = *v != 0.0;
    let changed = ui
        .checkbox(&mut checked, label)
        .on_hover_text(tip)
        .changed();
    if changed {
        *v = if checked { on } else { 0.0 };
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_mapping_hits_the_classroom_values() {
        for (q, b) in [(1.0, 0.9), (2.0, 0.99), (3.0, 0.999), (0.0, 0.0)] {
            assert_eq!(q_to_beta(q), b);
            assert!((beta_to_q(b) - q).abs() < 1e-9);
        }
        assert!(q_to_beta(5.0) < 1.0);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(fmt_num(0.001), "0.001");
        assert_eq!(fmt_num(1e-5), "1e-5");
        assert_eq!(fmt_num(2.5e-5), "2.5e-5");
        assert_eq!(fmt_num(0.05), "0.05");
        assert_eq!(fmt_num(123.456), "123.46");
        assert_eq!(fmt_num(f64::NAN), "NaN");
        assert_eq!(parse_num("1e300"), Some(1e300));
        assert_eq!(parse_num("inf"), None);
        assert_eq!(parse_num("0,5"), Some(0.5));
    }
}
