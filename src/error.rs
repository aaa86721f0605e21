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
        "{path}: no column for required field {field} ({kind}); headers accepted: {accepted}; headers found in row {header_row}: {found}"
    )]
    MissingColumn {
        path: String,
        kind: &'static str,
        field: &'static str,
        accepted: String,
        header_row: u64,
        found: String,
    },

    #[error(
        "{path}: columns {first} and {second} both match field {field}: remove one, or map one by name in the config's [aliases]"
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
