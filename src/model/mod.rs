//! The canonical model of SPEC §2.1: one typed record per input row, each carrying where it came
//! from and the problems found while reading it.
//!
//! Fields are `Option`: `None` means the value was not read (blank, unreadable or invalid); the
//! raw text of an unreadable or invalid value lives in the record's [`FieldProblem`]s. Rules
//! compare only values that were read, so a missing value never counts as zero.
//!
//! Numbers are held as [`CompactDecimal`]s, 8 bytes instead of a `Decimal`'s 20 with its
//! `Option`, and read as `Decimal`s through the record's method of the same name
//! (`receipt.amount()`).

mod compact_decimal;
mod field;
mod ids;
mod provenance;

pub use compact_decimal::CompactDecimal;
pub use field::{FieldProblem, FieldType, ProblemCode, WHOLE_ROW};
pub use ids::{Ident, VendorName, fold_name, normalise_id, trim};
pub use provenance::{Provenance, SourceId};

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// A record's index held in 32 bits, for what is kept once per record of a large month (links,
/// groups, odometer readings): half a `usize`. A kind of record cannot reach 2^32 records, as
/// each takes well over a hundred bytes and such a month could not be held at all.
pub fn index32(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 records of a kind")
}

/// The five kinds of document fuelrecon reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Trips,
    Receipts,
    Invoices,
    Vehicles,
    Prices,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [
        DocKind::Trips,
        DocKind::Receipts,
        DocKind::Invoices,
        DocKind::Vehicles,
        DocKind::Prices,
    ];

    /// The kind a config section or flag names (`trips`, `receipts`, …).
    pub fn from_name(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Trips => "trips",
            DocKind::Receipts => "receipts",
            DocKind::Invoices => "invoices",
            DocKind::Vehicles => "vehicles",
            DocKind::Prices => "prices",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Fuel types fold to families (SPEC §2.2); the rules compare only fuels they know.
///
/// The words are shared: the loader folds each fuel word once per file and every record that
/// names it holds a pointer to the same text, not a copy.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FuelType {
    Diesel,
    Petrol,
    /// A fuel of another family (E85, LPG, or one the config names), kept as given.
    Other(Word),
    /// A word fuelrecon does not know: never a mismatch, listed by `check` to be mapped.
    Unknown(Word),
    /// A product that is not fuel (a car wash, a shop item, a lubricant, AdBlue).
    NonFuel(Word),
}

const _: () = assert!(size_of::<Option<FuelType>>() == 16);

/// A word as an input wrote it (a product's name), shared by every record that names it
/// through one thin pointer, where an `Arc<str>` is two words on each of a month's millions of
/// receipts and invoice lines.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Word(Arc<Box<str>>);

impl std::ops::Deref for Word {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Word {
    fn from(text: &str) -> Word {
        Word(Arc::new(text.into()))
    }
}

impl FuelType {
    /// Whether two fuels can be compared: both are known fuels.
    pub fn is_known_fuel(&self) -> bool {
        matches!(
            self,
            FuelType::Diesel | FuelType::Petrol | FuelType::Other(_)
        )
    }
}

impl fmt::Display for FuelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FuelType::Diesel => f.write_str("diesel"),
            FuelType::Petrol => f.write_str("petrol"),
            FuelType::Other(text) | FuelType::Unknown(text) | FuelType::NonFuel(text) => {
                f.write_str(text)
            }
        }
    }
}

/// How readable a receipt is, from its `legible` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legibility {
    Readable,
    Partial,
    Unreadable,
}

/// Free text a person wrote (a driver's name, a station), kept as given. Inline
/// up to 24 bytes, as most such text is: a month of a large fleet has millions of records, and a
/// `String` would be one allocation each.
pub type Text = compact_str::CompactString;

/// The problems found reading one record: one word, and no allocation for the most records,
/// which have none.
pub type Problems = thin_vec::ThinVec<FieldProblem>;

/// The ids of a cell that lists several (a trip's vouchers): a trip has one, most often, and
/// keeps it inline.
pub type Idents = smallvec::SmallVec<[Ident; 1]>;

/// A vehicle trip ticket (feuille de route). Its destination and who approved it are checked
/// when read (a blank or unreadable cell is a problem of the ticket) but not kept: no rule or
/// report uses them, and the ticket's source row shows them to whoever looks.
#[derive(Clone, Debug)]
pub struct Trip {
    pub prov: Provenance,
    pub problems: Problems,
    pub trip_id: Option<Ident>,
    pub vehicle_id: Option<Ident>,
    pub driver: Option<Text>,
    pub date_out: Option<NaiveDate>,
    pub date_in: Option<NaiveDate>,
    pub odometer_out: Option<CompactDecimal>,
    pub odometer_in: Option<CompactDecimal>,
    pub fuel_litres: Option<CompactDecimal>,
    pub voucher_nos: Idents,
}

/// A fuel station receipt submitted by a driver.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub prov: Provenance,
    pub problems: Problems,
    pub receipt_no: Option<Ident>,
    pub vehicle_id: Option<Ident>,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub vendor: Option<VendorName>,
    pub station: Option<Text>,
    pub fuel_type: Option<FuelType>,
    pub litres: Option<CompactDecimal>,
    pub unit_price: Option<CompactDecimal>,
    pub amount: Option<CompactDecimal>,
    pub trip_id: Option<Ident>,
    pub voucher_no: Option<Ident>,
    pub odometer: Option<CompactDecimal>,
    pub legibility: Legibility,
}

/// One line of a vendor invoice.
#[derive(Clone, Debug)]
pub struct InvoiceLine {
    pub prov: Provenance,
    pub problems: Problems,
    pub invoice_no: Option<Ident>,
    pub vendor: Option<VendorName>,
    pub invoice_date: Option<NaiveDate>,
    /// The line number as given, or the line's position within its invoice.
    pub line_no: u32,
    pub receipt_no: Option<Ident>,
    pub vehicle_id: Option<Ident>,
    pub date: Option<NaiveDate>,
    pub fuel_type: Option<FuelType>,
    pub litres: Option<CompactDecimal>,
    pub unit_price: Option<CompactDecimal>,
    pub amount: Option<CompactDecimal>,
    pub invoice_total: Option<CompactDecimal>,
}

/// A vehicle of the fleet, with what the rules expect of it.
#[derive(Clone, Debug)]
pub struct Vehicle {
    pub prov: Provenance,
    pub problems: Problems,
    pub vehicle_id: Option<Ident>,
    pub tank_litres: Option<CompactDecimal>,
    pub fuel_type: Option<FuelType>,
    pub l_per_100km: Option<CompactDecimal>,
}

/// A contract price: what a vendor may charge per litre of a fuel type over a period.
#[derive(Clone, Debug)]
pub struct Price {
    pub prov: Provenance,
    pub problems: Problems,
    pub vendor: Option<VendorName>,
    pub fuel_type: Option<FuelType>,
    pub unit_price: Option<CompactDecimal>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// Gives each number of a record a method of its name that reads it as a `Decimal`, the type
/// every rule computes with.
macro_rules! decimal_readers {
    ($($ty:ty { $($field:ident),+ $(,)? })+) => {
        $(impl $ty {
            $(#[doc = concat!("The `", stringify!($field), "` read, if it was.")]
            pub fn $field(&self) -> Option<Decimal> {
                self.$field.map(Decimal::from)
            })+
        })+
    };
}

decimal_readers! {
    Trip { odometer_out, odometer_in, fuel_litres }
    Receipt { litres, unit_price, amount, odometer }
    InvoiceLine { litres, unit_price, amount, invoice_total }
    Vehicle { tank_litres, l_per_100km }
    Price { unit_price }
}

/// What every record has, whatever its kind: where it came from and what could not be read.
pub trait Record {
    fn prov(&self) -> &Provenance;

    fn problems(&self) -> &[FieldProblem];
}

macro_rules! impl_record {
    ($($ty:ty),+ $(,)?) => {
        $(impl Record for $ty {
            fn prov(&self) -> &Provenance {
                &self.prov
            }

            fn problems(&self) -> &[FieldProblem] {
                &self.problems
            }
        })+
    };
}

impl_record! { Trip, Receipt, InvoiceLine, Vehicle, Price }

/// Everything one run read: every record of every input, in a canonical order that does not
/// depend on the order of rows in the files (see [`Dataset::canonicalise`]).
#[derive(Debug, Default)]
pub struct Dataset {
    pub trips: Vec<Trip>,
    pub receipts: Vec<Receipt>,
    pub invoice_lines: Vec<InvoiceLine>,
    pub vehicles: Vec<Vehicle>,
    pub prices: Vec<Price>,
    /// Which kinds were given at all: a kind given with an empty file still counts as given.
    pub given: Vec<DocKind>,
}

impl Dataset {
    pub fn has(&self, kind: DocKind) -> bool {
        self.given.contains(&kind)
    }

    /// Sorts every collection by content, so that matching and reports are the same whatever
    /// the row order of the inputs. Provenance decides only between records whose content is
    /// identical, and those are interchangeable for every rule.
    ///
    /// Each record's leading sort fields are first turned into integers (dates and times by
    /// their value, identifiers and vendor names by their rank among the column's keys), so the
    /// sort compares small keys side by side and looks at a record only when they tie.
    ///
    /// The kinds are sorted side by side, each on its own thread: they share nothing.
    pub fn canonicalise(&mut self) {
        let Dataset {
            trips,
            receipts,
            invoice_lines,
            vehicles,
            prices,
            given: _,
        } = self;
        crate::parallel::both(
            || crate::parallel::both(|| canonical_trips(trips), || canonical_receipts(receipts)),
            || {
                canonical_lines(invoice_lines);
                canonical_vehicles(vehicles);
                canonical_prices(prices);
            },
        );
    }
}

fn canonical_trips(trips: &mut [Trip]) {
    let vehicles = ranks(trips.iter().map(|t| id_key(&t.vehicle_id)));
    let keys = (trips.iter().zip(vehicles))
        .map(|(t, vehicle)| (vehicle, date_code(t.date_out)))
        .collect();
    sort_records(trips, keys, |a, b| {
        trip_order(a)
            .cmp(&trip_order(b))
            .then_with(|| a.prov.cmp(&b.prov))
    });
}

fn canonical_receipts(receipts: &mut [Receipt]) {
    let vehicles = ranks(receipts.iter().map(|r| id_key(&r.vehicle_id)));
    let vendors = ranks(receipts.iter().map(|r| vendor_key(&r.vendor)));
    let keys = (receipts.iter().zip(vehicles).zip(vendors))
        .map(|((r, vehicle), vendor)| (date_code(r.date), time_code(r.time), vehicle, vendor))
        .collect();
    sort_records(receipts, keys, |a, b| {
        receipt_order(a)
            .cmp(&receipt_order(b))
            .then_with(|| a.prov.cmp(&b.prov))
    });
}

fn canonical_lines(lines: &mut [InvoiceLine]) {
    let vendors = ranks(lines.iter().map(|l| vendor_key(&l.vendor)));
    let invoices = ranks(lines.iter().map(|l| id_key(&l.invoice_no)));
    let keys = (lines.iter().zip(vendors).zip(invoices))
        .map(|((l, vendor), invoice)| (date_code(l.invoice_date), vendor, invoice, l.line_no))
        .collect();
    sort_records(lines, keys, |a, b| {
        line_order(a)
            .cmp(&line_order(b))
            .then_with(|| a.prov.cmp(&b.prov))
    });
}

fn canonical_vehicles(vehicles: &mut [Vehicle]) {
    let keys = ranks(vehicles.iter().map(|v| id_key(&v.vehicle_id)));
    sort_records(vehicles, keys, |a, b| {
        (id_key(&a.vehicle_id), &a.prov).cmp(&(id_key(&b.vehicle_id), &b.prov))
    });
}

fn canonical_prices(prices: &mut [Price]) {
    let vendors = ranks(prices.iter().map(|p| vendor_key(&p.vendor)));
    let keys = (prices.iter().zip(vendors))
        .map(|(p, vendor)| (vendor, date_code(p.valid_from)))
        .collect();
    sort_records(prices, keys, |a, b| {
        price_order(a)
            .cmp(&price_order(b))
            .then_with(|| a.prov.cmp(&b.prov))
    });
}

/// Sorts records by their precomputed keys, then by `compare` where keys tie (the keys must
/// order as `compare` does, as far as they go), keeping the input order of records `compare`
/// finds equal. A permutation is sorted, then applied in place, cycle by cycle: records are
/// large, and a sort that swaps them as it goes spends its time copying.
fn sort_records<T, K: Ord>(
    records: &mut [T],
    keys: Vec<K>,
    compare: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    let mut keyed: Vec<(K, usize)> = keys.into_iter().zip(0..).collect();
    keyed.sort_unstable_by(|(key_a, a), (key_b, b)| {
        key_a
            .cmp(key_b)
            .then_with(|| compare(&records[*a], &records[*b]))
            .then(a.cmp(b))
    });
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, index)| index).collect();
    // order[i] is the record that belongs at i; walk each cycle once.
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            records.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

/// Each key's rank among the distinct keys of its column (0 for none), ordered as the keys are.
fn ranks<'a>(keys: impl Iterator<Item = Option<&'a str>> + Clone) -> Vec<u32> {
    let mut distinct: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    for key in keys.clone().flatten() {
        distinct.entry(key).or_insert(0);
    }
    let mut sorted: Vec<&str> = distinct.keys().copied().collect();
    sorted.sort_unstable();
    for (rank, key) in (1..).zip(sorted) {
        distinct.insert(key, rank);
    }
    keys.map(|key| key.map_or(0, |key| distinct[key])).collect()
}

/// A date as an integer that orders as `Option<NaiveDate>` does (none first).
fn date_code(date: Option<NaiveDate>) -> u64 {
    date.map_or(0, |d| {
        1 + (i64::from(chrono::Datelike::num_days_from_ce(&d)) - i64::from(i32::MIN)) as u64
    })
}

/// A time of day as an integer that orders as `Option<NaiveTime>` does (none first).
fn time_code(time: Option<NaiveTime>) -> u64 {
    time.map_or(0, |t| {
        let seconds = u64::from(chrono::Timelike::num_seconds_from_midnight(&t));
        1 + seconds * 2_000_000_000 + u64::from(chrono::Timelike::nanosecond(&t))
    })
}

fn id_key(id: &Option<Ident>) -> Option<&str> {
    id.as_ref().map(Ident::key)
}

fn vendor_key(vendor: &Option<VendorName>) -> Option<&str> {
    vendor.as_ref().map(VendorName::key)
}

type TripOrder<'a> = (
    Option<&'a str>,
    Option<NaiveDate>,
    Option<CompactDecimal>,
    Option<&'a str>,
    Option<NaiveDate>,
    Option<CompactDecimal>,
    Option<CompactDecimal>,
);

fn trip_order(t: &Trip) -> TripOrder<'_> {
    (
        id_key(&t.vehicle_id),
        t.date_out,
        t.odometer_out,
        id_key(&t.trip_id),
        t.date_in,
        t.odometer_in,
        t.fuel_litres,
    )
}

type ReceiptOrder<'a> = (
    Option<NaiveDate>,
    Option<NaiveTime>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<CompactDecimal>,
    Option<CompactDecimal>,
    Option<CompactDecimal>,
);

fn receipt_order(r: &Receipt) -> ReceiptOrder<'_> {
    (
        r.date,
        r.time,
        id_key(&r.vehicle_id),
        vendor_key(&r.vendor),
        id_key(&r.receipt_no),
        r.litres,
        r.amount,
        r.odometer,
    )
}

type LineOrder<'a> = (
    Option<NaiveDate>,
    Option<&'a str>,
    Option<&'a str>,
    u32,
    Option<&'a str>,
    Option<NaiveDate>,
    Option<CompactDecimal>,
    Option<CompactDecimal>,
);

fn line_order(l: &InvoiceLine) -> LineOrder<'_> {
    (
        l.invoice_date,
        vendor_key(&l.vendor),
        id_key(&l.invoice_no),
        l.line_no,
        id_key(&l.receipt_no),
        l.date,
        l.litres,
        l.amount,
    )
}

fn price_order(p: &Price) -> (Option<&str>, Option<NaiveDate>, Option<CompactDecimal>) {
    (vendor_key(&p.vendor), p.valid_from, p.unit_price)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_sorted_in_place_by_key_then_content_keeping_ties_in_order() {
        for n in 0..40u32 {
            // (content, input position): the key is the content's tens, a partial order.
            let mut values: Vec<(u32, u32)> = (0..n).map(|i| ((i * 7919 + 13) % 31, i)).collect();
            let keys = values.iter().map(|(v, _)| v / 10).collect();
            let mut expected = values.clone();
            expected.sort_by_key(|(v, _)| *v);
            sort_records(&mut values, keys, |a, b| a.0.cmp(&b.0));
            assert_eq!(values, expected);
        }
    }

    #[test]
    fn ranks_and_codes_order_as_the_values_do() {
        let keys = [Some("B"), None, Some("A"), Some("B"), Some("AB")];
        assert_eq!(ranks(keys.iter().copied()), [3, 0, 1, 3, 2]);
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d);
        assert!(date_code(None) < date_code(day(1)));
        assert!(date_code(day(1)) < date_code(day(2)));
        assert!(date_code(NaiveDate::from_ymd_opt(-5000, 1, 1)) < date_code(day(1)));
        let at = |h, m| NaiveTime::from_hms_nano_opt(h, m, 59, 1_500_000_000);
        assert!(time_code(None) < time_code(NaiveTime::from_hms_opt(0, 0, 0)));
        assert!(time_code(at(7, 0)) < time_code(NaiveTime::from_hms_opt(7, 1, 0)));
    }
}
