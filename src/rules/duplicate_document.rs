use super::{Context, Exception, Rule, RuleInfo, declare_rule, say};
use rust_decimal::Decimal;
use std::collections::HashMap;

declare_rule! {
    /// ## What it catches
    /// The same document twice within one document type: a trip ticket number used twice, a
    /// receipt number of one vendor submitted twice, an invoice line (invoice number and line
    /// number of one vendor) billed twice. Ids are compared normalised (`R-001` is `r001`).
    /// ## Why it matters to an auditor
    /// A repeated document is the simplest way to be paid twice, or to justify fuel twice.
    /// ## Example
    /// Receipt 000123 of Total appears on rows 4 and 19 of receipts.csv.
    /// ## Amount at risk
    /// The amount of the repeat (0 for a trip ticket).
    DuplicateDocument, High, "the same document id appears twice within one document type"
}

impl Rule for DuplicateDocument {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<String> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let info = &Self::INFO;
        let mut trips = HashMap::new();
        for (index, trip) in data.trips.iter().enumerate() {
            let Some(id) = &trip.trip_id else { continue };
            if let Some(&first) = trips.get(id.key()) {
                let first: &crate::model::Trip = &data.trips[first];
                out.push(
                    Exception::on_trip(info, index, trip)
                        .message(say!(ctx, "Trip ticket {id} appears again; it was first seen at {}.", "La feuille de route {id} apparaît de nouveau ; elle figure déjà en {}.",
                            first.prov
                        ))
                        .evidence("first_source", first.prov.to_string())
                        .evidence("normalised_id", id.key()),
                );
            } else {
                trips.insert(id.key(), index);
            }
        }
        let mut receipts = HashMap::new();
        for (index, receipt) in data.receipts.iter().enumerate() {
            let (Some(vendor), Some(number)) = (&receipt.vendor, &receipt.receipt_no) else {
                continue;
            };
            if let Some(&first) = receipts.get(&(vendor.key(), number.key())) {
                let first: &crate::model::Receipt = &data.receipts[first];
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(receipt.amount.unwrap_or(Decimal::ZERO))
                        .message(say!(ctx, "Receipt {number} of {vendor} appears again; it was first seen at {}.", "Le reçu {number} de {vendor} apparaît de nouveau ; il figure déjà en {}.",
                            first.prov
                        ))
                        .evidence("first_source", first.prov.to_string())
                        .evidence("normalised_id", number.key()),
                );
            } else {
                receipts.insert((vendor.key(), number.key()), index);
            }
        }
        let mut lines = HashMap::new();
        for (index, line) in data.invoice_lines.iter().enumerate() {
            let (Some(vendor), Some(invoice)) = (&line.vendor, &line.invoice_no) else {
                continue;
            };
            if let Some(&first) = lines.get(&(vendor.key(), invoice.key(), line.line_no)) {
                let first: &crate::model::InvoiceLine = &data.invoice_lines[first];
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(line.amount.unwrap_or(Decimal::ZERO))
                        .message(say!(ctx, "Invoice {invoice} line {} of {vendor} appears again; it was first seen at {}.", "La facture {invoice} ligne {} de {vendor} apparaît de nouveau ; elle figure déjà en {}.",
                            line.line_no, first.prov
                        ))
                        .evidence("first_source", first.prov.to_string())
                        .evidence("normalised_id", format!("{}/{}", invoice.key(), line.line_no)),
                );
            } else {
                lines.insert((vendor.key(), invoice.key(), line.line_no), index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_repeated_receipt_number_is_raised_once_on_the_repeat() {
        let mut data = dataset();
        data.receipts
            .push(receipt("000123", "V1", "2020-03-05", "40", "30000"));
        data.receipts
            .push(receipt("123", "V1", "2020-03-06", "40", "31000"));
        let found = check(&DuplicateDocument, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("31000"));
    }

    #[test]
    fn the_same_number_at_two_vendors_is_not_a_duplicate() {
        let mut data = dataset();
        data.receipts
            .push(receipt("123", "V1", "2020-03-05", "40", "30000"));
        let mut other = receipt("123", "V1", "2020-03-05", "40", "30000");
        other.vendor = crate::model::VendorName::new("Shell");
        data.receipts.push(other);
        assert!(check(&DuplicateDocument, data).is_empty());
    }

    #[test]
    fn trip_tickets_and_invoice_lines_repeat_too() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        data.trips
            .push(trip("t-1", "V2", "2020-03-06", ("100", "200"), None));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R2", "40", "100"));
        data.invoice_lines.push(line("INV1", 2, "R3", "40", "100"));
        let found = check(&DuplicateDocument, data);
        assert_eq!(
            found
                .iter()
                .filter(|e| matches!(e.target, crate::rules::Target::Trip(_)))
                .count(),
            1
        );
        assert_eq!(
            found
                .iter()
                .filter(|e| matches!(e.target, crate::rules::Target::InvoiceLine(_)))
                .count(),
            1
        );
    }
}
