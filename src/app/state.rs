//! Everything the window knows, in one place: the scenario being edited, the runs derived
//! from it, and the UI's own settings. Panels mutate it; views only read it.

use std::path::{Path, PathBuf};
use web_time::{Duration, Instant};

use egui::{Pos2, Rect, pos2};
use serde::{Deserialize, Serialize};

use super::i18n::tr_args;
use super::platform::{write as write_atomic, write_with as write_atomic_with};
use crate::core::Vec2;
use crate::core::diagnosis::Finding;
use crate::core::optimizers::OptimizerConfig;
use crate::core::par::pool;
use crate::core::presets;
use crate::core::replay::{Replay, Snapshot};
use crate::core::run::{Run, RunSet, rerun_with_ends, same_run};
use crate::core::scenario::Scenario;
use crate::core::surfaces::{Surface, View, example_raw};

/// Most frames an exported GIF may have (as `render --frames`).
pub const MAX_EXPORT_FRAMES: u32 = 10_000;

/// At most this many files are remembered in File ▸ Recent.
pub const MAX_RECENT: usize = 8;

/// A point of one run that the pointer is over, on the landscape or in the loss panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hover {
    /// Index of the run (and optimizer).
    pub run: usize,
    /// The step t: index into the run's points.
    pub step: usize,
}

/// Which view the hovered point came from: each clears only its own hover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoverSource {
    /// The landscape.
    Landscape,
    /// A plot of the loss panel.
    Plot,
}

/// Work a panel asks for that needs more than the state: dialogs, the clipboard, screenshots.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// File ▸ New: the default scenario.
    New,
    /// File ▸ Open…: a file dialog.
    OpenDialog,
    /// Open this file (recent files).
    OpenPath(PathBuf),
    /// File ▸ Save: to the current path, or a dialog when there is none.
    Save,
    /// File ▸ Save as…: a dialog.
    SaveAs,
    /// File ▸ Export…: PNG, SVG and GIF first ask for size (and frames); CSV and JSON go
    /// straight to the file dialog.
    Export(ExportKind),
    /// File ▸ Open training log…: a file dialog.
    OpenTrainingLogDialog,
    /// Open this training log (a file or a directory) into the loss panel.
    OpenTrainingLog(PathBuf),
    /// The export window's "Save…": the file dialog, then the file.
    ExportChoose(ExportKind),
    /// File ▸ Copy link: the scenario as a link to the web page (`core::link`).
    CopyLink,
}

/// What File ▸ Export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The whole figure (title, axes, colour bar, legend) at the playhead, drawn by the
    /// same renderer as `gradscape render`.
    Png,
    /// The same figure as vectors.
    Svg,
    /// The animated trajectories, drawn by the same renderer as `gradscape render`.
    Gif,
    /// Every run, one row per step, as `gradscape run --format csv` writes it.
    Csv,
    /// Every run, as `gradscape run` writes it.
    Json,
    /// The scenario as a runnable PyTorch script, as `gradscape export --to pytorch`.
    PyTorch,
}

impl ExportKind {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Gif => "gif",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::PyTorch => "py",
        }
    }
}

/// The UI settings that survive a restart (the scenario is stored separately, as its JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Playback speed in steps per second.
    pub speed: f64,
    /// Train loss on a log axis.
    pub log_loss: bool,
    /// Files opened or saved lately, newest first.
    pub recent: Vec<PathBuf>,
    /// Show the contour lines.
    pub contours: bool,
    /// The UI's language.
    pub lang: super::i18n::Lang,
    /// Light or dark theme.
    pub theme: super::look::ThemeChoice,
    /// Projector mode: larger text, high contrast, thicker strokes.
    pub projector: bool,
    /// The UI scale (1 = normal), before projector mode's enlargement.
    pub ui_scale: f32,
    /// Show the landscape as a rotatable 3-D surface instead of the map.
    pub view_3d: bool,
    /// Draw the gradient and velocity arrows at the playhead.
    pub arrows: bool,
    /// Keep the previous path, faded, after a setting changes.
    pub ghosts: bool,
    /// Size, frames and contents of exported figures.
    pub export: ExportSettings,
    /// The loss panel is shown (folded to one line when not).
    pub loss_open: bool,
    /// Which plots the loss panel shows.
    pub loss_tab: LossTab,
    /// Show the legends on the landscape (runs, arrows).
    pub legends: bool,
}

/// Which plots the loss panel shows: all three side by side, or one at full width (a
/// narrow or projected window has no room for three readable plots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LossTab {
    /// Three side by side when the panel is wide enough, else the loss alone.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// All three side by side.
    #[serde(rename = "all")]
    All,
    /// The loss alone.
    #[serde(rename = "loss")]
    Loss,
    /// The learning rate alone.
    #[serde(rename = "lr")]
    Lr,
    /// The gradient norm alone.
    #[serde(rename = "grad")]
    Grad,
}

/// What an exported PNG, SVG or GIF looks like.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// GIF frames.
    pub frames: u32,
    /// Put the loss curves beside the landscape.
    pub with_loss: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        // Full HD: what a slide or a projector shows.
        Self {
            width: 1920,
            height: 1080,
            frames: 60,
            with_loss: false,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            speed: 100.0,
            log_loss: true,
            recent: Vec::new(),
            contours: true,
            lang: super::i18n::Lang::default(),
            theme: super::look::ThemeChoice::default(),
            projector: false,
            ui_scale: 1.0,
            view_3d: false,
            arrows: true,
            ghosts: true,
            export: ExportSettings::default(),
            loss_open: true,
            loss_tab: LossTab::Auto,
            legends: true,
        }
    }
}

/// The whole state of the window.
pub struct AppState {
    /// The scenario being edited; always valid.
    pub scenario: Scenario,
    /// The runs of `scenario`: on a change, those of the optimizers it touched are
    /// recomputed, the others kept.
    pub runs: RunSet,
    /// Names the contents of each run: a run recomputed gets a new id, a run kept keeps
    /// its id, so the views' caches (paths, curves, diagnoses) redo only what changed.
    pub run_ids: Vec<u64>,
    /// The scenario `runs` were computed from (while a worker result is pending it may
    /// be older than `scenario`).
    computed_from: Option<Scenario>,
    /// The run id each of `diagnoses` was made for.
    diagnosed: Vec<u64>,
    /// Runs computed on this thread or the worker since the state was made (tests check
    /// that a drag recomputes one run, not all).
    pub runs_computed: u64,
    /// Runs diagnosed since the state was made (on this thread or the worker).
    pub runs_diagnosed: u64,
    /// The language the runs' labels were worded in.
    labels_lang: Option<crate::lang::Lang>,
    /// The diagnosis of each run.
    pub diagnoses: Vec<Vec<Finding>>,
    /// The surface of `scenario`, built once per change.
    pub surface: Surface,
    /// The file the scenario came from or was last saved to.
    pub path: Option<PathBuf>,
    /// The step shown, fractional while playing: runs are revealed up to ⌊playhead⌋.
    pub playhead: f64,
    /// Whether the playhead advances by itself.
    pub playing: bool,
    /// The region of the plane shown.
    pub view: View,
    /// Whether the user moved the view away from the scenario's (saved with the file).
    pub view_moved: bool,
    /// Per optimizer: whether its trajectory and curves are shown.
    pub visible: Vec<bool>,
    /// The optimizer whose settings the side panel shows.
    pub selected: usize,
    /// The point under the pointer, if any.
    pub hovered: Option<Hover>,
    /// Where the hover came from.
    pub hover_source: Option<HoverSource>,
    /// Where the landscape was drawn last frame and what it showed (tests and export use it).
    pub landscape: Option<Transform>,
    /// The pointer over the landscape, if it is there.
    pub pointer: Option<egui::Pos2>,
    /// The last error (a bad file, an invalid setting), shown until dismissed.
    pub error: Option<String>,
    /// The last success message (saved, exported).
    pub notice: Option<String>,
    /// A training log shown in the loss panel instead of the runs, until closed.
    pub training_log: Option<TrainingLog>,
    /// The custom-expression text box, which may hold an expression that does not parse.
    pub expr_text: String,
    /// Why `expr_text` does not parse.
    pub expr_error: Option<String>,
    /// Persistent UI settings.
    pub settings: Settings,
    /// The lesson whose card is shown (an index into `lessons::LESSONS`); loading any
    /// other scenario closes it.
    pub lesson: Option<usize>,
    /// The situation of the lesson shown, for lessons of several (see `Lesson::stages`).
    pub lesson_stage: usize,
    /// The run the student predicted will answer the lesson's question, once picked.
    pub lesson_guess: Option<usize>,
    /// Requests for the app (dialogs, screenshots).
    pub actions: Vec<Action>,
    /// The side panel is shown; `None` until the first frame picks by the window's width.
    pub side_open: Option<bool>,
    /// The export window is open for this kind.
    pub export_setup: Option<ExportKind>,
    /// The LR range test and fair comparison windows, and their results.
    pub tuning: super::tuning_results::Tuning,
    /// The "Start here" card is shown.
    pub start_card: bool,
    /// Bumped on every recomputation, so caches can tell the runs changed.
    pub generation: u64,
    /// How long the last recomputation took (runs + diagnosis).
    pub last_compute: Duration,
    /// The diagnoses describe older runs.
    diagnoses_stale: bool,
    /// When the runs last changed.
    changed_at: Instant,
    /// Where the playhead stood at the end of the runs: it stays there as they change.
    at_end: bool,
    dirty: bool,
    /// Ghost paths and the replay behind the overlays.
    pub classroom: Classroom,
    /// Computes long scenarios off the UI thread (started on the first one).
    worker: Option<Worker>,
    /// The id of the last request sent to the worker, while its result is awaited.
    pending: Option<u64>,
    /// Worker results with a smaller id are older than the runs shown: dropped.
    min_accept: u64,
    /// Asked to repaint when the worker's result arrives (the app sets it every frame).
    pub repaint: Option<egui::Context>,
}

/// Scenarios with more steps than this in all (steps × optimizers) are computed on a
/// worker thread; shorter ones in the frame that changed them. At 3 × 10⁶ steps a full
/// recompute took ~0.4 s in release on a loaded 2-core machine (BENCHMARKS.md), so
/// 2 × 10⁵ steps cost ≲ 30 ms, and a slider moves one run of them.
pub const SYNC_STEP_LIMIT: u64 = 200_000;

/// Runs given back to the worker for their memory.
type Spares = std::sync::Arc<std::sync::Mutex<Vec<Run>>>;

/// What the worker hands back: the runs and diagnoses of request `id`.
struct Computed {
    id: u64,
    /// The scenario they were computed from.
    scenario: Scenario,
    /// The runs, but for those marked `delivered`: an empty [`Run`] stands for each.
    runs: RunSet,
    /// The runs the state already holds (sent in an earlier result and unchanged since),
    /// found there by id: sending them again would copy them (about 100 ms for three
    /// runs of 10⁶ steps).
    delivered: Vec<bool>,
    /// The id of each run (kept from the worker's last result where the run was reused).
    ids: Vec<u64>,
    diagnoses: Vec<Vec<Finding>>,
    /// The runs replayed to their ends, for the playhead's panel.
    replay: Replay,
    /// How many runs were computed for this result (the others reused), superseded
    /// requests' work included.
    computed: u64,
    /// How many runs were diagnosed for it.
    diagnosed: u64,
}

/// What the worker keeps of its last result, to recompute only the runs a change touched.
#[cfg(not(target_arch = "wasm32"))]
struct WorkerCache {
    scenario: Scenario,
    /// Runs made but never sent; `None` for those sent, which the state holds.
    runs: Vec<Option<Run>>,
    ids: Vec<u64>,
    diagnoses: Vec<Option<Vec<Finding>>>,
    replay: Replay,
}

/// A new run id, never given before in this process (ids outlive a replaced state, and
/// the views' caches with them).
fn fresh_run_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A thread computing the runs and diagnoses of the newest scenario asked for; a newer
/// request supersedes an older one not yet finished.
struct Worker {
    /// The id of the last request: results of older ones are stale. It lives as long as
    /// the worker, so a state replaced by another (a preset, a file) cannot mistake an
    /// earlier request's result for its own.
    last_id: u64,
    requests: std::sync::mpsc::Sender<(u64, Scenario, Option<egui::Context>)>,
    results: std::sync::mpsc::Receiver<Computed>,
    /// The id of the newest request sent, for the worker's threads to see (the channel
    /// can be read by one thread only): a diagnosis of a superseded request is skipped.
    newest: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Runs the state replaced, whose memory the worker writes new runs into (fresh
    /// memory for 3 × 10⁶ steps cost 300 000 page faults, a quarter of the recompute).
    spares: Spares,
    /// Empty runs the worker made in its idle time after writing runs into fresh memory,
    /// taken when `spares` has none: the first change after a long scenario opens finds
    /// its memory mapped too.
    warm: Spares,
    /// On the web (no threads) the work is done in slices across frames instead.
    #[cfg(target_arch = "wasm32")]
    slices: super::slices::Slicer<Computed>,
}

impl Worker {
    #[cfg(target_arch = "wasm32")]
    fn spawn() -> Option<Self> {
        let (req_tx, req_rx) = std::sync::mpsc::channel();
        let (res_tx, res_rx) = std::sync::mpsc::channel();
        Some(Self {
            last_id: 0,
            requests: req_tx,
            results: res_rx,
            newest: Default::default(),
            spares: Default::default(),
            warm: Default::default(),
            slices: super::slices::Slicer::new(
                req_rx,
                res_tx,
                |id, scenario, runs, diagnoses, replay| {
                    // The page recomputes every run (no reuse between requests): each
                    // gets a new id, so the views rebuild what they drew of it.
                    let n = runs.runs.len() as u64;
                    Computed {
                        id,
                        scenario,
                        ids: runs.runs.iter().map(|_| fresh_run_id()).collect(),
                        delivered: vec![false; runs.runs.len()],
                        runs,
                        diagnoses,
                        replay,
                        computed: n,
                        diagnosed: n,
                    }
                },
            ),
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn spawn() -> Option<Self> {
        use std::sync::mpsc::{TryRecvError, channel};
        let (req_tx, req_rx) = channel::<(u64, Scenario, Option<egui::Context>)>();
        let (res_tx, res_rx) = channel();
        let newest = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let asked = newest.clone();
        let spares = Spares::default();
        let given = spares.clone();
        let warm = Spares::default();
        let warmed = warm.clone();
        std::thread::Builder::new()
            .name("gradscape recompute".into())
            .spawn(move || {
                // Always work on the newest request; drop the ones it superseded.
                let newest = |mut job: (u64, Scenario, Option<egui::Context>)| loop {
                    match req_rx.try_recv() {
                        Ok(j) => job = j,
                        Err(TryRecvError::Empty) => return Some(job),
                        Err(TryRecvError::Disconnected) => return None,
                    }
                };
                let mut next = req_rx.recv().ok();
                let mut cache: Option<WorkerCache> = None;
                // Runs computed for requests superseded before their result was sent.
                let mut carried = 0;
                while let Some(job) = next.take().and_then(newest) {
                    let (id, scenario, ctx) = job;
                    // Runs the change did not touch are moved over from the last result.
                    let mut old = cache.take();
                    let mut delivered = vec![false; scenario.optimizers.len()];
                    // Each run is diagnosed as soon as it is made, unless a newer request
                    // has come meanwhile (its result is the one wanted).
                    let current = || asked.load(std::sync::atomic::Ordering::Acquire) == id;
                    // Runs written into fresh memory, for want of a spare.
                    let unspared = std::sync::atomic::AtomicUsize::new(0);
                    let spare = || {
                        let taken = given.lock().ok().and_then(|mut g| g.pop());
                        let taken = taken.or_else(|| warmed.lock().ok().and_then(|mut w| w.pop()));
                        if taken.is_none() {
                            unspared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        taken
                    };
                    let (runs, fresh, ends, made) = crate::core::run::rerun_and_diagnose(
                        &scenario,
                        |i| {
                            let c = old.as_mut()?;
                            if !same_run(&c.scenario, &scenario, i) {
                                return None;
                            }
                            // A run already sent stays with the state; an empty one holds
                            // its place.
                            let run = c.runs.get_mut(i)?.take().unwrap_or_else(|| {
                                delivered[i] = true;
                                Run::default()
                            });
                            Some((run, c.replay.cursor(i).cloned()))
                        },
                        |run| current().then(|| diagnose_run(run)),
                        spare,
                    );
                    let ids: Vec<u64> = fresh
                        .iter()
                        .enumerate()
                        .map(|(i, &f)| match &old {
                            Some(c) if !f => c.ids[i],
                            _ => fresh_run_id(),
                        })
                        .collect();
                    let mut diagnosed = made.iter().filter(|d| d.is_some()).count() as u64;
                    let mut diagnoses: Vec<Option<Vec<Finding>>> = fresh
                        .iter()
                        .zip(made)
                        .enumerate()
                        .map(|(i, (&f, d))| match &mut old {
                            Some(c) if !f => c.diagnoses.get_mut(i).and_then(Option::take),
                            _ => d,
                        })
                        .collect();
                    let computed = carried + fresh.iter().filter(|f| **f).count() as u64;
                    let replay = Replay::with_cursors(&scenario, ends);
                    drop(old);
                    // A newer request arrived meanwhile: its result is the one wanted (the
                    // runs just made are kept for it).
                    let newer = match req_rx.try_recv() {
                        Ok(j) => Some(j),
                        Err(TryRecvError::Disconnected) => return,
                        Err(TryRecvError::Empty) => None,
                    };
                    if newer.is_none() {
                        // A run sent earlier was diagnosed before it was sent.
                        let todo: Vec<usize> = (0..diagnoses.len())
                            .filter(|&i| diagnoses[i].is_none() && !delivered[i])
                            .collect();
                        let made = pool(todo.len(), |k| diagnose_run(&runs.runs[todo[k]]));
                        for (i, d) in todo.into_iter().zip(made) {
                            diagnoses[i] = Some(d);
                            diagnosed += 1;
                        }
                    }
                    if newer.is_some() {
                        // Nothing sent: the runs made stay here for the next request.
                        cache = Some(WorkerCache {
                            scenario,
                            runs: runs
                                .runs
                                .into_iter()
                                .zip(&delivered)
                                .map(|(r, &d)| (!d).then_some(r))
                                .collect(),
                            ids,
                            diagnoses,
                            replay,
                        });
                        carried = computed;
                        next = newer;
                        continue;
                    }
                    // The runs move to the state (no copy); the worker keeps their ids.
                    let result = Computed {
                        id,
                        scenario: scenario.clone(),
                        runs,
                        delivered,
                        ids: ids.clone(),
                        diagnoses: diagnoses
                            .iter()
                            .map(|d| d.clone().unwrap_or_default())
                            .collect(),
                        replay: replay.clone(),
                        computed,
                        diagnosed,
                    };
                    cache = Some(WorkerCache {
                        runs: vec![None; scenario.optimizers.len()],
                        scenario,
                        ids,
                        diagnoses,
                        replay,
                    });
                    carried = 0;
                    if res_tx.send(result).is_err() {
                        return;
                    }
                    if let Some(ctx) = ctx {
                        ctx.request_repaint();
                    }
                    // Idle: runs went into fresh memory, so the next request would too.
                    // Spares made now (one at a time, stopping for a request) spare it
                    // that (the state gives back the runs it replaces only from the
                    // second change on).
                    let mut queued = None;
                    if unspared.into_inner() > 0
                        && let Some(c) = &cache
                    {
                        let n = c.scenario.optimizers.len();
                        for i in 0..n {
                            let len = |s: &Spares| s.lock().map_or(n, |v| v.len());
                            if len(&given) + len(&warmed) >= n {
                                break;
                            }
                            match req_rx.try_recv() {
                                Ok(j) => {
                                    queued = Some(j);
                                    break;
                                }
                                Err(TryRecvError::Disconnected) => return,
                                Err(TryRecvError::Empty) => {}
                            }
                            let made = crate::core::run::spare_for(&c.scenario, i);
                            if let Ok(mut w) = warmed.lock() {
                                w.push(made);
                            }
                        }
                    }
                    next = queued.or_else(|| req_rx.recv().ok());
                }
            })
            .ok()?;
        Some(Self {
            last_id: 0,
            requests: req_tx,
            results: res_rx,
            newest,
            spares,
            warm,
        })
    }
}

impl AppState {
    /// A state showing `scenario`, its runs revealed in full.
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Self::with_worker(scenario, path, None, None)
    }

    /// Like [`Self::new`], keeping the worker thread and repaint context of a state it
    /// replaces.
    fn with_worker(
        scenario: Scenario,
        path: Option<PathBuf>,
        worker: Option<Worker>,
        repaint: Option<egui::Context>,
    ) -> Self {
        let surface = scenario.surface.build(scenario.seed);
        let mut state = Self {
            view: scenario.view(),
            expr_text: expr_source(&surface),
            surface,
            runs: RunSet {
                runs: Vec::new(),
                warnings: Vec::new(),
            },
            run_ids: Vec::new(),
            computed_from: None,
            diagnosed: Vec::new(),
            runs_computed: 0,
            runs_diagnosed: 0,
            min_accept: worker.as_ref().map_or(0, |w| w.last_id + 1),
            labels_lang: None,
            diagnoses: Vec::new(),
            visible: vec![true; scenario.optimizers.len()],
            scenario,
            path,
            playhead: 0.0,
            playing: false,
            view_moved: false,
            selected: 0,
            tuning: Default::default(),
            hovered: None,
            hover_source: None,
            landscape: None,
            pointer: None,
            error: None,
            notice: None,
            training_log: None,
            expr_error: None,
            settings: Settings::default(),
            lesson: None,
            lesson_stage: 0,
            lesson_guess: None,
            actions: Vec::new(),
            side_open: None,
            export_setup: None,
            start_card: false,
            generation: 0,
            last_compute: Duration::ZERO,
            at_end: true,
            dirty: true,
            diagnoses_stale: true,
            changed_at: Instant::now(),
            classroom: Default::default(),
            worker,
            pending: None,
            repaint,
        };
        state.recompute_if_dirty();
        state.diagnose_if_settled(Duration::ZERO, false);
        state
    }

    /// Replaces the scenario (a file, a preset, New): view, visibility and playhead reset.
    pub fn set_scenario(&mut self, scenario: Scenario, path: Option<PathBuf>) {
        let settings = std::mem::take(&mut self.settings);
        let (worker, repaint) = (self.worker.take(), self.repaint.take());
        let (side_open, start_card) = (self.side_open, self.start_card);
        *self = Self::with_worker(scenario, path, worker, repaint);
        self.settings = settings;
        self.side_open = side_open;
        self.start_card = start_card;
    }

    /// Notes that the scenario changed: the runs are recomputed before the next view draws.
    pub fn mark_changed(&mut self) {
        self.dirty = true;
    }

    /// Recomputes the runs if anything changed since the last time. Cheap enough to do on
    /// every slider movement: the playhead, not the computation, paces the animation.
    /// Scenarios over [`SYNC_STEP_LIMIT`] steps in all go to the worker thread instead;
    /// [`Self::poll_worker`] installs their runs (and diagnoses) once they arrive.
    pub fn recompute_if_dirty(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let t0 = Instant::now();
        // A last line of defence: every control keeps its value in range, but the core
        // assumes a valid scenario, so one that slipped through is refused, not run.
        if let Err(e) = Scenario::from_raw(&self.scenario.to_raw()) {
            self.error = Some(tr_args(
                "msg-invalid",
                &[("error", crate::lang::scenario_error(&e))],
            ));
            return;
        }
        self.surface = self.scenario.surface.build(self.scenario.seed);
        self.visible.resize(self.scenario.optimizers.len(), true);
        self.selected = self
            .selected
            .min(self.scenario.optimizers.len().saturating_sub(1));
        let total = self
            .scenario
            .steps
            .saturating_mul(self.scenario.optimizers.len() as u64);
        if total > SYNC_STEP_LIMIT {
            // Too long for a frame: the worker computes it, the views keep the last runs.
            if self.worker.is_none() {
                self.worker = Worker::spawn();
            }
            if let Some(w) = &mut self.worker {
                w.last_id += 1;
                let sent =
                    w.requests
                        .send((w.last_id, self.scenario.clone(), self.repaint.clone()));
                // After the send: a worker thread that sees the new id finds the request.
                w.newest
                    .store(w.last_id, std::sync::atomic::Ordering::Release);
                if sent.is_ok() {
                    self.pending = Some(w.last_id);
                    self.last_compute = t0.elapsed();
                    return;
                }
                self.worker = None;
            }
            // No thread to be had: compute here, late rather than never.
        }
        self.pending = None;
        // Short runs from now on: the long runs kept for their memory can go.
        if let Some(w) = &self.worker {
            for kept in [&w.spares, &w.warm] {
                if let Ok(mut runs) = kept.lock() {
                    crate::core::par::drop_elsewhere(std::mem::take(&mut *runs));
                }
            }
        }
        // Whatever the worker was asked before is older than what is computed here.
        if let Some(w) = &self.worker {
            self.min_accept = w.last_id + 1;
        }
        let before = self.computed_from.take();
        let mut old: Vec<Option<Run>> = std::mem::take(&mut self.runs.runs)
            .into_iter()
            .map(Some)
            .collect();
        let old_ids = std::mem::take(&mut self.run_ids);
        let scenario = &self.scenario;
        let (runs, fresh, ends) = rerun_with_ends(scenario, |i| {
            let b = before.as_ref()?;
            if !same_run(b, scenario, i) || old_ids.get(i).is_none() {
                return None;
            }
            old.get_mut(i)?.take().map(|r| (r, None))
        });
        let ids = fresh
            .iter()
            .enumerate()
            .map(|(i, &f)| if f { fresh_run_id() } else { old_ids[i] })
            .collect();
        self.runs_computed += fresh.iter().filter(|f| **f).count() as u64;
        let from = self.scenario.clone();
        self.install_runs(runs, ids, from, &old);
        // The playhead panel's replay: the new runs stand at their ends, the kept ones
        // where they stood (replaying six runs every frame of a drag cost more than the run).
        self.classroom
            .carry_replay(self.generation, &self.scenario, &fresh, ends);
        self.last_compute = t0.elapsed();
    }

    /// Takes the worker's result if it has arrived; returns whether the runs changed.
    /// Results of requests a newer one superseded are dropped.
    pub fn poll_worker(&mut self) -> bool {
        let Some(w) = &mut self.worker else {
            return false;
        };
        #[cfg(target_arch = "wasm32")]
        w.slices.work();
        let arrived: Vec<Computed> = w.results.try_iter().collect();
        let mut changed = false;
        for c in arrived {
            changed |= self.install_computed(c);
        }
        changed
    }

    /// Installs a worker result if it answers the request awaited now; a result of a
    /// superseded request, or one that arrives after the runs were computed in the
    /// frame, is dropped. Returns whether it was installed.
    ///
    /// A result of a request a newer one superseded (a slider still moving) is shown too,
    /// since it is closer to the settings than the runs on screen, but the state stays
    /// [`Self::updating`]: the views mark it as pending, never as the current result.
    fn install_computed(&mut self, c: Computed) -> bool {
        let Some(pending) = self.pending else {
            return false;
        };
        if c.id < self.min_accept || c.id > pending {
            return false;
        }
        if c.id == pending {
            self.pending = None;
        }
        self.min_accept = c.id + 1;
        let mut mine: Vec<Option<Run>> = std::mem::take(&mut self.runs.runs)
            .into_iter()
            .map(Some)
            .collect();
        let mut runs = c.runs;
        // The runs the result keeps and did not send are the ones on screen, by id.
        for (i, run) in runs.runs.iter_mut().enumerate() {
            if !c.delivered.get(i).copied().unwrap_or(false) {
                continue;
            }
            let held = self
                .run_ids
                .iter()
                .position(|&id| id == c.ids[i])
                .and_then(|j| mine.get_mut(j)?.take());
            let label = std::mem::take(&mut run.label);
            *run = held.unwrap_or_else(|| {
                // Not on screen after all (a state replaced meanwhile): made here, late
                // rather than wrong.
                self.runs_computed += 1;
                crate::core::run::run_at(&c.scenario, i)
            });
            run.label = label;
        }
        // The runs on screen that this result does not keep, for the ghosts.
        let old: Vec<Option<Run>> = mine
            .into_iter()
            .zip(self.run_ids.iter().copied().chain(std::iter::repeat(0)))
            .map(|(r, id)| r.filter(|_| !c.ids.contains(&id)))
            .collect();
        self.runs_computed += c.computed;
        self.runs_diagnosed += c.diagnosed;
        self.install_runs(runs, c.ids.clone(), c.scenario, &old);
        self.give_back(old.into_iter().flatten().collect());
        self.classroom.set_replay(self.generation, c.replay);
        self.diagnoses = c.diagnoses;
        self.diagnosed = c.ids;
        self.diagnoses_stale = false;
        true
    }

    /// Hands runs the state let go to the worker, whose next runs are written into their
    /// memory (as many as there are optimizers); the rest, and all of them on the web, are
    /// freed on a thread of their own.
    fn give_back(&self, mut runs: Vec<Run>) {
        let keep = if cfg!(target_arch = "wasm32") {
            0
        } else {
            self.scenario.optimizers.len()
        };
        if let Some(w) = &self.worker
            && let Ok(mut spares) = w.spares.lock()
        {
            while spares.len() < keep
                && let Some(r) = runs.pop()
            {
                spares.push(r);
            }
        }
        crate::core::par::drop_elsewhere(runs);
    }

    /// Whether a worker is computing runs the views do not show yet.
    pub fn updating(&self) -> bool {
        self.pending.is_some()
    }

    /// Blocks until the worker's result arrives (or `timeout` passes) and installs it.
    /// For tests and benchmarks; the app polls instead.
    pub fn wait_for_worker(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while self.updating() {
            let Some(left) = end.checked_duration_since(Instant::now()) else {
                break;
            };
            #[cfg(not(target_arch = "wasm32"))]
            {
                // Woken by the result itself: a benchmark of the worker times the worker,
                // not a polling period.
                let Some(c) = self
                    .worker
                    .as_ref()
                    .and_then(|w| w.results.recv_timeout(left).ok())
                else {
                    break;
                };
                self.install_computed(c);
            }
            #[cfg(target_arch = "wasm32")]
            {
                let _ = left;
                self.poll_worker();
            }
        }
        !self.updating()
    }

    /// Words the runs' labels again when the UI's language changed since they were worded
    /// (built-in presets' labels are translated; typed ones stay as written).
    pub fn relabel_runs_if_language_changed(&mut self) {
        let lang = crate::lang::lang();
        if self.labels_lang == Some(lang) || self.runs.runs.len() != self.scenario.optimizers.len()
        {
            return;
        }
        let labels = crate::core::run::unique_labels(&self.scenario.optimizers);
        for (r, l) in self.runs.runs.iter_mut().zip(labels) {
            r.label = crate::lang::run_label(&l);
        }
        self.labels_lang = Some(lang);
    }

    /// Shows `runs` (computed from `from`, named by `ids`) in place of the current runs,
    /// of which `old` holds those replaced (`None` where a run was kept).
    fn install_runs(
        &mut self,
        mut runs: RunSet,
        ids: Vec<u64>,
        from: Scenario,
        old: &[Option<Run>],
    ) {
        // Built-in presets' run labels ("SGD, constant") in the UI's language; a label the
        // user typed has no translation and stays as written.
        for r in &mut runs.runs {
            r.label = crate::lang::run_label(&r.label);
        }
        self.labels_lang = Some(crate::lang::lang());
        self.runs = runs;
        let previous: Vec<Option<&[crate::core::Vec2]>> = old
            .iter()
            .map(|r| r.as_ref().map(|r| &r.points[..]))
            .collect();
        self.classroom.note_paths(&previous, &from, &self.runs);
        self.computed_from = Some(from);
        self.run_ids = ids;
        // Diagnosis reads whole curves and costs several times the runs themselves: it
        // waits until the settings rest (see `diagnose_if_settled`) so dragging stays fluid.
        self.diagnoses_stale = self.diagnosed != self.run_ids;
        self.changed_at = Instant::now();
        if self.at_end {
            self.playhead = self.max_steps() as f64;
        } else {
            self.playhead = self.playhead.min(self.max_steps() as f64);
        }
        self.hovered = self.hovered.filter(|h| {
            self.runs
                .runs
                .get(h.run)
                .is_some_and(|r| h.step < r.points.len())
        });
        self.generation += 1;
    }

    /// Diagnoses the runs once the settings have not changed for `rest` and no mouse button
    /// is down; returns whether it did. Until then the panel shows the previous findings
    /// marked as updating.
    pub fn diagnose_if_settled(&mut self, rest: Duration, pointer_down: bool) -> bool {
        if !self.diagnoses_stale
            || self.pending.is_some()
            || pointer_down
            || self.changed_at.elapsed() < rest
        {
            return false;
        }
        // Only the runs that changed since their diagnosis are read again.
        let n = self.runs.runs.len();
        self.diagnoses.resize(n, Vec::new());
        self.diagnosed.resize(n, 0);
        let todo: Vec<usize> = (0..n)
            .filter(|&i| self.diagnosed[i] != self.run_ids[i])
            .collect();
        let runs = &self.runs.runs;
        let made = pool(todo.len(), |k| diagnose_run(&runs[todo[k]]));
        for (i, d) in todo.into_iter().zip(made) {
            self.diagnoses[i] = d;
            self.diagnosed[i] = self.run_ids[i];
            self.runs_diagnosed += 1;
        }
        self.diagnoses_stale = false;
        true
    }

    /// Whether the diagnoses lag behind the runs.
    pub fn diagnoses_stale(&self) -> bool {
        self.diagnoses_stale
    }

    /// The most steps any run took: the end of the timeline.
    pub fn max_steps(&self) -> usize {
        self.runs
            .runs
            .iter()
            .map(Run::steps_taken)
            .max()
            .unwrap_or(0)
    }

    /// The step the playhead shows.
    pub fn step(&self) -> usize {
        self.playhead.max(0.0).floor() as usize
    }

    /// Moves the playhead to step `t` (clamped to the timeline).
    pub fn seek(&mut self, t: f64) {
        let end = self.max_steps() as f64;
        self.playhead = if t.is_finite() {
            t.clamp(0.0, end)
        } else {
            0.0
        };
        self.at_end = self.playhead >= end;
    }

    /// Advances the playhead by `dt` seconds of playback; stops at the end.
    pub fn advance(&mut self, dt: f64) {
        if !self.playing {
            return;
        }
        let speed = if self.settings.speed.is_finite() {
            self.settings.speed
        } else {
            100.0
        };
        self.seek(self.playhead + speed * dt.max(0.0));
        if self.at_end {
            self.playing = false;
        }
    }

    /// Space: play or pause; playing from the end starts over.
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
        } else {
            if self.at_end {
                self.seek(0.0);
            }
            self.playing = true;
        }
    }

    /// → and ←: one step forward or back, pausing.
    pub fn step_by(&mut self, delta: i64) {
        self.playing = false;
        self.seek(self.step() as f64 + delta as f64);
    }

    /// R: back to step 0, paused.
    pub fn reset_playback(&mut self) {
        self.playing = false;
        self.seek(0.0);
    }

    /// Number of points of run `i` revealed by the playhead.
    pub fn revealed(&self, i: usize) -> usize {
        self.runs
            .runs
            .get(i)
            .map_or(0, |r| r.points.len().min(self.step() + 1))
    }

    /// The colour of optimizer `i`: its own, or the palette's.
    pub fn color(&self, i: usize) -> [u8; 3] {
        self.scenario
            .optimizers
            .get(i)
            .and_then(|o| o.color)
            .unwrap_or_else(|| crate::scene::palette(i))
    }

    /// The scenario's own view, the one "Reset view" returns to.
    pub fn home_view(&self) -> View {
        self.scenario.view()
    }

    /// Shows the scenario's own view again.
    pub fn reset_view(&mut self) {
        self.view = self.home_view();
        self.view_moved = false;
    }

    /// Sets θ0 (dragging the start point, or typing it).
    pub fn set_start(&mut self, p: Vec2) {
        if p.x.is_finite() && p.y.is_finite() {
            self.scenario.start = p;
            self.mark_changed();
        }
    }

    /// Switches the surface to kind `kind` with its default parameters.
    pub fn set_surface_kind(&mut self, kind: &str) {
        if kind == self.scenario.surface.kind() {
            return;
        }
        let mut raw = self.scenario.to_raw();
        let Some(mut surface) = example_raw(kind) else {
            return;
        };
        // An expression typed before stays, whatever surface was shown in between.
        if surface.expr.is_some() && !self.expr_text.trim().is_empty() {
            surface.expr = Some(self.expr_text.clone());
        }
        raw.surface = surface;
        raw.view = None;
        match Scenario::from_raw(&raw) {
            Ok(s) => {
                self.scenario = s;
                self.surface = self.scenario.surface.build(self.scenario.seed);
                self.expr_text = expr_source(&self.surface);
                self.expr_error = None;
                // A new surface lives somewhere else in the plane: start from its own view,
                // with θ0 kept if it is inside, else moved to a corner of it.
                let view = self.surface.default_view();
                if !view.contains(self.scenario.start) {
                    self.scenario.start = Vec2::new(
                        view.x[0] + 0.15 * (view.x[1] - view.x[0]),
                        view.y[0] + 0.85 * (view.y[1] - view.y[0]),
                    );
                }
                self.view = self.scenario.view();
                self.view_moved = false;
                self.mark_changed();
            }
            // Only a custom expression can fail here; its text box shows why.
            Err(e) => self.expr_error = Some(crate::lang::scenario_error(&e)),
        }
    }

    /// The custom expression box changed: parse it, and use it if it parses.
    pub fn set_expr_text(&mut self, text: String) {
        self.expr_text = text;
        match crate::core::expr::Expr::parse(&self.expr_text) {
            Ok(e) => {
                self.expr_error = None;
                self.scenario.surface =
                    crate::core::scenario::SurfaceSpec::Fixed(Surface::Custom(e));
                self.mark_changed();
            }
            Err(e) => self.expr_error = Some(crate::lang::problem(&e.to_problem())),
        }
    }

    /// Appends an optimizer of kind `kind` with SPEC defaults, and selects it.
    pub fn add_optimizer(&mut self, kind: &str) {
        if let Some(o) = OptimizerConfig::with_defaults(kind) {
            self.scenario.optimizers.push(o);
            self.visible.push(true);
            self.selected = self.scenario.optimizers.len() - 1;
            self.mark_changed();
        }
    }

    /// Copies optimizer `i` (a fresh colour, a "copy" label) right after it.
    pub fn duplicate_optimizer(&mut self, i: usize) {
        let Some(o) = self.scenario.optimizers.get(i) else {
            return;
        };
        let mut copy = o.clone();
        copy.label = Some(tr_args("optimizer-copy", &[("label", o.display_label())]));
        copy.color = Some(crate::scene::palette(self.scenario.optimizers.len()));
        self.scenario.optimizers.insert(i + 1, copy);
        self.visible.insert(i + 1, true);
        self.selected = i + 1;
        self.mark_changed();
    }

    /// Removes optimizer `i`; the last one stays, since a scenario needs one.
    pub fn remove_optimizer(&mut self, i: usize) {
        if self.scenario.optimizers.len() <= 1 || i >= self.scenario.optimizers.len() {
            return;
        }
        // Colours come from the palette by position, so pin them before positions shift.
        for j in 0..self.scenario.optimizers.len() {
            let c = self.color(j);
            self.scenario.optimizers[j].color.get_or_insert(c);
        }
        self.scenario.optimizers.remove(i);
        self.visible.remove(i);
        self.selected = self.selected.min(self.scenario.optimizers.len() - 1);
        self.hovered = None;
        self.mark_changed();
    }

    /// Loads a built-in preset.
    pub fn load_preset(&mut self, name: &str) {
        match presets::find(name) {
            Some(p) => self.set_scenario(p.scenario(), None),
            None => self.error = Some(tr_args("msg-unknown-preset", &[("name", name.to_string())])),
        }
    }

    /// Opens a scenario file. A bad file leaves the current scenario as it is and shows
    /// its error.
    pub fn open_path(&mut self, path: &Path) -> Result<(), String> {
        match crate::core::scenario::load_file(path) {
            Ok(s) => {
                self.set_scenario(s, Some(path.to_path_buf()));
                self.remember(path);
                self.notice = Some(tr_args(
                    "msg-opened",
                    &[("path", path.display().to_string())],
                ));
                Ok(())
            }
            Err(e) => {
                let msg = tr_args("msg-open-failed", &[("error", crate::lang::load_error(&e))]);
                self.error = Some(msg.clone());
                Err(msg)
            }
        }
    }

    /// The scenario as a file would hold it, the current view included if it was moved.
    pub fn scenario_to_save(&self) -> Scenario {
        let mut s = self.scenario.clone();
        if self.view_moved {
            s.view = Some(self.view);
        }
        s
    }

    /// Saves the scenario to `path` atomically, and makes it the current file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), String> {
        let text = self.scenario_to_save().to_json() + "\n";
        match write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.remember(path);
                self.notice = Some(tr_args(
                    "msg-saved",
                    &[("path", path.display().to_string())],
                ));
                Ok(())
            }
            Err(e) => {
                let msg = tr_args(
                    "msg-save-failed",
                    &[
                        ("path", path.display().to_string()),
                        ("error", e.to_string()),
                    ],
                );
                self.error = Some(msg.clone());
                Err(msg)
            }
        }
    }

    /// Writes `path` (atomically): the figure at the playhead as a PNG or SVG, the runs
    /// animated as a GIF (all three at the size [`Settings::export`] asks for), or the runs
    /// as `run`'s CSV or JSON. Success and failure both show in the app; a failure leaves
    /// any old file as it was.
    pub fn export_to(&mut self, path: &Path, kind: ExportKind) -> Result<(), String> {
        let written = match kind {
            ExportKind::Csv => {
                write_atomic(path, crate::core::output::to_csv(&self.runs).as_bytes())
            }
            ExportKind::Json => {
                write_atomic(path, (crate::lang::run_json(&self.runs) + "\n").as_bytes())
            }
            ExportKind::Png | ExportKind::Svg | ExportKind::Gif => self.export_figure(path, kind),
            ExportKind::PyTorch => {
                let title = self.path.as_deref().and_then(Path::file_name).map_or_else(
                    || "(unsaved)".to_string(),
                    |n| format!("'{}'", n.to_string_lossy()),
                );
                match crate::core::export::to_pytorch(&self.scenario_to_save(), &title) {
                    Ok(text) => write_atomic(path, text.as_bytes()),
                    Err(e) => Err(std::io::Error::other(e.to_string())),
                }
            }
        };
        match written {
            Ok(()) => {
                self.notice = Some(tr_args(
                    "msg-exported",
                    &[("path", path.display().to_string())],
                ));
                Ok(())
            }
            Err(e) => {
                let msg = tr_args(
                    "msg-export-failed",
                    &[
                        ("path", path.display().to_string()),
                        ("error", e.to_string()),
                    ],
                );
                self.error = Some(msg.clone());
                Err(msg)
            }
        }
    }

    /// The figure `gradscape render` would draw for the current view, runs shown and
    /// playhead, at the export size.
    fn export_figure(&self, path: &Path, kind: ExportKind) -> std::io::Result<()> {
        use crate::render::{self, Composition, RenderOptions};
        let e = self.settings.export;
        let (lo, hi) = render::SIZE_LIMITS;
        let options = RenderOptions {
            width: e.width.clamp(lo, hi),
            height: e.height.clamp(lo, hi),
            with_loss: e.with_loss,
            frames: e.frames.clamp(1, MAX_EXPORT_FRAMES),
            fps: 15,
        };
        // The window's view, widened to the image's plot as the window widens it to the
        // screen's: one unit of x and of y take the same length.
        let (layout, _) = render::layout_for(&options);
        let plot = egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(layout.plot.width(), layout.plot.height()),
        );
        let mut scenario = self.scenario_to_save();
        scenario.view = Some(fit_view(self.view, plot));
        let mut comp = Composition::new(&scenario, &self.runs, &options, kind == ExportKind::Gif);
        comp.set_visible(self.visible.clone());
        let step = self.step().min(comp.last_step());
        match kind {
            ExportKind::Svg => write_atomic(path, comp.render_svg(step).as_bytes()),
            ExportKind::Gif => write_atomic_with(path, |w| {
                render::gif_out::encode(&comp, &options, w, &mut |_, _| {})
            }),
            _ => {
                let canvas = comp.render(step)?;
                write_atomic_with(path, |w| render::encode_png(&canvas.pixmap, w))
            }
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let recent = &mut self.settings.recent;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(MAX_RECENT);
    }
}

/// The text of a custom surface, or a starting expression for the box.
fn expr_source(surface: &Surface) -> String {
    if let Surface::Custom(e) = surface {
        e.source().to_string()
    } else {
        "x^2 + 10*y^2".to_string()
    }
}

/// Diagnoses one run's curves, from step 0, through [`Run::diagnose`].
pub fn diagnose_run(run: &Run) -> Vec<Finding> {
    // The same series as `gradscape run` and `diagnose`: one builder, one verdict.
    run.diagnose()
}

/// `view` widened along one axis so that one unit of x and of y take the same number of
/// pixels in `rect`: circles stay round, angles stay true.
pub fn fit_view(view: View, rect: egui::Rect) -> View {
    let (w, h) = (rect.width().max(1.0) as f64, rect.height().max(1.0) as f64);
    let (vw, vh) = (view.x[1] - view.x[0], view.y[1] - view.y[0]);
    if !(vw > 0.0 && vh > 0.0 && vw.is_finite() && vh.is_finite()) {
        return View {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
        };
    }
    let (cx, cy) = (0.5 * (view.x[0] + view.x[1]), 0.5 * (view.y[0] + view.y[1]));
    if vw / vh < w / h {
        let half = 0.5 * vh * w / h;
        View {
            x: [cx - half, cx + half],
            y: view.y,
        }
    } else {
        let half = 0.5 * vw * h / w;
        View {
            x: view.x,
            y: [cy - half, cy + half],
        }
    }
}

/// The diagnosis of a run as it stood at step `step`, through [`Run::diagnose_upto`]: the
/// same series builder as the whole run's, cut at the playhead.
pub fn diagnose_run_upto(run: &Run, step: usize) -> Vec<Finding> {
    run.diagnose_upto(step)
}

/// Maps the plane onto a screen rectangle (y up in the plane, down on screen).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// The screen rectangle.
    pub rect: Rect,
    /// The region of the plane it shows.
    pub view: View,
}

impl Transform {
    /// The screen position of `p`; far-away points stay finite so lines toward them keep
    /// their direction.
    pub fn to_screen(&self, p: Vec2) -> Pos2 {
        let sx = (p.x - self.view.x[0]) / (self.view.x[1] - self.view.x[0]);
        let sy = (p.y - self.view.y[0]) / (self.view.y[1] - self.view.y[0]);
        let x = self.rect.left() as f64 + sx * self.rect.width() as f64;
        let y = self.rect.bottom() as f64 - sy * self.rect.height() as f64;
        pos2(x.clamp(-1e6, 1e6) as f32, y.clamp(-1e6, 1e6) as f32)
    }

    /// The point of the plane under screen position `s`.
    pub fn to_world(&self, s: Pos2) -> Vec2 {
        let fx = ((s.x - self.rect.left()) / self.rect.width()) as f64;
        let fy = ((self.rect.bottom() - s.y) / self.rect.height()) as f64;
        Vec2::new(
            self.view.x[0] + fx * (self.view.x[1] - self.view.x[0]),
            self.view.y[0] + fy * (self.view.y[1] - self.view.y[0]),
        )
    }
}

/// Changes closer together than this are one gesture (a slider drag): the ghost keeps the
/// path from before the gesture, not from the previous frame.
const GESTURE_GAP: Duration = Duration::from_millis(800);
/// The path an optimizer took before its settings last changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Ghost {
    /// Index of the optimizer (and run).
    pub run: usize,
    /// Its previous trajectory.
    pub points: Vec<Vec2>,
}

/// What the teaching aids keep between frames.
#[derive(Debug, Default)]
pub struct Classroom {
    /// Previous paths of the optimizers whose settings changed last.
    pub ghosts: Vec<Ghost>,
    /// The scenario the current runs were computed from, to tell what changed.
    previous: Option<Scenario>,
    /// When the runs last changed.
    last_change: Option<Instant>,
    /// The replay of the current runs, and the generation it belongs to.
    replay: Option<(u64, Replay)>,
}

impl Classroom {
    /// Called after each recomputation with the runs it replaced: optimizers whose settings
    /// changed leave a ghost of their old path. A new surface, start or set of optimizers
    /// clears the ghosts, since the old paths no longer compare.
    pub fn note_recompute(&mut self, previous: &RunSet, scenario: &Scenario, runs: &RunSet) {
        let points: Vec<Option<&[Vec2]>> =
            previous.runs.iter().map(|r| Some(&r.points[..])).collect();
        self.note_paths(&points, scenario, runs);
    }

    /// [`Self::note_recompute`] with only the previous paths: `None` where a run was kept
    /// as it was (it leaves no ghost).
    pub fn note_paths(&mut self, previous: &[Option<&[Vec2]>], scenario: &Scenario, runs: &RunSet) {
        let now = Instant::now();
        let in_gesture = self
            .last_change
            .is_some_and(|t| now.duration_since(t) < GESTURE_GAP);
        let old = self.previous.replace(scenario.clone());
        if previous.is_empty() {
            return;
        }
        self.last_change = Some(now);
        let Some(old) = old else { return };
        let comparable = old.surface == scenario.surface
            && old.start == scenario.start
            && old.optimizers.len() == scenario.optimizers.len()
            && previous.len() == runs.runs.len();
        if !comparable {
            self.ghosts.clear();
            return;
        }
        if in_gesture && !self.ghosts.is_empty() {
            return;
        }
        self.ghosts = (0..scenario.optimizers.len())
            .filter_map(|i| {
                let before = previous[i]?;
                (old.optimizers[i] != scenario.optimizers[i] && before != runs.runs[i].points).then(
                    || Ghost {
                        run: i,
                        points: before.to_vec(),
                    },
                )
            })
            .collect();
    }

    /// Makes the replay of the runs of `generation` (which follow those of the replay kept
    /// now): a run computed anew (`fresh`) starts at its end cursor, a kept run keeps its
    /// cursor.
    pub(crate) fn carry_replay(
        &mut self,
        generation: u64,
        scenario: &Scenario,
        fresh: &[bool],
        ends: Vec<Option<crate::core::run::Cursor>>,
    ) {
        let old = self
            .replay
            .take()
            .filter(|(g, _)| *g + 1 == generation)
            .map(|(_, r)| r);
        let cursors = ends
            .into_iter()
            .zip(fresh)
            .enumerate()
            .map(|(i, (end, &fresh))| match (fresh, &old) {
                (true, _) => end,
                (false, Some(r)) => r.cursor(i).cloned(),
                (false, None) => None,
            })
            .collect();
        self.replay = Some((generation, Replay::with_cursors(scenario, cursors)));
    }

    /// Uses `replay` for the runs of `generation` (a worker replayed them already, so the
    /// playhead at the end of a long run costs the UI thread nothing).
    pub fn set_replay(&mut self, generation: u64, replay: Replay) {
        self.replay = Some((generation, replay));
    }

    /// Optimizer `i` after `step` updates, replayed from the current runs' scenario.
    pub fn snapshot(
        &mut self,
        scenario: &Scenario,
        generation: u64,
        i: usize,
        step: usize,
    ) -> Option<Snapshot> {
        let replay = match &mut self.replay {
            Some((g, r)) if *g == generation => r,
            slot => &mut slot.insert((generation, Replay::new(scenario))).1,
        };
        replay.state_at(i, step)
    }
}

/// A training log opened in the app, with the diagnosis of each of its runs (drawn by
/// `training_log`; kept here because the state owns the data the panels read).
#[derive(Debug, Clone)]
pub struct TrainingLog {
    /// What was opened (a file or a directory).
    pub path: std::path::PathBuf,
    /// The format it was read as.
    pub format: crate::core::log::LogFormat,
    /// Its runs, in the order the log has them.
    pub runs: Vec<crate::core::log::LogRun>,
    /// The diagnosis of each run.
    pub findings: Vec<Vec<Finding>>,
}

impl TrainingLog {
    /// Reads and diagnoses the log at `path` (a file or a directory holding one); the error is
    /// the command line's one-line message, naming the file and the line or record.
    pub fn open(path: &std::path::Path) -> Result<TrainingLog, String> {
        let read = crate::core::log::read_path(path, &crate::core::log::ReadOptions::default())
            .map_err(|e| crate::lang::log_path_error(&e))?;
        let findings = read
            .runs
            .iter()
            .map(|r| crate::core::diagnosis::diagnose(&r.series()))
            .collect();
        Ok(TrainingLog {
            path: path.to_path_buf(),
            format: read.format,
            runs: read.runs,
            findings,
        })
    }

    /// The name a run is shown under: its own, or the file's.
    pub fn run_name(&self, i: usize) -> String {
        match self.runs.get(i) {
            Some(r) if !r.name.is_empty() => r.name.clone(),
            _ => self.file_name(),
        }
    }

    /// The file or folder name, for titles.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::run::run_scenario;

    fn long(lr: f64, kind: &str) -> Scenario {
        Scenario::from_json(&format!(
            r#"{{"surface": {{"kind": "{kind}"}}, "start": [-1.5, 2.0], "steps": 250000,
                "optimizers": [{{"kind": "adam", "lr": {lr}}}]}}"#
        ))
        .unwrap()
    }

    fn long_pair(lr: f64) -> Scenario {
        Scenario::from_json(&format!(
            r#"{{"surface": {{"kind": "rosenbrock"}}, "start": [-1.5, 2.0], "steps": 150000,
                "optimizers": [{{"kind": "adam", "lr": {lr}}}, {{"kind": "sgd", "lr": 0.0005}}]}}"#
        ))
        .unwrap()
    }

    /// Moves the start point (every run reads it), waits for the worker's runs and gives
    /// where their points are in memory.
    fn move_start_and_wait(s: &mut AppState) -> Vec<*const Vec2> {
        s.scenario.start.x += 0.01;
        s.mark_changed();
        s.recompute_if_dirty();
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        s.runs.runs.iter().map(|r| r.points.as_ptr()).collect()
    }

    /// Runs the state replaces go back to the worker, and the next runs are written into
    /// their memory: the same allocations, and the same runs as computed anew.
    #[test]
    fn the_worker_writes_new_runs_into_replaced_ones() {
        let mut s = AppState::new(long_pair(0.002), None);
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        let first: Vec<_> = s.runs.runs.iter().map(|r| r.points.as_ptr()).collect();
        // A start point every run reads: both recomputed, the first two runs given back.
        move_start_and_wait(&mut s);
        let spares = s.worker.as_ref().expect("worker").spares.clone();
        assert_eq!(spares.lock().map(|v| v.len()).unwrap_or(0), 2);
        let third = move_start_and_wait(&mut s);
        assert!(
            third.iter().all(|p| first.contains(p)),
            "{third:?} not in {first:?}"
        );
        assert_eq!(s.runs, run_scenario(&s.scenario));
        // A short scenario computed in the frame lets the kept memory go.
        s.scenario.steps = 100;
        s.mark_changed();
        s.recompute_if_dirty();
        assert_eq!(spares.lock().map(|v| v.len()).unwrap_or(9), 0);
        let warm = s.worker.as_ref().expect("worker").warm.clone();
        assert_eq!(warm.lock().map(|v| v.len()).unwrap_or(9), 0);
    }

    /// After runs written into fresh memory (a long scenario just opened), the idle worker
    /// makes as many spares as there are runs, and the first change writes into them.
    #[test]
    fn the_first_change_writes_into_spares_made_while_idle() {
        let mut s = AppState::new(long_pair(0.002), None);
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        let warm = s.worker.as_ref().expect("worker").warm.clone();
        // Waits for a state, not for a time: the spares are made after the result is sent.
        let mut waits = 0;
        while warm.lock().map_or(0, |v| v.len()) < 2 {
            assert!(waits < 12_000, "no spares made");
            std::thread::sleep(Duration::from_millis(10));
            waits += 1;
        }
        let made: Vec<_> = warm
            .lock()
            .map(|v| v.iter().map(|r| r.points.as_ptr()).collect())
            .unwrap_or_default();
        let now = move_start_and_wait(&mut s);
        assert!(
            now.iter().all(|p| made.contains(p)),
            "{now:?} not in {made:?}"
        );
        assert_eq!(s.runs, run_scenario(&s.scenario));
    }

    /// Changing one optimizer recomputes and diagnoses that run only: the other keeps its
    /// run, its id and its diagnosis (counted, in the frame and on the worker).
    #[test]
    fn a_change_to_one_optimizer_recomputes_only_its_run() {
        let mut s = AppState::new(crate::core::presets::default_scenario(), None);
        let n = s.runs.runs.len() as u64;
        assert!(n >= 2);
        assert_eq!((s.runs_computed, s.runs_diagnosed), (n, n));
        let ids = s.run_ids.clone();
        s.scenario.optimizers[1].lr *= 1.5;
        s.mark_changed();
        s.recompute_if_dirty();
        assert_eq!(s.runs_computed, n + 1);
        assert_ne!(s.run_ids[1], ids[1]);
        assert_eq!(s.run_ids[0], ids[0]);
        assert!(s.diagnose_if_settled(Duration::ZERO, false));
        assert_eq!(s.runs_diagnosed, n + 1);
        // The same runs and diagnoses as computing everything anew.
        let fresh = AppState::new(s.scenario.clone(), None);
        assert_eq!(s.runs, fresh.runs);
        assert_eq!(s.diagnoses, fresh.diagnoses);
        // A change every run reads (the steps) recomputes them all.
        s.scenario.steps += 1;
        s.mark_changed();
        s.recompute_if_dirty();
        assert_eq!(s.runs_computed, 2 * n + 1);

        let mut s = AppState::new(long_pair(0.002), None);
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        assert_eq!(s.runs_computed, 2);
        let ids = s.run_ids.clone();
        let kept = s.runs.runs[1].points.as_ptr();
        s.scenario.optimizers[0].lr = 0.003;
        s.mark_changed();
        s.recompute_if_dirty();
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        assert_eq!((s.runs_computed, s.runs_diagnosed), (3, 3));
        assert_eq!(s.run_ids[1], ids[1]);
        // The kept run is the one that was on screen, not a copy the worker sent again.
        assert_eq!(s.runs.runs[1].points.as_ptr(), kept);
        assert_eq!(s.runs, run_scenario(&s.scenario));
    }

    /// A worker result that a newer request superseded is shown (it is nearer to the
    /// settings than what was on screen) but never as current: the state stays updating
    /// until the newest result arrives.
    #[test]
    fn a_superseded_result_is_shown_as_pending() {
        let mut s = AppState::new(long_pair(0.002), None);
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        s.scenario.optimizers[0].lr = 0.003;
        s.mark_changed();
        s.recompute_if_dirty();
        let first = s.pending.expect("sent to the worker");
        let results = &s.worker.as_ref().expect("worker").results;
        let c = loop {
            let c = results
                .recv_timeout(Duration::from_secs(120))
                .expect("the worker answers");
            if c.id == first {
                break c;
            }
        };
        // The slider moved on before that result was taken.
        s.scenario.optimizers[0].lr = 0.004;
        s.mark_changed();
        s.recompute_if_dirty();
        let wanted = run_scenario(&s.scenario);
        assert!(s.install_computed(c));
        assert!(s.updating(), "an older result is pending, not current");
        assert_ne!(s.runs.runs[0].points.last(), wanted.runs[0].points.last());
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        assert!(!s.updating());
        assert_eq!(s.runs, wanted);
    }

    /// Long scenarios go to the worker; a newer request supersedes an older one, also
    /// across a replaced state, and the result shown is always the newest scenario's.
    #[test]
    fn the_worker_shows_only_the_newest_scenario() {
        let mut s = AppState::new(long(0.002, "rosenbrock"), None);
        assert!(s.updating());
        assert!(s.runs.runs.is_empty());
        // Changed before the first result came: only the second counts.
        s.scenario.optimizers[0].lr = 0.004;
        s.mark_changed();
        s.recompute_if_dirty();
        // And a whole new scenario, the worker kept.
        s.set_scenario(long(0.003, "himmelblau"), None);
        assert!(s.updating());
        assert!(s.wait_for_worker(Duration::from_secs(120)));
        let want = run_scenario(&s.scenario);
        assert_eq!(s.runs.runs[0].points.last(), want.runs[0].points.last());
        assert_eq!(s.diagnoses.len(), 1);
        assert!(!s.diagnoses_stale());
        // A short scenario is computed in the frame again, and a late result is ignored.
        s.scenario.optimizers[0].lr = 0.005;
        s.mark_changed();
        s.recompute_if_dirty();
        let long_id = s.pending.expect("the long scenario went to the worker");
        s.scenario.steps = 100;
        s.mark_changed();
        s.recompute_if_dirty();
        assert!(!s.updating());
        assert_eq!(s.runs.runs[0].points.len(), 101);
        // Wait for the superseded long run to really come back, then offer it.
        let results = &s.worker.as_ref().expect("worker kept").results;
        let late = loop {
            let c = results
                .recv_timeout(Duration::from_secs(120))
                .expect("the worker finished the superseded request");
            if c.id == long_id {
                break c;
            }
        };
        assert_eq!(late.runs.runs[0].points.len(), 250_001);
        assert!(!s.install_computed(late));
        assert_eq!(s.runs.runs[0].points.len(), 101);
        assert!(!s.updating());
    }
}
