//! Values written as the text of a CSV cell, straight into a byte buffer. The registers of a
//! large month are millions of rows of amounts, dates, ids and row numbers; written through
//! `Display` and `write!`, each value goes through the `fmt` machinery (and rust_decimal's
//! `Display` through a digit-by-digit division of its mantissa), which was most of what writing
//! the report cost. Here each kind of value is written by a few lines of its own, to exactly the
//! text its `Display` gives (the tests hold them to it).

use crate::model::{FuelType, Ident, Provenance, Text, VendorName};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// A value a report cell can hold, written as its `Display` would write it.
pub trait CellText {
    fn write_to(&self, out: &mut Vec<u8>);
}

impl<T: CellText + ?Sized> CellText for &T {
    fn write_to(&self, out: &mut Vec<u8>) {
        (**self).write_to(out);
    }
}

/// A value that is not there is an empty cell.
impl<T: CellText> CellText for Option<T> {
    fn write_to(&self, out: &mut Vec<u8>) {
        if let Some(value) = self {
            value.write_to(out);
        }
    }
}

impl CellText for str {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
    }
}

impl CellText for String {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
    }
}

impl CellText for Text {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
    }
}

impl CellText for Ident {
    fn write_to(&self, out: &mut Vec<u8>) {
        self.text().write_to(out);
    }
}

impl CellText for VendorName {
    fn write_to(&self, out: &mut Vec<u8>) {
        self.text().write_to(out);
    }
}

impl CellText for FuelType {
    fn write_to(&self, out: &mut Vec<u8>) {
        match self {
            FuelType::Diesel => "diesel".write_to(out),
            FuelType::Petrol => "petrol".write_to(out),
            FuelType::Other(text) | FuelType::Unknown(text) | FuelType::NonFuel(text) => {
                text.write_to(out)
            }
        }
    }
}

impl CellText for u32 {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
    }
}

/// `file#sheet:row`.
impl CellText for Provenance {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.source.as_bytes());
        out.push(b':');
        out.extend_from_slice(itoa::Buffer::new().format(self.row).as_bytes());
    }
}

/// A decimal as its `Display` writes it: the sign (also of a negative zero, `-0.00`), the
/// mantissa's digits with the point `scale` digits from the right, and a `0` before a point
/// that would otherwise open the text (`0.05`). The mantissa (96 bits) fits a u128, which
/// itoa writes without dividing digit by digit.
impl CellText for Decimal {
    fn write_to(&self, out: &mut Vec<u8>) {
        if self.is_sign_negative() {
            out.push(b'-');
        }
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(self.mantissa().unsigned_abs()).as_bytes();
        let scale = self.scale() as usize;
        if scale == 0 {
            out.extend_from_slice(digits);
        } else if digits.len() > scale {
            let (whole, fraction) = digits.split_at(digits.len() - scale);
            out.extend_from_slice(whole);
            out.push(b'.');
            out.extend_from_slice(fraction);
        } else {
            out.extend_from_slice(b"0.");
            out.resize(out.len() + scale - digits.len(), b'0');
            out.extend_from_slice(digits);
        }
    }
}

/// `YYYY-MM-DD`, as chrono writes a date of years 0 to 9999; a year outside those (which no
/// input date has) is left to chrono, which signs it.
impl CellText for NaiveDate {
    fn write_to(&self, out: &mut Vec<u8>) {
        let year = self.year();
        if !(0..=9999).contains(&year) {
            use std::io::Write as _;
            // Writing into a Vec cannot fail.
            let _ = write!(out, "{self}");
            return;
        }
        let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        let year = year as u32;
        out.extend_from_slice(&two(year / 100));
        out.extend_from_slice(&two(year % 100));
        out.push(b'-');
        out.extend_from_slice(&two(self.month()));
        out.push(b'-');
        out.extend_from_slice(&two(self.day()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(value: impl CellText) -> String {
        let mut out = Vec::new();
        value.write_to(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_read_as_their_display() {
        for text in [
            "0",
            "0.00",
            "-0.00",
            "0.05",
            "-0.53",
            "1.23",
            "100.00",
            "12",
            "-7",
            "0.000001",
            "123456789.123",
            "79228162514264337593543950335",
        ] {
            let value: Decimal = text.parse().unwrap();
            assert_eq!(written(value), value.to_string(), "{text}");
        }
        assert_eq!(written(Decimal::new(-0, 2).neg_zero()), "-0.00");
    }

    trait NegZero {
        fn neg_zero(self) -> Decimal;
    }

    impl NegZero for Decimal {
        fn neg_zero(mut self) -> Decimal {
            self.set_sign_negative(true);
            self
        }
    }

    proptest! {
        #[test]
        fn any_decimal_reads_as_its_display(mantissa in any::<i64>(), scale in 0u32..=28) {
            let value = Decimal::new(mantissa, scale);
            prop_assert_eq!(written(value), value.to_string());
        }

        #[test]
        fn any_date_reads_as_its_display(days in -800_000i32..3_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(written(date), date.to_string());
        }
    }

    #[test]
    fn sources_and_fuels_read_as_their_display() {
        let prov = Provenance {
            source: "invoices.xlsx#Feuil1".into(),
            row: 12,
        };
        assert_eq!(written(&prov), prov.to_string());
        for fuel in [
            FuelType::Diesel,
            FuelType::Petrol,
            FuelType::Other("LPG".into()),
        ] {
            assert_eq!(written(&fuel), fuel.to_string());
        }
        assert_eq!(written(None::<u32>), "");
        assert_eq!(written(Some(7u32)), "7");
    }
}
