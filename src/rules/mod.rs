//! Stage 3, rules: the exception catalogue of SPEC §4.
//!
//! Each rule lives in its own file, named after what it catches, with a stable code, a severity
//! and a manual in its doc comment (printed by `fuelrecon rules CODE`). [`REGISTRY`] lists each
//! rule once; [`run`] runs those whose data the run has and says why the others did not run.

mod code;
mod exception;

mod amount_mismatch;
mod arithmetic_error;
mod billed_twice;
mod billed_without_receipt;
mod consumption_outlier;
mod duplicate_document;
mod field_problems;
mod fuel_type_mismatch;
mod multiple_fills;
mod odometer_gap;
mod odometer_inconsistent;
mod off_hours_fill;
mod possible_duplicate;
mod price_above_contract;
mod quantity_mismatch;
mod receipt_not_billed;
mod receipt_outside_trip;
mod receipt_without_trip;
mod tank_capacity_exceeded;
mod trip_without_receipt;
mod vehicle_mismatch;
mod voucher_sequence_gap;

pub use code::Code;
pub use exception::{Evidence, Exception, Target};
pub use trip_without_receipt::requires_receipt;

use crate::config::Config;
use crate::link::Links;
use crate::model::{Dataset, DocKind, InvoiceLine, Receipt, Vehicle};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// How much an exception matters; `--fail-on` compares against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// What the catalogue says of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: Code,
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's doc comment: what it catches, why it matters, an example, the amount at risk.
    pub manual: &'static str,
}

/// A rule: it knows what data it needs, and checks it.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;

    /// Why the rule cannot run on this run's data, if it cannot.
    fn missing_data(&self, ctx: &Context<'_>) -> Option<String>;

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>);
}

/// Declares a rule's type and catalogue entry; the doc comment becomes its manual, and the
/// type's name is its code's variant.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $name:ident, $severity:ident, $summary:literal) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                code: $crate::rules::Code::$name,
                severity: $crate::rules::Severity::$severity,
                summary: $summary,
                manual: concat!($($doc, "\n"),+),
            };
        }
    };
}
pub(crate) use declare_rule;

/// A message in the report's language: `say!(ctx, "english {}", "français {}", args…)` formats
/// only the one that is used.
macro_rules! say {
    ($ctx:expr, $english:literal, $french:literal $(, $arg:expr)* $(,)?) => {
        if $ctx.french() {
            format!($french $(, $arg)*)
        } else {
            format!($english $(, $arg)*)
        }
    };
}
pub(crate) use say;

/// Every rule, once, in catalogue order.
pub static REGISTRY: &[&dyn Rule] = &[
    &field_problems::MissingField,
    &field_problems::UnreadableField,
    &field_problems::InvalidValue,
    &duplicate_document::DuplicateDocument,
    &trip_without_receipt::TripWithoutReceipt,
    &receipt_without_trip::ReceiptWithoutTrip,
    &billed_without_receipt::BilledWithoutReceipt,
    &billed_twice::BilledTwice,
    &amount_mismatch::AmountMismatch,
    &quantity_mismatch::QuantityMismatch,
    &price_above_contract::PriceAboveContract,
    &arithmetic_error::ArithmeticError,
    &receipt_not_billed::ReceiptNotBilled,
    &tank_capacity_exceeded::TankCapacityExceeded,
    &consumption_outlier::ConsumptionOutlier,
    &odometer_inconsistent::OdometerInconsistent,
    &odometer_gap::OdometerGap,
    &fuel_type_mismatch::FuelTypeMismatch,
    &receipt_outside_trip::ReceiptOutsideTrip,
    &vehicle_mismatch::VehicleMismatch,
    &multiple_fills::MultipleFills,
    &possible_duplicate::PossibleDuplicate,
    &off_hours_fill::OffHoursFill,
    &voucher_sequence_gap::VoucherSequenceGap,
];

/// Looks a rule up by code, case-insensitively.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    let code = Code::parse(code)?;
    REGISTRY.iter().copied().find(|r| r.info().code == code)
}

/// What the rules see: the data, the links, the settings, and facts derived once.
pub struct Context<'a> {
    pub data: &'a Dataset,
    pub links: &'a Links,
    pub config: &'a Config,
    /// Each vehicle id's record, by its index in the fleet list.
    vehicles: HashMap<&'a str, usize>,
    french: bool,
    average_price: Option<Decimal>,
    money_scale: u32,
}

/// The largest number of decimals money is given in that the tolerance follows; more is float
/// noise from a spreadsheet (`1679.5449999999998`).
const MAX_MONEY_SCALE: u32 = 3;

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, links: &'a Links, config: &'a Config) -> Context<'a> {
        let mut vehicles = HashMap::new();
        for (index, vehicle) in data.vehicles.iter().enumerate() {
            if let Some(id) = &vehicle.vehicle_id {
                vehicles.entry(id.key()).or_insert(index);
            }
        }
        let amounts = data
            .receipts
            .iter()
            .map(|r| r.amount)
            .chain(data.invoice_lines.iter().map(|l| l.amount))
            .flatten();
        let money_scale = amounts
            .map(|a| a.normalize().scale())
            .max()
            .unwrap_or(0)
            .min(MAX_MONEY_SCALE);
        let average = |pairs: &mut dyn Iterator<Item = (Option<Decimal>, Option<Decimal>)>| {
            let (mut amount, mut litres) = (Decimal::ZERO, Decimal::ZERO);
            for (a, l) in pairs {
                if let (Some(a), Some(l)) = (a, l)
                    && l > Decimal::ZERO
                {
                    amount += a;
                    litres += l;
                }
            }
            (litres > Decimal::ZERO)
                .then(|| amount.checked_div(litres))
                .flatten()
        };
        let average_price = average(&mut data.receipts.iter().map(|r| (r.amount, r.litres)))
            .or_else(|| average(&mut data.invoice_lines.iter().map(|l| (l.amount, l.litres))));
        Context {
            data,
            links,
            config,
            vehicles,
            french: config.lang.is_some_and(|lang| lang.code() == "fr"),
            average_price,
            money_scale,
        }
    }

    /// Whether messages are written in French (`--lang fr`).
    pub fn french(&self) -> bool {
        self.french
    }

    /// A reason when any of `kinds` was not given.
    pub fn lacks(&self, kinds: &[DocKind]) -> Option<String> {
        let missing: Vec<&str> = kinds
            .iter()
            .filter(|k| !self.data.has(**k))
            .map(|k| k.as_str())
            .collect();
        (!missing.is_empty()).then(|| format!("no {} file was given", missing.join(" or ")))
    }

    /// The fleet record of a vehicle id, if the vehicles file lists it.
    pub fn vehicle(&self, id: &Option<crate::model::Ident>) -> Option<&'a Vehicle> {
        id.as_ref().and_then(|id| self.vehicle_by_key(id.key()))
    }

    /// The vehicle an invoice line is for: its own, else that of the receipt it bills.
    pub fn line_vehicle(&self, index: usize) -> &'a Option<crate::model::Ident> {
        self.links.line_vehicle(self.data, index)
    }

    pub fn vehicle_by_key(&self, key: &str) -> Option<&'a Vehicle> {
        self.vehicle_entry(key).map(|(_, vehicle)| vehicle)
    }

    /// A vehicle's record and its index in the fleet list.
    pub fn vehicle_entry(&self, key: &str) -> Option<(usize, &'a Vehicle)> {
        let index = *self.vehicles.get(key)?;
        Some((index, &self.data.vehicles[index]))
    }

    /// The average price per litre over all receipts (or invoice lines, with no receipts).
    pub fn average_price(&self) -> Option<Decimal> {
        self.average_price
    }

    /// `quantity × price` as money at risk. Beyond what a decimal holds it is no sum anyone
    /// billed, and is reported as 0 (the exception still stands, with its evidence).
    pub fn money_of(&self, quantity: Decimal, price: Decimal) -> Decimal {
        quantity
            .checked_mul(price)
            .map_or(Decimal::ZERO, |m| self.money(m))
    }

    /// Rounds money to the decimals the data uses, halves away from zero as invoices do.
    pub fn money(&self, amount: Decimal) -> Decimal {
        let mut rounded = amount.round_dp_with_strategy(
            self.money_scale,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        rounded.rescale(self.money_scale);
        rounded
    }

    /// Two amounts differ when they differ by more than this: `amount_tolerance` percent of the
    /// larger, and at least one unit of the smallest denomination the data uses.
    pub fn amount_tolerance(&self, vendor_key: Option<&str>, a: Decimal, b: Decimal) -> Decimal {
        let percent = vendor_key
            .and_then(|v| self.config.vendors.get(v))
            .and_then(|o| o.amount_tolerance)
            .unwrap_or(self.config.rules.amount_tolerance);
        let floor = self
            .config
            .rules
            .amount_tolerance_min
            .unwrap_or_else(|| Decimal::new(1, self.money_scale));
        let relative = a
            .abs()
            .max(b.abs())
            .checked_mul(percent / Decimal::ONE_HUNDRED);
        relative.unwrap_or(Decimal::MAX).max(floor)
    }

    pub fn litres_tolerance(&self, vendor_key: Option<&str>) -> Decimal {
        match vendor_key {
            Some(v) => crate::link::litres_tolerance(self.config, v),
            None => self.config.rules.litres_tolerance,
        }
    }

    pub fn price_tolerance(&self, vendor_key: Option<&str>) -> Decimal {
        vendor_key
            .and_then(|v| self.config.vendors.get(v))
            .and_then(|o| o.price_tolerance)
            .unwrap_or(self.config.rules.price_tolerance)
    }
}

/// An optional value as a message shows it: its text, or `missing` (`"(no number)"`).
pub fn shown<T: std::fmt::Display>(value: &Option<T>, missing: &str) -> String {
    value
        .as_ref()
        .map_or_else(|| missing.to_string(), ToString::to_string)
}

/// The price per litre a record charged: its unit price, else amount ÷ litres.
pub fn price_per_litre(
    unit_price: Option<Decimal>,
    amount: Option<Decimal>,
    litres: Option<Decimal>,
) -> Option<Decimal> {
    unit_price.or_else(|| match (amount, litres) {
        (Some(a), Some(l)) if l > Decimal::ZERO => a.checked_div(l),
        _ => None,
    })
}

pub fn receipt_price(receipt: &Receipt) -> Option<Decimal> {
    price_per_litre(receipt.unit_price, receipt.amount, receipt.litres)
}

pub fn line_price(line: &InvoiceLine) -> Option<Decimal> {
    price_per_litre(line.unit_price, line.amount, line.litres)
}

/// A rule that did not run, and why.
#[derive(Clone, Debug, Serialize)]
pub struct NotRun {
    pub code: Code,
    pub reason: String,
}

/// What the rules found.
#[derive(Debug, Default)]
pub struct Findings {
    pub exceptions: Vec<Exception>,
    pub not_run: Vec<NotRun>,
}

/// Runs every rule that has its data, and puts the exceptions in an order that depends only on
/// their content.
pub fn run(ctx: &Context<'_>) -> Findings {
    let mut findings = Findings::default();
    for rule in REGISTRY {
        match rule.missing_data(ctx) {
            Some(reason) => findings.not_run.push(NotRun {
                code: rule.info().code,
                reason,
            }),
            None => rule.check(ctx, &mut findings.exceptions),
        }
    }
    findings.exceptions.sort_by(|a, b| order(a).cmp(&order(b)));
    findings
}

type Order<'e> = (
    std::cmp::Reverse<Severity>,
    &'e str,
    Option<&'e str>,
    Option<&'e str>,
    Option<u32>,
    Option<&'e str>,
    Option<&'e str>,
    Option<&'e str>,
    Option<chrono::NaiveDate>,
    &'e str,
    &'e str,
);

fn order(e: &Exception) -> Order<'_> {
    (
        std::cmp::Reverse(e.severity),
        e.code.as_str(),
        e.vendor.as_deref(),
        e.invoice_no.as_deref(),
        e.invoice_line,
        e.receipt_no.as_deref(),
        e.trip_id.as_deref(),
        e.vehicle_id.as_deref(),
        e.date,
        &e.message,
        &e.source,
    )
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod firing;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_match_the_spec() {
        let registered: Vec<Code> = REGISTRY.iter().map(|r| r.info().code).collect();
        let unique: HashSet<Code> = registered.iter().copied().collect();
        assert_eq!(unique.len(), REGISTRY.len(), "a rule is registered twice");
        assert_eq!(
            registered,
            Code::ALL,
            "the registry lists every code once, in order"
        );
        // SPEC §4's table, in its order; the codes of open issues are named as pending so that
        // the day one lands, this list is where it is checked off.
        let pending = [
            "NON_FUEL_PURCHASE",
            "DATE_OUT_OF_PERIOD",
            "UNMATCHED_CREDIT",
            "RECEIPT_ALREADY_PAID",
        ];
        let spec: Vec<&str> = SPEC_CODES
            .iter()
            .copied()
            .filter(|c| !pending.contains(c))
            .collect();
        let mut ours: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut expected = spec.clone();
        ours.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ours, expected);
        for code in Code::ALL {
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
    }

    /// The codes of SPEC §4's table, as the spec writes them.
    const SPEC_CODES: &[&str] = &[
        "MISSING_FIELD",
        "UNREADABLE_FIELD",
        "INVALID_VALUE",
        "DUPLICATE_DOCUMENT",
        "TRIP_WITHOUT_RECEIPT",
        "RECEIPT_WITHOUT_TRIP",
        "BILLED_WITHOUT_RECEIPT",
        "BILLED_TWICE",
        "AMOUNT_MISMATCH",
        "QUANTITY_MISMATCH",
        "PRICE_ABOVE_CONTRACT",
        "ARITHMETIC_ERROR",
        "RECEIPT_NOT_BILLED",
        "TANK_CAPACITY_EXCEEDED",
        "CONSUMPTION_OUTLIER",
        "ODOMETER_INCONSISTENT",
        "ODOMETER_GAP",
        "FUEL_TYPE_MISMATCH",
        "RECEIPT_OUTSIDE_TRIP",
        "VEHICLE_MISMATCH",
        "MULTIPLE_FILLS",
        "POSSIBLE_DUPLICATE",
        "OFF_HOURS_FILL",
        "VOUCHER_SEQUENCE_GAP",
        "NON_FUEL_PURCHASE",
        "DATE_OUT_OF_PERIOD",
        "UNMATCHED_CREDIT",
        "RECEIPT_ALREADY_PAID",
    ];

    #[test]
    fn every_rule_has_a_manual_with_the_fixed_headings() {
        for rule in REGISTRY {
            let info = rule.info();
            for heading in [
                "## What it catches",
                "## Why it matters to an auditor",
                "## Example",
                "## Amount at risk",
            ] {
                assert!(
                    info.manual.contains(heading),
                    "{} lacks {heading}",
                    info.code
                );
            }
            assert!(!info.summary.is_empty());
        }
    }

    #[test]
    fn rules_are_found_by_code() {
        assert_eq!(
            find("billed_twice").map(|r| r.info().code),
            Some(Code::BilledTwice)
        );
        assert!(find("NO_SUCH_RULE").is_none());
    }
}
