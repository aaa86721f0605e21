//! The message catalogues embedded by build.rs, each made once into a Fluent bundle and the
//! writing conventions of its `locale.toml`, and the lookup that falls back to English.
//!
//! Problems in an embedded catalogue (a syntax error, an id defined twice, a `locale.toml`
//! that does not parse) never stop a release run: what parsed is used. Debug builds, so the
//! tests, panic on them when the catalogues are first used.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentResource, FluentValue};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use unic_langid::LanguageIdentifier;

use super::args::Args;
use super::format::LocaleFormat;

/// One folder of `locales/`, as build.rs embeds it.
pub(crate) struct EmbeddedCatalogue {
    pub code: &'static str,
    /// The text of `locale.toml`.
    pub locale: &'static str,
    /// `(file name, text)` of each `.ftl` file, sorted by name.
    pub files: &'static [(&'static str, &'static str)],
}

/// Every folder of `locales/`, sorted by code.
pub(crate) static EMBEDDED: &[EmbeddedCatalogue] =
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The index of `en` in [`EMBEDDED`].
pub(crate) const ENGLISH: usize = include!(concat!(env!("OUT_DIR"), "/english.rs"));

/// The writing conventions of every embedded language, by index. Kept apart from the bundles
/// because the bundles' number formatter reads them while a bundle formats.
static FORMATS: LazyLock<Vec<LocaleFormat>> = LazyLock::new(|| {
    EMBEDDED
        .iter()
        .map(|c| toml::from_str(c.locale).unwrap_or_else(|_| LocaleFormat::fallback(c.code)))
        .collect()
});

static LOADED: LazyLock<Vec<Catalogue>> = LazyLock::new(|| {
    let loaded: Vec<Catalogue> = EMBEDDED
        .iter()
        .map(|c| Catalogue::new(c.code, c.locale, c.files))
        .collect();
    let problems: Vec<&String> = loaded.iter().flat_map(|c| &c.problems).collect();
    debug_assert!(problems.is_empty(), "broken catalogue: {problems:?}");
    loaded
});

pub(crate) fn format(index: usize) -> &'static LocaleFormat {
    &FORMATS[index]
}

pub(crate) fn catalogue(index: usize) -> &'static Catalogue {
    &LOADED[index]
}

/// One language, ready to format messages.
pub(crate) struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    format: LocaleFormat,
    problems: Vec<String>,
}

/// A message found and formatted, with what Fluent could not resolve in it (an argument the
/// caller did not give, a reference to a message that does not exist): the text then shows
/// `{$name}` where the value should be, and the caller decides how loud to be about it.
pub(crate) struct Formatted {
    pub text: String,
    pub problems: Vec<String>,
}

impl Catalogue {
    /// The catalogue of language `code` from its `locale.toml` and `.ftl` files.
    pub(crate) fn new(code: &str, locale: &str, files: &[(&str, &str)]) -> Catalogue {
        let mut problems = Vec::new();
        let langid: LanguageIdentifier = code.parse().unwrap_or_else(|_| {
            problems.push(format!(
                "locales/{code}: the folder name is not a language code"
            ));
            LanguageIdentifier::default()
        });
        let format = toml::from_str(locale).unwrap_or_else(|e| {
            problems.push(format!("locales/{code}/locale.toml: {e}"));
            LocaleFormat::fallback(code)
        });
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068, U+2069) around arguments would end up in CSV cells and
        // HTML attributes; fuelrecon's languages are all written left to right.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_integer));
        for (file, text) in files {
            let resource =
                FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, errors)| {
                    for error in errors {
                        let line = text[..error.pos.start.min(text.len())]
                            .lines()
                            .count()
                            .max(1);
                        problems.push(format!(
                            "locales/{code}/{file}, line {line}: {:?}",
                            error.kind
                        ));
                    }
                    partial
                });
            if let Err(errors) = bundle.add_resource(resource) {
                for error in errors {
                    problems.push(format!("locales/{code}/{file}: {error}"));
                }
            }
        }
        Catalogue {
            bundle,
            format,
            problems,
        }
    }

    #[cfg(test)]
    pub(crate) fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Message `id`, or its attribute `id.attribute`, with `args` written in this language;
    /// `None` when this catalogue does not have it.
    pub(crate) fn format(&self, path: &str, args: &Args) -> Option<Formatted> {
        let (id, attribute) = match path.split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (path, None),
        };
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute)?.value(),
            None => message.value()?,
        };
        let fluent_args = args.to_fluent(&self.format);
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        Some(Formatted {
            text,
            problems: errors.iter().map(|e| e.to_string()).collect(),
        })
    }
}

/// Message `path` in `chain[0]`, else in the next catalogue of the chain.
pub(crate) fn lookup(chain: &[&Catalogue], path: &str, args: &Args) -> Option<Formatted> {
    chain
        .iter()
        .find_map(|catalogue| catalogue.format(path, args))
}

/// Writes the integers Fluent holds (`Args::int`, so plurals can select on them) with the
/// bundle's own language conventions; every other value reaches Fluent already as text.
fn format_integer(value: &FluentValue, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let decimal = Decimal::from_f64(number.value)?;
    memoizer
        .with_try_get_threadsafe::<NumberStyle, _, _>((), |style| style.0.number(decimal))
        .ok()
}

/// The conventions of the bundle's language, found by its code, as Fluent's memoizer hands
/// a bundle's language to a formatter.
struct NumberStyle(&'static LocaleFormat);

impl Memoizable for NumberStyle {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let code = lang.to_string();
        let index = EMBEDDED
            .iter()
            .position(|c| c.code == code)
            .unwrap_or(ENGLISH);
        Ok(NumberStyle(format(index)))
    }
}
