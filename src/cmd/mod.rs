//! Runs a parsed command line: resolves inputs from flags and config, then hands over to the
//! command. Errors carry the file (and row and column) they concern; `main` prints them.

mod accept;
mod check;
mod disputes;
mod evaluate;
mod handover;
mod progress;
mod reconcile;
mod rules;
mod sample;

use crate::cli::{Cli, Command, InputArgs};
use crate::config::Config;
use crate::i18n;
use crate::load::Input;
use crate::model::DocKind;
use anyhow::bail;
use progress::Progress;

/// How a run ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// `--fail-on` found an exception at or above its severity.
    FindingsAtOrAbove,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::FindingsAtOrAbove => 1,
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Reconcile(args) => reconcile::run(args),
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Accept(args) => accept::run(args),
        Command::Disputes(args) => disputes::run(args),
        Command::Handover(args) => handover::run(args),
        Command::Sample(args) => sample::run(args),
        Command::Evaluate(args) => evaluate::run(args),
    }
}

/// The config (from `--config`, or the defaults) and the inputs: a document kind given by flag
/// replaces that kind's files from the config.
fn resolve(args: &InputArgs) -> anyhow::Result<(Config, Vec<Input>)> {
    let mut config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::defaults(),
    };
    if let Some(period) = args.period {
        config.period = Some(period);
        // The manifest records the period the run used.
        if let Some(effective) = config.effective.as_object_mut() {
            effective.insert("period".into(), period.to_string().into());
        }
    }
    let mut inputs = Vec::new();
    for (kind, flags) in [
        (DocKind::Trips, &args.trips),
        (DocKind::Receipts, &args.receipts),
        (DocKind::Invoices, &args.invoices),
        (DocKind::Vehicles, &args.vehicles),
        (DocKind::Prices, &args.prices),
    ] {
        let paths = if flags.is_empty() {
            config.inputs.get(&kind).cloned().unwrap_or_default()
        } else {
            flags.clone()
        };
        inputs.extend(paths.iter().map(|p| Input::parse(kind, p)));
    }
    if inputs.is_empty() {
        bail!(
            "no input files: give --trips, --receipts or --invoices (or a --config that lists them)"
        );
    }
    Ok((config, inputs))
}

/// Loads the inputs for matching, showing how far it is, and says on stderr every date column
/// whose order was a guess.
fn load(
    inputs: &[Input],
    config: &Config,
    progress: &Progress,
) -> anyhow::Result<crate::load::Loaded> {
    let loaded = read(inputs, config, progress, crate::load::load_all_watched)?;
    say_guesses(loaded.files.iter(), config, progress);
    Ok(loaded)
}

/// Reads the inputs for `check` (each record looked at, none kept), as `load` does.
fn inspect(
    inputs: &[Input],
    config: &Config,
    progress: &Progress,
) -> anyhow::Result<Vec<crate::load::Inspected>> {
    let files = read(inputs, config, progress, crate::load::inspect_all_watched)?;
    say_guesses(files.iter().map(|file| &file.stats), config, progress);
    Ok(files)
}

/// How the loader reads a set of inputs, telling a watcher where it is.
type Reader<T> = fn(
    &[Input],
    &crate::load::LoadOptions,
    &(dyn Fn(crate::load::LoadProgress<'_>) + Sync),
) -> Result<T, crate::error::LoadError>;

/// Reads the inputs with `reader`, showing the stage and the rows as they go.
fn read<T>(
    inputs: &[Input],
    config: &Config,
    progress: &Progress,
    reader: Reader<T>,
) -> anyhow::Result<T> {
    progress.stage(
        "cli-progress-reading",
        &i18n::Args::new().int("files", inputs.len() as i64),
    );
    Ok(reader(inputs, &config.load, &|seen| progress.rows(seen))?)
}

/// How many totals rows a notice lists by number; the rest are counted.
const TOTALS_ROWS_SHOWN: usize = 5;

/// Says on stderr every guess made reading the files, so none is silent: each date column
/// whose order was a guess, and the rows taken for totals and not read as documents.
fn say_guesses<'a>(
    files: impl Iterator<Item = &'a crate::load::FileStats>,
    config: &Config,
    progress: &Progress,
) {
    let lang = config.lang.unwrap_or_default();
    for file in files {
        if let Some(&first) = file.totals_rows.first() {
            let shown: Vec<String> = (file.totals_rows.iter().take(TOTALS_ROWS_SHOWN))
                .map(u64::to_string)
                .collect();
            let args = i18n::Args::new()
                .text("file", &*file.source)
                .int("count", file.rows_totals as i64)
                .int("first", first as i64)
                .text("rows", shown.join(", "))
                .int(
                    "more",
                    (file.totals_rows.len().saturating_sub(TOTALS_ROWS_SHOWN)) as i64,
                );
            progress.say(&i18n::text(lang, "cli-totals-rows", &args));
        }
        for dates in &file.ambiguous_dates {
            let id = match dates.order_used {
                crate::load::DateOrder::DayFirst => "cli-ambiguous-dates-day-first",
                crate::load::DateOrder::MonthFirst => "cli-ambiguous-dates-month-first",
            };
            let args = i18n::Args::new()
                .text("file", &*file.source)
                .text("column", &dates.column)
                .text("header", &dates.header)
                .text("field", dates.field)
                .int("count", dates.values_read_differently as i64);
            progress.say(&i18n::text(lang, id, &args));
        }
    }
}

/// An error's chain on one line, as `main` prints it.
pub fn one_line(error: &anyhow::Error) -> String {
    let chain: Vec<String> = error.chain().map(ToString::to_string).collect();
    let mut message = chain.join(": ");
    message.retain(|c| c != '\n' && c != '\r');
    message
}

/// Config text that fixes an error, to print below it.
pub fn config_fix(error: &anyhow::Error) -> Option<&str> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<crate::error::LoadError>())
        .and_then(crate::error::LoadError::config_fix)
}
