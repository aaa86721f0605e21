//! Stage 1, load: files in, typed records out, every row accounted for.
//!
//! A file is read twice, streaming: the first pass settles each column's locale questions from
//! all its values (see `profile`: which mark is the decimal one, day or month first), the
//! second turns each row into a typed record. Memory follows the records kept, never the file.

mod cell;
mod csv;
mod headers;
mod limits;
mod profile;
#[cfg(test)]
mod properties;
mod record;
pub mod schema;
mod spreadsheet;
pub mod values;

pub use headers::ExtraAliases;
pub use limits::Limits;
pub use values::{DateOrder, DecimalMark};

use crate::error::LoadError;
use crate::model::{Dataset, DocKind, Provenance, SourceId};
use cell::{Cell, RawRow};
use profile::{Defaults, Profile};
use record::{FieldReader, Record};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One input file as the user named it, with the sheet picked by `FILE#Sheet`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub kind: DocKind,
    pub path: String,
    pub sheet: Option<String>,
}

impl Input {
    /// Splits `FILE#Sheet`, unless a file of that whole name exists.
    pub fn parse(kind: DocKind, arg: &str) -> Input {
        let whole = || Input {
            kind,
            path: arg.to_string(),
            sheet: None,
        };
        if Path::new(arg).exists() {
            return whole();
        }
        match arg.rsplit_once('#') {
            Some((path, sheet)) if !sheet.is_empty() => Input {
                kind,
                path: path.to_string(),
                sheet: Some(sheet.to_string()),
            },
            _ => whole(),
        }
    }
}

/// What the config says about reading files.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub aliases: HashMap<DocKind, ExtraAliases>,
    pub decimal_mark: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
    pub limits: Limits,
    /// Folded vendor names to the folded name they stand for (the config's `names`).
    pub vendor_names: HashMap<String, String>,
}

/// The row accounting of one file: `rows_read = rows_loaded + rows_blank`.
#[derive(Clone, Debug)]
pub struct FileStats {
    pub source: SourceId,
    pub path: String,
    pub kind: DocKind,
    pub header_row: u64,
    pub rows_read: u64,
    pub rows_loaded: u64,
    pub rows_blank: u64,
}

/// Everything one run loaded.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub files: Vec<FileStats>,
}

/// Loads every input, stopping at the first file that cannot be read.
pub fn load_all(inputs: &[Input], options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    for input in inputs {
        if !loaded.dataset.given.contains(&input.kind) {
            loaded.dataset.given.push(input.kind);
        }
        let stats = load_file(input, options, &mut loaded.dataset)?;
        loaded.files.push(stats);
    }
    loaded.dataset.canonicalise();
    Ok(loaded)
}

/// Rows of either kind of file.
enum Rows {
    Text(csv::CsvRows),
    Sheet(spreadsheet::SheetRows),
}

impl Rows {
    /// Back to the first row, for the second pass.
    fn rewind(self, input: &Input, limits: Limits) -> Result<Rows, LoadError> {
        match self {
            Rows::Text(_) => Ok(Rows::Text(csv::CsvRows::open(&input.path, limits)?)),
            Rows::Sheet(mut rows) => {
                rows.rewind();
                Ok(Rows::Sheet(rows))
            }
        }
    }

    /// The next row and the count of empty lines skipped before it.
    fn next(&mut self) -> Result<Option<(RawRow, u64)>, LoadError> {
        match self {
            Rows::Text(rows) => rows.next_row(),
            Rows::Sheet(rows) => Ok(rows.next_row()),
        }
    }
}

const TEXT_EXTENSIONS: [&str; 6] = ["csv", "tsv", "txt", "tab", "dat", ""];

fn open_rows(input: &Input, limits: Limits) -> Result<(Rows, SourceId), LoadError> {
    let path = input.path.as_str();
    let metadata = std::fs::metadata(path).map_err(|cause| match cause.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_string(),
        },
        _ => LoadError::Io {
            path: path.to_string(),
            cause,
        },
    })?;
    if metadata.is_dir() {
        return Err(LoadError::Io {
            path: path.to_string(),
            cause: std::io::Error::other("it is a folder, not a file"),
        });
    }
    let extension = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if spreadsheet::WORKBOOK_EXTENSIONS.contains(&extension.as_str()) {
        let rows = spreadsheet::SheetRows::open(path, &extension, input.sheet.as_deref(), limits)?;
        let source: SourceId = Arc::from(format!("{path}#{}", rows.sheet));
        Ok((Rows::Sheet(rows), source))
    } else if TEXT_EXTENSIONS.contains(&extension.as_str()) {
        Ok((
            Rows::Text(csv::CsvRows::open(path, limits)?),
            Arc::from(path),
        ))
    } else {
        Err(LoadError::Unsupported {
            path: path.to_string(),
            extension: format!(".{extension}"),
        })
    }
}

fn load_file(
    input: &Input,
    options: &LoadOptions,
    dataset: &mut Dataset,
) -> Result<FileStats, LoadError> {
    let (mut rows, source) = open_rows(input, options.limits)?;
    let fields = schema::fields(input.kind);
    let no_aliases = ExtraAliases::new();
    let aliases = options.aliases.get(&input.kind).unwrap_or(&no_aliases);

    // The first non-blank rows, to find the header among.
    let mut candidates: Vec<RawRow> = Vec::new();
    while candidates.len() < headers::MAX_HEADER_SEARCH {
        match rows.next()? {
            Some((row, _)) if row.is_blank() => {}
            Some((row, _)) => candidates.push(row),
            None => break,
        }
    }
    let candidate_refs: Vec<&RawRow> = candidates.iter().collect();
    let map = headers::find_header(
        &source,
        input.kind.as_str(),
        &candidate_refs,
        fields,
        aliases,
    )
    .map_err(|e| match &rows {
        Rows::Sheet(sheet) if input.sheet.is_none() && !sheet.other_sheets.is_empty() => {
            LoadError::OtherSheets {
                inner: Box::new(e),
                others: sheet.other_sheets.join(", "),
            }
        }
        _ => e,
    })?;
    let header_row = map.header_row;
    let present: Vec<bool> = map.columns.iter().map(Option::is_some).collect();
    let mapped = |row: &mut RawRow, field: usize| -> Cell {
        map.columns[field]
            .and_then(|c| row.cells.get_mut(c))
            .map(std::mem::take)
            .unwrap_or_default()
    };

    // First pass: every value of every column, to settle the locale questions per column.
    let mut profile = Profile::new(fields.len());
    let mut observe = |mut row: RawRow| {
        for (index, spec) in fields.iter().enumerate() {
            profile.observe(index, spec, &mapped(&mut row, index));
        }
    };
    candidates
        .into_iter()
        .filter(|row| row.row > header_row)
        .for_each(&mut observe);
    while let Some((row, _)) = rows.next()? {
        observe(row);
    }
    let semicolon_file = matches!(&rows, Rows::Text(text) if text.dialect_delimiter == b';');
    let readings = profile.decide(Defaults {
        decimal_mark: options.decimal_mark,
        date_order: options.date_order,
        semicolon_file,
    });

    // Second pass: every row becomes a record or is counted blank. An invoice line without a
    // line number is numbered by its position within its invoice in this file, so an invoice
    // sent twice, in two files, repeats its line numbers and shows as a duplicate.
    let mut line_positions: HashMap<(String, String), u32> = HashMap::new();
    let mut rows = rows.rewind(input, options.limits)?;
    let mut stats = FileStats {
        source: source.clone(),
        path: input.path.clone(),
        kind: input.kind,
        header_row,
        rows_read: 0,
        rows_loaded: 0,
        rows_blank: 0,
    };
    while let Some((mut row, empty_lines)) = rows.next()? {
        if row.row <= header_row {
            continue;
        }
        stats.rows_read += empty_lines + 1;
        stats.rows_blank += empty_lines;
        if row.is_blank() {
            stats.rows_blank += 1;
            continue;
        }
        stats.rows_loaded += 1;
        let cells: Vec<Cell> = (0..fields.len())
            .map(|field| mapped(&mut row, field))
            .collect();
        let prov = Provenance {
            source: source.clone(),
            row: row.row,
        };
        let reader = FieldReader::new(fields, &present, &readings, &options.vendor_names, cells);
        match record::build(input.kind, prov, reader) {
            Record::Trip(trip) => dataset.trips.push(trip),
            Record::Receipt(receipt) => dataset.receipts.push(receipt),
            Record::InvoiceLine(mut line, given_line_no) => {
                let invoice = (
                    line.vendor
                        .as_ref()
                        .map(|v| v.key().to_string())
                        .unwrap_or_default(),
                    line.invoice_no
                        .as_ref()
                        .map(|i| i.key().to_string())
                        .unwrap_or_default(),
                );
                let position = line_positions.entry(invoice).or_insert(0);
                *position += 1;
                line.line_no = given_line_no.unwrap_or(*position);
                dataset.invoice_lines.push(line);
            }
            Record::Vehicle(vehicle) => dataset.vehicles.push(vehicle),
            Record::Price(price) => dataset.prices.push(price),
        }
    }
    Ok(stats)
}
