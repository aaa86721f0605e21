//! Independent jobs spread over the machine's cores, their results kept in the jobs' order, so
//! that what a run writes never depends on which job finished first.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on every job, with as many workers as there are cores (never more than jobs),
/// each taking the next job not yet taken, and returns the results in the order of `jobs`.
/// Jobs should be given longest first: a long job taken last would run alone.
pub fn in_order<J: Sync, R: Send>(jobs: &[J], work: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let worker = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else {
                break;
            };
            let result = work(job);
            if let Ok(mut slot) = results[index].lock() {
                *slot = Some(result);
            }
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    std::thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(worker);
        }
        worker();
    });
    // Every job was taken and its slot filled: a worker that panicked has already re-raised
    // its panic at the end of the scope, and a lock is poisoned only by such a panic.
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// Runs `first` and `second` side by side (`second` on a thread of its own) and returns both
/// results; a panic in either is the caller's.
pub fn both<A: Send, B: Send>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let second = scope.spawn(second);
        let first = first();
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_jobs_order_whoever_finishes_first() {
        let jobs: Vec<u64> = (0..40).rev().collect();
        let results = in_order(&jobs, |&n| {
            std::thread::sleep(std::time::Duration::from_millis(n % 3));
            n * 2
        });
        assert_eq!(results, jobs.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn both_gives_each_result_in_its_place() {
        assert_eq!(both(|| 1, || "two"), (1, "two"));
    }

    #[test]
    fn no_jobs_no_results() {
        assert!(in_order(&[] as &[u8], |_| 1).is_empty());
    }
}
