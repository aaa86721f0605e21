//! Dispute letters (SPEC §6.3): one per vendor with an amount withheld, in the vendor's
//! language. A letter holds only what concerns that vendor's own invoices — never another
//! vendor's lines, never drivers, trip tickets, consumption or odometers — and says for each
//! disputed line why, in plain words, and what the vendor must send to have it paid.
//!
//! A large vendor's letter is most of a month: at a million lines, tens of thousands of
//! invoices and disputed lines, each line with its reasons. So a letter is written to its files
//! in pieces, as index.html is, and never held whole: the template `letter.html` is the page
//! with a seam where the invoices' rows go and another where the disputed lines go, its three
//! blocks ([`LETTER_BLOCKS`](crate::pages::LETTER_BLOCKS)) rendered from [`LetterView`], which
//! holds everything but the rows; between them each invoice's row and each disputed line is
//! made from the report when its turn comes, and rendered on its own by
//! `partials/letter_invoice_row.html` and `partials/letter_line.html`. The letter's CSV is
//! written line by line the same way. What a letter holds is its vendor's line numbers; the
//! rows, the only part that grows with the vendor, are held one at a time.

use super::amount;
use crate::i18n::{self, Args, Lang};
use crate::model::{Ident, InvoiceLine, fold_name};
use crate::pages::{self, Pages, PagesError};
use crate::report::view::{LineView, Money, ReportView};
use crate::rules::{Code, Exception};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The template of a letter, and the three blocks its rows are written between.
const PAGE: &str = "letter.html";
const BEFORE_INVOICE_ROWS: &str = pages::LETTER_BLOCKS[0];
const BEFORE_DISPUTED_LINES: &str = pages::LETTER_BLOCKS[1];
const AFTER_DISPUTED_LINES: &str = pages::LETTER_BLOCKS[2];
/// The template of one invoice's row, which reads it as `row`.
const INVOICE_ROW: &str = "partials/letter_invoice_row.html";
/// The template of one disputed line, which reads it as `line`.
const DISPUTED_LINE: &str = "partials/letter_line.html";

/// One vendor's letter: where it goes, what it says but its rows, and the vendor's lines its
/// rows are made from as they are written.
pub struct Letter<'a> {
    pub vendor: String,
    /// The file name without extension: a safe slug of the vendor's name, unique in the run.
    pub slug: String,
    pub lang: Lang,
    page: LetterView,
    rows: LetterRows<'a>,
}

impl Letter<'_> {
    /// Writes the letter's page into `into`: the page up to the invoices' rows, each invoice's
    /// row, the page up to the disputed lines, each line, then the rest.
    pub fn write_html(&self, pages: &Pages, mut into: impl Write) -> Result<(), PagesError> {
        let page = Pages::context_of(PAGE, &self.page)?;
        pages.render_block_to(PAGE, BEFORE_INVOICE_ROWS, &page, &mut into)?;
        for row in self.rows.invoices() {
            pages.render_view_to(INVOICE_ROW, &InvoiceRowView { row: &row }, &mut into)?;
        }
        pages.render_block_to(PAGE, BEFORE_DISPUTED_LINES, &page, &mut into)?;
        for line in self.rows.disputed() {
            pages.render_view_to(DISPUTED_LINE, &DisputedLineView { line: &line }, &mut into)?;
        }
        pages.render_block_to(PAGE, AFTER_DISPUTED_LINES, &page, &mut into)
    }

    /// Writes the letter's disputed lines into `into` as CSV, for the vendor's accounts system,
    /// each line made again as it is written.
    pub fn write_csv(&self, into: impl Write) -> csv::Result<()> {
        let mut out = csv::WriterBuilder::new().from_writer(into);
        out.write_record([
            "invoice_no",
            "line_no",
            "receipt_no",
            "fill_date",
            "vehicle_id",
            "litres",
            "billed",
            "accepted",
            "withheld",
            "reason",
            "to_send",
        ])?;
        for line in self.rows.disputed() {
            let cells = [
                line.invoice_no,
                line.line_no.to_string(),
                line.receipt_no,
                line.fill_date,
                line.vehicle,
                line.litres,
                line.billed,
                line.accepted,
                line.withheld,
                line.reasons.join(" "),
                as_sentences(&line.to_send),
            ];
            out.write_record(
                cells
                    .iter()
                    .map(|c| crate::report::csv::neutralise(c).into_owned()),
            )?;
        }
        Ok(out.flush()?)
    }
}

/// A letter but its rows.
#[derive(Serialize)]
struct LetterView {
    organisation: String,
    address: Vec<String>,
    contact: String,
    reference: String,
    date: String,
    deadline: String,
    response_days: u32,
    vendor: String,
    currency: Option<String>,
    total: Totals,
    /// How many lines are disputed: they are written after the view, not held in it.
    disputed_lines: usize,
    /// Disputes still open from earlier months, oldest first: a ledger's few, held here.
    earlier: Vec<EarlierDispute>,
}

/// What a letter's rows are made from: the vendor's lines, by index into the report's.
struct LetterRows<'a> {
    view: &'a ReportView<'a>,
    lang: Lang,
    /// Every line of the vendor, by invoice number (its key), then in the order read.
    by_invoice: Vec<usize>,
    /// The vendor's disputed lines, in the order read.
    disputed: Vec<usize>,
}

impl LetterRows<'_> {
    /// Each invoice's row, in invoice number order: the money of its lines, and its number as
    /// its first line writes it.
    fn invoices(&self) -> impl Iterator<Item = InvoiceRow> + '_ {
        let lines = &self.view.data.invoice_lines;
        self.by_invoice
            .chunk_by(|&a, &b| invoice_key(lines, a) == invoice_key(lines, b))
            .map(|invoice| {
                let mut money = Money::default();
                for &index in invoice {
                    money.add(&self.view.lines[index].money());
                }
                let invoice_no = invoice
                    .first()
                    .and_then(|&first| lines[first].invoice_no.as_ref());
                InvoiceRow {
                    invoice_no: invoice_no.map_or("", Ident::text).to_string(),
                    billed: amount(money.invoiced),
                    accepted: amount(money.supported),
                    withheld: amount(money.at_risk),
                }
            })
    }

    /// Each disputed line, with its reasons in the letter's language, in the order read.
    fn disputed(&self) -> impl Iterator<Item = DisputedLine> + '_ {
        self.disputed.iter().map(|&index| {
            let line = &self.view.data.invoice_lines[index];
            disputed_line(self.view, index, line, &self.view.lines[index], self.lang)
        })
    }
}

#[derive(Serialize)]
struct InvoiceRow {
    invoice_no: String,
    billed: String,
    accepted: String,
    withheld: String,
}

/// What `partials/letter_invoice_row.html` reads: its row.
#[derive(Serialize)]
struct InvoiceRowView<'r> {
    row: &'r InvoiceRow,
}

#[derive(Serialize)]
struct Totals {
    billed: String,
    accepted: String,
    withheld: String,
}

/// A line the vendor is not paid in full, with its reasons and what to send.
#[derive(Serialize)]
struct DisputedLine {
    invoice_no: String,
    line_no: u32,
    receipt_no: String,
    fill_date: String,
    vehicle: String,
    litres: String,
    billed: String,
    accepted: String,
    withheld: String,
    reasons: Vec<String>,
    to_send: Vec<String>,
}

/// What `partials/letter_line.html` reads: its line.
#[derive(Serialize)]
struct DisputedLineView<'r> {
    line: &'r DisputedLine,
}

/// A dispute of an earlier month still open, as the vendor's letter recalls it.
#[derive(Serialize)]
struct EarlierDispute {
    label: String,
    invoice_no: String,
    line_no: i64,
    receipt_no: String,
    fill_date: String,
    amount: String,
    opened_on: String,
    age_days: i64,
    reasons: Vec<String>,
}

/// The letters of a run, one per vendor with a line withheld or a dispute still open from an
/// earlier month (with a ledger), in vendor order; each made when it is asked for, and its rows
/// only as it is written.
pub fn letters<'a>(view: &'a ReportView<'a>) -> impl Iterator<Item = Letter<'a>> + 'a {
    let run_lang = view.lang();
    let data = view.data;
    // Each vendor's name as first written, and its lines, by borrowed key: every invoice line
    // is looked at, and none copies its vendor's key or name.
    let mut by_vendor: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for (index, line) in data.invoice_lines.iter().enumerate() {
        let Some(vendor) = &line.vendor else { continue };
        by_vendor
            .entry(vendor.key())
            .or_insert_with(|| (vendor.text(), Vec::new()))
            .1
            .push(index);
    }
    if let Some(history) = view.history {
        for dispute in &history.open_disputes {
            by_vendor
                .entry(&dispute.vendor_key)
                .or_insert_with(|| (&dispute.vendor, Vec::new()));
        }
    }
    let mut slugs: HashMap<String, u32> = HashMap::new();
    by_vendor
        .into_iter()
        .filter(move |(key, (_, lines))| {
            lines.iter().any(|&l| is_disputed(&view.lines[l]))
                || view
                    .history
                    .is_some_and(|h| h.open_disputes_of(key).next().is_some())
        })
        .map(move |(key, (name, lines))| {
            let vendor = name.to_string();
            let lang = view
                .config
                .vendors
                .get(&fold_name(&vendor))
                .and_then(|o| o.lang)
                .unwrap_or(run_lang);
            let slug = unique_slug(&vendor, &mut slugs);
            let rows = letter_rows(view, lines, lang);
            let mut page = letter_view(view, &vendor, &slug, &rows);
            page.earlier = earlier_disputes(view, key, lang);
            Letter {
                vendor,
                slug,
                lang,
                page,
                rows,
            }
        })
}

fn is_disputed(line: &LineView) -> bool {
    line.withheld() > Decimal::ZERO || line.billed().is_none()
}

/// A file name from a vendor's name: lower-case ASCII letters and digits joined by `-`, never
/// empty, never a path, unique within the run.
fn unique_slug(vendor: &str, seen: &mut HashMap<String, u32>) -> String {
    let mut slug = String::new();
    for word in vendor
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let ascii: String = fold_name(word)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if ascii.is_empty() {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&ascii);
        if slug.len() >= 60 {
            break;
        }
    }
    slug.truncate(60);
    if slug.is_empty() {
        slug.push_str("vendor");
    }
    let count = seen.entry(slug.clone()).or_insert(0);
    *count += 1;
    if *count > 1 {
        slug = format!("{slug}-{count}");
    }
    slug
}

/// The rows of a letter to the vendor of `lines` (indexes in the order read).
fn letter_rows<'a>(view: &'a ReportView<'a>, mut lines: Vec<usize>, lang: Lang) -> LetterRows<'a> {
    let disputed = lines
        .iter()
        .copied()
        .filter(|&index| is_disputed(&view.lines[index]))
        .collect();
    // Stable: an invoice's lines stay in the order read, and its first line names it.
    let data = view.data;
    lines.sort_by_key(|&index| invoice_key(&data.invoice_lines, index));
    LetterRows {
        view,
        lang,
        by_invoice: lines,
        disputed,
    }
}

/// The invoice a line is on, as invoices are told apart (its number's key; empty for none).
fn invoice_key(lines: &[InvoiceLine], index: usize) -> &str {
    lines[index].invoice_no.as_ref().map_or("", Ident::key)
}

fn letter_view(
    view: &ReportView<'_>,
    vendor: &str,
    slug: &str,
    rows: &LetterRows<'_>,
) -> LetterView {
    let config = &view.config.letter;
    let date = letter_date(view);
    let deadline = date + chrono::Days::new(u64::from(config.response_days));
    let mut total = Money::default();
    for &index in &rows.by_invoice {
        total.add(&view.lines[index].money());
    }
    LetterView {
        organisation: config.organisation.clone(),
        address: config.address.clone(),
        contact: config.contact.clone(),
        reference: format!(
            "{}/{}/{}",
            config.reference_prefix,
            date.format("%Y%m%d"),
            slug.to_uppercase()
        ),
        date: date.to_string(),
        deadline: deadline.to_string(),
        response_days: config.response_days,
        vendor: vendor.to_string(),
        currency: view.config.currency.clone(),
        total: Totals {
            billed: amount(total.invoiced),
            accepted: amount(total.supported),
            withheld: amount(total.at_risk),
        },
        disputed_lines: rows.disputed.len(),
        earlier: Vec::new(),
    }
}

/// A vendor's disputes still open from earlier months, with their age at the letter's date and
/// their reasons in vendor-facing words (never the internal messages the ledger keeps).
fn earlier_disputes(view: &ReportView<'_>, vendor_key: &str, lang: Lang) -> Vec<EarlierDispute> {
    let Some(history) = view.history else {
        return Vec::new();
    };
    let today = letter_date(view);
    history
        .open_disputes_of(vendor_key)
        .map(|d| {
            // The rule's summary for each code a vendor is told of: the ledger keeps the figures
            // of the month it was raised in, not the documents behind them.
            let mut reasons: Vec<String> = d
                .codes
                .iter()
                .filter_map(|code| Code::parse(code))
                .filter(|code| reason_ids(*code).0 != OTHER_REASON)
                .filter_map(|code| crate::rules::find(code.as_str()))
                .map(|rule| rule.info().summary(lang))
                .collect();
            reasons.dedup();
            EarlierDispute {
                label: d.label(),
                invoice_no: d.invoice_no.clone(),
                line_no: d.line_no,
                receipt_no: d.receipt_no.clone(),
                fill_date: d.fill_date.clone(),
                amount: amount(d.amount),
                opened_on: d.opened_on.to_string(),
                age_days: (today - d.opened_on).num_days(),
                reasons,
            }
        })
        .collect()
}

/// The letter's date: the day the report was generated.
fn letter_date(view: &ReportView<'_>) -> NaiveDate {
    view.generated_at
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_default()
}

fn disputed_line(
    view: &ReportView<'_>,
    index: usize,
    line: &InvoiceLine,
    money: &LineView,
    lang: Lang,
) -> DisputedLine {
    let receipt = view
        .links
        .line_receipt
        .get(index)
        .map(|(r, _)| &view.data.receipts[r]);
    let receipt_no = line
        .receipt_no
        .as_ref()
        .or(receipt.and_then(|r| r.receipt_no.as_ref()))
        .map(|r| r.text().to_string())
        .unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut reasons = Vec::new();
    let mut to_send = Vec::new();
    let mut codes_seen = Vec::new();
    for e in view.line_exceptions(index) {
        let exception = &view.exceptions[e];
        if exception.amount_at_risk <= Decimal::ZERO || codes_seen.contains(&exception.code) {
            continue;
        }
        codes_seen.push(exception.code);
        let (reason, remedy) = reason_ids(exception.code);
        let args = reason_args(view, index, &receipt_no, exception, lang);
        reasons.push(i18n::text(lang, reason, &args));
        let remedy = i18n::text(lang, remedy, &args);
        if !to_send.contains(&remedy) {
            to_send.push(remedy);
        }
    }
    if money.billed().is_none() {
        let args = Args::new().text("receipt", receipt_no.as_str());
        reasons.push(i18n::text(lang, "letter-reason-amount-unreadable", &args));
        to_send.push(i18n::text(lang, "letter-remedy-corrected-invoice", &args));
    }
    DisputedLine {
        invoice_no: text(&line.invoice_no.as_ref().map(|i| i.text().to_string())),
        line_no: line.line_no,
        receipt_no,
        fill_date: line
            .date
            .or(receipt.and_then(|r| r.date))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        vehicle: view
            .line_vehicle(index)
            .as_ref()
            .map(|v| v.text().to_string())
            .unwrap_or_default(),
        litres: line.litres().map(|l| l.to_string()).unwrap_or_default(),
        billed: money.billed().map(amount).unwrap_or_default(),
        // A line whose amount cannot be read has no figures to accept or withhold.
        accepted: money
            .billed()
            .map(|_| amount(money.accepted()))
            .unwrap_or_default(),
        withheld: money
            .billed()
            .map(|_| amount(money.withheld()))
            .unwrap_or_default(),
        reasons,
        to_send,
    }
}

/// The reason of a code a vendor is not told of in its own words.
const OTHER_REASON: &str = "letter-reason-other";

/// What to send, in one cell: each item is worded to follow "To send:" in a list (`a copy of
/// receipt R-1.`), so in a cell of its own each starts as a sentence.
fn as_sentences(items: &[String]) -> String {
    let sentence = |item: &String| {
        let mut chars = item.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect::<String>()
        })
    };
    items.iter().map(sentence).collect::<Vec<_>>().join(" ")
}

/// The catalogue ids of a code's reason and remedy, as a vendor reads them.
fn reason_ids(code: Code) -> (&'static str, &'static str) {
    match code {
        Code::BilledWithoutReceipt => ("letter-reason-no-receipt", "letter-remedy-receipt-copy"),
        Code::BilledTwice => ("letter-reason-billed-twice", "letter-remedy-credit-note"),
        Code::DuplicateDocument => ("letter-reason-duplicate-line", "letter-remedy-credit-note"),
        Code::AmountMismatch => (
            "letter-reason-amount-above-receipt",
            "letter-remedy-credit-difference",
        ),
        Code::QuantityMismatch => (
            "letter-reason-litres-above-receipt",
            "letter-remedy-credit-difference",
        ),
        Code::PriceAboveContract => (
            "letter-reason-price-above-contract",
            "letter-remedy-contract-price",
        ),
        Code::ArithmeticError => (
            "letter-reason-arithmetic",
            "letter-remedy-corrected-invoice",
        ),
        Code::UnreadableField => ("letter-reason-unreadable", "letter-remedy-legible-copy"),
        Code::MissingField | Code::InvalidValue => (
            "letter-reason-incomplete",
            "letter-remedy-corrected-invoice",
        ),
        Code::PossibleDuplicate => (
            "letter-reason-possible-duplicate",
            "letter-remedy-pump-record",
        ),
        Code::TankCapacityExceeded => ("letter-reason-over-tank", "letter-remedy-pump-record"),
        Code::VehicleMismatch => (
            "letter-reason-vehicle-mismatch",
            "letter-remedy-corrected-invoice",
        ),
        Code::ReceiptAlreadyPaid => ("letter-reason-already-paid", "letter-remedy-credit-note"),
        Code::FuelTypeMismatch => ("letter-reason-fuel-type", "letter-remedy-corrected-invoice"),
        Code::NonFuelPurchase => ("letter-reason-non-fuel", "letter-remedy-corrected-invoice"),
        Code::DateOutOfPeriod => (
            "letter-reason-out-of-period",
            "letter-remedy-corrected-invoice",
        ),
        Code::UnmatchedCredit => (
            "letter-reason-unmatched-credit",
            "letter-remedy-credit-reference",
        ),
        _ => (OTHER_REASON, "letter-remedy-receipt-copy"),
    }
}

/// What a reason may name: the receipt, the line that billed it first, and the figures the
/// vendor can check (the receipt's amount and litres, the contract price, the right amount).
fn reason_args<'a>(
    view: &ReportView<'a>,
    index: usize,
    receipt_no: &'a str,
    exception: &'a Exception,
    lang: Lang,
) -> Args<'a> {
    let data = view.data;
    let evidence =
        |key: &str| -> Option<Decimal> { exception.evidence.get(key)?.as_str()?.parse().ok() };
    let evidence_text = |key: &str| -> String {
        match exception.evidence.get(key) {
            Some(serde_json::Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let receipt = view
        .links
        .line_receipt
        .get(index)
        .map(|(r, _)| &data.receipts[r]);
    let first = view
        .links
        .line_receipt
        .get(index)
        .and_then(|(r, _)| view.links.receipt_lines.of(r).first())
        .filter(|&first| first != index)
        .map(|first| &data.invoice_lines[first]);
    let number =
        |value: Option<Decimal>| value.map_or_else(String::new, |v| i18n::format_number(lang, v));
    // Money in the decimals of the figures beside it: amounts in the line's amount's (56.00
    // beside a billed 61.00, not 56), a price in the billed price's (the contract's 1.40 beside
    // a billed 1.55, not 1.4).
    let in_decimals_of = |figure: Option<Decimal>| {
        let scale = figure.map_or(0, |f| f.scale());
        move |value: Option<Decimal>| {
            value.map_or_else(String::new, |v| {
                i18n::format_money(lang, at_least_scale(v, scale))
            })
        }
    };
    let line = &data.invoice_lines[index];
    let money = in_decimals_of(line.amount());
    let price = in_decimals_of(line.unit_price());
    Args::new()
        .text("receipt", receipt_no)
        .text(
            "first_invoice",
            first
                .and_then(|l| l.invoice_no.as_ref())
                .map(|i| i.text().to_string())
                .unwrap_or_default(),
        )
        .text(
            "first_line",
            first.map(|l| l.line_no.to_string()).unwrap_or_default(),
        )
        .text("receipt_amount", money(receipt.and_then(|r| r.amount())))
        .text("receipt_litres", number(receipt.and_then(|r| r.litres())))
        .text("contract_price", price(evidence("contract_price")))
        .text("expected_amount", money(evidence("expected_amount")))
        .text("amount_at_risk", money(Some(exception.amount_at_risk)))
        .text("paid_invoice", evidence_text("paid_invoice"))
        .text("paid_line", evidence_text("paid_line"))
}

/// The value written with at least `scale` decimals, as the figures beside it are.
fn at_least_scale(mut value: Decimal, scale: u32) -> Decimal {
    if value.scale() < scale {
        value.rescale(scale);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_unique() {
        let mut seen = HashMap::new();
        assert_eq!(
            unique_slug("Total Énergies S.A.", &mut seen),
            "total-energies-s-a"
        );
        assert_eq!(unique_slug("../../etc/passwd", &mut seen), "etc-passwd");
        assert_eq!(unique_slug("<script>", &mut seen), "script");
        assert_eq!(unique_slug("Script", &mut seen), "script-2");
        assert_eq!(unique_slug("نفط", &mut seen), "vendor");
        assert!(unique_slug(&"x".repeat(500), &mut seen).len() <= 60);
    }

    /// In the letter's CSV, two things to send read as two sentences, not one sentence run
    /// into a lower-case second.
    #[test]
    fn what_to_send_reads_as_sentences_in_one_cell() {
        let items = [
            "une copie du reçu R-1 portant le montant facturé.".to_string(),
            "une facture rectifiée pour cette ligne.".to_string(),
        ];
        assert_eq!(
            as_sentences(&items),
            "Une copie du reçu R-1 portant le montant facturé. Une facture rectifiée pour cette \
             ligne."
        );
        assert_eq!(as_sentences(&["élément.".to_string()]), "Élément.");
    }
}
