//! The command line (SPEC §5), as close to the flags as possible; `cmd` turns it into a run.

use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "fuelrecon",
    version,
    about = "Reconcile fuel invoices, receipts and trip tickets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Link invoice lines, receipts and trip tickets, raise exceptions and write the report.
    Reconcile(ReconcileArgs),
    /// Load and validate the inputs only: rows read, and every value missing or unreadable.
    Check(CheckArgs),
    /// Print the exception catalogue, or one rule's full explanation.
    Rules(RulesArgs),
}

/// The input files, from flags or a config file (flags win).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Trip tickets (CSV or spreadsheet; FILE#Sheet picks a sheet).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub trips: Vec<String>,
    /// Fuel receipts.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub receipts: Vec<String>,
    /// Vendor invoices, one row per invoice line.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub invoices: Vec<String>,
    /// The fleet: tank sizes, fuel types, expected consumption.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub vehicles: Vec<String>,
    /// Contract prices per vendor and fuel type.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub prices: Vec<String>,
    /// A TOML file with inputs, tolerances and aliases.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Language of the report and its messages (en, fr, or any language with a catalogue).
    #[arg(long)]
    pub lang: Option<Lang>,
    /// The report folder; an earlier report there is replaced.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Exit 1 when an exception of this severity or higher is raised.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::rules::Severity>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule's code, e.g. BILLED_TWICE.
    pub code: Option<String>,
}
