//! The benchmark's month (issue 12) raises exactly the exceptions its generator planted: every
//! planted fault is found and nothing else is raised, so `bench/run.sh` times a reconcile that
//! does the full work on a month that looks like a real one.

mod common;

#[path = "../examples/make_month/month.rs"]
mod month;

use common::Workdir;
use std::collections::{BTreeMap, BTreeSet};

/// (code, document, key) → how many times.
type Tally = BTreeMap<(String, String, String), usize>;

fn tally(rows: impl Iterator<Item = (String, String, String)>) -> Tally {
    let mut counts = Tally::new();
    for row in rows {
        *counts.entry(row).or_insert(0) += 1;
    }
    counts
}

/// What `left` holds more of than `right`, one line per (code, document, key).
fn surplus(left: &Tally, right: &Tally) -> Vec<String> {
    left.iter()
        .filter_map(|(row, &count)| {
            let over = count.saturating_sub(right.get(row).copied().unwrap_or(0));
            (over > 0).then(|| format!("  {} {} {} ×{over}", row.0, row.1, row.2))
        })
        .collect()
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn every_fault_planted_in_the_benchmark_month_is_found_and_nothing_else() {
    let dir = Workdir::new();
    let data = dir.path("month");
    let planted = month::write_month(&data, 5_000).unwrap();
    let input = |name: &str| data.join(name).to_string_lossy().into_owned();
    let (trips, receipts, invoices) = (
        input("trips.csv"),
        input("receipts.csv"),
        input("invoices.csv"),
    );
    dir.run(&[
        "reconcile",
        "--trips",
        &trips,
        "--receipts",
        &receipts,
        "--invoices",
        &invoices,
        "--out",
        "report",
    ])
    .succeeds();

    let expected = tally(
        csv_rows(&std::fs::read_to_string(data.join("planted.csv")).unwrap())
            .iter()
            .map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string())),
    );
    let exceptions = csv_rows(&dir.read("report/exceptions.csv"));
    let found = tally(exceptions.iter().map(|r| {
        let (code, document) = (r[1].to_string(), r[3].to_string());
        let key = match document.as_str() {
            "trip" => r[4].to_string(),
            "receipt" => r[5].to_string(),
            "invoice_line" => format!("{}/{}", &r[6], &r[7]),
            _ => String::new(),
        };
        (code, document, key)
    }));
    let missed = surplus(&expected, &found);
    let unplanted = surplus(&found, &expected);
    assert!(
        missed.is_empty() && unplanted.is_empty(),
        "planted but not raised:\n{}\nraised but not planted:\n{}",
        missed.join("\n"),
        unplanted.join("\n")
    );

    // The month exercises every rule its three files can: each kind of fault is planted.
    let codes: BTreeSet<&str> = planted.iter().map(|p| p.code).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [
            "AMOUNT_MISMATCH",
            "ARITHMETIC_ERROR",
            "BILLED_TWICE",
            "BILLED_WITHOUT_RECEIPT",
            "DUPLICATE_DOCUMENT",
            "MISSING_FIELD",
            "NON_FUEL_PURCHASE",
            "ODOMETER_GAP",
            "ODOMETER_INCONSISTENT",
            "POSSIBLE_DUPLICATE",
            "QUANTITY_MISMATCH",
            "RECEIPT_NOT_BILLED",
            "RECEIPT_WITHOUT_TRIP",
            "TRIP_WITHOUT_RECEIPT",
            "UNREADABLE_FIELD",
            "VEHICLE_MISMATCH",
        ]
    );
    // The mistyped receipt numbers raise nothing: the tolerant match links them.
    let fuzzy = csv_rows(&dir.read("report/matches.csv"))
        .iter()
        .filter(|r| &r[2] == "fuzzy")
        .count();
    assert!(fuzzy > 0, "no line linked by the tolerant match");
}
