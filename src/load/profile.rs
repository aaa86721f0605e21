//! Per-column decisions of SPEC §2.2, made from all of a column's values: which mark is the
//! decimal one (`1,234` is 1234 in a column that also holds `12.50`, 1.234 in one that holds
//! `12,50`), and whether dates are day- or month-first.

use super::cell::Cell;
use super::schema::FieldSpec;
use super::values::{
    DateOrder, DecimalMark, date_order_evidence, decimal_evidence, reads_both_ways,
};
use crate::model::FieldType;
use serde::Serialize;

/// Votes counted over one column.
#[derive(Clone, Debug, Default)]
struct Votes {
    dot: u64,
    comma: u64,
    day_first: u64,
    month_first: u64,
    /// Dates that are valid, and different, read either way (`05/01/2017`).
    either_way: u64,
}

/// Defaults for what a column's own values leave open.
#[derive(Clone, Copy, Debug)]
pub struct Defaults {
    pub decimal_mark: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
    /// A `;`-delimited file comes from a locale with decimal commas.
    pub semicolon_file: bool,
}

/// What settled a reading: the column's (or file's) own values, the config, or a default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecidedBy {
    Evidence,
    Config,
    Default,
}

/// How each field's values are to be read.
#[derive(Clone, Copy, Debug)]
pub struct ColumnReading {
    pub decimal_mark: DecimalMark,
    pub decimal_mark_by: DecidedBy,
    pub date_order: DateOrder,
    pub date_order_by: DecidedBy,
    /// With the date order left to a default: how many values would read as another date the
    /// other way round. Above zero, the column is ambiguous and the run says so.
    pub dates_either_way: u64,
}

/// Collects the votes of every value, then decides.
#[derive(Debug)]
pub struct Profile {
    votes: Vec<Votes>,
}

impl Profile {
    pub fn new(fields: usize) -> Profile {
        Profile {
            votes: vec![Votes::default(); fields],
        }
    }

    /// Whether a field's values are profiled at all: only numbers and dates have a locale.
    pub fn takes(spec: &FieldSpec) -> bool {
        matches!(
            spec.ty,
            FieldType::Number | FieldType::Integer | FieldType::Date | FieldType::DateTime
        )
    }

    /// Adds another part of the file's votes (files are read in batches, side by side).
    pub fn add(&mut self, other: &Profile) {
        for (votes, more) in self.votes.iter_mut().zip(&other.votes) {
            votes.dot += more.dot;
            votes.comma += more.comma;
            votes.day_first += more.day_first;
            votes.month_first += more.month_first;
            votes.either_way += more.either_way;
        }
    }

    pub fn observe(&mut self, field: usize, spec: &FieldSpec, cell: &Cell<'_>) {
        let Cell::Text(text) = cell else { return };
        let votes = &mut self.votes[field];
        match spec.ty {
            FieldType::Number | FieldType::Integer => match decimal_evidence(text) {
                Some(DecimalMark::Dot) => votes.dot += 1,
                Some(DecimalMark::Comma) => votes.comma += 1,
                None => {}
            },
            FieldType::Date | FieldType::DateTime => match date_order_evidence(text) {
                Some(DateOrder::DayFirst) => votes.day_first += 1,
                Some(DateOrder::MonthFirst) => votes.month_first += 1,
                None if reads_both_ways(text) => votes.either_way += 1,
                None => {}
            },
            _ => {}
        }
    }

    /// A column's own evidence wins; then the config; then the file's other columns; then the
    /// delimiter's hint; then dot and day-first.
    pub fn decide(&self, defaults: Defaults) -> Vec<ColumnReading> {
        let file_dot: u64 = self.votes.iter().map(|v| v.dot).sum();
        let file_comma: u64 = self.votes.iter().map(|v| v.comma).sum();
        let file_mark = majority(file_dot, file_comma);
        let fallback_mark = match (defaults.decimal_mark, file_mark) {
            (Some(mark), _) => (mark, DecidedBy::Config),
            (None, Some(mark)) => (mark, DecidedBy::Evidence),
            (None, None) if defaults.semicolon_file => (DecimalMark::Comma, DecidedBy::Default),
            (None, None) => (DecimalMark::Dot, DecidedBy::Default),
        };
        self.votes
            .iter()
            .map(|v| {
                let (decimal_mark, decimal_mark_by) = majority(v.dot, v.comma)
                    .map_or(fallback_mark, |mark| (mark, DecidedBy::Evidence));
                let (date_order, date_order_by) = match (v.day_first, v.month_first) {
                    (0, m) if m > 0 => (DateOrder::MonthFirst, DecidedBy::Evidence),
                    (d, 0) if d > 0 => (DateOrder::DayFirst, DecidedBy::Evidence),
                    _ => match defaults.date_order {
                        Some(order) => (order, DecidedBy::Config),
                        None => (DateOrder::DayFirst, DecidedBy::Default),
                    },
                };
                ColumnReading {
                    decimal_mark,
                    decimal_mark_by,
                    date_order,
                    date_order_by,
                    dates_either_way: if date_order_by == DecidedBy::Default {
                        v.either_way
                    } else {
                        0
                    },
                }
            })
            .collect()
    }
}

fn majority(dot: u64, comma: u64) -> Option<DecimalMark> {
    match dot.cmp(&comma) {
        std::cmp::Ordering::Greater => Some(DecimalMark::Dot),
        std::cmp::Ordering::Less => Some(DecimalMark::Comma),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::RECEIPTS;

    fn decide(values: &[&str], defaults: Defaults) -> ColumnReading {
        let litres = RECEIPTS.iter().position(|f| f.name == "litres").unwrap();
        let mut profile = Profile::new(RECEIPTS.len());
        for v in values {
            profile.observe(litres, &RECEIPTS[litres], &Cell::Text(v.to_string().into()));
        }
        profile.decide(defaults)[litres]
    }

    const NONE: Defaults = Defaults {
        decimal_mark: None,
        date_order: None,
        semicolon_file: false,
    };

    #[test]
    fn a_column_decides_its_ambiguous_values() {
        assert_eq!(
            decide(&["1,234", "12,50"], NONE).decimal_mark,
            DecimalMark::Comma
        );
        assert_eq!(
            decide(&["1,234", "12.50"], NONE).decimal_mark,
            DecimalMark::Dot
        );
    }

    #[test]
    fn without_evidence_the_delimiter_hints() {
        let semicolon = Defaults {
            semicolon_file: true,
            ..NONE
        };
        assert_eq!(
            decide(&["1,234"], semicolon).decimal_mark,
            DecimalMark::Comma
        );
        assert_eq!(decide(&["1,234"], NONE).decimal_mark, DecimalMark::Dot);
    }

    #[test]
    fn the_config_decides_before_the_delimiter() {
        let told = Defaults {
            decimal_mark: Some(DecimalMark::Dot),
            semicolon_file: true,
            ..NONE
        };
        assert_eq!(decide(&["1,234"], told).decimal_mark, DecimalMark::Dot);
    }

    #[test]
    fn a_date_column_proves_month_first() {
        let date = RECEIPTS.iter().position(|f| f.name == "date").unwrap();
        let mut profile = Profile::new(RECEIPTS.len());
        for v in ["03/05/2020", "03/25/2020"] {
            profile.observe(date, &RECEIPTS[date], &Cell::Text(v.into()));
        }
        assert_eq!(profile.decide(NONE)[date].date_order, DateOrder::MonthFirst);
    }

    #[test]
    fn a_date_column_that_reads_both_ways_is_counted() {
        let date = RECEIPTS.iter().position(|f| f.name == "date").unwrap();
        let mut profile = Profile::new(RECEIPTS.len());
        for v in ["01/05/2017", "01/01/2017", "12/03/2017", "2017-03-04"] {
            profile.observe(date, &RECEIPTS[date], &Cell::Text(v.into()));
        }
        let reading = profile.decide(NONE)[date];
        assert_eq!(reading.date_order_by, DecidedBy::Default);
        assert_eq!(
            reading.dates_either_way, 2,
            "01/01 and ISO read one way only"
        );
        let told = Defaults {
            date_order: Some(DateOrder::MonthFirst),
            ..NONE
        };
        assert_eq!(profile.decide(told)[date].dates_either_way, 0);
    }
}
