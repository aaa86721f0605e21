//! Resource bounds for reading untrusted files: memory follows the data kept, never a size a
//! file claims. Each is settable in the config's `[limits]` table.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Rows per input file.
    pub max_rows: u64,
    /// Bytes in one cell.
    pub max_cell_bytes: usize,
    /// Bytes a zipped spreadsheet (xlsx, xlsm, xlsb, ods) may unpack to.
    pub max_unpacked_bytes: u64,
    /// Cells a sheet may span, from its first row and column to its last.
    pub max_sheet_cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rows: 10_000_000,
            max_cell_bytes: 1 << 20,
            max_unpacked_bytes: 1 << 30,
            max_sheet_cells: 200_000_000,
        }
    }
}
