//! Stage 4, report: every output is rendered as bytes from one [`ReportView`], and one writer
//! places them as a folder, atomically.

mod csv;
pub mod json;
mod view;
pub mod write;

pub use view::{Documented, Money, ReportView};
pub use write::WriteError;

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
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
}

/// Renders every output file of SPEC §6 that this version writes.
pub fn render(
    view: &ReportView<'_>,
    lang: &str,
    inputs: &[json::InputRecord],
) -> Result<Vec<(PathBuf, Vec<u8>)>, RenderError> {
    let json_file = |file: &'static str, bytes: serde_json::Result<Vec<u8>>| {
        bytes
            .map(|b| (PathBuf::from(file), b))
            .map_err(|cause| RenderError::Json { file, cause })
    };
    let csv_file = |file: &'static str, bytes: ::csv::Result<Vec<u8>>| {
        bytes
            .map(|b| (PathBuf::from(file), b))
            .map_err(|cause| RenderError::Csv { file, cause })
    };
    Ok(vec![
        json_file("exceptions.json", json::exceptions(view))?,
        csv_file("exceptions.csv", csv::exceptions(view))?,
        json_file("summary.json", json::summary(view))?,
        csv_file("matches.csv", csv::matches(view))?,
        json_file("manifest.json", json::manifest(view, lang, inputs))?,
    ])
}
