//! Where a sample is written: its own folder (by default the report's `sample/`), replaced
//! whole and atomically, and only when everything in it is what fuelrecon wrote there.
//!
//! An auditor's recorded results are the one thing here that cannot be regenerated, so a
//! folder whose sample.csv no longer matches the digest sample.json recorded for it is never
//! replaced; nor is a folder holding files fuelrecon did not write.

use super::hex;
use super::sheet::{PLAN_FILE, PlanFile, SHEET_FILE};
use crate::report::write::{Staging, WriteError};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The files a sample folder may hold: all are fuelrecon's.
pub const SAMPLE_PAGE: &str = "sample.html";
pub const EVALUATION_PAGE: &str = "evaluation.html";
const OURS: [&str; 4] = [PLAN_FILE, SHEET_FILE, SAMPLE_PAGE, EVALUATION_PAGE];

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{}: is a symbolic link or not a folder; give the sample a real folder (--out)", path.display())]
    NotAFolder { path: PathBuf },
    #[error(
        "{}: holds {file}, which fuelrecon sample did not write; give an empty or new folder (--out)",
        path.display()
    )]
    Foreign { path: PathBuf, file: String },
    #[error(
        "{}: holds results recorded since the sample was drawn; evaluate it, or move it away before drawing again (or give another --out)",
        path.display()
    )]
    ResultsRecorded { path: PathBuf },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{}: cannot write: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |cause| FolderError::Io {
        path: path.to_path_buf(),
        cause,
    }
}

/// Refuses a target that is not ours to replace.
pub fn check(out: &Path) -> Result<(), FolderError> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(FolderError::NotAFolder {
            path: out.to_path_buf(),
        });
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(out).map_err(io(out))? {
        let entry = entry.map_err(io(out))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(io(out))?.is_file();
        if !is_file || !OURS.contains(&name.as_str()) {
            return Err(FolderError::Foreign {
                path: out.to_path_buf(),
                file: name,
            });
        }
        names.push(name);
    }
    if names.is_empty() {
        return Ok(());
    }
    let plan: Option<PlanFile> = fs::read_to_string(out.join(PLAN_FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    let Some(plan) = plan.filter(|p| p.tool == "fuelrecon" && p.kind == "sample") else {
        return Err(FolderError::Foreign {
            path: out.to_path_buf(),
            file: names.join(", "),
        });
    };
    let sheet = fs::read(out.join(SHEET_FILE)).unwrap_or_default();
    if names.iter().any(|n| n == SHEET_FILE)
        && hex(&Sha256::digest(&sheet)) != plan.sample_csv_sha256
    {
        return Err(FolderError::ResultsRecorded {
            path: out.join(SHEET_FILE),
        });
    }
    Ok(())
}

/// Writes `files` as the folder `out`: into a fresh hidden folder beside it, renamed into
/// place, the earlier sample (checked to be ours) moved aside and removed only then.
pub fn write(out: &Path, files: &[(&str, &[u8])]) -> Result<(), FolderError> {
    check(out)?;
    let staging = Staging::beside(out)?;
    for (file, bytes) in files {
        staging.write(Path::new(file), bytes)?;
    }
    Ok(staging.place()?)
}

/// Writes one page beside a sample (evaluation.html), replacing only a page fuelrecon wrote:
/// the file is written aside and renamed over.
pub fn write_beside(
    path: &Path,
    bytes: &[u8],
    ours: impl Fn(&str) -> bool,
) -> Result<(), FolderError> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        let text = fs::read_to_string(path).unwrap_or_default();
        if !meta.is_file() || !ours(&text) {
            return Err(FolderError::Foreign {
                path: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
                file: path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            });
        }
    }
    let aside = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&aside, bytes).map_err(io(&aside))?;
    fs::rename(&aside, path).map_err(|cause| {
        let _ = fs::remove_file(&aside);
        FolderError::Io {
            path: path.to_path_buf(),
            cause,
        }
    })
}
