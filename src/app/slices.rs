//! Long runs on the web page, which has no threads: what the desktop's worker thread does
//! (the runs and diagnoses of the newest scenario asked for) done a slice at a time, a few
//! tens of milliseconds each frame ([`SlicedRuns`] pauses between pieces of a few
//! thousand steps or one rule of a diagnosis), so the page keeps painting and the status
//! bar shows how far it has come. A newer request drops the one in progress.

use std::sync::mpsc::{Receiver, Sender};

use web_time::{Duration, Instant};

use super::platform::set_progress;
use crate::core::diagnosis::Finding;
use crate::core::replay::Replay;
use crate::core::run::RunSet;
use crate::core::scenario::Scenario;
use crate::core::sliced::SlicedRuns;

/// Work done per frame (at least one piece): on a machine with a graphics card a frame's
/// own layout and painting take a few milliseconds, so the page keeps about 30 frames a
/// second while most of the time goes to the run.
const SLICE: Duration = Duration::from_millis(25);

type Request = (u64, Scenario, Option<egui::Context>);

/// What a finished request becomes: the id, scenario, runs, diagnoses and replay, in the
/// form the state's worker hands back.
type Make<T> = fn(u64, Scenario, RunSet, Vec<Vec<Finding>>, Replay) -> T;

/// The newest request and what is done of it.
struct Job {
    id: u64,
    ctx: Option<egui::Context>,
    work: SlicedRuns,
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
                ctx,
                work: SlicedRuns::new(&scenario),
            });
        }
        let Some(job) = &mut self.job else {
            set_progress(None);
            return;
        };
        let t0 = Instant::now();
        let done = job.work.work(|| t0.elapsed() < SLICE);
        if let Some(ctx) = &job.ctx {
            ctx.request_repaint();
        }
        if !done {
            set_progress(Some(job.work.progress() as f32));
            return;
        }
        set_progress(None);
        let Some(job) = self.job.take() else {
            return;
        };
        let scenario = job.work.scenario().clone();
        let (runs, diagnoses, replay) = job.work.finish();
        let _ = self
            .results
            .send((self.make)(job.id, scenario, runs, diagnoses, replay));
    }
}
