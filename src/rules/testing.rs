//! Small builders for rule tests: records with only the fields a test cares about.

use super::{Context, Exception, Rule};
use crate::config::Config;
use crate::model::{
    Dataset, DocKind, Ident, Idents, InvoiceLine, Legibility, Problems, Provenance, Receipt, Trip,
    Vehicle, VendorName,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal literal")
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("an ISO date")
}

pub fn id(text: &str) -> Option<Ident> {
    Ident::new(text)
}

fn prov(source: &str, row: u64) -> Provenance {
    Provenance {
        source: source.into(),
        row,
    }
}

pub fn trip(
    trip_id: &str,
    vehicle: &str,
    date_out: &str,
    odometer: (&str, &str),
    litres: Option<&str>,
) -> Trip {
    Trip {
        prov: prov("trips.csv", 2),
        problems: Problems::new(),
        trip_id: id(trip_id),
        vehicle_id: id(vehicle),
        driver: Some("A. Driver".into()),
        date_out: Some(date(date_out)),
        date_in: Some(date(date_out)),
        odometer_out: Some(d(odometer.0).into()),
        odometer_in: Some(d(odometer.1).into()),
        fuel_litres: litres.map(|l| d(l).into()),
        voucher_nos: Idents::new(),
    }
}

pub fn receipt(number: &str, vehicle: &str, on: &str, litres: &str, amount: &str) -> Receipt {
    Receipt {
        prov: prov("receipts.csv", 2),
        problems: Problems::new(),
        receipt_no: id(number),
        vehicle_id: id(vehicle),
        date: Some(date(on)),
        time: None,
        vendor: VendorName::new("Total"),
        station: None,
        fuel_type: None,
        litres: Some(d(litres).into()),
        unit_price: None,
        amount: Some(d(amount).into()),
        trip_id: None,
        voucher_no: None,
        odometer: None,
        legibility: Legibility::Readable,
    }
}

pub fn line(
    invoice: &str,
    line_no: u32,
    receipt_no: &str,
    litres: &str,
    amount: &str,
) -> InvoiceLine {
    InvoiceLine {
        prov: prov("invoices.csv", 2),
        problems: Problems::new(),
        invoice_no: id(invoice),
        vendor: VendorName::new("Total"),
        invoice_date: Some(date("2020-03-31")),
        line_no,
        receipt_no: id(receipt_no),
        vehicle_id: None,
        date: None,
        fuel_type: None,
        litres: Some(d(litres).into()),
        unit_price: None,
        amount: Some(d(amount).into()),
        invoice_total: None,
    }
}

pub fn vehicle(vehicle_id: &str) -> Vehicle {
    Vehicle {
        prov: prov("vehicles.csv", 2),
        problems: Problems::new(),
        vehicle_id: id(vehicle_id),
        tank_litres: None,
        fuel_type: None,
        l_per_100km: None,
    }
}

/// A dataset in which every kind counts as given.
pub fn dataset() -> Dataset {
    Dataset {
        given: DocKind::ALL.to_vec(),
        ..Dataset::default()
    }
}

/// Links and runs one rule with `config`, as a run would.
pub fn check_with(rule: &dyn Rule, data: Dataset, config: &Config) -> Vec<Exception> {
    check_in(rule, data, config, None)
}

/// A rule's findings on a dataset that a ledger's history goes with.
pub fn check_with_history(
    rule: &dyn Rule,
    data: Dataset,
    history: &crate::ledger::History,
) -> Vec<Exception> {
    check_in(rule, data, &Config::defaults(), Some(history))
}

/// Runs one rule as the registry would, asserting it has its data and that every message it
/// writes renders in every language.
pub fn check_in(
    rule: &dyn Rule,
    mut data: Dataset,
    config: &Config,
    history: Option<&crate::ledger::History>,
) -> Vec<Exception> {
    data.canonicalise();
    let links = crate::link::link(&data, config);
    let mut ctx = Context::new(&data, &links, config);
    ctx.history = history;
    assert_eq!(
        rule.missing_data(&ctx),
        None,
        "the test data should let {} run",
        rule.info().code
    );
    let mut out = Vec::new();
    rule.check(&ctx, &mut out);
    // Every message the rule wrote, in every language: a message id or an argument missing
    // from a catalogue panics here (debug builds), in the rule's own tests.
    for exception in &out {
        for lang in crate::i18n::Lang::all() {
            assert!(!exception.message.render(lang).is_empty());
        }
    }
    out
}

/// The same with the default settings.
pub fn check(rule: &dyn Rule, data: Dataset) -> Vec<Exception> {
    check_with(rule, data, &Config::defaults())
}

/// V1's trips T0–T3 over three days, T2 ending at `typo`, below its start of 1 200, on a day
/// with another trip (T1, 1 100 → 1 200); T3 starts where T2 really ended, at 1 250.
pub fn trip_ending_below_its_start(typo: &str) -> Dataset {
    let mut data = dataset();
    for (id, day, reading) in [
        ("T0", "2024-03-01", ("1000", "1100")),
        ("T1", "2024-03-02", ("1100", "1200")),
        ("T2", "2024-03-02", ("1200", typo)),
        ("T3", "2024-03-03", ("1250", "1300")),
    ] {
        data.trips.push(trip(id, "V1", day, reading, None));
    }
    data
}
