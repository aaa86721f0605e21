//! The template engine behind every page and letter (SPEC §6.4): the tera templates of the
//! top-level `templates/` folder, compiled into the binary by build.rs so fuelrecon runs from
//! any folder, each replaceable by a file of the same name in an organisation's own folder
//! (`--templates DIR`), typically for its letterhead.
//!
//! A template is named by its path under `templates/` (or under DIR) with `/` separators and
//! without a final `.tera`: `templates/partials/indicator_note.html.tera` is
//! `partials/indicator_note.html`, and `DIR/partials/indicator_note.html` replaces it.
//! Templates whose name ends in `.html`, `.htm`, `.xml` or `.svg` escape every value they show.
//!
//! Words come from the catalogue and numbers are written for the language, through what a
//! [`Pages`] registers, bound to its language:
//! - `t(id="msg-id", name=value, …)`: message `msg-id` (or `msg-id.attribute`); text values
//!   are shown as given and integers as counts, so format money and dates with the filters
//!   first: `t(id="headline-invoiced", amount=money.invoiced | money)`.
//! - filters `money` (the decimals it has: `"1234.50"` → `1 234,50`), `number` (shortest form,
//!   or `number(dp=1)` rounded to one decimal) and `date` (`"2020-03-05"` → `05/03/2020`);
//!   each takes a decimal string, a number, or for `date` an ISO date or date-time, and writes
//!   nothing for a null or empty value.
//! - `lang`, the language code, in every template's context (`<html lang="{{ lang }}">`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult, Value};

use crate::i18n::{self, Args, Lang, format_date, format_fixed, format_money, format_number};

/// `(name, source)` of every file under `templates/`.
static EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// Suffixes of the template names whose output is HTML or XML, so escaped.
const ESCAPED: [&str; 4] = [".html", ".htm", ".xml", ".svg"];

#[derive(Debug, thiserror::Error)]
pub enum PagesError {
    #[error("{}: cannot read the templates folder: {source}", path.display())]
    ReadOverrides {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{}: not UTF-8 text: save the template as UTF-8", path.display())]
    NotUtf8 { path: PathBuf },

    #[error("{}: the template does not compile: {message}", path.display())]
    InvalidOverride { path: PathBuf, message: String },

    #[error(
        "{}: keep the block `{block}` of the built-in {name}: the page is written in pieces \
         between its blocks (copy them from templates/{name}.tera)",
        path.display()
    )]
    MissingBlock {
        path: PathBuf,
        name: &'static str,
        block: &'static str,
    },

    /// A bug in fuelrecon's own templates; the tests render every one.
    #[error("built-in template {name} does not compile: {message}")]
    InvalidEmbedded { name: String, message: String },

    #[error("template {name}: {message}")]
    Render { name: String, message: String },

    /// The file a page is written into refused it (a full disk): the template is not at fault.
    #[error("cannot write {name}: {cause}")]
    Write { name: String, cause: io::Error },
}

/// The templates, with the catalogue function and the filters bound to one language.
#[derive(Clone)]
pub struct Pages {
    tera: Tera,
    lang: Lang,
}

impl Pages {
    /// The embedded templates, each replaced by the file of the same name in `overrides`, if
    /// any (files there that replace nothing are added, for an override's own partials).
    pub fn new(lang: Lang, overrides: Option<&Path>) -> Result<Pages, PagesError> {
        let mut tera = Tera::new();
        tera.autoescape_on(ESCAPED.to_vec());
        // Tera checks the functions and filters a template calls when it compiles it.
        bind(&mut tera, lang);
        tera.add_raw_templates(EMBEDDED.iter().copied())
            .map_err(|e| {
                let (name, message) = describe(&e);
                PagesError::InvalidEmbedded {
                    name: name.unwrap_or_default(),
                    message,
                }
            })?;
        if let Some(folder) = overrides {
            let files = read_overrides(folder)?;
            keeps_the_blocks(&files)?;
            tera.add_raw_templates(files.iter().map(|f| (&f.name, &f.source)))
                .map_err(|e| {
                    let (name, message) = describe(&e);
                    match files.iter().find(|f| Some(&f.name) == name.as_ref()) {
                        Some(file) => PagesError::InvalidOverride {
                            path: file.path.clone(),
                            message,
                        },
                        None => PagesError::InvalidOverride {
                            path: folder.to_path_buf(),
                            message: format!("{}: {message}", name.unwrap_or_default()),
                        },
                    }
                })?;
        }
        Ok(Pages { tera, lang })
    }

    /// The same templates speaking `lang`: a vendor's letter in the vendor's language.
    pub fn for_lang(&self, lang: Lang) -> Pages {
        let mut tera = self.tera.clone();
        bind(&mut tera, lang);
        Pages { tera, lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A view as the context of template `name`: any serializable value whose fields the
    /// template reads. Built once, it serves each block of a page rendered in pieces.
    pub fn context_of<T: serde::Serialize>(name: &str, view: &T) -> Result<Context, PagesError> {
        Context::from_serialize(view).map_err(|e| PagesError::Render {
            name: name.to_string(),
            message: e.to_string(),
        })
    }

    /// Template `name` rendered with `context`; the error names the template, the line and
    /// the column.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, PagesError> {
        self.tera
            .render(name, context)
            .map_err(|e| render_error(name, &e))
    }

    /// Renders a template from a view (any serializable value whose fields the template reads)
    /// into `into`, as it is made.
    pub fn render_view_to<T: serde::Serialize>(
        &self,
        name: &str,
        view: &T,
        into: impl Write,
    ) -> Result<(), PagesError> {
        self.render_to(name, &Self::context_of(name, view)?, into)
    }

    /// As [`Pages::render`], written into `into` as it is made: a long page is never held whole.
    pub fn render_to(
        &self,
        name: &str,
        context: &Context,
        into: impl Write,
    ) -> Result<(), PagesError> {
        let mut output = Output::new(into);
        let rendered = self.tera.render_to(name, context, &mut output);
        output.outcome(name, rendered)
    }

    /// Block `block` of template `name`, written into `into`: a piece of a page whose caller
    /// writes the long part between two blocks itself. Tera goes through the whole template to
    /// find the block, so the text around the blocks is rendered each time, and lost.
    pub fn render_block_to(
        &self,
        name: &str,
        block: &str,
        context: &Context,
        into: impl Write,
    ) -> Result<(), PagesError> {
        let mut output = Output::new(into);
        let rendered = self.tera.render_block_to(name, block, context, &mut output);
        output.outcome(name, rendered)
    }
}

/// A page's error from tera, naming the template at fault (an included partial's own name).
fn render_error(name: &str, error: &tera::Error) -> PagesError {
    let (at, message) = describe(error);
    PagesError::Render {
        name: at.unwrap_or_else(|| name.to_string()),
        message,
    }
}

/// The file a page is written into, keeping the first error it gives: tera passes on only the
/// error's kind, and a full disk must not read as a mistake in the template.
struct Output<W> {
    into: W,
    failed: Option<io::Error>,
}

impl<W: Write> Output<W> {
    fn new(into: W) -> Output<W> {
        Output { into, failed: None }
    }

    /// The result of rendering template `name` into this output.
    fn outcome(self, name: &str, rendered: TeraResult<()>) -> Result<(), PagesError> {
        rendered.map_err(|error| match self.failed {
            Some(cause) => PagesError::Write {
                name: name.to_string(),
                cause,
            },
            None => render_error(name, &error),
        })
    }

    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|error| {
            let kind = error.kind();
            self.failed.get_or_insert(error);
            io::Error::from(kind)
        })
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.into.write(bytes);
        self.keep(written)
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        let written = self.into.write_all(bytes);
        self.keep(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.into.flush();
        self.keep(flushed)
    }
}

/// Registers `lang`, `t()` and the filters, speaking `lang`, replacing any registered before.
fn bind(tera: &mut Tera, lang: Lang) {
    tera.global_context().insert("lang", lang.code());
    tera.register_function("t", move |kwargs: Kwargs, _: &State| message(lang, &kwargs));
    tera.register_filter("money", move |value: Value, _: Kwargs, _: &State| {
        decimal("money", &value).map(|d| d.map(|d| format_money(lang, d)).unwrap_or_default())
    });
    tera.register_filter("number", move |value: Value, kwargs: Kwargs, _: &State| {
        let places = kwargs.get::<u32>("dp")?;
        decimal("number", &value).map(|d| {
            d.map(|d| match places {
                Some(places) => format_fixed(lang, d, places),
                None => format_number(lang, d),
            })
            .unwrap_or_default()
        })
    });
    tera.register_filter("date", move |value: Value, _: Kwargs, _: &State| {
        date(&value).map(|d| d.map(|d| format_date(lang, d)).unwrap_or_default())
    });
}

/// The `t()` function: a catalogue message; an unknown id or a missing argument is a template
/// error naming it, since a page must not go out with an id in place of words.
fn message(lang: Lang, kwargs: &Kwargs) -> TeraResult<String> {
    let id: String = kwargs.must_get("id")?;
    let mut args = Args::new();
    for (key, value) in kwargs.iter() {
        let Some(name) = key.as_str().filter(|name| *name != "id") else {
            continue;
        };
        args = if let Some(text) = value.as_str() {
            args.text(name, text)
        } else if let Some(n) = value.as_i64() {
            args.int(name, n)
        } else if let Some(n) = value.as_f64().and_then(Decimal::from_f64) {
            args.number(name, n)
        } else if value.is_none() {
            args.text(name, "")
        } else {
            return Err(tera::Error::message(format!(
                "t(id=\"{id}\"): {name} is {}; give text or a number, and format money and dates \
                 with the money and date filters",
                value.name()
            )));
        };
    }
    let formatted = i18n::resolve(lang, &id, &args).ok_or_else(|| {
        let mut searched = format!("locales/{}/*.ftl", lang.code());
        if lang != Lang::EN {
            searched.push_str(" nor locales/en/*.ftl");
        }
        tera::Error::message(format!("t(): no message \"{id}\" in {searched}"))
    })?;
    if let Some(problem) = formatted.problems.first() {
        // Fluent reports a missing argument once per use; the first says what to fix.
        return Err(tera::Error::message(format!("t(id=\"{id}\"): {problem}")));
    }
    Ok(formatted.text)
}

/// The value a `money` or `number` filter receives, `None` for nothing to show.
fn decimal(filter: &str, value: &Value) -> TeraResult<Option<Decimal>> {
    if value.is_none() || value.as_str() == Some("") {
        return Ok(None);
    }
    let parsed = if let Some(text) = value.as_str() {
        Decimal::from_str(text.trim()).ok()
    } else if let Some(n) = value.as_i128() {
        Decimal::from_i128(n)
    } else {
        value.as_f64().and_then(Decimal::from_f64)
    };
    parsed.map(Some).ok_or_else(|| {
        tera::Error::message(format!(
            "{filter}: expected a decimal such as \"1234.50\", got {value}"
        ))
    })
}

/// The value a `date` filter receives, `None` for nothing to show.
fn date(value: &Value) -> TeraResult<Option<NaiveDate>> {
    let Some(text) = value.as_str() else {
        if value.is_none() {
            return Ok(None);
        }
        return Err(tera::Error::message(format!(
            "date: expected an ISO date such as \"2020-03-05\", got {value}"
        )));
    };
    if text.is_empty() {
        return Ok(None);
    }
    // A date-time ("2020-03-05T14:30:00") shows its day.
    let day = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            tera::Error::message(format!(
                "date: expected an ISO date such as \"2020-03-05\", got \"{text}\""
            ))
        })
}

/// The template an error is about, if tera says, and the error on one line: where, then what.
fn describe(error: &tera::Error) -> (Option<String>, String) {
    let (name, message) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let message = format!(
                "line {}, column {}: {}",
                span.start_line,
                span.start_col + 1,
                report.message()
            );
            (Some(report.filename().to_string()), message)
        }
        ErrorKind::MissingParent { current, .. } => (Some(current.clone()), error.to_string()),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            (Some(tpl.clone()), error.to_string())
        }
        _ => flatten(&error.to_string()),
    };
    (name, with_causes(message, error))
}

/// A message holding tera's multi-line reports (`error: …` then ` --> name:line:column` and
/// the source quoted), as one line naming the template of the first; other text with its lines
/// joined.
fn flatten(text: &str) -> (Option<String>, String) {
    let mut name = None;
    let mut parts = Vec::new();
    let mut pending = None;
    for line in text.lines().map(str::trim) {
        if let Some(what) = line.strip_prefix("error: ") {
            pending = Some(what);
        } else if let (Some(place), Some(what)) = (line.strip_prefix("--> "), pending) {
            let mut fields = place.rsplitn(3, ':');
            if let (Some(column), Some(row), Some(file)) =
                (fields.next(), fields.next(), fields.next())
            {
                name.get_or_insert_with(|| file.to_string());
                parts.push(format!("line {row}, column {column}: {what}"));
                pending = None;
            }
        }
    }
    if parts.is_empty() {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        (None, lines.join(" "))
    } else {
        (name, parts.join("; "))
    }
}

fn with_causes(mut message: String, error: &tera::Error) -> String {
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        cause = inner.source();
    }
    message
}

/// index.html's two blocks: the page is written as the first, the exceptions browser's rows
/// one by one, then the second, so that a page growing with the month is never held whole
/// (see `report::html::index`).
pub const INDEX_BLOCKS: [&str; 2] = ["before_exception_rows", "after_exception_rows"];

/// A dispute letter's three blocks: the letter is written as the first, each invoice's row,
/// the second, each disputed line, then the third, so that a large vendor's letter is never
/// held whole (see `report::html::letters`).
pub const LETTER_BLOCKS: [&str; 3] = [
    "before_invoice_rows",
    "before_disputed_lines",
    "after_disputed_lines",
];

/// The pages written in pieces, each with the blocks it is written between.
const WRITTEN_IN_PIECES: &[(&str, &[&str])] = &[
    ("index.html", &INDEX_BLOCKS),
    ("letter.html", &LETTER_BLOCKS),
];

/// An own template of a page written in pieces must keep the page's blocks. Said when the
/// templates are read, not when the page is written at the end of a run.
fn keeps_the_blocks(files: &[Override]) -> Result<(), PagesError> {
    for (name, blocks) in WRITTEN_IN_PIECES {
        for file in files.iter().filter(|f| f.name == *name) {
            if let Some(block) = blocks.iter().find(|b| !declares_block(&file.source, b)) {
                return Err(PagesError::MissingBlock {
                    path: file.path.clone(),
                    name,
                    block,
                });
            }
        }
    }
    Ok(())
}

/// Whether a template's text opens block `block`: a tag `{% block NAME %}`, spaced or
/// trimmed (`{%- block NAME -%}`) as tera allows.
fn declares_block(source: &str, block: &str) -> bool {
    source.split("{%").skip(1).any(|tag| {
        let tag = tag.split("%}").next().unwrap_or_default();
        let mut words = tag
            .trim_matches(|c: char| c == '-' || c.is_whitespace())
            .split_whitespace();
        words.next() == Some("block") && words.next() == Some(block)
    })
}

/// One file of an overrides folder.
struct Override {
    name: String,
    path: PathBuf,
    source: String,
}

fn read_overrides(folder: &Path) -> Result<Vec<Override>, PagesError> {
    let mut files = Vec::new();
    collect_overrides(folder, folder, &mut files)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

fn collect_overrides(
    root: &Path,
    folder: &Path,
    files: &mut Vec<Override>,
) -> Result<(), PagesError> {
    let unreadable = |source| PagesError::ReadOverrides {
        path: folder.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(folder).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if name.last().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            collect_overrides(root, &path, files)?;
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|source| PagesError::ReadOverrides {
            path: path.clone(),
            source,
        })?;
        let source =
            String::from_utf8(bytes).map_err(|_| PagesError::NotUtf8 { path: path.clone() })?;
        let name = name.join("/");
        let name = name.strip_suffix(".tera").unwrap_or(&name).to_string();
        files.push(Override { name, path, source });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
