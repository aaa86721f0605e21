//! One exception: what a rule found, on which document, how much money it puts at risk, and the
//! evidence an auditor needs to redo the check. Every output renders from these.

use super::evidence::EvidenceMap;
use super::{Code, Message, RuleInfo, Severity};
use crate::model::{InvoiceLine, Price, Provenance, Receipt, Trip, Vehicle};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

/// What an exception concerns: a record by its index in its kind's collection, an invoice, or
/// a voucher series. The money and documentation headlines follow it; its name is the
/// `document` column of the reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Trip(usize),
    Receipt(usize),
    InvoiceLine(usize),
    /// An invoice as a whole, by its first line.
    Invoice(usize),
    Vehicle(usize),
    Price(usize),
    VoucherSeries,
}

impl Target {
    /// The document kind as the reports name it.
    pub fn document(self) -> &'static str {
        match self {
            Target::Trip(_) => "trip",
            Target::Receipt(_) => "receipt",
            Target::InvoiceLine(_) => "invoice_line",
            Target::Invoice(_) => "invoice",
            Target::Vehicle(_) => "vehicle",
            Target::Price(_) => "price",
            Target::VoucherSeries => "voucher_series",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Exception {
    pub code: Code,
    pub severity: Severity,
    pub target: Target,
    pub trip_id: Option<String>,
    pub receipt_no: Option<String>,
    pub invoice_no: Option<String>,
    pub invoice_line: Option<u32>,
    pub vehicle_id: Option<String>,
    pub driver: Option<String>,
    pub vendor: Option<String>,
    pub date: Option<NaiveDate>,
    pub amount_at_risk: Decimal,
    /// What the rule found, as a catalogue message: each output renders it in its language.
    pub message: Message,
    pub evidence: EvidenceMap,
    /// `file[#sheet]:row`, empty for findings on no single row (a voucher series).
    pub source: String,
}

fn text<T: ToString>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(ToString::to_string)
}

impl Exception {
    fn blank(info: &RuleInfo, target: Target, prov: Option<&Provenance>) -> Exception {
        Exception {
            code: info.code,
            severity: info.severity,
            target,
            trip_id: None,
            receipt_no: None,
            invoice_no: None,
            invoice_line: None,
            vehicle_id: None,
            driver: None,
            vendor: None,
            date: None,
            amount_at_risk: Decimal::ZERO,
            message: Message::default(),
            evidence: EvidenceMap::default(),
            source: prov.map(ToString::to_string).unwrap_or_default(),
        }
    }

    pub fn on_trip(info: &RuleInfo, index: usize, trip: &Trip) -> Exception {
        Exception {
            trip_id: text(&trip.trip_id),
            vehicle_id: text(&trip.vehicle_id),
            driver: trip.driver.as_deref().map(String::from),
            date: trip.date_out,
            ..Exception::blank(info, Target::Trip(index), Some(&trip.prov))
        }
    }

    pub fn on_receipt(info: &RuleInfo, index: usize, receipt: &Receipt) -> Exception {
        Exception {
            receipt_no: text(&receipt.receipt_no),
            trip_id: text(&receipt.trip_id),
            vehicle_id: text(&receipt.vehicle_id),
            vendor: text(&receipt.vendor),
            date: receipt.date,
            ..Exception::blank(info, Target::Receipt(index), Some(&receipt.prov))
        }
    }

    pub fn on_line(info: &RuleInfo, index: usize, line: &InvoiceLine) -> Exception {
        Exception {
            invoice_no: text(&line.invoice_no),
            invoice_line: Some(line.line_no),
            receipt_no: text(&line.receipt_no),
            vehicle_id: text(&line.vehicle_id),
            vendor: text(&line.vendor),
            date: line.date.or(line.invoice_date),
            ..Exception::blank(info, Target::InvoiceLine(index), Some(&line.prov))
        }
    }

    /// An exception on a whole invoice, located at its first line.
    pub fn on_invoice(info: &RuleInfo, first_line: usize, line: &InvoiceLine) -> Exception {
        Exception {
            invoice_no: text(&line.invoice_no),
            vendor: text(&line.vendor),
            date: line.invoice_date,
            ..Exception::blank(info, Target::Invoice(first_line), Some(&line.prov))
        }
    }

    pub fn on_vehicle(info: &RuleInfo, index: usize, vehicle: &Vehicle) -> Exception {
        Exception {
            vehicle_id: text(&vehicle.vehicle_id),
            ..Exception::blank(info, Target::Vehicle(index), Some(&vehicle.prov))
        }
    }

    pub fn on_price(info: &RuleInfo, index: usize, price: &Price) -> Exception {
        Exception {
            vendor: text(&price.vendor),
            ..Exception::blank(info, Target::Price(index), Some(&price.prov))
        }
    }

    /// An exception on a voucher series: on no single row.
    pub fn on_voucher_series(info: &RuleInfo) -> Exception {
        Exception::blank(info, Target::VoucherSeries, None)
    }

    pub fn at_risk(mut self, amount: Decimal) -> Exception {
        self.amount_at_risk = amount.max(Decimal::ZERO);
        self
    }

    pub fn message(mut self, message: Message) -> Exception {
        self.message = message;
        self
    }

    /// Adds the inputs and thresholds the rule used. `value` is anything serde can write;
    /// decimals are written as strings so nothing is rounded.
    pub fn evidence(mut self, key: &str, value: impl Into<Evidence>) -> Exception {
        let value: Evidence = value.into();
        self.evidence.insert(key, value.0);
        self
    }
}

/// A value of an exception's evidence.
pub struct Evidence(pub Value);

impl From<Decimal> for Evidence {
    fn from(d: Decimal) -> Self {
        Evidence(Value::String(d.normalize().to_string()))
    }
}

impl From<Option<Decimal>> for Evidence {
    fn from(d: Option<Decimal>) -> Self {
        Evidence(d.map_or(Value::Null, |d| Value::String(d.normalize().to_string())))
    }
}

impl From<&str> for Evidence {
    fn from(s: &str) -> Self {
        Evidence(Value::String(s.to_string()))
    }
}

impl From<String> for Evidence {
    fn from(s: String) -> Self {
        Evidence(Value::String(s))
    }
}

impl From<NaiveDate> for Evidence {
    fn from(d: NaiveDate) -> Self {
        Evidence(Value::String(d.to_string()))
    }
}

impl From<Option<NaiveDate>> for Evidence {
    fn from(d: Option<NaiveDate>) -> Self {
        Evidence(d.map_or(Value::Null, |d| Value::String(d.to_string())))
    }
}

impl From<u32> for Evidence {
    fn from(n: u32) -> Self {
        Evidence(Value::from(n))
    }
}

impl From<usize> for Evidence {
    fn from(n: usize) -> Self {
        Evidence(Value::from(n))
    }
}

impl From<i64> for Evidence {
    fn from(n: i64) -> Self {
        Evidence(Value::from(n))
    }
}

impl From<Vec<String>> for Evidence {
    fn from(items: Vec<String>) -> Self {
        Evidence(Value::Array(items.into_iter().map(Value::String).collect()))
    }
}
