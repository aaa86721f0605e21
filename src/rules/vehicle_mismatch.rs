use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, method_word};
use crate::model::{DocKind, Ident};
use rust_decimal::Decimal;

declare_rule! {
    /// A receipt whose linked trip ticket is for another vehicle, or an invoice line whose
    /// linked receipt names another vehicle.
    VehicleMismatch, High
}

/// An identifier as evidence records it: blank when absent.
fn text(id: &Option<Ident>) -> String {
    id.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn differ(a: &Option<Ident>, b: &Option<Ident>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a != b)
}

impl Rule for VehicleMismatch {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts])
            .or_else(|| ctx.lacks_every(&[DocKind::Trips, DocKind::Invoices]))
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let data = ctx.data;
        for (index, receipt) in data.receipts.iter().enumerate() {
            let Some((trip_index, method)) = ctx.links.receipt_trip.get(index) else {
                continue;
            };
            let trip = &data.trips[trip_index];
            if differ(&receipt.vehicle_id, &trip.vehicle_id) {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(receipt.amount().unwrap_or(Decimal::ZERO))
                        .message(
                            Message::new("msg-vehicle-mismatch-receipt")
                                .shown_or_blank("receipt", &receipt.receipt_no)
                                .shown_or_blank("vehicle", &receipt.vehicle_id)
                                .shown_or_blank("trip", &trip.trip_id)
                                .message("method", method_word(method))
                                .shown_or_blank("trip_vehicle", &trip.vehicle_id),
                        )
                        .evidence("vehicle_id", text(&receipt.vehicle_id))
                        .evidence("trip_vehicle_id", text(&trip.vehicle_id))
                        .evidence("trip_source", trip.prov.to_string()),
                );
            }
        }
        for (index, line) in data.invoice_lines.iter().enumerate() {
            let Some((receipt_index, method)) = ctx.links.line_receipt.get(index) else {
                continue;
            };
            let receipt = &data.receipts[receipt_index];
            if differ(&line.vehicle_id, &receipt.vehicle_id) {
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                        .message(
                            Message::new("msg-vehicle-mismatch-line")
                                .shown_or_blank("invoice", &line.invoice_no)
                                .int("line", i64::from(line.line_no))
                                .shown_or_blank("vehicle", &line.vehicle_id)
                                .shown_or_blank("receipt", &receipt.receipt_no)
                                .message("method", method_word(method))
                                .shown_or_blank("receipt_vehicle", &receipt.vehicle_id),
                        )
                        .evidence("vehicle_id", text(&line.vehicle_id))
                        .evidence("receipt_vehicle_id", text(&receipt.vehicle_id))
                        .evidence("receipt_source", receipt.prov.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_receipt_naming_another_vehicles_trip_is_raised() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V2", "2020-03-05", ("100", "200"), Some("40")));
        let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
        r.trip_id = id("T1");
        data.receipts.push(r);
        assert_eq!(check(&VehicleMismatch, data).len(), 1);
    }

    #[test]
    fn the_same_vehicle_written_differently_is_silent() {
        let mut data = dataset();
        data.trips.push(trip(
            "T1",
            "UN-12",
            "2020-03-05",
            ("100", "200"),
            Some("40"),
        ));
        let mut r = receipt("R1", "un 12", "2020-03-05", "40", "30000");
        r.trip_id = id("T1");
        data.receipts.push(r);
        let mut l = line("INV1", 1, "R1", "40", "30000");
        l.vehicle_id = id("UN12");
        data.invoice_lines.push(l);
        assert!(check(&VehicleMismatch, data).is_empty());
    }

    #[test]
    fn an_invoice_line_billing_another_vehicle_is_raised() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        let mut l = line("INV1", 1, "R1", "40", "30000");
        l.vehicle_id = id("V9");
        data.invoice_lines.push(l);
        assert_eq!(check(&VehicleMismatch, data).len(), 1);
    }
}
