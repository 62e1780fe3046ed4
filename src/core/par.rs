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

/// `f(i)` for every `i < n`, in order, spread over the machine's cores: a thread per core
/// takes the next index until none is left (one thread where there is one core, or no
/// threads, as on the web).
pub fn pool<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .min(n);
    if threads <= 1 || cfg!(target_arch = "wasm32") {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                return mine;
            }
            mine.push((i, f(i)));
        }
    };
    let mut parts: Vec<(usize, T)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in others {
            all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    parts.sort_unstable_by_key(|(i, _)| *i);
    parts.into_iter().map(|(_, v)| v).collect()
}

/// Drops `value` on a thread of its own where there are threads: freeing runs of 10⁶
/// steps (unmapping a few hundred MB) took about 13 ms, most of a frame, on the thread that
/// let them go.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    if cfg!(target_arch = "wasm32") {
        return drop(value);
    }
    // Should the thread not start, the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("gradscape drop".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn the_pool_keeps_the_order_of_the_indices() {
        let squares = super::pool(1000, |i| i * i);
        assert_eq!(squares, (0..1000).map(|i| i * i).collect::<Vec<_>>());
        assert!(super::pool(0, |i| i).is_empty());
    }

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
