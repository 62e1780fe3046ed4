//! Jobs on scoped threads where the platform has threads, one after another where it has
//! none (the web page: `wasm32-unknown-unknown` cannot spawn, and `std::thread::scope`'s
//! `spawn` would panic there).

/// `f` applied to every job, each on its own scoped thread (on the web: in turn, on the
/// calling thread); the results in the jobs' order. A job's panic is raised again here.
pub fn map<T: Send, R: Send>(jobs: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if jobs.len() > 1 {
        let f = &f;
        return std::thread::scope(|s| {
            let handles: Vec<_> = jobs.into_iter().map(|j| s.spawn(move || f(j))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
    }
    jobs.into_iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_keep_the_jobs_order() {
        let squares = map((0..20u64).collect(), |i| i * i);
        assert_eq!(squares, (0..20u64).map(|i| i * i).collect::<Vec<_>>());
    }

    #[test]
    fn jobs_may_borrow_mutably() {
        let mut data = vec![0u32; 10];
        let chunks: Vec<&mut [u32]> = data.chunks_mut(3).collect();
        map(chunks, |c| c.iter_mut().for_each(|v| *v += 1));
        assert_eq!(data, vec![1; 10]);
    }
}
