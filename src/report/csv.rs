//! exceptions.csv and matches.csv. Every text cell that a spreadsheet would read as a formula
//! (`=` `+` `-` `@` TAB CR first) is prefixed with `'`: the reports go back to vendors and
//! auditors, who open them in Excel.

use super::view::{ExceptionRecord, ReportView};
use crate::rules::Target;
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

/// One row, each cell neutralised (see [`neutralise`]).
fn write_row<I, S>(out: &mut Out<'_>, cells: I) -> csv::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for cell in cells {
        out.write_field(neutralise(cell.as_ref()).as_bytes())?;
    }
    out.write_record(None::<&[u8]>)
}

pub fn exceptions(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let mut out = writer(into);
    out.write_record(ExceptionRecord::COLUMNS)?;
    for index in 0..view.exceptions.len() {
        write_row(&mut out, view.exception_record(index).cells())?;
    }
    finish(out)
}

fn text<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The codes, messages and ids of some exceptions, as lines.csv and the registers list them.
fn exception_cells(view: &ReportView<'_>, indexes: &[usize]) -> [String; 3] {
    let mut codes: Vec<&str> = indexes
        .iter()
        .map(|&i| view.exceptions[i].code.as_str())
        .collect();
    codes.dedup();
    let reasons: Vec<&str> = indexes.iter().map(|&i| view.messages[i].as_str()).collect();
    let ids: Vec<&str> = indexes
        .iter()
        .map(|&i| view.exception_ids[i].as_str())
        .collect();
    [codes.join(";"), reasons.join(" | "), ids.join(";")]
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
    for (index, (line, money)) in data.invoice_lines.iter().zip(&view.lines).enumerate() {
        let link = view.links.line_receipt[index];
        let linked = link.map(|(r, _)| &data.receipts[r]);
        let [codes, reasons, ids] = exception_cells(view, &money.exceptions);
        let amount = |value: rust_decimal::Decimal| {
            if money.billed.is_some() {
                value.to_string()
            } else {
                String::new()
            }
        };
        write_row(
            &mut out,
            [
                text(&line.invoice_no),
                line.line_no.to_string(),
                text(&line.vendor),
                text(&line.invoice_date),
                text(&line.receipt_no),
                linked.map(|r| text(&r.receipt_no)).unwrap_or_default(),
                link.map(|(_, m)| m.as_str().to_string())
                    .unwrap_or_default(),
                text(view.line_vehicle(index)),
                text(&line.date.or(linked.and_then(|r| r.date))),
                text(&line.fuel_type),
                text(&line.litres),
                text(&money.billed),
                amount(money.accepted()),
                amount(money.withheld()),
                amount(money.money.unverified),
                money.status.as_str().to_string(),
                codes,
                reasons,
                ids,
                line.prov.to_string(),
            ],
        )?;
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
    for (index, trip) in data.trips.iter().enumerate() {
        let receipts: Vec<String> = view.links.trip_receipts[index]
            .iter()
            .map(|&r| text(&data.receipts[r].receipt_no))
            .collect();
        let vouchers: Vec<&str> = trip.voucher_nos.iter().map(|v| v.text()).collect();
        let [codes, _, ids] = exception_cells(view, view.exceptions_on(Target::Trip(index)));
        write_row(
            &mut out,
            [
                text(&trip.trip_id),
                text(&trip.vehicle_id),
                text(&trip.driver),
                text(&trip.date_out),
                text(&trip.date_in),
                text(&trip.odometer_out),
                text(&trip.odometer_in),
                text(&trip.fuel_litres),
                vouchers.join(";"),
                if view.trip_documented[index] {
                    "yes"
                } else {
                    "no"
                }
                .to_string(),
                receipts.join(";"),
                codes,
                ids,
                trip.prov.to_string(),
            ],
        )?;
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
    for (index, receipt) in data.receipts.iter().enumerate() {
        let trip = view.links.receipt_trip[index].map(|(t, _)| &data.trips[t]);
        let billed_on: Vec<String> = view.links.receipt_lines[index]
            .iter()
            .map(|&l| {
                let line = &data.invoice_lines[l];
                format!("{} line {}", text(&line.invoice_no), line.line_no)
            })
            .collect();
        let on = view.exceptions_on(Target::Receipt(index));
        let at_risk = on
            .iter()
            .map(|&i| view.exceptions[i].amount_at_risk)
            .max()
            .unwrap_or_default();
        let [codes, _, ids] = exception_cells(view, on);
        write_row(
            &mut out,
            [
                text(&receipt.receipt_no),
                text(&receipt.vendor),
                text(&receipt.vehicle_id),
                text(&receipt.date),
                text(&receipt.fuel_type),
                text(&receipt.litres),
                text(&receipt.unit_price),
                text(&receipt.amount),
                trip.map(|t| text(&t.trip_id)).unwrap_or_default(),
                billed_on.join(";"),
                at_risk.to_string(),
                codes,
                ids,
                receipt.prov.to_string(),
            ],
        )?;
    }
    finish(out)
}

pub fn matches(view: &ReportView<'_>, into: &mut dyn Write) -> csv::Result<()> {
    let data = view.data;
    let mut out = writer(into);
    out.write_record(["from", "to", "method", "from_source", "to_source"])?;
    let name = |id: &Option<crate::model::Ident>| {
        id.as_ref()
            .map_or("(none)".to_string(), ToString::to_string)
    };
    for (index, link) in view.links.line_receipt.iter().enumerate() {
        let Some((receipt_index, method)) = link else {
            continue;
        };
        let line = &data.invoice_lines[index];
        let receipt = &data.receipts[*receipt_index];
        let from = format!("invoice {} line {}", name(&line.invoice_no), line.line_no);
        let to = format!("receipt {}", name(&receipt.receipt_no));
        write_link(
            &mut out,
            &from,
            &to,
            method.as_str(),
            &line.prov.to_string(),
            &receipt.prov.to_string(),
        )?;
    }
    for (index, link) in view.links.receipt_trip.iter().enumerate() {
        let Some((trip_index, method)) = link else {
            continue;
        };
        let receipt = &data.receipts[index];
        let trip = &data.trips[*trip_index];
        let from = format!("receipt {}", name(&receipt.receipt_no));
        let to = format!("trip {}", name(&trip.trip_id));
        write_link(
            &mut out,
            &from,
            &to,
            method.as_str(),
            &receipt.prov.to_string(),
            &trip.prov.to_string(),
        )?;
    }
    finish(out)
}

fn write_link(
    out: &mut Out<'_>,
    from: &str,
    to: &str,
    method: &str,
    from_source: &str,
    to_source: &str,
) -> csv::Result<()> {
    write_row(out, [from, to, method, from_source, to_source])
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
