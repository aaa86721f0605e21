//! `fuelrecon rules [CODE]`: the exception catalogue, or one rule's manual, in `--lang`.

use crate::cli::RulesArgs;
use crate::i18n::{Args, text};
use crate::rules::{REGISTRY, find};
use anyhow::bail;
use std::io::Write;

pub fn run(args: RulesArgs) -> anyhow::Result<super::Outcome> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let lang = args.lang.unwrap_or_default();
    let severity = |info: &crate::rules::RuleInfo| {
        text(
            lang,
            &format!("severity-{}", info.severity.as_str()),
            &Args::new(),
        )
    };
    match args.code {
        None => {
            for rule in REGISTRY {
                let info = rule.info();
                writeln!(
                    out,
                    "{:<24} {:<7} {}",
                    info.code,
                    severity(info),
                    info.summary(lang)
                )?;
            }
        }
        Some(code) => {
            let Some(rule) = find(&code) else {
                bail!("no rule {code:?}: `fuelrecon rules` lists them all");
            };
            let info = rule.info();
            writeln!(
                out,
                "{} ({})\n{}\n",
                info.code,
                severity(info),
                info.summary(lang)
            )?;
            write!(out, "{}", info.manual(lang))?;
        }
    }
    out.flush()?;
    Ok(super::Outcome::Done)
}
