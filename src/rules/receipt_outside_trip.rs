use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::link::{Method, days_outside};
use crate::model::DocKind;

declare_rule! {
    /// ## What it catches
    /// A receipt linked to a trip by its trip id or voucher, but dated outside the trip's
    /// departure and return dates by more than `date_window_days`.
    /// ## Why it matters to an auditor
    /// A receipt that names a trip it could not have been bought on was attached to the
    /// paperwork afterwards, to justify a fill that belongs elsewhere.
    /// ## Example
    /// Receipt 55012 names trip T-0412 (4–6 March) but is dated 19 March.
    /// ## Amount at risk
    /// 0.
    ReceiptOutsideTrip, Medium, "a receipt is dated outside the trip it names"
}

impl Rule for ReceiptOutsideTrip {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let window = i64::from(ctx.config.rules.date_window_days);
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            let Some((trip_index, method)) = ctx.links.receipt_trip[index] else {
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
                    .message(say!(ctx, "Receipt {} names trip {} (by {method}) but is dated {date}, {days} day(s) outside the trip's {} to {}; at most {window} day(s) were expected.", "Le reçu {} renvoie à la feuille de route {} (par {method}) mais est daté du {date}, {days} jour(s) hors de sa période du {} au {} ; au plus {window} jour(s) étaient admis.",
                        shown(&receipt.receipt_no, "(no number)"),
                        shown(&trip.trip_id, "(no id)"),
                        trip.date_out.map_or(String::new(), |d| d.to_string()),
                        trip.date_in.or(trip.date_out).map_or(String::new(), |d| d.to_string()),
                    ))
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
