//! A work folder for integration tests: write input files, run the built binary, read outputs.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` as `name` and returns its path as text.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(&path, bytes).expect("a written file");
        path.to_string_lossy().into_owned()
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn json(&self, name: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Runs fuelrecon with `args` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("fuelrecon")
            .expect("the fuelrecon binary")
            .current_dir(self.root())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(args)
            .output()
            .expect("fuelrecon runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts a clean fatal error: exit 2 and one line naming `what` (followed, for missing
    /// columns, only by the config block that maps them).
    pub fn fails_naming(&self, what: &str) {
        assert_eq!(self.code, 2, "exit code; stderr: {}", self.stderr);
        let error = self.error_line();
        assert!(error.contains(what), "{what:?} in {}", self.stderr);
    }

    /// The one line of a fatal error: what follows it, if anything, is a `[columns.KIND]`
    /// block to paste into the config.
    pub fn error_line(&self) -> &str {
        let mut lines = self.stderr.trim_end().lines();
        let error = lines.next().unwrap_or_default();
        let rest: Vec<&str> = lines.collect();
        if let Some(first) = rest.first() {
            assert!(
                first.starts_with("[columns."),
                "one line, or one line and a config block: {}",
                self.stderr
            );
            assert!(
                rest[1..].iter().all(|l| l.contains(" = ")),
                "only settings follow the block's header: {}",
                self.stderr
            );
        }
        error
    }

    pub fn succeeds(&self) -> &Run {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        self
    }
}

/// The repository's own folder, for sample-data.
pub fn repo(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder of public test files beside the repository.
pub fn realdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realdata")
        .join(path)
}

pub const RECEIPTS_HEADER: &str = "receipt_no,vehicle_id,date,vendor,litres,amount\n";

/// The receipts header written into row 1 of a worksheet.
pub fn write_receipts_header(sheet: &mut rust_xlsxwriter::Worksheet) {
    for (col, header) in RECEIPTS_HEADER.trim_end().split(',').enumerate() {
        sheet.write(0, col as u16, header).expect("a header cell");
    }
}
