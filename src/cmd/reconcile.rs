//! `fuelrecon reconcile`: load → link → rules → report.

use super::{Outcome, Progress, load, resolve};
use crate::cli::ReconcileArgs;
use crate::i18n::{self, Args, Lang};
use crate::ledger::History;
use crate::ledger::accept::RunInput;
use crate::load::{FileStats, Input};
use crate::model::DocKind;
use crate::pages::Pages;
use crate::report::json::InputRecord;
use crate::report::{ReportView, write, write_report};
use crate::rules::Context;
use anyhow::{Context as _, bail};
use sha2::{Digest, Sha256};
use std::io::Read;

pub fn run(args: ReconcileArgs) -> anyhow::Result<Outcome> {
    let (mut config, inputs) = resolve(&args.inputs)?;
    let Some(out) = args.out.clone().or_else(|| config.out.clone()) else {
        bail!("no report folder: give --out DIR (or out = \"DIR\" in the config)");
    };
    // Refuse a bad target before the work, not after it.
    write::check_target(&out)?;
    let lang = args.lang.or(config.lang).unwrap_or_default();
    config.lang = Some(lang);
    let progress = Progress::new(lang);
    let loaded = load(&inputs, &config, &progress)?;
    progress.stage("cli-progress-linking", &Args::new());
    // The inputs' digests (for the manifest and the ledger) are taken while the records link.
    let (links, records) = crate::parallel::both(
        || crate::link::link(&loaded.dataset, &config),
        || input_records(&inputs, &loaded.files),
    );
    let records = records?;
    let history = match args.ledger.as_deref().or(config.ledger.as_deref()) {
        Some(location) => Some(History::read(location, &run_identity(&records))?),
        None => None,
    };
    progress.stage("cli-progress-rules", &Args::new());
    let mut ctx = Context::new(&loaded.dataset, &links, &config);
    ctx.history = history.as_ref();
    let findings = crate::rules::run(&ctx);
    // The report needs only which odometer readings were left out: the sequences (tens of
    // bytes a reading) go before the report is made.
    let left_out = ctx.odometers.into_left_out();
    let mut view = ReportView::new(
        generated_at()?,
        &loaded.files,
        &loaded.dataset,
        &links,
        &findings,
        &config,
        &left_out,
    );
    view.history = history.as_ref();
    let out_text = out.display().to_string();
    progress.stage("cli-progress-writing", &Args::new().text("out", &out_text));
    let templates = args.templates.clone().or_else(|| config.templates.clone());
    let pages = Pages::new(lang, templates.as_deref())?;
    write_report(&view, &pages, &records, &out)?;
    drop(progress);
    let done = Args::new()
        .int("documented", view.trips.documented as i64)
        .int("trips", view.trips.total as i64)
        .text("money", money_headline(&view, lang))
        .int("exceptions", view.exceptions.len() as i64)
        .text("out", &out_text);
    println!("{}", i18n::text(lang, "cli-reconcile-done", &done));
    if !view.invoices_checked && view.data.has(DocKind::Invoices) {
        let unverified = Args::new().money("unverified", view.money.unverified);
        println!(
            "{}",
            i18n::text(lang, "cli-invoices-not-checked", &unverified)
        );
    }
    let failing = args
        .fail_on
        .is_some_and(|threshold| view.exceptions.iter().any(|e| e.severity >= threshold));
    // The report is placed and the run is over: the process hands its memory back at once
    // when it exits, where freeing a national month's millions of records and links one by
    // one took a second.
    std::mem::forget(view);
    std::mem::forget(findings);
    std::mem::forget(links);
    std::mem::forget(loaded);
    Ok(if failing {
        Outcome::FindingsAtOrAbove
    } else {
        Outcome::Done
    })
}

/// The money of the headline (SPEC §6.1): invoice money when there are invoices, all four
/// figures; else the receipts' total and what is flagged on them.
fn money_headline(view: &ReportView<'_>, lang: Lang) -> String {
    let m = &view.money;
    match (&view.receipts, view.data.has(DocKind::Invoices)) {
        (_, true) => {
            let args = Args::new()
                .money("invoiced", m.invoiced)
                .money("supported", m.supported)
                .money("at_risk", m.at_risk)
                .money("unverified", m.unverified);
            i18n::text(lang, "cli-money-invoices", &args)
        }
        (Some(receipts), false) => {
            let args = Args::new()
                .money("total", receipts.total)
                .money("flagged", receipts.flagged);
            i18n::text(lang, "cli-money-receipts", &args)
        }
        (None, false) => i18n::text(lang, "cli-money-none", &Args::new()),
    }
}

/// This run's identity as the ledger keys accepted runs: the hash of its inputs' hashes.
fn run_identity(records: &[InputRecord]) -> String {
    let inputs: Vec<RunInput> = records
        .iter()
        .map(|r| RunInput {
            path: r.path.clone(),
            kind: r.kind.as_str().to_string(),
            size: r.size,
            sha256: r.sha256.clone(),
        })
        .collect();
    crate::ledger::accept::run_identity(&inputs)
}

/// The report's time stamp: `SOURCE_DATE_EPOCH` when set, so that reruns are byte-identical.
fn generated_at() -> anyhow::Result<String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH must be whole seconds, not {text:?}"))?,
        Err(_) => chrono::Utc::now().timestamp(),
    };
    let stamp = chrono::DateTime::from_timestamp(seconds, 0)
        .context("SOURCE_DATE_EPOCH is out of range")?;
    Ok(stamp.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Each input's size and SHA-256, for the manifest.
fn input_records(inputs: &[Input], files: &[FileStats]) -> anyhow::Result<Vec<InputRecord>> {
    inputs
        .iter()
        .zip(files)
        .map(|(input, stats)| {
            let mut file = std::fs::File::open(&input.path)
                .with_context(|| format!("{}: cannot read", input.path))?;
            let mut hasher = Sha256::new();
            let mut buffer = vec![0; 1 << 16];
            let mut size = 0u64;
            loop {
                let n = file
                    .read(&mut buffer)
                    .with_context(|| format!("{}: cannot read", input.path))?;
                if n == 0 {
                    break;
                }
                size += n as u64;
                hasher.update(&buffer[..n]);
            }
            let digest = hasher.finalize();
            Ok(InputRecord {
                path: input.path.clone(),
                kind: input.kind,
                source: stats.source.to_string(),
                size,
                sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            })
        })
        .collect()
}
