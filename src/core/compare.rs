//! The fair comparison: every optimizer of a scenario gets its learning rate (and,
//! optionally, its memory parameter β, μ or β1) tuned on the same log grid, under one
//! shared budget of steps, so that "Adam beats SGD" can be told apart from "Adam was
//! better tuned" (pytorch-optimizer issue #219).
//!
//! Each candidate is a run of the scenario as it is (surface, start, noise, clipping,
//! schedule, early stopping) with `steps` = the budget and the candidate's settings. A
//! candidate is scored by its final loss; a diverged run scores +∞. Ties keep the first
//! candidate in grid order (the lower rate, then the lower second value).

use serde::Serialize;

use super::run::{Run, runs, unique_labels};
use super::scenario::{MAX_STEPS, Scenario};

/// The values tried for the second parameter.
pub const SECOND_GRID: [f64; 4] = [0.0, 0.5, 0.9, 0.99];
/// Most steps one comparison may take in all (runs × budget), so a typo cannot hang it.
pub const MAX_TOTAL_STEPS: u64 = 200_000_000;
/// Two tuned losses closer than this share of the descent from the start count as a tie.
pub const TIE_SHARE: f64 = 1e-3;

/// What to compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareSettings {
    /// Steps every run gets.
    pub budget: u64,
    /// Rates tried per optimizer (log-spaced from `lr_from` to `lr_to`).
    pub grid: usize,
    /// Also tune each kind's memory parameter over [`SECOND_GRID`].
    pub second: bool,
    /// Lowest rate of the grid.
    pub lr_from: f64,
    /// Highest rate of the grid.
    pub lr_to: f64,
}

impl Default for CompareSettings {
    fn default() -> Self {
        // 1e-5 … 10 in 19 points: three per decade, the same grid for everyone.
        Self {
            budget: 500,
            grid: 19,
            second: false,
            lr_from: 1e-5,
            lr_to: 10.0,
        }
    }
}

/// A bad setting: the argument and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareError {
    /// The command-line argument at fault, e.g. `--grid`.
    pub argument: &'static str,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.argument, self.message)
    }
}

/// One setting's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The learning rate.
    pub lr: f64,
    /// The second parameter's name and value, when tuned.
    pub param: Option<(&'static str, f64)>,
    /// The loss at the run's final point (null when it diverged).
    pub final_loss: Option<f64>,
    /// The lowest loss along the run.
    pub best_loss: Option<f64>,
    /// Whether the run diverged.
    pub diverged: bool,
    /// The final point.
    pub final_point: [f64; 2],
    /// The run's loss at each point, so that the winners can be drawn side by side (not
    /// in the JSON: `gradscape run` with these settings writes the run).
    #[serde(skip)]
    pub loss_curve: Vec<f64>,
    /// The run's points.
    #[serde(skip)]
    pub path: Vec<[f64; 2]>,
}

impl Outcome {
    fn of(run: &Run, lr: f64, param: Option<(&'static str, f64)>) -> Self {
        let diverged = run.diverged_at.is_some();
        let final_loss = run.final_loss();
        let best = run
            .loss
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::INFINITY, f64::min);
        Self {
            lr,
            param,
            final_loss: (!diverged && final_loss.is_finite()).then_some(final_loss),
            best_loss: best.is_finite().then_some(best),
            diverged,
            final_point: [run.final_point.x, run.final_point.y],
            loss_curve: run.loss.clone(),
            path: run.points.iter().map(|p| [p.x, p.y]).collect(),
        }
    }

    /// The score a candidate is ranked by: its final loss, +∞ when it diverged.
    pub fn score(&self) -> f64 {
        self.final_loss.unwrap_or(f64::INFINITY)
    }
}

/// One optimizer's tuning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Its label in the scenario.
    pub label: String,
    /// Its kind.
    pub kind: &'static str,
    /// The run with the scenario's own settings (and the budget).
    pub as_given: Outcome,
    /// The best candidate of the grid.
    pub tuned: Outcome,
    /// Candidates tried.
    pub tried: usize,
    /// Of those, how many diverged.
    pub diverged_count: usize,
}

/// The answer to "better, or better tuned?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One optimizer only: nothing to compare.
    Single,
    /// The winner with the given settings still wins when everyone is tuned.
    Better,
    /// Another optimizer wins once everyone is tuned: the first was better tuned.
    BetterTuned,
    /// Tuned, the best two end within [`TIE_SHARE`] of the descent of each other.
    Tie,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Steps every run got.
    pub budget: u64,
    /// The rates tried.
    pub lr_grid: Vec<f64>,
    /// The second parameter's values tried, when tuned.
    pub second_grid: Option<Vec<f64>>,
    /// The loss at the start point.
    pub start_loss: f64,
    /// One entry per optimizer, in the scenario's order.
    pub results: Vec<Entry>,
    /// Index of the winner with the given settings.
    pub winner_as_given: usize,
    /// Index of the winner once tuned.
    pub winner_tuned: usize,
    /// Better, or better tuned?
    pub verdict: Verdict,
}

impl Comparison {
    /// The JSON `compare` writes (pretty); non-finite numbers are null.
    pub fn to_json(&self) -> String {
        let outcome = |o: &Outcome| {
            let mut v = serde_json::json!({
                "lr": o.lr,
                "final_loss": o.final_loss,
                "best_loss": o.best_loss,
                "diverged": o.diverged,
                "final": o.final_point,
            });
            if let Some((name, value)) = o.param {
                v[name] = serde_json::json!(value);
            }
            v
        };
        let results: Vec<serde_json::Value> = self
            .results
            .iter()
            .map(|e| {
                serde_json::json!({
                    "label": e.label,
                    "kind": e.kind,
                    "as_given": outcome(&e.as_given),
                    "best": outcome(&e.tuned),
                    "tried": e.tried,
                    "diverged_count": e.diverged_count,
                })
            })
            .collect();
        let label = |i: usize| self.results.get(i).map(|e| e.label.clone());
        serde_json::to_string_pretty(&serde_json::json!({
            "budget": self.budget,
            "lr_grid": self.lr_grid,
            "second_grid": self.second_grid,
            "start_loss": self.start_loss,
            "results": results,
            "winner_as_given": label(self.winner_as_given),
            "winner_tuned": label(self.winner_tuned),
            "verdict": self.verdict,
        }))
        .expect("a comparison always serializes")
    }
}

/// `n` rates from `from` to `to`, evenly spaced in log.
pub fn log_grid(from: f64, to: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![from];
    }
    let (a, b) = (from.ln(), to.ln());
    (0..n)
        .map(|i| (a + (b - a) * i as f64 / (n - 1) as f64).exp())
        .collect()
}

/// Tunes every optimizer of `scenario` under `settings`.
pub fn compare(
    scenario: &Scenario,
    settings: &CompareSettings,
) -> Result<Comparison, CompareError> {
    if !(1..=MAX_STEPS).contains(&settings.budget) {
        return Err(CompareError {
            argument: "--budget",
            message: format!("must be from 1 to {MAX_STEPS} (got {})", settings.budget),
        });
    }
    if !(2..=1000).contains(&settings.grid) {
        return Err(CompareError {
            argument: "--grid",
            message: format!("must be from 2 to 1000 (got {})", settings.grid),
        });
    }
    let seconds = if settings.second {
        SECOND_GRID.len()
    } else {
        1
    };
    let total =
        (settings.grid * seconds + 1) as u64 * scenario.optimizers.len() as u64 * settings.budget;
    if total > MAX_TOTAL_STEPS {
        return Err(CompareError {
            argument: "--budget",
            message: format!(
                "{} steps × {} runs is too much work (at most {MAX_TOTAL_STEPS} steps in all)",
                settings.budget,
                (settings.grid * seconds + 1) * scenario.optimizers.len()
            ),
        });
    }
    let lr_grid = log_grid(settings.lr_from, settings.lr_to, settings.grid);
    let labels = unique_labels(&scenario.optimizers);
    let mut base = scenario.clone();
    base.steps = settings.budget;
    let start_loss = scenario.surface.build(scenario.seed).value(scenario.start);

    let one = |i: usize, lr: f64, param: Option<(&'static str, f64)>| -> Outcome {
        let mut sc = base.clone();
        let mut o = scenario.optimizers[i].clone();
        o.lr = lr;
        if let Some((name, v)) = param {
            o.kind = o.kind.with_param(name, v);
        }
        // A scenario-level schedule stays in force: the candidate keeps the schedule the
        // optimizer had.
        o.schedule = Some(scenario.schedule_of(i).clone());
        sc.optimizers = vec![o];
        let run = runs(&sc).next().expect("one optimizer, one run");
        Outcome::of(&run, lr, param)
    };

    let one = &one;
    let grid = &lr_grid;
    let results: Vec<Entry> = super::par::map((0..scenario.optimizers.len()).collect(), |i| {
        let label = labels[i].clone();
        let o = &scenario.optimizers[i];
        let as_given = one(i, o.lr, None);
        let second = settings.second.then(|| o.kind.info().sweep).flatten();
        let mut best: Option<Outcome> = None;
        let (mut tried, mut diverged_count) = (0, 0);
        for &lr in grid {
            let params: Vec<Option<(&'static str, f64)>> = match second {
                Some(name) => SECOND_GRID.iter().map(|&v| Some((name, v))).collect(),
                None => vec![None],
            };
            for p in params {
                let out = one(i, lr, p);
                tried += 1;
                diverged_count += usize::from(out.diverged);
                if best.as_ref().is_none_or(|b| out.score() < b.score()) {
                    best = Some(out);
                }
            }
        }
        Entry {
            label,
            kind: o.kind.name(),
            as_given,
            tuned: best.expect("the grid has at least two rates"),
            tried,
            diverged_count,
        }
    });

    let argmin = |score: &dyn Fn(&Entry) -> f64| {
        (0..results.len()).fold(0, |best, i| {
            if score(&results[i]) < score(&results[best]) {
                i
            } else {
                best
            }
        })
    };
    let winner_as_given = argmin(&|e: &Entry| e.as_given.score());
    let winner_tuned = argmin(&|e: &Entry| e.tuned.score());
    let verdict = if results.len() < 2 {
        Verdict::Single
    } else {
        // The runner-up once tuned, and how close it came.
        let runner_up = (0..results.len())
            .filter(|&i| i != winner_tuned)
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if results[b].tuned.score() <= results[i].tuned.score() => Some(b),
                _ => Some(i),
            })
            .unwrap_or(winner_tuned);
        let (a, b) = (
            results[winner_tuned].tuned.score(),
            results[runner_up].tuned.score(),
        );
        let descent = (start_loss - a).abs();
        if a.is_finite() && b.is_finite() && (b - a) <= TIE_SHARE * descent {
            Verdict::Tie
        } else if winner_as_given == winner_tuned {
            Verdict::Better
        } else {
            Verdict::BetterTuned
        }
    };
    Ok(Comparison {
        budget: settings.budget,
        lr_grid,
        second_grid: settings.second.then(|| SECOND_GRID.to_vec()),
        start_loss,
        results,
        winner_as_given,
        winner_tuned,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_grid_has_its_ends_and_even_ratios() {
        let g = log_grid(1e-5, 10.0, 19);
        assert_eq!(g.len(), 19);
        assert!((g[0] - 1e-5).abs() < 1e-18 && (g[18] - 10.0).abs() < 1e-12);
        let r = g[1] / g[0];
        assert!(g.windows(2).all(|w| (w[1] / w[0] - r).abs() < 1e-9));
        assert!((r - 10f64.powf(1.0 / 3.0)).abs() < 1e-9);
    }

    #[test]
    fn a_badly_set_optimizer_is_only_better_tuned() {
        // On a bowl, SGD with a tiny rate loses to Adam as given; tuned, SGD (plain
        // gradient descent on a quadratic with a good rate) converges at least as well.
        let sc = Scenario::from_json(
            r#"{"surface": {"kind": "quadratic", "lambda1": 1, "lambda2": 1},
                "start": [3, -2], "steps": 100,
                "optimizers": [{"kind": "sgd", "lr": 1e-5}, {"kind": "adam", "lr": 0.1}]}"#,
        )
        .unwrap();
        let c = compare(
            &sc,
            &CompareSettings {
                budget: 100,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.winner_as_given, 1);
        assert!(c.results[0].tuned.score() < c.results[0].as_given.score());
        assert_ne!(c.verdict, Verdict::Better, "{c:?}");
        assert!(
            c.results[0].diverged_count > 0,
            "high rates on the grid diverge"
        );
    }

    #[test]
    fn bad_settings_name_the_argument() {
        let sc = crate::core::presets::default_scenario();
        let e = compare(
            &sc,
            &CompareSettings {
                grid: 1,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.argument, "--grid");
        let e = compare(
            &sc,
            &CompareSettings {
                budget: 0,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.argument, "--budget");
    }
}
