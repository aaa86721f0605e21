//! The words offices and fuel cards write, in every language fuelrecon speaks (en, fr, pt, es),
//! recognised in every file whatever the run's language (SPEC §2.2): fuel names and card codes
//! by family, products that are not fuel, legibility, unreadable markers, and the currency
//! words and signs written around amounts. One list per meaning, each with its test.

use crate::model::{FuelType, Legibility, fold_name};
use std::collections::{BTreeMap, HashMap};

/// Whole fuel names and card codes (folded: lower case, no spaces or punctuation) per family.
const DIESEL_CODES: &[&str] = &[
    "diesel",
    "gasoil",
    "gazole",
    "gasoleo",
    "dsl",
    "ago",
    "go",
    "ulsd",
    "b7",
    "b10",
    "b20",
    "b100",
    "biodiesel",
    "biod",
    "ds",
    "dsplus",
    "dieselplus",
    "diesel50",
    "gasoilsansoufre",
    "gasoleoa",
    "gasoleob",
    "gasoleo50",
    "dieselpremium",
];

/// Words that, inside a longer name, make it diesel (`Diesel Premium 50ppm`, `gasóleo A`).
const DIESEL_WORDS: &[&str] = &["diesel", "gasoil", "gazole", "gasoleo"];

const PETROL_CODES: &[&str] = &[
    "petrol",
    "gasoline",
    "unleaded",
    "unl",
    "unlplus",
    "un",
    "unplus",
    "regular",
    "reg",
    "premium",
    "prem",
    "mid",
    "midgrade",
    "plus",
    "super",
    "sup",
    "superplus",
    "essence",
    "sansplomb",
    "sp95",
    "sp98",
    "sp95e10",
    "e5",
    "e10",
    "eth",
    "gasolina",
    "gasolinaa",
    "gasolinacomum",
    "pms",
    "mogas",
    "nafta",
    "benzine",
    "ulp",
    "ron95",
    "ron91",
    "91",
    "95",
    "98",
];

const PETROL_WORDS: &[&str] = &[
    "petrol",
    "gasoline",
    "unleaded",
    "essence",
    "sansplomb",
    "gasolina",
];

/// Products that are not fuel, matched as whole names (`AdBlue` is sold at the pump and says
/// diesel in its long name: it is checked before the fuel families).
const NON_FUEL_CODES: &[&str] = &[
    "adblue",
    "def",
    "dieselexhaustfluid",
    "arla32",
    "carwash",
    "wash",
    "lavage",
    "lavageauto",
    "lavado",
    "lavagem",
    "merchandise",
    "merch",
    "shop",
    "boutique",
    "store",
    "tienda",
    "loja",
    "oil",
    "motoroil",
    "engineoil",
    "huile",
    "huilemoteur",
    "lubricant",
    "lubrifiant",
    "lubricante",
    "lubrificante",
    "aceite",
    "oleo",
    "oleomotor",
    "food",
    "snacks",
    "misc",
    "other",
    "service",
    "tyre",
    "tire",
    "pneu",
];

/// Words that, inside a longer name, make it something other than fuel (`Car Wash Deluxe`,
/// `Huile moteur 5W40`). Checked word by word, so `gasoil` is never read as oil.
const NON_FUEL_WORDS: &[&str] = &[
    "wash",
    "lavage",
    "lavado",
    "lavagem",
    "merchandise",
    "shop",
    "boutique",
    "oil",
    "huile",
    "lubricant",
    "lubrifiant",
    "lubricante",
    "lubrificante",
    "aceite",
    "oleo",
    "adblue",
];

/// Fuels that are neither diesel nor petrol, kept as given but known to be fuel.
const OTHER_FUELS: &[&str] = &[
    "e85",
    "lpg",
    "gpl",
    "glp",
    "cng",
    "gnv",
    "gnc",
    "autogas",
    "kerosene",
    "kerosène",
    "petrole",
    "jeta1",
    "avgas",
    "ethanol",
    "etanol",
    "alcool",
    "hydrogen",
    "electric",
];

/// The fuel family a text names, with the config's own words first (`[fuel_types]`).
pub fn fuel_type(text: &str, configured: &HashMap<String, FuelType>) -> FuelType {
    let folded = fold_name(text);
    if let Some(fuel) = configured.get(&folded) {
        return fuel.clone();
    }
    let kept = || text.trim().into();
    if NON_FUEL_CODES.contains(&folded.as_str()) {
        return FuelType::NonFuel(kept());
    }
    let contains = |words: &[&str]| words.iter().any(|w| folded.contains(w));
    if DIESEL_CODES.contains(&folded.as_str()) || contains(DIESEL_WORDS) {
        return FuelType::Diesel;
    }
    if PETROL_CODES.contains(&folded.as_str()) || contains(PETROL_WORDS) {
        return FuelType::Petrol;
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(fold_name)
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| NON_FUEL_WORDS.contains(&w.as_str())) {
        return FuelType::NonFuel(kept());
    }
    if OTHER_FUELS.contains(&folded.as_str()) {
        return FuelType::Other(kept());
    }
    FuelType::Unknown(kept())
}

/// The config's `[fuel_types]`: family name → extra words. `diesel` and `petrol` add to those
/// families, `non_fuel` to the products that are not fuel; any other name is a fuel of its own.
pub fn configured_fuel_words(
    families: &BTreeMap<String, Vec<String>>,
) -> HashMap<String, FuelType> {
    let mut words = HashMap::new();
    for (family, names) in families {
        for name in names {
            let fuel = match fold_name(family).as_str() {
                "diesel" => FuelType::Diesel,
                "petrol" => FuelType::Petrol,
                "nonfuel" => FuelType::NonFuel(name.trim().into()),
                _ => FuelType::Other(family.trim().into()),
            };
            words.insert(fold_name(name), fuel);
        }
    }
    words
}

/// `legible` column values (SPEC §2.2), folded. Blank is readable.
const READABLE: &[&str] = &[
    "",
    "yes",
    "y",
    "oui",
    "o",
    "sim",
    "s",
    "si",
    "ok",
    "true",
    "vrai",
    "verdadeiro",
    "verdadero",
    "1",
    "lisible",
    "legible",
    "readable",
    "legivel",
];
const PARTIAL: &[&str] = &[
    "partial",
    "partiel",
    "partielle",
    "partiellement",
    "parcial",
    "parcialmente",
];
const UNREADABLE: &[&str] = &[
    "no",
    "n",
    "non",
    "nao",
    "false",
    "faux",
    "falso",
    "0",
    "illegible",
    "unreadable",
    "illisible",
    "ilegivel",
    "ilegible",
];

/// Reads a `legible` column; `None` when the text is none of the words of any language.
pub fn legibility(text: &str) -> Option<Legibility> {
    let folded = fold_name(text);
    let is = |words: &[&str]| words.contains(&folded.as_str());
    if is(READABLE) {
        Some(Legibility::Readable)
    } else if is(PARTIAL) {
        Some(Legibility::Partial)
    } else if is(UNREADABLE) {
        Some(Legibility::Unreadable)
    } else {
        None
    }
}

/// Whole cells that say the value could not be read, folded. Letters only:
/// `values::is_unreadable_marker` passes over any cell with a digit.
const UNREADABLE_MARKERS: &[&str] = &[
    "illegible",
    "unreadable",
    "illisible",
    "ilegivel",
    "ilegible",
];

/// Whether a folded cell is one of the unreadable words of any language.
pub fn is_unreadable_word(folded: &str) -> bool {
    UNREADABLE_MARKERS.contains(&folded)
}

/// Whole cells, folded, that label a row summing the rows above it: a spreadsheet's total or
/// subtotal line, in the languages fuelrecon speaks.
const TOTALS_LABELS: &[&str] = &[
    "total",
    "totals",
    "grandtotal",
    "subtotal",
    "totaux",
    "totalgeneral",
    "soustotal",
    "somme",
    "totalgeral",
    "subtotais",
    "soma",
    "suma",
    "sum",
];

/// Whether a cell's text labels a total or subtotal row. Asked of the id and date cells of
/// every row, so most cells are ruled out before they are folded: a label is short, has no
/// digit, and its first letter is one a label starts with.
pub fn is_totals_label(text: &str) -> bool {
    let Some(first) = text.bytes().find(u8::is_ascii_alphanumeric) else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    text.len() <= 32
        && !text.bytes().any(|b| b.is_ascii_digit())
        && TOTALS_LABELS
            .iter()
            .any(|label| label.as_bytes().first() == Some(&first))
        && TOTALS_LABELS.contains(&fold_name(text).as_str())
}

/// Currency and unit words that may stand before or after a number and mean nothing to it
/// (lower case): the local signs offices write, and units. Any ISO 4217 code is accepted too.
const AMOUNT_WORDS: &[&str] = &[
    "fcfa", "cfa", "f", "francs", "franc", "mt", "mts", "kz", "fc", "cfp", "ksh", "kes", "r",
    "ghs", "ngn", "usd", "eur", "l", "lt", "ltr", "litre", "litres", "liter", "liters", "gal",
    "gals", "km", "kms", "mi",
];

/// Whether a word beside a number is a currency or unit word (`XOF`, `MT`, `FCFA`, `GH₵`).
pub fn is_amount_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    AMOUNT_WORDS.contains(&lower.as_str())
        || lower.trim_end_matches('₵') == "gh"
        // An ISO 4217 code such as XOF, XAF, MZN, AOA.
        || (word.len() == 3 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// Currency signs written next to amounts.
pub fn is_currency_sign(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '¥' | '₣' | '₦' | '₵' | '₹' | '₩' | '₱' | '₺' | '₽'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader never folds a cell with a digit to look for these words.
    #[test]
    fn unreadable_words_are_letters_only() {
        for word in UNREADABLE_MARKERS {
            assert!(word.chars().all(char::is_alphabetic), "{word}");
        }
    }

    fn family(text: &str) -> FuelType {
        fuel_type(text, &HashMap::new())
    }

    #[test]
    fn fuel_names_and_card_codes_fold_to_their_family() {
        for diesel in [
            "Diesel",
            "GASOIL",
            "gazole",
            "Gasóleo",
            "DSL",
            "AGO",
            "ULSD",
            "B7",
            "B20",
            "biodiesel",
            "BIOD",
            "DS+",
            "Diesel Premium 50ppm",
        ] {
            assert_eq!(family(diesel), FuelType::Diesel, "{diesel}");
        }
        for petrol in [
            "Petrol",
            "gasoline",
            "Unleaded",
            "UNL",
            "UNL+",
            "UN+",
            "regular",
            "REG",
            "premium",
            "PREM",
            "MID",
            "plus",
            "super",
            "SUP",
            "essence",
            "Sans plomb",
            "SP95",
            "SP98",
            "E10",
            "ETH",
            "gasolina",
            "PMS",
        ] {
            assert_eq!(family(petrol), FuelType::Petrol, "{petrol}");
        }
    }

    #[test]
    fn products_that_are_not_fuel_are_told_apart() {
        for product in [
            "Car Wash",
            "LAVAGE",
            "Merchandise",
            "shop",
            "Motor oil",
            "Huile moteur 5W40",
            "lubricant",
            "AdBlue",
            "DEF",
            "Diesel Exhaust Fluid",
            "óleo",
        ] {
            assert!(matches!(family(product), FuelType::NonFuel(_)), "{product}");
        }
        assert_eq!(family("gasoil"), FuelType::Diesel, "gasoil is not oil");
        assert_eq!(family("gasóleo"), FuelType::Diesel, "nor is gasóleo");
    }

    #[test]
    fn other_fuels_are_kept_and_unknown_words_are_unknown() {
        assert_eq!(family("LPG"), FuelType::Other("LPG".into()));
        assert_eq!(family("Q-Fuel 9"), FuelType::Unknown("Q-Fuel 9".into()));
    }

    #[test]
    fn the_configs_words_come_first() {
        let words = configured_fuel_words(&BTreeMap::from([
            ("diesel".to_string(), vec!["Gas-oil ULS".to_string()]),
            ("non_fuel".to_string(), vec!["Q-Fuel 9".to_string()]),
        ]));
        assert_eq!(fuel_type("GAS OIL uls", &words), FuelType::Diesel);
        assert!(matches!(
            fuel_type("Q-Fuel 9", &words),
            FuelType::NonFuel(_)
        ));
    }

    #[test]
    fn legibility_words_of_every_language() {
        for yes in ["yes", "Oui", "sim", "sí", "OK", ""] {
            assert_eq!(legibility(yes), Some(Legibility::Readable), "{yes}");
        }
        for partial in ["partial", "partiel", "parcial"] {
            assert_eq!(legibility(partial), Some(Legibility::Partial), "{partial}");
        }
        for no in [
            "no",
            "non",
            "não",
            "illegible",
            "illisible",
            "ilegível",
            "ilegible",
        ] {
            assert_eq!(legibility(no), Some(Legibility::Unreadable), "{no}");
        }
        assert_eq!(legibility("maybe"), None);
    }

    #[test]
    fn unreadable_words_of_every_language() {
        for word in [
            "illegible",
            "unreadable",
            "illisible",
            "ilegível",
            "ilegible",
        ] {
            assert!(is_unreadable_word(&fold_name(word)), "{word}");
        }
    }

    #[test]
    fn currency_words_and_signs() {
        for word in [
            "XOF", "MZN", "MT", "Kz", "FC", "FCFA", "KSh", "R", "GH₵", "usd",
        ] {
            assert!(is_amount_word(word), "{word}");
        }
        assert!(!is_amount_word("abc"));
        for sign in ['$', '€', '£', '₦', '₵'] {
            assert!(is_currency_sign(sign), "{sign}");
        }
    }
}
