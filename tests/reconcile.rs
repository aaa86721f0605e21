//! `fuelrecon reconcile` end to end: the sample months against figures worked out by hand, the
//! audit's scenario, row-order independence, exit codes and the report folder.

mod common;

use common::{Workdir, repo};
use serde_json::Value;
use std::collections::BTreeMap;

fn reconcile(dir: &Workdir, args: &[&str]) -> common::Run {
    let mut all = vec!["reconcile"];
    all.extend_from_slice(args);
    dir.run(&all)
}

fn codes(exceptions: &Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for e in exceptions.as_array().expect("an array of exceptions") {
        *counts
            .entry(e["code"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// Reconciles a sample month into `out`; returns its summary and exceptions.
fn sample_month(dir: &Workdir, month: &str, out: &str) -> (Value, Value) {
    let config = repo(&format!("sample-data/{month}/recon.toml"));
    reconcile(dir, &["--config", &config, "--out", out]).succeeds();
    (
        dir.json(&format!("{out}/summary.json")),
        dir.json(&format!("{out}/exceptions.json")),
    )
}

/// The headline and the money of a summary, as text.
fn headline(summary: &Value) -> [&str; 4] {
    fn text(v: &Value) -> &str {
        v.as_str().unwrap_or("(missing)")
    }
    [
        text(&summary["trips"]["headline"]),
        text(&summary["money"]["invoiced"]),
        text(&summary["money"]["supported"]),
        text(&summary["money"]["at_risk"]),
    ]
}

#[test]
fn the_english_sample_month_matches_the_figures_worked_by_hand() {
    let dir = Workdir::new();
    let (summary, exceptions) = sample_month(&dir, "en", "report");
    // T-003 (illegible receipt), T-005 (no driver) and T-007 (no receipt) are not documented.
    // Invoiced: 56 + 70 + 46.50 + 63 + 134.40 + 61 + 56 + 45.60 + 70 + 38.75.
    // At risk per line, the largest reason: 46.50 illegible receipt, 8.40 over the tank
    // (6 L × 1.40), 5.00 above its receipt, 56.00 a copied receipt, 3.60 above contract
    // (0.12 × 30 L), 70.00 billed twice, 38.75 no receipt.
    assert_eq!(
        headline(&summary),
        [
            "documented: 5 of 8 trip tickets",
            "641.25",
            "413.00",
            "228.25"
        ]
    );
    assert_eq!(
        summary["trips"]["by_vehicle"]["UN-103"],
        serde_json::json!({"total": 2, "documented": 0})
    );
    let expected: BTreeMap<String, usize> = [
        ("AMOUNT_MISMATCH", 1),
        ("ARITHMETIC_ERROR", 1),
        ("BILLED_TWICE", 1),
        ("BILLED_WITHOUT_RECEIPT", 1),
        ("CONSUMPTION_OUTLIER", 1),
        ("INVALID_VALUE", 1),
        ("MISSING_FIELD", 1),
        ("ODOMETER_GAP", 1),
        ("OFF_HOURS_FILL", 1),
        ("POSSIBLE_DUPLICATE", 1),
        ("PRICE_ABOVE_CONTRACT", 2),
        ("RECEIPT_NOT_BILLED", 1),
        ("RECEIPT_WITHOUT_TRIP", 1),
        ("TANK_CAPACITY_EXCEEDED", 1),
        ("TRIP_WITHOUT_RECEIPT", 1),
        ("UNREADABLE_FIELD", 1),
        ("VOUCHER_SEQUENCE_GAP", 1),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_string(), n))
    .collect();
    assert_eq!(codes(&exceptions), expected);
    // Every rule ran but the ledger's, which needs --ledger.
    let not_run: Vec<&str> = summary["rules_not_run"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    assert_eq!(not_run, ["RECEIPT_ALREADY_PAID"]);
}

#[test]
fn the_french_sample_month_matches_the_figures_worked_by_hand() {
    let dir = Workdir::new();
    let (summary, exceptions) = sample_month(&dir, "fr", "rapport");
    // FR-03 (fuel "?", illegible receipt) and FR-05 (no driver, partial receipt).
    // Invoiced: 29 803 + 32 750 + 26 200 + 23 250 + 27 125; line 5's amount is #N/A.
    // At risk: 26 200 on an illegible receipt, 27 125 on a line with no receipt.
    assert_eq!(
        headline(&summary),
        [
            "justifiées : 3 feuilles de route sur 5",
            "139128",
            "85803",
            "53325"
        ]
    );
    let found = codes(&exceptions);
    assert_eq!(found["UNREADABLE_FIELD"], 4);
    assert_eq!(found["MISSING_FIELD"], 1);
    assert_eq!(found["BILLED_WITHOUT_RECEIPT"], 1);
    assert_eq!(found.values().sum::<usize>(), 6);
}

#[test]
fn every_output_file_is_written_with_the_spec_fields() {
    let dir = Workdir::new();
    reconcile(
        &dir,
        &[
            "--config",
            &repo("sample-data/en/recon.toml"),
            "--out",
            "report",
        ],
    )
    .succeeds();
    let header = dir
        .read("report/exceptions.csv")
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        header,
        "id,code,severity,document,trip_id,receipt_no,invoice_no,invoice_line,vehicle_id,driver,vendor,date,amount_at_risk,message,evidence,source"
    );
    let first = &dir.json("report/exceptions.json")[0];
    assert!(first["evidence"].is_object());
    assert!(first["source"].as_str().unwrap().contains(".csv:"));
    assert!(
        dir.read("report/matches.csv")
            .contains("invoice KF-2024-031 line 1,receipt R-5001,receipt_no")
    );
    let manifest = dir.json("report/manifest.json");
    assert_eq!(manifest["tool"], "fuelrecon");
    assert_eq!(manifest["generated_at"], "2023-11-14T22:13:20Z");
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 5);
    assert_eq!(manifest["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
}

/// Writes the audit's scenario: 31 vehicles, 75 trip tickets with fuel, of which 6 have a
/// legible, complete receipt and 69 lack one, have an unreadable one, or have a blank field.
fn audit_scenario(dir: &Workdir) -> Vec<String> {
    let mut trips =
        String::from("trip_id,vehicle_id,driver,date_out,odometer_out,odometer_in,fuel_litres\n");
    let mut receipts =
        String::from("receipt_no,vehicle_id,date,vendor,litres,amount,trip_id,legible\n");
    let mut undocumented = Vec::new();
    for n in 0..75u32 {
        let vehicle = format!("UNMIS-{:03}", n % 31);
        let trip = format!("FR-{n:04}");
        let day = 1 + n % 28;
        let driver = if n % 5 == 4 {
            String::new()
        } else {
            format!("Driver {n}")
        };
        trips.push_str(&format!(
            "{trip},{vehicle},{driver},2010-11-{day:02},{},{},40\n",
            1000 * n,
            1000 * n + 200
        ));
        // 0..5 mod 6: 0 complete, 1 no receipt, 2 illegible, 3 unreadable amount, 4 blank
        // driver (on the trip), 5 receipt with a blank litres field. Six trips (n = 0, 30, 60
        // and 6, 36, 66 ...) are chosen complete below.
        let complete = n % 12 == 0 && n % 5 != 4;
        let receipt = match (complete, n % 6) {
            (true, _) => Some("40,30000,".to_string() + &trip + ",yes"),
            (false, 1) => None,
            (false, 2) => Some("40,30000,".to_string() + &trip + ",illegible"),
            (false, 3) => Some("40,?,".to_string() + &trip + ",yes"),
            (false, 5) => Some(",30000,".to_string() + &trip + ",yes"),
            (false, _) => Some("40,30000,".to_string() + &trip + ",non"),
        };
        if let Some(rest) = receipt {
            receipts.push_str(&format!(
                "RC-{n:04},{vehicle},2010-11-{day:02},Vendor,{rest}\n"
            ));
        }
        if !complete {
            undocumented.push(trip);
        }
    }
    dir.write("trips.csv", trips);
    dir.write("receipts.csv", receipts);
    undocumented
}

#[test]
fn the_audits_scenario_documents_6_of_75_and_names_the_other_69() {
    let dir = Workdir::new();
    let undocumented = audit_scenario(&dir);
    assert_eq!(
        undocumented.len(),
        69,
        "the scenario is built as the audit found it"
    );
    reconcile(
        &dir,
        &[
            "--trips",
            "trips.csv",
            "--receipts",
            "receipts.csv",
            "--out",
            "report",
        ],
    )
    .succeeds();
    let summary = dir.json("report/summary.json");
    assert_eq!(
        summary["trips"]["headline"],
        "documented: 6 of 75 trip tickets"
    );
    assert_eq!(
        summary["trips"]["by_vehicle"].as_object().unwrap().len(),
        31
    );
    let exceptions = dir.json("report/exceptions.json");
    let text = exceptions.to_string();
    for trip in &undocumented {
        assert!(
            text.contains(&format!("\"{trip}\"")),
            "{trip} is named by an exception"
        );
    }
    let not_run: Vec<&str> = summary["rules_not_run"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        not_run.contains(&"BILLED_WITHOUT_RECEIPT"),
        "no invoices: {not_run:?}"
    );
    assert!(
        not_run.contains(&"TANK_CAPACITY_EXCEEDED"),
        "no vehicles: {not_run:?}"
    );
}

/// Shuffles the data rows of a CSV file, keeping its header, by a fixed permutation.
fn shuffle_rows(text: &str, seed: usize) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let n = lines.len();
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (i * 7919 + seed * 104_729) % (i + 1);
        order.swap(i, j);
    }
    let mut out = String::from(header);
    out.push('\n');
    for i in order {
        if !lines[i].trim().is_empty() {
            out.push_str(lines[i]);
            out.push('\n');
        }
    }
    out
}

/// A report with the row numbers taken out of `source` references: they are the one thing
/// that rightly changes when rows move.
fn without_row_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == ':' && chars.peek().is_some_and(char::is_ascii_digit) && out.ends_with(".csv:") {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('#');
        }
    }
    out
}

#[test]
fn shuffled_rows_give_byte_identical_reports() {
    let dir = Workdir::new();
    let names = [
        "trips.csv",
        "receipts.csv",
        "invoices.csv",
        "vehicles.csv",
        "prices.csv",
    ];
    for name in names {
        let text = std::fs::read_to_string(repo(&format!("sample-data/en/{name}"))).unwrap();
        dir.write(
            &format!("a/{name}"),
            shuffle_rows(&text, 0).replace("\n\n", "\n"),
        );
        dir.write(&format!("b/{name}"), shuffle_rows(&text, 1));
        dir.write(&format!("c/{name}"), shuffle_rows(&text, 2));
    }
    let config = std::fs::read_to_string(repo("sample-data/en/recon.toml")).unwrap();
    let mut reports = Vec::new();
    for run in ["a", "b", "c"] {
        dir.write(
            &format!("{run}/recon.toml"),
            config.replace("../../report-en", "report"),
        );
        reconcile(&dir, &["--config", &format!("{run}/recon.toml")]).succeeds();
        reports.push(
            [
                "exceptions.json",
                "exceptions.csv",
                "summary.json",
                "matches.csv",
                "lines.csv",
                "trips.csv",
                "receipts.csv",
            ]
            .map(|f| {
                without_row_numbers(
                    &dir.read(&format!("{run}/report/{f}"))
                        .replace(&format!("{run}/"), ""),
                )
            }),
        );
    }
    assert_ne!(
        dir.read("a/trips.csv"),
        dir.read("b/trips.csv"),
        "the rows did move"
    );
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
}

#[test]
fn fail_on_exits_1_only_when_such_an_exception_exists() {
    let dir = Workdir::new();
    let config = repo("sample-data/en/recon.toml");
    assert_eq!(
        reconcile(
            &dir,
            &["--config", &config, "--out", "r1", "--fail-on", "high"]
        )
        .code,
        1
    );
    let clean = dir.write(
        "r.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount\nR1,V1,2020-03-05,Total,40,100\n",
    );
    assert_eq!(
        reconcile(
            &dir,
            &["--receipts", &clean, "--out", "r2", "--fail-on", "low"]
        )
        .code,
        0
    );
    // Findings below the threshold do not fail the run; at or above it they do.
    let low_and_medium = dir.write(
        "lm.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount\n\
         R1,V1,2020-03-05,Total,10,6500\nR2,V1,2020-03-05,Total,20,13000\n\
         R3,V1,2020-03-05,Total,30,19500\nR4,V2,2020-03-06,Total,4O,100\n",
    );
    let fails_on = |severity: &str| {
        let out = format!("lm-{severity}");
        let run = reconcile(
            &dir,
            &[
                "--receipts",
                &low_and_medium,
                "--out",
                &out,
                "--fail-on",
                severity,
            ],
        );
        let severities: BTreeMap<String, usize> = dir
            .json(&format!("{out}/exceptions.json"))
            .as_array()
            .unwrap()
            .iter()
            .fold(BTreeMap::new(), |mut counts, e| {
                *counts
                    .entry(e["severity"].as_str().unwrap().to_string())
                    .or_insert(0) += 1;
                counts
            });
        assert_eq!(
            severities,
            BTreeMap::from([("low".to_string(), 1), ("medium".to_string(), 1)])
        );
        run.code
    };
    assert_eq!(fails_on("high"), 0, "only low and medium findings");
    assert_eq!(fails_on("medium"), 1);
    assert_eq!(fails_on("low"), 1);
}

#[test]
fn the_config_date_order_decides_ambiguous_dates() {
    let dir = Workdir::new();
    dir.write("trips.csv", "trip_id,vehicle_id,driver,date_out,odometer_out,odometer_in,fuel_litres\nT1,V1,Ann,2020-03-05,100,200,40\n");
    dir.write(
        "receipts.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount\nR1,V1,03/05/2020,Total,40,100\n",
    );
    let run = |order: &str, out: &str| {
        dir.write("recon.toml", format!("trips = [\"trips.csv\"]\nreceipts = [\"receipts.csv\"]\n[reading]\ndate_order = \"{order}\"\n"));
        reconcile(&dir, &["--config", "recon.toml", "--out", out]).succeeds();
        dir.json(&format!("{out}/summary.json"))["trips"]["documented"].clone()
    };
    assert_eq!(
        run("month-first", "m"),
        1,
        "3 May read as 5 March matches the trip"
    );
    assert_eq!(run("day-first", "d"), 0);
}

#[test]
fn the_report_folder_is_replaced_but_never_a_folder_of_other_things() {
    let dir = Workdir::new();
    let config = repo("sample-data/en/recon.toml");
    reconcile(&dir, &["--config", &config, "--out", "report"]).succeeds();
    reconcile(&dir, &["--config", &config, "--out", "report"]).succeeds();
    dir.write("documents/thesis.docx", "precious");
    reconcile(&dir, &["--config", &config, "--out", "documents"])
        .fails_naming("documents: the folder is not empty");
    assert!(dir.path("documents/thesis.docx").exists());
    // An auditor's notes in an earlier report are never deleted by a rerun.
    dir.write("report/mynotes.txt", "notes");
    reconcile(&dir, &["--config", &config, "--out", "report"]).fails_naming("mynotes.txt");
    assert_eq!(dir.read("report/mynotes.txt"), "notes");
    assert!(
        dir.path("report/summary.json").exists(),
        "the report is kept whole"
    );
}

#[test]
fn an_invoices_only_run_supports_nothing_and_says_the_invoices_were_not_checked() {
    let dir = Workdir::new();
    let invoices = repo("sample-data/en/invoices.csv");
    let run = reconcile(&dir, &["--invoices", &invoices, "--out", "x"]);
    run.succeeds();
    assert!(
        run.stdout.contains("supported 0.00") && run.stdout.contains("unverified 636.25"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("NOT checked against receipts"),
        "{}",
        run.stdout
    );
    let summary = dir.json("x/summary.json");
    assert_eq!(summary["invoices_checked_against_receipts"], false);
    assert_eq!(summary["money"]["supported"], "0.00");
    assert_eq!(summary["money"]["invoiced"], "641.25");
    let lines = dir.read("x/lines.csv");
    assert!(
        lines.lines().skip(1).all(|l| l.contains(",unverified,")),
        "{lines}"
    );
}

/// What finance would pay from: a line is withheld, not supported, when its receipt cannot show
/// what was paid: its amount unreadable (`?`) or not a number (`12O.00`), or its row out of
/// line (an unquoted `1,120.00` reads as an amount of 1 and pushes the station beyond the last
/// column). A receipt that reads well still supports its line.
#[test]
fn a_line_whose_receipt_cannot_show_its_amount_is_withheld() {
    let dir = Workdir::new();
    let receipts = dir.write(
        "receipts.csv",
        "receipt_no,vehicle_id,date,vendor,litres,amount,station\n\
         R1,V1,2024-03-01,Kivu,40,56.00,Goma\n\
         R2,V1,2024-03-02,Kivu,800,1,120.00,Goma\n\
         R3,V1,2024-03-03,Kivu,40,?,Goma\n\
         R4,V1,2024-03-04,Kivu,40,12O.00,Goma\n",
    );
    let invoices = dir.write(
        "invoices.csv",
        "invoice_no,vendor,invoice_date,receipt_no,litres,amount\n\
         KF-1,Kivu,2024-03-31,R1,40,56.00\n\
         KF-1,Kivu,2024-03-31,R2,800,1120.00\n\
         KF-1,Kivu,2024-03-31,R3,40,56.00\n\
         KF-1,Kivu,2024-03-31,R4,40,56.00\n",
    );
    reconcile(
        &dir,
        &[
            "--receipts",
            &receipts,
            "--invoices",
            &invoices,
            "--out",
            "x",
        ],
    )
    .succeeds();
    let lines = dir.read("x/lines.csv");
    let status: Vec<(&str, &str)> = (lines.lines().skip(1))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[4], cells[15])
        })
        .collect();
    assert_eq!(
        status,
        [
            ("R1", "supported"),
            ("R2", "withheld"),
            ("R3", "withheld"),
            ("R4", "withheld")
        ],
        "{lines}"
    );
    let exceptions = dir.json("x/exceptions.json");
    let out_of_line = (exceptions.as_array().unwrap().iter())
        .find(|e| e["code"] == "INVALID_VALUE" && e["receipt_no"] == "R2")
        .expect("the out-of-line row is an INVALID_VALUE");
    assert!(
        out_of_line["message"]
            .as_str()
            .unwrap()
            .contains("(\"Goma\")"),
        "{out_of_line}"
    );
}

#[test]
fn a_receipts_only_run_states_the_receipts_total_and_what_is_flagged() {
    let dir = Workdir::new();
    let receipts = repo("sample-data/en/receipts.csv");
    let run = reconcile(&dir, &["--receipts", &receipts, "--out", "x"]);
    run.succeeds();
    assert!(run.stdout.contains("receipts total"), "{}", run.stdout);
    assert!(!run.stdout.contains("invoiced 0"), "{}", run.stdout);
    let summary = dir.json("x/summary.json");
    assert!(summary["receipts"]["total"].as_str().unwrap() != "0");
    // The register's at_risk column adds up to the flagged total the headline states.
    let text = dir.read("x/receipts.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let at_risk = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "at_risk");
    let at_risk = at_risk.expect("receipts.csv has an at_risk column");
    let column_total: rust_decimal::Decimal = reader
        .records()
        .map(|row| decimal(&row.unwrap()[at_risk]))
        .sum();
    let flagged = decimal(summary["receipts"]["flagged"].as_str().unwrap());
    assert!(flagged > rust_decimal::Decimal::ZERO);
    assert_eq!(column_total, flagged);
}

fn decimal(text: &str) -> rust_decimal::Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn lines_csv_adds_up_to_the_summary_per_invoice_and_per_vendor() {
    let dir = Workdir::new();
    for month in ["en", "fr"] {
        let (summary, _) = sample_month(&dir, month, month);
        let text = dir.read(&format!("{month}/lines.csv"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let mut by_invoice: BTreeMap<(String, String), [rust_decimal::Decimal; 4]> =
            BTreeMap::new();
        for row in reader.records() {
            let row = row.unwrap();
            // A line whose amount cannot be read has no figures, and is withheld.
            if row[column("billed")].is_empty() {
                assert_eq!(&row[column("status")], "withheld");
                continue;
            }
            let figures = ["billed", "accepted", "withheld", "unverified"]
                .map(|name| decimal(&row[column(name)]));
            assert_eq!(
                figures[0],
                figures[1] + figures[2] + figures[3],
                "billed = accepted + withheld + unverified: {row:?}"
            );
            let entry = by_invoice
                .entry((
                    row[column("vendor")].to_string(),
                    row[column("invoice_no")].to_string(),
                ))
                .or_default();
            for (total, figure) in entry.iter_mut().zip(figures) {
                *total += figure;
            }
        }
        let invoices = summary["money_by_invoice"].as_array().unwrap();
        assert_eq!(invoices.len(), by_invoice.len());
        for invoice in invoices {
            let key = (
                invoice["vendor"].as_str().unwrap().to_string(),
                invoice["invoice_no"].as_str().unwrap().to_string(),
            );
            let [billed, accepted, withheld, unverified] = by_invoice[&key];
            assert_eq!(decimal(invoice["invoiced"].as_str().unwrap()), billed);
            assert_eq!(decimal(invoice["supported"].as_str().unwrap()), accepted);
            assert_eq!(decimal(invoice["at_risk"].as_str().unwrap()), withheld);
            assert_eq!(decimal(invoice["unverified"].as_str().unwrap()), unverified);
        }
        let total: rust_decimal::Decimal = by_invoice.values().map(|f| f[1]).sum();
        assert_eq!(
            decimal(summary["money"]["supported"].as_str().unwrap()),
            total
        );
        for (vendor, money) in summary["money_by_vendor"].as_object().unwrap() {
            let accepted: rust_decimal::Decimal = by_invoice
                .iter()
                .filter(|((v, _), _)| v == vendor)
                .map(|(_, f)| f[1])
                .sum();
            assert_eq!(decimal(money["supported"].as_str().unwrap()), accepted);
        }
    }
}

#[test]
fn exception_ids_survive_shuffled_rows_and_an_added_row() {
    let dir = Workdir::new();
    let (_, before) = sample_month(&dir, "en", "before");
    let ids = |exceptions: &Value| -> BTreeMap<String, String> {
        exceptions
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let id = e["id"].as_str().unwrap().to_string();
                (id, e["code"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let before_ids = ids(&before);
    assert_eq!(
        before_ids.len(),
        before.as_array().unwrap().len(),
        "ids are unique"
    );
    for name in [
        "trips.csv",
        "receipts.csv",
        "invoices.csv",
        "vehicles.csv",
        "prices.csv",
    ] {
        let text = std::fs::read_to_string(repo(&format!("sample-data/en/{name}"))).unwrap();
        let mut text = shuffle_rows(&text, 3);
        if name == "receipts.csv" {
            // An unrelated, clean receipt of another vehicle: it raises only its own finding.
            let columns = text.lines().next().unwrap().split(',').count();
            let mut row = vec![""; columns];
            row[0] = "R-9999";
            text.push_str(&row.join(","));
            text.push('\n');
        }
        dir.write(&format!("m/{name}"), text);
    }
    let config = std::fs::read_to_string(repo("sample-data/en/recon.toml")).unwrap();
    dir.write("m/recon.toml", config.replace("../../report-en", "report"));
    reconcile(&dir, &["--config", "m/recon.toml"]).succeeds();
    let after = ids(&dir.json("m/report/exceptions.json"));
    for (id, code) in &before_ids {
        assert_eq!(after.get(id), Some(code), "{id} ({code}) keeps its id");
    }
    assert!(
        after.len() > before_ids.len(),
        "the added row raised something of its own"
    );
}

#[test]
fn without_an_out_folder_or_inputs_the_usage_error_says_what_to_give() {
    let dir = Workdir::new();
    reconcile(&dir, &["--receipts", "r.csv"]).fails_naming("no report folder: give --out DIR");
    reconcile(&dir, &["--out", "x"]).fails_naming("no input files");
}

#[test]
fn the_rules_command_prints_the_catalogue_and_each_manual() {
    let dir = Workdir::new();
    let run = dir.run(&["rules"]);
    run.succeeds();
    assert_eq!(
        run.stdout.lines().count(),
        fuelrecon::rules::REGISTRY.len(),
        "one line per rule"
    );
    assert!(run.stdout.contains("BILLED_TWICE"));
    let manual = dir.run(&["rules", "billed_twice"]);
    manual.succeeds();
    assert!(manual.stdout.contains("## Why it matters to an auditor"));
    let french = dir.run(&["rules", "billed_twice", "--lang", "fr"]);
    french.succeeds();
    assert!(
        french
            .stdout
            .starts_with("BILLED_TWICE (élevée)\nun reçu est facturé sur plus")
    );
    assert!(
        french
            .stdout
            .contains("## Pourquoi c'est important pour un auditeur\n")
    );
    let list = dir.run(&["rules", "--lang", "fr"]);
    assert!(
        list.stdout
            .contains("le montant facturé diffère de celui du reçu")
    );
    dir.run(&["rules", "NOPE"]).fails_naming("no rule \"NOPE\"");
}

#[test]
fn a_time_kept_in_its_own_column_is_checked_against_working_hours() {
    let dir = Workdir::new();
    dir.write(
        "receipts.csv",
        "receipt_no;vehicle_id;date;heure;vendor;litres;amount\nR1;V1;05/03/2024;22:15;Total;40;100\nR2;V1;06/03/2024;09:00;Total;40;100\n",
    );
    dir.write(
        "recon.toml",
        "receipts = [\"receipts.csv\"]\n[rules]\nworking_hours = \"06:00-20:00\"\n",
    );
    reconcile(&dir, &["--config", "recon.toml", "--out", "report"]).succeeds();
    let exceptions = dir.json("report/exceptions.json");
    let off_hours: Vec<&str> = exceptions
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "OFF_HOURS_FILL")
        .map(|e| e["receipt_no"].as_str().unwrap())
        .collect();
    assert_eq!(off_hours, ["R1"]);
}

#[test]
fn a_vendor_known_by_another_name_on_its_invoices_is_one_vendor() {
    let dir = Workdir::new();
    dir.write("receipts.csv", "receipt_no,vehicle_id,date,vendor,litres,amount\nR1,V1,2024-03-05,Total Énergies,40,26200\n");
    dir.write("invoices.csv", "invoice_no,vendor,invoice_date,receipt_no,litres,amount\nF1,TOTAL ENERGIES SENEGAL SA,2024-03-31,R1,40,26200\n");
    let billed = |config: &str, out: &str| {
        dir.write(
            "recon.toml",
            format!("receipts = [\"receipts.csv\"]\ninvoices = [\"invoices.csv\"]\n{config}"),
        );
        reconcile(&dir, &["--config", "recon.toml", "--out", out]).succeeds();
        codes(&dir.json(&format!("{out}/exceptions.json")))
            .get("BILLED_WITHOUT_RECEIPT")
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(billed("", "a"), 1, "two names, two vendors");
    assert_eq!(
        billed(
            "[vendors.\"Total Énergies\"]\nnames = [\"TOTAL ENERGIES SENEGAL SA\"]\n",
            "b"
        ),
        0
    );
}

#[test]
fn an_invoice_citing_the_fuel_voucher_links_to_the_receipt_paid_with_it() {
    let dir = Workdir::new();
    dir.write("receipts.csv", "receipt_no,vehicle_id,date,vendor,litres,amount,voucher_no\nR-88,V1,2024-03-05,Total,40,26200,B-0301\n");
    dir.write("invoices.csv", "N° Facture,Fournisseur,Date facture,Réf. bon,Litres,Montant\nF1,Total,31/03/2024,B-0301,40,26200\n");
    reconcile(
        &dir,
        &[
            "--receipts",
            "receipts.csv",
            "--invoices",
            "invoices.csv",
            "--out",
            "r",
        ],
    )
    .succeeds();
    assert!(
        dir.read("r/matches.csv")
            .contains("invoice F1 line 1,receipt R-88,voucher"),
        "{}",
        dir.read("r/matches.csv")
    );
    assert_eq!(dir.json("r/summary.json")["money"]["at_risk"], "0");
}

/// Rows of several files are one list (SPEC §2), so an invoice without line numbers sent again
/// in a second file continues its numbering (lines 3 and 4): each of its lines bills a receipt
/// already billed, and is withheld as BILLED_TWICE. (An invoice split over two files is then
/// numbered on, not raised as a duplicate of itself.)
#[test]
fn an_invoice_sent_twice_in_two_files_is_billed_twice_line_by_line() {
    let dir = Workdir::new();
    dir.write("receipts.csv", "receipt_no,vehicle_id,date,vendor,litres,amount\nR1,V1,2024-03-05,Total,40,100\nR2,V1,2024-03-06,Total,40,100\n");
    let invoice = "invoice_no,vendor,invoice_date,receipt_no,litres,amount\nF1,Total,2024-03-31,R1,40,100\nF1,Total,2024-03-31,R2,40,100\n";
    dir.write("march.csv", invoice);
    dir.write("march-again.csv", invoice);
    reconcile(
        &dir,
        &[
            "--receipts",
            "receipts.csv",
            "--invoices",
            "march.csv",
            "march-again.csv",
            "--out",
            "r",
        ],
    )
    .succeeds();
    let found = codes(&dir.json("r/exceptions.json"));
    assert_eq!(found.get("DUPLICATE_DOCUMENT"), None);
    assert_eq!(found.get("BILLED_TWICE"), Some(&2));
    assert_eq!(dir.json("r/summary.json")["money"]["at_risk"], "200");
}

#[test]
fn messages_are_in_the_language_asked_for() {
    let dir = Workdir::new();
    let (_, exceptions) = sample_month(&dir, "fr", "rapport");
    let line_6 = exceptions
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "BILLED_WITHOUT_RECEIPT")
        .unwrap();
    assert!(
        line_6["message"]
            .as_str()
            .unwrap()
            .starts_with("La ligne 6 de la facture FA-2409-01 n'est justifiée par aucun reçu")
    );
    let config = repo("sample-data/fr/recon.toml");
    reconcile(
        &dir,
        &["--config", &config, "--lang", "en", "--out", "report"],
    )
    .succeeds();
    let english = dir.read("report/exceptions.json");
    assert!(english.contains("Invoice FA-2409-01 line 6 is not backed by a receipt"));
    assert_eq!(dir.json("report/manifest.json")["lang"], "en");
}
