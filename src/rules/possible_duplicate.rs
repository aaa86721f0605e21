use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::{DocKind, Ident, Receipt, fold_name};
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

/// A receipt of the day that could be a copy, or be copied: it has a number, litres and an
/// amount. Its station is folded once, not once per pair.
struct Fill<'a> {
    /// Its place in the day, by time then content: a copy is the later of two.
    position: usize,
    index: usize,
    receipt: &'a Receipt,
    number: &'a Ident,
    litres: Decimal,
    amount: Decimal,
    station: Option<String>,
}

impl<'a> Fill<'a> {
    fn of(position: usize, index: usize, receipt: &'a Receipt) -> Option<Fill<'a>> {
        Some(Fill {
            position,
            index,
            receipt,
            number: receipt.receipt_no.as_ref()?,
            litres: receipt.litres()?,
            amount: receipt.amount()?,
            station: receipt.station.as_deref().map(fold_name),
        })
    }

    fn vendor(&self) -> Option<&str> {
        self.receipt.vendor.as_ref().map(|v| v.key())
    }
}

/// Whether what both receipts record shows two separate fills; a value only one of them gives
/// proves nothing. Odometers that agree outweigh the times: a vehicle that did not move cannot
/// have burnt the first fill before the second, so only a retyped time sets them apart.
fn two_fills(ctx: &Context<'_>, a: &Fill<'_>, b: &Fill<'_>) -> bool {
    let rules = &ctx.config.rules;
    let (a_receipt, b_receipt) = (a.receipt, b.receipt);
    let times_apart = match (a_receipt.time, b_receipt.time) {
        (Some(x), Some(y)) => {
            (x - y).num_minutes().abs() > i64::from(rules.duplicate_window_minutes)
        }
        _ => false,
    };
    let odometers_apart = match (a_receipt.odometer(), b_receipt.odometer()) {
        (Some(x), Some(y)) => Some((x - y).abs() > rules.odometer_gap_km),
        _ => None,
    };
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    let stations_differ =
        differ(a.station.as_deref(), b.station.as_deref()) || differ(a.vendor(), b.vendor());
    odometers_apart.unwrap_or(times_apart) || stations_differ
}

/// The earliest fill of the day that `later` copies, if any. Only fills within the litres
/// tolerance are looked at, found by binary search among the day's fills sorted by litres: a
/// pool card with thousands of fills a day under one vehicle costs a search per fill, not a
/// comparison with every other.
fn copied<'d, 'a>(
    ctx: &Context<'_>,
    day: &'d [Fill<'a>],
    by_litres: &[usize],
    later: &Fill<'a>,
) -> Option<&'d Fill<'a>> {
    let vendor = later.vendor();
    let tolerance = ctx.litres_tolerance(vendor);
    let from = by_litres.partition_point(|&f| day[f].litres < later.litres - tolerance);
    by_litres[from..]
        .iter()
        .map(|&f| &day[f])
        .take_while(|earlier| earlier.litres <= later.litres + tolerance)
        .filter(|earlier| {
            earlier.position < later.position
                && earlier.number != later.number
                && (later.amount - earlier.amount).abs()
                    <= ctx.amount_tolerance(vendor, later.amount, earlier.amount)
                && !two_fills(ctx, earlier, later)
        })
        .min_by_key(|earlier| earlier.position)
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
            let day: Vec<Fill<'_>> = (same_day.iter().enumerate())
                .filter_map(|(position, r)| Fill::of(position, r.receipt, &receipts[r.receipt]))
                .collect();
            let mut by_litres: Vec<usize> = (0..day.len()).collect();
            by_litres.sort_by_key(|&f| day[f].litres);
            for later in &day {
                let Some(earlier) = copied(ctx, &day, &by_litres, later) else {
                    continue;
                };
                out.push(raised(ctx, later, earlier));
            }
        }
    }
}

/// The exception on `later`, a copy of `earlier`.
fn raised(ctx: &Context<'_>, later: &Fill<'_>, earlier: &Fill<'_>) -> Exception {
    let rules = &ctx.config.rules;
    Exception::on_receipt(&PossibleDuplicate::INFO, later.index, later.receipt)
        .at_risk(later.amount.max(Decimal::ZERO))
        .message(
            Message::new("msg-possible-duplicate")
                .text("receipt", later.number.to_string())
                .text("earlier", earlier.number.to_string())
                .number("litres", later.litres)
                .money("amount", later.amount.normalize())
                .number("earlier_litres", earlier.litres)
                .money("earlier_amount", earlier.amount.normalize()),
        )
        .evidence("earlier_receipt_source", earlier.receipt.prov.to_string())
        .evidence("litres_tolerance", ctx.litres_tolerance(later.vendor()))
        .evidence("amount_tolerance_percent", rules.amount_tolerance)
        .evidence("duplicate_window_minutes", rules.duplicate_window_minutes)
        .evidence("odometer_gap_km", rules.odometer_gap_km)
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
            (a.odometer, b.odometer) = (Some(d("28716").into()), Some(d("28791").into()));
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
            (a.odometer, b.odometer) = (Some(d("30985").into()), Some(d("30985").into()));
        });
        assert_eq!(retimed.len(), 1);
    }

    #[test]
    fn odometers_more_than_odometer_gap_km_apart_are_two_fills() {
        let apart = |second: &'static str| {
            copy(move |a, b| {
                (a.odometer, b.odometer) = (Some(d("28716").into()), Some(d(second).into()))
            })
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

    /// The search by litres finds what comparing every pair of the day finds: on a pool card's
    /// busy day (one vehicle id, 300 fills, litres and times close together, some copies), the
    /// copies raised and the receipt each copies are those of the plain pairwise search.
    #[test]
    fn a_busy_day_finds_what_comparing_every_pair_finds() {
        let mut data = dataset();
        let stations = ["Plateau", "Almadies", "PLATEAU "];
        for n in 0..300u32 {
            let litres = 20 + (n * 7919) % 7;
            let mut fill = receipt(
                &format!("R{n}"),
                "POOL",
                "2020-03-05",
                &format!("{litres}.{}", n % 3),
                &(litres * 650 + n % 5).to_string(),
            );
            fill.prov.row = u64::from(n) + 2;
            fill.time = at(6 + n / 25, (n * 13) % 60);
            fill.station = Some(stations[(n % 3) as usize].into());
            if n % 4 == 0 {
                fill.odometer = Some(Decimal::from(40_000 + n / 2).into());
            }
            data.receipts.push(fill);
        }
        data.canonicalise();
        let config = crate::config::Config::defaults();
        let links = crate::link::link(&data, &config);
        let ctx = Context::new(&data, &links, &config);
        let days = ctx.receipts_by_vehicle_day(data.receipts.iter().enumerate());
        let day: Vec<Fill<'_>> = (days.iter().enumerate())
            .filter_map(|(position, r)| Fill::of(position, r.receipt, &data.receipts[r.receipt]))
            .collect();
        let every_pair: Vec<(String, String)> = day
            .iter()
            .filter_map(|later| {
                let vendor = later.vendor();
                let earlier = day[..later.position].iter().find(|earlier| {
                    earlier.number != later.number
                        && !two_fills(&ctx, earlier, later)
                        && (later.litres - earlier.litres).abs() <= ctx.litres_tolerance(vendor)
                        && (later.amount - earlier.amount).abs()
                            <= ctx.amount_tolerance(vendor, later.amount, earlier.amount)
                })?;
                Some((later.number.to_string(), earlier.number.to_string()))
            })
            .collect();
        let mut raised = Vec::new();
        PossibleDuplicate.check(&ctx, &mut raised);
        let raised: Vec<(String, String)> = raised
            .iter()
            .map(|e| {
                let earlier = &e.evidence["earlier_receipt_source"];
                let row: u64 = earlier
                    .as_str()
                    .unwrap()
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let earlier = data.receipts.iter().find(|r| r.prov.row == row).unwrap();
                (
                    e.receipt_no.clone().unwrap(),
                    earlier.receipt_no.as_ref().unwrap().to_string(),
                )
            })
            .collect();
        assert!(every_pair.len() > 10, "the day has copies to find");
        assert_eq!(raised, every_pair);
    }
}
