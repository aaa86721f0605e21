use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::config::RequireReceipt;
use crate::model::{DocKind, Trip};
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it catches
    /// A trip ticket that records fuel (litres drawn or a voucher number), or any trip ticket
    /// with `require_receipt = "always"`, that no receipt matched by trip id, voucher or
    /// vehicle and date.
    /// ## Why it matters to an auditor
    /// Fuel recorded on a trip without a receipt is fuel nobody can show was delivered to that
    /// vehicle: the finding at the root of the audit this tool answers.
    /// ## Example
    /// Trip T-0412 drew 60 L on voucher B-2291, and no receipt names T-0412, B-2291 or
    /// vehicle UN-1234 on that day.
    /// ## Amount at risk
    /// The trip's litres × the average price per litre of the run's receipts, when both are
    /// known; else 0.
    TripWithoutReceipt, High, "a trip ticket that records fuel has no matching receipt"
}

/// Whether a trip needs a receipt to be documented (SPEC §3.3).
pub fn requires_receipt(trip: &Trip, policy: RequireReceipt) -> bool {
    policy == RequireReceipt::Always
        || trip.fuel_litres.is_some_and(|l| l > Decimal::ZERO)
        || !trip.voucher_nos.is_empty()
}

impl Rule for TripWithoutReceipt {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Trips, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let policy = ctx.config.rules.require_receipt;
        for (index, trip) in ctx.data.trips.iter().enumerate() {
            if !requires_receipt(trip, policy) || !ctx.links.trip_receipts[index].is_empty() {
                continue;
            }
            let at_risk = match (trip.fuel_litres, ctx.average_price()) {
                (Some(litres), Some(price)) => ctx.money_of(litres, price),
                _ => Decimal::ZERO,
            };
            let fuel = match trip.fuel_litres {
                Some(litres) => say!(
                    ctx,
                    "records {} L of fuel",
                    "indique {} L de carburant",
                    litres.normalize()
                ),
                None if !trip.voucher_nos.is_empty() => {
                    say!(ctx, "records a fuel voucher", "indique un bon carburant")
                }
                None => say!(ctx, "requires a receipt", "exige un reçu"),
            };
            let vouchers: Vec<String> = trip.voucher_nos.iter().map(ToString::to_string).collect();
            let voucher_text = if vouchers.is_empty() {
                String::new()
            } else {
                say!(ctx, " (voucher {})", " (bon {})", vouchers.join(", "))
            };
            out.push(
                Exception::on_trip(&Self::INFO, index, trip)
                    .at_risk(at_risk)
                    .message(say!(ctx, "Trip ticket {} {fuel}{voucher_text}, but no receipt matched it by trip id, voucher, or vehicle and date; a receipt was expected.", "La feuille de route {} {fuel}{voucher_text}, mais aucun reçu ne lui correspond par numéro, bon, ou véhicule et date ; un reçu était attendu.",
                        shown(&trip.trip_id, "(no id)")
                    ))
                    .evidence("fuel_litres", trip.fuel_litres)
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
        t.voucher_nos = vec![id("B-1").unwrap()];
        data.trips.push(t);
        assert_eq!(check(&TripWithoutReceipt, data).len(), 1);
    }
}
