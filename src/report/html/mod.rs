//! The pages of a report (SPEC §6.2–6.3): index.html for finance and auditors, and one dispute
//! letter per vendor with money withheld, as HTML and CSV. Each page is a view built here from
//! the one [`ReportView`] and rendered by a template of `templates/` in its reader's language;
//! every figure is the view's own, so a page always equals summary.json. The pages that grow
//! with the month, index.html and the letters, are written in pieces, their rows made one at a
//! time between the blocks of their templates (see each module).

mod charts;
mod index;
mod letters;

pub use index::index_page;
pub use letters::letters;

use rust_decimal::Decimal;
use serde::Serialize;

/// Money as pages pass it to the `money` filter: the decimal's own text.
fn amount(value: Decimal) -> String {
    value.to_string()
}

/// A document's key fields, as the trace and the letters show them.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// A catalogue id (`field-receipt_no`).
    pub label: String,
    pub value: String,
    /// Whether the value is money or a number to format for the language.
    pub kind: FieldKind,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Money,
    Number,
    Date,
}

fn field(name: &str, value: Option<String>, kind: FieldKind) -> Option<Field> {
    value.filter(|v| !v.is_empty()).map(|value| Field {
        label: format!("field-{name}"),
        value,
        kind,
    })
}

fn text<T: ToString>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(ToString::to_string)
}
