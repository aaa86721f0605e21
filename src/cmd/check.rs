//! `fuelrecon check`: load and validate only. Per file, the row accounting; then every value
//! missing, unreadable or invalid, as `file[#sheet]:row  field  CODE  "raw value"`.

use super::{load, resolve};
use crate::cli::CheckArgs;
use crate::load::{DecidedBy, FileStats};
use crate::model::{Dataset, FieldProblem, FuelType};
use crate::report::json::FileSummary;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
struct ProblemOut<'a> {
    row: u64,
    field: &'a str,
    code: &'a str,
    raw: &'a str,
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(flatten)]
    summary: FileSummary<'a>,
    problems: Vec<ProblemOut<'a>>,
}

#[derive(Serialize)]
struct CheckOut<'a> {
    files: Vec<FileOut<'a>>,
    /// Fuel words fuelrecon does not know, with how often they occur: map them in
    /// `[fuel_types]` (until then they are never compared).
    unknown_fuel_words: Vec<WordCount<'a>>,
}

#[derive(Serialize)]
struct WordCount<'a> {
    word: &'a str,
    count: usize,
}

/// Every fuel word no family knows, most frequent first.
fn unknown_fuel_words(data: &Dataset) -> Vec<WordCount<'_>> {
    let fuels = data
        .receipts
        .iter()
        .map(|r| &r.fuel_type)
        .chain(data.invoice_lines.iter().map(|l| &l.fuel_type))
        .chain(data.vehicles.iter().map(|v| &v.fuel_type))
        .chain(data.prices.iter().map(|p| &p.fuel_type));
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for fuel in fuels.flatten() {
        if let FuelType::Unknown(word) = fuel {
            *counts.entry(word.as_str()).or_default() += 1;
        }
    }
    let mut words: Vec<WordCount<'_>> = counts
        .into_iter()
        .map(|(word, count)| WordCount { word, count })
        .collect();
    words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(b.word)));
    words
}

/// What `check --json` prints when the inputs cannot be read, so a tool always gets JSON.
#[derive(Serialize)]
struct ErrorOut {
    error: String,
    /// Config text that fixes it (a `[columns.KIND]` block), when there is one.
    config_fix: Option<String>,
}

/// Every record's problems, by source, in row order.
fn problems_by_source(data: &Dataset) -> HashMap<&str, Vec<(u64, &FieldProblem)>> {
    let mut by_source: HashMap<&str, Vec<(u64, &FieldProblem)>> = HashMap::new();
    for record in data.records() {
        for problem in record.problems {
            by_source
                .entry(&record.prov.source)
                .or_default()
                .push((record.prov.row, problem));
        }
    }
    for list in by_source.values_mut() {
        list.sort_by_key(|(row, _)| *row);
    }
    by_source
}

pub fn run(args: CheckArgs) -> anyhow::Result<super::Outcome> {
    let loaded = resolve(&args.inputs).and_then(|(config, inputs)| load(&inputs, &config));
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(error) if args.json => {
            let out = ErrorOut {
                error: super::one_line(&error),
                config_fix: super::config_fix(&error).map(str::to_string),
            };
            println!("{}", serde_json::to_string_pretty(&out)?);
            return Err(error);
        }
        Err(error) => return Err(error),
    };
    let problems = problems_by_source(&loaded.dataset);
    let files: Vec<FileOut<'_>> = loaded
        .files
        .iter()
        .map(|file: &FileStats| FileOut {
            summary: FileSummary::from(file),
            problems: problems
                .get(&*file.source)
                .into_iter()
                .flatten()
                .map(|(row, p)| ProblemOut {
                    row: *row,
                    field: p.field,
                    code: p.code.as_str(),
                    raw: &p.raw,
                })
                .collect(),
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let unknown_fuel_words = unknown_fuel_words(&loaded.dataset);
        serde_json::to_writer_pretty(
            &mut out,
            &CheckOut {
                files,
                unknown_fuel_words,
            },
        )?;
        writeln!(out)?;
    } else {
        for file in &files {
            write_file_text(&mut out, file)?;
        }
        let unknown = unknown_fuel_words(&loaded.dataset);
        if !unknown.is_empty() {
            let words: Vec<String> = unknown
                .iter()
                .map(|w| format!("{:?} ({})", w.word, w.count))
                .collect();
            writeln!(
                out,
                "unknown fuel words, never compared until mapped in [fuel_types]: {}",
                words.join(", ")
            )?;
        }
        for file in &files {
            for p in &file.problems {
                writeln!(
                    out,
                    "{}:{}  {}  {}  {:?}",
                    file.summary.source, p.row, p.field, p.code, p.raw
                )?;
            }
        }
    }
    out.flush()?;
    Ok(super::Outcome::Done)
}

/// One file's row accounting, then how it was read: each field and the column that feeds it,
/// the columns left unused, and the conventions decided.
fn write_file_text(out: &mut impl Write, file: &FileOut<'_>) -> std::io::Result<()> {
    let s = &file.summary;
    writeln!(
        out,
        "{} ({}): {} rows read, {} loaded, {} blank; header at row {}; {} problem(s)",
        s.source,
        s.kind,
        s.rows_read,
        s.rows_loaded,
        s.rows_blank,
        s.header_row,
        file.problems.len()
    )?;
    for m in s.mapping {
        writeln!(out, "  {:<14} <- {} ({})", m.field, m.header, m.column)?;
    }
    if !s.unused_columns.is_empty() {
        let unused: Vec<String> = s
            .unused_columns
            .iter()
            .map(|u| format!("{} ({})", u.header, u.column))
            .collect();
        writeln!(out, "  unused columns: {}", unused.join(", "))?;
    }
    let c = s.conventions;
    let mut read_as = Vec::new();
    if let Some(d) = &c.delimiter {
        read_as.push(format!("delimiter {d}"));
    }
    read_as.push(format!("encoding {}", c.encoding));
    if let Some(mark) = &c.decimal_mark {
        read_as.push(format!(
            "decimal mark {} (by {})",
            serde_json::to_value(mark.value)
                .unwrap_or_default()
                .as_str()
                .unwrap_or_default(),
            by(mark.by)
        ));
    }
    if let Some(order) = &c.date_order {
        read_as.push(format!(
            "dates {} (by {})",
            serde_json::to_value(order.value)
                .unwrap_or_default()
                .as_str()
                .unwrap_or_default(),
            by(order.by)
        ));
    }
    writeln!(out, "  read with {}", read_as.join(", "))?;
    Ok(())
}

fn by(decided: DecidedBy) -> &'static str {
    match decided {
        DecidedBy::Evidence => "the file's own values",
        DecidedBy::Config => "the config",
        DecidedBy::Default => "default",
    }
}
