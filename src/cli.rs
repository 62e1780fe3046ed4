//! The command line (SPEC §9): thin wrappers over `core`, `render` and `app`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::atomic::write_atomic;
use crate::core::diagnosis::{Finding, Pattern, diagnose, summary};
use crate::core::log::read_log;
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

/// Output format of `diagnose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnoseFormat {
    /// `{"runs": [{"run", "patterns": [{"pattern", "evidence", "action"}]}]}` (SPEC §10).
    Json,
    /// A few readable lines per run.
    Text,
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
    /// Diagnose a training log (a Keras CSVLogger file or `run --format csv` output).
    Diagnose {
        /// The CSV log; separators `,` `;` or tab.
        log: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiagnoseFormat::Json)]
        format: DiagnoseFormat,
    },
    /// Draw the landscape and trajectories to a PNG (finished runs) or GIF (animated),
    /// without a window.
    Render {
        #[command(flatten)]
        input: ScenarioInput,
        /// Output file; its extension (.png, .svg or .gif) picks the format. Written atomically.
        #[arg(long, value_name = "PATH.png|PATH.svg|PATH.gif")]
        out: PathBuf,
        /// Image size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1280x800")]
        size: String,
        /// GIF frames per second.
        #[arg(long, default_value_t = 15)]
        fps: u32,
        /// GIF frame count.
        #[arg(long, default_value_t = 60)]
        frames: u32,
        /// Draw the loss curves (log scale) beside the landscape.
        #[arg(long)]
        with_loss: bool,
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
        None => Ok(Outcome::OpenApp(
            Box::new(presets::default_scenario()),
            None,
        )),
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
        Some(Command::Diagnose { log, format }) => {
            emit(None, &diagnose_text(&log, format)?)?;
            Ok(Outcome::Done)
        }
        Some(Command::Render {
            input,
            out,
            size,
            fps,
            frames,
            with_loss,
        }) => {
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            render_to(&scenario, &out, &size, fps, frames, with_loss)?;
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

/// Reads and diagnoses the log at `path`, formatted for output.
pub fn diagnose_text(path: &Path, format: DiagnoseFormat) -> Result<String, UserError> {
    let bytes = std::fs::read(path)
        .map_err(|e| UserError(format!("{}: cannot read: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Binary data (a NUL byte early on) is not a mis-encoded text file.
        if bytes.iter().take(8192).any(|b| *b == 0) {
            return UserError(format!(
                "{}: the log is not a text CSV file (it contains binary data)",
                path.display()
            ));
        }
        let line = bytes[..bad].iter().filter(|b| **b == b'\n').count() + 1;
        UserError(format!(
            "{}: line {line}: the text is not valid UTF-8 (byte {bad}); save the log as UTF-8",
            path.display()
        ))
    })?;
    let runs = read_log(&text).map_err(|e| UserError(format!("{}: {e}", path.display())))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let results: Vec<(String, Vec<Finding>)> = runs
        .iter()
        .map(|r| {
            let name = if r.name.is_empty() {
                stem.clone()
            } else {
                r.name.clone()
            };
            (name, diagnose(&r.series()))
        })
        .collect();
    Ok(match format {
        DiagnoseFormat::Json => {
            let runs: Vec<serde_json::Value> = results
                .iter()
                .map(|(run, patterns)| serde_json::json!({"run": run, "patterns": patterns}))
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({ "runs": runs }))
                .expect("diagnosis always serializes")
                + "\n"
        }
        DiagnoseFormat::Text => {
            let mut out = String::new();
            for (run, findings) in &results {
                out.push_str(&format!("{run}: {}\n", summary(findings)));
                for f in findings {
                    out.push_str(&format!(
                        "  {} ({})\n    evidence: {}\n",
                        f.pattern.title(),
                        f.pattern.id(),
                        f.evidence
                    ));
                    if f.pattern != Pattern::Healthy {
                        out.push_str(&format!("    try: {}\n", f.action));
                    }
                }
            }
            out
        }
    })
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
            (_, "custom") => {
                "  (any f(x, y) with + - * / ^ ( ), sin cos tan exp ln log sqrt abs tanh, pi, e)"
            }
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

/// `gradscape render`: checks every argument before drawing, so bad input creates no file.
pub fn render_to(
    scenario: &Scenario,
    out: &Path,
    size: &str,
    fps: u32,
    frames: u32,
    with_loss: bool,
) -> Result<(), UserError> {
    use crate::render::{self, Format, RenderOptions};
    let format = Format::of(out).ok_or_else(|| {
        UserError(format!(
            "{}: the output must end in .png, .svg or .gif",
            out.display()
        ))
    })?;
    let (width, height) = render::parse_size(size).map_err(UserError)?;
    if !(1..=100).contains(&fps) {
        return Err(UserError(format!(
            "--fps must be from 1 to 100 (got {fps})"
        )));
    }
    if !(1..=10_000).contains(&frames) {
        return Err(UserError(format!(
            "--frames must be from 1 to 10000 (got {frames})"
        )));
    }
    let options = RenderOptions {
        width,
        height,
        with_loss,
        frames,
        fps,
    };
    let runs = run_scenario(scenario);
    let written = match format {
        Format::Png => render::write_png(out, scenario, &runs, &options),
        Format::Svg => render::write_svg(out, scenario, &runs, &options),
        Format::Gif => {
            let mut bar = render::ProgressBar::new("rendering frames");
            render::write_gif(out, scenario, &runs, &options, &mut |d, t| bar.update(d, t))
        }
    };
    written.map_err(|e| UserError(format!("{}: cannot write: {e}", out.display())))
}
