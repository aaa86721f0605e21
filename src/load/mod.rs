//! Stage 1, load: files in, typed records out, every row accounted for.
//!
//! A file is read once, streaming: each row becomes a typed record, read with the conventions
//! the file's first rows show, while every value votes on each column's locale questions (see
//! `profile`: which mark is the decimal one, day or month first). When all the votes decide
//! otherwise than the first rows did, the file is read again with what they decide (see
//! `load_file`). Memory follows the records kept, never the file. A text file's rows are parsed
//! in order on one thread and built into records on every core, a batch at a time, and the
//! batches are joined in file order (`Reading::records`).

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
use record::{Document, FileReader, Following};
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

/// The row accounting of one file (`rows_read = rows_loaded + rows_blank + rows_totals`), and every guess
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
    /// Rows that sum the rows above them (`TOTAL`), not read as documents.
    pub rows_totals: u64,
    /// Their row numbers, in file order.
    pub totals_rows: Vec<u64>,
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

/// The passes over a file (see `load_file`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadPass {
    Reading,
    /// Again, with the conventions all its rows decide, which its first rows did not show.
    Rereading,
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
/// Files are loaded side by side, one per core, and a text file's rows are built on every core
/// (see `Reading::records`): a month's three files take about as long as the largest two, and a
/// workbook, read on one core, is not left to load alone. What comes out does not depend on
/// it: records join their kind in the order the files were given, and the error reported is the
/// first given file's that failed.
pub fn load_all_watched(
    inputs: &[Input],
    options: &LoadOptions,
    watch: &(dyn Fn(LoadProgress<'_>) + Sync),
) -> Result<Loaded, LoadError> {
    refuse_repeats(inputs)?;
    let mut loaded = Loaded::default();
    // The largest files are read first: a month has more files than a small machine has cores
    // (three on two), and the largest, read last, would be read alone.
    let size = |input: &Input| std::fs::metadata(&input.path).map_or(0, |m| m.len());
    let files = crate::parallel::heaviest_first(inputs, size, |input| {
        let job = FileJob {
            input,
            options,
            watch,
        };
        for_kind(input.kind, LoadJob(job))
    });
    let mut before = Following::default();
    for (input, file) in inputs.iter().zip(files) {
        let (join, stats) = file?;
        let data = &mut loaded.dataset;
        if !data.given.contains(&input.kind) {
            data.given.push(input.kind);
        }
        join(data, &mut before);
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

/// Where a pass over a file puts the records it builds: each batch of rows has its own, and a
/// file's batches are joined in file order.
trait Sink<D: Document>: Default + Send {
    fn keep(&mut self, record: D, pending: D::Pending);
    /// Takes in the batch that follows.
    fn append(&mut self, later: Self);
}

/// Loading keeps every record, with what it owes the records before it until its file takes
/// its place among the files given ([`Document::follow`]).
struct Kept<D: Document> {
    records: Vec<D>,
    pending: Vec<D::Pending>,
}

impl<D: Document> Default for Kept<D> {
    fn default() -> Self {
        Kept {
            records: Vec::new(),
            pending: Vec::new(),
        }
    }
}

impl<D: Document> Sink<D> for Kept<D> {
    fn keep(&mut self, record: D, pending: D::Pending) {
        self.records.push(record);
        if D::FOLLOWS {
            self.pending.push(pending);
        }
    }

    /// The batch's records move to the end of the file's, and the batch is freed: a file's
    /// records are held once, as its batches are done in order.
    fn append(&mut self, later: Self) {
        if self.records.is_empty() {
            *self = later;
            return;
        }
        self.records.extend(later.records);
        self.pending.extend(later.pending);
    }
}

impl<D: Document> Kept<D> {
    /// The records, each settled with what the records before it decide: the files' records
    /// are settled in the order the files were given.
    fn settled(self, before: &mut Following) -> Vec<D> {
        let mut records = self.records;
        if D::FOLLOWS {
            for (record, pending) in records.iter_mut().zip(self.pending) {
                record.follow(pending, before);
            }
        }
        records
    }
}

/// Checking keeps a record's problems and its unknown fuel word, not the record.
#[derive(Default)]
struct Findings {
    problems: Vec<(u64, FieldProblem)>,
    unknown_fuel_words: HashMap<String, u64>,
}

impl<D: Document> Sink<D> for Findings {
    /// Nothing a record owes the records before it is reported: it is not settled.
    fn keep(&mut self, record: D, _pending: D::Pending) {
        let row = record.prov().row;
        let problems = record.problems().iter().cloned();
        self.problems.extend(problems.map(|problem| (row, problem)));
        if let Some(FuelType::Unknown(word)) = record.fuel_type() {
            *self.unknown_fuel_words.entry(word.to_string()).or_default() += 1;
        }
    }

    fn append(&mut self, later: Self) {
        self.problems.extend(later.problems);
        for (word, count) in later.unknown_fuel_words {
            *self.unknown_fuel_words.entry(word).or_default() += count;
        }
    }
}

/// Adds a file's records to their kind's: the first file's are taken as they are, not copied,
/// so a kind given in one file is never held twice. The kind then holds no spare room: a
/// vector grown by doubling can be half empty, and a large month's records are most of what a
/// run holds.
fn append<T>(kind: &mut Vec<T>, records: Vec<T>) {
    if kind.is_empty() {
        *kind = records;
    } else {
        kind.extend(records);
    }
    kind.shrink_to_fit();
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
    watch: &'a (dyn Fn(LoadProgress<'_>) + Sync),
}

impl FileJob<'_> {
    /// Reads the file as `D`s, into `S`.
    fn read<D: Document, S: Sink<D>>(self) -> Result<(S, FileStats), LoadError> {
        load_file::<D, S>(self.input, self.options, self.watch)
    }
}

/// A loaded file's records, ready to join their kind's collection in the order files were
/// given (files load side by side and finish in any order).
type Records = Box<dyn FnOnce(&mut Dataset, &mut Following) + Send>;

/// Loading keeps the records.
struct LoadJob<'a>(FileJob<'a>);

impl KindJob for LoadJob<'_> {
    type Output = Result<(Records, FileStats), LoadError>;

    fn run<D: Document>(self) -> Self::Output {
        let (kept, stats) = self.0.read::<D, Kept<D>>()?;
        let join: Records =
            Box::new(move |data, before| append(D::collection(data), kept.settled(before)));
        Ok((join, stats))
    }
}

/// Checking keeps what `check` reports of the records.
struct InspectJob<'a>(FileJob<'a>);

impl KindJob for InspectJob<'_> {
    type Output = Result<Inspected, LoadError>;

    fn run<D: Document>(self) -> Self::Output {
        let (findings, stats) = self.0.read::<D, Findings>()?;
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
    /// Back to the first row, to read the file again.
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

/// Loads one file into its kind's records: find the header, read the conventions its first
/// rows show, then one pass that builds the records with them while every value of the file
/// votes on them (see `profile`). A file whose rows as a whole decide otherwise (its first rows
/// wrote `1,234` and a later one `12,5`) is read again with what they decide: what comes out is
/// always what all the rows decide, and most files are read once.
fn load_file<D: Document, S: Sink<D>>(
    input: &Input,
    options: &LoadOptions,
    watch: &(dyn Fn(LoadProgress<'_>) + Sync),
) -> Result<(S, FileStats), LoadError> {
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
    let delimiter = match &rows {
        Rows::Text(text) => Some(text.dialect_delimiter),
        Rows::Sheet(_) => None,
    };
    let defaults = Defaults {
        decimal_mark: options.decimal_mark,
        date_order: options.date_order,
        semicolon_file: delimiter == Some(b';'),
    };
    let profiled = ProfiledColumns::of(&map, fields);
    let mut first_rows = Profile::new(fields.len());
    for row in candidates.iter().filter(|row| row.row > map.header_row) {
        profiled.observe(&mut first_rows, &map, row);
    }
    let guessed = first_rows.decide(defaults);
    let mut rows = rows.rewind(input, options.limits)?;
    let read = Reading {
        map: &map,
        width: usual_width(&map, &candidates),
        totals: TotalsRows::of(&map, fields),
        profiled: &profiled,
        options,
        source: &source,
        tell: &tell,
    };
    let mut pass = read.records::<D, S>(&mut rows, &guessed, LoadPass::Reading)?;
    // The pass has seen every cell: what it found of the encoding is the file's.
    let encoding = match &rows {
        Rows::Text(text) => text.encoding_name(),
        Rows::Sheet(_) => "workbook",
    };
    let readings = pass.votes.decide(defaults);
    if !reads_alike(&guessed, &readings) {
        drop(pass.records);
        let mut rows = rows.rewind(input, options.limits)?;
        pass = read.records::<D, S>(&mut rows, &readings, LoadPass::Rereading)?;
    }
    let counts = pass.counts;
    let stats = FileStats {
        source: source.clone(),
        path: input.path.clone(),
        kind: input.kind,
        header_row: map.header_row,
        rows_read: counts.read,
        rows_loaded: counts.loaded,
        rows_blank: counts.blank,
        rows_totals: counts.totals,
        totals_rows: pass.totals_rows,
        mapping: map.mapping(fields),
        unused_columns: map.unused(),
        conventions: conventions(fields, &map, &readings, delimiter, encoding),
        ambiguous_dates: ambiguous_dates(fields, &map, &readings),
    };
    Ok((pass.records, stats))
}

/// How many cells a file's rows span: its header's, or more when most of the first data rows
/// fill more (a last column left without a header). A row with a cell beyond is out of line,
/// and the most common width of the first rows is not moved by one such row among them (of
/// two widths as common, the narrower is the file's).
fn usual_width(map: &ColumnMap, candidates: &[RawRow<'_>]) -> usize {
    let filled = |row: &RawRow<'_>| {
        (0..row.width())
            .rev()
            .find(|&column| !row.cell(column).is_blank())
            .map_or(0, |last| last + 1)
    };
    let mut widths: Vec<usize> = (candidates.iter())
        .filter(|row| row.row > map.header_row)
        .map(filled)
        .collect();
    widths.sort_unstable();
    let most_common = (widths.chunk_by(|a, b| a == b))
        .max_by_key(|run| (run.len(), std::cmp::Reverse(run[0])))
        .map_or(0, |run| run[0]);
    map.headers.len().max(most_common)
}

/// Whether two sets of readings read every value alike: the same decimal mark and date order
/// for every column (what decided them does not change a value).
fn reads_alike(a: &[ColumnReading], b: &[ColumnReading]) -> bool {
    a.iter()
        .zip(b)
        .all(|(a, b)| a.decimal_mark == b.decimal_mark && a.date_order == b.date_order)
}

/// The header among the first non-blank rows, and those rows (the data among them shows the
/// conventions a file is first read with).
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

/// The mapped columns whose values' reading depends on a locale (numbers, dates): each of
/// their values votes on the column's conventions.
struct ProfiledColumns {
    fields: &'static [FieldSpec],
    indexes: Vec<usize>,
}

impl ProfiledColumns {
    fn of(map: &ColumnMap, fields: &'static [FieldSpec]) -> ProfiledColumns {
        let indexes = (0..fields.len())
            .filter(|&index| map.columns[index].is_some() && Profile::takes(&fields[index]))
            .collect();
        ProfiledColumns { fields, indexes }
    }

    fn observe(&self, profile: &mut Profile, map: &ColumnMap, row: &RawRow<'_>) {
        for &index in &self.indexes {
            profile.observe(index, &self.fields[index], &mapped_cell(map, row, index));
        }
    }
}

/// A file's row accounting: `read = loaded + blank + totals`.
#[derive(Clone, Copy, Debug, Default)]
struct RowCounts {
    read: u64,
    loaded: u64,
    blank: u64,
    totals: u64,
}

impl RowCounts {
    fn add(&mut self, other: RowCounts) {
        self.read += other.read;
        self.loaded += other.loaded;
        self.blank += other.blank;
        self.totals += other.totals;
    }
}

/// Finds the rows that sum the rows above them (a spreadsheet's `TOTAL` line): no id and no
/// date, and a cell that says total. Read as a document, such a row bills its invoice twice
/// and counts a trip ticket that is none; it is counted apart and said, never loaded.
struct TotalsRows {
    /// The columns of the kind's ids and dates: a totals row has none of them.
    keys: Vec<usize>,
}

impl TotalsRows {
    fn of(map: &ColumnMap, fields: &[FieldSpec]) -> TotalsRows {
        let keys = (fields.iter().zip(&map.columns))
            .filter(|(spec, _)| {
                matches!(
                    spec.ty,
                    FieldType::Id | FieldType::IdList | FieldType::Date | FieldType::DateTime
                )
            })
            .filter_map(|(_, column)| *column)
            .collect();
        TotalsRows { keys }
    }

    /// Whether a row is a totals row: its id and date cells blank or the label itself (`Total`
    /// is often written in the first column, an id's), and a cell that is the label.
    fn holds(&self, row: &RawRow<'_>) -> bool {
        if self.keys.is_empty() {
            return false;
        }
        let mut labelled = false;
        for &column in &self.keys {
            let cell = row.cell(column);
            if is_totals_label(&cell) {
                labelled = true;
            } else if !cell.is_blank() {
                return false;
            }
        }
        labelled || row.cells().any(|cell| is_totals_label(&cell))
    }
}

fn is_totals_label(cell: &Cell<'_>) -> bool {
    matches!(cell, Cell::Text(text) if vocabulary::is_totals_label(text))
}

/// What a pass over a file's rows needs besides the rows.
struct Reading<'a> {
    map: &'a ColumnMap,
    /// How many cells the file's rows span (see `usual_width`).
    width: usize,
    totals: TotalsRows,
    /// The columns whose every value votes on the file's conventions.
    profiled: &'a ProfiledColumns,
    options: &'a LoadOptions,
    source: &'a SourceId,
    tell: &'a (dyn Fn(LoadPass, u64) + Sync),
}

/// What a pass over a file's rows, or a batch of them, made: its records (or what `check` keeps
/// of them), the votes of its values on the conventions, and its row accounting.
struct Pass<R> {
    records: R,
    votes: Profile,
    counts: RowCounts,
    /// The rows that sum the rows above them, in file order.
    totals_rows: Vec<u64>,
}

impl<R> Pass<R> {
    /// Takes in the batch of rows that follows.
    fn append<D: Document>(&mut self, later: Pass<R>)
    where
        R: Sink<D>,
    {
        self.records.append(later.records);
        self.votes.add(&later.votes);
        self.counts.add(later.counts);
        self.totals_rows.extend(later.totals_rows);
    }
}

impl Reading<'_> {
    /// Every row after the header becomes a record read with `readings`, or is counted blank,
    /// while every value of the profiled columns votes on the conventions. A text file's rows
    /// are parsed on this thread and built on every core, a batch at a time; a workbook's,
    /// held in memory already, are built here.
    fn records<D: Document, S: Sink<D>>(
        &self,
        rows: &mut Rows,
        readings: &[ColumnReading],
        pass: LoadPass,
    ) -> Result<Pass<S>, LoadError> {
        let mut read = RowCounts::default();
        // Rows are counted as read, empty lines with them; the rest as they are built.
        let mut note_read = |empty_lines: u64| {
            read.read += empty_lines + 1;
            read.blank += empty_lines;
            if read.read.is_multiple_of(PROGRESS_EVERY) {
                (self.tell)(pass, read.read);
            }
        };
        let header_row = self.map.header_row;
        let mut made = self.batch::<D, S>();
        match rows {
            Rows::Text(text) => {
                let next = |mut spare: Option<csv::OwnedRow>| loop {
                    let Some(row) = text.next_owned(spare)? else {
                        return Ok(None);
                    };
                    if row.row > header_row {
                        note_read(row.empty_lines);
                        return Ok(Some(row));
                    }
                    spare = Some(row);
                };
                let file =
                    || FileReader::new(&self.map.columns, self.width, readings, self.options);
                let build = |file: &mut FileReader<'_>, rows: &[csv::OwnedRow]| {
                    let mut batch = self.batch::<D, S>();
                    for row in rows {
                        self.build(file, &row.raw(), &mut batch);
                    }
                    batch
                };
                crate::parallel::batched(next, file, build, |batch| made.append(batch))?;
            }
            Rows::Sheet(sheet) => {
                let mut file =
                    FileReader::new(&self.map.columns, self.width, readings, self.options);
                while let Some((row, empty_lines)) = sheet.next_row() {
                    if row.row > header_row {
                        note_read(empty_lines);
                        self.build(&mut file, &row, &mut made);
                    }
                }
            }
        }
        (self.tell)(pass, read.read);
        made.counts.add(read);
        Ok(made)
    }

    fn batch<D: Document, S: Sink<D>>(&self) -> Pass<S> {
        Pass {
            records: S::default(),
            votes: Profile::new(self.profiled.fields.len()),
            counts: RowCounts::default(),
            totals_rows: Vec::new(),
        }
    }

    /// A row after the header: its values vote, and it becomes a record or is counted blank.
    fn build<D: Document, S: Sink<D>>(
        &self,
        file: &mut FileReader<'_>,
        row: &RawRow<'_>,
        batch: &mut Pass<S>,
    ) {
        self.profiled.observe(&mut batch.votes, self.map, row);
        if row.is_blank() {
            batch.counts.blank += 1;
            return;
        }
        if self.totals.holds(row) {
            batch.counts.totals += 1;
            batch.totals_rows.push(row.row);
            return;
        }
        batch.counts.loaded += 1;
        let prov = Provenance {
            source: self.source.clone(),
            row: row.row,
        };
        let (record, pending) = D::build(prov, &mut file.row(row));
        batch.records.keep(record, pending);
    }
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
    use crate::model::{ProblemCode, WHOLE_ROW};
    use std::collections::BTreeSet;
    use std::fmt::Write as _;
    use std::sync::Mutex;

    /// A file is read with the conventions its first rows show, and again when its rows as a
    /// whole decide otherwise: amounts written `1,234` (thousands, or a decimal comma?) and one
    /// `12,5` far down the file are read as all the rows decide, with a comma, and the row
    /// accounting is the file's once, not twice.
    #[test]
    fn a_file_whose_later_rows_decide_otherwise_is_read_again_as_they_decide() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("receipts.csv");
        let mut text = String::from("receipt_no,vendor,vehicle_id,date,litres,amount\n");
        for n in 0..200 {
            writeln!(text, "R{n},Total,V1,2024-03-01,40,\"1,234\"").unwrap();
        }
        writeln!(text, "R-last,Total,V1,2024-03-01,40,\"12,5\"").unwrap();
        std::fs::write(&path, text).unwrap();
        let input = Input::parse(DocKind::Receipts, path.to_str().unwrap());
        let passes = Mutex::new(Vec::new());
        let loaded = load_all_watched(&[input], &LoadOptions::default(), &|p| {
            passes.lock().unwrap().push(p.pass);
        })
        .unwrap();
        let amounts: BTreeSet<String> = (loaded.dataset.receipts.iter())
            .map(|r| r.amount().unwrap().to_string())
            .collect();
        assert_eq!(amounts, BTreeSet::from(["1.234".into(), "12.5".into()]));
        assert_eq!(loaded.dataset.receipts.len(), 201);
        assert_eq!(loaded.files[0].rows_read, 201);
        assert_eq!(
            passes.into_inner().unwrap(),
            [LoadPass::Reading, LoadPass::Rereading]
        );
        let mark = loaded.files[0].conventions.decimal_mark.as_ref().unwrap();
        assert_eq!(
            (mark.value, mark.by),
            (DecimalMark::Comma, DecidedBy::Evidence)
        );
    }

    /// A trip ticket's destination and approver are not kept, but still read: an unreadable
    /// one is a problem of the ticket (UNREADABLE_FIELD), as it was when they were kept.
    #[test]
    fn a_trip_tickets_unkept_fields_are_still_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trips.csv");
        std::fs::write(
            &path,
            "trip_id,vehicle_id,driver,date_out,odometer_out,odometer_in,destination,approved_by\n\
             T1,V1,A. Ba,2024-03-01,100,150,Goma,J. Doe\n\
             T2,V1,A. Ba,2024-03-02,150,190,illegible,???\n",
        )
        .unwrap();
        let input = Input::parse(DocKind::Trips, path.to_str().unwrap());
        let loaded = load_all_watched(&[input], &LoadOptions::default(), &|_| {}).unwrap();
        let problems = |t: usize| -> Vec<(&str, ProblemCode)> {
            (loaded.dataset.trips[t].problems.iter())
                .map(|p| (p.field, p.code))
                .collect()
        };
        assert_eq!(problems(0), []);
        assert_eq!(
            problems(1),
            [
                ("destination", ProblemCode::Unreadable),
                ("approved_by", ProblemCode::Unreadable)
            ]
        );
    }

    /// Rows are built side by side in batches, but an invoice line without a number still
    /// takes its place in its invoice as the file orders them, numbered lines counted: across
    /// thousands of rows, two invoices interleaved, and a number left blank now and then.
    #[test]
    fn unnumbered_invoice_lines_take_their_place_in_file_order_across_batches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invoices.csv");
        let lines = 5000;
        let mut text =
            String::from("invoice_no,invoice_date,line_no,vendor,receipt_no,litres,amount\n");
        for n in 0..lines {
            let (invoice, place) = (["A", "B"][n % 2], n / 2 + 1);
            // Every seventh line has no number; the others carry their place as their number.
            let number = if n % 7 == 0 {
                String::new()
            } else {
                place.to_string()
            };
            writeln!(text, "INV-{invoice},2024-03-31,{number},Total,R{n},40,100").unwrap();
        }
        std::fs::write(&path, text).unwrap();
        let input = Input::parse(DocKind::Invoices, path.to_str().unwrap());
        let loaded = load_all(&[input], &LoadOptions::default()).unwrap();
        let mut places: Vec<(u64, String, u32)> = (loaded.dataset.invoice_lines.iter())
            .map(|l| {
                (
                    l.prov.row,
                    l.invoice_no.as_ref().unwrap().text().to_string(),
                    l.line_no,
                )
            })
            .collect();
        places.sort();
        assert_eq!(places.len(), lines);
        for (n, (row, invoice, line_no)) in places.into_iter().enumerate() {
            assert_eq!(row, n as u64 + 2);
            let expected = (format!("INV-{}", ["A", "B"][n % 2]), (n / 2 + 1) as u32);
            assert_eq!((invoice, line_no), expected, "row {row}");
        }
    }

    /// Rows of several files are one list (SPEC §2): an invoice whose lines, unnumbered, come
    /// in two files is numbered on from the first file into the second, not from 1 again (which
    /// made the second file's line a false duplicate of the first's).
    #[test]
    fn unnumbered_invoice_lines_are_numbered_across_the_files_given() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            Input::parse(DocKind::Invoices, path.to_str().unwrap())
        };
        let north = write(
            "north.csv",
            "invoice_no,vendor,invoice_date,receipt_no,litres,amount\n\
             KF-1,Kivu,2024-03-31,R-1,40,56\n\
             KF-1,Kivu,2024-03-31,R-2,40,56\n",
        );
        let south = write(
            "south.csv",
            "invoice_no;vendor;invoice_date;receipt_no;litres;amount\n\
             KF-1;Kivu;2024-03-31;R-3;40;56\n",
        );
        let loaded = load_all(&[north, south], &LoadOptions::default()).unwrap();
        let mut numbers: Vec<(String, u32)> = (loaded.dataset.invoice_lines.iter())
            .map(|l| (l.receipt_no.as_ref().unwrap().text().to_string(), l.line_no))
            .collect();
        numbers.sort();
        assert_eq!(
            numbers,
            [("R-1".into(), 1), ("R-2".into(), 2), ("R-3".into(), 3)]
        );
    }

    /// `check` reports a large file's problems in the order of its rows, each on its own row,
    /// however its rows were shared out to be read.
    #[test]
    fn problems_of_a_file_read_in_batches_come_in_row_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("receipts.csv");
        let mut text = String::from("receipt_no,vendor,vehicle_id,date,litres,amount\n");
        let mut expected = Vec::new();
        for n in 0..20_000u64 {
            let litres = if n % 97 == 0 { "4O" } else { "40" };
            if n % 97 == 0 {
                expected.push(n + 2);
            }
            writeln!(text, "R{n},Total,V1,2024-03-01,{litres},26000").unwrap();
        }
        std::fs::write(&path, text).unwrap();
        let input = Input::parse(DocKind::Receipts, path.to_str().unwrap());
        let checked = inspect_all_watched(&[input], &LoadOptions::default(), &|_| {}).unwrap();
        let rows: Vec<u64> = checked[0].problems.iter().map(|(row, _)| *row).collect();
        assert_eq!(rows, expected);
        assert_eq!(checked[0].stats.rows_loaded, 20_000);
    }

    /// A row with a cell beyond the file's last column is out of line (INVALID_VALUE on the
    /// whole row), even as the first data row; a last column every row fills but the header
    /// left unnamed is the file's own, and no row is out of line for it.
    #[test]
    fn a_row_out_of_line_is_a_problem_and_an_unnamed_last_column_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let problems_of = |text: &str| -> Vec<(u64, &'static str, String)> {
            let path = dir.path().join("receipts.csv");
            std::fs::write(&path, text).unwrap();
            let input = Input::parse(DocKind::Receipts, path.to_str().unwrap());
            let checked = inspect_all_watched(&[input], &LoadOptions::default(), &|_| {}).unwrap();
            (checked[0].problems.iter())
                .map(|(row, p)| (*row, p.field, p.raw.clone()))
                .collect()
        };
        let shifted = problems_of(
            "receipt_no,vendor,vehicle_id,date,litres,amount\n\
             R1,Kivu,V1,2024-03-01,800,1,120.00\n\
             R2,Kivu,V1,2024-03-01,40,56,,\n\
             R3,Kivu,V1,2024-03-01,40,56\n",
        );
        assert_eq!(shifted, [(2, WHOLE_ROW, "120.00".to_string())]);
        let unnamed = problems_of(
            "receipt_no,vendor,vehicle_id,date,litres,amount\n\
             R1,Kivu,V1,2024-03-01,40,56,note\n\
             R2,Kivu,V1,2024-03-01,40,56,other note\n",
        );
        assert_eq!(unnamed, []);
    }

    /// An export's totals row sums the rows above it: it is counted apart, with its row, not
    /// loaded as a document, whether its label sits in the id column or another; a receipt
    /// of the vendor Total, with its number and date, is a document.
    #[test]
    fn a_totals_row_is_counted_apart_and_a_vendor_named_total_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("receipts.csv");
        std::fs::write(
            &path,
            "receipt_no;vendor;vehicle_id;date;litres;amount\n\
             R1;Total;V1;02/09/2024;45,5;29 802,50\n\
             R2;Total;V1;03/09/2024;50;32 750,00\n\
             Total;;;;95,5;62 552,50\n\
             ;;;Sous-total;95,5;62 552,50\n",
        )
        .unwrap();
        let input = Input::parse(DocKind::Receipts, path.to_str().unwrap());
        let loaded = load_all(&[input], &LoadOptions::default()).unwrap();
        let file = &loaded.files[0];
        assert_eq!(
            (
                file.rows_read,
                file.rows_loaded,
                file.rows_blank,
                file.rows_totals
            ),
            (4, 2, 0, 2)
        );
        assert_eq!(file.totals_rows, [4, 5]);
        let vendors: Vec<&str> = (loaded.dataset.receipts.iter())
            .map(|r| r.vendor.as_ref().unwrap().text())
            .collect();
        assert_eq!(vendors, ["Total", "Total"]);
    }

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
