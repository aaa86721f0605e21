//! Where a record came from, as a person would look it up: file, sheet, and row number.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// One input as a person names it: the path given on the command line, and the sheet for a
/// spreadsheet (`invoices.xlsx#Feuil1`). Shared by every record of that input, through one
/// word: a month of a large fleet is millions of records, each carrying its source.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(Arc<String>);

impl Deref for SourceId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SourceId {
    fn from(name: String) -> Self {
        SourceId(Arc::new(name))
    }
}

impl From<&str> for SourceId {
    fn from(name: &str) -> Self {
        SourceId::from(name.to_string())
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// The file, sheet and row a record was read from. Row numbers are those a person sees in Excel
/// or a text editor: the first line of the file is row 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Provenance {
    pub source: SourceId,
    pub row: u64,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.row)
    }
}
