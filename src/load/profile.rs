//! Per-column decisions of SPEC §2.2, made from all of a column's values: which mark is the
//! decimal one (`1,234` is 1234 in a column that also holds `12.50`, 1.234 in one that holds
//! `12,50`), and whether dates are day- or month-first.

use super::cell::Cell;
use super::schema::{FieldSpec, FieldType};
use super::values::{DateOrder, DecimalMark, date_order_evidence, decimal_evidence};

/// Votes counted over one column.
#[derive(Clone, Debug, Default)]
struct Votes {
    dot: u64,
    comma: u64,
    day_first: u64,
    month_first: u64,
}

/// Defaults for what a column's own values leave open.
#[derive(Clone, Copy, Debug)]
pub struct Defaults {
    pub decimal_mark: Option<DecimalMark>,
    pub date_order: Option<DateOrder>,
    /// A `;`-delimited file comes from a locale with decimal commas.
    pub semicolon_file: bool,
}

/// How each field's values are to be read.
#[derive(Clone, Copy, Debug)]
pub struct ColumnReading {
    pub decimal_mark: DecimalMark,
    pub date_order: DateOrder,
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

    pub fn observe(&mut self, field: usize, spec: &FieldSpec, cell: &Cell) {
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
        let fallback_mark =
            defaults
                .decimal_mark
                .or(file_mark)
                .unwrap_or(if defaults.semicolon_file {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Dot
                });
        self.votes
            .iter()
            .map(|v| ColumnReading {
                decimal_mark: majority(v.dot, v.comma).unwrap_or(fallback_mark),
                date_order: match (v.day_first, v.month_first) {
                    (0, m) if m > 0 => DateOrder::MonthFirst,
                    (d, 0) if d > 0 => DateOrder::DayFirst,
                    _ => defaults.date_order.unwrap_or(DateOrder::DayFirst),
                },
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
            profile.observe(litres, &RECEIPTS[litres], &Cell::Text(v.to_string()));
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
}
