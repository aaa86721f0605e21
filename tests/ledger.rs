//! The ledger (SPEC §9) through the binary: accept, disputes, resolve, handover, and the read
//! API reconcile and the letters call. Every scenario runs against an SQLite file and against
//! a real PostgreSQL server the test starts itself (see ledger/pg.rs); without PostgreSQL the
//! second prints "skipped: …", unless FUELRECON_REQUIRE_EXTERNAL=1.

mod common;
#[path = "ledger/pg.rs"]
mod pg;

use common::{Run, Workdir};
use fuelrecon::ledger::{Ledger, receipt_key};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// 2024-03-31, 2024-04-02, 2024-04-30, 2024-05-01 at midnight UTC.
const MARCH_31: i64 = 1_711_843_200;
const APRIL_2: i64 = 1_712_016_000;
const APRIL_30: i64 = 1_714_435_200;
const MAY_1: i64 = 1_714_521_600;

/// Where a scenario's ledger lives; holds the PostgreSQL server while the scenario runs.
struct At {
    location: String,
    _server: Option<pg::Cluster>,
}

fn sqlite(wd: &Workdir) -> Option<At> {
    Some(At {
        location: wd.path("ledger.db").to_string_lossy().into_owned(),
        _server: None,
    })
}

fn postgres(_: &Workdir) -> Option<At> {
    let server = pg::Cluster::start()?;
    Some(At {
        location: server.database("ledger"),
        _server: Some(server),
    })
}

/// A scenario run once per backend: `scenario::sqlite` and `scenario::postgres`.
macro_rules! on_both {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[test]
            fn sqlite() {
                let wd = super::common::Workdir::new();
                let at = super::sqlite(&wd).unwrap();
                super::$scenario(&wd, &at.location);
            }

            #[test]
            fn postgres() {
                let wd = super::common::Workdir::new();
                if let Some(at) = super::postgres(&wd) {
                    super::$scenario(&wd, &at.location);
                }
            }
        }
    )*};
}

on_both!(
    two_months_reconciled_and_accepted,
    accept_records_payments_and_disputes,
    accepting_a_run_twice_changes_nothing,
    a_dispute_is_resolved_once,
    resolved_as_paid_its_receipt_is_paid,
    a_newer_ledger_is_refused,
    a_killed_accept_leaves_the_ledger_as_it_was,
    two_accepts_at_once_both_land,
    handover_lists_what_is_open,
    reading_never_writes,
);

/// Runs fuelrecon with the clock at `epoch`.
fn fuelrecon(wd: &Workdir, epoch: i64, args: &[&str]) -> Run {
    let output = assert_cmd::Command::cargo_bin("fuelrecon")
        .unwrap()
        .current_dir(wd.root())
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .env_remove("FUELRECON_TEST_PAUSE_IN_ACCEPT")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// One row of a hand-made lines.csv.
struct Line {
    invoice: &'static str,
    line: u32,
    vendor: &'static str,
    receipt: &'static str,
    vehicle: &'static str,
    billed: &'static str,
    accepted: &'static str,
    withheld: &'static str,
    codes: &'static str,
    reason: &'static str,
}

const fn paid(
    invoice: &'static str,
    line: u32,
    receipt: &'static str,
    amount: &'static str,
) -> Line {
    Line {
        invoice,
        line,
        vendor: "Total Énergies",
        receipt,
        vehicle: "UN-101",
        billed: amount,
        accepted: amount,
        withheld: "0",
        codes: "",
        reason: "",
    }
}

const fn withheld(
    invoice: &'static str,
    line: u32,
    receipt: &'static str,
    amount: &'static str,
    codes: &'static str,
    reason: &'static str,
) -> Line {
    Line {
        invoice,
        line,
        vendor: "Total Énergies",
        receipt,
        vehicle: "UN-102",
        billed: amount,
        accepted: "0",
        withheld: amount,
        codes,
        reason,
    }
}

/// A report folder as `reconcile --out` writes it (manifest.json and lines.csv), made by hand.
fn report(wd: &Workdir, name: &str, generated_at: &str, inputs: &[&str], lines: &[Line]) -> String {
    let inputs: Vec<String> = inputs
        .iter()
        .map(|sha| {
            format!(
                r#"{{"path": "{sha}.csv", "kind": "invoices", "source": "{sha}.csv", "size": 1, "sha256": "{sha}"}}"#
            )
        })
        .collect();
    wd.write(
        &format!("{name}/manifest.json"),
        format!(
            "{{\n  \"tool\": \"fuelrecon\",\n  \"version\": \"0.1.0\",\n  \"generated_at\": \"{generated_at}\",\n  \"lang\": \"en\",\n  \"inputs\": [{}],\n  \"outputs\": [\"lines.csv\"]\n}}\n",
            inputs.join(", ")
        ),
    );
    let mut csv = String::from(
        "invoice_no,line_no,vendor,invoice_date,receipt_no,linked_receipt,link_method,vehicle_id,fill_date,fuel_type,litres,billed,accepted,withheld,unverified,status,codes,reasons,exception_ids,source\n",
    );
    for (row, l) in lines.iter().enumerate() {
        let status = if l.withheld == "0" {
            "supported"
        } else {
            "withheld"
        };
        csv.push_str(&format!(
            "{},{},{},{},{},{},receipt_no,{},2024-03-10,diesel,40,{},{},{},0,{status},{},{},{},invoices.csv:{}\n",
            l.invoice,
            l.line,
            l.vendor,
            &generated_at[..10],
            l.receipt,
            l.receipt,
            l.vehicle,
            l.billed,
            l.accepted,
            l.withheld,
            l.codes,
            l.reason,
            if l.codes.is_empty() { String::new() } else { format!("EX-{row}") },
            row + 2
        ));
    }
    wd.write(&format!("{name}/lines.csv"), csv);
    wd.path(name).to_string_lossy().into_owned()
}

/// March: three receipts paid, one line withheld (R-5004 billed without a legible receipt).
fn march(wd: &Workdir) -> String {
    report(
        wd,
        "march",
        "2024-03-31T00:00:00Z",
        &["aa01", "aa02"],
        &[
            paid("F-100", 1, "R-5001", "60.00"),
            paid("F-100", 2, "R-5002", "45.50"),
            paid("F-100", 3, "0005003", "30.25"),
            withheld(
                "F-100",
                4,
                "R-5004",
                "52.00",
                "UNREADABLE_FIELD",
                "Receipt R-5004 is not legible",
            ),
        ],
    )
}

/// April: re-bills two of March's receipts (withheld), pays a new one.
fn april(wd: &Workdir) -> String {
    report(
        wd,
        "april",
        "2024-04-30T00:00:00Z",
        &["bb01", "bb02"],
        &[
            paid("F-200", 1, "R-6001", "70.00"),
            withheld(
                "F-200",
                2,
                "R-5001",
                "60.00",
                "RECEIPT_ALREADY_PAID",
                "Receipt R-5001 was paid in March",
            ),
            withheld(
                "F-200",
                3,
                "5003",
                "30.25",
                "RECEIPT_ALREADY_PAID",
                "Receipt 5003 was paid in March",
            ),
        ],
    )
}

fn accept(wd: &Workdir, ledger: &str, report: &str, by: &str, epoch: i64) -> Run {
    fuelrecon(
        wd,
        epoch,
        &["accept", "--report", report, "--ledger", ledger, "--by", by],
    )
}

const RECEIPTS: &str = "receipt_no,vehicle_id,date,vendor,litres,amount\n";
const INVOICES: &str =
    "invoice_no,vendor,invoice_date,line_no,receipt_no,vehicle_id,litres,amount\n";

/// Reconciles a month's receipts and invoices into `out`, with the clock at `epoch`.
fn reconcile(wd: &Workdir, month: &str, receipts: &str, invoices: &str, epoch: i64) -> String {
    reconcile_with(wd, month, receipts, invoices, epoch, None, "report")
}

/// The same, reading `ledger` (as `reconcile --ledger` does), into `month/out`.
fn reconcile_with(
    wd: &Workdir,
    month: &str,
    receipts: &str,
    invoices: &str,
    epoch: i64,
    ledger: Option<&str>,
    out: &str,
) -> String {
    let r = wd.write(
        &format!("{month}/receipts.csv"),
        format!("{RECEIPTS}{receipts}"),
    );
    let i = wd.write(
        &format!("{month}/invoices.csv"),
        format!("{INVOICES}{invoices}"),
    );
    let out = wd
        .path(&format!("{month}/{out}"))
        .to_string_lossy()
        .into_owned();
    let mut args = vec![
        "reconcile",
        "--receipts",
        &r,
        "--invoices",
        &i,
        "--out",
        &out,
    ];
    if let Some(ledger) = ledger {
        args.extend(["--ledger", ledger]);
    }
    fuelrecon(wd, epoch, &args).succeeds();
    out
}

/// The codes of a report's exceptions, in report order.
fn codes(report: &str) -> Vec<String> {
    let text = std::fs::read_to_string(format!("{report}/exceptions.json")).unwrap();
    let exceptions: serde_json::Value = serde_json::from_str(&text).unwrap();
    exceptions
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect()
}

/// The monthly cycle with real reports: March is reconciled and accepted; April bills three
/// of March's paid receipts again and leaves March's disputes open; both are in the ledger.
fn two_months_reconciled_and_accepted(wd: &Workdir, ledger: &str) {
    let march = reconcile(
        wd,
        "march",
        "R-5001,UN-101,2024-03-04,Total,40,60.00\n\
         R-5002,UN-102,2024-03-06,Total,30,45.00\n\
         R-5003,UN-103,2024-03-08,Total,20,30.00\n\
         R-5004,UN-104,2024-03-10,Total,50,75.00\n",
        "F-301,Total,2024-03-31,1,R-5001,UN-101,40,60.00\n\
         F-301,Total,2024-03-31,2,R-5002,UN-102,30,45.00\n\
         F-301,Total,2024-03-31,3,R-5003,UN-103,20,30.00\n\
         F-301,Total,2024-03-31,4,R-5004,UN-104,50,95.00\n",
        MARCH_31,
    );
    let accepted = accept(wd, ledger, &march, "ana", APRIL_2);
    accepted.succeeds();
    // Line 4 billed 95.00 for a receipt of 75.00: 75.00 paid, 20.00 disputed.
    assert!(
        accepted
            .stdout
            .contains("4 receipts paid (210.00), 1 dispute opened (20"),
        "{}",
        accepted.stdout
    );

    let april_invoices = "F-401,Total,2024-04-30,1,R-6001,UN-101,40,60.00\n\
                          F-401,Total,2024-04-30,2,R-5001,UN-101,40,60.00\n\
                          F-401,Total,2024-04-30,3,R-5002,UN-102,30,45.00\n\
                          F-401,Total,2024-04-30,4,R-5003,UN-103,20,30.00\n";
    let april_receipts = "R-6001,UN-101,2024-04-04,Total,40,60.00\n";
    let april = reconcile_with(
        wd,
        "april",
        april_receipts,
        april_invoices,
        APRIL_30,
        Some(ledger),
        "report",
    );
    // reconcile --ledger: the three receipts paid in March are raised, and the vendor's letter
    // carries March's open dispute with its age.
    let already_paid = codes(&april)
        .iter()
        .filter(|c| *c == "RECEIPT_ALREADY_PAID")
        .count();
    assert_eq!(already_paid, 3);
    let letter = std::fs::read_to_string(format!("{april}/disputes/total.html")).unwrap();
    assert!(letter.contains("D-1"), "{letter}");
    assert!(
        letter.contains("R-5004") && letter.contains("30 days"),
        "{letter}"
    );
    // What reconcile --ledger looks up: exactly the three receipts billed again.
    let paid = Ledger::open_read_only(ledger)
        .unwrap()
        .paid_receipts()
        .unwrap();
    let again: Vec<&str> = april_invoices
        .lines()
        .map(|l| l.split(',').nth(4).unwrap())
        .filter(|receipt| {
            let (vendor, receipt) = receipt_key("TOTAL", receipt);
            paid.iter()
                .any(|p| p.vendor_key == vendor && p.receipt_key == receipt)
        })
        .collect();
    assert_eq!(again, ["R-5001", "R-5002", "R-5003"]);

    accept(wd, ledger, &april, "bo", MAY_1).succeeds();
    let open = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger, "--open"]);
    open.succeeds();
    let march_dispute = open.stdout.lines().find(|l| l.contains("R-5004")).unwrap();
    assert!(
        march_dispute.starts_with("D-1 ")
            && march_dispute.contains("31d")
            && march_dispute.contains("2024-03-31")
            && march_dispute
                .split_whitespace()
                .any(|cell| cell.parse::<rust_decimal::Decimal>() == Ok(20.into())),
        "{}",
        open.stdout
    );
    fuelrecon(
        wd,
        MAY_1,
        &[
            "disputes",
            "resolve",
            "D-1",
            "--ledger",
            ledger,
            "--as",
            "credited",
            "--note",
            "credit note CN-12",
        ],
    )
    .succeeds();
    let still_open = Ledger::open_read_only(ledger)
        .unwrap()
        .open_disputes(Some("total"))
        .unwrap();
    assert!(still_open.iter().all(|d| d.id != 1), "{still_open:?}");
    assert!(!still_open.is_empty(), "April's disputes stay open");
    // Resolved, it leaves the next letter; April, accepted, does not count against itself.
    let again = reconcile_with(
        wd,
        "april",
        april_receipts,
        april_invoices,
        MAY_1,
        Some(ledger),
        "again",
    );
    let letter = std::fs::read_to_string(format!("{again}/disputes/total.html")).unwrap();
    assert!(!letter.contains("D-1<"), "{letter}");
    assert!(!letter.contains("R-5004"), "{letter}");
    assert_eq!(
        codes(&again)
            .iter()
            .filter(|c| *c == "RECEIPT_ALREADY_PAID")
            .count(),
        3,
        "March's receipts are still paid in March"
    );
}

fn accept_records_payments_and_disputes(wd: &Workdir, ledger: &str) {
    let run = accept(wd, ledger, &march(wd), "ana", APRIL_2);
    run.succeeds();
    assert!(run.stdout.contains("3 receipts paid"), "{}", run.stdout);
    assert!(
        run.stdout.contains("1 dispute opened (52.00)"),
        "{}",
        run.stdout
    );

    let mut read = Ledger::open_read_only(ledger).unwrap();
    let paid = read.paid_receipts().unwrap();
    let keys: Vec<(String, String)> = paid
        .iter()
        .map(|p| (p.vendor_key.clone(), p.receipt_key.clone()))
        .collect();
    // Keyed as reconcile compares: the vendor folded, the receipt number normalised.
    for (vendor, receipt) in [
        ("TOTAL ENERGIES", "r5001"),
        ("total-energies", "R 5002"),
        ("Total Energies", "5003"),
    ] {
        assert!(
            keys.contains(&receipt_key(vendor, receipt)),
            "{receipt} in {keys:?}"
        );
    }
    assert!(!keys.contains(&receipt_key("Total Énergies", "R-5004")));
    let first = paid.iter().find(|p| p.receipt_key == "R5001").unwrap();
    assert_eq!(first.amount.to_string(), "60.00");
    assert_eq!((first.invoice_no.as_str(), first.line_no), ("F-100", 1));
    assert_eq!(first.accepted_at, "2024-04-02T00:00:00Z");

    let open = read.open_disputes(Some("totalenergies")).unwrap();
    assert_eq!(open.len(), 1);
    let d = &open[0];
    assert_eq!(
        (
            d.label().as_str(),
            d.invoice_no.as_str(),
            d.line_no,
            d.receipt_no.as_str()
        ),
        ("D-1", "F-100", 4, "R-5004")
    );
    assert_eq!(d.amount.to_string(), "52.00");
    assert_eq!(d.reason, "Receipt R-5004 is not legible");
    assert_eq!(d.opened_on.to_string(), "2024-03-31");
    assert_eq!(d.accepted_by, "ana");
    assert!(read.open_disputes(Some("shell")).unwrap().is_empty());

    // April's report, with two of March's receipts billed again, is accepted beside it.
    accept(wd, ledger, &april(wd), "bo", MAY_1).succeeds();
    let list = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger, "--open"]);
    list.succeeds();
    let march_line = list.stdout.lines().find(|l| l.contains("R-5004")).unwrap();
    assert!(
        march_line.starts_with("D-1 ") && march_line.contains("31d"),
        "{march_line}"
    );
    assert!(march_line.contains("52.00") && march_line.contains("not legible"));
    assert!(
        list.stdout.contains("3 disputes, 3 open (142.25)"),
        "{}",
        list.stdout
    );
}

fn accepting_a_run_twice_changes_nothing(wd: &Workdir, ledger: &str) {
    let march = march(wd);
    accept(wd, ledger, &march, "ana", APRIL_2).succeeds();
    let before = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]).stdout;
    let paid_before = Ledger::open_read_only(ledger)
        .unwrap()
        .paid_receipts()
        .unwrap();

    // The same inputs from another folder are the same run.
    let copy = report(
        wd,
        "march-again",
        "2024-04-01T00:00:00Z",
        &["aa02", "aa01"],
        &[withheld("F-1", 1, "R-1", "9.00", "X", "y")],
    );
    let again = accept(wd, ledger, &copy, "bo", APRIL_30);
    again.succeeds();
    assert!(
        again
            .stdout
            .contains("already accepted on 2024-04-02T00:00:00Z by ana")
            && again.stdout.contains("nothing changed"),
        "{}",
        again.stdout
    );
    assert_eq!(
        fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]).stdout,
        before
    );
    let paid_after = Ledger::open_read_only(ledger)
        .unwrap()
        .paid_receipts()
        .unwrap();
    assert_eq!(paid_after, paid_before);
}

fn a_dispute_is_resolved_once(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    let resolve = |epoch, outcome: &str, note: &str| {
        fuelrecon(
            wd,
            epoch,
            &[
                "disputes", "resolve", "D-1", "--ledger", ledger, "--as", outcome, "--note", note,
                "--by", "carla",
            ],
        )
    };
    let done = resolve(APRIL_30, "credited", "credit note CN-77");
    done.succeeds();
    assert!(
        done.stdout.contains("D-1 resolved as credited"),
        "{}",
        done.stdout
    );
    assert!(
        Ledger::open_read_only(ledger)
            .unwrap()
            .open_disputes(None)
            .unwrap()
            .is_empty()
    );
    let all = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]);
    assert!(all.stdout.contains("credited"), "{}", all.stdout);
    assert!(
        fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger, "--open"])
            .stdout
            .contains("0 disputes")
    );

    let twice = resolve(MAY_1, "withdrawn", "changed my mind");
    twice.fails_naming("D-1 is already resolved");
    assert!(
        twice
            .stderr
            .contains("credited by carla at 2024-04-30T00:00:00Z: credit note CN-77")
            && twice.stderr.contains("opened on 2024-03-31"),
        "{}",
        twice.stderr
    );
    fuelrecon(
        wd,
        MAY_1,
        &[
            "disputes", "resolve", "D-9", "--ledger", ledger, "--as", "paid", "--note", "x",
        ],
    )
    .fails_naming("no dispute D-9");
}

fn resolved_as_paid_its_receipt_is_paid(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    let key = receipt_key("Total Énergies", "R-5004");
    let is_paid = || {
        Ledger::open_read_only(ledger)
            .unwrap()
            .paid_receipts()
            .unwrap()
            .into_iter()
            .find(|p| (p.vendor_key.clone(), p.receipt_key.clone()) == key)
    };
    assert!(is_paid().is_none());
    fuelrecon(
        wd,
        APRIL_30,
        &[
            "disputes",
            "resolve",
            "1",
            "--ledger",
            ledger,
            "--as",
            "paid",
            "--note",
            "legible copy received",
        ],
    )
    .succeeds();
    let payment = is_paid().unwrap();
    assert_eq!(payment.dispute_id, Some(1));
    assert_eq!(payment.amount.to_string(), "52.00");
    assert_eq!(payment.accepted_at, "2024-04-30T00:00:00Z");
}

/// Records a schema version this fuelrecon does not know, as a newer one would.
fn pretend_newer(ledger: &str) {
    let sql = "INSERT INTO fuelrecon_schema (version, name, applied_at, applied_by) \
               VALUES (3, 'future', '2030-01-01T00:00:00Z', 'fuelrecon 9.0.0')";
    if ledger.starts_with("postgres://") {
        let mut client = postgres::Client::connect(ledger, postgres::NoTls).unwrap();
        client.batch_execute(sql).unwrap();
    } else {
        rusqlite::Connection::open(ledger)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    }
}

fn a_newer_ledger_is_refused(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    pretend_newer(ledger);
    let refusal = format!(
        "written by a newer fuelrecon (schema 3, this one knows {}): upgrade fuelrecon",
        fuelrecon::ledger::schema::KNOWN_VERSION
    );
    fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]).fails_naming(&refusal);
    accept(wd, ledger, &april(wd), "bo", MAY_1).fails_naming(&refusal);
    fuelrecon(
        wd,
        MAY_1,
        &[
            "handover",
            "--ledger",
            ledger,
            "--out",
            &wd.path("pack").to_string_lossy(),
        ],
    )
    .fails_naming(&refusal);
    assert!(matches!(
        Ledger::open_read_only(ledger),
        Err(fuelrecon::ledger::LedgerError::Newer { found: 3, .. })
    ));
}

/// Starts an accept that pauses inside its transaction (the test hook), and returns once it
/// says it is there.
fn paused_accept(wd: &Workdir, ledger: &str, report: &str, seconds: u32) -> std::process::Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("fuelrecon"))
        .current_dir(wd.root())
        .env("SOURCE_DATE_EPOCH", APRIL_2.to_string())
        .env("FUELRECON_TEST_PAUSE_IN_ACCEPT", seconds.to_string())
        .args([
            "accept", "--report", report, "--ledger", ledger, "--by", "paused",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    assert!(line.contains("inside the transaction"), "{line:?}");
    child
}

fn a_killed_accept_leaves_the_ledger_as_it_was(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    let before = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]);
    let april = april(wd);
    let mut child = paused_accept(wd, ledger, &april, 60);
    child.kill().unwrap(); // SIGKILL: no chance to roll back or clean up
    child.wait().unwrap();

    // A reader sees March only.
    let read = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]);
    assert_eq!(
        (read.code, read.stdout.as_str(), read.stderr.as_str()),
        (0, before.stdout.as_str(), "")
    );

    // The next writer finds March only, then records April whole.
    let after = accept(wd, ledger, &april, "bo", MAY_1);
    after.succeeds();
    assert!(after.stdout.contains("accepted into"), "{}", after.stdout);
    let list = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]);
    assert_eq!(list.stdout.matches("Receipt R-5001 was paid").count(), 1);
    assert!(before.stdout.contains("1 dispute,"), "{}", before.stdout);
    assert!(list.stdout.contains("3 disputes"), "{}", list.stdout);
}

fn two_accepts_at_once_both_land(wd: &Workdir, ledger: &str) {
    // The ledger exists before the race, so both writers find its schema.
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    let april = april(wd);
    let june = report(
        wd,
        "june",
        "2024-06-30T00:00:00Z",
        &["cc01"],
        &[withheld(
            "F-300",
            1,
            "R-7001",
            "11.00",
            "AMOUNT_MISMATCH",
            "billed 11 for a receipt of 0",
        )],
    );
    let first = paused_accept(wd, ledger, &april, 2);
    let second = accept(wd, ledger, &june, "dee", MAY_1);
    second.succeeds();
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success());
    let list = fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger]);
    assert!(list.stdout.contains("4 disputes"), "{}", list.stdout);
    // Numbers are never shared: D-1 to D-4, once each.
    for id in 1..=4 {
        assert_eq!(
            list.stdout
                .lines()
                .filter(|l| l.starts_with(&format!("D-{id} ")))
                .count(),
            1,
            "{}",
            list.stdout
        );
    }
}

fn handover_lists_what_is_open(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    accept(wd, ledger, &april(wd), "bo", MAY_1).succeeds();
    fuelrecon(
        wd,
        MAY_1,
        &[
            "disputes",
            "resolve",
            "D-3",
            "--ledger",
            ledger,
            "--as",
            "withdrawn",
            "--note",
            "ok",
        ],
    )
    .succeeds();
    let out = wd.path("handover");
    let out_text = out.to_string_lossy().into_owned();
    let run = fuelrecon(
        wd,
        MAY_1,
        &["handover", "--ledger", ledger, "--out", &out_text],
    );
    run.succeeds();
    assert!(
        run.stdout.contains("2 open disputes (112.00)"),
        "{}",
        run.stdout
    );
    let csv = wd.read("handover/open-disputes.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].starts_with("D-1,Total Énergies,UN-102,F-100,4,"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains(",52.00,31,2024-03-31,"), "{}", rows[1]);
    // D-2 re-bills R-5001: its history shows the March payment it repeats.
    let d2 = rows.iter().find(|r| r.starts_with("D-2,")).unwrap();
    assert!(
        d2.contains("the receipt was paid in run") && d2.contains("invoice F-100 line 1, 60.00"),
        "{d2}"
    );
    assert!(
        !csv.contains("D-3,"),
        "a resolved dispute is not open: {csv}"
    );

    // The page: by vendor and by vehicle, each dispute with its history, in the language asked.
    let page = wd.read("handover/index.html");
    assert!(
        page.contains("<html lang=\"en\">") && page.contains("2 disputes are open"),
        "{page}"
    );
    assert!(page.contains("id=\"D-1\"") && page.contains("href=\"#D-2\""));
    assert!(page.contains("By vehicle") && page.contains("UN-102"));
    assert!(page.contains("the receipt was paid in run"));
    assert!(!page.contains("D-3"), "resolved: not in the pack");
    let french = fuelrecon(
        wd,
        MAY_1,
        &[
            "handover", "--ledger", ledger, "--out", &out_text, "--lang", "fr",
        ],
    );
    assert!(
        french.stdout.contains("2 litiges en cours (112,00)"),
        "{}",
        french.stdout
    );
    let page = wd.read("handover/index.html");
    assert!(page.contains("<html lang=\"fr\">") && page.contains("Par véhicule"));
    assert!(
        page.contains("01/05/2024") && page.contains("52,00"),
        "{page}"
    );

    // Again into the same folder: the earlier pack is replaced.
    fuelrecon(
        wd,
        MAY_1,
        &["handover", "--ledger", ledger, "--out", &out_text],
    )
    .succeeds();
    // A folder of other things is refused, and left alone.
    wd.write("precious/thesis.docx", "mine");
    let refused = fuelrecon(
        wd,
        MAY_1,
        &[
            "handover",
            "--ledger",
            ledger,
            "--out",
            &wd.path("precious").to_string_lossy(),
        ],
    );
    refused.fails_naming("precious");
    assert_eq!(wd.read("precious/thesis.docx"), "mine");
    // A report folder is not a handover either.
    let march_report = wd.path("march").to_string_lossy().into_owned();
    fuelrecon(
        wd,
        MAY_1,
        &["handover", "--ledger", ledger, "--out", &march_report],
    )
    .fails_naming("march");
    assert!(wd.path("march/lines.csv").exists());
}

fn reading_never_writes(wd: &Workdir, ledger: &str) {
    accept(wd, ledger, &march(wd), "ana", APRIL_2).succeeds();
    let snapshot = || {
        if ledger.starts_with("postgres://") {
            format!(
                "{:?}",
                Ledger::open_read_only(ledger)
                    .unwrap()
                    .paid_receipts()
                    .unwrap()
            )
        } else {
            format!("{:?}", std::fs::read(ledger).unwrap())
        }
    };
    let before = snapshot();
    fuelrecon(wd, MAY_1, &["disputes", "--ledger", ledger, "--open"]).succeeds();
    let mut read = Ledger::open_read_only(ledger).unwrap();
    read.paid_receipts().unwrap();
    read.open_disputes(None).unwrap();
    drop(read);
    let pack = wd.path("pack").to_string_lossy().into_owned();
    fuelrecon(wd, MAY_1, &["handover", "--ledger", ledger, "--out", &pack]).succeeds();
    assert_eq!(snapshot(), before);
}

#[test]
fn a_reader_after_a_killed_large_accept_sees_the_ledger_before_it() {
    // Large enough that SQLite writes pages before the commit, leaving a hot journal.
    let wd = Workdir::new();
    let ledger = wd.path("ledger.db").to_string_lossy().into_owned();
    accept(&wd, &ledger, &march(&wd), "ana", APRIL_2).succeeds();
    let before = fuelrecon(&wd, MAY_1, &["disputes", "--ledger", &ledger]);
    let lines: Vec<Line> = (0..30_000)
        .map(|_| withheld("F-9", 1, "R-9", "10.00", "AMOUNT_MISMATCH", "too much"))
        .collect();
    let big = report(&wd, "big", "2024-04-30T00:00:00Z", &["dd01"], &lines);
    let mut child = paused_accept(&wd, &ledger, &big, 60);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        wd.path("ledger.db-journal").exists(),
        "the kill left a journal"
    );
    let after = fuelrecon(&wd, MAY_1, &["disputes", "--ledger", &ledger]);
    assert_eq!(
        (after.code, after.stdout, after.stderr),
        (0, before.stdout, String::new())
    );
}

#[test]
fn a_missing_ledger_is_not_created_by_reading() {
    let wd = Workdir::new();
    fuelrecon(&wd, MAY_1, &["disputes", "--ledger", "nowhere.db"])
        .fails_naming("nowhere.db: no ledger there: `fuelrecon accept");
    assert!(!wd.path("nowhere.db").exists());
    assert!(matches!(
        Ledger::open_read_only(&wd.path("nowhere.db").to_string_lossy()),
        Err(fuelrecon::ledger::LedgerError::NotFound { .. })
    ));
}

#[test]
fn a_corrupt_ledger_file_is_one_line_and_exit_2() {
    let wd = Workdir::new();
    let bad = wd.write(
        "bad.db",
        "this is a spreadsheet, not a ledger\n".repeat(200),
    );
    let march = march(&wd);
    fuelrecon(&wd, MAY_1, &["disputes", "--ledger", &bad]).fails_naming("not a fuelrecon ledger");
    accept(&wd, &bad, &march, "ana", APRIL_2).fails_naming("not a fuelrecon ledger");
    assert_eq!(
        wd.read("bad.db"),
        "this is a spreadsheet, not a ledger\n".repeat(200)
    );
}

#[test]
fn an_empty_postgres_database_is_refused_for_reading() {
    let wd = Workdir::new();
    let Some(at) = postgres(&wd) else { return };
    fuelrecon(&wd, MAY_1, &["disputes", "--ledger", &at.location])
        .fails_naming("holds no fuelrecon ledger yet: run `fuelrecon accept");
}

#[test]
fn a_report_changed_by_hand_is_refused() {
    let wd = Workdir::new();
    let march = march(&wd);
    let lines = wd
        .read("march/lines.csv")
        .replace(",45.50,45.50,0,", ",45.50,40.00,0,");
    wd.write("march/lines.csv", lines);
    let ledger = wd.path("ledger.db").to_string_lossy().into_owned();
    accept(&wd, &ledger, &march, "ana", APRIL_2).fails_naming("lines.csv: row 3, billed");
    assert!(!wd.path("ledger.db").exists() || Ledger::open_read_only(&ledger).is_err());
}

#[test]
fn a_folder_without_a_report_is_refused() {
    let wd = Workdir::new();
    wd.write("notes/readme.txt", "hello");
    let ledger = wd.path("ledger.db").to_string_lossy().into_owned();
    accept(
        &wd,
        &ledger,
        &wd.path("notes").to_string_lossy(),
        "ana",
        APRIL_2,
    )
    .fails_naming("manifest.json");
    assert!(!wd.path("ledger.db").exists());
}
