//! The spreadsheet loader on arbitrary bytes named as each workbook format: calamine may refuse
//! them, fuelrecon must say so and never panic.
#![no_main]

use fuelrecon::load::{Input, LoadOptions, load_all};
use fuelrecon::model::DocKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = std::env::temp_dir().join(format!("fuelrecon-fuzz-sheet-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for extension in ["xlsx", "xls", "ods", "xlsb"] {
        let path = dir.join(format!("input.{extension}"));
        if std::fs::write(&path, bytes).is_err() {
            return;
        }
        let path = path.to_string_lossy().into_owned();
        let _ = load_all(&[Input::parse(DocKind::Receipts, &path)], &LoadOptions::default());
    }
});
