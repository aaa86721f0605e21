//! Stage 4, report: every output is rendered as bytes from one [`ReportView`], and one writer
//! places them as a folder, atomically.

mod cell;
mod csv;
mod html;
pub mod json;
mod view;
pub mod write;

pub use csv::{LINES_COLUMNS, RECEIPTS_COLUMNS, TRIPS_COLUMNS, neutralise};
pub use view::{Documented, ExceptionRecord, LineStatus, Money, ReportView};
pub use write::WriteError;

use crate::pages::Pages;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot render {file}: {cause}")]
    Json {
        file: &'static str,
        cause: serde_json::Error,
    },
    #[error("cannot render {file}: {cause}")]
    Csv {
        file: &'static str,
        cause: ::csv::Error,
    },
    #[error(transparent)]
    Page(#[from] crate::pages::PagesError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// One output file: its name and how it renders, written as it is made.
enum Output {
    Json(
        &'static str,
        fn(&ReportView<'_>, &mut dyn Write) -> serde_json::Result<()>,
    ),
    Csv(
        &'static str,
        fn(&ReportView<'_>, &mut dyn Write) -> ::csv::Result<()>,
    ),
}

/// The files of SPEC §6 that this version writes, besides the pages and the manifest.
/// trips.csv and receipts.csv are the registers auditors sample from.
const OUTPUTS: [Output; 7] = [
    Output::Json("exceptions.json", json::exceptions),
    Output::Csv("exceptions.csv", csv::exceptions),
    Output::Json("summary.json", json::summary),
    Output::Csv("lines.csv", csv::lines),
    Output::Csv("matches.csv", csv::matches),
    Output::Csv("trips.csv", csv::trips),
    Output::Csv("receipts.csv", csv::receipts),
];

impl Output {
    fn name(&self) -> &'static str {
        let (Output::Json(name, _) | Output::Csv(name, _)) = self;
        name
    }
}

/// The order the data files are taken in by the workers: the longest first at a large month
/// (measured at a million rows a file), so that no long file is left to run alone at the end.
/// The manifest lists them in the order of [`OUTPUTS`], whichever is taken first.
const LONGEST_FIRST: [&str; 7] = [
    "receipts.csv",
    "matches.csv",
    "lines.csv",
    "trips.csv",
    "exceptions.json",
    "exceptions.csv",
    "summary.json",
];

/// What one worker writes: a data file, or the pages.
enum Job<'o> {
    Data(&'o Output),
    Pages,
}

/// Renders every output into the folder `out`, the files side by side on the machine's cores,
/// each written as it is made, and places the folder only when all are written. The manifest
/// lists the files in a fixed order, whichever finished first.
pub fn write_report(
    view: &ReportView<'_>,
    pages: &Pages,
    inputs: &[json::InputRecord],
    out: &Path,
) -> Result<(), ReportError> {
    let staging = write::Staging::new(out)?;
    // The pages are among the longest jobs: taken first, they never run alone at the end.
    let data = LONGEST_FIRST
        .iter()
        .filter_map(|name| OUTPUTS.iter().find(|output| output.name() == *name));
    let jobs: Vec<Job<'_>> = std::iter::once(Job::Pages)
        .chain(data.map(Job::Data))
        .collect();
    let done = crate::parallel::in_order(&jobs, |job| match job {
        // A data file's name is listed from OUTPUTS; the pages' names only they know.
        Job::Data(output) => write_output(view, output, &staging).map(|()| Vec::new()),
        Job::Pages => write_pages(view, pages, inputs, &staging),
    });
    let mut done = done.into_iter();
    let pages_written = done.next().transpose()?.unwrap_or_default();
    for files in done {
        files?;
    }
    let mut written: Vec<String> = OUTPUTS.iter().map(|o| o.name().to_string()).collect();
    written.extend(pages_written);
    written.push(write::MARKER.to_string());
    let mut manifest = staging.create(Path::new(write::MARKER))?;
    json::manifest(view, pages.lang(), inputs, &written, &mut manifest).map_err(|cause| {
        ReportError::Json {
            file: write::MARKER,
            cause,
        }
    })?;
    manifest.finish()?;
    Ok(staging.place()?)
}

/// One data file, written row by row.
fn write_output(
    view: &ReportView<'_>,
    output: &Output,
    staging: &write::Staging,
) -> Result<(), ReportError> {
    let file = output.name();
    let mut into = staging.create(Path::new(file))?;
    match output {
        Output::Json(file, render) => {
            render(view, &mut into).map_err(|cause| ReportError::Json { file, cause })?
        }
        Output::Csv(file, render) => {
            render(view, &mut into).map_err(|cause| ReportError::Csv { file, cause })?
        }
    }
    into.finish()?;
    Ok(())
}

/// The dispute letters (HTML and CSV, each in its vendor's language, each written row by row
/// as index.html is), then index.html, which links to them.
fn write_pages(
    view: &ReportView<'_>,
    pages: &Pages,
    inputs: &[json::InputRecord],
    staging: &write::Staging,
) -> Result<Vec<String>, ReportError> {
    let mut written = Vec::new();
    let mut letter_files = BTreeMap::new();
    for letter in html::letters(view) {
        let page = format!("disputes/{}.html", letter.slug);
        let mut into = staging.create(Path::new(&page))?;
        letter.write_html(&pages.for_lang(letter.lang), &mut into)?;
        into.finish()?;
        let csv_file = format!("disputes/{}.csv", letter.slug);
        let mut into = staging.create(Path::new(&csv_file))?;
        letter
            .write_csv(&mut into)
            .map_err(|cause| ReportError::Csv {
                file: "disputes/*.csv",
                cause,
            })?;
        into.finish()?;
        written.push(page.clone());
        written.push(csv_file);
        letter_files.insert(letter.vendor, page);
    }
    let mut index = staging.create(Path::new("index.html"))?;
    html::index_page(view, inputs, &letter_files).write_to(pages, &mut index)?;
    index.finish()?;
    written.push("index.html".to_string());
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_is_taken_once() {
        let mut taken = LONGEST_FIRST.to_vec();
        taken.sort_unstable();
        let mut outputs: Vec<&str> = OUTPUTS.iter().map(Output::name).collect();
        outputs.sort_unstable();
        assert_eq!(taken, outputs);
    }
}
