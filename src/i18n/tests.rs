//! The catalogues agree with each other, and lookups fall back and format as promised.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use fluent_syntax::ast;
use rust_decimal::Decimal;

use super::catalogue::{Catalogue, EMBEDDED, lookup};
use super::*;

fn fr() -> Lang {
    "fr".parse().unwrap()
}

#[test]
fn the_embedded_catalogues_parse_without_problems() {
    for embedded in EMBEDDED {
        let catalogue = Catalogue::new(embedded.code, embedded.locale, embedded.files);
        assert_eq!(catalogue.problems(), &[] as &[String]);
    }
    assert!(Lang::all().any(|l| l == fr()), "French is embedded");
}

/// Every message and attribute of a language ("id", "id.attribute", "-term"), with the
/// variables it uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn shape(code: &str) -> Shape {
    let catalogue = EMBEDDED.iter().find(|c| c.code == code).unwrap();
    let mut shape = Shape::new();
    for (file, text) in catalogue.files {
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("locales/{code}/{file}: {errors:?}"));
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            if let Some(value) = value {
                shape.insert(id.clone(), variables(&value));
            }
            for attribute in attributes {
                shape.insert(
                    format!("{id}.{}", attribute.id.name),
                    variables(&attribute.value),
                );
            }
        }
    }
    shape
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    pattern_variables(pattern, &mut found);
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                pattern_variables(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    let arguments = match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
            return;
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, found);
            return;
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        ast::InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
        _ => None,
    };
    for argument in arguments.into_iter() {
        for positional in &argument.positional {
            inline_variables(positional, found);
        }
        for named in &argument.named {
            inline_variables(&named.value, found);
        }
    }
}

#[test]
fn every_language_has_the_messages_and_variables_of_english() {
    let english = shape("en");
    assert!(english.contains_key("indicator-note"));
    for lang in Lang::all() {
        let other = shape(lang.code());
        let code = lang.code();
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "locales/{code} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "locales/{code} has {extra:?}, which locales/en does not"
        );
        for (id, variables) in &english {
            assert_eq!(
                &other[id], variables,
                "{id}: locales/{code} uses other variables than locales/en"
            );
        }
    }
}

#[test]
fn plurals_choose_on_integers_written_for_the_language() {
    let count = |n| Args::new().int("count", n);
    assert_eq!(
        text(Lang::EN, "document-count-trip", &count(1)),
        "1 trip ticket"
    );
    assert_eq!(
        text(Lang::EN, "document-count-trip", &count(0)),
        "0 trip tickets"
    );
    assert_eq!(
        text(Lang::EN, "document-count-trip", &count(1234)),
        "1,234 trip tickets"
    );
    assert_eq!(
        text(fr(), "document-count-trip", &count(0)),
        "0 feuille de route"
    );
    assert_eq!(
        text(fr(), "document-count-trip", &count(2)),
        "2 feuilles de route"
    );
    assert_eq!(
        text(fr(), "document-count-trip", &count(1234)),
        "1\u{a0}234 feuilles de route"
    );
}

#[test]
fn arguments_carry_no_isolation_marks() {
    let error = text(
        Lang::EN,
        "cli-unknown-language",
        &Args::new().text("code", "xx").text("available", "en"),
    );
    assert_eq!(error, "unknown language \"xx\": use one of en");
}

#[test]
fn a_message_missing_in_a_language_falls_back_to_english() {
    let locale = |code: &str| EMBEDDED.iter().find(|c| c.code == code).unwrap().locale;
    let en = Catalogue::new(
        "en",
        locale("en"),
        &[(
            "a.ftl",
            "both = both\nonly-en = { $amount } on { $date }\n    .short = only in English",
        )],
    );
    let fr = Catalogue::new("fr", locale("fr"), &[("a.ftl", "both = les deux")]);
    let chain = [&fr, &en];
    let args = Args::new()
        .money("amount", Decimal::new(123450, 2))
        .date("date", NaiveDate::from_ymd_opt(2020, 3, 5).unwrap());
    assert_eq!(lookup(&chain, "both", &args).unwrap().text, "les deux");
    // The English text keeps its own conventions, so the sentence reads as one language.
    assert_eq!(
        lookup(&chain, "only-en", &args).unwrap().text,
        "1,234.50 on 2020-03-05"
    );
    assert_eq!(
        lookup(&chain, "only-en.short", &args).unwrap().text,
        "only in English"
    );
    assert!(lookup(&chain, "nowhere", &args).is_none());
    assert!(lookup(&chain, "only-en.nowhere", &args).is_none());
}

#[test]
fn a_missing_argument_is_reported() {
    let en = Catalogue::new(
        "en",
        EMBEDDED[0].locale,
        &[("a.ftl", "hello = hello { $name }")],
    );
    let formatted = lookup(&[&en], "hello", &Args::new()).unwrap();
    assert_eq!(formatted.text, "hello {$name}");
    assert_eq!(formatted.problems.len(), 1, "{:?}", formatted.problems);
}

#[test]
fn a_broken_catalogue_is_reported_not_fatal() {
    let broken = Catalogue::new(
        "en",
        "name = 1",
        &[
            ("a.ftl", "good = fine\nbad = { $x\n"),
            ("b.ftl", "good = twice"),
        ],
    );
    let problems = format!("{:?}", broken.problems());
    assert!(problems.contains("locales/en/locale.toml"), "{problems}");
    assert!(problems.contains("locales/en/a.ftl, line 2"), "{problems}");
    assert!(problems.contains("locales/en/b.ftl"), "{problems}");
    assert_eq!(
        lookup(&[&broken], "good", &Args::new()).unwrap().text,
        "fine"
    );
}

#[test]
fn try_text_is_none_for_an_unknown_id() {
    assert_eq!(try_text(fr(), "no-such-message", &Args::new()), None);
    assert_eq!(try_text(fr(), "yes", &Args::new()).as_deref(), Some("oui"));
}

#[test]
#[cfg_attr(
    debug_assertions,
    should_panic(expected = "missing from every catalogue")
)]
fn an_unknown_id_shows_the_id_in_release_builds() {
    assert_eq!(
        text(fr(), "no-such-message", &Args::new()),
        "no-such-message"
    );
}
