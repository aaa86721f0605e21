//! Independent jobs spread over the machine's cores, their results kept in the jobs' order, so
//! that what a run writes never depends on which job finished first.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

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

/// How many items [`batched`] hands over at a time: enough that handing a batch over costs
/// nothing next to working on it, few enough that the batches in flight take little memory.
const BATCH: usize = 1024;

/// Reads items one after another on this thread, and works on them a batch at a time on every
/// core: what one reader (a CSV parser) must do in order, with what can be done in any order
/// (building records from rows) spread over the machine. Each batch's result is handed to
/// `done`, on this thread, in the order the items were read (whichever batch was done first)
/// as soon as those before it are.
///
/// - `read` returns the next item, or `Ok(None)` at the end; it is handed an item already worked
///   on, when there is one, to reuse its buffers. Its first error ends the reading and is
///   returned, once the batches in flight are done.
/// - `worker` makes what one worker keeps from batch to batch (a cache of values already made);
///   `work` folds one batch into a result.
///
/// Memory is that of a few batches per worker, whatever the number of items, besides what
/// `done` keeps.
pub fn batched<T: Send, S, R: Send, E>(
    mut read: impl FnMut(Option<T>) -> Result<Option<T>, E>,
    worker: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &[T]) -> R + Sync,
    mut done: impl FnMut(R),
) -> Result<(), E> {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let most_in_flight = workers * 4;
    let (to_workers, batches) = mpsc::sync_channel::<(usize, Vec<T>)>(most_in_flight);
    let batches = Mutex::new(batches);
    let (to_reader, back_from_workers) = mpsc::channel::<(usize, Vec<T>, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let to_reader = to_reader.clone();
            let (batches, worker, work) = (&batches, &worker, &work);
            scope.spawn(move || {
                let mut kept = worker();
                // The lock is held while waiting: only one worker can take the next batch.
                while let Some((seq, items)) = batches.lock().ok().and_then(|b| b.recv().ok()) {
                    let result = work(&mut kept, &items);
                    if to_reader.send((seq, items, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(to_reader);
        let mut handed = Handed::default();
        let outcome = 'reading: loop {
            let mut batch = (handed.emptied.pop()).unwrap_or_else(|| Vec::with_capacity(BATCH));
            let mut at_end = false;
            while batch.len() < BATCH {
                match read(handed.spares.pop()) {
                    Ok(Some(item)) => batch.push(item),
                    Ok(None) => {
                        at_end = true;
                        break;
                    }
                    Err(error) => break 'reading Err(error),
                }
            }
            if !batch.is_empty() {
                let seq = handed.send();
                if to_workers.send((seq, batch)).is_err() {
                    // Every worker is gone: one panicked, and the scope re-raises it.
                    break Ok(());
                }
            }
            if at_end {
                break Ok(());
            }
            // Take back the batches done; wait for one when enough are in flight.
            while handed.in_flight > 0 {
                let back = if handed.in_flight >= most_in_flight {
                    back_from_workers.recv().ok()
                } else {
                    back_from_workers.try_recv().ok()
                };
                let Some(back) = back else { break };
                handed.take_back(back, &mut done);
            }
        };
        drop(to_workers);
        // The workers end once the batches sent are done, and with them the results.
        for back in back_from_workers.iter() {
            handed.take_back(back, &mut done);
        }
        outcome
    })
}

/// What [`batched`]'s reader keeps of the batches it handed out: the results done before an
/// earlier batch's, waiting for it (the first is batch `next_done`'s), and the items and
/// batches done, to be filled again.
struct Handed<T, R> {
    sent: usize,
    next_done: usize,
    waiting: VecDeque<Option<R>>,
    spares: Vec<T>,
    emptied: Vec<Vec<T>>,
    in_flight: usize,
}

impl<T, R> Default for Handed<T, R> {
    fn default() -> Self {
        Handed {
            sent: 0,
            next_done: 0,
            waiting: VecDeque::new(),
            spares: Vec::new(),
            emptied: Vec::new(),
            in_flight: 0,
        }
    }
}

impl<T, R> Handed<T, R> {
    /// The number of the batch about to be sent.
    fn send(&mut self) -> usize {
        self.in_flight += 1;
        self.sent += 1;
        self.sent - 1
    }

    /// A batch back from a worker: its items to be read into again, and its result handed to
    /// `done` with those after it that were waiting for it, in order.
    fn take_back(
        &mut self,
        (seq, mut items, result): (usize, Vec<T>, R),
        done: &mut impl FnMut(R),
    ) {
        self.in_flight -= 1;
        self.spares.append(&mut items);
        self.emptied.push(items);
        let place = seq - self.next_done;
        if self.waiting.len() <= place {
            self.waiting.resize_with(place + 1, || None);
        }
        self.waiting[place] = Some(result);
        while let Some(Some(_)) = self.waiting.front() {
            if let Some(Some(result)) = self.waiting.pop_front() {
                done(result);
            }
            self.next_done += 1;
        }
    }
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

    #[test]
    fn batched_results_come_in_the_order_read_whichever_batch_is_done_first() {
        let mut next = 0u64;
        let read = |_spare: Option<u64>| -> Result<Option<u64>, ()> {
            next += 1;
            Ok((next <= 10_000).then_some(next))
        };
        let mut batches = Vec::new();
        let work = |batches_done: &mut u64, items: &[u64]| {
            *batches_done += 1;
            // A worker's later batches are quicker, so batches are done out of order.
            std::thread::sleep(std::time::Duration::from_micros(500 / *batches_done));
            items.to_vec()
        };
        batched(read, || 0u64, work, |batch| batches.push(batch)).unwrap();
        assert_eq!(batches.len(), 10_000_usize.div_ceil(BATCH));
        assert_eq!(batches.concat(), (1..=10_000).collect::<Vec<u64>>());
    }

    #[test]
    fn batched_reuses_items_worked_on_and_stops_at_the_first_error() {
        // More batches than may be in flight: the reader must take some back before the end.
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        let good = (workers * 4 + 2) * BATCH;
        let mut read_so_far = 0;
        let mut reused = 0;
        let read = |spare: Option<Vec<u8>>| {
            reused += usize::from(spare.is_some());
            read_so_far += 1;
            match read_so_far {
                n if n > good => Err(format!("row {n} is broken")),
                _ => Ok(Some(spare.unwrap_or_else(|| vec![0; 64]))),
            }
        };
        let mut worked = 0;
        let outcome = batched(
            read,
            || (),
            |(), items: &[Vec<u8>]| items.len(),
            |n| worked += n,
        );
        assert_eq!(outcome, Err(format!("row {} is broken", good + 1)));
        assert_eq!(worked, good, "the batches read before the error are done");
        assert!(reused > 0, "buffers of rows worked on are read into again");
    }

    #[test]
    fn batched_nothing_read_nothing_worked() {
        let mut results = Vec::new();
        let outcome = batched(
            |_: Option<u8>| Ok::<_, ()>(None),
            || (),
            |(), _| 1,
            |r| results.push(r),
        );
        assert_eq!(outcome, Ok(()));
        assert!(results.is_empty());
    }
}
