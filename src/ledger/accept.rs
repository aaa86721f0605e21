//! `fuelrecon accept`: reads a finished report folder (manifest.json and lines.csv, the
//! interface `reconcile --out` writes) and records the run in the ledger in one transaction.
//!
//! A run is identified by its inputs, not by its folder: the SHA-256 over the inputs'
//! SHA-256s from the manifest, sorted, so the same month reconciled twice (or copied
//! elsewhere) is one run, recorded once. Each invoice line is recorded as the report says;
//! the accepted part of a line marks its receipt paid, the withheld part opens a dispute.

use super::store::{Param, Store};
use super::{Ledger, LedgerError, stamp};
use crate::model::{fold_name, normalise_id};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A report folder read back, ready to record.
#[derive(Clone, Debug)]
pub struct AcceptedRun {
    pub run_id: String,
    pub report_dir: String,
    pub generated_at: String,
    /// The run's date: the day its report was generated. Disputes are "opened on" it.
    pub run_date: NaiveDate,
    pub tool_version: String,
    pub lang: String,
    pub inputs: Vec<RunInput>,
    pub lines: Vec<RunLine>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RunInput {
    pub path: String,
    pub kind: String,
    #[serde(default)]
    pub size: u64,
    pub sha256: String,
}

/// One row of lines.csv.
#[derive(Clone, Debug)]
pub struct RunLine {
    /// The row in lines.csv (header = row 1).
    pub row_no: i64,
    pub invoice_no: String,
    pub line_no: i64,
    pub vendor: String,
    pub invoice_date: String,
    pub receipt_no: String,
    pub linked_receipt: String,
    pub vehicle_id: String,
    pub fill_date: String,
    pub litres: String,
    pub billed: Decimal,
    pub accepted: Decimal,
    pub withheld: Decimal,
    pub unverified: Decimal,
    pub status: String,
    pub codes: String,
    pub reasons: String,
    pub exception_ids: String,
    pub source: String,
}

impl RunLine {
    /// The receipt a payment is recorded against: the one the line was linked to, else the
    /// number it billed (so a re-billing is caught even when no receipt was matched).
    pub fn paid_receipt_no(&self) -> &str {
        if self.linked_receipt.is_empty() {
            &self.receipt_no
        } else {
            &self.linked_receipt
        }
    }
}

/// What `accept` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcceptOutcome {
    Recorded {
        run_id: String,
        lines: usize,
        /// Lines whose receipt is now recorded as paid.
        paid: usize,
        accepted: Decimal,
        /// The disputes opened, by number.
        disputes: Vec<i64>,
        withheld: Decimal,
    },
    /// The same inputs were accepted before; nothing changed.
    AlreadyAccepted {
        run_id: String,
        accepted_by: String,
        accepted_at: String,
        report_dir: String,
    },
}

#[derive(Deserialize)]
struct Manifest {
    tool: String,
    #[serde(default)]
    version: String,
    generated_at: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    inputs: Vec<RunInput>,
}

/// lines.csv as `reconcile` writes it; other columns are ignored.
#[derive(Deserialize)]
struct LineRecord {
    invoice_no: String,
    line_no: String,
    vendor: String,
    #[serde(default)]
    invoice_date: String,
    #[serde(default)]
    receipt_no: String,
    #[serde(default)]
    linked_receipt: String,
    #[serde(default)]
    vehicle_id: String,
    #[serde(default)]
    fill_date: String,
    #[serde(default)]
    litres: String,
    billed: String,
    accepted: String,
    withheld: String,
    #[serde(default)]
    unverified: String,
    status: String,
    #[serde(default)]
    codes: String,
    #[serde(default)]
    reasons: String,
    #[serde(default)]
    exception_ids: String,
    #[serde(default)]
    source: String,
}

fn problem(path: &Path, problem: impl Into<String>) -> LedgerError {
    LedgerError::Report {
        path: path.display().to_string(),
        problem: problem.into(),
    }
}

/// Reads a report folder written by `fuelrecon reconcile --out DIR`.
pub fn read_report(dir: &Path) -> Result<AcceptedRun, LedgerError> {
    let manifest_path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
        problem(
            &manifest_path,
            format!("cannot read it ({e}): give the folder `fuelrecon reconcile --out` wrote"),
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| problem(&manifest_path, format!("not a fuelrecon manifest: {e}")))?;
    if manifest.tool != "fuelrecon" {
        return Err(problem(&manifest_path, "not written by fuelrecon"));
    }
    if manifest.inputs.is_empty() {
        return Err(problem(
            &manifest_path,
            "lists no inputs, so the run has no identity to record",
        ));
    }
    let run_date = manifest
        .generated_at
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .ok_or_else(|| {
            problem(
                &manifest_path,
                format!("generated_at {:?} is not a date", manifest.generated_at),
            )
        })?;
    let lines = read_lines(&dir.join("lines.csv"))?;
    Ok(AcceptedRun {
        run_id: run_identity(&manifest.inputs),
        report_dir: dir.display().to_string(),
        generated_at: manifest.generated_at,
        run_date,
        tool_version: manifest.version,
        lang: manifest.lang.unwrap_or_else(|| "en".into()),
        inputs: manifest.inputs,
        lines,
    })
}

/// The SHA-256 over the inputs' SHA-256s, sorted and one per line: the same inputs, in any
/// order and from any folder, are the same run.
pub fn run_identity(inputs: &[RunInput]) -> String {
    let mut hashes: Vec<String> = inputs.iter().map(|i| i.sha256.to_lowercase()).collect();
    hashes.sort();
    let mut hasher = Sha256::new();
    for hash in &hashes {
        hasher.update(hash.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read_lines(path: &Path) -> Result<Vec<RunLine>, LedgerError> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| {
        problem(
            path,
            format!("cannot read it ({e}); a report from an older fuelrecon has none: reconcile the month again"),
        )
    })?;
    let mut lines = Vec::new();
    for (index, record) in reader.deserialize::<LineRecord>().enumerate() {
        let row_no = index as i64 + 2;
        let at =
            |column: &str, what: String| problem(path, format!("row {row_no}, {column}: {what}"));
        let record = record.map_err(|e| at("", e.to_string()))?;
        let amount = |column: &str, text: &str| -> Result<Decimal, LedgerError> {
            let text = plain(text);
            if text.trim().is_empty() {
                return Ok(Decimal::ZERO);
            }
            Decimal::from_str_exact(text.trim())
                .map_err(|_| at(column, format!("{text:?} is not an amount")))
        };
        let line = RunLine {
            row_no,
            line_no: plain(&record.line_no).trim().parse().map_err(|_| {
                at(
                    "line_no",
                    format!("{:?} is not a line number", record.line_no),
                )
            })?,
            billed: amount("billed", &record.billed)?,
            accepted: amount("accepted", &record.accepted)?,
            withheld: amount("withheld", &record.withheld)?,
            unverified: amount("unverified", &record.unverified)?,
            invoice_no: plain(&record.invoice_no),
            vendor: plain(&record.vendor),
            invoice_date: plain(&record.invoice_date),
            receipt_no: plain(&record.receipt_no),
            linked_receipt: plain(&record.linked_receipt),
            vehicle_id: plain(&record.vehicle_id),
            fill_date: plain(&record.fill_date),
            litres: plain(&record.litres),
            status: plain(&record.status),
            codes: plain(&record.codes),
            reasons: plain(&record.reasons),
            exception_ids: plain(&record.exception_ids),
            source: plain(&record.source),
        };
        if line.accepted + line.withheld + line.unverified != line.billed {
            return Err(at(
                "billed",
                format!(
                    "{} is not accepted {} + withheld {} + unverified {}: the file was changed after the run; reconcile the month again",
                    line.billed, line.accepted, line.withheld, line.unverified
                ),
            ));
        }
        lines.push(line);
    }
    Ok(lines)
}

/// A cell as the input said it: the report prefixes `'` to cells a spreadsheet would read as
/// a formula (`-12.50`, `=A1`); that mark is not part of the value.
fn plain(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Rows per INSERT: few round trips to a PostgreSQL server, well under either engine's limit
/// of bound values per statement.
const ROWS_PER_INSERT: usize = 50;

const LINE_COLUMNS: [&str; 22] = [
    "run_id",
    "row_no",
    "invoice_no",
    "line_no",
    "vendor",
    "vendor_key",
    "invoice_date",
    "receipt_no",
    "linked_receipt",
    "receipt_key",
    "vehicle_id",
    "fill_date",
    "litres",
    "billed",
    "accepted",
    "withheld",
    "unverified",
    "status",
    "codes",
    "reasons",
    "exception_ids",
    "source",
];

/// `INSERT INTO table (columns) VALUES ($1, …), ($n, …)…` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let width = columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let marks: Vec<String> = (1..=width)
                .map(|c| format!("${}", row * width + c))
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        tuples.join(", ")
    )
}

/// The next free number in a table's id column; callers hold the write lock.
pub(super) fn next_id(store: &mut Store, table: &str, column: &str) -> Result<i64, LedgerError> {
    let rows = store.query(&format!("SELECT MAX({column}) FROM {table}"), &[])?;
    let max = rows.first().map(|r| r.opt_int(0)).transpose()?.flatten();
    Ok(max.unwrap_or(0) + 1)
}

/// Test hook, never set in use: with `FUELRECON_TEST_PAUSE_IN_ACCEPT=SECONDS`, accept says so
/// on stderr and sleeps inside its transaction, after every row is written and before the
/// commit, so the fault tests can kill it there or start a second accept against it.
fn pause_for_tests() {
    if let Some(seconds) = std::env::var("FUELRECON_TEST_PAUSE_IN_ACCEPT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        eprintln!("FUELRECON_TEST_PAUSE_IN_ACCEPT: inside the transaction");
        std::thread::sleep(std::time::Duration::from_secs(seconds));
    }
}

impl Ledger {
    /// Records an accepted run in one transaction: the run (who, when), its inputs, every
    /// invoice line, a payment for each line's accepted part, a dispute for each withheld
    /// part. The same run twice changes nothing and says who accepted it first.
    pub fn accept(
        &mut self,
        run: &AcceptedRun,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<AcceptOutcome, LedgerError> {
        let at = stamp(at);
        self.store.write(|store| {
            let earlier = store.query(
                "SELECT accepted_by, accepted_at, report_dir FROM runs WHERE run_id = $1",
                &[Param::Text(&run.run_id)],
            )?;
            if let Some(row) = earlier.first() {
                return Ok(AcceptOutcome::AlreadyAccepted {
                    run_id: run.run_id.clone(),
                    accepted_by: row.text(0)?,
                    accepted_at: row.text(1)?,
                    report_dir: row.text(2)?,
                });
            }
            let run_date = run.run_date.to_string();
            store.execute(
                "INSERT INTO runs (run_id, run_date, generated_at, report_dir, tool_version, \
                 lang, accepted_by, accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    Param::Text(&run.run_id),
                    Param::Text(&run_date),
                    Param::Text(&run.generated_at),
                    Param::Text(&run.report_dir),
                    Param::Text(&run.tool_version),
                    Param::Text(&run.lang),
                    Param::Text(by),
                    Param::Text(&at),
                ],
            )?;
            for (position, input) in run.inputs.iter().enumerate() {
                store.execute(
                    "INSERT INTO run_inputs (run_id, position, path, kind, size, sha256) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[
                        Param::Text(&run.run_id),
                        Param::Int(position as i64),
                        Param::Text(&input.path),
                        Param::Text(&input.kind),
                        Param::Int(i64::try_from(input.size).unwrap_or(i64::MAX)),
                        Param::Text(&input.sha256),
                    ],
                )?;
            }
            insert_lines(store, run)?;
            let outcome = record_payments_and_disputes(store, run, &at)?;
            pause_for_tests();
            Ok(outcome)
        })
    }
}

fn insert_lines(store: &mut Store, run: &AcceptedRun) -> Result<(), LedgerError> {
    for chunk in run.lines.chunks(ROWS_PER_INSERT) {
        // Owned texts first, borrowed by the parameters after.
        let owned: Vec<[String; 6]> = chunk
            .iter()
            .map(|line| {
                [
                    fold_name(&line.vendor),
                    normalise_id(line.paid_receipt_no()),
                    line.billed.to_string(),
                    line.accepted.to_string(),
                    line.withheld.to_string(),
                    line.unverified.to_string(),
                ]
            })
            .collect();
        let mut params = Vec::with_capacity(chunk.len() * LINE_COLUMNS.len());
        for (line, own) in chunk.iter().zip(&owned) {
            params.extend([
                Param::Text(&run.run_id),
                Param::Int(line.row_no),
                Param::Text(&line.invoice_no),
                Param::Int(line.line_no),
                Param::Text(&line.vendor),
                Param::Text(&own[0]),
                Param::Text(&line.invoice_date),
                Param::Text(&line.receipt_no),
                Param::Text(&line.linked_receipt),
                Param::Text(&own[1]),
                Param::Text(&line.vehicle_id),
                Param::Text(&line.fill_date),
                Param::Text(&line.litres),
                Param::Text(&own[2]),
                Param::Text(&own[3]),
                Param::Text(&own[4]),
                Param::Text(&own[5]),
                Param::Text(&line.status),
                Param::Text(&line.codes),
                Param::Text(&line.reasons),
                Param::Text(&line.exception_ids),
                Param::Text(&line.source),
            ]);
        }
        store.execute(
            &insert_sql("invoice_lines", &LINE_COLUMNS, chunk.len()),
            &params,
        )?;
    }
    Ok(())
}

fn record_payments_and_disputes(
    store: &mut Store,
    run: &AcceptedRun,
    at: &str,
) -> Result<AcceptOutcome, LedgerError> {
    let first_payment = next_id(store, "payments", "payment_id")?;
    let first_dispute = next_id(store, "disputes", "dispute_id")?;
    let paid: Vec<&RunLine> = run
        .lines
        .iter()
        .filter(|l| l.accepted > Decimal::ZERO && !normalise_id(l.paid_receipt_no()).is_empty())
        .collect();
    let disputed: Vec<&RunLine> = run
        .lines
        .iter()
        .filter(|l| l.withheld > Decimal::ZERO)
        .collect();
    let amounts: Vec<String> = paid.iter().map(|l| l.accepted.to_string()).collect();
    let columns = ["payment_id", "run_id", "row_no", "amount", "paid_at"];
    for (chunk_no, chunk) in paid.chunks(ROWS_PER_INSERT).enumerate() {
        let mut params = Vec::with_capacity(chunk.len() * columns.len());
        for (offset, line) in chunk.iter().enumerate() {
            let index = chunk_no * ROWS_PER_INSERT + offset;
            params.extend([
                Param::Int(first_payment + index as i64),
                Param::Text(&run.run_id),
                Param::Int(line.row_no),
                Param::Text(&amounts[index]),
                Param::Text(at),
            ]);
        }
        store.execute(&insert_sql("payments", &columns, chunk.len()), &params)?;
    }
    let columns = ["dispute_id", "run_id", "row_no"];
    for (chunk_no, chunk) in disputed.chunks(ROWS_PER_INSERT).enumerate() {
        let mut params = Vec::with_capacity(chunk.len() * columns.len());
        for (offset, line) in chunk.iter().enumerate() {
            let index = chunk_no * ROWS_PER_INSERT + offset;
            params.extend([
                Param::Int(first_dispute + index as i64),
                Param::Text(&run.run_id),
                Param::Int(line.row_no),
            ]);
        }
        store.execute(&insert_sql("disputes", &columns, chunk.len()), &params)?;
    }
    Ok(AcceptOutcome::Recorded {
        run_id: run.run_id.clone(),
        lines: run.lines.len(),
        paid: paid.len(),
        accepted: run.lines.iter().map(|l| l.accepted).sum(),
        disputes: (first_dispute..first_dispute + disputed.len() as i64).collect(),
        withheld: disputed.iter().map(|l| l.withheld).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the ledger reads from lines.csv is a column `reconcile` writes there: a
    /// row whose cells are their columns' names is read back name for name.
    #[test]
    fn every_field_read_from_lines_csv_is_a_column_reconcile_writes() {
        let columns = crate::report::LINES_COLUMNS;
        let text = format!("{}\n{}\n", columns.join(","), columns.join(","));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let record: LineRecord = reader.deserialize().next().unwrap().unwrap();
        let read = [
            ("invoice_no", &record.invoice_no),
            ("line_no", &record.line_no),
            ("vendor", &record.vendor),
            ("invoice_date", &record.invoice_date),
            ("receipt_no", &record.receipt_no),
            ("linked_receipt", &record.linked_receipt),
            ("vehicle_id", &record.vehicle_id),
            ("fill_date", &record.fill_date),
            ("litres", &record.litres),
            ("billed", &record.billed),
            ("accepted", &record.accepted),
            ("withheld", &record.withheld),
            ("unverified", &record.unverified),
            ("status", &record.status),
            ("codes", &record.codes),
            ("reasons", &record.reasons),
            ("exception_ids", &record.exception_ids),
            ("source", &record.source),
        ];
        for (field, value) in read {
            assert_eq!(value, field, "lines.csv has no column {field}");
        }
    }

    fn input(sha: &str) -> RunInput {
        RunInput {
            path: format!("{sha}.csv"),
            kind: "receipts".into(),
            size: 1,
            sha256: sha.into(),
        }
    }

    #[test]
    fn a_run_is_its_inputs_in_any_order() {
        let one = run_identity(&[input("aa"), input("bb")]);
        assert_eq!(one, run_identity(&[input("bb"), input("aa")]));
        assert_ne!(one, run_identity(&[input("aa"), input("cc")]));
    }

    #[test]
    fn the_formula_guard_is_not_part_of_a_value() {
        assert_eq!(plain("'-12.50"), "-12.50");
        assert_eq!(plain("'=HYPERLINK()"), "=HYPERLINK()");
        assert_eq!(plain("'t Hooft"), "'t Hooft");
    }

    #[test]
    fn inserts_number_their_placeholders_row_after_row() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
