//! The UI's languages: English and Spanish, as Fluent files in `assets/i18n/`, embedded in
//! the binary so the app needs nothing beside itself.
//!
//! Panels call [`tr`] / [`tr_args`] with a key. The language is per thread: the app sets it
//! from its persisted settings at the start of every frame ([`set_lang`]), so each window
//! (and each test harness, which runs on its own test thread) speaks its own language
//! without any locking. A key missing from a language falls back to English, then to the
//! key itself: a forgotten string shows up as its key, never as a panic.

use std::cell::Cell;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

/// The English strings: the default language and the fallback for every other.
const EN_FTL: &str = include_str!("../../assets/i18n/en.ftl");
/// The Spanish strings.
const ES_FTL: &str = include_str!("../../assets/i18n/es.ftl");

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
}

impl Lang {
    /// Every language, in the order the menu lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The ISO 639-1 code (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, as the menu shows it: a Spanish speaker stuck in the
    /// English UI must still recognise "Español".
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The language a code or locale names: `es`, `ES`, `es_AR.UTF-8`, `es-MX`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['_', '-', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language `GRADSCAPE_LANG` asks for, if set to a known one. It overrides the
    /// remembered choice for this session (screenshots, a shared classroom machine).
    pub fn from_env() -> Option<Lang> {
        std::env::var("GRADSCAPE_LANG")
            .ok()
            .and_then(|v| Lang::from_code(&v))
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Es => 1,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => EN_FTL,
            Lang::Es => ES_FTL,
        }
    }
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    // Fluent bundles are not `Sync` (their formatters memoize per thread), hence one set
    // per thread; building one costs well under a millisecond.
    static BUNDLES: [FluentBundle<FluentResource>; 2] = Lang::ALL.map(bundle);
}

/// Parses `lang`'s file into a bundle. A syntax error drops only the broken entry (the
/// unit tests keep the files clean).
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut b = FluentBundle::new(vec![id]);
    // Without this, every argument is wrapped in Unicode isolation marks, which egui's
    // fonts draw as boxes.
    b.set_use_isolating(false);
    let res = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    let _ = b.add_resource(res);
    b
}

/// Makes `lang` the language of this thread's UI.
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language of this thread's UI.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// The text of `key` in the current language.
pub fn tr(key: &str) -> String {
    lookup(key, None)
}

/// The text of `key` with its `{ $name }` placeables filled from `args`.
pub fn tr_args(key: &str, args: &[(&str, String)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    lookup(key, Some(&fa))
}

/// Whether the current language (or English) defines `key`.
pub fn has(key: &str) -> bool {
    BUNDLES.with(|b| b[lang().index()].has_message(key) || b[Lang::En.index()].has_message(key))
}

fn lookup(key: &str, args: Option<&FluentArgs>) -> String {
    BUNDLES.with(|bundles| {
        [lang(), Lang::En]
            .into_iter()
            .map(|l| &bundles[l.index()])
            .find_map(|b| {
                let pattern = b.get_message(key)?.value()?;
                let mut errors = Vec::new();
                Some(b.format_pattern(pattern, args, &mut errors).into_owned())
            })
            .unwrap_or_else(|| key.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The message ids a Fluent file defines (a line `id = …` at the start of a line).
    fn keys(src: &str) -> BTreeSet<String> {
        src.lines()
            .filter_map(|l| l.split_once(" ="))
            .map(|(k, _)| k)
            .filter(|k| {
                k.starts_with(|c: char| c.is_ascii_alphabetic())
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_language_parses_and_defines_the_same_keys() {
        let en = keys(EN_FTL);
        assert!(en.len() > 100, "{} keys", en.len());
        for lang in Lang::ALL {
            let src = lang.source();
            if let Err((_, errors)) = FluentResource::try_new(src.to_string()) {
                panic!("{}.ftl does not parse: {errors:?}", lang.code());
            }
            let k = keys(src);
            let missing: Vec<_> = en.difference(&k).collect();
            let extra: Vec<_> = k.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}.ftl: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
            let b = bundle(lang);
            for key in &en {
                assert!(b.has_message(key), "{}: {key} not loaded", lang.code());
            }
        }
    }

    /// Every translation key the optimizer and surface registries name.
    fn registry_keys() -> Vec<&'static str> {
        use crate::core::param::{ParamSpec, Slider};
        let param_keys = |p: &ParamSpec| {
            let mut k = vec![p.label_key, p.tip_key];
            if let Slider::LogOrOff { rail_keys, .. } = p.slider {
                k.extend(rail_keys);
            }
            k
        };
        let mut out = Vec::new();
        for o in crate::core::optimizers::OPTIMIZERS {
            out.extend([o.name_key, o.tip_key]);
            out.extend(o.effective_key);
            out.extend(o.params.iter().flat_map(param_keys));
        }
        for s in crate::core::surfaces::SURFACES {
            out.push(s.tip_key);
            out.extend(s.params.iter().flat_map(param_keys));
        }
        out
    }

    #[test]
    fn every_registry_key_is_translated() {
        let keys = registry_keys();
        assert!(keys.len() > 30);
        for lang in Lang::ALL {
            let b = bundle(lang);
            for key in &keys {
                assert!(b.has_message(key), "{}: {key} missing", lang.code());
            }
        }
    }

    #[test]
    fn lookups_translate_fill_and_fall_back() {
        set_lang(Lang::En);
        assert_eq!(tr("section-surface"), "Surface");
        set_lang(Lang::Es);
        assert_eq!(tr("section-surface"), "Superficie");
        assert_eq!(tr_args("timeline", &[("end", "200".into())]), "/ 200 pasos");
        assert_eq!(tr("no-such-key"), "no-such-key");
        let detail = tr_args(
            "diagnosis-detail",
            &[
                ("summary", "S".into()),
                ("evidence", "E".into()),
                ("action", "A".into()),
            ],
        );
        assert_eq!(detail, "S\n\nQué lo muestra: E\n\nPrueba: A");
        set_lang(Lang::En);
    }

    #[test]
    fn every_character_has_a_glyph_in_the_apps_fonts() {
        use ab_glyph::Font;
        // The fonts egui installs by default; a character in none of them makes egui panic.
        let fonts: Vec<ab_glyph::FontRef<'static>> = [
            epaint_default_fonts::UBUNTU_LIGHT,
            epaint_default_fonts::EGUI_ICONS,
        ]
        .into_iter()
        .filter_map(|f| ab_glyph::FontRef::try_from_slice(f).ok())
        .collect();
        assert_eq!(fonts.len(), 2);
        for lang in Lang::ALL {
            let missing: BTreeSet<char> = lang
                .source()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::chars)
                .filter(|c| !c.is_control())
                // Combining accents (v̂) are laid out on their base letter, not looked up.
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .filter(|c| fonts.iter().all(|f| f.glyph_id(*c).0 == 0))
                .collect();
            assert!(
                missing.is_empty(),
                "{}.ftl: no glyph for {missing:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn language_codes_and_locales_are_understood() {
        assert_eq!(Lang::from_code("es"), Some(Lang::Es));
        assert_eq!(Lang::from_code("es_AR.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::from_code("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }
}
