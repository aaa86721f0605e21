//! [`Message`]: what an exception (or a rule that did not run) says, kept as a catalogue id
//! with typed arguments rather than as text, so that each output writes it in its own
//! language: the report in the run's, a vendor's letter in the vendor's.
//!
//! The words are in `locales/<lang>/rules.ftl`; nothing here knows a language.

use std::borrow::Cow;
use std::fmt::Display;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::i18n::{Args, Lang, text};

/// A catalogue message and its arguments, owned, so it outlives the rule that built it.
///
/// Equal messages say the same thing in every language, and their order is the order of
/// their ids and arguments: exceptions sort by it, never by rendered text, so the report's
/// order does not depend on the language.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    id: Cow<'static, str>,
    args: Vec<(&'static str, MessageArg)>,
}

/// One argument of a [`Message`], typed so it is written the way the language writes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageArg {
    /// Shown as given: an identifier (receipt, invoice, vehicle), a name, a code.
    Text(String),
    /// A quantity (litres, kilometres, a percentage), in its shortest form.
    Number(Decimal),
    /// An amount of money, with the decimals it has.
    Money(Decimal),
    /// A count or a line number; plurals choose on it.
    Int(i64),
    Date(NaiveDate),
    /// A phrase of its own (a placeholder such as "(no number)", a clause, a field's name),
    /// rendered in the same language as the message that holds it.
    Message(Message),
}

impl Message {
    /// The message `id` of the catalogue, with no arguments yet.
    pub fn new(id: impl Into<Cow<'static, str>>) -> Message {
        Message {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// The catalogue id, for tests that check which message a rule chose.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// An argument already typed, as a helper such as `fuel_word` builds it.
    pub fn arg(mut self, name: &'static str, value: MessageArg) -> Message {
        self.args.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        self.arg(name, MessageArg::Text(value.into()))
    }

    pub fn number(self, name: &'static str, value: Decimal) -> Message {
        self.arg(name, MessageArg::Number(value))
    }

    pub fn money(self, name: &'static str, value: Decimal) -> Message {
        self.arg(name, MessageArg::Money(value))
    }

    pub fn int(self, name: &'static str, value: i64) -> Message {
        self.arg(name, MessageArg::Int(value))
    }

    pub fn date(self, name: &'static str, value: NaiveDate) -> Message {
        self.arg(name, MessageArg::Date(value))
    }

    pub fn message(self, name: &'static str, value: Message) -> Message {
        self.arg(name, MessageArg::Message(value))
    }

    /// An identifier that may be absent: its text, else the catalogue's placeholder
    /// `missing` (`msg-no-number`, "(no number)").
    pub fn shown<T: Display>(
        self,
        name: &'static str,
        value: &Option<T>,
        missing: &'static str,
    ) -> Message {
        match value {
            Some(value) => self.text(name, value.to_string()),
            None => self.message(name, Message::new(missing)),
        }
    }

    /// An identifier that may be absent, shown blank when it is.
    pub fn shown_or_blank<T: Display>(self, name: &'static str, value: &Option<T>) -> Message {
        let shown = value.as_ref().map(ToString::to_string).unwrap_or_default();
        self.text(name, shown)
    }

    /// A date that may be absent: written for the language, else the placeholder `missing`.
    pub fn date_or(
        self,
        name: &'static str,
        value: Option<NaiveDate>,
        missing: &'static str,
    ) -> Message {
        match value {
            Some(date) => self.date(name, date),
            None => self.message(name, Message::new(missing)),
        }
    }

    /// The message in `lang`, numbers and dates written the language's way.
    pub fn render(&self, lang: Lang) -> String {
        let mut args = Args::new();
        for (name, value) in &self.args {
            args = match value {
                MessageArg::Text(value) => args.text(name, value.as_str()),
                MessageArg::Number(value) => args.number(name, *value),
                MessageArg::Money(value) => args.money(name, *value),
                MessageArg::Int(value) => args.int(name, *value),
                MessageArg::Date(value) => args.date(name, *value),
                MessageArg::Message(value) => args.text(name, value.render(lang)),
            };
        }
        text(lang, &self.id, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{d, date};

    fn fr() -> Lang {
        "fr".parse().unwrap()
    }

    #[test]
    fn one_message_renders_in_each_language_with_its_numbers_and_dates() {
        let message = Message::new("msg-amount-mismatch")
            .text("invoice", "F-031")
            .int("line", 4)
            .money("billed", d("33000"))
            .text("receipt", "55012")
            .money("paid", d("30000"))
            .money("tolerance", d("165"));
        assert_eq!(
            message.render(Lang::EN),
            "Invoice F-031 line 4 bills 33,000, but its receipt 55012 shows 30,000 (tolerance 165)."
        );
        assert_eq!(
            message.render(fr()),
            "La ligne 4 de la facture F-031 réclame 33\u{a0}000, alors que son reçu 55012 \
             indique 30\u{a0}000 (tolérance : 165)."
        );
        let dated = Message::new("msg-receipt-without-trip")
            .text("receipt", "R-88")
            .text("vehicle", "UN-1234")
            .int("days", 1)
            .date("date", date("2020-03-12"));
        assert!(
            dated
                .render(Lang::EN)
                .ends_with("within 1 day(s) of 2020-03-12.")
        );
        assert!(dated.render(fr()).ends_with("à 1 jour près du 12/03/2020."));
    }

    #[test]
    fn a_missing_identifier_shows_the_placeholder_of_the_language() {
        let none: Option<String> = None;
        let message = Message::new("msg-receipt-not-billed")
            .shown("receipt", &none, "msg-no-number")
            .shown("vendor", &Some("Total"), "msg-no-vendor");
        assert_eq!(
            message.render(Lang::EN),
            "Receipt (no number) of Total is not billed on any invoice line given to this run."
        );
        assert!(
            message
                .render(fr())
                .starts_with("Le reçu (sans numéro) de Total")
        );
    }

    #[test]
    fn messages_order_by_id_then_arguments_not_by_text() {
        let a = Message::new("msg-a").int("n", 9);
        let b = Message::new("msg-a").int("n", 10);
        assert!(a < b, "9 before 10, as numbers");
        assert!(Message::new("msg-a") < Message::new("msg-b"));
    }
}
