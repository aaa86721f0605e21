//! One cell as a loader hands it over, before it is read as a field: text from a CSV file, or a
//! typed value from a spreadsheet.

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(Decimal),
    Date(NaiveDate, Option<NaiveTime>),
    /// A spreadsheet error value such as `#N/A`.
    Error(String),
}

impl Cell {
    /// Blank cells, cells of white space only, and the words people type for "nothing here"
    /// (`-`, `N/A`, `néant`): a required field so written is missing, not invalid. (`#N/A`, a
    /// spreadsheet error, is unreadable instead.)
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => {
                let text = text.trim();
                text.is_empty()
                    || (text.len() <= NO_VALUE_MAX_BYTES
                        && NO_VALUE.iter().any(|word| text.eq_ignore_ascii_case(word)))
            }
            _ => false,
        }
    }

    /// The cell as a person reads it, for reports of values that could not be used.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) | Cell::Error(text) => text.clone(),
            Cell::Number(n) => n.normalize().to_string(),
            Cell::Date(d, None) => d.to_string(),
            Cell::Date(d, Some(t)) => format!("{d} {t}"),
        }
    }
}

/// What people write in a cell that has no value.
const NO_VALUE: [&str; 12] = [
    "-", "--", "—", "–", "n/a", "na", "none", "null", "nil", "néant", "neant", "s/o",
];

/// The longest of them, in bytes, so that most cells are never compared.
const NO_VALUE_MAX_BYTES: usize = 6;

/// One row of a file: its number as a person sees it, and its cells in column order.
#[derive(Debug)]
pub struct RawRow {
    pub row: u64,
    pub cells: Vec<Cell>,
}

impl RawRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
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
