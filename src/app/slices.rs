//! Long runs on the web page, which has no threads: what the desktop's worker thread does
//! (runs, diagnoses, replay of the newest scenario asked for) done a slice at a time, a
//! few tens of milliseconds each frame, so the page stays responsive and the status bar
//! shows how far it has come. A newer request drops the one in progress.

use std::cell::Cell;
use std::sync::mpsc::{Receiver, Sender};

use web_time::{Duration, Instant};

use super::state::{Computed, diagnose_run};
use crate::core::diagnosis::Finding;
use crate::core::replay::Replay;
use crate::core::run::{Run, RunSet, run_at};
use crate::core::scenario::Scenario;

/// Work done per frame (at least one unit: one optimizer's run, diagnosis or replay).
const SLICE: Duration = Duration::from_millis(30);

type Request = (u64, Scenario, Option<egui::Context>);

thread_local! {
    static PROGRESS: Cell<Option<f32>> = const { Cell::new(None) };
}

/// How far the request in progress has come, 0 to 1; `None` when there is none.
pub fn progress() -> Option<f32> {
    PROGRESS.with(Cell::get)
}

/// The newest request and what is done of it.
struct Job {
    id: u64,
    scenario: Scenario,
    ctx: Option<egui::Context>,
    runs: Vec<Run>,
    diagnoses: Vec<Vec<Finding>>,
    replay: Option<Replay>,
    replayed: usize,
}

/// The worker's stand-in: takes requests and sends results over the same channels.
pub struct Slicer {
    requests: Receiver<Request>,
    results: Sender<Computed>,
    job: Option<Job>,
}

impl Slicer {
    /// A slicer answering `requests` on `results`.
    pub fn new(requests: Receiver<Request>, results: Sender<Computed>) -> Self {
        Self {
            requests,
            results,
            job: None,
        }
    }

    /// Works on the newest request for about [`SLICE`]; sends its result once complete.
    pub fn work(&mut self) {
        while let Ok((id, scenario, ctx)) = self.requests.try_recv() {
            self.job = Some(Job {
                id,
                scenario,
                ctx,
                runs: Vec::new(),
                diagnoses: Vec::new(),
                replay: None,
                replayed: 0,
            });
        }
        let Some(job) = &mut self.job else {
            PROGRESS.with(|p| p.set(None));
            return;
        };
        let n = job.scenario.optimizers.len();
        let t0 = Instant::now();
        loop {
            if job.runs.len() < n {
                job.runs.push(run_at(&job.scenario, job.runs.len()));
            } else if job.diagnoses.len() < n {
                job.diagnoses
                    .push(diagnose_run(&job.runs[job.diagnoses.len()]));
            } else if job.replayed < n {
                let replay = job.replay.get_or_insert_with(|| Replay::new(&job.scenario));
                replay.state_at(job.replayed, job.runs[job.replayed].steps_taken());
                job.replayed += 1;
            } else {
                break;
            }
            if t0.elapsed() >= SLICE {
                break;
            }
        }
        let done = job.runs.len() + job.diagnoses.len() + job.replayed;
        if let Some(ctx) = &job.ctx {
            ctx.request_repaint();
        }
        if done < 3 * n {
            PROGRESS.with(|p| p.set(Some(done as f32 / (3 * n).max(1) as f32)));
            return;
        }
        PROGRESS.with(|p| p.set(None));
        let Some(job) = self.job.take() else {
            return;
        };
        let replay = job.replay.unwrap_or_else(|| Replay::new(&job.scenario));
        let _ = self.results.send(Computed {
            id: job.id,
            runs: RunSet {
                warnings: job.scenario.warnings(),
                runs: job.runs,
            },
            diagnoses: job.diagnoses,
            replay,
        });
    }
}
