//! What the tuning windows computed (`core::lr_find`, `core::compare`), kept with the
//! generation of the runs it was made for and made again when the scenario (or the
//! selected optimizer) changes. Apart from the windows (`tuning`), so that the state can
//! own it without importing a panel.

use crate::core::compare::{CompareSettings, Comparison, compare};
use crate::core::lr_find::{LrFind, LrFindSettings, lr_find};
use crate::core::map::{AxisSpec, HyperMap, MapRequest, Scale, compute_map, default_axes};
use crate::core::scenario::Scenario;

/// Most steps one comparison computes in the app (runs × budget), so that the window
/// answers within a frame or two; a longer scenario gets a shorter budget, stated on
/// the card.
pub const APP_COMPARE_STEPS: u64 = 1_000_000;

/// What the tuning windows show and keep.
#[derive(Debug, Default)]
pub struct Tuning {
    /// The LR range test window is open.
    pub lr_find_open: bool,
    /// The fair comparison window is open.
    pub compare_open: bool,
    /// Also tune the memory parameter in the comparison.
    pub compare_second: bool,
    /// The range test's rates and length, set in its window (`optimizer` is ignored: the
    /// selected one is tested).
    pub lr_find_range: LrFindSettings,
    /// The test's result, with the runs' generation and the settings it was made for.
    lr_find: Option<(u64, LrFindSettings, Result<LrFind, String>)>,
    /// The comparison, with the generation and the `second` setting it was made for.
    compare: Option<(u64, bool, Result<Comparison, String>)>,
    /// The hyperparameter map window is open.
    pub map_open: bool,
    /// Map the start point (which minimum each start reaches) instead of two parameters.
    pub map_start: bool,
    /// Cells per side of the map.
    pub map_cells: usize,
    /// The axes, fixed when the map is first made for an optimizer (so that applying a
    /// cell moves the ring, not the grid); `None` makes them again.
    pub map_axes: Option<MapAxes>,
    /// The map, with what it was made for.
    map: Option<(MapKey, Result<HyperMap, String>)>,
    /// The map being made off the UI thread, and what it is for.
    map_job: Option<(MapKey, MapJob)>,
}

/// A map on its way: made on a worker thread so that a slider can be dragged while the map
/// follows (a 64² map of a few hundred steps takes tens of milliseconds).
type MapJob = std::sync::mpsc::Receiver<Result<HyperMap, String>>;

/// Makes the map for `key` on a worker thread; where there are no threads (the browser)
/// or none can be started, on this one.
fn start_map_job(scenario: &Scenario, req: MapRequest) -> MapJob {
    let (tx, rx) = std::sync::mpsc::channel();
    let scenario = scenario.clone();
    let work = move || compute_map(&scenario, &req).map_err(|e| e.to_string());
    #[cfg(not(target_arch = "wasm32"))]
    {
        let work = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
        let in_thread = std::sync::Arc::clone(&work);
        let tx2 = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("hyperparameter map".into())
            .spawn(move || {
                let job = in_thread.lock().ok().and_then(|mut w| w.take());
                if let Some(job) = job {
                    let _ = tx2.send(job());
                }
            });
        if spawned.is_ok() {
            return rx;
        }
        let job = work.lock().ok().and_then(|mut w| w.take());
        if let Some(job) = job {
            let _ = tx.send(job());
        }
        rx
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = tx.send(work());
        rx
    }
}

/// The axes of the map window and the optimizer they belong to.
#[derive(Debug, Clone, PartialEq)]
pub struct MapAxes {
    /// The optimizer (index in the scenario).
    pub optimizer: usize,
    /// Start-point axes rather than parameters.
    pub start: bool,
    /// Columns.
    pub x: AxisSpec,
    /// Rows.
    pub y: AxisSpec,
}

/// What a map was made for: when any of it changes the map is stale.
#[derive(Debug, Clone, PartialEq)]
struct MapKey {
    generation: u64,
    axes: MapAxes,
    cells: usize,
}

/// The default side of the app's map: 48² runs refresh within a frame or two.
pub const APP_MAP_CELLS: usize = 48;

/// Most steps one map computes in the app (cells² × the scenario's steps), so that it is
/// made within a frame or two on the UI thread: a long scenario gets fewer cells.
pub const APP_MAP_STEPS: u64 = 5_000_000;

/// Fewest cells per side worth drawing.
const MIN_MAP_CELLS: usize = 4;

/// The cells per side a map of `wanted` cells gets for a scenario of `steps` steps within
/// [`APP_MAP_STEPS`]; `None` when even the smallest map is over it (the command line's
/// `gradscape map` has no such cap).
pub fn map_cells_within_budget(wanted: usize, steps: u64) -> Option<usize> {
    let fit = (APP_MAP_STEPS / steps.max(1)) as f64;
    let cells = wanted.min(fit.sqrt().floor() as usize);
    (cells >= MIN_MAP_CELLS).then_some(cells)
}

impl Tuning {
    /// The axes for optimizer `selected` of `scenario`: the ones kept, or new defaults
    /// (lr over α/100…10α against the kind's memory; the view's x and y for a start-point
    /// map, or for a kind with nothing to pair with lr).
    pub fn map_axes(&mut self, scenario: &Scenario, selected: usize) -> Option<MapAxes> {
        let keep = self
            .map_axes
            .as_ref()
            .is_some_and(|a| a.optimizer == selected && a.start == self.map_start);
        if !keep {
            let view = scenario.view();
            let start_axes = || {
                (
                    AxisSpec {
                        param: "start_x".into(),
                        lo: view.x[0],
                        hi: view.x[1],
                        scale: Scale::Lin,
                    },
                    AxisSpec {
                        param: "start_y".into(),
                        lo: view.y[0],
                        hi: view.y[1],
                        scale: Scale::Lin,
                    },
                )
            };
            let (x, y) = if self.map_start {
                start_axes()
            } else {
                match default_axes(scenario, selected)? {
                    (x, Some(y)) => (x, y),
                    (_, None) => {
                        self.map_start = true;
                        start_axes()
                    }
                }
            };
            self.map_axes = Some(MapAxes {
                optimizer: selected,
                start: self.map_start,
                x,
                y,
            });
        }
        self.map_axes.clone()
    }

    /// The map for `axes` on the current scenario, and whether it is stale; `None` when
    /// the scenario is too long to map live (see [`map_cells_within_budget`]). The first
    /// map is made at once; after a change the last map stays, marked stale (never shown
    /// as current), while the new one is made on a worker thread, also while a slider is
    /// held: the map follows the drag, one map at a time.
    pub fn map(
        &mut self,
        scenario: &Scenario,
        generation: u64,
        axes: MapAxes,
    ) -> Option<(&Result<HyperMap, String>, bool)> {
        let wanted = if self.map_cells == 0 {
            APP_MAP_CELLS
        } else {
            self.map_cells
        };
        // A long scenario gets a coarser map rather than a frozen window.
        let cells = map_cells_within_budget(wanted, scenario.steps)?;
        let key = MapKey {
            generation,
            axes,
            cells,
        };
        let request = |key: &MapKey| MapRequest {
            x: key.axes.x.clone(),
            y: key.axes.y.clone(),
            cells: key.cells,
            optimizer: key.axes.optimizer,
            threshold: None,
        };
        // A finished job replaces the map (even an outdated one: it is nearer than the last).
        if let Some((job_key, rx)) = &self.map_job {
            match rx.try_recv() {
                Ok(result) => {
                    self.map = Some((job_key.clone(), result));
                    self.map_job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.map_job = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        let fresh = matches!(&self.map, Some((k, _)) if *k == key);
        if self.map.is_none() {
            // Nothing to show yet: the first map is made here.
            let result = compute_map(scenario, &request(&key)).map_err(|e| e.to_string());
            self.map = Some((key.clone(), result));
            self.map_job = None;
        } else if !fresh && self.map_job.is_none() {
            let job = start_map_job(scenario, request(&key));
            self.map_job = Some((key.clone(), job));
        }
        let (k, result) = self.map.as_ref().expect("made or kept");
        Some((result, *k != key))
    }

    /// Whether a map is being made (the window repaints until it arrives).
    pub fn map_pending(&self) -> bool {
        self.map_job.is_some()
    }

    /// The current range test over [`Tuning::lr_find_range`], made for the selected
    /// optimizer of the current runs.
    pub fn lr_find(
        &mut self,
        scenario: &Scenario,
        generation: u64,
        selected: usize,
    ) -> &Result<LrFind, String> {
        let settings = LrFindSettings {
            optimizer: selected,
            ..self.lr_find_range
        };
        let fresh = matches!(&self.lr_find, Some((g, s, _)) if *g == generation && *s == settings);
        if !fresh {
            let result = lr_find(scenario, &settings).map_err(|e| e.to_string());
            self.lr_find = Some((generation, settings, result));
        }
        &self.lr_find.as_ref().expect("just made").2
    }

    /// The comparison for the current scenario, its budget capped at [`APP_COMPARE_STEPS`]
    /// in all, and whether it is stale. While `hold` (a slider being dragged) an older
    /// result is kept and marked stale rather than recomputed on every frame.
    pub fn comparison(
        &mut self,
        scenario: &Scenario,
        generation: u64,
        hold: bool,
    ) -> (&Result<Comparison, String>, bool) {
        let second = self.compare_second;
        let fresh = matches!(&self.compare, Some((g, s, _)) if *g == generation && *s == second);
        // Kept while held, as long as there is something to keep.
        let keep = fresh || (hold && self.compare.is_some());
        if !keep {
            let defaults = CompareSettings::default();
            let per_budget_step = ((defaults.grid * if second { 4 } else { 1 } + 1)
                * scenario.optimizers.len()) as u64;
            let budget = scenario
                .steps
                .min(APP_COMPARE_STEPS / per_budget_step.max(1))
                .max(1);
            let settings = CompareSettings {
                budget,
                second,
                ..defaults
            };
            let result = compare(scenario, &settings).map_err(|e| e.to_string());
            self.compare = Some((generation, second, result));
        }
        let (g, s, result) = self.compare.as_ref().expect("made or kept");
        (result, *g != generation || *s != second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_scenarios_get_coarser_maps_never_more_than_the_budget() {
        assert_eq!(map_cells_within_budget(48, 500), Some(48));
        // 5e6 / 10 000 = 500 runs: 22 cells per side.
        assert_eq!(map_cells_within_budget(48, 10_000), Some(22));
        for steps in [1, 500, 2_000, 10_000, 100_000, 312_500] {
            let c = map_cells_within_budget(64, steps).unwrap();
            assert!((c * c) as u64 * steps <= APP_MAP_STEPS, "{steps}: {c}");
        }
        // 4² runs of 10⁶ steps are over it: no live map.
        assert_eq!(map_cells_within_budget(48, 1_000_000), None);
    }

    /// After a change the old map is kept and marked stale while the new one is made off
    /// the UI thread; once it arrives it is the one shown, current. Nothing here times
    /// anything: the loop only waits for the worker, and fails if it never delivers.
    #[test]
    fn a_changed_setting_marks_the_map_stale_until_the_new_one_arrives() {
        let mut sc = crate::core::presets::find("ravine-momentum")
            .unwrap()
            .scenario();
        let mut t = Tuning {
            map_cells: 12,
            ..Default::default()
        };
        let axes = t.map_axes(&sc, 1).unwrap();
        let (first, stale) = t.map(&sc, 1, axes.clone()).unwrap();
        assert!(!stale, "the first map is made at once");
        let first = first.clone().unwrap();
        assert!(!t.map_pending());

        sc.optimizers[1].lr *= 0.25;
        let (shown, stale) = t.map(&sc, 2, axes.clone()).unwrap();
        assert!(stale, "the old map is not shown as current");
        assert_eq!(shown.as_ref().unwrap(), &first);
        assert!(t.map_pending());

        let mut tries = 0;
        let fresh = loop {
            let (m, stale) = t.map(&sc, 2, axes.clone()).unwrap();
            if !stale {
                break m.clone().unwrap();
            }
            tries += 1;
            assert!(tries < 6000, "the worker never delivered");
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert!(!t.map_pending());
        // The map of the new setting: same grid, the ring where the new lr is.
        assert_eq!(fresh.x.values, first.x.values);
        assert_eq!(
            fresh.summary, first.summary,
            "the grid does not move with the ring"
        );
        assert_ne!(fresh.current_cell(), first.current_cell());
    }
}
