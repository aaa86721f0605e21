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
pub mod vocabulary;

pub use headers::{ExtraAliases, MappedColumn, PinnedColumns, UnusedColumn};
pub use limits::Limits;
pub use profile::DecidedBy;
pub use values::{DateOrder, DecimalMark};

use crate::error::LoadError;
use crate::model::{
    Dataset, DocKind, FieldProblem, FieldType, FuelType, InvoiceLine, Price, Provenance, Receipt,
    SourceId, Trip, Vehicle,
};
use cell::{Cell, RawRow};
use headers::{ColumnMap, HeaderOptions};
use profile::{ColumnReading, Defaults, Profile};
use record::{Document, FileReader};
use schema::{FieldId, FieldSpec};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

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
    /// `[columns.KIND]`: fields pinned to one header each.
    pub pinned: HashMap<DocKind, PinnedColumns>,
    pub decimal_mark: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
    pub limits: Limits,
    /// Folded vendor names to the folded name they stand for (the config's `names`).
    pub vendor_names: HashMap<String, String>,
    /// Folded fuel words the config's `[fuel_types]` adds, and what they mean.
    pub fuel_words: HashMap<String, crate::model::FuelType>,
}

/// The row accounting of one file (`rows_read = rows_loaded + rows_blank`), and every guess
/// made reading it, so that none is silent: which column fed which field, the columns left
/// unused, and the conventions decided (by the file's evidence, the config or a default).
#[derive(Clone, Debug)]
pub struct FileStats {
    pub source: SourceId,
    pub path: String,
    pub kind: DocKind,
    pub header_row: u64,
    pub rows_read: u64,
    pub rows_loaded: u64,
    pub rows_blank: u64,
    pub mapping: Vec<MappedColumn>,
    pub unused_columns: Vec<UnusedColumn>,
    pub conventions: Conventions,
    pub ambiguous_dates: Vec<AmbiguousDates>,
}

/// A convention and what decided it.
#[derive(Clone, Debug, Serialize)]
pub struct Decided<T> {
    pub value: T,
    pub by: DecidedBy,
}

/// How one file was read.
#[derive(Clone, Debug, Serialize)]
pub struct Conventions {
    /// `,` `;` TAB or `|` for text files; none for workbooks.
    pub delimiter: Option<String>,
    /// The text encoding, or `workbook`.
    pub encoding: String,
    /// The decimal mark of the file's number columns (the first one's, when they differ).
    pub decimal_mark: Option<Decided<DecimalMark>>,
    /// The order of the file's date columns (the first one's, when they differ).
    pub date_order: Option<Decided<DateOrder>>,
}

/// A date column whose values fit both orders and whose order nothing fixed: read in the
/// order shown, said out loud (stderr, summary.json), never silently.
#[derive(Clone, Debug, Serialize)]
pub struct AmbiguousDates {
    pub field: &'static str,
    pub header: String,
    pub column: String,
    pub order_used: DateOrder,
    /// How many values would be another date read the other way round.
    pub values_read_differently: u64,
}

/// Everything one run loaded.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub files: Vec<FileStats>,
}

/// Where a long load is, for a progress display: the file, its pass and the rows seen so far.
#[derive(Clone, Copy, Debug)]
pub struct LoadProgress<'a> {
    pub source: &'a str,
    pub pass: LoadPass,
    pub rows: u64,
}

/// The two passes over a file (see the module's introduction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadPass {
    Profiling,
    Reading,
}

/// How often a pass reports its rows: rarely enough to cost nothing next to reading them.
const PROGRESS_EVERY: u64 = 1 << 16;

/// Loads every input, stopping at the first file that cannot be read. The same file given
/// twice for one kind is refused: its rows would all count twice.
pub fn load_all(inputs: &[Input], options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_all_watched(inputs, options, &|_| {})
}

/// `load_all`, telling `watch` every so many rows where it is, so a person watching a long
/// run sees it move. The records come out in canonical order ([`Dataset::canonicalise`]):
/// what matching needs, so that links and reports do not depend on the inputs' row order.
///
/// Files are loaded side by side, one per core: a month's three files take about as long as
/// the largest two. What comes out does not depend on it: records join their kind in the order
/// the files were given, and the error reported is the first given file's that failed.
pub fn load_all_watched(
    inputs: &[Input],
    options: &LoadOptions,
    watch: &(dyn Fn(LoadProgress<'_>) + Sync),
) -> Result<Loaded, LoadError> {
    refuse_repeats(inputs)?;
    let mut loaded = Loaded::default();
    let files = crate::parallel::in_order(inputs, |input| {
        let job = FileJob {
            input,
            options,
            watch,
        };
        for_kind(input.kind, LoadJob(job))
    });
    for (input, file) in inputs.iter().zip(files) {
        let (join, stats) = file?;
        let data = &mut loaded.dataset;
        if !data.given.contains(&input.kind) {
            data.given.push(input.kind);
        }
        join(data);
        loaded.files.push(stats);
    }
    loaded.dataset.canonicalise();
    Ok(loaded)
}

/// What checking one file found: its row accounting and conventions, every field problem in
/// row order, and the fuel words no family knows.
#[derive(Debug)]
pub struct Inspected {
    pub stats: FileStats,
    /// Each problem with the row it is on, in the order of the file.
    pub problems: Vec<(u64, FieldProblem)>,
    /// Each fuel word no family knows, with how often the file has it.
    pub unknown_fuel_words: HashMap<String, u64>,
}

/// Reads every input as `load_all_watched` does, but keeps only what `check` reports of each
/// file: every record is built, looked at and dropped. Checking a month takes the memory of
/// its problems, not of its rows, and skips the canonical sort that only matching needs.
pub fn inspect_all_watched(
    inputs: &[Input],
    options: &LoadOptions,
    watch: &(dyn Fn(LoadProgress<'_>) + Sync),
) -> Result<Vec<Inspected>, LoadError> {
    refuse_repeats(inputs)?;
    crate::parallel::in_order(inputs, |input| {
        let job = FileJob {
            input,
            options,
            watch,
        };
        for_kind(input.kind, InspectJob(job))
    })
    .into_iter()
    .collect()
}

/// Where the second pass puts each record it builds.
trait Sink<D> {
    /// The file has this many rows (the first pass counted them).
    fn expect(&mut self, rows: u64);
    fn keep(&mut self, record: D);
}

/// Loading keeps every record.
impl<D> Sink<D> for Vec<D> {
    /// The records are placed once, not moved as the collection grows.
    fn expect(&mut self, rows: u64) {
        self.reserve_exact(usize::try_from(rows).unwrap_or(0));
    }

    fn keep(&mut self, record: D) {
        self.push(record);
    }
}

/// Checking keeps a record's problems and its unknown fuel word, not the record.
#[derive(Default)]
struct Findings {
    problems: Vec<(u64, FieldProblem)>,
    unknown_fuel_words: HashMap<String, u64>,
}

impl<D: Document> Sink<D> for Findings {
    fn expect(&mut self, _rows: u64) {}

    fn keep(&mut self, record: D) {
        let row = record.prov().row;
        let problems = record.problems().iter().cloned();
        self.problems.extend(problems.map(|problem| (row, problem)));
        if let Some(FuelType::Unknown(word)) = record.fuel_type() {
            *self.unknown_fuel_words.entry(word.to_string()).or_default() += 1;
        }
    }
}

/// Adds a file's records to their kind's: the first file's are taken as they are, not copied,
/// so a kind given in one file is never held twice.
fn append<T>(kind: &mut Vec<T>, records: Vec<T>) {
    if kind.is_empty() {
        *kind = records;
    } else {
        kind.extend(records);
    }
}

/// Work on one input that needs its kind's record type; [`for_kind`] picks the type.
trait KindJob {
    type Output;
    fn run<D: Document>(self) -> Self::Output;
}

/// The one place that maps a kind to its record type.
fn for_kind<J: KindJob>(kind: DocKind, job: J) -> J::Output {
    match kind {
        DocKind::Trips => job.run::<Trip>(),
        DocKind::Receipts => job.run::<Receipt>(),
        DocKind::Invoices => job.run::<InvoiceLine>(),
        DocKind::Vehicles => job.run::<Vehicle>(),
        DocKind::Prices => job.run::<Price>(),
    }
}

/// One input to read, with what reading it needs.
#[derive(Clone, Copy)]
struct FileJob<'a> {
    input: &'a Input,
    options: &'a LoadOptions,
    watch: &'a dyn Fn(LoadProgress<'_>),
}

/// A loaded file's records, ready to join their kind's collection in the order files were
/// given (files load side by side and finish in any order).
type Records = Box<dyn FnOnce(&mut Dataset) + Send>;

/// Loading keeps the records.
struct LoadJob<'a>(FileJob<'a>);

impl KindJob for LoadJob<'_> {
    type Output = Result<(Records, FileStats), LoadError>;

    fn run<D: Document>(self) -> Self::Output {
        let FileJob {
            input,
            options,
            watch,
        } = self.0;
        let mut records = Vec::new();
        let stats = load_file::<D>(input, options, &mut records, watch)?;
        let join: Records = Box::new(move |data| append(D::collection(data), records));
        Ok((join, stats))
    }
}

/// Checking keeps what `check` reports of the records.
struct InspectJob<'a>(FileJob<'a>);

impl KindJob for InspectJob<'_> {
    type Output = Result<Inspected, LoadError>;

    fn run<D: Document>(self) -> Self::Output {
        let FileJob {
            input,
            options,
            watch,
        } = self.0;
        let mut findings = Findings::default();
        let stats = load_file::<D>(input, options, &mut findings, watch)?;
        Ok(Inspected {
            stats,
            problems: findings.problems,
            unknown_fuel_words: findings.unknown_fuel_words,
        })
    }
}

fn refuse_repeats(inputs: &[Input]) -> Result<(), LoadError> {
    let mut seen: HashMap<(DocKind, std::path::PathBuf, Option<&str>), &str> = HashMap::new();
    for input in inputs {
        let path = std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone().into());
        if let Some(first) = seen.insert((input.kind, path, input.sheet.as_deref()), &input.path) {
            return Err(LoadError::GivenTwice {
                path: input.path.clone(),
                first: first.to_string(),
                kind: input.kind.as_str(),
            });
        }
    }
    Ok(())
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
    fn next(&mut self) -> Result<Option<(RawRow<'_>, u64)>, LoadError> {
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
        let source = SourceId::from(format!("{path}#{}", rows.sheet));
        Ok((Rows::Sheet(rows), source))
    } else if TEXT_EXTENSIONS.contains(&extension.as_str()) {
        if let Some(sheet) = &input.sheet {
            return Err(LoadError::SheetOfText {
                path: path.to_string(),
                sheet: sheet.clone(),
            });
        }
        Ok((
            Rows::Text(csv::CsvRows::open(path, limits)?),
            SourceId::from(path),
        ))
    } else {
        Err(LoadError::Unsupported {
            path: path.to_string(),
            extension: format!(".{extension}"),
        })
    }
}

/// Loads one file into its kind's records, in four steps: find the header, profile every
/// column (first pass), decide the conventions, build the records (second pass).
fn load_file<D: Document>(
    input: &Input,
    options: &LoadOptions,
    records: &mut impl Sink<D>,
    watch: &dyn Fn(LoadProgress<'_>),
) -> Result<FileStats, LoadError> {
    let (mut rows, source) = open_rows(input, options.limits)?;
    let fields = <D::Field as FieldId>::SPECS;
    let (map, candidates) = find_columns(input, options, &source, fields, &mut rows)?;
    let tell = |pass, rows| {
        watch(LoadProgress {
            source: &source,
            pass,
            rows,
        })
    };
    let (profile, rows_seen) = profile_columns(&map, fields, candidates, &mut rows, &tell)?;
    let (delimiter, encoding) = match &rows {
        Rows::Text(text) => (Some(text.dialect_delimiter), text.encoding_name()),
        Rows::Sheet(_) => (None, "workbook"),
    };
    let readings = profile.decide(Defaults {
        decimal_mark: options.decimal_mark,
        date_order: options.date_order,
        semicolon_file: delimiter == Some(b';'),
    });
    let mut stats = FileStats {
        source: source.clone(),
        path: input.path.clone(),
        kind: input.kind,
        header_row: map.header_row,
        rows_read: 0,
        rows_loaded: 0,
        rows_blank: 0,
        mapping: map.mapping(fields),
        unused_columns: map.unused(),
        conventions: conventions(fields, &map, &readings, delimiter, encoding),
        ambiguous_dates: ambiguous_dates(fields, &map, &readings),
    };
    let rows = rows.rewind(input, options.limits)?;
    records.expect(rows_seen);
    read_records(rows, &map, &readings, options, &mut stats, records, &tell)?;
    Ok(stats)
}

/// The header among the first non-blank rows, and those rows (the data among them is profiled
/// with the rest).
fn find_columns(
    input: &Input,
    options: &LoadOptions,
    source: &SourceId,
    fields: &'static [FieldSpec],
    rows: &mut Rows,
) -> Result<(ColumnMap, Vec<RawRow<'static>>), LoadError> {
    let mut candidates: Vec<RawRow<'static>> = Vec::new();
    while candidates.len() < headers::MAX_HEADER_SEARCH {
        match rows.next()? {
            Some((row, _)) if row.is_blank() => {}
            Some((row, _)) => candidates.push(row.into_owned()),
            None => break,
        }
    }
    let no_aliases = ExtraAliases::new();
    let no_pins = PinnedColumns::new();
    let header_options = HeaderOptions {
        aliases: options.aliases.get(&input.kind).unwrap_or(&no_aliases),
        pinned: options.pinned.get(&input.kind).unwrap_or(&no_pins),
    };
    let candidate_refs: Vec<&RawRow<'_>> = candidates.iter().collect();
    let map = headers::find_header(
        source,
        input.kind.as_str(),
        &candidate_refs,
        fields,
        header_options,
    )
    .map_err(|e| match &*rows {
        Rows::Sheet(sheet) if input.sheet.is_none() && !sheet.other_sheets.is_empty() => {
            LoadError::OtherSheets {
                inner: Box::new(e),
                others: sheet.other_sheets.join(", "),
            }
        }
        _ => e,
    })?;
    Ok((map, candidates))
}

/// A mapped field's cell, borrowed from the row.
fn mapped_cell<'r>(map: &ColumnMap, row: &'r RawRow<'_>, field: usize) -> Cell<'r> {
    map.columns[field].map_or(Cell::Empty, |column| row.cell(column))
}

/// First pass: every value of every mapped column whose reading depends on a locale, to
/// settle the locale questions per column; and the rows seen, so that the second pass can
/// place its records at once.
fn profile_columns(
    map: &ColumnMap,
    fields: &'static [FieldSpec],
    candidates: Vec<RawRow<'static>>,
    rows: &mut Rows,
    tell: &dyn Fn(LoadPass, u64),
) -> Result<(Profile, u64), LoadError> {
    let mut profile = Profile::new(fields.len());
    let profiled: Vec<usize> = (0..fields.len())
        .filter(|&index| map.columns[index].is_some() && Profile::takes(&fields[index]))
        .collect();
    let mut observe = |row: &RawRow<'_>| {
        for &index in &profiled {
            profile.observe(index, &fields[index], &mapped_cell(map, row, index));
        }
    };
    let mut seen = 0u64;
    for row in candidates.iter().filter(|row| row.row > map.header_row) {
        observe(row);
        seen += 1;
    }
    while let Some((row, _)) = rows.next()? {
        observe(&row);
        seen += 1;
        if seen.is_multiple_of(PROGRESS_EVERY) {
            tell(LoadPass::Profiling, seen);
        }
    }
    tell(LoadPass::Profiling, seen);
    Ok((profile, seen))
}

/// Second pass: every row becomes a record or is counted blank.
fn read_records<D: Document>(
    mut rows: Rows,
    map: &ColumnMap,
    readings: &[ColumnReading],
    options: &LoadOptions,
    stats: &mut FileStats,
    records: &mut impl Sink<D>,
    tell: &dyn Fn(LoadPass, u64),
) -> Result<(), LoadError> {
    let mut file = FileReader::new(&map.columns, readings, options);
    let mut state = D::FileState::default();
    while let Some((row, empty_lines)) = rows.next()? {
        if row.row <= map.header_row {
            continue;
        }
        stats.rows_read += empty_lines + 1;
        stats.rows_blank += empty_lines;
        if stats.rows_read.is_multiple_of(PROGRESS_EVERY) {
            tell(LoadPass::Reading, stats.rows_read);
        }
        if row.is_blank() {
            stats.rows_blank += 1;
            continue;
        }
        stats.rows_loaded += 1;
        let prov = Provenance {
            source: stats.source.clone(),
            row: row.row,
        };
        records.keep(D::build(prov, &mut file.row(&row), &mut state));
    }
    tell(LoadPass::Reading, stats.rows_read);
    Ok(())
}

/// The file's conventions as decided, for summary.json.
fn conventions(
    fields: &[FieldSpec],
    map: &ColumnMap,
    readings: &[ColumnReading],
    delimiter: Option<u8>,
    encoding: &'static str,
) -> Conventions {
    let mapped_of = |types: &[FieldType]| {
        fields
            .iter()
            .zip(readings)
            .zip(&map.columns)
            .find(|((spec, _), column)| column.is_some() && types.contains(&spec.ty))
            .map(|((_, reading), _)| *reading)
    };
    Conventions {
        delimiter: delimiter.map(|d| match d {
            b'\t' => "TAB".to_string(),
            other => char::from(other).to_string(),
        }),
        encoding: encoding.to_string(),
        decimal_mark: mapped_of(&[FieldType::Number, FieldType::Integer]).map(|r| Decided {
            value: r.decimal_mark,
            by: r.decimal_mark_by,
        }),
        date_order: mapped_of(&[FieldType::Date, FieldType::DateTime]).map(|r| Decided {
            value: r.date_order,
            by: r.date_order_by,
        }),
    }
}

fn ambiguous_dates(
    fields: &'static [FieldSpec],
    map: &ColumnMap,
    readings: &[ColumnReading],
) -> Vec<AmbiguousDates> {
    fields
        .iter()
        .zip(readings)
        .zip(&map.columns)
        .filter_map(|((spec, reading), column)| {
            let column = (*column)?;
            (reading.dates_either_way > 0).then(|| AmbiguousDates {
                field: spec.name,
                header: map.headers.get(column).cloned().unwrap_or_default(),
                column: cell::column_letter(column),
                order_used: reading.date_order,
                values_read_differently: reading.dates_either_way,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;
    use std::sync::Mutex;

    /// A person watching a long load sees each pass move and end at the file's row count.
    #[test]
    fn a_long_load_reports_its_rows_as_it_goes_and_at_the_end_of_each_pass() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("receipts.csv");
        let rows = PROGRESS_EVERY + 10;
        let mut text = String::from("receipt_no,vendor,vehicle_id,date,litres,amount\n");
        for n in 0..rows {
            writeln!(text, "R{n},Total,V1,2024-03-01,40,26000").unwrap();
        }
        std::fs::write(&path, text).unwrap();
        let input = Input::parse(DocKind::Receipts, path.to_str().unwrap());
        let seen = Mutex::new(Vec::new());
        let loaded = inspect_all_watched(&[input], &LoadOptions::default(), &|p| {
            seen.lock().unwrap().push((p.pass, p.rows));
        })
        .unwrap();
        assert_eq!(loaded[0].stats.rows_read, rows);
        assert_eq!(
            seen.into_inner().unwrap(),
            vec![
                (LoadPass::Profiling, PROGRESS_EVERY),
                (LoadPass::Profiling, rows),
                (LoadPass::Reading, PROGRESS_EVERY),
                (LoadPass::Reading, rows),
            ]
        );
    }

    /// Files load side by side, but the run reads as if they were loaded one after another:
    /// a large first file does not let a small second one jump ahead in the file list, and
    /// of two broken files the error is the first given one's, whichever fails sooner.
    #[test]
    fn files_loaded_side_by_side_keep_the_order_they_were_given() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, rows: u64| {
            let mut text = String::from("receipt_no,vendor,vehicle_id,date,litres,amount\n");
            for n in 0..rows {
                writeln!(text, "{name}{n},Total,V1,2024-03-01,40,26000").unwrap();
            }
            let path = dir.path().join(format!("{name}.csv"));
            std::fs::write(&path, text).unwrap();
            Input::parse(DocKind::Receipts, path.to_str().unwrap())
        };
        let inputs = [write("large", 50_000), write("small", 3), write("mid", 200)];
        let loaded = load_all(&inputs, &LoadOptions::default()).unwrap();
        let paths: Vec<&str> = loaded.files.iter().map(|f| f.path.as_str()).collect();
        let given: Vec<&str> = inputs.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, given);
        assert_eq!(loaded.dataset.receipts.len(), 50_203);

        let broken_late = dir.path().join("broken-late.csv");
        let mut text = String::from("receipt_no,vendor,vehicle_id,date,litres,amount\n");
        for n in 0..50_000 {
            writeln!(text, "L{n},Total,V1,2024-03-01,40,26000").unwrap();
        }
        // A cell larger than any a loader accepts, in the last row.
        writeln!(
            text,
            "L-last,{},V1,2024-03-01,40,26000",
            "x".repeat(2 << 20)
        )
        .unwrap();
        std::fs::write(&broken_late, text).unwrap();
        let inputs = [
            Input::parse(DocKind::Receipts, broken_late.to_str().unwrap()),
            Input::parse(
                DocKind::Trips,
                dir.path().join("missing.csv").to_str().unwrap(),
            ),
        ];
        let error = load_all(&inputs, &LoadOptions::default()).unwrap_err();
        assert!(
            error.to_string().contains("broken-late.csv"),
            "the first given file's error, not the quicker one's: {error}"
        );
    }
}
