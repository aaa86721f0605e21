//! exceptions.json, summary.json and manifest.json, rendered as bytes from the view.

use super::view::{Documented, Money, ReportView};
use crate::load::FileStats;
use crate::model::DocKind;
use crate::rules::{Exception, NotRun};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One exception as tools read it: the fields of SPEC §6, amounts as decimal strings.
#[derive(Serialize)]
pub struct ExceptionRecord<'a> {
    pub id: String,
    pub code: &'a str,
    pub severity: &'a str,
    pub document: &'a str,
    pub trip_id: Option<&'a str>,
    pub receipt_no: Option<&'a str>,
    pub invoice_no: Option<&'a str>,
    pub invoice_line: Option<u32>,
    pub vehicle_id: Option<&'a str>,
    pub driver: Option<&'a str>,
    pub vendor: Option<&'a str>,
    pub date: Option<String>,
    pub amount_at_risk: String,
    pub message: &'a str,
    pub evidence: &'a Map<String, Value>,
    pub source: &'a str,
}

impl<'a> ExceptionRecord<'a> {
    pub fn new(index: usize, e: &'a Exception) -> ExceptionRecord<'a> {
        ExceptionRecord {
            id: ReportView::exception_id(index),
            code: e.code,
            severity: e.severity.as_str(),
            document: e.document,
            trip_id: e.trip_id.as_deref(),
            receipt_no: e.receipt_no.as_deref(),
            invoice_no: e.invoice_no.as_deref(),
            invoice_line: e.invoice_line,
            vehicle_id: e.vehicle_id.as_deref(),
            driver: e.driver.as_deref(),
            vendor: e.vendor.as_deref(),
            date: e.date.map(|d| d.to_string()),
            amount_at_risk: e.amount_at_risk.to_string(),
            message: &e.message,
            evidence: &e.evidence,
            source: &e.source,
        }
    }
}

fn pretty<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub fn exceptions(view: &ReportView<'_>) -> serde_json::Result<Vec<u8>> {
    let records: Vec<ExceptionRecord<'_>> = view
        .exceptions
        .iter()
        .enumerate()
        .map(|(i, e)| ExceptionRecord::new(i, e))
        .collect();
    pretty(&records)
}

#[derive(Serialize)]
struct FileSummary<'a> {
    path: &'a str,
    source: &'a str,
    kind: DocKind,
    header_row: u64,
    rows_read: u64,
    rows_loaded: u64,
    rows_blank: u64,
}

impl<'a> From<&'a FileStats> for FileSummary<'a> {
    fn from(f: &'a FileStats) -> Self {
        FileSummary {
            path: &f.path,
            source: &f.source,
            kind: f.kind,
            header_row: f.header_row,
            rows_read: f.rows_read,
            rows_loaded: f.rows_loaded,
            rows_blank: f.rows_blank,
        }
    }
}

#[derive(Serialize)]
struct MoneyText {
    invoiced: String,
    supported: String,
    at_risk: String,
}

impl From<&Money> for MoneyText {
    fn from(m: &Money) -> Self {
        let text = |d: Decimal| d.to_string();
        MoneyText {
            invoiced: text(m.invoiced),
            supported: text(m.supported),
            at_risk: text(m.at_risk),
        }
    }
}

#[derive(Serialize)]
struct TripsSummary<'a> {
    headline: String,
    total: u64,
    documented: u64,
    by_vehicle: &'a BTreeMap<String, Documented>,
    by_driver: &'a BTreeMap<String, Documented>,
    by_month: &'a BTreeMap<String, Documented>,
}

#[derive(Serialize)]
struct ExceptionCounts {
    total: usize,
    by_code: BTreeMap<&'static str, usize>,
    by_severity: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct Summary<'a> {
    generated_at: &'a str,
    files: Vec<FileSummary<'a>>,
    trips: TripsSummary<'a>,
    exceptions: ExceptionCounts,
    money: MoneyText,
    money_by_vendor: BTreeMap<&'a str, MoneyText>,
    rules_not_run: &'a [NotRun],
    note: &'static str,
}

/// Said wherever exceptions are counted: they are indicators, not findings.
pub const INDICATOR_NOTE: &str =
    "An exception is an indicator to review, not a finding of fraud or error.";

pub fn summary(view: &ReportView<'_>) -> serde_json::Result<Vec<u8>> {
    let mut by_code = BTreeMap::new();
    let mut by_severity = BTreeMap::new();
    for e in view.exceptions {
        *by_code.entry(e.code).or_insert(0) += 1;
        *by_severity.entry(e.severity.as_str()).or_insert(0) += 1;
    }
    let summary = Summary {
        generated_at: &view.generated_at,
        files: view.files.iter().map(FileSummary::from).collect(),
        trips: TripsSummary {
            headline: view.headline(),
            total: view.trips.total,
            documented: view.trips.documented,
            by_vehicle: &view.trips.by_vehicle,
            by_driver: &view.trips.by_driver,
            by_month: &view.trips.by_month,
        },
        exceptions: ExceptionCounts {
            total: view.exceptions.len(),
            by_code,
            by_severity,
        },
        money: MoneyText::from(&view.money),
        money_by_vendor: view
            .money_by_vendor
            .iter()
            .map(|(k, v)| (k.as_str(), MoneyText::from(v)))
            .collect(),
        rules_not_run: view.not_run,
        note: INDICATOR_NOTE,
    };
    pretty(&summary)
}

/// One input as the manifest records it.
#[derive(Serialize)]
pub struct InputRecord {
    pub path: String,
    pub kind: DocKind,
    pub source: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    generated_at: &'a str,
    lang: &'a str,
    config: &'a Value,
    inputs: &'a [InputRecord],
}

pub fn manifest(
    view: &ReportView<'_>,
    lang: &str,
    inputs: &[InputRecord],
) -> serde_json::Result<Vec<u8>> {
    pretty(&Manifest {
        tool: "fuelrecon",
        version: env!("CARGO_PKG_VERSION"),
        generated_at: &view.generated_at,
        lang,
        config: &view.config.effective,
        inputs,
    })
}
