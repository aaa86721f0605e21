//! Placing a report folder atomically: everything is written into a fresh hidden folder beside
//! the target, which is renamed into place at the end. A run that fails or is killed leaves the
//! previous report whole, or no report; never half of one. Files are created new inside the
//! fresh folder, so a symlink planted in an old report is never followed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: is a symbolic link; give the report a real folder", path.display())]
    Symlink { path: PathBuf },

    #[error("{}: exists and is not a folder", path.display())]
    NotAFolder { path: PathBuf },

    #[error(
        "{}: the folder is not empty and holds no earlier fuelrecon report; give an empty or new folder",
        path.display()
    )]
    NotAReport { path: PathBuf },

    #[error("{}: cannot write the report: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |cause| WriteError::Io {
        path: path.to_path_buf(),
        cause,
    }
}

/// The file that marks a folder as a fuelrecon report.
const MARKER: &str = "manifest.json";

fn is_report(folder: &Path) -> bool {
    fs::read_to_string(folder.join(MARKER))
        .is_ok_and(|text| text.contains("\"tool\": \"fuelrecon\""))
}

/// Refuses a target that is a symlink, a file, or a folder of something else.
pub fn check_target(out: &Path) -> Result<(), WriteError> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink {
            path: out.to_path_buf(),
        });
    }
    if !meta.is_dir() {
        return Err(WriteError::NotAFolder {
            path: out.to_path_buf(),
        });
    }
    let empty = fs::read_dir(out).map_err(io(out))?.next().is_none();
    if !empty && !is_report(out) {
        return Err(WriteError::NotAReport {
            path: out.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes `files` (relative paths and contents) as the folder `out`.
pub fn place(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteError> {
    check_target(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let stamp = format!("{}-{}", std::process::id(), nanos());
    let staging = parent.join(format!(".{name}.tmp-{stamp}"));
    fs::create_dir(&staging).map_err(io(&staging))?;
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if fs::symlink_metadata(out).is_ok() {
        let old = parent.join(format!(".{name}.old-{stamp}"));
        fs::rename(out, &old).map_err(io(out))?;
        fs::rename(&staging, out).map_err(io(out))?;
        fs::remove_dir_all(&old).map_err(io(&old))?;
    } else {
        fs::rename(&staging, out).map_err(io(out))?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteError> {
    for (relative, bytes) in files {
        let path = staging.join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        file.write_all(bytes).map_err(io(&path))?;
    }
    Ok(())
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(content: &str) -> Vec<(PathBuf, Vec<u8>)> {
        vec![
            (PathBuf::from(MARKER), b"{\"tool\": \"fuelrecon\"}".to_vec()),
            (PathBuf::from("a.txt"), content.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn an_earlier_report_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        place(&out, &files("one")).unwrap();
        fs::write(out.join("stale.txt"), "old").unwrap();
        place(&out, &files("two")).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "two");
        assert!(!out.join("stale.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn a_folder_of_other_things_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = place(dir.path(), &files("x")).unwrap_err();
        assert!(matches!(err, WriteError::NotAReport { .. }));
        assert!(dir.path().join("thesis.docx").exists());
    }

    #[test]
    fn a_symlinked_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("elsewhere");
        fs::create_dir(&real).unwrap();
        let link = dir.path().join("report");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            place(&link, &files("x")).unwrap_err(),
            WriteError::Symlink { .. }
        ));
    }
}
