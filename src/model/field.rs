//! What a field holds, and what went wrong reading one: the loader notes a [`FieldProblem`] on
//! the record, and the rules turn each into an exception worded from the field's type.

use serde::Serialize;

/// How a field's text is read, and so what a valid value looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Id,
    IdList,
    Vendor,
    Date,
    DateTime,
    /// A time of day, for exports that keep it apart from the date.
    Time,
    Number,
    Integer,
    Fuel,
    Legibility,
}

/// Why a field's value could not be used. The codes are the exception codes of SPEC §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ProblemCode {
    #[serde(rename = "MISSING_FIELD")]
    Missing,
    #[serde(rename = "UNREADABLE_FIELD")]
    Unreadable,
    #[serde(rename = "INVALID_VALUE")]
    Invalid,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Missing => "MISSING_FIELD",
            ProblemCode::Unreadable => "UNREADABLE_FIELD",
            ProblemCode::Invalid => "INVALID_VALUE",
        }
    }
}

/// The name a problem of the whole row goes by, where a field's name would be: a row with cells
/// beyond the file's last column, whose values may have shifted (an unquoted `1,120.00`).
pub const WHOLE_ROW: &str = "row";

/// A problem with one field of one record, with the text that was found (empty when missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub code: ProblemCode,
    pub raw: String,
    /// The field's type: what the value should have been.
    pub ty: FieldType,
}
