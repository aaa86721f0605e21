use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, method_word};
use crate::link::{Method, days_outside};
use crate::model::DocKind;

declare_rule! {
    /// A receipt linked to a trip by its trip id or voucher, but dated outside the trip's
    /// departure and return dates by more than `date_window_days`.
    ReceiptOutsideTrip, Medium
}

impl Rule for ReceiptOutsideTrip {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let window = i64::from(ctx.config.rules.date_window_days);
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            let Some((trip_index, method)) = ctx.links.receipt_trip.get(index) else {
                continue;
            };
            if !matches!(method, Method::TripId | Method::Voucher) {
                continue;
            }
            let trip = &ctx.data.trips[trip_index];
            let Some(date) = receipt.date else { continue };
            let Some(days) = days_outside(trip, date) else {
                continue;
            };
            if days <= window {
                continue;
            }
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(
                        Message::new("msg-receipt-outside-trip")
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .shown("trip", &trip.trip_id, "msg-no-id")
                            .message("method", method_word(method))
                            .date("date", date)
                            .int("days", days)
                            .date_or("from", trip.date_out, "msg-no-date")
                            .date_or("to", trip.date_in.or(trip.date_out), "msg-no-date")
                            .int("window", window),
                    )
                    .evidence("receipt_date", date)
                    .evidence("trip_date_out", trip.date_out)
                    .evidence("trip_date_in", trip.date_in)
                    .evidence("days_outside", days)
                    .evidence("date_window_days", ctx.config.rules.date_window_days)
                    .evidence("trip_source", trip.prov.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn dated(on: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        let mut r = receipt("R1", "V1", on, "40", "30000");
        r.trip_id = id("T1");
        data.receipts.push(r);
        check(&ReceiptOutsideTrip, data)
    }

    #[test]
    fn two_days_after_the_trip_is_raised() {
        assert_eq!(dated("2020-03-07").len(), 1);
    }

    #[test]
    fn one_day_after_the_trip_is_silent() {
        assert!(dated("2020-03-06").is_empty());
        assert!(dated("2020-03-04").is_empty());
    }
}
