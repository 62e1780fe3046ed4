//! The optimizer's inner state at any step of a run, which [`Run`](super::run::Run) does
//! not store: the run is replayed with the very step function that made it.

use super::Vec2;
use super::optimizers::OptimizerState;
use super::run::{Cursor, RunInputs, noise_sequence};
use super::scenario::Scenario;
use super::surfaces::Surface;

/// One optimizer at one step of its run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snapshot {
    /// The step t actually reached (earlier than asked if the run ended first).
    pub step: u64,
    /// θ_t.
    pub theta: Vec2,
    /// The gradient the next update uses at θ_t (after noise and clipping); the plain
    /// gradient once the run has ended.
    pub gradient: Vec2,
    /// The moments after t updates (velocity, m, v, …).
    pub state: OptimizerState,
    /// The learning rate of the next update.
    pub lr: f64,
}

/// Replays the runs of one scenario, keeping each optimizer where it was last asked for,
/// so a playhead moving forward costs only the steps it moved.
#[derive(Debug, Clone)]
pub struct Replay {
    scenario: Scenario,
    surface: Surface,
    noise: Vec<Vec2>,
    cursors: Vec<Option<Cursor>>,
}

impl Replay {
    /// A replay of `scenario`'s runs, every one at θ0.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            surface: scenario.surface.build(scenario.seed),
            noise: noise_sequence(scenario),
            cursors: vec![None; scenario.optimizers.len()],
            scenario: scenario.clone(),
        }
    }

    /// A replay of `scenario` whose optimizers stand where `cursors` are (those without one
    /// at θ0): the ends of runs just computed, so asking for them steps nothing again.
    // Only the window keeps replays between recomputations.
    #[cfg_attr(not(feature = "gui"), allow(dead_code))]
    pub(crate) fn with_cursors(scenario: &Scenario, mut cursors: Vec<Option<Cursor>>) -> Self {
        let mut replay = Self::new(scenario);
        cursors.resize(replay.cursors.len(), None);
        replay.cursors = cursors;
        replay
    }

    /// [`Self::with_cursors`] from the scenario's surface and noise already made (a caller
    /// that computed the runs has them; making them again costs as much as a short run).
    pub(crate) fn from_parts(
        scenario: &Scenario,
        surface: Surface,
        noise: Vec<Vec2>,
        mut cursors: Vec<Option<Cursor>>,
    ) -> Self {
        cursors.resize(scenario.optimizers.len(), None);
        Self {
            scenario: scenario.clone(),
            surface,
            noise,
            cursors,
        }
    }

    /// Where optimizer `i` stands now, if it was moved.
    // Only the window keeps replays between recomputations.
    #[cfg_attr(not(feature = "gui"), allow(dead_code))]
    pub(crate) fn cursor(&self, i: usize) -> Option<&Cursor> {
        self.cursors.get(i)?.as_ref()
    }

    /// Optimizer `i` after `step` updates (or when its run ended, if sooner); `None` if
    /// there is no optimizer `i`.
    pub fn state_at(&mut self, i: usize, step: usize) -> Option<Snapshot> {
        let inputs = RunInputs {
            scenario: &self.scenario,
            surface: &self.surface,
            noise: &self.noise,
            i,
        };
        let slot = self.cursors.get_mut(i)?;
        // Cursors only go forward: going back means starting over.
        let cursor = match slot.take() {
            Some(c) if c.t <= step as u64 => slot.insert(c),
            _ => slot.insert(Cursor::new(inputs)),
        };
        while cursor.t < step as u64 && cursor.step(inputs).is_some() {}
        let done = cursor.ended || cursor.t >= self.scenario.steps;
        let gradient = if done {
            self.surface.gradient(cursor.theta)
        } else {
            // On a copy: the next minibatch must stay undrawn for the real next step.
            cursor.clone().gradient(inputs)
        };
        Some(Snapshot {
            step: cursor.t,
            theta: cursor.theta,
            gradient,
            state: cursor.state,
            lr: cursor.next_rate(),
        })
    }
}

/// Optimizer `i` of `scenario` after `step` updates: θ, the next gradient, its moments and
/// learning rate. See [`Replay`] to ask for many steps cheaply.
pub fn state_at(scenario: &Scenario, i: usize, step: usize) -> Option<Snapshot> {
    Replay::new(scenario).state_at(i, step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets::PRESETS;
    use crate::core::run::run_scenario;

    #[test]
    fn replay_lands_on_the_recorded_points() {
        for p in PRESETS {
            let scenario = p.scenario();
            let runs = run_scenario(&scenario);
            let mut replay = Replay::new(&scenario);
            for (i, run) in runs.runs.iter().enumerate() {
                let n = run.points.len();
                for k in [0, 1, n / 3, n / 2, n - 1, n + 5] {
                    let s = replay.state_at(i, k).expect("optimizer exists");
                    let want = run.points[k.min(n - 1)];
                    assert_eq!(s.theta, want, "{} run {i} step {k}", p.name);
                }
                // Going back starts over and still agrees.
                let s = replay.state_at(i, 1.min(n - 1)).expect("optimizer exists");
                assert_eq!(s.theta, run.points[1.min(n - 1)]);
                let fresh = state_at(&scenario, i, n / 2).expect("optimizer exists");
                assert_eq!(fresh.theta, run.points[n / 2], "{}", p.name);
            }
        }
    }

    #[test]
    fn adam_reports_its_effective_step() {
        let mut scenario = crate::core::presets::default_scenario();
        scenario.optimizers =
            vec![crate::core::optimizers::OptimizerConfig::with_defaults("adam").expect("adam")];
        let s = state_at(&scenario, 0, 10).expect("adam");
        let kind = scenario.optimizers[0].kind;
        let eff = s.state.effective_step(&kind, s.lr).expect("adaptive");
        assert!(eff.x > 0.0 && eff.y > 0.0 && eff.x.is_finite());
        assert!(s.state.first.norm() > 0.0);
        assert!(state_at(&scenario, 3, 10).is_none());
    }
}
