//! Reading workbooks through calamine: xlsx, xlsm, xls, xlsb and ods. `FILE#Sheet` picks a sheet,
//! else the first one. Date cells keep their date (in the 1900 or 1904 system, as the workbook
//! says), error cells become unreadable values, and numbers are carried as exact decimals of the
//! shortest text that round-trips the stored binary value.

use super::cell::{Cell, RawRow, SheetCell, column_letter};
use super::limits::Limits;
use crate::error::LoadError;
use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto};
use rust_decimal::Decimal;
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;

/// Extensions read as workbooks; the zipped ones are checked for their unpacked size first.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];
const ZIPPED: [&str; 4] = ["xlsx", "xlsm", "xlsb", "ods"];

/// A sheet's cells, kept sparse (only cells that hold something) and handed out row by row, so
/// memory follows the cells a file really has, whatever range it claims.
pub struct SheetRows {
    /// (row, column, value), zero-based, in row then column order.
    cells: Vec<SheetCell>,
    next: usize,
    last_row: Option<u32>,
    pub sheet: String,
    /// The workbook's other sheets, for a user who did not name one.
    pub other_sheets: Vec<String>,
}

impl SheetRows {
    pub fn open(
        path: &str,
        extension: &str,
        sheet: Option<&str>,
        limits: Limits,
    ) -> Result<SheetRows, LoadError> {
        if ZIPPED.contains(&extension) {
            check_unpacked_size(path, limits.max_unpacked_bytes)?;
        }
        check_old_excel_extent(path, limits)?;
        let failed = |message: String| LoadError::Spreadsheet {
            path: path.to_string(),
            message,
        };
        // calamine parses untrusted bytes; a panic inside it is reported as this file's error
        // rather than taking the run down.
        let opened = quietly(|| read_sheet(path, sheet, limits))
            .map_err(|_| failed("the file is damaged or not a spreadsheet of its kind".into()))?;
        let (sheet_name, other_sheets, mut cells) = opened.map_err(|e| match e {
            SheetError::Calamine(message) => failed(message),
            SheetError::NoSheet(sheets) => LoadError::NoSheet {
                path: path.to_string(),
                sheet: sheet.unwrap_or_default().to_string(),
                sheets,
            },
            SheetError::CellTooLarge { row, col, size } => LoadError::CellTooLarge {
                path: path.to_string(),
                row: u64::from(row) + 1,
                column: column_letter(col as usize),
                size,
                limit: limits.max_cell_bytes,
            },
        })?;
        cells.sort_by_key(|(row, col, _)| (*row, *col));
        check_extent(path, &cells, limits)?;
        Ok(SheetRows {
            cells,
            next: 0,
            last_row: None,
            sheet: sheet_name,
            other_sheets,
        })
    }

    pub fn rewind(&mut self) {
        self.next = 0;
        self.last_row = None;
    }

    /// The next row that holds a cell, with the count of empty rows skipped before it. The row
    /// borrows the sheet's cells.
    pub fn next_row(&mut self) -> Option<(RawRow<'_>, u64)> {
        let (row, _, _) = self.cells.get(self.next)?;
        let row = *row;
        let start = self.next;
        let end = self.cells[start..]
            .iter()
            .position(|(r, _, _)| *r != row)
            .map_or(self.cells.len(), |n| start + n);
        self.next = end;
        let skipped = self.last_row.map_or(0, |last| u64::from(row - last - 1));
        self.last_row = Some(row);
        Some((
            RawRow::sheet(u64::from(row) + 1, &self.cells[start..end]),
            skipped,
        ))
    }
}

/// Refuses a sheet whose cells span more rows or more cells than the limits allow: each row is
/// laid out in full when it is read, so a stray cell at column XFD of row 1 048 576 would
/// otherwise cost a billion empty cells.
fn check_extent(path: &str, cells: &[SheetCell], limits: Limits) -> Result<(), LoadError> {
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Ok(());
    };
    let rows = u64::from(last.0 - first.0) + 1;
    if rows > limits.max_rows {
        return Err(LoadError::TooManyRows {
            path: path.to_string(),
            limit: limits.max_rows,
        });
    }
    let columns = u64::from(cells.iter().map(|c| c.1).max().unwrap_or(0)) + 1;
    too_many_cells(path, rows, columns, limits)
}

fn too_many_cells(path: &str, rows: u64, columns: u64, limits: Limits) -> Result<(), LoadError> {
    let cells = rows.saturating_mul(columns);
    if cells > limits.max_sheet_cells {
        return Err(LoadError::SheetTooLarge {
            path: path.to_string(),
            rows,
            columns,
            limit: limits.max_sheet_cells,
        });
    }
    Ok(())
}

/// The most an old Excel sheet can hold: 65 536 rows of 256 columns. A workbook that claims
/// more is damaged or crafted.
const XLS_MAX_ROWS: u64 = 65_536;
const XLS_MAX_COLUMNS: u64 = 256;

/// An old Excel workbook (OLE, BIFF) is parsed whole when it is opened, every sheet laid out
/// from its first to its last cell. Its cell records are scanned first, and a workbook whose
/// cells span more than the limits allow is refused before calamine reads it.
fn check_old_excel_extent(path: &str, limits: Limits) -> Result<(), LoadError> {
    let mut head = [0u8; 8];
    let is_ole = File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if !is_ole {
        return Ok(());
    }
    // calamine follows the container's sector chains as they claim; a damaged or crafted chain
    // (a loop, a stream longer than the file) can make it allocate without bound. The cfb
    // crate checks the chains first, and what it cannot read is refused here.
    let damaged = |e: std::io::Error| LoadError::Spreadsheet {
        path: path.to_string(),
        message: format!("the workbook's container is damaged ({e})"),
    };
    let mut compound = cfb::open(path).map_err(damaged)?;
    let stream = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|s| compound.is_stream(s));
    let Some(stream) = stream else { return Ok(()) };
    let mut bytes = Vec::new();
    let mut reader = compound.open_stream(stream).map_err(damaged)?;
    std::io::Read::read_to_end(&mut reader, &mut bytes).map_err(damaged)?;
    for (rows, columns) in biff_sheet_extents(&bytes) {
        too_many_cells(path, rows, columns, limits)?;
        if rows > XLS_MAX_ROWS || columns > XLS_MAX_COLUMNS {
            return Err(LoadError::Spreadsheet {
                path: path.to_string(),
                message: format!(
                    "a sheet claims {rows} rows by {columns} columns, more than an .xls sheet can hold ({XLS_MAX_ROWS} by {XLS_MAX_COLUMNS}): the file is damaged"
                ),
            });
        }
    }
    Ok(())
}

/// The rows and columns each worksheet claims (its DIMENSIONS record, which calamine reserves
/// room for) or its cell records span, read from a BIFF workbook stream the way calamine reads
/// it: the globals' BOUNDSHEET records give where each sheet's substream starts.
fn biff_sheet_extents(bytes: &[u8]) -> Vec<(u64, u64)> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    const BOUNDSHEET: u16 = 0x0085;
    const FILEPASS: u16 = 0x002F;
    let mut sheet_starts = Vec::new();
    for (kind, data) in BiffRecords::at(bytes, 0) {
        match kind {
            // Encrypted sheets cannot be scanned; calamine refuses them as password-protected.
            FILEPASS => return Vec::new(),
            BOUNDSHEET if data.len() >= 4 => {
                sheet_starts
                    .push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize);
            }
            EOF => break,
            _ => {}
        }
    }
    let mut extents = Vec::new();
    for start in sheet_starts {
        let mut depth = 0usize;
        let mut cells = CellBounds::default();
        for (kind, data) in BiffRecords::at(bytes, start) {
            match kind {
                BOF => depth += 1,
                EOF if depth <= 1 => break,
                EOF => depth -= 1,
                _ if depth > 1 => {}
                _ => {
                    if let Some(extent) = cells.take(kind, data) {
                        extents.push(extent);
                    }
                }
            }
        }
        extents.extend(cells.extent());
    }
    extents
}

/// Records of a BIFF stream from an offset: (type, data), until the bytes run out.
struct BiffRecords<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> BiffRecords<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Self {
        BiffRecords { bytes, at }
    }
}

impl<'a> Iterator for BiffRecords<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let header = self.bytes.get(self.at..self.at.checked_add(4)?)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = self.bytes.get(self.at + 4..self.at + 4 + len)?;
        self.at += 4 + len;
        Some((kind, data))
    }
}

/// The rows and columns a sheet's cell records span.
#[derive(Default)]
struct CellBounds(Option<(u16, u16, u16, u16)>);

impl CellBounds {
    const DIMENSIONS: u16 = 0x0200;
    /// Records that begin with the cell's row and column (STRING, 0x0207, does not).
    const CELLS: [u16; 8] = [
        0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x0201, 0x00D6,
    ];
    const MULTIPLE: [u16; 2] = [0x00BD, 0x00BE];

    /// Widens the bounds by a cell record; returns the extent a DIMENSIONS record claims.
    fn take(&mut self, kind: u16, data: &[u8]) -> Option<(u64, u64)> {
        let word = |at: usize| -> Option<u16> {
            Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
        };
        let double = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes([
                *data.get(at)?,
                *data.get(at + 1)?,
                *data.get(at + 2)?,
                *data.get(at + 3)?,
            ]))
        };
        if kind == Self::DIMENSIONS {
            let claimed = match data.len() {
                10 => Some((
                    u32::from(word(0)?),
                    u32::from(word(2)?),
                    u32::from(word(4)?),
                    u32::from(word(6)?),
                )),
                14 | 16 => Some((
                    double(0)?,
                    double(4)?,
                    u32::from(word(8)?),
                    u32::from(word(10)?),
                )),
                _ => None,
            };
            return claimed.map(dimensions_extent);
        }
        let (row, first, last) = if Self::CELLS.contains(&kind) {
            (word(0)?, word(2)?, word(2)?)
        } else if Self::MULTIPLE.contains(&kind) && data.len() >= 6 {
            let (first, last) = (word(2)?, word(data.len() - 2)?);
            (word(0)?, first.min(last), first.max(last))
        } else {
            return None;
        };
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, first, last));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
        None
    }

    fn extent(&self) -> Option<(u64, u64)> {
        self.0
            .map(|(r0, r1, c0, c1)| (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1))
    }
}

/// The rows and columns a DIMENSIONS record makes calamine reserve, read as calamine reads it
/// (MS-XLS 2.4.90: last row and column are one past the end; a first column over 255 means 0).
/// A last row before the first is taken as the whole u32 range, which is what it wraps to.
fn dimensions_extent(
    (first_row, past_row, first_col, past_col): (u32, u32, u32, u32),
) -> (u64, u64) {
    if past_row == 0 || past_col == 0 {
        return (1, 1);
    }
    let first_col = if first_col > 0xFF || past_col < first_col {
        0
    } else {
        first_col
    };
    let rows = if past_row - 1 < first_row {
        u64::from(u32::MAX)
    } else {
        u64::from(past_row - first_row)
    };
    (rows, u64::from(past_col - first_col))
}

enum SheetError {
    Calamine(String),
    NoSheet(String),
    CellTooLarge { row: u32, col: u32, size: usize },
}

type SparseCells = Vec<SheetCell>;

/// A sheet's name, the workbook's other sheets, and the sheet's cells.
type ReadSheet = (String, Vec<String>, SparseCells);

fn read_sheet(path: &str, wanted: Option<&str>, limits: Limits) -> Result<ReadSheet, SheetError> {
    let calamine = |e: &dyn std::fmt::Display| SheetError::Calamine(e.to_string());
    let mut workbook = open_workbook_auto(path).map_err(|e| calamine(&e))?;
    let names = workbook.sheet_names();
    let name = match wanted {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| SheetError::NoSheet(String::new()))?,
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| SheetError::NoSheet(names.join(", ")))?,
    };
    let mut cells = Vec::new();
    let mut keep = |row: u32, col: u32, cell: Cell<'static>| -> Result<(), SheetError> {
        if let Cell::Text(text) = &cell
            && text.len() > limits.max_cell_bytes
        {
            return Err(SheetError::CellTooLarge {
                row,
                col,
                size: text.len(),
            });
        }
        if !cell.is_blank() {
            cells.push((row, col, cell));
        }
        Ok(())
    };
    // xlsx and xlsb stream their cells (their readers share no trait, hence the macro); the
    // others are read as a range.
    macro_rules! stream_cells {
        ($book:expr) => {{
            let mut reader = $book
                .worksheet_cells_reader(&name)
                .map_err(|e| calamine(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| calamine(&e))? {
                let (row, col) = cell.get_position();
                keep(row, col, convert_ref(cell.get_value()))?;
            }
        }};
    }
    match &mut workbook {
        Sheets::Xlsx(book) => stream_cells!(book),
        Sheets::Xlsb(book) => stream_cells!(book),
        _ => {
            let range = workbook.worksheet_range(&name).map_err(|e| calamine(&e))?;
            let (start_row, start_col) = range.start().unwrap_or((0, 0));
            for (row, col, value) in range.used_cells() {
                keep(
                    start_row + row as u32,
                    start_col + col as u32,
                    convert(value),
                )?;
            }
        }
    }
    let others = names.into_iter().filter(|n| *n != name).collect();
    Ok((name, others, cells))
}

/// Runs `f`, turning a panic into an error without printing the panic message.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result
}

/// A zip's central directory states each part's unpacked size; a workbook that states more than
/// the limit is refused before anything is unpacked.
fn check_unpacked_size(path: &str, limit: u64) -> Result<(), LoadError> {
    let file = File::open(path).map_err(|cause| LoadError::Io {
        path: path.to_string(),
        cause,
    })?;
    let mut archive = match zip::ZipArchive::new(BufReader::new(file)) {
        Ok(archive) => archive,
        // Not a zip: calamine will say what it is (an xls named .xlsx, say).
        Err(_) => return Ok(()),
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(index) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > limit {
        return Err(LoadError::TooLargeUnpacked {
            path: path.to_string(),
            size: total,
            limit,
        });
    }
    Ok(())
}

fn convert_ref(data: &DataRef<'_>) -> Cell<'static> {
    match data {
        DataRef::SharedString(text) => Cell::Text((*text).to_string().into()),
        DataRef::Empty => Cell::Empty,
        DataRef::String(text) => Cell::Text(text.clone().into()),
        DataRef::Int(n) => Cell::Number(Decimal::from(*n)),
        DataRef::Float(f) => float_cell(*f),
        DataRef::Bool(b) => convert(&Data::Bool(*b)),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => Cell::Text(text.clone().into()),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn convert(data: &Data) -> Cell<'static> {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone().into()),
        Data::Int(n) => Cell::Number(Decimal::from(*n)),
        Data::Float(f) => float_cell(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let date = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d));
            let time = chrono::NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), u32::from(s));
            match date {
                Some(date) => Cell::Date(date, time.filter(|t| *t != chrono::NaiveTime::MIN)),
                None => Cell::Text(dt.as_f64().to_string().into()),
            }
        }
        Data::DateTime(dt) => float_cell(dt.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone().into()),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

/// The shortest decimal text that reads back as the stored binary number, so 45.9 stays 45.9,
/// to the digits a spreadsheet shows (a formula's `0.30000000000000004` is 0.3).
fn float_cell(value: f64) -> Cell<'static> {
    if !value.is_finite() {
        return Cell::Text(value.to_string().into());
    }
    // Whole numbers (quantities, line numbers, most amounts) need no shortest-text search:
    // their text is their digits. (Zero is left to it, for its sign.)
    if value != 0.0 && value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        return Cell::Number(Decimal::from(value as i64));
    }
    let text = value.to_string();
    match Decimal::from_str(&text) {
        Ok(n) => Cell::Number(super::values::without_float_noise(n)),
        Err(_) => Cell::Text(text.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_cells(file: &str) -> Vec<Cell<'static>> {
        let path = format!(
            "{}/../shared/realdata/calamine-tests/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut rows = SheetRows::open(&path, "xlsx", None, Limits::default()).unwrap();
        (0..2)
            .map(|_| rows.next_row().unwrap().0.cell(0).into_owned())
            .collect()
    }

    #[test]
    fn date_cells_read_alike_in_the_1900_and_1904_systems() {
        let day = |d| Cell::Date(chrono::NaiveDate::from_ymd_opt(2021, 1, d).unwrap(), None);
        assert_eq!(first_cells("date.xlsx"), [day(1), day(2)]);
        assert_eq!(first_cells("date_1904.xlsx"), [day(1), day(2)]);
    }

    #[test]
    fn a_sheet_is_picked_by_name_and_a_wrong_name_lists_the_sheets() {
        let path = format!(
            "{}/../shared/realdata/calamine-tests/any_sheets.xlsx",
            env!("CARGO_MANIFEST_DIR")
        );
        let err = SheetRows::open(&path, "xlsx", Some("Nope"), Limits::default())
            .err()
            .unwrap();
        let LoadError::NoSheet { sheets, .. } = err else {
            panic!("{err}")
        };
        let first = sheets.split(", ").next().unwrap().to_string();
        assert_eq!(
            SheetRows::open(&path, "xlsx", Some(&first), Limits::default())
                .unwrap()
                .sheet,
            first
        );
    }

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = kind.to_le_bytes().to_vec();
        bytes.extend_from_slice(&(data.len() as u16).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    #[test]
    fn old_excel_sheet_extents_come_from_their_cell_records_and_dimensions() {
        let number = |row: u16, col: u16| {
            let mut data = row.to_le_bytes().to_vec();
            data.extend_from_slice(&col.to_le_bytes());
            data.extend_from_slice(&[0; 10]);
            record(0x0203, &data)
        };
        let sheet = |records: Vec<Vec<u8>>| {
            let globals_len = 20 + 4 + 10 + 4;
            let mut bound = (globals_len as u32).to_le_bytes().to_vec();
            bound.extend_from_slice(&[0; 6]);
            let mut stream = [
                record(0x0809, &[0; 16]),
                record(0x0085, &bound),
                record(0x000A, &[]),
            ]
            .concat();
            assert_eq!(stream.len(), globals_len);
            stream.extend(record(0x0809, &[0; 16]));
            stream.extend(records.concat());
            stream.extend(record(0x000A, &[]));
            stream
        };
        assert_eq!(
            biff_sheet_extents(&sheet(vec![number(2, 1), number(65_535, 300)])),
            [(65_534, 300)]
        );
        let mut dimensions = 10u32.to_le_bytes().to_vec();
        dimensions.extend_from_slice(&5u32.to_le_bytes());
        dimensions.extend_from_slice(&[0, 0, 3, 0, 0, 0]);
        assert_eq!(
            biff_sheet_extents(&sheet(vec![record(0x0200, &dimensions)])),
            [(u64::from(u32::MAX), 3)]
        );
        assert_eq!(biff_sheet_extents(&[]), []);
    }

    #[test]
    fn floats_keep_their_shortest_text() {
        assert_eq!(
            float_cell(45.9),
            Cell::Number(Decimal::from_str("45.9").unwrap())
        );
        assert_eq!(float_cell(1234.0), Cell::Number(Decimal::from(1234)));
        for whole in [1.0, -7.0, 650.0, 1e15, -0.0, 0.0] {
            assert_eq!(
                float_cell(whole),
                Cell::Number(Decimal::from_str(&whole.to_string()).unwrap()),
                "{whole}"
            );
        }
        assert!(matches!(float_cell(f64::NAN), Cell::Text(_)));
    }
}
