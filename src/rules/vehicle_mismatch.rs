use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::{DocKind, Ident};
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it catches
    /// A receipt whose linked trip ticket is for another vehicle, or an invoice line whose
    /// linked receipt names another vehicle.
    /// ## Why it matters to an auditor
    /// The paperwork says one vehicle travelled and another was fuelled: one of the two
    /// documents is wrong, and the fuel may not have gone to a fleet vehicle at all.
    /// ## Example
    /// Receipt 55012 (UN-1234) names trip T-0412, which is a trip of UN-0999.
    /// ## Amount at risk
    /// The receipt's or line's amount.
    VehicleMismatch, High, "linked documents name different vehicles"
}

fn differ(a: &Option<Ident>, b: &Option<Ident>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a != b)
}

impl Rule for VehicleMismatch {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts]).or_else(|| {
            (!ctx.data.has(DocKind::Trips) && !ctx.data.has(DocKind::Invoices))
                .then(|| "no trips or invoices file was given".to_string())
        })
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let data = ctx.data;
        for (index, receipt) in data.receipts.iter().enumerate() {
            let Some((trip_index, method)) = ctx.links.receipt_trip[index] else {
                continue;
            };
            let trip = &data.trips[trip_index];
            if differ(&receipt.vehicle_id, &trip.vehicle_id) {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .at_risk(receipt.amount.unwrap_or(Decimal::ZERO))
                        .message(say!(ctx, "Receipt {} is for vehicle {}, but its trip {} (linked by {method}) is for vehicle {}.", "Le reçu {} concerne le véhicule {}, mais sa feuille de route {} (liée par {method}) concerne le véhicule {}.",
                            shown(&receipt.receipt_no, ""),
                            shown(&receipt.vehicle_id, ""),
                            shown(&trip.trip_id, ""),
                            shown(&trip.vehicle_id, "")
                        ))
                        .evidence("vehicle_id", shown(&receipt.vehicle_id, ""))
                        .evidence("trip_vehicle_id", shown(&trip.vehicle_id, ""))
                        .evidence("trip_source", trip.prov.to_string()),
                );
            }
        }
        for (index, line) in data.invoice_lines.iter().enumerate() {
            let Some((receipt_index, method)) = ctx.links.line_receipt[index] else {
                continue;
            };
            let receipt = &data.receipts[receipt_index];
            if differ(&line.vehicle_id, &receipt.vehicle_id) {
                out.push(
                    Exception::on_line(info, index, line)
                        .at_risk(line.amount.unwrap_or(Decimal::ZERO))
                        .message(say!(ctx, "Invoice {} line {} bills vehicle {}, but its receipt {} (linked by {method}) is for vehicle {}.", "La facture {} ligne {} facture le véhicule {}, mais son reçu {} (lié par {method}) concerne le véhicule {}.",
                            shown(&line.invoice_no, ""),
                            line.line_no,
                            shown(&line.vehicle_id, ""),
                            shown(&receipt.receipt_no, ""),
                            shown(&receipt.vehicle_id, "")
                        ))
                        .evidence("vehicle_id", shown(&line.vehicle_id, ""))
                        .evidence("receipt_vehicle_id", shown(&receipt.vehicle_id, ""))
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
