use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::{DocKind, Receipt};
use std::collections::HashMap;

declare_rule! {
    /// ## What it catches
    /// Odometer readings that cannot all be true: a trip that ends at a lower reading than it
    /// starts; a trip that starts below where the vehicle's previous trip ended; a receipt
    /// whose odometer is lower than the vehicle's previous receipt's (by date); a receipt whose
    /// odometer lies outside its linked trip's start and end readings.
    /// ## Why it matters to an auditor
    /// Kilometres are what justify fuel. Readings that go backwards mean the trip tickets or
    /// receipts were written after the fact, or copied.
    /// ## Example
    /// Trip T-17 of UN-1234 starts at 45 100 km; the previous trip ended at 45 900 km.
    /// ## Amount at risk
    /// 0.
    OdometerInconsistent, Medium, "odometer readings go backwards or disagree"
}

impl Rule for OdometerInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        (!ctx.data.has(DocKind::Trips) && !ctx.data.has(DocKind::Receipts))
            .then(|| "no trips or receipts file was given".to_string())
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let data = ctx.data;
        // Trips arrive ordered by vehicle, date_out and odometer_out.
        let mut previous: HashMap<&str, usize> = HashMap::new();
        for (index, trip) in data.trips.iter().enumerate() {
            let trip_name = shown(&trip.trip_id, "(no id)");
            if let (Some(start), Some(end)) = (trip.odometer_out, trip.odometer_in)
                && end < start
            {
                out.push(
                    Exception::on_trip(info, index, trip)
                        .message(say!(ctx, "Trip ticket {trip_name} ends at {} km, below its start of {} km.", "La feuille de route {trip_name} se termine à {} km, en dessous de son départ à {} km.",
                            end.normalize(),
                            start.normalize()
                        ))
                        .evidence("odometer_out", start)
                        .evidence("odometer_in", end),
                );
            }
            // A trip without a departure date has no place in the vehicle's sequence.
            let (Some(vehicle), Some(_)) = (&trip.vehicle_id, trip.date_out) else {
                continue;
            };
            if let Some(&before) = previous.get(vehicle.key()) {
                let before = &data.trips[before];
                if let (Some(start), Some(last_end)) = (trip.odometer_out, before.odometer_in)
                    && start < last_end
                {
                    out.push(
                        Exception::on_trip(info, index, trip)
                            .message(say!(ctx, "Trip ticket {trip_name} of vehicle {vehicle} starts at {} km, below the {} km at which its previous trip {} ended.", "La feuille de route {trip_name} du véhicule {vehicle} part de {} km, en dessous des {} km où la précédente, {}, s'est terminée.",
                                start.normalize(),
                                last_end.normalize(),
                                shown(&before.trip_id, "(no id)")
                            ))
                            .evidence("odometer_out", start)
                            .evidence("previous_odometer_in", last_end)
                            .evidence("previous_trip_source", before.prov.to_string()),
                    );
                }
            }
            if trip.odometer_in.is_some() {
                previous.insert(vehicle.key(), index);
            }
        }
        self.check_receipts(ctx, out);
    }
}

impl OdometerInconsistent {
    fn check_receipts(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let data = ctx.data;
        let name = |r: &Receipt| shown(&r.receipt_no, "(no number)");
        // Receipts arrive ordered by date and time.
        let mut previous: HashMap<&str, usize> = HashMap::new();
        for (index, receipt) in data.receipts.iter().enumerate() {
            // A receipt without a date has no place in the vehicle's sequence either.
            let (Some(vehicle), Some(reading), Some(_)) =
                (&receipt.vehicle_id, receipt.odometer, receipt.date)
            else {
                continue;
            };
            if let Some(&before) = previous.get(vehicle.key()) {
                let before = &data.receipts[before];
                if let Some(last) = before.odometer
                    && reading < last
                    && before.date < receipt.date
                {
                    out.push(
                        Exception::on_receipt(info, index, receipt)
                            .message(say!(ctx, "Receipt {} of vehicle {vehicle} reads {} km, below the {} km of its previous receipt {}.", "Le reçu {} du véhicule {vehicle} indique {} km, en dessous des {} km de son reçu précédent {}.",
                                name(receipt),
                                reading.normalize(),
                                last.normalize(),
                                name(before)
                            ))
                            .evidence("odometer", reading)
                            .evidence("previous_odometer", last)
                            .evidence("previous_receipt_source", before.prov.to_string()),
                    );
                }
            }
            previous.insert(vehicle.key(), index);
            let Some((trip_index, _)) = ctx.links.receipt_trip[index] else {
                continue;
            };
            let trip = &data.trips[trip_index];
            if let (Some(start), Some(end)) = (trip.odometer_out, trip.odometer_in)
                && start <= end
                && (reading < start || reading > end)
            {
                out.push(
                    Exception::on_receipt(info, index, receipt)
                        .message(say!(ctx, "Receipt {} reads {} km, outside its trip {}'s readings of {} to {} km.", "Le reçu {} indique {} km, hors des relevés de sa feuille de route {} ({} à {} km).",
                            name(receipt),
                            reading.normalize(),
                            shown(&trip.trip_id, "(no id)"),
                            start.normalize(),
                            end.normalize()
                        ))
                        .evidence("odometer", reading)
                        .evidence("trip_odometer_out", start)
                        .evidence("trip_odometer_in", end)
                        .evidence("trip_source", trip.prov.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_trip_ending_below_its_start_is_raised() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("200", "199"), None));
        assert_eq!(check(&OdometerInconsistent, data).len(), 1);
    }

    #[test]
    fn a_trip_starting_below_the_previous_end_is_raised_and_equal_is_silent() {
        let build = |start: &str| {
            let mut data = dataset();
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
            data.trips
                .push(trip("T2", "V1", "2020-03-06", (start, "300"), None));
            check(&OdometerInconsistent, data)
        };
        assert_eq!(build("199").len(), 1);
        assert!(build("200").is_empty());
    }

    #[test]
    fn a_trip_without_a_date_is_no_previous_trip() {
        let mut data = dataset();
        let mut undated = trip("T0", "V1", "2020-03-01", ("50000", "50100"), None);
        undated.date_out = None;
        data.trips.push(undated);
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        assert!(check(&OdometerInconsistent, data).is_empty());
    }

    #[test]
    fn receipts_going_backwards_or_outside_their_trip() {
        let mut data = dataset();
        let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40"));
        t.date_in = Some(date("2020-03-06"));
        data.trips.push(t);
        let mut first = receipt("R1", "V1", "2020-03-05", "20", "100");
        first.odometer = Some(d("150"));
        let mut second = receipt("R2", "V1", "2020-03-06", "20", "100");
        second.odometer = Some(d("140"));
        let mut third = receipt("R3", "V1", "2020-03-06", "20", "100");
        third.odometer = Some(d("250"));
        third.time = chrono::NaiveTime::from_hms_opt(12, 0, 0);
        data.receipts.extend([first, second, third]);
        let found = check(&OdometerInconsistent, data);
        let numbers: Vec<_> = found
            .iter()
            .map(|e| e.receipt_no.clone().unwrap_or_default())
            .collect();
        assert_eq!(numbers, ["R2", "R3"]);
    }
}
