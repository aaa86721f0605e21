//! `fuelrecon accept --report DIR --ledger DB`: records a reviewed run in the ledger.

use super::Outcome;
use crate::cli::AcceptArgs;
use crate::ledger::{self, AcceptOutcome, Ledger, accept::read_report};

pub fn run(args: AcceptArgs) -> anyhow::Result<Outcome> {
    // Read the whole report before touching the ledger: a bad folder changes nothing.
    let run = read_report(&args.report)?;
    let mut ledger = Ledger::open(&args.ledger)?;
    let outcome = ledger.accept(&run, &who(args.by), ledger::now()?)?;
    match outcome {
        AcceptOutcome::Recorded {
            run_id,
            lines,
            paid,
            accepted,
            disputes,
            withheld,
        } => println!(
            "run {} accepted into {}: {lines} invoice line(s), {paid} receipt(s) paid ({accepted}), {} dispute(s) opened ({withheld})",
            ledger::disputes::short_run(&run_id),
            ledger.location(),
            disputes.len(),
        ),
        AcceptOutcome::AlreadyAccepted {
            run_id,
            accepted_by,
            accepted_at,
            report_dir,
        } => println!(
            "run {} already accepted on {accepted_at} by {accepted_by} (from {report_dir}); nothing changed",
            ledger::disputes::short_run(&run_id),
        ),
    }
    Ok(Outcome::Done)
}

/// Who is acting: `--by`, else the login name, else "unknown".
pub(super) fn who(by: Option<String>) -> String {
    by.filter(|b| !b.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}
