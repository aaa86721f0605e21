//! The CSV loader, end to end, on arbitrary bytes written as a receipts file and a trips file:
//! it may refuse the file, but never panic.
#![no_main]

use fuelrecon::load::{Input, LoadOptions, load_all};
use fuelrecon::model::DocKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = std::env::temp_dir().join(format!("fuelrecon-fuzz-csv-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.csv");
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let path = path.to_string_lossy().into_owned();
    for kind in [DocKind::Receipts, DocKind::Trips, DocKind::Invoices] {
        let _ = load_all(&[Input::parse(kind, &path)], &LoadOptions::default());
    }
});
