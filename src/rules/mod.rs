//! Stage 3, rules: the exception catalogue of SPEC §4.
//!
//! Each rule lives in its own file, named after what it catches, with a stable code and a
//! severity. What a rule says — its exceptions' messages, why it did not run, its manual
//! (`fuelrecon rules CODE`) — is in the catalogue (`locales/<lang>/rules.ftl`), so that each
//! output says it in its own language. [`REGISTRY`] lists each rule once; [`run`] runs those
//! whose data the run has and says why the others did not run.

mod code;
mod evidence;
mod exception;
mod message;

mod amount_mismatch;
mod arithmetic_error;
mod billed_twice;
mod billed_without_receipt;
mod consumption_outlier;
mod date_out_of_period;
mod duplicate_document;
mod field_problems;
mod fuel_type_mismatch;
mod multiple_fills;
mod non_fuel_purchase;
mod odometer_gap;
mod odometer_inconsistent;
mod odometer_sequence;
mod off_hours_fill;
mod possible_duplicate;
mod price_above_contract;
mod quantity_mismatch;
mod receipt_already_paid;
mod receipt_not_billed;
mod receipt_outside_trip;
mod receipt_without_trip;
mod tank_capacity_exceeded;
mod trip_without_receipt;
mod units;
mod unmatched_credit;
mod vehicle_mismatch;
mod voucher_sequence_gap;

pub use code::Code;
pub use evidence::EvidenceMap;
pub use exception::{Evidence, Exception, Target};
pub use message::{Message, MessageArg};
pub use odometer_sequence::{LeftOut, Odometers};
pub use trip_without_receipt::requires_receipt;

use crate::config::Config;
use crate::i18n::{Args, Lang, text};
use crate::link::Links;
use crate::model::{Dataset, DocKind, FuelType, InvoiceLine, Receipt, Vehicle};
use foldhash::{HashMap, HashMapExt};
use rust_decimal::Decimal;
use serde::Serialize;

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

/// A rule's code and severity; its words are in the catalogue, under `rule-CODE`.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: Code,
    pub severity: Severity,
}

/// The sections of every rule's manual, in order: the attribute of `rule-CODE` that holds the
/// section, and the message that heads it.
pub const MANUAL_SECTIONS: [(&str, &str); 4] = [
    ("catches", "rule-heading-catches"),
    ("matters", "rule-heading-matters"),
    ("example", "rule-heading-example"),
    ("at-risk", "rule-heading-at-risk"),
];

impl RuleInfo {
    /// One line: what the rule catches.
    pub fn summary(&self, lang: Lang) -> String {
        text(lang, &format!("rule-{}.summary", self.code), &Args::new())
    }

    /// The manual: each of [`MANUAL_SECTIONS`] under its `## ` heading.
    pub fn manual(&self, lang: Lang) -> String {
        let mut manual = String::new();
        for (attribute, heading) in MANUAL_SECTIONS {
            let section = text(
                lang,
                &format!("rule-{}.{attribute}", self.code),
                &Args::new(),
            );
            manual.push_str(&format!(
                "## {}\n{section}\n",
                text(lang, heading, &Args::new())
            ));
        }
        manual
    }
}

/// A rule: it knows what data it needs, and checks it.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;

    /// Why the rule cannot run on this run's data, if it cannot.
    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message>;

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>);
}

/// Declares a rule's type and its code and severity; the type's name is its code's variant.
/// The doc comment is for rustdoc; the manual users read is the catalogue's `rule-CODE`.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])+ $name:ident, $severity:ident) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                code: $crate::rules::Code::$name,
                severity: $crate::rules::Severity::$severity,
            };
        }
    };
}
pub(crate) use declare_rule;

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
    &non_fuel_purchase::NonFuelPurchase,
    &date_out_of_period::DateOutOfPeriod,
    &unmatched_credit::UnmatchedCredit,
    &receipt_already_paid::ReceiptAlreadyPaid,
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
    /// What the ledger remembers of earlier months, when the run was given one.
    pub history: Option<&'a crate::ledger::History>,
    /// Each vehicle id's record, by its index in the fleet list.
    vehicles: HashMap<&'a str, usize>,
    /// The same by vehicle number (the first record of each id).
    fleet: Vec<Option<usize>>,
    average_price: Option<Decimal>,
    money_scale: u32,
    /// Each vehicle's odometer readings judged as one sequence (SPEC §3.6).
    pub odometers: odometer_sequence::Odometers,
    /// Receipts that repeat an earlier one's number, with the first: `(repeat, first)`.
    receipt_repeats: Vec<(usize, usize)>,
    /// Whether each receipt records fuel bought (see [`Context::fuel_receipts`]).
    fuel_bought: Vec<bool>,
}

/// A receipt by its vehicle and day, as [`Context::receipts_by_vehicle_day`] orders them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct VehicleDay {
    pub vehicle: crate::link::VehicleNo,
    pub date: chrono::NaiveDate,
    pub receipt: usize,
}

impl VehicleDay {
    pub fn same_day(&self, other: &VehicleDay) -> bool {
        self.vehicle == other.vehicle && self.date == other.date
    }
}

/// The largest number of decimals money is given in that the tolerance follows; more is float
/// noise from a spreadsheet (`1679.5449999999998`).
const MAX_MONEY_SCALE: u32 = 3;

impl<'a> Context<'a> {
    pub fn new(data: &'a Dataset, links: &'a Links, config: &'a Config) -> Context<'a> {
        let mut vehicles = HashMap::with_capacity(data.vehicles.len());
        let mut fleet = vec![None; links.keys.vehicles];
        for (index, vehicle) in data.vehicles.iter().enumerate() {
            if let Some(id) = &vehicle.vehicle_id {
                vehicles.entry(id.key()).or_insert(index);
            }
            if let Some(number) = links.keys.fleet_vehicle[index] {
                fleet[number.index()].get_or_insert(index);
            }
        }
        let amounts = data
            .receipts
            .iter()
            .map(|r| r.amount())
            .chain(data.invoice_lines.iter().map(|l| l.amount()))
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
        let receipt_repeats = duplicate_document::receipt_repeats(data, links);
        let fuel_bought = fuel_bought(data, links, &receipt_repeats);
        let fuel_receipts =
            (data.receipts.iter().enumerate()).filter(|(index, _)| fuel_bought[*index]);
        let average_price = average(&mut fuel_receipts.map(|(_, r)| (r.amount(), r.litres())))
            .or_else(|| {
                average(&mut fuel_lines(data, links).map(|(_, l)| (l.amount(), l.litres())))
            });
        Context {
            data,
            links,
            config,
            history: None,
            vehicles,
            fleet,
            average_price,
            money_scale,
            odometers: odometer_sequence::Odometers::of(data, &links.keys, &config.rules),
            receipt_repeats,
            fuel_bought,
        }
    }

    /// The receipts that record fuel bought, with their indexes: not a credit or reversal, nor
    /// a fill its credits reverse in full (§3.5); not a car wash, shop item or lubricant
    /// (§2.2); not a repeat of an earlier receipt's number (DUPLICATE_DOCUMENT: one fill
    /// submitted twice was bought once). The fuel rules (tank, consumption, fuel type, contract
    /// price, fills per day) read receipts only through this, so what is not fuel bought is
    /// left out in one place, and a copy is not flagged again for what its first is.
    pub fn fuel_receipts(&self) -> impl Iterator<Item = (usize, &'a Receipt)> + use<'a, '_> {
        (self.data.receipts.iter().enumerate()).filter(|(index, _)| self.fuel_bought[*index])
    }

    /// Receipts grouped by vehicle and day: runs of equal (vehicle, date) in the order of the
    /// vehicle keys, then the dates, each run's receipts in canonical order. Sorted on integer
    /// keys; a receipt without a vehicle or a date is in no group.
    pub fn receipts_by_vehicle_day<'r>(
        &self,
        receipts: impl Iterator<Item = (usize, &'r Receipt)>,
    ) -> Vec<VehicleDay> {
        let vehicles = &self.links.keys.receipt_vehicle;
        let mut days: Vec<VehicleDay> = receipts
            .filter_map(|(index, receipt)| {
                Some(VehicleDay {
                    vehicle: vehicles[index]?,
                    date: receipt.date?,
                    receipt: index,
                })
            })
            .collect();
        // Receipt indexes are unique: an unstable sort is exact.
        days.sort_unstable();
        days
    }

    /// The invoice lines that bill fuel bought, as [`Context::fuel_receipts`].
    pub fn fuel_lines(&self) -> impl Iterator<Item = (usize, &'a InvoiceLine)> + use<'a> {
        fuel_lines(self.data, self.links)
    }

    /// A reason when any of `kinds` (one or two) was not given.
    pub fn lacks(&self, kinds: &[DocKind]) -> Option<Message> {
        let missing: Vec<DocKind> = kinds
            .iter()
            .copied()
            .filter(|k| !self.data.has(*k))
            .collect();
        no_file(&missing)
    }

    /// A reason when none of `kinds` (one or two) was given: the rule needs one of them.
    pub fn lacks_every(&self, kinds: &[DocKind]) -> Option<Message> {
        if kinds.iter().any(|k| self.data.has(*k)) {
            None
        } else {
            no_file(kinds)
        }
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

    /// A vehicle's record and its index in the fleet list, by vehicle number.
    pub fn fleet_entry(&self, vehicle: crate::link::VehicleNo) -> Option<(usize, &'a Vehicle)> {
        let index = (*self.fleet.get(vehicle.index())?)?;
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

/// Whether each receipt records fuel bought, as [`Context::fuel_receipts`] says.
fn fuel_bought(data: &Dataset, links: &Links, repeats: &[(usize, usize)]) -> Vec<bool> {
    let credits = &links.receipt_credits;
    let mut bought: Vec<bool> = (data.receipts.iter().enumerate())
        .map(|(index, receipt)| {
            !credits.is_credit(index)
                && !crate::link::is_non_fuel(&receipt.fuel_type)
                && !links.receipt_voided(data, index)
        })
        .collect();
    for &(repeat, _) in repeats {
        bought[repeat] = false;
    }
    bought
}

fn fuel_lines<'a>(
    data: &'a Dataset,
    links: &'a Links,
) -> impl Iterator<Item = (usize, &'a InvoiceLine)> + use<'a> {
    data.invoice_lines
        .iter()
        .enumerate()
        .filter(|(index, line)| {
            !links.line_credits.is_credit(*index) && !crate::link::is_non_fuel(&line.fuel_type)
        })
}

/// "no trips or receipts file was given", for one or two kinds of file.
fn no_file(kinds: &[DocKind]) -> Option<Message> {
    let kind = |k: &DocKind| match k {
        DocKind::Trips => Message::new("msg-kind-trips"),
        DocKind::Receipts => Message::new("msg-kind-receipts"),
        DocKind::Invoices => Message::new("msg-kind-invoices"),
        DocKind::Vehicles => Message::new("msg-kind-vehicles"),
        DocKind::Prices => Message::new("msg-kind-prices"),
    };
    match kinds {
        [] => None,
        [one] => Some(Message::new("not-run-no-file").message("kind", kind(one))),
        [first, second, ..] => Some(
            Message::new("not-run-no-files")
                .message("first", kind(first))
                .message("second", kind(second)),
        ),
    }
}

/// A receipt as the subject of a message: "Receipt 55012".
pub fn receipt_subject(receipt: &Receipt) -> Message {
    Message::new("msg-subject-receipt").shown("receipt", &receipt.receipt_no, "msg-no-number")
}

/// An invoice line as the subject of a message: "Invoice F-031 line 4".
pub fn line_subject(line: &InvoiceLine) -> Message {
    Message::new("msg-subject-line")
        .shown("invoice", &line.invoice_no, "msg-no-number")
        .int("line", i64::from(line.line_no))
}

/// How two documents were linked, as a message names it ("by voucher").
pub fn method_word(method: crate::link::Method) -> Message {
    Message::new(format!("msg-method-{}", method.as_str()))
}

/// A fuel type as a message names it: the catalogue's word for the fuels fuelrecon knows, the
/// documents' own name for the others, blank when unknown.
pub fn fuel_word(fuel: &Option<FuelType>) -> MessageArg {
    match fuel {
        Some(FuelType::Diesel) => MessageArg::Message(Message::new("msg-fuel-diesel")),
        Some(FuelType::Petrol) => MessageArg::Message(Message::new("msg-fuel-petrol")),
        Some(FuelType::Other(other) | FuelType::Unknown(other) | FuelType::NonFuel(other)) => {
            MessageArg::Text(other.to_string())
        }
        None => MessageArg::Text(String::new()),
    }
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
    price_per_litre(receipt.unit_price(), receipt.amount(), receipt.litres())
}

pub fn line_price(line: &InvoiceLine) -> Option<Decimal> {
    price_per_litre(line.unit_price(), line.amount(), line.litres())
}

/// A rule that did not run, and why; the reason is rendered in each output's language.
#[derive(Clone, Debug)]
pub struct NotRun {
    pub code: Code,
    pub reason: Message,
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
    // Rules only read the context, so they run side by side; their results are gathered in
    // the registry's order, as if run one after another.
    let outcomes = crate::parallel::in_order(REGISTRY, |rule| match rule.missing_data(ctx) {
        Some(reason) => Err(NotRun {
            code: rule.info().code,
            reason,
        }),
        None => {
            let mut raised = Vec::new();
            rule.check(ctx, &mut raised);
            Ok(raised)
        }
    });
    // Held once at its size: the rules' exceptions are moved in rule by rule, each rule's
    // vector freed as it goes, and a vector grown by doubling would hold up to twice them.
    let raised: usize = (outcomes.iter())
        .map(|o| o.as_ref().map_or(0, Vec::len))
        .sum();
    let mut findings = Findings::default();
    findings.exceptions.reserve_exact(raised);
    for outcome in outcomes {
        match outcome {
            Ok(raised) => findings.exceptions.extend(raised),
            Err(not_run) => findings.not_run.push(not_run),
        }
    }
    // Every amount at risk in the decimals the data's money uses (47.00, not 47 beside 237.0),
    // whatever the rule computed it from.
    for exception in &mut findings.exceptions {
        exception.amount_at_risk = ctx.money(exception.amount_at_risk);
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
    &'e Message,
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
        // SPEC §4's table, in its order: every code of the catalogue is implemented.
        let ours: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(ours, SPEC_CODES);
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
        for lang in Lang::all() {
            for rule in REGISTRY {
                let code = rule.info().code;
                let summary = format!("rule-{code}.summary");
                let summary = crate::i18n::try_text(lang, &summary, &Args::new());
                assert!(
                    summary.is_some_and(|s| !s.trim().is_empty()),
                    "{lang}: rule-{code} has no .summary"
                );
                for (attribute, _) in MANUAL_SECTIONS {
                    let id = format!("rule-{code}.{attribute}");
                    let section = crate::i18n::try_text(lang, &id, &Args::new());
                    assert!(
                        section.is_some_and(|s| !s.trim().is_empty()),
                        "{lang}: rule-{code} has no .{attribute}"
                    );
                }
            }
        }
        let fr: Lang = "fr".parse().unwrap();
        let manual = find("BILLED_TWICE").unwrap().info().manual(fr);
        for heading in [
            "## Ce que la règle détecte\n",
            "## Pourquoi c'est important pour un auditeur\n",
            "## Exemple\n",
            "## Montant à risque\n",
        ] {
            assert!(manual.contains(heading), "{heading:?} in {manual}");
        }
        let english = find("BILLED_TWICE").unwrap().info().manual(Lang::EN);
        assert!(english.starts_with("## What it catches\nAn invoice line whose receipt"));
        assert!(english.contains("\n## Why it matters to an auditor\n"));
    }

    #[test]
    fn rules_without_their_data_say_why_in_every_language() {
        let data = Dataset::default();
        let config = Config::defaults();
        let links = crate::link::link(&data, &config);
        let findings = run(&Context::new(&data, &links, &config));
        let reason = |code: Code| {
            let not_run = findings.not_run.iter().find(|n| n.code == code);
            not_run.map(|n| n.reason.clone()).unwrap()
        };
        let fr: Lang = "fr".parse().unwrap();
        let billed_twice = reason(Code::BilledTwice);
        assert_eq!(
            billed_twice.render(Lang::EN),
            "no invoices or receipts file was given"
        );
        assert_eq!(
            billed_twice.render(fr),
            "aucun fichier de factures ni de reçus n'a été fourni"
        );
        assert_eq!(
            reason(Code::OdometerInconsistent).render(Lang::EN),
            "no trips or receipts file was given"
        );
        assert_eq!(
            reason(Code::OdometerGap).render(fr),
            "aucun fichier de feuilles de route n'a été fourni"
        );
        for not_run in &findings.not_run {
            for lang in Lang::all() {
                assert!(!not_run.reason.render(lang).is_empty());
            }
        }
    }

    #[test]
    fn credits_and_non_fuel_are_no_fuel_bought() {
        use crate::rules::testing::{dataset, receipt};
        let mut data = dataset();
        data.receipts
            .push(receipt("T1", "V1", "2017-03-05", "40", "100"));
        data.receipts
            .push(receipt("T1", "V1", "2017-03-05", "-10", "-25"));
        let mut shop = receipt("T2", "V1", "2017-03-05", "22.14", "61.96");
        shop.fuel_type = Some(FuelType::NonFuel("MERCHANDISE".into()));
        data.receipts.push(shop);
        data.canonicalise();
        let config = Config::defaults();
        let links = crate::link::link(&data, &config);
        let ctx = Context::new(&data, &links, &config);
        let fuel: Vec<Decimal> = ctx
            .fuel_receipts()
            .map(|(_, r)| r.amount().unwrap())
            .collect();
        assert_eq!(fuel, vec![Decimal::from(100)]);
        assert_eq!(
            ctx.average_price(),
            Some(Decimal::new(25, 1)),
            "the price per litre of the fill alone"
        );
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
