//! SPEC §3.6: a vehicle's odometer readings — trip tickets' departure and return readings and
//! receipts' readings — judged as one sequence, once per run, before any rule reads them.
//!
//! A bad reading is left out of the sequence, so that the good reading after it is not blamed
//! for disagreeing with it, and distances (consumption, gaps between trips) are measured
//! without it. [`judge`] is the algorithm, a pure function over (date, reading, source);
//! [`Odometers`] runs it over every vehicle of a run and answers the rules' questions.
//!
//! Which readings are bad is decided in three steps:
//! 1. placeholders: 0 and `odometer_placeholders` (1234, 99999, …) are typed when the real
//!    reading is not known;
//! 2. repeated values: a receipt that gives the same reading as an earlier day's receipt — fuel
//!    was bought twice with no distance driven to burn it — is a copied reading;
//! 3. readings out of line: the readings kept are those of the longest run that never goes
//!    backwards, where a step further than `max_km_per_day` × (days between + 1) counts
//!    against the run (a long trip within that is believed). A single reading out of line with
//!    both its neighbours — an upward typo, a downward typo — is thus the one left out, and so
//!    is a run of them, or a first or last reading that the others contradict. When either of
//!    two readings could go, the earlier one goes: of `10 000, 10 500, 10 450, 10 600` the
//!    10 500 is out of line with its own neighbours, the 10 450 is not.

use crate::config::RuleSettings;
use crate::link::{Keys, VehicleNo};
use crate::model::{CompactDecimal, Dataset, index32};
use chrono::{Datelike, NaiveDate};
use foldhash::HashMap;
use rust_decimal::Decimal;
use std::sync::{Mutex, PoisonError};

/// Where a reading was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A trip ticket's `odometer_out`, by the trip's index in the dataset.
    TripOut(usize),
    /// A trip ticket's `odometer_in`.
    TripIn(usize),
    /// A receipt's `odometer`, by the receipt's index.
    Receipt(usize),
}

/// A [`Source`] held in 4 bytes (16 with a `usize`): its kind in the top two bits, the
/// record's index below, so that a reading, its value and its date are 16 bytes; a month has
/// millions of readings, each held until the rules have run. Ordered as `Source` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct HeldSource(u32);

/// Where a [`HeldSource`]'s kind starts: a kind of record stays below 2^30 records, as each
/// takes well over a hundred bytes and such a month could not be held at all.
const KIND_SHIFT: u32 = 30;
const INDEX_MASK: u32 = (1 << KIND_SHIFT) - 1;

impl From<Source> for HeldSource {
    fn from(source: Source) -> HeldSource {
        let (kind, index) = match source {
            Source::TripOut(t) => (0, t),
            Source::TripIn(t) => (1, t),
            Source::Receipt(r) => (2, r),
        };
        let index = index32(index);
        assert!(index <= INDEX_MASK, "fewer than 2^30 records of a kind");
        HeldSource(kind << KIND_SHIFT | index)
    }
}

impl From<HeldSource> for Source {
    fn from(held: HeldSource) -> Source {
        let index = (held.0 & INDEX_MASK) as usize;
        match held.0 >> KIND_SHIFT {
            0 => Source::TripOut(index),
            1 => Source::TripIn(index),
            _ => Source::Receipt(index),
        }
    }
}

/// One odometer reading of a vehicle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub date: NaiveDate,
    value: CompactDecimal,
    source: HeldSource,
}

impl Reading {
    pub fn new(date: NaiveDate, value: Decimal, source: Source) -> Reading {
        Reading {
            date,
            value: value.into(),
            source: source.into(),
        }
    }

    /// What the odometer read.
    pub fn value(&self) -> Decimal {
        self.value.get()
    }

    /// Where the reading was written.
    pub fn source(&self) -> Source {
        self.source.into()
    }
}

/// A position among the readings judged.
pub type Position = u32;

/// A position as a verdict holds it: a vehicle has fewer readings than a kind has records.
fn held(position: usize) -> Position {
    index32(position)
}

/// What [`judge`] made of a reading; every verdict but `Kept` leaves it out of the sequence.
/// Positions are indexes into the readings judged, 32-bit as a vehicle's readings are fewer
/// than 2^32 and there is a verdict for each of a month's millions of readings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Kept,
    /// 0 or one of `odometer_placeholders`.
    Placeholder,
    /// The same value as the receipt at `first`, on an earlier day.
    Repeated {
        first: Position,
    },
    /// Below the kept reading at `previous`.
    Backwards {
        previous: Position,
    },
    /// Above the kept readings around it, or a step from them further than can be driven.
    Jump {
        previous: Option<Position>,
        next: Option<Position>,
    },
}

const _: () = assert!(size_of::<Reading>() == 16 && size_of::<Verdict>() <= 20);

/// What [`judge`] needs from the settings.
pub struct Limits<'a> {
    pub placeholders: &'a [Decimal],
    /// The most a vehicle drives in a day, in the data's distance unit.
    pub max_per_day: Decimal,
}

/// How far back a reading looks for the kept reading before it: a run of more bad readings in
/// a row than this is no typo, and its readings are judged among themselves.
const LOOK_BACK: usize = 64;

/// Weights of the run [`judge`] keeps, in half readings: each reading kept counts 2, each step
/// too far to drive costs 3, so an unbelievable step is worth leaving out one reading for, not
/// two. With only two readings an unbelievable step says nothing about which one is wrong.
const KEPT: i64 = 2;
const TOO_FAR: i64 = 3;
const FEWEST_TO_WEIGH_STEPS: usize = 3;

/// Judges one vehicle's readings, which must be sorted by date, then value, then source (a
/// day's readings have no time to order them by, and within a day the odometer only rises),
/// a backwards trip's return reading placed right after its departure (see [`placed_by`]).
pub fn judge(readings: &[Reading], limits: &Limits<'_>) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Kept; readings.len()];
    // Steps 1 and 2: placeholders, then receipts repeating an earlier day's receipt.
    let mut first_receipt_of: HashMap<Decimal, usize> = HashMap::default();
    let placeholders: Vec<Decimal> = limits.placeholders.iter().map(|p| p.normalize()).collect();
    for (position, reading) in readings.iter().enumerate() {
        let value = reading.value().normalize();
        if value.is_zero() || placeholders.contains(&value) {
            verdicts[position] = Verdict::Placeholder;
        } else if let Source::Receipt(_) = reading.source() {
            match first_receipt_of.get(&value) {
                Some(&first) if readings[first].date < reading.date => {
                    verdicts[position] = Verdict::Repeated { first: held(first) };
                }
                Some(_) => {}
                None => {
                    first_receipt_of.insert(value, position);
                }
            }
        }
    }
    // Step 3: the best run that never goes backwards, among the readings left.
    let candidates: Vec<usize> = (0..readings.len())
        .filter(|&p| verdicts[p] == Verdict::Kept)
        .collect();
    let weigh_steps = candidates.len() >= FEWEST_TO_WEIGH_STEPS;
    let scaled = Scaled::of(readings, limits.max_per_day);
    // Positions in `readings`.
    let too_far = |from: usize, to: usize| {
        weigh_steps
            && match &scaled {
                Some(scaled) => scaled.too_far(from, to),
                None => {
                    let (from, to) = (&readings[from], &readings[to]);
                    let days = (to.date - from.date).num_days().max(0) + 1;
                    to.value() - from.value() > limits.max_per_day * Decimal::from(days)
                }
            }
    };
    let above = |a: usize, b: usize| match &scaled {
        Some(scaled) => scaled.values[a] > scaled.values[b],
        None => readings[a].value() > readings[b].value(),
    };
    let kept = best_run(
        candidates.len(),
        |a, b| above(candidates[a], candidates[b]),
        |a, b| too_far(candidates[a], candidates[b]),
    );
    // Each reading left out is named against the kept readings around it.
    let mut previous_kept: Option<usize> = None;
    for (i, &position) in candidates.iter().enumerate() {
        if kept[i] {
            previous_kept = Some(position);
            continue;
        }
        let value = readings[position].value();
        verdicts[position] = match previous_kept {
            Some(previous) if value < readings[previous].value() => Verdict::Backwards {
                previous: held(previous),
            },
            _ => Verdict::Jump {
                previous: previous_kept.map(held),
                next: (i + 1..candidates.len())
                    .find(|&k| kept[k])
                    .map(|k| held(candidates[k])),
            },
        };
    }
    verdicts
}

/// Which of `count` readings in sequence order the best run keeps: the run that never goes
/// backwards (`above(a, b)`: reading a is above reading b) with the highest score, each reading
/// kept counting [`KEPT`] and each step `too_far` to drive costing [`TOO_FAR`]; a reading looks
/// back at most [`LOOK_BACK`] readings for the one before it.
fn best_run(
    count: usize,
    above: impl Fn(usize, usize) -> bool,
    too_far: impl Fn(usize, usize) -> bool,
) -> Vec<bool> {
    // best[i]: the score of the best run ending at reading i, and the reading before it.
    let mut best: Vec<(i64, Option<usize>)> = Vec::with_capacity(count);
    // best_up_to[j]: the highest score of a run ending at reading j or before. No reading from
    // j back can make a run ending at i score more than best_up_to[j] + KEPT, so the look back
    // stops once that is no more than the run found: a farther reading could at best tie it,
    // and a tie keeps the nearer one. (Until a reading before is found, the run is i alone,
    // scoring KEPT, below any such bound.) In a sequence that rises as it should, the look
    // back stops after one step, not LOOK_BACK.
    let mut best_up_to: Vec<i64> = Vec::with_capacity(count);
    for i in 0..count {
        let mut entry = (KEPT, None);
        for j in (i.saturating_sub(LOOK_BACK)..i).rev() {
            if best_up_to[j] + KEPT <= entry.0 {
                break;
            }
            if above(j, i) {
                continue;
            }
            let step_cost = if too_far(j, i) { TOO_FAR } else { 0 };
            let score = best[j].0 + KEPT - step_cost;
            // Nearest predecessor first, so a tie keeps the later of two rival readings.
            if score > entry.0 || (score == entry.0 && entry.1.is_none()) {
                entry = (score, Some(j));
            }
        }
        best.push(entry);
        best_up_to.push(
            best_up_to
                .last()
                .map_or(entry.0, |&up_to| up_to.max(entry.0)),
        );
    }
    let mut kept = vec![false; count];
    let last = (0..count).rev().max_by_key(|&i| best[i].0);
    let mut walk = last;
    while let Some(i) = walk {
        kept[i] = true;
        walk = best[i].1;
    }
    kept
}

/// The readings of one vehicle as integers at one scale, when every value fits: the judge
/// compares each reading with up to [`LOOK_BACK`] before it, and integers compare and subtract
/// at a fraction of a decimal's cost. Exact: values are kept below [`EXACT`], where decimal
/// arithmetic is exact too, and a step or limit beyond it is left to decimal arithmetic.
struct Scaled {
    /// By position in the readings.
    values: Vec<i128>,
    /// Each reading's date as a day number.
    days: Vec<i64>,
    /// Below [`MAX_PER_DAY`], so that times any span of dates it stays below [`EXACT`].
    max_per_day: i128,
}

/// The largest scale integers are taken at; odometers are read to the unit or the tenth.
const MAX_SCALE: u32 = 9;

/// Integers below this in magnitude, and their differences, are a decimal's mantissa exactly.
const EXACT: i128 = 1 << 94;

/// A limit per day below this, times the days between any two dates chrono holds (fewer than
/// 2^28), is below [`EXACT`].
const MAX_PER_DAY: i128 = 1 << 62;

impl Scaled {
    fn of(readings: &[Reading], max_per_day: Decimal) -> Option<Scaled> {
        let scale = readings
            .iter()
            .map(|r| r.value().scale())
            .chain([max_per_day.scale()])
            .max()?;
        if scale > MAX_SCALE {
            return None;
        }
        let at_scale = |value: Decimal| {
            let scaled = value
                .mantissa()
                .checked_mul(10i128.pow(scale - value.scale()))?;
            (scaled.abs() < EXACT).then_some(scaled)
        };
        let max_per_day = at_scale(max_per_day).filter(|m| m.abs() < MAX_PER_DAY)?;
        Some(Scaled {
            values: readings
                .iter()
                .map(|r| at_scale(r.value()))
                .collect::<Option<_>>()?,
            days: readings
                .iter()
                .map(|r| i64::from(r.date.num_days_from_ce()))
                .collect(),
            max_per_day,
        })
    }

    /// Whether the step between two positions is further than can be driven in the days
    /// between them, both counted.
    fn too_far(&self, from: usize, to: usize) -> bool {
        let days = (self.days[to] - self.days[from]).max(0) + 1;
        self.values[to] - self.values[from] > self.max_per_day * i128::from(days)
    }
}

/// One vehicle's readings in sequence order, and the verdicts that leave readings out. Every
/// other reading is kept: most are, and a verdict held for each of a month's millions of
/// readings would be most of what the sequences hold.
pub struct Judged {
    pub readings: Vec<Reading>,
    /// By position, in position order; none is `Kept`.
    left_out: Vec<(Position, Verdict)>,
}

impl Judged {
    fn of(readings: Vec<Reading>, verdicts: &[Verdict]) -> Judged {
        let left_out = (verdicts.iter().enumerate())
            .filter(|(_, verdict)| **verdict != Verdict::Kept)
            .map(|(position, verdict)| (held(position), *verdict))
            .collect();
        Judged { readings, left_out }
    }

    /// The reading a verdict names by its position.
    pub fn at(&self, position: Position) -> &Reading {
        &self.readings[position as usize]
    }

    /// Each reading left out, by position, with its verdict, in sequence order.
    pub fn left_out(&self) -> impl Iterator<Item = (Position, Verdict)> + '_ {
        self.left_out.iter().copied()
    }
}

/// Every vehicle's judged sequence, computed once per run.
#[derive(Default)]
pub struct Odometers {
    /// By vehicle key, in key order.
    vehicles: Vec<(String, Judged)>,
    left_out: LeftOut,
}

/// Which readings were left out of their vehicle's sequence: all the report needs of the
/// sequences once the rules have run, a few bits a record where the sequences are tens of
/// bytes a reading ([`Odometers::into_left_out`]).
#[derive(Default)]
pub struct LeftOut {
    /// Whether each trip's departure reading, each trip's return reading and each receipt's
    /// reading was left out, by the record's index.
    trip_out: Vec<bool>,
    trip_in: Vec<bool>,
    receipt: Vec<bool>,
}

impl LeftOut {
    fn flag(&mut self, source: Source) -> &mut bool {
        match source {
            Source::TripOut(t) => &mut self.trip_out[t],
            Source::TripIn(t) => &mut self.trip_in[t],
            Source::Receipt(r) => &mut self.receipt[r],
        }
    }

    /// Whether the reading was judged bad and left out of its vehicle's sequence.
    pub fn left_out(&self, source: Source) -> bool {
        let flags = match source {
            Source::TripOut(t) => self.trip_out.get(t),
            Source::TripIn(t) => self.trip_in.get(t),
            Source::Receipt(r) => self.receipt.get(r),
        };
        flags.is_some_and(|&flag| flag)
    }

    /// A trip's distance, when both its readings are in its vehicle's sequence and it ends at
    /// or above where it starts.
    pub fn trip_distance(&self, data: &Dataset, index: usize) -> Option<Decimal> {
        let trip = &data.trips[index];
        let (start, end) = (trip.odometer_out()?, trip.odometer_in()?);
        let kept = !self.left_out(Source::TripOut(index)) && !self.left_out(Source::TripIn(index));
        (kept && end >= start).then(|| end - start)
    }
}

/// A reading's place in its vehicle's sequence as one integer comparison: the date, the
/// value when it is exact at a common scale (see [`Scaled`]), and where it was written.
type SequenceKey = (NaiveDate, i128, u8, usize);

/// One vehicle's readings put in sequence and judged, under the vehicle's key; `None` for a
/// vehicle with no readings.
fn judge_vehicle(
    data: &Dataset,
    mut readings: Vec<Reading>,
    limits: &Limits<'_>,
) -> Option<(String, Judged)> {
    let vehicle = match readings.first()?.source() {
        Source::TripOut(t) | Source::TripIn(t) => data.trips[t].vehicle_id.as_ref(),
        Source::Receipt(r) => data.receipts[r].vehicle_id.as_ref(),
    }
    .map_or_else(String::new, |id| id.key().to_string());
    sort_in_sequence(&mut readings, limits.max_per_day, |r| placed_by(data, r));
    let verdicts = judge(&readings, limits);
    Some((vehicle, Judged::of(readings, &verdicts)))
}

/// How many chunks the vehicles are judged in: enough for the cores to share the work evenly
/// when one chunk's vehicles have more readings than another's.
const JUDGED_CHUNKS: usize = 64;

/// Every dated odometer reading with its vehicle, trips' then receipts', in record order.
fn each_reading(data: &Dataset, keys: &Keys, mut visit: impl FnMut(VehicleNo, Reading)) {
    let mut add = |vehicle: Option<VehicleNo>, date: Option<NaiveDate>, value, source| {
        if let (Some(vehicle), Some(date), Some(value)) = (vehicle, date, value) {
            visit(vehicle, Reading::new(date, value, source));
        }
    };
    for (index, trip) in data.trips.iter().enumerate() {
        let vehicle = keys.trip_vehicle[index];
        add(
            vehicle,
            trip.date_out,
            trip.odometer_out(),
            Source::TripOut(index),
        );
        add(
            vehicle,
            trip.date_in.or(trip.date_out),
            trip.odometer_in(),
            Source::TripIn(index),
        );
    }
    for (index, receipt) in data.receipts.iter().enumerate() {
        add(
            keys.receipt_vehicle[index],
            receipt.date,
            receipt.odometer(),
            Source::Receipt(index),
        );
    }
}

impl Odometers {
    /// Gathers each vehicle's dated readings and judges them. A reading with no vehicle or no
    /// date has no place in any sequence and is neither judged nor left out.
    pub fn of(data: &Dataset, keys: &Keys, settings: &RuleSettings) -> Odometers {
        // Counted first, so that each vehicle's readings are held once, at their size: a month
        // of a large fleet has millions of readings, and vectors grown by doubling would hold
        // up to twice that.
        let mut counts = vec![0usize; keys.vehicles];
        each_reading(data, keys, |vehicle, _| counts[vehicle.index()] += 1);
        let mut by_vehicle: Vec<Vec<Reading>> =
            counts.into_iter().map(Vec::with_capacity).collect();
        each_reading(data, keys, |vehicle, reading| {
            by_vehicle[vehicle.index()].push(reading);
        });
        let limits = Limits {
            placeholders: &settings.odometer_placeholders,
            max_per_day: settings.max_km_per_day,
        };
        // Each vehicle's sequence is judged on its own: vehicles are judged in chunks side by
        // side on the cores, and gathered back in vehicle order.
        let per_chunk = by_vehicle.len().div_ceil(JUDGED_CHUNKS).max(1);
        let mut vehicles = by_vehicle.into_iter().peekable();
        let mut chunks = Vec::new();
        while vehicles.peek().is_some() {
            let chunk: Vec<Vec<Reading>> = vehicles.by_ref().take(per_chunk).collect();
            chunks.push(Mutex::new(chunk));
        }
        let judged = crate::parallel::in_order(&chunks, |chunk| {
            let chunk = std::mem::take(&mut *chunk.lock().unwrap_or_else(PoisonError::into_inner));
            (chunk.into_iter())
                .filter_map(|readings| judge_vehicle(data, readings, &limits))
                .collect::<Vec<_>>()
        });
        let mut odometers = Odometers {
            vehicles: Vec::new(),
            left_out: LeftOut {
                trip_out: vec![false; data.trips.len()],
                trip_in: vec![false; data.trips.len()],
                receipt: vec![false; data.receipts.len()],
            },
        };
        for (vehicle, judged) in judged.into_iter().flatten() {
            for (position, _) in judged.left_out() {
                *odometers.left_out.flag(judged.at(position).source()) = true;
            }
            odometers.vehicles.push((vehicle, judged));
        }
        odometers
    }

    /// Whether the reading was judged bad and left out of its vehicle's sequence.
    pub fn left_out(&self, source: Source) -> bool {
        self.left_out.left_out(source)
    }

    /// Each vehicle's sequence, by vehicle key.
    pub fn vehicles(&self) -> impl Iterator<Item = (&str, &Judged)> {
        self.vehicles.iter().map(|(k, j)| (k.as_str(), j))
    }

    /// A trip's distance, when both its readings are in its vehicle's sequence and it ends at
    /// or above where it starts.
    pub fn trip_distance(&self, data: &Dataset, index: usize) -> Option<Decimal> {
        self.left_out.trip_distance(data, index)
    }

    /// Which readings were left out, the sequences themselves let go.
    pub fn into_left_out(self) -> LeftOut {
        self.left_out
    }
}

/// Where a reading goes among its day's readings: by its value, except the return reading of
/// a trip that ends below where it started on the day it started. That reading is the trip's
/// own mistake and goes right after the trip's departure reading: placed by its low value it
/// would come before the day's good readings, and make them look out of line instead (SPEC
/// §3.6: the next good reading is not blamed).
fn placed_by(data: &Dataset, reading: &Reading) -> Decimal {
    if let Source::TripIn(t) = reading.source() {
        let trip = &data.trips[t];
        if let (Some(out), Some(date_out)) = (trip.odometer_out(), trip.date_out)
            && reading.value() < out
            && reading.date == date_out
        {
            return out;
        }
    }
    reading.value()
}

/// Sorts one vehicle's readings by date, then value, then source, as [`judge`] wants them,
/// on precomputed integer keys when the values are exact at one scale. A reading is placed by
/// `placed_by`, its own value unless told otherwise (see [`Odometers::of`]).
fn sort_in_sequence(
    readings: &mut [Reading],
    max_per_day: Decimal,
    placed_by: impl Fn(&Reading) -> Decimal,
) {
    let places: Vec<Reading> = readings
        .iter()
        .map(|r| Reading {
            value: placed_by(r).into(),
            ..*r
        })
        .collect();
    let source_key = |source: Source| match source {
        Source::TripOut(t) => (0, t),
        Source::TripIn(t) => (1, t),
        Source::Receipt(r) => (2, r),
    };
    match Scaled::of(&places, max_per_day) {
        Some(scaled) => {
            let mut keyed: Vec<(SequenceKey, Reading)> = readings
                .iter()
                .zip(scaled.values)
                .map(|(r, value)| {
                    let (kind, index) = source_key(r.source());
                    ((r.date, value, kind, index), *r)
                })
                .collect();
            // Sources are unique, so no two keys are equal and an unstable sort is exact.
            keyed.sort_unstable_by_key(|(key, _)| *key);
            for (slot, (_, reading)) in readings.iter_mut().zip(keyed) {
                *slot = reading;
            }
        }
        None => {
            let mut keyed: Vec<((NaiveDate, Decimal, Source), Reading)> = readings
                .iter()
                .zip(&places)
                .map(|(r, place)| ((r.date, place.value(), r.source()), *r))
                .collect();
            keyed.sort_unstable_by_key(|(key, _)| *key);
            for (slot, (_, reading)) in readings.iter_mut().zip(keyed) {
                *slot = reading;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{d, date};

    /// A source held in 4 bytes comes back as it was, and orders as the source does.
    #[test]
    fn a_held_source_comes_back_whole_and_in_order() {
        let top = INDEX_MASK as usize;
        let sources = [
            Source::TripOut(0),
            Source::TripOut(top),
            Source::TripIn(0),
            Source::TripIn(7),
            Source::Receipt(0),
            Source::Receipt(top),
        ];
        let held: Vec<HeldSource> = sources.iter().map(|&s| s.into()).collect();
        assert!(held.is_sorted() && sources.is_sorted());
        let back: Vec<Source> = held.into_iter().map(Source::from).collect();
        assert_eq!(back, sources);
    }

    /// Receipt readings one day apart from 1 March, in the order given.
    fn daily(values: &[&str]) -> Vec<Reading> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let day = date("2020-03-01") + chrono::Days::new(i as u64);
                Reading::new(day, d(v), Source::Receipt(i))
            })
            .collect()
    }

    fn verdicts(readings: &[Reading]) -> Vec<Verdict> {
        let defaults = RuleSettings::default();
        judge(
            readings,
            &Limits {
                placeholders: &defaults.odometer_placeholders,
                max_per_day: defaults.max_km_per_day,
            },
        )
    }

    /// The positions left out.
    fn left_out(values: &[&str]) -> Vec<usize> {
        let judged = verdicts(&daily(values));
        (0..judged.len())
            .filter(|&i| judged[i] != Verdict::Kept)
            .collect()
    }

    #[test]
    fn a_run_of_zeros_is_placeholders_and_the_next_reading_is_not_blamed() {
        let judged = verdicts(&daily(&["28000", "0", "0", "0", "28300"]));
        assert_eq!(
            judged,
            [
                Verdict::Kept,
                Verdict::Placeholder,
                Verdict::Placeholder,
                Verdict::Placeholder,
                Verdict::Kept
            ]
        );
    }

    #[test]
    fn an_upward_typo_is_blamed_not_the_correct_reading_after_it() {
        let judged = verdicts(&daily(&["28000", "28100", "333695", "28300", "28400"]));
        assert_eq!(
            judged[2],
            Verdict::Jump {
                previous: Some(1),
                next: Some(3)
            }
        );
        assert_eq!(
            left_out(&["28000", "28100", "333695", "28300", "28400"]),
            [2]
        );
    }

    #[test]
    fn a_downward_typo_is_backwards_from_the_reading_before_it() {
        let judged = verdicts(&daily(&["28000", "28100", "2820", "28300"]));
        assert_eq!(judged[2], Verdict::Backwards { previous: 1 });
        assert_eq!(left_out(&["28000", "28100", "2820", "28300"]), [2]);
    }

    #[test]
    fn a_typo_at_either_end_is_left_out_when_two_readings_contradict_it() {
        assert_eq!(left_out(&["2800", "28100", "28200"]), [0]);
        assert_eq!(left_out(&["28000", "28100", "281000"]), [2]);
        // Two readings alone cannot say which of them is wrong.
        assert!(left_out(&["28000", "281000"]).is_empty());
    }

    #[test]
    fn placeholders_from_the_settings_are_left_out() {
        let judged = verdicts(&daily(&["28000", "1234", "28200", "99999", "28400"]));
        assert_eq!(judged[1], Verdict::Placeholder);
        assert_eq!(judged[3], Verdict::Placeholder);
        assert_eq!(
            left_out(&["28000", "1234", "28200", "99999", "28400"]),
            [1, 3]
        );
    }

    #[test]
    fn a_receipt_repeating_an_earlier_days_reading_is_a_repeated_value() {
        let judged = verdicts(&daily(&["45000", "45000", "45000", "45600"]));
        assert_eq!(
            judged,
            [
                Verdict::Kept,
                Verdict::Repeated { first: 0 },
                Verdict::Repeated { first: 0 },
                Verdict::Kept
            ]
        );
    }

    #[test]
    fn a_trip_starting_where_the_last_ended_is_no_repeat() {
        // Trip 0 ends at 45 300 on the 1st; a fill the next day; trip 1 starts at 45 300.
        let readings = [
            (date("2020-03-01"), "45000", Source::TripOut(0)),
            (date("2020-03-01"), "45300", Source::TripIn(0)),
            (date("2020-03-02"), "45300", Source::Receipt(0)),
            (date("2020-03-03"), "45300", Source::TripOut(1)),
            (date("2020-03-03"), "45500", Source::TripIn(1)),
        ]
        .map(|(date, value, source)| Reading::new(date, d(value), source));
        assert!(verdicts(&readings).iter().all(|v| *v == Verdict::Kept));
    }

    #[test]
    fn a_long_trip_that_can_be_driven_is_believed() {
        // 1 400 km in a day, then on: within 1 500 km a day.
        assert!(left_out(&["28000", "29400", "29500", "29600"]).is_empty());
        // A shift that the readings after it keep to is no reading out of line.
        assert!(left_out(&["28000", "28100", "60000", "60100"]).is_empty());
    }

    #[test]
    fn a_step_too_far_to_drive_followed_by_a_return_is_a_jump() {
        // 28 100 → 31 500 in a day is more than 1 500 km a day × 2; the next reading
        // agrees with 28 100.
        assert_eq!(
            left_out(&["28000", "28100", "31500", "28300", "28400"]),
            [2]
        );
    }

    #[test]
    fn readings_too_fine_for_integers_are_judged_the_same_in_decimals() {
        let values = [
            "28000", "28100", "333695", "28300", "2820", "28400", "31500", "28500",
        ];
        let fine: Vec<String> = values.iter().map(|v| format!("{v}.0000000001")).collect();
        let fine: Vec<&str> = fine.iter().map(String::as_str).collect();
        assert!(Scaled::of(&daily(&values), d("1500")).is_some());
        assert!(Scaled::of(&daily(&fine), d("1500")).is_none());
        let coarse = verdicts(&daily(&values));
        assert_eq!(verdicts(&daily(&fine)), coarse);
        assert_eq!(left_out(&values), [2, 4, 6]);
    }

    #[test]
    fn of_two_rival_readings_the_earlier_out_of_line_one_goes() {
        let judged = verdicts(&daily(&["10000", "10500", "10450", "10600"]));
        assert_eq!(
            judged[1],
            Verdict::Jump {
                previous: Some(0),
                next: Some(2)
            }
        );
        assert_eq!(left_out(&["10000", "10500", "10450", "10600"]), [1]);
    }

    /// [`best_run`] as it was before its look back stopped early: every reading back to
    /// [`LOOK_BACK`] is weighed.
    fn best_run_weighing_every_reading_back(
        count: usize,
        above: impl Fn(usize, usize) -> bool,
        too_far: impl Fn(usize, usize) -> bool,
    ) -> Vec<bool> {
        let mut best: Vec<(i64, Option<usize>)> = Vec::with_capacity(count);
        for i in 0..count {
            let mut entry = (KEPT, None);
            for j in (i.saturating_sub(LOOK_BACK)..i).rev() {
                if above(j, i) {
                    continue;
                }
                let score = best[j].0 + KEPT - if too_far(j, i) { TOO_FAR } else { 0 };
                if score > entry.0 || (score == entry.0 && entry.1.is_none()) {
                    entry = (score, Some(j));
                }
            }
            best.push(entry);
        }
        let mut kept = vec![false; count];
        let mut walk = (0..count).rev().max_by_key(|&i| best[i].0);
        while let Some(i) = walk {
            kept[i] = true;
            walk = best[i].1;
        }
        kept
    }

    use proptest::prelude::*;

    proptest! {
        /// Cutting the look back short keeps the same run as weighing every reading back, on
        /// odometers that mostly rise with typos, steps back and forth, and steps too far;
        /// sequences are longer than LOOK_BACK, and the second kind is disorder throughout.
        #[test]
        fn the_best_run_is_the_one_weighing_every_reading_back_keeps(
            steps in prop::collection::vec((0i64..40, prop::option::weighted(0.15, -300i64..300)), 0..300),
            disorder in prop::collection::vec(0i64..50, 0..150),
            far in 20i64..120,
        ) {
            let mut odometer = 0;
            let rising: Vec<i64> = steps
                .iter()
                .map(|&(step, typo)| {
                    odometer += step;
                    odometer + typo.unwrap_or(0)
                })
                .collect();
            for values in [rising, disorder] {
                let above = |a: usize, b: usize| values[a] > values[b];
                let too_far = |a: usize, b: usize| values[b] - values[a] > far;
                prop_assert_eq!(
                    best_run(values.len(), above, too_far),
                    best_run_weighing_every_reading_back(values.len(), above, too_far)
                );
            }
        }
    }
}
