//! Value parsing of SPEC §2.2: numbers in every locale form, dates, fuel types, legibility and
//! unreadable markers. Pure functions of text; the per-column decisions (which mark is the
//! decimal one, day or month first) are made by `profile` from all of a column's values.

use super::vocabulary;
use crate::model::{fold_name, trim};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Which of `.` and `,` separates the decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum DecimalMark {
    #[serde(rename = ".")]
    Dot,
    #[serde(rename = ",")]
    Comma,
}

impl DecimalMark {
    /// The mark as written: `.` or `,`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecimalMark::Dot => ".",
            DecimalMark::Comma => ",",
        }
    }

    fn char(self) -> char {
        match self {
            DecimalMark::Dot => '.',
            DecimalMark::Comma => ',',
        }
    }

    fn other(self) -> char {
        match self {
            DecimalMark::Dot => ',',
            DecimalMark::Comma => '.',
        }
    }
}

/// Whether `03/05/2020` is the 3rd of May (day first) or the 5th of March.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub enum DateOrder {
    #[serde(rename = "day-first")]
    DayFirst,
    #[serde(rename = "month-first")]
    MonthFirst,
}

const SPREADSHEET_ERRORS: [&str; 10] = [
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// True when a cell says it could not be read: `?` anywhere, `illegible`, `unreadable`,
/// `illisible`, a run of `#`, or a spreadsheet error value.
pub fn is_unreadable_marker(text: &str) -> bool {
    let text = trim(text);
    if text.as_bytes().contains(&b'?') || (!text.is_empty() && text.bytes().all(|b| b == b'#')) {
        return true;
    }
    if text.starts_with('#')
        && SPREADSHEET_ERRORS
            .iter()
            .any(|e| text.eq_ignore_ascii_case(e))
    {
        return true;
    }
    // Unreadable words are letters only, and folding keeps digits: a cell with a digit (an
    // id, a number, a date: most cells) is no such word, and is not folded to find out.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if !text.is_ascii() {
        return vocabulary::is_unreadable_word(&fold_name(text));
    }
    // ASCII text folds byte by byte; no unreadable word is longer than the buffer, so text
    // that folds to more is none, and most cells (names, numbers, dates) are never copied.
    let mut folded = [0u8; 32];
    let mut len = 0;
    for byte in text.bytes().filter(u8::is_ascii_alphanumeric) {
        let Some(slot) = folded.get_mut(len) else {
            return false;
        };
        *slot = byte.to_ascii_lowercase();
        len += 1;
    }
    std::str::from_utf8(&folded[..len]).is_ok_and(vocabulary::is_unreadable_word)
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// Strips currency symbols and unit words around a number, and reads its sign. Returns the
/// digits-and-separators core, or `None` when something other than a number is left.
fn number_core(text: &str) -> Option<(bool, &str)> {
    let mut s = trim(text);
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    loop {
        let before = s;
        s = s.trim_matches(|c: char| vocabulary::is_currency_sign(c) || c.is_whitespace());
        if let Some(rest) = s.strip_prefix('-') {
            if negative {
                return None;
            }
            negative = true;
            s = rest;
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest;
        }
        let lead_word_end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
        if lead_word_end > 0 && vocabulary::is_amount_word(&s[..lead_word_end]) {
            s = &s[lead_word_end..];
        }
        let tail_word_start = s
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if tail_word_start < s.len() && vocabulary::is_amount_word(&s[tail_word_start..]) {
            s = &s[..tail_word_start];
        }
        if let Some(rest) = s.strip_suffix('-') {
            if negative {
                return None;
            }
            negative = true;
            s = rest;
        }
        if s == before {
            break;
        }
    }
    let s = s.trim_matches(is_group_space);
    let valid = !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c));
    valid.then_some((negative, s))
}

/// What a number's own text says about its decimal mark, if anything: `1.234,5` and `12,5`
/// say comma, `1,234.5` and `0.500` say dot, `1,234` says nothing.
pub fn decimal_evidence(text: &str) -> Option<DecimalMark> {
    if let Some(plain) = PlainNumber::of(text) {
        return plain.evidence();
    }
    let (_, core) = number_core(text)?;
    let last_dot = core.rfind('.');
    let last_comma = core.rfind(',');
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c {
            DecimalMark::Dot
        } else {
            DecimalMark::Comma
        }),
        (Some(_), None) => single_mark_evidence(core, '.', DecimalMark::Dot),
        (None, Some(_)) => single_mark_evidence(core, ',', DecimalMark::Comma),
        (None, None) => None,
    }
}

fn single_mark_evidence(core: &str, mark: char, as_decimal: DecimalMark) -> Option<DecimalMark> {
    let other = match as_decimal {
        DecimalMark::Dot => DecimalMark::Comma,
        DecimalMark::Comma => DecimalMark::Dot,
    };
    if core.matches(mark).count() > 1 {
        return Some(other);
    }
    let (int_part, frac) = core.split_once(mark)?;
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let spaced = int_part.contains(is_group_space);
    if frac.len() != 3 || int_digits.is_empty() || int_digits == "0" || spaced {
        // `12,5`, `0,500`, `,5` and `1 234,567` can only be decimals.
        Some(as_decimal)
    } else {
        None
    }
}

/// A number as machines write it: ASCII digits with at most one `.` between digits (`46`,
/// `29900`, `46.25`). Most values are, and these are read without the general parser, to the
/// same result.
struct PlainNumber<'a> {
    text: &'a str,
    /// The digits before and after the dot, when there is one.
    dot: Option<(&'a str, &'a str)>,
}

impl<'a> PlainNumber<'a> {
    fn of(text: &'a str) -> Option<PlainNumber<'a>> {
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        // Values are a few bytes: a plain loop finds the dot sooner than a general search.
        let dot = text.bytes().position(|b| b == b'.');
        match dot.map(|at| (&text[..at], &text[at + 1..])) {
            None if digits(text) => Some(PlainNumber { text, dot: None }),
            Some((int, frac)) if digits(int) && digits(frac) => Some(PlainNumber {
                text,
                dot: Some((int, frac)),
            }),
            _ => None,
        }
    }

    /// As `decimal_evidence`: an integer says nothing; `12.5`, `0.500` say dot, `1.234` nothing.
    fn evidence(&self) -> Option<DecimalMark> {
        let (int, frac) = self.dot?;
        (frac.len() != 3 || int == "0").then_some(DecimalMark::Dot)
    }

    /// The value, when the plain reading is the one `parse_number` makes: always for an
    /// integer, and for a dot that is the decimal mark. `None` leaves it to the general parser.
    fn value(&self, mark: DecimalMark) -> Option<Result<Decimal, NotANumber>> {
        if self.dot.is_some() && self.evidence().unwrap_or(mark) != DecimalMark::Dot {
            return None;
        }
        let value = match self.dot {
            None if self.text.len() <= 18 => self.text.parse::<u64>().ok().map(Decimal::from),
            _ => Decimal::from_str_exact(self.text).ok(),
        };
        Some(match value {
            Some(value) if value <= Decimal::from(MAX_NUMBER) => Ok(value),
            _ => Err(NotANumber),
        })
    }
}

/// The largest number read: a trillion litres, kilometres or units of money is no real fill,
/// and keeping values below it keeps every product the rules take within a decimal's range.
pub const MAX_NUMBER: i64 = 1_000_000_000_000;

/// Why a text is not a number.
#[derive(Debug, PartialEq, Eq)]
pub struct NotANumber;

/// The most significant digits a number is read to: as many as a spreadsheet shows. Past them
/// is the noise of binary fractions (`1679.5449999999998` for 1679.545, from a program that
/// computed the amount in floating point), which would show in every total and letter.
pub const SIGNIFICANT_DIGITS: u32 = 15;

/// A number to [`SIGNIFICANT_DIGITS`], its trailing zeros dropped when it had more; as it is
/// otherwise (`56.00` stays `56.00`).
pub fn without_float_noise(value: Decimal) -> Decimal {
    let digits = (value.mantissa().unsigned_abs().checked_ilog10()).map_or(1, |log| log + 1);
    if digits <= SIGNIFICANT_DIGITS {
        return value;
    }
    value
        .round_sf(SIGNIFICANT_DIGITS)
        .map_or(value, |rounded| rounded.normalize())
}

/// Parses a number written in any locale form of SPEC §2.2, with `mark` deciding the
/// ambiguous cases (`1,234`), to [`SIGNIFICANT_DIGITS`]. A value whose own text settles the
/// mark is read by it.
pub fn parse_number(text: &str, mark: DecimalMark) -> Result<Decimal, NotANumber> {
    let value = parse_number_as_written(text, mark)?;
    // A text of fewer characters has fewer digits.
    Ok(if text.len() > SIGNIFICANT_DIGITS as usize {
        without_float_noise(value)
    } else {
        value
    })
}

fn parse_number_as_written(text: &str, mark: DecimalMark) -> Result<Decimal, NotANumber> {
    if let Some(plain) = PlainNumber::of(text)
        && let Some(value) = plain.value(mark)
    {
        return value;
    }
    let (negative, core) = number_core(text).ok_or(NotANumber)?;
    let mark = decimal_evidence(core).unwrap_or(mark);
    let (int_part, frac) = match core.rfind(mark.char()) {
        Some(i) => (&core[..i], &core[i + 1..]),
        None => (core, ""),
    };
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(NotANumber);
    }
    let groups: Vec<&str> = int_part
        .split(|c: char| c == mark.other() || is_group_space(c))
        .collect();
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let well_grouped = match groups.as_slice() {
        // Ungrouped: may be empty, as in `,5`.
        [single] => single.bytes().all(|b| b.is_ascii_digit()),
        [first, rest @ ..] => {
            digits_only(first)
                && first.len() <= 3
                && rest.iter().all(|g| g.len() == 3 && digits_only(g))
        }
        [] => true,
    };
    if !well_grouped {
        return Err(NotANumber);
    }
    let mut digits: String = groups.concat();
    if digits.is_empty() {
        digits.push('0');
    }
    if !frac.is_empty() {
        digits.push('.');
        digits.push_str(frac);
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| NotANumber)?;
    if value > Decimal::from(MAX_NUMBER) {
        return Err(NotANumber);
    }
    Ok(if negative { -value } else { value })
}

/// What a date's own text says about its order: `25/03/2020` proves day first,
/// `03/25/2020` month first, `03/05/2020` nothing.
pub fn date_order_evidence(text: &str) -> Option<DateOrder> {
    let (a, b, _) = numeric_date_parts(trim(text))?;
    match (a > 12, b > 12) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// Whether a date's text is a valid date either way round and a different one each way
/// (`05/01/2017`: 5 January or 1 May; `01/01/2017` is the same date both ways).
pub fn reads_both_ways(text: &str) -> bool {
    match numeric_date_parts(trim(text)) {
        Some((a, b, year)) => {
            a != b
                && NaiveDate::from_ymd_opt(year, a, b).is_some()
                && NaiveDate::from_ymd_opt(year, b, a).is_some()
        }
        None => false,
    }
}

/// Splits `dd/mm/yyyy`-like text (also `-` and `.`) into its three numbers. ISO dates return
/// `None`: they are never ambiguous.
fn numeric_date_parts(text: &str) -> Option<(u32, u32, i32)> {
    let date = text.split([' ', 'T']).next()?;
    let sep = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut split = date.split(sep);
    let parts = [split.next()?, split.next()?, split.next()?];
    if split.next().is_some() || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    if parts[2].len() != 2 && parts[2].len() != 4 {
        return None;
    }
    let a = parts[0].parse().ok()?;
    let b = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    let year = if parts[2].len() == 2 {
        expand_two_digit_year(year)
    } else {
        year
    };
    Some((a, b, year))
}

/// Two-digit years pivot at 70: `69` is 2069, `70` is 1970 (as spreadsheets read them).
fn expand_two_digit_year(year: i32) -> i32 {
    if year < 70 { 2000 + year } else { 1900 + year }
}

/// Why a text is not a date.
#[derive(Debug, PartialEq, Eq)]
pub struct NotADate;

/// A date with the time of day when the text gives one.
pub type DateTime = (NaiveDate, Option<NaiveTime>);

/// Parses every date form of SPEC §2.2: ISO, `dd/mm/yyyy` with `/`, `-` or `.`, two-digit
/// years, month names in English and French (`05-Mar-2020`, `5 mars 2020`), compact `20200305`,
/// and Excel serial numbers, each with an optional time.
pub fn parse_date(text: &str, order: DateOrder) -> Result<DateTime, NotADate> {
    let text = trim(text);
    if let Some(parsed) = iso_fast(text) {
        return Ok(parsed);
    }
    if let Some(serial) = excel_serial(text) {
        return Ok(serial);
    }
    let (date_part, time_part) = split_time(text);
    let time = match time_part {
        Some(t) => Some(parse_time(t).ok_or(NotADate)?),
        None => None,
    };
    let date = parse_date_only(date_part, order).ok_or(NotADate)?;
    Ok((date, time))
}

/// `2024-03-05`, `2024-03-05 08:15` and `2024-03-05T08:15:30`, read without the general
/// parser: most machine exports write dates this way, and a month of a large fleet has
/// millions of them.
fn iso_fast(text: &str) -> Option<DateTime> {
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )?;
    let time = match b.len() {
        10 => None,
        16 | 19 if matches!(b[10], b' ' | b'T') && b[13] == b':' => {
            let seconds = if b.len() == 19 {
                if b[16] != b':' {
                    return None;
                }
                number(17..19)?
            } else {
                0
            };
            Some(NaiveTime::from_hms_opt(
                number(11..13)?,
                number(14..16)?,
                seconds,
            )?)
        }
        _ => return None,
    };
    Some((date, time))
}

fn split_time(text: &str) -> (&str, Option<&str>) {
    if let Some((d, t)) = text.split_once('T')
        && d.len() == 10
        && t.contains(':')
    {
        return (d, Some(t));
    }
    match text.rfind(' ') {
        Some(i) if text[i + 1..].contains(':') => (text[..i].trim(), Some(text[i + 1..].trim())),
        _ => (text, None),
    }
}

/// `14:30`, `14:30:05`, `14h30`, with or without a trailing `Z` or offset.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim_end_matches('Z');
    let text = text.split(['+']).next()?;
    for format in ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M", "%Hh%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(text, format) {
            return Some(t);
        }
    }
    None
}

fn parse_date_only(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let year_first = text.len() >= 8 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if year_first {
        for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(text, format) {
                return Some(d);
            }
        }
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(text, "%Y%m%d").ok();
    }
    if let Some((a, b, year)) = numeric_date_parts(text) {
        let (day, month) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    parse_named_month(text)
}

/// `05-Mar-2020`, `5 mars 2020`, `March 5, 2020`, `5 févr. 20`.
fn parse_named_month(text: &str) -> Option<NaiveDate> {
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | ',' | '.'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if tokens.len() != 3 {
        return None;
    }
    let month_at = tokens.iter().position(|t| month_number(t).is_some())?;
    let month = month_number(&tokens[month_at])?;
    let numbers: Vec<&String> = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .map(|(_, t)| t)
        .collect();
    let (day, year) = if numbers[0].len() == 4 {
        (numbers[1], numbers[0])
    } else {
        (numbers[0], numbers[1])
    };
    let day: u32 = day.parse().ok()?;
    let year_value: i32 = year.parse().ok()?;
    let year_value = match year.len() {
        2 => expand_two_digit_year(year_value),
        4 => year_value,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year_value, month, day)
}

fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [(&str, u32); 24] = [
        ("jan", 1),
        ("feb", 2),
        ("fev", 2),
        ("mar", 3),
        ("apr", 4),
        ("avr", 4),
        ("may", 5),
        ("mai", 5),
        ("jun", 6),
        ("juin", 6),
        ("jul", 7),
        ("juil", 7),
        ("aug", 8),
        ("aou", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("janv", 1),
        ("fevr", 2),
        ("sept", 9),
        ("mars", 3),
        ("aout", 8),
        ("june", 6),
    ];
    let folded = fold_name(token);
    if folded.len() < 3 || folded.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    MONTHS
        .iter()
        .filter(|(prefix, _)| folded.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, n)| *n)
}

/// The smallest number stored as text that is read as a serial date (1927-05-18): below it a
/// bare number in a date column is more likely a typo than a date.
const MIN_TEXT_SERIAL: i64 = 10_000;

/// A bare number that could be an Excel serial date (1900 system): 1 to 2958465, that is
/// 1900-01-01 to 9999-12-31. Used when a date column holds numbers.
fn excel_serial(text: &str) -> Option<DateTime> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let serial = Decimal::from_str(text).ok()?;
    if serial < Decimal::from(MIN_TEXT_SERIAL) {
        return None;
    }
    excel_serial_to_datetime(serial, false)
}

/// Converts an Excel serial to a date and time, in the 1900 or 1904 date system. The 1900
/// system counts the non-existent 1900-02-29, as Excel does.
pub fn excel_serial_to_datetime(serial: Decimal, is_1904: bool) -> Option<DateTime> {
    if serial < Decimal::ONE || serial >= Decimal::from(2_958_466) {
        return None;
    }
    let days: i64 = serial.trunc().try_into().ok()?;
    let epoch = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let date = epoch.checked_add_signed(chrono::Duration::days(days))?;
    let fraction = serial.fract();
    let time = if fraction.is_zero() {
        None
    } else {
        let seconds: i64 = (fraction * Decimal::from(86_400)).round().try_into().ok()?;
        NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(seconds.min(86_399)).ok()?, 0)
    };
    Some((date, time))
}

#[cfg(test)]
mod tests {

    /// Float noise a program wrote is read as the number it meant; a number written with more
    /// decimals than it needs, but no noise, is kept as written.
    #[test]
    fn numbers_are_read_to_fifteen_significant_digits() {
        let read = |text: &str| parse_number(text, DecimalMark::Dot).unwrap().to_string();
        assert_eq!(read("1679.5449999999998"), "1679.545");
        assert_eq!(read("1811.2769999999998"), "1811.277");
        assert_eq!(read("0.30000000000000004"), "0.3");
        assert_eq!(read("26200.000000001"), "26200.000000001");
        assert_eq!(read("56.00"), "56.00");
        assert_eq!(read("1 679,5449999999998 FCFA"), "1679.545");
    }
    use super::*;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    fn num(text: &str, mark: DecimalMark) -> Decimal {
        parse_number(text, mark).unwrap_or_else(|_| panic!("{text:?} should parse"))
    }

    #[test]
    fn every_locale_form_of_one_number() {
        for text in [
            "1234.50",
            "1,234.50",
            "1.234,50",
            "1 234,50",
            "1\u{a0}234,50",
            "1\u{202f}234,50",
            "1'234.50",
            "1234,50",
        ] {
            assert_eq!(num(text, DecimalMark::Dot), dec("1234.50"), "{text}");
        }
    }

    #[test]
    fn currency_words_and_symbols_are_ignored() {
        for text in [
            "1 234,50 FCFA",
            "FCFA 1 234,50",
            "XOF 1.234,50",
            "$1,234.50",
            "1234.50 $",
            "€ 1.234,50",
            "1 234,50 F CFA",
            "1.234,50 MT",
            "MZN 1.234,50",
            "Kz 1 234,50",
            "1 234,50 FC",
            "GH₵ 1.234,50",
            "₦1.234,50",
            "KSh 1.234,50",
            "R 1 234,50",
        ] {
            assert_eq!(num(text, DecimalMark::Comma), dec("1234.50"), "{text}");
        }
        assert_eq!(num("3.349,02 MT", DecimalMark::Comma), dec("3349.02"));
        assert_eq!(num("45,5 L", DecimalMark::Comma), dec("45.5"));
    }

    #[test]
    fn negative_forms() {
        assert_eq!(num("-12.5", DecimalMark::Dot), dec("-12.5"));
        assert_eq!(num("(12.5)", DecimalMark::Dot), dec("-12.5"));
        assert_eq!(num("12.5-", DecimalMark::Dot), dec("-12.5"));
    }

    #[test]
    fn ambiguous_numbers_follow_the_column_mark() {
        assert_eq!(num("1,234", DecimalMark::Dot), dec("1234"));
        assert_eq!(num("1,234", DecimalMark::Comma), dec("1.234"));
        assert_eq!(num("1.234", DecimalMark::Comma), dec("1234"));
        assert_eq!(num("1.234", DecimalMark::Dot), dec("1.234"));
    }

    #[test]
    fn unambiguous_numbers_ignore_the_column_mark() {
        assert_eq!(num("12,5", DecimalMark::Dot), dec("12.5"));
        assert_eq!(num("1.234.567", DecimalMark::Dot), dec("1234567"));
        assert_eq!(num("0,500", DecimalMark::Dot), dec("0.500"));
    }

    #[test]
    fn numbers_beyond_a_trillion_are_not_read() {
        assert!(parse_number("1000000000000", DecimalMark::Dot).is_ok());
        assert!(parse_number("1000000000001", DecimalMark::Dot).is_err());
        assert!(parse_number("99999999999999999999999999999999", DecimalMark::Dot).is_err());
    }

    /// The plain reading of machine-written numbers agrees with the general parser.
    #[test]
    fn plain_numbers_read_as_the_general_parser_reads_them() {
        for text in [
            "0",
            "46",
            "0046",
            "29900",
            "46.25",
            "0.500",
            "1.234",
            "00.5",
            "1000000000000",
            "1000000000001",
            "1000000000000.5",
            "99999999999999999999",
            "12.345678",
        ] {
            for mark in [DecimalMark::Dot, DecimalMark::Comma] {
                let plain = PlainNumber::of(text).unwrap();
                if let Some(value) = plain.value(mark) {
                    let (negative, core) = number_core(text).unwrap();
                    assert!(!negative);
                    let general = parse_number(&format!(" {core}"), mark);
                    assert_eq!(value, general, "{text} {mark:?}");
                    if let Ok(v) = value {
                        assert_eq!(v.scale(), general.unwrap().scale(), "{text}");
                    }
                }
                let evidence = decimal_evidence(&format!(" {text}"));
                assert_eq!(plain.evidence(), evidence, "{text}");
            }
        }
        assert!(PlainNumber::of("1.2.3").is_none());
        assert!(PlainNumber::of(".5").is_none());
        assert!(PlainNumber::of("5.").is_none());
    }

    #[test]
    fn evidence_for_the_decimal_mark() {
        assert_eq!(decimal_evidence("12,5"), Some(DecimalMark::Comma));
        assert_eq!(decimal_evidence("1.234,50"), Some(DecimalMark::Comma));
        assert_eq!(decimal_evidence("1,234.50"), Some(DecimalMark::Dot));
        assert_eq!(decimal_evidence("1,234"), None);
        assert_eq!(decimal_evidence("1 234,567"), Some(DecimalMark::Comma));
        assert_eq!(decimal_evidence("1234"), None);
    }

    #[test]
    fn not_numbers() {
        for text in [
            "12O,5",
            "abc",
            "",
            "1,2,3.4.5",
            "12 34",
            "1.2.3,4,5",
            "--5",
            "5 apples",
            "1e5",
        ] {
            assert!(
                parse_number(text, DecimalMark::Dot).is_err(),
                "{text:?} should not parse"
            );
        }
    }

    fn date(text: &str, order: DateOrder) -> DateTime {
        parse_date(text, order).unwrap_or_else(|_| panic!("{text:?} should parse"))
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_date_form() {
        for text in [
            "2020-03-05",
            "05/03/2020",
            "05-03-2020",
            "05.03.2020",
            "5/3/20",
            "05/03/20",
            "2020/03/05",
            "20200305",
            "05-Mar-2020",
            "5 mars 2020",
            "March 5, 2020",
            "5 févr. 2020",
        ] {
            let expected = if text.contains("févr") {
                ymd(2020, 2, 5)
            } else {
                ymd(2020, 3, 5)
            };
            assert_eq!(date(text, DateOrder::DayFirst).0, expected, "{text}");
        }
    }

    #[test]
    fn dates_with_times() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(
            date("2020-03-05 14:30", DateOrder::DayFirst),
            (ymd(2020, 3, 5), t(14, 30))
        );
        assert_eq!(
            date("2020-03-05T14:30:00", DateOrder::DayFirst),
            (ymd(2020, 3, 5), t(14, 30))
        );
        assert_eq!(
            date("05/03/2020 06:05", DateOrder::DayFirst),
            (ymd(2020, 3, 5), t(6, 5))
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time("14:30"), NaiveTime::from_hms_opt(14, 30, 0));
        assert_eq!(parse_time("06:05:09"), NaiveTime::from_hms_opt(6, 5, 9));
        assert_eq!(parse_time("7h45"), NaiveTime::from_hms_opt(7, 45, 0));
        assert_eq!(parse_time("25:00"), None);
    }

    #[test]
    fn month_first_when_told() {
        assert_eq!(date("03/05/2020", DateOrder::MonthFirst).0, ymd(2020, 3, 5));
        assert_eq!(
            date_order_evidence("03/25/2020"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(date_order_evidence("25/03/2020"), Some(DateOrder::DayFirst));
        assert_eq!(date_order_evidence("03/05/2020"), None);
    }

    #[test]
    fn excel_serials_in_both_systems() {
        assert_eq!(date("43895", DateOrder::DayFirst).0, ymd(2020, 3, 5));
        let (d, t) = excel_serial_to_datetime(dec("43895.5"), false).unwrap();
        assert_eq!((d, t), (ymd(2020, 3, 5), NaiveTime::from_hms_opt(12, 0, 0)));
        assert_eq!(
            excel_serial_to_datetime(dec("42433"), true).unwrap().0,
            ymd(2020, 3, 5)
        );
        assert_eq!(
            excel_serial_to_datetime(dec("59"), false).unwrap().0,
            ymd(1900, 2, 28)
        );
    }

    #[test]
    fn impossible_dates_are_invalid() {
        for text in [
            "31/02/2020",
            "2020-13-01",
            "32/01/2020",
            "yesterday",
            "05/03",
            "0",
        ] {
            assert!(
                parse_date(text, DateOrder::DayFirst).is_err(),
                "{text:?} should not parse"
            );
        }
    }

    #[test]
    fn unreadable_markers() {
        for text in [
            "?",
            "12?5",
            "illegible",
            "ILLISIBLE",
            "###",
            "#N/A",
            "#VALUE!",
            "#REF!",
            "#DIV/0!",
            "Un-Readable",
            " IL LISIBLE ",
        ] {
            assert!(is_unreadable_marker(text), "{text}");
        }
        for text in ["12.5", "R-123", "#12", "", "Total", "unreadable word"] {
            assert!(!is_unreadable_marker(text), "{text}");
        }
    }
}
