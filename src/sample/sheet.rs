//! sample.csv, the sheet the auditor fills in, and sample.json, the plan beside it.
//!
//! Why a sidecar: the plan (method, confidence, tolerable, population value, interval, seed)
//! is the same for every row, and a spreadsheet keeps a CSV cleanest when every line is a row
//! of one table, without comment lines. So sample.json holds the plan and sample.csv the rows;
//! each row's `item_hash` is SHA-256 over the plan's digest and every column of the drawn
//! item (all but `result`, `audited_amount` and `note`). Editing a drawn item breaks its row's
//! hash; editing the plan breaks every row's; deleting or repeating a row leaves a row number
//! missing or twice. Amounts are hashed as numbers (`70.00` and `70` alike), since a
//! spreadsheet saving the file back may drop trailing zeros.

use super::{Plan, Sample, Selected, Selection, hex};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The columns the auditor fills in, and the hash; every column before them is the item.
pub const RESULT: &str = "result";
pub const AUDITED: &str = "audited_amount";
pub const NOTE: &str = "note";
pub const HASH: &str = "item_hash";
const BOOK_VALUE: &str = "book_value";

/// sample.json: the plan, and the files written with it.
#[derive(Debug, Serialize, Deserialize)]
pub struct PlanFile {
    pub tool: String,
    pub kind: String,
    pub version: String,
    pub plan: Plan,
    pub selected: usize,
    /// The plan's digest, as mixed into every row's hash: a plan edited since is named as such.
    pub plan_sha256: String,
    /// SHA-256 of sample.csv as drawn: a later `sample` into the same folder replaces it only
    /// while it is unchanged (no results recorded).
    pub sample_csv_sha256: String,
}

pub const PLAN_FILE: &str = "sample.json";
pub const SHEET_FILE: &str = "sample.csv";

impl PlanFile {
    pub fn new(plan: &Plan, selected: usize, sheet: &[u8]) -> PlanFile {
        PlanFile {
            tool: "fuelrecon".into(),
            kind: "sample".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            plan: plan.clone(),
            selected,
            plan_sha256: plan.digest(),
            sample_csv_sha256: hex(&Sha256::digest(sheet)),
        }
    }
}

/// The hash of one drawn item: the plan's digest, then each column's name and value.
fn item_hash(plan_digest: &str, columns: &[(&str, &str)]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"fuelrecon sample row v1\n");
    hasher.update(plan_digest.as_bytes());
    for (name, value) in columns {
        let normalised;
        let value = if *name == BOOK_VALUE {
            normalised = Decimal::from_str_exact(value.trim())
                .map_or_else(|_| value.to_string(), |d| d.normalize().to_string());
            normalised.as_str()
        } else {
            value
        };
        hasher.update(b"\x1e");
        hasher.update(name.as_bytes());
        hasher.update(b"\x1f");
        hasher.update(value.as_bytes());
    }
    hex(&hasher.finalize())
}

/// The item's columns: position, how it was selected, its value, its fields and its links.
fn item_columns(selected: &Selected) -> Vec<(String, String)> {
    let mut columns = vec![
        ("row".to_string(), selected.row.to_string()),
        (
            "selection".to_string(),
            selected.selection.as_str().to_string(),
        ),
        ("points".to_string(), selected.points.to_string()),
        (BOOK_VALUE.to_string(), selected.item.value.to_string()),
    ];
    columns.extend(selected.item.fields.iter().cloned());
    let linked: Vec<String> = selected.item.linked.iter().map(|l| l.one_line()).collect();
    columns.push(("linked".to_string(), linked.join(" | ")));
    columns
}

/// sample.csv's bytes: one row per selected item, the result columns blank.
pub fn write(sample: &Sample) -> Result<Vec<u8>, csv::Error> {
    let digest = sample.plan.digest();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header_written = false;
    for selected in &sample.selected {
        let columns = item_columns(selected);
        if !header_written {
            let mut header: Vec<&str> = columns.iter().map(|(k, _)| k.as_str()).collect();
            header.extend([RESULT, AUDITED, NOTE, HASH]);
            writer.write_record(&header)?;
            header_written = true;
        }
        let pairs: Vec<(&str, &str)> = columns
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let hash = item_hash(&digest, &pairs);
        let mut record: Vec<&str> = columns.iter().map(|(_, v)| v.as_str()).collect();
        record.extend(["", "", "", &hash]);
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{}: cannot read: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: not found; evaluate reads the plan fuelrecon sample wrote beside sample.csv", path.display())]
    NoPlan { path: PathBuf },
    #[error("{}: not a fuelrecon sample plan: {cause}", path.display())]
    Plan {
        path: PathBuf,
        cause: serde_json::Error,
    },
    #[error("{}: {cause}", path.display())]
    Csv { path: PathBuf, cause: csv::Error },
    #[error("{}: no column {column}; give the sample.csv fuelrecon sample wrote", path.display())]
    NoColumn { path: PathBuf, column: &'static str },
    #[error(
        "{}:{line}: row {row} was changed since it was drawn (only result, audited_amount and note may be filled in); restore it from sample.html",
        path.display()
    )]
    Edited {
        path: PathBuf,
        line: u64,
        row: String,
    },
    #[error(
        "{}: the plan was changed since the sample was drawn (its digest differs); restore it",
        path.display()
    )]
    PlanEdited { path: PathBuf },
    #[error("{}: row {row} of the sample is missing; every drawn item must be tested", path.display())]
    MissingRow { path: PathBuf, row: usize },
    #[error("{}:{line}: row {row}: result {raw:?} must be ok or deviation", path.display())]
    BadResult {
        path: PathBuf,
        line: u64,
        row: String,
        raw: String,
    },
    #[error(
        "{}:{line}: row {row}: result ok, but audited_amount {audited} is not the book value {book}; write deviation, or clear audited_amount",
        path.display()
    )]
    OkButDifferent {
        path: PathBuf,
        line: u64,
        row: String,
        audited: Decimal,
        book: Decimal,
    },
    #[error(
        "{}:{line}: row {row}: audited_amount {raw:?} must be a number (the amount the auditor found)",
        path.display()
    )]
    BadAudited {
        path: PathBuf,
        line: u64,
        row: String,
        raw: String,
    },
}

/// A row as the auditor filled it in.
#[derive(Clone, Debug, PartialEq)]
pub struct Tested {
    pub row: usize,
    pub selection: Selection,
    pub book_value: Decimal,
    pub deviation: bool,
    /// The amount the auditor found; the book value for an item found ok.
    pub audited: Decimal,
    pub note: String,
    /// The item's columns as drawn (for the evaluation page).
    pub columns: Vec<(String, String)>,
}

/// A filled-in sample: its plan and its rows, every row checked against its hash.
#[derive(Debug)]
pub struct Filled {
    pub plan: Plan,
    pub rows: Vec<Tested>,
}

/// Reads sample.csv and the sample.json beside it, refusing an edited item, a missing row, a
/// result other than ok or deviation, or a monetary deviation without an audited amount.
pub fn read(sheet_path: &Path) -> Result<Filled, SheetError> {
    let plan_path = sheet_path.with_file_name(PLAN_FILE);
    let plan_text = std::fs::read_to_string(&plan_path).map_err(|cause| match cause.kind() {
        std::io::ErrorKind::NotFound => SheetError::NoPlan {
            path: plan_path.clone(),
        },
        _ => SheetError::Io {
            path: plan_path.clone(),
            cause,
        },
    })?;
    let plan_file: PlanFile =
        serde_json::from_str(&plan_text).map_err(|cause| SheetError::Plan {
            path: plan_path.clone(),
            cause,
        })?;
    let plan = plan_file.plan;
    let digest = plan.digest();
    if digest != plan_file.plan_sha256 {
        return Err(SheetError::PlanEdited { path: plan_path });
    }
    let csv_error = |cause| SheetError::Csv {
        path: sheet_path.to_path_buf(),
        cause,
    };
    let mut reader = csv::ReaderBuilder::new()
        .from_path(sheet_path)
        .map_err(csv_error)?;
    let header: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let column = |name: &'static str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| SheetError::NoColumn {
                path: sheet_path.to_path_buf(),
                column: name,
            })
    };
    let (result_at, audited_at, note_at, hash_at) = (
        column(RESULT)?,
        column(AUDITED)?,
        column(NOTE)?,
        column(HASH)?,
    );
    let (row_at, selection_at, book_at) =
        (column("row")?, column("selection")?, column(BOOK_VALUE)?);
    let filled_in = [result_at, audited_at, note_at, hash_at];
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or("");
        let row_text = get(row_at).to_string();
        let columns: Vec<(String, String)> = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !filled_in.contains(i))
            .map(|(i, h)| (h.clone(), get(i).to_string()))
            .collect();
        let pairs: Vec<(&str, &str)> = columns
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let edited = || SheetError::Edited {
            path: sheet_path.to_path_buf(),
            line,
            row: row_text.clone(),
        };
        if item_hash(&digest, &pairs) != get(hash_at).trim() {
            return Err(edited());
        }
        // The hash holds: these were written by `sample` and parse.
        let row = row_text.parse::<usize>().map_err(|_| edited())?;
        let selection = Selection::parse(get(selection_at)).ok_or_else(edited)?;
        let book_value = Decimal::from_str_exact(get(book_at).trim()).map_err(|_| edited())?;
        if rows.iter().any(|r: &Tested| r.row == row) {
            return Err(edited());
        }
        let raw_result = get(result_at).trim();
        let deviation = match raw_result.to_lowercase().as_str() {
            "ok" => false,
            "deviation" => true,
            _ => {
                return Err(SheetError::BadResult {
                    path: sheet_path.to_path_buf(),
                    line,
                    row: row_text,
                    raw: raw_result.to_string(),
                });
            }
        };
        let raw_audited = get(audited_at).trim();
        let bad_audited = || SheetError::BadAudited {
            path: sheet_path.to_path_buf(),
            line,
            row: row_text.clone(),
            raw: raw_audited.to_string(),
        };
        let audited = match (raw_audited.is_empty(), deviation, plan.method) {
            (true, false, _) | (true, true, super::Method::Random) => book_value,
            (true, true, super::Method::Mus) => return Err(bad_audited()),
            (false, _, _) => Decimal::from_str_exact(raw_audited).map_err(|_| bad_audited())?,
        };
        if !deviation && audited != book_value {
            return Err(SheetError::OkButDifferent {
                path: sheet_path.to_path_buf(),
                line,
                row: row_text,
                audited,
                book: book_value,
            });
        }
        rows.push(Tested {
            row,
            selection,
            book_value,
            deviation,
            audited,
            note: get(note_at).to_string(),
            columns,
        });
    }
    for row in 1..=plan_file.selected {
        if !rows.iter().any(|r| r.row == row) {
            return Err(SheetError::MissingRow {
                path: sheet_path.to_path_buf(),
                row,
            });
        }
    }
    rows.sort_by_key(|r| r.row);
    Ok(Filled { plan, rows })
}
