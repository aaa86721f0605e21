//! `fuelrecon rules [CODE]`: the exception catalogue, or one rule's manual.

use crate::cli::RulesArgs;
use crate::rules::{REGISTRY, find};
use anyhow::bail;
use std::io::Write;

pub fn run(args: RulesArgs) -> anyhow::Result<super::Outcome> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.code {
        None => {
            for rule in REGISTRY {
                let info = rule.info();
                writeln!(
                    out,
                    "{:<24} {:<7} {}",
                    info.code,
                    info.severity.as_str(),
                    info.summary
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
                info.severity.as_str(),
                info.summary
            )?;
            for line in info.manual.lines() {
                writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
            }
        }
    }
    out.flush()?;
    Ok(super::Outcome::Done)
}
