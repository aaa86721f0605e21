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
    /// Draw an audit sample from a report folder: plan its size, select, write the workpaper.
    Sample(SampleArgs),
    /// Read a tested sample back and say what it allows the auditor to conclude.
    Evaluate(EvaluateArgs),
    /// Record a reviewed run in the ledger: what it pays, and what it withholds as disputes.
    Accept(AcceptArgs),
    /// List the ledger's disputes with their age, or resolve one.
    Disputes(DisputesArgs),
    /// Write what a successor needs on day one: everything open, by vendor and by vehicle.
    Handover(HandoverArgs),
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
    /// The month reconciled (YYYY-MM): documents dated outside it are flagged. Replaces the
    /// config's `period`.
    #[arg(long, value_name = "YYYY-MM")]
    pub period: Option<crate::period::Period>,
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
    /// A folder of templates replacing the built-in ones (an organisation's own letterhead).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The ledger of accepted runs (an SQLite file, or postgres://…), read to find receipts
    /// paid in earlier months and disputes still open; never written by reconcile.
    #[arg(long, value_name = "DB")]
    pub ledger: Option<String>,
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
    /// Language of the text output (en, fr, or any language with a catalogue).
    #[arg(long)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule's code, e.g. BILLED_TWICE.
    pub code: Option<String>,
    /// The language of the manuals (default en).
    #[arg(long)]
    pub lang: Option<crate::i18n::Lang>,
}

/// `fuelrecon sample` (SPEC §7).
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// The report folder `fuelrecon reconcile --out` wrote.
    #[arg(long, value_name = "DIR")]
    pub report: PathBuf,
    /// What to sample.
    #[arg(long, value_enum, default_value = "exceptions")]
    pub population: crate::sample::population::PopulationKind,
    /// Only exceptions of this code (repeatable).
    #[arg(long = "code", value_name = "CODE")]
    pub codes: Vec<String>,
    /// Only exceptions of this severity or higher.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub severity: Option<crate::rules::Severity>,
    /// A fixed sample size, instead of a planned one.
    #[arg(long, value_name = "N")]
    pub size: Option<u64>,
    /// Confidence level for planning and evaluation.
    #[arg(long, default_value = "0.95")]
    pub confidence: String,
    /// Tolerable deviation rate (0.05) for random samples; tolerable misstatement (25000, or
    /// 5% of the population's value) for monetary-unit samples.
    #[arg(long)]
    pub tolerable: Option<String>,
    /// Deviations (or misstatements) expected in the sample.
    #[arg(long, default_value_t = 0)]
    pub expected_errors: u64,
    /// random (attribute sample) or mus (monetary-unit sample).
    #[arg(long, value_enum, default_value = "random")]
    pub method: crate::sample::Method,
    /// Seed of the ChaCha20 generator; drawn and printed when absent.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print the plan (size, formula, inputs) and draw nothing.
    #[arg(long)]
    pub plan_only: bool,
    /// The sample's folder (default: the report folder's sample/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `fuelrecon evaluate` (SPEC §7).
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The sample.csv with its result column filled in.
    #[arg(long, value_name = "FILE")]
    pub sample: PathBuf,
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The report folder `fuelrecon reconcile --out` wrote for the month.
    #[arg(long, value_name = "DIR")]
    pub report: PathBuf,
    /// The ledger: an SQLite file (created when new) or a postgres:// URL.
    #[arg(long, value_name = "DB")]
    pub ledger: String,
    /// Who accepts the run (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Language of what accept prints (default: the report's).
    #[arg(long)]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Debug, Args)]
pub struct DisputesArgs {
    #[command(subcommand)]
    pub action: Option<DisputesAction>,
    /// The ledger: an SQLite file or a postgres:// URL.
    #[arg(long, value_name = "DB", global = true)]
    pub ledger: Option<String>,
    /// Only this vendor's disputes.
    #[arg(long, value_name = "VENDOR")]
    pub vendor: Option<String>,
    /// Only the disputes still open.
    #[arg(long)]
    pub open: bool,
    /// Language of the listing.
    #[arg(long, global = true)]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum DisputesAction {
    /// Record how a dispute ended, who said so and when.
    Resolve(ResolveArgs),
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The dispute's number, as listed (D-12, or 12).
    pub id: String,
    /// How it ended: paid after all, credited by the vendor, or withdrawn.
    #[arg(long = "as", value_enum, value_name = "OUTCOME")]
    pub outcome: crate::ledger::Outcome,
    /// Why: the credit note's number, the document that settled it.
    #[arg(long, value_name = "TEXT")]
    pub note: String,
    /// Who resolves it (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct HandoverArgs {
    /// The ledger: an SQLite file or a postgres:// URL.
    #[arg(long, value_name = "DB")]
    pub ledger: String,
    /// The folder to write (an earlier handover there is replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Language of the pack.
    #[arg(long)]
    pub lang: Option<crate::i18n::Lang>,
    /// A folder of the organisation's own templates (handover.html), replacing the built-in.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}
