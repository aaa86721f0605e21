//! exceptions.csv and matches.csv. Every text cell that a spreadsheet would read as a formula
//! (`=` `+` `-` `@` TAB CR first) is prefixed with `'`: the reports go back to vendors and
//! auditors, who open them in Excel.

use super::cell::CellText;
use super::view::{ExceptionRecord, ReportView};
use crate::model::Ident;
use crate::rules::Target;
use std::io::Write;

/// Whether a cell would read as a formula (see the module's doc). A negative number (a credit,
/// SPEC §3.5) is no formula and stays a number, so that a spreadsheet still adds the column up.
fn reads_as_formula(cell: &[u8]) -> bool {
    let negative_number = cell.strip_prefix(b"-").is_some_and(|digits| {
        digits.first().is_some_and(u8::is_ascii_digit)
            && digits.iter().all(|&b| b.is_ascii_digit() || b == b'.')
    });
    matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && !negative_number
}

/// Neutralises a cell against formula injection: prefixed with `'` when it would read as a
/// formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(cell.as_bytes()) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV file being written, record by record, into the report, as the csv crate's writer
/// writes it by default: `,` between fields, `\n` after each record, and a field quoted (its
/// quotes doubled) only when it holds `,` `"` CR or LF. Written here, not through csv::Writer,
/// because the registers are tens of millions of fields and csv::Writer's general machinery
/// (incremental output, its state between calls) cost as much per field as making the field;
/// a test holds the two to the same bytes.
struct Out<'w> {
    into: &'w mut dyn Write,
    buffer: Vec<u8>,
    /// Whether the record being written has a field yet.
    in_record: bool,
}

impl<'w> Out<'w> {
    fn new(into: &'w mut dyn Write) -> Self {
        Out {
            into,
            buffer: Vec::with_capacity(super::write::FILE_BUFFER + 1024),
            in_record: false,
        }
    }

    fn field(&mut self, cell: &[u8]) {
        if self.in_record {
            self.buffer.push(b',');
        }
        self.in_record = true;
        if cell
            .iter()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            self.buffer.push(b'"');
            for &byte in cell {
                if byte == b'"' {
                    self.buffer.push(b'"');
                }
                self.buffer.push(byte);
            }
            self.buffer.push(b'"');
        } else {
            self.buffer.extend_from_slice(cell);
        }
    }

    /// Ends the record; the buffer goes to the file once it holds a file buffer's worth, which
    /// then passes it on whole (see [`super::write::FILE_BUFFER`]).
    fn end_record(&mut self) -> csv::Result<()> {
        self.buffer.push(b'\n');
        self.in_record = false;
        if self.buffer.len() >= super::write::FILE_BUFFER {
            self.into.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// A record of plain cells: a header.
    fn record<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> csv::Result<()> {
        for cell in cells {
            self.field(cell.as_bytes());
        }
        self.end_record()
    }

    fn finish(mut self) -> csv::Result<()> {
        self.into.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(self.into.flush()?)
    }
}

/// One row being written cell by cell, each neutralised (see [`neutralise`]). Values are
/// written as bytes ([`CellText`]) into one scratch buffer that every row reuses, so a row of a
/// million-row register costs no allocation and no `fmt` call of its own.
struct Row<'o, 'w> {
    out: &'o mut Out<'w>,
    scratch: &'o mut Vec<u8>,
}

impl<'o, 'w> Row<'o, 'w> {
    fn start(out: &'o mut Out<'w>, scratch: &'o mut Vec<u8>) -> Self {
        Row { out, scratch }
    }

    fn text(&mut self, cell: &str) -> &mut Self {
        write_neutralised(self.out, cell.as_bytes());
        self
    }

    /// A value as it displays; nothing for none.
    fn cell(&mut self, value: impl CellText) -> &mut Self {
        self.scratch.clear();
        value.write_to(self.scratch);
        write_neutralised(self.out, self.scratch);
        self
    }

    /// Several values joined by `separator`.
    fn joined<T: CellText>(
        &mut self,
        values: impl IntoIterator<Item = T>,
        separator: &str,
    ) -> &mut Self {
        self.scratch.clear();
        for (n, value) in values.into_iter().enumerate() {
            if n > 0 {
                self.scratch.extend_from_slice(separator.as_bytes());
            }
            value.write_to(self.scratch);
        }
        write_neutralised(self.out, self.scratch);
        self
    }

    fn end(&mut self) -> csv::Result<()> {
        self.out.end_record()
    }
}

fn write_neutralised(out: &mut Out<'_>, cell: &[u8]) {
    if reads_as_formula(cell) {
        out.field(&[b"'", cell].concat());
    } else {
        out.field(cell);
    }
}

pub fn exceptions(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let mut out = Out::new(into);
    out.record(ExceptionRecord::COLUMNS)?;
    let mut scratch = Vec::new();
    for index in 0..view.exceptions.len() {
        let e = view.exception_record(index);
        Row::start(&mut out, &mut scratch)
            .text(e.id)
            .text(e.code)
            .text(e.severity)
            .text(e.document)
            .cell(e.trip_id)
            .cell(e.receipt_no)
            .cell(e.invoice_no)
            .cell(e.invoice_line)
            .cell(e.vehicle_id)
            .cell(e.driver)
            .cell(e.vendor)
            .cell(e.date.as_deref())
            .text(&e.amount_at_risk)
            .text(e.message)
            .cell(EvidenceJson(e.evidence))
            .text(e.source)
            .end()?;
    }
    out.finish()
}

/// An exception's evidence as one line of JSON, as exceptions.csv gives it.
struct EvidenceJson<'e>(&'e crate::rules::EvidenceMap);

impl CellText for EvidenceJson<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        // Named JSON values always serialise, and a Vec always takes the bytes.
        let _ = serde_json::to_writer(out, self.0);
    }
}

/// The codes of some exceptions (in report order, so grouped), each run of one code once.
fn codes<'v>(view: &'v ReportView<'_>, indexes: &'v [usize]) -> impl Iterator<Item = &'v str> {
    let mut last = None;
    indexes
        .iter()
        .map(|&i| view.exceptions[i].code.as_str())
        .filter(move |&code| last.replace(code) != Some(code))
}

/// The messages of some exceptions, in the report's language.
fn reasons<'v>(view: &'v ReportView<'_>, indexes: &'v [usize]) -> impl Iterator<Item = &'v str> {
    indexes.iter().map(|&i| view.messages[i].as_str())
}

/// The ids of some exceptions.
fn ids<'v>(view: &'v ReportView<'_>, indexes: &'v [usize]) -> impl Iterator<Item = &'v str> {
    indexes.iter().map(|&i| view.exception_ids[i].as_str())
}

/// lines.csv's columns, in order. The ledger (`accept`) and the sampler read the file back by these names.
pub const LINES_COLUMNS: [&str; 20] = [
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
];

/// trips.csv's columns, in order. The sampler reads the file back by these names.
pub const TRIPS_COLUMNS: [&str; 14] = [
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
];

/// receipts.csv's columns, in order. The sampler reads the file back by these names.
pub const RECEIPTS_COLUMNS: [&str; 14] = [
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
];

/// lines.csv: every invoice line with what to pay of it and why (SPEC §6).
pub fn lines(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = Out::new(into);
    out.record(LINES_COLUMNS)?;
    let mut scratch = Vec::new();
    for (index, (line, line_view)) in data.invoice_lines.iter().zip(&view.lines).enumerate() {
        let link = view.links.line_receipt.get(index);
        let linked = link.map(|(r, _)| &data.receipts[r]);
        let on = &view.line_exceptions(index);
        // Amounts of a line whose billed amount could not be read are left blank.
        let money = line_view.money();
        let amount = |value: rust_decimal::Decimal| line_view.billed().is_some().then_some(value);
        Row::start(&mut out, &mut scratch)
            .cell(&line.invoice_no)
            .cell(line.line_no)
            .cell(&line.vendor)
            .cell(line.invoice_date)
            .cell(&line.receipt_no)
            .cell(linked.and_then(|r| r.receipt_no.as_ref()))
            .cell(link.map(|(_, m)| m.as_str()))
            .cell(view.line_vehicle(index))
            .cell(line.date.or(linked.and_then(|r| r.date)))
            .cell(&line.fuel_type)
            .cell(line.litres())
            .cell(line_view.billed())
            .cell(amount(money.supported))
            .cell(amount(money.at_risk))
            .cell(amount(money.unverified))
            .text(line_view.status.as_str())
            .joined(codes(view, on), ";")
            .joined(reasons(view, on), " | ")
            .joined(ids(view, on), ";")
            .cell(&line.prov)
            .end()?;
    }
    out.finish()
}

/// trips.csv: every trip ticket, documented or not, with its receipts and exceptions — the
/// register auditors sample trips from.
pub fn trips(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = Out::new(into);
    out.record(TRIPS_COLUMNS)?;
    let mut scratch = Vec::new();
    for (index, trip) in data.trips.iter().enumerate() {
        let receipts = view
            .links
            .trip_receipts
            .of(index)
            .iter()
            .map(|r| &data.receipts[r].receipt_no);
        let on = view.exceptions_on(Target::Trip(index));
        Row::start(&mut out, &mut scratch)
            .cell(&trip.trip_id)
            .cell(&trip.vehicle_id)
            .cell(&trip.driver)
            .cell(trip.date_out)
            .cell(trip.date_in)
            .cell(trip.odometer_out())
            .cell(trip.odometer_in())
            .cell(trip.fuel_litres())
            .joined(&trip.voucher_nos, ";")
            .text(if view.trip_documented[index] {
                "yes"
            } else {
                "no"
            })
            .joined(receipts, ";")
            .joined(codes(view, on), ";")
            .joined(ids(view, on), ";")
            .cell(&trip.prov)
            .end()?;
    }
    out.finish()
}

/// receipts.csv: every receipt with its trip, the lines that bill it, and its exceptions, with
/// what they put at risk as the headline counts it (SPEC §6.1): the largest, capped at the
/// receipt's amount, so the column adds up to summary.json's flagged total.
pub fn receipts(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = Out::new(into);
    out.record(RECEIPTS_COLUMNS)?;
    let mut scratch = Vec::new();
    for (index, receipt) in data.receipts.iter().enumerate() {
        let trip = view
            .links
            .receipt_trip
            .get(index)
            .map(|(t, _)| &data.trips[t]);
        let billed_on = view.links.receipt_lines.of(index).iter().map(|l| {
            let line = &data.invoice_lines[l];
            LineName(&line.invoice_no, line.line_no)
        });
        let on = view.exceptions_on(Target::Receipt(index));
        Row::start(&mut out, &mut scratch)
            .cell(&receipt.receipt_no)
            .cell(&receipt.vendor)
            .cell(&receipt.vehicle_id)
            .cell(receipt.date)
            .cell(&receipt.fuel_type)
            .cell(receipt.litres())
            .cell(receipt.unit_price())
            .cell(receipt.amount())
            .cell(trip.and_then(|t| t.trip_id.as_ref()))
            .joined(billed_on, ";")
            .cell(view.receipt_flagged.of(index))
            .joined(codes(view, on), ";")
            .joined(ids(view, on), ";")
            .cell(&receipt.prov)
            .end()?;
    }
    out.finish()
}

/// An invoice line named by its invoice and number: `INV-7 line 3` (receipts.csv), or with
/// the invoice named as a document, `invoice INV-7 line 3` (matches.csv).
struct LineName<Invoice>(Invoice, u32);

impl<Invoice: CellText> CellText for LineName<Invoice> {
    fn write_to(&self, out: &mut Vec<u8>) {
        self.0.write_to(out);
        out.extend_from_slice(b" line ");
        self.1.write_to(out);
    }
}

/// A document as matches.csv names it: `receipt R-12`, or `(none)` for a missing number.
struct Named<'a>(&'static str, Option<&'a Ident>);

impl CellText for Named<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        self.0.write_to(out);
        out.push(b' ');
        match self.1 {
            Some(id) => id.write_to(out),
            None => out.extend_from_slice(b"(none)"),
        }
    }
}

pub fn matches(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = Out::new(into);
    out.record(["from", "to", "method", "from_source", "to_source"])?;
    let mut scratch = Vec::new();
    for (index, link) in view.links.line_receipt.iter().enumerate() {
        let Some((receipt_index, method)) = link else {
            continue;
        };
        let line = &data.invoice_lines[index];
        let receipt = &data.receipts[receipt_index];
        Row::start(&mut out, &mut scratch)
            .cell(LineName(
                Named("invoice", line.invoice_no.as_ref()),
                line.line_no,
            ))
            .cell(Named("receipt", receipt.receipt_no.as_ref()))
            .text(method.as_str())
            .cell(&line.prov)
            .cell(&receipt.prov)
            .end()?;
    }
    for (index, link) in view.links.receipt_trip.iter().enumerate() {
        let Some((trip_index, method)) = link else {
            continue;
        };
        let receipt = &data.receipts[index];
        let trip = &data.trips[trip_index];
        Row::start(&mut out, &mut scratch)
            .cell(Named("receipt", receipt.receipt_no.as_ref()))
            .cell(Named("trip", trip.trip_id.as_ref()))
            .text(method.as_str())
            .cell(&receipt.prov)
            .cell(&trip.prov)
            .end()?;
    }
    out.finish()
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

    #[test]
    fn records_are_written_as_the_csv_crate_writes_them() {
        let records: [&[&str]; 4] = [
            &["plain", "", "with, comma", "say \"hi\""],
            &["line\nbreak", "carriage\rreturn", "\"", "Énergies ; café"],
            &["", "", "", ""],
            &["'=1+1", " spaced ", "tab\there", "-0.53"],
        ];
        let mut ours = Vec::new();
        let mut out = Out::new(&mut ours);
        for record in records {
            out.record(record.iter().copied()).unwrap();
        }
        out.finish().unwrap();
        let mut theirs = csv::Writer::from_writer(Vec::new());
        for record in records {
            theirs.write_record(record).unwrap();
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs.into_inner().unwrap()).unwrap()
        );
    }
}
