//! What the tuning windows computed (`core::lr_find`, `core::compare`), kept with the
//! generation of the runs it was made for and made again when the scenario (or the
//! selected optimizer) changes. Apart from the windows (`tuning`), so that the state can
//! own it without importing a panel.

use crate::core::compare::{CompareSettings, Comparison, compare};
use crate::core::lr_find::{LrFind, LrFindSettings, lr_find};
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
    /// The test's result, with the runs' generation and the optimizer it was made for.
    lr_find: Option<(u64, usize, Result<LrFind, String>)>,
    /// The comparison, with the generation and the `second` setting it was made for.
    compare: Option<(u64, bool, Result<Comparison, String>)>,
}

impl Tuning {
    /// The current range test, made for the selected optimizer of the current runs.
    pub fn lr_find(
        &mut self,
        scenario: &Scenario,
        generation: u64,
        selected: usize,
    ) -> &Result<LrFind, String> {
        let fresh = matches!(&self.lr_find, Some((g, i, _)) if *g == generation && *i == selected);
        if !fresh {
            let settings = LrFindSettings {
                optimizer: selected,
                ..Default::default()
            };
            let result = lr_find(scenario, &settings).map_err(|e| e.to_string());
            self.lr_find = Some((generation, selected, result));
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
