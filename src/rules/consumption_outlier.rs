use super::odometer_sequence::Source;
use super::units::{distance_word, volume_word};
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
    /// Readings left out of the vehicle's odometer sequence (SPEC §3.6) count no distance.
    /// In the data's units: with miles and gallons, `l_per_100km` is read as the vehicle's mpg,
    /// and too few miles per gallon is the outlier.
    ConsumptionOutlier, Medium
}

#[derive(Default)]
struct Month {
    litres: Decimal,
    km: Decimal,
    /// (odometer, litres) of the month's receipts that give an odometer.
    readings: Vec<(Decimal, Decimal)>,
    /// Litres of receipts whose odometer was left out of the sequence: fuel still bought.
    litres_without_reading: Decimal,
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
                let rated = ctx.data.vehicles.iter().any(|v| v.l_per_100km().is_some());
                (!rated).then(|| Message::new("not-run-no-consumption"))
            })
            .or_else(|| ctx.lacks_every(&[DocKind::Trips, DocKind::Receipts]))
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let keys = &ctx.links.keys;
        // By vehicle number, which follows the vehicle keys' order, then month.
        let mut months: BTreeMap<(crate::link::VehicleNo, (i32, u32)), Month> = BTreeMap::new();
        let mut with_receipts = vec![false; keys.vehicles];
        let mut with_trips = vec![false; keys.vehicles];
        for (index, receipt) in ctx.fuel_receipts() {
            let (Some(vehicle), Some(date)) = (keys.receipt_vehicle[index], receipt.date) else {
                continue;
            };
            with_receipts[vehicle.index()] = true;
            let month = months.entry((vehicle, month_of(date))).or_default();
            month.litres += receipt.litres().unwrap_or_default();
            if let Some(odometer) = receipt.odometer() {
                let litres = receipt.litres().unwrap_or_default();
                if ctx.odometers.left_out(Source::Receipt(index)) {
                    month.litres_without_reading += litres;
                } else {
                    month.readings.push((odometer, litres));
                }
            }
        }
        for (index, trip) in data.trips.iter().enumerate() {
            let (Some(vehicle), Some(date)) = (keys.trip_vehicle[index], trip.date_out) else {
                continue;
            };
            with_trips[vehicle.index()] = true;
            let month = months.entry((vehicle, month_of(date))).or_default();
            month.km += ctx.odometers.trip_distance(data, index).unwrap_or_default();
            if !with_receipts[vehicle.index()] {
                month.litres += trip.fuel_litres().unwrap_or_default();
            }
        }
        for ((vehicle_no, (year, month_number)), month) in &months {
            let Some((vehicle_index, vehicle)) = ctx.fleet_entry(*vehicle_no) else {
                continue;
            };
            let Some(expected) = vehicle.l_per_100km() else {
                continue;
            };
            let (km, litres) = if with_trips[vehicle_no.index()] {
                (month.km, month.litres)
            } else {
                // From receipts alone: the distance between the first and last readings, and
                // the fuel bought after the first (the first fill paid for earlier driving).
                let first = month.readings.iter().min_by_key(|(odometer, _)| *odometer);
                let last = month.readings.iter().map(|(odometer, _)| *odometer).max();
                match (first, last) {
                    (Some(&(start, first_litres)), Some(end)) => {
                        let bought: Decimal =
                            month.readings.iter().map(|(_, l)| *l).sum::<Decimal>()
                                + month.litres_without_reading;
                        (end - start, bought - first_litres)
                    }
                    _ => (Decimal::ZERO, Decimal::ZERO),
                }
            };
            if km <= Decimal::ZERO || litres <= Decimal::ZERO {
                continue;
            }
            let tolerance = ctx.config.rules.consumption_tolerance;
            let mpg = ctx.config.units.miles_per_gallon();
            let Some(found) = measure(litres, km, expected, tolerance, mpg) else {
                continue;
            };
            if !found.outlier {
                continue;
            }
            let excess = litres - found.expected_volume;
            let at_risk = ctx
                .average_price()
                .map_or(Decimal::ZERO, |p| ctx.money_of(excess, p));
            let period = format!("{year}-{month_number:02}");
            let id = if mpg {
                "msg-consumption-outlier-mpg"
            } else {
                "msg-consumption-outlier"
            };
            let (rate_key, expected_key) = if mpg {
                ("mpg", "expected_mpg")
            } else {
                ("l_per_100km", "expected_l_per_100km")
            };
            let mut exception = Exception::on_vehicle(&Self::INFO, vehicle_index, vehicle)
                .at_risk(at_risk)
                .message(
                    Message::new(id)
                        .shown_or_blank("vehicle", &vehicle.vehicle_id)
                        .number("bought", litres)
                        .number("driven", km)
                        .text("period", period.as_str())
                        .number("actual", found.actual.round_dp(1))
                        .number("expected", expected)
                        .number("limit", found.limit.round_dp(1))
                        .number("tolerance", tolerance)
                        .message("volume", volume_word(ctx.config.units))
                        .message("distance", distance_word(ctx.config.units)),
                )
                .evidence("period", period)
                .evidence("litres", litres)
                .evidence("km", km)
                .evidence(rate_key, found.actual.round_dp(2))
                .evidence(expected_key, expected)
                .evidence("excess_litres", excess.round_dp(2));
            exception.vehicle_id = vehicle.vehicle_id.as_ref().map(ToString::to_string);
            exception.date = NaiveDate::from_ymd_opt(*year, *month_number, 1);
            out.push(exception);
        }
    }
}

/// A month's consumption against the vehicle's norm.
struct Measured {
    /// Volume per 100 distance units, or miles per gallon.
    actual: Decimal,
    /// The worst the tolerance allows: a ceiling, or with mpg a floor.
    limit: Decimal,
    /// The fuel the distance explains at the norm.
    expected_volume: Decimal,
    outlier: bool,
}

/// Both ways say the same: more fuel than the distance explains at the norm, by more than the
/// tolerance. `None` when a figure is beyond what a decimal holds.
fn measure(
    volume: Decimal,
    distance: Decimal,
    norm: Decimal,
    tolerance_percent: Decimal,
    miles_per_gallon: bool,
) -> Option<Measured> {
    let slack = Decimal::ONE + tolerance_percent / Decimal::ONE_HUNDRED;
    if miles_per_gallon {
        let actual = distance.checked_div(volume)?;
        let limit = norm.checked_div(slack)?;
        Some(Measured {
            actual,
            limit,
            expected_volume: distance.checked_div(norm)?,
            outlier: actual < limit,
        })
    } else {
        let actual = volume
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(distance)?;
        let limit = norm.checked_mul(slack)?;
        Some(Measured {
            actual,
            limit,
            expected_volume: distance.checked_mul(norm)? / Decimal::ONE_HUNDRED,
            outlier: actual > limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    /// A vehicle expected to use 10 L/100 km, its 1 000 km trip, and a first fill of `litres`;
    /// then `more` receipts (number, litres, amount) the next day.
    fn month(litres: &str, more: &[(&str, &str, &str)]) -> Vec<Exception> {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.l_per_100km = Some(d("10").into());
        data.vehicles.push(v);
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("1000", "2000"), None));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", litres, "1000"));
        for (number, litres, amount) in more {
            data.receipts
                .push(receipt(number, "V1", "2020-03-06", litres, amount));
        }
        check(&ConsumptionOutlier, data)
    }

    fn month_with(litres: &str) -> Vec<Exception> {
        month(litres, &[])
    }

    /// A receipt submitted twice (DUPLICATE_DOCUMENT) was bought once: 100 L on 1 000 km is
    /// the norm, not 200 L, and a fill voided at the pump bought nothing.
    #[test]
    fn a_repeated_or_voided_receipt_adds_no_litres() {
        for more in [
            &[("R1", "100", "1000")][..],
            &[("R2", "100", "1000"), ("R2", "-100", "-1000")],
        ] {
            assert!(month("100", more).is_empty(), "{more:?}");
        }
        assert_eq!(
            month("100", &[("R2", "100", "1000")]).len(),
            1,
            "a second fill is"
        );
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
            v.l_per_100km = Some(d("10").into());
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
                r.odometer = Some(d(odometer).into());
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

    #[test]
    fn a_reading_left_out_of_the_sequence_counts_no_distance() {
        // Receipts alone; the third reads 333 695 for about 28 300: the month's distance is
        // 28 000 → 28 500, not → 333 695, and 100 L for it is 20 L/100 km against 10.
        let mut data = dataset();
        data.given.retain(|k| *k != crate::model::DocKind::Trips);
        let mut v = vehicle("V1");
        v.l_per_100km = Some(d("10").into());
        data.vehicles.push(v);
        for (n, odometer) in ["28000", "28200", "333695", "28400", "28500"]
            .into_iter()
            .enumerate()
        {
            let mut r = receipt(
                &format!("R{n}"),
                "V1",
                &format!("2020-03-0{}", n + 1),
                "25",
                "100",
            );
            r.odometer = Some(d(odometer).into());
            data.receipts.push(r);
        }
        let found = check(&ConsumptionOutlier, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence["km"], "500");
    }

    fn us_month(gallons: &str) -> Vec<Exception> {
        let mut data = dataset();
        let mut v = vehicle("V1");
        v.l_per_100km = Some(d("20").into());
        data.vehicles.push(v);
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("1000", "2000"), None));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", gallons, "1000"));
        let mut config = crate::config::Config::defaults();
        config.units.distance = crate::config::Distance::Mi;
        config.units.volume = crate::config::Volume::Gallon;
        check_with(&ConsumptionOutlier, data, &config)
    }

    #[test]
    fn with_miles_and_gallons_too_few_mpg_is_the_outlier() {
        // 1 000 mi at 20 mpg is 50 gal; 25 % more fuel is 62.5 gal, 16 mpg.
        assert!(us_month("62.5").is_empty());
        let found = us_month("62.6");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence["expected_mpg"], "20");
        assert_eq!(
            found[0].message.render(crate::i18n::Lang::EN),
            "Vehicle V1 used 62.6 gal for 1,000 mi in 2020-03: 16 mpg, against an expected \
             20 mpg (at least 16 with the 25% tolerance)."
        );
    }
}
