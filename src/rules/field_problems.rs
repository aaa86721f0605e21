//! The three rules on values that could not be read (MISSING_FIELD, UNREADABLE_FIELD,
//! INVALID_VALUE) share one mechanism: the loader notes each problem on its record, and these
//! rules raise one exception per problem.

use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::load::schema::{FieldId, ReceiptField};
use crate::model::{FieldProblem, FieldType, ProblemCode, WHOLE_ROW};
use rust_decimal::Decimal;

declare_rule! {
    /// A required field left blank: a trip ticket without a driver, a receipt without litres,
    /// an invoice line without its invoice number.
    MissingField, Medium
}

declare_rule! {
    /// A value marked unreadable (`?`, `illegible`, `illisible`, `###`, a spreadsheet error such
    /// as `#N/A`), or a receipt whose `legible` column says it is not (fully) readable.
    UnreadableField, Medium
}

declare_rule! {
    /// A value that cannot be read as its type: `12O,5` litres (a letter O), `31/02/2020`.
    InvalidValue, Medium
}

/// The message of one problem; `document` is the catalogue's word for the record
/// (`msg-doc-receipt`).
fn describe(problem: &FieldProblem, document: &'static str) -> Message {
    if problem.field == WHOLE_ROW {
        return Message::new("msg-row-out-of-line")
            .message("document", Message::new(document))
            .text("raw", problem.raw.as_str());
    }
    let message = match problem.code {
        ProblemCode::Missing => Message::new("msg-field-missing"),
        ProblemCode::Unreadable if problem.ty == FieldType::Legibility => {
            return Message::new("msg-field-illegible")
                .message("document", Message::new(document))
                .text("raw", problem.raw.as_str());
        }
        ProblemCode::Unreadable => Message::new("msg-field-unreadable"),
        ProblemCode::Invalid => Message::new("msg-field-invalid")
            .message("expected", Message::new(expected(problem.ty))),
    };
    let message = message.message("document", Message::new(document)).message(
        "field",
        Message::new(format!("msg-field-name-{}", problem.field)),
    );
    match problem.code {
        ProblemCode::Missing => message,
        _ => message.text("raw", problem.raw.as_str()),
    }
}

/// What a value of a field's type looks like, for the message of an INVALID_VALUE.
fn expected(ty: FieldType) -> &'static str {
    use FieldType::*;
    match ty {
        Text | Id | IdList | Vendor => "msg-expected-text",
        Date => "msg-expected-date",
        DateTime => "msg-expected-datetime",
        Time => "msg-expected-time",
        Number => "msg-expected-number",
        Integer => "msg-expected-integer",
        Fuel => "msg-expected-fuel",
        Legibility => "msg-expected-legibility",
    }
}

fn with_problem(exception: Exception, problem: &FieldProblem, document: &'static str) -> Exception {
    exception
        .message(describe(problem, document))
        .evidence("field", problem.field)
        .evidence("raw", problem.raw.as_str())
}

fn of_code(problems: &[FieldProblem], code: ProblemCode) -> impl Iterator<Item = &FieldProblem> {
    problems.iter().filter(move |p| p.code == code)
}

/// Raises one exception per problem of kind `code` on every record.
fn raise(ctx: &Context<'_>, info: &RuleInfo, code: ProblemCode, out: &mut Vec<Exception>) {
    let data = ctx.data;
    for (index, trip) in data.trips.iter().enumerate() {
        for problem in of_code(&trip.problems, code) {
            out.push(with_problem(
                Exception::on_trip(info, index, trip),
                problem,
                "msg-doc-trip",
            ));
        }
    }
    for (index, receipt) in data.receipts.iter().enumerate() {
        for problem in of_code(&receipt.problems, code) {
            // A receipt whose amount cannot be read, or whose row is out of line (its amount
            // may be another column's), backs nothing billed on it.
            let amount_unknown = [ReceiptField::Amount.spec().name, WHOLE_ROW];
            let at_risk = if amount_unknown.contains(&problem.field) {
                billed_on(ctx, index)
            } else if code == ProblemCode::Unreadable {
                receipt.amount().unwrap_or_default()
            } else {
                Decimal::ZERO
            };
            out.push(
                with_problem(
                    Exception::on_receipt(info, index, receipt),
                    problem,
                    "msg-doc-receipt",
                )
                .at_risk(at_risk),
            );
        }
    }
    for (index, line) in data.invoice_lines.iter().enumerate() {
        for problem in of_code(&line.problems, code) {
            // An incomplete line is not payable as billed, nor one whose row is out of line.
            let at_risk = if code == ProblemCode::Missing || problem.field == WHOLE_ROW {
                line.amount().unwrap_or_default()
            } else {
                Decimal::ZERO
            };
            out.push(
                with_problem(
                    Exception::on_line(info, index, line),
                    problem,
                    "msg-doc-invoice_line",
                )
                .at_risk(at_risk),
            );
        }
    }
    for (index, vehicle) in data.vehicles.iter().enumerate() {
        for problem in of_code(&vehicle.problems, code) {
            out.push(with_problem(
                Exception::on_vehicle(info, index, vehicle),
                problem,
                "msg-doc-vehicle",
            ));
        }
    }
    for (index, price) in data.prices.iter().enumerate() {
        for problem in of_code(&price.problems, code) {
            out.push(with_problem(
                Exception::on_price(info, index, price),
                problem,
                "msg-doc-price",
            ));
        }
    }
}

/// What is billed on a receipt whose amount cannot be read (blank, unreadable or invalid): the
/// receipt backs none of it, as nothing says what was paid at the pump, so all of it is at risk
/// and the lines that bill it are withheld, not paid as supported. (SPEC §4 gives a receipt's
/// UNREADABLE_FIELD its own amount at risk, which is what is missing here, and MISSING_FIELD and
/// INVALID_VALUE none; both would let such a line be paid unchecked.)
fn billed_on(ctx: &Context<'_>, receipt: usize) -> Decimal {
    let links = ctx.links;
    (links.receipt_lines.of(receipt).iter())
        .filter_map(|line| links.line_net_amount(ctx.data, line))
        .filter(|amount| amount.is_sign_positive())
        .sum()
}

impl Rule for MissingField {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<Message> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        raise(ctx, &Self::INFO, ProblemCode::Missing, out);
    }
}

impl Rule for UnreadableField {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<Message> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        raise(ctx, &Self::INFO, ProblemCode::Unreadable, out);
    }
}

impl Rule for InvalidValue {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<Message> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        raise(ctx, &Self::INFO, ProblemCode::Invalid, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::rules::testing::*;

    fn problem(field: &'static str, code: ProblemCode, raw: &str) -> FieldProblem {
        FieldProblem {
            field,
            code,
            raw: raw.into(),
            ty: FieldType::Number,
        }
    }

    #[test]
    fn a_blank_invoice_field_puts_the_line_amount_at_risk() {
        let mut data = dataset();
        let mut l = line("INV1", 1, "R1", "40", "30000");
        l.problems
            .push(problem("vehicle_id", ProblemCode::Missing, ""));
        data.invoice_lines.push(l);
        let found = check(&MissingField, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
        let fr: Lang = "fr".parse().unwrap();
        assert_eq!(
            found[0].message.render(Lang::EN),
            "The invoice line's required field vehicle_id is blank; the invoice line cannot be \
             verified without it."
        );
        assert_eq!(
            found[0].message.render(fr),
            "Le champ obligatoire « véhicule » (ligne de facture) est vide ; la pièce ne peut pas \
             être vérifiée sans lui."
        );
    }

    #[test]
    fn every_field_of_every_input_has_a_name_in_the_messages() {
        for kind in crate::model::DocKind::ALL {
            for spec in crate::load::schema::fields(kind) {
                for lang in Lang::all() {
                    let id = format!("msg-field-name-{}", spec.name);
                    assert!(
                        crate::i18n::try_text(lang, &id, &crate::i18n::Args::new()).is_some(),
                        "{id} is missing from locales/{lang}/rules.ftl"
                    );
                }
            }
        }
    }

    #[test]
    fn an_unreadable_receipt_puts_its_amount_at_risk() {
        let mut data = dataset();
        let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
        r.problems
            .push(problem("legible", ProblemCode::Unreadable, "illisible"));
        data.receipts.push(r);
        let found = check(&UnreadableField, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
    }

    /// A receipt whose amount cannot be read backs nothing: whether the cell is blank,
    /// unreadable or not a number, what is billed on it is at risk, so the line is withheld.
    #[test]
    fn a_receipt_whose_amount_cannot_be_read_puts_what_is_billed_on_it_at_risk() {
        for (rule, code, raw) in [
            (&MissingField as &dyn Rule, ProblemCode::Missing, ""),
            (&UnreadableField, ProblemCode::Unreadable, "?"),
            (&InvalidValue, ProblemCode::Invalid, "12O.00"),
        ] {
            let mut data = dataset();
            let mut r = receipt("R1", "V1", "2020-03-05", "40", "30000");
            r.amount = None;
            r.problems.push(problem("amount", code, raw));
            data.receipts.push(r);
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40", "30000"));
            let found = check(rule, data);
            assert_eq!(found.len(), 1, "{code:?}");
            assert_eq!(found[0].amount_at_risk, d("30000"), "{code:?}");
        }
    }

    #[test]
    fn complete_legible_records_raise_nothing() {
        let complete = || {
            let mut data = dataset();
            data.trips
                .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            data.invoice_lines
                .push(line("INV1", 1, "R1", "40", "30000"));
            data
        };
        for rule in [&MissingField as &dyn Rule, &UnreadableField, &InvalidValue] {
            assert!(check(rule, complete()).is_empty(), "{}", rule.info().code);
        }
    }

    #[test]
    fn an_invalid_value_is_raised_with_its_text_and_a_valid_one_is_not() {
        let mut data = dataset();
        let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), None);
        t.problems
            .push(problem("odometer_in", ProblemCode::Invalid, "2O0"));
        data.trips.push(t);
        let invalid = check(&InvalidValue, data);
        assert_eq!(invalid.len(), 1);
        assert!(invalid[0].message.render(Lang::EN).contains("\"2O0\""));
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        assert!(check(&InvalidValue, data).is_empty());
    }
}
