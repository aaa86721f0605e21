//! `fuelrecon handover --ledger DB --out DIR`: the pack a successor reads on day one.

use super::Outcome;
use crate::cli::HandoverArgs;
use crate::ledger::handover::{self, HandoverView};
use crate::ledger::{self, Ledger};
use crate::report::write;

pub fn run(args: HandoverArgs) -> anyhow::Result<Outcome> {
    // Refuse a bad target before reading the ledger.
    write::check_target_marked(&args.out, handover::MARKER)?;
    let mut ledger = Ledger::open_read_only(&args.ledger)?;
    let now = ledger::now()?;
    let view = HandoverView::build(&mut ledger, now.date_naive(), ledger::stamp(now))?;
    handover::write_pack(&view, &args.out)?;
    println!(
        "{} open dispute(s) ({}) for {} vendor(s); handover in {}",
        view.count,
        view.amount,
        view.by_vendor.len(),
        args.out.display()
    );
    Ok(Outcome::Done)
}
