//! Numbers, money and dates written the way a language writes them (`1 234,50`, `05/03/2020`),
//! from the conventions in each catalogue's `locale.toml`.
//!
//! This is the only place values become text for a reader: messages receive them already
//! formatted, so Fluent never formats a number (its own formatting knows no grouping and would
//! go through floating point).

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

use super::Lang;

/// The writing conventions of one language, as its `locale.toml` states them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LocaleFormat {
    /// The language's own name ("français").
    pub name: String,
    pub decimal_mark: String,
    pub thousands_separator: String,
    /// A chrono strftime pattern.
    pub date_format: String,
}

impl LocaleFormat {
    /// ISO dates and English marks: what a catalogue whose `locale.toml` does not parse gets
    /// (a test keeps that from happening), so a typo there never stops a run.
    pub(crate) fn fallback(code: &str) -> LocaleFormat {
        LocaleFormat {
            name: code.to_string(),
            decimal_mark: ".".to_string(),
            thousands_separator: ",".to_string(),
            date_format: "%Y-%m-%d".to_string(),
        }
    }

    /// `value` with its own scale, units grouped by three.
    pub(crate) fn decimal(&self, value: Decimal) -> String {
        let plain = value.abs().to_string();
        let (units, decimals) = match plain.split_once('.') {
            Some((units, decimals)) => (units, Some(decimals)),
            None => (plain.as_str(), None),
        };
        let mut out = String::with_capacity(plain.len() + 8);
        if value.is_sign_negative() && !value.is_zero() {
            out.push('-');
        }
        for (i, digit) in units.chars().enumerate() {
            if i > 0 && (units.len() - i) % 3 == 0 {
                out.push_str(&self.thousands_separator);
            }
            out.push(digit);
        }
        if let Some(decimals) = decimals {
            out.push_str(&self.decimal_mark);
            out.push_str(decimals);
        }
        out
    }

    pub(crate) fn number(&self, value: Decimal) -> String {
        self.decimal(value.normalize())
    }

    pub(crate) fn fixed(&self, value: Decimal, places: u32) -> String {
        let mut rounded =
            value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(places);
        self.decimal(rounded)
    }

    pub(crate) fn date(&self, date: NaiveDate) -> String {
        let mut out = String::new();
        // An invalid pattern is an error from `write!` (never a panic, unlike `to_string`);
        // ISO is then the least surprising way to show the date.
        if write!(out, "{}", date.format(&self.date_format)).is_err() {
            out.clear();
            out = date.format("%Y-%m-%d").to_string();
        }
        out
    }
}

/// A quantity (litres, kilometres, a count, a ratio) in its shortest form: trailing zeros of
/// the decimals dropped (`45.50` → `45,5` in French). Round it first (`round_dp`) when it
/// comes from a division.
pub fn format_number(lang: Lang, value: Decimal) -> String {
    lang.format().number(value)
}

/// An amount of money with exactly the decimals it has (`1234.50` → `1 234,50` in French,
/// `15000` → `15 000`): the scale is the currency's, as the documents wrote it, and a figure
/// shown must equal the one in summary.json to the unit.
pub fn format_money(lang: Lang, value: Decimal) -> String {
    lang.format().decimal(value)
}

/// `value` rounded to `places` decimals, half away from zero as accountants round, then shown
/// with exactly that many decimals (`12.345`, 1 → `12,3`; `5`, 1 → `5,0`).
pub fn format_fixed(lang: Lang, value: Decimal, places: u32) -> String {
    lang.format().fixed(value, places)
}

/// A date in the language's pattern (`2020-03-05` in English, `05/03/2020` in French).
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    lang.format().date(date)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::from_str(code).unwrap()
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    const NBSP: &str = "\u{a0}";

    #[test]
    fn money_keeps_the_scale_and_groups_thousands() {
        let cases = [
            ("0", "0", "0"),
            ("5", "5", "5"),
            ("1234.5", "1,234.5", "1 234,5"),
            ("1234.50", "1,234.50", "1 234,50"),
            ("1234567.891", "1,234,567.891", "1 234 567,891"),
            ("-12.30", "-12.30", "-12,30"),
            ("0.05", "0.05", "0,05"),
            ("-1234567", "-1,234,567", "-1 234 567"),
            ("999", "999", "999"),
            ("100000", "100,000", "100 000"),
        ];
        for (value, en, fr) in cases {
            assert_eq!(format_money(Lang::EN, dec(value)), en, "{value} in English");
            assert_eq!(
                format_money(lang("fr"), dec(value)),
                fr.replace(' ', NBSP),
                "{value} in French"
            );
        }
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        let cases = [
            ("0", "0", "0"),
            ("5", "5", "5"),
            ("5.00", "5", "5"),
            ("1234.5", "1,234.5", "1 234,5"),
            ("1234567.891", "1,234,567.891", "1 234 567,891"),
            ("-12.30", "-12.3", "-12,3"),
            ("0.05", "0.05", "0,05"),
        ];
        for (value, en, fr) in cases {
            assert_eq!(
                format_number(Lang::EN, dec(value)),
                en,
                "{value} in English"
            );
            assert_eq!(
                format_number(lang("fr"), dec(value)),
                fr.replace(' ', NBSP),
                "{value} in French"
            );
        }
    }

    #[test]
    fn fixed_rounds_half_away_from_zero() {
        assert_eq!(format_fixed(Lang::EN, dec("12.345"), 2), "12.35");
        assert_eq!(format_fixed(Lang::EN, dec("-12.345"), 2), "-12.35");
        assert_eq!(
            format_fixed(lang("fr"), dec("1234.56"), 1),
            format!("1{NBSP}234,6")
        );
        assert_eq!(format_fixed(Lang::EN, dec("5"), 1), "5.0");
    }

    #[test]
    fn negative_zero_has_no_minus() {
        let negative_zero = dec("-0.00");
        assert_eq!(format_money(Lang::EN, negative_zero), "0.00");
        assert_eq!(format_fixed(Lang::EN, dec("-0.004"), 2), "0.00");
    }

    #[test]
    fn dates_follow_the_language() {
        let date = NaiveDate::from_ymd_opt(2020, 3, 5).unwrap();
        assert_eq!(format_date(Lang::EN, date), "2020-03-05");
        assert_eq!(format_date(lang("fr"), date), "05/03/2020");
    }

    #[test]
    fn a_bad_date_pattern_falls_back_to_iso() {
        let mut format = LocaleFormat::fallback("xx");
        format.date_format = "%Q".to_string();
        let date = NaiveDate::from_ymd_opt(2020, 3, 5).unwrap();
        assert_eq!(format.date(date), "2020-03-05");
    }
}
