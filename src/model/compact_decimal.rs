//! A decimal number held in 8 bytes, for the numbers of the records.
//!
//! A `rust_decimal::Decimal` is 16 bytes and an `Option<Decimal>` 20; a record has up to four
//! of them, close to a third of its size, and a large month's millions of records are half the
//! memory of a run. The numbers people write on fuel paperwork are small: the loader caps them at a
//! trillion ([`crate::load::values::MAX_NUMBER`]), and a trillion with five decimals still fits
//! 57 bits of mantissa. [`CompactDecimal`] keeps such a number, with its sign and scale, in one
//! word whose top bit is always set, so that `Option<CompactDecimal>` is 8 bytes too.
//!
//! Every other `Decimal` (a reading with twenty decimals, say) is still kept exactly: it goes
//! into a process-wide side table and the word holds its index. Such numbers are rare, so the
//! table stays small; it is never emptied, since a record may be read at any time of a run (and
//! each conversion of a wide number adds an entry: convert once, when the record is built).

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;
use std::sync::{Mutex, PoisonError};

/// A `Decimal` in 8 bytes, that gives back the same value with the same scale (and the same
/// sign, even of a zero), so it prints as it was read: "1.40" stays "1.40".
///
/// It compares, orders and hashes as the decimal it holds (1.40 equals 1.4), not as its bits.
#[derive(Clone, Copy)]
pub struct CompactDecimal(NonZeroU64);

const _: () = assert!(size_of::<Option<CompactDecimal>>() == 8);

/// Always set: the word is never zero, and `None` takes the zero.
const NICHE_BIT: NonZeroU64 = NonZeroU64::new(1 << 63).unwrap();
const SIGN_BIT: u64 = 1 << 62;
const SCALE_SHIFT: u32 = 57;
const SCALE_MASK: u64 = 0b1_1111;
const MANTISSA_MASK: u64 = (1 << SCALE_SHIFT) - 1;
/// The scale field's value for a number kept in [`WIDE`]: a decimal's scale is at most 28.
const WIDE_TAG: u64 = 31;

/// The numbers whose mantissa does not fit 57 bits, by the index their word holds.
static WIDE: Mutex<Vec<Decimal>> = Mutex::new(Vec::new());

impl CompactDecimal {
    /// The decimal, as it was given.
    pub fn get(self) -> Decimal {
        let bits = self.0.get();
        let scale = (bits >> SCALE_SHIFT) & SCALE_MASK;
        let mantissa = bits & MANTISSA_MASK;
        if scale == WIDE_TAG {
            let wide = WIDE.lock().unwrap_or_else(PoisonError::into_inner);
            return wide[mantissa as usize];
        }
        let mut value = Decimal::from_parts(
            mantissa as u32,
            (mantissa >> 32) as u32,
            0,
            false,
            scale as u32,
        );
        // `from_parts` drops the sign of a zero; a decimal read as "-0.00" keeps it.
        value.set_sign_negative(bits & SIGN_BIT != 0);
        value
    }
}

impl From<Decimal> for CompactDecimal {
    fn from(value: Decimal) -> Self {
        let mantissa = value.mantissa().unsigned_abs();
        let sign = if value.is_sign_negative() {
            SIGN_BIT
        } else {
            0
        };
        let bits = match u64::try_from(mantissa) {
            Ok(mantissa) if mantissa <= MANTISSA_MASK => {
                sign | (u64::from(value.scale()) << SCALE_SHIFT) | mantissa
            }
            _ => {
                let mut wide = WIDE.lock().unwrap_or_else(PoisonError::into_inner);
                wide.push(value);
                (WIDE_TAG << SCALE_SHIFT) | (wide.len() - 1) as u64
            }
        };
        CompactDecimal(NICHE_BIT | bits)
    }
}

impl From<CompactDecimal> for Decimal {
    fn from(value: CompactDecimal) -> Self {
        value.get()
    }
}

impl PartialEq for CompactDecimal {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for CompactDecimal {}

impl PartialOrd for CompactDecimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CompactDecimal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.get().cmp(&other.get())
    }
}

impl Hash for CompactDecimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for CompactDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::hash::DefaultHasher;
    use std::str::FromStr;

    /// Any decimal: a mantissa of 0 to 96 bits (so small ones, which are kept in the word, are
    /// as likely as wide ones), any scale, either sign, a zero's too.
    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (0u32..=96, any::<u128>(), any::<bool>(), 0u32..=28).prop_map(
            |(bits, random, negative, scale)| {
                let mantissa = random & ((1u128 << bits) - 1);
                let mut value = Decimal::from_parts(
                    mantissa as u32,
                    (mantissa >> 32) as u32,
                    (mantissa >> 64) as u32,
                    false,
                    scale,
                );
                value.set_sign_negative(negative);
                value
            },
        )
    }

    fn hash_of(value: impl Hash) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    proptest! {
        #[test]
        fn gives_back_the_same_value_as_it_was_written(value in any_decimal()) {
            let back = CompactDecimal::from(value).get();
            prop_assert_eq!(back, value);
            prop_assert_eq!(back.scale(), value.scale());
            prop_assert_eq!(back.is_sign_negative(), value.is_sign_negative());
            prop_assert_eq!(back.to_string(), value.to_string());
        }

        #[test]
        fn compares_and_hashes_as_the_decimals_do(a in any_decimal(), b in any_decimal()) {
            let (compact_a, compact_b) = (CompactDecimal::from(a), CompactDecimal::from(b));
            prop_assert_eq!(compact_a.cmp(&compact_b), a.cmp(&b));
            prop_assert_eq!(compact_a == compact_b, a == b);
            prop_assert_eq!(hash_of(compact_a), hash_of(a));
        }
    }

    #[test]
    fn a_number_too_wide_for_the_word_is_kept_exactly() {
        for text in [
            "0.1234567890123456789012345678",
            "-999999999999.9999999999999999",
            "79228162514264337593543950335",
        ] {
            let value = Decimal::from_str(text).unwrap();
            let compact = CompactDecimal::from(value);
            assert_eq!(compact.get().to_string(), text);
            assert_eq!(compact, CompactDecimal::from(value));
        }
    }

    #[test]
    fn equal_values_of_other_scales_are_equal_and_keep_their_scale() {
        let (short, long) = (Decimal::from_str("1.4").unwrap(), Decimal::new(140, 2));
        let (short, long) = (CompactDecimal::from(short), CompactDecimal::from(long));
        assert_eq!(short, long);
        assert_eq!(hash_of(short), hash_of(long));
        assert_eq!(long.get().to_string(), "1.40");
        assert_eq!(format!("{:?}", Some(long)), "Some(1.40)");
    }

    #[test]
    fn a_negative_zero_keeps_its_sign_and_scale() {
        // `Decimal::from_str` gives no negative zero, but negating a zero does, and the loader
        // reads "-0.000" (or "(0.000)") by negating the digits.
        let value = -Decimal::new(0, 3);
        assert_eq!(value.to_string(), "-0.000");
        assert_eq!(CompactDecimal::from(value).get().to_string(), "-0.000");
        assert_eq!(
            CompactDecimal::from(value),
            CompactDecimal::from(Decimal::ZERO)
        );
    }
}
