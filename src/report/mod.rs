//! Stage 4, report: every output is rendered as bytes from one [`ReportView`], and one writer
//! places them as a folder, atomically.

mod csv;
mod html;
pub mod json;
mod view;
pub mod write;

pub use csv::neutralise;
pub use view::{Documented, ExceptionRecord, LineStatus, Money, ReportView};
pub use write::WriteError;

use crate::pages::Pages;
use std::collections::BTreeMap;
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

/// One output file: its name and how it renders.
enum Output {
    Json(
        &'static str,
        fn(&ReportView<'_>) -> serde_json::Result<Vec<u8>>,
    ),
    Csv(&'static str, fn(&ReportView<'_>) -> ::csv::Result<Vec<u8>>),
}

/// The files of SPEC §6 that this version writes, besides the manifest. trips.csv and
/// receipts.csv are the registers auditors sample from.
const OUTPUTS: [Output; 7] = [
    Output::Json("exceptions.json", json::exceptions),
    Output::Csv("exceptions.csv", csv::exceptions),
    Output::Json("summary.json", json::summary),
    Output::Csv("lines.csv", csv::lines),
    Output::Csv("matches.csv", csv::matches),
    Output::Csv("trips.csv", csv::trips),
    Output::Csv("receipts.csv", csv::receipts),
];

/// Renders every output and writes it as the folder `out`, one file at a time (a file's bytes
/// are dropped once written), placing the folder only when all are written.
pub fn write_report(
    view: &ReportView<'_>,
    pages: &Pages,
    inputs: &[json::InputRecord],
    out: &Path,
) -> Result<(), ReportError> {
    let staging = write::Staging::new(out)?;
    let mut written = Vec::new();
    for output in &OUTPUTS {
        let (file, bytes) = match output {
            Output::Json(file, render) => (
                *file,
                render(view).map_err(|cause| ReportError::Json { file, cause })?,
            ),
            Output::Csv(file, render) => (
                *file,
                render(view).map_err(|cause| ReportError::Csv { file, cause })?,
            ),
        };
        staging.write(Path::new(file), &bytes)?;
        written.push(file.to_string());
    }
    write_pages(view, pages, inputs, &staging, &mut written)?;
    written.push(write::MARKER.to_string());
    let manifest = json::manifest(view, pages.lang(), inputs, &written).map_err(|cause| {
        ReportError::Json {
            file: "manifest.json",
            cause,
        }
    })?;
    staging.write(Path::new("manifest.json"), &manifest)?;
    Ok(staging.place()?)
}

/// The dispute letters (HTML and CSV, each in its vendor's language), then index.html, which
/// links to them.
fn write_pages(
    view: &ReportView<'_>,
    pages: &Pages,
    inputs: &[json::InputRecord],
    staging: &write::Staging,
    written: &mut Vec<String>,
) -> Result<(), ReportError> {
    let mut letter_files = BTreeMap::new();
    for letter in html::letters(view) {
        let page = pages
            .for_lang(letter.lang)
            .render_view("letter.html", &letter.view)?;
        let csv = html::letter_csv(&letter).map_err(|cause| ReportError::Csv {
            file: "disputes/*.csv",
            cause,
        })?;
        for (name, bytes) in [
            (format!("disputes/{}.html", letter.slug), page.into_bytes()),
            (format!("disputes/{}.csv", letter.slug), csv),
        ] {
            staging.write(Path::new(&name), &bytes)?;
            written.push(name);
        }
        letter_files.insert(letter.vendor, format!("disputes/{}.html", letter.slug));
    }
    let index = html::index_page(view, inputs, &letter_files);
    staging.write(
        Path::new("index.html"),
        pages.render_view("index.html", &index)?.as_bytes(),
    )?;
    written.push("index.html".to_string());
    Ok(())
}
