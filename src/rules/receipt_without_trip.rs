use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// A receipt that no trip ticket matched: not by its trip id, not by its voucher, not by
    /// the same vehicle travelling on that date (± `date_window_days`).
    ReceiptWithoutTrip, Medium
}

impl Rule for ReceiptWithoutTrip {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            // A credit reverses a receipt, and a voided fill is reversed: neither is fuel bought
            // to be tripped or billed.
            if ctx.links.receipt_credits.is_credit(index)
                || ctx.links.receipt_voided(ctx.data, index)
            {
                continue;
            }
            if ctx.links.receipt_trip.get(index).is_some() {
                continue;
            }
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(
                        Message::new("msg-receipt-without-trip")
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .shown("vehicle", &receipt.vehicle_id, "msg-no-vehicle")
                            .int("days", i64::from(ctx.config.rules.date_window_days))
                            .date_or("date", receipt.date, "msg-no-date"),
                    )
                    .evidence(
                        "trip_id",
                        receipt
                            .trip_id
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    )
                    .evidence(
                        "voucher_no",
                        receipt
                            .voucher_no
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    )
                    .evidence("date_window_days", ctx.config.rules.date_window_days),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_receipt_one_day_beyond_the_window_has_no_trip() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-07", "40", "30000"));
        assert_eq!(check(&ReceiptWithoutTrip, data).len(), 1);
    }

    #[test]
    fn a_receipt_inside_the_window_matches_by_vehicle_and_date() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-06", "40", "30000"));
        assert!(check(&ReceiptWithoutTrip, data).is_empty());
    }
}
