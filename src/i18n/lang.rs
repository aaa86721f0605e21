//! [`Lang`]: one of the languages embedded from `locales/`, named by its folder's code.

use std::fmt;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser, ValueParserFactory};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::catalogue::{self, EMBEDDED, ENGLISH};
use super::format::LocaleFormat;
use super::{Args, text};

/// A language fuelrecon speaks: one folder of `locales/`, compiled in. Being an index into the
/// embedded catalogues, it is `Copy` and cannot name a language that is not there, so code
/// compares languages, never strings.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(u8);

impl Lang {
    /// English: the default, and the catalogue a message missing elsewhere comes from.
    pub const EN: Lang = Lang(ENGLISH as u8);

    /// Every language, sorted by code.
    pub fn all() -> impl ExactSizeIterator<Item = Lang> {
        (0..EMBEDDED.len()).map(|i| Lang(i as u8))
    }

    /// The code, which is the folder name under `locales/` ("fr").
    pub fn code(self) -> &'static str {
        EMBEDDED[self.index()].code
    }

    /// The language's own name ("français"), from its `locale.toml`.
    pub fn name(self) -> &'static str {
        &self.format().name
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    pub(crate) fn format(self) -> &'static LocaleFormat {
        catalogue::format(self.index())
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that names none of the embedded catalogues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang {
    pub code: String,
}

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let available: Vec<&str> = Lang::all().map(Lang::code).collect();
        let args = Args::new()
            .text("code", self.code.as_str())
            .text("available", available.join(", "));
        // Said in English: the language is what could not be read.
        f.write_str(&text(Lang::EN, "cli-unknown-language", &args))
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// A code as in `locales/` ("fr"), in any case; a regional tag ("fr-SN", "fr_CI") falls
    /// back to its language when that region has no catalogue of its own.
    fn from_str(code: &str) -> Result<Lang, UnknownLang> {
        let wanted = code.trim().replace('_', "-");
        let find = |wanted: &str| Lang::all().find(|l| l.code().eq_ignore_ascii_case(wanted));
        find(&wanted)
            .or_else(|| {
                wanted
                    .split_once('-')
                    .and_then(|(language, _)| find(language))
            })
            .ok_or_else(|| UnknownLang {
                code: code.to_string(),
            })
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// `#[arg(long)] lang: Lang` works in clap derive as it is, and `--help` lists the codes with
/// each language's own name.
impl ValueParserFactory for Lang {
    type Parser = clap::builder::TryMapValueParser<
        PossibleValuesParser,
        fn(String) -> Result<Lang, UnknownLang>,
    >;

    fn value_parser() -> Self::Parser {
        let values = Lang::all().map(|lang| PossibleValue::new(lang.code()).help(lang.name()));
        PossibleValuesParser::new(values).try_map(|code: String| code.parse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::EN);
        assert_eq!(Lang::EN.code(), "en");
        for lang in Lang::all() {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        let fr: Lang = "fr".parse().unwrap();
        assert_eq!(fr.name(), "français");
        assert_eq!("FR".parse::<Lang>(), Ok(fr));
        assert_eq!("fr_SN".parse::<Lang>(), Ok(fr));
    }

    /// "en, fr", or more as folders are added to locales/.
    fn available() -> String {
        Lang::all().map(Lang::code).collect::<Vec<_>>().join(", ")
    }

    #[test]
    fn an_unknown_language_names_the_ones_available() {
        let error = "xx".parse::<Lang>().unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("unknown language \"xx\": use one of {}", available())
        );
    }

    #[test]
    fn serde_uses_the_code() {
        let fr: Lang = "fr".parse().unwrap();
        assert_eq!(serde_json::to_string(&fr).unwrap(), "\"fr\"");
        assert_eq!(serde_json::from_str::<Lang>("\"fr\"").unwrap(), fr);
        let error = serde_json::from_str::<Lang>("\"de\"").unwrap_err();
        assert!(error.to_string().contains(&available()), "{error}");
    }

    #[test]
    fn clap_parses_and_lists_the_languages() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[arg(long)]
            lang: Lang,
        }
        let cli = Cli::try_parse_from(["x", "--lang", "fr"]).unwrap();
        assert_eq!(cli.lang.code(), "fr");
        let error = Cli::try_parse_from(["x", "--lang", "de"])
            .err()
            .unwrap()
            .to_string();
        assert!(error.contains("en") && error.contains("fr"), "{error}");
    }
}
