//! Planning: how many items a statistical sample needs (SPEC §7), and the probability sums
//! behind it. Pure functions of numbers, no words: the workpaper shows the formula and inputs.
//!
//! Attribute sampling takes the smallest n for which seeing at most K deviations is unlikely
//! (probability ≤ 1 − confidence) when the true deviation rate is the tolerable rate; monetary
//! unit sampling does the same with the Poisson law, the mean being n × tolerable misstatement ÷
//! population value. Probabilities are f64 (statistics, never money); the sums use only the
//! four operations, `ln` and `exp`, so a size depends on the inputs alone.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Larger samples than this are a sign of a mistyped tolerable rate, not a plan.
pub const MAX_SIZE: u64 = 1_000_000;

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("--confidence must be between 0 and 1 (e.g. 0.95), not {0}")]
    Confidence(f64),
    #[error(
        "--tolerable must be a rate between 0 and 1 for attribute sampling (e.g. 0.05), not {0}"
    )]
    TolerableRate(f64),
    #[error(
        "--tolerable must be an amount above zero for monetary-unit sampling (e.g. 25000 or 5%), not {0}"
    )]
    TolerableAmount(Decimal),
    #[error("the population has no value to sample by amount")]
    NoValue,
    #[error(
        "the plan needs more than {MAX_SIZE} items; raise --tolerable or lower --expected-errors"
    )]
    TooLarge,
}

/// ln P(X = j) for X ~ Binomial(n, p), built term by term from j = 0 so that no factorial is
/// ever formed.
fn binomial_log_terms(k: u64, n: u64, p: f64) -> impl Iterator<Item = f64> {
    let log_odds = (p / (1.0 - p)).ln();
    let first = n as f64 * (1.0 - p).ln();
    (0..=k.min(n)).scan(first, move |term, j| {
        let current = *term;
        *term += ((n - j) as f64 / (j + 1) as f64).ln() + log_odds;
        Some(current)
    })
}

/// Sums probabilities given as logarithms without underflow.
fn sum_of_logs(logs: impl Iterator<Item = f64>) -> f64 {
    let logs: Vec<f64> = logs.collect();
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return 0.0;
    }
    let scaled: f64 = logs.iter().map(|l| (l - top).exp()).sum();
    (top + scaled.ln()).exp().min(1.0)
}

/// P(X ≤ k) for X ~ Binomial(n, p).
pub fn binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    if k >= n || p <= 0.0 {
        return 1.0;
    }
    if p >= 1.0 {
        return 0.0;
    }
    sum_of_logs(binomial_log_terms(k, n, p))
}

/// P(X ≤ k) for X ~ Poisson(mean).
pub fn poisson_cdf(k: u64, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 1.0;
    }
    let log_mean = mean.ln();
    let terms = (0..=k).scan(-mean, move |term, j| {
        let current = *term;
        *term += log_mean - ((j + 1) as f64).ln();
        Some(current)
    });
    sum_of_logs(terms)
}

/// The Poisson mean at which seeing at most `k` events has probability 1 − confidence: the
/// "upper error limit factor" of monetary-unit tables (3.00, 4.75, 6.30… at 95 %).
pub fn poisson_factor(k: u64, confidence: f64) -> f64 {
    let risk = 1.0 - confidence;
    let mut high = 1.0;
    while poisson_cdf(k, high) > risk {
        high *= 2.0;
    }
    bisect(0.0, high, |mean| poisson_cdf(k, mean) > risk)
}

/// The boundary of a predicate true below it and false above it, to f64 precision.
pub(crate) fn bisect(mut low: f64, mut high: f64, below: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..200 {
        let mid = low + (high - low) / 2.0;
        if mid <= low || mid >= high {
            break;
        }
        if below(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    high
}

/// The smallest n ≥ `start` for which `enough(n)` holds, `enough` being false below some n
/// and true from it on: doubling, then bisection.
fn smallest(start: u64, enough: impl Fn(u64) -> bool) -> Result<u64, PlanError> {
    let mut below = start.saturating_sub(1);
    let mut high = start.max(1);
    while !enough(high) {
        if high >= MAX_SIZE {
            return Err(PlanError::TooLarge);
        }
        below = high;
        high = (high * 2).min(MAX_SIZE);
    }
    while high - below > 1 {
        let mid = below + (high - below) / 2;
        if enough(mid) {
            high = mid;
        } else {
            below = mid;
        }
    }
    Ok(high)
}

pub fn check_confidence(confidence: f64) -> Result<(), PlanError> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(PlanError::Confidence(confidence))
    }
}

/// Attribute sampling: the smallest n with P(X ≤ K; n, tolerable rate) ≤ 1 − confidence.
pub fn attribute_size(
    confidence: f64,
    tolerable_rate: f64,
    expected: u64,
) -> Result<u64, PlanError> {
    check_confidence(confidence)?;
    if !(tolerable_rate > 0.0 && tolerable_rate < 1.0) {
        return Err(PlanError::TolerableRate(tolerable_rate));
    }
    let risk = 1.0 - confidence;
    smallest(expected + 1, |n| {
        binomial_cdf(expected, n, tolerable_rate) <= risk
    })
}

/// Monetary-unit sampling: the smallest n with P(X ≤ K; n × TM ÷ value) ≤ 1 − confidence.
pub fn monetary_size(
    confidence: f64,
    tolerable: Decimal,
    population_value: Decimal,
    expected: u64,
) -> Result<u64, PlanError> {
    check_confidence(confidence)?;
    if tolerable <= Decimal::ZERO {
        return Err(PlanError::TolerableAmount(tolerable));
    }
    if population_value <= Decimal::ZERO {
        return Err(PlanError::NoValue);
    }
    let share = (tolerable / population_value)
        .to_f64()
        .ok_or(PlanError::NoValue)?;
    let risk = 1.0 - confidence;
    smallest(1, |n| poisson_cdf(expected, n as f64 * share) <= risk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// P(X ≤ k) for a binomial written the schoolbook way: C(n, j) p^j (1 − p)^(n − j), with
    /// C(n, j) built by multiplying, independent of the implementation's logarithms.
    fn schoolbook_binomial(k: u64, n: u64, p: f64) -> f64 {
        let mut total = 0.0;
        let mut choose = 1.0;
        for j in 0..=k.min(n) {
            if j > 0 {
                choose = choose * (n - j + 1) as f64 / j as f64;
            }
            total += choose * p.powi(j as i32) * (1.0 - p).powi((n - j) as i32);
        }
        total
    }

    /// P(X ≤ k) for a Poisson: e^(−m) Σ m^j ÷ j!.
    fn schoolbook_poisson(k: u64, mean: f64) -> f64 {
        let mut term = 1.0;
        let mut total = 1.0;
        for j in 1..=k {
            term = term * mean / j as f64;
            total += term;
        }
        total * (-mean).exp()
    }

    fn first_n(enough: impl Fn(u64) -> bool) -> u64 {
        (1..).find(|&n| enough(n)).unwrap()
    }

    #[test]
    fn published_attribute_sizes() {
        // AICPA attribute tables, 95 % confidence, 5 % tolerable rate.
        assert_eq!(attribute_size(0.95, 0.05, 0), Ok(59));
        assert_eq!(attribute_size(0.95, 0.05, 1), Ok(93));
    }

    #[test]
    fn attribute_sizes_from_first_principles() {
        for (confidence, rate, k) in [
            (0.90, 0.05, 0),
            (0.95, 0.10, 0),
            (0.99, 0.05, 0),
            (0.95, 0.05, 2),
            (0.90, 0.10, 1),
            (0.95, 0.02, 3),
            (0.99, 0.08, 2),
        ] {
            let expected =
                first_n(|n| n > k && schoolbook_binomial(k, n, rate) <= 1.0 - confidence);
            assert_eq!(
                attribute_size(confidence, rate, k),
                Ok(expected),
                "confidence {confidence}, rate {rate}, K {k}"
            );
        }
    }

    #[test]
    fn monetary_sizes_from_first_principles() {
        for (confidence, tolerable, value, k) in [
            (0.95, dec("25000"), dec("1000000"), 0),
            (0.95, dec("25000"), dec("1000000"), 1),
            (0.90, dec("50000"), dec("2500000"), 2),
            (0.99, dec("1234.56"), dec("98765.43"), 0),
            (0.80, dec("10000"), dec("333333.33"), 3),
        ] {
            let share = (tolerable / value).to_f64().unwrap();
            let expected = first_n(|n| schoolbook_poisson(k, n as f64 * share) <= 1.0 - confidence);
            assert_eq!(
                monetary_size(confidence, tolerable, value, k),
                Ok(expected),
                "confidence {confidence}, TM {tolerable}, value {value}, K {k}"
            );
        }
    }

    #[test]
    fn monetary_size_with_no_expected_misstatement_is_the_closed_form() {
        // K = 0, 95 %: n = ⌈−ln 0.05 × value ÷ TM⌉ = ⌈2.9957 × 40⌉ = ⌈119.83⌉ = 120.
        assert_eq!(
            monetary_size(0.95, dec("25000"), dec("1000000"), 0),
            Ok(120)
        );
        assert_eq!(
            monetary_size(0.95, dec("25000"), dec("1000000"), 0).unwrap(),
            (-(0.05f64.ln()) * 40.0).ceil() as u64
        );
    }

    #[test]
    fn poisson_factors_match_the_tables() {
        // Monetary-unit sampling tables, 95 %: 3.00, 4.75, 6.30, 7.76.
        for (k, factor) in [(0, 2.9957), (1, 4.7439), (2, 6.2958), (3, 7.7537)] {
            assert!((poisson_factor(k, 0.95) - factor).abs() < 1e-4, "K {k}");
        }
    }

    #[test]
    fn nonsense_inputs_are_refused() {
        assert_eq!(
            attribute_size(1.5, 0.05, 0),
            Err(PlanError::Confidence(1.5))
        );
        assert_eq!(
            attribute_size(0.95, 5.0, 0),
            Err(PlanError::TolerableRate(5.0))
        );
        assert_eq!(attribute_size(0.95, 1e-9, 0), Err(PlanError::TooLarge));
        assert_eq!(
            monetary_size(0.95, dec("0"), dec("100"), 0),
            Err(PlanError::TolerableAmount(dec("0")))
        );
    }
}
