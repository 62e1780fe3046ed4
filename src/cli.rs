//! The command line (SPEC §9): thin wrappers over `core`, `render` and `app`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::atomic::write_atomic;
use crate::core::output;
use crate::core::presets::{self, PRESETS};
use crate::core::run::run_scenario;
use crate::core::scenario::{RawSurface, Scenario, SurfaceSpec};
use crate::core::surface::SURFACE_KINDS;

/// Gradscape: watch optimizers move on 2-D loss surfaces.
#[derive(Debug, Parser)]
#[command(name = "gradscape", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, the app opens on the default scenario.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A scenario given as a file or as a built-in preset.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct ScenarioInput {
    /// A scenario file (JSON, SPEC §8).
    pub file: Option<PathBuf>,
    /// A built-in scenario instead of a file (see `gradscape presets`).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
}

/// A scenario given as a file or a preset, or neither (the default scenario).
#[derive(Debug, Clone, Args)]
#[group(required = false, multiple = false)]
pub struct OptionalScenarioInput {
    /// A scenario file (JSON, SPEC §8).
    pub file: Option<PathBuf>,
    /// A built-in scenario instead of a file (see `gradscape presets`).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
}

/// Output format of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    /// SPEC §9's JSON object.
    Json,
    /// One row per step: run,t,x,y,loss,lr,grad_norm,val_loss.
    Csv,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app on a scenario.
    Open(OptionalScenarioInput),
    /// Run a scenario headless and write every trajectory.
    Run {
        #[command(flatten)]
        input: ScenarioInput,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RunFormat::Json)]
        format: RunFormat,
        /// Write here instead of standard output (atomically: all or nothing).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// List the surfaces with their parameters, defaults, default view and minima.
    Surfaces,
    /// List the built-in classroom scenarios.
    Presets,
}

/// What `main` should do after the command line is handled.
pub enum Outcome {
    /// The command finished.
    Done,
    /// Open the window on this scenario (and the file it came from).
    OpenApp(Box<Scenario>, Option<PathBuf>),
}

/// A failure the user can act on: exit status 2 and one line on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

/// Loads a scenario from a file or a preset name.
pub fn load_scenario(file: Option<&Path>, preset: Option<&str>) -> Result<Scenario, UserError> {
    if let Some(name) = preset {
        return presets::find(name).map(|p| p.scenario()).ok_or_else(|| {
            let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
            UserError(format!(
                "unknown preset '{name}' (known: {})",
                names.join(", ")
            ))
        });
    }
    let Some(path) = file else {
        return Ok(presets::default_scenario());
    };
    let bytes = std::fs::read(path)
        .map_err(|e| UserError(format!("{}: cannot read: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        UserError(format!(
            "{}: not a text file (invalid UTF-8 at byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    Scenario::from_json(&text).map_err(|e| UserError(format!("{}: {e}", path.display())))
}

/// Writes `text` to `out` atomically, or to standard output.
pub fn emit(out: Option<&Path>, text: &str) -> Result<(), UserError> {
    match out {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| UserError(format!("{}: cannot write: {e}", path.display()))),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}

/// Carries out a parsed command line.
pub fn execute(cli: Cli) -> Result<Outcome, UserError> {
    match cli.command {
        None => Ok(Outcome::OpenApp(Box::new(presets::default_scenario()), None)),
        Some(Command::Open(input)) => {
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            Ok(Outcome::OpenApp(Box::new(scenario), input.file))
        }
        Some(Command::Run { input, format, out }) => {
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            let set = run_scenario(&scenario);
            let text = match format {
                RunFormat::Json => output::to_json(&set) + "\n",
                RunFormat::Csv => output::to_csv(&set),
            };
            emit(out.as_deref(), &text)?;
            Ok(Outcome::Done)
        }
        Some(Command::Surfaces) => {
            emit(None, &surfaces_text())?;
            Ok(Outcome::Done)
        }
        Some(Command::Presets) => {
            let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
            let text: String = PRESETS
                .iter()
                .map(|p| format!("{:width$}  {}\n", p.name, p.description))
                .collect();
            emit(None, &text)?;
            Ok(Outcome::Done)
        }
    }
}

/// The listing of `gradscape surfaces`: built from each kind's defaults, so it cannot
/// drift from what files get.
pub fn surfaces_text() -> String {
    let mut out = String::new();
    for kind in SURFACE_KINDS {
        let raw = RawSurface {
            kind: kind.to_string(),
            expr: (kind == "custom").then(|| "x^2 + 10*y^2".to_string()),
            ..Default::default()
        };
        let scenario = Scenario::from_raw(&crate::core::scenario::RawScenario {
            surface: raw,
            start: [0.0, 0.0],
            optimizers: vec![crate::core::scenario::RawOptimizer {
                kind: "sgd".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .expect("every kind's defaults are valid");
        let params = serde_json::to_value(scenario.to_raw().surface).unwrap_or_default();
        let params: Vec<String> = params
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| k.as_str() != "kind")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let surface = scenario.surface.build(scenario.seed);
        let view = surface.default_view();
        let minima: Vec<String> = surface
            .minima()
            .iter()
            .map(|m| format!("({}, {})", fmt_num(m.x), fmt_num(m.y)))
            .collect();
        let note = match (&scenario.surface, kind) {
            (SurfaceSpec::GeneratedLinreg { .. }, _) => {
                "  (or explicit data: train=[[ξ,η],…] val=[[ξ,η],…] batch_size)"
            }
            (_, "custom") => "  (any f(x, y) with + - * / ^ ( ), sin cos tan exp ln log sqrt abs tanh, pi, e)",
            _ => "",
        };
        out.push_str(&format!(
            "{kind}\n  parameters: {}{note}\n  default view: x [{}, {}], y [{}, {}]\n  minima: {}\n",
            if params.is_empty() { "none".to_string() } else { params.join(" ") },
            fmt_num(view.x[0]),
            fmt_num(view.x[1]),
            fmt_num(view.y[0]),
            fmt_num(view.y[1]),
            if minima.is_empty() {
                "depends on the expression (least squares for linreg)".to_string()
            } else {
                minima.join(", ")
            },
        ));
    }
    out
}

/// Up to 4 decimals, trailing zeros dropped.
fn fmt_num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}
