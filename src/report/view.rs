//! The one view every output renders from: the headline figures, the documentation status of
//! every trip ticket, the money per vendor, and the exceptions with their ids.

use crate::config::Config;
use crate::link::Links;
use crate::load::FileStats;
use crate::model::{Dataset, Trip};
use crate::rules::{Exception, Findings, NotRun, Target};
use chrono::Datelike;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Documented against total, for one group of trip tickets.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Documented {
    pub total: u64,
    pub documented: u64,
}

/// The trip documentation headline of SPEC §3.4, overall and broken down.
#[derive(Debug, Default, Serialize)]
pub struct TripStatus {
    pub total: u64,
    pub documented: u64,
    pub by_vehicle: BTreeMap<String, Documented>,
    pub by_driver: BTreeMap<String, Documented>,
    pub by_month: BTreeMap<String, Documented>,
}

/// Money for one vendor, or overall.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Money {
    pub invoiced: Decimal,
    pub supported: Decimal,
    pub at_risk: Decimal,
}

/// Everything a report shows.
pub struct ReportView<'a> {
    pub generated_at: String,
    pub files: &'a [FileStats],
    pub data: &'a Dataset,
    pub links: &'a Links,
    pub config: &'a Config,
    pub trips: TripStatus,
    pub money: Money,
    pub money_by_vendor: BTreeMap<String, Money>,
    pub exceptions: &'a [Exception],
    pub not_run: &'a [NotRun],
}

/// The text used for a value that is not there, in breakdowns.
const UNKNOWN: &str = "(unknown)";

impl<'a> ReportView<'a> {
    pub fn new(
        generated_at: String,
        files: &'a [FileStats],
        data: &'a Dataset,
        links: &'a Links,
        findings: &'a Findings,
        config: &'a Config,
    ) -> ReportView<'a> {
        let trip_documented: Vec<bool> = data
            .trips
            .iter()
            .enumerate()
            .map(|(index, trip)| is_documented(trip, index, data, links, config))
            .collect();
        let trips = trip_status(&data.trips, &trip_documented);
        let (money, money_by_vendor) = money(data, links, &findings.exceptions);
        ReportView {
            generated_at,
            files,
            data,
            links,
            config,
            trips,
            money,
            money_by_vendor,
            exceptions: &findings.exceptions,
            not_run: &findings.not_run,
        }
    }

    /// "documented: N of M trip tickets".
    pub fn headline(&self) -> String {
        format!(
            "documented: {} of {} trip tickets",
            self.trips.documented, self.trips.total
        )
    }

    /// The id of the exception at `index`: stable for the same inputs in any row order.
    pub fn exception_id(index: usize) -> String {
        format!("EX-{:06}", index + 1)
    }
}

/// SPEC §3.4: no problem of its own, and, when it needs one, at least one matched receipt, all
/// of them free of problems.
fn is_documented(
    trip: &Trip,
    index: usize,
    data: &Dataset,
    links: &Links,
    config: &Config,
) -> bool {
    if !trip.problems.is_empty() {
        return false;
    }
    let receipts = &links.trip_receipts[index];
    if crate::rules::requires_receipt(trip, config.rules.require_receipt) && receipts.is_empty() {
        return false;
    }
    receipts
        .iter()
        .all(|&r| data.receipts[r].problems.is_empty())
}

fn trip_status(trips: &[Trip], documented: &[bool]) -> TripStatus {
    let mut status = TripStatus::default();
    for (trip, &ok) in trips.iter().zip(documented) {
        let count = |group: &mut Documented| {
            group.total += 1;
            group.documented += u64::from(ok);
        };
        status.total += 1;
        status.documented += u64::from(ok);
        let vehicle = trip
            .vehicle_id
            .as_ref()
            .map_or(UNKNOWN.to_string(), |v| v.key().to_string());
        count(status.by_vehicle.entry(vehicle).or_default());
        let driver = trip.driver.clone().unwrap_or_else(|| UNKNOWN.to_string());
        count(status.by_driver.entry(driver).or_default());
        let month = trip.date_out.map_or(UNKNOWN.to_string(), |d| {
            format!("{}-{:02}", d.year(), d.month())
        });
        count(status.by_month.entry(month).or_default());
    }
    status
}

/// What each invoice line puts at risk: the largest at-risk amount among the exceptions on the
/// line and on the receipt it bills, capped at the line's amount. The largest, not the sum:
/// exceptions often describe one excess twice (an amount above its receipt is also a sum that
/// does not add up; a price above contract is raised on the receipt and on the line).
fn money(
    data: &Dataset,
    links: &Links,
    exceptions: &[Exception],
) -> (Money, BTreeMap<String, Money>) {
    let mut on_line = vec![Decimal::ZERO; data.invoice_lines.len()];
    let mut on_receipt = vec![Decimal::ZERO; data.receipts.len()];
    for exception in exceptions {
        let slot = match exception.target {
            Target::InvoiceLine(i) => &mut on_line[i],
            Target::Receipt(r) => &mut on_receipt[r],
            _ => continue,
        };
        *slot = (*slot).max(exception.amount_at_risk);
    }
    let mut total = Money::default();
    let mut by_vendor: BTreeMap<String, Money> = BTreeMap::new();
    let mut vendor_names: BTreeMap<&str, &str> = BTreeMap::new();
    for (index, line) in data.invoice_lines.iter().enumerate() {
        let Some(amount) = line.amount else { continue };
        let from_receipt = links.line_receipt[index].map_or(Decimal::ZERO, |(r, _)| on_receipt[r]);
        let risk = on_line[index]
            .max(from_receipt)
            .min(amount.max(Decimal::ZERO));
        let vendor_key = line.vendor.as_ref().map_or(UNKNOWN, |v| v.key());
        let vendor_name = *vendor_names
            .entry(vendor_key)
            .or_insert_with(|| line.vendor.as_ref().map_or(UNKNOWN, |v| v.text()));
        for money in [
            &mut total,
            by_vendor.entry(vendor_name.to_string()).or_default(),
        ] {
            money.invoiced += amount;
            money.at_risk += risk;
            money.supported += amount - risk;
        }
    }
    (total, by_vendor)
}
