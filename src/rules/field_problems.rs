//! The three rules on values that could not be read (MISSING_FIELD, UNREADABLE_FIELD,
//! INVALID_VALUE) share one mechanism: the loader notes each problem on its record, and these
//! rules raise one exception per problem.

use super::{Context, Exception, Rule, RuleInfo, declare_rule, say};
use crate::model::{FieldProblem, FieldType, ProblemCode};
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it catches
    /// A required field left blank: a trip ticket without a driver, a receipt without litres,
    /// an invoice line without its invoice number.
    /// ## Why it matters to an auditor
    /// A document with a blank required field cannot be verified; the audit that fuelrecon
    /// answers found most trip tickets incomplete in exactly this way.
    /// ## Example
    /// Receipt R-1042 has no vehicle: nothing says which vehicle took the fuel.
    /// ## Amount at risk
    /// 0, except on an invoice line, where it is the line's amount: an incomplete line is not
    /// payable as billed.
    MissingField, Medium, "a required field is blank"
}

declare_rule! {
    /// ## What it catches
    /// A value marked unreadable (`?`, `illegible`, `illisible`, `###`, a spreadsheet error such
    /// as `#N/A`), or a receipt whose `legible` column says it is not (fully) readable.
    /// ## Why it matters to an auditor
    /// An unreadable receipt supports nothing: the litres, the amount or the vehicle on it
    /// cannot be checked.
    /// ## Example
    /// Receipt R-1042 has `legible = non`; invoice INV-7 line 3 has amount `#VALUE!`.
    /// ## Amount at risk
    /// The receipt's amount, for a receipt; 0 for other documents.
    UnreadableField, Medium, "a field is unreadable, or the receipt is not legible"
}

declare_rule! {
    /// ## What it catches
    /// A value that cannot be read as its type: `12O,5` litres (a letter O), `31/02/2020`.
    /// ## Why it matters to an auditor
    /// The value is kept as written, but no rule can use it, so the document is not verified.
    /// ## Example
    /// Trip T-17 has odometer_in `45 2O0`.
    /// ## Amount at risk
    /// 0.
    InvalidValue, Medium, "a value cannot be parsed as its type"
}

/// A document's name in each language, for messages.
type Named<'n> = (&'n str, &'n str);

fn describe(
    ctx: &Context<'_>,
    problem: &FieldProblem,
    (document, document_fr): Named<'_>,
) -> String {
    let (field, raw) = (problem.field, &problem.raw);
    match problem.code {
        ProblemCode::Missing => say!(
            ctx,
            "The {document}'s required field {field} is blank; the {document} cannot be verified without it.",
            "Le champ obligatoire {field} ({document_fr}) est vide ; le document ne peut pas être vérifié sans lui."
        ),
        ProblemCode::Unreadable if problem.ty == FieldType::Legibility => say!(
            ctx,
            "The {document} is marked \"{raw}\" in the legible column: it is not fully readable, so it supports nothing until a readable copy is provided.",
            "Le document ({document_fr}) est marqué « {raw} » dans la colonne lisible : il n'est pas entièrement lisible et ne justifie rien tant qu'une copie lisible n'est pas fournie."
        ),
        ProblemCode::Unreadable => say!(
            ctx,
            "The {document}'s field {field} is unreadable (\"{raw}\"); a legible value was expected.",
            "Le champ {field} ({document_fr}) est illisible (« {raw} ») ; une valeur lisible était attendue."
        ),
        ProblemCode::Invalid => say!(
            ctx,
            "The {document}'s field {field} holds \"{raw}\", which is not {}.",
            "Le champ {field} ({document_fr}) contient « {raw} », qui n'est pas {}.",
            expected(problem.ty, ctx.french())
        ),
    }
}

/// What a value of a field's type looks like, for the message of an INVALID_VALUE.
fn expected(ty: FieldType, french: bool) -> &'static str {
    use FieldType::*;
    match (ty, french) {
        (Text | Id | IdList | Vendor, false) => "text",
        (Text | Id | IdList | Vendor, true) => "un texte",
        (Date, false) => "a date",
        (Date, true) => "une date",
        (DateTime, false) => "a date, with or without a time",
        (DateTime, true) => "une date, avec ou sans heure",
        (Time, false) => "a time of day",
        (Time, true) => "une heure",
        (Number, false) => "a number",
        (Number, true) => "un nombre",
        (Integer, false) => "a whole number",
        (Integer, true) => "un nombre entier",
        (Fuel, false) => "a fuel type",
        (Fuel, true) => "un type de carburant",
        (Legibility, false) => "yes, no or partial",
        (Legibility, true) => "oui, non ou partiel",
    }
}

fn with_problem(
    ctx: &Context<'_>,
    exception: Exception,
    problem: &FieldProblem,
    document: Named<'_>,
) -> Exception {
    exception
        .message(describe(ctx, problem, document))
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
                ctx,
                Exception::on_trip(info, index, trip),
                problem,
                ("trip ticket", "feuille de route"),
            ));
        }
    }
    for (index, receipt) in data.receipts.iter().enumerate() {
        for problem in of_code(&receipt.problems, code) {
            let at_risk = match code {
                ProblemCode::Unreadable => receipt.amount.unwrap_or_default(),
                _ => Decimal::ZERO,
            };
            out.push(
                with_problem(
                    ctx,
                    Exception::on_receipt(info, index, receipt),
                    problem,
                    ("receipt", "reçu"),
                )
                .at_risk(at_risk),
            );
        }
    }
    for (index, line) in data.invoice_lines.iter().enumerate() {
        for problem in of_code(&line.problems, code) {
            let at_risk = match code {
                ProblemCode::Missing => line.amount.unwrap_or_default(),
                _ => Decimal::ZERO,
            };
            out.push(
                with_problem(
                    ctx,
                    Exception::on_line(info, index, line),
                    problem,
                    ("invoice line", "ligne de facture"),
                )
                .at_risk(at_risk),
            );
        }
    }
    for (index, vehicle) in data.vehicles.iter().enumerate() {
        for problem in of_code(&vehicle.problems, code) {
            out.push(with_problem(
                ctx,
                Exception::on_vehicle(info, index, vehicle),
                problem,
                ("vehicle record", "fiche véhicule"),
            ));
        }
    }
    for (index, price) in data.prices.iter().enumerate() {
        for problem in of_code(&price.problems, code) {
            out.push(with_problem(
                ctx,
                Exception::on_price(info, index, price),
                problem,
                ("contract price", "prix contractuel"),
            ));
        }
    }
}

impl Rule for MissingField {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<String> {
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

    fn missing_data(&self, _: &Context<'_>) -> Option<String> {
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

    fn missing_data(&self, _: &Context<'_>) -> Option<String> {
        None
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        raise(ctx, &Self::INFO, ProblemCode::Invalid, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(found[0].message.contains("vehicle_id"));
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
        assert!(invalid[0].message.contains("\"2O0\""));
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        assert!(check(&InvalidValue, data).is_empty());
    }
}
