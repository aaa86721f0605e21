//! `fuelrecon handover`: everything still open in the ledger, as a successor needs it on day
//! one — by vendor and by vehicle, each dispute with its history (the run that raised it, who
//! accepted that run, and what else happened to the same receipt: payments, other disputes
//! and how they ended). One view feeds the page and the CSV; the folder is written through the
//! report writer's staging folder, so an earlier pack is replaced whole and nothing else is
//! ever overwritten.

use super::disputes::{Dispute, DisputeFilter, short_run};
use super::{Ledger, LedgerError, PaidReceipt};
use crate::i18n::{Args, Lang, format_date, text};
use crate::model::normalise_id;
use crate::pages::Pages;
use crate::report::write::Staging;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The file that marks a folder as a handover pack (as manifest.json marks a report).
pub const MARKER: &str = "handover.json";

/// One open dispute, with everything a successor needs to pick it up.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub id: String,
    pub vendor: String,
    pub vehicle_id: String,
    pub invoice_no: String,
    pub line_no: i64,
    pub invoice_date: String,
    pub receipt_no: String,
    pub fill_date: String,
    pub litres: String,
    pub billed: Decimal,
    pub amount: Decimal,
    pub codes: Vec<String>,
    pub reason: String,
    pub exception_ids: Vec<String>,
    pub source: String,
    /// The run's date, ISO.
    pub opened_on: String,
    pub age_days: i64,
    pub run: String,
    pub run_id: String,
    pub accepted_by: String,
    pub accepted_at: String,
    pub report_dir: String,
    pub history: Vec<Event>,
}

/// Something that happened to a dispute or to its receipt, in words.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Event {
    /// When, as stored (a date or a time stamp; both sort as text).
    pub at: String,
    pub text: String,
}

/// The open disputes of one vendor or one vehicle.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub count: usize,
    pub amount: Decimal,
    pub oldest_days: i64,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HandoverView {
    pub ledger: String,
    pub today: String,
    pub generated_at: String,
    pub count: usize,
    pub amount: Decimal,
    pub by_vendor: Vec<Group>,
    pub by_vehicle: Vec<Group>,
}

impl HandoverView {
    /// Reads the ledger: every open dispute, with its history.
    pub fn build(
        ledger: &mut Ledger,
        today: NaiveDate,
        generated_at: String,
        lang: Lang,
    ) -> Result<HandoverView, LedgerError> {
        let all = ledger.disputes(&DisputeFilter::default())?;
        let paid = ledger.paid_receipts()?;
        let by_receipt = ByReceipt::index(&all, &paid);
        let items: Vec<Item> = all
            .iter()
            .filter(|d| d.is_open())
            .map(|d| item(d, &by_receipt, today, lang))
            .collect();
        Ok(HandoverView {
            ledger: ledger.location().to_string(),
            today: today.to_string(),
            generated_at,
            count: items.len(),
            amount: items.iter().map(|i| i.amount).sum(),
            by_vendor: groups(&items, |i| i.vendor.clone()),
            by_vehicle: groups(&items, |i| i.vehicle_id.clone()),
        })
    }
}

/// The disputes and the payments of each receipt, by (vendor key, receipt key), so each
/// dispute's history is a look-up, not a scan of the whole ledger.
struct ByReceipt<'a> {
    disputes: HashMap<(&'a str, String), Vec<&'a Dispute>>,
    payments: HashMap<(&'a str, &'a str), Vec<&'a PaidReceipt>>,
}

impl<'a> ByReceipt<'a> {
    fn index(disputes: &'a [Dispute], paid: &'a [PaidReceipt]) -> ByReceipt<'a> {
        let mut by_receipt = ByReceipt {
            disputes: HashMap::new(),
            payments: HashMap::new(),
        };
        for dispute in disputes {
            let key = normalise_id(&dispute.receipt_no);
            if !key.is_empty() {
                let entry = (dispute.vendor_key.as_str(), key);
                by_receipt.disputes.entry(entry).or_default().push(dispute);
            }
        }
        // A dispute resolved as paid shows as its resolution, not again as a payment.
        for payment in paid.iter().filter(|p| p.dispute_id.is_none()) {
            let entry = (payment.vendor_key.as_str(), payment.receipt_key.as_str());
            by_receipt.payments.entry(entry).or_default().push(payment);
        }
        by_receipt
    }
}

/// The day of a stored date or time stamp, written for the language.
fn day(lang: Lang, at: &str) -> String {
    at.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| at.to_string(), |d| format_date(lang, d))
}

/// "D-3 opened by run …": the raising of `dispute`.
fn opened(lang: Lang, dispute: &Dispute) -> Event {
    let at = dispute.opened_on.to_string();
    let args = Args::new()
        .text("date", day(lang, &at))
        .text("dispute", dispute.label())
        .text("run", dispute.run_short())
        .text("by", dispute.accepted_by.as_str())
        .text("invoice", dispute.invoice_no.as_str())
        .int("line", dispute.line_no)
        .money("amount", dispute.amount);
    Event {
        text: text(lang, "handover-event-opened", &args),
        at,
    }
}

/// How `dispute` ended, if it has.
fn resolved(lang: Lang, dispute: &Dispute) -> Option<Event> {
    let resolution = dispute.resolution.as_ref()?;
    let args = Args::new()
        .text("date", day(lang, &resolution.at))
        .text("dispute", dispute.label())
        .text("by", resolution.by.as_str())
        .text("note", resolution.note.as_str());
    let id = format!("handover-event-{}", resolution.outcome.as_str());
    Some(Event {
        text: text(lang, &id, &args),
        at: resolution.at.clone(),
    })
}

fn item(dispute: &Dispute, by_receipt: &ByReceipt<'_>, today: NaiveDate, lang: Lang) -> Item {
    let receipt_key = normalise_id(&dispute.receipt_no);
    let vendor_key = dispute.vendor_key.as_str();
    let mut history = vec![opened(lang, dispute)];
    let others = by_receipt
        .disputes
        .get(&(vendor_key, receipt_key.clone()))
        .into_iter()
        .flatten()
        .filter(|o| o.id != dispute.id);
    for other in others {
        history.push(opened(lang, other));
        history.extend(resolved(lang, other));
    }
    let payments = by_receipt
        .payments
        .get(&(vendor_key, receipt_key.as_str()))
        .into_iter()
        .flatten();
    for payment in payments {
        let args = Args::new()
            .text("date", day(lang, &payment.accepted_at))
            .text("run", short_run(&payment.run_id))
            .text("invoice", payment.invoice_no.as_str())
            .int("line", payment.line_no)
            .money("amount", payment.amount);
        history.push(Event {
            text: text(lang, "handover-event-receipt_paid", &args),
            at: payment.accepted_at.clone(),
        });
    }
    // Dates (YYYY-MM-DD) and stamps (YYYY-MM-DDTHH:MM:SSZ) sort together as text.
    history.sort_by(|a, b| a.at.cmp(&b.at));
    Item {
        id: dispute.label(),
        vendor: dispute.vendor.clone(),
        vehicle_id: dispute.vehicle_id.clone(),
        invoice_no: dispute.invoice_no.clone(),
        line_no: dispute.line_no,
        invoice_date: dispute.invoice_date.clone(),
        receipt_no: dispute.receipt_no.clone(),
        fill_date: dispute.fill_date.clone(),
        litres: dispute.litres.clone(),
        billed: dispute.billed,
        amount: dispute.amount,
        codes: dispute.codes.clone(),
        reason: dispute.reason.clone(),
        exception_ids: dispute.exception_ids.clone(),
        source: dispute.source.clone(),
        opened_on: dispute.opened_on.to_string(),
        age_days: dispute.age_days(today),
        run: dispute.run_short().to_string(),
        run_id: dispute.run_id.clone(),
        accepted_by: dispute.accepted_by.clone(),
        accepted_at: dispute.accepted_at.clone(),
        report_dir: dispute.report_dir.clone(),
        history,
    }
}

/// Items grouped by `name_of`, largest amount first, then by name.
fn groups(items: &[Item], name_of: impl Fn(&Item) -> String) -> Vec<Group> {
    let mut by_name: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for item in items {
        by_name.entry(name_of(item)).or_default().push(item.clone());
    }
    let mut groups: Vec<Group> = by_name
        .into_iter()
        .map(|(name, items)| Group {
            name,
            count: items.len(),
            amount: items.iter().map(|i| i.amount).sum(),
            oldest_days: items.iter().map(|i| i.age_days).max().unwrap_or(0),
            items,
        })
        .collect();
    groups.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)));
    groups
}

const CSV_COLUMNS: [&str; 22] = [
    "id",
    "vendor",
    "vehicle_id",
    "invoice_no",
    "line_no",
    "invoice_date",
    "receipt_no",
    "fill_date",
    "litres",
    "billed",
    "amount",
    "age_days",
    "opened_on",
    "run_id",
    "accepted_by",
    "accepted_at",
    "codes",
    "reason",
    "exception_ids",
    "source",
    "report_dir",
    "history",
];

/// open-disputes.csv: one row per open dispute, oldest first, its history in one cell.
pub fn csv(view: &HandoverView) -> Result<Vec<u8>, csv::Error> {
    use crate::report::neutralise;
    let mut items: Vec<&Item> = view.by_vendor.iter().flat_map(|g| &g.items).collect();
    items.sort_by_key(|i| (i.opened_on.clone(), i.id.len(), i.id.clone()));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_COLUMNS)?;
    for i in items {
        let history: Vec<&str> = i.history.iter().map(|e| e.text.as_str()).collect();
        let cells = [
            i.id.clone(),
            i.vendor.clone(),
            i.vehicle_id.clone(),
            i.invoice_no.clone(),
            i.line_no.to_string(),
            i.invoice_date.clone(),
            i.receipt_no.clone(),
            i.fill_date.clone(),
            i.litres.clone(),
            i.billed.to_string(),
            i.amount.to_string(),
            i.age_days.to_string(),
            i.opened_on.clone(),
            i.run_id.clone(),
            i.accepted_by.clone(),
            i.accepted_at.clone(),
            i.codes.join(";"),
            i.reason.clone(),
            i.exception_ids.join(";"),
            i.source.clone(),
            i.report_dir.clone(),
            history.join(" | "),
        ];
        out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[derive(Serialize)]
struct Marker<'a> {
    tool: &'static str,
    kind: &'static str,
    version: &'static str,
    generated_at: &'a str,
    ledger: &'a str,
    outputs: [&'static str; 3],
}

/// Writes the pack into a fresh staging folder and renames it into place: an earlier pack is
/// replaced whole, a folder of anything else is refused.
pub fn write_pack(view: &HandoverView, pages: &Pages, out: &Path) -> Result<(), LedgerError> {
    let bad = |e: &dyn std::fmt::Display| LedgerError::Report {
        path: out.display().to_string(),
        problem: format!("cannot render the handover: {e}"),
    };
    let mut context = tera::Context::new();
    context.insert("view", view);
    let page = pages
        .render("handover.html", &context)
        .map_err(|e| bad(&e))?;
    let table = csv(view).map_err(|e| bad(&e))?;
    let staging = Staging::new_marked(out, MARKER)?;
    staging.write(Path::new("index.html"), page.as_bytes())?;
    staging.write(Path::new("open-disputes.csv"), &table)?;
    let marker = serde_json::to_string_pretty(&Marker {
        tool: "fuelrecon",
        kind: "handover",
        version: env!("CARGO_PKG_VERSION"),
        generated_at: &view.generated_at,
        ledger: &view.ledger,
        outputs: ["index.html", "open-disputes.csv", MARKER],
    })
    .map_err(|e| bad(&e))?;
    staging.write(Path::new(MARKER), marker.as_bytes())?;
    staging.place()?;
    Ok(())
}
