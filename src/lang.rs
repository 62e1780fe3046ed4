//! The language layer: English and Spanish, as Fluent files in `assets/i18n/`, embedded in
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

use crate::core::diagnosis::{Finding, Pattern, Thresholds};
use crate::core::log::ColumnChoice;
use crate::core::run::RunSet;
use crate::core::scenario::{Problem, ScenarioError};

/// The English strings: the default language and the fallback for every other.
const EN_FTL: &str = include_str!("../assets/i18n/en.ftl");
/// The Spanish strings.
const ES_FTL: &str = include_str!("../assets/i18n/es.ftl");

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

/// Runs `f` with `lang` as this thread's language, then puts the previous one back.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let previous = self::lang();
    set_lang(lang);
    let out = f();
    set_lang(previous);
    out
}

// ---------------------------------------------------------------------------------------------
// The diagnosis in words

/// A pattern's short name (`LR too high`).
pub fn title(p: Pattern) -> String {
    tr(&format!("diag-{}-title", p.id()))
}

/// A pattern's suggested action (SPEC §10's table).
pub fn action(p: Pattern) -> String {
    tr(&format!("diag-{}-action", p.id()))
}

/// The suggested action for one finding: the pattern's, except where the finding's numbers
/// rule it out. A "too low" rate whose curvature allows less than the table's ×2–3 is told
/// the largest safe factor (or, at the edge already, a schedule) instead.
pub fn action_for(f: &Finding) -> String {
    if f.pattern == Pattern::LrTooLow
        && let Some(safe) = f.fact("safe_factor")
        && safe.is_finite()
        && safe < 3.0
    {
        // Rounded down, so that the factor named stays on the safe side.
        let shown = (safe * 10.0).floor() / 10.0;
        if shown >= 1.1 {
            return tr_args(
                "diag-lr_too_low-action-capped",
                &[("factor", trim_zeros(&format!("{shown:.1}")))],
            );
        }
        return tr("diag-lr_too_low-action-edge");
    }
    action(f.pattern)
}

/// A finding's evidence as one sentence: its kind's message, filled with its facts.
pub fn evidence(f: &Finding) -> String {
    let mut args: Vec<(&str, String)> = f
        .facts
        .iter()
        .map(|&(name, value)| (name, fact_text(name, value)))
        .collect();
    // Derived words: two values told apart, a direction, and a change as a factor or a
    // difference.
    if let (Some(first), Some(last)) = (f.fact("first"), f.fact("last")) {
        let (a, b) = nums(first, last);
        args.retain(|(n, _)| *n != "first" && *n != "last");
        args.push(("first", a));
        args.push(("last", b));
        args.push(("dir", if last < first { "down" } else { "up" }.into()));
    }
    if let (Some(low), Some(high)) = (f.fact("low"), f.fact("high").or(f.fact("level"))) {
        let change = if f.fact("log") == Some(0.0) {
            let d = high - low;
            format!("{}{}", if d >= 0.0 { "+" } else { "" }, num(d))
        } else {
            format!("×{}", factor(high / low))
        };
        args.push(("change", change));
    }
    tr_args(&format!("ev-{}-{}", f.pattern.id(), f.kind), &args)
}

/// One plain-language sentence about the findings: the problems found and what to try for
/// the first real one.
pub fn summary(findings: &[Finding]) -> String {
    let problems: Vec<Pattern> = findings
        .iter()
        .map(|f| f.pattern)
        .filter(|p| *p != Pattern::Healthy)
        .collect();
    let Some(&first) = problems.first() else {
        return tr("diag-healthy-summary");
    };
    let titles: Vec<String> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let t = title(*p);
            if i == 0 { t } else { lower_first(&t) }
        })
        .collect();
    let names = match titles.split_last() {
        Some((last, init)) if !init.is_empty() => {
            format!("{} {} {last}", init.join(", "), tr("diag-and"))
        }
        _ => titles.concat(),
    };
    // A helping schedule is good news; advise on the first real problem when there is one.
    let advice = findings
        .iter()
        .find(|f| f.pattern != Pattern::Healthy && f.pattern != Pattern::SchedulerHelping)
        .or_else(|| findings.iter().find(|f| f.pattern == first))
        .map_or_else(|| action(first), action_for);
    tr_args("diag-summary", &[("names", names), ("action", advice)])
}

/// Lower-cases the first letter unless the first word is an acronym ("LR").
fn lower_first(title: &str) -> String {
    let first_word = title.split(' ').next().unwrap_or("");
    if first_word.chars().count() > 1 && first_word.chars().all(|c| c.is_uppercase()) {
        return title.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A finding as SPEC §10's JSON object: `pattern`, `evidence`, `action` (in this thread's
/// language) and `facts` (the numbers, by name; non-finite ones as `null`).
pub fn finding_json(f: &Finding) -> serde_json::Value {
    let facts: serde_json::Map<String, serde_json::Value> = f
        .facts
        .iter()
        .map(|&(name, value)| (name.to_string(), serde_json::json!(value)))
        .collect();
    serde_json::json!({
        "pattern": f.pattern.id(),
        "evidence": evidence(f),
        "action": action_for(f),
        "facts": facts,
    })
}

/// `run`'s JSON (SPEC §9) with each diagnosis in this thread's language.
pub fn run_json(set: &RunSet) -> String {
    let warnings: Vec<String> = set.warnings.iter().map(problem).collect();
    crate::core::output::to_json(set, &warnings, &finding_json)
}

/// A scenario's problem (an error's or a warning's) in this thread's language.
pub fn problem(p: &Problem) -> String {
    let args: Vec<(&str, String)> = p
        .args
        .iter()
        .map(|(n, v)| (*n, crate::core::scenario::one_line(v)))
        .collect();
    tr_args(&format!("scn-{}", p.id), &args)
}

/// A scenario file that could not be loaded, as one line in this thread's language: the
/// path, then what is wrong (a read error's own words; a validation problem worded here).
pub fn load_error(e: &crate::core::scenario::LoadError) -> String {
    use crate::core::scenario::LoadError;
    match e {
        LoadError::Read { path, source } => {
            format!("{}: {}", path.display(), problem(&source.problem()))
        }
        LoadError::Invalid { path, error } => {
            format!("{}: {}", path.display(), scenario_error(error))
        }
    }
}

/// The label of a built-in preset's run in this thread's language (the Fluent message
/// `run-label-<slug>`, the slug being the English label's letters and digits joined by
/// `-`); any other label is data and comes back as written.
pub fn run_label(label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let key = format!("run-label-{}", slug.trim_end_matches('-'));
    if has(&key) {
        tr(&key)
    } else {
        label.to_string()
    }
}

/// A place in a log file: "line 5", "log_history entry 3", "record 4 (byte 96)".
pub fn loc(l: &crate::core::log::Loc) -> String {
    use crate::core::log::Loc;
    match *l {
        Loc::Line(line) => tr_args("log-loc-line", &[("line", line.to_string())]),
        Loc::LineColumn(line, column) => tr_args(
            "log-loc-line-column",
            &[("line", line.to_string()), ("column", column.to_string())],
        ),
        Loc::Entry(i) => tr_args("log-loc-entry", &[("entry", i.to_string())]),
        Loc::Record(i, byte) => tr_args(
            "log-loc-record",
            &[("record", i.to_string()), ("byte", byte.to_string())],
        ),
    }
}

/// Why a training log could not be read, as one line in this thread's language (what the
/// file holds is quoted as written).
pub fn log_error(e: &crate::core::log::LogError) -> String {
    use crate::core::log::LogError;
    use crate::core::scenario::one_line;
    match e {
        LogError::Empty => tr("log-err-empty"),
        LogError::NoRows => tr("log-err-no-rows"),
        LogError::NotText => tr("scn-text-binary"),
        LogError::NoTrainColumn { found, hint } => {
            let mut out = tr_args("log-err-no-train", &[("found", one_line(found))]);
            if hint == "separator" {
                out += &tr("log-err-separator");
            }
            out
        }
        LogError::NoSuchColumn { role, name, found } => tr_args(
            "log-err-no-such-column",
            &[
                ("name", one_line(name)),
                ("role", role.to_string()),
                ("found", one_line(found)),
            ],
        ),
        LogError::Ragged {
            line,
            expected,
            found,
        } => tr_args(
            "log-err-ragged",
            &[
                ("line", line.to_string()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
        ),
        LogError::BadNumber { at, column, text } => tr_args(
            "log-err-bad-number",
            &[
                ("at", loc(at)),
                ("column", one_line(column)),
                ("text", one_line(text)),
            ],
        ),
        LogError::Csv { line, message } => tr_args(
            "log-err-csv",
            &[("line", line.to_string()), ("detail", one_line(message))],
        ),
        LogError::At { at, problem: p } => format!("{}: {}", loc(at), problem(p)),
        LogError::Format(p) => problem(p),
    }
}

/// A log error in a named file: "path: what is wrong", in this thread's language.
pub fn log_path_error(e: &crate::core::log::PathError) -> String {
    format!("{}: {}", e.path.display(), log_error(&e.error))
}

/// A scenario error as one line in this thread's language: where (line and column, the
/// field as the file spells it), then what is wrong.
pub fn scenario_error(e: &ScenarioError) -> String {
    let mut out = String::new();
    if let Some((line, column)) = e.line_col {
        out += &tr_args(
            "scn-at",
            &[("line", line.to_string()), ("column", column.to_string())],
        );
        out += " ";
    }
    if !e.field.is_empty() {
        out += &crate::core::scenario::one_line(&e.field);
        out += ": ";
    }
    out + &problem(&e.problem)
}

/// A column chosen among several, stated: "training loss read from 'loss' (240 values), not
/// 'train_loss' (1 value)".
pub fn choice(c: &ColumnChoice) -> String {
    tr_args(
        "log-choice",
        &[
            ("role", tr(&format!("log-role-{}", c.role.id()))),
            ("used", c.used.clone()),
            ("used_count", c.used_values.to_string()),
            ("other", c.other.clone()),
            ("other_count", c.other_values.to_string()),
        ],
    )
}

/// The thresholds behind a pattern, one line each: name, value and reason (the app's hover).
pub fn thresholds(p: Pattern, t: &Thresholds) -> Vec<String> {
    t.named()
        .into_iter()
        .filter(|(q, _, _)| *q == p)
        .map(|(_, name, value)| {
            let shown = match name {
                "flat" | "slow" | "rebound_share" => percent(value),
                "overfit_noise" | "val_train_ratio" => {
                    format!("×{}", trim_zeros(&format!("{value:.2}")))
                }
                "val_swings" => step(value),
                // Decades of loss, shown as the factor they mean.
                _ => format!("×{}", trim_zeros(&format!("{:.3}", 10f64.powf(value)))),
            };
            tr_args(
                "thr-line",
                &[
                    ("name", name.to_string()),
                    ("value", shown),
                    ("reason", tr(&format!("thr-{name}"))),
                ],
            )
        })
        .collect()
}

/// A fact as text, by the convention of its name (see [`Finding::facts`]).
fn fact_text(name: &str, value: f64) -> String {
    if name.ends_with("_step") {
        step(value)
    } else if name == "factor" || name.ends_with("_factor") {
        factor(value)
    } else if name.ends_with("_share") {
        percent(value)
    } else if name == "count" || name.ends_with("_count") {
        step(value)
    } else if name.ends_with("_product") {
        if value.is_finite() {
            format!("{value:.2}")
        } else {
            nonfinite_name(value).to_string()
        }
    } else if name == "log" {
        if value == 0.0 { "no" } else { "yes" }.to_string()
    } else {
        num(value)
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers in sentences

/// `NaN`, `inf` or `-inf`.
fn nonfinite_name(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// A value with three significant digits, in scientific notation when very large or small.
pub fn num(x: f64) -> String {
    num_sig(x, 3)
}

/// Two values with just enough significant digits (up to 9) to tell them apart.
fn nums(a: f64, b: f64) -> (String, String) {
    let mut sig = 3;
    loop {
        let (sa, sb) = (num_sig(a, sig), num_sig(b, sig));
        if sa != sb || a == b || sig >= 9 {
            return (sa, sb);
        }
        sig += 1;
    }
}

/// A value with `sig` significant digits.
fn num_sig(x: f64, sig: i32) -> String {
    if !x.is_finite() {
        return nonfinite_name(x).to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    if !(1e-3..1e4).contains(&a) {
        let s = format!("{x:.*e}", (sig - 1) as usize);
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    let decimals = (sig - 1 - a.log10().floor() as i32).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}"))
}

/// A ratio with two significant digits: 40, 9.1, 1.3; huge ones as powers of ten.
fn factor(r: f64) -> String {
    if !r.is_finite() {
        return nonfinite_name(r).to_string();
    }
    if r >= 1e4 {
        // ×307616315559 reads as noise; ×3.1e11 reads as "enormous".
        let e = r.log10().floor() as i32;
        format!("{}e{e}", trim_zeros(&format!("{:.1}", r / 10f64.powi(e))))
    } else if r >= 10.0 {
        format!("{r:.0}")
    } else {
        trim_zeros(&format!("{r:.1}"))
    }
}

/// A fraction as a percentage with two significant digits: 27%, 0.05%.
fn percent(f: f64) -> String {
    let p = f * 100.0;
    if !p.is_finite() {
        return format!("{}%", nonfinite_name(p));
    }
    let a = p.abs();
    let decimals = if a >= 10.0 || a == 0.0 {
        0
    } else {
        (1 - a.log10().floor() as i32).clamp(0, 6) as usize
    };
    format!("{}%", trim_zeros(&format!("{p:.decimals$}")))
}

/// A step number: whole steps without decimals.
fn step(s: f64) -> String {
    if s.is_finite() && s.fract() == 0.0 && s.abs() < 1e15 {
        format!("{}", s as i64)
    } else {
        num(s)
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {

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
    fn every_preset_and_surface_title_is_translated() {
        for lang in Lang::ALL {
            let b = bundle(lang);
            for p in crate::core::presets::PRESETS {
                for key in [
                    format!("preset-{}", p.name),
                    format!("preset-title-{}", p.name),
                ] {
                    assert!(b.has_message(&key), "{}: {key} missing", lang.code());
                }
            }
            for s in crate::core::surfaces::SURFACES {
                let key = format!("surface-title-{}", s.id);
                assert!(b.has_message(&key), "{}: {key} missing", lang.code());
            }
        }
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

    /// Every problem id core hands over has its message: scanned from the source, so a new
    /// `Problem::new("…")` or rule id without a Fluent entry fails here.
    #[test]
    fn every_scenario_problem_id_is_worded_in_every_language() {
        fn scan(dir: &std::path::Path, out: &mut BTreeSet<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    scan(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for (i, _) in text.match_indices("Problem::new(\"") {
                        let rest = &text[i + "Problem::new(\"".len()..];
                        out.insert(rest[..rest.find('"').unwrap()].to_string());
                    }
                }
            }
        }
        let mut ids = BTreeSet::new();
        scan(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
            &mut ids,
        );
        use crate::core::param::Valid;
        for v in [
            Valid::Finite,
            Valid::Positive,
            Valid::NonNegative,
            Valid::Unit,
            Valid::Flag,
        ] {
            ids.insert(v.rule().to_string());
        }
        for rule in [
            "null-or-positive",
            "open-unit",
            "not-number",
            "unit-or-null",
        ] {
            ids.insert(rule.to_string());
        }
        assert!(ids.len() > 20, "{ids:?}");
        for lang in Lang::ALL {
            let b = bundle(lang);
            for id in &ids {
                assert!(
                    b.has_message(&format!("scn-{id}")),
                    "{}: scn-{id}",
                    lang.code()
                );
            }
        }
    }

    /// A log that cannot be read is explained in Spanish too, quoting the file as written.
    #[test]
    fn log_errors_speak_spanish() {
        use crate::core::log::read_log;
        for (text, es_part) in [
            ("epoch,acc\n0,0.5\n", "no hay columna de pérdida"),
            ("epoch,loss\n0,1\n1,2,3\n", "línea 3: 3 celdas"),
            ("epoch,loss\n0,abc\n", "no se puede leer 'abc'"),
            ("", "vacío"),
        ] {
            let e = read_log(text).unwrap_err();
            let es = with_lang(Lang::Es, || log_error(&e));
            let en = with_lang(Lang::En, || log_error(&e));
            assert!(es.contains(es_part), "{es}");
            assert_ne!(es, en);
        }
    }

    /// Bad files are explained in the chosen language: field as written, then the problem.
    #[test]
    fn scenario_errors_and_warnings_speak_spanish() {
        use crate::core::scenario::Scenario;
        let bad = [
            r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "steps": 0, "optimizers": [{"kind": "sgd"}]}"#,
            r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "optimizers": [{"kind": "sgd", "lr": -1}]}"#,
            r#"{"surface": {"kind": "bowl"}, "start": [1, 2], "optimizers": [{"kind": "sgd"}]}"#,
            r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "optimizers": []}"#,
            r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "view": {"x": [1, 0], "y": [0, 1]}, "optimizers": [{"kind": "sgd"}]}"#,
            r#"{"surface": {"kind": "custom", "expr": "x + * y"}, "start": [1, 2], "optimizers": [{"kind": "sgd"}]}"#,
            r#"{"surface": {"kind": "custom", "expr": "x + zeta"}, "start": [1, 2], "optimizers": [{"kind": "sgd"}]}"#,
        ];
        for text in bad {
            let e = Scenario::from_json(text).unwrap_err();
            let en = with_lang(Lang::En, || scenario_error(&e));
            let es = with_lang(Lang::Es, || scenario_error(&e));
            assert!(!en.contains("scn-") && !es.contains("scn-"), "{en} / {es}");
            assert!(es.starts_with(&e.field), "{es}");
            assert_ne!(en, es, "not translated: {en}");
            assert!(!es.contains("must") && !es.contains("unknown"), "{es}");
        }
        let e = Scenario::from_json("{\n  \"start\": [1, @]}").unwrap_err();
        let es = with_lang(Lang::Es, || scenario_error(&e));
        assert!(es.starts_with("línea 2, columna"), "{es}");
        let warned = Scenario::from_json(
            r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "schedule": {"kind": "plateau", "patience": 5}, "early_stopping": {"patience": 3}, "optimizers": [{"kind": "sgd"}]}"#,
        )
        .unwrap();
        let w = warned.warnings();
        assert_eq!(w.len(), 1);
        let es = with_lang(Lang::Es, || problem(&w[0]));
        assert!(
            es.contains("paciencia") && es.contains('3') && es.contains('5'),
            "{es}"
        );
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
    fn huge_factors_read_as_powers_of_ten() {
        assert_eq!(factor(307_616_315_559.0), "3.1e11");
        assert_eq!(factor(40.0), "40");
        assert_eq!(factor(2.5), "2.5");
    }

    /// Every kind of evidence the diagnosis makes has a sentence in both languages, and no
    /// placeable is left unfilled.
    #[test]
    fn every_evidence_kind_has_a_sentence_in_both_languages() {
        use crate::core::diagnosis::{EVIDENCE_KINDS, Finding};
        for lang in Lang::ALL {
            with_lang(lang, || {
                for &(pattern, kind, names) in EVIDENCE_KINDS {
                    let f = Finding {
                        pattern,
                        kind,
                        facts: names.iter().map(|n| (*n, 1.5)).collect(),
                    };
                    let key = format!("ev-{}-{kind}", pattern.id());
                    assert!(has(&key), "{}: {key}", lang.code());
                    let text = evidence(&f);
                    assert!(!text.contains('{') && !text.contains("$"), "{key}: {text}");
                    assert!(!action(pattern).is_empty() && !title(pattern).is_empty());
                }
            });
        }
    }

    #[test]
    fn summaries_name_the_problems_and_advise_in_each_language() {
        let f = |pattern| Finding {
            pattern,
            kind: "",
            facts: Vec::new(),
        };
        with_lang(Lang::En, || {
            assert_eq!(
                summary(&[f(Pattern::Healthy)]),
                "The curves look healthy: nothing to change."
            );
            assert_eq!(
                summary(&[f(Pattern::SchedulerHelping), f(Pattern::Overfitting)]),
                format!(
                    "Schedule is helping and overfitting: {}.",
                    action(Pattern::Overfitting)
                )
            );
            assert!(summary(&[f(Pattern::LrTooHigh)]).starts_with("LR too high: lower lr"));
        });
        with_lang(Lang::Es, || {
            assert_eq!(
                summary(&[f(Pattern::Overfitting), f(Pattern::ValNoisy)]),
                "Sobreajuste y validación ruidosa: parada temprana, regularización, bajar α en \
                 las mesetas."
            );
        });
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
