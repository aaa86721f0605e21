//! Evaluation: what a tested sample allows an auditor to conclude (SPEC §7). Pure functions of
//! the counts and amounts found; the command reads them from sample.csv.
//!
//! Attribute samples get the exact one-sided (Clopper–Pearson) upper deviation limit; monetary
//! unit samples the cell (Stringer) bound. The bounds are statistics and computed in f64;
//! amounts handed back are rounded to cents as `Decimal` for the pages.

use super::plan::{binomial_cdf, bisect, poisson_factor};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// The rate p at which seeing at most `deviations` in `size` items has probability
/// 1 − confidence: the one-sided exact binomial upper limit. 1 when every item deviated.
pub fn upper_deviation_limit(size: u64, deviations: u64, confidence: f64) -> f64 {
    if deviations >= size {
        return 1.0;
    }
    let risk = 1.0 - confidence;
    // P(X ≤ k; n, p) falls as p rises: the limit is where it crosses the risk.
    bisect(0.0, 1.0, |p| binomial_cdf(deviations, size, p) > risk)
}

/// One tested item of a monetary-unit sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Tested {
    pub book: Decimal,
    pub audited: Decimal,
    /// Taken with certainty (worth at least the interval): its misstatement is counted as
    /// found, not projected.
    pub certain: bool,
}

/// The Stringer bound and the pieces an auditor checks it by.
#[derive(Clone, Debug, PartialEq)]
pub struct MonetaryEvaluation {
    /// interval × factor(0): the limit had no misstatement been found.
    pub basic_precision: Decimal,
    /// Overstatement taintings of the items below the interval, largest first.
    pub taintings: Vec<Decimal>,
    /// Each tainting's share of the limit: tainting × interval × (factor(i) − factor(i − 1)).
    pub increments: Vec<Decimal>,
    /// The taintings projected over their intervals, plus the certain items' misstatement.
    pub projected: Decimal,
    /// The misstatement found in items taken with certainty (added as it is).
    pub certain_misstatement: Decimal,
    /// Understatements (audited above book) found, projected the same way; reported beside
    /// the bound, which is a bound on overstatement.
    pub projected_understatement: Decimal,
    pub upper_limit: Decimal,
}

fn cents(value: f64) -> Decimal {
    Decimal::from_f64(value).unwrap_or(Decimal::MAX).round_dp(2)
}

/// The cell (Stringer) bound on overstatement: basic precision, plus each tainting (ranked
/// largest first) times the interval times its incremental Poisson factor, plus what the
/// items taken with certainty were found to be misstated.
pub fn stringer(interval: Decimal, confidence: f64, tested: &[Tested]) -> MonetaryEvaluation {
    let interval_f = interval.to_f64().unwrap_or(0.0);
    let mut taintings = Vec::new();
    let mut understatement = Decimal::ZERO;
    let mut certain_misstatement = Decimal::ZERO;
    for item in tested {
        let misstatement = item.book - item.audited;
        if item.certain {
            certain_misstatement += misstatement;
        } else if item.book > Decimal::ZERO && misstatement != Decimal::ZERO {
            let tainting = misstatement / item.book;
            if tainting > Decimal::ZERO {
                taintings.push(tainting);
            } else {
                understatement -= tainting;
            }
        }
    }
    taintings.sort_by(|a, b| b.cmp(a));
    let factors: Vec<f64> = (0..=taintings.len() as u64)
        .map(|k| poisson_factor(k, confidence))
        .collect();
    let basic = interval_f * factors[0];
    let increments: Vec<f64> = taintings
        .iter()
        .zip(factors.windows(2))
        .map(|(t, f)| t.to_f64().unwrap_or(0.0) * interval_f * (f[1] - f[0]))
        .collect();
    let tainted_total: Decimal = taintings.iter().sum();
    let certain_f = certain_misstatement.to_f64().unwrap_or(0.0);
    let upper = basic + increments.iter().sum::<f64>() + certain_f.max(0.0);
    MonetaryEvaluation {
        basic_precision: cents(basic),
        taintings: taintings.iter().map(|t| t.round_dp(4)).collect(),
        increments: increments.into_iter().map(cents).collect(),
        projected: (tainted_total * interval + certain_misstatement).round_dp(2),
        certain_misstatement: certain_misstatement.round_dp(2),
        projected_understatement: (understatement * interval).round_dp(2),
        upper_limit: cents(upper),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn fifty_nine_clean_items_bound_the_rate_just_under_five_percent() {
        // With no deviation the limit solves (1 − p)^59 = 0.05: p = 1 − 0.05^(1/59) = 0.04951.
        let limit = upper_deviation_limit(59, 0, 0.95);
        assert!((limit - (1.0 - 0.05f64.powf(1.0 / 59.0))).abs() < 1e-9);
        assert!(limit < 0.05 && limit > 0.049, "{limit}");
        // 58 items would not do: the limit is above 5 %.
        assert!(upper_deviation_limit(58, 0, 0.95) > 0.05);
    }

    #[test]
    fn one_deviation_in_ninety_three_is_just_under_five_percent() {
        // The table's 93 for K = 1 is the n whose limit with one deviation first drops below 5 %.
        assert!(upper_deviation_limit(93, 1, 0.95) < 0.05);
        assert!(upper_deviation_limit(92, 1, 0.95) > 0.05);
        assert_eq!(upper_deviation_limit(5, 5, 0.95), 1.0);
    }

    #[test]
    fn stringer_bound_worked_by_hand() {
        // Interval 1,000 at 95 %. Poisson factors (the mean m with P(X ≤ k; m) = 0.05):
        // F(0) = 2.995732, F(1) = 4.743865, F(2) = 6.295794.
        // Item A: book 500, audited 100 → tainting 400 ÷ 500 = 0.80.
        // Item B: book 200, audited 150 → tainting  50 ÷ 200 = 0.25.
        // Item C: book 300, audited 300 → no misstatement.
        // Item D: taken with certainty, book 2,500, audited 2,400 → 100 found, not projected.
        // Basic precision  = 1,000 × 2.995732                     = 2,995.73
        // Ranked taintings: 0.80 × 1,000 × (4.743865 − 2.995732) = 0.80 × 1,748.133 = 1,398.51
        //                   0.25 × 1,000 × (6.295794 − 4.743865) = 0.25 × 1,551.929 =   387.98
        // Certain items                                           =   100.00
        // Upper misstatement limit = 2,995.73 + 1,398.51 + 387.98 + 100.00 = 4,882.22
        // Projected = (0.80 + 0.25) × 1,000 + 100                  = 1,150.00
        let tested = [
            Tested {
                book: dec("200"),
                audited: dec("150"),
                certain: false,
            },
            Tested {
                book: dec("500"),
                audited: dec("100"),
                certain: false,
            },
            Tested {
                book: dec("300"),
                audited: dec("300"),
                certain: false,
            },
            Tested {
                book: dec("2500"),
                audited: dec("2400"),
                certain: true,
            },
        ];
        let result = stringer(dec("1000"), 0.95, &tested);
        assert_eq!(result.taintings, vec![dec("0.8"), dec("0.25")]);
        assert_eq!(result.projected, dec("1150"));
        assert_eq!(result.certain_misstatement, dec("100"));
        assert!((result.basic_precision - dec("2995.73")).abs() <= dec("0.01"));
        assert!((result.increments[0] - dec("1398.51")).abs() <= dec("0.01"));
        assert!((result.increments[1] - dec("387.98")).abs() <= dec("0.01"));
        assert!(
            (result.upper_limit - dec("4882.22")).abs() <= dec("0.02"),
            "{result:?}"
        );
    }

    #[test]
    fn a_clean_monetary_sample_is_bounded_by_basic_precision() {
        let tested = [Tested {
            book: dec("80"),
            audited: dec("80"),
            certain: false,
        }];
        let result = stringer(dec("500"), 0.95, &tested);
        assert_eq!(result.upper_limit, result.basic_precision);
        assert_eq!(result.projected, Decimal::ZERO);
    }

    #[test]
    fn understatements_are_reported_beside_the_bound() {
        let tested = [Tested {
            book: dec("100"),
            audited: dec("150"),
            certain: false,
        }];
        let result = stringer(dec("1000"), 0.95, &tested);
        assert_eq!(result.projected_understatement, dec("500"));
        assert_eq!(result.upper_limit, result.basic_precision);
    }
}
