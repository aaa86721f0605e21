//! Stage 5, audit sampling (SPEC §7): plan, select, evaluate — the three steps of an audit
//! sample, read from a finished report folder and written beside it.
//!
//! - [`population`] reads the report folder: the items to sample (exceptions, trips, receipts
//!   or invoice lines), in a canonical order, each with the documents linked to it.
//! - [`plan`] computes statistical sample sizes (binomial for attributes, Poisson for monetary
//!   units); [`draw`] turns a [`Request`] into a [`Plan`] and the selected items.
//! - [`select`] picks items with a named, portable generator (ChaCha20 from a u64 seed).
//! - [`sheet`] writes and reads back sample.csv (each row hashed with the plan, so that an
//!   edited item is caught) and its sidecar sample.json (the plan evaluation works from).
//! - [`evaluate`] bounds the deviation rate or the misstatement from the tested sample.
//! - [`workpaper`] is the view the sample and evaluation pages render.
//!
//! Nothing here holds words: the pages and command-line messages take them from the catalogue.

pub mod evaluate;
pub mod folder;
pub mod plan;
pub mod population;
pub mod select;
pub mod sheet;
pub mod workpaper;

use plan::PlanError;
use population::{Filter, Item, PopulationError, PopulationKind, Report};
use rust_decimal::Decimal;
use select::{Draws, SelectError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error(transparent)]
    Population(#[from] PopulationError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(
        "trips carry litres, not money: monetary-unit sampling needs amounts; sample trips with --method random"
    )]
    MusOnTrips,
    #[error(
        "give --size N, or --tolerable (with --confidence and --expected-errors) to plan the size"
    )]
    NoSize,
    #[error("--size must be at least 1")]
    ZeroSize,
    #[error("--confidence {0:?} is not a number between 0 and 1 (e.g. 0.95)")]
    Confidence(String),
    #[error("--tolerable {0:?} is not a rate (0.05 or 5%) for attribute sampling")]
    TolerableRate(String),
    #[error("--tolerable {0:?} is not an amount (25000) or a share of the population's value (5%)")]
    TolerableAmount(String),
    #[error("the population is empty: {0} in the report match the options; nothing to sample")]
    EmptyPopulation(&'static str),
}

/// How items are picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Simple random sampling without replacement; evaluated as an attribute sample.
    Random,
    /// Monetary-unit sampling: probability proportional to amount, systematic from a random
    /// start.
    Mus,
}

/// What the auditor asked for, as given on the command line.
#[derive(Clone, Debug)]
pub struct Request {
    pub population: PopulationKind,
    pub filter: Filter,
    pub method: Method,
    pub size: Option<u64>,
    /// As typed, e.g. `0.95`: kept as text so the plan records exactly what was asked.
    pub confidence: String,
    pub tolerable: Option<String>,
    pub expected_errors: u64,
    pub seed: u64,
}

/// How the size was arrived at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// `--size N`.
    Fixed,
    /// Binomial: the smallest n with P(X ≤ K; n, T) ≤ 1 − confidence.
    Attribute,
    /// Poisson: the smallest n with P(X ≤ K; n × TM ÷ value) ≤ 1 − confidence.
    Monetary,
}

/// What was sampled: the report file, the filter, how many items and their value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationSummary {
    pub kind: PopulationKind,
    pub file: String,
    /// SHA-256 of the report file the items were read from, so the population can be proved.
    pub file_sha256: String,
    pub filter: Filter,
    pub count: usize,
    /// Money; litres for trips.
    pub value: Decimal,
    /// Items of zero or negative value, which monetary-unit sampling cannot select.
    pub not_selectable: usize,
}

/// Everything about a drawn sample that its evaluation needs; stored in sample.json and
/// hashed into every row of sample.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The report's language, for the pages evaluate writes.
    pub lang: String,
    pub population: PopulationSummary,
    pub method: Method,
    pub basis: Basis,
    /// The planned n (selection points for monetary units).
    pub size: u64,
    pub confidence: Decimal,
    /// A rate for attribute samples.
    pub tolerable_rate: Option<Decimal>,
    /// An amount for monetary-unit samples.
    pub tolerable_amount: Option<Decimal>,
    /// As typed (`5%`), when it differs from the resolved value.
    pub tolerable_written: Option<String>,
    pub expected_errors: u64,
    /// The Poisson factor for K misstatements (monetary units), to 4 decimals.
    pub factor: Option<Decimal>,
    /// Value ÷ size (monetary units).
    pub interval: Option<Decimal>,
    /// The planned size reached the whole population: every item is taken.
    pub census: bool,
    pub seed: u64,
}

impl Plan {
    pub fn confidence_f64(&self) -> f64 {
        to_f64(self.confidence)
    }

    /// A stable digest of the plan, mixed into every row's hash.
    pub fn digest(&self) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        hex(&Sha256::digest(&bytes))
    }
}

/// Statistics run in f64; the text round-trip is the exact conversion.
pub(crate) fn to_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(f64::NAN)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a selected item came to be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Selection {
    /// Drawn at random.
    Random,
    /// Under a monetary-unit selection point.
    Unit,
    /// Worth at least the interval: taken whatever the start.
    Certain,
}

impl Selection {
    pub fn as_str(self) -> &'static str {
        match self {
            Selection::Random => "random",
            Selection::Unit => "unit",
            Selection::Certain => "certain",
        }
    }

    pub fn parse(text: &str) -> Option<Selection> {
        [Selection::Random, Selection::Unit, Selection::Certain]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One selected item.
#[derive(Clone, Debug, PartialEq)]
pub struct Selected {
    /// 1-based, in population order.
    pub row: usize,
    pub selection: Selection,
    /// Selection points on the item (monetary units); 1 for random.
    pub points: u64,
    pub item: Item,
}

/// A drawn sample (or, with `plan_only`, its plan alone).
#[derive(Clone, Debug)]
pub struct Sample {
    pub plan: Plan,
    pub selected: Vec<Selected>,
}

fn parse_confidence(text: &str) -> Result<Decimal, SampleError> {
    let bad = || SampleError::Confidence(text.to_string());
    let value = percent_or_number(text).ok_or_else(bad)?;
    if value > Decimal::ZERO && value < Decimal::ONE {
        Ok(value)
    } else {
        Err(bad())
    }
}

/// `0.05` or `5%` as the rate 0.05.
fn percent_or_number(text: &str) -> Option<Decimal> {
    let text = text.trim();
    match text.strip_suffix('%') {
        Some(percent) => Decimal::from_str_exact(percent.trim())
            .ok()
            .map(|p| p / Decimal::ONE_HUNDRED),
        None => Decimal::from_str_exact(text).ok(),
    }
}

/// Plans the sample from the report and the request, and (unless `plan_only`) draws it.
pub fn draw(report: &Report, request: &Request, plan_only: bool) -> Result<Sample, SampleError> {
    let kind = request.population;
    if request.method == Method::Mus && !kind.has_money() {
        return Err(SampleError::MusOnTrips);
    }
    let items = report.population(kind, &request.filter)?;
    if items.is_empty() {
        return Err(SampleError::EmptyPopulation(kind.as_str()));
    }
    let file_bytes = std::fs::read(report.folder.join(kind.file())).unwrap_or_default();
    let not_selectable = match request.method {
        Method::Mus => items.iter().filter(|i| i.value <= Decimal::ZERO).count(),
        Method::Random => 0,
    };
    let value: Decimal = items
        .iter()
        .map(|i| match request.method {
            Method::Mus => i.value.max(Decimal::ZERO),
            Method::Random => i.value,
        })
        .sum();
    let confidence = parse_confidence(&request.confidence)?;
    let mut plan = Plan {
        lang: report.lang.clone(),
        population: PopulationSummary {
            kind,
            file: kind.file().to_string(),
            file_sha256: hex(&Sha256::digest(&file_bytes)),
            filter: request.filter.clone(),
            count: items.len(),
            value,
            not_selectable,
        },
        method: request.method,
        basis: Basis::Fixed,
        size: 0,
        confidence,
        tolerable_rate: None,
        tolerable_amount: None,
        tolerable_written: None,
        expected_errors: request.expected_errors,
        factor: None,
        interval: None,
        census: false,
        seed: request.seed,
    };
    resolve_tolerable(&mut plan, request.tolerable.as_deref())?;
    plan.size = match (request.size, request.method) {
        (Some(0), _) => return Err(SampleError::ZeroSize),
        (Some(n), _) => n,
        (None, Method::Random) => {
            let rate = plan.tolerable_rate.ok_or(SampleError::NoSize)?;
            plan.basis = Basis::Attribute;
            plan::attribute_size(to_f64(confidence), to_f64(rate), request.expected_errors)?
        }
        (None, Method::Mus) => {
            let amount = plan.tolerable_amount.ok_or(SampleError::NoSize)?;
            plan.basis = Basis::Monetary;
            plan::monetary_size(to_f64(confidence), amount, value, request.expected_errors)?
        }
    };
    if plan.basis == Basis::Monetary {
        let factor = plan::poisson_factor(request.expected_errors, to_f64(confidence));
        plan.factor = Decimal::from_f64_retain(factor).map(|f| f.round_dp(4));
    }
    match request.method {
        Method::Random => plan.census = plan.size >= items.len() as u64,
        Method::Mus => {
            if value <= Decimal::ZERO {
                return Err(SelectError::NoValue.into());
            }
            plan.interval = Some((value / Decimal::from(plan.size)).round_dp(4));
        }
    }
    let selected = if plan_only {
        Vec::new()
    } else {
        select_items(&plan, items)?
    };
    Ok(Sample { plan, selected })
}

fn resolve_tolerable(plan: &mut Plan, written: Option<&str>) -> Result<(), SampleError> {
    let Some(written) = written else {
        return Ok(());
    };
    let is_percent = written.trim().ends_with('%');
    match plan.method {
        Method::Random => {
            let rate = percent_or_number(written)
                .filter(|r| *r > Decimal::ZERO && *r < Decimal::ONE)
                .ok_or_else(|| SampleError::TolerableRate(written.to_string()))?;
            plan.tolerable_rate = Some(rate);
        }
        Method::Mus => {
            let bad = || SampleError::TolerableAmount(written.to_string());
            let amount = if is_percent {
                let share = percent_or_number(written).ok_or_else(bad)?;
                (plan.population.value * share).round_dp(2)
            } else {
                Decimal::from_str_exact(written.trim()).map_err(|_| bad())?
            };
            if amount <= Decimal::ZERO {
                return Err(bad());
            }
            plan.tolerable_amount = Some(amount);
        }
    }
    if is_percent {
        plan.tolerable_written = Some(written.trim().to_string());
    }
    Ok(())
}

fn select_items(plan: &Plan, items: Vec<Item>) -> Result<Vec<Selected>, SampleError> {
    let mut draws = Draws::from_seed(plan.seed);
    let picks: Vec<(usize, Selection, u64)> = match plan.method {
        Method::Random => select::random(items.len(), plan.size as usize, &mut draws)
            .into_iter()
            .map(|p| (p, Selection::Random, 1))
            .collect(),
        Method::Mus => {
            let values: Vec<Decimal> = items.iter().map(|i| i.value).collect();
            select::monetary(&values, plan.size, &mut draws)?
                .into_iter()
                .map(|hit| {
                    let selection = if hit.certain {
                        Selection::Certain
                    } else {
                        Selection::Unit
                    };
                    (hit.position, selection, hit.points)
                })
                .collect()
        }
    };
    let mut items: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    Ok(picks
        .into_iter()
        .enumerate()
        .filter_map(|(i, (position, selection, points))| {
            items[position].take().map(|item| Selected {
                row: i + 1,
                selection,
                points,
                item,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests;
