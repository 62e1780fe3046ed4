//! How the window looks: light or dark theme, the UI scale, and projector mode (larger
//! text, pure black-on-white or white-on-black, thicker strokes) for a classroom.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle};
use serde::{Deserialize, Serialize};

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark text on white: projectors wash out dark themes, so this is the default.
    #[default]
    #[serde(rename = "light")]
    Light,
    /// Light text on dark grey.
    #[serde(rename = "dark")]
    Dark,
}

/// The smallest and largest UI scale the View menu offers.
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.5;
/// Projector mode enlarges the chosen UI scale by this much.
pub const PROJECTOR_ZOOM: f32 = 1.15;

/// Everything [`apply`] reads: when it changes, the style is set again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Light or dark.
    pub theme: ThemeChoice,
    /// Projector mode on.
    pub projector: bool,
    /// The UI scale (1 = normal).
    pub ui_scale: f32,
}

impl Look {
    /// The zoom factor this look asks of egui.
    pub fn zoom(&self) -> f32 {
        let s = if self.ui_scale.is_finite() {
            self.ui_scale
                .clamp(*UI_SCALE_RANGE.start(), *UI_SCALE_RANGE.end())
        } else {
            1.0
        };
        if self.projector {
            s * PROJECTOR_ZOOM
        } else {
            s
        }
    }
}

/// Sets the theme, text sizes, strokes and zoom of `look` on `ctx`. Sizes are readable from
/// the back of a classroom even without projector mode: body text 16 px, nothing below 14.
pub fn apply(ctx: &egui::Context, look: Look) {
    let theme = match look.theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    };
    ctx.set_theme(theme);
    // Projector mode adds 1 px on top of the zoom: small print suffers most from a
    // projector's blur.
    let extra = if look.projector { 1.0 } else { 0.0 };
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, 19.0 + extra, FontFamily::Proportional),
            (TextStyle::Body, 16.0 + extra, FontFamily::Proportional),
            (TextStyle::Button, 16.0 + extra, FontFamily::Proportional),
            (TextStyle::Small, 14.0 + extra, FontFamily::Proportional),
            (TextStyle::Monospace, 15.0 + extra, FontFamily::Monospace),
        ]
        .map(|(s, size, family)| (s, FontId::new(size, family)))
        .into();
        style.spacing.interact_size.y = 24.0;
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
    });
    for t in [egui::Theme::Light, egui::Theme::Dark] {
        // Start from egui's own visuals so leaving projector mode undoes it fully.
        let mut v = match t {
            egui::Theme::Light => egui::Visuals::light(),
            egui::Theme::Dark => egui::Visuals::dark(),
        };
        if look.projector {
            high_contrast(&mut v);
        }
        ctx.style_mut_of(t, |style| style.visuals = v);
    }
    ctx.set_zoom_factor(look.zoom());
}

/// Pure black on white (or white on black), with every outline thickened: greys and
/// hairlines are the first things a projector loses.
fn high_contrast(v: &mut egui::Visuals) {
    let (ink, paper) = if v.dark_mode {
        (Color32::WHITE, Color32::BLACK)
    } else {
        (Color32::BLACK, Color32::WHITE)
    };
    v.override_text_color = Some(ink);
    v.panel_fill = paper;
    v.window_fill = paper;
    v.extreme_bg_color = paper;
    v.window_stroke = Stroke::new(2.0, ink);
    v.selection.stroke = Stroke::new(2.5, ink);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.fg_stroke = Stroke::new(w.fg_stroke.width.max(2.0), ink);
        w.bg_stroke = Stroke::new(w.bg_stroke.width.max(1.5), ink);
    }
    // Separators and panel borders are drawn with the non-interactive background stroke.
    v.widgets.noninteractive.bg_stroke = Stroke::new(2.0, ink);
}

/// Applies `GRADSCAPE_PROJECTOR=1` and `GRADSCAPE_THEME=dark|light`, which set the look for
/// a session without opening the menu (screenshots, a classroom machine's launcher).
pub fn env_overrides(theme: &mut ThemeChoice, projector: &mut bool) {
    if let Ok(v) = std::env::var("GRADSCAPE_PROJECTOR") {
        *projector = matches!(v.trim(), "1" | "true" | "yes" | "on");
    }
    match std::env::var("GRADSCAPE_THEME")
        .ok()
        .as_deref()
        .map(str::trim)
    {
        Some("dark") => *theme = ThemeChoice::Dark,
        Some("light") => *theme = ThemeChoice::Light,
        _ => {}
    }
}
