//! `fuelrecon disputes`: lists the ledger's disputes with their age, or resolves one.

use super::Outcome;
use super::accept::who;
use crate::cli::{DisputesAction, DisputesArgs, ResolveArgs};
use crate::ledger::disputes::{Dispute, parse_label};
use crate::ledger::{self, DisputeFilter, Ledger};
use anyhow::{Context, bail};
use rust_decimal::Decimal;

pub fn run(args: DisputesArgs) -> anyhow::Result<Outcome> {
    let Some(location) = args.ledger.clone() else {
        bail!("no ledger: give --ledger DB (an SQLite file or a postgres:// URL)");
    };
    match args.action {
        Some(DisputesAction::Resolve(resolve_args)) => resolve(&location, resolve_args),
        None => list(&location, &args),
    }
}

fn list(location: &str, args: &DisputesArgs) -> anyhow::Result<Outcome> {
    let mut ledger = Ledger::open_read_only(location)?;
    let today = ledger::now()?.date_naive();
    let disputes = ledger.disputes(&DisputeFilter {
        vendor_key: args.vendor.as_deref().and_then(DisputeFilter::vendor),
        open_only: args.open,
    })?;
    print!("{}", table(&disputes, today));
    Ok(Outcome::Done)
}

fn table(disputes: &[Dispute], today: chrono::NaiveDate) -> String {
    let header = [
        "id", "age", "opened", "status", "vendor", "invoice", "line", "receipt", "amount", "reason",
    ];
    let rows: Vec<[String; 10]> = disputes
        .iter()
        .map(|d| {
            [
                d.label(),
                format!("{}d", d.age_days(today)),
                d.opened_on.to_string(),
                d.status().to_string(),
                d.vendor.clone(),
                d.invoice_no.clone(),
                d.line_no.to_string(),
                d.receipt_no.clone(),
                d.amount.to_string(),
                d.reason.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &rows {
        line(&row.each_ref().map(String::as_str));
    }
    let open: Vec<&Dispute> = disputes.iter().filter(|d| d.is_open()).collect();
    let open_amount: Decimal = open.iter().map(|d| d.amount).sum();
    out.push_str(&format!(
        "{} dispute(s), {} open ({open_amount})\n",
        disputes.len(),
        open.len()
    ));
    out
}

fn resolve(location: &str, args: ResolveArgs) -> anyhow::Result<Outcome> {
    let id = parse_label(&args.id).with_context(|| {
        format!(
            "{:?} is not a dispute number: give one as listed, e.g. D-12",
            args.id
        )
    })?;
    let mut ledger = Ledger::open(location)?;
    let dispute = ledger.resolve(id, args.outcome, &args.note, &who(args.by), ledger::now()?)?;
    println!(
        "{} resolved as {}: {} invoice {} line {}, {}",
        dispute.label(),
        dispute.status(),
        dispute.vendor,
        dispute.invoice_no,
        dispute.line_no,
        dispute.amount
    );
    Ok(Outcome::Done)
}
