//! Every public file under ../shared/realdata either loads or stops with exit 2 and one clear
//! line naming it; none makes fuelrecon panic. Two real files are also read for their values.

mod common;

use common::{Workdir, realdata};
use std::path::Path;

fn data_files(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("the realdata folder beside the repository") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            data_files(&path, out);
        } else if path.extension().is_none_or(|e| e != "md") {
            out.push(path);
        }
    }
}

#[test]
fn every_realdata_file_loads_or_fails_cleanly() {
    let mut files = Vec::new();
    data_files(&realdata(""), &mut files);
    files.sort();
    assert!(
        files.len() > 400,
        "the realdata folder is there: {} files",
        files.len()
    );
    let dir = Workdir::new();
    for file in &files {
        let path = file.to_string_lossy();
        for kind in ["--receipts", "--trips"] {
            let run = dir.run(&["check", kind, &path, "--json"]);
            match run.code {
                0 => {
                    let report: serde_json::Value = serde_json::from_str(&run.stdout)
                        .unwrap_or_else(|e| panic!("{path}: {e}: {}", run.stdout));
                    let file = &report["files"][0];
                    let count = |key: &str| file[key].as_u64().unwrap_or(u64::MAX);
                    assert_eq!(
                        count("rows_read"),
                        count("rows_loaded") + count("rows_blank"),
                        "{path}: every row read is loaded or counted blank"
                    );
                }
                2 => {
                    let name = file.file_name().unwrap().to_string_lossy();
                    assert!(
                        run.error_line().contains(&*name),
                        "{path}: the error names the file: {}",
                        run.stderr
                    );
                }
                other => panic!("{path} {kind}: exit {other}: {}", run.stderr),
            }
        }
    }
}

#[test]
fn a_real_latin1_semicolon_file_with_decimal_commas_reads_its_values() {
    // Hotel statistics, not fuel, but written the way a French office's export is: Latin-1,
    // `;`, decimal commas, dd-mm-yy dates, CRLF. Read as contract prices through aliases.
    let dir = Workdir::new();
    let source = realdata("frictionless-data/table-with-accents.csv");
    let config = dir.write(
        "recon.toml",
        format!(
            "prices = [{:?}]\n[aliases.prices]\nvendor = [\"Classement\"]\nfuel_type = [\"Quartier\"]\nunit_price = [\"Average Price\"]\nvalid_from = [\"Date\"]\n",
            source.to_string_lossy()
        ),
    );
    let run = dir.run(&["check", "--config", &config]);
    run.succeeds();
    assert!(
        run.stdout.contains(
            "(prices): 638 rows read, 638 loaded, 0 blank; header at row 1; 0 problem(s)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_real_month_first_file_is_read_month_first() {
    // LubeLogger's import template: M/D/YYYY dates, `5/30/2020` proves the order.
    let dir = Workdir::new();
    let source = realdata("lubelogger-samples/gassample.csv");
    let config = dir.write(
        "recon.toml",
        format!(
            "receipts = [{:?}]\n[aliases.receipts]\nreceipt_no = [\"Odometer\"]\nvehicle_id = [\"IsFillToFull\"]\nvendor = [\"MissedFuelUp\"]\nlitres = [\"FuelConsumed\"]\namount = [\"Cost\"]\n",
            source.to_string_lossy()
        ),
    );
    let run = dir.run(&["check", "--json", "--config", &config]);
    run.succeeds();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &report["files"][0];
    assert!(file["rows_loaded"].as_u64().unwrap() >= 2, "{report}");
    assert_eq!(
        file["problems"],
        serde_json::json!([]),
        "5/30/2020 and 5/8/2020 both read as May dates"
    );
}

#[test]
fn a_real_fuel_log_without_required_columns_gets_a_block_with_its_volume_and_total_guessed() {
    let dir = Workdir::new();
    let path = realdata("householdhq-fuel-log/fuel_log.csv");
    let run = dir.run(&["check", "--receipts", &path.to_string_lossy()]);
    run.fails_naming("fuel_log.csv: no column for required receipts field(s)");
    assert!(
        run.stderr.contains("litres = \"fuel_amount_l\"")
            && run.stderr.contains("amount = \"total_price_kc\""),
        "the litres column is not taken for the amount: {}",
        run.stderr
    );
}
