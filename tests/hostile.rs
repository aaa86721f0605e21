//! Hostile and broken input (SPEC §2.3, §5, §6): every file under tests/hostile/ and every file
//! written here has a test of what must happen. No panic, no silent loss, no injection.

mod common;

use common::{RECEIPTS_HEADER, Workdir, repo};
use serde_json::Value;
use std::io::Write;

fn hostile(name: &str) -> String {
    repo(&format!("tests/hostile/{name}"))
}

/// Every cell of a CSV report, parsed as a spreadsheet would read it.
fn cells(text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .flat_map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn formula_injection_is_neutralised_in_both_csv_reports() {
    let dir = Workdir::new();
    let run = dir.run(&[
        "reconcile",
        "--receipts",
        &hostile("formula-injection-receipts.csv"),
        "--invoices",
        &hostile("formula-injection-invoices.csv"),
        "--out",
        "report",
    ]);
    run.succeeds();
    for report in ["exceptions.csv", "matches.csv"] {
        let all = cells(&dir.read(&format!("report/{report}")));
        assert!(all.len() > 5, "{report} has a row beyond its header");
        for cell in &all {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{report}: {cell:?} could run as a formula"
            );
        }
    }
    let exceptions = dir.read("report/exceptions.csv");
    assert!(
        exceptions.contains("'=HYPERLINK("),
        "the text is kept, neutralised"
    );
    assert!(exceptions.contains("'@SUM(A1:A9)"));
    assert!(
        dir.read("report/matches.csv").contains("'"),
        "links name the injected ids, neutralised"
    );
    // The JSON report is data, not a spreadsheet: it keeps the text exactly.
    assert!(
        dir.read("report/exceptions.json")
            .contains("\"=HYPERLINK(\\\"http://evil.example/x\\\",\\\"click\\\")\"")
    );
}

#[test]
fn markup_nul_and_control_characters_reach_the_json_intact_and_valid() {
    let dir = Workdir::new();
    dir.run(&[
        "reconcile",
        "--receipts",
        &hostile("markup-and-control-receipts.csv"),
        "--out",
        "report",
    ])
    .succeeds();
    let exceptions: Value = dir.json("report/exceptions.json");
    let vendors: Vec<&str> = exceptions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["vendor"].as_str())
        .collect();
    assert!(
        vendors.contains(&"Total\u{0}\u{7}\u{1b}[31m"),
        "{vendors:?}"
    );
    let check = dir.run(&[
        "check",
        "--json",
        "--receipts",
        &hostile("markup-and-control-receipts.csv"),
    ]);
    let parsed: Value =
        serde_json::from_str(&check.stdout).expect("valid JSON with control characters escaped");
    assert_eq!(parsed["files"][0]["rows_loaded"], 2);
    let summary = dir.read("report/summary.json");
    assert!(
        !summary.contains('\u{0}'),
        "NUL is escaped, never raw, in JSON"
    );
    let run = dir.run(&[
        "reconcile",
        "--receipts",
        &hostile("markup-and-control-receipts.csv"),
        "--invoices",
        &hostile("formula-injection-invoices.csv"),
        "--out",
        "r2",
    ]);
    run.succeeds();
    let with_invoices = dir.read("r2/exceptions.json");
    assert!(
        with_invoices.contains("\"vendor\": \"<script>alert('x')</script>\""),
        "markup is data in JSON, kept as written"
    );
}

#[test]
fn binary_garbage_named_csv_is_refused() {
    let dir = Workdir::new();
    dir.run(&["check", "--receipts", &hostile("binary-garbage.csv")])
        .fails_naming("binary-garbage.csv: this is binary data, not a CSV file");
}

#[test]
fn utf16_without_a_bom_and_nul_bytes_load() {
    let dir = Workdir::new();
    let run = dir.run(&[
        "check",
        "--receipts",
        &hostile("utf16-no-bom.csv"),
        "--receipts",
        &hostile("nul-bytes.csv"),
    ]);
    run.succeeds();
    assert!(run.stdout.contains("utf16-no-bom.csv (receipts): 1 rows read, 1 loaded, 0 blank; header at row 1; 0 problem(s)"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("nul-bytes.csv (receipts): 1 rows read, 1 loaded"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_truncated_workbook_is_a_clear_error() {
    let dir = Workdir::new();
    dir.run(&["check", "--invoices", &hostile("truncated.xlsx")])
        .fails_naming("truncated.xlsx: cannot read the spreadsheet");
}

#[test]
fn duplicate_headers_are_kept_apart_from_two_columns_for_one_field() {
    let dir = Workdir::new();
    dir.run(&["check", "--receipts", &hostile("duplicate-headers.csv")])
        .succeeds();
    dir.run(&["check", "--receipts", &hostile("two-columns-one-field.csv")])
        .fails_naming("columns F (\"Montant\") and G (\"Total\") both match field amount");
}

#[test]
fn a_ten_megabyte_cell_is_refused_naming_row_and_column() {
    let dir = Workdir::new();
    let big = "x".repeat(10 << 20);
    let path = dir.write(
        "big.csv",
        format!("{RECEIPTS_HEADER}R1,V1,2024-03-05,Total,40,100\nR2,V1,2024-03-05,{big},40,100\n"),
    );
    dir.run(&["check", "--receipts", &path])
        .fails_naming("big.csv:3 column D: a cell of 10485760 bytes is over the limit");
    let config = dir.write("recon.toml", "[limits]\nmax_cell_bytes = 20000000\n");
    dir.run(&["check", "--config", &config, "--receipts", &path])
        .succeeds();
}

#[test]
fn a_million_blank_rows_are_counted_not_kept() {
    let dir = Workdir::new();
    let path = dir.path("blank.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(RECEIPTS_HEADER.as_bytes()).unwrap();
    for _ in 0..500_000 {
        file.write_all(b"\n,,,,,\n").unwrap();
    }
    file.write_all(b"R1,V1,2024-03-05,Total,40,100\n").unwrap();
    drop(file);
    let run = dir.run(&["check", "--receipts", &path.to_string_lossy()]);
    run.succeeds();
    assert!(
        run.stdout
            .contains("1,000,001 rows read, 1 loaded, 1,000,000 blank"),
        "{}",
        run.stdout
    );
}

#[test]
fn too_many_rows_stop_with_the_limit_named() {
    let dir = Workdir::new();
    let path = dir.write(
        "r.csv",
        format!("{RECEIPTS_HEADER}R1,V1,2024-03-05,Total,40,100\nR2,V1,2024-03-05,Total,40,100\n"),
    );
    let config = dir.write("recon.toml", "[limits]\nmax_rows = 2\n");
    dir.run(&["check", "--config", &config, "--receipts", &path])
        .fails_naming("r.csv: more than 2 rows");
}

/// A workbook whose one sheet unpacks to `size` bytes of XML, from a few kilobytes of zip.
fn bomb(path: &std::path::Path, size: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    let row = b"<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
    for _ in 0..size / row.len() {
        zip.write_all(row).unwrap();
    }
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

#[test]
fn a_zip_bomb_workbook_is_refused_before_it_is_unpacked() {
    let dir = Workdir::new();
    let path = dir.path("bomb.xlsx");
    bomb(&path, 24 << 20);
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 1 << 20, "small on disk: {packed} bytes");
    let config = dir.write("recon.toml", "[limits]\nmax_unpacked_bytes = 8388608\n");
    dir.run(&[
        "check",
        "--config",
        &config,
        "--receipts",
        &path.to_string_lossy(),
    ])
    .fails_naming("bomb.xlsx: the spreadsheet unpacks to");
}

#[test]
fn a_damaged_old_excel_container_is_refused_without_unbounded_memory() {
    // Found by the spreadsheet fuzz target: a sector chain that loops made calamine grow one
    // buffer until the machine ran out of memory, whatever the file's extension.
    let dir = Workdir::new();
    let bytes = std::fs::read(hostile("fuzz-oom-damaged-container.xls")).unwrap();
    for extension in ["xls", "xlsx", "xlsb"] {
        let path = dir.write(&format!("vendor.{extension}"), &bytes);
        dir.run(&["check", "--invoices", &path])
            .fails_naming("the workbook's container is damaged");
    }
}

#[test]
fn an_old_excel_sheet_claiming_billions_of_rows_is_refused_before_calamine_reserves_them() {
    // Found by the spreadsheet fuzz target: a DIMENSIONS record whose last row comes before its
    // first made calamine reserve 257 GB, and the process aborted.
    let dir = Workdir::new();
    let bytes = std::fs::read(hostile("fuzz-abort-huge-dimensions.xls")).unwrap();
    for extension in ["xls", "xlsx"] {
        let path = dir.write(&format!("vendor.{extension}"), &bytes);
        dir.run(&["check", "--invoices", &path])
            .fails_naming("a sheet spans 2147483663 rows by 3 columns");
    }
}

#[test]
fn a_stray_cell_far_from_the_data_is_refused_before_it_costs_memory() {
    let dir = Workdir::new();
    let path = dir.path("stray.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    common::write_receipts_header(sheet);
    sheet.write(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    dir.run(&["check", "--receipts", &path.to_string_lossy()])
        .fails_naming(
            "a sheet spans 1048576 rows by 16384 columns, over the limit of 200000000 cells",
        );
}

#[test]
fn a_symlink_planted_in_an_old_report_is_never_followed() {
    let dir = Workdir::new();
    let config = repo("sample-data/en/recon.toml");
    dir.run(&["reconcile", "--config", &config, "--out", "report"])
        .succeeds();
    let victim = dir.write("victim.txt", "untouched");
    std::fs::remove_file(dir.path("report/summary.json")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path("report/summary.json")).unwrap();
    dir.run(&["reconcile", "--config", &config, "--out", "report"])
        .succeeds();
    assert_eq!(dir.read("victim.txt"), "untouched");
    assert!(!dir.path("report/summary.json").is_symlink());
    std::os::unix::fs::symlink(dir.root(), dir.path("linked")).unwrap();
    dir.run(&["reconcile", "--config", &config, "--out", "linked"])
        .fails_naming("linked: is a symbolic link");
}

/// Writes a month whose report takes a while to write: every receipt has an odometer that is
/// not a number, so each raises an exception.
fn large_receipts(dir: &Workdir, rows: usize) -> String {
    let mut text = String::from("receipt_no,vehicle_id,date,vendor,litres,amount,odometer\n");
    for n in 0..rows {
        text.push_str(&format!(
            "R{n},V{},2024-03-{:02},Total,{},{},km{n}\n",
            n % 500,
            1 + n % 28,
            20 + n % 40,
            (20 + n % 40) * 650
        ));
    }
    dir.write("big-receipts.csv", text)
}

/// The hidden folders beside `report` that runs write into or move a report aside to.
fn staging_folders(dir: &Workdir) -> Vec<String> {
    std::fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".report."))
        .collect()
}

#[test]
fn a_killed_reconcile_leaves_the_previous_report_whole() {
    let dir = Workdir::new();
    let small = dir.write(
        "small.csv",
        format!("{RECEIPTS_HEADER}R1,V1,2024-03-05,Total,40,100\n"),
    );
    dir.run(&["reconcile", "--receipts", &small, "--out", "report"])
        .succeeds();
    let outputs: Vec<String> = dir.json("report/manifest.json")["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap().to_string())
        .collect();
    let previous: Vec<(String, String)> = outputs
        .iter()
        .map(|f| (f.clone(), dir.read(&format!("report/{f}"))))
        .collect();
    let big = large_receipts(&dir, 20_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("fuelrecon"))
        .current_dir(dir.root())
        .args(["reconcile", "--receipts", &big, "--out", "report"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it while it writes: as soon as its staging folder appears.
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before its staging folder was seen");
        }
        if staging_folders(&dir)
            .iter()
            .any(|f| f.starts_with(".report.tmp-"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run was killed, not finished");
    assert!(
        !staging_folders(&dir).is_empty(),
        "the killed run left its staging folder behind, as a killed process does"
    );
    for (file, text) in &previous {
        assert_eq!(
            &dir.read(&format!("report/{file}")),
            text,
            "{file} after the kill"
        );
    }
    // The next run cleans up after the killed one and places its own report whole.
    dir.run(&["reconcile", "--receipts", &small, "--out", "report"])
        .succeeds();
    assert_eq!(staging_folders(&dir), Vec::<String>::new());
    for (file, text) in &previous {
        assert_eq!(&dir.read(&format!("report/{file}")), text, "{file} rerun");
    }
}
