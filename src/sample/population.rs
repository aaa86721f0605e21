//! The population: what a sample is drawn from, read back from a finished report folder
//! (exceptions.json, lines.csv, receipts.csv, trips.csv), with each item's linked documents so
//! the workpaper can show an auditor what to check.
//!
//! Items are ordered by their identity (exception id, invoice and line, receipt, trip) and
//! then their source, never by the order a file or a hash map happens to hold them, so that
//! a seed picks the same items from the same report on any machine.

use crate::model::{fold_name, normalise_id};
use crate::report;
use crate::rules::Severity;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PopulationError {
    #[error(
        "{}: not found; is this a fuelrecon report folder? Give the folder `fuelrecon reconcile --out` wrote",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error(
        "{}: not found; this report was written by a fuelrecon that does not list {what}: reconcile again with this version",
        path.display()
    )]
    NotListed { path: PathBuf, what: &'static str },
    #[error("{}: cannot read: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: not a fuelrecon report file: {cause}", path.display())]
    Json {
        path: PathBuf,
        cause: serde_json::Error,
    },
    #[error("{}: {cause}", path.display())]
    Csv { path: PathBuf, cause: csv::Error },
    #[error("{}: no column {column}; reconcile again with this version", path.display())]
    NoColumn { path: PathBuf, column: &'static str },
    #[error("{}:{row}: {column} {raw:?} is not a number", path.display())]
    NotANumber {
        path: PathBuf,
        row: usize,
        column: &'static str,
        raw: String,
    },
    #[error(
        "--code and --severity filter exceptions only; drop them or sample --population exceptions"
    )]
    FilterOnOtherPopulation,
}

/// What a sample can be drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum PopulationKind {
    Exceptions,
    Trips,
    Receipts,
    InvoiceLines,
}

impl PopulationKind {
    /// The report file the population is read from.
    pub fn file(self) -> &'static str {
        match self {
            PopulationKind::Exceptions => "exceptions.json",
            PopulationKind::Trips => Document::Trip.table().file,
            PopulationKind::Receipts => Document::Receipt.table().file,
            PopulationKind::InvoiceLines => Document::InvoiceLine.table().file,
        }
    }

    /// Trips carry litres, not money: they cannot be sampled by amount.
    pub fn has_money(self) -> bool {
        self != PopulationKind::Trips
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PopulationKind::Exceptions => "exceptions",
            PopulationKind::Trips => "trips",
            PopulationKind::Receipts => "receipts",
            PopulationKind::InvoiceLines => "invoice-lines",
        }
    }
}

/// A document a report lists one row per, with the same names as exceptions.json's `document`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    Trip,
    Receipt,
    InvoiceLine,
}

/// How a report's CSV of one document kind is read: its identity, its value and the fields
/// an auditor needs to find and check the document.
pub struct Table {
    pub file: &'static str,
    /// The columns `reconcile` writes in the file: every name read from it is one of them.
    columns: &'static [&'static str],
    /// The columns that identify a row, compared normalised.
    identity: &'static [&'static str],
    value: &'static str,
    /// Shown when the document is linked to the item being checked.
    key_fields: &'static [&'static str],
}

impl Document {
    pub fn table(self) -> &'static Table {
        match self {
            Document::Trip => &Table {
                file: "trips.csv",
                columns: &report::TRIPS_COLUMNS,
                identity: &["trip_id"],
                value: "fuel_litres",
                key_fields: &[
                    "trip_id",
                    "vehicle_id",
                    "driver",
                    "date_out",
                    "date_in",
                    "odometer_out",
                    "odometer_in",
                    "fuel_litres",
                    "voucher_no",
                ],
            },
            Document::Receipt => &Table {
                file: "receipts.csv",
                columns: &report::RECEIPTS_COLUMNS,
                identity: &["receipt_no"],
                value: "amount",
                key_fields: &[
                    "receipt_no",
                    "vendor",
                    "vehicle_id",
                    "date",
                    "fuel_type",
                    "litres",
                    "unit_price",
                    "amount",
                    "trip_id",
                ],
            },
            Document::InvoiceLine => &Table {
                file: "lines.csv",
                columns: &report::LINES_COLUMNS,
                identity: &["invoice_no", "line_no"],
                value: "billed",
                key_fields: &[
                    "invoice_no",
                    "line_no",
                    "vendor",
                    "invoice_date",
                    "receipt_no",
                    "vehicle_id",
                    "fuel_type",
                    "litres",
                    "billed",
                    "status",
                ],
            },
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Document::Trip => "trip",
            Document::Receipt => "receipt",
            Document::InvoiceLine => "invoice_line",
        }
    }
}

/// Which exceptions make the population.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// Exception codes kept (any of them); empty keeps every code.
    pub codes: Vec<String>,
    /// Keep this severity and the ones above it.
    pub min_severity: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.min_severity.is_none()
    }
}

/// One item of the population, as the report lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item's fields, in the order of its report file.
    pub fields: Vec<(String, String)>,
    /// Where the document came from: `file[#sheet]:row`.
    pub source: String,
    /// Its book value (money; litres for trips); zero when the report gives none.
    pub value: Decimal,
    /// The documents it is linked to, to be checked with it.
    pub linked: Vec<Linked>,
    order: (String, u64, String),
}

/// A document linked to a sampled item, by its key fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Linked {
    pub document: Document,
    pub source: String,
    pub fields: Vec<(String, String)>,
}

impl Linked {
    /// One line for a CSV cell: `receipt receipts.csv:7: receipt_no=R-5006; amount=56.00`.
    pub fn one_line(&self) -> String {
        let fields: Vec<String> = self
            .fields
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{} {}: {}",
            self.document.as_str(),
            self.source,
            fields.join("; ")
        )
    }
}

impl Item {
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// A report folder, read once.
pub struct Report {
    pub folder: PathBuf,
    /// The report's language (manifest.json `lang`).
    pub lang: String,
    tables: HashMap<Document, Rows>,
}

/// One report CSV in memory, indexed by identity.
struct Rows {
    path: PathBuf,
    table: &'static Table,
    header: Vec<String>,
    records: Vec<csv::StringRecord>,
    by_identity: HashMap<String, Vec<usize>>,
}

#[derive(Deserialize)]
struct Manifest {
    lang: Option<String>,
}

fn read_text(path: &Path) -> Result<String, PopulationError> {
    std::fs::read_to_string(path).map_err(|cause| match cause.kind() {
        std::io::ErrorKind::NotFound => PopulationError::Missing {
            path: path.to_path_buf(),
        },
        _ => PopulationError::Io {
            path: path.to_path_buf(),
            cause,
        },
    })
}

impl Rows {
    fn read(path: &Path, table: &'static Table) -> Result<Rows, PopulationError> {
        let csv_error = |cause| PopulationError::Csv {
            path: path.to_path_buf(),
            cause,
        };
        let mut reader = csv::ReaderBuilder::new()
            .from_path(path)
            .map_err(csv_error)?;
        let header: Vec<String> = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(str::to_string)
            .collect();
        for column in table.identity.iter().chain([&table.value, &"source"]) {
            if !header.iter().any(|h| h == column) {
                return Err(PopulationError::NoColumn {
                    path: path.to_path_buf(),
                    column,
                });
            }
        }
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(csv_error)?;
        let mut rows = Rows {
            path: path.to_path_buf(),
            table,
            header,
            records,
            by_identity: HashMap::new(),
        };
        for index in 0..rows.records.len() {
            let key = rows.identity(index, table);
            rows.by_identity.entry(key).or_default().push(index);
        }
        Ok(rows)
    }

    /// A row's cell in a column `reconcile` writes; empty when the file lacks the column.
    fn get(&self, index: usize, column: &str) -> &str {
        debug_assert!(
            self.table.columns.contains(&column),
            "{column} is no column of {}",
            self.table.file
        );
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.records[index].get(i))
            .unwrap_or("")
    }

    fn identity(&self, index: usize, table: &Table) -> String {
        identity_key(table.identity.iter().map(|c| self.get(index, c)))
    }

    fn find(&self, identity: &[&str]) -> &[usize] {
        self.by_identity
            .get(&identity_key(identity.iter().copied()))
            .map_or(&[], Vec::as_slice)
    }

    fn linked(&self, document: Document, index: usize) -> Linked {
        let table = document.table();
        Linked {
            document,
            source: self.get(index, "source").to_string(),
            fields: table
                .key_fields
                .iter()
                .filter(|f| self.header.iter().any(|h| h == *f))
                .map(|f| (f.to_string(), self.get(index, f).to_string()))
                .collect(),
        }
    }
}

fn identity_key<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts.map(normalise_id).collect::<Vec<_>>().join("\u{1f}")
}

fn parse_value(
    raw: &str,
    path: &Path,
    row: usize,
    column: &'static str,
) -> Result<Decimal, PopulationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Decimal::ZERO);
    }
    Decimal::from_str_exact(raw).map_err(|_| PopulationError::NotANumber {
        path: path.to_path_buf(),
        row,
        column,
        raw: raw.to_string(),
    })
}

/// An exception as exceptions.json writes it.
#[derive(Deserialize)]
struct Exception {
    id: String,
    code: String,
    severity: String,
    document: Option<String>,
    trip_id: Option<String>,
    receipt_no: Option<String>,
    invoice_no: Option<String>,
    invoice_line: Option<serde_json::Value>,
    vehicle_id: Option<String>,
    driver: Option<String>,
    vendor: Option<String>,
    date: Option<String>,
    amount_at_risk: Option<String>,
    message: String,
    #[serde(default)]
    evidence: serde_json::Value,
    source: String,
}

fn severity_rank(text: &str) -> Option<Severity> {
    [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
    ]
    .into_iter()
    .find(|s| s.as_str() == text)
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

impl Report {
    /// Reads a report folder's manifest and whichever document lists it has.
    pub fn open(folder: &Path) -> Result<Report, PopulationError> {
        let manifest_path = folder.join("manifest.json");
        let manifest: Manifest =
            serde_json::from_str(&read_text(&manifest_path)?).map_err(|cause| {
                PopulationError::Json {
                    path: manifest_path.clone(),
                    cause,
                }
            })?;
        let mut tables = HashMap::new();
        for document in [Document::Trip, Document::Receipt, Document::InvoiceLine] {
            let path = folder.join(document.table().file);
            if path.exists() {
                tables.insert(document, Rows::read(&path, document.table())?);
            }
        }
        Ok(Report {
            folder: folder.to_path_buf(),
            lang: manifest.lang.unwrap_or_else(|| "en".into()),
            tables,
        })
    }

    /// The population's items in their canonical order.
    pub fn population(
        &self,
        kind: PopulationKind,
        filter: &Filter,
    ) -> Result<Vec<Item>, PopulationError> {
        if kind != PopulationKind::Exceptions && !filter.is_empty() {
            return Err(PopulationError::FilterOnOtherPopulation);
        }
        let mut items = match kind {
            PopulationKind::Exceptions => self.exceptions(filter)?,
            PopulationKind::Trips => self.documents(Document::Trip)?,
            PopulationKind::Receipts => self.documents(Document::Receipt)?,
            PopulationKind::InvoiceLines => self.documents(Document::InvoiceLine)?,
        };
        items.sort_by(|a, b| a.order.cmp(&b.order));
        Ok(items)
    }

    fn exceptions(&self, filter: &Filter) -> Result<Vec<Item>, PopulationError> {
        let path = self.folder.join("exceptions.json");
        let exceptions: Vec<Exception> =
            serde_json::from_str(&read_text(&path)?).map_err(|cause| PopulationError::Json {
                path: path.clone(),
                cause,
            })?;
        let codes: Vec<String> = filter.codes.iter().map(|c| c.to_uppercase()).collect();
        let min_severity = filter.min_severity.as_deref().and_then(severity_rank);
        let mut items = Vec::new();
        for (index, exception) in exceptions.into_iter().enumerate() {
            if !codes.is_empty() && !codes.contains(&exception.code.to_uppercase()) {
                continue;
            }
            if let Some(min) = min_severity
                && severity_rank(&exception.severity).is_none_or(|s| s < min)
            {
                continue;
            }
            // Element n of the array sits near line n; the id names it exactly.
            let row = index + 1;
            let raw_value = exception.amount_at_risk.clone().unwrap_or_default();
            let value = parse_value(&raw_value, &path, row, "amount_at_risk")?;
            let invoice_line = match &exception.invoice_line {
                Some(serde_json::Value::Null) | None => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            let linked = self.linked_to_exception(&exception, &invoice_line);
            let fields = vec![
                ("id".to_string(), exception.id.clone()),
                ("code".into(), exception.code),
                ("severity".into(), exception.severity),
                ("document".into(), text(&exception.document)),
                ("trip_id".into(), text(&exception.trip_id)),
                ("receipt_no".into(), text(&exception.receipt_no)),
                ("invoice_no".into(), text(&exception.invoice_no)),
                ("invoice_line".into(), invoice_line),
                ("vehicle_id".into(), text(&exception.vehicle_id)),
                ("driver".into(), text(&exception.driver)),
                ("vendor".into(), text(&exception.vendor)),
                ("date".into(), text(&exception.date)),
                ("amount_at_risk".into(), raw_value),
                ("message".into(), exception.message),
                ("evidence".into(), compact_evidence(&exception.evidence)),
                ("source".into(), exception.source.clone()),
            ];
            items.push(Item {
                fields,
                source: exception.source.clone(),
                value,
                linked,
                order: (exception.id, 0, exception.source),
            });
        }
        Ok(items)
    }

    /// The documents an exception concerns, as the report's lists show them: its invoice line,
    /// its receipt (or the line's linked one) and its trip (or the receipt's).
    fn linked_to_exception(&self, exception: &Exception, invoice_line: &str) -> Vec<Linked> {
        let mut linked = Vec::new();
        let vendor = exception.vendor.as_deref().unwrap_or("");
        let mut receipt_no = text(&exception.receipt_no);
        let mut trip_id = text(&exception.trip_id);
        if let (Some(rows), Some(invoice_no)) = (
            self.tables.get(&Document::InvoiceLine),
            &exception.invoice_no,
        ) && !invoice_line.is_empty()
        {
            for &index in rows.find(&[invoice_no, invoice_line]) {
                if same_vendor(rows.get(index, "vendor"), vendor) {
                    if receipt_no.is_empty() {
                        receipt_no = rows.get(index, "linked_receipt").to_string();
                    }
                    linked.push(rows.linked(Document::InvoiceLine, index));
                }
            }
        }
        if let Some(rows) = self.tables.get(&Document::Receipt)
            && !receipt_no.is_empty()
        {
            for &index in rows.find(&[&receipt_no]) {
                if same_vendor(rows.get(index, "vendor"), vendor) {
                    if trip_id.is_empty() {
                        trip_id = rows.get(index, "trip_id").to_string();
                    }
                    linked.push(rows.linked(Document::Receipt, index));
                }
            }
        }
        if let Some(rows) = self.tables.get(&Document::Trip)
            && !trip_id.is_empty()
        {
            for &index in rows.find(&[&trip_id]) {
                linked.push(rows.linked(Document::Trip, index));
            }
        }
        linked
    }

    fn documents(&self, document: Document) -> Result<Vec<Item>, PopulationError> {
        let table = document.table();
        let rows = self
            .tables
            .get(&document)
            .ok_or_else(|| PopulationError::NotListed {
                path: self.folder.join(table.file),
                what: table.file,
            })?;
        let mut items = Vec::with_capacity(rows.records.len());
        for index in 0..rows.records.len() {
            // Row 1 is the header.
            let row = index + 2;
            let value = parse_value(rows.get(index, table.value), &rows.path, row, table.value)?;
            let fields: Vec<(String, String)> = rows
                .header
                .iter()
                .zip(rows.records[index].iter())
                .map(|(h, v)| (h.clone(), v.to_string()))
                .collect();
            let source = rows.get(index, "source").to_string();
            let number = match document {
                Document::InvoiceLine => rows.get(index, "line_no").trim().parse().unwrap_or(0),
                _ => 0,
            };
            let order = (
                normalise_id(rows.get(index, table.identity[0])),
                number,
                source.clone(),
            );
            let linked = self.linked_to_document(document, rows, index);
            items.push(Item {
                fields,
                source,
                value,
                linked,
                order,
            });
        }
        Ok(items)
    }

    /// A line's receipt and that receipt's trip; a receipt's trip and the lines billing it; a
    /// trip's receipts.
    fn linked_to_document(&self, document: Document, rows: &Rows, index: usize) -> Vec<Linked> {
        let mut linked = Vec::new();
        let receipts = self.tables.get(&Document::Receipt);
        let trips = self.tables.get(&Document::Trip);
        let lines = self.tables.get(&Document::InvoiceLine);
        // A trip ticket names no vendor: its receipts may be any vendor's.
        let vendor = match document {
            Document::Trip => "",
            Document::Receipt | Document::InvoiceLine => rows.get(index, "vendor"),
        };
        let push_receipt = |linked: &mut Vec<Linked>, receipt_no: &str| {
            let Some(receipts) = receipts else { return };
            for &r in receipts.find(&[receipt_no]) {
                if same_vendor(receipts.get(r, "vendor"), vendor) {
                    linked.push(receipts.linked(Document::Receipt, r));
                    if document == Document::InvoiceLine {
                        push_trip(linked, trips, receipts.get(r, "trip_id"));
                    }
                }
            }
        };
        match document {
            Document::InvoiceLine => {
                let receipt_no = rows.get(index, "linked_receipt");
                if !receipt_no.is_empty() {
                    push_receipt(&mut linked, receipt_no);
                }
            }
            Document::Receipt => {
                push_trip(&mut linked, trips, rows.get(index, "trip_id"));
                for billed in rows.get(index, "billed_on").split(';').map(str::trim) {
                    if let (Some(lines), Some((invoice_no, line_no))) =
                        (lines, billed.rsplit_once(" line "))
                    {
                        for &l in lines.find(&[invoice_no, line_no]) {
                            if same_vendor(lines.get(l, "vendor"), vendor) {
                                linked.push(lines.linked(Document::InvoiceLine, l));
                            }
                        }
                    }
                }
            }
            Document::Trip => {
                for receipt_no in rows.get(index, "receipts").split(';').map(str::trim) {
                    if !receipt_no.is_empty() {
                        push_receipt(&mut linked, receipt_no);
                    }
                }
            }
        }
        linked
    }
}

fn push_trip(linked: &mut Vec<Linked>, trips: Option<&Rows>, trip_id: &str) {
    let Some(trips) = trips else { return };
    if trip_id.trim().is_empty() {
        return;
    }
    for &t in trips.find(&[trip_id]) {
        linked.push(trips.linked(Document::Trip, t));
    }
}

/// Vendors compare folded; an unknown vendor on either side does not rule a document out.
fn same_vendor(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || fold_name(a) == fold_name(b)
}

/// The evidence object on one line, keys sorted (serde_json's map is ordered).
fn compact_evidence(evidence: &serde_json::Value) -> String {
    match evidence {
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
