use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

declare_rule! {
    /// A vehicle that, over a calendar month, used more fuel per 100 km than its expected
    /// `l_per_100km` by more than `consumption_tolerance` percent. Litres are those of its
    /// receipts (or of its trip tickets when it has no receipts); kilometres are those of its
    /// trip tickets' odometers (or, with no trips, the span of its receipts' odometers, with the
    /// litres bought after the first reading, since the first fill paid for earlier driving).
    ConsumptionOutlier, Medium
}

#[derive(Default)]
struct Month {
    litres: Decimal,
    km: Decimal,
    /// (odometer, litres) of the month's receipts that give an odometer.
    readings: Vec<(Decimal, Decimal)>,
}

fn month_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

impl Rule for ConsumptionOutlier {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Vehicles])
            .or_else(|| {
                let rated = ctx.data.vehicles.iter().any(|v| v.l_per_100km.is_some());
                (!rated).then(|| Message::new("not-run-no-consumption"))
            })
            .or_else(|| ctx.lacks_every(&[DocKind::Trips, DocKind::Receipts]))
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let mut months: BTreeMap<(&str, (i32, u32)), Month> = BTreeMap::new();
        let mut with_receipts = std::collections::HashSet::new();
        let mut with_trips = std::collections::HashSet::new();
        for (_, receipt) in ctx.fuel_receipts() {
            let (Some(vehicle), Some(date)) = (&receipt.vehicle_id, receipt.date) else {
                continue;
            };
            with_receipts.insert(vehicle.key());
            let month = months.entry((vehicle.key(), month_of(date))).or_default();
            month.litres += receipt.litres.unwrap_or_default();
            if let Some(odometer) = receipt.odometer {
                month
                    .readings
                    .push((odometer, receipt.litres.unwrap_or_default()));
            }
        }
        for trip in &data.trips {
            let (Some(vehicle), Some(date)) = (&trip.vehicle_id, trip.date_out) else {
                continue;
            };
            with_trips.insert(vehicle.key());
            let month = months.entry((vehicle.key(), month_of(date))).or_default();
            if let (Some(out), Some(back)) = (trip.odometer_out, trip.odometer_in)
                && back > out
            {
                month.km += back - out;
            }
            if !with_receipts.contains(vehicle.key()) {
                month.litres += trip.fuel_litres.unwrap_or_default();
            }
        }
        for ((vehicle_key, (year, month_number)), month) in &months {
            let Some((vehicle_index, vehicle)) = ctx.vehicle_entry(vehicle_key) else {
                continue;
            };
            let Some(expected) = vehicle.l_per_100km else {
                continue;
            };
            let (km, litres) = if with_trips.contains(vehicle_key) {
                (month.km, month.litres)
            } else {
                // From receipts alone: the distance between the first and last readings, and
                // the fuel bought after the first (the first fill paid for earlier driving).
                let first = month.readings.iter().min_by_key(|(odometer, _)| *odometer);
                let last = month.readings.iter().map(|(odometer, _)| *odometer).max();
                match (first, last) {
                    (Some(&(start, first_litres)), Some(end)) => {
                        let bought: Decimal = month.readings.iter().map(|(_, l)| *l).sum();
                        (end - start, bought - first_litres)
                    }
                    _ => (Decimal::ZERO, Decimal::ZERO),
                }
            };
            if km <= Decimal::ZERO || litres <= Decimal::ZERO {
                continue;
            }
            let (Some(actual), Some(expected_litres)) = (
                (litres * Decimal::ONE_HUNDRED).checked_div(km),
                km.checked_mul(expected).map(|l| l / Decimal::ONE_HUNDRED),
            ) else {
                continue;
            };
            let tolerance = ctx.config.rules.consumption_tolerance / Decimal::ONE_HUNDRED;
            let Some(limit) = expected.checked_mul(Decimal::ONE + tolerance) else {
                continue;
            };
            if actual <= limit {
                continue;
            }
            let excess = litres - expected_litres;
            let at_risk = ctx
                .average_price()
                .map_or(Decimal::ZERO, |p| ctx.money_of(excess, p));
            let period = format!("{year}-{month_number:02}");
            let mut exception = Exception::on_vehicle(&Self::INFO, vehicle_index, vehicle)
                .at_risk(at_risk)
                .message(
                    Message::new("msg-consumption-outlier")
                        .shown_or_blank("vehicle", &vehicle.vehicle_id)
                        .number("litres", litres)
                        .number("km", km)
                        .text("period", period.as_str())
                        .number("actual", actual.round_dp(1))
                        .number("expected", expected)
                        .number("limit", limit.round_dp(1))
                        .number("tolerance", ctx.config.rules.consumption_tolerance),
                )
                .evidence("period", period)
                .evidence("litres", litres)
                .evidence("km", km)
                .evidence("l_per_100km", actual.round_dp(2))
                .evidence("expected_l_per_100km", expected)
                .evidence("excess_litres", excess.round_dp(2));
            exception.vehicle_id = vehicle.vehicle_id.as_ref().map(ToString::to_string);
            exception.date = NaiveDate::from_ymd_opt(*year, *month_number, 1);
            out.push(exception);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn month_with(litres: &str) -> Vec<Exception> {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.l_per_100km = Some(d("10"));
        data.vehicles.push(v);
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("1000", "2000"), None));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", litres, "1000"));
        check(&ConsumptionOutlier, data)
    }

    #[test]
    fn above_expected_plus_tolerance_is_raised() {
        // 1 000 km at 10 L/100 km is 100 L; 25 % more is 125 L.
        let found = month_with("125.1");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence["period"], "2020-03");
    }

    #[test]
    fn from_receipts_alone_the_first_fill_pays_for_earlier_driving() {
        let month = |second_litres: &str| {
            let mut data = dataset();
            data.given.retain(|k| *k != crate::model::DocKind::Trips);
            let mut v = vehicle("V1");
            v.l_per_100km = Some(d("10"));
            data.vehicles.push(v);
            for (n, (odometer, litres)) in [("1000", "60"), ("1500", second_litres), ("2000", "50")]
                .into_iter()
                .enumerate()
            {
                let mut r = receipt(
                    &format!("R{n}"),
                    "V1",
                    &format!("2020-03-0{}", n + 1),
                    litres,
                    "1000",
                );
                r.odometer = Some(d(odometer));
                data.receipts.push(r);
            }
            check(&ConsumptionOutlier, data)
        };
        // 1 000 km at 10 L/100 km, 25 % slack: 125 L after the first fill is the limit.
        assert!(month("75").is_empty());
        assert_eq!(month("75.1").len(), 1);
    }

    #[test]
    fn within_the_tolerance_is_silent() {
        assert!(month_with("125").is_empty());
    }
}
