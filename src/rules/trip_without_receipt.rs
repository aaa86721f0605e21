use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::config::RequireReceipt;
use crate::model::{DocKind, Trip};
use rust_decimal::Decimal;

declare_rule! {
    /// A trip ticket that records fuel (litres drawn or a voucher number), or any trip ticket
    /// with `require_receipt = "always"`, that no receipt matched by trip id, voucher or
    /// vehicle and date.
    TripWithoutReceipt, High
}

/// Whether a trip needs a receipt to be documented (SPEC §3.3).
pub fn requires_receipt(trip: &Trip, policy: RequireReceipt) -> bool {
    policy == RequireReceipt::Always
        || trip.fuel_litres().is_some_and(|l| l > Decimal::ZERO)
        || !trip.voucher_nos.is_empty()
}

impl Rule for TripWithoutReceipt {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Trips, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let policy = ctx.config.rules.require_receipt;
        for (index, trip) in ctx.data.trips.iter().enumerate() {
            if !requires_receipt(trip, policy) || !ctx.links.trip_receipts.of(index).is_empty() {
                continue;
            }
            let at_risk = match (trip.fuel_litres(), ctx.average_price()) {
                (Some(litres), Some(price)) => ctx.money_of(litres, price),
                _ => Decimal::ZERO,
            };
            let fuel = match trip.fuel_litres() {
                Some(litres) => Message::new("msg-trip-records-litres").number("litres", litres),
                None if !trip.voucher_nos.is_empty() => Message::new("msg-trip-records-voucher"),
                None => Message::new("msg-trip-requires-receipt"),
            };
            let vouchers: Vec<String> = trip.voucher_nos.iter().map(ToString::to_string).collect();
            let message = Message::new("msg-trip-without-receipt")
                .shown("trip", &trip.trip_id, "msg-no-id")
                .message("fuel", fuel);
            let message = if vouchers.is_empty() {
                message.text("vouchers", "")
            } else {
                message.message(
                    "vouchers",
                    Message::new("msg-trip-vouchers").text("vouchers", vouchers.join(", ")),
                )
            };
            out.push(
                Exception::on_trip(&Self::INFO, index, trip)
                    .at_risk(at_risk)
                    .message(message)
                    .evidence("fuel_litres", trip.fuel_litres())
                    .evidence("vouchers", vouchers)
                    .evidence("average_price", ctx.average_price().map(|p| p.round_dp(4)))
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
    fn a_fuelled_trip_without_receipt_is_raised_with_litres_at_average_price() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R9", "V2", "2020-03-05", "10", "7500"));
        let found = check(&TripWithoutReceipt, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
    }

    #[test]
    fn a_trip_with_a_receipt_or_without_fuel_is_silent() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.trips
            .push(trip("T2", "V2", "2020-03-05", ("100", "200"), Some("0")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-06", "40", "30000"));
        assert!(check(&TripWithoutReceipt, data).is_empty());
    }

    #[test]
    fn always_requires_a_receipt_of_every_trip() {
        let mut data = dataset();
        data.trips
            .push(trip("T2", "V2", "2020-03-05", ("100", "200"), None));
        let mut config = crate::config::Config::defaults();
        config.rules.require_receipt = RequireReceipt::Always;
        assert_eq!(check_with(&TripWithoutReceipt, data, &config).len(), 1);
    }

    #[test]
    fn a_voucher_alone_requires_a_receipt() {
        let mut data = dataset();
        let mut t = trip("T3", "V3", "2020-03-05", ("100", "200"), None);
        t.voucher_nos = [id("B-1").unwrap()].into_iter().collect();
        data.trips.push(t);
        assert_eq!(check(&TripWithoutReceipt, data).len(), 1);
    }
}
