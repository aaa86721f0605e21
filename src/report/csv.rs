//! exceptions.csv and matches.csv. Every text cell that a spreadsheet would read as a formula
//! (`=` `+` `-` `@` TAB CR first) is prefixed with `'`: the reports go back to vendors and
//! auditors, who open them in Excel.

use super::json::ExceptionRecord;
use super::view::ReportView;

/// Neutralises a cell against formula injection.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> csv::Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

const EXCEPTION_COLUMNS: [&str; 16] = [
    "id",
    "code",
    "severity",
    "document",
    "trip_id",
    "receipt_no",
    "invoice_no",
    "invoice_line",
    "vehicle_id",
    "driver",
    "vendor",
    "date",
    "amount_at_risk",
    "message",
    "evidence",
    "source",
];

pub fn exceptions(view: &ReportView<'_>) -> csv::Result<Vec<u8>> {
    let mut out = writer();
    out.write_record(EXCEPTION_COLUMNS)?;
    for (index, exception) in view.exceptions.iter().enumerate() {
        let r = ExceptionRecord::new(index, exception);
        let evidence = serde_json::to_string(r.evidence)
            .map_err(|e| csv::Error::from(std::io::Error::other(e)))?;
        let line = r.invoice_line.map(|n| n.to_string());
        let cells: [&str; 16] = [
            &r.id,
            r.code,
            r.severity,
            r.document,
            r.trip_id.unwrap_or_default(),
            r.receipt_no.unwrap_or_default(),
            r.invoice_no.unwrap_or_default(),
            line.as_deref().unwrap_or_default(),
            r.vehicle_id.unwrap_or_default(),
            r.driver.unwrap_or_default(),
            r.vendor.unwrap_or_default(),
            r.date.as_deref().unwrap_or_default(),
            &r.amount_at_risk,
            r.message,
            &evidence,
            r.source,
        ];
        out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    }
    finish(out)
}

pub fn matches(view: &ReportView<'_>) -> csv::Result<Vec<u8>> {
    let data = view.data;
    let mut out = writer();
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
    out: &mut csv::Writer<Vec<u8>>,
    from: &str,
    to: &str,
    method: &str,
    from_source: &str,
    to_source: &str,
) -> csv::Result<()> {
    out.write_record([from, to, method, from_source, to_source].map(|c| neutralise(c).into_owned()))
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
    }
}
