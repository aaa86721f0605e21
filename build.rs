//! Embeds the message catalogues (`locales/`) and the page templates (`templates/`) into the
//! binary, so fuelrecon runs from any folder and a new language is a new folder, not new code.
//!
//! Writes two Rust expressions into OUT_DIR, each `include!`d by the module that owns it:
//! - `catalogues.rs`: one `EmbeddedCatalogue` per folder of `locales/` (sorted by code), with
//!   its `locale.toml` and every `.ftl` file, each as `include_str!` of an absolute path;
//! - `templates.rs`: `(name, source)` for every file under `templates/`, the name being the
//!   path relative to `templates/` with `/` separators and a trailing `.tera` removed.
//!
//! Also writes `english.rs`, the index of `en` in the catalogue table (English is the fallback
//! every lookup ends on, so a build without it fails here rather than at run time).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=templates");

    let (catalogues, english) = catalogues(&root.join("locales"));
    fs::write(out.join("catalogues.rs"), catalogues).expect("write catalogues.rs");
    fs::write(out.join("english.rs"), format!("{english}\n")).expect("write english.rs");
    fs::write(out.join("templates.rs"), templates(&root.join("templates")))
        .expect("write templates.rs");
}

/// The catalogue table, and the index of English in it.
fn catalogues(locales: &Path) -> (String, usize) {
    let mut table = String::from("&[\n");
    let mut english = None;
    for (index, folder) in sorted_entries(locales)
        .into_iter()
        .filter(|p| p.is_dir())
        .enumerate()
    {
        let code = file_name(&folder);
        assert!(
            !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "locales/{code}: a language folder is named by its code (en, fr, pt-BR)"
        );
        assert!(
            index < 256,
            "locales/ holds more than 256 languages; Lang is one byte"
        );
        if code == "en" {
            english = Some(index);
        }
        let locale = folder.join("locale.toml");
        assert!(
            locale.is_file(),
            "locales/{code}/locale.toml is missing: copy the one of locales/en and adapt it"
        );
        let ftl: Vec<PathBuf> = sorted_entries(&folder)
            .into_iter()
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        assert!(!ftl.is_empty(), "locales/{code} holds no .ftl file");
        let _ = writeln!(table, "    EmbeddedCatalogue {{");
        let _ = writeln!(table, "        code: {code:?},");
        let _ = writeln!(
            table,
            "        locale: include_str!({:?}),",
            path_text(&locale)
        );
        let _ = writeln!(table, "        files: &[");
        for file in &ftl {
            let _ = writeln!(
                table,
                "            ({:?}, include_str!({:?})),",
                file_name(file),
                path_text(file)
            );
        }
        let _ = writeln!(table, "        ],\n    }},");
    }
    table.push(']');
    let english = english
        .expect("locales/en is missing: English is the language every message falls back to");
    (table, english)
}

/// The template table: every file under `templates/`, hidden files aside.
fn templates(folder: &Path) -> String {
    let mut files = Vec::new();
    if folder.is_dir() {
        collect_files(folder, &mut files);
    }
    let mut table = String::from("&[\n");
    for file in files {
        let relative = file
            .strip_prefix(folder)
            .expect("collected under the folder");
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = name.join("/");
        let name = name.strip_suffix(".tera").unwrap_or(&name);
        let _ = writeln!(
            table,
            "    ({name:?}, include_str!({:?})),",
            path_text(&file)
        );
    }
    table.push(']');
    table
}

fn collect_files(folder: &Path, files: &mut Vec<PathBuf>) {
    for entry in sorted_entries(folder) {
        if entry.is_dir() {
            collect_files(&entry, files);
        } else if entry.is_file() {
            files.push(entry);
        }
    }
}

/// The entries of a folder, hidden ones (editor swap files, .gitkeep) left out, sorted so the
/// generated tables, and so the binary, do not depend on the file system's order.
fn sorted_entries(folder: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()))
                .path()
        })
        .filter(|p| !file_name(p).starts_with('.'))
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn path_text(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("{} is not a UTF-8 path", path.display()))
}
