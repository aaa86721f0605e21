//! The one view every output renders from: the headline figures, the documentation status of
//! every trip ticket, the money line by line (SPEC §6.1) and per vendor and invoice, and the
//! exceptions with their stable ids.

use crate::config::Config;
use crate::i18n::Lang;
use crate::link::Links;
use crate::load::FileStats;
use crate::model::{CompactDecimal, Dataset, Trip, fold_name, normalise_id};
use crate::rules::{Exception, Findings, NotRun, Target};
use chrono::Datelike;
use foldhash::{HashMap, HashMapExt};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Documented against total, for one group of trip tickets.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Documented {
    pub total: u64,
    pub documented: u64,
}

/// The trip documentation headline of SPEC §3.4, overall and broken down.
#[derive(Debug, Default, Serialize)]
pub struct TripStatus {
    pub total: u64,
    pub documented: u64,
    pub by_vehicle: BTreeMap<String, Documented>,
    pub by_driver: BTreeMap<String, Documented>,
    pub by_month: BTreeMap<String, Documented>,
}

/// Invoice money (SPEC §6.1) for one line, invoice, vendor, or the run:
/// `supported = invoiced − at_risk − unverified`.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Money {
    pub invoiced: Decimal,
    pub supported: Decimal,
    pub at_risk: Decimal,
    pub unverified: Decimal,
}

impl Money {
    /// Adds another line's, invoice's or vendor's money to this total.
    pub fn add(&mut self, other: &Money) {
        self.invoiced += other.invoiced;
        self.supported += other.supported;
        self.at_risk += other.at_risk;
        self.unverified += other.unverified;
    }
}

/// Receipt money, for a run with receipts: what they total and how much of it exceptions on
/// receipts put at risk (each receipt counted once, by its largest amount at risk).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ReceiptMoney {
    pub total: Decimal,
    pub flagged: Decimal,
}

/// What exceptions put at risk on each receipt that has anything at risk (SPEC §6.1: its
/// largest amount at risk, capped at its amount), by receipt: held for those receipts only, as
/// most of a month's millions have none.
#[derive(Debug, Default)]
pub struct ReceiptFlags(Vec<(u32, Decimal)>);

impl ReceiptFlags {
    /// What the receipt at `index` (in the dataset's order) has flagged; zero for most.
    pub fn of(&self, index: usize) -> Decimal {
        let index = crate::model::index32(index);
        match self.0.binary_search_by_key(&index, |&(receipt, _)| receipt) {
            Ok(at) => self.0[at].1,
            Err(_) => Decimal::ZERO,
        }
    }

    /// Each receipt with something flagged, in the dataset's order, and what it flagged.
    pub fn iter(&self) -> impl Iterator<Item = (usize, Decimal)> + '_ {
        (self.0.iter()).map(|&(receipt, flagged)| (receipt as usize, flagged))
    }

    fn total(&self) -> Decimal {
        self.0.iter().map(|&(_, flagged)| flagged).sum()
    }
}

/// What finance does with an invoice line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineStatus {
    /// Checked against its receipt and nothing at risk: may be paid.
    Supported,
    /// Some or all of it is at risk (or its amount cannot be read): hold that back.
    Withheld,
    /// The run had no receipts to check it against: nothing of it is supported.
    Unverified,
}

impl LineStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LineStatus::Supported => "supported",
            LineStatus::Withheld => "withheld",
            LineStatus::Unverified => "unverified",
        }
    }
}

/// One invoice line's money. Held for every line of the month, so only what the rest is
/// worked out from is kept, in 32 bytes: the line's [`Money`] follows from what it bills and
/// what of that is at risk or unverified, and the exceptions that decide it are found when
/// asked ([`ReportView::line_exceptions`]).
#[derive(Clone, Debug)]
pub struct LineView {
    billed: Option<CompactDecimal>,
    at_risk: CompactDecimal,
    unverified: CompactDecimal,
    pub status: LineStatus,
}

impl LineView {
    /// The line's amount, when it could be read, net of the credits that reverse it (SPEC
    /// §3.5); 0 for a credit netted against another line, which carries it.
    pub fn billed(&self) -> Option<Decimal> {
        self.billed.map(Decimal::from)
    }

    /// The line's money: `supported = invoiced − at_risk − unverified`, all 0 for a line whose
    /// amount cannot be read.
    pub fn money(&self) -> Money {
        let Some(billed) = self.billed() else {
            return Money::default();
        };
        let (at_risk, unverified) = (self.at_risk.get(), self.unverified.get());
        Money {
            invoiced: billed,
            supported: billed - at_risk - unverified,
            at_risk,
            unverified,
        }
    }

    /// What may be paid of the line.
    pub fn accepted(&self) -> Decimal {
        self.money().supported
    }

    /// What is held back of the line.
    pub fn withheld(&self) -> Decimal {
        self.at_risk.get()
    }
}

/// One invoice's totals, named as the vendor wrote it.
#[derive(Clone, Debug, Serialize)]
pub struct InvoiceMoney {
    pub vendor: String,
    pub invoice_no: String,
    #[serde(flatten)]
    pub money: Money,
}

/// Everything a report shows.
pub struct ReportView<'a> {
    pub generated_at: String,
    pub files: &'a [FileStats],
    pub data: &'a Dataset,
    pub links: &'a Links,
    pub config: &'a Config,
    pub trips: TripStatus,
    pub trip_documented: Vec<bool>,
    /// Whether the invoices could be checked against receipts at all.
    pub invoices_checked: bool,
    pub money: Money,
    pub money_by_vendor: BTreeMap<String, Money>,
    pub money_by_invoice: Vec<InvoiceMoney>,
    pub receipts: Option<ReceiptMoney>,
    /// What exceptions put at risk on each receipt.
    pub receipt_flagged: ReceiptFlags,
    /// One per invoice line, in the dataset's order.
    pub lines: Vec<LineView>,
    pub exceptions: &'a [Exception],
    /// Each exception's message in the report's language, rendered once for every output.
    pub messages: Vec<String>,
    /// Each exception's id, in the exceptions' order.
    pub exception_ids: Vec<String>,
    /// Exceptions by the record they concern.
    pub by_target: HashMap<Target, Vec<usize>>,
    pub not_run: &'a [NotRun],
    /// The ledger's earlier months, when the run read one: the letters list a vendor's
    /// disputes still open.
    pub history: Option<&'a crate::ledger::History>,
    /// Each vehicle's odometer readings as the rules judged them (consumption is measured
    /// without the readings left out).
    pub odometers: &'a crate::rules::LeftOut,
}

/// The text used for a value that is not there, in breakdowns (the pages show it in their
/// language).
pub const UNKNOWN: &str = "(unknown)";

impl<'a> ReportView<'a> {
    pub fn new(
        generated_at: String,
        files: &'a [FileStats],
        data: &'a Dataset,
        links: &'a Links,
        findings: &'a Findings,
        config: &'a Config,
        odometers: &'a crate::rules::LeftOut,
    ) -> ReportView<'a> {
        let exceptions = &findings.exceptions;
        let by_target = by_target(exceptions);
        let invoices_checked = data.has(crate::model::DocKind::Receipts);
        let lang = config.lang.unwrap_or_default();
        // The trip tickets' side and the money's side read each of a month's millions of
        // records and share nothing: they are worked out side by side.
        let (
            (trip_documented, trips, exception_ids, messages),
            (lines, totals, receipt_flagged, receipts),
        ) = crate::parallel::both(
            || {
                let trip_documented: Vec<bool> = data
                    .trips
                    .iter()
                    .enumerate()
                    .map(|(index, trip)| is_documented(trip, index, data, links, config))
                    .collect();
                let trips = trip_status(&data.trips, &trip_documented);
                let messages: Vec<String> =
                    exceptions.iter().map(|e| e.message.render(lang)).collect();
                (trip_documented, trips, exception_ids(exceptions), messages)
            },
            || {
                let lines = line_views(data, links, exceptions, &by_target, invoices_checked);
                let totals = totals(data, &lines);
                let receipt_flagged = receipt_flags(data, exceptions, &by_target);
                let receipts = (data.has(crate::model::DocKind::Receipts))
                    .then(|| receipt_money(data, &receipt_flagged));
                (lines, totals, receipt_flagged, receipts)
            },
        );
        let (money, money_by_vendor, money_by_invoice) = totals;
        ReportView {
            generated_at,
            files,
            data,
            links,
            config,
            trips,
            trip_documented,
            invoices_checked,
            money,
            money_by_vendor,
            money_by_invoice,
            receipts,
            receipt_flagged,
            lines,
            exception_ids,
            messages,
            exceptions,
            by_target,
            not_run: &findings.not_run,
            history: None,
            odometers,
        }
    }

    /// "documented: N of M trip tickets", in the report's language.
    pub fn headline(&self) -> String {
        let args = crate::i18n::Args::new()
            .int("documented", self.trips.documented as i64)
            .int("trips", self.trips.total as i64);
        crate::i18n::text(self.lang(), "summary-headline", &args)
    }

    /// The exceptions on one record, in report order.
    pub fn exceptions_on(&self, target: Target) -> &[usize] {
        self.by_target.get(&target).map_or(&[], Vec::as_slice)
    }

    /// The exceptions that decide an invoice line's money: those on the line and on the
    /// receipt it bills, in the order raised.
    pub fn line_exceptions(&self, index: usize) -> Vec<usize> {
        exceptions_of_line(self.links, &self.by_target, index)
    }

    /// The vehicle an invoice line is for: its own, else that of the receipt it bills.
    pub fn line_vehicle(&self, index: usize) -> &'a Option<crate::model::Ident> {
        self.links.line_vehicle(self.data, index)
    }

    /// One exception as every output writes it.
    pub fn exception_record(&self, index: usize) -> ExceptionRecord<'_> {
        ExceptionRecord::new(
            &self.exception_ids[index],
            &self.exceptions[index],
            &self.messages[index],
        )
    }

    /// The language the report is written in.
    pub fn lang(&self) -> Lang {
        self.config.lang.unwrap_or_default()
    }
}

/// One exception as tools read it: the fields of SPEC §6, amounts as decimal strings. The JSON
/// renders it as an object, the CSV as a row of [`ExceptionRecord::COLUMNS`].
#[derive(Serialize)]
pub struct ExceptionRecord<'a> {
    pub id: &'a str,
    pub code: &'static str,
    pub severity: &'static str,
    pub document: &'static str,
    pub trip_id: Option<&'a str>,
    pub receipt_no: Option<&'a str>,
    pub invoice_no: Option<&'a str>,
    pub invoice_line: Option<u32>,
    pub vehicle_id: Option<&'a str>,
    pub driver: Option<&'a str>,
    pub vendor: Option<&'a str>,
    pub date: Option<String>,
    pub amount_at_risk: String,
    /// In the report's language.
    pub message: &'a str,
    pub evidence: &'a crate::rules::EvidenceMap,
    pub source: &'a str,
}

impl<'a> ExceptionRecord<'a> {
    pub const COLUMNS: [&'static str; 16] = [
        "id",
        "code",
        "severity",
        "document",
        "trip_id",
        "receipt_no",
        "invoice_no",
        "invoice_line",
        "vehicle_id",
        "driver",
        "vendor",
        "date",
        "amount_at_risk",
        "message",
        "evidence",
        "source",
    ];

    fn new(id: &'a str, e: &'a Exception, message: &'a str) -> ExceptionRecord<'a> {
        ExceptionRecord {
            id,
            code: e.code.as_str(),
            severity: e.severity.as_str(),
            document: e.target.document(),
            trip_id: e.trip_id.as_deref(),
            receipt_no: e.receipt_no.as_deref(),
            invoice_no: e.invoice_no.as_deref(),
            invoice_line: e.invoice_line,
            vehicle_id: e.vehicle_id.as_deref(),
            driver: e.driver.as_deref(),
            vendor: e.vendor.as_deref(),
            date: e.date.map(|d| d.to_string()),
            amount_at_risk: e.amount_at_risk.to_string(),
            message,
            evidence: &e.evidence,
            source: &e.source,
        }
    }
}

/// Each exception's id: its code and the identity of what it concerns (normalised document
/// keys, the field, the date), hashed; never its position, so an id survives a rerun, rows in
/// another order and rows added. Exceptions alike in all of that are told apart by a suffix in
/// report order.
fn exception_ids(exceptions: &[Exception]) -> Vec<String> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    exceptions
        .iter()
        .map(|e| {
            let id = format!("EX-{}", identity_hash(e));
            let count = seen.entry(id.clone()).or_insert(0);
            *count += 1;
            match *count {
                1 => id,
                n => format!("{id}-{n}"),
            }
        })
        .collect()
}

fn identity_hash(e: &Exception) -> String {
    let id = |value: &Option<String>| value.as_deref().map(normalise_id).unwrap_or_default();
    // Evidence that names what was found, never where (rows move).
    let named: Vec<&str> = ["field", "first_missing", "period"]
        .iter()
        .filter_map(|key| e.evidence.get(key).and_then(Value::as_str))
        .collect();
    let identity = [
        e.code.as_str().to_string(),
        e.target.document().to_string(),
        e.vendor.as_deref().map(fold_name).unwrap_or_default(),
        id(&e.invoice_no),
        e.invoice_line.map(|n| n.to_string()).unwrap_or_default(),
        id(&e.receipt_no),
        id(&e.trip_id),
        id(&e.vehicle_id),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        named.join("\u{1e}"),
    ]
    .join("\u{1f}");
    let digest = Sha256::digest(identity.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// SPEC §3.4: no problem of its own, and, when it needs one, at least one matched receipt, all
/// of them free of problems.
fn is_documented(
    trip: &Trip,
    index: usize,
    data: &Dataset,
    links: &Links,
    config: &Config,
) -> bool {
    if !trip.problems.is_empty() {
        return false;
    }
    let receipts = &links.trip_receipts.of(index);
    if crate::rules::requires_receipt(trip, config.rules.require_receipt) && receipts.is_empty() {
        return false;
    }
    receipts
        .iter()
        .all(|r| data.receipts[r].problems.is_empty())
}

fn trip_status(trips: &[Trip], documented: &[bool]) -> TripStatus {
    let mut status = TripStatus::default();
    let mut vehicle_names: HashMap<&str, &str> = HashMap::new();
    // Counted by borrowed name, then named once each: a group's name is not copied per trip.
    let mut by_vehicle: HashMap<&str, Documented> = HashMap::new();
    let mut by_driver: HashMap<&str, Documented> = HashMap::new();
    let mut by_month: HashMap<Option<(i32, u32)>, Documented> = HashMap::new();
    for (trip, &ok) in trips.iter().zip(documented) {
        let count = |group: &mut Documented| {
            group.total += 1;
            group.documented += u64::from(ok);
        };
        status.total += 1;
        status.documented += u64::from(ok);
        // Grouped by the compared key, named as the first trip (in canonical order) writes it.
        let vehicle = trip.vehicle_id.as_ref().map_or(UNKNOWN, |v| {
            vehicle_names.entry(v.key()).or_insert(v.text())
        });
        count(by_vehicle.entry(vehicle).or_default());
        count(
            by_driver
                .entry(trip.driver.as_deref().unwrap_or(UNKNOWN))
                .or_default(),
        );
        count(
            by_month
                .entry(trip.date_out.map(|d| (d.year(), d.month())))
                .or_default(),
        );
    }
    let named = |groups: HashMap<&str, Documented>| {
        groups
            .into_iter()
            .map(|(name, group)| (name.to_string(), group))
            .collect()
    };
    status.by_vehicle = named(by_vehicle);
    status.by_driver = named(by_driver);
    status.by_month = by_month
        .into_iter()
        .map(|(month, group)| {
            let name = month.map_or(UNKNOWN.to_string(), |(year, month)| {
                format!("{year}-{month:02}")
            });
            (name, group)
        })
        .collect();
    status
}

/// The largest amount at risk among some exceptions.
fn largest_at_risk(exceptions: &[Exception], indexes: &[usize]) -> Decimal {
    indexes
        .iter()
        .map(|&i| exceptions[i].amount_at_risk)
        .max()
        .unwrap_or(Decimal::ZERO)
}

/// What each invoice line puts at risk: the largest at-risk amount among the exceptions on the
/// line and on the receipt it bills, capped at the line's amount. The largest, not the sum:
/// exceptions often describe one excess twice (an amount above its receipt is also a sum that
/// does not add up; a price above contract is raised on the receipt and on the line). Without
/// receipts, what is not at risk is unverified, never supported.
fn line_views(
    data: &Dataset,
    links: &Links,
    exceptions: &[Exception],
    by_target: &HashMap<Target, Vec<usize>>,
    invoices_checked: bool,
) -> Vec<LineView> {
    (0..data.invoice_lines.len())
        .map(|index| {
            let Some(billed) = net_billed(data, links, index) else {
                return LineView {
                    billed: None,
                    at_risk: Decimal::ZERO.into(),
                    unverified: Decimal::ZERO.into(),
                    status: LineStatus::Withheld,
                };
            };
            let indexes = exceptions_of_line(links, by_target, index);
            // Every figure of a line is written with the line's decimals (0.00, not 0).
            let in_scale = |mut amount: Decimal| {
                if amount.scale() < billed.scale() {
                    amount.rescale(billed.scale());
                }
                amount
            };
            let at_risk =
                in_scale(largest_at_risk(exceptions, &indexes).min(billed.max(Decimal::ZERO)));
            let unverified = in_scale(if invoices_checked {
                Decimal::ZERO
            } else {
                billed - at_risk
            });
            let status = if !invoices_checked {
                LineStatus::Unverified
            } else if at_risk > Decimal::ZERO {
                LineStatus::Withheld
            } else {
                LineStatus::Supported
            };
            LineView {
                billed: Some(billed.into()),
                at_risk: at_risk.into(),
                unverified: unverified.into(),
                status,
            }
        })
        .collect()
}

/// Each target's exceptions, by index, in the order raised.
fn by_target(exceptions: &[Exception]) -> HashMap<Target, Vec<usize>> {
    let mut by_target: HashMap<Target, Vec<usize>> = HashMap::new();
    for (index, exception) in exceptions.iter().enumerate() {
        by_target.entry(exception.target).or_default().push(index);
    }
    by_target
}

/// The exceptions on an invoice line and on the receipt it bills, in the order raised.
fn exceptions_of_line(
    links: &Links,
    by_target: &HashMap<Target, Vec<usize>>,
    index: usize,
) -> Vec<usize> {
    let on = |target: Target| by_target.get(&target).map_or(&[][..], Vec::as_slice);
    let mut indexes: Vec<usize> = on(Target::InvoiceLine(index)).to_vec();
    if let Some((receipt, _)) = links.line_receipt.get(index) {
        indexes.extend_from_slice(on(Target::Receipt(receipt)));
    }
    indexes.sort_unstable();
    indexes
}

/// What a line bills once credits are netted (SPEC §3.5): its amount plus the credits netted
/// against it, or 0 for a credit netted against another line. Each credit is counted once,
/// on the line it reverses, so that lines, invoices and vendors add up to the net invoiced.
fn net_billed(data: &Dataset, links: &Links, index: usize) -> Option<Decimal> {
    let amount = data.invoice_lines[index].amount()?;
    if links.line_credits.nets_against(index).is_some() {
        return Some(Decimal::new(0, amount.scale()));
    }
    links.line_net_amount(data, index)
}

/// Money overall, per vendor and per invoice, summed from the lines.
fn totals(
    data: &Dataset,
    lines: &[LineView],
) -> (Money, BTreeMap<String, Money>, Vec<InvoiceMoney>) {
    let mut total = Money::default();
    // Summed by borrowed keys, then named and ordered once per vendor and invoice.
    let mut by_vendor: HashMap<&str, Money> = HashMap::new();
    let mut vendor_names: HashMap<&str, &str> = HashMap::new();
    let mut by_invoice: HashMap<(&str, &str), InvoiceMoney> = HashMap::new();
    for (line, view) in data.invoice_lines.iter().zip(lines) {
        let vendor_key = line.vendor.as_ref().map_or(UNKNOWN, |v| v.key());
        let vendor_name = *vendor_names
            .entry(vendor_key)
            .or_insert_with(|| line.vendor.as_ref().map_or(UNKNOWN, |v| v.text()));
        let invoice_key = line.invoice_no.as_ref().map_or(UNKNOWN, |i| i.key());
        let money = view.money();
        total.add(&money);
        by_vendor.entry(vendor_name).or_default().add(&money);
        by_invoice
            .entry((vendor_key, invoice_key))
            .or_insert_with(|| InvoiceMoney {
                vendor: vendor_name.to_string(),
                invoice_no: line
                    .invoice_no
                    .as_ref()
                    .map_or(UNKNOWN.to_string(), |i| i.text().to_string()),
                money: Money::default(),
            })
            .money
            .add(&money);
    }
    let by_vendor = by_vendor
        .into_iter()
        .map(|(name, money)| (name.to_string(), money))
        .collect();
    let mut by_invoice: Vec<((&str, &str), InvoiceMoney)> = by_invoice.into_iter().collect();
    by_invoice.sort_unstable_by_key(|(key, _)| *key);
    (
        total,
        by_vendor,
        by_invoice.into_iter().map(|(_, money)| money).collect(),
    )
}

/// What exceptions on each receipt put at risk: its largest amount at risk, capped at its
/// amount (nothing for a receipt whose amount cannot be read).
fn receipt_flags(
    data: &Dataset,
    exceptions: &[Exception],
    by_target: &HashMap<Target, Vec<usize>>,
) -> ReceiptFlags {
    let flagged = |(index, receipt): (usize, &crate::model::Receipt)| {
        let amount = receipt.amount()?;
        let on = by_target.get(&Target::Receipt(index))?;
        let flagged = largest_at_risk(exceptions, on).min(amount.max(Decimal::ZERO));
        (flagged > Decimal::ZERO).then(|| (crate::model::index32(index), flagged))
    };
    ReceiptFlags(
        data.receipts
            .iter()
            .enumerate()
            .filter_map(flagged)
            .collect(),
    )
}

/// The receipts' total, and what exceptions on them put at risk (each receipt's largest,
/// capped at its amount).
fn receipt_money(data: &Dataset, flags: &ReceiptFlags) -> ReceiptMoney {
    ReceiptMoney {
        total: data.receipts.iter().filter_map(|r| r.amount()).sum(),
        flagged: flags.total(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;
    use crate::rules::testing::{d, dataset, id, line, receipt, trip};
    use crate::rules::{RuleInfo, find};

    /// Data canonicalised and linked, as a run has it before its rules.
    struct Linked {
        data: Dataset,
        links: Links,
    }

    fn linked(mut data: Dataset) -> Linked {
        data.canonicalise();
        let links = crate::link::link(&data, &Config::defaults());
        Linked { data, links }
    }

    fn info(code: &str) -> &'static RuleInfo {
        find(code).expect("a registered code").info()
    }

    impl Linked {
        fn line(&self, invoice: &str, line_no: u32) -> usize {
            self.data
                .invoice_lines
                .iter()
                .position(|l| l.invoice_no == id(invoice) && l.line_no == line_no)
                .expect("the line is in the data")
        }

        fn receipt(&self, number: &str) -> usize {
            self.data
                .receipts
                .iter()
                .position(|r| r.receipt_no == id(number))
                .expect("the receipt is in the data")
        }

        /// An exception on an invoice line, putting `amount` at risk.
        fn on_line(&self, code: &str, invoice: &str, line_no: u32, amount: &str) -> Exception {
            let index = self.line(invoice, line_no);
            Exception::on_line(info(code), index, &self.data.invoice_lines[index])
                .at_risk(d(amount))
        }

        fn on_receipt(&self, code: &str, number: &str, amount: &str) -> Exception {
            let index = self.receipt(number);
            Exception::on_receipt(info(code), index, &self.data.receipts[index]).at_risk(d(amount))
        }

        /// The lines' money and the totals, as the report computes them.
        fn money(
            &self,
            exceptions: &[Exception],
        ) -> (Vec<LineView>, Money, BTreeMap<String, Money>) {
            let by_target = by_target(exceptions);
            let checked = self.data.has(DocKind::Receipts);
            let lines = line_views(&self.data, &self.links, exceptions, &by_target, checked);
            let (total, by_vendor, _) = totals(&self.data, &lines);
            (lines, total, by_vendor)
        }

        /// The exceptions that decide a line's money.
        fn line_exceptions(&self, exceptions: &[Exception], line: usize) -> Vec<usize> {
            let by_target = by_target(exceptions);
            exceptions_of_line(&self.links, &by_target, line)
        }
    }

    fn money(invoiced: &str, supported: &str, at_risk: &str, unverified: &str) -> Money {
        Money {
            invoiced: d(invoiced),
            supported: d(supported),
            at_risk: d(at_risk),
            unverified: d(unverified),
        }
    }

    /// Two lines of one invoice, each billing its receipt.
    fn two_billed_lines() -> Linked {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-06", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines.push(line("INV1", 2, "R2", "40", "100"));
        linked(data)
    }

    #[test]
    fn a_line_withholds_its_largest_amount_at_risk_not_the_sum() {
        let run = two_billed_lines();
        let exceptions = [
            run.on_line("AMOUNT_MISMATCH", "INV1", 1, "30"),
            run.on_line("ARITHMETIC_ERROR", "INV1", 1, "20"),
        ];
        let (lines, total, _) = run.money(&exceptions);
        let first = &lines[run.line("INV1", 1)];
        assert_eq!(first.money(), money("100", "70", "30", "0"));
        assert_eq!(first.status, LineStatus::Withheld);
        assert_eq!(
            run.line_exceptions(&exceptions, run.line("INV1", 1)),
            [0, 1]
        );
        let second = &lines[run.line("INV1", 2)];
        assert_eq!(second.money(), money("100", "100", "0", "0"));
        assert_eq!(second.status, LineStatus::Supported);
        assert_eq!(total, money("200", "170", "30", "0"));
    }

    /// What a receipt has flagged (receipts.csv's at_risk, and the headline of a run without
    /// invoices) is its largest amount at risk capped at its amount, as a line's is.
    #[test]
    fn a_receipt_flags_its_largest_amount_at_risk_capped_at_its_amount() {
        let run = two_billed_lines();
        let exceptions = [
            run.on_receipt("TANK_CAPACITY_EXCEEDED", "R1", "30"),
            run.on_receipt("PRICE_ABOVE_CONTRACT", "R1", "20"),
            run.on_receipt("POSSIBLE_DUPLICATE", "R2", "100"),
            run.on_receipt("PRICE_ABOVE_CONTRACT", "R2", "250"),
        ];
        let flags = receipt_flags(&run.data, &exceptions, &by_target(&exceptions));
        assert_eq!(flags.of(run.receipt("R1")), d("30"));
        assert_eq!(flags.of(run.receipt("R2")), d("100"));
        assert_eq!(receipt_money(&run.data, &flags).flagged, d("130"));
    }

    #[test]
    fn a_line_never_withholds_more_than_it_bills() {
        let run = two_billed_lines();
        let exceptions = [run.on_line("AMOUNT_MISMATCH", "INV1", 1, "150")];
        let (lines, total, _) = run.money(&exceptions);
        assert_eq!(
            lines[run.line("INV1", 1)].money(),
            money("100", "0", "100", "0")
        );
        assert_eq!(total, money("200", "100", "100", "0"));
    }

    #[test]
    fn an_exception_on_a_receipt_reaches_the_line_that_bills_it() {
        let run = two_billed_lines();
        let exceptions = [
            run.on_receipt("TANK_CAPACITY_EXCEEDED", "R2", "40"),
            run.on_line("AMOUNT_MISMATCH", "INV1", 2, "10"),
        ];
        let (lines, _, by_vendor) = run.money(&exceptions);
        assert_eq!(
            lines[run.line("INV1", 1)].money(),
            money("100", "100", "0", "0"),
            "R2's exception is not on the line billing R1"
        );
        let second = &lines[run.line("INV1", 2)];
        assert_eq!(second.money(), money("100", "60", "40", "0"));
        assert_eq!(
            run.line_exceptions(&exceptions, run.line("INV1", 2)),
            [0, 1]
        );
        assert_eq!(by_vendor["Total"], money("200", "160", "40", "0"));
    }

    #[test]
    fn an_exception_on_a_trip_leaves_vendor_money_alone() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        let run = linked(data);
        assert!(run.links.receipt_trip.get(0).is_some(), "R1 is on T1");
        let exceptions = [
            Exception::on_trip(info("CONSUMPTION_OUTLIER"), 0, &run.data.trips[0]).at_risk(d("80")),
        ];
        let (lines, total, by_vendor) = run.money(&exceptions);
        assert_eq!(lines[0].money(), money("100", "100", "0", "0"));
        assert_eq!(lines[0].status, LineStatus::Supported);
        assert_eq!(total, money("100", "100", "0", "0"));
        assert_eq!(by_vendor["Total"], money("100", "100", "0", "0"));
    }

    #[test]
    fn a_credit_line_is_netted_into_the_line_it_reverses_and_the_totals_add_up() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100.00"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-06", "40", "100.00"));
        data.invoice_lines
            .push(line("INV1", 1, "R1", "40", "100.00"));
        data.invoice_lines
            .push(line("INV1", 2, "R2", "40", "100.00"));
        data.invoice_lines.push(line("INV1", 3, "R1", "0", "-0.53"));
        // Nothing numbered R9 to reverse: it stays on its own line, as given.
        data.invoice_lines.push(line("INV1", 4, "R9", "0", "-0.02"));
        let run = linked(data);
        let exceptions = [run.on_line("AMOUNT_MISMATCH", "INV1", 1, "150")];
        let (lines, total, by_vendor) = run.money(&exceptions);
        let first = &lines[run.line("INV1", 1)];
        assert_eq!(first.billed(), Some(d("99.47")));
        assert_eq!(
            first.money(),
            money("99.47", "0", "99.47", "0"),
            "at risk is capped at the net"
        );
        let credit = &lines[run.line("INV1", 3)];
        assert_eq!(credit.billed(), Some(d("0.00")));
        assert_eq!(credit.money(), money("0", "0", "0", "0"));
        assert_eq!(
            lines[run.line("INV1", 4)].money(),
            money("-0.02", "-0.02", "0", "0")
        );
        assert_eq!(total, money("199.45", "99.98", "99.47", "0"));
        assert_eq!(by_vendor["Total"], total);
    }

    #[test]
    fn without_receipts_nothing_is_supported_and_the_rest_is_unverified() {
        let mut data = Dataset {
            given: vec![DocKind::Invoices],
            ..Dataset::default()
        };
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines.push(line("INV1", 2, "R2", "40", "100"));
        let run = linked(data);
        let exceptions = [run.on_line("ARITHMETIC_ERROR", "INV1", 1, "30")];
        let (lines, total, by_vendor) = run.money(&exceptions);
        let first = &lines[run.line("INV1", 1)];
        assert_eq!(first.money(), money("100", "0", "30", "70"));
        assert_eq!(first.status, LineStatus::Unverified);
        let second = &lines[run.line("INV1", 2)];
        assert_eq!(second.money(), money("100", "0", "0", "100"));
        assert_eq!(second.status, LineStatus::Unverified);
        assert_eq!(total, money("200", "0", "30", "170"));
        assert_eq!(by_vendor["Total"], total);
    }
}
