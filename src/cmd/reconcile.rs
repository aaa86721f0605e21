//! `fuelrecon reconcile`: load → link → rules → report.

use super::{Outcome, load, progress, resolve};
use crate::cli::{Lang, ReconcileArgs};
use crate::load::{FileStats, Input};
use crate::model::DocKind;
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
    let lang = match args.lang {
        Some(Lang::Fr) => "fr".to_string(),
        Some(Lang::En) => "en".to_string(),
        None => config.lang.clone().unwrap_or_else(|| "en".into()),
    };
    config.lang = Some(lang.clone());
    let loaded = load(&inputs, &config)?;
    progress("linking invoice lines, receipts and trip tickets");
    let links = crate::link::link(&loaded.dataset, &config);
    progress("running the rules");
    let ctx = Context::new(&loaded.dataset, &links, &config);
    let findings = crate::rules::run(&ctx);
    let view = ReportView::new(
        generated_at()?,
        &loaded.files,
        &loaded.dataset,
        &links,
        &findings,
        &config,
    );
    let records = input_records(&inputs, &loaded.files)?;
    progress(&format!("writing {}", out.display()));
    write_report(&view, &lang, &records, &out)?;
    println!(
        "{}; {}; {} exception(s); report in {}",
        view.headline(),
        money_headline(&view),
        view.exceptions.len(),
        out.display()
    );
    if !view.invoices_checked && view.data.has(DocKind::Invoices) {
        println!(
            "The invoices were NOT checked against receipts (no receipts file was given): {} is unverified and none of it is supported.",
            view.money.unverified
        );
    }
    let failing = args
        .fail_on
        .is_some_and(|threshold| view.exceptions.iter().any(|e| e.severity >= threshold));
    Ok(if failing {
        Outcome::FindingsAtOrAbove
    } else {
        Outcome::Done
    })
}

/// The money of the headline (SPEC §6.1): invoice money when there are invoices, all four
/// figures; else the receipts' total and what is flagged on them.
fn money_headline(view: &ReportView<'_>) -> String {
    let m = &view.money;
    match (&view.receipts, view.data.has(DocKind::Invoices)) {
        (_, true) => format!(
            "invoiced {}, supported {}, at risk {}, unverified {}",
            m.invoiced, m.supported, m.at_risk, m.unverified
        ),
        (Some(receipts), false) => format!(
            "no invoices: receipts total {}, flagged {}",
            receipts.total, receipts.flagged
        ),
        (None, false) => "no invoices or receipts: no money checked".to_string(),
    }
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
