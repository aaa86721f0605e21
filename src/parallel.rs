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

/// Runs `work` on every job as [`in_order`] does, taking the heaviest by `weight` first, so
/// that no long job is left to run alone at the end; the results still come in the order of
/// `jobs`.
pub fn heaviest_first<J: Sync, R: Send>(
    jobs: &[J],
    weight: impl Fn(&J) -> u64,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let mut taken: Vec<usize> = (0..jobs.len()).collect();
    taken.sort_by_key(|&index| std::cmp::Reverse(weight(&jobs[index])));
    let mut results = in_order(&taken, |&index| (index, work(&jobs[index])));
    results.sort_unstable_by_key(|&(index, _)| index);
    results.into_iter().map(|(_, result)| result).collect()
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
    fn the_heaviest_jobs_are_taken_first_and_results_still_come_in_the_jobs_order() {
        let jobs = ["light", "heaviest", "middling"];
        let weight = |job: &&str| match *job {
            "heaviest" => 30,
            "middling" => 20,
            _ => 10,
        };
        let taken = Mutex::new(Vec::new());
        let results = heaviest_first(&jobs, weight, |job| {
            taken.lock().unwrap().push(*job);
            job.len()
        });
        assert_eq!(results, [5, 8, 8]);
        // With one worker or several, the heaviest is taken first.
        assert_eq!(taken.into_inner().unwrap()[0], "heaviest");
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
