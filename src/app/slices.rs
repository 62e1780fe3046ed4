//! Long runs on the web page, which has no threads: what the desktop's worker thread does
//! (runs, diagnoses, replay of the newest scenario asked for) done a slice at a time, a
//! few tens of milliseconds each frame, so the page stays responsive and the status bar
//! shows how far it has come. A newer request drops the one in progress.

use std::sync::mpsc::{Receiver, Sender};

use web_time::{Duration, Instant};

use super::platform::set_progress;
use crate::core::diagnosis::Finding;
use crate::core::replay::Replay;
use crate::core::run::{Run, RunSet, run_at};
use crate::core::scenario::Scenario;

/// Work done per frame (at least one unit: one optimizer's run, diagnosis or replay).
const SLICE: Duration = Duration::from_millis(30);

type Request = (u64, Scenario, Option<egui::Context>);

/// What a finished request becomes: the id, scenario, runs, diagnoses and replay, in the
/// form the state's worker hands back.
type Make<T> = fn(u64, Scenario, RunSet, Vec<Vec<Finding>>, Replay) -> T;

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
pub struct Slicer<T> {
    requests: Receiver<Request>,
    results: Sender<T>,
    make: Make<T>,
    job: Option<Job>,
}

impl<T> Slicer<T> {
    /// A slicer answering `requests` on `results`, each result made by `make`.
    pub fn new(requests: Receiver<Request>, results: Sender<T>, make: Make<T>) -> Self {
        Self {
            requests,
            results,
            make,
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
            set_progress(None);
            return;
        };
        let n = job.scenario.optimizers.len();
        let t0 = Instant::now();
        loop {
            if job.runs.len() < n {
                job.runs.push(run_at(&job.scenario, job.runs.len()));
            } else if job.diagnoses.len() < n {
                // As the state's `diagnose_run`: the same verdict as `gradscape run`.
                job.diagnoses.push(job.runs[job.diagnoses.len()].diagnose());
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
            set_progress(Some(done as f32 / (3 * n).max(1) as f32));
            return;
        }
        set_progress(None);
        let Some(job) = self.job.take() else {
            return;
        };
        let replay = job.replay.unwrap_or_else(|| Replay::new(&job.scenario));
        let runs = RunSet {
            warnings: job.scenario.warnings(),
            runs: job.runs,
        };
        let _ = self.results.send((self.make)(
            job.id,
            job.scenario,
            runs,
            job.diagnoses,
            replay,
        ));
    }
}
