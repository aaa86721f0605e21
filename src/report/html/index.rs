//! index.html's view (SPEC §6.2): the headline, the money per vendor and invoice, who is not
//! bringing receipts back, the charts, the exceptions browser with each exception's trace, and
//! what the run used. The browser holds the first `html_rows_per_code` exceptions of each code;
//! the aggregates count them all.
//!
//! The browser is most of the page: at a million rows a month, thousands of rows, each with its
//! trace. So the page is written to its file in three parts, and never held whole: the
//! template `index.html` is the page with a seam where the rows go, its two blocks
//! `before_exception_rows` and `after_exception_rows` rendered from [`IndexView`], which holds
//! everything but the rows; between them each row is made from the report when its turn
//! comes, and rendered on its own by `partials/exception_row.html`. The rows are the only part
//! that grows with the month, and one of them is held at a time. An organisation's own
//! `index.html` keeps the two blocks; its rows are shaped by its own partial.

use super::charts::{self, BarChart};
use super::{Field, FieldKind, amount, field, text};
use crate::i18n::{self, Args};
use crate::model::{DocKind, Ident, fold_name, normalise_id};
use crate::pages::{self, Pages, PagesError};
use crate::report::json::InputRecord;
use crate::report::view::{Documented, ReportView, UNKNOWN};
use crate::rules::Target;
use foldhash::{HashMap, HashMapExt};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The template of the page, and the two blocks the browser's rows are written between.
const PAGE: &str = "index.html";
const BEFORE_ROWS: &str = pages::INDEX_BLOCKS[0];
const AFTER_ROWS: &str = pages::INDEX_BLOCKS[1];
/// The template of one row, which reads it as `e`.
const ROW: &str = "partials/exception_row.html";

/// index.html, ready to be written: the page's view, and the rows of its browser, each made as
/// it is written.
pub struct IndexPage<'a> {
    page: IndexView<'a>,
    rows: BrowserRows<'a>,
}

impl IndexPage<'_> {
    /// Writes the page into `into`: the page up to the browser's rows, each row, then the rest.
    pub fn write_to(&self, pages: &Pages, mut into: impl Write) -> Result<(), PagesError> {
        let page = Pages::context_of(PAGE, &self.page)?;
        pages.render_block_to(PAGE, BEFORE_ROWS, &page, &mut into)?;
        for row in self.rows.iter() {
            pages.render_view_to(ROW, &RowView { e: &row }, &mut into)?;
        }
        pages.render_block_to(PAGE, AFTER_ROWS, &page, &mut into)
    }
}

/// The page but the browser's rows.
#[derive(Serialize)]
struct IndexView<'a> {
    generated_at: &'a str,
    currency: Option<&'a str>,
    headline: Headline,
    vendors: Vec<MoneyRow>,
    invoices: Table<MoneyRow>,
    by_vehicle: Table<ShareRow>,
    by_driver: Table<ShareRow>,
    by_month: Table<ShareRow>,
    charts: Charts,
    /// How many rows the browser holds: they are written after the view, not held in it.
    exceptions_shown: usize,
    exceptions_total: usize,
    /// Codes whose exceptions the browser does not all hold.
    cut: Vec<Cut>,
    filters: Filters,
    not_run: Vec<NotRunRow>,
    inputs: &'a [InputRecord],
    settings: String,
}

#[derive(Serialize)]
struct Headline {
    documented: u64,
    trips: u64,
    has_invoices: bool,
    invoices_checked: bool,
    invoiced: String,
    supported: String,
    at_risk: String,
    unverified: String,
    receipts_total: Option<String>,
    receipts_flagged: Option<String>,
    exceptions: usize,
}

/// A table's rows, at most `html_rows_per_table` of them: those a reader acts on first. When
/// rows are left out, `total` says how many there are, and the page says where they all are.
#[derive(Serialize)]
struct Table<Row> {
    rows: Vec<Row>,
    total: usize,
}

impl<Row> Table<Row> {
    /// The first `limit` rows, in the order given.
    fn first(rows: Vec<Row>, limit: usize) -> Table<Row> {
        let total = rows.len();
        let rows = rows.into_iter().take(limit).collect();
        Table { rows, total }
    }
}

#[derive(Serialize)]
struct MoneyRow {
    vendor: String,
    invoice_no: Option<String>,
    invoiced: String,
    supported: String,
    at_risk: String,
    unverified: String,
    /// The vendor's dispute letter, relative to index.html.
    letter: Option<String>,
}

#[derive(Serialize)]
struct ShareRow {
    name: String,
    documented: u64,
    total: u64,
    percent: u64,
}

#[derive(Serialize)]
struct Charts {
    by_code: BarChart,
    at_risk_by_vendor: BarChart,
    at_risk_by_vehicle: BarChart,
    consumption: BarChart,
    /// The consumption chart's title: litres per 100 km, or miles per gallon (where below the
    /// norm is the excess).
    consumption_title: &'static str,
}

#[derive(Serialize)]
struct ExceptionRow {
    id: String,
    code: &'static str,
    severity: &'static str,
    document: &'static str,
    vehicle: String,
    vendor: String,
    driver: String,
    date: String,
    amount: String,
    message: String,
    source: String,
    /// The rule's short manual.
    rule: String,
    evidence: Vec<(String, String)>,
    trace: Vec<TraceDoc>,
}

/// What `partials/exception_row.html` reads: its row.
#[derive(Serialize)]
struct RowView<'r> {
    e: &'r ExceptionRow,
}

/// One document of an exception's trace, with its key fields and where it came from.
#[derive(Serialize)]
struct TraceDoc {
    /// A catalogue id (`document-receipt`).
    document: &'static str,
    source: String,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Cut {
    code: &'static str,
    shown: usize,
    total: usize,
}

#[derive(Serialize, Default)]
struct Filters {
    codes: Vec<&'static str>,
    severities: Vec<&'static str>,
    vehicles: Vec<String>,
    vendors: Vec<String>,
    drivers: Vec<String>,
}

#[derive(Serialize)]
struct NotRunRow {
    code: &'static str,
    reason: String,
}

/// Builds index.html's view; `letters` maps a vendor's name to its letter's file.
pub fn index_page<'a>(
    view: &'a ReportView<'a>,
    inputs: &'a [InputRecord],
    letters: &BTreeMap<String, String>,
) -> IndexPage<'a> {
    let m = &view.money;
    let headline = Headline {
        documented: view.trips.documented,
        trips: view.trips.total,
        has_invoices: view.data.has(crate::model::DocKind::Invoices),
        invoices_checked: view.invoices_checked,
        invoiced: amount(m.invoiced),
        supported: amount(m.supported),
        at_risk: amount(m.at_risk),
        unverified: amount(m.unverified),
        receipts_total: view.receipts.as_ref().map(|r| amount(r.total)),
        receipts_flagged: view.receipts.as_ref().map(|r| amount(r.flagged)),
        exceptions: view.exceptions.len(),
    };
    let vendors = view
        .money_by_vendor
        .iter()
        .map(|(vendor, money)| MoneyRow {
            vendor: vendor.clone(),
            invoice_no: None,
            invoiced: amount(money.invoiced),
            supported: amount(money.supported),
            at_risk: amount(money.at_risk),
            unverified: amount(money.unverified),
            letter: letters.get(vendor).cloned(),
        })
        .collect();
    let invoices = invoice_rows(view);
    let names = BrowserNames::of(view);
    let (exceptions_shown, cut) = cuts(view);
    let page = IndexView {
        generated_at: &view.generated_at,
        currency: view.config.currency.as_deref(),
        headline,
        vendors,
        invoices,
        by_vehicle: worst_first(&view.trips.by_vehicle, view),
        by_driver: worst_first(&view.trips.by_driver, view),
        by_month: worst_first(&view.trips.by_month, view),
        charts: charts_of(view),
        exceptions_shown,
        exceptions_total: view.exceptions.len(),
        cut,
        filters: filters_of(view, &names),
        not_run: view
            .not_run
            .iter()
            .map(|n| NotRunRow {
                code: n.code.as_str(),
                reason: n.reason.render(view.lang()),
            })
            .collect(),
        inputs,
        settings: serde_json::to_string_pretty(&view.config.effective).unwrap_or_default(),
    };
    IndexPage {
        page,
        rows: BrowserRows { view, names },
    }
}

/// Each invoice's money, in vendor and invoice order. A table cut to `html_rows_per_table` keeps
/// the invoices with the most at risk, then unverified: those a finance officer acts on.
fn invoice_rows(view: &ReportView<'_>) -> Table<MoneyRow> {
    let limit = view.config.html_rows_per_table;
    let invoices = &view.money_by_invoice;
    let mut kept: Vec<usize> = (0..invoices.len()).collect();
    if kept.len() > limit {
        kept.sort_by(|&a, &b| {
            let (a_money, b_money) = (&invoices[a].money, &invoices[b].money);
            (b_money.at_risk, b_money.unverified, a).cmp(&(a_money.at_risk, a_money.unverified, b))
        });
        kept.truncate(limit);
        kept.sort_unstable();
    }
    let rows = kept
        .into_iter()
        .map(|index| {
            let invoice = &invoices[index];
            MoneyRow {
                vendor: invoice.vendor.clone(),
                invoice_no: Some(invoice.invoice_no.clone()),
                invoiced: amount(invoice.money.invoiced),
                supported: amount(invoice.money.supported),
                at_risk: amount(invoice.money.at_risk),
                unverified: amount(invoice.money.unverified),
                letter: None,
            }
        })
        .collect();
    Table {
        rows,
        total: invoices.len(),
    }
}

/// The documented share of each group, the least documented first, at most
/// `html_rows_per_table` of them.
fn worst_first(groups: &BTreeMap<String, Documented>, view: &ReportView<'_>) -> Table<ShareRow> {
    let lang = view.lang();
    let mut rows: Vec<ShareRow> = groups
        .iter()
        .map(|(name, d)| ShareRow {
            name: if name == UNKNOWN {
                i18n::text(lang, "report-unknown", &Args::new())
            } else {
                name.clone()
            },
            documented: d.documented,
            total: d.total,
            percent: (d.documented * 100).checked_div(d.total).unwrap_or(100),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.documented * b.total.max(1))
            .cmp(&(b.documented * a.total.max(1)))
            .then_with(|| b.total.cmp(&a.total))
            .then_with(|| a.name.cmp(&b.name))
    });
    Table::first(rows, view.config.html_rows_per_table)
}

fn charts_of(view: &ReportView<'_>) -> Charts {
    let mut by_code: BTreeMap<&str, Decimal> = BTreeMap::new();
    for e in view.exceptions {
        *by_code.entry(e.code.as_str()).or_default() += Decimal::ONE;
    }
    Charts {
        by_code: charts::bars(
            by_code
                .into_iter()
                .map(|(c, n)| (c.to_string(), n))
                .collect(),
        ),
        at_risk_by_vendor: charts::bars(
            view.money_by_vendor
                .iter()
                .map(|(v, m)| (v.clone(), m.at_risk))
                .collect(),
        ),
        at_risk_by_vehicle: charts::bars(at_risk_by_vehicle(view)),
        consumption: charts::consumption(consumption(view), view.config.units.miles_per_gallon()),
        consumption_title: if view.config.units.miles_per_gallon() {
            "report-chart-consumption-mpg"
        } else {
            "report-chart-consumption"
        },
    }
}

/// The money at risk by vehicle, counted as the headline and the vendor chart count it (SPEC
/// §6.1): each invoice line's withheld amount (its exceptions' largest, not their sum) under the
/// vehicle it bills; in a run without invoices, each receipt's flagged amount. The bars then
/// add up to the headline's figure, and one excess described by two exceptions counts once.
/// A vehicle written two ways is one bar, named as first written.
fn at_risk_by_vehicle(view: &ReportView<'_>) -> Vec<(String, Decimal)> {
    let data = view.data;
    // Each line's (or receipt's) vehicle and amount, met one at a time: a month has millions.
    let at_risk: Box<dyn Iterator<Item = (&Option<Ident>, Decimal)>> =
        if data.has(DocKind::Invoices) {
            Box::new(
                (view.lines.iter().enumerate())
                    .map(|(index, line)| (view.line_vehicle(index), line.withheld())),
            )
        } else {
            Box::new(
                (view.receipt_flagged.iter())
                    .map(|(receipt, flagged)| (&data.receipts[receipt].vehicle_id, flagged)),
            )
        };
    let mut by_vehicle: HashMap<&str, (&str, Decimal)> = HashMap::new();
    for (vehicle, at_risk) in at_risk {
        if let Some(vehicle) = vehicle
            && at_risk > Decimal::ZERO
        {
            let bar = by_vehicle.entry(vehicle.key());
            bar.or_insert((vehicle.text(), Decimal::ZERO)).1 += at_risk;
        }
    }
    by_vehicle
        .into_values()
        .map(|(name, at_risk)| (name.to_string(), at_risk))
        .collect()
}

/// Each vehicle's consumption over the run (fuel bought on its receipts, distance from its trip
/// tickets, without the readings left out of its odometer sequence) against the fleet list's
/// norm, only where all three are known: litres per 100 km, or with miles and gallons miles
/// per gallon, as the consumption rule reads the norm.
fn consumption(view: &ReportView<'_>) -> Vec<(String, Decimal, Decimal)> {
    let data = view.data;
    let odometers = view.odometers;
    // Summed per vehicle over every trip and receipt of the run, and only looked up after: a
    // hash map, not an ordered one (the order is the fleet list's).
    let mut km: HashMap<&str, Decimal> = HashMap::new();
    for (index, trip) in data.trips.iter().enumerate() {
        if let (Some(v), Some(distance)) = (&trip.vehicle_id, odometers.trip_distance(data, index))
            && distance > Decimal::ZERO
        {
            *km.entry(v.key()).or_default() += distance;
        }
    }
    let mut litres: HashMap<&str, Decimal> = HashMap::new();
    for receipt in &data.receipts {
        if let (Some(v), Some(l)) = (&receipt.vehicle_id, receipt.litres())
            && l > Decimal::ZERO
        {
            *litres.entry(v.key()).or_default() += l;
        }
    }
    data.vehicles
        .iter()
        .filter_map(|vehicle| {
            let id = vehicle.vehicle_id.as_ref()?;
            let norm = vehicle.l_per_100km()?;
            let km = *km.get(id.key())?;
            let litres = *litres.get(id.key())?;
            let actual = if view.config.units.miles_per_gallon() {
                km.checked_div(litres)?
            } else {
                (litres * Decimal::ONE_HUNDRED).checked_div(km)?
            };
            Some((id.text().to_string(), actual, norm))
        })
        .collect()
}

/// The name the browser gives each exception's vehicle and vendor: one per vehicle and per
/// vendor, as first written in the exceptions' order. `UN-102` and `un 102`, or `Total Énergies`
/// and `TOTAL ENERGIES`, are one entry in the filter, so filtering on one shows them all. Each
/// trace still shows every document as it was written.
struct BrowserNames<'a> {
    vehicles: Vec<Option<&'a str>>,
    vendors: Vec<Option<&'a str>>,
}

impl<'a> BrowserNames<'a> {
    fn of(view: &'a ReportView<'_>) -> BrowserNames<'a> {
        let data = view.data;
        let mut vehicle_names: HashMap<String, &'a str> = HashMap::new();
        let mut vendor_names: HashMap<String, &'a str> = HashMap::new();
        let mut vehicles = Vec::with_capacity(view.exceptions.len());
        let mut vendors = Vec::with_capacity(view.exceptions.len());
        for e in view.exceptions {
            vehicles.push(
                e.vehicle_id
                    .as_deref()
                    .map(|text| *vehicle_names.entry(normalise_id(text)).or_insert(text)),
            );
            // A vendor's key is its document's (the config's `names` may join two names);
            // findings on no vendor's document fold the name as written.
            let document_vendor = match e.target {
                Target::Receipt(r) => data.receipts[r].vendor.as_ref(),
                Target::InvoiceLine(l) | Target::Invoice(l) => {
                    data.invoice_lines[l].vendor.as_ref()
                }
                Target::Price(p) => data.prices[p].vendor.as_ref(),
                Target::Trip(_) | Target::Vehicle(_) | Target::VoucherSeries => None,
            };
            vendors.push(e.vendor.as_deref().map(|text| {
                let key = document_vendor.map_or_else(|| fold_name(text), |v| v.key().to_string());
                *vendor_names.entry(key).or_insert(text)
            }));
        }
        BrowserNames { vehicles, vendors }
    }
}

fn filters_of(view: &ReportView<'_>, names: &BrowserNames<'_>) -> Filters {
    let mut codes = BTreeSet::new();
    let mut severities = BTreeSet::new();
    let mut drivers = BTreeSet::new();
    // Gathered by borrowed name, then copied once each: not once per exception.
    for e in view.exceptions {
        codes.insert(e.code.as_str());
        severities.insert((std::cmp::Reverse(e.severity), e.severity.as_str()));
        drivers.extend(e.driver.as_deref());
    }
    let vehicles: BTreeSet<&str> = names.vehicles.iter().flatten().copied().collect();
    let vendors: BTreeSet<&str> = names.vendors.iter().flatten().copied().collect();
    let owned = |names: BTreeSet<&str>| names.into_iter().map(str::to_string).collect();
    Filters {
        codes: codes.into_iter().collect(),
        severities: severities.into_iter().map(|(_, s)| s).collect(),
        vehicles: owned(vehicles),
        vendors: owned(vendors),
        drivers: owned(drivers),
    }
}

/// How many rows the browser holds, and the codes of which it holds only the first
/// `html_rows_per_code`.
fn cuts(view: &ReportView<'_>) -> (usize, Vec<Cut>) {
    let limit = view.config.html_rows_per_code;
    let mut per_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    for e in view.exceptions {
        *per_code.entry(e.code.as_str()).or_default() += 1;
    }
    let shown = per_code.values().map(|&total| total.min(limit)).sum();
    let cut = per_code
        .into_iter()
        .filter(|&(_, total)| total > limit)
        .map(|(code, total)| Cut {
            code,
            shown: limit,
            total,
        })
        .collect();
    (shown, cut)
}

/// The browser's rows: the first `html_rows_per_code` exceptions of each code, in report order.
struct BrowserRows<'a> {
    view: &'a ReportView<'a>,
    names: BrowserNames<'a>,
}

impl BrowserRows<'_> {
    /// Each row made as it is asked for: a month's thousands of rows with their traces are
    /// never held together.
    fn iter(&self) -> impl Iterator<Item = ExceptionRow> + '_ {
        let limit = self.view.config.html_rows_per_code;
        let mut shown: HashMap<&'static str, usize> = HashMap::new();
        (self.view.exceptions.iter().enumerate())
            .filter(move |(_, e)| {
                let count = shown.entry(e.code.as_str()).or_default();
                *count += 1;
                *count <= limit
            })
            .map(|(index, e)| self.row(index, e.target))
    }

    fn row(&self, index: usize, target: Target) -> ExceptionRow {
        let view = self.view;
        let record = view.exception_record(index);
        ExceptionRow {
            id: record.id.to_string(),
            code: record.code,
            severity: record.severity,
            document: record.document,
            vehicle: self.names.vehicles[index].unwrap_or_default().to_string(),
            vendor: self.names.vendors[index].unwrap_or_default().to_string(),
            driver: record.driver.unwrap_or_default().to_string(),
            date: record.date.clone().unwrap_or_default(),
            amount: record.amount_at_risk.clone(),
            message: record.message.to_string(),
            source: record.source.to_string(),
            rule: crate::rules::find(record.code)
                .map_or_else(String::new, |r| r.info().summary(view.lang())),
            evidence: record
                .evidence
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.to_string(), value)
                })
                .collect(),
            trace: trace(view, target),
        }
    }
}

/// The documents an exception concerns, along the chain invoice line → receipt → trip.
fn trace(view: &ReportView<'_>, target: Target) -> Vec<TraceDoc> {
    let links = view.links;
    let (line, receipt, trip) = match target {
        Target::InvoiceLine(l) | Target::Invoice(l) => {
            let receipt = links.line_receipt.get(l).map(|(r, _)| r);
            let trip = receipt.and_then(|r| links.receipt_trip.get(r).map(|(t, _)| t));
            (Some(l), receipt, trip)
        }
        Target::Receipt(r) => (
            links.receipt_lines.of(r).first(),
            Some(r),
            links.receipt_trip.get(r).map(|(t, _)| t),
        ),
        Target::Trip(t) => (None, links.trip_receipts.of(t).first(), Some(t)),
        Target::Vehicle(_) | Target::Price(_) | Target::VoucherSeries => (None, None, None),
    };
    let data = view.data;
    let mut docs = Vec::new();
    if let Some(l) = line {
        let line = &data.invoice_lines[l];
        docs.push(TraceDoc {
            document: "document-invoice_line",
            source: line.prov.to_string(),
            fields: [
                field("invoice_no", text(&line.invoice_no), FieldKind::Text),
                field("line_no", Some(line.line_no.to_string()), FieldKind::Text),
                field("vendor", text(&line.vendor), FieldKind::Text),
                field("receipt_no", text(&line.receipt_no), FieldKind::Text),
                field("vehicle_id", text(&line.vehicle_id), FieldKind::Text),
                field("date", text(&line.date), FieldKind::Date),
                field("litres", text(&line.litres()), FieldKind::Number),
                field("unit_price", text(&line.unit_price()), FieldKind::Money),
                field("amount", text(&line.amount()), FieldKind::Money),
            ]
            .into_iter()
            .flatten()
            .collect(),
        });
    }
    if let Some(r) = receipt {
        let receipt = &data.receipts[r];
        docs.push(TraceDoc {
            document: "document-receipt",
            source: receipt.prov.to_string(),
            fields: [
                field("receipt_no", text(&receipt.receipt_no), FieldKind::Text),
                field("vendor", text(&receipt.vendor), FieldKind::Text),
                field("vehicle_id", text(&receipt.vehicle_id), FieldKind::Text),
                field("date", text(&receipt.date), FieldKind::Date),
                field("fuel_type", text(&receipt.fuel_type), FieldKind::Text),
                field("litres", text(&receipt.litres()), FieldKind::Number),
                field("amount", text(&receipt.amount()), FieldKind::Money),
                field("odometer", text(&receipt.odometer()), FieldKind::Number),
            ]
            .into_iter()
            .flatten()
            .collect(),
        });
    }
    if let Some(t) = trip {
        let trip = &data.trips[t];
        docs.push(TraceDoc {
            document: "document-trip",
            source: trip.prov.to_string(),
            fields: [
                field("trip_id", text(&trip.trip_id), FieldKind::Text),
                field("vehicle_id", text(&trip.vehicle_id), FieldKind::Text),
                field("driver", text(&trip.driver), FieldKind::Text),
                field("date_out", text(&trip.date_out), FieldKind::Date),
                field(
                    "odometer_out",
                    text(&trip.odometer_out()),
                    FieldKind::Number,
                ),
                field("odometer_in", text(&trip.odometer_in()), FieldKind::Number),
                field("fuel_litres", text(&trip.fuel_litres()), FieldKind::Number),
            ]
            .into_iter()
            .flatten()
            .collect(),
        });
    }
    docs
}
