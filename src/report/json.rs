//! exceptions.json, summary.json and manifest.json, rendered as bytes from the view.

use super::view::{Documented, InvoiceMoney, Money, ReceiptMoney, ReportView};
use crate::i18n::Lang;
use crate::load::{AmbiguousDates, Conventions, FileStats, MappedColumn, UnusedColumn};
use crate::model::DocKind;
use crate::rules::Code;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `value` as indented JSON and a final newline.
fn pretty<T: Serialize>(value: &T, into: &mut dyn Write) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(&mut *into, value)?;
    into.write_all(b"\n").map_err(serde_json::Error::io)
}

/// exceptions.json, each record made as it is written: the array is never held whole.
pub fn exceptions(view: &ReportView<'_>, into: &mut dyn Write) -> serde_json::Result<()> {
    struct Records<'v, 'a>(&'v ReportView<'a>);
    impl Serialize for Records<'_, '_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq((0..self.0.exceptions.len()).map(|i| self.0.exception_record(i)))
        }
    }
    pretty(&Records(view), into)
}

/// One file as summary.json and `check --json` describe it: its row accounting, which column
/// fed which field, the columns left unused, and the conventions decided reading it.
#[derive(Serialize)]
pub struct FileSummary<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub kind: DocKind,
    pub header_row: u64,
    pub rows_read: u64,
    pub rows_loaded: u64,
    pub rows_blank: u64,
    /// Rows that sum the rows above them (`TOTAL`), counted apart: `rows_read = rows_loaded +
    /// rows_blank + rows_totals`.
    pub rows_totals: u64,
    pub totals_rows: &'a [u64],
    pub mapping: &'a [MappedColumn],
    pub unused_columns: &'a [UnusedColumn],
    pub conventions: &'a Conventions,
    pub ambiguous_dates: &'a [AmbiguousDates],
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
            rows_totals: f.rows_totals,
            totals_rows: &f.totals_rows,
            mapping: &f.mapping,
            unused_columns: &f.unused_columns,
            conventions: &f.conventions,
            ambiguous_dates: &f.ambiguous_dates,
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
    /// The currency of every amount, when the config names it.
    currency: Option<&'a str>,
    /// False when the run had no receipts: its invoice lines are unverified, not supported.
    invoices_checked_against_receipts: bool,
    money: &'a Money,
    money_by_vendor: &'a BTreeMap<String, Money>,
    money_by_invoice: &'a [InvoiceMoney],
    /// With receipts: their total and the amount exceptions on them flag.
    receipts: Option<&'a ReceiptMoney>,
    rules_not_run: Vec<NotRunRecord>,
    note: String,
}

/// A rule that did not run, with its reason in the report's language.
#[derive(Serialize)]
struct NotRunRecord {
    code: Code,
    reason: String,
}

/// Said wherever exceptions are counted: they are indicators, not findings.
pub fn summary(view: &ReportView<'_>, into: &mut dyn Write) -> serde_json::Result<()> {
    let mut by_code = BTreeMap::new();
    let mut by_severity = BTreeMap::new();
    for e in view.exceptions {
        *by_code.entry(e.code.as_str()).or_insert(0) += 1;
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
        currency: view.config.currency.as_deref(),
        invoices_checked_against_receipts: view.invoices_checked,
        money: &view.money,
        money_by_vendor: &view.money_by_vendor,
        money_by_invoice: &view.money_by_invoice,
        receipts: view.receipts.as_ref(),
        rules_not_run: view
            .not_run
            .iter()
            .map(|n| NotRunRecord {
                code: n.code,
                reason: n.reason.render(view.lang()),
            })
            .collect(),
        note: crate::i18n::text(view.lang(), "indicator-note", &crate::i18n::Args::new()),
    };
    pretty(&summary, into)
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
    lang: Lang,
    config: &'a Value,
    inputs: &'a [InputRecord],
    /// Every file the run wrote, relative to the report folder: a rerun replaces the folder
    /// only when it holds nothing else.
    outputs: &'a [String],
}

pub fn manifest(
    view: &ReportView<'_>,
    lang: Lang,
    inputs: &[InputRecord],
    outputs: &[String],
    into: &mut dyn Write,
) -> serde_json::Result<()> {
    pretty(
        &Manifest {
            tool: "fuelrecon",
            version: env!("CARGO_PKG_VERSION"),
            generated_at: &view.generated_at,
            lang,
            config: &view.config.effective,
            inputs,
            outputs,
        },
        into,
    )
}
