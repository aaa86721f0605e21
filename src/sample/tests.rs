//! Drawing from a hand-made report folder: reproducibility, the plan, the links shown, and the
//! sheet's refusals.

use super::population::{Filter, PopulationKind, Report};
use super::sheet::{self, PlanFile, SheetError};
use super::*;
use std::fs;
use std::path::Path;

const LINES: &str = "invoice_no,line_no,vendor,invoice_date,receipt_no,linked_receipt,link_method,vehicle_id,fill_date,fuel_type,litres,billed,accepted,withheld,unverified,status,codes,reasons,exception_ids,source
INV-1,1,Kivu Fuels,2024-03-31,R-1,R-1,receipt_no,UN-1,2024-03-02,diesel,40,56.00,56.00,0,0,supported,,,,invoices.csv:2
INV-1,2,Kivu Fuels,2024-03-31,R-2,R-2,receipt_no,UN-1,2024-03-05,diesel,50,70.00,0,70.00,0,withheld,BILLED_TWICE,twice,EX-2,invoices.csv:3
INV-1,3,Kivu Fuels,2024-03-31,R-9,,,UN-2,2024-03-06,diesel,25,38.75,0,38.75,0,withheld,BILLED_WITHOUT_RECEIPT,no receipt,EX-3,invoices.csv:4
INV-2,1,Lake Oil,2024-03-31,R-3,R-3,receipt_no,UN-2,2024-03-07,petrol,30,1500.00,1500.00,0,0,supported,,,,invoices.csv:5
";
const RECEIPTS: &str = "receipt_no,vendor,vehicle_id,date,fuel_type,litres,unit_price,amount,trip_id,billed_on,at_risk,codes,exception_ids,source
R-1,Kivu Fuels,UN-1,2024-03-02,diesel,40,1.40,56.00,T-1,INV-1 line 1,0,,,receipts.csv:2
R-2,Kivu Fuels,UN-1,2024-03-05,diesel,50,1.40,70.00,T-2,INV-1 line 2,70.00,,,receipts.csv:3
R-3,Lake Oil,UN-2,2024-03-07,petrol,30,50.00,1500.00,,INV-2 line 1,0,,,receipts.csv:4
";
const TRIPS: &str = "trip_id,vehicle_id,driver,date_out,date_in,odometer_out,odometer_in,fuel_litres,voucher_no,documented,receipts,codes,exception_ids,source
T-1,UN-1,Amina,2024-03-02,2024-03-02,1000,1200,40,V-1,yes,R-1,,,trips.csv:2
T-2,UN-1,Amina,2024-03-05,2024-03-05,1200,1500,50,V-2,yes,R-2,,,trips.csv:3
";

fn exception(
    id: &str,
    code: &str,
    severity: &str,
    invoice_line: u32,
    amount: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": id, "code": code, "severity": severity, "document": "invoice_line",
        "trip_id": null, "receipt_no": null, "invoice_no": "INV-1", "invoice_line": invoice_line,
        "vehicle_id": "UN-1", "driver": null, "vendor": "Kivu Fuels", "date": "2024-03-05",
        "amount_at_risk": amount, "message": format!("{code} on line {invoice_line}"),
        "evidence": {"b": "2", "a": "1"}, "source": format!("invoices.csv:{}", invoice_line + 1)
    })
}

/// A report folder as `fuelrecon reconcile` writes it, with every list.
fn report(dir: &Path) -> Report {
    fs::write(
        dir.join("manifest.json"),
        r#"{"tool": "fuelrecon", "lang": "fr"}"#,
    )
    .unwrap();
    let mut exceptions: Vec<serde_json::Value> = (1..=40)
        .map(|i| exception(&format!("EX-{i:03}"), "ODD", "low", 1, &format!("{i}.50")))
        .collect();
    exceptions.push(exception("EX-900", "BILLED_TWICE", "high", 2, "70.00"));
    exceptions.push(exception(
        "EX-901",
        "BILLED_WITHOUT_RECEIPT",
        "high",
        3,
        "38.75",
    ));
    fs::write(
        dir.join("exceptions.json"),
        serde_json::to_string(&exceptions).unwrap(),
    )
    .unwrap();
    fs::write(dir.join("lines.csv"), LINES).unwrap();
    fs::write(dir.join("receipts.csv"), RECEIPTS).unwrap();
    fs::write(dir.join("trips.csv"), TRIPS).unwrap();
    Report::open(dir).unwrap()
}

fn request(method: Method, size: Option<u64>, seed: u64) -> Request {
    Request {
        population: PopulationKind::Exceptions,
        filter: Filter::default(),
        method,
        size,
        confidence: "0.95".into(),
        tolerable: None,
        expected_errors: 0,
        seed,
    }
}

fn sheet_of(report: &Report, request: &Request) -> Vec<u8> {
    sheet::write(&draw(report, request, false).unwrap()).unwrap()
}

#[test]
fn the_same_seed_gives_a_byte_identical_sheet_and_another_seed_another_sample() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let once = sheet_of(&report, &request(Method::Random, Some(10), 42));
    assert_eq!(
        once,
        sheet_of(&report, &request(Method::Random, Some(10), 42))
    );
    assert_ne!(
        once,
        sheet_of(&report, &request(Method::Random, Some(10), 43))
    );
    // Row order in the report file does not change the draw: the population is ordered by id.
    let mut exceptions: Vec<serde_json::Value> =
        serde_json::from_str(&fs::read_to_string(dir.path().join("exceptions.json")).unwrap())
            .unwrap();
    exceptions.reverse();
    fs::write(
        dir.path().join("exceptions.json"),
        serde_json::to_string(&exceptions).unwrap(),
    )
    .unwrap();
    let reordered = Report::open(dir.path()).unwrap();
    let sample = draw(&reordered, &request(Method::Random, Some(10), 42), false).unwrap();
    let ids: Vec<&str> = sample.selected.iter().map(|s| s.item.field("id")).collect();
    let first = draw(&report, &request(Method::Random, Some(10), 42), false).unwrap();
    let first_ids: Vec<&str> = first.selected.iter().map(|s| s.item.field("id")).collect();
    assert_eq!(ids, first_ids);
}

#[test]
fn a_planned_attribute_sample_records_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let mut asked = request(Method::Random, None, 1);
    asked.tolerable = Some("10%".into());
    let sample = draw(&report, &asked, true).unwrap();
    assert_eq!(sample.plan.basis, Basis::Attribute);
    assert_eq!(sample.plan.size, 29, "95 %, 10 %, K = 0");
    assert_eq!(sample.plan.tolerable_rate, Some("0.1".parse().unwrap()));
    assert_eq!(sample.plan.tolerable_written.as_deref(), Some("10%"));
    assert_eq!(sample.plan.lang, "fr");
    assert!(sample.selected.is_empty(), "--plan-only draws nothing");
    assert!(matches!(
        draw(&report, &request(Method::Random, None, 1), false),
        Err(SampleError::NoSize)
    ));
}

#[test]
fn filters_keep_codes_and_severities() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let mut asked = request(Method::Random, Some(100), 1);
    asked.filter.min_severity = Some("medium".into());
    let sample = draw(&report, &asked, false).unwrap();
    assert_eq!(sample.plan.population.count, 2);
    assert_eq!(sample.plan.population.value, "108.75".parse().unwrap());
    assert!(sample.plan.census);
    asked.filter = Filter {
        codes: vec!["billed_twice".into()],
        min_severity: None,
    };
    assert_eq!(
        draw(&report, &asked, false).unwrap().plan.population.count,
        1
    );
    asked.population = PopulationKind::Receipts;
    assert!(matches!(
        draw(&report, &asked, false),
        Err(SampleError::Population(_))
    ));
}

#[test]
fn a_selected_exception_shows_its_line_receipt_and_trip() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let mut asked = request(Method::Random, Some(5), 1);
    asked.filter.codes = vec!["BILLED_TWICE".into()];
    let sample = draw(&report, &asked, false).unwrap();
    let linked: Vec<&str> = sample.selected[0]
        .item
        .linked
        .iter()
        .map(|l| l.source.as_str())
        .collect();
    assert_eq!(linked, ["invoices.csv:3", "receipts.csv:3", "trips.csv:3"]);
    let text = String::from_utf8(sheet::write(&sample).unwrap()).unwrap();
    assert!(
        text.contains("receipt receipts.csv:3: receipt_no=R-2;"),
        "{text}"
    );
    assert!(
        text.contains(r#"{""a"":""1"",""b"":""2""}"#),
        "evidence, keys sorted: {text}"
    );
}

#[test]
fn monetary_units_take_the_large_line_with_certainty_and_refuse_trips() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let mut asked = request(Method::Mus, Some(3), 9);
    asked.population = PopulationKind::InvoiceLines;
    let sample = draw(&report, &asked, false).unwrap();
    // Value 1,664.75 ÷ 3 = interval 554.9167: the 1,500.00 line is certain, with 2 or 3 points.
    assert_eq!(sample.plan.interval, Some("554.9167".parse().unwrap()));
    let certain: Vec<&str> = sample
        .selected
        .iter()
        .filter(|s| s.selection == Selection::Certain)
        .map(|s| s.item.field("invoice_no"))
        .collect();
    assert_eq!(certain, ["INV-2"]);
    asked.population = PopulationKind::Trips;
    assert!(matches!(
        draw(&report, &asked, false),
        Err(SampleError::MusOnTrips)
    ));
    asked.method = Method::Random;
    assert_eq!(draw(&report, &asked, false).unwrap().selected.len(), 2);
}

/// Draws, writes sample.csv and sample.json into `dir/sample`, and returns the sheet's path.
fn drawn(dir: &Path, method: Method) -> std::path::PathBuf {
    let report = report(dir);
    let mut asked = request(method, Some(4), 5);
    asked.tolerable = Some(match method {
        Method::Random => "0.3".into(),
        Method::Mus => "500".into(),
    });
    let sample = draw(&report, &asked, false).unwrap();
    let sheet = sheet::write(&sample).unwrap();
    let plan =
        serde_json::to_vec(&PlanFile::new(&sample.plan, sample.selected.len(), &sheet)).unwrap();
    let out = dir.join("sample");
    folder::write(
        &out,
        &[(sheet::SHEET_FILE, &sheet), (sheet::PLAN_FILE, &plan)],
    )
    .unwrap();
    out.join(sheet::SHEET_FILE)
}

/// Fills in `result` (and `audited_amount`) on every row of the sheet.
fn fill(path: &Path, fill_row: impl Fn(usize, &mut csv::StringRecord, &csv::StringRecord)) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for (i, record) in reader.records().enumerate() {
        let mut record = record.unwrap();
        fill_row(i, &mut record, &header);
        writer.write_record(&record).unwrap();
    }
    fs::write(path, writer.into_inner().unwrap()).unwrap();
}

fn set(record: &mut csv::StringRecord, header: &csv::StringRecord, column: &str, value: &str) {
    let at = header.iter().position(|h| h == column).unwrap();
    let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
    fields[at] = value.to_string();
    *record = csv::StringRecord::from(fields);
}

#[test]
fn a_filled_sheet_reads_back_and_an_edited_item_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = drawn(dir.path(), Method::Random);
    fill(&path, |i, record, header| {
        set(
            record,
            header,
            "result",
            if i == 1 { "deviation" } else { "ok" },
        );
    });
    let filled = sheet::read(&path).unwrap();
    assert_eq!(filled.rows.len(), 4);
    assert_eq!(filled.rows.iter().filter(|r| r.deviation).count(), 1);
    // The auditor's results make the folder theirs: drawing again into it is refused.
    assert!(matches!(
        folder::check(path.parent().unwrap()),
        Err(folder::FolderError::ResultsRecorded { .. })
    ));

    fill(&path, |i, record, header| {
        if i == 2 {
            set(record, header, "amount_at_risk", "0.01");
        }
    });
    let error = sheet::read(&path).unwrap_err();
    assert!(
        matches!(&error, SheetError::Edited { row, line: 4, .. } if row == "3"),
        "{error}"
    );
}

#[test]
fn results_other_than_ok_or_deviation_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = drawn(dir.path(), Method::Random);
    fill(&path, |i, record, header| {
        set(record, header, "result", if i == 0 { "fine" } else { "ok" });
    });
    assert!(matches!(sheet::read(&path), Err(SheetError::BadResult { raw, .. }) if raw == "fine"));
    fill(&path, |i, record, header| {
        set(record, header, "result", if i == 0 { "" } else { "ok" });
    });
    assert!(matches!(
        sheet::read(&path),
        Err(SheetError::BadResult { .. })
    ));
}

#[test]
fn a_monetary_deviation_needs_an_audited_amount_and_rows_cannot_go_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = drawn(dir.path(), Method::Mus);
    fill(&path, |_, record, header| {
        set(record, header, "result", "deviation")
    });
    assert!(matches!(
        sheet::read(&path),
        Err(SheetError::BadAudited { .. })
    ));
    fill(&path, |_, record, header| {
        set(record, header, "audited_amount", "about 3")
    });
    assert!(
        matches!(sheet::read(&path), Err(SheetError::BadAudited { raw, .. }) if raw == "about 3")
    );
    fill(&path, |_, record, header| {
        set(record, header, "audited_amount", "0")
    });
    assert!(sheet::read(&path).is_ok());
    // Dropping the last row.
    let text = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text.lines().collect();
    fs::write(&path, kept[..kept.len() - 1].join("\n")).unwrap();
    assert!(matches!(
        sheet::read(&path),
        Err(SheetError::MissingRow { .. })
    ));
}

#[test]
fn an_edited_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = drawn(dir.path(), Method::Random);
    let plan_path = path.with_file_name(sheet::PLAN_FILE);
    let text = fs::read_to_string(&plan_path).unwrap();
    fs::write(&plan_path, text.replace("\"0.3\"", "\"0.5\"")).unwrap();
    assert!(matches!(
        sheet::read(&path),
        Err(SheetError::PlanEdited { .. })
    ));
}

#[test]
fn a_folder_of_other_files_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let error = folder::write(dir.path(), &[("sample.csv", b"x")]).unwrap_err();
    assert!(matches!(error, folder::FolderError::Foreign { .. }));
    assert!(dir.path().join("thesis.docx").exists());
}
