//! The command line (SPEC §9): thin wrappers over `core`, `render` and `app`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::atomic::write_atomic_with;
use crate::core::diagnosis::{Finding, Pattern, diagnose};
use crate::core::log::{LogFormat, ReadOptions, read_path};
use crate::core::output;
use crate::core::presets::{self, PRESETS};
use crate::core::run::{run_scenario, runs};
use crate::core::scenario::Scenario;
use crate::core::surfaces::{SURFACES, example_raw};

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

/// The log formats `diagnose --log-format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormatArg {
    /// Keras `CSVLogger` (or any CSV with a header row).
    Keras,
    /// PyTorch Lightning `metrics.csv`.
    Lightning,
    /// Hugging Face `trainer_state.json`.
    Hf,
    /// TensorBoard event files.
    Tensorboard,
    /// Weights & Biases CSV export.
    Wandb,
    /// MLflow metric files.
    Mlflow,
}

impl From<LogFormatArg> for LogFormat {
    fn from(f: LogFormatArg) -> LogFormat {
        match f {
            LogFormatArg::Keras => LogFormat::Keras,
            LogFormatArg::Lightning => LogFormat::Lightning,
            LogFormatArg::Hf => LogFormat::Hf,
            LogFormatArg::Tensorboard => LogFormat::Tensorboard,
            LogFormatArg::Wandb => LogFormat::Wandb,
            LogFormatArg::Mlflow => LogFormat::Mlflow,
        }
    }
}

/// The language of the diagnosis' sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl From<LangArg> for crate::lang::Lang {
    fn from(l: LangArg) -> crate::lang::Lang {
        match l {
            LangArg::En => crate::lang::Lang::En,
            LangArg::Es => crate::lang::Lang::Es,
        }
    }
}

/// The arguments of `diagnose`.
#[derive(Debug, Clone, Args)]
pub struct DiagnoseArgs {
    /// The training log, or a directory holding one (a Lightning version_N, a TensorBoard log
    /// directory, an MLflow run, a Hugging Face output directory).
    pub log: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnoseFormat::Json)]
    pub format: DiagnoseFormat,
    /// The log's format, instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub log_format: Option<LogFormatArg>,
    /// The training-loss column or tag, when not one of the usual names.
    #[arg(long, value_name = "NAME")]
    pub train: Option<String>,
    /// The validation-loss column or tag, when not one of the usual names.
    #[arg(long, value_name = "NAME")]
    pub val: Option<String>,
    /// The learning-rate column or tag, when not one of the usual names.
    #[arg(long, value_name = "NAME")]
    pub lr: Option<String>,
    /// The language of the evidence and the actions.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
}

/// The arguments of `map`.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub input: ScenarioInput,
    /// The columns: NAME:LO:HI[:log|:lin] (lr is log unless :lin); NAME is lr, a parameter
    /// of the optimizer, or start_x (with start_y on --y). Default: lr from 1/100 to 10×.
    #[arg(long, value_name = "NAME:LO:HI[:log]", allow_hyphen_values = true)]
    pub x: Option<String>,
    /// The rows, as --x. Default: the optimizer's momentum, β or β1 over 0:0.99.
    #[arg(long, value_name = "NAME:LO:HI[:log]", allow_hyphen_values = true)]
    pub y: Option<String>,
    /// Cells per axis.
    #[arg(long, default_value_t = 128)]
    pub cells: usize,
    /// Which optimizer of the scenario, counted from 0.
    #[arg(long, default_value_t = 0)]
    pub optimizer: usize,
    /// An absolute loss threshold (default: 1e-2 × the loss at the start).
    #[arg(long, allow_hyphen_values = true)]
    pub threshold: Option<f64>,
    /// Write here (.json, .csv or .png, atomically) instead of JSON to standard output.
    #[arg(long, value_name = "PATH.json|PATH.csv|PATH.png")]
    pub out: Option<PathBuf>,
    /// PNG size in pixels.
    #[arg(
        long,
        value_name = "WxH",
        default_value = "900x640",
        allow_hyphen_values = true
    )]
    pub size: String,
    /// The language of the PNG's title and legend.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
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
        /// The language of each run's diagnosis (evidence and action).
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Diagnose a training log: Keras CSVLogger, Lightning metrics.csv, Hugging Face
    /// trainer_state.json, TensorBoard events, a W&B CSV export, MLflow metrics, or
    /// `run --format csv` output.
    Diagnose(DiagnoseArgs),
    /// Draw the landscape and trajectories to a PNG (finished runs) or GIF (animated),
    /// without a window.
    Render {
        #[command(flatten)]
        input: ScenarioInput,
        /// Output file; its extension (.png, .svg or .gif) picks the format. Written atomically.
        #[arg(long, value_name = "PATH.png|PATH.svg|PATH.gif")]
        out: PathBuf,
        /// Image size in pixels.
        // A value such as "-5x5" is a (bad) size, not an unknown flag.
        #[arg(
            long,
            value_name = "WxH",
            default_value = "1280x800",
            allow_hyphen_values = true
        )]
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
        /// The language of the figure's titles and notes.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Write the scenario as a runnable, commented script for another framework.
    Export {
        #[command(flatten)]
        input: ScenarioInput,
        /// The framework to write for.
        #[arg(long, value_enum)]
        to: ExportTarget,
        /// Write here instead of standard output (atomically: all or nothing).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Learning-rate range test: the rate grows exponentially over a short run on the
    /// scenario's surface; writes the loss against the rate and three suggestions (JSON).
    LrFind {
        #[command(flatten)]
        input: ScenarioInput,
        /// Which optimizer of the scenario, counting from 0.
        #[arg(long, value_name = "INDEX", default_value_t = 0)]
        optimizer: usize,
        /// The first learning rate.
        #[arg(
            long,
            value_name = "LR",
            default_value_t = 1e-6,
            allow_hyphen_values = true
        )]
        from: f64,
        /// The last learning rate.
        #[arg(
            long,
            value_name = "LR",
            default_value_t = 10.0,
            allow_hyphen_values = true
        )]
        to: f64,
        /// Steps of the test (one rate each).
        #[arg(long, default_value_t = 100)]
        steps: u64,
        /// Write here instead of standard output (atomically: all or nothing).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Fair comparison: tunes every optimizer's learning rate (and, with --second, its
    /// memory parameter) on one log grid under one shared step budget (JSON).
    Compare {
        #[command(flatten)]
        input: ScenarioInput,
        /// Steps every run gets (default: the scenario's steps).
        #[arg(long, value_name = "STEPS")]
        budget: Option<u64>,
        /// Learning rates tried per optimizer, log-spaced from 1e-5 to 10 (the same for all).
        #[arg(long, value_name = "N", default_value_t = 13)]
        grid: usize,
        /// Also tune each optimizer's memory parameter (β, μ or β1) over 0, 0.5, 0.9, 0.99.
        #[arg(long)]
        second: bool,
        /// Write here instead of standard output (atomically: all or nothing).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// A hyperparameter map: a grid over two parameters of one optimizer (or over the
    /// start point), each cell a run, holding the first step whose loss falls below the
    /// threshold (0 never, −1 diverged) or, for the start point, the minimum reached.
    Map(MapArgs),
    /// Print the URL fragment (`#s=…`) that opens the scenario in the web page: its JSON,
    /// raw-deflate compressed and base64url-encoded; put it after the page's address.
    Link {
        #[command(flatten)]
        input: ScenarioInput,
    },
    /// List the surfaces with their parameters, defaults, default view and minima.
    Surfaces,
    /// List the built-in classroom scenarios.
    Presets,
}

/// The frameworks `export --to` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// A Python script using torch's optimizers and schedulers.
    Pytorch,
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
    crate::core::scenario::load_file(path).map_err(|e| UserError(crate::lang::load_error(&e)))
}

/// Writes what `fill` produces to `out` atomically, or to standard output.
///
/// A failed write to standard output (a full disk, `> /dev/full`) is an error: the
/// output is incomplete. A closed pipe (`| head`) is not: the reader has what it wanted.
pub fn write_output(
    out: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), UserError> {
    match out {
        Some(path) => write_atomic_with(path, |w| fill(w))
            .map_err(|e| UserError(format!("{}: cannot write: {e}", path.display()))),
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            match fill(&mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(UserError(format!("cannot write to standard output: {e}"))),
            }
        }
    }
}

/// Writes `text` to `out` atomically, or to standard output (see [`write_output`]).
pub fn emit(out: Option<&Path>, text: &str) -> Result<(), UserError> {
    write_output(out, |w| w.write_all(text.as_bytes()))
}

/// Refuses an output path that names the input file (directly or through a link):
/// the run would replace the scenario it was made from.
fn refuse_same_file(input: Option<&Path>, out: &Path) -> Result<(), UserError> {
    let Some(input) = input else {
        return Ok(());
    };
    let same = match (std::fs::metadata(input), std::fs::metadata(out)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            a.dev() == b.dev() && a.ino() == b.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(input).ok() == std::fs::canonicalize(out).ok(),
        _ => false,
    };
    if same {
        return Err(UserError(format!(
            "--out {}: that is the scenario file being read; choose another path",
            out.display()
        )));
    }
    Ok(())
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
        Some(Command::Run {
            input,
            format,
            out,
            lang,
        }) => {
            if let Some(out) = &out {
                refuse_same_file(input.file.as_deref(), out)?;
            }
            let scenario = crate::lang::with_lang(lang.into(), || {
                load_scenario(input.file.as_deref(), input.preset.as_deref())
            })?;
            // Run by run, each written as soon as it is computed (see `core::output`).
            let words = |f: &crate::core::diagnosis::Finding| {
                crate::lang::with_lang(lang.into(), || crate::lang::finding_json(f))
            };
            let warnings: Vec<String> = crate::lang::with_lang(lang.into(), || {
                scenario
                    .warnings()
                    .iter()
                    .map(crate::lang::problem)
                    .collect()
            });
            write_output(out.as_deref(), |w| match format {
                RunFormat::Json => output::write_json(w, runs(&scenario), &warnings, &words),
                RunFormat::Csv => output::write_csv(w, runs(&scenario)),
            })?;
            Ok(Outcome::Done)
        }
        Some(Command::Diagnose(args)) => {
            emit(None, &diagnose_text(&args)?)?;
            Ok(Outcome::Done)
        }
        Some(Command::Render {
            input,
            out,
            size,
            fps,
            frames,
            with_loss,
            lang,
        }) => {
            refuse_same_file(input.file.as_deref(), &out)?;
            let scenario = crate::lang::with_lang(lang.into(), || {
                load_scenario(input.file.as_deref(), input.preset.as_deref())
            })?;
            crate::lang::with_lang(lang.into(), || {
                render_to(&scenario, &out, &size, fps, frames, with_loss)
            })?;
            Ok(Outcome::Done)
        }
        Some(Command::Export { input, to, out }) => {
            if let Some(out) = &out {
                refuse_same_file(input.file.as_deref(), out)?;
            }
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            let title = scenario_title(&input);
            let text = match to {
                ExportTarget::Pytorch => crate::core::export::to_pytorch(&scenario, &title)
                    .map_err(|e| UserError(e.to_string()))?,
            };
            emit(out.as_deref(), &text)?;
            Ok(Outcome::Done)
        }
        Some(Command::Link { input }) => {
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            emit(None, &(crate::core::link::encode(&scenario) + "\n"))?;
            Ok(Outcome::Done)
        }
        Some(Command::LrFind {
            input,
            optimizer,
            from,
            to,
            steps,
            out,
        }) => {
            if let Some(out) = &out {
                refuse_same_file(input.file.as_deref(), out)?;
            }
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            let settings = crate::core::lr_find::LrFindSettings {
                optimizer,
                from,
                to,
                steps,
            };
            let result = crate::core::lr_find::lr_find(&scenario, &settings)
                .map_err(|e| UserError(e.to_string()))?;
            emit(out.as_deref(), &(result.to_json() + "\n"))?;
            Ok(Outcome::Done)
        }
        Some(Command::Compare {
            input,
            budget,
            grid,
            second,
            out,
        }) => {
            if let Some(out) = &out {
                refuse_same_file(input.file.as_deref(), out)?;
            }
            let scenario = load_scenario(input.file.as_deref(), input.preset.as_deref())?;
            let settings = crate::core::compare::CompareSettings {
                budget: budget.unwrap_or(scenario.steps),
                grid,
                second,
                ..Default::default()
            };
            let result = crate::core::compare::compare(&scenario, &settings)
                .map_err(|e| UserError(e.to_string()))?;
            emit(out.as_deref(), &(result.to_json() + "\n"))?;
            Ok(Outcome::Done)
        }
        Some(Command::Map(args)) => {
            map_command(&args)?;
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
                .map(|p| {
                    let description = crate::lang::tr(&format!("preset-{}", p.name));
                    format!("{:width$}  {description}\n", p.name)
                })
                .collect();
            emit(None, &text)?;
            Ok(Outcome::Done)
        }
    }
}

/// What names the scenario in an exported script: the preset, or the file's name.
fn scenario_title(input: &ScenarioInput) -> String {
    match (&input.preset, &input.file) {
        (Some(name), _) => format!("'{name}' (a built-in preset)"),
        (None, Some(path)) => format!(
            "'{}'",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
        (None, None) => "(the default scenario)".to_string(),
    }
}

/// Computes and writes the map `args` asks for.
pub fn map_command(args: &MapArgs) -> Result<(), UserError> {
    use crate::core::map::{AxisSpec, MapRequest, compute_map, default_axes, optimizer_of};
    enum Out {
        Json,
        Csv,
        Png(u32, u32),
    }
    let format = match &args.out {
        None => Out::Json,
        Some(path) => {
            refuse_same_file(args.input.file.as_deref(), path)?;
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("json") => Out::Json,
                Some("csv") => Out::Csv,
                Some("png") => {
                    let (w, h) = crate::render::parse_size(&args.size).map_err(UserError)?;
                    Out::Png(w, h)
                }
                _ => {
                    return Err(UserError(format!(
                        "--out {}: the extension must be .json, .csv or .png",
                        path.display()
                    )));
                }
            }
        }
    };
    let axis = |arg: &str, text: &Option<String>| -> Result<Option<AxisSpec>, UserError> {
        text.as_deref()
            .map(|t| AxisSpec::parse(t).map_err(|e| UserError(format!("{arg}: {e}"))))
            .transpose()
    };
    let (x, y) = (axis("--x", &args.x)?, axis("--y", &args.y)?);
    let scenario = load_scenario(args.input.file.as_deref(), args.input.preset.as_deref())?;
    let kind = optimizer_of(&scenario, args.optimizer)
        .map_err(|e| UserError(e.to_string()))?
        .kind
        .name();
    let (default_x, default_y) =
        default_axes(&scenario, args.optimizer).map_or((None, None), |(x, y)| (Some(x), y));
    let req = MapRequest {
        x: x.or(default_x)
            .ok_or_else(|| UserError("--x: required".into()))?,
        y: y.or(default_y).ok_or_else(|| {
            UserError(format!(
                "--y: required for {kind} (it has no momentum-like parameter to default to); a \
                 start-point map is --x start_x:LO:HI --y start_y:LO:HI"
            ))
        })?,
        cells: args.cells,
        optimizer: args.optimizer,
        threshold: args.threshold,
    };
    let map = compute_map(&scenario, &req).map_err(|e| UserError(e.to_string()))?;
    match format {
        Out::Json => emit(args.out.as_deref(), &(map.to_json_string() + "\n")),
        Out::Csv => emit(args.out.as_deref(), &map.to_csv()),
        Out::Png(w, h) => {
            let path = args.out.as_deref().unwrap_or(Path::new("map.png"));
            crate::lang::with_lang(args.lang.into(), || {
                crate::render::map::write_map_png(path, &map, w, h)
            })
            .map_err(|e| UserError(format!("{}: cannot write: {e}", path.display())))
        }
    }
}

/// Reads and diagnoses the log `args` names, formatted for output.
pub fn diagnose_text(args: &DiagnoseArgs) -> Result<String, UserError> {
    let options = ReadOptions {
        format: args.log_format.map(LogFormat::from),
        train: args.train.clone(),
        val: args.val.clone(),
        lr: args.lr.clone(),
    };
    let read = read_path(&args.log, &options).map_err(|e| {
        UserError(crate::lang::with_lang(args.lang.into(), || {
            crate::lang::log_path_error(&e)
        }))
    })?;
    // Unnamed runs are named after what was given: the file, or the directory.
    let given = if args.log.is_dir() {
        args.log.file_name()
    } else {
        args.log.file_stem()
    };
    let stem = given
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let results: Vec<(String, Vec<Finding>)> = read
        .runs
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
    crate::lang::with_lang(args.lang.into(), || {
        let notes = |i: usize| -> Vec<String> {
            read.runs[i]
                .choices
                .iter()
                .map(crate::lang::choice)
                .collect()
        };
        match args.format {
            DiagnoseFormat::Json => {
                let runs: Vec<serde_json::Value> = results
                    .iter()
                    .enumerate()
                    .map(|(i, (run, findings))| {
                        let patterns: Vec<serde_json::Value> =
                            findings.iter().map(crate::lang::finding_json).collect();
                        let mut v = serde_json::json!({"run": run, "patterns": patterns});
                        // A column chosen among several is stated, never silent.
                        let notes = notes(i);
                        if !notes.is_empty() {
                            v["notes"] = serde_json::json!(notes);
                        }
                        v
                    })
                    .collect();
                Ok(
                    serde_json::to_string_pretty(&serde_json::json!({ "runs": runs }))
                        .expect("diagnosis always serializes")
                        + "\n",
                )
            }
            DiagnoseFormat::Text => {
                let mut out = String::new();
                for (i, (run, findings)) in results.iter().enumerate() {
                    out.push_str(&format!("{run}: {}\n", crate::lang::summary(findings)));
                    for note in notes(i) {
                        out.push_str(&format!("  {} {note}\n", crate::lang::tr("diag-note")));
                    }
                    for f in findings {
                        out.push_str(&format!(
                            "  {} ({})\n    {} {}\n",
                            crate::lang::title(f.pattern),
                            f.pattern.id(),
                            crate::lang::tr("diag-evidence"),
                            crate::lang::evidence(f)
                        ));
                        if f.pattern != Pattern::Healthy {
                            out.push_str(&format!(
                                "    {} {}\n",
                                crate::lang::tr("diag-try"),
                                crate::lang::action_for(f)
                            ));
                        }
                    }
                }
                Ok(out)
            }
        }
    })
}

/// The listing of `gradscape surfaces`: built from each kind's defaults, so it cannot
/// drift from what files get.
pub fn surfaces_text() -> String {
    let mut out = String::new();
    for info in SURFACES {
        let kind = info.id;
        let raw = example_raw(kind).expect("every kind's example is valid");
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
        let note = if info.syntax.is_empty() {
            String::new()
        } else {
            format!("  ({})", info.syntax)
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

/// Prints one error line on stderr (`gradscape: …`). A failing stderr is ignored: there is
/// nowhere left to report it.
pub fn print_error(message: &str) {
    let _ = writeln!(std::io::stderr(), "gradscape: {message}");
}

/// Handles what `clap` could not parse: help and version go to standard output (exit 0,
/// or 2 if that write fails); a usage error is one line on stderr (exit 2). Returns the
/// exit status.
pub fn handle_parse_error(e: &clap::Error, args: &[std::ffi::OsString]) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            use std::io::IsTerminal;
            let text = if std::io::stdout().is_terminal() {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            match emit(None, &text) {
                Ok(()) => 0,
                Err(err) => {
                    print_error(&err.0);
                    2
                }
            }
        }
        _ => {
            let _ = writeln!(std::io::stderr(), "{}", usage_error_line(e, args));
            2
        }
    }
}

/// clap's error message as one line ending with where to read more, e.g.
/// `error: invalid value 'CSV' for '--format': expected json or csv (see gradscape run
/// --help)`. clap lays its messages out over several lines (lists, tips, the usage);
/// the README promises one.
pub fn usage_error_line(e: &clap::Error, args: &[std::ffi::OsString]) -> String {
    use clap::CommandFactory;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use std::num::ParseIntError;
    let rendered = e.render().to_string();
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or_default();
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    // A number that does not parse: say what is expected rather than Rust's wording.
    let not_whole = std::error::Error::source(e).is_some_and(|s| s.is::<ParseIntError>());
    if e.kind() == ErrorKind::ValueValidation
        && not_whole
        && let (Some(ContextValue::String(arg)), Some(ContextValue::String(value))) = (
            e.get(ContextKind::InvalidArg),
            e.get(ContextKind::InvalidValue),
        )
    {
        message = format!("invalid value '{value}' for '{arg}': expected a whole number");
    }
    // The lines up to the blank one belong to the message: a list, possible values, tips.
    let mut items = Vec::new();
    for line in lines.by_ref() {
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some(values) = line
            .strip_prefix("[possible values: ")
            .and_then(|v| v.strip_suffix(']'))
        {
            let values: Vec<&str> = values.split(", ").collect();
            let expected = match values.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => values.join(""),
            };
            message.push_str(&format!(": expected {expected}"));
        } else {
            // A required group reads "<FILE|--preset <NAME>>": say "FILE or --preset NAME".
            items.push(line.replace(['<', '>'], "").replace('|', " or "));
        }
    }
    // Tips come after the usage block.
    for line in lines {
        if let Some(tip) = line.trim().strip_prefix("tip: ") {
            items.push(tip.to_string());
        }
    }
    for item in items {
        if message.ends_with(':') {
            message.push(' ');
        } else {
            message.push_str(if item.starts_with(['-', '<', '[']) {
                ", "
            } else {
                "; "
            });
        }
        message.push_str(&item);
    }
    let message = drop_placeholders(&message);
    let subcommands = Cli::command();
    let sub = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|a| subcommands.find_subcommand(a).is_some());
    let help = match sub {
        Some(name) => format!("gradscape {name} --help"),
        None => "gradscape --help".to_string(),
    };
    format!("error: {message} (see {help})")
}

/// `'--format <FORMAT>'` → `'--format'`: the placeholder repeats what the message says.
fn drop_placeholders(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find("'-") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest[1..].find('\'').map_or(rest.len(), |i| i + 2);
        let quoted = &rest[..end];
        match quoted.find([' ', '=']) {
            Some(cut)
                if quoted[cut..]
                    .trim_start_matches([' ', '='])
                    .starts_with('<') =>
            {
                out.push_str(&quoted[..cut]);
                out.push('\'');
            }
            _ => out.push_str(quoted),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Removes any temporary file being written when SIGINT or SIGTERM arrives, then ends
/// the process as the signal would have: an interrupted `render` or `run --out` leaves
/// neither litter nor a half-written target.
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            crate::core::atomic::remove_pending_temporaries();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}
