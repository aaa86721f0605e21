//! `fuelrecon disputes`: lists the ledger's disputes with their age, or resolves one.

use super::Outcome;
use super::accept::{count, who};
use crate::cli::{DisputesAction, DisputesArgs, ResolveArgs};
use crate::i18n::{Args, Lang, format_date, format_money, text};
use crate::ledger::disputes::{Dispute, parse_label};
use crate::ledger::{self, DisputeFilter, Ledger};
use crate::model::fold_name;
use anyhow::{Context, bail};
use rust_decimal::Decimal;

pub fn run(args: DisputesArgs) -> anyhow::Result<Outcome> {
    let Some(location) = args.ledger.clone() else {
        bail!("no ledger: give --ledger DB (an SQLite file or a postgres:// URL)");
    };
    let lang = args.lang.unwrap_or_default();
    match args.action {
        Some(DisputesAction::Resolve(resolve_args)) => resolve(&location, resolve_args, lang),
        None => list(&location, &args, lang),
    }
}

fn list(location: &str, args: &DisputesArgs, lang: Lang) -> anyhow::Result<Outcome> {
    let mut ledger = Ledger::open_read_only(location)?;
    let today = ledger::now()?.date_naive();
    let disputes = ledger.disputes(&DisputeFilter {
        vendor_key: args.vendor.as_deref().map(fold_name),
        open_only: args.open,
    })?;
    print!("{}", table(&disputes, today, lang));
    Ok(Outcome::Done)
}

fn status(lang: Lang, dispute: &Dispute) -> String {
    text(
        lang,
        &format!("dispute-status-{}", dispute.status()),
        &Args::new(),
    )
}

/// The listing: one aligned row per dispute, then the totals.
fn table(disputes: &[Dispute], today: chrono::NaiveDate, lang: Lang) -> String {
    let header = [
        "id", "age", "opened", "status", "vendor", "invoice", "line", "receipt", "amount", "reason",
    ]
    .map(|column| text(lang, &format!("dispute-col-{column}"), &Args::new()));
    let rows: Vec<[String; 10]> = disputes
        .iter()
        .map(|d| {
            [
                d.label(),
                text(
                    lang,
                    "dispute-age",
                    &Args::new().int("days", d.age_days(today)),
                ),
                format_date(lang, d.opened_on),
                status(lang, d),
                d.vendor.clone(),
                d.invoice_no.clone(),
                d.line_no.to_string(),
                d.receipt_no.clone(),
                format_money(lang, d.amount),
                d.reason.clone(),
            ]
        })
        .collect();
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String; 10]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&header);
    rows.iter().for_each(&mut line);
    let open: Vec<&Dispute> = disputes.iter().filter(|d| d.is_open()).collect();
    let open_amount: Decimal = open.iter().map(|d| d.amount).sum();
    out.push_str(&text(
        lang,
        "disputes-total",
        &Args::new()
            .int("count", count(disputes.len()))
            .int("open", count(open.len()))
            .money("amount", open_amount),
    ));
    out.push('\n');
    out
}

fn resolve(location: &str, args: ResolveArgs, lang: Lang) -> anyhow::Result<Outcome> {
    let id = parse_label(&args.id).with_context(|| {
        format!(
            "{:?} is not a dispute number: give one as listed, e.g. D-12",
            args.id
        )
    })?;
    let mut ledger = Ledger::open(location)?;
    let dispute = ledger.resolve(id, args.outcome, &args.note, &who(args.by), ledger::now()?)?;
    println!(
        "{}",
        text(
            lang,
            "dispute-resolved",
            &Args::new()
                .text("id", dispute.label())
                .text("outcome", status(lang, &dispute))
                .text("vendor", dispute.vendor.as_str())
                .text("invoice", dispute.invoice_no.as_str())
                .int("line", dispute.line_no)
                .money("amount", dispute.amount),
        )
    );
    Ok(Outcome::Done)
}
