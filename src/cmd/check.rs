//! `fuelrecon check`: load and validate only. Per file, the row accounting; then every value
//! missing, unreadable or invalid, as `file[#sheet]:row  field  CODE  "raw value"`.

use super::{load, resolve};
use crate::cli::CheckArgs;
use crate::load::FileStats;
use crate::model::{Dataset, FieldProblem};
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
    path: &'a str,
    source: &'a str,
    kind: &'a str,
    header_row: u64,
    rows_read: u64,
    rows_loaded: u64,
    rows_blank: u64,
    problems: Vec<ProblemOut<'a>>,
}

#[derive(Serialize)]
struct CheckOut<'a> {
    files: Vec<FileOut<'a>>,
}

/// Every record's problems, by source, in row order.
fn problems_by_source(data: &Dataset) -> HashMap<&str, Vec<(u64, &FieldProblem)>> {
    let mut by_source: HashMap<&str, Vec<(u64, &FieldProblem)>> = HashMap::new();
    let records = data
        .trips
        .iter()
        .map(|r| (&r.prov, &r.problems))
        .chain(data.receipts.iter().map(|r| (&r.prov, &r.problems)))
        .chain(data.invoice_lines.iter().map(|r| (&r.prov, &r.problems)))
        .chain(data.vehicles.iter().map(|r| (&r.prov, &r.problems)))
        .chain(data.prices.iter().map(|r| (&r.prov, &r.problems)));
    for (prov, problems) in records {
        for problem in problems {
            by_source
                .entry(&prov.source)
                .or_default()
                .push((prov.row, problem));
        }
    }
    for list in by_source.values_mut() {
        list.sort_by_key(|(row, _)| *row);
    }
    by_source
}

pub fn run(args: CheckArgs) -> anyhow::Result<super::Outcome> {
    let (config, inputs) = resolve(&args.inputs)?;
    let loaded = load(&inputs, &config)?;
    let problems = problems_by_source(&loaded.dataset);
    let files: Vec<FileOut<'_>> = loaded
        .files
        .iter()
        .map(|file: &FileStats| FileOut {
            path: &file.path,
            source: &file.source,
            kind: file.kind.as_str(),
            header_row: file.header_row,
            rows_read: file.rows_read,
            rows_loaded: file.rows_loaded,
            rows_blank: file.rows_blank,
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
        serde_json::to_writer_pretty(&mut out, &CheckOut { files })?;
        writeln!(out)?;
    } else {
        for file in &files {
            writeln!(
                out,
                "{} ({}): {} rows read, {} loaded, {} blank; header at row {}; {} problem(s)",
                file.source,
                file.kind,
                file.rows_read,
                file.rows_loaded,
                file.rows_blank,
                file.header_row,
                file.problems.len()
            )?;
        }
        for file in &files {
            for p in &file.problems {
                writeln!(
                    out,
                    "{}:{}  {}  {}  {:?}",
                    file.source, p.row, p.field, p.code, p.raw
                )?;
            }
        }
    }
    out.flush()?;
    Ok(super::Outcome::Done)
}
