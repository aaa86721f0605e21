use super::{Context, Exception, Message, Rule, RuleInfo, Severity, declare_rule};
use super::{line_subject, receipt_subject};
use chrono::NaiveDate;
use foldhash::HashMap;
use rust_decimal::Decimal;

declare_rule! {
    /// A trip ticket, receipt or invoice line dated outside the month the run reconciles
    /// (`period`, `--period`) by more than `date_window_days`; without a period, outside the
    /// span of the run's own dates (their 1st to 99th percentile, widened by 31 days each
    /// side), so that a year's export flags only its strays (a 1999 fill among 2017 ones, a
    /// day and month swapped). Also a receipt dated after the invoice that bills it. Low on
    /// trip tickets, which move no money.
    DateOutOfPeriod, Medium
}

/// Days the span of the run's own dates is widened by on each side.
const SPAN_MARGIN_DAYS: i64 = 31;

/// The dates a run may hold, and how they were decided.
enum Expected {
    /// The configured month, with `date_window_days` of slack.
    Period(crate::period::Period, i64),
    /// The run's own span, already widened.
    Span(NaiveDate, NaiveDate),
}

impl Expected {
    /// Whether a date falls outside, and the message that says so of `subject` (made only for
    /// a date outside: most records are inside, and a message is a few allocations).
    fn outside(&self, subject: impl FnOnce() -> Message, date: NaiveDate) -> Option<Message> {
        match *self {
            Expected::Period(period, window) => {
                let days = period.days_outside(date);
                (days > window).then(|| {
                    Message::new("msg-date-out-of-period")
                        .message("subject", subject())
                        .date("date", date)
                        .int("days", days)
                        .text("period", period.to_string())
                        .int("window", window)
                })
            }
            Expected::Span(from, to) => (date < from || date > to).then(|| {
                Message::new("msg-date-out-of-span")
                    .message("subject", subject())
                    .date("date", date)
                    .date("from", from)
                    .date("to", to)
            }),
        }
    }

    fn evidence(&self, exception: Exception, date: NaiveDate) -> Exception {
        let exception = exception.evidence("date", date);
        match *self {
            Expected::Period(period, window) => exception
                .evidence("period", period.to_string())
                .evidence("days_outside", period.days_outside(date))
                .evidence("date_window_days", window),
            Expected::Span(from, to) => exception
                .evidence("expected_from", from)
                .evidence("expected_to", to)
                .evidence("margin_days", SPAN_MARGIN_DAYS),
        }
    }
}

impl Rule for DateOutOfPeriod {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<Message> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let data = ctx.data;
        let window = i64::from(ctx.config.rules.date_window_days);
        let dates = data
            .trips
            .iter()
            .map(|t| t.date_out)
            .chain(data.receipts.iter().map(|r| r.date))
            .chain(data.invoice_lines.iter().map(|l| l.date))
            .flatten();
        let expected = match ctx.config.period {
            Some(period) => Expected::Period(period, window),
            None => match own_span(dates) {
                Some((from, to)) => Expected::Span(from, to),
                None => return,
            },
        };
        let info = &Self::INFO;
        for (index, trip) in data.trips.iter().enumerate() {
            let Some(date) = trip.date_out else { continue };
            let subject =
                || Message::new("msg-subject-trip").shown("trip", &trip.trip_id, "msg-no-id");
            if let Some(message) = expected.outside(subject, date) {
                let mut exception = Exception::on_trip(info, index, trip).message(message);
                exception.severity = Severity::Low;
                out.push(expected.evidence(exception, date));
            }
        }
        for (index, receipt) in data.receipts.iter().enumerate() {
            let Some(date) = receipt.date else { continue };
            if let Some(message) = expected.outside(|| receipt_subject(receipt), date) {
                let exception = Exception::on_receipt(info, index, receipt).message(message);
                out.push(expected.evidence(exception, date));
            } else if let Some(exception) = after_its_invoice(ctx, index, date, window) {
                out.push(exception);
            }
        }
        for (index, line) in data.invoice_lines.iter().enumerate() {
            let Some(date) = line.date else { continue };
            if let Some(message) = expected.outside(|| line_subject(line), date) {
                let exception = Exception::on_line(info, index, line)
                    .at_risk(line.amount().unwrap_or_default().max(Decimal::ZERO))
                    .message(message);
                out.push(expected.evidence(exception, date));
            }
        }
    }
}

/// A receipt dated more than the window after the earliest invoice that bills it: a bill for
/// fuel not yet bought when it was issued.
fn after_its_invoice(
    ctx: &Context<'_>,
    index: usize,
    date: NaiveDate,
    window: i64,
) -> Option<Exception> {
    let receipt = &ctx.data.receipts[index];
    let (line, invoiced) = ctx
        .links
        .receipt_lines
        .of(index)
        .iter()
        .filter_map(|l| {
            let line = &ctx.data.invoice_lines[l];
            line.invoice_date.map(|d| (line, d))
        })
        .min_by_key(|(_, d)| *d)?;
    let days = (date - invoiced).num_days();
    (days > window).then(|| {
        Exception::on_receipt(&DateOutOfPeriod::INFO, index, receipt)
            .message(
                Message::new("msg-date-after-invoice")
                    .shown("receipt", &receipt.receipt_no, "msg-no-number")
                    .date("date", date)
                    .int("days", days)
                    .shown("invoice", &line.invoice_no, "msg-no-number")
                    .date("invoice_date", invoiced),
            )
            .evidence("date", date)
            .evidence("invoice_date", invoiced)
            .evidence("days_after", days)
            .evidence("date_window_days", window)
            .evidence("invoice_line_source", line.prov.to_string())
    })
}

/// The span of a run's own dates: from their 1st to their 99th percentile (interpolated
/// between neighbours, so a lone stray far from the rest falls outside even in a small
/// file), widened by [`SPAN_MARGIN_DAYS`] on each side. None without dates.
///
/// The dates are counted by day, not held: a month's millions of dates fall on a few hundred
/// days, and a percentile is the date at a rank, found by walking the days in order.
fn own_span(dates: impl Iterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let mut per_day: HashMap<NaiveDate, usize> = HashMap::default();
    for date in dates {
        *per_day.entry(date).or_default() += 1;
    }
    let mut days: Vec<(NaiveDate, usize)> = per_day.into_iter().collect();
    days.sort_unstable();
    let first = days.first()?.0;
    let count: usize = days.iter().map(|&(_, n)| n).sum();
    // The date at a rank (from 0) among all the dates in order, in days after the first.
    let at_rank = |rank: usize| {
        let mut before = 0;
        let (date, _) = days.iter().find(|&&(_, n)| {
            before += n;
            rank < before
        })?;
        Some((*date - first).num_days() as f64)
    };
    let percentile = |p: f64| -> Option<f64> {
        let position = p * (count - 1) as f64;
        let below = position.floor() as usize;
        let above = position.ceil() as usize;
        let (low, high) = (at_rank(below)?, at_rank(above)?);
        Some(low + (high - low) * (position - below as f64))
    };
    let from = percentile(0.01)?.floor() as i64 - SPAN_MARGIN_DAYS;
    let to = percentile(0.99)?.ceil() as i64 + SPAN_MARGIN_DAYS;
    let at = |offset: i64| first.checked_add_signed(chrono::Duration::days(offset));
    Some((at(from)?, at(to)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rules::testing::*;

    /// A year of fills, one a fortnight, and one stray from 1999.
    fn a_years_export() -> crate::model::Dataset {
        let mut data = dataset();
        let mut day = date("2017-01-03");
        for n in 0..26 {
            data.receipts.push(receipt(
                &format!("T{n}"),
                "V1",
                &day.to_string(),
                "40",
                "100",
            ));
            day += chrono::Duration::days(14);
        }
        data.receipts
            .push(receipt("T99", "V1", "1999-10-05", "40", "100"));
        data
    }

    #[test]
    fn without_a_period_only_the_strays_of_a_years_export_are_raised() {
        let found = check(&DateOutOfPeriod, a_years_export());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].receipt_no.as_deref(), Some("T99"));
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].amount_at_risk, Decimal::ZERO);
    }

    #[test]
    fn with_a_period_the_window_is_allowed_and_a_day_more_is_not() {
        let mut config = Config::defaults();
        config.period = Some("2020-03".parse().unwrap());
        let mut data = dataset();
        for (number, on) in [
            ("R1", "2020-02-29"),
            ("R2", "2020-02-28"),
            ("R3", "2020-03-15"),
            ("R4", "2020-04-01"),
            ("R5", "2020-04-02"),
        ] {
            data.receipts.push(receipt(number, "V1", on, "40", "100"));
        }
        data.trips
            .push(trip("T1", "V1", "2020-01-10", ("100", "200"), None));
        let mut late = line("INV1", 1, "R3", "40", "100");
        late.date = Some(date("2020-05-02"));
        data.invoice_lines.push(late);
        let found = check_with(&DateOutOfPeriod, data, &config);
        let mut found: Vec<(&str, Severity, Decimal)> = found
            .iter()
            .map(|e| {
                let id = e.trip_id.as_deref().or(e.receipt_no.as_deref()).unwrap();
                (id, e.severity, e.amount_at_risk)
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                ("R2", Severity::Medium, Decimal::ZERO),
                ("R3", Severity::Medium, d("100")),
                ("R5", Severity::Medium, Decimal::ZERO),
                ("T1", Severity::Low, Decimal::ZERO),
            ],
            "R3 is the invoice line citing it, dated in May"
        );
    }

    #[test]
    fn a_receipt_dated_after_the_invoice_that_bills_it_is_raised() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-30", "40", "100"));
        data.receipts
            .push(receipt("R2", "V1", "2020-04-01", "40", "100"));
        data.receipts
            .push(receipt("R3", "V1", "2020-04-03", "40", "100"));
        for (n, number) in ["R1", "R2", "R3"].into_iter().enumerate() {
            data.invoice_lines
                .push(line("INV1", n as u32 + 1, number, "40", "100"));
        }
        // Invoiced on 31 March: R2 is within the window, R3 is not.
        let found = check(&DateOutOfPeriod, data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].receipt_no.as_deref(), Some("R3"));
        assert!(matches!(found[0].target, crate::rules::Target::Receipt(_)));
    }

    /// [`own_span`] as it was, with every date held and sorted: the oracle of the counting one.
    fn own_span_of_sorted(mut dates: Vec<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
        dates.sort_unstable();
        let first = *dates.first()?;
        let days: Vec<f64> = (dates.iter())
            .map(|d| (*d - first).num_days() as f64)
            .collect();
        let percentile = |p: f64| {
            let position = p * (days.len() - 1) as f64;
            let below = position.floor() as usize;
            let above = position.ceil() as usize;
            days[below] + (days[above] - days[below]) * (position - below as f64)
        };
        let from = percentile(0.01).floor() as i64 - SPAN_MARGIN_DAYS;
        let to = percentile(0.99).ceil() as i64 + SPAN_MARGIN_DAYS;
        let at = |offset: i64| first.checked_add_signed(chrono::Duration::days(offset));
        Some((at(from)?, at(to)?))
    }

    use proptest::prelude::*;

    proptest! {
        /// Counting the dates by day finds the span sorting them all did: months of fills with
        /// strays years away, and runs of a few dates where the percentiles fall between two.
        #[test]
        fn the_span_of_dates_counted_by_day_is_that_of_the_dates_sorted(
            days in prop::collection::vec(0i64..120, 0..400),
            strays in prop::collection::vec(-4000i64..4000, 0..4),
        ) {
            let start = date("2024-03-01");
            let dates: Vec<NaiveDate> = (days.iter().chain(&strays))
                .map(|&d| start + chrono::Duration::days(d))
                .collect();
            prop_assert_eq!(own_span(dates.iter().copied()), own_span_of_sorted(dates));
        }
    }
}
