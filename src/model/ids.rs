//! Identifiers and vendor names: the text a report shows, and the key they are compared by.

use compact_str::{CompactString, format_compact};
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A document identifier (trip, receipt, voucher, invoice, vehicle), compared normalised as
/// SPEC §2.2 says: `INV-0012`, `inv 0012` and `INV/0012` are one invoice.
///
/// A month of a large fleet holds millions of ids, most of them short and already in their
/// normal form, so an id is one small string kept inline (no allocation up to 24 bytes): the key,
/// followed by a space and the text only when the text differs from the key. A key never holds
/// whitespace (normalisation drops it), so the first space, if any, is where the text starts.
#[derive(Clone, Debug)]
pub struct Ident {
    key_then_text: CompactString,
}

impl Ident {
    /// Returns `None` when nothing is left after normalisation (a cell of dashes, say).
    pub fn new(text: &str) -> Option<Ident> {
        let text = trim(text);
        if is_normal_id(text) {
            return Some(Ident {
                key_then_text: text.into(),
            });
        }
        let key = normalise_id(text);
        if key.is_empty() {
            return None;
        }
        let key_then_text = if key == text {
            CompactString::from(text)
        } else {
            format_compact!("{key} {text}")
        };
        Some(Ident { key_then_text })
    }

    /// The text as the input had it, for reports.
    pub fn text(&self) -> &str {
        self.split().1
    }

    /// The normalised form identifiers are compared by.
    pub fn key(&self) -> &str {
        self.split().0
    }

    /// The key and the text, which are one string when the id is in its normal form.
    ///
    /// Looked up on every comparison of ids, so found by a plain byte loop: ids are a few bytes,
    /// shorter than what a general search sets up for.
    fn split(&self) -> (&str, &str) {
        let packed = self.key_then_text.as_str();
        match packed.bytes().position(|b| b == b' ') {
            // A space is one byte: both sides are whole characters.
            Some(at) => (&packed[..at], &packed[at + 1..]),
            None => (packed, packed),
        }
    }
}

impl PartialEq for Ident {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Ident {}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// Whether an id is already written in its normal form, so that its key is its text: ASCII
/// without lower case, spaces or `- / _ .`, and no leading zero on an all-digit id. Most ids
/// are, and this tells them without building their key.
fn is_normal_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    let plain = |b: &u8| b.is_ascii_graphic() && !b.is_ascii_lowercase();
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|b| plain(b) && !matches!(b, b'-' | b'/' | b'_' | b'.'))
        && !(bytes.len() > 1 && bytes[0] == b'0' && bytes.iter().all(u8::is_ascii_digit))
}

/// Trim, upper-case, drop spaces and `- / _ .`, and drop the leading zeros of an all-digit id.
pub fn normalise_id(text: &str) -> String {
    let text = trim(text);
    if is_normal_id(text) {
        return text.to_string();
    }
    let mut key: String = text
        .trim()
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '/' | '_' | '.')))
        .flat_map(char::to_uppercase)
        .collect();
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = key.trim_start_matches('0');
        key = if trimmed.is_empty() {
            "0".to_string()
        } else {
            trimmed.to_string()
        };
    }
    key
}

/// A vendor's name, compared case-, accent-, space- and punctuation-insensitively:
/// `Total Énergies`, `TOTAL ENERGIES` and `total-energies` are one vendor. Shared: the loader
/// makes each vendor's name once per file and every record holds a pointer to it, one word
/// where a month of receipts and invoice lines names a handful of vendors millions of times.
#[derive(Clone, Debug)]
pub struct VendorName(Arc<VendorNames>);

/// A vendor's name as written, and the key it is compared by.
#[derive(Debug)]
struct VendorNames {
    text: Box<str>,
    key: Box<str>,
}

impl VendorName {
    pub fn new(text: &str) -> Option<VendorName> {
        let text = text.trim();
        let key = fold_name(text);
        (!key.is_empty()).then(|| {
            VendorName(Arc::new(VendorNames {
                text: text.into(),
                key: key.into(),
            }))
        })
    }

    /// The same vendor under the key of the name it is known by (from the config).
    pub fn known_as(self, key: &str) -> VendorName {
        VendorName(Arc::new(VendorNames {
            text: self.0.text.clone(),
            key: key.into(),
        }))
    }

    pub fn text(&self) -> &str {
        &self.0.text
    }

    pub fn key(&self) -> &str {
        &self.0.key
    }
}

impl PartialEq for VendorName {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for VendorName {}

impl PartialOrd for VendorName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for VendorName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(other.key())
    }
}

impl fmt::Display for VendorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// `str::trim`, without its work for what needs none: a cell that starts and ends with a
/// printable ASCII character (most cells of a file) is its own trimmed text. Called on every
/// cell, several times.
#[inline]
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Lower-case, strip accents, keep letters and digits only. `N°` folds to `no` first, so that
/// `N° Bon`, `no_bon` and `NO. BON` are one header.
pub fn fold_name(text: &str) -> String {
    if text.is_ascii() {
        return text
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    text.chars()
        .map(|c| if matches!(c, '°' | 'º') { 'o' } else { c })
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}12,5\u{a0}",
            "\t V1\n",
            "é ",
            " é",
            "12",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
    use super::*;

    #[test]
    fn ids_ignore_case_spaces_and_separators() {
        assert_eq!(normalise_id(" inv-00/12_a.b "), "INV0012AB");
        assert_eq!(Ident::new("R 123"), Ident::new("r-123"));
    }

    #[test]
    fn all_digit_ids_lose_leading_zeros() {
        assert_eq!(normalise_id("000123"), "123");
        assert_eq!(normalise_id("0000"), "0");
        assert_eq!(normalise_id("00A1"), "00A1");
        assert_eq!(normalise_id("0"), "0");
    }

    /// Ids already in their normal form keep their text as key; the others are normalised.
    #[test]
    fn normal_ids_are_told_apart_from_the_others() {
        for text in ["R123", "INV#7", "0", "10", "V0"] {
            assert!(is_normal_id(text), "{text}");
            assert_eq!(Ident::new(text).unwrap().key(), normalise_id(text));
        }
        for text in ["r1", "R-1", "R 1", "01", "", "Ré1", "A.B", "A_B", "A/B"] {
            assert!(!is_normal_id(text), "{text}");
        }
    }

    /// An id stored once (its text is its key) or twice (key, space, text), short or long,
    /// gives back the text it was written with and the key it is compared by.
    #[test]
    fn ids_keep_their_text_and_their_key() {
        let long = "VOUCHER-2024-03-000123 bis";
        for text in ["R123", " r 1 ", "INV-0012", "0012", "Ré 1", "RÉ1", long] {
            let id = Ident::new(text).unwrap();
            assert_eq!(id.text(), text.trim(), "{text}");
            assert_eq!(id.key(), normalise_id(text), "{text}");
        }
    }

    #[test]
    fn an_id_of_only_separators_is_no_id() {
        assert_eq!(Ident::new(" -- "), None);
    }

    #[test]
    fn vendor_names_fold_accents_case_and_punctuation() {
        assert_eq!(
            VendorName::new("Total Énergies"),
            VendorName::new("TOTAL-ENERGIES")
        );
        assert_ne!(VendorName::new("Total"), VendorName::new("Shell"));
    }

    #[test]
    fn ascii_and_unicode_names_fold_alike() {
        assert_eq!(fold_name("Total-Energies 2"), fold_name("Tötal Énergies 2"));
    }

    #[test]
    fn numero_sign_folds_to_no() {
        assert_eq!(fold_name("N° Bon"), "nobon");
        assert_eq!(fold_name("no_bon"), "nobon");
        assert_eq!(fold_name("NO. BON"), "nobon");
    }
}
