//! `fuelrecon accept --report DIR --ledger DB`: records a reviewed run in the ledger.

use super::Outcome;
use crate::cli::AcceptArgs;
use crate::i18n::{Args, Lang, text};
use crate::ledger::disputes::short_run;
use crate::ledger::{self, AcceptOutcome, Ledger, accept::read_report};

pub fn run(args: AcceptArgs) -> anyhow::Result<Outcome> {
    // Read the whole report before touching the ledger: a bad folder changes nothing.
    let run = read_report(&args.report)?;
    let lang = args
        .lang
        .or_else(|| run.lang.parse::<Lang>().ok())
        .unwrap_or_default();
    let mut ledger = Ledger::open(&args.ledger)?;
    let outcome = ledger.accept(&run, &who(args.by), ledger::now()?)?;
    let said = match outcome {
        AcceptOutcome::Recorded {
            run_id,
            lines,
            paid,
            accepted,
            disputes,
            withheld,
        } => text(
            lang,
            "ledger-accepted",
            &Args::new()
                .text("run", short_run(&run_id))
                .text("ledger", ledger.location())
                .int("lines", count(lines))
                .int("paid", count(paid))
                .money("accepted", accepted)
                .int("disputes", count(disputes.len()))
                .money("withheld", withheld),
        ),
        AcceptOutcome::AlreadyAccepted {
            run_id,
            accepted_by,
            accepted_at,
            report_dir,
        } => text(
            lang,
            "ledger-already-accepted",
            &Args::new()
                .text("run", short_run(&run_id))
                .text("at", accepted_at)
                .text("by", accepted_by)
                .text("report", report_dir),
        ),
    };
    println!("{said}");
    Ok(Outcome::Done)
}

/// A count as the catalogue's plurals take it.
pub(super) fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Who is acting: `--by`, else the login name, else "unknown".
pub(super) fn who(by: Option<String>) -> String {
    by.filter(|b| !b.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}
