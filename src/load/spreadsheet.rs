//! Reading workbooks through calamine: xlsx, xlsm, xls, xlsb and ods. `FILE#Sheet` picks a sheet,
//! else the first one. Date cells keep their date (in the 1900 or 1904 system, as the workbook
//! says), error cells become unreadable values, and numbers are carried as exact decimals of the
//! shortest text that round-trips the stored binary value.

use super::cell::{Cell, RawRow, column_letter};
use super::limits::Limits;
use crate::error::LoadError;
use calamine::{Data, Range, Reader, open_workbook_auto};
use rust_decimal::Decimal;
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;

/// Extensions read as workbooks; the zipped ones are checked for their unpacked size first.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];
const ZIPPED: [&str; 4] = ["xlsx", "xlsm", "xlsb", "ods"];

/// A sheet read into memory (calamine reads whole sheets), handed out row by row.
pub struct SheetRows {
    range: Range<Data>,
    next: usize,
    pub sheet: String,
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
        let failed = |message: String| LoadError::Spreadsheet {
            path: path.to_string(),
            message,
        };
        // calamine parses untrusted bytes; a panic inside it is reported as this file's error
        // rather than taking the run down.
        let opened = quietly(|| read_sheet(path, sheet))
            .map_err(|_| failed("the file is damaged or not a spreadsheet of its kind".into()))?;
        let (sheet_name, range) = opened.map_err(|e| match e {
            SheetError::Calamine(message) => failed(message),
            SheetError::NoSheet(sheets) => LoadError::NoSheet {
                path: path.to_string(),
                sheet: sheet.unwrap_or_default().to_string(),
                sheets,
            },
        })?;
        if range.height() as u64 > limits.max_rows {
            return Err(LoadError::TooManyRows {
                path: path.to_string(),
                limit: limits.max_rows,
            });
        }
        for (row_index, row) in range.rows().enumerate() {
            for (col_index, cell) in row.iter().enumerate() {
                if let Data::String(text) = cell
                    && text.len() > limits.max_cell_bytes
                {
                    let (start_row, start_col) = range.start().unwrap_or((0, 0));
                    return Err(LoadError::CellTooLarge {
                        path: path.to_string(),
                        row: u64::from(start_row) + row_index as u64 + 1,
                        column: column_letter(start_col as usize + col_index),
                        size: text.len(),
                        limit: limits.max_cell_bytes,
                    });
                }
            }
        }
        Ok(SheetRows {
            range,
            next: 0,
            sheet: sheet_name,
        })
    }

    pub fn rewind(&mut self) {
        self.next = 0;
    }

    pub fn next_row(&mut self) -> Option<RawRow> {
        let (start_row, start_col) = self.range.start()?;
        let row = self.range.rows().nth(self.next)?;
        let number = u64::from(start_row) + self.next as u64 + 1;
        self.next += 1;
        let mut cells = vec![Cell::Empty; start_col as usize];
        cells.extend(row.iter().map(convert));
        Some(RawRow { row: number, cells })
    }
}

enum SheetError {
    Calamine(String),
    NoSheet(String),
}

fn read_sheet(path: &str, wanted: Option<&str>) -> Result<(String, Range<Data>), SheetError> {
    let mut workbook = open_workbook_auto(path).map_err(|e| SheetError::Calamine(e.to_string()))?;
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
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| SheetError::Calamine(e.to_string()))?;
    Ok((name, range))
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

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(Decimal::from(*n)),
        Data::Float(f) => float_cell(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let date = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d));
            let time = chrono::NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), u32::from(s));
            match date {
                Some(date) => Cell::Date(date, time.filter(|t| *t != chrono::NaiveTime::MIN)),
                None => Cell::Text(dt.as_f64().to_string()),
            }
        }
        Data::DateTime(dt) => float_cell(dt.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The shortest decimal text that reads back as the stored binary number, so 45.9 stays 45.9.
fn float_cell(value: f64) -> Cell {
    if !value.is_finite() {
        return Cell::Text(value.to_string());
    }
    let text = value.to_string();
    match Decimal::from_str(&text) {
        Ok(n) => Cell::Number(n),
        Err(_) => Cell::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_cells(file: &str) -> Vec<Cell> {
        let path = format!(
            "{}/../shared/realdata/calamine-tests/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut rows = SheetRows::open(&path, "xlsx", None, Limits::default()).unwrap();
        (0..2)
            .map(|_| rows.next_row().unwrap().cells.remove(0))
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

    #[test]
    fn floats_keep_their_shortest_text() {
        assert_eq!(
            float_cell(45.9),
            Cell::Number(Decimal::from_str("45.9").unwrap())
        );
        assert_eq!(float_cell(1234.0), Cell::Number(Decimal::from(1234)));
        assert!(matches!(float_cell(f64::NAN), Cell::Text(_)));
    }
}
