//! Every word a person reads — pages, letters, exception messages, rule manuals, the command
//! line's own output — comes from here, in the language asked for (SPEC §6.4).
//!
//! The words live in `locales/<code>/*.ftl` ([Project Fluent](https://projectfluent.org)), one
//! file per area (`common`, `cli`, `report`, `letter`, `rules`, `sample`, `ledger`); all the
//! files of a language form one catalogue. `locales/<code>/locale.toml` gives the language's
//! own name and how it writes numbers and dates. build.rs embeds every folder of `locales/`,
//! so adding a language is adding a folder: no code names a language but English, the
//! fallback.
//!
//! Values are typed ([`Args`]) and written for the language here ([`format_money`] and
//! friends) before Fluent sees them: Fluent chooses words, fuelrecon writes numbers.
//!
//! ```
//! use fuelrecon::i18n::{Args, Lang, text};
//! let fr: Lang = "fr".parse().unwrap();
//! assert_eq!(text(fr, "yes", &Args::new()), "oui");
//! assert_eq!(text(fr, "document-count-trip", &Args::new().int("count", 1234)), "1\u{a0}234 feuilles de route");
//! ```

mod args;
mod catalogue;
mod format;
mod lang;

pub use args::Args;
pub use format::{format_date, format_fixed, format_money, format_number};
pub use lang::{Lang, UnknownLang};

use catalogue::{Catalogue, Formatted, catalogue, lookup};

/// Message `id` in `lang` with `args`, falling back to English when `lang` lacks it. `id` may
/// name an attribute as `id.attribute` (`rule-BILLED_TWICE.summary`).
///
/// A message missing from every catalogue, or an argument the message uses but `args` lacks,
/// is a bug: debug builds (so the tests) panic on it; a release build shows the id, or
/// `{$name}` for the argument, rather than stop a run.
pub fn text(lang: Lang, id: &str, args: &Args) -> String {
    match resolve(lang, id, args) {
        Some(formatted) => checked(id, formatted),
        None => {
            debug_assert!(
                false,
                "message \"{id}\" is missing from every catalogue (locales/*/*.ftl)"
            );
            id.to_string()
        }
    }
}

/// Like [`text`], `None` when no catalogue has the message: for the places where a message is
/// optional (a rule's manual section that only some rules have).
pub fn try_text(lang: Lang, id: &str, args: &Args) -> Option<String> {
    resolve(lang, id, args).map(|formatted| checked(id, formatted))
}

/// Message `id` of `lang`, else of English, with what Fluent could not resolve in it; for the
/// template function, which reports those as template errors instead.
pub(crate) fn resolve(lang: Lang, id: &str, args: &Args) -> Option<Formatted> {
    let chain: &[&Catalogue] = if lang == Lang::EN {
        &[catalogue(Lang::EN.index())]
    } else {
        &[catalogue(lang.index()), catalogue(Lang::EN.index())]
    };
    lookup(chain, id, args)
}

fn checked(id: &str, formatted: Formatted) -> String {
    debug_assert!(
        formatted.problems.is_empty(),
        "message \"{id}\": {}",
        formatted.problems.join("; ")
    );
    formatted.text
}

#[cfg(test)]
mod tests;
