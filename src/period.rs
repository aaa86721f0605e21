//! The month a run reconciles (`period = "2024-03"`, `--period 2024-03`): documents dated
//! outside it are DATE_OUT_OF_PERIOD. A type of its own so that the config file and the
//! command line refuse the same bad values with the same words.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.last
    }

    /// How many days a date lies before the first or after the last day (0 inside).
    pub fn days_outside(self, date: NaiveDate) -> i64 {
        if date < self.first {
            (self.first - date).num_days()
        } else if date > self.last {
            (date - self.last).num_days()
        } else {
            0
        }
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> Result<Period, String> {
        let bad = || format!("a period is a month written YYYY-MM (e.g. 2024-03), not {text:?}");
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        let last = next.and_then(|n| n.pred_opt()).ok_or_else(bad)?;
        Ok(Period { first, last })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.first.year(), self.first.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_a_month_and_nothing_else() {
        let period: Period = "2024-02".parse().unwrap();
        assert_eq!(
            period.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(period.to_string(), "2024-02");
        let december: Period = "2023-12".parse().unwrap();
        assert_eq!(
            december.last_day(),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
        );
        assert_eq!(
            december.days_outside(NaiveDate::from_ymd_opt(2024, 1, 3).unwrap()),
            3
        );
        for bad in ["2024-13", "2024-3", "March 2024", "24-03", "2024/03", ""] {
            let err = bad.parse::<Period>().unwrap_err();
            assert!(err.contains("YYYY-MM"), "{bad}: {err}");
        }
    }
}
