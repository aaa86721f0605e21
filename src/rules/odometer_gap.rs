use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;
use std::collections::HashMap;

declare_rule! {
    /// ## What it catches
    /// A trip that starts more than `odometer_gap_km` above where the vehicle's previous trip
    /// ended: kilometres driven with no trip ticket.
    /// ## Why it matters to an auditor
    /// Unlogged kilometres are unlogged use of the vehicle, and the fuel for them is justified
    /// by nothing.
    /// ## Example
    /// UN-1234's trip of 4 March ends at 45 100 km; its next trip starts at 45 380 km.
    /// ## Amount at risk
    /// 0.
    OdometerGap, Low, "kilometres between two trips that no trip ticket logs"
}

impl Rule for OdometerGap {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let allowed = ctx.config.rules.odometer_gap_km;
        let mut previous: HashMap<&str, usize> = HashMap::new();
        for (index, trip) in data.trips.iter().enumerate() {
            // A trip without a departure date has no place in the vehicle's sequence.
            let (Some(vehicle), Some(_)) = (&trip.vehicle_id, trip.date_out) else {
                continue;
            };
            if let Some(&before) = previous.get(vehicle.key()) {
                let before = &data.trips[before];
                if let (Some(start), Some(last_end)) = (trip.odometer_out, before.odometer_in)
                    && start - last_end > allowed
                {
                    out.push(
                        Exception::on_trip(&Self::INFO, index, trip)
                            .message(say!(ctx, "Trip ticket {} of vehicle {vehicle} starts at {} km, {} km after its previous trip {} ended at {} km; at most {} km were expected.", "La feuille de route {} du véhicule {vehicle} part de {} km, {} km après la fin de la précédente, {}, à {} km ; au plus {} km étaient attendus.",
                                shown(&trip.trip_id, "(no id)"),
                                start.normalize(),
                                (start - last_end).normalize(),
                                shown(&before.trip_id, "(no id)"),
                                last_end.normalize(),
                                allowed.normalize()
                            ))
                            .evidence("odometer_out", start)
                            .evidence("previous_odometer_in", last_end)
                            .evidence("gap_km", start - last_end)
                            .evidence("odometer_gap_km", allowed)
                            .evidence("previous_trip_source", before.prov.to_string()),
                    );
                }
            }
            if trip.odometer_in.is_some() {
                previous.insert(vehicle.key(), index);
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
}
