//! exceptions.csv and matches.csv. Every text cell that a spreadsheet would read as a formula
//! (`=` `+` `-` `@` TAB CR first) is prefixed with `'`: the reports go back to vendors and
//! auditors, who open them in Excel.

use super::view::{ExceptionRecord, ReportView};
use crate::model::Ident;
use crate::rules::Target;
use std::fmt::{Display, Write as _};
use std::io::Write;

/// Neutralises a cell against formula injection. A negative number (a credit, SPEC §3.5) is no
/// formula and stays a number, so that a spreadsheet still adds the column up.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let negative_number = cell.strip_prefix('-').is_some_and(|digits| {
        digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !negative_number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV file being written, row by row, into the report.
type Out<'w> = csv::Writer<&'w mut dyn Write>;

fn writer(into: &mut dyn Write) -> Out<'_> {
    csv::WriterBuilder::new().from_writer(into)
}

fn finish(mut out: Out<'_>) -> csv::Result<()> {
    Ok(out.flush()?)
}

/// One row being written cell by cell, each neutralised (see [`neutralise`]). Values are
/// formatted into one scratch buffer that every row reuses, so a row of a million-row register
/// costs no allocation of its own.
struct Row<'o, 'w> {
    out: &'o mut Out<'w>,
    scratch: &'o mut String,
}

impl<'o, 'w> Row<'o, 'w> {
    fn start(out: &'o mut Out<'w>, scratch: &'o mut String) -> Self {
        Row { out, scratch }
    }

    fn text(&mut self, cell: &str) -> csv::Result<&mut Self> {
        self.out.write_field(neutralise(cell).as_bytes())?;
        Ok(self)
    }

    /// A value as it displays; nothing for none.
    fn shown<T: Display>(&mut self, value: Option<T>) -> csv::Result<&mut Self> {
        self.scratch.clear();
        if let Some(value) = value {
            write!(self.scratch, "{value}").map_err(unshowable)?;
        }
        self.out.write_field(neutralise(self.scratch).as_bytes())?;
        Ok(self)
    }

    /// Several values joined by `separator`.
    fn joined<T: Display>(
        &mut self,
        values: impl IntoIterator<Item = T>,
        separator: &str,
    ) -> csv::Result<&mut Self> {
        self.scratch.clear();
        for (n, value) in values.into_iter().enumerate() {
            if n > 0 {
                self.scratch.push_str(separator);
            }
            write!(self.scratch, "{value}").map_err(unshowable)?;
        }
        self.out.write_field(neutralise(self.scratch).as_bytes())?;
        Ok(self)
    }

    fn end(&mut self) -> csv::Result<()> {
        self.out.write_record(None::<&[u8]>)
    }
}

/// A value whose `Display` failed (only the evidence's JSON can): the file is not written,
/// rather than written with an empty cell.
fn unshowable(_: std::fmt::Error) -> csv::Error {
    std::io::Error::other("a value could not be shown as text").into()
}

pub fn exceptions(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let mut out = writer(into);
    out.write_record(ExceptionRecord::COLUMNS)?;
    let mut scratch = String::new();
    for index in 0..view.exceptions.len() {
        let e = view.exception_record(index);
        Row::start(&mut out, &mut scratch)
            .text(e.id)?
            .text(e.code)?
            .text(e.severity)?
            .text(e.document)?
            .shown(e.trip_id)?
            .shown(e.receipt_no)?
            .shown(e.invoice_no)?
            .shown(e.invoice_line)?
            .shown(e.vehicle_id)?
            .shown(e.driver)?
            .shown(e.vendor)?
            .shown(e.date.as_deref())?
            .text(&e.amount_at_risk)?
            .text(e.message)?
            .shown(Some(EvidenceJson(e.evidence)))?
            .text(e.source)?
            .end()?;
    }
    finish(out)
}

/// An exception's evidence as one line of JSON, as exceptions.csv gives it.
struct EvidenceJson<'e>(&'e serde_json::Map<String, serde_json::Value>);

impl Display for EvidenceJson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string(self.0).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}

/// The codes, messages and ids of some exceptions, as lines.csv and the registers list them.
struct ExceptionCells<'v> {
    codes: Vec<&'v str>,
    reasons: Vec<&'v str>,
    ids: Vec<&'v str>,
}

fn exception_cells<'v>(view: &'v ReportView<'_>, indexes: &[usize]) -> ExceptionCells<'v> {
    let mut codes: Vec<&str> = indexes
        .iter()
        .map(|&i| view.exceptions[i].code.as_str())
        .collect();
    codes.dedup();
    ExceptionCells {
        codes,
        reasons: indexes.iter().map(|&i| view.messages[i].as_str()).collect(),
        ids: indexes
            .iter()
            .map(|&i| view.exception_ids[i].as_str())
            .collect(),
    }
}

/// lines.csv: every invoice line with what to pay of it and why (SPEC §6).
pub fn lines(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = writer(into);
    out.write_record([
        "invoice_no",
        "line_no",
        "vendor",
        "invoice_date",
        "receipt_no",
        "linked_receipt",
        "link_method",
        "vehicle_id",
        "fill_date",
        "fuel_type",
        "litres",
        "billed",
        "accepted",
        "withheld",
        "unverified",
        "status",
        "codes",
        "reasons",
        "exception_ids",
        "source",
    ])?;
    let mut scratch = String::new();
    for (index, (line, money)) in data.invoice_lines.iter().zip(&view.lines).enumerate() {
        let link = view.links.line_receipt[index];
        let linked = link.map(|(r, _)| &data.receipts[r]);
        let cells = exception_cells(view, &money.exceptions);
        // Amounts of a line whose billed amount could not be read are left blank.
        let amount = |value: rust_decimal::Decimal| money.billed.is_some().then_some(value);
        Row::start(&mut out, &mut scratch)
            .shown(line.invoice_no.as_ref())?
            .shown(Some(line.line_no))?
            .shown(line.vendor.as_ref())?
            .shown(line.invoice_date)?
            .shown(line.receipt_no.as_ref())?
            .shown(linked.and_then(|r| r.receipt_no.as_ref()))?
            .shown(link.map(|(_, m)| m.as_str()))?
            .shown(view.line_vehicle(index).as_ref())?
            .shown(line.date.or(linked.and_then(|r| r.date)))?
            .shown(line.fuel_type.as_ref())?
            .shown(line.litres)?
            .shown(money.billed)?
            .shown(amount(money.accepted()))?
            .shown(amount(money.withheld()))?
            .shown(amount(money.money.unverified))?
            .text(money.status.as_str())?
            .joined(&cells.codes, ";")?
            .joined(&cells.reasons, " | ")?
            .joined(&cells.ids, ";")?
            .shown(Some(&line.prov))?
            .end()?;
    }
    finish(out)
}

/// trips.csv: every trip ticket, documented or not, with its receipts and exceptions — the
/// register auditors sample trips from.
pub fn trips(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = writer(into);
    out.write_record([
        "trip_id",
        "vehicle_id",
        "driver",
        "date_out",
        "date_in",
        "odometer_out",
        "odometer_in",
        "fuel_litres",
        "voucher_no",
        "documented",
        "receipts",
        "codes",
        "exception_ids",
        "source",
    ])?;
    let mut scratch = String::new();
    for (index, trip) in data.trips.iter().enumerate() {
        let receipts = view.links.trip_receipts[index]
            .iter()
            .map(|&r| Shown(data.receipts[r].receipt_no.as_ref()));
        let cells = exception_cells(view, view.exceptions_on(Target::Trip(index)));
        Row::start(&mut out, &mut scratch)
            .shown(trip.trip_id.as_ref())?
            .shown(trip.vehicle_id.as_ref())?
            .shown(trip.driver.as_ref())?
            .shown(trip.date_out)?
            .shown(trip.date_in)?
            .shown(trip.odometer_out)?
            .shown(trip.odometer_in)?
            .shown(trip.fuel_litres)?
            .joined(&trip.voucher_nos, ";")?
            .text(if view.trip_documented[index] {
                "yes"
            } else {
                "no"
            })?
            .joined(receipts, ";")?
            .joined(&cells.codes, ";")?
            .joined(&cells.ids, ";")?
            .shown(Some(&trip.prov))?
            .end()?;
    }
    finish(out)
}

/// receipts.csv: every receipt with its trip, the lines that bill it, and its exceptions.
pub fn receipts(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = writer(into);
    out.write_record([
        "receipt_no",
        "vendor",
        "vehicle_id",
        "date",
        "fuel_type",
        "litres",
        "unit_price",
        "amount",
        "trip_id",
        "billed_on",
        "at_risk",
        "codes",
        "exception_ids",
        "source",
    ])?;
    let mut scratch = String::new();
    for (index, receipt) in data.receipts.iter().enumerate() {
        let trip = view.links.receipt_trip[index].map(|(t, _)| &data.trips[t]);
        let billed_on = view.links.receipt_lines[index].iter().map(|&l| {
            let line = &data.invoice_lines[l];
            LineName(Shown(line.invoice_no.as_ref()), line.line_no)
        });
        let on = view.exceptions_on(Target::Receipt(index));
        let at_risk = on
            .iter()
            .map(|&i| view.exceptions[i].amount_at_risk)
            .max()
            .unwrap_or_default();
        let cells = exception_cells(view, on);
        Row::start(&mut out, &mut scratch)
            .shown(receipt.receipt_no.as_ref())?
            .shown(receipt.vendor.as_ref())?
            .shown(receipt.vehicle_id.as_ref())?
            .shown(receipt.date)?
            .shown(receipt.fuel_type.as_ref())?
            .shown(receipt.litres)?
            .shown(receipt.unit_price)?
            .shown(receipt.amount)?
            .shown(trip.and_then(|t| t.trip_id.as_ref()))?
            .joined(billed_on, ";")?
            .shown(Some(at_risk))?
            .joined(&cells.codes, ";")?
            .joined(&cells.ids, ";")?
            .shown(Some(&receipt.prov))?
            .end()?;
    }
    finish(out)
}

/// A value that may be missing, shown as nothing then.
struct Shown<T>(Option<T>);

impl<T: Display> Display for Shown<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => Ok(()),
        }
    }
}

/// An invoice line named by its invoice and number: `INV-7 line 3` (receipts.csv), or with
/// the invoice named as a document, `invoice INV-7 line 3` (matches.csv).
struct LineName<Invoice>(Invoice, u32);

impl<Invoice: Display> Display for LineName<Invoice> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}", self.0, self.1)
    }
}

/// A document as matches.csv names it: `receipt R-12`, or `(none)` for a missing number.
struct Named<'a>(&'static str, Option<&'a Ident>);

impl Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            Some(id) => write!(f, "{} {id}", self.0),
            None => write!(f, "{} (none)", self.0),
        }
    }
}

pub fn matches(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = writer(into);
    out.write_record(["from", "to", "method", "from_source", "to_source"])?;
    let mut scratch = String::new();
    for (index, link) in view.links.line_receipt.iter().enumerate() {
        let Some((receipt_index, method)) = link else {
            continue;
        };
        let line = &data.invoice_lines[index];
        let receipt = &data.receipts[*receipt_index];
        Row::start(&mut out, &mut scratch)
            .shown(Some(LineName(
                Named("invoice", line.invoice_no.as_ref()),
                line.line_no,
            )))?
            .shown(Some(Named("receipt", receipt.receipt_no.as_ref())))?
            .text(method.as_str())?
            .shown(Some(&line.prov))?
            .shown(Some(&receipt.prov))?
            .end()?;
    }
    for (index, link) in view.links.receipt_trip.iter().enumerate() {
        let Some((trip_index, method)) = link else {
            continue;
        };
        let receipt = &data.receipts[index];
        let trip = &data.trips[*trip_index];
        Row::start(&mut out, &mut scratch)
            .shown(Some(Named("receipt", receipt.receipt_no.as_ref())))?
            .shown(Some(Named("trip", trip.trip_id.as_ref())))?
            .text(method.as_str())?
            .shown(Some(&receipt.prov))?
            .shown(Some(&trip.prov))?
            .end()?;
    }
    finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+cmd",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("R-123"), "R-123");
        assert_eq!(neutralise("-0.53"), "-0.53", "a credit stays a number");
        assert!(neutralise("-").starts_with('\''));
    }
}
