//! `fuelrecon check`: load and validate only. Per file, the row accounting; then every value
//! missing, unreadable or invalid, as `file[#sheet]:row  field  CODE  "raw value"`.

use super::{inspect, resolve};
use crate::cli::CheckArgs;
use crate::i18n::{self, Args, Lang};
use crate::load::{DateOrder, DecidedBy, Inspected};
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
    count: u64,
}

/// Every fuel word no family knows, in all the files, most frequent first.
fn unknown_fuel_words(files: &[Inspected]) -> Vec<WordCount<'_>> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for (word, count) in files.iter().flat_map(|file| &file.unknown_fuel_words) {
        *counts.entry(word.as_str()).or_default() += count;
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

pub fn run(args: CheckArgs) -> anyhow::Result<super::Outcome> {
    let resolved = resolve(&args.inputs);
    let lang = args
        .lang
        .or(resolved.as_ref().ok().and_then(|(config, _)| config.lang))
        .unwrap_or_default();
    let loaded = resolved.and_then(|(mut config, inputs)| {
        config.lang = Some(lang);
        inspect(&inputs, &config, &super::Progress::new(lang))
    });
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
    let files: Vec<FileOut<'_>> = loaded
        .iter()
        .map(|file| FileOut {
            summary: FileSummary::from(&file.stats),
            problems: file
                .problems
                .iter()
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
        let unknown_fuel_words = unknown_fuel_words(&loaded);
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
            write_file_text(&mut out, file, lang)?;
        }
        let unknown = unknown_fuel_words(&loaded);
        if !unknown.is_empty() {
            let words: Vec<String> = unknown
                .iter()
                .map(|w| format!("{:?} ({})", w.word, w.count))
                .collect();
            let args = Args::new().text("words", words.join(", "));
            writeln!(
                out,
                "{}",
                i18n::text(lang, "cli-check-unknown-fuels", &args)
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
fn write_file_text(out: &mut impl Write, file: &FileOut<'_>, lang: Lang) -> std::io::Result<()> {
    let s = &file.summary;
    let head = Args::new()
        .text("source", s.source)
        .text("kind", s.kind.as_str())
        .int("read", s.rows_read as i64)
        .int("loaded", s.rows_loaded as i64)
        .int("blank", s.rows_blank as i64)
        .int("totals", s.rows_totals as i64)
        .int("header", s.header_row as i64)
        .int("problems", file.problems.len() as i64);
    writeln!(out, "{}", i18n::text(lang, "cli-check-file", &head))?;
    for m in s.mapping {
        writeln!(out, "  {:<14} <- {} ({})", m.field, m.header, m.column)?;
    }
    if !s.unused_columns.is_empty() {
        let unused: Vec<String> = s
            .unused_columns
            .iter()
            .map(|u| format!("{} ({})", u.header, u.column))
            .collect();
        let args = Args::new().text("columns", unused.join(", "));
        writeln!(out, "  {}", i18n::text(lang, "cli-check-unused", &args))?;
    }
    let c = s.conventions;
    let mut read_as = Vec::new();
    if let Some(d) = &c.delimiter {
        let args = Args::new().text("delimiter", d.as_str());
        read_as.push(i18n::text(lang, "cli-check-delimiter", &args));
    }
    let args = Args::new().text("encoding", c.encoding.as_str());
    read_as.push(i18n::text(lang, "cli-check-encoding", &args));
    if let Some(mark) = &c.decimal_mark {
        let args = Args::new()
            .text("mark", mark.value.as_str())
            .text("by", by(mark.by, lang));
        read_as.push(i18n::text(lang, "cli-check-decimal-mark", &args));
    }
    if let Some(order) = &c.date_order {
        let id = match order.value {
            DateOrder::DayFirst => "cli-check-day-first",
            DateOrder::MonthFirst => "cli-check-month-first",
        };
        let args = Args::new().text("by", by(order.by, lang));
        read_as.push(i18n::text(lang, id, &args));
    }
    let args = Args::new().text("conventions", read_as.join(", "));
    writeln!(out, "  {}", i18n::text(lang, "cli-check-read-with", &args))?;
    Ok(())
}

/// What decided a convention, in words.
fn by(decided: DecidedBy, lang: Lang) -> String {
    let id = match decided {
        DecidedBy::Evidence => "cli-check-by-evidence",
        DecidedBy::Config => "cli-check-by-config",
        DecidedBy::Default => "cli-check-by-default",
    };
    i18n::text(lang, id, &Args::new())
}
