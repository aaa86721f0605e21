//! `fuelrecon check` on the sample months and on edge files written here.

mod common;

use common::{RECEIPTS_HEADER, Workdir, repo};
use serde_json::Value;

fn check_json(dir: &Workdir, args: &[&str]) -> Value {
    let mut all = vec!["check", "--json"];
    all.extend_from_slice(args);
    let run = dir.run(&all);
    run.succeeds();
    serde_json::from_str(&run.stdout).expect("check --json prints JSON")
}

fn file(report: &Value, index: usize) -> &Value {
    &report["files"][index]
}

fn counts(report: &Value, index: usize) -> (u64, u64, u64) {
    let f = file(report, index);
    let n = |k: &str| f[k].as_u64().unwrap_or_else(|| panic!("{k} in {f}"));
    (n("rows_read"), n("rows_loaded"), n("rows_blank"))
}

fn problems(report: &Value, index: usize) -> Vec<(u64, String, String, String)> {
    file(report, index)["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap().to_string(),
                p["raw"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_english_sample_month_reports_its_accounting_and_problems() {
    let dir = Workdir::new();
    let report = check_json(&dir, &["--config", &repo("sample-data/en/recon.toml")]);
    assert_eq!(
        counts(&report, 0),
        (9, 8, 1),
        "trips: one blank line between rows"
    );
    assert_eq!(file(&report, 0)["kind"], "trips");
    assert_eq!(
        problems(&report, 0),
        [
            (6, "driver".into(), "MISSING_FIELD".into(), String::new()),
            (
                8,
                "odometer_in".into(),
                "INVALID_VALUE".into(),
                "862O".into()
            ),
        ]
    );
    assert_eq!(
        problems(&report, 1),
        [(4, "legible".into(), "UNREADABLE_FIELD".into(), "no".into())]
    );
}

#[test]
fn the_french_sample_month_reads_cp1252_semicolons_and_a_workbook() {
    let dir = Workdir::new();
    let run = dir.run(&["check", "--config", &repo("sample-data/fr/recon.toml")]);
    run.succeeds();
    // The config says lang = "fr": check speaks French.
    assert!(
        run.stdout.contains(
            "factures.xlsx#Septembre (invoices) : 6 ligne(s) lue(s), 6 chargée(s), 0 vide(s) ; en-tête à la ligne 2"
        ),
        "{}",
        run.stdout
    );
    let english = dir.run(&[
        "check",
        "--config",
        &repo("sample-data/fr/recon.toml"),
        "--lang",
        "en",
    ]);
    assert!(
        english.stdout.contains(
            "factures.xlsx#Septembre (invoices): 6 rows read, 6 loaded, 0 blank; header at row 2"
        ),
        "{}",
        english.stdout
    );
    assert!(
        run.stdout
            .contains("factures.xlsx#Septembre:7  amount  UNREADABLE_FIELD  \"#N/A\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("receipts.csv:4  legible  UNREADABLE_FIELD  \"illisible\""),
        "{}",
        run.stdout
    );
}

/// One receipt, written in an encoding, must read back with its accented vendor intact: check
/// loads it without problems, and the receipts.csv of a reconcile shows the vendor as written.
fn receipt_vendor(dir: &Workdir, name: &str, bytes: Vec<u8>) -> Value {
    let path = dir.write(name, bytes);
    let report = check_json(dir, &["--receipts", &path]);
    assert_eq!(counts(&report, 0), (1, 1, 0), "{report}");
    assert!(problems(&report, 0).is_empty(), "{report}");
    let out = format!("report-{name}");
    dir.run(&["reconcile", "--receipts", &path, "--out", &out])
        .succeeds();
    let receipts = dir.read(&format!("{out}/receipts.csv"));
    let mut reader = csv::Reader::from_reader(receipts.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{receipts}");
    let cell = |column: &str| {
        let index = header.iter().position(|h| h == column).unwrap();
        rows[0][index].to_string()
    };
    assert_eq!(cell("vendor"), "Société Générale des Pétroles", "{name}");
    assert_eq!(cell("litres"), "45.5", "{name}");
    assert_eq!(cell("amount"), "1234.50", "{name}");
    report
}

const ONE_RECEIPT: &str = "receipt_no;vehicle_id;date;vendor;litres;amount\nR1;V1;05/03/2020;Société Générale des Pétroles;45,5;1 234,50 FCFA\n";

#[test]
fn encodings_utf8_bom_utf16_and_windows_1252() {
    let dir = Workdir::new();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ONE_RECEIPT.as_bytes());
    receipt_vendor(&dir, "bom.csv", bom);
    let mut le = vec![0xFF, 0xFE];
    le.extend(ONE_RECEIPT.encode_utf16().flat_map(u16::to_le_bytes));
    receipt_vendor(&dir, "le.csv", le);
    let mut be = vec![0xFE, 0xFF];
    be.extend(ONE_RECEIPT.encode_utf16().flat_map(u16::to_be_bytes));
    receipt_vendor(&dir, "be.csv", be);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(ONE_RECEIPT);
    receipt_vendor(&dir, "cp1252.csv", cp1252.into_owned());
}

#[test]
fn quoted_newlines_ragged_rows_and_blank_rows_are_all_accounted_for() {
    let dir = Workdir::new();
    let text = format!(
        "{RECEIPTS_HEADER}R1,V1,2020-03-05,\"Total\nGoma\",40,100\n,,,,,\nR2,V1,2020-03-05,Total\n\nR3,V1,2020-03-06,Total,40,100,extra,cells\n"
    );
    let path = dir.write("r.csv", text);
    let report = check_json(&dir, &["--receipts", &path]);
    assert_eq!(counts(&report, 0), (5, 3, 2));
    let found = problems(&report, 0);
    assert_eq!(
        found,
        [
            (5, "litres".into(), "MISSING_FIELD".into(), String::new()),
            (5, "amount".into(), "MISSING_FIELD".into(), String::new()),
            (
                7,
                "row".into(),
                "INVALID_VALUE".into(),
                "extra | cells".into()
            ),
        ],
        "the short row is row 5: the quoted newline makes row 2 two lines; the long row 7 is \
         out of line, its cells beyond the last column said, not dropped"
    );
}

#[test]
fn an_empty_file_is_an_error_and_a_header_only_file_has_no_rows() {
    let dir = Workdir::new();
    let empty = dir.write("empty.csv", "");
    dir.run(&["check", "--receipts", &empty])
        .fails_naming("empty.csv: nothing to read");
    let header_only = dir.write("header.csv", RECEIPTS_HEADER);
    let report = check_json(&dir, &["--receipts", &header_only]);
    assert_eq!(counts(&report, 0), (0, 0, 0));
}

#[test]
fn a_missing_required_column_names_the_field_the_aliases_and_the_headers() {
    let dir = Workdir::new();
    let path = dir.write(
        "r.csv",
        "receipt_no,vehicle_id,date,vendor,litres\nR1,V1,2020-03-05,Total,40\n",
    );
    let run = dir.run(&["check", "--receipts", &path]);
    run.fails_naming("r.csv: no column for required receipts field(s) amount");
    assert!(
        run.stderr.contains("montant"),
        "the French aliases are listed: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\"litres\""),
        "the headers found are listed: {}",
        run.stderr
    );
}

#[test]
fn a_file_that_does_not_exist_or_is_not_supported() {
    let dir = Workdir::new();
    dir.run(&["check", "--receipts", "nowhere.csv"])
        .fails_naming("nowhere.csv: file not found");
    let pdf = dir.write("invoice.pdf", "%PDF-1.4");
    dir.run(&["check", "--invoices", &pdf])
        .fails_naming("format not supported (.pdf)");
}

fn workbook(
    dir: &Workdir,
    name: &str,
    build: impl FnOnce(&mut rust_xlsxwriter::Workbook),
) -> String {
    let mut book = rust_xlsxwriter::Workbook::new();
    build(&mut book);
    let path = dir.path(name);
    book.save(&path).expect("a workbook");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_sheet_picked_by_name_with_date_cells_serials_and_numbers_as_text() {
    let dir = Workdir::new();
    let path = workbook(&dir, "book.xlsx", |book| {
        book.add_worksheet()
            .set_name("Cover")
            .unwrap()
            .write(0, 0, "not this one")
            .unwrap();
        let sheet = book.add_worksheet().set_name("Reçus mars").unwrap();
        for (col, header) in [
            "N° Reçu",
            "Immatriculation",
            "Date",
            "Fournisseur",
            "Quantité",
            "Montant",
        ]
        .iter()
        .enumerate()
        {
            sheet.write(0, col as u16, *header).unwrap();
        }
        let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 3, 5).unwrap();
        sheet.write(1, 0, "R1").unwrap();
        sheet.write(1, 1, "V1").unwrap();
        sheet
            .write_datetime_with_format(1, 2, &date, &date_format)
            .unwrap();
        sheet.write(1, 3, "Total").unwrap();
        sheet.write(1, 4, 45.5).unwrap();
        sheet.write(1, 5, "1 234,50").unwrap();
        sheet.write(2, 0, 2).unwrap();
        sheet.write(2, 1, "V1").unwrap();
        sheet.write(2, 2, 43895).unwrap();
        sheet.write(2, 3, "Total").unwrap();
        sheet.write(2, 4, "40").unwrap();
        sheet.write(2, 5, 26000).unwrap();
    });
    dir.run(&["check", "--receipts", &path])
        .fails_naming("that was the first sheet, and the workbook has others (Reçus mars): name one as FILE#Sheet");
    let report = check_json(&dir, &["--receipts", &format!("{path}#Reçus mars")]);
    assert_eq!(counts(&report, 0), (2, 2, 0), "{report}");
    assert!(problems(&report, 0).is_empty(), "{report}");
    assert!(
        file(&report, 0)["source"]
            .as_str()
            .unwrap()
            .ends_with("book.xlsx#Reçus mars")
    );
    let run = dir.run(&["check", "--receipts", &format!("{path}#Avril")]);
    run.fails_naming("no sheet named \"Avril\"; the sheets are: Cover, Reçus mars");
}

#[test]
fn excel_error_cells_are_unreadable_values() {
    let dir = Workdir::new();
    let path = workbook(&dir, "errors.xlsx", |book| {
        let sheet = book.add_worksheet();
        common::write_receipts_header(sheet);
        for (col, value) in ["R1", "V1", "2020-03-05", "Total", "40"].iter().enumerate() {
            sheet.write(1, col as u16, *value).unwrap();
        }
        let formula = rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!");
        sheet.write_formula(1, 5, formula).unwrap();
    });
    let report = check_json(&dir, &["--receipts", &path]);
    assert_eq!(
        problems(&report, 0),
        [(
            2,
            "amount".into(),
            "UNREADABLE_FIELD".into(),
            "#DIV/0!".into()
        )]
    );
}

#[test]
fn config_aliases_map_a_vendors_own_headers() {
    let dir = Workdir::new();
    dir.write(
        "slips.csv",
        "Slip,Truck,Day,Station owner,Qty,Paid\nS1,V1,03/05/2020,Total,40,100\n",
    );
    let config = dir.write(
        "recon.toml",
        "receipts = [\"slips.csv\"]\n[aliases.receipts]\nreceipt_no = [\"Slip\"]\nvehicle_id = [\"Truck\"]\ndate = [\"Day\"]\nvendor = [\"Station owner\"]\nlitres = [\"Qty\"]\namount = [\"Paid\"]\n",
    );
    let report = check_json(&dir, &["--config", &config]);
    assert_eq!(counts(&report, 0), (1, 1, 0), "{report}");
    let bad = dir.write("bad.toml", "[rules]\namount_tolerence = 1\n");
    dir.run(&["check", "--config", &bad, "--receipts", "slips.csv"])
        .fails_naming("bad.toml: unknown field `amount_tolerence`");
}

#[test]
fn every_missing_column_comes_in_one_error_with_a_block_that_makes_the_next_run_load() {
    let dir = Workdir::new();
    let path = dir.write(
        "card.csv",
        "Ticket Ref,Unit Plate,Txn Date,Merchant,Fill Litres,Total Paid USD\nT1,V1,2020-03-05,Shell,40,60\n",
    );
    let run = dir.run(&["check", "--receipts", &path]);
    run.fails_naming("receipt_no");
    for field in [
        "receipt_no",
        "vehicle_id",
        "date",
        "vendor",
        "litres",
        "amount",
    ] {
        assert!(
            run.error_line().contains(field),
            "{field} in {}",
            run.stderr
        );
    }
    let block: String = run
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("[columns.receipts]"))
        .map(|l| l.replace("HEADER OF YOUR COLUMN", "Merchant") + "\n")
        .collect();
    assert!(block.contains("receipt_no = \"Ticket Ref\""), "{block}");
    let config = dir.write("recon.toml", format!("receipts = \"card.csv\"\n{block}"));
    let report = check_json(&dir, &["--config", &config]);
    assert_eq!(counts(&report, 0), (1, 1, 0));
}

#[test]
fn check_shows_the_mapping_and_a_pinned_column_wins_over_an_alias() {
    let dir = Workdir::new();
    let path = dir.write(
        "r.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount,Mileage,Odometer\nR1,V1,2020-03-05,Total,40,60,312,45210\n",
    );
    dir.run(&["check", "--receipts", &path])
        .fails_naming("G (\"Mileage\") and H (\"Odometer\") both match field odometer");
    let mileage_only = dir.write(
        "m.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount,Mileage,Notes\nR1,V1,2020-03-05,Total,40,60,312,x\n",
    );
    let text = dir.run(&["check", "--receipts", &mileage_only]);
    text.succeeds();
    assert!(
        text.stdout.contains("odometer       <- Mileage (G)"),
        "which column feeds the odometer is shown: {}",
        text.stdout
    );
    assert!(
        text.stdout.contains("unused columns: Notes (H)"),
        "{}",
        text.stdout
    );
    let config = dir.write(
        "recon.toml",
        "receipts = \"r.csv\"\n[columns.receipts]\nodometer = \"Odometer\"\n",
    );
    let report = check_json(&dir, &["--config", &config]);
    let mapping = &report["files"][0]["mapping"];
    let odometer = mapping
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["field"] == "odometer")
        .unwrap();
    assert_eq!(odometer["header"], "Odometer");
    assert_eq!(odometer["column"], "H");
    assert_eq!(report["files"][0]["unused_columns"][0]["header"], "Mileage");
}

#[test]
fn an_all_ambiguous_month_first_date_column_is_said_out_loud() {
    let dir = Workdir::new();
    let rows: String = (1..=12)
        .map(|month| format!("R{month},V1,{month:02}/05/2017,Total,40,60\n"))
        .collect();
    let path = dir.write("r.csv", format!("{RECEIPTS_HEADER}{rows}"));
    let run = dir.run(&["check", "--receipts", &path, "--json"]);
    run.succeeds();
    assert!(
        run.stderr.contains("column C") && run.stderr.contains("11 value(s)"),
        "05/05 reads the same both ways; the other 11 do not: {}",
        run.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["ambiguous_dates"][0]["values_read_differently"], 11);
    assert_eq!(file["ambiguous_dates"][0]["order_used"], "day-first");
    assert_eq!(file["conventions"]["date_order"]["by"], "default");
    let config = dir.write(
        "recon.toml",
        "receipts = \"r.csv\"\n[reading]\ndate_order = \"month-first\"\n",
    );
    let told = dir.run(&["check", "--config", &config]);
    told.succeeds();
    assert!(!told.stderr.contains("both orders"), "{}", told.stderr);
}

#[test]
fn check_json_prints_json_on_an_error_too() {
    let dir = Workdir::new();
    let path = dir.write("r.csv", "receipt_no,vehicle_id\nR1,V1\n");
    let run = dir.run(&["check", "--receipts", &path, "--json"]);
    assert_eq!(run.code, 2);
    let error: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(error["error"].as_str().unwrap().contains("r.csv"));
    assert!(
        error["config_fix"]
            .as_str()
            .unwrap()
            .starts_with("[columns.receipts]")
    );
}

#[test]
fn the_same_file_twice_and_a_sheet_of_a_csv_are_refused() {
    let dir = Workdir::new();
    let path = dir.write(
        "r.csv",
        format!("{RECEIPTS_HEADER}R1,V1,2020-03-05,T,40,60\n"),
    );
    dir.run(&["check", "--receipts", &path, &path])
        .fails_naming("given twice");
    dir.run(&["check", "--receipts", &format!("{path}#Sheet1")])
        .fails_naming("a text file has no sheets");
}

#[test]
fn a_single_path_in_the_config_is_a_list_of_one() {
    let dir = Workdir::new();
    dir.write(
        "r.csv",
        format!("{RECEIPTS_HEADER}R1,V1,2020-03-05,T,40,60\n"),
    );
    let config = dir.write("recon.toml", "receipts = \"r.csv\"\n");
    let report = check_json(&dir, &["--config", &config]);
    assert_eq!(counts(&report, 0), (1, 1, 0));
}
