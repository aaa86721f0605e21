use super::odometer_sequence::{Judged, Position, Reading, Source, Verdict};
use super::units::distance_word;
use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// Odometer readings that cannot all be true (SPEC §3.6). Each vehicle's readings — trip
    /// tickets' start and end, receipts' — are judged as one sequence, and the reading out of
    /// line is the one raised, so the good reading after a typo is not blamed: a reading below
    /// the one before it that the readings after keep to; a jump out of line with the readings
    /// around it; a placeholder (0, `odometer_placeholders`); a receipt repeating an earlier
    /// day's reading. Besides: a trip that ends below its start, and a receipt whose reading
    /// lies outside its linked trip's. Each message says which case it is.
    OdometerInconsistent, Medium
}

impl Rule for OdometerInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks_every(&[DocKind::Trips, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let data = ctx.data;
        let unit = distance_word(ctx.config.units);
        // A trip that ends below its start is said once, as such: which of its two readings
        // is wrong is then a detail of that one finding.
        let mut backwards_trips = vec![false; data.trips.len()];
        for (index, trip) in data.trips.iter().enumerate() {
            if let (Some(start), Some(end)) = (trip.odometer_out(), trip.odometer_in())
                && end < start
            {
                backwards_trips[index] = true;
                out.push(
                    Exception::on_trip(info, index, trip)
                        .message(
                            Message::new("msg-odometer-trip-backwards")
                                .shown("trip", &trip.trip_id, "msg-no-id")
                                .number("end", end)
                                .number("start", start)
                                .message("unit", unit.clone()),
                        )
                        .evidence("odometer_out", start)
                        .evidence("odometer_in", end),
                );
            }
        }
        for (vehicle, judged) in ctx.odometers.vehicles() {
            for (position, verdict) in judged.left_out() {
                let on_backwards_trip = match judged.at(position).source() {
                    Source::TripOut(t) | Source::TripIn(t) => backwards_trips[t],
                    Source::Receipt(_) => false,
                };
                if !on_backwards_trip {
                    out.push(self.left_out(ctx, vehicle, judged, (position, verdict), &unit));
                }
            }
        }
        self.check_receipts_in_trips(ctx, out);
    }
}

impl OdometerInconsistent {
    /// The exception on a reading left out of its vehicle's sequence, saying why.
    fn left_out(
        &self,
        ctx: &Context<'_>,
        vehicle: &str,
        judged: &Judged,
        (position, verdict): (Position, Verdict),
        unit: &Message,
    ) -> Exception {
        let data = ctx.data;
        let reading = judged.at(position);
        let (exception, vehicle_shown) = match reading.source() {
            Source::TripOut(t) | Source::TripIn(t) => (
                Exception::on_trip(&Self::INFO, t, &data.trips[t]),
                data.trips[t].vehicle_id.as_ref(),
            ),
            Source::Receipt(r) => (
                Exception::on_receipt(&Self::INFO, r, &data.receipts[r]),
                data.receipts[r].vehicle_id.as_ref(),
            ),
        };
        let vehicle_shown = vehicle_shown.map_or_else(|| vehicle.to_string(), |v| v.to_string());
        let (id, related) = match verdict {
            Verdict::Kept | Verdict::Placeholder => ("msg-odometer-placeholder", None),
            Verdict::Repeated { first } => ("msg-odometer-repeated", Some(("first", first))),
            Verdict::Backwards { previous } => {
                ("msg-odometer-backwards", Some(("previous", previous)))
            }
            Verdict::Jump { .. } => ("msg-odometer-jump", None),
        };
        let mut message = Message::new(id)
            .text("vehicle", vehicle_shown)
            .number("reading", reading.value())
            .date("date", reading.date)
            .message("where", where_read(ctx, reading.source()))
            .message("unit", unit.clone());
        let mut exception = exception
            .evidence("odometer", reading.value())
            .evidence("odometer_field", field_of(reading.source()))
            .evidence("reading_date", reading.date);
        if let Some((name, other)) = related {
            let other = judged.at(other);
            message = message
                .number(name, other.value())
                .date(date_arg(name), other.date)
                .message(where_arg(name), where_read(ctx, other.source()));
            exception = with_neighbour(ctx, exception, name, other);
        }
        match verdict {
            Verdict::Placeholder => {
                exception = exception.evidence(
                    "odometer_placeholders",
                    placeholders(&ctx.config.rules.odometer_placeholders),
                );
            }
            Verdict::Jump { previous, next } => {
                let around = |p| judged.at(p);
                let mut around_message = Message::new(match (previous, next) {
                    (Some(_), Some(_)) => "msg-odometer-around-both",
                    (Some(_), None) => "msg-odometer-around-before",
                    (None, Some(_)) => "msg-odometer-around-after",
                    (None, None) => "msg-odometer-around-none",
                })
                .message("unit", unit.clone());
                for (name, neighbour) in [("previous", previous), ("next", next)] {
                    if let Some(neighbour) = neighbour.map(around) {
                        around_message = around_message
                            .number(name, neighbour.value())
                            .date(date_arg(name), neighbour.date);
                        exception = with_neighbour(ctx, exception, name, neighbour);
                    }
                }
                message = message.message("around", around_message);
                exception = exception.evidence("max_km_per_day", ctx.config.rules.max_km_per_day);
            }
            _ => {}
        }
        exception.message(message)
    }

    /// A receipt whose reading lies outside its linked trip's, when all three readings are
    /// in their vehicle's sequence (a reading left out is raised as such already).
    fn check_receipts_in_trips(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let unit = distance_word(ctx.config.units);
        for (index, receipt) in data.receipts.iter().enumerate() {
            let Some(reading) = receipt.odometer() else {
                continue;
            };
            let Some((trip_index, _)) = ctx.links.receipt_trip.get(index) else {
                continue;
            };
            let trip = &data.trips[trip_index];
            let left_out = [
                Source::Receipt(index),
                Source::TripOut(trip_index),
                Source::TripIn(trip_index),
            ]
            .into_iter()
            .any(|source| ctx.odometers.left_out(source));
            if let (Some(start), Some(end)) = (trip.odometer_out(), trip.odometer_in())
                && !left_out
                && start <= end
                && (reading < start || reading > end)
            {
                out.push(
                    Exception::on_receipt(&Self::INFO, index, receipt)
                        .message(
                            Message::new("msg-odometer-receipt-outside-trip")
                                .shown("receipt", &receipt.receipt_no, "msg-no-number")
                                .number("reading", reading)
                                .shown("trip", &trip.trip_id, "msg-no-id")
                                .number("start", start)
                                .number("end", end)
                                .message("unit", unit.clone()),
                        )
                        .evidence("odometer", reading)
                        .evidence("trip_odometer_out", start)
                        .evidence("trip_odometer_in", end)
                        .evidence("trip_source", trip.prov.to_string()),
                );
            }
        }
    }
}

/// Where a reading was written, as a message names it: "start of trip ticket T1", "receipt R1".
fn where_read(ctx: &Context<'_>, source: Source) -> Message {
    let data = ctx.data;
    match source {
        Source::TripOut(t) => Message::new("msg-odometer-at-trip-out").shown(
            "trip",
            &data.trips[t].trip_id,
            "msg-no-id",
        ),
        Source::TripIn(t) => Message::new("msg-odometer-at-trip-in").shown(
            "trip",
            &data.trips[t].trip_id,
            "msg-no-id",
        ),
        Source::Receipt(r) => Message::new("msg-odometer-at-receipt").shown(
            "receipt",
            &data.receipts[r].receipt_no,
            "msg-no-number",
        ),
    }
}

/// The field a reading is read from.
fn field_of(source: Source) -> &'static str {
    match source {
        Source::TripOut(_) => "odometer_out",
        Source::TripIn(_) => "odometer_in",
        Source::Receipt(_) => "odometer",
    }
}

fn date_arg(name: &str) -> &'static str {
    match name {
        "first" => "first_date",
        "previous" => "previous_date",
        _ => "next_date",
    }
}

fn where_arg(name: &str) -> &'static str {
    match name {
        "first" => "first_where",
        "previous" => "previous_where",
        _ => "next_where",
    }
}

/// The evidence of another reading the verdict rests on: its value, date and row.
fn with_neighbour(
    ctx: &Context<'_>,
    exception: Exception,
    name: &str,
    other: &Reading,
) -> Exception {
    let prov = match other.source() {
        Source::TripOut(t) | Source::TripIn(t) => &ctx.data.trips[t].prov,
        Source::Receipt(r) => &ctx.data.receipts[r].prov,
    };
    exception
        .evidence(&format!("{name}_odometer"), other.value())
        .evidence(&format!("{name}_odometer_field"), field_of(other.source()))
        .evidence(&format!("{name}_date"), other.date)
        .evidence(&format!("{name}_source"), prov.to_string())
}

fn placeholders(values: &[rust_decimal::Decimal]) -> Vec<String> {
    values.iter().map(|v| v.normalize().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::Dataset;
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
            data.trips
                .push(trip("T3", "V1", "2020-03-07", ("300", "400"), None));
            check(&OdometerInconsistent, data)
        };
        // 100, 200 | 199, 300 | 300, 400: either T1's end or T2's start is wrong, and the
        // earlier one, out of line with the 100 and the 199 around it, is the one raised.
        let found = build("199");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].trip_id.as_deref(), Some("T1"));
        assert_eq!(found[0].message.id(), "msg-odometer-jump");
        assert_eq!(found[0].evidence["odometer_field"], "odometer_in");
        assert!(build("200").is_empty());
    }

    #[test]
    fn a_trip_with_no_date_has_no_place_in_the_sequence() {
        let mut data = dataset();
        let mut undated = trip("T0", "V1", "2020-03-01", ("50000", "50100"), None);
        undated.date_out = None;
        undated.date_in = None;
        data.trips.push(undated);
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        data.trips
            .push(trip("T2", "V1", "2020-03-06", ("200", "300"), None));
        assert!(check(&OdometerInconsistent, data).is_empty());
    }

    /// Receipts of V1 one day apart from 1 March, with these odometers.
    fn fills(odometers: &[&str]) -> Dataset {
        let mut data = dataset();
        for (n, odometer) in odometers.iter().enumerate() {
            let day = date("2020-03-01") + chrono::Days::new(n as u64);
            let mut r = receipt(&format!("R{n}"), "V1", &day.to_string(), "40", "100");
            r.odometer = Some(d(odometer).into());
            data.receipts.push(r);
        }
        data
    }

    fn numbers(found: &[Exception]) -> Vec<String> {
        found
            .iter()
            .map(|e| e.receipt_no.clone().unwrap_or_default())
            .collect()
    }

    #[test]
    fn an_upward_typo_is_raised_and_the_correct_reading_after_it_is_not() {
        // The rows 52, 63, 5659: each a good reading after a typo of 333 695.
        let found = check(
            &OdometerInconsistent,
            fills(&["28500", "28600", "333695", "28716", "28791"]),
        );
        assert_eq!(numbers(&found), ["R2"]);
        assert_eq!(found[0].message.id(), "msg-odometer-jump");
        assert_eq!(
            found[0].message.render(crate::i18n::Lang::EN),
            "Vehicle V1: 333,695 km on 2020-03-03 (receipt R2) is out of line with the readings \
             around it: 28,600 km on 2020-03-02 before, 28,716 km on 2020-03-04 after; it is left \
             out of the vehicle's odometer sequence."
        );
        assert_eq!(found[0].evidence["next_odometer"], "28716");
    }

    #[test]
    fn a_run_of_zeros_is_raised_reading_by_reading_as_placeholders() {
        let found = check(
            &OdometerInconsistent,
            fills(&["28500", "0", "0", "0", "28900"]),
        );
        assert_eq!(numbers(&found), ["R1", "R2", "R3"]);
        assert!(
            found
                .iter()
                .all(|e| e.message.id() == "msg-odometer-placeholder")
        );
    }

    #[test]
    fn placeholders_are_those_of_the_settings() {
        let data = || fills(&["28500", "1234", "28900"]);
        let found = check(&OdometerInconsistent, data());
        assert_eq!(numbers(&found), ["R1"]);
        assert_eq!(found[0].message.id(), "msg-odometer-placeholder");
        let mut config = Config::defaults();
        config.rules.odometer_placeholders = vec![d("4321")];
        // 1234 is then an ordinary reading, out of line with the two around it.
        let found = check_with(&OdometerInconsistent, data(), &config);
        assert_eq!(found[0].message.id(), "msg-odometer-backwards");
    }

    #[test]
    fn a_receipt_repeating_an_earlier_days_reading_is_raised_and_the_same_day_is_not() {
        let found = check(&OdometerInconsistent, fills(&["45000", "45000", "45600"]));
        assert_eq!(numbers(&found), ["R1"]);
        assert_eq!(found[0].message.id(), "msg-odometer-repeated");
        let mut data = fills(&["45000", "45000", "45600"]);
        data.receipts[1].date = data.receipts[0].date;
        assert!(check(&OdometerInconsistent, data).is_empty());
    }

    #[test]
    fn a_step_further_than_can_be_driven_is_raised_beyond_max_km_per_day() {
        // 1 500 km a day over the day between and one more: 3 000 km from 28 100.
        assert!(check(&OdometerInconsistent, fills(&["28000", "28100", "31100"])).is_empty());
        let found = check(&OdometerInconsistent, fills(&["28000", "28100", "31100.1"]));
        assert_eq!(numbers(&found), ["R2"]);
        assert_eq!(found[0].evidence["max_km_per_day"], "1500");
        let mut config = Config::defaults();
        config.rules.max_km_per_day = d("2000");
        let data = fills(&["28000", "28100", "31100.1"]);
        assert!(check_with(&OdometerInconsistent, data, &config).is_empty());
    }

    #[test]
    fn a_trip_ending_below_its_start_is_raised_once() {
        let mut data = fills(&["28000", "28100"]);
        data.trips
            .push(trip("T1", "V1", "2020-03-03", ("28200", "2830"), None));
        let found = check(&OdometerInconsistent, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message.id(), "msg-odometer-trip-backwards");
    }

    #[test]
    fn messages_use_the_units_of_the_data() {
        let mut config = Config::defaults();
        config.units.distance = crate::config::Distance::Mi;
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("200", "199"), None));
        let found = check_with(&OdometerInconsistent, data, &config);
        assert_eq!(
            found[0].message.render(crate::i18n::Lang::EN),
            "Trip ticket T1 ends at 199 mi, below its start of 200 mi."
        );
    }

    #[test]
    fn receipts_out_of_line_or_outside_their_trip() {
        let mut data = dataset();
        let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40"));
        t.date_in = Some(date("2020-03-06"));
        data.trips.push(t);
        let mut first = receipt("R1", "V1", "2020-03-05", "20", "100");
        first.odometer = Some(d("150").into());
        let mut second = receipt("R2", "V1", "2020-03-06", "20", "100");
        second.odometer = Some(d("140").into());
        let mut third = receipt("R3", "V1", "2020-03-06", "20", "100");
        third.odometer = Some(d("250").into());
        third.time = chrono::NaiveTime::from_hms_opt(12, 0, 0);
        data.receipts.extend([first, second, third]);
        let found = check(&OdometerInconsistent, data);
        // 100, 150, 140, 200, 250: 150 is out of line with 100 and 140 around it (of two
        // rivals the earlier goes); 250 is in line but outside its trip's 100 to 200.
        assert_eq!(numbers(&found), ["R1", "R3"]);
        assert_eq!(found[1].message.id(), "msg-odometer-receipt-outside-trip");
    }

    /// A trip that ends below its start, on a day with another trip, is the one flagged: not
    /// the good readings of the day before or of the same day.
    #[test]
    fn a_trip_ending_below_its_start_is_flagged_alone() {
        for typo in ["250", "1050", "1150"] {
            let data = trip_ending_below_its_start(typo);
            let found = check(&OdometerInconsistent, data);
            let flagged: Vec<_> = found.iter().map(|e| e.trip_id.as_deref()).collect();
            assert_eq!(flagged, [Some("T2")], "T2 ends at {typo}");
        }
    }
}
