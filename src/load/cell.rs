//! One cell as a loader hands it over, before it is read as a field: text from a CSV file, or a
//! typed value from a spreadsheet; and one row of them.
//!
//! A row borrows its cells from the reader (the CSV parser's reused record, or the sheet's
//! stored cells) and decodes a cell only when it is asked for it: a file of a million rows costs
//! no `String` per cell, only text that is not UTF-8 is copied (decoded from Windows-1252).

use super::csv::Fields;
use chrono::{NaiveDate, NaiveTime};
use encoding_rs::WINDOWS_1252;
use rust_decimal::Decimal;
use std::borrow::Cow;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell<'a> {
    #[default]
    Empty,
    Text(Cow<'a, str>),
    Number(Decimal),
    Date(NaiveDate, Option<NaiveTime>),
    /// A spreadsheet error value such as `#N/A`.
    Error(Cow<'a, str>),
}

impl<'a> Cell<'a> {
    /// Blank cells, cells of white space only, and the words people type for "nothing here"
    /// (`-`, `N/A`, `néant`): a required field so written is missing, not invalid. (`#N/A`, a
    /// spreadsheet error, is unreadable instead.)
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => is_blank_text(text),
            _ => false,
        }
    }

    /// The cell as a person reads it, for reports of values that could not be used.
    pub fn display(&self) -> String {
        self.as_text().into_owned()
    }

    /// The cell as a person reads it, borrowed when it is text.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) | Cell::Error(text) => Cow::Borrowed(text),
            Cell::Number(n) => Cow::Owned(n.normalize().to_string()),
            Cell::Date(d, None) => Cow::Owned(d.to_string()),
            Cell::Date(d, Some(t)) => Cow::Owned(format!("{d} {t}")),
        }
    }

    /// The same cell borrowing from this one: what a row hands out of its stored cells.
    pub fn borrowed(&self) -> Cell<'_> {
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(text) => Cell::Text(Cow::Borrowed(text)),
            Cell::Number(n) => Cell::Number(*n),
            Cell::Date(d, t) => Cell::Date(*d, *t),
            Cell::Error(text) => Cell::Error(Cow::Borrowed(text)),
        }
    }

    /// The same cell owning its text, to be kept past the row it came from.
    pub fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(text) => Cell::Text(Cow::Owned(text.into_owned())),
            Cell::Number(n) => Cell::Number(n),
            Cell::Date(d, t) => Cell::Date(d, t),
            Cell::Error(text) => Cell::Error(Cow::Owned(text.into_owned())),
        }
    }
}

fn is_blank_text(text: &str) -> bool {
    let text = crate::model::trim(text);
    text.is_empty()
        || (text.len() <= NO_VALUE_MAX_BYTES
            && NO_VALUE.iter().any(|word| text.eq_ignore_ascii_case(word)))
}

/// A CSV field's text: UTF-8 when valid (borrowed), else Windows-1252 (which maps every byte);
/// and whether it was the latter.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0, true),
    }
}

/// What people write in a cell that has no value.
const NO_VALUE: [&str; 12] = [
    "-", "--", "—", "–", "n/a", "na", "none", "null", "nil", "néant", "neant", "s/o",
];

/// The longest of them, in bytes, so that most cells are never compared.
const NO_VALUE_MAX_BYTES: usize = 6;

/// A sheet's stored cell: zero-based row and column, and the value.
pub type SheetCell = (u32, u32, Cell<'static>);

/// Where a row's cells are.
#[derive(Debug)]
enum Cells<'a> {
    /// The fields of a delimited text row, decoded when asked for.
    Text(&'a Fields),
    /// A sheet row's stored cells (only those that hold something), in column order.
    Sheet(&'a [SheetCell]),
    /// Cells laid out in full, owned: the rows kept while the header is searched for.
    Laid(Vec<Cell<'a>>),
}

/// One row of a file: its number as a person sees it, and its cells in column order, borrowed
/// from the reader until the next row is read.
#[derive(Debug)]
pub struct RawRow<'a> {
    pub row: u64,
    cells: Cells<'a>,
}

impl<'a> RawRow<'a> {
    pub fn text(row: u64, fields: &'a Fields) -> RawRow<'a> {
        RawRow {
            row,
            cells: Cells::Text(fields),
        }
    }

    pub fn sheet(row: u64, cells: &'a [SheetCell]) -> RawRow<'a> {
        RawRow {
            row,
            cells: Cells::Sheet(cells),
        }
    }

    pub fn laid(row: u64, cells: Vec<Cell<'a>>) -> RawRow<'a> {
        RawRow {
            row,
            cells: Cells::Laid(cells),
        }
    }

    /// How many cells the row spans (to its last cell that holds something, for a sheet).
    pub fn width(&self) -> usize {
        match &self.cells {
            Cells::Text(Fields::Utf8(record)) => record.len(),
            Cells::Text(Fields::Bytes(record)) => record.len(),
            Cells::Sheet(cells) => cells.last().map_or(0, |c| c.1 as usize + 1),
            Cells::Laid(cells) => cells.len(),
        }
    }

    /// The cell of a column; empty past the row's end.
    pub fn cell(&self, column: usize) -> Cell<'_> {
        match &self.cells {
            Cells::Text(Fields::Utf8(record)) => match record.get(column) {
                Some(text) if !text.is_empty() => Cell::Text(Cow::Borrowed(text)),
                _ => Cell::Empty,
            },
            Cells::Text(Fields::Bytes(record)) => match record.get(column) {
                Some(bytes) if !bytes.is_empty() => Cell::Text(decode_text(bytes).0),
                _ => Cell::Empty,
            },
            Cells::Sheet(cells) => cells
                .binary_search_by_key(&column, |c| c.1 as usize)
                .map_or(Cell::Empty, |at| cells[at].2.borrowed()),
            Cells::Laid(cells) => cells.get(column).map_or(Cell::Empty, Cell::borrowed),
        }
    }

    /// Every cell, in column order.
    pub fn cells(&self) -> impl Iterator<Item = Cell<'_>> {
        (0..self.width()).map(|column| self.cell(column))
    }

    pub fn is_blank(&self) -> bool {
        match &self.cells {
            // Blank text is rarely anything but empty fields, and those need no decoding.
            Cells::Text(Fields::Utf8(record)) => record.iter().all(is_blank_text),
            Cells::Text(Fields::Bytes(record)) => record
                .iter()
                .all(|bytes| bytes.is_empty() || is_blank_text(&decode_text(bytes).0)),
            Cells::Sheet(cells) => cells.iter().all(|c| c.2.is_blank()),
            Cells::Laid(cells) => cells.iter().all(Cell::is_blank),
        }
    }

    /// The row owning its cells, to be kept while more rows are read.
    pub fn into_owned(self) -> RawRow<'static> {
        RawRow::laid(self.row, self.cells().map(Cell::into_owned).collect())
    }
}

/// Spreadsheet column letters, as Excel shows them: 0 → A, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_words_are_blank_and_error_values_are_not() {
        for text in ["", "  ", "-", "N/A", "néant", "None"] {
            assert!(Cell::Text(text.into()).is_blank(), "{text:?}");
        }
        for text in ["#N/A", "?", "0", "-5"] {
            assert!(!Cell::Text(text.into()).is_blank(), "{text:?}");
        }
    }

    #[test]
    fn column_letters_as_excel_shows_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
