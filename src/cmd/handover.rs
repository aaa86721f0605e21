//! `fuelrecon handover --ledger DB --out DIR`: the pack a successor reads on day one.

use super::Outcome;
use super::accept::count;
use crate::cli::HandoverArgs;
use crate::i18n::{Args, text};
use crate::ledger::handover::{self, HandoverView};
use crate::ledger::{self, Ledger};
use crate::pages::Pages;
use crate::report::write;

pub fn run(args: HandoverArgs) -> anyhow::Result<Outcome> {
    // Refuse a bad target, or templates that do not compile, before reading the ledger.
    write::check_target_marked(&args.out, handover::MARKER)?;
    let lang = args.lang.unwrap_or_default();
    let pages = Pages::new(lang, args.templates.as_deref())?;
    let mut ledger = Ledger::open_read_only(&args.ledger)?;
    let now = ledger::now()?;
    let view = HandoverView::build(&mut ledger, now.date_naive(), ledger::stamp(now), lang)?;
    handover::write_pack(&view, &pages, &args.out)?;
    let out = args.out.display().to_string();
    println!(
        "{}",
        text(
            lang,
            "handover-written",
            &Args::new()
                .int("count", count(view.count))
                .money("amount", view.amount)
                .int("vendors", count(view.by_vendor.len()))
                .text("out", out),
        )
    );
    Ok(Outcome::Done)
}
