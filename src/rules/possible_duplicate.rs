use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::{DocKind, Receipt, fold_name};
use rust_decimal::Decimal;

declare_rule! {
    /// Two receipts with different numbers for the same vehicle on the same day, with litres
    /// within `litres_tolerance` and amounts within `amount_tolerance` of each other: a receipt
    /// copied or resubmitted under a new number. Raised on the later one (by time, then
    /// content). Not raised when what both receipts record shows two fills: times more than
    /// `duplicate_window_minutes` apart, odometers more than `odometer_gap_km` apart, or
    /// different stations or vendors. Odometers that agree outweigh times far apart.
    PossibleDuplicate, Medium
}

/// Whether what both receipts record shows two separate fills; a value only one of them gives
/// proves nothing. Odometers that agree outweigh the times: a vehicle that did not move cannot
/// have burnt the first fill before the second, so only a retyped time sets them apart.
fn two_fills(ctx: &Context<'_>, a: &Receipt, b: &Receipt) -> bool {
    let rules = &ctx.config.rules;
    let times_apart = match (a.time, b.time) {
        (Some(x), Some(y)) => {
            (x - y).num_minutes().abs() > i64::from(rules.duplicate_window_minutes)
        }
        _ => false,
    };
    let odometers_apart = match (a.odometer, b.odometer) {
        (Some(x), Some(y)) => Some((x - y).abs() > rules.odometer_gap_km),
        _ => None,
    };
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    let stations_differ = differ(
        a.station.as_deref().map(fold_name).as_deref(),
        b.station.as_deref().map(fold_name).as_deref(),
    ) || differ(
        a.vendor.as_ref().map(|v| v.key()),
        b.vendor.as_ref().map(|v| v.key()),
    );
    odometers_apart.unwrap_or(times_apart) || stations_differ
}

impl Rule for PossibleDuplicate {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let receipts = &ctx.data.receipts;
        let days = ctx.receipts_by_vehicle_day(receipts.iter().enumerate());
        for same_day in days.chunk_by(|a, b| a.same_day(b)) {
            for (position, later) in same_day.iter().enumerate() {
                let later_index = later.receipt;
                let later = &receipts[later_index];
                let (Some(number), Some(litres), Some(amount)) =
                    (&later.receipt_no, later.litres, later.amount)
                else {
                    continue;
                };
                let vendor = later.vendor.as_ref().map(|v| v.key());
                let copy_of = same_day[..position]
                    .iter()
                    .map(|earlier| &receipts[earlier.receipt])
                    .find(|earlier| {
                        let (Some(other_number), Some(other_litres), Some(other_amount)) =
                            (&earlier.receipt_no, earlier.litres, earlier.amount)
                        else {
                            return false;
                        };
                        other_number != number
                            && !two_fills(ctx, earlier, later)
                            && (litres - other_litres).abs() <= ctx.litres_tolerance(vendor)
                            && (amount - other_amount).abs()
                                <= ctx.amount_tolerance(vendor, amount, other_amount)
                    });
                let Some(earlier) = copy_of else { continue };
                out.push(
                    Exception::on_receipt(&Self::INFO, later_index, later)
                        .at_risk(amount.max(Decimal::ZERO))
                        .message(
                            Message::new("msg-possible-duplicate")
                                .text("receipt", number.to_string())
                                .shown_or_blank("earlier", &earlier.receipt_no)
                                .number("litres", litres)
                                .money("amount", amount.normalize())
                                .number("earlier_litres", earlier.litres.unwrap_or_default())
                                .money(
                                    "earlier_amount",
                                    earlier.amount.unwrap_or_default().normalize(),
                                ),
                        )
                        .evidence("earlier_receipt_source", earlier.prov.to_string())
                        .evidence("litres_tolerance", ctx.litres_tolerance(vendor))
                        .evidence(
                            "amount_tolerance_percent",
                            ctx.config.rules.amount_tolerance,
                        )
                        .evidence(
                            "duplicate_window_minutes",
                            ctx.config.rules.duplicate_window_minutes,
                        )
                        .evidence("odometer_gap_km", ctx.config.rules.odometer_gap_km),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn pair(litres: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "26000"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-05", litres, "26000"));
        check(&PossibleDuplicate, data)
    }

    #[test]
    fn a_copy_under_a_new_number_is_raised_once() {
        let found = pair("40.5");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("26000"));
    }

    #[test]
    fn different_litres_are_silent() {
        assert!(pair("40.6").is_empty());
    }

    /// A copy of R1 as R2, changed by `change`.
    fn copy(change: impl Fn(&mut Receipt, &mut Receipt)) -> Vec<Exception> {
        let mut data = dataset();
        let mut first = receipt("R1", "V1", "2020-03-05", "40", "26000");
        let mut second = receipt("R2", "V1", "2020-03-05", "40", "26000");
        change(&mut first, &mut second);
        data.receipts.extend([first, second]);
        check(&PossibleDuplicate, data)
    }

    fn at(hours: u32, minutes: u32) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::from_hms_opt(hours, minutes, 0)
    }

    #[test]
    fn the_issues_two_vendors_at_05_43_and_17_49_are_two_fills() {
        let found = copy(|a, b| {
            (a.time, b.time) = (at(5, 43), at(17, 49));
            (a.odometer, b.odometer) = (Some(d("28716")), Some(d("28791")));
            b.vendor = crate::model::VendorName::new("Shell");
        });
        assert!(found.is_empty());
    }

    #[test]
    fn times_more_than_the_window_apart_are_two_fills() {
        assert_eq!(
            copy(|a, b| (a.time, b.time) = (at(8, 0), at(9, 0))).len(),
            1
        );
        assert!(copy(|a, b| (a.time, b.time) = (at(8, 0), at(9, 1))).is_empty());
        // A time on one receipt only proves nothing.
        assert_eq!(copy(|a, _| a.time = at(8, 0)).len(), 1);
        // Nor do times apart when the odometers agree: the vehicle did not move (the
        // sample's R-5007, a copy of R-5006 retimed from 08:20 to 13:05).
        let retimed = copy(|a, b| {
            (a.time, b.time) = (at(8, 20), at(13, 5));
            (a.odometer, b.odometer) = (Some(d("30985")), Some(d("30985")));
        });
        assert_eq!(retimed.len(), 1);
    }

    #[test]
    fn odometers_more_than_odometer_gap_km_apart_are_two_fills() {
        let apart = |second: &'static str| {
            copy(move |a, b| (a.odometer, b.odometer) = (Some(d("28716")), Some(d(second))))
        };
        assert_eq!(apart("28721").len(), 1);
        assert!(apart("28721.1").is_empty());
    }

    #[test]
    fn different_stations_are_two_fills_and_the_same_station_written_otherwise_is_not() {
        let stations = |x: &'static str, y: &'static str| {
            copy(move |a, b| (a.station, b.station) = (Some(x.into()), Some(y.into())))
        };
        assert!(stations("Plateau", "Almadies").is_empty());
        assert_eq!(stations("Plateau", "PLATEAU ").len(), 1);
    }
}
