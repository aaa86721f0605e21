//! The views the sample and evaluation pages render (templates/sample.html.tera and
//! templates/evaluation.html.tera): plain data, with the catalogue ids of the labels they
//! show, so a template never builds an id from a field name it does not know.

use super::evaluate::{MonetaryEvaluation, stringer, upper_deviation_limit};
use super::population::Linked;
use super::sheet::{Filled, Tested};
use super::{Basis, Method, Plan, Sample, Selected, Selection, to_f64};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Serialize;

/// A field as the page shows it: its label's catalogue id and its value (or the catalogue id
/// of its value, for closed sets like severity).
#[derive(Debug, Serialize)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    pub value_id: Option<String>,
}

/// The catalogue id of a field's label: the shared `field-…` labels of the input documents,
/// and this area's own for the report's columns.
fn label(name: &str) -> Option<&'static str> {
    Some(match name {
        "trip_id" => "field-trip_id",
        "vehicle_id" => "field-vehicle_id",
        "driver" => "field-driver",
        "date_out" => "field-date_out",
        "date_in" => "field-date_in",
        "odometer_out" => "field-odometer_out",
        "odometer_in" => "field-odometer_in",
        "fuel_litres" => "field-fuel_litres",
        "voucher_no" => "field-voucher_no",
        "receipt_no" => "field-receipt_no",
        "date" | "fill_date" => "field-date",
        "vendor" => "field-vendor",
        "fuel_type" => "field-fuel_type",
        "litres" => "field-litres",
        "unit_price" => "field-unit_price",
        "amount" => "field-amount",
        "invoice_no" => "field-invoice_no",
        "invoice_date" => "field-invoice_date",
        "line_no" | "invoice_line" => "field-line_no",
        "billed" => "sample-field-billed",
        "status" => "sample-field-status",
        "id" => "sample-field-id",
        "code" => "sample-field-code",
        "severity" => "severity",
        "document" => "document",
        "amount_at_risk" => "sample-field-amount_at_risk",
        _ => return None,
    })
}

/// The fields an item of the population shows of itself (its linked documents show theirs).
const EXCEPTION_FIELDS: [&str; 12] = [
    "id",
    "code",
    "severity",
    "document",
    "vendor",
    "invoice_no",
    "invoice_line",
    "receipt_no",
    "trip_id",
    "vehicle_id",
    "driver",
    "date",
];

fn fields<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Field> {
    pairs
        .filter(|(_, value)| !value.is_empty())
        .filter_map(|(name, value)| {
            label(name).map(|label| Field {
                label,
                value: value.to_string(),
                value_id: match name {
                    "severity" => Some(format!("severity-{value}")),
                    "document" => Some(format!("document-{value}")),
                    _ => None,
                },
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct LinkedView {
    /// `document-receipt`…
    pub document: String,
    pub source: String,
    pub fields: Vec<Field>,
}

fn linked_view(linked: &Linked) -> LinkedView {
    LinkedView {
        document: format!("document-{}", linked.document.as_str()),
        source: linked.source.clone(),
        fields: fields(linked.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
    }
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub row: usize,
    /// `sample-selection-random|unit|certain`.
    pub selection: String,
    pub points: u64,
    pub source: String,
    pub value: Decimal,
    pub fields: Vec<Field>,
    pub message: String,
    /// The exception's evidence, key by key (keys are the rule's own names).
    pub evidence: Vec<Evidence>,
    pub linked: Vec<LinkedView>,
}

fn row_view(selected: &Selected, exception: bool) -> RowView {
    let item = &selected.item;
    let own: Vec<(&str, &str)> = if exception {
        EXCEPTION_FIELDS
            .iter()
            .map(|f| (*f, item.field(f)))
            .collect()
    } else {
        item.fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    };
    let evidence =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(item.field("evidence"))
            .map(|map| {
                map.into_iter()
                    .map(|(name, v)| Evidence {
                        name,
                        value: match v {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
    RowView {
        row: selected.row,
        selection: selection_id(selected.selection),
        points: selected.points,
        source: item.source.clone(),
        value: item.value,
        fields: fields(own.into_iter()),
        message: item.field("message").to_string(),
        evidence,
        linked: item.linked.iter().map(linked_view).collect(),
    }
}

fn selection_id(selection: Selection) -> String {
    format!("sample-selection-{}", selection.as_str())
}

/// The plan as the pages show it.
#[derive(Debug, Serialize)]
pub struct PlanView {
    /// `sample-population-exceptions`…
    pub population: String,
    pub file: String,
    pub file_sha256: String,
    pub codes: String,
    pub min_severity: Option<String>,
    pub count: usize,
    pub value: Decimal,
    /// Trips are valued in litres.
    pub litres: bool,
    pub not_selectable: usize,
    pub method: String,
    pub basis: String,
    pub size: u64,
    pub confidence_percent: Decimal,
    pub tolerable_rate_percent: Option<Decimal>,
    pub tolerable_amount: Option<Decimal>,
    pub tolerable_written: Option<String>,
    pub expected_errors: u64,
    pub factor: Option<Decimal>,
    pub interval: Option<Decimal>,
    pub census: bool,
    pub seed: String,
}

pub fn plan_view(plan: &Plan) -> PlanView {
    let population = &plan.population;
    PlanView {
        population: format!("sample-population-{}", population.kind.as_str()),
        file: population.file.clone(),
        file_sha256: population.file_sha256.clone(),
        codes: population.filter.codes.join(", "),
        min_severity: population
            .filter
            .min_severity
            .as_ref()
            .map(|s| format!("severity-{s}")),
        count: population.count,
        value: population.value,
        litres: !population.kind.has_money(),
        not_selectable: population.not_selectable,
        method: format!(
            "sample-method-{}",
            match plan.method {
                Method::Random => "random",
                Method::Mus => "mus",
            }
        ),
        basis: format!(
            "sample-basis-{}",
            match plan.basis {
                Basis::Fixed => "fixed",
                Basis::Attribute => "attribute",
                Basis::Monetary => "monetary",
            }
        ),
        size: plan.size,
        confidence_percent: plan.confidence * Decimal::ONE_HUNDRED,
        tolerable_rate_percent: plan.tolerable_rate.map(|r| r * Decimal::ONE_HUNDRED),
        tolerable_amount: plan.tolerable_amount,
        tolerable_written: plan.tolerable_written.clone(),
        expected_errors: plan.expected_errors,
        factor: plan.factor,
        interval: plan.interval,
        census: plan.census,
        // Text: a u64 seed may be beyond what a page's numbers keep exactly.
        seed: plan.seed.to_string(),
    }
}

/// sample.html's view.
#[derive(Debug, Serialize)]
pub struct SampleView {
    pub plan: PlanView,
    pub selected: usize,
    pub exceptions: bool,
    pub rows: Vec<RowView>,
}

pub fn sample_view(sample: &Sample) -> SampleView {
    let exceptions = sample.plan.population.kind == super::population::PopulationKind::Exceptions;
    SampleView {
        plan: plan_view(&sample.plan),
        selected: sample.selected.len(),
        exceptions,
        rows: sample
            .selected
            .iter()
            .map(|s| row_view(s, exceptions))
            .collect(),
    }
}

/// What the sample allows the auditor to conclude.
#[derive(Debug, Serialize)]
pub struct Conclusion {
    pub size: usize,
    pub deviations: usize,
    /// Attribute samples: the upper deviation limit, as a percentage to two decimals.
    pub upper_rate_percent: Option<Decimal>,
    /// Monetary-unit samples: the Stringer bound's pieces.
    pub monetary: Option<MonetaryView>,
    /// `Some(true)` accept, `Some(false)` do not; `None` when no tolerable was planned.
    pub accept: Option<bool>,
}

/// One ranked tainting and what it adds to the limit.
#[derive(Debug, Serialize)]
pub struct Tainting {
    pub percent: Decimal,
    pub allowance: Decimal,
}

#[derive(Debug, Serialize)]
pub struct MonetaryView {
    pub basic_precision: Decimal,
    pub taintings: Vec<Tainting>,
    pub projected: Decimal,
    pub certain_misstatement: Decimal,
    pub projected_understatement: Decimal,
    pub upper_limit: Decimal,
}

fn monetary_view(result: MonetaryEvaluation) -> MonetaryView {
    MonetaryView {
        basic_precision: result.basic_precision,
        taintings: result
            .taintings
            .into_iter()
            .map(|t| t * Decimal::ONE_HUNDRED)
            .zip(result.increments)
            .map(|(percent, allowance)| Tainting { percent, allowance })
            .collect(),
        projected: result.projected,
        certain_misstatement: result.certain_misstatement,
        projected_understatement: result.projected_understatement,
        upper_limit: result.upper_limit,
    }
}

/// Evaluates a filled-in sample.
pub fn conclude(filled: &Filled) -> Conclusion {
    let plan = &filled.plan;
    let confidence = to_f64(plan.confidence);
    let deviations = filled.rows.iter().filter(|r| r.deviation).count();
    match plan.method {
        Method::Random => {
            let limit =
                upper_deviation_limit(filled.rows.len() as u64, deviations as u64, confidence);
            Conclusion {
                size: filled.rows.len(),
                deviations,
                upper_rate_percent: Decimal::from_f64(limit * 100.0).map(|d| d.round_dp(2)),
                monetary: None,
                accept: plan.tolerable_rate.map(|t| limit <= to_f64(t)),
            }
        }
        Method::Mus => {
            let tested: Vec<super::evaluate::Tested> = filled
                .rows
                .iter()
                .map(|r: &Tested| super::evaluate::Tested {
                    book: r.book_value,
                    audited: r.audited,
                    certain: r.selection == Selection::Certain,
                })
                .collect();
            let result = stringer(plan.interval.unwrap_or_default(), confidence, &tested);
            let accept = plan.tolerable_amount.map(|t| result.upper_limit <= t);
            Conclusion {
                size: filled.rows.len(),
                deviations,
                upper_rate_percent: None,
                monetary: Some(monetary_view(result)),
                accept,
            }
        }
    }
}

/// evaluation.html's view: the plan, the conclusion and the rows as tested.
#[derive(Debug, Serialize)]
pub struct EvaluationView {
    pub plan: PlanView,
    pub conclusion: Conclusion,
    pub rows: Vec<TestedView>,
}

#[derive(Debug, Serialize)]
pub struct TestedView {
    pub row: usize,
    pub selection: String,
    pub source: String,
    pub book_value: Decimal,
    pub deviation: bool,
    pub audited: Decimal,
    pub note: String,
}

pub fn evaluation_view(filled: &Filled, conclusion: Conclusion) -> EvaluationView {
    EvaluationView {
        plan: plan_view(&filled.plan),
        conclusion,
        rows: filled
            .rows
            .iter()
            .map(|r| TestedView {
                row: r.row,
                selection: selection_id(r.selection),
                source: r
                    .columns
                    .iter()
                    .find(|(k, _)| k == "source")
                    .map_or_else(String::new, |(_, v)| v.clone()),
                book_value: r.book_value,
                deviation: r.deviation,
                audited: r.audited,
                note: r.note.clone(),
            })
            .collect(),
    }
}
