//! The value parsers on arbitrary text: numbers, dates, fuel types, legibility, markers, ids.
#![no_main]

use fuelrecon::load::values::{
    DateOrder, DecimalMark, decimal_evidence, is_unreadable_marker, parse_date, parse_fuel_type,
    parse_legibility, parse_number,
};
use fuelrecon::model::{Ident, VendorName};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse_number(text, DecimalMark::Dot);
    let _ = parse_number(text, DecimalMark::Comma);
    let _ = decimal_evidence(text);
    let _ = parse_date(text, DateOrder::DayFirst);
    let _ = parse_date(text, DateOrder::MonthFirst);
    let _ = parse_fuel_type(text);
    let _ = parse_legibility(text);
    let _ = is_unreadable_marker(text);
    let _ = Ident::new(text);
    let _ = VendorName::new(text);
});
