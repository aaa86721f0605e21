//! Property tests for the value, identifier and header parsers: they never panic, whatever the
//! text, and a value written in any locale form reads back as itself.

use super::headers::fold_header;
use super::values::{DateOrder, DecimalMark, parse_date, parse_number};
use crate::model::{Ident, fold_name, normalise_id};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Writes `value` with `decimal` as the decimal mark and `group` between thousands.
fn write_number(value: Decimal, decimal: char, group: Option<char>) -> String {
    let text = value.abs().to_string();
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in int_part.chars().enumerate() {
        if let Some(g) = group
            && i > 0
            && (int_part.len() - i) % 3 == 0
        {
            grouped.push(g);
        }
        grouped.push(digit);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

fn amounts() -> impl Strategy<Value = Decimal> {
    (-999_999_999_999i64..=999_999_999_999i64, 0u32..=3)
        .prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn dates() -> impl Strategy<Value = NaiveDate> {
    (1970i32..2069, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

proptest! {
    #[test]
    fn numbers_never_panic(text in "\\PC{0,40}") {
        let _ = parse_number(&text, DecimalMark::Dot);
        let _ = parse_number(&text, DecimalMark::Comma);
    }

    #[test]
    fn numbers_never_panic_on_number_like_text(text in "[-+( ]{0,2}[0-9 .,'\u{a0}]{0,20}[ )€$A-Z]{0,4}") {
        let _ = parse_number(&text, DecimalMark::Dot);
        let _ = parse_number(&text, DecimalMark::Comma);
    }

    #[test]
    fn a_number_reads_back_in_every_locale_form(value in amounts()) {
        let forms = [
            (write_number(value, '.', None), DecimalMark::Dot),
            (write_number(value, '.', Some(',')), DecimalMark::Dot),
            (write_number(value, ',', Some('.')), DecimalMark::Comma),
            (write_number(value, ',', Some(' ')), DecimalMark::Comma),
            (write_number(value, ',', Some('\u{a0}')), DecimalMark::Comma),
            (write_number(value, '.', Some('\'')), DecimalMark::Dot),
            (format!("{} FCFA", write_number(value, ',', Some(' '))), DecimalMark::Comma),
            (format!("${}", write_number(value, '.', Some(','))), DecimalMark::Dot),
        ];
        for (text, mark) in forms {
            prop_assert_eq!(parse_number(&text, mark), Ok(value), "{}", text);
        }
    }

    #[test]
    fn dates_never_panic(text in "\\PC{0,30}") {
        let _ = parse_date(&text, DateOrder::DayFirst);
        let _ = parse_date(&text, DateOrder::MonthFirst);
    }

    #[test]
    fn a_date_reads_back_in_every_form(date in dates()) {
        let day_first = [date.format("%d/%m/%Y"), date.format("%d-%m-%Y"), date.format("%d.%m.%Y"), date.format("%d/%m/%y"), date.format("%Y-%m-%d"), date.format("%d %b %Y")];
        for text in day_first {
            let text = text.to_string();
            prop_assert_eq!(parse_date(&text, DateOrder::DayFirst).map(|(d, _)| d), Ok(date), "{}", text);
        }
        let month_first = date.format("%m/%d/%Y").to_string();
        prop_assert_eq!(parse_date(&month_first, DateOrder::MonthFirst).map(|(d, _)| d), Ok(date), "{}", month_first);
    }

    #[test]
    fn identifier_normalisation_is_idempotent_and_ids_keep_their_text(text in "\\PC{0,20}") {
        let once = normalise_id(&text);
        prop_assert_eq!(normalise_id(&once), once.clone());
        if let Some(id) = Ident::new(&text) {
            prop_assert_eq!(id.key(), once.as_str());
            prop_assert_eq!(id.text(), text.trim());
        }
    }

    #[test]
    fn name_and_header_folding_are_idempotent(text in "\\PC{0,30}") {
        let name = fold_name(&text);
        prop_assert_eq!(fold_name(&name), name.clone());
        let header = fold_header(&text);
        prop_assert_eq!(fold_header(&header), header);
    }
}
