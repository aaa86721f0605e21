//! Stage 2, link: the matching passes of SPEC §3, deterministic, over hash indexes.
//!
//! Invoice line → receipt: exact by receipt number within the vendor (or by the voucher the
//! receipt was paid with, for invoices that cite vouchers), then, over what is still
//! unlinked, a fuzzy pass (same vendor and vehicle, date within the window, litres within the
//! tolerance; closest amount wins). Receipt → trip: by trip id, else by a voucher listed on a
//! trip, else by vehicle and date. Records arrive in canonical order (`Dataset::canonicalise`),
//! so "first" and "earliest" never depend on the order of rows in the files.
//!
//! Before them, credits and reversals are netted ([`credits`]) and take no part in matching.
//! Matching keeps products apart: an invoice line links to a receipt of its own kind (fuel or
//! not fuel, SPEC §2.2) when there is one, so a car wash rung up under the transaction number
//! of a fill is neither billed for the fill nor compared with it.

mod column;
mod credits;
mod groups;
pub mod index;
mod keys;

pub use column::LinkColumn;
pub use credits::Netting;
pub use groups::Groups;
pub use keys::{Keys, VehicleNo, VendorNo};

use crate::config::Config;
use crate::model::{Dataset, FuelType, Ident, Receipt, Trip, index32};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};
use index::FirstByKey;
use rust_decimal::Decimal;
use std::fmt;

/// How a link was made; written to matches.csv.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Invoice line → receipt by receipt number, within the vendor.
    ReceiptNo,
    /// Invoice line → receipt by vendor, vehicle, date and litres.
    Fuzzy,
    /// Receipt → trip by the trip id on the receipt.
    TripId,
    /// Receipt → trip by a voucher the trip lists; invoice line → receipt by the voucher the
    /// receipt was paid with.
    Voucher,
    /// Receipt → trip by the vehicle travelling on the receipt's date.
    VehicleDate,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::ReceiptNo => "receipt_no",
            Method::Fuzzy => "fuzzy",
            Method::TripId => "trip_id",
            Method::Voucher => "voucher",
            Method::VehicleDate => "vehicle_date",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every link, both ways. Indexes are into the dataset's collections.
#[derive(Debug, Default)]
pub struct Links {
    /// For each invoice line, the receipt it bills.
    pub line_receipt: LinkColumn,
    /// For each receipt, the invoice lines that bill it, in canonical order.
    pub receipt_lines: Groups,
    /// For each receipt, the trip it belongs to.
    pub receipt_trip: LinkColumn,
    /// For each trip, its receipts.
    pub trip_receipts: Groups,
    /// Which receipts are credits, and what each nets against (SPEC §3.5).
    pub receipt_credits: Netting,
    /// Which invoice lines are credits, and what each nets against (SPEC §3.5).
    pub line_credits: Netting,
    /// Each record's vehicle and vendor as a number, for the indexes of the link passes and
    /// the rules.
    pub keys: Keys,
}

impl Links {
    /// What an invoice line bills once credits are netted (SPEC §3.5).
    pub fn line_net_amount(&self, data: &Dataset, line: usize) -> Option<Decimal> {
        self.line_credits
            .net(line, |l| data.invoice_lines[l].amount())
    }

    /// What a receipt was paid once credits are netted (SPEC §3.5).
    pub fn receipt_net_amount(&self, data: &Dataset, receipt: usize) -> Option<Decimal> {
        self.receipt_credits
            .net(receipt, |r| data.receipts[r].amount())
    }

    /// Whether an invoice line bills nothing: a credit, or a line its credits reverse in full.
    /// Such a line bills no receipt, so the receipt it named may be billed again without being
    /// billed twice (a line reversed and billed anew).
    pub fn line_bills_nothing(&self, data: &Dataset, line: usize) -> bool {
        self.line_credits.is_credit(line)
            || self
                .line_credits
                .fully_reversed(line, |l| data.invoice_lines[l].amount())
    }

    /// Whether a receipt its credits reverse in full: a fill voided at the pump, which records
    /// no fuel bought and needs neither a trip nor an invoice line.
    pub fn receipt_voided(&self, data: &Dataset, receipt: usize) -> bool {
        (self.receipt_credits).fully_reversed(receipt, |r| data.receipts[r].amount())
    }

    /// The vehicle an invoice line is for: its own, else that of the receipt it bills.
    pub fn line_vehicle<'d>(&self, data: &'d Dataset, line: usize) -> &'d Option<Ident> {
        let own = &data.invoice_lines[line].vehicle_id;
        match (own, self.line_receipt.get(line)) {
            (None, Some((receipt, _))) => &data.receipts[receipt].vehicle_id,
            _ => own,
        }
    }
}

/// Runs every pass.
pub fn link(data: &Dataset, config: &Config) -> Links {
    let keys = Keys::of(data);
    let mut links = Links {
        receipt_credits: credits::receipts(data, &keys),
        line_credits: credits::lines(data, &keys),
        keys,
        ..Links::default()
    };
    // The two passes read only the keys and the credits, and write links of their own: they
    // run side by side.
    let ((line_receipt, receipt_lines), (receipt_trip, trip_receipts)) = crate::parallel::both(
        || link_lines_to_receipts(data, config, &links),
        || link_receipts_to_trips(data, config, &links),
    );
    links.line_receipt = line_receipt;
    links.receipt_lines = receipt_lines;
    links.receipt_trip = receipt_trip;
    links.trip_receipts = trip_receipts;
    links
}

/// What the pass from invoice lines to receipts makes: each line's receipt, and each
/// receipt's lines.
type LinesToReceipts = (LinkColumn, Groups);

/// What the pass from receipts to trips makes: each receipt's trip, and each trip's receipts.
type ReceiptsToTrips = (LinkColumn, Groups);

fn key<T, K: ?Sized>(value: &Option<T>, f: impl Fn(&T) -> &K) -> Option<&K> {
    value.as_ref().map(f)
}

/// Whether a product is not fuel; a record without a product counts as fuel.
pub fn is_non_fuel(fuel: &Option<FuelType>) -> bool {
    matches!(fuel, Some(FuelType::NonFuel(_)))
}

/// The records among `candidates` (sorted by date, undated first) dated from `from` to `to`:
/// a date window is a slice found by binary search, not a scan of the vehicle's records.
fn dated_between(
    candidates: &[usize],
    date_of: impl Fn(usize) -> Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> &[usize] {
    let start = candidates.partition_point(|&r| date_of(r).is_none_or(|d| d < from));
    let end = candidates.partition_point(|&r| date_of(r).is_none_or(|d| d <= to));
    &candidates[start..end.max(start)]
}

/// A date moved by some days, held at the calendar's ends.
fn shifted(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = date.checked_add_signed(chrono::Duration::days(days));
    moved.unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Each invoice line's receipt (`line_receipt`) and each receipt's billing lines
/// (`receipt_lines`).
fn link_lines_to_receipts(data: &Dataset, config: &Config, links: &Links) -> LinesToReceipts {
    let mut line_receipt = LinkColumn::unlinked(data.invoice_lines.len());
    // Whether a line bills the receipt already: the tolerant match takes only receipts no line
    // bills.
    let mut billed = vec![false; data.receipts.len()];
    let keys = &links.keys;
    // Receipts keyed by vendor, number (or voucher) and whether the product is not fuel.
    let receipt_key = |r: u32, id: fn(&Receipt) -> &Option<Ident>| {
        let receipt = &data.receipts[r as usize];
        let id = key(id(receipt), Ident::key);
        (
            keys.receipt_vendor[r as usize],
            id,
            is_non_fuel(&receipt.fuel_type),
        )
    };
    let number_of = |r: u32| receipt_key(r, |receipt| &receipt.receipt_no);
    let voucher_of = |r: u32| receipt_key(r, |receipt| &receipt.voucher_no);
    let vouchers = (data.receipts.iter())
        .filter(|r| r.voucher_no.is_some())
        .count();
    let mut by_number = FirstByKey::with_capacity(data.receipts.len());
    let mut by_voucher = FirstByKey::with_capacity(vouchers);
    // Each vendor and vehicle's receipts, in canonical order: by date, undated first.
    let mut by_vehicle: HashMap<(VendorNo, VehicleNo), Vec<usize>> = HashMap::new();
    // A fill its credits reverse in full (voided at the pump) is found by its number only when
    // no other receipt has it: a fill voided and rung up again is billed on the second.
    let mut voided = Vec::new();
    let mut live = Vec::with_capacity(data.receipts.len());
    for index in 0..data.receipts.len() {
        let Some(vendor) = keys.receipt_vendor[index] else {
            continue;
        };
        if links.receipt_credits.is_credit(index) {
            continue;
        }
        if let Some(vehicle) = keys.receipt_vehicle[index] {
            by_vehicle.entry((vendor, vehicle)).or_default().push(index);
        }
        let place = index32(index);
        if links.receipt_voided(data, index) {
            voided.push(place);
        } else {
            live.push(place);
        }
    }
    for place in live.into_iter().chain(voided) {
        let receipt = &data.receipts[place as usize];
        if receipt.receipt_no.is_some() {
            by_number.first_or_insert(place, number_of);
        }
        if receipt.voucher_no.is_some() {
            by_voucher.first_or_insert(place, voucher_of);
        }
    }
    let receipt_date = |r: usize| data.receipts[r].date;
    for candidates in by_vehicle.values_mut() {
        if !candidates.is_sorted_by_key(|&r| receipt_date(r)) {
            candidates.sort_by_key(|&r| (receipt_date(r), r));
        }
    }
    for (index, line) in data.invoice_lines.iter().enumerate() {
        let (Some(vendor), Some(number)) =
            (keys.line_vendor[index], key(&line.receipt_no, |r| r.key()))
        else {
            continue;
        };
        if links.line_credits.is_credit(index) {
            continue;
        }
        // The reference an invoice gives is the receipt's number or, where vendors bill
        // against fuel vouchers ("réf. bon"), the voucher the receipt was paid with; a receipt
        // of the line's own kind of product first, else of the other kind.
        let own_kind = is_non_fuel(&line.fuel_type);
        let found = [own_kind, !own_kind].into_iter().find_map(|non_fuel| {
            let key = (Some(vendor), Some(number), non_fuel);
            (by_number
                .get(key, number_of)
                .map(|r| (r, Method::ReceiptNo)))
            .or_else(|| {
                by_voucher
                    .get(key, voucher_of)
                    .map(|r| (r, Method::Voucher))
            })
        });
        if let Some((receipt, method)) = found {
            let receipt = receipt as usize;
            line_receipt.set(index, receipt, method);
            billed[receipt] |= !links.line_bills_nothing(data, index);
        }
    }
    let window = i64::from(config.rules.date_window_days);
    for (index, line) in data.invoice_lines.iter().enumerate() {
        if line_receipt.is_linked(index) || links.line_bills_nothing(data, index) {
            continue;
        }
        let (Some(vendor), Some(vehicle), Some(date), Some(litres)) = (
            links.keys.line_vendor[index],
            links.keys.line_vehicle[index],
            line.date,
            line.litres(),
        ) else {
            continue;
        };
        let Some(candidates) = by_vehicle.get(&(vendor, vehicle)) else {
            continue;
        };
        let tolerance = line
            .vendor
            .as_ref()
            .map_or(config.rules.litres_tolerance, |v| {
                litres_tolerance(config, v.key())
            });
        let (from, to) = (shifted(date, -window), shifted(date, window));
        let best = dated_between(candidates, receipt_date, from, to)
            .iter()
            .copied()
            .filter(|&r| !billed[r])
            .filter(|&r| is_non_fuel(&data.receipts[r].fuel_type) == is_non_fuel(&line.fuel_type))
            .filter(|&r| {
                data.receipts[r]
                    .litres()
                    .is_some_and(|l| (l - litres).abs() <= tolerance)
            })
            .min_by_key(|&r| {
                let distance = match (data.receipts[r].amount(), line.amount()) {
                    (Some(a), Some(b)) => (a - b).abs(),
                    _ => Decimal::MAX,
                };
                (distance, r)
            });
        if let Some(receipt) = best {
            line_receipt.set(index, receipt, Method::Fuzzy);
            billed[receipt] = true;
        }
    }
    // A line that bills nothing (a credit netted, a line reversed in full) bills no receipt.
    let bills = (line_receipt.iter().enumerate())
        .filter(|(line, _)| !links.line_bills_nothing(data, *line))
        .filter_map(|(line, receipt)| Some((receipt?.0, line)));
    let receipt_lines = Groups::from_pairs(data.receipts.len(), bills);
    (line_receipt, receipt_lines)
}

/// The litres tolerance for a vendor (keyed by folded name), after its override.
pub fn litres_tolerance(config: &Config, vendor_key: &str) -> Decimal {
    config
        .vendors
        .get(vendor_key)
        .and_then(|o| o.litres_tolerance)
        .unwrap_or(config.rules.litres_tolerance)
}

/// A trip longer than this many days is looked at by every receipt of its vehicle; shorter
/// ones only by the receipts dated near their departure.
const LONG_TRIP_DAYS: i64 = 7;

/// One vehicle's trip tickets, as the search for the trip a receipt's date falls near needs
/// them.
#[derive(Default)]
struct VehicleTrips {
    /// Trips of at most [`LONG_TRIP_DAYS`], by departure date.
    short: Vec<usize>,
    /// The longer ones (a return date typed a year late, say).
    long: Vec<usize>,
}

/// Each receipt's trip (`receipt_trip`) and each trip's receipts (`trip_receipts`).
fn link_receipts_to_trips(data: &Dataset, config: &Config, links: &Links) -> ReceiptsToTrips {
    let mut receipt_trip = LinkColumn::unlinked(data.receipts.len());
    // Trips by id, and by each voucher (a trip and the voucher's place among its own).
    let id_of = |t: u32| key(&data.trips[t as usize].trip_id, Ident::key);
    let voucher_of = |(t, v): (u32, u32)| {
        let vouchers = &data.trips[t as usize].voucher_nos;
        vouchers.get(v as usize).map(Ident::key)
    };
    let vouchers = data.trips.iter().map(|t| t.voucher_nos.len()).sum();
    let mut by_trip_id = FirstByKey::with_capacity(data.trips.len());
    let mut by_voucher = FirstByKey::with_capacity(vouchers);
    let mut by_vehicle: Vec<VehicleTrips> = Vec::new();
    by_vehicle.resize_with(links.keys.vehicles, VehicleTrips::default);
    for (index, trip) in data.trips.iter().enumerate() {
        let place = index32(index);
        if trip.trip_id.is_some() {
            by_trip_id.first_or_insert(place, id_of);
        }
        for voucher in 0..trip.voucher_nos.len() {
            by_voucher.first_or_insert((place, index32(voucher)), voucher_of);
        }
        let (Some(vehicle), Some(start)) = (links.keys.trip_vehicle[index], trip.date_out) else {
            continue;
        };
        let trips = &mut by_vehicle[vehicle.index()];
        match trip.date_in.filter(|end| *end >= start) {
            Some(end) if (end - start).num_days() > LONG_TRIP_DAYS => trips.long.push(index),
            _ => trips.short.push(index),
        }
    }
    let trip_start = |t: usize| data.trips[t].date_out;
    for trips in &mut by_vehicle {
        if !trips.short.is_sorted_by_key(|&t| trip_start(t)) {
            trips.short.sort_by_key(|&t| (trip_start(t), t));
        }
    }
    let window = i64::from(config.rules.date_window_days);
    for (index, receipt) in data.receipts.iter().enumerate() {
        if links.receipt_credits.is_credit(index) {
            continue;
        }
        let by_id = key(&receipt.trip_id, Ident::key)
            .and_then(|id| by_trip_id.get(Some(id), id_of))
            .map(|t| (t as usize, Method::TripId));
        let by_voucher = || {
            key(&receipt.voucher_no, Ident::key)
                .and_then(|v| by_voucher.get(Some(v), voucher_of))
                .map(|(t, _)| (t as usize, Method::Voucher))
        };
        let by_date = || {
            let vehicle = links.keys.receipt_vehicle[index]?;
            let date = receipt.date?;
            nearest_trip(data, &by_vehicle[vehicle.index()], date, window)
                .map(|t| (t, Method::VehicleDate))
        };
        if let Some((trip, method)) = by_id.or_else(by_voucher).or_else(by_date) {
            receipt_trip.set(index, trip, method);
        }
    }
    let joined =
        (receipt_trip.iter().enumerate()).filter_map(|(receipt, trip)| Some((trip?.0, receipt)));
    let trip_receipts = Groups::from_pairs(data.trips.len(), joined);
    (receipt_trip, trip_receipts)
}

/// How many days a date lies outside a trip's [date_out, date_in] (0 inside it).
pub fn days_outside(trip: &Trip, date: NaiveDate) -> Option<i64> {
    let start = trip.date_out?;
    let end = trip.date_in.filter(|end| *end >= start).unwrap_or(start);
    Some(if date < start {
        (start - date).num_days()
    } else if date > end {
        (date - end).num_days()
    } else {
        0
    })
}

/// The trip the date lies nearest (within the window), the earliest of equally near ones. A
/// short trip within the window departs no earlier than the window and [`LONG_TRIP_DAYS`]
/// before the date, and no later than the window after it.
fn nearest_trip(
    data: &Dataset,
    trips: &VehicleTrips,
    date: NaiveDate,
    window: i64,
) -> Option<usize> {
    let near = dated_between(
        &trips.short,
        |t| data.trips[t].date_out,
        shifted(date, -window - LONG_TRIP_DAYS),
        shifted(date, window),
    );
    near.iter()
        .chain(&trips.long)
        .copied()
        .filter_map(|t| {
            days_outside(&data.trips[t], date)
                .filter(|d| *d <= window)
                .map(|d| (d, t))
        })
        .min()
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InvoiceLine;
    use crate::rules::testing::{dataset, date, id, line, receipt, trip};

    /// Canonicalises the data as the loader does, then links it.
    fn linked(mut data: Dataset) -> (Dataset, Links) {
        data.canonicalise();
        let links = link(&data, &Config::defaults());
        (data, links)
    }

    /// The receipt number an invoice line was linked to, and how.
    fn billed(
        data: &Dataset,
        links: &Links,
        invoice: &str,
        line_no: u32,
    ) -> Option<(String, Method)> {
        let index = data
            .invoice_lines
            .iter()
            .position(|l| l.invoice_no == id(invoice) && l.line_no == line_no)
            .expect("the line is in the data");
        links.line_receipt.get(index).map(|(r, method)| {
            (
                data.receipts[r].receipt_no.as_ref().unwrap().to_string(),
                method,
            )
        })
    }

    /// The trip id a receipt was linked to, and how.
    fn trip_of(data: &Dataset, links: &Links, receipt_no: &str) -> Option<(String, Method)> {
        let index = data
            .receipts
            .iter()
            .position(|r| r.receipt_no == id(receipt_no))
            .expect("the receipt is in the data");
        links
            .receipt_trip
            .get(index)
            .map(|(t, method)| (data.trips[t].trip_id.as_ref().unwrap().to_string(), method))
    }

    /// An invoice line that cites no receipt: only the fuzzy pass can link it.
    fn uncited(invoice: &str, vehicle: &str, on: &str, litres: &str, amount: &str) -> InvoiceLine {
        let mut l = line(invoice, 1, "", litres, amount);
        l.receipt_no = None;
        l.vehicle_id = id(vehicle);
        l.date = Some(date(on));
        l
    }

    #[test]
    fn a_receipt_number_wins_over_a_voucher_with_the_same_reference() {
        let mut data = dataset();
        // Earlier in canonical order: paid with voucher "X1".
        let mut by_voucher = receipt("R9", "V1", "2020-03-01", "40", "100");
        by_voucher.voucher_no = id("X1");
        data.receipts.push(by_voucher);
        data.receipts
            .push(receipt("X1", "V2", "2020-03-05", "40", "100"));
        let mut paid = receipt("R7", "V3", "2020-03-06", "40", "100");
        paid.voucher_no = id("B55");
        data.receipts.push(paid);
        data.invoice_lines.push(line("INV1", 1, "X1", "40", "100"));
        data.invoice_lines
            .push(line("INV1", 2, "b-55", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            billed(&data, &links, "INV1", 1),
            Some(("X1".into(), Method::ReceiptNo))
        );
        assert_eq!(
            billed(&data, &links, "INV1", 2),
            Some(("R7".into(), Method::Voucher)),
            "an invoice citing the voucher a receipt was paid with bills that receipt"
        );
    }

    #[test]
    fn a_line_links_to_a_receipt_of_its_own_kind_of_product_first() {
        use crate::model::FuelType;
        let mut data = dataset();
        // A car wash under the fill's transaction number sorts before the fill (0 litres).
        let mut wash = receipt("T1", "V1", "2017-03-05", "0", "8");
        wash.fuel_type = Some(FuelType::NonFuel("CAR WASH".into()));
        data.receipts.push(wash);
        data.receipts
            .push(receipt("T1", "V1", "2017-03-05", "40", "100"));
        data.receipts
            .push(receipt("T2", "V1", "2017-03-06", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "T1", "40", "100"));
        let mut wash_line = line("INV1", 2, "T1", "0", "8");
        wash_line.fuel_type = Some(FuelType::NonFuel("CAR WASH".into()));
        data.invoice_lines.push(wash_line);
        // No car wash numbered T2: the line bills the fill (and NON_FUEL_PURCHASE says so).
        let mut shop_line = line("INV1", 3, "T2", "0", "8");
        shop_line.fuel_type = Some(FuelType::NonFuel("SHOP".into()));
        data.invoice_lines.push(shop_line);
        let (data, links) = linked(data);
        let bills = |line_no: u32| {
            let index = data.invoice_lines.iter().position(|l| l.line_no == line_no);
            let (receipt, _) = links.line_receipt.get(index.unwrap()).unwrap();
            let receipt = &data.receipts[receipt];
            (
                receipt.receipt_no.as_ref().unwrap().to_string(),
                receipt.litres().unwrap(),
            )
        };
        assert_eq!(bills(1), ("T1".into(), Decimal::from(40)), "the fill");
        assert_eq!(bills(2), ("T1".into(), Decimal::ZERO), "the wash");
        assert_eq!(bills(3), ("T2".into(), Decimal::from(40)));
    }

    #[test]
    fn the_fuzzy_pass_takes_the_closest_amount_then_the_earliest() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "105"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-06", "40", "98"));
        data.invoice_lines
            .push(uncited("INV1", "V1", "2020-03-05", "40", "100"));
        // Two receipts as close in amount (102 and 98 against 100): the earlier one wins,
        // whatever the order of the rows.
        data.receipts
            .push(receipt("R4", "V2", "2020-03-06", "40", "98"));
        data.receipts
            .push(receipt("R3", "V2", "2020-03-05", "40", "102"));
        data.invoice_lines
            .push(uncited("INV2", "V2", "2020-03-05", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            billed(&data, &links, "INV1", 1),
            Some(("R2".into(), Method::Fuzzy)),
            "the closest amount wins over the earlier receipt"
        );
        assert_eq!(
            billed(&data, &links, "INV2", 1),
            Some(("R3".into(), Method::Fuzzy)),
            "between equally close amounts, the earliest receipt wins"
        );
    }

    #[test]
    fn the_fuzzy_pass_skips_receipts_already_billed() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-05", "40", "90"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines
            .push(uncited("INV2", "V1", "2020-03-05", "40", "100"));
        data.invoice_lines
            .push(uncited("INV3", "V1", "2020-03-05", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            billed(&data, &links, "INV1", 1),
            Some(("R1".into(), Method::ReceiptNo))
        );
        assert_eq!(
            billed(&data, &links, "INV2", 1),
            Some(("R2".into(), Method::Fuzzy)),
            "R1, an exact match in amount, is already billed by its number"
        );
        assert_eq!(billed(&data, &links, "INV3", 1), None, "nothing is left");
    }

    #[test]
    fn the_fuzzy_pass_links_exactly_the_date_window_away_and_no_further() {
        assert_eq!(Config::defaults().rules.date_window_days, 1);
        let mut data = dataset();
        for (vehicle, line_date) in [
            ("V1", "2020-03-04"),
            ("V2", "2020-03-06"),
            ("V3", "2020-03-03"),
            ("V4", "2020-03-07"),
        ] {
            data.receipts.push(receipt(
                &format!("R{vehicle}"),
                vehicle,
                "2020-03-05",
                "40",
                "100",
            ));
            data.invoice_lines.push(uncited(
                &format!("INV{vehicle}"),
                vehicle,
                line_date,
                "40",
                "100",
            ));
        }
        let (data, links) = linked(data);
        assert_eq!(
            billed(&data, &links, "INVV1", 1),
            Some(("RV1".into(), Method::Fuzzy)),
            "one day before"
        );
        assert_eq!(
            billed(&data, &links, "INVV2", 1),
            Some(("RV2".into(), Method::Fuzzy)),
            "one day after"
        );
        assert_eq!(billed(&data, &links, "INVV3", 1), None, "two days before");
        assert_eq!(billed(&data, &links, "INVV4", 1), None, "two days after");
    }

    #[test]
    fn a_receipt_joins_its_trip_by_id_then_voucher_then_vehicle_and_date() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        data.trips
            .push(trip("T2", "V9", "2020-01-01", ("100", "200"), None));
        let mut t3 = trip("T3", "V8", "2020-02-01", ("100", "200"), None);
        t3.voucher_nos = [id("B7").unwrap()].into_iter().collect();
        data.trips.push(t3);
        // Its trip id, its voucher and its vehicle and date each point at another trip.
        let mut by_id = receipt("R1", "V1", "2020-03-05", "40", "100");
        by_id.trip_id = id("T2");
        by_id.voucher_no = id("B7");
        data.receipts.push(by_id);
        let mut by_voucher = receipt("R2", "V1", "2020-03-05", "40", "100");
        by_voucher.voucher_no = id("B7");
        data.receipts.push(by_voucher);
        data.receipts
            .push(receipt("R3", "V1", "2020-03-05", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            trip_of(&data, &links, "R1"),
            Some(("T2".into(), Method::TripId))
        );
        assert_eq!(
            trip_of(&data, &links, "R2"),
            Some(("T3".into(), Method::Voucher))
        );
        assert_eq!(
            trip_of(&data, &links, "R3"),
            Some(("T1".into(), Method::VehicleDate))
        );
    }

    #[test]
    fn a_receipt_finds_a_long_trip_it_falls_in_and_a_short_one_at_the_windows_edge() {
        let mut data = dataset();
        // V1: a trip of three weeks; the receipt falls in its second week.
        let mut long = trip("T1", "V1", "2020-03-01", ("100", "200"), None);
        long.date_in = Some(date("2020-03-21"));
        data.trips.push(long);
        data.trips
            .push(trip("T2", "V1", "2020-03-25", ("200", "300"), None));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-12", "40", "100"));
        // V2: a week's trip ending the day before the receipt.
        let mut week = trip("T3", "V2", "2020-03-01", ("100", "200"), None);
        week.date_in = Some(date("2020-03-08"));
        data.trips.push(week);
        data.receipts
            .push(receipt("R2", "V2", "2020-03-09", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            trip_of(&data, &links, "R1"),
            Some(("T1".into(), Method::VehicleDate))
        );
        assert_eq!(
            trip_of(&data, &links, "R2"),
            Some(("T3".into(), Method::VehicleDate))
        );
    }

    #[test]
    fn by_vehicle_and_date_the_nearest_trip_wins_then_the_earliest() {
        let mut data = dataset();
        // V1: a trip 1–4 March and one on 5 March; the receipt of the 5th is inside the second.
        let mut long = trip("T1", "V1", "2020-03-01", ("100", "200"), None);
        long.date_in = Some(date("2020-03-04"));
        data.trips.push(long);
        data.trips
            .push(trip("T2", "V1", "2020-03-05", ("200", "300"), None));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        // V2: trips on the 4th and the 6th, the receipt of the 5th a day from each.
        data.trips
            .push(trip("T4", "V2", "2020-03-06", ("200", "300"), None));
        data.trips
            .push(trip("T3", "V2", "2020-03-04", ("100", "200"), None));
        data.receipts
            .push(receipt("R2", "V2", "2020-03-05", "40", "100"));
        // V3: the only trip is two days away, beyond the window.
        data.trips
            .push(trip("T5", "V3", "2020-03-03", ("100", "200"), None));
        data.receipts
            .push(receipt("R3", "V3", "2020-03-05", "40", "100"));
        let (data, links) = linked(data);
        assert_eq!(
            trip_of(&data, &links, "R1"),
            Some(("T2".into(), Method::VehicleDate)),
            "the trip the receipt falls in, not the earlier one a day away"
        );
        assert_eq!(
            trip_of(&data, &links, "R2"),
            Some(("T3".into(), Method::VehicleDate)),
            "equally near: the earliest"
        );
        assert_eq!(trip_of(&data, &links, "R3"), None);
    }
}
