//! The runs and diagnoses of a scenario made a slice at a time, for a caller without threads
//! (the web page): what the desktop's worker thread computes in one go, in pieces of a few
//! thousand steps or one rule of a diagnosis, so that the caller can stop after any piece
//! (to paint a frame) and go on later. The runs, their diagnoses and the replay's cursors
//! are the very ones [`run_scenario`](super::run::run_scenario) and
//! [`Run::diagnose`] give: the same code makes them, only paused.

use super::Vec2;
use super::diagnosis::Finding;
use super::replay::Replay;
use super::run::{
    Cursor, NoiseDraws, Run, RunDiagnosis, RunInProgress, RunInputs, RunSet, unique_labels,
};
use super::scenario::Scenario;
use super::surfaces::Surface;

/// Steps (or noise draws) per piece: about a millisecond of work on the web page, so that
/// checking the clock between pieces costs nothing and a frame's budget is met closely.
pub const PIECE_STEPS: u64 = 4096;

/// What a diagnosis costs, counted in steps of its run, for the progress shown: a rule on
/// the envelope of a long run's curves takes about as long as this share of the run's
/// steps (measured on the web page: BENCHMARKS.md).
const DIAGNOSIS_SHARE: f64 = 0.5;

/// The runs and diagnoses of one scenario, part-way.
pub struct SlicedRuns {
    scenario: Scenario,
    surface: Surface,
    noise: Vec<Vec2>,
    draws: NoiseDraws,
    noise_done: bool,
    labels: Vec<String>,
    runs: Vec<Run>,
    ends: Vec<Option<Cursor>>,
    running: Option<RunInProgress>,
    diagnoses: Vec<Vec<Finding>>,
    diagnosing: Option<RunDiagnosis>,
    /// Pieces done so far (each call of [`Self::work`] does at least one).
    pieces: u64,
}

impl SlicedRuns {
    /// The runs of `scenario`, none computed yet.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            surface: scenario.surface.build(scenario.seed),
            noise: Vec::new(),
            draws: NoiseDraws::new(scenario),
            noise_done: false,
            labels: unique_labels(&scenario.optimizers),
            runs: Vec::new(),
            ends: Vec::new(),
            running: None,
            diagnoses: Vec::new(),
            diagnosing: None,
            pieces: 0,
            scenario: scenario.clone(),
        }
    }

    /// The scenario computed.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Does one piece, then more while `more()` says so; returns whether everything is
    /// done.
    pub fn work(&mut self, mut more: impl FnMut() -> bool) -> bool {
        loop {
            if self.done() {
                return true;
            }
            self.piece();
            if self.done() {
                return true;
            }
            if !more() {
                return false;
            }
        }
    }

    /// Whether every run and diagnosis is made.
    fn done(&self) -> bool {
        let n = self.labels.len();
        self.noise_done && self.runs.len() == n && self.diagnoses.len() == n
    }

    /// Pieces done so far.
    pub fn pieces(&self) -> u64 {
        self.pieces
    }

    /// The next piece of work, if any is left.
    fn piece(&mut self) {
        let n = self.labels.len();
        if !self.noise_done {
            self.pieces += 1;
            // Two numbers per draw, about as costly as a step.
            self.noise_done = self.draws.draw(&mut self.noise, PIECE_STEPS);
            return;
        }
        if self.runs.len() < n {
            self.pieces += 1;
            let i = self.runs.len();
            let inputs = RunInputs {
                scenario: &self.scenario,
                surface: &self.surface,
                noise: &self.noise,
                i,
            };
            let labels = &self.labels;
            let running = self
                .running
                .get_or_insert_with(|| RunInProgress::new(inputs, labels[i].clone()));
            if running.advance(inputs, PIECE_STEPS)
                && let Some(done) = self.running.take()
            {
                let (run, end) = done.finish(inputs);
                self.runs.push(run);
                self.ends.push(Some(end));
            }
            return;
        }
        if self.diagnoses.len() < n {
            self.pieces += 1;
            // As the state's `diagnose_run`: the same verdict as `gradscape run`.
            let run = &self.runs[self.diagnoses.len()];
            let d = self
                .diagnosing
                .get_or_insert_with(|| RunDiagnosis::new(run));
            if d.advance(run)
                && let Some(d) = self.diagnosing.take()
            {
                self.diagnoses.push(d.finish(run));
            }
        }
    }

    /// How far the work has come, from 0 to 1: the steps taken and the diagnoses' stages
    /// done, each diagnosis weighed as `DIAGNOSIS_SHARE` of its run's steps. A run that
    /// ended early counts as all its steps.
    pub fn progress(&self) -> f64 {
        let n = self.labels.len();
        if n == 0 {
            return 1.0;
        }
        let steps = self.scenario.steps as f64;
        let diagnosis = DIAGNOSIS_SHARE * steps;
        let stages = f64::from(RunDiagnosis::STAGES);
        let noise = if self.scenario.grad_noise == 0.0 {
            0.0
        } else {
            steps
        };
        let total = noise + n as f64 * (steps + diagnosis);
        let mut done = self.noise.len() as f64 + self.runs.len() as f64 * steps;
        if let Some(r) = &self.running {
            done += r.steps_taken() as f64;
        }
        done += self.diagnoses.len() as f64 * diagnosis;
        if let Some(d) = &self.diagnosing {
            done += diagnosis * f64::from(d.stages_done()) / stages;
        }
        if total > 0.0 {
            (done / total).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// The runs, their diagnoses and a replay standing at each run's end (the remaining
    /// work done first, if any).
    pub fn finish(mut self) -> (RunSet, Vec<Vec<Finding>>, Replay) {
        self.work(|| true);
        let replay = Replay::from_parts(&self.scenario, self.surface, self.noise, self.ends);
        let runs = RunSet {
            warnings: self.scenario.warnings(),
            runs: self.runs,
        };
        (runs, self.diagnoses, replay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets::default_scenario;
    use crate::core::run::{diagnose_runs, run_scenario};

    /// A scenario of a few pieces per run, with noise, an evaluation every step and an
    /// average of the weights (every series a run keeps); neither run ends early.
    fn scenario() -> Scenario {
        let json = format!(
            r#"{{"surface": {{"kind": "rosenbrock"}}, "start": [-1.2, 1.0],
                "steps": {}, "grad_noise": 0.5, "seed": 7,
                "optimizers": [{{"kind": "adam", "lr": 0.001, "ema_decay": 0.9}},
                               {{"kind": "sgd", "lr": 0.0001}}]}}"#,
            3 * PIECE_STEPS + 17
        );
        Scenario::from_json(&json).expect("a valid scenario")
    }

    #[test]
    fn pieces_make_the_runs_diagnoses_and_replay_of_one_go() {
        let s = scenario();
        let mut sliced = SlicedRuns::new(&s);
        let mut calls = 0;
        let mut last = sliced.progress();
        assert_eq!(last, 0.0);
        // One piece per call: a caller whose frame budget is always spent.
        while !sliced.work(|| false) {
            calls += 1;
            let p = sliced.progress();
            assert!(p >= last && p <= 1.0, "progress {last} then {p}");
            last = p;
            assert!(calls < 1000, "never done");
        }
        // The noise, four pieces per run, and every stage of two diagnoses.
        assert!(calls >= 4 + 2 * 4, "{calls} calls");
        assert_eq!(sliced.progress(), 1.0);
        let pieces = sliced.pieces();
        let (runs, diagnoses, mut replay) = sliced.finish();
        assert!(
            runs.runs
                .iter()
                .all(|r| r.steps_taken() == s.steps as usize)
        );
        assert_eq!(runs, run_scenario(&s));
        assert_eq!(diagnoses, diagnose_runs(&runs.runs));
        for (i, run) in runs.runs.iter().enumerate() {
            let at = replay
                .state_at(i, run.steps_taken())
                .expect("optimizer exists");
            assert_eq!(at.theta, *run.points.last().expect("a point"));
        }
        assert_eq!(pieces, calls + 1);
    }

    #[test]
    fn progress_moves_by_small_amounts() {
        let s = scenario();
        let mut sliced = SlicedRuns::new(&s);
        let mut last = 0.0;
        let mut biggest: f64 = 0.0;
        while !sliced.work(|| false) {
            let p = sliced.progress();
            biggest = biggest.max(p - last);
            last = p;
        }
        // Noise, 2 runs and 2 diagnoses of 4 pieces' worth of steps (a diagnosis counted as
        // half its run): no piece moves the bar by more than a piece of steps or a few
        // stages of a diagnosis (a rule's finding skips the rules it excludes).
        let total = (1.0 + 2.0 * 1.5) * s.steps as f64;
        let piece = PIECE_STEPS as f64 / total;
        let stage = 0.5 * s.steps as f64 / total / f64::from(RunDiagnosis::STAGES);
        assert!(biggest <= piece.max(4.0 * stage) + 1e-12, "{biggest}");
        assert!(biggest > 0.0);
    }

    #[test]
    fn a_scenario_without_optimizers_is_done_at_once() {
        let mut s = default_scenario();
        s.optimizers.clear();
        let mut sliced = SlicedRuns::new(&s);
        assert!(sliced.work(|| true));
        let (runs, diagnoses, _) = sliced.finish();
        assert!(runs.runs.is_empty() && diagnoses.is_empty());
    }
}
