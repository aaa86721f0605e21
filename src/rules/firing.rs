//! One case per rule in which it fires, and the tests that run every rule over all of them:
//! each raises only its own code, and its message and evidence read exactly as the snapshot in
//! `src/rules/snapshots/CODE.txt` (English and French). A new code does not compile until its
//! case is written here; a change of wording fails until its snapshot is rewritten
//! (`FUELRECON_UPDATE_SNAPSHOTS=1 cargo test --lib rules::firing`), reviewed and committed.

use super::testing::*;
use super::{Code, Context, Exception, REGISTRY, Rule};
use crate::config::Config;
use crate::model::{
    Dataset, FieldProblem, FieldType, FuelType, Price, ProblemCode, Problems, Provenance,
    VendorName,
};
use chrono::NaiveTime;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The settings every case runs with: the defaults, and working hours so that the off-hours
/// rule has something to compare with.
fn config(lang: &str) -> Config {
    let mut config = Config::defaults();
    config.working_hours = Some((
        NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    ));
    config.lang = Some(lang.parse().expect("a language with a catalogue"));
    config
}

fn problem(field: &'static str, code: ProblemCode, raw: &str, ty: FieldType) -> FieldProblem {
    FieldProblem {
        field,
        code,
        raw: raw.into(),
        ty,
    }
}

/// Data in which the rule of `code` fires.
fn firing_case(code: Code) -> Dataset {
    let mut data = dataset();
    match code {
        Code::MissingField => {
            let mut l = line("INV1", 1, "R1", "40", "30000");
            l.problems.push(problem(
                "vehicle_id",
                ProblemCode::Missing,
                "",
                FieldType::Text,
            ));
            data.invoice_lines.push(l);
        }
        Code::UnreadableField => {
            let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
            r.problems.push(problem(
                "legible",
                ProblemCode::Unreadable,
                "illisible",
                FieldType::Text,
            ));
            data.receipts.push(r);
        }
        Code::InvalidValue => {
            let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), None);
            t.problems.push(problem(
                "odometer_in",
                ProblemCode::Invalid,
                "2O0",
                FieldType::Number,
            ));
            data.trips.push(t);
        }
        Code::DuplicateDocument => {
            data.receipts
                .push(receipt("000123", "V1", "2020-03-05", "40", "30000"));
            data.receipts
                .push(receipt("123", "V1", "2020-03-06", "40", "31000"));
        }
        Code::TripWithoutReceipt => {
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
            data.receipts
                .push(receipt("R9", "V2", "2020-03-05", "10", "7500"));
        }
        Code::ReceiptWithoutTrip => {
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
            data.receipts
                .push(receipt("R1", "V1", "2020-03-07", "40", "30000"));
        }
        Code::BilledWithoutReceipt => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R2", "40", "30000"));
        }
        Code::BilledTwice => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40", "30000"));
            let mut later = line("INV2", 1, "R-1", "40", "30000");
            later.invoice_date = Some(date("2020-04-30"));
            data.invoice_lines.push(later);
        }
        Code::AmountMismatch => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40", "30151"));
        }
        Code::QuantityMismatch => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40.6", "30000"));
        }
        Code::PriceAboveContract => {
            data.prices.push(Price {
                prov: Provenance {
                    source: "prices.csv".into(),
                    row: 2,
                },
                problems: Problems::new(),
                vendor: VendorName::new("Total"),
                fuel_type: Some(FuelType::Diesel),
                unit_price: Some(d("650").into()),
                valid_from: Some(date("2020-03-01")),
                valid_to: None,
            });
            let mut l = line("INV1", 1, "R1", "40", "26040");
            l.fuel_type = Some(FuelType::Diesel);
            l.unit_price = Some(d("651").into());
            data.invoice_lines.push(l);
        }
        Code::ArithmeticError => {
            let mut l = line("INV1", 1, "R1", "40", "26131");
            l.unit_price = Some(d("650").into());
            data.invoice_lines.push(l);
        }
        Code::ReceiptNotBilled => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.receipts
                .push(receipt("R2", "V1", "2020-03-06", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40", "30000"));
        }
        Code::TankCapacityExceeded => {
            let mut v = vehicle("V1");
            v.tank_litres = Some(d("80").into());
            data.vehicles.push(v);
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "84.1", "70000"));
        }
        Code::ConsumptionOutlier => {
            let mut v = vehicle("V1");
            v.l_per_100km = Some(d("10").into());
            data.vehicles.push(v);
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("1000", "2000"), None));
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "125.1", "1000"));
        }
        Code::OdometerInconsistent => {
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("200", "199"), None));
        }
        Code::OdometerGap => {
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
            data.trips
                .push(trip("T2", "V1", "2020-03-06", ("205.1", "300"), None));
        }
        Code::FuelTypeMismatch => {
            let mut v = vehicle("V1");
            v.fuel_type = Some(FuelType::Diesel);
            data.vehicles.push(v);
            let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
            r.fuel_type = Some(FuelType::Petrol);
            data.receipts.push(r);
        }
        Code::ReceiptOutsideTrip => {
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
            let mut r = receipt("R1", "V1", "2020-03-07", "40", "30000");
            r.trip_id = id("T1");
            data.receipts.push(r);
        }
        Code::VehicleMismatch => {
            data.trips
                .push(trip("T1", "V2", "2020-03-05", ("100", "200"), Some("40")));
            let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
            r.trip_id = id("T1");
            data.receipts.push(r);
        }
        Code::MultipleFills => {
            for (n, litres) in ["10", "11", "12"].into_iter().enumerate() {
                data.receipts
                    .push(receipt(&format!("R{n}"), "V1", "2020-03-05", litres, "100"));
            }
        }
        Code::PossibleDuplicate => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "26000"));
            data.receipts
                .push(receipt("R2", "V1", "2020-03-05", "40.5", "26000"));
        }
        Code::OffHoursFill => {
            let mut r = receipt("R1", "V1", "2020-03-05", "40", "100");
            r.time = NaiveTime::from_hms_opt(18, 1, 0);
            data.receipts.push(r);
        }
        Code::ReceiptAlreadyPaid => {
            data.invoice_lines
                .push(line("INV-4", 1, PAID_RECEIPT, "40", "56"));
        }
        Code::VoucherSequenceGap => {
            let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), None);
            t.voucher_nos = ["B-0101", "B-0102", "B-0105"]
                .iter()
                .filter_map(|v| id(v))
                .collect();
            data.trips.push(t);
        }
        Code::NonFuelPurchase => {
            let mut fill = receipt("T9001", "V1", "2020-03-05", "40", "120");
            fill.fuel_type = Some(FuelType::Petrol);
            data.receipts.push(fill);
            let mut wash = receipt("T9001", "V1", "2020-03-05", "0", "8");
            wash.fuel_type = Some(FuelType::NonFuel("CAR WASH".into()));
            data.receipts.push(wash);
        }
        Code::DateOutOfPeriod => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
            data.receipts
                .push(receipt("R2", "V1", "1999-10-05", "40", "100"));
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        }
        Code::UnmatchedCredit => {
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
            data.receipts
                .push(receipt("R2", "V1", "2020-03-05", "0", "-0.02"));
        }
    }
    data
}

/// The receipt an earlier month paid, in the ledger history every case runs with.
const PAID_RECEIPT: &str = "R-PAID";

fn history() -> crate::ledger::History {
    crate::ledger::History::with_paid(vec![crate::ledger::PaidReceipt {
        vendor_key: crate::model::fold_name("Total"),
        receipt_key: crate::model::normalise_id(PAID_RECEIPT),
        vendor: "Total".into(),
        receipt_no: PAID_RECEIPT.into(),
        run_id: "an earlier month".into(),
        accepted_at: "2020-02-29T10:00:00Z".into(),
        invoice_no: "INV-2".into(),
        line_no: 3,
        amount: rust_decimal::Decimal::from(56),
        dispute_id: None,
    }])
}

fn run(rule: &dyn Rule, code: Code, lang: &str) -> Vec<Exception> {
    check_in(rule, firing_case(code), &config(lang), Some(&history()))
}

/// What a rule raises on another rule's case, or `None` when that case lacks its data.
fn run_if_able(rule: &dyn Rule, code: Code) -> Option<Vec<Exception>> {
    let mut data = firing_case(code);
    data.canonicalise();
    let config = config("en");
    let links = crate::link::link(&data, &config);
    let history = history();
    let mut ctx = Context::new(&data, &links, &config);
    ctx.history = Some(&history);
    if rule.missing_data(&ctx).is_some() {
        return None;
    }
    let mut out = Vec::new();
    rule.check(&ctx, &mut out);
    Some(out)
}

#[test]
fn each_rule_raises_only_its_own_code() {
    for rule in REGISTRY {
        let own = rule.info().code;
        assert!(
            !run(*rule, own, "en").is_empty(),
            "{own} does not fire on its own case"
        );
        // On every other rule's case, too: what makes another rule fire never comes out under
        // this rule's code.
        for case in Code::ALL {
            for exception in run_if_able(*rule, *case).into_iter().flatten() {
                assert_eq!(
                    exception.code, own,
                    "{own}, on the case of {case}, raised {}",
                    exception.code
                );
                // SPEC §4 lowers one code on one kind of document: DATE_OUT_OF_PERIOD on trips.
                let lowered = own == Code::DateOutOfPeriod
                    && matches!(exception.target, super::Target::Trip(_));
                let expected = if lowered {
                    super::Severity::Low
                } else {
                    rule.info().severity
                };
                assert_eq!(exception.severity, expected, "{own}");
            }
        }
    }
}

/// What a rule says on its case, in both languages: `code | message | evidence` per exception.
fn said(rule: &dyn Rule) -> String {
    let mut text = String::new();
    for lang in ["en", "fr"] {
        writeln!(text, "[{lang}]").unwrap();
        for e in run(rule, rule.info().code, lang) {
            let evidence = serde_json::Value::Object(e.evidence.to_map());
            let message = e
                .message
                .render(lang.parse().expect("a language with a catalogue"));
            writeln!(text, "{} | {} | {}", e.code, message, evidence).unwrap();
        }
    }
    text
}

fn snapshot_path(code: Code) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/rules/snapshots")
        .join(format!("{code}.txt"))
}

/// The lines that differ, as `-expected` / `+actual`.
fn diff(expected: &str, actual: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for index in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(index), new.get(index));
        if a != b {
            if let Some(a) = a {
                writeln!(out, "-{a}").unwrap();
            }
            if let Some(b) = b {
                writeln!(out, "+{b}").unwrap();
            }
        }
    }
    out
}

#[test]
fn each_rules_message_and_evidence_read_as_their_snapshot() {
    let update = std::env::var_os("FUELRECON_UPDATE_SNAPSHOTS").is_some();
    let mut failures = String::new();
    for rule in REGISTRY {
        let code = rule.info().code;
        let path = snapshot_path(code);
        let actual = said(*rule);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            writeln!(
                failures,
                "{} differs:\n{}",
                path.display(),
                diff(&expected, &actual)
            )
            .unwrap();
        }
    }
    assert!(
        failures.is_empty(),
        "{failures}\nif the new wording is right: FUELRECON_UPDATE_SNAPSHOTS=1 cargo test --lib \
         rules::firing, review the files and commit them"
    );
}
