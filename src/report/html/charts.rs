//! The charts of index.html as data for inline SVG: bars scaled to the largest value, drawn by
//! the template. Geometry only is floating point; the figures shown are the view's decimals.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// One bar: its label, its figure, and its length in the chart's units (0 to `BAR_UNITS`).
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: String,
    pub length: f64,
    /// A second mark on the bar (a vehicle's norm), in the same units.
    pub mark: Option<f64>,
    pub over: bool,
    /// The bar's top, in the chart's units.
    pub y: usize,
}

/// A bar chart: at most `MAX_BARS` bars, largest first, and how many more there were.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BarChart {
    pub bars: Vec<Bar>,
    pub more: usize,
    /// The chart's height in its units.
    pub height: usize,
}

/// The longest bar, in the SVG's units (the template lays labels out before the bars).
const BAR_UNITS: f64 = 200.0;
/// One bar's row, in the SVG's units.
const ROW: usize = 20;

impl BarChart {
    fn new(bars: Vec<Bar>, more: usize) -> BarChart {
        let height = bars.len() * ROW + 4;
        let bars = bars
            .into_iter()
            .enumerate()
            .map(|(i, bar)| Bar {
                y: i * ROW + 2,
                ..bar
            })
            .collect();
        BarChart { bars, more, height }
    }
}

/// Charts stay readable: the largest bars, the rest counted.
const MAX_BARS: usize = 30;

fn share(value: Decimal, max: Decimal) -> f64 {
    if max <= Decimal::ZERO {
        return 0.0;
    }
    (value / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0) * 100.0
}

fn length(share_percent: f64) -> f64 {
    (share_percent * BAR_UNITS / 10.0).round() / 10.0
}

/// Bars for `(label, value)` pairs, largest first (then by label, so the order is stable).
pub fn bars(mut items: Vec<(String, Decimal)>) -> BarChart {
    items.retain(|(_, v)| *v > Decimal::ZERO);
    items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let more = items.len().saturating_sub(MAX_BARS);
    items.truncate(MAX_BARS);
    let max = items.first().map_or(Decimal::ZERO, |(_, v)| *v);
    BarChart::new(
        items
            .into_iter()
            .map(|(label, value)| Bar {
                length: length(share(value, max)),
                value: value.to_string(),
                label,
                mark: None,
                over: false,
                y: 0,
            })
            .collect(),
        more,
    )
}

/// Consumption per vehicle against its norm: `(vehicle, actual, norm)`, the worst first. In
/// litres per 100 km more is worse; in miles per gallon (`mpg`) less is.
pub fn consumption(mut items: Vec<(String, Decimal, Decimal)>, mpg: bool) -> BarChart {
    let excess = |(_, actual, norm): &(String, Decimal, Decimal)| {
        let ratio = if mpg {
            norm.checked_div(*actual)
        } else {
            actual.checked_div(*norm)
        };
        ratio.unwrap_or_default()
    };
    items.sort_by(|a, b| excess(b).cmp(&excess(a)).then_with(|| a.0.cmp(&b.0)));
    let more = items.len().saturating_sub(MAX_BARS);
    items.truncate(MAX_BARS);
    let max = items
        .iter()
        .map(|(_, actual, norm)| (*actual).max(*norm))
        .max()
        .unwrap_or_default();
    BarChart::new(
        items
            .into_iter()
            .map(|(label, actual, norm)| Bar {
                length: length(share(actual, max)),
                value: actual.round_dp(1).to_string(),
                mark: Some(length(share(norm, max))),
                over: if mpg { actual < norm } else { actual > norm },
                label,
                y: 0,
            })
            .collect(),
        more,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_sorted() {
        let chart = bars(vec![
            ("b".into(), Decimal::from(5)),
            ("a".into(), Decimal::from(10)),
            ("zero".into(), Decimal::ZERO),
        ]);
        let lengths: Vec<f64> = chart.bars.iter().map(|b| b.length).collect();
        assert_eq!(lengths, [200.0, 100.0]);
        assert_eq!(chart.bars[0].label, "a");
    }

    #[test]
    fn consumption_marks_the_norm_and_flags_the_excess() {
        let chart = consumption(
            vec![("V1".into(), Decimal::from(18), Decimal::from(14))],
            false,
        );
        assert!(chart.bars[0].over);
        let mpg = consumption(
            vec![("V1".into(), Decimal::from(16), Decimal::from(20))],
            true,
        );
        assert!(
            mpg.bars[0].over,
            "16 mpg against a norm of 20 is the excess"
        );
        assert_eq!(chart.bars[0].mark, Some(155.6));
    }
}
