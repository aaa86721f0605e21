use super::odometer_sequence::Source;
use super::units::distance_word;
use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// A trip that starts more than `odometer_gap_km` above where the vehicle's previous trip
    /// ended: kilometres driven with no trip ticket. Readings left out of the vehicle's
    /// odometer sequence (SPEC §3.6) are not compared: the gap is measured between good ones.
    OdometerGap, Low
}

impl Rule for OdometerGap {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let allowed = ctx.config.rules.odometer_gap_km;
        let unit = distance_word(ctx.config.units);
        // Each vehicle's latest trip with a return reading, by vehicle number.
        let mut previous: Vec<Option<usize>> = vec![None; ctx.links.keys.vehicles];
        for (index, trip) in data.trips.iter().enumerate() {
            // A trip without a departure date has no place in the vehicle's sequence.
            let (Some(vehicle), Some(vehicle_no), Some(_)) = (
                &trip.vehicle_id,
                ctx.links.keys.trip_vehicle[index],
                trip.date_out,
            ) else {
                continue;
            };
            let previous = &mut previous[vehicle_no.index()];
            // Where a reading was left out, where the vehicle was is not known: no gap is.
            if let Some(before) = *previous
                && !ctx.odometers.left_out(Source::TripOut(index))
                && !ctx.odometers.left_out(Source::TripIn(before))
            {
                let before = &data.trips[before];
                if let (Some(start), Some(last_end)) = (trip.odometer_out(), before.odometer_in())
                    && start - last_end > allowed
                {
                    out.push(
                        Exception::on_trip(&Self::INFO, index, trip)
                            .message(
                                Message::new("msg-odometer-gap")
                                    .shown("trip", &trip.trip_id, "msg-no-id")
                                    .text("vehicle", vehicle.to_string())
                                    .number("start", start)
                                    .number("gap", start - last_end)
                                    .shown("previous", &before.trip_id, "msg-no-id")
                                    .number("end", last_end)
                                    .number("allowed", allowed)
                                    .message("unit", unit.clone()),
                            )
                            .evidence("odometer_out", start)
                            .evidence("previous_odometer_in", last_end)
                            .evidence("gap_km", start - last_end)
                            .evidence("odometer_gap_km", allowed)
                            .evidence("previous_trip_source", before.prov.to_string()),
                    );
                }
            }
            if trip.odometer_in().is_some() {
                *previous = Some(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn next_trip_from(start: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        data.trips
            .push(trip("T2", "V1", "2020-03-06", (start, "300"), None));
        check(&OdometerGap, data)
    }

    #[test]
    fn more_than_the_allowed_gap_is_raised() {
        assert_eq!(next_trip_from("205.1").len(), 1);
    }

    #[test]
    fn the_allowed_gap_is_silent() {
        assert!(next_trip_from("205").is_empty());
    }

    /// Trips of V1 a day apart with these (out, in) readings.
    fn trips(readings: &[(&str, &str)]) -> Vec<Exception> {
        let mut data = dataset();
        for (n, reading) in readings.iter().enumerate() {
            let day = format!("2020-03-{:02}", n + 1);
            data.trips
                .push(trip(&format!("T{n}"), "V1", &day, *reading, None));
        }
        check(&OdometerGap, data)
    }

    #[test]
    fn a_reading_left_out_of_the_sequence_makes_no_gap() {
        // T1 starts on a typo (33 695 for 28 100): no gap of 5 595 km.
        let typo = [
            ("28000", "28100"),
            ("33695", "28200"),
            ("28200", "28300"),
            ("28300", "28400"),
        ];
        assert!(trips(&typo).is_empty());
        // The same with a real 95 km gap after T1 is raised on T2 alone.
        let gap = [
            ("28000", "28100"),
            ("33695", "28200"),
            ("28295", "28300"),
            ("28300", "28400"),
        ];
        let found = trips(&gap);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].trip_id.as_deref(), Some("T2"));
        // A placeholder end: where T1 ended is not known, so T2 is no gap.
        assert!(trips(&[("28000", "28100"), ("28100", "0"), ("28200", "28300")]).is_empty());
    }

    /// A trip that ends below its start on a day with another trip: its return reading is its
    /// own mistake. The day's good readings are not blamed for it, and the next trip, which
    /// starts where the vehicle really was, is no gap.
    #[test]
    fn a_trip_ending_below_its_start_makes_no_gap_after_it() {
        for typo in ["250", "1050", "1150"] {
            let data = trip_ending_below_its_start(typo);
            assert!(check(&OdometerGap, data).is_empty(), "T2 ends at {typo}");
        }
    }
}
