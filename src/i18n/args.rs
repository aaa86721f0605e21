//! The named arguments of a message, typed, so each is written for the message's language when
//! the message is: an `Args` built once can be rendered in English for the report and in French
//! for a vendor's letter.

use std::borrow::Cow;

use chrono::NaiveDate;
use fluent_bundle::{FluentArgs, FluentValue};
use rust_decimal::Decimal;

use super::format::LocaleFormat;

/// Named arguments for [`text`](super::text), built with chained calls:
/// `Args::new().text("vendor", &name).money("amount", at_risk).date("date", day)`.
#[derive(Debug, Clone, Default)]
pub struct Args<'a> {
    values: Vec<(&'a str, Value<'a>)>,
}

#[derive(Debug, Clone)]
enum Value<'a> {
    Text(Cow<'a, str>),
    /// The one kind Fluent sees as a number, so `{ $count -> [one] … *[other] … }` can choose
    /// the plural; the catalogue's number formatter still writes it.
    Integer(i64),
    Number(Decimal),
    Money(Decimal),
    Date(NaiveDate),
}

impl<'a> Args<'a> {
    pub fn new() -> Self {
        Args::default()
    }

    /// Text shown as given: an identifier, a name, a file, or a phrase already rendered.
    pub fn text(mut self, name: &'a str, value: impl Into<Cow<'a, str>>) -> Self {
        self.values.push((name, Value::Text(value.into())));
        self
    }

    /// A count: grouped like any number, and the value a plural selector chooses on.
    pub fn int(mut self, name: &'a str, value: i64) -> Self {
        self.values.push((name, Value::Integer(value)));
        self
    }

    /// A quantity (litres, kilometres, a ratio), in its shortest form; see [`format_number`](super::format_number).
    pub fn number(mut self, name: &'a str, value: Decimal) -> Self {
        self.values.push((name, Value::Number(value)));
        self
    }

    /// An amount of money, with the decimals it has; see [`format_money`](super::format_money).
    pub fn money(mut self, name: &'a str, value: Decimal) -> Self {
        self.values.push((name, Value::Money(value)));
        self
    }

    pub fn date(mut self, name: &'a str, value: NaiveDate) -> Self {
        self.values.push((name, Value::Date(value)));
        self
    }

    /// The arguments as Fluent takes them, every value but integers already text.
    pub(super) fn to_fluent(&self, format: &LocaleFormat) -> FluentArgs<'a> {
        let mut args = FluentArgs::with_capacity(self.values.len());
        for (name, value) in &self.values {
            let value: FluentValue<'a> = match value {
                Value::Text(text) => FluentValue::String(text.clone()),
                Value::Integer(n) => FluentValue::from(*n),
                Value::Number(n) => format.number(*n).into(),
                Value::Money(n) => format.decimal(*n).into(),
                Value::Date(d) => format.date(*d).into(),
            };
            args.set(*name, value);
        }
        args
    }
}
