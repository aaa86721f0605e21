//! Placing a report folder atomically: everything is written into a fresh hidden folder beside
//! the target, which is renamed into place at the end. A run that fails or is killed leaves the
//! previous report whole, or no report; never half of one. Files are created new inside the
//! fresh folder, so a symlink planted in an old report is never followed.

use std::fs;
use std::io::{BufWriter, Write};
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

    #[error(
        "{}: holds files an earlier run did not write ({files}); fuelrecon never deletes them: move them out, or give another folder",
        path.display()
    )]
    ForeignFiles { path: PathBuf, files: String },

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

/// The file that marks a folder as a fuelrecon report, and lists what the run wrote.
pub const MARKER: &str = "manifest.json";

/// What a report written before manifests listed their outputs holds.
const EARLY_OUTPUTS: [&str; 5] = [
    "exceptions.json",
    "exceptions.csv",
    "summary.json",
    "matches.csv",
    MARKER,
];

/// The files an earlier output says it wrote (in its `marker` file), or `None` when the folder
/// holds no such output.
fn report_outputs(folder: &Path, marker: &str) -> Option<Vec<String>> {
    let text = fs::read_to_string(folder.join(marker)).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
    if manifest.get("tool")?.as_str()? != "fuelrecon" {
        return None;
    }
    Some(match manifest.get("outputs").and_then(|o| o.as_array()) {
        Some(outputs) => outputs
            .iter()
            .filter_map(|o| o.as_str().map(str::to_string))
            .collect(),
        None => EARLY_OUTPUTS.iter().map(|o| o.to_string()).collect(),
    })
}

/// Every file below `folder`, as paths relative to it.
fn files_below(folder: &Path) -> Result<Vec<String>, WriteError> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(io(&dir))? {
            let path = entry.map_err(io(&dir))?.path();
            let meta = fs::symlink_metadata(&path).map_err(io(&path))?;
            if meta.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(folder) {
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Refuses a target that is a symlink, a file, or a folder of something else.
pub fn check_target(out: &Path) -> Result<(), WriteError> {
    check_target_marked(out, MARKER)
}

/// As [`check_target`], for another kind of output folder (the ledger's handover pack) whose
/// earlier copies are marked, and their files listed, by `marker` instead of a manifest.
pub fn check_target_marked(out: &Path, marker: &str) -> Result<(), WriteError> {
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
    if empty {
        return Ok(());
    }
    let Some(ours) = report_outputs(out, marker) else {
        return Err(WriteError::NotAReport {
            path: out.to_path_buf(),
        });
    };
    let foreign: Vec<String> = files_below(out)?
        .into_iter()
        .filter(|f| !ours.contains(f))
        .collect();
    if !foreign.is_empty() {
        return Err(WriteError::ForeignFiles {
            path: out.to_path_buf(),
            files: foreign.join(", "),
        });
    }
    Ok(())
}

/// The buffer of a file being written, in bytes: large enough that a large output reaches the
/// disk in few writes.
pub const FILE_BUFFER: usize = 1 << 16;

/// A file of the staging folder being written, through a buffer. [`StagedFile::finish`] says
/// whether its last bytes reached the disk; a file dropped unfinished is incomplete, and so is
/// the folder, which is then never placed.
pub struct StagedFile {
    buffer: BufWriter<fs::File>,
    path: PathBuf,
}

impl StagedFile {
    /// Writes out what the buffer still holds.
    pub fn finish(mut self) -> Result<(), WriteError> {
        self.buffer.flush().map_err(io(&self.path))
    }
}

impl Write for StagedFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.buffer.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.buffer.flush()
    }
}

/// A fresh hidden folder beside the report's target, written file by file, then renamed into
/// place. Dropped without being placed, it removes itself.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    stamp: String,
    path: PathBuf,
    placed: bool,
}

impl Staging {
    /// Checks the target and makes the staging folder.
    pub fn new(out: &Path) -> Result<Staging, WriteError> {
        Self::new_marked(out, MARKER)
    }

    /// As [`Staging::new`], for an output folder marked by `marker`.
    pub fn new_marked(out: &Path, marker: &str) -> Result<Staging, WriteError> {
        check_target_marked(out, marker)?;
        Self::beside(out)
    }

    /// The staging folder beside `out`, for a caller that has itself checked that `out` is
    /// its own to replace (a sample folder, whose rules are its own).
    pub fn beside(out: &Path) -> Result<Staging, WriteError> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        recover(&parent, &name, out);
        let stamp = format!("{}-{}", std::process::id(), nanos());
        let path = parent.join(format!(".{name}.tmp-{stamp}"));
        fs::create_dir(&path).map_err(io(&path))?;
        Ok(Staging {
            out: out.to_path_buf(),
            parent,
            name,
            stamp,
            path,
            placed: false,
        })
    }

    /// Writes one file, created new: nothing already there is followed or overwritten.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        let mut file = self.create(relative)?;
        file.write_all(bytes).map_err(io(&file.path))?;
        file.finish()
    }

    /// One file created new, as [`Staging::write`] does, to be written piece by piece: a large
    /// output goes to disk as it is made and is never held whole.
    pub fn create(&self, relative: &Path) -> Result<StagedFile, WriteError> {
        let path = self.path.join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        Ok(StagedFile {
            buffer: BufWriter::with_capacity(FILE_BUFFER, file),
            path,
        })
    }

    /// Renames the staging folder into place, replacing an earlier report.
    pub fn place(mut self) -> Result<(), WriteError> {
        let out = self.out.clone();
        if fs::symlink_metadata(&out).is_ok() {
            let old = self
                .parent
                .join(format!(".{}.old-{}", self.name, self.stamp));
            fs::rename(&out, &old).map_err(io(&out))?;
            fs::rename(&self.path, &out).map_err(io(&out))?;
            self.placed = true;
            fs::remove_dir_all(&old).map_err(io(&old))?;
        } else {
            fs::rename(&self.path, &out).map_err(io(&out))?;
            self.placed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Cleans up after a run that was killed: its staging folder is removed, and a previous report
/// it had moved aside but not yet replaced is put back. Folders of runs still going are left.
fn recover(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let (kind, stamp) = rest.split_at(rest.find('-').unwrap_or(0));
        let pid = stamp
            .trim_start_matches('-')
            .split('-')
            .next()
            .unwrap_or_default();
        let running = !pid.is_empty() && Path::new("/proc").join(pid).exists();
        if running || !matches!(kind, "tmp" | "old") {
            continue;
        }
        let path = entry.path();
        if kind == "old" && fs::symlink_metadata(out).is_err() {
            let _ = fs::rename(&path, out);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(out: &Path, content: &str) -> Result<(), WriteError> {
        let staging = Staging::new(out)?;
        staging.write(
            Path::new(MARKER),
            br#"{"tool": "fuelrecon", "outputs": ["a.txt", "manifest.json"]}"#,
        )?;
        staging.write(Path::new("a.txt"), content.as_bytes())?;
        staging.place()
    }

    #[test]
    fn an_earlier_report_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        place(&out, "one").unwrap();
        place(&out, "two").unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn a_file_the_run_did_not_write_is_kept_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        place(&out, "one").unwrap();
        fs::create_dir(out.join("notes")).unwrap();
        fs::write(out.join("notes").join("mine.txt"), "an auditor's notes").unwrap();
        let err = place(&out, "two").err().unwrap();
        assert!(err.to_string().contains("notes/mine.txt"), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "one");
        assert!(out.join("notes").join("mine.txt").exists());
    }

    #[test]
    fn a_staging_folder_not_placed_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("report")).unwrap();
        staging.write(Path::new("a.txt"), b"half").unwrap();
        drop(staging);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_report_moved_aside_by_a_killed_run_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        place(&out, "one").unwrap();
        // A run whose process is gone moved the report aside and died before the next rename.
        fs::rename(&out, dir.path().join(".report.old-999999999-1")).unwrap();
        fs::create_dir(dir.path().join(".report.tmp-999999999-1")).unwrap();
        let staging = Staging::new(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "one");
        drop(staging);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_of_other_things_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = place(dir.path(), "x").err().unwrap();
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
            place(&link, "x").err().unwrap(),
            WriteError::Symlink { .. }
        ));
    }
}
