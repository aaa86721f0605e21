//! Fatal input errors. Each names the file, and the row and column where they apply, and says
//! what the user can do about it; `main` prints it on one line and exits 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: file not found: check the path, or quote it if it has spaces")]
    NotFound { path: String },

    #[error("{path}: cannot read: {cause}")]
    Io { path: String, cause: std::io::Error },

    #[error(
        "{path}: format not supported ({extension}): fuelrecon reads .csv, .tsv, .txt, .xlsx, .xlsm, .xls, .xlsb and .ods"
    )]
    Unsupported { path: String, extension: String },

    #[error("{path}: this is {what}, not a CSV file: {advice}")]
    WrongContent {
        path: String,
        what: &'static str,
        advice: &'static str,
    },

    #[error(
        "{path}#{sheet}: a text file has no sheets: give the file without #{sheet} (or, if its name holds a #, check the path)"
    )]
    SheetOfText { path: String, sheet: String },

    #[error(
        "{path}: given twice as {kind} (also as {first}): its rows would count twice; give each file once"
    )]
    GivenTwice {
        path: String,
        first: String,
        kind: &'static str,
    },

    #[error("{path}: nothing to read: no header row and no data")]
    Empty { path: String },

    #[error(
        "{inner}; that was the first sheet, and the workbook has others ({others}): name one as FILE#Sheet"
    )]
    OtherSheets {
        inner: Box<LoadError>,
        others: String,
    },

    #[error(
        "{path}: no column for required {kind} field(s) {fields}; headers found in row {header_row}: {found}; map them in the config with the [columns.{kind}] block printed below"
    )]
    MissingColumns {
        path: String,
        kind: &'static str,
        fields: String,
        header_row: u64,
        found: String,
        /// A ready-to-paste `[columns.KIND]` block.
        block: String,
    },

    #[error(
        "{path}: columns {first} and {second} both match field {field}: remove one, or pin the right one in the config's [columns.KIND] (field = \"Header\")"
    )]
    AmbiguousColumns {
        path: String,
        field: &'static str,
        first: String,
        second: String,
    },

    #[error("{path}:{row}: malformed CSV: {message}")]
    Csv {
        path: String,
        row: u64,
        message: String,
    },

    #[error("{path}: cannot read the spreadsheet: {message}")]
    Spreadsheet { path: String, message: String },

    #[error("{path}: no sheet named {sheet:?}; the sheets are: {sheets}")]
    NoSheet {
        path: String,
        sheet: String,
        sheets: String,
    },

    #[error(
        "{path}:{row} column {column}: a cell of {size} bytes is over the limit of {limit}: if it is genuine, raise limits.max_cell_bytes in the config"
    )]
    CellTooLarge {
        path: String,
        row: u64,
        column: String,
        size: usize,
        limit: usize,
    },

    #[error(
        "{path}: more than {limit} rows: if the file is genuine, raise limits.max_rows in the config"
    )]
    TooManyRows { path: String, limit: u64 },

    #[error(
        "{path}: a sheet spans {rows} rows by {columns} columns, over the limit of {limit} cells (a damaged or hostile file, or a stray cell far from the data): if it is genuine, raise limits.max_sheet_cells in the config"
    )]
    SheetTooLarge {
        path: String,
        rows: u64,
        columns: u64,
        limit: u64,
    },

    #[error(
        "{path}: the spreadsheet unpacks to {size} bytes, over the limit of {limit} (a zip bomb, or a very large sheet): if it is genuine, raise limits.max_unpacked_bytes in the config"
    )]
    TooLargeUnpacked { path: String, size: u64, limit: u64 },
}

impl LoadError {
    /// Config text that fixes the error, to print below its one-line message: for missing
    /// columns, a `[columns.KIND]` block to paste into the config and complete.
    pub fn config_fix(&self) -> Option<&str> {
        match self {
            LoadError::MissingColumns { block, .. } => Some(block),
            LoadError::OtherSheets { inner, .. } => inner.config_fix(),
            _ => None,
        }
    }
}

/// Errors in the configuration file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read the config: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },

    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}
